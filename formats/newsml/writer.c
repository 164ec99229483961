/* newsconv: the NewsML-G2 2.35 writer: one newsItem (conformance="power"), valid against
 * NewsML-G2_2.35-spec-All-Power.xsd, elements in the schema's order, indented by two
 * spaces. docs/formats.md gives the mapping. */
#include "newsml.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/uri.h>

/* ---- the small XML writer (shared with nitf.c) ---- */

static void indent(ncp_xw *w)
{
    int i;
    nc_buf_putc(w->out, '\n');
    for (i = 0; i < w->depth; i++)
        nc_buf_puts(w->out, "  ");
}

void ncp_xw_start(ncp_xw *w, const char *name)
{
    indent(w);
    nc_buf_putc(w->out, '<');
    nc_buf_puts(w->out, name);
}

void ncp_xw_attr(ncp_xw *w, const char *name, const char *value)
{
    if (!value)
        return;
    nc_buf_printf(w->out, " %s=\"", name);
    ncp_xml_escape(w->out, value, strlen(value), 1);
    nc_buf_putc(w->out, '"');
}

void ncp_xw_empty(ncp_xw *w)
{
    nc_buf_puts(w->out, "/>");
}

void ncp_xw_open(ncp_xw *w)
{
    nc_buf_putc(w->out, '>');
    w->depth++;
}

void ncp_xw_close(ncp_xw *w, const char *name)
{
    w->depth--;
    indent(w);
    nc_buf_printf(w->out, "</%s>", name);
}

void ncp_xw_text(ncp_xw *w, const char *name, const char *text)
{
    nc_buf_putc(w->out, '>');
    ncp_xml_escape(w->out, text, strlen(text), 0);
    nc_buf_printf(w->out, "</%s>", name);
}

void ncp_xw_simple(ncp_xw *w, const char *name, const char *text)
{
    ncp_xw_start(w, name);
    ncp_xw_text(w, name, text);
}

/* ---- the NewsML-G2 writer ---- */

typedef struct wctx {
    ncp_xw x;
    const nc_article *a;
    const nc_opts *o;
    int use_nc;        /* the nc: extension namespace is needed */
    int use_ncext;     /* the ncext: scheme alias (extra fields) */
    int use_ncrole;    /* the ncrole: scheme alias (publisher) */
    nc_buf tmp;
    nc_buf iri;        /* an address made valid by iri() */
} wctx;

static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* White space or a control character (which XML cannot carry): not in a code. */
static int not_code_char(int c)
{
    return is_space(c) || c < 0x20 || c == 0x7f;
}

/* A QCode: "alias:code", neither part empty, no white space, no ':' in the alias. */
static int is_qcode(const char *s)
{
    const char *p = s;
    if (!s || !*s || *s == ':')
        return 0;
    while (*p && *p != ':') {
        if (not_code_char((unsigned char)*p))
            return 0;
        p++;
    }
    if (*p != ':' || !p[1])
        return 0;
    for (p++; *p; p++)
        if (not_code_char((unsigned char)*p))
            return 0;
    return 1;
}

/* A code part of a QCode (no white space, not empty). */
static int is_code(const char *s)
{
    if (!s || !*s)
        return 0;
    for (; *s; s++)
        if (not_code_char((unsigned char)*s))
            return 0;
    return 1;
}

/* An absolute URI (scheme ":" and more), used for uri= rather than qcode=. */
static int is_uri(const char *s)
{
    const char *p = s;
    if (!s)
        return 0;
    while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
           *p == '+' || *p == '-' || *p == '.')
        p++;
    if (p == s || *p != ':')
        return 0;
    return !strncmp(p, "://", 3) || !ncp_strncasecmp(s, "urn:", 4) ||
           !ncp_strncasecmp(s, "tag:", 4) || !ncp_strncasecmp(s, "mailto:", 7);
}

/* xs:language: [a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})* */
static int is_language(const char *s)
{
    int n = 0, first = 1;
    if (!s || !*s)
        return 0;
    for (;; s++) {
        if (*s == '-' || !*s) {
            if (n < 1 || n > 8)
                return 0;
            if (!*s)
                return 1;
            n = 0;
            first = 0;
            continue;
        }
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              (!first && *s >= '0' && *s <= '9')))
            return 0;
        n++;
    }
}

/* 1 when libxml2's check of xs:anyURI (which IRIType restricts) accepts s: white space
 * collapsed, the characters it tolerates replaced, then parsed as a URI reference. */
static int iri_valid(const char *s)
{
    size_t len = strlen(s), i, o = 0;
    char *t;
    xmlURIPtr u;
    s = ncp_trim(s, &len);
    if (!len)
        return 1;
    t = malloc(len + 1);
    if (!t)
        return 0;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 32 || c >= 127 || c == ' ' || c == '<' || c == '>' || c == '"' || c == '{' ||
            c == '}' || c == '|' || c == '\\' || c == '^' || c == '`' || c == '\'')
            c = '_';
        t[o++] = (char)c;
    }
    t[o] = '\0';
    u = xmlParseURI(t);
    free(t);
    if (!u)
        return 0;
    xmlFreeURI(u);
    return 1;
}

/* An address for an IRIType attribute: as it is when valid, else %-encoded (with a
 * warning, since it reads back encoded), else NULL (dropped, with a warning). */
static const char *iri(wctx *w, const char *what, const char *v)
{
    const unsigned char *p;
    if (!v || iri_valid(v))
        return v;
    nc_buf_clear(&w->iri);
    for (p = (const unsigned char *)v; *p; p++) {
        if (*p <= 32 || *p == 127 || strchr("<>\"{}|\\^`[]", *p))
            nc_buf_printf(&w->iri, "%%%02X", *p);
        else
            nc_buf_putc(&w->iri, *p);
    }
    if (iri_valid(w->iri.ptr)) {
        nc_warn(w->o, 0, 0, "newsml cannot hold the %s '%s' as it is: written %%-encoded", what,
                v);
        return w->iri.ptr;
    }
    nc_warn(w->o, 0, 0, "newsml cannot hold the %s '%s' (not a URI): dropped", what, v);
    return NULL;
}

/* 1 when the reader, which collapses white space, gives s back unchanged. */
static int text_stable(const char *s)
{
    int prev_space = 1;
    if (!s)
        return 1;
    for (; *s; s++) {
        int sp = is_space((unsigned char)*s);
        if (sp && (prev_space || *s != ' '))
            return 0;
        prev_space = sp;
    }
    return !prev_space;
}

/* Text for g2normalizedString content (names, slugline, keywords): no tabs or newlines. */
static const char *normalized(wctx *w, const char *s)
{
    nc_buf_clear(&w->tmp);
    for (; *s; s++)
        nc_buf_putc(&w->tmp, is_space((unsigned char)*s) ? ' ' : *s);
    return w->tmp.ptr;
}

/* The text of a mixed-content element (Label1Type, BlockType: headline, description...)
 * whose start tag is open: xml:space="preserve" when the reader's white-space collapsing
 * would change it. */
static void mixed_text(wctx *w, const char *name, const char *text)
{
    if (!text_stable(text))
        ncp_xw_attr(&w->x, "xml:space", "preserve");
    ncp_xw_text(&w->x, name, text);
}

static void mixed_el(wctx *w, const char *name, const char *text)
{
    ncp_xw_start(&w->x, name);
    mixed_text(w, name, text);
}

/* The same for g2normalizedString content (names, slugline, keyword, creditline), which
 * cannot hold tabs or line breaks: those become spaces, with a warning. */
static void norm_el(wctx *w, const char *name, const char *what, const char *text)
{
    ncp_xw_start(&w->x, name);
    if (strpbrk(text, "\t\n\r\f\v")) {
        nc_warn(w->o, 0, 0, "newsml cannot hold the line breaks and tabs of %s: written as spaces",
                what);
        text = normalized(w, text);
    }
    mixed_text(w, name, text);
}

/* ---- dates ---- */

enum dkind {
    D_FULL,  /* DateTimePropType: xs:dateTime, the RFC 3339 rule */
    D_TRUNC, /* TruncatedDateTimePropType: gYear, gYearMonth, date or dateTime */
    D_OPT    /* DateOptTimePropType: date or dateTime */
};

static const char *prec_name(nc_time_prec p)
{
    switch (p) {
    case NC_TIME_YEAR: return "year";
    case NC_TIME_MONTH: return "month";
    case NC_TIME_DAY: return "day";
    case NC_TIME_MINUTE: return "minute";
    default: return NULL;
    }
}

/* Formats t for an element of kind k into out; returns the nc:prec value needed to read
 * the model's precision back (NULL when the lexical form shows it). */
static const char *format_date(const nc_time *t, enum dkind k, char *out)
{
    nc_time c = *t;
    switch (k) {
    case D_FULL:
        nc_time_format_rfc3339(t, out);
        if (t->prec == NC_TIME_SECOND && !t->has_zone && !t->hour && !t->minute && !t->second &&
            !t->frac_digits)
            return "second"; /* midnight, zone unknown: the lexical form reads as a date */
        return t->prec == NC_TIME_YEAR || t->prec == NC_TIME_MONTH || t->prec == NC_TIME_MINUTE
                   ? prec_name(t->prec)
                   : NULL;
    case D_TRUNC:
    case D_OPT:
        if (t->prec <= NC_TIME_DAY) {
            if (k == D_OPT && t->prec < NC_TIME_DAY) {
                c.prec = NC_TIME_DAY;
                if (t->prec == NC_TIME_YEAR)
                    c.month = 1;
                c.day = 1;
                nc_time_format(&c, out);
                return prec_name(t->prec);
            }
            nc_time_format(t, out);
            return NULL;
        }
        if (t->prec == NC_TIME_MINUTE) {
            c.prec = NC_TIME_SECOND;
            c.second = 0;
            c.frac_digits = 0;
            c.frac = 0;
            nc_time_format(&c, out);
            return "minute";
        }
        nc_time_format(t, out);
        return NULL;
    }
    return NULL;
}

static void date_el(wctx *w, const char *name, const nc_time *t, enum dkind k)
{
    char buf[NC_TIME_ISO_LEN + 8];
    const char *prec;
    nc_time c;
    if (t->prec == NC_TIME_NONE)
        return;
    c = *t;
    /* XML Schema's dates have no leap second and zones within +-14:00 */
    if (c.prec >= NC_TIME_SECOND && c.second == 60) {
        nc_warn(w->o, 0, 0, "newsml cannot hold the leap second of <%s>: written as :59", name);
        c.second = 59;
    }
    if (c.prec >= NC_TIME_MINUTE && c.has_zone &&
        (c.zone_minutes > 14 * 60 || c.zone_minutes < -14 * 60)) {
        nc_warn(w->o, 0, 0, "newsml cannot hold the time zone of <%s> (beyond 14 hours): dropped",
                name);
        c.has_zone = 0;
        c.zone_minutes = 0;
        c.zone_z = 0;
    }
    t = &c;
    prec = format_date(t, k, buf);
    ncp_xw_start(&w->x, name);
    if (prec) {
        ncp_xw_attr(&w->x, "nc:prec", prec);
        w->use_nc = 1;
    }
    ncp_xw_text(&w->x, name, buf);
}

/* ---- metadata ---- */

static void rights_info(wctx *w)
{
    const nc_article *a = w->a;
    const char *h = a->str[NC_F_COPYRIGHT_HOLDER], *n = a->str[NC_F_COPYRIGHT_NOTICE],
               *u = a->str[NC_F_USAGE_TERMS];
    if (!h && !n && !u)
        return;
    ncp_xw_start(&w->x, "rightsInfo");
    ncp_xw_open(&w->x);
    if (h) {
        ncp_xw_start(&w->x, "copyrightHolder");
        ncp_xw_open(&w->x);
        norm_el(w, "name", "copyright_holder", h);
        ncp_xw_close(&w->x, "copyrightHolder");
    }
    if (n) {
        mixed_el(w, "copyrightNotice", n);
    }
    if (u) {
        mixed_el(w, "usageTerms", u);
    }
    ncp_xw_close(&w->x, "rightsInfo");
}

static const char *kind_class(nc_media_kind k)
{
    switch (k) {
    case NC_MEDIA_VIDEO: return "ninat:video";
    case NC_MEDIA_AUDIO: return "ninat:audio";
    case NC_MEDIA_GRAPHIC: return "ninat:graphic";
    case NC_MEDIA_PICTURE:
    default: return "ninat:picture";
    }
}

static void num_attr(wctx *w, const char *name, int v)
{
    char b[24];
    if (v <= 0)
        return;
    snprintf(b, sizeof b, "%d", v);
    ncp_xw_attr(&w->x, name, b);
}

static void media_link(wctx *w, const nc_media *m)
{
    size_t i;
    const char *h = iri(w, "media address", m->href);
    char *href = h ? strdup(h) : NULL;
    if (h && !href)
        w->x.out->failed = 1;
    ncp_xw_start(&w->x, "link");
    ncp_xw_attr(&w->x, "rel", "irel:associatedWith");
    ncp_xw_attr(&w->x, "href", href);
    ncp_xw_attr(&w->x, "residref", m->id);
    ncp_xw_attr(&w->x, "contenttype", m->mime);
    ncp_xw_attr(&w->x, "title", m->title);
    ncp_xw_open(&w->x);
    ncp_xw_start(&w->x, "itemClass");
    ncp_xw_attr(&w->x, "qcode", kind_class(m->kind));
    ncp_xw_empty(&w->x);
    if (m->width > 0 || m->height > 0) {
        /* the main rendition's dimensions */
        ncp_xw_start(&w->x, "remoteContent");
        ncp_xw_attr(&w->x, "href", href);
        ncp_xw_attr(&w->x, "contenttype", m->mime);
        num_attr(w, "width", m->width);
        num_attr(w, "height", m->height);
        ncp_xw_empty(&w->x);
    }
    for (i = 0; i < m->n_renditions; i++) {
        const nc_rendition *r = &m->renditions[i];
        ncp_xw_start(&w->x, "remoteContent");
        if (r->name) {
            if (is_qcode(r->name)) {
                ncp_xw_attr(&w->x, "rendition", r->name);
            } else if (is_code(r->name)) {
                nc_buf_clear(&w->tmp);
                nc_buf_printf(&w->tmp, "rnd:%s", r->name);
                ncp_xw_attr(&w->x, "rendition", w->tmp.ptr);
            } else {
                nc_warn(w->o, 0, 0, "newsml cannot hold rendition name '%s': dropped", r->name);
            }
        }
        ncp_xw_attr(&w->x, "href", iri(w, "rendition address", r->href));
        ncp_xw_attr(&w->x, "contenttype", r->mime);
        num_attr(w, "width", r->width);
        num_attr(w, "height", r->height);
        ncp_xw_empty(&w->x);
    }
    if (m->caption) {
        ncp_xw_start(&w->x, "description");
        ncp_xw_attr(&w->x, "role", "drol:caption");
        mixed_text(w, "description", m->caption);
    }
    if (m->alt) {
        ncp_xw_start(&w->x, "description");
        ncp_xw_attr(&w->x, "role", "drol:alternativeText");
        mixed_text(w, "description", m->alt);
    }
    if (m->credit) {
        norm_el(w, "creditline", "media credit", m->credit);
    }
    ncp_xw_close(&w->x, "link");
    free(href);
}

static void item_meta(wctx *w)
{
    const nc_article *a = w->a;
    const nc_time *vc = NULL;
    size_t i;
    ncp_xw_start(&w->x, "itemMeta");
    ncp_xw_open(&w->x);
    ncp_xw_start(&w->x, "itemClass");
    ncp_xw_attr(&w->x, "qcode", "ninat:text");
    ncp_xw_empty(&w->x);

    /* provider is required: the publisher stands in (marked generated), else "unknown" */
    ncp_xw_start(&w->x, "provider");
    if (!a->str[NC_F_PROVIDER]) {
        ncp_xw_attr(&w->x, "nc:generated", "true");
        w->use_nc = 1;
    }
    ncp_xw_open(&w->x);
    {
        const char *p = a->str[NC_F_PROVIDER] ? a->str[NC_F_PROVIDER]
                        : a->str[NC_F_PUBLISHER] ? a->str[NC_F_PUBLISHER]
                                                  : "unknown";
        norm_el(w, "name", "provider", p);
    }
    ncp_xw_close(&w->x, "provider");

    /* versionCreated is required: this version is the last modification, else the
     * publication, else the creation; an undated article gets the epoch, marked generated */
    if (a->time[NC_T_MODIFIED].prec)
        vc = &a->time[NC_T_MODIFIED];
    else if (a->time[NC_T_PUBLISHED].prec)
        vc = &a->time[NC_T_PUBLISHED];
    else if (a->time[NC_T_CREATED].prec)
        vc = &a->time[NC_T_CREATED];
    if (vc) {
        date_el(w, "versionCreated", vc, D_FULL);
    } else {
        ncp_xw_start(&w->x, "versionCreated");
        ncp_xw_attr(&w->x, "nc:generated", "true");
        w->use_nc = 1;
        ncp_xw_text(&w->x, "versionCreated", "1970-01-01T00:00:00Z");
    }
    date_el(w, "firstCreated", &a->time[NC_T_PUBLISHED], D_FULL);
    date_el(w, "embargoed", &a->time[NC_T_EMBARGO], D_FULL);
    if (a->str[NC_F_PUBSTATUS]) {
        const char *s = a->str[NC_F_PUBSTATUS];
        if (is_qcode(s) || is_code(s)) {
            ncp_xw_start(&w->x, "pubStatus");
            nc_buf_clear(&w->tmp);
            if (!is_qcode(s))
                nc_buf_puts(&w->tmp, "stat:");
            nc_buf_puts(&w->tmp, s);
            ncp_xw_attr(&w->x, "qcode", w->tmp.ptr);
            ncp_xw_empty(&w->x);
        } else {
            nc_warn(w->o, 0, 0, "newsml cannot hold pubstatus '%s' (not a code): dropped", s);
        }
    }
    if (a->str[NC_F_EDNOTE])
        mixed_el(w, "edNote", a->str[NC_F_EDNOTE]);
    if (a->str[NC_F_SECTION]) {
        ncp_xw_start(&w->x, "memberOf");
        ncp_xw_open(&w->x);
        norm_el(w, "name", "section", a->str[NC_F_SECTION]);
        ncp_xw_close(&w->x, "memberOf");
    }
    date_el(w, "expires", &a->time[NC_T_EXPIRES], D_OPT);
    if (a->str[NC_F_URL]) {
        ncp_xw_start(&w->x, "link");
        ncp_xw_attr(&w->x, "rel", "irel:canonical");
        ncp_xw_attr(&w->x, "href", iri(w, "url", a->str[NC_F_URL]));
        ncp_xw_empty(&w->x);
    }
    for (i = 0; i < a->n_links; i++) {
        const nc_link *l = &a->links[i];
        ncp_xw_start(&w->x, "link");
        if (l->rel) {
            if (!strcmp(l->rel, "related")) {
                ncp_xw_attr(&w->x, "rel", "irel:seeAlso");
            } else if (is_qcode(l->rel)) {
                ncp_xw_attr(&w->x, "rel", l->rel);
            } else if (is_code(l->rel)) {
                nc_buf_clear(&w->tmp);
                nc_buf_printf(&w->tmp, "irel:%s", l->rel);
                ncp_xw_attr(&w->x, "rel", w->tmp.ptr);
            } else {
                nc_warn(w->o, 0, 0, "newsml cannot hold link rel '%s': dropped", l->rel);
            }
        }
        ncp_xw_attr(&w->x, "href", iri(w, "link address", l->href));
        ncp_xw_attr(&w->x, "title", l->title);
        ncp_xw_empty(&w->x);
    }
    for (i = 0; i < a->n_media; i++)
        media_link(w, &a->media[i]);
    ncp_xw_close(&w->x, "itemMeta");
}

/* qcode=, uri= or literal= for a concept code, and the name. */
static void concept(wctx *w, const char *el, const nc_subject *s, const char *what)
{
    ncp_xw_start(&w->x, el);
    if (s->code) {
        if (is_uri(s->code) && iri_valid(s->code))
            ncp_xw_attr(&w->x, "uri", s->code);
        else if (is_qcode(s->code))
            ncp_xw_attr(&w->x, "qcode", s->code);
        else
            ncp_xw_attr(&w->x, "literal", normalized(w, s->code));
    }
    if (s->scheme) {
        ncp_xw_attr(&w->x, "nc:scheme", s->scheme);
        w->use_nc = 1;
    }
    if (s->name) {
        ncp_xw_open(&w->x);
        norm_el(w, "name", what, s->name);
        ncp_xw_close(&w->x, el);
    } else {
        ncp_xw_empty(&w->x);
    }
}

/* Authors: the writing roles are creators, the others contributors. */
static int creator_role(const char *role)
{
    static const char *const roles[] = {"author", "writer", "reporter", "correspondent",
                                        "photographer", "videographer", "illustrator",
                                        "creator", "columnist", NULL};
    const char *const *r;
    if (!role)
        return 1;
    for (r = roles; *r; r++)
        if (!ncp_strcasecmp(role, *r))
            return 1;
    return 0;
}

static void author(wctx *w, const nc_author *au)
{
    int creator = creator_role(au->role);
    const char *el = creator ? "creator" : "contributor";
    ncp_xw_start(&w->x, el);
    if (au->role && !(!creator && !strcmp(au->role, "contributor"))) {
        if (is_qcode(au->role)) {
            ncp_xw_attr(&w->x, "role", au->role);
        } else if (is_code(au->role)) {
            nc_buf_clear(&w->tmp);
            nc_buf_printf(&w->tmp, "%s:%s", creator ? "crol" : "ctrol", au->role);
            ncp_xw_attr(&w->x, "role", w->tmp.ptr);
        } else {
            nc_warn(w->o, 0, 0, "newsml cannot hold author role '%s' (not a code): dropped",
                    au->role);
        }
    }
    ncp_xw_attr(&w->x, "uri", iri(w, "author url", au->url));
    if (!au->name && !au->affiliation) {
        ncp_xw_empty(&w->x);
        return;
    }
    ncp_xw_open(&w->x);
    if (au->name) {
        norm_el(w, "name", "author name", au->name);
    }
    if (au->affiliation) {
        ncp_xw_start(&w->x, "personDetails");
        ncp_xw_open(&w->x);
        ncp_xw_start(&w->x, "affiliation");
        ncp_xw_open(&w->x);
        norm_el(w, "name", "author affiliation", au->affiliation);
        ncp_xw_close(&w->x, "affiliation");
        ncp_xw_close(&w->x, "personDetails");
    }
    ncp_xw_close(&w->x, el);
}

/* Extra keys become the code of an ncext: QCode; white space and '%' are %-escaped, and
 * the empty key, which a QCode cannot have, is a lone "%". */
static const char *ext_rel(wctx *w, const char *key)
{
    const unsigned char *p;
    nc_buf_clear(&w->tmp);
    nc_buf_puts(&w->tmp, "ncext:");
    if (!*key)
        nc_buf_putc(&w->tmp, '%');
    for (p = (const unsigned char *)key; *p; p++) {
        if (is_space(*p) || *p == '%' || *p < 0x20)
            nc_buf_printf(&w->tmp, "%%%02X", *p);
        else
            nc_buf_putc(&w->tmp, *p);
    }
    return w->tmp.ptr;
}

static void content_meta(wctx *w)
{
    const nc_article *a = w->a;
    size_t i;
    ncp_xw_start(&w->x, "contentMeta");
    ncp_xw_open(&w->x);
    if (a->urgency >= 1 && a->urgency <= 9) {
        char b[4];
        snprintf(b, sizeof b, "%d", a->urgency);
        ncp_xw_simple(&w->x, "urgency", b);
    }
    date_el(w, "contentCreated", &a->time[NC_T_CREATED], D_TRUNC);
    date_el(w, "contentModified", &a->time[NC_T_MODIFIED], D_TRUNC);
    if (a->str[NC_F_LOCATION]) {
        ncp_xw_start(&w->x, "located");
        ncp_xw_open(&w->x);
        norm_el(w, "name", "location", a->str[NC_F_LOCATION]);
        ncp_xw_close(&w->x, "located");
    }
    for (i = 0; i < a->n_authors; i++)
        author(w, &a->authors[i]);
    if (a->str[NC_F_PUBLISHER]) {
        ncp_xw_start(&w->x, "infoSource");
        ncp_xw_attr(&w->x, "role", "ncrole:publisher");
        w->use_ncrole = 1;
        ncp_xw_open(&w->x);
        norm_el(w, "name", "publisher", a->str[NC_F_PUBLISHER]);
        ncp_xw_close(&w->x, "infoSource");
    }
    if (a->str[NC_F_LANGUAGE] && is_language(a->str[NC_F_LANGUAGE])) {
        ncp_xw_start(&w->x, "language");
        ncp_xw_attr(&w->x, "tag", a->str[NC_F_LANGUAGE]);
        ncp_xw_empty(&w->x);
    }
    for (i = 0; i < a->n_genres; i++)
        concept(w, "genre", &a->genres[i], "genre name");
    for (i = 0; i < a->n_keywords; i++) {
        norm_el(w, "keyword", "keyword", a->keywords[i]);
    }
    for (i = 0; i < a->n_subjects; i++)
        concept(w, "subject", &a->subjects[i], "subject name");
    if (a->str[NC_F_SLUGLINE]) {
        norm_el(w, "slugline", "slugline", a->str[NC_F_SLUGLINE]);
    }
    if (a->str[NC_F_HEADLINE]) {
        mixed_el(w, "headline", a->str[NC_F_HEADLINE]);
    }
    if (a->str[NC_F_SUBHEADLINE]) {
        ncp_xw_start(&w->x, "headline");
        ncp_xw_attr(&w->x, "role", "hld:subHeadline");
        mixed_text(w, "headline", a->str[NC_F_SUBHEADLINE]);
    }
    if (a->str[NC_F_DATELINE]) {
        mixed_el(w, "dateline", a->str[NC_F_DATELINE]);
    }
    if (a->str[NC_F_BYLINE]) {
        mixed_el(w, "by", a->str[NC_F_BYLINE]);
    }
    if (a->str[NC_F_CREDIT]) {
        norm_el(w, "creditline", "credit", a->str[NC_F_CREDIT]);
    }
    if (a->str[NC_F_SUMMARY]) {
        ncp_xw_start(&w->x, "description");
        ncp_xw_attr(&w->x, "role", "drol:summary");
        mixed_text(w, "description", a->str[NC_F_SUMMARY]);
    }
    for (i = 0; i < a->n_extra; i++) {
        const nc_kv *kv = &a->extra[i];
        ncp_xw_start(&w->x, "contentMetaExtProperty");
        ncp_xw_attr(&w->x, "rel", ext_rel(w, kv->key ? kv->key : ""));
        w->use_ncext = 1;
        ncp_xw_attr(&w->x, "value", kv->value ? kv->value : "");
        if (kv->json) {
            ncp_xw_attr(&w->x, "nc:json", "true");
            w->use_nc = 1;
        }
        ncp_xw_empty(&w->x);
    }
    ncp_xw_close(&w->x, "contentMeta");
}

static void check_body(wctx *w)
{
    nc_iter it = nc_iter_init(w->a->body);
    nc_event ev;
    while ((ev = nc_iter_next(&it)) != NC_EVENT_DONE) {
        const nc_node *n = nc_iter_node(&it);
        if (ev == NC_EVENT_ENTER && n->type == NC_BLOCK_EMBED && n->as.embed.html)
            nc_warn(w->o, n->line, n->column,
                    "newsml cannot hold the HTML of an embed: dropped (its URL is kept)");
    }
}

static void content_set(wctx *w, int nitf)
{
    const nc_article *a = w->a;
    size_t start;
    ncp_xw_start(&w->x, "contentSet");
    ncp_xw_open(&w->x);
    ncp_xw_start(&w->x, "inlineXML");
    ncp_xw_attr(&w->x, "contenttype", nitf ? "application/nitf+xml" : "application/xhtml+xml");
    ncp_xw_open(&w->x);
    start = w->x.out->size;
    if (nitf) {
        ncp_nitf_write(a, w->x.out, w->x.depth, 0, w->o);
    } else {
        ncp_xw_start(&w->x, "html");
        ncp_xw_attr(&w->x, "xmlns", NCP_NS_XHTML);
        ncp_xw_open(&w->x);
        ncp_xw_start(&w->x, "head");
        ncp_xw_open(&w->x);
        ncp_xw_simple(&w->x, "title", a->str[NC_F_HEADLINE] ? a->str[NC_F_HEADLINE] : "");
        ncp_xw_close(&w->x, "head");
        ncp_xw_start(&w->x, "body");
        if (nc_node_first_child(a->body)) {
            int i;
            ncp_xw_open(&w->x);
            nc_buf_putc(w->x.out, '\n');
            for (i = 0; i < w->x.depth; i++)
                nc_buf_puts(w->x.out, "  ");
            ncp_body_to_xhtml(a->body, w->x.out, w->x.depth);
            ncp_xw_close(&w->x, "body");
        } else {
            ncp_xw_empty(&w->x);
        }
        ncp_xw_close(&w->x, "html");
    }
    if (!w->x.out->failed)
        ncp_nml_verify_body(a, w->x.out->ptr + start, w->x.out->size - start, nitf, "newsml",
                            w->o);
    ncp_xw_close(&w->x, "inlineXML");
    ncp_xw_close(&w->x, "contentSet");
}

int ncp_g2_write(const nc_article *a, nc_buf *out, const nc_opts *o, nc_error *err)
{
    wctx w;
    nc_buf inner = NC_BUF_INIT;
    const char *body = nc_opts_get(o, "newsml-body");
    char id[64];
    const char *guid = a->str[NC_F_ID], *version = a->str[NC_F_VERSION];
    const char *lang = a->str[NC_F_LANGUAGE];
    int nitf = 0;
    if (body && !strcmp(body, "nitf"))
        nitf = 1;
    else if (body && strcmp(body, "xhtml"))
        return nc_error_set(err, NC_ERR_USAGE, 0, 0,
                            "--newsml-body: expected 'xhtml' or 'nitf', got '%s'", body);
    memset(&w, 0, sizeof w);
    w.a = a;
    w.o = o;
    nc_buf_init(&w.tmp);
    nc_buf_init(&w.iri);

    /* the item's parts first, to learn which declarations they need */
    w.x.out = &inner;
    w.x.depth = 1;
    rights_info(&w);
    item_meta(&w);
    content_meta(&w);
    if (!nitf)
        check_body(&w);
    content_set(&w, nitf);

    if (!guid) {
        ncp_article_stable_id(a, id, sizeof id);
        guid = id;
    }
    if (version) {
        const char *p = version;
        while (*p >= '0' && *p <= '9')
            p++;
        if (*p || !*version || version[0] == '0') {
            nc_warn(o, 0, 0, "newsml cannot hold version '%s' (not a positive integer): dropped",
                    version);
            version = NULL;
        }
    }
    if (lang && !is_language(lang)) {
        nc_warn(o, 0, 0, "newsml cannot hold language '%s' (not a BCP 47 tag): dropped", lang);
        lang = NULL;
    }
    w.x.out = out;
    w.x.depth = 0;
    nc_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<newsItem");
    ncp_xw_attr(&w.x, "xmlns", NCP_NS_G2);
    if (w.use_nc)
        ncp_xw_attr(&w.x, "xmlns:nc", NCP_NS_NC);
    ncp_xw_attr(&w.x, "guid", guid);
    ncp_xw_attr(&w.x, "version", version);
    ncp_xw_attr(&w.x, "standard", "NewsML-G2");
    ncp_xw_attr(&w.x, "standardversion", "2.35");
    ncp_xw_attr(&w.x, "conformance", "power");
    ncp_xw_attr(&w.x, "xml:lang", lang);
    ncp_xw_open(&w.x);
    ncp_xw_start(&w.x, "catalogRef");
    ncp_xw_attr(&w.x, "href", "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml");
    ncp_xw_empty(&w.x);
    if (w.use_ncext || w.use_ncrole) {
        ncp_xw_start(&w.x, "catalog");
        ncp_xw_open(&w.x);
        if (w.use_ncext) {
            ncp_xw_start(&w.x, "scheme");
            ncp_xw_attr(&w.x, "alias", "ncext");
            ncp_xw_attr(&w.x, "uri", "urn:newsconv:extra:");
            ncp_xw_empty(&w.x);
        }
        if (w.use_ncrole) {
            ncp_xw_start(&w.x, "scheme");
            ncp_xw_attr(&w.x, "alias", "ncrole");
            ncp_xw_attr(&w.x, "uri", "urn:newsconv:role:");
            ncp_xw_empty(&w.x);
        }
        ncp_xw_close(&w.x, "catalog");
    }
    nc_buf_put(out, inner.ptr, inner.size);
    nc_buf_puts(out, "\n</newsItem>\n");
    if (inner.failed || w.tmp.failed || w.iri.failed)
        out->failed = 1;
    nc_buf_release(&inner);
    nc_buf_release(&w.tmp);
    nc_buf_release(&w.iri);
    return 0;
}
