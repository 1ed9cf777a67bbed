/*
 * Streaming verification of audit-events.ndjson (spec/audit-log.md §6).
 *
 * Push-style, like BearSSL's decoders: init with a caller buffer for one
 * partial line (at least AUDIT_LINE_MAX bytes), push the file's bytes in
 * chunks of any size, then finish. Memory does not grow with the log: the
 * state is the chain head and an O(log n) Merkle stack. Framing follows
 * lines.h with a 4 MiB line limit.
 */
#ifndef NONO_AUDIT_VERIFY_H
#define NONO_AUDIT_VERIFY_H

#include "audit_hash.h"
#include "audit_record.h"
#include "lines.h"

enum audit_verr {
	AV_OK = 0,
	AV_PARSE,      /* line is not a canonical record (detail says why) */
	AV_SEQUENCE,   /* sequence != records seen (expected/got) */
	AV_PREV,       /* prev_chain != previous chain hash */
	AV_JSON,       /* event != unescaped event_json */
	AV_LEAF,       /* leaf_hash wrong */
	AV_CHAIN,      /* chain_hash wrong */
	AV_TOO_LONG,   /* line longer than AUDIT_LINE_MAX */
	AV_EMPTY_LINE, /* empty line */
	AV_INCOMPLETE, /* data after the last '\n' */
};

struct audit_verifier {
	struct lines lines;
	uint64_t count;         /* records verified */
	uint8_t chain[32];      /* chain hash of the last record */
	struct merkle_stream m;
	int missing_event_json; /* some record had no event_json */
	int err;                /* enum audit_verr; sticky */
	uint64_t err_line;      /* 1-based line of the error */
	const char *detail;     /* AV_PARSE: why */
	uint64_t expected, got; /* AV_SEQUENCE */
};

/* buf must hold at least AUDIT_LINE_MAX bytes. */
void audit_verifier_init(struct audit_verifier *v, uint8_t *buf, size_t cap);
/* Returns 0, or -1 once an error is recorded in v->err. */
int audit_verifier_push(struct audit_verifier *v, const uint8_t *data,
			size_t n);
/* End of input. Returns 0, or -1 (v->err). */
int audit_verifier_finish(struct audit_verifier *v);
/* After a successful finish: chain head and Merkle root (meaningful only
 * when count > 0). */
void audit_verifier_result(const struct audit_verifier *v,
			   uint8_t head[32], uint8_t root[32]);

#endif
