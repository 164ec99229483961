/* newsconv: the NewsML-G2 reader: newsItem, newsMessage, packageItem, and the guide's
 * contentMeta/contentSet fragments. Elements are matched by namespace URI (the G2
 * namespace, or none) and local name. docs/formats.md gives the mapping and the outcome
 * for each kind of item. */
#include "newsml.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

typedef struct rd {
    nc_article *a;
    const nc_opts *o;
    nc_error *err;
    xmlNode *vc;       /* versionCreated of the item read */
    xmlNode *header;   /* a newsMessage's header, kept after the item's contentMeta */
    const char *title; /* itemMeta/title: the last headline fallback */
} rd;

enum iclass {
    IC_NONE, IC_TEXT, IC_PICTURE, IC_GRAPHIC, IC_VIDEO, IC_AUDIO, IC_COMPOSITE, IC_OTHER
};

static int line_of(const xmlNode *n)
{
    long l = n ? xmlGetLineNo(n) : 0;
    return l > 0 ? (int)l : 0;
}

static enum iclass class_of_code(const char *q)
{
    const char *c;
    if (!q)
        return IC_TEXT; /* itemClass is required; a missing one is read as text */
    c = ncp_nml_qcode_code(q);
    if (strrchr(c, '/'))
        c = strrchr(c, '/') + 1; /* an itemClass uri= */
    if (!ncp_strcasecmp(c, "text"))
        return IC_TEXT;
    if (!ncp_strcasecmp(c, "picture") || !ncp_strcasecmp(c, "photo") ||
        !ncp_strcasecmp(c, "image"))
        return IC_PICTURE;
    if (!ncp_strcasecmp(c, "graphic"))
        return IC_GRAPHIC;
    if (!ncp_strcasecmp(c, "video") || !ncp_strcasecmp(c, "animated"))
        return IC_VIDEO;
    if (!ncp_strcasecmp(c, "audio"))
        return IC_AUDIO;
    if (!ncp_strcasecmp(c, "composite"))
        return IC_COMPOSITE;
    return IC_OTHER;
}

static const char *class_attr(const xmlNode *ic)
{
    const char *q = ncp_nml_attr(ic, "qcode");
    return q ? q : ncp_nml_attr(ic, "uri");
}

/* The class of an item; IC_NONE when it has no itemMeta (not a usable item). */
static enum iclass item_class(const xmlNode *item)
{
    xmlNode *im = ncp_nml_child_g2(item, "itemMeta");
    if (!im)
        return IC_NONE;
    return class_of_code(class_attr(ncp_nml_child_g2(im, "itemClass")));
}

static int is_media_class(enum iclass c)
{
    return c == IC_PICTURE || c == IC_GRAPHIC || c == IC_VIDEO || c == IC_AUDIO;
}

/* The QCode the G2 writer gives a media class. */
static const char *media_class(enum iclass c)
{
    return c == IC_VIDEO ? "ninat:video"
           : c == IC_AUDIO ? "ninat:audio"
           : c == IC_GRAPHIC ? "ninat:graphic"
                             : "ninat:picture";
}

static nc_media_kind media_kind(enum iclass c)
{
    return c == IC_VIDEO ? NC_MEDIA_VIDEO
           : c == IC_AUDIO ? NC_MEDIA_AUDIO
           : c == IC_GRAPHIC ? NC_MEDIA_GRAPHIC
                             : NC_MEDIA_PICTURE;
}

/* The name of a concept or party: its first <name>, else literal=, else the code of
 * qcode=, else uri=. */
static const char *party_name(nc_article *a, const xmlNode *p)
{
    const char *v = ncp_nml_text(a, ncp_nml_child_g2(p, "name"));
    if (!v)
        v = ncp_nml_collapse(a, ncp_nml_attr(p, "literal"));
    if (!v && ncp_nml_attr(p, "qcode"))
        v = ncp_nml_collapse(a, ncp_nml_qcode_code(ncp_nml_attr(p, "qcode")));
    if (!v)
        v = ncp_nml_collapse(a, ncp_nml_attr(p, "uri"));
    return v;
}

static int nc_true(const xmlNode *n, const char *attr)
{
    const char *v = ncp_nml_nc_attr(n, attr);
    return v && (!strcmp(v, "true") || !strcmp(v, "1"));
}

/* ---- concepts: genres, subjects and entities ---- */

/* The code of a concept: its qcode, else its literal when it has a uri too (the uri is
 * the model's uri then, as ninjs's literal and uri), else its uri, else its literal. */
static const char *concept_code(nc_article *a, const xmlNode *c)
{
    const char *v = ncp_nml_attr(c, "qcode");
    if ((!v || !*v) && ncp_nml_attr(c, "uri") && *ncp_nml_attr(c, "uri") &&
        ncp_nml_attr(c, "literal") && *ncp_nml_attr(c, "literal"))
        v = ncp_nml_attr(c, "literal");
    if (!v || !*v)
        v = ncp_nml_attr(c, "uri");
    if (!v || !*v)
        v = ncp_nml_attr(c, "literal");
    return v && *v ? ncp_nml_collapse(a, v) : NULL;
}

/* The entity type of a G2 concept type (cpnat:person, ...); TOPIC for others. */
static nc_subject_type entity_type(const char *t)
{
    const char *c = t ? ncp_nml_qcode_code(t) : "";
    if (!strcmp(c, "person"))
        return NC_SUBJECT_PERSON;
    if (!strcmp(c, "organisation") || !strcmp(c, "organization"))
        return NC_SUBJECT_ORGANISATION;
    if (!strcmp(c, "geoArea") || !strcmp(c, "poi"))
        return NC_SUBJECT_PLACE;
    if (!strcmp(c, "event"))
        return NC_SUBJECT_EVENT;
    if (!strcmp(c, "object"))
        return NC_SUBJECT_OBJECT;
    return NC_SUBJECT_TOPIC;
}

/* 1 when the G2 writer writes type t back as it is (the model keeps kinds, not codes). */
static int canonical_type(const char *t)
{
    static const char *const ok[] = {"cpnat:person", "cpnat:organisation", "cpnat:geoArea",
                                     "cpnat:event", "cpnat:object", NULL};
    const char *const *p;
    for (p = ok; *p; p++)
        if (!strcmp(*p, t))
            return 1;
    return 0;
}

static int percent_attr(const xmlNode *c, const char *name)
{
    const char *v = ncp_nml_attr(c, name);
    int n = NC_UNSET;
    if (v && *v && strspn(v, "0123456789") == strlen(v) && strlen(v) <= 3 && atoi(v) <= 100)
        n = atoi(v);
    return n;
}

/* A G2 attribute, else newsconv's of the same name (for values G2 wants as QCodes). */
static const char *g2_or_nc(const xmlNode *c, const char *name)
{
    const char *v = ncp_nml_attr(c, name);
    return v ? v : ncp_nml_nc_attr(c, name);
}

/* A genre, subject or entity; also digitalSourceType and dataMining (into *into). */
static void concept_into(rd *r, const xmlNode *c, int genre, nc_subject *into)
{
    nc_article *a = r->a;
    const char *code = concept_code(a, c), *name = ncp_nml_text(a, ncp_nml_child_g2(c, "name"));
    const char *scheme = ncp_nml_nc_attr(c, "scheme"), *uri = ncp_nml_nc_attr(c, "uri");
    nc_subject *s;
    if (!code && !name)
        return;
    if (into) {
        s = into;
        nc_article_setp(a, &s->name, name);
        nc_article_setp(a, &s->code, code);
        nc_article_setp(a, &s->scheme, scheme);
    } else if (genre) {
        s = nc_article_add_genre(a, name, code, scheme);
    } else {
        s = nc_article_add_entity(a, entity_type(ncp_nml_attr(c, "type")), name, code, scheme);
    }
    if (!s)
        return;
    if (!uri && ncp_nml_attr(c, "uri") && code && strcmp(code, ncp_nml_attr(c, "uri")))
        uri = ncp_nml_attr(c, "uri"); /* beside a qcode= */
    nc_article_setp(a, &s->uri, uri);
    nc_article_setp(a, &s->rel, g2_or_nc(c, "rel"));
    nc_article_setp(a, &s->creator, g2_or_nc(c, "creator"));
    nc_article_setp(a, &s->details, ncp_nml_nc_attr(c, "details"));
    s->relevance = percent_attr(c, "relevance");
    s->confidence = percent_attr(c, "confidence");
}

static void concept(rd *r, const xmlNode *c, int genre)
{
    concept_into(r, c, genre, NULL);
}

/* ---- elements kept as extra pairs (extra.c) ---- */

static void keep(rd *r, const xmlNode *el)
{
    if (!ncp_g2x_keep(r->a, el))
        r->a->failed = 1;
}

/* 1 when n has attributes other than newsconv's own, xml:space and role (which the
 * reader has read when it matters: a headline's role makes it the subheadline). */
static int has_attrs(const xmlNode *n)
{
    const xmlAttr *at;
    for (at = n->properties; at; at = at->next) {
        const char *ns = at->ns && at->ns->href ? (const char *)at->ns->href : NULL;
        const char *nm = (const char *)at->name;
        if (ns && !strcmp(ns, NCP_NS_NC))
            continue;
        if (ns && !strcmp(ns, (const char *)XML_XML_NAMESPACE) && !strcmp(nm, "space"))
            continue;
        if (!ns && !strcmp(nm, "role"))
            continue;
        return 1;
    }
    return 0;
}

static int n_attrs(const xmlNode *n)
{
    const xmlAttr *at;
    int k = 0;
    for (at = n->properties; at; at = at->next)
        k++;
    return k;
}

/* 1 for <language tag="..." how="howextr:tool" why="why:inferred"/>: a language a tool
 * inferred from the text, nothing else said of it. */
static int inferred_language(const xmlNode *c)
{
    const char *how = ncp_nml_attr(c, "how"), *why = ncp_nml_attr(c, "why");
    return how && why && !strcmp(how, "howextr:tool") && !strcmp(why, "why:inferred") &&
           n_attrs(c) == 3 && !ncp_nml_first_el(c->children);
}

/* 1 when a party or concept is its name alone (<provider><name>dpa</name></provider>),
 * which the model's field gives back exactly; else the element is kept too. */
static int bare_party(const xmlNode *p)
{
    xmlNode *c = ncp_nml_first_el(p->children);
    if (has_attrs(p))
        return 0;
    return !c || (ncp_nml_is_g2(c, "name") && !has_attrs(c) && !ncp_nml_next_el(c));
}

/* Only these attributes (no namespace) besides newsconv's own. */
static int attrs_within(const xmlNode *n, const char *const *names)
{
    const xmlAttr *at;
    for (at = n->properties; at; at = at->next) {
        const char *const *p;
        if (at->ns && at->ns->href && !strcmp((const char *)at->ns->href, NCP_NS_NC))
            continue;
        if (at->ns)
            return 0;
        for (p = names; *p && strcmp(*p, (const char *)at->name); p++)
            ;
        if (!*p)
            return 0;
    }
    return 1;
}

/* A creator or contributor the model's author gives back: role, uri, one name, and
 * personDetails with one affiliation. */
static int bare_author(const xmlNode *c)
{
    static const char *const ok[] = {"role", "uri", NULL};
    xmlNode *e;
    int names = 0;
    if (!attrs_within(c, ok))
        return 0;
    for (e = ncp_nml_first_el(c->children); e; e = ncp_nml_next_el(e)) {
        if (ncp_nml_is_g2(e, "name") && !has_attrs(e) && !names++)
            continue;
        if (ncp_nml_is_g2(e, "personDetails")) {
            xmlNode *af = ncp_nml_first_el(e->children);
            if (af && ncp_nml_is_g2(af, "affiliation") && !ncp_nml_next_el(af) &&
                bare_party(af))
                continue;
        }
        return 0;
    }
    return 1;
}

/* A genre or subject the model gives back: a code, one name, the attributes the model
 * holds (a type the writer writes the same). */
static int bare_concept(const xmlNode *c)
{
    static const char *const ok[] = {"qcode",     "uri",        "literal", "type",
                                     "rel",       "relevance",  "confidence", "creator", NULL};
    xmlNode *e = ncp_nml_first_el(c->children);
    const char *t = ncp_nml_attr(c, "type"), *u = ncp_nml_attr(c, "uri");
    if (!attrs_within(c, ok) || (t && !canonical_type(t)) ||
        (u && ncp_nml_attr(c, "literal") && ncp_nml_attr(c, "qcode")) ||
        (ncp_nml_attr(c, "relevance") && percent_attr(c, "relevance") == NC_UNSET) ||
        (ncp_nml_attr(c, "confidence") && percent_attr(c, "confidence") == NC_UNSET))
        return 0;
    return !e || (ncp_nml_is_g2(e, "name") && !has_attrs(e) && !ncp_nml_next_el(e));
}

/* The date of the element, or a time without precision. */
static nc_time date_of(const xmlNode *el)
{
    nc_time t;
    xmlChar *s = el ? xmlNodeGetContent(el) : NULL;
    if (!s || ncp_nml_date((const char *)s, el, &t) < 0)
        memset(&t, 0, sizeof t);
    xmlFree(s);
    return t;
}

static int same_time(const nc_time *x, const nc_time *y);

/* 1 when versionCreated vc is kept as it is: when the model's modification time will come
 * from it (the writer then writes no contentModified), or when it is not the date the
 * writer derives from the model (modified, else published, else created). finish_item
 * applies the same rule to the model. */
static int keep_version(const xmlNode *vc)
{
    const xmlNode *im = vc->parent, *cm = im ? ncp_nml_child_g2(im->parent, "contentMeta") : NULL;
    nc_time t = date_of(vc), pub = date_of(ncp_nml_child_g2(im, "firstCreated"));
    nc_time created = date_of(ncp_nml_child_g2(cm, "contentCreated"));
    nc_time mod = date_of(ncp_nml_child_g2(cm, "contentModified"));
    if (!t.prec)
        return 1;
    if (mod.prec)
        return !same_time(&t, &mod);
    if (!same_time(&t, &pub) && !same_time(&t, &created))
        return 1; /* the modification time */
    return !same_time(&t, pub.prec ? &pub : &created);
}

/* A text field from el: set when unset (el kept as well when it has attributes), else
 * el is kept (a second copyrightNotice, a usageTerms in another language). */
static void text_or_keep(rd *r, nc_field f, const xmlNode *el, const char *v)
{
    if (r->a->str[f] || !v) {
        keep(r, el);
        return;
    }
    nc_article_sets(r->a, f, v);
    if (has_attrs(el) || ncp_nml_first_el(el->children))
        keep(r, el);
}

/* ---- rightsInfo ---- */

static void rights_info(rd *r, const xmlNode *ri)
{
    nc_article *a = r->a;
    xmlNode *c;
    for (c = ncp_nml_first_el(ri->children); c; c = ncp_nml_next_el(c)) {
        if (!ncp_nml_is_g2(c, (const char *)c->name))
            continue; /* another namespace: a provider's extension */
        if (ncp_nml_is_g2(c, "copyrightHolder") && !a->str[NC_F_COPYRIGHT_HOLDER]) {
            ncp_nml_set(a, NC_F_COPYRIGHT_HOLDER, party_name(a, c));
            if (!bare_party(c))
                keep(r, c);
        } else if (ncp_nml_is_g2(c, "copyrightNotice")) {
            text_or_keep(r, NC_F_COPYRIGHT_NOTICE, c, ncp_nml_text(a, c));
        } else if (ncp_nml_is_g2(c, "usageTerms")) {
            text_or_keep(r, NC_F_USAGE_TERMS, c, ncp_nml_text(a, c));
        } else if (ncp_nml_is_g2(c, "dataMining") && !a->data_mining.name &&
                   !a->data_mining.code) {
            concept_into(r, c, 0, &a->data_mining);
            if (!bare_concept(c))
                keep(r, c);
        } else {
            keep(r, c); /* accountable, link, rightsExpression*, dataMining, ... */
        }
    }
}

/* ---- media from remoteContent (picture items and media links) ---- */

static void int_attr(const xmlNode *n, const char *name, int *out)
{
    const char *v = ncp_nml_attr(n, name);
    if (v && *v && strspn(v, "0123456789") == strlen(v) && strlen(v) < 9)
        *out = atoi(v);
}

/* The name of a rendition: its rendition= without newsconv's rnd: alias, else the
 * nc:rendition of a name that is no code. */
static const char *rendition_name(nc_article *a, const xmlNode *rc)
{
    const char *r = ncp_nml_attr(rc, "rendition");
    if (!r || !*r)
        return nc_article_strdup(a, ncp_nml_nc_attr(rc, "rendition"));
    if (!strncmp(r, "rnd:", 4))
        r += 4;
    return nc_article_strdup(a, r);
}

/* A rendition's title, size, duration, format and details: newsconv's attributes (a media
 * link's remoteContent), and in an item's own remoteContent (item = 1) also G2's, with
 * the rest of the element kept in the details (media.c). */
static void rendition_more(nc_article *a, nc_rendition *rn, const xmlNode *c, int item)
{
    /* the attributes the model holds (media.c keeps the others) */
    static const char *const mapped[] = {"href",  "contenttype", "width",  "height", "rendition",
                                         "title", "size",        "format", NULL};
    static const char *const with_duration[] = {"href",  "contenttype", "width",
                                                "height", "rendition",  "title",
                                                "size",   "format",     "duration", NULL};
    const char *v, *unit = ncp_nml_attr(c, "durationunit");
    int seconds = !unit || !strcmp(unit, "timeunit:seconds");
    if (!rn)
        return;
    nc_article_setp(a, &rn->title, ncp_nml_nc_attr(c, "title"));
    nc_article_setp(a, &rn->format, ncp_nml_nc_attr(c, "format"));
    nc_article_setp(a, &rn->details, ncp_nml_nc_attr(c, "details"));
    if ((v = ncp_nml_nc_attr(c, "size")) != NULL)
        rn->size = strtoll(v, NULL, 10);
    if ((v = ncp_nml_nc_attr(c, "duration")) != NULL)
        rn->duration = strtod(v, NULL);
    if (!item)
        return;
    if (!rn->title)
        nc_article_setp(a, &rn->title, ncp_nml_attr(c, "title"));
    if (!rn->format)
        nc_article_setp(a, &rn->format, ncp_nml_attr(c, "format"));
    v = ncp_nml_attr(c, "size");
    if (!rn->size && v && *v && strspn(v, "0123456789") == strlen(v) && strlen(v) < 19)
        rn->size = strtoll(v, NULL, 10);
    v = ncp_nml_attr(c, "duration");
    if (!rn->duration && v && *v && seconds && strspn(v, "0123456789.") == strlen(v))
        rn->duration = strtod(v, NULL);
    rn->details = ncp_g2_rc_keep(a, c, rn->duration > 0 ? with_duration : mapped, rn->details);
}

/* Adds the remoteContent children of el to m: the first becomes the main rendition
 * unless m has an href already (then the one with that href gives its dimensions). item:
 * el is the contentSet of a picture (video, ...) item (the item read, or one of its
 * newsMessage): each rendition keeps its name and everything else its remoteContent
 * says; else el is a media link, whose remoteContents carry newsconv's attributes. */
static void remote_contents(nc_article *a, nc_media *m, const xmlNode *el, int item)
{
    xmlNode *c;
    int main_done = 0;
    for (c = ncp_nml_first_el(el->children); c; c = ncp_nml_next_el(c)) {
        const char *href, *mime;
        int w = 0, h = 0;
        if (!ncp_nml_is_g2(c, "remoteContent"))
            continue;
        href = ncp_nml_attr(c, "href");
        if (!href)
            href = ncp_nml_attr(c, "residref");
        mime = ncp_nml_attr(c, "contenttype");
        int_attr(c, "width", &w);
        int_attr(c, "height", &h);
        /* a remoteContent without an address is never the main rendition */
        if (!main_done && href && (!m->href || (!strcmp(href, m->href) &&
                                                !ncp_nml_attr(c, "rendition")))) {
            if (!m->href && href)
                m->href = nc_article_strdup(a, href);
            if (!m->mime && mime)
                m->mime = nc_article_strdup(a, mime);
            m->width = w;
            m->height = h;
            main_done = 1;
            if (item)
                m->main.name = rendition_name(a, c);
            else /* a media link: its main rendition's name is newsconv's attribute */
                nc_article_setp(a, &m->main.name, ncp_nml_nc_attr(c, "rendition"));
            rendition_more(a, &m->main, c, item);
            continue;
        }
        rendition_more(a, nc_media_add_rendition(a, m, rendition_name(a, c), href, mime, w, h),
                       c, item);
    }
}

/* Title, caption, alt text and credit of a media item or link from its contentMeta-like
 * children (headline; description with a caption role, else another one but the
 * alternative text; creditline, else by when by_credit: not for the item's own picture,
 * whose by is the article's byline). */
static void media_texts(nc_article *a, nc_media *m, const xmlNode *meta, int by_credit)
{
    xmlNode *c;
    const char *by = NULL, *other = NULL;
    for (c = ncp_nml_first_el(meta->children); c; c = ncp_nml_next_el(c)) {
        if (ncp_nml_is_g2(c, "headline") || ncp_nml_is_g2(c, "title")) {
            if (!m->title)
                m->title = ncp_nml_text(a, c);
        } else if (ncp_nml_is_g2(c, "description")) {
            const char *role = ncp_nml_attr(c, "role");
            const char *code = role ? ncp_nml_qcode_code(role) : "";
            if (!ncp_strcasecmp(code, "alternativeText") || !ncp_strcasecmp(code, "alt")) {
                if (!m->alt)
                    m->alt = ncp_nml_text(a, c);
            } else if (!ncp_strcasecmp(code, "caption")) {
                if (!m->caption)
                    m->caption = ncp_nml_text(a, c);
            } else if (!other) {
                other = ncp_nml_text(a, c); /* a summary: the caption when there is none */
            }
        } else if (ncp_nml_is_g2(c, "creditline")) {
            if (!m->credit)
                m->credit = ncp_nml_text(a, c);
        } else if (ncp_nml_is_g2(c, "by")) {
            if (!by)
                by = ncp_nml_text(a, c);
        }
    }
    if (!m->credit && by && by_credit)
        m->credit = by;
    if (!m->caption)
        m->caption = other;
}

/* The media entry with this id, if the text item's links named it already. */
static nc_media *media_by_id(nc_article *a, const char *id)
{
    size_t i;
    if (!id || !*id)
        return NULL;
    for (i = 0; i < a->n_media; i++)
        if (a->media[i].id && !strcmp(a->media[i].id, id))
            return &a->media[i];
    return NULL;
}

/* A media item (picture, graphic, video, audio newsItem) as one media entry of a; an
 * entry a link of the text item made for it is completed instead. root: the item read is
 * that media item itself (its guid and headline are the article's, its renditions are
 * kept whole). */
static nc_media *media_from_item(nc_article *a, const xmlNode *item, enum iclass cls, int root)
{
    const char *guid = ncp_nml_attr(item, "guid");
    nc_media *m = root ? NULL : media_by_id(a, guid);
    xmlNode *cm = ncp_nml_child_g2(item, "contentMeta"), *cs = ncp_nml_child_g2(item, "contentSet");
    int known = m != NULL;
    if (!m)
        m = nc_article_add_media(a, media_kind(cls), NULL);
    if (!m)
        return NULL;
    if (!root && !m->id && guid && *guid)
        m->id = nc_article_strdup(a, guid);
    if (cm)
        media_texts(a, m, cm, !root);
    if (root) {
        m->title = NULL; /* the article's headline */
    } else if (!m->title) {
        xmlNode *im = ncp_nml_child_g2(item, "itemMeta");
        m->title = ncp_nml_text(a, ncp_nml_child_g2(im, "title"));
    }
    if (cs && !(known && (m->href || m->n_renditions)))
        remote_contents(a, m, cs, 1);
    return m;
}

/* ---- itemMeta ---- */

static enum iclass link_media_class(const xmlNode *l)
{
    xmlNode *ic = ncp_nml_child_g2(l, "itemClass");
    const char *ct = ncp_nml_attr(l, "contenttype");
    if (ic) {
        enum iclass c = class_of_code(class_attr(ic));
        return is_media_class(c) ? c : IC_NONE;
    }
    if (ct && !strncmp(ct, "image/", 6))
        return IC_PICTURE;
    if (ct && !strncmp(ct, "video/", 6))
        return IC_VIDEO;
    if (ct && !strncmp(ct, "audio/", 6))
        return IC_AUDIO;
    return IC_NONE;
}

/* A media link the model's media gives back as the G2 writer writes it: rel
 * irel:associatedWith, no guidref or version, and only the children the model holds
 * (itemClass, remoteContent, description, creditline). Another one (DrPublish's
 * irel:dependsOn links with guidref and fileName) is kept as well, and written instead. */
static int plain_media_link(const xmlNode *l)
{
    static const char *const ok[] = {"rel", "href", "residref", "contenttype", "title", NULL};
    const char *rel = ncp_nml_attr(l, "rel");
    xmlNode *c;
    if (!attrs_within(l, ok) || (rel && strcmp(rel, "irel:associatedWith")))
        return 0;
    for (c = ncp_nml_first_el(l->children); c; c = ncp_nml_next_el(c))
        if (!ncp_nml_is_g2(c, "itemClass") && !ncp_nml_is_g2(c, "remoteContent") &&
            !ncp_nml_is_g2(c, "description") && !ncp_nml_is_g2(c, "creditline"))
            return 0;
    return 1;
}

/* A link the model's link gives back: rel, href and title, nothing else. */
static int bare_link(const xmlNode *l)
{
    static const char *const ok[] = {"rel", "href", "title", NULL};
    return attrs_within(l, ok) && !ncp_nml_first_el(l->children);
}

static void item_link(rd *r, const xmlNode *l)
{
    nc_article *a = r->a;
    const char *rel = ncp_nml_attr(l, "rel"), *href = ncp_nml_attr(l, "href");
    const char *title = ncp_nml_attr(l, "title");
    enum iclass mc = link_media_class(l);
    if (!href || !*href)
        href = ncp_nml_attr(l, "residref");
    if (!href || !*href)
        href = ncp_nml_attr(l, "guidref");
    if (mc != IC_NONE) {
        nc_media *m;
        const char *id = ncp_nml_attr(l, "residref");
        const char *h = ncp_nml_attr(l, "href");
        if (!id)
            id = ncp_nml_attr(l, "guidref");
        if (media_by_id(a, id))
            return; /* linked twice */
        m = nc_article_add_media(a, media_kind(mc), NULL);
        if (!m)
            return;
        if (h && *h)
            m->href = nc_article_strdup(a, h);
        if (id && *id)
            m->id = nc_article_strdup(a, id);
        if (ncp_nml_attr(l, "contenttype"))
            m->mime = nc_article_strdup(a, ncp_nml_attr(l, "contenttype"));
        if (title)
            m->title = nc_article_strdup(a, title);
        nc_article_setp(a, &m->name, ncp_nml_nc_attr(l, "name"));
        nc_article_setp(a, &m->rel, ncp_nml_nc_attr(l, "rel"));
        nc_article_setp(a, &m->details, ncp_nml_nc_attr(l, "details"));
        {
            /* the item type as given: newsconv's word, or a class the kind does not say */
            xmlNode *ic = ncp_nml_child_g2(l, "itemClass");
            const char *t = ncp_nml_nc_attr(ic, "type"), *q = ic ? class_attr(ic) : NULL;
            if (!t && q && strcmp(q, media_class(mc)))
                t = q;
            nc_article_setp(a, &m->type, t);
        }
        remote_contents(a, m, l, 0);
        media_texts(a, m, l, 1);
        if (!plain_media_link(l))
            keep(r, l); /* written instead of the model's media link */
        return;
    }
    if (rel && !strcmp(ncp_nml_qcode_code(rel), "canonical") && href && !a->str[NC_F_URL]) {
        nc_article_sets(a, NC_F_URL, href);
        return;
    }
    if (!bare_link(l))
        keep(r, l); /* written instead of the model's link */
    if (!title)
        title = ncp_nml_text(a, ncp_nml_child_g2(l, "title"));
    if (!href && !title)
        return;
    if (rel) {
        if (!strcmp(rel, "irel:seeAlso"))
            rel = "related";
        else if (!strncmp(rel, "irel:", 5))
            rel += 5;
    }
    nc_article_add_link(a, rel, href, title);
}

/* 1 when n has element children outside the G2 namespace. */
static int foreign_children(const xmlNode *n)
{
    const xmlNode *c;
    for (c = n->children; c; c = c->next)
        if (ncp_nml_is_el(c) && !ncp_nml_is_g2(c, (const char *)c->name))
            return 1;
    return 0;
}

static void item_meta(rd *r, const xmlNode *im)
{
    nc_article *a = r->a;
    xmlNode *c;
    nc_buf notes = NC_BUF_INIT;
    for (c = ncp_nml_first_el(im->children); c; c = ncp_nml_next_el(c)) {
        if (!ncp_nml_is_g2(c, (const char *)c->name)) {
            keep(r, c); /* another namespace: a provider's extension */
        } else if (ncp_nml_is_g2(c, "itemClass")) {
            /* the item type: newsconv's word, else a media kind's word ("picture" for
             * ninat:picture, icls:picture...: the other formats know it), else a class
             * other than the writer's default */
            const char *q = class_attr(c), *t = ncp_nml_nc_attr(c, "type");
            enum iclass cls = class_of_code(q);
            int media = !t && q && is_media_class(cls);
            if (media)
                t = nc_media_kind_name(media_kind(cls));
            else if (!t && q && strcmp(q, "ninat:text"))
                t = q;
            if (!a->item_type)
                nc_article_setp(a, &a->item_type, t);
            if (!ncp_nml_attr(c, "qcode") || ncp_nml_first_el(c->children) ||
                n_attrs(c) > 1 + (ncp_nml_nc_attr(c, "type") != NULL) ||
                (media && strcmp(q, media_class(cls))))
                keep(r, c); /* more than the writer writes */
        } else if (ncp_nml_is_g2(c, "provider")) {
            if (!nc_true(c, "generated")) {
                ncp_nml_set(a, NC_F_PROVIDER, party_name(a, c));
                if (!bare_party(c))
                    keep(r, c);
            }
        } else if (ncp_nml_is_g2(c, "versionCreated")) {
            if (!nc_true(c, "generated")) {
                r->vc = c;
                if (keep_version(c))
                    keep(r, c);
            }
        } else if (ncp_nml_is_g2(c, "firstCreated")) {
            ncp_nml_set_date(a, NC_T_PUBLISHED, c, r->o);
        } else if (ncp_nml_is_g2(c, "embargoed")) {
            ncp_nml_set_date(a, NC_T_EMBARGO, c, r->o);
        } else if (ncp_nml_is_g2(c, "pubStatus")) {
            const char *q = ncp_nml_attr(c, "qcode");
            if (q && !strncmp(q, "stat:", 5))
                q += 5;
            ncp_nml_set(a, NC_F_PUBSTATUS, q);
            if (ncp_nml_first_el(c->children) || n_attrs(c) > 1)
                keep(r, c);
        } else if (ncp_nml_is_g2(c, "edNote")) {
            /* plain notes; a structured note (dpa's XHTML notepad) repeats the others and
             * is kept as it is, like a note with a role or a publishing constraint */
            const char *t = foreign_children(c) ? NULL : ncp_nml_text(a, c);
            if (t) {
                if (notes.size)
                    nc_buf_putc(&notes, '\n');
                nc_buf_puts(&notes, t);
            }
            if (!t || ncp_nml_attr(c, "role") || has_attrs(c))
                keep(r, c); /* its role and publishing constraint too */
        } else if (ncp_nml_is_g2(c, "memberOf")) {
            if (!a->str[NC_F_SECTION]) {
                ncp_nml_set(a, NC_F_SECTION, party_name(a, c));
                if (!bare_party(c))
                    keep(r, c);
            } else {
                keep(r, c);
            }
        } else if (ncp_nml_is_g2(c, "title")) {
            if (!r->title)
                r->title = ncp_nml_text(a, c);
            keep(r, c); /* the writer has no other place for it */
        } else if (ncp_nml_is_g2(c, "expires")) {
            ncp_nml_set_date(a, NC_T_EXPIRES, c, r->o);
        } else if (ncp_nml_is_g2(c, "link")) {
            item_link(r, c);
        } else {
            keep(r, c); /* role, fileName, generator, profile, service, signal, ... */
        }
    }
    if (notes.size)
        ncp_nml_set(a, NC_F_EDNOTE, notes.ptr);
    if (notes.failed)
        a->failed = 1;
    nc_buf_release(&notes);
}

/* ---- contentMeta ---- */

static void author(rd *r, const xmlNode *c, int contributor)
{
    nc_article *a = r->a;
    const char *name = ncp_nml_text(a, ncp_nml_child_g2(c, "name"));
    const char *role = ncp_nml_attr(c, "role"), *url = ncp_nml_attr(c, "uri");
    const char *aff = NULL;
    xmlNode *pd = ncp_nml_child_g2(c, "personDetails");
    if (!name)
        name = ncp_nml_collapse(a, ncp_nml_attr(c, "literal"));
    if (pd) {
        xmlNode *af = ncp_nml_child_g2(pd, "affiliation");
        if (af)
            aff = party_name(a, af);
    }
    if (role)
        role += strspn(role, " \t\n\r");
    if (role && *role) {
        /* the first QCode of the list; newsconv's crol:/ctrol: aliases are implied */
        size_t n = strcspn(role, " \t\n\r");
        if (!strncmp(role, "crol:", 5) && n > 5)
            role += 5, n -= 5;
        else if (!strncmp(role, "ctrol:", 6) && n > 6)
            role += 6, n -= 6;
        role = nc_article_strndup(a, role, n);
    } else {
        role = contributor ? "contributor" : NULL;
    }
    if (!name && !url)
        return;
    {
        nc_author *au = nc_article_add_author(a, name, role, url && *url ? url : NULL, aff);
        if (au)
            nc_article_setp(a, &au->details, ncp_nml_nc_attr(c, "details"));
    }
}

/* contentMeta's administrative properties (NewsML-G2's AdministrativeMetadataGroup). */
static int administrative(const char *nm)
{
    static const char *const names[] = {"icon", "urgency", "contentCreated", "contentModified",
                                        "digitalSourceType", "located", "infoSource", "creator",
                                        "contributor", "audience", "exclAudience", "altId",
                                        "rating", "userInteraction", NULL};
    const char *const *p;
    for (p = names; *p; p++)
        if (!strcmp(*p, nm))
            return 1;
    return 0;
}

/* A contentMetaExtProperty: newsconv's extra pair (rel "ncext:" + the %-escaped key); a
 * property of another provider (rel "ex:desk", or a reluri, with a value) is kept as the
 * G2 element it is (extra "g2:contentMeta/contentMetaExtProperty"), which the G2 writer
 * writes back as it came, like an itemMetaExtProperty. */
static void ext_property(rd *r, const xmlNode *c)
{
    nc_article *a = r->a;
    const char *rel = ncp_nml_attr(c, "rel"), *val = ncp_nml_attr(c, "value");
    nc_buf key = NC_BUF_INIT;
    if (!rel)
        rel = ncp_nml_attr(c, "reluri");
    if (!rel || !*rel)
        return;
    if (strncmp(rel, "ncext:", 6)) {
        if (val) {
            keep(r, c);
            return;
        }
        /* a property given as text, which the schema does not allow: a pair under its rel,
         * written back with a value (ncext:) */
        nc_buf_puts(&key, rel);
    } else if (strcmp(rel, "ncext:%")) { /* "ncext:%" is the empty key */
        const char *p;
        for (p = rel + 6; *p; p++) {
            if (*p == '%' && p[1] && p[2] && !(p[1] == '0' && p[2] == '0')) {
                char hex[3] = {p[1], p[2], '\0'};
                nc_buf_putc(&key, (int)strtol(hex, NULL, 16));
                p += 2;
            } else {
                nc_buf_putc(&key, *p);
            }
        }
    }
    if (!val) {
        xmlChar *t = xmlNodeGetContent(c);
        nc_article_add_extra(a, key.ptr, t ? (const char *)t : "", 0);
        xmlFree(t);
    } else {
        nc_article_add_extra(a, key.ptr, val, nc_true(c, "json"));
    }
    nc_buf_release(&key);
}

/* 1 when el gives its own xml:lang, whose primary language differs from the one el's
 * parent has (the item's): a headline in another language than the item, which is not
 * its headline (a translation, kept as it is). */
static int translation(const xmlNode *el)
{
    xmlChar *own = xmlGetNsProp(el, (const xmlChar *)"lang", XML_XML_NAMESPACE);
    xmlChar *item = own && el->parent ? xmlNodeGetLang(el->parent) : NULL;
    int r = 0;
    if (own && item && *own && *item) {
        size_t n = strcspn((const char *)own, "-_"), m = strcspn((const char *)item, "-_");
        r = n != m || ncp_strncasecmp((const char *)own, (const char *)item, n);
    }
    xmlFree(own);
    xmlFree(item);
    return r;
}

static void content_meta(rd *r, const xmlNode *cm)
{
    nc_article *a = r->a;
    xmlNode *c;
    const char *other_headline = NULL, *translated_headline = NULL;
    int pass;
    /* the administrative properties first, then the others: the schema's order, which the
     * G2 writer follows (a document that mixes them reads back the same) */
    for (pass = 0; pass < 2; pass++) {
        for (c = ncp_nml_first_el(cm->children); c; c = ncp_nml_next_el(c)) {
            const char *nm = (const char *)c->name;
            if (!ncp_nml_is_g2(c, nm))
                continue; /* another namespace: content_extensions */
            if (administrative(nm) != (pass == 0))
                continue;
            if (!strcmp(nm, "urgency")) {
                const char *u = ncp_nml_text(a, c);
                if (u && !a->urgency && u[0] >= '1' && u[0] <= '9' && !u[1])
                    a->urgency = u[0] - '0';
            } else if (!strcmp(nm, "contentCreated")) {
                ncp_nml_set_date(a, NC_T_CREATED, c, r->o);
            } else if (!strcmp(nm, "contentModified")) {
                ncp_nml_set_date(a, NC_T_MODIFIED, c, r->o);
            } else if (!strcmp(nm, "located")) {
                if (a->str[NC_F_LOCATION]) {
                    keep(r, c);
                } else {
                    ncp_nml_set(a, NC_F_LOCATION, party_name(a, c));
                    if (!bare_party(c))
                        keep(r, c);
                }
            } else if (!strcmp(nm, "creator") || !strcmp(nm, "contributor")) {
                author(r, c, nm[1] == 'o');
                if (!bare_author(c))
                    keep(r, c);
            } else if (!strcmp(nm, "infoSource")) {
                const char *role = ncp_nml_attr(c, "role");
                if (role && !ncp_strcasecmp(ncp_nml_qcode_code(role), "publisher") &&
                    !a->str[NC_F_PUBLISHER]) {
                    ncp_nml_set(a, NC_F_PUBLISHER, party_name(a, c));
                    if (ncp_nml_first_el(c->children) && !bare_party(ncp_nml_first_el(c->children)))
                        keep(r, c);
                } else {
                    keep(r, c);
                }
            } else if (!strcmp(nm, "digitalSourceType") && !a->digital_source_type.name &&
                   !a->digital_source_type.code) {
            concept_into(r, c, 0, &a->digital_source_type);
            if (!bare_concept(c))
                keep(r, c);
        } else if (!strcmp(nm, "language")) {
                /* a language a tool inferred (how="howextr:tool" why="why:inferred", as
                 * the G2 writer marks a detected one) is the model's detected language */
                int inferred = inferred_language(c);
                if (inferred && !a->str[NC_F_LANGUAGE] && ncp_nml_attr(c, "tag"))
                    a->language_detected = 1;
                ncp_nml_set(a, NC_F_LANGUAGE, ncp_nml_attr(c, "tag"));
                if (!inferred && (n_attrs(c) > 1 || ncp_nml_first_el(c->children)))
                    keep(r, c);
            } else if (!strcmp(nm, "genre") || !strcmp(nm, "subject")) {
                concept(r, c, nm[0] == 'g');
                if (!bare_concept(c))
                    keep(r, c);
            } else if (!strcmp(nm, "keyword")) {
                const char *k = ncp_nml_text(a, c);
                if (k)
                    nc_article_add_keyword(a, k);
                if (c->properties || !k)
                    keep(r, c); /* a role, a language; an empty keyword */
            } else if (!strcmp(nm, "slugline")) {
                text_or_keep(r, NC_F_SLUGLINE, c, ncp_nml_text(a, c));
            } else if (!strcmp(nm, "headline")) {
                const char *role = ncp_nml_attr(c, "role");
                const char *code = role ? ncp_nml_qcode_code(role) : NULL;
                if (translation(c)) {
                    if (!translated_headline)
                        translated_headline = ncp_nml_text(a, c);
                    keep(r, c); /* the headline in another language than the item's */
                } else if (!code || !ncp_strcasecmp(code, "main") ||
                           !ncp_strcasecmp(code, "headline") || !ncp_strcasecmp(code, "title")) {
                    text_or_keep(r, NC_F_HEADLINE, c, ncp_nml_text(a, c));
                } else if (!ncp_strncasecmp(code, "sub", 3)) {
                    text_or_keep(r, NC_F_SUBHEADLINE, c, ncp_nml_text(a, c));
                } else {
                    if (!other_headline && ncp_strncasecmp(code, "short", 5))
                        other_headline = ncp_nml_text(a, c); /* a provider's own role */
                    keep(r, c);
                }
            } else if (!strcmp(nm, "dateline")) {
                text_or_keep(r, NC_F_DATELINE, c, ncp_nml_text(a, c));
            } else if (!strcmp(nm, "by")) {
                text_or_keep(r, NC_F_BYLINE, c, ncp_nml_text(a, c));
            } else if (!strcmp(nm, "creditline")) {
                text_or_keep(r, NC_F_CREDIT, c, ncp_nml_text(a, c));
            } else if (!strcmp(nm, "description")) {
                const char *role = ncp_nml_attr(c, "role");
                const char *code = role ? ncp_nml_qcode_code(role) : NULL;
                if (!code || !ncp_strcasecmp(code, "summary") ||
                    !ncp_strcasecmp(code, "abstract")) {
                    int first = !a->str[NC_F_SUMMARY];
                    text_or_keep(r, NC_F_SUMMARY, c, ncp_nml_text(a, c));
                    if (first && a->str[NC_F_SUMMARY] && !has_attrs(c) &&
                        (!role || strcmp(role, "drol:summary")))
                        keep(r, c); /* another role than the writer's, or none */
                } else {
                    keep(r, c);
                }
            } else if (!strcmp(nm, "contentMetaExtProperty")) {
                ext_property(r, c);
            } else {
                keep(r, c); /* icon, digitalSourceType, altId, audience, rating, ... */
            }
        }
    }
    /* without a main headline, one with a role of the provider's own, else a translation */
    ncp_nml_set(a, NC_F_HEADLINE, other_headline);
    ncp_nml_set(a, NC_F_HEADLINE, translated_headline);
}

/* contentMeta's elements of other namespaces (a provider's extensions), kept after the
 * header's pairs: the G2 writer writes them last, after those pairs. */
static void content_extensions(rd *r, const xmlNode *cm)
{
    xmlNode *c;
    for (c = ncp_nml_first_el(cm->children); c; c = ncp_nml_next_el(c))
        if (!ncp_nml_is_g2(c, (const char *)c->name))
            keep(r, c);
}

/* ---- contentSet ---- */

static int is_text_type(const char *ct)
{
    return !ct || !*ct || !strncmp(ct, "text/", 5) || strstr(ct, "xhtml") || strstr(ct, "html") ||
           strstr(ct, "nitf") || strstr(ct, "xml");
}

/* The fields of a NITF body.head (nitf.c reads them where still unset) that the G2 writer
 * can write in contentMeta or in the body.head, with the body.head element giving each. */
static const struct {
    nc_field f;
    const char *el, *el2;
} head_fields[] = {{NC_F_HEADLINE, "hedline", "headline"}, {NC_F_SUBHEADLINE, "hedline", NULL},
                   {NC_F_BYLINE, "byline", NULL},        {NC_F_DATELINE, "dateline", NULL},
                   {NC_F_SUMMARY, "abstract", NULL}};
#define N_HEAD_FIELDS (sizeof head_fields / sizeof head_fields[0])

/* Reads a NITF body (the <nitf> element, or its <body>) of an inlineXML and, for NITF in
 * G2 whose body.head gives fields contentMeta did not (contentMeta is read first), keeps
 * the names of those fields (extra NCP_G2_BODY_HEAD) so that the G2 writer gives them back
 * in the body.head rather than in contentMeta; a body.head text that differs from the
 * field contentMeta gave is kept too (NCP_G2_HEAD_TEXT, nitf.c). 1, or -1 on error. */
static int nitf_body(rd *r, xmlNode *el, int whole)
{
    nc_article *a = r->a;
    xmlNode *body = whole ? ncp_nml_child_nitf(el, "body") : el;
    xmlNode *bh = body ? ncp_nml_child_nitf(body, "body.head") : NULL;
    int unset[N_HEAD_FIELDS];
    size_t i;
    nc_buf names = NC_BUF_INIT;
    for (i = 0; i < N_HEAD_FIELDS; i++)
        unset[i] = !a->str[head_fields[i].f];
    if ((whole ? ncp_nitf_read_el(a, el, r->o, r->err) : ncp_nitf_read_body(a, el, r->o, r->err)) < 0)
        return -1;
    for (i = 0; bh && i < N_HEAD_FIELDS; i++)
        if (unset[i] && a->str[head_fields[i].f] &&
            (ncp_nml_child_nitf(bh, head_fields[i].el) ||
             (head_fields[i].el2 && ncp_nml_child_nitf(bh, head_fields[i].el2))))
            nc_buf_printf(&names, "%s%s", names.size ? " " : "", nc_field_name(head_fields[i].f));
    if (names.failed || (names.size && !nc_article_add_extra(a, NCP_G2_BODY_HEAD, names.ptr, 0)) ||
        (bh && ncp_nitf_keep_head(a, bh) < 0)) {
        nc_buf_release(&names);
        return nc_error_set(r->err, NC_ERR_NOMEM, 0, 0, "out of memory");
    }
    nc_buf_release(&names);
    return 1;
}

/* The page furniture (header, aside, nav: xml.c skips it) that opens an XHTML body, before
 * any text or other element (dpa's digitalwires <header> with subjects, date, genre and
 * headline), kept as extra pairs NCP_G2_FURNITURE + name for the G2 writer, which writes
 * it back there. 0, or -1 when out of memory. */
static int keep_furniture_end(rd *r, xmlNode *body, xmlNode *first);

/* 1 when c is white space or a comment. */
static int blank_node(const xmlNode *c)
{
    return c->type == XML_COMMENT_NODE ||
           ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
            (!c->content ||
             !((const char *)c->content)[strspn((const char *)c->content, " \t\r\n")]));
}

static int keep_furniture(rd *r, xmlNode *body)
{
    xmlNode *c;
    for (c = body->children; c; c = c->next) {
        const char *nm = (const char *)c->name;
        nc_buf key = NC_BUF_INIT, xml = NC_BUF_INIT;
        int oom;
        if (blank_node(c))
            continue;
        if (!ncp_nml_is_el(c) || !nm ||
            (strcmp(nm, "header") && strcmp(nm, "aside") && strcmp(nm, "nav")))
            break;
        nc_buf_printf(&key, "%s%s", NCP_G2_FURNITURE, nm);
        ncp_g2x_serialize(&xml, c);
        oom = key.failed || xml.failed || !nc_article_add_extra(r->a, key.ptr, xml.ptr, 0);
        nc_buf_release(&key);
        nc_buf_release(&xml);
        if (oom)
            return nc_error_set(r->err, NC_ERR_NOMEM, 0, 0, "out of memory");
    }
    return keep_furniture_end(r, body, c);
}

/* The page furniture that closes an XHTML body, after its last text or other element
 * (first: the first node after the furniture that opens it, which it does not reach;
 * rNews's aside of tags and comments beside the <article>), kept the same way as
 * NCP_G2_FURNITURE_END + name, in document order. 0, or -1 when out of memory. */
static int keep_furniture_end(rd *r, xmlNode *body, xmlNode *first)
{
    xmlNode *c, *from = NULL;
    if (!first)
        return 0;
    for (c = body->last; c && c != first; c = c->prev) {
        if (blank_node(c))
            continue;
        if (!ncp_nml_is_el(c) || !ncp_nml_is_furniture(c))
            break;
        from = c;
    }
    for (c = from; c; c = c->next) {
        nc_buf key = NC_BUF_INIT, xml = NC_BUF_INIT;
        int oom;
        if (blank_node(c))
            continue;
        nc_buf_printf(&key, "%s%s", NCP_G2_FURNITURE_END, (const char *)c->name);
        ncp_g2x_serialize_but(&xml, c, (const char *const[]){NULL}); /* without nc:furniture */
        oom = key.failed || xml.failed || !nc_article_add_extra(r->a, key.ptr, xml.ptr, 0);
        nc_buf_release(&key);
        nc_buf_release(&xml);
        if (oom)
            return nc_error_set(r->err, NC_ERR_NOMEM, 0, 0, "out of memory");
    }
    return 0;
}

/* The field a <meta> of an XHTML head gives (by its name, itemprop or property, or its
 * http-equiv), or -1: the description and the language, which rNews gives there. */
static int head_meta_field(xmlNode *m)
{
    static const char *const desc[] = {"description", "og:description", "dc.description",
                                       "dcterms.description", NULL};
    static const char *const lang[] = {"inlanguage", "language", "dc.language",
                                       "dcterms.language", "content-language", NULL};
    static const char *const by[] = {"name", "itemprop", "property", "http-equiv", NULL};
    const char *const *b, *const *k;
    for (b = by; *b; b++) {
        const char *v = ncp_nml_attr(m, *b);
        for (k = desc; v && *k; k++)
            if (!ncp_strcasecmp(v, *k))
                return NC_F_SUMMARY;
        for (k = lang; v && *k; k++)
            if (!ncp_strcasecmp(v, *k))
                return NC_F_LANGUAGE;
    }
    return -1;
}

/* The head of an XHTML body: its title the headline, a <meta> description the summary, a
 * <meta> language the language, where contentMeta gave none. A head with more than a
 * title is kept whole (NCP_G2_XHTML_HEAD; its other <meta>, rNews's thumbnailUrl, have
 * no field), with the names of the fields it alone gave (NCP_G2_XHTML_HEAD_FIELDS), so
 * that the G2 writer gives the head back as it came. 0, or -1 when out of memory. */
static int xhtml_head(rd *r, xmlNode *head)
{
    nc_article *a = r->a;
    nc_buf fields = NC_BUF_INIT, xml = NC_BUF_INIT;
    xmlNode *c;
    int more = 0, oom;
    for (c = ncp_nml_first_el(head->children); c; c = ncp_nml_next_el(c)) {
        const char *nm = (const char *)c->name, *v = NULL;
        int f = -1;
        if (!strcmp(nm, "title")) {
            f = NC_F_HEADLINE;
            v = ncp_nml_text(a, c);
        } else if (!strcmp(nm, "meta") && (f = head_meta_field(c)) >= 0) {
            v = ncp_nml_attr(c, "content");
            more = 1;
        } else if (strcmp(nm, "meta") || ncp_nml_attr(c, "content")) {
            more = 1; /* a <meta charset> alone says nothing the output does not */
        }
        if (f >= 0 && v && *v && !a->str[f]) {
            nc_article_sets(a, (nc_field)f, v);
            nc_buf_printf(&fields, "%s%s", fields.size ? " " : "", nc_field_name((nc_field)f));
        }
    }
    if (more)
        ncp_g2x_serialize(&xml, head);
    oom = fields.failed || xml.failed ||
          (more && !nc_article_add_extra(a, NCP_G2_XHTML_HEAD, xml.ptr, 0)) ||
          (more && fields.size && !nc_article_add_extra(a, NCP_G2_XHTML_HEAD_FIELDS,
                                                        fields.ptr, 0));
    nc_buf_release(&fields);
    nc_buf_release(&xml);
    return oom ? nc_error_set(r->err, NC_ERR_NOMEM, 0, 0, "out of memory") : 0;
}

/* Reads the body inside an inlineXML element: XHTML (html/body), NITF (nitf, body with
 * body.content, body.content), or other markup (converted as XHTML). Returns 1 when a
 * body was found, 0 when the content is not a text body (events, concepts, SportsML,
 * ...), -1 on error. */
static int inline_xml(rd *r, xmlNode *ix)
{
    xmlNode *el = ncp_nml_first_el(ix->children);
    const char *nm;
    if (!el)
        return 1; /* an empty body */
    nm = (const char *)el->name;
    if (!strcmp(nm, "html")) {
        xmlNode *head = ncp_nml_first_el(el->children), *body = NULL, *c;
        for (c = ncp_nml_first_el(el->children); c; c = ncp_nml_next_el(c)) {
            if (!strcmp((const char *)c->name, "head"))
                head = c;
            else if (!strcmp((const char *)c->name, "body"))
                body = c;
        }
        if (body && keep_furniture(r, body) < 0)
            return -1;
        if (head && !strcmp((const char *)head->name, "head") && xhtml_head(r, head) < 0)
            return -1;
        return ncp_nml_body(r->a, body ? body : el, 0, r->o, r->err) < 0 ? -1 : 1;
    }
    if (!strcmp(nm, "nitf"))
        return nitf_body(r, el, 1);
    if (!strcmp(nm, "body") && (ncp_nml_child_nitf(el, "body.content") ||
                                ncp_nml_child_nitf(el, "body.head")))
        return nitf_body(r, el, 0);
    if (!strcmp(nm, "body.content"))
        return ncp_nitf_read_body(r->a, el, r->o, r->err) < 0 ? -1 : 1;
    {
        static const char *const not_text[] = {"events", "event", "concept", "conceptSet",
                                               "sports-content", "planning", "newsCoverage",
                                               "knowledgeItem", "conceptItem", NULL};
        const char *const *p;
        for (p = not_text; *p; p++)
            if (!strcmp(nm, *p))
                return 0;
    }
    /* body, article, div, p, ...: XHTML-like markup */
    return ncp_nml_body(r->a, ix, 0, r->o, r->err) < 0 ? -1 : 1;
}

static int inline_data(rd *r, xmlNode *id)
{
    const char *ct = ncp_nml_attr(id, "contenttype"), *enc = ncp_nml_attr(id, "encoding");
    xmlChar *t;
    size_t len;
    const char *s;
    int rc = 1;
    if (enc && *enc) {
        nc_warn(r->o, line_of(id), 0, "encoded inlineData (%s) skipped", enc);
        return 0;
    }
    t = xmlNodeGetContent(id);
    if (!t)
        return 1;
    len = strlen((const char *)t);
    s = ncp_trim((const char *)t, &len);
    if ((ct && (strstr(ct, "html") || strstr(ct, "xml"))) || (len && s[0] == '<')) {
        /* HTML, or text that is markup (ANSA sends <p> as text/plain); the element without
         * its content kept for the G2 writer, which sends the body the same way */
        xmlNode *shell = xmlCopyNode(id, 2);
        nc_buf x = NC_BUF_INIT;
        if (shell)
            ncp_g2x_serialize(&x, shell);
        if (!shell || x.failed || !nc_article_add_extra(r->a, NCP_G2_INLINE_DATA, x.ptr, 0))
            rc = nc_error_set(r->err, NC_ERR_NOMEM, 0, 0, "out of memory");
        nc_buf_release(&x);
        xmlFreeNode(shell);
        if (rc > 0 && ncp_dom_html_to_body(r->a, s, len, r->o, r->o ? r->o->base_url : NULL,
                                           r->a->body, r->err) < 0)
            rc = -1;
    } else {
        ncp_nml_plain_body(r->a, s, len);
    }
    xmlFree(t);
    return rc;
}

/* The first text content of the contentSet is the body: 1 read, 0 none (no text body), -1
 * error. Every other content of it is kept whole (NCP_G2_CONTENT pairs, "g2:contentSet/NAME"),
 * for the G2 writer to put back beside the body: content the body model
 * cannot hold (SportsML), the other forms of the same text (a plain inlineData beside the
 * XHTML, a PDF remoteContent), encoded data. A remoteContent of a picture (video, ...)
 * item is its renditions (media): kept only with keep_remote. */
static int content_set(rd *r, xmlNode *cs, int keep_remote)
{
    xmlNode *c, *body = NULL;
    for (c = ncp_nml_first_el(cs->children); c && !body; c = ncp_nml_next_el(c)) {
        const char *ct = ncp_nml_attr(c, "contenttype");
        int rc = 0;
        if (ncp_nml_is_g2(c, "inlineXML") && is_text_type(ct))
            rc = inline_xml(r, c);
        else if (ncp_nml_is_g2(c, "inlineData") && is_text_type(ct) &&
                 (!ct || strncmp(ct, "text/css", 8)))
            rc = inline_data(r, c);
        if (rc < 0)
            return -1;
        if (rc > 0)
            body = c;
    }
    /* the rest after the body's own pairs, in their order, whatever their place: the
     * writer writes them after the body */
    for (c = ncp_nml_first_el(cs->children); c; c = ncp_nml_next_el(c))
        if (c != body && (keep_remote || !ncp_nml_is_g2(c, "remoteContent")))
            keep(r, c);
    return body != NULL;
}

/* ---- items ---- */

static int same_time(const nc_time *x, const nc_time *y)
{
    char bx[NC_TIME_ISO_LEN + 8], by[NC_TIME_ISO_LEN + 8];
    if (!x->prec || !y->prec)
        return 0;
    nc_time_format_rfc3339(x, bx);
    nc_time_format_rfc3339(y, by);
    return !strcmp(bx, by);
}

/* 1 for the extra pairs the reader keeps of how the content was sent: page furniture
 * (NCP_G2_FURNITURE), markup sent as inlineData text (NCP_G2_INLINE_DATA), the
 * contentSet's other content (NCP_G2_CONTENT), NITF body.head texts and fields
 * (NCP_G2_HEAD_TEXT, NCP_G2_BODY_HEAD), an XHTML head (NCP_G2_XHTML_HEAD, _FIELDS). */
static int content_pair(const nc_kv *kv)
{
    return kv->key && (!strncmp(kv->key, NCP_G2_FURNITURE, strlen(NCP_G2_FURNITURE)) ||
                       !strncmp(kv->key, NCP_G2_FURNITURE_END, strlen(NCP_G2_FURNITURE_END)) ||
                       !strncmp(kv->key, NCP_G2_XHTML_HEAD, strlen(NCP_G2_XHTML_HEAD)) ||
                       !strncmp(kv->key, NCP_G2_HEAD_TEXT, strlen(NCP_G2_HEAD_TEXT)) ||
                       !strncmp(kv->key, NCP_G2_CONTENT, strlen(NCP_G2_CONTENT)) ||
                       !strcmp(kv->key, NCP_G2_BODY_HEAD));
}

/* The content's pairs (content_pair) after all other extra pairs, in their order: where
 * the reader of the content puts them (it is read last), also when a G2 writer that could
 * not write them there (a NITF body, --newsml-body) wrote them as contentMetaExtProperty,
 * before the item's asserts and other trailing parts, so that both read as one model. */
static void content_pairs_last(nc_article *a)
{
    size_t i, k = 0;
    nc_kv *tmp;
    int any = 0;
    for (i = 0; i < a->n_extra && !any; i++)
        any = content_pair(&a->extra[i]);
    if (!any)
        return;
    tmp = malloc(a->n_extra * sizeof *tmp);
    if (!tmp) {
        a->failed = 1;
        return;
    }
    for (i = 0; i < a->n_extra; i++)
        if (!content_pair(&a->extra[i]))
            tmp[k++] = a->extra[i];
    for (i = 0; i < a->n_extra; i++)
        if (content_pair(&a->extra[i]))
            tmp[k++] = a->extra[i];
    memcpy(a->extra, tmp, a->n_extra * sizeof *tmp);
    free(tmp);
}

/* After an item: the headline fallbacks, versionCreated as the modification time when it
 * says more than firstCreated and contentCreated, the derived id dropped, the content's
 * pairs last. */
static void finish_item(rd *r)
{
    nc_article *a = r->a;
    content_pairs_last(a);
    if (r->title)
        ncp_nml_set(a, NC_F_HEADLINE, r->title);
    if (r->vc && !a->time[NC_T_MODIFIED].prec) {
        nc_time t;
        xmlChar *s = xmlNodeGetContent(r->vc);
        if (s && ncp_nml_date((const char *)s, r->vc, &t) == 0 &&
            !same_time(&t, &a->time[NC_T_PUBLISHED]) && !same_time(&t, &a->time[NC_T_CREATED]))
            nc_article_set_time(a, NC_T_MODIFIED, &t);
        xmlFree(s);
    }
    ncp_nml_drop_derived_id(a);
}

/* 1 for a reference to IPTC's standard catalogue (the writer refers to its newest). */
static int iptc_catalog(const xmlNode *ref)
{
    const char *h = ncp_nml_attr(ref, "href");
    return h && strstr(h, "iptc.org/std/catalog/catalog.IPTC-G2-Standards_");
}

/* 1 for the catalog the writer adds (newsconv's own scheme aliases only). */
static int own_catalog(const xmlNode *cat)
{
    xmlNode *s;
    for (s = ncp_nml_first_el(cat->children); s; s = ncp_nml_next_el(s)) {
        const char *u = ncp_nml_attr(s, "uri");
        if (!ncp_nml_is_g2(s, "scheme") || !u || strncmp(u, "urn:newsconv:", 13))
            return 0;
    }
    return 1;
}

/* A kept element "<name ...> text </name>" (text alone, no child element) with the white
 * space around its text left out: the header's dates (AP's indented <timestamp>), which
 * XML Schema would not read with it, are written back valid. */
static void trim_text_value(nc_article *a, nc_kv *kv)
{
    const char *v = kv->value, *gt = v ? strchr(v, '>') : NULL, *lt, *p, *e;
    nc_buf b = NC_BUF_INIT;
    if (!gt || *v != '<' || gt[-1] == '/' || !(lt = strchr(gt, '<')) || lt[1] != '/')
        return;
    for (p = gt + 1; p < lt && *p == ' '; p++)
        ;
    for (e = lt; e > p && e[-1] == ' '; e--)
        ;
    if (p == gt + 1 && e == lt)
        return;
    nc_buf_put(&b, v, (size_t)(gt + 1 - v));
    nc_buf_put(&b, p, (size_t)(e - p));
    nc_buf_puts(&b, lt);
    if (b.failed || !(kv->value = nc_article_strdup(a, b.ptr)))
        a->failed = 1;
    nc_buf_release(&b);
}

/* The message's header (sent, origin, destination, channel...) kept as extra pairs, once,
 * where the G2 writer writes pairs without a place of their own (contentMeta's end), so
 * that G2 -> G2 reads them back in the same order. */
static void keep_header(rd *r)
{
    xmlNode *c;
    for (c = r->header ? ncp_nml_first_el(r->header->children) : NULL; c; c = ncp_nml_next_el(c))
        if (ncp_nml_is_g2(c, (const char *)c->name)) {
            nc_kv *kv = ncp_g2x_keep(r->a, c);
            if (!kv)
                r->a->failed = 1;
            else if (!ncp_nml_first_el(c->children))
                trim_text_value(r->a, kv);
        }
    r->header = NULL;
}

/* An assert about a subject of the item: its contact information and position into the
 * subject's details (details.c). 1 when the G2 writer writes that assert back from the
 * details alone (it has one code attribute and exactly the details elements the writer
 * writes), else 0: the assert is kept as well, and written instead. */
static int assert_details(rd *r, const xmlNode *as)
{
    nc_article *a = r->a;
    const char *code = concept_code(a, as);
    size_t i;
    for (i = 0; code && i < a->n_subjects; i++) {
        nc_subject *s = &a->subjects[i];
        if (s->code && !strcmp(s->code, code)) {
            nc_buf native = NC_BUF_INIT, got = NC_BUF_INIT;
            const char *rest;
            xmlNode *c;
            int same;
            s->details = ncp_g2_details_merge(a, as, s->details);
            if (n_attrs(as) != 1 || !s->details ||
                ncp_g2_details_split(s, "", NULL, &native, &rest, a) < 0) {
                same = 0;
            } else {
                for (c = ncp_nml_first_el(as->children); c; c = ncp_nml_next_el(c))
                    ncp_g2x_serialize(&got, c);
                same = !native.failed && !got.failed && native.size == got.size &&
                       !memcmp(native.ptr, got.ptr, got.size);
            }
            nc_buf_release(&native);
            nc_buf_release(&got);
            return same;
        }
    }
    return 0;
}

/* The item's own attributes and metadata parts (not its content). */
static void item_head(rd *r, xmlNode *item)
{
    nc_article *a = r->a;
    xmlNode *c;
    const char *guid = ncp_nml_attr(item, "guid"), *version = ncp_nml_attr(item, "version");
    int rights = 0;
    ncp_nml_set(a, NC_F_ID, guid);
    ncp_nml_set(a, NC_F_VERSION, version);
    for (c = ncp_nml_first_el(item->children); c; c = ncp_nml_next_el(c)) {
        int trailing = ncp_nml_is_g2(c, "partMeta") || ncp_nml_is_g2(c, "assert") ||
                       ncp_nml_is_g2(c, "inlineRef") || ncp_nml_is_g2(c, "derivedFrom") ||
                       ncp_nml_is_g2(c, "derivedFromValue") || ncp_nml_is_g2(c, "contentSet");
        if (trailing)
            keep_header(r); /* an item without contentMeta: before what follows it */
        if (ncp_nml_is_g2(c, "rightsInfo") && !rights++) {
            rights_info(r, c);
        } else if (ncp_nml_is_g2(c, "itemMeta")) {
            item_meta(r, c);
        } else if (ncp_nml_is_g2(c, "contentMeta")) {
            content_meta(r, c);
            keep_header(r);
            content_extensions(r, c);
        } else if ((ncp_nml_is_g2(c, "catalogRef") && !iptc_catalog(c)) ||
                   (ncp_nml_is_g2(c, "catalog") && !own_catalog(c))) {
            keep(r, c); /* a provider's catalogue, for its QCodes */
        } else if (ncp_nml_is_g2(c, "assert")) {
            if (!assert_details(r, c))
                keep(r, c);
        } else if (ncp_nml_is_g2(c, "rightsInfo") || ncp_nml_is_g2(c, "hopHistory") ||
                   ncp_nml_is_g2(c, "pubHistory") || (trailing && !ncp_nml_is_g2(c, "contentSet"))) {
            keep(r, c); /* the item's other parts, for the G2 writer */
        }
    }
    /* the language of the content, else of the item; the item's own when it says more
     * ("it-IT" for content in "it") kept for the G2 writer */
    if (a->str[NC_F_LANGUAGE] && ncp_nml_lang(item) &&
        strcmp(a->str[NC_F_LANGUAGE], ncp_nml_lang(item)))
        nc_article_add_extra(a, NCP_G2_ITEM_LANG, ncp_nml_lang(item), 0);
    ncp_nml_set(a, NC_F_LANGUAGE, ncp_nml_lang(item));
}

/* A text newsItem. Returns 1, 0 when its content is not a text body, -1 on error. */
static int read_text_item(rd *r, xmlNode *item)
{
    xmlNode *cs = ncp_nml_child_g2(item, "contentSet");
    int rc = 1;
    item_head(r, item);
    if (cs)
        rc = content_set(r, cs, 1);
    else if (!nc_article_add_extra(r->a, NCP_G2_NO_CONTENT, "none", 0))
        return nc_error_set(r->err, NC_ERR_NOMEM, 0, 0, "out of memory");
    if (rc < 0)
        return -1;
    finish_item(r);
    return rc;
}

/* 1 when the contentSet cs holds a remoteContent. */
static int has_remote(xmlNode *cs)
{
    return cs && ncp_nml_child_g2(cs, "remoteContent") != NULL;
}

/* A picture, graphic, video or audio item read on its own: the article is its metadata,
 * the item itself is the first media entry (without id: the guid is the article's; docs/
 * formats.md), and a text content beside the renditions is the body. An item whose only
 * content is text (a text item written with a media item type) has no such entry. */
static int read_media_item(rd *r, xmlNode *item, enum iclass cls)
{
    xmlNode *cs = ncp_nml_child_g2(item, "contentSet");
    int text = 0;
    item_head(r, item);
    if (cs && (text = content_set(r, cs, 0)) < 0)
        return -1;
    if ((has_remote(cs) || !text) && !media_from_item(r->a, item, cls, 1))
        return nc_error_set(r->err, NC_ERR_NOMEM, 0, 0, "out of memory");
    finish_item(r);
    return 0;
}

static const char *item_name(const xmlNode *n)
{
    return n && n->name ? (const char *)n->name : "?";
}

static int not_article(rd *r, const xmlNode *n, const char *why)
{
    return nc_error_set(r->err, NC_ERR_NOT_ARTICLE, line_of(n), 0, "not a text article: %s",
                        why);
}

/* A newsItem as the document's root. */
static int read_news_item(rd *r, xmlNode *item)
{
    enum iclass cls = item_class(item);
    char why[256];
    if (is_media_class(cls))
        return read_media_item(r, item, cls);
    if (cls == IC_TEXT || cls == IC_NONE) {
        int rc = read_text_item(r, item);
        return rc < 0 ? -1 : 0;
    }
    /* composite or other classes: text if the content is a text body */
    {
        xmlNode *cs = ncp_nml_child_g2(item, "contentSet");
        xmlNode *ix = cs ? ncp_nml_child_g2(cs, "inlineXML") : NULL;
        xmlNode *el = ix ? ncp_nml_first_el(ix->children) : NULL;
        const char *q = class_attr(ncp_nml_child_g2(ncp_nml_child_g2(item, "itemMeta"),
                                                    "itemClass"));
        if (el && (!strcmp((const char *)el->name, "html") ||
                   !strcmp((const char *)el->name, "nitf"))) {
            int rc = read_text_item(r, item);
            return rc < 0 ? -1 : 0;
        }
        snprintf(why, sizeof why, "a newsItem of class %s%s%s%s", q ? q : "?",
                 el ? " (it carries <" : "", el ? item_name(el) : "", el ? ">)" : "");
        return not_article(r, item, why);
    }
}

/* ---- packages ---- */

/* Item references of a package in document order (groups are flat siblings). */
typedef struct refs {
    xmlNode **v;
    size_t n, cap;
} refs;

static int refs_push(refs *rs, xmlNode *n)
{
    if (rs->n == rs->cap) {
        size_t ncap = rs->cap ? rs->cap * 2 : 16;
        xmlNode **nv = realloc(rs->v, ncap * sizeof *nv);
        if (!nv)
            return -1;
        rs->v = nv;
        rs->cap = ncap;
    }
    rs->v[rs->n++] = n;
    return 0;
}

static int package_refs(xmlNode *pkg, refs *rs)
{
    xmlNode *gs = ncp_nml_child_g2(pkg, "groupSet"), *g, *c;
    if (!gs) {
        /* LISTING_24's package lists its itemRefs directly */
        for (c = ncp_nml_first_el(pkg->children); c; c = ncp_nml_next_el(c))
            if (ncp_nml_is_g2(c, "itemRef") && refs_push(rs, c) < 0)
                return -1;
        return 0;
    }
    for (g = ncp_nml_first_el(gs->children); g; g = ncp_nml_next_el(g))
        if (ncp_nml_is_g2(g, "group"))
            for (c = ncp_nml_first_el(g->children); c; c = ncp_nml_next_el(c))
                if (ncp_nml_is_g2(c, "itemRef") && refs_push(rs, c) < 0)
                    return -1;
    return 0;
}

static enum iclass ref_class(const xmlNode *ref)
{
    xmlNode *ic = ncp_nml_child_g2(ref, "itemClass");
    return ic ? class_of_code(class_attr(ic)) : IC_NONE;
}

/* A package read on its own (the items it references are elsewhere): its metadata, its
 * picture references as media and its other references as links, which every format
 * carries; the groupSet itself (groups, roles, the references' own metadata) is kept as
 * the pair "g2:newsItem/groupSet", from which the G2 writer writes a packageItem again. */
static int read_package(rd *r, xmlNode *pkg)
{
    nc_article *a = r->a;
    refs rs = {NULL, 0, 0};
    xmlNode *gs = ncp_nml_child_g2(pkg, "groupSet");
    size_t i;
    int rc = 0;
    item_head(r, pkg);
    if (gs && !ncp_g2x_keep(a, gs))
        return nc_error_set(r->err, NC_ERR_NOMEM, 0, 0, "out of memory");
    if (package_refs(pkg, &rs) < 0) {
        free(rs.v);
        return nc_error_set(r->err, NC_ERR_NOMEM, 0, 0, "out of memory");
    }
    for (i = 0; i < rs.n; i++) {
        xmlNode *ref = rs.v[i];
        enum iclass c = ref_class(ref);
        const char *href = ncp_nml_attr(ref, "href"), *resid = ncp_nml_attr(ref, "residref");
        const char *title = ncp_nml_text(a, ncp_nml_child_g2(ref, "title"));
        if (!title)
            title = ncp_nml_text(a, ncp_nml_child_g2(ref, "headline"));
        if (is_media_class(c)) {
            nc_media *m = nc_article_add_media(a, media_kind(c), href);
            const char *ct = ncp_nml_attr(ref, "contenttype");
            if (!m)
                break;
            if (resid)
                m->id = nc_article_strdup(a, resid);
            if (ct && !strstr(ct, "vnd.iptc"))
                m->mime = nc_article_strdup(a, ct);
            m->title = title;
            m->caption = ncp_nml_text(a, ncp_nml_child_g2(ref, "description"));
        } else {
            const char *target = href && *href ? href : resid;
            if (target || title)
                nc_article_add_link(a, "related", target, title);
        }
    }
    free(rs.v);
    finish_item(r);
    return rc;
}

/* ---- newsMessage ---- */

/* The message's items other than main, kept whole in document order, and main's place
 * among them (NCP_G2_MSG_MAIN): the G2 writer writes the message again around the
 * article. A message of one item is written as that item (its header as
 * contentMetaExtProperty pairs), as before. */
static int keep_message_items(rd *r, xmlNode *set, const xmlNode *main)
{
    xmlNode *c;
    size_t k = 0;
    long at = -1;
    char num[32];
    for (c = ncp_nml_first_el(set->children); c; c = ncp_nml_next_el(c), k++) {
        if (c == main)
            at = (long)k;
        else
            keep(r, c);
    }
    if (at < 0 || k < 2)
        return 0; /* an item alone: the header's pairs are all there is to keep */
    snprintf(num, sizeof num, "%ld", at);
    return nc_article_add_extra(r->a, NCP_G2_MSG_MAIN, num, 0) ? 0 : -1;
}

static xmlNode *find_guid(xmlNode **items, size_t n, const char *guid)
{
    size_t i;
    if (!guid)
        return NULL;
    for (i = 0; i < n; i++) {
        const char *g = ncp_nml_attr(items[i], "guid");
        if (g && !strcmp(g, guid))
            return items[i];
    }
    return NULL;
}

static int read_message(rd *r, xmlNode *msg)
{
    refs items = {NULL, 0, 0}, prefs = {NULL, 0, 0};
    xmlNode *set = ncp_nml_child_g2(msg, "itemSet"), *c, *pkg = NULL, *main = NULL;
    xmlNode *article = NULL; /* the item read as the article */
    size_t i, more_text = 0;
    int rc = 0;
    r->header = ncp_nml_child_g2(msg, "header");
    for (c = ncp_nml_first_el(set ? set->children : msg->children); c; c = ncp_nml_next_el(c)) {
        if (!ncp_nml_is_g2(c, "newsItem") && !ncp_nml_is_g2(c, "packageItem"))
            continue;
        if (item_class(c) == IC_NONE)
            continue; /* no itemMeta: not a usable item */
        if (ncp_nml_is_g2(c, "packageItem")) {
            if (!pkg)
                pkg = c;
            continue;
        }
        if (refs_push(&items, c) < 0)
            goto nomem;
    }
    /* the package's first text reference names the main item */
    if (pkg) {
        if (package_refs(pkg, &prefs) < 0)
            goto nomem;
        for (i = 0; i < prefs.n && !main; i++) {
            xmlNode *it = find_guid(items.v, items.n, ncp_nml_attr(prefs.v[i], "residref"));
            if (it && item_class(it) == IC_TEXT)
                main = it;
        }
    }
    for (i = 0; i < items.n && !main; i++)
        if (item_class(items.v[i]) == IC_TEXT)
            main = items.v[i];
    if (main) {
        if (read_text_item(r, main) < 0) {
            rc = -1;
            goto done;
        }
        for (i = 0; i < items.n; i++) {
            enum iclass cls = item_class(items.v[i]);
            if (items.v[i] == main)
                continue;
            if (is_media_class(cls)) {
                if (!media_from_item(r->a, items.v[i], cls, 0))
                    goto nomem;
            } else if (cls == IC_TEXT) {
                more_text++;
            }
        }
        if (more_text)
            nc_warn(r->o, line_of(msg), 0,
                    "the newsMessage holds %zu more text item%s: only the first is read as "
                    "the article (the others are kept whole, for NewsML-G2)",
                    more_text, more_text == 1 ? "" : "s");
        article = main;
        goto done;
    }
    for (i = 0; i < items.n && !main; i++)
        if (is_media_class(item_class(items.v[i])))
            main = items.v[i];
    if (main) {
        if (read_media_item(r, main, item_class(main)) < 0) {
            rc = -1;
            goto done;
        }
        for (i = 0; i < items.n; i++) {
            enum iclass cls = item_class(items.v[i]);
            if (items.v[i] != main && is_media_class(cls) &&
                !media_from_item(r->a, items.v[i], cls, 0))
                goto nomem;
        }
        article = main;
        goto done;
    }
    if (pkg) {
        rc = read_package(r, pkg);
        article = pkg;
        goto done;
    }
    rc = not_article(r, msg, items.n ? "the newsMessage holds no text, picture or package item"
                                     : "the newsMessage holds no usable item");
    goto done;
nomem:
    rc = nc_error_set(r->err, NC_ERR_NOMEM, 0, 0, "out of memory");
done:
    if (rc == 0 && set && article && keep_message_items(r, set, article) < 0)
        rc = nc_error_set(r->err, NC_ERR_NOMEM, 0, 0, "out of memory");
    if (rc == 0)
        keep_header(r);
    free(items.v);
    free(prefs.v);
    return rc;
}

/* ---- the document ---- */

static int read_doc(nc_article *a, xmlDoc *doc, const nc_opts *o, nc_error *err)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    const char *nm = root && root->name ? (const char *)root->name : "";
    rd r;
    char why[160];
    memset(&r, 0, sizeof r);
    r.a = a;
    r.o = o;
    r.err = err;
    if (ncp_nml_is_g2(root, "newsItem"))
        return read_news_item(&r, root);
    if (ncp_nml_is_g2(root, "newsMessage"))
        return read_message(&r, root);
    if (ncp_nml_is_g2(root, "packageItem"))
        return read_package(&r, root);
    if (ncp_nml_is_g2(root, "conceptItem") || ncp_nml_is_g2(root, "knowledgeItem") ||
        ncp_nml_is_g2(root, "planningItem") || ncp_nml_is_g2(root, "catalogItem")) {
        const char *q = class_attr(ncp_nml_child_g2(ncp_nml_child_g2(root, "itemMeta"),
                                                    "itemClass"));
        snprintf(why, sizeof why, "a %s%s%s%s", nm, q ? " (" : "", q ? q : "", q ? ")" : "");
        return not_article(&r, root, why);
    }
    /* fragments of an item, as in the NewsML-G2 guide's listings */
    if (ncp_nml_is_g2(root, "contentMeta")) {
        content_meta(&r, root);
        content_extensions(&r, root);
        finish_item(&r);
        return 0;
    }
    if (ncp_nml_is_g2(root, "contentSet")) {
        int rc = content_set(&r, root, 1);
        finish_item(&r);
        return rc < 0 ? -1 : 0;
    }
    if (ncp_nml_is_g2(root, "itemMeta")) {
        item_meta(&r, root);
        finish_item(&r);
        return 0;
    }
    if (ncp_nml_is_nitf(root, "nitf")) {
        int rc = ncp_nitf_read_el(a, root, o, err);
        if (rc == 0)
            ncp_nml_drop_derived_id(a);
        return rc;
    }
    if (ncp_nml_is_nml1(root, "NewsML"))
        return ncp_nml1_read(a, root, o, err);
    return nc_error_set(err, NC_ERR_PARSE, line_of(root), 0,
                        "not NewsML or NITF: the root element is <%s>", nm);
}

int ncp_g2_read_doc(nc_article *a, xmlDoc *doc, const nc_opts *o, nc_error *err)
{
    int rc = read_doc(a, doc, o, err);
    if (rc == 0 && !a->failed) {
        ncp_nml_keep_nitf_head(a, xmlDocGetRootElement(doc));
        ncp_nml_report_dropped(a, xmlDocGetRootElement(doc), o);
    }
    return rc;
}
