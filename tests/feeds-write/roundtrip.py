#!/usr/bin/env python3
"""Compares two `newsconv -t model` dumps of a batch item by item (tests/feeds-write.sh).

    roundtrip.py ORIGINAL.model ROUNDTRIP.model [--ignore REGEX]...

The items are matched by their id (a feed writer puts the newest first), else their
headline; an id the writer made up (urn:newsconv:...) for an item without one is not a
difference. --ignore drops the lines of both dumps that match REGEX (what a format is
documented not to hold). Prints each difference and exits 1 when there is one."""
import re
import sys


def items(path, ignore):
    out, cur = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line == "article":
                cur = []
                out.append(cur)
                continue
            if cur is None or any(r.search(line) for r in ignore):
                continue
            cur.append(line)
    return out


def field(lines, name):
    for l in lines:
        if l.startswith("  %s " % name):
            return l
    return None


def key(lines):
    """The id (not one the writer made up), else the headline; None without either."""
    i = field(lines, "id")
    if i and i.startswith('  id "urn:newsconv:'):
        i = None
    return i or field(lines, "headline")


def main(argv):
    ignore, paths, i = [], [], 1
    while i < len(argv):
        if argv[i] == "--ignore":
            ignore.append(re.compile(argv[i + 1]))
            i += 2
        else:
            paths.append(argv[i])
            i += 1
    a, b = items(paths[0], ignore), items(paths[1], ignore)
    bad = 0
    if len(a) != len(b):
        print("%d items, then %d" % (len(a), len(b)))
        bad = 1
    byid, nokey = {}, []
    for it in b:
        if key(it):
            byid.setdefault(key(it), it)
        else:
            nokey.append(it)
        if field(it, "headline"):
            byid.setdefault(field(it, "headline"), it)
    for it in a:
        # an item without id and headline: the next of those without either, in order
        other = byid.get(key(it)) if key(it) else (nokey.pop(0) if nokey else None)
        if other is None:
            print("lost: %s" % (key(it) or "an item without id and headline"))
            bad = 1
            continue
        if not field(it, "id"):
            other = [l for l in other if not l.startswith('  id "urn:newsconv:')]
        if it != other:
            bad = 1
            print("item %s:" % (key(it) or "without id and headline").strip())
            for l in it:
                if l not in other:
                    print("  - " + l.strip())
            for l in other:
                if l not in it:
                    print("  + " + l.strip())
    return bad


if __name__ == "__main__":
    sys.exit(main(sys.argv))
