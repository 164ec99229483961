/* newsconv batch engine: the entry points: whether a run is a batch, and the run itself
 * (the output, the threads, the writer loop, signals, the summary). */
#include "engine.h"
#include "common/libinit.h"

#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

volatile sig_atomic_t ncp_batch_stop_signal; /* the signal that stops the run, or 0 */

static void on_signal(int sig) { ncp_batch_stop_signal = sig; }

/* ------------------------------------------------------------------------------------
 * Entry points */

static int is_dir(const char *p)
{
    struct stat st;
    return p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A device or a pipe (/dev/null, /dev/stdout, a FIFO). */
static int is_special(const char *p)
{
    struct stat st;
    return p && stat(p, &st) == 0 && !S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode);
}

int ncp_batch_wanted(const ncp_batch_config *c)
{
    const char *in = c->n_inputs ? c->inputs[0] : "-";
    const nc_format *jsonl = ncp_format_with(NC_FORMAT_LINES);
    const char *o = c->output && strcmp(c->output, "-") ? c->output : NULL;
    int jsonl_in;
    if (c->n_inputs > 1)
        return 1;
    if (o && *o && (is_dir(o) || o[strlen(o) - 1] == '/'))
        return 1;
    if (strcmp(in, "-") && is_dir(in))
        return c->recursive; /* without -r: the single path says "is a directory" */
    if (strcmp(in, "-") && (ncp_batch_container_ext_len(in, ncp_batch_archive_exts) ||
                            ncp_batch_container_ext_len(in, ncp_batch_warc_exts) ||
                            (jsonl && jsonl->read && (!c->from || c->from == jsonl) &&
                             ncp_batch_container_ext_len(in, ncp_batch_zjsonl_exts))))
        return 1;
    jsonl_in = jsonl && jsonl->read &&
               (c->from == jsonl || (!c->from && strcmp(in, "-") &&
                                     nc_format_for_path(in) == jsonl));
    /* one JSON Lines input is always a batch: every line is an article; so is a feed */
    if (jsonl_in || ncp_batch_stream_format(c->from, in, strcmp(in, "-") ? in : "stdin"))
        return 1;
    return 0;
}

static int usage(const batch *b, const char *fmt, const char *arg)
{
    nc_buf esc = NC_BUF_INIT;
    fprintf(stderr, "%s: ", b->prog);
    fprintf(stderr, fmt, ncp_escaped(&esc, arg));
    nc_buf_release(&esc);
    fprintf(stderr, "\nTry '%s --help' for more information.\n", b->prog);
    return 2;
}

/* The threads of a run besides the calling one, the writer. */
typedef struct threads {
    pthread_t reader, counter;
    worker *workers;
    int n_workers, have_reader, have_counter;
    int all_exited; /* every thread ended (one blocked in a read may not) */
} threads;

/* A new batch for cfg, with its formats and limits; NULL when out of memory. */
static batch *batch_new(const ncp_batch_config *cfg)
{
    static const char *const stdin_only[] = {"-"};
    batch *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->cfg = cfg;
    b->prog = cfg->progname ? cfg->progname : "newsconv";
    b->to = cfg->to;
    b->lines = ncp_format_with(NC_FORMAT_LINES);
    b->web = ncp_format_with(NC_FORMAT_WEB);
    b->max_size = cfg->opts.max_size ? cfg->opts.max_size : NC_DEFAULT_MAX_SIZE;
    b->max_total = cfg->max_total ? cfg->max_total : NCP_BATCH_DEFAULT_MAX_TOTAL;
    b->max_entries = cfg->max_entries ? cfg->max_entries : NCP_BATCH_DEFAULT_MAX_ENTRIES;
    b->inputs = cfg->n_inputs ? cfg->inputs : stdin_only;
    b->n_inputs = cfg->n_inputs ? cfg->n_inputs : 1;
    if (b->to->extensions && b->to->extensions[0])
        snprintf(b->out_ext, sizeof b->out_ext, "%s", b->to->extensions[0]);
    else
        snprintf(b->out_ext, sizeof b->out_ext, ".%s", b->to->name);
    return b;
}

/* The kind of output -o names (a stream, an archive, a directory): 0, or the exit status
 * of a usage error, printed. */
static int choose_sink(batch *b)
{
    const ncp_batch_config *cfg = b->cfg;
    const char *o = cfg->output && strcmp(cfg->output, "-") ? cfg->output : NULL;
    size_t k;
    int stdin_uses = 0;
    for (k = 0; k < b->n_inputs; k++)
        if (!strcmp(b->inputs[k], "-"))
            stdin_uses++;
    if (stdin_uses > 1)
        return usage(b, "%s", "stdin ('-') can be read only once");
    b->sink.path = o;
    if (!o) {
        b->sink.mode = SINK_STREAM;
    } else if (ncp_batch_archive_kind(o)) {
        b->sink.mode = SINK_ARCHIVE;
    } else if (is_dir(o) || (*o && o[strlen(o) - 1] == '/')) {
        b->sink.mode = SINK_DIR;
    } else if (b->to == b->lines || ncp_format_of_lists(b->to) || is_special(o) ||
               nc_format_for_path(o) == b->to) { /* (a feed is one file) */
        b->sink.mode = SINK_STREAM;
    } else if (nc_format_for_path(o)) {
        return usage(b, "-o %s: a batch writes to a directory, an archive (.tar.gz, .tgz, "
                        ".tar.bz2, .tar.xz, .zip, .tar) or, with -t jsonl, one file", o);
    } else {
        b->sink.mode = SINK_DIR;
    }
    return 0;
}

/* The number of worker threads: --jobs, else one per processor; 1..256. */
static long worker_count(long jobs)
{
    if (jobs <= 0)
        jobs = sysconf(_SC_NPROCESSORS_ONLN);
    if (jobs <= 0)
        jobs = 1;
    return jobs > 256 ? 256 : jobs;
}

/* libarchive converts entry names through the locale's character set: with the "C"
 * locale it cannot read or write names beyond ASCII. A UTF-8 LC_CTYPE, set here before
 * the threads start and restored after (the returned copy of the old one), lets it; the
 * formats do not depend on LC_CTYPE (its "C" and "C.UTF-8" agree on every byte the
 * formats test). */
static char *utf8_ctype(void)
{
    const char *cur = setlocale(LC_CTYPE, NULL);
    char *old = cur ? ncp_batch_xstrdup(cur) : NULL;
    if (!setlocale(LC_CTYPE, "C.UTF-8") && !setlocale(LC_CTYPE, "C.utf8"))
        setlocale(LC_CTYPE, "en_US.UTF-8");
    return old;
}

/* Starts the progress counter (when the bar is shown), the workers and the reader; a
 * run without a reader is fatal (exit 7). */
static void start_threads(batch *b, threads *t, long jobs)
{
    int i;
    b->alive = 0;
    pthread_mutex_lock(&b->mu); /* the threads count themselves out under it */
    if (b->show_progress) {
        b->counting = 1;
        b->alive++;
        if (pthread_create(&t->counter, NULL, ncp_batch_counter_main, b) == 0)
            t->have_counter = 1;
        else {
            b->alive--;
            b->counting = 0;
        }
    }
    for (i = 0; i < jobs; i++) {
        worker *w = &t->workers[t->n_workers];
        w->b = b;
        w->dc.fd = -1;
        if (pthread_create(&w->thread, NULL, ncp_batch_worker_main, w) == 0)
            t->n_workers++;
    }
    b->alive++;
    if (t->n_workers && pthread_create(&t->reader, NULL, ncp_batch_reader_main, b) == 0)
        t->have_reader = 1;
    else
        b->alive--;
    pthread_mutex_unlock(&b->mu);
    if (!t->have_reader) {
        fprintf(stderr, "%s: cannot start threads\n", b->prog);
        b->fatal = 1;
        b->fatal_code = 7;
    }
}

/* The writer: writes the items in input order as they are done, until the last one, a
 * signal or a fatal error. */
static void write_in_order(batch *b)
{
    while (!b->fatal) {
        item *it;
        pthread_mutex_lock(&b->mu);
        for (;;) {
            it = &b->ring[b->n_written % b->cap];
            if (ncp_batch_stopping(b) || (b->n_written < b->n_read && it->state == SLOT_DONE) ||
                (b->reader_done && b->n_written == b->n_read))
                break;
            /* sleep until up to half the ring is done, not item by item */
            b->writer_target = b->n_written;
            if (b->n_read - b->n_written > 1)
                b->writer_target += (b->n_read - b->n_written < b->cap / 2
                                         ? b->n_read - b->n_written : b->cap / 2) - 1;
            b->writer_waiting = 1;
            ncp_batch_timed_wait(&b->cv_write, &b->mu, 0.1);
            b->writer_waiting = 0;
            if (b->show_progress) {
                pthread_mutex_unlock(&b->mu);
                ncp_batch_progress_draw(b, 0);
                pthread_mutex_lock(&b->mu);
            }
        }
        if (ncp_batch_stopping(b) || b->n_written == b->n_read) {
            pthread_mutex_unlock(&b->mu);
            break;
        }
        pthread_mutex_unlock(&b->mu);
        ncp_batch_emit(b, it);
        ncp_batch_item_release(it);
        pthread_mutex_lock(&b->mu);
        it->state = SLOT_FREE;
        b->n_written++;
        /* the reader refills half the ring at a time */
        if (b->reader_waiting && b->n_read - b->n_written <= b->cap / 2)
            pthread_cond_signal(&b->cv_read);
        pthread_mutex_unlock(&b->mu);
        ncp_batch_progress_draw(b, 0);
    }
}

/* Stops the threads: the workers finish the item they hold; a reader blocked on a pipe
 * is not waited for long (t->all_exited 0: it still runs). The items not written go with
 * their temporary files (the reader adds no more: stop). */
static void stop_threads(batch *b, threads *t)
{
    size_t k;
    int i;
    pthread_mutex_lock(&b->mu);
    b->stop = 1;
    pthread_cond_broadcast(&b->cv_read);
    pthread_cond_broadcast(&b->cv_work);
    pthread_mutex_unlock(&b->mu);
    for (i = 0; i < t->n_workers; i++)
        pthread_join(t->workers[i].thread, NULL);
    pthread_mutex_lock(&b->mu);
    {
        double until = ncp_batch_now_sec() + (ncp_batch_stop_signal || b->fatal ? 2.0 : 1e9);
        while (b->alive > 0 && ncp_batch_now_sec() < until)
            ncp_batch_timed_wait(&b->cv_exit, &b->mu, 0.1);
    }
    t->all_exited = b->alive == 0;
    for (k = 0; k < b->cap; k++)
        ncp_batch_item_release(&b->ring[k]);
    pthread_mutex_unlock(&b->mu);
}

/* Closes the output (committed when the run went well), prints the summary and returns
 * the exit status. */
static int finish(batch *b)
{
    int sig = ncp_batch_stop_signal;
    char skipped[256] = ""; /* ", 3 skipped (2 not an article, 1 exists)" */
    unsigned long long n_skip = ncp_batch_skip_summary(b, skipped, sizeof skipped);
    int commit = !sig && !b->fatal && (b->n_ok > 0 || b->n_items == 0);
    double el = ncp_batch_now_sec() - b->t0;
    nc_error err;
    nc_error_clear(&err);
    ncp_batch_progress_clear(b);
    if (b->n_no_body) { /* html pages without an article body (issue 13) */
        size_t len = strlen(skipped);
        snprintf(skipped + len, sizeof skipped - len, ", %llu with no article body",
                 b->n_no_body);
    }
    ncp_batch_warning_summary(b);
    if (ncp_batch_sink_close(&b->sink, commit, &err) < 0) {
        ncp_batch_print_error(b, &err);
        if (!b->fatal) {
            b->fatal = 1;
            b->fatal_code = nc_status_exit_code(err.code);
        }
    }
    if (sig)
        fprintf(stderr, "%s: interrupted by %s: converted %llu of %llu, %llu failed, in %.1f s\n",
                b->prog, sig == SIGINT ? "SIGINT" : "SIGTERM", b->n_ok, b->n_items,
                b->n_failed, el);
    else if (!b->quiet_end && (b->n_items != 1 || b->fatal || n_skip) &&
             !(b->cfg->quiet && !b->n_failed && !b->fatal)) {
        nc_buf esc = NC_BUF_INIT;
        int nothing = b->fatal && b->sink.path && b->sink.mode != SINK_DIR;
        fprintf(stderr, "%s: converted %llu of %llu, %llu failed%s, in %.1f s%s%s\n", b->prog,
                b->n_ok, b->n_items, b->n_failed, skipped, el,
                nothing ? "; nothing written to " : "",
                nothing ? ncp_escaped(&esc, b->sink.path) : "");
        nc_buf_release(&esc);
    }
    if (sig)
        return 128 + sig;
    if (b->quiet_end)
        return 0;
    if (b->fatal)
        return b->fatal_code ? b->fatal_code : 5;
    if (b->n_out_failed) /* an output could not be written: the destination's fault */
        return nc_status_exit_code(NC_ERR_IO);
    if (b->n_failed)
        return b->n_items == 1 ? nc_status_exit_code(b->last_code) : 1;
    return 0;
}

static void batch_free(batch *b)
{
    pthread_mutex_destroy(&b->mu);
    pthread_cond_destroy(&b->cv_read);
    pthread_cond_destroy(&b->cv_work);
    pthread_cond_destroy(&b->cv_write);
    pthread_cond_destroy(&b->cv_exit);
    free(b->ring);
    ncp_batch_file_set_free(&b->seen);
    free(b->early.slots);
    free(b);
}

int ncp_batch_run(const ncp_batch_config *cfg)
{
    batch *b;
    threads t;
    int rc;
    char *old_ctype;
    struct sigaction sa, old_int, old_term;
    nc_error err;
    long jobs;

    b = batch_new(cfg);
    if (!b) {
        fprintf(stderr, "%s: out of memory\n", cfg->progname ? cfg->progname : "newsconv");
        return 7;
    }
    if ((rc = choose_sink(b)) != 0) {
        free(b);
        return rc;
    }
    /* the handlers are in place before the sink makes its temporary file: a signal from
     * then on is the run's to clean up after (before, SIGTERM right after the file was
     * made killed the process and left it) */
    ncp_batch_stop_signal = 0;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND; /* a second signal ends the process at once */
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    nc_error_clear(&err);
    if (ncp_batch_sink_open(b, &b->sink, &err) < 0) {
        ncp_batch_print_error(b, &err);
        ncp_batch_sink_close(&b->sink, 0, &err);
        free(b);
        sigaction(SIGINT, &old_int, NULL);
        sigaction(SIGTERM, &old_term, NULL);
        return ncp_batch_stop_signal ? 128 + ncp_batch_stop_signal
               : err.code == NC_ERR_USAGE ? 2 : nc_status_exit_code(err.code);
    }

    jobs = worker_count(cfg->jobs);
    memset(&t, 0, sizeof t);
    b->cap = (size_t)jobs * 4 < 16 ? 16 : (size_t)jobs * 4;
    b->ring = calloc(b->cap, sizeof *b->ring);
    t.workers = calloc((size_t)jobs, sizeof *t.workers);
    if (!b->ring || !t.workers) {
        fprintf(stderr, "%s: out of memory\n", b->prog);
        ncp_batch_sink_close(&b->sink, 0, &err);
        free(b->ring);
        free(t.workers);
        free(b);
        sigaction(SIGINT, &old_int, NULL);
        sigaction(SIGTERM, &old_term, NULL);
        return 7;
    }
    pthread_mutex_init(&b->mu, NULL);
    pthread_cond_init(&b->cv_read, NULL);
    pthread_cond_init(&b->cv_work, NULL);
    pthread_cond_init(&b->cv_write, NULL);
    pthread_cond_init(&b->cv_exit, NULL);

    b->show_progress = !cfg->quiet && (cfg->progress || isatty(STDERR_FILENO));
    b->color = b->show_progress && isatty(STDERR_FILENO) &&
               !(getenv("NO_COLOR") && getenv("NO_COLOR")[0]);

    ncp_libraries_init(); /* before any thread parses */
    old_ctype = utf8_ctype();

    b->t0 = ncp_batch_now_sec();
    start_threads(b, &t, jobs);
    write_in_order(b);
    stop_threads(b, &t);
    rc = finish(b);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);

    if (!t.all_exited) /* a thread is still blocked in a read: the process ends now */
        return rc;
    if (t.have_reader)
        pthread_join(t.reader, NULL);
    if (t.have_counter)
        pthread_join(t.counter, NULL);
    if (old_ctype)
        setlocale(LC_CTYPE, old_ctype);
    free(old_ctype);
    free(t.workers);
    batch_free(b);
    return rc;
}
