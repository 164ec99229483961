/* newsconv: the plain article layout of scraped news archives.
 *
 *   # Headline
 *
 *   By [Reuters](#)                      byline "By Reuters", author Reuters ("#": no url)
 *
 *   July 11, 2019                        published, any written form
 *
 *   David Hale **U.S. Mission Photo**    a figure: caption, credit in bold (an image
 *                                        line before it gives the figure its picture)
 *   ...the story...
 *   **Related article:** [Title](#)      a related link, anywhere in the story
 *   ...
 *   Original url:
 *
 *   <https://...>                        the url (on the same line or the next)
 *
 * Read from a document without front matter, on the model the body reader built: only
 * blocks at the head (the heading, then at most a byline and a date line, then a
 * caption) and at the tail (the original url) are metadata, and related-article
 * paragraphs wherever they are; a paragraph starting with "By" in the middle of the
 * story stays where it is. The writer (--layout plain) writes that layout back, reads
 * its own output to check it, and warns about every field the layout cannot carry. */
#include "common/notcarried.h"
#include "md.h"

#include <string.h>

/* Set when a buffer of this thread's reading or writing ran out of memory: the tests
 * below would then answer "no" where the text says "yes" (a related link left in the story
 * without a word), so the reading fails instead (release() notes it). */
static _Thread_local int buf_failed;

static void release(nc_buf *b)
{
    if (b->failed)
        buf_failed = 1;
    nc_buf_release(b);
}

static int is_ws(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* ---- flattened inline content ---- */

#define MAX_SPANS 16

typedef struct span {
    size_t start, end;  /* link text in flat.text */
    const char *href;
} span;

typedef struct flat {
    nc_buf text;
    span spans[MAX_SPANS];
    int nspans;
} flat;

static void flat_init(flat *f)
{
    nc_buf_init(&f->text);
    f->nspans = 0;
}

/* The text of a paragraph made only of text, emphasis and (if links) links. 0 when it
 * holds anything else. */
static int flatten(const nc_node *p, flat *f, int links)
{
    nc_iter it;
    nc_event ev;
    int in_link = 0;
    nc_buf_clear(&f->text);
    f->nspans = 0;
    if (!p || p->type != NC_BLOCK_PARAGRAPH)
        return 0;
    it = nc_iter_init(p);
    while ((ev = nc_iter_next(&it)) != NC_EVENT_DONE) {
        const nc_node *n = nc_iter_node(&it);
        if (n == p)
            continue;
        switch (n->type) {
        case NC_INLINE_TEXT:
            nc_buf_put(&f->text, n->as.code.literal, n->as.code.len);
            break;
        case NC_INLINE_EMPH:
        case NC_INLINE_STRONG:
            break;
        case NC_INLINE_LINK:
            if (ev == NC_EVENT_ENTER) {
                if (!links || in_link || f->nspans == MAX_SPANS)
                    return 0;
                in_link = 1;
                f->spans[f->nspans].start = f->text.size;
                f->spans[f->nspans].href = n->as.ref.href;
            } else {
                in_link = 0;
                f->spans[f->nspans++].end = f->text.size;
            }
            break;
        default:
            return 0;
        }
    }
    return 1;
}

/* ---- the byline ---- */

#define MAX_NAMES 16

typedef struct byname {
    size_t start, len;
    const char *href;
} byname;

static int in_span(const flat *f, size_t i)
{
    int k;
    for (k = 0; k < f->nspans; k++)
        if (i >= f->spans[k].start && i < f->spans[k].end)
            return 1;
    return 0;
}

static int check_name(const flat *f, size_t s, size_t e, byname *out)
{
    const char *t = f->text.ptr;
    size_t words = 0, i;
    int k;
    unsigned char c;
    while (s < e && is_ws((unsigned char)t[s]))
        s++;
    while (e > s && is_ws((unsigned char)t[e - 1]))
        e--;
    if (s == e || e - s > 80)
        return 0;
    out->start = s;
    out->len = e - s;
    out->href = NULL;
    for (k = 0; k < f->nspans; k++) {
        const span *sp = &f->spans[k];
        size_t ss = sp->start, se = sp->end;
        while (ss < se && is_ws((unsigned char)t[ss]))
            ss++;
        while (se > ss && is_ws((unsigned char)t[se - 1]))
            se--;
        if (ss == s && se == e) {
            out->href = sp->href && strcmp(sp->href, "#") ? sp->href : NULL;
            return 1;
        }
        if (sp->start < e && sp->end > s)
            return 0; /* a link covering part of a name */
    }
    for (i = s; i < e; i++)
        if (is_ws((unsigned char)t[i]) && !is_ws((unsigned char)t[i + 1]))
            words++;
    c = (unsigned char)t[s];
    return words < 6 && ((c >= 'A' && c <= 'Z') || c >= 0x80);
}

/* "By A, B and C": the names. Returns their number, 0 when it is no byline. */
static int parse_byline(const flat *f, byname *names)
{
    static const char *const seps[] = {", and ", " and ", " & ", ", ", NULL};
    const char *t = f->text.ptr;
    size_t len = f->text.size, i, piece;
    int n = 0;
    if (len < 4 || len > 200 || memchr(t, '\n', len))
        return 0;
    if (strncmp(t, "By ", 3) && strncmp(t, "BY ", 3) && strncmp(t, "by ", 3))
        return 0;
    if (f->nspans && f->spans[0].start < 3)
        return 0;
    piece = i = 3;
    while (i <= len) {
        size_t sl = 0;
        if (i < len && !in_span(f, i)) {
            const char *const *s;
            for (s = seps; *s; s++) {
                size_t l = strlen(*s);
                if (i + l <= len && !memcmp(t + i, *s, l)) {
                    sl = l;
                    break;
                }
            }
        }
        if (i == len || sl) {
            if (n == MAX_NAMES || !check_name(f, piece, i, &names[n]))
                return 0;
            n++;
            if (i == len)
                break;
            i += sl;
            piece = i;
            continue;
        }
        i++;
    }
    return n;
}

static int is_byline(const nc_node *p)
{
    flat f;
    byname names[MAX_NAMES];
    int n;
    flat_init(&f);
    n = flatten(p, &f, 1) ? parse_byline(&f, names) : 0;
    release(&f.text);
    return n > 0;
}

/* ---- dates, captions, related links, the url ---- */

static int date_of(const nc_node *p, nc_time *t)
{
    flat f;
    int ok;
    flat_init(&f);
    ok = flatten(p, &f, 0) && f.text.size && f.text.size <= 80 &&
         nc_time_parse_text(f.text.ptr, f.text.size, t) == 0;
    release(&f.text);
    return ok;
}

static int is_image_para(const nc_node *p)
{
    return p && p->type == NC_BLOCK_PARAGRAPH && p->first && p->first == p->last &&
           p->first->type == NC_INLINE_IMAGE;
}

/* "caption **credit**": text, then a bold credit at the end. */
static int is_caption(const nc_node *p)
{
    const nc_node *strong, *prev, *n;
    nc_buf t = NC_BUF_INIT;
    int ok = 0, text = 0;
    if (!p || p->type != NC_BLOCK_PARAGRAPH || !(strong = p->last) ||
        strong->type != NC_INLINE_STRONG)
        return 0;
    prev = strong->prev;
    if (!prev || prev->type != NC_INLINE_TEXT || !prev->as.code.len ||
        !is_ws((unsigned char)prev->as.code.literal[prev->as.code.len - 1]))
        return 0;
    nc_node_text(strong, &t);
    ok = t.size > 0 && t.size <= 200 && !memchr(t.ptr, '\n', t.size);
    release(&t);
    for (n = p->first; ok && n != strong; n = n->next) {
        nc_iter it = nc_iter_init(n);
        nc_event ev;
        while ((ev = nc_iter_next(&it)) != NC_EVENT_DONE) {
            const nc_node *x = nc_iter_node(&it);
            size_t i;
            if (x->type == NC_INLINE_IMAGE || x->type == NC_INLINE_LINEBREAK)
                ok = 0;
            if ((x->type == NC_INLINE_TEXT || x->type == NC_INLINE_CODE) && ev == NC_EVENT_ENTER)
                for (i = 0; i < x->as.code.len; i++)
                    if (!is_ws((unsigned char)x->as.code.literal[i]))
                        text = 1;
        }
    }
    return ok && text;
}

static const char *const related_labels[] = {"related article", "related articles", "related",
                                             "read more", "see also", "read also", NULL};

/* "**Related article:** [title](url)": returns the number of links, 0 if it is not one. */
static int related_links(const nc_node *p)
{
    const nc_node *n;
    nc_buf t = NC_BUF_INIT, c = NC_BUF_INIT;
    const char *const *l;
    int links = 0, label = 0, colon;
    if (!p || p->type != NC_BLOCK_PARAGRAPH || !p->first || p->first->type != NC_INLINE_STRONG)
        return 0;
    nc_node_text(p->first, &t);
    ncp_collapse_space(&c, t.ptr, t.size);
    colon = c.size && c.ptr[c.size - 1] == ':';
    if (colon)
        nc_buf_truncate(&c, c.size - 1);
    for (l = related_labels; *l; l++)
        if (!ncp_strcasecmp(c.ptr, *l))
            label = 1;
    release(&t);
    release(&c);
    if (!label)
        return 0;
    for (n = p->first->next; n; n = n->next) {
        size_t i;
        if (n->type == NC_INLINE_LINK) {
            links++;
            continue;
        }
        if (n->type != NC_INLINE_TEXT)
            return 0;
        for (i = 0; i < n->as.code.len; i++) {
            char ch = n->as.code.literal[i];
            if (!is_ws((unsigned char)ch) && ch != ',' && ch != '|' && !(ch == ':' && !colon))
                return 0;
        }
    }
    return links;
}

static int looks_like_url(const char *s, size_t len)
{
    size_t i;
    if (!len)
        return 0;
    for (i = 0; i < len; i++)
        if (is_ws((unsigned char)s[i]))
            return 0;
    return ncp_startswith_ci(s, "http://") || ncp_startswith_ci(s, "https://") ||
           ncp_startswith_ci(s, "www.");
}

/* The url in f->text from offset `from` on: a link covering all of it, or a bare URL. */
static int url_in(const flat *f, size_t from, nc_buf *url)
{
    size_t s = from, e = f->text.size;
    const char *t = f->text.ptr;
    int k;
    while (s < e && is_ws((unsigned char)t[s]))
        s++;
    while (e > s && is_ws((unsigned char)t[e - 1]))
        e--;
    if (s == e)
        return 0;
    for (k = 0; k < f->nspans; k++) {
        const span *sp = &f->spans[k];
        if (sp->end <= s)
            continue;
        if (sp->start == s && sp->end == e && f->nspans == k + 1 && sp->href &&
            looks_like_url(sp->href, strlen(sp->href))) {
            nc_buf_clear(url);
            nc_buf_puts(url, sp->href);
            return 1;
        }
        return 0;
    }
    if (!looks_like_url(t + s, e - s))
        return 0;
    nc_buf_clear(url);
    nc_buf_put(url, t + s, e - s);
    return 1;
}

#define URL_LABEL "original url:"

/* The tail: 0 when there is no original url, else the number of paragraphs it takes
 * (1 or 2), with the url in *url. */
static int tail_url(const nc_node *body, nc_buf *url)
{
    const nc_node *last = body->last;
    flat f;
    int n = 0;
    size_t l = strlen(URL_LABEL);
    flat_init(&f);
    if (!flatten(last, &f, 1))
        goto done;
    if (f.text.size > l && !ncp_strncasecmp(f.text.ptr, URL_LABEL, l) && !in_span(&f, 0)) {
        n = url_in(&f, l, url) ? 1 : 0;
        goto done;
    }
    if (!url_in(&f, 0, url))
        goto done;
    if (flatten(last->prev, &f, 0)) {
        size_t len = f.text.size;
        const char *t = ncp_trim(f.text.ptr, &len);
        if (len == l && !ncp_strncasecmp(t, URL_LABEL, l))
            n = 2;
    }
done:
    release(&f.text);
    return n;
}

static int is_headline(const nc_node *b)
{
    return b && b->type == NC_BLOCK_HEADING && b->as.level == 1;
}

static int would_extract(const nc_node *body)
{
    const nc_node *b = body->first;
    nc_time t;
    nc_buf url = NC_BUF_INIT;
    int n;
    if (is_headline(b) || is_byline(b) || date_of(b, &t))
        return 1;
    n = tail_url(body, &url);
    release(&url);
    if (n)
        return 1;
    for (; b; b = b->next)
        if (related_links(b))
            return 1;
    return 0;
}

int ncp_md_plain_would_extract(const nc_node *body)
{
    int r;
    buf_failed = 0;
    r = would_extract(body);
    return buf_failed ? -1 : r;
}

/* ---- reading ---- */

static void collapsed_text(const nc_node *n, nc_buf *out)
{
    nc_buf t = NC_BUF_INIT;
    nc_node_text(n, &t);
    ncp_collapse_space(out, t.ptr, t.size);
    release(&t);
}

static void take_byline(nc_article *a, const nc_node *p)
{
    flat f;
    byname names[MAX_NAMES];
    nc_buf b = NC_BUF_INIT;
    int n, i;
    flat_init(&f);
    flatten(p, &f, 1);
    n = parse_byline(&f, names);
    ncp_collapse_space(&b, f.text.ptr, f.text.size);
    nc_article_set(a, NC_F_BYLINE, b.ptr, b.size);
    for (i = 0; i < n; i++) {
        nc_buf_clear(&b);
        ncp_collapse_space(&b, f.text.ptr + names[i].start, names[i].len);
        nc_article_add_author(a, b.ptr, NULL, names[i].href, NULL);
    }
    release(&b);
    release(&f.text);
}

/* Turns the caption paragraph p (and the image paragraph img, if any) into a figure. */
static void take_figure(nc_article *a, nc_node *img, nc_node *p)
{
    nc_node *fig = nc_node_new(a, NC_BLOCK_FIGURE, img ? img->line : p->line,
                               img ? img->column : p->column);
    nc_node *strong = p->last, *last;
    nc_buf credit = NC_BUF_INIT;
    if (!fig)
        return;
    collapsed_text(strong, &credit);
    nc_node_set_credit(a, fig, credit.ptr);
    release(&credit);
    if (img) {
        nc_node_set_href(a, fig, img->first->as.ref.href);
        nc_node_set_alt(a, fig, img->first->as.ref.alt);
        nc_node_set_title(a, fig, img->first->as.ref.title);
    }
    while (p->first != strong)
        nc_node_append(fig, p->first);
    last = fig->last;
    while (last && last->type == NC_INLINE_TEXT) {
        char *s = (char *)last->as.code.literal;
        while (last->as.code.len && is_ws((unsigned char)s[last->as.code.len - 1]))
            last->as.code.len--;
        s[last->as.code.len] = '\0';
        if (last->as.code.len)
            break;
        nc_node_unlink(last);
        last = fig->last;
    }
    nc_node_insert_before(img ? img : p, fig);
    nc_node_unlink(p);
    nc_node_unlink(img);
}

static void take_related(nc_article *a, const nc_node *p)
{
    const nc_node *n;
    for (n = p->first->next; n; n = n->next) {
        nc_buf title = NC_BUF_INIT;
        const char *href = n->as.ref.href;
        if (n->type != NC_INLINE_LINK)
            continue;
        collapsed_text(n, &title);
        if (href && !strcmp(href, "#"))
            href = NULL;
        nc_article_add_link(a, "related", href, title.size ? title.ptr : NULL);
        release(&title);
    }
}

int ncp_md_plain_extract(ncp_md_reader *r)
{
    nc_article *a = r->a;
    nc_node *body = a->body, *b, *next;
    nc_buf url = NC_BUF_INIT;
    int taken = 0, k, n;
    buf_failed = 0;
    /* related articles first: wherever they are, they are not the story */
    for (b = body->first; b; b = next) {
        next = b->next;
        if (related_links(b)) {
            take_related(a, b);
            nc_node_unlink(b);
        }
    }
    b = body->first;
    if (is_headline(b)) {
        nc_buf h = NC_BUF_INIT;
        collapsed_text(b, &h);
        nc_article_set(a, NC_F_HEADLINE, h.ptr, h.size);
        release(&h);
        next = b->next;
        nc_node_unlink(b);
        b = next;
        taken = 1;
    }
    for (k = 0; k < 2 && b; k++) {
        nc_time t;
        if (!a->str[NC_F_BYLINE] && is_byline(b))
            take_byline(a, b);
        else if (a->time[NC_T_PUBLISHED].prec == NC_TIME_NONE && date_of(b, &t))
            nc_article_set_time(a, NC_T_PUBLISHED, &t);
        else
            break;
        next = b->next;
        nc_node_unlink(b);
        b = next;
        taken = 1;
    }
    if (taken && b) {
        if (is_image_para(b) && is_caption(b->next))
            take_figure(a, b, b->next);
        else if (is_caption(b))
            take_figure(a, NULL, b);
    }
    n = tail_url(body, &url);
    if (n) {
        nc_article_sets(a, NC_F_URL, url.ptr);
        while (n--)
            nc_node_unlink(body->last);
    }
    release(&url);
    if (buf_failed)
        a->failed = 1;
    return nc_article_ok(a, r->err);
}

/* ---- writing ---- */

static nc_node *para(nc_article *s) { return nc_node_new(s, NC_BLOCK_PARAGRAPH, 0, 0); }

static nc_node *text(nc_article *s, nc_node *parent, const char *t)
{
    return nc_node_append(parent, nc_node_new_text(s, t, strlen(t), 0, 0));
}

static nc_node *link(nc_article *s, nc_node *parent, const char *href, const char *title)
{
    nc_node *l = nc_node_append(parent, nc_node_new(s, NC_INLINE_LINK, 0, 0));
    nc_node_set_href(s, l, href);
    if (title && *title)
        text(s, l, title);
    return l;
}

static const char *const month_names[] = {"January", "February", "March",     "April",
                                          "May",     "June",     "July",      "August",
                                          "September", "October", "November", "December"};

static void date_text(const nc_time *t, nc_buf *out)
{
    char iso[NC_TIME_ISO_LEN];
    if (t->prec == NC_TIME_DAY)
        nc_buf_printf(out, "%s %d, %d", month_names[t->month - 1], t->day, t->year);
    else if (t->prec == NC_TIME_MONTH)
        nc_buf_printf(out, "%s %d", month_names[t->month - 1], t->year);
    else {
        nc_time_format(t, iso);
        nc_buf_puts(out, iso);
    }
}

/* The byline paragraph: the byline's own text with each author's name as a link (to
 * the author's URL, or "#"), or "By A, B and C" when there is no byline; the bare byline
 * when the authors do not make it up. */
static nc_node *byline_para(nc_article *s, const nc_article *a)
{
    const char *by = a->str[NC_F_BYLINE];
    nc_node *p;
    size_t i;
    if (by && a->n_authors) {
        flat f;
        byname names[MAX_NAMES];
        nc_buf piece = NC_BUF_INIT;
        int n, same;
        flat_init(&f);
        ncp_collapse_space(&f.text, by, strlen(by));
        n = parse_byline(&f, names);
        same = n > 0 && (size_t)n == a->n_authors;
        for (i = 0; same && i < a->n_authors; i++) {
            nc_buf_clear(&piece);
            ncp_collapse_space(&piece, f.text.ptr + names[i].start, names[i].len);
            same = a->authors[i].name && !strcmp(piece.ptr, a->authors[i].name);
        }
        p = NULL;
        if (same) {
            size_t at = 0;
            p = para(s);
            for (i = 0; i < a->n_authors; i++) {
                nc_buf_clear(&piece);
                nc_buf_put(&piece, f.text.ptr + at, names[i].start - at);
                text(s, p, piece.ptr);
                link(s, p, a->authors[i].url ? a->authors[i].url : "#", a->authors[i].name);
                at = names[i].start + names[i].len;
            }
            if (at < f.text.size)
                text(s, p, f.text.ptr + at);
        }
        release(&piece);
        release(&f.text);
        if (p)
            return p;
    }
    if (!by && a->n_authors) {
        p = para(s);
        text(s, p, "By ");
        for (i = 0; i < a->n_authors; i++) {
            const nc_author *au = &a->authors[i];
            if (i)
                text(s, p, i + 1 == a->n_authors ? " and " : ", ");
            link(s, p, au->url ? au->url : "#", au->name ? au->name : "");
        }
        return p;
    }
    if (!by)
        return NULL;
    p = para(s);
    text(s, p, by);
    return p;
}

static int fits_head_figure(const nc_node *fig)
{
    const nc_node *n;
    if (!fig || fig->type != NC_BLOCK_FIGURE || !fig->first || !fig->as.ref.credit ||
        !*fig->as.ref.credit || strlen(fig->as.ref.credit) > 200)
        return 0;
    for (n = fig->first; n; n = n->next)
        if (n->type == NC_INLINE_IMAGE || n->type == NC_INLINE_LINEBREAK)
            return 0;
    return 1;
}

static int same_str(const char *x, const char *y)
{
    return !strcmp(x ? x : "", y ? y : "");
}

/* Reads the written text back and warns where it differs from a. */
static void check(const nc_article *a, const char *md, size_t len, const nc_opts *o)
{
    nc_article *b = nc_article_new();
    nc_error e;
    nc_buf x = NC_BUF_INIT, y = NC_BUF_INIT;
    size_t i, j;
    nc_error_clear(&e);
    if (!b || ncp_md_read(b, md, len, NULL, &e) < 0) {
        nc_warn(o, 0, 0, "the plain layout does not read back: %s", e.text);
        goto done;
    }
#define FIELD(cond, what)                                                                  \
    if (cond)                                                                              \
        nc_warn(o, 0, 0, "plain layout: the %s does not read back as it was", what);
    FIELD(!same_str(a->str[NC_F_HEADLINE], b->str[NC_F_HEADLINE]), "headline")
    FIELD(a->str[NC_F_BYLINE] && !same_str(a->str[NC_F_BYLINE], b->str[NC_F_BYLINE]), "byline")
    FIELD(!same_str(a->str[NC_F_URL], b->str[NC_F_URL]), "url")
    FIELD(a->time[NC_T_PUBLISHED].prec != b->time[NC_T_PUBLISHED].prec ||
              (a->time[NC_T_PUBLISHED].prec &&
               !nc_time_equal(&a->time[NC_T_PUBLISHED], &b->time[NC_T_PUBLISHED])),
          "date")
    if (a->n_authors) {
        int same = a->n_authors == b->n_authors;
        for (i = 0; same && i < a->n_authors; i++)
            same = same_str(a->authors[i].name, b->authors[i].name) &&
                   same_str(a->authors[i].url, b->authors[i].url);
        FIELD(!same, "author list")
    }
    for (i = j = 0; i < a->n_links; i++) {
        const nc_link *l = &a->links[i];
        if (!l->rel || strcmp(l->rel, "related"))
            continue;
        if (j >= b->n_links ||
            !same_str(l->href && strcmp(l->href, "#") ? l->href : NULL, b->links[j].href) ||
            !same_str(l->title, b->links[j].title)) {
            FIELD(1, "list of related links")
            break;
        }
        j++;
    }
    ncp_md_canon(&x, a->body->first, NULL);
    ncp_md_canon(&y, b->body->first, NULL);
    FIELD(x.size != y.size || memcmp(x.ptr, y.ptr, x.size), "story")
#undef FIELD
done:
    release(&x);
    release(&y);
    nc_article_free(b);
}

static void lost(const nc_article *a, const nc_opts *o)
{
    static const nc_field fields[] = {NC_F_ID, NC_F_VERSION, NC_F_LANGUAGE, NC_F_SUBHEADLINE,
                                      NC_F_SUMMARY, NC_F_PROVIDER, NC_F_PUBLISHER,
                                      NC_F_COPYRIGHT_HOLDER, NC_F_COPYRIGHT_NOTICE,
                                      NC_F_USAGE_TERMS, NC_F_CREDIT, NC_F_DATELINE,
                                      NC_F_LOCATION, NC_F_SECTION, NC_F_SLUGLINE,
                                      NC_F_PUBSTATUS, NC_F_EDNOTE};
    size_t i;
    int f;
    for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (a->str[fields[i]] && !(fields[i] == NC_F_LANGUAGE && a->language_detected))
            nc_warn(o, 0, 0, "the plain layout cannot hold the %s; dropped",
                    nc_field_name(fields[i]));
    for (f = 0; f < NC_T__COUNT; f++)
        if (f != NC_T_PUBLISHED && a->time[f].prec != NC_TIME_NONE)
            nc_warn(o, 0, 0, "the plain layout cannot hold the %s date; dropped",
                    nc_tfield_name((nc_tfield)f));
    if (a->urgency)
        nc_warn(o, 0, 0, "the plain layout cannot hold the urgency; dropped");
    for (i = 0; i < a->n_authors; i++)
        if (a->authors[i].role || a->authors[i].affiliation) {
            nc_warn(o, 0, 0, "the plain layout cannot hold author roles or affiliations; dropped");
            break;
        }
#define LIST(n, what)                                                                      \
    if (n)                                                                                 \
        nc_warn(o, 0, 0, "the plain layout cannot hold %s; dropped", what);
    LIST(a->n_subjects, "subjects")
    LIST(a->n_genres, "genres")
    LIST(a->n_keywords, "keywords")
    LIST(a->n_media, "media")
    LIST(a->n_extra, "extra fields")
#undef LIST
    /* the subjects and media are warned of as wholes above */
    ncp_warn_agency_not_carried_but(a, o, "the plain layout",
                                    NCP_CARRIES_SUBJECTS | NCP_CARRIES_MEDIA);
    for (i = 0; i < a->n_links; i++)
        if (!a->links[i].rel || strcmp(a->links[i].rel, "related"))
            nc_warn(o, 0, 0, "the plain layout cannot hold a link of rel '%s'; dropped",
                    a->links[i].rel ? a->links[i].rel : "");
}

int ncp_md_write_plain(const nc_article *a, nc_buf *out, const nc_opts *o, nc_error *err)
{
    nc_article *s = nc_article_new();
    ncp_md_writer *w = NULL;
    const nc_node *b = a->body->first;
    size_t start = out->size, i;
    nc_node *p;
    int head = 0, rc = -1;
    if (!s || !(w = ncp_md_writer_new(out, o))) {
        nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
        goto done;
    }
    if (a->str[NC_F_HEADLINE]) {
        p = nc_node_new(s, NC_BLOCK_HEADING, 0, 0);
        text(s, p, a->str[NC_F_HEADLINE]);
        ncp_md_write_block(w, p);
        head = 1;
    }
    if ((p = byline_para(s, a)) != NULL) {
        if (is_byline(p)) {
            ncp_md_write_block(w, p);
            head = 1;
        } else {
            nc_warn(o, 0, 0, "plain layout: the byline does not start with 'By'; dropped");
        }
    }
    if (a->time[NC_T_PUBLISHED].prec != NC_TIME_NONE) {
        nc_buf d = NC_BUF_INIT;
        date_text(&a->time[NC_T_PUBLISHED], &d);
        p = para(s);
        text(s, p, d.ptr);
        release(&d);
        ncp_md_write_block(w, p);
        head = 1;
    }
    if (head && fits_head_figure(b)) {
        const nc_node *n;
        nc_node *strong;
        if (b->as.ref.href) {
            nc_node *img;
            p = para(s);
            img = nc_node_append(p, nc_node_new(s, NC_INLINE_IMAGE, 0, 0));
            nc_node_set_href(s, img, b->as.ref.href);
            nc_node_set_alt(s, img, b->as.ref.alt);
            nc_node_set_title(s, img, b->as.ref.title);
            ncp_md_write_block(w, p);
        }
        p = para(s);
        for (n = b->first; n; n = n->next)
            nc_node_append(p, ncp_md_clone(s, n));
        text(s, p, " ");
        strong = nc_node_append(p, nc_node_new(s, NC_INLINE_STRONG, 0, 0));
        text(s, strong, b->as.ref.credit);
        ncp_md_write_block(w, p);
        b = b->next;
    }
    for (; b; b = b->next)
        ncp_md_write_block(w, b);
    for (i = 0; i < a->n_links; i++) {
        const nc_link *l = &a->links[i];
        nc_node *strong;
        if (!l->rel || strcmp(l->rel, "related"))
            continue;
        p = para(s);
        strong = nc_node_append(p, nc_node_new(s, NC_INLINE_STRONG, 0, 0));
        text(s, strong, "Related article:");
        text(s, p, " ");
        link(s, p, l->href ? l->href : "#", l->title);
        ncp_md_write_block(w, p);
    }
    if (a->str[NC_F_URL]) {
        p = para(s);
        text(s, p, "Original url:");
        ncp_md_write_block(w, p);
        p = para(s);
        link(s, p, a->str[NC_F_URL], a->str[NC_F_URL]);
        ncp_md_write_block(w, p);
    }
    if (!s->failed && !out->failed) {
        lost(a, o);
        check(a, out->ptr + start, out->size - start, o);
    }
    rc = nc_article_ok(s, err);
done:
    ncp_md_writer_free(w);
    nc_article_free(s);
    return rc;
}
