#!/usr/bin/env bash
# The command line: options, detection, exit codes and exact messages, stdin/stdout,
# atomic -o, closed pipes.
set -u
. tests/testlib.bash

known=$("$NEWSCONV" --list-formats | awk '{printf "%s%s", sep, $1; sep=", "}')

# --help, --version, --list-formats
nc -h >"$TMPD/help" || fail "-h failed"
grep -q '^Usage: newsconv' "$TMPD/help" || fail "-h prints no usage"; pass
nc -V | grep -qx 'newsconv [0-9.]*' || fail "-V prints no version"; pass
nc --list-formats | grep -q '^model ' || fail "--list-formats lists no model"; pass

# every option of the table appears in --help
for opt in from to output metadata strict quiet verbose base-url max-size list-formats help version; do
    grep -q -- "--$opt" "$TMPD/help" || fail "--help does not mention --$opt"
    pass
done

# usage errors: exit 2
expect_run 2 "newsconv: unknown option '--frobnicate'" -- --frobnicate
expect_run 2 "newsconv: option '-t' needs an argument" -- -t
expect_run 2 "newsconv: -M needs KEY=VALUE, got 'headline'" -- -M headline -t model
expect_run 2 "newsconv: --max-size: not a size: 'lots'" -- --max-size lots -t model
expect_run 2 "newsconv: no output format: use -t FMT (see --list-formats)" -- examples/helsinki.md
expect_run 2 "newsconv: cannot tell the output format from '$TMPD/out.xyz': use -t FMT" -- examples/helsinki.md -o "$TMPD/out.xyz"

# unknown formats: exit 3, listing the known ones
expect_run 3 "newsconv: unknown format 'docx' (known formats: $known)" -- -t docx examples/helsinki.md
expect_run 3 "newsconv: unknown format 'rtf' (known formats: $known)" -- -f rtf -t model examples/helsinki.md
expect_run 3 "newsconv: format 'model' cannot be read" -- -f model -t model examples/helsinki.md
printf '\x01\x02 not anything' >"$TMPD/blob"
expect_run 3 "" -- "$TMPD/blob" -t model
grep -q "cannot detect the input format; use -f FMT" "$TMPD/err" || fail "undetectable input: $(cat "$TMPD/err")"; pass

# missing and unreadable files: exit 5, naming the file
expect_run 5 "newsconv: no-such-file.md: cannot open: No such file or directory" -- no-such-file.md -t model
expect_run 5 "newsconv: tests/: is a directory (use -r to convert the articles it holds)" -- tests -f markdown -t model
if [ "$(id -u)" -ne 0 ]; then
    echo x >"$TMPD/unreadable.md"; chmod 000 "$TMPD/unreadable.md"
    expect_run 5 "newsconv: $TMPD/unreadable.md: cannot open: Permission denied" -- "$TMPD/unreadable.md" -t model
fi

# size limit
expect_run 4 "newsconv: examples/helsinki.md: input is larger than the limit of 100 bytes (--max-size)" -- --max-size 100 examples/helsinki.md -t model

# empty input and binary garbage: exit 4
: >"$TMPD/empty.md"
expect_run 4 "newsconv: $TMPD/empty.md: empty input" -- "$TMPD/empty.md" -t model
printf '   \n\n' | { rc=0; nc -f md -t model 2>"$TMPD/err" >/dev/null || rc=$?; [ $rc -eq 4 ] || fail "blank stdin: exit $rc"; }
[ "$(cat "$TMPD/err")" = "newsconv: <stdin>: empty input" ] || fail "blank stdin: $(cat "$TMPD/err")"; pass
printf 'abc\ndef\x00ghi' >"$TMPD/bin.md"
expect_run 4 "newsconv: $TMPD/bin.md:2:4: NUL byte in the input (binary data, not markdown)" -- "$TMPD/bin.md" -t model

# compressed inputs (gzip, bzip2, xz, zstd): decompressed, the format named by the
# extension under the compression one or by content; damage and the size limit named
nc examples/helsinki.md -t model >"$TMPD/plain.model" || fail "helsinki.md -> model"
for z in "gzip -c:gz" "bzip2 -c:bz2" "xz -c:xz" "zstd -q -c:zst"; do
    tool=${z%%:*} ext=${z##*:}
    command -v "${tool%% *}" >/dev/null || { echo "note: ${tool%% *} missing: .$ext input not checked"; continue; }
    $tool examples/helsinki.md >"$TMPD/h.md.$ext"
    nc "$TMPD/h.md.$ext" -t model >"$TMPD/z.model" || fail ".md.$ext -> model: exit $?"
    expect_file_eq "$TMPD/z.model" "$TMPD/plain.model" "helsinki.md.$ext"
    nc -t model <"$TMPD/h.md.$ext" >"$TMPD/z.model" || fail ".$ext on stdin -> model"
    expect_file_eq "$TMPD/z.model" "$TMPD/plain.model" "helsinki.md.$ext on stdin"
done
gzip -c examples/helsinki.md | head -c 300 >"$TMPD/cut.md.gz"
expect_run 4 "newsconv: $TMPD/cut.md.gz: gzip-compressed input: truncated gzip input" -- "$TMPD/cut.md.gz" -t model
[ ! -s "$TMPD/out" ] || fail "a cut .gz wrote output"; pass
head -c 2000000 /dev/zero | gzip >"$TMPD/zeros.md.gz"
expect_run 4 "newsconv: $TMPD/zeros.md.gz: gzip-compressed input: decompressed, it is larger than the limit of 1048576 bytes (--max-size)" -- --max-size 1M "$TMPD/zeros.md.gz" -t model

# stdin and stdout, '-' and detection by content
nc examples/helsinki.md -t model >"$TMPD/a.model" || fail "file -> model"
nc -f md -t model <examples/helsinki.md >"$TMPD/b.model" || fail "stdin -> model"
expect_file_eq "$TMPD/b.model" "$TMPD/a.model" "cat in.md | newsconv -f md -t model"
cat examples/helsinki.md | nc - -t model >"$TMPD/c.model" || fail "- (sniffed) -> model"
expect_file_eq "$TMPD/c.model" "$TMPD/a.model" "cat in.md | newsconv - -t model (detected by content)"
nc examples/helsinki.md -t md -o - >"$TMPD/d.md" || fail "-o -"
nc examples/helsinki.md -t md >"$TMPD/e.md" || fail "stdout"
expect_file_eq "$TMPD/d.md" "$TMPD/e.md" "-o - writes to stdout"

# -o FILE: format from the extension, atomic replace, untouched on failure
nc examples/helsinki.md -o "$TMPD/out.md" || fail "-o out.md"
expect_file_eq "$TMPD/out.md" "$TMPD/e.md" "-o out.md picks markdown by extension"
echo "precious" >"$TMPD/keep.md"
expect_run 4 "" -- "$TMPD/empty.md" -o "$TMPD/keep.md"
[ "$(cat "$TMPD/keep.md")" = precious ] || fail "a failed run changed the existing output file"; pass
ls "$TMPD" | grep -q '\.tmp\.' && fail "a temporary file was left behind"; pass
expect_run 5 "" -- examples/helsinki.md -t md -o "$TMPD/no/such/dir/out.md"
grep -q "cannot create: No such file or directory" "$TMPD/err" || fail "-o into a missing dir: $(cat "$TMPD/err")"; pass

# -M overrides and their errors
nc examples/helsinki.md -t model -M headline=Other -M urgency=3 -M date=2020-01-02 -M mykey=v >"$TMPD/m.model" || fail "-M"
grep -qx '  headline "Other"' "$TMPD/m.model" || fail "-M headline"; pass
grep -qx '  urgency 3' "$TMPD/m.model" || fail "-M urgency"; pass
grep -qx '  published 2020-01-02' "$TMPD/m.model" || fail "-M date"; pass
grep -qx '  extra "mykey" "v"' "$TMPD/m.model" || fail "-M unknown key goes to extra"; pass
expect_run 2 "newsconv: examples/helsinki.md: urgency: 'ten' is not a number from 1 to 9" -- examples/helsinki.md -t model -M urgency=ten
expect_run 2 "newsconv: examples/helsinki.md: published: not a date: 'someday'" -- examples/helsinki.md -t model -M published=someday

# --metadata-file: a YAML mapping or JSON object applied as -M is, before the -M options
cat >"$TMPD/meta.yaml" <<'EOF2'
title: From the file
author: [Jane Doe, Max Roe]
keywords: []
urgency: 3
desk:
  name: Foreign
  floor: 2
EOF2
nc examples/helsinki.md -t model -M urgency=5 --metadata-file "$TMPD/meta.yaml" >"$TMPD/mf.model" ||
    fail "--metadata-file: exit $?"
grep -qx '  headline "From the file"' "$TMPD/mf.model" || fail "--metadata-file: title"; pass
grep -qx '  urgency 5' "$TMPD/mf.model" || fail "--metadata-file: -M does not override the file"; pass
[ "$(grep '^  author' "$TMPD/mf.model")" = '  author name="Jane Doe"
  author name="Max Roe"' ] || fail "--metadata-file: a list does not replace the authors: $(grep '^  author' "$TMPD/mf.model")"; pass
grep -q '^  keyword' "$TMPD/mf.model" && fail "--metadata-file: [] does not clear the keywords"; pass
grep -qxF '  extra "desk" json "{\"name\":\"Foreign\",\"floor\":2}"' "$TMPD/mf.model" ||
    fail "--metadata-file: a map is not kept as JSON: $(grep extra "$TMPD/mf.model")"; pass
printf '{"title": "From the file", "author": ["Jane Doe", "Max Roe"], "keywords": [],\n "urgency": 5, "desk": {"name": "Foreign", "floor": 2}}\n' >"$TMPD/meta.json"
nc examples/helsinki.md -t model --metadata-file "$TMPD/meta.json" >"$TMPD/mfj.model" || fail "--metadata-file json"
expect_file_eq "$TMPD/mfj.model" "$TMPD/mf.model" "--metadata-file FILE.json sets what the YAML does"
# ... for every article of a batch
cp "$TMPD/fr.md" "$TMPD/mfb1.md" 2>/dev/null || printf '# One\n\nText.\n' >"$TMPD/mfb1.md"
nc examples/helsinki.md "$TMPD/mfb1.md" -t model -o "$TMPD/mfb/" -q --metadata-file "$TMPD/meta.json" ||
    fail "--metadata-file in a batch"
grep -qx '  headline "From the file"' "$TMPD/mfb/helsinki.model" &&
    grep -qx '  headline "From the file"' "$TMPD/mfb/mfb1.model" || fail "--metadata-file: not applied in a batch"; pass
# errors name the file, line and column
printf 'title: x\nauthor: [a\n' >"$TMPD/bad.yaml"
expect_run 4 "newsconv: $TMPD/bad.yaml:3:1: invalid YAML: did not find expected ',' or ']' while parsing a flow sequence" -- examples/helsinki.md -t md --metadata-file "$TMPD/bad.yaml"
printf 'title: x\npublished: someday\n' >"$TMPD/bad2.yaml"
expect_run 2 "newsconv: $TMPD/bad2.yaml:2:12: published: not a date: 'someday'" -- examples/helsinki.md -t md --metadata-file "$TMPD/bad2.yaml"
printf 'title: [a, b]\n' >"$TMPD/bad3.yaml"
expect_run 2 "newsconv: $TMPD/bad3.yaml:1:8: title: a list, but the field holds one value" -- examples/helsinki.md -t md --metadata-file "$TMPD/bad3.yaml"
printf 'a: &x 1\nb: *x\n' >"$TMPD/bad4.yaml"
expect_run 4 "newsconv: $TMPD/bad4.yaml:2:4: YAML aliases (*x) are not supported" -- examples/helsinki.md -t md --metadata-file "$TMPD/bad4.yaml"
printf -- '- a\n- b\n' >"$TMPD/bad5.yaml"
expect_run 4 "newsconv: $TMPD/bad5.yaml:1:1: not a mapping of keys to values (a list)" -- examples/helsinki.md -t md --metadata-file "$TMPD/bad5.yaml"
printf '{"title": "x",\n "author": {"name": "A"}}\n' >"$TMPD/bad6.json"
expect_run 2 "newsconv: $TMPD/bad6.json:2:2: author: a map, but the field holds a list of texts" -- examples/helsinki.md -t md --metadata-file "$TMPD/bad6.json"
printf '{"title": "x",\n "author": ' >"$TMPD/bad7.json"
expect_run 4 "newsconv: $TMPD/bad7.json:2:11: invalid JSON: unexpected token near end of file" -- examples/helsinki.md -t md --metadata-file "$TMPD/bad7.json"
expect_run 5 "newsconv: $TMPD/none.yaml: cannot open: No such file or directory" -- examples/helsinki.md -t md --metadata-file "$TMPD/none.yaml"

# language detection: an input that declares no language gets the one of its text
cat >"$TMPD/fr.md" <<'EOF2'
# Le conseil municipal vote le budget

Le conseil municipal a adopté mardi soir le budget de la ville pour l'année prochaine, après une séance de plus de quatre heures. Les élus de l'opposition ont dénoncé une hausse des impôts locaux, tandis que la majorité a défendu des investissements dans les écoles et les transports publics.
EOF2
cat >"$TMPD/de.md" <<'EOF2'
# Stadtrat beschließt den Haushalt

Der Stadtrat hat am Dienstagabend nach einer mehr als vierstündigen Sitzung den Haushalt für das kommende Jahr verabschiedet. Die Opposition kritisierte die höheren Gemeindesteuern, während die Mehrheit die Investitionen in Schulen und den öffentlichen Nahverkehr verteidigte.
EOF2
cat >"$TMPD/ru.md" <<'EOF2'
# Городской совет утвердил бюджет

Во вторник вечером городской совет после заседания, длившегося более четырёх часов, утвердил бюджет города на следующий год. Оппозиция раскритиковала повышение местных налогов, а большинство защищало вложения в школы и общественный транспорт.
EOF2
for l in fr de ru; do
    nc "$TMPD/$l.md" -t model >"$TMPD/$l.model" || fail "$l.md"
    [ "$(sed -n 2p "$TMPD/$l.model")" = "  language \"$l\"" ] || fail "$l.md: language: $(sed -n 2p "$TMPD/$l.model")"; pass
    grep -qx '  language_detected 1' "$TMPD/$l.model" || fail "$l.md: not marked detected"; pass
    nc "$TMPD/$l.md" -t newsml | grep -qF "<language tag=\"$l\" how=\"howextr:tool\" why=\"why:inferred\"/>" ||
        fail "$l.md: NewsML-G2 has no language marked inferred"; pass
    nc "$TMPD/$l.md" -t json | grep -qxF "  \"language\": \"$l\"," || fail "$l.md: ninjs has no language"; pass
done
expect_run 0 "newsconv: $TMPD/fr.md: reading markdown, writing model" -- "$TMPD/fr.md" -t model -v
[ "$(sed -n 2p "$TMPD/err")" = "newsconv: warning: $TMPD/fr.md: note: no language declared; detected fr (cld2)" ] ||
    fail "-v does not say the detected language: $(cat "$TMPD/err")"; pass
# a text too short to tell: nothing set
printf '# Hi\n\nOk.\n' >"$TMPD/short.md"
nc "$TMPD/short.md" -t model | grep -q language && fail "a two-word text got a language"; pass
# a declared language is kept; -M language=... is declared; --no-detect detects nothing
printf -- '---\nlang: de\n---\n' | cat - "$TMPD/fr.md" >"$TMPD/decl.md"
nc "$TMPD/decl.md" -t model >"$TMPD/decl.model" || fail "decl.md"
grep -qx '  language "de"' "$TMPD/decl.model" && ! grep -q language_detected "$TMPD/decl.model" ||
    fail "a declared language is not kept: $(head -3 "$TMPD/decl.model")"; pass
nc "$TMPD/fr.md" -t model -M lang=it >"$TMPD/m.model" || fail "-M lang=it"
grep -qx '  language "it"' "$TMPD/m.model" && ! grep -q language_detected "$TMPD/m.model" ||
    fail "-M lang=it: $(head -3 "$TMPD/m.model")"; pass
nc "$TMPD/fr.md" -t model --no-detect | grep -q language && fail "--no-detect: a language was detected"; pass

# a closed stdout pipe ends quietly
big="$TMPD/big.md"
for i in $(seq 1 3000); do echo "Paragraph $i with some words in it."; echo; done >"$big"
rc=0
( nc "$big" -t model 2>"$TMPD/pipe.err" | head -n 1 >/dev/null ) || rc=$?
[ ! -s "$TMPD/pipe.err" ] || fail "closed pipe printed: $(cat "$TMPD/pipe.err")"; pass


echo "$checks checks"
