/* newsconv: the `json` (alias ninjs) and `jsonl` formats.
 *
 * json: one IPTC ninjs document (reader.c, writer.c).
 * jsonl (.jsonl, .ndjson): one compact ninjs object per line. The writer writes the one
 * article as one line; the reader reads the first non-blank line (several lines: a
 * warning, batch mode will read the rest), and its errors name that line.
 * Several articles in one stream (a batch to stdout or -o FILE): json writes them as one
 * array ("[\n" a ",\n" b "\n]\n", an empty batch "[]\n"), jsonl one a line. */
#include "json.h"
#include "common/jsonlines.h"
#include "common/streamjoin.h"

#include <string.h>

static const nc_optdef json_options[] = {
    {"ninjs-version", "3.1|3.0|2.2|2.1|1.6|superdesk",
     "json, jsonl: the ninjs version written (default 3.1; superdesk: Superdesk's dialect)"},
    {"compact", NULL, "json: write the JSON on one line"},
    {NULL, NULL, NULL}};

/* The first byte that is not white space (after a UTF-8 BOM), or -1. */
static int first_char(const char *buf, size_t len, size_t *at)
{
    size_t i = len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) ? 3 : 0;
    for (; i < len; i++)
        if (!strchr(" \t\r\n", buf[i])) {
            if (at)
                *at = i;
            return (unsigned char)buf[i];
        }
    return -1;
}

static int json_sniff(const char *buf, size_t len)
{
    /* a top-level array is valid JSON but rarely an article: leave it to -f json */
    return first_char(buf, len, NULL) == '{' ? 80 : 0;
}

/* Several lines that each hold an object: jsonl (the last line may be cut off at the
 * end of the sniffed bytes). */
static int jsonl_sniff(const char *buf, size_t len)
{
    size_t i = 0, lines = 0;
    if (first_char(buf, len, &i) != '{')
        return 0;
    while (i < len) {
        const char *nl = memchr(buf + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - buf) : len, n = end - i;
        const char *s = ncp_trim(buf + i, &n);
        if (n) {
            if (s[0] != '{')
                return 0;
            if (nl && s[n - 1] != '}')
                return 0;
            lines++;
        }
        i = end + 1;
    }
    return lines >= 2 ? 90 : 0;
}

static int jsonl_read(nc_article *a, const char *buf, size_t len, const nc_opts *o,
                      nc_error *err);

static int json_read(nc_article *a, const char *buf, size_t len, const nc_opts *o,
                     nc_error *err)
{
    int rc = ncp_json_read(a, buf, len, 0, o, err);
    /* JSON Lines that came as json (by the .json extension, or sniffed from the first
     * 4 KiB of very long lines) */
    return rc == NCP_JSON_LINES ? jsonl_read(a, buf, len, o, err) : rc;
}

static int json_write(const nc_article *a, nc_buf *out, const nc_opts *o, nc_error *err)
{
    return ncp_json_write(a, out, 0, o, err);
}

static int jsonl_read(nc_article *a, const char *buf, size_t len, const nc_opts *o,
                      nc_error *err)
{
    ncp_jsonl_lines it;
    const char *l, *first = NULL;
    size_t n, first_len = 0;
    int kind, first_line = 0, more_line = 0, more = 0;
    ncp_jsonl_lines_init(&it, buf, len);
    while ((kind = ncp_jsonl_next(&it, &l, &n)) >= 0) {
        if (kind == NCP_JSONL_BLANK)
            continue; /* a UTF-16 mark: ncp_json_read says what it is */
        if (!first_line) {
            first_line = (int)it.line;
            first = l;
            first_len = n;
        } else {
            if (!more_line)
                more_line = (int)it.line;
            more++;
        }
    }
    if (!first_line)
        return nc_error_set(err, NC_ERR_PARSE, 0, 0, "empty input");
    if (more)
        nc_warn(o, more_line, 0, "jsonl: %d more line%s after the first article: only the "
                "first is read (batch mode will handle the rest)", more, more == 1 ? "" : "s");
    return ncp_json_read(a, first, first_len, first_line, o, err);
}

static int jsonl_write(const nc_article *a, nc_buf *out, const nc_opts *o, nc_error *err)
{
    return ncp_json_write(a, out, 1, o, err);
}

static const ncp_stream_join ninjs_array = {
    .open = "[\n", .sep = ",\n", .close = "\n]\n", .empty = "[]\n", .trim = 1};
static const ncp_stream_join ninjs_lines = {.after = "\n", .trim = 1};

static void *json_join_begin(const nc_opts *o, nc_error *err)
{
    (void)o;
    return ncp_stream_join_begin(&ninjs_array, err);
}

static void *jsonl_join_begin(const nc_opts *o, nc_error *err)
{
    (void)o;
    return ncp_stream_join_begin(&ninjs_lines, err);
}

static const char *const json_aliases[] = {"ninjs", NULL};
static const char *const json_exts[] = {".json", NULL};
static const char *const jsonl_exts[] = {".jsonl", ".ndjson", NULL};

const nc_format nc_format_json = {
    .name = "json",
    .aliases = json_aliases,
    .extensions = json_exts,
    .description =
        "IPTC ninjs 3.1 (or 3.0, 2.2, 2.1, 1.6); reads ninjs 1.x-3.x, vendor dialects, "
        "schema.org JSON-LD",
    .sniff = json_sniff,
    .read = json_read,
    .write = json_write,
    .options = json_options,
    .flags = NC_FORMAT_JOIN_STREAM,
    NCP_STREAM_JOIN_HOOKS(json_join_begin)};

const nc_format nc_format_jsonl = {
    .name = "jsonl",
    .extensions = jsonl_exts,
    .description = "one compact ninjs object per line (JSON Lines)",
    .sniff = jsonl_sniff,
    .read = jsonl_read,
    .write = jsonl_write,
    .flags = NC_FORMAT_LINES | NC_FORMAT_JOIN_STREAM,
    NCP_STREAM_JOIN_HOOKS(jsonl_join_begin)};
