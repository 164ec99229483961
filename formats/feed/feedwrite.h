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
 *   KEY TAB UPDKEY TAB UPDATED TAB LANGUAGE TAB PUBLISHER TAB ORIGIN TAB FLAGS TAB IDENT LF
 * KEY: the sort key of the entry's date (published, else modified; ncp_feed_time_key;
 * 0 when undated); UPDKEY and UPDATED: the key and the format's own spelling of the
 * date the channel takes when this is the newest entry (modified, else published);
 * LANGUAGE, PUBLISHER, ORIGIN (scheme://host/ of its link): "-" when unknown; FLAGS:
 * "a" when the entry names an author, else "-"; IDENT: what makes the entry unique in
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
    int url_given;         /* --feed-url was given */
    const char *updated;   /* the newest entry's UPDATED, NULL when none is dated */
    const char *language;  /* the language every entry has, NULL when they differ */
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
} ncp_feed_kind;

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
/* The article as the html writer's fragment (the <article> element of --fragment): the
 * HTML of content:encoded, Atom's content and JSON Feed's content_html. */
int ncp_feed_html(const nc_article *a, const nc_opts *o, nc_buf *out, nc_error *err);
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
