/* newsconv: ninjs 1.x, 2.x, 3.x and the vendor dialect (Superdesk: guid, associations
 * and renditions as objects, priority, body_html) -> the model. Bare schema.org JSON-LD
 * goes to jsonld.c.
 *
 * jansson parses the text (its line and column go into parse errors); keys are matched
 * case-insensitively, so that the 2.x spelling (versioncreated) and the 3.x spelling
 * (versionCreated) read alike. The walk is flat: the root object, its arrays, and one
 * level of associations (associations of associations are ignored), so its depth does
 * not depend on the input; the input's own nesting is capped at NC_MAX_DEPTH before
 * jansson sees it. Top-level keys that map to no model field are kept as extra. */
#include "json.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "common/dom.h"

/* ---- helpers shared with jsonld.c ---- */

json_t *ncp_jrd_get(json_t *obj, const char *key)
{
    const char *k;
    json_t *v;
    if (!json_is_object(obj))
        return NULL;
    v = json_object_get(obj, key);
    if (v)
        return v;
    json_object_foreach(obj, k, v) {
        if (!ncp_strcasecmp(k, key))
            return v;
    }
    return NULL;
}

static const char *copy_trimmed(ncp_jrd *r, const char *s, size_t len)
{
    char *p, *q;
    size_t i;
    s = ncp_trim(s, &len);
    if (!len)
        return NULL;
    p = nc_article_strndup(r->a, s, len);
    if (!p || !memchr(p, '\0', len))
        return p;
    /* "\u0000" in the JSON: drop the NUL characters */
    for (i = 0, q = p; i < len; i++)
        if (p[i])
            *q++ = p[i];
    *q = '\0';
    return *p ? p : NULL;
}

const char *ncp_jrd_str(ncp_jrd *r, json_t *v)
{
    if (!json_is_string(v))
        return NULL;
    return copy_trimmed(r, json_string_value(v), json_string_length(v));
}

const char *ncp_jrd_text(ncp_jrd *r, json_t *v)
{
    char num[64];
    if (json_is_integer(v)) {
        snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return nc_article_strdup(r->a, num);
    }
    if (json_is_real(v)) {
        ncp_double_str(json_real_value(v), num, sizeof num);
        return nc_article_strdup(r->a, num);
    }
    return ncp_jrd_str(r, v);
}

int ncp_jrd_int(json_t *v, long *out)
{
    if (json_is_integer(v)) {
        json_int_t i = json_integer_value(v);
        if (i < -2147483647 || i > 2147483647)
            return -1;
        *out = (long)i;
        return 0;
    }
    if (json_is_real(v)) {
        double d = json_real_value(v);
        if (d != d || d < -2147483647.0 || d > 2147483647.0 || d != (double)(long)d)
            return -1;
        *out = (long)d;
        return 0;
    }
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        char *end;
        long n;
        while (*s == ' ')
            s++;
        n = strtol(s, &end, 10);
        if (end == s)
            return -1;
        while (*end == ' ')
            end++;
        if (*end && strcmp(end, "px"))
            return -1;
        *out = n;
        return 0;
    }
    return -1;
}

void ncp_jrd_time(ncp_jrd *r, json_t *v, const char *key, nc_tfield f)
{
    nc_time t;
    const char *s;
    size_t len;
    if (!v || json_is_null(v))
        return;
    if (!json_is_string(v)) {
        nc_warn(r->o, r->line, 0, "json: '%s' is not a date string: ignored", key);
        return;
    }
    s = json_string_value(v);
    len = json_string_length(v);
    ncp_trim(s, &len);
    if (!len)
        return;
    if (nc_time_parse_rfc3339(s, len, &t) < 0 && nc_time_parse_text(s, len, &t) < 0) {
        nc_warn(r->o, r->line, 0, "json: '%s' is not a date: '%.60s': ignored", key, s);
        return;
    }
    nc_article_set_time(r->a, f, &t);
}

int ncp_jrd_html_body(ncp_jrd *r, const char *html)
{
    return ncp_dom_html_to_body(r->a, html, strlen(html), r->o, r->o ? r->o->base_url : NULL,
                            r->a->body, r->err);
}

/* The element <name ...>...</name> (or <name/>) in s, names compared ASCII
 * case-insensitively: *ob and *oe around the element, *ib and *ie around its content.
 * 0 when found. */
static int find_element(const char *s, const char *name, const char **ob, const char **oe,
                        const char **ib, const char **ie)
{
    size_t n = strlen(name);
    const char *p, *gt, *q;
    for (p = strchr(s, '<'); p; p = strchr(p + 1, '<')) {
        if (ncp_strncasecmp(p + 1, name, n) || !strchr(" \t\r\n/>", p[1 + n]) || !p[1 + n])
            continue;
        if (!(gt = strchr(p, '>')))
            return -1;
        *ob = p;
        *ib = gt + 1;
        if (gt[-1] == '/') { /* <name/> */
            *ie = *oe = gt + 1;
            *ib = *ie;
            return 0;
        }
        for (q = strchr(gt, '<'); q; q = strchr(q + 1, '<'))
            if (q[1] == '/' && !ncp_strncasecmp(q + 2, name, n) && q[2 + n] == '>') {
                *ie = q;
                *oe = q + 3 + n;
                return 0;
            }
        return -1;
    }
    return -1;
}

const char *ncp_jrd_nitf_split(ncp_jrd *r, const char *nitf, const char **head)
{
    const char *ob, *oe, *ib, *ie;
    char *c;
    size_t lead, len = strlen(nitf);
    *head = NULL;
    if (find_element(nitf, "body.head", &ob, &oe, &ib, &ie) < 0)
        return nitf;
    *head = nc_article_strndup(r->a, ib, (size_t)(ie - ib));
    lead = (size_t)(ob - nitf);
    if (!*head || !(c = nc_article_strndup(r->a, nitf, len))) {
        r->a->failed = 1;
        return nitf;
    }
    memmove(c + lead, oe, len - (size_t)(oe - nitf) + 1);
    return c;
}

/* The metadata of a NITF body.head (hl1, hl2, byline, distributor, dateline, abstract)
 * into the fields the document left empty: a NITF body repeats the item's headline and
 * byline, which are metadata, not text of the body. What fits no empty field is left
 * for the drop report. */
static void nitf_head(ncp_jrd *r, const char *head)
{
    static const struct {
        const char *name;
        nc_field f;
    } map[] = {{"hl1", NC_F_HEADLINE},   {"hl2", NC_F_SUBHEADLINE}, {"byline", NC_F_BYLINE},
               {"distributor", NC_F_PROVIDER}, {"dateline", NC_F_DATELINE},
               {"abstract", NC_F_SUMMARY}};
    size_t i;
    for (i = 0; i < sizeof map / sizeof map[0]; i++) {
        const char *ob, *oe, *ib, *ie, *inner, *t;
        if (r->a->str[map[i].f] || find_element(head, map[i].name, &ob, &oe, &ib, &ie) < 0)
            continue;
        inner = nc_article_strndup(r->a, ib, (size_t)(ie - ib));
        t = inner ? ncp_jrd_html_text(r, inner, 1) : NULL;
        if (!inner)
            r->a->failed = 1;
        else
            nc_article_sets(r->a, map[i].f, t);
    }
}

/* Appends a line's text to paragraph p: a line break before all but the first line. */
static void text_line(ncp_jrd *r, nc_node **p, const char *s, size_t len)
{
    nc_article *a = r->a;
    s = ncp_trim(s, &len);
    if (!len)
        return;
    if (!*p)
        *p = nc_node_append(a->body, nc_node_new(a, NC_BLOCK_PARAGRAPH, 0, 0));
    else
        nc_node_append(*p, nc_node_new(a, NC_INLINE_LINEBREAK, 0, 0));
    nc_node_append(*p, nc_node_new_text(a, s, len, 0, 0));
}

void ncp_jrd_text_body(ncp_jrd *r, const char *text)
{
    const char *p = text, *e;
    nc_node *para = NULL;
    for (; *p; p = *e ? e + 1 : e) {
        size_t len;
        e = strchr(p, '\n');
        if (!e)
            e = p + strlen(p);
        len = (size_t)(e - p);
        ncp_trim(p, &len);
        if (!len) {
            para = NULL; /* a blank line ends the paragraph */
            continue;
        }
        text_line(r, &para, p, (size_t)(e - p));
    }
}

const char *ncp_jrd_html_text(ncp_jrd *r, const char *html, int quiet)
{
    nc_article *a = r->a;
    nc_node *doc = nc_node_new(a, NC_BLOCK_DOCUMENT, 0, 0), *c;
    nc_buf b = NC_BUF_INIT, t = NC_BUF_INIT;
    const char *res = NULL;
    if (!doc || ncp_dom_html_to_body(a, html, strlen(html), quiet ? NULL : r->o, NULL, doc, NULL) < 0) {
        a->failed = 1; /* out of memory */
        return NULL;
    }
    for (c = nc_node_first_child(doc); c; c = nc_node_next(c)) {
        nc_buf_clear(&t);
        nc_node_text(c, &t);
        if (!t.size)
            continue;
        if (b.size)
            nc_buf_puts(&b, "\n\n");
        nc_buf_put(&b, t.ptr, t.size);
    }
    if (!b.failed && !t.failed)
        res = copy_trimmed(r, b.ptr, b.size);
    else
        a->failed = 1;
    nc_buf_release(&b);
    nc_buf_release(&t);
    return res;
}

void ncp_jrd_extra(ncp_jrd *r, const char *key, json_t *v)
{
    char *text;
    if (!v || json_is_null(v))
        return;
    if (json_is_string(v)) {
        const char *s = ncp_jrd_str(r, v);
        if (s)
            nc_article_add_extra(r->a, key, s, 0);
        return;
    }
    if ((json_is_array(v) && !json_array_size(v)) || (json_is_object(v) && !json_object_size(v)))
        return;
    /* the input's nesting is capped at NC_MAX_DEPTH, which bounds jansson's recursion */
    text = ncp_json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
    if (!text) {
        r->a->failed = 1;
        return;
    }
    nc_article_add_extra(r->a, key, text, json_is_object(v) || json_is_array(v));
    free(text);
}

int ncp_jrd_not_article(ncp_jrd *r, const char *fmt, ...)
{
    va_list ap;
    char msg[NC_ERROR_TEXT_LEN];
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return nc_error_set(r->err, NC_ERR_NOT_ARTICLE, r->line, 0, "not an article: %s", msg);
}

/* ---- small local helpers ---- */

#define GET(o, k) ncp_jrd_get((o), (k))
#define STR(o, k) ncp_jrd_str(r, GET((o), (k)))

static int has_prefix_ci(const char *s, const char *p) { return ncp_startswith_ci(s, p); }

static int ends_with(const char *s, size_t slen, const char *suf, size_t suflen)
{
    return slen >= suflen && !memcmp(s + slen - suflen, suf, suflen);
}

/* Lower-case copy into buf (for comparing roles and types). */
static const char *lower(const char *s, char *buf, size_t size)
{
    size_t i;
    if (!s)
        return "";
    for (i = 0; s[i] && i + 1 < size; i++)
        buf[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    buf[i] = '\0';
    return buf;
}

int ncp_json_one_of(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (!ncp_strcasecmp(s, *list))
            return 1;
    return 0;
}

static int one_of(const char *s, const char *const *list) { return ncp_json_one_of(s, list); }

static int hexval(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                          : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static void note_form(ncp_jrd *r, const char *field, json_t *e, const char *role,
                      const char *ctype);

/* Keeps a headline, description or altId of another role as the extra <prefix><role>;
 * e (a 2.x/3.x item, or NULL): the form it was given in (its role's case, its content
 * type) is noted under that key, for the writer. */
static void add_role_extra(ncp_jrd *r, const char *prefix, const char *role,
                           const char *value, json_t *e)
{
    size_t pl = strlen(prefix), rl = strlen(role);
    char *key = nc_article_alloc(r->a, pl + rl + 1);
    if (!key)
        return;
    memcpy(key, prefix, pl);
    memcpy(key + pl, role, rl + 1);
    nc_article_add_extra(r->a, key, value, 0);
    if (e)
        note_form(r, key, e, role, NULL);
}

/* Undoes the writer's urn:newsconv:str: and urn:newsconv:none. */
static const char *decode_uri(ncp_jrd *r, const char *s)
{
    size_t plen = strlen(NCP_JSON_URN_STR);
    char *out, *q;
    const char *p;
    if (!s || !strcmp(s, NCP_JSON_URN_NONE))
        return NULL;
    if (strncmp(s, NCP_JSON_URN_STR, plen))
        return s;
    q = out = nc_article_alloc(r->a, strlen(s) + 1);
    if (!out)
        return NULL;
    for (p = s + plen; *p; p++) {
        if (*p == '%' && hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
            *q++ = (char)(hexval(p[1]) * 16 + hexval(p[2]));
            p += 2;
        } else {
            *q++ = *p;
        }
    }
    *q = '\0';
    return *out ? out : NULL;
}

/* Iterates an array, or the values of an object (ninjs 1.x and the dialect use objects
 * keyed by name): *key gets the member name (NULL for arrays). */
typedef struct each {
    json_t *c;
    size_t i;
    void *it;
} each;

static each each_init(json_t *c)
{
    each e;
    e.c = c;
    e.i = 0;
    e.it = json_is_object(c) ? json_object_iter(c) : NULL;
    return e;
}

static json_t *each_next(each *e, const char **key)
{
    json_t *v = NULL;
    *key = NULL;
    if (json_is_array(e->c)) {
        if (e->i < json_array_size(e->c))
            v = json_array_get(e->c, e->i++);
    } else if (e->it) {
        *key = json_object_iter_key(e->it);
        v = json_object_iter_value(e->it);
        e->it = json_object_iter_next(e->c, e->it);
        e->i++;
    }
    return v;
}

/* ---- versions ---- */

enum { V_DIALECT = 0, V1 = 1, V2 = 2, V3 = 3 };

static int detect_version(json_t *o)
{
    static const char *const camel[] = {"versionCreated", "firstCreated", "contentCreated",
                                        "embargoedUntil", "pubStatus", "copyrightHolder",
                                        "copyrightNotice", "usageTerms", "edNote",
                                        "infoSources", "altIds", "representationType",
                                        "eventDetails", "plannedCoverage", NULL};
    json_t *std = GET(o, "standard") ? GET(o, "standard") : GET(o, "$standard");
    const char *s = json_string_value(GET(std, "version"));
    const char *const *k;
    if (s && s[0] >= '1' && s[0] <= '3')
        return s[0] - '0';
    s = json_string_value(GET(std, "schema"));
    if (!s)
        s = json_string_value(json_object_get(o, "$schema"));
    if (s && (s = strstr(s, "ninjs-schema_")) && s[13] >= '1' && s[13] <= '3')
        return s[13] - '0';
    for (k = camel; *k; k++)
        if (json_object_get(o, *k))
            return V3;
    s = json_string_value(GET(o, "type"));
    if (s && (!ncp_strcasecmp(s, "event") || !ncp_strcasecmp(s, "planning")))
        return V3; /* events and planning items came with 3.0 */
    if (GET(o, "headlines") || GET(o, "bodies") || GET(o, "descriptions") ||
        GET(o, "subjects") || GET(o, "people") || GET(o, "places"))
        return V2;
    if (GET(o, "guid") && !GET(o, "uri"))
        return V_DIALECT;
    return V1;
}

/* ---- entities: subjects, people, places, ... ---- */

/* Code and scheme of an entity: 1.x scheme/code, or 2.x/3.x uri/literal (a uri that ends
 * with the literal, or with its part after the colon, gives the scheme). */
static void entity_code(ncp_jrd *r, json_t *e, const char **code, const char **scheme,
                        const char **xuri)
{
    const char *sch = STR(e, "scheme"), *cd = ncp_jrd_text(r, GET(e, "code"));
    const char *uri = decode_uri(r, STR(e, "uri")), *lit = ncp_jrd_text(r, GET(e, "literal"));
    *code = *scheme = *xuri = NULL;
    if (cd || sch) {
        *code = cd ? cd : uri ? uri : lit;
        *scheme = sch;
        return;
    }
    if (uri && lit) {
        size_t ul = strlen(uri), ll = strlen(lit);
        const char *local = strchr(lit, ':');
        if (ul > ll && ends_with(uri, ul, lit, ll) && local) {
            /* a QCode-like literal spelt out whole ("...subject/pa:rome" for "pa:rome"):
             * a scheme would be written with the local part only, so both are kept */
            *xuri = uri;
            *code = lit;
            return;
        }
        if (ul > ll && ends_with(uri, ul, lit, ll)) {
            *scheme = nc_article_strndup(r->a, uri, ul - ll);
            *code = lit;
            return;
        }
        if (local && *++local && ul > strlen(local) &&
            ends_with(uri, ul, local, strlen(local))) {
            const char *iptc = ncp_iptc_scheme_uri(lit);
            *code = lit;
            if (iptc && strlen(iptc) == ul - strlen(local) && !strncmp(uri, iptc, strlen(iptc)))
                return; /* an IPTC QCode: its scheme is implied (the writer spells it out) */
            *scheme = nc_article_strndup(r->a, uri, ul - strlen(local));
            return;
        }
        *xuri = uri; /* a URI that does not spell the literal out: both kept */
        *code = lit;
        return;
    }
    *code = uri ? uri : lit;
}

/* ---- details: what the model has no field for, as a JSON object (article.h) ---- */

/* The 3.x spelling of the keys that details share between formats; NULL for others. */
static const char *shared_key(const char *k)
{
    static const char *const shared[] = {"contactInfo", "geoJSON", "symbols", NULL};
    const char *const *s;
    for (s = shared; *s; s++)
        if (!ncp_strcasecmp(k, *s))
            return *s;
    return NULL;
}

/* Sets (*det)[key] = v, the object made on first use; key "ninjs:<k>" unless k is shared. */
static void det_put(ncp_jrd *r, json_t **det, const char *k, json_t *v)
{
    char key[128];
    if (!v || json_is_null(v))
        return;
    if (shared_key(k))
        snprintf(key, sizeof key, "%s", shared_key(k));
    else
        snprintf(key, sizeof key, "%s%s", NCP_JSON_NS, ncp_json_camel(k));
    if (!*det && !(*det = json_object()))
        r->a->failed = 1;
    else if (json_object_set_new(*det, key, ncp_json_camel_copy(v)) < 0)
        r->a->failed = 1; /* (json_object_set_new takes a NULL value as a failure) */
}

/* The text of det in the arena (NULL for none); releases det. */
static const char *det_text(ncp_jrd *r, json_t *det)
{
    char *t;
    const char *res;
    if (!det)
        return NULL;
    /* the input's nesting is capped at NC_MAX_DEPTH, which bounds jansson's recursion */
    t = ncp_json_dumps(det, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(det);
    if (!t) {
        r->a->failed = 1;
        return NULL;
    }
    res = nc_article_strdup(r->a, t);
    free(t);
    return res;
}

/* A 0..100 attribute (relevance, confidence): its value, or NC_UNSET when absent or not an
 * integer in range (then kept in details as given). */
static int percent(ncp_jrd *r, json_t *v, const char *key, json_t **det)
{
    json_int_t n;
    if (!v || json_is_null(v))
        return NC_UNSET;
    if (json_is_integer(v) && (n = json_integer_value(v)) >= 0 && n <= 100)
        return (int)n;
    det_put(r, det, key, v);
    return NC_UNSET;
}

/* Keys of an entity that go to nc_subject fields. */
static const char *const entity_keys[] = {"name", "rel", "uri", "literal", "code", "scheme",
                                          "relevance", "confidence", "creator", NULL};

/* One entity of a subjects (people, places, ...) or genres list. */
static void read_entity(ncp_jrd *r, json_t *e, nc_subject_type type, int genre)
{
    const char *name = STR(e, "name"), *rel = STR(e, "rel"), *creator = STR(e, "creator");
    const char *code, *scheme, *xuri, *k, *details;
    json_t *det = NULL, *v;
    int relevance, confidence;
    nc_subject *s;
    entity_code(r, e, &code, &scheme, &xuri);
    relevance = percent(r, GET(e, "relevance"), "relevance", &det);
    confidence = percent(r, GET(e, "confidence"), "confidence", &det);
    json_object_foreach(e, k, v) {
        if (!one_of(k, entity_keys))
            det_put(r, &det, ncp_strcasecmp(k, "geometry_geojson") ? k : "geoJSON", v);
    }
    if (!genre && type == NC_SUBJECT_TOPIC && rel && !code && name && !det && !creator &&
        relevance == NC_UNSET && confidence == NC_UNSET) {
        if (!ncp_strcasecmp(rel, NCP_JSON_REL_KEYWORD)) {
            nc_article_add_keyword(r->a, name);
            return;
        }
        if (!ncp_strcasecmp(rel, NCP_JSON_REL_SECTION) && !r->a->str[NC_F_SECTION]) {
            nc_article_sets(r->a, NC_F_SECTION, name);
            return;
        }
    }
    details = det_text(r, det);
    if (!name && !code && !xuri && !details)
        return; /* nothing but a rel: the drop report names it */
    s = genre ? nc_article_add_genre(r->a, name, code, scheme)
              : nc_article_add_entity(r->a, type, name, code, scheme);
    if (!s)
        return;
    s->rel = rel;
    s->creator = creator;
    s->uri = xuri;
    s->relevance = relevance;
    s->confidence = confidence;
    s->details = details;
}

/* A coded field of the article (digitalSourceType: name, uri, literal). */
static void read_coded(ncp_jrd *r, json_t *e, nc_subject *c)
{
    const char *code, *scheme, *xuri, *k;
    json_t *det = NULL, *v;
    if (json_is_string(e)) {
        c->code = ncp_jrd_str(r, e);
        return;
    }
    if (!json_is_object(e))
        return;
    entity_code(r, e, &code, &scheme, &xuri);
    json_object_foreach(e, k, v) {
        if (!one_of(k, entity_keys))
            det_put(r, &det, k, v);
    }
    c->name = STR(e, "name");
    c->code = code;
    c->scheme = scheme;
    c->uri = xuri;
    c->details = det_text(r, det);
}

static void read_entities(ncp_jrd *r, json_t *list, nc_subject_type type, int genres)
{
    each it = each_init(list);
    const char *k;
    json_t *e;
    while ((e = each_next(&it, &k)) != NULL) {
        if (json_is_string(e)) { /* a bare name */
            const char *name = ncp_jrd_str(r, e);
            if (name && genres)
                nc_article_add_genre(r->a, name, NULL, NULL);
            else if (name)
                nc_article_add_entity(r->a, type, name, NULL, NULL);
            continue;
        }
        if (json_is_object(e))
            read_entity(r, e, type, genres);
    }
}

static const char *const author_rels[] = {
    "author", "creator", "writer", "reporter", "correspondent", "photographer", "editor",
    "contributor", "byline", "by", "videographer", "illustrator", "columnist", NULL};

/* 1 when contactInfo ci is what the writer makes of an author's url (when url_ok) and
 * affiliation: at most one of each, with only type and value. Other contact details are
 * kept in the author's details. */
static int plain_contact_info(json_t *ci, int url_ok)
{
    size_t i;
    json_t *c;
    int urls = 0, affs = 0;
    if (!json_is_array(ci))
        return 0;
    json_array_foreach(ci, i, c) {
        const char *type = json_string_value(json_object_get(c, "type"));
        if (!json_is_object(c) || json_object_size(c) != 2 || !type ||
            !json_is_string(json_object_get(c, "value")))
            return 0;
        if (!strcmp(type, "url") && url_ok && !urls++)
            continue;
        if (!strcmp(type, "affiliation") && !affs++)
            continue;
        return 0;
    }
    return 1;
}

/* infoSources / infosource: provider and publisher by role, everyone else an author. */
static void read_info_sources(ncp_jrd *r, json_t *list)
{
    each it = each_init(list);
    const char *k;
    json_t *e;
    while ((e = each_next(&it, &k)) != NULL) {
        const char *name = STR(e, "name"), *role = STR(e, "role"), *url = STR(e, "uri");
        const char *aff = NULL, *kk;
        json_t *ci = GET(e, "contactInfo"), *c, *det = NULL, *v;
        nc_author *au;
        size_t i;
        if (!role)
            role = STR(e, "rel"); /* 1.x */
        json_object_foreach(e, kk, v) {
            if (one_of(kk, (const char *const[]){"name", "role", "rel", "uri", NULL}) ||
                (!ncp_strcasecmp(kk, "contactInfo") && plain_contact_info(v, !url)))
                continue;
            det_put(r, &det, kk, v);
        }
        if (!det && !url && role && !ncp_strcasecmp(role, "provider") && name &&
            !r->a->str[NC_F_PROVIDER]) {
            nc_article_sets(r->a, NC_F_PROVIDER, name);
            continue;
        }
        if (!det && !url && role && !ncp_strcasecmp(role, "publisher") && name &&
            !r->a->str[NC_F_PUBLISHER]) {
            nc_article_sets(r->a, NC_F_PUBLISHER, name);
            continue;
        }
        json_array_foreach(ci, i, c) {
            const char *type = STR(c, "type");
            const char *value = STR(c, "value");
            if (!type || !value)
                continue;
            if (!ncp_strcasecmp(type, "url") && !url)
                url = value;
            else if (!ncp_strcasecmp(type, "affiliation") && !aff)
                aff = value;
        }
        if (!name && !url && !det)
            continue;
        au = nc_article_add_author(r->a, name, role, url, aff);
        if (au) {
            au->details = det_text(r, det);
        } else {
            json_decref(det);
        }
    }
}

/* people / person: authors by relationship; anyone else is a subject. */
static void read_people(ncp_jrd *r, json_t *list)
{
    each it = each_init(list);
    const char *k;
    json_t *e;
    while ((e = each_next(&it, &k)) != NULL) {
        const char *rel = STR(e, "rel");
        if (rel && one_of(rel, author_rels)) {
            const char *name = STR(e, "name"), *url = STR(e, "uri"), *kk;
            json_t *det = NULL, *v, *from = json_string("people");
            nc_author *au;
            det_put(r, &det, "from", from); /* written back among the people */
            json_decref(from);
            json_object_foreach(e, kk, v) {
                if (!one_of(kk, (const char *const[]){"name", "rel", "uri", NULL}))
                    det_put(r, &det, kk, v);
            }
            au = name || url ? nc_article_add_author(r->a, name, rel, url, NULL) : NULL;
            if (au)
                au->details = det_text(r, det);
            else
                json_decref(det);
        } else if (json_is_object(e)) {
            read_entity(r, e, NC_SUBJECT_PERSON, 0);
        } else if (json_is_string(e) && ncp_jrd_str(r, e)) {
            nc_article_add_entity(r->a, NC_SUBJECT_PERSON, ncp_jrd_str(r, e), NULL, NULL);
        }
    }
}

/* The dialect's authors: [{name, role, ...}]; their other fields (Superdesk's code,
 * biography, ...) go to the author's details as "ninjs:<key>". */
static void read_dialect_authors(ncp_jrd *r, json_t *list)
{
    static const char *const own[] = {"name", "role", "uri", "url", "affiliation", NULL};
    each it = each_init(list);
    const char *k, *dk;
    json_t *e, *v;
    while ((e = each_next(&it, &k)) != NULL) {
        const char *name = json_is_string(e) ? ncp_jrd_str(r, e) : STR(e, "name");
        const char *role = STR(e, "role"), *url = STR(e, "uri");
        nc_author *au;
        json_t *det = NULL;
        if (!url)
            url = STR(e, "url");
        if (!name && !url)
            continue;
        au = nc_article_add_author(r->a, name, role, url, STR(e, "affiliation"));
        json_object_foreach(e, dk, v) {
            if (!one_of(dk, own))
                det_put(r, &det, dk, v);
        }
        if (au)
            au->details = det_text(r, det);
        else
            json_decref(det);
    }
}

/* ---- headlines, descriptions, bodies ---- */

static const char *const main_roles[] = {"main", "headline", "simple", "title", "", NULL};
static const char *const sub_roles[] = {"subhead", "sub", "subheadline", "subtitle",
                                        "sub-headline", "subheading", NULL};

/* Notes forms[key] = v (taking v) in "ninjs:forms": how the input gave a value, for the
 * writer of its dialect. */
static void set_form(ncp_jrd *r, const char *key, json_t *v)
{
    if (!v || (!r->forms && !(r->forms = json_object())))
        r->a->failed = 1, json_decref(v);
    else if (json_object_set_new(r->forms, key, v) < 0) /* (takes v) */
        r->a->failed = 1;
}

/* forms[key], an array or object (make: json_array, json_object) made on first use; NULL
 * (the reader failed) when out of memory. */
static json_t *form_list(ncp_jrd *r, const char *key, json_t *(*make)(void))
{
    json_t *list = r->forms ? json_object_get(r->forms, key) : NULL;
    if (!list) {
        set_form(r, key, make());
        list = r->forms ? json_object_get(r->forms, key) : NULL;
    }
    return list;
}

/* A ninjs title that repeats the main headline: "title": true in "ninjs:forms", so that
 * ninjs writes it back. */
static void note_title(ncp_jrd *r)
{
    set_form(r, "title", json_true());
}

/* 1 when a and b are the same text but for white space. */
static int same_text(const char *a, const char *b)
{
    for (;;) {
        while (*a && strchr(" \t\r\n", *a))
            a++;
        while (*b && strchr(" \t\r\n", *b))
            b++;
        if (*a != *b)
            return 0;
        if (!*a)
            return 1;
        a++;
        b++;
    }
}

/* 1 when html with its tags cut out (every "<...>", as a tag-blind reader sees it) is the
 * text s but for white space. Malformed markup the HTML parser turns into text (the
 * "</ br>" of IPTC's 1.x examples) is cut out too; a character reference is no match. */
static int same_text_stripped(const char *html, const char *s)
{
    for (;;) {
        while (*html == '<' || (*html && strchr(" \t\r\n", *html))) {
            const char *gt = *html == '<' ? strchr(html, '>') : html;
            if (!gt)
                return 0;
            html = gt + 1;
        }
        while (*s && strchr(" \t\r\n", *s))
            s++;
        if (*html != *s || *html == '&')
            return 0;
        if (!*html)
            return 1;
        html++;
        s++;
    }
}

/* An HTML description e (value html) beside the plain summary with the same text: kept
 * whole as "summary_html" in "ninjs:forms", with the summary it renders ("of"), so that
 * ninjs writes it back while the summary is unchanged. One with other text is left for
 * the drop report. */
static void note_twin(ncp_jrd *r, json_t *e, const char *html, const char *summary)
{
    const char *t = ncp_jrd_html_text(r, html, 1);
    json_t *twin;
    if ((!t || !same_text(t, summary)) && !same_text_stripped(html, summary))
        return;
    twin = ncp_json_camel_copy(e);
    if (!twin || json_object_set_new(twin, "of", json_string(summary)) < 0 ||
        (!r->forms && !(r->forms = json_object()))) {
        json_decref(twin);
        r->a->failed = 1;
        return;
    }
    if (json_object_set_new(r->forms, "summary_html", twin) < 0) /* (takes twin) */
        r->a->failed = 1;
}

/* The forms (role, content type) in which a ninjs document gave its headline,
 * subheadline and summary, when not those the writer uses: kept in the extra
 * "ninjs:forms" ({"headline": {"role": "title"}, ...}), so that ninjs writes them back.
 * r->forms collects them until the end of the read. */
static void note_form(ncp_jrd *r, const char *field, json_t *e, const char *role,
                      const char *ctype)
{
    json_t *form = json_object(), *v;
    const char *k;
    const char *given_role = json_string_value(ncp_jrd_get(e, "role"));
    const char *given_ct = json_string_value(ncp_jrd_get(e, "contentType"));
    if (!form) {
        r->a->failed = 1;
        return;
    }
    if ((given_role ? !strcmp(given_role, role) : 0) &&
        (ctype ? given_ct && !strcmp(given_ct, ctype) : !given_ct) &&
        json_object_size(e) == 2u + (ctype != NULL)) {
        json_decref(form);
        return; /* the writer's own */
    }
    json_object_foreach(e, k, v) {
        if (ncp_strcasecmp(k, "value") && json_object_set(form, ncp_json_camel(k), v) < 0)
            r->a->failed = 1;
    }
    if (!r->forms && !(r->forms = json_object()))
        r->a->failed = 1;
    if (r->forms && json_object_set_new(r->forms, field, form) < 0)
        r->a->failed = 1;
    else if (!r->forms)
        json_decref(form);
}

static void read_headlines(ncp_jrd *r, json_t *o)
{
    nc_article *a = r->a;
    json_t *list = GET(o, "headlines"), *h;
    const char *k;
    size_t i;
    char buf[64];
    json_array_foreach(list, i, h) {
        const char *value = STR(h, "value");
        const char *role = lower(json_string_value(GET(h, "role")), buf, sizeof buf);
        const char *ct = json_string_value(GET(h, "contentType"));
        if (value && ct && strstr(ct, "html"))
            value = ncp_jrd_html_text(r, value, 0); /* a headline with markup: its text */
        if (!value)
            continue;
        if (one_of(role, main_roles) && !a->str[NC_F_HEADLINE]) {
            nc_article_sets(a, NC_F_HEADLINE, value);
            note_form(r, "headline", h, "main", NULL);
        } else if (one_of(role, sub_roles) && !a->str[NC_F_SUBHEADLINE]) {
            nc_article_sets(a, NC_F_SUBHEADLINE, value);
            note_form(r, "subheadline", h, "subhead", NULL);
        } else {
            add_role_extra(r, "headline_", *role ? role : "other", value, h);
        }
    }
    /* 1.x and the dialect */
    if (!a->str[NC_F_HEADLINE])
        nc_article_sets(a, NC_F_HEADLINE, STR(o, "headline"));
    {
        json_t *v;
        json_object_foreach(o, k, v) {
            const char *s;
            if (!has_prefix_ci(k, "headline_") || !(s = ncp_jrd_str(r, v)))
                continue;
            if (one_of(k + 9, sub_roles) && !a->str[NC_F_SUBHEADLINE])
                nc_article_sets(a, NC_F_SUBHEADLINE, s);
            else
                nc_article_add_extra(a, k, s, 0);
        }
    }
}

static const char *const summary_roles[] = {"summary", "text", "abstract", "teaser", "lead",
                                            "standfirst", "description", "caption", "main",
                                            "", NULL};

typedef struct descs {
    const char *summary, *summary_html, *credit, *dateline, *alt;
    json_t *summary_e; /* the description that gave the summary */
    json_t *summary_html_e; /* the HTML description (of the descriptions list) */
    const char *summary_key, *summary_html_key; /* 1.x: their keys (description_<x>) */
} descs;

/* 1.x and the dialect: the description key k (description_<suffix>, value s) into d. */
static void description_key(ncp_jrd *r, const char *k, const char *s, descs *d, int extra_ok)
{
    char rb[64];
    const char *suffix = lower(k + 12, rb, sizeof rb);
    /* the first plain and the first HTML description are the summary; a second one (a
     * caption beside description_text) goes to extra like any other role */
    if ((!strcmp(suffix, "text") || !strcmp(suffix, "caption")) && !d->summary) {
        d->summary = s;
        d->summary_key = k;
    } else if (strstr(suffix, "html") && !d->summary_html) {
        d->summary_html = s;
        d->summary_html_key = k;
    } else if (!strcmp(suffix, "creditline") && !d->credit) {
        d->credit = s; /* the keys the 1.x writer gives the 3.x roles */
    } else if (!strcmp(suffix, "dateline") && !d->dateline) {
        d->dateline = s;
    } else if (!strcmp(suffix, "alt") && !d->alt) {
        d->alt = s;
    } else if (extra_ok) {
        nc_article_add_extra(r->a, k, s, 0);
    }
}

/* Sorts the descriptions of object o (2.x/3.x array, 1.x description_* keys) by role;
 * with extra_ok, unknown roles go to extra as description_<role>. */
static void read_descriptions(ncp_jrd *r, json_t *o, descs *d, int extra_ok)
{
    json_t *list = GET(o, "descriptions"), *e, *v;
    const char *k;
    size_t i;
    char rb[64], cb[64];
    memset(d, 0, sizeof *d);
    json_array_foreach(list, i, e) {
        const char *value = STR(e, "value");
        const char *role = lower(json_string_value(GET(e, "role")), rb, sizeof rb);
        const char *ct = lower(json_string_value(GET(e, "contentType")), cb, sizeof cb);
        int html = strstr(ct, "html") || strstr(role, "html") || !strcmp(role, "richtext");
        if (!value)
            continue;
        if (!strcmp(role, "creditline") || !strcmp(role, "credit")) {
            if (!d->credit)
                d->credit = value;
        } else if (!strcmp(role, "dateline")) {
            if (!d->dateline)
                d->dateline = value;
        } else if (!strcmp(role, "alt") || !strcmp(role, "alttext") || !strcmp(role, "alt-text")) {
            if (!d->alt)
                d->alt = value;
        } else if (html) {
            if (!d->summary_html) {
                d->summary_html = value;
                d->summary_html_e = e;
            }
        } else if (one_of(role, summary_roles) && !d->summary) {
            d->summary = value;
            d->summary_e = e;
        } else if (extra_ok) {
            add_role_extra(r, "description_", *role ? role : "other", value, e);
        }
    }
    /* 1.x and the dialect: description_text, description_html, ... */
    json_object_foreach(o, k, v) {
        const char *s;
        if (has_prefix_ci(k, "description_") && (s = ncp_jrd_str(r, v)) != NULL)
            description_key(r, k, s, d, extra_ok);
    }
    if (!d->summary && d->summary_html)
        d->summary = ncp_jrd_html_text(r, d->summary_html, 0);
}

enum { B_NONE, B_XML, B_TEXT, B_NITF, B_HTML };

static int body_kind(const char *role, const char *ct, const char *value)
{
    char rb[64], cb[64];
    size_t len = strlen(value);
    const char *v = ncp_trim(value, &len);
    role = lower(role, rb, sizeof rb);
    ct = lower(ct, cb, sizeof cb);
    if (strstr(ct, "nitf") || strstr(role, "nitf"))
        return B_NITF;
    if (strstr(ct, "html") || strstr(role, "html") || !strcmp(role, "richtext"))
        return B_HTML;
    if (strstr(ct, "xml"))
        return B_XML;
    if (strstr(ct, "text/plain") || !strcmp(role, "text"))
        return B_TEXT;
    return len && v[0] == '<' ? B_HTML : B_TEXT;
}

static int read_bodies(ncp_jrd *r, json_t *o)
{
    json_t *list = GET(o, "bodies"), *e, *v;
    const char *k, *best[B_HTML + 1] = {NULL};
    size_t i;
    int kind;
    json_array_foreach(list, i, e) {
        const char *value = STR(e, "value");
        if (!value)
            continue;
        kind = body_kind(json_string_value(GET(e, "role")),
                         json_string_value(GET(e, "contentType")), value);
        if (!best[kind])
            best[kind] = value;
    }
    json_object_foreach(o, k, v) {
        const char *value;
        if (!has_prefix_ci(k, "body_") || !(value = ncp_jrd_str(r, v)))
            continue;
        kind = body_kind(k + 5, NULL, value);
        if (!best[kind])
            best[kind] = value;
    }
    for (kind = B_HTML; kind > B_NONE; kind--) {
        if (!best[kind])
            continue;
        if (kind == B_TEXT) {
            ncp_jrd_text_body(r, best[kind]);
        } else if (kind == B_NITF) {
            const char *head, *content = ncp_jrd_nitf_split(r, best[kind], &head);
            if (head)
                nitf_head(r, head);
            if (ncp_jrd_html_body(r, content) < 0)
                return -1;
        } else if (ncp_jrd_html_body(r, best[kind]) < 0) {
            return -1;
        }
        if (nc_node_first_child(r->a->body))
            break;
    }
    return 0;
}

/* ---- media and links ---- */

typedef struct rend {
    const char *name, *href, *mime;
    long width, height;
    nc_rendition more; /* title, size, duration, format, details */
} rend;

/* Keys of a rendition that go to nc_rendition fields. */
static const char *const rendition_keys[] = {"name", "href", "contentType", "mimetype",
                                             "width", "height", "title", "sizeInBytes",
                                             "duration", "format", NULL};

static void read_rendition(ncp_jrd *r, const char *key, json_t *e, rend *out)
{
    json_t *det = NULL, *v;
    const char *k;
    memset(out, 0, sizeof *out);
    out->name = STR(e, "name");
    if (!out->name && key)
        out->name = nc_article_strdup(r->a, key);
    out->href = decode_uri(r, STR(e, "href"));
    out->mime = STR(e, "contentType");
    if (!out->mime)
        out->mime = STR(e, "mimetype");
    if (ncp_jrd_int(GET(e, "width"), &out->width) < 0 || out->width < 0)
        out->width = 0;
    if (ncp_jrd_int(GET(e, "height"), &out->height) < 0 || out->height < 0)
        out->height = 0;
    out->more.title = STR(e, "title");
    out->more.format = STR(e, "format");
    v = GET(e, "sizeInBytes");
    if (json_is_integer(v) && json_integer_value(v) > 0)
        out->more.size = (long long)json_integer_value(v);
    else
        det_put(r, &det, "sizeInBytes", v);
    v = GET(e, "duration");
    if (json_is_number(v) && json_number_value(v) > 0)
        out->more.duration = json_number_value(v);
    else
        det_put(r, &det, "duration", v);
    json_object_foreach(e, k, v) {
        if (!one_of(k, rendition_keys))
            det_put(r, &det, k, v);
    }
    out->more.details = det_text(r, det);
}

/* Copies the fields of `more` (title, size, ...) to rendition d. */
static void rendition_more(nc_rendition *d, const nc_rendition *more)
{
    d->title = more->title;
    d->size = more->size;
    d->duration = more->duration;
    d->format = more->format;
    d->details = more->details;
}

static int kind_from_mime(const char *mime)
{
    if (mime && has_prefix_ci(mime, "video/"))
        return NC_MEDIA_VIDEO;
    if (mime && has_prefix_ci(mime, "audio/"))
        return NC_MEDIA_AUDIO;
    return NC_MEDIA_PICTURE;
}

/* The main rendition: the one named "main", else "original" or "baseImage" with an
 * href, else the largest picture, video or audio with one; (size_t)-1 if none. */
static size_t pick_main_rendition(const rend *rs, size_t cnt)
{
    size_t i, main_i = (size_t)-1;
    long best_area = -1;
    for (i = 0; i < cnt && main_i == (size_t)-1; i++)
        if (rs[i].name && !ncp_strcasecmp(rs[i].name, "main"))
            main_i = i;
    for (i = 0; i < cnt && main_i == (size_t)-1; i++)
        if (rs[i].name && (!ncp_strcasecmp(rs[i].name, "original") ||
                           !ncp_strcasecmp(rs[i].name, "baseImage")) && rs[i].href)
            main_i = i;
    if (main_i == (size_t)-1) {
        for (i = 0; i < cnt; i++) {
            long area = rs[i].width * rs[i].height;
            const char *mi = rs[i].mime;
            if (!rs[i].href || (mi && !has_prefix_ci(mi, "image/") &&
                                !has_prefix_ci(mi, "video/") && !has_prefix_ci(mi, "audio/")))
                continue;
            if (area > best_area) {
                best_area = area;
                main_i = i;
            }
        }
    }
    return main_i;
}

/* Adds the renditions other than the main one to md, dropping the writer's own
 * "rendition-N" names. */
static void add_further_renditions(ncp_jrd *r, nc_media *md, const rend *rs, size_t cnt,
                                   size_t main_i)
{
    nc_article *a = r->a;
    size_t i, further = 0;
    for (i = 0; i < cnt; i++) {
        char expect[48];
        const char *name = rs[i].name;
        if (i == main_i)
            continue;
        further++;
        snprintf(expect, sizeof expect, "rendition-%zu", further);
        if (name && !strcmp(name, expect))
            name = NULL; /* the writer's name for a rendition without one */
        {
            nc_rendition *rd = nc_media_add_rendition(a, md, name, rs[i].href, rs[i].mime,
                                                      (int)rs[i].width, (int)rs[i].height);
            if (rd)
                rendition_more(rd, &rs[i].more);
        }
    }
}

/* A media item from a ninjs object: its renditions (the one named "main", else the
 * largest, is the media's own href), title, caption, alt text and credit. kind < 0:
 * from the main rendition's type. root: the document itself is the picture. */
static nc_media *read_media(ncp_jrd *r, json_t *m, int kind, int root, const descs *rootd)
{
    nc_article *a = r->a;
    json_t *list = GET(m, "renditions"), *e;
    size_t n = json_is_array(list) ? json_array_size(list)
               : json_is_object(list) ? json_object_size(list) : 0;
    rend *rs = n ? calloc(n, sizeof *rs) : NULL;
    size_t i, cnt = 0, main_i;
    const char *k, *id = NULL;
    nc_media *md;
    descs d;
    each it = each_init(list);
    if (n && !rs) {
        a->failed = 1;
        return NULL;
    }
    while ((e = each_next(&it, &k)) != NULL && cnt < n) {
        if (!json_is_object(e))
            continue;
        read_rendition(r, k, e, &rs[cnt]);
        cnt++;
    }
    main_i = pick_main_rendition(rs, cnt);
    if (kind < 0)
        kind = kind_from_mime(main_i != (size_t)-1 ? rs[main_i].mime : STR(m, "mimetype"));
    md = nc_article_add_media(a, (nc_media_kind)kind,
                              main_i != (size_t)-1 ? rs[main_i].href : NULL);
    if (!md) {
        free(rs);
        return NULL;
    }
    if (main_i != (size_t)-1) {
        md->mime = rs[main_i].mime;
        md->width = (int)rs[main_i].width;
        md->height = (int)rs[main_i].height;
        rendition_more(&md->main, &rs[main_i].more);
        if (rs[main_i].name && strcmp(rs[main_i].name, "main"))
            md->main.name = rs[main_i].name; /* "main" is the writer's own */
        if (main_i > 0) {
            /* its place among the renditions, for the writer */
            json_t *det = md->main.details ? json_loads(md->main.details, 0, NULL) : NULL;
            json_t *pos = json_integer((json_int_t)main_i);
            det_put(r, &det, "position", pos);
            json_decref(pos);
            md->main.details = det_text(r, det);
        }
    } else {
        md->mime = STR(m, "mimetype");
    }
    add_further_renditions(r, md, rs, cnt, main_i);
    free(rs);
    if (root) {
        if (rootd) { /* the item is the picture: its description is the caption */
            md->caption = rootd->summary;
            md->credit = rootd->credit;
            md->alt = rootd->alt;
        } else {
            /* the renditions of a text (or untyped) item: the item's own, written back
             * as its renditions, not as an association */
            json_t *det = NULL, *from = json_string("renditions");
            det_put(r, &det, "from", from);
            json_decref(from);
            md->details = det_text(r, det);
        }
        return md;
    }
    id = decode_uri(r, STR(m, "uri"));
    if (id && md->href && !strcmp(id, md->href))
        id = NULL; /* the writer's uri for a media item without id */
    md->id = id;
    read_descriptions(r, m, &d, 0);
    md->caption = d.summary;
    md->alt = d.alt ? d.alt : STR(m, "alt_text");
    md->credit = d.credit;
    if (!md->credit)
        md->credit = STR(m, "by");
    if (!md->credit)
        md->credit = STR(m, "byline");
    md->title = STR(m, "title");
    if (!md->title) {
        json_t *h;
        char rb[32];
        json_array_foreach(GET(m, "headlines"), i, h) {
            const char *role = lower(json_string_value(GET(h, "role")), rb, sizeof rb);
            if (one_of(role, main_roles) && (md->title = STR(h, "value")) != NULL)
                break;
        }
    }
    if (!md->title)
        md->title = STR(m, "headline");
    return md;
}

/* Keys of an association that the media fields hold; the others go to its details.
 * descriptions, headlines and by are kept there too, as given (their roles and forms), and
 * the writer writes them instead of the caption, alt text, credit and title they gave. */
static const char *const association_keys[] = {"name", "uri", "type", "rel", "renditions",
                                               "title", "headline", "byline", "alt_text",
                                               "mimetype", "description_text",
                                               "description_alt", "description_creditline",
                                               NULL};

/* 1 when the descriptions list is the one the writer makes of the caption, alt text and
 * credit of md (then they need not be kept as given). */
static int made_descriptions(const nc_media *md, json_t *list)
{
    const char *want[3][3] = {{"caption", "text/plain", md->caption},
                              {"alt", NULL, md->alt},
                              {"creditline", NULL, md->credit}};
    size_t i, n = 0;
    for (i = 0; i < 3; i++) {
        json_t *e = json_array_get(list, n);
        const char *ct = json_string_value(ncp_jrd_get(e, "contentType"));
        if (!want[i][2])
            continue;
        if (!e || json_object_size(e) != (want[i][1] ? 3u : 2u) ||
            !json_string_value(json_object_get(e, "role")) ||
            strcmp(json_string_value(json_object_get(e, "role")), want[i][0]) ||
            (want[i][1] && (!ct || strcmp(ct, want[i][1]))) ||
            !json_string_value(json_object_get(e, "value")) ||
            strcmp(json_string_value(json_object_get(e, "value")), want[i][2]))
            return 0;
        n++;
    }
    return n == json_array_size(list);
}

/* The association's own fields: name (none when it is the writer's "<kind>-<n>"), type
 * as given (when the kind does not say it), rel and details. */
static void read_association_fields(ncp_jrd *r, nc_media *md, json_t *m, const char *key,
                                    int n_of_kind)
{
    const char *name = STR(m, "name"), *type = STR(m, "type"), *k;
    json_t *det = NULL, *v;
    char made[48];
    if (!name)
        name = key ? nc_article_strdup(r->a, key) : NULL;
    snprintf(made, sizeof made, "%s-%d", nc_media_kind_name(md->kind), n_of_kind);
    md->name = name && strcmp(name, made) ? name : NULL;
    md->type = type && strcmp(type, nc_media_kind_name(md->kind)) ? type : NULL;
    md->rel = STR(m, "rel");
    json_object_foreach(m, k, v) {
        if (!one_of(k, association_keys) &&
            !(!ncp_strcasecmp(k, "descriptions") && made_descriptions(md, v)))
            det_put(r, &det, k, v);
    }
    {
        /* the item's MIME type, when its main rendition's says another */
        const char *mime = STR(m, "mimetype");
        if (mime && (!md->mime || ncp_strcasecmp(mime, md->mime)))
            det_put(r, &det, "mimetype", GET(m, "mimetype"));
    }
    md->details = det_text(r, det);
}

/* 1 when a renditions array or object has one that is an image, video or audio (or says
 * nothing of its type). */
static int has_media_rendition(json_t *list)
{
    each it = each_init(list);
    const char *k;
    json_t *e;
    while ((e = each_next(&it, &k)) != NULL) {
        json_t *ct = GET(e, "contentType");
        const char *mime = json_string_value(ct ? ct : GET(e, "mimetype"));
        if (json_is_object(e) && (!mime || has_prefix_ci(mime, "image/") ||
                                  has_prefix_ci(mime, "video/") ||
                                  has_prefix_ci(mime, "audio/")))
            return 1;
    }
    return 0;
}

static int media_kind(const char *type)
{
    char b[32];
    type = lower(type, b, sizeof b);
    if (!strcmp(type, "picture") || !strcmp(type, "image") || !strcmp(type, "photo"))
        return NC_MEDIA_PICTURE;
    if (!strcmp(type, "graphic"))
        return NC_MEDIA_GRAPHIC;
    if (!strcmp(type, "video"))
        return NC_MEDIA_VIDEO;
    if (!strcmp(type, "audio"))
        return NC_MEDIA_AUDIO;
    return -1;
}

/* The fields of a related item (an association of type text, a whole item in Superdesk's
 * ninjs and in 3.x: guid, version, descriptions, bodies, ...) beyond its address, rel and
 * title, as details ("ninjs:<key>", like a media item's), under the link's index in the
 * "links" of "ninjs:forms": the ninjs writer writes them back (naming what the version
 * written has no place for); the other formats carry the forms as an extra or name it. A
 * name unlike the one the writer makes ("<rel>-<n>") is kept too, as "ninjs:name". */
static void keep_link_fields(ncp_jrd *r, const char *key, json_t *l, const char *rel)
{
    static const char *const own[] = {"name", "uri", "rel", "title", "headline", NULL};
    const char *k, *name = STR(l, "name");
    json_t *det = NULL, *v, *links, *h;
    char made[128], idx[32];
    size_t i;
    int titles = 0;
    json_array_foreach(GET(l, "headlines"), i, h) {
        char rb[32];
        const char *role = lower(json_string_value(GET(h, "role")), rb, sizeof rb);
        titles += json_object_size(h) <= 2 && one_of(role, main_roles);
    }
    json_object_foreach(l, k, v) {
        if (one_of(k, own) || (!ncp_strcasecmp(k, "type") && json_is_string(v) &&
                               !ncp_strcasecmp(json_string_value(v), "text")))
            continue;
        if (!ncp_strcasecmp(k, "headlines") && titles == 1 && json_array_size(v) == 1)
            continue; /* the title alone */
        det_put(r, &det, k, v);
    }
    if (!name)
        name = key;
    snprintf(made, sizeof made, "%s-%zu", rel && *rel ? rel : "link", r->a->n_links + 1);
    if (name && strcmp(name, made)) {
        json_t *n = json_string(name);
        det_put(r, &det, "name", n);
        json_decref(n);
    }
    if (!det)
        return;
    snprintf(idx, sizeof idx, "%zu", r->a->n_links);
    links = form_list(r, "links", json_object);
    if (!links)
        json_decref(det);
    else if (json_object_set_new(links, idx, det) < 0) /* (takes det) */
        r->a->failed = 1;
}

static void read_link(ncp_jrd *r, const char *key, json_t *l)
{
    const char *href = decode_uri(r, STR(l, "uri")), *rel = STR(l, "rel"), *title = NULL;
    json_t *h;
    size_t i;
    char rb[32];
    if (!rel) {
        /* 2.x has no rel: the writer puts it in the name ("related-1"; "link-1": none) */
        const char *name = STR(l, "name");
        if (!name)
            name = key;
        if (name) {
            size_t len = strlen(name), e = len;
            while (e && name[e - 1] >= '0' && name[e - 1] <= '9')
                e--;
            if (e < len && e > 1 && name[e - 1] == '-')
                len = e - 1;
            if (!(len == 4 && !strncmp(name, "link", 4)))
                rel = nc_article_strndup(r->a, name, len);
        }
    }
    json_array_foreach(GET(l, "headlines"), i, h) {
        const char *role = lower(json_string_value(GET(h, "role")), rb, sizeof rb);
        if (one_of(role, main_roles) && (title = STR(h, "value")) != NULL)
            break;
    }
    if (!title)
        title = STR(l, "headline");
    if (!title)
        title = STR(l, "title");
    if (href || title) {
        keep_link_fields(r, key, l, rel);
        nc_article_add_link(r->a, rel, href, title);
    }
}

static void read_associations(ncp_jrd *r, json_t *list)
{
    each it = each_init(list);
    const char *k;
    json_t *e;
    int counts[NC_MEDIA_GRAPHIC + 1] = {0};
    while ((e = each_next(&it, &k)) != NULL) {
        const char *type;
        int kind;
        nc_media *md;
        if (!json_is_object(e))
            continue;
        type = json_string_value(GET(e, "type"));
        kind = media_kind(type);
        if (type && (!ncp_strcasecmp(type, "event") || !ncp_strcasecmp(type, "planning")))
            continue;
        /* a component (or an untyped item) with renditions is a media item too */
        if (kind >= 0 || (has_media_rendition(GET(e, "renditions")) &&
                          (!type || (ncp_strcasecmp(type, "text") &&
                                     ncp_strcasecmp(type, "composite")))))
        {
            if ((md = read_media(r, e, kind, 0, NULL)) != NULL)
                read_association_fields(r, md, e, k, ++counts[md->kind]);
        } else {
            read_link(r, k, e);
        }
    }
}

/* ---- the document ---- */

/* Keys read by name below (lower case); any other top-level key goes to extra. */
static const char *const known_keys[] = {
    "uri", "guid", "id", "type", "version", "firstcreated", "versioncreated",
    "contentcreated", "embargoed", "embargoeduntil", "expires", "pubstatus", "urgency",
    "priority", "copyrightholder", "copyrightnotice", "usageterms", "ednote", "language",
    "descriptions", "bodies", "headlines", "headline", "by", "byline", "located", "slugline",
    "infosources", "infosource", "people", "person", "organisations", "organisation",
    "places", "place", "subjects", "subject", "objects", "object", "events", "event",
    "genres", "genre", "associations", "renditions", "altids", "altid", "standard",
    "$standard", "$schema", "title", "keywords", "authors", "source",
    "service", "firstpublished", "extra", "charcount", "wordcount", "readtime", "mimetype",
    "annotations", "digitalsourcetype", "datamining",
    /* Mozilla Readability's result object */
    "excerpt", "lang", "siteName", "publishedTime", "content", "textContent", "length", "dir",
    "readerable", NULL};

/* The 3.x spelling of a top-level ninjs field that only ninjs writes (kept as extra
 * "ninjs:<key>"), or NULL; "mimetype" is 1.x's alone (the item's MIME type). */
static const char *ninjs_only(const char *k)
{
    static const char *const keys[] = {"representationType", "trustIndicators", "mimetype",
                                       NULL};
    const char *const *kk;
    for (kk = keys; *kk; kk++)
        if (!ncp_strcasecmp(k, *kk))
            return *kk;
    return NULL;
}

static int known(const char *k)
{
    return one_of(k, known_keys) || has_prefix_ci(k, "body_") ||
           has_prefix_ci(k, "description_") || has_prefix_ci(k, "headline_");
}

/* Known keys whose value must be a string, and those that must be an array or an object:
 * a value of another type has nowhere to go in the model, so it is kept as extra, with a
 * warning, rather than lost. */
static const char *const string_keys[] = {
    "uri", "guid", "type", "pubstatus", "copyrightholder", "copyrightnotice", "usageterms",
    "ednote", "language", "headline", "by", "byline", "located", "slugline", "title",
    "source", "mimetype", "excerpt", "lang", "siteName", "content",
    "textContent", NULL};
static const char *const container_keys[] = {
    "descriptions", "bodies", "headlines", "infosources", "infosource", "people", "person",
    "organisations", "organisation", "places", "place", "subjects", "subject", "objects",
    "object", "events", "event", "genres", "genre", "associations", "renditions", "altids",
    "altid", "keywords", "authors", "service", "annotations", "extra", "standard",
    "$standard", NULL};

/* What a known key's value should be, when it is not that; NULL when it is (or null). */
static const char *wrong_type(const char *k, json_t *v)
{
    if (json_is_null(v) || (json_is_array(v) && !json_array_size(v)) ||
        (json_is_object(v) && !json_object_size(v)))
        return NULL; /* nothing to keep */
    if ((one_of(k, string_keys) || has_prefix_ci(k, "body_") ||
         has_prefix_ci(k, "description_") || has_prefix_ci(k, "headline_")) &&
        !json_is_string(v))
        return "a string";
    if (one_of(k, container_keys) && !json_is_array(v) && !json_is_object(v))
        return "an array or an object";
    if (one_of(k, (const char *const[]){"version", "id", NULL}) && !json_is_string(v) &&
        !json_is_number(v))
        return "a string or a number";
    return NULL;
}

static void read_alt_ids(ncp_jrd *r, json_t *ids)
{
    static const char *const url_roles[] = {"canonical", "url", "weburl", "web", "link",
                                            "permalink", "canonicalurl", NULL};
    each it = each_init(ids);
    const char *k;
    json_t *e;
    while ((e = each_next(&it, &k)) != NULL) {
        const char *role = k, *value;
        if (json_is_object(e)) {
            role = STR(e, "role");
            value = ncp_jrd_text(r, GET(e, "value"));
        } else {
            value = ncp_jrd_text(r, e); /* 1.x: {"role": "value"} */
        }
        if (!value)
            continue;
        if (role && one_of(role, url_roles) && !r->a->str[NC_F_URL]) {
            nc_article_sets(r->a, NC_F_URL, value);
        } else {
            add_role_extra(r, "altid_", role ? role : "other", value, NULL);
        }
    }
}

/* The result object of Mozilla Readability (title, byline, excerpt, lang, siteName,
 * publishedTime, content, textContent), where ninjs says nothing. */
static int read_readability(ncp_jrd *r, json_t *o)
{
    nc_article *a = r->a;
    const char *s;
    if (!a->str[NC_F_SUMMARY])
        nc_article_sets(a, NC_F_SUMMARY, STR(o, "excerpt"));
    if (!a->str[NC_F_LANGUAGE])
        nc_article_sets(a, NC_F_LANGUAGE, STR(o, "lang"));
    if (!a->str[NC_F_PUBLISHER])
        nc_article_sets(a, NC_F_PUBLISHER, STR(o, "siteName"));
    if (!a->time[NC_T_PUBLISHED].prec)
        ncp_jrd_time(r, GET(o, "publishedTime"), "publishedTime", NC_T_PUBLISHED);
    if (nc_node_first_child(a->body))
        return 0;
    if ((s = STR(o, "content")) != NULL && ncp_jrd_html_body(r, s) < 0)
        return -1;
    if (!nc_node_first_child(a->body) && (s = STR(o, "textContent")) != NULL)
        ncp_jrd_text_body(r, s);
    return 0;
}

/* rightsInfo, kept as extra in the 3.x spelling whatever the version read */
static void read_rights_info(ncp_jrd *r, json_t *ri)
{
    static const char *const keys[] = {"langId", "linkedRights", "encodedRights", NULL};
    json_t *norm = json_object(), *v;
    const char *k;
    json_object_foreach(ri, k, v) {
        const char *const *kk;
        for (kk = keys; *kk && ncp_strcasecmp(*kk, k); kk++)
            ;
        if (!norm || json_object_set(norm, *kk ? *kk : k, v) < 0)
            r->a->failed = 1;
    }
    ncp_jrd_extra(r, "rightsInfo", norm);
    json_decref(norm);
}

/* An extra of a number or boolean is kept as its JSON text ("3", "true"), like a string:
 * its key is noted in the "scalars" of "ninjs:forms", so that ninjs gives it back as the
 * number or boolean it was. */
static void note_scalar(ncp_jrd *r, const char *k, json_t *v)
{
    json_t *list;
    if (!json_is_number(v) && !json_is_boolean(v))
        return;
    if ((list = form_list(r, "scalars", json_array)) != NULL &&
        json_array_append_new(list, json_string(k)) < 0)
        r->a->failed = 1;
}

/* Keeps everything that has no field of its own as extras, in document order. */
static void keep_unplaced_fields(ncp_jrd *r, json_t *o)
{
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v) {
        const char *want;
        if (!ncp_strcasecmp(k, "rightsInfo") && json_is_object(v)) {
            read_rights_info(r, v);
        } else if (ninjs_only(k)) {
            /* a ninjs field the model has no place for: kept for ninjs alone (the 1.x
             * representation types complete and incomplete as 3.x's full and partial) */
            char key[64];
            const char *s = json_string_value(v);
            json_t *v3 = s && !strcmp(s, "complete")     ? json_string("full")
                         : s && !strcmp(s, "incomplete") ? json_string("partial")
                                                         : json_incref(v);
            if (!v3)
                r->a->failed = 1;
            snprintf(key, sizeof key, "%s%s", NCP_JSON_NS, ninjs_only(k));
            ncp_jrd_extra(r, key, v3);
            json_decref(v3);
        } else if (!strcmp(k, NCP_JSON_NS "forms")) {
            /* the name of the reader's own notes (no ninjs writer writes it): kept under
             * another, so that it cannot stand for them */
            nc_warn(r->o, r->line, 0, "json: '%s' is newsconv's own name: kept as extra "
                    "'x-%s'", k, k);
            ncp_jrd_extra(r, "x-" NCP_JSON_NS "forms", v);
        } else if (!known(k)) {
            ncp_jrd_extra(r, k, v);
            note_scalar(r, k, v);
        } else if ((want = wrong_type(k, v)) != NULL) {
            nc_warn(r->o, r->line, 0, "json: '%s' is not %s: kept as extra", k, want);
            ncp_jrd_extra(r, k, v);
        }
    }
    {
        /* the dialect's own extra fields, and the names of those that came in "extra" */
        json_t *names = NULL;
        json_object_foreach(GET(o, "extra"), k, v) {
            ncp_jrd_extra(r, k, v);
            note_scalar(r, k, v);
            if (!names && !(names = json_array()))
                r->a->failed = 1;
            else if (json_array_append_new(names, json_string(k)) < 0)
                r->a->failed = 1;
        }
        if (names)
            set_form(r, "extra", names);
    }
    /* the dialect's editorial annotations of the text: internal notes, kept for ninjs
     * (and the exchange formats), never published (common/publish.c) */
    ncp_jrd_extra(r, NCP_JSON_NS "annotations", GET(o, "annotations"));
    {
        /* the dialect's counts of the body (1.x has charcount and wordcount too) */
        static const char *const counts[] = {"charcount", "wordcount", "readtime", NULL};
        const char *const *c;
        char key[32];
        for (c = counts; *c; c++) {
            v = GET(o, *c);
            if (json_is_number(v)) {
                snprintf(key, sizeof key, "%s%s", NCP_JSON_NS, *c);
                ncp_jrd_extra(r, key, v);
            }
        }
    }
}

/* Reads the item's times. */
static void read_item_times(ncp_jrd *r, json_t *o)
{
    nc_article *a = r->a;
    json_t *v;
    /* contentCreated -> created, firstCreated -> published, versionCreated -> modified;
     * the dialect's firstpublished is the publication time, its firstcreated the
     * creation time */
    ncp_jrd_time(r, GET(o, "contentCreated"), "contentCreated", NC_T_CREATED);
    if (GET(o, "firstpublished")) {
        ncp_jrd_time(r, GET(o, "firstpublished"), "firstpublished", NC_T_PUBLISHED);
        if (!a->time[NC_T_CREATED].prec)
            ncp_jrd_time(r, GET(o, "firstCreated"), "firstCreated", NC_T_CREATED);
    } else {
        ncp_jrd_time(r, GET(o, "firstCreated"), "firstCreated", NC_T_PUBLISHED);
    }
    ncp_jrd_time(r, GET(o, "versionCreated"), "versionCreated", NC_T_MODIFIED);
    v = GET(o, "embargoedUntil");
    ncp_jrd_time(r, v ? v : GET(o, "embargoed"), v ? "embargoedUntil" : "embargoed",
                 NC_T_EMBARGO);
    ncp_jrd_time(r, GET(o, "expires"), "expires", NC_T_EXPIRES);
}

/* Reads the urgency, or the dialect's priority, warning when it is not 1 to 9. The
 * dialect has both: a priority beside the urgency is kept as extra "ninjs:priority"; one
 * read as the urgency is noted ("urgency": "priority" in "ninjs:forms"). */
static void read_urgency(ncp_jrd *r, json_t *o)
{
    json_t *v, *p = GET(o, "priority");
    long u;
    v = GET(o, "urgency");
    if (json_is_null(p))
        p = NULL;
    if ((!v || json_is_null(v)) && p) {
        v = p; /* the dialect */
        set_form(r, "urgency", json_string("priority"));
    } else if (p) {
        ncp_jrd_extra(r, NCP_JSON_NS "priority", p);
    }
    if (v && !json_is_null(v)) {
        if (ncp_jrd_int(v, &u) == 0 && u >= 1 && u <= 9)
            r->a->urgency = (int)u;
        else
            nc_warn(r->o, r->line, 0, "json: urgency is not a number from 1 to 9: ignored");
    }
}

/* Reads sources, authors, subjects, genres, keywords, section and alternative ids. */
static void read_classification(ncp_jrd *r, json_t *o)
{
    nc_article *a = r->a;
    const char *s;
    json_t *v;
    v = GET(o, "infoSources");
    read_info_sources(r, v ? v : GET(o, "infosource"));
    read_dialect_authors(r, GET(o, "authors"));
    if (!a->str[NC_F_PROVIDER])
        nc_article_sets(a, NC_F_PROVIDER, STR(o, "source")); /* the dialect */
    v = GET(o, "subjects");
    read_entities(r, v ? v : GET(o, "subject"), NC_SUBJECT_TOPIC, 0);
    v = GET(o, "people");
    read_people(r, v ? v : GET(o, "person"));
    {
        static const struct {
            const char *key, *key1;
            nc_subject_type type;
        } more[] = {{"organisations", "organisation", NC_SUBJECT_ORGANISATION},
                    {"places", "place", NC_SUBJECT_PLACE},
                    {"objects", "object", NC_SUBJECT_OBJECT},
                    {"events", "event", NC_SUBJECT_EVENT}};
        size_t m;
        for (m = 0; m < sizeof more / sizeof more[0]; m++) {
            v = GET(o, more[m].key);
            read_entities(r, v ? v : GET(o, more[m].key1), more[m].type, 0);
        }
    }
    v = GET(o, "genres");
    read_entities(r, v ? v : GET(o, "genre"), NC_SUBJECT_TOPIC, 1);
    read_coded(r, GET(o, "digitalSourceType"), &a->digital_source_type);
    read_coded(r, GET(o, "dataMining"), &a->data_mining);
    {
        json_t *kw;
        size_t i;
        json_array_foreach(GET(o, "keywords"), i, kw) {
            if ((s = ncp_jrd_str(r, kw)) != NULL)
                nc_article_add_keyword(a, s);
        }
    }
    if (json_is_array(GET(o, "service")) && json_array_size(GET(o, "service"))) {
        /* the dialect's service (category): the first one's name is the section; the
         * list as given (codes, further services) is kept as extra "ninjs:service" */
        json_t *svc = json_array_get(GET(o, "service"), 0);
        if (!a->str[NC_F_SECTION])
            nc_article_sets(a, NC_F_SECTION, STR(svc, "name"));
        ncp_jrd_extra(r, NCP_JSON_NS "service", GET(o, "service"));
    }
    v = GET(o, "altIds");
    read_alt_ids(r, v ? v : GET(o, "altid"));
}

/* 1.x: description_<x> (HTML) beside the plain description_text: noted as the twin
 * {role: x, contentType: text/html} (the 1.x writer gives it its key back). */
static void note_twin1(ncp_jrd *r, const descs *d)
{
    json_t *e = json_pack("{s:s, s:s, s:s}", "role", d->summary_html_key + 12,
                          "contentType", "text/html", "value", d->summary_html);
    if (!e) {
        r->a->failed = 1;
        return;
    }
    note_twin(r, e, d->summary_html, d->summary);
    json_decref(e);
}

/* The standard object declares the document's format. IPTC's declaration of a ninjs
 * version (name "ninjs", the version, no schema or IPTC's ninjs-schema_<version>.json,
 * http or https, a "#" after it or not) is derived again by the ninjs writer; any other
 * (a vendor's profile schema, another name, more keys) is kept as extra "ninjs:standard"
 * rather than lost silently (the ninjs writer, which declares its own, names it dropped). */
static void keep_standard(ncp_jrd *r, json_t *o)
{
    json_t *std = GET(o, "standard") ? GET(o, "standard") : GET(o, "$standard"), *v;
    const char *k, *name, *ver, *schema, *p;
    int plain = 1;
    if (!json_is_object(std))
        return;
    json_object_foreach(std, k, v)
        if (strcmp(k, "name") && strcmp(k, "version") && strcmp(k, "schema"))
            plain = 0;
    name = json_string_value(json_object_get(std, "name"));
    ver = json_string_value(json_object_get(std, "version"));
    schema = json_string_value(json_object_get(std, "schema"));
    if ((json_object_get(std, "name") && (!name || ncp_strcasecmp(name, "ninjs"))) ||
        (json_object_get(std, "version") && !ver) || (json_object_get(std, "schema") && !schema))
        plain = 0;
    if (plain && schema) {
        size_t n = ver ? strlen(ver) : 0;
        p = !strncmp(schema, "http://", 7) ? schema + 7
            : !strncmp(schema, "https://", 8) ? schema + 8 : NULL;
        if (!p || strncmp(p, "www.iptc.org/std/ninjs/ninjs-schema_", 36) || !ver ||
            strncmp(p + 36, ver, n) || (strcmp(p + 36 + n, ".json") && strcmp(p + 36 + n, ".json#")))
            plain = 0;
    }
    if (!plain)
        ncp_jrd_extra(r, NCP_JSON_NS "standard", std);
}

/* The item's id: uri, else the dialect's guid, else an "id". A guid or id that is not the
 * item's id is kept as extra "ninjs:guid", "ninjs:id"; in a document with keys of the
 * dialect, the key that gave the id is noted ("id" in "ninjs:forms"), so that the
 * dialect's writer gives it back. */
static void read_id_keys(ncp_jrd *r, json_t *o, const char **id)
{
    static const char *const dialect[] = {"guid", "priority", "service", "source", "authors",
                                          "firstpublished", "extra", "charcount",
                                          "readtime", "annotations", "id", NULL};
    const char *const *k;
    const char *key = *id ? "uri" : NULL, *guid = STR(o, "guid");
    const char *other = ncp_jrd_text(r, GET(o, "id"));
    if (!*id && guid)
        *id = guid, key = "guid";
    else if (guid)
        nc_article_add_extra(r->a, NCP_JSON_NS "guid", guid, 0);
    if (!*id && other)
        *id = other, key = "id";
    else if (other)
        nc_article_add_extra(r->a, NCP_JSON_NS "id", other, 0);
    for (k = dialect; key && *k; k++)
        if (GET(o, *k)) {
            set_form(r, "id", json_string(key));
            break;
        }
}

static int read_ninjs(ncp_jrd *r, json_t *o)
{
    nc_article *a = r->a;
    const char *type = json_string_value(GET(o, "type")), *id, *title, *s;
    int version = detect_version(o), mkind = media_kind(type);
    size_t own = 0; /* 1: the first media holds the text item's own renditions */
    descs d;
    char vname[32] = "ninjs (vendor dialect)";
    if (version)
        snprintf(vname, sizeof vname, "ninjs %d.x", version);

    if ((type && !ncp_strcasecmp(type, "event")) || GET(o, "eventDetails"))
        return ncp_jrd_not_article(r, "a %s event item", vname);
    if ((type && !ncp_strcasecmp(type, "planning")) || GET(o, "plannedCoverage"))
        return ncp_jrd_not_article(r, "a %s planning item", vname);

    keep_unplaced_fields(r, o);
    keep_standard(r, o);

    id = decode_uri(r, STR(o, "uri"));
    read_id_keys(r, o, &id);
    nc_article_sets(a, NC_F_VERSION, ncp_jrd_text(r, GET(o, "version")));
    a->item_type = ncp_jrd_str(r, GET(o, "type"));
    nc_article_sets(a, NC_F_LANGUAGE, STR(o, "language"));

    read_item_times(r, o);

    nc_article_sets(a, NC_F_PUBSTATUS, STR(o, "pubStatus"));
    read_urgency(r, o);
    nc_article_sets(a, NC_F_COPYRIGHT_HOLDER, STR(o, "copyrightHolder"));
    nc_article_sets(a, NC_F_COPYRIGHT_NOTICE, STR(o, "copyrightNotice"));
    nc_article_sets(a, NC_F_USAGE_TERMS, STR(o, "usageTerms"));
    nc_article_sets(a, NC_F_EDNOTE, STR(o, "edNote"));
    nc_article_sets(a, NC_F_SLUGLINE, STR(o, "slugline"));
    nc_article_sets(a, NC_F_LOCATION, STR(o, "located"));
    s = STR(o, "by");
    nc_article_sets(a, NC_F_BYLINE, s ? s : STR(o, "byline"));

    read_headlines(r, o);
    title = STR(o, "title");
    if (title && !a->str[NC_F_HEADLINE])
        nc_article_sets(a, NC_F_HEADLINE, title);
    else if (title && strcmp(title, a->str[NC_F_HEADLINE]))
        nc_article_add_extra(a, "ninjs_title", title, 0);
    else if (title)
        note_title(r); /* a title that repeats the headline */
    read_descriptions(r, o, &d, 1);
    nc_article_sets(a, NC_F_SUMMARY, d.summary);
    if (d.summary_e)
        note_form(r, "summary", d.summary_e, "summary", "text/plain");
    if (d.summary_e && d.summary_html_e)
        note_twin(r, d.summary_html_e, d.summary_html, d.summary);
    else if (d.summary_key && d.summary_html_key)
        note_twin1(r, &d);
    nc_article_sets(a, NC_F_CREDIT, d.credit);
    nc_article_sets(a, NC_F_DATELINE, d.dateline);
    if (d.alt && mkind < 0)
        nc_article_add_extra(a, "description_alt", d.alt, 0);

    read_classification(r, o);

    if (read_bodies(r, o) < 0)
        return -1;
    if (read_readability(r, o) < 0)
        return -1;
    /* a picture (video, ...) item, or an item with picture renditions of its own (not
     * only, say, a PDF of the page): a media item */
    if (mkind >= 0 || has_media_rendition(GET(o, "renditions")))
        own = read_media(r, o, mkind, 1, mkind >= 0 ? &d : NULL) != NULL && mkind < 0;
    read_associations(r, GET(o, "associations"));
    if (r->forms) {
        ncp_jrd_extra(r, NCP_JSON_NS "forms", r->forms);
        json_decref(r->forms);
        r->forms = NULL;
    }
    if (a->item_type && !strcmp(a->item_type, a->n_media > own ? "composite" : "text"))
        a->item_type = NULL; /* what the writer derives: not worth keeping */

    if (id && !strncmp(id, NCP_JSON_URN, strlen(NCP_JSON_URN))) {
        /* the stable id a writer made up for an article without one: not an id */
        char stable[64];
        ncp_article_stable_id(a, stable, sizeof stable);
        if (!strcmp(stable, id))
            id = NULL;
    }
    nc_article_sets(a, NC_F_ID, id);
    return 0;
}

/* ---- entry ---- */

/* Caps nesting at NC_MAX_DEPTH, with the position of the first bracket too deep
 * (columns counted in characters, as jansson does). */
static int check_depth(const char *s, size_t len, int *line, int *col)
{
    size_t i;
    int depth = 0, in_str = 0, esc = 0, l = 1, c = 0;
    for (i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        if ((ch & 0xC0) != 0x80)
            c++;
        if (ch == '\n') {
            l++;
            c = 0;
            in_str = esc = 0; /* a string cannot span lines: jansson will say so */
            continue;
        }
        if (in_str) {
            if (esc)
                esc = 0;
            else if (ch == '\\')
                esc = 1;
            else if (ch == '"')
                in_str = 0;
            continue;
        }
        if (ch == '"') {
            in_str = 1;
        } else if (ch == '{' || ch == '[') {
            if (++depth > NC_MAX_DEPTH) {
                *line = l;
                *col = c;
                return -1;
            }
        } else if (ch == '}' || ch == ']') {
            depth--;
        }
    }
    return 0;
}

static int article_keys(json_t *o)
{
    static const char *const keys[] = {"uri", "guid", "headline", "headlines", "bodies",
                                       "renditions", "@type", "@graph", "@context", "title",
                                       "descriptions", "type", "body_text", "body_html",
                                       "body_xhtml", NULL};
    const char *const *k;
    for (k = keys; *k; k++)
        if (GET(o, *k))
            return 1;
    return 0;
}

/* The object to read: the root, the first object of a top-level array, or the first
 * item of a wrapper such as {"item": [...]} (a search result). */
static json_t *pick(ncp_jrd *r, json_t *root)
{
    static const char *const wrappers[] = {"item", "items", "_items", "data", "result",
                                           "results", NULL};
    const char *const *w;
    int level;
    for (level = 0; level < 2; level++) {
        json_t *list = NULL, *e, *first = NULL;
        size_t i, count = 0;
        if (json_is_object(root) && (article_keys(root) || level))
            return root;
        if (json_is_array(root)) {
            list = root;
        } else {
            for (w = wrappers; *w && !list; w++) {
                json_t *c = GET(root, *w);
                if (json_is_array(c) || json_is_object(c))
                    list = c;
            }
            if (json_is_object(list))
                return list;
        }
        json_array_foreach(list, i, e) {
            if (json_is_object(e) && count++ == 0)
                first = e;
        }
        if (!first)
            return json_is_object(root) ? root : NULL;
        if (count > 1)
            nc_warn(r->o, r->line, 0, "json: %zu articles in one document: only the first is "
                    "read (batch mode will handle the rest)", count);
        root = first;
    }
    return root;
}

/* 1 when line number `line` of buf starts with '{'. */
static int line_starts_object(const char *buf, size_t len, int line)
{
    size_t i = 0;
    int l = 1;
    for (; i < len && l < line; i++)
        if (buf[i] == '\n')
            l++;
    return i < len && buf[i] == '{';
}

int ncp_json_read(nc_article *a, const char *buf, size_t len, int jsonl_line,
                  const nc_opts *o, nc_error *err)
{
    int first_line = jsonl_line > 0 ? jsonl_line : 1;
    json_error_t je;
    json_t *root, *obj;
    ncp_jrd r;
    int line, col, rc;
    const size_t flags = JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL;

    if (len >= 2 && (((unsigned char)buf[0] == 0xFF && (unsigned char)buf[1] == 0xFE) ||
                     ((unsigned char)buf[0] == 0xFE && (unsigned char)buf[1] == 0xFF)))
        /* let through by the driver's NUL check; RFC 8259 8.1: JSON is UTF-8 */
        return nc_error_set(err, NC_ERR_PARSE, first_line, 1,
                            "a UTF-16 or UTF-32 byte order mark: JSON is read as UTF-8 only");
    if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
        /* a UTF-8 BOM: skipped; columns count as an editor shows them, without it */
        buf += 3;
        len -= 3;
    }
    if (check_depth(buf, len, &line, &col) < 0)
        return nc_error_set(err, NC_ERR_LIMIT, first_line + line - 1, col,
                            "JSON nested deeper than %d levels", NC_MAX_DEPTH);
    ncp_json_alloc_begin();
    root = json_loadb(buf, len, flags, &je);
    if (!root && !ncp_json_alloc_failed() && json_error_code(&je) == json_error_duplicate_key) {
        /* the last value of a repeated key wins, as in most JSON readers; say so */
        nc_warn(o, first_line + je.line - 1, je.column,
                "json: %s: the last value is used", je.text);
        root = json_loadb(buf, len, flags & ~(size_t)JSON_REJECT_DUPLICATES, &je);
    }
    if (root && ncp_json_alloc_failed()) {
        /* a tree built after a failed allocation may miss bytes */
        json_decref(root);
        root = NULL;
    }
    if (!root && !jsonl_line && json_error_code(&je) == json_error_end_of_input_expected &&
        je.column == 1 && je.line > 1 && line_starts_object(buf, len, je.line))
        return NCP_JSON_LINES; /* one object per line: JSON Lines in a .json file */
    if (!root && (ncp_json_alloc_failed() || json_error_code(&je) == json_error_out_of_memory))
        return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
    if (!root)
        return nc_error_set(err, NC_ERR_PARSE, first_line + je.line - 1,
                            je.column, "invalid JSON: %s", je.text);
    memset(&r, 0, sizeof r);
    r.a = a;
    r.o = o;
    r.err = err;
    r.line = jsonl_line > 0 ? jsonl_line : 0;
    obj = pick(&r, root);
    if (!json_is_object(obj))
        rc = ncp_jrd_not_article(&r, "the JSON holds no object");
    else if (ncp_jsonld_is(obj))
        rc = ncp_jsonld_read(&r, obj);
    else if (!article_keys(obj))
        rc = ncp_jrd_not_article(&r, "a JSON object without uri, headlines, bodies or "
                                 "renditions (neither ninjs nor schema.org)");
    else if ((rc = read_ninjs(&r, obj)) == 0 && !a->failed)
        ncp_json_report_dropped(&r, obj);
    json_decref(root);
    if (rc == 0)
        rc = nc_article_ok(a, err);
    return rc;
}
