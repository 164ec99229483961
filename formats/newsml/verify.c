/* newsconv: checks that the body markup a writer produced reads back to the same body
 * (newsml.h: ncp_nml_verify_body). What the markup cannot carry (tabs and runs of spaces
 * in text, which XHTML and NITF readers collapse; structures NITF has no element for) is
 * then reported as one warning, so that --strict fails instead of losing it silently. */
#include "newsml.h"

#include <string.h>


static int str_eq(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Appends s[from..from+max) quoted, with \t and \n visible, cut at UTF-8 boundaries. */
static void excerpt(nc_buf *d, const char *s, size_t len, size_t from, size_t max)
{
    size_t i, end;
    while (from > 0 && from < len && ((unsigned char)s[from] & 0xC0) == 0x80)
        from--;
    end = from + max < len ? from + max : len;
    while (end < len && ((unsigned char)s[end] & 0xC0) == 0x80)
        end++;
    nc_buf_puts(d, from ? " \"..." : " \"");
    for (i = from; i < end; i++) {
        if (s[i] == '\t')
            nc_buf_puts(d, "\\t");
        else if (s[i] == '\n')
            nc_buf_puts(d, "\\n");
        else
            nc_buf_putc(d, s[i]);
    }
    nc_buf_puts(d, end < len ? "...\"" : "\"");
}

static int has_literal(const nc_node *n)
{
    return n && (n->type == NC_INLINE_TEXT || n->type == NC_INLINE_CODE ||
                 n->type == NC_BLOCK_CODE_BLOCK);
}

/* " text \"...a\tb...\" reads back as text \"...a b...\"", around the first difference. */
static void describe(nc_buf *d, const nc_node *a, const nc_node *b)
{
    size_t at = 0;
    if (has_literal(a) && has_literal(b)) {
        while (at < a->as.code.len && at < b->as.code.len &&
               a->as.code.literal[at] == b->as.code.literal[at])
            at++;
        at = at > 20 ? at - 20 : 0;
    }
    nc_buf_printf(d, " %s", a ? ncp_node_type_words(a->type) : "nothing");
    if (has_literal(a))
        excerpt(d, a->as.code.literal, a->as.code.len, at, 40);
    nc_buf_printf(d, " reads back as %s", b ? ncp_node_type_words(b->type) : "nothing");
    if (has_literal(b))
        excerpt(d, b->as.code.literal, b->as.code.len, at, 40);
}

/* Compares two bodies; on the first difference describes it into d and returns 0. */
static int same_body(const nc_node *x, const nc_node *y, nc_buf *d)
{
    nc_iter ix = nc_iter_init(x), iy = nc_iter_init(y);
    for (;;) {
        nc_event ex = nc_iter_next(&ix), ey = nc_iter_next(&iy);
        const nc_node *a = nc_iter_node(&ix), *b = nc_iter_node(&iy);
        int same;
        if (ex == NC_EVENT_DONE && ey == NC_EVENT_DONE)
            return 1;
        same = ex == ey && a && b && a->type == b->type;
        if (same && ex == NC_EVENT_ENTER) {
            switch (a->type) {
            case NC_BLOCK_HEADING:
                same = a->as.level == b->as.level;
                break;
            case NC_BLOCK_BULLET_LIST:
            case NC_BLOCK_ORDERED_LIST:
                same = a->as.list.start == b->as.list.start &&
                       a->as.list.tight == b->as.list.tight;
                break;
            case NC_BLOCK_TABLE_ROW:
            case NC_BLOCK_TABLE_CELL:
                same = a->as.cell.header == b->as.cell.header &&
                       a->as.cell.colspan == b->as.cell.colspan &&
                       a->as.cell.rowspan == b->as.cell.rowspan &&
                       a->as.cell.align == b->as.cell.align;
                break;
            case NC_BLOCK_CODE_BLOCK:
                same = str_eq(a->as.code.info, b->as.code.info);
                /* fall through */
            case NC_INLINE_TEXT:
            case NC_INLINE_CODE:
                same = same && a->as.code.len == b->as.code.len &&
                       (!a->as.code.len ||
                        !memcmp(a->as.code.literal, b->as.code.literal, a->as.code.len));
                break;
            case NC_INLINE_LINK:
            case NC_INLINE_IMAGE:
            case NC_BLOCK_FIGURE:
                same = str_eq(a->as.ref.href, b->as.ref.href) &&
                       str_eq(a->as.ref.title, b->as.ref.title) &&
                       str_eq(a->as.ref.alt, b->as.ref.alt) &&
                       str_eq(a->as.ref.credit, b->as.ref.credit);
                break;
            case NC_BLOCK_EMBED:
                same = str_eq(a->as.embed.url, b->as.embed.url); /* html: warned apart */
                break;
            default:
                break;
            }
        }
        if (!same) {
            describe(d, a, b);
            return 0;
        }
    }
}

void ncp_nml_verify_body(const nc_article *a, const char *markup, size_t len, int nitf,
                         const char *fmt, const nc_opts *o)
{
    xmlDoc *doc;
    xmlNode *root, *c;
    nc_article *back;
    nc_error err;
    nc_opts quiet;
    nc_buf d = NC_BUF_INIT;
    if (len > 0x7fffffff || !(back = nc_article_new()))
        return;
    memset(&quiet, 0, sizeof quiet);
    nc_error_clear(&err);
    doc = ncp_nml_parse(markup, len, &quiet, &err); /* the reader's own parse */
    root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (root && nitf) {
        ncp_nitf_read_el(back, root, &quiet, &err);
    } else if (root) {
        for (c = ncp_nml_first_el(root->children); c; c = ncp_nml_next_el(c))
            if (!strcmp((const char *)c->name, "body"))
                ncp_nml_body(back, c, 0, &quiet, &err);
    }
    if (doc && back->failed == 0 && err.code == NC_OK && !same_body(a->body, back->body, &d))
        nc_warn(o, 0, 0, "%s cannot hold the body exactly:%s", fmt, d.ptr);
    nc_buf_release(&d);
    xmlFreeDoc(doc);
    nc_article_free(back);
}
