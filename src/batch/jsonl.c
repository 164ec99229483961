/* newsconv batch engine: JSON Lines inputs: every non-blank line an item (the lines come
 * from the stream reader of sources.c, framed by formats/common/jsonlines.c like the jsonl
 * format's own reader frames them). */
#include "engine.h"
#include "common/jsonlines.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* JSON Lines: every non-blank line is an item read by the jsonl reader. */
void ncp_batch_read_jsonl(batch *b, src *s, const char *display, const char *prefix,
                       long long mtime)
{
    long lineno = 0;
    for (;;) {
        const char *line;
        size_t len;
        int too_long, r;
        ncp_jsonl_kind kind;
        item it;
        char num[32];
        if (ncp_batch_stopping(b))
            return;
        r = ncp_batch_src_line(s, b->max_size, &line, &len, &too_long);
        if (r == 0)
            return;
        if (r < 0) {
            ncp_batch_submit_fail(b, display, lineno + 1,
                                  s->ar ? ncp_batch_archive_status(s->ar) : NC_ERR_IO, "%s",
                                  s->errmsg);
            return;
        }
        lineno++;
        kind = ncp_jsonl_frame(&line, &len, lineno);
        if (kind == NCP_JSONL_UTF16) {
            /* no line of it is JSON: one failure, not one a line */
            nc_error e;
            nc_error_clear(&e);
            nc_error_set(&e, NC_ERR_PARSE, 1, 1,
                         "a UTF-16 or UTF-32 byte order mark: JSON is read as UTF-8 only");
            nc_error_set_source(&e, display);
            ncp_batch_submit_error(b, &e);
            return;
        }
        if (too_long) {
            ncp_batch_submit_fail(b, display, lineno, NC_ERR_LIMIT,
                                  "line is longer than the limit of %zu bytes (--max-size)",
                                  b->max_size);
            continue;
        }
        if (kind == NCP_JSONL_BLANK)
            continue;
        snprintf(num, sizeof num, "%ld", lineno);
        ncp_batch_new_doc(&it, b->lines, ncp_batch_xstrdup(display),
                          ncp_batch_output_name(b, prefix, num));
        it.line = lineno;
        it.mtime = mtime;
        it.data = malloc(len + 1);
        if (!it.source || !it.rel || !it.data) {
            ncp_batch_item_release(&it);
            ncp_batch_submit_fail(b, display, lineno, NC_ERR_NOMEM, "out of memory");
            continue;
        }
        memcpy(it.data, line, len);
        it.data[len] = '\0';
        it.len = len;
        ncp_batch_submit(b, &it, s->ar ? 0 : s->consumed - (s->end - s->pos));
    }
}
