/* newsconv html: the read driver.
 *
 * A page is decoded to UTF-8 (charset.c), parsed with libxml2's HTML parser (no network),
 * and read in this order: the newsconv-extra block and JSON-LD (jsonld.c), meta tags,
 * links, microdata and hNews (meta.c), the article container (extract.c), the visible
 * headline, byline and date (meta.c), then the container becomes the body (dom.c) and is
 * tidied (headline, byline and date lines removed).
 *
 * A page written by newsconv (<meta name="generator" content="newsconv">) is read exactly:
 * metadata only from its JSON-LD and newsconv-extra blocks, the body from its
 * itemprop=articleBody element, with no heuristics, so that it reads back to the same
 * model. */
#include "html.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parserInternals.h>

/* A body with fewer characters than this (white space not counted) is near-empty: about
 * two sentences, less than any article and more than a "Cookie Settings" leftover. */
#define NEAR_EMPTY 125

/* ---- shared helpers ---- */

xmlNode *ncp_html_next(xmlNode *n, const xmlNode *root, int descend)
{
    if (descend && n->type == XML_ELEMENT_NODE && n->children)
        return n->children;
    if (descend && (n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE) &&
        n->children)
        return n->children;
    while (n && n != root) {
        if (n->next)
            return n->next;
        n = n->parent;
    }
    return NULL;
}

void ncp_html_set(nc_article *a, nc_field f, const char *s)
{
    nc_buf b = NC_BUF_INIT, t = NC_BUF_INIT;
    if (a->str[f] || !s)
        return;
    ncp_html_unescape(s, strlen(s), &t);
    ncp_collapse_space(&b, t.ptr, t.size);
    if (b.size)
        nc_article_set(a, f, b.ptr, b.size);
    nc_buf_release(&b);
    nc_buf_release(&t);
}

/* Day of the week of a civil date, 0 = Sunday (1970-01-01 was a Thursday). */
static int weekday(int y, int m, int d)
{
    return (int)(((ncp_civil_days(y, m, d) + 4) % 7 + 7) % 7);
}

/* Numeric dates with slashes, "09/25/2025" or "Thu, 09/25/2025 - 11:38" (Drupal's default
 * medium format, common on government and university sites), read only when the order of
 * month and day is certain: a weekday name that fits one order alone, or a first or second
 * number above 12. The time after " - " is kept, without a zone. 0 or -1. */
static int slash_date(const char *s, nc_time *t)
{
    static const char *const wd[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
    int w = -1, x, y, yr, i, mdok, dmok, hh = -1, mm = 0, k;
    while (*s == ' ')
        s++;
    for (i = 0; i < 7; i++)
        if (!ncp_strncasecmp(s, wd[i], 3)) {
            w = i;
            for (s += 3; isalpha((unsigned char)*s); s++)
                ;
            break;
        }
    if (w < 0 && isalpha((unsigned char)*s))
        return -1;
    while (*s == ',' || *s == ' ')
        s++;
    if (sscanf(s, "%2d/%2d/%4d%n", &x, &y, &yr, &k) != 3 || k != 10 || yr < 1990)
        return -1;
    s += k;
    if (!strncmp(s, " - ", 3) && isdigit((unsigned char)s[3])) {
        if (sscanf(s + 3, "%2d:%2d%n", &hh, &mm, &k) != 2 || hh > 23 || mm > 59)
            return -1;
        s += 3 + k;
    }
    while (*s == ' ')
        s++;
    if (*s)
        return -1;
    mdok = x >= 1 && x <= 12 && y >= 1 && y <= 31;
    dmok = y >= 1 && y <= 12 && x >= 1 && x <= 31;
    if (mdok && dmok && w >= 0) {
        mdok = weekday(yr, x, y) == w;
        dmok = weekday(yr, y, x) == w;
    } else if (w >= 0) {
        mdok = mdok && weekday(yr, x, y) == w;
        dmok = dmok && weekday(yr, y, x) == w;
    }
    if (mdok == dmok)
        return -1;
    {
        char iso[64];
        if (hh >= 0)
            snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d", yr, mdok ? x : y, mdok ? y : x,
                     hh, mm);
        else
            snprintf(iso, sizeof iso, "%04d-%02d-%02d", yr, mdok ? x : y, mdok ? y : x);
        return nc_time_parse_iso(iso, strlen(iso), t);
    }
}

int ncp_html_set_time(nc_article *a, nc_tfield f, const char *s, int lenient)
{
    nc_time t;
    size_t len;
    if (a->time[f].prec || !s)
        return 0;
    len = strlen(s);
    if (nc_time_parse_iso(s, len, &t) == 0 || (lenient && nc_time_parse_text(s, len, &t) == 0) ||
        (lenient && slash_date(s, &t) == 0)) {
        nc_article_set_time(a, f, &t);
        return 1;
    }
    if (lenient) {
        /* "2015-09-17 16:57:43 +0100"-like forms with stray text around: try the first
         * 10..25 characters */
        size_t k;
        for (k = len < 32 ? len : 32; k >= 10; k--)
            if (nc_time_parse_iso(s, k, &t) == 0) {
                nc_article_set_time(a, f, &t);
                return 1;
            }
    }
    return 0;
}

const char *ncp_html_url(ncp_hpage *p, const char *href)
{
    nc_buf_clear(&p->tmp);
    ncp_dom_resolve(p->base, href, &p->tmp);
    return p->tmp.size ? nc_article_strdup(p->a, p->tmp.ptr) : NULL;
}

/* ---- the page's address ---- */

static const char *link_rel(xmlNode *root, const char *rel)
{
    xmlNode *n;
    ncp_dom_walk it;
    for (ncp_dom_walk_tree(&it, root); (n = ncp_dom_walk_enter(&it)) != NULL;) {
        const char *r, *h;
        if (!ncp_dom_is(n, "link") || !(r = ncp_dom_attr(n, "rel")))
            continue;
        if (!ncp_strcasecmp(r, rel) && (h = ncp_dom_attr(n, "href")) && *h)
            return h;
    }
    return NULL;
}

static int is_abs_http(const char *u)
{
    return u && (ncp_startswith_ci(u, "http://") || ncp_startswith_ci(u, "https://"));
}

static void find_base(ncp_hpage *p)
{
    const char *u = p->o ? p->o->base_url : NULL, *b = NULL;
    xmlNode *n;
    ncp_dom_walk it;
    if (!u || !*u) {
        const char *c = link_rel(p->head ? p->head : p->root, "canonical");
        if (is_abs_http(c))
            u = c;
    }
    if (!u || !*u) {
        const char *c = ncp_html_meta_get(p, "og:url");
        if (is_abs_http(c))
            u = c;
    }
    if (u && *u) {
        size_t len = strlen(u);
        const char *t = ncp_trim(u, &len);
        p->doc_url = nc_article_strndup(p->a, t, len);
    }
    ncp_dom_walk_tree(&it, p->head ? p->head : p->root);
    while ((n = ncp_dom_walk_enter(&it)) != NULL)
        if (ncp_dom_is(n, "base") && (b = ncp_dom_attr(n, "href")) && *b)
            break;
    if (b && *b) {
        nc_buf_clear(&p->tmp);
        ncp_dom_resolve(p->doc_url, b, &p->tmp);
        p->base = nc_article_strdup(p->a, p->tmp.ptr);
    } else {
        p->base = p->doc_url;
    }
}

static int is_own(ncp_hpage *p)
{
    const char *g = ncp_html_meta_get(p, "generator");
    const char *d;
    if (g && !strncmp(g, "newsconv", 8))
        return 1;
    /* a --fragment: <article data-generator="newsconv"> */
    d = p->first_article ? ncp_dom_attr(p->first_article, "data-generator") : NULL;
    return d && !strcmp(d, "newsconv");
}

/* The body container of a newsconv page. */
static xmlNode *own_body(ncp_hpage *p)
{
    xmlNode *n;
    ncp_dom_walk it;
    for (ncp_dom_walk_tree(&it, p->root); (n = ncp_dom_walk_enter(&it)) != NULL;) {
        const char *ip = ncp_dom_attr(n, "itemprop");
        if (ip && !strcmp(ip, "articleBody"))
            return n;
    }
    return NULL;
}

/* Decodes the page to UTF-8 (into utf8 unless it is UTF-8 already) and parses it: p->doc
 * and p->root. Returns 0, or -1 with err set. */
static int parse_page(ncp_hpage *p, const char *buf, size_t len, nc_buf *utf8, nc_error *err)
{
    const nc_opts *o = p->o;
    const char *enc = NULL;
    int nomem = 0;
    {
        int r = ncp_html_decode(buf, len, nc_opts_get(o, "input-encoding"), o, utf8, &enc, err);
        const char *page = r == 1 ? buf : utf8->ptr;
        size_t plen = r == 1 ? len : utf8->size;
        if (r < 0)
            return -1;
        if (utf8->failed) {
            nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
            return -1;
        }
        if (plen > (size_t)INT_MAX) {
            nc_error_set(err, NC_ERR_LIMIT, 0, 0, "HTML page too large for the parser");
            return -1;
        }
        {
            int line, col;
            if (ncp_markup_attrs_check(page, plen, 1, &line, &col) < 0) {
                nc_error_set(err, NC_ERR_LIMIT, line, col,
                             "an element with more than %d attributes", NCP_MAX_ATTRIBUTES);
                return -1;
            }
        }
        /* The page is UTF-8 now: IGNORE_ENC keeps libxml2 from switching encodings at a
         * <meta charset> (and from copying the page once more). RECOVER: a <script> ends
         * only at </script>, not at the first "</" and a letter. */
        ncp_xml_quiet();
        xmlResetLastError();
        p->doc = ncp_dom_parse_html(page, plen, NULL,
                              HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                  HTML_PARSE_COMPACT | HTML_PARSE_RECOVER |
                                  HTML_PARSE_IGNORE_ENC,
                              &nomem);
        {
            /* libxml2 stops at its own depth limit (256) and at a text of more than
             * XML_MAX_TEXT_LENGTH bytes (reported as out of memory), silently under
             * NOERROR: what follows is lost, which --strict must know */
            const xmlError *e = xmlGetLastError();
            if (!nomem && p->doc && e && e->code == XML_ERR_INTERNAL_ERROR && e->message &&
                strstr(e->message, "depth"))
                nc_warn(o, e->line, e->int2,
                        "html: nested more than %d levels deep: the rest of the page is dropped",
                        NC_MAX_DEPTH);
            else if (!nomem && p->doc && e && e->code == XML_ERR_NO_MEMORY && e->message &&
                     strstr(e->message, "huge text"))
                nc_warn(o, e->line, e->int2,
                        "html: a text longer than %d bytes: the rest of the page is dropped",
                        XML_MAX_TEXT_LENGTH);
        }
    }
    if (nomem) {
        nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
        return -1;
    }
    if (!p->doc || !(p->root = xmlDocGetRootElement(p->doc))) {
        const xmlError *e = xmlGetLastError();
        if (ncp_xml_oom()) {
            nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
            return -1;
        }
        nc_error_set(err, NC_ERR_PARSE, e ? e->line : 0,
                     e ? e->int2 : 0,
                     "not readable as HTML%s%s", e && e->message ? ": " : "",
                     e && e->message ? e->message : "");
        return -1;
    }
    return 0;
}

int ncp_html_page_read(nc_article *a, const char *buf, size_t len, const nc_opts *o, nc_error *err)
{
    ncp_hpage p;
    nc_buf utf8 = NC_BUF_INIT;
    int rc = -1, extract = !nc_opts_flag(o, "no-extract");
    xmlNode *c, *content = NULL;
    memset(&p, 0, sizeof p);
    if (!ncp_html_extract_mode_ok(o))
        return nc_error_set(err, NC_ERR_USAGE, 0, 0,
                            "html: --extract takes precision, balanced or recall, not '%s'",
                            nc_opts_get(o, "extract"));
    p.a = a;
    p.o = o;
    nc_buf_init(&p.tmp);
    if (parse_page(&p, buf, len, &utf8, err) < 0)
        goto done;
    for (c = p.root->children; c; c = c->next) {
        if (ncp_dom_is(c, "head") && !p.head)
            p.head = c;
        if (ncp_dom_is(c, "body") && !p.body)
            p.body = c;
    }
    ncp_html_scan(&p);
    p.own = is_own(&p);
    find_base(&p);
    if (!p.own && ncp_html_analyse(&p) < 0) {
        nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
        goto done;
    }
    ncp_html_jsonld(&p);
    ncp_html_extra(&p); /* after the JSON-LD: it lays fields over its authors and media */
    if (p.own) {
        content = own_body(&p);
        extract = 0;
    } else {
        ncp_html_meta(&p);
        content = extract ? ncp_html_choose(&p) : NULL;
        ncp_html_visible(&p);
        if (!content)
            content = p.body ? p.body : p.root;
    }
    if (!p.own && extract) {
        if (ncp_html_extract(&p, content) < 0) {
            nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
            goto done;
        }
    } else if (content && ncp_html_body(&p, content, extract) < 0) {
        nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
        goto done;
    }
    ncp_html_report_dropped(&p, p.own || !extract ? content : p.content, !p.own && extract);
    /* an empty body, or a near-empty one from a page with much more text: no article was
     * found (a warning, so that --strict fails and a batch counts it). A page that is
     * itself a line of text is not a failure to find it. */
    if (!p.own) {
        int chars = ncp_html_body_chars(a->body);
        const ncp_hinfo *bh = p.body ? ncp_hi(p.body) : NULL;
        if (chars == 0 || (chars < NEAR_EMPTY && bh && bh->text >= 4 * NEAR_EMPTY))
            nc_warn(o, 0, 0, "html: no article body found in %s",
                    o && o->source ? o->source : "the page");
    }
    rc = 0;
done:
    /* _private points into info[]: libxml2 never reads it (no node callbacks are
     * registered), so the nodes go with it as they are, without one more walk */
    if (p.doc)
        xmlFreeDoc(p.doc);
    free(p.info);
    free(p.wclass);
    free(p.metas);
    nc_buf_release(&utf8);
    nc_buf_release(&p.tmp);
    return rc;
}
