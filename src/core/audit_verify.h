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
	uint64_t count;         /* records verified (== lines accepted) */
	uint8_t chain[32];      /* chain hash of the last record */
	char chain_hex[64];     /* ... and its lower-case hex */
	struct merkle_stream m;
	int missing_event_json; /* some record had no event_json */
	int err;                /* enum audit_verr; sticky */
	uint64_t err_line;      /* 1-based line of the error */
	const char *detail;     /* AV_PARSE: why */
	uint64_t expected, got; /* AV_SEQUENCE */
};

/*
 * The per-line work in two stages, so that a driver may run stage A for
 * many lines in parallel and stage B in order:
 *   A. audit_line_check: parse the record, check event == event_json,
 *      compute the leaf and compare it with leaf_hash;
 *   B. audit_verifier_accept: in log order, check sequence, prev_chain
 *      against the previous chain, compute chain = H(prev || leaf) and
 *      compare it with chain_hash, and add the leaf to the Merkle tree.
 * Errors are reported in the order of a sequential check: parse,
 * sequence, prev, json, leaf, chain. The audit_line points into the line,
 * which must stay readable until stage B has accepted it.
 */
struct audit_line {
	int err;              /* AV_OK, or the line's own error: AV_PARSE,
	                         AV_JSON, AV_LEAF, and (set by a driver's
	                         framing) AV_EMPTY_LINE, AV_TOO_LONG */
	const char *detail;   /* AV_PARSE */
	uint64_t sequence;
	const uint8_t *prev_hex;   /* NULL: prev_chain is null */
	const uint8_t *chain_hex;
	uint8_t leaf[32];          /* computed */
	int has_event_json;
};

void audit_line_check(const uint8_t *line, size_t n, struct audit_line *l);
/* Stage B for the next line; returns 0 or -1 (v->err, v->err_line). */
int audit_verifier_accept(struct audit_verifier *v, const struct audit_line *l);

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
