/*
 * Audit attestations (spec/attestation.md): the in-toto statement, its DSSE
 * envelope in a Sigstore bundle, signing, and verification step by step.
 */
#ifndef NONO_ATTEST_H
#define NONO_ATTEST_H

#include "json_write.h"
#include "p256.h"
#include "scrub.h"
#include "session.h"

#define ATTEST_STATEMENT_TYPE "https://in-toto.io/Statement/v1"
#define ATTEST_BUNDLE_MEDIA_TYPE "application/vnd.dev.sigstore.bundle.v0.3+json"
#define ATTEST_PAYLOAD_TYPE "application/vnd.in-toto+json"

/* Writes the statement (compact) for m, which must carry its integrity
 * summary. The command is redacted again with policy (as the original
 * does; redaction is idempotent); arena holds the redacted copy.
 * Returns 0, or -1 (no integrity summary, arena too small). */
int attest_statement_write(struct jw *w, const struct session_meta *m,
			   const struct scrub_policy *policy,
			   const uint8_t key_id[32], struct nbuf *arena);

/* Builds and signs the statement for m; writes the bundle (pretty) to
 * bundle. scratch must hold about 4x the statement size. Fills the
 * summary's key_id and public key (standard base64 of the SPKI, into
 * pub_b64, NUL-terminated). Returns 0 or -1. */
int attest_sign(const struct session_meta *m, const struct scrub_policy *policy,
		const struct p256_priv *sk, struct nbuf *scratch,
		struct nbuf *bundle, uint8_t key_id[32],
		char pub_b64[P256_SPKI_LEN * 2]);

struct attest_input {
	const struct session_meta *m;   /* has an attestation summary */
	const uint8_t *bundle;          /* NULL when it could not be read */
	size_t bundle_len;
	const char *load_error;         /* when bundle is NULL */
	const char *bundle_path;        /* for messages */
	const struct p256_pub *expected; /* --public-key-file, or NULL */
};

struct attest_result {
	int present;
	char predicate_type[160];
	uint8_t key_id[32];
	int key_id_matches;
	int signature_verified;
	int merkle_root_matches;
	int session_id_matches;
	int expected_key;       /* -1 null, 0 false, 1 true */
	char error[768];        /* "" means null */
	int verified;           /* the verdict's attestation condition */
};

/* Verifies (spec/attestation.md §5). scratch: at least
 * attest_scratch_for(bundle_len) bytes. */
size_t attest_scratch_for(size_t bundle_len);
void attest_verify(const struct attest_input *in, struct attest_result *r,
		   struct nbuf *scratch);

#endif
