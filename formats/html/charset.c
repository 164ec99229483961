/* newsconv html: the page's bytes -> UTF-8.
 *
 * Order: a byte order mark; --input-encoding; bytes that are valid UTF-8 (a saved page is
 * often re-encoded without fixing its declaration, and legacy-encoded text is practically
 * never valid UTF-8); the declaration (<meta charset>, <meta http-equiv=Content-Type>,
 * <?xml encoding>) in the first 16 KiB; else what libuchardet detects from the bytes (unless
 * --no-detect); else windows-1252, the web's default. `-v` says which was used when
 * none was declared ("html: note: ..."). Labels are
 * mapped the way browsers do (WHATWG Encoding): ISO-8859-1 and ASCII are windows-1252,
 * GB2312/GBK are GB18030, Shift_JIS is windows-31j, EUC-KR is windows-949.
 * libxml2 2.9.14 would honour <meta charset> itself, but it trusts the declaration over
 * the bytes and cannot be overridden, so newsconv converts first (iconv) and parses UTF-8. */
#include "html.h"
#include "common/charset.h"

#include <string.h>
#include <uchardet.h>

static const struct {
    const char *label, *iconv;
} labels[] = {
    {"utf-8", "UTF-8"}, {"utf8", "UTF-8"}, {"unicode-1-1-utf-8", "UTF-8"},
    {"utf-16", "UTF-8"}, {"utf-16le", "UTF-8"}, {"utf-16be", "UTF-8"},
    {"iso-8859-1", "WINDOWS-1252"}, {"iso8859-1", "WINDOWS-1252"}, {"latin1", "WINDOWS-1252"},
    {"l1", "WINDOWS-1252"}, {"iso_8859-1", "WINDOWS-1252"}, {"us-ascii", "WINDOWS-1252"},
    {"ascii", "WINDOWS-1252"}, {"cp1252", "WINDOWS-1252"}, {"windows-1252", "WINDOWS-1252"},
    {"x-cp1252", "WINDOWS-1252"}, {"cp819", "WINDOWS-1252"}, {"ibm819", "WINDOWS-1252"},
    {"iso-8859-9", "WINDOWS-1254"}, {"latin5", "WINDOWS-1254"}, {"iso-8859-11", "WINDOWS-874"},
    {"tis-620", "WINDOWS-874"}, {"gb2312", "GB18030"}, {"gbk", "GB18030"},
    {"x-gbk", "GB18030"}, {"chinese", "GB18030"}, {"csgb2312", "GB18030"},
    {"gb_2312-80", "GB18030"}, {"gb_2312", "GB18030"}, {"iso-ir-58", "GB18030"},
    {"cp936", "GB18030"}, {"gb18030", "GB18030"}, {"shift_jis", "CP932"}, {"shift-jis", "CP932"},
    {"sjis", "CP932"}, {"x-sjis", "CP932"}, {"ms_kanji", "CP932"}, {"windows-31j", "CP932"},
    {"csshiftjis", "CP932"}, {"ms932", "CP932"}, {"euc-kr", "CP949"}, {"ks_c_5601-1987", "CP949"},
    {"windows-949", "CP949"}, {"cseuckr", "CP949"}, {"big5", "BIG5-HKSCS"},
    {"big5-hkscs", "BIG5-HKSCS"}, {"x-x-big5", "BIG5-HKSCS"}, {"cn-big5", "BIG5-HKSCS"},
    {"x-user-defined", "WINDOWS-1252"}, {"x-mac-roman", "MACINTOSH"}, {"macintosh", "MACINTOSH"},
};

/* The iconv name for a label (trimmed, case-insensitive); the label itself if unknown. */
static const char *map_label(const char *label, size_t len, char *tmp, size_t tmplen)
{
    size_t i;
    label = ncp_trim(label, &len);
    while (len && (label[len - 1] == '"' || label[len - 1] == '\'' || label[len - 1] == ';'))
        len--;
    while (len && (*label == '"' || *label == '\'')) {
        label++;
        len--;
    }
    if (!len || len >= tmplen)
        return NULL;
    memcpy(tmp, label, len);
    tmp[len] = '\0';
    for (i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (!ncp_strcasecmp(labels[i].label, tmp))
            return labels[i].iconv;
    return tmp;
}

static int is_sp(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

/* "text/html; charset=koi8-r" -> the label */
static const char *charset_in_content(const char *v, size_t vlen, size_t *out_len)
{
    size_t i;
    for (i = 0; i + 7 <= vlen; i++)
        if (!ncp_strncasecmp(v + i, "charset", 7)) {
            size_t k = i + 7, e;
            while (k < vlen && is_sp((unsigned char)v[k]))
                k++;
            if (k >= vlen || v[k] != '=')
                continue;
            k++;
            while (k < vlen && (is_sp((unsigned char)v[k]) || v[k] == '"' || v[k] == '\''))
                k++;
            e = k;
            while (e < vlen && !is_sp((unsigned char)v[e]) && v[e] != ';' && v[e] != '"' &&
                   v[e] != '\'')
                e++;
            if (e > k) {
                *out_len = e - k;
                return v + k;
            }
        }
    return NULL;
}

/* Finds the declared label in the first bytes: <meta charset=...>, <meta http-equiv=
 * content-type content=...charset=...>, <?xml ... encoding="..."?>. */
static const char *prescan(const char *buf, size_t len, size_t *out_len)
{
    size_t i, lim = len < 16384 ? len : 16384;
    if (lim > 5 && !strncmp(buf, "<?xml", 5)) {
        const char *e = memchr(buf, '>', lim);
        size_t k;
        for (k = 5; e && buf + k + 8 < e; k++)
            if (!strncmp(buf + k, "encoding", 8)) {
                size_t s = k + 8, t;
                while (buf + s < e && (is_sp((unsigned char)buf[s]) || buf[s] == '='))
                    s++;
                if (buf + s < e && (buf[s] == '"' || buf[s] == '\''))
                    s++;
                t = s;
                while (buf + t < e && buf[t] != '"' && buf[t] != '\'' && !is_sp((unsigned char)buf[t]))
                    t++;
                if (t > s) {
                    *out_len = t - s;
                    return buf + s;
                }
            }
    }
    for (i = 0; i + 5 < lim; i++) {
        size_t k, end;
        const char *cs = NULL, *content = NULL;
        size_t cs_len = 0, content_len = 0;
        int http_equiv = 0;
        if (buf[i] == '<' && buf[i + 1] == '!' && i + 3 < lim && buf[i + 2] == '-' &&
            buf[i + 3] == '-') {
            /* skip comments */
            const char *e = NULL;
            for (k = i + 4; k + 2 < lim; k++)
                if (buf[k] == '-' && buf[k + 1] == '-' && buf[k + 2] == '>') {
                    e = buf + k;
                    break;
                }
            if (!e)
                return NULL;
            i = (size_t)(e - buf) + 2;
            continue;
        }
        if (buf[i] != '<' || ncp_strncasecmp(buf + i + 1, "meta", 4) ||
            !(is_sp((unsigned char)buf[i + 5]) || buf[i + 5] == '/'))
            continue;
        /* attributes up to '>' */
        for (end = i + 5; end < lim && buf[end] != '>'; end++)
            ;
        k = i + 5;
        while (k < end) {
            size_t ns, ne, vs, ve;
            while (k < end && (is_sp((unsigned char)buf[k]) || buf[k] == '/'))
                k++;
            ns = k;
            while (k < end && !is_sp((unsigned char)buf[k]) && buf[k] != '=' && buf[k] != '/')
                k++;
            ne = k;
            while (k < end && is_sp((unsigned char)buf[k]))
                k++;
            vs = ve = k;
            if (k < end && buf[k] == '=') {
                k++;
                while (k < end && is_sp((unsigned char)buf[k]))
                    k++;
                if (k < end && (buf[k] == '"' || buf[k] == '\'')) {
                    char q = buf[k++];
                    vs = k;
                    while (k < end && buf[k] != q)
                        k++;
                    ve = k;
                    if (k < end)
                        k++;
                } else {
                    vs = k;
                    while (k < end && !is_sp((unsigned char)buf[k]))
                        k++;
                    ve = k;
                }
            }
            if (ne == ns) {
                k++;
                continue;
            }
            if (ne - ns == 7 && !ncp_strncasecmp(buf + ns, "charset", 7)) {
                cs = buf + vs;
                cs_len = ve - vs;
            } else if (ne - ns == 10 && !ncp_strncasecmp(buf + ns, "http-equiv", 10)) {
                http_equiv = ve - vs == 12 && !ncp_strncasecmp(buf + vs, "content-type", 12);
            } else if (ne - ns == 7 && !ncp_strncasecmp(buf + ns, "content", 7)) {
                content = buf + vs;
                content_len = ve - vs;
            }
        }
        if (cs && cs_len) {
            *out_len = cs_len;
            return cs;
        }
        if (http_equiv && content) {
            const char *c = charset_in_content(content, content_len, out_len);
            if (c)
                return c;
        }
        i = end;
    }
    return NULL;
}

/* Converts with iconv; invalid or incomplete sequences become U+FFFD. */
static int convert(const char *from, const char *buf, size_t len, nc_buf *out)
{
    return ncp_charset_to_utf8(from, buf, len, out, 0);
}

/* A note for -v, as candidates.c gives them: through nc_warn, only when verbose and not
 * under --strict (where a warning would fail the conversion). */
static void note(const nc_opts *o, const char *fmt, const char *arg)
{
    if (o && o->verbose && !o->strict)
        nc_warn(o, 0, 0, fmt, arg);
}

/* The charset libuchardet finds in the bytes, as an iconv name (through the WHATWG
 * labels when it is one of them, so ISO-8859-1 stays windows-1252), its own name in
 * name; NULL when it finds none or only ASCII (the fallback then decides). */
static const char *detect(const char *buf, size_t len, char *name, size_t namelen)
{
    uchardet_t ud = uchardet_new();
    const char *cs, *enc = NULL;
    if (!ud)
        return NULL;
    if (uchardet_handle_data(ud, buf, len) == 0) {
        uchardet_data_end(ud);
        cs = uchardet_get_charset(ud);
        if (cs && *cs && ncp_strcasecmp(cs, "ASCII") && strlen(cs) < namelen) {
            char lab[64];
            size_t i, n = strlen(cs);
            for (i = 0; i <= n; i++)
                name[i] = (char)(cs[i] >= 'A' && cs[i] <= 'Z' ? cs[i] + 32 : cs[i]);
            enc = map_label(name, n, lab, sizeof lab);
            if (enc == lab)
                enc = name; /* not a WHATWG label: iconv may still know it */
        }
    }
    uchardet_delete(ud);
    return enc;
}

int ncp_html_decode(const char *buf, size_t len, const char *forced, const nc_opts *o,
                    nc_buf *out, const char **used, nc_error *err)
{
    const unsigned char *u = (const unsigned char *)buf;
    char tmp[64];
    const char *enc = NULL;
    (void)err;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        *used = "UTF-8";
        ncp_utf8_sanitize(out, buf + 3, len - 3);
        return 0;
    }
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        *used = u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
        if (convert(*used, buf + 2, len - 2, out) == 0)
            return 0;
    }
    if (forced && *forced) {
        enc = map_label(forced, strlen(forced), tmp, sizeof tmp);
        if (!enc)
            return nc_error_set(err, NC_ERR_USAGE, 0, 0, "--input-encoding: empty encoding");
        if (!ncp_strcasecmp(enc, "UTF-8")) {
            *used = "UTF-8";
            ncp_utf8_sanitize(out, buf, len);
            return 0;
        }
        nc_buf_clear(out);
        if (convert(enc, buf, len, out) < 0)
            return nc_error_set(err, NC_ERR_USAGE, 0, 0,
                                "--input-encoding: unknown encoding '%s'", forced);
        *used = enc == tmp ? "(given)" : enc;
        return 0;
    }
    if (ncp_utf8_valid(buf, len)) {
        *used = "UTF-8";
        return 1; /* use buf as it is */
    }
    {
        size_t l = 0;
        const char *d = prescan(buf, len, &l);
        if (d)
            enc = map_label(d, l, tmp, sizeof tmp);
        if (d && enc && !ncp_strcasecmp(enc, "UTF-8")) {
            *used = "UTF-8";
            ncp_utf8_sanitize(out, buf, len);
            return 0;
        }
        if (enc) {
            nc_buf_clear(out);
            if (convert(enc, buf, len, out) == 0) {
                *used = enc == tmp ? "(declared)" : enc;
                return 0;
            }
            nc_warn(o, 0, 0, "html: unknown charset '%s'; read as windows-1252", tmp);
        }
    }
    if (!nc_opts_flag(o, "no-detect")) {
        const char *d = detect(buf, len, tmp, sizeof tmp);
        if (d) {
            nc_buf_clear(out);
            if (convert(d, buf, len, out) == 0) {
                *used = d == tmp ? "(detected)" : d;
                note(o, "html: note: no charset declared; detected %s (uchardet)", tmp);
                return 0;
            }
        }
        note(o, "html: note: no charset declared and none detected; read as %s", "windows-1252");
    } else {
        note(o, "html: note: no charset declared; read as %s (--no-detect)", "windows-1252");
    }
    nc_buf_clear(out);
    *used = "WINDOWS-1252";
    if (convert("WINDOWS-1252", buf, len, out) < 0)
        ncp_utf8_sanitize(out, buf, len);
    return 0;
}
