/* newsconv: the per-article arena.
 *
 * Blocks of at least 32 KiB, chained; allocations are aligned for any type and zeroed.
 * With NC_ARENA_MALLOC every allocation is its own malloc'ed block on a list, so that
 * AddressSanitizer and valgrind see overflows between objects. */
#include "model.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE ((size_t)32 * 1024)
#define ALIGN (alignof(max_align_t))

typedef struct block {
    struct block *next;
    size_t size, used;
    alignas(max_align_t) unsigned char data[];
} block;

struct nc_arena {
    block *head;
};

nc_arena *ncp_arena_new(void)
{
    return calloc(1, sizeof(nc_arena));
}

void ncp_arena_free(nc_arena *ar)
{
    block *b, *next;
    if (!ar)
        return;
    for (b = ar->head; b; b = next) {
        next = b->next;
        free(b);
    }
    free(ar);
}

static block *new_block(size_t size)
{
    block *b;
    if (size > SIZE_MAX - sizeof(block))
        return NULL;
    b = malloc(sizeof(block) + size);
    if (!b)
        return NULL;
    b->next = NULL;
    b->size = size;
    b->used = 0;
    return b;
}

void *ncp_arena_alloc(nc_arena *ar, size_t size)
{
    block *b;
#ifndef NC_ARENA_MALLOC
    void *p;
#endif
    if (!ar)
        return NULL;
    if (size == 0)
        size = 1;
    if (size > SIZE_MAX - ALIGN)
        return NULL;
    size = (size + ALIGN - 1) & ~(ALIGN - 1);
#ifdef NC_ARENA_MALLOC
    b = new_block(size);
    if (!b)
        return NULL;
    b->next = ar->head;
    ar->head = b;
    b->used = size;
    memset(b->data, 0, size);
    return b->data;
#else
    b = ar->head;
    if (!b || b->size - b->used < size) {
        if (size > BLOCK_SIZE / 4) {
            /* a big object gets its own block, behind the current one */
            block *big = new_block(size);
            if (!big)
                return NULL;
            big->used = size;
            if (b) {
                big->next = b->next;
                b->next = big;
            } else {
                ar->head = big;
            }
            memset(big->data, 0, size);
            return big->data;
        }
        b = new_block(BLOCK_SIZE);
        if (!b)
            return NULL;
        b->next = ar->head;
        ar->head = b;
    }
    p = b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
#endif
}

void *ncp_arena_realloc(nc_arena *ar, void *old, size_t old_size, size_t new_size)
{
    void *p = ncp_arena_alloc(ar, new_size);
    if (p && old && old_size)
        memcpy(p, old, old_size < new_size ? old_size : new_size);
    return p;
}
