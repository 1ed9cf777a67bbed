/*
 * SHA-256 engine selection and the NI engine's buffering. The BearSSL
 * engine keeps its own br_sha256_context inside struct sha256's opaque
 * storage; the NI engine keeps h[], buf[] and count.
 */
#include "sha256.h"

#include <bearssl.h>
#include <string.h>

_Static_assert(sizeof(br_sha256_context) <= sizeof(((struct sha256 *)0)->br),
	       "struct sha256 too small for br_sha256_context");
_Static_assert(_Alignof(br_sha256_context) <= _Alignof(uint64_t),
	       "br_sha256_context alignment");

/* Provided by sha256_ni.c: process nblocks 64-byte blocks. */
void sha256_ni_blocks(uint32_t h[8], const uint8_t *data, size_t nblocks);
int sha256_ni_cpu(void);

static const uint32_t IV[8] = {
	0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

static int ni_state = -1; /* -1 unknown, 0 no, 1 yes */

int sha256_ni_available(void)
{
	if (ni_state < 0)
		ni_state = sha256_ni_cpu();
	return ni_state;
}

static br_sha256_context *br_ctx(struct sha256 *c)
{
	return (br_sha256_context *)(void *)c->br;
}

int sha256_init_engine(struct sha256 *c, enum sha256_engine e)
{
	if (e == SHA256_NI) {
		if (!sha256_ni_available())
			return -1;
		c->engine = SHA256_NI;
		memcpy(c->h, IV, sizeof IV);
		c->count = 0;
		return 0;
	}
	c->engine = SHA256_GENERIC;
	br_sha256_init(br_ctx(c));
	return 0;
}

void sha256_init(struct sha256 *c)
{
	(void)sha256_init_engine(c, sha256_ni_available() ? SHA256_NI
							   : SHA256_GENERIC);
}

void sha256_update(struct sha256 *c, const void *data, size_t n)
{
	const uint8_t *p = data;
	size_t used, take;

	if (c->engine != SHA256_NI) {
		br_sha256_update(br_ctx(c), data, n);
		return;
	}
	used = (size_t)(c->count & 63);
	c->count += n;
	if (used) {
		take = 64 - used;
		if (take > n)
			take = n;
		memcpy(c->buf + used, p, take);
		p += take;
		n -= take;
		if (used + take < 64)
			return;
		sha256_ni_blocks(c->h, c->buf, 1);
	}
	if (n >= 64) {
		sha256_ni_blocks(c->h, p, n / 64);
		p += n & ~(size_t)63;
		n &= 63;
	}
	if (n)
		memcpy(c->buf, p, n);
}

void sha256_out(const struct sha256 *c, uint8_t out[32])
{
	uint8_t pad[128];
	uint32_t h[8];
	size_t used, padlen;
	uint64_t bits;

	if (c->engine != SHA256_NI) {
		br_sha256_out((const br_sha256_context *)(const void *)c->br,
			      out);
		return;
	}
	used = (size_t)(c->count & 63);
	memcpy(pad, c->buf, used);
	pad[used] = 0x80;
	padlen = used < 56 ? 64 : 128;
	memset(pad + used + 1, 0, padlen - used - 1);
	bits = c->count << 3;
	for (int i = 0; i < 8; i++)
		pad[padlen - 1 - i] = (uint8_t)(bits >> (8 * i));
	memcpy(h, c->h, sizeof h);
	sha256_ni_blocks(h, pad, padlen / 64);
	for (int i = 0; i < 8; i++) {
		out[4 * i] = (uint8_t)(h[i] >> 24);
		out[4 * i + 1] = (uint8_t)(h[i] >> 16);
		out[4 * i + 2] = (uint8_t)(h[i] >> 8);
		out[4 * i + 3] = (uint8_t)h[i];
	}
}

void sha256(const void *data, size_t n, uint8_t out[32])
{
	struct sha256 c;

	sha256_init(&c);
	sha256_update(&c, data, n);
	sha256_out(&c, out);
}
