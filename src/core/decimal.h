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

/*@ predicate dec_digit(integer c) = '0' <= c <= '9';
    // s[0..n) is a canonical unsigned decimal: "0" | [1-9][0-9]*.
    predicate dec_canon{L}(uint8_t *s, integer n) =
      n >= 1 && (\forall integer i; 0 <= i < n ==> dec_digit(s[i])) &&
      (s[0] == '0' ==> n == 1);
    logic integer dec_val{L}(uint8_t *s, integer n) =
      n <= 0 ? 0 : 10 * dec_val(s, n - 1) + (s[n - 1] - '0');
 */

/* Parses a canonical unsigned decimal. On -1, *v is unchanged. */
/*@ requires \valid_read(s + (0 .. n - 1));
    requires \valid(v) && \separated(v, s + (0 .. n - 1));
    assigns *v;
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> dec_canon(s, n) && n <= 20 &&
                             *v == dec_val(s, n);
    ensures \result == -1 ==> *v == \old(*v);
 */
int dec_u64(const uint8_t *s, size_t n, uint64_t *v);

/* Parses a canonical signed decimal ("-" [1-9][0-9]* or unsigned form)
 * in [INT64_MIN, INT64_MAX]. On -1, *v is unchanged. */
/*@ requires \valid_read(s + (0 .. n - 1));
    requires \valid(v) && \separated(v, s + (0 .. n - 1));
    assigns *v;
    ensures \result == 0 || \result == -1;
    ensures \result == 0 && n > 0 && s[0] == '-' ==>
              dec_canon(s + 1, n - 1) && *v == -dec_val(s + 1, n - 1) &&
              *v < 0;
    ensures \result == 0 && !(n > 0 && s[0] == '-') ==>
              dec_canon(s, n) && *v == dec_val(s, n);
    ensures \result == -1 ==> *v == \old(*v);
 */
int dec_i64(const uint8_t *s, size_t n, int64_t *v);

/* Appends the canonical decimal form of v (1..20 digits). All or nothing:
 * -1 and no change when it does not fit. */
/*@ requires nbuf_valid(out);
    assigns out->len, out->p[out->len .. out->cap - 1];
    ensures nbuf_valid(out);
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> \old(out->len) < out->len <= \old(out->len) + 20;
    ensures \result == 0 ==> \forall integer k; \old(out->len) <= k < out->len ==>
                dec_digit(out->p[k]);
    ensures \result == -1 ==> out->len == \old(out->len);
 */
int dec_put(struct nbuf *out, uint64_t v);

/* Length of the longest prefix of s made of '-' and digits. */
/*@ requires \valid_read(s + (0 .. n - 1));
    assigns \nothing;
    ensures 0 <= \result <= n;
    ensures \forall integer i; 0 <= i < \result ==>
              s[i] == '-' || dec_digit(s[i]);
    ensures \result < n ==> !(s[\result] == '-' || dec_digit(s[\result]));
 */
size_t dec_span(const uint8_t *s, size_t n);

#endif
