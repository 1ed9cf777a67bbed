#include "der.h"

int p256_scalar_valid(const uint8_t v[32])
{
	/* n; a local table, so that the proof assumes nothing about where
	 * v points (a global would need v separated from it) */
	const uint8_t order[32] = {
		0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17,
		0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
	};
	int nonzero = 0, lt = 0, decided = 0;

	/*@ assert \forall integer k; 0 <= k < 32 ==> order[k] == p256_n(k); */
	/*@ loop invariant 0 <= i <= 32;
	    loop invariant nonzero == 0 || nonzero == 1;
	    loop invariant lt == 0 || lt == 1;
	    loop invariant decided == 0 || decided == 1;
	    loop invariant nonzero == 0 <==>
	        \forall integer k; 0 <= k < i ==> v[k] == 0;
	    loop invariant nonzero == 1 ==>
	        \exists integer j; 0 <= j < i &&
	          (\forall integer k; 0 <= k < j ==> v[k] == 0) && v[j] != 0;
	    loop invariant decided == 0 ==>
	        \forall integer k; 0 <= k < i ==> v[k] == p256_n(k);
	    loop invariant decided == 0 ==> lt == 0;
	    loop invariant decided == 1 ==>
	        \exists integer j; 0 <= j < i &&
	          (\forall integer k; 0 <= k < j ==> v[k] == p256_n(k)) &&
	          v[j] != p256_n(j) &&
	          (lt == 1 <==> v[j] < p256_n(j));
	    loop assigns i, nonzero, lt, decided;
	    loop variant 32 - i;
	 */
	for (int i = 0; i < 32; i++) {
		nonzero |= v[i] != 0;
		if (!decided && v[i] != order[i]) {
			lt = v[i] < order[i];
			decided = 1;
		}
	}
	return nonzero && lt;
}

/* out = src[0..len) as a 32-byte big-endian number (zeros in front). */
/*@ requires len <= 32;
    requires \valid(out + (0 .. 31)) && \valid_read(src + (0 .. len - 1));
    requires \separated(out + (0 .. 31), src + (0 .. len - 1));
    assigns out[0 .. 31];
 */
static void put_be32(uint8_t out[32], const uint8_t *src, size_t len)
{
	/*@ loop invariant 0 <= k <= 32 - len;
	    loop assigns k, out[0 .. 31 - len];
	    loop variant 32 - len - k;
	 */
	for (size_t k = 0; k < 32 - len; k++)
		out[k] = 0;
	/*@ loop invariant 0 <= k <= len;
	    loop assigns k, out[32 - len .. 31];
	    loop variant len - k;
	 */
	for (size_t k = 0; k < len; k++)
		out[32 - len + k] = src[k];
}

/* One DER INTEGER at der[*i], minimal, positive, 1 <= v < n; into out
 * (big-endian, 32 bytes). Advances *i past it. 0 or -1. */
/*@ requires n <= P256_SIG_DER_MAX;
    requires \valid(i) && *i <= n;
    requires \valid_read(der + (0 .. n - 1));
    requires \valid(out + (0 .. 31));
    requires \separated(i, der + (0 .. n - 1), out + (0 .. 31));
    assigns *i, out[0 .. 31];
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> \old(*i) < *i <= n && scalar_ok(out);
 */
static int der_int(const uint8_t *der, size_t n, size_t *i, uint8_t out[32])
{
	size_t p = *i, len;

	if (n - p < 2 || der[p] != 0x02)
		return -1;
	len = der[p + 1];
	p += 2;
	if (len == 0 || len > 33 || len > n - p)
		return -1;
	if (der[p] >= 0x80)
		return -1; /* negative */
	if (der[p] == 0 && len > 1 && der[p + 1] < 0x80)
		return -1; /* non-minimal leading zero */
	if (der[p] == 0 && len > 1) {
		p++;
		len--;
	}
	if (len > 32)
		return -1;
	put_be32(out, der + p, len);
	*i = p + len;
	return p256_scalar_valid(out) ? 0 : -1;
}

/* dst = src (32 bytes). */
/*@ requires \valid(dst + (0 .. 31)) && \valid_read(src + (0 .. 31));
    requires \separated(dst + (0 .. 31), src + (0 .. 31));
    assigns dst[0 .. 31];
    ensures \forall integer k; 0 <= k < 32 ==> dst[k] == \old(src[k]);
 */
static void copy32(uint8_t *dst, const uint8_t *src)
{
	/*@ loop invariant 0 <= k <= 32;
	    loop invariant \forall integer j; 0 <= j < k ==>
	        dst[j] == \at(src[j], Pre);
	    loop assigns k, dst[0 .. 31];
	    loop variant 32 - k;
	 */
	for (size_t k = 0; k < 32; k++)
		dst[k] = src[k];
}

int p256_sig_der_decode(const uint8_t *der, size_t n, uint8_t rs[64])
{
	size_t i = 2;
	uint8_t r[32], s[32];

	/* SEQUENCE with a short-form length (content <= 70 bytes here) */
	if (n < 8 || n > P256_SIG_DER_MAX || der[0] != 0x30 ||
	    der[1] >= 0x80 || (size_t)der[1] != n - 2)
		return -1;
	if (der_int(der, n, &i, r) < 0 || der_int(der, n, &i, s) < 0 ||
	    i != n)
		return -1;
	copy32(rs, r);
	copy32(rs + 32, s);
	return 0;
}

/* 1 when d[0..26) is the SPKI prefix, else 0. */
/*@ requires \valid_read(d + (0 .. 25));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==>
              \forall integer k; 0 <= k < 26 ==> d[k] == spki_prefix_byte(k);
 */
static int spki_prefix(const uint8_t *d)
{
	/* P256_SPKI_PREFIX (p256.c); local for the same reason as order */
	const uint8_t prefix[26] = {
		0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d,
		0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01,
		0x07, 0x03, 0x42, 0x00,
	};

	/*@ assert \forall integer k; 0 <= k < 26 ==> prefix[k] == spki_prefix_byte(k); */
	/*@ loop invariant 0 <= k <= 26;
	    loop invariant \forall integer j; 0 <= j < k ==>
	        d[j] == spki_prefix_byte(j);
	    loop assigns k;
	    loop variant 26 - k;
	 */
	for (size_t k = 0; k < 26; k++)
		if (d[k] != prefix[k])
			return 0;
	return 1;
}

int p256_spki_parse(const uint8_t *der, size_t n, const char **why)
{
	if (n != P256_SPKI_LEN) {
		*why = n > P256_SPKI_LEN && n > 26 && spki_prefix(der)
			       ? "trailing data after the public key"
			       : "not an ECDSA P-256 SubjectPublicKeyInfo";
		return -1;
	}
	if (!spki_prefix(der)) {
		*why = "not an ECDSA P-256 SubjectPublicKeyInfo";
		return -1;
	}
	if (der[26] != 0x04) {
		*why = "compressed or invalid EC point";
		return -1;
	}
	return 0;
}

int der_one_sequence(const uint8_t *der, size_t n)
{
	size_t len, hdr;

	if (n < 2 || der[0] != 0x30)
		return 0;
	if (der[1] < 0x80) {
		len = der[1];
		hdr = 2;
	} else if (der[1] == 0x81 && n >= 3 && der[2] >= 0x80) {
		len = der[2];
		hdr = 3;
	} else if (der[1] == 0x82 && n >= 4 && der[2] != 0) {
		len = (size_t)der[2] * 256 + der[3];
		hdr = 4;
	} else {
		return 0;
	}
	return len == n - hdr;
}
