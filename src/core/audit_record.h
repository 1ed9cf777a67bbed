/*
 * One line of audit-events.ndjson (spec/audit-log.md §2):
 *
 *   {"sequence":N,"prev_chain":null|"<hex64>","leaf_hash":"<hex64>",
 *    "chain_hash":"<hex64>","event_json":"<escaped payload>","event":<payload>}
 *
 * The line is the canonical compact serialization of the record, so the
 * raw `event` bytes are the payload's canonical bytes and must equal the
 * unescaped `event_json` string byte for byte.
 */
#ifndef NONO_AUDIT_RECORD_H
#define NONO_AUDIT_RECORD_H

#include "nbuf.h"

#include <stddef.h>
#include <stdint.h>

/* Longest line (without its '\n') nono writes or reads: 4 MiB. */
#define AUDIT_LINE_MAX ((size_t)4 << 20)

/* The three hashes are kept as the 64 characters between their quotes:
 * verification compares them with the lower-case hex of the computed
 * values, so anything else (upper case, non-hex) is simply a mismatch. */
struct audit_record {
	uint64_t sequence;
	const uint8_t *prev_hex;   /* NULL when prev_chain is null */
	const uint8_t *leaf_hex;
	const uint8_t *chain_hex;
	int has_event_json;
	int json_mismatch;     /* event != unescaped event_json */
	const uint8_t *event;  /* the payload's canonical bytes, in the line */
	size_t event_len;
};

/* Parses one line (no '\n'). Returns 0, or -1 with *why set. */
int audit_record_parse(const uint8_t *line, size_t n, struct audit_record *r,
		       const char **why);

/* Checks that payload[0..n) is a canonical audit event payload. */
int audit_payload_check(const uint8_t *payload, size_t n);

/* Appends the record line (with its trailing '\n') for a canonical
 * payload. prev NULL means the first record. Writes the new chain hash to
 * chain_out. Returns 0, or -1 with nothing appended: payload not
 * canonical, or the line would exceed AUDIT_LINE_MAX or the buffer. */
int audit_record_write(struct nbuf *out, uint64_t sequence,
		       const uint8_t *prev, const uint8_t *payload, size_t n,
		       uint8_t leaf_out[32], uint8_t chain_out[32]);

#endif
