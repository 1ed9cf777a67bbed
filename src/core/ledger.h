/*
 * The audit ledger (spec/ledger.md): one canonical compact record per
 * session, chained.
 *
 *   {"sequence":N,"prev_chain":null|"<hex64>","session_id":"<id>",
 *    "session_digest":"<hex64>","completed_at":"<string>",
 *    "chain_hash":"<hex64>"}
 *
 *   chain_hash = SHA256(SEP_LEDGER || prev || compact(L)),
 *   L = {"sequence":N,"session_id":..,"session_digest":..,"completed_at":..}
 *   prev = previous chain_hash, or 32 zero bytes for the first record.
 */
#ifndef NONO_LEDGER_H
#define NONO_LEDGER_H

#include "lines.h"
#include "nbuf.h"

#include <stddef.h>
#include <stdint.h>

/* Longest ledger line (without '\n'). */
#define LEDGER_LINE_MAX ((size_t)64 << 10)

struct ledger_record {
	uint64_t sequence;
	int has_prev;
	uint8_t prev[32];
	const uint8_t *session_id;   /* in the line; [A-Za-z0-9_-]{1,64} */
	size_t session_id_len;
	uint8_t digest[32];
	const uint8_t *completed_at; /* canonical escaped string content */
	size_t completed_at_len;
	uint8_t chain[32];
};

/* Parses a line (no '\n'). Returns 0, or -1 with *why. */
/*@ requires \valid_read(line + (0 .. n - 1));
    requires \valid(r) && \valid(why);
    requires \separated(r, why, line + (0 .. n - 1));
    assigns *r, *why;
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==>
      \valid_read(r->session_id + (0 .. r->session_id_len - 1)) &&
      \valid_read(r->completed_at + (0 .. r->completed_at_len - 1));
 */
int ledger_record_parse(const uint8_t *line, size_t n,
			struct ledger_record *r, const char **why);

/* The chain hash of a record. completed_at is given either as raw UTF-8
 * (escaped == 0) or as canonical escaped string content (escaped == 1).
 * -1 when L would exceed LEDGER_LINE_MAX. */
/*@ requires prev == \null || \valid_read(prev + (0 .. 31));
    requires \valid_read(session_id + (0 .. session_id_len - 1));
    requires \valid_read(digest + (0 .. 31));
    requires \valid_read(completed_at + (0 .. completed_at_len - 1));
    requires \valid(out + (0 .. 31));
    assigns out[0 .. 31];
    ensures \result == 0 || \result == -1;
 */
int ledger_chain(const uint8_t *prev, uint64_t sequence,
		  const char *session_id, size_t session_id_len,
		  const uint8_t digest[32], const uint8_t *completed_at,
		  size_t completed_at_len, int escaped, uint8_t out[32]);

/* Appends the record line with its '\n'. Returns 0, or -1 with nothing
 * appended (invalid session id, completed_at not UTF-8, line too long or
 * no room). */
/*@ requires nbuf_valid(out);
    requires prev == \null || \valid_read(prev + (0 .. 31));
    requires \valid_read(session_id + (0 .. session_id_len - 1));
    requires \valid_read(digest + (0 .. 31));
    requires \valid_read(completed_at + (0 .. completed_at_len - 1));
    requires \valid(chain_out + (0 .. 31));
    requires prev == \null ||
             \separated(prev + (0 .. 31), out->p + (0 .. out->cap - 1), out);
    requires \separated((const uint8_t *)session_id + (0 .. session_id_len - 1),
                         out->p + (0 .. out->cap - 1), out);
    requires \separated(digest + (0 .. 31), out->p + (0 .. out->cap - 1), out);
    requires \separated((const uint8_t *)completed_at + (0 .. completed_at_len - 1),
                         out->p + (0 .. out->cap - 1), out);
    requires \separated(chain_out + (0 .. 31), out->p + (0 .. out->cap - 1), out);
    assigns out->len, out->p[out->len .. out->cap - 1], chain_out[0 .. 31];
    ensures nbuf_valid(out);
    ensures \result == 0 || \result == -1;
    ensures \result == -1 ==> out->len == \old(out->len);
    ensures \result == 0 ==> \old(out->len) < out->len &&
              out->len - \old(out->len) <= LEDGER_LINE_MAX + 1 &&
              out->p[out->len - 1] == '\n';
 */
int ledger_record_write(struct nbuf *out, uint64_t sequence,
			const uint8_t *prev, const char *session_id,
			size_t session_id_len, const uint8_t digest[32],
			const char *completed_at, size_t completed_at_len,
			uint8_t chain_out[32]);

/* ---- streaming verification ---- */

enum ledger_verr {
	LV_OK = 0, LV_PARSE, LV_SEQUENCE, LV_PREV, LV_CHAIN, LV_TOO_LONG,
	LV_EMPTY_LINE, LV_INCOMPLETE,
};

struct ledger_verifier {
	struct lines lines;
	uint64_t count;
	uint8_t head[32];
	const char *session_id;      /* the session looked for */
	uint8_t expected[32];        /* its expected digest */
	int session_found;
	int digest_matches;
	int err;
	uint64_t err_line;
	const char *detail;
};

/* buf must hold at least LEDGER_LINE_MAX bytes. */
/*@ requires \valid(v);
    requires \valid_read(expected + (0 .. 31));
    requires \separated(v, expected + (0 .. 31));
    assigns *v;
 */
void ledger_verifier_init(struct ledger_verifier *v, uint8_t *buf, size_t cap,
			  const char *session_id, const uint8_t expected[32]);
/*@ requires \valid(v);
    assigns *v;
    ensures \result == 0 || \result == -1;
 */
int ledger_verifier_push(struct ledger_verifier *v, const uint8_t *data,
			 size_t n);
/*@ requires \valid(v);
    assigns *v;
    ensures \result == 0 || \result == -1;
 */
int ledger_verifier_finish(struct ledger_verifier *v);

#endif
