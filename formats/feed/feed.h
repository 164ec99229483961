/* newsconv: the feed readers, shared declarations of formats/feed/.
 *
 * format.c   the formats' definitions (rss, atom, jsonfeed, wxr), sniffing, reading one
 *            article (the first item) for nc_read_article
 * xmlfeed.c  the streaming XML engine: xmlTextReader over pulled bytes, one item's
 *            subtree at a time; channel defaults; text, links, dates, HTML bodies
 * rss.c      RSS 0.9x/2.0 and RSS 1.0 (RDF) channels and items, Media RSS
 * atom.c     Atom 1.0 and 0.3 feeds and entries
 * wxr.c      WordPress exports: posts and pages, authors, attachments, comments
 * jsonfeed.c JSON Feed 1.0 and 1.1 (parsed whole with jansson, bounded by --max-size)
 *
 * A feed is read as a stream: every item becomes an article handed to each() (or, for
 * nc_format.read, the first item fills the caller's article). */
#ifndef NEWSCONV_FORMATS_FEED_H
#define NEWSCONV_FORMATS_FEED_H

#include <libxml/tree.h>

#include "common/dom.h"
#include "model/model.h"

/* What the reader was asked to read, and what the root says. */
enum { NCP_FEED_RSS, NCP_FEED_ATOM, NCP_FEED_WXR, NCP_FEED_JSON };
enum { NCP_ROOT_RSS = 1, NCP_ROOT_RDF, NCP_ROOT_ATOM };

/* Namespaces, by class. */
enum {
    NCP_NS_NONE,    /* no namespace, or RSS 1.0 / 0.90's own */
    NCP_NS_ATOM,    /* Atom 1.0 */
    NCP_NS_ATOM03,  /* Atom 0.3 */
    NCP_NS_DC,      /* Dublin Core elements */
    NCP_NS_DCTERMS, /* Dublin Core terms */
    NCP_NS_CONTENT, /* RSS 1.0 content module (content:encoded) */
    NCP_NS_MEDIA,   /* Media RSS */
    NCP_NS_WP,      /* WordPress export */
    NCP_NS_EXCERPT, /* WordPress excerpt */
    NCP_NS_RDF,
    NCP_NS_XHTML,
    NCP_NS_OTHER
};

/* A WordPress attachment, kept until its post is read. */
typedef struct ncp_wxr_att {
    char *parent, *url, *title, *caption, *mime;
} ncp_wxr_att;

typedef struct ncp_feed {
    const nc_opts *o;
    int kind;               /* NCP_FEED_* asked for */
    int root;               /* NCP_ROOT_* found */
    nc_each_fn each;
    void *each_data;
    nc_article *single;     /* nc_format.read: the article the first item fills */
    int single_done;
    int single_failed;      /* ... and the first item failed with single_err */
    nc_error single_err;
    int stop;
    /* the channel's data, for items that lack their own (malloc'ed) */
    char *publisher, *publisher_url, *language, *rights, *image;
    char **author_names, **author_urls; /* Atom: the feed's authors */
    size_t n_authors;
    /* WordPress: authors by login, attachments */
    char **wp_logins, **wp_names;
    size_t n_wp;
    ncp_wxr_att *atts;
    size_t n_atts;
    int collecting;         /* WordPress: 1 the first pass (attachments only), 2 the second;
                               0 one pass (an input that cannot be read again) */
    long n_items, n_comments, n_other;
    int nomem;              /* an allocation failed: every item from then on fails */
    /* what of the channel's own data no article holds (xmlfeed.c, channel_drops):
     * counted over the channel's children, named once at the end */
    struct ncp_drops *chan;
    nc_article *chan_a;     /* the arena of the names */
    long chan_n;            /* channel children checked */
} ncp_feed;

void ncp_feed_init(ncp_feed *f, int kind, const nc_opts *o, nc_each_fn each, void *each_data);
void ncp_feed_free(ncp_feed *f);

/* ---- xmlfeed.c ---- */
/* What of the channel's own data no article holds (issue 14): ncp_feed_channel_begin
 * starts the count in f->chan (0, or -1 out of memory), ncp_feed_channel_hay gives the
 * channel data the articles get (squashed, for ncp_drops_set_hay), and
 * ncp_feed_channel_end names what was counted in one warning ("dropped from the channel:
 * channel/description") and ends the count: 0, or under --strict, when something was
 * named, -1 with err set (NC_ERR_LOSSY: the feed fails, after its items). */
int ncp_feed_channel_begin(ncp_feed *f);
void ncp_feed_channel_hay(const ncp_feed *f, nc_buf *out);
int ncp_feed_channel_end(ncp_feed *f, nc_error *err);
/* Reads an XML feed from in, item by item. 0 at the end, 1 stopped, -1 err set. */
int ncp_feed_xml(ncp_feed *f, const nc_stream_in *in, nc_error *err);
/* The namespace class of an element. */
int ncp_feed_ns(const xmlNode *n);
/* 1 when n is an element of namespace class ns with this local name. */
int ncp_feed_is(const xmlNode *n, int ns, const char *local);
/* The text of n (entity references: HTML entities as characters, others dropped),
 * trimmed, into out (cleared first). Returns out->ptr ("" when empty). */
const char *ncp_feed_text(const xmlNode *n, nc_buf *out);
/* The attribute's value (any namespace), trimmed, or NULL when absent or empty. */
const char *ncp_feed_attr(const xmlNode *n, const char *name, nc_buf *out);
/* href resolved against n's xml:base (and --base-url), else fallback (NULL: the channel's
 * link), into out. */
const char *ncp_feed_resolve(ncp_feed *f, const xmlNode *n, const char *href,
                             const char *fallback, nc_buf *out);
/* The base of n: xml:base of it and its ancestors, --base-url under them. */
void ncp_feed_base(ncp_feed *f, const xmlNode *n, nc_buf *out);
/* A new article for the next item (the caller's, for nc_format.read). NULL: out of memory. */
nc_article *ncp_feed_article(ncp_feed *f);
/* Finishes the item: the channel's data where it has none, then gives it on. 0, or 1 to
 * stop. The article is consumed. */
int ncp_feed_emit(ncp_feed *f, nc_article *a, int line);
/* Reads one item (RSS item, Atom entry) with fill into a new article and gives it on (or
 * its error). 0, or 1 to stop. */
int ncp_feed_item(ncp_feed *f, xmlNode *n, int line,
                  int (*fill)(ncp_feed *f, nc_article *a, xmlNode *n, nc_error *err));
/* The base of the links in an item's HTML: n's xml:base, else (or under it, when it is
 * relative) the item's url. */
void ncp_feed_html_base(ncp_feed *f, const xmlNode *n, const nc_article *a, nc_buf *out);
/* An inline XHTML element's children as the body. 0, or -1 (out of memory). */
int ncp_feed_xhtml_body(ncp_feed *f, nc_article *a, xmlNode *el, const char *base,
                        nc_error *err);
/* HTML as the summary's text. */
void ncp_feed_summary_html(nc_article *a, const char *html);
/* An item that could not be read: one bad item does not stop the others. */
int ncp_feed_fail(ncp_feed *f, nc_article *a, const nc_error *e, int line);
/* Sets a timestamp from a feed's date; warns when it cannot be read. */
void ncp_feed_date(ncp_feed *f, nc_article *a, nc_tfield tf, const char *s, int line);
/* HTML (escaped or CDATA) as the body, against base. 0, or -1 with err (out of memory). */
int ncp_feed_html_body(ncp_feed *f, nc_article *a, const char *html, const char *base,
                       nc_error *err);
/* Plain text as the body: paragraphs at blank lines. */
int ncp_feed_text_body(ncp_feed *f, nc_article *a, const char *text, nc_error *err);
/* The text of an HTML fragment (tags dropped, white space collapsed), into out. */
void ncp_feed_html_text(const char *html, nc_buf *out);
/* 1 when s holds markup ("<p>", "&lt;", "&amp;"): text to read as HTML. */
int ncp_feed_looks_html(const char *s);
/* Adds an author from "jane@example.com (Jane Doe)", "Jane Doe <jane@...>" or a name. */
void ncp_feed_author(nc_article *a, const char *s, const char *role);
/* The kind of media of a MIME type or a Media RSS medium; -1 when neither says. */
int ncp_feed_media_kind(const char *mime, const char *medium);
/* Adds an author of the feed (for the items without any). */
void ncp_feed_add_author(ncp_feed *f, const char *name, const char *url);
/* nc_buf_release, noting a failed allocation of the buffer (out of memory: the item
 * fails, see ncp_feed_emit). */
void ncp_feed_release(nc_buf *b);
/* strdup into a malloc'ed string (NULL stays NULL); replaces *dst. */
void ncp_feed_keep(char **dst, const char *s);

/* ---- rss.c, atom.c, wxr.c ---- */
void ncp_rss_channel_child(ncp_feed *f, xmlNode *n);
int ncp_rss_item(ncp_feed *f, xmlNode *item, int line);
/* The item's fields the RSS reader knows, into a. 0 or -1 (err). */
int ncp_rss_fill(ncp_feed *f, nc_article *a, xmlNode *item, nc_error *err);
void ncp_atom_feed_child(ncp_feed *f, xmlNode *n);
int ncp_atom_entry(ncp_feed *f, xmlNode *entry, int line);
void ncp_wxr_channel_child(ncp_feed *f, xmlNode *n);
int ncp_wxr_item(ncp_feed *f, xmlNode *item, int line);
/* The display name of a WordPress login (from the channel's wp:author), else the login. */
const char *ncp_wxr_author(const ncp_feed *f, const char *login);
/* Reads a WordPress export: attachments first (when the input rewinds), then the posts. */
int ncp_wxr_read(ncp_feed *f, const nc_stream_in *in, nc_error *err);

/* ---- jsonfeed.c ---- */
int ncp_jsonfeed_read(ncp_feed *f, const nc_stream_in *in, nc_error *err);

#endif
