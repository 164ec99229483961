#!/bin/sh
# G2 -> G2 keeps the document (issue 14): every document of ../shared/corpus/newsml-g2
# converted newsml -> newsml is compared with its input after normalising
# (tests/tools/g2norm.py says how: namespaces, unordered groups, dates, white space,
# IPTC catalogue references, the content as text).
# Usage: tests/g2roundtrip.sh [-v]   (from the repository root)
#   NEWSCONV  the binary (default: $B/newsconv, B defaulting to build)
#   SHARED    the shared folder (default: ../shared)
# tests/newsml/every-element.xml and kept-elements.xml are compared too (with or without the
# corpus). Documents listed in tests/g2roundtrip.known are known to differ (-v shows how); a new
# difference, or a listed document that no longer differs (shorten the list), fails.
set -u
B=${B:-build}
NEWSCONV=${NEWSCONV:-$B/newsconv}
SHARED=${SHARED:-../shared}
PY=/usr/bin/python3
[ -x "$PY" ] || { echo "tests/g2roundtrip.sh: SKIP: $PY is absent"; exit 0; }
[ -x "$NEWSCONV" ] || { echo "tests/g2roundtrip.sh: FAIL: $NEWSCONV is not built (run make)" >&2; exit 1; }
LIST=$(mktemp "${TMPDIR:-/tmp}/newsconv-g2rt.XXXXXX") || exit 1
trap 'rm -f "$LIST"' EXIT INT TERM
# the repository's own items with every G2 element of the item, its rightsInfo, itemMeta and
# contentMeta (made up, valid), then the corpus
printf '%s\n' tests/newsml/every-element.xml tests/newsml/kept-elements.xml tests/newsml/xhtml-head.xml > "$LIST"
if [ -d "$SHARED/corpus/newsml-g2" ]; then
    find "$SHARED/corpus/newsml-g2" -type f ! -name '*.md' | LC_ALL=C sort >> "$LIST"
else
    echo "tests/g2roundtrip.sh: note: no NewsML-G2 corpus at $SHARED/corpus (set SHARED): the repository's items only"
fi
# shellcheck disable=SC2046
if "$PY" tests/tools/g2norm.py "$NEWSCONV" --known tests/g2roundtrip.known "$@" $(cat "$LIST"); then
    echo "tests/g2roundtrip.sh: OK"
else
    echo "tests/g2roundtrip.sh: FAIL (see DIFF / XPASS above)" >&2
    exit 1
fi
