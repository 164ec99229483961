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
# JSON Lines recognised by content on stdin (no -f): every line too
nc -t jsonl <"$J" >"$TMPD/o" 2>"$TMPD/e" || fail "stdin jsonl without -f: $(cat "$TMPD/e")"
cmp -s "$TMPD/o" "$J" || fail "stdin jsonl without -f: not every line"
[ "$(summary "$TMPD/e")" = "newsconv: converted $N of $N, 0 failed, in T s" ] ||
    fail "stdin jsonl without -f summary: '$(summary "$TMPD/e")'"
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

# ---- 3. a batch finds inputs by content; skipped files are counted and named ----
D=$TMPD/mixed
mkdir -p "$D"
cp fixtures/helsinki/article.json "$D/a.json" 2>/dev/null || head -n 1 "$J" >"$D/a.json"
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' >"$D/image"
echo "not an article" >"$D/notes.txt"
if have_shared && ls "$NC_SHARED"/corpus/newsml-g2/*.xml >/dev/null 2>&1; then
    G=$(ls "$NC_SHARED"/corpus/newsml-g2/*.xml | head -n 1)
    for g in "$NC_SHARED"/corpus/newsml-g2/*.xml; do # one the newsml reader reads
        if nc "$g" -t model -q >/dev/null 2>&1; then G=$g; break; fi
    done
    cp "$G" "$D/reuters-story"
    nc -r "$D" -t md -o "$TMPD/mixed-out" -v 2>"$TMPD/e"; rc=$?
    [ $rc -eq 0 ] || fail "mixed dir: exit $rc: $(cat "$TMPD/e")"
    [ -f "$TMPD/mixed-out/reuters-story.md" ] || fail "the extensionless NewsML-G2 file was not converted: $(cat "$TMPD/e")"
    nc "$G" -t md -q | cmp -s - "$TMPD/mixed-out/reuters-story.md" || fail "reuters-story.md differs from the single conversion"
    [ "$(summary "$TMPD/e")" = "newsconv: converted 2 of 2, 0 failed, 2 skipped (1 unknown extension, 1 not an article), in T s" ] ||
        fail "mixed dir summary: '$(summary "$TMPD/e")'"
    grep -qx "newsconv: $D/image: skipped: not an article (no known extension, and the content is no article format)" "$TMPD/e" ||
        fail "-v does not name the skipped image: $(cat "$TMPD/e")"
    grep -qx "newsconv: $D/notes.txt: not a known article format: skipped" "$TMPD/e" ||
        fail "-v does not name the skipped notes.txt: $(cat "$TMPD/e")"
    grep -qx "newsconv: $D/reuters-story -> $TMPD/mixed-out/reuters-story.md" "$TMPD/e" ||
        fail "-v does not list reuters-story: $(cat "$TMPD/e")"
    pass
    rm "$D/reuters-story"
else
    echo "SKIP: $NC_SHARED/corpus/newsml-g2 absent: the extensionless NewsML-G2 check is not run"
fi
# without -v the summary still names the reasons
nc -r "$D" -t md -o "$TMPD/mixed-out2/" 2>"$TMPD/e" || fail "mixed dir without the NewsML file"
[ "$(summary "$TMPD/e")" = "newsconv: converted 1 of 1, 0 failed, 2 skipped (1 unknown extension, 1 not an article), in T s" ] ||
    fail "mixed dir summary: '$(summary "$TMPD/e")'"
grep -q "image" "$TMPD/e" && fail "the skipped image is named without -v: $(cat "$TMPD/e")"
pass

# ---- 4. output names of articles from a stream ----
# a small stream: ids, a url, a headline only, two equal ids, nothing to name it by
S=$TMPD/feed.jsonl
cat >"$S" <<'JL'
{"uri": "urn:newsml:example.com:20240101:Storm-1", "headlines": [{"value": "Storm"}]}
{"uri": "urn:newsml:example.com:20240101:Storm-1", "headlines": [{"value": "Storm again"}]}
{"headlines": [{"value": "Café Müller closes: after 60 years!"}]}
{"uri": "urn:newsml:example.com:20240101:Storm-1", "headlines": [{"value": "Storm three"}]}
{"body_text": "no id, no url, no headline"}
JL
printf '%s\n' '{"headlines": [{"value": "With a URL"}], "altids": [{"role": "canonical", "value": "https://news.example.com/2024/05/harbour-bridge.html?x=1"}]}' >>"$S"
nc "$S" -t md -o "$TMPD/n1/" -q || fail "feed.jsonl -> dir"
(cd "$TMPD/n1" && find . -type f | sort) >"$TMPD/got"
cat >"$TMPD/want" <<'W'
./feed/5.md
./feed/café-müller-closes-after-60-years.md
./feed/urn-newsml-example-com-20240101-storm-1-2.md
./feed/urn-newsml-example-com-20240101-storm-1-3.md
./feed/urn-newsml-example-com-20240101-storm-1.md
W
echo "./feed/2024-05-harbour-bridge.md" >>"$TMPD/want"
sort -o "$TMPD/want" "$TMPD/want"
expect_file_eq "$TMPD/got" "$TMPD/want" "names of a JSON Lines stream"
grep -q "Storm again" "$TMPD/n1/feed/urn-newsml-example-com-20240101-storm-1-2.md" ||
    fail "the -2 name is not the second article"
# stable: a second run gives the same names to the same articles
nc "$S" -t md -o "$TMPD/n2/" -q -j1 || fail "feed.jsonl -> dir, again"
diff -r "$TMPD/n1" "$TMPD/n2" >/dev/null || fail "names are not stable across runs"
pass
# --name-template
nc "$S" -t md -o "$TMPD/n3/" -q --name-template '{n}-{headline}' || fail "--name-template"
(cd "$TMPD/n3" && find . -type f | sort) >"$TMPD/got"
printf '%s\n' ./feed/1-storm.md ./feed/2-storm-again.md ./feed/3-café-müller-closes-after-60-years.md \
    ./feed/4-storm-three.md ./feed/5.md ./feed/6-with-a-url.md | sort >"$TMPD/want"
expect_file_eq "$TMPD/got" "$TMPD/want" "--name-template '{n}-{headline}'"
expect_run 2 "newsconv: --name-template: unknown field at '{nope}' (fields: {slug} {id} {url} {headline} {date} {n})" -- "$S" -t md -o "$TMPD/n4/" --name-template '{nope}'
[ ! -e "$TMPD/n4" ] || fail "a bad --name-template created the output"
pass

# ---- 5. --files-from, --skip-existing, --dry-run ----
L=$TMPD/list
mkdir -p "$TMPD/in dir"
for f in fixtures/helsinki/article.json fixtures/ninjs-full/article.json; do
    cp "$f" "$TMPD/in dir/$(basename "$(dirname "$f")").json"
done
printf '%s\n' "$TMPD/in dir/helsinki.json" "" "$TMPD/in dir/ninjs-full.json" >"$L"
nc --files-from "$L" -t md -o "$TMPD/ff1/" 2>"$TMPD/e" || fail "--files-from: $(cat "$TMPD/e")"
[ -f "$TMPD/ff1/helsinki.md" ] && [ -f "$TMPD/ff1/ninjs-full.md" ] || fail "--files-from outputs: $(ls "$TMPD/ff1")"
[ "$(summary "$TMPD/e")" = "newsconv: converted 2 of 2, 0 failed, in T s" ] || fail "--files-from summary: '$(summary "$TMPD/e")'"
pass
find "$TMPD/in dir" -name '*.json' -print0 | sort -z | nc --files-from - -0 -t md -o "$TMPD/ff2/" -q || fail "--files-from - -0"
diff -r "$TMPD/ff1" "$TMPD/ff2" >/dev/null || fail "--files-from - -0 differs from a newline list"
pass
: | nc --files-from - -t md -o "$TMPD/ff3/" 2>"$TMPD/e"; rc=$?
[ $rc -eq 0 ] && [ "$(cat "$TMPD/e")" = "newsconv: --files-from -: no file names: nothing to convert" ] ||
    fail "empty --files-from: exit $rc: $(cat "$TMPD/e")"
pass
# --skip-existing: a resumed run leaves existing outputs alone and counts them
echo "kept" >"$TMPD/ff1/helsinki.md"
nc --files-from "$L" -t md -o "$TMPD/ff1/" --skip-existing -v 2>"$TMPD/e" || fail "--skip-existing: $(cat "$TMPD/e")"
[ "$(cat "$TMPD/ff1/helsinki.md")" = "kept" ] || fail "--skip-existing rewrote an existing output"
[ "$(summary "$TMPD/e")" = "newsconv: converted 0 of 0, 0 failed, 2 skipped (2 exist), in T s" ] ||
    fail "--skip-existing summary: '$(summary "$TMPD/e")'"
grep -qx "newsconv: $TMPD/in dir/helsinki.json: skipped: $TMPD/ff1/helsinki.md exists (--skip-existing)" "$TMPD/e" ||
    fail "--skip-existing -v: $(cat "$TMPD/e")"
rm "$TMPD/ff1/ninjs-full.md"
nc --files-from "$L" -t md -o "$TMPD/ff1/" --skip-existing 2>"$TMPD/e" || fail "--skip-existing (one missing)"
[ "$(summary "$TMPD/e")" = "newsconv: converted 1 of 1, 0 failed, 1 skipped (1 exists), in T s" ] ||
    fail "--skip-existing summary: '$(summary "$TMPD/e")'"
cmp -s "$TMPD/ff1/ninjs-full.md" "$TMPD/ff2/ninjs-full.md" || fail "--skip-existing did not write the missing output"
[ -z "$(find "$TMPD/ff1" -name '.newsconv-*')" ] || fail "--skip-existing left temporary files"
pass
# ... decided before reading when the name comes from the input path: an input that
# would fail is not read (it was converted, and failed, before)
printf '{"broken' >"$TMPD/in dir/broken.json"
echo kept >"$TMPD/ff1/broken.md"
nc "$TMPD/in dir/broken.json" "$TMPD/in dir/helsinki.json" -t md -o "$TMPD/ff1/" --skip-existing 2>"$TMPD/e" ||
    fail "--skip-existing read a file it skips: $(cat "$TMPD/e")"
[ "$(summary "$TMPD/e")" = "newsconv: converted 0 of 0, 0 failed, 2 skipped (2 exist), in T s" ] ||
    fail "--skip-existing, unread: '$(summary "$TMPD/e")'"
rm "$TMPD/in dir/broken.json"
# two inputs of one output name: the second is still written as name~2 when missing
mkdir -p "$TMPD/same" "$TMPD/same-out"
cp fixtures/helsinki/article.json "$TMPD/same/a.json"
cp fixtures/helsinki/article.md "$TMPD/same/a.md"
echo kept >"$TMPD/same-out/a.model"
nc "$TMPD/same/a.json" "$TMPD/same/a.md" -t model -o "$TMPD/same-out/" --skip-existing -q ||
    fail "--skip-existing, one name twice"
[ "$(cat "$TMPD/same-out/a.model")" = kept ] && [ -s "$TMPD/same-out/a~2.model" ] ||
    fail "--skip-existing, one name twice: $(ls "$TMPD/same-out")"
pass
expect_run 2 "newsconv: --skip-existing needs a directory output (-o DIR/)" -- "$J" -t jsonl -o "$TMPD/x.jsonl" --skip-existing
pass
# --dry-run: lists, writes nothing
nc --files-from "$L" -t md -o "$TMPD/dry/" --dry-run >"$TMPD/o" 2>"$TMPD/e" || fail "--dry-run: $(cat "$TMPD/e")"
[ ! -e "$TMPD/dry" ] || fail "--dry-run created the output directory"
printf '%s\n' "$TMPD/in dir/helsinki.json -> $TMPD/dry/helsinki.md" "$TMPD/in dir/ninjs-full.json -> $TMPD/dry/ninjs-full.md" >"$TMPD/want"
expect_file_eq "$TMPD/o" "$TMPD/want" "--dry-run listing"
nc "$S" -t md -o "$TMPD/dry.tar.gz" --dry-run >"$TMPD/o" 2>/dev/null || fail "--dry-run to an archive"
[ ! -e "$TMPD/dry.tar.gz" ] && [ -z "$(ls "$TMPD" | grep 'dry.tar.gz')" ] || fail "--dry-run wrote the archive"
[ "$(head -n 1 "$TMPD/o")" = "$S:1 -> $TMPD/dry.tar.gz:feed/urn-newsml-example-com-20240101-storm-1.md" ] || fail "--dry-run archive listing: $(head -n 1 "$TMPD/o")"
nc "$TMPD/in dir/helsinki.json" -t md -o "$TMPD/one.md" --dry-run >"$TMPD/o" 2>/dev/null || fail "--dry-run of one file"
[ ! -e "$TMPD/one.md" ] && [ "$(cat "$TMPD/o")" = "$TMPD/in dir/helsinki.json -> $TMPD/one.md" ] || fail "--dry-run of one file: $(cat "$TMPD/o")"
pass

echo "tests/streams.sh: OK ($checks checks)"
