#!/usr/bin/env bash
# Runs the whole test suite: unit test programs given as arguments, then every tests/*.sh.
# Environment: B (build dir, default build), TEST_WRAPPER (e.g. valgrind ...), NC_SHARED
# (the shared corpus and schemas, default ../shared).
set -u
B=${B:-build}
export NEWSCONV="${NEWSCONV:-$B/newsconv}"
export TEST_WRAPPER="${TEST_WRAPPER:-}"
export NC_SHARED="${NC_SHARED:-../shared}"
failed=0
if [ ! -d "$NC_SHARED" ]; then
    echo "NOTE: $NC_SHARED is not present: tests that read the shared corpus and schemas are skipped"
fi
for t in "$@"; do
    printf '%-28s ' "${t##*/}"
    if out=$($TEST_WRAPPER "$t" 2>&1); then
        echo "ok   (${out##*$'\n'})"
    else
        echo "FAIL"
        echo "$out" | tail -n 30
        failed=1
    fi
done
for t in tests/*.sh; do
    printf '%-28s ' "${t##*/}"
    if out=$(bash "$t" 2>&1); then
        echo "ok   (${out##*$'\n'})"
    else
        echo "FAIL"
        echo "$out" | tail -n 40
        failed=1
    fi
done
if [ "$failed" -ne 0 ]; then
    echo "SOME TESTS FAILED"
    exit 1
fi
echo "all tests passed"
