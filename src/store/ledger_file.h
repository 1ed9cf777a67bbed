/*
 * ledger.ndjson on disk (spec/ledger.md §4-5): append under an exclusive
 * flock on ledger.lock, and streaming verification.
 */
#ifndef NONO_LEDGER_FILE_H
#define NONO_LEDGER_FILE_H

#include "err.h"

#include <stddef.h>
#include <stdint.h>

/* Appends the record for session_id. audit_root must exist. */
int ledger_append(const char *audit_root, const char *session_id,
		  const uint8_t digest[32], const char *completed_at,
		  struct err *e);

struct ledger_result {
	int present;           /* ledger file exists */
	uint64_t entry_count;
	int session_found;
	int digest_matches;
	int chain_verified;
	uint8_t head[32];      /* valid when entry_count > 0 */
};

/* Verifies audit_root/ledger.ndjson and looks for session_id with the
 * expected digest. A missing file is not an error (present = 0). */
int ledger_verify_file(const char *audit_root, const char *session_id,
		       const uint8_t expected[32], struct ledger_result *r,
		       struct err *e);

#endif
