/* newsconv: the format registry. formats/formats.def is the only list of formats. */
#include "model/model.h"
#include "driver.h"

#include <string.h>

#define NC_FORMAT(n) extern const nc_format nc_format_##n;
#include "formats.def"
#undef NC_FORMAT

#define NC_FORMAT(n) &nc_format_##n,
static const nc_format *const formats[] = {
#include "formats.def"
    NULL};
#undef NC_FORMAT

const nc_format *const *nc_formats(void) { return formats; }

const nc_format *nc_format_find(const char *name)
{
    size_t i;
    const char *const *al;
    if (!name)
        return NULL;
    for (i = 0; formats[i]; i++) {
        if (!ncp_strcasecmp(formats[i]->name, name))
            return formats[i];
        for (al = formats[i]->aliases; al && *al; al++)
            if (!ncp_strcasecmp(*al, name))
                return formats[i];
    }
    return NULL;
}

const nc_format *ncp_format_with(unsigned flag)
{
    size_t i;
    for (i = 0; formats[i]; i++)
        if (formats[i]->flags & flag)
            return formats[i];
    return NULL;
}

int ncp_format_of_lists(const nc_format *f)
{
    return f && f->join_begin && !(f->flags & NC_FORMAT_JOIN_STREAM);
}

/* By the extension of path[0..plen). */
static const nc_format *for_path(const char *path, size_t plen)
{
    size_t i;
    const char *const *ext;
    const nc_format *best = NULL;
    size_t best_len = 0;
    for (i = 0; formats[i]; i++)
        for (ext = formats[i]->extensions; ext && *ext; ext++) {
            size_t elen = strlen(*ext);
            if (elen < plen && elen > best_len &&
                !ncp_strncasecmp(path + plen - elen, *ext, elen)) {
                best = formats[i];
                best_len = elen;
            }
        }
    return best;
}

const nc_format *nc_format_for_path(const char *path)
{
    return path ? for_path(path, strlen(path)) : NULL;
}

const nc_format *ncp_format_for_input(const char *path)
{
    return path ? for_path(path, strlen(path) - ncp_compression_ext_len(path)) : NULL;
}

const nc_format *nc_format_sniff(const char *buf, size_t len)
{
    size_t i;
    int best_score = 49;
    const nc_format *best = NULL;
    if (len > 4096)
        len = 4096;
    for (i = 0; formats[i]; i++) {
        int s;
        if (!formats[i]->sniff || !formats[i]->read)
            continue;
        s = formats[i]->sniff(buf, len);
        if (s > best_score) {
            best_score = s;
            best = formats[i];
        }
    }
    return best;
}

void nc_format_list(nc_buf *out, int readers, int writers)
{
    size_t i;
    int first = 1;
    for (i = 0; formats[i]; i++) {
        if ((readers && !formats[i]->read) || (writers && !formats[i]->write))
            continue;
        nc_buf_printf(out, "%s%s", first ? "" : ", ", formats[i]->name);
        first = 0;
    }
}
