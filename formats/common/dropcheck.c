/* newsconv: what a reader of an XML document dropped (dropcheck.h). */
#include "dropcheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A date or time (the model keeps it as a time, written back in its own form). */
static int looks_like_date(const char *s)
{
    size_t digits = 0;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9')
            digits++;
        else if (!strchr("-:T+Z. ", *s))
            return 0;
    }
    return digits >= 8;
}

/* A date written out ("Fri, 05 Dec 2026 08:00:00 GMT", RFC 822 in feeds): the model
 * keeps it as a time. Only a text of at most 64 characters that is all date. */
int ncp_written_date(const char *s)
{
    size_t len = strlen(s);
    nc_time t;
    s = ncp_trim(s, &len);
    return len >= 8 && len <= 64 && nc_time_parse_text(s, len, &t) == 0 &&
           t.prec >= NC_TIME_DAY;
}

/* The character a reference at s names ("&amp;", "&#38;", "&#x26;"; the five XML names
 * only), written to out; returns the reference's length, or 0 when s starts none. */
static size_t char_ref(const char *s, nc_buf *out)
{
    static const struct {
        const char *name;
        char c;
    } names[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    size_t i;
    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strncmp(s, names[i].name, strlen(names[i].name))) {
            nc_buf_putc(out, names[i].c);
            return strlen(names[i].name);
        }
    if (s[1] == '#') {
        int hex = s[2] == 'x' || s[2] == 'X';
        char *end;
        unsigned long cp = strtoul(s + 2 + hex, &end, hex ? 16 : 10);
        if (end > s + 2 + hex && *end == ';' && cp > 0 && cp <= 0x10FFFF &&
            !(cp >= 0xD800 && cp <= 0xDFFF)) {
            char u[4];
            size_t n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (n == 1)
                u[0] = (char)cp;
            else if (n == 2)
                u[0] = (char)(0xC0 | (cp >> 6)), u[1] = (char)(0x80 | (cp & 0x3F));
            else if (n == 3)
                u[0] = (char)(0xE0 | (cp >> 12)), u[1] = (char)(0x80 | ((cp >> 6) & 0x3F)),
                u[2] = (char)(0x80 | (cp & 0x3F));
            else
                u[0] = (char)(0xF0 | (cp >> 18)), u[1] = (char)(0x80 | ((cp >> 12) & 0x3F)),
                u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), u[3] = (char)(0x80 | (cp & 0x3F));
            nc_buf_put(out, u, n);
            return (size_t)(end + 1 - s);
        }
    }
    return 0;
}

/* The squashed text of s read as HTML sent as text: its tags ("<p>", "</em>") taken out,
 * each a space, its character references (&amp;, &#38;) read. */
static void squash_untagged(nc_buf *out, const char *s)
{
    nc_buf t = NC_BUF_INIT;
    int pass;
    /* twice: a feed may escape its HTML twice ("&amp;amp;") */
    for (pass = 0; pass < 2; pass++) {
        nc_buf u = NC_BUF_INIT;
        const char *p = pass ? (t.ptr ? t.ptr : "") : s;
        for (; *p; p++) {
            size_t k;
            if (*p == '<') {
                const char *e = strchr(p, '>');
                if (e) {
                    nc_buf_putc(&u, ' ');
                    p = e;
                    continue;
                }
            }
            if (*p == '&' && (k = char_ref(p, &u)) != 0) {
                p += k - 1;
                continue;
            }
            nc_buf_putc(&u, *p);
        }
        nc_buf_release(&t);
        t = u;
    }
    if (t.failed)
        out->failed = 1;
    else
        ncp_squash_put(out, t.ptr ? t.ptr : "");
    nc_buf_truncate(out, out->size ? out->size - 1 : 0);
    nc_buf_release(&t);
}

/* Values this short (squashed) are held only as a whole value of the model. */
#define NOT_HELD_SHORT 4

/* 1 when v (n bytes) is one whole value of hay (a line of the squash); ci: ignoring ASCII
 * case (a status "Usable" read as "usable"). */
static int held_whole(const char *hay, const char *v, size_t n, int ci)
{
    const char *p = hay, *e;
    for (; *p; p = *e ? e + 1 : e) {
        e = strchr(p, '\n');
        if (!e)
            e = p + strlen(p);
        if ((size_t)(e - p) == n && (ci ? !ncp_strncasecmp(p, v, n) : !memcmp(p, v, n)))
            return 1;
    }
    return 0;
}

int ncp_not_held(nc_buf *piece, const char *hay, const char *v)
{
    nc_buf_clear(piece);
    ncp_squash_put(piece, v);
    nc_buf_truncate(piece, piece->size ? piece->size - 1 : 0);
    if (!piece->ptr || !piece->ptr[0] || looks_like_date(piece->ptr))
        return 0;
    if (piece->size <= NOT_HELD_SHORT)
        return !held_whole(hay, piece->ptr, piece->size, 1);
    return !strstr(hay, piece->ptr) && !held_whole(hay, piece->ptr, piece->size, 1);
}

xmlNode *ncp_next_in_order(xmlNode *n, const xmlNode *root, int descend)
{
    if (descend && n->type == XML_ELEMENT_NODE && n->children)
        return n->children;
    while (n && n != root && !n->next)
        n = n->parent;
    return n && n != root ? n->next : NULL;
}

/* An element's name as the document spells it: with its namespace prefix, if any. */
static void el_name(char *out, size_t cap, const xmlNode *n)
{
    if (n->ns && n->ns->prefix)
        snprintf(out, cap, "%s:%s", (const char *)n->ns->prefix, (const char *)n->name);
    else
        snprintf(out, cap, "%s", (const char *)n->name);
}

void ncp_drops_path(ncp_drops *d, const char *path, int line)
{
    size_t i;
    d->total++;
    if (!d->first_line)
        d->first_line = line;
    for (i = 0; i < d->n_names; i++)
        if (d->names[i] && !strcmp(d->names[i], path)) /* NULL: out of memory */
            break;
    if (i < d->n_names)
        d->counts[i]++;
    else if (d->n_names < NCP_DROP_MAX) {
        d->names[d->n_names] = nc_article_strdup((nc_article *)d->a, path);
        d->counts[d->n_names++] = 1;
    } else
        d->more++;
}

void ncp_drop_note(ncp_drops *d, const xmlNode *p, const char *attr)
{
    char path[200], pn[80], nm[80];
    int parent = p->parent && p->parent->type == XML_ELEMENT_NODE && p->parent->name;
    if (parent)
        el_name(pn, sizeof pn, p->parent);
    el_name(nm, sizeof nm, p);
    snprintf(path, sizeof path, "%s%s%s%s%s", parent ? pn : "", parent ? "/" : "", nm,
             attr ? "/@" : "", attr ? attr : "");
    ncp_drops_path(d, path, (int)xmlGetLineNo(p));
}

void ncp_drop_attr_unless_held(ncp_drops *d, const xmlNode *el, const char *attr,
                               const char *v)
{
    if (!v || !d->hay)
        return;
    /* a search, and a pass over its lines */
    if (ncp_hay_charge(&d->search, 2 * d->search.len) < 0)
        return;
    if (ncp_not_held(&d->piece, d->hay, v))
        ncp_drop_note(d, el, attr);
}

/* Searches that miss or go back may compare this many times the text's size, and 64 MiB
 * more (thousands of attribute values of a small document). */
#define HOLDS_BUDGET 64
#define HOLDS_BASE ((size_t)64 << 20)

void ncp_hay_search_init(ncp_hay_search *h, const char *hay, size_t len)
{
    memset(h, 0, sizeof *h);
    h->hay = hay;
    h->len = hay ? len : 0;
    h->budget = HOLDS_BUDGET * h->len + HOLDS_BASE;
}

int ncp_hay_charge(ncp_hay_search *h, size_t n)
{
    if (h->stopped || h->scanned > h->budget) {
        h->stopped = 1;
        return -1;
    }
    h->scanned += n;
    return 0;
}

int ncp_hay_find(ncp_hay_search *h, const char *s)
{
    const char *p;
    if (!s || !*s || !h->hay)
        return 1;
    if (ncp_hay_charge(h, 0) < 0)
        return 1; /* not compared: counted neither way (the caller says so) */
    p = strstr(h->hay + h->cursor, s);
    if (!p) {
        h->scanned += h->len - h->cursor;
        if (h->cursor) {
            h->scanned += h->cursor;
            p = strstr(h->hay, s);
        }
    }
    if (p)
        h->cursor = (size_t)(p - h->hay);
    return p != NULL;
}

int ncp_drops_holds(ncp_drops *d, const char *s)
{
    return ncp_hay_find(&d->search, s);
}

void ncp_drops_begin(ncp_drops *d, const nc_article *a)
{
    memset(d, 0, sizeof *d);
    nc_buf_init(&d->hay_buf);
    nc_buf_init(&d->piece);
    ncp_article_squash(a, &d->hay_buf);
    d->a = a;
    d->hay = d->hay_buf.failed ? NULL : d->hay_buf.ptr;
    ncp_hay_search_init(&d->search, d->hay, d->hay_buf.size);
}

void ncp_drops_end_as(ncp_drops *d, const nc_opts *o, const char *label)
{
    nc_buf msg = NC_BUF_INIT;
    size_t i;
    if (d->search.stopped && d->hay)
        nc_warn(o, 0, 0, "dropped: not every text compared (the document is too large for "
                "the check to finish in linear time): some may be missing");
    if (d->total && d->hay) {
        for (i = 0; i < d->n_names; i++) {
            if (!d->names[i])
                continue;
            nc_buf_printf(&msg, "%s%s", msg.size ? ", " : "", d->names[i]);
            if (d->counts[i] > 1)
                nc_buf_printf(&msg, " (%d)", d->counts[i]);
        }
        if (d->more)
            nc_buf_printf(&msg, " and %zu more", d->more);
        nc_warn(o, d->first_line, 0, "%s: %s", label ? label : "dropped",
                msg.size ? msg.ptr : "(text)");
    }
    nc_buf_release(&msg);
    ncp_drops_release(d);
}

void ncp_drops_release(ncp_drops *d)
{
    nc_buf_release(&d->hay_buf);
    nc_buf_release(&d->piece);
}

void ncp_drops_end(ncp_drops *d, const nc_opts *o)
{
    ncp_drops_end_as(d, o, NULL);
}

void ncp_drops_walk(ncp_drops *d, xmlNode *root, const ncp_drop_hooks *h)
{
    static const ncp_drop_hooks none = {NULL, NULL, NULL, NULL, NULL, 0};
    xmlNode *n = root;
    if (!h)
        h = &none;
    while (n && d->hay) {
        nc_buf *piece = &d->piece;
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && !h->attrs_only) {
            nc_buf_clear(piece);
            ncp_squash_put(piece, (const char *)n->content);
            nc_buf_truncate(piece, piece->size ? piece->size - 1 : 0);
            if (piece->ptr && piece->ptr[0] && !ncp_drops_holds(d, piece->ptr) &&
                strpbrk((const char *)n->content, "<&")) {
                /* markup sent as text (an inlineData of escaped HTML, a feed's escaped
                 * description), read as markup: its text without the tags */
                nc_buf_clear(piece);
                squash_untagged(piece, (const char *)n->content);
            }
            if (piece->ptr && piece->ptr[0] && !looks_like_date(piece->ptr) &&
                !ncp_drops_holds(d, piece->ptr) && n->parent && n->parent->name &&
                !ncp_written_date((const char *)n->content) && !(h->text && h->text(d, n, h->ud)))
                ncp_drop_note(d, n->parent, NULL);
        } else if (n->type == XML_ELEMENT_NODE && n->properties && h->attrs) {
            h->attrs(d, n, h->ud);
        }
        n = ncp_next_in_order(n, root,
                              n->type == XML_ELEMENT_NODE && !(h->skip && h->skip(n, h->ud)));
    }
}

void ncp_drops_set_hay(ncp_drops *d, const nc_buf *squashed)
{
    size_t scanned = d->search.scanned;
    int stopped = d->search.stopped;
    nc_buf_clear(&d->hay_buf);
    if (squashed->size)
        nc_buf_put(&d->hay_buf, squashed->ptr, squashed->size);
    else
        nc_buf_puts(&d->hay_buf, "");
    d->hay = d->hay_buf.failed || squashed->failed ? NULL : d->hay_buf.ptr;
    ncp_hay_search_init(&d->search, d->hay, d->hay_buf.size);
    d->search.scanned = scanned;
    d->search.stopped = stopped;
}

void ncp_report_dropped(const nc_article *a, xmlNode *root, const nc_opts *o,
                        const ncp_drop_hooks *h)
{
    ncp_drops d;
    if (!root)
        return;
    ncp_drops_begin(&d, a);
    ncp_drops_walk(&d, root, h);
    ncp_drops_end_as(&d, o, h ? h->label : NULL);
}
