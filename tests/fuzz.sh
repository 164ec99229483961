#!/usr/bin/env bash
# The fuzz targets' inputs, replayed in every build (normal, `make asan`, `make valgrind`):
# - every kept crash input in tests/fuzz/regressions/<format>/ (written there by
#   `make fuzz-run`) through its reader and then every writer, with build/tests/fuzz-replay
#   (the fuzz target's own code as a program), and through the CLI to every writer, where
#   it must end with a documented exit code (0, 4 or 6), never a signal or a hang;
# - every fixture input through every reader, its own and the others (a Markdown file read
#   as NewsML, a page read as ninjs...): a cheap cross-format fuzz of the error paths.
set -u
. tests/testlib.bash
REPLAY=${REPLAY:-${B:-build}/tests/fuzz-replay}
[ -x "$REPLAY" ] || fail "$REPLAY is not built (make check builds it)"
readers=$("$NEWSCONV" --list-formats | awk '$2 ~ /^r/ {print $1}')
writers=$("$NEWSCONV" --list-formats | awk '$2 ~ /w$/ {print $1}')

# replay FORMAT FILE...: the fuzz target's code must go through every file
replay() {
    local fmt=$1; shift
    local rc=0
    timeout 300 $TEST_WRAPPER "$REPLAY" "$fmt" "$@" >"$TMPD/replay.out" 2>&1 || rc=$?
    [ "$rc" -eq 0 ] || fail "fuzz-replay $fmt ($# files): exit $rc: $(head -c 2000 "$TMPD/replay.out")"
    pass
}

kept=0
for dir in tests/fuzz/regressions/*/; do
    [ -d "$dir" ] || continue
    fmt=$(basename "$dir")
    echo "$readers" | grep -qx "$fmt" || fail "$dir: no reader named $fmt"
    files=()
    for f in "$dir"*; do [ -f "$f" ] && [ "${f##*/}" != README ] && files+=("$f"); done
    [ ${#files[@]} -gt 0 ] || continue
    replay "$fmt" "${files[@]}"
    for f in "${files[@]}"; do
        for to in $writers; do
            rc=0
            timeout 60 $TEST_WRAPPER "$NEWSCONV" -q -f "$fmt" -t "$to" "$f" >/dev/null 2>"$TMPD/err" || rc=$?
            case $rc in
                0|4|6) pass ;;
                *) fail "$f as $fmt -> $to: exit $rc: $(head -c 500 "$TMPD/err")" ;;
            esac
        done
        kept=$((kept + 1))
    done
done

inputs=()
for f in fixtures/*/article.* fixtures/invalid/*/input.*; do
    case $f in *.model) continue ;; esac
    inputs+=("$f")
done
[ ${#inputs[@]} -gt 20 ] || fail "only ${#inputs[@]} fixture inputs found"
for fmt in $readers; do
    replay "$fmt" "${inputs[@]}"
done
echo "$kept kept crash inputs replayed to every writer; ${#inputs[@]} fixture inputs through $(echo $readers | wc -w) readers; $checks checks"
