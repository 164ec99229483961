/* A test-only allocator shim (LD_PRELOAD): the Nth call to malloc/calloc/realloc fails.
 *   NC_FAIL_AT=N   fail the Nth allocation of the process (1-based); unset: never
 *   NC_FAIL_COUNT=1  print "allocations: K" to stderr at exit (to size a sweep)
 * Built by `make check` as build/tests/failmalloc.so; used by tests/oom.sh. Uses glibc's
 * __libc_* entry points, so no dlsym (which would allocate) is needed. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);

static long count, fail_at = -2;

static int fail_now(void)
{
    if (fail_at == -2) {
        const char *s = getenv("NC_FAIL_AT");
        fail_at = s ? atol(s) : -1;
    }
    count++;
    if (count == fail_at) {
        errno = ENOMEM;
        return 1;
    }
    return 0;
}

void *malloc(size_t size)
{
    return fail_now() ? NULL : __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
    return fail_now() ? NULL : __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
    return fail_now() ? NULL : __libc_realloc(p, size);
}

__attribute__((destructor)) static void report(void)
{
    const char *s = getenv("NC_FAIL_COUNT");
    if (s && *s == '1')
        fprintf(stderr, "allocations: %ld\n", count);
}
