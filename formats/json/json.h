/* newsconv: the json (ninjs) and jsonl formats, shared between their files.
 *
 *   format.c  the two nc_format definitions, options, sniffers, the jsonl line splitter
 *   reader.c  ninjs 1.x/2.x/3.x, vendor dialects and schema.org JSON-LD -> the model
 *   writer.c  the model -> ninjs 3.1, 3.0, 2.2, 2.1 or 1.6
 *
 * docs/formats.md ("json (ninjs)") gives the field-by-field mapping. */
#ifndef NEWSCONV_FORMATS_JSON_H
#define NEWSCONV_FORMATS_JSON_H

#include <jansson.h>

#include "common/jsonalloc.h"
#include "model/model.h"

/* Prefix of the identifiers this format makes up, so that the reader can tell them
 * from real ones:
 *   urn:newsconv:<16 hex>      the stable id (ncp_article_stable_id) of an article without id
 *   urn:newsconv:str:<pct>     a string that is not an absolute URI, in a field that
 *                              must hold one (uri, association uri, rendition href)
 *   urn:newsconv:none          an association without any address */
#define NCP_JSON_URN "urn:newsconv:"
#define NCP_JSON_URN_STR "urn:newsconv:str:"
#define NCP_JSON_URN_NONE "urn:newsconv:none"

/* The namespace of ninjs fields kept in details and extra (article.h): "ninjs:<key>". */
#define NCP_JSON_NS "ninjs:"

/* Relationship ("rel") of the subjects that carry keywords and the section. */
#define NCP_JSON_REL_KEYWORD "keyword"
#define NCP_JSON_REL_SECTION "section"

/* Reads one JSON text (a whole .json file: jsonl_line 0; or the line jsonl_line of a
 * .jsonl file) into the empty article a. Returns 0 or -1 (err set, with jansson's line
 * and column for malformed JSON; errors in a jsonl line name that line). */
int ncp_json_read(nc_article *a, const char *buf, size_t len, int jsonl_line,
                  const nc_opts *o, nc_error *err);
/* What ncp_json_read returns for a whole file (jsonl_line 0) that holds one object per
 * line, without setting err: the caller reads it as JSON Lines. */
#define NCP_JSON_LINES (-2)

/* Appends the article as ninjs (version from --ninjs-version: 3.1, the default, 3.0, 2.2,
 * 2.1 or 1.6; "3", "2" and "1" name 3.1, 2.2 and 1.6).
 * compact: one line. A newline ends the output. */
int ncp_json_write(const nc_article *a, nc_buf *out, int compact, const nc_opts *o,
                   nc_error *err);

/* ---- reader internals (reader.c), shared with the JSON-LD reader (jsonld.c) ---- */

typedef struct ncp_jrd {
    nc_article *a;
    const nc_opts *o;
    nc_error *err;
    int line; /* line of the object in the input (a jsonl line), else 0 */
    json_t *forms; /* ninjs: the forms of headline and summary (reader.c, note_form) */
} ncp_jrd;

/* obj[key] with the key compared case-insensitively (ninjs 2.x spells 3.x keys in lower
 * case); NULL when obj is not an object or has no such key. */
json_t *ncp_jrd_get(json_t *obj, const char *key);
/* The string value, copied into the article (NUL characters dropped, white space
 * trimmed); NULL when v is not a string or is empty. _text also takes numbers. */
const char *ncp_jrd_str(ncp_jrd *r, json_t *v);
const char *ncp_jrd_text(ncp_jrd *r, json_t *v);
/* An integer from a number or a numeric string. 0 when found. */
int ncp_jrd_int(json_t *v, long *out);
/* Sets timestamp f from the date string v (RFC 3339, else any written form); a value
 * that is no date is skipped with a warning naming key. */
void ncp_jrd_time(ncp_jrd *r, json_t *v, const char *key, nc_tfield f);
/* Appends an HTML (or NITF) body, or a plain-text body (paragraphs split on blank
 * lines, line breaks kept), to the article body. -1 with err set on failure. */
int ncp_jrd_html_body(ncp_jrd *r, const char *html);
void ncp_jrd_text_body(ncp_jrd *r, const char *text);
/* A NITF body without its body.head (a copy in the arena; nitf itself when it has none),
 * and the body.head's content in *head (NULL when none). */
const char *ncp_jrd_nitf_split(ncp_jrd *r, const char *nitf, const char **head);
/* The text of an HTML fragment (paragraphs separated by a blank line), in the arena.
 * quiet: no warnings (the drop check, on a string the reader has converted and warned on). */
const char *ncp_jrd_html_text(ncp_jrd *r, const char *html, int quiet);
/* Appends v to the extra fields under key (objects and arrays as JSON text). */
void ncp_jrd_extra(ncp_jrd *r, const char *key, json_t *v);
/* Reports NC_ERR_NOT_ARTICLE; returns -1. */
int ncp_jrd_not_article(ncp_jrd *r, const char *fmt, ...) NC_PRINTF(2, 3);

/* drops.c: warns once naming the fields of the ninjs object obj whose strings appear
 * nowhere in r->a (each string too with -v). */
void ncp_json_report_dropped(ncp_jrd *r, json_t *obj);
/* 1 when s is one of list (ASCII case-insensitive). */
int ncp_json_one_of(const char *s, const char *const *list);

/* jsonld.c: 1 when obj is schema.org JSON-LD (@context, @type or @graph). */
int ncp_jsonld_is(json_t *obj);
/* Reads a schema.org NewsArticle (or Article, ...; also inside @graph). */
int ncp_jsonld_read(ncp_jrd *r, json_t *obj);

/* writer.c: the plain-text body the writer writes beside the XHTML one (blocks separated
 * by a blank line, cells by tabs; deleted and struck-out text left out). */
void ncp_json_body_text(const nc_node *body, nc_buf *out);
/* writer.c: the ninjs 3.x spelling of a key that 3.x writes in camel case
 * ("contentType" for "contenttype"), else k. */
const char *ncp_json_camel(const char *k);
/* writer.c: a deep copy of v with the keys of its objects spelled by ncp_json_camel;
 * NULL when out of memory. */
json_t *ncp_json_camel_copy(json_t *v);
/* writer.c: the cv.iptc.org vocabulary URI ("http://cv.iptc.org/newscodes/mediatopic/")
 * of the alias of an IPTC QCode ("medtop:04000000"), or NULL. */
const char *ncp_iptc_scheme_uri(const char *code);

/* 1 when s is an absolute URI (RFC 3986: scheme ":" then only URI characters). */
int ncp_json_is_uri(const char *s);

#endif
