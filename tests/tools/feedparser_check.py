#!/usr/bin/env python3
"""Checks newsconv's feed readers against the feedparser test corpus.

Each corpus file carries a comment with `Expect:`, a Python expression over feedparser's
result. The clauses of it that concern fields the article model holds (the first entry's
title, link, id, summary/description, content, author, dates, tags, enclosures, rights,
contributors) are mapped onto newsconv's `-t model` output of the file and checked; a
file whose expression has any other clause (feed-level data, iTunes, bozo-only) does not
apply. Markup in expected values is compared as text (the model holds text and a body
tree, not HTML), with white space collapsed.

Usage: feedparser_check.py NEWSCONV --known FILE [--write-known] FILE...
Prints "applies N, pass P, known K"; exits 1 on a failure that is not in the known list
or on a known failure that now passes (shorten the list)."""
import ast
import calendar
import html
import re
import subprocess
import sys

STR = r'"((?:[^"\\]|\\.)*)"'


def unq(s):
    """The text of a model string (C escapes)."""
    return re.sub(r'\\(x[0-9a-f]{2}|.)', lambda m: {
        'n': '\n', 't': '\t', 'r': '\r'}.get(m.group(1), chr(int(m.group(1)[1:], 16))
        if m.group(1).startswith('x') and len(m.group(1)) == 3 else m.group(1)), s)


def attrs(line):
    return {k: unq(v) for k, v in re.findall(r'(\w+)=' + STR, line)}


def parse_model(text):
    """The articles of a model dump, as dicts."""
    arts = []
    cur = None
    in_body = False
    for line in text.split('\n'):
        if line == 'article':
            cur = {'authors': [], 'subjects': [], 'media': [], 'links': [], 'body': []}
            arts.append(cur)
            in_body = False
            continue
        if cur is None:
            continue
        if line == 'body':
            in_body = True
            continue
        if in_body:
            m = re.match(r'\s+(?:text|code) ' + STR, line)
            if m:
                cur['body'].append(unq(m.group(1)))
            elif line.strip():
                cur['body'].append(' ')
            continue
        m = re.match(r'  (\w+) (.*)$', line)
        if not m:
            continue
        key, rest = m.groups()
        if key == 'author':
            cur['authors'].append(attrs(rest))
        elif key == 'subject':
            cur['subjects'].append(attrs(rest))
        elif key == 'media':
            a = attrs(rest)
            a['kind'] = rest.split(' ')[0]
            cur['media'].append(a)
        elif key == 'link':
            cur['links'].append(attrs(rest))
        elif rest.startswith('"'):
            cur[key] = unq(rest[1:-1])
        else:
            cur[key] = rest
    return arts


def norm(s):
    return ' '.join(s.split())


def as_text(s):
    """Expected markup as the text a reader keeps: tags dropped, entities decoded."""
    return norm(html.unescape(re.sub(r'<[^>]*>', ' ', s)))


def body_text(a):
    return norm(' '.join(''.join(a['body']).split()))


def utc_tuple(v):
    """A model timestamp as feedparser's UTC struct_time prefix (6 fields)."""
    m = re.match(r'(\d{4})(?:-(\d\d)(?:-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d))?(?:\.\d+)?'
                 r'(Z|[+-]\d\d:\d\d)?)?)?)?$', v or '')
    if not m:
        return None
    y, mo, d, h, mi, s, z = m.groups()
    t = [int(y), int(mo or 1), int(d or 1), int(h or 0), int(mi or 0), int(s or 0)]
    off = 0
    if z and z != 'Z':
        off = (int(z[1:3]) * 60 + int(z[4:6])) * (1 if z[0] == '+' else -1)
    secs = calendar.timegm(tuple(t) + (0, 0, 0)) - off * 60
    import time
    return tuple(time.gmtime(secs))[:6]


# clause -> (getter of the model's value, how the expected literal is compared)
def getter(path):
    """A function of the first article for an entries[0][...] path, or None."""
    p = path
    simple = {
        "['title']": lambda a: a.get('headline', ''),
        "['link']": lambda a: a.get('url', ''),
        "['id']": lambda a: a.get('id', ''),
        "['guid']": lambda a: a.get('id', ''),
        "['rights']": lambda a: a.get('copyright_notice', ''),
        "['summary']": lambda a: a.get('summary') or body_text(a),
        "['description']": lambda a: a.get('summary') or body_text(a),
        "['content'][0]['value']": lambda a: body_text(a),
        "['author']": lambda a: a['authors'][0].get('name', '') if a['authors'] else '',
        "['author_detail']['name']": lambda a: a['authors'][0].get('name', '') if a['authors'] else '',
        "['author_detail']['href']": lambda a: a['authors'][0].get('url', '') if a['authors'] else '',
        "['author_detail']['email']": lambda a: next((x['url'][7:] for x in a['authors'] if x.get('url', '').startswith('mailto:')), ''),
        "['contributors'][0]['name']": lambda a: next((x.get('name', '') for x in a['authors'] if x.get('role') == 'contributor'), ''),
        "['contributors'][0]['href']": lambda a: next((x.get('url', '') for x in a['authors'] if x.get('role') == 'contributor'), ''),
        "['contributors'][0]['url']": lambda a: next((x.get('url', '') for x in a['authors'] if x.get('role') == 'contributor'), ''),
        "['published_parsed']": lambda a: utc_tuple(a.get('published')),
        "['updated_parsed']": lambda a: utc_tuple(a.get('modified')),
        "['created_parsed']": lambda a: utc_tuple(a.get('created')),
        "['enclosures'][0]['href']": lambda a: (a['media'][0].get('href', '') if a['media'] else next((l.get('href', '') for l in a['links'] if l.get('rel') == 'enclosure'), '')),
        "['enclosures'][0]['type']": lambda a: (a['media'][0].get('mime', '') if a['media'] else ''),
    }
    if p in simple:
        return simple[p]
    m = re.match(r"\['tags'\]\[(\d)\]\['(term|scheme|label)'\]$", p)
    if m:
        i, k = int(m.group(1)), m.group(2)
        key = {'term': 'code', 'scheme': 'scheme', 'label': 'name'}[k]
        def g(a, i=i, key=key, k=k):
            if i >= len(a['subjects']):
                return ''
            s = a['subjects'][i]
            return s.get(key) or (s.get('name', '') if k == 'term' else '')
        return g
    return None


TEXTY = {"['title']", "['summary']", "['description']", "['content'][0]['value']", "['rights']"}
CLAUSE = re.compile(r"^entries\[0\]((?:\[[^\]]+\])+)\s*==\s*(.+)$")


def clauses(expr):
    """The clauses of an Expect expression, or None when one of them does not apply."""
    parts = [c.strip() for c in re.split(r'\s+and\s+', expr.strip())]
    out = []
    for c in parts:
        if c in ('not bozo', 'bozo'):
            continue
        m = CLAUSE.match(c)
        if not m:
            return None
        path, lit = m.groups()
        g = getter(path)
        if not g:
            return None
        try:
            want = ast.literal_eval(lit)
        except (ValueError, SyntaxError):
            return None
        if isinstance(want, tuple):
            want = tuple(want[:6])
        elif not isinstance(want, str):
            return None
        out.append((c, path, g, want))
    return out or None


def check(prog, path):
    """None when the file does not apply; else a list of (clause, ok, got)."""
    head = open(path, 'rb').read(4096).decode('utf-8', 'replace')
    m = re.search(r'^Expect:\s*(.*)$', head, re.M)
    if not m:
        return None
    cl = clauses(m.group(1))
    if cl is None:
        return None
    r = subprocess.run([prog, path, '-t', 'model', '-q', '-j1', '--max-size', '1M'],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=20)
    arts = parse_model(r.stdout.decode('utf-8', 'replace'))
    res = []
    for c, p, g, want in cl:
        got = g(arts[0]) if arts else None
        if isinstance(want, tuple):
            ok = got == want
        elif p in TEXTY:
            ok = got is not None and norm(got) in (as_text(want), norm(want))
        elif p == "['author']":  # feedparser's "Name (email)": the model keeps the name
            ok = got is not None and norm(got) == norm(re.sub(r'\s*\([^)]*@[^)]*\)$', '', want))
        else:
            ok = got is not None and norm(got) == norm(want)
        res.append((c, ok, got))
    return res


def main():
    args = sys.argv[1:]
    prog = args.pop(0)
    known_file = None
    write = False
    if args and args[0] == '--known':
        known_file = args[1]
        args = args[2:]
    if args and args[0] == '--write-known':
        write = True
        args = args[1:]
    known = set()
    if known_file and not write:
        for line in open(known_file, encoding='utf-8'):
            line = line.strip()
            if line and not line.startswith('#'):
                known.add(line)
    applies = passed = 0
    fails = []
    bad = 0
    for path in args:
        res = check(prog, path)
        if res is None:
            continue
        applies += 1
        rel = re.sub(r'^.*?/feedparser/', '', path)
        failed = [c for c, ok, _ in res if not ok]
        if not failed:
            passed += 1
            if rel in known:
                print(f'XPASS: {rel} (remove it from the known failures)', file=sys.stderr)
                bad += 1
        else:
            fails.append(rel)
            if rel not in known and not write:
                got = [g for _, ok, g in res if not ok]
                print(f'FAIL: {rel}: {failed[0]}: got {got[0]!r}', file=sys.stderr)
                bad += 1
    if write:
        with open(known_file, 'w', encoding='utf-8') as f:
            f.write('# feedparser corpus files whose Expect: clauses newsconv does not meet\n'
                    '# (tests/feeds-read.sh). The list may only shrink: a file that passes\n'
                    '# must be removed from it.\n')
            for rel in sorted(fails):
                f.write(rel + '\n')
    print(f'feedparser corpus: {applies} apply, {passed} pass, {len(fails)} known failures'
          if not bad else f'feedparser corpus: {applies} apply, {passed} pass, {bad} unexpected')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
