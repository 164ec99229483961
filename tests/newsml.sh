#!/usr/bin/env bash
# tests/newsml.sh: the newsml (NewsML-G2 2.35) and nitf (NITF 3.6) formats.
#
#   tests/newsml.sh            (from the repository root; NEWSCONV=build/newsconv by default)
#
#  1. every fixture (fixtures/*/article.*) and every corpus document of every format the
#     project reads (../shared/corpus/*, or $NC_SHARED/corpus) is written as NewsML-G2
#     with an XHTML body and with a NITF body, and as stand-alone NITF; all of it must
#     validate against NewsML-G2_2.35-spec-All-Power.xsd and nitf-3-6.xsd (the validator,
#     tests/tools/nml-validate.c, loads the schemas once and stops at the first invalid
#     document). Documents no reader can read yet are skipped with a note.
#  2. the writers are deterministic and reproduce their own output byte for byte;
#  3. each NewsML-G2 / NewsML 1.x / NITF corpus document reads as tests/newsml/corpus.expected
#     says (headline and counts, or the exact "not a text article" error);
#  4. round trips: X -> newsml -> model and X -> newsml -> X -> model keep X's model for
#     every fixture (via-newsml.model where NewsML-G2 cannot hold all), and reading the
#     written NewsML-G2 of every corpus document gives the model read from the original;
#  5. safety: external entities, a billion-laughs DTD, external DTDs and parameter
#     entities read no file, open no socket, and end within 10 s and 1 GB;
#  6. errors and warnings: malformed XML gives libxml2's line and column and exit 4;
#     what NewsML-G2 cannot hold is a warning, exit 6 under --strict;
#  7. fixtures/invalid/newsml-*: exit code and exact message.
# Exits non-zero at the first failure, with a message; prints one summary line.
#  8. allocation failures (build/tests/failmalloc.so): every one gives exit 7 or a
#     result, never a crash.
# Under TEST_WRAPPER (make valgrind) every newsconv call runs under the wrapper; the corpus
# is then sampled (one document in five) and the allocation sweep skipped.
set -u
. tests/testlib.bash
B=${B:-build}
SHARED=$NC_SHARED
TMP=$TMPD
skipped=0
ok() { pass; }
note() { echo "note: $*"; }
# has_lines FILE WHAT LINE...: each LINE is a whole line of FILE
has_lines() {
    local f=$1 what=$2 l
    shift 2
    for l in "$@"; do grep -qxF "$l" "$f" || fail "$what: want $l in $(cat "$f")"; done
}

[ -x "$NEWSCONV" ] || fail "$NEWSCONV not built (run make)"
have_shared=1
if [ ! -d "$SHARED/corpus" ] || [ ! -d "$SHARED/schemas" ]; then
    echo "SKIP: ../shared not present (schema validation and corpus tests skipped)"
    have_shared=0
fi

# ---- the validator -------------------------------------------------------------------
VALIDATE=$B/tests/nml-validate
if [ $have_shared = 1 ]; then
    mkdir -p "$B/tests"
    if [ ! -x "$VALIDATE" ] || [ tests/tools/nml-validate.c -nt "$VALIDATE" ]; then
        ${CC:-cc} -std=c11 -O2 $(pkg-config --cflags libxml-2.0) tests/tools/nml-validate.c \
            -o "$VALIDATE" $(pkg-config --libs libxml-2.0) || fail "cannot build $VALIDATE"
    fi
fi
# Validates the files listed in $TMP/valid.list in one call.
validate_all() {
    [ $have_shared = 1 ] || return 0
    [ -s "$TMP/valid.list" ] || return 0
    local out
    out=$(tr '\n' '\0' < "$TMP/valid.list" | xargs -0 "$VALIDATE" "$SHARED/schemas" 2>&1) ||
        fail "schema validation: $(printf '%s\n' "$out" | tail -20)"
    echo "validated: $out"
    ok
    : > "$TMP/valid.list"
}
: > "$TMP/valid.list"

# Writes $1 (with extra args from $2) as newsml, newsml+nitf body and nitf into $3.*; adds
# them to the validation list. Returns newsconv's exit code of the first conversion.
write_all() {
    local in=$1 args=$2 base=$3 rc
    # shellcheck disable=SC2086
    nc -v "$in" $args -t newsml -o "$base.xml" 2> "$base.err" # -v: each warning on its own line
    rc=$?
    [ $rc = 0 ] || return $rc
    # shellcheck disable=SC2086
    nc "$in" $args -t newsml --newsml-body nitf -o "$base.nitfbody.xml" 2> /dev/null ||
        fail "$in: -t newsml --newsml-body nitf failed"
    # shellcheck disable=SC2086
    nc "$in" $args -t nitf -o "$base.nitf" 2> /dev/null || fail "$in: -t nitf failed"
    # determinism
    # shellcheck disable=SC2086
    nc "$in" $args -t newsml 2> /dev/null | cmp -s - "$base.xml" ||
        fail "$in: -t newsml is not deterministic"
    # the writer reproduces its own output (when nothing was lost on the way)
    if ! grep -q "warning:" "$base.err"; then
        # shellcheck disable=SC2086
        nc "$base.xml" $args -t newsml 2> /dev/null | cmp -s - "$base.xml" ||
            fail "$in: newsml -> newsml does not reproduce the document"
        # shellcheck disable=SC2086
        nc "$base.nitfbody.xml" $args -t newsml --newsml-body nitf 2> /dev/null |
            cmp -s - "$base.nitfbody.xml" || fail "$in: a NITF-body document is not reproduced"
    fi
    printf '%s\n%s\n%s\n' "$base.xml" "$base.nitfbody.xml" "$base.nitf" >> "$TMP/valid.list"
    ok
    return 0
}

# ---- 1. fixtures ---------------------------------------------------------------------
n=0
for f in fixtures/*/article.*; do
    [ -e "$f" ] || continue
    case $f in *.model) continue ;; esac
    dir=$(dirname "$f")
    case=$(basename "$dir")
    name=${f##*/}
    ext=${name#article.} # md, html, xml (newsml), json, nitf.xml
    case $ext in
    md) fmt=markdown ;; xml) fmt=newsml ;; nitf.xml) fmt=nitf ;; *) fmt=$ext ;;
    esac
    args="--keep-internal" # round trips through html carry everything (tests/security.sh
                           # tests that pages leave editorial notes out without it)
    [ -f "$dir/args" ] && args="$args $(cat "$dir/args")"
    n=$((n + 1))
    write_all "$f" "$args" "$TMP/fx-$case-$ext"
    rc=$?
    if [ $rc = 3 ]; then
        note "fixture $f: no reader for .$ext yet, skipped"
        skipped=$((skipped + 1))
        continue
    fi
    [ $rc = 0 ] || fail "fixture $f: -t newsml exited $rc: $(cat "$TMP/fx-$case-$ext.err")"
    if [ "$ext" = xml ]; then
        # fixture contract step 2: the writer reproduces article.xml byte for byte
        cmp -s "$f" "$TMP/fx-$case-$ext.xml" ||
            fail "fixture $f: -t newsml does not reproduce it: $(diff "$f" "$TMP/fx-$case-$ext.xml" | head -20)"
        ok
    fi

    # 4. round trips: the model of X, through newsml, and back to X
    expect="$dir/$ext.model"
    [ -f "$expect" ] || expect="$dir/article.model"
    [ -f "$dir/via-newsml.model" ] && expect="$dir/via-newsml.model"
    if [ -f "$expect" ]; then
        # shellcheck disable=SC2086
        nc "$TMP/fx-$case-$ext.xml" $args -t model > "$TMP/rt.model" 2> /dev/null ||
            fail "fixture $f: reading its newsml failed"
        diff -u "$expect" "$TMP/rt.model" > "$TMP/rt.diff" ||
            fail "fixture $f -> newsml -> model differs from $expect:
$(head -40 "$TMP/rt.diff")"
        ok
        # shellcheck disable=SC2086
        nc "$TMP/fx-$case-$ext.nitfbody.xml" $args -t model > "$TMP/rtn.model" 2> /dev/null
        diff -u "$expect" "$TMP/rtn.model" > "$TMP/rt.diff" ||
            fail "fixture $f -> newsml (NITF body) -> model differs from $expect:
$(head -40 "$TMP/rt.diff")"
        ok
        if [ "$ext" != xml ]; then
            # back to the fixture's own format
            # shellcheck disable=SC2086
            if nc "$TMP/fx-$case-$ext.xml" $args -t "$fmt" -o "$TMP/back.$ext" 2> /dev/null; then
                # shellcheck disable=SC2086
                nc "$TMP/back.$ext" -f "$fmt" $args -t model > "$TMP/back.model" 2> /dev/null
                diff -u "$expect" "$TMP/back.model" > "$TMP/rt.diff" ||
                    fail "fixture $f -> newsml -> $ext -> model differs from $expect:
$(head -40 "$TMP/rt.diff")"
                ok
            else
                note "fixture $f: no .$ext writer yet, newsml -> $ext skipped"
            fi
        fi
    fi
done
echo "fixtures: $n documents written as NewsML-G2 and NITF"
# values the schemas reject as they are: bad addresses, codes with spaces, tabs in names,
# a leap second, a zone beyond 14 hours, a language and a version that are not ones
write_all tests/newsml/hostile-values.xml \
    "-M created=2019-07-11T10:00+14:30 -M published=2016-12-31T23:59:60Z -M expires=2019-07 -M language=en!US -M version=007" \
    "$TMP/hostile" || fail "hostile values: -t newsml failed: $(cat "$TMP/hostile.err")"
for w in "the link address 'https://x.example/a b[1]|{}^\`.html' as it is: written %-encoded" \
    "the media address 'ht tp://bad uri/ü.jpg' (not a URI): dropped" \
    "the leap second of <firstCreated>: written as :59" \
    "the time zone of <contentCreated> (beyond 14 hours): dropped" \
    "language 'en!US' (not a BCP 47 tag): dropped" "version '007' (not a positive integer): dropped"; do
    grep -qF "newsml cannot hold $w" "$TMP/hostile.err" || fail "hostile values: no warning '$w'"
done
ok
validate_all

# a time of midnight with no zone stays a time (not a bare date) through NewsML-G2 and NITF;
# a URL written with quotes around it loses them; "en_US" is the tag en-US
f=tests/newsml/midnight-quoted-url.html
nc "$f" -t model > "$TMP/mid.m1" 2>/dev/null || fail "$f: -t model failed"
grep -qx '  published 2025-12-15T00:00:00' "$TMP/mid.m1" &&
    grep -qx '  url "https://news.example/2025/12/prices"' "$TMP/mid.m1" &&
    grep -qx '  language "en-US"' "$TMP/mid.m1" || fail "$f: model is $(cat "$TMP/mid.m1")"
for body in xhtml nitf; do
    nc "$f" -t newsml --newsml-body $body 2>/dev/null | nc -f newsml -t model > "$TMP/mid.m2" 2>/dev/null
    expect_file_eq "$TMP/mid.m2" "$TMP/mid.m1" "$f -> newsml ($body body) -> model"
done
nc "$f" -t nitf 2>/dev/null | nc -f nitf -t model 2>/dev/null | grep -q '^  published 2025-12-15T00:00' ||
    fail "$f -> nitf -> model: the time of midnight is lost"

# ---- 1b, 4. the corpus of every format ------------------------------------------------
if [ $have_shared = 1 ]; then
    n=0 readable=0
    while IFS= read -r -d '' f; do
        case $(basename "$f") in ground-truth.json) continue ;; esac
        n=$((n + 1))
        if [ -n "$TEST_WRAPPER" ] && [ $((n % 5)) != 1 ]; then
            continue
        fi
        base="$TMP/corpus-$n"
        write_all "$f" "" "$base"
        rc=$?
        case $rc in
        0) readable=$((readable + 1)) ;;
        2)
            # a feed of several items is a batch (one G2 document cannot hold them): each
            # item is written to a directory, and every file written must validate
            case $f in
            */feeds/*) grep -q "several articles cannot make one newsml document" "$base.err" ||
                           fail "corpus $f: -t newsml exited 2: $(cat "$base.err")" ;;
            *) fail "corpus $f: -t newsml exited 2: $(cat "$base.err")" ;;
            esac
            mkdir -p "$base.d"
            nc "$f" -t newsml -o "$base.d/" 2> "$base.err" ||
                fail "corpus $f: -t newsml -o DIR/ failed: $(cat "$base.err")"
            find "$base.d" -type f -name '*.xml' >> "$TMP/valid.list"
            [ -n "$(find "$base.d" -type f -name '*.xml')" ] || fail "corpus $f: -o DIR/ wrote nothing"
            readable=$((readable + 1))
            ok
            continue
            ;;
        3)
            note "corpus ${f#"$SHARED"/corpus/}: no reader for it yet, skipped"
            skipped=$((skipped + 1))
            continue
            ;;
        4)
            # not an article (an expected outcome, checked in 3.) or a reader of another
            # format that cannot read it yet
            case $f in
            */newsml-g2/* | */newsml1/* | */nitf/*) ;;
            *) note "corpus ${f#"$SHARED"/corpus/}: not read ($(sed -n '$p' "$base.err")), skipped"
               skipped=$((skipped + 1)) ;;
            esac
            continue
            ;;
        *) fail "corpus $f: -t newsml exited $rc: $(cat "$base.err")" ;;
        esac
        # reading what was written gives the model read from the original, unless the
        # writer warned that NewsML-G2 cannot hold something (named in its warning)
        if grep -q "cannot hold" "$base.err" 2>/dev/null; then
            note "corpus ${f#"$SHARED"/corpus/}: $(grep -m1 "cannot hold" "$base.err" | sed 's/^newsconv: warning: [^ ]*: //'); round trip not compared"
            ok
            continue
        fi
        # a language detected from the text (no language declared) is written marked
        # inferred, and read back as detected: the mark is compared too
        nc "$f" -t model > "$base.m1" 2> /dev/null
        nc "$base.xml" -t model > "$base.m2" 2> /dev/null
        diff -u "$base.m1" "$base.m2" > "$base.diff" ||
            fail "corpus $f -> newsml -> model differs from its model:
$(head -30 "$base.diff")"
        nc "$base.nitfbody.xml" -t model > "$base.m3" 2> /dev/null
        diff -u "$base.m1" "$base.m3" > "$base.diff" ||
            fail "corpus $f -> newsml (NITF body) -> model differs from its model:
$(head -30 "$base.diff")"
        ok
    done < <(corpus_files "$SHARED/corpus")
    echo "corpus: $readable of $n documents written as NewsML-G2 and NITF (at most $NC_CORPUS_MAX a set; NC_CORPUS_MAX=0 for all)"
    validate_all
fi

# ---- 3. reading the NewsML-G2, NewsML 1.x and NITF corpus ------------------------------
if [ $have_shared = 1 ]; then
    n=0
    while IFS='|' read -r path want_rc rest; do
        case $path in '#'* | '') continue ;; esac
        f="$SHARED/corpus/$path"
        [ -f "$f" ] || fail "corpus document $path is missing"
        out=$(nc "$f" -t model 2> "$TMP/read.err")
        rc=$?
        [ "$rc" = "$want_rc" ] || fail "$path: exit $rc, want $want_rc: $(cat "$TMP/read.err")"
        if [ "$rc" != 0 ]; then
            got=$(sed -n 's/^newsconv: [^ ]*: //p' "$TMP/read.err" | head -1)
            [ "$got" = "$rest" ] || fail "$path: error '$got', want '$rest'"
        else
            got=$(printf '%s\n' "$out" | awk '
                /^body$/ { body = 1; next }
                body && /^  [a-z]/ { blocks++ }
                !body && !hl && /^  headline "/ { hl = substr($0, 13, length($0) - 13) }
                !body && /^  media / { media++ }
                !body && /^  author / { authors++ }
                !body && /^  subject / { subjects++ }
                !body && /^  (created|published|modified) / { dates++ }
                END { printf "%s|blocks=%d media=%d authors=%d subjects=%d dates=%d",
                      hl == "" ? "-" : hl, blocks, media, authors, subjects, dates }')
            [ "$got" = "$rest" ] || fail "$path: read as '$got', want '$rest'"
        fi
        n=$((n + 1))
        ok
    done < tests/newsml/corpus.expected
    echo "corpus reading: $n NewsML-G2, NewsML 1.x and NITF documents as expected"
fi

# ---- 5. safety ------------------------------------------------------------------------
# run FILE: newsconv under a 10 s timeout and a 1 GB address-space limit; strace (when
# present) records file opens and sockets.
# Under AddressSanitizer: no address-space limit (its shadow memory reserves terabytes), and
# no leak check under strace (LeakSanitizer cannot run under ptrace; the other runs of the
# suite check leaks).
guard_kb=1048576 under_asan=0
if ldd "$NEWSCONV" 2>/dev/null | grep -q libasan; then guard_kb=unlimited under_asan=1; fi
run_guarded() {
    local f=$1
    if command -v strace > /dev/null 2>&1; then
        (ulimit -v $guard_kb; ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
            timeout 10 strace -f -qq -e trace=open,openat,connect,socket \
            -o "$TMP/trace" "$NEWSCONV" "$f" -t model > "$TMP/safe.out" 2> "$TMP/safe.err")
    else
        : > "$TMP/trace"
        (ulimit -v $guard_kb; timeout 10 "$NEWSCONV" "$f" -t model > "$TMP/safe.out" 2> "$TMP/safe.err")
    fi
}
cat > "$TMP/xxe.xml" << 'EOF'
<?xml version="1.0"?>
<!DOCTYPE newsItem [<!ENTITY xxe SYSTEM "file:///etc/passwd">
 <!ENTITY web SYSTEM "http://127.0.0.1:9/evil.xml">]>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="x" standard="NewsML-G2" standardversion="2.35">
  <itemMeta><itemClass qcode="ninat:text"/><provider literal="p"/><versionCreated>2020-01-01T00:00:00Z</versionCreated></itemMeta>
  <contentMeta><headline>A &xxe; B &web;</headline></contentMeta>
  <contentSet><inlineXML><html xmlns="http://www.w3.org/1999/xhtml"><body><p>x &xxe; y</p></body></html></inlineXML></contentSet>
</newsItem>
EOF
cat > "$TMP/xxeattr.xml" << 'EOF'
<?xml version="1.0"?>
<!DOCTYPE nitf [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<nitf><body><body.content><p title="&xxe;">in an attribute</p></body.content></body></nitf>
EOF
cat > "$TMP/pe.xml" << 'EOF'
<?xml version="1.0"?>
<!DOCTYPE nitf [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;
 <!ENTITY % q SYSTEM "http://127.0.0.1:9/x.dtd"> %q;]>
<nitf><body><body.content><p>parameter entities</p></body.content></body></nitf>
EOF
cat > "$TMP/extdtd.xml" << 'EOF'
<?xml version="1.0"?>
<!DOCTYPE nitf SYSTEM "http://127.0.0.1:9/nitf-3-3.dtd">
<nitf><body><body.content><p>external DTD &nbsp;ok</p></body.content></body></nitf>
EOF
cat > "$TMP/sysdtd.xml" << 'EOF'
<?xml version="1.0"?>
<!DOCTYPE nitf SYSTEM "file:///etc/passwd">
<nitf><body><body.content><p>system DTD</p></body.content></body></nitf>
EOF
{
    echo '<?xml version="1.0"?>'
    echo '<!DOCTYPE nitf ['
    echo ' <!ENTITY a0 "lollollollollollollollollollol">'
    for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do
        p=$((i - 1))
        echo " <!ENTITY a$i \"&a$p;&a$p;&a$p;&a$p;&a$p;&a$p;&a$p;&a$p;&a$p;&a$p;\">"
    done
    echo ']>'
    echo '<nitf><head><title>&a15;</title></head><body><body.content><p a="&a15;">&a15;</p></body.content></body></nitf>'
} > "$TMP/lol.xml"
for t in xxe xxeattr pe extdtd sysdtd lol; do
    run_guarded "$TMP/$t.xml"
    rc=$?
    [ $rc = 124 ] && fail "safety $t: did not finish within 10 s"
    [ $rc -gt 128 ] && fail "safety $t: killed by a signal ($rc)"
    grep -q 'root:' "$TMP/safe.out" "$TMP/safe.err" && fail "safety $t: passwd content in the output"
    grep -q 'passwd' "$TMP/trace" && fail "safety $t: opened /etc/passwd: $(grep passwd "$TMP/trace")"
    grep -q 'connect(\|socket(AF_INET' "$TMP/trace" && fail "safety $t: opened a socket"
    case $t in
    lol)
        [ $rc = 4 ] || fail "safety lol: exit $rc, want 4"
        grep -q 'malformed XML: Detected an entity reference loop' "$TMP/safe.err" ||
            fail "safety lol: $(cat "$TMP/safe.err")"
        ;;
    xxeattr)
        # an external entity in an attribute value is not well-formed XML
        [ $rc = 4 ] || fail "safety xxeattr: exit $rc, want 4"
        grep -q "malformed XML: Attribute references external entity 'xxe'" "$TMP/safe.err" ||
            fail "safety xxeattr: $(cat "$TMP/safe.err")"
        ;;
    xxe)
        [ $rc = 0 ] || fail "safety xxe: exit $rc"
        grep -q 'headline "A B"' "$TMP/safe.out" || fail "safety xxe: $(cat "$TMP/safe.out")"
        grep -q 'warning: .*entity reference &xxe; dropped' "$TMP/safe.err" ||
            fail "safety xxe: no warning about the entity"
        ;;
    *) [ $rc = 0 ] || fail "safety $t: exit $rc: $(cat "$TMP/safe.err")" ;;
    esac
    ok
done
echo "safety: external entities, parameter entities, external DTDs and an entity bomb are inert"

# headline roles: main (or none, or "title") wins; a provider's own role is taken only
# when there is no main headline; "short" headlines never are the headline
for hl in '<headline role="x:print">P</headline>|P' \
          '<headline role="x:print">P</headline><headline>M</headline>|M' \
          '<headline role="hlrole:short">S</headline><headline role="x:title">T</headline>|T' \
          '<headline role="hlrole:short">S</headline>|'; do
    body=${hl%|*} want=${hl##*|}
    printf '<?xml version="1.0"?>\n<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g" standard="NewsML-G2" standardversion="2.35"><itemMeta><itemClass qcode="ninat:text"/><provider literal="p"/><versionCreated>2020-01-01T00:00:00Z</versionCreated></itemMeta><contentMeta>%s</contentMeta></newsItem>\n' "$body" > "$TMP/roles.xml"
    got=$(nc "$TMP/roles.xml" -t model 2>/dev/null | sed -n 's/^ *headline "\(.*\)"$/\1/p')
    [ "$got" = "$want" ] || fail "headline roles $body: got '$got', want '$want'"
    ok
done

# ---- 6. errors and warnings -----------------------------------------------------------
printf '<?xml version="1.0"?>\n<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/">\n  <contentMeta>\n    <headline>x</contentMeta>\n</newsItem>\n' > "$TMP/bad.xml"
nc "$TMP/bad.xml" -t model > /dev/null 2> "$TMP/err"
rc=$?
[ $rc = 4 ] || fail "malformed XML: exit $rc, want 4"
grep -qx "newsconv: $TMP/bad.xml:4:30: malformed XML: Opening and ending tag mismatch: headline line 4 and contentMeta" "$TMP/err" ||
    fail "malformed XML: $(cat "$TMP/err")"
ok
if [ -f fixtures/newsml-full/article.xml ]; then
    nc -v fixtures/newsml-full/article.xml -M version=draft -t newsml > /dev/null 2> "$TMP/err" ||
        fail "a lossy conversion without --strict must succeed"
    grep -qx "newsconv: warning: fixtures/newsml-full/article.xml: newsml cannot hold version 'draft' (not a positive integer): dropped" "$TMP/err" ||
        fail "no warning for version 'draft': $(cat "$TMP/err")"
    nc fixtures/newsml-full/article.xml -M version=draft -t newsml --strict > "$TMP/out" 2> "$TMP/err"
    rc=$?
    [ $rc = 6 ] || fail "--strict with a loss: exit $rc, want 6"
    [ -s "$TMP/out" ] && fail "--strict with a loss wrote output"
    nc fixtures/newsml-full/article.xml --newsml-body html -t newsml > /dev/null 2> "$TMP/err"
    [ $? = 2 ] || fail "--newsml-body html must be a usage error"
    nc fixtures/newsml-full/article.xml -t nitf --strict > /dev/null 2> "$TMP/err"
    [ $? = 6 ] || fail "-t nitf --strict of newsml-full must fail (links, media): $(cat "$TMP/err")"
    ok
fi

# ---- 6b. what agency documents carry (issue 14) ---------------------------------------
# G2 elements the model has no field for are kept and written back in their place, valid.
k=tests/newsml/kept-elements.xml
nc --strict "$k" -t newsml > "$TMP/kept.xml" 2> "$TMP/err" || fail "$k: -t newsml --strict: $(cat "$TMP/err")"
for want in '<fileName>kept.xml</fileName>' '<signal qcode="sig:update"/>' '<title>Kept title</title>' \
    '<catalogRef href="http://example.com/catalog.xml"/>' \
    '<definition xml:lang="de">Handelsregister Hamburg, HRB 68431</definition>' \
    '<copyrightNotice xml:lang="en">(c) 2022 dpa</copyrightNotice>' \
    '<dataMining uri="http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED">' \
    '<digitalSourceType uri="http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia">' \
    '<versionCreated>2022-10-11T11:14:42+02:00</versionCreated>' \
    '<keyword role="krole:index">Frankfurt</keyword>' \
    '<subject qcode="person:1" type="cpnat:person" confidence="70">' \
    '<edNote pubconstraint="dpapconstraint:nonpublic" role="dpaednoterole:dpacontacts">'; do
    grep -qF "$want" "$TMP/kept.xml" || fail "$k -> newsml lost $want"
done
nc --strict "$TMP/kept.xml" -t newsml | cmp -s - "$TMP/kept.xml" || fail "$k: newsml -> newsml is not stable"
[ -x /usr/bin/python3 ] && { /usr/bin/python3 tests/tools/g2norm.py "$NEWSCONV" "$k" > "$TMP/out" ||
    fail "$k: newsml -> newsml does not keep the document: $(cat "$TMP/out")"; }
[ $have_shared = 1 ] && echo "$TMP/kept.xml" >> "$TMP/valid.list"
nc -t model "$k" | grep -qx '  subject type="person" name="Jane Doe" code="person:1" confidence=70' ||
    fail "$k: the person entity is not read"
# an edNote kept as an element stays out of pages, like the editorial note
nc "$k" -t html > "$TMP/out" 2> "$TMP/err"
grep -q 030285232232 "$TMP/out" && fail "$k: -t html publishes an internal note"
grep -qx "newsconv: warning: $k: html does not publish 2 editorial notes kept as extra (internal; --keep-internal writes them)" "$TMP/err" ||
    fail "$k: -t html: no warning for the kept notes: $(cat "$TMP/err")"
nc "$k" -t html --keep-internal 2> /dev/null | grep -q 030285232232 || fail "$k: --keep-internal lost the note"
# an entity's contact information and position: a native assert (personDetails,
# organisationDetails, geoAreaDetails, POIDetails) where it gives the details back, else
# nc:details (ACME's contact role, which G2's QCode roles cannot hold); both read back
k=tests/newsml/entity-details.json
nc --strict "$k" -t newsml > "$TMP/ent.xml" 2> "$TMP/err" || fail "$k: -t newsml --strict: $(cat "$TMP/err")"
cmp -s "$TMP/ent.xml" tests/newsml/entity-details.xml ||
    fail "$k: -t newsml differs from tests/newsml/entity-details.xml: $(diff tests/newsml/entity-details.xml "$TMP/ent.xml" | head -20)"
nc "$k" -t model > "$TMP/m1" && nc "$TMP/ent.xml" -t model > "$TMP/m2" && cmp -s "$TMP/m1" "$TMP/m2" ||
    fail "$k: json -> newsml -> model differs: $(diff "$TMP/m1" "$TMP/m2" | head -10)"
nc "$TMP/ent.xml" -t newsml | cmp -s - "$TMP/ent.xml" || fail "$k: newsml -> newsml is not stable"
[ $have_shared = 1 ] && echo "$TMP/ent.xml" >> "$TMP/valid.list"
ok
# a picture item (issue 14): read as the item's own picture (item_type picture, a media
# entry without id), written back as a picture item whose remoteContents keep every
# attribute and child (media.c); ninjs writes it as a picture item and names what it
# cannot hold; Markdown and HTML carry it all; a ninjs picture becomes a G2 picture item
k=tests/newsml/picture-item.xml
nc --strict "$k" -t newsml > "$TMP/pic.xml" 2> "$TMP/err" || fail "$k: -t newsml --strict: $(cat "$TMP/err")"
for want in '<itemClass qcode="ninat:picture"/>' \
    '<remoteContent rendition="rnd:highRes" href="https://img.example.com/p1/full.jpg" contenttype="image/jpeg" width="4000" height="2667" size="3764418" format="fmt:jpegBaseline" residref="tag:example.com,2024:binary-p1-full" colourspace="colsp:AdobeRGB" xmlns:rtr="http://www.reuters.com/ns/2003/08/content" rtr:formatVersion="1"><altId type="idType:file">P1_FULL.JPG</altId></remoteContent>' \
    '<remoteContent rendition="rnd:thumbnail" href="https://img.example.com/p1/thumb.jpg" contenttype="image/jpeg" width="150" height="100" title="Thumbnail" size="16148"/>' \
    '<description role="drol:alternativeText">A white ferry' '<creditline>Example Photo Agency/Jane Lens</creditline>' \
    'xml:lang="en-GB"'; do
    grep -qF "$want" "$TMP/pic.xml" || fail "$k -> newsml lost $want: $(cat "$TMP/pic.xml")"
done
grep -q 'irel:associatedWith\|<inlineXML' "$TMP/pic.xml" && fail "$k: the picture is written as a text item"
nc --strict "$TMP/pic.xml" -t newsml | cmp -s - "$TMP/pic.xml" || fail "$k: newsml -> newsml is not stable"
[ -x /usr/bin/python3 ] && { /usr/bin/python3 tests/tools/g2norm.py "$NEWSCONV" "$k" > "$TMP/out" ||
    fail "$k: newsml -> newsml does not keep the document: $(cat "$TMP/out")"; }
[ $have_shared = 1 ] && echo "$TMP/pic.xml" >> "$TMP/valid.list"
nc -t model "$k" > "$TMP/m1" 2> /dev/null
grep -qx '  item_type "picture"' "$TMP/m1" || fail "$k: item_type: $(cat "$TMP/m1")"
grep -q '^  media picture href="https://img.example.com/p1/full.jpg"' "$TMP/m1" &&
    ! grep -q '^  media .* id=' "$TMP/m1" || fail "$k: the item's own picture: $(cat "$TMP/m1")"
for via in markdown html; do
    nc -t $via --keep-internal "$k" 2> /dev/null | nc -f $via -t model > "$TMP/m2" 2> /dev/null
    cmp -s "$TMP/m1" "$TMP/m2" || fail "$k -> $via -> model differs: $(diff "$TMP/m1" "$TMP/m2" | head -10)"
done
nc -t json "$k" > "$TMP/pic.json" 2> "$TMP/err"
grep -q '"type": *"picture"' "$TMP/pic.json" && grep -q '"sizeInBytes": *3764418' "$TMP/pic.json" &&
    ! grep -q '"associations"' "$TMP/pic.json" || fail "$k -> json: not a picture item: $(cat "$TMP/pic.json")"
grep -q "not carried into json: .*rendition field" "$TMP/err" ||
    fail "$k -> json: no warning for the remoteContent attributes: $(cat "$TMP/err")"
nc --strict -t json "$k" > /dev/null 2>&1; [ $? = 6 ] || fail "$k -> json --strict: want exit 6"
nc -t newsml "$TMP/pic.json" 2> /dev/null | grep -qF '<itemClass qcode="ninat:picture"/>' ||
    fail "$k -> json -> newsml: not a picture item"
ok
# NITF in G2 whose body.head alone gives the byline and the dateline (the guide's
# NITF-in-G2 listings), and an hl1 and a distributor unlike contentMeta's headline and the
# provider: G2 -> G2 writes a NITF body again with them in its body.head and not in
# contentMeta; an XHTML body has no such place (contentMeta/by, dateline; the other two
# contentMetaExtProperty); the other writers get the byline and the dateline as from
# contentMeta
k=tests/newsml/nitf-body-head.xml
nc --strict "$k" -t newsml > "$TMP/bh.xml" 2> "$TMP/err" || fail "$k: -t newsml --strict: $(cat "$TMP/err")"
for want in '<inlineXML contenttype="application/nitf+xml">' '<byline>By Ilona Salo, Harbour Reporter</byline>' \
    '<dateline>TURKU, May 2</dateline>' '<hl1>Cranes back in Turku harbour</hl1>' \
    '<headline>Harbour cranes return to Turku</headline>' '<distributor>Example Wire Nordic</distributor>'; do
    grep -qF "$want" "$TMP/bh.xml" || fail "$k -> newsml lost $want: $(cat "$TMP/bh.xml")"
done
sed -n '/<contentMeta>/,/<\/contentMeta>/p' "$TMP/bh.xml" | grep -q '<by>\|<dateline>' &&
    fail "$k -> newsml: the body.head's byline or dateline written in contentMeta: $(cat "$TMP/bh.xml")"
nc --strict "$TMP/bh.xml" -t newsml | cmp -s - "$TMP/bh.xml" || fail "$k: newsml -> newsml is not stable"
[ -x /usr/bin/python3 ] && { /usr/bin/python3 tests/tools/g2norm.py "$NEWSCONV" "$k" > "$TMP/out" ||
    fail "$k: newsml -> newsml does not keep the document: $(cat "$TMP/out")"; }
[ $have_shared = 1 ] && echo "$TMP/bh.xml" >> "$TMP/valid.list"
nc "$k" -t newsml --newsml-body xhtml > "$TMP/bhx.xml" 2> /dev/null
for want in '<by>By Ilona Salo, Harbour Reporter</by>' '<dateline>TURKU, May 2</dateline>' \
    '<inlineXML contenttype="application/xhtml+xml">' \
    '<contentMetaExtProperty rel="ncext:g2:inlineXML/nitf:hl1" value="Cranes back in Turku harbour"/>'; do
    grep -qF "$want" "$TMP/bhx.xml" || fail "$k -> newsml --newsml-body xhtml lost $want: $(cat "$TMP/bhx.xml")"
done
[ $have_shared = 1 ] && echo "$TMP/bhx.xml" >> "$TMP/valid.list"
nc "$k" -t model > "$TMP/m1" 2> /dev/null && nc "$TMP/bhx.xml" -t model 2> /dev/null |
    grep -v '^  extra "g2:inlineXML/nitf:body.head"' > "$TMP/m2" &&
    grep -v '^  extra "g2:inlineXML/nitf:body.head"' "$TMP/m1" | cmp -s - "$TMP/m2" ||
    fail "$k -> newsml (XHTML body) -> model differs: $(diff "$TMP/m1" "$TMP/m2" | head -10)"
nc "$k" -t json 2> /dev/null | grep -q '"by": *"By Ilona Salo, Harbour Reporter"' ||
    fail "$k -> json: the byline is lost"
nc "$k" -t md 2> /dev/null | grep -qx 'byline: "By Ilona Salo, Harbour Reporter"' ||
    fail "$k -> md: the byline is lost"
ok
# page furniture opening an XHTML body (dpa's digitalwires <header>), which the body model
# leaves out: kept, given back at the start of the body; a NITF body has no place for it
# (a contentMetaExtProperty, read back as the same pair); other formats carry the pair
k=tests/newsml/body-furniture.xml
nc --strict "$k" -t newsml > "$TMP/bf.xml" 2> "$TMP/err" || fail "$k: -t newsml --strict: $(cat "$TMP/err")"
sed -n '/<body>/,/<\/body>/p' "$TMP/bf.xml" | sed -n 2p | grep -qF '<header xmlns="http://www.w3.org/1999/xhtml"><ul class="slugline"><li class="subject" data-qcode="medtop:20000500">Schifffahrt</li>' ||
    fail "$k -> newsml: the header does not open the body: $(cat "$TMP/bf.xml")"
nc --strict "$TMP/bf.xml" -t newsml | cmp -s - "$TMP/bf.xml" || fail "$k: newsml -> newsml is not stable"
[ -x /usr/bin/python3 ] && { /usr/bin/python3 tests/tools/g2norm.py "$NEWSCONV" "$k" > "$TMP/out" ||
    fail "$k: newsml -> newsml does not keep the document: $(cat "$TMP/out")"; }
nc "$k" -t newsml --newsml-body nitf > "$TMP/bfn.xml" 2> /dev/null
grep -q 'contentMetaExtProperty rel="ncext:g2:inlineXML/xhtml:header"' "$TMP/bfn.xml" ||
    fail "$k -> newsml --newsml-body nitf: the header is lost: $(cat "$TMP/bfn.xml")"
nc "$TMP/bfn.xml" -t newsml | cmp -s - "$TMP/bf.xml" || fail "$k -> NITF body -> XHTML body: the header is not back"
[ $have_shared = 1 ] && printf '%s\n%s\n' "$TMP/bf.xml" "$TMP/bfn.xml" >> "$TMP/valid.list"
nc "$k" -t md 2> /dev/null | grep -q '^"g2:inlineXML/xhtml:header": "<header' || fail "$k -> md: the header is not carried"
ok
# an XHTML head with the description and the language as microdata (rNews) and a
# contentMeta without them: they fill the empty fields (en_US read as en-US); G2 -> G2 gives
# the head back whole (its thumbnail too) and leaves them out of contentMeta, as they came;
# a format without the head names it not carried
k=tests/newsml/xhtml-head.xml
nc -q "$k" -t model > "$TMP/out" || fail "$k -t model"
grep -qx '  language "en-US"' "$TMP/out" && grep -qx '  headline "Ferry service resumes"' "$TMP/out" &&
    grep -qx '  summary "The ferry to Oslo sails daily again from Monday."' "$TMP/out" ||
    fail "$k: the head's fields: $(cat "$TMP/out")"
nc --strict "$k" -t newsml > "$TMP/xh.xml" 2> "$TMP/err" || fail "$k: -t newsml --strict: $(cat "$TMP/err")"
grep -qF '<meta itemprop="thumbnailUrl" content="https://img.example.org/ferry-t.jpg"/></head>' "$TMP/xh.xml" &&
    ! grep -q '<headline>\|<description\|<language' "$TMP/xh.xml" ||
    fail "$k -> newsml: the head is not given back as it came: $(cat "$TMP/xh.xml")"
nc --strict "$TMP/xh.xml" -t newsml | cmp -s - "$TMP/xh.xml" || fail "$k: newsml -> newsml is not stable"
[ -x /usr/bin/python3 ] && { /usr/bin/python3 tests/tools/g2norm.py "$NEWSCONV" "$k" > "$TMP/out" ||
    fail "$k: newsml -> newsml does not keep the document: $(cat "$TMP/out")"; }
[ $have_shared = 1 ] && printf '%s\n' "$TMP/xh.xml" >> "$TMP/valid.list"
nc -v "$k" -t json 2>&1 > /dev/null | grep -qF "json cannot hold extra 'g2:inlineXML/head': dropped" ||
    fail "$k -> json: the head is not named"
# ... the figure's credit before its caption, as it came; the aside of tags beside the
# <article> is page furniture, not text: kept whole, given back at the end of the body,
# marked so that it reads back as furniture, not as a box of the story
grep -qF '<figcaption><span class="credit">Photo: Jan Berg / Example Wire</span> The ferry at the quay in Kiel.</figcaption>' "$TMP/xh.xml" ||
    fail "$k -> newsml: the credit is not before the caption: $(cat "$TMP/xh.xml")"
sed -n '/<body>/,/<\/body>/p' "$TMP/xh.xml" | tail -2 | head -1 |
    grep -qF '<aside xmlns:nc="urn:newsconv:newsml-g2" nc:furniture="end" xmlns="http://www.w3.org/1999/xhtml"><section><h3>Tags</h3>' ||
    fail "$k -> newsml: the aside does not close the body: $(cat "$TMP/xh.xml")"
nc -q "$TMP/xh.xml" -t model | grep -q '^  heading\|"Tags"$' && fail "$k: the aside read back as body text"
ok
# an <aside> after the text has begun is a box of the story: its text read in place, with a
# warning (the body model has no box; exit 6 under --strict); one opening the body is
# furniture, kept whole as above
k=tests/newsml/body-aside.xml
nc "$k" -t model > "$TMP/out" 2> "$TMP/err"
grep -qxF "newsconv: warning: $k: the body's 1 aside box is read as body text (the body model has no box)" "$TMP/err" ||
    fail "$k: $(cat "$TMP/err")"
grep -A1 '^  heading level=4$' "$TMP/out" | grep -qF 'text "Hintergrund"' &&
    grep -qF 'text "Der Haushalt umfasst 480 Milliarden Euro."' "$TMP/out" || fail "$k: the box's text: $(cat "$TMP/out")"
grep -qF 'extra "g2:inlineXML/xhtml:aside" "<aside xmlns=\"http://www.w3.org/1999/xhtml\" class=\"navigation\">' "$TMP/out" ||
    fail "$k: the opening aside is not kept as furniture"
nc --strict "$k" -t model > /dev/null 2>&1; [ $? = 6 ] || fail "$k --strict: want exit 6"
[ -x /usr/bin/python3 ] && { /usr/bin/python3 tests/tools/g2norm.py "$NEWSCONV" "$k" > "$TMP/out" ||
    fail "$k: newsml -> newsml does not keep the text: $(cat "$TMP/out")"; }
ok
# attributes of XHTML body markup that hold words (an abbreviation's title, a quotation's
# cite, a span's title) or a list's numbering (ol reversed, li value) and that the body
# model cannot hold are named dropped; a link's
# title and a datetime (a date) are held, so not named
k=tests/newsml/body-attrs.xml
nc "$k" -t model > /dev/null 2> "$TMP/err"
grep -qxF "newsconv: warning: $k:7: dropped: p/abbr/@title, body/blockquote/@cite, p/span/@title, body/ol/@reversed, ol/li/@value" "$TMP/err" ||
    fail "$k: $(cat "$TMP/err")"
nc --strict "$k" -t json > /dev/null 2>&1; [ $? = 6 ] || fail "$k --strict: want exit 6"
ok
# the drop check stays linear: texts are searched from where the last one was found, and
# searches that miss or go back have a budget (64 times the model's text and 64 MiB);
# past it the check stops and says so. 100,000 abbreviation titles the model cannot hold
# (each a full pass over 3 MB of model text) took two minutes; now the check stops after
# 42 of them, deterministically (a budget of bytes, not of time)
/usr/bin/python3 -c '
import sys
body="".join("<p><abbr title=\"expansion number %d of many\">A%d</abbr> text %d.</p>" % (i, i, i) for i in range(100000))
sys.stdout.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"urn:x:1\" version=\"1\" standard=\"NewsML-G2\" standardversion=\"2.33\" conformance=\"power\" xml:lang=\"en\"><itemMeta><itemClass qcode=\"ninat:text\"/><provider literal=\"X\"/><versionCreated>2026-12-05T10:00:00Z</versionCreated></itemMeta><contentMeta><headline>Big</headline></contentMeta><contentSet><inlineXML contenttype=\"application/xhtml+xml\"><html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>x</title></head><body>%s</body></html></inlineXML></contentSet></newsItem>" % body)
' > "$TMP/adv.xml"
nc "$TMP/adv.xml" -t md > /dev/null 2> "$TMP/err"
has_lines "$TMP/err" "drop check budget" \
    "newsconv: warning: $TMP/adv.xml: dropped: not every text compared (the document is too large for the check to finish in linear time): some may be missing" \
    "newsconv: warning: $TMP/adv.xml:1: dropped: p/abbr/@title (42)"
ok
# NITF body data given in attributes (a series' name and part, a number's units, a
# pronunciation guide) is named dropped; a virtloc with an address is a link; the parts of
# a postaddr are set off by ", " (they were glued: "Press office1-1 Minato")
k=tests/newsml/nitf-body-attrs.xml
nc "$k" -t model > "$TMP/out" 2> "$TMP/err"
grep -qxF "newsconv: warning: $k:22: dropped: body.head/series/@series.name, body.head/series/@series.part, body.head/series/@series.totalpart, p/num/@units, p/pronounce/@guide" "$TMP/err" ||
    fail "$k: $(cat "$TMP/err")"
grep -A1 -xF '    link href="https://city.example/tunnel"' "$TMP/out" | grep -qxF '      text "the city site"' ||
    fail "$k: the virtloc is not a link: $(cat "$TMP/out")"
grep -qxF '    text "Contact: Press office, 1-1 Minato."' "$TMP/out" || fail "$k: the postaddr: $(cat "$TMP/out")"
nc --strict "$k" -t newsml > /dev/null 2>&1; [ $? = 6 ] || fail "$k --strict: want exit 6"
ok
# G2 -> G2 of test document $1, written as $2: writing $2 again gives $2 (stable), and the
# item compares equal to $1 after normalising (tests/tools/g2norm.py; $3 names what is kept)
g2_kept() {
    nc "$2" -t newsml 2> /dev/null | cmp -s - "$2" || fail "$1: newsml -> newsml is not stable"
    [ -x /usr/bin/python3 ] && { /usr/bin/python3 tests/tools/g2norm.py "$NEWSCONV" "$1" > "$TMP/out" ||
        fail "$1: newsml -> newsml does not keep the $3: $(cat "$TMP/out")"; }
    return 0
}

# HTML sent as the text of a text/plain inlineData (ANSA): read as markup (nothing is
# named dropped: its text without the tags is the model's, so --strict passes), sent back the same way
# (the body as escaped canonical XHTML, the element's attributes kept); --newsml-body
# xhtml gives an inlineXML as asked (the mark a contentMetaExtProperty), read as the same
# model
k=tests/newsml/inline-data-markup.xml
nc --strict "$k" -t model > /dev/null 2> "$TMP/err" || fail "$k: --strict: $(cat "$TMP/err")"
nc "$k" -t newsml > "$TMP/id.xml" 2> /dev/null || fail "$k: -t newsml failed"
grep -qF '<inlineData contenttype="text/plain" rendition="rnd:original" wordcount="14">&lt;p&gt;(Example) - The bridge reopened on Monday, the city said.&lt;/p&gt;&lt;p&gt;Traffic is &lt;em&gt;light&lt;/em&gt; so far.&lt;/p&gt;</inlineData>' "$TMP/id.xml" ||
    fail "$k -> newsml: the body is not sent back as inlineData: $(cat "$TMP/id.xml")"
grep -q '<inlineXML' "$TMP/id.xml" && fail "$k -> newsml: an inlineXML beside the inlineData"
g2_kept "$k" "$TMP/id.xml" document
nc "$k" -t newsml --newsml-body xhtml > "$TMP/idx.xml" 2> /dev/null
grep -q '<inlineXML contenttype="application/xhtml+xml">' "$TMP/idx.xml" && ! grep -q '<inlineData' "$TMP/idx.xml" ||
    fail "$k -> newsml --newsml-body xhtml: $(cat "$TMP/idx.xml")"
[ $have_shared = 1 ] && printf '%s\n%s\n' "$TMP/id.xml" "$TMP/idx.xml" >> "$TMP/valid.list"
nc "$k" -t model 2> /dev/null > "$TMP/m1"
for f in "$TMP/id.xml" "$TMP/idx.xml"; do
    nc "$f" -t model 2> /dev/null | cmp -s - "$TMP/m1" ||
        fail "$k -> $f -> model differs: $(nc "$f" -t model 2>&1 | diff "$TMP/m1" - | head -10)"
done
nc "$TMP/idx.xml" -t newsml 2> /dev/null | cmp -s - "$TMP/id.xml" ||
    fail "$k -> XHTML body -> newsml: not sent as inlineData again"
ok
# a package (packageItem): its groupSet is kept and written back, the item again a
# packageItem with no itemMeta links for the references; the other formats get them as
# links and media; md and html carry the groupSet, so they give the package back; with a
# body added the item is a newsItem and the groupSet a contentMetaExtProperty
k=tests/newsml/package.xml
nc --strict "$k" -t newsml > "$TMP/pk.xml" 2> "$TMP/err" || fail "$k: -t newsml --strict: $(cat "$TMP/err")"
sed -n 2p "$TMP/pk.xml" | grep -q '^<packageItem ' || fail "$k -> newsml: not a packageItem: $(cat "$TMP/pk.xml")"
grep -qF '<groupSet root="G0"><group id="G0" role="group:root" mode="pgrmod:seq"><groupRef idref="G1"/>' "$TMP/pk.xml" ||
    fail "$k -> newsml: the groupSet is lost: $(cat "$TMP/pk.xml")"
grep -q '<link\|<contentSet' "$TMP/pk.xml" && fail "$k -> newsml: the references written twice: $(cat "$TMP/pk.xml")"
g2_kept "$k" "$TMP/pk.xml" package
nc "$k" -t json 2> /dev/null | grep -q '"uri": "urn:newsml:example.org:20261204:harbour-photo"' ||
    fail "$k -> json: the picture reference is not an association"
nc "$k" -t md > "$TMP/pk.md" 2> /dev/null
nc "$TMP/pk.md" -t newsml 2> /dev/null | cmp -s - "$TMP/pk.xml" || fail "$k -> md -> newsml: not the package again"
nc "$k" -t html 2> /dev/null | nc -f html - -t newsml 2> /dev/null | cmp -s - "$TMP/pk.xml" ||
    fail "$k -> html -> newsml: not the package again"
printf '\nA note added to the package.\n' >> "$TMP/pk.md"
nc "$TMP/pk.md" -t newsml > "$TMP/pkb.xml" 2> /dev/null
sed -n 2p "$TMP/pkb.xml" | grep -q '^<newsItem ' && grep -q 'contentMetaExtProperty rel="ncext:g2:newsItem/groupSet"' "$TMP/pkb.xml" &&
    grep -q 'A note added' "$TMP/pkb.xml" || fail "$k -> md + a body -> newsml: $(cat "$TMP/pkb.xml")"
[ $have_shared = 1 ] && printf '%s\n%s\n' "$TMP/pk.xml" "$TMP/pkb.xml" >> "$TMP/valid.list"
ok
# a package whose itemMeta links to an item its groupSet also refers to: the kept link is
# written back as it was read (it was neither written nor kept)
k=tests/newsml/package-link.xml
nc --strict "$k" -t newsml > "$TMP/pkl.xml" 2> "$TMP/err" || fail "$k: -t newsml --strict: $(cat "$TMP/err")"
[ "$(grep -c '<link rel="irel:seeAlso" residref="urn:newsml:example.org:20261204:harbour-text" version="2" title="The text of the package"/>' "$TMP/pkl.xml")" = 1 ] ||
    fail "$k -> newsml: the itemMeta link: $(cat "$TMP/pkl.xml")"
g2_kept "$k" "$TMP/pkl.xml" link
[ $have_shared = 1 ] && echo "$TMP/pkl.xml" >> "$TMP/valid.list"
ok
# content that is no text body (SportsML): the inlineXML is kept whole (nothing dropped
# under --strict) and written back in the contentSet, with no empty XHTML body beside it
k=tests/newsml/sportsml-content.xml
nc --strict "$k" -t newsml > "$TMP/sp.xml" 2> "$TMP/err" || fail "$k: -t newsml --strict: $(cat "$TMP/err")"
grep -qF '<inlineXML contenttype="application/sportsml+xml"><sports-content xmlns="http://iptc.org/std/SportsML/2008-04-01/"><sports-event><team><team-metadata key="team:rovers"><name full="Harbour Rovers"/>' "$TMP/sp.xml" ||
    fail "$k -> newsml: the SportsML content is lost: $(cat "$TMP/sp.xml")"
grep -q 'application/xhtml+xml' "$TMP/sp.xml" && fail "$k -> newsml: an empty XHTML body beside the content"
g2_kept "$k" "$TMP/sp.xml" document
nc "$k" -t md 2> /dev/null | nc -f md - -t newsml 2> /dev/null | cmp -s - "$TMP/sp.xml" ||
    fail "$k -> md -> newsml: the content is not back"
[ $have_shared = 1 ] && echo "$TMP/sp.xml" >> "$TMP/valid.list"
ok
# a NITF story.date that prints a date is part of the dateline (it was dropped); one that
# restates its norm (EFE) adds nothing; NITF -> NITF gives the same dateline
k=tests/newsml/nitf-story-date.xml
nc --strict "$k" -t model > "$TMP/out" 2> "$TMP/err" || fail "$k: --strict: $(cat "$TMP/err")"
for want in '  dateline "HAMBURG, Germany (EX) Dec. 4"' '  created 2026-12-04T09:00:00Z'; do
    grep -qxF "$want" "$TMP/out" || fail "$k: want $want in $(cat "$TMP/out")"
done
nc "$k" -t nitf 2> /dev/null | nc -f nitf - -t model 2> /dev/null | grep -qxF '  dateline "HAMBURG, Germany (EX) Dec. 4"' ||
    fail "$k -> nitf -> model: the dateline changed"
sed 's|>Dec. 4<|>20261204T0900Z<|' "$k" > "$TMP/sd.xml"
nc "$TMP/sd.xml" -t model 2> /dev/null | grep -qxF '  dateline "HAMBURG, Germany (EX)"' ||
    fail "$k: a story.date restating its norm is added to the dateline: $(nc "$TMP/sd.xml" -t model 2>&1)"
ok
# NewsML 1.2 RightsMetadata and a NameLabel beside the SlugLine: kept (they were dropped)
k=tests/newsml/newsml1-rights.xml
nc --strict "$k" -t model > "$TMP/out" 2> "$TMP/err" || fail "$k: --strict: $(cat "$TMP/err")"
for want in '  copyright_holder "Example Wire"' '  usage_terms "No archive"' '  slugline "HARBOUR-CRANES"' \
    '  extra "newsml1:Copyright/CopyrightDate" "2026"' '  extra "newsml1:UsageRights/UsageType" "Subscribers"' \
    '  extra "newsml1:UsageRights/Geography" "Europe"' '  extra "newsml1:NameLabel" "Harbour cranes"'; do
    grep -qxF "$want" "$TMP/out" || fail "$k: want $want in $(cat "$TMP/out")"
done
nc --strict "$k" -t newsml > "$TMP/r1.xml" 2> "$TMP/err" || fail "$k -> newsml --strict: $(cat "$TMP/err")"
[ $have_shared = 1 ] && echo "$TMP/r1.xml" >> "$TMP/valid.list"
ok
# a detected language is written marked inferred (IPTC's how/why) with no xml:lang on the
# item, and read back as detected; a declared one is written plain
printf -- '---\ntitle: "Les grues reviennent au port"\n---\n\nDeux grues à conteneurs ont été remises sur le quai du port ce matin, a annoncé la capitainerie.\n' > "$TMP/fr.md"
nc "$TMP/fr.md" -t newsml > "$TMP/fr.xml" 2> /dev/null
grep -qF '<language tag="fr" how="howextr:tool" why="why:inferred"/>' "$TMP/fr.xml" ||
    fail "detected language: not marked inferred: $(cat "$TMP/fr.xml")"
sed -n 2p "$TMP/fr.xml" | grep -q 'xml:lang=' && fail "detected language: declared on the item: $(sed -n 2p "$TMP/fr.xml")"
nc "$TMP/fr.xml" -t model --no-detect > "$TMP/fr.m" 2> /dev/null
grep -qx '  language "fr"' "$TMP/fr.m" && grep -qx '  language_detected 1' "$TMP/fr.m" ||
    fail "detected language: not read back as detected: $(nc "$TMP/fr.xml" -t model 2>&1 | head -8)"
nc "$TMP/fr.xml" -t newsml 2> /dev/null | cmp -s - "$TMP/fr.xml" || fail "detected language: newsml -> newsml is not stable"
nc "$TMP/fr.md" -t newsml -M language=fr 2> /dev/null | grep -q 'how="howextr:tool"' &&
    fail "a declared language (-M) marked inferred"
[ $have_shared = 1 ] && echo "$TMP/fr.xml" >> "$TMP/valid.list"
ok
# a newsMessage: the text item is the article, its picture item merged into its media
# (title, caption, credit) for every format; the other items are kept whole, and G2 -> G2
# writes the message again (header, items in order, the text item's dependsOn link as it
# was, no media link added for the picture item); md carries it all and gives it back
k=tests/newsml/message.xml
nc --strict "$k" -t newsml > "$TMP/msg.xml" 2> "$TMP/err" || fail "$k: -t newsml --strict: $(cat "$TMP/err")"
sed -n 2p "$TMP/msg.xml" | grep -q '^<newsMessage ' || fail "$k -> newsml: not a newsMessage: $(cat "$TMP/msg.xml")"
[ "$(grep -o '<packageItem \|<newsItem ' "$TMP/msg.xml" | tr -d ' ' | tr '\n' ,)" = "<packageItem,<newsItem,<newsItem," ] ||
    fail "$k -> newsml: the items are not the message's, in order: $(cat "$TMP/msg.xml")"
grep -qF '<sent>2026-12-04T10:00:00Z</sent>' "$TMP/msg.xml" || fail "$k -> newsml: the header is lost"
[ "$(grep -c '<link ' "$TMP/msg.xml")" = 1 ] && grep -qF '<link rel="irel:dependsOn" guidref="urn:newsml:example.org:20261204:photo">' "$TMP/msg.xml" ||
    fail "$k -> newsml: the text item's links: $(grep '<link' "$TMP/msg.xml")"
g2_kept "$k" "$TMP/msg.xml" message
nc "$k" -t model > "$TMP/out" 2> /dev/null
grep -qF 'caption="A tug holds the barge as the crane is lifted." credit="Example Wire/J. Doe"' "$TMP/out" ||
    fail "$k: the picture item is not merged into the article's media: $(cat "$TMP/out")"
nc "$k" -t md 2> /dev/null | nc -f md - -t newsml 2> /dev/null | cmp -s - "$TMP/msg.xml" ||
    fail "$k -> md -> newsml: not the message again"
[ $have_shared = 1 ] && echo "$TMP/msg.xml" >> "$TMP/valid.list"
ok
# the other forms of a text item's content (a plain inlineData, a PDF remoteContent) are
# kept whole and written back beside the body (the PDF was lost silently)
k=tests/newsml/content-forms.xml
nc --strict "$k" -t newsml > "$TMP/cf.xml" 2> "$TMP/err" || fail "$k: -t newsml --strict: $(cat "$TMP/err")"
for want in '<inlineData contenttype="text/plain" wordcount="9">Två containerkranar lyftes tillbaka till kajen på fredagen.</inlineData>' \
    '<remoteContent href="https://example.se/text/kranar.pdf" contenttype="application/pdf" size="12345" rendition="rnd:print"/>'; do
    grep -qF "$want" "$TMP/cf.xml" || fail "$k -> newsml lost $want: $(cat "$TMP/cf.xml")"
done
[ "$(grep -c '<p>' "$TMP/cf.xml")" = 1 ] || fail "$k -> newsml: the body is not the XHTML alone"
g2_kept "$k" "$TMP/cf.xml" document
nc "$k" -t md 2> /dev/null | grep -qF '"g2:contentSet/remoteContent": "<remoteContent href=\"https://example.se/text/kranar.pdf\"' ||
    fail "$k -> md: the PDF is not carried"
[ $have_shared = 1 ] && echo "$TMP/cf.xml" >> "$TMP/valid.list"
ok
# NITF head attributes that no field holds are kept as nitf: extras (they were lost
# silently): md carries them under --strict, json and nitf name them not carried
k=tests/newsml/nitf-head-attrs.xml
nc --strict "$k" -t model > "$TMP/out" 2> "$TMP/err" || fail "$k: --strict: $(cat "$TMP/err")"
for want in '  extra "nitf:docdata/doc.rights/@agent" "Example Desk"' '  extra "nitf:docdata/doc.rights/@geography" "Europe"' \
    '  extra "nitf:docdata/doc.rights/@limitations" "No archive"' '  extra "nitf:docdata/doc.copyright/@year" "2026"' \
    '  extra "nitf:head/tobject/@tobject.type" "news"' '  extra "nitf:docdata/fixture/@fix-id" "HARBOUR-DAILY"'; do
    grep -qxF "$want" "$TMP/out" || fail "$k: want $want in $(cat "$TMP/out")"
done
grep -q 'nitf:docdata/doc.rights/@owner' "$TMP/out" && fail "$k: the owner, which the copyright holder gives, kept twice"
nc --strict "$k" -t md 2> /dev/null | grep -qxF '"nitf:docdata/doc.rights/@limitations": "No archive"' || fail "$k -> md: the limitations are lost"
grep -qxF '  ednote "Hold for release\nCall the desk on 555 0100 before use."' "$TMP/out" &&
    grep -qxF '  extra "nitf:body.head/note" "This story corrects the tonnage."' "$TMP/out" ||
    fail "$k: the body.head notes: $(cat "$TMP/out")"
nc "$k" -t html 2> /dev/null | grep -q '555 0100' && fail "$k -> html: the note not for publication is published"
nc --strict "$k" -t nitf > /dev/null 2>&1; [ $? = 6 ] || fail "$k -> nitf --strict: want exit 6 (the extras not carried)"
ok
# NITF identified-content: typed entities with their codes, a classifier as a subject with
# its scheme; written back by the NITF writer (valid 3.6), as typed entities by G2 and ninjs;
# a head title unlike the hl1 is kept and written back as the title
k=tests/newsml/nitf-identified.xml
nc "$k" -t model > "$TMP/out" 2> "$TMP/err"
grep -qxF "newsconv: warning: $k:17: dropped: person/function" "$TMP/err" || fail "$k: $(cat "$TMP/err")"
has_lines "$TMP/out" "$k" '  subject type="place" name="Oviedo, España" code="33044" scheme="ine.es"' \
    '  subject type="organisation" name="Agencia Estatal de Meteorología" code="AEMET" scheme="example"' \
    '  subject type="person" name="Juan Pérez" code="p-991" scheme="example"' \
    '  subject type="event" name="Temporal Bárbara"' '  subject type="object" name="Plan de emergencias"' \
    '  subject code="SOC" scheme="categoria"' '  extra "nitf:head/title" "temporal-norte"'
nc "$k" -t nitf -q > "$TMP/ic.nitf" || fail "$k -> nitf"
grep -qF '<title>temporal-norte</title>' "$TMP/ic.nitf" || fail "$k -> nitf: the head title"
[ $have_shared = 1 ] && echo "$TMP/ic.nitf" >> "$TMP/valid.list" # validate_all: NITF 3.6
nc -f nitf "$TMP/ic.nitf" -t model 2> /dev/null | diff - "$TMP/out" > /dev/null || fail "$k: nitf -> nitf changed the model: $(nc -f nitf "$TMP/ic.nitf" -t model 2>&1 | diff - "$TMP/out")"
nc --strict "$k" -t nitf > /dev/null 2>&1; [ $? = 6 ] || fail "$k -> nitf --strict: want exit 6 (the function is dropped)"
nc "$k" -t json -q | grep -qF '"name": "Temporal Bárbara"' || fail "$k -> json: the event"
nc "$k" -t newsml -q | grep -qF '<subject type="cpnat:person" qcode=' && fail "$k -> newsml: a code without scheme alias as qcode"
nc "$k" -t newsml -q | grep -qF 'type="cpnat:poi"' || nc "$k" -t newsml -q | grep -qF 'type="cpnat:geoArea"' || fail "$k -> newsml: the place is not typed"
ok
# NewsML 1.2 data in FormalName and Value attributes is kept, not lost without a word;
# form (vocabularies, MediaType, Format, Role, a Property's FormalName) is not data
k=tests/newsml/newsml1-attrs.xml
nc --strict "$k" -t model > "$TMP/out" 2> "$TMP/err" || fail "$k: --strict: $(cat "$TMP/err")"
has_lines "$TMP/out" "$k" '  extra "newsml1:NewsEnvelope/NewsService/@FormalName" "DGTE"' \
    '  extra "newsml1:AdministrativeMetadata/Property/EditorialService" "Agence France-Presse"' \
    '  extra "newsml1:DescriptiveMetadata/OfInterestTo/@FormalName" "AFP-World"' \
    '  extra "newsml1:Location/Property/Country" "BRA"' '  extra "newsml1:Creator/Party/@Topic" "Journalist"' \
    '  extra "newsml1:NewsManagement/Instruction/@FormalName" "Update"'
grep -q 'Status\|MediaType\|"newsml1:[^"]*/@Vocabulary"\|Property/@FormalName\|/Format/\|/Role/' "$TMP/out" &&
    fail "$k: form kept as data: $(grep 'Status\|MediaType\|Vocabulary\|Property/@FormalName\|/Format/\|/Role/' "$TMP/out")"
for v in md newsml; do
    nc "$k" -t $v -q | nc -f $v -t model 2> /dev/null | diff "$TMP/out" - > /dev/null || fail "$k -> $v -> model changed"
done
nc --strict "$k" -t json > /dev/null 2>&1; [ $? = 6 ] || fail "$k -> json --strict: want exit 6 (newsml1: extras not carried)"
ok
# body.content notes, footnotes and quotations: an npa note is internal (ednote, not the
# body, not -t html), a footnote a reference and a closing paragraph (warned), a <q> keeps
# its quotation marks; NITF -> NITF gives the same model
k=tests/newsml/nitf-notes.xml
nc "$k" -t model > "$TMP/out" 2> "$TMP/err"
grep -qxF "newsconv: warning: $k: the body's 1 footnote is written as [N] and a paragraph at the end (the body model has no footnote)" "$TMP/err" ||
    fail "$k: $(cat "$TMP/err")"
has_lines "$TMP/out" "$k" '  ednote "Desk: call Jane on 555 0100 before use."' '      text "[1]"' \
    '    text "[1] Estimate by the county."' '    text "This story has been corrected."' \
    '    text "“Get out now”, officials said."'
[ "$(grep -c '555 0100' "$TMP/out")" = 1 ] || fail "$k: the npa note is in the body too"
nc "$k" -t html 2> /dev/null | grep -q '555 0100' && fail "$k -> html: the npa note is published"
nc "$k" -t nitf -q | nc -f nitf -t model 2> /dev/null | diff "$TMP/out" - > /dev/null ||
    fail "$k: nitf -> nitf changed the model: $(nc "$k" -t nitf -q | nc -f nitf -t model 2>&1 | diff "$TMP/out" -)"
nc --strict "$k" -t model > /dev/null 2>&1; [ $? = 6 ] || fail "$k --strict: want exit 6 (the footnote)"
ok
# the size and type of a body image, which the body model does not hold, are named dropped
printf '%s\n' '<nitf><head><title>T</title></head><body><body.content><p>Text of the story.</p>' \
    '<media media-type="image"><media-reference source="crane.jpg" mime-type="image/jpeg" width="640" height="480"/>' \
    '<media-caption>The crane.</media-caption></media></body.content></body></nitf>' > "$TMP/img.xml"
nc --strict "$TMP/img.xml" -t model > /dev/null 2> "$TMP/err"; rc=$?
[ $rc = 6 ] && grep -qF 'dropped: media/media-reference/@width, media/media-reference/@height, media/media-reference/@mime-type' "$TMP/err" ||
    fail "a body image's size: exit $rc, $(cat "$TMP/err")"
ok
# AFP NewsML 1.2: the advisory line, the other news lines, a photographer's byline
k=tests/newsml/afp-newslines.xml
nc --strict "$k" -t model > "$TMP/out" 2> "$TMP/err" || fail "$k: --strict: $(cat "$TMP/err")"
for want in '  ednote "RECASTS with attack on town"' '  extra "newsml1:NewsLine/ProductLine" "(Picture+Video+Graphic)"' \
    '    main size=106500'; do
    grep -qxF "$want" "$TMP/out" || fail "$k: want $want in $(cat "$TMP/out")"
done
grep -qF 'credit="AFP" details="{\"byline\":\"Fred Tanneau\"}"' "$TMP/out" || fail "$k: the photographer's byline is lost"
ok
validate_all

# ---- 7. invalid inputs ----------------------------------------------------------------
n=0
for d in fixtures/invalid/newsml-*/; do
    [ -d "$d" ] || continue
    in=$(ls "$d"input.* 2> /dev/null | head -1)
    [ -n "$in" ] || fail "$d: no input"
    want_rc=$(sed -n 1p "$d/expected")
    want_msg=$(sed -n 2p "$d/expected")
    nc "$in" -t model > /dev/null 2> "$TMP/err"
    rc=$?
    [ "$rc" = "$want_rc" ] || fail "$in: exit $rc, want $want_rc"
    [ "$(head -1 "$TMP/err")" = "$want_msg" ] || fail "$in: '$(head -1 "$TMP/err")', want '$want_msg'"
    n=$((n + 1))
    ok
done
echo "invalid inputs: $n as expected"

# ---- 8. allocation failures ------------------------------------------------------------
FAILMALLOC=$B/tests/failmalloc.so
# (not under valgrind or AddressSanitizer: they bring their own allocator)
if [ -z "$TEST_WRAPPER" ] && [ $under_asan = 0 ] && [ -f "$FAILMALLOC" ] && [ -f fixtures/newsml-full/article.xml ]; then
    sweep() { # FILE ARGS...: fail each allocation of one conversion in turn
        local f=$1 total i rc step
        shift
        total=$(NC_FAIL_COUNT=1 LD_PRELOAD=$FAILMALLOC "$NEWSCONV" "$f" "$@" 2>&1 > /dev/null |
            sed -n 's/^allocations: //p')
        [ -n "$total" ] || fail "allocation sweep: cannot count the allocations of $f"
        # at most about 120 runs per conversion: every allocation up to that, then a sample
        step=$(((total + 119) / 120))
        for i in $(seq 1 "$step" "$total"); do
            NC_FAIL_AT=$i LD_PRELOAD=$FAILMALLOC "$NEWSCONV" "$f" "$@" > /dev/null 2> "$TMP/oom.err"
            rc=$?
            case $rc in
            0 | 7) ;;
            *) fail "allocation $i of $total failing: $f $* exited $rc: $(head -3 "$TMP/oom.err")" ;;
            esac
        done
        sweeps=$((sweeps + (total + step - 1) / step))
    }
    sweeps=0
    sweep fixtures/newsml-full/article.xml -t newsml
    sweep fixtures/newsml-full/article.xml -t nitf
    sweep fixtures/newsml-nitf/article.xml -t newsml --newsml-body nitf
    sweep tests/newsml/constrained.xml -t html # the publish view (formats/common/publish.c)
    sweep tests/newsml/nitf-notes.xml -t nitf  # notes and footnotes taken out of a NITF body
    if [ $have_shared = 1 ]; then
        sweep "$SHARED/corpus/newsml1/newsmlmmd.urn.newsml.afp.com.20200613.doc.1te5rk.xml" -t newsml
        sweep "$SHARED/corpus/nitf/pa4.xml" -t newsml
    fi
    ok
    echo "allocation failures: $sweeps runs, none crashed"
fi

echo "newsml.sh: $checks checks passed, $skipped documents skipped (no reader yet)"
