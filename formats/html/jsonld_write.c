/* newsconv html: schema.org JSON-LD out (jansson), and the newsconv-extra block.
 *
 * A NewsArticle with every model field schema.org can say; media go to associatedMedia in
 * model order (renditions as `encoding`), authors with a role as schema.org Role objects,
 * subjects as DefinedTerm. What schema.org cannot say goes to
 * <script type="application/json" id="newsconv-extra">: byline, slugline, urgency,
 * pubstatus, ednote, usage_terms, embargo, links, extra pairs, and genres that carry a
 * code or scheme. Keys are written in a fixed order. Reading is jsonld.c. */
#include "common/notcarried.h"
#include "html.h"
#include "common/jsonalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

/* ---- writing ---- */

void ncp_html_json_set(json_t *o, const char *key, const char *s)
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
void ncp_html_json_dump(json_t *j, nc_buf *out)
{
    char *s = ncp_json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
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

int ncp_html_genres_need_extra(const nc_article *a)
{
    size_t i;
    for (i = 0; i < a->n_genres; i++)
        if (a->genres[i].code || a->genres[i].scheme || !a->genres[i].name ||
            ncp_subject_has_attrs(&a->genres[i]))
            return 1;
    return 0;
}

/* The IPTC digital source type codes (http://cv.iptc.org/newscodes/digitalsourcetype/) that
 * schema.org's IPTCDigitalSourceEnumeration has a member for: CODE <-> CodeDigitalSource. */
static const char *const dst_codes[] = {
    "algorithmicMedia", "algorithmicallyEnhanced", "compositeCapture", "composite",
    "compositeSynthetic", "compositeWithTrainedAlgorithmicMedia", "dataDrivenMedia",
    "digitalArt", "digitalCapture", "minorHumanEdits", "multiFrameComputationalCapture",
    "negativeFilm", "positiveFilm", "print", "screenCapture", "trainedAlgorithmicMedia",
    "virtualRecording", NULL};

#define IPTC_DST "http://cv.iptc.org/newscodes/digitalsourcetype/"

/* schema.org's IPTCDigitalSourceEnumeration member for an IPTC digital source type code
 * (http://cv.iptc.org/newscodes/digitalsourcetype/CODE or digsrctype:CODE) that has one,
 * into buf; 0 when there is none. */
static int schema_digital_source(const nc_subject *d, char *buf, size_t size)
{
    static const char *const prefixes[] = {IPTC_DST,
                                           "https://cv.iptc.org/newscodes/digitalsourcetype/",
                                           "digsrctype:", NULL};
    const char *c = d->code, *code = NULL;
    size_t i;
    for (i = 0; c && prefixes[i] && !code; i++)
        if (!strncmp(c, prefixes[i], strlen(prefixes[i])))
            code = c + strlen(prefixes[i]);
    for (i = 0; code && dst_codes[i]; i++)
        if (!strcmp(code, dst_codes[i])) {
            snprintf(buf, size, "https://schema.org/%c%sDigitalSource", code[0] - 'a' + 'A',
                     code + 1);
            return 1;
        }
    return 0;
}

int ncp_html_iptc_digital_source(const char *v, char *buf, size_t size)
{
    static const char *const prefixes[] = {"https://schema.org/", "http://schema.org/",
                                           "schema:", ""};
    static const char suffix[] = "DigitalSource";
    size_t i, j, n;
    if (!v)
        return 0;
    if (!strncmp(v, IPTC_DST, strlen(IPTC_DST)) ||
        !strncmp(v, "https://cv.iptc.org/newscodes/digitalsourcetype/", 48)) {
        snprintf(buf, size, "%s", v);
        return 1;
    }
    for (i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
        const char *m = v + strlen(prefixes[i]);
        if (strncmp(v, prefixes[i], strlen(prefixes[i])))
            continue;
        n = strlen(m);
        if (n <= sizeof suffix - 1 || strcmp(m + n - (sizeof suffix - 1), suffix))
            return 0;
        n -= sizeof suffix - 1;
        for (j = 0; dst_codes[j]; j++)
            if (strlen(dst_codes[j]) == n && m[0] == dst_codes[j][0] - 'a' + 'A' &&
                !strncmp(m + 1, dst_codes[j] + 1, n - 1)) {
                snprintf(buf, size, IPTC_DST "%s", dst_codes[j]);
                return 1;
            }
        return 0;
    }
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
        ncp_html_json_set(o, "additionalType", "https://cv.iptc.org/newscodes/ninature/graphic");
    ncp_html_json_set(o, "identifier", m->id);
    ncp_html_json_set(o, "contentUrl", m->href);
    ncp_html_json_set(o, "encodingFormat", m->mime);
    if (m->width)
        json_object_set_new(o, "width", json_integer(m->width));
    if (m->height)
        json_object_set_new(o, "height", json_integer(m->height));
    ncp_html_json_set(o, "name", m->title);
    ncp_html_json_set(o, "caption", m->caption);
    ncp_html_json_set(o, "creditText", m->credit);
    ncp_html_json_set(o, "description", m->alt);
    if (m->n_renditions) {
        json_t *arr = json_array();
        for (i = 0; i < m->n_renditions; i++) {
            const nc_rendition *r = &m->renditions[i];
            json_t *ro = json_object();
            json_object_set_new(ro, "@type", json_string("MediaObject"));
            ncp_html_json_set(ro, "name", r->name);
            ncp_html_json_set(ro, "contentUrl", r->href);
            ncp_html_json_set(ro, "encodingFormat", r->mime);
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
    ncp_html_json_set(o, "identifier", a->str[NC_F_ID]);
    ncp_html_json_set(o, "version", a->str[NC_F_VERSION]);
    ncp_html_json_set(o, "url", a->str[NC_F_URL]);
    if (a->str[NC_F_URL])
        json_object_set_new(o, "mainEntityOfPage", json_string(a->str[NC_F_URL]));
    ncp_html_json_set(o, "inLanguage", a->str[NC_F_LANGUAGE]);
    ncp_html_json_set(o, "headline", a->str[NC_F_HEADLINE]);
    ncp_html_json_set(o, "alternativeHeadline", a->str[NC_F_SUBHEADLINE]);
    ncp_html_json_set(o, "description", a->str[NC_F_SUMMARY]);
    if (a->n_authors) {
        arr = json_array();
        for (i = 0; i < a->n_authors; i++) {
            const nc_author *au = &a->authors[i];
            json_t *p = json_object();
            json_object_set_new(p, "@type", json_string("Person"));
            ncp_html_json_set(p, "name", au->name);
            ncp_html_json_set(p, "url", au->url);
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
    ncp_html_json_set(o, "copyrightNotice", a->str[NC_F_COPYRIGHT_NOTICE]);
    ncp_html_json_set(o, "creditText", a->str[NC_F_CREDIT]);
    {
        char dst[128];
        if (schema_digital_source(&a->digital_source_type, dst, sizeof dst))
            json_object_set_new(o, "digitalSourceType", json_string(dst));
    }
    ncp_html_json_set(o, "dateline", a->str[NC_F_DATELINE]);
    if (a->str[NC_F_LOCATION])
        json_object_set_new(o, "contentLocation", named("Place", a->str[NC_F_LOCATION]));
    ncp_html_json_set(o, "articleSection", a->str[NC_F_SECTION]);
    if (a->n_keywords) {
        arr = json_array();
        for (i = 0; i < a->n_keywords; i++)
            json_array_append_new(arr, json_string(a->keywords[i]));
        json_object_set_new(o, "keywords", arr);
    }
    if (a->n_genres && !ncp_html_genres_need_extra(a)) {
        arr = json_array();
        for (i = 0; i < a->n_genres; i++)
            json_array_append_new(arr, json_string(a->genres[i].name));
        json_object_set_new(o, "genre", arr);
    }
    if (a->n_subjects) {
        arr = json_array();
        for (i = 0; i < a->n_subjects; i++) {
            /* an entity is a schema.org Thing of its kind, identified by its code and
             * its URI; a topic is a DefinedTerm of a term set */
            static const char *const types[] = {"DefinedTerm", "Person", "Organization",
                                                "Place", "Event", "Thing"};
            const nc_subject *s = &a->subjects[i];
            json_t *t = json_object();
            json_object_set_new(t, "@type", json_string(types[s->type]));
            ncp_html_json_set(t, "name", s->name);
            if (s->type == NC_SUBJECT_TOPIC) {
                ncp_html_json_set(t, "termCode", s->code);
                ncp_html_json_set(t, "inDefinedTermSet", s->scheme);
            } else {
                ncp_html_json_set(t, "identifier", s->code);
                ncp_html_json_set(t, "sameAs", s->uri);
            }
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
    ncp_html_json_dump(o, out);
    json_decref(o);
}
