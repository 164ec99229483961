/* newsconv html: the newsconv-extra block, both ways.
 *
 * <script type="application/json" id="newsconv-extra"> holds what schema.org cannot say:
 * byline, slugline, urgency, pubstatus, ednote, usage_terms, embargo, links, extra pairs, and
 * genres that carry a code or scheme. Only newsconv's own pages are read for it. Keys are
 * written in a fixed order. */
#include "html.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

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
    if (json_is_array(v = json_object_get(j, "genres"))) {
        a->n_genres = 0;
        for (i = 0; i < json_array_size(v); i++) {
            json_t *g = json_array_get(v, i);
            nc_article_add_genre(a, json_string_value(json_object_get(g, "name")),
                                 json_string_value(json_object_get(g, "code")),
                                 json_string_value(json_object_get(g, "scheme")));
        }
    }
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
    if (a->n_genres && ncp_html_genres_need_extra(a)) {
        arr = json_array();
        for (i = 0; i < a->n_genres; i++) {
            json_t *g = json_object();
            ncp_html_json_set(g, "name", a->genres[i].name);
            ncp_html_json_set(g, "code", a->genres[i].code);
            ncp_html_json_set(g, "scheme", a->genres[i].scheme);
            json_array_append_new(arr, g);
        }
        json_object_set_new(o, "genres", arr);
    }
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
