/* newsconv: what a reader of an XML document dropped (dropcheck.h). */
#include "dropcheck.h"

#include <stdio.h>
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

/* The squashed text of s with its tags ("<p>", "</em>") taken out, each a space. */
static void squash_untagged(nc_buf *out, const char *s)
{
    nc_buf t = NC_BUF_INIT;
    for (; *s; s++) {
        if (*s == '<') {
            const char *e = strchr(s, '>');
            if (e) {
                nc_buf_putc(&t, ' ');
                s = e;
                continue;
            }
        }
        nc_buf_putc(&t, *s);
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

void ncp_drop_note(ncp_drops *d, const xmlNode *p, const char *attr)
{
    char path[200], pn[80], nm[80];
    size_t i;
    int parent = p->parent && p->parent->type == XML_ELEMENT_NODE && p->parent->name;
    if (parent)
        el_name(pn, sizeof pn, p->parent);
    el_name(nm, sizeof nm, p);
    snprintf(path, sizeof path, "%s%s%s%s%s", parent ? pn : "", parent ? "/" : "", nm,
             attr ? "/@" : "", attr ? attr : "");
    d->total++;
    if (!d->first_line)
        d->first_line = (int)xmlGetLineNo(p);
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

void ncp_drop_attr_unless_held(ncp_drops *d, const xmlNode *el, const char *attr,
                               const char *v)
{
    if (v && ncp_not_held(&d->piece, d->hay, v))
        ncp_drop_note(d, el, attr);
}

void ncp_report_dropped(const nc_article *a, xmlNode *root, const nc_opts *o,
                        ncp_drop_attrs_fn attrs, ncp_drop_skip_fn skip, void *ud)
{
    nc_buf hay, msg;
    ncp_drops d;
    size_t i;
    xmlNode *n = root;
    if (!root)
        return;
    memset(&d, 0, sizeof d);
    nc_buf_init(&hay);
    nc_buf_init(&d.piece);
    nc_buf_init(&msg);
    ncp_article_squash(a, &hay);
    d.a = a;
    d.hay = hay.ptr;
    while (n && hay.ptr) {
        nc_buf *piece = &d.piece;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            nc_buf_clear(piece);
            ncp_squash_put(piece, (const char *)n->content);
            nc_buf_truncate(piece, piece->size ? piece->size - 1 : 0);
            if (piece->ptr && piece->ptr[0] && !strstr(hay.ptr, piece->ptr) &&
                strchr((const char *)n->content, '<')) {
                /* markup sent as text (an inlineData of escaped HTML, a feed's escaped
                 * description), read as markup: its text without the tags */
                nc_buf_clear(piece);
                squash_untagged(piece, (const char *)n->content);
            }
            if (piece->ptr && piece->ptr[0] && !looks_like_date(piece->ptr) &&
                !strstr(hay.ptr, piece->ptr) && n->parent && n->parent->name)
                ncp_drop_note(&d, n->parent, NULL);
        } else if (n->type == XML_ELEMENT_NODE && n->properties && attrs) {
            attrs(&d, n, ud);
        }
        n = ncp_next_in_order(n, root,
                              n->type == XML_ELEMENT_NODE && !(skip && skip(n, ud)));
    }
    if (d.total) {
        for (i = 0; i < d.n_names; i++) {
            if (!d.names[i])
                continue;
            nc_buf_printf(&msg, "%s%s", msg.size ? ", " : "", d.names[i]);
            if (d.counts[i] > 1)
                nc_buf_printf(&msg, " (%d)", d.counts[i]);
        }
        if (d.more)
            nc_buf_printf(&msg, " and %zu more", d.more);
        nc_warn(o, d.first_line, 0, "dropped: %s", msg.size ? msg.ptr : "(text)");
    }
    nc_buf_release(&hay);
    nc_buf_release(&d.piece);
    nc_buf_release(&msg);
}
