#!/usr/bin/env bash
# Out of memory: build/tests/failmalloc.so fails the Nth allocation of a run. For a
# conversion from every readable fixture format to every writer, at N spread over the
# whole run, newsconv must either succeed with exactly the normal output, or exit 7 with
# "out of memory": never crash, hang, or write something else. Run by `make oom` (not
# part of `make check` yet: see the known failures in docs/hardening.md).
set -u
. tests/testlib.bash
SHIM=${SHIM:-${B:-build}/tests/failmalloc.so}
[ -f "$SHIM" ] || fail "$SHIM is not built (make check builds it)"
if [ -n "$TEST_WRAPPER" ]; then echo "SKIP: not under $TEST_WRAPPER (it has its own allocator)"; exit 0; fi
if ldd "$NEWSCONV" | grep -q libasan; then echo "SKIP: not under AddressSanitizer (it has its own allocator)"; exit 0; fi
POINTS=${NC_OOM_POINTS:-60}
case_dir=fixtures/full-metadata
runs=0
for input in "$case_dir"/article.*; do
    ext=${input##*article.}
    case $ext in md) from=markdown ;; html) from=html ;; xml) from=newsml ;; json) from=json ;; *) continue ;; esac
    for to in markdown html newsml json model; do
        "$NEWSCONV" -q -f "$from" -t "$to" "$input" >"$TMPD/want" 2>/dev/null || fail "$input -> $to fails without fault injection"
        total=$(NC_FAIL_COUNT=1 LD_PRELOAD=$SHIM "$NEWSCONV" -q -f "$from" -t "$to" "$input" 2>&1 >/dev/null | sed -n 's/^allocations: //p')
        [ -n "$total" ] || fail "no allocation count"
        step=$(( total / POINTS )); [ "$step" -ge 1 ] || step=1
        n=1
        while [ "$n" -le "$total" ]; do
            rc=0
            NC_FAIL_AT=$n LD_PRELOAD=$SHIM timeout 20 "$NEWSCONV" -q -f "$from" -t "$to" "$input" >"$TMPD/got" 2>"$TMPD/err" || rc=$?
            case $rc in
                0) cmp -s "$TMPD/got" "$TMPD/want" || fail "$input -> $to, allocation $n failed: exit 0 but the output differs" ;;
                7) grep -Eq "out of memory|Memory allocation failed" "$TMPD/err" || fail "$input -> $to, allocation $n failed: exit 7 without 'out of memory': $(cat "$TMPD/err")" ;;
                *) fail "$input -> $to, allocation $n of $total failed: exit $rc: $(head -c 300 "$TMPD/err")" ;;
            esac
            runs=$((runs + 1)); pass
            n=$((n + step))
        done
    done
done
echo "$runs runs with a failed allocation, $checks checks"
