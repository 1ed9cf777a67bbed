/*
 * Where signing keys live (spec/attestation.md §4).
 *
 * A key reference is one of:
 *   NAME, keystore://NAME   the user's keystore, service "nono-trust",
 *                           account NAME ("default" when none is given);
 *                           the Freedesktop Secret Service, or, when
 *                           NONO_TRUST_TEST_KEYSTORE_DIR is set, files in
 *                           that directory (as the original's test builds)
 *   keyring://SERVICE/ACCOUNT   any Secret Service item
 *   file:///ABS/PATH        a key file (PEM, or base64 DER)
 *   env://VAR               base64 PKCS#8 DER in an environment variable
 *   op://..., apple-password://...   refused: not available on Linux
 * Keystore secrets are the base64 of the PKCS#8 DER, as the original
 * stores them.
 */
#ifndef NONO_KEYSTORE_H
#define NONO_KEYSTORE_H

#include "err.h"
#include "p256.h"

#include <limits.h>

enum keyref_kind { KEYREF_KEYSTORE, KEYREF_KEYRING, KEYREF_FILE, KEYREF_ENV };

struct keyref {
	enum keyref_kind kind;
	char service[128];   /* KEYSTORE: "nono-trust"; KEYRING: SERVICE */
	char account[128];   /* KEYSTORE: NAME; KEYRING: ACCOUNT; ENV: VAR */
	char path[PATH_MAX]; /* FILE */
	char shown[PATH_MAX + 32];
};

/* Parses a reference (NULL means "default"). */
int keyref_parse(const char *s, struct keyref *r, struct err *e);

int key_load(const struct keyref *r, struct p256_priv *sk, struct err *e);

/* Stores a new key: refuses to overwrite unless force. For files also
 * writes PATH.pub (base64 of the DER SPKI). */
int key_store(const struct keyref *r, const struct p256_priv *sk, int force,
	      struct err *e);

/* A new random key (getrandom seeds BearSSL's HMAC-DRBG). */
int key_generate(struct p256_priv *sk, struct err *e);

#endif
