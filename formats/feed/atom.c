/* newsconv: Atom 1.0 (RFC 4287) and Atom 0.3 feeds and entries (feed.h).
 *
 * An entry: id -> id, title -> headline, link rel alternate (or no rel) -> url, rel
 * enclosure -> media (a link when its type is no picture, video or audio), rel related and
 * others -> links, published (0.3: issued) -> published, updated (0.3: modified) ->
 * modified, 0.3 created -> created, author and contributor (name, uri, email) -> authors,
 * summary -> summary, content of type text, html (escaped) or xhtml (an inline div) -> the
 * body, category (term, scheme, label) -> subjects, rights -> copyright notice, source ->
 * a link. xml:base on any element resolves the relative links under it; xml:lang gives the
 * language. The feed's title, rights, authors, logo and xml:lang fill the entries that
 * lack their own. */
#include "feed.h"

#include <stdlib.h>
#include <string.h>

/* An Atom element of either version. */
static int is_atom(const xmlNode *n, const char *local)
{
    return ncp_feed_is(n, NCP_NS_ATOM, local) || ncp_feed_is(n, NCP_NS_ATOM03, local) ||
           ncp_feed_is(n, NCP_NS_NONE, local);
}

/* The type of a text construct: "text", "html" or "xhtml" (0.3: mode="escaped" is html,
 * mode="xml" xhtml; type="text/html" html). */
static const char *text_type(const xmlNode *n)
{
    const char *type = ncp_dom_attr(n, "type"), *mode = ncp_dom_attr(n, "mode");
    if (mode && !strcmp(mode, "escaped"))
        return type && strstr(type, "plain") ? "text" : "html";
    if (mode && !strcmp(mode, "xml"))
        return "xhtml";
    if (!type || !*type || !strcmp(type, "text") || !strcmp(type, "text/plain"))
        return "text";
    if (!strcmp(type, "html") || !strcmp(type, "text/html"))
        return "html";
    if (!strcmp(type, "xhtml") || !strcmp(type, "application/xhtml+xml"))
        return "xhtml";
    return type;
}

/* 1 when a construct is base64 (0.3: mode="base64"; 1.0: a type that is neither text,
 * html, xhtml, text/... nor XML). */
static int is_base64(const xmlNode *n)
{
    const char *type = ncp_dom_attr(n, "type"), *mode = ncp_dom_attr(n, "mode");
    size_t len;
    if (mode)
        return !strcmp(mode, "base64");
    if (!type || !*type || !strcmp(type, "text") || !strcmp(type, "html") ||
        !strcmp(type, "xhtml") ||
        !strncmp(type, "text/", 5))
        return 0;
    len = strlen(type);
    return !(len >= 3 && !strcmp(type + len - 3, "xml"));
}

/* Decodes base64 text into out; -1 when it is not base64 or not UTF-8 text. */
static int base64_text(const char *s, nc_buf *out)
{
    static const char digits[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    unsigned acc = 0;
    int bits = 0;
    nc_buf_clear(out);
    for (; *s; s++) {
        const char *d;
        if (strchr(" \t\r\n=", *s))
            continue;
        if (!(d = strchr(digits, *s)))
            return -1;
        acc = (acc << 6) | (unsigned)(d - digits);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            nc_buf_putc(out, (char)((acc >> bits) & 0xFF));
        }
    }
    return out->size && !memchr(out->ptr, 0, out->size) && ncp_utf8_valid(out->ptr, out->size)
               ? 0
               : -1;
}

/* The inline div of an xhtml construct (or the element itself when it has none). */
static xmlNode *xhtml_div(xmlNode *n)
{
    xmlNode *c;
    for (c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return ncp_dom_is(c, "div") && !c->next ? c : n;
    return n;
}

/* A text construct as plain text. */
/* s trimmed into out. */
static void trimmed(const char *s, nc_buf *out)
{
    size_t len = strlen(s);
    s = ncp_trim(s, &len);
    nc_buf_clear(out);
    nc_buf_put(out, s, len);
}

static const char *plain(xmlNode *n, nc_buf *out)
{
    const char *type = text_type(n);
    nc_buf t = NC_BUF_INIT;
    if (is_base64(n)) {
        nc_buf d = NC_BUF_INIT;
        if (base64_text(ncp_feed_text(n, &t), &d) < 0)
            nc_buf_clear(out);
        else if (!strcmp(type, "html"))
            ncp_feed_html_text(d.ptr, out);
        else
            trimmed(d.ptr, out);
        ncp_feed_release(&d);
    } else if (!strcmp(type, "html")) {
        ncp_feed_html_text(ncp_feed_text(n, &t), out);
    } else if (!strcmp(type, "xhtml")) {
        nc_buf_clear(out);
        ncp_dom_text(xhtml_div(n), out);
        if (out->size) {
            size_t len = out->size;
            const char *s = ncp_trim(out->ptr, &len);
            memmove(out->ptr, s, len);
            nc_buf_truncate(out, len);
        }
    } else {
        ncp_feed_text(n, out);
    }
    ncp_feed_release(&t);
    return out->ptr ? out->ptr : "";
}

/* A person construct: name, uri, email. */
static void person(ncp_feed *f, nc_article *a, xmlNode *p, const char *role)
{
    xmlNode *c;
    nc_buf name = NC_BUF_INIT, uri = NC_BUF_INIT, mail = NC_BUF_INIT, t = NC_BUF_INIT;
    for (c = p->children; c; c = c->next) {
        if (is_atom(c, "name"))
            ncp_feed_text(c, &name);
        else if ((is_atom(c, "uri") || is_atom(c, "url") || is_atom(c, "homepage")) &&
                 *ncp_feed_text(c, &t))
            ncp_feed_resolve(f, c, t.ptr, NULL, &uri);
        else if (is_atom(c, "email") && *ncp_feed_text(c, &t)) {
            nc_buf_clear(&mail);
            nc_buf_puts(&mail, "mailto:");
            nc_buf_puts(&mail, t.ptr);
        }
    }
    if (name.size || uri.size || mail.size) {
        const char *url = uri.size ? uri.ptr : mail.size ? mail.ptr : NULL;
        const char *nm = name.size ? name.ptr : mail.size ? mail.ptr + 7 : NULL;
        if (a)
            nc_article_add_author(a, nm, role, url, NULL);
        else if (nm) /* the feed's author */
            ncp_feed_add_author(f, nm, url);
    }
    ncp_feed_release(&name);
    ncp_feed_release(&uri);
    ncp_feed_release(&mail);
    ncp_feed_release(&t);
}

void ncp_atom_feed_child(ncp_feed *f, xmlNode *n)
{
    nc_buf t = NC_BUF_INIT, r = NC_BUF_INIT;
    if (is_atom(n, "title") && *plain(n, &t))
        ncp_feed_keep(&f->publisher, t.ptr);
    else if ((is_atom(n, "rights") || is_atom(n, "copyright")) && *plain(n, &t))
        ncp_feed_keep(&f->rights, t.ptr);
    else if (is_atom(n, "author"))
        person(f, NULL, n, NULL);
    else if ((is_atom(n, "logo") || (is_atom(n, "icon") && !f->image)) && *ncp_feed_text(n, &t))
        ncp_feed_keep(&f->image, ncp_feed_resolve(f, n, t.ptr, NULL, &r));
    else if (is_atom(n, "link") && ncp_dom_attr(n, "href") &&
             (!ncp_dom_attr(n, "rel") || !strcmp(ncp_dom_attr(n, "rel"), "alternate")) &&
             !f->publisher_url)
        ncp_feed_keep(&f->publisher_url, ncp_feed_resolve(f, n, ncp_dom_attr(n, "href"), NULL,
                                                          &r));
    ncp_feed_release(&t);
    ncp_feed_release(&r);
}

static void link_el(ncp_feed *f, nc_article *a, xmlNode *c)
{
    nc_buf r = NC_BUF_INIT, ty = NC_BUF_INIT, ti = NC_BUF_INIT;
    const char *href = ncp_dom_attr(c, "href"), *rel = ncp_dom_attr(c, "rel");
    const char *type = ncp_feed_attr(c, "type", &ty), *title = ncp_feed_attr(c, "title", &ti);
    if (!href || !*href) {
        ncp_feed_release(&ty);
        ncp_feed_release(&ti);
        return;
    }
    href = ncp_feed_resolve(f, c, href, NULL, &r);
    if (!rel || !*rel || !strcmp(rel, "alternate") ||
        !strcmp(rel, "http://www.iana.org/assignments/relation/alternate")) {
        if (!a->str[NC_F_URL] && (!type || strstr(type, "html")))
            nc_article_sets(a, NC_F_URL, href);
        else
            nc_article_add_link(a, "alternate", href, title);
    } else if (!strcmp(rel, "enclosure")) {
        int kind = ncp_feed_media_kind(type, NULL);
        if (kind < 0) {
            nc_article_add_link(a, "enclosure", href, title);
        } else {
            nc_media *m = nc_article_add_media(a, (nc_media_kind)kind, href);
            if (m) {
                m->mime = type ? nc_article_strdup(a, type) : NULL;
                m->title = title ? nc_article_strdup(a, title) : NULL;
            }
        }
    } else {
        nc_article_add_link(a, rel, href, title);
    }
    ncp_feed_release(&r);
    ncp_feed_release(&ty);
    ncp_feed_release(&ti);
}

static int content_el(ncp_feed *f, nc_article *a, xmlNode *c, nc_error *err)
{
    const char *type = text_type(c), *src = ncp_dom_attr(c, "src");
    nc_buf t = NC_BUF_INIT, base = NC_BUF_INIT, r = NC_BUF_INIT;
    int rc = 0;
    ncp_feed_html_base(f, c, a, &base);
    if (src && *src) { /* out of line: no fetching, a link */
        nc_buf_clear(&r);
        nc_article_add_link(a, "content", ncp_feed_resolve(f, c, src, NULL, &r), NULL);
    } else if (is_base64(c)) {
        nc_buf d = NC_BUF_INIT;
        if (base64_text(ncp_feed_text(c, &t), &d) == 0)
            rc = !strcmp(type, "html") ? ncp_feed_html_body(f, a, d.ptr, base.ptr, err)
                                       : ncp_feed_text_body(f, a, d.ptr, err);
        else
            nc_warn(f->o, (int)xmlGetLineNo(c), 0, "content of type '%.40s' left out", type);
        ncp_feed_release(&d);
    } else if (!strcmp(type, "html")) {
        if (*ncp_feed_text(c, &t))
            rc = ncp_feed_html_body(f, a, t.ptr, base.ptr, err);
    } else if (!strcmp(type, "xhtml")) {
        rc = ncp_feed_xhtml_body(f, a, xhtml_div(c), base.ptr, err);
    } else if (!strcmp(type, "text") || !strncmp(type, "text/", 5)) {
        if (*ncp_feed_text(c, &t))
            rc = ncp_feed_text_body(f, a, t.ptr, err);
    } else {
        nc_warn(f->o, (int)xmlGetLineNo(c), 0, "content of type '%.40s' left out", type);
    }
    ncp_feed_release(&t);
    ncp_feed_release(&base);
    ncp_feed_release(&r);
    return rc;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                          : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The id; the writer's urn:newsconv:id: + a percent-encoded id (an id that is no IRI) is
 * read back as that id. */
static void writer_id(nc_article *a, const char *id)
{
    static const char pre[] = "urn:newsconv:id:";
    nc_buf d = NC_BUF_INIT;
    const char *p;
    if (strncmp(id, pre, sizeof pre - 1) || !id[sizeof pre - 1]) {
        nc_article_sets(a, NC_F_ID, id);
        return;
    }
    for (p = id + sizeof pre - 1; *p; p++) {
        if (*p == '%' && hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
            nc_buf_putc(&d, (char)(hexval(p[1]) * 16 + hexval(p[2])));
            p += 2;
        } else {
            nc_buf_putc(&d, *p);
        }
    }
    nc_article_sets(a, NC_F_ID, !d.failed && d.size && !memchr(d.ptr, '\0', d.size) &&
                                        ncp_utf8_valid(d.ptr, d.size) ? d.ptr : id);
    ncp_feed_release(&d);
}

static int fill(ncp_feed *f, nc_article *a, xmlNode *entry, nc_error *err)
{
    xmlNode *c, *content = NULL;
    nc_buf t = NC_BUF_INIT, r = NC_BUF_INIT;
    int rc = 0;
    xmlChar *lang = xmlNodeGetLang(entry);
    if (lang && *lang && (!f->language || strcmp((const char *)lang, f->language)))
        nc_article_sets(a, NC_F_LANGUAGE, (const char *)lang);
    xmlFree(lang);
    for (c = entry->children; c; c = c->next) {
        int line = (int)xmlGetLineNo(c);
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is_atom(c, "id") && *ncp_feed_text(c, &t))
            writer_id(a, t.ptr);
        else if (is_atom(c, "title") && *plain(c, &t))
            nc_article_sets(a, NC_F_HEADLINE, t.ptr);
        else if (is_atom(c, "link"))
            link_el(f, a, c);
        else if (is_atom(c, "published") || is_atom(c, "issued"))
            ncp_feed_date(f, a, NC_T_PUBLISHED, ncp_feed_text(c, &t), line);
        else if (is_atom(c, "updated") || is_atom(c, "modified"))
            ncp_feed_date(f, a, NC_T_MODIFIED, ncp_feed_text(c, &t), line);
        else if (is_atom(c, "created"))
            ncp_feed_date(f, a, NC_T_CREATED, ncp_feed_text(c, &t), line);
        else if (is_atom(c, "author"))
            person(f, a, c, NULL);
        else if (is_atom(c, "contributor"))
            person(f, a, c, "contributor");
        else if (is_atom(c, "summary") && *plain(c, &t))
            nc_article_sets(a, NC_F_SUMMARY, t.ptr);
        else if (is_atom(c, "content"))
            content = c;
        else if (is_atom(c, "category")) {
            nc_buf s = NC_BUF_INIT, l = NC_BUF_INIT;
            const char *term = ncp_feed_attr(c, "term", &t), *label = ncp_feed_attr(c, "label", &l);
            if (!term && *ncp_feed_text(c, &t)) /* 0.3 and loose feeds: the text */
                term = t.ptr;
            if (term || label)
                nc_article_add_subject(a, label ? label : term, term,
                                       ncp_feed_attr(c, "scheme", &s));
            ncp_feed_release(&s);
            ncp_feed_release(&l);
        } else if ((is_atom(c, "rights") || is_atom(c, "copyright")) && *plain(c, &t))
            nc_article_sets(a, NC_F_COPYRIGHT_NOTICE, t.ptr);
        else if (is_atom(c, "source")) {
            xmlNode *s;
            const char *href = NULL;
            nc_buf title = NC_BUF_INIT;
            for (s = c->children; s; s = s->next)
                if (is_atom(s, "title"))
                    plain(s, &title);
                else if (is_atom(s, "link") && ncp_dom_attr(s, "href") && !href &&
                         (!ncp_dom_attr(s, "rel") ||
                          !strcmp(ncp_dom_attr(s, "rel"), "alternate")))
                    href = ncp_feed_resolve(f, s, ncp_dom_attr(s, "href"), NULL, &r);
            if (href || title.size)
                nc_article_add_link(a, "source", href, title.size ? title.ptr : NULL);
            ncp_feed_release(&title);
        }
    }
    if (content)
        rc = content_el(f, a, content, err);
    ncp_feed_release(&t);
    ncp_feed_release(&r);
    return rc;
}

int ncp_atom_entry(ncp_feed *f, xmlNode *entry, int line)
{
    return ncp_feed_item(f, entry, line, fill);
}
