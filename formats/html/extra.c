/* newsconv html: the newsconv-extra block, both ways.
 *
 * <script type="application/json" id="newsconv-extra"> holds what schema.org cannot say:
 * byline, slugline, urgency, pubstatus, ednote, usage_terms, embargo, links, extra pairs,
 * genres that carry a code, scheme or attributes, and the agency metadata: item_type,
 * digital_source_type and data_mining (all their fields), the subjects when one has a type
 * or attributes (the whole list, which replaces the JSON-LD's `about` on reading), the
 * authors' details and the media's and renditions' further fields (arrays in model order,
 * null where an item has none, laid over the JSON-LD's authors and associatedMedia).
 * A details value is its JSON text, kept as a string so that it reads back exactly. Only
 * newsconv's own pages are read for it. Keys are written in a fixed order. */
#include "common/notcarried.h"
#include "html.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

static const char *jstr(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* An integer member as an attribute (NC_UNSET when absent). */
static int jint(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_integer(v) ? (int)json_integer_value(v) : NC_UNSET;
}

/* The fields of a subject object beyond name, code and scheme. */
static void subject_read(nc_article *a, nc_subject *s, json_t *g)
{
    const char *t = jstr(g, "type");
    int k = t ? nc_subject_type_from_name(t) : -1;
    if (k >= 0)
        s->type = (nc_subject_type)k;
    nc_article_setp(a, &s->uri, jstr(g, "uri"));
    nc_article_setp(a, &s->rel, jstr(g, "rel"));
    s->relevance = jint(g, "relevance");
    s->confidence = jint(g, "confidence");
    nc_article_setp(a, &s->creator, jstr(g, "creator"));
    nc_article_setp(a, &s->details, jstr(g, "details"));
}

static void subjects_read(nc_article *a, json_t *v, int genre)
{
    size_t i;
    if (genre)
        a->n_genres = 0;
    else
        a->n_subjects = 0;
    for (i = 0; i < json_array_size(v); i++) {
        json_t *g = json_array_get(v, i);
        nc_subject *s = (genre ? nc_article_add_genre : nc_article_add_subject)(
            a, jstr(g, "name"), jstr(g, "code"), jstr(g, "scheme"));
        if (s)
            subject_read(a, s, g);
    }
}

static void coded_read(nc_article *a, json_t *g, nc_subject *s)
{
    if (!json_is_object(g))
        return;
    nc_article_setp(a, &s->name, jstr(g, "name"));
    nc_article_setp(a, &s->code, jstr(g, "code"));
    nc_article_setp(a, &s->scheme, jstr(g, "scheme"));
    subject_read(a, s, g);
}

static void rendition_read(nc_article *a, nc_rendition *r, json_t *g)
{
    json_t *v;
    if (!json_is_object(g))
        return;
    nc_article_setp(a, &r->title, jstr(g, "title"));
    if (json_is_integer(v = json_object_get(g, "size")))
        r->size = json_integer_value(v);
    if (json_is_number(v = json_object_get(g, "duration")))
        r->duration = json_number_value(v);
    nc_article_setp(a, &r->format, jstr(g, "format"));
    nc_article_setp(a, &r->details, jstr(g, "details"));
}

/* "media": one object (or null) per media item, laid over the JSON-LD's. */
static void media_read(nc_article *a, json_t *v)
{
    size_t i, j;
    for (i = 0; i < json_array_size(v) && i < a->n_media; i++) {
        json_t *g = json_array_get(v, i), *rs;
        nc_media *m = &a->media[i];
        if (!json_is_object(g))
            continue;
        nc_article_setp(a, &m->name, jstr(g, "name"));
        nc_article_setp(a, &m->type, jstr(g, "type"));
        nc_article_setp(a, &m->rel, jstr(g, "rel"));
        nc_article_setp(a, &m->details, jstr(g, "details"));
        if (json_is_object(json_object_get(g, "main"))) {
            nc_article_setp(a, &m->main.name, jstr(json_object_get(g, "main"), "name"));
            rendition_read(a, &m->main, json_object_get(g, "main"));
        }
        rs = json_object_get(g, "renditions");
        for (j = 0; j < json_array_size(rs) && j < m->n_renditions; j++)
            rendition_read(a, &m->renditions[j], json_array_get(rs, j));
    }
}

int ncp_html_extra(ncp_hpage *p)
{
    nc_article *a = p->a;
    xmlNode *n;
    json_t *j = NULL, *v;
    size_t i;
    if (!p->own)
        return 0; /* only newsconv's own pages carry it */
    for (n = p->root; n && !j; n = ncp_html_next(n, p->root, 1))
        if (ncp_dom_is(n, "script") && ncp_html_script_is(n, "application/json") &&
            ncp_dom_attr(n, "id") && !strcmp(ncp_dom_attr(n, "id"), "newsconv-extra"))
            j = ncp_html_parse_script(p, n, 1);
    if (!json_is_object(j)) {
        json_decref(j);
        return 0;
    }
#define S(key, field)                                                                      \
    if (json_is_string(v = json_object_get(j, key)))                                       \
        nc_article_sets(a, field, json_string_value(v));
    S("byline", NC_F_BYLINE)
    S("slugline", NC_F_SLUGLINE)
    S("pubstatus", NC_F_PUBSTATUS)
    S("ednote", NC_F_EDNOTE)
    S("usage_terms", NC_F_USAGE_TERMS)
#undef S
    if (json_is_integer(v = json_object_get(j, "urgency")))
        a->urgency = (int)json_integer_value(v);
    if (json_is_string(v = json_object_get(j, "embargo"))) {
        nc_time t;
        if (nc_time_parse_iso(json_string_value(v), json_string_length(v), &t) == 0)
            nc_article_set_time(a, NC_T_EMBARGO, &t);
    }
    if (json_is_array(v = json_object_get(j, "genres")))
        subjects_read(a, v, 1);
    if (json_is_array(v = json_object_get(j, "subjects")))
        subjects_read(a, v, 0);
    nc_article_setp(a, &a->item_type, jstr(j, "item_type"));
    coded_read(a, json_object_get(j, "digital_source_type"), &a->digital_source_type);
    coded_read(a, json_object_get(j, "data_mining"), &a->data_mining);
    if (json_is_array(v = json_object_get(j, "author_details")))
        for (i = 0; i < json_array_size(v) && i < a->n_authors; i++)
            nc_article_setp(a, &a->authors[i].details, json_string_value(json_array_get(v, i)));
    if (json_is_array(v = json_object_get(j, "media")))
        media_read(a, v);
    if (json_is_array(v = json_object_get(j, "links")))
        for (i = 0; i < json_array_size(v); i++) {
            json_t *g = json_array_get(v, i);
            nc_article_add_link(a, json_string_value(json_object_get(g, "rel")),
                                json_string_value(json_object_get(g, "href")),
                                json_string_value(json_object_get(g, "title")));
        }
    if (json_is_array(v = json_object_get(j, "extra")))
        for (i = 0; i < json_array_size(v); i++) {
            json_t *g = json_array_get(v, i);
            const char *k = json_string_value(json_object_get(g, "key"));
            const char *val = json_string_value(json_object_get(g, "value"));
            if (k && val)
                nc_article_add_extra(a, k, val, json_is_true(json_object_get(g, "json")));
        }
    json_decref(j);
    return 0;
}

static void set_int(json_t *o, const char *key, long long v, long long unset)
{
    if (v != unset)
        json_object_set_new(o, key, json_integer(v));
}

static json_t *subject_obj(const nc_subject *s)
{
    json_t *g = json_object();
    if (s->type != NC_SUBJECT_TOPIC)
        ncp_html_json_set(g, "type", nc_subject_type_name(s->type));
    ncp_html_json_set(g, "name", s->name);
    ncp_html_json_set(g, "code", s->code);
    ncp_html_json_set(g, "scheme", s->scheme);
    ncp_html_json_set(g, "uri", s->uri);
    ncp_html_json_set(g, "rel", s->rel);
    set_int(g, "relevance", s->relevance, NC_UNSET);
    set_int(g, "confidence", s->confidence, NC_UNSET);
    ncp_html_json_set(g, "creator", s->creator);
    ncp_html_json_set(g, "details", s->details);
    return g;
}

static json_t *subjects_arr(const nc_subject *s, size_t n)
{
    json_t *arr = json_array();
    size_t i;
    for (i = 0; i < n; i++)
        json_array_append_new(arr, subject_obj(&s[i]));
    return arr;
}

/* A rendition's further fields (and the main rendition's name), or null. */
static json_t *rendition_obj(const nc_rendition *r, int with_name)
{
    json_t *g;
    if (!ncp_rendition_has_more(r) && !(with_name && r->name))
        return json_null();
    g = json_object();
    if (with_name)
        ncp_html_json_set(g, "name", r->name);
    ncp_html_json_set(g, "title", r->title);
    set_int(g, "size", r->size, 0);
    if (r->duration != 0)
        json_object_set_new(g, "duration", json_real(r->duration));
    ncp_html_json_set(g, "format", r->format);
    ncp_html_json_set(g, "details", r->details);
    return g;
}

static json_t *media_arr(const nc_article *a)
{
    json_t *arr = json_array();
    size_t i, j;
    for (i = 0; i < a->n_media; i++) {
        const nc_media *m = &a->media[i];
        json_t *g;
        if (!ncp_media_has_more(m)) {
            json_array_append_new(arr, json_null());
            continue;
        }
        g = json_object();
        ncp_html_json_set(g, "name", m->name);
        ncp_html_json_set(g, "type", m->type);
        ncp_html_json_set(g, "rel", m->rel);
        ncp_html_json_set(g, "details", m->details);
        if (m->main.name || ncp_rendition_has_more(&m->main))
            json_object_set_new(g, "main", rendition_obj(&m->main, 1));
        for (j = 0; j < m->n_renditions; j++)
            if (ncp_rendition_has_more(&m->renditions[j]))
                break;
        if (j < m->n_renditions) {
            json_t *rs = json_array();
            for (j = 0; j < m->n_renditions; j++)
                json_array_append_new(rs, rendition_obj(&m->renditions[j], 0));
            json_object_set_new(g, "renditions", rs);
        }
        json_array_append_new(arr, g);
    }
    return arr;
}

void ncp_html_extra_write(const nc_article *a, nc_buf *out)
{
    json_t *o = json_object(), *arr;
    size_t i;
    char t[NC_TIME_ISO_LEN];
    ncp_html_json_set(o, "byline", a->str[NC_F_BYLINE]);
    ncp_html_json_set(o, "slugline", a->str[NC_F_SLUGLINE]);
    if (a->urgency)
        json_object_set_new(o, "urgency", json_integer(a->urgency));
    ncp_html_json_set(o, "pubstatus", a->str[NC_F_PUBSTATUS]);
    ncp_html_json_set(o, "ednote", a->str[NC_F_EDNOTE]);
    ncp_html_json_set(o, "usage_terms", a->str[NC_F_USAGE_TERMS]);
    if (nc_time_format(&a->time[NC_T_EMBARGO], t))
        json_object_set_new(o, "embargo", json_string(t));
    if (a->n_genres && ncp_html_genres_need_extra(a))
        json_object_set_new(o, "genres", subjects_arr(a->genres, a->n_genres));
    for (i = 0; i < a->n_subjects && !ncp_subject_has_attrs(&a->subjects[i]); i++)
        ;
    if (i < a->n_subjects)
        json_object_set_new(o, "subjects", subjects_arr(a->subjects, a->n_subjects));
    ncp_html_json_set(o, "item_type", a->item_type);
    if (a->digital_source_type.name || a->digital_source_type.code)
        json_object_set_new(o, "digital_source_type", subject_obj(&a->digital_source_type));
    if (a->data_mining.name || a->data_mining.code)
        json_object_set_new(o, "data_mining", subject_obj(&a->data_mining));
    for (i = 0; i < a->n_authors && !a->authors[i].details; i++)
        ;
    if (i < a->n_authors) {
        arr = json_array();
        for (i = 0; i < a->n_authors; i++)
            json_array_append_new(arr, a->authors[i].details
                                           ? json_string(a->authors[i].details)
                                           : json_null());
        json_object_set_new(o, "author_details", arr);
    }
    for (i = 0; i < a->n_media && !ncp_media_has_more(&a->media[i]); i++)
        ;
    if (i < a->n_media)
        json_object_set_new(o, "media", media_arr(a));
    if (a->n_links) {
        arr = json_array();
        for (i = 0; i < a->n_links; i++) {
            json_t *g = json_object();
            ncp_html_json_set(g, "rel", a->links[i].rel);
            ncp_html_json_set(g, "href", a->links[i].href);
            ncp_html_json_set(g, "title", a->links[i].title);
            json_array_append_new(arr, g);
        }
        json_object_set_new(o, "links", arr);
    }
    if (a->n_extra) {
        arr = json_array();
        for (i = 0; i < a->n_extra; i++) {
            json_t *g = json_object();
            ncp_html_json_set(g, "key", a->extra[i].key);
            ncp_html_json_set(g, "value", a->extra[i].value);
            if (a->extra[i].json)
                json_object_set_new(g, "json", json_true());
            json_array_append_new(arr, g);
        }
        json_object_set_new(o, "extra", arr);
    }
    if (json_object_size(o))
        ncp_html_json_dump(o, out);
    json_decref(o);
}
