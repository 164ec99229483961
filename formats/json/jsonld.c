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

/* A JSON-LD document being read: the shared schema.org reader (schemaorg.h) over the
 * json reader's state. */
typedef struct jld {
    ncp_schema_rd s;
    ncp_jrd *r;
} jld;

#define GET(o, k) ncp_schema_get(&l->s, (o), (k))
#define STR(o, k) ncp_jrd_str(l->r, GET((o), (k)))

/* Properties read below; the others go to extra. */
static const char *const known_keys[] = {
    "@context", "@type", "@id", "headline", "name", "alternativeHeadline", "description",
    "abstract", "author", "creator", "editor", "contributor", "datePublished",
    "dateModified", "dateCreated", "expires", "image", "video", "audio", "thumbnailUrl",
    "articleBody", "text", "url", "mainEntityOfPage", "publisher", "provider",
    "sourceOrganization", "keywords", "inLanguage", "articleSection", "copyrightHolder",
    "copyrightNotice", "license", "creditText", "dateline", "contentLocation",
    "locationCreated", "genre", "about", "identifier", "relatedLink", "contentUrl",
    "embedUrl", "caption", "width", "height", "encodingFormat", "encoding", NULL};

/* The json reader's text clean-up (ncp_schema_rd.text): trimmed, NUL characters dropped. */
static const char *doc_text(ncp_schema_rd *s, json_t *str)
{
    jld *l = s->user;
    return ncp_jrd_str(l->r, str);
}

static const char *type_name(json_t *o)
{
    json_t *t = ncp_jrd_get(o, "@type");
    if (json_is_array(t))
        t = json_array_get(t, 0);
    return json_is_string(t) ? json_string_value(t) : "(no @type)";
}

int ncp_jsonld_is(json_t *obj)
{
    return ncp_jrd_get(obj, "@context") || ncp_jrd_get(obj, "@type") ||
           ncp_jrd_get(obj, "@graph");
}

/* A name: a string, or an object's name (Person, Organization, Place, Language). */
static const char *name_of(jld *l, json_t *v)
{
    return v ? ncp_schema_text(&l->s, v) : NULL;
}

/* A URL: a string, or an object's url or @id. */
static const char *url_of(jld *l, json_t *v)
{
    return v ? ncp_schema_url(&l->s, v) : NULL;
}

/* image, video, audio: media objects or addresses; plain addresses in a row are the
 * renditions of one picture */
static void media_from(jld *l, json_t *v, nc_media_kind kind)
{
    size_t i, n = json_is_array(v) ? json_array_size(v) : v ? 1 : 0;
    nc_media *strings = NULL;
    for (i = 0; i < n; i++) {
        json_t *e = ncp_schema_deref(&l->s, json_is_array(v) ? json_array_get(v, i) : v);
        const char *href;
        if (!json_is_string(e)) {
            strings = NULL;
            ncp_schema_media(&l->s, e, kind);
        } else if ((href = url_of(l, e)) != NULL) {
            if (strings)
                nc_media_add_rendition(l->r->a, strings, NULL, href, NULL, 0, 0);
            else
                strings = nc_article_add_media(l->r->a, kind, href);
        }
    }
}

static void set_first(ncp_jrd *r, nc_field f, const char *s)
{
    if (s && !r->a->str[f])
        nc_article_sets(r->a, f, s);
}

static int read_article(jld *l, json_t *o)
{
    ncp_jrd *r = l->r;
    nc_article *a = r->a;
    const char *k, *s, *url, *id;
    json_t *v, *e;
    size_t i;

    json_object_foreach(o, k, v) {
        const char *const *kk;
        for (kk = known_keys; *kk; kk++)
            if (ncp_schema_key_is(k, *kk))
                break;
        if (!*kk)
            ncp_jrd_extra(r, k, v);
    }
    set_first(r, NC_F_HEADLINE, STR(o, "headline"));
    set_first(r, NC_F_HEADLINE, STR(o, "name"));
    set_first(r, NC_F_SUBHEADLINE, STR(o, "alternativeHeadline"));
    set_first(r, NC_F_SUMMARY, STR(o, "description"));
    set_first(r, NC_F_SUMMARY, STR(o, "abstract"));
    ncp_schema_authors(&l->s, GET(o, "author"), NULL);
    ncp_schema_authors(&l->s, GET(o, "creator"), NULL);
    ncp_schema_authors(&l->s, GET(o, "editor"), "editor");
    ncp_schema_authors(&l->s, GET(o, "contributor"), "contributor");
    ncp_jrd_time(r, GET(o, "dateCreated"), "dateCreated", NC_T_CREATED);
    ncp_jrd_time(r, GET(o, "datePublished"), "datePublished", NC_T_PUBLISHED);
    ncp_jrd_time(r, GET(o, "dateModified"), "dateModified", NC_T_MODIFIED);
    ncp_jrd_time(r, GET(o, "expires"), "expires", NC_T_EXPIRES);

    url = url_of(l, GET(o, "url"));
    if (!url)
        url = url_of(l, GET(o, "mainEntityOfPage"));
    set_first(r, NC_F_URL, url);
    v = GET(o, "identifier");
    id = json_is_object(v) ? ncp_jrd_text(r, GET(v, "value")) : ncp_jrd_text(r, v);
    if (!id && (s = STR(o, "@id")) != NULL && (!url || strcmp(s, url)))
        id = s;
    set_first(r, NC_F_ID, id);

    set_first(r, NC_F_PUBLISHER, name_of(l, GET(o, "publisher")));
    set_first(r, NC_F_PROVIDER, name_of(l, GET(o, "sourceOrganization")));
    set_first(r, NC_F_PROVIDER, name_of(l, GET(o, "provider")));
    ncp_schema_keywords(&l->s, GET(o, "keywords"));
    set_first(r, NC_F_LANGUAGE, name_of(l, GET(o, "inLanguage")));
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
    set_first(r, NC_F_COPYRIGHT_HOLDER, name_of(l, GET(o, "copyrightHolder")));
    set_first(r, NC_F_COPYRIGHT_NOTICE, STR(o, "copyrightNotice"));
    set_first(r, NC_F_USAGE_TERMS, url_of(l, GET(o, "license")));
    set_first(r, NC_F_CREDIT, STR(o, "creditText"));
    set_first(r, NC_F_DATELINE, STR(o, "dateline"));
    set_first(r, NC_F_LOCATION, name_of(l, GET(o, "contentLocation")));
    set_first(r, NC_F_LOCATION, name_of(l, GET(o, "locationCreated")));

    v = GET(o, "genre");
    if (json_is_string(v)) {
        nc_article_add_genre(a, ncp_jrd_str(r, v), NULL, NULL);
    } else {
        json_array_foreach(v, i, e) {
            if ((s = name_of(l, e)) != NULL)
                nc_article_add_genre(a, s, NULL, NULL);
        }
    }
    v = GET(o, "about");
    for (i = 0; i < (json_is_array(v) ? json_array_size(v) : v ? 1 : 0); i++) {
        json_t *t = json_is_array(v) ? json_array_get(v, i) : v;
        const char *name = name_of(l, t), *code = json_is_object(t) ? STR(t, "@id") : NULL;
        if (!code && json_is_object(t) && json_is_string(GET(t, "sameAs")))
            code = STR(t, "sameAs");
        if (name || code)
            nc_article_add_subject(a, name, code, NULL);
    }
    v = GET(o, "relatedLink");
    for (i = 0; i < (json_is_array(v) ? json_array_size(v) : v ? 1 : 0); i++) {
        s = url_of(l, json_is_array(v) ? json_array_get(v, i) : v);
        if (s)
            nc_article_add_link(a, "related", s, NULL);
    }

    if (GET(o, "image"))
        media_from(l, GET(o, "image"), NC_MEDIA_PICTURE);
    else if (json_is_string(GET(o, "thumbnailUrl")))
        nc_article_add_media(a, NC_MEDIA_PICTURE, STR(o, "thumbnailUrl"));
    media_from(l, GET(o, "video"), NC_MEDIA_VIDEO);
    media_from(l, GET(o, "audio"), NC_MEDIA_AUDIO);

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
static int read_media_only(jld *l, json_t *o)
{
    nc_article *a = l->r->a;
    nc_media *m;
    if (read_article(l, o) < 0)
        return -1;
    /* read_article took url/contentUrl as the article's; the object is the media */
    m = ncp_schema_media(&l->s, o, ncp_schema_media_kind(GET(o, "@type")));
    if (m && a->str[NC_F_HEADLINE] && m->title && !strcmp(m->title, a->str[NC_F_HEADLINE]))
        m->title = NULL;
    if (m && m->href && a->str[NC_F_URL] && !strcmp(m->href, a->str[NC_F_URL]))
        a->str[NC_F_URL] = NULL; /* the picture's address, not an article's */
    return 0;
}

/* The article (or media) object of the document: obj itself, a WebPage's mainEntity, or a
 * node of @graph. */
static int read_doc(jld *l, json_t *obj)
{
    ncp_jrd *r = l->r;
    json_t *graph = GET(obj, "@graph"), *e, *found = NULL, *media = NULL, *page = NULL;
    size_t i;
    if (ncp_schema_type_in(GET(obj, "@type"), ncp_schema_article_types))
        return read_article(l, obj);
    if (ncp_schema_type_in(GET(obj, "@type"), ncp_schema_media_types))
        return read_media_only(l, obj);
    /* a WebPage whose mainEntity is the article */
    e = GET(obj, "mainEntity");
    if (json_is_object(e) && ncp_schema_type_in(GET(e, "@type"), ncp_schema_article_types))
        return read_article(l, e);
    json_array_foreach(graph, i, e) {
        if (!json_is_object(e))
            continue;
        if (!found && ncp_schema_type_in(GET(e, "@type"), ncp_schema_article_types))
            found = e;
        if (!media && ncp_schema_type_in(GET(e, "@type"), ncp_schema_media_types))
            media = e;
        if (!page)
            page = e;
    }
    if (found)
        return read_article(l, found);
    if (media)
        return read_media_only(l, media);
    if (!json_is_array(graph))
        page = obj;
    if (page && ncp_schema_type_in(GET(page, "@type"), ncp_schema_event_types))
        return ncp_jrd_not_article(r, "a schema.org %s", type_name(page));
    return ncp_jrd_not_article(r, "schema.org %s, not a NewsArticle or other Article",
                               page ? type_name(page) : "@graph without an article");
}

int ncp_jsonld_read(ncp_jrd *r, json_t *obj)
{
    jld l = {.r = r};
    int rc;
    l.s = (ncp_schema_rd){.a = r->a, .text = doc_text, .user = &l};
    if (ncp_schema_index(&l.s, obj) < 0)
        r->a->failed = 1;
    rc = read_doc(&l, obj);
    ncp_schema_rd_release(&l.s);
    return rc;
}
