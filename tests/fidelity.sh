#!/bin/sh
# Fidelity of the agency corpus (issue 14): every document of ../shared/corpus/{ninjs,
# newsml-g2,newsml1,nitf} converted to json, newsml and md either keeps each piece of its
# text (tests/tools/fidelity.py says what that means) or fails under --strict; so do
# tests/newsml/every-element.xml, nitf-every-element.xml, newsml1-every-element.xml and
# tests/json/every-field.json.
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
# and the repository's made-up documents with every field of their format
printf '%s\n' tests/newsml/every-element.xml tests/newsml/nitf-every-element.xml \
    tests/newsml/newsml1-every-element.xml \
    tests/json/every-field.json >> "$LIST"
# The check can fail: a converter that leaves out one sentence of a body whose plain
# body_text stands beside its XHTML (and of every other text) must be found out.
LOSSY=$(mktemp "${TMPDIR:-/tmp}/newsconv-lossy.XXXXXX") || exit 1
trap 'rm -f "$LIST" "$LOSSY"' EXIT INT TERM
printf '#!/bin/sh\n"%s" "$@" | sed "s/Schettino has denied wrongdoing//"\n' "$NEWSCONV" > "$LOSSY"
chmod +x "$LOSSY"
SELF=$SHARED/corpus/ninjs/1.4/ninjsExSimpleText1.json
if [ -f "$SELF" ]; then
    out=$("$PY" tests/tools/fidelity.py "$LOSSY" "$SELF" 2>&1)
    case $out in
    *"LOST $SELF -> newsml"*"LOST $SELF -> md"*) ;;
    *) echo "tests/fidelity.sh: FAIL: a converter losing a sentence is not found out: $out" >&2; exit 1 ;;
    esac
fi
# shellcheck disable=SC2046
if "$PY" tests/tools/fidelity.py "$NEWSCONV" --known tests/fidelity.known "$@" $(cat "$LIST"); then
    echo "tests/fidelity.sh: OK"
else
    echo "tests/fidelity.sh: FAIL (see LOST / XPASS above)" >&2
    exit 1
fi
