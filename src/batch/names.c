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
