/* newsconv: the schema.org vocabulary of the JSON-LD readers and the reading of authors,
 * media and keywords (schemaorg.h). */
#include "common/schemaorg.h"

#include <stdlib.h>
#include <string.h>

const char *const ncp_schema_article_types[] = {
    "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle",
    "AskPublicNewsArticle", "BackgroundNewsArticle", "OpinionNewsArticle",
    "ReviewNewsArticle", "SatiricalArticle", "BlogPosting", "LiveBlogPosting",
    "SocialMediaPosting", "DiscussionForumPosting", "TechArticle", "ScholarlyArticle",
    "Report", "AdvertiserContentArticle", "MedicalScholarlyArticle", "APIReference",
    "Posting", NULL};

const char *const ncp_schema_media_types[] = {"ImageObject", "VideoObject", "AudioObject",
                                              "MediaObject", "Photograph", NULL};

const char *const ncp_schema_org_types[] = {
    "Organization", "NewsMediaOrganization", "Corporation", "EducationalOrganization",
    "GovernmentOrganization", "LocalBusiness", "MedicalOrganization", "NGO",
    "OnlineBusiness", "Brand", "WebSite", NULL};

const char *const ncp_schema_event_types[] = {"Event", "SportsEvent", "BusinessEvent",
                                              "PublicationEvent", "BroadcastEvent", NULL};

const char *const ncp_schema_page_types[] = {"WebPage", "ItemPage", NULL};

static const char *const video_types[] = {"VideoObject", NULL};
static const char *const audio_types[] = {"AudioObject", NULL};

const char *ncp_schema_strip(const char *name)
{
    static const char *const pre[] = {"https://schema.org/", "http://schema.org/", "schema:",
                                      NULL};
    size_t i;
    for (i = 0; pre[i]; i++)
        if (!strncmp(name, pre[i], strlen(pre[i])))
            return name + strlen(pre[i]);
    return name;
}

int ncp_schema_name_in(const char *name, const char *const *types)
{
    size_t k;
    name = ncp_schema_strip(name);
    for (k = 0; types[k]; k++)
        if (!ncp_strcasecmp(name, types[k]))
            return 1;
    return 0;
}

int ncp_schema_type_in(json_t *type, const char *const *types)
{
    size_t i;
    json_t *e;
    if (json_is_string(type))
        return ncp_schema_name_in(json_string_value(type), types);
    json_array_foreach(type, i, e) {
        if (json_is_string(e) && ncp_schema_name_in(json_string_value(e), types))
            return 1;
    }
    return 0;
}

int ncp_schema_key_is(const char *key, const char *prop)
{
    return !ncp_strcasecmp(ncp_schema_strip(key), prop);
}

nc_media_kind ncp_schema_media_kind(json_t *type)
{
    if (ncp_schema_type_in(type, video_types))
        return NC_MEDIA_VIDEO;
    if (ncp_schema_type_in(type, audio_types))
        return NC_MEDIA_AUDIO;
    return NC_MEDIA_PICTURE;
}


/* ---- reading ---- */

static int push_obj(json_t ***v, size_t *n, size_t *cap, json_t *j)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        json_t **nv = realloc(*v, nc * sizeof *nv);
        if (!nv)
            return -1;
        *v = nv;
        *cap = nc;
    }
    (*v)[(*n)++] = j;
    return 0;
}

int ncp_schema_index(ncp_schema_rd *s, json_t *root)
{
    json_t **queue = NULL;
    size_t qn = 0, qcap = 0, qi = 0, i;
    int rc = 0;
    if (push_obj(&queue, &qn, &qcap, root) < 0)
        return -1;
    while (qi < qn && qn < 100000 && !rc) {
        json_t *v = queue[qi++], *c;
        const char *k;
        if (json_is_object(v)) {
            if (push_obj(&s->objs, &s->n_objs, &s->cap_objs, v) < 0)
                rc = -1;
            json_object_foreach(v, k, c)
                if ((json_is_object(c) || json_is_array(c)) &&
                    push_obj(&queue, &qn, &qcap, c) < 0)
                    rc = -1;
        } else {
            json_array_foreach(v, i, c)
                if ((json_is_object(c) || json_is_array(c)) &&
                    push_obj(&queue, &qn, &qcap, c) < 0)
                    rc = -1;
        }
    }
    free(queue);
    return rc;
}

void ncp_schema_rd_release(ncp_schema_rd *s)
{
    free(s->objs);
    s->objs = NULL;
    s->n_objs = s->cap_objs = 0;
}

json_t *ncp_schema_deref(const ncp_schema_rd *s, json_t *v)
{
    json_t *id;
    size_t i;
    if (!json_is_object(v) || json_object_size(v) > 2 || !(id = json_object_get(v, "@id")) ||
        !json_is_string(id))
        return v;
    for (i = 0; i < s->n_objs; i++) {
        json_t *o = s->objs[i];
        json_t *oid = json_object_get(o, "@id");
        if (o != v && json_object_size(o) > 1 && json_is_string(oid) && json_equal(oid, id))
            return o;
    }
    return v;
}

/* o's property prop as written, references left as they are */
static json_t *lookup(json_t *o, const char *prop)
{
    json_t *v;
    const char *k;
    if (!json_is_object(o))
        return NULL;
    if ((v = json_object_get(o, prop)) != NULL)
        return v;
    json_object_foreach(o, k, v)
        if (ncp_schema_key_is(k, prop))
            return v;
    return NULL;
}

json_t *ncp_schema_get(const ncp_schema_rd *s, json_t *o, const char *prop)
{
    json_t *v = lookup(o, prop);
    return v ? ncp_schema_deref(s, v) : NULL;
}

static json_t *first(json_t *v)
{
    return json_is_array(v) ? json_array_get(v, 0) : v;
}

const char *ncp_schema_text(ncp_schema_rd *s, json_t *v)
{
    static const char *const keys[] = {"name", "@value", "value", "alternateName", NULL};
    char num[64];
    size_t i;
    v = ncp_schema_deref(s, first(v));
    for (i = 0; json_is_object(v) && keys[i]; i++) {
        json_t *n = ncp_schema_get(s, v, keys[i]);
        if (n) {
            v = first(n);
            break;
        }
    }
    if (json_is_string(v))
        return s->text(s, v);
    if (json_is_integer(v))
        snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    else if (json_is_real(v))
        ncp_double_str(json_real_value(v), num, sizeof num);
    else
        return NULL;
    return nc_article_strdup(s->a, num);
}

const char *ncp_schema_url(ncp_schema_rd *s, json_t *v)
{
    static const char *const keys[] = {"contentUrl", "url", "@id", NULL};
    size_t i;
    v = ncp_schema_deref(s, first(v));
    for (i = 0; json_is_object(v) && keys[i]; i++) {
        json_t *u = first(lookup(v, keys[i]));
        if (json_is_string(u) && json_string_length(u))
            v = u;
    }
    if (!json_is_string(v) || !json_string_length(v))
        return NULL;
    return s->url ? s->url(s, v) : s->text(s, v);
}

int ncp_schema_int(json_t *v)
{
    double d;
    if (json_is_object(v))
        v = json_object_get(v, "value");
    if (json_is_integer(v))
        return json_integer_value(v) > 0 && json_integer_value(v) <= 2147483647
                   ? (int)json_integer_value(v) : 0;
    if (json_is_real(v)) {
        d = json_real_value(v);
        return d >= 1 && d <= 2147483647.0 && d == (double)(long)d ? (int)d : 0;
    }
    if (json_is_string(v)) {
        const char *p = json_string_value(v);
        char *end;
        long n;
        p += strspn(p, " ");
        n = strtol(p, &end, 10);
        if (end == p)
            return 0;
        end += strspn(end, " ");
        if (*end && strcmp(end, "px"))
            return 0;
        return n > 0 && n <= 2147483647 ? (int)n : 0;
    }
    return 0;
}

/* ---- authors ---- */

/* 1 when an @type value names the type name */
static int type_is(json_t *type, const char *name)
{
    const char *const one[] = {name, NULL};
    return ncp_schema_type_in(type, one);
}

static void add_agent(ncp_schema_rd *s, const ncp_schema_agent *ag)
{
    if (s->author)
        s->author(s, ag);
    else if (ag->name || ag->url)
        nc_article_add_author(s->a, ag->name, ag->role, ag->url, ag->affiliation);
}

/* "givenName familyName" when both are given; in the arena or NULL */
static const char *given_family(ncp_schema_rd *s, json_t *e)
{
    const char *g = ncp_schema_text(s, ncp_schema_get(s, e, "givenName"));
    const char *f = g ? ncp_schema_text(s, ncp_schema_get(s, e, "familyName")) : NULL;
    nc_buf t = NC_BUF_INIT;
    const char *name;
    if (!f)
        return NULL;
    nc_buf_printf(&t, "%s %s", g, f);
    name = t.ptr ? nc_article_strdup(s->a, t.ptr) : NULL;
    nc_buf_release(&t);
    return name;
}

/* A Person or Organization object as an author. */
static void add_person(ncp_schema_rd *s, json_t *e, const char *role)
{
    int exact = !!(s->flags & NCP_SCHEMA_EXACT);
    ncp_schema_agent ag = {.role = role};
    ag.name = ncp_schema_text(s, ncp_schema_get(s, e, "name"));
    if (!ag.name && !exact)
        ag.name = given_family(s, e);
    ag.url = ncp_schema_url(s, ncp_schema_get(s, e, "url"));
    if (!ag.url && !exact)
        ag.url = ncp_schema_url(s, ncp_schema_get(s, e, "sameAs"));
    ag.affiliation = ncp_schema_text(s, ncp_schema_get(s, e, "affiliation"));
    if (!ag.affiliation && !exact) {
        ag.affiliation = ncp_schema_text(s, ncp_schema_get(s, e, "worksFor"));
        if (ag.affiliation && ag.name && !strcmp(ag.affiliation, ag.name))
            ag.affiliation = NULL; /* a business that is its own employer */
    }
    add_agent(s, &ag);
}

/* pass 0: persons and plain names; 1: organisations; 2 (exact): all */
static void authors_pass(ncp_schema_rd *s, json_t *v, const char *role, int pass, int depth)
{
    size_t i, n = json_is_array(v) ? json_array_size(v) : 1;
    for (i = 0; i < n && i < 200; i++) {
        json_t *e = ncp_schema_deref(s, json_is_array(v) ? json_array_get(v, i) : v);
        json_t *type = ncp_schema_get(s, e, "@type");
        if (json_is_object(e) && type_is(type, "Role")) {
            /* {"@type": "Role", "roleName": "editor", "author": {...}}: the agent under
             * the Role's author, creator, editor or contributor */
            static const char *const agent_props[] = {"author", "creator", "editor",
                                                      "contributor", NULL};
            json_t *inner = NULL, *rn;
            const char *r = role;
            size_t k;
            for (k = 0; !inner && agent_props[k]; k++)
                inner = ncp_schema_get(s, e, agent_props[k]);
            if ((rn = ncp_schema_get(s, e, "roleName")) != NULL)
                r = ncp_schema_text(s, rn);
            if (inner && depth < 4)
                authors_pass(s, inner, r, pass, depth + 1);
        } else if (json_is_string(e) && pass != 1) {
            ncp_schema_agent ag = {.name = s->text(s, e), .role = role, .bare = 1};
            add_agent(s, &ag);
        } else if (json_is_object(e) &&
                   (pass == 2 || ncp_schema_type_in(type, ncp_schema_org_types) == pass)) {
            add_person(s, e, role);
        }
    }
}

int ncp_schema_authors(ncp_schema_rd *s, json_t *v, const char *role)
{
    size_t before = s->a->n_authors;
    if (!v)
        return 0;
    if (s->flags & NCP_SCHEMA_EXACT) {
        authors_pass(s, v, role, 2, 0);
        return 0;
    }
    authors_pass(s, v, role, 0, 0);
    if (s->a->n_authors > before)
        return 0;
    authors_pass(s, v, role, 1, 0);
    return s->a->n_authors > before;
}

/* ---- media ---- */

static void media_renditions(ncp_schema_rd *s, nc_media *m, json_t *e)
{
    json_t *enc = ncp_schema_get(s, e, "encoding");
    const char *th;
    size_t i, n = json_is_array(enc) ? json_array_size(enc) : enc ? 1 : 0;
    for (i = 0; i < n; i++) {
        json_t *r = ncp_schema_deref(s, json_is_array(enc) ? json_array_get(enc, i) : enc);
        if (!json_is_object(r))
            continue;
        nc_media_add_rendition(s->a, m, ncp_schema_text(s, ncp_schema_get(s, r, "name")),
                               ncp_schema_url(s, r),
                               ncp_schema_text(s, ncp_schema_get(s, r, "encodingFormat")),
                               ncp_schema_int(ncp_schema_get(s, r, "width")),
                               ncp_schema_int(ncp_schema_get(s, r, "height")));
    }
    if ((th = ncp_schema_url(s, ncp_schema_get(s, e, "thumbnailUrl"))) != NULL)
        nc_media_add_rendition(s->a, m, "thumbnail", th, NULL, 0, 0);
}

/* the address of a media object: contentUrl, url, embedUrl (a player page), @id */
static const char *media_href(ncp_schema_rd *s, json_t *e)
{
    static const char *const keys[] = {"contentUrl", "url", "embedUrl", "@id", NULL};
    const char *href = NULL;
    size_t i;
    for (i = 0; !href && keys[i]; i++)
        if (!(s->flags & NCP_SCHEMA_EXACT) || strcmp(keys[i], "embedUrl"))
            href = ncp_schema_url(s, ncp_schema_get(s, e, keys[i]));
    return href;
}

nc_media *ncp_schema_media(ncp_schema_rd *s, json_t *v, nc_media_kind kind)
{
    int exact = !!(s->flags & NCP_SCHEMA_EXACT);
    json_t *e = ncp_schema_deref(s, v), *type;
    const char *href, *t;
    nc_media *m;
    if (json_is_string(e))
        return (href = ncp_schema_url(s, e)) ? nc_article_add_media(s->a, kind, href) : NULL;
    if (!json_is_object(e))
        return NULL;
    type = ncp_schema_get(s, e, "@type");
    if (ncp_schema_type_in(type, ncp_schema_media_types))
        kind = ncp_schema_media_kind(type);
    if ((t = ncp_schema_text(s, ncp_schema_get(s, e, "additionalType"))) && strstr(t, "graphic"))
        kind = NC_MEDIA_GRAPHIC;
    href = media_href(s, e);
    if ((!href && !exact) || !(m = nc_article_add_media(s->a, kind, href)))
        return NULL;
    m->id = ncp_schema_text(s, ncp_schema_get(s, e, "identifier"));
    m->mime = ncp_schema_text(s, ncp_schema_get(s, e, "encodingFormat"));
    m->width = ncp_schema_int(ncp_schema_get(s, e, "width"));
    m->height = ncp_schema_int(ncp_schema_get(s, e, "height"));
    m->title = ncp_schema_text(s, ncp_schema_get(s, e, "name"));
    m->caption = ncp_schema_text(s, ncp_schema_get(s, e, "caption"));
    m->credit = ncp_schema_text(s, ncp_schema_get(s, e, "creditText"));
    if (!m->credit && !exact)
        m->credit = ncp_schema_text(s, ncp_schema_get(s, e, "copyrightHolder"));
    if (!m->credit && !exact)
        m->credit = ncp_schema_text(s, ncp_schema_get(s, e, "author"));
    m->alt = ncp_schema_text(s, ncp_schema_get(s, e, "description"));
    if (!exact && m->caption && m->alt && !strcmp(m->caption, m->alt))
        m->alt = NULL;
    if (!(s->flags & NCP_SCHEMA_LEAD))
        media_renditions(s, m, e);
    return m;
}

/* ---- keywords ---- */

static int has_keyword(const nc_article *a, const char *k)
{
    size_t j;
    for (j = 0; j < a->n_keywords; j++)
        if (!strcmp(a->keywords[j], k))
            return 1;
    return 0;
}

/* one keyword, white space collapsed; an empty or known one is left out */
static void keyword_add(nc_article *a, nc_buf *k, const char *s, size_t len)
{
    nc_buf_clear(k);
    ncp_collapse_space(k, s, len);
    if (k->size && !has_keyword(a, k->ptr))
        nc_article_add_keyword(a, k->ptr);
}

/* "a, b, c" (split: 1), or one keyword (0) */
static void keyword_list(nc_article *a, const char *list, int split)
{
    nc_buf k = NC_BUF_INIT;
    const char *c;
    while (split && (c = strchr(list, ',')) != NULL) {
        keyword_add(a, &k, list, (size_t)(c - list));
        list = c + 1;
    }
    keyword_add(a, &k, list, strlen(list));
    nc_buf_release(&k);
}

void ncp_schema_keywords(ncp_schema_rd *s, json_t *v)
{
    size_t i, n = json_is_array(v) ? json_array_size(v) : v ? 1 : 0;
    for (i = 0; i < n && i < 1000; i++) {
        json_t *e = json_is_array(v) ? json_array_get(v, i) : v;
        const char *k = ncp_schema_text(s, e);
        if (!k)
            continue;
        if (s->flags & NCP_SCHEMA_EXACT)
            nc_article_add_keyword(s->a, k);
        else
            keyword_list(s->a, k, json_is_string(e));
    }
}
