#!/usr/bin/env bash
# The fixture contract (see fixtures/README.md): every reader gives the expected model,
# every writer reproduces its own file byte for byte, and every round trip keeps the model.
# Invalid inputs give their exact message and exit code.
set -u
. tests/testlib.bash

fmt_of() { # extension -> format name
    case "$1" in
        md) echo markdown ;; html) echo html ;; xml) echo newsml ;; json) echo json ;;
        nitf.xml) echo nitf ;; *) echo "" ;;
    esac
}
have_format() { "$NEWSCONV" --list-formats | awk '{print $1}' | grep -qx "$1"; }
# formats that can be read and written, for round trips
rt_formats=""
for f in markdown html newsml json; do
    if have_format "$f"; then rt_formats="$rt_formats $f"; fi
done

cases=0
for dir in fixtures/*/; do
    dir=${dir%/}
    case_name=${dir##*/}
    [ "$case_name" = invalid ] && continue
    [ -f "$dir/article.model" ] || fail "$dir has no article.model"
    args=()
    if [ -f "$dir/args" ]; then read -r -a args <"$dir/args"; fi
    # fixtures test fidelity: the HTML writer's privacy rule (an editorial note is not
    # published without --keep-internal) has its own tests in tests/security.sh
    args+=(--keep-internal)
    cases=$((cases + 1))
    for file in "$dir"/article.*; do
        name=${file##*/}
        ext=${name#article.}
        [ "$ext" = model ] && continue
        fmt=$(fmt_of "$ext")
        [ -n "$fmt" ] || fail "$file: unknown fixture extension"
        have_format "$fmt" || { echo "note: $file: format $fmt not built, skipped"; continue; }
        want="$dir/article.model"
        [ -f "$dir/$ext.model" ] && want="$dir/$ext.model"
        # 1. the reader gives the expected model
        nc "$file" -f "$fmt" -t model "${args[@]}" >"$TMPD/got.model" 2>"$TMPD/err" ||
            fail "$file: newsconv -t model failed: $(cat "$TMPD/err")"
        expect_file_eq "$TMPD/got.model" "$want" "$file: model differs from ${want##*/}"
        # 2. the writer reproduces its own file
        nc "$file" -f "$fmt" -t "$fmt" -q "${args[@]}" >"$TMPD/self" 2>"$TMPD/err" ||
            fail "$file: newsconv -t $fmt failed: $(cat "$TMPD/err")"
        expect_file_eq "$TMPD/self" "$file" "$file: writing $fmt again is not byte-identical"
        # 3. round trips through every other format keep the model
        for y in $rt_formats; do
            [ "$y" = "$fmt" ] && continue
            rt_want="$want"
            [ -f "$dir/via-$y.model" ] && rt_want="$dir/via-$y.model"
            nc "$file" -f "$fmt" -t "$y" -q "${args[@]}" >"$TMPD/rt" 2>"$TMPD/err" ||
                fail "$file -> $y failed: $(cat "$TMPD/err")"
            nc "$TMPD/rt" -f "$y" -t model "${args[@]}" >"$TMPD/rt.model" 2>"$TMPD/err" ||
                fail "$file -> $y -> model failed: $(cat "$TMPD/err")"
            expect_file_eq "$TMPD/rt.model" "$rt_want" "$file -> $y -> model differs from ${rt_want##*/}"
        done
    done
done
[ "$cases" -gt 0 ] || fail "no fixtures found"

invalid=0
for dir in fixtures/invalid/*/; do
    [ -d "$dir" ] || continue
    dir=${dir%/}
    input=$(ls "$dir"/input.* 2>/dev/null | head -n 1)
    [ -n "$input" ] || fail "$dir: no input file"
    [ -f "$dir/expected" ] || fail "$dir: no expected file"
    want_rc=$(sed -n 1p "$dir/expected")
    want_err=$(sed -n 2p "$dir/expected")
    args=()
    if [ -f "$dir/args" ]; then read -r -a args <"$dir/args"; fi
    expect_run "$want_rc" "$want_err" -- "$input" -t model "${args[@]}"
    invalid=$((invalid + 1))
done
echo "$cases fixture cases, $invalid invalid inputs, $checks checks"
