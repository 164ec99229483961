/* newsconv html: schema.org JSON-LD in (jansson), and the newsconv-extra block read back.
 *
 * Reading: every <script type="application/ld+json"> is parsed (a malformed block is
 * skipped with a warning giving its line in the page); objects are collected from top-level
 * arrays, @graph, mainEntity and nested values, @id references are resolved, and the first
 * object of an article type (NewsArticle, Article, ReportageNewsArticle, BlogPosting, ... )
 * with a headline is read, preferring one whose url matches the canonical link.
 *
 * Writing is jsonld_write.c. */
#include "html.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "common/schemaorg.h"

/* ---- reading helpers ---- */

/* 1 when o's @type is an article type: one of schema.org's (schemaorg.h), or of the
 * more a page may use. */
static int is_article(json_t *o)
{
    json_t *t = json_object_get(o, "@type");
    return ncp_schema_type_in(t, ncp_schema_article_types) ||
           ncp_schema_type_in(t, ncp_schema_page_article_types);
}

static int type_is1(json_t *o, const char *type)
{
    const char *t[2];
    t[0] = type;
    t[1] = NULL;
    return ncp_schema_type_in(json_object_get(o, "@type"), t);
}

typedef struct ld {
    ncp_hpage *p;
    json_t **roots;
    size_t n_roots, cap_roots;
    json_t **objs; /* every object found, in document order */
    size_t n_objs, cap_objs;
    int exact;
    nc_buf b;
} ld;

static int push_ptr(json_t ***v, size_t *n, size_t *cap, json_t *j)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        json_t **nv = realloc(*v, nc * sizeof *nv);
        if (!nv)
            return -1;
        *v = nv;
        *cap = nc;
    }
    (*v)[(*n)++] = j;
    return 0;
}

/* Collects every object under root, breadth-first with a bounded queue. */
static int collect(ld *l, json_t *root)
{
    size_t start = l->n_objs, i;
    json_t **queue = NULL;
    size_t qn = 0, qcap = 0, qi = 0;
    if (push_ptr(&queue, &qn, &qcap, root) < 0)
        return -1;
    while (qi < qn && qn < 100000) {
        json_t *v = queue[qi++];
        if (json_is_object(v)) {
            const char *k;
            json_t *c;
            if (push_ptr(&l->objs, &l->n_objs, &l->cap_objs, v) < 0)
                break;
            json_object_foreach(v, k, c)
                if (json_is_object(c) || json_is_array(c))
                    push_ptr(&queue, &qn, &qcap, c);
        } else if (json_is_array(v)) {
            for (i = 0; i < json_array_size(v); i++) {
                json_t *c = json_array_get(v, i);
                if (json_is_object(c) || json_is_array(c))
                    push_ptr(&queue, &qn, &qcap, c);
            }
        }
    }
    free(queue);
    (void)start;
    return 0;
}

/* An object given only as {"@id": ...}: the full node with that @id, if any. */
static json_t *deref(ld *l, json_t *v)
{
    json_t *id;
    size_t i;
    if (!json_is_object(v) || json_object_size(v) > 2 || !(id = json_object_get(v, "@id")) ||
        !json_is_string(id))
        return v;
    for (i = 0; i < l->n_objs; i++) {
        json_t *o = l->objs[i];
        json_t *oid = json_object_get(o, "@id");
        if (o != v && json_object_size(o) > 1 && oid && json_is_string(oid) &&
            json_equal(oid, id))
            return o;
    }
    return v;
}

/* A text value: a string, a number, or an object's name/@value/value. Entities decoded and
 * white space collapsed unless exact. Result in l->b (valid until the next call). */
static const char *text_of(ld *l, json_t *v)
{
    const char *s = NULL;
    char num[64];
    size_t len = 0;
    if (json_is_array(v))
        v = json_array_size(v) ? json_array_get(v, 0) : NULL;
    if (json_is_object(v)) {
        json_t *n = json_object_get(v, "name");
        if (!n)
            n = json_object_get(v, "@value");
        if (!n)
            n = json_object_get(v, "value");
        v = n;
        if (json_is_array(v))
            v = json_array_size(v) ? json_array_get(v, 0) : NULL;
    }
    if (json_is_string(v)) {
        s = json_string_value(v);
        len = json_string_length(v);
    } else if (json_is_integer(v)) {
        snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        s = num;
        len = strlen(num);
    } else if (json_is_real(v)) {
        snprintf(num, sizeof num, "%g", json_real_value(v));
        s = num;
        len = strlen(num);
    }
    nc_buf_clear(&l->b);
    if (!s)
        return NULL;
    if (l->exact) {
        nc_buf_put(&l->b, s, len);
    } else {
        nc_buf t = NC_BUF_INIT;
        ncp_html_unescape(s, len, &t);
        ncp_collapse_space(&l->b, t.ptr, t.size);
        nc_buf_release(&t);
        if (!l->b.size)
            return NULL;
    }
    return l->b.ptr;
}

static json_t *get(ld *l, json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (!v) {
        /* "schema:headline" / "http://schema.org/headline" spellings */
        const char *k;
        json_t *c;
        json_object_foreach(o, k, c)
            if (!strcmp(ncp_schema_strip(k), key))
                return deref(l, c);
        return NULL;
    }
    return deref(l, v);
}

static void put(ld *l, nc_field f, json_t *v)
{
    const char *s;
    if (l->p->a->str[f] || !v)
        return;
    s = text_of(l, v);
    if (s && (*s || l->exact))
        nc_article_sets(l->p->a, f, s);
}

static void put_time(ld *l, nc_tfield f, json_t *v)
{
    const char *s = text_of(l, v);
    if (s)
        ncp_html_set_time(l->p->a, f, s, !l->exact);
}

static int to_int(json_t *v)
{
    if (json_is_object(v))
        v = json_object_get(v, "value");
    if (json_is_integer(v))
        return (int)json_integer_value(v);
    if (json_is_real(v))
        return (int)json_real_value(v);
    if (json_is_string(v))
        return atoi(json_string_value(v));
    return 0;
}

static const char *url_of(ld *l, json_t *v)
{
    if (json_is_array(v))
        v = json_array_size(v) ? json_array_get(v, 0) : NULL;
    if (json_is_object(v)) {
        json_t *u = json_object_get(v, "contentUrl");
        if (!u)
            u = json_object_get(v, "url");
        if (!u)
            u = json_object_get(v, "@id");
        v = u;
        if (json_is_array(v))
            v = json_array_size(v) ? json_array_get(v, 0) : NULL;
    }
    if (!json_is_string(v) || !*json_string_value(v))
        return NULL;
    if (l->exact)
        return json_string_value(v);
    return ncp_html_url(l->p, json_string_value(v));
}

/* ---- the article object ---- */

/* orgs: 0 reads persons (and untyped names) only, 1 organisations only. */
static void read_authors_of(ld *l, json_t *v, const char *role_in, int orgs);

static void read_authors(ld *l, json_t *v, const char *role_in)
{
    /* A person named as author wins over an organisation named next to it (publisher
     * pages list both "Jane Doe" and "Example News"); an organisation is the author only
     * when no person is given. */
    nc_article *a = l->p->a;
    size_t before = a->n_authors;
    read_authors_of(l, v, role_in, 0);
    if (a->n_authors == before && !l->exact) {
        read_authors_of(l, v, role_in, 1);
        if (a->n_authors > before)
            l->p->authors_org = 1;
    }
}

static void read_authors_of(ld *l, json_t *v, const char *role_in, int orgs)
{
    nc_article *a = l->p->a;
    size_t i, n = json_is_array(v) ? json_array_size(v) : 1;
    for (i = 0; i < n && i < 200; i++) {
        json_t *e = deref(l, json_is_array(v) ? json_array_get(v, i) : v);
        const char *role = role_in;
        json_t *nm;
        if (!l->exact && json_is_object(e) && !type_is1(e, "Role") &&
            !!ncp_schema_type_in(json_object_get(e, "@type"), ncp_schema_org_types) != orgs)
            continue;
        if (l->exact && orgs)
            continue;
        if (json_is_object(e) && type_is1(e, "Role")) {
            json_t *inner = get(l, e, "author");
            if (!inner)
                inner = get(l, e, "creator");
            if (json_object_get(e, "roleName"))
                role = text_of(l, json_object_get(e, "roleName"));
            role = role ? nc_article_strdup(a, role) : NULL;
            read_authors_of(l, inner ? inner : json_null(), role, orgs);
            continue;
        }
        if (json_is_string(e) && orgs)
            continue;
        if (json_is_string(e)) {
            if (l->exact)
                nc_article_add_author(a, json_string_value(e), role, NULL, NULL);
            else if (!strstr(json_string_value(e), "://"))
                ncp_html_add_meta_authors(a, json_string_value(e), NULL);
            continue;
        }
        if (!json_is_object(e))
            continue;
        nm = get(l, e, "name");
        {
            const char *url = NULL, *aff = NULL, *name;
            json_t *u = get(l, e, "url");
            if (!u && !l->exact)
                u = get(l, e, "sameAs");
            if (u && (url = url_of(l, u)) != NULL)
                url = nc_article_strdup(a, url);
            if (get(l, e, "affiliation") && (aff = text_of(l, get(l, e, "affiliation"))))
                aff = nc_article_strdup(a, aff);
            name = nm ? text_of(l, nm) : NULL;
            if (!name && !l->exact) {
                /* givenName familyName */
                const char *g = text_of(l, get(l, e, "givenName"));
                char *gn = g ? nc_article_strdup(a, g) : NULL;
                const char *f = text_of(l, get(l, e, "familyName"));
                if (gn && f) {
                    nc_buf t = NC_BUF_INIT;
                    nc_buf_printf(&t, "%s %s", gn, f);
                    name = nc_article_strdup(a, t.ptr);
                    nc_buf_release(&t);
                }
            }
            if (l->exact) {
                nc_article_add_author(a, name, role, url, aff);
            } else if (name) {
                size_t before = a->n_authors;
                ncp_html_add_meta_authors(a, name, url);
                if (aff && a->n_authors > before)
                    a->authors[before].affiliation = aff;
                if (role && a->n_authors > before)
                    a->authors[before].role = role;
            }
        }
    }
}

static void read_list(ld *l, json_t *v, int what)
{
    nc_article *a = l->p->a;
    size_t i, n;
    if (!v)
        return;
    n = json_is_array(v) ? json_array_size(v) : 1;
    for (i = 0; i < n && i < 1000; i++) {
        json_t *e = json_is_array(v) ? json_array_get(v, i) : v;
        const char *s;
        if (what == 'k' && json_is_string(e) && !l->exact) {
            /* "a, b, c" */
            nc_buf t = NC_BUF_INIT;
            const char *q = json_string_value(e);
            ncp_html_unescape(q, strlen(q), &t);
            ncp_schema_keywords(a, t.ptr, NCP_SCHEMA_TIDY);
            nc_buf_release(&t);
            continue;
        }
        if (what == 's') {
            /* about: DefinedTerm or Thing */
            const char *name = NULL, *code = NULL, *scheme = NULL;
            e = deref(l, e);
            if (json_is_string(e)) {
                name = text_of(l, e);
                nc_article_add_subject(a, name, NULL, NULL);
                continue;
            }
            if (!json_is_object(e))
                continue;
            if ((s = text_of(l, get(l, e, "name"))))
                name = nc_article_strdup(a, s);
            if ((s = text_of(l, get(l, e, "termCode"))) ||
                (!l->exact && (s = text_of(l, get(l, e, "identifier")))))
                code = nc_article_strdup(a, s);
            if (get(l, e, "inDefinedTermSet")) {
                json_t *sc = get(l, e, "inDefinedTermSet");
                if (json_is_object(sc))
                    sc = json_object_get(sc, "@id") ? json_object_get(sc, "@id")
                                                    : json_object_get(sc, "url");
                if ((s = text_of(l, sc)))
                    scheme = nc_article_strdup(a, s);
            }
            if (name || code)
                nc_article_add_subject(a, name, code, scheme);
            continue;
        }
        s = text_of(l, e);
        if (!s)
            continue;
        if (what == 'k')
            nc_article_add_keyword(a, s);
        else if (what == 'g')
            nc_article_add_genre(a, s, NULL, NULL);
    }
}

static void read_media_obj(ld *l, json_t *e, int lead_only)
{
    nc_article *a = l->p->a;
    nc_media_kind kind;
    const char *href, *s;
    nc_media *m;
    json_t *enc;
    size_t i;
    e = deref(l, e);
    if (json_is_string(e)) {
        href = url_of(l, e);
        if (href)
            nc_article_add_media(a, NC_MEDIA_PICTURE, href);
        return;
    }
    if (!json_is_object(e))
        return;
    kind = ncp_schema_media_kind(json_object_get(e, "@type"));
    if ((s = text_of(l, get(l, e, "additionalType"))) && strstr(s, "graphic"))
        kind = NC_MEDIA_GRAPHIC;
    href = url_of(l, e);
    if (!href && !l->exact && kind == NC_MEDIA_VIDEO && get(l, e, "embedUrl"))
        href = url_of(l, get(l, e, "embedUrl"));
    if (!href && !l->exact)
        return;
    m = nc_article_add_media(a, kind, href);
    if (!m)
        return;
    if ((s = text_of(l, get(l, e, "identifier"))))
        m->id = nc_article_strdup(a, s);
    if ((s = text_of(l, get(l, e, "encodingFormat"))))
        m->mime = nc_article_strdup(a, s);
    m->width = to_int(get(l, e, "width"));
    m->height = to_int(get(l, e, "height"));
    if ((s = text_of(l, get(l, e, "name"))))
        m->title = nc_article_strdup(a, s);
    if ((s = text_of(l, get(l, e, "caption"))))
        m->caption = nc_article_strdup(a, s);
    if ((s = text_of(l, get(l, e, "creditText"))) ||
        (!l->exact && (s = text_of(l, get(l, e, "copyrightHolder")))) ||
        (!l->exact && (s = text_of(l, get(l, e, "author")))))
        m->credit = nc_article_strdup(a, s);
    if ((s = text_of(l, get(l, e, "description"))))
        m->alt = nc_article_strdup(a, s);
    if (!l->exact && m->caption && m->alt && !strcmp(m->caption, m->alt))
        m->alt = NULL;
    if (lead_only)
        return;
    enc = get(l, e, "encoding");
    for (i = 0; enc && i < (json_is_array(enc) ? json_array_size(enc) : 1); i++) {
        json_t *r = json_is_array(enc) ? json_array_get(enc, i) : enc;
        const char *name = NULL, *mime = NULL, *rh;
        if (!json_is_object(r))
            continue;
        if ((s = text_of(l, get(l, r, "name"))))
            name = nc_article_strdup(a, s);
        if ((s = text_of(l, get(l, r, "encodingFormat"))))
            mime = nc_article_strdup(a, s);
        rh = url_of(l, r);
        nc_media_add_rendition(a, m, name, rh, mime, to_int(get(l, r, "width")),
                               to_int(get(l, r, "height")));
    }
}

/* digitalSourceType (schema.org's IPTCDigitalSourceEnumeration, or the IPTC URI): the IPTC
 * code URI, for the formats that carry it (NewsML-G2, ninjs). A value of neither vocabulary
 * is not a digital source type this reader knows and is left out. */
static void read_digital_source(ld *l, json_t *v)
{
    nc_article *a = l->p->a;
    char code[160];
    if (json_is_array(v))
        v = json_array_size(v) ? json_array_get(v, 0) : NULL;
    if (json_is_object(v))
        v = json_object_get(v, "@id");
    if (!json_is_string(v) || a->digital_source_type.code ||
        !ncp_html_iptc_digital_source(json_string_value(v), code, sizeof code))
        return;
    nc_article_setp(a, &a->digital_source_type.code, code);
}

static void read_article(ld *l, json_t *o)
{
    ncp_hpage *p = l->p;
    nc_article *a = p->a;
    json_t *v;
    const char *s;
    if (l->exact || !a->str[NC_F_ID]) {
        v = get(l, o, "identifier");
        if (json_is_object(v) && json_object_get(v, "value"))
            v = json_object_get(v, "value");
        put(l, NC_F_ID, v);
    }
    put(l, NC_F_VERSION, get(l, o, "version"));
    v = get(l, o, "inLanguage");
    if (json_is_object(v) && json_object_get(v, "alternateName"))
        v = json_object_get(v, "alternateName");
    put(l, NC_F_LANGUAGE, v);
    put(l, NC_F_HEADLINE, get(l, o, "headline"));
    if (!l->exact && a->str[NC_F_HEADLINE])
        p->headline_weak = 1; /* SEO plugins copy the <title> with its " | Site" here too */
    if (!l->exact && !a->str[NC_F_HEADLINE] && json_is_string(get(l, o, "name")))
        put(l, NC_F_HEADLINE, get(l, o, "name"));
    put(l, NC_F_SUBHEADLINE, get(l, o, "alternativeHeadline"));
    put(l, NC_F_SUMMARY, get(l, o, "description"));
    if (!a->n_authors) {
        v = get(l, o, "author");
        if (!v && !l->exact)
            v = get(l, o, "creator");
        if (v)
            read_authors(l, v, NULL);
    }
    put(l, NC_F_PROVIDER, get(l, o, "provider"));
    if (!l->exact)
        put(l, NC_F_PROVIDER, get(l, o, "sourceOrganization"));
    put(l, NC_F_PUBLISHER, get(l, o, "publisher"));
    put(l, NC_F_COPYRIGHT_HOLDER, get(l, o, "copyrightHolder"));
    put(l, NC_F_COPYRIGHT_NOTICE, get(l, o, "copyrightNotice"));
    put(l, NC_F_CREDIT, get(l, o, "creditText"));
    if (!l->exact)
        read_digital_source(l, get(l, o, "digitalSourceType"));
    if (!l->exact && (v = get(l, o, "license")) && (s = url_of(l, v)) && !a->str[NC_F_USAGE_TERMS])
        nc_article_sets(a, NC_F_USAGE_TERMS, s);
    put(l, NC_F_DATELINE, get(l, o, "dateline"));
    v = get(l, o, "contentLocation");
    if (!v && !l->exact)
        v = get(l, o, "locationCreated");
    put(l, NC_F_LOCATION, v);
    put(l, NC_F_SECTION, get(l, o, "articleSection"));
    if (!a->n_keywords)
        read_list(l, get(l, o, "keywords"), 'k');
    if (!a->n_genres)
        read_list(l, get(l, o, "genre"), 'g');
    if (!a->n_subjects && l->exact)
        read_list(l, get(l, o, "about"), 's');
    put_time(l, NC_T_CREATED, get(l, o, "dateCreated"));
    put_time(l, NC_T_PUBLISHED, get(l, o, "datePublished"));
    put_time(l, NC_T_MODIFIED, get(l, o, "dateModified"));
    put_time(l, NC_T_EXPIRES, get(l, o, "expires"));
    if (!l->exact && !a->time[NC_T_PUBLISHED].prec)
        put_time(l, NC_T_PUBLISHED, get(l, o, "uploadDate"));
    if (!a->str[NC_F_URL]) {
        const char *u = NULL;
        if ((v = get(l, o, "url")))
            u = url_of(l, v);
        if (!u && !l->exact && (v = get(l, o, "mainEntityOfPage")))
            u = url_of(l, v);
        if (u && (l->exact || strstr(u, "://")))
            nc_article_sets(a, NC_F_URL, u);
    }
    if (!a->n_media) {
        size_t i;
        if (l->exact) {
            v = get(l, o, "associatedMedia");
            for (i = 0; v && i < (json_is_array(v) ? json_array_size(v) : 1); i++)
                read_media_obj(l, json_is_array(v) ? json_array_get(v, i) : v, 0);
        } else {
            if ((v = get(l, o, "image")))
                read_media_obj(l, json_is_array(v) ? json_array_get(v, 0) : v, 1);
            if (!a->n_media && (v = get(l, o, "thumbnailUrl")))
                read_media_obj(l, json_is_array(v) ? json_array_get(v, 0) : v, 1);
            if ((v = get(l, o, "video")))
                read_media_obj(l, json_is_array(v) ? json_array_get(v, 0) : v, 1);
        }
    }
    if (!l->exact && !p->jsonld_body && (v = get(l, o, "articleBody")) && json_is_string(v)) {
        nc_buf t = NC_BUF_INIT;
        ncp_html_unescape(json_string_value(v), json_string_length(v), &t);
        p->jsonld_body = nc_article_strdup(a, t.ptr);
        nc_buf_release(&t);
    }
    if (!l->exact && !p->site) {
        if ((v = get(l, o, "publisher")) && (s = text_of(l, v)))
            p->site = nc_article_strdup(a, s);
    }
}

/* A block's text, repaired for common faults: raw control characters inside strings,
 * HTML comment or CDATA wrappers (with or without //), a trailing semicolon. */
static void repair(const char *s, size_t len, nc_buf *out)
{
    size_t i;
    int in_str = 0, esc = 0;
    s = ncp_trim(s, &len);
    if (len >= 4 && !strncmp(s, "<!--", 4)) {
        s += 4;
        len -= 4;
    }
    if (len >= 3 && !strncmp(s + len - 3, "-->", 3))
        len -= 3;
    s = ncp_trim(s, &len);
    if (len >= 9 && !strncmp(s, "<![CDATA[", 9)) {
        s += 9;
        len -= 9;
    }
    if (len >= 3 && !strncmp(s + len - 3, "]]>", 3))
        len -= 3;
    for (i = 0; i < len; i++) {
        char c = s[i];
        if (!in_str && c == '/' && i + 1 < len && s[i + 1] == '/') {
            /* a // comment line (CDATA markers) */
            while (i < len && s[i] != '\n')
                i++;
            continue;
        }
        if (in_str) {
            if (esc)
                esc = 0;
            else if (c == '\\')
                esc = 1;
            else if (c == '"')
                in_str = 0;
            if ((unsigned char)c < 0x20) {
                nc_buf_putc(out, ' ');
                continue;
            }
        } else if (c == '"') {
            in_str = 1;
        }
        nc_buf_putc(out, c);
    }
    nc_buf_rtrim(out);
    while (out->size && out->ptr[out->size - 1] == ';')
        nc_buf_truncate(out, out->size - 1);
}

int ncp_html_script_is(const xmlNode *n, const char *type)
{
    const char *t = ncp_dom_attr(n, "type");
    size_t len;
    if (!t)
        return 0;
    len = strlen(t);
    t = ncp_trim(t, &len);
    return len == strlen(type) && !ncp_strncasecmp(t, type, len);
}

json_t *ncp_html_parse_script(ncp_hpage *p, xmlNode *n, int warn)
{
    xmlChar *txt = xmlNodeGetContent(n);
    json_t *j;
    json_error_t je;
    size_t len;
    if (!txt)
        return NULL;
    len = strlen((const char *)txt);
    j = json_loadb((const char *)txt, len, JSON_DECODE_ANY, &je);
    if (!j) {
        nc_buf fixed = NC_BUF_INIT;
        json_error_t je2;
        repair((const char *)txt, len, &fixed);
        j = json_loadb(fixed.ptr, fixed.size, JSON_DECODE_ANY, &je2);
        nc_buf_release(&fixed);
        if (!j && warn) {
            int line = (int)xmlGetLineNo(n);
            nc_warn(p->o, line > 0 ? line + (je.line > 1 ? je.line - 1 : 0) : 0,
                    je.line > 1 ? je.column : 0, "html: malformed JSON-LD block ignored: %s",
                    je.text);
        }
    }
    xmlFree(txt);
    return j;
}

int ncp_html_jsonld(ncp_hpage *p)
{
    ld l;
    xmlNode *n;
    ncp_dom_walk it;
    json_t *best = NULL;
    size_t i;
    int best_rank = -1;
    memset(&l, 0, sizeof l);
    l.p = p;
    l.exact = p->own;
    nc_buf_init(&l.b);
    for (ncp_dom_walk_tree(&it, p->root); (n = ncp_dom_walk_enter(&it)) != NULL;) {
        json_t *j;
        if (!ncp_dom_is(n, "script") || !ncp_html_script_is(n, "application/ld+json"))
            continue;
        if (!(j = ncp_html_parse_script(p, n, 1)))
            continue;
        if (push_ptr(&l.roots, &l.n_roots, &l.cap_roots, j) < 0) {
            json_decref(j);
            break;
        }
        collect(&l, j);
    }
    for (i = 0; i < l.n_objs; i++) {
        json_t *o = l.objs[i], *u;
        int rank;
        if (!is_article(o))
            continue;
        rank = 1;
        if (json_object_get(o, "headline"))
            rank += 2;
        if (json_object_get(o, "articleBody") || json_object_get(o, "author"))
            rank += 1;
        u = json_object_get(o, "url");
        if (!u)
            u = json_object_get(o, "mainEntityOfPage");
        if (p->a->str[NC_F_URL] && u) {
            const char *us = json_is_string(u) ? json_string_value(u)
                             : json_is_object(u) && json_is_string(json_object_get(u, "@id"))
                                 ? json_string_value(json_object_get(u, "@id"))
                                 : NULL;
            if (us && !strcmp(us, p->a->str[NC_F_URL]))
                rank += 2;
        }
        if (rank > best_rank) {
            best_rank = rank;
            best = o;
        }
    }
    if (best)
        read_article(&l, best);
    else if (!p->own) {
        /* no article object: a WebPage's publication dates and publisher still help */
        for (i = 0; i < l.n_objs; i++)
            if (ncp_schema_type_in(json_object_get(l.objs[i], "@type"), ncp_schema_page_types)) {
                /* newsletter and site builders that call a post a WebPage, with its
                 * headline and author: an article in all but the type */
                if (json_object_get(l.objs[i], "headline") && json_object_get(l.objs[i], "author")) {
                    read_article(&l, l.objs[i]);
                    break;
                }
                put_time(&l, NC_T_PUBLISHED, get(&l, l.objs[i], "datePublished"));
                put_time(&l, NC_T_MODIFIED, get(&l, l.objs[i], "dateModified"));
                break;
            }
    }
    for (i = 0; i < l.n_roots; i++)
        json_decref(l.roots[i]);
    free(l.roots);
    free(l.objs);
    nc_buf_release(&l.b);
    return 0;
}
