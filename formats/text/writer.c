/* newsconv: the plain-text writer (-t text).
 *
 *   Headline
 *   (Subheadline)
 *   By Jane Doe                      the byline, else "By " and the author names
 *   2019-07-11                       the published date (ISO 8601, as precise as known)
 *
 *   Body paragraphs, wrapped at 72 columns (--wrap=N, --wrap=none), one blank line
 *   between blocks.
 *
 * Headings are paragraphs of their own; lists use "- " and "1. " markers with the
 * item's continuation lines indented under its text; a blockquote is prefixed "> "; code
 * blocks are indented four spaces and never wrapped; a table is its rows with cells
 * padded to their column's width, the header row underlined with dashes; a figure is
 * "[Image: caption — credit]"; an embed "[Embed: URL]"; a link is its text, followed by
 * " [URL]" under --urls when the text is not the URL itself.
 *
 * Widths count code points (not bytes, not terminal cells); a line is only broken at
 * spaces, so a word longer than the width stands alone on its line, whole. Write-only.
 * What the text cannot hold is one warning naming the dropped fields. */
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LISTS 64

typedef struct tw {
    nc_buf *out;
    const nc_opts *o;
    size_t width;     /* 0: no wrapping */
    int link_urls;
    int deleted;      /* deleted or struck-out inlines left out */
    int any;          /* something written */
    int quote;        /* blockquote depth */
    int last_quote;   /* the blockquote depth of the last block written */
    int tight_next;   /* the next block is a further item of a tight list: no blank line */
    int nlists;
    struct {
        int ordered, tight, counter, items;
        size_t indent; /* columns of the items' text */
    } lists[MAX_LISTS];
    const char *marker; /* pending list marker for the next block */
    char markers[MAX_LISTS][24];
} tw;

static size_t u8len(const char *s, size_t n)
{
    size_t i, c = 0;
    for (i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            c++;
    return c;
}

/* The text of a node's inlines into out: whitespace kept as is (wrapping collapses it),
 * a line break as '\n'. */
static void inline_text(tw *w, const nc_node *root, nc_buf *out)
{
    nc_iter it = nc_iter_init(root);
    nc_event ev;
    while ((ev = nc_iter_next(&it)) != NC_EVENT_DONE) {
        const nc_node *n = nc_iter_node(&it);
        if (n == root)
            continue;
        switch (nc_node_get_type(n)) {
        case NC_INLINE_TEXT:
        case NC_INLINE_CODE:
            if (ev == NC_EVENT_ENTER && nc_node_literal(n))
                nc_buf_puts(out, nc_node_literal(n));
            break;
        case NC_INLINE_LINEBREAK:
            if (ev == NC_EVENT_ENTER)
                nc_buf_putc(out, '\n');
            break;
        case NC_INLINE_DEL:
        case NC_INLINE_STRIKE:
            /* plain text cannot mark text as removed: a correction must not read as
             * current text, so it is left out (with a warning) */
            if (ev == NC_EVENT_ENTER) {
                w->deleted++;
                nc_iter_skip_children(&it);
            }
            break;
        case NC_INLINE_IMAGE:
            if (ev == NC_EVENT_ENTER) {
                const char *alt = nc_node_alt(n);
                nc_buf_puts(out, alt && *alt ? "[Image: " : "[Image");
                if (alt && *alt)
                    nc_buf_puts(out, alt);
                nc_buf_putc(out, ']');
                nc_iter_skip_children(&it);
            }
            break;
        case NC_INLINE_LINK:
            if (ev == NC_EVENT_EXIT && w->link_urls) {
                const char *href = nc_node_href(n);
                nc_buf t;
                nc_buf_init(&t);
                nc_node_text(n, &t);
                if (href && *href && (!(&t)->ptr || strcmp((&t)->ptr, href)))
                    nc_buf_printf(out, " [%s]", href);
                nc_buf_release(&t);
            }
            break;
        default:
            break;
        }
    }
}

static void put_spaces(nc_buf *out, size_t n)
{
    while (n--)
        nc_buf_putc(out, ' ');
}

/* The prefix of continuation lines at the current nesting: quote marks and list indent. */
static size_t cont_prefix(const tw *w, nc_buf *p)
{
    int i;
    size_t ind = w->nlists ? w->lists[w->nlists - 1].indent : 0;
    for (i = 0; i < w->quote; i++)
        nc_buf_puts(p, "> ");
    put_spaces(p, ind);
    return (size_t)w->quote * 2 + ind;
}

static void block_start(tw *w)
{
    if (w->any && !w->tight_next) {
        int i, q = w->quote < w->last_quote ? w->quote : w->last_quote;
        for (i = 0; i < q; i++)
            nc_buf_puts(w->out, i + 1 < q ? "> " : ">");
        nc_buf_putc(w->out, '\n');
    }
    w->tight_next = 0;
    w->last_quote = w->quote;
    w->any = 1;
}

/* Writes text wrapped: the first line starts with `first` (the continuation prefix plus
 * a pending list marker), the others with the continuation prefix. */
static void emit_wrapped(tw *w, const char *s, size_t len)
{
    nc_buf cont, first;
    size_t plen, flen, col, i = 0;
    int line_empty = 1;
    nc_buf_init(&cont);
    nc_buf_init(&first);
    plen = cont_prefix(w, &cont);
    if (w->marker) {
        /* the marker sits in the list's indent, before the item text */
        int q;
        size_t ind = w->lists[w->nlists - 1].indent, ml = strlen(w->marker);
        for (q = 0; q < w->quote; q++)
            nc_buf_puts(&first, "> ");
        put_spaces(&first, ind - ml);
        nc_buf_puts(&first, w->marker);
        flen = plen;
        w->marker = NULL;
    } else {
        nc_buf_puts(&first, (&cont)->ptr);
        flen = plen;
    }
    block_start(w);
    if ((&first)->size)
        nc_buf_puts(w->out, (&first)->ptr);
    col = flen;
    while (i < len) {
        size_t ws, we, wl;
        int nl = 0;
        while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) {
            if (s[i] == '\n')
                nl = 1;
            i++;
        }
        if (i >= len)
            break;
        ws = i;
        while (i < len && !(s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
            i++;
        we = i;
        wl = u8len(s + ws, we - ws);
        if (!line_empty && (nl || (w->width && col + 1 + wl > w->width))) {
            nc_buf_putc(w->out, '\n');
            if ((&cont)->size)
                nc_buf_puts(w->out, (&cont)->ptr);
            col = plen;
            line_empty = 1;
        }
        if (!line_empty) {
            nc_buf_putc(w->out, ' ');
            col++;
        }
        nc_buf_put(w->out, s + ws, we - ws);
        col += wl;
        line_empty = 0;
    }
    nc_buf_putc(w->out, '\n');
    nc_buf_release(&cont);
    nc_buf_release(&first);
}

/* Lines as they are (code), each after the prefix plus `extra` spaces. */
static void emit_lines(tw *w, const char *s, size_t extra)
{
    nc_buf cont;
    const char *e;
    nc_buf_init(&cont);
    cont_prefix(w, &cont);
    put_spaces(&cont, extra);
    w->marker = NULL;
    block_start(w);
    if (!s)
        s = "";
    while (*s) {
        e = strchr(s, '\n');
        if (!e)
            e = s + strlen(s);
        if (e > s && (&cont)->size)
            nc_buf_puts(w->out, (&cont)->ptr);
        nc_buf_put(w->out, s, (size_t)(e - s));
        nc_buf_putc(w->out, '\n');
        s = *e ? e + 1 : e;
    }
    nc_buf_release(&cont);
}

static void emit_para(tw *w, const nc_node *n)
{
    nc_buf t;
    nc_buf_init(&t);
    inline_text(w, n, &t);
    if ((&t)->size)
        emit_wrapped(w, (&t)->ptr, (&t)->size);
    nc_buf_release(&t);
}

static void emit_figure(tw *w, const nc_node *n)
{
    nc_buf t;
    const char *credit = nc_node_credit(n), *alt = nc_node_alt(n);
    size_t i;
    nc_buf_init(&t);
    inline_text(w, n, &t);
    /* trim */
    {
        const char *c = (&t)->ptr;
        nc_buf cap;
        nc_buf_init(&cap);
        for (i = 0; c[i] == ' ' || c[i] == '\n'; i++)
            ;
        nc_buf_puts(&cap, "[Image");
        if (c[i])
            nc_buf_printf(&cap, ": %s", c + i);
        else if (alt && *alt)
            nc_buf_printf(&cap, ": %s", alt);
        if (credit && *credit)
            nc_buf_printf(&cap, "%s%s", (c[i] || (alt && *alt)) ? " \xE2\x80\x94 " : ": ", credit);
        nc_buf_putc(&cap, ']');
        emit_wrapped(w, (&cap)->ptr, (&cap)->size);
        nc_buf_release(&cap);
    }
    nc_buf_release(&t);
}

/* One cell's text on one line. */
static char *cell_text(tw *w, const nc_node *c, size_t *cols)
{
    nc_buf t, o;
    const char *s;
    int sp = 0;
    nc_buf_init(&t);
    nc_buf_init(&o);
    inline_text(w, c, &t);
    for (s = (&t)->ptr; *s; s++) {
        if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
            sp = (&o)->size > 0;
            continue;
        }
        if (sp)
            nc_buf_putc(&o, ' ');
        sp = 0;
        nc_buf_putc(&o, *s);
    }
    nc_buf_release(&t);
    *cols = u8len((&o)->ptr, (&o)->size);
    {
        char *r = strdup((&o)->ptr);
        nc_buf_release(&o);
        return r;
    }
}

#define MAX_COLS 64

static void emit_table(tw *w, const nc_node *tab)
{
    size_t widths[MAX_COLS] = {0}, ncols = 0, c, cols;
    const nc_node *row, *cell;
    nc_buf lines;
    int header_done = 0, first = 1;
    for (row = nc_node_first_child(tab); row; row = nc_node_next(row)) {
        if (nc_node_get_type(row) == NC_BLOCK_TABLE_CAPTION) {
            emit_para(w, row); /* the caption, as a paragraph before the table */
            continue;
        }
        c = 0;
        for (cell = nc_node_first_child(row); cell && c < MAX_COLS; cell = nc_node_next(cell), c++) {
            char *t = cell_text(w, cell, &cols);
            free(t);
            if (cols > widths[c])
                widths[c] = cols;
        }
        if (c > ncols)
            ncols = c;
    }
    if (!ncols)
        return;
    nc_buf_init(&lines);
    for (row = nc_node_first_child(tab); row; row = nc_node_next(row)) {
        nc_buf line;
        if (nc_node_get_type(row) == NC_BLOCK_TABLE_CAPTION)
            continue;
        nc_buf_init(&line);
        c = 0;
        for (cell = nc_node_first_child(row); cell && c < MAX_COLS; cell = nc_node_next(cell), c++) {
            char *t = cell_text(w, cell, &cols);
            if (c)
                nc_buf_puts(&line, "  ");
            nc_buf_puts(&line, t ? t : "");
            if (nc_node_next(cell))
                put_spaces(&line, widths[c] - cols);
            free(t);
        }
        if (!first)
            nc_buf_putc(&lines, '\n');
        first = 0;
        if ((&line)->size)
            nc_buf_puts(&lines, (&line)->ptr);
        nc_buf_release(&line);
        if (nc_node_header(row) && !header_done && nc_node_next(row)) {
            size_t total = 0;
            for (c = 0; c < ncols; c++)
                total += widths[c] + (c ? 2 : 0);
            nc_buf_putc(&lines, '\n');
            while (total--)
                nc_buf_putc(&lines, '-');
            header_done = 1;
        }
    }
    emit_lines(w, (&lines)->ptr, 0);
    nc_buf_release(&lines);
}

static void write_body(tw *w, const nc_node *body)
{
    nc_iter it = nc_iter_init(body);
    nc_event ev;

    while ((ev = nc_iter_next(&it)) != NC_EVENT_DONE) {
        const nc_node *n = nc_iter_node(&it);
        int enter = ev == NC_EVENT_ENTER;
        switch (nc_node_get_type(n)) {
        case NC_BLOCK_PARAGRAPH:
        case NC_BLOCK_HEADING:
        case NC_BLOCK_DEF_TERM:
            if (enter) {
                emit_para(w, n);
                nc_iter_skip_children(&it);
            }
            break;
        case NC_BLOCK_BLOCKQUOTE:
            w->quote += enter ? 1 : -1;
            break;
        case NC_BLOCK_BULLET_LIST:
        case NC_BLOCK_ORDERED_LIST:
            if (enter) {
                if (w->nlists == MAX_LISTS) {
                    nc_iter_skip_children(&it);
                    break;
                }
                {
                    size_t base = w->nlists ? w->lists[w->nlists - 1].indent : 0;
                    int ordered = nc_node_get_type(n) == NC_BLOCK_ORDERED_LIST;
                    int start = ordered ? nc_node_start(n) : 0, count = 0;
                    const nc_node *c;
                    char tmp[24];
                    for (c = nc_node_first_child(n); c; c = nc_node_next(c))
                        count++;
                    if (ordered && start <= 0)
                        start = 1;
                    w->lists[w->nlists].ordered = ordered;
                    w->lists[w->nlists].tight = nc_node_tight(n);
                    w->lists[w->nlists].counter = start;
                    w->lists[w->nlists].items = 0;
                    w->lists[w->nlists].indent =
                        base + (ordered ? (size_t)snprintf(tmp, sizeof tmp, "%d. ",
                                                           start + (count ? count - 1 : 0))
                                        : 2);
                    w->nlists++;
                }
            } else if (w->nlists) {
                w->nlists--;
                w->marker = NULL;
            }
            break;
        case NC_BLOCK_LIST_ITEM:
            if (enter && w->nlists) {
                int d = w->nlists - 1;
                if (w->lists[d].ordered)
                    snprintf(w->markers[d], sizeof w->markers[d], "%d. ", w->lists[d].counter++);
                else
                    strcpy(w->markers[d], "- ");
                w->marker = w->markers[d];
                /* items of a tight list follow each other without a blank line; nested
                 * lists in a tight item too */
                w->tight_next = w->lists[d].tight && (w->lists[d].items > 0 ||
                                                      (d > 0 && w->lists[d - 1].tight));
                w->lists[d].items++;
            } else if (!enter && w->marker) {
                /* an empty item: its marker alone */
                emit_wrapped(w, "", 0);
            }
            break;
        case NC_BLOCK_FIGURE:
            if (enter) {
                emit_figure(w, n);
                nc_iter_skip_children(&it);
            }
            break;
        case NC_BLOCK_CODE_BLOCK:
            if (enter)
                emit_lines(w, nc_node_literal(n), 4);
            break;
        case NC_BLOCK_THEMATIC_BREAK:
            if (enter)
                emit_lines(w, "* * *", 0);
            break;
        case NC_BLOCK_TABLE:
            if (enter) {
                emit_table(w, n);
                nc_iter_skip_children(&it);
            }
            break;
        case NC_BLOCK_EMBED: {
            if (enter) {
                nc_buf t;
                nc_buf_init(&t);
                nc_buf_printf(&t, "[Embed: %s]", nc_node_href(n) ? nc_node_href(n) : "");
                emit_wrapped(w, (&t)->ptr, (&t)->size);
                nc_buf_release(&t);
                nc_iter_skip_children(&it);
            }
            break;
        }
        default:
            break;
        }
    }
}

static void warn_dropped(const nc_article *a, const nc_opts *o)
{
    static const nc_field carried[] = {NC_F_HEADLINE, NC_F_SUBHEADLINE, NC_F_BYLINE};
    nc_buf what;
    int f;
    size_t i;
    nc_buf_init(&what);
    for (f = 0; f < NC_F__COUNT; f++) {
        int keep = 0;
        for (i = 0; i < sizeof carried / sizeof carried[0]; i++)
            keep |= carried[i] == (nc_field)f;
        /* the language and the id identify rather than say; not worth a warning */
        if (keep || !a->str[f] || f == NC_F_LANGUAGE || f == NC_F_ID || f == NC_F_VERSION)
            continue;
        nc_buf_printf(&what, "%s%s", (&what)->size ? ", " : "", nc_field_name((nc_field)f));
    }
    for (f = 0; f < NC_T__COUNT; f++) {
        char t[NC_TIME_ISO_LEN];
        if (f == NC_T_PUBLISHED || !nc_time_format(&a->time[f], t))
            continue;
        nc_buf_printf(&what, "%s%s", (&what)->size ? ", " : "", nc_tfield_name((nc_tfield)f));
    }
#define COUNT(n, name) \
    if (n) \
        nc_buf_printf(&what, "%s%s (%zu)", (&what)->size ? ", " : "", name, (size_t)(n));
    COUNT(a->n_subjects, "subjects")
    COUNT(a->n_genres, "genres")
    COUNT(a->n_keywords, "keywords")
    COUNT(a->n_links, "links")
    COUNT(a->n_media, "media")
    COUNT(a->n_extra, "extra")
#undef COUNT
    if ((&what)->size)
        nc_warn(o, 0, 0, "plain text cannot hold: %s; dropped", (&what)->ptr);
    nc_buf_release(&what);
}

int ncp_text_write(const nc_article *a, nc_buf *out, const nc_opts *o, nc_error *err)
{
    tw w;
    const char *wrap = nc_opts_get(o, "wrap");
    char t[NC_TIME_ISO_LEN];
    memset(&w, 0, sizeof w);
    w.out = out;
    w.o = o;
    w.width = 72;
    w.link_urls = nc_opts_flag(o, "urls");
    if (wrap) {
        char *end;
        long v;
        if (!strcmp(wrap, "none")) {
            w.width = 0;
        } else {
            v = strtol(wrap, &end, 10);
            if (end == wrap || *end || v < 1 || v > 100000) {
                nc_error_set(err, NC_ERR_USAGE, 0, 0, "--wrap: '%s' is not 'none' or a width from 1 to 100000", wrap);
                return -1;
            }
            w.width = (size_t)v;
        }
    }
    /* the head: headline, subheadline, byline, date, each a line of its own */
    {
        int head = 0;
        if (a->str[NC_F_HEADLINE]) {
            emit_wrapped(&w, a->str[NC_F_HEADLINE], strlen(a->str[NC_F_HEADLINE]));
            head = 1;
        }
        if (a->str[NC_F_SUBHEADLINE]) {
            w.any = 0;
            if (head)
                w.any = 0;
            emit_wrapped(&w, a->str[NC_F_SUBHEADLINE], strlen(a->str[NC_F_SUBHEADLINE]));
            head = 1;
        }
        if (a->str[NC_F_BYLINE] || a->n_authors) {
            nc_buf b;
            size_t i, n = 0;
            nc_buf_init(&b);
            if (a->str[NC_F_BYLINE]) {
                nc_buf_puts(&b, a->str[NC_F_BYLINE]);
            } else {
                for (i = 0; i < a->n_authors; i++) {
                    if (!a->authors[i].name || !*a->authors[i].name)
                        continue;
                    nc_buf_puts(&b, n ? (i + 1 == a->n_authors ? " and " : ", ") : "By ");
                    nc_buf_puts(&b, a->authors[i].name);
                    n++;
                }
            }
            if ((&b)->size) {
                w.any = 0;
                emit_wrapped(&w, (&b)->ptr, (&b)->size);
                head = 1;
            }
            nc_buf_release(&b);
        }
        if (nc_time_format(&a->time[NC_T_PUBLISHED], t)) {
            w.any = 0;
            emit_wrapped(&w, t, strlen(t));
            head = 1;
        }
        w.any = head;
    }
    write_body(&w, a->body);
    if (w.deleted)
        nc_warn(o, 0, 0, "plain text cannot mark deleted or struck-out text: left out (%d)",
                w.deleted);
    warn_dropped(a, o);
    return 0;
}
