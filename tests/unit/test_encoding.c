/* SHA-256 engines, hex, base64, UTF-8, decimal, PAE (spec/encodings.md). */
#include "suites.h"

#include "base64.h"
#include "decimal.h"
#include "dsse.h"
#include "hex.h"
#include "sha256.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

static void sha_hex(enum sha256_engine e, const void *p, size_t n, char *out)
{
	struct sha256 c;
	uint8_t d[32];

	ck_assert_int_eq(sha256_init_engine(&c, e), 0);
	sha256_update(&c, p, n);
	sha256_out(&c, d);
	strcpy(out, tohex(d, 32));
}

START_TEST(sha256_known_answers)
{
	static const struct {
		const char *in, *hex;
	} kat[] = {
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "hello world", "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9" },
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	};
	char out[65];

	for (size_t i = 0; i < sizeof kat / sizeof *kat; i++) {
		sha_hex(SHA256_GENERIC, kat[i].in, strlen(kat[i].in), out);
		ck_assert_str_eq(out, kat[i].hex);
		if (sha256_ni_available()) {
			sha_hex(SHA256_NI, kat[i].in, strlen(kat[i].in), out);
			ck_assert_str_eq(out, kat[i].hex);
		}
	}
}
END_TEST

/* Both engines agree on every length 0..4096 and on every split of the
 * input into two updates (exercises the NI partial-block path). */
START_TEST(sha256_engines_agree)
{
	static uint8_t data[4200];
	char a[65], b[65];

	if (!sha256_ni_available())
		return; /* nothing to compare on this CPU */
	srand(7);
	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (uint8_t)rand();
	for (size_t n = 0; n <= 4096; n++) {
		sha_hex(SHA256_GENERIC, data, n, a);
		sha_hex(SHA256_NI, data, n, b);
		ck_assert_str_eq(a, b);
	}
	for (size_t k = 0; k <= 200; k++) {
		struct sha256 c;
		uint8_t d[32];
		sha256_init_engine(&c, SHA256_NI);
		sha256_update(&c, data, k);
		sha256_update(&c, data + k, 200 - k);
		sha256_out(&c, d);
		sha_hex(SHA256_GENERIC, data, 200, a);
		ck_assert_str_eq(tohex(d, 32), a);
	}
}
END_TEST

START_TEST(hex_round_trip_and_strictness)
{
	uint8_t in[3] = { 0x00, 0xab, 0xff }, out[3] = { 9, 9, 9 };
	char h[7];

	hex_encode(in, 3, h);
	h[6] = 0;
	ck_assert_str_eq(h, "00abff");
	ck_assert_int_eq(hex_decode("00abff", 3, out), 0);
	ck_assert_mem_eq(in, out, 3);
	memset(out, 9, 3);
	ck_assert_int_eq(hex_decode("00ABff", 3, out), -1); /* upper case */
	ck_assert_int_eq(hex_decode("00abf+", 3, out), -1);
	ck_assert_int_eq(hex_decode("+a0000", 3, out), -1);
	ck_assert_int_eq(out[0], 9); /* untouched on failure */
}
END_TEST

static const char *b64(const char *s, int url)
{
	static uint8_t mem[256];
	struct nbuf b;

	nbuf_init(&b, mem, sizeof mem - 1);
	if (url)
		ck_assert_int_eq(base64url_encode(&b, (const uint8_t *)s, strlen(s)), 0);
	else
		ck_assert_int_eq(base64_encode(&b, (const uint8_t *)s, strlen(s)), 0);
	mem[b.len] = 0;
	return (const char *)mem;
}

static int unb64(const char *s, char *out)
{
	struct nbuf b;
	int r;

	nbuf_init(&b, (uint8_t *)out, 64);
	r = base64_decode(&b, s, strlen(s));
	out[b.len] = 0;
	return r;
}

START_TEST(base64_reference_and_strict)
{
	char o[80];

	ck_assert_str_eq(b64("hello", 0), "aGVsbG8=");
	ck_assert_str_eq(b64("hello", 1), "aGVsbG8");
	ck_assert_str_eq(b64("", 0), "");
	ck_assert_str_eq(b64("f", 0), "Zg==");
	ck_assert_str_eq(b64("fo", 0), "Zm8=");
	ck_assert_str_eq(b64("foo", 0), "Zm9v");
	ck_assert_str_eq(b64("\xfb\xff", 1), "-_8");
	ck_assert_int_eq(unb64("aGVsbG8=", o), 0);
	ck_assert_str_eq(o, "hello");
	ck_assert_int_eq(unb64("Zg==", o), 0);
	ck_assert_str_eq(o, "f");
	ck_assert_int_eq(unb64("", o), 0);
	/* strictness */
	ck_assert_int_eq(unb64("aGVsbG8", o), -1);    /* no padding */
	ck_assert_int_eq(unb64("aGVsbG9=", o), -1);   /* non-zero unused bits */
	ck_assert_int_eq(unb64("Zh==", o), -1);       /* non-zero unused bits */
	ck_assert_int_eq(unb64("aGVs bG8=", o), -1);  /* whitespace */
	ck_assert_int_eq(unb64("aGVsbG8=\n", o), -1);
	ck_assert_int_eq(unb64("-_8=", o), -1);       /* URL-safe alphabet */
	ck_assert_int_eq(unb64("Zg=a", o), -1);       /* padding in the middle */
	ck_assert_int_eq(unb64("Z===", o), -1);
	ck_assert_int_eq(unb64("====", o), -1);
	ck_assert_int_eq(unb64("Zg==Zg==", o), -1);
}
END_TEST

START_TEST(base64_no_room_changes_nothing)
{
	uint8_t mem[4] = { 1, 2, 3, 4 };
	struct nbuf b;

	nbuf_init(&b, mem, 3);
	ck_assert_int_eq(base64_encode(&b, (const uint8_t *)"ab", 2), -1);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_int_eq(base64_decode(&b, "aGVsbG8=", 8), -1);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_int_eq(mem[0], 1);
}
END_TEST

START_TEST(utf8_strict)
{
	ck_assert_int_eq(utf8_valid((const uint8_t *)"a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 10), 1);
	ck_assert_int_eq(utf8_valid((const uint8_t *)"\xc0\x80", 2), 0);     /* overlong */
	ck_assert_int_eq(utf8_valid((const uint8_t *)"\xe0\x80\x80", 3), 0); /* overlong */
	ck_assert_int_eq(utf8_valid((const uint8_t *)"\xed\xa0\x80", 3), 0); /* surrogate */
	ck_assert_int_eq(utf8_valid((const uint8_t *)"\xf4\x90\x80\x80", 4), 0); /* > U+10FFFF */
	ck_assert_int_eq(utf8_valid((const uint8_t *)"\xff", 1), 0);
	ck_assert_int_eq(utf8_valid((const uint8_t *)"\xc3", 1), 0);         /* truncated */
	ck_assert_int_eq(utf8_valid((const uint8_t *)"\x80", 1), 0);
}
END_TEST

START_TEST(decimal_canonical)
{
	uint64_t u;
	int64_t v;

	ck_assert_int_eq(dec_u64((const uint8_t *)"0", 1, &u), 0);
	ck_assert_int_eq(dec_u64((const uint8_t *)"18446744073709551615", 20, &u), 0);
	ck_assert(u == UINT64_MAX);
	ck_assert_int_eq(dec_u64((const uint8_t *)"18446744073709551616", 20, &u), -1);
	ck_assert_int_eq(dec_u64((const uint8_t *)"01", 2, &u), -1);
	ck_assert_int_eq(dec_u64((const uint8_t *)"", 0, &u), -1);
	ck_assert_int_eq(dec_u64((const uint8_t *)"+1", 2, &u), -1);
	ck_assert_int_eq(dec_i64((const uint8_t *)"-9223372036854775808", 20, &v), 0);
	ck_assert(v == INT64_MIN);
	ck_assert_int_eq(dec_i64((const uint8_t *)"-0", 2, &v), -1);
	ck_assert_int_eq(dec_i64((const uint8_t *)"9223372036854775808", 19, &v), -1);
}
END_TEST

static const char *pae(const char *type, const char *body)
{
	static uint8_t mem[256];
	struct nbuf b;

	nbuf_init(&b, mem, sizeof mem - 1);
	ck_assert_int_eq(dsse_pae(&b, type, strlen(type), (const uint8_t *)body,
				  strlen(body)), 0);
	mem[b.len] = 0;
	return (const char *)mem;
}

START_TEST(pae_reference)
{
	ck_assert_str_eq(pae("http://example.com/HelloWorld", "hello world"),
			 "DSSEv1 29 http://example.com/HelloWorld 11 hello world");
	ck_assert_str_eq(pae("type", ""), "DSSEv1 4 type 0 ");
	ck_assert_str_eq(pae("application/example", "hello world"),
			 "DSSEv1 19 application/example 11 hello world");
}
END_TEST

Suite *suite_encoding(void)
{
	Suite *s = suite_create("encoding");
	TCase *t = tcase_create("core");

	tcase_add_test(t, sha256_known_answers);
	tcase_add_test(t, sha256_engines_agree);
	tcase_add_test(t, hex_round_trip_and_strictness);
	tcase_add_test(t, base64_reference_and_strict);
	tcase_add_test(t, base64_no_room_changes_nothing);
	tcase_add_test(t, utf8_strict);
	tcase_add_test(t, decimal_canonical);
	tcase_add_test(t, pae_reference);
	suite_add_tcase(s, t);
	return s;
}
