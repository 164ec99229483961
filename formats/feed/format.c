/* newsconv: the feed formats, as writers (formats/feed/, docs/feeds-write.md): a batch
 * (or one article) into one RSS 2.0, Atom 1.0 or JSON Feed 1.1 document, or a Google
 * News sitemap. `write` writes an article as one entry; the join hooks (feedwrite.c)
 * order the entries newest first and write the document around them. */
#include "feedwrite.h"

static const char *const rss_ext[] = {".rss", NULL};
static const char *const atom_ext[] = {".atom", NULL};
static const nc_optdef atom_options[] = {
    {"atom-content", "html|xhtml",
     "atom: the entry content as escaped HTML (default) or inline XHTML"},
    {NULL, NULL, NULL}};

const nc_format nc_format_rss = {
    "rss", NULL, rss_ext, "RSS 2.0 feed: a batch as one channel (content:encoded, Media RSS)",
    NULL, NULL, ncp_rss_write, NULL, 0,
    ncp_rss_join_begin, ncp_feed_join_add, ncp_feed_join_end, ncp_feed_join_free};

const nc_format nc_format_atom = {
    "atom", NULL, atom_ext, "Atom 1.0 feed: a batch as one feed (RFC 4287)",
    NULL, NULL, ncp_atom_write, atom_options, 0,
    ncp_atom_join_begin, ncp_feed_join_add, ncp_feed_join_end, ncp_feed_join_free};

const nc_format nc_format_jsonfeed = {
    "jsonfeed", NULL, NULL, "JSON Feed 1.1: a batch as one feed",
    NULL, NULL, ncp_jsonfeed_write, NULL, 0,
    ncp_jsonfeed_join_begin, ncp_feed_join_add, ncp_feed_join_end, ncp_feed_join_free};

const nc_format nc_format_sitemap = {
    "sitemap", NULL, NULL, "Google News sitemap: the articles with a url (write-only)",
    NULL, NULL, ncp_sitemap_write, NULL, 0,
    ncp_sitemap_join_begin, ncp_feed_join_add, ncp_feed_join_end, ncp_feed_join_free};
