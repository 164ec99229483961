/* newsconv: the streaming XML engine of the feed readers (feed.h).
 *
 * libxml2's xmlTextReader reads the bytes pulled from the input; each item (RSS item,
 * Atom entry) is expanded into a subtree, read into an article and skipped, so that the
 * reader frees it: memory holds one item at a time. The parse follows the guard rules of
 * the other XML readers: no network (NONET), no substitution of entities (no NOENT: an
 * entity reference stays a reference, and only HTML's entity names are read as their
 * characters), no DTD loading or validation, libxml2's limits kept (no HUGE: at most 256
 * levels of nesting, 10 MB in one text node, bounded entity amplification). */
#include "feed.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/uri.h>
#include <libxml/xmlreader.h>

#include "common/dropcheck.h"
#include "common/xmlguard.h"

void ncp_feed_init(ncp_feed *f, int kind, const nc_opts *o, nc_each_fn each, void *each_data)
{
    memset(f, 0, sizeof *f);
    f->kind = kind;
    f->o = o;
    f->each = each;
    f->each_data = each_data;
}

static void free_strs(char **v, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void ncp_feed_free(ncp_feed *f)
{
    size_t i;
    free(f->publisher);
    free(f->publisher_url);
    free(f->language);
    free(f->rights);
    free(f->image);
    free_strs(f->author_names, f->n_authors);
    free_strs(f->author_urls, f->n_authors);
    free_strs(f->wp_logins, f->n_wp);
    free_strs(f->wp_names, f->n_wp);
    for (i = 0; i < f->n_atts; i++) {
        free(f->atts[i].parent);
        free(f->atts[i].url);
        free(f->atts[i].title);
        free(f->atts[i].caption);
        free(f->atts[i].mime);
    }
    free(f->atts);
    if (f->chan) /* not ended (an error stopped the read): released without a word */
        ncp_drops_release(f->chan);
    free(f->chan);
    nc_article_free(f->chan_a);
}

void ncp_feed_release(nc_buf *b)
{
    if (b->failed)
        ncp_alloc_failure_note(); /* nc_feed_emit fails this item and the next ones */
    nc_buf_release(b);
}

void ncp_feed_keep(char **dst, const char *s)
{
    char *c = s ? strdup(s) : NULL;
    if (s && !c) {
        ncp_alloc_failure_note();
        return;
    }
    free(*dst);
    *dst = c;
}

void ncp_feed_add_author(ncp_feed *f, const char *name, const char *url)
{
    char **nn = realloc(f->author_names, (f->n_authors + 1) * sizeof *nn), **nu;
    if (!nn) {
        ncp_alloc_failure_note();
        return;
    }
    f->author_names = nn;
    nu = realloc(f->author_urls, (f->n_authors + 1) * sizeof *nu);
    if (!nu) {
        ncp_alloc_failure_note();
        return;
    }
    f->author_urls = nu;
    nn[f->n_authors] = nu[f->n_authors] = NULL;
    ncp_feed_keep(&nn[f->n_authors], name);
    ncp_feed_keep(&nu[f->n_authors], url);
    if (nn[f->n_authors])
        f->n_authors++;
    else
        free(nu[f->n_authors]);
}

/* ---- namespaces and text ---- */

int ncp_feed_ns(const xmlNode *n)
{
    static const struct {
        const char *uri;
        int cls;
        int prefix; /* 1: a prefix of the URI (the versions of one namespace) */
    } known[] = {
        {"http://www.w3.org/2005/Atom", NCP_NS_ATOM, 0},
        {"http://purl.org/atom/ns#", NCP_NS_ATOM03, 0},
        {"http://purl.org/dc/elements/1.1/", NCP_NS_DC, 0},
        {"http://purl.org/dc/terms/", NCP_NS_DCTERMS, 0},
        {"http://purl.org/rss/1.0/modules/content/", NCP_NS_CONTENT, 0},
        {"http://search.yahoo.com/mrss", NCP_NS_MEDIA, 1},
        {"http://tools.search.yahoo.com/mrss", NCP_NS_MEDIA, 1},
        {"http://wordpress.org/export/", NCP_NS_WP, 1},
        {"http://www.w3.org/1999/02/22-rdf-syntax-ns#", NCP_NS_RDF, 0},
        {"http://purl.org/rss/1.0/", NCP_NS_NONE, 0},
        {"http://my.netscape.com/rdf/simple/0.9/", NCP_NS_NONE, 0},
        {"http://backend.userland.com/rss2", NCP_NS_NONE, 0},
        {"http://blogs.law.harvard.edu/tech/rss", NCP_NS_NONE, 0},
        {"http://www.w3.org/1999/xhtml", NCP_NS_XHTML, 0},
    };
    const char *uri;
    size_t i;
    if (!n->ns || !n->ns->href)
        return NCP_NS_NONE;
    uri = (const char *)n->ns->href;
    if (!strncmp(uri, "http://wordpress.org/export/", 28) && strstr(uri, "/excerpt"))
        return NCP_NS_EXCERPT;
    for (i = 0; i < sizeof known / sizeof known[0]; i++)
        if (known[i].prefix ? !strncmp(uri, known[i].uri, strlen(known[i].uri))
                            : !strcmp(uri, known[i].uri))
            return known[i].cls;
    return NCP_NS_OTHER;
}

int ncp_feed_is(const xmlNode *n, int ns, const char *local)
{
    return n && n->type == XML_ELEMENT_NODE && n->name && !strcmp((const char *)n->name, local) &&
           ncp_feed_ns(n) == ns;
}

/* At most this many bytes of the internal subset's entities in the text of one element:
 * what a reference to an entity can add stays bounded. */
#define ENTITY_TEXT_MAX 65536

/* The text of the children of n, iteratively. */
static void gather(const xmlNode *n, nc_buf *out)
{
    const xmlNode *c = n->children;
    size_t expanded = 0;
    while (c && c != n) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content)
                nc_buf_puts(out, (const char *)c->content);
        } else if (c->type == XML_ENTITY_REF_NODE) {
            /* never expanded by the parser: an HTML entity name is its character; an
             * entity of the internal subset whose value is plain text (no reference, no
             * markup: no nesting, so no amplification) is that text; others nothing */
            const htmlEntityDesc *d = c->name ? htmlEntityLookup(c->name) : NULL;
            xmlEntity *e = !d && c->name && c->doc ? xmlGetDocEntity(c->doc, c->name) : NULL;
            if (d) {
                ncp_utf8_put(out, d->value);
            } else if (e && e->etype == XML_INTERNAL_GENERAL_ENTITY && e->content &&
                       !strpbrk((const char *)e->content, "&<") &&
                       expanded + strlen((const char *)e->content) <= ENTITY_TEXT_MAX) {
                expanded += strlen((const char *)e->content);
                nc_buf_puts(out, (const char *)e->content);
            }
        } else if (c->type == XML_ELEMENT_NODE && c->children) {
            c = c->children;
            continue;
        }
        while (c != n && !c->next)
            c = c->parent;
        if (c != n)
            c = c->next;
    }
}

const char *ncp_feed_text(const xmlNode *n, nc_buf *out)
{
    size_t len;
    const char *s;
    nc_buf raw = NC_BUF_INIT;
    nc_buf_clear(out);
    if (!n)
        return "";
    gather(n, &raw);
    len = raw.size;
    s = raw.ptr ? ncp_trim(raw.ptr, &len) : "";
    nc_buf_put(out, s, len);
    ncp_feed_release(&raw);
    return out->ptr ? out->ptr : "";
}

const char *ncp_feed_attr(const xmlNode *n, const char *name, nc_buf *out)
{
    const char *v = n ? ncp_dom_attr(n, name) : NULL;
    size_t len;
    nc_buf_clear(out);
    if (!v)
        return NULL;
    len = strlen(v);
    v = ncp_trim(v, &len);
    if (!len)
        return NULL;
    nc_buf_put(out, v, len);
    return out->ptr;
}

void ncp_feed_base(ncp_feed *f, const xmlNode *n, nc_buf *out)
{
    xmlChar *b = n ? xmlNodeGetBase(n->doc, n) : NULL;
    nc_buf_clear(out);
    if (b && f->o && f->o->base_url) {
        ncp_dom_resolve(f->o->base_url, (const char *)b, out);
    } else if (b) {
        nc_buf_puts(out, (const char *)b);
    } else if (f->o && f->o->base_url) {
        nc_buf_puts(out, f->o->base_url);
    }
    xmlFree(b);
}

const char *ncp_feed_resolve(ncp_feed *f, const xmlNode *n, const char *href,
                             const char *fallback, nc_buf *out)
{
    nc_buf base = NC_BUF_INIT, tmp = NC_BUF_INIT;
    if (!fallback) /* the channel's link: the site the feed's relative links are on */
        fallback = f->publisher_url;
    ncp_feed_base(f, n, &base);
    nc_buf_clear(out);
    if (base.size) {
        ncp_dom_resolve(base.ptr, href, &tmp);
        if (fallback && !strstr(tmp.ptr ? tmp.ptr : "", "://"))
            ncp_dom_resolve(fallback, tmp.ptr ? tmp.ptr : href, out);
        else
            nc_buf_puts(out, tmp.ptr ? tmp.ptr : href);
    } else if (fallback) {
        ncp_dom_resolve(fallback, href, out);
    } else {
        nc_buf_puts(out, href);
    }
    ncp_feed_release(&base);
    ncp_feed_release(&tmp);
    return out->ptr ? out->ptr : href;
}

/* ---- articles ---- */

nc_article *ncp_feed_article(ncp_feed *f)
{
    if (f->single)
        return f->single;
    return nc_article_new();
}

int ncp_feed_emit(ncp_feed *f, nc_article *a, int line)
{
    /* an allocation that failed may have lost this item's data, or the channel's that
     * every later item takes: this item and the later ones are out of memory */
    if (ncp_alloc_failure_noted())
        f->nomem = 1;
    if (f->nomem) {
        nc_error e;
        nc_error_clear(&e);
        nc_error_set(&e, NC_ERR_NOMEM, line, 0, "out of memory");
        return ncp_feed_fail(f, a, &e, line);
    }
    f->n_items++;
    /* the channel's publisher, language and rights for items that lack their own */
    if (!a->str[NC_F_PUBLISHER] && f->publisher)
        nc_article_sets(a, NC_F_PUBLISHER, f->publisher);
    if (!a->str[NC_F_LANGUAGE] && f->language)
        nc_article_sets(a, NC_F_LANGUAGE, f->language);
    if (!a->str[NC_F_COPYRIGHT_NOTICE] && f->rights)
        nc_article_sets(a, NC_F_COPYRIGHT_NOTICE, f->rights);
    if (f->publisher_url && !nc_article_get_extra(a, "publisher_url"))
        nc_article_add_extra(a, "publisher_url", f->publisher_url, 0);
    if (f->image && !nc_article_get_extra(a, "publisher_logo"))
        nc_article_add_extra(a, "publisher_logo", f->image, 0);
    if (!a->n_authors) {
        size_t i;
        for (i = 0; i < f->n_authors; i++)
            nc_article_add_author(a, f->author_names[i], NULL, f->author_urls[i], NULL);
    }
    if (f->single) {
        f->single_done = 1;
        return 0;
    }
    if (f->each(f->each_data, a, NULL, line))
        f->stop = 1;
    return f->stop;
}

/* The attributes of an item's elements that hold data of their own (an enclosure's
 * length, a media file's size or duration, a category's label): counted dropped when the
 * model does not hold their value. Form is not: content types, link relations, a guid's
 * isPermaLink, a medium, languages. */
static void feed_attrs(ncp_drops *d, const xmlNode *el, void *ud)
{
    static const char *const form[] = {"type", "rel", "isPermaLink", "medium", "isDefault",
                                       "expression", "mode", "version", "hreflang", "lang",
                                       "role", "scheme", "domain", "base", NULL};
    const xmlAttr *at;
    const xmlNode *up;
    /* markup inside a text construct or body (Atom's XHTML content, an SVG in it) is the
     * body's: its links and pictures are read (made absolute), its layout is form */
    for (up = el; up && up->type == XML_ELEMENT_NODE; up = up->parent)
        if (up->name && (!strcmp((const char *)up->name, "content") ||
                         !strcmp((const char *)up->name, "summary") ||
                         !strcmp((const char *)up->name, "title") ||
                         !strcmp((const char *)up->name, "subtitle") ||
                         !strcmp((const char *)up->name, "tagline") ||
                         !strcmp((const char *)up->name, "info") ||
                         !strcmp((const char *)up->name, "rights") ||
                         !strcmp((const char *)up->name, "description") ||
                         !strcmp((const char *)up->name, "encoded") ||
                         !strcmp((const char *)up->name, "body")) && up != el)
            return;
    for (at = el->properties; at; at = at->next) {
        const char *an = (const char *)at->name;
        size_t i;
        xmlChar *v;
        if (at->ns)
            continue; /* xml:lang, xml:base, rdf:about */
        for (i = 0; form[i] && strcmp(form[i], an); i++)
            ;
        if (form[i])
            continue;
        v = xmlNodeGetContent((const xmlNode *)at);
        if (ud && v && !strcmp(an, "href")) {
            /* the channel's links are kept resolved (against xml:base, --base-url) */
            nc_buf r = NC_BUF_INIT;
            ncp_drop_attr_unless_held(d, el, an,
                                      ncp_feed_resolve((ncp_feed *)ud, el, (const char *)v,
                                                       NULL, &r));
            ncp_feed_release(&r);
        } else {
            ncp_drop_attr_unless_held(d, el, an, (const char *)v);
        }
        xmlFree(v);
    }
}

/* 1 when the model holds the text s (squashed) somewhere. */
static int text_held(ncp_drops *d, const char *s)
{
    nc_buf_clear(&d->piece);
    ncp_squash_put(&d->piece, s);
    nc_buf_truncate(&d->piece, d->piece.size ? d->piece.size - 1 : 0);
    return !d->piece.ptr || !d->piece.ptr[0] || ncp_drops_holds(d, d->piece.ptr);
}

/* A text the model holds in another form: an RSS author "email (Name)" split into its
 * parts; HTML sent as text (a description, content:encoded), every text of it but
 * scripts and styles (which the publication policy leaves out, with its own warning). */
static int feed_text(ncp_drops *d, const xmlNode *t, void *ud)
{
    const char *s = (const char *)t->content, *name = (const char *)t->parent->name;
    (void)ud;
    if (!strcmp(name, "author") || !strcmp(name, "managingEditor") ||
        !strcmp(name, "webMaster")) {
        const char *o = strchr(s, '('), *c = o ? strrchr(o, ')') : NULL;
        if (o && c) {
            char *mail = strndup(s, (size_t)(o - s)), *who = strndup(o + 1, (size_t)(c - o - 1));
            int held = mail && who && text_held(d, mail) && text_held(d, who);
            free(mail);
            free(who);
            return held;
        }
    }
    if (strpbrk(s, "<&")) {
        int nomem = 0, held = 1;
        xmlDoc *doc = ncp_dom_parse_html(s, strlen(s), "UTF-8",
                                         HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                             HTML_PARSE_NOWARNING | HTML_PARSE_NOIMPLIED,
                                         &nomem);
        xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL, *n = root;
        if (!root) {
            xmlFreeDoc(doc);
            return nomem; /* out of memory: no warning (as in ncp_report_dropped) */
        }
        while (n && held) {
            int into = n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "script") &&
                       strcmp((const char *)n->name, "style") &&
                       strcmp((const char *)n->name, "noscript") &&
                       strcmp((const char *)n->name, "template");
            if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content &&
                !text_held(d, (const char *)n->content))
                held = 0;
            /* the root's siblings: a fragment of several top-level nodes */
            if (into && n->children)
                n = n->children;
            else {
                while (n && !n->next && n->parent && n->parent->type == XML_ELEMENT_NODE)
                    n = n->parent;
                n = n ? n->next : NULL;
            }
        }
        xmlFreeDoc(doc);
        return held;
    }
    return 0;
}

/* Atom 0.3's base64 text (mode="base64") is read decoded: its encoded text is not
 * compared. */
static int feed_skip(const xmlNode *el, void *ud)
{
    static const char *const dates[] = {"pubDate", "date", "published", "updated", "issued",
                                        "modified", "created", "lastBuildDate",
                                        "expirationDate", "post_date", "post_date_gmt", NULL};
    xmlChar *m, *t;
    size_t i;
    /* dates are read as dates, in the model's form */
    for (i = 0; dates[i]; i++)
        if (!strcmp((const char *)el->name, dates[i]))
            return 1;
    m = xmlGetNoNsProp(el, (const xmlChar *)"mode");
    t = xmlGetNoNsProp(el, (const xmlChar *)"type");
    /* Atom 1.0: a text construct or content of a MIME type that is neither text nor XML
     * is base64 */
    int r = (m && !strcmp((const char *)m, "base64")) ||
            (t && strchr((const char *)t, '/') && strncmp((const char *)t, "text/", 5) &&
             !strstr((const char *)t, "xml"));
    (void)ud;
    xmlFree(m);
    xmlFree(t);
    return r;
}

int ncp_feed_item(ncp_feed *f, xmlNode *n, int line,
                  int (*fill)(ncp_feed *f, nc_article *a, xmlNode *n, nc_error *err))
{
    nc_article *a = ncp_feed_article(f);
    nc_error e;
    nc_error_clear(&e);
    if (!a) {
        nc_error_set(&e, NC_ERR_NOMEM, line, 0, "out of memory");
        return ncp_feed_fail(f, NULL, &e, line);
    }
    if (fill(f, a, n, &e) < 0 || nc_article_ok(a, &e) < 0)
        return ncp_feed_fail(f, a, &e, line);
    /* what of the item the article does not hold is named (issue 14) */
    {
        static const ncp_drop_hooks hooks = {feed_attrs, feed_skip, feed_text, NULL, NULL, 0};
        ncp_report_dropped(a, n, f->o, &hooks);
    }
    return ncp_feed_emit(f, a, line);
}

void ncp_feed_html_base(ncp_feed *f, const xmlNode *n, const nc_article *a, nc_buf *out)
{
    nc_buf r = NC_BUF_INIT;
    ncp_feed_base(f, n, out);
    if (a->str[NC_F_URL] && (!out->size || !strstr(out->ptr, "://"))) {
        if (out->size)
            ncp_dom_resolve(a->str[NC_F_URL], out->ptr, &r);
        else
            nc_buf_puts(&r, a->str[NC_F_URL]);
        nc_buf_clear(out);
        nc_buf_puts(out, r.ptr);
    }
    ncp_feed_release(&r);
}

int ncp_feed_xhtml_body(ncp_feed *f, nc_article *a, xmlNode *el, const char *base,
                        nc_error *err)
{
    ncp_dom_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.a = a;
    ctx.o = f->o;
    ctx.base_url = base && *base ? base : NULL;
    if (ncp_dom_convert(&ctx, el, a->body) < 0)
        return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
    return 0;
}

void ncp_feed_summary_html(nc_article *a, const char *html)
{
    nc_buf v = NC_BUF_INIT;
    ncp_feed_html_text(html, &v);
    if (v.size)
        nc_article_sets(a, NC_F_SUMMARY, v.ptr);
    ncp_feed_release(&v);
}

int ncp_feed_fail(ncp_feed *f, nc_article *a, const nc_error *e, int line)
{
    f->n_items++;
    if (f->single) {
        f->single_done = 1;
        f->single_failed = 1;
        f->single_err = *e;
        f->stop = 1;
        return 1;
    }
    nc_article_free(a);
    if (f->each(f->each_data, NULL, e, line))
        f->stop = 1;
    return f->stop;
}

void ncp_feed_date(ncp_feed *f, nc_article *a, nc_tfield tf, const char *s, int line)
{
    nc_time t;
    if (!s || !*s)
        return;
    if (nc_time_parse_feed(s, strlen(s), &t) == 0)
        nc_article_set_time(a, tf, &t);
    else
        nc_warn(f->o, line, 0, "%s date '%.60s' not understood: left out", nc_tfield_name(tf),
                s);
}

int ncp_feed_html_body(ncp_feed *f, nc_article *a, const char *html, const char *base,
                       nc_error *err)
{
    return ncp_dom_html_to_body(a, html, strlen(html), f->o, base && *base ? base : NULL, a->body,
                            err);
}

static void escape_html(nc_buf *out, const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (s[i] == '<')
            nc_buf_puts(out, "&lt;");
        else if (s[i] == '>')
            nc_buf_puts(out, "&gt;");
        else if (s[i] == '&')
            nc_buf_puts(out, "&amp;");
        else
            nc_buf_putc(out, s[i]);
    }
}

int ncp_feed_text_body(ncp_feed *f, nc_article *a, const char *text, nc_error *err)
{
    nc_buf h = NC_BUF_INIT;
    const char *p = text;
    int rc;
    while (*p) {
        const char *e = strstr(p, "\n\n");
        size_t n = e ? (size_t)(e - p) : strlen(p);
        const char *s = ncp_trim(p, &n);
        if (n) {
            nc_buf_puts(&h, "<p>");
            escape_html(&h, s, n);
            nc_buf_puts(&h, "</p>\n");
        }
        p = e ? e + 2 : p + strlen(p);
    }
    if (!h.size) {
        ncp_feed_release(&h);
        return 0;
    }
    rc = ncp_dom_html_to_body(a, h.ptr, h.size, f->o, NULL, a->body, err);
    ncp_feed_release(&h);
    return rc;
}

void ncp_feed_html_text(const char *html, nc_buf *out)
{
    int nomem = 0;
    xmlDoc *doc;
    xmlNode *root;
    nc_buf_clear(out);
    if (!*html)
        return;
    doc = ncp_dom_parse_html(html, strlen(html), "UTF-8",
                        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                            HTML_PARSE_NOIMPLIED,
                        &nomem);
    root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (root) {
        xmlNode *c;
        for (c = root; c; c = c->next) /* without implied html/body: every top node */
            ncp_dom_text(c, out);
    }
    xmlFreeDoc(doc);
    if (out->size) {
        size_t n = out->size;
        const char *s = ncp_trim(out->ptr, &n);
        memmove(out->ptr, s, n);
        nc_buf_truncate(out, n);
    }
}

int ncp_feed_looks_html(const char *s)
{
    const char *p;
    for (p = strchr(s, '<'); p; p = strchr(p + 1, '<'))
        if ((p[1] >= 'a' && p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z') || p[1] == '/' ||
            p[1] == '!')
            return 1;
    for (p = strchr(s, '&'); p; p = strchr(p + 1, '&')) {
        const char *q = p + 1;
        if (*q == '#')
            q++;
        while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9'))
            q++;
        if (*q == ';' && q > p + 1)
            return 1;
    }
    return 0;
}

void ncp_feed_author(nc_article *a, const char *s, const char *role)
{
    const char *lp = strchr(s, '('), *rp = strrchr(s, ')'), *lt = strchr(s, '<'),
               *gt = strrchr(s, '>'), *at = strchr(s, '@');
    nc_buf name = NC_BUF_INIT, mail = NC_BUF_INIT;
    size_t n;
    const char *t;
    /* the name outside the brackets and the address inside, or the other way round */
    const char *open = NULL, *close = NULL;
    int name_inside = 0;
    if (at && lp && rp > lp) /* "Jane Doe (jane@...)" or "jane@... (Jane Doe)" */
        open = lp, close = rp, name_inside = !(at > lp && at < rp);
    else if (at && lt && gt > lt) /* "Jane Doe <jane@example.com>" */
        open = lt, close = gt;
    if (open) {
        n = (size_t)(open - s);
        t = ncp_trim(s, &n);
        nc_buf_put(name_inside ? &mail : &name, t, n);
        n = (size_t)(close - open - 1);
        t = ncp_trim(open + 1, &n);
        nc_buf_put(name_inside ? &name : &mail, t, n);
        if (mail.size) { /* "mailto:" before the address */
            nc_buf m = NC_BUF_INIT;
            nc_buf_puts(&m, "mailto:");
            nc_buf_put(&m, mail.ptr, mail.size);
            ncp_feed_release(&mail);
            mail = m;
        }
    } else if (at && !strchr(s, ' ')) { /* an address alone */
        nc_buf_puts(&name, s);
        nc_buf_puts(&mail, "mailto:");
        nc_buf_puts(&mail, s);
    } else {
        nc_buf_puts(&name, s);
    }
    if (name.size || mail.size)
        nc_article_add_author(a, name.size ? name.ptr : mail.ptr + 7, role,
                              mail.size ? mail.ptr : NULL, NULL);
    ncp_feed_release(&name);
    ncp_feed_release(&mail);
}

int ncp_feed_media_kind(const char *mime, const char *medium)
{
    if (medium) {
        if (!strcmp(medium, "image"))
            return NC_MEDIA_PICTURE;
        if (!strcmp(medium, "video"))
            return NC_MEDIA_VIDEO;
        if (!strcmp(medium, "audio"))
            return NC_MEDIA_AUDIO;
    }
    if (mime) {
        if (!ncp_strncasecmp(mime, "image/", 6))
            return NC_MEDIA_PICTURE;
        if (!ncp_strncasecmp(mime, "video/", 6))
            return NC_MEDIA_VIDEO;
        if (!ncp_strncasecmp(mime, "audio/", 6))
            return NC_MEDIA_AUDIO;
    }
    return -1;
}

/* ---- the reader ---- */

/* The attribute limit of the guard (NCP_MAX_ATTRIBUTES: libxml2 compares each attribute
 * of a tag with every one before it), on the bytes as they are pulled: a small scanner
 * of the markup that counts the '=' of each start tag outside quotes, and skips comments,
 * CDATA sections, processing instructions and declarations. */
enum { SC_TEXT, SC_LT, SC_TAG, SC_QUOTE, SC_SKIP };

typedef struct scan {
    int state;
    char quote;      /* SC_QUOTE: the closing quote */
    const char *end; /* SC_SKIP: what ends it ("-->", "]]>", "?>", ">") */
    size_t matched;  /* SC_SKIP: how much of end was seen; SC_LT after "<!": of "--"/"[CDATA[" */
    int attrs;
    long line, col, tag_line, tag_col;
} scan;

/* 0, or -1 when a start tag has too many attributes (err set at its '<'). */
static int scan_bytes(scan *sc, const char *buf, size_t n, nc_error *err)
{
    size_t i;
    for (i = 0; i < n; i++) {
        char c = buf[i];
        if (c == '\n') {
            sc->line++;
            sc->col = 0;
        } else {
            sc->col++;
        }
        switch (sc->state) {
        case SC_TEXT:
            if (c == '<') {
                sc->state = SC_LT;
                sc->matched = 0;
                sc->tag_line = sc->line;
                sc->tag_col = sc->col;
            }
            break;
        case SC_LT:
            if (sc->matched) { /* after "<!": a comment, a CDATA section or a declaration */
                static const char cdata[] = "[CDATA[";
                if (sc->matched == 1 && c == '-') {
                    sc->state = SC_SKIP, sc->end = "-->", sc->matched = 0;
                } else if (sc->matched < 8 && c == cdata[sc->matched - 1]) {
                    if (++sc->matched == 8)
                        sc->state = SC_SKIP, sc->end = "]]>", sc->matched = 0;
                } else {
                    sc->state = SC_SKIP, sc->end = ">", sc->matched = 0;
                }
            } else if (c == '!') {
                sc->matched = 1;
            } else if (c == '?') {
                sc->state = SC_SKIP, sc->end = "?>", sc->matched = 0;
            } else if (c == '/') {
                sc->state = SC_SKIP, sc->end = ">", sc->matched = 0;
            } else {
                sc->state = SC_TAG;
                sc->attrs = 0;
            }
            break;
        case SC_TAG:
            if (c == '"' || c == '\'') {
                sc->state = SC_QUOTE;
                sc->quote = c;
            } else if (c == '=' && ++sc->attrs > NCP_MAX_ATTRIBUTES) {
                nc_error_set(err, NC_ERR_LIMIT, (int)sc->tag_line, (int)sc->tag_col,
                             "an element with more than %d attributes", NCP_MAX_ATTRIBUTES);
                return -1;
            } else if (c == '>') {
                sc->state = SC_TEXT;
            }
            break;
        case SC_QUOTE:
            if (c == sc->quote)
                sc->state = SC_TAG;
            break;
        default: /* SC_SKIP */
            if (c == sc->end[sc->matched]) {
                if (!sc->end[++sc->matched])
                    sc->state = SC_TEXT;
            } else {
                sc->matched = c == sc->end[0] ? 1 : 0;
            }
            break;
        }
    }
    return 0;
}

typedef struct pull_ctx {
    const nc_stream_in *in;
    nc_error err; /* the input's own error, or the attribute limit's */
    int failed;
    scan sc;
} pull_ctx;

static int pull_cb(void *ud, char *buf, int len)
{
    pull_ctx *p = ud;
    long n;
    if (p->failed)
        return -1;
    n = p->in->pull(p->in->ud, buf, (size_t)len, &p->err);
    if (n < 0 || (n > 0 && scan_bytes(&p->sc, buf, (size_t)n, &p->err) < 0)) {
        p->failed = 1;
        return -1;
    }
    return (int)n;
}

typedef struct first_err {
    int set, code, line, column;
    char msg[300];
} first_err;

static void keep_error(void *ud, xmlErrorPtr e)
{
    first_err *fe = ud;
    if (fe->set || !e || e->level < XML_ERR_ERROR)
        return;
    fe->set = 1;
    fe->code = e->code;
    fe->line = e->line;
    fe->column = e->int2;
    snprintf(fe->msg, sizeof fe->msg, "%s", e->message ? e->message : "error");
}

/* What an element at this depth is. */
enum { EL_SKIP, EL_DESCEND, EL_ITEM, EL_CHANNEL };

static int role_of(ncp_feed *f, xmlNode *n, int depth)
{
    const char *name = (const char *)n->name;
    int ns = ncp_feed_ns(n);
    if (f->root == NCP_ROOT_RSS) {
        if (depth == 1) /* items straight under <rss> too, as loose feeds write them */
            return ns != NCP_NS_NONE       ? EL_SKIP
                   : !strcmp(name, "channel") ? EL_DESCEND
                   : !strcmp(name, "item")    ? EL_ITEM
                                              : EL_SKIP;
        if (depth == 2)
            return ns == NCP_NS_NONE && !strcmp(name, "item") ? EL_ITEM : EL_CHANNEL;
        return EL_SKIP;
    }
    if (f->root == NCP_ROOT_RDF) {
        if (depth != 1)
            return EL_SKIP;
        if (ns == NCP_NS_NONE && !strcmp(name, "item"))
            return EL_ITEM;
        return EL_CHANNEL;
    }
    if (depth == 1)
        return ncp_feed_is(n, ns == NCP_NS_ATOM03 ? NCP_NS_ATOM03 : NCP_NS_ATOM, "entry") ||
                       (ns == NCP_NS_NONE && !strcmp(name, "entry"))
                   ? EL_ITEM
                   : EL_CHANNEL;
    return EL_SKIP;
}

static int root_of(xmlNode *n)
{
    const char *name = (const char *)n->name;
    int ns = ncp_feed_ns(n);
    if (!strcmp(name, "rss") && ns == NCP_NS_NONE)
        return NCP_ROOT_RSS;
    if (!strcmp(name, "RDF") && ns == NCP_NS_RDF)
        return NCP_ROOT_RDF;
    if (!strcmp(name, "feed") && (ns == NCP_NS_ATOM || ns == NCP_NS_ATOM03 || ns == NCP_NS_NONE))
        return NCP_ROOT_ATOM;
    return 0;
}

void ncp_feed_channel_hay(const ncp_feed *f, nc_buf *out)
{
    size_t i;
    ncp_squash_put(out, f->publisher);
    ncp_squash_put(out, f->publisher_url);
    ncp_squash_put(out, f->language);
    ncp_squash_put(out, f->rights);
    ncp_squash_put(out, f->image);
    for (i = 0; i < f->n_authors; i++) {
        ncp_squash_put(out, f->author_names[i]);
        ncp_squash_put(out, f->author_urls[i]);
    }
    for (i = 0; i < f->n_wp; i++) {
        ncp_squash_put(out, f->wp_logins[i]);
        ncp_squash_put(out, f->wp_names[i]);
    }
}

int ncp_feed_channel_begin(ncp_feed *f)
{
    if (f->chan)
        return 0;
    f->chan_a = nc_article_new();
    f->chan = f->chan_a ? malloc(sizeof *f->chan) : NULL;
    if (!f->chan) {
        nc_article_free(f->chan_a);
        f->chan_a = NULL;
        return -1;
    }
    ncp_drops_begin(f->chan, f->chan_a);
    return 0;
}

int ncp_feed_channel_end(ncp_feed *f, nc_error *err)
{
    size_t total;
    int line;
    if (!f->chan)
        return 0;
    total = f->chan->hay ? f->chan->total : 0;
    line = f->chan->first_line;
    ncp_drops_end_as(f->chan, f->o, "dropped from the channel");
    free(f->chan);
    f->chan = NULL;
    if (total && f->o && f->o->strict)
        return nc_error_set(err, NC_ERR_LOSSY, line, 0,
                            "%zu value%s of the channel dropped, under --strict", total,
                            total == 1 ? "" : "s");
    return 0;
}

/* At most this many children of a channel are compared (the channel's data is compared
 * again for each: a bound on a feed of a million channel elements). */
#define CHANNEL_CHECKED 1000

/* RSS 1.0's <items> lists the items' addresses, which their articles hold. */
static int channel_skip(const xmlNode *el, void *ud)
{
    return !strcmp((const char *)el->name, "items") || feed_skip(el, ud);
}

/* Counts what of the channel child n (read into f's channel data) the channel data does
 * not hold: the channel's description, generator, categories, an image's title that is
 * not the channel's, iTunes data... The channel data fills the articles that lack their
 * own (docs/feeds.md), so that what it does not hold, no article holds. */
static void channel_drops(ncp_feed *f, xmlNode *n)
{
    ncp_drop_hooks hooks = {feed_attrs, channel_skip, feed_text, NULL, NULL, 0};
    nc_buf hay = NC_BUF_INIT;
    if (f->nomem || f->collecting == 1) /* WordPress's first pass: attachments only */
        return;
    if (ncp_feed_channel_begin(f) < 0)
        return;
    if (++f->chan_n > CHANNEL_CHECKED) {
        f->chan->search.stopped = 1; /* the warning says that not every text was compared */
        return;
    }
    ncp_feed_channel_hay(f, &hay);
    ncp_drops_set_hay(f->chan, &hay);
    ncp_feed_release(&hay);
    hooks.ud = f; /* feed_attrs: hrefs resolved */
    ncp_drops_walk(f->chan, n, &hooks);
}

static void channel_child(ncp_feed *f, xmlNode *n)
{
    if (f->root == NCP_ROOT_ATOM) {
        ncp_atom_feed_child(f, n);
    } else if (f->root == NCP_ROOT_RDF && ncp_feed_is(n, NCP_NS_NONE, "channel")) {
        xmlNode *c;
        for (c = n->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE)
                ncp_rss_channel_child(f, c);
    } else if (f->kind == NCP_FEED_WXR) {
        ncp_wxr_channel_child(f, n);
    } else {
        ncp_rss_channel_child(f, n);
    }
    channel_drops(f, n);
}

static int item(ncp_feed *f, xmlNode *n, int line)
{
    if (f->root == NCP_ROOT_ATOM)
        return ncp_atom_entry(f, n, line);
    if (f->kind == NCP_FEED_WXR)
        return ncp_wxr_item(f, n, line);
    return ncp_rss_item(f, n, line);
}

/* After a parse error: libxml2 parses ahead of the reader (in blocks of 512 bytes), so
 * items that were complete before the malformed point may not have been given yet. They
 * are in the reader's partial tree: an element followed by any node was closed. */
static void salvage(ncp_feed *f, xmlDoc *doc, int last_line)
{
    xmlNode *box = doc ? xmlDocGetRootElement(doc) : NULL, *c;
    int depth = 1;
    if (box && !f->root) { /* the error came before the reader gave the root */
        f->root = root_of(box);
        if ((f->kind == NCP_FEED_ATOM) != (f->root == NCP_ROOT_ATOM))
            f->root = 0;
        if (!f->root)
            return;
    }
    if (box && f->root == NCP_ROOT_RSS) {
        for (box = box->children; box && !ncp_feed_is(box, NCP_NS_NONE, "channel");
             box = box->next)
            ;
        depth = 2;
    }
    for (c = box ? box->children : NULL; c && c->next && !f->stop; c = c->next) {
        int line = (int)xmlGetLineNo(c);
        if (c->type != XML_ELEMENT_NODE || line <= last_line || f->single_done)
            continue;
        if (role_of(f, c, depth) == EL_ITEM)
            item(f, c, line);
        else if (role_of(f, c, depth) == EL_CHANNEL)
            channel_child(f, c);
    }
}

static const char *root_names(int kind)
{
    return kind == NCP_FEED_ATOM ? "<feed> (Atom)"
           : kind == NCP_FEED_WXR ? "<rss> with WordPress export elements"
                                  : "<rss> or <rdf:RDF>";
}

int ncp_feed_xml(ncp_feed *f, const nc_stream_in *in, nc_error *err)
{
    /* see the top of the file: no NOENT, DTDLOAD, DTDVALID or HUGE */
    int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
               XML_PARSE_BIG_LINES;
    pull_ctx pc;
    first_err fe;
    xmlTextReaderPtr r;
    xmlDoc *partial = NULL;
    int ret, rc = 0, last_line = 0;
    memset(&pc, 0, sizeof pc);
    memset(&fe, 0, sizeof fe);
    nc_error_clear(&pc.err);
    pc.in = in;
    pc.sc.line = 1;
    ncp_xml_quiet();
    r = xmlReaderForIO(pull_cb, NULL, &pc, NULL, NULL, opts);
    if (!r)
        return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
    xmlTextReaderSetStructuredErrorHandler(r, keep_error, &fe);
    ret = xmlTextReaderRead(r);
    while (ret == 1 && !f->stop) {
        xmlNode *n;
        int depth, role, line;
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) {
            ret = xmlTextReaderRead(r);
            continue;
        }
        n = xmlTextReaderCurrentNode(r);
        depth = xmlTextReaderDepth(r);
        if (!n || !n->name) {
            ret = -1;
            break;
        }
        if (depth == 0) {
            f->root = root_of(n);
            if (!f->root || (f->kind == NCP_FEED_ATOM) != (f->root == NCP_ROOT_ATOM)) {
                rc = nc_error_set(err, NC_ERR_NOT_ARTICLE, (int)xmlGetLineNo(n),
                                  0, "not a feed of this format: the root element is <%.60s>, "
                                  "not %s", (const char *)n->name, root_names(f->kind));
                break;
            }
            if (f->root == NCP_ROOT_ATOM) {
                /* xml:lang of the feed: the language of its entries */
                xmlChar *lang = xmlNodeGetLang(n);
                if (lang && *lang)
                    ncp_feed_keep(&f->language, (const char *)lang);
                xmlFree(lang);
            }
            ret = xmlTextReaderRead(r);
            continue;
        }
        role = role_of(f, n, depth);
        if (role == EL_DESCEND) {
            ret = xmlTextReaderRead(r);
            continue;
        }
        if (role == EL_SKIP) {
            ret = xmlTextReaderNext(r);
            continue;
        }
        line = (int)xmlGetLineNo(n);
        if (role == EL_ITEM && f->single_done) {
            nc_warn(f->o, line, 0, "more items follow the first: only the first is read as "
                    "one article (a batch reads every item: newsconv FEED -t FMT -o DIR/)");
            break;
        }
        n = xmlTextReaderExpand(r);
        if (!n) {
            ret = -1;
            break;
        }
        if (role == EL_ITEM) {
            last_line = line;
            if (item(f, n, line))
                break;
        } else {
            channel_child(f, n);
        }
        ret = xmlTextReaderNext(r);
    }
    if (rc == 0 && ret < 0 && !f->stop && !pc.failed) {
        partial = xmlTextReaderCurrentDoc(r); /* kept: freed below */
        salvage(f, partial, last_line);
    }
    if (rc == 0 && ret < 0 && !f->stop) {
        if (pc.failed) {
            *err = pc.err;
        } else if (fe.set) {
            size_t k, m = strlen(fe.msg);
            while (m && (fe.msg[m - 1] == '\n' || fe.msg[m - 1] == ' '))
                m--;
            for (k = 0; k < m; k++)
                if (fe.msg[k] == '\n')
                    fe.msg[k] = ' ';
            /* libxml2's limits (a text node over 10 MB) come as XML_ERR_NO_MEMORY too */
            int limit = strstr(fe.msg, "huge") || strstr(fe.msg, "Excessive") ||
                        strstr(fe.msg, "amplification");
            nc_error_set(err, limit ? NC_ERR_LIMIT
                              : fe.code == XML_ERR_NO_MEMORY ? NC_ERR_NOMEM : NC_ERR_PARSE,
                         fe.line > 0 ? fe.line : 0, fe.column > 0 ? fe.column : 0,
                         "malformed XML: %.*s", (int)m, fe.msg);
        } else {
            nc_error_set(err, NC_ERR_PARSE, xmlTextReaderGetParserLineNumber(r),
                         xmlTextReaderGetParserColumnNumber(r), "malformed XML");
        }
        rc = -1;
    } else if (rc == 0 && !f->root && !f->stop) {
        rc = nc_error_set(err, NC_ERR_PARSE, 0, 0, "empty input");
    }
    if (rc == 0 && ncp_feed_channel_end(f, err) < 0)
        rc = -1;
    xmlFreeTextReader(r);
    xmlFreeDoc(partial);
    if (rc == 0 && f->stop)
        rc = 1;
    return rc;
}
