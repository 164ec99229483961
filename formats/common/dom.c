/* newsconv: a libxml2 DOM subtree -> body nodes (see dom.h); an HTML fragment -> body
 * nodes (parsed under the libxml2 guard, xmlguard.h). */
#include "dom.h"
#include "xmlguard.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/uri.h>

const char *ncp_dom_name(const xmlNode *n)
{
    return n && n->type == XML_ELEMENT_NODE && n->name ? (const char *)n->name : "";
}

int ncp_dom_is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && !ncp_strcasecmp(ncp_dom_name(n), name);
}

const char *ncp_dom_attr(const xmlNode *n, const char *name)
{
    const xmlAttr *at;
    if (!n || n->type != XML_ELEMENT_NODE)
        return NULL;
    for (at = n->properties; at; at = at->next)
        if (at->name && !ncp_strcasecmp((const char *)at->name, name)) {
            const xmlNode *c = at->children;
            if (!c)
                return "";
            return c->content ? (const char *)c->content : "";
        }
    return NULL;
}

int ncp_dom_class_has(const xmlNode *n, const char *part)
{
    const char *c = ncp_dom_attr(n, "class");
    size_t plen = strlen(part);
    if (!c)
        return 0;
    for (; *c; c++) {
        if (!ncp_strncasecmp(c, part, plen))
            return 1;
    }
    return 0;
}

int ncp_dom_class_word(const xmlNode *n, const char *word)
{
    const char *p = ncp_dom_attr(n, "class");
    size_t wl = strlen(word);
    if (!p)
        return 0;
    while (*p) {
        size_t l = 0;
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
            p++;
        while (p[l] && p[l] != ' ' && p[l] != '\t' && p[l] != '\n' && p[l] != '\r' &&
               p[l] != '\f')
            l++;
        if (l == wl && !ncp_strncasecmp(p, word, wl))
            return 1;
        p += l;
    }
    return 0;
}

const char *ncp_dom_word_next(const char **s, const char *sep, size_t *len)
{
    const char *p = *s, *w;
    if (!sep)
        sep = " \t\n\r\f";
    p += strspn(p, sep);
    if (!*p) {
        *s = p;
        return NULL;
    }
    w = p;
    p += strcspn(p, sep);
    *len = (size_t)(p - w);
    *s = p;
    return w;
}

static int token_char(int c, int digits)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (digits && c >= '0' && c <= '9');
}

size_t ncp_dom_token_next(const char **s, const char *end, int digits, char *tok, size_t cap)
{
    const char *p = *s;
    size_t tl = 0;
    while (p < end && !token_char((unsigned char)*p, digits))
        p++;
    while (p < end && token_char((unsigned char)*p, digits)) {
        if (tl && *p >= 'A' && *p <= 'Z' && p[-1] >= 'a' && p[-1] <= 'z')
            break;
        if (tl < cap - 1)
            tok[tl++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
        p++;
    }
    tok[tl] = '\0';
    *s = p;
    return tl;
}

void ncp_dom_walk_init(ncp_dom_walk *it, xmlNode *first)
{
    memset(it, 0, sizeof *it);
    it->node = first;
    it->root = first ? first->parent : NULL;
}

void ncp_dom_walk_tree(ncp_dom_walk *it, xmlNode *el)
{
    ncp_dom_walk_init(it, el);
    it->only = el;
}

xmlNode *ncp_dom_find(xmlNode *el, const char *name, int last)
{
    xmlNode *found = NULL;
    ncp_dom_walk it;
    ncp_dom_event ev;
    if (!el)
        return NULL;
    if (ncp_dom_is(el, name)) {
        if (!last)
            return el;
        found = el;
    }
    if (el->type != XML_ELEMENT_NODE)
        return found;
    ncp_dom_walk_init(&it, el->children);
    while ((ev = ncp_dom_walk_next(&it)) != NCP_DOM_DONE)
        if (ev == NCP_DOM_ENTER && ncp_dom_is(it.node, name)) {
            found = it.node;
            if (!last)
                return found;
        }
    return found;
}

void ncp_dom_text(const xmlNode *n, nc_buf *out)
{
    xmlChar *t = xmlNodeGetContent(n);
    if (!t)
        return;
    ncp_collapse_space(out, (const char *)t, strlen((const char *)t));
    xmlFree(t);
}

static int is_absolute(const char *u)
{
    const char *p = u;
    if (!u)
        return 0;
    while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
           *p == '+' || *p == '-' || *p == '.')
        p++;
    return p != u && *p == ':';
}

void ncp_dom_resolve(const char *base, const char *href, nc_buf *out)
{
    xmlChar *r;
    size_t len = strlen(href);
    href = ncp_trim(href, &len);
    /* A URL never starts with a quote: pages whose templates encode a JSON or attribute
     * value twice write "\"https://...\"" (seen in JSON-LD @id and url); the quotes go. */
    if (len >= 2 && (href[0] == '"' || href[0] == '\'') && href[len - 1] == href[0]) {
        href++;
        len -= 2;
        href = ncp_trim(href, &len);
    }
    if (!base || is_absolute(href) || !is_absolute(base) || (len && href[0] == '#')) {
        nc_buf_put(out, href, len);
        return;
    }
    {
        char *h = malloc(len + 1);
        if (!h) {
            out->failed = 1;
            return;
        }
        memcpy(h, href, len);
        h[len] = '\0';
        r = xmlBuildURI((const xmlChar *)h, (const xmlChar *)base);
        free(h);
    }
    if (r) {
        nc_buf_puts(out, (const char *)r);
        xmlFree(r);
    } else {
        nc_buf_put(out, href, len);
    }
}

/* ---- element classes ---- */

enum kind {
    K_TRANSPARENT, /* unknown or presentational: its content counts */
    K_SKIP,        /* dropped with its content */
    K_PARA, K_HEADING, K_QUOTE, K_UL, K_OL, K_LI, K_DL, K_DT, K_DD, K_FIGURE, K_FIGCAPTION, K_PRE, K_HR,
    K_TABLE, K_THEAD, K_TBODY, K_TR, K_CELL, K_CAPTION, K_DIV, K_EMBED,
    K_EM, K_STRONG, K_CODE, K_LINK, K_IMG, K_BR, K_SUP, K_SUB, K_DEL, K_INS, K_STRIKE, K_PICTURE
};

/* The one table of elements: what each is to the lenient walk (kind) and to the
 * canonical profile (role, domcanon.c). Names not here are K_TRANSPARENT and
 * NCP_ROLE_OTHER. */
static const struct {
    const char *name;
    enum kind kind;
    ncp_dom_role role;
} kinds[] = {
    {"p", K_PARA, NCP_ROLE_BLOCK},
    {"h1", K_HEADING, NCP_ROLE_BLOCK},
    {"h2", K_HEADING, NCP_ROLE_BLOCK},
    {"h3", K_HEADING, NCP_ROLE_BLOCK},
    {"h4", K_HEADING, NCP_ROLE_BLOCK},
    {"h5", K_HEADING, NCP_ROLE_BLOCK},
    {"h6", K_HEADING, NCP_ROLE_BLOCK},
    {"hl1", K_HEADING, NCP_ROLE_OTHER},
    {"hl2", K_HEADING, NCP_ROLE_OTHER},
    {"blockquote", K_QUOTE, NCP_ROLE_BLOCK},
    {"bq", K_QUOTE, NCP_ROLE_OTHER},
    {"ul", K_UL, NCP_ROLE_BLOCK},
    {"ol", K_OL, NCP_ROLE_BLOCK},
    {"li", K_LI, NCP_ROLE_BOX},
    {"dl", K_DL, NCP_ROLE_BLOCK},
    {"dt", K_DT, NCP_ROLE_BLOCK},
    {"dd", K_DD, NCP_ROLE_BLOCK},
    {"figure", K_FIGURE, NCP_ROLE_BLOCK},
    {"media", K_FIGURE, NCP_ROLE_OTHER},
    {"figcaption", K_FIGCAPTION, NCP_ROLE_BOX},
    {"media-caption", K_FIGCAPTION, NCP_ROLE_OTHER},
    {"pre", K_PRE, NCP_ROLE_BLOCK},
    {"hr", K_HR, NCP_ROLE_BLOCK},
    {"table", K_TABLE, NCP_ROLE_BLOCK},
    {"thead", K_THEAD, NCP_ROLE_BOX},
    {"tbody", K_TBODY, NCP_ROLE_BOX_QUIET},
    {"tfoot", K_TBODY, NCP_ROLE_BOX},
    {"tr", K_TR, NCP_ROLE_BOX},
    {"td", K_CELL, NCP_ROLE_BOX},
    {"th", K_CELL, NCP_ROLE_BOX},
    {"caption", K_CAPTION, NCP_ROLE_BOX},
    {"div", K_DIV, NCP_ROLE_BOX},
    {"section", K_DIV, NCP_ROLE_BOX},
    {"article", K_DIV, NCP_ROLE_BOX},
    {"main", K_DIV, NCP_ROLE_BOX},
    {"header", K_DIV, NCP_ROLE_BOX},
    {"footer", K_DIV, NCP_ROLE_BOX},
    {"aside", K_DIV, NCP_ROLE_BOX},
    {"center", K_DIV, NCP_ROLE_BOX},
    {"body", K_DIV, NCP_ROLE_BOX_QUIET},
    {"html", K_DIV, NCP_ROLE_BOX_QUIET},
    {"block", K_DIV, NCP_ROLE_OTHER},
    {"body.content", K_DIV, NCP_ROLE_OTHER},
    {"address", K_PARA, NCP_ROLE_BOX},
    {"details", K_DIV, NCP_ROLE_BOX},
    {"summary", K_PARA, NCP_ROLE_BOX},
    {"hgroup", K_DIV, NCP_ROLE_BOX},
    {"nav", K_DIV, NCP_ROLE_BOX},
    {"iframe", K_EMBED, NCP_ROLE_BLOCK},
    {"video", K_EMBED, NCP_ROLE_BLOCK},
    {"audio", K_EMBED, NCP_ROLE_BLOCK},
    {"embed", K_EMBED, NCP_ROLE_BLOCK},
    {"object", K_EMBED, NCP_ROLE_DROP},
    {"em", K_EM, NCP_ROLE_OTHER},
    {"i", K_EM, NCP_ROLE_OTHER},
    {"cite", K_EM, NCP_ROLE_OTHER},
    {"dfn", K_EM, NCP_ROLE_OTHER},
    {"var", K_EM, NCP_ROLE_OTHER},
    {"strong", K_STRONG, NCP_ROLE_OTHER},
    {"b", K_STRONG, NCP_ROLE_OTHER},
    {"code", K_CODE, NCP_ROLE_OTHER},
    {"kbd", K_CODE, NCP_ROLE_OTHER},
    {"samp", K_CODE, NCP_ROLE_OTHER},
    {"tt", K_CODE, NCP_ROLE_OTHER},
    {"a", K_LINK, NCP_ROLE_OTHER},
    {"img", K_IMG, NCP_ROLE_OTHER},
    {"media-reference", K_IMG, NCP_ROLE_OTHER},
    {"br", K_BR, NCP_ROLE_OTHER},
    {"sup", K_SUP, NCP_ROLE_OTHER},
    {"sub", K_SUB, NCP_ROLE_OTHER},
    {"del", K_DEL, NCP_ROLE_OTHER},
    {"ins", K_INS, NCP_ROLE_OTHER},
    {"s", K_STRIKE, NCP_ROLE_OTHER},
    {"strike", K_STRIKE, NCP_ROLE_OTHER},
    {"picture", K_PICTURE, NCP_ROLE_OTHER},
    {"script", K_SKIP, NCP_ROLE_DROP},
    {"style", K_SKIP, NCP_ROLE_DROP},
    {"noscript", K_SKIP, NCP_ROLE_DROP},
    {"template", K_SKIP, NCP_ROLE_DROP},
    {"head", K_SKIP, NCP_ROLE_DROP},
    {"title", K_SKIP, NCP_ROLE_DROP},
    {"meta", K_SKIP, NCP_ROLE_DROP},
    {"link", K_SKIP, NCP_ROLE_DROP},
    {"svg", K_SKIP, NCP_ROLE_DROP},
    {"math", K_TRANSPARENT, NCP_ROLE_DROP}, /* MathML: its text, without the */
    {"annotation", K_SKIP, NCP_ROLE_DROP},  /* TeX or content-markup copies */
    {"annotation-xml", K_SKIP, NCP_ROLE_DROP},
    {"form", K_SKIP, NCP_ROLE_BOX},
    {"input", K_SKIP, NCP_ROLE_DROP},
    {"button", K_SKIP, NCP_ROLE_DROP},
    {"select", K_SKIP, NCP_ROLE_DROP},
    {"textarea", K_SKIP, NCP_ROLE_DROP},
    {"canvas", K_SKIP, NCP_ROLE_OTHER},
    {"map", K_SKIP, NCP_ROLE_OTHER},
    {"area", K_SKIP, NCP_ROLE_OTHER},
    {"source", K_SKIP, NCP_ROLE_OTHER},
    {"track", K_SKIP, NCP_ROLE_OTHER},
    {"param", K_SKIP, NCP_ROLE_DROP},
    {"media-metadata", K_SKIP, NCP_ROLE_OTHER},
    {"media-producer", K_FIGCAPTION, NCP_ROLE_OTHER},
    {"fn", K_SKIP, NCP_ROLE_OTHER},
    {"dialog", K_SKIP, NCP_ROLE_OTHER},
    {"object.title", K_SKIP, NCP_ROLE_OTHER},
    {"base", K_TRANSPARENT, NCP_ROLE_DROP},
    {"colgroup", K_TRANSPARENT, NCP_ROLE_DROP},
    {"col", K_TRANSPARENT, NCP_ROLE_DROP},
    {"fieldset", K_TRANSPARENT, NCP_ROLE_BOX},
    {"menu", K_TRANSPARENT, NCP_ROLE_BOX},
    {"dir", K_TRANSPARENT, NCP_ROLE_BOX},
};

/* The row of n in kinds, or -1. */
static int row_of(const xmlNode *n)
{
    const char *name = ncp_dom_name(n);
    int c = name[0] >= 'A' && name[0] <= 'Z' ? name[0] + 32 : name[0];
    size_t i;
    for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (kinds[i].name[0] == c && !ncp_strcasecmp(kinds[i].name, name))
            return (int)i;
    return -1;
}

static enum kind kind_of(const xmlNode *n)
{
    int i = row_of(n);
    return i < 0 ? K_TRANSPARENT : kinds[i].kind;
}

int ncp_dom_dropped_when_empty(nc_node_type t)
{
    switch (t) {
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
    case NC_BLOCK_BLOCKQUOTE:
    case NC_BLOCK_BULLET_LIST:
    case NC_BLOCK_ORDERED_LIST:
    case NC_BLOCK_DEF_LIST:
    case NC_BLOCK_TABLE:
        return 1;
    default:
        return 0;
    }
}

ncp_dom_role ncp_dom_role_of(const xmlNode *n)
{
    int i = n && n->type == XML_ELEMENT_NODE ? row_of(n) : -1;
    return i < 0 ? NCP_ROLE_OTHER : kinds[i].role;
}

static int is_block_kind(enum kind k)
{
    return (k >= K_PARA && k <= K_EMBED) && k != K_FIGCAPTION && k != K_CAPTION;
}

int ncp_dom_hidden(const xmlNode *n)
{
    const char *s;
    if (ncp_dom_attr(n, "hidden"))
        return 1;
    if ((s = ncp_dom_attr(n, "aria-hidden")) && !ncp_strcasecmp(s, "true"))
        return 1;
    if ((s = ncp_dom_attr(n, "style"))) {
        const char *p;
        for (p = s; *p; p++)
            if (!ncp_strncasecmp(p, "display", 7)) {
                const char *q = p + 7;
                while (*q == ' ' || *q == ':')
                    q++;
                if (!ncp_strncasecmp(q, "none", 4))
                    return 1;
            }
        for (p = s; *p; p++)
            if (!ncp_strncasecmp(p, "visibility", 10)) {
                const char *q = p + 10;
                while (*q == ' ' || *q == ':')
                    q++;
                if (!ncp_strncasecmp(q, "hidden", 6))
                    return 1;
            }
    }
    return 0;
}

/* 1 when an element holds a block element, at any depth (<span><span><div>...), looking
 * at no more than 512 nodes. */
static int holds_block(xmlNode *el)
{
    ncp_dom_walk it;
    ncp_dom_event ev;
    int budget = 512;
    ncp_dom_walk_init(&it, el->children);
    while ((ev = ncp_dom_walk_next(&it)) != NCP_DOM_DONE) {
        if (ev != NCP_DOM_ENTER)
            continue;
        if (budget-- <= 0)
            break;
        if (it.node->type == XML_ELEMENT_NODE) {
            enum kind k = kind_of(it.node);
            if (is_block_kind(k) || k == K_FIGCAPTION)
                return 1;
            if (k == K_SKIP)
                ncp_dom_walk_skip(&it);
        }
    }
    return 0;
}

/* 1 when el or an element under it is a picture (img, picture, NITF media-reference) or,
 * with players, an embedded player (iframe, video, audio, embed, object): what makes a
 * <figure> a figure of the model. A figure of a table, a quote, a code listing or text
 * is a box of blocks instead (WordPress's wp-block-table and wp-block-pullquote). */
static int holds_media(xmlNode *el, int players)
{
    ncp_dom_walk it;
    ncp_dom_event ev;
    int budget = 2048;
    enum kind k = kind_of(el);
    if (k == K_IMG || k == K_PICTURE || (players && k == K_EMBED))
        return 1;
    ncp_dom_walk_init(&it, el->children);
    while ((ev = ncp_dom_walk_next(&it)) != NCP_DOM_DONE) {
        if (ev != NCP_DOM_ENTER || it.node->type != XML_ELEMENT_NODE)
            continue;
        if (budget-- <= 0)
            return 1; /* too large to tell: a figure, as before */
        k = kind_of(it.node);
        if (k == K_IMG || k == K_PICTURE || (players && k == K_EMBED))
            return 1;
    }
    return 0;
}

/* 1 when a child of figure el other than its figcaption has content (an element, or text
 * that is not white space): a figure of only a caption (and credit) is the model's
 * figure without a picture, as the canonical XHTML writes one. */
static int beside_caption(const xmlNode *el)
{
    const xmlNode *c;
    for (c = el->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && kind_of(c) != K_FIGCAPTION && kind_of(c) != K_SKIP)
            return 1;
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
            size_t len = strlen((const char *)c->content);
            ncp_trim((const char *)c->content, &len);
            if (len)
                return 1;
        }
    }
    return 0;
}

/* ---- the walk ---- */

enum mode { M_BLOCKS, M_INLINES, M_FIGURE, M_TABLE, M_ROW, M_SKIPPING };

typedef struct frame {
    xmlNode *el;
    enum mode mode;
    nc_node *container;   /* where children go */
    nc_node *implicit;    /* M_BLOCKS: open implicit paragraph for stray inlines */
    nc_node *list;        /* K_LI: the list node whose tightness it affects */
    int loose;            /* a list saw <p> in an item */
    int in_thead, in_tfoot;
    int credit;           /* collecting a figure credit */
    int owns;             /* the container was made for this element: finish it on leave */
    size_t credit_start;
} frame;

typedef struct walker {
    const ncp_dom_ctx *ctx;
    nc_article *a;
    frame *st;
    size_t n, cap;
    int model_depth;
    int last_space;     /* the inline text so far ends in white space (or is empty) */
    nc_buf tmp;
    nc_buf credit;      /* text of a figure credit being collected */
} walker;

static frame *push(walker *w, xmlNode *el, enum mode mode, nc_node *container, int owns)
{
    frame *f;
    if (w->n == w->cap) {
        size_t ncap = w->cap ? w->cap * 2 : 32;
        frame *ns = realloc(w->st, ncap * sizeof *ns);
        if (!ns)
            return NULL;
        w->st = ns;
        w->cap = ncap;
    }
    f = &w->st[w->n++];
    memset(f, 0, sizeof *f);
    f->el = el;
    f->mode = mode;
    f->container = container;
    f->owns = owns;
    if (owns)
        w->model_depth++;
    if (w->n > 1) {
        f->in_thead = w->st[w->n - 2].in_thead;
        f->in_tfoot = w->st[w->n - 2].in_tfoot;
        f->credit = w->st[w->n - 2].credit;
    }
    return f;
}

static frame *top(walker *w) { return &w->st[w->n - 1]; }


static void finish_inlines(walker *w, nc_node *blk);
static int empty_block(const nc_node *n);

/* Ends the open implicit paragraph: its trailing space goes, an empty one is removed. */
static void close_implicit(walker *w)
{
    frame *f = top(w);
    if (f->mode == M_BLOCKS && f->implicit) {
        finish_inlines(w, f->implicit);
        if (empty_block(f->implicit))
            nc_node_unlink(f->implicit);
        f->implicit = NULL;
    }
}

static nc_node *new_node(walker *w, nc_node_type t, xmlNode *el)
{
    int line = el ? (int)xmlGetLineNo(el) : 0;
    return nc_node_new(w->a, t, line > 0 ? line : 0, 0);
}

int ncp_dom_span(const char *v)
{
    long x;
    char *end;
    if (!v)
        return 1;
    x = strtol(v, &end, 10);
    return end == v || x < 1 ? 1 : x > 1000 ? 1000 : (int)x;
}
nc_align ncp_dom_align(const char *al, const char *style)
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
/* Where inline content goes now: the inline container, or an implicit paragraph. */

static nc_node *inline_target(walker *w, xmlNode *el)
{
    frame *f = top(w);
    switch (f->mode) {
    case M_INLINES:
        return f->container;
    case M_BLOCKS:
        if (!f->implicit) {
            f->implicit = nc_node_append(f->container, new_node(w, NC_BLOCK_PARAGRAPH, el));
            w->last_space = 1;
        }
        return f->implicit;
    case M_FIGURE:
        /* text of a figure outside its figcaption: caption text too */
        return f->container && f->container->type == NC_BLOCK_FIGURE ? f->container : NULL;
    case M_TABLE:
    case M_ROW:
    case M_SKIPPING:
        return NULL;
    }
    return NULL;
}

static void add_text(walker *w, xmlNode *el, const char *s, size_t len)
{
    nc_node *target, *last;
    size_t i;
    frame *f = top(w);
    nc_buf *b = &w->tmp;
    if (f->credit) {
        nc_buf_put(&w->credit, s, len);
        return;
    }
    /* white space only text between blocks says nothing */
    if (f->mode != M_INLINES) {
        size_t tl = len;
        ncp_trim(s, &tl);
        if (!tl && !(f->mode == M_BLOCKS && f->implicit))
            return;
        /* ... but between two inlines of an open implicit paragraph it is the space
         * that separates their words (<div><b>Jane Doe</b> <i>contributed</i></div>) */
    }
    /* the target first: opening an implicit paragraph starts a line (no leading space),
     * and what this text ends with is then what the next one follows */
    target = inline_target(w, el);
    if (!target)
        return;
    nc_buf_clear(b);
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        int sp = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
        if (sp) {
            if (!w->last_space)
                nc_buf_putc(b, ' ');
            w->last_space = 1;
        } else {
            nc_buf_putc(b, c);
            w->last_space = 0;
        }
    }
    if (!b->size)
        return;
    last = nc_node_last_child(target);
    if (last && last->type == NC_INLINE_TEXT)
        nc_node_append_literal(w->a, last, b->ptr, b->size);
    else
        nc_node_append(target, nc_node_new_text(w->a, b->ptr, b->size,
                                                el ? (int)xmlGetLineNo(el) : 0, 0));
}

/* An inline quotation (HTML and NITF <q>): the body model has no node for it, and a
 * browser shows it between quotation marks, so its text is read between them. */
#define QUOTE_OPEN "\u201c"
#define QUOTE_CLOSE "\u201d"

/* 1 when s (len bytes) ends (end) or begins (!end) with a quotation mark. */
static int quote_mark_at(const char *s, size_t len, int end)
{
    static const char *const marks[] = {"\"", "'", "\u201c", "\u201d", "\u201e", "\u2018",
                                        "\u2019", "\u201a", "\u00ab", "\u00bb", "\u2039",
                                        "\u203a", "\u300c", "\u300d", NULL};
    size_t i, m;
    for (i = 0; marks[i]; i++) {
        m = strlen(marks[i]);
        if (len >= m && !memcmp(end ? s + len - m : s, marks[i], m))
            return 1;
    }
    return 0;
}

/* A ruby annotation (<rt>) without the <rp> parentheses a page gives for browsers that
 * do not show ruby: the model has no ruby, so its text is written as those browsers show
 * it, "漢(kan)字(ji)", not glued to the base ("漢kan字ji"). */
static int bare_ruby_text(const xmlNode *el)
{
    const xmlNode *c;
    if (!el || el->type != XML_ELEMENT_NODE || !el->name ||
        ncp_strcasecmp((const char *)el->name, "rt") || !el->parent)
        return 0;
    for (c = el->parent->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && c->name && !ncp_strcasecmp((const char *)c->name, "rp"))
            return 0;
    return 1;
}

/* A <q>, which the model writes with quotation marks, unless its text has marks already
 * (“<q>...</q>”: a page that styles q without marks and types them). */
static int is_quotation(const xmlNode *el)
{
    const xmlNode *pv, *nx;
    if (!el || el->type != XML_ELEMENT_NODE || !el->name || strcmp((const char *)el->name, "q"))
        return 0;
    const char *after;
    pv = el->prev;
    nx = el->next;
    if (!pv || pv->type != XML_TEXT_NODE || !pv->content || !nx || nx->type != XML_TEXT_NODE ||
        !nx->content)
        return 1;
    after = (const char *)nx->content;
    after += strspn(after, ",.;:!?"); /* “<q>...</q>,” */
    return !(quote_mark_at((const char *)pv->content, strlen((const char *)pv->content), 1) &&
             quote_mark_at(after, strlen(after), 0));
}

/* Removes trailing white space at the end of a block's inlines, and empty blocks. */
static void finish_inlines(walker *w, nc_node *blk)
{
    nc_node *n = blk;
    /* descend to the last leaf */
    while (n && n->last && !nc_node_type_is_leaf(n->type))
        n = n->last;
    if (n && n->type == NC_INLINE_TEXT && n->as.code.len &&
        n->as.code.literal[n->as.code.len - 1] == ' ') {
        n->as.code.len--;
        ((char *)n->as.code.literal)[n->as.code.len] = '\0';
        if (!n->as.code.len) {
            nc_node *p = n->parent;
            nc_node_unlink(n);
            /* drop now-empty inline wrappers */
            while (p && p != blk && !p->first && nc_node_is_inline(p)) {
                nc_node *pp = p->parent;
                nc_node_unlink(p);
                p = pp;
            }
        }
    }
    w->last_space = 1;
}

static int empty_block(const nc_node *n)
{
    return !n->first;
}

/* A stand-in that lazy-loading scripts replace: a data: URI, a 1x1 or blank image. */
static int placeholder_src(const char *s)
{
    static const char *const marks[] = {"data:", "blank.", "spacer.", "pixel.", "placeholder",
                                        "transparent.", "1x1", "grey.gif", "gray.gif",
                                        "lazy", "loading.", NULL};
    size_t i;
    if (!s || !*s)
        return 1;
    for (i = 0; marks[i]; i++)
        if (strstr(s, marks[i]))
            return 1;
    return 0;
}

/* The best candidate of a srcset ("a.jpg 320w, b.jpg 1024w" -> b.jpg: the widest, or the
 * highest density; the first without descriptors). Into out, unresolved. */
static void srcset_best(const char *s, nc_buf *out)
{
    double best = -1;
    nc_buf_clear(out);
    while (*s) {
        const char *u, *d;
        size_t ul;
        double v = 0;
        while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == ',')
            s++;
        if (!*s)
            break;
        u = s;
        while (*s && *s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            s++;
        ul = (size_t)(s - u);
        d = s;
        if (ul && u[ul - 1] == ',') {
            while (ul && u[ul - 1] == ',')
                ul--; /* "a.jpg," : no descriptor */
            d = s; /* empty descriptor */
        } else {
            while (*s && *s != ',')
                s++;
        }
        /* descriptor: "320w" or "2x" */
        while (d < s && (*d == ' ' || *d == '\t'))
            d++;
        if (d < s) {
            v = strtod(d, NULL);
            if (strchr(d, 'x') && strchr(d, 'x') < s && v > 0 && v < 10)
                v *= 1000; /* densities rank like widths of 1000px per x */
        }
        if (ul && v > best) {
            best = v;
            nc_buf_clear(out);
            nc_buf_put(out, u, ul);
        }
        if (best < 0 && ul) { /* first one without descriptor */
            best = 0;
            nc_buf_clear(out);
            nc_buf_put(out, u, ul);
        }
    }
}

/* An image's address. Web pages (NCP_DOM_HTML): a lazy-loading attribute (data-src,
 * data-original, ...) names the real image; a placeholder src gives way to the best
 * srcset/data-srcset candidate or to a <picture>'s <source>. NITF media-reference: source,
 * href. */
static void image_src(walker *w, xmlNode *el, nc_buf *out)
{
    static const char *const lazy[] = {"data-src", "data-original", "data-lazy-src",
                                       "data-lazy", "data-url", "data-hi-res-src",
                                       "data-full-src", "data-original-src", "data-img-src",
                                       NULL};
    static const char *const sets[] = {"data-srcset", "data-lazy-srcset", "srcset", NULL};
    const char *src = ncp_dom_attr(el, "src");
    size_t i;
    nc_buf tmp = NC_BUF_INIT;
    nc_buf_clear(out);
    if (src && (!*src || !strncmp(src, "data:", 5)))
        src = NULL;
    if (w->ctx->flags & NCP_DOM_HTML) {
        const char *l = NULL;
        for (i = 0; lazy[i] && !l; i++) {
            const char *v = ncp_dom_attr(el, lazy[i]);
            if (v && *v && strncmp(v, "data:", 5) && !strchr(v, ' '))
                l = v;
        }
        if (l)
            src = l;
        if (!src || placeholder_src(src)) {
            xmlNode *pic = el->parent;
            ncp_dom_walk it;
            ncp_dom_event ev;
            int budget = 64;
            for (i = 0; sets[i] && !tmp.size; i++) {
                const char *v = ncp_dom_attr(el, sets[i]);
                if (v && *v)
                    srcset_best(v, &tmp);
            }
            /* <picture><source srcset=...><img></picture> (libxml2 2.9 nests the img in
             * the source, which it does not know to be empty) */
            while (pic && ncp_dom_is(pic, "source"))
                pic = pic->parent;
            ncp_dom_walk_init(&it, pic && ncp_dom_is(pic, "picture") ? pic->children : NULL);
            while (!tmp.size && (ev = ncp_dom_walk_next(&it)) != NCP_DOM_DONE) {
                const char *v;
                if (ev != NCP_DOM_ENTER)
                    continue;
                if (budget-- <= 0)
                    break;
                if (!ncp_dom_is(it.node, "source"))
                    continue;
                v = ncp_dom_attr(it.node, "srcset");
                if (!v || !*v)
                    v = ncp_dom_attr(it.node, "data-srcset");
                if (v && *v)
                    srcset_best(v, &tmp);
            }
            if (tmp.size && strncmp(tmp.ptr, "data:", 5))
                src = tmp.ptr;
        }
    } else if (!src && ncp_dom_is(el, "media-reference")) {
        src = ncp_dom_attr(el, "source");
        if (!src || !*src)
            src = ncp_dom_attr(el, "href");
    }
    if (src && *src)
        ncp_dom_resolve(w->ctx->base_url, src, out);
    nc_buf_release(&tmp);
}

/* The one table of social media posts embedded as a blockquote: the class that marks
 * one, and which profile knows it (web pages: any class containing the name; the
 * canonical profile: a class word). */
enum { EMBED_WEB = 1, EMBED_CANON = 2 };
static const struct {
    const char *cls;
    unsigned who;
} embed_classes[] = {
    {"twitter-tweet", EMBED_WEB | EMBED_CANON},  {"twitter-video", EMBED_WEB | EMBED_CANON},
    {"instagram-media", EMBED_WEB | EMBED_CANON}, {"tiktok-embed", EMBED_WEB | EMBED_CANON},
    {"text-post-media", EMBED_WEB},               {"fb-xfbml-parse-ignore", EMBED_WEB},
    {"reddit-embed-bq", EMBED_WEB},               {"bluesky-embed", EMBED_WEB},
    {"mastodon-embed", EMBED_WEB},                {"imgur-embed-pub", EMBED_CANON},
    {"reddit-card", EMBED_CANON},
};

/* The last <a> under el (the post's own link: Twitter's date links to the status); on
 * web pages only one whose address is absolute. */
static const char *last_link(const xmlNode *el, int absolute)
{
    const char *u = NULL;
    ncp_dom_walk it;
    ncp_dom_event ev;
    ncp_dom_walk_init(&it, el->children);
    while ((ev = ncp_dom_walk_next(&it)) != NCP_DOM_DONE)
        if (ev == NCP_DOM_ENTER && ncp_dom_is(it.node, "a")) {
            const char *h = ncp_dom_attr(it.node, "href");
            if (!absolute || (h && strstr(h, "://")))
                u = h;
        }
    return u;
}

int ncp_dom_social_embed(const xmlNode *el, unsigned flags, const char **url)
{
    const char *c = ncp_dom_attr(el, "class"), *u;
    unsigned who = flags & NCP_DOM_CANONICAL ? EMBED_CANON : EMBED_WEB;
    size_t i;
    int hit = 0;
    *url = NULL;
    if (!c)
        return 0;
    for (i = 0; i < sizeof embed_classes / sizeof embed_classes[0] && !hit; i++)
        if (embed_classes[i].who & who)
            hit = who == EMBED_WEB ? strstr(c, embed_classes[i].cls) != NULL
                                   : ncp_dom_class_word(el, embed_classes[i].cls);
    if (!hit)
        return 0;
    if (who == EMBED_CANON) {
        if ((u = ncp_dom_attr(el, "cite")) && *u)
            *url = u;
        else if ((u = ncp_dom_attr(el, "data-instgrm-permalink")) && *u)
            *url = u;
        else
            *url = last_link(el, 0);
        return 1;
    }
    if ((u = ncp_dom_attr(el, "data-instgrm-permalink")) && *u)
        *url = u;
    else if ((u = ncp_dom_attr(el, "cite")) && *u)
        *url = u;
    else
        *url = last_link(el, 1);
    return 1;
}

static const char *embed_src(xmlNode *el)
{
    const char *s = ncp_dom_attr(el, "src");
    xmlNode *c;
    if (!s || !*s)
        s = ncp_dom_attr(el, "data-src");
    if (!s || !*s)
        s = ncp_dom_attr(el, "data");
    for (c = el->children; (!s || !*s) && c; c = c->next)
        if (ncp_dom_is(c, "source"))
            s = ncp_dom_attr(c, "src");
    return s && *s ? s : NULL;
}

/* Returns 1 when a frame for el was pushed, -1 when out of memory (the return value of
 * enter). */
static int pushed(const frame *g) { return g ? 1 : -1; }

/* The element's kind as the walk treats it here, or K_SKIP when it and its subtree are
 * left out: skipped kinds, hidden elements and the caller's skip hook; a transparent
 * element holding blocks is a div; past the depth cap every element is transparent; in
 * inline context a block is transparent (with a space before it) and a rule dropped. */
/* 1 when the text node n holds more than white space (ASCII, or U+00A0). */
static int has_words(const xmlNode *n)
{
    const unsigned char *s;
    if (!n || n->type != XML_TEXT_NODE || !n->content)
        return 0;
    for (s = n->content; *s; s++) {
        if (s[0] == 0xC2 && s[1] == 0xA0)
            s++;
        else if (!strchr(" \t\r\n\f", *s))
            return 1;
    }
    return 0;
}

int ncp_dom_in_prose(const xmlNode *el)
{
    return has_words(el->prev) && has_words(el->next);
}

static enum kind effective_kind(walker *w, xmlNode *el)
{
    frame *f = top(w);
    enum kind k = kind_of(el);
    if (k == K_SKIP && ncp_dom_is(el, "source") && el->children)
        k = K_TRANSPARENT; /* libxml2 2.9 nests what follows a <source> inside it */
    if (k == K_SKIP && f->mode != M_SKIPPING && ncp_dom_is(el, "button") &&
        ncp_dom_in_prose(el)) {
        k = K_TRANSPARENT; /* a name or term in a sentence that opens a side note: a box */
        if (!w->last_space)
            add_text(w, el, " ", 1);
    }
    if (k == K_SKIP)
        return K_SKIP;
    if ((w->ctx->flags & NCP_DOM_HTML) && ncp_dom_hidden(el))
        return K_SKIP;
    if (w->ctx->skip && w->ctx->skip(w->ctx->skip_data, el))
        return K_SKIP;
    if (f->credit)
        return k;

    /* a transparent inline element holding blocks acts as a div */
    if (k == K_TRANSPARENT && f->mode == M_BLOCKS && holds_block(el))
        k = K_DIV;
    /* past the depth cap, every element is transparent */
    if (w->model_depth >= NC_MAX_DEPTH - 2 && k != K_IMG && k != K_BR && k != K_CODE &&
        k != K_PRE && k != K_HR)
        k = K_TRANSPARENT;

    /* in inline context, blocks become transparent (with a space between) */
    if (f->mode == M_INLINES && is_block_kind(k) && k != K_EMBED) {
        if (!w->last_space)
            add_text(w, el, " ", 1);
        k = k == K_HR ? K_SKIP : K_TRANSPARENT;
    }
    return k;
}

/* A space at the end of the caption text of fig so far (before more caption text from
 * another element of the figure). */
static void caption_space(walker *w, nc_node *fig)
{
    nc_node *l = nc_node_last_child(fig);
    if (!l)
        return;
    if (l->type == NC_INLINE_TEXT) {
        if (l->as.code.len && l->as.code.literal[l->as.code.len - 1] == ' ')
            return;
        nc_node_append_literal(w->a, l, " ", 1);
    }
    else
        nc_node_append(fig, nc_node_new_text(w->a, " ", 1, 0, 0));
    w->last_space = 1;
}

/* Inside a figure: its image, its caption, an embedded player or post; other elements
 * are descended into, looking for those. */
static int enter_in_figure(walker *w, xmlNode *el, enum kind k)
{
    frame *f = top(w);
    nc_node *fig = f->container;
    if (k == K_FIGCAPTION) {
        caption_space(w, fig); /* after caption text outside it */
        w->last_space = 1;
        return pushed(push(w, el, M_INLINES, fig, 1));
    }
    if (k == K_IMG) {
        const char *alt = ncp_dom_attr(el, "alt");
        if (fig->as.ref.href) {
            /* a second picture of one figure (a gallery, a before-and-after pair): a
             * figure of its own after the first, which takes what follows (the caption
             * then ends the series, where the page shows it). NITF's media-references
             * are renditions of one picture: not this. */
            nc_node *next;
            size_t i;
            if (!ncp_dom_is(el, "img"))
                return 0;
            image_src(w, el, &w->tmp);
            if (!w->tmp.size || !strcmp(w->tmp.ptr, fig->as.ref.href))
                return 0;
            next = new_node(w, NC_BLOCK_FIGURE, el);
            if (!next)
                return -1;
            if (fig->next)
                nc_node_insert_before(fig->next, next);
            else
                nc_node_append(fig->parent, next);
            for (i = 0; i < w->n; i++)
                if (w->st[i].container == fig)
                    w->st[i].container = next;
            fig = next;
        } else {
            image_src(w, el, &w->tmp);
        }
        if (w->tmp.size)
            nc_node_set_href(w->a, fig, w->tmp.ptr);
        if (alt && *alt)
            nc_node_set_alt(w->a, fig, alt);
        if ((alt = ncp_dom_attr(el, "title")) && *alt)
            nc_node_set_title(w->a, fig, alt);
        return 0;
    }
    if (k == K_EMBED || k == K_LINK) {
        /* <figure class="embed"><a href>, or a figure around an iframe */
        const char *u = k == K_LINK ? ncp_dom_attr(el, "href") : embed_src(el);
        if (u && (k == K_EMBED || ncp_dom_class_has(f->el, "embed")) &&
            !fig->as.ref.href && !fig->first) {
            size_t i;
            fig->type = NC_BLOCK_EMBED;
            memset(&fig->as, 0, sizeof fig->as);
            nc_buf_clear(&w->tmp);
            ncp_dom_resolve(w->ctx->base_url, u, &w->tmp);
            nc_node_set_href(w->a, fig, w->tmp.ptr);
            if (!(w->ctx->flags & NCP_DOM_HTML)) {
                f->mode = M_SKIPPING;
                return 0;
            }
            /* on a web page, the player's caption is read after it, as blocks (the
             * embed holds its address only) */
            for (i = 0; i < w->n; i++)
                if (w->st[i].container == fig) {
                    w->st[i].container = fig->parent;
                    w->st[i].mode = M_BLOCKS;
                    w->st[i].implicit = NULL;
                }
            return 0;
        }
    }
    /* on a web page, a box that holds a picture is looked into; one without (a caption
     * in a <p> or <div>, a credit line) is caption text */
    if ((w->ctx->flags & NCP_DOM_HTML) && !holds_media(el, 1)) {
        frame *g;
        int credit = ncp_dom_class_has(el, "credit") || ncp_dom_class_has(el, "copyright");
        if (!credit)
            caption_space(w, fig);
        g = push(w, el, M_INLINES, fig, 0);
        if (g && credit) {
            g->credit = 1;
            nc_buf_clear(&w->credit);
            if (!nc_node_first_child(fig))
                fig->as.ref.credit_first = 1; /* before the caption: written there */
        }
        return pushed(g);
    }
    return pushed(push(w, el, M_FIGURE, fig, 0));
}

/* Inside a table: row groups, rows and the caption (one per table: a second joins it). */
static int enter_in_table(walker *w, xmlNode *el, enum kind k)
{
    frame *f = top(w);
    nc_node *n;
    if (k == K_THEAD || k == K_TBODY) {
        frame *g = push(w, el, M_TABLE, f->container, 0);
        if (!g)
            return -1;
        g->in_thead = k == K_THEAD;
        g->in_tfoot = ncp_dom_is(el, "tfoot");
        return 1;
    }
    if (k == K_TR) {
        n = nc_node_append(f->container, new_node(w, NC_BLOCK_TABLE_ROW, el));
        nc_node_set_header(n, f->in_thead);
        nc_node_set_footer(n, f->in_tfoot && !f->in_thead);
        return pushed(push(w, el, M_ROW, n, 1));
    }
    if (k == K_CAPTION) {
        nc_node *t = f->container, *first = nc_node_first_child(t);
        if (first && first->type == NC_BLOCK_TABLE_CAPTION) {
            /* a table has one caption: a second one joins it */
            nc_node_append(first, nc_node_new_text(w->a, " ", 1, 0, 0));
            n = first;
        } else {
            n = new_node(w, NC_BLOCK_TABLE_CAPTION, el);
            if (first)
                nc_node_insert_before(first, n);
            else
                nc_node_append(t, n);
        }
        w->last_space = 1;
        return pushed(push(w, el, M_INLINES, n, 1));
    }
    return pushed(push(w, el, M_TABLE, f->container, 0));
}

/* Inside a row: cells with their spans and alignment. */
static int enter_in_row(walker *w, xmlNode *el, enum kind k)
{
    frame *f = top(w);
    if (k == K_CELL) {
        nc_node *n = nc_node_append(f->container, new_node(w, NC_BLOCK_TABLE_CELL, el));
        nc_node_set_header(n, ncp_dom_is(el, "th"));
        nc_node_set_span(n, ncp_dom_span(ncp_dom_attr(el, "colspan")),
                         ncp_dom_span(ncp_dom_attr(el, "rowspan")));
        nc_node_set_align(n, ncp_dom_align(ncp_dom_attr(el, "align"), ncp_dom_attr(el, "style")));
        w->last_space = 1;
        return pushed(push(w, el, M_INLINES, n, 1));
    }
    return pushed(push(w, el, M_ROW, f->container, 0));
}

/* A block container for el: it ends the implicit paragraph; its children go in `mode`. */
static int open_block(walker *w, xmlNode *el, nc_node_type t, enum mode mode)
{
    nc_node *n;
    close_implicit(w);
    n = nc_node_append(top(w)->container, new_node(w, t, el));
    return pushed(push(w, el, mode, n, 1));
}

/* A definition list, or one of its terms or definitions (outside a list: a paragraph). */
static int enter_def_list(walker *w, xmlNode *el, enum kind k)
{
    frame *f = top(w);
    nc_node *n;
    if (k == K_DL)
        return open_block(w, el, NC_BLOCK_DEF_LIST, M_BLOCKS);
    close_implicit(w);
    n = nc_node_append(f->container,
                       new_node(w, k == K_DT ? NC_BLOCK_DEF_TERM : NC_BLOCK_DEF_DATA, el));
    w->last_space = 1;
    return pushed(push(w, el, k == K_DT ? M_INLINES : M_BLOCKS, n, 1));
}

/* A paragraph or a heading (hN, NITF hl1 and hl2; other names level 2). An explicit <p>
 * in a list item makes its list loose. */
static int enter_text_block(walker *w, xmlNode *el, enum kind k)
{
    frame *f = top(w);
    nc_node *n;
    close_implicit(w);
    n = new_node(w, k == K_HEADING ? NC_BLOCK_HEADING : NC_BLOCK_PARAGRAPH, el);
    if (k == K_HEADING) {
        const char *nm = ncp_dom_name(el);
        int level = nm[0] && nm[1] >= '1' && nm[1] <= '6' && !nm[2] ? nm[1] - '0'
                    : nm[2] >= '1' && nm[2] <= '6' ? nm[2] - '0' /* hl1, hl2 */
                                                    : 2;
        nc_node_set_level(n, level);
    }
    nc_node_append(f->container, n);
    if (k == K_PARA && f->container->type == NC_BLOCK_LIST_ITEM && w->n >= 2) {
        size_t i = w->n;
        while (i-- > 0)
            if (w->st[i].list) {
                w->st[i].loose = 1;
                break;
            }
    }
    w->last_space = 1;
    return pushed(push(w, el, M_INLINES, n, 1));
}

/* A blockquote (on web pages, a social media post is an embed instead), a list, or a
 * list item (a stray one gets a list). */
static int enter_list_or_quote(walker *w, xmlNode *el, enum kind k)
{
    frame *f = top(w), *g;
    nc_node_type t = k == K_QUOTE ? NC_BLOCK_BLOCKQUOTE
                     : k == K_UL  ? NC_BLOCK_BULLET_LIST
                     : k == K_OL  ? NC_BLOCK_ORDERED_LIST
                                  : NC_BLOCK_LIST_ITEM;
    nc_node *n;
    if (k == K_QUOTE && (w->ctx->flags & NCP_DOM_HTML) && f->mode == M_BLOCKS) {
        const char *u;
        if (ncp_dom_social_embed(el, w->ctx->flags, &u) && u) {
            /* the post's address as an embed, then the text the page quotes (the post
             * may go; its words are the article's): a blockquote, as readers see it
             * before the platform's script replaces it */
            close_implicit(w);
            n = nc_node_append(f->container, new_node(w, NC_BLOCK_EMBED, el));
            nc_buf_clear(&w->tmp);
            ncp_dom_resolve(w->ctx->base_url, u, &w->tmp);
            nc_node_set_href(w->a, n, w->tmp.ptr);
        }
    }
    close_implicit(w);
    if (k == K_LI && f->container->type != NC_BLOCK_BULLET_LIST &&
        f->container->type != NC_BLOCK_ORDERED_LIST) {
        nc_node *l = nc_node_last_child(f->container);
        if (!l || l->type != NC_BLOCK_BULLET_LIST)
            l = nc_node_append(f->container, new_node(w, NC_BLOCK_BULLET_LIST, el));
        nc_node_set_tight(l, 1);
        n = nc_node_append(l, new_node(w, t, el));
    } else {
        n = nc_node_append(f->container, new_node(w, t, el));
    }
    if (k == K_OL) {
        const char *s = ncp_dom_attr(el, "start");
        nc_node_set_start(n, s ? atoi(s) : 1);
    }
    g = push(w, el, M_BLOCKS, n, 1);
    if (!g)
        return -1;
    if (k == K_UL || k == K_OL)
        g->list = n;
    return 1;
}

/* A code block: the element's text, the language from <code class="language-x">. */
static int enter_pre(walker *w, xmlNode *el)
{
    nc_node *n;
    xmlNode *c;
    const char *cls;
    xmlChar *t;
    close_implicit(w);
    n = nc_node_append(top(w)->container, new_node(w, NC_BLOCK_CODE_BLOCK, el));
    t = xmlNodeGetContent(el);
    nc_node_set_literal(w->a, n, t ? (const char *)t : "", t ? strlen((const char *)t) : 0);
    xmlFree(t);
    for (c = el->children; c; c = c->next)
        if (ncp_dom_is(c, "code") && (cls = ncp_dom_attr(c, "class")) &&
            !strncmp(cls, "language-", 9) && cls[9]) {
            size_t e = 9;
            while (cls[e] && cls[e] != ' ')
                e++;
            nc_buf_clear(&w->tmp);
            nc_buf_put(&w->tmp, cls + 9, e - 9);
            nc_node_set_info(w->a, n, w->tmp.ptr);
            break;
        }
    return 0;
}

/* An embedded player (iframe, video, ...): an embed block, or a link in inline context. */
static int enter_embed(walker *w, xmlNode *el)
{
    frame *f = top(w);
    const char *u = embed_src(el);
    nc_node *n;
    if (!u)
        return 0;
    nc_buf_clear(&w->tmp);
    ncp_dom_resolve(w->ctx->base_url, u, &w->tmp);
    if (f->mode == M_BLOCKS) {
        close_implicit(w);
        n = nc_node_append(f->container, new_node(w, NC_BLOCK_EMBED, el));
        nc_node_set_href(w->a, n, w->tmp.ptr);
    } else {
        nc_node *target = inline_target(w, el);
        n = nc_node_append(target, new_node(w, NC_INLINE_LINK, el));
        nc_node_set_href(w->a, n, w->tmp.ptr);
        nc_node_append(n, nc_node_new_text(w->a, w->tmp.ptr, w->tmp.size, 0, 0));
        w->last_space = 0;
    }
    return 0;
}

/* A box whose content counts (div, section, table parts outside a table, a caption):
 * it ends the implicit paragraph; a figcaption right after its figure is its caption. */
static int enter_box(walker *w, xmlNode *el, enum kind k)
{
    frame *f = top(w);
    if (f->mode == M_BLOCKS) {
        nc_node *last;
        close_implicit(w);
        last = nc_node_last_child(f->container);
        if (k == K_FIGCAPTION && last && last->type == NC_BLOCK_FIGURE && !last->first &&
            !last->as.ref.credit) {
            /* a caption right after its figure (<figure><img></figure><figcaption>) */
            w->last_space = 1;
            return pushed(push(w, el, M_INLINES, last, 1));
        }
        if (k == K_FIGCAPTION && last && last->type == NC_BLOCK_TABLE && el->parent &&
            ncp_dom_is(el->parent, "figure") &&
            !(last->first && last->first->type == NC_BLOCK_TABLE_CAPTION)) {
            /* the caption of a figure that is a table (<figure><table>...<figcaption>) */
            nc_node *cap = new_node(w, NC_BLOCK_TABLE_CAPTION, el);
            if (last->first)
                nc_node_insert_before(last->first, cap);
            else
                nc_node_append(last, cap);
            w->last_space = 1;
            return pushed(push(w, el, M_INLINES, cap, 1));
        }
        return pushed(push(w, el, M_BLOCKS, f->container, 0));
    }
    return pushed(push(w, el, f->mode, f->container, 0));
}

/* Inline leaves: an image, a line break (the space before it goes), inline code. */
static int enter_inline_leaf(walker *w, xmlNode *el, enum kind k)
{
    nc_node *target, *n;
    if (k == K_IMG) {
        const char *alt = ncp_dom_attr(el, "alt"), *title = ncp_dom_attr(el, "title");
        image_src(w, el, &w->tmp);
        if (!w->tmp.size)
            return 0;
        target = inline_target(w, el);
        n = nc_node_append(target, new_node(w, NC_INLINE_IMAGE, el));
        nc_node_set_href(w->a, n, w->tmp.ptr);
        nc_node_set_alt(w->a, n, alt && *alt ? alt : NULL);
        nc_node_set_title(w->a, n, title && *title ? title : NULL);
        w->last_space = 0;
        return 0;
    }
    target = inline_target(w, el);
    if (k == K_BR) {
        nc_node *last = nc_node_last_child(target);
        /* trailing space before a break is not content */
        if (last && last->type == NC_INLINE_TEXT && last->as.code.len &&
            last->as.code.literal[last->as.code.len - 1] == ' ') {
            last->as.code.len--;
            ((char *)last->as.code.literal)[last->as.code.len] = '\0';
            if (!last->as.code.len)
                nc_node_unlink(last); /* it was only that space */
        }
        nc_node_append(target, new_node(w, NC_INLINE_LINEBREAK, el));
        w->last_space = 1;
        return 0;
    }
    {
        xmlChar *t = xmlNodeGetContent(el);
        n = nc_node_append(target, new_node(w, NC_INLINE_CODE, el));
        nc_node_set_literal(w->a, n, t ? (const char *)t : "", t ? strlen((const char *)t) : 0);
        xmlFree(t);
        w->last_space = 0;
        return 0;
    }
}

/* A link (without an address, or a javascript: one, its content only), emphasis and the
 * other inline containers. */
static int enter_inline(walker *w, xmlNode *el, enum kind k)
{
    frame *f = top(w);
    nc_node *n;
    if (k == K_LINK) {
        const char *href = ncp_dom_attr(el, "href"), *title = ncp_dom_attr(el, "title");
        nc_node *target;
        if (!href || !strncmp(href, "javascript:", 11)) {
            if (f->mode == M_BLOCKS)
                return pushed(push(w, el, M_INLINES, inline_target(w, el), 0));
            return pushed(push(w, el, f->mode, f->container, 0));
        }
        target = inline_target(w, el);
        n = nc_node_append(target, new_node(w, NC_INLINE_LINK, el));
        nc_buf_clear(&w->tmp);
        ncp_dom_resolve(w->ctx->base_url, href, &w->tmp);
        nc_node_set_href(w->a, n, w->tmp.ptr);
        if (title && *title)
            nc_node_set_title(w->a, n, title);
        return pushed(push(w, el, M_INLINES, n, 1));
    }
    {
        nc_node_type t = k == K_EM ? NC_INLINE_EMPH : k == K_STRONG ? NC_INLINE_STRONG
                         : k == K_SUP ? NC_INLINE_SUP : k == K_SUB ? NC_INLINE_SUB
                         : k == K_DEL ? NC_INLINE_DEL : k == K_INS ? NC_INLINE_INS
                         : NC_INLINE_STRIKE;
        nc_node *target = inline_target(w, el);
        n = nc_node_append(target, new_node(w, t, el));
        return pushed(push(w, el, M_INLINES, n, 1));
    }
}

/* Enters element el. Returns 1 to descend into its children (a frame was pushed),
 * 0 to skip them, -1 on out of memory. */
static int enter(walker *w, xmlNode *el)
{
    frame *f = top(w);
    enum kind k;

    if (f->mode == M_SKIPPING)
        return 0;
    k = effective_kind(w, el);
    if (k == K_SKIP)
        return 0;
    if (f->credit)
        return pushed(push(w, el, f->mode, f->container, 0));
    switch (f->mode) {
    case M_FIGURE:
        return enter_in_figure(w, el, k);
    case M_TABLE:
        return enter_in_table(w, el, k);
    case M_ROW:
        return enter_in_row(w, el, k);
    default:
        break;
    }

    /* M_BLOCKS or M_INLINES */
    if (f->mode == M_INLINES && (ncp_dom_class_has(el, "credit") ||
                                 ncp_dom_class_has(el, "copyright")) &&
        f->container->type == NC_BLOCK_FIGURE) {
        frame *g = push(w, el, M_INLINES, f->container, 0);
        if (!g)
            return -1;
        g->credit = 1;
        nc_buf_clear(&w->credit);
        if (!nc_node_first_child(f->container))
            f->container->as.ref.credit_first = 1; /* before the caption: written there */
        return 1;
    }
    switch (k) {
    case K_DL:
        return enter_def_list(w, el, k);
    case K_DT:
    case K_DD:
        if (f->container->type == NC_BLOCK_DEF_LIST)
            return enter_def_list(w, el, k);
        /* a term or definition outside a list: a paragraph */
        return enter_text_block(w, el, k);
    case K_PARA:
    case K_HEADING:
        return enter_text_block(w, el, k);
    case K_QUOTE:
    case K_LI:
    case K_UL:
    case K_OL:
        return enter_list_or_quote(w, el, k);
    case K_FIGURE:
        if ((w->ctx->flags & NCP_DOM_HTML) && !ncp_dom_class_word(el, "embed") &&
            !holds_media(el, 1) && beside_caption(el))
            return enter_box(w, el, K_DIV); /* a table, a quote, a listing: blocks */
        return open_block(w, el, NC_BLOCK_FIGURE, M_FIGURE);
    case K_PRE:
        return enter_pre(w, el);
    case K_HR:
        close_implicit(w);
        nc_node_append(f->container, new_node(w, NC_BLOCK_THEMATIC_BREAK, el));
        return 0;
    case K_TABLE:
        return open_block(w, el, NC_BLOCK_TABLE, M_TABLE);
    case K_EMBED:
        return enter_embed(w, el);
    case K_DIV:
    case K_THEAD:
    case K_TBODY:
    case K_TR:
    case K_CELL:
    case K_CAPTION:
    case K_FIGCAPTION:
        return enter_box(w, el, k);
    case K_IMG:
    case K_BR:
    case K_CODE:
        return enter_inline_leaf(w, el, k);
    case K_LINK:
    case K_EM:
    case K_STRONG:
    case K_SUP:
    case K_SUB:
    case K_DEL:
    case K_INS:
    case K_STRIKE:
        return enter_inline(w, el, k);
    case K_SKIP:
        return 0;
    case K_PICTURE:
    case K_TRANSPARENT:
    default:
        if (f->mode == M_BLOCKS)
            return pushed(push(w, el, M_INLINES, inline_target(w, el), 0));
        return pushed(push(w, el, f->mode, f->container, 0));
    }
}

/* Leaves the element of the top frame. */
static void leave(walker *w)
{
    frame *f = top(w);
    nc_node *c = f->container;
    int owns = f->owns, inl = f->mode == M_INLINES;
    if (f->credit && (w->n < 2 || !w->st[w->n - 2].credit)) {
        /* the end of a credit element */
        nc_buf t = NC_BUF_INIT;
        ncp_collapse_space(&t, w->credit.ptr, w->credit.size);
        if (w->credit.failed || t.failed)
            w->a->failed = 1; /* out of memory: never a credit silently left out */
        else if (t.size)
            nc_node_set_credit(w->a, c, t.ptr);
        nc_buf_release(&t);
        nc_buf_clear(&w->credit);
    }
    if (f->mode == M_BLOCKS && f->implicit) {
        finish_inlines(w, f->implicit);
        if (empty_block(f->implicit))
            nc_node_unlink(f->implicit);
        f->implicit = NULL;
    }
    if (owns && c) {
        if (f->list)
            nc_node_set_tight(f->list, !f->loose);
        switch (c->type) {
        case NC_BLOCK_PARAGRAPH:
        case NC_BLOCK_HEADING:
        case NC_BLOCK_TABLE_CELL:
        case NC_BLOCK_TABLE_CAPTION:
        case NC_BLOCK_DEF_TERM:
            finish_inlines(w, c);
            break;
        case NC_BLOCK_FIGURE:
            if (f->mode == M_INLINES)
                finish_inlines(w, c); /* the end of a figcaption */
            else if (!c->first && !c->as.ref.href && !c->as.ref.credit)
                nc_node_unlink(c);
            break;
        case NC_BLOCK_DEF_LIST:
            ncp_def_list_tidy(w->a, c);
            break;
        default:
            break;
        }
        if (!c->first && ncp_dom_dropped_when_empty(c->type))
            nc_node_unlink(c);
        if (w->model_depth > 0)
            w->model_depth--;
    }
    w->n--;
    /* after a block closes, the enclosing block frame needs a new implicit paragraph
     * (not after an inline element that only passed its block's inlines through) */
    if (w->n && nc_node_is_block(c) && c->type != NC_BLOCK_TABLE_CELL && !(inl && !owns))
        w->last_space = 1;
}

int ncp_dom_convert(const ncp_dom_ctx *ctx, xmlNode *el, nc_node *into)
{
    walker w;
    ncp_dom_walk it;
    ncp_dom_event ev;
    int rc = 0;
    if (ctx->flags & NCP_DOM_CANONICAL)
        return el ? ncp_dom_convert_canonical(ctx, el, into) : 0;
    memset(&w, 0, sizeof w);
    w.ctx = ctx;
    w.a = ctx->a;
    nc_buf_init(&w.tmp);
    nc_buf_init(&w.credit);
    if (!el)
        return 0;
    if (!push(&w, NULL, M_BLOCKS, into, 0)) {
        rc = -1;
        goto done;
    }
    w.last_space = 1;
    if (ctx->flags & NCP_DOM_SELF) {
        int r = el->type == XML_ELEMENT_NODE ? enter(&w, el) : 0;
        if (r < 0) {
            rc = -1;
            goto done;
        }
        if (r == 0)
            goto finish;
        /* el and the siblings after it (the frames, not the tree, end the walk) */
        ncp_dom_walk_init(&it, el);
        ncp_dom_walk_next(&it); /* el, entered above */
    } else {
        w.st[0].el = el;
        ncp_dom_walk_init(&it, el->children);
    }
    /* st[k].el are the open elements; out of memory stops the walk (frames may hold no
     * container) */
    while (!w.a->failed && (ev = ncp_dom_walk_next(&it)) != NCP_DOM_DONE) {
        xmlNode *cur = it.node;
        if (ev == NCP_DOM_LEAVE) {
            if (is_quotation(top(&w)->el) && top(&w)->mode != M_SKIPPING)
                add_text(&w, top(&w)->el, QUOTE_CLOSE, strlen(QUOTE_CLOSE));
            else if (bare_ruby_text(top(&w)->el) && top(&w)->mode != M_SKIPPING)
                add_text(&w, top(&w)->el, ")", 1);
            leave(&w);
            continue;
        }
        if (cur->type == XML_TEXT_NODE || cur->type == XML_CDATA_SECTION_NODE) {
            if (cur->content && top(&w)->mode != M_SKIPPING)
                add_text(&w, cur, (const char *)cur->content, strlen((const char *)cur->content));
        } else if (cur->type == XML_ELEMENT_NODE) {
            int r = enter(&w, cur);
            if (r < 0) {
                rc = -1;
                goto done;
            }
            if (r == 0)
                ncp_dom_walk_skip(&it);
            else if (is_quotation(cur) && top(&w)->el == cur && top(&w)->mode != M_SKIPPING)
                add_text(&w, cur, QUOTE_OPEN, strlen(QUOTE_OPEN));
            else if (bare_ruby_text(cur) && top(&w)->el == cur && top(&w)->mode != M_SKIPPING)
                add_text(&w, cur, "(", 1);
        }
    }
    if (w.a->failed) {
        rc = -1;
        goto done;
    }
finish:
    while (w.n > 1)
        leave(&w);
    if (w.n == 1)
        leave(&w);
done:
    if (w.tmp.failed || w.credit.failed)
        rc = -1;
    free(w.st);
    nc_buf_release(&w.tmp);
    nc_buf_release(&w.credit);
    if (ctx->a->failed)
        rc = -1;
    return rc;
}

/* What the HTML parser reported: a failed allocation, or its depth or text length limit
 * (it stops there, silently under NOERROR; a text too long is reported as out of memory). */
typedef struct html_errors {
    int nomem, depth, huge;
} html_errors;

static void note_errors(void *ud, xmlErrorPtr e)
{
    html_errors *he = ud;
    if (e && e->code == XML_ERR_NO_MEMORY && e->message && strstr(e->message, "huge text"))
        he->huge = 1;
    else if (e && e->code == XML_ERR_NO_MEMORY)
        he->nomem = 1;
    if (e && e->code == XML_ERR_INTERNAL_ERROR && e->message && strstr(e->message, "depth"))
        he->depth = 1;
}

int ncp_dom_html_to_body(nc_article *a, const char *html, size_t len, const nc_opts *o,
                     const char *base_url, nc_node *into, nc_error *err)
{
    htmlDocPtr doc;
    xmlNode *root, *body = NULL, *c;
    ncp_dom_ctx ctx;
    int rc;
    if (len > (size_t)0x7fffffff)
        return nc_error_set(err, NC_ERR_LIMIT, 0, 0, "HTML body too large");
    {
        int line, col;
        if (ncp_markup_attrs_check(html, len, 1, &line, &col) < 0) {
            nc_warn(o, 0, 0, "HTML body with an element of more than %d attributes: dropped",
                    NCP_MAX_ATTRIBUTES);
            return 0;
        }
    }
    ncp_xml_quiet();
    xmlResetLastError();
    {
        /* libxml2 keeps a partial tree after a failed allocation, and later errors (an
         * unknown HTML5 tag) overwrite the last error: watch every error for one */
        xmlStructuredErrorFunc prev = xmlStructuredError;
        void *prev_ctx = xmlStructuredErrorContext;
        html_errors he = {0, 0, 0};
        xmlSetStructuredErrorFunc(&he, note_errors);
        int halted;
        doc = ncp_dom_parse_html(html, len, "UTF-8",
                            HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                HTML_PARSE_COMPACT,
                            &halted);
        he.nomem |= halted;
        xmlSetStructuredErrorFunc(prev_ctx, prev);
        if (he.nomem || (!doc && !he.huge && ncp_xml_oom())) {
            xmlFreeDoc(doc);
            return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
        }
        if (he.depth)
            nc_warn(o, 0, 0, "HTML body nested more than %d levels deep: the rest is dropped",
                    NC_MAX_DEPTH);
        if (he.huge)
            nc_warn(o, 0, 0, "HTML body with a text longer than %d bytes: the rest is dropped",
                    XML_MAX_TEXT_LENGTH);
    }
    if (!doc)
        return 0; /* nothing parsable: no body */
    root = xmlDocGetRootElement(doc);
    for (c = root ? root->children : NULL; c; c = c->next)
        if (ncp_dom_is(c, "body"))
            body = c;
    memset(&ctx, 0, sizeof ctx);
    ctx.a = a;
    ctx.o = o;
    ctx.base_url = base_url;
    ctx.flags = NCP_DOM_HTML;
    rc = ncp_dom_convert(&ctx, body ? body : root, into);
    xmlFreeDoc(doc);
    if (rc < 0)
        return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
    return 0;
}
