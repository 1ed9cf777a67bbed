/*
 * Canonical decimal integers, the only numbers nono's JSON has:
 *   "0" | [1-9][0-9]*   and, for signed values, "-" [1-9][0-9]*
 * (no leading zeros, no "+", no "-0"). Both parsers are total and check
 * overflow.
 */
#ifndef NONO_DECIMAL_H
#define NONO_DECIMAL_H

#include "nbuf.h"

#include <stddef.h>
#include <stdint.h>

/*@ requires \valid_read(s + (0 .. n - 1));
    requires \valid(v);
    assigns *v;
    ensures \result == 0 || \result == -1;
 */
int dec_u64(const uint8_t *s, size_t n, uint64_t *v);

/*@ requires \valid_read(s + (0 .. n - 1));
    requires \valid(v);
    assigns *v;
    ensures \result == 0 || \result == -1;
 */
int dec_i64(const uint8_t *s, size_t n, int64_t *v);

/* Appends the canonical decimal form of v (1..20 digits). All or nothing:
 * -1 and no change when it does not fit. */
/*@ requires nbuf_valid(out);
    assigns out->len, out->p[0 .. out->cap - 1];
    ensures nbuf_valid(out);
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> \old(out->len) < out->len <= \old(out->len) + 20;
    ensures \result == -1 ==> out->len == \old(out->len);
 */
int dec_put(struct nbuf *out, uint64_t v);

/* Length of the longest prefix of s made of '-' and digits. */
size_t dec_span(const uint8_t *s, size_t n);

#endif
