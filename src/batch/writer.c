/* newsconv batch engine: the writer: results in input order, their messages and failures. */
#include "engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    do
        snprintf(alt, strlen(it->rel) + 24, "%.*s~%zu%s", (int)dot, it->rel, n++,
                 it->rel + dot);
    while (ncp_batch_name_seen(&b->sink.names, alt));
    if (!b->cfg->quiet)
        nc_buf_printf(&it->msgs, "%s: warning: %s: the output name '%s' is taken by an earlier "
                      "item: written as '%s'\n", b->prog, it->source, it->rel, alt);
    free(it->rel);
    it->rel = alt;
}

void ncp_batch_emit(batch *b, item *it)
{
    nc_error err;
    if (it->kind == ITEM_DOC && it->ok == 1 && b->sink.mode != SINK_STREAM)
        unique_name(b, it);
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
                    fprintf(stderr, "%s: %s%s -> %s%s%s\n", b->prog, it->source, line,
                            b->sink.path, b->sink.mode == SINK_ARCHIVE ? ":" : "/", it->rel);
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
