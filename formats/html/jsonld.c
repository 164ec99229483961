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

/* 1 when o's @type is an article type (schemaorg.h) */
static int is_article(json_t *o)
{
    return ncp_schema_type_in(json_object_get(o, "@type"), ncp_schema_article_types);
}

/* The page's JSON-LD blocks being read: the shared schema.org reader (its user is the
 * ld), the parsed blocks (freed by ncp_html_jsonld). */
typedef struct ld {
    ncp_schema_rd s;
    ncp_hpage *p;
    json_t **roots;
    size_t n_roots, cap_roots;
    int exact; /* the page is newsconv's own: NCP_SCHEMA_EXACT */
} ld;

static int push_root(ld *l, json_t *j)
{
    if (l->n_roots == l->cap_roots) {
        size_t nc = l->cap_roots ? l->cap_roots * 2 : 16;
        json_t **nv = realloc(l->roots, nc * sizeof *nv);
        if (!nv)
            return -1;
        l->roots = nv;
        l->cap_roots = nc;
    }
    l->roots[l->n_roots++] = j;
    return 0;
}

/* The page's text clean-up (ncp_schema_rd.text): entities decoded and white space
 * collapsed, NULL when nothing is left; a page of our own: as written. */
static const char *page_text(ncp_schema_rd *s, json_t *str)
{
    nc_buf t = NC_BUF_INIT, c = NC_BUF_INIT;
    const char *r = NULL;
    if (s->flags & NCP_SCHEMA_EXACT)
        return nc_article_strndup(s->a, json_string_value(str), json_string_length(str));
    ncp_html_unescape(json_string_value(str), json_string_length(str), &t);
    ncp_collapse_space(&c, t.ptr, t.size);
    if (c.size)
        r = nc_article_strdup(s->a, c.ptr);
    nc_buf_release(&t);
    nc_buf_release(&c);
    return r;
}

/* An address resolved against the page's base (ncp_schema_rd.url); as written on a page of
 * our own. */
static const char *page_url(ncp_schema_rd *s, json_t *str)
{
    ld *l = s->user;
    if (s->flags & NCP_SCHEMA_EXACT)
        return nc_article_strdup(s->a, json_string_value(str));
    return ncp_html_url(l->p, json_string_value(str));
}

/* An author (ncp_schema_rd.author): names go through the page's name rules (several in one
 * string, "By", job titles); a plain string that is an address is none. A page of our own:
 * as written. */
static void page_author(ncp_schema_rd *s, const ncp_schema_agent *ag)
{
    nc_article *a = s->a;
    size_t before = a->n_authors;
    if (s->flags & NCP_SCHEMA_EXACT) {
        nc_article_add_author(a, ag->name, ag->role, ag->url, ag->affiliation);
        return;
    }
    if (!ag->name || (ag->bare && strstr(ag->name, "://")))
        return;
    ncp_html_add_meta_authors(a, ag->name, ag->url);
    if (ag->affiliation && a->n_authors > before)
        a->authors[before].affiliation = ag->affiliation;
    if (ag->role && a->n_authors > before)
        a->authors[before].role = ag->role;
}

static json_t *get(ld *l, json_t *o, const char *key)
{
    return ncp_schema_get(&l->s, o, key);
}

static const char *text_of(ld *l, json_t *v)
{
    return v ? ncp_schema_text(&l->s, v) : NULL;
}

static const char *url_of(ld *l, json_t *v)
{
    return v ? ncp_schema_url(&l->s, v) : NULL;
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

/* ---- the article object ---- */

/* about: DefinedTerm or Thing objects, or names */
static void read_subjects(ld *l, json_t *v)
{
    nc_article *a = l->p->a;
    size_t i, n = json_is_array(v) ? json_array_size(v) : v ? 1 : 0;
    for (i = 0; i < n && i < 1000; i++) {
        json_t *e = ncp_schema_deref(&l->s, json_is_array(v) ? json_array_get(v, i) : v);
        const char *name, *code;
        json_t *sc;
        if (json_is_string(e)) {
            nc_article_add_subject(a, text_of(l, e), NULL, NULL);
            continue;
        }
        if (!json_is_object(e))
            continue;
        name = text_of(l, get(l, e, "name"));
        code = text_of(l, get(l, e, "termCode"));
        if (!code && !l->exact)
            code = text_of(l, get(l, e, "identifier"));
        sc = get(l, e, "inDefinedTermSet");
        if (json_is_object(sc))
            sc = json_object_get(sc, "@id") ? json_object_get(sc, "@id")
                                            : json_object_get(sc, "url");
        if (name || code)
            nc_article_add_subject(a, name, code, text_of(l, sc));
    }
}

static void read_genres(ld *l, json_t *v)
{
    size_t i, n = json_is_array(v) ? json_array_size(v) : v ? 1 : 0;
    for (i = 0; i < n && i < 1000; i++) {
        const char *s = text_of(l, json_is_array(v) ? json_array_get(v, i) : v);
        if (s)
            nc_article_add_genre(l->p->a, s, NULL, NULL);
    }
}

/* The first of v (an array) or v, as a media item of kind. */
static void read_media_first(ld *l, json_t *v, nc_media_kind kind)
{
    ncp_schema_media(&l->s, json_is_array(v) ? json_array_get(v, 0) : v, kind);
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
            if (ncp_schema_authors(&l->s, v, NULL))
                p->authors_org = 1;
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
        ncp_schema_keywords(&l->s, get(l, o, "keywords"));
    if (!a->n_genres)
        read_genres(l, get(l, o, "genre"));
    if (!a->n_subjects && l->exact)
        read_subjects(l, get(l, o, "about"));
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
                ncp_schema_media(&l->s, json_is_array(v) ? json_array_get(v, i) : v,
                                 NC_MEDIA_PICTURE);
        } else {
            if ((v = get(l, o, "image")))
                read_media_first(l, v, NC_MEDIA_PICTURE);
            if (!a->n_media && (v = get(l, o, "thumbnailUrl")))
                read_media_first(l, v, NC_MEDIA_PICTURE);
            if ((v = get(l, o, "video")))
                read_media_first(l, v, NC_MEDIA_VIDEO);
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
    l.s = (ncp_schema_rd){.a = p->a,
                          .flags = p->own ? NCP_SCHEMA_EXACT : NCP_SCHEMA_LEAD,
                          .text = page_text,
                          .url = page_url,
                          .author = page_author,
                          .user = &l};
    for (ncp_dom_walk_tree(&it, p->root); (n = ncp_dom_walk_enter(&it)) != NULL;) {
        json_t *j;
        if (!ncp_dom_is(n, "script") || !ncp_html_script_is(n, "application/ld+json"))
            continue;
        if (!(j = ncp_html_parse_script(p, n, 1)))
            continue;
        if (push_root(&l, j) < 0) {
            json_decref(j);
            break;
        }
        if (ncp_schema_index(&l.s, j) < 0)
            p->a->failed = 1;
    }
    for (i = 0; i < l.s.n_objs; i++) {
        json_t *o = l.s.objs[i], *u;
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
        for (i = 0; i < l.s.n_objs; i++)
            if (ncp_schema_type_in(json_object_get(l.s.objs[i], "@type"), ncp_schema_page_types)) {
                /* newsletter and site builders that call a post a WebPage, with its
                 * headline and author: an article in all but the type */
                if (json_object_get(l.s.objs[i], "headline") && json_object_get(l.s.objs[i], "author")) {
                    read_article(&l, l.s.objs[i]);
                    break;
                }
                put_time(&l, NC_T_PUBLISHED, get(&l, l.s.objs[i], "datePublished"));
                put_time(&l, NC_T_MODIFIED, get(&l, l.s.objs[i], "dateModified"));
                break;
            }
    }
    for (i = 0; i < l.n_roots; i++)
        json_decref(l.roots[i]);
    free(l.roots);
    ncp_schema_rd_release(&l.s);
    return 0;
}
