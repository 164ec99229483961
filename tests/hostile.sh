#!/usr/bin/env bash
# Hostile input against every reader: nesting a million deep, invalid UTF-8, NUL bytes,
# attribute values of many megabytes, inputs over the size limit. Each case must end in
# time, within a memory cap, with its documented exit code: never a crash or a hang.
set -u
. tests/testlib.bash

MEM_KB=${NC_HOSTILE_MEM_KB:-1048576}   # 1 GiB of address space per run (ASan builds skip the cap)
TIME=${NC_HOSTILE_SECONDS:-120}
# run_capped FORMAT FILE: runs newsconv -f FORMAT -t each writer; sets rc and keeps stderr
run_capped() {
    local fmt=$1 file=$2 to=${3:-model}
    rc=0
    if [ -n "$TEST_WRAPPER" ] || [ -n "${NC_NO_ULIMIT:-}" ]; then
        timeout "$TIME" $TEST_WRAPPER "$NEWSCONV" -q -f "$fmt" -t "$to" "$file" >"$TMPD/out" 2>"$TMPD/err" || rc=$?
    else
        ( ulimit -v "$MEM_KB"; exec timeout "$TIME" "$NEWSCONV" -q -f "$fmt" -t "$to" "$file" ) \
            >"$TMPD/out" 2>"$TMPD/err" || rc=$?
    fi
}
# expect_outcome WHAT CODES...: rc must be one of CODES; never a signal, a timeout or exit 7
expect_outcome() {
    local what=$1; shift
    local c
    for c in "$@"; do [ "$rc" -eq "$c" ] && { pass; return; }; done
    fail "$what: exit $rc (want one of: $*); stderr: $(head -c 300 "$TMPD/err")"
}
# AddressSanitizer reserves terabytes of address space: no ulimit -v under it
if ldd "$NEWSCONV" 2>/dev/null | grep -q libasan; then NC_NO_ULIMIT=1; fi
have_format() { "$NEWSCONV" --list-formats | awk '{print $1}' | grep -qx "$1"; }
writers=$("$NEWSCONV" --list-formats | awk '$2 ~ /w$/ {print $1}')

gen() { python3 -c "$1" >"$2"; }
N=1000000

# ---- nesting a million deep ----
gen "import sys; sys.stdout.write('> '*$N + 'x\n')" "$TMPD/quotes.md"
gen "import sys; sys.stdout.write('- '*$N + 'x\n')" "$TMPD/lists.md"
gen "import sys; sys.stdout.write('*'*$N + 'x' + '*'*$N + '\n')" "$TMPD/emph.md"
gen "import sys; sys.stdout.write('<html><body>' + '<div>'*$N + 'x' + '</div>'*$N + '</body></html>')" "$TMPD/divs.html"
gen "import sys; sys.stdout.write('<html><body><p>' + '<b><i>'*$N + 'x</p></body></html>')" "$TMPD/inline.html"
gen "import sys; sys.stdout.write('<html><body>' + '<ul><li>'*$N + 'x</body></html>')" "$TMPD/ul.html"
gen "import sys; sys.stdout.write('[' * $N + ']' * $N)" "$TMPD/arrays.json"
gen "import sys; sys.stdout.write('{\"headline\":\"h\",\"x\":' + '['*$N + ']'*$N + '}')" "$TMPD/deep.json"
gen "import sys; sys.stdout.write('<?xml version=\"1.0\"?><newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\">' + '<a>'*$N + '</a>'*$N + '</newsItem>')" "$TMPD/deep.xml"

for case in quotes.md:markdown lists.md:markdown emph.md:markdown divs.html:html \
            inline.html:html ul.html:html arrays.json:json deep.json:json deep.json:jsonl \
            deep.xml:newsml deep.xml:nitf; do
    file=${case%%:*} fmt=${case##*:}
    have_format "$fmt" || continue
    for to in $writers; do
        run_capped "$fmt" "$TMPD/$file" "$to"
        # converted (flattened, with a warning) or refused with a parse/limit error
        expect_outcome "$file as $fmt -> $to (a million deep)" 0 4
        if [ "$rc" -eq 4 ]; then
            grep -q "^newsconv: $TMPD/$file" "$TMPD/err" || fail "$file: the error does not name the file: $(cat "$TMPD/err")"
        fi
    done
done

# ---- invalid UTF-8 (replaced with U+FFFD, or rejected with a position: documented) ----
printf -- '---\ntitle: "caf\xe9"\n---\n\nna\xefve \xff text\n' >"$TMPD/bad.md"
printf '<html><head><meta charset="utf-8"><title>t</title></head><body><article><p>caf\xe9 \xff</p></article></body></html>' >"$TMPD/bad.html"
printf '{"uri":"x","headline":"caf\xe9"}' >"$TMPD/bad.json"
printf '<?xml version="1.0" encoding="UTF-8"?><nitf><body><body.head><hedline><hl1>caf\xe9</hl1></hedline></body.head></body></nitf>' >"$TMPD/bad.xml"
for case in bad.md:markdown:0 bad.html:html:0 bad.json:json:4 bad.xml:nitf:4 bad.xml:newsml:4; do
    IFS=: read -r file fmt want <<<"$case"
    have_format "$fmt" || continue
    run_capped "$fmt" "$TMPD/$file" model
    expect_outcome "$file as $fmt (invalid UTF-8)" "$want"
    if [ "$want" -eq 0 ]; then
        grep -q $'\xef\xbf\xbd' "$TMPD/out" || fail "$file: invalid bytes were not replaced by U+FFFD"
        pass
    else
        grep -Eq "^newsconv: $TMPD/$file:[0-9]+:[0-9]+: " "$TMPD/err" || fail "$file: no line and column: $(cat "$TMPD/err")"
        pass
    fi
done

# ---- NUL bytes: refused by the driver, with the position ----
for case in md:markdown html:html json:json xml:newsml; do
    ext=${case%%:*} fmt=${case##*:}
    have_format "$fmt" || continue
    printf 'ok line\nab\0cd' >"$TMPD/nul.$ext"
    run_capped "$fmt" "$TMPD/nul.$ext"
    expect_outcome "NUL in $fmt" 4
    [ "$(cat "$TMPD/err")" = "newsconv: $TMPD/nul.$ext:2:3: NUL byte in the input (binary data, not $fmt)" ] ||
        fail "NUL in $fmt: $(cat "$TMPD/err")"
    pass
done

# ---- attribute values of many megabytes ----
gen "import sys; sys.stdout.write('<html><body><article><p><a href=\"https://x.org/' + 'a'*(16<<20) + '\" title=\"' + 'b'*(16<<20) + '\">link</a> text</p></article></body></html>')" "$TMPD/bigattr.html"
gen "import sys; sys.stdout.write('<?xml version=\"1.0\"?><nitf><head><title>t</title></head><body><body.content><p><a href=\"' + 'a'*(16<<20) + '\">x</a></p></body.content></body></nitf>')" "$TMPD/bigattr.xml"
for case in bigattr.html:html bigattr.xml:nitf; do
    file=${case%%:*} fmt=${case##*:}
    have_format "$fmt" || continue
    run_capped "$fmt" "$TMPD/$file" model
    expect_outcome "$file as $fmt (16 MB attributes)" 0 4
done

# ---- over the size limit: a clear error before reading it all ----
yes 'A line of a very long article that never ends.' | head -c 200000000 >"$TMPD/huge.md"
run_capped markdown "$TMPD/huge.md"
expect_outcome "200 MB input" 4
[ "$(cat "$TMPD/err")" = "newsconv: $TMPD/huge.md: input is larger than the limit of 67108864 bytes (--max-size)" ] ||
    fail "200 MB input: $(cat "$TMPD/err")"
pass
cat "$TMPD/huge.md" | { rc=0; "$NEWSCONV" -f md -t model >/dev/null 2>"$TMPD/err" || rc=$?; [ $rc -eq 4 ] || fail "200 MB on stdin: exit $rc"; }
grep -q "input is larger than the limit" "$TMPD/err" || fail "200 MB on stdin: $(cat "$TMPD/err")"; pass
rm -f "$TMPD/huge.md"

echo "$checks checks"
