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

static void media(const nc_article *a, const nc_opts *o, nc_buf *out)
{
    nc_buf u = NC_BUF_INIT, in = NC_BUF_INIT;
    size_t i, k;
    for (i = 0; i < a->n_media; i++) {
        const nc_media *m = &a->media[i];
        if (!m->href || !ncp_feed_abs_url(o, m->href, &u)) {
            nc_warn(o, 0, 0, "rss: a %s without an absolute address is left out",
                    nc_media_kind_name(m->kind));
            continue;
        }
        nc_buf_puts(out, "      <media:content");
        ncp_feedw_attr(out, "url", u.ptr);
        ncp_feedw_attr(out, "medium", medium(m->kind));
        ncp_feedw_attr(out, "type", m->mime);
        size_attrs(out, m->width, m->height);
        nc_buf_clear(&in);
        if (m->title) {
            nc_buf_puts(&in, "        <media:title type=\"plain\">");
            ncp_feed_esc(&in, m->title, 0);
            nc_buf_puts(&in, "</media:title>\n");
        }
        if (m->caption || m->alt) {
            nc_buf_puts(&in, "        <media:description type=\"plain\">");
            ncp_feed_esc(&in, m->caption ? m->caption : m->alt, 0);
            nc_buf_puts(&in, "</media:description>\n");
        }
        ncp_feed_el(&in, 8, "media:credit", m->credit);
        for (k = 0; k < m->n_renditions; k++) {
            const nc_rendition *r = &m->renditions[k];
            if (!r->name || ncp_strcasecmp(r->name, "thumbnail") || !r->href ||
                !ncp_feed_abs_url(o, r->href, &u))
                continue;
            nc_buf_puts(&in, "        <media:thumbnail");
            ncp_feedw_attr(&in, "url", u.ptr);
            size_attrs(&in, r->width, r->height);
            nc_buf_puts(&in, "/>\n");
        }
        if (in.size) {
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

int ncp_rss_write(const nc_article *a, nc_buf *out, const nc_opts *o, nc_error *err)
{
    char sid[NCP_FEED_ID_LEN], date[40], upd[40];
    const char *id;
    nc_buf link = NC_BUF_INIT, tmp = NC_BUF_INIT;
    int has_link = 0, rc = 0;
    size_t i;
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
    if (a->str[NC_F_SUMMARY])
        html_text_el(out, "description", a->str[NC_F_SUMMARY]);
    else {
        ncp_feed_excerpt(a, 300, &tmp);
        if (tmp.size || !a->str[NC_F_HEADLINE]) /* an item has a title or a description */
            html_text_el(out, "description", tmp.ptr);
    }
    nc_buf_clear(&tmp);
    rc = ncp_feed_html(a, o, &tmp, err);
    if (rc == 0)
        ncp_feed_el(out, 6, "content:encoded", tmp.ptr);
    for (i = 0; i < a->n_authors; i++)
        ncp_feed_el(out, 6, "dc:creator", a->authors[i].name);
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
    ncp_feed_rfc822(ncp_feed_time(a), date);
    if (*date)
        ncp_feed_el(out, 6, "pubDate", date);
    media(a, o, out);
    nc_buf_puts(out, "    </item>\n");
    if (link.failed || tmp.failed)
        out->failed = 1;
    nc_buf_release(&link);
    nc_buf_release(&tmp);
    return rc;
}

static void rss_head(nc_buf *out, const ncp_feed_chan *c)
{
    nc_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<rss version=\"2.0\" xmlns:content=\"" NS_CONTENT "\" xmlns:dc=\"" NS_DC
                     "\" xmlns:media=\"" NS_MEDIA "\">\n"
                     "  <channel>\n");
    ncp_feed_el(out, 4, "title", c->title);
    ncp_feed_el(out, 4, "link", c->url);
    ncp_feed_el(out, 4, "description", c->description);
    ncp_feed_el(out, 4, "language", c->language);
    ncp_feed_el(out, 4, "generator", "newsconv");
    ncp_feed_el(out, 4, "lastBuildDate", c->updated);
}

static const ncp_feed_kind rss_kind = {rss_head, "", "  </channel>\n</rss>\n", NULL, "id"};

void *ncp_rss_join_begin(const nc_opts *o, nc_error *err)
{
    return ncp_feed_join_begin(&rss_kind, o, err);
}
