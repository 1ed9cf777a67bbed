#include "base64.h"

static const char STD[64] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char URL[64] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

size_t base64_encoded_len(size_t n)
{
	return 4 * ((n + 2) / 3);
}

/* Value of a standard-alphabet character, or -1. */
/*@ assigns \nothing;
    ensures b64_char(c) ==> 0 <= \result <= 63;
    ensures !b64_char(c) ==> \result == -1;
 */
static int b64_value(uint8_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* Encodes with the given alphabet; pad selects '=' padding. */
static int encode(struct nbuf *out, const uint8_t *in, size_t n,
		  const char *alpha, int pad)
{
	size_t full = n / 3, rest = n % 3, need, o;
	uint8_t *p;

	need = 4 * full + (rest ? (pad ? 4 : rest + 1) : 0);
	if (need > out->cap - out->len)
		return -1;
	p = out->p + out->len;
	o = 0;
	for (size_t i = 0; i < full; i++) {
		uint32_t v = (uint32_t)in[3 * i] << 16 |
			     (uint32_t)in[3 * i + 1] << 8 | in[3 * i + 2];
		p[o++] = (uint8_t)alpha[(v >> 18) & 63];
		p[o++] = (uint8_t)alpha[(v >> 12) & 63];
		p[o++] = (uint8_t)alpha[(v >> 6) & 63];
		p[o++] = (uint8_t)alpha[v & 63];
	}
	if (rest) {
		uint32_t v = (uint32_t)in[3 * full] << 16;
		if (rest == 2)
			v |= (uint32_t)in[3 * full + 1] << 8;
		p[o++] = (uint8_t)alpha[(v >> 18) & 63];
		p[o++] = (uint8_t)alpha[(v >> 12) & 63];
		if (rest == 2)
			p[o++] = (uint8_t)alpha[(v >> 6) & 63];
		else if (pad)
			p[o++] = '=';
		if (pad)
			p[o++] = '=';
	}
	out->len += o;
	return 0;
}

int base64_encode(struct nbuf *out, const uint8_t *in, size_t n)
{
	return encode(out, in, n, STD, 1);
}

int base64url_encode(struct nbuf *out, const uint8_t *in, size_t n)
{
	return encode(out, in, n, URL, 0);
}

int base64_decode(struct nbuf *out, const char *in, size_t n)
{
	const uint8_t *s = (const uint8_t *)in;
	size_t pad = 0, olen;
	uint8_t *p;

	if (n % 4 != 0)
		return -1;
	if (n > 0 && s[n - 1] == '=') {
		pad = 1;
		if (s[n - 2] == '=') /* n >= 4 here */
			pad = 2;
	}
	/* Every character except the padding must be in the alphabet. */
	for (size_t i = 0; i < n - pad; i++)
		if (b64_value(s[i]) < 0)
			return -1;
	/* Unused bits of the last character before the padding must be 0. */
	if (pad == 1 && (b64_value(s[n - 2]) & 3) != 0)
		return -1;
	if (pad == 2 && (b64_value(s[n - 3]) & 15) != 0)
		return -1;
	olen = n / 4 * 3 - pad;
	if (olen > out->cap - out->len)
		return -1;
	p = out->p + out->len;
	for (size_t i = 0, o = 0; i < n; i += 4) {
		uint32_t v = (uint32_t)b64_value(s[i]) << 18 |
			     (uint32_t)b64_value(s[i + 1]) << 12;
		p[o++] = (uint8_t)(v >> 16);
		if (i + 4 < n || pad < 2) {
			v |= (uint32_t)b64_value(s[i + 2]) << 6;
			p[o++] = (uint8_t)(v >> 8);
		}
		if (i + 4 < n || pad < 1) {
			v |= (uint32_t)b64_value(s[i + 3]);
			p[o++] = (uint8_t)v;
		}
	}
	out->len += olen;
	return 0;
}
