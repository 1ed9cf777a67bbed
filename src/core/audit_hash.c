#include "audit_hash.h"

#include "fs_merkle.h"
#include "sha256.h"

#include <string.h>

static const uint8_t ZERO[32];

void audit_leaf(const uint8_t *ev, size_t n, uint8_t out[32])
{
	struct sha256 c;

	sha256_init(&c);
	sha256_update(&c, AUDIT_SEP_EVENT, sizeof AUDIT_SEP_EVENT - 1);
	sha256_update(&c, ev, n);
	sha256_out(&c, out);
}

/* SHA256(sep || a || b) for two 32-byte values, into out. */
static void hash_pair(const char *sep, size_t seplen, const uint8_t *a,
		      const uint8_t *b, uint8_t out[32])
{
	uint8_t m[24 + 64];

	memcpy(m, sep, seplen);
	memcpy(m + seplen, a, 32);
	memcpy(m + seplen + 32, b, 32);
	sha256(m, seplen + 64, out);
}

void audit_chain_step(const uint8_t *prev, const uint8_t leaf[32],
		      uint8_t out[32])
{
	hash_pair(AUDIT_SEP_CHAIN, sizeof AUDIT_SEP_CHAIN - 1,
		  prev ? prev : ZERO, leaf, out);
}

void audit_node(const uint8_t l[32], const uint8_t r[32], uint8_t out[32])
{
	hash_pair(AUDIT_SEP_MERKLE, sizeof AUDIT_SEP_MERKLE - 1, l, r, out);
}

void merkle_init_kind(struct merkle_stream *m, enum merkle_kind kind)
{
	m->kind = kind;
	m->count = 0;
	m->depth = 0;
}

void merkle_init(struct merkle_stream *m)
{
	merkle_init_kind(m, MERKLE_AUDIT);
}

static void node(const struct merkle_stream *m, const uint8_t l[32],
		 const uint8_t r[32], uint8_t out[32])
{
	if (m->kind == MERKLE_FS)
		fs_merkle_node(l, r, out);
	else
		audit_node(l, r, out);
}

int merkle_push(struct merkle_stream *m, const uint8_t leaf[32])
{
	uint8_t h[32];
	uint64_t c = m->count;

	if (c == UINT64_MAX)
		return -1;
	memcpy(h, leaf, 32);
	/* Each trailing 1 bit of count is a perfect subtree of the same
	 * size as the one being carried: merge them, like binary +1. */
	/*@ loop invariant 0 <= m->depth <= MERKLE_MAX_HEIGHT;
	    loop assigns c, m->depth, h[0 .. 31];
	    loop variant m->depth;
	 */
	while ((c & 1) && m->depth > 0) {
		node(m, m->stack[m->depth - 1], h, h);
		m->depth--;
		c >>= 1;
	}
	if (m->depth >= MERKLE_MAX_HEIGHT)
		return -1; /* unreachable: depth == popcount(count) < 64 */
	memcpy(m->stack[m->depth], h, 32);
	m->depth++;
	m->count++;
	return 0;
}

void merkle_root_out(const struct merkle_stream *m, uint8_t out[32])
{
	uint8_t h[32];

	if (m->depth == 0) {
		sha256("", 0, out);
		return;
	}
	/* Fold right to left: the smaller right subtrees were promoted
	 * until they met a left sibling of their own height. */
	memcpy(h, m->stack[m->depth - 1], 32);
	/*@ loop invariant 0 <= k <= m->depth - 1;
	    loop assigns k, h[0 .. 31];
	    loop variant k;
	 */
	for (unsigned k = m->depth - 1; k > 0; k--)
		node(m, m->stack[k - 1], h, h);
	memcpy(out, h, 32);
}

void merkle_root(const uint8_t (*leaves)[32], size_t n, uint8_t out[32])
{
	struct merkle_stream m;

	merkle_init(&m);
	for (size_t i = 0; i < n; i++)
		(void)merkle_push(&m, leaves[i]);
	merkle_root_out(&m, out);
}

/* Largest power of two strictly below n (n >= 2). */
static size_t split_point(size_t n)
{
	size_t k = 1;

	while (k < n - k)
		k <<= 1;
	return k;
}

/* Siblings are collected top-down, then reversed into bottom-up order.
 * The tree over [lo, lo+n) splits at the largest power of two below n,
 * which is exactly the shape of bottom-up pairing with promotion. */
int merkle_prove(const uint8_t (*leaves)[32], size_t n, size_t index,
		 struct merkle_proof *p)
{
	uint8_t dir[MERKLE_MAX_HEIGHT];
	uint8_t sib[MERKLE_MAX_HEIGHT][32];
	size_t lo = 0, len = n, i = index;
	unsigned k = 0;

	if (n == 0 || index >= n)
		return -1;
	while (len > 1) {
		size_t s = split_point(len);
		if (k >= MERKLE_MAX_HEIGHT)
			return -1;
		if (i < s) {
			dir[k] = MERKLE_RIGHT;
			merkle_root(leaves + lo + s, len - s, sib[k]);
			len = s;
		} else {
			dir[k] = MERKLE_LEFT;
			merkle_root(leaves + lo, s, sib[k]);
			lo += s;
			i -= s;
			len -= s;
		}
		k++;
	}
	p->leaf_index = index;
	p->leaf_count = n;
	memcpy(p->leaf_hash, leaves[index], 32);
	merkle_root(leaves, n, p->merkle_root);
	p->nsib = k;
	for (unsigned j = 0; j < k; j++) {
		p->dir[j] = dir[k - 1 - j];
		memcpy(p->sib[j], sib[k - 1 - j], 32);
	}
	return 0;
}

int merkle_verify(const struct merkle_proof *p)
{
	uint8_t h[32];
	uint64_t idx = p->leaf_index, w = p->leaf_count;
	unsigned used = 0;

	if (w == 0 || idx >= w)
		return -1;
	memcpy(h, p->leaf_hash, 32);
	/*@ loop invariant 0 <= used <= p->nsib;
	    loop invariant idx < w;
	    loop assigns idx, w, used, h[0 .. 31];
	    loop variant w;
	 */
	while (w > 1) {
		int expect = (idx & 1) ? MERKLE_LEFT
			     : (idx + 1 < w) ? MERKLE_RIGHT
					     : -1;
		if (expect >= 0) {
			if (used >= p->nsib || p->dir[used] != expect)
				return -1;
			if (expect == MERKLE_LEFT)
				audit_node(p->sib[used], h, h);
			else
				audit_node(h, p->sib[used], h);
			used++;
		}
		idx /= 2;
		w = w / 2 + (w & 1);
	}
	if (used != p->nsib)
		return -1;
	return memcmp(h, p->merkle_root, 32) == 0 ? 0 : -1;
}
