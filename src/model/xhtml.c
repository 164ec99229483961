/* newsconv: the canonical XHTML serialisation of the body.
 *
 * Elements: p h1-h6 blockquote ul ol li figure img figcaption pre code hr table thead tbody
 * tr th td a em strong br sup sub. Two conventions carry what XHTML has no element for:
 * a figure's credit is <span class="credit"> at the end of its figcaption (at its start
 * when the input had it there), and an embed is <figure class="embed"><a href="URL">URL</a>
 * </figure>. Tight list items hold their paragraphs' inlines directly (as CommonMark's
 * HTML does). */
#include "model.h"

#include <string.h>

void ncp_xml_escape(nc_buf *out, const char *s, size_t len, int attr)
{
    size_t i, run = 0;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *rep = NULL;
        switch (c) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = attr ? "&quot;" : NULL; break;
        case '\n': rep = attr ? "&#10;" : NULL; break;
        case '\t': rep = attr ? "&#9;" : NULL; break;
        case '\r': rep = "&#13;"; break;
        default:
            if (c < 0x20)
                rep = ""; /* not allowed in XML 1.0 */
            else if (c == 0xEF && i + 2 < len && (unsigned char)s[i + 1] == 0xBF &&
                     ((unsigned char)s[i + 2] == 0xBE || (unsigned char)s[i + 2] == 0xBF))
                rep = "\xEF\xBF\xBD"; /* U+FFFE/U+FFFF are not XML characters */
            break;
        }
        if (!rep)
            continue;
        nc_buf_put(out, s + run, i - run);
        nc_buf_puts(out, rep);
        if (rep[0] == '\xEF')
            i += 2;
        run = i + 1;
    }
    nc_buf_put(out, s + run, len - run);
}

static void attr(nc_buf *out, const char *name, const char *value)
{
    if (!value)
        return;
    nc_buf_printf(out, " %s=\"", name);
    ncp_xml_escape(out, value, strlen(value), 1);
    nc_buf_putc(out, '"');
}

static void newline(nc_buf *out, int indent, int depth)
{
    int i;
    if (indent < 0)
        return;
    nc_buf_putc(out, '\n');
    for (i = 0; i < indent + depth; i++)
        nc_buf_puts(out, "  ");
}

/* Blocks whose children are blocks, printed one per line when pretty. */
static int holds_blocks(const nc_node *n)
{
    switch (n->type) {
    case NC_BLOCK_DOCUMENT:
    case NC_BLOCK_BLOCKQUOTE:
    case NC_BLOCK_BULLET_LIST:
    case NC_BLOCK_ORDERED_LIST:
    case NC_BLOCK_DEF_LIST:
    case NC_BLOCK_DEF_DATA:
        return 1;
    case NC_BLOCK_LIST_ITEM:
        return !(n->parent && n->parent->as.list.tight);
    default:
        return 0;
    }
}

void ncp_cell_attrs(const nc_node *n, nc_buf *out)
{
    const char *al = nc_align_name(nc_node_align(n));
    if (nc_node_colspan(n) > 1)
        nc_buf_printf(out, " colspan=\"%d\"", nc_node_colspan(n));
    if (nc_node_rowspan(n) > 1)
        nc_buf_printf(out, " rowspan=\"%d\"", nc_node_rowspan(n));
    if (al)
        nc_buf_printf(out, " align=\"%s\"", al);
}

static int in_tight_item(const nc_node *n)
{
    return n->parent && n->parent->type == NC_BLOCK_LIST_ITEM && n->parent->parent &&
           n->parent->parent->as.list.tight;
}

/* 0 tbody, 1 thead, 2 tfoot */
static int row_section(const nc_node *row)
{
    return row->as.cell.header ? 1 : row->as.cell.footer ? 2 : 0;
}

/* thead/tbody/tfoot around table rows: opens/closes groups as header rows change. */
static void row_group(nc_buf *out, const nc_node *row, int enter, int indent, int *depth)
{
    static const char *const open[] = {"<tbody>", "<thead>", "<tfoot>"};
    static const char *const close[] = {"</tbody>", "</thead>", "</tfoot>"};
    const nc_node *prev = row->prev, *next = row->next;
    int grp = row_section(row);
    if (prev && prev->type != NC_BLOCK_TABLE_ROW)
        prev = NULL; /* the caption */
    if (enter && (!prev || row_section(prev) != grp)) {
        newline(out, indent, *depth);
        nc_buf_puts(out, open[grp]);
        (*depth)++;
    }
    if (!enter && (!next || row_section(next) != grp)) {
        (*depth)--;
        newline(out, indent, *depth);
        nc_buf_puts(out, close[grp]);
    }
}

/* Text content: with NCP_XHTML_ONE_LINE, line breaks and tabs become character
 * references, so that the markup stays on one line. */
static void text(nc_buf *out, const char *s, size_t len, unsigned flags)
{
    ncp_xml_escape(out, s, len, (flags & NCP_XHTML_ONE_LINE) != 0);
}

/* Block containers (blockquote, lists, definition lists, table): the tag, and
 * the depth change when they have children. */
static void container_tag(nc_buf *out, const nc_node *n, int enter, int indent, int *depth)
{
    const char *tag = n->type == NC_BLOCK_BLOCKQUOTE    ? "blockquote"
                      : n->type == NC_BLOCK_BULLET_LIST ? "ul"
                      : n->type == NC_BLOCK_TABLE       ? "table"
                      : n->type == NC_BLOCK_DEF_LIST    ? "dl"
                      : n->type == NC_BLOCK_DEF_DATA    ? "dd"
                                                        : "ol";
    if (enter) {
        nc_buf_printf(out, "<%s", tag);
        if (n->type == NC_BLOCK_ORDERED_LIST && n->as.list.start != 1)
            nc_buf_printf(out, " start=\"%d\"", n->as.list.start);
        nc_buf_putc(out, '>');
        (*depth)++;
        if (!n->first)
            (*depth)--;
    } else {
        if (n->first) {
            (*depth)--;
            newline(out, indent, *depth);
        }
        nc_buf_printf(out, "</%s>", tag);
    }
}

/* <li>: indented one level deeper when it holds blocks. */
static void list_item(nc_buf *out, const nc_node *n, int enter, int indent, int *depth)
{
    if (enter) {
        nc_buf_puts(out, "<li>");
        if (holds_blocks(n) && n->first)
            (*depth)++;
    } else {
        if (holds_blocks(n) && n->first) {
            (*depth)--;
            newline(out, indent, *depth);
        }
        nc_buf_puts(out, "</li>");
    }
}

/* Table rows, caption and cells; rows open and close their thead/tbody/tfoot. */
static void table_part(nc_buf *out, const nc_node *n, int enter, int indent, int *depth)
{
    switch (n->type) {
    case NC_BLOCK_TABLE_ROW:
        if (enter) {
            row_group(out, n, 1, indent, depth);
            newline(out, indent, *depth);
            nc_buf_puts(out, "<tr>");
        } else {
            nc_buf_puts(out, "</tr>");
            row_group(out, n, 0, indent, depth);
        }
        break;
    case NC_BLOCK_TABLE_CAPTION:
        if (enter) {
            newline(out, indent, *depth);
            nc_buf_puts(out, "<caption>");
        } else {
            nc_buf_puts(out, "</caption>");
        }
        break;
    default: /* NC_BLOCK_TABLE_CELL */
        if (enter) {
            nc_buf_puts(out, n->as.cell.header ? "<th" : "<td");
            ncp_cell_attrs(n, out);
            nc_buf_putc(out, '>');
        } else {
            nc_buf_puts(out, n->as.cell.header ? "</th>" : "</td>");
        }
        break;
    }
}

/* <figure>: the image, then a figcaption holding the children and the credit (before
 * them when the input had it there). */
static void figure(nc_buf *out, const nc_node *n, int enter, unsigned flags)
{
    if (enter) {
        nc_buf_puts(out, "<figure>");
        if (n->as.ref.href) {
            nc_buf_puts(out, "<img");
            attr(out, "src", n->as.ref.href);
            attr(out, "alt", n->as.ref.alt ? n->as.ref.alt : "");
            attr(out, "title", n->as.ref.title);
            nc_buf_puts(out, "/>");
        }
        if (n->first || n->as.ref.credit)
            nc_buf_puts(out, "<figcaption>");
        if (n->as.ref.credit && n->as.ref.credit_first) { /* as the input gave it */
            nc_buf_puts(out, "<span class=\"credit\">");
            text(out, n->as.ref.credit, strlen(n->as.ref.credit), flags);
            nc_buf_puts(out, "</span>");
            if (n->first)
                nc_buf_putc(out, ' ');
        }
    } else {
        if (n->as.ref.credit && !n->as.ref.credit_first) {
            if (n->first)
                nc_buf_putc(out, ' ');
            nc_buf_puts(out, "<span class=\"credit\">");
            text(out, n->as.ref.credit, strlen(n->as.ref.credit), flags);
            nc_buf_puts(out, "</span>");
        }
        if (n->first || n->as.ref.credit)
            nc_buf_puts(out, "</figcaption>");
        nc_buf_puts(out, "</figure>");
    }
}

/* <pre><code>, with the info string as a language- class. */
static void code_block(nc_buf *out, const nc_node *n, unsigned flags)
{
    nc_buf_puts(out, "<pre><code");
    if (n->as.code.info && *n->as.code.info) {
        nc_buf_puts(out, " class=\"language-");
        ncp_xml_escape(out, n->as.code.info, strlen(n->as.code.info), 1);
        nc_buf_putc(out, '"');
    }
    nc_buf_putc(out, '>');
    text(out, n->as.code.literal ? n->as.code.literal : "", n->as.code.len, flags);
    nc_buf_puts(out, "</code></pre>");
}

/* An embed: a figure holding a link to its URL. */
static void embed(nc_buf *out, const nc_node *n, unsigned flags)
{
    const char *u = n->as.embed.url ? n->as.embed.url : "";
    nc_buf_puts(out, "<figure class=\"embed\"><a");
    attr(out, "href", u);
    nc_buf_putc(out, '>');
    text(out, u, strlen(u), flags);
    nc_buf_puts(out, "</a></figure>");
}

/* Inline nodes: text, code, emphasis-like spans, links, images, line breaks. */
static void inline_node(nc_buf *out, const nc_node *n, int enter, unsigned flags)
{
    switch (n->type) {
    case NC_INLINE_TEXT:
        text(out, n->as.code.literal ? n->as.code.literal : "", n->as.code.len, flags);
        break;
    case NC_INLINE_CODE:
        nc_buf_puts(out, "<code>");
        text(out, n->as.code.literal ? n->as.code.literal : "", n->as.code.len, flags);
        nc_buf_puts(out, "</code>");
        break;
    case NC_INLINE_EMPH:
    case NC_INLINE_STRONG:
    case NC_INLINE_SUP:
    case NC_INLINE_SUB:
    case NC_INLINE_DEL:
    case NC_INLINE_INS:
    case NC_INLINE_STRIKE:
        nc_buf_puts(out, enter ? "<" : "</");
        nc_buf_puts(out, ncp_inline_mark_tag(n->type));
        nc_buf_puts(out, ">");
        break;
    case NC_INLINE_LINK:
        if (enter) {
            nc_buf_puts(out, "<a");
            attr(out, "href", n->as.ref.href ? n->as.ref.href : "");
            attr(out, "title", n->as.ref.title);
            nc_buf_putc(out, '>');
        } else {
            nc_buf_puts(out, "</a>");
        }
        break;
    case NC_INLINE_IMAGE:
        nc_buf_puts(out, "<img");
        attr(out, "src", n->as.ref.href ? n->as.ref.href : "");
        attr(out, "alt", n->as.ref.alt ? n->as.ref.alt : "");
        attr(out, "title", n->as.ref.title);
        nc_buf_puts(out, "/>");
        break;
    case NC_INLINE_LINEBREAK:
        nc_buf_puts(out, "<br/>");
        break;
    default:
        break;
    }
}

static void to_xhtml(const nc_node *body, nc_buf *out, int indent, unsigned flags)
{
    nc_iter it = nc_iter_init(body);
    nc_event ev;
    int depth = 0, first = 1;
    while ((ev = nc_iter_next(&it)) != NC_EVENT_DONE) {
        const nc_node *n = nc_iter_node(&it);
        int enter = ev == NC_EVENT_ENTER;
        int pretty_line = n->parent && holds_blocks(n->parent);
        if (n->type == NC_BLOCK_DOCUMENT)
            continue;
        if (enter && pretty_line && nc_node_is_block(n)) {
            if (!first)
                newline(out, indent, depth);
            first = 0;
        }
        switch (n->type) {
        case NC_BLOCK_PARAGRAPH:
            if (!in_tight_item(n))
                nc_buf_puts(out, enter ? "<p>" : "</p>");
            break;
        case NC_BLOCK_HEADING:
            nc_buf_printf(out, enter ? "<h%d>" : "</h%d>", n->as.level);
            break;
        case NC_BLOCK_DEF_TERM:
            nc_buf_puts(out, enter ? "<dt>" : "</dt>");
            break;
        case NC_BLOCK_BLOCKQUOTE:
        case NC_BLOCK_BULLET_LIST:
        case NC_BLOCK_ORDERED_LIST:
        case NC_BLOCK_DEF_LIST:
        case NC_BLOCK_DEF_DATA:
        case NC_BLOCK_TABLE:
            container_tag(out, n, enter, indent, &depth);
            break;
        case NC_BLOCK_LIST_ITEM:
            list_item(out, n, enter, indent, &depth);
            break;
        case NC_BLOCK_TABLE_ROW:
        case NC_BLOCK_TABLE_CAPTION:
        case NC_BLOCK_TABLE_CELL:
            table_part(out, n, enter, indent, &depth);
            break;
        case NC_BLOCK_FIGURE:
            figure(out, n, enter, flags);
            break;
        case NC_BLOCK_CODE_BLOCK:
            code_block(out, n, flags);
            break;
        case NC_BLOCK_THEMATIC_BREAK:
            nc_buf_puts(out, "<hr/>");
            break;
        case NC_BLOCK_EMBED:
            embed(out, n, flags);
            break;
        default:
            inline_node(out, n, enter, flags);
            break;
        }
    }
}

void ncp_body_to_xhtml(const nc_node *body, nc_buf *out, int indent)
{
    to_xhtml(body, out, indent, 0);
}

void ncp_node_to_xhtml(const nc_node *n, nc_buf *out, unsigned flags)
{
    to_xhtml(n, out, -1, flags);
}

const char *ncp_inline_mark_tag(nc_node_type t)
{
    switch (t) {
    case NC_INLINE_EMPH: return "em";
    case NC_INLINE_STRONG: return "strong";
    case NC_INLINE_SUP: return "sup";
    case NC_INLINE_SUB: return "sub";
    case NC_INLINE_DEL: return "del";
    case NC_INLINE_INS: return "ins";
    case NC_INLINE_STRIKE: return "s";
    default: return NULL;
    }
}
