/* newsconv: the canonical profile of the DOM -> model mapping (see dom.h): raw HTML in
 * Markdown, read back exactly as the Markdown writer writes it, with what is left out
 * reported through the context's warn hook. The element table, cell attributes and the
 * table of social media posts are dom.c's, shared with the lenient profile. */
#include "dom.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_ws(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

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
    const ncp_dom_ctx *ctx;
    nc_article *a;
    int line, column;           /* of the block */
    hctx st[NC_MAX_DEPTH + 2];
    int n;
    nc_node *embed;             /* the last embed made from non-canonical markup */
    int script_line;            /* a script was dropped here (0: none) */
    int deep;                   /* the depth cap was met */
} hconv;

/* Reports a kind of markup left out. */
static void dropped(hconv *c, int line, int col, const char *what)
{
    if (c->ctx->warn)
        c->ctx->warn(c->ctx->warn_data, line, col, 1, what);
}

static const char *nonempty(const char *s)
{
    return s && *s ? s : NULL;
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
    /* the empty-element rule (docs/design.md): an empty paragraph, heading, caption or
     * inline element goes; an empty table cell stays */
    if (h->kind == CTX_INLINE && h->node && !h->node->first &&
        ncp_dom_dropped_when_empty(h->node->type))
        nc_node_unlink(h->node);
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
        dropped(c, line, col, "text outside list items, cells or captions");
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


static void make_embed(hconv *c, nc_node *parent, xmlNode *el, const char *url)
{
    nc_node *e = add(c, parent, NC_BLOCK_EMBED, el);
    nc_node_set_href(c->a, e, url);
    c->embed = e;
}


/* A code block, a rule, a table, a figure (or an embed), a player: blocks that are not
 * text, in a block context. Returns 1 to descend into its children. */
static int enter_leaf_block(hconv *c, xmlNode *el, nc_node *parent)
{
    nc_node *n;
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
        if (ncp_dom_class_word(el, "embed")) {
            xmlNode *a = ncp_dom_find(el, "a", 0), *f = ncp_dom_find(el, "iframe", 0);
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
            xmlNode *s = ncp_dom_find(el, "source", 0);
            if (s)
                url = prop(c, s, "src");
        }
        make_embed(c, parent, el, url);
        return 0;
    }
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
        dropped(c, line, col, "tags, their text kept");
        if (h->kind == CTX_BLOCK) {
            close_para(c);
            push(c, el, CTX_BLOCK, h->node);
        }
        return 1;
    }
    if (name_is(el, "blockquote")) {
        const char *url;
        if (ncp_dom_social_embed(el, NCP_DOM_CANONICAL, &url)) {
            make_embed(c, parent, el,
                       url && *url ? nc_article_strdup(c->a, url) : NULL);
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
    return enter_leaf_block(c, el, parent);
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

/* In a list: items; anything else is left out. */
static int enter_in_list(hconv *c, xmlNode *el, int line, int col)
{
    hctx *h = top(c);
    if (name_is(el, "li")) {
        nc_node *item = add(c, h->node, NC_BLOCK_LIST_ITEM, el);
        push(c, el, CTX_BLOCK, item);
        return 1;
    }
    dropped(c, line, col, "content outside list items");
    return 0;
}

/* In a table: row groups, the caption (a second one is left out), rows (a bare row of
 * header cells is a header row); anything else is left out. */
static int enter_in_table(hconv *c, xmlNode *el, int line, int col)
{
    hctx *h = top(c);
    if (name_is(el, "thead") || name_is(el, "tbody") || name_is(el, "tfoot")) {
        hctx *g = push(c, el, CTX_TABLE, h->node);
        g->head = name_is(el, "thead");
        g->foot = name_is(el, "tfoot");
        return 1;
    }
    if (name_is(el, "caption")) {
        nc_node *first = nc_node_first_child(h->node), *cap;
        if (first && first->type == NC_BLOCK_TABLE_CAPTION) {
            dropped(c, line, col, "a second table caption, its text kept");
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
    dropped(c, line, col, "table content outside rows");
    return 0;
}

/* In a row: cells with their spans and alignment; anything else is left out. */
static int enter_in_row(hconv *c, xmlNode *el, int line, int col)
{
    hctx *h = top(c);
    if (name_is(el, "td") || name_is(el, "th")) {
        nc_node *cell = add(c, h->node, NC_BLOCK_TABLE_CELL, el);
        nc_node_set_header(cell, name_is(el, "th"));
        nc_node_set_span(cell, ncp_dom_span(prop(c, el, "colspan")),
                         ncp_dom_span(prop(c, el, "rowspan")));
        nc_node_set_align(cell, ncp_dom_align(prop(c, el, "align"), prop(c, el, "style")));
        push(c, el, CTX_INLINE, cell)->trim = 1;
        return 1;
    }
    dropped(c, line, col, "row content outside cells");
    return 0;
}

/* In a figure: the image and the caption; other content is looked into. */
static int enter_in_figure(hconv *c, xmlNode *el, int line, int col)
{
    hctx *h = top(c);
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
        dropped(c, line, col, "figure content");
    return !name_is(el, "source");
}

/* Handles an element; returns 1 to descend into its children (a context may have been
 * pushed for it), 0 to skip them. */
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
            if (c->ctx->warn) {
                char t[80];
                snprintf(t, sizeof t, "raw HTML nested more than %d levels deep: flattened",
                         NC_MAX_DEPTH);
                c->ctx->warn(c->ctx->warn_data, line, col, 0, t);
            }
        }
        return ncp_dom_role_of(el) != NCP_ROLE_DROP && !name_is(el, "script");
    }
    if (name_is(el, "script")) {
        /* a player's or a post's script stays in its embed's raw HTML: reported at the
         * end unless the block is one embed */
        if (!c->script_line)
            c->script_line = line;
        return 0;
    }
    if (ncp_dom_role_of(el) == NCP_ROLE_DROP) {
        if (!name_is(el, "colgroup") && !name_is(el, "col"))
            dropped(c, line, col, name_is(el, "script") ? "scripts" : "elements");
        return 0;
    }
    switch (h->kind) {
    case CTX_LIST:
        return enter_in_list(c, el, line, col);
    case CTX_TABLE:
        return enter_in_table(c, el, line, col);
    case CTX_ROW:
        return enter_in_row(c, el, line, col);
    case CTX_FIGURE:
        return enter_in_figure(c, el, line, col);
    default:
        break;
    }
    if (h->kind == CTX_INLINE && h->node->type == NC_BLOCK_FIGURE && name_is(el, "span") &&
        ncp_dom_class_word(el, "credit")) {
        nc_buf raw = NC_BUF_INIT, t = NC_BUF_INIT;
        text_content(el, &raw);
        ncp_collapse_space(&t, raw.ptr, raw.size);
        nc_node_set_credit(c->a, h->node, nonempty(t.ptr));
        nc_buf_release(&raw);
        nc_buf_release(&t);
        return 0;
    }
    if (ncp_dom_role_of(el) == NCP_ROLE_BLOCK) {
        if ((parent = block_parent(c)) != NULL)
            return enter_block(c, el, parent);
        /* a block inside inline content (a list in a cell): its inlines are kept */
        dropped(c, line, col, "block tags inside inline content, their text kept");
        return 1;
    }
    if ((ncp_dom_role_of(el) == NCP_ROLE_BOX ||
        ncp_dom_role_of(el) == NCP_ROLE_BOX_QUIET)) {
        if (ncp_dom_role_of(el) != NCP_ROLE_BOX_QUIET)
            dropped(c, line, col, "tags, their text kept");
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
    dropped(c, line, col, "tags, their text kept");
    return 1;
}

int ncp_dom_convert_canonical(const ncp_dom_ctx *ctx, xmlNode *body, nc_node *into)
{
    hconv *c = calloc(1, sizeof *c);
    ncp_dom_walk it;
    ncp_dom_event ev;
    if (!c)
        return -1;
    c->ctx = ctx;
    c->a = ctx->a;
    c->line = ctx->line;
    c->column = ctx->column;
    push(c, NULL, CTX_BLOCK, into);
    ncp_dom_walk_init(&it, body->children);
    while ((ev = ncp_dom_walk_next(&it)) != NCP_DOM_DONE) {
        xmlNode *n = it.node;
        if (ev == NCP_DOM_LEAVE) {
            while (c->n > 1 && top(c)->el == n)
                pop(c);
        } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            add_text(c, n);
        } else if (n->type == XML_ELEMENT_NODE) {
            int depth = c->n;
            if (!enter(c, n) || !n->children) {
                while (c->n > depth)
                    pop(c);
                ncp_dom_walk_skip(&it);
            }
        }
    }
    while (c->n > 0)
        pop(c);
    if (ctx->found) {
        ctx->found->embed = c->embed;
        ctx->found->script_line = c->script_line;
    }
    free(c);
    return ctx->a->failed ? -1 : 0;
}
