/* newsconv: the model's internals (src/model/), for the layers above it (not installed). */
#ifndef NEWSCONV_MODEL_H
#define NEWSCONV_MODEL_H

#include <stddef.h>

#include "newsconv/newsconv.h"

/* ---- arena (arena.c) ----
 * One arena per article. Built with -DNC_ARENA_MALLOC (make ARENA=malloc), every
 * allocation is its own malloc block, so sanitizers and valgrind see each object. */
/* A node type in words for messages to users ("numbered list"; nc_node_type_name gives
 * the model's name, "ordered_list"). */
const char *ncp_node_type_words(nc_node_type t);
nc_arena *ncp_arena_new(void);
void ncp_arena_free(nc_arena *ar);
void *ncp_arena_alloc(nc_arena *ar, size_t size); /* zeroed; NULL when out of memory */
/* Grows an array in the arena: returns a new block with the old n*elem bytes copied. */
void *ncp_arena_realloc(nc_arena *ar, void *old, size_t old_size, size_t new_size);

/* Appends one zeroed element to an arena-backed array. NULL when out of memory. */
void *ncp_vec_push(nc_article *a, void **items, size_t *n, size_t *cap, size_t elem);

/* ---- the node (node.c) ---- */
struct nc_node {
    nc_node_type type;
    int line, column;
    struct nc_node *parent, *first, *last, *next, *prev;
    nc_article *article;
    union {
        int level;                                      /* heading */
        struct { int start, tight; } list;              /* lists */
        struct { int header, footer, colspan, rowspan, align; } cell; /* table row / cell */
        struct { const char *info, *literal; size_t len; } code; /* code block, text, code */
        struct { const char *href, *title, *alt, *credit; int credit_first; } ref;
                /* link, image, figure (credit_first: the credit came before the caption) */
        struct { const char *url, *html; } embed;       /* embed */
    } as;
};

/* A definition list holds terms and definitions only: any other child (stray text a
 * reader put in a paragraph) goes into a definition of its own. */
void ncp_def_list_tidy(nc_article *a, nc_node *dl);

/* ---- strings (util.c) ---- */
int ncp_strcasecmp(const char *a, const char *b);
int ncp_strncasecmp(const char *a, const char *b, size_t n);
/* Days from 1970-01-01 to the civil date y-m-d (proleptic Gregorian; negative before). */
long long ncp_civil_days(int y, int m, int d);
/* Case-insensitive prefix test. */
int ncp_startswith_ci(const char *s, const char *prefix);
/* Trims ASCII white space from both ends of s[0..*len): returns the new start. */
const char *ncp_trim(const char *s, size_t *len);
/* 1 when s[0..len) is valid UTF-8. */
int ncp_utf8_valid(const char *s, size_t len);
/* Appends s[0..len) to out, replacing invalid UTF-8 sequences with U+FFFD. */
void ncp_utf8_sanitize(nc_buf *out, const char *s, size_t len);
/* Appends the UTF-8 encoding of code point cp. */
void ncp_utf8_put(nc_buf *out, unsigned cp);
/* Collapses runs of ASCII white space to one space and trims; into out. A no-break
 * space (U+00A0) is a character, not white space: it stays. */
void ncp_collapse_space(nc_buf *out, const char *s, size_t len);
/* Line and column (1-based, column in bytes) of offset off in buf. */
void ncp_position(const char *buf, size_t off, int *line, int *column);
/* x in its shortest form (%.15g, %.16g or %.17g) that reads back as the same double:
 * 0.1 as "0.1", not "0.10000000000000001". buf holds at least 32 bytes. */
void ncp_double_str(double x, char *buf, size_t n);
/* FNV-1a 64-bit hash, for stable ids. */
unsigned long long ncp_hash64(const char *s, size_t len, unsigned long long h);

/* A stable identifier for an article without one: "urn:newsconv:" + hash of the url,
 * or of headline + body text when there is no url. Writes into out (>= 40 bytes). */
void ncp_article_stable_id(const nc_article *a, char *out, size_t outlen);

/* A failed allocation that a function cannot return (ncp_article_stable_id), in this
 * thread: _note records it, _clear forgets it, _noted tells whether one was recorded since
 * the last _clear. The driver clears it before each read and write and reports out of
 * memory after (through ncp_alloc_failures, formats/common/libinit.h). */
void ncp_alloc_failure_note(void);
void ncp_alloc_failure_clear(void);
int ncp_alloc_failure_noted(void);

/* ---- what a reader dropped (squash.c) ----
 * Everything the article holds (fields, list items, details, extras, body text and node
 * attributes), each value with its white space removed, one a line: a piece of input text
 * (squashed by ncp_squash_put, without its newline) that is not a substring of it was
 * dropped by the reader. */
void ncp_article_squash(const nc_article *a, nc_buf *out);
/* Appends s without white space, then a newline. */
void ncp_squash_put(nc_buf *b, const char *s);

/* ---- canonical XHTML body (xhtml.c) ----
 * Writes the body tree as the canonical XHTML subset (no wrapper element).
 * indent < 0: one line; else pretty-printed starting at that indent level. */
void ncp_body_to_xhtml(const nc_node *body, nc_buf *out, int indent);
/* The HTML element of an inline mark that is one element with no attributes (emphasis,
 * strong, sup, sub, del, ins, s): "em", "strong", ...; NULL for any other inline type. */
const char *ncp_inline_mark_tag(nc_node_type t);
/* Writes one node and its subtree (any node, not only the root) as canonical XHTML on
 * one line. NCP_XHTML_ONE_LINE: line breaks, tabs and carriage returns in text become
 * character references, so the result holds no line break at all (a Markdown HTML
 * block ends at a blank line). */
#define NCP_XHTML_ONE_LINE (1u << 0)
void ncp_node_to_xhtml(const nc_node *n, nc_buf *out, unsigned flags);
/* The colspan, rowspan and align attributes of a table cell (each with a leading space;
 * nothing for the defaults), as the canonical XHTML and NITF write them. */
void ncp_cell_attrs(const nc_node *n, nc_buf *out);
/* Escapes text for XML/HTML content (attr: also quotes). */
void ncp_xml_escape(nc_buf *out, const char *s, size_t len, int attr);

#endif
