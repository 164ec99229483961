#!/usr/bin/env bash
# Out of memory. build/tests/failmalloc.so (LD_PRELOAD) fails the Nth allocation of a run.
# For every reader (markdown, html, NewsML-G2, NewsML 1, NITF, json, jsonl) to every writer,
# for a small batch into a directory and into one JSON Lines file, and for the command
# line's argument parsing, at N spread over the whole run (NC_OOM_POINTS points per
# conversion), newsconv must either succeed with exactly the normal output, or exit 7 with
# "out of memory" on stderr (a batch: exit 1 or 7, the failed items reported with "out of
# memory", the files it did write whole): never crash, hang, or write something else.
# Two kinds of failure were once known and reported without failing: a hang inside libxml2
# 2.9's HTML parser after a failed allocation, and exit 0 with another output (a library
# call that dropped a value, the Markdown writer's read-back check). Both are fixed (see
# docs/hardening.md), so every failure fails; NC_OOM_STRICT=0 reports those two kinds
# without failing, for a look at a libxml2 or jansson that behaves differently.
# With NC_OOM_LEAKS=1 (the default) the shim also counts the blocks our own code allocated
# and did not free; any left at exit on a failure path is a leak. (libxml2's allocations go
# through wrappers in our code, formats/common/xmlguard.c: NC_FAIL_NOT_OWN tells the shim
# they are libxml2's.)
#   bash tests/oom.sh                     (from the repository root; part of make check)
#   make oom NC_OOM_POINTS=400            more points, alone
#   NC_OOM_ALL=1                          report every failing point, not the first one per case
#   NC_OOM_JOBS=N                         cases run at once (default 2)
# Skipped under TEST_WRAPPER (valgrind) and AddressSanitizer: they bring their own allocator.
set -u
. tests/testlib.bash
SHIM=${SHIM:-${B:-build}/tests/failmalloc.so}
if [ -n "$TEST_WRAPPER" ]; then echo "SKIP: not under $TEST_WRAPPER (it has its own allocator)"; exit 0; fi
if ldd "$NEWSCONV" | grep -q libasan; then echo "SKIP: not under AddressSanitizer (it has its own allocator)"; exit 0; fi
[ -f "$SHIM" ] || fail "$SHIM is not built (make check builds it)"
# blocks libxml2 allocates through newsconv's wrappers (formats/common/xmlguard.c) are
# libxml2's
export NC_FAIL_NOT_OWN
NC_FAIL_NOT_OWN=$(nm -S --defined-only "$NEWSCONV" 2>/dev/null |
    awk '$4 ~ /^(xml_malloc|xml_realloc|xml_strdup)$/ { printf "%s%s+%s", sep, $1, $2; sep = "," }')
[ -n "$NC_FAIL_NOT_OWN" ] || fail "nm found no allocator wrappers in $NEWSCONV (binutils missing, or stripped?)"
POINTS=${NC_OOM_POINTS:-8}
JOBS=${NC_OOM_JOBS:-2}
LEAKS=${NC_OOM_LEAKS:-1}
ALL=${NC_OOM_ALL:-0}
STRICT=${NC_OOM_STRICT:-1}
TIMEOUT=${NC_OOM_TIMEOUT:-2}
mkdir -p "$TMPD/res"

# run_at N OUTDIR ARGS...: one run with allocation N failing (0: none); stdout in OUTDIR/out,
# stderr in OUTDIR/err; echoes the exit status
run_at() {
    local n=$1 d=$2 rc=0
    shift 2
    if [ "$n" -eq 0 ]; then
        NC_FAIL_COUNT=1 NC_FAIL_LEAKS=$LEAKS LD_PRELOAD=$SHIM timeout -k 2 20 "$NEWSCONV" "$@" >"$d/out" 2>"$d/err" || rc=$?
    else
        NC_FAIL_AT=$n NC_FAIL_LEAKS=$LEAKS LD_PRELOAD=$SHIM timeout -k 2 "$TIMEOUT" "$NEWSCONV" "$@" >"$d/out" 2>"$d/err" || rc=$?
    fi
    echo "$rc"
}

# known ID WHAT: a known kind of failure (see the header); a failure under NC_OOM_STRICT=1
known() {
    if [ "$STRICT" = 1 ]; then msg="$2"; else echo "$1: $2" >>"$TMPD/res/$1.known"; fi
}

leaked() { # ERRFILE: the shim's count of our own blocks not freed
    sed -n 's/^own blocks outstanding: //p' "$1" | tail -n 1
}

# Compares what a batch wrote ($2, a directory or a file) with the full run's ($1):
# "same", "subset" (only whole outputs, fewer of them) or "bad: ...".
compare_out() {
    local want=$1 got=$2 f
    if [ -d "$want" ]; then
        [ -d "$got" ] || { echo subset; return; }
        if [ -n "$(find "$got" -name '.newsconv-*' -o -name '*.tmp*')" ]; then echo "bad: temporary files left"; return; fi
        for f in $(cd "$got" && find . -type f); do
            cmp -s "$got/$f" "$want/$f" || { echo "differs: $f"; return; }
        done
        [ "$(cd "$got" && find . -type f | wc -l)" -eq "$(cd "$want" && find . -type f | wc -l)" ] && echo same || echo subset
    else
        if [ -n "$(find "$(dirname "$got")" -maxdepth 1 -name "$(basename "$got").tmp*")" ]; then echo "bad: temporary file left"; return; fi
        [ -f "$got" ] || { echo subset; return; }
        if cmp -s "$got" "$want"; then echo same; return; fi
        # items that failed are missing lines; every line written is the full run's
        if python3 -c '
import sys
want = open(sys.argv[1], "rb").read().splitlines()
got = open(sys.argv[2], "rb").read().splitlines()
it = iter(want)
sys.exit(0 if all(any(g == w for w in it) for g in got) else 1)' "$want" "$got"; then echo subset; return; fi
        echo "differs: $(basename "$got") has lines the full run does not have"
    fi
}

# sweep ID KIND ARGS...: KIND is "stdout", "dir:PATH" or "file:PATH" (where the batch writes,
# removed before each run). The result goes to $TMPD/res/ID.{runs,fail}. WINDOW=LO-HI runs
# every allocation from LO to HI instead (a sample around a point once found, which moves
# from run to run with libxml2's random dictionary hash seed).
sweep() {
    local id=$1 kind=$2 d="$TMPD/w.$1" m total step n rc lk msg target="" nfail=0 runs=0 first
    shift 2
    mkdir -p "$d"
    case $kind in dir:* | file:*) target=${kind#*:} ;; esac
    [ -z "$target" ] || rm -rf "$target"
    rc=$(run_at 0 "$d" "$@")
    if [ "$rc" -ne 0 ]; then echo "$id: fails without fault injection: exit $rc: $(head -c 300 "$d/err")" >"$TMPD/res/$id.fail"; return; fi
    cp "$d/out" "$d/want"
    [ -z "$target" ] || { rm -rf "$d/want.t"; mv "$target" "$d/want.t"; }
    total=$(sed -n 's/^allocations: //p' "$d/err")
    lk=$(leaked "$d/err")
    if [ -z "$total" ]; then echo "$id: no allocation count" >"$TMPD/res/$id.fail"; return; fi
    if [ "$LEAKS" = 1 ] && [ "${lk:-0}" != 0 ]; then echo "$id: $lk own blocks not freed by a normal run" >"$TMPD/res/$id.fail"; return; fi
    step=$((total / POINTS)); [ "$step" -ge 1 ] || step=1
    # the first point moves with the case, so that the cases together cover more
    first=$((1 + $(printf '%s' "$id" | cksum | cut -d' ' -f1) % step))
    n=$first
    [ "${DENSE:-0}" -eq 0 ] || n=1
    local last=$total
    if [ -n "${WINDOW:-}" ]; then n=${WINDOW%-*}; last=${WINDOW#*-}; step=1; fi
    [ "$last" -le "$total" ] || last=$total
    while [ "$n" -le "$last" ]; do
        [ -z "$target" ] || rm -rf "$target"
        rc=$(run_at "$n" "$d" "$@")
        msg=""
        case $kind:$rc in
            stdout:0) cmp -s "$d/out" "$d/want" || known "$id" "allocation $n: exit 0 but the output differs" ;;
            *:124) known "$id" "allocation $n: hangs (timeout)" ;;
            *:0)
                msg=$(compare_out "$d/want.t" "$target")
                case $msg in same) msg="" ;; differs:*) m=$msg; msg=""; known "$id" "allocation $n: exit 0, $m" ;; *) msg="exit 0: $msg" ;; esac ;;
            stdout:7) grep -q "out of memory" "$d/err" || msg="exit 7 without 'out of memory'" ;;
            *:[17])
                if ! grep -q "out of memory" "$d/err"; then msg="exit $rc without 'out of memory'"
                else
                    msg=$(compare_out "$d/want.t" "$target")
                    case $msg in same | subset) msg="" ;; differs:*) m=$msg; msg=""; known "$id" "allocation $n: exit $rc, $m" ;; esac
                    # an archive or JSON Lines file is all or nothing... unless items failed
                fi ;;
            *) msg="exit $rc" ;;
        esac
        if [ -z "$msg" ] && [ "$LEAKS" = 1 ] && [ "$rc" -ne 124 ] && [ -n "$(leaked "$d/err")" ]; then
            lk=$(leaked "$d/err")
            [ "${lk:-0}" = 0 ] || msg="exit $rc, $lk own blocks not freed"
        fi
        runs=$((runs + 1))
        if [ -n "$msg" ]; then
            echo "$id: allocation $n of $total failing: $msg; stderr: $(grep -v '^own blocks' "$d/err" | head -c 300)" >>"$TMPD/res/$id.fail"
            nfail=$((nfail + 1))
            [ "$ALL" = 1 ] && [ "$nfail" -lt 10 ] || break
        fi
        if [ "$n" -lt "${DENSE:-0}" ]; then n=$((n + 1)); else n=$((n + step)); fi
    done
    echo "$runs" >"$TMPD/res/$id.runs"
}

throttle() { while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n 2>/dev/null || true; done; }

# inputs: one per reader
"$NEWSCONV" -q fixtures/full-metadata/article.json -t jsonl >"$TMPD/article.jsonl" || fail "cannot make the jsonl input"
inputs="markdown:fixtures/full-metadata/article.md
html:fixtures/full-metadata/article.html
newsml:fixtures/full-metadata/article.xml
newsml1:tests/oom/newsml1.xml
nitf:fixtures/all-nodes/article.nitf.xml
json:fixtures/full-metadata/article.json
jsonl:$TMPD/article.jsonl"
writers="markdown html newsml nitf json jsonl model"
while IFS=: read -r reader file; do
    from=$reader
    case $reader in newsml1) from=newsml ;; esac
    for to in $writers; do
        throttle
        sweep "$reader-$to" stdout -q -f "$from" -t "$to" "$file" &
    done
done <<<"$inputs"

# a small batch: into a directory, and into one JSON Lines file
mkdir -p "$TMPD/bin"
cp fixtures/full-metadata/article.md "$TMPD/bin/a.md"
cp fixtures/full-metadata/article.json "$TMPD/bin/b.json"
cp tests/oom/newsml1.xml "$TMPD/bin/c.xml"
cp fixtures/full-metadata/article.html "$TMPD/bin/d.html"
batch_in="$TMPD/bin/a.md $TMPD/bin/b.json $TMPD/bin/c.xml $TMPD/bin/d.html"
throttle
# shellcheck disable=SC2086
sweep batch-dir "dir:$TMPD/bdir" -q -j1 -t json -o "$TMPD/bdir/" $batch_in &
throttle
# shellcheck disable=SC2086
sweep batch-jsonl "file:$TMPD/b.jsonl" -q -j1 -t jsonl -o "$TMPD/b.jsonl" $batch_in &
# a gzip-compressed input: decompressed (libarchive) before it is read
gzip -c fixtures/full-metadata/article.md >"$TMPD/article.md.gz"
throttle
sweep gzip-markdown stdout -q -t markdown "$TMPD/article.md.gz" &
# samples: windows around points that once dropped data with exit 0 (issue 14's sweep)
# - markdown -> html of the plain layout (~170): a related link left in the story when a
#   buffer of the layout's tests ran out (formats/markdown/plain.c); ~192: the author meta
#   left out (formats/html/writer.c)
throttle
WINDOW=150-210 sweep sample-plain-html stdout -q --no-detect -t html fixtures/helsinki/article.md &
# - json -> html of ninjs-full (~1152/1163): a figure credit (formats/common/dom.c) and the
#   author meta left out
throttle
WINDOW=1130-1190 sweep sample-ninjs-html stdout -q -t html fixtures/ninjs-full/article.json &
# - the agency metadata in front matter and in a page (issue 14), at the usual points
throttle
sweep agency-markdown stdout -q -t markdown tests/markdown/agency.md &
throttle
sweep agency-html stdout -q -t html tests/markdown/agency.md &
# the command line: options, -M pairs and format options are allocated while parsing
throttle
DENSE=150 sweep cli stdout -q -M headline=Changed -M byline=Someone --newsml-body nitf -t newsml -- fixtures/full-metadata/article.md &
wait

runs=0
for f in "$TMPD"/res/*.runs; do runs=$((runs + $(cat "$f"))); done
if ls "$TMPD"/res/*.fail >/dev/null 2>&1; then
    cat "$TMPD"/res/*.fail >&2
    fail "$(cat "$TMPD"/res/*.fail | wc -l) failing points (above)"
fi
cases=$(ls "$TMPD"/res/*.runs | wc -l)
if ls "$TMPD"/res/*.known >/dev/null 2>&1; then
    nk=$(cat "$TMPD"/res/*.known | wc -l)
    echo "KNOWN ($nk points, not failures unless NC_OOM_STRICT=1; see the header):"
    cat "$TMPD"/res/*.known | sed 's/^/  /' | head -n "${NC_OOM_SHOW_KNOWN:-15}"
    echo "  ..."
fi
echo "oom.sh: $runs runs with a failed allocation in $cases conversions ($POINTS points each), exit 7 or the normal output, no own block leaked"
