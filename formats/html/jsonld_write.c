/* newsconv html: schema.org JSON-LD out (jansson), and the newsconv-extra block.
 *
 * A NewsArticle with every model field schema.org can say; media go to associatedMedia in
 * model order (renditions as `encoding`), authors with a role as schema.org Role objects,
 * subjects as DefinedTerm. What schema.org cannot say goes to
 * <script type="application/json" id="newsconv-extra">: byline, slugline, urgency,
 * pubstatus, ednote, usage_terms, embargo, links, extra pairs, and genres that carry a
 * code or scheme. Keys are written in a fixed order. Reading is jsonld.c. */
#include "html.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

/* ---- writing ---- */

static void set_str(json_t *o, const char *key, const char *s)
{
    if (s)
        json_object_set_new(o, key, json_string(s));
}

static json_t *named(const char *type, const char *name)
{
    json_t *o = json_object();
    json_object_set_new(o, "@type", json_string(type));
    json_object_set_new(o, "name", json_string(name));
    return o;
}

static void set_time(json_t *o, const char *key, const nc_time *t)
{
    char buf[NC_TIME_ISO_LEN];
    if (nc_time_format(t, buf))
        json_object_set_new(o, key, json_string(buf));
}

/* Appends JSON text, with <, > and & escaped so that it is safe inside <script> and in
 * XML. */
static void dump(json_t *j, nc_buf *out)
{
    char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    const char *p;
    if (!s) {
        out->failed = 1;
        return;
    }
    for (p = s; *p; p++) {
        if (*p == '<')
            nc_buf_puts(out, "\\u003c");
        else if (*p == '>')
            nc_buf_puts(out, "\\u003e");
        else if (*p == '&')
            nc_buf_puts(out, "\\u0026");
        else
            nc_buf_putc(out, *p);
    }
    free(s);
}

static int genres_need_extra(const nc_article *a)
{
    size_t i;
    for (i = 0; i < a->n_genres; i++)
        if (a->genres[i].code || a->genres[i].scheme || !a->genres[i].name)
            return 1;
    return 0;
}

static json_t *media_obj(const nc_media *m)
{
    json_t *o = json_object();
    size_t i;
    json_object_set_new(o, "@type", json_string(m->kind == NC_MEDIA_VIDEO   ? "VideoObject"
                                                : m->kind == NC_MEDIA_AUDIO ? "AudioObject"
                                                                            : "ImageObject"));
    if (m->kind == NC_MEDIA_GRAPHIC)
        set_str(o, "additionalType", "https://cv.iptc.org/newscodes/ninature/graphic");
    set_str(o, "identifier", m->id);
    set_str(o, "contentUrl", m->href);
    set_str(o, "encodingFormat", m->mime);
    if (m->width)
        json_object_set_new(o, "width", json_integer(m->width));
    if (m->height)
        json_object_set_new(o, "height", json_integer(m->height));
    set_str(o, "name", m->title);
    set_str(o, "caption", m->caption);
    set_str(o, "creditText", m->credit);
    set_str(o, "description", m->alt);
    if (m->n_renditions) {
        json_t *arr = json_array();
        for (i = 0; i < m->n_renditions; i++) {
            const nc_rendition *r = &m->renditions[i];
            json_t *ro = json_object();
            json_object_set_new(ro, "@type", json_string("MediaObject"));
            set_str(ro, "name", r->name);
            set_str(ro, "contentUrl", r->href);
            set_str(ro, "encodingFormat", r->mime);
            if (r->width)
                json_object_set_new(ro, "width", json_integer(r->width));
            if (r->height)
                json_object_set_new(ro, "height", json_integer(r->height));
            json_array_append_new(arr, ro);
        }
        json_object_set_new(o, "encoding", arr);
    }
    return o;
}

void ncp_html_jsonld_write(const nc_article *a, nc_buf *out, int with_body)
{
    json_t *o = json_object(), *arr;
    size_t i;
    (void)with_body;
    json_object_set_new(o, "@context", json_string("https://schema.org"));
    json_object_set_new(o, "@type", json_string("NewsArticle"));
    set_str(o, "identifier", a->str[NC_F_ID]);
    set_str(o, "version", a->str[NC_F_VERSION]);
    set_str(o, "url", a->str[NC_F_URL]);
    if (a->str[NC_F_URL])
        json_object_set_new(o, "mainEntityOfPage", json_string(a->str[NC_F_URL]));
    set_str(o, "inLanguage", a->str[NC_F_LANGUAGE]);
    set_str(o, "headline", a->str[NC_F_HEADLINE]);
    set_str(o, "alternativeHeadline", a->str[NC_F_SUBHEADLINE]);
    set_str(o, "description", a->str[NC_F_SUMMARY]);
    if (a->n_authors) {
        arr = json_array();
        for (i = 0; i < a->n_authors; i++) {
            const nc_author *au = &a->authors[i];
            json_t *p = json_object();
            json_object_set_new(p, "@type", json_string("Person"));
            set_str(p, "name", au->name);
            set_str(p, "url", au->url);
            if (au->affiliation)
                json_object_set_new(p, "affiliation", named("Organization", au->affiliation));
            if (au->role) {
                json_t *r = json_object();
                json_object_set_new(r, "@type", json_string("Role"));
                json_object_set_new(r, "roleName", json_string(au->role));
                json_object_set_new(r, "author", p);
                p = r;
            }
            json_array_append_new(arr, p);
        }
        json_object_set_new(o, "author", arr);
    }
    set_time(o, "dateCreated", &a->time[NC_T_CREATED]);
    set_time(o, "datePublished", &a->time[NC_T_PUBLISHED]);
    set_time(o, "dateModified", &a->time[NC_T_MODIFIED]);
    set_time(o, "expires", &a->time[NC_T_EXPIRES]);
    if (a->str[NC_F_PUBLISHER])
        json_object_set_new(o, "publisher", named("Organization", a->str[NC_F_PUBLISHER]));
    if (a->str[NC_F_PROVIDER])
        json_object_set_new(o, "provider", named("Organization", a->str[NC_F_PROVIDER]));
    if (a->str[NC_F_COPYRIGHT_HOLDER])
        json_object_set_new(o, "copyrightHolder",
                            named("Organization", a->str[NC_F_COPYRIGHT_HOLDER]));
    set_str(o, "copyrightNotice", a->str[NC_F_COPYRIGHT_NOTICE]);
    set_str(o, "creditText", a->str[NC_F_CREDIT]);
    set_str(o, "dateline", a->str[NC_F_DATELINE]);
    if (a->str[NC_F_LOCATION])
        json_object_set_new(o, "contentLocation", named("Place", a->str[NC_F_LOCATION]));
    set_str(o, "articleSection", a->str[NC_F_SECTION]);
    if (a->n_keywords) {
        arr = json_array();
        for (i = 0; i < a->n_keywords; i++)
            json_array_append_new(arr, json_string(a->keywords[i]));
        json_object_set_new(o, "keywords", arr);
    }
    if (a->n_genres && !genres_need_extra(a)) {
        arr = json_array();
        for (i = 0; i < a->n_genres; i++)
            json_array_append_new(arr, json_string(a->genres[i].name));
        json_object_set_new(o, "genre", arr);
    }
    if (a->n_subjects) {
        arr = json_array();
        for (i = 0; i < a->n_subjects; i++) {
            const nc_subject *s = &a->subjects[i];
            json_t *t = json_object();
            json_object_set_new(t, "@type", json_string("DefinedTerm"));
            set_str(t, "name", s->name);
            set_str(t, "termCode", s->code);
            set_str(t, "inDefinedTermSet", s->scheme);
            json_array_append_new(arr, t);
        }
        json_object_set_new(o, "about", arr);
    }
    if (a->n_media) {
        json_t *imgs = json_array();
        arr = json_array();
        for (i = 0; i < a->n_media; i++) {
            const nc_media *m = &a->media[i];
            if ((m->kind == NC_MEDIA_PICTURE || m->kind == NC_MEDIA_GRAPHIC) && m->href)
                json_array_append_new(imgs, json_string(m->href));
            json_array_append_new(arr, media_obj(m));
        }
        if (json_array_size(imgs))
            json_object_set_new(o, "image", imgs);
        else
            json_decref(imgs);
        json_object_set_new(o, "associatedMedia", arr);
    }
    dump(o, out);
    json_decref(o);
}

void ncp_html_extra_write(const nc_article *a, nc_buf *out)
{
    json_t *o = json_object(), *arr;
    size_t i;
    char t[NC_TIME_ISO_LEN];
    set_str(o, "byline", a->str[NC_F_BYLINE]);
    set_str(o, "slugline", a->str[NC_F_SLUGLINE]);
    if (a->urgency)
        json_object_set_new(o, "urgency", json_integer(a->urgency));
    set_str(o, "pubstatus", a->str[NC_F_PUBSTATUS]);
    set_str(o, "ednote", a->str[NC_F_EDNOTE]);
    set_str(o, "usage_terms", a->str[NC_F_USAGE_TERMS]);
    if (nc_time_format(&a->time[NC_T_EMBARGO], t))
        json_object_set_new(o, "embargo", json_string(t));
    if (a->n_genres && genres_need_extra(a)) {
        arr = json_array();
        for (i = 0; i < a->n_genres; i++) {
            json_t *g = json_object();
            set_str(g, "name", a->genres[i].name);
            set_str(g, "code", a->genres[i].code);
            set_str(g, "scheme", a->genres[i].scheme);
            json_array_append_new(arr, g);
        }
        json_object_set_new(o, "genres", arr);
    }
    if (a->n_links) {
        arr = json_array();
        for (i = 0; i < a->n_links; i++) {
            json_t *g = json_object();
            set_str(g, "rel", a->links[i].rel);
            set_str(g, "href", a->links[i].href);
            set_str(g, "title", a->links[i].title);
            json_array_append_new(arr, g);
        }
        json_object_set_new(o, "links", arr);
    }
    if (a->n_extra) {
        arr = json_array();
        for (i = 0; i < a->n_extra; i++) {
            json_t *g = json_object();
            set_str(g, "key", a->extra[i].key);
            set_str(g, "value", a->extra[i].value);
            if (a->extra[i].json)
                json_object_set_new(g, "json", json_true());
            json_array_append_new(arr, g);
        }
        json_object_set_new(o, "extra", arr);
    }
    if (json_object_size(o))
        dump(o, out);
    json_decref(o);
}
