/*
 * Base64 (RFC 4648). The standard alphabet with '=' padding is the only
 * form nono writes into files; its decoder is strict (spec/encodings.md):
 * length a multiple of 4, padding only as the last one or two characters,
 * unused bits zero, no whitespace, no URL-safe characters. The URL-safe
 * unpadded encoder exists for the reference vectors.
 */
#ifndef NONO_BASE64_H
#define NONO_BASE64_H

#include "nbuf.h"

/*@ predicate b64_char(integer c) =
      ('A' <= c <= 'Z') || ('a' <= c <= 'z') || ('0' <= c <= '9') ||
      c == '+' || c == '/';
 */

/* Encoded length of n bytes with padding: 4 * ceil(n / 3). */
/*@ requires n <= (SIZE_MAX / 4) * 3 - 3;
    assigns \nothing;
    ensures \result == 4 * ((n + 2) / 3);
 */
size_t base64_encoded_len(size_t n);

/*@ requires nbuf_valid(out);
    requires n <= (SIZE_MAX / 4) * 3 - 3;
    requires \valid_read(in + (0 .. n - 1));
    requires \separated(in + (0 .. n - 1), out->p + (0 .. out->cap - 1), out);
    assigns out->len, out->p[0 .. out->cap - 1];
    behavior fits:
      assumes 4 * ((n + 2) / 3) <= out->cap - out->len;
      ensures \result == 0;
      ensures out->len == \old(out->len) + 4 * ((n + 2) / 3);
      ensures nbuf_valid(out);
      ensures \forall integer k; \old(out->len) <= k < out->len ==>
                b64_char(out->p[k]) || out->p[k] == '=';
    behavior full:
      assumes 4 * ((n + 2) / 3) > out->cap - out->len;
      assigns \nothing;
      ensures \result == -1;
    complete behaviors;
    disjoint behaviors;
 */
int base64_encode(struct nbuf *out, const uint8_t *in, size_t n);

/* URL-safe alphabet, no padding. Same contract shape as base64_encode. */
int base64url_encode(struct nbuf *out, const uint8_t *in, size_t n);

/* Strict standard decode. Returns 0 and appends the bytes, or -1 and
 * leaves out unchanged (bad input or not enough room). */
/*@ requires nbuf_valid(out);
    requires \valid_read(in + (0 .. n - 1));
    requires \separated(in + (0 .. n - 1), out->p + (0 .. out->cap - 1), out);
    assigns out->len, out->p[0 .. out->cap - 1];
    ensures \result == 0 || \result == -1;
    ensures nbuf_valid(out);
    ensures \result == 0 ==> n % 4 == 0;
    ensures \result == 0 ==> out->len == \old(out->len) + (n / 4) * 3 -
              (n > 0 && in[n - 1] == '=' ? (in[n - 2] == '=' ? 2 : 1) : 0);
    ensures \result == -1 ==> out->len == \old(out->len);
    ensures \result == -1 ==> \forall integer k; 0 <= k < out->cap ==>
              out->p[k] == \old(out->p[k]);
 */
int base64_decode(struct nbuf *out, const char *in, size_t n);

#endif
