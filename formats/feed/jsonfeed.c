/* newsconv: JSON Feed 1.0 and 1.1 (feed.h).
 *
 * The feed is parsed whole with jansson (the input is bounded by --max-size, 64 MiB by
 * default); its items are then given one at a time. An item: id -> id, url -> url,
 * external_url -> a link, title -> headline, content_html (else content_text) -> the
 * body, summary -> summary, image and banner_image -> pictures, date_published ->
 * published, date_modified -> modified, authors (1.1) and author (1.0) -> authors
 * (name, url), tags -> keywords, language (1.1) -> language, attachments -> media
 * (a link when the MIME type is no picture, video or audio). The feed's title,
 * home_page_url, icon, language and authors fill the items that lack their own; what
 * else the feed holds (description, feed_url, next_url, ...) is named in one warning,
 * "dropped from the channel: description" (xmlfeed.c, ncp_feed_channel_end). */
#include "feed.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "common/dropcheck.h"
#include "common/jsonalloc.h"

static const char *str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s && *s ? s : NULL;
}

/* authors (1.1) or author (1.0) of o, onto a (or the feed's defaults when a is NULL). */
static void authors(ncp_feed *f, nc_article *a, const json_t *o)
{
    const json_t *list = json_object_get(o, "authors"), *one = json_object_get(o, "author");
    size_t i, n = json_is_array(list) ? json_array_size(list) : 0;
    for (i = 0; i < n + (n == 0 && json_is_object(one)); i++) {
        const json_t *p = n ? json_array_get(list, i) : one;
        const char *name = str(p, "name"), *url = str(p, "url");
        if (!json_is_object(p) || (!name && !url))
            continue;
        if (a) {
            nc_article_add_author(a, name ? name : url, NULL, url, NULL);
        } else {
            ncp_feed_add_author(f, name ? name : url, url);
        }
    }
}

static void date(ncp_feed *f, nc_article *a, nc_tfield tf, const char *s)
{
    if (s)
        ncp_feed_date(f, a, tf, s, 0);
}

static int fill(ncp_feed *f, nc_article *a, const json_t *it, nc_error *err)
{
    const char *s;
    const json_t *tags = json_object_get(it, "tags"), *atts = json_object_get(it, "attachments");
    const json_t *id = json_object_get(it, "id");
    size_t i;
    int rc = 0;
    if ((s = json_string_value(id)) && *s)
        nc_article_sets(a, NC_F_ID, s);
    else if (json_is_number(id)) { /* 1.0 feeds write numbers too */
        char num[64];
        ncp_double_str(json_number_value(id), num, sizeof num);
        nc_article_sets(a, NC_F_ID, num);
    }
    if ((s = str(it, "url")))
        nc_article_sets(a, NC_F_URL, s);
    if ((s = str(it, "external_url")))
        nc_article_add_link(a, "external", s, NULL);
    if ((s = str(it, "title")))
        nc_article_sets(a, NC_F_HEADLINE, s);
    if ((s = str(it, "summary")))
        nc_article_sets(a, NC_F_SUMMARY, s);
    date(f, a, NC_T_PUBLISHED, str(it, "date_published"));
    date(f, a, NC_T_MODIFIED, str(it, "date_modified"));
    authors(f, a, it);
    if ((s = str(it, "language")))
        nc_article_sets(a, NC_F_LANGUAGE, s);
    for (i = 0; json_is_array(tags) && i < json_array_size(tags); i++)
        if ((s = json_string_value(json_array_get(tags, i))) && *s)
            nc_article_add_keyword(a, s);
    if ((s = str(it, "image")))
        nc_article_add_media(a, NC_MEDIA_PICTURE, s);
    if ((s = str(it, "banner_image"))) {
        nc_media *m = nc_article_add_media(a, NC_MEDIA_PICTURE, s);
        if (m)
            m->title = nc_article_strdup(a, "banner");
    }
    for (i = 0; json_is_array(atts) && i < json_array_size(atts); i++) {
        const json_t *at = json_array_get(atts, i);
        const char *url = str(at, "url"), *mime = str(at, "mime_type");
        int kind = ncp_feed_media_kind(mime, NULL);
        if (!url)
            continue;
        if (kind < 0) {
            nc_article_add_link(a, "enclosure", url, str(at, "title"));
        } else {
            nc_media *m = nc_article_add_media(a, (nc_media_kind)kind, url);
            if (m) {
                m->mime = nc_article_strdup(a, mime);
                if ((s = str(at, "title")))
                    m->title = nc_article_strdup(a, s);
            }
        }
    }
    if ((s = str(it, "content_html")))
        rc = ncp_feed_html_body(f, a, s, a->str[NC_F_URL] ? a->str[NC_F_URL]
                                                          : f->o ? f->o->base_url : NULL,
                                err);
    else if ((s = str(it, "content_text")))
        rc = ncp_feed_text_body(f, a, s, err);
    return rc;
}

/* The values under v (key: its key, or the key of its array) that the model does not
 * hold, counted dropped as "parent/key" (issue 14): an attachment's size and duration,
 * an extension object's fields ("_city/desk"). The body (content_html, content_text) is
 * the body reader's; dates are read as dates. Depth is bounded (jansson's own limit is
 * 2048: a hostile feed does not recurse that far here). */
static void json_drops(ncp_drops *d, const json_t *v, const char *parent, const char *key,
                       int depth)
{
    static const char *const skip[] = {"content_html", "content_text", "date_published",
                                       "date_modified", "version", "mime_type", NULL};
    size_t i;
    char num[64], path[160];
    const char *s = NULL;
    for (i = 0; key && skip[i]; i++)
        if (!strcmp(key, skip[i]))
            return;
    if (depth > 16)
        return;
    if (json_is_object(v)) {
        const char *k;
        json_t *x;
        json_object_foreach((json_t *)v, k, x) {
            json_drops(d, x, depth ? key : NULL, k, depth + 1);
        }
        return;
    }
    if (json_is_array(v)) {
        json_t *x;
        json_array_foreach(v, i, x) {
            json_drops(d, x, parent, key, depth + 1);
        }
        return;
    }
    if (json_is_string(v))
        s = json_string_value(v);
    else if (json_is_number(v)) {
        ncp_double_str(json_number_value(v), num, sizeof num);
        s = num;
    }
    if (s && key && ncp_not_held(&d->piece, d->hay, s)) {
        snprintf(path, sizeof path, "%s%s%s", parent ? parent : "", parent ? "/" : "", key);
        ncp_drops_path(d, path, 0);
    }
}

/* What of item it the article a does not hold is named. */
static void report_json_drops(ncp_feed *f, const nc_article *a, const json_t *it)
{
    ncp_drops d;
    ncp_drops_begin(&d, a);
    if (d.hay)
        json_drops(&d, it, NULL, NULL, 0);
    ncp_drops_end(&d, f->o);
}

int ncp_jsonfeed_read(ncp_feed *f, const nc_stream_in *in, nc_error *err)
{
    nc_buf b = NC_BUF_INIT;
    size_t max = f->o && f->o->max_size ? f->o->max_size : NC_DEFAULT_MAX_SIZE;
    json_error_t je;
    json_t *root, *items;
    const char *s, *v;
    size_t i, n;
    int rc = 0;
    for (;;) {
        long got;
        if (nc_buf_grow(&b, 65536) < 0) {
            ncp_feed_release(&b);
            return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
        }
        got = in->pull(in->ud, b.ptr + b.size, b.asize - b.size - 1, err);
        if (got < 0) {
            ncp_feed_release(&b);
            return -1;
        }
        if (got == 0)
            break;
        b.size += (size_t)got;
        if (b.size > max) {
            ncp_feed_release(&b);
            return nc_error_set(err, NC_ERR_LIMIT, 0, 0,
                                "JSON Feed larger than the limit of %zu bytes (--max-size): "
                                "a JSON Feed is read whole", max);
        }
    }
    if (!b.size) {
        ncp_feed_release(&b);
        return nc_error_set(err, NC_ERR_PARSE, 0, 0, "empty input");
    }
    ncp_json_alloc_begin();
    root = json_loadb(b.ptr, b.size, 0, &je);
    ncp_feed_release(&b);
    if (!root)
        return nc_error_set(err, ncp_json_alloc_failed() ? NC_ERR_NOMEM : NC_ERR_PARSE, je.line,
                            je.column, "invalid JSON: %s", je.text);
    v = str(root, "version");
    if (!json_is_object(root) || !v || strncmp(v, "https://jsonfeed.org/version/", 29)) {
        json_decref(root);
        return nc_error_set(err, NC_ERR_NOT_ARTICLE, 0, 0,
                            "not a JSON Feed: no \"version\": \"https://jsonfeed.org/version/"
                            "1.1\" (or 1)");
    }
    if ((s = str(root, "title")))
        ncp_feed_keep(&f->publisher, s);
    if ((s = str(root, "home_page_url")))
        ncp_feed_keep(&f->publisher_url, s);
    if ((s = str(root, "language")))
        ncp_feed_keep(&f->language, s);
    if ((s = str(root, "icon")) || (s = str(root, "favicon")))
        ncp_feed_keep(&f->image, s);
    authors(f, NULL, root);
    /* what of the feed's own data (past its items) the articles do not get is named */
    if (ncp_feed_channel_begin(f) == 0) {
        nc_buf hay = NC_BUF_INIT;
        const char *k;
        json_t *x;
        ncp_feed_channel_hay(f, &hay);
        ncp_drops_set_hay(f->chan, &hay);
        ncp_feed_release(&hay);
        json_object_foreach(root, k, x) {
            if (strcmp(k, "items") && f->chan->hay)
                json_drops(f->chan, x, NULL, k, 1);
        }
    }
    items = json_object_get(root, "items");
    n = json_is_array(items) ? json_array_size(items) : 0;
    if (!json_is_array(items))
        nc_warn(f->o, 0, 0, "JSON Feed without an \"items\" array: no articles");
    for (i = 0; i < n && !f->stop; i++) {
        const json_t *it = json_array_get(items, i);
        nc_article *a;
        nc_error e;
        nc_error_clear(&e);
        if (f->single_done) {
            nc_warn(f->o, 0, 0, "more items follow the first: only the first is read as "
                    "one article (a batch reads every item: newsconv FEED -t FMT -o DIR/)");
            break;
        }
        if (!json_is_object(it)) {
            nc_error_set(&e, NC_ERR_PARSE, 0, 0, "item %zu is not a JSON object", i + 1);
            ncp_feed_fail(f, NULL, &e, 0);
            continue;
        }
        if (!(a = ncp_feed_article(f))) {
            nc_error_set(&e, NC_ERR_NOMEM, 0, 0, "out of memory");
            ncp_feed_fail(f, NULL, &e, 0);
        } else if (fill(f, a, it, &e) < 0 || nc_article_ok(a, &e) < 0) {
            ncp_feed_fail(f, a, &e, 0);
        } else {
            report_json_drops(f, a, it);
            ncp_feed_emit(f, a, 0);
        }
    }
    json_decref(root);
    if (ncp_feed_channel_end(f, err) < 0)
        rc = -1;
    if (rc == 0 && f->stop)
        rc = 1;
    return rc;
}
