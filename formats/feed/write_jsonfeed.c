/* newsconv feed writers: JSON Feed 1.1 (docs/feeds-write.md).
 *
 * One item per article, newest first: id (the model id, else the stable id), url, title,
 * content_html (the html writer's fragment), summary, image (the first picture),
 * date_published and date_modified (RFC 3339), authors (name, url), tags (keywords, then
 * subject names), language, and attachments for media other than pictures that say
 * their type. The feed: version, title, home_page_url, description, language. Items are
 * dumped by jansson in a fixed key order (the same article gives the same bytes). */
#include "feedwrite.h"

#include "common/jsonalloc.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#define VERSION_URL "https://jsonfeed.org/version/1.1"

typedef struct jw {
    int failed;
    nc_buf tmp;
    const nc_opts *o;
} jw;

static void set(jw *w, json_t *obj, const char *key, json_t *v)
{
    if (!v || json_object_set_new(obj, key, v) < 0)
        w->failed = 1;
}

/* A JSON string of s, invalid UTF-8 replaced (jansson takes valid UTF-8 only). */
static json_t *jstr(jw *w, const char *s)
{
    nc_buf clean = NC_BUF_INIT;
    json_t *v;
    ncp_utf8_sanitize(&clean, s, strlen(s));
    v = clean.failed ? NULL : json_stringn(clean.ptr, clean.size);
    nc_buf_release(&clean);
    if (!v)
        w->failed = 1;
    return v;
}

static void set_str(jw *w, json_t *obj, const char *key, const char *s)
{
    if (s)
        set(w, obj, key, jstr(w, s));
}

/* An absolute address, or nothing. */
static void set_url(jw *w, json_t *obj, const char *key, const char *url)
{
    if (url && ncp_feed_abs_url(w->o, url, &w->tmp))
        set(w, obj, key, jstr(w, w->tmp.ptr));
}

static void set_time(jw *w, json_t *obj, const char *key, const nc_time *t)
{
    char d[NC_TIME_ISO_LEN];
    ncp_feed_rfc3339(t, d);
    if (*d)
        set(w, obj, key, jstr(w, d));
}

/* Appends the dump of v, every line indented by ind spaces. */
static int dump(nc_buf *out, json_t *v, int ind)
{
    char *s = ncp_json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    const char *p;
    if (!s)
        return -1;
    nc_buf_printf(out, "%*s", ind, "");
    for (p = s; *p; p++) {
        nc_buf_putc(out, *p);
        if (*p == '\n') /* JSON strings hold no raw line break */
            nc_buf_printf(out, "%*s", ind, "");
    }
    free(s);
    return 0;
}

static const char *const jf_rels[] = {"external", "enclosure", NULL};

static const ncp_feed_holds jf_holds = {
    "jsonfeed", NCP_HOLDS_COMMON, NCP_HOLDS_DATES, NCP_HOLDS_AUTHOR_URL | NCP_HOLDS_MEDIA_TITLE,
    jf_rels};

/* An attachment: url, mime_type, title. */
static void attachment(jw *w, json_t **list, const char *url, const char *mime,
                       const char *title)
{
    json_t *at;
    if (!*list && !(*list = json_array())) {
        w->failed = 1;
        return;
    }
    at = json_object();
    if (!at || json_array_append_new(*list, at) < 0) {
        w->failed = 1;
        return;
    }
    set_url(w, at, "url", url);
    set_str(w, at, "mime_type", mime);
    set_str(w, at, "title", title);
}

/* image (the first picture without a type), banner_image (a picture titled "banner", as
 * the reader names it), attachments (media with a MIME type, and enclosure links). */
static void media(jw *w, const nc_article *a, json_t *item)
{
    json_t *list = NULL;
    int image = 0, banner = 0;
    size_t i;
    for (i = 0; i < a->n_media; i++) {
        const nc_media *m = &a->media[i];
        int is_banner = m->title && !strcmp(m->title, "banner");
        if (!m->href || !ncp_feed_abs_url(w->o, m->href, &w->tmp))
            continue;
        if (m->kind == NC_MEDIA_PICTURE && !m->mime && is_banner && !banner) {
            set_url(w, item, "banner_image", m->href);
            banner = 1;
        } else if (m->kind == NC_MEDIA_PICTURE && !m->mime && !is_banner && !image) {
            set_url(w, item, "image", m->href);
            image = 1;
        } else if (m->mime) {
            attachment(w, &list, m->href, m->mime, m->title);
        } else { /* an attachment needs its MIME type */
            nc_warn(w->o, 0, 0, "jsonfeed: a %s without a MIME type (not the item's image) is "
                    "left out", nc_media_kind_name(m->kind));
        }
    }
    for (i = 0; i < a->n_links; i++)
        if (a->links[i].rel && !strcmp(a->links[i].rel, "enclosure") && a->links[i].href &&
            ncp_feed_abs_url(w->o, a->links[i].href, &w->tmp))
            attachment(w, &list, a->links[i].href, "application/octet-stream",
                       a->links[i].title);
    if (list)
        set(w, item, "attachments", list);
}

static int jsonfeed_entry(const nc_article *a, nc_buf *out, const nc_opts *o, nc_error *err)
{
    char sid[NCP_FEED_ID_LEN], upd[NC_TIME_ISO_LEN];
    const char *id;
    json_t *item = json_object(), *list;
    nc_buf html = NC_BUF_INIT;
    jw w;
    size_t i;
    int rc = 0;
    memset(&w, 0, sizeof w);
    nc_buf_init(&w.tmp);
    w.o = o;
    if (!item)
        return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
    ncp_feed_not_carried(a, o, &jf_holds);
    ncp_feed_rfc3339(ncp_feed_updated(a), upd);
    id = ncp_feed_id(a, sid);
    ncp_feed_entry_head(out, a, o, upd, id);
    set_str(&w, item, "id", id);
    if (a->str[NC_F_URL] && !ncp_feed_abs_url(o, a->str[NC_F_URL], &w.tmp))
        nc_warn(o, 0, 0, "jsonfeed: the url '%.80s' is not absolute: no url (give "
                "--feed-url to resolve it)", a->str[NC_F_URL]);
    set_url(&w, item, "url", a->str[NC_F_URL]);
    for (i = 0; i < a->n_links; i++)
        if (a->links[i].rel && !strcmp(a->links[i].rel, "external") && a->links[i].href) {
            set_url(&w, item, "external_url", a->links[i].href);
            break;
        }
    set_str(&w, item, "title", a->str[NC_F_HEADLINE]);
    ncp_feed_html(a, &html);
    if (html.size)
        set_str(&w, item, "content_html", html.ptr);
    set_str(&w, item, "summary", a->str[NC_F_SUMMARY]);
    media(&w, a, item);
    set_time(&w, item, "date_published", &a->time[NC_T_PUBLISHED]);
    set_time(&w, item, "date_modified", &a->time[NC_T_MODIFIED]);
    if (a->n_authors || a->str[NC_F_BYLINE]) {
        list = json_array();
        if (!list)
            w.failed = 1;
        for (i = 0; list && i < a->n_authors; i++) {
            json_t *au = json_object();
            if (!au || json_array_append_new(list, au) < 0) {
                w.failed = 1;
                break;
            }
            set_str(&w, au, "name", a->authors[i].name ? a->authors[i].name : "");
            set_url(&w, au, "url", a->authors[i].url);
        }
        if (list && !a->n_authors) {
            json_t *au = json_object();
            if (!au || json_array_append_new(list, au) < 0)
                w.failed = 1;
            else
                set_str(&w, au, "name", a->str[NC_F_BYLINE]);
        }
        set(&w, item, "authors", list);
    }
    if (a->n_keywords || a->n_subjects) {
        list = json_array();
        for (i = 0; list && i < a->n_keywords; i++)
            if (json_array_append_new(list, jstr(&w, a->keywords[i])) < 0)
                w.failed = 1;
        for (i = 0; list && i < a->n_subjects; i++)
            if (a->subjects[i].name &&
                json_array_append_new(list, jstr(&w, a->subjects[i].name)) < 0)
                w.failed = 1;
        set(&w, item, "tags", list);
    }
    set_str(&w, item, "language", a->str[NC_F_LANGUAGE]);
    if (w.failed || dump(out, item, 4) < 0)
        rc = nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
    json_decref(item);
    if (html.failed || w.tmp.failed)
        out->failed = 1;
    nc_buf_release(&html);
    nc_buf_release(&w.tmp);
    return rc;
}

int ncp_jsonfeed_write(const nc_article *a, nc_buf *out, const nc_opts *o, nc_error *err)
{
    return ncp_feed_publish(jsonfeed_entry, "jsonfeed", a, out, o, err);
}

static void jf_head(nc_buf *out, const ncp_feed_chan *c)
{
    json_t *feed = json_object();
    jw w;
    memset(&w, 0, sizeof w);
    nc_buf_init(&w.tmp);
    if (!feed) {
        out->failed = 1;
        return;
    }
    set_str(&w, feed, "version", VERSION_URL);
    set_str(&w, feed, "title", c->title);
    if (c->url && ncp_feed_is_absolute(c->url))
        set_str(&w, feed, "home_page_url", c->url);
    set_str(&w, feed, "description", c->description);
    if (c->image && ncp_feed_is_absolute(c->image))
        set_str(&w, feed, "icon", c->image);
    set_str(&w, feed, "language", c->language);
    if (w.failed || dump(out, feed, 0) < 0 || out->size < 2)
        out->failed = 1;
    else { /* the object stays open for the items */
        nc_buf_truncate(out, out->size - 2);
        nc_buf_puts(out, ",\n  \"items\": [\n");
    }
    json_decref(feed);
    nc_buf_release(&w.tmp);
}

static const ncp_feed_kind jsonfeed_kind = {
    jf_head, ",\n", "\n  ]\n}\n", "  ]\n}\n", "id", NULL,
    "jsonfeed", 0};

void *ncp_jsonfeed_join_begin(const nc_opts *o, nc_error *err)
{
    return ncp_feed_join_begin(&jsonfeed_kind, o, err);
}
