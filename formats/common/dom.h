/* newsconv: a libxml2 DOM subtree (HTML or XML, namespaced or not) -> body nodes.
 *
 * Shared by the json, newsml and html readers. Elements are matched by local name,
 * case-insensitively, never by prefix; the mapping onto the model is the one of the
 * canonical XHTML (src/model/xhtml.c) plus the usual HTML synonyms (b -> strong, i -> em,
 * div -> its children, ...) and NITF body elements (hl1, hl2, bq, block, media).
 * The walk is iterative; model nesting is capped at NC_MAX_DEPTH (deeper content is
 * flattened into the deepest container). */
#ifndef NEWSCONV_FORMATS_DOM_H
#define NEWSCONV_FORMATS_DOM_H

#include <libxml/tree.h>

#include "model/model.h"

enum {
    NCP_DOM_HTML = 1u << 0,     /* web page rules: skip hidden elements, lazy images */
    NCP_DOM_SELF = 1u << 1,     /* convert the element itself, not only its children */
};

typedef struct ncp_dom_ctx {
    nc_article *a;
    const nc_opts *o;
    const char *base_url; /* relative href/src are resolved against it (may be NULL) */
    unsigned flags;
    /* Optional hook: return 1 to skip an element (and its subtree). */
    int (*skip)(void *ud, xmlNode *el);
    void *skip_data;
} ncp_dom_ctx;

/* Appends the blocks for el's content to `into` (a block container: the document, a
 * blockquote, a list item). Returns 0, or -1 when out of memory. */
int ncp_dom_convert(const ncp_dom_ctx *ctx, xmlNode *el, nc_node *into);

/* Parses an HTML fragment or document (UTF-8) with libxml2's HTML parser, without
 * network access, and appends its body's blocks to `into`. Returns 0 or -1 (err set). */
int ncp_html_to_body(nc_article *a, const char *html, size_t len, const nc_opts *o,
                     const char *base_url, nc_node *into, nc_error *err);

/* Helpers for readers. */
const char *ncp_dom_name(const xmlNode *n);          /* local name, "" for non-elements */
int ncp_dom_is(const xmlNode *n, const char *name);   /* element with this local name */
/* An attribute by local name (any namespace); NULL if absent. Points into the tree
 * (valid while the document lives); the value of a single text child. */
const char *ncp_dom_attr(const xmlNode *n, const char *name);
/* 1 when the class attribute holds a word containing `part` (case-insensitive). */
int ncp_dom_class_has(const xmlNode *n, const char *part);
/* Text content of n with white space collapsed, appended to out. */
void ncp_dom_text(const xmlNode *n, nc_buf *out);
/* Resolves href against base into out (copies href when either is not absolute). */
void ncp_dom_resolve(const char *base, const char *href, nc_buf *out);

#endif
