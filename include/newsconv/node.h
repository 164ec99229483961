/* newsconv: the body tree.
 *
 * Blocks and inlines of one article, each with the source position where its reader
 * found it. Nodes belong to the article whose arena they come from; there is no
 * freeing of single nodes. Walks never recurse: use nc_iter.
 *
 * The canonical serialisation is an XHTML subset with exactly these elements:
 * p h1-h6 blockquote ul ol li dl dt dd figure img figcaption pre code hr table caption thead tbody tfoot
 * tr th td
 * a em strong br sup sub del ins s (an embed is written as a link to its URL). */
#ifndef NEWSCONV_NODE_H
#define NEWSCONV_NODE_H

#include <stddef.h>

#include "article.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Maximum nesting depth readers build; deeper input is flattened or rejected. */
#define NC_MAX_DEPTH 256

typedef enum nc_node_type {
    NC_NODE_NONE = 0,
    /* blocks */
    NC_BLOCK_DOCUMENT,
    NC_BLOCK_PARAGRAPH,
    NC_BLOCK_HEADING,      /* level 1..6 */
    NC_BLOCK_BLOCKQUOTE,
    NC_BLOCK_BULLET_LIST,  /* tight */
    NC_BLOCK_ORDERED_LIST, /* start, tight */
    NC_BLOCK_LIST_ITEM,    /* holds blocks */
    NC_BLOCK_FIGURE,       /* href (image), alt, credit; children: caption inlines */
    NC_BLOCK_CODE_BLOCK,   /* info, literal */
    NC_BLOCK_THEMATIC_BREAK,
    NC_BLOCK_TABLE,        /* holds rows */
    NC_BLOCK_TABLE_ROW,    /* header: in <thead>; footer: in <tfoot>; holds cells */
    NC_BLOCK_TABLE_CELL,   /* header: <th>; colspan, rowspan (1 = none), align; holds inlines */
    NC_BLOCK_EMBED,        /* url, html (optional raw HTML of the embed) */
    NC_BLOCK_TABLE_CAPTION, /* the first child of a table; holds inlines */
    NC_BLOCK_DEF_LIST,     /* definition list <dl>: holds terms and definitions */
    NC_BLOCK_DEF_TERM,     /* <dt>: holds inlines */
    NC_BLOCK_DEF_DATA,     /* <dd>: holds blocks */
    /* inlines */
    NC_INLINE_TEXT,        /* literal */
    NC_INLINE_EMPH,
    NC_INLINE_STRONG,
    NC_INLINE_CODE,        /* literal */
    NC_INLINE_LINK,        /* href, title; children: inlines */
    NC_INLINE_IMAGE,       /* href (src), alt, title */
    NC_INLINE_LINEBREAK,
    NC_INLINE_SUP,
    NC_INLINE_SUB,
    NC_INLINE_DEL,         /* deleted text (a correction's old wording): <del> */
    NC_INLINE_INS,         /* inserted text (a correction's new wording): <ins> */
    NC_INLINE_STRIKE,      /* text no longer accurate: <s> */
    NC_NODE__COUNT,
    NC_BLOCK_FIRST = NC_BLOCK_DOCUMENT,
    NC_BLOCK_LAST = NC_BLOCK_DEF_DATA,
    NC_INLINE_FIRST = NC_INLINE_TEXT,
    NC_INLINE_LAST = NC_INLINE_STRIKE
} nc_node_type;

/* Horizontal alignment of a table cell (HTML align / text-align). */
typedef enum nc_align { NC_ALIGN_NONE = 0, NC_ALIGN_LEFT, NC_ALIGN_CENTER, NC_ALIGN_RIGHT } nc_align;

/* Creates a detached node in a's arena. NULL when out of memory (the article is then
 * marked failed). line/column: 1-based source position, 0 when unknown. */
nc_node *nc_node_new(nc_article *a, nc_node_type type, int line, int column);
/* A text node with a copy of s[0..len). */
nc_node *nc_node_new_text(nc_article *a, const char *s, size_t len, int line, int column);

/* Tree edits. NULL arguments are ignored (so a failed constructor needs no check).
 * append returns child. */
nc_node *nc_node_append(nc_node *parent, nc_node *child);
void nc_node_unlink(nc_node *node);
void nc_node_insert_before(nc_node *sibling, nc_node *node);

/* Attributes (copied into a's arena). Which apply depends on the type; see above. */
void nc_node_set_level(nc_node *n, int level);
void nc_node_set_start(nc_node *n, int start);
void nc_node_set_tight(nc_node *n, int tight);
void nc_node_set_header(nc_node *n, int header);
/* Table cells: columns and rows a cell spans (values below 2 mean 1, capped at 1000). */
/* Table rows: 1 for a row of the table footer (<tfoot>). */
void nc_node_set_footer(nc_node *n, int footer);
void nc_node_set_span(nc_node *n, int colspan, int rowspan);
void nc_node_set_align(nc_node *n, nc_align align);
int nc_node_set_href(nc_article *a, nc_node *n, const char *s);
int nc_node_set_title(nc_article *a, nc_node *n, const char *s);
int nc_node_set_alt(nc_article *a, nc_node *n, const char *s);
int nc_node_set_credit(nc_article *a, nc_node *n, const char *s);
int nc_node_set_info(nc_article *a, nc_node *n, const char *s);
int nc_node_set_literal(nc_article *a, nc_node *n, const char *s, size_t len);
int nc_node_set_html(nc_article *a, nc_node *n, const char *s);
/* Appends to a text/code literal (merging adjacent text). */
int nc_node_append_literal(nc_article *a, nc_node *n, const char *s, size_t len);

/* Accessors. Strings are NULL when unset. */
nc_node_type nc_node_get_type(const nc_node *n);
const char *nc_node_type_name(nc_node_type t); /* "paragraph", "text", ... */
int nc_node_is_block(const nc_node *n);
int nc_node_is_inline(const nc_node *n);
/* 1 when nodes of this type never have children (text, code, image, break, hr,
 * code block, embed). */
int nc_node_type_is_leaf(nc_node_type t);
nc_node *nc_node_parent(const nc_node *n);
nc_node *nc_node_first_child(const nc_node *n);
nc_node *nc_node_last_child(const nc_node *n);
nc_node *nc_node_next(const nc_node *n);
nc_node *nc_node_prev(const nc_node *n);
int nc_node_line(const nc_node *n);
int nc_node_column(const nc_node *n);
int nc_node_level(const nc_node *n);
int nc_node_start(const nc_node *n);
int nc_node_tight(const nc_node *n);
int nc_node_header(const nc_node *n);
int nc_node_footer(const nc_node *n);
int nc_node_colspan(const nc_node *n); /* 1 for other nodes */
int nc_node_rowspan(const nc_node *n); /* 1 for other nodes */
nc_align nc_node_align(const nc_node *n);
/* "left", "center", "right"; NULL for NC_ALIGN_NONE. */
const char *nc_align_name(nc_align align);
const char *nc_node_href(const nc_node *n);
const char *nc_node_title(const nc_node *n);
const char *nc_node_alt(const nc_node *n);
const char *nc_node_credit(const nc_node *n);
const char *nc_node_info(const nc_node *n);
const char *nc_node_literal(const nc_node *n);
const char *nc_node_html(const nc_node *n);

/* The body root of an article (never NULL). */
nc_node *nc_article_body(const nc_article *a);

/* Appends the plain text of n's subtree to out (text and code literals; a line break
 * gives "\n"; image alt text). */
struct nc_buf;
void nc_node_text(const nc_node *n, struct nc_buf *out);

/* Non-recursive walk. Containers give ENTER then EXIT; leaves give ENTER only. */
typedef enum nc_event { NC_EVENT_DONE, NC_EVENT_ENTER, NC_EVENT_EXIT } nc_event;
typedef struct nc_iter {
    const nc_node *root, *cur;
    nc_event ev;
} nc_iter;
nc_iter nc_iter_init(const nc_node *root);
nc_event nc_iter_next(nc_iter *it);
nc_node *nc_iter_node(const nc_iter *it);
/* Skips the children of the node just entered; its EXIT is not reported either. */
void nc_iter_skip_children(nc_iter *it);

#ifdef __cplusplus
}
#endif
#endif
