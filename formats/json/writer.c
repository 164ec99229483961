/* newsconv: the model -> IPTC ninjs 3.1 (default), 3.0, 2.2, 2.1 or 1.6 (--ninjs-version).
 * 2.x spells the 3.x keys in lower case; 1.x (v1) also names the lists in the singular
 * (person, subject, infosource), writes the headline, descriptions and bodies as keys of
 * their own (headline, description_text, body_xhtml), associations and renditions as
 * objects keyed by name, and codes as scheme/code.
 *
 * The document is built as a jansson tree in a fixed key order and dumped with
 * JSON_PRESERVE_ORDER, so the same article always gives the same bytes. Every value that
 * the schema types as a URI or a date-time is written so that it validates (see
 * docs/formats.md for the mapping and for what ninjs cannot hold). */
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

typedef struct wr {
    const nc_article *a;
    const nc_opts *o;
    int v2;         /* 2.x spelling: lower-case keys, "embargoed", no association rel */
    int no_dst;     /* 3.0 and 2.1: no digitalSourceType */
    int v1;         /* 1.x (with v2 set): the 1.x names of lists (person, byline, ...),
                     * headline and body_/description_ keys, objects keyed by name,
                     * scheme/code (writer1 in this file) */
    int sd;         /* the vendor dialect (Superdesk's ninjs; with v1 and v2 set): guid,
                     * priority, service, source, authors, extra, firstpublished, counts,
                     * body_html; the reader's "ninjs:" fields written back as given */
    const char *version; /* "3.1", "3.0", "2.2", "2.1", "1.6", "superdesk" */
    json_t *forms;  /* the reader's notes on form (extra "ninjs:forms"), parsed once */
    int failed;     /* out of memory */
    char key[64];
    nc_buf tmp;
} wr;

/* ---- small helpers ---- */

/* The extra "ninjs:forms" (written by the reader) parsed, or NULL. */
static json_t *load_forms(const nc_article *a)
{
    size_t i;
    for (i = 0; i < a->n_extra; i++)
        if (a->extra[i].json && !strcmp(a->extra[i].key, NCP_JSON_NS "forms"))
            return json_loads(a->extra[i].value, 0, NULL);
    return NULL;
}

/* The reader's notes on form (a new reference), or NULL. */
static json_t *forms_of(wr *w)
{
    return json_incref(w->forms);
}

/* The 1.x names of 3.x keys beyond their case (the list names are singular in 1.x). */
static const char *const v1_names[][2] = {
    {"by", "byline"},           {"people", "person"},          {"organisations", "organisation"},
    {"places", "place"},        {"subjects", "subject"},       {"events", "event"},
    {"objects", "object"},      {"genres", "genre"},           {"infoSources", "infosource"},
    {"trustIndicators", "trustindicator"}, {"contentType", "mimetype"},
    {"standard", "$standard"},  {"geoJSON", "geometry_geojson"}};

/* The spelling of a 3.x key in the version written. */
static const char *K(wr *w, const char *k)
{
    size_t i;
    if (!w->v2)
        return k;
    if (!strcmp(k, "embargoedUntil"))
        return "embargoed";
    for (i = 0; w->v1 && i < sizeof v1_names / sizeof v1_names[0]; i++)
        if (!strcmp(k, v1_names[i][0]))
            return v1_names[i][1];
    for (i = 0; k[i] && i + 1 < sizeof w->key; i++)
        w->key[i] = (char)(k[i] >= 'A' && k[i] <= 'Z' ? k[i] + 32 : k[i]);
    w->key[i] = '\0';
    return w->key;
}

static json_t *jstr(wr *w, const char *s)
{
    json_t *v;
    size_t len = strlen(s);
    if (ncp_utf8_valid(s, len)) {
        v = json_stringn(s, len);
    } else {
        nc_buf b = NC_BUF_INIT;
        ncp_utf8_sanitize(&b, s, len);
        v = b.failed ? NULL : json_stringn(b.ptr, b.size);
        nc_buf_release(&b);
    }
    if (!v)
        w->failed = 1;
    return v;
}

/* Sets obj[key] = v (taking v); a NULL v marks the writer failed. */
static void set(wr *w, json_t *obj, const char *key, json_t *v)
{
    if (!obj)
        json_decref(v); /* (json_object_set_new takes v, also when it fails) */
    if (!v || !obj || json_object_set_new(obj, K(w, key), v) < 0)
        w->failed = 1;
}

static void set_str(wr *w, json_t *obj, const char *key, const char *s)
{
    if (s)
        set(w, obj, key, jstr(w, s));
}

static json_t *new_obj(wr *w)
{
    json_t *o = json_object();
    if (!o)
        w->failed = 1;
    return o;
}

static void push(wr *w, json_t *arr, json_t *v)
{
    if (!arr)
        json_decref(v); /* (json_array_append_new takes v, also when it fails) */
    if (!v || !arr || json_array_append_new(arr, v) < 0)
        w->failed = 1;
}

/* Sets obj[key] = arr when it has items; frees it otherwise. */
static void set_array(wr *w, json_t *obj, const char *key, json_t *arr)
{
    if (arr && json_array_size(arr))
        set(w, obj, key, arr);
    else
        json_decref(arr);
}

/* {"role": role, "contentType": ctype, "value": value} */
static json_t *role_value(wr *w, const char *role, const char *ctype, const char *value)
{
    json_t *o = new_obj(w);
    set_str(w, o, "role", role);
    set_str(w, o, "contentType", ctype);
    set_str(w, o, "value", value);
    return o;
}

/* ninjs 1.x (below): headlines, descriptions and bodies as keys of their own. */
static void set_roles1(wr *w, json_t *obj, const char *what, json_t *arr);

/* ---- URIs ---- */

static int is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_hex(int c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

static int is_unreserved(int c)
{
    return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

int ncp_json_is_uri(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    if (!s || !is_alpha(*p))
        return 0;
    while (is_alpha(*p) || is_digit(*p) || *p == '+' || *p == '-' || *p == '.')
        p++;
    if (*p++ != ':' || !*p)
        return 0;
    for (; *p; p++) {
        if (is_unreserved(*p) || strchr(":/?#[]@!$&'()*+,;=", *p))
            continue;
        if (*p == '%' && is_hex(p[1]) && is_hex(p[2])) {
            p += 2;
            continue;
        }
        return 0;
    }
    return 1;
}

/* A code that names a web resource or URN (written as a subject "uri"), as opposed to a
 * QCode such as "medtop:04000000" (written as a "literal"). */
static int url_like(const char *s)
{
    return ncp_json_is_uri(s) && (strstr(s, "://") || ncp_startswith_ci(s, "urn:") ||
                                  ncp_startswith_ci(s, "tag:"));
}

/* s itself when it is an absolute URI, else urn:newsconv:str:<percent-encoded s>. */
static const char *uri_value(wr *w, const char *s)
{
    const unsigned char *p;
    if (ncp_json_is_uri(s))
        return s;
    nc_buf_clear(&w->tmp);
    nc_buf_puts(&w->tmp, NCP_JSON_URN_STR);
    for (p = (const unsigned char *)s; *p; p++) {
        if (is_unreserved(*p) || *p == '/' || *p == ':' || *p == '@')
            nc_buf_putc(&w->tmp, *p);
        else
            nc_buf_printf(&w->tmp, "%%%02X", *p);
    }
    return w->tmp.ptr;
}

static void set_uri(wr *w, json_t *obj, const char *key, const char *s)
{
    if (s)
        set_str(w, obj, key, uri_value(w, s));
}

/* The cv.iptc.org vocabulary URI of the scheme alias of an IPTC QCode ("medtop:..."),
 * or NULL for other codes. */
const char *ncp_iptc_scheme_uri(const char *code)
{
    static const struct {
        const char *alias, *uri;
    } iptc[] = {
        {"medtop", "http://cv.iptc.org/newscodes/mediatopic/"},
        {"subj", "http://cv.iptc.org/newscodes/subjectcode/"},
        {"genre", "http://cv.iptc.org/newscodes/genre/"},
        {"ninat", "http://cv.iptc.org/newscodes/ninature/"},
        {"digsrctype", "http://cv.iptc.org/newscodes/digitalsourcetype/"},
        {"cpnat", "http://cv.iptc.org/newscodes/cpnature/"},
        {"scene", "http://cv.iptc.org/newscodes/scene/"},
        {"rnd", "http://cv.iptc.org/newscodes/rendition/"},
        {"prodgenre", "http://cv.iptc.org/newscodes/productgenre/"},
        {"stat", "http://cv.iptc.org/newscodes/pubstatusg2/"},
    };
    const char *colon = code ? strchr(code, ':') : NULL;
    size_t i;
    if (!colon || !colon[1] || strstr(code, "://"))
        return NULL;
    for (i = 0; i < sizeof iptc / sizeof iptc[0]; i++)
        if (strlen(iptc[i].alias) == (size_t)(colon - code) &&
            !strncmp(code, iptc[i].alias, (size_t)(colon - code)))
            return iptc[i].uri;
    return NULL;
}

/* ninjs 1.x: the code and scheme as given ("code", "scheme"); 1.x has no uri. */
static void code_fields1(wr *w, json_t *obj, const nc_subject *s, const char *what,
                         const char *name)
{
    if (s->uri)
        nc_warn(w->o, 0, 0, "json (ninjs %s) cannot hold the uri '%s' of %s '%s': dropped",
                w->version, s->uri, what, name);
    if (s->scheme && ((s->code && ncp_json_is_uri(s->scheme)) || w->sd))
        set_str(w, obj, "scheme", s->scheme); /* the dialect's: any word (Superdesk's qcode) */
    else if (s->scheme)
        nc_warn(w->o, 0, 0, "json cannot hold the scheme '%s' of %s '%s'%s: dropped",
                s->scheme, what, name, s->code ? "" : " without a code");
    set_str(w, obj, "code", s->code);
}

/* The code and scheme of a subject or genre as "uri"/"literal" (what == "subject" or
 * "genre", name for the warning). With a URI scheme the code is written as both the
 * literal and the complete URI scheme+code, the way ninjs 1.x scheme/code became 2.x
 * uri/literal; the reader splits them again. */
static void code_fields(wr *w, json_t *obj, const nc_subject *s, const char *what)
{
    const char *code = s->code, *scheme = s->scheme, *local;
    const char *name = s->name ? s->name : s->code ? s->code : "";
    if (w->v1 && strcmp(what, "digital source type")) { /* 1.6 has uri/literal only there */
        code_fields1(w, obj, s, what, name);
        return;
    }
    if (s->uri) { /* a URI beside an unrelated code: both as given */
        set_uri(w, obj, "uri", s->uri);
        if (scheme)
            nc_warn(w->o, 0, 0, "json cannot hold the scheme '%s' of %s '%s': dropped",
                    scheme, what, name);
        set_str(w, obj, "literal", code);
        return;
    }
    if (code && !scheme && (scheme = ncp_iptc_scheme_uri(code)) != NULL) {
        /* an IPTC QCode ("medtop:04000000"): its URI, and the QCode as the literal */
        nc_buf_clear(&w->tmp);
        nc_buf_puts(&w->tmp, scheme);
        nc_buf_puts(&w->tmp, strchr(code, ':') + 1);
        if (ncp_json_is_uri(w->tmp.ptr)) {
            set_str(w, obj, "uri", w->tmp.ptr);
            set_str(w, obj, "literal", code);
            return;
        }
        scheme = NULL;
    }
    if (!code) {
        if (scheme)
            nc_warn(w->o, 0, 0, "json cannot hold the scheme '%s' of %s '%s' without a code: "
                    "dropped", scheme, what, name);
        return;
    }
    if (scheme && !url_like(code) && ncp_json_is_uri(scheme)) {
        local = strchr(code, ':') ? strchr(code, ':') + 1 : code;
        nc_buf_clear(&w->tmp);
        nc_buf_puts(&w->tmp, scheme);
        nc_buf_puts(&w->tmp, local);
        if (*local && ncp_json_is_uri(w->tmp.ptr)) {
            set_str(w, obj, "uri", w->tmp.ptr);
            set_str(w, obj, "literal", code);
            return;
        }
    }
    if (scheme)
        nc_warn(w->o, 0, 0, "json cannot hold the scheme '%s' of %s '%s': dropped", scheme,
                what, name);
    set_str(w, obj, url_like(code) ? "uri" : "literal", code);
}

/* ---- dates ---- */

static void set_time(wr *w, json_t *obj, const char *key, nc_tfield f)
{
    nc_time t = w->a->time[f];
    char s[NC_TIME_ISO_LEN + 8], orig[NC_TIME_ISO_LEN];
    int lossy = t.prec == NC_TIME_YEAR || t.prec == NC_TIME_MONTH || t.prec == NC_TIME_MINUTE;
    if (t.prec == NC_TIME_NONE)
        return;
    nc_time_format(&t, orig);
    /* RFC 3339 date-time validators take neither 24:00 nor a leap second */
    if (t.prec >= NC_TIME_MINUTE && (t.hour > 23 || t.second > 59)) {
        if (t.hour > 23)
            t.hour = 23, t.minute = 59, t.second = 59;
        t.second = 59;
        t.frac = 0;
        t.frac_digits = 0;
        lossy = 1;
    }
    if (w->sd && !t.has_zone && t.prec == NC_TIME_SECOND && !lossy) {
        set_str(w, obj, key, orig); /* the dialect has no schema: a local time as given */
        return;
    }
    nc_time_format_rfc3339(&t, s);
    if (lossy)
        nc_warn(w->o, 0, 0, "json cannot hold %s '%s' exactly: written as %s",
                nc_tfield_name(f), orig, s);
    set_str(w, obj, key, s);
}

/* ---- the body ---- */

/* Plain text: blocks separated by a blank line, table cells by tabs. Deleted and struck-out
 * text (del, s) is left out: plain text cannot mark it, and it is not the current text
 * (body_html keeps it). */
void ncp_json_body_text(const nc_node *body, nc_buf *out)
{
    nc_iter it = nc_iter_init(body);
    nc_event ev;
    int cut = 0; /* text was left out here: one of the spaces around it goes */
    while ((ev = nc_iter_next(&it)) != NC_EVENT_DONE) {
        const nc_node *n = nc_iter_node(&it);
        if (ev == NC_EVENT_EXIT) {
            if (n->type == NC_BLOCK_FIGURE && n->as.ref.credit && !n->as.ref.credit_first) {
                if (n->first)
                    nc_buf_putc(out, ' ');
                nc_buf_puts(out, n->as.ref.credit);
            }
            continue;
        }
        switch (n->type) {
        case NC_BLOCK_PARAGRAPH:
        case NC_BLOCK_HEADING:
        case NC_BLOCK_CODE_BLOCK:
        case NC_BLOCK_FIGURE:
        case NC_BLOCK_EMBED:
        case NC_BLOCK_TABLE_ROW:
        case NC_BLOCK_TABLE_CAPTION:
        case NC_BLOCK_DEF_TERM:
            if (out->size)
                nc_buf_puts(out, n->type == NC_BLOCK_TABLE_ROW && n->prev ? "\n" : "\n\n");
            break;
        case NC_BLOCK_TABLE_CELL:
            if (n->prev)
                nc_buf_putc(out, '\t');
            break;
        default:
            break;
        }
        if (n->type == NC_BLOCK_FIGURE && n->as.ref.credit && n->as.ref.credit_first) {
            /* a credit the input gave before the caption, there */
            nc_buf_puts(out, n->as.ref.credit);
            if (n->first)
                nc_buf_putc(out, ' ');
        }
        switch (n->type) {
        case NC_BLOCK_CODE_BLOCK: {
            size_t len = n->as.code.len;
            while (len && n->as.code.literal[len - 1] == '\n')
                len--;
            nc_buf_put(out, n->as.code.literal ? n->as.code.literal : "", len);
            break;
        }
        case NC_INLINE_TEXT:
        case NC_INLINE_CODE: {
            const char *s = n->as.code.literal ? n->as.code.literal : "";
            size_t len = n->as.code.len;
            if (cut && len && s[0] == ' ' && out->size && out->ptr[out->size - 1] == ' ')
                s++, len--;
            cut = 0;
            nc_buf_put(out, s, len);
            break;
        }
        case NC_INLINE_LINEBREAK:
            nc_buf_putc(out, '\n');
            break;
        case NC_INLINE_DEL:
        case NC_INLINE_STRIKE:
            nc_iter_skip_children(&it);
            cut = 1;
            break;
        case NC_INLINE_IMAGE:
            if (n->as.ref.alt)
                nc_buf_puts(out, n->as.ref.alt);
            break;
        case NC_BLOCK_EMBED:
            if (n->as.embed.url)
                nc_buf_puts(out, n->as.embed.url);
            break;
        default:
            break;
        }
    }
}

static void write_bodies(wr *w, json_t *root)
{
    const nc_node *body = w->a->body;
    nc_iter it;
    nc_event ev;
    json_t *arr;
    nc_buf html = NC_BUF_INIT, text = NC_BUF_INIT;
    if (!body || !nc_node_first_child(body))
        return;
    /* the canonical XHTML has no room for an embed's own HTML */
    it = nc_iter_init(body);
    while ((ev = nc_iter_next(&it)) != NC_EVENT_DONE) {
        const nc_node *n = nc_iter_node(&it);
        if (ev == NC_EVENT_ENTER && n->type == NC_BLOCK_EMBED && n->as.embed.html)
            nc_warn(w->o, n->line, n->column,
                    "json cannot hold the HTML of the embed '%s': dropped (its URL is kept)",
                    n->as.embed.url ? n->as.embed.url : "");
    }
    ncp_body_to_xhtml(body, &html, 0);
    ncp_json_body_text(body, &text);
    if (html.failed || text.failed)
        w->failed = 1;
    arr = json_array();
    if (html.size) /* the dialect's body_html */
        push(w, arr, role_value(w, w->sd ? "html" : "xhtml", "text/html", html.ptr));
    if (text.size)
        push(w, arr, role_value(w, "text", "text/plain", text.ptr));
    if (w->v1)
        set_roles1(w, root, "body", arr); /* body_xhtml, body_text */
    else
        set_array(w, root, "bodies", arr);
    nc_buf_release(&html);
    nc_buf_release(&text);
}

static json_t *named_rel(wr *w, const char *name, const char *rel)
{
    json_t *o = new_obj(w);
    set_str(w, o, "name", name);
    set_str(w, o, "rel", rel);
    return o;
}

/* ---- details (article.h): the fields of a format the model has no place for ---- */

/* The details JSON object of an item, or NULL. */
static json_t *details_load(wr *w, const char *text)
{
    json_t *d;
    if (!text)
        return NULL;
    d = json_loads(text, 0, NULL);
    if (ncp_json_alloc_failed())
        w->failed = 1;
    if (!json_is_object(d)) {
        json_decref(d);
        return NULL;
    }
    return d;
}

/* The ninjs key of a details key: "ninjs:<k>" and the shared keys (no colon) give k, the
 * keys of other formats NULL. */
static const char *details_key(const char *k)
{
    if (!strncmp(k, NCP_JSON_NS, strlen(NCP_JSON_NS)))
        return k + strlen(NCP_JSON_NS);
    return strchr(k, ':') ? NULL : k;
}

/* Keys of details that the reader adds for the writer (not fields). */
static int details_internal(const char *k)
{
    return !strcmp(k, NCP_JSON_NS "from") || !strcmp(k, NCP_JSON_NS "position");
}

/* The keys of ninjs 3.x in camel case (2.x writes them in lower case), and those whose
 * value is a date-time. */
static const char *const camel_keys[] = {
    "contentType", "contactInfo", "geoJSON", "postalCode", "sizeInBytes", "aspectRatio",
    "videoCodec", "frameRate", "transportProtocol", "scanType", "versionCreated",
    "firstCreated", "contentCreated", "embargoedUntil", "pubStatus", "copyrightHolder",
    "copyrightNotice", "usageTerms", "edNote", "infoSources", "altIds", "trustIndicators",
    "representationType", "rightsInfo", "langId", "linkedRights", "encodedRights",
    "digitalSourceType", NULL};
static const char *const date_keys[] = {"firstCreated", "versionCreated", "contentCreated",
                                        "embargoedUntil", "embargoed", "expires", NULL};

const char *ncp_json_camel(const char *k)
{
    const char *const *ck;
    for (ck = camel_keys; *ck; ck++)
        if (!ncp_strcasecmp(*ck, k))
            return *ck;
    return k;
}

json_t *ncp_json_camel_copy(json_t *v)
{
    json_t *out, *c, *x;
    const char *k;
    size_t i;
    if (json_is_array(v)) {
        out = json_array();
        json_array_foreach(v, i, c) {
            x = ncp_json_camel_copy(c);
            if (!out || !x || json_array_append_new(out, x) < 0) { /* (_new takes x) */
                if (!out)
                    json_decref(x);
                json_decref(out);
                return NULL;
            }
        }
        return out;
    }
    if (!json_is_object(v))
        return json_incref(v);
    out = json_object();
    json_object_foreach(v, k, c) {
        x = ncp_json_camel_copy(c);
        if (!out || !x || json_object_set_new(out, ncp_json_camel(k), x) < 0) {
            if (!out)
                json_decref(x);
            json_decref(out);
            return NULL;
        }
    }
    return out;
}

/* A copy of the JSON value v (from details) with its keys spelled for the version written
 * and its dates in RFC 3339; NULL (with a warning naming where) when a date is no date.
 * depth: the input's nesting was capped at NC_MAX_DEPTH when it was read. */
static json_t *respell(wr *w, json_t *v, const char *where)
{
    json_t *out, *c;
    const char *k;
    size_t i;
    if (json_is_array(v)) {
        out = json_array();
        json_array_foreach(v, i, c) {
            json_t *x = respell(w, c, where);
            if (x)
                push(w, out, x);
        }
        return out;
    }
    if (!json_is_object(v))
        return json_incref(v);
    out = new_obj(w);
    json_object_foreach(v, k, c) {
        json_t *x;
        if (ncp_json_one_of(k, date_keys) && json_is_string(c)) {
            nc_time t;
            char iso[NC_TIME_ISO_LEN + 8];
            const char *ds = json_string_value(c);
            if (nc_time_parse_rfc3339(ds, strlen(ds), &t) < 0 &&
                nc_time_parse_text(ds, strlen(ds), &t) < 0) {
                nc_warn(w->o, 0, 0, "json cannot hold %s date '%s' (not a date): dropped", where,
                        ds);
                continue;
            }
            nc_time_format_rfc3339(&t, iso);
            x = jstr(w, iso);
        } else {
            x = respell(w, c, where);
        }
        if (x)
            set(w, out, ncp_json_camel(k), x);
    }
    return out;
}

/* The fields of ninjs items (associations are items) that details may hold. */
static const char *const item_fields[] = {
    "representationType", "profile", "version", "firstCreated", "versionCreated",
    "contentCreated", "embargoedUntil", "pubStatus", "urgency", "copyrightHolder",
    "copyrightNotice", "usageTerms", "edNote", "language", "descriptions", "bodies",
    "headlines", "people", "organisations", "places", "subjects", "events", "objects",
    "infoSources", "by", "slugline", "located", "associations", "altIds", "trustIndicators",
    "genres", "expires", "rightsInfo", "digitalSourceType", NULL};

/* The fields of ninjs 1.x items (associations are items) that details may hold: those
 * of 3.x with the same form, the 1.x names of lists (from a 1.x document, so in 1.x form),
 * and description_*, body_*, headline_* (held_key). */
static const char *const item_fields1[] = {
    "representationType", "profile", "version", "firstCreated", "versionCreated",
    "contentCreated", "embargoedUntil", "embargoed", "pubStatus", "urgency",
    "copyrightHolder", "copyrightNotice", "usageTerms", "edNote", "language", "person",
    "organisation", "place", "subject", "event", "object", "infosource", "by", "byline",
    "headline", "slugline", "located", "charcount", "wordcount", "associations", "altIds",
    "trustindicator", "genre", "expires", "rightsInfo", "digitalSourceType", "mimetype", NULL};

/* The key under which the details field nk (value v) is written, one of allowed; NULL
 * when the version written has no place for it. */
static const char *held_key(wr *w, const char *const *allowed, const char *nk, json_t *v)
{
    static const char *const patterns[] = {"description_", "body_", "headline_", NULL};
    const char *const *al = allowed, *const *p;
    for (; *al && ncp_strcasecmp(*al, nk); al++)
        ;
    if (*al && w->v2 && allowed != item_fields && allowed != item_fields1 && !strcmp(*al, "id"))
        return NULL; /* an event's id is 3.x's (1.x and 2.x events have none) */
    if (!w->v1)
        return *al;
    if (*al && !strcmp(*al, "literal"))
        return NULL; /* 1.x info sources have no literal */
    if (*al && (!strcmp(*al, "associations") || !strcmp(*al, "altIds")))
        return json_is_object(v) ? *al : NULL; /* the 1.x form (3.x: arrays) */
    if (*al)
        return *al;
    for (p = patterns; allowed == item_fields1 && *p; p++)
        if (!ncp_strncasecmp(nk, *p, strlen(*p)) && nk[strlen(*p)] && json_is_string(v))
            return nk;
    if (ncp_json_one_of("geoJSON", allowed) && !ncp_strncasecmp(nk, "geometry_", 9) &&
        nk[9] && json_is_object(v))
        return nk; /* a 1.x place's geometry */
    return NULL;
}

/* Writes the details of an item into obj: each key in allowed (ninjs spelling), the others
 * with a warning naming what (a "place", ...) and its name. */
static void write_details(wr *w, json_t *obj, const char *text, const char *const *allowed,
                          const char *what, const char *name)
{
    json_t *d = details_load(w, text), *v;
    const char *k;
    json_object_foreach(d, k, v) {
        const char *nk = details_key(k), *hk;
        if (details_internal(k))
            continue;
        if (allowed == item_fields1 && nk &&
            (!ncp_strcasecmp(nk, "headlines") || !ncp_strcasecmp(nk, "descriptions")))
            continue; /* written by media_texts1 */
        if (nk && !strncmp(k, NCP_JSON_NS "description_", strlen(NCP_JSON_NS "description_")) &&
            k[strlen(NCP_JSON_NS "description_")] && json_is_string(v) &&
            allowed == item_fields1)
            continue; /* an item's (media_association): written by details_descriptions */
        hk = nk ? held_key(w, allowed, nk, v) : NULL;
        if (!hk && w->sd && nk && nk != k)
            hk = nk; /* the dialect is open: a field the reader kept goes back as given */
        if (hk && !json_object_get(obj, K(w, hk))) {
            json_t *x;
            if (ncp_json_one_of(hk, date_keys) && json_is_string(v)) {
                json_t *tmp = json_pack("{sO}", hk, v);
                json_t *ok = tmp ? respell(w, tmp, what) : NULL;
                x = json_incref(json_object_get(ok, K(w, hk)));
                json_decref(tmp);
                json_decref(ok);
                if (!tmp)
                    w->failed = 1;
            } else {
                x = respell(w, v, what);
            }
            if (x)
                set(w, obj, hk, x);
        }
        else if (!hk)
            nc_warn(w->o, 0, 0, "json%s%s%s cannot hold %s field '%s' (of '%s'): dropped",
                    w->v1 ? " (ninjs " : "", w->v1 ? w->version : "", w->v1 ? ")" : "", what,
                    k, name ? name : "");
    }
    json_decref(d);
}

/* The value of key in the details text (a new reference), or NULL. */
static json_t *details_get(wr *w, const char *text, const char *key)
{
    json_t *d = details_load(w, text), *v = json_incref(json_object_get(d, key));
    json_decref(d);
    return v;
}

/* 1 when the details text has "ninjs:<key>". */
static int details_has(wr *w, const char *text, const char *key)
{
    char k[64];
    json_t *v;
    snprintf(k, sizeof k, "%s%s", NCP_JSON_NS, key);
    v = details_get(w, text, k);
    json_decref(v);
    return v != NULL;
}

/* ---- subjects, entities, genres ---- */

static const struct entity_list {
    nc_subject_type type;
    const char *key, *what;
    const char *const *fields; /* its keys beside name, uri, literal */
} entity_lists[] = {
    {NC_SUBJECT_TOPIC, "subjects", "subject",
     (const char *const[]){"rel", "creator", "relevance", "confidence", NULL}},
    {NC_SUBJECT_PERSON, "people", "person", (const char *const[]){"rel", "contactInfo", NULL}},
    {NC_SUBJECT_ORGANISATION, "organisations", "organisation",
     (const char *const[]){"rel", "symbols", "contactInfo", NULL}},
    {NC_SUBJECT_PLACE, "places", "place",
     (const char *const[]){"rel", "contactInfo", "geoJSON", NULL}},
    {NC_SUBJECT_EVENT, "events", "event", (const char *const[]){"rel", "id", NULL}},
    {NC_SUBJECT_OBJECT, "objects", "object", (const char *const[]){"rel", NULL}},
};

static const struct entity_list genre_list = {NC_SUBJECT_TOPIC, "genres", "genre",
                                              (const char *const[]){NULL}};
static const struct entity_list dst_list = {NC_SUBJECT_TOPIC, "digitalSourceType",
                                            "digital source type", (const char *const[]){NULL}};

/* A 0..100 attribute, when set and the list has the field. */
static void set_percent(wr *w, json_t *o, const struct entity_list *l, const char *key, int v,
                        const char *name)
{
    if (v == NC_UNSET)
        return;
    if (ncp_json_one_of(key, l->fields) && v >= 0 && v <= 100)
        set(w, o, key, json_integer(v));
    else
        nc_warn(w->o, 0, 0, "json cannot hold the %s %d of %s '%s': dropped", key, v, l->what,
                name);
}

static void set_attr(wr *w, json_t *o, const struct entity_list *l, const char *key,
                     const char *v, const char *name)
{
    if (!v)
        return;
    if (ncp_json_one_of(key, l->fields))
        set_str(w, o, key, v);
    else
        nc_warn(w->o, 0, 0, "json cannot hold the %s '%s' of %s '%s': dropped", key, v,
                l->what, name);
}

static json_t *entity(wr *w, const nc_subject *s, const struct entity_list *l)
{
    json_t *o;
    const char *name = s->name ? s->name : s->code ? s->code : "";
    if (!s->name && !s->code && !s->uri) {
        if (s->scheme)
            nc_warn(w->o, 0, 0, "json cannot hold a %s with only a scheme ('%s'): dropped",
                    l->what, s->scheme);
        if (s->details)
            nc_warn(w->o, 0, 0, "json cannot hold a %s without name or code: dropped",
                    l->what);
        return NULL;
    }
    o = new_obj(w);
    set_str(w, o, "name", s->name);
    set_attr(w, o, l, "rel", s->rel, name);
    code_fields(w, o, s, l->what);
    set_attr(w, o, l, "creator", s->creator, name);
    set_percent(w, o, l, "relevance", s->relevance, name);
    set_percent(w, o, l, "confidence", s->confidence, name);
    write_details(w, o, s->details, l->fields, l->what, name);
    return o;
}

/* Authors that a ninjs document listed among its people. */
static int author_from_people(wr *w, const nc_author *au)
{
    json_t *v = details_get(w, au->details, NCP_JSON_NS "from");
    int yes = json_is_string(v) && !strcmp(json_string_value(v), "people");
    json_decref(v);
    return yes;
}

static void write_subjects(wr *w, json_t *root)
{
    const nc_article *a = w->a;
    json_t *arr;
    size_t i, l;
    for (l = 0; l < sizeof entity_lists / sizeof entity_lists[0]; l++) {
        arr = json_array();
        if (entity_lists[l].type == NC_SUBJECT_PERSON) {
            for (i = 0; i < a->n_authors; i++) {
                const nc_author *au = &a->authors[i];
                json_t *o;
                if (!author_from_people(w, au))
                    continue;
                o = new_obj(w);
                set_str(w, o, "name", au->name);
                set_str(w, o, "rel", au->role);
                if (au->url && w->v1)
                    nc_warn(w->o, 0, 0, "json (ninjs %s) cannot hold the uri '%s' of person "
                            "'%s': dropped", w->version, au->url, au->name ? au->name : "");
                else if (au->url)
                    set_uri(w, o, "uri", au->url);
                /* the literal too: an author has no code field, it stays in details */
                write_details(w, o, au->details,
                              (const char *const[]){"rel", "contactInfo", "literal", NULL},
                              "person", au->name);
                push(w, arr, o);
            }
        }
        for (i = 0; i < a->n_subjects; i++) {
            json_t *o;
            if (a->subjects[i].type != entity_lists[l].type)
                continue;
            if ((o = entity(w, &a->subjects[i], &entity_lists[l])) != NULL)
                push(w, arr, o);
        }
        if (entity_lists[l].type == NC_SUBJECT_TOPIC) {
            if (a->str[NC_F_SECTION] && !w->sd) /* the dialect: its service (build) */
                push(w, arr, named_rel(w, a->str[NC_F_SECTION], NCP_JSON_REL_SECTION));
            for (i = 0; i < a->n_keywords && !w->sd; i++) /* the dialect: its keywords */
                if (a->keywords[i] && *a->keywords[i])
                    push(w, arr, named_rel(w, a->keywords[i], NCP_JSON_REL_KEYWORD));
        }
        set_array(w, root, entity_lists[l].key, arr);
    }

    arr = json_array();
    for (i = 0; i < a->n_genres; i++) {
        json_t *o = entity(w, &a->genres[i], &genre_list);
        if (o)
            push(w, arr, o);
    }
    set_array(w, root, "genres", arr);
}

/* digitalSourceType (3.1, 2.2). */
static void write_digital_source_type(wr *w, json_t *root)
{
    const nc_subject *d = &w->a->digital_source_type;
    json_t *o;
    if (!d->name && !d->code)
        return;
    if (w->no_dst) {
        nc_warn(w->o, 0, 0, "json (ninjs %s) cannot hold digital_source_type '%s': dropped "
                "(ninjs 3.1 and 2.2 can)", w->version, d->code ? d->code : d->name);
        return;
    }
    if ((o = entity(w, d, &dst_list)) != NULL)
        set(w, root, "digitalSourceType", o);
}

/* ---- parties, classification ---- */

static void write_info_sources(wr *w, json_t *root)
{
    const nc_article *a = w->a;
    json_t *arr = json_array();
    size_t i;
    for (i = 0; i < a->n_authors && !w->sd; i++) { /* the dialect: its authors */
        const nc_author *au = &a->authors[i];
        json_t *o, *ci, *given;
        if (author_from_people(w, au))
            continue; /* written among the people */
        o = new_obj(w);
        set_str(w, o, "name", au->name);
        set_str(w, o, w->v1 ? "rel" : "role", au->role); /* 1.x: rel */
        given = details_get(w, au->details, "contactInfo");
        if (json_is_array(given)) {
            /* the contact details as given; the url and affiliation came from them unless
             * they are not there */
            size_t j;
            json_t *c;
            int url_in = 0;
            json_array_foreach(given, j, c) {
                const char *v = json_string_value(json_object_get(c, "value"));
                url_in |= v && au->url && !strcmp(v, au->url);
            }
            if (au->url && !url_in && w->v1)
                nc_warn(w->o, 0, 0, "json (ninjs %s) cannot hold the uri '%s' of info source "
                        "'%s' beside its contact details: dropped", w->version, au->url,
                        au->name ? au->name : "");
            else if (au->url && !url_in)
                set_uri(w, o, "uri", au->url);
            set(w, o, "contactInfo", given);
            write_details(w, o, au->details,
                          (const char *const[]){"literal", "contactInfo", NULL}, "author",
                          au->name);
            push(w, arr, o);
            continue;
        }
        json_decref(given);
        write_details(w, o, au->details, (const char *const[]){"literal", NULL}, "author",
                      au->name);
        ci = json_array();
        if (au->url && ncp_json_is_uri(au->url) && !w->v1) { /* 1.x: no uri */
            set_str(w, o, "uri", au->url);
        } else if (au->url) {
            json_t *c = new_obj(w);
            set_str(w, c, "type", "url");
            set_str(w, c, "value", au->url);
            push(w, ci, c);
        }
        if (au->affiliation) {
            json_t *c = new_obj(w);
            set_str(w, c, "type", "affiliation");
            set_str(w, c, "value", au->affiliation);
            push(w, ci, c);
        }
        set_array(w, o, "contactInfo", ci);
        push(w, arr, o);
    }
    if (a->str[NC_F_PROVIDER] && !w->sd) { /* the dialect: its source */
        json_t *o = new_obj(w);
        set_str(w, o, "name", a->str[NC_F_PROVIDER]);
        set_str(w, o, w->v1 ? "rel" : "role", "provider");
        push(w, arr, o);
    }
    if (a->str[NC_F_PUBLISHER]) {
        json_t *o = new_obj(w);
        set_str(w, o, "name", a->str[NC_F_PUBLISHER]);
        set_str(w, o, w->v1 ? "rel" : "role", "publisher");
        push(w, arr, o);
    }
    set_array(w, root, "infoSources", arr);
}


/* ---- associations: media, then related articles ---- */

/* The rendition fields of ninjs 3.x beyond those of the model (kept in details). */
static const char *const rendition_fields3[] = {"aspectRatio", "videoCodec", "frameRate", "poi",
                                                "transportProtocol", "scanType", "bitrate",
                                                NULL};
static const char *const no_fields[] = {NULL};

static json_t *rendition(wr *w, const char *name, const char *href, const char *mime,
                         int width, int height, const nc_rendition *more)
{
    json_t *o = new_obj(w);
    set_str(w, o, "name", name);
    set_uri(w, o, "href", href);
    set_str(w, o, "contentType", mime);
    if (width > 0)
        set(w, o, "width", json_integer(width));
    if (height > 0)
        set(w, o, "height", json_integer(height));
    set_str(w, o, "title", more->title);
    if (more->size > 0)
        set(w, o, "sizeInBytes", json_integer((json_int_t)more->size));
    if (more->duration > 0)
        set(w, o, "duration", more->duration == (double)(json_int_t)more->duration
                                  ? json_integer((json_int_t)more->duration)
                                  : json_real(more->duration));
    set_str(w, o, "format", more->format);
    write_details(w, o, more->details, w->v2 ? no_fields : rendition_fields3, "rendition",
                  name);
    return o;
}

/* The renditions of m: the main one (its own name, else "main") at its place. */
static json_t *renditions(wr *w, const nc_media *m)
{
    json_t *arr = json_array(), *pos = details_get(w, m->main.details, NCP_JSON_NS "position");
    size_t j, at = json_is_integer(pos) && json_integer_value(pos) > 0
                       ? (size_t)json_integer_value(pos) : 0;
    int has_main = m->href || m->mime || m->width > 0 || m->height > 0;
    json_decref(pos);
    for (j = 0; j <= m->n_renditions; j++) {
        char rname[48];
        const nc_rendition *r;
        if (has_main && (j == at || (j == m->n_renditions && at > m->n_renditions)))
            push(w, arr, rendition(w, m->main.name ? m->main.name : "main", m->href, m->mime,
                                   m->width, m->height, &m->main));
        if (j == m->n_renditions)
            break;
        r = &m->renditions[j];
        snprintf(rname, sizeof rname, "rendition-%zu", j + 1);
        push(w, arr, rendition(w, r->name ? r->name : rname, r->href, r->mime, r->width,
                               r->height, r));
    }
    return arr;
}

/* The item types of ninjs (newsObjectType) that an article or its media can have. */
static const char *const item_types[] = {"text", "audio", "video", "picture", "graphic",
                                         "composite", "component", NULL};

/* The type to write: given as one of item_types (its spelling), else fallback. */
static const char *item_type(wr *w, const char *given, const char *fallback, const char *what)
{
    size_t i;
    if (!given)
        return fallback;
    if (w->sd)
        return given; /* the dialect's types are its own (Superdesk: "preformatted", ...) */
    for (i = 0; item_types[i]; i++)
        if (!ncp_strcasecmp(given, item_types[i]))
            return item_types[i];
    nc_warn(w->o, 0, 0, "json cannot hold the %s type '%s' (not a ninjs type): written as %s",
            what, given, fallback);
    return fallback;
}

/* 1 when the string s is a "value" of the array raw or raw itself (a "by"). */
static int raw_has(json_t *raw, const char *s)
{
    size_t i;
    json_t *e;
    if (json_is_string(raw))
        return !strcmp(json_string_value(raw), s);
    json_array_foreach(raw, i, e) {
        const char *v = json_string_value(json_object_get(e, "value"));
        if (v && !strcmp(v, s))
            return 1;
    }
    return 0;
}

/* ninjs 1.x: the {role, contentType, value} items of arr (headlines, descriptions or
 * bodies in the 3.x form; taken) as keys of obj: the first main headline as "headline",
 * the first summary (or caption, ...) as "description_text", an HTML description as
 * "description_html" unless its role says html, the others as "<what>_<role>" with the
 * characters of the role outside [A-Za-z0-9_] as '_'. */
static void set_roles1(wr *w, json_t *obj, const char *what, json_t *arr)
{
    /* the roles the reader takes for the main headline, and for the summary or caption */
    static const char *const main_roles1[] = {"main", "headline", "simple", "title", "", NULL};
    static const char *const summary_roles1[] = {
        "summary", "text", "abstract", "teaser", "lead", "standfirst", "description",
        "caption", "main", "", NULL};
    size_t i, j;
    json_t *e;
    int desc = !strcmp(what, "description");
    json_array_foreach(arr, i, e) {
        const char *role = json_string_value(json_object_get(e, "role"));
        const char *ct = json_string_value(json_object_get(e, K(w, "contentType")));
        json_t *value = json_object_get(e, "value");
        char key[80];
        if (!json_is_string(value))
            continue;
        if (!role)
            role = "";
        if (!strcmp(what, "headline") && ncp_json_one_of(role, main_roles1) &&
            !json_object_get(obj, "headline"))
            snprintf(key, sizeof key, "headline");
        else if (desc && ct && strstr(ct, "html") && !strstr(role, "html"))
            snprintf(key, sizeof key, "description_html");
        else if (desc && ncp_json_one_of(role, summary_roles1) &&
                 !json_object_get(obj, "description_text"))
            snprintf(key, sizeof key, "description_text");
        else
            snprintf(key, sizeof key, "%s_%s", what, *role ? role : "other");
        for (j = strlen(what); key[j]; j++)
            if (!is_alpha(key[j]) && !is_digit(key[j]))
                key[j] = '_';
        if (json_object_get(obj, key))
            nc_warn(w->o, 0, 0, "json (ninjs %s) cannot hold a second %s: '%s' dropped",
                    w->version, key, json_string_value(value));
        else if (json_object_set(obj, key, value) < 0)
            w->failed = 1;
    }
    json_decref(arr);
}

/* The descriptions a 1.x association gave as keys of its own (details
 * "ninjs:description_<role>", as description_xhtml beside description_text), appended to
 * arr as {role, contentType, value} items (text/html when the role says html). */
static void details_descriptions(wr *w, const char *details, json_t *arr)
{
    json_t *d = details_load(w, details), *v;
    const char *k;
    size_t plen = strlen(NCP_JSON_NS "description_");
    json_object_foreach(d, k, v) {
        const char *role = k + plen;
        if (strncmp(k, NCP_JSON_NS "description_", plen) || !*role || !json_is_string(v))
            continue;
        push(w, arr, role_value(w, role, strstr(role, "html") ? "text/html" : NULL,
                                json_string_value(v)));
    }
    json_decref(d);
}

/* ninjs 1.x media: the title as "headline" (with the headlines the association gave), the
 * caption as description_text, the alt text as description_alt, the credit as byline
 * (description_creditline beside a byline of the input's own). */
static void media_texts1(wr *w, json_t *o, const nc_media *m, json_t *raw_desc,
                         json_t *raw_head, json_t *raw_by)
{
    json_t *heads = json_is_array(raw_head) ? respell(w, raw_head, "media") : json_array();
    json_t *descs = json_is_array(raw_desc) ? respell(w, raw_desc, "media") : json_array();
    if (m->title && !raw_has(heads, m->title))
        push(w, heads, role_value(w, "main", NULL, m->title));
    if (m->caption && !raw_has(descs, m->caption))
        push(w, descs, role_value(w, "summary", NULL, m->caption));
    if (m->alt && !raw_has(descs, m->alt))
        push(w, descs, role_value(w, "alt", NULL, m->alt));
    details_descriptions(w, m->details, descs);
    if (json_is_string(raw_by))
        set(w, o, "by", json_incref(raw_by)); /* here, where a 1.x byline is read back */
    if (m->credit && !raw_has(descs, m->credit) && !raw_has(raw_by, m->credit)) {
        if (raw_by)
            push(w, descs, role_value(w, "creditline", NULL, m->credit));
        else
            set_str(w, o, "by", m->credit);
    }
    set_roles1(w, o, "headline", heads);
    set_roles1(w, o, "description", descs);
}

/* ninjs 1.x: the array of named objects arr (renditions, associations; taken) as an
 * object keyed by their names. A name the schema does not take as a key (it must start
 * with [A-Za-z0-9_]) or one already used is written with a '_' before or a number after,
 * with a warning. */
static json_t *keyed1(wr *w, json_t *arr, const char *what)
{
    json_t *obj = new_obj(w), *e;
    size_t i;
    nc_buf key = NC_BUF_INIT;
    json_array_foreach(arr, i, e) {
        const char *name = json_string_value(json_object_get(e, "name"));
        int c = name ? (unsigned char)name[0] : 0;
        nc_buf_clear(&key);
        if (!is_alpha(c) && !is_digit(c) && c != '_')
            nc_buf_putc(&key, '_');
        nc_buf_puts(&key, name ? name : "");
        if (json_object_get(obj, key.ptr))
            nc_buf_printf(&key, "_%zu", i + 1);
        if (key.failed || !key.ptr) {
            w->failed = 1;
            break;
        }
        if (!name || strcmp(name, key.ptr))
            nc_warn(w->o, 0, 0, "json (ninjs %s) cannot hold the %s name '%s': written as "
                    "'%s'", w->version, what, name ? name : "", key.ptr);
        json_object_del(e, "name");
        if (!obj || json_object_set(obj, key.ptr, e) < 0)
            w->failed = 1;
    }
    nc_buf_release(&key);
    json_decref(arr);
    return obj;
}

/* Sets obj.renditions to arr when it has items (1.x: as an object keyed by name). */
static void set_renditions(wr *w, json_t *obj, json_t *arr)
{
    if (w->v1 && json_array_size(arr))
        set(w, obj, "renditions", keyed1(w, arr, "rendition"));
    else
        set_array(w, obj, "renditions", arr);
}

static json_t *media_association(wr *w, const nc_media *m, int n)
{
    json_t *o = new_obj(w), *arr, *raw_desc, *raw_head, *raw_by;
    const char *kind = nc_media_kind_name(m->kind);
    char name[48];
    snprintf(name, sizeof name, "%s-%d", kind, n);
    set_str(w, o, "name", m->name ? m->name : name);
    if (m->id)
        set_uri(w, o, "uri", m->id);
    else if (w->sd)
        ; /* the dialect's items have a guid (in the details), the renditions the href */
    else if (m->href)
        set_uri(w, o, "uri", m->href);
    else
        set_str(w, o, "uri", NCP_JSON_URN_NONE);
    set_str(w, o, "type", item_type(w, m->type, kind, "media"));
    if (w->sd && m->mime && !details_has(w, m->details, "mimetype"))
        set_str(w, o, "mimetype", m->mime);
    if (m->rel && !w->v2)
        set_str(w, o, "rel", m->rel);
    else if (m->rel)
        nc_warn(w->o, 0, 0, "json (ninjs %s) cannot hold the rel '%s' of media '%s': dropped",
                w->version, m->rel, m->name ? m->name : name);
    /* descriptions, headlines and by as the input gave them, with what they lack */
    raw_desc = details_get(w, m->details, NCP_JSON_NS "descriptions");
    raw_head = details_get(w, m->details, NCP_JSON_NS "headlines");
    raw_by = details_get(w, m->details, NCP_JSON_NS "by");
    if (w->v1) {
        media_texts1(w, o, m, raw_desc, raw_head, raw_by);
    } else {
        if (m->title && !raw_has(raw_head, m->title))
            set_str(w, o, "title", m->title);
        arr = json_is_array(raw_desc) ? respell(w, raw_desc, "media") : json_array();
        if (m->caption && !raw_has(arr, m->caption))
            push(w, arr, role_value(w, "caption", "text/plain", m->caption));
        if (m->alt && !raw_has(arr, m->alt))
            push(w, arr, role_value(w, "alt", NULL, m->alt));
        if (m->credit && !raw_has(arr, m->credit) && !raw_has(raw_by, m->credit))
            push(w, arr, role_value(w, "creditline", NULL, m->credit));
        set_array(w, o, "descriptions", arr);
    }
    json_decref(raw_desc);
    json_decref(raw_head);
    json_decref(raw_by);
    set_renditions(w, o, renditions(w, m));
    write_details(w, o, m->details, w->v1 ? item_fields1 : item_fields, "media",
                  m->name ? m->name : name);
    return o;
}

/* The details the reader kept of related item n (1-based) of a ninjs document (the "links"
 * of "ninjs:forms", reader.c keep_link_fields), or NULL. */
static json_t *link_details(wr *w, int n)
{
    json_t *forms = forms_of(w), *d;
    char idx[32];
    snprintf(idx, sizeof idx, "%d", n - 1);
    d = json_incref(json_object_get(json_object_get(forms, "links"), idx));
    json_decref(forms);
    if (!json_is_object(d)) {
        json_decref(d);
        return NULL;
    }
    return d;
}

/* ninjs 1.x: the headlines and descriptions of a related item's details (3.x lists, or
 * 1.x description_<role> keys as given: write_details leaves them to media_texts1) as
 * keys of obj, taken out of det. */
static void link_texts1(wr *w, json_t *obj, json_t *det)
{
    json_t *hl = json_object_get(det, NCP_JSON_NS "headlines"), *v;
    json_t *ds = json_object_get(det, NCP_JSON_NS "descriptions");
    const char *k;
    void *tmp;
    size_t pl = strlen(NCP_JSON_NS "description_");
    if (json_is_array(ds))
        set_roles1(w, obj, "description", respell(w, ds, "association"));
    if (json_is_array(hl))
        set_roles1(w, obj, "headline", respell(w, hl, "association"));
    json_object_del(det, NCP_JSON_NS "descriptions");
    json_object_del(det, NCP_JSON_NS "headlines");
    json_object_foreach_safe(det, tmp, k, v) {
        if (!strncmp(k, NCP_JSON_NS "description_", pl) && k[pl] && json_is_string(v)) {
            set_str(w, obj, k + strlen(NCP_JSON_NS), json_string_value(v));
            json_object_del(det, k);
        }
    }
}

static json_t *link_association(wr *w, const nc_link *l, int n)
{
    json_t *o = new_obj(w), *det = link_details(w, n);
    const char *given = json_string_value(json_object_get(det, NCP_JSON_NS "name"));
    const char *type = json_string_value(json_object_get(det, NCP_JSON_NS "type"));
    nc_buf name = NC_BUF_INIT;
    /* 2.x associations have no "rel": the name carries it ("related-1"), unless the input
     * gave another */
    if (given)
        nc_buf_puts(&name, given);
    else
        nc_buf_printf(&name, "%s-%d", l->rel && *l->rel ? l->rel : "link", n);
    if (name.failed)
        w->failed = 1;
    set_str(w, o, "name", name.ptr);
    set_str(w, o, "uri", l->href ? uri_value(w, l->href)
                         : w->sd && det ? NULL : NCP_JSON_URN_NONE);
    if (!w->v2)
        set_str(w, o, "rel", l->rel);
    set_str(w, o, "type", type ? type : "text");
    if (l->title && w->v1) {
        set_str(w, o, "headline", l->title);
    } else if (l->title) {
        json_t *arr = json_array();
        push(w, arr, role_value(w, "main", NULL, l->title));
        set_array(w, o, "headlines", arr);
    }
    if (det) {
        /* the related item's other fields as the input gave them; its headlines and
         * descriptions in the form of the version written (1.x: keys of their own) */
        char *text;
        json_t *hl = json_object_get(det, NCP_JSON_NS "headlines");
        json_object_del(det, NCP_JSON_NS "name");
        json_object_del(det, NCP_JSON_NS "type");
        if (w->v1) {
            link_texts1(w, o, det);
        } else if (json_is_array(hl)) {
            json_object_del(o, "headlines"); /* the list holds the title too */
        }
        text = json_object_size(det) ? ncp_json_dumps(det, JSON_COMPACT | JSON_SORT_KEYS)
                                     : NULL;
        if (text)
            write_details(w, o, text, w->v1 ? item_fields1 : item_fields, "association",
                          name.ptr);
        else if (json_object_size(det))
            w->failed = 1;
        free(text);
        json_decref(det);
    }
    nc_buf_release(&name);
    return o;
}

static json_t *details_get(wr *w, const char *text, const char *key);

/* 1 when the first media holds the renditions a ninjs text item gave as its own (the
 * reader marks them "from": "renditions"). */
static int is_own_renditions(wr *w, const nc_article *a)
{
    const nc_media *m = a->n_media ? &a->media[0] : NULL;
    json_t *v;
    int yes;
    if (!m || !m->details || m->name || m->id || m->rel || m->caption || m->credit ||
        m->alt || m->title)
        return 0;
    v = details_get(w, m->details, NCP_JSON_NS "from");
    yes = json_is_string(v) && !strcmp(json_string_value(v), "renditions");
    json_decref(v);
    return yes;
}

/* 1 when the item is itself its first media (a picture item, ...), or that media holds
 * the item's own renditions (is_own_renditions): its renditions are the item's own. */
static int is_root_media(wr *w, const nc_article *a)
{
    const nc_media *m = a->n_media ? &a->media[0] : NULL;
    if (is_own_renditions(w, a))
        return 1;
    return m && a->item_type && !m->name && !m->id && !m->details && !m->rel &&
           nc_media_kind_from_name(a->item_type) == (int)m->kind &&
           ncp_strcasecmp(a->item_type, "image") && ncp_strcasecmp(a->item_type, "photo");
}

static void write_associations(wr *w, json_t *root)
{
    const nc_article *a = w->a;
    json_t *arr = json_array();
    int counts[NC_MEDIA_GRAPHIC + 1] = {0};
    size_t i;
    for (i = is_root_media(w, a) ? 1 : 0; i < a->n_media; i++) {
        unsigned k = (unsigned)a->media[i].kind <= NC_MEDIA_GRAPHIC ? a->media[i].kind : 0;
        push(w, arr, media_association(w, &a->media[i], ++counts[k]));
    }
    for (i = 0; i < a->n_links; i++)
        push(w, arr, link_association(w, &a->links[i], (int)i + 1));
    if (w->v1 && json_array_size(arr))
        set(w, root, "associations", keyed1(w, arr, "association"));
    else
        set_array(w, root, "associations", arr);
}

/* ---- extra fields that ninjs holds: what the reader keeps of a ninjs document ---- */

/* The extra string under key, or NULL. */
static const char *extra_str(const nc_article *a, const char *key)
{
    size_t i;
    for (i = 0; i < a->n_extra; i++)
        if (!a->extra[i].json && !strcmp(a->extra[i].key, key))
            return a->extra[i].value;
    return NULL;
}

static json_t *formed(wr *w, const char *field, json_t *hv);

/* Extras "<prefix><role>" (headline_, description_, altid_) as {role, value} items, in
 * the form the input gave them (its role's case, its content type: "ninjs:forms"). */
static void extra_roles(wr *w, json_t *arr, const char *prefix)
{
    size_t i, plen = strlen(prefix);
    for (i = 0; i < w->a->n_extra; i++) {
        const nc_kv *kv = &w->a->extra[i];
        if (!kv->json && !strncmp(kv->key, prefix, plen) && kv->key[plen])
            push(w, arr, formed(w, kv->key, role_value(w, kv->key + plen, NULL, kv->value)));
    }
}

/* An extra rightsInfo (as the reader keeps it) that is valid ninjs rightsInfo: the
 * object to write, else NULL. */
static json_t *rights_info(wr *w, const nc_kv *kv)
{
    json_t *in, *out, *v;
    const char *k;
    int linked = 0, encoded = 0;
    if (!kv->json || ncp_strcasecmp(kv->key, "rightsInfo"))
        return NULL;
    in = json_loads(kv->value, 0, NULL);
    if (ncp_json_alloc_failed())
        w->failed = 1;
    if (!json_is_object(in)) {
        json_decref(in);
        return NULL;
    }
    out = new_obj(w);
    json_object_foreach(in, k, v) {
        const char *s = json_string_value(v);
        const char *key = !ncp_strcasecmp(k, "langId")          ? "langId"
                          : !ncp_strcasecmp(k, "linkedRights")  ? "linkedRights"
                          : !ncp_strcasecmp(k, "encodedRights") ? "encodedRights"
                                                                : NULL;
        if (!key || !s || json_object_get(out, K(w, key)) ||
            (strcmp(key, "encodedRights") && !ncp_json_is_uri(s)))
            goto bad;
        linked += !strcmp(key, "linkedRights");
        encoded += !strcmp(key, "encodedRights");
        set_str(w, out, key, s);
    }
    if (linked + encoded != 1)
        goto bad;
    json_decref(in);
    return out;
bad:
    json_decref(in);
    json_decref(out);
    return NULL;
}

/* The ninjs key of an extra "ninjs:<key>" that the document may hold, or NULL ("mimetype",
 * the item's MIME type, is 1.x's alone). */
static const char *ninjs_extra(const wr *w, const char *key)
{
    static const char *const keys[] = {"representationType", "trustIndicators", NULL};
    const char *const *k;
    if (strncmp(key, NCP_JSON_NS, strlen(NCP_JSON_NS)))
        return NULL;
    if (w->v1 && !strcmp(key + strlen(NCP_JSON_NS), "mimetype"))
        return "mimetype";
    for (k = keys; *k; k++)
        if (!strcmp(key + strlen(NCP_JSON_NS), *k))
            return *k;
    return NULL;
}

/* The dialect's fields the reader keeps as extra "ninjs:<key>" (read_id_keys,
 * read_urgency, read_classification, keep_unplaced_fields). charcount and wordcount are
 * 1.x's too. */
static const char *const dialect_extras[] = {"guid", "id", "priority", "service", "charcount",
                                             "wordcount", "readtime", "annotations", NULL};

/* 1 when the key of an extra is one of the dialect's own fields of "ninjs:forms" "extra"
 * (the names of the fields that came in its extra object). */
static int from_extra_object(wr *w, const char *key)
{
    json_t *forms = forms_of(w), *names = json_object_get(forms, "extra"), *e;
    size_t i;
    int yes = 0;
    json_array_foreach(names, i, e) {
        if (json_is_string(e) && !strcmp(json_string_value(e), key))
            yes = 1;
    }
    json_decref(forms);
    return yes;
}

/* 1 when "ninjs:service" names no more than the section: [{"name": <section>}]. */
static int service_is_section(wr *w, const nc_kv *kv)
{
    json_t *v = kv->json ? json_loads(kv->value, 0, NULL) : NULL, *e = json_array_get(v, 0);
    const char *name = json_string_value(json_object_get(e, "name"));
    int yes = json_array_size(v) == 1 && json_object_size(e) == 1 && name &&
              w->a->str[NC_F_SECTION] && !strcmp(name, w->a->str[NC_F_SECTION]);
    json_decref(v);
    return yes;
}

/* 1 for an extra that build writes in a place of its own: a valid rightsInfo, and the
 * reader's profile, ninjs_title, headline_<role>, description_<role>, altid_<role>. */
static int placed_by_build(wr *w, const nc_kv *kv)
{
    static const char *const prefixes[] = {"headline_", "description_", "altid_", NULL};
    const char *const *p;
    json_t *ri = rights_info(w, kv);
    if (ri) {
        json_decref(ri);
        return 1;
    }
    if (kv->json)
        return 0;
    for (p = prefixes; *p; p++)
        if (!strncmp(kv->key, *p, strlen(*p)) && kv->key[strlen(*p)])
            return 1;
    return !strcmp(kv->key, "profile") || !strcmp(kv->key, "ninjs_title");
}

static int extra_held(wr *w, const nc_kv *kv)
{
    const char *nk = !strncmp(kv->key, NCP_JSON_NS, strlen(NCP_JSON_NS))
                         ? kv->key + strlen(NCP_JSON_NS) : NULL;
    if (placed_by_build(w, kv))
        return 1;
    if (nk && ncp_json_one_of(nk, dialect_extras))
        return w->sd || (w->v1 && (!strcmp(nk, "charcount") || !strcmp(nk, "wordcount"))) ||
               (!strcmp(nk, "service") && service_is_section(w, kv));
    if (w->sd && !strchr(kv->key, ':'))
        return 1; /* the dialect's extra object, or a key of its own (write_dialect) */
    /* ninjs's own fields, JSON values (written by the reader) */
    if (ninjs_extra(w, kv->key) || !strcmp(kv->key, NCP_JSON_NS "forms"))
        return 1;
    return w->v1 && kv->json && !strcmp(kv->key, "trustindicator"); /* as 1.x gave it */
}

/* The title: extra ninjs_title, else the headline when the input's title repeated it
 * ("title": true in "ninjs:forms"). */
static const char *title_of(wr *w)
{
    const nc_article *a = w->a;
    const char *t = extra_str(a, "ninjs_title");
    json_t *forms;
    if (t || !a->str[NC_F_HEADLINE] || !(forms = forms_of(w)))
        return t;
    if (json_is_true(json_object_get(forms, "title")))
        t = a->str[NC_F_HEADLINE];
    json_decref(forms);
    return t;
}

/* The headline, subheadline or summary item hv in the form the input gave it (extra
 * "ninjs:forms", written by the reader): its role and content type replaced. */
static json_t *formed(wr *w, const char *field, json_t *hv)
{
    const char *k;
    json_t *forms, *form, *v, *value;
    if (!hv || w->v1 || !(forms = forms_of(w)))
        return hv; /* 1.x: the key says the role */
    form = json_object_get(forms, field);
    if (json_is_object(form) && (value = json_incref(json_object_get(hv, "value")))) {
        json_object_clear(hv);
        json_object_foreach(form, k, v) {
            if (json_is_string(v) && (!strcmp(k, "role") || !strcmp(k, "contentType")))
                set(w, hv, k, json_incref(v));
        }
        set(w, hv, "value", value);
    }
    json_decref(forms);
    return hv;
}

/* The HTML description the input gave beside the plain summary ("summary_html" in
 * "ninjs:forms"), appended to arr while the summary is the one it renders. */
static void summary_twin(wr *w, json_t *arr)
{
    json_t *forms = forms_of(w), *twin = json_object_get(forms, "summary_html"), *v;
    const char *k, *of = json_string_value(json_object_get(twin, "of"));
    if (of && w->a->str[NC_F_SUMMARY] && !strcmp(of, w->a->str[NC_F_SUMMARY])) {
        json_t *item = new_obj(w);
        json_object_foreach(twin, k, v) {
            if (strcmp(k, "of") && json_is_string(v))
                set(w, item, k, json_incref(v));
        }
        push(w, arr, item);
    }
    json_decref(forms);
}

/* ---- the document ---- */

/* The representation type v in the version written: 2.x/3.x full and partial are 1.x
 * complete and incomplete. Another value is written as given (the schema's enum says). */
static const char *representation_type(wr *w, const char *v)
{
    static const char *const pairs[][2] = {{"full", "complete"}, {"partial", "incomplete"}};
    size_t i;
    for (i = 0; i < 2; i++)
        if (!strcmp(v, pairs[i][0]) || !strcmp(v, pairs[i][1]))
            return pairs[i][w->v1];
    return v;
}

/* ninjs 1.x: the altIds items of arr ({role, value}; taken) as the object {role: value}. */
static void set_alt_ids1(wr *w, json_t *root, json_t *arr)
{
    json_t *obj = new_obj(w), *e;
    size_t i;
    json_array_foreach(arr, i, e) {
        const char *role = json_string_value(json_object_get(e, "role"));
        json_t *value = json_object_get(e, "value");
        if (!role || json_object_get(obj, role))
            nc_warn(w->o, 0, 0, "json (ninjs %s) cannot hold a second alternative id of role "
                    "'%s': '%s' dropped", w->version, role ? role : "",
                    json_string_value(value));
        else if (!obj || json_object_set(obj, role, value) < 0)
            w->failed = 1;
    }
    json_decref(arr);
    if (json_object_size(obj))
        set(w, root, "altIds", obj);
    else
        json_decref(obj);
}

/* The trust indicators kept as extra: "ninjs:trustIndicators" (2.x/3.x: role, title, href;
 * 1.x has no role) or, in 1.x, "trustindicator" as a 1.x document gave it. */
static void write_trust_indicators(wr *w, json_t *root)
{
    size_t i, j;
    for (i = 0; i < w->a->n_extra; i++) {
        const nc_kv *kv = &w->a->extra[i];
        const char *k = ninjs_extra(w, kv->key);
        int ours = k && !strcmp(k, "trustIndicators");
        json_t *v, *e;
        if (!kv->json || !(ours || (w->v1 && !strcmp(kv->key, "trustindicator"))))
            continue;
        v = json_loads(kv->value, 0, NULL);
        json_array_foreach(ours && w->v1 ? v : NULL, j, e) {
            json_t *role = json_object_get(e, "role");
            if (json_is_string(role))
                nc_warn(w->o, 0, 0, "json (ninjs %s) cannot hold the role '%s' of a trust "
                        "indicator: dropped", w->version, json_string_value(role));
            json_object_del(e, "role");
        }
        if (json_is_array(v) && !json_object_get(root, K(w, "trustIndicators")))
            set(w, root, "trustIndicators", respell(w, v, "trust indicator"));
        json_decref(v);
    }
}

/* The headlines: main, subheadline and the ones kept as extras. */
static void write_headlines(wr *w, json_t *root)
{
    const char *const *s = w->a->str;
    json_t *arr = json_array();
    if (s[NC_F_HEADLINE])
        push(w, arr, formed(w, "headline", role_value(w, "main", NULL, s[NC_F_HEADLINE])));
    if (s[NC_F_SUBHEADLINE])
        push(w, arr, formed(w, "subheadline",
                            role_value(w, "subhead", NULL, s[NC_F_SUBHEADLINE])));
    extra_roles(w, arr, "headline_");
    if (w->v1)
        set_roles1(w, root, "headline", arr); /* headline, headline_<role> */
    else
        set_array(w, root, "headlines", arr);
}

/* The descriptions: summary (and its HTML twin), dateline, credit line, the caption,
 * alt text and credit of an item that is itself the picture, and the ones kept as
 * extras. */
static void write_descriptions(wr *w, json_t *root)
{
    const nc_article *a = w->a;
    const char *const *s = a->str;
    json_t *arr = json_array();
    if (s[NC_F_SUMMARY]) {
        push(w, arr, formed(w, "summary",
                            role_value(w, "summary", "text/plain", s[NC_F_SUMMARY])));
        summary_twin(w, arr);
    }
    if (s[NC_F_DATELINE])
        push(w, arr, role_value(w, "dateline", NULL, s[NC_F_DATELINE]));
    if (s[NC_F_CREDIT])
        push(w, arr, role_value(w, "creditline", NULL, s[NC_F_CREDIT]));
    if (is_root_media(w, a)) { /* the item is the picture: its caption, alt text, credit */
        const nc_media *m = &a->media[0];
        if (m->caption && !raw_has(arr, m->caption))
            push(w, arr, role_value(w, "caption", "text/plain", m->caption));
        if (m->alt && !raw_has(arr, m->alt))
            push(w, arr, role_value(w, "alt", NULL, m->alt));
        if (m->credit && !raw_has(arr, m->credit))
            push(w, arr, role_value(w, "creditline", NULL, m->credit));
        if (m->title)
            nc_warn(w->o, 0, 0, "json cannot hold the title of the item's own %s: dropped",
                    nc_media_kind_name(m->kind));
    }
    extra_roles(w, arr, "description_");
    if (w->v1)
        set_roles1(w, root, "description", arr); /* description_<role> */
    else
        set_array(w, root, "descriptions", arr);
}

/* ---- the vendor dialect (Superdesk's ninjs) ---- */

/* 1 when "ninjs:forms" has key: value. */
static int form_is(wr *w, const char *key, const char *value)
{
    json_t *forms = forms_of(w);
    const char *v = json_string_value(json_object_get(forms, key));
    int yes = v && !strcmp(v, value);
    json_decref(forms);
    return yes;
}

/* 1 when key is one of the "scalars" of "ninjs:forms" (an extra that was a number or a
 * boolean). */
static int was_scalar(wr *w, const char *key)
{
    json_t *forms = forms_of(w), *e;
    size_t i;
    int yes = 0;
    json_array_foreach(json_object_get(forms, "scalars"), i, e) {
        if (json_is_string(e) && !strcmp(json_string_value(e), key))
            yes = 1;
    }
    json_decref(forms);
    return yes;
}

/* The value of an extra as JSON: a structured one parsed, the dialect's numbers (priority,
 * counts, id) and the numbers and booleans of the input ("scalars" of "ninjs:forms") as
 * such, else the string. */
static json_t *extra_json(wr *w, const nc_kv *kv)
{
    static const char *const numbers[] = {NCP_JSON_NS "priority", NCP_JSON_NS "charcount",
                                          NCP_JSON_NS "wordcount", NCP_JSON_NS "readtime",
                                          NCP_JSON_NS "id", NULL};
    json_t *v;
    int scalar = !kv->json && was_scalar(w, kv->key);
    if (kv->json || scalar || ncp_json_one_of(kv->key, numbers)) {
        v = json_loads(kv->value, JSON_DECODE_ANY, NULL);
        if (ncp_json_alloc_failed())
            w->failed = 1;
        if (v && (kv->json || json_is_number(v) || (scalar && json_is_boolean(v))))
            return v;
        json_decref(v);
    }
    return jstr(w, kv->value);
}

/* The extra "ninjs:<key>" written as key (its first value). */
static void set_extra(wr *w, json_t *root, const char *nk, const char *key)
{
    size_t i;
    for (i = 0; i < w->a->n_extra; i++) {
        const nc_kv *kv = &w->a->extra[i];
        if (!strncmp(kv->key, NCP_JSON_NS, strlen(NCP_JSON_NS)) &&
            !strcmp(kv->key + strlen(NCP_JSON_NS), nk)) {
            if (!json_object_get(root, K(w, key)))
                set(w, root, key, extra_json(w, kv));
            return;
        }
    }
}

/* charcount and wordcount (1.x, the dialect), readtime (the dialect). */
static void write_counts(wr *w, json_t *root, int all)
{
    set_extra(w, root, "charcount", "charcount");
    set_extra(w, root, "wordcount", "wordcount");
    if (all)
        set_extra(w, root, "readtime", "readtime");
}

/* The id under the key the input gave it ("id" in "ninjs:forms"), else as the dialect's
 * guid; a guid or id beside it as given. */
static void write_dialect_id(wr *w, json_t *root)
{
    const char *id = w->a->str[NC_F_ID];
    char made[64];
    if (!id) {
        ncp_article_stable_id(w->a, made, sizeof made);
        id = made;
    }
    if (form_is(w, "id", "uri")) {
        set_uri(w, root, "uri", id);
    } else if (form_is(w, "id", "id")) {
        nc_kv kv = {NCP_JSON_NS "id", id, 0};
        set(w, root, "id", extra_json(w, &kv)); /* a number stays one */
    } else
        set_str(w, root, "guid", id);
    set_extra(w, root, "guid", "guid");
    set_extra(w, root, "id", "id");
}

/* The dialect's fields: authors, keywords, source, service, priority beside the urgency,
 * counts, annotations, the extra object and its keys of its own. */
static void write_dialect(wr *w, json_t *root)
{
    const nc_article *a = w->a;
    json_t *arr = json_array(), *extra = new_obj(w);
    size_t i;
    for (i = 0; i < a->n_authors; i++) {
        const nc_author *au = &a->authors[i];
        json_t *o;
        if (author_from_people(w, au))
            continue; /* written among the people */
        o = new_obj(w);
        set_str(w, o, "name", au->name);
        set_str(w, o, "role", au->role);
        set_str(w, o, "uri", au->url);
        set_str(w, o, "affiliation", au->affiliation);
        write_details(w, o, au->details, no_fields, "author", au->name);
        push(w, arr, o);
    }
    set_array(w, root, "authors", arr);
    arr = json_array();
    for (i = 0; i < a->n_keywords; i++)
        if (a->keywords[i] && *a->keywords[i])
            push(w, arr, jstr(w, a->keywords[i]));
    set_array(w, root, "keywords", arr);
    set_str(w, root, "source", a->str[NC_F_PROVIDER]);
    set_extra(w, root, "service", "service");
    if (a->str[NC_F_SECTION] && !json_object_get(root, "service")) {
        json_t *svc = json_array();
        push(w, svc, named_rel(w, a->str[NC_F_SECTION], NULL));
        set(w, root, "service", svc);
    }
    set_extra(w, root, "priority", "priority");
    write_counts(w, root, 1);
    set_extra(w, root, "annotations", "annotations");
    for (i = 0; i < a->n_extra; i++) {
        const nc_kv *kv = &a->extra[i];
        if (strchr(kv->key, ':') || json_object_get(root, kv->key) || placed_by_build(w, kv))
            continue;
        /* one of its extra object, or a key of its own, as given (its case too) */
        if (json_object_set_new(from_extra_object(w, kv->key) ? extra : root, kv->key,
                                extra_json(w, kv)) < 0)
            w->failed = 1;
    }
    if (extra && json_object_size(extra))
        set(w, root, "extra", extra);
    else
        json_decref(extra);
}

static json_t *build(wr *w)
{
    const nc_article *a = w->a;
    const char *const *s = a->str;
    json_t *root = new_obj(w), *o, *arr;
    char id[64];
    size_t i;

    if (w->sd) {
        write_dialect_id(w, root); /* the dialect declares no standard */
    } else {
        if (s[NC_F_ID]) {
            set_uri(w, root, "uri", s[NC_F_ID]);
        } else {
            ncp_article_stable_id(a, id, sizeof id);
            set_str(w, root, "uri", id);
        }
        o = new_obj(w);
        set_str(w, o, "name", "ninjs");
        set_str(w, o, "version", w->version);
        nc_buf_clear(&w->tmp);
        nc_buf_printf(&w->tmp, "http://www.iptc.org/std/ninjs/ninjs-schema_%s.json",
                      w->version);
        set_str(w, o, "schema", w->tmp.ptr);
        set(w, root, "standard", o);
    }
    set_str(w, root, "type", item_type(w, a->item_type,
                                       a->n_media > (size_t)is_own_renditions(w, a)
                                           ? "composite" : "text", "item"));
    for (i = 0; i < a->n_extra; i++) {
        const char *k = ninjs_extra(w, a->extra[i].key);
        if (k && !strcmp(k, "representationType") && !a->extra[i].json)
            set_str(w, root, k, representation_type(w, a->extra[i].value));
        else if (k && !strcmp(k, "mimetype") && !a->extra[i].json)
            set_str(w, root, k, a->extra[i].value);
    }
    set_str(w, root, "profile", extra_str(a, "profile"));
    set_str(w, root, "version", s[NC_F_VERSION]);
    if (w->sd && a->time[NC_T_CREATED].prec) {
        /* the dialect: firstcreated is the creation, firstpublished the publication */
        set_time(w, root, "firstCreated", NC_T_CREATED);
        set_time(w, root, "firstpublished", NC_T_PUBLISHED);
    } else {
        set_time(w, root, "firstCreated", NC_T_PUBLISHED);
    }
    set_time(w, root, "versionCreated", NC_T_MODIFIED);
    if (!w->sd)
        set_time(w, root, "contentCreated", NC_T_CREATED);
    set_time(w, root, "embargoedUntil", NC_T_EMBARGO);
    set_time(w, root, "expires", NC_T_EXPIRES);
    if (s[NC_F_PUBSTATUS]) {
        static const char *const ok[] = {"usable", "withheld", "canceled"};
        const char *v = NULL;
        for (i = 0; i < 3; i++)
            if (!ncp_strcasecmp(s[NC_F_PUBSTATUS], ok[i]))
                v = ok[i];
        if (v && !strcmp(v, s[NC_F_PUBSTATUS]))
            set_str(w, root, "pubStatus", v);
        else
            nc_warn(w->o, 0, 0, "json cannot hold pubstatus '%s' (only usable, withheld, "
                    "canceled): dropped", s[NC_F_PUBSTATUS]);
    }
    if (a->urgency >= 1 && a->urgency <= 9)
        set(w, root, w->sd && form_is(w, "urgency", "priority") ? "priority" : "urgency",
            json_integer(a->urgency));
    set_str(w, root, "copyrightHolder", s[NC_F_COPYRIGHT_HOLDER]);
    set_str(w, root, "copyrightNotice", s[NC_F_COPYRIGHT_NOTICE]);
    set_str(w, root, "usageTerms", s[NC_F_USAGE_TERMS]);
    for (i = 0; i < a->n_extra; i++) {
        json_t *ri = rights_info(w, &a->extra[i]);
        if (ri) {
            set(w, root, "rightsInfo", ri);
            break;
        }
    }
    set_str(w, root, "edNote", s[NC_F_EDNOTE]);
    set_str(w, root, "language", s[NC_F_LANGUAGE]);
    write_digital_source_type(w, root);
    if (a->data_mining.code || a->data_mining.name)
        nc_warn(w->o, 0, 0, "json cannot hold data_mining '%s' (ninjs has no field for it): "
                "dropped", a->data_mining.code ? a->data_mining.code : a->data_mining.name);

    write_headlines(w, root);
    write_descriptions(w, root);

    set_str(w, root, "title", title_of(w));
    set_str(w, root, "by", s[NC_F_BYLINE]);
    set_str(w, root, "slugline", s[NC_F_SLUGLINE]);
    set_str(w, root, "located", s[NC_F_LOCATION]);
    write_bodies(w, root);
    write_info_sources(w, root);
    write_subjects(w, root);
    if (is_root_media(w, a))
        set_renditions(w, root, renditions(w, &a->media[0]));
    write_associations(w, root);
    write_trust_indicators(w, root);
    if (w->sd)
        write_dialect(w, root);
    else if (w->v1)
        write_counts(w, root, 0);
    arr = json_array();
    if (s[NC_F_URL])
        push(w, arr, role_value(w, "canonical", NULL, s[NC_F_URL]));
    extra_roles(w, arr, "altid_");
    if (w->v1)
        set_alt_ids1(w, root, arr);
    else
        set_array(w, root, "altIds", arr);
    for (i = 0; i < a->n_extra; i++)
        if (!extra_held(w, &a->extra[i]))
            nc_warn(w->o, 0, 0, "json cannot hold extra '%s': dropped", a->extra[i].key);
    return root;
}

int ncp_json_write(const nc_article *a, nc_buf *out, int compact, const nc_opts *o,
                   nc_error *err)
{
    wr w;
    json_t *root;
    char *text;
    const char *ver = nc_opts_get(o, "ninjs-version");
    memset(&w, 0, sizeof w);
    w.a = a;
    w.o = o;
    nc_buf_init(&w.tmp);
    /* 3.0 and 2.1 are 3.1 and 2.2 without digitalSourceType */
    w.version = "3.1";
    if (ver && (!strcmp(ver, "2.2") || !strcmp(ver, "2")))
        w.v2 = 1, w.version = "2.2";
    else if (ver && !strcmp(ver, "2.1"))
        w.v2 = 1, w.no_dst = 1, w.version = "2.1";
    else if (ver && !strcmp(ver, "3.0"))
        w.no_dst = 1, w.version = "3.0";
    else if (ver && (!strcmp(ver, "1.6") || !strcmp(ver, "1")))
        w.v2 = 1, w.v1 = 1, w.version = "1.6"; /* 1.0-1.5 lack fields 1.6 writes */
    else if (ver && !strcmp(ver, "superdesk"))
        w.v2 = 1, w.v1 = 1, w.sd = 1, w.version = "superdesk"; /* 1.x-based, no schema */
    else if (ver && strcmp(ver, "3.1") && strcmp(ver, "3"))
        return nc_error_set(err, NC_ERR_USAGE, 0, 0,
                            "--ninjs-version: '%s' is not one of 3.1, 3.0, 2.2, 2.1, 1.6, "
                            "superdesk%s", ver,
                            ver[0] == '1' && ver[1] == '.' ? " (1.0 to 1.5: write 1.6, which "
                            "reads as them but for the fields they lack)" : "");
    if (nc_opts_flag(o, "compact"))
        compact = 1;
    ncp_json_alloc_begin();
    w.forms = load_forms(a);
    root = build(&w);
    json_decref(w.forms);
    if (w.tmp.failed)
        w.failed = 1;
    nc_buf_release(&w.tmp);
    if (w.failed) {
        json_decref(root);
        return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
    }
    text = ncp_json_dumps(root, JSON_PRESERVE_ORDER | (compact ? JSON_COMPACT : JSON_INDENT(2)));
    json_decref(root);
    if (text && ncp_json_alloc_failed()) {
        free(text);
        text = NULL;
    }
    if (!text)
        return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
    nc_buf_puts(out, text);
    nc_buf_putc(out, '\n');
    free(text);
    return 0;
}
