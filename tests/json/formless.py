#!/usr/bin/python3
"""A model (-t model) without the forms ninjs 1.x has no place for, to compare the models
of a json -> json 1.6 -> model round trip (tests/json.sh, section 4): 1.x has no roles or
content types, so the forms of headlines, descriptions and bodies that the reader keeps
for ninjs (extra "ninjs:forms"; an association's by, descriptions and headlines as given,
in its details) are left out. Their values are model fields and still compared.
With --dialect, only the forms of the vendor dialect are left out (the key that gave the
id, the urgency given as priority, the names of the extra object's fields and of the
fields that were numbers or booleans: the IPTC
versions have no place for them; --ninjs-version superdesk writes them back).
Usage: formless.py [--dialect] MODEL > OUT"""
import json, re, sys

FORMS = ("ninjs:by", "ninjs:descriptions", "ninjs:headlines")
DETAILS = re.compile(r' details="((?:[^"\\]|\\.)*)"')


def strip(m):
    d = json.loads(json.loads('"%s"' % m.group(1)))
    kept = {k: v for k, v in d.items() if k not in FORMS}
    if kept == d:
        return m.group(0)
    return " details=%s" % json.dumps(json.dumps(kept, sort_keys=True)) if kept else ""


DIALECT_FORMS = ("id", "urgency", "extra", "scalars")
FORMS_LINE = '  extra "ninjs:forms" json '


def dialect_only(line):
    """The ninjs:forms line without the dialect's forms ("" when nothing else is left)."""
    forms = json.loads(json.loads(line[len(FORMS_LINE):]))
    kept = {k: v for k, v in forms.items() if k not in DIALECT_FORMS}
    if kept == forms:
        return line
    return FORMS_LINE + json.dumps(json.dumps(kept, separators=(",", ":"), ensure_ascii=False),
                                   ensure_ascii=False) + "\n" if kept else ""


dialect = sys.argv[1] == "--dialect"
for line in open(sys.argv[-1], encoding="utf-8"):
    if dialect:
        sys.stdout.write(dialect_only(line) if line.startswith(FORMS_LINE) else line)
    elif not line.startswith('  extra "ninjs:forms"'):
        sys.stdout.write(DETAILS.sub(strip, line))
