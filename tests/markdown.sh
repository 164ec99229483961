#!/bin/sh
# The Markdown format's tests. Usage: tests/markdown.sh   (from the repository root)
#   NEWSCONV      the binary (default: $B/newsconv, B defaulting to build)
#   TEST_WRAPPER  a command to run it under (e.g. valgrind); its findings fail the test
# Stops at the first failure with a message, exit status 1.
set -u
B=${B:-build}
NEWSCONV=${NEWSCONV:-$B/newsconv}
WRAP=${TEST_WRAPPER:-}
FIX=fixtures
TMP=$(mktemp -d "${TMPDIR:-/tmp}/newsconv-md.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT INT TERM
checks=0

fail() {
    echo "tests/markdown.sh: FAIL: $*" >&2
    exit 1
}
ok() { checks=$((checks + 1)); }
nc() {
    # shellcheck disable=SC2086
    $WRAP "$NEWSCONV" "$@"
}
args_of() {
    if [ -f "$1/args" ]; then cat "$1/args"; fi
}

[ -x "$NEWSCONV" ] || fail "$NEWSCONV is not built (run make)"

# ---- fixtures: the reader gives article.model, the writer reproduces article.md ----
for dir in "$FIX"/*/; do
    dir=${dir%/}
    [ -f "$dir/article.md" ] || continue
    args=$(args_of "$dir")
    want="$dir/article.model"
    [ -f "$dir/md.model" ] && want="$dir/md.model"
    # shellcheck disable=SC2086
    nc "$dir/article.md" -t model $args >"$TMP/got.model" 2>"$TMP/err" ||
        fail "$dir: reading article.md failed: $(cat "$TMP/err")"
    cmp -s "$TMP/got.model" "$want" ||
        fail "$dir: article.md does not read as $want:
$(diff "$want" "$TMP/got.model" | head -20)"
    ok
    # shellcheck disable=SC2086
    nc "$dir/article.md" -t md $args >"$TMP/again.md" 2>"$TMP/err" ||
        fail "$dir: writing Markdown failed: $(cat "$TMP/err")"
    cmp -s "$TMP/again.md" "$dir/article.md" ||
        fail "$dir: the Markdown writer does not reproduce article.md byte for byte:
$(diff "$dir/article.md" "$TMP/again.md" | head -20)"
    ok
    # the other layout reads back as the same model too (front matter carries everything)
    # shellcheck disable=SC2086
    nc "$dir/article.md" -t md $args --layout front >"$TMP/front.md" 2>/dev/null ||
        fail "$dir: writing --layout front failed"
    # shellcheck disable=SC2086
    nc "$TMP/front.md" -t model $args >"$TMP/front.model" 2>"$TMP/err" ||
        fail "$dir: reading the front-matter layout back failed: $(cat "$TMP/err")"
    cmp -s "$TMP/front.model" "$want" ||
        fail "$dir: --layout front does not read back as the same model:
$(diff "$want" "$TMP/front.model" | head -20)"
    # shellcheck disable=SC2086
    nc "$TMP/front.md" -t md $args --layout front | cmp -s - "$TMP/front.md" ||
        fail "$dir: a second front-matter write is not byte-identical to the first"
    ok
done

# ---- invalid inputs: exit code and the exact message ----
for dir in "$FIX"/invalid/*/; do
    dir=${dir%/}
    [ -f "$dir/input.md" ] || continue
    want_rc=$(sed -n 1p "$dir/expected")
    want_msg=$(sed -n 2p "$dir/expected")
    nc "$dir/input.md" -t model >"$TMP/out" 2>"$TMP/err"
    rc=$?
    [ "$rc" = "$want_rc" ] || fail "$dir: exit status $rc, expected $want_rc ($(cat "$TMP/err"))"
    got_msg=$(grep -v '^==' "$TMP/err" | head -1)
    [ "$got_msg" = "$want_msg" ] || fail "$dir: message
  got:  $got_msg
  want: $want_msg"
    [ -s "$TMP/out" ] && fail "$dir: a failed run wrote output"
    ok
done

# ---- the acceptance test: the bundled example in the archive's plain layout ----
ex=examples/helsinki.md
# (--no-detect: fixtures/helsinki, which it must read as, is read without detection)
nc "$ex" -t model --no-detect >"$TMP/ex.model" 2>"$TMP/err" || fail "$ex: $(cat "$TMP/err")"
while IFS= read -r line; do
    grep -qxF -- "$line" "$TMP/ex.model" || fail "$ex: the model lacks the line: $line"
    ok
done <<'EOF'
  headline "U.S., Russian Diplomats Meet in Helsinki to Discuss Relations"
  byline "By Reuters"
  url "https://www.themoscowtimes.com/2019/07/11/us-russian-diplomats-meet-in-helsinki-to-discuss-relations-a66360"
  published 2019-07-11
  author name="Reuters"
  link rel="related" title="‘Don’t Meddle in U.S. Elections,’ Trump Tells a Smiling Putin"
  figure credit="U.S. Mission Photo / Eric Bridiers"
    text "David Hale"
EOF
[ "$(grep -c '^  author' "$TMP/ex.model")" = 1 ] || fail "$ex: not exactly one author"
[ "$(grep -c '^  link' "$TMP/ex.model")" = 1 ] || fail "$ex: not exactly one link"
grep -q 'figure.*href=' "$TMP/ex.model" && fail "$ex: the caption figure has an image"
sed -n '/^body$/,$p' "$TMP/ex.model" | grep -Eq 'By |July 11, 2019|Related article|Original url|Bridiers\*' &&
    fail "$ex: a metadata line was left in the body"
[ "$(sed -n '/^body$/{n;p;}' "$TMP/ex.model")" = '  figure credit="U.S. Mission Photo / Eric Bridiers"' ] ||
    fail "$ex: the body does not start with the figure"
grep -q '^  paragraph$' "$TMP/ex.model" || fail "$ex: no story paragraphs"
[ "$(sed -n '/^body$/,$p' "$TMP/ex.model" | grep -c '^  paragraph$')" = 13 ] ||
    fail "$ex: the story does not have its 13 paragraphs"
sed -n '/^body$/,$p' "$TMP/ex.model" | sed -n '5p' | grep -q '"Senior U.S. diplomat David Hale met' ||
    fail "$ex: the story does not start with its first paragraph"
sed -n '/^body$/,$p' "$TMP/ex.model" | tail -1 | grep -q 'He was arrested by U.S. special forces in Liberia in 2010."$' ||
    fail "$ex: the story does not end with its last paragraph"
cmp -s "$TMP/ex.model" "$FIX/helsinki/article.model" || fail "$ex does not read as $FIX/helsinki/article.model"
ok
# --layout plain writes it back so that it reads as the same model
nc "$ex" -t md --layout plain >"$TMP/plain.md" 2>"$TMP/err" || fail "$ex: --layout plain: $(cat "$TMP/err")"
[ -s "$TMP/err" ] && fail "$ex: --layout plain warned: $(cat "$TMP/err")"
nc "$TMP/plain.md" -t model --no-detect >"$TMP/plain.model" 2>&1 || fail "$ex: reading --layout plain back failed"
cmp -s "$TMP/plain.model" "$TMP/ex.model" || fail "$ex: --layout plain does not read back as the same model:
$(diff "$TMP/ex.model" "$TMP/plain.model" | head)"
head -1 "$TMP/plain.md" | grep -qx '# U.S., Russian Diplomats Meet in Helsinki to Discuss Relations' ||
    fail "--layout plain: no title heading first"
grep -qx 'By \[Reuters\](#)' "$TMP/plain.md" || fail "--layout plain: no 'By [Reuters](#)' line"
grep -qx 'July 11, 2019' "$TMP/plain.md" || fail "--layout plain: no written date line"
grep -qx 'David Hale \*\*U.S. Mission Photo / Eric Bridiers\*\*' "$TMP/plain.md" || fail "--layout plain: no caption line"
grep -qxF '**Related article:** [‘Don’t Meddle in U.S. Elections,’ Trump Tells a Smiling Putin](#)' "$TMP/plain.md" ||
    fail "--layout plain: no related article line"
[ "$(tail -3 "$TMP/plain.md" | head -1)" = "Original url:" ] || fail "--layout plain: no 'Original url:' line"
ok

# --layout plain cannot hold everything: each field is named (-v: one warning each; without it one
# "not carried into markdown" line), and --strict fails (exit 6)
nc -v "$FIX/full-metadata/article.md" -t md --layout plain >/dev/null 2>"$TMP/err" ||
    fail "--layout plain of full-metadata failed"
for f in summary subheadline language keywords subjects genres media 'extra fields' 'modified date' urgency \
    "rel 'see-also'" 'author roles'; do
    grep -q "$f" "$TMP/err" || fail "--layout plain does not warn about the $f"
done
nc "$FIX/full-metadata/article.md" -t md --layout plain --strict >"$TMP/out" 2>/dev/null
[ $? = 6 ] || fail "--layout plain --strict of full-metadata does not exit with 6"
[ -s "$TMP/out" ] && fail "--strict failure wrote output"
nc "$FIX/full-metadata/article.md" -t md --layout bogus >/dev/null 2>&1
[ $? = 2 ] || fail "--layout bogus is not a usage error"
ok

# ---- the agency metadata (issue 14): the front matter carries every field ----
# a hand-written document with every field reads to its golden model, without a warning,
# and is written back byte for byte
nc tests/markdown/agency.md -t model --strict >"$TMP/agency.model" 2>"$TMP/err" ||
    fail "agency.md: reading failed: $(cat "$TMP/err")"
cmp -s "$TMP/agency.model" tests/markdown/agency.model ||
    fail "agency.md does not read as agency.model:
$(diff tests/markdown/agency.model "$TMP/agency.model" | head -20)"
[ -s "$TMP/err" ] && fail "agency.md: warnings: $(cat "$TMP/err")"
nc tests/markdown/agency.md -t md --strict >"$TMP/agency.md" 2>"$TMP/err" ||
    fail "agency.md -> md: $(cat "$TMP/err")"
cmp -s "$TMP/agency.md" tests/markdown/agency.md ||
    fail "agency.md is not written back byte for byte:
$(diff tests/markdown/agency.md "$TMP/agency.md" | head -20)"
ok
# ninjs -> md gives the golden layout, which reads back to the ninjs reader's model
# (the round trip through -t model), and md -> ninjs gives the ninjs writer's document
nc tests/json/agency-text.json -t md --no-detect --strict >"$TMP/at.md" 2>"$TMP/err" ||
    fail "agency-text.json -> md: $(cat "$TMP/err")"
cmp -s "$TMP/at.md" tests/markdown/agency-text.md ||
    fail "agency-text.json -> md differs from tests/markdown/agency-text.md:
$(diff tests/markdown/agency-text.md "$TMP/at.md" | head -20)"
nc "$TMP/at.md" -t model --no-detect >"$TMP/at.model" 2>"$TMP/err" || fail "agency-text.md: $(cat "$TMP/err")"
cmp -s "$TMP/at.model" tests/json/agency-text.model ||
    fail "ninjs -> md -> model differs from tests/json/agency-text.model:
$(diff tests/json/agency-text.model "$TMP/at.model" | head -20)"
nc tests/json/agency-text.json -t json --no-detect >"$TMP/at1.json" 2>/dev/null || fail "ninjs -> ninjs"
nc "$TMP/at.md" -t json --no-detect >"$TMP/at2.json" 2>/dev/null || fail "md -> ninjs"
cmp -s "$TMP/at1.json" "$TMP/at2.json" || fail "ninjs -> md -> ninjs differs from ninjs -> ninjs:
$(diff "$TMP/at1.json" "$TMP/at2.json" | head -20)"
ok
# the plain layout cannot hold them: each is named, --strict fails
nc -v tests/markdown/agency.md -t md --layout plain >/dev/null 2>"$TMP/err" || fail "agency.md --layout plain"
for f in "the item type 'text'" "the digital source type" "the data-mining permission" \
    "author contact details"; do
    grep -q "the plain layout cannot hold $f" "$TMP/err" || fail "--layout plain does not warn about $f"
done
nc tests/markdown/agency.md -t md --layout plain --strict >/dev/null 2>&1
[ $? = 6 ] || fail "--layout plain --strict of agency.md does not exit with 6"
# a value that does not fit is named, not taken
printf -- '---\nsubjects:\n  - name: X\n    type: planet\n    relevance: high\n---\n' |
    nc -f md -t model >"$TMP/bad.model" 2>"$TMP/err" || fail "a bad subject type failed"
grep -q "4:11: front matter: unknown subject type 'planet'; ignored" "$TMP/err" ||
    fail "an unknown subject type is not reported: $(cat "$TMP/err")"
grep -q "5:16: front matter: relevance is not a number from 0 to 100; ignored" "$TMP/err" ||
    fail "a bad relevance is not reported: $(cat "$TMP/err")"
grep -qx '  subject name="X"' "$TMP/bad.model" || fail "a bad subject type: $(cat "$TMP/bad.model")"
ok

# ---- stdin and stdout ----
cat "$FIX/all-nodes/article.md" | nc -f md -t model --no-detect >"$TMP/stdin.model" 2>"$TMP/err" ||
    fail "reading stdin failed: $(cat "$TMP/err")"
cmp -s "$TMP/stdin.model" "$FIX/all-nodes/article.model" || fail "stdin does not read as the file does"
cat "$FIX/full-metadata/article.md" | nc - -t md >"$TMP/stdout.md" 2>&1 || fail "sniffing stdin failed"
cmp -s "$TMP/stdout.md" "$FIX/full-metadata/article.md" || fail "stdin -> stdout (sniffed) is not byte-stable"
printf '# Title\n\nSome *text*.\n' | nc -t model >"$TMP/sniff.model" 2>&1 || fail "plain Markdown on stdin is not detected"
grep -qx '  headline "Title"' "$TMP/sniff.model" || fail "sniffed stdin: no headline"
ok

# ---- -o FILE: atomic; a failed run leaves an existing FILE as it was ----
printf 'precious\n' >"$TMP/out.md"
nc "$FIX/invalid/unterminated-front-matter/input.md" -t md -o "$TMP/out.md" 2>/dev/null
[ $? = 4 ] || fail "-o: a failing conversion does not exit with 4"
[ "$(cat "$TMP/out.md")" = precious ] || fail "-o: a failed run changed the existing file"
[ "$(ls "$TMP" | grep -c 'out\.md\.')" = 0 ] || fail "-o: a failed run left a temporary file"
nc "$FIX/full-metadata/article.md" -o "$TMP/out.md" 2>"$TMP/err" || fail "-o: $(cat "$TMP/err")"
cmp -s "$TMP/out.md" "$FIX/full-metadata/article.md" || fail "-o out.md (format from the extension) is not byte-stable"
[ "$(ls "$TMP" | grep -c 'out\.md\.')" = 0 ] || fail "-o: a temporary file was left behind"
ok

# ---- more reading behaviour ----
# positions are those of the input file, after the front matter
nc "$FIX/all-nodes/article.md" -t model --positions | grep -q '^  heading level=1 @5:1$' ||
    fail "positions are not those of the input file"
# a soft line break is one space
printf -- '---\n---\n\nsoft\nbreak\n' | nc -f md -t model | grep -qx '    text "soft break"' ||
    fail "a soft line break is not one space"
# invalid UTF-8 becomes U+FFFD, with a warning
printf -- '---\n---\n\nbad \377 byte\n' | nc -f md -t model >"$TMP/u.model" 2>"$TMP/err" || fail "invalid UTF-8 failed"
grep -q 'bad � byte' "$TMP/u.model" || fail "invalid UTF-8 is not replaced with U+FFFD"
grep -q 'invalid UTF-8' "$TMP/err" || fail "invalid UTF-8 is not reported"
# nesting deeper than NC_MAX_DEPTH is refused with a clear error, not a crash
awk 'BEGIN { for (i = 0; i < 300; i++) printf ">"; print " deep" }' >"$TMP/deep.md"
nc "$TMP/deep.md" -t model >/dev/null 2>"$TMP/err"
[ $? = 4 ] || fail "deep nesting is not refused"
grep -q 'nested more than 256 levels' "$TMP/err" || fail "deep nesting: unclear message: $(cat "$TMP/err")"
# a 'By' line in the middle of a story stays there; front matter turns the plain layout off
printf '# T\n\nFirst.\n\nBy Jane Doe\n' | nc -f md -t model | grep -q '^  byline' && fail "a By line in the middle was taken"
printf -- '---\ntitle: T\n---\n\nBy Jane Doe\n' | nc -f md -t model | grep -q '^  byline' &&
    fail "the plain layout was applied to a document with front matter"
# a body that would look like the plain layout gets an empty front matter block
printf -- '---\n---\n\n# Heading\n' | nc -f md -t md | head -2 | tr '\n' '|' | grep -qx -- '---|---|' ||
    fail "no empty front matter before a body that looks like the plain layout"
ok

# ---- unit tests, when built ----
if [ -x "$B/tests/test_datetime" ]; then
    $WRAP "$B/tests/test_datetime" 2>"$TMP/err" || fail "test_datetime: $(cat "$TMP/err")"
    ok
fi

echo "tests/markdown.sh: $checks checks passed"
