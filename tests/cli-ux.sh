#!/usr/bin/env bash
# The command line as a user meets it (issue 16): -M replace/append/clear, suggestions for
# misspelled options and formats, hints, readable warnings. Exact messages and exit codes.
set -u
. tests/testlib.bash

in=fixtures/full-metadata/article.json
authors() { grep '^  author ' "$TMPD/m.model" || true; }

# -M KEY=VALUE replaces a list field, KEY+=VALUE appends, KEY= clears
nc "$in" -t model -M author=X >"$TMPD/m.model" || fail "-M author=X"
[ "$(authors)" = '  author name="X"' ] || fail "-M author=X does not replace: $(authors)"; pass
nc "$in" -t model -M author= >"$TMPD/m.model" || fail "-M author="
[ -z "$(authors)" ] || fail "-M author= does not clear: $(authors)"; pass
nc "$in" -t model -M author=X -M author+=Y >"$TMPD/m.model" || fail "-M author+=Y"
[ "$(authors)" = '  author name="X"
  author name="Y"' ] || fail "-M author+=Y does not append: $(authors)"; pass
nc "$in" -t model -M keywords=a -M tags+=b >"$TMPD/m.model" || fail "-M keywords"
[ "$(grep -c '^  keyword ' "$TMPD/m.model")" = 2 ] || fail "-M keywords=a tags+=b: $(grep keyword "$TMPD/m.model")"; pass
nc "$in" -t model -M mykey=1 -M mykey=2 >"$TMPD/m.model" || fail "-M mykey"
[ "$(grep '^  extra "mykey"' "$TMPD/m.model")" = '  extra "mykey" "2"' ] || fail "-M extra replace"; pass
expect_run 2 "newsconv: -M needs KEY=VALUE, got '+=x'" -- -M +=x -t model

# suggestions for misspelled options and format names
expect_run 2 "newsconv: unknown option '--frm'; did you mean '--from'?" -- --frm markdown
expect_run 2 "newsconv: unknown option '--fragmnt'; did you mean '--fragment'?" -- --fragmnt
expect_run 2 "newsconv: unknown option '--input-encodng=x'; did you mean '--input-encoding'?" -- --input-encodng=x
expect_run 2 "newsconv: unknown option '--frobnicate'" -- --frobnicate
known=$("$NEWSCONV" --list-formats | awk '{printf "%s%s", sep, $1; sep=", "}')
expect_run 3 "newsconv: unknown format 'markdwon'; did you mean 'markdown'? (known formats: $known)" -- -t markdwon examples/helsinki.md
expect_run 3 "newsconv: unknown format 'jsno'; did you mean 'json'? (known formats: $known)" -- -f jsno -t md examples/helsinki.md
expect_run 3 "newsconv: unknown format 'docx' (known formats: $known)" -- -t docx examples/helsinki.md

# a directory without -r
mkdir -p "$TMPD/dir"
cp examples/helsinki.md "$TMPD/dir/"
expect_run 5 "newsconv: $TMPD/dir/: is a directory (use -r to convert the articles it holds)" -- "$TMPD/dir" -t md
expect_run 5 "newsconv: $TMPD/dir/: is a directory (use -r to convert the articles it holds)" -- "$TMPD/dir/" -t md

# an option value that is an input file: refused, never waiting on stdin
rc=0
timeout 10 "$NEWSCONV" --base-url examples/helsinki.md -t md </dev/null >"$TMPD/out" 2>"$TMPD/err" || rc=$?
[ "$rc" = 2 ] || fail "--base-url FILE: exit $rc"; pass
[ "$(head -n 1 "$TMPD/err")" = "newsconv: --base-url URL: 'examples/helsinki.md' is a file, not the URL (write --base-url URL INPUT)" ] || fail "--base-url FILE: $(cat "$TMPD/err")"; pass
expect_run 2 "newsconv: --input-encoding ENC: 'examples/helsinki.md' is a file, not the ENC (write --input-encoding ENC INPUT)" -- --input-encoding=examples/helsinki.md -t md
nc --base-url https://example.com/ examples/helsinki.md -t md >/dev/null || fail "--base-url URL"; pass

# a format option neither the reader nor the writer uses: a warning, not silence
expect_run 0 "newsconv: warning: --fragment does nothing when reading markdown and writing markdown (it is an option of html)" -- --fragment examples/helsinki.md -t md
expect_run 0 "" -- -q --fragment examples/helsinki.md -t md
[ ! -s "$TMPD/err" ] || fail "-q still warns: $(cat "$TMPD/err")"; pass
expect_run 0 "" -- --fragment examples/helsinki.md -t html
[ ! -s "$TMPD/err" ] || fail "--fragment -t html warns: $(cat "$TMPD/err")"; pass

# -v in a batch to "dir/": one slash
expect_run 0 "newsconv: examples/helsinki.md -> $TMPD/o1/helsinki.json" -- -v --no-detect examples/helsinki.md "$TMPD/dir/helsinki.md" -t json -o "$TMPD/o1/"
mkdir -p "$TMPD/o2"
expect_run 0 "newsconv: examples/helsinki.md -> $TMPD/o2/helsinki.json" -- -v --no-detect examples/helsinki.md "$TMPD/dir/helsinki.md" -t json -o "$TMPD/o2//"

# --help: -j 0 and every archive and compression extension
nc --help >"$TMPD/help"
grep -q -- '-j, --jobs N.*0: all cores' "$TMPD/help" || fail "--help: -j 0"; pass
for e in .tar .tar.gz .tgz .tar.bz2 .tbz2 .tbz .tar.xz .txz .tar.zst .tzst .zip .warc .warc.gz .gz .bz2 .xz .zst; do
    grep -q -- " \\$e[ )]" "$TMPD/help" || grep -q -- "(\\$e " "$TMPD/help" || fail "--help omits $e"
    pass
done

# warnings: what the output cannot hold is one line per article, each detail with -v
fm=fixtures/full-metadata/article.xml
expect_run 0 "newsconv: warning: $fm: not carried into json: expires, extra (8) (-v shows each)" -- "$fm" -t json
[ "$(wc -l <"$TMPD/err")" = 1 ] || fail "not one warning line: $(cat "$TMPD/err")"; pass
expect_run 0 "newsconv: warning: $fm: not carried into nitf: links, media, line breaks and extra spaces of summary, extra field (7), code and scheme of genre, subject (2), url or affiliation of author (-v shows each)" -- "$fm" -t nitf
nc -v "$fm" -t json >/dev/null 2>"$TMPD/err" || fail "-v"
[ "$(grep -c "^newsconv: warning: $fm: json cannot hold extra '" "$TMPD/err")" = 8 ] || fail "-v: details: $(cat "$TMPD/err")"; pass
grep -q "not carried" "$TMPD/err" && fail "-v repeats the summary"; pass
expect_run 6 "newsconv: warning: $fm: not carried into json: expires, extra (8) (-v shows each)" -- --strict "$fm" -t json
[ "$(sed -n 2p "$TMPD/err")" = "newsconv: $fm: 9 warnings under --strict: json cannot hold all of the article" ] || fail "--strict: $(cat "$TMPD/err")"; pass
expect_run 0 "" -- -q "$fm" -t json
[ ! -s "$TMPD/err" ] || fail "-q warns: $(cat "$TMPD/err")"; pass
# a single warning stays as it is; node types in words, never model names
expect_run 0 "newsconv: warning: $fm: html does not publish the editorial note (internal; --keep-internal writes it)" -- "$fm" -t html
printf '1. a\n\n   > q\n' >"$TMPD/list.md"
nc -v "$TMPD/list.md" -t nitf >/dev/null 2>"$TMPD/err" || fail "list.md -t nitf"
grep -q 'ordered_list\|bullet_list\|list_item\|code_block' "$TMPD/err" && fail "model names in warnings: $(cat "$TMPD/err")"; pass

echo "$checks checks"
