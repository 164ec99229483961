/* newsconv: the one DOM -> model mapping: a libxml2 DOM subtree (HTML or XML, namespaced or
 * not) -> body nodes.
 *
 * Shared by every reader that parses markup: the json, newsml and html readers (the
 * lenient profile) and the Markdown reader's raw HTML blocks (NCP_DOM_CANONICAL). Elements
 * are matched by local name, case-insensitively, never by prefix, through one table of
 * elements (dom.c) that says what each is in either profile.
 *
 * The lenient profile (dom.c) maps the canonical XHTML (src/model/xhtml.c) plus the
 * usual HTML synonyms (b -> strong, i -> em, div -> its children, ...) and NITF body
 * elements (hl1, hl2, bq, block, media); white space is collapsed, relative addresses
 * resolved, and on web pages (NCP_DOM_HTML) hidden elements skipped and lazy images found.
 *
 * The canonical profile (domcanon.c) reads back what the Markdown writer writes as raw
 * HTML, exactly, and reports through ctx->warn what it leaves out: <figure> with <img>
 * and a <figcaption> ending in <span class="credit"> is a figure, <figure class="embed">
 * an embed; embedded players and posts become embeds; other elements are dropped with
 * their text kept; script and style are dropped whole; text is kept as it is (the caller
 * collapses white space first) and trimmed at the ends of paragraphs, headings, cells
 * and captions.
 *
 * Both walks are iterative (ncp_dom_next); model nesting is capped at NC_MAX_DEPTH (deeper
 * content is flattened into the deepest container). */
#ifndef NEWSCONV_FORMATS_DOM_H
#define NEWSCONV_FORMATS_DOM_H

#include <libxml/tree.h>

#include "model/model.h"

enum {
    NCP_DOM_HTML = 1u << 0,     /* web page rules: skip hidden elements, lazy images */
    NCP_DOM_SELF = 1u << 1,     /* convert the element itself, not only its children */
    NCP_DOM_CANONICAL = 1u << 2, /* the canonical profile: raw HTML in Markdown */
};

/* What the canonical profile found besides the nodes (for the caller's own use). */
typedef struct ncp_dom_found {
    nc_node *embed;   /* the last embed made from non-canonical markup (a player, a post) */
    int script_line;  /* the line of the first script left out (0: none) */
} ncp_dom_found;

typedef struct ncp_dom_ctx {
    nc_article *a;
    const nc_opts *o;
    const char *base_url; /* relative href/src are resolved against it (may be NULL) */
    unsigned flags;
    /* Optional hook: return 1 to skip an element (and its subtree). */
    int (*skip)(void *ud, xmlNode *el);
    void *skip_data;
    /* NCP_DOM_CANONICAL: what is left out is reported through warn, with line and column
     * counted from `line` and `column` (where the markup starts in the input). html = 1:
     * `text` names a kind of markup dropped (callers report the first only); 0: a
     * warning of its own. */
    void (*warn)(void *ud, int line, int column, int html, const char *text);
    void *warn_data;
    int line, column;
    ncp_dom_found *found; /* NCP_DOM_CANONICAL: filled when not NULL */
} ncp_dom_ctx;

/* Appends the blocks for el's content to `into` (a block container: the document, a
 * blockquote, a list item), in the profile ctx->flags name. Returns 0, or -1 when out of
 * memory. */
int ncp_dom_convert(const ncp_dom_ctx *ctx, xmlNode *el, nc_node *into);
/* The canonical profile (domcanon.c; ncp_dom_convert calls it). */
int ncp_dom_convert_canonical(const ncp_dom_ctx *ctx, xmlNode *el, nc_node *into);

/* Parses an HTML fragment or document (UTF-8) with libxml2's HTML parser, without
 * network access, and appends its body's blocks to `into`. Returns 0 or -1 (err set). */
int ncp_dom_html_to_body(nc_article *a, const char *html, size_t len, const nc_opts *o,
                         const char *base_url, nc_node *into, nc_error *err);

/* 1 when a page hides el from readers: the hidden attribute, aria-hidden="true", or a
 * style of display: none or visibility: hidden. */
int ncp_dom_hidden(const xmlNode *el);

/* 1 when el stands inside a sentence: text that is more than white space right before
 * and after it ("said professor <button>Thomas W. Malone,</button> the founding ..."):
 * a button there opens a side note on a name or term, and its text is the sentence's. */
int ncp_dom_in_prose(const xmlNode *el);

/* ---- the element table and what both profiles share (dom.c) ---- */

/* What an element is to the canonical profile. */
typedef enum ncp_dom_role {
    NCP_ROLE_OTHER,      /* inline markup, or unknown: its content stays */
    NCP_ROLE_DROP,       /* dropped with its content */
    NCP_ROLE_BLOCK,      /* a block of the model (p, h1-h6, lists, table, figure, ...) */
    NCP_ROLE_BOX,        /* a block box with no meaning: its content stays (div, ...) */
    NCP_ROLE_BOX_QUIET,  /* the same, and expected (html, body, tbody): not reported */
} ncp_dom_role;
ncp_dom_role ncp_dom_role_of(const xmlNode *n);

/* The empty-element rule (docs/design.md), for both profiles: 1 when a node of type t
 * is dropped once it ends up with no children: an element that only carries text
 * (paragraph, heading, table caption, em, strong, sup, sub, del, ins, s, a) or a
 * container (blockquote, lists, definition list, table). Table cells, definition terms
 * and definitions stay; a figure is dropped when it has no image, caption or credit. */
int ncp_dom_dropped_when_empty(nc_node_type t);

/* A table cell's colspan or rowspan value (1 when absent or not a number, at most 1000)
 * and alignment (align="...", else style text-align). */
int ncp_dom_span(const char *v);
nc_align ncp_dom_align(const char *align, const char *style);

/* 1 when el is a social media post embedded as a blockquote (Twitter/X, Instagram,
 * TikTok, ...), recognised by its class: by any class containing a name of the web list
 * (NCP_DOM_HTML), or by a class word of the canonical list (NCP_DOM_CANONICAL); *url is
 * then its address (pointing into the tree; NULL when it has none). */
int ncp_dom_social_embed(const xmlNode *el, unsigned flags, const char **url);

/* ---- the one pre-order DOM walk ---- */

/* Every hand-written walk over a libxml2 tree uses this iterator (the model's nc_iter
 * for the DOM): ENTER for each node in document order, LEAVE for each element after its
 * children. Only elements are descended into. After ENTER of an element,
 * ncp_dom_walk_skip leaves its children out (and it gets no LEAVE). No recursion, no
 * allocation; the tree must not change during the walk, except before the current node
 * or, after ncp_dom_walk_skip, inside the current node's subtree (it is not visited).
 *
 *     ncp_dom_walk it;
 *     ncp_dom_event ev;
 *     ncp_dom_walk_init(&it, el->children);     // el's descendants
 *     while ((ev = ncp_dom_walk_next(&it)) != NCP_DOM_DONE)
 *         if (ev == NCP_DOM_ENTER && ncp_dom_is(it.node, "script"))
 *             ncp_dom_walk_skip(&it);
 */
typedef enum ncp_dom_event { NCP_DOM_DONE, NCP_DOM_ENTER, NCP_DOM_LEAVE } ncp_dom_event;
typedef struct ncp_dom_walk {
    xmlNode *node;       /* the node of the last event */
    xmlNode *root;       /* the walk ends when it climbs back to this node */
    xmlNode *only;       /* ncp_dom_walk_tree: the walk ends after this node's subtree */
    ncp_dom_event ev;
    int started, skip;
} ncp_dom_walk;
/* A walk over first, its following siblings and their descendants (first == NULL: an
 * empty walk). */
void ncp_dom_walk_init(ncp_dom_walk *it, xmlNode *first);
/* A walk over el itself and its descendants, not its siblings (ENTER el first, LEAVE el
 * last; el == NULL: an empty walk). */
void ncp_dom_walk_tree(ncp_dom_walk *it, xmlNode *el);
/* For walks that only look at nodes on the way down: the node of the next ENTER (LEAVE
 * events passed over), NULL when the walk is done.
 *
 *     for (ncp_dom_walk_tree(&it, root); (n = ncp_dom_walk_enter(&it)) != NULL;)
 *         if (ncp_dom_is(n, "link")) ...
 */
/* The next event (ncp_dom_walk_next), leaving the current element's children out
 * (ncp_dom_walk_skip) and the ENTER-only walk (ncp_dom_walk_enter) are inline: they run
 * once per node of every page, and a call across files per node cost about 3 % of the
 * html reader's batch speed (scripts/html-speed). */
static inline ncp_dom_event ncp_dom_walk_next(ncp_dom_walk *it)
{
    xmlNode *n = it->node;
    if (!it->started) {
        it->started = 1;
        return it->ev = n ? NCP_DOM_ENTER : NCP_DOM_DONE;
    }
    if (it->ev == NCP_DOM_DONE)
        return NCP_DOM_DONE;
    if (it->ev == NCP_DOM_ENTER && n->type == XML_ELEMENT_NODE && !it->skip) {
        if (n->children) {
            it->node = n->children;
            return it->ev = NCP_DOM_ENTER;
        }
        return it->ev = NCP_DOM_LEAVE;
    }
    it->skip = 0;
    if (n == it->only)
        return it->ev = NCP_DOM_DONE;
    if (n->next) {
        it->node = n->next;
        return it->ev = NCP_DOM_ENTER;
    }
    if (!n->parent || n->parent == it->root)
        return it->ev = NCP_DOM_DONE;
    it->node = n->parent;
    return it->ev = NCP_DOM_LEAVE;
}

static inline void ncp_dom_walk_skip(ncp_dom_walk *it)
{
    it->skip = 1;
}

static inline xmlNode *ncp_dom_walk_enter(ncp_dom_walk *it)
{
    ncp_dom_event ev;
    while ((ev = ncp_dom_walk_next(it)) == NCP_DOM_LEAVE)
        ;
    return ev == NCP_DOM_ENTER ? it->node : NULL;
}


/* Helpers for readers. */
const char *ncp_dom_name(const xmlNode *n);          /* local name, "" for non-elements */
int ncp_dom_is(const xmlNode *n, const char *name);   /* element with this local name */
/* An attribute by local name (any namespace); NULL if absent. Points into the tree
 * (valid while the document lives); the value of a single text child. */
const char *ncp_dom_attr(const xmlNode *n, const char *name);
/* 1 when the class attribute holds a word containing `part` (case-insensitive). */
int ncp_dom_class_has(const xmlNode *n, const char *part);
/* 1 when the class attribute holds the word `word` (case-insensitive). */
int ncp_dom_class_word(const xmlNode *n, const char *word);
/* The words of a space-separated attribute value (class, id, rel, itemprop), one at a
 * time: skips the separators in sep (NULL: HTML's white space, " \t\n\r\f") from *s,
 * returns the next word's start with its length in *len and moves *s past it; NULL when
 * there is no word left.
 *
 *     const char *w, *v = ncp_dom_attr(n, "class");
 *     size_t len;
 *     while (v && (w = ncp_dom_word_next(&v, NULL, &len)) != NULL)
 *         ...
 */
const char *ncp_dom_word_next(const char **s, const char *sep, size_t *len);
/* The tokens of a class or id word, one at a time: runs of ASCII letters (and digits when
 * `digits`), also split where a lower-case letter is followed by an upper-case one
 * ("c-article__body" -> c, article, body; "storyBody" -> story, body). The next token
 * before `end` is lower-cased into tok (at most cap - 1 characters kept, the rest of a
 * longer run passed over) and *s moved past it; returns its length, 0 at the end. */
size_t ncp_dom_token_next(const char **s, const char *end, int digits, char *tok, size_t cap);
/* The first (last = 0) or last descendant element of el, el included, with this name;
 * NULL when there is none. */
xmlNode *ncp_dom_find(xmlNode *el, const char *name, int last);
/* Text content of n with white space collapsed, appended to out. */
void ncp_dom_text(const xmlNode *n, nc_buf *out);
/* Resolves href against base into out (copies href when either is not absolute). */
void ncp_dom_resolve(const char *base, const char *href, nc_buf *out);

#endif
