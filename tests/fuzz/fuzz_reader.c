/* libFuzzer target: one reader (chosen at build time with -DNC_FUZZ_FORMAT="html"), then
 * every writer of the registry on the model it produced. Built by `make fuzz`.
 * The input is also given a source name so error paths are exercised as in the CLI.
 *
 * Built with -DNC_FUZZ_REPLAY instead (by `make check`, as build/tests/fuzz-replay, and so
 * also under AddressSanitizer by `make asan` and under valgrind), the same code runs as a
 * plain program over files, for tests/fuzz.sh to replay the kept crash inputs:
 *     fuzz-replay FORMAT FILE...
 * It exits 0 when every file went through (read, or refused with a reason); a crash is a
 * crash, and a refusal without a reason aborts, as under the fuzzer. */
#include <newsconv/newsconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads data (any bytes) as format `name`, then writes the article in every format. */
static void fuzz_one(const char *name, const uint8_t *data, size_t size)
{
    const nc_format *from = nc_format_find(name);
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
        return;
    if (size)
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
}

#ifdef NC_FUZZ_REPLAY
/* Reads a whole file; NULL on error (reported). */
static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    uint8_t *d = NULL, *nd;
    size_t cap = 0, n = 0, got;
    if (!f) {
        perror(path);
        return NULL;
    }
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            if (!(nd = realloc(d, cap))) {
                free(d);
                fclose(f);
                fprintf(stderr, "%s: out of memory\n", path);
                return NULL;
            }
            d = nd;
        }
        got = fread(d + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        perror(path);
        free(d);
        fclose(f);
        return NULL;
    }
    fclose(f);
    *len = n;
    return d;
}

int main(int argc, char **argv)
{
    int i, rc = 0;
    if (argc < 2 || !nc_format_find(argv[1])) {
        fprintf(stderr, "usage: fuzz-replay FORMAT FILE...\n");
        return 2;
    }
    for (i = 2; i < argc; i++) {
        size_t len = 0;
        uint8_t *d = slurp(argv[i], &len);
        if (!d) {
            rc = 1;
            continue;
        }
        fuzz_one(argv[1], d, len);
        free(d);
    }
    return rc;
}
#else
#ifndef NC_FUZZ_FORMAT
#error "build with -DNC_FUZZ_FORMAT=\"name\" (or -DNC_FUZZ_REPLAY)"
#endif
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_one(NC_FUZZ_FORMAT, data, size);
    return 0;
}
#endif
