/* A test-only allocator shim (LD_PRELOAD): the Nth call to malloc/calloc/realloc fails.
 *   NC_FAIL_AT=N     fail the Nth allocation of the process (1-based); unset: never
 *   NC_FAIL_COUNT=1  print "allocations: K" to stderr at exit (to size a sweep)
 *   NC_FAIL_LEAKS=1  track the blocks allocated by the main program's own code (a call
 *                    from the executable's text; libnewsconv is linked into it statically)
 *                    and print "own blocks outstanding: K" to stderr at exit; blocks made
 *                    by the libraries (libxml2, jansson, cmark, libyaml, libarchive, libc's
 *                    strdup) are not seen
 * Built by `make check` as build/tests/failmalloc.so; used by tests/oom.sh. Uses glibc's
 * __libc_* entry points, so no dlsym (which would allocate) is needed. */
#define _GNU_SOURCE
#include <errno.h>
#include <link.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void __libc_free(void *p);

static long count, fail_at = -2;

static int fail_now(void)
{
    if (fail_at == -2) {
        const char *s = getenv("NC_FAIL_AT");
        fail_at = s ? atol(s) : -1;
    }
    if (__atomic_add_fetch(&count, 1, __ATOMIC_RELAXED) == fail_at) {
        errno = ENOMEM;
        return 1;
    }
    return 0;
}

/* ---- NC_FAIL_LEAKS: the main program's blocks, in an open-addressing set ---------------- */
#define SLOTS (1u << 20)
static int tracking;
static uintptr_t text_lo[8], text_hi[8];
static int n_text;
static uintptr_t set[SLOTS]; /* 0: empty */
static long outstanding;
static int lock_word;

static void lock(void)
{
    while (__atomic_exchange_n(&lock_word, 1, __ATOMIC_ACQUIRE))
        ;
}
static void unlock(void) { __atomic_store_n(&lock_word, 0, __ATOMIC_RELEASE); }

static size_t slot_of(uintptr_t p) { return (size_t)((p >> 4) * 0x9E3779B97F4A7C15ull >> 44) & (SLOTS - 1); }

static void set_add(uintptr_t p)
{
    size_t i = slot_of(p);
    while (set[i])
        i = (i + 1) & (SLOTS - 1);
    set[i] = p;
    outstanding++;
}

static int set_del(uintptr_t p)
{
    size_t i = slot_of(p), j;
    while (set[i] && set[i] != p)
        i = (i + 1) & (SLOTS - 1);
    if (!set[i])
        return 0;
    /* backward-shift deletion keeps every probe chain unbroken */
    for (j = (i + 1) & (SLOTS - 1); set[j]; j = (j + 1) & (SLOTS - 1)) {
        size_t h = slot_of(set[j]);
        if ((j > i && (h <= i || h > j)) || (j < i && h <= i && h > j)) {
            set[i] = set[j];
            i = j;
        }
    }
    set[i] = 0;
    outstanding--;
    return 1;
}

/* NC_FAIL_NOT_OWN=OFF+SIZE,...: functions of the program (hex offsets and sizes, as
 * `nm -S` prints them) whose allocations are a library's, not the program's own: the
 * allocator wrappers newsconv gives libxml2 (formats/common/xmlguard.c) run in the
 * program's text. */
static uintptr_t main_base, not_lo[8], not_hi[8];
static int n_not;

static int own(const void *caller)
{
    uintptr_t a = (uintptr_t)caller;
    int i;
    for (i = 0; i < n_not; i++)
        if (a >= not_lo[i] && a < not_hi[i])
            return 0;
    for (i = 0; i < n_text; i++)
        if (a >= text_lo[i] && a < text_hi[i])
            return 1;
    return 0;
}

static int find_main(struct dl_phdr_info *info, size_t size, void *data)
{
    int i;
    (void)size;
    (void)data;
    main_base = info->dlpi_addr;
    for (i = 0; i < info->dlpi_phnum && n_text < 8; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type == PT_LOAD && (ph->p_flags & PF_X)) {
            text_lo[n_text] = info->dlpi_addr + ph->p_vaddr;
            text_hi[n_text] = text_lo[n_text] + ph->p_memsz;
            n_text++;
        }
    }
    return 1; /* the first object is the main program */
}

__attribute__((constructor)) static void init(void)
{
    const char *s = getenv("NC_FAIL_LEAKS");
    if (s && *s == '1') {
        const char *no = getenv("NC_FAIL_NOT_OWN");
        dl_iterate_phdr(find_main, NULL);
        tracking = n_text > 0;
        while (no && *no && n_not < 8) {
            char *end;
            unsigned long off = strtoul(no, &end, 16), len = 0;
            if (*end == '+')
                len = strtoul(end + 1, &end, 16);
            not_lo[n_not] = main_base + off;
            not_hi[n_not] = not_lo[n_not] + len;
            n_not++;
            no = *end == ',' ? end + 1 : "";
        }
    }
}

static void *track(void *p, const void *caller)
{
    if (p && tracking && own(caller)) {
        lock();
        set_add((uintptr_t)p);
        unlock();
    }
    return p;
}

static int untrack(void *p)
{
    int was = 0;
    if (p && tracking) {
        lock();
        was = set_del((uintptr_t)p);
        unlock();
    }
    return was;
}

void *malloc(size_t size)
{
    return fail_now() ? NULL : track(__libc_malloc(size), __builtin_return_address(0));
}

void *calloc(size_t n, size_t size)
{
    return fail_now() ? NULL : track(__libc_calloc(n, size), __builtin_return_address(0));
}

void *realloc(void *p, size_t size)
{
    void *q;
    int was;
    if (fail_now())
        return NULL;
    was = untrack(p);
    q = __libc_realloc(p, size);
    if (!q && size) { /* failed: the old block stays */
        if (was)
            track(p, __builtin_return_address(0));
        return NULL;
    }
    if (q && (was || own(__builtin_return_address(0))))
        track(q, (void *)(uintptr_t)(was ? text_lo[0] : (uintptr_t)__builtin_return_address(0)));
    return q;
}

void free(void *p)
{
    untrack(p);
    __libc_free(p);
}

__attribute__((destructor)) static void report(void)
{
    const char *s = getenv("NC_FAIL_COUNT");
    if (s && *s == '1')
        fprintf(stderr, "allocations: %ld\n", count);
    if (tracking) {
        char msg[64];
        int n = snprintf(msg, sizeof msg, "own blocks outstanding: %ld\n", outstanding);
        if (write(2, msg, (size_t)n) < 0)
            return;
    }
}
