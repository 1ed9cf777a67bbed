/*
 * Inclusion proofs as JSON (spec/audit-log.md §4.5):
 *   {"leaf_index":u64,"leaf_count":u64,"leaf_hash":hex64,"merkle_root":hex64,
 *    "siblings":[{"direction":"left"|"right","hash":hex64},...]}
 * Written compact in this order; read strictly (any key order, no unknown
 * or missing keys, lower-case hex, at most MERKLE_MAX_HEIGHT siblings).
 */
#ifndef NONO_MERKLE_PROOF_JSON_H
#define NONO_MERKLE_PROOF_JSON_H

#include "audit_hash.h"
#include "json_read.h"
#include "json_write.h"

void merkle_proof_write(struct jw *w, const struct merkle_proof *p);

/* Parses js[0..n); tok must hold json_tokens_for(n) entries. Returns 0,
 * or -1 with *why. */
int merkle_proof_parse(const uint8_t *js, size_t n, jsmntok_t *tok,
		       unsigned cap, struct merkle_proof *p, const char **why);

#endif
