/* newsconv json: what the ninjs reader dropped (issue 14: nothing lost silently).
 *
 * After a ninjs document is read, every JSON string of it is looked up in the model
 * (ncp_article_squash: white space removed, so re-spaced text still matches). A string
 * found nowhere was dropped: one warning per article names the fields ("dropped:
 * renditions/aspectRatio (2), places/rel"), -v adds one warning per string with its
 * value; under --strict the warning is fatal, like every warning. Not looked up: dates
 * (the model keeps them as times), the roles and content types of headlines, descriptions
 * and bodies (they say which field a value goes to), the document's `standard` and
 * `$schema` (the version written is the writer's), a 1.x representation type (kept in
 * its 3.x spelling: complete as full), and the names and identifiers this
 * format makes up itself (urn:newsconv:..., "picture-1", "related-2"). */
#include "json.h"

#include "common/dropcheck.h"

#include <string.h>

#define DROP_MAX 12

typedef struct drops {
    ncp_jrd *r;
    nc_buf hay, piece;
    const char *names[DROP_MAX];
    int counts[DROP_MAX];
    size_t n, more, total;
    /* the search of hay, linear in the document (a ninjs of 250,000 keywords took 50 s
     * when each string was searched from the start) */
    ncp_hay_search search;
} drops;

/* 1 when the squashed s is in the model text. */
static int found(drops *d, const char *s, size_t len)
{
    nc_buf_clear(&d->piece);
    nc_buf_puts(&d->piece, "");
    {
        size_t i;
        for (i = 0; i < len; i++)
            if (!strchr(" \t\n\r", s[i]))
                nc_buf_putc(&d->piece, s[i]);
    }
    if (d->piece.failed || d->hay.failed)
        return 1; /* out of memory: reported by the caller */
    return !d->piece.size || ncp_hay_find(&d->search, d->piece.ptr);
}

static int is_date(const char *s, size_t len)
{
    nc_time t;
    return nc_time_parse_rfc3339(s, len, &t) == 0;
}

/* A name this format makes up: "main" (a main rendition), "<word>-<digits>" whose word
 * the model holds. */
static int made_up_name(drops *d, const char *s, size_t len)
{
    size_t e = len;
    if (len == 4 && !memcmp(s, "main", 4))
        return 1;
    while (e && s[e - 1] >= '0' && s[e - 1] <= '9')
        e--;
    return e < len && e > 1 && s[e - 1] == '-' && found(d, s, e - 1);
}

static void record(drops *d, const char *parent, const char *key, const char *value)
{
    char path[128];
    size_t i;
    snprintf(path, sizeof path, "%s%s%s", parent ? parent : "", parent ? "/" : "",
             key ? key : "(value)");
    d->total++;
    if (d->r->o && d->r->o->verbose)
        nc_warn(d->r->o, d->r->line, 0, "dropped: %s: '%.80s'", path, value);
    for (i = 0; i < d->n; i++)
        if (!strcmp(d->names[i], path)) {
            d->counts[i]++;
            return;
        }
    if (d->n < DROP_MAX) {
        d->names[d->n] = nc_article_strdup(d->r->a, path);
        d->counts[d->n++] = 1;
    } else {
        d->more++;
    }
}

/* The text of an HTML value: its text nodes, as the reader reads them. A NITF body's
 * body.head went to the metadata: each of its text nodes is looked up alone. */
static int html_found(drops *d, const char *s)
{
    const char *head, *t, *p, *e;
    s = ncp_jrd_nitf_split(d->r, s, &head);
    t = ncp_jrd_html_text(d->r, s, 1); /* read before: warned then */
    if (t && !found(d, t, strlen(t)))
        return 0;
    for (p = head; p && *p; p = e) {
        const char *piece;
        if (*p == '<') {
            e = strchr(p, '>');
            e = e ? e + 1 : p + strlen(p);
            continue;
        }
        e = strchr(p, '<');
        if (!e)
            e = p + strlen(p);
        piece = nc_article_strndup(d->r->a, p, (size_t)(e - p));
        t = piece ? ncp_jrd_html_text(d->r, piece, 1) : NULL;
        if (t && !found(d, t, strlen(t)))
            return 0;
    }
    return 1;
}

/* Walks v (the value of key in an object under parent); depth is capped by the reader. */
static void walk(drops *d, json_t *v, const char *parent, const char *key, int text_list)
{
    const char *k;
    json_t *c;
    size_t i;
    if (json_is_object(v)) {
        json_object_foreach(v, k, c) {
            if (text_list && (!ncp_strcasecmp(k, "role") || !ncp_strcasecmp(k, "contentType")))
                continue;
            walk(d, c, key, k,
                 ncp_json_one_of(k, (const char *const[]){"headlines", "descriptions", "bodies",
                                                     NULL}));
        }
    } else if (json_is_array(v)) {
        json_array_foreach(v, i, c) {
            walk(d, c, parent, key, text_list);
        }
    } else if (json_is_string(v)) {
        const char *s = json_string_value(v);
        size_t len = json_string_length(v);
        const char *t = ncp_trim(s, &len);
        if (!len || found(d, t, len) || is_date(t, len) ||
            !strncmp(t, NCP_JSON_URN, strlen(NCP_JSON_URN)))
            return;
        if (key && !ncp_strcasecmp(key, "name") && made_up_name(d, t, len))
            return;
        if (key && !ncp_strcasecmp(key, "representationType") &&
            ((len == 8 && !memcmp(t, "complete", 8)) || (len == 10 && !memcmp(t, "incomplete", 10))))
            return; /* 1.x's names of 3.x's full and partial, kept as those */
        if (t[0] == '<' && html_found(d, t))
            return;
        record(d, parent, key, t);
    }
}

/* Appends the strings of the JSON text t (a details object, a JSON extra), squashed, to
 * the model text: the model keeps them escaped. */
static void hay_json(drops *d, const char *t)
{
    json_t *stack[64], *v, *c;
    size_t n = 0, i;
    const char *k;
    if (!t || !(v = json_loads(t, 0, NULL)))
        return;
    stack[n++] = v;
    while (n) {
        json_t *x = stack[--n];
        if (json_is_string(x)) {
            ncp_squash_put(&d->hay, json_string_value(x));
        } else if (json_is_object(x)) {
            json_object_foreach(x, k, c) {
                if (n < sizeof stack / sizeof stack[0])
                    stack[n++] = c;
            }
        } else if (json_is_array(x)) {
            json_array_foreach(x, i, c) {
                if (n < sizeof stack / sizeof stack[0])
                    stack[n++] = c;
            }
        }
    }
    json_decref(v);
}

/* The URI of an IPTC QCode (the writer spells it out from the code). */
static void hay_iptc(drops *d, const nc_subject *s)
{
    const char *u = s->code ? ncp_iptc_scheme_uri(s->code) : NULL;
    if (u) {
        nc_buf_puts(&d->hay, u);
        ncp_squash_put(&d->hay, strchr(s->code, ':') + 1);
    }
}

/* The words that say which field a value is, which the writer writes again from the
 * fields: item types, contact and source roles, the rel of keywords and the section, the
 * role of the canonical URL; and the URIs of IPTC codes. */
static void hay_words(drops *d, const nc_article *a)
{
    size_t i;
    nc_buf body = NC_BUF_INIT;
    nc_buf_puts(&d->hay, "text\ncomposite\nurl\naffiliation\nprovider\npublisher\n"
                         NCP_JSON_REL_KEYWORD "\n" NCP_JSON_REL_SECTION "\ncanonical\n"
                         "rendition\n");
    ncp_json_body_text(a->body, &body); /* the text body written beside the XHTML one */
    ncp_squash_put(&d->hay, body.ptr);
    if (body.failed)
        d->hay.failed = 1;
    nc_buf_release(&body);
    for (i = 0; i < a->n_subjects; i++)
        hay_iptc(d, &a->subjects[i]);
    for (i = 0; i < a->n_genres; i++)
        hay_iptc(d, &a->genres[i]);
    hay_iptc(d, &a->digital_source_type);
}

static void hay_details(drops *d, const nc_article *a)
{
    size_t i, j;
    for (i = 0; i < a->n_subjects; i++)
        hay_json(d, a->subjects[i].details);
    for (i = 0; i < a->n_genres; i++)
        hay_json(d, a->genres[i].details);
    for (i = 0; i < a->n_authors; i++)
        hay_json(d, a->authors[i].details);
    hay_json(d, a->digital_source_type.details);
    for (i = 0; i < a->n_media; i++) {
        hay_json(d, a->media[i].details);
        hay_json(d, a->media[i].main.details);
        for (j = 0; j < a->media[i].n_renditions; j++)
            hay_json(d, a->media[i].renditions[j].details);
    }
    for (i = 0; i < a->n_extra; i++)
        if (a->extra[i].json)
            hay_json(d, a->extra[i].value);
}

void ncp_json_report_dropped(ncp_jrd *r, json_t *obj)
{
    drops d;
    const char *k;
    json_t *v;
    memset(&d, 0, sizeof d);
    d.r = r;
    nc_buf_init(&d.hay);
    nc_buf_init(&d.piece);
    ncp_article_squash(r->a, &d.hay);
    hay_details(&d, r->a);
    hay_words(&d, r->a);
    ncp_hay_search_init(&d.search, d.hay.failed ? NULL : d.hay.ptr, d.hay.size);
    json_object_foreach(obj, k, v) {
        if (!ncp_strcasecmp(k, "standard") || !ncp_strcasecmp(k, "$standard") ||
            !ncp_strcasecmp(k, "$schema"))
            continue;
        walk(&d, v, NULL, k,
             ncp_json_one_of(k, (const char *const[]){"headlines", "descriptions", "bodies", NULL}));
    }
    if (d.search.stopped && !d.hay.failed)
        nc_warn(r->o, r->line, 0, "dropped: not every string looked up (the document is too "
                "large for the check to finish in linear time): some may be missing");
    if (d.hay.failed || d.piece.failed) {
        r->a->failed = 1;
    } else if (d.total) {
        nc_buf msg = NC_BUF_INIT;
        size_t i;
        for (i = 0; i < d.n; i++) {
            nc_buf_printf(&msg, "%s%s", msg.size ? ", " : "", d.names[i] ? d.names[i] : "?");
            if (d.counts[i] > 1)
                nc_buf_printf(&msg, " (%d)", d.counts[i]);
        }
        if (d.more)
            nc_buf_printf(&msg, " and %zu more", d.more);
        if (msg.failed)
            r->a->failed = 1;
        else
            nc_warn(r->o, r->line, 0, "dropped: %s", msg.ptr);
        nc_buf_release(&msg);
    }
    nc_buf_release(&d.hay);
    nc_buf_release(&d.piece);
}
