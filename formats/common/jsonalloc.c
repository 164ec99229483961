/* newsconv: jansson's allocations tracked (see jsonalloc.h). */
#include "jsonalloc.h"

#include <stdlib.h>
#include <threads.h>

#include <jansson.h>

static json_malloc_t prev_malloc;
static json_free_t prev_free;
static _Thread_local int alloc_failed;
static once_flag alloc_once = ONCE_FLAG_INIT;

/* After one failure every allocation fails until the next ncp_json_alloc_begin: jansson's
 * lexer goes on after a failed append to its buffer, and would decode a string with a
 * byte missing (silently, or into an assert(0)); this way the string is never built. */
static void *tracked_malloc(size_t n)
{
    void *p = alloc_failed ? NULL : prev_malloc(n);
    if (!p)
        alloc_failed = 1;
    return p;
}

static void tracked_free(void *p)
{
    prev_free(p);
}

static void install_tracking(void)
{
    json_get_alloc_funcs(&prev_malloc, &prev_free);
    if (!prev_malloc || !prev_free) {
        prev_malloc = malloc;
        prev_free = free;
    }
    json_set_alloc_funcs(tracked_malloc, tracked_free);
}

void ncp_json_alloc_begin(void)
{
    call_once(&alloc_once, install_tracking);
    alloc_failed = 0;
}

int ncp_json_alloc_failed(void)
{
    return alloc_failed;
}
