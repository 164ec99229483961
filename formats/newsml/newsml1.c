/* newsconv: the NewsML 1.x reader (root <NewsML>): NewsItem, NewsComponent, NewsLines,
 * ContentItem, DataContent. The text components make the body; photo, graphic, video and
 * audio components become media with their renditions, caption and credit.
 * docs/formats.md gives the mapping. */
#include "newsml.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#define IS(n, local) ncp_nml_is_nml1((n), (local))
#define CHILD(n, local) ncp_nml_child_nml1((n), (local))

typedef struct r1 {
    nc_article *a;
    const nc_opts *o;
    nc_error *err;
    xmlNode *topics; /* TopicSet elements give subject names */
    xmlNode *bodies[16], *contacts[16];
    size_t n_bodies, n_contacts;
} r1;

static const char *formal(const xmlNode *n)
{
    const char *v = ncp_nml_attr(n, "FormalName");
    return v && *v ? v : NULL;
}

static const char *role_of(const xmlNode *comp)
{
    return formal(CHILD(comp, "Role"));
}

static int media_type(const xmlNode *ci, nc_media_kind *kind)
{
    const char *mt = formal(CHILD(ci, "MediaType")), *mime = formal(CHILD(ci, "MimeType"));
    if (mt) {
        if (!ncp_strcasecmp(mt, "Photo") || !ncp_strcasecmp(mt, "Image") ||
            !ncp_strcasecmp(mt, "Picture"))
            return *kind = NC_MEDIA_PICTURE, 1;
        if (!ncp_strcasecmp(mt, "Graphic"))
            return *kind = NC_MEDIA_GRAPHIC, 1;
        if (!ncp_strcasecmp(mt, "Video"))
            return *kind = NC_MEDIA_VIDEO, 1;
        if (!ncp_strcasecmp(mt, "Audio"))
            return *kind = NC_MEDIA_AUDIO, 1;
        if (!ncp_strcasecmp(mt, "Text"))
            return 0;
    }
    if (mime) {
        if (!strncmp(mime, "image/", 6))
            return *kind = NC_MEDIA_PICTURE, 1;
        if (!strncmp(mime, "video/", 6))
            return *kind = NC_MEDIA_VIDEO, 1;
        if (!strncmp(mime, "audio/", 6))
            return *kind = NC_MEDIA_AUDIO, 1;
    }
    return 0;
}

static int is_rendition_role(const char *r)
{
    static const char *const roles[] = {"HighDef", "Quicklook", "Thumbnail", "Preview",
                                        "Original", "LowRes", "HighRes", "Web", NULL};
    const char *const *p;
    if (!r)
        return 0;
    for (p = roles; *p; p++)
        if (!ncp_strcasecmp(r, *p))
            return 1;
    return 0;
}

static int has_direct_media(const xmlNode *comp)
{
    xmlNode *c;
    nc_media_kind k;
    for (c = ncp_nml_first_el(comp->children); c; c = ncp_nml_next_el(c))
        if (IS(c, "ContentItem") && media_type(c, &k))
            return 1;
    return 0;
}

/* A component that stands for one media object: it holds the media content itself, or
 * its children are renditions of it (HighDef, Quicklook, Thumbnail, ...). */
static int is_media_group(const xmlNode *comp)
{
    xmlNode *c;
    if (has_direct_media(comp))
        return 1;
    for (c = ncp_nml_first_el(comp->children); c; c = ncp_nml_next_el(c))
        if (IS(c, "NewsComponent") && is_rendition_role(role_of(c)) && has_direct_media(c))
            return 1;
    return 0;
}

static void property_int(const xmlNode *ci, int *w, int *h)
{
    xmlNode *ch = CHILD(ci, "Characteristics"), *p;
    for (p = ch ? ncp_nml_first_el(ch->children) : NULL; p; p = ncp_nml_next_el(p)) {
        const char *n = formal(p), *v = ncp_nml_attr(p, "Value");
        if (!IS(p, "Property") || !n || !v)
            continue;
        if (!ncp_strcasecmp(n, "Width") || !ncp_strcasecmp(n, "PixelWidth"))
            *w = atoi(v);
        else if (!ncp_strcasecmp(n, "Height") || !ncp_strcasecmp(n, "PixelHeight"))
            *h = atoi(v);
    }
}

/* Characteristics/SizeInBytes of a ContentItem, or 0. */
static long long size_of(const xmlNode *ci)
{
    xmlNode *s = CHILD(CHILD(ci, "Characteristics"), "SizeInBytes");
    xmlChar *t = s ? xmlNodeGetContent(s) : NULL;
    long long n = t ? strtoll((const char *)t, NULL, 10) : 0;
    xmlFree(t);
    return n > 0 ? n : 0;
}

static const char *mime_of(const xmlNode *ci)
{
    const char *m = formal(CHILD(ci, "MimeType")), *f = formal(CHILD(ci, "Format"));
    if (m)
        return m;
    if (f && (!ncp_strcasecmp(f, "JPG") || !ncp_strncasecmp(f, "JPEG", 4)))
        return "image/jpeg";
    if (f && !ncp_strcasecmp(f, "PNG"))
        return "image/png";
    if (f && !ncp_strcasecmp(f, "GIF"))
        return "image/gif";
    return NULL;
}

static const char *lower_dup(nc_article *a, const char *s)
{
    char *d;
    size_t i;
    if (!s)
        return NULL;
    d = nc_article_strdup(a, s);
    for (i = 0; d && d[i]; i++)
        if (d[i] >= 'A' && d[i] <= 'Z')
            d[i] = (char)(d[i] + 32);
    return d;
}

/* The text of a component's DataContent (captions). */
static const char *data_text(nc_article *a, const nc_opts *o, const xmlNode *comp)
{
    xmlNode *ci = CHILD(comp, "ContentItem");
    xmlNode *dc = ci ? CHILD(ci, "DataContent") : NULL;
    xmlChar *t;
    const char *r;
    int line, col;
    if (!dc)
        return NULL;
    t = xmlNodeGetContent(dc);
    if (!t)
        return NULL;
    if (t[0] && strchr((const char *)t, '<') &&
        ncp_markup_attrs_check((const char *)t, strlen((const char *)t), 1, &line, &col) < 0) {
        nc_warn(o, 0, 0, "NewsML 1: a caption with an element of more than %d attributes: dropped",
                NCP_MAX_ATTRIBUTES);
        r = NULL;
    } else if (t[0] && strchr((const char *)t, '<')) {
        /* escaped HTML as text: take its text */
        ncp_xml_quiet();
        int nomem;
        htmlDocPtr d = ncp_dom_parse_html((const char *)t, strlen((const char *)t), "UTF-8",
                                     HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                         HTML_PARSE_NOWARNING,
                                     &nomem);
        if (nomem)
            a->failed = 1; /* reported as out of memory by the reader */
        r = d && !nomem ? ncp_nml_text(a, xmlDocGetRootElement(d)) : NULL;
        if (d)
            xmlFreeDoc(d);
    } else {
        r = ncp_nml_collapse(a, (const char *)t);
    }
    xmlFree(t);
    return r;
}

/* A media item's details (article.h) holding its byline: {"byline": "..."}, the shape
 * ninjs gives an association's byline. */
static const char *byline_details(nc_article *a, const char *by)
{
    nc_buf b = NC_BUF_INIT;
    const unsigned char *p;
    const char *r = NULL;
    nc_buf_puts(&b, "{\"byline\":\"");
    for (p = (const unsigned char *)by; *p; p++) {
        if (*p == '"' || *p == '\\')
            nc_buf_printf(&b, "\\%c", *p);
        else if (*p < 0x20)
            nc_buf_printf(&b, "\\u%04x", *p);
        else
            nc_buf_putc(&b, *p);
    }
    nc_buf_puts(&b, "\"}");
    if (!b.failed)
        r = nc_article_strndup(a, b.ptr, b.size);
    else
        a->failed = 1;
    nc_buf_release(&b);
    return r;
}

static void media_group(r1 *r, xmlNode *g)
{
    nc_article *a = r->a;
    xmlNode *items[64], *roles[64], *c, *d, *nl;
    size_t n = 0, i, main_i = 0;
    nc_media_kind kind = NC_MEDIA_PICTURE;
    nc_media *m;
    const char *caption = NULL;
    /* the content items: the group's own, and those of its rendition children */
    for (c = ncp_nml_first_el(g->children); c; c = ncp_nml_next_el(c)) {
        nc_media_kind k;
        if (IS(c, "ContentItem") && media_type(c, &k) && n < 64) {
            kind = k;
            roles[n] = g;
            items[n++] = c;
        } else if (IS(c, "NewsComponent")) {
            const char *role = role_of(c);
            if (role && !ncp_strcasecmp(role, "Caption")) {
                if (!caption)
                    caption = data_text(a, r->o, c);
                continue;
            }
            for (d = ncp_nml_first_el(c->children); d; d = ncp_nml_next_el(d))
                if (IS(d, "ContentItem") && media_type(d, &k) && n < 64) {
                    kind = k;
                    roles[n] = c;
                    items[n++] = d;
                }
        }
    }
    if (!n)
        return;
    for (i = 0; i < n; i++) {
        const char *role = roles[i] != g ? role_of(roles[i]) : NULL;
        if (role && (!ncp_strcasecmp(role, "HighDef") || !ncp_strcasecmp(role, "Original") ||
                     !ncp_strcasecmp(role, "HighRes"))) {
            main_i = i;
            break;
        }
    }
    m = nc_article_add_media(a, kind, ncp_nml_attr(items[main_i], "Href"));
    if (!m)
        return;
    {
        const char *mime = mime_of(items[main_i]);
        if (mime)
            m->mime = nc_article_strdup(a, mime);
    }
    property_int(items[main_i], &m->width, &m->height);
    m->main.size = size_of(items[main_i]);
    for (i = 0; i < n; i++) {
        int w = 0, h = 0;
        nc_rendition *rn;
        const char *role = roles[i] != g ? role_of(roles[i]) : NULL;
        if (i == main_i)
            continue;
        if (!role) {
            /* Business Wire: Characteristics/Property ImageUse */
            xmlNode *ch = CHILD(items[i], "Characteristics"), *p;
            for (p = ch ? ncp_nml_first_el(ch->children) : NULL; p; p = ncp_nml_next_el(p))
                if (formal(p) && !strcmp(formal(p), "ImageUse"))
                    role = ncp_nml_attr(p, "Value");
        }
        property_int(items[i], &w, &h);
        rn = nc_media_add_rendition(a, m, lower_dup(a, role), ncp_nml_attr(items[i], "Href"),
                                    mime_of(items[i]), w, h);
        if (rn)
            rn->size = size_of(items[i]);
    }
    nl = CHILD(g, "NewsLines");
    if (nl) {
        const char *hl = ncp_nml_text(a, CHILD(nl, "HeadLine"));
        const char *by = ncp_nml_text(a, CHILD(nl, "ByLine"));
        m->credit = ncp_nml_text(a, CHILD(nl, "CreditLine"));
        if (!m->credit)
            m->credit = by;
        else if (by && strcmp(by, m->credit))
            m->details = byline_details(a, by); /* the photographer, beside the credit */
        if (caption)
            m->title = hl;
        else
            caption = hl;
    }
    m->caption = caption;
    {
        const char *duid = ncp_nml_attr(g, "Duid");
        if (duid && *duid)
            m->id = nc_article_strdup(a, duid);
    }
}

/* A NewsLine (NewsLineType, NewsLineText): an advisory ("RECASTS with attack on ...") is
 * an editorial note; any other line is kept as extra "newsml1:NewsLine/TYPE" (AFP's
 * "(Picture+Video+Graphic)" line, Business Wire's URLs). */
static void news_line(r1 *r, const xmlNode *c)
{
    nc_article *a = r->a;
    const char *type = formal(CHILD(c, "NewsLineType"));
    const char *text = ncp_nml_text(a, CHILD(c, "NewsLineText"));
    nc_buf key = NC_BUF_INIT;
    if (!text)
        return;
    if (type && (!ncp_strcasecmp(type, "AdvisoryLine") || !ncp_strcasecmp(type, "Advisory"))) {
        if (!a->str[NC_F_EDNOTE]) {
            nc_article_sets(a, NC_F_EDNOTE, text);
        } else {
            nc_buf_printf(&key, "%s\n%s", a->str[NC_F_EDNOTE], text);
            nc_article_sets(a, NC_F_EDNOTE, key.ptr);
        }
    } else {
        nc_buf_printf(&key, "newsml1:NewsLine/%s", type && *type ? type : "line");
        if (!key.failed)
            nc_article_add_extra(a, key.ptr, text, 0);
    }
    if (key.failed)
        a->failed = 1;
    nc_buf_release(&key);
}

/* ---- metadata ---- */

static void news_lines(r1 *r, const xmlNode *nl)
{
    nc_article *a = r->a;
    xmlNode *c;
    for (c = ncp_nml_first_el(nl->children); c; c = ncp_nml_next_el(c)) {
        const char *nm = (const char *)c->name;
        if (!IS(c, nm))
            continue;
        if (!strcmp(nm, "HeadLine"))
            ncp_nml_set(a, NC_F_HEADLINE, ncp_nml_text(a, c));
        else if (!strcmp(nm, "SubHeadLine"))
            ncp_nml_set(a, NC_F_SUBHEADLINE, ncp_nml_text(a, c));
        else if (!strcmp(nm, "ByLine"))
            ncp_nml_set(a, NC_F_BYLINE, ncp_nml_text(a, c));
        else if (!strcmp(nm, "DateLine"))
            ncp_nml_set(a, NC_F_DATELINE, ncp_nml_text(a, c));
        else if (!strcmp(nm, "CreditLine"))
            ncp_nml_set(a, NC_F_CREDIT, ncp_nml_text(a, c));
        else if (!strcmp(nm, "CopyrightLine"))
            ncp_nml_set(a, NC_F_COPYRIGHT_NOTICE, ncp_nml_text(a, c));
        else if (!strcmp(nm, "RightsLine"))
            ncp_nml_set(a, NC_F_USAGE_TERMS, ncp_nml_text(a, c));
        else if (!strcmp(nm, "SlugLine"))
            ncp_nml_set(a, NC_F_SLUGLINE, ncp_nml_text(a, c));
        else if (!strcmp(nm, "KeywordLine")) {
            const char *k = ncp_nml_text(a, c);
            if (k)
                nc_article_add_keyword(a, k);
        } else if (!strcmp(nm, "NewsLine")) {
            news_line(r, c);
        } else if (!strcmp(nm, "ByLineTitle") || !strcmp(nm, "SeriesLine")) {
            const char *t = ncp_nml_text(a, c);
            nc_buf key = NC_BUF_INIT;
            nc_buf_printf(&key, "newsml1:%s", nm);
            if (t && !key.failed)
                nc_article_add_extra(a, key.ptr, t, 0);
            nc_buf_release(&key);
        }
    }
}

static const char *party(const xmlNode *n)
{
    return formal(CHILD(n, "Party"));
}

static void admin_meta(r1 *r, const xmlNode *am)
{
    nc_article *a = r->a;
    xmlNode *c;
    for (c = ncp_nml_first_el(am->children); c; c = ncp_nml_next_el(c)) {
        if (IS(c, "Provider")) {
            ncp_nml_set(a, NC_F_PROVIDER, ncp_nml_collapse(a, party(c)));
        } else if (IS(c, "Creator") || IS(c, "Contributor")) {
            const char *p = ncp_nml_collapse(a, party(c));
            if (p)
                nc_article_add_author(a, p, IS(c, "Contributor") ? "contributor" : NULL, NULL,
                                      NULL);
        }
    }
}

/* RightsMetadata: the copyright holder, the usage limitations as the usage terms, and
 * what else it says (UsageType, Geography, dates, a second Limitations) as extra
 * "newsml1:PARENT/NAME", so that nothing of it is lost. */
static void rights_meta(r1 *r, const xmlNode *rm)
{
    nc_article *a = r->a;
    xmlNode *c, *d;
    for (c = ncp_nml_first_el(rm->children); c; c = ncp_nml_next_el(c)) {
        for (d = ncp_nml_first_el(c->children); d; d = ncp_nml_next_el(d)) {
            const char *nm = (const char *)d->name, *t = ncp_nml_text(a, d);
            nc_buf key = NC_BUF_INIT;
            if (!t)
                continue;
            if (IS(c, "Copyright") && IS(d, "CopyrightHolder") && !a->str[NC_F_COPYRIGHT_HOLDER]) {
                ncp_nml_set(a, NC_F_COPYRIGHT_HOLDER, t);
                continue;
            }
            if (IS(c, "UsageRights") && IS(d, "Limitations") && !a->str[NC_F_USAGE_TERMS]) {
                ncp_nml_set(a, NC_F_USAGE_TERMS, t);
                continue;
            }
            nc_buf_printf(&key, "newsml1:%s/%s", (const char *)c->name, nm);
            if (key.failed || !nc_article_add_extra(a, key.ptr, t, 0))
                a->failed = 1;
            nc_buf_release(&key);
        }
    }
}

/* The name of an IPTC subject code from the document's TopicSet (ana1.xml). */
static const char *topic_name(r1 *r, const char *code)
{
    xmlNode *ts, *t, *d;
    for (ts = r->topics; ts; ts = ts->next) {
        if (!IS(ts, "TopicSet"))
            continue;
        for (t = ncp_nml_first_el(ts->children); t; t = ncp_nml_next_el(t)) {
            xmlNode *fn = CHILD(t, "FormalName");
            xmlChar *v = fn ? xmlNodeGetContent(fn) : NULL;
            int match = v && !strcmp((const char *)v, code);
            xmlFree(v);
            if (!match)
                continue;
            for (d = ncp_nml_first_el(t->children); d; d = ncp_nml_next_el(d)) {
                const char *var = ncp_nml_attr(d, "Variant"), *lang = ncp_nml_lang(d);
                if (IS(d, "Description") && var && !strcmp(var, "Name") &&
                    (!lang || !ncp_strncasecmp(lang, "en", 2)))
                    return ncp_nml_text(r->a, d);
            }
        }
    }
    return NULL;
}

static void subject_code(r1 *r, const xmlNode *sc)
{
    xmlNode *c;
    for (c = ncp_nml_first_el(sc->children); c; c = ncp_nml_next_el(c)) {
        const char *f = ncp_nml_collapse(r->a, formal(c));
        char code[64];
        if (!f)
            continue;
        if (strlen(f) == 8 && strspn(f, "0123456789") == 8)
            snprintf(code, sizeof code, "subj:%s", f);
        else
            snprintf(code, sizeof code, "%.60s", f);
        {
            size_t i;
            int dup = 0;
            for (i = 0; i < r->a->n_subjects; i++)
                if (r->a->subjects[i].code && !strcmp(r->a->subjects[i].code, code))
                    dup = 1;
            if (!dup)
                nc_article_add_subject(r->a, topic_name(r, f), code, NULL);
        }
    }
}

static void descr_meta(r1 *r, const xmlNode *dm)
{
    nc_article *a = r->a;
    xmlNode *c, *p;
    for (c = ncp_nml_first_el(dm->children); c; c = ncp_nml_next_el(c)) {
        if (IS(c, "Language")) {
            const char *l = formal(c);
            if (l && !a->str[NC_F_LANGUAGE])
                nc_article_sets(a, NC_F_LANGUAGE, lower_dup(a, l));
        } else if (IS(c, "Genre")) {
            const char *g = ncp_nml_collapse(a, formal(c));
            if (g)
                nc_article_add_genre(a, g, NULL, NULL);
        } else if (IS(c, "SubjectCode")) {
            subject_code(r, c);
        } else if (IS(c, "DateLineDate")) {
            ncp_nml_set_date(a, NC_T_CREATED, c, r->o);
        } else if (IS(c, "Location")) {
            for (p = ncp_nml_first_el(c->children); p; p = ncp_nml_next_el(p))
                if (formal(p) && !strcmp(formal(p), "City"))
                    ncp_nml_set(a, NC_F_LOCATION, ncp_nml_collapse(a, ncp_nml_attr(p, "Value")));
        } else if (IS(c, "Property")) {
            const char *n = formal(c), *v = ncp_nml_attr(c, "Value");
            if (n && v && *v) {
                if (!strcmp(n, "Keyword"))
                    nc_article_add_keyword(a, ncp_nml_collapse(a, v));
                else if (!strcmp(n, "City"))
                    ncp_nml_set(a, NC_F_LOCATION, ncp_nml_collapse(a, v));
            }
        }
    }
}

/* ---- content ---- */

/* In-body NITF media that point at a photo component (<media-reference
 * data-location="#photo0"/>, AFP) get its address, caption and credit. */
static int resolve_media_refs(r1 *r, xmlNode *root)
{
    xmlNode *n = root;
    int oom = 0;
    while (n) {
        if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, "media-reference")) {
            const char *loc = ncp_nml_attr(n, "data-location");
            size_t i;
            if (loc && loc[0] == '#' && !ncp_nml_attr(n, "source"))
                for (i = 0; i < r->a->n_media; i++) {
                    const nc_media *m = &r->a->media[i];
                    xmlNode *media = n->parent;
                    if (!m->id || strcmp(m->id, loc + 1) || !m->href)
                        continue;
                    if (!xmlSetProp(n, (const xmlChar *)"source", (const xmlChar *)m->href))
                        oom = 1;
                    if (media && m->caption && !CHILD(media, "media-caption") &&
                        !xmlNewTextChild(media, NULL, (const xmlChar *)"media-caption",
                                         (const xmlChar *)m->caption))
                        oom = 1;
                    if (media && m->credit && !CHILD(media, "media-producer") &&
                        !xmlNewTextChild(media, NULL, (const xmlChar *)"media-producer",
                                         (const xmlChar *)m->credit))
                        oom = 1;
                    break;
                }
        }
        if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        while (n && n != root && !n->next)
            n = n->parent;
        if (!n || n == root)
            break;
        n = n->next;
    }
    return oom ? -1 : 0;
}

static int text_content(r1 *r, xmlNode *ci)
{
    nc_article *a = r->a;
    xmlNode *dc = CHILD(ci, "DataContent"), *el;
    const char *mime = formal(CHILD(ci, "MimeType")), *fmt = formal(CHILD(ci, "Format"));
    if (!dc)
        return 0;
    if (CHILD(ci, "Encoding")) {
        /* base64 and the like: not text to show */
        const char *notation = ncp_nml_attr(CHILD(ci, "Encoding"), "Notation");
        nc_warn(r->o, (int)xmlGetLineNo(ci), 0, "encoded DataContent (%s) skipped",
                notation ? notation : "?");
        return 0;
    }
    el = ncp_nml_first_el(dc->children);
    if (el && fmt && (strstr(fmt, "NITF") || strstr(fmt, "nitf"))) {
        if (resolve_media_refs(r, dc) < 0 || ncp_nitf_prepare(dc) < 0)
            return nc_error_set(r->err, NC_ERR_NOMEM, 0, 0, "out of memory");
    }
    if (el) {
        if (!strcmp((const char *)el->name, "nitf"))
            return ncp_nitf_read_el(a, el, r->o, r->err);
        if (!strcmp((const char *)el->name, "html")) {
            xmlNode *b;
            for (b = ncp_nml_first_el(el->children); b; b = ncp_nml_next_el(b))
                if (!strcmp((const char *)b->name, "body"))
                    return ncp_nml_body(a, b, 0, r->o, r->err);
            return ncp_nml_body(a, el, 0, r->o, r->err);
        }
        return ncp_nml_body(a, dc, 0, r->o, r->err);
    }
    {
        xmlChar *t = xmlNodeGetContent(dc);
        size_t len;
        const char *s;
        int rc = 0;
        if (!t)
            return 0;
        len = strlen((const char *)t);
        s = ncp_trim((const char *)t, &len);
        if (len && (s[0] == '<' || (mime && strstr(mime, "html")) ||
                    (fmt && (strstr(fmt, "HTML") || strstr(fmt, "NITF")))))
            rc = ncp_dom_html_to_body(a, s, len, r->o, r->o ? r->o->base_url : NULL, a->body,
                                  r->err);
        else
            ncp_nml_plain_body(a, s, len);
        xmlFree(t);
        return rc;
    }
}

/* Walks the component tree (explicit stack, depth bounded by the parser's limit). */
static int components(r1 *r, xmlNode *top)
{
    xmlNode **stack = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    xmlNode *c;
#define PUSH(x)                                                                            \
    do {                                                                                   \
        if (n == cap) {                                                                    \
            size_t ncap_ = cap ? cap * 2 : 32;                                             \
            xmlNode **ns_ = realloc(stack, ncap_ * sizeof *ns_);                           \
            if (!ns_) {                                                                    \
                rc = nc_error_set(r->err, NC_ERR_NOMEM, 0, 0, "out of memory");            \
                goto done;                                                                 \
            }                                                                              \
            stack = ns_;                                                                   \
            cap = ncap_;                                                                   \
        }                                                                                  \
        stack[n++] = (x);                                                                  \
    } while (0)
    PUSH(top);
    while (n) {
        xmlNode *comp = stack[--n], *kids[256];
        size_t nk = 0;
        const char *role = role_of(comp);
        if (is_media_group(comp)) {
            media_group(r, comp);
            continue;
        }
        for (c = ncp_nml_first_el(comp->children); c; c = ncp_nml_next_el(c)) {
            if (IS(c, "NewsLines"))
                news_lines(r, c);
            else if (IS(c, "AdministrativeMetadata"))
                admin_meta(r, c);
            else if (IS(c, "DescriptiveMetadata"))
                descr_meta(r, c);
            else if (IS(c, "RightsMetadata"))
                rights_meta(r, c);
            else if (IS(c, "TopicSet") && !r->topics)
                r->topics = c;
        }
        for (c = ncp_nml_first_el(comp->children); c; c = ncp_nml_next_el(c)) {
            if (IS(c, "ContentItem")) {
                const char *mime = formal(CHILD(c, "MimeType"));
                const char *fmt = formal(CHILD(c, "Format"));
                if ((mime && !strcmp(mime, "text/css")) || (fmt && !strcmp(fmt, "CSS")))
                    continue;
                if (role && (!ncp_strcasecmp(role, "HeadLine") ||
                             !ncp_strcasecmp(role, "SubHeadLine"))) {
                    ncp_nml_set(r->a, !ncp_strcasecmp(role, "HeadLine") ? NC_F_HEADLINE
                                                                        : NC_F_SUBHEADLINE,
                                data_text(r->a, r->o, comp));
                    continue;
                }
                if (role && !ncp_strcasecmp(role, "Contact")) {
                    if (r->n_contacts < sizeof r->contacts / sizeof r->contacts[0])
                        r->contacts[r->n_contacts++] = c;
                    continue;
                }
                /* converted after the walk, when the media are known */
                if (r->n_bodies < sizeof r->bodies / sizeof r->bodies[0])
                    r->bodies[r->n_bodies++] = c;
            } else if (IS(c, "NewsComponent") && nk < 256) {
                kids[nk++] = c;
            }
        }
        /* children in document order: push in reverse */
        while (nk)
            PUSH(kids[--nk]);
    }
#undef PUSH
done:
    free(stack);
    return rc;
}

static void management(r1 *r, const xmlNode *nm, xmlNode **vc)
{
    nc_article *a = r->a;
    xmlNode *c;
    for (c = ncp_nml_first_el(nm->children); c; c = ncp_nml_next_el(c)) {
        if (IS(c, "FirstCreated")) {
            ncp_nml_set_date(a, NC_T_PUBLISHED, c, r->o);
        } else if (IS(c, "ThisRevisionCreated")) {
            *vc = c;
        } else if (IS(c, "Status")) {
            const char *s = formal(c);
            if (s && !strncmp(s, "stat:", 5))
                s += 5;
            if (s && *s && !a->str[NC_F_PUBSTATUS])
                nc_article_sets(a, NC_F_PUBSTATUS, lower_dup(a, s));
        } else if (IS(c, "Urgency")) {
            const char *u = formal(c);
            if (u && !a->urgency && u[0] >= '1' && u[0] <= '9' && !u[1])
                a->urgency = u[0] - '0';
        } else if (IS(c, "StatusWillChange")) {
            xmlNode *fs = CHILD(c, "FutureStatus");
            if (fs && formal(fs) && !ncp_strcasecmp(formal(fs), "Usable"))
                ncp_nml_set_date(a, NC_T_EMBARGO, CHILD(c, "DateAndTime"), r->o);
        }
    }
}

static int has_text_component(xmlNode *item)
{
    /* any ContentItem with MediaType Text or DataContent */
    xmlNode *n = item;
    while (n) {
        if (IS(n, "DataContent"))
            return 1;
        if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        while (n && n != item && !n->next)
            n = n->parent;
        if (!n || n == item)
            break;
        n = n->next;
    }
    return 0;
}

int ncp_nml1_read(nc_article *a, xmlNode *root, const nc_opts *o, nc_error *err)
{
    r1 r;
    xmlNode *c, *item = NULL, *first = NULL, *vc = NULL, *id, *top;
    size_t n_items = 0, i;
    memset(&r, 0, sizeof r);
    r.a = a;
    r.o = o;
    r.err = err;
    for (c = ncp_nml_first_el(root->children); c; c = ncp_nml_next_el(c))
        if (IS(c, "NewsItem")) {
            n_items++;
            if (!first)
                first = c;
            if (!item && has_text_component(c))
                item = c;
        }
    if (!item)
        item = first;
    if (!item)
        return nc_error_set(err, NC_ERR_NOT_ARTICLE, (int)xmlGetLineNo(root), 0,
                            "not a text article: the NewsML document holds no NewsItem");
    if (n_items > 1)
        nc_warn(o, (int)xmlGetLineNo(root), 0,
                "the NewsML document holds %zu NewsItems: only one is read", n_items);
    if ((id = CHILD(item, "Identification")) != NULL) {
        xmlNode *ni = CHILD(id, "NewsIdentifier");
        if (ni) {
            ncp_nml_set(a, NC_F_ID, ncp_nml_text(a, CHILD(ni, "PublicIdentifier")));
            ncp_nml_set(a, NC_F_VERSION, ncp_nml_text(a, CHILD(ni, "RevisionId")));
            if (!a->str[NC_F_PROVIDER])
                ncp_nml_set(a, NC_F_PROVIDER, ncp_nml_text(a, CHILD(ni, "ProviderId")));
        }
    }
    if ((c = CHILD(item, "NewsManagement")) != NULL)
        management(&r, c, &vc);
    top = CHILD(item, "NewsComponent");
    if (top) {
        /* the top component's provider beats the identifier's ProviderId */
        xmlNode *am = CHILD(top, "AdministrativeMetadata");
        const char *p = am ? party(CHILD(am, "Provider")) : NULL;
        if (p)
            a->str[NC_F_PROVIDER] = ncp_nml_collapse(a, p);
        if (components(&r, top) < 0)
            return -1;
    }
    for (i = 0; i < r.n_bodies; i++)
        if (text_content(&r, r.bodies[i]) < 0)
            return -1;
    for (i = 0; i < r.n_contacts; i++)
        if (text_content(&r, r.contacts[i]) < 0)
            return -1;
    if (id) {
        /* the item's label: the slugline, or kept beside a SlugLine unlike it */
        const char *label = ncp_nml_text(a, CHILD(id, "NameLabel"));
        if (label && a->str[NC_F_SLUGLINE] && strcmp(label, a->str[NC_F_SLUGLINE]) &&
            !nc_article_add_extra(a, "newsml1:NameLabel", label, 0))
            a->failed = 1;
        ncp_nml_set(a, NC_F_SLUGLINE, label);
    }
    ncp_nml_set(a, NC_F_LANGUAGE, ncp_nml_lang(item));
    if (vc && !a->time[NC_T_MODIFIED].prec) {
        nc_time t, *p = &a->time[NC_T_PUBLISHED];
        xmlChar *s = xmlNodeGetContent(vc);
        if (s && ncp_nml_date((const char *)s, vc, &t) == 0 &&
            !(p->prec && nc_time_equal(&t, p)))
            nc_article_set_time(a, NC_T_MODIFIED, &t);
        xmlFree(s);
    }
    return 0;
}
