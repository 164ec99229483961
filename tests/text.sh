#!/usr/bin/env bash
# The plain-text writer (-t text): golden outputs, wrapping, options, warnings, exit codes.
# Usage: tests/text.sh   (from the repository root). Stops at the first failure.
#   tests/text/NAME.EXT           an input
#   tests/text/NAME[.ARGS].txt    what `newsconv NAME.EXT -t text ARGS` writes (stdout)
# Regenerate a golden only after reading the diff.
set -u
. tests/testlib.bash
T=tests/text
[ -x "$NEWSCONV" ] || fail "$NEWSCONV is not built (run make)"

# golden IN WANT ARGS...: stdout of `newsconv IN -t text ARGS` equals WANT
golden() {
    local in=$1 want=$2
    shift 2
    nc "$in" -t text "$@" >"$TMPD/got" 2>"$TMPD/err" || fail "newsconv $in -t text $*: exit $?: $(cat "$TMPD/err")"
    expect_file_eq "$TMPD/got" "$want" "newsconv $in -t text $*"
}

golden $T/article.md $T/article.txt
golden $T/article.md $T/article.wrap30.txt --wrap=30
golden $T/article.md $T/article.nowrap.txt --wrap=none
golden $T/table.html $T/table.txt
golden $T/wrap.md $T/wrap.w20.txt --wrap=20
golden $T/wrap.md $T/wrap.urls.txt --urls

# deterministic: a second run gives the same bytes
nc $T/article.md -t text >"$TMPD/a2" 2>/dev/null
expect_file_eq "$TMPD/a2" $T/article.txt "second run of article.md"

# no line longer than the width unless it is one word; widths in code points
nc $T/wrap.md -t text --wrap=20 2>/dev/null |
    python3 -c 'import sys
bad = [l for l in sys.stdin.buffer.read().decode().split("\n") if len(l) > 20 and " " in l]
print(*bad, sep="\n", file=sys.stderr)
sys.exit(1 if bad else 0)' ||
    fail "--wrap=20 wrote a line of several words over 20 characters"
pass
# never a broken UTF-8 sequence
nc $T/article.md -t text --wrap=7 2>/dev/null | iconv -f UTF-8 -t UTF-8 >/dev/null ||
    fail "--wrap=7 wrote invalid UTF-8"
pass

# warnings: what text cannot hold, one line; --strict makes it exit 6; -q hides it
expect_run 0 "newsconv: warning: $T/article.md: plain text cannot hold: subjects (1); dropped" -- \
    $T/article.md -t text
expect_run 6 "" -- $T/article.md -t text --strict
grep -q "plain text cannot hold: subjects (1); dropped" "$TMPD/err" || fail "--strict: $(cat "$TMPD/err")"
pass
expect_run 0 "" -- $T/article.md -t text -q
[ ! -s "$TMPD/err" ] || fail "-q: stderr not empty: $(cat "$TMPD/err")"
pass
expect_run 0 "" -- $T/wrap.md -t text
[ ! -s "$TMPD/err" ] || fail "wrap.md: unexpected warning: $(cat "$TMPD/err")"
pass

# bad widths are usage errors
for bad in 0 -3 x 72x; do
    expect_run 2 "newsconv: $T/wrap.md: --wrap: '$bad' is not 'none' or a width from 1 to 100000" -- \
        $T/wrap.md -t text --wrap=$bad
done

# aliases and the output extension
nc $T/wrap.md -t txt >"$TMPD/alias" 2>/dev/null || fail "-t txt"
expect_file_eq "$TMPD/alias" $T/wrap.txt "-t txt"
nc $T/wrap.md -o "$TMPD/out.txt" 2>/dev/null || fail "-o out.txt"
expect_file_eq "$TMPD/out.txt" $T/wrap.txt "-o out.txt picks the text format"

# write-only: listed as such, refused as an input format
nc --list-formats | grep -Eq '^text +-w ' || fail "--list-formats: $(nc --list-formats | grep text)"
pass
expect_run 3 "newsconv: format 'text' cannot be read" -- -f text $T/wrap.md -t md
[ -s "$TMPD/err" ] || fail "-f text: no message"
pass

# ---- html charset detection (libuchardet): a windows-1251 page that declares nothing ----
python3 -c '
import sys
p = "".join("<p>Съешь же ещё этих мягких французских булок, да выпей чаю. Сегодня в Москве "
            "прошло заседание правительства, на котором обсуждались вопросы экономики и "
            "бюджета на следующий год. Номер %d.</p>" % i for i in range(4))
t = "<html><head><title>Новости дня</title></head><body><article><h1>Новости дня</h1>" + p + "</article></body></html>"
open(sys.argv[1], "wb").write(t.encode("cp1251"))' "$TMPD/ru.html" || fail "python3 could not write the cp1251 page"
expect_run 0 "" -- "$TMPD/ru.html" -t text --wrap=none
[ "$(head -n 1 "$TMPD/out")" = "Новости дня" ] || fail "cp1251 page: headline $(head -n 1 "$TMPD/out")"
grep -q "^Съешь же ещё этих мягких французских булок" "$TMPD/out" || fail "cp1251 page: body $(sed -n 3p "$TMPD/out")"
pass
expect_run 0 "newsconv: $TMPD/ru.html: reading html, writing text" -- "$TMPD/ru.html" -t text -v
[ "$(sed -n 2p "$TMPD/err")" = "newsconv: warning: $TMPD/ru.html: html: note: no charset declared; detected windows-1251 (uchardet)" ] ||
    fail "-v: $(cat "$TMPD/err")"
grep -c "note: no charset" "$TMPD/err" | grep -qx 1 || fail "-v: the charset note is not said once"
pass
# without -v no note; under --strict no note either (it is no warning)
expect_run 0 "" -- "$TMPD/ru.html" -t text
[ ! -s "$TMPD/err" ] || fail "no -v: stderr not empty: $(cat "$TMPD/err")"
pass
expect_run 0 "" -- "$TMPD/ru.html" -t text --strict -v
grep -q "note: no charset" "$TMPD/err" && fail "--strict -v: the note became a warning"
pass
# --no-detect: windows-1252 as before (mojibake), said at -v
expect_run 0 "newsconv: $TMPD/ru.html: reading html, writing text" -- "$TMPD/ru.html" -t text -v --no-detect
[ "$(sed -n 2p "$TMPD/err")" = "newsconv: warning: $TMPD/ru.html: html: note: no charset declared; read as windows-1252 (--no-detect)" ] ||
    fail "--no-detect -v: $(cat "$TMPD/err")"
grep -q "^Íîâîñòè äíÿ" "$TMPD/out" || fail "--no-detect: headline $(head -n 1 "$TMPD/out")"
pass
# a declaration wins over detection: no note at all
printf '<meta charset="windows-1251">' | cat - "$TMPD/ru.html" >"$TMPD/decl.html"
expect_run 0 "newsconv: $TMPD/decl.html: reading html, writing text" -- "$TMPD/decl.html" -t text -v
grep -q "note: no charset" "$TMPD/err" && fail "declared page: $(cat "$TMPD/err")"
pass
# --input-encoding wins too
expect_run 0 "" -- "$TMPD/ru.html" -t text --input-encoding=koi8-r -q
grep -q "^Новости дня" "$TMPD/out" && fail "--input-encoding was overridden by detection"
pass

# ---- body structures: a correction is not read as current text, terms and captions kept ----
printf '<p>The toll was <del>12</del><ins>14</ins>.</p><dl><dt>Quorum</dt><dd>Share needed.</dd></dl><table><caption>Results</caption><tr><td>A</td><td>B</td></tr><tr><td>1</td><td>2</td></tr></table>' >"$TMPD/struct.html"
expect_run 0 "newsconv: warning: $TMPD/struct.html: plain text cannot mark deleted or struck-out text: left out (1)" -- "$TMPD/struct.html" --no-extract -t text
printf 'The toll was 14.\n\nQuorum\n\nShare needed.\n\nResults\n\nA  B\n1  2\n' >"$TMPD/struct.want"
expect_file_eq "$TMPD/out" "$TMPD/struct.want" "body structures as text"

echo "text: $checks checks"
