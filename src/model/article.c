/* newsconv: the article model. */
#include "model.h"

#include <stdlib.h>
#include <string.h>

static const char *const field_names[NC_F__COUNT] = {
    "id",        "version",          "language",         "headline",    "subheadline",
    "summary",   "byline",           "provider",         "publisher",   "copyright_holder",
    "copyright_notice", "usage_terms", "credit",         "dateline",    "location",
    "section",   "slugline",         "pubstatus",        "ednote",      "url"};

static const char *const tfield_names[NC_T__COUNT] = {"created", "published", "modified",
                                                      "embargo", "expires"};

static const char *const media_kind_names[] = {"picture", "video", "audio", "graphic"};

static const char *const subject_type_names[] = {"subject", "person", "organisation",
                                                 "place",   "event",  "object"};

nc_article *nc_article_new(void)
{
    nc_article *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->arena = ncp_arena_new();
    if (!a->arena) {
        free(a);
        return NULL;
    }
    a->body = nc_node_new(a, NC_BLOCK_DOCUMENT, 0, 0);
    if (!a->body) {
        nc_article_free(a);
        return NULL;
    }
    a->digital_source_type.relevance = a->digital_source_type.confidence = NC_UNSET;
    a->data_mining.relevance = a->data_mining.confidence = NC_UNSET;
    return a;
}

void nc_article_free(nc_article *a)
{
    if (!a)
        return;
    ncp_arena_free(a->arena);
    free(a);
}

int nc_article_ok(const nc_article *a, nc_error *err)
{
    if (a && !a->failed)
        return 0;
    return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
}

void *nc_article_alloc(nc_article *a, size_t size)
{
    void *p;
    if (a->failed)
        return NULL;
    p = ncp_arena_alloc(a->arena, size);
    if (!p)
        a->failed = 1;
    return p;
}

char *nc_article_strndup(nc_article *a, const char *s, size_t len)
{
    char *p;
    if (!s)
        return NULL;
    p = nc_article_alloc(a, len + 1);
    if (!p)
        return NULL;
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *nc_article_strdup(nc_article *a, const char *s)
{
    return s ? nc_article_strndup(a, s, strlen(s)) : NULL;
}

const char *nc_field_name(nc_field f)
{
    return (unsigned)f < NC_F__COUNT ? field_names[f] : NULL;
}

int nc_field_from_name(const char *name)
{
    int i;
    for (i = 0; i < NC_F__COUNT; i++)
        if (!strcmp(field_names[i], name))
            return i;
    return -1;
}

const char *nc_tfield_name(nc_tfield f)
{
    return (unsigned)f < NC_T__COUNT ? tfield_names[f] : NULL;
}

int nc_tfield_from_name(const char *name)
{
    int i;
    for (i = 0; i < NC_T__COUNT; i++)
        if (!strcmp(tfield_names[i], name))
            return i;
    return -1;
}

int nc_article_set(nc_article *a, nc_field f, const char *s, size_t len)
{
    if ((unsigned)f >= NC_F__COUNT)
        return -1;
    if (!s || !len) {
        a->str[f] = NULL;
        return 0;
    }
    a->str[f] = nc_article_strndup(a, s, len);
    if (!a->str[f])
        return -1;
    if (f == NC_F_LANGUAGE) {
        /* BCP 47 has no '_': POSIX locale names ("en_US", from og:locale, JSON-LD
         * inLanguage or a CMS) are the tag "en-US". */
        char *c;
        for (c = (char *)a->str[f]; *c; c++)
            if (*c == '_')
                *c = '-';
    }
    return 0;
}

int nc_article_sets(nc_article *a, nc_field f, const char *s)
{
    return nc_article_set(a, f, s, s ? strlen(s) : 0);
}

void nc_article_set_time(nc_article *a, nc_tfield f, const nc_time *t)
{
    if ((unsigned)f >= NC_T__COUNT)
        return;
    if (t)
        a->time[f] = *t;
    else
        memset(&a->time[f], 0, sizeof a->time[f]);
}

void *ncp_vec_push(nc_article *a, void **items, size_t *n, size_t *cap, size_t elem)
{
    char *p;
    if (a->failed)
        return NULL;
    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 4;
        void *nitems = ncp_arena_realloc(a->arena, *items, *n * elem, ncap * elem);
        if (!nitems) {
            a->failed = 1;
            return NULL;
        }
        *items = nitems;
        *cap = ncap;
    }
    p = (char *)*items + *n * elem;
    memset(p, 0, elem);
    (*n)++;
    return p;
}

#define PUSH(a, field)                                                                     \
    ncp_vec_push((a), (void **)&(a)->field, &(a)->n_##field, &(a)->cap_##field,            \
                 sizeof *(a)->field)

nc_author *nc_article_add_author(nc_article *a, const char *name, const char *role,
                                 const char *url, const char *affiliation)
{
    nc_author *au = PUSH(a, authors);
    if (!au)
        return NULL;
    au->name = nc_article_strdup(a, name);
    au->role = nc_article_strdup(a, role);
    au->url = nc_article_strdup(a, url);
    au->affiliation = nc_article_strdup(a, affiliation);
    return a->failed ? NULL : au;
}

static nc_subject *fill_subject(nc_article *a, nc_subject *s, const char *name,
                                const char *code, const char *scheme)
{
    if (!s)
        return NULL;
    s->name = nc_article_strdup(a, name);
    s->code = nc_article_strdup(a, code);
    s->scheme = nc_article_strdup(a, scheme);
    s->relevance = s->confidence = NC_UNSET;
    return a->failed ? NULL : s;
}

nc_subject *nc_article_add_subject(nc_article *a, const char *name, const char *code,
                                   const char *scheme)
{
    return fill_subject(a, PUSH(a, subjects), name, code, scheme);
}

nc_subject *nc_article_add_entity(nc_article *a, nc_subject_type type, const char *name,
                                  const char *code, const char *scheme)
{
    nc_subject *s = fill_subject(a, PUSH(a, subjects), name, code, scheme);
    if (s)
        s->type = (unsigned)type <= NC_SUBJECT_OBJECT ? type : NC_SUBJECT_TOPIC;
    return s;
}

nc_subject *nc_article_add_genre(nc_article *a, const char *name, const char *code,
                                 const char *scheme)
{
    return fill_subject(a, PUSH(a, genres), name, code, scheme);
}

const char *nc_article_add_keyword(nc_article *a, const char *keyword)
{
    const char **k = PUSH(a, keywords);
    if (!k)
        return NULL;
    *k = nc_article_strdup(a, keyword ? keyword : "");
    return *k;
}

nc_link *nc_article_add_link(nc_article *a, const char *rel, const char *href,
                             const char *title)
{
    nc_link *l = PUSH(a, links);
    if (!l)
        return NULL;
    l->rel = nc_article_strdup(a, rel);
    l->href = nc_article_strdup(a, href);
    l->title = nc_article_strdup(a, title);
    return a->failed ? NULL : l;
}

nc_media *nc_article_add_media(nc_article *a, nc_media_kind kind, const char *href)
{
    nc_media *m = PUSH(a, media);
    if (!m)
        return NULL;
    m->kind = kind;
    m->href = nc_article_strdup(a, href);
    return a->failed ? NULL : m;
}

nc_rendition *nc_media_add_rendition(nc_article *a, nc_media *m, const char *name,
                                     const char *href, const char *mime, int width,
                                     int height)
{
    nc_rendition *r = ncp_vec_push(a, (void **)&m->renditions, &m->n_renditions,
                                   &m->cap_renditions, sizeof *r);
    if (!r)
        return NULL;
    r->name = nc_article_strdup(a, name);
    r->href = nc_article_strdup(a, href);
    r->mime = nc_article_strdup(a, mime);
    r->width = width;
    r->height = height;
    return a->failed ? NULL : r;
}

nc_kv *nc_article_add_extra(nc_article *a, const char *key, const char *value, int json)
{
    nc_kv *kv = PUSH(a, extra);
    if (!kv)
        return NULL;
    kv->key = nc_article_strdup(a, key ? key : "");
    kv->value = nc_article_strdup(a, value ? value : "");
    kv->json = json;
    return a->failed ? NULL : kv;
}

const char *nc_article_get_extra(const nc_article *a, const char *key)
{
    size_t i;
    for (i = 0; i < a->n_extra; i++)
        if (!strcmp(a->extra[i].key, key))
            return a->extra[i].value;
    return NULL;
}

int nc_article_setp(nc_article *a, const char **slot, const char *s)
{
    if (!s) {
        *slot = NULL;
        return 0;
    }
    *slot = nc_article_strdup(a, s);
    return *slot ? 0 : -1;
}

const char *nc_subject_type_name(nc_subject_type t)
{
    return (unsigned)t <= NC_SUBJECT_OBJECT ? subject_type_names[t] : "subject";
}

int nc_subject_type_from_name(const char *name)
{
    int i;
    for (i = 0; i <= NC_SUBJECT_OBJECT; i++)
        if (!ncp_strcasecmp(subject_type_names[i], name))
            return i;
    if (!ncp_strcasecmp(name, "organization"))
        return NC_SUBJECT_ORGANISATION;
    return -1;
}

const char *nc_media_kind_name(nc_media_kind k)
{
    return (unsigned)k <= NC_MEDIA_GRAPHIC ? media_kind_names[k] : "picture";
}

int nc_media_kind_from_name(const char *name)
{
    int i;
    for (i = 0; i <= NC_MEDIA_GRAPHIC; i++)
        if (!ncp_strcasecmp(media_kind_names[i], name))
            return i;
    if (!ncp_strcasecmp(name, "image") || !ncp_strcasecmp(name, "photo"))
        return NC_MEDIA_PICTURE;
    return -1;
}

/* Aliases accepted by nc_article_set_by_name, in the spirit of front matter keys. */
static const struct {
    const char *alias, *name;
} aliases[] = {
    {"title", "headline"},          {"subtitle", "subheadline"},
    {"description", "summary"},     {"abstract", "summary"},
    {"lang", "language"},           {"date", "published"},
    {"lastmod", "modified"},        {"updated", "modified"},
    {"expirydate", "expires"},      {"embargoed", "embargo"},
    {"copyright", "copyright_notice"}, {"rights", "usage_terms"},
    {"tags", "keyword"},            {"keywords", "keyword"},
    {"tag", "keyword"},             {"authors", "author"},
    {"subjects", "subject"},        {"genres", "genre"},
    {"related", "link"},            {"guid", "id"},
    {"uri", "id"},                  {"status", "pubstatus"},
    {"digitalsourcetype", "digital_source_type"},
    {"datamining", "data_mining"},
};

/* Removes the extra pairs with this key (their memory stays in the arena). */
static void drop_extra(nc_article *a, const char *key)
{
    size_t i, n = 0;
    for (i = 0; i < a->n_extra; i++)
        if (strcmp(a->extra[i].key, key))
            a->extra[n++] = a->extra[i];
    a->n_extra = n;
}

static const char *canonical_key(const char *key)
{
    size_t i;
    for (i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (!ncp_strcasecmp(key, aliases[i].alias))
            return aliases[i].name;
    return key;
}

/* append: add one item to a list field (or extra) instead of replacing it. */
static int set_or_add(nc_article *a, const char *key, const char *value, int append,
                      nc_error *err)
{
    int f;
    const char *name = canonical_key(key);
    if ((f = nc_field_from_name(name)) >= 0) {
        nc_article_sets(a, (nc_field)f, value);
    } else if ((f = nc_tfield_from_name(name)) >= 0) {
        nc_time t;
        if (!*value) {
            nc_article_set_time(a, (nc_tfield)f, NULL);
        } else if (nc_time_parse_text(value, strlen(value), &t) < 0) {
            return nc_error_set(err, NC_ERR_USAGE, 0, 0, "%s: not a date: '%s'", key, value);
        } else {
            nc_article_set_time(a, (nc_tfield)f, &t);
        }
    } else if (!strcmp(name, "urgency")) {
        char *end;
        long u = strtol(value, &end, 10);
        if (*value && (*end || u < 0 || u > 9))
            return nc_error_set(err, NC_ERR_USAGE, 0, 0,
                                "urgency: '%s' is not a number from 1 to 9", value);
        a->urgency = *value ? (int)u : 0;
    } else if (!strcmp(name, "item_type")) {
        nc_article_setp(a, &a->item_type, *value ? value : NULL);
    } else if (!strcmp(name, "digital_source_type") || !strcmp(name, "data_mining")) {
        nc_subject *c = name[1] == 'i' ? &a->digital_source_type : &a->data_mining;
        c->name = c->scheme = NULL;
        nc_article_setp(a, &c->code, *value ? value : NULL);
    } else if (!strcmp(name, "author")) {
        if (!append)
            a->n_authors = 0;
        if (*value)
            nc_article_add_author(a, value, NULL, NULL, NULL);
    } else if (!strcmp(name, "subject")) {
        if (!append)
            a->n_subjects = 0;
        if (*value)
            nc_article_add_subject(a, value, NULL, NULL);
    } else if (!strcmp(name, "genre")) {
        if (!append)
            a->n_genres = 0;
        if (*value)
            nc_article_add_genre(a, value, NULL, NULL);
    } else if (!strcmp(name, "keyword")) {
        if (!append)
            a->n_keywords = 0;
        if (*value)
            nc_article_add_keyword(a, value);
    } else if (!strcmp(name, "link")) {
        if (!append)
            a->n_links = 0;
        if (*value)
            nc_article_add_link(a, "related", value, NULL);
    } else {
        if (!append)
            drop_extra(a, key);
        if (*value)
            nc_article_add_extra(a, key, value, 0);
    }
    return nc_article_ok(a, err);
}

int nc_article_set_by_name(nc_article *a, const char *key, const char *value, nc_error *err)
{
    return set_or_add(a, key, value, 0, err);
}

int nc_article_add_by_name(nc_article *a, const char *key, const char *value, nc_error *err)
{
    return set_or_add(a, key, value, 1, err);
}
