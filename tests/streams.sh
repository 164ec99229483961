#!/usr/bin/env bash
# tests/streams.sh: streams and batch outputs (issue 16). Run from the repository root.
#  1. a JSON Lines input is every line: a file in single mode, stdin with -f jsonl
#  2. several articles to stdout: -t json one array, -t jsonl one line each, -t md
#     documents separated by a form feed line, -t html/newsml/nitf refused (exit 2)
#  3. a batch finds inputs by content (an extensionless NewsML-G2 file), counts and names
#     skipped files
#  4. output names of articles from a stream: slugs, unique, stable, --name-template
#  5. --files-from (newline and NUL lists), --skip-existing, --dry-run
set -u
. tests/testlib.bash
command -v python3 >/dev/null || { echo "SKIP: python3 missing"; exit 0; }

# a JSON Lines file of every ninjs fixture (one article a line)
J=$TMPD/all.jsonl
for f in fixtures/*/article.json; do nc "$f" -t jsonl -q; done >"$J"
N=$(wc -l <"$J")
[ "$N" -ge 5 ] || fail "fixtures: only $N ninjs articles"
summary() { grep -E '^newsconv: converted' "$1" | sed -E 's/ in [0-9.]+ s/ in T s/'; }

# ---- 1. every line of a JSON Lines input ----
nc "$J" -t jsonl >"$TMPD/o" 2>"$TMPD/e"; rc=$?
[ $rc -eq 0 ] || fail "all.jsonl -t jsonl: exit $rc: $(cat "$TMPD/e")"
[ "$(wc -l <"$TMPD/o")" -eq "$N" ] || fail "all.jsonl -t jsonl: $(wc -l <"$TMPD/o") lines, want $N"
pass
nc "$J" -t model -q >"$TMPD/o" || fail "all.jsonl -t model failed"
[ "$(grep -c '^article' "$TMPD/o")" -eq "$N" ] || fail "all.jsonl -t model: $(grep -c '^article' "$TMPD/o") articles, want $N"
pass
grep -q "batch mode will handle the rest" "$TMPD/e" && fail "the first-line warning is still given"
cat "$J" | nc -f jsonl -t md >"$TMPD/o" 2>"$TMPD/e" || fail "stdin -f jsonl -t md failed: $(cat "$TMPD/e")"
[ "$(summary "$TMPD/e")" = "newsconv: converted $N of $N, 0 failed, in T s" ] ||
    fail "stdin jsonl summary: '$(summary "$TMPD/e")'"
pass
# one line stays a single conversion: no summary, the same bytes
head -n 1 "$J" | nc -f jsonl -t html >"$TMPD/o" 2>"$TMPD/e" || fail "one line -> html failed"
[ ! -s "$TMPD/e" ] || fail "one line -> html: stderr: $(cat "$TMPD/e")"
head -n 1 "$J" >"$TMPD/one.json"
nc "$TMPD/one.json" -f jsonl -t html -q | cmp -s - "$TMPD/o" || fail "one line -> html differs"
pass

# ---- 2. several articles to stdout ----
nc "$J" -t json -q >"$TMPD/o" || fail "-t json to stdout failed"
python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); assert isinstance(a, list); print(len(a))' "$TMPD/o" >"$TMPD/n" ||
    fail "-t json to stdout is not one JSON document"
[ "$(cat "$TMPD/n")" = "$N" ] || fail "-t json array: $(cat "$TMPD/n") items, want $N"
head -c 2 "$TMPD/o" | cmp -s - <(printf '[\n') || fail "-t json does not start with '[' and a newline"
pass
nc "$J" -t json -o "$TMPD/all.json" -q || fail "-t json -o FILE.json failed"
cmp -s "$TMPD/o" "$TMPD/all.json" || fail "-t json -o FILE.json differs from stdout"
pass
# an empty input is an empty array
: | nc -f jsonl -t json -q >"$TMPD/o"
[ "$(cat "$TMPD/o")" = "[]" ] || fail "empty jsonl -> json: '$(cat "$TMPD/o")'"
pass
nc "$J" -t jsonl -q | python3 -c '
import json, sys
n = 0
for line in sys.stdin:
    json.loads(line); n += 1
print(n)' >"$TMPD/n" || fail "-t jsonl lines do not parse"
[ "$(cat "$TMPD/n")" = "$N" ] || fail "-t jsonl: $(cat "$TMPD/n") lines, want $N"
pass
# Markdown: the documents separated by a line holding a form feed
nc "$J" -t md -q >"$TMPD/o" || fail "-t md to stdout failed"
[ "$(grep -c $'^\f$' "$TMPD/o")" -eq $((N - 1)) ] || fail "-t md: $(grep -c $'^\f$' "$TMPD/o") form feed lines, want $((N - 1))"
awk 'BEGIN { RS = "\f\n" } NR == 2 { printf "%s", $0 }' "$TMPD/o" >"$TMPD/second.md"
sed -n 2p "$J" >"$TMPD/second.jsonl"
nc "$TMPD/second.jsonl" -t md -q | cmp -s - "$TMPD/second.md" || fail "-t md: the second document differs from its single conversion"
pass
# formats with one article per document: refused at the second, exit 2
for t in html newsml nitf; do
    nc "$J" -t $t >/dev/null 2>"$TMPD/e"; rc=$?
    [ $rc -eq 2 ] || fail "-t $t of $N articles to stdout: exit $rc, want 2"
    [ "$(head -n 1 "$TMPD/e")" = "newsconv: <stdout>: several articles cannot make one $t document: write them with -o DIR/ or -o ARCHIVE.tar.gz, or as -t jsonl" ] ||
        fail "-t $t refusal: $(head -n 1 "$TMPD/e")"
    pass
done
nc "$J" -t html -o "$TMPD/x.html" >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] && [ ! -e "$TMPD/x.html" ] || fail "-t html -o x.html of $N articles: exit $rc, file left: $(ls "$TMPD")"
pass

echo "tests/streams.sh: OK ($checks checks)"
