/* newsconv: raw HTML in Markdown -> model, and the tag and entity helpers of body.c.
 *
 * An HTML block is parsed with libxml2's HTML parser (no network, no errors printed) and
 * mapped onto the model by the canonical profile of the one DOM -> model mapping
 * (formats/common/dom.h, domcanon.c), so that the Markdown writer's raw HTML reads back
 * exactly. An embed made from a player's or a post's own markup keeps that markup as its
 * raw HTML when the block holds nothing else.
 *
 * White space: before parsing, every run of white space that holds a line break or a tab
 * becomes one space (outside <pre>), the way a browser shows it; runs of plain spaces stay.
 * The leading and trailing white space of a paragraph, heading, cell or caption is
 * trimmed. A writer keeps a line break in text by writing it as "&#10;". */
#include "common/dom.h"
#include "common/xmlguard.h"
#include "md.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/xmlerror.h>
#include <libxml/HTMLtree.h>
#include <libxml/parserInternals.h>

/* ---- entities and tags ---- */

static int is_alnum(int c)
{
    return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

static int is_ws(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

void ncp_md_decode_entities(nc_buf *out, const char *s, size_t len)
{
    size_t i = 0, run = 0;
    while (i < len) {
        size_t j;
        unsigned long cp = 0;
        int ok = 0;
        if (s[i] != '&') {
            i++;
            continue;
        }
        j = i + 1;
        if (j < len && s[j] == '#') {
            int hex = 0, digits = 0;
            j++;
            if (j < len && (s[j] | 32) == 'x') {
                hex = 1;
                j++;
            }
            while (j < len && digits < 8) {
                int c = (unsigned char)s[j], d;
                if (c >= '0' && c <= '9')
                    d = c - '0';
                else if (hex && (c | 32) >= 'a' && (c | 32) <= 'f')
                    d = (c | 32) - 'a' + 10;
                else
                    break;
                cp = cp * (hex ? 16 : 10) + (unsigned long)d;
                digits++;
                j++;
            }
            ok = digits > 0 && j < len && s[j] == ';';
            if (ok && (cp == 0 || cp > 0x10FFFF))
                cp = 0xFFFD;
        } else {
            char name[33];
            size_t k = 0;
            while (j < len && is_alnum((unsigned char)s[j]) && k < sizeof name - 1)
                name[k++] = s[j++];
            name[k] = '\0';
            if (k && j < len && s[j] == ';') {
                const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
                if (e) {
                    cp = e->value;
                    ok = 1;
                }
            }
        }
        if (!ok) {
            i++;
            continue;
        }
        nc_buf_put(out, s + run, i - run);
        ncp_utf8_put(out, (unsigned)cp);
        i = j + 1;
        run = i;
    }
    nc_buf_put(out, s + run, len - run);
}

static const char *decoded(nc_article *a, const char *s, size_t len)
{
    nc_buf b = NC_BUF_INIT;
    const char *r;
    ncp_md_decode_entities(&b, s, len);
    r = nc_article_strndup(a, b.ptr, b.size);
    nc_buf_release(&b);
    return r;
}

int ncp_md_parse_tag(nc_article *a, const char *s, size_t len, ncp_md_tag *t)
{
    size_t i = 1, k = 0;
    memset(t, 0, sizeof *t);
    if (len < 2 || s[0] != '<' || s[len - 1] != '>')
        return -1;
    if (s[1] == '!' || s[1] == '?') {
        t->comment = 1;
        return 0;
    }
    if (s[i] == '/') {
        t->closing = 1;
        i++;
    }
    if (i >= len || !((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z'))
        return -1;
    while (i < len && (is_alnum((unsigned char)s[i]) || s[i] == '-')) {
        if (k < sizeof t->name - 1)
            t->name[k++] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
        else
            t->name[0] = '\0', k = sizeof t->name; /* too long: no name we know */
        i++;
    }
    if (k < sizeof t->name)
        t->name[k] = '\0';
    for (;;) {
        size_t ns, nl, vs = 0, vl = 0;
        int has_value = 0;
        while (i < len && is_ws((unsigned char)s[i]))
            i++;
        if (i >= len)
            return -1;
        if (s[i] == '>')
            return i == len - 1 ? 0 : -1;
        if (s[i] == '/' && i + 1 < len && s[i + 1] == '>') {
            t->selfclosing = 1;
            return i + 1 == len - 1 ? 0 : -1;
        }
        ns = i;
        while (i < len && !is_ws((unsigned char)s[i]) && s[i] != '=' && s[i] != '>' &&
               s[i] != '"' && s[i] != '\'' && !(s[i] == '/' && i + 1 < len && s[i + 1] == '>'))
            i++;
        nl = i - ns;
        if (!nl)
            return -1;
        while (i < len && is_ws((unsigned char)s[i]))
            i++;
        if (i < len && s[i] == '=') {
            i++;
            while (i < len && is_ws((unsigned char)s[i]))
                i++;
            if (i < len && (s[i] == '"' || s[i] == '\'')) {
                char q = s[i++];
                vs = i;
                while (i < len && s[i] != q)
                    i++;
                if (i >= len)
                    return -1;
                vl = i - vs;
                i++;
            } else {
                vs = i;
                while (i < len && !is_ws((unsigned char)s[i]) && s[i] != '>')
                    i++;
                vl = i - vs;
            }
            has_value = 1;
        }
        if (!has_value)
            continue;
#define ATTR(n, field)                                                                     \
    if (nl == sizeof n - 1 && !ncp_strncasecmp(s + ns, n, nl))                             \
        t->field = decoded(a, s + vs, vl);
        ATTR("href", href)
        ATTR("src", src)
        ATTR("alt", alt)
        ATTR("title", title)
        ATTR("class", cls)
#undef ATTR
    }
}

/* ---- HTML blocks ---- */

/* Whitespace runs holding a line break or a tab become one space, outside elements whose
 * text is preformatted. */
static void collapse(nc_buf *out, const char *s, size_t len)
{
    static const char *const pre[] = {"pre", "textarea", "script", "style", "listing", "xmp",
                                      NULL};
    const char *in = NULL;
    size_t i = 0;
    while (i < len) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '<') {
            const char *const *p;
            int closing = i + 1 < len && s[i + 1] == '/';
            size_t at = i + 1 + (size_t)closing;
            for (p = pre; *p; p++) {
                size_t l = strlen(*p);
                if (at + l <= len && !ncp_strncasecmp(s + at, *p, l) &&
                    (at + l == len || !is_alnum((unsigned char)s[at + l]))) {
                    if (!closing && !in)
                        in = *p;
                    else if (closing && in == *p)
                        in = NULL;
                }
            }
        }
        if (!in && is_ws(ch)) {
            size_t j = i;
            int special = 0;
            while (j < len && is_ws((unsigned char)s[j])) {
                if (s[j] != ' ')
                    special = 1;
                j++;
            }
            if (special)
                nc_buf_putc(out, ' ');
            else
                nc_buf_put(out, s + i, j - i);
            i = j;
            continue;
        }
        nc_buf_putc(out, (char)ch);
        i++;
    }
}

/* The canonical profile's warnings, as the reader's. */
static void warn_html(void *ud, int line, int column, int html, const char *text)
{
    ncp_md_reader *r = ud;
    if (html)
        ncp_md_warn_html(r, line, column, text);
    else
        ncp_md_warn(r, line, column, "%s", text);
}

int ncp_md_html_block(ncp_md_reader *r, const char *html, size_t len, nc_node *parent,
                      int line, int column)
{
    nc_buf src = NC_BUF_INIT;
    htmlDocPtr doc = NULL;
    xmlNode *root, *body = NULL;
    ncp_dom_ctx ctx;
    ncp_dom_found found = {NULL, 0};
    nc_node *before = parent->last;
    int rc = -1, nomem = 0;

    collapse(&src, html, len);
    if (src.failed) {
        nc_error_set(r->err, NC_ERR_NOMEM, line, column, "out of memory");
        goto done;
    }
    if (!src.size) {
        rc = 0;
        goto done;
    }
    if (src.size > INT_MAX) {
        nc_error_set(r->err, NC_ERR_LIMIT, line, column, "raw HTML block larger than 2 GB");
        goto done;
    }
    {
        int l, col;
        if (ncp_markup_attrs_check(src.ptr, src.size, 1, &l, &col) < 0) {
            ncp_md_warn(r, line + l - 1, l == 1 ? column + col - 1 : col,
                        "raw HTML with an element of more than %d attributes: dropped",
                        NCP_MAX_ATTRIBUTES);
            rc = 0;
            goto done;
        }
    }
    xmlResetLastError();
    ncp_xml_quiet();
    doc = ncp_dom_parse_html(src.ptr, src.size, "UTF-8",
                             HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING,
                             &nomem);
    if (nomem) {
        nc_error_set(r->err, NC_ERR_NOMEM, 0, 0, "out of memory");
        goto done;
    }
    {
        /* libxml2 stops at its own depth limit, silently under NOERROR */
        const xmlError *e = xmlGetLastError();
        if (e && e->code == XML_ERR_INTERNAL_ERROR && e->message &&
            strstr(e->message, "depth"))
            ncp_md_warn(r, line, column,
                        "raw HTML nested more than %d levels deep: the deeper part is lost",
                        NC_MAX_DEPTH);
        else if (e && e->code == XML_ERR_NO_MEMORY && e->message &&
                 strstr(e->message, "huge text"))
            ncp_md_warn(r, line, column,
                        "raw HTML with a text longer than %d bytes: the rest is lost",
                        XML_MAX_TEXT_LENGTH);
    }
    root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (root)
        body = ncp_dom_find(root, "body", 0);
    if (!body) {
        rc = 0; /* only comments, or nothing */
        goto done;
    }
    memset(&ctx, 0, sizeof ctx);
    ctx.a = r->a;
    ctx.o = r->o;
    ctx.flags = NCP_DOM_CANONICAL;
    ctx.warn = warn_html;
    ctx.warn_data = r;
    ctx.line = line;
    ctx.column = column;
    ctx.found = &found;
    if (ncp_dom_convert(&ctx, body, parent) < 0 && !r->a->failed) {
        nc_error_set(r->err, NC_ERR_NOMEM, line, column, "out of memory");
        goto done;
    }
    /* an embed made from a player's or a post's own markup keeps it, when the block
     * holds nothing else */
    if (found.embed && found.embed == parent->last && found.embed->prev == before) {
        size_t l = len;
        const char *t = ncp_trim(html, &l);
        char *raw = nc_article_strndup(r->a, t, l);
        nc_node_set_html(r->a, found.embed, raw);
    } else if (found.script_line) {
        ncp_md_warn_html(r, found.script_line, 0, "scripts");
    }
    rc = 0;
done:
    if (doc)
        xmlFreeDoc(doc);
    nc_buf_release(&src);
    return rc;
}
