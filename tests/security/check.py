#!/usr/bin/python3
"""The security suite's generator and checker (tests/security.sh runs it).

  check.py gen DIR            writes one input document per reader into DIR, each holding
                              every vector of VECTORS as link, image, embed and markup
  check.py check FORMAT FILE  parses FILE as FORMAT (html, md, json, jsonl, newsml, nitf) with
                              a real parser and prints every violation of the policy:
                              a URL whose scheme (as a browser reads it) is not allowed, an
                              event handler or style attribute, a script/style/iframe/object/
                              embed/form/base/meta-refresh element, a JSON block that does not
                              parse (closed from inside), a C0/C1 control character; exit 1
                              when there is one. --want URL... also requires those URLs.

The policy is written again here, independently of src/safety.c, from the HTML5 URL parsing
rules: a browser removes tabs and newlines anywhere and C0 controls and spaces at both ends,
decodes character references in attributes, and compares schemes without case.
"""
import ctypes
import ctypes.util
import html
import html.parser
import json
import re
import sys
import urllib.parse
import xml.etree.ElementTree as ET

# At least 40 vectors from the HTML5 URL parsing rules and the OWASP XSS filter evasion list.
VECTORS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(2)",
    " javascript:alert(3)",
    "\tjavascript:alert(4)",
    "java\tscript:alert(5)",
    "java\nscript:alert(6)",
    "java\rscript:alert(7)",
    "\x01javascript:alert(8)",
    "\x1bjavascript:alert(9)",
    "java&#x09;script:alert(10)",
    "java&#9;script:alert(11)",
    "jav&#x0A;ascript:alert(12)",
    "jav&#x0D;ascript:alert(13)",
    "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(14)",
    "&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(15)",
    "&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(16)",
    "&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(17)",
    "javascript&colon;alert(18)",
    "jAvAsCrIpT&colon;alert(19)",
    "%6Aavascript:alert(20)",
    "java%09script:alert(21)",
    "jav%0Aascript:alert(22)",
    "javascript%3Aalert(23)",
    "javascript://%0aalert(24)",
    "javascript:alert(25)//http://ok.example/",
    "  \n javascript:alert(26)",
    "java\x0bscript:alert(27)",
    "&#x01;javascript:alert(28)",
    "vbscript:msgbox(29)",
    "VBScript:msgbox(30)",
    "vbscript&#58;msgbox(31)",
    "livescript:alert(32)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgzMyk8L3NjcmlwdD4=",
    "data:text/html,<script>alert(34)</script>",
    "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMzUpPg==",
    "DATA:image/svg+xml,<svg onload=alert(36)>",
    "data:application/javascript,alert(37)",
    "file:///etc/passwd",
    "mhtml:file://C:/x.mhtml!x38",
    "jar:http://x.example/a.jar!/39",
    "view-source:javascript:alert(40)",
    "ms-its:mhtml:file://C:/x41",
    "feed:javascript:alert(42)",
    "chrome://settings/43",
    "x-javascript:alert(44)",
    "\u0085javascript:alert(45)",
    "java\u0080script:alert(46)",
]
# Allowed: must come through (a policy that removes everything would pass otherwise).
SAFE_LINKS = ["https://ok.example/a?b=1&c=2", "mailto:desk@ok.example", "/relative/path",
              "tel:+358401234567"]
SAFE_IMAGE = "data:image/png;base64,iVBORw0KGgo="

LINK_SCHEMES = {"http", "https", "mailto", "tel", "ftp", "news", "urn", "tag"}
IMAGE_TYPES = ("png", "jpeg", "jpg", "gif", "webp", "avif")


def scheme_view(url):
    s = url
    for _ in range(6):
        t = urllib.parse.unquote(html.unescape(s))
        if t == s:
            break
        s = t
    s = "".join(c for c in s if ord(c) > 0x20 and ord(c) != 0x7F and not 0x80 <= ord(c) <= 0x9F)
    return s.lower()


def allowed(url, use):
    v = scheme_view(url)
    m = re.match(r"([a-z][a-z0-9+.\-]*):", v)
    if not m:
        return True
    sch = m.group(1)
    if use == "embed":
        return sch in ("http", "https")
    if sch in LINK_SCHEMES:
        return True
    if use == "image" and sch == "data":
        return any(re.match(r"data:image/%s[;,]" % t, v) for t in IMAGE_TYPES)
    return False


CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")
URL_ATTRS = {"href": "link", "src": "image", "action": "link", "formaction": "link",
             "poster": "image", "cite": "link", "longdesc": "link", "background": "image",
             "data": "link", "codebase": "link", "xlink:href": "link", "lowsrc": "image",
             "dynsrc": "image", "ping": "link", "manifest": "link", "icon": "image"}
BAD_ELEMENTS = {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet",
                "form", "base", "svg", "math", "link", "meta", "noscript", "template"}
JSON_TYPES = {"application/ld+json", "application/json"}


class HtmlCheck(html.parser.HTMLParser):
    def __init__(self, where, out, seen):
        super().__init__(convert_charrefs=True)
        self.where, self.out, self.seen = where, out, seen
        self.json_block = None

    def bad(self, msg):
        self.out.append("%s: %s" % (self.where, msg))

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag in BAD_ELEMENTS:
            ok = (tag == "script" and a.get("type", "").lower() in JSON_TYPES) or \
                 (tag == "meta" and "http-equiv" not in a) or \
                 (tag == "meta" and a.get("http-equiv", "").lower() in
                  ("content-type", "content-security-policy")) or \
                 (tag == "link" and a.get("rel", "").lower() in ("canonical", "alternate", "author"))
            if not ok:
                self.bad("element <%s %s>" % (tag, a))
            if tag == "script" and ok:
                self.json_block = []
        for k, v in a.items():
            if k.startswith("on"):
                self.bad("event handler %s=%r on <%s>" % (k, v, tag))
            elif k in ("style", "srcdoc"):
                self.bad("%s=%r on <%s>" % (k, v, tag))
            elif k in URL_ATTRS:
                use = "image" if tag in ("img", "video", "audio", "source") and k == "src" else URL_ATTRS[k]
                if tag == "a" or tag == "link":
                    use = "link"
                if not allowed(v, use):
                    self.bad("%s=%r on <%s>" % (k, v, tag))
                self.seen.add(v)
            elif k == "srcset":
                for part in v.split(","):
                    u = part.strip().split(" ")[0]
                    if u and not allowed(u, "image"):
                        self.bad("srcset entry %r" % u)
            if CONTROL.search(v):
                self.bad("control character in %s=%r" % (k, v))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self.json_block is not None:
            self.handle_endtag(tag)

    def handle_data(self, data):
        if self.json_block is not None:
            self.json_block.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self.json_block is not None:
            text = "".join(self.json_block)
            self.json_block = None
            try:
                json.loads(text)
            except ValueError as e:
                self.bad("a JSON block does not parse (closed from inside?): %s: %r" % (e, text[:120]))


def check_html(text, where, out, seen):
    p = HtmlCheck(where, out, seen)
    p.feed(text)
    p.close()
    if p.json_block is not None:
        out.append("%s: a JSON block is never closed" % where)


def markdown_to_html(text):
    lib = ctypes.CDLL(ctypes.util.find_library("cmark") or "libcmark.so")
    lib.cmark_markdown_to_html.restype = ctypes.c_void_p
    lib.cmark_markdown_to_html.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int]
    raw = text.encode()
    p = lib.cmark_markdown_to_html(raw, len(raw), 1 << 17)  # CMARK_OPT_UNSAFE: keep raw HTML
    s = ctypes.string_at(p).decode()
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.free.argtypes = [ctypes.c_void_p]
    libc.free(p)
    return s


def check_json_value(v, where, out, seen, key=None):
    if isinstance(v, dict):
        if "text/plain" in str(v.get("contenttype", v.get("contentType", ""))):
            v = {k: x for k, x in v.items() if k != "value"}  # plain text, not markup
        for k, x in v.items():
            check_json_value(x, where + "." + k, out, seen, k)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            check_json_value(x, "%s[%d]" % (where, i), out, seen, key)
    elif isinstance(v, str):
        if CONTROL.search(v):
            out.append("%s: control character in %r" % (where, v[:80]))
        if (key in ("body_html", "body_xhtml", "html") or (key == "value" and ".bodies" in where)) and "<" in v:
            check_html(v, where, out, seen)
        if key in ("href", "url", "contentUrl", "thumbnailUrl"):
            use = "image" if "rendition" in where or "image" in where.lower() else "link"
            if not allowed(v, use):
                out.append("%s: %r" % (where, v))
            seen.add(v)


def check_xml(text, where, out, seen):
    root = ET.fromstring(text.encode())
    for el in root.iter():
        tag = el.tag.split("}")[-1] if isinstance(el.tag, str) else ""
        if tag in BAD_ELEMENTS - {"meta", "link"}:
            out.append("%s: element <%s>" % (where, tag))
        for k, v in el.attrib.items():
            name = k.split("}")[-1]
            if name.startswith("on") or name in ("style", "srcdoc"):
                out.append("%s: %s=%r on <%s>" % (where, name, v, tag))
            if name in ("href", "src", "source", "poster", "cite", "longdesc", "residref"):
                # NITF and NewsML-G2 write pictures as links too: an image type is allowed
                use = "image"
                if name in ("href", "src", "source") and not allowed(v, use):
                    out.append("%s: %s=%r on <%s>" % (where, name, v, tag))
                seen.add(v)


def check(fmt, path, want):
    text = open(path, encoding="utf-8").read()
    out, seen = [], set()
    m = CONTROL.search(text)
    if m:
        out.append("%s: control character U+%04X in the output" % (path, ord(m.group(0))))
    if fmt == "html":
        check_html(text, path, out, seen)
    elif fmt == "md":
        front = ""
        if text.startswith("---\n"):
            end = text.find("\n---\n", 4)
            front, text = text[4:end], text[end + 5:]
        check_html(markdown_to_html(text), path + " (rendered by cmark)", out, seen)
        for line in front.splitlines():
            m = re.match(r"\s*(?:-\s*)?(url|href|image|src|link)\s*:\s*(.*)$", line)
            if m and m.group(2).strip():
                u = m.group(2).strip().strip("'\"")
                if not allowed(u, "image" if m.group(1) in ("image", "src") else "link"):
                    out.append("%s: front matter %s: %r" % (path, m.group(1), u))
                seen.add(u)
    elif fmt in ("json", "jsonl"):
        docs = [json.loads(l) for l in text.splitlines() if l.strip()] if fmt == "jsonl" else [json.loads(text)]
        for d in docs:
            check_json_value(d, path, out, seen)
    elif fmt in ("newsml", "nitf"):
        check_xml(text, path, out, seen)
    else:
        raise SystemExit("check.py: unknown format " + fmt)
    for w in want:
        if not any(w == s or w in s for s in seen) and w not in text:
            out.append("%s: the allowed address %r is missing" % (path, w))
    for line in out:
        print(line)
    return 1 if out else 0


def esc_attr(v):
    return v.replace('"', "&quot;").replace("<", "&lt;")


def xml_attr(v):
    v = v.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return v.replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")


def xml_ok(v):
    return not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", v)


def gen(d):
    links = VECTORS + SAFE_LINKS
    # HTML: links, images, srcset, poster, object/embed/iframe, handlers, style, meta refresh
    h = ['<!DOCTYPE html><html><head><meta charset="utf-8"><title>Vectors &lt;/script&gt;</title>',
         '<meta http-equiv="refresh" content="0;url=javascript:alert(0)">',
         '<base href="javascript:alert(0)//">',
         '<link rel="stylesheet" href="javascript:alert(0)">',
         '<style>body{background:url(javascript:alert(0))}</style>',
         '<script>alert("inline")</script>',
         '</head><body><article><h1>Headline &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!--</h1>']
    for i, v in enumerate(links):
        h.append('<p onclick="alert(%d)" style="behavior:url(x.htc)">Paragraph %d of the story tells '
                 'readers something long enough to be kept as text. <a href="%s" onmouseover="alert(1)">link %d</a> '
                 '<img src="%s" onerror="alert(1)" alt="image %d" width="300" height="200"></p>'
                 % (i, i, esc_attr(v), i, esc_attr(v), i))
        h.append('<figure><img src="%s" srcset="%s 1x, %s 2x" alt="figure %d" width="600" height="400">'
                 '<figcaption>Caption %d</figcaption></figure>' % (esc_attr(v), esc_attr(v), esc_attr(v), i, i))
        h.append('<p>Media %d: <video poster="%s" src="%s"></video> <object data="%s"></object> '
                 '<embed src="%s"> <iframe src="%s" srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe> '
                 '<blockquote cite="%s">Quote %d</blockquote> <svg><a xlink:href="%s"><text>svg %d</text></a></svg></p>'
                 % (i, esc_attr(v), esc_attr(v), esc_attr(v), esc_attr(v), esc_attr(v), esc_attr(v), i, esc_attr(v), i))
    h.append('<p><img src="%s" alt="safe image" width="300" height="200"></p>' % SAFE_IMAGE)
    h.append('<form action="javascript:alert(1)"><input formaction="javascript:alert(1)"></form>')
    h.append('</article></body></html>')
    open(d + "/in.html", "w").write("\n".join(h))
    # Markdown: destinations in angle brackets, raw HTML too, headline with </script>
    m = ['---', 'title: "Headline </script><script>alert(1)</script><!--"', 'url: "javascript:alert(0)"', '---', '']
    for i, v in enumerate(links):
        dest = v.replace("<", "%3C").replace(">", "%3E")
        m.append('Paragraph %d with [link %d](<%s>) and ![image %d](<%s>) and raw <a href="%s" onclick="x">html %d</a>.\n'
                 % (i, i, dest, i, dest, esc_attr(v), i))
    m.append('![safe](%s)\n' % SAFE_IMAGE)
    m.append('<script>alert(1)</script>\n\n<iframe src="javascript:alert(1)"></iframe>\n')
    open(d + "/in.md", "w").write("\n".join(m))
    # ninjs 3.1
    body = "".join('<p>Paragraph %d <a href="%s">link %d</a> <img src="%s" alt="i%d"/></p>'
                   % (i, esc_attr(v), i, esc_attr(v), i) for i, v in enumerate(links))
    body += '<p><img src="%s" alt="safe"/></p><script>alert(1)</script>' % SAFE_IMAGE
    nj = {"uri": "javascript:alert(0)", "type": "text", "headlines": [{"value": "Headline </script><!--\u001b[2J"}],
          "bodies": [{"role": "main", "contenttype": "text/html", "value": body}],
          "links": [{"href": v, "rel": "related"} for v in links],
          "renditions": [{"name": "r%d" % i, "href": v, "contenttype": "image/jpeg"} for i, v in enumerate(VECTORS)]}
    open(d + "/in.json", "w").write(json.dumps(nj))
    # NewsML-G2 with an XHTML body (XML cannot carry most C0 controls: those vectors are left out)
    xv = [v for v in links if xml_ok(v)]
    xb = "".join('<p>Paragraph %d <a href="%s">link %d</a> <img src="%s" alt="i%d"/></p>'
                 % (i, xml_attr(v), i, xml_attr(v), i) for i, v in enumerate(xv))
    xl = "".join('<link rel="irel:seeAlso" href="%s"/>' % xml_attr(v) for v in xv)
    g2 = ('<?xml version="1.0" encoding="UTF-8"?>\n<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" '
          'guid="urn:x:1" version="1" standard="NewsML-G2" standardversion="2.35"><catalogRef href="x"/>'
          '<itemMeta><itemClass qcode="ninat:text"/><provider literal="x"/><versionCreated>2020-01-01T00:00:00Z'
          '</versionCreated><pubStatus qcode="stat:usable"/>%s</itemMeta><contentMeta><headline>Headline '
          '&lt;/script&gt;&lt;!--</headline></contentMeta><contentSet><inlineXML contenttype="application/xhtml+xml">'
          '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head><body>%s'
          '<script>alert(1)</script></body></html></inlineXML></contentSet></newsItem>\n' % (xl, xb))
    open(d + "/in.xml", "w").write(g2)
    # NITF
    nb = "".join('<p>Paragraph %d <a href="%s">link %d</a></p>' % (i, xml_attr(v), i) for i, v in enumerate(xv))
    nitf = ('<?xml version="1.0" encoding="UTF-8"?>\n<nitf><head><title>Headline</title></head><body><body.head>'
            '<hedline><hl1>Headline &lt;/script&gt;</hl1></hedline></body.head><body.content>%s</body.content>'
            '</body></nitf>\n' % nb)
    open(d + "/in.nitf", "w").write(nitf)


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "gen":
        gen(sys.argv[2])
    elif len(sys.argv) >= 4 and sys.argv[1] == "check":
        want = sys.argv[sys.argv.index("--want") + 1:] if "--want" in sys.argv else []
        sys.exit(check(sys.argv[2], sys.argv[3], want))
    else:
        raise SystemExit(__doc__)
