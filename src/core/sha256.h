/*
 * SHA-256 with two interchangeable engines behind one context:
 *   - "generic": BearSSL's br_sha256 (portable C);
 *   - "ni": the x86 SHA extensions (sha256rnds2/msg1/msg2), used when the
 *     CPU reports them at run time.
 * sha256_init picks the engine once per context. Both engines produce the
 * same digest for every input (tests/unit/test_sha256.c checks this on all
 * vectors and on random inputs of every length 0..4096).
 *
 * The functions are total: any pointer/length pair that is readable is a
 * valid input. They are outside the WP proof (BearSSL and compiler
 * intrinsics); their contracts below are assumed by the proofs that call
 * them.
 */
#ifndef NONO_SHA256_H
#define NONO_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN 32

enum sha256_engine { SHA256_GENERIC = 0, SHA256_NI = 1 };

struct sha256 {
	int engine;
	uint64_t count;        /* bytes absorbed */
	uint32_t h[8];         /* NI engine state */
	uint8_t buf[64];       /* NI engine partial block */
	uint64_t br[16];       /* BearSSL context storage (see sha256.c) */
};

/* 1 when this CPU has the SHA extensions (and SSE4.1/SSSE3). */
int sha256_ni_available(void);

/*@ requires \valid(c);
    assigns *c;
 */
void sha256_init(struct sha256 *c);

/* Force an engine (tests and benchmarks). Returns -1 if unavailable. */
/*@ requires \valid(c);
    assigns *c;
 */
int sha256_init_engine(struct sha256 *c, enum sha256_engine e);

/*@ requires \valid(c);
    requires \valid_read((const uint8_t *)data + (0 .. n - 1));
    assigns *c;
 */
void sha256_update(struct sha256 *c, const void *data, size_t n);

/*@ requires \valid_read(c);
    requires \valid(out + (0 .. 31));
    requires \separated(c, out + (0 .. 31));
    assigns out[0 .. 31];
 */
void sha256_out(const struct sha256 *c, uint8_t out[32]);

/*@ requires \valid_read((const uint8_t *)data + (0 .. n - 1));
    requires \valid(out + (0 .. 31));
    assigns out[0 .. 31];
 */
void sha256(const void *data, size_t n, uint8_t out[32]);

#endif
