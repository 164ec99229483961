/* newsconv: raw HTML in Markdown -> model.
 *
 * An HTML block is parsed with libxml2's HTML parser (no network, no errors printed) and
 * mapped onto the model the way the canonical XHTML of src/model/xhtml.c is written, so that
 * the Markdown writer's raw HTML reads back exactly: <figure> with <img> and a
 * <figcaption> ending in <span class="credit"> is a figure, <figure class="embed"> an
 * embed, tables, lists, quotes, code, headings and paragraphs map to themselves. Embedded
 * players and posts (iframe, video, audio, object, blockquote.twitter-tweet and the like)
 * become embeds keeping their URL, and the raw HTML when the block holds nothing else.
 * Other elements are dropped and their text kept, with one warning; script and style are
 * dropped whole. Comments are ignored.
 *
 * White space: before parsing, every run of white space that holds a line break or a tab
 * becomes one space (outside <pre>), the way a browser shows it; runs of plain spaces stay.
 * The leading and trailing white space of a paragraph, heading, cell or caption is
 * trimmed. A writer keeps a line break in text by writing it as "&#10;". */
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

typedef enum { CTX_BLOCK, CTX_INLINE, CTX_LIST, CTX_TABLE, CTX_ROW, CTX_FIGURE } ctx_kind;

typedef struct hctx {
    xmlNode *el;      /* the element that opened it (NULL: the block's container) */
    ctx_kind kind;
    nc_node *node;    /* the model container */
    nc_node *para;    /* CTX_BLOCK: the implied paragraph now open */
    int loose;        /* CTX_LIST: an item holds a <p> */
    int head;         /* CTX_TABLE: inside <thead> */
    int foot;         /* CTX_TABLE: inside <tfoot> */
    int trim;         /* CTX_INLINE: trim the container's inlines when it ends */
} hctx;

typedef struct hconv {
    ncp_md_reader *r;
    nc_article *a;
    int line, column;           /* of the block */
    hctx st[NC_MAX_DEPTH + 2];
    int n;
    nc_node *embed;             /* the last embed made from non-canonical markup */
    int script_line;            /* a script was dropped here (0: none) */
    int deep;                   /* the depth cap was met */
} hconv;

static int has_class(xmlNode *el, const char *name)
{
    xmlChar *v = xmlGetProp(el, (const xmlChar *)"class");
    const char *p;
    size_t nl = strlen(name);
    int found = 0;
    if (!v)
        return 0;
    for (p = (const char *)v; *p;) {
        size_t l;
        while (*p && is_ws((unsigned char)*p))
            p++;
        l = 0;
        while (p[l] && !is_ws((unsigned char)p[l]))
            l++;
        if (l == nl && !ncp_strncasecmp(p, name, nl))
            found = 1;
        p += l;
    }
    xmlFree(v);
    return found;
}

/* An attribute copied into the arena, NULL when absent or empty. */
static const char *prop(hconv *c, xmlNode *el, const char *name)
{
    xmlChar *v = xmlGetProp(el, (const xmlChar *)name);
    const char *r = NULL;
    if (v && *v)
        r = nc_article_strdup(c->a, (const char *)v);
    if (v)
        xmlFree(v);
    return r;
}

static int name_is(xmlNode *el, const char *name)
{
    return el->name && !ncp_strcasecmp((const char *)el->name, name);
}

static int name_in(xmlNode *el, const char *const *names)
{
    for (; *names; names++)
        if (name_is(el, *names))
            return 1;
    return 0;
}

static void pos(hconv *c, xmlNode *el, int *line, int *col)
{
    long l = xmlGetLineNo(el);
    if (l <= 1) {
        *line = c->line;
        *col = c->column;
    } else {
        *line = c->line + (int)l - 1;
        *col = 0;
    }
}

/* The first descendant element of el (el itself included) with this name. */
static xmlNode *find(xmlNode *el, const char *name, int last)
{
    xmlNode *n = el, *found = NULL;
    while (n) {
        if (n->type == XML_ELEMENT_NODE && name_is(n, name)) {
            found = n;
            if (!last)
                return n;
        }
        if (n->children && n->type == XML_ELEMENT_NODE) {
            n = n->children;
            continue;
        }
        while (n && n != el && !n->next)
            n = n->parent;
        if (!n || n == el)
            break;
        n = n->next;
    }
    return found;
}

static void text_content(xmlNode *el, nc_buf *out)
{
    xmlChar *t = xmlNodeGetContent(el);
    if (t) {
        nc_buf_puts(out, (const char *)t);
        xmlFree(t);
    }
}

static nc_node *add(hconv *c, nc_node *parent, nc_node_type type, xmlNode *el)
{
    int line, col;
    pos(c, el, &line, &col);
    return nc_node_append(parent, nc_node_new(c->a, type, line, col));
}

/* Trims the leading and trailing white space of an inline container's content. */
static void trim_inlines(nc_node *container)
{
    int side;
    for (side = 0; side < 2; side++) {
        nc_node *n = side ? container->last : container->first;
        while (n) {
            if (n->type == NC_INLINE_TEXT) {
                char *s = (char *)n->as.code.literal;
                size_t len = n->as.code.len, k = 0;
                nc_node *other;
                if (side) {
                    while (k < len && is_ws((unsigned char)s[len - 1 - k]))
                        k++;
                    s[len - k] = '\0';
                } else {
                    while (k < len && is_ws((unsigned char)s[k]))
                        k++;
                    n->as.code.literal = s + k;
                }
                n->as.code.len = len - k;
                if (n->as.code.len)
                    break;
                other = side ? n->prev : n->next;
                nc_node_unlink(n);
                n = other;
                continue;
            }
            if ((n->type == NC_INLINE_EMPH || n->type == NC_INLINE_STRONG ||
                 n->type == NC_INLINE_LINK || n->type == NC_INLINE_SUP ||
                 n->type == NC_INLINE_SUB || n->type == NC_INLINE_DEL ||
                 n->type == NC_INLINE_INS || n->type == NC_INLINE_STRIKE) && n->first) {
                n = side ? n->last : n->first;
                continue;
            }
            break;
        }
    }
}

static hctx *top(hconv *c) { return &c->st[c->n - 1]; }

static hctx *push(hconv *c, xmlNode *el, ctx_kind kind, nc_node *node)
{
    hctx *h = &c->st[c->n < NC_MAX_DEPTH + 1 ? c->n++ : c->n - 1];
    memset(h, 0, sizeof *h);
    h->el = el;
    h->kind = kind;
    h->node = node;
    return h;
}

static void close_para(hconv *c)
{
    hctx *h = top(c);
    if (h->kind == CTX_BLOCK && h->para) {
        trim_inlines(h->para);
        if (!h->para->first)
            nc_node_unlink(h->para);
        h->para = NULL;
    }
}

static void pop(hconv *c)
{
    hctx *h;
    close_para(c);
    h = top(c);
    if (h->kind == CTX_INLINE && h->trim)
        trim_inlines(h->node);
    if (h->kind == CTX_INLINE && h->node && !h->node->first) {
        /* the empty-element rule (docs/design.md): an empty paragraph, heading, caption or
         * inline element goes; an empty table cell stays */
        switch (h->node->type) {
        case NC_BLOCK_PARAGRAPH:
        case NC_BLOCK_HEADING:
        case NC_BLOCK_TABLE_CAPTION:
        case NC_INLINE_EMPH:
        case NC_INLINE_STRONG:
        case NC_INLINE_SUP:
        case NC_INLINE_SUB:
        case NC_INLINE_DEL:
        case NC_INLINE_INS:
        case NC_INLINE_STRIKE:
        case NC_INLINE_LINK:
            nc_node_unlink(h->node);
            break;
        default:
            break;
        }
    }
    if (h->kind == CTX_LIST)
        nc_node_set_tight(h->node, !h->loose);
    if (h->kind == CTX_BLOCK && h->node && h->node->type == NC_BLOCK_DEF_LIST &&
        h->el && name_is(h->el, "dl")) {
        ncp_def_list_tidy(c->a, h->node);
        if (!h->node->first)
            nc_node_unlink(h->node);
    }
    c->n--;
}

/* Where inline content goes: the inline container, or an implied paragraph. NULL when
 * the context holds no inlines (lists, tables, rows, figures). */
static nc_node *inline_parent(hconv *c, xmlNode *el)
{
    hctx *h = top(c);
    if (h->kind == CTX_INLINE)
        return h->node;
    if (h->kind != CTX_BLOCK)
        return NULL;
    if (!h->para)
        h->para = add(c, h->node, NC_BLOCK_PARAGRAPH, el);
    return h->para;
}

/* Where a block goes: the block container, or NULL in an inline context (the element is
 * then flattened into the inlines). */
static nc_node *block_parent(hconv *c)
{
    hctx *h = top(c);
    if (h->kind != CTX_BLOCK)
        return NULL;
    close_para(c);
    return h->node;
}

static void add_text(hconv *c, xmlNode *tn)
{
    const char *s = (const char *)tn->content;
    size_t len = s ? strlen(s) : 0, i;
    hctx *h = top(c);
    nc_node *parent;
    int blank = 1;
    for (i = 0; i < len; i++)
        if (!is_ws((unsigned char)s[i]))
            blank = 0;
    if (!len)
        return;
    if (blank && !(h->kind == CTX_INLINE || (h->kind == CTX_BLOCK && h->para)))
        return;
    parent = inline_parent(c, tn);
    if (!parent) {
        int line, col;
        pos(c, tn, &line, &col);
        ncp_md_warn_html(c->r, line, col, "text outside list items, cells or captions");
        return;
    }
    if (parent->last && parent->last->type == NC_INLINE_TEXT) {
        nc_node_append_literal(c->a, parent->last, s, len);
    } else {
        int line, col;
        pos(c, tn, &line, &col);
        nc_node_append(parent, nc_node_new_text(c->a, s, len, line, col));
    }
}

static const char *const dropped_whole[] = {"script", "style", "template", "head", "title",
                                            "meta", "link", "base", "noscript", "button",
                                            "input", "select", "textarea", "svg", "math",
                                            "object", "param", "colgroup", "col", NULL};
static const char *const quiet_transparent[] = {"html", "body", "tbody", NULL};
static const char *const block_names[] = {"p", "h1", "h2", "h3", "h4", "h5", "h6",
                                          "blockquote", "ul", "ol", "pre", "hr", "table",
                                          "figure", "iframe", "video", "audio", "embed",
                                          "dl", "dt", "dd", NULL};
static const char *const block_transparent[] = {
    "div", "section", "article", "header", "footer", "main", "aside", "nav", "center",
    "address", "details", "summary", "form", "fieldset", "li", "figcaption",
    "hgroup", "menu", "dir", "caption", "thead", "tbody", "tfoot", "tr", "td", "th", "body",
    "html", NULL};
static const char *const embed_classes[] = {"twitter-tweet", "twitter-video",
                                            "instagram-media", "tiktok-embed",
                                            "imgur-embed-pub", "reddit-card", NULL};

static void make_embed(hconv *c, nc_node *parent, xmlNode *el, const char *url)
{
    nc_node *e = add(c, parent, NC_BLOCK_EMBED, el);
    nc_node_set_href(c->a, e, url);
    c->embed = e;
}

static int is_embed_quote(xmlNode *el)
{
    const char *const *k;
    for (k = embed_classes; *k; k++)
        if (has_class(el, *k))
            return 1;
    return 0;
}

/* An element in a block context. Returns 1 to descend into its children. */
static int enter_block(hconv *c, xmlNode *el, nc_node *parent)
{
    nc_node *n;
    int line, col;
    pos(c, el, &line, &col);
    if (name_is(el, "p")) {
        hctx *h = top(c);
        if (h->node->type == NC_BLOCK_LIST_ITEM && c->n >= 2 && c->st[c->n - 2].kind == CTX_LIST)
            c->st[c->n - 2].loose = 1;
        n = add(c, parent, NC_BLOCK_PARAGRAPH, el);
        push(c, el, CTX_INLINE, n)->trim = 1;
        return 1;
    }
    if (el->name && (el->name[0] | 32) == 'h' && el->name[1] >= '1' && el->name[1] <= '6' &&
        !el->name[2]) {
        n = add(c, parent, NC_BLOCK_HEADING, el);
        nc_node_set_level(n, el->name[1] - '0');
        push(c, el, CTX_INLINE, n)->trim = 1;
        return 1;
    }
    if (name_is(el, "dl")) {
        n = add(c, parent, NC_BLOCK_DEF_LIST, el);
        push(c, el, CTX_BLOCK, n);
        return 1;
    }
    if (name_is(el, "dt") || name_is(el, "dd")) {
        hctx *h = top(c);
        if (h->kind == CTX_BLOCK && h->node && h->node->type == NC_BLOCK_DEF_LIST) {
            close_para(c);
            if (name_is(el, "dt")) {
                n = add(c, h->node, NC_BLOCK_DEF_TERM, el);
                push(c, el, CTX_INLINE, n)->trim = 1;
            } else {
                n = add(c, h->node, NC_BLOCK_DEF_DATA, el);
                push(c, el, CTX_BLOCK, n);
            }
            return 1;
        }
        /* outside a list: its text in paragraphs, as an unknown block box */
        ncp_md_warn_html(c->r, line, col, "tags, their text kept");
        if (h->kind == CTX_BLOCK) {
            close_para(c);
            push(c, el, CTX_BLOCK, h->node);
        }
        return 1;
    }
    if (name_is(el, "blockquote")) {
        if (is_embed_quote(el)) {
            const char *url = prop(c, el, "cite");
            xmlNode *a;
            if (!url)
                url = prop(c, el, "data-instgrm-permalink");
            if (!url && (a = find(el, "a", 1)) != NULL)
                url = prop(c, a, "href");
            make_embed(c, parent, el, url);
            return 0;
        }
        n = add(c, parent, NC_BLOCK_BLOCKQUOTE, el);
        push(c, el, CTX_BLOCK, n);
        return 1;
    }
    if (name_is(el, "ul") || name_is(el, "ol")) {
        int ordered = name_is(el, "ol");
        n = add(c, parent, ordered ? NC_BLOCK_ORDERED_LIST : NC_BLOCK_BULLET_LIST, el);
        if (ordered) {
            const char *s = prop(c, el, "start");
            nc_node_set_start(n, s ? (int)strtol(s, NULL, 10) : 1);
        }
        push(c, el, CTX_LIST, n);
        return 1;
    }
    if (name_is(el, "pre")) {
        nc_buf lit = NC_BUF_INIT;
        xmlNode *code = el->children;
        const char *info = NULL;
        n = add(c, parent, NC_BLOCK_CODE_BLOCK, el);
        while (code && code->type != XML_ELEMENT_NODE)
            code = code->next;
        if (code && name_is(code, "code")) {
            const char *cls = prop(c, code, "class");
            if (cls && !strncmp(cls, "language-", 9) && cls[9])
                info = cls + 9;
        }
        text_content(el, &lit);
        /* as in HTML, a line break right after <pre> is not content */
        if (el->children && el->children->type == XML_TEXT_NODE && lit.size && lit.ptr[0] == '\n')
            nc_node_set_literal(c->a, n, lit.ptr + 1, lit.size - 1);
        else
            nc_node_set_literal(c->a, n, lit.ptr, lit.size);
        nc_node_set_info(c->a, n, info);
        nc_buf_release(&lit);
        return 0;
    }
    if (name_is(el, "hr")) {
        add(c, parent, NC_BLOCK_THEMATIC_BREAK, el);
        return 0;
    }
    if (name_is(el, "table")) {
        n = add(c, parent, NC_BLOCK_TABLE, el);
        push(c, el, CTX_TABLE, n);
        return 1;
    }
    if (name_is(el, "figure")) {
        if (has_class(el, "embed")) {
            xmlNode *a = find(el, "a", 0), *f = find(el, "iframe", 0);
            nc_node *e = add(c, parent, NC_BLOCK_EMBED, el);
            nc_node_set_href(c->a, e, a ? prop(c, a, "href") : f ? prop(c, f, "src") : NULL);
            return 0;
        }
        n = add(c, parent, NC_BLOCK_FIGURE, el);
        push(c, el, CTX_FIGURE, n);
        return 1;
    }
    if (name_is(el, "iframe") || name_is(el, "video") || name_is(el, "audio") ||
        name_is(el, "embed")) {
        const char *url = prop(c, el, "src");
        if (!url) {
            xmlNode *s = find(el, "source", 0);
            if (s)
                url = prop(c, s, "src");
        }
        make_embed(c, parent, el, url);
        return 0;
    }
    return 0;
}

static int enter_inline(hconv *c, xmlNode *el, nc_node *parent)
{
    nc_node *n;
    nc_node_type type = NC_NODE_NONE;
    if (name_is(el, "em") || name_is(el, "i"))
        type = NC_INLINE_EMPH;
    else if (name_is(el, "strong") || name_is(el, "b"))
        type = NC_INLINE_STRONG;
    else if (name_is(el, "sup"))
        type = NC_INLINE_SUP;
    else if (name_is(el, "sub"))
        type = NC_INLINE_SUB;
    else if (name_is(el, "del"))
        type = NC_INLINE_DEL;
    else if (name_is(el, "ins"))
        type = NC_INLINE_INS;
    else if (name_is(el, "s") || name_is(el, "strike"))
        type = NC_INLINE_STRIKE;
    if (type != NC_NODE_NONE) {
        n = add(c, parent, type, el);
        push(c, el, CTX_INLINE, n);
        return 1;
    }
    if (name_is(el, "a") && xmlHasProp(el, (const xmlChar *)"href")) {
        n = add(c, parent, NC_INLINE_LINK, el);
        nc_node_set_href(c->a, n, prop(c, el, "href"));
        nc_node_set_title(c->a, n, prop(c, el, "title"));
        push(c, el, CTX_INLINE, n);
        return 1;
    }
    if (name_is(el, "code") || name_is(el, "tt") || name_is(el, "kbd") || name_is(el, "samp")) {
        nc_buf lit = NC_BUF_INIT;
        n = add(c, parent, NC_INLINE_CODE, el);
        text_content(el, &lit);
        nc_node_set_literal(c->a, n, lit.ptr, lit.size);
        nc_buf_release(&lit);
        return 0;
    }
    if (name_is(el, "img")) {
        n = add(c, parent, NC_INLINE_IMAGE, el);
        nc_node_set_href(c->a, n, prop(c, el, "src"));
        nc_node_set_alt(c->a, n, prop(c, el, "alt"));
        nc_node_set_title(c->a, n, prop(c, el, "title"));
        return 0;
    }
    if (name_is(el, "br")) {
        add(c, parent, NC_INLINE_LINEBREAK, el);
        return 0;
    }
    return -1;
}

/* Handles an element; returns 1 to descend into its children (a context may have been
 * pushed for it), 0 to skip them. */

/* A table cell's colspan, rowspan and alignment (align="...", else style text-align). */
static int span_attr(const char *v)
{
    long x;
    char *end;
    if (!v)
        return 1;
    x = strtol(v, &end, 10);
    return end == v || x < 1 ? 1 : x > 1000 ? 1000 : (int)x;
}
static nc_align align_attr(const char *al, const char *style)
{
    const char *t;
    char word[8];
    size_t i = 0;
    if (!al && style && (t = strstr(style, "text-align")) != NULL) {
        t += 10;
        while (*t == ' ' || *t == ':')
            t++;
        al = t;
    }
    if (!al)
        return NC_ALIGN_NONE;
    while (al[i] && i < sizeof word - 1 && ((al[i] >= 'a' && al[i] <= 'z') ||
                                            (al[i] >= 'A' && al[i] <= 'Z'))) {
        word[i] = (char)(al[i] | 0x20);
        i++;
    }
    word[i] = '\0';
    return !strcmp(word, "left")     ? NC_ALIGN_LEFT
           : !strcmp(word, "center") ? NC_ALIGN_CENTER
           : !strcmp(word, "right")  ? NC_ALIGN_RIGHT
                                     : NC_ALIGN_NONE;
}

static int enter(hconv *c, xmlNode *el)
{
    hctx *h = top(c);
    int line, col, rc;
    nc_node *parent;
    pos(c, el, &line, &col);
    if (c->n >= NC_MAX_DEPTH) {
        /* no deeper structure: the content is kept, flattened */
        if (!c->deep) {
            c->deep = 1;
            ncp_md_warn(c->r, line, col, "raw HTML nested more than %d levels deep: flattened",
                        NC_MAX_DEPTH);
        }
        return !name_in(el, dropped_whole) && !name_is(el, "script");
    }
    if (name_is(el, "script")) {
        /* a player's or a post's script stays in its embed's raw HTML: reported at the
         * end unless the block is one embed */
        if (!c->script_line)
            c->script_line = line;
        return 0;
    }
    if (name_in(el, dropped_whole)) {
        if (!name_is(el, "colgroup") && !name_is(el, "col"))
            ncp_md_warn_html(c->r, line, col, name_is(el, "script") ? "scripts" : "elements");
        return 0;
    }
    switch (h->kind) {
    case CTX_LIST:
        if (name_is(el, "li")) {
            nc_node *item = add(c, h->node, NC_BLOCK_LIST_ITEM, el);
            push(c, el, CTX_BLOCK, item);
            return 1;
        }
        ncp_md_warn_html(c->r, line, col, "content outside list items");
        return 0;
    case CTX_TABLE:
        if (name_is(el, "thead") || name_is(el, "tbody") || name_is(el, "tfoot")) {
            hctx *g = push(c, el, CTX_TABLE, h->node);
            g->head = name_is(el, "thead");
            g->foot = name_is(el, "tfoot");
            return 1;
        }
        if (name_is(el, "caption")) {
            nc_node *first = nc_node_first_child(h->node), *cap;
            if (first && first->type == NC_BLOCK_TABLE_CAPTION) {
                ncp_md_warn_html(c->r, line, col, "a second table caption, its text kept");
                return 0;
            }
            cap = add(c, h->node, NC_BLOCK_TABLE_CAPTION, el);
            if (first) {
                nc_node_unlink(cap);
                nc_node_insert_before(first, cap);
            }
            push(c, el, CTX_INLINE, cap)->trim = 1;
            return 1;
        }
        if (name_is(el, "tr")) {
            nc_node *row = add(c, h->node, NC_BLOCK_TABLE_ROW, el);
            int head = h->head;
            if (!head && h->el && name_is(h->el, "table")) {
                /* a bare row of header cells is a header row */
                xmlNode *k;
                head = 1;
                for (k = el->children; k; k = k->next)
                    if (k->type == XML_ELEMENT_NODE && !name_is(k, "th"))
                        head = 0;
            }
            nc_node_set_header(row, head);
            nc_node_set_footer(row, h->foot && !head);
            push(c, el, CTX_ROW, row);
            return 1;
        }
        ncp_md_warn_html(c->r, line, col, "table content outside rows");
        return 0;
    case CTX_ROW:
        if (name_is(el, "td") || name_is(el, "th")) {
            nc_node *cell = add(c, h->node, NC_BLOCK_TABLE_CELL, el);
            nc_node_set_header(cell, name_is(el, "th"));
            nc_node_set_span(cell, span_attr(prop(c, el, "colspan")),
                             span_attr(prop(c, el, "rowspan")));
            nc_node_set_align(cell, align_attr(prop(c, el, "align"), prop(c, el, "style")));
            push(c, el, CTX_INLINE, cell)->trim = 1;
            return 1;
        }
        ncp_md_warn_html(c->r, line, col, "row content outside cells");
        return 0;
    case CTX_FIGURE:
        if (name_is(el, "img")) {
            nc_node *f = h->node;
            if (!f->as.ref.href) {
                nc_node_set_href(c->a, f, prop(c, el, "src"));
                nc_node_set_alt(c->a, f, prop(c, el, "alt"));
                nc_node_set_title(c->a, f, prop(c, el, "title"));
            }
            return 0;
        }
        if (name_is(el, "figcaption")) {
            push(c, el, CTX_INLINE, h->node)->trim = 1;
            return 1;
        }
        if (!name_is(el, "a") && !name_is(el, "picture") && !name_is(el, "source"))
            ncp_md_warn_html(c->r, line, col, "figure content");
        return !name_is(el, "source");
    default:
        break;
    }
    if (h->kind == CTX_INLINE && h->node->type == NC_BLOCK_FIGURE && name_is(el, "span") &&
        has_class(el, "credit")) {
        nc_buf raw = NC_BUF_INIT, t = NC_BUF_INIT;
        text_content(el, &raw);
        ncp_collapse_space(&t, raw.ptr, raw.size);
        nc_node_set_credit(c->a, h->node, ncp_md_nonempty(t.ptr));
        nc_buf_release(&raw);
        nc_buf_release(&t);
        return 0;
    }
    if (name_in(el, block_names)) {
        if ((parent = block_parent(c)) != NULL)
            return enter_block(c, el, parent);
        /* a block inside inline content (a list in a cell): its inlines are kept */
        ncp_md_warn_html(c->r, line, col, "block tags inside inline content, their text kept");
        return 1;
    }
    if (name_in(el, block_transparent)) {
        if (!name_in(el, quiet_transparent))
            ncp_md_warn_html(c->r, line, col, "tags, their text kept");
        if (top(c)->kind == CTX_BLOCK) {
            /* a block box: what follows it starts a new paragraph */
            nc_node *container = top(c)->node;
            close_para(c);
            push(c, el, CTX_BLOCK, container);
        }
        return 1;
    }
    rc = -1;
    if ((parent = inline_parent(c, el)) != NULL)
        rc = enter_inline(c, el, parent);
    if (rc >= 0)
        return rc;
    /* not mapped: its content stays, its tag goes */
    ncp_md_warn_html(c->r, line, col, "tags, their text kept");
    return 1;
}

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

int ncp_md_html_block(ncp_md_reader *r, const char *html, size_t len, nc_node *parent,
                      int line, int column)
{
    nc_buf src = NC_BUF_INIT;
    htmlDocPtr doc = NULL;
    xmlNode *root, *body = NULL, *n;
    hconv *c = NULL;
    nc_node *before = parent->last;
    int rc = -1, nomem = 0;

    collapse(&src, html, len);
    if (src.failed) {
        nc_error_set(r->err, NC_ERR_NOMEM, line, column, "out of memory");
        goto done;
    }
    c = calloc(1, sizeof *c);
    if (!c) {
        nc_error_set(r->err, NC_ERR_NOMEM, line, column, "out of memory");
        goto done;
    }
    c->r = r;
    c->a = r->a;
    c->line = line;
    c->column = column;
    push(c, NULL, CTX_BLOCK, parent);
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
    doc = ncp_html_read(src.ptr, src.size, "UTF-8",
                        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING, &nomem);
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
        body = find(root, "body", 0);
    if (!body) {
        rc = 0; /* only comments, or nothing */
        goto done;
    }
    n = body->children;
    while (n) {
        int descend = 0;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
            add_text(c, n);
        else if (n->type == XML_ELEMENT_NODE) {
            int depth = c->n;
            descend = enter(c, n);
            if (descend && !n->children)
                descend = 0;
            if (!descend)
                while (c->n > depth)
                    pop(c);
        }
        if (descend) {
            n = n->children;
            continue;
        }
        while (n && n != body && !n->next) {
            n = n->parent;
            while (c->n > 1 && top(c)->el == n)
                pop(c);
        }
        if (!n || n == body)
            break;
        n = n->next;
    }
    while (c->n > 0)
        pop(c);
    /* an embed made from a player's or a post's own markup keeps it, when the block
     * holds nothing else */
    if (c->embed && c->embed == parent->last && c->embed->prev == before) {
        size_t l = len;
        const char *t = ncp_trim(html, &l);
        char *raw = nc_article_strndup(r->a, t, l);
        nc_node_set_html(r->a, c->embed, raw);
    } else if (c->script_line) {
        ncp_md_warn_html(r, c->script_line, 0, "scripts");
    }
    rc = 0;
done:
    if (doc)
        xmlFreeDoc(doc);
    free(c);
    nc_buf_release(&src);
    return rc;
}
