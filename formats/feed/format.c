/* newsconv: the feed formats: rss, atom, jsonfeed, wxr, sitemap.
 *
 * Reading (feed.h, docs/feeds.md): each reads a feed as a stream of articles (read_stream:
 * a batch reads every item); read, for nc_read_article, reads the first item only and
 * warns when more follow. Detection by content: the root element and its namespace, or
 * JSON Feed's version URL.
 * Writing (feedwrite.h, docs/feeds-write.md): a batch (or one article) into one RSS 2.0,
 * Atom 1.0 or JSON Feed 1.1 document, or a Google News sitemap. `write` writes an article
 * as one entry; the join hooks (feedwrite.c) order the entries newest first and write the
 * document around them. */
#include "feed.h"
#include "feedwrite.h"

#include <string.h>

/* ---- sniffing ---- */

/* The root element's name in the first bytes of XML (after the declaration, comments,
 * processing instructions and a DOCTYPE), or NULL. */
static const char *xml_root(const char *buf, size_t len, size_t *n)
{
    const char *p = buf, *end = buf + len;
    if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
        p += 3;
    while (p < end) {
        const char *q;
        if (strchr(" \t\r\n", *p)) {
            p++;
            continue;
        }
        if (*p != '<' || p + 1 >= end)
            return NULL;
        if (p[1] == '?' || (p[1] == '!' && p + 3 < end && p[2] == '-' && p[3] == '-')) {
            const char *close = p[1] == '?' ? "?>" : "-->";
            for (q = p + 2; q + strlen(close) <= end && memcmp(q, close, strlen(close)); q++)
                ;
            if (q + strlen(close) > end)
                return NULL;
            p = q + strlen(close);
            continue;
        }
        if (p[1] == '!') { /* <!DOCTYPE ...>, with an internal subset in brackets */
            int depth = 0;
            for (q = p + 2; q < end && (*q != '>' || depth); q++)
                depth += *q == '[' ? 1 : *q == ']' ? -1 : 0;
            if (q >= end)
                return NULL;
            p = q + 1;
            continue;
        }
        for (q = p + 1; q < end && !strchr(" \t\r\n/>", *q); q++)
            ;
        *n = (size_t)(q - p - 1);
        return p + 1;
    }
    return NULL;
}

/* 1 when the root's local name is `local` (any prefix). */
static int root_is(const char *buf, size_t len, const char *local)
{
    size_t n, l = strlen(local);
    const char *r = xml_root(buf, len, &n);
    if (!r)
        return 0;
    if (n > l && r[n - l - 1] == ':')
        r += n - l, n = l;
    return n == l && !memcmp(r, local, l);
}

static int has(const char *buf, size_t len, const char *s)
{
    size_t n = strlen(s), i;
    for (i = 0; i + n <= len; i++)
        if (buf[i] == s[0] && !memcmp(buf + i, s, n))
            return 1;
    return 0;
}

static int rss_sniff(const char *buf, size_t len)
{
    if (root_is(buf, len, "rss"))
        return has(buf, len, "wordpress.org/export/") ? 70 : 90;
    if (root_is(buf, len, "RDF") &&
        (has(buf, len, "http://purl.org/rss/1.0/") || has(buf, len, "netscape.com/rdf/simple")))
        return 90;
    return 0;
}

static int atom_sniff(const char *buf, size_t len)
{
    if (!root_is(buf, len, "feed"))
        return 0;
    return has(buf, len, "http://www.w3.org/2005/Atom") || has(buf, len, "purl.org/atom/ns#")
               ? 90
               : 60;
}

static int wxr_sniff(const char *buf, size_t len)
{
    return root_is(buf, len, "rss") && has(buf, len, "wordpress.org/export/") ? 95 : 0;
}

static int jsonfeed_sniff(const char *buf, size_t len)
{
    size_t i = len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) ? 3 : 0;
    while (i < len && strchr(" \t\r\n", buf[i]))
        i++;
    return i < len && buf[i] == '{' && has(buf, len, "jsonfeed.org/version/") ? 95 : 0;
}

/* ---- reading ---- */

static int run(int kind, const nc_stream_in *in, const nc_opts *o, nc_each_fn each,
               void *each_data, nc_article *single, nc_error *err)
{
    ncp_feed f;
    int rc;
    ncp_feed_init(&f, kind, o, each, each_data);
    f.single = single;
    rc = kind == NCP_FEED_JSON ? ncp_jsonfeed_read(&f, in, err)
         : kind == NCP_FEED_WXR ? ncp_wxr_read(&f, in, err)
                                : ncp_feed_xml(&f, in, err);
    if (single) {
        if (f.single_failed) {
            *err = f.single_err;
            rc = -1;
        } else if (f.single_done && rc < 0) { /* the item is read; the rest is damaged */
            char msg[NC_ERROR_TEXT_LEN + 64];
            nc_error_format(err, msg, sizeof msg);
            nc_warn(o, err->line, err->column, "after the first item: %s", err->text);
            nc_error_clear(err);
            rc = 0;
        } else if (!f.single_done && rc >= 0) {
            rc = nc_error_set(err, NC_ERR_NOT_ARTICLE, 0, 0, "the feed has no items");
        } else if (rc > 0) {
            rc = 0;
        }
    } else if (rc == 0 && !f.n_items) {
        rc = nc_error_set(err, NC_ERR_NOT_ARTICLE, 0, 0, "the feed has no items");
    }
    ncp_feed_free(&f);
    return rc;
}

typedef struct mem_in {
    const char *buf;
    size_t len, pos;
} mem_in;

static long mem_pull(void *ud, char *buf, size_t n, nc_error *err)
{
    mem_in *m = ud;
    size_t k = m->len - m->pos < n ? m->len - m->pos : n;
    (void)err;
    memcpy(buf, m->buf + m->pos, k);
    m->pos += k;
    return (long)k;
}

static int mem_rewind(void *ud)
{
    ((mem_in *)ud)->pos = 0;
    return 0;
}

/* nc_format.read: the first item. */
static int read_first(int kind, nc_article *a, const char *buf, size_t len, const nc_opts *o,
                      nc_error *err)
{
    mem_in m = {buf, len, 0};
    nc_stream_in in = {mem_pull, mem_rewind, &m};
    return run(kind, &in, o, NULL, NULL, a, err);
}

#define FEED_FORMAT(fmt, KIND)                                                                \
    static int fmt##_read(nc_article *a, const char *buf, size_t len, const nc_opts *o,      \
                          nc_error *err)                                                     \
    {                                                                                        \
        return read_first(KIND, a, buf, len, o, err);                                        \
    }                                                                                        \
    static int fmt##_stream(const nc_stream_in *in, const nc_opts *o, nc_each_fn each,       \
                            void *each_data, nc_error *err)                                  \
    {                                                                                        \
        return run(KIND, in, o, each, each_data, NULL, err);                                 \
    }

FEED_FORMAT(rss, NCP_FEED_RSS)
FEED_FORMAT(atom, NCP_FEED_ATOM)
FEED_FORMAT(jsonfeed, NCP_FEED_JSON)
FEED_FORMAT(wxr, NCP_FEED_WXR)

static const char *const rss_exts[] = {".rss", ".rdf", NULL};
static const char *const atom_exts[] = {".atom", NULL};
static const char *const jsonfeed_aliases[] = {"json-feed", NULL};
static const char *const wxr_aliases[] = {"wordpress", NULL};
static const char *const wxr_exts[] = {".wxr", NULL};
static const nc_optdef atom_options[] = {
    {"atom-content", "html|xhtml",
     "atom: the entry content as escaped HTML (default) or inline XHTML"},
    {NULL, NULL, NULL}};

/* The join hooks the four writers share (formats/feed/feedwrite.c), after their own
 * join_begin. */
#define FEED_JOIN(begin)                                                                     \
    .join_begin = (begin), .join_add = ncp_feed_join_add, .join_end = ncp_feed_join_end,    \
    .join_free = ncp_feed_join_free

/* A feed format that reads and writes: its hooks are named after it. */
#define FEED_RW(fmt)                                                                         \
    .sniff = fmt##_sniff, .read = fmt##_read, .write = ncp_##fmt##_write,                    \
    .read_stream = fmt##_stream, FEED_JOIN(ncp_##fmt##_join_begin)

const nc_format nc_format_rss = {
    .name = "rss",
    .extensions = rss_exts,
    .description = "RSS feeds: reads 0.91/0.92/2.0 and 1.0 (RDF), every item an article; "
                   "writes RSS 2.0 (content:encoded, Media RSS), a batch as one channel",
    FEED_RW(rss),
};

const nc_format nc_format_atom = {
    .name = "atom",
    .extensions = atom_exts,
    .description = "Atom feeds: reads 1.0 (and 0.3), every entry an article; writes Atom 1.0 "
                   "(RFC 4287), a batch as one feed",
    .options = atom_options,
    FEED_RW(atom),
};

const nc_format nc_format_jsonfeed = {
    .name = "jsonfeed",
    .aliases = jsonfeed_aliases,
    .description = "JSON Feed: reads 1.0 and 1.1, every item an article; writes 1.1, a batch "
                   "as one feed",
    FEED_RW(jsonfeed),
};

const nc_format nc_format_wxr = {
    .name = "wxr",
    .aliases = wxr_aliases,
    .extensions = wxr_exts,
    .description = "WordPress export (WXR): posts and pages as articles, attachments as their "
                   "media",
    .sniff = wxr_sniff,
    .read = wxr_read,
    .read_stream = wxr_stream,
};

const nc_format nc_format_sitemap = {
    .name = "sitemap",
    .description = "Google News sitemap: the articles with a url (write-only)",
    .write = ncp_sitemap_write,
    FEED_JOIN(ncp_sitemap_join_begin),
};
