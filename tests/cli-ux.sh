#!/usr/bin/env bash
# The command line as a user meets it (issue 16): -M replace/append/clear, suggestions for
# misspelled options and formats, hints, readable warnings. Exact messages and exit codes.
set -u
. tests/testlib.bash

in=fixtures/full-metadata/article.json
authors() { grep '^  author ' "$TMPD/m.model" || true; }

# -M KEY=VALUE replaces a list field, KEY+=VALUE appends, KEY= clears
nc "$in" -t model -M author=X >"$TMPD/m.model" || fail "-M author=X"
[ "$(authors)" = '  author name="X"' ] || fail "-M author=X does not replace: $(authors)"; pass
nc "$in" -t model -M author= >"$TMPD/m.model" || fail "-M author="
[ -z "$(authors)" ] || fail "-M author= does not clear: $(authors)"; pass
nc "$in" -t model -M author=X -M author+=Y >"$TMPD/m.model" || fail "-M author+=Y"
[ "$(authors)" = '  author name="X"
  author name="Y"' ] || fail "-M author+=Y does not append: $(authors)"; pass
nc "$in" -t model -M keywords=a -M tags+=b >"$TMPD/m.model" || fail "-M keywords"
[ "$(grep -c '^  keyword ' "$TMPD/m.model")" = 2 ] || fail "-M keywords=a tags+=b: $(grep keyword "$TMPD/m.model")"; pass
nc "$in" -t model -M mykey=1 -M mykey=2 >"$TMPD/m.model" || fail "-M mykey"
[ "$(grep '^  extra "mykey"' "$TMPD/m.model")" = '  extra "mykey" "2"' ] || fail "-M extra replace"; pass
expect_run 2 "newsconv: -M needs KEY=VALUE, got '+=x'" -- -M +=x -t model

echo "$checks checks"
