#!/bin/sh
# Fidelity of the agency corpus (issue 14): every document of ../shared/corpus/{ninjs,
# newsml-g2,newsml1,nitf} converted to json, newsml and md either keeps each piece of its
# text (tests/tools/fidelity.py says what that means) or fails under --strict.
# Usage: tests/fidelity.sh [--report]   (from the repository root)
#   NEWSCONV  the binary (default: $B/newsconv, B defaulting to build)
#   SHARED    the shared folder (default: ../shared)
# Conversions listed in tests/fidelity.known are known silent losses (XFAIL); a new loss,
# or a known one that no longer happens (XPASS: shorten the list), fails.
set -u
B=${B:-build}
NEWSCONV=${NEWSCONV:-$B/newsconv}
SHARED=${SHARED:-../shared}
PY=/usr/bin/python3
if [ ! -d "$SHARED/corpus" ]; then
    echo "tests/fidelity.sh: SKIP: no agency corpus at $SHARED/corpus (set SHARED)"
    exit 0
fi
[ -x "$PY" ] || { echo "tests/fidelity.sh: SKIP: $PY is absent"; exit 0; }
[ -x "$NEWSCONV" ] || { echo "tests/fidelity.sh: FAIL: $NEWSCONV is not built (run make)" >&2; exit 1; }
LIST=$(mktemp "${TMPDIR:-/tmp}/newsconv-fid.XXXXXX") || exit 1
trap 'rm -f "$LIST"' EXIT INT TERM
for d in ninjs newsml-g2 newsml1 nitf; do
    [ -d "$SHARED/corpus/$d" ] && find "$SHARED/corpus/$d" -type f ! -name '*.md' ! -name '*.sh'
done | LC_ALL=C sort > "$LIST"
# shellcheck disable=SC2046
if "$PY" tests/tools/fidelity.py "$NEWSCONV" --known tests/fidelity.known "$@" $(cat "$LIST"); then
    echo "tests/fidelity.sh: OK"
else
    echo "tests/fidelity.sh: FAIL (see LOST / XPASS above)" >&2
    exit 1
fi
