/* newsconv: jansson's allocations tracked (see jsonalloc.h). */
#include "jsonalloc.h"

#include <stdio.h>
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

/* The smallest precision (15..17) at which x prints as itself. */
static int real_precision(double x)
{
    char buf[40];
    int p;
    for (p = 15; p < 17; p++) {
        snprintf(buf, sizeof buf, "%.*g", p, x);
        if (strtod(buf, NULL) == x)
            return p;
    }
    return 17;
}

/* The precision every real in j needs (at least have); the walk is as deep as j, whose
 * depth the readers cap (NC_MAX_DEPTH). */
static int tree_precision(const json_t *j, int have)
{
    size_t i;
    const char *k;
    json_t *v;
    int p;
    if (have >= 17)
        return have;
    if (json_is_real(j)) {
        p = real_precision(json_real_value(j));
        return p > have ? p : have;
    }
    if (json_is_array(j)) {
        for (i = 0; i < json_array_size(j); i++)
            have = tree_precision(json_array_get(j, i), have);
    } else if (json_is_object(j)) {
        json_object_foreach((json_t *)j, k, v)
            have = tree_precision(v, have);
    }
    return have;
}

char *ncp_json_dumps(const json_t *j, size_t flags)
{
    return json_dumps(j, flags | JSON_REAL_PRECISION(tree_precision(j, 15)));
}
