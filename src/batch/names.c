/* newsconv batch engine: output names: relative paths made safe, the output extension, web
 * addresses as paths, names already used. */
#include "engine.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Appends name to out made safe as a relative path: no leading '/', "." dropped, ".."
 * taking back the component before it but never going above the start, no control
 * characters; components are cut at 200 bytes. */
static void sanitize_rel(nc_buf *out, const char *name)
{
    nc_buf valid = NC_BUF_INIT;
    const char *p = name;
    size_t start = out->size;
    if (!ncp_utf8_valid(name, strlen(name))) { /* names in the output are UTF-8 */
        ncp_utf8_sanitize(&valid, name, strlen(name));
        p = valid.ptr;
    }
    while (*p) {
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p), i;
        if (n == 2 && p[0] == '.' && p[1] == '.') {
            size_t k = out->size;
            while (k > start && out->ptr[k - 1] != '/')
                k--;
            nc_buf_truncate(out, k > start ? k - 1 : start);
        } else if (n && !(n == 1 && p[0] == '.')) {
            if (out->size > start)
                nc_buf_putc(out, '/');
            size_t keep = n;
            if (keep > 200) /* cut at a character boundary */
                for (keep = 200; keep > 0 && ((unsigned char)p[keep] & 0xC0) == 0x80; keep--)
                    ;
            for (i = 0; i < keep; i++) {
                unsigned char c = (unsigned char)p[i];
                if (c == 0xC2 && i + 1 < keep && (unsigned char)p[i + 1] >= 0x80 &&
                    (unsigned char)p[i + 1] <= 0x9F) { /* C1 controls, U+0080-U+009F */
                    nc_buf_putc(out, '_');
                    i++;
                } else {
                    nc_buf_putc(out, c < 0x20 || c == 0x7f ? '_' : (int)c);
                }
            }
        }
        p += n;
        while (*p == '/')
            p++;
        if (e && p < e)
            p = e + 1;
    }
    if (out->size == start)
        nc_buf_putc(out, '_');
    nc_buf_release(&valid);
}

/* Position of the extension dot in the last component of s[0..len), or len. */
size_t ncp_batch_ext_pos(const char *s, size_t len)
{
    size_t i = len, comp = 0;
    for (i = len; i > 0; i--)
        if (s[i - 1] == '/') {
            comp = i;
            break;
        }
    for (i = len; i > comp + 1; i--)
        if (s[i - 1] == '.')
            return i - 1;
    return len;
}

/* prefix + the sanitised name with its extension replaced by the output one. */
char *ncp_batch_output_name(const batch *b, const char *prefix, const char *name)
{
    nc_buf o = NC_BUF_INIT;
    nc_buf_puts(&o, prefix);
    sanitize_rel(&o, name);
    nc_buf_truncate(&o, o.size - ncp_compression_ext_len(o.ptr)); /* a.html.gz -> a.md */
    nc_buf_truncate(&o, ncp_batch_ext_pos(o.ptr, o.size));
    nc_buf_puts(&o, b->out_ext);
    return nc_buf_detach(&o, NULL);
}

/* "x/feed.tar.gz" -> "x/feed/": the prefix under which a container's items go. */
void ncp_batch_container_prefix(nc_buf *out, const char *rel, size_t ext_len)
{
    size_t n = strlen(rel);
    nc_buf buf = NC_BUF_INIT;
    nc_buf_put(&buf, rel, n - ext_len);
    sanitize_rel(out, buf.ptr);
    nc_buf_putc(out, '/');
    nc_buf_release(&buf);
}

/* A web page address as a relative path: host/path[_query], "index" for a directory. */
char *ncp_batch_url_output_name(const batch *b, const char *prefix, const char *url)
{
    nc_buf o = NC_BUF_INIT, path = NC_BUF_INIT;
    const char *p = strstr(url, "://"), *host, *end, *q;
    size_t n;
    p = p ? p + 3 : url;
    host = p;
    end = host + strcspn(host, "/?#");
    q = memchr(host, '@', (size_t)(end - host));
    if (q)
        host = q + 1;
    for (q = host; q < end; q++)
        nc_buf_putc(&path, *q == ':' ? '_' : *q);
    p = end;
    n = strcspn(p, "?#");
    nc_buf_put(&path, p, n);
    if (!n || p[n - 1] == '/')
        nc_buf_puts(&path, n ? "index" : "/index");
    nc_buf_puts(&o, prefix);
    sanitize_rel(&o, path.ptr);
    nc_buf_truncate(&o, ncp_batch_ext_pos(o.ptr, o.size));
    if (p[n] == '?' && p[n + 1] && p[n + 1] != '#') {
        const char *qs = p + n + 1;
        size_t qn = strcspn(qs, "#");
        nc_buf_putc(&o, '_');
        for (; qn && o.size < 4096; qs++, qn--) {
            unsigned char c = (unsigned char)*qs;
            nc_buf_putc(&o, c == '/' || c < 0x20 || c == 0x7f ? '_' : (int)c);
        }
    }
    nc_buf_puts(&o, b->out_ext);
    nc_buf_release(&path);
    return nc_buf_detach(&o, NULL);
}

static uint64_t name_hash(const char *s) { return ncp_hash64(s, strlen(s), 0) | 1; }

/* 1 when the name was already used; else records it. */
int ncp_batch_name_seen(name_set *ns, const char *name)
{
    uint64_t h = name_hash(name);
    size_t i;
    if (ns->n * 4 >= ns->cap * 3) { /* at most 3/4 full: about 11-21 bytes a name */
        size_t ncap = ns->cap ? ns->cap * 2 : 1024, j;
        uint64_t *ns2 = calloc(ncap, sizeof *ns2);
        if (!ns2)
            return 0;
        for (j = 0; j < ns->cap; j++)
            if (ns->slots[j]) {
                size_t k = (size_t)(ns->slots[j] & (ncap - 1));
                while (ns2[k])
                    k = (k + 1) & (ncap - 1);
                ns2[k] = ns->slots[j];
            }
        free(ns->slots);
        ns->slots = ns2;
        ns->cap = ncap;
    }
    for (i = (size_t)(h & (ns->cap - 1)); ns->slots[i]; i = (i + 1) & (ns->cap - 1))
        if (ns->slots[i] == h)
            return 1;
    ns->slots[i] = h;
    ns->n++;
    return 0;
}

/* ---- names of articles from a stream (JSON Lines) ---- */

/* Appends a slug of s: ASCII letters and digits lowercased, UTF-8 letters kept, every
 * other run of characters one '-', none at either end, at most 80 bytes. */
static void put_slug(nc_buf *out, const char *s, size_t n)
{
    size_t start = out->size, i;
    int dash = 0;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80 ||
            (c >= 'A' && c <= 'Z')) {
            if (c < 0x80 || (c & 0xC0) == 0xC0) { /* a character starts */
                if (out->size - start >= 80)
                    break;
                if (dash && out->size > start)
                    nc_buf_putc(out, '-');
                dash = 0;
            }
            nc_buf_putc(out, c >= 'A' && c <= 'Z' ? c + 32 : (int)c);
        } else {
            dash = 1;
        }
    }
}

/* The path of a web address without its scheme, host, query, fragment and the extension
 * of its last component: "https://x.com/a/story.html?x=1" -> "a/story". */
static void url_path(const char *url, const char **p, size_t *n)
{
    const char *s = strstr(url, "://"), *e, *dot, *slash;
    s = s ? strchr(s + 3, '/') : url;
    if (!s)
        s = url + strlen(url);
    e = s + strcspn(s, "?#");
    slash = s;
    for (dot = s; dot < e; dot++)
        if (*dot == '/')
            slash = dot;
    dot = memchr(slash, '.', (size_t)(e - slash));
    if (dot && dot > slash + 1)
        e = dot;
    *p = s;
    *n = (size_t)(e - s);
}

static void put_field(nc_buf *out, const nc_article *a, const char *key, size_t klen, long n)
{
    const char *s = NULL;
    size_t len = 0, before = out->size;
#define KEY(k) (klen == sizeof k - 1 && !memcmp(key, k, klen))
    if (KEY("n")) {
        nc_buf_printf(out, "%ld", n);
        return;
    }
    if (KEY("date")) {
        int f;
        for (f = NC_T_PUBLISHED;; f = f == NC_T_PUBLISHED ? NC_T_CREATED : NC_T_MODIFIED) {
            const nc_time *t = &a->time[f];
            if (t->year > 0) {
                nc_buf_printf(out, "%04d-%02d-%02d", t->year, t->month > 0 ? t->month : 1,
                              t->day > 0 ? t->day : 1);
                return;
            }
            if (f == NC_T_MODIFIED)
                return;
        }
    }
    if (KEY("slug") || KEY("id"))
        s = a->str[NC_F_ID];
    if (s && *s) {
        put_slug(out, s, strlen(s));
        if (out->size > before)
            return;
    }
    if (KEY("slug") || KEY("url")) {
        if (a->str[NC_F_URL] && *a->str[NC_F_URL]) {
            url_path(a->str[NC_F_URL], &s, &len);
            put_slug(out, s, len);
            if (out->size > before)
                return;
        }
    }
    if (KEY("slug") || KEY("headline"))
        if (a->str[NC_F_HEADLINE])
            put_slug(out, a->str[NC_F_HEADLINE], strlen(a->str[NC_F_HEADLINE]));
#undef KEY
}

int ncp_batch_template_check(const char *tpl, const char **bad)
{
    static const char *const keys[] = {"slug", "n", "id", "url", "headline", "date", NULL};
    const char *p = tpl;
    while ((p = strchr(p, '{')) != NULL) {
        const char *e = strchr(p, '}');
        size_t k;
        int found = 0;
        if (!e) {
            *bad = p;
            return -1;
        }
        for (k = 0; keys[k]; k++)
            if (strlen(keys[k]) == (size_t)(e - p - 1) &&
                !memcmp(keys[k], p + 1, (size_t)(e - p - 1)))
                found = 1;
        if (!found) {
            *bad = p;
            return -1;
        }
        p = e + 1;
    }
    return 0;
}

char *ncp_batch_article_name(const batch *b, const char *rel, const nc_article *a, long n)
{
    const char *tpl = b->cfg->name_template ? b->cfg->name_template : "{slug}";
    const char *slash = strrchr(rel, '/'), *p;
    nc_buf name = NC_BUF_INIT, o = NC_BUF_INIT;
    size_t plen = slash ? (size_t)(slash - rel) + 1 : 0;
    for (p = tpl; *p;) {
        const char *e = *p == '{' ? strchr(p, '}') : NULL;
        if (e) {
            put_field(&name, a, p + 1, (size_t)(e - p - 1), n);
            p = e + 1;
        } else {
            nc_buf_putc(&name, *p++);
        }
    }
    nc_buf_put(&o, rel, plen);
    /* an empty field leaves no dangling separator: "{n}-{headline}" -> "5" */
    while (name.size && strchr("-_. ", name.ptr[name.size - 1]))
        nc_buf_truncate(&name, name.size - 1);
    {
        /* nothing but separators: the line number */
        size_t i, has = 0;
        for (i = 0; i < name.size; i++)
            if (name.ptr[i] != '/' && name.ptr[i] != '-' && name.ptr[i] != '.')
                has = 1;
        if (!has) {
            nc_buf_truncate(&name, 0);
            nc_buf_printf(&name, "%ld", n);
        }
    }
    sanitize_rel(&o, name.ptr);
    nc_buf_puts(&o, b->out_ext);
    nc_buf_release(&name);
    if (o.failed) {
        nc_buf_release(&o);
        return NULL;
    }
    return nc_buf_detach(&o, NULL);
}
