/* newsconv: the Markdown format (CommonMark with YAML front matter).
 *
 * Reading: invalid UTF-8 is replaced with U+FFFD (with a warning) and a UTF-8 BOM is
 * skipped. A first line "---" opens a YAML front matter block, closed by a line "---" or
 * "..."; its keys fill the metadata (frontmatter.c) and the rest is the body. Without
 * front matter the plain article layout of scraped archives is recognised (plain.c).
 *
 * Writing: --layout front (the default) writes the front matter, a blank line and the
 * body; --layout plain writes the archive layout. See render.c for the body. Several
 * articles in one stream (a batch to stdout) are separated by a form feed line. */
#include "md.h"
#include "common/streamjoin.h"

#include <string.h>

/* Length of the line at s (without its line break) and the offset of the next one. Line
 * breaks are CommonMark's (and YAML's): LF, CR LF, or a CR alone. */
static size_t line_at(const char *s, size_t len, size_t *next)
{
    size_t l = 0;
    while (l < len && s[l] != '\n' && s[l] != '\r')
        l++;
    *next = l;
    if (*next < len && s[(*next)++] == '\r' && *next < len && s[*next] == '\n')
        (*next)++;
    return l;
}

/* A delimiter line: the marker, then only spaces or tabs. */
static int is_delim(const char *s, size_t l, const char *marker)
{
    size_t m = strlen(marker);
    if (l < m || memcmp(s, marker, m))
        return 0;
    for (; m < l; m++)
        if (s[m] != ' ' && s[m] != '\t')
            return 0;
    return 1;
}

int ncp_md_read(nc_article *a, const char *buf, size_t len, const nc_opts *o, nc_error *err)
{
    ncp_md_reader r;
    nc_buf clean = NC_BUF_INIT;
    size_t off, next, l;
    int rc = -1, front = 0, line = 1;

    memset(&r, 0, sizeof r);
    r.a = a;
    r.o = o;
    r.err = err;
    if (len >= 2 && (((unsigned char)buf[0] == 0xFF && (unsigned char)buf[1] == 0xFE) ||
                     ((unsigned char)buf[0] == 0xFE && (unsigned char)buf[1] == 0xFF)))
        /* let through by the driver's NUL check for the readers that decode it */
        return nc_error_set(err, NC_ERR_PARSE, 1, 1,
                            "a UTF-16 or UTF-32 byte order mark: Markdown is read as UTF-8 only");
    if (!ncp_utf8_valid(buf, len)) {
        ncp_utf8_sanitize(&clean, buf, len);
        if (nc_buf_ok(&clean, err) < 0)
            goto done;
        ncp_md_warn(&r, 0, 0, "invalid UTF-8 replaced with U+FFFD");
        buf = clean.ptr;
        len = clean.size;
    }
    if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
        buf += 3;
        len -= 3;
    }
    l = line_at(buf, len, &next);
    if (is_delim(buf, l, "---")) {
        size_t ystart = next, yend;
        front = 1;
        off = next;
        line = 2;
        for (;;) {
            if (off >= len) {
                nc_error_set(err, NC_ERR_PARSE, 1, 1, "unterminated front matter (opened at line 1)");
                goto done;
            }
            l = line_at(buf + off, len - off, &next);
            if (is_delim(buf + off, l, "---") || is_delim(buf + off, l, "...")) {
                yend = off;
                off += next;
                break;
            }
            off += next;
            line++;
        }
        if (ncp_md_read_front_matter(&r, buf + ystart, yend - ystart, 2) < 0)
            goto done;
        r.line_offset = line;
    } else {
        off = 0;
    }
    if (ncp_md_parse_body(&r, buf + off, len - off, a->body) < 0)
        goto done;
    if (!front && ncp_md_plain_extract(&r) < 0)
        goto done;
    rc = nc_article_ok(a, err);
done:
    nc_buf_release(&clean);
    return rc;
}

static int md_read(nc_article *a, const char *buf, size_t len, const nc_opts *o, nc_error *err)
{
    return ncp_md_read(a, buf, len, o, err);
}

static int md_write(const nc_article *a, nc_buf *out, const nc_opts *o, nc_error *err)
{
    const char *layout = nc_opts_get(o, "layout");
    ncp_md_writer *w;
    int front, would = 0;
    if (layout && !strcmp(layout, "plain"))
        return ncp_md_write_plain(a, out, o, err);
    if (layout && strcmp(layout, "front"))
        return nc_error_set(err, NC_ERR_USAGE, 0, 0,
                            "--layout: '%s' is not a layout (front or plain)", layout);
    front = ncp_md_write_front_matter(a, out, o);
    if (!front && a->body->first && (would = ncp_md_plain_would_extract(a->body)) < 0)
        return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
    if (!front && (!a->body->first || would)) {
        /* without front matter, the body would be read as the plain layout */
        nc_buf_puts(out, "---\n---\n");
        front = 1;
    }
    if (!a->body->first)
        return 0;
    if (front)
        nc_buf_putc(out, '\n');
    w = ncp_md_writer_new(out, o);
    if (!w)
        return nc_error_set(err, NC_ERR_NOMEM, 0, 0, "out of memory");
    ncp_md_write_blocks(w, a->body);
    ncp_md_writer_free(w);
    return 0;
}

/* Confidence that buf is Markdown: front matter is a strong sign, headings and other
 * markup a fair one; any other text is Markdown too, for want of anything better. */
static int md_sniff(const char *buf, size_t len)
{
    size_t off = 0, next, l;
    int score = 50, lines = 0;
    if (memchr(buf, '\0', len))
        return 0;
    {
        /* control characters mean binary data, not text */
        size_t i;
        for (i = 0; i < len; i++) {
            unsigned char c = (unsigned char)buf[i];
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f)
                return 0;
        }
        /* not UTF-8 (a cut at the 4 KiB sniffing limit aside) */
        if (!ncp_utf8_valid(buf, len > 4 ? len - 4 : len))
            return 20;
    }
    if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
        off = 3;
    l = line_at(buf + off, len - off, &next);
    if (is_delim(buf + off, l, "---")) {
        /* a key line next: "title: ..." */
        const char *s = buf + off + next;
        size_t rest = len - off - next, i = 0;
        while (i < rest && ((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z' ? 1 : s[i] == '_'))
            i++;
        return i && i < rest && s[i] == ':' ? 95 : 60;
    }
    while (off < len && lines < 200) {
        const char *s = buf + off;
        size_t i = 0;
        l = line_at(s, len - off, &next);
        while (i < l && s[i] == ' ')
            i++;
        if (lines == 0 && i < l && (s[i] == '<' || s[i] == '{'))
            return 10;
        if (i < l && ((s[i] == '#' && (i + 1 < l && (s[i + 1] == ' ' || s[i + 1] == '#'))) ||
                      (i + 3 <= l && !memcmp(s + i, "```", 3)) ||
                      (i + 2 <= l && (!memcmp(s + i, "> ", 2) || !memcmp(s + i, "- ", 2) ||
                                      !memcmp(s + i, "* ", 2)))))
            score = 60;
        if (l && memchr(s, '[', l) && memchr(s, ']', l) && memchr(s, '(', l))
            score = 60;
        if (i < l)
            lines++;
        off += next;
        if (!next)
            break;
    }
    return score;
}

static const char *const aliases[] = {"md", NULL};
static const char *const extensions[] = {".md", ".markdown", NULL};
static const nc_optdef options[] = {
    {"layout", "front|plain",
     "markdown: YAML front matter + body (front, the default) or the plain article layout"},
    {NULL, NULL, NULL}};

/* Several articles in one stream: each page after a form feed line. */
static const ncp_stream_join pages = {.sep = "\f\n"};

static void *md_join_begin(const nc_opts *o, nc_error *err)
{
    (void)o;
    return ncp_stream_join_begin(&pages, err);
}

const nc_format nc_format_markdown = {
    .name = "markdown",
    .aliases = aliases,
    .extensions = extensions,
    .description = "CommonMark with YAML front matter (cmark, libyaml)",
    .sniff = md_sniff,
    .read = md_read,
    .write = md_write,
    .options = options,
    .flags = NC_FORMAT_JOIN_STREAM,
    NCP_STREAM_JOIN_HOOKS(md_join_begin)};
