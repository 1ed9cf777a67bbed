/*
 * Audit hashes (spec/audit-log.md §4): leaf, rolling chain, Merkle tree
 * and inclusion proofs. All SHA-256, each with its domain separator.
 */
#ifndef NONO_AUDIT_HASH_H
#define NONO_AUDIT_HASH_H

#include <stddef.h>
#include <stdint.h>

#define AUDIT_SEP_EVENT "nono.audit.event.alpha\n"
#define AUDIT_SEP_CHAIN "nono.audit.chain.alpha\n"
#define AUDIT_SEP_MERKLE "nono.audit.merkle.alpha\n"
#define AUDIT_SEP_SESSION "nono.audit.session-digest.alpha\n"
#define AUDIT_SEP_LEDGER "nono.audit.ledger.chain.alpha\n"

/* Maximum tree height: 2^64 leaves. */
#define MERKLE_MAX_HEIGHT 64

/* leaf = SHA256(SEP_EVENT || event_json) */
/*@ requires \valid_read(ev + (0 .. n - 1));
    requires \valid(out + (0 .. 31));
    assigns out[0 .. 31];
 */
void audit_leaf(const uint8_t *ev, size_t n, uint8_t out[32]);

/* chain = SHA256(SEP_CHAIN || prev || leaf); prev NULL means 32 zeros
 * (the genesis rule). out may alias prev. */
/*@ requires prev == \null || \valid_read(prev + (0 .. 31));
    requires \valid_read(leaf + (0 .. 31));
    requires \valid(out + (0 .. 31));
    assigns out[0 .. 31];
 */
void audit_chain_step(const uint8_t *prev, const uint8_t leaf[32],
		      uint8_t out[32]);

/* node = SHA256(SEP_MERKLE || left || right). out may alias either. */
/*@ requires \valid_read(l + (0 .. 31)) && \valid_read(r + (0 .. 31));
    requires \valid(out + (0 .. 31));
    assigns out[0 .. 31];
 */
void audit_node(const uint8_t l[32], const uint8_t r[32], uint8_t out[32]);

/*
 * Streaming Merkle root in O(log n) memory: stack[k] holds the roots of
 * the perfect subtrees of the leaves seen so far, largest first; their
 * sizes are the set bits of count, so depth == popcount(count).
 */
enum merkle_kind { MERKLE_AUDIT = 0, MERKLE_FS = 1 };

struct merkle_stream {
	int kind;          /* which node hash: audit_node or fs_merkle_node */
	uint64_t count;
	unsigned depth;
	uint8_t stack[MERKLE_MAX_HEIGHT][32];
};

/*@ predicate merkle_ok(struct merkle_stream *m) =
      \valid(m) && m->depth <= MERKLE_MAX_HEIGHT;
 */

/*@ requires \valid(m);
    assigns m->kind, m->count, m->depth;
    ensures merkle_ok(m) && m->count == 0 && m->depth == 0;
    ensures m->kind == MERKLE_AUDIT;
 */
void merkle_init(struct merkle_stream *m);
/* Same, for the filesystem tree (fs_merkle.h). */
/*@ requires \valid(m);
    requires kind == MERKLE_AUDIT || kind == MERKLE_FS;
    assigns m->kind, m->count, m->depth;
    ensures merkle_ok(m) && m->count == 0 && m->depth == 0;
    ensures m->kind == kind;
 */
void merkle_init_kind(struct merkle_stream *m, enum merkle_kind kind);

/* Adds a leaf. Returns -1 (nothing changed) after 2^64-1 leaves. */
/*@ requires merkle_ok(m);
    requires \valid_read(leaf + (0 .. 31));
    requires \separated(leaf + (0 .. 31), m);
    assigns m->count, m->depth, m->stack[0 .. MERKLE_MAX_HEIGHT - 1][0 .. 31];
    ensures merkle_ok(m);
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> m->count == \old(m->count) + 1;
    ensures \result == -1 ==> m->count == \old(m->count);
 */
int merkle_push(struct merkle_stream *m, const uint8_t leaf[32]);

/* The root of the leaves pushed so far: SHA256("") for none, the leaf
 * itself for one; otherwise odd nodes are promoted unchanged. */
/*@ requires merkle_ok(m);
    requires \valid(out + (0 .. 31));
    requires \separated(out + (0 .. 31), m);
    assigns out[0 .. 31];
 */
void merkle_root_out(const struct merkle_stream *m, uint8_t out[32]);

/* Root of leaves[0..n) (array form of the above). */
/*@ requires \valid_read(leaves + (0 .. n - 1));
    requires \valid(out + (0 .. 31));
    assigns out[0 .. 31];
 */
void merkle_root(const uint8_t (*leaves)[32], size_t n, uint8_t out[32]);

/* ---- inclusion proofs ---- */

enum { MERKLE_LEFT = 0, MERKLE_RIGHT = 1 };

struct merkle_proof {
	uint64_t leaf_index;
	uint64_t leaf_count;
	uint8_t leaf_hash[32];
	uint8_t merkle_root[32];
	unsigned nsib;
	uint8_t dir[MERKLE_MAX_HEIGHT];
	uint8_t sib[MERKLE_MAX_HEIGHT][32];
};

/* Builds the proof for leaves[index] (index < n). -1 on bad index. */
/*@ requires \valid_read(leaves + (0 .. n - 1));
    requires \valid(p);
    requires \separated(p, leaves + (0 .. n - 1));
    assigns *p;
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> p->nsib <= MERKLE_MAX_HEIGHT;
 */
int merkle_prove(const uint8_t (*leaves)[32], size_t n, size_t index,
		 struct merkle_proof *p);

/* nono's rule (spec/audit-log.md §4.5). Returns 0 when the proof is well
 * formed and leads from leaf_hash to merkle_root, else -1. The root is
 * the proof's own claim: callers compare it with a trusted root. */
/*@ requires \valid_read(p);
    requires p->nsib <= MERKLE_MAX_HEIGHT;
    assigns \nothing;
    ensures \result == 0 || \result == -1;
 */
int merkle_verify(const struct merkle_proof *p);

#endif
