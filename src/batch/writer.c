/* newsconv batch engine: the writer: results in input order, their messages and failures. */
#include "engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void ncp_batch_print_error(batch *b, const nc_error *err)
{
    char msg[NC_ERROR_SOURCE_LEN + NC_ERROR_TEXT_LEN + 64];
    nc_error_format(err, msg, sizeof msg);
    fprintf(stderr, "%s: %s\n", b->prog, msg);
}

/* Gives the item a name no earlier item has ("a.md", then "a~2.md", ...). */
static void unique_name(batch *b, item *it)
{
    char *alt;
    size_t dot, n = 2;
    if (!ncp_batch_name_seen(&b->sink.names, it->rel))
        return;
    dot = ncp_batch_ext_pos(it->rel, strlen(it->rel));
    alt = malloc(strlen(it->rel) + 24);
    if (!alt)
        return;
    do /* names made from articles take "-2", others "~2" */
        snprintf(alt, strlen(it->rel) + 24, it->slugged ? "%.*s-%zu%s" : "%.*s~%zu%s",
                 (int)dot, it->rel, n++, it->rel + dot);
    while (ncp_batch_name_seen(&b->sink.names, alt));
    if (!b->cfg->quiet && !it->slugged)
        nc_buf_printf(&it->msgs, "%s: warning: %s: the output name '%s' is taken by an earlier "
                      "item: written as '%s'\n", b->prog, it->source, it->rel, alt);
    free(it->rel);
    it->rel = alt;
}

/* The output as it is named in messages: -o without its trailing slashes, or <stdout>. */
static int target_len(const batch *b)
{
    size_t n = b->sink.path ? strlen(b->sink.path) : 0;
    while (n > 1 && b->sink.path[n - 1] == '/')
        n--;
    return (int)n;
}

/* --skip-existing: 1 when the item's output file exists already (directory outputs). */
static int output_exists(const batch *b, const item *it)
{
    struct stat st;
    nc_buf p = NC_BUF_INIT;
    int r;
    nc_buf_printf(&p, "%.*s/%s", target_len(b), b->sink.path, it->rel);
    r = !p.failed && lstat(p.ptr, &st) == 0;
    nc_buf_release(&p);
    return r;
}

static void skip_item(batch *b, item *it)
{
    if (!strcmp(it->skip, SKIP_EXISTS))
        b->n_skip_exists++;
    else if (!strcmp(it->skip, SKIP_UNKNOWN_EXT))
        b->n_skip_ext++;
    else
        b->n_skip_not_article++;
    if (b->cfg->verbose) {
        ncp_batch_progress_clear(b);
        if (!strcmp(it->skip, SKIP_EXISTS))
            fprintf(stderr, "%s: %s: skipped: %.*s/%s exists (--skip-existing)\n", b->prog,
                    it->source, target_len(b), b->sink.path, it->rel);
        else if (!strcmp(it->skip, SKIP_UNKNOWN_EXT))
            fprintf(stderr, "%s: %s: not a known article format: skipped\n", b->prog,
                    it->source);
        else
            fprintf(stderr, "%s: %s: skipped: not an article (no known extension, and the "
                    "content is no article format)\n", b->prog, it->source);
    }
}

void ncp_batch_emit(batch *b, item *it)
{
    nc_error err;
    if (it->kind == ITEM_DOC && it->skip) {
        skip_item(b, it);
        return;
    }
    if (it->kind == ITEM_DOC && it->ok == 1 && b->sink.mode != SINK_STREAM)
        unique_name(b, it);
    if (it->kind == ITEM_DOC && it->ok == 1 && b->cfg->skip_existing &&
        b->sink.mode == SINK_DIR && output_exists(b, it)) {
        it->skip = SKIP_EXISTS; /* its temporary file goes with the item */
        if (it->msgs.size && !b->cfg->quiet) {
            ncp_batch_progress_clear(b);
            fputs(it->msgs.ptr, stderr);
        }
        skip_item(b, it);
        return;
    }
    if (it->kind == ITEM_DOC && it->ok == 1 && b->cfg->dry_run) {
        if (it->msgs.size) {
            ncp_batch_progress_clear(b);
            fputs(it->msgs.ptr, stderr);
        }
        b->n_items++;
        b->n_ok++;
        if (it->line)
            printf("%s:%ld -> ", it->source, it->line);
        else
            printf("%s -> ", it->source);
        if (b->sink.mode == SINK_STREAM)
            printf("%s\n", b->sink.path ? b->sink.path : "<stdout>");
        else
            printf("%.*s%s%s\n", target_len(b), b->sink.path,
                   b->sink.mode == SINK_ARCHIVE ? ":" : "/", it->rel);
        return;
    }
    if (it->msgs.size) {
        ncp_batch_progress_clear(b);
        fputs(it->msgs.ptr, stderr);
    }
    if (it->kind == ITEM_NOTE)
        return;
    b->n_items++;
    if (it->kind == ITEM_DOC && it->ok == 1) {
        int r;
        nc_error_clear(&err);
        r = ncp_batch_sink_write(b, &b->sink, it, &err);
        if (r == 0) {
            b->n_ok++;
            if (b->cfg->verbose) {
                ncp_batch_progress_clear(b);
                char line[32] = "";
                if (it->line)
                    snprintf(line, sizeof line, ":%ld", it->line);
                if (b->sink.mode == SINK_STREAM)
                    fprintf(stderr, "%s: %s%s -> %s\n", b->prog, it->source, line,
                            b->sink.path ? b->sink.path : "<stdout>");
                else
                    fprintf(stderr, "%s: %s%s -> %.*s%s%s\n", b->prog, it->source, line,
                            target_len(b), b->sink.path,
                            b->sink.mode == SINK_ARCHIVE ? ":" : "/", it->rel);
            }
            return;
        }
        if (r == -2) { /* an archive or stream that cannot take more: the run stops */
            b->n_failed++;
            b->fatal = 1;
            b->fatal_code = nc_status_exit_code(err.code ? err.code : NC_ERR_IO);
            if (!b->quiet_end) {
                ncp_batch_progress_clear(b);
                ncp_batch_print_error(b, &err);
            }
            return;
        }
        nc_error_set_source(&err, b->sink.path);
        {
            /* name the item and where it was to go */
            nc_error e2;
            nc_error_clear(&e2);
            nc_error_set(&e2, err.code, 0, 0, "%s", err.text);
            nc_error_set_source(&e2, it->source);
            err = e2;
        }
        it->err = err;
    }
    if (it->out_failed) /* the destination failed; the next items are still attempted */
        b->n_out_failed++;
    b->n_failed++;
    b->last_code = it->err.code ? it->err.code : NC_ERR_INTERNAL;
    ncp_batch_progress_clear(b);
    ncp_batch_print_error(b, &it->err);
}

unsigned long long ncp_batch_skip_summary(const batch *b, char *out, size_t n)
{
    const unsigned long long counts[3] = {b->n_skip_ext, b->n_skip_not_article,
                                          b->n_skip_exists};
    const char *const why[3] = {"unknown extension", "not an article", "exist"};
    unsigned long long total = counts[0] + counts[1] + counts[2];
    size_t len;
    int k, first = 1;
    *out = '\0';
    if (!total)
        return 0;
    snprintf(out, n, ", %llu skipped (", total);
    for (k = 0; k < 3; k++) {
        if (!counts[k])
            continue;
        len = strlen(out);
        snprintf(out + len, n - len, "%s%llu %s%s", first ? "" : ", ", counts[k], why[k],
                 k == 2 && counts[k] == 1 ? "s" : "");
        first = 0;
    }
    len = strlen(out);
    snprintf(out + len, n - len, ")");
    return total;
}
