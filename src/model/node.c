/* newsconv: the body tree. */
#include "model.h"

#include <string.h>

static const char *const type_names[NC_NODE__COUNT] = {
    "none",       "document",   "paragraph",      "heading",    "blockquote",
    "bullet_list", "ordered_list", "list_item",   "figure",     "code_block",
    "thematic_break", "table",  "table_row",      "table_cell", "embed",      "table_caption",  "def_list",   "def_term",   "def_data",
    "text",       "emph",       "strong",         "code",       "link",
    "image",      "linebreak",  "sup",            "sub",
    "del",        "ins",        "strike"};

/* The same types as a reader of messages names them. */
/* (both tables follow nc_node_type's order; the static assertion below keeps them whole) */
static const char *const type_words[NC_NODE__COUNT] = {
    "nothing",    "body",       "paragraph",      "heading",    "quotation",
    "bulleted list", "numbered list", "list item", "figure",    "code block",
    "horizontal rule", "table", "table row",      "table cell", "embed",
    "table caption", "definition list", "defined term", "definition",
    "text",       "emphasis",   "strong emphasis", "inline code", "link",
    "image",      "line break", "superscript",    "subscript",
    "deleted text", "inserted text", "struck-out text"};

_Static_assert(NC_INLINE_STRIKE + 1 == NC_NODE__COUNT, "type_names and type_words list every node type");

const char *ncp_node_type_words(nc_node_type t)
{
    return (unsigned)t < NC_NODE__COUNT ? type_words[t] : "nothing";
}

nc_node *nc_node_new(nc_article *a, nc_node_type type, int line, int column)
{
    nc_node *n = nc_article_alloc(a, sizeof *n);
    if (!n)
        return NULL;
    n->type = type;
    n->line = line;
    n->column = column;
    n->article = a;
    if (type == NC_BLOCK_ORDERED_LIST)
        n->as.list.start = 1;
    if (type == NC_BLOCK_HEADING)
        n->as.level = 1;
    return n;
}

nc_node *nc_node_new_text(nc_article *a, const char *s, size_t len, int line, int column)
{
    nc_node *n = nc_node_new(a, NC_INLINE_TEXT, line, column);
    if (n && nc_node_set_literal(a, n, s, len) < 0)
        return NULL;
    return n;
}

nc_node *nc_node_append(nc_node *parent, nc_node *child)
{
    if (!parent || !child)
        return child;
    nc_node_unlink(child);
    child->parent = parent;
    child->prev = parent->last;
    if (parent->last)
        parent->last->next = child;
    else
        parent->first = child;
    parent->last = child;
    return child;
}

void nc_node_unlink(nc_node *n)
{
    if (!n)
        return;
    if (n->prev)
        n->prev->next = n->next;
    else if (n->parent)
        n->parent->first = n->next;
    if (n->next)
        n->next->prev = n->prev;
    else if (n->parent)
        n->parent->last = n->prev;
    n->parent = n->next = n->prev = NULL;
}

void nc_node_insert_before(nc_node *sibling, nc_node *n)
{
    if (!sibling || !n)
        return;
    nc_node_unlink(n);
    n->parent = sibling->parent;
    n->next = sibling;
    n->prev = sibling->prev;
    if (sibling->prev)
        sibling->prev->next = n;
    else if (sibling->parent)
        sibling->parent->first = n;
    sibling->prev = n;
}

void nc_node_set_level(nc_node *n, int level)
{
    if (n)
        n->as.level = level < 1 ? 1 : level > 6 ? 6 : level;
}
void nc_node_set_start(nc_node *n, int start)
{
    if (n)
        n->as.list.start = start;
}
void nc_node_set_tight(nc_node *n, int tight)
{
    if (n)
        n->as.list.tight = tight != 0;
}
void nc_node_set_header(nc_node *n, int header)
{
    if (n)
        n->as.cell.header = header != 0;
}
void nc_node_set_footer(nc_node *n, int footer)
{
    if (n && n->type == NC_BLOCK_TABLE_ROW)
        n->as.cell.footer = footer != 0;
}
int nc_node_footer(const nc_node *n)
{
    return n && n->type == NC_BLOCK_TABLE_ROW ? n->as.cell.footer : 0;
}
static int span_value(int v)
{
    return v < 2 ? 0 : v > 1000 ? 1000 : v; /* 0 = 1, so that zeroed nodes need no set-up */
}
void nc_node_set_span(nc_node *n, int colspan, int rowspan)
{
    if (n && n->type == NC_BLOCK_TABLE_CELL) {
        n->as.cell.colspan = span_value(colspan);
        n->as.cell.rowspan = span_value(rowspan);
    }
}
void nc_node_set_align(nc_node *n, nc_align align)
{
    if (n && n->type == NC_BLOCK_TABLE_CELL)
        n->as.cell.align = align >= NC_ALIGN_LEFT && align <= NC_ALIGN_RIGHT ? (int)align : 0;
}

static int set_str(nc_article *a, const char **slot, const char *s)
{
    if (!s) {
        *slot = NULL;
        return 0;
    }
    *slot = nc_article_strdup(a, s);
    return *slot ? 0 : -1;
}

int nc_node_set_href(nc_article *a, nc_node *n, const char *s)
{
    if (!n)
        return -1;
    if (n->type == NC_BLOCK_EMBED)
        return set_str(a, &n->as.embed.url, s);
    return set_str(a, &n->as.ref.href, s);
}
int nc_node_set_title(nc_article *a, nc_node *n, const char *s)
{
    return n ? set_str(a, &n->as.ref.title, s) : -1;
}
int nc_node_set_alt(nc_article *a, nc_node *n, const char *s)
{
    return n ? set_str(a, &n->as.ref.alt, s) : -1;
}
int nc_node_set_credit(nc_article *a, nc_node *n, const char *s)
{
    return n ? set_str(a, &n->as.ref.credit, s) : -1;
}
int nc_node_set_info(nc_article *a, nc_node *n, const char *s)
{
    return n ? set_str(a, &n->as.code.info, s) : -1;
}
int nc_node_set_html(nc_article *a, nc_node *n, const char *s)
{
    return n ? set_str(a, &n->as.embed.html, s) : -1;
}

int nc_node_set_literal(nc_article *a, nc_node *n, const char *s, size_t len)
{
    char *p;
    if (!n)
        return -1;
    p = nc_article_strndup(a, s ? s : "", s ? len : 0);
    if (!p)
        return -1;
    n->as.code.literal = p;
    n->as.code.len = s ? len : 0;
    return 0;
}

int nc_node_append_literal(nc_article *a, nc_node *n, const char *s, size_t len)
{
    char *p;
    size_t old;
    if (!n)
        return -1;
    old = n->as.code.literal ? n->as.code.len : 0;
    p = nc_article_alloc(a, old + len + 1);
    if (!p)
        return -1;
    if (old)
        memcpy(p, n->as.code.literal, old);
    memcpy(p + old, s, len);
    p[old + len] = '\0';
    n->as.code.literal = p;
    n->as.code.len = old + len;
    return 0;
}

nc_node_type nc_node_get_type(const nc_node *n) { return n ? n->type : NC_NODE_NONE; }

const char *nc_node_type_name(nc_node_type t)
{
    return (unsigned)t < NC_NODE__COUNT ? type_names[t] : "none";
}

int nc_node_is_block(const nc_node *n)
{
    return n && n->type >= NC_BLOCK_FIRST && n->type <= NC_BLOCK_LAST;
}

int nc_node_is_inline(const nc_node *n)
{
    return n && n->type >= NC_INLINE_FIRST && n->type <= NC_INLINE_LAST;
}

int nc_node_type_is_leaf(nc_node_type t)
{
    switch (t) {
    case NC_INLINE_TEXT:
    case NC_INLINE_CODE:
    case NC_INLINE_IMAGE:
    case NC_INLINE_LINEBREAK:
    case NC_BLOCK_THEMATIC_BREAK:
    case NC_BLOCK_CODE_BLOCK:
    case NC_BLOCK_EMBED:
        return 1;
    default:
        return 0;
    }
}

nc_node *nc_node_parent(const nc_node *n) { return n ? n->parent : NULL; }
nc_node *nc_node_first_child(const nc_node *n) { return n ? n->first : NULL; }
nc_node *nc_node_last_child(const nc_node *n) { return n ? n->last : NULL; }
nc_node *nc_node_next(const nc_node *n) { return n ? n->next : NULL; }
nc_node *nc_node_prev(const nc_node *n) { return n ? n->prev : NULL; }
int nc_node_line(const nc_node *n) { return n ? n->line : 0; }
int nc_node_column(const nc_node *n) { return n ? n->column : 0; }
int nc_node_level(const nc_node *n)
{
    return n && n->type == NC_BLOCK_HEADING ? n->as.level : 0;
}
int nc_node_start(const nc_node *n)
{
    return n && n->type == NC_BLOCK_ORDERED_LIST ? n->as.list.start : 0;
}
int nc_node_tight(const nc_node *n)
{
    return n && (n->type == NC_BLOCK_ORDERED_LIST || n->type == NC_BLOCK_BULLET_LIST)
               ? n->as.list.tight
               : 0;
}
int nc_node_colspan(const nc_node *n)
{
    return n && n->type == NC_BLOCK_TABLE_CELL && n->as.cell.colspan > 1 ? n->as.cell.colspan
                                                                         : 1;
}
int nc_node_rowspan(const nc_node *n)
{
    return n && n->type == NC_BLOCK_TABLE_CELL && n->as.cell.rowspan > 1 ? n->as.cell.rowspan
                                                                         : 1;
}
nc_align nc_node_align(const nc_node *n)
{
    return n && n->type == NC_BLOCK_TABLE_CELL ? (nc_align)n->as.cell.align : NC_ALIGN_NONE;
}
const char *nc_align_name(nc_align align)
{
    return align == NC_ALIGN_LEFT     ? "left"
           : align == NC_ALIGN_CENTER ? "center"
           : align == NC_ALIGN_RIGHT  ? "right"
                                      : NULL;
}
int nc_node_header(const nc_node *n)
{
    return n && (n->type == NC_BLOCK_TABLE_ROW || n->type == NC_BLOCK_TABLE_CELL)
               ? n->as.cell.header
               : 0;
}

static int has_ref(const nc_node *n)
{
    return n && (n->type == NC_INLINE_LINK || n->type == NC_INLINE_IMAGE ||
                 n->type == NC_BLOCK_FIGURE);
}

const char *nc_node_href(const nc_node *n)
{
    if (n && n->type == NC_BLOCK_EMBED)
        return n->as.embed.url;
    return has_ref(n) ? n->as.ref.href : NULL;
}
const char *nc_node_title(const nc_node *n) { return has_ref(n) ? n->as.ref.title : NULL; }
const char *nc_node_alt(const nc_node *n) { return has_ref(n) ? n->as.ref.alt : NULL; }
const char *nc_node_credit(const nc_node *n) { return has_ref(n) ? n->as.ref.credit : NULL; }
const char *nc_node_info(const nc_node *n)
{
    return n && n->type == NC_BLOCK_CODE_BLOCK ? n->as.code.info : NULL;
}
const char *nc_node_literal(const nc_node *n)
{
    if (n && (n->type == NC_INLINE_TEXT || n->type == NC_INLINE_CODE ||
              n->type == NC_BLOCK_CODE_BLOCK))
        return n->as.code.literal ? n->as.code.literal : "";
    return NULL;
}
const char *nc_node_html(const nc_node *n)
{
    return n && n->type == NC_BLOCK_EMBED ? n->as.embed.html : NULL;
}

nc_node *nc_article_body(const nc_article *a) { return a->body; }

nc_iter nc_iter_init(const nc_node *root)
{
    nc_iter it;
    it.root = root;
    it.cur = NULL;
    it.ev = NC_EVENT_DONE;
    return it;
}

nc_event nc_iter_next(nc_iter *it)
{
    const nc_node *n = it->cur;
    if (!it->root)
        return NC_EVENT_DONE;
    if (!n) {
        if (it->ev != NC_EVENT_DONE)
            return NC_EVENT_DONE; /* finished */
        it->cur = it->root;
        it->ev = NC_EVENT_ENTER;
        return it->ev;
    }
    if (it->ev == NC_EVENT_ENTER && !nc_node_type_is_leaf(n->type)) {
        if (n->first) {
            it->cur = n->first;
            it->ev = NC_EVENT_ENTER;
        } else {
            it->ev = NC_EVENT_EXIT;
        }
        return it->ev;
    }
    /* n is done (exited, or a leaf entered) */
    if (n == it->root) {
        it->cur = NULL;
        it->ev = NC_EVENT_DONE;
        it->root = NULL;
        return NC_EVENT_DONE;
    }
    if (n->next) {
        it->cur = n->next;
        it->ev = NC_EVENT_ENTER;
    } else {
        it->cur = n->parent;
        it->ev = NC_EVENT_EXIT;
    }
    return it->ev;
}

nc_node *nc_iter_node(const nc_iter *it) { return (nc_node *)it->cur; }

void nc_iter_skip_children(nc_iter *it)
{
    if (it->cur && it->ev == NC_EVENT_ENTER && !nc_node_type_is_leaf(it->cur->type))
        it->ev = NC_EVENT_EXIT;
}

void nc_node_text(const nc_node *root, nc_buf *out)
{
    nc_iter it = nc_iter_init(root);
    nc_event ev;
    while ((ev = nc_iter_next(&it)) != NC_EVENT_DONE) {
        const nc_node *n = nc_iter_node(&it);
        if (ev != NC_EVENT_ENTER)
            continue;
        switch (n->type) {
        case NC_INLINE_TEXT:
        case NC_INLINE_CODE:
        case NC_BLOCK_CODE_BLOCK:
            if (n->as.code.literal)
                nc_buf_put(out, n->as.code.literal, n->as.code.len);
            break;
        case NC_INLINE_LINEBREAK:
            nc_buf_putc(out, '\n');
            break;
        case NC_INLINE_IMAGE:
            nc_buf_puts(out, n->as.ref.alt);
            break;
        default:
            break;
        }
    }
}

void ncp_def_list_tidy(nc_article *a, nc_node *dl)
{
    nc_node *k, *next, *dd = NULL;
    if (!dl || dl->type != NC_BLOCK_DEF_LIST)
        return;
    for (k = dl->first; k; k = next) {
        next = k->next;
        if (k->type == NC_BLOCK_DEF_TERM || k->type == NC_BLOCK_DEF_DATA) {
            dd = NULL;
            continue;
        }
        if (!dd) {
            dd = nc_node_new(a, NC_BLOCK_DEF_DATA, k->line, k->column);
            if (!dd)
                return;
            nc_node_insert_before(k, dd);
        }
        nc_node_unlink(k);
        nc_node_append(dd, k);
    }
}
