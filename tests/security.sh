#!/usr/bin/env bash
# tests/security.sh: the publication policy (src/safety.c, docs/security.md).
#  1. tests/security/check.py writes one document per reader (HTML, Markdown, ninjs,
#     NewsML-G2, NITF) holding 47 script-URL vectors (HTML5 URL parsing rules, OWASP XSS
#     filter evasion list) as links, images, srcset, poster, object/embed/iframe, cite,
#     xlink:href, with event handlers, style, script, base, meta refresh, forms and
#     headlines that try to close a JSON block; every reader is converted to every writer
#     and each output is parsed (html.parser, cmark, json, ElementTree) and checked against
#     the policy written again in Python; allowed addresses must come through;
#  2. removals are warnings with the position and the address, fatal under --strict;
#  3. control characters: escaped in messages (file names, quoted values), removed from
#     every output with a warning.
set -u
. tests/testlib.bash
PY=/usr/bin/python3
[ -x "$NEWSCONV" ] || fail "$NEWSCONV not built (run make)"
CHECK="$PY tests/security/check.py"
$CHECK gen "$TMPD" || fail "cannot write the vectors"
n=0
for r in html md json xml nitf; do
    for w in html md json jsonl newsml nitf; do
        args=""
        [ $w = html ] && [ $r = md ] && args=--fragment
        # shellcheck disable=SC2086
        nc "$TMPD/in.$r" -t $w $args -o "$TMPD/out.$r.$w" 2>"$TMPD/err" ||
            fail "in.$r -t $w exited $?: $(head -3 "$TMPD/err")"
        want=("https://ok.example/a?b=1&c=2")
        [ $r != nitf ] && [ $r != xml ] && want+=("mailto:desk@ok.example")
        out=$($CHECK check $w "$TMPD/out.$r.$w" --want "${want[@]}") ||
            fail "in.$r -> $w is not safe:
$(echo "$out" | head -20)"
        n=$((n + 1))
        pass
    done
done
echo "vectors: $n reader-writer pairs parsed and safe"

# ---- 2. warnings and --strict ----
printf '# Title\n\nHello [me](javascript:alert(3)) and ![i](java&#x09;script:x) and [ok](https://ok.example/).\n' >"$TMPD/js.md"
nc "$TMPD/js.md" -t html >"$TMPD/js.html" 2>"$TMPD/err" || fail "js.md -t html failed"
printf '%s\n' \
    "newsconv: warning: $TMPD/js.md:3:7: removed the unsafe link address 'javascript:alert(3)'" \
    "newsconv: warning: $TMPD/js.md:3:37: removed the unsafe image address 'java\\011script:x'" >"$TMPD/want"
expect_file_eq "$TMPD/err" "$TMPD/want" "unsafe addresses in Markdown: warnings"
grep -q '<p>Hello me and  and <a href="https://ok.example/">ok</a>.</p>' "$TMPD/js.html" ||
    fail "js.md: the link text is not kept: $(grep Hello "$TMPD/js.html")"
expect_run 6 "newsconv: $TMPD/js.md: 2 warnings while reading, under --strict" -- -q "$TMPD/js.md" -t html --strict
expect_run 0 "" -- -q "$TMPD/js.md" -t md -M "url=javascript:alert(1)" -M "link=vbscript:x"
grep -q 'javascript\|vbscript' "$TMPD/out" && fail "-M url=javascript: reached the output"
nc "$TMPD/js.md" -t md --base-url 'javascript:alert(1)//' -q >"$TMPD/out" 2>/dev/null
grep -qi 'javascript' "$TMPD/out" && fail "--base-url javascript: reached the output"
pass

# ---- 3. control characters ----
esc=$(printf '\033')
bad="$TMPD/title$esc]0;pwned$(printf '\007').md"
printf '# T%s[2Jitle%s\n\nBody text with a bell%s here.\n' "$esc" "$(printf '\302\233')" "$(printf '\007')" >"$bad"
nc "$bad" -t md >"$TMPD/cc.md" 2>"$TMPD/err" || fail "control characters: exit $?"
grep -q "$esc\|$(printf '\007')" "$TMPD/cc.md" "$TMPD/err" && fail "a control character reached the output or a message"
grep -qF "title\\033]0;pwned\\007.md: removed 3 control characters from the text" "$TMPD/err" ||
    fail "control characters: message is $(cat -v "$TMPD/err")"
for w in html json newsml nitf; do
    nc "$bad" -t $w -q -o "$TMPD/cc.$w" || fail "control characters -t $w"
    $CHECK check $w "$TMPD/cc.$w" >/dev/null || fail "control characters -t $w: $($CHECK check $w "$TMPD/cc.$w")"
done
expect_run 5 "newsconv: $TMPD/missing\\033[2J.md: cannot open: No such file or directory" -- "$TMPD/missing$esc[2J.md" -t md
# a lone byte 0x9b (CSI to an 8-bit terminal, not UTF-8) in octal; UTF-8 (é) as it is
expect_run 5 "newsconv: $TMPD/lone\\233[2Jé.md: cannot open: No such file or directory" -- "$TMPD/lone$(printf '\233')[2Jé.md" -t md
pass
# ---- 4. pages to publish: internal notes, --csp, right-to-left ----
cat >"$TMPD/note.json" <<'JSON'
{"uri": "urn:example:1", "type": "text", "language": "ar", "headlines": [{"value": "عنوان"}],
 "ednote": "Call the desk: Jane Roe, +1 555 0100, jane@agency.example",
 "bodies": [{"role": "main", "contenttype": "text/html", "value": "<p>نص الخبر</p>"}]}
JSON
expect_run 0 "newsconv: warning: $TMPD/note.json: html does not publish the editorial note (internal; --keep-internal writes it)" -- "$TMPD/note.json" -t html
grep -q '555 0100' "$TMPD/out" && fail "-t html published the editorial note"
grep -q '<html lang="ar" dir="rtl">' "$TMPD/out" || fail "-t html: no dir=rtl for Arabic: $(grep '<html' "$TMPD/out")"
expect_run 0 "" -- "$TMPD/note.json" -t html --fragment -q
grep -q '<article data-generator="newsconv" lang="ar" dir="rtl">' "$TMPD/out" || fail "--fragment: no dir=rtl"
grep -q '555 0100' "$TMPD/out" && fail "-t html --fragment published the editorial note"
expect_run 6 "newsconv: warning: $TMPD/note.json: html does not publish the editorial note (internal; --keep-internal writes it)" -- "$TMPD/note.json" -t html --strict
expect_run 0 "" -- "$TMPD/note.json" -t html --keep-internal
grep -q '555 0100' "$TMPD/out" || fail "--keep-internal: the editorial note is missing"
for w in json newsml md; do
    expect_run 0 "" -- "$TMPD/note.json" -t $w
    grep -q '555 0100' "$TMPD/out" || fail "-t $w: the editorial note must travel in exchange formats"
done
# what the input constrains from publishing (G2 @pubconstraint), contact details and notes
# inside agency XML kept whole: never on a page or in a feed without --keep-internal; they
# travel in NewsML-G2 (all) and ninjs (the constrained values); Markdown carries the marks
c=tests/newsml/constrained.xml
secret='nonpublic\|newsdesk-internal\|555 01\|source-protected\|port director\|Embargoed topic\|intranet'
expect_run 0 "newsconv: warning: $c: html does not publish 8 parts of kept agency XML marked internal (editorial notes, contact details, publishing constraints; --keep-internal writes them)" -- "$c" -t html
grep -qx "newsconv: warning: $c: html does not publish 4 values the input constrains from publishing (pubconstraint; --keep-internal writes them)" "$TMPD/err" ||
    fail "-t html: no warning for the constrained values: $(cat "$TMPD/err")"
grep -o "$secret" "$TMPD/out" && fail "-t html published what the input keeps internal"
grep -q 'Two container cranes' "$TMPD/out" && grep -q '"harbour"' "$TMPD/out" || fail "-t html lost the public text"
$CHECK check html "$TMPD/out" >/dev/null || fail "constrained.xml -t html: $($CHECK check html "$TMPD/out")"
expect_run 6 "newsconv: warning: $c: html does not publish 8 parts of kept agency XML marked internal (editorial notes, contact details, publishing constraints; --keep-internal writes them)" -- "$c" -t html --strict
expect_run 0 "" -- "$c" -t html --keep-internal -q
[ "$(grep -o "$secret" "$TMPD/out" | sort -u | wc -l)" = 7 ] || fail "--keep-internal: $(grep -o "$secret" "$TMPD/out" | sort -u)"
expect_run 0 "" -- "$c" -t md -q
expect_run 0 "newsconv: warning: $TMPD/c.md: html does not publish 8 parts of kept agency XML marked internal (editorial notes, contact details, publishing constraints; --keep-internal writes them)" -- "$(cp "$TMPD/out" "$TMPD/c.md"; echo "$TMPD/c.md")" -t html
grep -o "$secret" "$TMPD/out" && fail "md -> html published what the input keeps internal"
for w in rss atom jsonfeed; do
    expect_run 0 "newsconv: warning: $c: $w does not publish 4 values the input constrains from publishing (pubconstraint; --keep-internal writes them)" -- "$c" -t $w --feed-title T --feed-url https://example.org/
    grep -o "$secret" "$TMPD/out" && fail "-t $w published what the input keeps internal"
    expect_run 0 "" -- "$c" -t $w --feed-title T --feed-url https://example.org/ --keep-internal -q
    grep -q "port director" "$TMPD/out" || fail "-t $w --keep-internal: the summary is missing"
done
expect_run 0 "" -- "$c" -t newsml -q
[ "$(grep -o "$secret" "$TMPD/out" | sort -u | wc -l)" = 7 ] || fail "-t newsml must carry it all: $(grep -o "$secret" "$TMPD/out" | sort -u)"
expect_run 0 "" -- "$c" -t json -q
[ "$(grep -o "$secret" "$TMPD/out" | sort -u | wc -l)" = 4 ] || fail "-t json must carry the constrained values: $(grep -o "$secret" "$TMPD/out" | sort -u)"
# agency XML kept whole (a body's furniture header, an item of a message) is written into
# NewsML-G2 as it came, unless it holds active content: then as an escaped extension
# property, with a warning (a Markdown file can claim any such pair)
cat >"$TMPD/inject.md" <<'MD'
---
title: Injection test
"g2:inlineXML/xhtml:header": "<header xmlns=\"http://www.w3.org/1999/xhtml\"><p onclick=\"alert(1)\">x</p><a href=\"javascript:alert(2)\">y</a></header>"
"g2:itemSet/newsItem": "<newsItem><contentSet><inlineXML><html xmlns=\"http://www.w3.org/1999/xhtml\"><body><script>alert(3)</script></body></html></inlineXML></contentSet></newsItem>"
---

Body text.
MD
expect_run 0 "newsconv: warning: $TMPD/inject.md: newsml: the kept xhtml:header holds active content (a script, an event handler or a script URL): written as an extension property" -- "$TMPD/inject.md" -t newsml
grep -q '<script\|onclick="\|href="javascript' "$TMPD/out" && fail "-t newsml wrote active content: $(grep '<script\|onclick="\|href="javascript' "$TMPD/out")"
grep -qF 'rel="ncext:g2:inlineXML/xhtml:header" value="&lt;header' "$TMPD/out" || fail "-t newsml lost the header pair"
cp "$TMPD/out" "$TMPD/inject.xml"
$CHECK check newsml "$TMPD/inject.xml" >/dev/null || fail "inject.md -t newsml: $($CHECK check newsml "$TMPD/inject.xml")"
expect_run 0 "" -- -q "$TMPD/note.json" -t html --csp
grep -q "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src http: https: data:; media-src http: https:; script-src 'none'; style-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'\"/>" "$TMPD/out" ||
    fail "--csp: no policy"
cp "$TMPD/out" "$TMPD/csp.html"
$CHECK check html "$TMPD/csp.html" >/dev/null || fail "--csp page: $($CHECK check html "$TMPD/csp.html")"
pass
echo "security.sh: $checks checks"
