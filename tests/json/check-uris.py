#!/usr/bin/python3
"""Stricter than validate-ninjs: also checks the schema's "uri" format (RFC 3986 absolute
URI, ASCII only), which python3-jsonschema skips without its optional rfc3987 helper, so
that validators that check formats (ajv-formats, ...) accept newsconv's output too.
Usage: check-uris.py SCHEMA_DIR VERSION FILE...   Exit 1 when a document fails."""
import json, re, sys, warnings
import jsonschema

warnings.simplefilter("ignore")
URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:([A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})+$")
DATE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
schemas, version, files = sys.argv[1], sys.argv[2], sys.argv[3:]
schema = json.load(open("%s/ninjs-schema_%s.json" % (schemas, version), encoding="utf-8"))
geo = json.load(open("%s/GeoJSON-schema.json" % schemas, encoding="utf-8"))
store = {"https://geojson.org/schema/GeoJSON.json": geo, schema["$id"]: schema}
checker = jsonschema.FormatChecker()
checker.checks("uri")(lambda v: not isinstance(v, str) or bool(URI.match(v)))
checker.checks("date-time")(lambda v: not isinstance(v, str) or bool(DATE.match(v)))
cls = jsonschema.validators.validator_for(schema)
validator = cls(schema, resolver=jsonschema.RefResolver.from_schema(schema, store=store),
                format_checker=checker)
bad = 0
for f in files:
    for e in validator.iter_errors(json.load(open(f, encoding="utf-8"))):
        print("%s: /%s: %s" % (f, "/".join(map(str, e.absolute_path)), e.message[:200]))
        bad += 1
sys.exit(1 if bad else 0)
