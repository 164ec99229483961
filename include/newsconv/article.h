/* newsconv: the article model.
 *
 * An nc_article holds the metadata of one news article and its body tree. Everything
 * in it (strings, list items, nodes) is allocated from the article's own arena and
 * released at once by nc_article_free(). Strings are UTF-8, NUL-terminated, and NULL
 * when unset. Setters copy their arguments.
 *
 * Out of memory is sticky: a setter or constructor that cannot allocate returns -1 or
 * NULL, marks the article failed, and later calls do nothing; a reader may check once,
 * with nc_article_ok(), before it returns. */
#ifndef NEWSCONV_ARTICLE_H
#define NEWSCONV_ARTICLE_H

#include <stddef.h>

#include "datetime.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Single-valued text fields. nc_field_name() gives the model name used by -t model and
 * -M (e.g. "copyright_holder"). */
typedef enum nc_field {
    NC_F_ID,               /* stable identifier (URI/URN): NewsML guid, ninjs uri */
    NC_F_VERSION,          /* revision, as written ("1", "3") */
    NC_F_LANGUAGE,         /* BCP 47 */
    NC_F_HEADLINE,
    NC_F_SUBHEADLINE,
    NC_F_SUMMARY,          /* standfirst / description / abstract */
    NC_F_BYLINE,           /* the credit line as printed: "By Jane Doe, Reuters" */
    NC_F_PROVIDER,         /* agency that supplied it */
    NC_F_PUBLISHER,        /* site or organisation that published it */
    NC_F_COPYRIGHT_HOLDER,
    NC_F_COPYRIGHT_NOTICE,
    NC_F_USAGE_TERMS,
    NC_F_CREDIT,           /* credit line */
    NC_F_DATELINE,         /* "HELSINKI, July 11 (Reuters) -" */
    NC_F_LOCATION,         /* place name */
    NC_F_SECTION,
    NC_F_SLUGLINE,
    NC_F_PUBSTATUS,        /* usable, withheld, canceled */
    NC_F_EDNOTE,
    NC_F_URL,              /* canonical / original web address */
    NC_F__COUNT
} nc_field;

/* Timestamps. */
typedef enum nc_tfield {
    NC_T_CREATED,
    NC_T_PUBLISHED,
    NC_T_MODIFIED,
    NC_T_EMBARGO,
    NC_T_EXPIRES,
    NC_T__COUNT
} nc_tfield;

/* A further structured value of an item (an entity's contact details or geometry, the
 * other fields of a rendition or of a media item), kept as the text of one JSON object
 * (NULL when there is none). Its keys:
 *   - a key without a colon holds data any format may map, in the shape ninjs 3.x gives
 *     it: "contactInfo" (an array of ninjs contactInfo objects: type, role, name, value,
 *     address), "geoJSON" (a GeoJSON geometry), "symbols" (ninjs organisation symbols);
 *   - a key "FORMAT:NAME" ("ninjs:versionCreated", "g2:...") is a field of that format
 *     that the model has no place for: only that format writes it back, the others warn
 *     that they do not carry it.
 * Unknown keys of a known vocabulary at the top of an article go to the extra pairs under
 * the same "FORMAT:NAME" keys ("ninjs:trustIndicators"). */

typedef struct nc_author {
    const char *name;
    const char *role;        /* author, photographer, editor, ... (NULL: unspecified) */
    const char *url;
    const char *affiliation;
    /* -- added with issue 14 (agency metadata) -- */
    const char *details;     /* JSON object (see above): contactInfo, and e.g.
                              * "ninjs:from": "people" for an author a ninjs document lists
                              * among its people rather than its infoSources */
} nc_author;

/* What a subject is. A plain subject (a topic, a category) is NC_SUBJECT_TOPIC, the value
 * of a zeroed nc_subject; named entities are the other kinds. All of them are in the one
 * list `subjects` of the article, in input order: a program that knows only subjects sees
 * the entities as subjects. ninjs: subjects, people, organisations, places, events,
 * objects; NewsML-G2: subject with @type cpnat:person, cpnat:organisation, cpnat:geoArea
 * (or poi), cpnat:event, cpnat:object (or concept details of those types). */
typedef enum nc_subject_type {
    NC_SUBJECT_TOPIC = 0,    /* "subject" */
    NC_SUBJECT_PERSON,       /* "person" */
    NC_SUBJECT_ORGANISATION, /* "organisation" */
    NC_SUBJECT_PLACE,        /* "place" */
    NC_SUBJECT_EVENT,        /* "event" */
    NC_SUBJECT_OBJECT        /* "object" */
} nc_subject_type;

/* An integer attribute the input did not give (relevance, confidence). */
#define NC_UNSET (-1)

/* A subject, an entity or a genre: name and/or code (QCode or URI, kept opaque) and
 * scheme, and the attributes agency formats give them. */
typedef struct nc_subject {
    const char *name;
    const char *code;
    const char *scheme;
    /* -- added with issue 14 (agency metadata); a zeroed tail means "not given" except for
     * relevance and confidence, which the appenders set to NC_UNSET -- */
    nc_subject_type type;
    const char *rel;        /* how the item relates to it, as given: ninjs rel ("about",
                             * "mentions"), NewsML-G2 @rel (a QCode) */
    int relevance;          /* 0..100 (ninjs relevance, G2 @relevance), or NC_UNSET */
    int confidence;         /* 0..100 (ninjs confidence, G2 @confidence), or NC_UNSET */
    const char *creator;    /* who or what assigned it (ninjs creator, G2 @creator) */
    const char *uri;        /* a URI given beside a code it does not spell out (ninjs uri
                             * with an unrelated literal, G2 @uri beside @qcode); when the
                             * URI is scheme + code it is not kept here */
    const char *details;    /* JSON object (see above): contactInfo, geoJSON, symbols, ... */
} nc_subject;

typedef struct nc_link {
    const char *rel;   /* "related", "see-also", ... */
    const char *href;  /* NULL when the source gives no address */
    const char *title;
} nc_link;

typedef enum nc_media_kind {
    NC_MEDIA_PICTURE,
    NC_MEDIA_VIDEO,
    NC_MEDIA_AUDIO,
    NC_MEDIA_GRAPHIC
} nc_media_kind;

typedef struct nc_rendition {
    const char *name;  /* "original", "thumbnail", "r00", ...: kept as the input gives it */
    const char *href;
    const char *mime;
    int width, height; /* 0 when unknown */
    /* -- added with issue 14 (agency metadata); zero or NULL when unknown -- */
    const char *title;    /* ninjs title, G2 @title */
    long long size;       /* in bytes (ninjs sizeInBytes, G2 @size) */
    double duration;      /* in seconds (ninjs duration, G2 @duration) */
    const char *format;   /* refinement of the media type (ninjs format, G2 @format) */
    const char *details;  /* JSON object (see above): the format's other fields (ninjs
                           * aspectRatio, videoCodec, frameRate, poi, ... as "ninjs:...") */
} nc_rendition;

typedef struct nc_media {
    nc_media_kind kind;
    const char *id;    /* the item's own URI, when it has one */
    const char *href;  /* the main rendition */
    const char *mime;
    int width, height; /* 0 when unknown */
    const char *title;
    const char *caption;
    const char *credit;
    const char *alt;
    nc_rendition *renditions; /* further renditions, in order */
    size_t n_renditions, cap_renditions;
    /* -- added with issue 14 (agency metadata); NULL when not given -- */
    const char *name;   /* its name in the item, as given: the ninjs association name
                         * ("a001", "featuremedia"); NULL: the writer makes one up */
    const char *type;   /* its item type as given ("picture", "component", "ninat:picture")
                         * when the format has one; NULL: from kind */
    const char *rel;    /* how the item relates to it (ninjs association rel) */
    nc_rendition main;  /* the main rendition's own fields: name as given ("r00"; NULL: the
                         * writer's "main"), title, size, duration, format, details. Its
                         * href, mime, width and height are unused: those of the media are
                         * the main rendition's */
    const char *details; /* JSON object (see above): the media item's other fields, e.g.
                          * "ninjs:versionCreated" or "ninjs:people" of an association */
} nc_media;

/* An extra key/value pair. A structured value (a YAML map or list, a JSON object) is
 * kept as JSON text with `json` set. */
typedef struct nc_kv {
    const char *key;
    const char *value;
    int json;
} nc_kv;

typedef struct nc_node nc_node;
typedef struct nc_arena nc_arena;

typedef struct nc_article {
    nc_arena *arena;
    const char *str[NC_F__COUNT];
    nc_time time[NC_T__COUNT];
    int urgency; /* 1 (most) .. 9 (least); 0 unset */

    nc_author *authors;   size_t n_authors, cap_authors;
    nc_subject *subjects; size_t n_subjects, cap_subjects;
    nc_subject *genres;   size_t n_genres, cap_genres;
    const char **keywords; size_t n_keywords, cap_keywords;
    nc_link *links;       size_t n_links, cap_links;
    nc_media *media;      size_t n_media, cap_media;
    nc_kv *extra;         size_t n_extra, cap_extra;

    nc_node *body;        /* the root, of kind NC_BLOCK_DOCUMENT; never NULL */
    int failed;           /* an allocation failed */
    int language_detected; /* 1: `language` was detected from the text (the input declared
                            * none), not declared */
    /* -- added with issue 14 (agency metadata); NULL when not given -- */
    const char *item_type; /* the item's type as the input gives it: ninjs type ("text",
                            * "picture", "composite"), G2 itemClass ("ninat:text"); NULL:
                            * each writer derives one */
    nc_subject digital_source_type; /* how the content was made (ninjs 3.1 digitalSourceType,
                            * 2.2 digitalsourcetype, G2 2.33 contentMeta/digitalSourceType):
                            * name and code (a URI or QCode of http://cv.iptc.org/newscodes/
                            * digitalsourcetype/); all NULL when unset */
    nc_subject data_mining; /* the data-mining permission or prohibition (G2 2.34
                            * rightsInfo/dataMining; extra "ninjs:dataMining" in ninjs, which
                            * has no field): name and code (e.g. a PLUS DMI URI); all NULL
                            * when unset */
} nc_article;

/* Constructor: a new empty article with an empty body. NULL when out of memory.
 * The caller owns it and frees it with nc_article_free(). */
nc_article *nc_article_new(void);
void nc_article_free(nc_article *a);

/* 0, or -1 with NC_ERR_NOMEM recorded into err, when an allocation has failed. */
int nc_article_ok(const nc_article *a, nc_error *err);

/* Arena allocation for readers (zeroed memory). NULL when out of memory. */
void *nc_article_alloc(nc_article *a, size_t size);
/* Copies s[0..len) into the arena, NUL-terminated. NULL when out of memory. */
char *nc_article_strndup(nc_article *a, const char *s, size_t len);
char *nc_article_strdup(nc_article *a, const char *s);

/* Field names: "headline", "copyright_holder", ...; and back (-1 when unknown). */
const char *nc_field_name(nc_field f);
int nc_field_from_name(const char *name);
const char *nc_tfield_name(nc_tfield f);
int nc_tfield_from_name(const char *name);

/* Sets a text field (NULL or len 0 clears it). Leading and trailing white space is kept:
 * readers trim what their format calls insignificant. */
int nc_article_set(nc_article *a, nc_field f, const char *s, size_t len);
int nc_article_sets(nc_article *a, nc_field f, const char *s);
static inline const char *nc_article_get(const nc_article *a, nc_field f) { return a->str[f]; }

void nc_article_set_time(nc_article *a, nc_tfield f, const nc_time *t);

/* List appenders: each copies its strings and returns the new item (owned by the
 * article), or NULL when out of memory. Arguments may be NULL. */
nc_author *nc_article_add_author(nc_article *a, const char *name, const char *role,
                                 const char *url, const char *affiliation);
nc_subject *nc_article_add_subject(nc_article *a, const char *name, const char *code,
                                   const char *scheme);
nc_subject *nc_article_add_genre(nc_article *a, const char *name, const char *code,
                                 const char *scheme);
/* Appends an entity (or, with NC_SUBJECT_TOPIC, a subject) to the subjects. */
nc_subject *nc_article_add_entity(nc_article *a, nc_subject_type type, const char *name,
                                  const char *code, const char *scheme);
const char *nc_article_add_keyword(nc_article *a, const char *keyword);
nc_link *nc_article_add_link(nc_article *a, const char *rel, const char *href,
                             const char *title);
nc_media *nc_article_add_media(nc_article *a, nc_media_kind kind, const char *href);
nc_rendition *nc_media_add_rendition(nc_article *a, nc_media *m, const char *name,
                                     const char *href, const char *mime, int width,
                                     int height);
/* Appends an extra pair; a later pair with the same key is appended too (order kept). */
nc_kv *nc_article_add_extra(nc_article *a, const char *key, const char *value, int json);
/* The first extra value with this key, or NULL. */
const char *nc_article_get_extra(const nc_article *a, const char *key);

/* Sets a string field of the article or of an item it owns (a subject's rel, a
 * rendition's title, a media's name, item_type, ...) to a copy of s in the arena; NULL
 * clears it. slot must point into a. Returns 0, or -1 when out of memory. Example:
 *     nc_article_setp(a, &s->rel, "about"); */
int nc_article_setp(nc_article *a, const char **slot, const char *s);

const char *nc_media_kind_name(nc_media_kind k); /* "picture", ... */
int nc_media_kind_from_name(const char *name);  /* -1 when unknown */
const char *nc_subject_type_name(nc_subject_type t); /* "subject", "person", ... */
int nc_subject_type_from_name(const char *name);     /* -1 when unknown */

/* Sets a field by its model name or a common alias, the way `-M KEY=VALUE` does:
 * text fields, timestamps (ISO 8601 or a written date), "urgency", "item_type",
 * "digital_source_type" and "data_mining" (a code or URI), and the list
 * fields "author", "subject", "genre", "keyword", "link". The value REPLACES the field:
 * a list field becomes the one item; any other key replaces its pairs in extra. An empty
 * value clears the field (a list becomes empty, never one empty item).
 * Returns 0, or -1 with NC_ERR_USAGE (a bad value) or NC_ERR_NOMEM. */
int nc_article_set_by_name(nc_article *a, const char *key, const char *value, nc_error *err);
/* The same for `-M KEY+=VALUE`: appends one item to a list field (or a pair to extra);
 * a text field, timestamp or urgency is set as by nc_article_set_by_name. An empty value
 * adds nothing. */
int nc_article_add_by_name(nc_article *a, const char *key, const char *value, nc_error *err);

/* ---- the publication policy ----
 * Output of newsconv is published and rendered by other systems, so an article holds only
 * addresses and characters that are safe in every output format. A URL is allowed when,
 * seen as a browser sees its scheme (character references and percent-encoding decoded,
 * control characters and spaces ignored, any case), it is relative or its scheme is http,
 * https, mailto, tel, ftp, news, urn or tag; an image may also be a data: URL of type
 * image/png, jpeg, gif, webp or avif (never svg+xml); an embed only http or https. */
typedef enum nc_url_use { NC_URL_LINK, NC_URL_IMAGE, NC_URL_EMBED } nc_url_use;
int nc_url_allowed(const char *url, nc_url_use use);

/* Called once for each thing nc_article_make_safe removes: what ("link", "image",
 * "figure", "embed", "media", "rendition", "url", "author url", "the HTML of an embed
 * (kept as a link)", or "control characters" with value the count as a decimal string),
 * the removed value, and its source position when known (else 0). */
typedef void (*nc_safety_report)(void *ud, const char *what, const char *value, int line,
                                 int column);
/* Applies the policy to a: forbidden URLs are removed (a link keeps its text; an image,
 * an embed and a figure without caption go), the raw HTML of embeds is removed (an embed
 * is a link to its address), and C0 controls other than tab, newline and carriage return,
 * DEL and C1 controls are removed from all text. nc_read_article calls it on every article
 * it returns. Returns how many removals were reported. */
long nc_article_make_safe(nc_article *a, nc_safety_report report, void *ud);

#ifdef __cplusplus
}
#endif
#endif
