/*
 * SHA-256 block function on the x86 SHA extensions.
 *
 * The state is kept in the two registers the instructions want:
 * ABEF and CDGH. Each group of four rounds adds K[4i..4i+3] to the
 * message words W[4i..4i+3] and runs sha256rnds2 twice. Words 16..63 are
 * derived four at a time:
 *   W[t..t+3] = msg2(msg1(W[t-16..t-13], W[t-12..t-9]) + W[t-7..t-4],
 *                    W[t-4..t-1])
 * which is FIPS 180-4's schedule: msg1 adds sigma0, the alignr supplies
 * W[t-7], msg2 adds sigma1.
 *
 * On other architectures this file provides a stub that reports "no".
 */
#include <stddef.h>
#include <stdint.h>

int sha256_ni_cpu(void);
void sha256_ni_blocks(uint32_t h[8], const uint8_t *data, size_t nblocks);

#if defined(__x86_64__) && !defined(__FRAMAC__)
#include <cpuid.h>
#include <immintrin.h>

int sha256_ni_cpu(void)
{
	unsigned a, b, c, d;

	if (!__get_cpuid(1, &a, &b, &c, &d))
		return 0;
	if (!(c & bit_SSSE3) || !(c & bit_SSE4_1))
		return 0;
	if (__get_cpuid_max(0, 0) < 7)
		return 0;
	__cpuid_count(7, 0, a, b, c, d);
	return (b & (1u << 29)) != 0; /* CPUID.7.0:EBX.SHA */
}

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

__attribute__((target("sha,sse4.1,ssse3"))) void
sha256_ni_blocks(uint32_t h[8], const uint8_t *data, size_t nblocks)
{
	const __m128i bswap =
		_mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
	__m128i s0, s1, t, abef, cdgh, w[4];

	t = _mm_loadu_si128((const __m128i *)(const void *)&h[0]);
	s1 = _mm_loadu_si128((const __m128i *)(const void *)&h[4]);
	t = _mm_shuffle_epi32(t, 0xB1);      /* CDAB */
	s1 = _mm_shuffle_epi32(s1, 0x1B);    /* EFGH */
	s0 = _mm_alignr_epi8(t, s1, 8);      /* ABEF */
	s1 = _mm_blend_epi16(s1, t, 0xF0);   /* CDGH */

	while (nblocks--) {
		abef = s0;
		cdgh = s1;
		for (int i = 0; i < 16; i++) {
			__m128i m;
			if (i < 4) {
				m = _mm_loadu_si128(
					(const __m128i *)(const void *)(data +
									16 * i));
				m = _mm_shuffle_epi8(m, bswap);
			} else {
				__m128i a = w[(i - 4) & 3], b = w[(i - 3) & 3];
				__m128i c = w[(i - 2) & 3], d = w[(i - 1) & 3];
				m = _mm_sha256msg1_epu32(a, b);
				m = _mm_add_epi32(m, _mm_alignr_epi8(d, c, 4));
				m = _mm_sha256msg2_epu32(m, d);
			}
			w[i & 3] = m;
			t = _mm_add_epi32(
				m, _mm_loadu_si128((const __m128i *)(const void *)&K[4 * i]));
			s1 = _mm_sha256rnds2_epu32(s1, s0, t);
			t = _mm_shuffle_epi32(t, 0x0E);
			s0 = _mm_sha256rnds2_epu32(s0, s1, t);
		}
		s0 = _mm_add_epi32(s0, abef);
		s1 = _mm_add_epi32(s1, cdgh);
		data += 64;
	}

	t = _mm_shuffle_epi32(s0, 0x1B);     /* FEBA */
	s1 = _mm_shuffle_epi32(s1, 0xB1);    /* DCHG */
	s0 = _mm_blend_epi16(t, s1, 0xF0);   /* DCBA */
	s1 = _mm_alignr_epi8(s1, t, 8);      /* HGFE */
	_mm_storeu_si128((__m128i *)(void *)&h[0], s0);
	_mm_storeu_si128((__m128i *)(void *)&h[4], s1);
}

#else

int sha256_ni_cpu(void)
{
	return 0;
}

void sha256_ni_blocks(uint32_t h[8], const uint8_t *data, size_t nblocks)
{
	(void)h;
	(void)data;
	(void)nblocks;
}

#endif
