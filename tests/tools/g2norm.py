#!/usr/bin/python3
"""G2 -> G2 round trip of newsconv (issue 14): is `newsconv -t newsml DOC` the same item as
DOC, once both are normalised?

Usage: g2norm.py NEWSCONV [--known FILE] [-v] DOC...
The item compared is the one newsconv reads: the root newsItem or packageItem, or, in a
newsMessage, the item whose guid the output has. Normalising:
  - elements and attributes by namespace URI and local name (prefixes do not matter);
    newsconv's own attributes (urn:newsconv:newsml-g2) and what it marks nc:generated left out,
    and a language it detected (how="howextr:tool" why="why:inferred");
  - catalogRef/catalog of IPTC's standard catalogue or newsconv's own scheme aliases left
    out (the writer refers to the newest);
  - the children of newsItem, rightsInfo, itemMeta and contentMeta compared as multisets
    (the schema fixes the order of a sequence; contentMeta's two groups are unordered);
  - text with white space collapsed; dates (xs:dateTime and the like) as UTC instants;
  - the content (contentSet) as its text, white space removed (the body is converted to
    XHTML: the markup may differ, the text may not);
  - a newsMessage written as a newsMessage again: every item of its itemSet, in order;
    its header (the transport's envelope) is not compared; a newsMessage's header that the
    writer keeps as contentMetaExtProperty rel="ncext:g2:header/..." is left out;
  - a fragment of an item as the document (a contentMeta, contentSet or itemMeta root, as
    in the NewsML-G2 guide's listings) is compared with that part of the output: the writer
    must write a whole newsItem around it (a required itemMeta, the language it detects).
--known FILE lists documents (paths under the corpus) whose round trip is known to differ;
such a document that now matches fails too (XPASS: shorten the list).
"""
import datetime
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

G2 = "http://iptc.org/std/nar/2006-10-01/"
NC = "urn:newsconv:newsml-g2"
UNORDERED = {"newsItem", "packageItem", "rightsInfo", "itemMeta", "contentMeta"}
DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$")


def local(tag):
    return tag.split("}", 1)[-1]


def ns(tag):
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def collapse(s):
    return re.sub(r"\s+", " ", s or "").strip()


def norm_date(s):
    m = DATE.match(s)
    if not m:
        return s
    y, mo, d, h, mi, se, frac, zone = m.groups()
    t = datetime.datetime(int(y), int(mo), int(d), int(h), int(mi), int(se))
    if frac and int(frac[1:] or 0):
        t = t.replace(microsecond=int((frac[1:] + "000000")[:6]))
    if zone and zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        z = zone[1:].replace(":", "")
        t -= sign * datetime.timedelta(hours=int(z[:2]), minutes=int(z[2:]))
    return t.isoformat() + ("Z" if zone else "")


def dropped(el):
    if el.get("{%s}generated" % NC) == "true":
        return True
    name = local(el.tag)
    # a language the writer detected where the item declares none, marked as IPTC marks
    # inferred metadata: not the document's (the input has no language to compare)
    if (name == "language" and el.get("how") == "howextr:tool"
            and el.get("why") == "why:inferred" and len(el.attrib) == 3):
        return True
    if name == "catalogRef" and "catalog.IPTC-G2-Standards_" in (el.get("href") or ""):
        return True
    if name == "catalog" and all((s.get("uri") or "").startswith("urn:newsconv:") for s in el):
        return True
    if name == "contentMetaExtProperty" and (el.get("rel") or "").startswith("ncext:g2:header/"):
        return True
    return False


def canon(el):
    name = local(el.tag)
    if name == "contentSet":
        return "contentSet(%s)" % re.sub(r"\s+", "", "".join(body_text(el)))
    attrs = sorted("%s%s=%s" % ("{%s}" % ns(k) if ns(k) else "", local(k), norm_date(collapse(v)))
                   for k, v in el.attrib.items() if ns(k) != NC)
    kids = [canon(c) for c in el if not dropped(c)]
    if name in UNORDERED:
        kids.sort()
    text = norm_date(collapse(el.text))
    tails = " ".join(collapse(c.tail) for c in el if collapse(c.tail))
    return "%s{%s}[%s](%s%s)[%s]" % (name, ns(el.tag) if ns(el.tag) != G2 else "", ",".join(attrs),
                                     text, "|" + tails if tails else "", ";".join(kids))


def body_text(el):
    """The text of a content, without the XHTML head and NITF's head and body.head (which
    repeat the headline and byline the metadata holds)."""
    if local(el.tag) in ("head", "body.head"):
        return
    if el.text:
        yield el.text
    for c in el:
        yield from body_text(c)
        if c.tail:
            yield c.tail


def same_language(item):
    """contentMeta/language with the item's own xml:lang says nothing more: left out, and
    contentMeta too when that leaves it empty (the writer writes both). An item without
    xml:lang has the language of its content (the first contentMeta/language)."""
    XL = "{http://www.w3.org/XML/1998/namespace}lang"
    if item.get(XL) is None:
        for l in [l for cm in item if local(cm.tag) == "contentMeta"
                  for l in cm if local(l.tag) == "language" and l.get("tag")
                  and not dropped(l)][:1]:
            item.set(XL, l.get("tag"))
    lang = item.get(XL)
    for cm in [c for c in item if local(c.tag) == "contentMeta"]:
        for l in [c for c in cm if local(c.tag) == "language" and c.get("tag") == lang and not len(c)
                  and len(c.attrib) == 1]:
            cm.remove(l)
        if not [c for c in cm if not dropped(c)]:
            item.remove(cm)  # (what is not compared does not count)


def lang_of(item):
    return item.get("{http://www.w3.org/XML/1998/namespace}lang") if item is not None else None


def parse(path):
    """Like newsconv: a file declaring Latin-1 whose bytes are UTF-8 is read as UTF-8."""
    with open(path, "rb") as f:
        data = f.read()
    if re.search(rb"encoding=.(iso-8859-1|latin-?1)", data[:200].lower()):
        try:
            text = data.decode("utf-8")
            data = re.sub(r"encoding=.[^\"']*.", 'encoding="UTF-8"', text, count=1).encode()
        except UnicodeDecodeError:
            pass
    return ET.fromstring(data)


def item_of(root, guid):
    if local(root.tag) != "newsMessage":
        return root
    for el in root.iter():
        if local(el.tag) in ("newsItem", "packageItem") and el.get("guid") == guid:
            return el
    return None


FRAGMENTS = {"contentMeta", "contentSet", "itemMeta"}


def fragment_of(root, out):
    """For a fragment root, the output's part of the same name (None when it has none)."""
    for c in out:
        if local(c.tag) == local(root.tag):
            return c
    return None


def items_of(msg):
    """The items of a newsMessage's itemSet, in order."""
    return [c for s in msg if local(s.tag) == "itemSet" for c in s]


def canon_item(it):
    """An item normalised, its element reduced to item(LANGUAGE) (the writer writes an item
    of G2 2.35; its language is compared)."""
    same_language(it)
    return re.sub(r"^(newsItem|packageItem)\{\}\[[^\]]*\]", "item(%s)" % lang_of(it), canon(it))


def first_diff(a, b):
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return "...%s... became ...%s..." % (a[max(0, i - 60):i + 60], b[max(0, i - 60):i + 60])


def main():
    args = sys.argv[1:]
    exe = args.pop(0)
    known, verbose = set(), False
    while args and args[0] in ("--known", "-v"):
        if args.pop(0) == "-v":
            verbose = True
        else:
            with open(args.pop(0), encoding="utf-8") as f:
                known = {l.split("#", 1)[0].strip() for l in f} - {""}
    same = refused = xfail = bad = 0
    for path in args:
        key = path.split("corpus/", 1)[-1]
        r = subprocess.run([exe, "-q", "-t", "newsml", path], capture_output=True)
        if r.returncode != 0:
            refused += 1  # not an article (concept items, events...): nothing to compare
            continue
        out = ET.fromstring(r.stdout)
        root = parse(path)
        if local(root.tag) in FRAGMENTS and ns(root.tag) in ("", G2):
            part = fragment_of(root, out)
            a = canon(root)
            b = canon(part) if part is not None else "(no %s)" % local(root.tag)
        elif local(root.tag) == "newsMessage" and local(out.tag) == "newsMessage":
            # the message written again around the article: every item, in order (the
            # header, the transport's envelope, is not compared)
            a = " | ".join(canon_item(it) for it in items_of(root))
            b = " | ".join(canon_item(it) for it in items_of(out))
        else:
            src = item_of(root, out.get("guid"))
            for it in (out, src):
                if it is not None:
                    same_language(it)
            a = canon(src) if src is not None else "(no item with guid %s)" % out.get("guid")
            b = canon(out)
            # the item element itself: the writer writes a newsItem of G2 2.35 (its
            # language is compared)
            a = re.sub(r"^(newsItem|packageItem)\{\}\[[^\]]*\]", "item(%s)" % lang_of(src), a)
            b = re.sub(r"^(newsItem|packageItem)\{\}\[[^\]]*\]", "item(%s)" % lang_of(out), b)
        if a == b:
            same += 1
            if key in known:
                print("XPASS %s: newsml -> newsml keeps it now (remove it from the known list)" % key)
                bad += 1
        elif key in known:
            xfail += 1
            if verbose:
                print("XFAIL %s: %s" % (key, first_diff(a, b)))
        else:
            bad += 1
            print("DIFF %s: %s" % (key, first_diff(a, b)))
    print("g2 round trip: %d kept, %d not articles, %d known differences, %d failures"
          % (same, refused, xfail, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
