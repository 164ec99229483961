#!/usr/bin/python3
"""newsconv fidelity check: does every piece of text of an input document appear in
its conversion, or does the conversion fail under --strict (exit 6)?

Usage: fidelity.py NEWSCONV [--known FILE] [--report] INPUT...
For each INPUT and each target (json, newsml, md): run `NEWSCONV --strict -t T INPUT`.
Exit 6 means the loss was reported: fine. Exit 0 means every text piece of the input
(each XML text node or attribute-free text, each JSON string; whitespace collapsed) must
appear in the output, after normalising both for what newsconv documents as value
normalisations (entities and escapes, qcode/URI forms of codes, dates). Any other exit
is an error. Pieces that do not appear are reported as "LOST file -> target: text".
--known FILE lists "corpus-relative-path target" pairs whose silent losses are known (issue 14);
they are reported as XFAIL, and as XPASS (also a failure) once fixed.
"""
import html, json, os, re, subprocess, sys
import xml.etree.ElementTree as ET
import yaml  # python3-yaml (scripts/install-deps.sh check)

TARGETS = ("json", "newsml", "md")


def norm(s):
    s = html.unescape(s)
    s = s.replace("\u00a0", " ").replace("\u00ad", "")
    # typographic normalisations a writer may apply
    for a, b in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        s = s.replace(a, b)
    return re.sub(r"\s+", " ", s).strip()


def squash(s):
    """The comparison form: no whitespace, no Markdown/escape punctuation."""
    s = norm(s)
    return re.sub(r"[\s\\*_`#>\[\]()|~-]+", "", s).lower()


DATE = re.compile(r"^\d{4}-?\d{2}-?\d{2}([T ]\d{2}:?\d{2}(:?\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$")


def pieces_xml(path):
    with open(path, "rb") as f:
        data = f.read()
    try:
        # newsconv reads a file declaring a Latin encoding whose bytes are UTF-8 with
        # non-ASCII letters as UTF-8 (docs/formats.md, NewsML reader): so does this check
        head = data[:200].lower()
        if re.search(rb"encoding=.(iso-8859-1|latin-?1|windows-1252)", head) and \
                re.search(rb"[\x80-\xff]", data):
            try:
                text = data.decode("utf-8")
                data = re.sub(r"encoding=.[^\"']*.", 'encoding="UTF-8"', text, count=1).encode("utf-8")
            except UnicodeDecodeError:
                pass
        root = ET.fromstring(data)
    except ET.ParseError:
        return None
    out = []
    for el in root.iter():
        for t in (el.text, el.tail):
            if t is el.text and t and (el.tag.endswith("inlineData") or
                                       el.tag.endswith("DataContent")) and "<" in t:
                # markup sent as text (ANSA's escaped HTML in an inlineData, ANA's HTML in
                # a NewsML 1 DataContent's CDATA): newsconv reads it as markup, so its text
                # is the text without the tags (as the reader's own drop check,
                # formats/newsml/xml.c)
                t = re.sub(r"<[^>]*>", " ", t)
            if t and norm(t):
                out.append(norm(t))
    return out


TEXT_LISTS = ("headlines", "descriptions", "bodies")
# a ninjs item type every target expresses by the article's form (a text article, one
# with media), which newsconv derives again when writing ninjs: not text of the document
DERIVED_TYPES = ("text", "composite")
# the type of an association that is a picture: the model's default media kind, which the
# Markdown front matter leaves out and every reader gives back
DERIVED_MEDIA_TYPES = ("picture",)
# the name of the main rendition: the model marks that rendition as the main one rather
# than by name (article.h: a main rendition without a name is the writer's "main"), and
# the ninjs writer names it "main" again
DERIVED_RENDITION_NAMES = ("main",)


def iptc_standard(x):
    """IPTC's declaration of a ninjs version, which the ninjs writer derives again (the
    reader keeps any other standard object as extra "ninjs:standard")."""
    if not isinstance(x, dict) or set(x) - {"name", "version", "schema"}:
        return False
    ver = x.get("version")
    if "name" in x and str(x["name"]).lower() != "ninjs":
        return False
    if "version" in x and not isinstance(ver, str):
        return False
    if "schema" in x:
        return isinstance(ver, str) and re.fullmatch(
            r"https?://www\.iptc\.org/std/ninjs/ninjs-schema_%s\.json#?" % re.escape(ver),
            str(x["schema"])) is not None
    return True


def pieces_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (ValueError, UnicodeDecodeError):
        return None
    out = []
    stack = [(doc, None)]
    while stack:
        v, key = stack.pop()
        if isinstance(v, dict):
            # the role and content type of a headline, description or body say which field
            # its value is and how it is carried (like an XML element name or attribute,
            # which pieces_xml does not count either): not text of the document
            stack.extend((x, k) for k, x in v.items()
                         if not (key in TEXT_LISTS and k.lower() in ("role", "contenttype"))
                         and not (v is doc and k == "type" and x in DERIVED_TYPES)
                         and not (v is doc and k in ("standard", "$standard")
                                  and iptc_standard(x))
                         and not (v is not doc and k == "type" and x in DERIVED_MEDIA_TYPES
                                  and ("uri" in v or "renditions" in v))
                         and not (key == "renditions" and k == "name"
                                  and x in DERIVED_RENDITION_NAMES)
                         # a GeoJSON Point is a position (G2's <position>): its type is
                         # the form of its coordinates
                         and not (key and key.lower() == "geojson" and k == "type"
                                  and x == "Point"))
        elif isinstance(v, list):
            stack.extend((x, key.lower() if key else None) for x in v)
        elif isinstance(v, str):
            if v.lstrip().startswith("<"):  # an HTML body: its text nodes
                txt = re.sub(r"<[^>]*>", "\n", v)
                out.extend(norm(x) for x in txt.split("\n") if norm(x))
            elif norm(v):
                out.append(norm(v))
    return out


def json_strings(v):
    """Every key and string of a JSON value."""
    if isinstance(v, dict):
        for k, x in v.items():
            yield k
            yield from json_strings(x)
    elif isinstance(v, list):
        for x in v:
            yield from json_strings(x)
    elif isinstance(v, str):
        yield v


def accounted(p, out_sq, out_raw):
    if DATE.match(p):  # dates are normalised (docs/formats.md: time fields)
        return True
    sq = squash(p)
    if not sq or sq in out_sq:
        return True
    # codes: "medtop:20000001" may be written as a URI and vice versa
    if ":" in p and " " not in p:
        tail = p.split(":", 1)[1].strip("/").split("/")[-1].lower()
        if tail and tail in out_raw.lower():
            return True
    # a text piece split over several body nodes: each word present
    words = [w for w in re.split(r"\W+", p.lower()) if w]
    return False if len(words) < 2 else all(w in out_raw.lower() for w in words) and len(p) < 40


def main():
    args = sys.argv[1:]
    exe = args.pop(0)
    known, report = set(), False
    if args and args[0] == "--known":
        args.pop(0)
        with open(args.pop(0), encoding="utf-8") as f:
            for line in f:
                line = line.split("#", 1)[0].split()
                if len(line) == 2:
                    known.add(tuple(line))
    if args and args[0] == "--report":
        args.pop(0)
        report = True
    bad = xfail = ok = reported = refused = 0
    for path in args:
        ps = pieces_json(path) if path.endswith(".json") else pieces_xml(path)
        if ps is None:
            continue
        for t in TARGETS:
            r = subprocess.run([exe, "--strict", "-t", t, path], capture_output=True)
            key = (path.split("corpus/", 1)[-1], t)
            if r.returncode != 0 and key in known:
                print("XPASS %s -> %s: no longer silent (remove it from the known list)" % key)
                bad += 1
                continue
            if r.returncode == 6:
                reported += 1
                continue
            if r.returncode != 0:  # refused (not an article, ...): nothing written, not silent
                refused += 1
                continue
            out_text = r.stdout.decode("utf-8", "replace")
            if t == "json":  # the strings of the JSON, unescaped ("\n" is a line break)
                out_text = "\n".join(json_strings(json.loads(out_text)))
            elif t == "md" and out_text.startswith("---\n"):
                # the front matter's strings, unescaped (a quoted YAML string writes a line
                # break as "\n"), beside the raw text
                end = out_text.find("\n---\n", 4)
                if end > 0:
                    try:
                        fm = yaml.safe_load(out_text[4:end])
                    except yaml.YAMLError:
                        fm = None
                    out_text += "\n" + "\n".join(json_strings(fm))
            elif t == "newsml":
                # newsconv's JSON in attributes (nc:details, a contentMetaExtProperty marked
                # nc:json): its strings, unescaped, beside the raw text
                try:
                    for el in ET.fromstring(r.stdout).iter():
                        for v in el.attrib.values():
                            if v.startswith(("{", "[")):
                                try:
                                    out_text += "\n" + "\n".join(json_strings(json.loads(v)))
                                except ValueError:
                                    pass
                except ET.ParseError:
                    pass
            out_raw = norm(out_text)
            out_sq = squash(out_raw)
            if t != "json":
                # the output's text nodes too: a piece of text the output splits into
                # elements (a ninjs body_text beside body_xhtml, one string, against the
                # XHTML's paragraphs) is kept when its text is there, markup aside
                out_sq += "\0" + squash(re.sub(r"<[^>]*>", " ", out_text))
            lost = [p for p in ps if not accounted(p, out_sq, out_raw)]
            if not lost:
                ok += 1
                if key in known:
                    print("XPASS %s -> %s (remove it from the known list)" % key)
                    bad += 1
                continue
            if key in known:
                xfail += 1
                tag = "XFAIL"
            else:
                bad += 1
                tag = "LOST"
            if report or tag == "LOST":
                print("%s %s -> %s: %d piece%s, e.g. %s" % (tag, path, t, len(lost),
                      "" if len(lost) == 1 else "s", "; ".join(repr(x[:60]) for x in lost[:3])))
    print("fidelity: %d kept, %d reported (exit 6), %d refused, %d known silent losses, %d failures"
          % (ok, reported, refused, xfail, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
