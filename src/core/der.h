/*
 * The DER around ECDSA P-256 (spec/attestation.md §3), parsed strictly
 * and without BearSSL, so that it is proved (proofs/files) and fuzzed
 * (fuzz/fuzz_der.c, fuzz_keys.c) with the rest of the core:
 *   - the range check 1 <= v < n of a 32-byte big-endian scalar;
 *   - the Ecdsa-Sig-Value SEQUENCE { INTEGER r, INTEGER s };
 *   - the structure of a P-256 SubjectPublicKeyInfo (whether the point
 *     lies on the curve is BearSSL's check, in p256.c);
 *   - "exactly one DER SEQUENCE", the first check on a private key.
 */
#ifndef NONO_DER_H
#define NONO_DER_H

#include <stddef.h>
#include <stdint.h>

#define P256_SPKI_LEN 91
#define P256_POINT_LEN 65
#define P256_SCALAR_LEN 32
#define P256_SIG_DER_MAX 72

/*@ // byte k of the order n of the P-256 group (big-endian)
    logic integer p256_n(integer k) =
      k < 4 ? 0xff : k < 8 ? 0x00 : k < 16 ? 0xff :
      k == 16 ? 0xbc : k == 17 ? 0xe6 : k == 18 ? 0xfa : k == 19 ? 0xad :
      k == 20 ? 0xa7 : k == 21 ? 0x17 : k == 22 ? 0x9e : k == 23 ? 0x84 :
      k == 24 ? 0xf3 : k == 25 ? 0xb9 : k == 26 ? 0xca : k == 27 ? 0xc2 :
      k == 28 ? 0xfc : k == 29 ? 0x63 : k == 30 ? 0x25 : 0x51;
    // v[0 .. 32) < n as big-endian numbers (first differing byte)
    predicate be_lt_n{L}(uint8_t *v) =
      \exists integer j; 0 <= j < 32 &&
        (\forall integer k; 0 <= k < j ==> v[k] == p256_n(k)) &&
        v[j] < p256_n(j);
    // v[0 .. 32) != 0 (stated as: there is a first non-zero byte)
    predicate be_nonzero{L}(uint8_t *v) =
      \exists integer j; 0 <= j < 32 &&
        (\forall integer k; 0 <= k < j ==> v[k] == 0) && v[j] != 0;
    // 1 <= v < n for the 32-byte big-endian v[0 .. 32)
    predicate scalar_ok{L}(uint8_t *v) = be_nonzero(v) && be_lt_n(v);
    // byte k of the fixed 26-byte prefix of a P-256 SPKI: SEQUENCE {
    // SEQUENCE { id-ecPublicKey, prime256v1 }, BIT STRING (0 unused
    // bits) ... } (P256_SPKI_PREFIX in p256.h)
    logic integer spki_prefix_byte(integer k) =
      k == 0 ? 0x30 : k == 1 ? 0x59 : k == 2 ? 0x30 : k == 3 ? 0x13 :
      k == 4 ? 0x06 : k == 5 ? 0x07 : k == 6 ? 0x2a : k == 7 ? 0x86 :
      k == 8 ? 0x48 : k == 9 ? 0xce : k == 10 ? 0x3d : k == 11 ? 0x02 :
      k == 12 ? 0x01 : k == 13 ? 0x06 : k == 14 ? 0x08 : k == 15 ? 0x2a :
      k == 16 ? 0x86 : k == 17 ? 0x48 : k == 18 ? 0xce : k == 19 ? 0x3d :
      k == 20 ? 0x03 : k == 21 ? 0x01 : k == 22 ? 0x07 : k == 23 ? 0x03 :
      k == 24 ? 0x42 : 0x00;
    predicate spki_ok{L}(uint8_t *d, integer n) =
      n == P256_SPKI_LEN &&
      (\forall integer k; 0 <= k < 26 ==> d[k] == spki_prefix_byte(k)) &&
      d[26] == 0x04;
    predicate one_seq{L}(uint8_t *d, integer n) =
      n >= 2 && d[0] == 0x30 &&
      ((d[1] < 0x80 && d[1] == n - 2) ||
       (d[1] == 0x81 && n >= 3 && d[2] >= 0x80 && d[2] == n - 3) ||
       (d[1] == 0x82 && n >= 4 && d[2] != 0 && d[2] * 256 + d[3] == n - 4));
 */

/* 1 when the 32-byte big-endian v satisfies 1 <= v < n, else 0. */
/*@ requires \valid_read(v + (0 .. 31));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> scalar_ok((uint8_t *)v);
 */
int p256_scalar_valid(const uint8_t v[32]);

/* Strict DER Ecdsa-Sig-Value: SEQUENCE { INTEGER r, INTEGER s }, minimal
 * lengths and integers, positive, 1 <= r, s < n, nothing after. Writes the
 * raw 64-byte r||s. Returns 0 or -1 (rs untouched). High-S values are
 * accepted. (The proof shows 1 <= r, s < n for each INTEGER as parsed,
 * der_int in der.c; the contract below does not restate it for rs.) */
/*@ requires \valid_read(der + (0 .. n - 1));
    requires \valid(rs + (0 .. 63));
    requires \separated(der + (0 .. n - 1), rs + (0 .. 63));
    assigns rs[0 .. 63];
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> 8 <= n <= P256_SIG_DER_MAX &&
              der[0] == 0x30 && der[1] == n - 2;
    ensures \result == -1 ==>
              \forall integer k; 0 <= k < 64 ==> rs[k] == \old(rs[k]);
 */
int p256_sig_der_decode(const uint8_t *der, size_t n, uint8_t rs[64]);

/* The structure of a P-256 SPKI: exactly 91 bytes, the prefix above, an
 * uncompressed point (0x04 || X || Y at der[26..91)). Returns 0, or -1
 * with why (*why untouched on 0). */
/*@ requires \valid_read(der + (0 .. n - 1));
    requires \valid(why);
    assigns *why;
    ensures \result == 0 || \result == -1;
    ensures \result == 0 <==> spki_ok((uint8_t *)der, n);
    ensures \result == 0 ==> *why == \old(*why);
 */
int p256_spki_parse(const uint8_t *der, size_t n, const char **why);

/* 1 when der is exactly one DER SEQUENCE (definite length, minimal
 * length encoding of at most two bytes), else 0. */
/*@ requires \valid_read(der + (0 .. n - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> one_seq((uint8_t *)der, n);
 */
int der_one_sequence(const uint8_t *der, size_t n);

#endif
