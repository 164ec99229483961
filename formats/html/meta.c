/* newsconv html: metadata from meta tags, links, microdata, hNews and the visible page.
 *
 * Sources in order of trust (JSON-LD, read before, comes first): OpenGraph and article:*
 * meta, twitter: meta, <meta name=author|description|keywords|date...> (Dublin Core,
 * Parse.ly, Sailthru spellings too), <link rel=canonical>, <html lang>, itemprop microdata
 * of a schema.org Article scope, hNews/hAtom classes and rel=author, then the visible
 * headline (<h1>), byline and date (<time datetime> or a date line near the headline). A
 * field is set by the first source that has it. */
#include "html.h"
#include "common/schemaorg.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 1 when v holds w (lower case) in any case. */
static int has_ci(const char *v, const char *w)
{
    size_t wl = strlen(w);
    for (; *v; v++)
        if ((*v | 0x20) == w[0] && !ncp_strncasecmp(v, w, wl))
            return 1;
    return 0;
}

static void scan_attrs(ncp_hpage *p, const xmlNode *n)
{
    const xmlAttr *at;
    const char *id = NULL;
    int hidden = 0;
    for (at = n->properties; at; at = at->next) {
        const char *nm = (const char *)at->name;
        const char *v = at->children && at->children->content
                            ? (const char *)at->children->content : "";
        if (!nm)
            continue;
        if ((nm[0] | 0x20) == 'h' && !ncp_strcasecmp(nm, "hidden"))
            hidden = 1;
        else if ((nm[0] | 0x20) == 'i' && !ncp_strcasecmp(nm, "id"))
            id = v;
        else if ((nm[0] | 0x20) == 'i' && !ncp_strcasecmp(nm, "itemscope"))
            p->seen |= SEEN_ITEMSCOPE;
        else if ((nm[0] | 0x20) == 'c' && !ncp_strcasecmp(nm, "class") &&
                 (has_ci(v, "entry") || has_ci(v, "hnews")))
            p->seen |= SEEN_HENTRY;
    }
    if (hidden && id && id[0] == 'S' && id[1] == ':' && id[2] >= '0' && id[2] <= '9')
        p->seen |= SEEN_STREAMED;
}

/* The walks of this file (ncp_dom_walk, elements descended into): the next node the walk
 * enters, NULL at its end; walk_from starts a walk over first, its following siblings
 * and their descendants. */
static xmlNode *walk_enter(ncp_dom_walk *it)
{
    ncp_dom_event ev;
    while ((ev = ncp_dom_walk_next(it)) == NCP_DOM_LEAVE)
        ;
    return ev == NCP_DOM_ENTER ? it->node : NULL;
}

static xmlNode *walk_from(ncp_dom_walk *it, xmlNode *first)
{
    ncp_dom_walk_init(it, first);
    return walk_enter(it);
}

void ncp_html_scan(ncp_hpage *p)
{
    xmlNode *n;
    ncp_dom_walk it;
    size_t cap = 0;
    p->metas_done = 1;
    for (n = walk_from(&it, p->root); n; n = walk_enter(&it)) {
        const char *c;
        ncp_hmeta *m;
        if (n->type != XML_ELEMENT_NODE)
            continue;
        p->n_elements++;
        if (!p->first_article && ncp_dom_is(n, "article"))
            p->first_article = n;
        if ((n->name[0] | 0x20) == 'n' && ncp_dom_is(n, "noscript"))
            p->seen |= SEEN_NOSCRIPT;
        scan_attrs(p, n);
        if ((n->name[0] | 0x20) == 't' && p->n_zoned < sizeof p->zoned / sizeof p->zoned[0] &&
            ncp_dom_is(n, "time") && (c = ncp_dom_attr(n, "datetime")) && strlen(c) > 16 &&
            (strchr(c + 16, '+') || strchr(c + 16, '-')))
            p->zoned[p->n_zoned++] = n;
        if (!n->name || (n->name[0] | 0x20) != 'm' || !ncp_dom_is(n, "meta") ||
            !(c = ncp_dom_attr(n, "content")))
            continue;
        if (p->n_metas == cap) {
            size_t nc = cap ? cap * 2 : 64;
            ncp_hmeta *nv = realloc(p->metas, nc * sizeof *nv);
            if (!nv)
                continue; /* out of memory: fewer metas, the page is still read */
            p->metas = nv;
            cap = nc;
        }
        m = &p->metas[p->n_metas++];
        m->el = n;
        m->key[0] = ncp_dom_attr(n, "property");
        m->key[1] = ncp_dom_attr(n, "name");
        m->key[2] = ncp_dom_attr(n, "http-equiv");
        m->content = c;
    }
}

static int meta_key_is(const ncp_hmeta *m, const char *key)
{
    int k;
    for (k = 0; k < 3; k++)
        if (m->key[k] && !ncp_strcasecmp(m->key[k], key))
            return 1;
    return 0;
}

/* The i-th (0-based) non-empty value of a key, or NULL. */
static const char *meta_nth(ncp_hpage *p, const char *key, size_t nth)
{
    size_t i;
    if (!p->metas_done)
        ncp_html_scan(p);
    for (i = 0; i < p->n_metas; i++) {
        const char *c;
        if (!meta_key_is(&p->metas[i], key))
            continue;
        c = p->metas[i].content;
        while (c && (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\r'))
            c++;
        if (!c || !*c)
            continue;
        if (nth-- == 0)
            return c;
    }
    return NULL;
}

const char *ncp_html_meta_get(ncp_hpage *p, const char *name)
{
    return meta_nth(p, name, 0);
}

/* <meta name="tdm-reservation"> of the W3C TDM Reservation Protocol (pages of publishers
 * that reserve text and data mining, as the EU copyright directive lets them): "1" (mining
 * reserved) is the PLUS data-mining code DMI-PROHIBITED (the vocabulary IPTC uses), "0"
 * DMI-ALLOWED: the two values the html writer writes back; anything else is no statement. */
static void data_mining_from(nc_article *a, const char *v)
{
    static const char dmi[] = "http://ns.useplus.org/ldf/vocab/";
    char code[80];
    if (!v || a->data_mining.code || a->data_mining.name)
        return;
    while (*v == ' ' || *v == '\t')
        v++;
    if ((v[0] != '0' && v[0] != '1') || (v[1] && v[1] != ' '))
        return;
    snprintf(code, sizeof code, "%s%s", dmi, v[0] == '1' ? "DMI-PROHIBITED" : "DMI-ALLOWED");
    nc_article_setp(a, &a->data_mining.code, code);
}

static const char *first_of(ncp_hpage *p, const char *const *keys)
{
    size_t i;
    const char *v;
    for (i = 0; keys[i]; i++)
        if ((v = meta_nth(p, keys[i], 0)) != NULL)
            return v;
    return NULL;
}

/* 1 when the space-separated list v holds word (ASCII case ignored). */
static int list_has_word(const char *v, const char *word)
{
    size_t wl = strlen(word);
    if (!v)
        return 0;
    while (*v) {
        const char *s;
        while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
            v++;
        s = v;
        while (*v && *v != ' ' && *v != '\t' && *v != '\n' && *v != '\r')
            v++;
        if ((size_t)(v - s) == wl && !ncp_strncasecmp(s, word, wl))
            return 1;
    }
    return 0;
}

int ncp_html_attr_word(const xmlNode *n, const char *attr, const char *word)
{
    return list_has_word(ncp_dom_attr(n, attr), word);
}

void ncp_html_el_text(const xmlNode *n, nc_buf *out)
{
    /* like xmlNodeGetContent, without script/style text, with block breaks as spaces */
    const xmlNode *c = n;
    ncp_dom_walk it;
    nc_buf raw = NC_BUF_INIT;
    if (!n)
        return;
    if (n->type == XML_TEXT_NODE) {
        ncp_collapse_space(out, (const char *)n->content, strlen((const char *)n->content));
        return;
    }
    for (c = walk_from(&it, n->children); c; c = walk_enter(&it)) {
        int descend = 1;
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content)
                nc_buf_puts(&raw, (const char *)c->content);
        } else if (c->type == XML_ELEMENT_NODE) {
            if (ncp_dom_is(c, "script") || ncp_dom_is(c, "style") || ncp_dom_is(c, "noscript") ||
                ncp_dom_is(c, "template"))
                descend = 0;
            else if (ncp_dom_is(c, "br") || ncp_dom_is(c, "p") || ncp_dom_is(c, "div") ||
                     ncp_dom_is(c, "li"))
                nc_buf_putc(&raw, ' ');
        } else {
            descend = 0;
        }
        if (!descend)
            ncp_dom_walk_skip(&it);
    }
    ncp_collapse_space(out, raw.ptr, raw.size);
    nc_buf_release(&raw);
}

/* 1 when the node before c (blank text and comments skipped) is a block element: the
 * text after a block starts a line ("<p>Jane Doe</p><small>May 2</small>"). */
static int after_block(const xmlNode *c)
{
    const xmlNode *q;
    for (q = c->prev; q; q = q->prev) {
        if (q->type == XML_COMMENT_NODE)
            continue;
        if (q->type == XML_TEXT_NODE && q->content) {
            const char *t = (const char *)q->content;
            while (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r')
                t++;
            if (!*t)
                continue;
        }
        break;
    }
    return q && q->type == XML_ELEMENT_NODE && ncp_hi(q) && (ncp_hi(q)->flags & H_BLOCK);
}

void ncp_html_el_lines(const xmlNode *n, nc_buf *out)
{
    /* text with a line break at <br> and block boundaries (bylines: names and dates are
     * often separate lines) */
    const xmlNode *c, *last_link = NULL;
    ncp_dom_walk it;
    nc_buf raw = NC_BUF_INIT;
    if (!n)
        return;
    for (c = walk_from(&it, n->children); c; c = walk_enter(&it)) {
        int descend = 1;
        if (c != n->children && after_block(c))
            nc_buf_putc(&raw, '\n');
        /* a link glued to the text of another link ("By <a>MixmasterFred</a><a>ebenisterie
         * Frederic Lauziere</a>", set apart by style sheets only): no name runs across two
         * links, so the second starts a line */
        if (c->type == XML_ELEMENT_NODE && ncp_dom_is(c, "a") && last_link && last_link != c &&
            raw.size && isalnum((unsigned char)raw.ptr[raw.size - 1]))
            nc_buf_putc(&raw, '\n');
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            const xmlNode *up;
            for (up = c->parent; up && up != n && !ncp_dom_is(up, "a"); up = up->parent)
                ;
            last_link = up && up != n ? up : NULL;
            if (c->content) {
                const char *q;
                for (q = (const char *)c->content; *q; q++)
                    nc_buf_putc(&raw, *q == '\n' || *q == '\r' ? ' ' : *q);
            }
        } else if (c->type == XML_ELEMENT_NODE) {
            const ncp_hinfo *h = ncp_hi(c);
            /* junk inside the line: screen-reader-only labels ("Author" before "Posted
             * by ..." in WordPress themes), share buttons */
            if (ncp_dom_is(c, "script") || ncp_dom_is(c, "style") || ncp_dom_is(c, "noscript") ||
                (h && (h->flags & H_JUNK)))
                descend = 0;
            else if (ncp_dom_is(c, "br") || (h && (h->flags & H_BLOCK)) || ncp_dom_is(c, "time"))
                nc_buf_putc(&raw, '\n');
        } else {
            descend = 0;
        }
        if (!descend)
            ncp_dom_walk_skip(&it);
    }
    /* collapse spaces within lines, drop empty lines */
    {
        size_t i = 0;
        while (i < raw.size) {
            size_t e = i;
            nc_buf line = NC_BUF_INIT;
            while (e < raw.size && raw.ptr[e] != '\n')
                e++;
            ncp_collapse_space(&line, raw.ptr + i, e - i);
            if (line.size) {
                if (out->size)
                    nc_buf_putc(out, '\n');
                nc_buf_put(out, line.ptr, line.size);
            }
            nc_buf_release(&line);
            i = e + 1;
        }
    }
    nc_buf_release(&raw);
}

static int in_chrome(const xmlNode *n)
{
    const ncp_hinfo *h = ncp_hi(n);
    return h && (h->flags & (H_JUNK | H_INJUNK));
}

/* ---- meta tags ---- */

static void keywords_from(nc_article *a, const char *v)
{
    nc_buf t = NC_BUF_INIT;
    const char *q;
    ncp_html_unescape(v, strlen(v), &t);
    q = t.ptr;
    while (*q) {
        const char *c = q;
        size_t len;
        while (*c && *c != ',' && *c != ';')
            c++;
        len = (size_t)(c - q);
        {
            nc_buf k = NC_BUF_INIT;
            size_t j;
            ncp_collapse_space(&k, q, len);
            for (j = 0; k.size && j < a->n_keywords; j++)
                if (!ncp_strcasecmp(a->keywords[j], k.ptr))
                    break;
            if (k.size && j == a->n_keywords && a->n_keywords < 200)
                nc_article_add_keyword(a, k.ptr);
            nc_buf_release(&k);
        }
        q = *c ? c + 1 : c;
    }
    nc_buf_release(&t);
}

static int is_url(const char *s)
{
    return s && (strstr(s, "://") || !strncmp(s, "//", 2) || !strncmp(s, "www.", 4));
}

static void lang_from(nc_article *a, const char *v)
{
    nc_buf b = NC_BUF_INIT;
    size_t i, len;
    if (a->str[NC_F_LANGUAGE] || !v)
        return;
    len = strlen(v);
    v = ncp_trim(v, &len);
    for (i = 0; i < len && v[i] != ',' && v[i] != ';' && v[i] != ' '; i++)
        nc_buf_putc(&b, v[i] == '_' ? '-' : v[i]);
    if (b.size >= 2 && b.size < 36)
        nc_article_sets(a, NC_F_LANGUAGE, b.ptr);
    nc_buf_release(&b);
}

static void media_from_meta(ncp_hpage *p)
{
    nc_article *a = p->a;
    static const char *const img[] = {"og:image:secure_url", "og:image", "og:image:url",
                                      "twitter:image", "twitter:image:src", NULL};
    static const char *const vid[] = {"og:video:secure_url", "og:video", "og:video:url", NULL};
    const char *v;
    nc_media *m;
    if (a->n_media)
        return;
    if ((v = first_of(p, img)) != NULL || (v = NULL, 0)) {
        /* og:image:secure_url only counts next to og:image */
        m = nc_article_add_media(a, NC_MEDIA_PICTURE, ncp_html_url(p, v));
        if (m) {
            const char *w = ncp_html_meta_get(p, "og:image:width");
            const char *h = ncp_html_meta_get(p, "og:image:height");
            const char *alt = ncp_html_meta_get(p, "og:image:alt");
            const char *type = ncp_html_meta_get(p, "og:image:type");
            if (!alt)
                alt = ncp_html_meta_get(p, "twitter:image:alt");
            if (w && h) {
                m->width = atoi(w);
                m->height = atoi(h);
            }
            if (alt && *alt) {
                nc_buf t = NC_BUF_INIT;
                ncp_collapse_space(&t, alt, strlen(alt));
                m->alt = nc_article_strdup(a, t.ptr);
                nc_buf_release(&t);
            }
            if (type && strchr(type, '/'))
                m->mime = nc_article_strdup(a, type);
        }
    } else {
        const char *l = NULL;
        xmlNode *n;
        ncp_dom_walk it;
        /* the <head>'s descendants (the <head> itself is no <link>) */
        for (n = p->head ? walk_from(&it, p->head->children) : NULL; n; n = walk_enter(&it))
            if (ncp_dom_is(n, "link") && ncp_dom_attr(n, "rel") &&
                !ncp_strcasecmp(ncp_dom_attr(n, "rel"), "image_src"))
                l = ncp_dom_attr(n, "href");
        if (l && *l)
            nc_article_add_media(a, NC_MEDIA_PICTURE, ncp_html_url(p, l));
    }
    if ((v = first_of(p, vid)) != NULL) {
        m = nc_article_add_media(a, NC_MEDIA_VIDEO, ncp_html_url(p, v));
        if (m) {
            const char *t = ncp_html_meta_get(p, "og:video:type");
            const char *w = ncp_html_meta_get(p, "og:video:width");
            const char *h = ncp_html_meta_get(p, "og:video:height");
            if (t && strchr(t, '/'))
                m->mime = nc_article_strdup(a, t);
            if (w && h) {
                m->width = atoi(w);
                m->height = atoi(h);
            }
        }
    }
}

static const char *const k_site[] = {"og:site_name", "application-name", "dc.publisher",
                                     "dcterms.publisher", "publisher", NULL};
static const char *const k_title[] = {"og:title", "twitter:title", "dc.title", "dcterms.title",
                                      "sailthru.title", "parsely-title", "title", "headline",
                                      NULL};
static const char *const k_desc[] = {"og:description", "twitter:description", "description",
                                     "dc.description", "dcterms.description",
                                     "dcterms.abstract", "sailthru.description", NULL};
static const char *const k_author[] = {"author", "og:article:author", "byl", "sailthru.author", "parsely-author",
                                       "dc.creator", "dcterms.creator", "article.author",
                                       "citation_author", "dc.contributor", NULL};
static const char *const k_pub[] = {
    "article:published_time", "og:article:published_time", "article:published",
    "og:published_time", "published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "publish_date", "publication_date", "date", "dc.date", "dc.date.issued",
    "dcterms.created", "dcterms.issued", "dcterms.date", "sailthru.date", "parsely-pub-date",
    "article.published", "ptime", "originalpublicationdate", "citation_publication_date",
    "citation_date", "date.available", "bt:pubdate", "og:pubdate", "release_date",
    "dc.date.created", "article_date_original", "displaydate", "pdate", "published", NULL};
static const char *const k_mod[] = {"article:modified_time", "og:updated_time",
                                    "og:article:modified_time", "article:modified",
                                    "modified_time", "datemodified", "last-modified",
                                    "dc.date.modified", "dcterms.modified", "article.updated",
                                    "utime", "lastmod", "bt:moddate", NULL};
static const char *const k_section[] = {"article:section", "og:article:section", "section",
                                        "parsely-section", "sailthru.section",
                                        "article.section", NULL};
static const char *const k_lang[] = {"og:locale", "content-language", "language",
                                     "dc.language", "dcterms.language", NULL};
static const char *const k_copy[] = {"copyright", "dcterms.rights", "dc.rights", "rights", NULL};

static int key_equal(const char *a, const char *b);
static int key_part(const char *whole, const char *part);

/* 1 when an <h1> of the page says t */
static int h1_says(ncp_hpage *p, const char *t)
{
    xmlNode *n;
    ncp_dom_walk it;
    int r = 0;
    for (n = walk_from(&it, p->body ? p->body : p->root); n && !r; n = walk_enter(&it))
        if (n->type == XML_ELEMENT_NODE && ncp_dom_is(n, "h1")) {
            nc_buf b = NC_BUF_INIT;
            ncp_html_el_text(n, &b);
            r = b.size && key_equal(b.ptr, t);
            nc_buf_release(&b);
        }
    return r;
}

/* CMS templates that fill the JSON-LD headline from another field than the page's title
 * (a section name, the slug: "Sample menus" on a page whose og:title and <title> say "7
 * days of healthy meals on a budget"): when the og:title (or twitter:title ...) and the
 * <title> agree, the page's <h1> says it too, and the JSON-LD headline says none of them
 * nor part of one, three sources outvote one. */
static void outvoted_headline(ncp_hpage *p)
{
    nc_article *a = p->a;
    const char *hl = a->str[NC_F_HEADLINE], *v = first_of(p, k_title);
    if (!hl || !v || !p->title_tag)
        return;
    if (key_equal(v, hl) || key_part(v, hl) || key_part(hl, v) || key_part(p->title_tag, hl))
        return;
    if (!(key_equal(v, p->title_tag) || key_part(p->title_tag, v)) || !h1_says(p, v))
        return;
    nc_article_set(a, NC_F_HEADLINE, NULL, 0);
    ncp_html_set(a, NC_F_HEADLINE, v);
    p->headline_weak = 1;
}

/* CMSs that put their own namespace before a common name ("w-published-date",
 * "cms.publish_date", "x:published_time"): a key ending, after a separator, in one of
 * the published-date names. The metas' keys were looked up once by the scan. */
static void prefixed_pub(ncp_hpage *p)
{
    static const char *const ends[] = {"published_time", "published-date", "published_date",
                                       "publisheddate", "publish-date", "publish_date",
                                       "publishdate", "publication_date", "publication-date",
                                       "date-published", "date_published", "datepublished",
                                       NULL};
    size_t i, j;
    for (i = 0; i < p->n_metas; i++) {
        int k;
        for (k = 0; k < 2; k++) {
            const char *key = p->metas[i].key[k];
            size_t kl = key ? strlen(key) : 0;
            for (j = 0; kl && ends[j]; j++) {
                size_t el = strlen(ends[j]);
                char sep = kl > el ? key[kl - el - 1] : 0;
                if ((sep == '-' || sep == '_' || sep == '.' || sep == ':') &&
                    !ncp_strcasecmp(key + kl - el, ends[j]) &&
                    ncp_html_set_time(p->a, NC_T_PUBLISHED, p->metas[i].content, 1))
                    return;
            }
        }
    }
}

/* Scholarly pages' Highwire Press tags (citation_author, one meta per author) and Dublin
 * Core creators write a name family name first: "Roy, Aniruddha". One comma, a given name
 * of one to three words after it and no " and ": the name in reading order, "Aniruddha
 * Roy". Other keys and values are returned as they are. */
static const char *citation_name(nc_article *a, const char *key, const char *v)
{
    const char *c = strchr(v, ','), *g;
    size_t words = 0;
    nc_buf b = NC_BUF_INIT;
    const char *r;
    if (!c || (strcmp(key, "citation_author") && strcmp(key, "dc.creator") &&
               strcmp(key, "dcterms.creator")) ||
        strchr(c + 1, ',') || strstr(v, " and ") || strchr(v, '&') || c == v)
        return v;
    for (g = c + 1; *g; g++)
        if (*g != ' ' && (g[-1] == ' ' || g == c + 1))
            words++;
    if (words < 1 || words > 3)
        return v;
    for (g = c + 1; *g == ' '; g++)
        ;
    nc_buf_puts(&b, g);
    nc_buf_putc(&b, ' ');
    nc_buf_put(&b, v, (size_t)(c - v));
    r = b.failed ? v : nc_article_strdup(a, b.ptr);
    nc_buf_release(&b);
    return r ? r : v;
}

static void meta_tags(ncp_hpage *p)
{
    nc_article *a = p->a;
    const char *v;
    size_t i;
    if (!p->site && (v = first_of(p, k_site)) && !is_url(v)) {
        nc_buf t = NC_BUF_INIT;
        ncp_html_unescape(v, strlen(v), &t);
        p->site = nc_article_strdup(a, t.ptr);
        nc_buf_release(&t);
    }
    if (p->site)
        ncp_html_set(a, NC_F_PUBLISHER, p->site);
    if (!a->str[NC_F_HEADLINE] && (v = first_of(p, k_title))) {
        ncp_html_set(a, NC_F_HEADLINE, v);
        p->headline_weak = 1;
    }
    ncp_html_set(a, NC_F_SUMMARY, first_of(p, k_desc));
    if (!a->n_authors) {
        const char *url = NULL;
        for (i = 0; (v = meta_nth(p, "article:author", i)) != NULL; i++) {
            if (is_url(v))
                url = url ? url : v;
            else
                ncp_html_add_meta_authors(a, v, NULL);
        }
        for (i = 0; k_author[i] && !a->n_authors; i++) {
            size_t j;
            for (j = 0; (v = meta_nth(p, k_author[i], j)) != NULL; j++)
                if (!is_url(v))
                    ncp_html_add_meta_authors(a, citation_name(a, k_author[i], v), NULL);
        }
        if (url && a->n_authors == 1 && !a->authors[0].url)
            a->authors[0].url = ncp_html_url(p, url);
    }
    for (i = 0; k_pub[i] && !a->time[NC_T_PUBLISHED].prec; i++)
        ncp_html_set_time(a, NC_T_PUBLISHED, meta_nth(p, k_pub[i], 0), 1);
    if (!a->time[NC_T_PUBLISHED].prec)
        prefixed_pub(p);
    for (i = 0; k_mod[i] && !a->time[NC_T_MODIFIED].prec; i++)
        ncp_html_set_time(a, NC_T_MODIFIED, meta_nth(p, k_mod[i], 0), 1);
    ncp_html_set_time(a, NC_T_EXPIRES, ncp_html_meta_get(p, "article:expiration_time"), 1);
    ncp_html_set(a, NC_F_SECTION, first_of(p, k_section));
    if (!a->n_keywords) {
        for (i = 0; (v = meta_nth(p, "article:tag", i)) != NULL; i++)
            keywords_from(a, v);
        if (!a->n_keywords && (v = ncp_html_meta_get(p, "news_keywords")))
            keywords_from(a, v);
        if (!a->n_keywords && (v = ncp_html_meta_get(p, "keywords")))
            keywords_from(a, v);
        if (!a->n_keywords && (v = ncp_html_meta_get(p, "parsely-tags")))
            keywords_from(a, v);
    }
    data_mining_from(a, ncp_html_meta_get(p, "tdm-reservation"));
    if (!a->str[NC_F_LANGUAGE])
        lang_from(a, ncp_dom_attr(p->root, "lang") ? ncp_dom_attr(p->root, "lang")
                                                   : ncp_dom_attr(p->root, "xml:lang"));
    if (!a->str[NC_F_LANGUAGE])
        lang_from(a, first_of(p, k_lang));
    if (!a->str[NC_F_URL]) {
        xmlNode *n;
        const char *c = NULL;
        xmlNode *scope = p->head ? p->head : p->root;
        ncp_dom_walk it;
        for (n = walk_from(&it, scope->children); n && !c; n = walk_enter(&it))
            if (ncp_dom_is(n, "link") && ncp_html_attr_word(n, "rel", "canonical"))
                c = ncp_dom_attr(n, "href");
        if (!c || !*c)
            c = ncp_html_meta_get(p, "og:url");
        if (!c || !*c)
            c = ncp_html_meta_get(p, "twitter:url");
        if (c && *c) {
            const char *u = ncp_html_url(p, c);
            if (u && strstr(u, "://"))
                nc_article_sets(a, NC_F_URL, u);
        }
    }
    ncp_html_set(a, NC_F_COPYRIGHT_NOTICE, first_of(p, k_copy));
    if (!a->str[NC_F_USAGE_TERMS]) {
        xmlNode *n;
        ncp_dom_walk it;
        for (n = p->head ? walk_from(&it, p->head->children) : NULL; n; n = walk_enter(&it))
            if (ncp_dom_is(n, "link") && ncp_html_attr_word(n, "rel", "license") &&
                ncp_dom_attr(n, "href")) {
                nc_article_sets(a, NC_F_USAGE_TERMS, ncp_html_url(p, ncp_dom_attr(n, "href")));
                break;
            }
    }
    media_from_meta(p);
    {
        xmlNode *n;
        xmlNode *scope = p->head ? p->head : p->root;
        ncp_dom_walk it;
        for (n = walk_from(&it, scope->children); n; n = walk_enter(&it))
            if (ncp_dom_is(n, "title")) {
                nc_buf t = NC_BUF_INIT;
                ncp_html_el_text(n, &t);
                if (t.size)
                    p->title_tag = nc_article_strdup(a, t.ptr);
                nc_buf_release(&t);
                break;
            }
    }
    outvoted_headline(p);
}

/* ---- microdata ---- */

/* 1 when the itemtype of n names one of the schema.org article types: a space-separated
 * list of type addresses, each matched by its last path part ("http://schema.org/NewsArticle",
 * "https://schema.org/BlogPosting"), the names compared as the JSON-LD readers compare them
 * (formats/common/schemaorg.c). */
static int itemtype_article(const xmlNode *n)
{
    const char *t = ncp_dom_attr(n, "itemtype"), *s, *e;
    char name[64];
    if (!t)
        return 0;
    for (s = t; *s; s = e) {
        const char *last;
        while (*s == ' ' || *s == '\t' || *s == '\n')
            s++;
        for (e = s; *e && *e != ' ' && *e != '\t' && *e != '\n'; e++)
            ;
        for (last = e; last > s && last[-1] != '/' && last[-1] != '#'; last--)
            ;
        if (e > last && (size_t)(e - last) < sizeof name) {
            memcpy(name, last, (size_t)(e - last));
            name[e - last] = 0;
            if (ncp_schema_name_in(name, ncp_schema_article_types))
                return 1;
        }
    }
    return 0;
}

/* The scope a property element belongs to: the nearest ancestor with itemscope. */
static xmlNode *owner_scope(xmlNode *n)
{
    int d = 0;
    for (n = n->parent; n && n->type == XML_ELEMENT_NODE && d < 1000; n = n->parent, d++)
        if (ncp_dom_attr(n, "itemscope"))
            return n;
    return NULL;
}

static void md_value(ncp_hpage *p, xmlNode *n, nc_buf *out)
{
    const char *v = NULL;
    nc_buf_clear(out);
    if (ncp_dom_is(n, "meta"))
        v = ncp_dom_attr(n, "content");
    else if (ncp_dom_is(n, "a") || ncp_dom_is(n, "link") || ncp_dom_is(n, "area"))
        v = ncp_dom_attr(n, "href");
    else if (ncp_dom_is(n, "img") || ncp_dom_is(n, "audio") || ncp_dom_is(n, "video") ||
             ncp_dom_is(n, "source") || ncp_dom_is(n, "iframe") || ncp_dom_is(n, "embed"))
        v = ncp_dom_attr(n, "src");
    else if (ncp_dom_is(n, "time"))
        v = ncp_dom_attr(n, "datetime");
    else if (ncp_dom_is(n, "data") || ncp_dom_is(n, "meter"))
        v = ncp_dom_attr(n, "value");
    else if (ncp_dom_is(n, "object"))
        v = ncp_dom_attr(n, "data");
    if (!v && ncp_dom_attr(n, "content"))
        v = ncp_dom_attr(n, "content");
    (void)p;
    if (v) {
        ncp_collapse_space(out, v, strlen(v));
        return;
    }
    ncp_html_el_text(n, out);
}

/* A text property: like md_value, but a link's text rather than its address. */
static void md_text(ncp_hpage *p, xmlNode *n, nc_buf *out)
{
    if (ncp_dom_is(n, "a") || ncp_dom_is(n, "area")) {
        nc_buf_clear(out);
        ncp_html_el_text(n, out);
        return;
    }
    md_value(p, n, out);
}

/* The name of a nested item (author, publisher): its itemprop=name, else its text. */
static void md_item_name(ncp_hpage *p, xmlNode *scope, nc_buf *out, const char **url)
{
    xmlNode *c;
    ncp_dom_walk it;
    nc_buf_clear(out);
    for (c = walk_from(&it, scope->children); c; c = walk_enter(&it)) {
        if (c->type != XML_ELEMENT_NODE || owner_scope(c) != scope)
            continue;
        if (ncp_html_attr_word(c, "itemprop", "name") && !out->size)
            md_text(p, c, out);
        else if (ncp_html_attr_word(c, "itemprop", "url") && url && !*url)
            *url = ncp_dom_attr(c, ncp_dom_is(c, "meta") ? "content" : "href");
    }
    if (!out->size)
        ncp_html_el_text(scope, out);
    if (out->size > 120)
        nc_buf_clear(out);
}

static void microdata(ncp_hpage *p)
{
    nc_article *a = p->a;
    xmlNode *n, *scope = NULL;
    ncp_dom_walk it;
    nc_buf v = NC_BUF_INIT;
    int authors_open = a->n_authors == 0;
    for (n = walk_from(&it, p->metas_done && !(p->seen & SEEN_ITEMSCOPE) ? NULL : p->root); n;
         n = walk_enter(&it))
        if (n->type == XML_ELEMENT_NODE && ncp_dom_attr(n, "itemscope") &&
            itemtype_article(n) && !in_chrome(n)) {
            scope = n;
            break;
        }
    if (!scope) {
        nc_buf_release(&v);
        return;
    }
    for (n = walk_from(&it, scope->children); n; n = walk_enter(&it)) {
        const char *ip;
        if (n->type != XML_ELEMENT_NODE || !(ip = ncp_dom_attr(n, "itemprop")) ||
            owner_scope(n) != scope)
            continue;
        if ((ncp_html_attr_word(n, "itemprop", "headline") ||
             (ncp_html_attr_word(n, "itemprop", "name") && !ncp_dom_is(n, "meta"))) &&
            !a->str[NC_F_HEADLINE]) {
            md_text(p, n, &v);
            ncp_html_set(a, NC_F_HEADLINE, v.ptr);
        } else if (ncp_html_attr_word(n, "itemprop", "alternativeHeadline")) {
            md_text(p, n, &v);
            ncp_html_set(a, NC_F_SUBHEADLINE, v.ptr);
        } else if (ncp_html_attr_word(n, "itemprop", "description")) {
            md_text(p, n, &v);
            if (v.size < 1000)
                ncp_html_set(a, NC_F_SUMMARY, v.ptr);
        } else if (ncp_html_attr_word(n, "itemprop", "datePublished")) {
            md_value(p, n, &v);
            ncp_html_set_time(a, NC_T_PUBLISHED, v.ptr, 1);
        } else if (ncp_html_attr_word(n, "itemprop", "dateModified")) {
            md_value(p, n, &v);
            ncp_html_set_time(a, NC_T_MODIFIED, v.ptr, 1);
        } else if (ncp_html_attr_word(n, "itemprop", "dateCreated")) {
            md_value(p, n, &v);
            ncp_html_set_time(a, NC_T_CREATED, v.ptr, 1);
        } else if (ncp_html_attr_word(n, "itemprop", "author") ||
                   ncp_html_attr_word(n, "itemprop", "creator")) {
            const char *url = NULL;
            if (ncp_dom_attr(n, "itemscope"))
                md_item_name(p, n, &v, &url);
            else
                md_text(p, n, &v);
            if (ncp_dom_is(n, "a") && !url)
                url = ncp_dom_attr(n, "href");
            if (v.size && !is_url(v.ptr) && authors_open)
                ncp_html_add_meta_authors(a, v.ptr, url ? ncp_html_url(p, url) : NULL);
        } else if (ncp_html_attr_word(n, "itemprop", "publisher")) {
            if (ncp_dom_attr(n, "itemscope"))
                md_item_name(p, n, &v, NULL);
            else
                md_value(p, n, &v);
            ncp_html_set(a, NC_F_PUBLISHER, v.ptr);
        } else if (ncp_html_attr_word(n, "itemprop", "articleSection")) {
            md_value(p, n, &v);
            ncp_html_set(a, NC_F_SECTION, v.ptr);
        } else if (ncp_html_attr_word(n, "itemprop", "keywords") && !a->n_keywords) {
            md_value(p, n, &v);
            keywords_from(a, v.ptr);
        } else if (ncp_html_attr_word(n, "itemprop", "inLanguage")) {
            md_value(p, n, &v);
            lang_from(a, v.ptr);
        } else if (ncp_html_attr_word(n, "itemprop", "image") && !a->n_media) {
            const char *u = NULL;
            if (ncp_dom_attr(n, "itemscope")) {
                xmlNode *c;
                ncp_dom_walk in;
                for (c = walk_from(&in, n->children); c && !u; c = walk_enter(&in))
                    if (ncp_html_attr_word(c, "itemprop", "url") ||
                        ncp_html_attr_word(c, "itemprop", "contentUrl")) {
                        md_value(p, c, &v);
                        u = v.ptr;
                    }
            } else {
                md_value(p, n, &v);
                u = v.ptr;
            }
            if (u && *u)
                nc_article_add_media(a, NC_MEDIA_PICTURE, ncp_html_url(p, u));
        }
    }
    nc_buf_release(&v);
}

/* ---- hNews / hAtom / microformats2 ---- */

static xmlNode *find_class(xmlNode *root, const char *const *classes)
{
    xmlNode *n;
    ncp_dom_walk it;
    size_t i;
    for (n = walk_from(&it, root->children); n; n = walk_enter(&it)) {
        if (n->type != XML_ELEMENT_NODE || in_chrome(n))
            continue;
        for (i = 0; classes[i]; i++)
            if (ncp_html_attr_word(n, "class", classes[i]))
                return n;
    }
    return NULL;
}

static void hnews(ncp_hpage *p)
{
    static const char *const roots[] = {"hentry", "hnews", "h-entry", NULL};
    static const char *const titles[] = {"entry-title", "p-name", NULL};
    static const char *const authors[] = {"author", "p-author", NULL};
    static const char *const pubs[] = {"published", "dt-published", NULL};
    static const char *const upds[] = {"updated", "dt-updated", NULL};
    static const char *const sums[] = {"entry-summary", "p-summary", NULL};
    static const char *const fns[] = {"fn", "p-name", NULL};
    nc_article *a = p->a;
    xmlNode *r, *n;
    ncp_dom_walk it;
    nc_buf v = NC_BUF_INIT;
    int i;
    for (r = walk_from(&it, p->metas_done && !(p->seen & SEEN_HENTRY) ? NULL : p->root); r;
         r = walk_enter(&it))
        if (r->type == XML_ELEMENT_NODE && !in_chrome(r) &&
            (ncp_html_attr_word(r, "class", "hentry") || ncp_html_attr_word(r, "class", "hnews") ||
             ncp_html_attr_word(r, "class", "h-entry")))
            break;
    if (!r) {
        nc_buf_release(&v);
        return;
    }
    (void)roots;
    if (!a->str[NC_F_HEADLINE] && (n = find_class(r, titles))) {
        ncp_html_el_text(n, &v);
        ncp_html_set(a, NC_F_HEADLINE, v.ptr);
    }
    if (!a->n_authors && (n = find_class(r, authors))) {
        xmlNode *fn = find_class(n, fns);
        const char *url = NULL;
        nc_buf_clear(&v);
        ncp_html_el_text(fn ? fn : n, &v);
        if (ncp_dom_is(fn ? fn : n, "a"))
            url = ncp_dom_attr(fn ? fn : n, "href");
        if (v.size)
            ncp_html_add_byline_authors(a, v.ptr, url ? ncp_html_url(p, url) : NULL);
    }
    for (i = 0; i < 2; i++) {
        nc_tfield f = i == 0 ? NC_T_PUBLISHED : NC_T_MODIFIED;
        if (a->time[f].prec || !(n = find_class(r, i == 0 ? pubs : upds)))
            continue;
        if (ncp_dom_attr(n, "datetime"))
            ncp_html_set_time(a, f, ncp_dom_attr(n, "datetime"), 1);
        else if (ncp_dom_attr(n, "title") && ncp_html_set_time(a, f, ncp_dom_attr(n, "title"), 1))
            ;
        else {
            nc_buf_clear(&v);
            ncp_html_el_text(n, &v);
            ncp_html_set_time(a, f, v.ptr, 1);
        }
    }
    if (!a->str[NC_F_SUMMARY] && (n = find_class(r, sums))) {
        nc_buf_clear(&v);
        ncp_html_el_text(n, &v);
        if (v.size < 600)
            ncp_html_set(a, NC_F_SUMMARY, v.ptr);
    }
    nc_buf_release(&v);
}

int ncp_html_meta(ncp_hpage *p)
{
    meta_tags(p);
    microdata(p);
    hnews(p);
    return 0;
}

/* ---- the visible page ---- */

/* 1 when a comes before b in document order (and is not its ancestor). */
static int before(const xmlNode *a, const xmlNode *b)
{
    const xmlNode *x;
    int da = 0, db = 0;
    for (x = a; x; x = x->parent)
        da++;
    for (x = b; x; x = x->parent)
        db++;
    while (da > db) {
        a = a->parent;
        da--;
    }
    while (db > da) {
        b = b->parent;
        db--;
    }
    if (a == b)
        return 0;
    while (a->parent != b->parent) {
        a = a->parent;
        b = b->parent;
    }
    for (x = a; x; x = x->next)
        if (x == b)
            return 1;
    return 0;
}

static int contains(const xmlNode *anc, const xmlNode *n)
{
    for (; n; n = n->parent)
        if (n == anc)
            return 1;
    return 0;
}

static int key_equal(const char *a, const char *b)
{
    nc_buf ka = NC_BUF_INIT, kb = NC_BUF_INIT;
    int eq;
    ncp_html_text_key(a, strlen(a), &ka);
    ncp_html_text_key(b, strlen(b), &kb);
    eq = ka.size && ka.size == kb.size && !memcmp(ka.ptr, kb.ptr, ka.size);
    nc_buf_release(&ka);
    nc_buf_release(&kb);
    return eq;
}

/* key of b is a prefix or suffix part of a's key */
static int key_part(const char *whole, const char *part)
{
    nc_buf ka = NC_BUF_INIT, kb = NC_BUF_INIT;
    int r;
    ncp_html_text_key(whole, strlen(whole), &ka);
    ncp_html_text_key(part, strlen(part), &kb);
    r = kb.size >= 10 && ka.size >= kb.size &&
        (!memcmp(ka.ptr, kb.ptr, kb.size) || !memcmp(ka.ptr + ka.size - kb.size, kb.ptr, kb.size));
    nc_buf_release(&ka);
    nc_buf_release(&kb);
    return r;
}

/* 1 when the text h of a headline element is the headline hl with a date before or after
 * it: blog themes that print the post's date inside the <h1> ("Dec 18 2025 Preparing a
 * transition in Debusine"). Only a date: a longer <h1> that adds words to a shortened
 * metadata headline is the fuller headline. */
static int dated_headline(const char *h, const char *hl)
{
    size_t len = strlen(h), e;
    nc_time t;
    for (e = 6; e < len && e <= 40; e++) {
        /* a date at the start, the headline after it */
        if (h[e] == ' ' && nc_time_parse_text(h, e, &t) == 0 && t.prec >= NC_TIME_DAY &&
            key_equal(h + e, hl))
            return 1;
        /* the headline, then a date in the last e characters */
        if (len - e > 6 && h[len - e - 1] == ' ' && nc_time_parse_text(h + len - e, e, &t) == 0 &&
            t.prec >= NC_TIME_DAY) {
            char *head = strndup(h, len - e); /* out of memory: no match, the <h1> is tried */
            int r = head && key_equal(head, hl);
            free(head);
            if (r)
                return 1;
        }
    }
    return 0;
}

static xmlNode *find_headline_el(ncp_hpage *p, const char *headline)
{
    xmlNode *n, *first = NULL, *in_content = NULL, *last_before = NULL, *match = NULL;
    nc_buf t = NC_BUF_INIT;
    int pass;
    /* blog themes that keep <h1> for the site or for sections and set the post's title in
     * an <h2>: an <h2> that says the headline beats an <h1> that does not */
    for (pass = 0; pass < 2 && !match && !first; pass++) {
        ncp_dom_walk it;
        for (n = walk_from(&it, p->body ? p->body : p->root); n; n = walk_enter(&it)) {
            if (n->type != XML_ELEMENT_NODE)
                continue;
            if (pass == 0 ? !ncp_dom_is(n, "h1")
                          : !(ncp_dom_is(n, "h2") || ncp_html_attr_word(n, "itemprop", "headline")))
                continue;
            nc_buf_clear(&t);
            ncp_html_el_text(n, &t);
            if (!t.size && pass == 0 && headline) {
                /* <h1><p>Headline</p></h1> (component frameworks): libxml2's HTML 4 parser
                 * closes the <h1> at the <p>, which follows it empty; HTML5 keeps it inside */
                xmlNode *q = n->next;
                while (q && q->type != XML_ELEMENT_NODE)
                    q = q->next;
                if (q && ncp_dom_is(q, "p")) {
                    ncp_html_el_text(q, &t);
                    if (t.size && t.size <= 400 && key_equal(t.ptr, headline)) {
                        match = q;
                        break;
                    }
                }
                continue;
            }
            if (!t.size || t.size > 400)
                continue;
            /* an <h1> that says the headline is the headline even where the analysis
             * saw chrome (a title block styled like a banner); others must not be */
            if (headline && (key_equal(t.ptr, headline) || key_part(headline, t.ptr))) {
                if (!in_chrome(n) || pass == 0) {
                    match = n;
                    break;
                }
            }
            if (in_chrome(n))
                continue;
            if (pass == 1 && !ncp_html_attr_word(n, "itemprop", "headline"))
                continue;
            if (!first)
                first = n;
            if (p->content && contains(p->content, n) && !in_content)
                in_content = n;
            if (p->content && before(n, p->content))
                last_before = n;
        }
    }
    nc_buf_release(&t);
    if (match)
        return match;
    if (in_content)
        return in_content;
    if (last_before)
        return last_before;
    return first;
}

/* 1 when a class or id word has a token from list ("article__author", "byLine"). */
static int tokens_in(const char *class_attr, const char *id_attr, const char *const *list)
{
    const char *attrs[2];
    int k;
    attrs[0] = class_attr;
    attrs[1] = id_attr;
    for (k = 0; k < 2; k++) {
        const char *v = attrs[k];
        if (!v)
            continue;
        while (*v) {
            char tok[32];
            size_t tl = 0, i;
            while (*v && !((*v >= 'a' && *v <= 'z') || (*v >= 'A' && *v <= 'Z')))
                v++;
            while ((*v >= 'a' && *v <= 'z') || (*v >= 'A' && *v <= 'Z')) {
                if (tl && *v >= 'A' && *v <= 'Z' && v[-1] >= 'a' && v[-1] <= 'z')
                    break;
                if (tl < sizeof tok - 1)
                    tok[tl++] = (char)(*v | 0x20);
                v++;
            }
            tok[tl] = '\0';
            for (i = 0; tl && list[i]; i++)
                if (list[i][0] == tok[0] && !strcmp(tok, list[i]))
                    return 1;
        }
    }
    return 0;
}

static int token_in(const xmlNode *n, const char *const *list)
{
    return tokens_in(ncp_dom_attr(n, "class"), ncp_dom_attr(n, "id"), list);
}

static const char *const author_tokens[] = {"byline", "bylines", "byl", "author", "authors",
                                            "writer", "writers", "contributor", "contributors",
                                            "autor", "auteur", "reporter", NULL};

/* Byline candidates: rel=author, itemprop=author, class/id byline/author words. */
/* A link to an author page ("/author/jane-doe", "/authors/jane"): the address scheme of
 * WordPress and most blog and news CMSs for author archives. */
static int author_href(const char *h)
{
    static const char *const paths[] = {"/author/", "/authors/", "/autor/", "/auteur/",
                                        "/autore/", "/autores/", "/auteurs/", NULL};
    size_t i;
    if (!h)
        return 0;
    for (i = 0; paths[i]; i++)
        if (strstr(h, paths[i]))
            return 1;
    return 0;
}

/* 3: rel=author or itemprop=author; 2: a byline class/id word or an author-page link; 0.
 * One pass over the attributes (this runs on every element of the page). */
static int byline_el(const xmlNode *n)
{
    const xmlAttr *at;
    const char *cls = NULL, *id = NULL, *href = NULL;
    for (at = n->properties; at; at = at->next) {
        const char *nm = (const char *)at->name, *v;
        if (!nm || !at->children || !at->children->content)
            continue;
        v = (const char *)at->children->content;
        switch (nm[0] | 0x20) {
        case 'r':
            if (!ncp_strcasecmp(nm, "rel") && list_has_word(v, "author"))
                return 3;
            break;
        case 'i':
            if (!ncp_strcasecmp(nm, "itemprop") && list_has_word(v, "author"))
                return 3;
            if (!ncp_strcasecmp(nm, "id"))
                id = v;
            break;
        case 'c':
            if (!ncp_strcasecmp(nm, "class"))
                cls = v;
            break;
        case 'h':
            if (!ncp_strcasecmp(nm, "href"))
                href = v;
            break;
        default:
            break;
        }
    }
    if ((cls || id) && tokens_in(cls, id, author_tokens))
        return 2;
    return href && ncp_dom_is(n, "a") && author_href(href) ? 2 : 0;
}

/* A CMS login given as the author's name (meta author "andrew.keaveney", "jdoe_42",
 * "admin"): one word, no capital, or joined by "." / "_". WordPress themes print the
 * writer's real name on the page. */
static int login_name(const char *nm)
{
    const char *c;
    int upper = 0, joined = 0;
    for (c = nm; *c; c++) {
        if (*c == ' ')
            return 0;
        if (*c >= 'A' && *c <= 'Z')
            upper = 1;
        if ((*c == '.' || *c == '_') && c > nm && c[1])
            joined = 1;
        if ((unsigned char)*c >= 0x80)
            return 0; /* a one-word name in another script */
    }
    return joined || !upper;
}

/* The authors read so far are only organisations: JSON-LD Organization authors, or a
 * name that is the site's or the publisher's own name, or logins. */
static int authors_weak(ncp_hpage *p)
{
    nc_article *a = p->a;
    size_t i;
    if (p->authors_org)
        return 1;
    for (i = 0; i < a->n_authors; i++) {
        const char *nm = a->authors[i].name;
        if (!nm)
            continue;
        if (!((p->site && key_equal(nm, p->site)) ||
              (a->str[NC_F_PUBLISHER] && key_equal(nm, a->str[NC_F_PUBLISHER])) ||
              login_name(nm)))
            return 0;
    }
    return a->n_authors > 0;
}

typedef struct bcand {
    xmlNode *el;
    int score;
} bcand;

/* More than max characters of text (not white space) under n; images do not count. */
static int text_over(const xmlNode *n, size_t max)
{
    const xmlNode *c;
    ncp_dom_walk it;
    size_t len = 0;
    for (c = walk_from(&it, n->children); c; c = walk_enter(&it)) {
        const char *t;
        if (c->type != XML_TEXT_NODE || !c->content)
            continue;
        for (t = (const char *)c->content; *t; t++)
            if (*t != ' ' && *t != '\t' && *t != '\n' && *t != '\r' && ++len > max)
                return 1;
    }
    return 0;
}

/* Collects the byline elements of scope into c (at most 32), each scored by where it
 * stands (in the content, after the headline, after the article, in chrome). Returns the
 * count. */
static size_t byline_candidates(ncp_hpage *p, xmlNode *scope, bcand *c)
{
    xmlNode *n;
    ncp_dom_walk it;
    nc_buf t = NC_BUF_INIT;
    size_t nc = 0, i;
    int region = 0, under_h1 = 0;
    for (n = walk_from(&it, scope); n && nc < 32; n = walk_enter(&it)) {
        int kind, score, chrome;
        if (n->type != XML_ELEMENT_NODE)
            continue;
        /* where the walk is: 1 between the headline and the content (document order) */
        if (n == p->content)
            region = 2;
        else if (n == p->headline_el && region == 0 && p->content)
            region = 1;
        /* under_h1: after the headline and before the first paragraph of text, also when
         * the chosen container holds the headline (the header block of the article) */
        if (n == p->headline_el)
            under_h1 = 1;
        else if (under_h1 && ncp_dom_is(n, "p") && !in_chrome(n) && text_over(n, 80))
            under_h1 = 0;
        /* blogs that print the rel=author link in a post footer or meta box the analysis
         * took for chrome, and pages that set the byline box in a header-named block
         * between the headline and the text: they still count, after every other */
        chrome = in_chrome(n);
        if (chrome && region != 1 && !under_h1 && !(n->name[0] == 'a' && !n->name[1]))
            continue;
        if (!(kind = byline_el(n)))
            continue;
        if (chrome && region != 1 && !under_h1 &&
            (kind < 3 || !ncp_html_attr_word(n, "rel", "author")))
            continue;
        /* inside a candidate already taken: the outer one has all the names */
        for (i = 0; i < nc; i++)
            if (contains(c[i].el, n))
                break;
        if (i < nc)
            continue;
        nc_buf_clear(&t);
        ncp_html_el_text(n, &t);
        if (!t.size || t.size > 200)
            continue;
        score = kind;
        if (p->content && contains(p->content, n))
            score += 3;
        if (p->headline_el && before(p->headline_el, n))
            score += 2;
        if (p->content && !contains(p->content, n) && before(p->content, n))
            score -= 4; /* after the article: an author box, a comment, a rail */
        if (chrome)
            score -= 6;
        c[nc].el = n;
        c[nc].score = score;
        nc++;
    }
    nc_buf_release(&t);
    return nc;
}

/* Sorts the candidates best first (stable). */
static void sort_byline_candidates(bcand *c, size_t nc)
{
    size_t i, j;
    for (i = 1; i < nc; i++)
        for (j = i; j > 0 && c[j].score > c[j - 1].score; j--) {
            bcand x = c[j];
            c[j] = c[j - 1];
            c[j - 1] = x;
        }
}

/* The link of a byline element: its own href when it is an <a>, else the first linked
 * <a> inside; NULL when none. */
static const char *byline_link(xmlNode *best)
{
    const char *url = NULL;
    xmlNode *k;
    ncp_dom_walk kit;
    if (ncp_dom_is(best, "a"))
        url = ncp_dom_attr(best, "href");
    for (k = walk_from(&kit, best->children); k && !url; k = walk_enter(&kit))
        if (ncp_dom_is(k, "a") && ncp_dom_attr(k, "href"))
            url = ncp_dom_attr(k, "href");
    return url;
}

/* Sets a date printed with the byline text t, unless the article has that date. */
static void byline_date(nc_article *a, const nc_buf *t)
{
    nc_time tm;
    int upd;
    if (ncp_html_find_date(t->ptr, t->size, &tm, &upd) == 0) {
        nc_tfield f = upd ? NC_T_MODIFIED : NC_T_PUBLISHED;
        if (!a->time[f].prec)
            nc_article_set_time(a, f, &tm);
    }
}

/* Author cards that print the name in one block and the date in the next ("<p><a>Jane
 * Doe</a></p><p>April 8, 2024</p>"): the date in the byline's block or its parent, up to
 * two levels up while the block holds no more than a card's 200 characters. Kept in
 * p->card_time and used only when no other source dates the page. */
static void card_date(ncp_hpage *p, xmlNode *best)
{
    xmlNode *up = best;
    nc_buf t = NC_BUF_INIT;
    int lv, upd;
    for (lv = 0; lv < 2 && up->parent && up->parent->type == XML_ELEMENT_NODE; lv++) {
        up = up->parent;
        if (text_over(up, 200))
            break;
        nc_buf_clear(&t);
        ncp_html_el_lines(up, &t);
        if (ncp_html_find_date(t.ptr, t.size, &p->card_time, &upd) == 0) {
            if (upd)
                p->card_time.prec = 0; /* "Updated ...": not the publication */
            break;
        }
    }
    nc_buf_release(&t);
}

/* Takes the printed credit line t as the byline when it is only names, adding co-authors
 * the metadata left out (had: the authors came from metadata). Returns whether t names
 * the first author. */
static int printed_byline(nc_article *a, int had, const nc_buf *t)
{
    nc_buf line = NC_BUF_INIT;
    size_t q;
    int digits = 0, found = 0;
    ncp_collapse_space(&line, t->ptr, t->size);
    if (had && a->authors[0].name && strstr(t->ptr, a->authors[0].name)) {
        /* co-authors the metadata left out ("Written by A, B and C", one
         * author in JSON-LD): from the printed line that names the first author
         * only (the next line may be "Reviewed by X") */
        const char *hit = strstr(t->ptr, a->authors[0].name), *ls = hit, *le;
        while (ls > t->ptr && ls[-1] != '\n')
            ls--;
        le = strchr(hit, '\n');
        if (!le)
            le = t->ptr + t->size;
        {
            nc_buf one = NC_BUF_INIT;
            nc_buf_put(&one, ls, (size_t)(le - ls));
            ncp_html_add_byline_authors(a, one.ptr, NULL);
            nc_buf_release(&one);
        }
    }
    for (q = 0; q < line.size; q++)
        if (line.ptr[q] >= '0' && line.ptr[q] <= '9')
            digits = 1;
    found = a->authors[0].name && strstr(line.ptr, a->authors[0].name);
    if (!digits && line.size <= 100 && found && ncp_html_byline_is_names(a, line.ptr))
        nc_article_sets(a, NC_F_BYLINE, line.ptr);
    nc_buf_release(&line);
    return found;
}

/* Company and shop blogs whose byline box prints the site's own name ("EcoFlow" over the
 * date, "by whova" linking to /author/whova/): with no person found, the organisation
 * the byline names is the author. Only the first line of a byline element counts, and
 * only when it is the site's (og:site_name) or the publisher's name. */
static void site_byline(ncp_hpage *p, const bcand *c, size_t nc)
{
    nc_article *a = p->a;
    const char *site = p->site ? p->site : a->str[NC_F_PUBLISHER];
    nc_buf t = NC_BUF_INIT;
    size_t i;
    for (i = 0; site && i < nc && !a->n_authors; i++) {
        const char *s, *e;
        size_t len;
        nc_buf_clear(&t);
        ncp_html_el_lines(c[i].el, &t);
        for (s = t.ptr; s && *s && (*s == '\n' || *s == ' '); s++)
            ;
        if (!s || !*s)
            continue;
        e = strchr(s, '\n');
        len = e ? (size_t)(e - s) : strlen(s);
        s = ncp_trim(s, &len);
        {
            nc_buf one = NC_BUF_INIT, name = NC_BUF_INIT;
            nc_buf_put(&one, s, len);
            if (ncp_html_clean_name(one.ptr, one.size, &name) && key_equal(name.ptr, site)) {
                const char *url = byline_link(c[i].el);
                nc_article_add_author(a, site, NULL, url ? ncp_html_url(p, url) : NULL, NULL);
            }
            nc_buf_release(&one);
            nc_buf_release(&name);
        }
    }
    nc_buf_release(&t);
}

/* Personal blogs named after their owner ("Colin Watson's blog", "Ash's Weblog" as
 * og:site_name): when no author is found anywhere, the owner of one to three capitalised
 * words wrote the post. */
static void owner_blog(ncp_hpage *p)
{
    static const char *const kinds[] = {"blog", "weblog", "homepage", "journal", "notes", NULL};
    const char *site = p->site, *q;
    size_t n = 0, i, words = 0;
    nc_buf b = NC_BUF_INIT;
    if (!site)
        return;
    for (q = site; *q; q++) {
        size_t skip = 0;
        if (*q == '\'')
            skip = 1;
        else if (!strncmp(q, "\xe2\x80\x99", 3))
            skip = 3; /* U+2019 */
        if (!skip || q[skip] != 's' || q[skip + 1] != ' ')
            continue;
        for (i = 0; kinds[i]; i++)
            if (!ncp_strcasecmp(q + skip + 2, kinds[i]))
                break;
        if (!kinds[i])
            return;
        n = (size_t)(q - site);
        break;
    }
    if (!*q || !n)
        return;
    for (i = 0; i < n; i++) {
        if (site[i] == ' ')
            continue;
        if (i == 0 || site[i - 1] == ' ') {
            if (!isupper((unsigned char)site[i]))
                return;
            words++;
        } else if (!isalpha((unsigned char)site[i]) && site[i] != '-' &&
                   !((unsigned char)site[i] & 0x80)) {
            return;
        }
    }
    if (words < 1 || words > 3)
        return;
    nc_buf_put(&b, site, n);
    if (!b.failed)
        ncp_html_add_meta_authors(p->a, b.ptr, NULL);
    nc_buf_release(&b);
}

static void visible_byline(ncp_hpage *p)
{
    nc_article *a = p->a;
    nc_buf t = NC_BUF_INIT;
    bcand c[32];
    size_t nc, i;
    int had = a->n_authors > 0;
    size_t saved = a->n_authors;
    xmlNode *scope = p->body ? p->body : p->root;
    if (had && authors_weak(p)) {
        /* organisations from the metadata: a person in the visible byline replaces them
         * (company blogs name the company as author in JSON-LD, the writer on the page) */
        a->n_authors = 0;
        had = 0;
    }
    nc = byline_candidates(p, scope, c);
    sort_byline_candidates(c, nc);
    for (i = 0; i < nc; i++) {
        const char *url;
        xmlNode *best = c[i].el;
        size_t before_n = a->n_authors;
        nc_buf_clear(&t);
        ncp_html_el_lines(best, &t);
        url = byline_link(best);
        if (!had) {
            ncp_html_add_byline_authors(a, t.ptr, url ? ncp_html_url(p, url) : NULL);
            if (a->n_authors == before_n && c[i].score >= 4 && saved == 0)
                ncp_html_add_lone_author(a, t.ptr, url ? ncp_html_url(p, url) : NULL);
            if (a->n_authors == before_n)
                continue;
        }
        /* a date printed with the byline */
        byline_date(a, &t);
        if (!a->time[NC_T_PUBLISHED].prec && !p->card_time.prec)
            card_date(p, best);
        /* the printed credit line, when it is only names */
        if (!a->str[NC_F_BYLINE] && a->n_authors && !printed_byline(a, had, &t) && had)
            continue;
        break;
    }
    if (!a->n_authors && !saved)
        site_byline(p, c, nc);
    if (!a->n_authors && !saved)
        owner_blog(p);
    if (!a->n_authors && saved)
        a->n_authors = saved; /* no person found: the organisations stay */
    nc_buf_release(&t);
}

/* ---- the lines around the headline ----
 * Blogs and company pages often print the date and the author as bare lines next to the
 * title, with no class, <time> or metadata: "December 15, 2025", "by: Jane Doe, Dec 17,
 * 2025", "Published / October 14, 2025". The text of the page is cut into lines (runs of
 * text under the same block element, or between <br>s), and a few lines before and after
 * the headline element are looked at. */

#define NL_BEFORE 6
#define NL_AFTER 14

typedef struct vline {
    nc_buf text;
    int long_text; /* longer than a date or byline line */
} vline;

typedef struct vlines {
    vline before[NL_BEFORE]; /* a ring: the last lines before the headline */
    size_t n_before, ring;
    vline after[NL_AFTER];
    size_t n_after;
} vlines;

static xmlNode *block_of(xmlNode *n, const xmlNode *stop)
{
    for (n = n->parent; n && n != stop; n = n->parent) {
        const ncp_hinfo *h = ncp_hi(n);
        if (h && (h->flags & H_BLOCK))
            return n;
    }
    return n;
}

/* The outermost chrome element around n, or NULL. */
static xmlNode *chrome_root(xmlNode *n)
{
    xmlNode *r = NULL;
    for (; n && n->type == XML_ELEMENT_NODE; n = n->parent)
        if (ncp_hi(n) && (ncp_hi(n)->flags & H_JUNK))
            r = n;
    return r;
}

/* n holds no more than max characters of text (white space, scripts and styles aside)
 * and no image. */
static int text_at_most(const xmlNode *n, size_t max)
{
    const xmlNode *c;
    ncp_dom_walk it;
    size_t len = 0;
    for (c = walk_from(&it, n->children); c; c = walk_enter(&it)) {
        int descend = 1;
        if (c->type == XML_ELEMENT_NODE) {
            if (ncp_dom_is(c, "img") || ncp_dom_is(c, "picture") || ncp_dom_is(c, "svg"))
                return 0;
            descend = !ncp_dom_is(c, "script") && !ncp_dom_is(c, "style");
        } else if (c->type == XML_TEXT_NODE && c->content) {
            const char *t;
            for (t = (const char *)c->content; *t; t++)
                if (*t != ' ' && *t != '\t' && *t != '\n' && *t != '\r' && ++len > max)
                    return 0;
        }
        if (!descend)
            ncp_dom_walk_skip(&it);
    }
    return 1;
}

/* Landing-page and blog themes that print "Published" and the date in a row of labels
 * named like chrome (a category header, a meta strip) in the headline's own header
 * block: such a row, of little text, is read for date and byline lines. */
static int header_label_row(const xmlNode *n, const xmlNode *hg, const xmlNode *scope)
{
    const ncp_hinfo *hi = ncp_hi(n);
    if (!hg || hg == scope || !hi || (hi->flags & H_HARD) || !contains(hg, n))
        return 0;
    if (ncp_dom_is(n, "nav") || ncp_dom_is(n, "aside") || ncp_dom_is(n, "footer"))
        return 0;
    return text_at_most(n, 120);
}

/* A social media post quoted in the page (a tweet's blockquote): its author and date line
 * are the post's, never the article's byline or date. */
static int quoted_post(const xmlNode *n)
{
    const char *u;
    return ncp_dom_is(n, "blockquote") && ncp_dom_social_embed(n, 0, &u);
}

/* n is inside such a post (an Instagram post's <time>). */
static int in_quoted_post(const xmlNode *n)
{
    for (n = n->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent)
        if (quoted_post(n))
            return 1;
    return 0;
}

static void lines_around(ncp_hpage *p, vlines *L)
{
    xmlNode *h = p->headline_el, *n, *scope = p->body ? p->body : p->root;
    xmlNode *hj = h ? chrome_root(h) : NULL; /* the headline sits in chrome: its block counts */
    /* the headline's header block (its grandparent) */
    xmlNode *hg = h && h->parent && h->parent != scope ? h->parent->parent : NULL;
    xmlNode *cur_blk = NULL;
    ncp_dom_walk it;
    vline *cur = NULL;
    int state = 0; /* 0 before the headline, 1 inside, 2 after */
    size_t i;
    memset(L, 0, sizeof *L);
    for (i = 0; i < NL_BEFORE; i++)
        nc_buf_init(&L->before[i].text);
    for (i = 0; i < NL_AFTER; i++)
        nc_buf_init(&L->after[i].text);
    if (!h)
        return;
    for (n = walk_from(&it, scope); n; n = walk_enter(&it)) {
        int descend = 1;
        if (n->type == XML_ELEMENT_NODE) {
            if (ncp_dom_is(n, "script") || ncp_dom_is(n, "style") || ncp_dom_is(n, "noscript") ||
                ncp_dom_is(n, "template") || ncp_dom_is(n, "svg") || ncp_dom_is(n, "select") ||
                quoted_post(n) || (in_chrome(n) && !(hj && contains(hj, n) &&
                                   (!(ncp_hi(n)->flags & H_JUNK) || contains(n, h))) &&
                 !header_label_row(n, hg, scope)))
                descend = 0;
            else if (ncp_dom_is(n, "br"))
                cur = NULL;
            if (n == h) {
                state = 1;
                cur = NULL;
                descend = 0; /* the headline's own text is not a line */
            }
        } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content) {
            const char *c = (const char *)n->content;
            xmlNode *blk;
            while (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\r')
                c++;
            if (*c) {
                if (state == 1)
                    state = 2;
                blk = block_of(n, scope);
                if (!cur || blk != cur_blk) {
                    if (state == 2) {
                        if (L->n_after == NL_AFTER)
                            break;
                        cur = &L->after[L->n_after++];
                    } else {
                        cur = &L->before[L->ring];
                        L->ring = (L->ring + 1) % NL_BEFORE;
                        if (L->n_before < NL_BEFORE)
                            L->n_before++;
                        nc_buf_clear(&cur->text);
                        cur->long_text = 0;
                    }
                    cur_blk = blk;
                }
                if (!cur->long_text) {
                    if (cur->text.size)
                        nc_buf_putc(&cur->text, ' ');
                    ncp_collapse_space(&cur->text, (const char *)n->content,
                                       strlen((const char *)n->content));
                    if (cur->text.size > 160)
                        cur->long_text = 1;
                }
            }
        }
        if (n == h && state == 1)
            descend = 0;
        if (!descend)
            ncp_dom_walk_skip(&it);
    }
}

static void lines_free(vlines *L)
{
    size_t i;
    for (i = 0; i < NL_BEFORE; i++)
        nc_buf_release(&L->before[i].text);
    for (i = 0; i < NL_AFTER; i++)
        nc_buf_release(&L->after[i].text);
}

/* The k-th line by distance from the headline: the lines after it first (nearest
 * first), then the ones before it (nearest first). NULL past the end. */
static vline *line_at(vlines *L, size_t k)
{
    if (k < L->n_after)
        return &L->after[k];
    k -= L->n_after;
    if (k < L->n_before)
        return &L->before[(L->ring + NL_BEFORE - 1 - k) % NL_BEFORE];
    return NULL;
}

/* 1 when the line s is only a byline label: "Written by", "By", "Author:" */
static int by_label(const char *s, size_t len)
{
    static const char *const labels[] = {"by", "by:", "written by", "written by:", "words by",
                                         "posted by", "author", "author:", "authored by",
                                         "von", "par", "por", "door", NULL};
    size_t i;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\n'))
        len--;
    for (i = 0; labels[i]; i++)
        if (len == strlen(labels[i]) && !ncp_strncasecmp(s, labels[i], len))
            return 1;
    return 0;
}

/* "By Jane Doe", "by: Jane Doe, Dec 17, 2025", "Written by ...", "Words by ...". */
static int by_line(const char *s, size_t len)
{
    static const char *const leads[] = {"by ", "by:", "written by", "words by", "posted by",
                                        "author:", "von ", "par ", "por ", "door ", NULL};
    size_t i;
    for (i = 0; leads[i]; i++)
        if (len > strlen(leads[i]) && !ncp_strncasecmp(s, leads[i], strlen(leads[i])))
            return 1;
    return 0;
}

/* A label that says the next words (or, alone on its line, the next line) are the
 * publication date: "Published", "Posted on", "Publication date:". Landing-page themes
 * print it under a standfirst of two or three paragraphs, past where the body starts. */
static int pub_label(const char *s, size_t len, int lead)
{
    static const char *const labels[] = {"published on", "published", "posted on", "posted",
                                         "publication date", "date published", NULL};
    size_t i, l;
    if (!s)
        return 0;
    for (i = 0; labels[i]; i++) {
        l = strlen(labels[i]);
        if (len < l || ncp_strncasecmp(s, labels[i], l))
            continue;
        while (l < len && (s[l] == ':' || s[l] == ' '))
            l++;
        return lead ? l < len && len <= 60 : l == len;
    }
    return 0;
}

/* Length of a separator between the parts of a meta line at s[i]: a middle dot, a
 * bullet or a bar; 0 when none. */
static size_t meta_sep(const char *s, size_t len, size_t i)
{
    if (s[i] == '|')
        return 1;
    if (i + 1 < len && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xB7)
        return 2;
    if (i + 2 < len && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
        (unsigned char)s[i + 2] == 0xA2)
        return 3;
    return 0;
}

/* Static-site and blog themes that print the post's meta line under the headline as the
 * date and the writer's name with no "By" and no class ("2025-12-17 · Jane Doe", "Jane
 * Doe | March 3, 2025"; a theme may set the name in a block of its own after the dot):
 * a line of exactly two parts, one a date, the other one person's name of two to four
 * words, is the byline. nxt: the next line, joined when the line ends with the separator. */
static int date_name_line(nc_article *a, const nc_buf *line, const nc_buf *nxt)
{
    nc_buf j = NC_BUF_INIT;
    size_t i, cut = 0, sl = 0, parts = 1, tl;
    const char *tt;
    int ok = 0;
    nc_buf_put(&j, line->ptr, line->size);
    tl = j.size;
    tt = ncp_trim(j.ptr, &tl);
    if (nxt && nxt->size && nxt->size <= 60 && tl && meta_sep(tt, tl, tl - 1) +
        (tl >= 2 ? meta_sep(tt, tl, tl - 2) : 0) + (tl >= 3 ? meta_sep(tt, tl, tl - 3) : 0)) {
        nc_buf_putc(&j, ' ');
        nc_buf_put(&j, nxt->ptr, nxt->size);
    }
    for (i = 0; i < j.size; i++) {
        size_t l = meta_sep(j.ptr, j.size, i);
        if (l) {
            if (parts == 1) {
                cut = i;
                sl = l;
            }
            parts++;
            i += l - 1;
        }
    }
    if (parts == 2 && cut) {
        const char *x = j.ptr, *y = j.ptr + cut + sl;
        size_t xl = cut, yl = j.size - cut - sl;
        nc_time tm;
        int upd, k;
        x = ncp_trim(x, &xl);
        y = ncp_trim(y, &yl);
        for (k = 0; k < 2 && !ok; k++) {
            const char *d = k ? y : x, *nm = k ? x : y;
            size_t dl = k ? yl : xl, nl = k ? xl : yl, w, words = 1;
            nc_buf name = NC_BUF_INIT, raw = NC_BUF_INIT;
            if (dl && nl && ncp_html_find_date(d, dl, &tm, &upd) == 0 &&
                ncp_html_is_dateline_text(d, dl)) {
                nc_buf_put(&raw, nm, nl);
                if (ncp_html_clean_name(raw.ptr, raw.size, &name) && name.size == nl &&
                    !memcmp(name.ptr, nm, nl)) {
                    for (w = 0; w < name.size; w++)
                        words += name.ptr[w] == ' ';
                    if (words >= 2 && words <= 4 && ncp_html_add_byline_authors(a, raw.ptr, NULL))
                        ok = 1;
                }
            }
            nc_buf_release(&name);
            nc_buf_release(&raw);
        }
    }
    nc_buf_release(&j);
    return ok;
}

/* k after the spaces and no-break spaces of s at k */
static size_t skip_space(const char *s, size_t k)
{
    for (;;) {
        if (s[k] == ' ')
            k++;
        else if ((unsigned char)s[k] == 0xC2 && (unsigned char)s[k + 1] == 0xA0)
            k += 2;
        else
            return k;
    }
}

/* The length of an "updated" label at the start of s ("Last Updated:", "Page last reviewed:",
 * "Content current as of"), with its colon or "on" and the space after; 0 when none. */
static size_t updated_label(const char *s)
{
    static const char *const labels[] = {
        "page last updated", "page last reviewed", "date last reviewed", "last updated",
        "last reviewed", "last modified", "content current as of", "updated", "reviewed",
        "modified", NULL};
    size_t i, k;
    for (i = 0; labels[i]; i++) {
        k = strlen(labels[i]);
        if (ncp_strncasecmp(s, labels[i], k) || isalnum((unsigned char)s[k]))
            continue;
        k = skip_space(s, k);
        if (s[k] == ':')
            k++;
        else if (!ncp_strncasecmp(s + k, "on ", 3))
            k += 3;
        return skip_space(s, k);
    }
    return 0;
}

/* 1 when the line t is only an "Updated" label ("Updated", "Last updated:") */
static int only_updated_label(const nc_buf *t)
{
    return t->ptr && t->size && updated_label(t->ptr) >= t->size;
}

static void visible_lines(ncp_hpage *p)
{
    nc_article *a = p->a;
    vlines L;
    vline *v;
    size_t k, long_after = 0;
    int need_date = !a->time[NC_T_PUBLISHED].prec, need_by = !a->n_authors;
    if (!p->headline_el || (!need_date && !need_by))
        return;
    lines_around(p, &L);
    for (k = 0; (v = line_at(&L, k)) != NULL && (need_date || need_by); k++) {
        nc_time tm;
        int upd;
        if (k < L.n_after && long_after >= 2 &&
            !(need_date && (pub_label(v->text.ptr, v->text.size, 1) ||
                            (k > 0 && pub_label(L.after[k - 1].text.ptr,
                                                L.after[k - 1].text.size, 0)))))
            continue; /* into the article text: the rest of the lines after are body */
        if (v->long_text || v->text.size > 120) {
            if (k < L.n_after)
                long_after++;
            continue;
        }
        if (need_by && by_line(v->text.ptr, v->text.size)) {
            if (ncp_html_add_byline_authors(a, v->text.ptr, NULL) ||
                ncp_html_byline_by_handle(a, v->text.ptr))
                need_by = 0;
        }
        if (need_by && k + 1 < L.n_after && by_label(v->text.ptr, v->text.size) &&
            !L.after[k + 1].long_text && L.after[k + 1].text.size <= 60) {
            /* the label in a block of its own, the name in the next ("Written by" /
             * "Jane Doe": author cards of site builders and component themes) */
            nc_buf b = NC_BUF_INIT;
            nc_buf_puts(&b, "By ");
            nc_buf_put(&b, L.after[k + 1].text.ptr, L.after[k + 1].text.size);
            if (!b.failed && ncp_html_add_byline_authors(a, b.ptr, NULL))
                need_by = 0;
            nc_buf_release(&b);
        }
        if (need_by && k < L.n_after && k < 4 &&
            date_name_line(a, &v->text, k + 1 < L.n_after ? &L.after[k + 1].text : NULL))
            need_by = 0;
        if (need_date && v->text.size <= 100 &&
            ncp_html_find_date(v->text.ptr, v->text.size, &tm, &upd) == 0) {
            if (!upd && k > 0 && k < L.n_after && only_updated_label(&L.after[k - 1].text))
                upd = 1; /* "Updated" on the line before, the date on its own line */
            if (!upd) {
                nc_article_set_time(a, NC_T_PUBLISHED, &tm);
                need_date = 0;
            } else if (!a->time[NC_T_MODIFIED].prec) {
                nc_article_set_time(a, NC_T_MODIFIED, &tm);
            }
        }
    }
    lines_free(&L);
}

static const char *const date_tokens[] = {"date", "dates", "published", "timestamp", "pubdate",
                                          "posted", "dateline", "time", "datetime", "updated",
                                          "publish", NULL};

static int date_class(const xmlNode *n)
{
    return token_in(n, date_tokens);
}

/* n is in the chosen content, between the headline and the content, or in the
 * headline's header block (its grandparent). */
static int near_article(ncp_hpage *p, const xmlNode *n)
{
    if (p->content && contains(p->content, n))
        return 1;
    if (p->headline_el && before(p->headline_el, n) &&
        (!p->content || before(n, p->content)))
        return 1;
    return p->headline_el && p->headline_el->parent && p->headline_el->parent->parent &&
           contains(p->headline_el->parent->parent, n);
}

/* Pages whose metadata date is rewritten on every edit (SEO plugins that set
 * datePublished to the modification time) while the article prints its date in a
 * <time pubdate>, the HTML mark-up for "this article's publication date": the printed
 * one, in the article and outside chrome (comments carry pubdate too), wins. */
static void pubdate_time(ncp_hpage *p)
{
    xmlNode *n, *h = p->headline_el;
    const nc_time *pub = &p->a->time[NC_T_PUBLISHED];
    int in_content = 0;
    /* from the headline's header block to the end of the content (ncp_html_next: the walk
     * climbs out of its start's parent, which an ncp_dom_walk does not) */
    n = h && h->parent && h->parent->parent ? h->parent->parent : h ? h : p->content;
    for (; n; n = ncp_html_next(n, p->root, 1)) {
        const char *dt;
        nc_time t;
        if (p->content && (n == p->content || contains(p->content, n)))
            in_content = 1;
        else if (in_content)
            return;
        if (n->type != XML_ELEMENT_NODE || !ncp_dom_is(n, "time") || in_chrome(n) ||
            !ncp_dom_attr(n, "pubdate") || !(dt = ncp_dom_attr(n, "datetime")) ||
            !near_article(p, n))
            continue;
        if (nc_time_parse_iso(dt, strlen(dt), &t) == 0 &&
            (t.year != pub->year || t.month != pub->month || t.day != pub->day))
            nc_article_set_time(p->a, NC_T_PUBLISHED, &t); /* the same day keeps its time */
        return;
    }
}

/* Blog themes that set the post's date in an <aside> or meta box of the <article>,
 * before the text: a <time> in chrome counts when its nearest <article> holds the
 * headline or the content and it comes before the content or the headline. */
static int article_header_time(ncp_hpage *p, const xmlNode *n)
{
    const xmlNode *art;
    if (!p->content ||
        !(before(n, p->content) || (p->headline_el && before(n, p->headline_el))))
        return 0;
    for (art = n->parent; art && !ncp_dom_is(art, "article"); art = art->parent)
        ;
    return art && ((p->headline_el && contains(art, p->headline_el)) || contains(art, p->content));
}

/* 1 when the text just before the <time> n, in the same parent (a label element or a
 * text node), is only an "Updated" label ("<p>Updated</p><time>...", "Last updated: <time>") */
static int updated_before(const xmlNode *n)
{
    const xmlNode *q;
    for (q = n->prev; q; q = q->prev) {
        nc_buf t = NC_BUF_INIT;
        const char *s;
        size_t len;
        int r;
        if (q->type == XML_TEXT_NODE)
            nc_buf_puts(&t, q->content ? (const char *)q->content : "");
        else if (q->type == XML_ELEMENT_NODE)
            ncp_html_el_text(q, &t);
        else
            continue;
        len = t.size;
        s = t.ptr ? ncp_trim(t.ptr, &len) : NULL;
        r = len && updated_label(s) >= len;
        nc_buf_release(&t);
        if (len)
            return r;
        /* white space between: the node before it */
    }
    return 0;
}

static void visible_date(ncp_hpage *p)
{
    nc_article *a = p->a;
    xmlNode *n, *scope = p->body ? p->body : p->root;
    nc_buf t = NC_BUF_INIT;
    int pass;
    /* <time datetime> in the article (header or content), then a date-classed element */
    for (pass = 0; pass < 3 && !a->time[NC_T_PUBLISHED].prec; pass++) {
        ncp_dom_walk it;
        for (n = walk_from(&it, scope); n && !a->time[NC_T_PUBLISHED].prec; n = walk_enter(&it)) {
            const char *dt;
            int near;
            if (n->type != XML_ELEMENT_NODE)
                continue;
            if (!(pass < 2 ? ncp_dom_is(n, "time") : date_class(n)))
                continue;
            if ((in_chrome(n) && !(pass < 2 && article_header_time(p, n))) || in_quoted_post(n))
                continue;
            near = near_article(p, n);
            if (pass < 2 && ncp_dom_is(n, "time")) {
                if (pass == 0 && !near && !ncp_dom_attr(n, "pubdate"))
                    continue;
                if (updated_before(n)) {
                    /* "Updated" in the block before: the modification date */
                    if (!a->time[NC_T_MODIFIED].prec && (dt = ncp_dom_attr(n, "datetime")))
                        ncp_html_set_time(a, NC_T_MODIFIED, dt, 1);
                    continue;
                }
                if ((dt = ncp_dom_attr(n, "datetime")) && *dt) {
                    if (ncp_html_set_time(a, NC_T_PUBLISHED, dt, 1))
                        break;
                } else {
                    nc_buf_clear(&t);
                    ncp_html_el_text(n, &t);
                    if (ncp_html_set_time(a, NC_T_PUBLISHED, t.ptr, 1))
                        break;
                }
            } else if (pass == 2 && near && date_class(n)) {
                nc_buf_clear(&t);
                ncp_html_el_text(n, &t);
                if (t.size && t.size < 100) {
                    /* strip a lead-in: "Published: ...", "Posted ..."; a date after an
                     * "Updated" label is the modification date */
                    const char *s = t.ptr;
                    nc_time tm;
                    size_t k = updated_label(s);
                    if (k) {
                        if (!a->time[NC_T_MODIFIED].prec &&
                            nc_time_parse_text(s + k, t.size - k, &tm) == 0)
                            nc_article_set_time(a, NC_T_MODIFIED, &tm);
                        continue;
                    }
                    if (nc_time_parse_text(s, t.size, &tm) == 0) {
                        nc_article_set_time(a, NC_T_PUBLISHED, &tm);
                        break;
                    }
                    for (k = 0; k < t.size; k++)
                        if (s[k] == ' ' || s[k] == ':')
                            if (nc_time_parse_text(s + k + 1, t.size - k - 1, &tm) == 0) {
                                nc_article_set_time(a, NC_T_PUBLISHED, &tm);
                                break;
                            }
                }
            }
        }
    }
    nc_buf_release(&t);
}

static int has_text(const xmlNode *n)
{
    nc_buf t = NC_BUF_INIT;
    int r;
    if (n->type == XML_TEXT_NODE) {
        const char *c = (const char *)n->content;
        while (c && (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\r'))
            c++;
        return c && *c;
    }
    ncp_html_el_text(n, &t);
    r = t.size > 0;
    nc_buf_release(&t);
    return r;
}

static int p_has_text(const xmlNode *n)
{
    const ncp_hinfo *h = ncp_hi(n);
    return h && h->text >= 40;
}

/* Pages whose og:title or JSON-LD headline is a search-engine title written apart from
 * the headline the reader sees ("Amp AI Fitness Machine Review With Photos" over the <h1>
 * "I Tried Amp, the AI Strength Training System..."): the page's one <h1>, at the top of
 * or just before the article, in sentence length, is the headline. Not a masthead <h1>
 * (the site's name), not one of several <h1>s (listings, multi-story pages). An <h1> in a
 * chrome-named wrapper ("header-container") counts when it is the page's only <h1> and
 * little text stands between it and the article (themes that set the title in a banner). */
static xmlNode *article_h1(ncp_hpage *p)
{
    xmlNode *h = NULL, *any = NULL, *n;
    ncp_dom_walk it;
    nc_buf t = NC_BUF_INIT;
    size_t i, words = 0, gap = 0;
    int n_h1 = 0, n_any = 0, ok;
    if (!p->content)
        return NULL;
    for (n = walk_from(&it, p->body ? p->body : p->root); n && n_h1 < 2 && n_any < 2;
         n = walk_enter(&it)) {
        if (n->type != XML_ELEMENT_NODE || !ncp_dom_is(n, "h1"))
            continue;
        if (!in_chrome(n)) {
            h = n;
            n_h1++;
        } else if (has_text(n)) {
            any = n;
            n_any++;
        }
    }
    if (n_h1 > 1 || (!h && n_any != 1))
        return NULL;
    if (!h) {
        h = any;
        if (!before(h, p->content))
            return NULL;
        /* after the <h1>'s subtree, climbing out of its parent: ncp_html_next */
        for (n = ncp_html_next(h, p->root, 0); n && n != p->content && gap < 300;
             n = ncp_html_next(n, p->root, 1))
            if (n->type == XML_TEXT_NODE && n->content && has_text(n))
                gap += strlen((const char *)n->content);
        if (gap >= 300)
            return NULL;
    }
    if (!(contains(p->content, h) || before(h, p->content)))
        return NULL;
    /* inside the article only at its top: an <h1> after a paragraph is a section heading
     * or a pull quote set large */
    if (contains(p->content, h) && p->content != h) {
        if (ncp_dom_is(p->content, "p") && p_has_text(p->content))
            return NULL;
        for (n = walk_from(&it, p->content->children); n && n != h; n = walk_enter(&it))
            if (ncp_dom_is(n, "p") && p_has_text(n))
                return NULL;
    }
    ncp_html_el_text(h, &t);
    for (i = 0; i < t.size; i++)
        if (t.ptr[i] != ' ' && (i == 0 || t.ptr[i - 1] == ' '))
            words++;
    ok = words >= 4 && t.size <= 250 && !(p->site && key_equal(t.ptr, p->site));
    nc_buf_release(&t);
    return ok ? h : NULL;
}

/* Minutes since 1970-01-01T00:00Z of a zoned time to the minute. */
static long long utc_minutes(const nc_time *t)
{
    return ncp_civil_days(t->year, t->month, t->day) * 1440 + t->hour * 60 + t->minute -
           t->zone_minutes;
}

/* WordPress and SEO plugins write article:published_time and JSON-LD dates in UTC while
 * the page prints the same moment in the author's zone (<time datetime="...-08:00">): the
 * page's zone is kept, so the calendar day is the one the reader sees. Only the same
 * instant counts (a comment's time is another moment). */
static void local_zone(ncp_hpage *p)
{
    nc_article *a = p->a;
    nc_time *pub = &a->time[NC_T_PUBLISHED];
    size_t i;
    if (!pub->prec || pub->prec < NC_TIME_MINUTE || !pub->has_zone || pub->zone_minutes)
        return;
    /* the zoned <time> elements the scan kept: no walk of its own */
    for (i = 0; i < p->n_zoned; i++) {
        xmlNode *n = p->zoned[i];
        const char *dt = ncp_dom_attr(n, "datetime");
        nc_time t;
        if (!dt || in_chrome(n))
            continue;
        if (nc_time_parse_iso(dt, strlen(dt), &t) == 0 && t.has_zone && t.zone_minutes &&
            t.prec >= NC_TIME_MINUTE && utc_minutes(&t) == utc_minutes(pub)) {
            nc_article_set_time(a, NC_T_PUBLISHED, &t);
            return;
        }
    }
}

/* Dated permalinks (/2025/12/19/slug, /blog/2025-12-19-slug: the default of WordPress and
 * of most static-site generators): the address's date is the day the post was published.
 * Used only when nothing else on the page dates it; a year and month alone are no day. */
static void url_date(ncp_hpage *p)
{
    const char *u = p->a->str[NC_F_URL] ? p->a->str[NC_F_URL] : p->doc_url, *s;
    nc_time t;
    if (!u || p->a->time[NC_T_PUBLISHED].prec || !(s = strstr(u, "://")) ||
        !(s = strchr(s + 3, '/')))
        return;
    for (; *s; s++) {
        const char *d = s + 1;
        char sep, iso[11];
        if (*s != '/' || !(d[0] == '1' || d[0] == '2') || strspn(d, "0123456789") != 4)
            continue;
        sep = d[4];
        if ((sep != '/' && sep != '-') || strspn(d + 5, "0123456789") != 2 || d[7] != sep ||
            strspn(d + 8, "0123456789") != 2 || (d[10] && !strchr("/-_.?#", d[10])))
            continue;
        memcpy(iso, d, 10);
        iso[4] = iso[7] = '-';
        iso[10] = 0;
        if (nc_time_parse_iso(iso, 10, &t) == 0 && t.year >= 1990) {
            nc_article_set_time(p->a, NC_T_PUBLISHED, &t);
            return;
        }
    }
}

/* News-agency pages whose summary opens with the wire's byline and dateline, "By Jane
 * Doe RAJSHAHI, Dec 20, 2025 (BSS) - ...": the name ends at the capitalised place name;
 * the date follows it. Used only for what the page gave nowhere else. */
static void summary_dateline(ncp_hpage *p)
{
    nc_article *a = p->a;
    const char *s = a->str[NC_F_SUMMARY], *w, *city = NULL;
    if (!s || ncp_strncasecmp(s, "by ", 3) || (a->n_authors && a->time[NC_T_PUBLISHED].prec))
        return;
    for (w = s + 3; *w && !city && w - s < 80;) {
        const char *e = w;
        size_t letters = 0, caps = 0;
        while (*e && *e != ' ') {
            if ((*e >= 'a' && *e <= 'z') || (*e >= 'A' && *e <= 'Z'))
                letters++;
            if (*e >= 'A' && *e <= 'Z')
                caps++;
            e++;
        }
        if (letters >= 3 && caps == letters && e[-1] == ',' && w > s + 3)
            city = w;
        w = *e ? e + 1 : e;
    }
    if (!city)
        return;
    if (!a->n_authors) {
        nc_buf name = NC_BUF_INIT;
        nc_buf_put(&name, s, (size_t)(city - s));
        ncp_html_add_byline_authors(a, name.ptr, NULL);
        nc_buf_release(&name);
    }
    if (!a->time[NC_T_PUBLISHED].prec) {
        nc_time tm;
        int upd;
        size_t len = strlen(city);
        if (ncp_html_find_date(city, len < 60 ? len : 60, &tm, &upd) == 0 && !upd)
            nc_article_set_time(a, NC_T_PUBLISHED, &tm);
    }
}

/* Public-sector and health information pages (and many help centres) date a page only by
 * a "Last Updated: June 2022" or "Page last reviewed: 3 March 2025" line, often in the
 * footer: when nothing else dates the page, that line is its modification date (never the
 * publication date). A month and year are enough. */
static void updated_line(ncp_hpage *p)
{
    nc_article *a = p->a;
    xmlNode *n;
    ncp_dom_walk it;
    nc_buf t = NC_BUF_INIT, line = NC_BUF_INIT;
    if (a->time[NC_T_PUBLISHED].prec || a->time[NC_T_MODIFIED].prec)
        return;
    for (n = walk_from(&it, p->body ? p->body : p->root); n; n = walk_enter(&it)) {
        const char *c;
        size_t k, len;
        nc_time tm;
        xmlNode *blk;
        if (n->type == XML_ELEMENT_NODE && (ncp_dom_is(n, "script") || ncp_dom_is(n, "style")))
            ncp_dom_walk_skip(&it);
        if (n->type != XML_TEXT_NODE || !(c = (const char *)n->content))
            continue;
        while (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\r')
            c++;
        if (!updated_label(c))
            continue;
        /* the label and the date may sit in different elements of one block */
        nc_buf_clear(&t);
        nc_buf_clear(&line);
        blk = block_of(n, NULL);
        ncp_html_el_text(blk ? blk : n->parent, &t);
        ncp_collapse_space(&line, t.ptr, t.size);
        c = line.ptr;
        for (k = 0; c && c[k]; k++)
            if ((k == 0 || c[k - 1] == ' ') && updated_label(c + k))
                break;
        if (!c || !c[k])
            continue;
        c += k + updated_label(c + k);
        len = strlen(c) < 40 ? strlen(c) : 40;
        while (len > 6 && nc_time_parse_text(c, len, &tm) != 0)
            len--;
        if (len > 6 && tm.prec >= NC_TIME_MONTH && tm.year >= 1990) {
            nc_article_set_time(a, NC_T_MODIFIED, &tm);
            break;
        }
    }
    nc_buf_release(&t);
    nc_buf_release(&line);
}

int ncp_html_visible(ncp_hpage *p)
{
    nc_article *a = p->a;
    nc_buf t = NC_BUF_INIT;
    const char *h1 = NULL;
    p->headline_el = find_headline_el(p, a->str[NC_F_HEADLINE] ? a->str[NC_F_HEADLINE]
                                                                : p->title_tag);
    if (p->headline_el) {
        ncp_html_el_text(p->headline_el, &t);
        h1 = t.size ? nc_article_strdup(a, t.ptr) : NULL;
    }
    if (a->str[NC_F_HEADLINE] && p->headline_weak) {
        nc_buf c = NC_BUF_INIT;
        ncp_html_clean_title(a->str[NC_F_HEADLINE], p->site, h1, &c);
        if (c.size && strcmp(c.ptr, a->str[NC_F_HEADLINE]))
            nc_article_set(a, NC_F_HEADLINE, c.ptr, c.size);
        nc_buf_release(&c);
    }
    if (!a->str[NC_F_HEADLINE]) {
        if (p->title_tag) {
            nc_buf c = NC_BUF_INIT;
            ncp_html_clean_title(p->title_tag, p->site, h1, &c);
            if (c.size)
                nc_article_set(a, NC_F_HEADLINE, c.ptr, c.size);
            nc_buf_release(&c);
        } else if (h1) {
            nc_article_sets(a, NC_F_HEADLINE, h1);
        }
    }
    /* the metadata headline is visible when the headline element says it, says part of it
     * (a headline with the site's name appended), or says it after or before a date */
    if (a->str[NC_F_HEADLINE] &&
        !(h1 && (key_equal(h1, a->str[NC_F_HEADLINE]) || key_part(a->str[NC_F_HEADLINE], h1) ||
                 dated_headline(h1, a->str[NC_F_HEADLINE])))) {
        /* no element on the page says the metadata headline: the article's <h1> does */
        xmlNode *ah = article_h1(p);
        if (ah) {
            p->headline_el = ah;
            nc_buf_clear(&t);
            ncp_html_el_text(ah, &t);
            nc_article_sets(a, NC_F_HEADLINE, t.ptr);
        }
    }
    if (!a->n_authors || !a->str[NC_F_BYLINE])
        visible_byline(p);
    visible_lines(p);
    if (a->time[NC_T_PUBLISHED].prec)
        pubdate_time(p);
    else
        visible_date(p);
    summary_dateline(p);
    if (!a->time[NC_T_PUBLISHED].prec && p->card_time.prec)
        nc_article_set_time(a, NC_T_PUBLISHED, &p->card_time);
    local_zone(p);
    url_date(p);
    updated_line(p);
    nc_buf_release(&t);
    return 0;
}
