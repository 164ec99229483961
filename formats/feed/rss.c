/* newsconv: RSS 0.91/0.92/2.0 and RSS 1.0 (RDF) channels and items, with the Dublin Core,
 * content and Media RSS modules (feed.h).
 *
 * An item: title -> headline, link -> url (else a permalink guid), guid -> id, pubDate or
 * dc:date -> published, content:encoded -> the body (description is then the summary;
 * without it, description is the body), author and dc:creator -> authors, category (with
 * its domain as scheme) -> subjects, enclosure, media:content and media:group -> media
 * (renditions from a group's other contents and from media:thumbnail; media:title,
 * media:description, media:credit -> title, caption, credit), dc:language -> language,
 * dc:rights -> copyright notice, source and comments -> links. */
#include "feed.h"

#include <stdlib.h>
#include <string.h>

static int num_attr(const xmlNode *n, const char *name)
{
    const char *v = ncp_dom_attr(n, name);
    long x = v ? strtol(v, NULL, 10) : 0;
    return x > 0 && x < 1000000 ? (int)x : 0;
}

static const char *adup(nc_article *a, const char *s)
{
    return s && *s ? nc_article_strdup(a, s) : NULL;
}

/* media:title, media:description, media:credit, media:thumbnail of el onto m. */
static void media_details(ncp_feed *f, nc_article *a, nc_media *m, const xmlNode *el,
                          int thumbs)
{
    xmlNode *c;
    nc_buf t = NC_BUF_INIT, u = NC_BUF_INIT, r = NC_BUF_INIT;
    for (c = el->children; c; c = c->next) {
        if (ncp_feed_ns(c) != NCP_NS_MEDIA)
            continue;
        if (ncp_feed_is(c, NCP_NS_MEDIA, "title") && !m->title)
            m->title = adup(a, ncp_feed_text(c, &t));
        else if (ncp_feed_is(c, NCP_NS_MEDIA, "description") && !m->caption) {
            ncp_feed_text(c, &t);
            if (t.size && ncp_feed_looks_html(t.ptr)) {
                ncp_feed_html_text(t.ptr, &u);
                m->caption = adup(a, u.ptr);
            } else {
                m->caption = adup(a, t.ptr);
            }
        } else if (ncp_feed_is(c, NCP_NS_MEDIA, "credit") && !m->credit)
            m->credit = adup(a, ncp_feed_text(c, &t));
        else if (thumbs && ncp_feed_is(c, NCP_NS_MEDIA, "thumbnail") &&
                 ncp_feed_attr(c, "url", &u))
            nc_media_add_rendition(a, m, "thumbnail", ncp_feed_resolve(f, c, u.ptr, NULL, &r),
                                   NULL, num_attr(c, "width"), num_attr(c, "height"));
    }
    ncp_feed_release(&t);
    ncp_feed_release(&u);
    ncp_feed_release(&r);
}

/* One media:content as a media item. */
static nc_media *media_content(ncp_feed *f, nc_article *a, const xmlNode *c)
{
    nc_buf u = NC_BUF_INIT, r = NC_BUF_INIT, ty = NC_BUF_INIT, md = NC_BUF_INIT;
    nc_media *m = NULL;
    const char *url = ncp_feed_attr(c, "url", &u), *type = ncp_feed_attr(c, "type", &ty),
               *medium = ncp_feed_attr(c, "medium", &md);
    int kind = ncp_feed_media_kind(type, medium);
    if (url) {
        m = nc_article_add_media(a, kind < 0 ? NC_MEDIA_PICTURE : (nc_media_kind)kind,
                                 ncp_feed_resolve(f, c, url, NULL, &r));
        if (m) {
            m->mime = adup(a, type);
            m->width = num_attr(c, "width");
            m->height = num_attr(c, "height");
            media_details(f, a, m, c, 1);
        }
    }
    ncp_feed_release(&u);
    ncp_feed_release(&r);
    ncp_feed_release(&ty);
    ncp_feed_release(&md);
    return m;
}

/* media:group: its default (or first) content is the media item, the others renditions. */
static void media_group(ncp_feed *f, nc_article *a, const xmlNode *g)
{
    xmlNode *c, *main = NULL;
    nc_media *m;
    nc_buf u = NC_BUF_INIT, r = NC_BUF_INIT, ty = NC_BUF_INIT;
    for (c = g->children; c; c = c->next)
        if (ncp_feed_is(c, NCP_NS_MEDIA, "content") && ncp_dom_attr(c, "url") &&
            (!main || ((ncp_dom_attr(c, "isDefault") &&
                        !strcmp(ncp_dom_attr(c, "isDefault"), "true")))))
            main = c;
    if (!main || !(m = media_content(f, a, main)))
        return;
    for (c = g->children; c; c = c->next)
        if (c != main && ncp_feed_is(c, NCP_NS_MEDIA, "content") && ncp_feed_attr(c, "url", &u))
            nc_media_add_rendition(a, m, NULL, ncp_feed_resolve(f, c, u.ptr, NULL, &r),
                                   ncp_feed_attr(c, "type", &ty), num_attr(c, "width"),
                                   num_attr(c, "height"));
    media_details(f, a, m, g, 1);
    ncp_feed_release(&u);
    ncp_feed_release(&r);
    ncp_feed_release(&ty);
}

/* An enclosure: media when its type says which, else a link. */
static void enclosure(ncp_feed *f, nc_article *a, const xmlNode *c)
{
    nc_buf u = NC_BUF_INIT, r = NC_BUF_INIT, ty = NC_BUF_INIT;
    const char *url = ncp_feed_attr(c, "url", &u), *type = ncp_feed_attr(c, "type", &ty);
    int kind = ncp_feed_media_kind(type, NULL);
    if (url) {
        url = ncp_feed_resolve(f, c, url, NULL, &r);
        if (kind < 0) {
            nc_article_add_link(a, "enclosure", url, NULL);
        } else {
            nc_media *m = nc_article_add_media(a, (nc_media_kind)kind, url);
            if (m)
                m->mime = adup(a, type);
        }
    }
    ncp_feed_release(&u);
    ncp_feed_release(&r);
    ncp_feed_release(&ty);
}

void ncp_rss_channel_child(ncp_feed *f, xmlNode *n)
{
    nc_buf t = NC_BUF_INIT, r = NC_BUF_INIT;
    int ns = ncp_feed_ns(n);
    const char *name = (const char *)n->name;
    if (ns == NCP_NS_NONE && !strcmp(name, "title"))
        ncp_feed_keep(&f->publisher, *ncp_feed_text(n, &t) ? t.ptr : NULL);
    else if (ns == NCP_NS_NONE && !strcmp(name, "link") && *ncp_feed_text(n, &t))
        ncp_feed_keep(&f->publisher_url, ncp_feed_resolve(f, n, t.ptr, NULL, &r));
    else if ((ns == NCP_NS_NONE || ns == NCP_NS_DC) && !strcmp(name, "language") &&
             *ncp_feed_text(n, &t))
        ncp_feed_keep(&f->language, t.ptr);
    else if (((ns == NCP_NS_NONE && !strcmp(name, "copyright")) ||
              (ns == NCP_NS_DC && !strcmp(name, "rights"))) &&
             *ncp_feed_text(n, &t))
        ncp_feed_keep(&f->rights, t.ptr);
    else if (ns == NCP_NS_NONE && !strcmp(name, "image")) {
        xmlNode *c;
        const char *res = ncp_dom_attr(n, "resource"); /* RSS 1.0: rdf:resource */
        for (c = n->children; c; c = c->next)
            if (ncp_feed_is(c, NCP_NS_NONE, "url") && *ncp_feed_text(c, &t))
                ncp_feed_keep(&f->image, ncp_feed_resolve(f, c, t.ptr, NULL, &r));
        if (!f->image && res && *res)
            ncp_feed_keep(&f->image, ncp_feed_resolve(f, n, res, NULL, &r));
    }
    ncp_feed_release(&t);
    ncp_feed_release(&r);
}

/* A Dublin Core element of an item: dates, authors, language, rights, subjects, title,
 * publisher; its description is the item's if it has none. */
static void dc_field(ncp_feed *f, nc_article *a, xmlNode *c, const char *name, nc_buf *t,
                     xmlNode **desc)
{
    if (!strcmp(name, "date") && !a->time[NC_T_PUBLISHED].prec)
        ncp_feed_date(f, a, NC_T_PUBLISHED, ncp_feed_text(c, t), (int)xmlGetLineNo(c));
    else if ((!strcmp(name, "creator") || !strcmp(name, "author")) &&
             *ncp_feed_text(c, t))
        ncp_feed_author(a, f->kind == NCP_FEED_WXR ? ncp_wxr_author(f, t->ptr) : t->ptr,
                        NULL);
    else if (!strcmp(name, "contributor") && *ncp_feed_text(c, t))
        ncp_feed_author(a, t->ptr, "contributor");
    else if (!strcmp(name, "language") && *ncp_feed_text(c, t))
        nc_article_sets(a, NC_F_LANGUAGE, t->ptr);
    else if (!strcmp(name, "rights") && *ncp_feed_text(c, t))
        nc_article_sets(a, NC_F_COPYRIGHT_NOTICE, t->ptr);
    else if (!strcmp(name, "subject") && *ncp_feed_text(c, t))
        nc_article_add_subject(a, t->ptr, NULL, NULL);
    else if (!strcmp(name, "title") && !a->str[NC_F_HEADLINE] && *ncp_feed_text(c, t))
        nc_article_sets(a, NC_F_HEADLINE, t->ptr);
    else if (!strcmp(name, "publisher") && *ncp_feed_text(c, t))
        nc_article_sets(a, NC_F_PUBLISHER, t->ptr);
    else if (!strcmp(name, "description") && !*desc)
        *desc = c;
}

/* A DCMI terms element of an item: the modified, created and issued dates. */
static void dcterms_field(ncp_feed *f, nc_article *a, xmlNode *c, const char *name, nc_buf *t)
{
    if (!strcmp(name, "modified"))
        ncp_feed_date(f, a, NC_T_MODIFIED, ncp_feed_text(c, t), (int)xmlGetLineNo(c));
    else if (!strcmp(name, "created"))
        ncp_feed_date(f, a, NC_T_CREATED, ncp_feed_text(c, t), (int)xmlGetLineNo(c));
    else if (!strcmp(name, "issued") && !a->time[NC_T_PUBLISHED].prec)
        ncp_feed_date(f, a, NC_T_PUBLISHED, ncp_feed_text(c, t), (int)xmlGetLineNo(c));
}

/* A Media RSS element of an item: title, content, group, thumbnail. */
static void media_field(ncp_feed *f, nc_article *a, xmlNode *c, const char *name, nc_buf *t,
                        nc_buf *v, nc_buf *r)
{
    if (!strcmp(name, "title") && !a->str[NC_F_HEADLINE] && *ncp_feed_text(c, t))
        nc_article_sets(a, NC_F_HEADLINE, t->ptr);
    else if (!strcmp(name, "content"))
        media_content(f, a, c);
    else if (!strcmp(name, "group"))
        media_group(f, a, c);
    else if (!strcmp(name, "thumbnail") && ncp_feed_attr(c, "url", v)) {
        nc_media *m = nc_article_add_media(a, NC_MEDIA_PICTURE,
                                           ncp_feed_resolve(f, c, v->ptr, NULL, r));
        if (m) {
            m->width = num_attr(c, "width");
            m->height = num_attr(c, "height");
        }
    }
}

int ncp_rss_fill(ncp_feed *f, nc_article *a, xmlNode *item, nc_error *err)
{
    xmlNode *c, *desc = NULL, *content = NULL, *guid = NULL, *xhtml = NULL;
    nc_buf t = NC_BUF_INIT, r = NC_BUF_INIT, v = NC_BUF_INIT, base = NC_BUF_INIT;
    int rc = 0;
    for (c = item->children; c; c = c->next) {
        int ns;
        const char *name;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        ns = ncp_feed_ns(c);
        name = (const char *)c->name;
        if (ns == NCP_NS_NONE) {
            if (!strcmp(name, "title") && *ncp_feed_text(c, &t)) {
                if (ncp_feed_looks_html(t.ptr)) {
                    ncp_feed_html_text(t.ptr, &v);
                    nc_article_sets(a, NC_F_HEADLINE, v.ptr);
                } else {
                    nc_article_sets(a, NC_F_HEADLINE, t.ptr);
                }
            } else if (!strcmp(name, "link") && *ncp_feed_text(c, &t) && !a->str[NC_F_URL]) {
                nc_article_sets(a, NC_F_URL, ncp_feed_resolve(f, c, t.ptr, NULL, &r));
            } else if (!strcmp(name, "guid") && *ncp_feed_text(c, &t)) {
                const char *pl = ncp_dom_attr(c, "isPermaLink");
                nc_article_sets(a, NC_F_ID, t.ptr);
                if (!pl || !strcmp(pl, "true"))
                    guid = c;
            } else if (!strcmp(name, "pubDate")) {
                ncp_feed_date(f, a, NC_T_PUBLISHED, ncp_feed_text(c, &t), (int)xmlGetLineNo(c));
            } else if (!strcmp(name, "description")) {
                desc = c;
            } else if (!strcmp(name, "author") && *ncp_feed_text(c, &t)) {
                ncp_feed_author(a, t.ptr, NULL);
            } else if (!strcmp(name, "category") && *ncp_feed_text(c, &t)) {
                const char *domain = ncp_feed_attr(c, "domain", &v);
                if (f->kind == NCP_FEED_WXR && domain && !strcmp(domain, "post_tag")) {
                    nc_article_add_keyword(a, t.ptr); /* WordPress: tags are keywords */
                } else if (f->kind == NCP_FEED_WXR && domain && !strcmp(domain, "category")) {
                    nc_buf nice = NC_BUF_INIT;
                    nc_article_add_subject(a, t.ptr, ncp_feed_attr(c, "nicename", &nice),
                                           "category");
                    ncp_feed_release(&nice);
                } else {
                    nc_article_add_subject(a, t.ptr, NULL, domain);
                }
            } else if (!strcmp(name, "enclosure")) {
                enclosure(f, a, c);
            } else if (!strcmp(name, "source")) {
                const char *url = ncp_feed_attr(c, "url", &v);
                ncp_feed_text(c, &t);
                if (url || t.size)
                    nc_article_add_link(a, "source",
                                        url ? ncp_feed_resolve(f, c, url, NULL, &r) : NULL,
                                        t.size ? t.ptr : NULL);
            } else if (!strcmp(name, "comments") && *ncp_feed_text(c, &t)) {
                nc_article_add_link(a, "comments", ncp_feed_resolve(f, c, t.ptr, NULL, &r),
                                    NULL);
            } else if (!strcmp(name, "language") && *ncp_feed_text(c, &t)) {
                nc_article_sets(a, NC_F_LANGUAGE, t.ptr);
            }
        } else if (ns == NCP_NS_CONTENT && !strcmp(name, "encoded")) {
            content = c;
        } else if (ns == NCP_NS_XHTML && !strcmp(name, "body") && !content) {
            xhtml = c; /* an inline XHTML body */
        } else if (ns == NCP_NS_DC) {
            dc_field(f, a, c, name, &t, &desc);
        } else if (ns == NCP_NS_DCTERMS) {
            dcterms_field(f, a, c, name, &t);
        } else if (ns == NCP_NS_MEDIA) {
            media_field(f, a, c, name, &t, &v, &r);
        }
    }
    /* item-level media:title, description, credit describe every media item */
    if (a->n_media) {
        size_t i;
        for (i = 0; i < a->n_media; i++)
            media_details(f, a, &a->media[i], item, 0);
    }
    if (!a->str[NC_F_URL] && guid && strstr(ncp_feed_text(guid, &t), "://"))
        nc_article_sets(a, NC_F_URL, ncp_feed_resolve(f, guid, t.ptr, NULL, &r));
    /* relative links of the HTML: xml:base, else the item's link, else --base-url */
    ncp_feed_html_base(f, item, a, &base);
    if (!a->str[NC_F_ID] && ncp_dom_attr(item, "about") && *ncp_dom_attr(item, "about"))
        nc_article_sets(a, NC_F_ID, ncp_dom_attr(item, "about")); /* RSS 1.0: rdf:about */
    if (xhtml && !content) {
        rc = ncp_feed_xhtml_body(f, a, xhtml, base.ptr, err);
    } else if (content && *ncp_feed_text(content, &t)) {
        rc = ncp_feed_html_body(f, a, t.ptr, base.ptr, err);
    } else { /* without a body of its own, description is the body */
        if (desc && *ncp_feed_text(desc, &t))
            rc = ncp_feed_html_body(f, a, t.ptr, base.ptr, err);
        desc = NULL;
    }
    /* else it is the summary */
    if (rc == 0 && desc && *ncp_feed_text(desc, &t))
        ncp_feed_summary_html(a, t.ptr);
    ncp_feed_release(&t);
    ncp_feed_release(&r);
    ncp_feed_release(&v);
    ncp_feed_release(&base);
    return rc;
}

int ncp_rss_item(ncp_feed *f, xmlNode *item, int line)
{
    return ncp_feed_item(f, item, line, ncp_rss_fill);
}
