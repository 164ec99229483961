/* newsconv feed writers: RSS 2.0 (docs/feeds-write.md).
 *
 * One <item> per article, newest first: title, link (made absolute against --feed-url),
 * description (the summary, else the start of the text, as escaped HTML),
 * content:encoded (the html writer's fragment), dc:creator for each author, category
 * for each subject and keyword, guid (the model id, else the stable id; isPermaLink only
 * when it is the link), pubDate (RFC 822), and Media RSS media:content (with
 * media:title, media:description, media:credit and media:thumbnail) for each medium. */
#include "feedwrite.h"

#include <string.h>

#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_MEDIA "http://search.yahoo.com/mrss/"
#define NS_DCTERMS "http://purl.org/dc/terms/"

/* Text that RSS readers take as HTML (description): escaped twice. */
static void html_text_el(nc_buf *out, const char *name, const char *text)
{
    nc_buf h = NC_BUF_INIT;
    ncp_feed_esc(&h, text, 0);
    ncp_feed_el(out, 6, name, h.ptr);
    if (h.failed)
        out->failed = 1;
    nc_buf_release(&h);
}

static const char *medium(nc_media_kind k)
{
    switch (k) {
    case NC_MEDIA_VIDEO: return "video";
    case NC_MEDIA_AUDIO: return "audio";
    default: return "image";
    }
}

static void size_attrs(nc_buf *out, int w, int h)
{
    if (w > 0)
        nc_buf_printf(out, " width=\"%d\"", w);
    if (h > 0)
        nc_buf_printf(out, " height=\"%d\"", h);
}

/* media:title, media:description, media:credit and the thumbnails of m, into in. */
static void media_details(const nc_media *m, const nc_opts *o, nc_buf *in, nc_buf *u)
{
    size_t k;
    if (m->title) {
        nc_buf_puts(in, "        <media:title type=\"plain\">");
        ncp_feed_esc(in, m->title, 0);
        nc_buf_puts(in, "</media:title>\n");
    }
    if (m->caption || m->alt) {
        nc_buf_puts(in, "        <media:description type=\"plain\">");
        ncp_feed_esc(in, m->caption ? m->caption : m->alt, 0);
        nc_buf_puts(in, "</media:description>\n");
    }
    ncp_feed_el(in, 8, "media:credit", m->credit);
    for (k = 0; k < m->n_renditions; k++) {
        const nc_rendition *r = &m->renditions[k];
        if (!r->name || ncp_strcasecmp(r->name, "thumbnail") || !r->href ||
            !ncp_feed_abs_url(o, r->href, u))
            continue;
        nc_buf_puts(in, "        <media:thumbnail");
        ncp_feedw_attr(in, "url", u->ptr);
        size_attrs(in, r->width, r->height);
        nc_buf_puts(in, "/>\n");
    }
}

/* 1 when m has renditions other than thumbnails: a media:group holds them. */
static int has_group(const nc_media *m)
{
    size_t k;
    for (k = 0; k < m->n_renditions; k++)
        if ((!m->renditions[k].name || ncp_strcasecmp(m->renditions[k].name, "thumbnail")) &&
            m->renditions[k].href)
            return 1;
    return 0;
}

static void media(const nc_article *a, const nc_opts *o, nc_buf *out)
{
    nc_buf u = NC_BUF_INIT, in = NC_BUF_INIT;
    size_t i, k;
    for (i = 0; i < a->n_media; i++) {
        const nc_media *m = &a->media[i];
        int group = has_group(m);
        if (!m->href || !ncp_feed_abs_url(o, m->href, &u)) {
            nc_warn(o, 0, 0, "rss: a %s without an absolute address is left out",
                    nc_media_kind_name(m->kind));
            continue;
        }
        if (group)
            nc_buf_puts(out, "      <media:group>\n  ");
        nc_buf_puts(out, "      <media:content");
        ncp_feedw_attr(out, "url", u.ptr);
        ncp_feedw_attr(out, "medium", medium(m->kind));
        ncp_feedw_attr(out, "type", m->mime);
        size_attrs(out, m->width, m->height);
        nc_buf_clear(&in);
        media_details(m, o, &in, &u);
        if (group) { /* the main content first, the other renditions, then the details */
            nc_buf_puts(out, " isDefault=\"true\"/>\n");
            for (k = 0; k < m->n_renditions; k++) {
                const nc_rendition *r = &m->renditions[k];
                if ((r->name && !ncp_strcasecmp(r->name, "thumbnail")) || !r->href ||
                    !ncp_feed_abs_url(o, r->href, &u))
                    continue;
                nc_buf_puts(out, "        <media:content");
                ncp_feedw_attr(out, "url", u.ptr);
                ncp_feedw_attr(out, "medium", medium(m->kind));
                ncp_feedw_attr(out, "type", r->mime);
                size_attrs(out, r->width, r->height);
                nc_buf_puts(out, "/>\n");
            }
            nc_buf_put(out, in.ptr, in.size);
            nc_buf_puts(out, "      </media:group>\n");
        } else if (in.size) {
            nc_buf_puts(out, ">\n");
            nc_buf_put(out, in.ptr, in.size);
            nc_buf_puts(out, "      </media:content>\n");
        } else {
            nc_buf_puts(out, "/>\n");
        }
    }
    if (u.failed || in.failed)
        out->failed = 1;
    nc_buf_release(&u);
    nc_buf_release(&in);
}

/* An author: <author> "mail (Name)" for an e-mail address, dc:contributor for a
 * contributor, else dc:creator. */
static void author(nc_buf *out, const nc_author *au)
{
    if (au->url && !strncmp(au->url, "mailto:", 7) && au->url[7] &&
        !strpbrk(au->url + 7, " ()")) {
        nc_buf tmp = NC_BUF_INIT;
        nc_buf_puts(&tmp, au->url + 7);
        if (au->name && strcmp(au->name, au->url + 7))
            nc_buf_printf(&tmp, " (%s)", au->name);
        ncp_feed_el(out, 6, "author", tmp.ptr);
        if (tmp.failed)
            out->failed = 1;
        nc_buf_release(&tmp);
    } else if (au->name) {
        ncp_feed_el(out, 6, au->role && !strcmp(au->role, "contributor") ? "dc:contributor"
                                                                          : "dc:creator",
                    au->name);
    }
}

/* The links an item holds: source, comments and (other files) enclosure. */
static void links(const nc_article *a, const nc_opts *o, nc_buf *out, nc_buf *u)
{
    size_t i;
    for (i = 0; i < a->n_links; i++) {
        const nc_link *l = &a->links[i];
        if (!l->rel || !l->href || !ncp_feed_abs_url(o, l->href, u))
            continue;
        if (!strcmp(l->rel, "source")) {
            nc_buf_puts(out, "      <source");
            ncp_feedw_attr(out, "url", u->ptr);
            nc_buf_putc(out, '>');
            ncp_feed_esc(out, l->title ? l->title : "", 0);
            nc_buf_puts(out, "</source>\n");
        } else if (!strcmp(l->rel, "comments")) {
            ncp_feed_el(out, 6, "comments", u->ptr);
        } else if (!strcmp(l->rel, "enclosure")) {
            nc_buf_puts(out, "      <enclosure");
            ncp_feedw_attr(out, "url", u->ptr);
            nc_buf_puts(out, " length=\"0\" type=\"application/octet-stream\"/>\n");
        }
    }
}

static const char *const rss_rels[] = {"source", "comments", "enclosure", NULL};

static const ncp_feed_holds rss_holds = {
    "rss", NCP_HOLDS_COMMON | NCP_HOLDS_FIELD(NC_F_COPYRIGHT_NOTICE),
    NCP_HOLDS_DATES | NCP_HOLDS_TIME(NC_T_CREATED),
    NCP_HOLDS_CAPTION | NCP_HOLDS_CREDIT | NCP_HOLDS_RENDITIONS | NCP_HOLDS_MEDIA_TITLE |
        NCP_HOLDS_SCHEMES,
    rss_rels};

/* A dcterms date (W3C-DTF, RFC 3339). */
static void dcterms(nc_buf *out, const char *name, const nc_time *t)
{
    char d[NC_TIME_ISO_LEN];
    ncp_feed_rfc3339(t, d);
    if (*d)
        ncp_feed_el(out, 6, name, d);
}

static int rss_entry(const nc_article *a, nc_buf *out, const nc_opts *o, nc_error *err)
{
    char sid[NCP_FEED_ID_LEN], date[40], upd[40];
    const char *id;
    nc_buf link = NC_BUF_INIT, tmp = NC_BUF_INIT;
    int has_link = 0;
    size_t i;
    (void)err;
    ncp_feed_not_carried(a, o, &rss_holds);
    ncp_feed_rfc822(ncp_feed_updated(a), upd);
    id = ncp_feed_id(a, sid);
    ncp_feed_entry_head(out, a, o, upd, id);
    if (a->str[NC_F_URL]) {
        has_link = ncp_feed_abs_url(o, a->str[NC_F_URL], &link);
        if (!has_link)
            nc_warn(o, 0, 0, "rss: the url '%.80s' is not absolute: no <link> (give "
                    "--feed-url to resolve it)", a->str[NC_F_URL]);
    }
    nc_buf_puts(out, "    <item>\n");
    ncp_feed_el(out, 6, "title", a->str[NC_F_HEADLINE]);
    if (has_link)
        ncp_feed_el(out, 6, "link", link.ptr);
    ncp_feed_html(a, &tmp);
    if (a->str[NC_F_SUMMARY])
        html_text_el(out, "description", a->str[NC_F_SUMMARY]);
    else if (!a->str[NC_F_HEADLINE]) /* an item has a title or a description: the body
                                      * (a reader takes a description alone as the body) */
        ncp_feed_el(out, 6, "description", tmp.ptr);
    if (tmp.size && (a->str[NC_F_SUMMARY] || a->str[NC_F_HEADLINE]))
        ncp_feed_el(out, 6, "content:encoded", tmp.ptr);
    for (i = 0; i < a->n_authors; i++)
        author(out, &a->authors[i]);
    if (!a->n_authors)
        ncp_feed_el(out, 6, "dc:creator", a->str[NC_F_BYLINE]);
    for (i = 0; i < a->n_subjects; i++) {
        const nc_subject *s = &a->subjects[i];
        const char *name = s->name ? s->name : s->code;
        if (!name)
            continue;
        nc_buf_puts(out, "      <category");
        ncp_feedw_attr(out, "domain", s->scheme);
        nc_buf_putc(out, '>');
        ncp_feed_esc(out, name, 0);
        nc_buf_puts(out, "</category>\n");
    }
    for (i = 0; i < a->n_keywords; i++)
        ncp_feed_el(out, 6, "category", a->keywords[i]);
    nc_buf_printf(out, "      <guid isPermaLink=\"%s\">",
                  has_link && !strcmp(id, link.ptr) ? "true" : "false");
    ncp_feed_esc(out, id, 0);
    nc_buf_puts(out, "</guid>\n");
    ncp_feed_rfc822(&a->time[NC_T_PUBLISHED], date); /* the modification: dcterms */
    if (*date)
        ncp_feed_el(out, 6, "pubDate", date);
    dcterms(out, "dcterms:modified", &a->time[NC_T_MODIFIED]);
    dcterms(out, "dcterms:created", &a->time[NC_T_CREATED]);
    ncp_feed_el(out, 6, "dc:language", a->str[NC_F_LANGUAGE]);
    ncp_feed_el(out, 6, "dc:publisher", a->str[NC_F_PUBLISHER]);
    ncp_feed_el(out, 6, "dc:rights", a->str[NC_F_COPYRIGHT_NOTICE]);
    links(a, o, out, &tmp);
    media(a, o, out);
    nc_buf_puts(out, "    </item>\n");
    if (link.failed || tmp.failed)
        out->failed = 1;
    nc_buf_release(&link);
    nc_buf_release(&tmp);
    return 0;
}

int ncp_rss_write(const nc_article *a, nc_buf *out, const nc_opts *o, nc_error *err)
{
    return ncp_feed_publish(rss_entry, "rss", a, out, o, err);
}

static void rss_head(nc_buf *out, const ncp_feed_chan *c)
{
    nc_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<rss version=\"2.0\" xmlns:content=\"" NS_CONTENT "\" xmlns:dc=\"" NS_DC
                     "\" xmlns:dcterms=\"" NS_DCTERMS "\" xmlns:media=\"" NS_MEDIA "\">\n"
                     "  <channel>\n");
    ncp_feed_el(out, 4, "title", c->title);
    ncp_feed_el(out, 4, "link", c->url);
    ncp_feed_el(out, 4, "description", c->description);
    ncp_feed_el(out, 4, "language", c->language);
    ncp_feed_el(out, 4, "copyright", c->copyright);
    ncp_feed_el(out, 4, "generator", "newsconv");
    ncp_feed_el(out, 4, "lastBuildDate", c->updated);
    if (c->image && c->url) { /* RSS 2.0: an image has a url, a title and a link */
        nc_buf_puts(out, "    <image>\n");
        ncp_feed_el(out, 6, "url", c->image);
        ncp_feed_el(out, 6, "title", c->title);
        ncp_feed_el(out, 6, "link", c->url);
        nc_buf_puts(out, "    </image>\n");
    }
}

static const ncp_feed_kind rss_kind = {
    rss_head, "", "  </channel>\n</rss>\n", NULL, "id", NULL,
    "rss", 1};

void *ncp_rss_join_begin(const nc_opts *o, nc_error *err)
{
    return ncp_feed_join_begin(&rss_kind, o, err);
}
