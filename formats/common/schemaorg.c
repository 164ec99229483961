/* newsconv: the schema.org vocabulary of the JSON-LD readers (schemaorg.h). */
#include "common/schemaorg.h"

#include <string.h>

const char *const ncp_schema_article_types[] = {
    "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle",
    "AskPublicNewsArticle", "BackgroundNewsArticle", "OpinionNewsArticle",
    "ReviewNewsArticle", "SatiricalArticle", "BlogPosting", "LiveBlogPosting",
    "SocialMediaPosting", "DiscussionForumPosting", "TechArticle", "ScholarlyArticle",
    "Report", "AdvertiserContentArticle", NULL};

const char *const ncp_schema_page_article_types[] = {"MedicalScholarlyArticle",
                                                     "APIReference", "Posting", NULL};

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

nc_media_kind ncp_schema_media_kind(json_t *type)
{
    if (ncp_schema_type_in(type, video_types))
        return NC_MEDIA_VIDEO;
    if (ncp_schema_type_in(type, audio_types))
        return NC_MEDIA_AUDIO;
    return NC_MEDIA_PICTURE;
}

static int has_keyword(const nc_article *a, const char *k)
{
    size_t j;
    for (j = 0; j < a->n_keywords; j++)
        if (!strcmp(a->keywords[j], k))
            return 1;
    return 0;
}

void ncp_schema_keywords(nc_article *a, const char *list, unsigned flags)
{
    nc_buf k = NC_BUF_INIT;
    for (;;) {
        const char *c = strchr(list, ',');
        size_t len = c ? (size_t)(c - list) : strlen(list);
        if (flags & NCP_SCHEMA_TIDY) {
            nc_buf_clear(&k);
            ncp_collapse_space(&k, list, len);
            if (k.size && !has_keyword(a, k.ptr))
                nc_article_add_keyword(a, k.ptr);
        } else {
            const char *t = ncp_trim(list, &len);
            if (len)
                nc_article_add_keyword(a, nc_article_strndup(a, t, len));
        }
        if (!c)
            break;
        list = c + 1;
    }
    nc_buf_release(&k);
}
