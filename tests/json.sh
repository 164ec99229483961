#!/bin/bash
# tests/json.sh: the json (ninjs) and jsonl formats. Run from the repository root:
#     tests/json.sh            (NEWSCONV=build/newsconv, NC_SHARED=../shared by default)
# TEST_WRAPPER (e.g. "valgrind -q --error-exitcode=99") runs every newsconv call under a tool.
#
# 1. fixtures with an article.json: model, byte-exact rewrite, jsonl and 3.1 <-> 2.2 trips
# 2. determinism, --compact, -t jsonl, sniffing
# 3. reading: tests/json/*.json against their .model (and .warnings) files, and every
#    document of ../shared/corpus/ninjs against tests/json/corpus/*.model (events: exit 4)
# 4. corpus round trips json -> json (3.1, 3.0, 2.2, 2.1, 1.6) -> model: only what is warned
#    may be lost; ninjs -> ninjs equal documents (tests/json/roundtrip.py, .known)
# 5. errors and warnings: positions, exit codes, --strict
# 6. round trips with the other formats (md -> json -> md, json -> md -> json, ...) for
#    every fixture, when those formats are built
# 7. schema validity: the json output (3.1, 2.2 and 1.6) of every fixture, every test input
#    and every readable corpus document of every format, in one validate-ninjs call per
#    version
#
# Regenerating a golden after a reviewed change:
#     build/newsconv tests/json/X.json -t model > tests/json/X.model
set -u
NEWSCONV=${NEWSCONV:-build/newsconv}
SHARED=${NC_SHARED:-../shared}
WRAP=${TEST_WRAPPER:-}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
checks=0
notes=0

fail() {
    echo "tests/json.sh: FAIL: $*" >&2
    exit 1
}
ok() { checks=$((checks + 1)); }
note() {
    echo "tests/json.sh: note: $*"
    notes=$((notes + 1))
}
nc() { $WRAP "$NEWSCONV" "$@"; }

[ -x "$NEWSCONV" ] || fail "$NEWSCONV not built (run make)"
have_shared=1
[ -d "$SHARED/corpus" ] || { echo "SKIP: ../shared not present (corpus and schema checks skipped)"; have_shared=0; }

# formats this build can read / write ("name rw ..." in --list-formats)
readable() { nc --list-formats | awk -v f="$1" '$1 == f && $2 ~ /r/ { ok = 1 } END { exit !ok }'; }
writable() { nc --list-formats | awk -v f="$1" '$1 == f && $2 ~ /w/ { ok = 1 } END { exit !ok }'; }
ext_format() {
    case "$1" in
    md) echo markdown ;; html) echo html ;; xml) echo newsml ;; nitf.xml) echo nitf ;;
    json) echo json ;; jsonl) echo jsonl ;; *) echo "" ;;
    esac
}
# (--keep-internal: round trips through html carry everything; the privacy rule that leaves
# editorial notes out of pages is tested in tests/security.sh)
args_of() { [ -f "$1/args" ] && cat "$1/args"; echo --keep-internal; }
# The expected model of article.EXT (EXT.model, else article.model), or after a round trip
# through format VIA (via-VIA.model when VIA cannot hold all of it).
expected_model() { # case dir, ext, [via]
    if [ -n "${3:-}" ] && [ -f "$1/via-$3.model" ]; then
        echo "$1/via-$3.model"
    elif [ -f "$1/$2.model" ]; then
        echo "$1/$2.model"
    else
        echo "$1/article.model"
    fi
}

VALID31=()
VALID22=()
VALID16=()
n_valid=0
# json output of a readable input, in the three versions, queued for validation
queue_valid() { # input, from-format, name
    local out="$T/valid/$3"
    mkdir -p "$(dirname "$out")"
    if nc -q -f "$2" -t json "$1" > "$out.3.json" 2> "$out.err" &&
        nc -q -f "$2" -t json --ninjs-version 2.2 "$1" > "$out.2.json" 2>> "$out.err" &&
        nc -q -f "$2" -t json --ninjs-version 1.6 "$1" > "$out.1.json" 2>> "$out.err"; then
        VALID31+=("$out.3.json")
        VALID22+=("$out.2.json")
        VALID16+=("$out.1.json")
        n_valid=$((n_valid + 1))
        return 0
    fi
    return 1
}

# ---- 1. fixtures with article.json ----
for dir in fixtures/*/; do
    dir=${dir%/}
    [ -f "$dir/article.json" ] || continue
    # shellcheck disable=SC2046
    set -- $(args_of "$dir")
    nc "$dir/article.json" "$@" -t model > "$T/m" 2> "$T/e" || fail "$dir: reading article.json: $(cat "$T/e")"
    cmp -s "$T/m" "$(expected_model "$dir" json)" ||
        fail "$dir: article.json -t model differs from its model: $(diff "$(expected_model "$dir" json)" "$T/m" | head -5)"
    ok
    nc "$dir/article.json" "$@" -t json > "$T/j" 2> "$T/e" || fail "$dir: writing json: $(cat "$T/e")"
    cmp -s "$T/j" "$dir/article.json" || fail "$dir: -t json does not reproduce article.json: $(diff "$dir/article.json" "$T/j" | head -5)"
    ok
    nc "$dir/article.json" "$@" -t jsonl > "$T/l" 2> "$T/e" || fail "$dir: writing jsonl: $(cat "$T/e")"
    [ "$(wc -l < "$T/l")" -eq 1 ] || fail "$dir: -t jsonl wrote $(wc -l < "$T/l") lines"
    nc -f jsonl "$T/l" "$@" -t model > "$T/m2" 2> "$T/e" || fail "$dir: reading the jsonl line: $(cat "$T/e")"
    cmp -s "$T/m2" "$(expected_model "$dir" json jsonl)" || fail "$dir: json -> jsonl -> model differs"
    ok
    for v in 3.1 2.2; do
        nc "$dir/article.json" "$@" -t json --ninjs-version $v > "$T/v" 2> "$T/e" || fail "$dir: writing $v"
        nc -f json "$T/v" "$@" -t model > "$T/m2" 2> "$T/e" || fail "$dir: reading back $v: $(cat "$T/e")"
        cmp -s "$T/m2" "$T/m" || fail "$dir: json $v -> model differs: $(diff "$T/m" "$T/m2" | head -5)"
        ok
    done
done

# ---- 2. determinism, --compact, jsonl, sniffing ----
F=fixtures/ninjs-full/article.json
[ -f "$F" ] || fail "$F missing"
nc "$F" -t json > "$T/a" && nc "$F" -t json > "$T/b" && cmp -s "$T/a" "$T/b" || fail "json output is not deterministic"
ok
nc "$F" -t json --compact > "$T/c" || fail "--compact failed"
[ "$(wc -l < "$T/c")" -eq 1 ] || fail "--compact wrote more than one line"
nc "$F" -t jsonl > "$T/l" && cmp -s "$T/c" "$T/l" || fail "-t jsonl differs from -t json --compact"
nc -f json "$T/c" -t model | cmp -s - fixtures/ninjs-full/json.model || fail "--compact output reads back differently"
ok
head -c 2 "$F" | grep -q '^{$' || fail "pretty output does not start with '{' and a newline"
grep -q '^  "uri": ' "$F" || fail "pretty output is not indented by two spaces"
ok
nc -t model < "$F" > "$T/m" 2> "$T/e" && cmp -s "$T/m" fixtures/ninjs-full/json.model ||
    fail "stdin json was not sniffed as json: $(cat "$T/e")"
{ cat "$T/l"; cat "$T/l"; } > "$T/two.jsonl"
# issue 16: JSON Lines recognised on stdin is every line (no longer the first and a warning)
nc -t model < "$T/two.jsonl" > "$T/m" 2> "$T/e" || fail "stdin jsonl was not sniffed: $(cat "$T/e")"
grep -q "^newsconv: converted 2 of 2, 0 failed, in " "$T/e" || fail "stdin with two json lines was not read as jsonl: $(cat "$T/e")"
cat fixtures/ninjs-full/json.model fixtures/ninjs-full/json.model | cmp -s - "$T/m" ||
    fail "stdin jsonl: not both lines converted"
ok
# jsonl: blank lines skipped, several lines warn (exit 6 under --strict), errors name the line
{ echo; echo "  "; cat "$T/l"; echo; } > "$T/blank.jsonl"
nc "$T/blank.jsonl" -t model > "$T/m" 2> "$T/e" || fail "jsonl with blank lines: $(cat "$T/e")"
[ ! -s "$T/e" ] || fail "jsonl with blank lines warned: $(cat "$T/e")"
cmp -s "$T/m" fixtures/ninjs-full/json.model || fail "jsonl with blank lines read differently"
# issue 16: a JSON Lines file is every line (the batch engine), not the first with a warning
nc --strict "$T/two.jsonl" -t model > "$T/m" 2> "$T/e"
rc=$?
[ $rc -eq 0 ] || fail "jsonl with two articles under --strict: exit $rc, want 0: $(cat "$T/e")"
cat fixtures/ninjs-full/json.model fixtures/ninjs-full/json.model | cmp -s - "$T/m" ||
    fail "jsonl with two articles: not both converted"
ok
printf '{"uri": "http://example.com/1", "headlines": [{"value": "One"}]}\n{"uri": oops}\n' > "$T/bad2.jsonl"
nc -q "$T/bad2.jsonl" -t model > "$T/m" 2> "$T/e"
rc=$?
[ $rc -eq 1 ] || fail "jsonl with a bad second line: exit $rc, want 1"
grep -q "^newsconv: $T/bad2.jsonl:2:" "$T/e" || fail "jsonl: the bad line is not named: $(cat "$T/e")"
grep -q "One" "$T/m" || fail "jsonl: a bad second line must not stop converting the first"
ok
printf '\xef\xbb\xbf{"uri": "http://example.com/bom", "headlines": [{"value": "BOM"}]}\n' > "$T/bom.json"
nc "$T/bom.json" -t model | grep -q 'headline "BOM"' || fail "a UTF-8 BOM is not skipped"
printf '\xef\xbb\xbf{"uri": x}\n' > "$T/bombad.json"
nc "$T/bombad.json" -t model > /dev/null 2> "$T/e"
grep -q "bombad.json:1:9: invalid JSON" "$T/e" || fail "position after a BOM: $(cat "$T/e")"
ok

# ---- 3. reading: test inputs and the ninjs corpus ----
for f in tests/json/*.json; do
    base=${f%.json}
    nc "$f" -t model > "$T/m" 2> "$T/e" || fail "$f: $(cat "$T/e")"
    cmp -s "$T/m" "$base.model" || fail "$f: model differs from $base.model: $(diff "$base.model" "$T/m" | head -8)"
    if [ -f "$base.warnings" ]; then
        cmp -s "$T/e" "$base.warnings" || fail "$f: warnings differ: $(diff "$base.warnings" "$T/e")"
    else
        [ ! -s "$T/e" ] || fail "$f: unexpected warnings: $(cat "$T/e")"
    fi
    queue_valid "$f" json "tests/$(basename "$base")" || fail "$f: cannot convert to json: $(cat "$T/valid/tests/$(basename "$base").err")"
    ok
done
n_corpus=0
n_events=0
if [ $have_shared = 1 ]; then
    for f in "$SHARED"/corpus/ninjs/*/*.json; do
        golden=tests/json/corpus/$(basename "$(dirname "$f")")--$(basename "$f" .json).model
        nc -q -f json "$f" -t model > "$T/m" 2> "$T/e"
        rc=$?
        if [ -f "$golden" ]; then
            [ $rc -eq 0 ] || fail "$f: exit $rc: $(cat "$T/e")"
            cmp -s "$T/m" "$golden" || fail "$f: model differs from $golden: $(diff "$golden" "$T/m" | head -8)"
            queue_valid "$f" json "corpus/ninjs/$(basename "$(dirname "$f")")/$(basename "$f")" || fail "$f: cannot write json"
            n_corpus=$((n_corpus + 1))
        else
            # no golden: an event or planning item, which is not an article (exit 4)
            [ $rc -eq 4 ] && grep -q ": not an article: a ninjs 3.x event item" "$T/e" ||
                fail "$f: no golden model and not rejected as an event (exit $rc): $(cat "$T/e")"
            n_events=$((n_events + 1))
        fi
        ok
    done
    [ $n_corpus -ge 25 ] || fail "only $n_corpus ninjs corpus documents read"
fi

# ---- 4. corpus round trips: json -> json -> model keeps all but what is warned ----
# (a model line that changes needs a "json cannot hold" warning; none: no change at all)
# (1.6: without the forms 1.x has no place for, tests/json/formless.py; the others without
# the vendor dialect's forms, formless.py --dialect)
if [ $have_shared = 1 ]; then
    for f in "$SHARED"/corpus/ninjs/*/*.json tests/json/*.json; do
        # a detected language is written and read back as declared: the mark not compared
        nc -q -f json "$f" -t model 2> /dev/null > "$T/m0" || continue
        grep -vx '  language_detected 1' "$T/m0" > "$T/m1"
        for v in 3.1 3.0 2.2 2.1 1.6; do
            nc -v -f json "$f" -t json --ninjs-version $v > "$T/j" 2> "$T/e" || fail "$f: writing $v: $(cat "$T/e")"
            nc -q -f json "$T/j" -t model > "$T/m2" 2> /dev/null || fail "$f: reading back $v"
            if [ $v = 1.6 ]; then
                /usr/bin/python3 tests/json/formless.py "$T/m1" > "$T/f1" &&
                    /usr/bin/python3 tests/json/formless.py "$T/m2" > "$T/f2" && mv "$T/f2" "$T/m2" ||
                    fail "$f: formless.py failed"
            else
                /usr/bin/python3 tests/json/formless.py --dialect "$T/m1" > "$T/f1" &&
                    /usr/bin/python3 tests/json/formless.py --dialect "$T/m2" > "$T/f2" &&
                    mv "$T/f2" "$T/m2" || fail "$f: formless.py --dialect failed"
            fi
            lost=$(comm -23 <(sort "$T/f1") <(sort "$T/m2") | wc -l)
            warned=$(grep -c "json.* cannot hold" "$T/e")
            [ "$lost" -le "$warned" ] ||
                fail "$f: json $v round trip lost more than the warnings say: $(diff "$T/f1" "$T/m2" | head -6)"
            nc -f json "$T/j" -t json --ninjs-version $v 2> /dev/null | cmp -s - "$T/j" ||
                fail "$f: json $v -> json $v is not stable"
            ok
        done
    done
fi

# ---- 4b. ninjs -> ninjs keeps the document: every corpus document, in its own version,
# equal after normalising form (tests/json/roundtrip.py says what); the known differences
# (tests/json/roundtrip.known) can only shrink ----
if [ $have_shared = 1 ] && [ -x /usr/bin/python3 ]; then
    # shellcheck disable=SC2046
    /usr/bin/python3 tests/json/roundtrip.py "$NEWSCONV" --known tests/json/roundtrip.known \
        $(find "$SHARED/corpus/ninjs" -name '*.json' | LC_ALL=C sort) > "$T/rt" 2>&1 ||
        fail "ninjs round trips: $(grep -v '^ninjs round trip:' "$T/rt" | head -5)"
    ok
fi

# a made-up ninjs 3.1 article with every field of the schema that an article has (but the
# item's own renditions, see docs/formats.md), valid: written back equal, without a warning
if [ -x /usr/bin/python3 ]; then
    /usr/bin/python3 tests/json/roundtrip.py "$NEWSCONV" tests/json/every-field.json > "$T/rt" 2>&1 ||
        fail "every-field.json round trip: $(cat "$T/rt")"
    nc -f json tests/json/every-field.json -t json --strict > /dev/null 2> "$T/e" ||
        fail "every-field.json -> json --strict: $(cat "$T/e")"
    ok
fi

# a document cannot speak for the reader's own notes: a key "ninjs:forms" is kept under
# another name, with a warning, and changes nothing of how the rest is written
printf '%s\n' '{"uri": "urn:x:forms", "headline": "H", "title": "H",' \
    '"ninjs:forms": {"title": false, "id": "guid", "links": {"0": {"ninjs:name": "hijack"}}},' \
    '"associations": [{"name": "related-1", "rel": "related", "uri": "http://x.example/", "type": "text"}]}' > "$T/forms.json"
nc -f json "$T/forms.json" -t json --ninjs-version superdesk > "$T/j" 2> "$T/e"
grep -qxF "newsconv: warning: $T/forms.json: json: 'ninjs:forms' is newsconv's own name: kept as extra 'x-ninjs:forms'" "$T/e" &&
    grep -q '"guid": "urn:x:forms"' "$T/j" && grep -q '"related-1"' "$T/j" && ! grep -q hijack "$T/j" ||
    fail "a document's ninjs:forms: $(cat "$T/e" "$T/j")"
ok

# the vendor dialect (Superdesk's ninjs; docs/formats.md): a made-up document with each of
# its fields is written back equal by --ninjs-version superdesk, without a warning; written
# as 3.1, each field 3.1 has no place for is named (superdesk-as-3.1.warnings)
if [ -x /usr/bin/python3 ]; then
    /usr/bin/python3 tests/json/roundtrip.py "$NEWSCONV" tests/json/superdesk.json > "$T/rt" 2>&1 ||
        fail "superdesk.json round trip: $(cat "$T/rt")"
    nc --strict -f json tests/json/superdesk.json -t json --ninjs-version superdesk > /dev/null 2> "$T/e" ||
        fail "superdesk.json -> superdesk --strict: $(cat "$T/e")"
    nc -v -f json tests/json/superdesk.json -t json 2>&1 > /dev/null | grep "cannot hold" > "$T/e"
    cmp -s "$T/e" tests/json/superdesk-as-3.1.warnings ||
        fail "superdesk.json -> 3.1: warnings differ: $(diff tests/json/superdesk-as-3.1.warnings "$T/e")"
    # its annotations are the editors' notes on the text: internal, never in a page to
    # publish (unless --keep-internal), named
    nc -f json tests/json/superdesk.json -t html > "$T/h" 2> "$T/e"
    ! grep -q "queue length" "$T/h" && grep -qxF "newsconv: warning: tests/json/superdesk.json: html does not publish 1 editorial note kept as extra (internal; --keep-internal writes them)" "$T/e" ||
        fail "superdesk.json -> html: the annotations: $(cat "$T/e")"
    nc -q -f json tests/json/superdesk.json -t html --keep-internal | grep -q "queue length" ||
        fail "superdesk.json -> html --keep-internal: the annotations are not written"
    # every ninjs document written as the dialect, and read back (under ASan in make check)
    for f in tests/json/*.json "$SHARED"/corpus/ninjs/*/*.json; do
        [ -f "$f" ] || continue
        nc -q -f json "$f" -t json --ninjs-version superdesk > "$T/sd" 2> "$T/e"; rc=$?
        [ $rc = 0 ] || [ $rc = 4 ] || fail "$f -> superdesk: exit $rc: $(cat "$T/e")"
        [ $rc = 4 ] || nc -q -f json "$T/sd" -t model > /dev/null 2> "$T/e" ||
            fail "$f -> superdesk -> model: $(cat "$T/e")"
    done
    ok
fi

# what the reader keeps for ninjs only (ninjs:forms, ninjs:<key>) is written back without
# a warning: ninjs -> ninjs of the corpus (the dialect's documents as the dialect) warns of
# nothing of its own
if [ $have_shared = 1 ]; then
    for f in "$SHARED"/corpus/ninjs/*/*.json; do
        case $f in */superdesk-dialect/*) v=superdesk ;; *) v=3.1 ;; esac
        nc -v -f json "$f" -t json --ninjs-version $v > /dev/null 2> "$T/e"
        ! grep -q "json cannot hold extra 'ninjs:" "$T/e" || fail "$f: json -> json $v: $(cat "$T/e")"
    done
    # a 1.x document written as 1.6 loses nothing: no warning, not even under --strict
    for f in "$SHARED"/corpus/ninjs/1.*/*.json; do
        nc --strict -f json "$f" -t json --ninjs-version 1.6 > /dev/null 2> "$T/e" ||
            fail "$f: json -> json 1.6 under --strict: $(cat "$T/e")"
    done
    ok
fi
# agency metadata (issue 14): a TT-like text item keeps its type, names, entity attributes,
# rendition sizes and titles through json -> json; IPTC codes are written as URIs
A=tests/json/agency-text.json
/usr/bin/python3 tests/json/roundtrip.py "$NEWSCONV" "$A" > "$T/rt" 2>&1 || fail "$A: json -> json: $(cat "$T/rt")"
nc "$A" -t json > "$T/j" 2> "$T/e" || fail "$A: $(cat "$T/e")"
[ ! -s "$T/e" ] || fail "$A: unexpected warnings: $(cat "$T/e")"
/usr/bin/python3 - "$T/j" <<'PY' || fail "$A: the rewrite lost agency metadata"
import json, sys
d = json.load(open(sys.argv[1]))
a = d["associations"][0]
assert d["type"] == "text" and a["name"] == "a001" and a["type"] == "picture", d["type"]
assert [r["name"] for r in a["renditions"]] == ["r00", "r01"], a["renditions"]
assert a["renditions"][0]["sizeInBytes"] == 4096 and a["renditions"][0]["title"] == "Thumbnail"
assert a["renditions"][1]["aspectRatio"] == "3:2" and a["rel"] == "illustration"
s = d["subjects"]
assert (s[0]["rel"], s[0]["relevance"], s[0]["confidence"], s[0]["creator"]) == ("about", 90, 75, "editor")
assert s[1] == {"name": "Val", "uri": "http://cv.iptc.org/newscodes/mediatopic/20000574", "literal": "medtop:20000574"}, s[1]
assert d["places"][0]["geoJSON"]["type"] == "Point" and d["people"][0]["contactInfo"][0]["type"] == "email"
assert d["organisations"][0]["symbols"][0]["symbol"] == "RD"
assert d["digitalSourceType"]["uri"].endswith("/digitalCapture")
PY
for v in 3.0 2.1; do
    nc "$A" -t json --ninjs-version $v > "$T/j$v" 2> "$T/e" || fail "$A: --ninjs-version $v"
    grep -q '"version": "'$v'"' "$T/j$v" && ! grep -qi '"digitalSourceType"' "$T/j$v" &&
        grep -q "digital_source_type" "$T/e" || fail "$A: ninjs $v: $(cat "$T/e")"
done
if [ $have_shared = 1 ]; then
    "$SHARED/tools/validate-ninjs" 3.0 "$T/j3.0" > "$T/v" 2>&1 || fail "invalid ninjs 3.0: $(cat "$T/v")"
    "$SHARED/tools/validate-ninjs" 2.2 "$T/j2.1" > "$T/v" 2>&1 || fail "invalid ninjs 2.1: $(cat "$T/v")"
fi
ok
# ninjs 1.6: the 1.x keys and objects keyed by name; what 1.x cannot hold (a subject's uri,
# the rel of an association, rendition fields beyond 1.6) is warned about, fatal under --strict
nc -v "$A" -t json --ninjs-version 1.6 > "$T/j1" 2> "$T/e" || fail "$A: --ninjs-version 1.6: $(cat "$T/e")"
/usr/bin/python3 - "$T/j1" <<'PY' || fail "$A: ninjs 1.6: $(cat "$T/j1")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["$standard"]["version"] == "1.6" and "standard" not in d and d["type"] == "text"
assert d["headline"] and d["body_xhtml"].startswith("<") and d["body_text"] and "bodies" not in d
a = d["associations"]["a001"]
assert "name" not in a and "rel" not in a and a["type"] == "picture", a
assert list(a["renditions"]) == ["r00", "r01"] and a["renditions"]["r00"]["sizeinbytes"] == 4096
assert a["renditions"]["r00"]["mimetype"] and "aspectratio" not in a["renditions"]["r01"]
assert d["subject"][0]["rel"] == "about" and d["subject"][1] == {"name": "Val", "code": "medtop:20000574"}
assert d["place"][0]["geometry_geojson"]["type"] == "Point" and d["person"][0]["contactinfo"]
assert d["digitalsourcetype"]["uri"].endswith("/digitalCapture")
PY
grep -q "json (ninjs 1.6) cannot hold the rel 'illustration' of media 'a001': dropped" "$T/e" &&
    grep -q "json (ninjs 1.6) cannot hold rendition field 'ninjs:aspectRatio'" "$T/e" ||
    fail "$A: ninjs 1.6 warnings: $(cat "$T/e")"
nc --strict "$A" -t json --ninjs-version 1.6 > "$T/o" 2> /dev/null
rc=$?
[ $rc -eq 6 ] && [ ! -s "$T/o" ] || fail "$A: ninjs 1.6 under --strict: exit $rc, want 6"
ok
# what the reader drops: one warning naming the fields, each value with -v, fatal under --strict
echo '{"uri": "http://x.test/1", "headlines": [{"value": "H"}], "body_html": "<p>A</p>", "body_text": "Other text"}' > "$T/d.json"
nc "$T/d.json" -t model > /dev/null 2> "$T/e" || fail "drop report: conversion failed"
grep -qx "newsconv: warning: $T/d.json: dropped: body_text" "$T/e" || fail "drop report: $(cat "$T/e")"
nc -v "$T/d.json" -t model > /dev/null 2> "$T/e"
grep -q "dropped: body_text: 'Other text'" "$T/e" || fail "drop report -v: $(cat "$T/e")"
nc --strict "$T/d.json" -t model > /dev/null 2> "$T/e"
[ $? -eq 6 ] || fail "drop report under --strict: not exit 6: $(cat "$T/e")"
ok

# a person who is an author keeps its literal (it was named dropped); a standard object
# that is not IPTC's declaration of a ninjs version (a vendor's profile schema) is kept as
# extra "ninjs:standard": md carries it, the ninjs writer declares its own and says so
f=tests/json/vendor-standard.json
nc "$f" -t json > "$T/o" 2> "$T/e"
grep -q '"literal": "jd"' "$T/o" || fail "$f -> json: the person's literal is lost: $(cat "$T/o")"
[ "$(cat "$T/e")" = "newsconv: warning: $f: json cannot hold extra 'ninjs:standard': dropped" ] ||
    fail "$f -> json: warnings: $(cat "$T/e")"
grep -q '"schema": "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json"' "$T/o" || fail "$f -> json: not IPTC's standard"
nc --strict "$f" -t md 2> /dev/null | grep -qF '"ninjs:standard": {"name":"ninjs","version":"3.1","schema":"https://vendor.example/ninjs-profile-harbour.json"}' ||
    fail "$f -> md: the standard object is lost"
sed 's|https://vendor.example/ninjs-profile-harbour.json|http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#|' "$f" > "$T/iptc.json"
nc "$T/iptc.json" -t model 2> /dev/null | grep -q 'ninjs:standard' && fail "$f: IPTC's own standard kept as extra"
ok

# ---- 5. errors and warnings ----
for d in fixtures/invalid/*/; do
    d=${d%/}
    in=$(ls "$d"/input.* 2> /dev/null | head -1)
    case "$in" in *.json | *.jsonl) ;; *) continue ;; esac
    want_rc=$(sed -n 1p "$d/expected")
    want_err=$(sed -n 2p "$d/expected")
    nc "$in" -t model > /dev/null 2> "$T/e"
    rc=$?
    [ "$rc" = "$want_rc" ] || fail "$in: exit $rc, want $want_rc ($(cat "$T/e"))"
    [ "$(head -1 "$T/e")" = "$want_err" ] || fail "$in: stderr '$(head -1 "$T/e")', want '$want_err'"
    ok
done
# fields ninjs cannot hold: a warning naming them; exit 6 under --strict
nc "$F" -M foo=bar -t json > /dev/null 2> "$T/e" || fail "extra field: conversion failed"
grep -qx "newsconv: warning: $F: json cannot hold extra 'foo': dropped" "$T/e" || fail "extra warning: $(cat "$T/e")"
nc "$F" -M foo=bar --strict -t json > "$T/o" 2> "$T/e"
rc=$?
[ $rc -eq 6 ] && [ ! -s "$T/o" ] || fail "extra field under --strict: exit $rc, want 6 and no output"
grep -q "1 warning under --strict: json cannot hold all of the article" "$T/e" || fail "--strict message: $(cat "$T/e")"
ok
nc "$F" -M published=2019-07 -t json 2> "$T/e" | grep -q '"firstCreated": "2019-07-01T00:00:00-00:00"' ||
    fail "a month is not written as its first day"
grep -q "json cannot hold published '2019-07' exactly: written as 2019-07-01T00:00:00-00:00" "$T/e" || fail "precision warning: $(cat "$T/e")"
nc "$F" -M pubstatus=embargoed -t json --ninjs-version 2.2 2> "$T/e" > /dev/null
grep -q "json cannot hold pubstatus 'embargoed' (only usable, withheld, canceled): dropped" "$T/e" || fail "pubstatus warning: $(cat "$T/e")"
nc "$F" -t json --ninjs-version 4.0 > /dev/null 2> "$T/e"
rc=$?
[ $rc -eq 2 ] && grep -q "ninjs-version: '4.0' is not one of 3.1, 3.0, 2.2, 2.1, 1.6, superdesk$" "$T/e" || fail "bad --ninjs-version: exit $rc: $(cat "$T/e")"
# 1.0 to 1.5 lack fields that 1.6 writes: not accepted as spellings of 1.6; "1" is 1.6
nc "$F" -t json --ninjs-version 1.4 > /dev/null 2> "$T/e"
rc=$?
[ $rc -eq 2 ] && grep -q "'1.4' is not one of 3.1, 3.0, 2.2, 2.1, 1.6, superdesk (1.0 to 1.5: write 1.6" "$T/e" || fail "--ninjs-version 1.4: exit $rc: $(cat "$T/e")"
nc "$F" -q -t json --ninjs-version 1 2> /dev/null | grep -q '"version": "1.6"' || fail "--ninjs-version 1 is not 1.6"
ok
# an id that is no URI, a link without address: written as urn:newsconv:..., read back
nc "$F" -M id="story 42/ä" -t json > "$T/j" 2> "$T/e" || fail "odd id: $(cat "$T/e")"
grep -q '"uri": "urn:newsconv:str:story%2042/%C3%A4"' "$T/j" || fail "an id that is no URI is not encoded"
nc -f json "$T/j" -t model | grep -q '^  id "story 42/ä"$' || fail "an encoded id does not read back"
ok
# no id: the stable id, which reads back as no id
nc "$F" -M id= -t json > "$T/j" 2> /dev/null
grep -q '"uri": "urn:newsconv:[0-9a-f]\{16\}"' "$T/j" || fail "no id: the stable id is not written"
nc -f json "$T/j" -t model | grep -q '^  id ' && fail "the stable id reads back as an id"
ok
# duplicate keys: the last wins, with a warning at the key
printf '{\n  "uri": "http://example.com/d",\n  "headlines": [{"value": "A"}],\n  "headlines": [{"value": "B"}]\n}\n' > "$T/dup.json"
nc "$T/dup.json" -t model > "$T/m" 2> "$T/e" || fail "duplicate keys: $(cat "$T/e")"
grep -q 'headline "B"' "$T/m" && grep -q "dup.json:4:13: json: duplicate object key near '\"headlines\"': the last value is used" "$T/e" ||
    fail "duplicate keys: $(cat "$T/e")"
ok
# a picture item is a media-only article; a planning item is not an article
nc -f json /dev/stdin -t model > "$T/m" 2> "$T/e" <<'EOF'
{"uri": "http://example.com/p", "type": "picture", "headlines": [{"value": "P"}],
 "descriptions": [{"role": "caption", "value": "C"}],
 "renditions": [{"name": "main", "href": "http://example.com/p.jpg", "contentType": "image/jpeg"}]}
EOF
grep -q '^  media picture href="http://example.com/p.jpg" mime="image/jpeg" caption="C"$' "$T/m" && grep -qx body "$T/m" ||
    fail "picture item: $(cat "$T/m" "$T/e")"
echo '{"uri": "urn:x:plan", "type": "planning", "plannedCoverage": []}' | nc -f json -t model > /dev/null 2> "$T/e"
rc=$?
[ $rc -eq 4 ] && grep -q "<stdin>: not an article: a ninjs 3.x planning item" "$T/e" || fail "planning item: exit $rc: $(cat "$T/e")"
ok

# ninjs 1.x item fields no other version has: the item's mimetype, kept and written back
# in 1.x (named not carried by the others); a 1.x representation type is no loss
cat > "$T/v1.json" <<'EOF'
{"uri": "http://example.com/v1", "type": "text", "mimetype": "text/plain", "representationtype": "complete",
 "headline": "H", "body_text": "Text of the story."}
EOF
nc --strict -f json "$T/v1.json" -t json --ninjs-version 1.6 > "$T/o" 2> "$T/e" || fail "1.x mimetype: $(cat "$T/e")"
grep -qF '"mimetype": "text/plain",' "$T/o" && grep -qF '"representationtype": "complete",' "$T/o" ||
    fail "1.x mimetype or representation type not written back: $(cat "$T/o")"
nc -v -f json "$T/v1.json" -t json > /dev/null 2> "$T/e"
grep -qF "json cannot hold extra 'ninjs:mimetype': dropped" "$T/e" || fail "3.1: the 1.x mimetype not named: $(cat "$T/e")"
ok

# ---- 6. round trips with the other formats ----
n_trips=0
for dir in fixtures/*/; do
    dir=${dir%/}
    [ -f "$dir/article.model" ] || continue
    # shellcheck disable=SC2046
    set -- $(args_of "$dir")
    for src in "$dir"/article.*; do
        ext=${src##*/article.}
        from=$(ext_format "$ext")
        [ -n "$from" ] && [ "$ext" != model ] && readable "$from" || continue
        if [ "$from" = json ]; then
            # json -> X -> json -> model, for every other format X that is read and written
            for x in markdown html newsml; do
                readable $x && writable $x || continue
                want=$(expected_model "$dir" json $x)
                nc "$src" "$@" -t $x > "$T/x" 2> /dev/null &&
                    nc -f $x "$T/x" "$@" -t json > "$T/j" 2> /dev/null &&
                    nc -f json "$T/j" "$@" -t model > "$T/m" 2> "$T/e" || fail "$src -> $x -> json failed"
                cmp -s "$T/m" "$want" || fail "$src -> $x -> json -> model differs from $want: $(diff "$want" "$T/m" | head -5)"
                n_trips=$((n_trips + 1))
                ok
            done
        else
            # X -> json -> model, and X -> json -> X -> model
            want=$(expected_model "$dir" "$ext" json)
            nc "$src" "$@" -t json > "$T/j" 2> /dev/null && nc -f json "$T/j" "$@" -t model > "$T/m" 2> "$T/e" ||
                fail "$src -> json failed"
            cmp -s "$T/m" "$want" || fail "$src -> json -> model differs from $want: $(diff "$want" "$T/m" | head -5)"
            if writable "$from"; then
                nc -f json "$T/j" "$@" -t "$from" > "$T/x" 2> /dev/null && nc -f "$from" "$T/x" "$@" -t model > "$T/m" 2> /dev/null ||
                    fail "$src -> json -> $from failed"
                cmp -s "$T/m" "$want" || fail "$src -> json -> $from -> model differs from $want: $(diff "$want" "$T/m" | head -5)"
            fi
            n_trips=$((n_trips + 1))
            ok
        fi
    done
done
for x in markdown html newsml; do readable $x || note "format $x not built yet: its round trips with json are not run"; done

# ---- 7. schema validity ----
for f in fixtures/*/article.*; do
    ext=${f##*/article.}
    from=$(ext_format "$ext")
    [ -n "$from" ] && readable "$from" || continue
    queue_valid "$f" "$from" "fixtures/$f" || fail "$f: cannot convert to json: $(cat "$T/valid/fixtures/$f.err")"
done
if [ $have_shared = 1 ]; then
    for sub in ninjs markdown html newsml-g2 newsml1 nitf; do
        case $sub in
        ninjs) fmt=json ;; markdown) fmt=markdown ;; html) fmt=html ;;
        nitf) fmt=nitf; readable nitf || fmt=newsml ;;
        *) fmt=newsml ;;
        esac
        [ -d "$SHARED/corpus/$sub" ] || continue
        files=$(find "$SHARED/corpus/$sub" -type f ! -name SOURCES.md ! -name '*.json' | sort)
        if ! readable $fmt; then
            note "corpus/$sub: $(echo "$files" | wc -l) documents skipped: the $fmt reader is not built yet"
            continue
        fi
        skipped=0
        while IFS= read -r f; do
            [ $sub = ninjs ] && continue # validated with the goldens above
            queue_valid "$f" $fmt "corpus/$sub/${f#"$SHARED"/corpus/"$sub"/}" || skipped=$((skipped + 1))
        done <<< "$files"
        [ $skipped -eq 0 ] || note "corpus/$sub: $skipped documents the $fmt reader cannot read (not articles, or not yet) were skipped"
    done
    # the html corpus' expected-metadata.json files (Mozilla Readability results) are JSON too
    for f in "$SHARED"/corpus/html/*/expected-metadata.json; do
        [ -f "$f" ] || continue
        queue_valid "$f" json "corpus/html/${f#"$SHARED"/corpus/html/}" || fail "$f: the json reader cannot read it"
    done
fi
if [ $have_shared = 1 ]; then
    [ -x "$SHARED/tools/validate-ninjs" ] || fail "$SHARED/tools/validate-ninjs missing"
    "$SHARED/tools/validate-ninjs" 3.1 "${VALID31[@]}" > "$T/v31" 2>&1 || fail "invalid ninjs 3.1 output:
$(head -20 "$T/v31")"
    "$SHARED/tools/validate-ninjs" 2.2 "${VALID22[@]}" > "$T/v22" 2>&1 || fail "invalid ninjs 2.2 output:
$(head -20 "$T/v22")"
    "$SHARED/tools/validate-ninjs" 1.6 "${VALID16[@]}" > "$T/v16" 2>&1 || fail "invalid ninjs 1.6 output:
$(head -20 "$T/v16")"
    checks=$((checks + 3 * n_valid))
    # the "uri" format too (validate-ninjs leaves it unchecked)
    /usr/bin/python3 tests/json/check-uris.py "$SHARED/schemas/ninjs" 3.1 "${VALID31[@]}" > "$T/u31" 2>&1 ||
        fail "ninjs 3.1 output with an invalid URI:
$(head -20 "$T/u31")"
    /usr/bin/python3 tests/json/check-uris.py "$SHARED/schemas/ninjs" 2.2 "${VALID22[@]}" > "$T/u22" 2>&1 ||
        fail "ninjs 2.2 output with an invalid URI:
$(head -20 "$T/u22")"
    /usr/bin/python3 tests/json/check-uris.py "$SHARED/schemas/ninjs" 1.6 "${VALID16[@]}" > "$T/u16" 2>&1 ||
        fail "ninjs 1.6 output with an invalid URI:
$(head -20 "$T/u16")"
else
    note "schema validation skipped (no ../shared)"
fi

echo "tests/json.sh: OK: $checks checks; $n_valid documents valid as ninjs 3.1, 2.2 and 1.6; $n_corpus ninjs corpus documents read, $n_events events rejected; $n_trips cross-format round trips; $notes notes"
