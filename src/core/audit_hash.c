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

/* SHA256(sep || a || b) for two 32-byte values, into out (which may
 * alias a or b: the message is assembled first). */
/*@ requires 1 <= seplen <= 24;
    requires \valid_read(sep + (0 .. seplen - 1));
    requires \valid_read(a + (0 .. 31)) && \valid_read(b + (0 .. 31));
    requires \valid(out + (0 .. 31));
    assigns out[0 .. 31];
 */
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

/*@ requires \valid_read(m);
    requires \valid_read(l + (0 .. 31)) && \valid_read(r + (0 .. 31));
    requires \valid(out + (0 .. 31));
    assigns out[0 .. 31];
 */
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
	/*@ loop invariant 0 <= m->depth <= \at(m->depth, Pre);
	    loop assigns c, m->depth, h[0 .. 31];
	    loop variant m->depth;
	 */
	while (c % 2 == 1 && m->depth > 0) {
		node(m, m->stack[m->depth - 1], h, h);
		m->depth--;
		c /= 2;
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
	/*@ loop invariant 0 <= i <= n;
	    loop invariant merkle_ok(&m);
	    loop assigns i, m.count, m.depth,
	                 m.stack[0 .. MERKLE_MAX_HEIGHT - 1][0 .. 31];
	    loop variant n - i;
	 */
	for (size_t i = 0; i < n; i++)
		(void)merkle_push(&m, leaves[i]);
	merkle_root_out(&m, out);
}

/* Largest power of two strictly below n (n >= 2). */
/*@ requires n >= 2;
    assigns \nothing;
    ensures 1 <= \result < n;
 */
static size_t split_point(size_t n)
{
	size_t k = 1;

	/*@ loop invariant 1 <= k < n;
	    loop assigns k;
	    loop variant n - k;
	 */
	while (k < n - k)
		k *= 2;
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
	/*@ loop invariant 1 <= len && lo + len <= n;
	    loop invariant i < len;
	    loop invariant k <= MERKLE_MAX_HEIGHT;
	    loop assigns lo, len, i, k, dir[0 .. MERKLE_MAX_HEIGHT - 1],
	                 sib[0 .. MERKLE_MAX_HEIGHT - 1][0 .. 31];
	    loop variant len;
	 */
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
	/*@ loop invariant 0 <= j <= k;
	    loop assigns j, p->dir[0 .. MERKLE_MAX_HEIGHT - 1],
	                 p->sib[0 .. MERKLE_MAX_HEIGHT - 1][0 .. 31];
	    loop variant k - j;
	 */
	for (unsigned j = 0; j < k; j++) {
		p->dir[j] = dir[k - 1 - j];
		memcpy(p->sib[j], sib[k - 1 - j], 32);
	}
	return 0;
}

/* 1 when a[0..32) == b[0..32). (A loop rather than memcmp: Frama-C's
 * memcmp contract asks for non-dangling pointers, which WP cannot
 * discharge; the compiler turns this into the same comparison.) */
/*@ requires \valid_read(a + (0 .. 31)) && \valid_read(b + (0 .. 31));
    assigns \nothing;
    ensures \result == 1 <==> (\forall integer k; 0 <= k < 32 ==> a[k] == b[k]);
    ensures \result == 0 || \result == 1;
 */
static int same32(const uint8_t *a, const uint8_t *b)
{
	/*@ loop invariant 0 <= k <= 32;
	    loop invariant \forall integer j; 0 <= j < k ==> a[j] == b[j];
	    loop assigns k;
	    loop variant 32 - k;
	 */
	for (size_t k = 0; k < 32; k++)
		if (a[k] != b[k])
			return 0;
	return 1;
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
		int expect = idx % 2 ? MERKLE_LEFT
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
		w = w / 2 + w % 2;
	}
	if (used != p->nsib)
		return -1;
	return same32(h, p->merkle_root) ? 0 : -1;
}
