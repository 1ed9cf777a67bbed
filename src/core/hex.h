/*
 * Lower-case hexadecimal. Encoding always writes lower case; decoding
 * accepts only lower case (spec/encodings.md: upper case is rejected so
 * that every hash has exactly one textual form).
 */
#ifndef NONO_HEX_H
#define NONO_HEX_H

#include "nbuf.h"

#include <stddef.h>
#include <stdint.h>

/*@ logic integer hexval(integer c) =
      ('0' <= c <= '9') ? c - '0' :
      ('a' <= c <= 'f') ? c - 'a' + 10 : -1;
    predicate is_lhex(integer c) = ('0' <= c <= '9') || ('a' <= c <= 'f');
 */

/*@ assigns \nothing;
    ensures is_lhex(\result);
    ensures 0 <= v <= 15 ==> hexval(\result) == v;
 */
char hex_digit(unsigned v);

/*@ assigns \nothing;
    ensures is_lhex(c) ==> \result == hexval(c);
    ensures !is_lhex(c) ==> \result == -1;
 */
int hex_value(uint8_t c);

/* Writes 2n characters to out (no terminator). */
/*@ requires n <= SIZE_MAX / 2;
    requires \valid_read(in + (0 .. n - 1));
    requires \valid(out + (0 .. 2 * n - 1));
    requires \separated(in + (0 .. n - 1), out + (0 .. 2 * n - 1));
    assigns out[0 .. 2 * n - 1];
    ensures \forall integer k; 0 <= k < n ==>
              hexval(out[2 * k]) * 16 + hexval(out[2 * k + 1]) == in[k];
 */
void hex_encode(const uint8_t *in, size_t n, char *out);

/* Decodes exactly 2n lower-case hex characters into n bytes.
 * Returns 0, or -1 (out untouched) if any character is not lower-case hex.
 * The contract reads the characters as bytes, as the code does. */
/*@ requires n <= SIZE_MAX / 2;
    requires \valid_read(in + (0 .. 2 * n - 1));
    requires \valid(out + (0 .. n - 1));
    requires \separated(in + (0 .. 2 * n - 1), out + (0 .. n - 1));
    assigns out[0 .. n - 1];
    ensures \result == 0 || \result == -1;
    behavior ok:
      assumes \forall integer k; 0 <= k < 2 * n ==>
                is_lhex(((const uint8_t *)in)[k]);
      ensures \result == 0;
      ensures \forall integer k; 0 <= k < n ==>
                out[k] == hexval(((const uint8_t *)in)[2 * k]) * 16 +
                          hexval(((const uint8_t *)in)[2 * k + 1]);
    behavior bad:
      assumes \exists integer k; 0 <= k < 2 * n &&
                !is_lhex(((const uint8_t *)in)[k]);
      assigns \nothing;
      ensures \result == -1;
    complete behaviors;
    disjoint behaviors;
 */
int hex_decode(const char *in, size_t n, uint8_t *out);

/* Appends "<2n lower-case hex>" with its quotes. All or nothing. */
/*@ requires nbuf_valid(out);
    requires n <= 64;
    requires \valid_read(in + (0 .. n - 1));
    requires \separated(in + (0 .. n - 1), out->p + (0 .. out->cap - 1), out);
    assigns out->len, out->p[out->len .. out->cap - 1];
    ensures nbuf_valid(out);
    ensures \result == 0 || \result == -1;
    ensures \result == 0 <==> 2 * n + 2 <= \old(out->cap - out->len);
    ensures \result == 0 ==> out->len == \old(out->len) + 2 * n + 2;
    ensures \result == -1 ==> out->len == \old(out->len);
 */
int hex_put_quoted(struct nbuf *out, const uint8_t *in, size_t n);

#endif
