/*
 * The audit recorder (spec/storage.md §4): what the supervisor calls to
 * record a session.
 *
 *   recorder_open      create <audit root>/<id>/ (0700) and its event log
 *   recorder_append    append one canonical event payload, durably
 *   recorder_finalize  write session.json atomically, then append the
 *                      session digest (of the file as written) to the ledger
 *
 * Each append is one write() of a complete line followed by fdatasync
 * (unless sync_each is off, for bulk tools); a failed write is truncated
 * away so the log never keeps a partial line it wrote.
 */
#ifndef NONO_RECORDER_H
#define NONO_RECORDER_H

#include "audit_hash.h"
#include "err.h"
#include "p256.h"
#include "scrub.h"
#include "session.h"

#include <limits.h>
#include <stdint.h>

struct recorder {
	char root[PATH_MAX];
	char id[SESSION_ID_MAX + 1];
	int dirfd;
	int evfd;
	long long size;        /* bytes in the event log */
	uint64_t count;
	uint8_t chain[32];
	struct merkle_stream m;
	int sync_each;
	uint8_t *line;         /* AUDIT_LINE_MAX + 1 */
};

/* audit_root is created if needed. Fails if the session exists. */
int recorder_open(struct recorder *r, const char *audit_root,
		  const char *session_id, struct err *e);

int recorder_append(struct recorder *r, const uint8_t *payload, size_t n,
		    struct err *e);

/* Signing at finalization (spec/attestation.md §3): the key, and the
 * redaction policy the command was redacted with (NULL: default). */
struct recorder_signer {
	struct p256_priv key;
	const struct scrub_policy *policy;
};

/* m describes the session; the recorder fills audit_event_count and, when
 * integrity is set, audit_integrity. With a signer, the attestation bundle
 * is written first and summarized in audit_attestation (signing needs the
 * integrity summary). */
int recorder_finalize(struct recorder *r, struct session_meta *m,
		      int integrity, const struct recorder_signer *signer,
		      struct err *e);

void recorder_close(struct recorder *r);

/* A new random session id: 16 lower-case hex characters. */
void session_id_new(char out[17]);

#endif
