/*
 * nbuf: the one bounded byte buffer of the core.
 *
 * A buffer is a caller-owned array `p` of `cap` bytes of which the first
 * `len` are in use. Every function keeps the buffer valid (nbuf_valid) and
 * is two-sided: on success it does what it says, on failure it returns -1
 * and changes nothing. No function allocates.
 */
#ifndef NONO_NBUF_H
#define NONO_NBUF_H

#include <stddef.h>
#include <stdint.h>

struct nbuf {
	uint8_t *p;
	size_t cap;
	size_t len;
};

/*@ predicate nbuf_valid(struct nbuf *b) =
      \valid(b) && b->len <= b->cap && \valid(b->p + (0 .. b->cap - 1)) &&
      \separated(b, b->p + (0 .. b->cap - 1));
 */

/*@ requires \valid(b);
    requires \valid(mem + (0 .. cap - 1));
    requires \separated(b, mem + (0 .. cap - 1));
    assigns *b;
    ensures b->p == mem && b->cap == cap && b->len == 0;
    ensures nbuf_valid(b);
 */
void nbuf_init(struct nbuf *b, uint8_t *mem, size_t cap);

/*@ requires nbuf_valid(b);
    assigns \nothing;
    ensures \result == b->cap - b->len;
 */
size_t nbuf_room(const struct nbuf *b);

/* Appends src[0..n). The contract's "full" side states no change at
 * the level callers can see: len is unchanged, and (assigns) no byte
 * below len is touched either way. */
/*@ requires nbuf_valid(b);
    requires \valid_read((const uint8_t *)src + (0 .. n - 1));
    requires \separated((const uint8_t *)src + (0 .. n - 1), b->p + (0 .. b->cap - 1), b);
    assigns b->len, b->p[b->len .. b->cap - 1];
    ensures nbuf_valid(b);
    behavior fits:
      assumes n <= b->cap - b->len;
      ensures \result == 0;
      ensures b->len == \old(b->len) + n;
      ensures \forall integer k; \old(b->len) <= k < b->len ==>
                b->p[k] == \old(((const uint8_t *)src)[k - \old(b->len)]);
    behavior full:
      assumes n > b->cap - b->len;
      ensures \result == -1;
      ensures b->len == \old(b->len);
    complete behaviors;
    disjoint behaviors;
 */
int nbuf_put(struct nbuf *b, const void *src, size_t n);

/*@ requires nbuf_valid(b);
    assigns b->len, b->p[b->len .. b->cap - 1];
    ensures nbuf_valid(b);
    behavior fits:
      assumes b->len < b->cap;
      ensures \result == 0;
      ensures b->len == \old(b->len) + 1;
      ensures b->p[\old(b->len)] == c;
    behavior full:
      assumes b->len >= b->cap;
      ensures \result == -1;
      ensures b->len == \old(b->len);
    complete behaviors;
    disjoint behaviors;
 */
int nbuf_putc(struct nbuf *b, uint8_t c);

/* Reserves n bytes aligned to `align` (a power of two <= 16) at the end of
 * the buffer, used as an arena; returns them, or NULL (no change). */
/*@ requires nbuf_valid(b);
    requires align == 1 || align == 2 || align == 4 || align == 8 ||
             align == 16;
    assigns b->len, \result \from b->p, b->len, b->cap, n, align;
    ensures nbuf_valid(b);
    ensures \result == \null ==> b->len == \old(b->len);
    ensures \result != \null ==>
              \old(b->len) + n <= b->len <= \old(b->len) + n + (align - 1) &&
              (uint8_t *)\result == b->p + (b->len - n) &&
              \valid((uint8_t *)\result + (0 .. n - 1));
 */
void *nbuf_alloc(struct nbuf *b, size_t n, size_t align);

#endif
