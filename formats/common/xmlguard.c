/* newsconv: the libxml2 guard (see xmlguard.h): libxml2's allocator, HTML parses that stop
 * when it fails, markup declarations blanked before an HTML parse, the attribute limit,
 * silent errors. */
#include "xmlguard.h"

#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "model/model.h"

/* ---- libxml2's allocator, and HTML parses that stop when it fails ----
 *
 * libxml2 2.9.14's HTML parser can loop for ever after an allocation fails inside
 * htmlParseDocument: it does not advance past what it could not store, and stopping the
 * parser (xmlHaltParser's way: the cursor to the end, the state to EOF) is not enough,
 * since callers put the cursor back (htmlParseName after a failed xmlDictLookup) and
 * xmlNextChar does not move in the EOF state. So newsconv installs wrappers of malloc as
 * libxml2's allocator (xmlMemSetup) and, when one fails during an HTML parse of this
 * thread, leaves the parse at once with longjmp, back to ncp_dom_parse_html. This is safe
 * because only libxml2's own frames are left (the wrappers are called by libxml2 alone,
 * and the parse has no callbacks into newsconv), and libxml2 allocates a block before it
 * links it anywhere: what it was building is lost (libxml2's blocks, freed or not), the
 * context and the partial document stay consistent and are freed. The caller reports out
 * of memory. */
static _Thread_local htmlParserCtxtPtr guarded_ctxt;
static _Thread_local jmp_buf *guarded_jmp;
static _Thread_local int guarded_nomem;

static _Thread_local int xml_alloc_failed; /* any libxml2 allocation of this thread */

static void halt_guarded(void)
{
    htmlParserCtxtPtr c = guarded_ctxt;
    guarded_nomem = 1;
    xml_alloc_failed = 1;
    if (!c)
        return;
    /* Not in the middle of an encoding switch (xmlSwitchInputEncodingInt moves the input
     * buffer to raw and then allocates the new one: raw == buffer for that moment, and a
     * longjmp would leave one block owned twice). There, stop the parser instead, as
     * xmlHaltParser does: no parse has begun yet, so nothing puts the cursor back. */
    if (guarded_jmp && !(c->input && c->input->buf && c->input->buf->raw &&
                         c->input->buf->raw == c->input->buf->buffer))
        longjmp(*guarded_jmp, 1);
    if (c->input && c->input->end) {
        c->input->cur = c->input->end; /* libxml2 keeps a NUL there */
        c->instate = XML_PARSER_EOF;
        c->disableSAX = 1;
    }
}

static void *xml_malloc(size_t n)
{
    void *p = malloc(n);
    if (!p)
        halt_guarded();
    return p;
}

static void *xml_realloc(void *old, size_t n)
{
    void *p = realloc(old, n);
    if (!p)
        halt_guarded();
    return p;
}

static char *xml_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (!p) {
        halt_guarded();
        return NULL;
    }
    return memcpy(p, s, n);
}

void ncp_xml_alloc_init(void)
{
    xmlMemSetup(free, xml_malloc, xml_realloc, xml_strdup);
}

void ncp_xml_alloc_begin(void)
{
    xml_alloc_failed = 0;
}

int ncp_xml_alloc_failed(void)
{
    return xml_alloc_failed;
}

static size_t find_end_tag(const char *s, size_t len, size_t i, const char *name, size_t nlen);
static int markup_space(char c);

/* The raw text elements of HTML, whose contents are not markup. */
static size_t raw_text_name(const char *name, size_t nlen)
{
    static const char *const raw[] = {"script", "style", "textarea", "title",
                                      "xmp",    "iframe", "noembed", "noframes"};
    for (size_t k = 0; k < sizeof raw / sizeof raw[0]; k++)
        if (strlen(raw[k]) == nlen && !ncp_strncasecmp(name, raw[k], nlen))
            return 1;
    return 0;
}

/* Blanks s[from..to) in the copy *copy of s (made on the first call): spaces, except line
 * ends, so that every later line and column stays where it was. 0, or -1 out of memory. */
static int blank(const char *s, size_t len, char **copy, size_t from, size_t to)
{
    if (!*copy) {
        if (!(*copy = malloc(len + 1)))
            return -1;
        memcpy(*copy, s, len);
        (*copy)[len] = '\0';
    }
    for (size_t k = from; k < to; k++)
        if ((*copy)[k] != '\n' && (*copy)[k] != '\r')
            (*copy)[k] = ' ';
    return 0;
}

/* libxml2 2.9's HTML parser shows markup declarations it does not know as text, where
 * an HTML5 browser reads them as comments: "<!ENTITY x ...>", "<![CDATA[...]]>", a
 * DOCTYPE's internal subset ("<!DOCTYPE html [ <!ENTITY ...> ]>", whose first '>' ends
 * the DOCTYPE for libxml2, the rest becoming the first paragraph of the page). This
 * blanks them in a copy of the page (*copy stays NULL when there is none): a "<!" that is
 * not a comment or the first DOCTYPE, up to its '>', and that DOCTYPE's subset from '['
 * to the ']' before its '>'. Comments and the contents of raw text elements (script,
 * style, ...) are left as they are. One pass, linear in the page. 0, or -1 out of memory. */
static int blank_declarations(const char *s, size_t len, char **copy)
{
    size_t i = 0;
    int doctype_seen = 0;
    *copy = NULL;
    while (i < len) {
        const char *lt = memchr(s + i, '<', len - i);
        size_t at;
        if (!lt)
            break;
        at = (size_t)(lt - s);
        i = at + 1;
        if (i < len && s[i] == '!') {
            const char *gt;
            if (i + 3 <= len && s[i + 1] == '-' && s[i + 2] == '-') { /* a comment */
                for (i += 3; i + 3 <= len && memcmp(s + i, "-->", 3); i++)
                    ;
                i += 3;
                continue;
            }
            if (!doctype_seen && i + 8 <= len && !ncp_strncasecmp(s + i + 1, "doctype", 7)) {
                /* the first DOCTYPE only (once: a search for its end is linear); a later
                 * one is ignored by a browser, and blanked like other declarations */
                size_t k = i + 8, close;
                doctype_seen = 1;
                while (k < len && s[k] != '[' && s[k] != '>')
                    k++;
                if (k >= len || s[k] == '>') {
                    i = k;
                    continue;
                }
                for (close = k + 1; close < len; close++) { /* "]" white space ">" */
                    size_t e = close + 1;
                    if (s[close] != ']')
                        continue;
                    while (e < len && markup_space(s[e]))
                        e++;
                    if (e < len && s[e] == '>')
                        break;
                }
                if (close >= len) {
                    i = k;
                    continue;
                }
                if (blank(s, len, copy, k, close + 1) < 0)
                    return -1;
                i = close + 1;
                continue;
            }
            gt = memchr(s + i, '>', len - i);
            if (!gt)
                break;
            if (blank(s, len, copy, at, (size_t)(gt - s) + 1) < 0)
                return -1;
            i = (size_t)(gt - s) + 1;
        } else if (i < len && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) {
            const char *name = s + i;
            while (i < len && !markup_space(s[i]) && s[i] != '>' && s[i] != '/')
                i++;
            if (raw_text_name(name, (size_t)(s + i - name)))
                i = find_end_tag(s, len, i, name, (size_t)(s + i - name));
        }
    }
    return 0;
}

/* htmlCtxtReadMemory, left by longjmp when libxml2 cannot allocate (halt_guarded):
 * then NULL, with guarded_nomem set. */
static htmlDocPtr guarded_parse(htmlParserCtxtPtr ctxt, const char *s, int len,
                                const char *encoding, int options)
{
    jmp_buf jb;
    htmlDocPtr doc = NULL;
    guarded_ctxt = ctxt;
    guarded_nomem = 0;
    if (setjmp(jb) == 0) {
        guarded_jmp = &jb;
        doc = htmlCtxtReadMemory(ctxt, s, len, NULL, encoding, options);
    } else if (ctxt->myDoc) { /* the partial document */
        xmlFreeDoc(ctxt->myDoc);
        ctxt->myDoc = NULL;
    }
    guarded_jmp = NULL;
    guarded_ctxt = NULL;
    return doc;
}

xmlDoc *ncp_dom_parse_html(const char *s, size_t len, const char *encoding, int options,
                           int *nomem)
{
    htmlParserCtxtPtr ctxt;
    htmlDocPtr doc;
    char *copy = NULL;
    *nomem = 0;
    if (len > (size_t)0x7fffffff)
        return NULL;
    if (blank_declarations(s, len, &copy) < 0) {
        *nomem = 1;
        return NULL;
    }
    if (copy)
        s = copy;
    ctxt = htmlNewParserCtxt();
    if (!ctxt) {
        free(copy);
        *nomem = 1;
        return NULL;
    }
    /* a parser context of its own does not assume UTF-8 as htmlReadMemory's does: without
     * an encoding, bytes over 0x7F would be read as ISO-8859-1 */
    doc = guarded_parse(ctxt, s, (int)len, encoding ? encoding : "UTF-8", options);
    *nomem = guarded_nomem; /* not errNo: libxml2 reports a text too long as out of memory */
    htmlFreeParserCtxt(ctxt);
    free(copy);
    return doc;
}

static void silent(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

void ncp_xml_quiet(void)
{
    xmlSetGenericErrorFunc(NULL, silent);
}

int ncp_xml_oom(void)
{
    const xmlError *e = xmlGetLastError();
    return e && e->code == XML_ERR_NO_MEMORY;
}

static int markup_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\0';
}

/* The offset of the first "</name" (any case) at or after i in s, or len. */
static size_t find_end_tag(const char *s, size_t len, size_t i, const char *name, size_t nlen)
{
    for (; i + 2 + nlen <= len; i++)
        if (s[i] == '<' && s[i + 1] == '/' && !ncp_strncasecmp(s + i + 2, name, nlen))
            return i;
    return len;
}

int ncp_markup_attrs_check(const char *s, size_t len, int html, int *line, int *column)
{
    size_t i = 0;
    while (i < len) {
        const char *lt = memchr(s + i, '<', len - i), *name;
        size_t tag, nlen, n = 0;
        if (!lt)
            break;
        tag = (size_t)(lt - s);
        i = tag + 1;
        while (i < len && s[i] == '\0')
            i++;
        if (i + 3 <= len && !memcmp(s + i, "!--", 3)) { /* a comment */
            for (i += 3; i + 3 <= len && memcmp(s + i, "-->", 3); i++)
                ;
            continue;
        }
        if (i >= len || !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                          s[i] == '_' || s[i] == ':'))
            continue; /* not a start tag */
        name = s + i;
        while (i < len && !markup_space(s[i]) && s[i] != '>' && s[i] != '/')
            i++;
        nlen = (size_t)(s + i - name);
        for (;;) {
            while (i < len && (markup_space(s[i]) || s[i] == '/'))
                i++;
            if (i >= len || s[i] == '>' || s[i] == '<')
                break;
            while (i < len && !markup_space(s[i]) && s[i] != '=' && s[i] != '>')
                i++;
            if (++n > NCP_MAX_ATTRIBUTES) {
                ncp_position(s, tag, line, column);
                return -1;
            }
            while (i < len && markup_space(s[i]))
                i++;
            if (i < len && s[i] == '=') {
                i++;
                while (i < len && markup_space(s[i]))
                    i++;
                if (i < len && (s[i] == '"' || s[i] == '\'')) {
                    const char *q = memchr(s + i + 1, s[i], len - i - 1);
                    i = q ? (size_t)(q - s) + 1 : len;
                } else {
                    while (i < len && !markup_space(s[i]) && s[i] != '>')
                        i++;
                }
            }
        }
        if (html && nlen == 6 && !ncp_strncasecmp(name, "script", 6))
            i = find_end_tag(s, len, i, "script", 6);
        else if (html && nlen == 5 && !ncp_strncasecmp(name, "style", 5))
            i = find_end_tag(s, len, i, "style", 5);
    }
    return 0;
}
