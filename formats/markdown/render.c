/* newsconv: model body -> CommonMark.
 *
 * Each top-level block is written, then read back with the body reader and compared
 * with the model; the first of these that reads back exactly is kept:
 *   1. plain CommonMark: *emphasis*, **strong**, [links](url "title"), `code`, fenced
 *      code, "- "/"1. " lists, ATX headings, "***" rules; text escaped only where
 *      CommonMark would read it as markup;
 *   2. the same with every ASCII punctuation character escaped and emphasis written as
 *      <em>/<strong> tags (delimiter runs have subtle rules; tags have none);
 *   3. the block as canonical XHTML on one line (a raw HTML block the reader maps back).
 * When none does (a loose list of one paragraph, text the reader would trim), the
 * first is written and a warning says so. Figures, embeds and tables are always raw
 * HTML in the canonical shape; sup and sub are <sup>/<sub> tags; a line break at the
 * end of a block, or in a heading, is <br />. Text never holds a raw line break: line
 * breaks inside text are written "&#10;", so every paragraph is one source line (hard
 * breaks apart). The walk is nc_iter, without recursion. */
#include "md.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ncp_md_writer {
    nc_buf *out;
    const nc_opts *o;
    int nblocks;
    nc_node_type last_list; /* type of the last block if it was a Markdown list */
    int last_alt;           /* ... and whether it used the other markers */
};

typedef struct rframe {
    size_t prefix_len;
    int counter, alt;
} rframe;

typedef struct rstate {
    nc_buf *out;
    size_t start;
    nc_buf prefix;
    rframe *fr;
    size_t nfr, cap;
    int need_cr;     /* 1: end the line; 2: and leave a blank line */
    int begin_line;  /* the current line's prefix is not written yet */
    int line_start;  /* 1: next text starts a line of a paragraph; 2: of a heading */
    int safe;
    int failed;
    const nc_node *last_list;
    int last_alt;
} rstate;

enum { MODE_PLAIN, MODE_SAFE, MODE_XHTML, MODES };

static void flush_cr(rstate *r)
{
    if (!r->need_cr)
        return;
    if (r->out->size > r->start) {
        if (!r->begin_line)
            nc_buf_putc(r->out, '\n');
        if (r->need_cr == 2) {
            size_t l = r->prefix.size;
            while (l && r->prefix.ptr[l - 1] == ' ')
                l--;
            nc_buf_put(r->out, r->prefix.ptr, l);
            nc_buf_putc(r->out, '\n');
        }
        r->begin_line = 1;
    }
    r->need_cr = 0;
}

static void lit(rstate *r, const char *s, size_t n)
{
    flush_cr(r);
    if (!n)
        return;
    if (r->begin_line) {
        nc_buf_put(r->out, r->prefix.ptr, r->prefix.size);
        r->begin_line = 0;
    }
    nc_buf_put(r->out, s, n);
    r->line_start = 0;
}

static void lits(rstate *r, const char *s) { lit(r, s, strlen(s)); }

static void cr(rstate *r, int n)
{
    if (r->need_cr < n)
        r->need_cr = n;
}

static rframe *push(rstate *r)
{
    rframe *f;
    if (r->nfr == r->cap) {
        size_t ncap = r->cap ? r->cap * 2 : 16;
        rframe *n = realloc(r->fr, ncap * sizeof *n);
        if (!n) {
            r->failed = 1;
            return NULL;
        }
        r->fr = n;
        r->cap = ncap;
    }
    f = &r->fr[r->nfr++];
    memset(f, 0, sizeof *f);
    f->prefix_len = r->prefix.size;
    return f;
}

static void pop(rstate *r)
{
    if (!r->nfr)
        return;
    r->nfr--;
    nc_buf_truncate(&r->prefix, r->fr[r->nfr].prefix_len);
}

static int is_punct(int c)
{
    return (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) ||
           (c >= 0x7b && c <= 0x7e);
}

static int is_alnum(int c)
{
    return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

/* Characters no Markdown text may hold raw, as character references. 1 if handled. */
static int special(nc_buf *b, const char *s, size_t len, size_t *i)
{
    unsigned char c = (unsigned char)s[*i];
    if (c < 0x20 && c != '\t') {
        nc_buf_printf(b, "&#%d;", c);
        return 1;
    }
    if (c == 0xEF && *i + 2 < len && (unsigned char)s[*i + 1] == 0xBB &&
        (unsigned char)s[*i + 2] == 0xBF) {
        nc_buf_puts(b, "&#xFEFF;");
        *i += 2;
        return 1;
    }
    return 0;
}

/* Escapes text. at_end: the text ends its line (trailing white space would be lost). */
static void put_text(rstate *r, const char *s, size_t len, int at_end, int heading)
{
    nc_buf b = NC_BUF_INIT;
    int ls = r->line_start;
    size_t i;
    if (!len)
        return;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        int first = i == 0 && ls, last = i + 1 == len && at_end, esc = 0;
        if (special(&b, s, len, &i))
            continue;
        if ((c == ' ' || c == '\t') && (first || last)) {
            nc_buf_puts(&b, c == ' ' ? "&#32;" : "&#9;");
            continue;
        }
        if (is_punct(c)) {
            if (r->safe) {
                esc = 1;
            } else {
                switch (c) {
                case '\\': case '`': case '*': case '_': case '[': case ']': case '<':
                    esc = 1;
                    break;
                case '&':
                    esc = i + 1 < len && (is_alnum((unsigned char)s[i + 1]) || s[i + 1] == '#');
                    break;
                case '#':
                    esc = (first && ls == 1) || (last && heading);
                    break;
                case '>': case '-': case '+': case '=': case '~':
                    esc = first && ls == 1;
                    break;
                case '.': case ')': {
                    size_t k;
                    esc = ls == 1 && i > 0 && i <= 9;
                    for (k = 0; esc && k < i; k++)
                        esc = s[k] >= '0' && s[k] <= '9';
                    break;
                }
                default:
                    break;
                }
            }
        }
        if (esc)
            nc_buf_putc(&b, '\\');
        nc_buf_putc(&b, (char)c);
    }
    lit(r, b.ptr, b.size);
    if (b.failed)
        r->failed = 1;
    nc_buf_release(&b);
}

/* Is n the last thing on its line of the enclosing block? */
static int ends_block(const nc_node *n)
{
    while (n && !n->next && n->parent && nc_node_is_inline(n->parent))
        n = n->parent;
    return n && !n->next;
}

static int in_heading(const nc_node *n)
{
    for (; n; n = n->parent)
        if (n->type == NC_BLOCK_HEADING)
            return 1;
    return 0;
}

static void put_dest(nc_buf *b, const char *h)
{
    size_t i, len = strlen(h);
    int angle = 0, depth = 0;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)h[i];
        if (c <= 0x20 || c == '<' || c == '>' || c == 0x7f)
            angle = 1;
        if (c == '(')
            depth++;
        if (c == ')' && --depth < 0)
            angle = 1;
    }
    if (depth)
        angle = 1;
    if (angle)
        nc_buf_putc(b, '<');
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)h[i];
        if (special(b, h, len, &i))
            continue;
        if (c == '\\' || (angle && (c == '<' || c == '>')) || (!angle && (c == '(' || c == ')')) ||
            (c == '&' && i + 1 < len && (is_alnum((unsigned char)h[i + 1]) || h[i + 1] == '#')))
            nc_buf_putc(b, '\\');
        nc_buf_putc(b, (char)c);
    }
    if (angle)
        nc_buf_putc(b, '>');
}

static void put_title(nc_buf *b, const char *t)
{
    size_t i, len = strlen(t);
    nc_buf_puts(b, " \"");
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)t[i];
        if (special(b, t, len, &i))
            continue;
        if (c == '"' || c == '\\' ||
            (c == '&' && i + 1 < len && (is_alnum((unsigned char)t[i + 1]) || t[i + 1] == '#')))
            nc_buf_putc(b, '\\');
        nc_buf_putc(b, (char)c);
    }
    nc_buf_putc(b, '"');
}

/* "](url "title")" */
static void link_tail(rstate *r, const char *href, const char *title)
{
    nc_buf b = NC_BUF_INIT;
    nc_buf_puts(&b, "](");
    put_dest(&b, href ? href : "");
    if (title)
        put_title(&b, title);
    nc_buf_putc(&b, ')');
    lit(r, b.ptr, b.size);
    nc_buf_release(&b);
}

static int autolink(const nc_node *n)
{
    const char *h = n->as.ref.href, *p;
    const nc_node *t = n->first;
    size_t scheme = 0;
    if (!h || n->as.ref.title || !t || t != n->last || t->type != NC_INLINE_TEXT ||
        strcmp(t->as.code.literal, h))
        return 0;
    for (p = h; is_alnum((unsigned char)*p) || *p == '+' || *p == '.' || *p == '-'; p++)
        scheme++;
    if (scheme < 2 || scheme > 32 || *p != ':' || !((h[0] | 32) >= 'a' && (h[0] | 32) <= 'z'))
        return 0;
    for (; *p; p++)
        if ((unsigned char)*p <= 0x20 || *p == '<' || *p == '>' || *p == '&' || *p == '\\' ||
            *p == 0x7f)
            return 0;
    return 1;
}

static void code_span(rstate *r, const nc_node *n)
{
    const char *s = n->as.code.literal ? n->as.code.literal : "";
    size_t len = n->as.code.len, i, run = 0, max = 0;
    int all_space = 1, pad;
    nc_buf b = NC_BUF_INIT;
    if (!len || memchr(s, '\n', len) || memchr(s, '\r', len)) {
        /* not a code span: an HTML element */
        lits(r, "<code>");
        put_text(r, s, len, 0, 0);
        lits(r, "</code>");
        return;
    }
    for (i = 0; i < len; i++) {
        run = s[i] == '`' ? run + 1 : 0;
        if (run > max)
            max = run;
        if (s[i] != ' ')
            all_space = 0;
    }
    pad = s[0] == '`' || s[len - 1] == '`' || (s[0] == ' ' && s[len - 1] == ' ' && !all_space);
    for (i = 0; i <= max; i++)
        nc_buf_putc(&b, '`');
    if (pad)
        nc_buf_putc(&b, ' ');
    nc_buf_put(&b, s, len);
    if (pad)
        nc_buf_putc(&b, ' ');
    for (i = 0; i <= max; i++)
        nc_buf_putc(&b, '`');
    lit(r, b.ptr, b.size);
    nc_buf_release(&b);
}

static void code_block(rstate *r, const nc_node *n)
{
    const char *s = n->as.code.literal ? n->as.code.literal : "";
    const char *info = n->as.code.info;
    size_t len = n->as.code.len, i, run = 0, max = 0;
    char fc = info && strchr(info, '`') ? '~' : '`';
    nc_buf fence = NC_BUF_INIT, b = NC_BUF_INIT;
    for (i = 0; i < len; i++) {
        run = s[i] == fc ? run + 1 : 0;
        if (run > max)
            max = run;
    }
    for (i = 0; i < (max < 3 ? 3 : max + 1); i++)
        nc_buf_putc(&fence, fc);
    nc_buf_put(&b, fence.ptr, fence.size);
    if (info) {
        size_t il = strlen(info);
        for (i = 0; i < il; i++) {
            if (special(&b, info, il, &i))
                continue;
            if (info[i] == '\\' ||
                (info[i] == '&' && i + 1 < il &&
                 (is_alnum((unsigned char)info[i + 1]) || info[i + 1] == '#')))
                nc_buf_putc(&b, '\\');
            nc_buf_putc(&b, info[i]);
        }
    }
    lit(r, b.ptr, b.size);
    i = 0;
    while (i < len) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t l = nl ? (size_t)(nl - (s + i)) : len - i;
        cr(r, 1);
        flush_cr(r);
        if (l) {
            lit(r, s + i, l);
        } else {
            /* an empty line keeps the prefix of a quote ("> " -> ">") */
            size_t k = r->prefix.size;
            while (k && r->prefix.ptr[k - 1] == ' ')
                k--;
            nc_buf_put(r->out, r->prefix.ptr, k);
            r->begin_line = 0;
        }
        i += l + (nl ? 1 : 0);
    }
    cr(r, 1);
    lit(r, fence.ptr, fence.size);
    nc_buf_release(&fence);
    nc_buf_release(&b);
}

/* Raw text over several lines, each with the prefix. */
static void lit_lines(rstate *r, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t l = nl ? (size_t)(nl - (s + i)) : len - i;
        if (i)
            cr(r, 1);
        lit(r, s + i, l);
        i += l + 1;
    }
}

static void end_block(rstate *r, const nc_node *n)
{
    const nc_node *p = n->parent;
    if (p && p->type == NC_BLOCK_LIST_ITEM && p->parent && p->parent->as.list.tight)
        cr(r, 1);
    else
        cr(r, 2);
}

static void html_block(rstate *r, const nc_node *n, int mode)
{
    nc_buf b = NC_BUF_INIT;
    if (n->type == NC_BLOCK_EMBED && n->as.embed.html && mode != MODE_XHTML) {
        size_t len = strlen(n->as.embed.html);
        const char *s = ncp_trim(n->as.embed.html, &len);
        lit_lines(r, s, len);
    } else {
        ncp_node_to_xhtml(n, &b, NCP_XHTML_ONE_LINE);
        lit(r, b.ptr, b.size);
    }
    nc_buf_release(&b);
    end_block(r, n);
}

/* a heading's "# " marker, one '#' a level */
static void heading_marker(rstate *r, const nc_node *n)
{
    char tmp[32];
    int i;
    for (i = 0; i < n->as.level && i < 6; i++)
        tmp[i] = '#';
    tmp[i++] = ' ';
    lit(r, tmp, (size_t)i);
    r->line_start = 2;
}

/* a list's frame: its marker style (alternate after a list of the same kind) and count */
static void list_open(rstate *r, const nc_node *n, int is_root, int root_alt)
{
    rframe *f;
    int alt = is_root ? root_alt
                      : n->prev && n->prev == r->last_list && n->prev->type == n->type &&
                            !r->last_alt;
    if ((f = push(r)) != NULL) {
        f->alt = alt;
        f->counter = n->type == NC_BLOCK_ORDERED_LIST ? n->as.list.start : 0;
    }
}

/* a list's end: remember its style for the next list, drop its frame */
static void list_close(rstate *r, const nc_node *n)
{
    r->last_alt = r->nfr ? r->fr[r->nfr - 1].alt : 0;
    r->last_list = n;
    pop(r);
    end_block(r, n);
}

/* a list item's "- " or "1. " marker, and its width as the continuation prefix */
static void list_item_marker(rstate *r, const nc_node *n)
{
    char tmp[32];
    rframe *lf = r->nfr ? &r->fr[r->nfr - 1] : NULL;
    int alt = lf ? lf->alt : 0;
    size_t ml;
    if (n->parent && n->parent->type == NC_BLOCK_ORDERED_LIST) {
        int num = lf ? lf->counter : 1;
        if (num < 0)
            num = 0;
        if (num > 999999999)
            num = 999999999;
        snprintf(tmp, sizeof tmp, "%d%c ", num, alt ? ')' : '.');
        if (lf && lf->counter < 999999999)
            lf->counter++;
    } else {
        snprintf(tmp, sizeof tmp, "%c ", alt ? '*' : '-');
    }
    ml = strlen(tmp);
    lits(r, tmp);
    if (push(r))
        while (ml--)
            nc_buf_putc(&r->prefix, ' ');
}

/* an inline node's markup on entering or leaving it */
static void render_inline(rstate *r, nc_iter *it, const nc_node *n, int enter)
{
    switch (n->type) {
    case NC_INLINE_TEXT:
        put_text(r, n->as.code.literal ? n->as.code.literal : "", n->as.code.len,
                 ends_block(n) || (n->next && n->next->type == NC_INLINE_LINEBREAK),
                 in_heading(n));
        break;
    case NC_INLINE_EMPH:
        lits(r, r->safe ? (enter ? "<em>" : "</em>") : "*");
        break;
    case NC_INLINE_STRONG:
        lits(r, r->safe ? (enter ? "<strong>" : "</strong>") : "**");
        break;
    case NC_INLINE_SUP: /* CommonMark has none of these five: raw HTML, which reads back */
    case NC_INLINE_SUB:
    case NC_INLINE_DEL:
    case NC_INLINE_INS:
    case NC_INLINE_STRIKE:
        lits(r, enter ? "<" : "</");
        lits(r, ncp_inline_mark_tag(n->type));
        lits(r, ">");
        break;
    case NC_INLINE_CODE:
        code_span(r, n);
        break;
    case NC_INLINE_LINK:
        if (enter && autolink(n)) {
            lits(r, "<");
            lits(r, n->as.ref.href);
            lits(r, ">");
            nc_iter_skip_children(it);
        } else if (enter) {
            lits(r, "[");
        } else {
            link_tail(r, n->as.ref.href, n->as.ref.title);
        }
        break;
    case NC_INLINE_IMAGE: {
        const char *alt = n->as.ref.alt ? n->as.ref.alt : "";
        lits(r, "![");
        put_text(r, alt, strlen(alt), 0, 0);
        link_tail(r, n->as.ref.href, n->as.ref.title);
        break;
    }
    case NC_INLINE_LINEBREAK:
        if (in_heading(n) || ends_block(n)) {
            lits(r, "<br />");
        } else {
            lits(r, "\\");
            cr(r, 1);
            r->line_start = 1;
        }
        break;
    default:
        break;
    }
}

static void render(rstate *r, const nc_node *root, int mode, int root_alt)
{
    nc_iter it = nc_iter_init(root);
    nc_event ev;
    r->safe = mode == MODE_SAFE;
    if (mode == MODE_XHTML) {
        nc_buf b = NC_BUF_INIT;
        ncp_node_to_xhtml(root, &b, NCP_XHTML_ONE_LINE);
        lit(r, b.ptr, b.size);
        nc_buf_release(&b);
        return;
    }
    while ((ev = nc_iter_next(&it)) != NC_EVENT_DONE) {
        const nc_node *n = nc_iter_node(&it);
        int enter = ev == NC_EVENT_ENTER;
        switch (n->type) {
        case NC_BLOCK_DOCUMENT:
            break;
        case NC_BLOCK_PARAGRAPH:
            if (enter)
                r->line_start = 1;
            else
                end_block(r, n);
            break;
        case NC_BLOCK_HEADING:
            if (enter)
                heading_marker(r, n);
            else
                end_block(r, n);
            break;
        case NC_BLOCK_BLOCKQUOTE:
            if (enter) {
                lits(r, "> ");
                if (push(r))
                    nc_buf_puts(&r->prefix, "> ");
            } else {
                pop(r);
                end_block(r, n);
            }
            break;
        case NC_BLOCK_BULLET_LIST:
        case NC_BLOCK_ORDERED_LIST:
            if (enter)
                list_open(r, n, n == root, root_alt);
            else
                list_close(r, n);
            break;
        case NC_BLOCK_LIST_ITEM:
            if (enter) {
                list_item_marker(r, n);
            } else {
                const nc_node *l = n->parent;
                pop(r);
                cr(r, l && l->as.list.tight ? 1 : 2);
            }
            break;
        case NC_BLOCK_CODE_BLOCK:
            code_block(r, n);
            end_block(r, n);
            break;
        case NC_BLOCK_THEMATIC_BREAK:
            lits(r, "***");
            end_block(r, n);
            break;
        case NC_BLOCK_FIGURE:
        case NC_BLOCK_TABLE:
        case NC_BLOCK_DEF_LIST: /* CommonMark has no definition lists: raw HTML */
        case NC_BLOCK_EMBED:
            if (enter) {
                html_block(r, n, mode);
                nc_iter_skip_children(&it);
            }
            break;
        case NC_BLOCK_TABLE_ROW:
        case NC_BLOCK_TABLE_CELL:
        case NC_BLOCK_TABLE_CAPTION:
        case NC_BLOCK_DEF_TERM:
        case NC_BLOCK_DEF_DATA:
            break; /* only inside tables and lists, which are written whole */
        default:
            render_inline(r, &it, n, enter);
            break;
        }
    }
}

/* 1 when md reads back as exactly the block b, 0 when not, -1 when out of memory (the
 * check could not be made: never taken for "not", which would change the output). */
static int reads_back(const char *md, size_t len, const nc_node *b)
{
    nc_article *s = nc_article_new();
    ncp_md_reader rd;
    nc_error e;
    nc_buf x = NC_BUF_INIT, y = NC_BUF_INIT;
    int ok;
    if (!s)
        return -1;
    memset(&rd, 0, sizeof rd);
    nc_error_clear(&e);
    rd.a = s;
    rd.err = &e;
    ok = ncp_md_parse_body(&rd, md, len, s->body) == 0;
    if (!ok && (e.code == NC_ERR_NOMEM || s->failed))
        ok = -1;
    else if (ok) {
        ncp_md_canon(&x, b, b->next);
        ncp_md_canon(&y, s->body->first, NULL);
        if (x.failed || y.failed || s->failed)
            ok = -1;
        else
            ok = x.size == y.size && !memcmp(x.ptr, y.ptr, x.size);
    }
    nc_buf_release(&x);
    nc_buf_release(&y);
    nc_article_free(s);
    return ok;
}

ncp_md_writer *ncp_md_writer_new(nc_buf *out, const nc_opts *o)
{
    ncp_md_writer *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->out = out;
    w->o = o;
    return w;
}

void ncp_md_writer_free(ncp_md_writer *w) { free(w); }

static int render_block(ncp_md_writer *w, nc_buf *out, const nc_node *b, int mode, int alt)
{
    rstate r;
    int failed;
    memset(&r, 0, sizeof r);
    nc_buf_init(&r.prefix);
    r.out = out;
    r.start = out->size;
    r.begin_line = 1;
    render(&r, b, mode, alt);
    failed = r.failed || r.prefix.failed;
    nc_buf_release(&r.prefix);
    free(r.fr);
    (void)w;
    return failed ? -1 : 0;
}

void ncp_md_write_block(ncp_md_writer *w, const nc_node *b)
{
    nc_buf tmp = NC_BUF_INIT;
    int mode, ok = 0, list = b->type == NC_BLOCK_BULLET_LIST || b->type == NC_BLOCK_ORDERED_LIST;
    int alt = list && w->last_list == b->type && !w->last_alt;
    for (mode = 0; mode < MODES && !ok; mode++) {
        nc_buf_clear(&tmp);
        if (render_block(w, &tmp, b, mode, alt) < 0)
            break;
        ok = reads_back(tmp.ptr, tmp.size, b);
    }
    mode--;
    if (ok < 0) {
        w->out->failed = 1; /* out of memory: the driver reports it */
        nc_buf_release(&tmp);
        return;
    }
    if (!ok) {
        nc_warn(w->o, b->line, b->column,
                "markdown cannot hold this %s exactly: written as near as it goes",
                ncp_node_type_words(b->type));
        nc_buf_clear(&tmp);
        mode = MODE_PLAIN;
        render_block(w, &tmp, b, mode, alt);
    }
    if (tmp.failed)
        w->out->failed = 1;
    if (w->nblocks++)
        nc_buf_putc(w->out, '\n');
    nc_buf_put(w->out, tmp.ptr, tmp.size);
    nc_buf_putc(w->out, '\n');
    w->last_list = list && mode != MODE_XHTML ? b->type : NC_NODE_NONE;
    w->last_alt = alt;
    nc_buf_release(&tmp);
}

void ncp_md_write_blocks(ncp_md_writer *w, const nc_node *body)
{
    const nc_node *b;
    for (b = body->first; b; b = b->next)
        ncp_md_write_block(w, b);
}
