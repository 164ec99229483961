#!/usr/bin/python3
"""ninjs -> ninjs keeps the document (issue 14): for each ninjs INPUT, run
`NEWSCONV -q --no-detect -f json INPUT -t json --ninjs-version V` (V: the input's own version family,
version_of: 3.1, 3.0, 2.2 or 2.1 as declared; 1.6 for any 1.x; superdesk for the vendor
dialect) and
compare the two documents after normalising what is form, not value:
  - key order, and key case (ninjs 2.x spells the 3.x keys in lower case);
  - dates: every RFC 3339 date-time as the instant it names (UTC);
  - numbers: 120 and 120.0 are equal;
  - strings: white space at either end (the reader trims values);
  - headlines and descriptions: in any order (the role of each says which it is);
  - HTML and XHTML values (bodies, descriptions): their tags with sorted attributes and
    their text with white space collapsed (the XHTML serialisation is the writer's);
  - bodies: their text (of the HTML body when there is one, else of the plain one): the
    role, content type and markup of a body are how its text is carried, and the writer
    derives the plain-text body from the HTML one; the body_<x> keys of 1.x likewise;
  - empty values ("", [], {}, null): no value, as the reader reads them;
  - a search result ({"item": [article], "total", "limit", "offset"}): its article;
  - what the writer adds when the input has none: `standard` (1.x: `$standard`),
    `$schema`, the made-up `uri` (urn:newsconv:...), the derived `type`, the cv.iptc.org
    `uri` of an IPTC QCode given as `literal`;
  - a `uri` that is no absolute URI, written as urn:newsconv:str:<percent-encoded value>
    (the schema requires a URI; the reader decodes it back to the value).
Usage: roundtrip.py NEWSCONV [--known FILE] [--report] INPUT...
--known lists inputs (path under corpus/, one a line) known to differ: XFAIL; one that no
longer differs is XPASS and fails, so that the list can only shrink. Events and planning
items (not articles, exit 4) are skipped. Exit 1 on any new difference or XPASS."""
import datetime, html.parser, json, re, subprocess, sys, urllib.parse

RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})$")


class Canon(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []

    def handle_starttag(self, tag, attrs):
        self.out.append("<%s%s>" % (tag, "".join(" %s=%r" % a for a in sorted(attrs))))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag):
        self.out.append("</%s>" % tag)

    def handle_data(self, data):
        t = " ".join(data.split())
        if t:
            self.out.append(t)


def canon_html(s):
    p = Canon()
    p.feed(s)
    p.close()
    return "".join(p.out)


def norm_date(s):
    v = s.upper().replace("Z", "+00:00").replace(" ", "T")
    v = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", v)
    v = re.sub(r"\.(\d{6})\d+", r".\1", v)
    try:
        d = datetime.datetime.fromisoformat(v)
    except ValueError:
        return s
    return d.astimezone(datetime.timezone.utc).isoformat() if d.tzinfo else d.isoformat()


def bodies_1x(d):
    """The body_<x> keys of a 1.x item as a 2.x bodies list (removed from d)."""
    out = []
    for k in [k for k in d if k.lower().startswith("body_") and isinstance(d[k], str)]:
        html = "html" in k.lower() or "xml" in k.lower()
        out.append({"contentType": "text/html" if html else "text/plain", "value": d.pop(k)})
    return out


def norm(v, key=None):
    if isinstance(v, dict):
        out = {}
        if any(k.lower().startswith("body_") for k in v) and "bodies" not in v:
            v = dict(v)
            v["bodies"] = bodies_1x(v)
        for k, x in v.items():
            k = k.lower()
            if k == "bodies" and isinstance(x, list):
                out[k] = norm_bodies(x)
            elif k in ("headlines", "descriptions") and isinstance(x, list):
                # each item says by its role which it is: their order is form
                out[k] = sorted(norm(x, k), key=lambda e: json.dumps(e, sort_keys=True))
            else:
                out[k] = norm(x, k)
        return out
    if isinstance(v, list):
        return [norm(x, key) for x in v]
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, (int, float)):
        return round(float(v), 9)
    if isinstance(v, str):
        t = v.strip()
        if RFC3339.match(t):
            return "date:" + norm_date(t)
        if t.startswith("<"):
            return "html:" + canon_html(t)
        return t
    return v


class Text(html.parser.HTMLParser):
    """The text of HTML: its characters in order, a block boundary as white space (an
    inline element is none: "<u>.</u>\"In" reads ".\"In", as it renders)."""
    BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
              "dd", "tr", "td", "th", "table", "caption", "thead", "tbody", "tfoot", "br",
              "hr", "blockquote", "figure", "figcaption", "pre", "section", "article",
              "aside", "header", "footer", "img"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.raw = []

    @property
    def out(self):
        return "".join(self.raw).split()

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.raw.append(" ")

    def handle_endtag(self, tag):
        self.handle_starttag(tag, [])

    def handle_data(self, data):
        self.raw.append(data)


def norm_bodies(bodies):
    """The text of the body: of the first HTML one, else of the first plain one."""
    def is_html(b):
        ct = str(b.get("contentType", b.get("contenttype", ""))).lower()
        val = str(b.get("value", "")).lstrip()
        return "html" in ct or "xml" in ct or val.startswith("<")
    items = [b for b in bodies if isinstance(b, dict) and isinstance(b.get("value"), str)]
    pick = [b for b in items if is_html(b)] or items
    if not pick:
        return []
    if is_html(pick[0]):
        p = Text()
        p.feed(pick[0]["value"])
        p.close()
        return "text:" + " ".join(p.out)
    return "text:" + " ".join(pick[0]["value"].split())


def strip_added(inp, out):
    """Removes from out what the writer adds where the input has nothing."""
    for k in ("standard", "$standard", "$schema"):
        inp.pop(k, None)
        out.pop(k, None)
    if "uri" not in inp and str(out.get("uri", "")).startswith("urn:newsconv:"):
        out.pop("uri")
    # a uri that is no absolute URI (the schema's format "uri") is written as
    # urn:newsconv:str:<percent-encoded value>, which the reader decodes: the same value
    u = str(out.get("uri", ""))
    if u.startswith("urn:newsconv:str:") and urllib.parse.unquote(u[17:]) == inp.get("uri"):
        out["uri"] = inp["uri"]
    if "type" not in inp and out.get("type") in ("text", "composite"):
        out.pop("type")


def diff(a, b, path=""):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in b:
                return "%s/%s: missing in the output" % (path, k)
            if k not in a and k == "uri" and "literal" in a and \
                    str(b[k]).startswith("http://cv.iptc.org/newscodes/"):
                continue  # an IPTC QCode written as its URI too (issue 14)
            if k not in a:
                return "%s/%s: added by the output" % (path, k)
            d = diff(a[k], b[k], "%s/%s" % (path, k))
            if d:
                return d
        return None
    if isinstance(a, list) and isinstance(b, list):
        for i, (x, y) in enumerate(zip(a, b)):
            d = diff(x, y, "%s[%d]" % (path, i))
            if d:
                return d
        if len(a) != len(b):
            return "%s: %d items, output %d" % (path, len(a), len(b))
        return None
    if a != b:
        return "%s: %.70r != %.70r" % (path, a, b)
    return None


# The top-level keys of ninjs 1.6 (ninjs-schema_1.6.json), and its key patterns.
V1_KEYS = {
    "uri", "type", "mimetype", "representationtype", "profile", "version", "firstcreated",
    "versioncreated", "contentcreated", "embargoed", "pubstatus", "urgency", "copyrightholder",
    "copyrightnotice", "usageterms", "ednote", "language", "person", "organisation", "place",
    "subject", "event", "object", "infosource", "title", "byline", "headline", "slugline",
    "located", "charcount", "wordcount", "renditions", "associations", "altids",
    "trustindicator", "$standard", "genre", "expires", "rightsinfo", "digitalsourcetype"}
V1_PATTERN = re.compile(r"^(description|body|headline)_[a-zA-Z0-9_]+")


def version_of(doc, path):
    """The version to write a document back in: the one its standard (or $standard) declares,
    else the one its folder names (corpus/ninjs/2.1/...); 1.6 for any 1.x (the only 1.x
    version written), and for an undeclared document whose keys are all 1.6 keys; else 3.1
    (the vendor dialect has keys of its own: guid, service, priority, ...)."""
    std = doc.get("standard") or doc.get("$standard") or {}
    v = str(std.get("version", "")) if isinstance(std, dict) else ""
    for cand in (v, path):
        for ver in ("3.1", "3.0", "2.2", "2.1"):
            if cand == ver or "/%s/" % ver in cand:
                return ver
        if re.match(r"^1(\.\d+)?$", cand) or re.search(r"/1\.\d+/", cand):
            return "1.6"
    if not v and isinstance(doc, dict) and DIALECT_KEYS & {k.lower() for k in doc}:
        return "superdesk"
    if not v and doc and all(k in V1_KEYS or V1_PATTERN.match(k) for k in doc):
        return "1.6"
    return "3.1"


# keys of the vendor dialect (Superdesk's ninjs) that no IPTC version has
DIALECT_KEYS = {"guid", "priority", "service", "source", "authors", "firstpublished", "extra",
                "readtime", "annotations", "id", "body_html"}


def unwrap(doc):
    """The article of a search result ({"item": [article], "total": 1, "limit": 20, ...}):
    the paging of the result is the API's, not the article's; the reader reads the item."""
    if isinstance(doc, dict) and not {"uri", "guid", "headline", "headlines"} & set(doc):
        for k in ("item", "items", "_items", "data", "result", "results"):
            if isinstance(doc.get(k), list) and len(doc[k]) == 1 and isinstance(doc[k][0], dict):
                return doc[k][0]
    return doc


def drop_empty(v):
    """Removes the keys whose value is empty ("", [], {}, null): an empty value is no value."""
    if isinstance(v, dict):
        out = {}
        for k, x in v.items():
            x = drop_empty(x)
            if x not in ("", [], {}, None):
                out[k] = x
        return out
    if isinstance(v, list):
        return [drop_empty(x) for x in v]
    return v


def main():
    args = sys.argv[1:]
    exe = args.pop(0)
    known, report = set(), False
    if args and args[0] == "--known":
        args.pop(0)
        with open(args.pop(0), encoding="utf-8") as f:
            known = {line.split("#", 1)[0].strip() for line in f} - {""}
    if args and args[0] == "--report":
        args.pop(0)
        report = True
    same = xfail = bad = skipped = 0
    for path in args:
        key = path.split("corpus/", 1)[-1]
        with open(path, encoding="utf-8") as f:
            inp = unwrap(json.load(f))
        ver = version_of(inp, path)
        r = subprocess.run([exe, "-q", "--no-detect", "-f", "json", path, "-t", "json", "--ninjs-version", ver],
                           capture_output=True)
        if r.returncode == 4:
            skipped += 1
            continue
        if r.returncode != 0:
            print("FAIL %s: exit %d: %s" % (key, r.returncode, r.stderr.decode()[:200]))
            bad += 1
            continue
        out = json.loads(r.stdout)
        a, b = drop_empty(norm(inp)), drop_empty(norm(out))
        if isinstance(a, dict) and isinstance(b, dict):
            strip_added(a, b)
        d = diff(a, b)
        if d is None:
            same += 1
            if key in known:
                print("XPASS %s: now kept (remove it from the known list)" % key)
                bad += 1
        elif key in known:
            xfail += 1
            if report:
                print("XFAIL %s (%s): %s" % (key, ver, d))
        else:
            print("DIFF %s (%s): %s" % (key, ver, d))
            bad += 1
    print("ninjs round trip: %d kept, %d known differences, %d events skipped, %d failures"
          % (same, xfail, skipped, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
