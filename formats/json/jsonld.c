/* newsconv: a bare schema.org JSON-LD object -> the model.
 *
 * Reads a NewsArticle (or Article, BlogPosting, ReportageNewsArticle, ...), also as a
 * node of "@graph": headline, alternativeHeadline, description, author (Person,
 * Organization, a name, or an array of them), dates, image/video/audio, articleBody,
 * url / mainEntityOfPage, publisher, keywords (a string or an array), inLanguage,
 * articleSection, rights, genre and about. An ImageObject (VideoObject, AudioObject) on
 * its own gives a media-only article; an Event or any other type is not an article.
 * Other properties of the article are kept as extra. */
#include "json.h"

#include <string.h>

#include "common/schemaorg.h"

#define GET(o, k) ncp_jrd_get((o), (k))
#define STR(o, k) ncp_jrd_str(r, GET((o), (k)))

/* Properties read below; the others go to extra. */
static const char *const known_keys[] = {
    "@context", "@type", "@id", "headline", "name", "alternativeHeadline", "description",
    "abstract", "author", "creator", "editor", "contributor", "datePublished",
    "dateModified", "dateCreated", "expires", "image", "video", "audio", "thumbnailUrl",
    "articleBody", "text", "url", "mainEntityOfPage", "publisher", "provider",
    "sourceOrganization", "keywords", "inLanguage", "articleSection", "copyrightHolder",
    "copyrightNotice", "license", "creditText", "dateline", "contentLocation",
    "locationCreated", "genre", "about", "identifier", "relatedLink", "contentUrl",
    "embedUrl", "caption", "width", "height", "encodingFormat", NULL};

/* 1 when @type (a string or an array of strings) names one of types. */
static int is_type(json_t *o, const char *const *types)
{
    return ncp_schema_type_in(GET(o, "@type"), types);
}

static const char *type_name(json_t *o)
{
    json_t *t = GET(o, "@type");
    if (json_is_array(t))
        t = json_array_get(t, 0);
    return json_is_string(t) ? json_string_value(t) : "(no @type)";
}

int ncp_jsonld_is(json_t *obj)
{
    return GET(obj, "@context") || GET(obj, "@type") || GET(obj, "@graph");
}

/* A name: a string, or an object's name (Person, Organization, Place, Language). */
static const char *name_of(ncp_jrd *r, json_t *v)
{
    const char *s;
    if (json_is_string(v))
        return ncp_jrd_str(r, v);
    if (json_is_array(v))
        return name_of(r, json_array_get(v, 0)); /* one level: an array of objects */
    s = STR(v, "name");
    return s ? s : STR(v, "alternateName");
}

/* A URL: a string, or an object's url or @id. */
static const char *url_of(ncp_jrd *r, json_t *v)
{
    const char *s;
    if (json_is_string(v))
        return ncp_jrd_str(r, v);
    s = STR(v, "url");
    return s ? s : STR(v, "@id");
}

static void add_authors(ncp_jrd *r, json_t *v, const char *role)
{
    size_t i, n = json_is_array(v) ? json_array_size(v) : 1;
    for (i = 0; i < n; i++) {
        json_t *e = json_is_array(v) ? json_array_get(v, i) : v;
        const char *name, *url = NULL, *aff = NULL;
        if (json_is_string(e)) {
            name = ncp_jrd_str(r, e);
        } else if (json_is_object(e)) {
            name = STR(e, "name");
            url = STR(e, "url");
            if (!url && json_is_string(GET(e, "sameAs")))
                url = STR(e, "sameAs");
            aff = name_of(r, GET(e, "affiliation"));
            if (!aff)
                aff = name_of(r, GET(e, "worksFor"));
        } else {
            continue;
        }
        if (name || url)
            nc_article_add_author(r->a, name, role, url, aff);
    }
}

static void media_from(ncp_jrd *r, json_t *v, nc_media_kind kind)
{
    size_t i, n = json_is_array(v) ? json_array_size(v) : 1;
    nc_media *strings = NULL; /* plain URLs in a row: renditions of one picture */
    for (i = 0; i < n; i++) {
        json_t *e = json_is_array(v) ? json_array_get(v, i) : v;
        nc_media *m;
        const char *href;
        long num;
        if (json_is_string(e)) {
            href = ncp_jrd_str(r, e);
            if (!href)
                continue;
            if (strings)
                nc_media_add_rendition(r->a, strings, NULL, href, NULL, 0, 0);
            else
                strings = nc_article_add_media(r->a, kind, href);
            continue;
        }
        strings = NULL;
        if (!json_is_object(e))
            continue;
        href = STR(e, "contentUrl");
        if (!href)
            href = STR(e, "url");
        if (!href)
            href = STR(e, "embedUrl");
        m = nc_article_add_media(r->a, kind, href);
        if (!m)
            return;
        m->id = STR(e, "@id");
        if (m->id && href && !strcmp(m->id, href))
            m->id = NULL;
        m->mime = STR(e, "encodingFormat");
        if (ncp_jrd_int(GET(e, "width"), &num) == 0 ||
            ncp_jrd_int(GET(GET(e, "width"), "value"), &num) == 0)
            m->width = num > 0 ? (int)num : 0;
        if (ncp_jrd_int(GET(e, "height"), &num) == 0 ||
            ncp_jrd_int(GET(GET(e, "height"), "value"), &num) == 0)
            m->height = num > 0 ? (int)num : 0;
        m->title = STR(e, "name");
        m->caption = STR(e, "caption");
        if (!m->caption)
            m->caption = STR(e, "description");
        m->credit = STR(e, "creditText");
        if (!m->credit)
            m->credit = name_of(r, GET(e, "copyrightHolder"));
        if (!m->credit)
            m->credit = name_of(r, GET(e, "author"));
        if (json_is_string(GET(e, "thumbnailUrl")))
            nc_media_add_rendition(r->a, m, "thumbnail", STR(e, "thumbnailUrl"), NULL, 0, 0);
    }
}

static void add_keywords(ncp_jrd *r, json_t *v)
{
    size_t i;
    json_t *e;
    if (json_is_string(v)) {
        ncp_schema_keywords(r->a, json_string_value(v), 0);
        return;
    }
    json_array_foreach(v, i, e) {
        const char *s = name_of(r, e);
        if (s)
            nc_article_add_keyword(r->a, s);
    }
}

static void set_first(ncp_jrd *r, nc_field f, const char *s)
{
    if (s && !r->a->str[f])
        nc_article_sets(r->a, f, s);
}

static int read_article(ncp_jrd *r, json_t *o)
{
    nc_article *a = r->a;
    const char *k, *s, *url, *id;
    json_t *v, *e;
    size_t i;

    json_object_foreach(o, k, v) {
        const char *const *kk;
        for (kk = known_keys; *kk; kk++)
            if (!ncp_strcasecmp(k, *kk))
                break;
        if (!*kk)
            ncp_jrd_extra(r, k, v);
    }
    set_first(r, NC_F_HEADLINE, STR(o, "headline"));
    set_first(r, NC_F_HEADLINE, STR(o, "name"));
    set_first(r, NC_F_SUBHEADLINE, STR(o, "alternativeHeadline"));
    set_first(r, NC_F_SUMMARY, STR(o, "description"));
    set_first(r, NC_F_SUMMARY, STR(o, "abstract"));
    add_authors(r, GET(o, "author"), NULL);
    add_authors(r, GET(o, "creator"), NULL);
    add_authors(r, GET(o, "editor"), "editor");
    add_authors(r, GET(o, "contributor"), "contributor");
    ncp_jrd_time(r, GET(o, "dateCreated"), "dateCreated", NC_T_CREATED);
    ncp_jrd_time(r, GET(o, "datePublished"), "datePublished", NC_T_PUBLISHED);
    ncp_jrd_time(r, GET(o, "dateModified"), "dateModified", NC_T_MODIFIED);
    ncp_jrd_time(r, GET(o, "expires"), "expires", NC_T_EXPIRES);

    url = url_of(r, GET(o, "url"));
    if (!url)
        url = url_of(r, GET(o, "mainEntityOfPage"));
    set_first(r, NC_F_URL, url);
    v = GET(o, "identifier");
    id = json_is_object(v) ? ncp_jrd_text(r, GET(v, "value")) : ncp_jrd_text(r, v);
    if (!id && (s = STR(o, "@id")) != NULL && (!url || strcmp(s, url)))
        id = s;
    set_first(r, NC_F_ID, id);

    set_first(r, NC_F_PUBLISHER, name_of(r, GET(o, "publisher")));
    set_first(r, NC_F_PROVIDER, name_of(r, GET(o, "sourceOrganization")));
    set_first(r, NC_F_PROVIDER, name_of(r, GET(o, "provider")));
    add_keywords(r, GET(o, "keywords"));
    set_first(r, NC_F_LANGUAGE, name_of(r, GET(o, "inLanguage")));
    v = GET(o, "inLanguage");
    if (json_is_object(v) && (s = STR(v, "alternateName")) != NULL) {
        a->str[NC_F_LANGUAGE] = NULL; /* "en", rather than the name "English" */
        set_first(r, NC_F_LANGUAGE, s);
    }
    v = GET(o, "articleSection");
    set_first(r, NC_F_SECTION, json_is_array(v) ? ncp_jrd_str(r, json_array_get(v, 0))
                                                : ncp_jrd_str(r, v));
    if (json_array_size(v) > 1) {
        /* the model has one section: keep the others */
        json_t *rest = json_array();
        for (i = 1; i < json_array_size(v); i++)
            if (!rest || json_array_append(rest, json_array_get(v, i)) < 0)
                a->failed = 1;
        ncp_jrd_extra(r, "articleSection", rest);
        json_decref(rest);
    }
    set_first(r, NC_F_COPYRIGHT_HOLDER, name_of(r, GET(o, "copyrightHolder")));
    set_first(r, NC_F_COPYRIGHT_NOTICE, STR(o, "copyrightNotice"));
    set_first(r, NC_F_USAGE_TERMS, url_of(r, GET(o, "license")));
    set_first(r, NC_F_CREDIT, STR(o, "creditText"));
    set_first(r, NC_F_DATELINE, STR(o, "dateline"));
    set_first(r, NC_F_LOCATION, name_of(r, GET(o, "contentLocation")));
    set_first(r, NC_F_LOCATION, name_of(r, GET(o, "locationCreated")));

    v = GET(o, "genre");
    if (json_is_string(v)) {
        nc_article_add_genre(a, ncp_jrd_str(r, v), NULL, NULL);
    } else {
        json_array_foreach(v, i, e) {
            if ((s = name_of(r, e)) != NULL)
                nc_article_add_genre(a, s, NULL, NULL);
        }
    }
    v = GET(o, "about");
    for (i = 0; i < (json_is_array(v) ? json_array_size(v) : v ? 1 : 0); i++) {
        json_t *t = json_is_array(v) ? json_array_get(v, i) : v;
        const char *name = name_of(r, t), *code = json_is_object(t) ? STR(t, "@id") : NULL;
        if (!code && json_is_object(t) && json_is_string(GET(t, "sameAs")))
            code = STR(t, "sameAs");
        if (name || code)
            nc_article_add_subject(a, name, code, NULL);
    }
    v = GET(o, "relatedLink");
    for (i = 0; i < (json_is_array(v) ? json_array_size(v) : v ? 1 : 0); i++) {
        s = url_of(r, json_is_array(v) ? json_array_get(v, i) : v);
        if (s)
            nc_article_add_link(a, "related", s, NULL);
    }

    if (GET(o, "image"))
        media_from(r, GET(o, "image"), NC_MEDIA_PICTURE);
    else if (json_is_string(GET(o, "thumbnailUrl")))
        nc_article_add_media(a, NC_MEDIA_PICTURE, STR(o, "thumbnailUrl"));
    media_from(r, GET(o, "video"), NC_MEDIA_VIDEO);
    media_from(r, GET(o, "audio"), NC_MEDIA_AUDIO);

    s = STR(o, "articleBody");
    if (!s)
        s = STR(o, "text");
    if (s) {
        size_t len = strlen(s);
        const char *t = ncp_trim(s, &len);
        /* some sites put HTML into articleBody */
        if (len && t[0] == '<' && strchr(t, '>')) {
            if (ncp_jrd_html_body(r, s) < 0)
                return -1;
        } else {
            ncp_jrd_text_body(r, s);
        }
    }
    return 0;
}

/* A media object on its own: an article made of one media item. */
static int read_media_only(ncp_jrd *r, json_t *o)
{
    const char *type = type_name(o);
    nc_media_kind kind = !ncp_strcasecmp(type, "VideoObject")   ? NC_MEDIA_VIDEO
                         : !ncp_strcasecmp(type, "AudioObject") ? NC_MEDIA_AUDIO
                                                                : NC_MEDIA_PICTURE;
    nc_media *m;
    if (read_article(r, o) < 0)
        return -1;
    /* read_article took url/contentUrl as the article's; the object is the media */
    media_from(r, o, kind);
    m = r->a->n_media ? &r->a->media[r->a->n_media - 1] : NULL;
    if (m && r->a->str[NC_F_HEADLINE] && m->title && !strcmp(m->title, r->a->str[NC_F_HEADLINE]))
        m->title = NULL;
    if (m && m->href && r->a->str[NC_F_URL] && !strcmp(m->href, r->a->str[NC_F_URL]))
        r->a->str[NC_F_URL] = NULL; /* the picture's address, not an article's */
    return 0;
}

int ncp_jsonld_read(ncp_jrd *r, json_t *obj)
{
    json_t *graph = GET(obj, "@graph"), *e, *found = NULL, *media = NULL, *page = NULL;
    size_t i;
    if (is_type(obj, ncp_schema_article_types))
        return read_article(r, obj);
    if (is_type(obj, ncp_schema_media_types))
        return read_media_only(r, obj);
    /* a WebPage whose mainEntity is the article */
    e = GET(obj, "mainEntity");
    if (json_is_object(e) && is_type(e, ncp_schema_article_types))
        return read_article(r, e);
    json_array_foreach(graph, i, e) {
        if (!json_is_object(e))
            continue;
        if (!found && is_type(e, ncp_schema_article_types))
            found = e;
        if (!media && is_type(e, ncp_schema_media_types))
            media = e;
        if (!page)
            page = e;
    }
    if (found)
        return read_article(r, found);
    if (media)
        return read_media_only(r, media);
    if (!json_is_array(graph))
        page = obj;
    if (page && is_type(page, ncp_schema_event_types))
        return ncp_jrd_not_article(r, "a schema.org %s", type_name(page));
    return ncp_jrd_not_article(r, "schema.org %s, not a NewsArticle or other Article",
                               page ? type_name(page) : "@graph without an article");
}
