#!/usr/bin/env bash
# The documentation against the code:
# - every option the CLI accepts, taken from the sources (the option table of src/cli/main.c,
#   the nc_optdef arrays of formats/), is in `newsconv --help`, is described in
#   newsconv(1) (on the tag line of a .TP paragraph, with its short form), and is known
#   to the zsh completion; the options --help prints are exactly those of the sources (so a
#   row the extraction below cannot read fails too);
# - every format of --list-formats has its paragraph in newsconv(1) and its row in README.md;
# - the man pages render without a warning (man -l, and groff -man -ww);
# - the EXAMPLES program of libnewsconv(3) is examples/convert.c, and the built example
#   (build/examples/convert) gives the same bytes and exit codes as newsconv.
# DOCS_SRC_DIR (default .) lets the self-test point the extraction at a modified copy.
set -u
. tests/testlib.bash
B=${B:-build}
SRC=${DOCS_SRC_DIR:-.}
MAN1=docs/newsconv.1
MAN3=docs/libnewsconv.3

# --- the options the CLI accepts, from the sources --------------------------------------
# src/cli/main.c: the rows of `static const option_def options[] = {` up to `{NULL`. Every
# line of the table that opens a row must be {"long", 'x' or 0, ...: anything else fails.
awk '
    /option_def options\[\] *= *\{/ { on = 1; next }
    on && /^[ \t]*\{NULL/ { on = 0; done = 1; next }
    on && /^[ \t]*\{/ {
        if (match($0, /^[ \t]*\{"[a-z][a-z0-9-]*", *('\''.'\''|0), /)) {
            row = substr($0, RSTART, RLENGTH)
            sub(/^[ \t]*\{"/, "", row)
            name = row; sub(/".*/, "", name)
            short = row; sub(/^[^,]*, */, "", short); sub(/,.*/, "", short)
            gsub(/'\''/, "", short)
            print name, (short == "0" ? "" : short)
        } else {
            print "UNPARSED " FILENAME ": " $0
        }
    }
    END { if (!done) print "UNPARSED " FILENAME ": no option table found" }
' "$SRC/src/cli/main.c" >"$TMPD/core" || fail "awk failed"
# formats: the rows of every `nc_optdef NAME[] = {` array up to `{NULL` or `};`.
find "$SRC/formats" -name '*.c' | sort >"$TMPD/fmtfiles"
while read -r f; do
    awk '
        /nc_optdef [a-z_0-9]+\[\] *= *\{/ { on = 1; arrays++; next }
        on && /^[ \t]*(\{ *NULL|\{ *0 *\}|\};)/ { on = 0; next }
        on && /^[ \t]*\{/ {
            if (match($0, /^[ \t]*\{"[a-z][a-z0-9-]*",/)) {
                name = substr($0, RSTART, RLENGTH); sub(/^[ \t]*\{"/, "", name)
                sub(/",$/, "", name)
                print name
            } else
                print "UNPARSED " FILENAME ": " $0
        }
        END { if (on) print "UNPARSED " FILENAME ": unterminated nc_optdef array" }
    ' "$f"
done <"$TMPD/fmtfiles" >"$TMPD/fmt"
if grep -h '^UNPARSED' "$TMPD/core" "$TMPD/fmt" >&2; then
    fail "an option table row is not in the expected form (fix the row or tests/docs.sh)"
fi
ncore=$(wc -l <"$TMPD/core")
[ "$ncore" -ge 10 ] || fail "only $ncore options found in $SRC/src/cli/main.c"
{ awk '{print $1}' "$TMPD/core"; cat "$TMPD/fmt"; } | sort >"$TMPD/src-opts"
dups=$(uniq -d "$TMPD/src-opts")
[ -z "$dups" ] || fail "options declared twice: $dups"
pass

# --- --help (of the built binary: skipped when DOCS_SRC_DIR points elsewhere) --------------
if [ -z "${DOCS_SRC_DIR:-}" ]; then
nc --help >"$TMPD/help" || fail "--help failed"
# the option lines: "  -x, --name ARG   help" or "      --name ARG   help"
sed -n 's/^  \(-[A-Za-z0-9], \|    \)--\([a-z][a-z0-9-]*\).*/\2/p' "$TMPD/help" |
    sort >"$TMPD/help-opts"
if ! cmp -s "$TMPD/src-opts" "$TMPD/help-opts"; then
    echo "options in the sources (<) and in --help (>):" >&2
    diff "$TMPD/src-opts" "$TMPD/help-opts" >&2
    fail "--help and the option tables of the sources differ"
fi
pass
while read -r name short; do
    if [ -n "$short" ]; then
        grep -q -- "^  -$short, --$name\b" "$TMPD/help" || fail "--help lacks '-$short, --$name'"
    else
        grep -q -- "--$name\b" "$TMPD/help" || fail "--help lacks --$name"
    fi
    pass
done <"$TMPD/core"
while read -r name; do
    grep -q -- "--$name\b" "$TMPD/help" || fail "--help lacks the format option --$name"
    pass
done <"$TMPD/fmt"
# the defaults --help states, "(default 64M)", are the man page's
sed 's/\\-/-/g; s/\\&//g' "$MAN1" >"$TMPD/man-plain"
sed -n 's/^  .*--\([a-z][a-z0-9-]*\).*(default \([^):]*\)).*/\1 \2/p' "$TMPD/help" |
    while read -r name value; do
        awk -v o="--$name" 'tp && index($0, o) { on = 1 } /^\.TP/ { on = 0; tp = 1; next } { tp = 0 } on' \
            "$TMPD/man-plain" | grep -q -F -- "$value" ||
            { echo "FAIL: --$name: --help says the default is $value, $MAN1 does not" >&2; exit 1; }
    done || exit 1
pass
fi

# --- newsconv(1) --------------------------------------------------------------------------
# The tag lines of .TP paragraphs, with roff's \- as -.
awk 'tp { print; tp = 0 } /^\.TP/ { tp = 1 }' "$MAN1" | sed 's/\\-/-/g' >"$TMPD/man-tags"
missing=
while read -r name short; do
    if [ -n "$short" ]; then
        grep -E -q -- "(^|[^a-z0-9-])-$short\b.*--$name([^a-z0-9-]|$)" "$TMPD/man-tags" ||
            missing="$missing -$short/--$name"
    else
        grep -E -q -- "--$name([^a-z0-9-]|$)" "$TMPD/man-tags" || missing="$missing --$name"
    fi
done <"$TMPD/core"
while read -r name; do
    grep -E -q -- "--$name([^a-z0-9-]|$)" "$TMPD/man-tags" || missing="$missing --$name"
done <"$TMPD/fmt"
[ -z "$missing" ] || fail "$MAN1 describes no option (.TP tag line) for:$missing"
pass
# and the other way round: an option described in the man page that the CLI does not accept
# is reported (a NOTE, not a failure: options of branches not merged yet may be documented).
grep -o -E -- '--[a-z][a-z0-9-]*' "$TMPD/man-tags" | sed 's/^--//' | sort -u >"$TMPD/man-opts"
extra=$(comm -23 "$TMPD/man-opts" "$TMPD/src-opts" | tr '\n' ' ')
[ -z "$extra" ] || echo "NOTE: $MAN1 describes options the CLI does not accept (yet): $extra"

# every format: a .TP paragraph whose tag starts with its name; a row of README.md's table
nc --list-formats | awk '{print $1}' >"$TMPD/formats"
[ -s "$TMPD/formats" ] || fail "--list-formats lists nothing"
while read -r f; do
    grep -E -q "^\.BR? $f( |$)" <(awk 'tp { print; tp = 0 } /^\.TP/ { tp = 1 }' "$MAN1") ||
        fail "$MAN1: no paragraph for the format $f in FORMATS"
    grep -q "^| \`$f\` |" README.md || fail "README.md: no row for the format $f"
    pass
done <"$TMPD/formats"

# --- the zsh completion knows every option ------------------------------------------------
for name in $(cat "$TMPD/src-opts"); do
    grep -E -q -- "--$name([^a-z0-9-]|\$)" scripts/completion/_newsconv ||
        fail "scripts/completion/_newsconv lacks --$name"
    pass
done

# --- the man pages render without warnings --------------------------------------------------
[ -n "${DOCS_SRC_DIR:-}" ] && { echo "$checks checks (option extraction of $SRC)"; exit 0; }
command -v groff >/dev/null || fail "groff is missing (scripts/install-deps.sh check)"
for page in "$MAN1" "$MAN3"; do
    groff -man -Tutf8 -ww -z "$page" 2>"$TMPD/groff-err"
    [ ! -s "$TMPD/groff-err" ] || fail "groff warns on $page: $(head -n 5 "$TMPD/groff-err")"
    pass
    if command -v man >/dev/null; then
        LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$page" >"$TMPD/page" 2>"$TMPD/man-err" ||
            fail "man -l $page failed: $(head -n 5 "$TMPD/man-err")"
        [ ! -s "$TMPD/man-err" ] || fail "man -l warns on $page: $(head -n 5 "$TMPD/man-err")"
        grep -q '^NAME' "$TMPD/page" || fail "man -l $page: no NAME section"
        pass
    fi
done

# --- libnewsconv(3): the example is examples/convert.c, and it works ------------------------
sed -n '/^\.SH EXAMPLES/,/^\.EE/p' "$MAN3" | sed '1,/^\.EX/d; /^\.EE/d' |
    sed 's/\\-/-/g; s/\\e/\\/g; s/^\\&//' >"$TMPD/example.c"
expect_file_eq "$TMPD/example.c" examples/convert.c "the EXAMPLES program of $MAN3 is not examples/convert.c"
CONVERT=$B/examples/convert
[ -x "$CONVERT" ] || fail "$CONVERT is missing: make $CONVERT (make check builds it)"
n=0
for c in full-metadata all-nodes rtl-unicode; do
    for pair in "markdown json md" "markdown newsml md" "html markdown html" "json html json" "newsml model xml"; do
        set -- $pair
        in=fixtures/$c/article.$3
        [ -f "$in" ] || continue
        $TEST_WRAPPER "$CONVERT" "$1" "$2" "$in" >"$TMPD/ex.out" 2>"$TMPD/ex.err" ||
            fail "$CONVERT $1 $2 $in failed: $(cat "$TMPD/ex.err")"
        nc -f "$1" -t "$2" -q "$in" >"$TMPD/nc.out" || fail "newsconv -f $1 -t $2 $in failed"
        expect_file_eq "$TMPD/ex.out" "$TMPD/nc.out" "$CONVERT $1 $2 $in differs from newsconv"
        n=$((n + 1))
    done
done
[ "$n" -ge 10 ] || fail "only $n example conversions ran"
# an error: the same message and exit code
printf -- '---\ntitle: [unclosed\n---\nx\n' >"$TMPD/bad.md"
rc=0; "$CONVERT" markdown json "$TMPD/bad.md" >/dev/null 2>"$TMPD/ex.err" || rc=$?
rc2=0; nc -f markdown -t json "$TMPD/bad.md" >/dev/null 2>"$TMPD/nc.err" || rc2=$?
[ "$rc" -eq 4 ] && [ "$rc2" -eq 4 ] || fail "bad front matter: convert exit $rc, newsconv exit $rc2, want 4"
[ "$(sed 's/^convert: //' "$TMPD/ex.err")" = "$(sed 's/^newsconv: //' "$TMPD/nc.err")" ] ||
    fail "convert and newsconv report differently: $(cat "$TMPD/ex.err") / $(cat "$TMPD/nc.err")"
pass
rc=0; "$CONVERT" nosuch json x >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "convert with an unknown format: exit $rc, want 2"
pass

echo "$checks checks ($(wc -l <"$TMPD/src-opts") options, $(wc -l <"$TMPD/formats") formats, $n example conversions)"
