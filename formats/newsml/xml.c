/* newsconv: safe XML parsing and small DOM helpers for the NewsML family (newsml.h). */
#include "newsml.h"

#include "common/dropcheck.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

/* ---- parsing ---- */

/* Replaces the entity reference node n: an HTML entity name by its character, anything
 * else (a declared or unknown entity) by nothing. Entities are never expanded, so a
 * billion-laughs DTD or an external entity has no effect. */
static void replace_entity(xmlNode *n, const nc_opts *o, int *warned)
{
    const htmlEntityDesc *d = n->name ? htmlEntityLookup(n->name) : NULL;
    if (d) {
        nc_buf b = NC_BUF_INIT;
        xmlNode *t;
        ncp_utf8_put(&b, d->value);
        t = xmlNewDocTextLen(n->doc, (const xmlChar *)b.ptr, (int)b.size);
        nc_buf_release(&b);
        if (t) {
            xmlAddPrevSibling(n, t);
            /* merging is done by xmlAddPrevSibling when the sibling is text */
        }
    } else if (!*warned) {
        nc_warn(o, (int)xmlGetLineNo(n), 0,
                "entity reference &%s; dropped: newsconv does not expand entities",
                n->name ? (const char *)n->name : "");
        *warned = 1;
    }
    xmlUnlinkNode(n);
    xmlFreeNode(n);
}

static void strip_entity_children(xmlNode *first, const nc_opts *o, int *warned)
{
    xmlNode *c = first, *next;
    for (; c; c = next) {
        next = c->next;
        if (c->type == XML_ENTITY_REF_NODE)
            replace_entity(c, o, warned);
    }
}

/* Walks the whole tree without recursion and removes every entity reference node, in
 * content and in attribute values. */
static void strip_entities(xmlDoc *doc, const nc_opts *o)
{
    xmlNode *n = xmlDocGetRootElement(doc);
    int warned = 0;
    while (n) {
        xmlNode *next;
        if (n->type == XML_ELEMENT_NODE) {
            xmlAttr *at;
            for (at = n->properties; at; at = at->next)
                strip_entity_children(at->children, o, &warned);
        }
        /* entity references among the children of n */
        if (n->type == XML_ELEMENT_NODE)
            strip_entity_children(n->children, o, &warned);
        if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        next = n;
        while (next && !next->next) {
            next = next->parent;
            if (next && next->type == XML_DOCUMENT_NODE)
                next = NULL;
        }
        n = next ? next->next : NULL;
    }
}

/* The encoding the XML declaration names (into out), or "" when none. */
static void declared_encoding(const char *buf, size_t len, char *out, size_t outlen)
{
    size_t i, n = len < 200 ? len : 200, o = 0;
    out[0] = '\0';
    if (n < 5 || memcmp(buf, "<?xml", 5))
        return;
    for (i = 5; i + 10 < n && buf[i] != '>'; i++)
        if (!strncmp(buf + i, "encoding=", 9)) {
            char q = buf[i + 9];
            i += 10;
            while (i < n && buf[i] != q && o + 1 < outlen)
                out[o++] = buf[i++];
            out[o] = '\0';
            return;
        }
}

static int has_high_bytes(const char *buf, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++)
        if ((unsigned char)buf[i] >= 0x80)
            return 1;
    return 0;
}

/* 1 when the declaration names a single-byte Latin encoding but the bytes are UTF-8
 * with non-ASCII characters (agency files re-encoded without fixing the declaration):
 * a real ISO-8859-1 text with accented letters is almost never valid UTF-8. */
static int mislabeled_utf8(const char *enc, const char *buf, size_t len)
{
    if (ncp_strncasecmp(enc, "iso-8859", 8) && ncp_strncasecmp(enc, "iso8859", 7) &&
        ncp_strncasecmp(enc, "iso_8859", 8) && ncp_strncasecmp(enc, "latin", 5) &&
        ncp_strncasecmp(enc, "windows-125", 11) && ncp_strncasecmp(enc, "cp125", 5))
        return 0;
    return has_high_bytes(buf, len) && ncp_utf8_valid(buf, len);
}

/* ISO-8859-1, whose conversion newsconv does itself. */
static int is_latin1(const char *enc)
{
    return !ncp_strcasecmp(enc, "iso-8859-1") || !ncp_strcasecmp(enc, "iso8859-1") ||
           !ncp_strcasecmp(enc, "iso_8859-1") || !ncp_strcasecmp(enc, "latin1") ||
           !ncp_strcasecmp(enc, "latin-1") || !ncp_strcasecmp(enc, "l1");
}

/* The first error libxml2 reports (its last one is often a consequence, "Premature end
 * of data"). */
typedef struct first_error {
    int set, code, line, column;
    int oom; /* libxml2 ran out of memory: its tree cannot be trusted */
    char msg[256];
} first_error;

/* libxml2's structured error handler while newsconv parses (all its errors, also
 * those raised without a parser context, come here instead of stderr). */
static void keep_first(void *ud, xmlErrorPtr e)
{
    first_error *fe = ud;
    if (fe && e && e->code == XML_ERR_NO_MEMORY)
        fe->oom = 1;
    if (!fe || fe->set || !e || e->level < XML_ERR_ERROR || !e->message)
        return;
    fe->set = 1;
    fe->code = e->code;
    fe->line = e->line;
    fe->column = e->int2;
    snprintf(fe->msg, sizeof fe->msg, "%s", e->message);
}

/* Blanks out encoding="..." in the XML declaration at the start of conv (same length). */
static void blank_declared_encoding(nc_buf *conv)
{
    size_t i, e;
    for (i = 5; i + 10 < conv->size && i < 200 && conv->ptr[i] != '>'; i++)
        if (!strncmp(conv->ptr + i, "encoding=", 9)) {
            char q = conv->ptr[i + 9];
            for (e = i + 10; e < conv->size && conv->ptr[e] != q && conv->ptr[e] != '>'; e++)
                ;
            if (e < conv->size && conv->ptr[e] == q)
                memset(conv->ptr + i, ' ', e + 1 - i);
            break;
        }
}

/* 1 when buf, declared in the non-UTF encoding enc, is ASCII, ISO-8859-1 or mislabeled
 * UTF-8: then conv gets it as UTF-8 with the declaration's encoding blanked out. */
static int utf8_copy(const char *buf, size_t len, const char *enc, nc_buf *conv)
{
    int high = has_high_bytes(buf, len), latin1 = is_latin1(enc);
    size_t i;
    if (!(!high || mislabeled_utf8(enc, buf, len) || latin1))
        return 0;
    if (high && latin1 && !mislabeled_utf8(enc, buf, len)) {
        for (i = 0; i < len; i++)
            ncp_utf8_put(conv, (unsigned char)buf[i]);
    } else {
        nc_buf_put(conv, buf, len);
    }
    blank_declared_encoding(conv);
    return 1;
}

/* Sets err for a parse that gave no document: libxml2's first error (fe, else its last),
 * on one line, or out of memory. */
static void set_parse_error(xmlParserCtxtPtr ctxt, first_error *fe, nc_error *err)
{
    xmlErrorPtr e = xmlCtxtGetLastError(ctxt);
    /* an entity loop is first seen inside the entity's text, whose line numbers
     * are not the document's: report where the document uses it */
    if (fe->set && fe->code == XML_ERR_ENTITY_LOOP && e && e->message && e->line > 0)
        fe->set = 0;
    if (!fe->set || fe->code == XML_ERR_NO_MEMORY) {
        /* no parse error recorded: libxml2 ran out of memory (its own message, if
         * any, went to its generic handler) */
        if (fe->oom || fe->code == XML_ERR_NO_MEMORY || !e || e->code == XML_ERR_NO_MEMORY ||
            !e->message) {
            nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory parsing XML");
            return;
        }
    }
    if (!fe->set && e && e->message) {
        fe->set = 1;
        fe->code = e->code;
        fe->line = e->line;
        fe->column = e->int2;
        snprintf(fe->msg, sizeof fe->msg, "%s", e->message);
    }
    if (fe->set) {
        size_t mlen = strlen(fe->msg);
        size_t k;
        while (mlen && (fe->msg[mlen - 1] == '\n' || fe->msg[mlen - 1] == ' '))
            mlen--;
        for (k = 0; k < mlen; k++) /* one line ("...encoding !\nBytes: 0xE9 ...") */
            if (fe->msg[k] == '\n')
                fe->msg[k] = ' ';
        nc_error_set(err, fe->code == XML_ERR_NO_MEMORY ? NC_ERR_NOMEM : NC_ERR_PARSE,
                     fe->line > 0 ? fe->line : 0, fe->column > 0 ? fe->column : 0,
                     "malformed XML: %.*s", (int)mlen, fe->msg);
    } else {
        nc_error_set(err, NC_ERR_PARSE, 0, 0, "malformed XML");
    }
}

xmlDoc *ncp_nml_parse(const char *buf, size_t len, const nc_opts *o, nc_error *err)
{
    xmlParserCtxtPtr ctxt;
    xmlDoc *doc;
    first_error fe;
    char enc[64];
    nc_buf conv = NC_BUF_INIT;
    xmlStructuredErrorFunc old_handler;
    void *old_data;
    /* NONET: no network; no NOENT (no entity substitution), no DTDLOAD/DTDATTR/DTDVALID
     * (the external subset is never read); no HUGE (libxml2's size and depth limits
     * stay: at most 256 levels of nesting). */
    int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
               XML_PARSE_BIG_LINES;
    if (len > (size_t)INT_MAX)
        return nc_error_set(err, NC_ERR_LIMIT, 0, 0, "XML input too large"), NULL;
    {
        int line, col;
        if (ncp_markup_attrs_check(buf, len, 0, &line, &col) < 0)
            return nc_error_set(err, NC_ERR_LIMIT, line, col,
                                "an element with more than %d attributes",
                                NCP_MAX_ATTRIBUTES), NULL;
    }
    ncp_xml_quiet();
    ctxt = xmlNewParserCtxt();
    if (!ctxt)
        return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory"), NULL;
    memset(&fe, 0, sizeof fe);
    old_handler = xmlStructuredError;
    old_data = xmlStructuredErrorContext;
    xmlSetStructuredErrorFunc(&fe, keep_first);
    declared_encoding(buf, len, enc, sizeof enc);
    if (enc[0] && ncp_strncasecmp(enc, "utf-8", 5) && ncp_strncasecmp(enc, "utf8", 4) &&
        ncp_strncasecmp(enc, "utf-16", 6) && ncp_strncasecmp(enc, "ucs", 3)) {
        /* ASCII text reads the same in any ASCII-based encoding; ISO-8859-1 is each byte
         * its code point; a Latin declaration over UTF-8 bytes is a mislabel. Those are
         * given to libxml2 as UTF-8 with the declaration's encoding blanked out (same
         * length, so positions stay), because its encoding switch does not survive an
         * allocation failure (2.9.14). */
        if (utf8_copy(buf, len, enc, &conv)) {
            if (conv.failed || conv.size > (size_t)INT_MAX) {
                xmlSetStructuredErrorFunc(old_data, old_handler);
                nc_buf_release(&conv);
                xmlFreeParserCtxt(ctxt);
                return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory"), NULL;
            }
            buf = conv.ptr;
            len = conv.size;
        }
    }
    xmlResetLastError();
    doc = xmlCtxtReadMemory(ctxt, buf, (int)len, NULL, NULL, opts);
    xmlSetStructuredErrorFunc(old_data, old_handler);
    nc_buf_release(&conv);
    if (ctxt->errNo == XML_ERR_NO_MEMORY)
        fe.oom = 1;
    if (!doc) {
        set_parse_error(ctxt, &fe, err);
        xmlFreeParserCtxt(ctxt);
        return NULL;
    }
    xmlFreeParserCtxt(ctxt);
    if (fe.oom) {
        xmlFreeDoc(doc);
        return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory parsing XML"), NULL;
    }
    if (!xmlDocGetRootElement(doc)) {
        xmlFreeDoc(doc);
        return nc_error_set(err, NC_ERR_PARSE, 1, 1, "malformed XML: no root element"), NULL;
    }
    strip_entities(doc, o);
    return doc;
}

/* ---- elements ---- */

int ncp_nml_is_el(const xmlNode *n)
{
    return n && n->type == XML_ELEMENT_NODE && n->name;
}

static int ns_is(const xmlNode *n, const char *uri)
{
    return n->ns && n->ns->href && !strcmp((const char *)n->ns->href, uri);
}

int ncp_nml_is_g2(const xmlNode *n, const char *local)
{
    return ncp_nml_is_el(n) && !strcmp((const char *)n->name, local) &&
           (!n->ns || ns_is(n, NCP_NS_G2));
}

int ncp_nml_is_nitf(const xmlNode *n, const char *local)
{
    return ncp_nml_is_el(n) && !strcmp((const char *)n->name, local) &&
           (!n->ns || ns_is(n, NCP_NS_NITF) || ns_is(n, NCP_NS_G2) || ns_is(n, NCP_NS_NML1));
}

int ncp_nml_is_nml1(const xmlNode *n, const char *local)
{
    return ncp_nml_is_el(n) && !strcmp((const char *)n->name, local) &&
           (!n->ns || ns_is(n, NCP_NS_NML1));
}

xmlNode *ncp_nml_first_el(xmlNode *n)
{
    while (n && (n->type != XML_ELEMENT_NODE || !n->name))
        n = n->next;
    return n;
}

xmlNode *ncp_nml_next_el(xmlNode *n)
{
    return n ? ncp_nml_first_el(n->next) : NULL;
}

xmlNode *ncp_nml_child_g2(const xmlNode *n, const char *local)
{
    xmlNode *c;
    for (c = n ? n->children : NULL; c; c = c->next)
        if (ncp_nml_is_g2(c, local))
            return c;
    return NULL;
}

xmlNode *ncp_nml_child_nitf(const xmlNode *n, const char *local)
{
    xmlNode *c;
    for (c = n ? n->children : NULL; c; c = c->next)
        if (ncp_nml_is_nitf(c, local))
            return c;
    return NULL;
}

xmlNode *ncp_nml_child_nml1(const xmlNode *n, const char *local)
{
    xmlNode *c;
    for (c = n ? n->children : NULL; c; c = c->next)
        if (ncp_nml_is_nml1(c, local))
            return c;
    return NULL;
}

static const char *attr_value(const xmlAttr *at)
{
    const xmlNode *c = at->children;
    if (!c)
        return "";
    return c->content ? (const char *)c->content : "";
}

const char *ncp_nml_attr(const xmlNode *n, const char *name)
{
    const xmlAttr *at;
    if (!ncp_nml_is_el(n))
        return NULL;
    for (at = n->properties; at; at = at->next)
        if (!at->ns && at->name && !strcmp((const char *)at->name, name))
            return attr_value(at);
    return NULL;
}

const char *ncp_nml_nc_attr(const xmlNode *n, const char *name)
{
    const xmlAttr *at;
    if (!ncp_nml_is_el(n))
        return NULL;
    for (at = n->properties; at; at = at->next)
        if (at->ns && at->ns->href && !strcmp((const char *)at->ns->href, NCP_NS_NC) &&
            at->name && !strcmp((const char *)at->name, name))
            return attr_value(at);
    return NULL;
}

const char *ncp_nml_lang(const xmlNode *n)
{
    const xmlAttr *at;
    if (!ncp_nml_is_el(n))
        return NULL;
    for (at = n->properties; at; at = at->next)
        if (at->ns && at->ns->href &&
            !strcmp((const char *)at->ns->href, (const char *)XML_XML_NAMESPACE) && at->name &&
            !strcmp((const char *)at->name, "lang"))
            return attr_value(at);
    return NULL;
}

const char *ncp_nml_collapse(nc_article *a, const char *s)
{
    nc_buf b = NC_BUF_INIT;
    const char *r = NULL;
    if (!s)
        return NULL;
    ncp_collapse_space(&b, s, strlen(s));
    if (b.size)
        r = nc_article_strndup(a, b.ptr, b.size);
    if (b.failed)
        a->failed = 1;
    nc_buf_release(&b);
    return r;
}

/* 1 when the element itself says xml:space="preserve". */
static int space_preserved(const xmlNode *n)
{
    const xmlAttr *at;
    for (at = n->type == XML_ELEMENT_NODE ? n->properties : NULL; at; at = at->next)
        if (at->ns && at->ns->href &&
            !strcmp((const char *)at->ns->href, (const char *)XML_XML_NAMESPACE) && at->name &&
            !strcmp((const char *)at->name, "space"))
            return !strcmp(attr_value(at), "preserve");
    return 0;
}

const char *ncp_nml_text(nc_article *a, const xmlNode *n)
{
    xmlChar *t;
    const char *r;
    if (!n)
        return NULL;
    t = xmlNodeGetContent(n); /* safe: the tree holds no entity references */
    if (!t)
        return NULL;
    if (space_preserved(n))
        r = *t ? nc_article_strdup(a, (const char *)t) : NULL;
    else
        r = ncp_nml_collapse(a, (const char *)t);
    xmlFree(t);
    return r;
}

void ncp_nml_set(nc_article *a, nc_field f, const char *v)
{
    if (!a->str[f] && v && *v)
        nc_article_sets(a, f, v);
}

const char *ncp_nml_qcode_code(const char *s)
{
    const char *c = s ? strchr(s, ':') : NULL;
    return c ? c + 1 : s;
}

/* ---- dates ---- */

static int apply_prec(const char *prec, nc_time *t)
{
    nc_time copy = *t, r;
    char buf[NC_TIME_ISO_LEN];
    if (!strcmp(prec, "year"))
        copy.prec = NC_TIME_YEAR;
    else if (!strcmp(prec, "month"))
        copy.prec = NC_TIME_MONTH;
    else if (!strcmp(prec, "day"))
        copy.prec = NC_TIME_DAY;
    else if (!strcmp(prec, "minute"))
        copy.prec = NC_TIME_MINUTE;
    else if (!strcmp(prec, "second"))
        copy.prec = NC_TIME_SECOND;
    else
        return 0;
    if (copy.prec > t->prec) {
        /* RFC 3339's "T00:00:00-00:00" reads as a bare date; nc:prec says it was a time of
         * midnight with no known zone (the writer marks exactly that case). */
        if (t->prec != NC_TIME_DAY || copy.prec < NC_TIME_MINUTE)
            return 0;
        copy.hour = copy.minute = copy.second = 0;
        copy.frac_digits = 0;
        copy.frac = 0;
        copy.has_zone = 0;
        *t = copy;
        return 0;
    }
    if (copy.prec <= NC_TIME_DAY)
        copy.has_zone = 0;
    nc_time_format(&copy, buf);
    if (nc_time_parse_iso(buf, strlen(buf), &r) < 0)
        return -1;
    *t = r;
    return 0;
}

int ncp_nml_date(const char *s, const xmlNode *el, nc_time *t)
{
    const char *prec;
    nc_time r;
    size_t len;
    if (!s)
        return -1;
    len = strlen(s);
    if (nc_time_parse_rfc3339(s, len, &r) < 0 && nc_time_parse_text(s, len, &r) < 0)
        return -1;
    if (el && (prec = ncp_nml_nc_attr(el, "prec")) != NULL && apply_prec(prec, &r) < 0)
        return -1;
    *t = r;
    return 0;
}

void ncp_nml_set_date_str(nc_article *a, nc_tfield f, const char *s, const xmlNode *el,
                          const nc_opts *o)
{
    nc_time t;
    size_t len;
    if (a->time[f].prec != NC_TIME_NONE || !s)
        return;
    len = strlen(s);
    ncp_trim(s, &len);
    if (!len)
        return;
    if (ncp_nml_date(s, el, &t) < 0) {
        nc_warn(o, el ? (int)xmlGetLineNo(el) : 0, 0, "unreadable date in <%s>: '%s'",
                el && el->name ? (const char *)el->name : "?", s);
        return;
    }
    nc_article_set_time(a, f, &t);
}

void ncp_nml_set_date(nc_article *a, nc_tfield f, const xmlNode *el, const nc_opts *o)
{
    xmlChar *t;
    if (!el || a->time[f].prec != NC_TIME_NONE)
        return;
    t = xmlNodeGetContent(el);
    if (!t)
        return;
    ncp_nml_set_date_str(a, f, (const char *)t, el, o);
    xmlFree(t);
}

void ncp_nml_drop_derived_id(nc_article *a)
{
    char id[64];
    const char *cur = a->str[NC_F_ID];
    if (!cur || strncmp(cur, "urn:newsconv:", 13))
        return;
    ncp_article_stable_id(a, id, sizeof id);
    if (!strcmp(id, cur))
        a->str[NC_F_ID] = NULL;
}

/* ---- bodies ---- */

static int is_furniture(const xmlNode *el)
{
    const char *n = (const char *)el->name;
    return n && (!strcmp(n, "header") || !strcmp(n, "aside") || !strcmp(n, "nav"));
}

/* 1 when el opens the body: a child of it with nothing but furniture, comments and white
 * space before it (what the G2 reader keeps whole: keep_furniture, reader.c). */
static int opens_body(const xmlNode *el)
{
    const xmlNode *p;
    for (p = el->prev; p; p = p->prev) {
        if (p->type == XML_ELEMENT_NODE && !is_furniture(p))
            return 0;
        if ((p->type == XML_TEXT_NODE || p->type == XML_CDATA_SECTION_NODE) && p->content &&
            ((const char *)p->content)[strspn((const char *)p->content, " \t\r\n")])
            return 0;
    }
    return 1;
}

/* 1 when el is inside an <article>, or no <article> holds the story: an XHTML body that
 * marks its article (rNews) has page furniture, tags and comments, beside it. */
static int in_story(const xmlNode *el)
{
    const xmlNode *p, *top = el;
    for (p = el->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent) {
        if (p->name && !strcmp((const char *)p->name, "article"))
            return 1;
        top = p;
    }
    return ncp_dom_find((xmlNode *)top, "article", 0) == NULL;
}

/* Page furniture that an XHTML body in NewsML may carry around the text (dpa puts a
 * <header> with the slugline and headline there): not article content. An <aside> after
 * the story's text has begun (inside the <article> when the body marks one) is a box of
 * the story (a fact box, a background paragraph): its content is read in place, as body
 * text (the body model has no box: one warning). */
int ncp_nml_is_furniture(const xmlNode *el)
{
    const char *n = (const char *)el->name;
    if (!n || el->type != XML_ELEMENT_NODE)
        return 0;
    if (ncp_nml_nc_attr(el, "furniture"))
        return 1; /* marked by the G2 writer: it closed the body it came from */
    if (!strcmp(n, "aside") && !opens_body(el) && in_story(el))
        return 0; /* a box of the story */
    return is_furniture(el);
}

static int skip_furniture(void *ud, xmlNode *el)
{
    int *boxes = ud;
    if (!el->name || ncp_nml_is_furniture(el))
        return 1;
    if (!strcmp((const char *)el->name, "aside"))
        (*boxes)++; /* an aside that is no furniture is a box of the story */
    return 0;
}

int ncp_nml_body(nc_article *a, xmlNode *el, int self, const nc_opts *o, nc_error *err)
{
    ncp_dom_ctx ctx;
    int boxes = 0;
    memset(&ctx, 0, sizeof ctx);
    ctx.a = a;
    ctx.o = o;
    ctx.base_url = o ? o->base_url : NULL;
    ctx.flags = self ? NCP_DOM_SELF : 0;
    ctx.skip = skip_furniture;
    ctx.skip_data = &boxes;
    if (ncp_dom_convert(&ctx, el, a->body) < 0)
        return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
    if (boxes)
        nc_warn(o, 0, 0, "the body's %d aside box%s read as body text (the body model has no "
                "box)", boxes, boxes == 1 ? " is" : "es are");
    return 0;
}

void ncp_nml_plain_body(nc_article *a, const char *s, size_t len)
{
    size_t i = 0;
    nc_buf para = NC_BUF_INIT;
    while (i <= len) {
        /* a paragraph ends at a blank line or at the end */
        size_t start = i, end;
        int blank = 0;
        while (i < len && s[i] != '\n')
            i++;
        end = i;
        {
            size_t l = end - start;
            ncp_trim(s + start, &l);
            blank = l == 0;
        }
        if (!blank) {
            if (para.size)
                nc_buf_putc(&para, ' ');
            nc_buf_put(&para, s + start, end - start);
        }
        if ((blank || i >= len) && para.size) {
            nc_buf col = NC_BUF_INIT;
            ncp_collapse_space(&col, para.ptr, para.size);
            if (col.size) {
                nc_node *p = nc_node_append(a->body, nc_node_new(a, NC_BLOCK_PARAGRAPH, 0, 0));
                nc_node_append(p, nc_node_new_text(a, col.ptr, col.size, 0, 0));
            }
            nc_buf_release(&col);
            nc_buf_clear(&para);
        }
        i++;
    }
    if (para.failed)
        a->failed = 1;
    nc_buf_release(&para);
}

/* ---- what a reader dropped (issue 14: nothing lost silently) ---- */

/* 1 when el is inside the head of a NITF document (docdata, pubdata, revision-history,
 * tobject, iim): metadata NITF gives in attributes, which a reader may leave out. */
static int in_nitf_head(const xmlNode *el)
{
    const xmlNode *p;
    for (p = el->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent)
        if (p->name && !strcmp((const char *)p->name, "head") && p->parent &&
            p->parent->type == XML_ELEMENT_NODE && p->parent->name &&
            !strcmp((const char *)p->parent->name, "nitf"))
            return 1;
    return 0;
}

/* 1 when el is inside the body of a NITF document (body.head, body.content, body.end). */
static int in_nitf_body(const xmlNode *el)
{
    const xmlNode *p;
    if (el->ns && !ns_is(el, NCP_NS_NITF))
        return 0;
    for (p = el->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent)
        if (p->name && !strcmp((const char *)p->name, "body") && p->parent &&
            p->parent->type == XML_ELEMENT_NODE && p->parent->name &&
            !strcmp((const char *)p->parent->name, "nitf"))
            return 1;
    return 0;
}

/* 1 for an attribute of NITF body markup that is form, not data of its own: identifiers,
 * classes, styles, languages, the vocabulary of a code, a note's kind, table layout, the
 * media kind, what the body model reads into its own fields (spans, list start, a
 * media-reference's source, alternate text and name). */
static int nitf_body_attr_form(const xmlAttr *at)
{
    static const char *const form[] = {
        "id", "class", "style", "lang", "idsrc", "type", "noteclass", "media-type",
        "align", "valign", "border", "cellpadding", "cellspacing", "frame", "rules", "width",
        "height", "colspan", "rowspan", "span", "char", "charoff", "seqnum", "start",
        "bulleted", "source", "alternate-text", "name", "href", "src", "alt", "title",
        "mime-type", "coding", "data-location", "units-of-measure", "lede", NULL};
    const char *an = (const char *)at->name;
    size_t i;
    if (at->ns)
        return 1; /* xml:lang and other namespaced attributes */
    for (i = 0; form[i]; i++)
        if (!strcmp(an, form[i]))
            return 1;
    return 0;
}

/* 1 when el is metadata of a NewsML 1 document (an element of its NewsItem or envelope
 * outside the content, DataContent): NewsML 1 gives most values in FormalName and Value
 * attributes (a Property's Value, an OfInterestTo, a NewsProduct), which a reader may
 * leave out. The elements that say how the content is carried (MediaType, Format,
 * MimeType, Role, BasisForChoice, ...) are form, not data. */
static int in_newsml1_meta(const xmlNode *el)
{
    static const char *const form[] = {"MediaType", "Format", "MimeType", "Role",
                                       "NewsLineType", "MetadataType", "TopicType",
                                       "BasisForChoice", "Catalog", "Encoding", "NewsML",
                                       NULL};
    const xmlNode *p;
    size_t i;
    if (el->ns && !ns_is(el, NCP_NS_NML1))
        return 0;
    for (i = 0; form[i]; i++)
        if (!strcmp((const char *)el->name, form[i]))
            return 0;
    for (p = el; p && p->type == XML_ELEMENT_NODE; p = p->parent) {
        if (!strcmp((const char *)p->name, "DataContent") ||
            (p->ns && !ns_is(p, NCP_NS_NML1)))
            return 0;
        if (!p->parent || p->parent->type != XML_ELEMENT_NODE)
            return ncp_nml_is_nml1(p, "NewsML") || ncp_nml_is_nml1(p, "NewsItem");
    }
    return 0;
}

/* 1 for a NewsML 1 attribute that is no data of its own: a vocabulary or scheme, an
 * identifier of the document's structure, a language, a Property's FormalName (the key
 * its Value is kept under). */
static int newsml1_attr_form(const xmlNode *el, const xmlAttr *at)
{
    static const char *const form[] = {"Vocabulary", "Scheme", "Duid", "Euid",
                                       "Version", "lang", "Rank", "Essential", "Variant",
                                       "EquivalentsList", "AssignedBy", NULL};
    const char *an = (const char *)at->name;
    size_t i;
    /* a catalogue's address, a content item's (read as its media or body): an Href
     * elsewhere (a RevisionHistory's) is data */
    if (!strcmp(an, "Href"))
        return !strcmp((const char *)el->name, "Catalog") ||
               !strcmp((const char *)el->name, "ContentItem") ||
               !strcmp((const char *)el->name, "TopicSet");
    for (i = 0; form[i]; i++)
        if (!strcmp(an, form[i]))
            return 1;
    return !strcmp((const char *)el->name, "Property") && !strcmp(an, "FormalName");
}

/* 1 for a NITF head attribute that is no data of its own: a meta's name (the field its
 * content fills), the IPR of IPTC's or newsconv's own subject codes (the code says it),
 * an id newsconv derived (ncp_nml_drop_derived_id). */
static int nitf_attr_form(const xmlNode *el, const xmlAttr *at, const char *v)
{
    const char *an = (const char *)at->name;
    if (!strncmp(v, "urn:newsconv:", 13))
        return 1;
    if (!strcmp((const char *)el->name, "meta") && !strcmp(an, "name"))
        return 1;
    return !strcmp(an, "tobject.subject.ipr") && (!strcmp(v, "IPTC") || !strcmp(v, "newsconv"));
}

/* The attribute values of a NITF head element that appear nowhere in the model. */
static void attr_drops(ncp_drops *d, const xmlNode *el)
{
    const xmlAttr *at;
    for (at = el->properties; at; at = at->next) {
        xmlChar *v = xmlNodeGetContent((const xmlNode *)at);
        if (v && !nitf_attr_form(el, at, (const char *)v) && !newsml1_attr_form(el, at))
            ncp_drop_attr_unless_held(d, el, (const char *)at->name, (const char *)v);
        xmlFree(v);
    }
}

/* The attributes of a NITF head (docdata, pubdata, tobject, iim, revision-history) that the
 * reader did not read into a field: each kept as extra "nitf:PARENT/NAME/@ATTR" (AAP's
 * doc.rights limitations, a doc.copyright year, a tobject type), so that every format
 * that can carries them and the others name them. Dates are read as dates. */
/* Adds the extra pair key = v (trimmed; piece is scratch). */
static void keep_pair(nc_article *a, const nc_buf *key, nc_buf *piece, const char *v)
{
    size_t len = strlen(v);
    const char *t = ncp_trim(v, &len);
    nc_buf_clear(piece);
    nc_buf_put(piece, t, len);
    if (key->failed || piece->failed || !nc_article_add_extra(a, key->ptr, piece->ptr, 0))
        a->failed = 1;
}

void ncp_nml_keep_nitf_head(nc_article *a, xmlNode *root)
{
    nc_buf hay = NC_BUF_INIT, piece = NC_BUF_INIT, key = NC_BUF_INIT;
    xmlNode *n;
    int squashed = 0;
    for (n = root; n; n = ncp_next_in_order(n, root, 1)) {
        const xmlAttr *at;
        const char *pp;
        int nml1, leaf;
        if (n->type != XML_ELEMENT_NODE)
            continue;
        nml1 = !in_nitf_head(n);
        if (nml1 && !in_newsml1_meta(n))
            continue;
        /* NewsML 1: an element of text alone (TransmissionId, FileName, SystemIdentifier,
         * SizeInBytes) that no field took is kept too */
        leaf = nml1 && n->children && !ncp_nml_first_el(n->children);
        if (!n->properties && !leaf)
            continue;
        if (!squashed++)
            ncp_article_squash(a, &hay); /* once, and only for a NITF head or NewsML 1 */
        if (!hay.ptr)
            break;
        pp = n->parent && n->parent->type == XML_ELEMENT_NODE ? (const char *)n->parent->name
                                                               : "";
        if (leaf) {
            /* (a date written out is kept too: a DateLabel is read as no date) */
            xmlChar *v = xmlNodeGetContent(n);
            if (v && ncp_not_held(&piece, hay.ptr, (const char *)v)) {
                nc_buf_clear(&key);
                nc_buf_printf(&key, "newsml1:%s/%s", pp, (const char *)n->name);
                keep_pair(a, &key, &piece, (const char *)v);
            }
            xmlFree(v);
        }
        for (at = n->properties; at; at = at->next) {
            xmlChar *v = xmlNodeGetContent((const xmlNode *)at);
            if (v && ncp_not_held(&piece, hay.ptr, (const char *)v) &&
                !(nml1 ? newsml1_attr_form(n, at) : nitf_attr_form(n, at, (const char *)v))) {
                const char *fn = nml1 && !strcmp((const char *)n->name, "Property")
                                     ? ncp_nml_attr(n, "FormalName") : NULL;
                nc_buf_clear(&key);
                if (fn && !strcmp((const char *)at->name, "Value"))
                    nc_buf_printf(&key, "newsml1:%s/Property/%s", pp, fn);
                else
                    nc_buf_printf(&key, "%s:%s/%s/@%s", nml1 ? "newsml1" : "nitf", pp,
                                  (const char *)n->name, (const char *)at->name);
                keep_pair(a, &key, &piece, (const char *)v);
            }
            xmlFree(v);
        }
    }
    if (hay.failed || piece.failed || key.failed)
        a->failed = 1;
    nc_buf_release(&hay);
    nc_buf_release(&piece);
    nc_buf_release(&key);
}

/* 1 for an image of a body, whose size and type the body model's figure does not hold: a
 * NITF media-reference, an XHTML img. */
static int body_image(const xmlNode *n)
{
    return n->name && (!strcmp((const char *)n->name, "media-reference") ||
                       (!strcmp((const char *)n->name, "img") && n->ns && n->ns->href &&
                        !strcmp((const char *)n->ns->href, NCP_NS_XHTML)));
}

/* 1 for an element of an XHTML body (G2's inlineXML, an rNews page). */
static int xhtml_el(const xmlNode *n)
{
    return n->ns && n->ns->href && !strcmp((const char *)n->ns->href, NCP_NS_XHTML);
}

/* The attributes of body markup that hold words or data of their own, and that appear
 * nowhere in the model: a body image's width, height and MIME type; the title of an
 * XHTML element (an abbreviation's expansion, a span's note), the datetime of a change
 * or <time>, the source a quotation cites, the content of a <meta> (microdata). A link's
 * title, an image's alt and a table cell's spans are read into the model, so they are
 * found there. A list's numbering, which the model holds by its start alone (an ol
 * counting down, an li's own value), is never held. */
static void body_attr_drops(ncp_drops *d, const xmlNode *el)
{
    static const char *const image[] = {"width", "height", "mime-type", NULL};
    static const char *const xhtml[] = {"title", "datetime", "cite", NULL};
    const char *const *k;
    for (k = body_image(el) ? image : xhtml; *k; k++) {
        xmlChar *v = xmlGetNoNsProp(el, (const xmlChar *)*k);
        ncp_drop_attr_unless_held(d, el, *k, (const char *)v);
        xmlFree(v);
    }
    if (xhtml_el(el) && !strcmp((const char *)el->name, "meta")) {
        /* microdata in the body (rNews: a dateCreated, a company's tickerSymbol) */
        xmlChar *v = xmlGetNoNsProp(el, (const xmlChar *)"content");
        ncp_drop_attr_unless_held(d, el, "content", (const char *)v);
        xmlFree(v);
    }
    if (xhtml_el(el) && !strcmp((const char *)el->name, "ol") &&
        xmlHasProp(el, (const xmlChar *)"reversed"))
        ncp_drop_note(d, el, "reversed");
    if (xhtml_el(el) && !strcmp((const char *)el->name, "li") &&
        xmlHasProp(el, (const xmlChar *)"value"))
        ncp_drop_note(d, el, "value");
}

/* The attributes of el that hold data the model may not: NITF head and NewsML 1
 * metadata attributes, a body image's size and type, the title, datetime and cite of
 * XHTML body markup, the data attributes of NITF body markup. */
static void nml_attrs(ncp_drops *d, const xmlNode *n, void *ud)
{
    (void)ud;
    if (in_nitf_head(n) || in_newsml1_meta(n)) {
        attr_drops(d, n);
    } else if (body_image(n) || xhtml_el(n)) {
        body_attr_drops(d, n);
    } else if (in_nitf_body(n)) {
        /* data NITF gives in attributes of its body: a pronunciation guide, a series'
         * name and part, a number's units, an entity's code */
        const xmlAttr *at;
        for (at = n->properties; at; at = at->next) {
            xmlChar *v;
            if (nitf_body_attr_form(at))
                continue;
            v = xmlNodeGetContent((const xmlNode *)at);
            ncp_drop_attr_unless_held(d, n, (const char *)at->name, (const char *)v);
            xmlFree(v);
        }
    }
}

/* What newsconv's writer generated is no data: not looked into. */
static int nml_generated(const xmlNode *n, void *ud)
{
    const char *v = ncp_nml_nc_attr(n, "generated");
    (void)ud;
    return v && !strcmp(v, "true");
}

/* Warns once, naming the elements (parent/name) whose text appears nowhere in the model,
 * and the attributes (parent/name/@attr) that hold data whose value appears nowhere. */
void ncp_nml_report_dropped(const nc_article *a, xmlNode *root, const nc_opts *o)
{
    static const ncp_drop_hooks hooks = {nml_attrs, nml_generated, NULL, NULL, NULL, 0};
    ncp_report_dropped(a, root, o, &hooks);
}
