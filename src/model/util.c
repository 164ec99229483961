/* newsconv: string and UTF-8 helpers. */
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

int ncp_strcasecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int d = lower((unsigned char)*a) - lower((unsigned char)*b);
        if (d || !*a)
            return d;
    }
}

int ncp_strncasecmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        int d = lower((unsigned char)*a) - lower((unsigned char)*b);
        if (d || !*a)
            return d;
    }
    return 0;
}

int ncp_startswith_ci(const char *s, const char *prefix)
{
    return ncp_strncasecmp(s, prefix, strlen(prefix)) == 0;
}

static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

const char *ncp_trim(const char *s, size_t *len)
{
    size_t n = *len;
    while (n && is_space((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n && is_space((unsigned char)s[n - 1]))
        n--;
    *len = n;
    return s;
}

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0 if invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && s[1] < 0xA0)
            return 0;
        if (c == 0xED && s[1] > 0x9F)
            return 0; /* surrogates */
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
            (s[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && s[1] < 0x90)
            return 0;
        if (c == 0xF4 && s[1] > 0x8F)
            return 0;
        return 4;
    }
    return 0;
}

int ncp_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        size_t k;
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        k = utf8_seq(p + i, len - i);
        if (!k)
            return 0;
        i += k;
    }
    return 1;
}

void ncp_utf8_sanitize(nc_buf *out, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, run = 0;
    while (i < len) {
        size_t k = p[i] < 0x80 ? 1 : utf8_seq(p + i, len - i);
        if (k) {
            i += k;
            continue;
        }
        nc_buf_put(out, s + run, i - run);
        nc_buf_puts(out, "\xEF\xBF\xBD");
        i++;
        run = i;
    }
    nc_buf_put(out, s + run, len - run);
}

void ncp_utf8_put(nc_buf *out, unsigned cp)
{
    char t[4];
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        nc_buf_putc(out, (int)cp);
    } else if (cp < 0x800) {
        t[0] = (char)(0xC0 | (cp >> 6));
        t[1] = (char)(0x80 | (cp & 0x3F));
        nc_buf_put(out, t, 2);
    } else if (cp < 0x10000) {
        t[0] = (char)(0xE0 | (cp >> 12));
        t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        t[2] = (char)(0x80 | (cp & 0x3F));
        nc_buf_put(out, t, 3);
    } else {
        t[0] = (char)(0xF0 | (cp >> 18));
        t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        t[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        t[3] = (char)(0x80 | (cp & 0x3F));
        nc_buf_put(out, t, 4);
    }
}

void ncp_collapse_space(nc_buf *out, const char *s, size_t len)
{
    size_t i;
    int pending = 0, any = 0;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (is_space(c)) {
            pending = any;
            continue;
        }
        if (pending)
            nc_buf_putc(out, ' ');
        pending = 0;
        any = 1;
        nc_buf_putc(out, c);
    }
}

void ncp_position(const char *buf, size_t off, int *line, int *column)
{
    size_t i, ls = 0;
    int l = 1;
    for (i = 0; i < off; i++)
        if (buf[i] == '\n') {
            l++;
            ls = i + 1;
        }
    *line = l;
    *column = (int)(off - ls) + 1;
}

unsigned long long ncp_hash64(const char *s, size_t len, unsigned long long h)
{
    size_t i;
    if (!h)
        h = 1469598103934665603ULL;
    for (i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static _Thread_local int alloc_noted;

void ncp_alloc_failure_note(void)
{
    alloc_noted = 1;
}

void ncp_alloc_failure_clear(void)
{
    alloc_noted = 0;
}

int ncp_alloc_failure_noted(void)
{
    return alloc_noted;
}

void ncp_article_stable_id(const nc_article *a, char *out, size_t outlen)
{
    unsigned long long h = 0;
    const char *url = a->str[NC_F_URL];
    if (url) {
        h = ncp_hash64(url, strlen(url), 0);
    } else {
        nc_buf text = NC_BUF_INIT;
        const char *hl = a->str[NC_F_HEADLINE] ? a->str[NC_F_HEADLINE] : "";
        h = ncp_hash64(hl, strlen(hl), 0);
        h = ncp_hash64("\n", 1, h);
        nc_node_text(a->body, &text);
        if (text.failed)
            ncp_alloc_failure_note(); /* the driver reports out of memory */
        h = ncp_hash64(text.ptr, text.size, h);
        nc_buf_release(&text);
    }
    snprintf(out, outlen, "urn:newsconv:%016llx", h);
}

void ncp_double_str(double x, char *buf, size_t n)
{
    int p;
    for (p = 15; p < 17; p++) {
        snprintf(buf, n, "%.*g", p, x);
        if (strtod(buf, NULL) == x)
            return;
    }
    snprintf(buf, n, "%.17g", x);
}
