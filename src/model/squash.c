/* newsconv: everything an article holds as squashed text, for the readers' report of what
 * they dropped (issue 14: a piece of input text found nowhere in the model is a loss). */
#include "model.h"

#include <string.h>

void ncp_squash_put(nc_buf *b, const char *s)
{
    if (!s)
        return;
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            nc_buf_putc(b, *s);
    nc_buf_putc(b, '\n');
}

static void squash_num(nc_buf *b, long long v)
{
    if (v)
        nc_buf_printf(b, "%lld\n", v);
}

static void squash_subject(nc_buf *b, const nc_subject *s)
{
    ncp_squash_put(b, s->name);
    ncp_squash_put(b, s->code);
    ncp_squash_put(b, s->scheme);
    ncp_squash_put(b, s->rel);
    ncp_squash_put(b, s->creator);
    ncp_squash_put(b, s->uri);
    ncp_squash_put(b, s->details);
    if (s->scheme && s->code) { /* the URI that scheme + code spell (the whole code, or
                                 * its part after the alias of a QCode) */
        const char *local = strchr(s->code, ':');
        nc_buf_puts(b, s->scheme);
        ncp_squash_put(b, s->code);
        if (local) {
            nc_buf_puts(b, s->scheme);
            ncp_squash_put(b, local + 1);
        }
    }
}

static void squash_rendition(nc_buf *b, const nc_rendition *r)
{
    ncp_squash_put(b, r->name);
    ncp_squash_put(b, r->href);
    ncp_squash_put(b, r->mime);
    ncp_squash_put(b, r->title);
    ncp_squash_put(b, r->format);
    ncp_squash_put(b, r->details);
    squash_num(b, r->width);
    squash_num(b, r->height);
    squash_num(b, r->size);
}

/* The text of XML markup (an extra value such as the NewsML-G2 reader's kept elements),
 * squashed: each text run a line, the predefined entities decoded. */
static void squash_markup(nc_buf *b, const char *s)
{
    int in_tag = 0;
    for (; *s; s++) {
        if (in_tag) {
            if (*s == '>') {
                in_tag = 0;
                nc_buf_putc(b, '\n');
            }
        } else if (*s == '<') {
            in_tag = 1;
            nc_buf_putc(b, '\n');
        } else if (*s == '&') {
            static const struct { const char *e; char c; } ents[] = {
                {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
            size_t k;
            for (k = 0; k < sizeof ents / sizeof ents[0]; k++)
                if (!strncmp(s, ents[k].e, strlen(ents[k].e)))
                    break;
            if (k < sizeof ents / sizeof ents[0]) {
                nc_buf_putc(b, ents[k].c);
                s += strlen(ents[k].e) - 1;
            } else {
                nc_buf_putc(b, '&');
            }
        } else if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') {
            nc_buf_putc(b, *s);
        }
    }
    nc_buf_putc(b, '\n');
}

void ncp_article_squash(const nc_article *a, nc_buf *b)
{
    nc_buf body;
    size_t i, j;
    nc_iter it;
    nc_event ev;
    for (i = 0; i < NC_F__COUNT; i++)
        ncp_squash_put(b, a->str[i]);
    squash_num(b, a->urgency);
    ncp_squash_put(b, a->item_type);
    squash_subject(b, &a->digital_source_type);
    squash_subject(b, &a->data_mining);
    for (i = 0; i < a->n_authors; i++) {
        ncp_squash_put(b, a->authors[i].name);
        ncp_squash_put(b, a->authors[i].role);
        ncp_squash_put(b, a->authors[i].url);
        ncp_squash_put(b, a->authors[i].affiliation);
        ncp_squash_put(b, a->authors[i].details);
    }
    for (i = 0; i < a->n_subjects; i++)
        squash_subject(b, &a->subjects[i]);
    for (i = 0; i < a->n_genres; i++)
        squash_subject(b, &a->genres[i]);
    for (i = 0; i < a->n_keywords; i++)
        ncp_squash_put(b, a->keywords[i]);
    for (i = 0; i < a->n_links; i++) {
        ncp_squash_put(b, a->links[i].rel);
        ncp_squash_put(b, a->links[i].href);
        ncp_squash_put(b, a->links[i].title);
    }
    for (i = 0; i < a->n_media; i++) {
        const nc_media *m = &a->media[i];
        ncp_squash_put(b, nc_media_kind_name(m->kind));
        ncp_squash_put(b, m->id);
        ncp_squash_put(b, m->href);
        ncp_squash_put(b, m->mime);
        ncp_squash_put(b, m->title);
        ncp_squash_put(b, m->caption);
        ncp_squash_put(b, m->credit);
        ncp_squash_put(b, m->alt);
        ncp_squash_put(b, m->name);
        ncp_squash_put(b, m->type);
        ncp_squash_put(b, m->rel);
        ncp_squash_put(b, m->details);
        squash_num(b, m->width);
        squash_num(b, m->height);
        squash_rendition(b, &m->main);
        for (j = 0; j < m->n_renditions; j++)
            squash_rendition(b, &m->renditions[j]);
    }
    for (i = 0; i < a->n_extra; i++) {
        ncp_squash_put(b, a->extra[i].key);
        ncp_squash_put(b, a->extra[i].value);
        if (a->extra[i].value && a->extra[i].value[0] == '<')
            squash_markup(b, a->extra[i].value); /* and its text without the markup */
    }
    nc_buf_init(&body);
    nc_node_text(nc_article_body(a), &body);
    ncp_squash_put(b, body.ptr);
    if (body.failed)
        b->failed = 1;
    nc_buf_release(&body);
    it = nc_iter_init(nc_article_body(a));
    while ((ev = nc_iter_next(&it)) != NC_EVENT_DONE) {
        const nc_node *n = nc_iter_node(&it);
        if (ev != NC_EVENT_ENTER)
            continue;
        ncp_squash_put(b, nc_node_href(n));
        ncp_squash_put(b, nc_node_title(n));
        ncp_squash_put(b, nc_node_credit(n));
        ncp_squash_put(b, nc_node_alt(n));
        ncp_squash_put(b, nc_node_literal(n));
    }
}
