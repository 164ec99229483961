/* newsconv: the schema.org vocabulary and its reading (authors, organisations, media,
 * keywords), shared by the two JSON-LD readers: the html reader's (formats/html/jsonld.c,
 * the blocks of a web page) and the json reader's
 * (formats/json/jsonld.c, a bare JSON-LD object as input).
 *
 * Type names are matched case-insensitively after the vocabulary prefix is stripped
 * ("https://schema.org/NewsArticle", "http://schema.org/NewsArticle",
 * "schema:NewsArticle" and "newsarticle" all name NewsArticle); property names the same
 * way. The readers share one behaviour; where a reader's input asks for another (the html
 * reader's own pages, a page's lead picture), the difference is a flag here, named for
 * what the input is. No other reader names schema.org types (tests/layers.sh). */
#ifndef NEWSCONV_FORMATS_SCHEMAORG_H
#define NEWSCONV_FORMATS_SCHEMAORG_H

#include <jansson.h>

#include "model/model.h"

/* Article types (NewsArticle and its kinds, Article, BlogPosting, MedicalScholarlyArticle,
 * APIReference, ...). */
extern const char *const ncp_schema_article_types[];
/* Media objects (ImageObject, VideoObject, AudioObject, MediaObject, Photograph). */
extern const char *const ncp_schema_media_types[];
/* Organisations (Organization and its kinds, Brand, WebSite): an author of one of these
 * types is an organisation, not a person. */
extern const char *const ncp_schema_org_types[];
/* Events (not articles). */
extern const char *const ncp_schema_event_types[];
/* Web pages (WebPage, ItemPage). */
extern const char *const ncp_schema_page_types[];

/* name without its vocabulary prefix (https://schema.org/, http://schema.org/, schema:);
 * points into name. */
const char *ncp_schema_strip(const char *name);
/* 1 when the type name (prefix stripped, case-insensitive) is one of types. */
int ncp_schema_name_in(const char *name, const char *const *types);
/* 1 when an @type value (a string, or an array of strings) names one of types (NULL or
 * another JSON value: 0). */
int ncp_schema_type_in(json_t *type, const char *const *types);
/* 1 when the key of a JSON-LD object names the property prop: the same name, prefix
 * stripped, case-insensitive ("schema:Name", "http://schema.org/name" name "name"). */
int ncp_schema_key_is(const char *key, const char *prop);

/* What kind of media an @type value says: a video when one of its names is VideoObject,
 * else audio when one is AudioObject, else a picture. */
nc_media_kind ncp_schema_media_kind(json_t *type);

/* ---- reading: the values of schema.org objects into the model ----
 *
 * Both JSON-LD readers pick their article object and map its own fields; what an object
 * says about authors, organisations, media and keywords is read here, through a reader
 * (ncp_schema_rd) that gives the reader's clean-up of text and addresses as hooks. */

enum {
    /* the document is newsconv's own output (the html reader's <meta name=generator>):
     * read what the writer writes as it is, no fallbacks (sameAs, givenName, embedUrl,
     * a credit from copyrightHolder or author), no person-before-organisation choice,
     * keywords kept whole */
    NCP_SCHEMA_EXACT = 1u << 0,
    /* media: the object's own fields only, no renditions (encoding, thumbnailUrl): the
     * html reader's lead picture of a page */
    NCP_SCHEMA_LEAD = 1u << 1,
};

typedef struct ncp_schema_rd ncp_schema_rd;

/* One author as read; the strings are in the article's arena, NULL when absent. */
typedef struct ncp_schema_agent {
    const char *name, *url, *affiliation, *role;
    int bare; /* given as a plain string ("Jane Doe"), not an object */
} ncp_schema_agent;

struct ncp_schema_rd {
    nc_article *a; /* the article read into; its arena holds every string returned */
    unsigned flags; /* NCP_SCHEMA_* */
    /* The text of a JSON string as the reader keeps it (trimmed, entities decoded, ...),
     * copied into a's arena; NULL when there is none. Required. */
    const char *(*text)(ncp_schema_rd *s, json_t *str);
    /* An address (a JSON string) as the reader keeps it (resolved against the page, ...),
     * in a's arena; NULL when there is none. NULL hook: text. */
    const char *(*url)(ncp_schema_rd *s, json_t *str);
    /* Adds one author to a. NULL hook: nc_article_add_author when it has a name or url. */
    void (*author)(ncp_schema_rd *s, const ncp_schema_agent *ag);
    void *user; /* the reader's own state, for its hooks */
    /* Every object of the document (ncp_schema_index), for {"@id": ...} references. The
     * array is the reader's (ncp_schema_rd_release frees it); the objects are the
     * document's. */
    json_t **objs;
    size_t n_objs, cap_objs;
};

/* Adds every object under root (root included, breadth-first, at most 100,000 values
 * looked at) to s->objs. Returns 0, or -1 when out of memory (what was found stays). */
int ncp_schema_index(ncp_schema_rd *s, json_t *root);
/* Frees s->objs (not the objects: the caller's JSON document owns them). */
void ncp_schema_rd_release(ncp_schema_rd *s);
/* A reference {"@id": X} (at most one more key): the indexed object with that @id and
 * more to it, else v itself. */
json_t *ncp_schema_deref(const ncp_schema_rd *s, json_t *v);
/* The property prop of object o (the key as written, else one ncp_schema_key_is
 * accepts), references resolved; NULL when o is no object or has none. */
json_t *ncp_schema_get(const ncp_schema_rd *s, json_t *o, const char *prop);

/* A text value: a string or number, the first of an array, an object's name, @value,
 * value or alternateName; through s->text (numbers as written). In a's arena or NULL. */
const char *ncp_schema_text(ncp_schema_rd *s, json_t *v);
/* An address: a string, the first of an array, an object's contentUrl, url or @id;
 * through s->url. In a's arena or NULL. */
const char *ncp_schema_url(ncp_schema_rd *s, json_t *v);
/* A pixel size: an integer, an integral number, a string of digits (" 900", "900px"), or
 * an object's value (QuantitativeValue); 0 when none or not above 0. */
int ncp_schema_int(json_t *v);

/* Adds the authors of v (a Person or Organization object, a name, a Role wrapping one,
 * an array of these, {"@id"} references) with role (NULL: none; a Role's roleName wins)
 * through s->author. Persons (and plain names) first: organisations are taken only when
 * v names no person (not with NCP_SCHEMA_EXACT, which takes all in order). Returns 1
 * when the authors added are organisations, else 0. */
int ncp_schema_authors(ncp_schema_rd *s, json_t *v, const char *role);
/* Adds the media item v says (an address, or an ImageObject, VideoObject, AudioObject,
 * MediaObject; its kind from its @type, else kind) and returns it (the article's), or
 * NULL when v says none: no address (unless NCP_SCHEMA_EXACT) or out of memory. */
nc_media *ncp_schema_media(ncp_schema_rd *s, json_t *v, nc_media_kind kind);
/* Adds the keywords of v: a string "a, b, c" or an array of strings and objects (their
 * name); each string split at commas, white space collapsed, empty ones and ones already
 * in the article left out (with NCP_SCHEMA_EXACT: each string kept whole, as written). */
void ncp_schema_keywords(ncp_schema_rd *s, json_t *v);

#endif
