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
    char *placed;      /* per extra pair: 1 when it is a kept G2 element written in place */
    nc_article *scratch; /* strings of the details read back (details.c) */
    unsigned in_body_head; /* bit 1 << field: written in the NITF body.head only */
    int furniture;         /* page furniture pairs to write at the start of the body */
    long xhtml_head;       /* the NCP_G2_XHTML_HEAD pair to write as the head, or -1 */
    long inline_data;      /* the NCP_G2_INLINE_DATA pair to send the body in, or -1 */
    char *group_refs;      /* a package's itemRef targets (place_group_set), or NULL */
    int content_xml;       /* the contentSet's other content (NCP_G2_CONTENT) to write */
    long msg_main;         /* a newsMessage around the item: its place (message_items), or -1 */
} wctx;

static void nc_attr(wctx *w, const char *name, const char *value);
static long extra_at(const nc_article *a, const char *key);
static void concept(wctx *w, const char *el, const nc_subject *s, const char *what);

/* ---- kept G2 elements (extra pairs "g2:PARENT/NAME", extra.c) ----
 * Each goes back to its place in the schema's order; a pair whose place is not known or
 * whose value is not that element (an edited value) stays a contentMetaExtProperty. */

static const char *const slots_item[] = {"catalogRef", "catalog", "hopHistory", "pubHistory",
                                         "rightsInfo", "partMeta", "assert", "inlineRef",
                                         "derivedFrom", "derivedFromValue", "groupSet", NULL};
static const char *const slots_rights[] = {"accountable", "copyrightHolder", "copyrightNotice",
                                           "usageTerms", "link", "rightsInfoExtProperty",
                                           "rightsExpressionXML", "rightsExpressionData",
                                           "dataMining", NULL};
static const char *const slots_meta[] = {
    "itemClass", "provider", "versionCreated", "firstCreated", "embargoed", "pubStatus", "role",
    "fileName", "generator", "profile", "service", "title", "edNote", "memberOf", "instanceOf",
    "signal", "altRep", "deliverableOf", "hash", "expires", "origRep", "incomingFeedId",
    "metadataCreator", "link", "itemMetaExtProperty", NULL};
static const char *const slots_content[] = {
    "icon", "urgency", "contentCreated", "contentModified", "digitalSourceType", "located",
    "infoSource", "creator", "contributor", "audience", "exclAudience", "altId", "rating",
    "userInteraction", "language", "genre", "keyword", "subject", "slugline", "headline",
    "dateline", "by", "creditline", "description", "contentMetaExtProperty", NULL};

/* The element name of a kept pair whose parent is part, or NULL. */
static const char *kept_name(const nc_kv *kv, const char *part)
{
    size_t n = strlen(part);
    if (!kv->key || kv->json || !kv->value || strncmp(kv->key, "g2:", 3) ||
        strncmp(kv->key + 3, part, n) || kv->key[3 + n] != '/')
        return NULL;
    return kv->key + 4 + n;
}

static int in_list(const char *const *list, const char *name)
{
    for (; *list; list++)
        if (!strcmp(*list, name))
            return 1;
    return 0;
}

/* 1 when s has the lexical form of an xs:dateTime: YYYY-MM-DDThh:mm:ss, optional
 * fraction, optional zone (a kept versionCreated is written as it is only then; "+0100"
 * is not one). */
static int xs_datetime(const char *s)
{
    static const char form[] = "dddd-dd-ddTdd:dd:dd";
    const char *f = form;
    for (; *f; f++, s++)
        if (*f == 'd' ? !(*s >= '0' && *s <= '9') : *s != *f)
            return 0;
    if (*s == '.') {
        if (!(s[1] >= '0' && s[1] <= '9'))
            return 0;
        for (s++; *s >= '0' && *s <= '9'; s++)
            ;
    }
    if (*s == 'Z')
        return !s[1];
    if (*s == '+' || *s == '-')
        return strlen(s) == 6 && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' && s[2] <= '9' &&
               s[3] == ':' && s[4] >= '0' && s[4] <= '9' && s[5] >= '0' && s[5] <= '9';
    return !*s;
}

/* Marks the pairs that go back to their place (known place, value that element). */
static void place_kept(wctx *w)
{
    static const struct {
        const char *part;
        const char *const *slots;
    } parts[] = {{"newsItem", slots_item}, {"rightsInfo", slots_rights},
                 {"itemMeta", slots_meta}, {"contentMeta", slots_content}};
    const nc_article *a = w->a;
    nc_buf scratch = NC_BUF_INIT;
    size_t i, k;
    w->placed = a->n_extra ? calloc(a->n_extra, 1) : NULL;
    if (a->n_extra && !w->placed) {
        w->x.out->failed = 1;
        return;
    }
    for (i = 0; i < a->n_extra; i++)
        for (k = 0; k < sizeof parts / sizeof parts[0]; k++) {
            const char *nm = kept_name(&a->extra[i], parts[k].part);
            /* a provider's extension (a prefixed name) at the end of itemMeta, contentMeta */
            if (nm && (in_list(parts[k].slots, nm) || (k >= 2 && strchr(nm, ':')))) {
                nc_buf_clear(&scratch);
                w->placed[i] = ncp_g2x_write(&scratch, nm, a->extra[i].value, w->o) == 0 &&
                               (strcmp(nm, "versionCreated") || xs_datetime(a->extra[i].value));
            }
        }
    nc_buf_release(&scratch);
}

static int is_ws(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Writes the kept pair i (element name) at the current indentation, once. */
static void write_kept(wctx *w, size_t i, const char *name)
{
    indent(&w->x);
    ncp_g2x_write(w->x.out, name, w->a->extra[i].value, w->o);
    w->placed[i] = 2;
}

/* Writes the kept elements of part/name, in the model's order; returns how many. */
static int kept(wctx *w, const char *part, const char *name)
{
    const nc_article *a = w->a;
    size_t i;
    int n = 0;
    for (i = 0; i < a->n_extra; i++) {
        const char *nm = w->placed && w->placed[i] == 1 ? kept_name(&a->extra[i], part) : NULL;
        if (nm && !strcmp(nm, name)) {
            write_kept(w, i, nm);
            n++;
        }
    }
    return n;
}

/* Writes the kept elements of other namespaces (prefixed names) of part. */
static void kept_extensions(wctx *w, const char *part)
{
    const nc_article *a = w->a;
    size_t i;
    for (i = 0; i < a->n_extra; i++) {
        const char *nm = w->placed && w->placed[i] == 1 ? kept_name(&a->extra[i], part) : NULL;
        if (nm && strchr(nm, ':'))
            write_kept(w, i, nm);
    }
}

/* 1 when the start tag of the XML v has an attribute whose value is s (with lead "="), or
 * a QCode whose code is s (lead ":"). */
static int in_start_tag(wctx *w, const char *v, const char *s, const char *lead)
{
    const char *hit;
    nc_buf_clear(&w->tmp);
    nc_buf_puts(&w->tmp, lead);
    ncp_xml_escape(&w->tmp, s, strlen(s), 1);
    nc_buf_putc(&w->tmp, '"');
    hit = w->tmp.ptr ? strstr(v, w->tmp.ptr) : NULL;
    return hit && hit < v + strcspn(v, ">");
}

/* 1 when a[0..n) equals b with white space collapsed and trimmed in a. */
static int same_collapsed(const char *a, size_t n, const char *b)
{
    const char *e = a + n;
    while (a < e && is_ws(*a))
        a++;
    while (e > a && is_ws(e[-1]))
        e--;
    while (a < e && *b) {
        if (is_ws(*a)) {
            if (*b != ' ')
                return 0;
            while (a < e && is_ws(*a))
                a++;
            b++;
        } else if (*a++ != *b++) {
            return 0;
        }
    }
    return a == e && !*b;
}

/* 1 when the XML v has a text node s (white space collapsed, as the reader reads it). */
static int has_text_node(wctx *w, const char *v, const char *s)
{
    const char *p;
    nc_buf_clear(&w->tmp);
    ncp_xml_escape(&w->tmp, s, strlen(s), 0);
    if (!w->tmp.ptr)
        return 0;
    for (p = strchr(v, '>'); p; p = strchr(p + 1, '>'))
        if (same_collapsed(p + 1, strcspn(p + 1, "<"), w->tmp.ptr))
            return 1;
    return 0;
}

/* 1 when the text of the XML element v as a whole (its text nodes joined, as the reader
 * reads an element with mixed content: a usageTerms with a <br/>) is s. */
static int has_whole_text(wctx *w, const char *v, const char *s)
{
    const char *p = strchr(v, '>'), *end = strrchr(v, '<');
    nc_buf t = NC_BUF_INIT;
    int in_tag = 0, same;
    if (!p || !end || end <= p)
        return 0;
    for (p++; p < end; p++) {
        if (*p == '<' || *p == '>')
            in_tag = *p == '<';
        else if (!in_tag)
            nc_buf_putc(&t, *p);
    }
    nc_buf_clear(&w->tmp);
    ncp_xml_escape(&w->tmp, s, strlen(s), 0);
    same = t.ptr && w->tmp.ptr && same_collapsed(t.ptr, t.size, w->tmp.ptr);
    nc_buf_release(&t);
    return same;
}

/* 1 when a kept part/name element holds text (as its text, or in its XML, escaped):
 * the model's field came from it, and the writer writes the element kept instead. With
 * text NULL: when any such element is kept. */
static int kept_has(wctx *w, const char *part, const char *name, const char *text)
{
    const nc_article *a = w->a;
    size_t i;
    for (i = 0; i < a->n_extra; i++) {
        const char *nm = w->placed && w->placed[i] ? kept_name(&a->extra[i], part) : NULL;
        const char *v = a->extra[i].value;
        if (!nm || strcmp(nm, name))
            continue;
        if (!text)
            return 1;
        if (*v != '<') {
            if (!strcmp(v, text))
                return 1;
            continue;
        }
        if (has_text_node(w, v, text) || has_whole_text(w, v, text))
            return 1;
        if (in_start_tag(w, v, text, "=\"") || in_start_tag(w, v, text, ":"))
            return 1; /* literal=, the code of qcode= */
    }
    return 0;
}

/* Finds, for a list item of the model, the first kept part/name element not
 * written yet that holds code (the value of an attribute of its own) or else text (a text
 * node, a literal= or the code of a QCode); 0 when there is none. */
static long find_item(wctx *w, const char *part, const char *name, const char *code,
                      const char *text)
{
    const nc_article *a = w->a;
    size_t i;
    for (i = 0; i < a->n_extra; i++) {
        const char *nm = w->placed && w->placed[i] == 1 ? kept_name(&a->extra[i], part) : NULL;
        const char *v = nm ? a->extra[i].value : NULL;
        if (!nm || strcmp(nm, name) || *v != '<')
            continue;
        if (code ? in_start_tag(w, v, code, "=\"")
                 : text && (in_start_tag(w, v, text, "=\"") || in_start_tag(w, v, text, ":") ||
                            has_text_node(w, v, text))) {
            w->placed[i] = 3; /* reserved for that item */
            return (long)i;
        }
    }
    return -1;
}

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
    D_FULL,  /* DateTimePropType: xs:dateTime, the RFC 3339 rule for dates; a local time
              * without a zone (which xs:dateTime allows) */
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
        if (t->prec >= NC_TIME_MINUTE && !t->has_zone)
            return format_date(t, D_OPT, out); /* a local time: xs:dateTime without a zone */
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
    size_t i;
    int any = 0;
    for (i = 0; i < a->n_extra && !any; i++)
        any = w->placed && w->placed[i] && kept_name(&a->extra[i], "rightsInfo");
    int dm = a->data_mining.name || a->data_mining.code;
    if (!h && !n && !u && !any && !dm)
        return;
    ncp_xw_start(&w->x, "rightsInfo");
    ncp_xw_open(&w->x);
    kept(w, "rightsInfo", "accountable");
    if (h && !kept_has(w, "rightsInfo", "copyrightHolder", h)) {
        ncp_xw_start(&w->x, "copyrightHolder");
        ncp_xw_open(&w->x);
        norm_el(w, "name", "copyright_holder", h);
        ncp_xw_close(&w->x, "copyrightHolder");
    }
    kept(w, "rightsInfo", "copyrightHolder");
    if (n && !kept_has(w, "rightsInfo", "copyrightNotice", n)) {
        mixed_el(w, "copyrightNotice", n);
    }
    kept(w, "rightsInfo", "copyrightNotice");
    if (u && !kept_has(w, "rightsInfo", "usageTerms", u)) {
        mixed_el(w, "usageTerms", u);
    }
    for (i = 3; strcmp(slots_rights[i], "dataMining"); i++)
        kept(w, "rightsInfo", slots_rights[i]);
    if (!kept(w, "rightsInfo", "dataMining") && dm)
        concept(w, "dataMining", &a->data_mining, "data-mining permission");
    ncp_xw_close(&w->x, "rightsInfo");
    kept(w, "newsItem", "rightsInfo");
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

/* The media kind an item type names ("picture", "photo", "ninat:picture", "icls:video",
 * an itemClass URI ending in /video), or -1. */
static int type_kind(const char *t)
{
    const char *c = t ? strrchr(t, ':') : NULL;
    c = c ? c + 1 : t;
    if (c && strrchr(c, '/'))
        c = strrchr(c, '/') + 1;
    if (!c)
        return -1;
    if (!ncp_strcasecmp(c, "photo") || !ncp_strcasecmp(c, "image"))
        return NC_MEDIA_PICTURE;
    if (!ncp_strcasecmp(c, "animated"))
        return NC_MEDIA_VIDEO;
    return nc_media_kind_from_name(c);
}

/* The item's own media when the item is a picture (graphic, video, audio): its type names
 * that kind and its first media entry is of that kind, with no id but the item's, and no
 * name, rel or details of an associated item (docs/formats.md); else NULL. */
static const nc_media *root_media(const nc_article *a)
{
    const nc_media *m = a->n_media ? &a->media[0] : NULL;
    int k = type_kind(a->item_type);
    if (!m || k < 0 || (int)m->kind != k || m->name || m->rel || m->details)
        return NULL;
    if (m->id && (!a->str[NC_F_ID] || strcmp(m->id, a->str[NC_F_ID])))
        return NULL;
    return m;
}

static void num_attr(wctx *w, const char *name, int v)
{
    char b[24];
    if (v <= 0)
        return;
    snprintf(b, sizeof b, "%d", v);
    ncp_xw_attr(&w->x, name, b);
}

static int rendition_more(const nc_rendition *r)
{
    return r->title || r->size > 0 || r->duration > 0 || r->format || r->details;
}

/* A rendition's title, size, duration, format and details, in newsconv's namespace. */
static void rendition_attrs(wctx *w, const nc_rendition *r)
{
    char b[40];
    nc_attr(w, "title", r->title);
    if (r->size > 0) {
        snprintf(b, sizeof b, "%lld", r->size);
        nc_attr(w, "size", b);
    }
    if (r->duration > 0) {
        ncp_double_str(r->duration, b, sizeof b);
        nc_attr(w, "duration", b);
    }
    nc_attr(w, "format", r->format);
    nc_attr(w, "details", r->details);
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
    nc_attr(w, "name", m->name);
    nc_attr(w, "rel", m->rel);
    nc_attr(w, "details", m->details);
    ncp_xw_open(&w->x);
    ncp_xw_start(&w->x, "itemClass");
    ncp_xw_attr(&w->x, "qcode", m->type && is_qcode(m->type) ? m->type : kind_class(m->kind));
    if (m->type && !is_qcode(m->type))
        nc_attr(w, "type", m->type);
    ncp_xw_empty(&w->x);
    if (m->width > 0 || m->height > 0 || rendition_more(&m->main) || m->main.name) {
        /* the main rendition's dimensions and own fields */
        ncp_xw_start(&w->x, "remoteContent");
        ncp_xw_attr(&w->x, "href", href);
        ncp_xw_attr(&w->x, "contenttype", m->mime);
        num_attr(w, "width", m->width);
        num_attr(w, "height", m->height);
        nc_attr(w, "rendition", m->main.name);
        rendition_attrs(w, &m->main);
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
        rendition_attrs(w, r);
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

static void provider(wctx *w)
{
    const nc_article *a = w->a;
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
}

/* The time of a kept versionCreated (0), or -1. */
static int kept_version(wctx *w, nc_time *t)
{
    size_t i;
    for (i = 0; i < w->a->n_extra; i++) {
        const char *nm = kept_name(&w->a->extra[i], "itemMeta");
        const char *v = w->a->extra[i].value;
        if (nm && !strcmp(nm, "versionCreated") && w->placed && w->placed[i] && *v != '<')
            return nc_time_parse_rfc3339(v, strlen(v), t);
    }
    return -1;
}

static void versions(wctx *w)
{
    const nc_article *a = w->a;
    const nc_time *vc = NULL;
    /* versionCreated is required: the item's own when kept, else this version is the last
     * modification, else the publication, else the creation; an undated article gets the
     * epoch, marked generated */
    if (a->time[NC_T_MODIFIED].prec)
        vc = &a->time[NC_T_MODIFIED];
    else if (a->time[NC_T_PUBLISHED].prec)
        vc = &a->time[NC_T_PUBLISHED];
    else if (a->time[NC_T_CREATED].prec)
        vc = &a->time[NC_T_CREATED];
    if (kept(w, "itemMeta", "versionCreated")) {
        /* the item's own, as it was */
    } else if (vc) {
        date_el(w, "versionCreated", vc, D_FULL);
    } else {
        ncp_xw_start(&w->x, "versionCreated");
        ncp_xw_attr(&w->x, "nc:generated", "true");
        w->use_nc = 1;
        ncp_xw_text(&w->x, "versionCreated", "1970-01-01T00:00:00Z");
    }
    date_el(w, "firstCreated", &a->time[NC_T_PUBLISHED], D_FULL);
    kept(w, "itemMeta", "firstCreated");
    date_el(w, "embargoed", &a->time[NC_T_EMBARGO], D_FULL);
    kept(w, "itemMeta", "embargoed");
}

static void pub_status(wctx *w)
{
    const nc_article *a = w->a;
    if (kept(w, "itemMeta", "pubStatus"))
        return;
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
}

/* 1 when a kept plain edNote (not a structured one, whose list items may repeat the plain
 * notes) is the line s: its own text, before any child element. */
static int kept_note(wctx *w, const char *s)
{
    const nc_article *a = w->a;
    size_t i;
    for (i = 0; i < a->n_extra; i++) {
        const char *nm = w->placed && w->placed[i] ? kept_name(&a->extra[i], "itemMeta") : NULL;
        const char *v = a->extra[i].value, *t;
        if (!nm || strcmp(nm, "edNote"))
            continue;
        if (*v != '<') {
            if (!strcmp(v, s))
                return 1;
            continue;
        }
        t = strchr(v, '>');
        if (!t || t[-1] == '/' || t[1 + strcspn(t + 1, "<") + 1] != '/')
            continue; /* empty, or holding elements */
        nc_buf_clear(&w->tmp);
        ncp_xml_escape(&w->tmp, s, strlen(s), 0);
        if (w->tmp.ptr && same_collapsed(t + 1, strcspn(t + 1, "<"), w->tmp.ptr))
            return 1;
    }
    return 0;
}

/* The editorial note: the kept notes (with their role and publishing constraint) and the
 * lines of the model's note that none of them holds. */
static void ed_notes(wctx *w)
{
    const char *note = w->a->str[NC_F_EDNOTE], *p;
    nc_buf rest = NC_BUF_INIT, line = NC_BUF_INIT;
    int n = kept(w, "itemMeta", "edNote");
    if (note && !n) {
        mixed_el(w, "edNote", note);
    } else if (note) {
        for (p = note; *p;) {
            size_t len = strcspn(p, "\n");
            nc_buf_clear(&line);
            nc_buf_put(&line, p, len);
            if (line.ptr && !kept_note(w, line.ptr)) {
                if (rest.size)
                    nc_buf_putc(&rest, '\n');
                nc_buf_put(&rest, p, len);
            }
            p += len;
            if (*p)
                p++;
        }
        if (rest.size)
            mixed_el(w, "edNote", rest.ptr);
    }
    if (rest.failed || line.failed)
        w->x.out->failed = 1;
    nc_buf_release(&rest);
    nc_buf_release(&line);
}

/* 1 when the newsMessage written around the item holds an item of that guid (a media item
 * merged into the article's media: the item itself is written, not a link to it). */
static int in_message(wctx *w, const char *guid)
{
    const nc_article *a = w->a;
    size_t i;
    if (w->msg_main < 0 || !guid)
        return 0;
    for (i = 0; i < a->n_extra; i++)
        if (w->placed[i] == 1 && kept_name(&a->extra[i], "itemSet") &&
            *a->extra[i].value == '<' && in_start_tag(w, a->extra[i].value, guid, "=\""))
            return 1;
    return 0;
}

/* 1 when the package's groupSet refers to target (an itemRef's href or residref). */
static int in_group(const wctx *w, const char *target)
{
    const char *p;
    if (!w->group_refs || !target)
        return 0;
    for (p = w->group_refs; *p; p += strlen(p) + 1)
        if (!strcmp(p, target))
            return 1;
    return 0;
}

static void links(wctx *w)
{
    const nc_article *a = w->a;
    size_t i;
    if (a->str[NC_F_URL]) {
        ncp_xw_start(&w->x, "link");
        ncp_xw_attr(&w->x, "rel", "irel:canonical");
        ncp_xw_attr(&w->x, "href", iri(w, "url", a->str[NC_F_URL]));
        ncp_xw_empty(&w->x);
    }
    for (i = 0; i < a->n_links; i++) {
        const nc_link *l = &a->links[i];
        long k = find_item(w, "itemMeta", "link", l->href, l->title);
        if (k >= 0) {
            /* the link as it was read (also when the package's groupSet refers to the
             * same item: the input had both) */
            write_kept(w, (size_t)k, "link");
            continue;
        }
        if (in_group(w, l->href))
            continue; /* an itemRef of the package */
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
    for (i = root_media(a) ? 1 : 0; i < a->n_media; i++) {
        const nc_media *m = &a->media[i];
        long k = m->id || m->href ? find_item(w, "itemMeta", "link", m->id ? m->id : m->href,
                                               NULL)
                                  : -1;
        if (k >= 0)
            write_kept(w, (size_t)k, "link"); /* the media link as it was read */
        else if (in_group(w, m->href) || in_group(w, m->id))
            continue; /* an itemRef of the package */
        else if (!in_message(w, m->id))
            media_link(w, m);
    }
}

static void item_meta(wctx *w)
{
    const nc_article *a = w->a;
    size_t i;
    ncp_xw_start(&w->x, "itemMeta");
    ncp_xw_open(&w->x);
    if (!kept(w, "itemMeta", "itemClass")) {
        /* the item type as given: a QCode as it is; the item's own picture (video, ...)
         * as its class (with nc:type for a word the class does not spell); another word
         * as nc:type */
        const char *t = a->item_type;
        const nc_media *m = root_media(a);
        ncp_xw_start(&w->x, "itemClass");
        ncp_xw_attr(&w->x, "qcode", t && is_qcode(t) ? t : m ? kind_class(m->kind) : "ninat:text");
        if (t && !is_qcode(t) && !(m && !strcmp(t, nc_media_kind_name(m->kind))))
            nc_attr(w, "type", t);
        ncp_xw_empty(&w->x);
    }

    /* provider is required: the publisher stands in (marked generated), else "unknown" */
    if (kept_has(w, "itemMeta", "provider", a->str[NC_F_PROVIDER]))
        kept(w, "itemMeta", "provider");
    else
        provider(w);
    versions(w);
    pub_status(w);
    for (i = 6; strcmp(slots_meta[i], "edNote"); i++)
        kept(w, "itemMeta", slots_meta[i]);
    ed_notes(w);
    if (a->str[NC_F_SECTION] && !kept_has(w, "itemMeta", "memberOf", a->str[NC_F_SECTION])) {
        ncp_xw_start(&w->x, "memberOf");
        ncp_xw_open(&w->x);
        norm_el(w, "name", "section", a->str[NC_F_SECTION]);
        ncp_xw_close(&w->x, "memberOf");
    }
    for (i++; strcmp(slots_meta[i], "expires"); i++)
        kept(w, "itemMeta", slots_meta[i]);
    date_el(w, "expires", &a->time[NC_T_EXPIRES], D_OPT);
    for (i++; strcmp(slots_meta[i], "link"); i++)
        kept(w, "itemMeta", slots_meta[i]);
    links(w);
    kept(w, "itemMeta", "link");
    kept(w, "itemMeta", "itemMetaExtProperty");
    kept_extensions(w, "itemMeta");
    ncp_xw_close(&w->x, "itemMeta");
}

/* qcode=, uri= or literal= for a concept code, and the name. */
/* An attribute in newsconv's namespace. */
static void nc_attr(wctx *w, const char *name, const char *value)
{
    if (!value)
        return;
    nc_buf_clear(&w->tmp);
    nc_buf_printf(&w->tmp, "nc:%s", name);
    ncp_xw_attr(&w->x, w->tmp.ptr, value);
    w->use_nc = 1;
}

/* A QCode as the G2 attribute name, anything else as nc:name (G2 wants QCodes there). */
static void qcode_or_nc(wctx *w, const char *name, const char *value)
{
    if (value && is_qcode(value))
        ncp_xw_attr(&w->x, name, value);
    else
        nc_attr(w, name, value);
}

static void int_attr(wctx *w, const char *name, int v)
{
    char b[24];
    if (v == NC_UNSET)
        return;
    snprintf(b, sizeof b, "%d", v);
    ncp_xw_attr(&w->x, name, b);
}

/* The G2 type of an entity (cpnat: concept natures). */
static const char *entity_type(nc_subject_type t)
{
    switch (t) {
    case NC_SUBJECT_PERSON: return "cpnat:person";
    case NC_SUBJECT_ORGANISATION: return "cpnat:organisation";
    case NC_SUBJECT_PLACE: return "cpnat:geoArea";
    case NC_SUBJECT_EVENT: return "cpnat:event";
    case NC_SUBJECT_OBJECT: return "cpnat:object";
    default: return NULL;
    }
}

/* The code attribute of an assert about s (as concept writes it), with a leading space. */
static const char *assert_code(wctx *w, const nc_subject *s)
{
    const char *attr = is_uri(s->code) && iri_valid(s->code) ? "uri"
                       : is_qcode(s->code)                   ? "qcode"
                                                             : "literal";
    nc_buf_clear(&w->tmp);
    nc_buf_printf(&w->tmp, " %s=\"", attr);
    ncp_xml_escape(&w->tmp, s->code, strlen(s->code), 1);
    nc_buf_putc(&w->tmp, '"');
    return w->tmp.ptr;
}

/* Splits a subject's details (details.c): the content of a native assert into native
 * (empty when a kept assert about it, or nc:details, gives them back), the rest for
 * nc:details into *rest. */
static void subject_details(wctx *w, const nc_subject *s, nc_buf *native, const char **rest)
{
    const char *kept_as = NULL;
    char *code;
    size_t i;
    *rest = s->details;
    if (!s->code || !w->scratch)
        return;
    code = strdup(assert_code(w, s));
    if (!code) {
        w->x.out->failed = 1;
        return;
    }
    for (i = 0; i < w->a->n_extra && !kept_as; i++) {
        const char *nm = w->placed && w->placed[i] ? kept_name(&w->a->extra[i], "newsItem") : NULL;
        if (nm && !strcmp(nm, "assert") && in_start_tag(w, w->a->extra[i].value, s->code, "=\""))
            kept_as = w->a->extra[i].value;
    }
    ncp_g2_details_split(s, code, kept_as, native, rest, w->scratch);
    if (kept_as)
        nc_buf_clear(native); /* the kept assert is written */
    free(code);
}

/* An assert for each subject whose contact information or position it holds. */
static void native_asserts(wctx *w)
{
    size_t i;
    nc_buf native = NC_BUF_INIT;
    for (i = 0; i < w->a->n_subjects; i++) {
        const nc_subject *s = &w->a->subjects[i];
        const char *rest;
        if (!s->details)
            continue;
        nc_buf_clear(&native);
        subject_details(w, s, &native, &rest);
        if (!native.size)
            continue;
        ncp_xw_start(&w->x, "assert");
        nc_buf_puts(w->x.out, assert_code(w, s));
        ncp_xw_open(&w->x);
        indent(&w->x);
        nc_buf_put(w->x.out, native.ptr, native.size);
        ncp_xw_close(&w->x, "assert");
    }
    if (native.failed)
        w->x.out->failed = 1;
    nc_buf_release(&native);
}

static void concept(wctx *w, const char *el, const nc_subject *s, const char *what)
{
    int code_uri = 0;
    ncp_xw_start(&w->x, el);
    if (s->code) {
        if (is_uri(s->code) && iri_valid(s->code))
            ncp_xw_attr(&w->x, "uri", s->code), code_uri = 1;
        else if (is_qcode(s->code))
            ncp_xw_attr(&w->x, "qcode", s->code);
        else
            ncp_xw_attr(&w->x, "literal", normalized(w, s->code));
    }
    if (s->uri && !code_uri && is_uri(s->uri) && iri_valid(s->uri))
        ncp_xw_attr(&w->x, "uri", s->uri);
    else
        nc_attr(w, "uri", s->uri);
    ncp_xw_attr(&w->x, "type", entity_type(s->type));
    nc_attr(w, "rel", s->rel); /* G2 concepts have no rel= */
    int_attr(w, "relevance", s->relevance >= 0 && s->relevance <= 100 ? s->relevance : NC_UNSET);
    int_attr(w, "confidence",
             s->confidence >= 0 && s->confidence <= 100 ? s->confidence : NC_UNSET);
    qcode_or_nc(w, "creator", s->creator);
    nc_attr(w, "scheme", s->scheme);
    if (!strcmp(el, "subject") && s->details) {
        /* contact information and position in an assert (native_asserts), the rest here */
        const char *rest;
        nc_buf native = NC_BUF_INIT;
        subject_details(w, s, &native, &rest);
        nc_buf_release(&native);
        nc_attr(w, "details", rest);
    } else {
        nc_attr(w, "details", s->details);
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
    nc_attr(w, "details", au->details);
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

/* A list item of the model written in one of contentMeta's unordered groups: an author
 * (creator or contributor), a genre or a subject. */
typedef struct gitem {
    int kind; /* 0 author, 1 genre, 2 subject, 3 keyword */
    size_t idx;
    long match; /* the kept element it was read from, or -1 */
} gitem;

static void gitem_write(wctx *w, const gitem *it)
{
    const nc_article *a = w->a;
    if (it->kind == 0)
        author(w, &a->authors[it->idx]);
    else if (it->kind == 1)
        concept(w, "genre", &a->genres[it->idx], "genre name");
    else if (it->kind == 2)
        concept(w, "subject", &a->subjects[it->idx], "subject name");
    else
        norm_el(w, "keyword", "keyword", a->keywords[it->idx]);
}

/* Writes the items and the kept elements of the group of contentMeta whose names run from
 * slots_content[from] up to end, both in the model's order: an item read from a kept
 * element is that element again. */
static void group(wctx *w, gitem *items, size_t n, size_t from, const char *end)
{
    const nc_article *a = w->a;
    size_t i, j, next = 0;
    for (i = 0; i < n; i++) {
        gitem *it = &items[i];
        if (it->kind == 0) {
            const nc_author *au = &a->authors[it->idx];
            const char *nm = au->name ? au->name : au->url;
            it->match = find_item(w, "contentMeta", "creator", NULL, nm);
            if (it->match < 0)
                it->match = find_item(w, "contentMeta", "contributor", NULL, nm);
        } else if (it->kind == 3) {
            it->match = find_item(w, "contentMeta", "keyword", NULL, a->keywords[it->idx]);
        } else {
            const nc_subject *c = it->kind == 1 ? &a->genres[it->idx] : &a->subjects[it->idx];
            it->match = find_item(w, "contentMeta", it->kind == 1 ? "genre" : "subject",
                                  c->code, c->name);
        }
    }
    for (j = 0; j < a->n_extra; j++) {
        const char *nm = w->placed && (w->placed[j] == 1 || w->placed[j] == 3)
                             ? kept_name(&a->extra[j], "contentMeta")
                             : NULL;
        const char *const *p;
        if (!nm)
            continue;
        for (p = slots_content + from; strcmp(*p, end) && strcmp(*p, nm); p++)
            ;
        if (!strcmp(*p, end))
            continue; /* not of this group */
        if (w->placed[j] == 3) {
            /* an item's own element: the items before it first */
            for (i = 0; i < n && items[i].match != (long)j; i++)
                ;
            for (; next < i; next++)
                if (items[next].match < 0)
                    gitem_write(w, &items[next]);
            if (i < n && next <= i)
                next = i + 1;
        }
        write_kept(w, j, nm);
    }
    for (; next < n; next++)
        if (items[next].match < 0)
            gitem_write(w, &items[next]);
}

static void groups(wctx *w)
{
    const nc_article *a = w->a;
    size_t n = a->n_authors + a->n_genres + a->n_keywords + a->n_subjects, i, k = 0;
    gitem *items = n ? malloc(n * sizeof *items) : NULL;
    if (n && !items) {
        w->x.out->failed = 1;
        return;
    }
    for (i = 0; i < a->n_authors; i++, k++)
        items[k].kind = 0, items[k].idx = i;
    group(w, items, a->n_authors, 5, "language");
    if (a->str[NC_F_PUBLISHER] &&
        !kept_has(w, "contentMeta", "infoSource", a->str[NC_F_PUBLISHER])) {
        ncp_xw_start(&w->x, "infoSource");
        ncp_xw_attr(&w->x, "role", "ncrole:publisher");
        w->use_ncrole = 1;
        ncp_xw_open(&w->x);
        norm_el(w, "name", "publisher", a->str[NC_F_PUBLISHER]);
        ncp_xw_close(&w->x, "infoSource");
    }
    if (a->str[NC_F_LANGUAGE] && is_language(a->str[NC_F_LANGUAGE]) &&
        !(w->in_body_head & (1u << NC_F_LANGUAGE)) &&
        !kept_has(w, "contentMeta", "language", NULL)) {
        ncp_xw_start(&w->x, "language");
        ncp_xw_attr(&w->x, "tag", a->str[NC_F_LANGUAGE]);
        if (a->language_detected) { /* not declared: inferred by a tool, IPTC's marks */
            ncp_xw_attr(&w->x, "how", "howextr:tool");
            ncp_xw_attr(&w->x, "why", "why:inferred");
        }
        ncp_xw_empty(&w->x);
    }
    for (i = 0; i < a->n_genres; i++, k++)
        items[k].kind = 1, items[k].idx = i;
    for (i = 0; i < a->n_keywords; i++, k++)
        items[k].kind = 3, items[k].idx = i;
    for (i = 0; i < a->n_subjects; i++, k++)
        items[k].kind = 2, items[k].idx = i;
    group(w, items + a->n_authors, n - a->n_authors, 14, "contentMetaExtProperty");
    free(items);
}

/* A text field as a contentMeta element, unless a kept element holds it. */
static void meta_text(wctx *w, const char *name, const char *role, const char *text, int norm)
{
    if (!text || kept_has(w, "contentMeta", name, text))
        return;
    ncp_xw_start(&w->x, name);
    if (role)
        ncp_xw_attr(&w->x, "role", role);
    if (norm && strpbrk(text, "\t\n\r\f\v")) {
        nc_warn(w->o, 0, 0, "newsml cannot hold the line breaks and tabs of %s: written as spaces",
                name);
        text = normalized(w, text);
    }
    mixed_text(w, name, text);
}

static int same_text(const char *x, const char *y)
{
    return x && y && !strcmp(x, y);
}

/* The caption, alternative text and credit of the item's own picture (video, ...), where
 * the item's own texts do not hold them: the reader reads them back from contentMeta. */
static void root_texts(wctx *w)
{
    const nc_article *a = w->a;
    const nc_media *m = root_media(a);
    if (!m)
        return;
    if (m->caption && !same_text(m->caption, a->str[NC_F_SUMMARY]))
        meta_text(w, "description", "drol:caption", m->caption, 0);
    if (m->alt)
        meta_text(w, "description", "drol:alternativeText", m->alt, 0);
    if (m->credit && !same_text(m->credit, a->str[NC_F_CREDIT]))
        meta_text(w, "creditline", NULL, m->credit, 1);
    if (m->title && !same_text(m->title, a->str[NC_F_HEADLINE]))
        nc_warn(w->o, 0, 0, "newsml cannot hold the title of the item's own %s: dropped",
                nc_media_kind_name(m->kind));
}

/* A text field for contentMeta: NULL when it goes into the NITF body.head only. */
static const char *meta_field(wctx *w, nc_field f)
{
    return (w->in_body_head & (1u << f)) ? NULL : w->a->str[f];
}

static void content_meta(wctx *w)
{
    const nc_article *a = w->a;
    size_t i;
    ncp_xw_start(&w->x, "contentMeta");
    ncp_xw_open(&w->x);
    kept(w, "contentMeta", "icon");
    if (a->urgency >= 1 && a->urgency <= 9) {
        char b[4];
        snprintf(b, sizeof b, "%d", a->urgency);
        ncp_xw_simple(&w->x, "urgency", b);
    }
    date_el(w, "contentCreated", &a->time[NC_T_CREATED], D_TRUNC);
    {
        /* a modification time the reader took from versionCreated is not written twice */
        nc_time t;
        if (kept_version(w, &t) < 0 || !nc_time_equal(&t, &a->time[NC_T_MODIFIED]))
            date_el(w, "contentModified", &a->time[NC_T_MODIFIED], D_TRUNC);
    }
    if (!kept(w, "contentMeta", "digitalSourceType") &&
        (a->digital_source_type.name || a->digital_source_type.code))
        concept(w, "digitalSourceType", &a->digital_source_type, "digital source type");
    if (a->str[NC_F_LOCATION] && !kept_has(w, "contentMeta", "located", a->str[NC_F_LOCATION])) {
        ncp_xw_start(&w->x, "located");
        ncp_xw_open(&w->x);
        norm_el(w, "name", "location", a->str[NC_F_LOCATION]);
        ncp_xw_close(&w->x, "located");
    }
    /* the authors, genres, keywords and subjects and the kept elements of the two
     * unordered groups, in the model's order */
    groups(w);
    meta_text(w, "slugline", NULL, a->str[NC_F_SLUGLINE], 1);
    meta_text(w, "headline", NULL, meta_field(w, NC_F_HEADLINE), 0);
    meta_text(w, "headline", "hld:subHeadline", meta_field(w, NC_F_SUBHEADLINE), 0);
    meta_text(w, "dateline", NULL, meta_field(w, NC_F_DATELINE), 0);
    meta_text(w, "by", NULL, meta_field(w, NC_F_BYLINE), 0);
    meta_text(w, "creditline", NULL, a->str[NC_F_CREDIT], 1);
    meta_text(w, "description", "drol:summary", meta_field(w, NC_F_SUMMARY), 0);
    root_texts(w);
    kept(w, "contentMeta", "contentMetaExtProperty");
    for (i = 0; i < a->n_extra; i++) {
        const nc_kv *kv = &a->extra[i];
        if (w->placed && w->placed[i])
            continue; /* written in its place */
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
    kept_extensions(w, "contentMeta");
    ncp_xw_close(&w->x, "contentMeta");
}

/* rendition= for a rendition's name: a QCode as it is, a code with the rnd: alias, else
 * nc:rendition. */
static void rendition_attr(wctx *w, const char *name)
{
    if (!name)
        return;
    if (is_qcode(name)) {
        ncp_xw_attr(&w->x, "rendition", name);
    } else if (is_code(name)) {
        nc_buf_clear(&w->tmp);
        nc_buf_printf(&w->tmp, "rnd:%s", name);
        ncp_xw_attr(&w->x, "rendition", w->tmp.ptr);
    } else {
        nc_attr(w, "rendition", name);
    }
}

/* One remoteContent of the item's own picture (video, ...): the model's fields as G2's
 * attributes (a format that is no QCode as nc:format), then the rest of the element as
 * the reader kept it in the details (media.c), the other details as nc:details. */
static void item_rendition(wctx *w, const nc_rendition *r, const char *href, const char *mime,
                           int width, int height)
{
    const char *written[10], *details = r->details;
    size_t n = 0;
    char b[40];
    nc_buf rest = NC_BUF_INIT;
    ncp_xw_start(&w->x, "remoteContent");
#define WRITTEN(name, cond) do { if (cond) written[n++] = name; } while (0)
    WRITTEN("rendition", r->name);
    WRITTEN("href", href);
    WRITTEN("contenttype", mime);
    WRITTEN("width", width > 0);
    WRITTEN("height", height > 0);
    WRITTEN("title", r->title);
    WRITTEN("size", r->size > 0);
    WRITTEN("duration", r->duration > 0);
    WRITTEN("format", r->format);
#undef WRITTEN
    written[n] = NULL;
    rendition_attr(w, r->name);
    ncp_xw_attr(&w->x, "href", iri(w, "rendition address", href));
    ncp_xw_attr(&w->x, "contenttype", mime);
    num_attr(w, "width", width);
    num_attr(w, "height", height);
    ncp_xw_attr(&w->x, "title", r->title);
    if (r->size > 0) {
        snprintf(b, sizeof b, "%lld", r->size);
        ncp_xw_attr(&w->x, "size", b);
    }
    if (r->duration > 0) {
        ncp_double_str(r->duration, b, sizeof b);
        ncp_xw_attr(&w->x, "duration", b);
    }
    qcode_or_nc(w, "format", r->format);
    ncp_g2_rc_split(r->details, written, &rest, &details, w->scratch);
    nc_attr(w, "details", details);
    if (rest.size)
        nc_buf_put(w->x.out, rest.ptr, rest.size);
    else
        ncp_xw_empty(&w->x);
    if (rest.failed)
        w->x.out->failed = 1;
    nc_buf_release(&rest);
}

/* The renditions of the item's own picture (video, ...), one remoteContent each. */
static void item_renditions(wctx *w, const nc_media *m)
{
    size_t i;
    if (m->href || m->mime || m->width > 0 || m->height > 0 || m->main.name ||
        rendition_more(&m->main))
        item_rendition(w, &m->main, m->href, m->mime, m->width, m->height);
    for (i = 0; i < m->n_renditions; i++) {
        const nc_rendition *r = &m->renditions[i];
        item_rendition(w, r, r->href, r->mime, r->width, r->height);
    }
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

/* The page furniture kept from the start of an XHTML body (NCP_G2_FURNITURE pairs,
 * reader.c; dpa's digitalwires <header>): with an XHTML body, each pair that is one such
 * element is marked for the body (placed 1; w->furniture counts them); with a NITF body,
 * which has no place for it, the pairs stay contentMetaExtProperty like any other. */
static void place_furniture(wctx *w, int nitf)
{
    const nc_article *a = w->a;
    size_t i, n = strlen(NCP_G2_FURNITURE), ne = strlen(NCP_G2_FURNITURE_END);
    nc_buf scratch = NC_BUF_INIT;
    for (i = 0; !nitf && w->placed && i < a->n_extra; i++) {
        const nc_kv *kv = &a->extra[i];
        int end;
        if (!kv->key || kv->json || !kv->value)
            continue;
        end = !strncmp(kv->key, NCP_G2_FURNITURE_END, ne);
        if (!end && strncmp(kv->key, NCP_G2_FURNITURE, n))
            continue;
        nc_buf_clear(&scratch);
        /* "xhtml:header": one header element of another namespace than G2's; the
         * furniture that closed the body (NCP_G2_FURNITURE_END) goes to its end (4) */
        if (ncp_g2x_write(&scratch, kv->key + (end ? ne : n) - 6, kv->value, w->o) == 0) {
            w->placed[i] = end ? 4 : 1;
            w->furniture++;
        }
    }
    if (scratch.failed)
        w->x.out->failed = 1;
    nc_buf_release(&scratch);
}

/* 1 when the kept XML v is an element without content ("<inlineData .../>"). */
static int empty_element(const char *v)
{
    size_t n = v ? strlen(v) : 0;
    return n > 2 && !strcmp(v + n - 2, "/>");
}

/* Markup sent as the text of an inlineData (ANSA: escaped <p> in a text/plain inlineData;
 * extra NCP_G2_INLINE_DATA, reader.c): without --newsml-body the body goes back into such
 * an inlineData (w->inline_data) when the kept value is one empty inlineData element, and
 * the pair is placed; else (the body inlineXML as asked) the pair stays a
 * contentMetaExtProperty, which reads back as the same pair. */
static void place_inline_data(wctx *w, const char *body)
{
    long at = extra_at(w->a, NCP_G2_INLINE_DATA);
    const char *v;
    nc_buf scratch = NC_BUF_INIT;
    w->inline_data = -1;
    if (at < 0 || !w->placed || body)
        return;
    v = w->a->extra[at].value;
    if (empty_element(v) && !root_media(w->a) &&
        ncp_g2x_write(&scratch, "inlineData", v, w->o) == 0) {
        w->inline_data = at;
        w->placed[at] = 2;
    }
    if (scratch.failed)
        w->x.out->failed = 1;
    nc_buf_release(&scratch);
}

/* The body as escaped canonical XHTML in the kept inlineData element (its attributes). */
static void inline_data(wctx *w)
{
    const char *v = w->a->extra[w->inline_data].value;
    nc_buf x = NC_BUF_INIT, html = NC_BUF_INIT;
    indent(&w->x);
    nc_buf_put(w->x.out, v, strlen(v) - 2); /* "<inlineData ..." without "/>" */
    nc_buf_putc(w->x.out, '>');
    ncp_body_to_xhtml(w->a->body, &x, -1);
    ncp_xml_escape(w->x.out, x.ptr, x.size, 0);
    nc_buf_puts(w->x.out, "</inlineData>");
    /* read back as XHTML, as the reader reads such markup */
    nc_buf_puts(&html, "<html xmlns=\"" NCP_NS_XHTML "\"><body>");
    nc_buf_put(&html, x.ptr, x.size);
    nc_buf_puts(&html, "</body></html>");
    if (x.failed || html.failed)
        w->x.out->failed = 1;
    else
        ncp_nml_verify_body(w->a, html.ptr, html.size, 0, "newsml", w->o);
    nc_buf_release(&x);
    nc_buf_release(&html);
}

/* Writes the page furniture marked by place_furniture at the start of the body (mark 1),
 * or at its end (mark 4), each element as the reader kept it. */
static void furniture(wctx *w, char mark)
{
    const nc_article *a = w->a;
    size_t i;
    const char *prefix = mark == 4 ? NCP_G2_FURNITURE_END : NCP_G2_FURNITURE, *v;
    for (i = 0; w->furniture && i < a->n_extra; i++) {
        if (w->placed[i] != mark || strncmp(a->extra[i].key, prefix, strlen(prefix)))
            continue;
        indent(&w->x);
        /* as the reader kept it (one element with its xmlns, place_furniture checked);
         * the end's marked nc:furniture="end": without the <article> it stood beside, an
         * aside after the text would read back as a box of the story */
        v = a->extra[i].value;
        if (mark == 4) {
            size_t name = strcspn(v, " />");
            nc_buf_put(w->x.out, v, name);
            /* (declared here too: the body is verified on its own) */
            nc_buf_puts(w->x.out, " xmlns:nc=\"" NCP_NS_NC "\" nc:furniture=\"end\"");
            v += name;
        }
        nc_buf_puts(w->x.out, v);
        w->placed[i] = 2;
    }
}

/* Marks the kept content beside the body (NCP_G2_CONTENT pairs, reader.c: SportsML, a
 * plain or PDF form of the text) that is still one such element (w->content_xml counts
 * them); content_set writes them back after the body. The shell of markup sent as
 * inlineData (NCP_G2_INLINE_DATA, an empty element) is not such content. */
static void place_content_xml(wctx *w)
{
    const nc_article *a = w->a;
    size_t i;
    nc_buf scratch = NC_BUF_INIT;
    for (i = 0; w->placed && i < a->n_extra; i++) {
        const nc_kv *kv = &a->extra[i];
        const char *nm = kept_name(kv, "contentSet");
        if (!nm || w->placed[i] || (strcmp(nm, "inlineXML") && strcmp(nm, "inlineData") &&
                                    strcmp(nm, "remoteContent")) ||
            (!strcmp(nm, "inlineData") && empty_element(kv->value)))
            continue;
        nc_buf_clear(&scratch);
        if (ncp_g2x_write(&scratch, nm, kv->value, w->o) == 0) {
            w->placed[i] = 1;
            w->content_xml++;
        }
    }
    if (scratch.failed)
        w->x.out->failed = 1;
    nc_buf_release(&scratch);
}

/* The kept content of place_content_xml in the model's order, then the end of the
 * contentSet. */
static void content_end(wctx *w)
{
    const nc_article *a = w->a;
    size_t i;
    for (i = 0; w->content_xml && i < a->n_extra; i++) {
        const char *nm = w->placed[i] == 1 ? kept_name(&a->extra[i], "contentSet") : NULL;
        if (nm)
            write_kept(w, i, nm);
    }
    ncp_xw_close(&w->x, "contentSet");
}

static void content_set(wctx *w, int nitf)
{
    const nc_article *a = w->a;
    size_t start;
    const nc_media *m = root_media(a);
    if (m && !nc_node_first_child(a->body) && !m->href && !m->n_renditions && !w->content_xml)
        return; /* a picture (video, ...) item without content (its metadata alone) */
    ncp_xw_start(&w->x, "contentSet");
    ncp_xw_open(&w->x);
    if (m) {
        item_renditions(w, m);
        if (!nc_node_first_child(a->body)) { /* no text beside the renditions */
            content_end(w);
            return;
        }
    }
    if (w->inline_data >= 0) {
        inline_data(w);
        content_end(w);
        return;
    }
    if (w->content_xml && !nc_node_first_child(a->body) && !w->furniture) {
        content_end(w); /* the kept content alone, no empty body beside it */
        return;
    }
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
        if (w->xhtml_head >= 0) {
            /* the head as the reader kept it (one element with its xmlns) */
            indent(&w->x);
            nc_buf_puts(w->x.out, a->extra[w->xhtml_head].value);
        } else {
            ncp_xw_start(&w->x, "head");
            ncp_xw_open(&w->x);
            ncp_xw_simple(&w->x, "title", a->str[NC_F_HEADLINE] ? a->str[NC_F_HEADLINE] : "");
            ncp_xw_close(&w->x, "head");
        }
        ncp_xw_start(&w->x, "body");
        if (nc_node_first_child(a->body) || w->furniture) {
            ncp_xw_open(&w->x);
            furniture(w, 1);
            if (nc_node_first_child(a->body)) {
                indent(&w->x);
                ncp_body_to_xhtml(a->body, w->x.out, w->x.depth);
            }
            furniture(w, 4);
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
    content_end(w);
}

/* The index of the first extra pair with this key holding text, or -1. */
static long extra_at(const nc_article *a, const char *key)
{
    size_t i;
    for (i = 0; i < a->n_extra; i++)
        if (a->extra[i].key && !strcmp(a->extra[i].key, key) && !a->extra[i].json &&
            a->extra[i].value)
            return (long)i;
    return -1;
}

/* 1 when the item has no contentSet: a text item read without one (NCP_G2_NO_CONTENT, a
 * pair placed here) whose body is still empty and which is no picture item. */
static int no_content(wctx *w)
{
    long i = extra_at(w->a, NCP_G2_NO_CONTENT);
    if (i < 0)
        return 0;
    if (w->placed)
        w->placed[i] = 2;
    return !strcmp(w->a->extra[i].value, "none") && !nc_node_first_child(w->a->body) &&
           !root_media(w->a);
}

/* 1 when the kept head (XML) still says v for field f: as the title's text, or as a
 * <meta> content. */
static int head_says(const char *head, nc_field f, const char *v)
{
    nc_buf want = NC_BUF_INIT;
    int yes;
    if (f == NC_F_HEADLINE)
        nc_buf_puts(&want, "<title>");
    else
        nc_buf_puts(&want, "content=\"");
    ncp_xml_escape(&want, v, strlen(v), f != NC_F_HEADLINE);
    nc_buf_puts(&want, f == NC_F_HEADLINE ? "</title>" : "\"");
    yes = !want.failed && strstr(head, want.ptr) != NULL;
    if (!yes && f == NC_F_LANGUAGE && !want.failed) {
        char *p; /* read "en_US" as "en-US": the head may say the former */
        for (p = want.ptr; *p; p++)
            if (*p == '-')
                *p = '_';
        yes = strstr(head, want.ptr) != NULL;
    }
    nc_buf_release(&want);
    return yes;
}

/* An XHTML head kept whole (NCP_G2_XHTML_HEAD, reader.c: rNews's <meta> microdata): with
 * an XHTML body it is written back as the head (w->xhtml_head), and the fields that only it
 * gave (NCP_G2_XHTML_HEAD_FIELDS) are left out of contentMeta, as they came, while they
 * hold what the head says (a headline unlike the head's title goes to contentMeta). With
 * a NITF body, which has no such head, the pairs stay contentMetaExtProperty. */
static void place_xhtml_head(wctx *w, int nitf)
{
    static const nc_field fields[] = {NC_F_HEADLINE, NC_F_SUMMARY, NC_F_LANGUAGE};
    const nc_article *a = w->a;
    long at = extra_at(a, NCP_G2_XHTML_HEAD), names = extra_at(a, NCP_G2_XHTML_HEAD_FIELDS);
    nc_buf scratch = NC_BUF_INIT;
    size_t i;
    w->xhtml_head = -1;
    if (at < 0 || nitf || !w->placed ||
        ncp_g2x_write(&scratch, "xhtml:head", a->extra[at].value, w->o) < 0) {
        nc_buf_release(&scratch);
        return;
    }
    nc_buf_release(&scratch);
    w->xhtml_head = at;
    w->placed[at] = 2;
    if (names < 0)
        return;
    w->placed[names] = 2;
    for (i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        const char *v = a->str[fields[i]], *name = nc_field_name(fields[i]);
        const char *p = a->extra[names].value, *hit = strstr(p, name);
        size_t n = strlen(name);
        /* named as a word of the list, and still the head's own value */
        if (v && hit && (hit == p || hit[-1] == ' ') && (!hit[n] || hit[n] == ' ') &&
            head_says(a->extra[at].value, fields[i], v))
            w->in_body_head |= 1u << fields[i];
    }
}

/* NITF in G2 whose body.head gave fields contentMeta did not (the NewsML-G2 guide's
 * NITF-in-G2 listings: the byline, the dateline, the hedline there only): the reader names
 * them in the extra NCP_G2_BODY_HEAD, which is placed here; body.head texts unlike
 * contentMeta's it keeps as NCP_G2_HEAD_TEXT pairs. Without --newsml-body the body is then
 * NITF again (*nitf set), and with a NITF body those fields are written in its body.head
 * only (w->in_body_head), where the NITF writer (nitf.c, head = 0) writes the headline, the
 * subheadline (with a headline), the byline, the dateline and the summary, or the kept
 * texts. With an XHTML body the fields stay in contentMeta, which is the only place it
 * has, and the texts contentMetaExtProperty. */
static void body_head_fields(wctx *w, const char *body, int *nitf)
{
    static const nc_field fields[] = {NC_F_HEADLINE, NC_F_SUBHEADLINE, NC_F_BYLINE,
                                      NC_F_DATELINE, NC_F_SUMMARY};
    const nc_article *a = w->a;
    long at = extra_at(a, NCP_G2_BODY_HEAD);
    const char *p;
    size_t i, n = strlen(NCP_G2_HEAD_TEXT);
    int texts = 0;
    for (i = 0; i < a->n_extra; i++)
        texts += a->extra[i].key && !strncmp(a->extra[i].key, NCP_G2_HEAD_TEXT, n);
    if (at < 0 && !texts)
        return;
    if (!body)
        *nitf = 1;
    /* body.head texts that differ from contentMeta's (NCP_G2_HEAD_TEXT): the NITF writer
     * writes them in the body.head (a body for G2); an XHTML body has no place for them,
     * they stay contentMetaExtProperty */
    for (i = 0; *nitf && w->placed && i < a->n_extra; i++)
        if (a->extra[i].key && !strncmp(a->extra[i].key, NCP_G2_HEAD_TEXT, n))
            w->placed[i] = 2;
    if (at < 0)
        return;
    if (w->placed)
        w->placed[at] = 2;
    if (!*nitf)
        return;
    for (p = a->extra[at].value; *p;) {
        size_t len = strcspn(p, " ");
        for (i = 0; i < sizeof fields / sizeof fields[0]; i++) {
            const char *name = nc_field_name(fields[i]);
            if (strlen(name) == len && !strncmp(p, name, len) &&
                (fields[i] != NC_F_SUBHEADLINE || a->str[NC_F_HEADLINE]))
                w->in_body_head |= 1u << fields[i];
        }
        p += len;
        p += strspn(p, " ");
    }
}

/* A package: the groupSet the reader kept from a packageItem ("g2:newsItem/groupSet",
 * reader.c read_package). When the item has nothing for a contentSet (no body, no picture
 * of its own) it is written as a packageItem again, the groupSet after the item's parts,
 * and the links and media its itemRefs name (which the reader made of them for the other
 * formats) are left to the groupSet instead of becoming itemMeta links; returns 1. Else
 * (a body added since) the item is a newsItem and the groupSet stays a
 * contentMetaExtProperty. */
static int place_group_set(wctx *w)
{
    const nc_article *a = w->a;
    size_t i;
    int found = 0;
    for (i = 0; w->placed && i < a->n_extra; i++) {
        const char *nm = w->placed[i] == 1 ? kept_name(&a->extra[i], "newsItem") : NULL;
        if (!nm || strcmp(nm, "groupSet"))
            continue;
        if (found++ || nc_node_first_child(a->body) || root_media(a) || w->inline_data >= 0 ||
            w->furniture) {
            w->placed[i] = 0;
            continue;
        }
        w->group_refs = ncp_g2x_group_refs(a->extra[i].value);
        if (!w->group_refs) {
            w->x.out->failed = 1; /* the value parsed in place_kept: out of memory */
            return 0;
        }
    }
    return w->group_refs != NULL;
}

/* A newsMessage (NCP_G2_MSG_MAIN, reader.c): when the model holds the message's other
 * items as that element each, its place among them, and a header that opens with its
 * required sent, the item is written inside the message again: the header's pairs in the
 * header, the items around it in their order (w->msg_main, the item's index). Else the
 * pairs stay contentMetaExtProperty. */
static void message_items(wctx *w)
{
    const nc_article *a = w->a;
    long at = extra_at(a, NCP_G2_MSG_MAIN), n = 0;
    size_t i;
    int sent = -1;
    nc_buf scratch = NC_BUF_INIT;
    char *end;
    w->msg_main = -1;
    if (at < 0 || !w->placed)
        return;
    for (i = 0; i < a->n_extra; i++) {
        const char *nm = kept_name(&a->extra[i], "itemSet");
        if (nm && *nm != '@') {
            nc_buf_clear(&scratch);
            if (ncp_g2x_write(&scratch, nm, a->extra[i].value, w->o) < 0)
                break; /* edited: not an item */
            n++;
        } else if ((nm = kept_name(&a->extra[i], "header")) != NULL && sent < 0) {
            sent = !strcmp(nm, "sent") && xs_datetime(a->extra[i].value);
        }
    }
    if (scratch.failed)
        w->x.out->failed = 1;
    nc_buf_release(&scratch);
    w->msg_main = strtol(a->extra[at].value, &end, 10);
    if (i < a->n_extra || sent != 1 || *end || w->msg_main < 0 || w->msg_main > n) {
        w->msg_main = -1;
        return;
    }
    for (i = 0; i < a->n_extra; i++)
        if (kept_name(&a->extra[i], "itemSet") || kept_name(&a->extra[i], "header"))
            w->placed[i] = 1;
}

/* The newsMessage's start: its header, its items before the article's. */
static void message_start(wctx *w)
{
    const nc_article *a = w->a;
    size_t i;
    long k = 0;
    nc_buf_puts(w->x.out, "<newsMessage");
    ncp_xw_attr(&w->x, "xmlns", NCP_NS_G2);
    ncp_xw_open(&w->x);
    ncp_xw_start(&w->x, "header");
    ncp_xw_open(&w->x);
    for (i = 0; i < a->n_extra; i++) {
        const char *nm = w->placed[i] == 1 ? kept_name(&a->extra[i], "header") : NULL;
        if (nm)
            write_kept(w, i, nm);
    }
    ncp_xw_close(&w->x, "header");
    ncp_xw_start(&w->x, "itemSet");
    ncp_xw_open(&w->x);
    for (i = 0; i < a->n_extra && k < w->msg_main; i++) {
        const char *nm = w->placed[i] == 1 ? kept_name(&a->extra[i], "itemSet") : NULL;
        if (nm && *nm != '@') {
            write_kept(w, i, nm);
            k++;
        }
    }
    indent(&w->x); /* the article's item follows */
}

/* The items after the article's, and the message's end. */
static void message_end(wctx *w)
{
    const nc_article *a = w->a;
    size_t i;
    for (i = 0; i < a->n_extra; i++) {
        const char *nm = w->placed[i] == 1 ? kept_name(&a->extra[i], "itemSet") : NULL;
        if (nm && *nm != '@')
            write_kept(w, i, nm);
    }
    ncp_xw_close(&w->x, "itemSet");
    ncp_xw_close(&w->x, "newsMessage");
    nc_buf_putc(w->x.out, '\n');
}

/* The item's xml:lang: the one the reader kept (NCP_G2_ITEM_LANG) when it is a tag of the
 * content's language (en-US for en), else the content's; the kept pair is placed. */
static const char *item_lang(wctx *w, const char *lang)
{
    const nc_article *a = w->a;
    size_t i, n = lang ? strcspn(lang, "-") : 0;
    for (i = 0; lang && i < a->n_extra; i++) {
        const char *v = a->extra[i].value;
        if (!a->extra[i].key || strcmp(a->extra[i].key, NCP_G2_ITEM_LANG) || a->extra[i].json ||
            !v || !is_language(v) || strcspn(v, "-") != n || ncp_strncasecmp(v, lang, n))
            continue;
        if (w->placed)
            w->placed[i] = 2;
        return v;
    }
    return lang;
}

int ncp_g2_write(const nc_article *a, nc_buf *out, const nc_opts *o, nc_error *err)
{
    wctx w;
    nc_buf inner = NC_BUF_INIT;
    const char *body = nc_opts_get(o, "newsml-body");
    char id[64];
    const char *guid = a->str[NC_F_ID], *version = a->str[NC_F_VERSION];
    const char *lang = a->str[NC_F_LANGUAGE];
    int nitf = 0, nocontent, package;
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
    w.scratch = nc_article_new();
    place_kept(&w);
    message_items(&w);
    if (w.msg_main >= 0)
        w.x.depth = 3; /* newsMessage, itemSet, the item */
    /* a detected language is not the item's declared one: contentMeta alone says it,
     * marked inferred */
    lang = a->language_detected ? NULL : item_lang(&w, lang);
    nocontent = no_content(&w);
    body_head_fields(&w, body, &nitf);
    place_xhtml_head(&w, nitf);
    if (w.in_body_head & (1u << NC_F_LANGUAGE))
        lang = NULL; /* the XHTML head's alone (place_xhtml_head) */
    place_furniture(&w, nitf);
    place_inline_data(&w, body);
    place_content_xml(&w);
    package = place_group_set(&w);
    kept(&w, "newsItem", "hopHistory");
    kept(&w, "newsItem", "pubHistory");
    rights_info(&w);
    item_meta(&w);
    content_meta(&w);
    kept(&w, "newsItem", "partMeta");
    kept(&w, "newsItem", "assert");
    native_asserts(&w);
    kept(&w, "newsItem", "inlineRef");
    kept(&w, "newsItem", "derivedFrom");
    kept(&w, "newsItem", "derivedFromValue");
    if (!nitf)
        check_body(&w);
    if (package)
        kept(&w, "newsItem", "groupSet");
    else if (!nocontent)
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
    nc_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    if (w.msg_main >= 0)
        message_start(&w); /* the message declares the G2 namespace */
    nc_buf_puts(out, package ? "<packageItem" : "<newsItem");
    if (w.msg_main < 0)
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
    kept(&w, "newsItem", "catalogRef"); /* the provider's catalogues, for its QCodes */
    kept(&w, "newsItem", "catalog");
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
    if (w.msg_main >= 0) {
        ncp_xw_close(&w.x, package ? "packageItem" : "newsItem");
        message_end(&w);
    } else {
        nc_buf_puts(out, package ? "\n</packageItem>\n" : "\n</newsItem>\n");
    }
    if (inner.failed || w.tmp.failed || w.iri.failed)
        out->failed = 1;
    nc_buf_release(&inner);
    nc_buf_release(&w.tmp);
    nc_buf_release(&w.iri);
    free(w.placed);
    free(w.group_refs);
    if (!w.scratch || w.scratch->failed)
        out->failed = 1;
    nc_article_free(w.scratch);
    return 0;
}
