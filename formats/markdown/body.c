/* newsconv: Markdown body -> model, through cmark.
 *
 * The cmark tree is walked with cmark's iterator (no recursion). Soft line breaks become
 * one space merged into the surrounding text, so the model does not depend on how the
 * source was wrapped; adjacent texts are merged. Inline HTML tags that cmark leaves as
 * separate html_inline nodes are paired up: <em>/<i>, <strong>/<b>, <sup>, <sub>, <del>, <ins>, <s>,
 * <code> and <a href> become model containers, <br> a line break, <img> an image; a
 * closing tag only closes an element opened in the same cmark container, and elements
 * still open when their container ends are closed there. Other tags are dropped (their
 * text stays) with one warning. Nesting deeper than NC_MAX_DEPTH is an error. */
#include "md.h"

#include <setjmp.h>
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

typedef struct frame {
    nc_node *saved; /* the current container when the cmark node was entered */
} frame;

typedef struct hopen {
    nc_node *node;     /* the container made for the tag */
    int depth;         /* frames open when the tag was met */
    nc_node_type type; /* what its closing tag must close */
    int code;          /* a temporary container that becomes a code span */
    int drop;          /* a temporary container dropped whole (script, style) */
} hopen;

typedef struct conv {
    ncp_md_reader *r;
    nc_article *a;
    nc_node *cur;               /* the container new nodes go into */
    nc_buf text;                /* pending text, merged before it becomes a node */
    int text_line, text_col;
    frame frames[NC_MAX_DEPTH + 1];
    int nframes;
    hopen html[NC_MAX_DEPTH];
    int nhtml;
} conv;

void ncp_md_warn(ncp_md_reader *r, int line, int column, const char *fmt, ...)
{
    nc_error w;
    va_list ap;
    if (!r->o || !r->o->warn)
        return;
    nc_error_clear(&w);
    va_start(ap, fmt);
    nc_error_setv(&w, NC_ERR_LOSSY, line, column, fmt, ap);
    va_end(ap);
    nc_error_set_source(&w, r->o->source);
    r->o->warn(r->o->warn_data, &w);
}

void ncp_md_warn_html(ncp_md_reader *r, int line, int column, const char *what)
{
    if (r->warned_html)
        return;
    r->warned_html = 1;
    ncp_md_warn(r, line, column, "raw HTML dropped: %s (reported once)", what);
}

const char *ncp_md_nonempty(const char *s)
{
    return s && *s ? s : NULL;
}

static void flush_text(conv *c)
{
    nc_node *n;
    if (!c->text.size)
        return;
    if (c->cur->last && c->cur->last->type == NC_INLINE_TEXT) {
        /* after a dropped element */
        nc_node_append_literal(c->a, c->cur->last, c->text.ptr, c->text.size);
    } else {
        n = nc_node_new_text(c->a, c->text.ptr, c->text.size, c->text_line, c->text_col);
        nc_node_append(c->cur, n);
    }
    nc_buf_clear(&c->text);
}

static void add_text(conv *c, const char *s, size_t len, int line, int col)
{
    if (!len)
        return;
    if (!c->text.size) {
        c->text_line = line;
        c->text_col = col;
    }
    nc_buf_put(&c->text, s, len);
}

/* Appends a new node to the current container. */
static nc_node *add(conv *c, nc_node_type type, int line, int col)
{
    nc_node *n;
    flush_text(c);
    n = nc_node_new(c->a, type, line, col);
    nc_node_append(c->cur, n);
    return n;
}

static int too_deep(conv *c, int line, int col)
{
    if (c->nframes + c->nhtml < NC_MAX_DEPTH)
        return 0;
    nc_error_set(c->r->err, NC_ERR_LIMIT, line, col,
                 "Markdown nested more than %d levels deep", NC_MAX_DEPTH);
    return 1;
}

/* Turns the temporary container of an inline <code> element into a code span. */
static void finish_html(conv *c, hopen *h)
{
    nc_buf lit = NC_BUF_INIT;
    nc_node *code;
    if (h->drop) {
        nc_node_unlink(h->node);
        return;
    }
    if (!h->code) {
        if (!h->node->first) /* the empty-element rule (docs/design.md) */
            nc_node_unlink(h->node);
        return;
    }
    nc_node_text(h->node, &lit);
    code = nc_node_new(c->a, NC_INLINE_CODE, h->node->line, h->node->column);
    nc_node_set_literal(c->a, code, lit.ptr, lit.size);
    nc_buf_release(&lit);
    if (code) {
        nc_node_insert_before(h->node, code);
        nc_node_unlink(h->node);
    }
}

/* Closes the HTML elements opened inside the innermost cmark container. */
static void close_html(conv *c)
{
    while (c->nhtml > 0 && c->html[c->nhtml - 1].depth == c->nframes) {
        hopen *h = &c->html[--c->nhtml];
        nc_node *parent = h->node->parent;
        finish_html(c, h);
        c->cur = parent;
    }
}

static void inline_tag(conv *c, const char *lit, size_t len, int line, int col)
{
    ncp_md_tag t;
    nc_node_type type = NC_NODE_NONE;
    int code = 0, drop = 0;
    if (ncp_md_parse_tag(c->a, lit, len, &t) < 0) {
        ncp_md_warn_html(c->r, line, col, "markup, its text kept");
        return;
    }
    if (t.comment) {
        /* comments carry no content */
        return;
    }
    if (!strcmp(t.name, "em") || !strcmp(t.name, "i"))
        type = NC_INLINE_EMPH;
    else if (!strcmp(t.name, "strong") || !strcmp(t.name, "b"))
        type = NC_INLINE_STRONG;
    else if (!strcmp(t.name, "sup"))
        type = NC_INLINE_SUP;
    else if (!strcmp(t.name, "sub"))
        type = NC_INLINE_SUB;
    else if (!strcmp(t.name, "del"))
        type = NC_INLINE_DEL;
    else if (!strcmp(t.name, "ins"))
        type = NC_INLINE_INS;
    else if (!strcmp(t.name, "s") || !strcmp(t.name, "strike"))
        type = NC_INLINE_STRIKE;
    else if (!strcmp(t.name, "a") && (t.closing || t.href))
        type = NC_INLINE_LINK;
    else if (!strcmp(t.name, "code") || !strcmp(t.name, "tt") || !strcmp(t.name, "kbd") ||
             !strcmp(t.name, "samp"))
        type = NC_INLINE_SUP, code = 1;
    else if (!strcmp(t.name, "script") || !strcmp(t.name, "style"))
        type = NC_INLINE_SUB, drop = 1;
    if (drop && !t.closing)
        ncp_md_warn_html(c->r, line, col, "scripts");
    if (!t.closing && !strcmp(t.name, "br")) {
        add(c, NC_INLINE_LINEBREAK, line, col);
        return;
    }
    if (!t.closing && !strcmp(t.name, "img")) {
        nc_node *img = add(c, NC_INLINE_IMAGE, line, col);
        nc_node_set_href(c->a, img, ncp_md_nonempty(t.src));
        nc_node_set_alt(c->a, img, ncp_md_nonempty(t.alt));
        nc_node_set_title(c->a, img, ncp_md_nonempty(t.title));
        return;
    }
    if (type == NC_NODE_NONE || t.selfclosing) {
        ncp_md_warn_html(c->r, line, col, "tags, their text kept");
        return;
    }
    if (!t.closing) {
        nc_node *n;
        if (c->nframes + c->nhtml >= NC_MAX_DEPTH) {
            ncp_md_warn_html(c->r, line, col, "tags nested too deeply, their text kept");
            return;
        }
        n = add(c, type, line, col);
        if (!n)
            return;
        if (type == NC_INLINE_LINK) {
            nc_node_set_href(c->a, n, ncp_md_nonempty(t.href));
            nc_node_set_title(c->a, n, ncp_md_nonempty(t.title));
        }
        c->html[c->nhtml].node = n;
        c->html[c->nhtml].depth = c->nframes;
        c->html[c->nhtml].type = type;
        c->html[c->nhtml].code = code;
        c->html[c->nhtml].drop = drop;
        c->nhtml++;
        c->cur = n;
        return;
    }
    if (c->nhtml > 0) {
        hopen *h = &c->html[c->nhtml - 1];
        if (h->depth == c->nframes && h->type == type && h->code == code && h->drop == drop &&
            h->node == c->cur) {
            nc_node *parent = h->node->parent;
            flush_text(c);
            finish_html(c, h);
            c->nhtml--;
            c->cur = parent;
            return;
        }
    }
    ncp_md_warn_html(c->r, line, col, "closing tags without an opening one");
}

/* The plain text of an image's description: its alt text. A walk by links (no cmark
 * iterator: that would allocate outside parse_tracked's reach). */
static void alt_text(cmark_node *img, nc_buf *out)
{
    cmark_node *n = cmark_node_first_child(img);
    while (n) {
        const char *lit;
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
            lit = cmark_node_get_literal(n);
            nc_buf_puts(out, lit ? lit : "");
            break;
        case CMARK_NODE_SOFTBREAK: nc_buf_putc(out, ' '); break;
        case CMARK_NODE_LINEBREAK: nc_buf_putc(out, '\n'); break;
        default: break;
        }
        if (cmark_node_first_child(n)) {
            n = cmark_node_first_child(n);
            continue;
        }
        while (n && n != img && !cmark_node_next(n))
            n = cmark_node_parent(n);
        n = n && n != img ? cmark_node_next(n) : NULL;
    }
}

/* A paragraph made only of raw HTML tags that embed something (<video ...></video> on
 * one line is no HTML block for CommonMark, only because a video element is not among
 * its block names): its source, to be read as an HTML block. 0 when it is prose. */
static int embed_paragraph(conv *c, cmark_node *para, nc_buf *src)
{
    static const char *const players[] = {"video", "audio", "iframe", "embed", "object",
                                          "picture", NULL};
    cmark_node *n;
    int player = 0;
    for (n = cmark_node_first_child(para); n; n = cmark_node_next(n)) {
        const char *lit = cmark_node_get_literal(n), *p;
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_HTML_INLINE: {
            ncp_md_tag t;
            const char *const *k;
            if (lit && ncp_md_parse_tag(c->a, lit, strlen(lit), &t) == 0 && !t.closing)
                for (k = players; *k; k++)
                    if (!strcmp(t.name, *k))
                        player = 1;
            break;
        }
        case CMARK_NODE_TEXT:
            for (p = lit ? lit : ""; *p; p++)
                if (*p != ' ' && *p != '\t')
                    return 0;
            break;
        case CMARK_NODE_SOFTBREAK:
            lit = "\n";
            break;
        default:
            return 0;
        }
        nc_buf_puts(src, lit ? lit : "");
    }
    return player;
}

static nc_node_type container_type(cmark_node *n)
{
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_BLOCK_QUOTE: return NC_BLOCK_BLOCKQUOTE;
    case CMARK_NODE_LIST:
        return cmark_node_get_list_type(n) == CMARK_ORDERED_LIST ? NC_BLOCK_ORDERED_LIST
                                                                 : NC_BLOCK_BULLET_LIST;
    case CMARK_NODE_ITEM: return NC_BLOCK_LIST_ITEM;
    case CMARK_NODE_PARAGRAPH: return NC_BLOCK_PARAGRAPH;
    case CMARK_NODE_HEADING: return NC_BLOCK_HEADING;
    case CMARK_NODE_EMPH: return NC_INLINE_EMPH;
    case CMARK_NODE_STRONG: return NC_INLINE_STRONG;
    case CMARK_NODE_LINK: return NC_INLINE_LINK;
    default: return NC_NODE_NONE; /* custom blocks and inlines: transparent */
    }
}


/* ---- cmark's memory, tracked ----
 * cmark aborts the process when an allocation fails. We give it an allocator that
 * keeps every block on a list and, when malloc fails, jumps back to the parse call,
 * which frees the whole list and reports out of memory. Only cmark_parse_document and
 * cmark_iter_new run inside the jump's reach (cmark 0.30's getters do not allocate). */
typedef struct tracker {
    jmp_buf jump;
    struct tblock *head;
} tracker;

typedef struct tblock {
    struct tblock *prev, *next;
    tracker *owner;
    alignas(max_align_t) unsigned char data[];
} tblock;

static _Thread_local tracker *active; /* set while cmark may allocate */

static void *track(tracker *t, tblock *b)
{
    if (!t)
        abort(); /* cmark allocating outside parse_tracked: a bug of ours */
    if (!b)
        longjmp(t->jump, 1);
    b->owner = t;
    b->prev = NULL;
    b->next = t->head;
    if (t->head)
        t->head->prev = b;
    t->head = b;
    return b->data;
}

static void untrack(tblock *b)
{
    tracker *t = b->owner;
    if (b->prev)
        b->prev->next = b->next;
    else
        t->head = b->next;
    if (b->next)
        b->next->prev = b->prev;
}

static void *trk_calloc(size_t n, size_t size)
{
    tblock *b = NULL;
    if (!size || n <= (((size_t)-1) - sizeof(tblock)) / size)
        b = calloc(1, sizeof(tblock) + n * size);
    return track(active, b);
}

static void *trk_realloc(void *p, size_t size)
{
    tblock *b, *nb;
    if (!p)
        return trk_calloc(1, size);
    b = (tblock *)((unsigned char *)p - offsetof(tblock, data));
    if (!active || b->owner != active)
        abort(); /* cmark allocating outside parse_tracked: a bug of ours */
    untrack(b);
    nb = realloc(b, sizeof(tblock) + size);
    if (!nb) {
        track(b->owner, b); /* still ours: freed with the rest */
        longjmp(b->owner->jump, 1);
    }
    return track(nb->owner, nb);
}

static void trk_free(void *p)
{
    tblock *b;
    if (!p)
        return;
    b = (tblock *)((unsigned char *)p - offsetof(tblock, data));
    untrack(b);
    free(b);
}

static cmark_mem tracked_mem = {trk_calloc, trk_realloc, trk_free};

static void free_tracked(tracker *t)
{
    tblock *b = t->head, *next;
    for (; b; b = next) {
        next = b->next;
        free(b);
    }
    t->head = NULL;
}

/* Parses with the tracked allocator. NULL (everything freed) when out of memory. */
static cmark_node *parse_tracked(tracker *t, const char *text, size_t len, cmark_iter **it)
{
    cmark_parser *volatile parser = NULL;
    cmark_node *volatile doc = NULL;
    t->head = NULL;
    *it = NULL;
    if (setjmp(t->jump)) {
        active = NULL;
        free_tracked(t);
        *it = NULL;
        return NULL;
    }
    active = t;
    parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, &tracked_mem);
    cmark_parser_feed(parser, text, len);
    doc = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    parser = NULL;
    *it = cmark_iter_new(doc);
    active = NULL;
    return doc;
}

/* an image, its description read as alt text: the iterator continues after it */
static void add_image(conv *c, cmark_iter *it, cmark_node *cn, int line, int col)
{
    nc_buf alt = NC_BUF_INIT;
    nc_node *n = add(c, NC_INLINE_IMAGE, line, col);
    nc_node_set_href(c->a, n, ncp_md_nonempty(cmark_node_get_url(cn)));
    nc_node_set_title(c->a, n, ncp_md_nonempty(cmark_node_get_title(cn)));
    alt_text(cn, &alt);
    nc_node_set_alt(c->a, n, ncp_md_nonempty(alt.ptr));
    nc_buf_release(&alt);
    /* the description is consumed: continue after the image */
    cmark_iter_reset(it, cn, CMARK_EVENT_EXIT);
}

/* a paragraph that is an embed read as an HTML block, its children skipped: 1 when it
 * was, 0 when not, -1 on error */
static int paragraph_as_html(conv *c, cmark_iter *it, cmark_node *cn, int line, int col)
{
    nc_buf src = NC_BUF_INIT;
    int embed = embed_paragraph(c, cn, &src), bad = 0;
    if (embed) {
        flush_text(c);
        bad = ncp_md_html_block(c->r, src.ptr, src.size, c->cur, line, col) < 0;
        cmark_iter_reset(it, cn, CMARK_EVENT_EXIT);
    }
    nc_buf_release(&src);
    if (bad)
        return -1;
    return embed ? 1 : 0;
}

/* a container: a frame to return to on exit and its node with what cmark gives (heading
 * level, list tightness and start, link target): 0, or -1 on error */
static int open_container(conv *c, cmark_iter *it, cmark_node *cn, cmark_node_type t,
                          int line, int col)
{
    nc_node_type nt = container_type(cn);
    nc_node *n;
    if (t == CMARK_NODE_PARAGRAPH) {
        int embed = paragraph_as_html(c, it, cn, line, col);
        if (embed < 0)
            return -1;
        if (embed)
            return 0;
    }
    if (too_deep(c, line, col))
        return -1;
    c->frames[c->nframes++].saved = c->cur;
    if (nt == NC_NODE_NONE)
        return 0;
    n = add(c, nt, line, col);
    if (!n)
        return 0;
    c->cur = n;
    if (t == CMARK_NODE_HEADING) {
        nc_node_set_level(n, cmark_node_get_heading_level(cn));
    } else if (t == CMARK_NODE_LIST) {
        nc_node_set_tight(n, cmark_node_get_list_tight(cn));
        if (nt == NC_BLOCK_ORDERED_LIST)
            nc_node_set_start(n, cmark_node_get_list_start(cn));
    } else if (t == CMARK_NODE_LINK) {
        nc_node_set_href(c->a, n, ncp_md_nonempty(cmark_node_get_url(cn)));
        nc_node_set_title(c->a, n, ncp_md_nonempty(cmark_node_get_title(cn)));
    }
    return 0;
}

/* the converter's state, adding under parent: NULL when out of memory */
static conv *conv_new(ncp_md_reader *r, nc_node *parent)
{
    conv *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->r = r;
    c->a = r->a;
    c->cur = parent;
    nc_buf_init(&c->text);
    return c;
}

/* a code span or code block (with its fence info) and its literal text */
static void add_code(conv *c, cmark_node *cn, nc_node_type type, int line, int col)
{
    const char *lit = cmark_node_get_literal(cn);
    nc_node *n = add(c, type, line, col);
    if (type == NC_BLOCK_CODE_BLOCK)
        nc_node_set_info(c->a, n, ncp_md_nonempty(cmark_node_get_fence_info(cn)));
    nc_node_set_literal(c->a, n, lit ? lit : "", lit ? strlen(lit) : 0);
}

int ncp_md_parse_body(ncp_md_reader *r, const char *text, size_t len, nc_node *parent)
{
    cmark_node *doc = NULL;
    cmark_iter *it = NULL;
    cmark_event_type ev;
    conv *c = NULL;
    int rc = -1;
    tracker trk;

    trk.head = NULL;
    c = conv_new(r, parent);
    if (!c) {
        nc_error_set(r->err, NC_ERR_NOMEM, 0, 0, "out of memory");
        goto done;
    }
    doc = parse_tracked(&trk, text, len, &it);
    if (!it) {
        nc_error_set(r->err, NC_ERR_NOMEM, 0, 0, "out of memory parsing Markdown");
        goto done;
    }
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *cn = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(cn);
        int line = cmark_node_get_start_line(cn), col = cmark_node_get_start_column(cn);
        const char *lit;
        if (line > 0)
            line += r->line_offset;
        if (t == CMARK_NODE_DOCUMENT)
            continue;
        if (c->a->failed || c->text.failed)
            break;
        if (ev == CMARK_EVENT_EXIT) {
            flush_text(c);
            close_html(c);
            c->cur = c->frames[--c->nframes].saved;
            continue;
        }
        switch (t) {
        case CMARK_NODE_TEXT:
            lit = cmark_node_get_literal(cn);
            add_text(c, lit, lit ? strlen(lit) : 0, line, col);
            break;
        case CMARK_NODE_SOFTBREAK:
            add_text(c, " ", 1, line, col);
            break;
        case CMARK_NODE_LINEBREAK:
            add(c, NC_INLINE_LINEBREAK, line, col);
            break;
        case CMARK_NODE_CODE:
            add_code(c, cn, NC_INLINE_CODE, line, col);
            break;
        case CMARK_NODE_HTML_INLINE:
            lit = cmark_node_get_literal(cn);
            inline_tag(c, lit ? lit : "", lit ? strlen(lit) : 0, line, col);
            break;
        case CMARK_NODE_IMAGE:
            add_image(c, it, cn, line, col);
            break;
        case CMARK_NODE_CODE_BLOCK:
            add_code(c, cn, NC_BLOCK_CODE_BLOCK, line, col);
            break;
        case CMARK_NODE_THEMATIC_BREAK:
            add(c, NC_BLOCK_THEMATIC_BREAK, line, col);
            break;
        case CMARK_NODE_HTML_BLOCK:
            flush_text(c);
            lit = cmark_node_get_literal(cn);
            if (ncp_md_html_block(r, lit ? lit : "", lit ? strlen(lit) : 0, c->cur, line, col) < 0)
                goto done;
            break;
        default:
            if (open_container(c, it, cn, t, line, col) < 0)
                goto done;
            break;
        }
    }
    flush_text(c);
    if (c->a->failed || c->text.failed) {
        nc_error_set(r->err, NC_ERR_NOMEM, 0, 0, "out of memory");
        goto done;
    }
    rc = 0;
done:
    if (c)
        nc_buf_release(&c->text);
    free(c);
    if (it)
        cmark_iter_free(it);
    if (doc)
        cmark_node_free(doc);
    return rc;
}

/* ---- helpers shared by the reader and the writer ---- */

static void copy_payload(nc_article *a, nc_node *d, const nc_node *s)
{
    switch (s->type) {
    case NC_BLOCK_HEADING: d->as.level = s->as.level; break;
    case NC_BLOCK_BULLET_LIST:
    case NC_BLOCK_ORDERED_LIST: d->as.list = s->as.list; break;
    case NC_BLOCK_TABLE_ROW:
    case NC_BLOCK_TABLE_CELL: d->as.cell = s->as.cell; break;
    case NC_BLOCK_CODE_BLOCK:
    case NC_INLINE_TEXT:
    case NC_INLINE_CODE:
        nc_node_set_info(a, d, s->as.code.info);
        nc_node_set_literal(a, d, s->as.code.literal, s->as.code.len);
        break;
    case NC_INLINE_LINK:
    case NC_INLINE_IMAGE:
    case NC_BLOCK_FIGURE:
        nc_node_set_href(a, d, s->as.ref.href);
        nc_node_set_title(a, d, s->as.ref.title);
        nc_node_set_alt(a, d, s->as.ref.alt);
        nc_node_set_credit(a, d, s->as.ref.credit);
        d->as.ref.credit_first = s->as.ref.credit_first;
        break;
    case NC_BLOCK_EMBED:
        nc_node_set_href(a, d, s->as.embed.url);
        nc_node_set_html(a, d, s->as.embed.html);
        break;
    default: break;
    }
}

nc_node *ncp_md_clone(nc_article *a, const nc_node *src)
{
    nc_iter it = nc_iter_init(src);
    nc_event ev;
    nc_node *root = NULL, *cur = NULL;
    while ((ev = nc_iter_next(&it)) != NC_EVENT_DONE) {
        const nc_node *s = nc_iter_node(&it);
        nc_node *d;
        if (ev == NC_EVENT_EXIT) {
            cur = cur ? cur->parent : NULL;
            continue;
        }
        d = nc_node_new(a, s->type, s->line, s->column);
        if (!d)
            return NULL;
        copy_payload(a, d, s);
        if (!root)
            root = d;
        else
            nc_node_append(cur, d);
        if (!nc_node_type_is_leaf(s->type))
            cur = d;
    }
    return a->failed ? NULL : root;
}

static void canon_str(nc_buf *out, const char *s)
{
    nc_buf_putc(out, '\x1f');
    nc_buf_puts(out, s ? s : "");
}

void ncp_md_canon(nc_buf *out, const nc_node *n, const nc_node *stop)
{
    int in_text = 0;
    for (; n && n != stop; n = n->next) {
        nc_iter it = nc_iter_init(n);
        nc_event ev;
        while ((ev = nc_iter_next(&it)) != NC_EVENT_DONE) {
            const nc_node *x = nc_iter_node(&it);
            if (x->type == NC_INLINE_TEXT) {
                if (!x->as.code.len)
                    continue;
                if (!in_text)
                    nc_buf_puts(out, "\x1eT");
                nc_buf_put(out, x->as.code.literal, x->as.code.len);
                in_text = 1;
                continue;
            }
            in_text = 0;
            nc_buf_printf(out, "\x1e%c%d", ev == NC_EVENT_ENTER ? '<' : '>', (int)x->type);
            if (ev != NC_EVENT_ENTER)
                continue;
            switch (x->type) {
            case NC_BLOCK_HEADING: nc_buf_printf(out, " %d", x->as.level); break;
            case NC_BLOCK_BULLET_LIST: nc_buf_printf(out, " %d", x->as.list.tight); break;
            case NC_BLOCK_ORDERED_LIST:
                nc_buf_printf(out, " %d %d", x->as.list.tight, x->as.list.start);
                break;
            case NC_BLOCK_TABLE_ROW:
            case NC_BLOCK_TABLE_CELL:
                nc_buf_printf(out, " %d %d %d %d", x->as.cell.header, x->as.cell.colspan,
                              x->as.cell.rowspan, x->as.cell.align);
                break;
            case NC_BLOCK_CODE_BLOCK:
                canon_str(out, x->as.code.info);
                /* fall through */
            case NC_INLINE_CODE:
                nc_buf_putc(out, '\x1f');
                nc_buf_put(out, x->as.code.literal ? x->as.code.literal : "", x->as.code.len);
                break;
            case NC_INLINE_LINK:
            case NC_INLINE_IMAGE:
            case NC_BLOCK_FIGURE:
                canon_str(out, x->as.ref.href);
                canon_str(out, x->as.ref.title);
                canon_str(out, x->as.ref.alt);
                canon_str(out, x->as.ref.credit);
                break;
            case NC_BLOCK_EMBED:
                canon_str(out, x->as.embed.url);
                canon_str(out, x->as.embed.html);
                break;
            default: break;
            }
        }
    }
}
