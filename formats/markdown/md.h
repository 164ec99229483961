/* newsconv: the Markdown format, shared between its files (not installed).
 *
 *   format.c       the nc_format, the sniffer, the reader's and writer's entry points
 *   body.c         cmark tree -> model body (with inline HTML tags paired up)
 *   html.c         raw HTML blocks -> model blocks (parsed with libxml2, mapped by the
 *                  canonical profile of formats/common/dom.h), tag and entity helpers
 *   frontmatter.c  YAML front matter -> metadata (libyaml events), and back
 *   plain.c        the plain article layout of scraped archives, both ways
 *   render.c       model body -> CommonMark, checked by reading it back
 */
#ifndef NEWSCONV_FORMATS_MARKDOWN_MD_H
#define NEWSCONV_FORMATS_MARKDOWN_MD_H

#include "model/model.h"

/* One reading of Markdown text into an article. */
typedef struct ncp_md_reader {
    nc_article *a;
    const nc_opts *o;    /* NULL or without warn callback: no warnings */
    nc_error *err;
    int line_offset;     /* lines of the input before the text given to cmark */
    int warned_html;     /* "raw HTML dropped" was reported */
} ncp_md_reader;

/* Reports a warning (nothing when r->o has no callback). */
void ncp_md_warn(ncp_md_reader *r, int line, int column, const char *fmt, ...) NC_PRINTF(4, 5);
/* Reports dropped raw HTML, once per reading. */
void ncp_md_warn_html(ncp_md_reader *r, int line, int column, const char *what);

/* ---- format.c ---- */
/* The reader: front matter, body, and the plain layout when there is no front matter.
 * o may be NULL (no warnings). */
int ncp_md_read(nc_article *a, const char *buf, size_t len, const nc_opts *o, nc_error *err);

/* ---- body.c ---- */
/* Parses CommonMark text and appends its blocks to parent (a block container of r->a).
 * Returns 0, or -1 with r->err set (nesting deeper than NC_MAX_DEPTH, out of memory). */
int ncp_md_parse_body(ncp_md_reader *r, const char *text, size_t len, nc_node *parent);

/* ---- html.c ---- */
/* Converts a raw HTML block to model blocks appended to parent. line/column: where the
 * block starts in the input. Returns 0 or -1. */
int ncp_md_html_block(ncp_md_reader *r, const char *html, size_t len, nc_node *parent,
                      int line, int column);

/* One inline HTML tag ("<a href='x'>", "</em>", "<br/>", "<!-- c -->"). */
typedef struct ncp_md_tag {
    char name[16];       /* lower case; "" when not a tag we can name */
    int closing;         /* </name> */
    int selfclosing;     /* <name/> */
    int comment;         /* <!-- -->, <? ?>, <!X>, CDATA */
    const char *href, *src, *alt, *title, *cls; /* decoded, in the arena; NULL if absent */
} ncp_md_tag;
/* Parses the tag s[0..len) (an html_inline literal). Returns 0, or -1 when it is not
 * exactly one tag. */
int ncp_md_parse_tag(nc_article *a, const char *s, size_t len, ncp_md_tag *tag);
/* Decodes HTML character references of s[0..len) into out. */
void ncp_md_decode_entities(nc_buf *out, const char *s, size_t len);

/* ---- frontmatter.c ---- */
/* Reads YAML front matter (the text between the delimiter lines) into r->a. line: the
 * input line of the YAML's first line. Returns 0, or -1 with r->err set. */
int ncp_md_read_front_matter(ncp_md_reader *r, const char *yaml, size_t len, int line);
/* Appends the front matter block ("---\n...---\n") of a's metadata to out. Returns 1 when
 * something was written, 0 when a has no metadata. */
int ncp_md_write_front_matter(const nc_article *a, nc_buf *out, const nc_opts *o);
/* 1 when a key (case-insensitive) is one the front matter reader maps to the model. */
int ncp_md_known_key(const char *key);

/* ---- plain.c ---- */
/* Takes the plain article layout's metadata out of the body of r->a (headline, byline,
 * date, head figure, related links, original url). */
int ncp_md_plain_extract(ncp_md_reader *r);
/* 1 when reading body back without front matter would take anything from it as
 * metadata (so the writer must write a front matter block, even an empty one); -1 when
 * out of memory. */
int ncp_md_plain_would_extract(const nc_node *body);
/* Writes a in the plain article layout. */
int ncp_md_write_plain(const nc_article *a, nc_buf *out, const nc_opts *o, nc_error *err);

/* ---- render.c ---- */
typedef struct ncp_md_writer ncp_md_writer;
/* A body writer appending to out. NULL when out of memory. */
ncp_md_writer *ncp_md_writer_new(nc_buf *out, const nc_opts *o);
void ncp_md_writer_free(ncp_md_writer *w);
/* Writes one top-level block (a blank line before it unless it is the first), in the
 * plainest CommonMark that reads back as the same nodes; falls back on raw HTML, and
 * warns when nothing reads back exactly. */
void ncp_md_write_block(ncp_md_writer *w, const nc_node *block);
/* Writes every child of body with ncp_md_write_block. */
void ncp_md_write_blocks(ncp_md_writer *w, const nc_node *body);

/* ---- shared helpers (body.c) ---- */
/* Copies the subtree of src (and src itself) into a, detached. NULL when out of memory. */
nc_node *ncp_md_clone(nc_article *a, const nc_node *src);
/* A comparable serialisation of the subtrees of n and its next siblings up to (not
 * including) stop: adjacent texts merged, empty texts skipped, NULL attributes as "". */
void ncp_md_canon(nc_buf *out, const nc_node *n, const nc_node *stop);
/* Sets a string attribute from cmark-like input: NULL or "" leaves it unset. */
const char *ncp_md_nonempty(const char *s);

#endif
