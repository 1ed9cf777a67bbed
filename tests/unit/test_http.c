/* HTTP request heads, authorities, absolute-form targets and the proxy
 * credential (spec/proxy.md §3). */
#include "suites.h"

#include "base64.h"
#include "http_head.h"

#include <string.h>

/* A request filled with a marker, to see that failures write nothing. */
static void mark(struct http_req *r)
{
	memset(r, 0xA5, sizeof *r);
}

static int untouched(const struct http_req *r)
{
	struct http_req m;

	mark(&m);
	return memcmp(r, &m, sizeof m) == 0;
}

static int parse_n(const char *s, size_t n, struct http_req *r)
{
	return http_head_parse((const uint8_t *)s, n, r);
}

static int parse(const char *s, struct http_req *r)
{
	return parse_n(s, strlen(s), r);
}

static void span_is(const char *b, struct http_span sp, const char *want)
{
	ck_assert_uint_eq(sp.len, strlen(want));
	ck_assert_mem_eq(b + sp.off, want, sp.len);
}

/* Expects BAD and r untouched. */
static void bad(const char *s)
{
	struct http_req r;

	mark(&r);
	ck_assert_msg(parse(s, &r) == HTTP_HEAD_BAD, "not BAD: %s", s);
	ck_assert(untouched(&r));
}

START_TEST(head_connect)
{
	const char *h = "CONNECT example.com:443 HTTP/1.1\r\n"
			"Host: example.com:443\r\n"
			"Proxy-Authorization: Bearer abc\r\n"
			"User-Agent: curl/8.0\r\n\r\n";
	char buf[256];
	struct http_req r;

	ck_assert_int_eq(parse(h, &r), HTTP_HEAD_OK);
	ck_assert_uint_eq(r.head_len, strlen(h));
	span_is(h, r.method, "CONNECT");
	span_is(h, r.target, "example.com:443");
	ck_assert_int_eq(r.has_host, 1);
	span_is(h, r.host, "example.com:443");
	ck_assert_int_eq(r.has_proxy_auth, 1);
	span_is(h, r.proxy_auth, "Bearer abc");
	/* bytes after the head (the tunnel's first bytes) are not read */
	strcpy(buf, h);
	strcat(buf, "\x16\x03\x01 anything\n\r");
	ck_assert_int_eq(parse(buf, &r), HTTP_HEAD_OK);
	ck_assert_uint_eq(r.head_len, strlen(h));
}
END_TEST

START_TEST(head_get_absolute)
{
	const char *h = "GET http://example.com/x?y HTTP/1.0\r\n"
			"host:example.com\r\n"
			"Accept: */*\r\n\r\n";
	const char *h2 = "GET / HTTP/1.1\r\n\r\n";
	struct http_req r;

	ck_assert_int_eq(parse(h, &r), HTTP_HEAD_OK);
	span_is(h, r.method, "GET");
	span_is(h, r.target, "http://example.com/x?y");
	span_is(h, r.host, "example.com");
	ck_assert_int_eq(r.has_proxy_auth, 0);
	ck_assert_uint_eq(r.proxy_auth.off, 0);
	ck_assert_uint_eq(r.proxy_auth.len, 0);
	ck_assert_uint_eq(r.head_len, strlen(h));
	/* no header at all */
	ck_assert_int_eq(parse(h2, &r), HTTP_HEAD_OK);
	ck_assert_uint_eq(r.head_len, 18);
	ck_assert_int_eq(r.has_host, 0);
	ck_assert_uint_eq(r.host.off, 0);
	ck_assert_uint_eq(r.host.len, 0);
	span_is(h2, r.target, "/");
	/* any tchar method */
	ck_assert_int_eq(parse("M-SEARCH~!#$%&'*+.^_`| * HTTP/1.1\r\n\r\n", &r),
			 HTTP_HEAD_OK);
	ck_assert_uint_eq(r.method.len, 22);
}
END_TEST

START_TEST(head_names_case_and_ows)
{
	const char *h = "GET http://a/ HTTP/1.1\r\n"
			"X-Other: \xc3\xa9t\xe9 \"q\" (x)\r\n"
			"HOST: \t a.example \t \r\n"
			"pRoXy-AuThOrIzAtIoN:Basic  Zm9v  \r\n"
			"Hosts: not-the-host\r\n"
			"Proxy-Authorization2: nope\r\n\r\n";
	const char *e = "GET / HTTP/1.1\r\nHost:   \r\nProxy-Authorization:\r\n\r\n";
	struct http_req r;

	ck_assert_int_eq(parse(h, &r), HTTP_HEAD_OK);
	span_is(h, r.host, "a.example");
	span_is(h, r.proxy_auth, "Basic  Zm9v");
	/* empty values: present, length 0 */
	ck_assert_int_eq(parse(e, &r), HTTP_HEAD_OK);
	ck_assert_int_eq(r.has_host, 1);
	ck_assert_uint_eq(r.host.len, 0);
	ck_assert_int_eq(r.has_proxy_auth, 1);
	ck_assert_uint_eq(r.proxy_auth.len, 0);
}
END_TEST

START_TEST(head_every_prefix_is_more)
{
	static const char *heads[] = {
		"CONNECT h:443 HTTP/1.1\r\nHost: h:443\r\n\r\n",
		"GET / HTTP/1.0\r\n\r\n",
		"GET http://a/ HTTP/1.1\r\nHOST: \t a \t \r\n"
		"Proxy-Authorization: Basic Zm9v\r\nX:\r\n\r\n",
	};
	struct http_req r;

	for (size_t i = 0; i < sizeof heads / sizeof *heads; i++) {
		size_t n = strlen(heads[i]);
		for (size_t m = 0; m < n; m++) {
			mark(&r);
			ck_assert_msg(parse_n(heads[i], m, &r) == HTTP_HEAD_MORE,
				      "head %zu prefix %zu", i, m);
			ck_assert(untouched(&r));
		}
		ck_assert_int_eq(parse_n(heads[i], n, &r), HTTP_HEAD_OK);
		ck_assert_uint_eq(r.head_len, n);
	}
}
END_TEST

static char big[HTTP_HEAD_MAX + 64];

/* "GET / HTTP/1.1\r\n" then "X: aaa...\r\n" lines up to exactly len
 * bytes, the last 4 being "\r\n\r\n" when end is set. */
static void fill_head(size_t len, int end)
{
	size_t k;

	memcpy(big, "GET / HTTP/1.1\r\n", 16);
	for (k = 16; k < len; k++)
		big[k] = 'a';
	/* cut the filler into header lines of at most 100 bytes */
	for (k = 16; k + 100 < len - 8; k += 100) {
		big[k] = 'X';
		big[k + 1] = ':';
		big[k + 98] = '\r';
		big[k + 99] = '\n';
	}
	big[k] = 'X';
	big[k + 1] = ':';
	if (end)
		memcpy(big + len - 4, "\r\n\r\n", 4);
}

START_TEST(head_limits)
{
	struct http_req r;

	fill_head(HTTP_HEAD_MAX, 1);
	ck_assert_int_eq(parse_n(big, HTTP_HEAD_MAX, &r), HTTP_HEAD_OK);
	ck_assert_uint_eq(r.head_len, HTTP_HEAD_MAX);
	ck_assert_int_eq(parse_n(big, HTTP_HEAD_MAX - 1, &r), HTTP_HEAD_MORE);
	/* one byte longer: no end within the first HTTP_HEAD_MAX bytes */
	fill_head(HTTP_HEAD_MAX + 1, 1);
	mark(&r);
	ck_assert_int_eq(parse_n(big, HTTP_HEAD_MAX + 1, &r),
			 HTTP_HEAD_TOO_LARGE);
	ck_assert(untouched(&r));
	ck_assert_int_eq(parse_n(big, HTTP_HEAD_MAX, &r), HTTP_HEAD_TOO_LARGE);
	ck_assert_int_eq(parse_n(big, HTTP_HEAD_MAX - 1, &r), HTTP_HEAD_MORE);
	/* a request line alone, without end, as long as the limit */
	memset(big, 'a', sizeof big);
	memcpy(big, "GET /", 5);
	mark(&r);
	ck_assert_int_eq(parse_n(big, HTTP_HEAD_MAX, &r), HTTP_HEAD_TOO_LARGE);
	ck_assert(untouched(&r));
	ck_assert_int_eq(parse_n(big, HTTP_HEAD_MAX - 1, &r), HTTP_HEAD_MORE);
	/* a line whose CRLF straddles the limit */
	fill_head(HTTP_HEAD_MAX + 20, 1);
	big[HTTP_HEAD_MAX - 1] = '\r';
	big[HTTP_HEAD_MAX] = '\n';
	ck_assert_int_eq(parse_n(big, sizeof big, &r), HTTP_HEAD_TOO_LARGE);
}
END_TEST

START_TEST(head_bad)
{
	struct http_req r;

	/* bare LF, bare CR */
	bad("GET / HTTP/1.1\n\n");
	bad("GET / HTTP/1.1\r\nHost: a\n\r\n\r\n");
	bad("GET / HTTP/1.1\r\nX: a\rb\r\n\r\n");
	bad("GET / HTTP/1.1\r\r\n\r\n");
	/* reported early, before any end of head */
	bad("GET / HTTP/1.1\r\nX: a\nb");
	bad("GET / HTTP/1.1\r\nX: a\rb");
	/* obsolete folding */
	bad("GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n");
	bad("GET / HTTP/1.1\r\nX: a\r\n\tb\r\n\r\n");
	bad("GET / HTTP/1.1\r\n Host: a\r\n\r\n");
	/* duplicates */
	bad("GET / HTTP/1.1\r\nHost: a\r\nhost: a\r\n\r\n");
	bad("GET / HTTP/1.1\r\nProxy-Authorization: a\r\n"
	    "PROXY-AUTHORIZATION: a\r\n\r\n");
	/* space before the colon, no colon, empty name, bad name byte */
	bad("GET / HTTP/1.1\r\nHost : a\r\n\r\n");
	bad("GET / HTTP/1.1\r\nHost\r\n\r\n");
	bad("GET / HTTP/1.1\r\n: a\r\n\r\n");
	bad("GET / HTTP/1.1\r\nX(y): a\r\n\r\n");
	/* versions */
	bad("GET / HTTP/1.2\r\n\r\n");
	bad("GET / HTTP/2.0\r\n\r\n");
	bad("GET / http/1.1\r\n\r\n");
	bad("GET / HTTP/1.1 \r\n\r\n");
	bad("GET / HTTP/1.\r\n\r\n");
	bad("GET /\r\n\r\n");
	/* method, target, spacing */
	bad(" / HTTP/1.1\r\n\r\n");
	bad("G(T / HTTP/1.1\r\n\r\n");
	bad("GET HTTP/1.1\r\n\r\n");
	bad("GET  HTTP/1.1\r\n\r\n");
	bad("GET  / HTTP/1.1\r\n\r\n");
	bad("GET /  HTTP/1.1\r\n\r\n");
	bad("GET /a\tb HTTP/1.1\r\n\r\n");
	bad("GET /\xc3\xa9 HTTP/1.1\r\n\r\n");
	bad("\r\n\r\n");
	bad("\r\nGET / HTTP/1.1\r\n\r\n");
	/* control bytes in values */
	bad("GET / HTTP/1.1\r\nX: a\x01z\r\n\r\n");
	bad("GET / HTTP/1.1\r\nX: a\x7f\r\n\r\n");
	mark(&r);
	ck_assert_int_eq(parse_n("GET / HTTP/1.1\r\nX: a\0b\r\n\r\n", 26, &r),
			 HTTP_HEAD_BAD);
	ck_assert(untouched(&r));
	/* and the same heads made valid */
	ck_assert_int_eq(parse("GET / HTTP/1.1\r\nX: a\tz\r\n\r\n", &r),
			 HTTP_HEAD_OK);
	ck_assert_int_eq(parse("GET / HTTP/1.1\r\nX: a\x80z\r\n\r\n", &r),
			 HTTP_HEAD_OK);
}
END_TEST

/* http_authority into a 64-byte buffer; returns the result, host, port. */
static int auth(const char *s, uint16_t defport, char *host, uint16_t *port)
{
	return http_authority((const uint8_t *)s, strlen(s), defport, host, 64,
			      port);
}

static void auth_ok(const char *s, uint16_t defport, const char *host,
		    uint16_t port)
{
	char h[64];
	uint16_t p = 0;

	ck_assert_msg(auth(s, defport, h, &p) == 0, "refused: %s", s);
	ck_assert_str_eq(h, host);
	ck_assert_uint_eq(p, port);
}

static void auth_bad(const char *s, uint16_t defport)
{
	char h[64];
	uint16_t p = 7;

	memset(h, 'Z', sizeof h);
	ck_assert_msg(auth(s, defport, h, &p) == -1, "accepted: %s", s);
	ck_assert_uint_eq(p, 7);
	for (size_t i = 0; i < sizeof h; i++)
		ck_assert_int_eq(h[i], 'Z');
}

START_TEST(authority)
{
	char name[300], h[16];
	uint16_t p;

	auth_ok("example.com:443", 0, "example.com", 443);
	auth_ok("Example.COM:8080", 0, "example.com", 8080);
	auth_ok("a_b-c.d9:1", 0, "a_b-c.d9", 1);
	auth_ok("example.com.:443", 0, "example.com.", 443);
	auth_ok("example.com", 443, "example.com", 443);
	auth_ok("example.com:65535", 443, "example.com", 65535);
	auth_ok("h:00443", 0, "h", 443);
	auth_ok("10.0.0.1:80", 0, "10.0.0.1", 80);
	auth_ok("0.0.0.0:80", 0, "0.0.0.0", 80);
	auth_ok("255.255.255.255:80", 0, "255.255.255.255", 80);
	auth_ok("1password.com:443", 0, "1password.com", 443);
	auth_ok("1password:443", 0, "1password", 443);
	auth_ok("a.9z:80", 0, "a.9z", 80);
	auth_ok("a.0x1g:80", 0, "a.0x1g", 80);
	auth_ok("localhost", 3000, "localhost", 3000);
	auth_ok("[::1]:443", 0, "::1", 443);
	auth_ok("[2001:DB8::1]", 443, "2001:db8::1", 443);
	auth_ok("[::ffff:1.2.3.4]:80", 0, "::ffff:1.2.3.4", 80);
	/* ports */
	auth_bad("example.com", 0);
	auth_bad("example.com:", 443);
	auth_bad("example.com:0", 443);
	auth_bad("example.com:65536", 443);
	auth_bad("example.com:000443", 443);
	auth_bad("example.com:+443", 443);
	auth_bad("example.com:44 3", 443);
	auth_bad("example.com:80:90", 443);
	auth_bad("[::1]", 0);
	auth_bad("[::1]:", 443);
	auth_bad("[::1]x", 443);
	auth_bad("[::1]:0", 443);
	/* names */
	auth_bad("", 443);
	auth_bad(":443", 0);
	auth_bad(".example.com:443", 0);
	auth_bad(".:443", 0);
	auth_bad("example..com:443", 0);
	auth_bad("example.com..:443", 0);
	auth_bad("exa mple.com:443", 0);
	auth_bad("user@example.com:443", 0);
	auth_bad("example.com/:443", 0);
	auth_bad("ex%41.com:443", 0);
	/* numbers that are not dotted quads */
	auth_bad("127.1:80", 0);
	auth_bad("2130706433:80", 0);
	auth_bad("0x7f.0.0.1:80", 0);
	auth_bad("1.2.3.0x4:80", 0);
	auth_bad("1.2.3.0X:80", 0);
	auth_bad("256.1.1.1:80", 0);
	auth_bad("01.2.3.4:80", 0);
	auth_bad("1.2.3.4.:80", 0);
	auth_bad("1.2.3.4.5:80", 0);
	auth_bad("example.123:80", 0);
	/* brackets */
	auth_bad("[]:80", 0);
	auth_bad("[:]:80", 0);
	auth_bad("[1.2.3.4]:80", 0);
	auth_bad("[127.1]:80", 0);
	auth_bad("[::1:80", 0);
	auth_bad("[::g]:80", 0);
	auth_bad("[::1%eth0]:80", 0);
	auth_bad("[1111:2222:3333:4444:5555:6666:7777:8888:9999:a]:80", 0);
	auth_ok("[1111:2222:3333:4444:5555:6666:123.123.123.123]:80", 0,
		"1111:2222:3333:4444:5555:6666:123.123.123.123", 80);
	/* length: HTTP_HOST_MAX bytes, not one more */
	memset(name, 'a', sizeof name);
	for (size_t i = 63; i < 300; i += 64)
		name[i] = '.';
	{
		char out[300];
		ck_assert_int_eq(http_authority((const uint8_t *)name,
						HTTP_HOST_MAX, 443, out,
						sizeof out, &p), 0);
		ck_assert_uint_eq(strlen(out), HTTP_HOST_MAX);
		ck_assert_int_eq(http_authority((const uint8_t *)name,
						HTTP_HOST_MAX + 1, 443, out,
						sizeof out, &p), -1);
	}
	/* does not fit in hcap: -1, nothing written */
	memset(h, 'Z', sizeof h);
	p = 7;
	ck_assert_int_eq(http_authority((const uint8_t *)"example.com:443", 15,
					0, h, 11, &p), -1);
	ck_assert_uint_eq(p, 7);
	for (size_t i = 0; i < sizeof h; i++)
		ck_assert_int_eq(h[i], 'Z');
	ck_assert_int_eq(http_authority((const uint8_t *)"example.com:443", 15,
					0, h, 12, &p), 0);
	ck_assert_str_eq(h, "example.com");
	ck_assert_uint_eq(p, 443);
	ck_assert_int_eq(http_authority((const uint8_t *)"a:1", 3, 0, h, 0, &p),
			 -1);
}
END_TEST

static void abs_ok(const char *s, const char *host, uint16_t port,
		   size_t path_off)
{
	char h[64];
	uint16_t p = 0;
	size_t off = 999;

	ck_assert_msg(http_absolute((const uint8_t *)s, strlen(s), h, sizeof h,
				    &p, &off) == 0, "refused: %s", s);
	ck_assert_str_eq(h, host);
	ck_assert_uint_eq(p, port);
	ck_assert_uint_eq(off, path_off);
}

static void abs_bad(const char *s)
{
	char h[64];
	uint16_t p = 7;
	size_t off = 999;

	memset(h, 'Z', sizeof h);
	ck_assert_msg(http_absolute((const uint8_t *)s, strlen(s), h, sizeof h,
				    &p, &off) == -1, "accepted: %s", s);
	ck_assert_uint_eq(p, 7);
	ck_assert_uint_eq(off, 999);
	for (size_t i = 0; i < sizeof h; i++)
		ck_assert_int_eq(h[i], 'Z');
}

START_TEST(absolute)
{
	abs_ok("http://h", "h", 80, 8);
	abs_ok("http://h:8080/x?y", "h", 8080, 13);
	abs_ok("HTTP://H/", "h", 80, 8);
	abs_ok("hTtP://Example.com/a/b", "example.com", 80, 18);
	abs_ok("http://[::1]:8080/a", "::1", 8080, 17);
	abs_ok("http://10.1.2.3/", "10.1.2.3", 80, 15);
	abs_bad("https://h/");
	abs_bad("ftp://h/");
	abs_bad("http:/h/");
	abs_bad("http:/xhost/");
	abs_bad("httpX//host/");
	abs_bad("http:h");
	abs_bad("http://");
	abs_bad("http:///x");
	abs_bad("http://u@h/");
	abs_bad("http://u:p@h/");
	abs_bad("http://h?x");
	abs_bad("http://h:8080?x");
	abs_bad("http://h#f");
	abs_bad("http://h:0/");
	abs_bad("http://127.1/");
	abs_bad("/just/a/path");
	abs_bad("");
}
END_TEST

static const char *tok = "s3cr3t-token";

static int pa(const char *v)
{
	return http_proxy_auth_ok((const uint8_t *)v, strlen(v), tok,
				  strlen(tok));
}

/* "Basic " (scheme as given) + base64(cred) */
static const char *basic(const char *scheme, const char *cred)
{
	static uint8_t mem[2048];
	struct nbuf b;
	size_t k = strlen(scheme);

	memcpy(mem, scheme, k);
	nbuf_init(&b, mem + k, sizeof mem - k - 1);
	ck_assert_int_eq(base64_encode(&b, (const uint8_t *)cred,
				       strlen(cred)), 0);
	mem[k + b.len] = 0;
	return (const char *)mem;
}

START_TEST(proxy_auth)
{
	char longuser[400];

	ck_assert_int_eq(pa("Bearer s3cr3t-token"), 1);
	ck_assert_int_eq(pa("bearer s3cr3t-token"), 1);
	ck_assert_int_eq(pa("BEARER   s3cr3t-token"), 1);
	ck_assert_int_eq(pa("Bearer s3cr3t-toke"), 0);
	ck_assert_int_eq(pa("Bearer s3cr3t-tokem"), 0);
	ck_assert_int_eq(pa("Bearer s3cr3t-tokenX"), 0);
	ck_assert_int_eq(pa("Bearer S3CR3T-TOKEN"), 0);
	ck_assert_int_eq(pa("Bearer s3cr3t-token "), 0);
	ck_assert_int_eq(pa("Bearer"), 0);
	ck_assert_int_eq(pa("Bearer "), 0);
	ck_assert_int_eq(pa("Bearers3cr3t-token"), 0);
	ck_assert_int_eq(pa("Bearer\ts3cr3t-token"), 0);
	ck_assert_int_eq(pa(" Bearer s3cr3t-token"), 0);
	ck_assert_int_eq(pa("Token s3cr3t-token"), 0);
	ck_assert_int_eq(pa("s3cr3t-token"), 0);
	ck_assert_int_eq(pa(""), 0);
	ck_assert_int_eq(pa(basic("Basic ", "nono:s3cr3t-token")), 1);
	ck_assert_int_eq(pa(basic("basic ", "nono:s3cr3t-token")), 1);
	ck_assert_int_eq(pa(basic("BASIC  ", "other:s3cr3t-token")), 1);
	ck_assert_int_eq(pa(basic("Basic ", ":s3cr3t-token")), 1);
	ck_assert_int_eq(pa(basic("Basic ", "nono:wrong")), 0);
	ck_assert_int_eq(pa(basic("Basic ", "nono:s3cr3t-toke")), 0);
	ck_assert_int_eq(pa(basic("Basic ", "nono:s3cr3t-tokenn")), 0);
	ck_assert_int_eq(pa(basic("Basic ", "s3cr3t-token")), 0);
	ck_assert_int_eq(pa(basic("Basic ", "s3cr3t-token:nono")), 0);
	ck_assert_int_eq(pa(basic("Basic ", "")), 0);
	ck_assert_int_eq(pa(basic("Bearer ", "nono:s3cr3t-token")), 0);
	ck_assert_int_eq(pa("Basic !!!!"), 0);
	ck_assert_int_eq(pa("Basic bm9ubzpzM2NyM3QtdG9rZW4"), 0); /* no pad */
	ck_assert_int_eq(pa("Basic bm9ubzpzM2NyM3QtdG9rZW4= "), 0);
	ck_assert_int_eq(pa("Basic bm9ubzpzM2NyM3QtdG9rZW4="), 1);
	ck_assert_int_eq(pa("Basic"), 0);
	ck_assert_int_eq(pa("Basic "), 0);
	/* the password may hold ':'; the user may not */
	ck_assert_int_eq(http_proxy_auth_ok(
		(const uint8_t *)basic("Basic ", "u:a:b"),
		strlen(basic("Basic ", "u:a:b")), "a:b", 3), 1);
	/* an empty token never matches */
	ck_assert_int_eq(http_proxy_auth_ok((const uint8_t *)"Bearer x", 8,
					    "", 0), 0);
	ck_assert_int_eq(http_proxy_auth_ok(
		(const uint8_t *)basic("Basic ", "nono:"),
		strlen(basic("Basic ", "nono:")), "", 0), 0);
	/* decoded user:password longer than 384 bytes: refused */
	memset(longuser, 'u', sizeof longuser);
	memcpy(longuser + 371, ":s3cr3t-token", 14); /* 384 bytes */
	ck_assert_int_eq(pa(basic("Basic ", longuser)), 1);
	memset(longuser, 'u', sizeof longuser);
	memcpy(longuser + 372, ":s3cr3t-token", 14); /* 385 bytes */
	ck_assert_int_eq(pa(basic("Basic ", longuser)), 0);
}
END_TEST

Suite *suite_http(void)
{
	Suite *s = suite_create("http");
	TCase *t = tcase_create("core");

	tcase_add_test(t, head_connect);
	tcase_add_test(t, head_get_absolute);
	tcase_add_test(t, head_names_case_and_ows);
	tcase_add_test(t, head_every_prefix_is_more);
	tcase_add_test(t, head_limits);
	tcase_add_test(t, head_bad);
	tcase_add_test(t, authority);
	tcase_add_test(t, absolute);
	tcase_add_test(t, proxy_auth);
	suite_add_tcase(s, t);
	return s;
}
