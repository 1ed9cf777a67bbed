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
    predicate b64url_char(integer c) =
      ('A' <= c <= 'Z') || ('a' <= c <= 'z') || ('0' <= c <= '9') ||
      c == '-' || c == '_';
    logic integer b64val(integer c) =
      ('A' <= c <= 'Z') ? c - 'A' :
      ('a' <= c <= 'z') ? c - 'a' + 26 :
      ('0' <= c <= '9') ? c - '0' + 52 :
      c == '+' ? 62 : c == '/' ? 63 : -1;

    // p[at .. at+n) is encoder output: padded standard, or URL-safe.
    predicate b64_text{L}(uint8_t *p, integer at, integer n) =
      \forall integer k; 0 <= k < n ==>
        b64_char(p[at + k]) || p[at + k] == '=';
    predicate b64url_text{L}(uint8_t *p, integer at, integer n) =
      \forall integer k; 0 <= k < n ==> b64url_char(p[at + k]);

    // Encoded lengths: padded 4 * ceil(n / 3); unpadded drops the '='.
    logic integer b64_len(integer n) = 4 * ((n + 2) / 3);
    logic integer b64url_len(integer n) =
      4 * (n / 3) + (n % 3 == 0 ? 0 : n % 3 + 1);

    // The strict grammar (spec/encodings.md), on the bytes of s[0..n).
    logic integer b64_pad{L}(uint8_t *s, integer n) =
      (n >= 2 && s[n - 1] == '=') ? (s[n - 2] == '=' ? 2 : 1) : 0;
    predicate b64_strict{L}(uint8_t *s, integer n) =
      n % 4 == 0 &&
      (\forall integer i; 0 <= i < n - b64_pad(s, n) ==> b64_char(s[i])) &&
      (b64_pad(s, n) == 1 ==> b64val(s[n - 2]) % 4 == 0) &&
      (b64_pad(s, n) == 2 ==> b64val(s[n - 3]) % 16 == 0);
 */

/* Encoded length of n bytes with padding: 4 * ceil(n / 3). */
/*@ requires n <= (SIZE_MAX / 4) * 3 - 3;
    assigns \nothing;
    ensures \result == b64_len(n);
 */
size_t base64_encoded_len(size_t n);

/* Appends the padded standard encoding. All or nothing. */
/*@ requires nbuf_valid(out);
    requires n <= (SIZE_MAX / 4) * 3 - 3;
    requires \valid_read(in + (0 .. n - 1));
    requires \separated(in + (0 .. n - 1), out->p + (0 .. out->cap - 1), out);
    assigns out->len, out->p[out->len .. out->cap - 1];
    ensures nbuf_valid(out);
    ensures \result == 0 || \result == -1;
    ensures \result == 0 <==> b64_len(n) <= \old(out->cap - out->len);
    ensures \result == 0 ==> out->len == \old(out->len) + b64_len(n);
    ensures \result == 0 ==> b64_text(out->p, \old(out->len), b64_len(n));
    ensures \result == -1 ==> out->len == \old(out->len);
 */
int base64_encode(struct nbuf *out, const uint8_t *in, size_t n);

/* URL-safe alphabet, no padding. Same contract shape as base64_encode. */
/*@ requires nbuf_valid(out);
    requires n <= (SIZE_MAX / 4) * 3 - 3;
    requires \valid_read(in + (0 .. n - 1));
    requires \separated(in + (0 .. n - 1), out->p + (0 .. out->cap - 1), out);
    assigns out->len, out->p[out->len .. out->cap - 1];
    ensures nbuf_valid(out);
    ensures \result == 0 || \result == -1;
    ensures \result == 0 <==> b64url_len(n) <= \old(out->cap - out->len);
    ensures \result == 0 ==> out->len == \old(out->len) + b64url_len(n);
    ensures \result == 0 ==> b64url_text(out->p, \old(out->len), b64url_len(n));
    ensures \result == -1 ==> out->len == \old(out->len);
 */
int base64url_encode(struct nbuf *out, const uint8_t *in, size_t n);

/* Strict standard decode. Returns 0 and appends the bytes, or -1 and
 * leaves out unchanged (bad input or not enough room). The grammar alone
 * decides, given room; the contract reads in[] as bytes, as the code
 * does. */
/*@ requires nbuf_valid(out);
    requires \valid_read(in + (0 .. n - 1));
    requires \separated(in + (0 .. n - 1), out->p + (0 .. out->cap - 1), out);
    assigns out->len, out->p[out->len .. out->cap - 1];
    ensures \result == 0 || \result == -1;
    ensures nbuf_valid(out);
    ensures \result == 0 <==>
              b64_strict((uint8_t *)in, n) &&
              (n / 4) * 3 - b64_pad((uint8_t *)in, n) <= \old(out->cap - out->len);
    ensures \result == 0 ==> out->len == \old(out->len) + (n / 4) * 3 -
              b64_pad((uint8_t *)in, n);
    ensures \result == -1 ==> out->len == \old(out->len);
    ensures \result == -1 ==> \forall integer k; 0 <= k < out->cap ==>
              out->p[k] == \old(out->p[k]);
 */
int base64_decode(struct nbuf *out, const char *in, size_t n);

#endif
