/* newsconv: the publication policy of the model: which URLs an article may hold and which
 * characters its text may hold, applied once where an article enters the library (the end
 * of nc_read_article: every reader, -M and --base-url), so that every writer is safe. */
#include "model.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* ---- URLs ---- */

/* Decodes the character references an attribute or a Markdown destination may hide a
 * scheme behind ("java&#x09;script:", "javascript&colon;"): numeric ones and the named
 * ones that spell URL syntax. Returns the code point and sets *used, or -1. */
static long char_ref(const char *s, size_t len, size_t *used)
{
    static const struct { const char *name; long cp; } named[] = {
        {"colon;", ':'}, {"tab;", '\t'}, {"newline;", '\n'}, {"sol;", '/'}, {"amp;", '&'},
        {"num;", '#'},   {"quest;", '?'}, {"period;", '.'},  {"nbsp;", ' '}, {"lpar;", '('},
        {"rpar;", ')'},
    };
    size_t i = 1;
    long cp = 0;
    if (len < 3 || s[0] != '&')
        return -1;
    if (s[1] == '#') {
        int hex = i + 1 < len && (s[2] == 'x' || s[2] == 'X');
        size_t digits = 0;
        i = hex ? 3 : 2;
        for (; i < len && digits < 8; i++, digits++) {
            char c = s[i];
            int d = c >= '0' && c <= '9'   ? c - '0'
                    : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                  : -1;
            if (d < 0)
                break;
            cp = cp * (hex ? 16 : 10) + d;
        }
        if (!digits)
            return -1;
        if (i < len && s[i] == ';')
            i++;
        *used = i;
        return cp;
    }
    for (i = 0; i < sizeof named / sizeof named[0]; i++) {
        size_t n = strlen(named[i].name);
        if (len > n && !ncp_strncasecmp(s + 1, named[i].name, n)) {
            *used = n + 1;
            return named[i].cp;
        }
    }
    return -1;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* The first bytes of url as a browser would see its scheme, made lower case: character
 * references and percent-encoding decoded (repeatedly, for double encoding), then every
 * control character, space and DEL removed (browsers drop tabs and newlines anywhere and
 * C0 controls and spaces at the ends; removing them everywhere errs on the safe side). */
static void scheme_view(const char *url, char *out, size_t outlen)
{
    char a[160], b[160];
    size_t n = 0, round;
    const char *s = url;
    for (; *s && n + 1 < sizeof a; s++)
        a[n++] = *s;
    a[n] = '\0';
    for (round = 0; round < 4; round++) {
        size_t i, m = 0, len = strlen(a);
        int changed = 0;
        for (i = 0; i < len && m + 1 < sizeof b;) {
            size_t used;
            long cp;
            if (a[i] == '&' && (cp = char_ref(a + i, len - i, &used)) >= 0) {
                b[m++] = cp > 0 && cp < 0x80 ? (char)cp : '?';
                i += used;
                changed = 1;
            } else if (a[i] == '%' && i + 2 < len && hexval(a[i + 1]) >= 0 &&
                       hexval(a[i + 2]) >= 0) {
                int v = hexval(a[i + 1]) * 16 + hexval(a[i + 2]);
                b[m++] = v > 0 ? (char)v : '?';
                i += 3;
                changed = 1;
            } else {
                b[m++] = a[i++];
            }
        }
        b[m] = '\0';
        memcpy(a, b, m + 1);
        if (!changed)
            break;
    }
    {
        size_t i, m = 0;
        for (i = 0; a[i] && m + 1 < outlen; i++) {
            unsigned char c = (unsigned char)a[i];
            if (c <= 0x20 || c == 0x7f)
                continue;
            /* C1 controls as UTF-8 (U+0080..U+009F) are dropped too */
            if (c == 0xc2 && (unsigned char)a[i + 1] >= 0x80 && (unsigned char)a[i + 1] <= 0x9f) {
                i++;
                continue;
            }
            out[m++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        out[m] = '\0';
    }
}

int nc_url_allowed(const char *url, nc_url_use use)
{
    static const char *const schemes[] = {"http", "https", "mailto", "tel", "ftp",
                                          "news", "urn",   "tag"};
    static const char *const images[] = {"png", "jpeg", "jpg", "gif", "webp", "avif"};
    char v[128];
    size_t i, k;
    if (!url)
        return 1;
    scheme_view(url, v, sizeof v);
    /* a scheme is a letter, then letters, digits, "+", "-" or ".", then ":" */
    if (!(v[0] >= 'a' && v[0] <= 'z'))
        return 1; /* relative reference ("/a", "//host/a", "a/b", "?q", "#f") */
    for (k = 1; v[k] && ((v[k] >= 'a' && v[k] <= 'z') || (v[k] >= '0' && v[k] <= '9') ||
                         v[k] == '+' || v[k] == '-' || v[k] == '.');
         k++)
        ;
    if (v[k] != ':')
        return 1; /* no scheme: a relative path */
    if (use == NC_URL_EMBED)
        return (k == 4 && !memcmp(v, "http", 4)) || (k == 5 && !memcmp(v, "https", 5));
    for (i = 0; i < sizeof schemes / sizeof schemes[0]; i++)
        if (strlen(schemes[i]) == k && !memcmp(v, schemes[i], k))
            return 1;
    if (use == NC_URL_IMAGE && k == 4 && !memcmp(v, "data", 4) && !strncmp(v + 5, "image/", 6)) {
        const char *t = v + 11;
        for (i = 0; i < sizeof images / sizeof images[0]; i++) {
            size_t n = strlen(images[i]);
            if (!strncmp(t, images[i], n) && (t[n] == ';' || t[n] == ','))
                return 1;
        }
    }
    return 0;
}

/* ---- the article ---- */

typedef struct {
    nc_article *a;
    nc_safety_report report;
    void *ud;
    long removed;
} sweep;

static void note(sweep *s, const char *what, const char *value, int line, int column)
{
    s->removed++;
    if (s->report)
        s->report(s->ud, what, value, line, column);
}

/* Clears *url (and reports it) when the policy forbids it for use. */
static void check_url(sweep *s, const char **url, nc_url_use use, const char *what)
{
    if (*url && !nc_url_allowed(*url, use)) {
        note(s, what, *url, 0, 0);
        *url = NULL;
    }
}

/* Removes in place the control characters no output format allows in text: C0 but tab,
 * newline and carriage return; DEL; C1 (U+0080..U+009F in UTF-8). Returns how many. */
static size_t strip_controls(char *t, size_t *lenp)
{
    size_t i, m = 0, n = 0, len = lenp ? *lenp : strlen(t);
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)t[i];
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
            n++;
            continue;
        }
        if (c == 0xc2 && i + 1 < len && (unsigned char)t[i + 1] >= 0x80 &&
            (unsigned char)t[i + 1] <= 0x9f) {
            n++;
            i++;
            continue;
        }
        t[m++] = (char)c;
    }
    if (n) {
        t[m] = '\0';
        if (lenp)
            *lenp = m;
    }
    return n;
}

static size_t clean_text(const char *t)
{
    /* arena strings are the article's own; the cast writes only into them */
    return t ? strip_controls((char *)(uintptr_t)t, NULL) : 0;
}

/* The text of a subject, an entity or a coded field (issue 14 added rel and creator). */
static size_t clean_subject(const nc_subject *s)
{
    return clean_text(s->name) + clean_text(s->rel) + clean_text(s->creator);
}

static size_t clean_rendition(const nc_rendition *r)
{
    return clean_text(r->name) + clean_text(r->title) + clean_text(r->format);
}

static size_t clean_article_text(nc_article *a)
{
    size_t i, j, n = 0;
    for (i = 0; i < NC_F__COUNT; i++)
        n += clean_text(a->str[i]);
    for (i = 0; i < a->n_authors; i++)
        n += clean_text(a->authors[i].name) + clean_text(a->authors[i].role) +
             clean_text(a->authors[i].affiliation);
    for (i = 0; i < a->n_subjects; i++)
        n += clean_subject(&a->subjects[i]);
    for (i = 0; i < a->n_genres; i++)
        n += clean_subject(&a->genres[i]);
    n += clean_subject(&a->digital_source_type) + clean_subject(&a->data_mining) +
         clean_text(a->item_type);
    for (i = 0; i < a->n_keywords; i++)
        n += clean_text(a->keywords[i]);
    for (i = 0; i < a->n_links; i++)
        n += clean_text(a->links[i].title);
    for (i = 0; i < a->n_media; i++) {
        nc_media *m = &a->media[i];
        n += clean_text(m->title) + clean_text(m->caption) + clean_text(m->credit) +
             clean_text(m->alt) + clean_text(m->name) + clean_text(m->type) +
             clean_text(m->rel) + clean_rendition(&m->main);
        for (j = 0; j < m->n_renditions; j++)
            n += clean_rendition(&m->renditions[j]);
    }
    for (i = 0; i < a->n_extra; i++)
        n += clean_text(a->extra[i].value);
    return n;
}

/* Moves the children of n before it and unlinks n (a link whose address went keeps its
 * text). */
static void unwrap(nc_node *n)
{
    nc_node *c;
    while ((c = n->first) != NULL) {
        nc_node_unlink(c);
        nc_node_insert_before(n, c);
    }
    nc_node_unlink(n);
}

static void sweep_body(sweep *s, size_t *controls)
{
    nc_iter it = nc_iter_init(s->a->body);
    nc_event ev;
    while ((ev = nc_iter_next(&it)) != NC_EVENT_DONE) {
        nc_node *n = nc_iter_node(&it);
        if (ev != NC_EVENT_ENTER)
            continue;
        switch (n->type) {
        case NC_INLINE_TEXT:
        case NC_INLINE_CODE:
        case NC_BLOCK_CODE_BLOCK:
            if (n->as.code.literal)
                *controls += strip_controls((char *)(uintptr_t)n->as.code.literal, &n->as.code.len);
            break;
        case NC_INLINE_LINK:
            if (n->as.ref.href && !nc_url_allowed(n->as.ref.href, NC_URL_LINK)) {
                note(s, "link", n->as.ref.href, n->line, n->column);
                n->as.ref.href = NULL;
            }
            *controls += clean_text(n->as.ref.title);
            break;
        case NC_INLINE_IMAGE:
        case NC_BLOCK_FIGURE:
            if (n->as.ref.href && !nc_url_allowed(n->as.ref.href, NC_URL_IMAGE)) {
                note(s, n->type == NC_BLOCK_FIGURE ? "figure" : "image", n->as.ref.href,
                     n->line, n->column);
                n->as.ref.href = NULL;
            }
            *controls += clean_text(n->as.ref.title) + clean_text(n->as.ref.alt) +
                         clean_text(n->as.ref.credit);
            break;
        case NC_BLOCK_EMBED:
            if (n->as.embed.html) {
                note(s, "the HTML of an embed (kept as a link)", n->as.embed.url, n->line,
                     n->column);
                n->as.embed.html = NULL;
            }
            if (n->as.embed.url && !nc_url_allowed(n->as.embed.url, NC_URL_EMBED)) {
                note(s, "embed", n->as.embed.url, n->line, n->column);
                n->as.embed.url = NULL;
            }
            break;
        default:
            break;
        }
    }
}

/* Second pass: nodes left without an address are unwrapped (links) or removed (images,
 * figures without a caption, embeds), without a walk being under way. */
static void prune_body(nc_article *a)
{
    nc_node *n = a->body, *next;
    while (n) {
        /* pre-order successor computed before n may be unlinked */
        int leaving = 0;
        if (n != a->body &&
            ((n->type == NC_INLINE_LINK && !n->as.ref.href) ||
             (n->type == NC_INLINE_IMAGE && !n->as.ref.href) ||
             (n->type == NC_BLOCK_FIGURE && !n->as.ref.href && !n->first) ||
             (n->type == NC_BLOCK_EMBED && !n->as.embed.url)))
            leaving = 1;
        if (leaving) {
            /* a link's children take its place, so the walk goes on at the first */
            next = n->first;
            if (!next) {
                nc_node *p = n;
                while (p && p != a->body && !p->next)
                    p = p->parent;
                next = p && p != a->body ? p->next : NULL;
            }
            if (n->type == NC_INLINE_LINK)
                unwrap(n);
            else
                nc_node_unlink(n);
            n = next;
            continue;
        }
        if (n->first) {
            n = n->first;
            continue;
        }
        while (n && n != a->body && !n->next)
            n = n->parent;
        n = n && n != a->body ? n->next : NULL;
    }
}

long nc_article_make_safe(nc_article *a, nc_safety_report report, void *ud)
{
    sweep s;
    size_t i, j, controls;
    s.a = a;
    s.report = report;
    s.ud = ud;
    s.removed = 0;
    if (!a)
        return 0;
    check_url(&s, &a->str[NC_F_URL], NC_URL_LINK, "url");
    for (i = 0; i < a->n_authors; i++)
        check_url(&s, &a->authors[i].url, NC_URL_LINK, "author url");
    for (i = 0; i < a->n_links; i++)
        check_url(&s, &a->links[i].href, NC_URL_LINK, "link");
    for (i = 0; i < a->n_media; i++) {
        nc_media *m = &a->media[i];
        check_url(&s, &m->href, m->kind == NC_MEDIA_PICTURE || m->kind == NC_MEDIA_GRAPHIC
                                    ? NC_URL_IMAGE
                                    : NC_URL_LINK,
                  "media");
        for (j = 0; j < m->n_renditions; j++)
            check_url(&s, &m->renditions[j].href, NC_URL_IMAGE, "rendition");
    }
    controls = clean_article_text(a);
    sweep_body(&s, &controls);
    prune_body(a);
    if (controls) {
        char count[24];
        snprintf(count, sizeof count, "%zu", controls);
        note(&s, "control characters", count, 0, 0);
    }
    return s.removed;
}
