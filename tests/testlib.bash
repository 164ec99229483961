# Shared helpers for tests/*.sh (sourced). Run from the repo root.
NEWSCONV=${NEWSCONV:-build/newsconv}
TEST_WRAPPER=${TEST_WRAPPER:-}
NC_SHARED=${NC_SHARED:-../shared}
TMPD=$(mktemp -d)
trap 'rm -rf "$TMPD"' EXIT
checks=0
nc() { $TEST_WRAPPER "$NEWSCONV" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { checks=$((checks + 1)); }
# expect_file_eq GOT_FILE WANT_FILE WHAT
expect_file_eq() {
    if ! cmp -s "$1" "$2"; then
        echo "FAIL: $3" >&2
        diff -u "$2" "$1" | head -n 40 >&2
        exit 1
    fi
    pass
}
# expect_run EXIT_CODE STDERR_LINE -- ARGS...: runs newsconv, checks exit code and stderr
expect_run() {
    local want_rc=$1 want_err=$2
    shift 3
    local rc=0
    nc "$@" >"$TMPD/out" 2>"$TMPD/err" || rc=$?
    [ "$rc" -eq "$want_rc" ] || fail "newsconv $*: exit $rc, want $want_rc; stderr: $(cat "$TMPD/err")"
    if [ -n "$want_err" ] && [ "$(head -n 1 "$TMPD/err")" != "$want_err" ]; then
        fail "newsconv $*: stderr
  got:  $(head -n 1 "$TMPD/err")
  want: $want_err"
    fi
    pass
}
have_shared() { [ -d "$NC_SHARED/corpus" ]; }
# corpus_files ROOT: the files of the shared corpus under ROOT (NUL-separated, sorted), at
# most NC_CORPUS_MAX (default 60) of each set (ROOT's first-level folders), taken at an even
# stride so that a walk stays bounded in time as the corpus grows; NC_CORPUS_MAX=0 walks
# everything (make corpus-full). SOURCES, README, LICENSE and .txt files are left out.
NC_CORPUS_MAX=${NC_CORPUS_MAX:-60}
corpus_files() {
    local root=$1 set
    for set in "$root"/*/; do
        find "$set" -type f ! -name 'SOURCES.md' ! -name 'README*' ! -name 'LICENSE*' \
            ! -name '*.txt' -print0 | sort -z |
            awk -v RS='\0' -v ORS='\0' -v max="$NC_CORPUS_MAX" '
                { f[NR] = $0 }
                END {
                    if (max <= 0 || NR <= max) { for (i = 1; i <= NR; i++) print f[i]; exit }
                    for (k = 0; k < max; k++) print f[int(k * NR / max) + 1]
                }'
    done
}
