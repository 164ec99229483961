/* newsconv: the framing of JSON Lines (see jsonlines.h). */
#include "jsonlines.h"

#include <string.h>

#include "model/model.h"

ncp_jsonl_kind ncp_jsonl_frame(const char **line, size_t *len, long lineno)
{
    const unsigned char *u = (const unsigned char *)*line;
    size_t tlen;
    if (lineno == 1 && *len >= 2 &&
        ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return NCP_JSONL_UTF16;
    if (lineno == 1 && *len >= 3 && !memcmp(*line, "\xEF\xBB\xBF", 3)) {
        *line += 3;
        *len -= 3;
    }
    tlen = *len;
    ncp_trim(*line, &tlen);
    return tlen ? NCP_JSONL_ITEM : NCP_JSONL_BLANK;
}

void ncp_jsonl_lines_init(ncp_jsonl_lines *it, const char *buf, size_t len)
{
    it->buf = buf;
    it->len = len;
    it->pos = 0;
    it->line = 0;
}

int ncp_jsonl_next(ncp_jsonl_lines *it, const char **line, size_t *len)
{
    const char *nl;
    size_t end;
    if (it->pos >= it->len)
        return -1;
    nl = memchr(it->buf + it->pos, '\n', it->len - it->pos);
    end = nl ? (size_t)(nl - it->buf) : it->len;
    *line = it->buf + it->pos;
    *len = end - it->pos;
    it->pos = end + 1;
    return (int)ncp_jsonl_frame(line, len, ++it->line);
}
