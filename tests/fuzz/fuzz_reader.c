/* libFuzzer target: one reader (chosen at build time with -DNC_FUZZ_FORMAT="html"), then
 * every writer of the registry on the model it produced. Built by `make fuzz`.
 * The input is also given a source name so error paths are exercised as in the CLI. */
#include <newsconv/newsconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifndef NC_FUZZ_FORMAT
#error "build with -DNC_FUZZ_FORMAT=\"name\""
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const nc_format *from = nc_format_find(NC_FUZZ_FORMAT);
    const nc_format *const *to;
    nc_article *a = NULL;
    nc_error err;
    nc_opts o;
    char *copy;
    if (!from || !from->read)
        abort();
    /* readers get NUL-terminated input, as nc_read_file gives */
    copy = malloc(size + 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    copy[size] = '\0';
    memset(&o, 0, sizeof o);
    o.source = "fuzz";
    nc_error_clear(&err);
    if (nc_read_article(from, copy, size, &o, &a, &err) == 0) {
        for (to = nc_formats(); *to; to++) {
            nc_buf out = NC_BUF_INIT;
            nc_error werr;
            if (!(*to)->write)
                continue;
            nc_error_clear(&werr);
            nc_write_article(*to, a, &o, &out, &werr);
            nc_buf_release(&out);
        }
        nc_article_free(a);
    } else if (err.code == NC_OK) {
        abort(); /* a failure must say why */
    }
    free(copy);
    return 0;
}
