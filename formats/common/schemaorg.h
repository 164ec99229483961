/* newsconv: the schema.org vocabulary shared by the two JSON-LD readers: the html
 * reader's (formats/html/jsonld.c, the blocks of a web page) and the json reader's
 * (formats/json/jsonld.c, a bare JSON-LD object as input).
 *
 * Type names are matched case-insensitively after the vocabulary prefix is stripped
 * ("https://schema.org/NewsArticle", "http://schema.org/NewsArticle",
 * "schema:NewsArticle" and "newsarticle" all name NewsArticle). Where the two readers
 * differ, the difference is a parameter here (a second list, a flag), named for the
 * reader that wants it. */
#ifndef NEWSCONV_FORMATS_SCHEMAORG_H
#define NEWSCONV_FORMATS_SCHEMAORG_H

#include <jansson.h>

#include "model/model.h"

/* Article types both readers take (NewsArticle and its kinds, Article, BlogPosting,
 * ...). */
extern const char *const ncp_schema_article_types[];
/* The more the html reader takes on a page: MedicalScholarlyArticle, APIReference,
 * Posting. */
extern const char *const ncp_schema_page_article_types[];
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

/* What kind of media an @type value says: a video when one of its names is VideoObject,
 * else audio when one is AudioObject, else a picture. */
nc_media_kind ncp_schema_media_kind(json_t *type);

enum {
    /* keywords: white space collapsed inside each, and one already in the article is
     * not added again (the html reader); without: trimmed only (the json reader) */
    NCP_SCHEMA_TIDY = 1u << 0,
};
/* Adds the keywords of a comma-separated list ("a, b, c") to the article. */
void ncp_schema_keywords(nc_article *a, const char *list, unsigned flags);

#endif
