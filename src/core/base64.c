#include "base64.h"

size_t base64_encoded_len(size_t n)
{
	return 4 * ((n + 2) / 3);
}

/* The character for the 6-bit value j in the standard or the URL-safe
 * alphabet (RFC 4648 tables 1 and 2). */
/*@ requires j < 64;
    assigns \nothing;
    ensures url == 0 ==> b64_char(\result) && b64val(\result) == j;
    ensures url != 0 ==> b64url_char(\result);
 */
static uint8_t sym(unsigned j, int url)
{
	if (j < 26)
		return (uint8_t)('A' + j);
	if (j < 52)
		return (uint8_t)('a' + (j - 26));
	if (j < 62)
		return (uint8_t)('0' + (j - 52));
	if (j == 62)
		return url ? '-' : '+';
	return url ? '_' : '/';
}

/* Value of a standard-alphabet character, or -1. */
/*@ assigns \nothing;
    ensures \result == b64val(c);
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

/* One group of three bytes a b c into p[o .. o+4): the 6-bit values
 * a/4, (a%4)*16 + b/16, (b%16)*4 + c/64 and c%64. */
/*@ requires o <= SIZE_MAX - 4;
    requires \valid_read(t + (0 .. 2)) && \valid(p + (o .. o + 3));
    requires \separated(t + (0 .. 2), p + (o .. o + 3));
    assigns p[o .. o + 3];
    ensures url == 0 ==> \forall integer k; o <= k < o + 4 ==> b64_char(p[k]);
    ensures url != 0 ==> \forall integer k; o <= k < o + 4 ==> b64url_char(p[k]);
 */
static void quad(uint8_t *p, size_t o, const uint8_t *t, int url)
{
	unsigned a = t[0], b = t[1], c = t[2];

	p[o] = sym(a / 4, url);
	p[o + 1] = sym(a % 4 * 16 + b / 16, url);
	p[o + 2] = sym(b % 16 * 4 + c / 64, url);
	p[o + 3] = sym(c % 64, url);
}

/* The last one or two bytes into p[o ..): with url, 2 or 3 characters;
 * otherwise 4 with the '=' padding. Returns the count. */
/*@ requires rest == 1 || rest == 2;
    requires o <= SIZE_MAX - 4;
    requires \valid_read(t + (0 .. rest - 1));
    requires \valid(p + (o .. o + (url ? rest : 3)));
    requires \separated(t + (0 .. rest - 1), p + (o .. o + (url ? rest : 3)));
    assigns p[o .. o + (url ? rest : 3)];
    ensures \result == (url ? rest + 1 : 4);
    ensures url == 0 ==> \forall integer k; o <= k < o + 4 ==>
              b64_char(p[k]) || p[k] == '=';
    ensures url != 0 ==> \forall integer k; o <= k < o + rest + 1 ==>
              b64url_char(p[k]);
 */
static size_t last(uint8_t *p, size_t o, const uint8_t *t, size_t rest,
		   int url)
{
	unsigned a = t[0], b = rest == 2 ? t[1] : 0;
	size_t k = o;

	p[k++] = sym(a / 4, url);
	p[k++] = sym(a % 4 * 16 + b / 16, url);
	if (rest == 2)
		p[k++] = sym(b % 16 * 4, url);
	else if (!url)
		p[k++] = '=';
	if (!url)
		p[k++] = '=';
	return k - o;
}

/* Encodes with the standard alphabet and '=' padding, or (url) the
 * URL-safe alphabet without padding. */
/*@ requires nbuf_valid(out);
    requires n <= (SIZE_MAX / 4) * 3 - 3;
    requires \valid_read(in + (0 .. n - 1));
    requires \separated(in + (0 .. n - 1), out->p + (0 .. out->cap - 1), out);
    assigns out->len, out->p[out->len .. out->cap - 1];
    ensures nbuf_valid(out);
    ensures \result == 0 || \result == -1;
    ensures url == 0 ==>
              (\result == 0 <==> b64_len(n) <= \old(out->cap - out->len));
    ensures url != 0 ==>
              (\result == 0 <==> b64url_len(n) <= \old(out->cap - out->len));
    ensures \result == 0 && url == 0 ==>
              out->len == \old(out->len) + b64_len(n);
    ensures \result == 0 && url != 0 ==>
              out->len == \old(out->len) + b64url_len(n);
    ensures \result == 0 && url == 0 ==>
              b64_text(out->p, \old(out->len), b64_len(n));
    ensures \result == 0 && url != 0 ==>
              b64url_text(out->p, \old(out->len), b64url_len(n));
    ensures \result == -1 ==> out->len == \old(out->len);
 */
static int encode(struct nbuf *out, const uint8_t *in, size_t n, int url)
{
	size_t full = n / 3, rest = n % 3, need, o;
	const uint8_t *t;
	uint8_t *p;

	need = 4 * full + (rest ? (url ? rest + 1 : 4) : 0);
	//@ assert need == (url ? b64url_len(n) : b64_len(n));
	if (need > out->cap - out->len)
		return -1;
	p = out->p + out->len;
	o = 0;
	t = in;
	/*@ loop invariant 0 <= i <= full && o == 4 * i && t == in + 3 * i;
	    loop invariant url == 0 ==> \forall integer k; 0 <= k < o ==>
	                     b64_char(p[k]);
	    loop invariant url != 0 ==> \forall integer k; 0 <= k < o ==>
	                     b64url_char(p[k]);
	    loop assigns i, o, t, p[0 .. 4 * full - 1];
	    loop variant full - i;
	 */
	for (size_t i = 0; i < full; i++, o += 4, t += 3) {
		quad(p, o, t, url);
		/*@ assert \forall integer k; 0 <= k < o ==>
		             p[k] == \at(p[k], LoopCurrent); */
	}
	if (rest)
		o += last(p, o, t, rest, url);
	//@ assert o == need;
	/*@ assert url == 0 ==> \forall integer k; 0 <= k < need ==>
	             b64_char(p[k]) || p[k] == '='; */
	/*@ assert url != 0 ==> \forall integer k; 0 <= k < need ==>
	             b64url_char(p[k]); */
	out->len += o;
	return 0;
}

int base64_encode(struct nbuf *out, const uint8_t *in, size_t n)
{
	return encode(out, in, n, 0);
}

int base64url_encode(struct nbuf *out, const uint8_t *in, size_t n)
{
	return encode(out, in, n, 1);
}

/* The strict grammar: 0 when s[0..n) is well formed, with *pad set to
 * its number of '=', else -1. */
/*@ requires \valid_read(s + (0 .. n - 1)) && \valid(pad);
    requires \separated(pad, s + (0 .. n - 1));
    assigns *pad;
    ensures \result == 0 || \result == -1;
    ensures \result == 0 <==> b64_strict(s, n);
    ensures \result == 0 ==> *pad == b64_pad(s, n) && n % 4 == 0;
 */
static int check(const uint8_t *s, size_t n, size_t *pad)
{
	size_t m = 0;

	if (n % 4 != 0)
		return -1;
	if (n > 0 && s[n - 1] == '=') {
		m = 1;
		if (s[n - 2] == '=') /* n >= 4 here */
			m = 2;
	}
	//@ assert m == b64_pad(s, n);
	/* Every character except the padding must be in the alphabet. */
	/*@ loop invariant 0 <= i <= n - m;
	    loop invariant \forall integer k; 0 <= k < i ==> b64_char(s[k]);
	    loop assigns i;
	    loop variant n - m - i;
	 */
	for (size_t i = 0; i < n - m; i++)
		if (b64_value(s[i]) < 0)
			return -1;
	/* Unused bits of the last character before the padding must be 0. */
	if (m == 1 && b64_value(s[n - 2]) % 4 != 0)
		return -1;
	if (m == 2 && b64_value(s[n - 3]) % 16 != 0)
		return -1;
	*pad = m;
	return 0;
}

/* One group of four characters s[0..4) (already checked) into the m
 * bytes p[0..m): 3, or 2 or 1 for the padded last group. */
/*@ requires 1 <= m <= 3;
    requires \valid_read(s + (0 .. m)) && \valid(p + (0 .. m - 1));
    requires \separated(s + (0 .. m), p + (0 .. m - 1));
    assigns p[0 .. m - 1];
 */
static void dequad(uint8_t *p, const uint8_t *s, size_t m)
{
	uint32_t v = (uint32_t)b64_value(s[0]) << 18 |
		     (uint32_t)b64_value(s[1]) << 12;

	p[0] = (uint8_t)(v >> 16);
	if (m > 1) {
		v |= (uint32_t)b64_value(s[2]) << 6;
		p[1] = (uint8_t)(v >> 8);
	}
	if (m > 2) {
		v |= (uint32_t)b64_value(s[3]);
		p[2] = (uint8_t)v;
	}
}

int base64_decode(struct nbuf *out, const char *in, size_t n)
{
	const uint8_t *s = (const uint8_t *)in, *t;
	size_t pad = 0, olen, nq;
	uint8_t *p, *q;

	if (check(s, n, &pad) < 0)
		return -1;
	nq = n / 4;
	olen = nq * 3 - pad;
	if (olen > out->cap - out->len)
		return -1;
	p = out->p + out->len;
	t = s;
	q = p;
	/*@ loop invariant 0 <= j <= nq;
	    loop invariant t == s + 4 * j && q == p + 3 * j;
	    loop assigns j, t, q, p[0 .. olen - 1];
	    loop variant nq - j;
	 */
	for (size_t j = 0; j < nq; j++, t += 4, q += 3)
		dequad(q, t, j + 1 < nq ? 3 : 3 - pad);
	out->len += olen;
	return 0;
}
