/* newsconv: one-time initialisation of the parsing libraries.
 *
 * libxml2 2.9 sets up its global state (character handlers, the dictionary mutex, the
 * thread-local error state) on first use, and that first use is not safe when several
 * threads make it at once; jansson picks its hash seed on first use. The batch driver
 * (src/batch/) calls this once, before it starts worker threads. Every other object
 * these libraries use (a parser, a document, a json_t) belongs to one thread. */
#include "libinit.h"
#include "model/model.h"

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/threads.h>
#include <pthread.h>

#include "xmlguard.h"
#include "jsonalloc.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void init_once(void)
{
    ncp_xml_alloc_init(); /* before libxml2 allocates anything */
    ncp_json_alloc_begin(); /* installs jansson's tracked allocator */
    xmlInitParser();
    json_object_seed(0);
}

/* Called by nc_read_article and nc_write_article too, so a program that converts one
 * article (or the library used without the batch driver) gets the same set-up. */
void ncp_libraries_init(void)
{
    pthread_once(&once, init_once);
}

/* libxml2 2.9 keeps part of its state per thread (the last error, ...) and allocates it
 * with malloc on a thread's first use; when that fails it prints "xmlGetGlobalState: out
 * of memory" and then dereferences NULL. So each other thread allocates it here first,
 * where a failure can be reported as out of memory. 1 when libxml2 can be used. */
int ncp_libraries_thread_ok(void)
{
    static _Thread_local int ok;
    if (!ok)
        ok = xmlIsMainThread() || xmlGetGlobalState() != NULL;
    return ok;
}

/* Frees libxml2's global state (its encoding handlers, dictionaries' mutexes), so that a
 * leak check sees only what a run itself left. Only when no other thread uses libxml2:
 * the CLI calls it as its last step. */
void ncp_libraries_cleanup(void)
{
    xmlCleanupParser();
}

void ncp_alloc_failures_begin(void)
{
    ncp_alloc_failure_clear();
    ncp_xml_alloc_begin();
    ncp_json_alloc_begin();
}

int ncp_alloc_failures(void)
{
    return ncp_alloc_failure_noted() || ncp_xml_alloc_failed() || ncp_json_alloc_failed();
}
