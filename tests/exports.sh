#!/usr/bin/env bash
# The shared library exports exactly the documented API: the functions declared in
# include/newsconv/*.h (not the static inline ones), each listed by name in
# src/libnewsconv.map, and nothing else (no ncp_* internal, no format definition).
# Usage: tests/exports.sh   (from the repository root, after make; part of make check)
set -u
. tests/testlib.bash
B=${B:-build}
SO=$B/libnewsconv.so
CC=${CC:-cc}
[ -f "$SO" ] || fail "$SO is not built (make builds it)"
command -v nm >/dev/null || fail "nm is missing (binutils)"

# declared: every nc_* function the public headers declare, from the preprocessed headers
# (comments gone), one declaration per line; static inline functions are not symbols
for h in include/newsconv/*.h; do
    echo "#include \"${h#include/}\""
done >"$TMPD/all.c"
"$CC" -E -P -Iinclude "$TMPD/all.c" >"$TMPD/pre.c" || fail "cannot preprocess the public headers"
tr '\n' ' ' <"$TMPD/pre.c" | sed 's/;/;\n/g; s/{/{\n/g; s/}/}\n/g' |
    grep -v 'static inline\|typedef\|^[[:space:]]*return' |
    grep -o '\bnc_[a-z0-9_]*[[:space:]]*(' | sed 's/[[:space:]]*($//' | sort -u >"$TMPD/declared"
[ "$(wc -l <"$TMPD/declared")" -ge 50 ] || fail "only $(wc -l <"$TMPD/declared") functions found in the public headers"
pass

# listed: the names in the version script's global section, without wildcards
sed -n '/global:/,/local:/p' src/libnewsconv.map | sed 's|/\*.*\*/||' |
    grep -o '[A-Za-z_*?][A-Za-z0-9_*?]*;' | tr -d ';' | sort >"$TMPD/listed"
if grep -q '[*?]' "$TMPD/listed"; then
    fail "src/libnewsconv.map exports by a wildcard: $(grep '[*?]' "$TMPD/listed" | tr '\n' ' ')"
fi
pass
if ! cmp -s "$TMPD/declared" "$TMPD/listed"; then
    echo "FAIL: src/libnewsconv.map and include/newsconv/*.h differ (< headers, > map):" >&2
    diff "$TMPD/declared" "$TMPD/listed" >&2
    exit 1
fi
pass

# exported: what the library defines and exports
nm -D --defined-only "$SO" | awk '{print $NF}' | grep -v '^NEWSCONV\|^$' | sort >"$TMPD/exported"
if ! cmp -s "$TMPD/declared" "$TMPD/exported"; then
    echo "FAIL: $SO exports other symbols than the public headers declare (< headers, > library):" >&2
    diff "$TMPD/declared" "$TMPD/exported" >&2
    exit 1
fi
pass
echo "exports: $checks checks, $(wc -l <"$TMPD/exported") functions exported, all documented"
