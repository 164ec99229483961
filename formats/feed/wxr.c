/* newsconv: WordPress export files (WXR: RSS 2.0 with the wp:, content:, excerpt: and dc:
 * namespaces) (feed.h).
 *
 * Posts and pages are articles: what RSS gives (rss.c), with wp:status -> pubstatus
 * (publish: usable; trash: canceled; draft, pending, private, future: withheld; the
 * status itself in extra wp_status), wp:post_name -> slugline, wp:post_date_gmt ->
 * published, wp:post_modified_gmt -> modified, excerpt:encoded -> summary, categories
 * -> subjects (scheme "category", the nicename as code), tags -> keywords, dc:creator
 * -> the display name of that login in the channel's wp:author. Attachments are media of
 * their parent post: a first pass collects them when the input can be read again (a
 * file), since WordPress writes them after their post. Comments are ignored; -v counts
 * them. Other post types (menu items, revisions) are skipped, counted at -v. */
#include "feed.h"

#include <stdlib.h>
#include <string.h>

const char *ncp_wxr_author(const ncp_feed *f, const char *login)
{
    size_t i;
    for (i = 0; i < f->n_wp; i++)
        if (!strcmp(f->wp_logins[i], login))
            return f->wp_names[i];
    return login;
}

static int push_str(char ***v, size_t n, const char *s)
{
    char **nv = realloc(*v, (n + 1) * sizeof *nv);
    if (!nv || !(nv[n] = strdup(s))) {
        if (nv)
            *v = nv;
        ncp_alloc_failure_note();
        return -1;
    }
    *v = nv;
    return 0;
}

void ncp_wxr_channel_child(ncp_feed *f, xmlNode *n)
{
    if (ncp_feed_is(n, NCP_NS_WP, "author")) {
        xmlNode *c;
        nc_buf login = NC_BUF_INIT, name = NC_BUF_INIT;
        for (c = n->children; c; c = c->next)
            if (ncp_feed_is(c, NCP_NS_WP, "author_login"))
                ncp_feed_text(c, &login);
            else if (ncp_feed_is(c, NCP_NS_WP, "author_display_name"))
                ncp_feed_text(c, &name);
        if (login.size && name.size && ncp_wxr_author(f, login.ptr) == login.ptr) {
            if (push_str(&f->wp_logins, f->n_wp, login.ptr) == 0) {
                if (push_str(&f->wp_names, f->n_wp, name.ptr) == 0)
                    f->n_wp++;
                else
                    free(f->wp_logins[f->n_wp]);
            }
        }
        ncp_feed_release(&login);
        ncp_feed_release(&name);
        return;
    }
    ncp_rss_channel_child(f, n);
}

/* The wp: child with this name, as text into out ("" when none). */
static const char *wp_text(const xmlNode *item, int ns, const char *name, nc_buf *out)
{
    xmlNode *c;
    for (c = item->children; c; c = c->next)
        if (ncp_feed_is(c, ns, name))
            return ncp_feed_text(c, out);
    nc_buf_clear(out);
    return "";
}

static void keep_attachment(ncp_feed *f, const xmlNode *item)
{
    nc_buf parent = NC_BUF_INIT, url = NC_BUF_INIT, t = NC_BUF_INIT, r = NC_BUF_INIT;
    ncp_wxr_att *na, *at;
    wp_text(item, NCP_NS_WP, "post_parent", &parent);
    wp_text(item, NCP_NS_WP, "attachment_url", &url);
    if (parent.size && strcmp(parent.ptr, "0") && url.size &&
        (na = realloc(f->atts, (f->n_atts + 1) * sizeof *na)) != NULL) {
        f->atts = na;
        at = &na[f->n_atts++];
        memset(at, 0, sizeof *at);
        ncp_feed_keep(&at->parent, parent.ptr);
        ncp_feed_keep(&at->url, ncp_feed_resolve(f, item, url.ptr, NULL, &r));
        if (*wp_text(item, NCP_NS_NONE, "title", &t))
            ncp_feed_keep(&at->title, t.ptr);
        if (*wp_text(item, NCP_NS_EXCERPT, "encoded", &t))
            ncp_feed_keep(&at->caption, t.ptr);
        if (*wp_text(item, NCP_NS_WP, "post_mime_type", &t))
            ncp_feed_keep(&at->mime, t.ptr);
    } else if (parent.size && strcmp(parent.ptr, "0") && url.size) {
        ncp_alloc_failure_note();
    } else {
        f->n_other++;
    }
    ncp_feed_release(&parent);
    ncp_feed_release(&url);
    ncp_feed_release(&t);
    ncp_feed_release(&r);
}

/* The kind of an attachment by its MIME type, else its file name's extension. */
static nc_media_kind att_kind(const ncp_wxr_att *at)
{
    static const struct {
        const char *ext;
        nc_media_kind kind;
    } exts[] = {{".mp4", NC_MEDIA_VIDEO}, {".webm", NC_MEDIA_VIDEO}, {".mov", NC_MEDIA_VIDEO},
                {".m4v", NC_MEDIA_VIDEO}, {".mp3", NC_MEDIA_AUDIO}, {".m4a", NC_MEDIA_AUDIO},
                {".ogg", NC_MEDIA_AUDIO}, {".wav", NC_MEDIA_AUDIO}, {".svg", NC_MEDIA_GRAPHIC}};
    int k = ncp_feed_media_kind(at->mime, NULL);
    size_t i, n = strlen(at->url);
    if (k >= 0)
        return (nc_media_kind)k;
    for (i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        size_t e = strlen(exts[i].ext);
        if (n > e && !ncp_strncasecmp(at->url + n - e, exts[i].ext, e))
            return exts[i].kind;
    }
    return NC_MEDIA_PICTURE;
}

static void wp_date(ncp_feed *f, nc_article *a, nc_tfield tf, const char *s, int line)
{
    nc_time t;
    if (!*s || !strncmp(s, "0000", 4))
        return;
    if (nc_time_parse_iso(s, strlen(s), &t) == 0) {
        if (!t.has_zone && t.prec >= NC_TIME_MINUTE) { /* the _gmt dates are UTC */
            t.has_zone = 1;
            t.zone_z = 1;
        }
        nc_article_set_time(a, tf, &t);
    } else {
        ncp_feed_date(f, a, tf, s, line);
    }
}

static int fill(ncp_feed *f, nc_article *a, xmlNode *item, nc_error *err)
{
    nc_buf t = NC_BUF_INIT, idb = NC_BUF_INIT;
    const char *id = wp_text(item, NCP_NS_WP, "post_id", &idb);
    xmlNode *c;
    size_t i;
    int line = (int)xmlGetLineNo(item);
    if (ncp_rss_fill(f, a, item, err) < 0) {
        ncp_feed_release(&t);
        ncp_feed_release(&idb);
        return -1;
    }
    if (*wp_text(item, NCP_NS_WP, "status", &t)) {
        nc_article_sets(a, NC_F_PUBSTATUS, !strcmp(t.ptr, "publish") ? "usable"
                                           : !strcmp(t.ptr, "trash") ? "canceled"
                                                                     : "withheld");
        nc_article_add_extra(a, "wp_status", t.ptr, 0);
    }
    if (*wp_text(item, NCP_NS_WP, "post_name", &t))
        nc_article_sets(a, NC_F_SLUGLINE, t.ptr);
    if (*wp_text(item, NCP_NS_WP, "post_date_gmt", &t) && strncmp(t.ptr, "0000", 4))
        wp_date(f, a, NC_T_PUBLISHED, t.ptr, line);
    if (*wp_text(item, NCP_NS_WP, "post_modified_gmt", &t))
        wp_date(f, a, NC_T_MODIFIED, t.ptr, line);
    if (*wp_text(item, NCP_NS_EXCERPT, "encoded", &t)) {
        nc_buf v = NC_BUF_INIT;
        ncp_feed_html_text(t.ptr, &v);
        if (v.size)
            nc_article_sets(a, NC_F_SUMMARY, v.ptr);
        ncp_feed_release(&v);
    }
    if (*id)
        nc_article_add_extra(a, "wp_post_id", id, 0);
    for (c = item->children; c; c = c->next)
        if (ncp_feed_is(c, NCP_NS_WP, "comment"))
            f->n_comments++;
    for (i = 0; *id && i < f->n_atts; i++)
        if (f->atts[i].parent && f->atts[i].url && !strcmp(f->atts[i].parent, id)) {
            const ncp_wxr_att *at = &f->atts[i];
            nc_media *m = nc_article_add_media(a, att_kind(at), at->url);
            if (m) {
                m->title = at->title ? nc_article_strdup(a, at->title) : NULL;
                m->caption = at->caption ? nc_article_strdup(a, at->caption) : NULL;
                m->mime = at->mime ? nc_article_strdup(a, at->mime) : NULL;
            }
        }
    ncp_feed_release(&t);
    ncp_feed_release(&idb);
    return 0;
}

int ncp_wxr_item(ncp_feed *f, xmlNode *item, int line)
{
    nc_buf type = NC_BUF_INIT;
    wp_text(item, NCP_NS_WP, "post_type", &type);
    if (!strcmp(type.ptr ? type.ptr : "", "attachment")) {
        if (f->collecting != 2) /* the second pass has them already */
            keep_attachment(f, item);
        ncp_feed_release(&type);
        return 0;
    }
    if (f->collecting == 1 || (type.size && strcmp(type.ptr, "post") && strcmp(type.ptr, "page"))) {
        if (f->collecting != 1)
            f->n_other++;
        ncp_feed_release(&type);
        return 0;
    }
    ncp_feed_release(&type);
    return ncp_feed_item(f, item, line, fill);
}

int ncp_wxr_read(ncp_feed *f, const nc_stream_in *in, nc_error *err)
{
    int rc;
    /* two passes when the input can be read again (tried before reading anything) */
    if (!f->single && in->rewind && in->rewind(in->ud) == 0) {
        nc_error ignored;
        nc_error_clear(&ignored);
        f->collecting = 1;
        ncp_feed_xml(f, in, &ignored); /* an error shows again in the second pass */
        f->collecting = 2;
        f->root = 0;
        if (in->rewind(in->ud) < 0)
            return nc_error_set(err, NC_ERR_IO, 0, 0, "cannot read the input again");
    }
    rc = ncp_feed_xml(f, in, err);
    if (f->o && f->o->verbose && (f->n_comments || f->n_other))
        nc_warn(f->o, 0, 0, "WordPress export: %ld comment%s ignored, %ld other item%s "
                "(menu items, revisions, unattached media) skipped",
                f->n_comments, f->n_comments == 1 ? "" : "s", f->n_other,
                f->n_other == 1 ? "" : "s");
    return rc;
}
