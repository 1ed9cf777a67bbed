/*
 * HTTP request heads (src/core/http_head.c). The input is a head; the
 * same bytes, and the spans the parser returns, feed the authority,
 * absolute-form and credential readers. Properties:
 * - http_head_parse returns OK, MORE, BAD or TOO_LARGE and writes r only
 *   on OK; on OK the head b[0..head_len) ends in CRLF CRLF, every span
 *   lies before it, the method is tchar and the target visible ASCII;
 *   every strict prefix of an OK head is MORE, and every prefix of a
 *   MORE input too; a prefix found BAD stays BAD with more bytes;
 * - http_authority returns 0 or -1; on 0 the host is NUL-terminated
 *   within hcap, has no upper-case letter, the port is not 0, and the
 *   same call with hcap = strlen(host) fails while strlen + 1 succeeds;
 *   on -1 host and port are untouched;
 * - http_absolute likewise, with path_off at a '/' or at n;
 * - http_proxy_auth_ok returns 0 or 1, and 1 for "Bearer <tok>" and
 *   "Basic base64(user:tok)" built from the input, 0 when one byte of
 *   the token differs.
 */
#include "fuzz.h"

#include "base64.h"
#include "http_head.h"

#include <string.h>

static int is_tchar(uint8_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || (c && strchr("!#$%&'*+-.^_`|~", c));
}

static int span_ok(struct http_span s, size_t lim)
{
	return s.off <= lim && s.len <= lim - s.off;
}

static int parse(const uint8_t *b, size_t n, struct http_req *r)
{
	struct http_req mark;
	int k;

	memset(r, 0x5a, sizeof *r);
	memset(&mark, 0x5a, sizeof mark);
	k = http_head_parse(b, n, r);
	PROPERTY(k == HTTP_HEAD_OK || k == HTTP_HEAD_MORE ||
		 k == HTTP_HEAD_BAD || k == HTTP_HEAD_TOO_LARGE);
	if (k != HTTP_HEAD_OK)
		PROPERTY(memcmp(r, &mark, sizeof mark) == 0);
	PROPERTY(k != HTTP_HEAD_MORE || n < HTTP_HEAD_MAX);
	PROPERTY(k != HTTP_HEAD_TOO_LARGE || n >= HTTP_HEAD_MAX);
	return k;
}

static void check_ok(const uint8_t *b, size_t n, const struct http_req *r)
{
	size_t h = r->head_len;

	PROPERTY(h >= 4 && h <= n && h <= HTTP_HEAD_MAX);
	PROPERTY(memcmp(b + h - 4, "\r\n\r\n", 4) == 0);
	PROPERTY(span_ok(r->method, h - 4) && r->method.len >= 1);
	PROPERTY(span_ok(r->target, h - 4) && r->target.len >= 1);
	PROPERTY(span_ok(r->host, h - 4) && span_ok(r->proxy_auth, h - 4));
	PROPERTY(r->has_host == 0 || r->has_host == 1);
	PROPERTY(r->has_proxy_auth == 0 || r->has_proxy_auth == 1);
	PROPERTY(r->has_host || (r->host.off == 0 && r->host.len == 0));
	PROPERTY(r->has_proxy_auth ||
		 (r->proxy_auth.off == 0 && r->proxy_auth.len == 0));
	for (size_t i = 0; i < r->method.len; i++)
		PROPERTY(is_tchar(b[r->method.off + i]));
	for (size_t i = 0; i < r->target.len; i++)
		PROPERTY(b[r->target.off + i] >= 0x21 &&
			 b[r->target.off + i] <= 0x7e);
	if (r->host.len)
		PROPERTY(b[r->host.off] != ' ' && b[r->host.off] != '\t' &&
			 b[r->host.off + r->host.len - 1] != ' ' &&
			 b[r->host.off + r->host.len - 1] != '\t');
	for (size_t i = 0; i < r->host.len; i++)
		PROPERTY(b[r->host.off + i] != '\r' &&
			 b[r->host.off + i] != '\n');
}

static void prefixes(const uint8_t *b, size_t n, int k,
		     const struct http_req *r)
{
	struct http_req p;
	size_t cut[4], m;

	if (n == 0)
		return;
	if (k == HTTP_HEAD_OK) {
		size_t h = r->head_len;
		cut[0] = h - 1;
		cut[1] = h / 2;
		cut[2] = h > 2 ? h - 2 : 0;
		cut[3] = 0;
		for (int i = 0; i < 4; i++)
			PROPERTY(parse(b, cut[i], &p) == HTTP_HEAD_MORE);
		/* more bytes after the head change nothing */
		PROPERTY(parse(b, h, &p) == HTTP_HEAD_OK);
		PROPERTY(memcmp(&p, r, sizeof p) == 0);
	} else if (k == HTTP_HEAD_MORE) {
		PROPERTY(parse(b, n - 1, &p) == HTTP_HEAD_MORE);
		PROPERTY(parse(b, n / 2, &p) == HTTP_HEAD_MORE);
	} else if (k == HTTP_HEAD_BAD) {
		/* a shorter prefix is never OK; BAD found early stays BAD */
		m = n / 2;
		int kk = parse(b, m, &p);
		PROPERTY(kk == HTTP_HEAD_MORE || kk == HTTP_HEAD_BAD);
	}
	/* a BAD prefix stays BAD when the rest follows */
	if (parse(b, n / 2, &p) == HTTP_HEAD_BAD)
		PROPERTY(k == HTTP_HEAD_BAD);
}

static void authority(const uint8_t *s, size_t n, uint16_t defport)
{
	char host[300], again[300];
	uint16_t port = 7, port2 = 7;
	size_t l;
	int k;

	memset(host, 'Z', sizeof host);
	k = http_authority(s, n, defport, host, sizeof host, &port);
	PROPERTY(k == 0 || k == -1);
	if (k < 0) {
		PROPERTY(port == 7);
		for (size_t i = 0; i < sizeof host; i++)
			PROPERTY(host[i] == 'Z');
		return;
	}
	PROPERTY(port >= 1);
	PROPERTY(defport || n > 0);
	l = strnlen(host, sizeof host);
	PROPERTY(l < sizeof host && l >= 1 && l <= HTTP_HOST_MAX);
	for (size_t i = 0; i < l; i++)
		PROPERTY(!(host[i] >= 'A' && host[i] <= 'Z'));
	/* the host just fits in l + 1 bytes, not in l */
	memset(again, 'Z', sizeof again);
	PROPERTY(http_authority(s, n, defport, again, l, &port2) == -1);
	PROPERTY(port2 == 7 && again[0] == 'Z');
	PROPERTY(http_authority(s, n, defport, again, l + 1, &port2) == 0);
	PROPERTY(port2 == port && memcmp(again, host, l + 1) == 0);
}

static void absolute(const uint8_t *s, size_t n)
{
	char host[300];
	uint16_t port = 7;
	size_t off = 99999;
	int k;

	memset(host, 'Z', sizeof host);
	k = http_absolute(s, n, host, sizeof host, &port, &off);
	PROPERTY(k == 0 || k == -1);
	if (k < 0) {
		PROPERTY(port == 7 && off == 99999);
		for (size_t i = 0; i < sizeof host; i++)
			PROPERTY(host[i] == 'Z');
		return;
	}
	PROPERTY(port >= 1 && off >= 7 && off <= n);
	PROPERTY(off == n || s[off] == '/');
	PROPERTY(memchr(host, 0, sizeof host) != NULL);
	PROPERTY(memchr(s, '@', off) == NULL);
}

/* The credential readers on v[0..n) with tok[0..tn), then on values
 * built to match. */
static void credentials(const uint8_t *v, size_t n, const char *tok,
			size_t tn)
{
	static uint8_t cred[600], val[1000];
	struct nbuf b;
	int k = http_proxy_auth_ok(v, n, tok, tn);

	PROPERTY(k == 0 || k == 1);
	PROPERTY(k == 0 || tn > 0);
	if (tn == 0 || tok[0] == ' ' || tn > 64)
		return;
	memcpy(val, "bEaReR  ", 8);
	memcpy(val + 8, tok, tn);
	PROPERTY(http_proxy_auth_ok(val, 8 + tn, tok, tn) == 1);
	val[8 + tn / 2] ^= 1;
	PROPERTY(http_proxy_auth_ok(val, 8 + tn, tok, tn) == 0);
	PROPERTY(http_proxy_auth_ok(val, 8 + tn - 1, tok, tn) == 0);
	/* Basic, the user taken from the input (no ':' in it) */
	size_t un = n < 32 ? n : 32;
	if (memchr(v, ':', un))
		un = 0;
	memcpy(cred, v, un);
	cred[un] = ':';
	memcpy(cred + un + 1, tok, tn);
	memcpy(val, "Basic ", 6);
	b.p = val + 6;
	b.cap = sizeof val - 6;
	b.len = 0;
	PROPERTY(base64_encode(&b, cred, un + 1 + tn) == 0);
	PROPERTY(http_proxy_auth_ok(val, 6 + b.len, tok, tn) == 1);
	cred[un + 1] ^= 0x80;
	b.len = 0;
	PROPERTY(base64_encode(&b, cred, un + 1 + tn) == 0);
	PROPERTY(http_proxy_auth_ok(val, 6 + b.len, tok, tn) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct http_req r;
	int k;

	k = parse(d, n, &r);
	if (k == HTTP_HEAD_OK) {
		check_ok(d, n, &r);
		authority(d + r.target.off, r.target.len, 0);
		authority(d + r.target.off, r.target.len, 443);
		absolute(d + r.target.off, r.target.len);
		if (r.has_host)
			authority(d + r.host.off, r.host.len, 80);
		if (r.has_proxy_auth && r.proxy_auth.len)
			credentials(d + r.proxy_auth.off, r.proxy_auth.len,
				    (const char *)d + r.method.off,
				    r.method.len);
	}
	prefixes(d, n, k, &r);
	/* the raw input as an authority, a target and a credential */
	authority(d, n < 400 ? n : 400, n ? d[0] : 0);
	absolute(d, n);
	if (n > 0) {
		size_t tn = d[0] % 66;
		if (tn > n - 1)
			tn = n - 1;
		credentials(d + 1 + tn, n - 1 - tn, (const char *)d + 1, tn);
	}
	return 0;
}
