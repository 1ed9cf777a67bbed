/*
 * ECDSA P-256 with SHA-256 (spec/attestation.md §3): public keys as DER
 * SubjectPublicKeyInfo, key ids, DER signatures, signing and
 * verification. Curve arithmetic is BearSSL's (br_ec_p256_m31); the
 * encodings around it are ours and strict.
 */
#ifndef NONO_P256_H
#define NONO_P256_H

#include "der.h"
#include "nbuf.h"

#include <stddef.h>
#include <stdint.h>

/* The fixed 26-byte prefix of a P-256 SPKI: SEQUENCE { SEQUENCE {
 * id-ecPublicKey, prime256v1 }, BIT STRING (0 unused bits) ... }. */
extern const uint8_t P256_SPKI_PREFIX[26];

struct p256_pub {
	uint8_t q[P256_POINT_LEN]; /* 0x04 || X || Y */
};

struct p256_priv {
	uint8_t x[P256_SCALAR_LEN]; /* big-endian, 1 <= x < n */
};

/* SPKI DER -> key. Exactly 91 bytes, the prefix above, an uncompressed
 * point that lies on the curve. Returns 0 or -1 (why says what). */
/*@ requires \valid_read(der + (0 .. n - 1));
    requires \valid(pk) && \valid(why);
    assigns *pk, *why;
    ensures \result == 0 || \result == -1;
 */
int p256_spki_decode(const uint8_t *der, size_t n, struct p256_pub *pk,
		     const char **why);
void p256_spki_encode(const struct p256_pub *pk, uint8_t der[P256_SPKI_LEN]);

/* key id = SHA-256 of the DER SPKI. */
void p256_key_id(const struct p256_pub *pk, uint8_t id[32]);

/* p256_sig_der_decode (strict DER r||s), p256_spki_parse (SPKI
 * structure), p256_scalar_valid and der_one_sequence: der.h. */

/* 1 when sig_der is a valid signature of hash by pk, else 0. */
int p256_verify(const struct p256_pub *pk, const uint8_t hash[32],
		const uint8_t *sig_der, size_t n);

/* Deterministic (RFC 6979) signature of hash, DER into out (<= 72 bytes).
 * Returns the length, or 0 on failure. */
size_t p256_sign(const struct p256_priv *sk, const uint8_t hash[32],
		 uint8_t out[P256_SIG_DER_MAX]);

/* Computes the public key. Returns 0, or -1 for an invalid scalar. */
int p256_pub_from_priv(const struct p256_priv *sk, struct p256_pub *pk);

/* A new key from 48 bytes of caller-provided entropy (HMAC-DRBG). */
int p256_keygen(const uint8_t seed[48], struct p256_priv *sk);

/* Private key DER: PKCS#8 (or SEC1 "EC PRIVATE KEY") for P-256 only.
 * Returns 0, or -1 with why ("not an EC key", "not P-256", ...). */
/*@ requires \valid_read(der + (0 .. n - 1));
    requires \valid(sk) && \valid(why);
    assigns *sk, *why;
    ensures \result == 0 || \result == -1;
 */
int p256_priv_decode(const uint8_t *der, size_t n, struct p256_priv *sk,
		     const char **why);
/* PKCS#8 DER of sk (with its public key) appended to out. */
int p256_pkcs8_encode(const struct p256_priv *sk, struct nbuf *out);

#endif
