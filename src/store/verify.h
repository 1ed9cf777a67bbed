/*
 * `nono audit verify` (spec/verify.md): every check on one session.
 *
 * Hard failures (a corrupt or tampered event log, an unreadable or
 * corrupt ledger, a session.json that does not parse) return -1 with the
 * original's message. Otherwise the report says what matched; verified is
 * the overall verdict.
 */
#ifndef NONO_VERIFY_H
#define NONO_VERIFY_H

#include "attest.h"
#include "err.h"
#include "ledger_file.h"
#include "session_store.h"

struct verify_report {
	const char *session_id;
	/* the event log (AuditVerificationResult) */
	uint64_t event_count;
	uint8_t head[32], root[32];     /* meaningful when event_count > 0 */
	int stored;                     /* audit_integrity present */
	struct audit_integrity st;
	uint64_t audit_event_count;     /* session.json's count */
	int event_count_matches;
	/* the ledger (LedgerVerificationResult) */
	uint8_t session_digest[32];
	struct ledger_result ledger;
	/* the attestation (AuditAttestationVerificationResult) */
	struct attest_result att;
	int verified;
};

/* public_key_file may be NULL; when given, it must hold a P-256 public
 * key (PEM or base64 DER) or the command fails. */
int audit_verify(const char *id, const char *public_key_file,
		 struct verify_report *r, struct err *e);

#endif
