#!/usr/bin/env bash
# Documents with every field of their format (made up, valid against their schemas; no
# corpus needed): tests/newsml/every-element.xml (NewsML-G2), tests/newsml/nitf-every-
# element.xml (NITF), newsml1-every-element.xml (NewsML 1.2; not schema-checked: no DTD
# here) and tests/json/every-field.json (ninjs 3.1). Each converted to md,
# newsml and html and read back gives the model it gave (the exchange formats and the page
# carry every field, or hold it as an extra the same format writes back); ninjs keeps the
# ninjs document's model too. (The G2 and ninjs documents are also written back equal to
# themselves: tests/g2roundtrip.sh, tests/json.sh; their text is checked by
# tests/fidelity.sh.) Found by these: a translated headline read as the headline after a
# G2 round trip, a G2 subject's literal beside its uri, a ninjs description's content type.
# Environment: NEWSCONV (default build/newsconv), TEST_WRAPPER.
set -u
. tests/testlib.bash

[ -x "$NEWSCONV" ] || fail "$NEWSCONV is not built (run make)"
n=0
for f in tests/newsml/every-element.xml tests/newsml/nitf-every-element.xml tests/newsml/newsml1-every-element.xml \
    tests/json/every-field.json; do
    nc -q "$f" -t model >"$TMPD/m1" 2>"$TMPD/err" || fail "$f -> model: $(cat "$TMPD/err")"
    targets="md newsml html"
    case $f in *.json) targets="$targets json" ;; esac
    for t in $targets; do
        nc -q "$f" -t "$t" --keep-internal -o "$TMPD/out.$t" 2>"$TMPD/err" || fail "$f -> $t: $(cat "$TMPD/err")"
        nc -q "$TMPD/out.$t" -t model >"$TMPD/m2" 2>"$TMPD/err" || fail "$f -> $t -> model: $(cat "$TMPD/err")"
        # the order of the extra pairs is the writer's
        expect_file_eq <(grep -v '^  extra ' "$TMPD/m2") <(grep -v '^  extra ' "$TMPD/m1") "$f -> $t -> model differs"
        expect_file_eq <(grep '^  extra ' "$TMPD/m2" | sort) <(grep '^  extra ' "$TMPD/m1" | sort) \
            "$f -> $t -> model: the extra pairs differ"
        n=$((n + 1))
    done
done
echo "every-field: $n round trips through the model, $checks checks"
