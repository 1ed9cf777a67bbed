/*
 * Keys as text (spec/attestation.md §4): what key files and keystores
 * hold.
 *   public:  PEM "PUBLIC KEY" (SPKI), or base64 of the DER SPKI (what
 *            `nono trust export-key` prints and session.json holds);
 *   private: PEM "PRIVATE KEY" (PKCS#8) or "EC PRIVATE KEY" (SEC1), or
 *            base64 of the PKCS#8 DER (the original's keystore format).
 * Base64 here is relaxed: ASCII whitespace (line breaks) is ignored, the
 * URL-safe alphabet is accepted, '=' padding is optional, as the
 * original's decoder does for these inputs. Everything else is strict:
 * P-256 only, nothing after the key, no encrypted keys.
 */
#ifndef NONO_KEYTEXT_H
#define NONO_KEYTEXT_H

#include "p256.h"

/* Relaxed base64 (see above) appended to out. 0, or -1 (out unchanged). */
/*@ requires nbuf_valid(out);
    requires \valid_read(in + (0 .. n - 1));
    assigns out->len, out->p[out->len .. out->cap - 1];
    ensures nbuf_valid(out);
    ensures \result == 0 || \result == -1;
    ensures \result == -1 ==> out->len == \old(out->len);
 */
int base64_decode_relaxed(struct nbuf *out, const uint8_t *in, size_t n);

/* The public key in text t[0..n); 0 or -1 with why. */
/*@ requires \valid_read(t + (0 .. n - 1));
    requires \valid(pk) && \valid(why);
    requires \separated(why, t + (0 .. n - 1));
    assigns *pk, *why;
    ensures \result == 0 || \result == -1;
 */
int pubkey_text_decode(const uint8_t *t, size_t n, struct p256_pub *pk,
		       const char **why);
/* The private key in text t[0..n); 0 or -1 with why. */
/*@ requires \valid_read(t + (0 .. n - 1));
    requires \valid(sk) && \valid(why);
    requires \separated(why, t + (0 .. n - 1));
    assigns *sk, *why;
    ensures \result == 0 || \result == -1;
 */
int privkey_text_decode(const uint8_t *t, size_t n, struct p256_priv *sk,
			const char **why);

#endif
