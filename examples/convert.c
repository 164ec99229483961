/* Reads an article in one format and writes it in another:
 *     convert FROM TO FILE        e.g.  convert markdown json article.md
 * Build: cc convert.c $(pkg-config --cflags --libs newsconv) */
#include <newsconv/newsconv.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    const nc_format *from, *to;
    nc_error err;
    nc_buf out = NC_BUF_INIT;
    char *data, msg[1024];
    size_t len;
    if (argc != 4 || !(from = nc_format_find(argv[1])) || !(to = nc_format_find(argv[2]))) {
        fprintf(stderr, "usage: convert FROM TO FILE (known formats only)\n");
        return 2;
    }
    nc_error_clear(&err);
    if (nc_read_file(argv[3], 0, &data, &len, &err) == 0) {
        nc_opts o = {.source = argv[3]};
        if (nc_convert(from, to, data, len, &o, &out, &err) == 0)
            fwrite(out.ptr, 1, out.size, stdout);
        free(data);
    }
    nc_buf_release(&out);
    if (err.code == NC_OK)
        return 0;
    nc_error_format(&err, msg, sizeof msg);
    fprintf(stderr, "convert: %s\n", msg);
    return nc_status_exit_code(err.code);
}
