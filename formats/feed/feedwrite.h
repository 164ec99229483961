/* newsconv feed writers: what the writers of formats/feed/ share (docs/feeds-write.md).
 *
 * write_rss.c       RSS 2.0 with content:encoded, dc:creator and Media RSS
 * write_atom.c      Atom 1.0 (RFC 4287), content as escaped html or inline xhtml
 * write_jsonfeed.c  JSON Feed 1.1
 * write_sitemap.c   a Google News sitemap (sitemaps.org 0.9 + news 0.9)
 * feedwrite.c       the joiner (entries kept on disk, newest first), entry heads, dates,
 *                   channel options, escaping, the HTML of an entry
 *
 * Each format's `write` writes one article as an ENTRY: a head line the joiner reads,
 * then the entry's bytes (an <item>, an <entry>, a JSON object, a <url>). The head line is
 *   KEY TAB UPDKEY TAB UPDATED TAB LANGUAGE TAB PUBLISHER TAB ORIGIN TAB LOGO TAB FLAGS
 *   TAB IDENT LF
 * KEY: the sort key of the entry's date (published, else modified; ncp_feed_time_key;
 * 0 when undated); UPDKEY and UPDATED: the key and the format's own spelling of the
 * date the channel takes when this is the newest entry (modified, else published);
 * LANGUAGE, PUBLISHER, ORIGIN (the extra publisher_url a feed reader gives, else
 * scheme://host/ of its link), LOGO (the extra publisher_logo): "-" when unknown; FLAGS:
 * "a" when the entry names an author, else "-", then "u" when the entry holds the
 * placeholder NCP_FEED_UNDATED that the joiner replaces with the channel's date (an Atom
 * entry without a date); IDENT: what makes the entry unique in
 * the document (its id, a sitemap's loc), as printed: a later entry with the IDENT of an
 * earlier one is left out (join_add returns 1 with a warning text). An article a format leaves out (a
 * sitemap entry without a url) is an empty entry, with a warning. Only the joiner reads
 * the head: it is the format's private business, opaque to the batch engine. */
#ifndef NEWSCONV_FORMATS_FEEDWRITE_H
#define NEWSCONV_FORMATS_FEEDWRITE_H

#include "model/model.h"

/* What the joiner knows of the channel when it writes the head and the tail. */
typedef struct ncp_feed_chan {
    const char *title;     /* --feed-title, else the publisher every entry names, else
                              "Articles" */
    const char *url;       /* --feed-url, else the origin (scheme://host/) of the
                              newest entry with a link; NULL when neither */
    const char *description; /* --feed-description, else the title */
    const char *image;     /* feed-image (--metadata-file), else the logo every entry
                              names (extra publisher_logo); NULL when neither */
    const char *copyright; /* feed-copyright (--metadata-file); NULL when not given */
    int url_given;         /* --feed-url was given */
    const char *updated;   /* the newest entry's UPDATED, NULL when none is dated */
    const char *language;  /* feed-language (--metadata-file), else the language every
                              entry has, NULL when they differ */
    int all_authors;       /* every entry names an author */
    unsigned long long n;  /* entries */
} ncp_feed_chan;

/* A format of feeds: its head (up to the first entry), the bytes between two entries,
 * its tail (after the last entry; tail_empty, when not NULL, instead of it when there is
 * none). */
typedef struct ncp_feed_kind {
    void (*head)(nc_buf *out, const ncp_feed_chan *c);
    const char *sep;
    const char *tail;
    const char *tail_empty;
    const char *ident_name; /* what IDENT is, for the warning: "id", "url" */
    const char *none_error; /* not NULL: a document without entries is not valid and is
                               not written; join_end fails with this (NC_ERR_NOT_ARTICLE) */
    const char *name;       /* "atom": the warnings' first word */
    int item_publisher;     /* 1: an entry names its own publisher (rss dc:publisher, sitemap
                               news:name); 0: only the channel's title can (atom, jsonfeed),
                               so join_end warns when an article's publisher is not it */
} ncp_feed_kind;

/* What an entry writes where the channel's date goes (the joiner replaces it; flag "u"):
 * control characters never appear in escaped text. */
#define NCP_FEED_UNDATED "\001undated\001"
#define NCP_FEED_EPOCH "1970-01-01T00:00:00Z" 

/* The join hooks of nc_format, shared by the four formats: begin takes the kind. */
void *ncp_feed_join_begin(const ncp_feed_kind *kind, const nc_opts *o, nc_error *err);
int ncp_feed_join_add(void *joiner, const char *entry, size_t len, nc_error *err);
int ncp_feed_join_end(void *joiner, int (*put)(void *ud, const char *data, size_t len),
                      void *ud, nc_error *err);
void ncp_feed_join_free(void *joiner);

/* ---- entries ---- */
/* The date an entry is ordered by: published, else modified; NULL when neither. */
const nc_time *ncp_feed_time(const nc_article *a);
/* The date the channel takes from its newest entry: modified, else published. */
const nc_time *ncp_feed_updated(const nc_article *a);
/* The sort key of t: seconds from year 0 in UTC (a time without a zone counts as UTC, a
 * date as its midnight); 0 for NULL or an unset time. */
unsigned long long ncp_feed_time_key(const nc_time *t);
/* Appends the head line of a's entry; updated: the format's spelling of
 * ncp_feed_updated(a), or NULL; ident: the entry's id or address as written. */
void ncp_feed_entry_head(nc_buf *out, const nc_article *a, const nc_opts *o,
                         const char *updated, const char *ident);
/* The same for an entry that holds NCP_FEED_UNDATED in place of its date. */
void ncp_feed_entry_head_undated(nc_buf *out, const nc_article *a, const nc_opts *o,
                                 const char *ident);

/* ---- what an item holds ----
 * The model fields a format's item carries: NCP_HOLDS_FIELD(f) for each text field, a
 * time field's bit in `times`, and these: */
#define NCP_HOLDS_FIELD(f) (1u << (f))
#define NCP_HOLDS_TIME(t) (1u << (t))
#define NCP_HOLDS_CAPTION 0x1u    /* media captions */
#define NCP_HOLDS_CREDIT 0x2u     /* media credits */
#define NCP_HOLDS_RENDITIONS 0x4u /* renditions (without names other than thumbnail) */
#define NCP_HOLDS_CODES 0x8u      /* subject codes beside their names */
#define NCP_HOLDS_AUTHOR_URL 0x10u /* an author's web address (not mailto:) */
#define NCP_HOLDS_ALT 0x20u       /* media alternative text (besides a caption) */
#define NCP_HOLDS_MEDIA_TITLE 0x40u /* media titles */
#define NCP_HOLDS_SCHEMES 0x80u   /* subject schemes */
#define NCP_HOLDS_SOURCE_TITLE 0x100u /* a source link with a title and no address */
/* What every feed item holds: id, language, headline, summary, byline (as the author when
 * there is none), publisher (at least as the channel's title), url, the publication and
 * modification dates. */
#define NCP_HOLDS_COMMON                                                                     \
    (NCP_HOLDS_FIELD(NC_F_ID) | NCP_HOLDS_FIELD(NC_F_LANGUAGE) |                             \
     NCP_HOLDS_FIELD(NC_F_HEADLINE) | NCP_HOLDS_FIELD(NC_F_SUMMARY) |                        \
     NCP_HOLDS_FIELD(NC_F_BYLINE) | NCP_HOLDS_FIELD(NC_F_PUBLISHER) | NCP_HOLDS_FIELD(NC_F_URL))
#define NCP_HOLDS_DATES (NCP_HOLDS_TIME(NC_T_PUBLISHED) | NCP_HOLDS_TIME(NC_T_MODIFIED))
typedef struct ncp_feed_holds {
    const char *fmt;          /* "rss": the warning's first word */
    unsigned fields, times, what;
    const char *const *rels;  /* link relations it writes, NULL-terminated */
} ncp_feed_holds;
/* One warning naming what of a the item cannot hold (and the warnings of the agency
 * fields, ncp_warn_agency_not_carried). The editorial note is internal: a feed (a
 * published page) never holds it. The extras publisher_url and publisher_logo go to the
 * channel. */
void ncp_feed_not_carried(const nc_article *a, const nc_opts *o, const ncp_feed_holds *h);

/* Writes a with the entry writer fn, without the values the input constrains from
 * publishing (common/publish.c, NCP_PUBLISH_VALUES): a feed is published. */
typedef int (*ncp_feed_entry_fn)(const nc_article *a, nc_buf *out, const nc_opts *o,
                                 nc_error *err);
int ncp_feed_publish(ncp_feed_entry_fn fn, const char *fmt, const nc_article *a, nc_buf *out,
                     const nc_opts *o, nc_error *err);

/* ---- dates ---- */
/* RFC 822 (RSS): "Thu, 11 Jul 2019 10:30:00 +0200"; no zone: "-0000"; a date: midnight.
 * out: at least 40 bytes. "" for an unset time. */
void ncp_feed_rfc822(const nc_time *t, char *out);
/* RFC 3339 with a zone (Atom, JSON Feed): nc_time_format_rfc3339, whose "-00:00" says
 * "offset unknown". out: NC_TIME_ISO_LEN bytes. */
void ncp_feed_rfc3339(const nc_time *t, char *out);

/* ---- text and addresses ---- */
/* A channel option ("feed-title"), NULL when not given or empty. */
const char *ncp_feed_opt(const nc_opts *o, const char *name);
/* Escapes s for XML text (attr: an attribute value); invalid UTF-8 becomes U+FFFD and
 * characters XML 1.0 forbids are left out. Nothing for NULL. */
void ncp_feed_esc(nc_buf *out, const char *s, int attr);
/* "<name>text</name>\n" after `indent` spaces; nothing when text is NULL. */
void ncp_feed_el(nc_buf *out, int indent, const char *name, const char *text);
/* ' name="value"' (escaped); nothing when v is NULL. */
void ncp_feedw_attr(nc_buf *out, const char *name, const char *v);
/* 1 when url starts with a scheme ("https:", "urn:"). */
int ncp_feed_is_absolute(const char *url);
/* url made absolute against --feed-url (when it is relative and --feed-url is given),
 * into out (cleared first). 1 when the result is absolute, else 0 (out holds url). */
int ncp_feed_abs_url(const nc_opts *o, const char *url, nc_buf *out);
/* The entry's id: the model id, else the stable id (ncp_article_stable_id), written into
 * stable (NCP_FEED_ID_LEN bytes). */
#define NCP_FEED_ID_LEN 64
const char *ncp_feed_id(const nc_article *a, char *stable);
/* The body alone as canonical XHTML (ncp_body_to_xhtml, invalid UTF-8 replaced): the
 * HTML of content:encoded, Atom's content and JSON Feed's content_html. Every other field
 * goes into the item's own elements. */
void ncp_feed_html(const nc_article *a, nc_buf *out);
/* The plain text of the body, cut at about max bytes (at a space, with "..."). */
void ncp_feed_excerpt(const nc_article *a, size_t max, nc_buf *out);

/* ---- the formats: each one's writer and join_begin (format.c puts them in its
 * nc_format, with ncp_feed_join_add, _end and _free) ---- */
int ncp_rss_write(const nc_article *a, nc_buf *out, const nc_opts *o, nc_error *err);
void *ncp_rss_join_begin(const nc_opts *o, nc_error *err);
int ncp_atom_write(const nc_article *a, nc_buf *out, const nc_opts *o, nc_error *err);
void *ncp_atom_join_begin(const nc_opts *o, nc_error *err);
int ncp_jsonfeed_write(const nc_article *a, nc_buf *out, const nc_opts *o, nc_error *err);
void *ncp_jsonfeed_join_begin(const nc_opts *o, nc_error *err);
int ncp_sitemap_write(const nc_article *a, nc_buf *out, const nc_opts *o, nc_error *err);
void *ncp_sitemap_join_begin(const nc_opts *o, nc_error *err);

#endif
