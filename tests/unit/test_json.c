/* JSON writer, strict reader, canonical matcher (spec/json.md). */
#include "suites.h"

#include "cjson.h"
#include "json_read.h"
#include "json_str.h"
#include "json_write.h"

#include <stdio.h>
#include <string.h>

static int parse(const char *s)
{
	static jsmntok_t tok[4096];
	struct json_doc d;
	struct json_err e;

	return json_parse(&d, (const uint8_t *)s, strlen(s), tok, 4096, &e);
}

START_TEST(reader_accepts_valid)
{
	static const char *ok[] = {
		"{}", "[]", "{\"a\":1}", " { \"a\" : [ 1 , 2 ] } \n",
		"{\"a\":{\"b\":[]}}", "[true,false,null]",
		"[18446744073709551615]", "[-9223372036854775808]",
		"[\"\\ud83d\\ude00\"]", "[\"\\u00e9\\/\\\"\\\\\\b\\f\\n\\r\\t\"]",
		"[\"\xc3\xa9\"]", "{\"a\":1,\"b\":2}", "[\"\\u001F\"]",
	};

	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
		ck_assert_msg(parse(ok[i]) == 0, "rejected: %s", ok[i]);
}
END_TEST

/* Everything jsmn 1.1.0 lets through (reference/toolchain.md §3) and the
 * issue's list: all rejected. */
START_TEST(reader_rejects_invalid)
{
	static const char *bad[] = {
		"{\"a\":1,}", "[1,2,]", "{\"a\":tru}", "{\"a\":01}",
		"[\"a\" \"b\"]", "{\"a\":\"x\" \"b\":1}", "{\"a\":1}{\"b\":2}",
		"{\"a\":1,\"a\":2}", "{\"a\":1,\"\\u0061\":2}",
		"[\"\\ud800\"]", "[\"\\udc00\"]", "[\"\\ud800\\u0041\"]",
		"[\"\\u0000\"]", "[1.5]", "[1e3]", "[-0]",
		"[18446744073709551616]", "[-9223372036854775809]",
		"{\"a\"::1}", "[\"a\":1]", "{\"a\"}", "{,}", "[,1]", "[1,,2]",
		"[\"\xff\"]", "[\"\xc0\x80\"]", "[\"\x01\"]", "[\"a\tb\"]",
		"true", "12", "\"s\"", "", " ", "[", "[1", "{\"a\":", "]",
		"[nul]", "[True]", "[+1]", "[\"\\x\"]", "[\"\\u12\"]",
		"{1:2}", "{\"a\":1 \"b\":2}", "[1]x", "[1] [2]",
		"{\"fs\":{\"read\":[\"/usr\"]:{}}}",
	};

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		ck_assert_msg(parse(bad[i]) < 0, "accepted: %s", bad[i]);
}
END_TEST

START_TEST(reader_rejects_nul_and_depth)
{
	static jsmntok_t tok[256];
	struct json_doc d;
	struct json_err e;
	char deep[200];
	size_t n = 0;

	ck_assert_int_eq(json_parse(&d, (const uint8_t *)"[1]\0", 4, tok, 256, &e), -1);
	ck_assert_int_eq(json_parse(&d, (const uint8_t *)"[\"a\0\"]", 6, tok, 256, &e), -1);
	/* depth 32 is fine, 33 is not */
	for (int i = 0; i < 32; i++)
		deep[n++] = '[';
	for (int i = 0; i < 32; i++)
		deep[n++] = ']';
	ck_assert_int_eq(json_parse(&d, (const uint8_t *)deep, n, tok, 256, &e), 0);
	n = 0;
	for (int i = 0; i < 33; i++)
		deep[n++] = '[';
	for (int i = 0; i < 33; i++)
		deep[n++] = ']';
	ck_assert_int_eq(json_parse(&d, (const uint8_t *)deep, n, tok, 256, &e), -1);
	ck_assert_str_eq(e.msg, "nesting too deep");
	/* too few tokens is an error, never an overflow */
	ck_assert_int_eq(json_parse(&d, (const uint8_t *)"[1,2,3]", 7, tok, 3, &e), -1);
}
END_TEST

START_TEST(reader_accessors)
{
	static jsmntok_t tok[64];
	const char *s = "{\"n\":42,\"neg\":-7,\"s\":\"x\\u0079\",\"h\":"
			"\"00ff\",\"b\":true,\"z\":null,\"o\":{\"k\":[1,2]}}";
	struct json_doc d;
	struct json_err e;
	uint64_t u;
	int64_t v;
	int b;
	uint8_t h[2];
	static const char *const known[] = { "n", "neg", "s", "h", "b", "z" };

	ck_assert_int_eq(json_parse(&d, (const uint8_t *)s, strlen(s), tok, 64, &e), 0);
	ck_assert_int_eq(json_get_u64(&d, json_obj_get(&d, 0, "n"), 100, &u), 0);
	ck_assert_uint_eq(u, 42);
	ck_assert_int_eq(json_get_u64(&d, json_obj_get(&d, 0, "n"), 41, &u), -1);
	ck_assert_int_eq(json_get_i64(&d, json_obj_get(&d, 0, "neg"), -10, 10, &v), 0);
	ck_assert_int_eq(v, -7);
	ck_assert(json_str_eq(&d, json_obj_get(&d, 0, "s"), "xy"));
	ck_assert_int_eq(json_get_hex(&d, json_obj_get(&d, 0, "h"), h, 2), 0);
	ck_assert_int_eq(h[1], 0xff);
	ck_assert_int_eq(json_get_bool(&d, json_obj_get(&d, 0, "b"), &b), 0);
	ck_assert_int_eq(b, 1);
	ck_assert(json_is_null(&d, json_obj_get(&d, 0, "z")));
	ck_assert_int_eq(json_obj_get(&d, 0, "missing"), -1);
	ck_assert(json_str_eq(&d, json_obj_unknown_key(&d, 0, known, 6), "o"));
	ck_assert_int_eq(json_count(&d, json_obj_get(&d, 0, "o")), 1);
}
END_TEST

static const char *write_doc(int pretty)
{
	static uint8_t mem[1024];
	struct nbuf b;
	struct jw w;

	nbuf_init(&b, mem, sizeof mem - 1);
	jw_init(&w, &b, pretty);
	jw_obj_begin(&w);
	jw_key(&w, "a");
	jw_arr_begin(&w);
	jw_arr_end(&w);
	jw_key(&w, "b");
	jw_obj_begin(&w);
	jw_obj_end(&w);
	jw_key(&w, "c");
	jw_arr_begin(&w);
	jw_str(&w, "x/\xc3\xa9\x7f");
	jw_i64(&w, -5);
	jw_u64(&w, 18446744073709551615u);
	jw_bool(&w, 0);
	jw_null(&w);
	jw_arr_end(&w);
	jw_key(&w, "d");
	jw_obj_begin(&w);
	jw_key(&w, "e");
	jw_bytes(&w, (const uint8_t *)"/t", 2);
	jw_obj_end(&w);
	jw_obj_end(&w);
	ck_assert_int_eq(jw_finish(&w), JW_OK);
	mem[b.len] = 0;
	return (const char *)mem;
}

START_TEST(writer_compact_and_pretty)
{
	ck_assert_str_eq(write_doc(0),
			 "{\"a\":[],\"b\":{},\"c\":[\"x/\xc3\xa9\x7f\",-5,"
			 "18446744073709551615,false,null],\"d\":{\"e\":[47,116]}}");
	ck_assert_str_eq(write_doc(1),
			 "{\n  \"a\": [],\n  \"b\": {},\n  \"c\": [\n    "
			 "\"x/\xc3\xa9\x7f\",\n    -5,\n    18446744073709551615,\n"
			 "    false,\n    null\n  ],\n  \"d\": {\n    \"e\": [\n"
			 "      47,\n      116\n    ]\n  }\n}");
}
END_TEST

/* The canonical escaping of every byte below 0x20 (spec/json.md §2). */
START_TEST(escape_every_control_byte)
{
	for (unsigned b = 0; b < 0x20; b++) {
		uint8_t in = (uint8_t)b, mem[16];
		char want[8];
		struct nbuf o;

		nbuf_init(&o, mem, sizeof mem);
		ck_assert_int_eq(json_escape(&o, &in, 1), 0);
		switch (b) {
		case 8: strcpy(want, "\\b"); break;
		case 9: strcpy(want, "\\t"); break;
		case 10: strcpy(want, "\\n"); break;
		case 12: strcpy(want, "\\f"); break;
		case 13: strcpy(want, "\\r"); break;
		default: snprintf(want, sizeof want, "\\u%04x", b);
		}
		ck_assert_uint_eq(o.len, strlen(want));
		ck_assert_mem_eq(mem, want, o.len);
	}
	{
		uint8_t mem[16];
		struct nbuf o;
		nbuf_init(&o, mem, sizeof mem);
		ck_assert_int_eq(json_escape(&o, (const uint8_t *)"\"\\/", 3), 0);
		ck_assert_mem_eq(mem, "\\\"\\\\/", 5);
		ck_assert_uint_eq(json_escaped_len((const uint8_t *)"\x1f", 1), 6);
		nbuf_init(&o, mem, 5);
		ck_assert_int_eq(json_escape(&o, (const uint8_t *)"\x1f", 1), -1);
		ck_assert_uint_eq(o.len, 0);
	}
}
END_TEST

START_TEST(writer_errors_are_sticky)
{
	uint8_t mem[8];
	struct nbuf b;
	struct jw w;

	nbuf_init(&b, mem, sizeof mem);
	jw_init(&w, &b, 0);
	jw_arr_begin(&w);
	jw_str(&w, "\xff");
	ck_assert_int_eq(jw_finish(&w), JW_EUTF8);
	nbuf_init(&b, mem, sizeof mem);
	jw_init(&w, &b, 0);
	jw_arr_begin(&w);
	jw_strn(&w, (const uint8_t *)"a\0b", 3);
	ck_assert_int_eq(jw_finish(&w), JW_EUTF8);
	nbuf_init(&b, mem, sizeof mem);
	jw_init(&w, &b, 0);
	jw_arr_begin(&w);
	jw_str(&w, "0123456789");
	ck_assert_int_eq(jw_finish(&w), JW_ESPACE);
	nbuf_init(&b, mem, sizeof mem);
	jw_init(&w, &b, 0);
	jw_obj_begin(&w);
	jw_u64(&w, 1); /* value without a key */
	ck_assert_int_eq(jw_finish(&w), JW_ESTATE);
}
END_TEST

static int canon(const char *s, const struct cs_type *t)
{
	struct cj c;

	cj_init(&c, (const uint8_t *)s, strlen(s));
	return cs_match(&c, t) == 0 && cj_end(&c) ? 0 : -1;
}

START_TEST(canonical_strings)
{
	static const struct cs_type str = { .kind = CS_STR };

	ck_assert_int_eq(canon("\"a\\\"b\\\\c/\\n\\u001f\xc3\xa9\x7f\"", &str), 0);
	ck_assert_int_eq(canon("\"\\/\"", &str), -1);      /* not minimal */
	ck_assert_int_eq(canon("\"\\u0041\"", &str), -1);  /* not minimal */
	ck_assert_int_eq(canon("\"\\u000a\"", &str), -1);  /* has short form */
	ck_assert_int_eq(canon("\"\\u001F\"", &str), -1);  /* upper-case hex */
	ck_assert_int_eq(canon("\"\\u0000\"", &str), -1);  /* NUL */
	ck_assert_int_eq(canon("\"\\u00e9\"", &str), -1);  /* must be raw UTF-8 */
	ck_assert_int_eq(canon("\"\x01\"", &str), -1);
	ck_assert_int_eq(canon("\"\xff\"", &str), -1);
	ck_assert_int_eq(canon("\"a\" ", &str), -1);       /* trailing space */
}
END_TEST

START_TEST(canonical_objects)
{
	static const struct cs_type u16 = { .kind = CS_UINT, .max = 65535 };
	static const struct cs_type str = { .kind = CS_STR };
	static const struct cs_field f[] = {
		CS_F("a", CS_REQ, &u16),
		CS_F("b", CS_NULLABLE, &str),
		CS_F("c", CS_SKIP_NONE, &str),
		CS_F("d", CS_REQ, &str),
	};
	static const struct cs_type o = { .kind = CS_OBJ, .n = 4, .fields = f };

	ck_assert_int_eq(canon("{\"a\":1,\"b\":null,\"d\":\"x\"}", &o), 0);
	ck_assert_int_eq(canon("{\"a\":1,\"b\":\"y\",\"c\":\"z\",\"d\":\"x\"}", &o), 0);
	ck_assert_int_eq(canon("{\"a\":1,\"d\":\"x\"}", &o), -1);          /* b missing */
	ck_assert_int_eq(canon("{\"a\":1,\"b\":null,\"c\":null,\"d\":\"x\"}", &o), -1);
	ck_assert_int_eq(canon("{\"b\":null,\"a\":1,\"d\":\"x\"}", &o), -1); /* order */
	ck_assert_int_eq(canon("{\"a\":65536,\"b\":null,\"d\":\"x\"}", &o), -1);
	ck_assert_int_eq(canon("{\"a\":01,\"b\":null,\"d\":\"x\"}", &o), -1);
	ck_assert_int_eq(canon("{\"a\":1, \"b\":null,\"d\":\"x\"}", &o), -1);
	ck_assert_int_eq(canon("{\"a\":1,\"b\":null,\"d\":\"x\",\"e\":1}", &o), -1);
}
END_TEST

Suite *suite_json(void)
{
	Suite *s = suite_create("json");
	TCase *t = tcase_create("core");

	tcase_add_test(t, reader_accepts_valid);
	tcase_add_test(t, reader_rejects_invalid);
	tcase_add_test(t, reader_rejects_nul_and_depth);
	tcase_add_test(t, reader_accessors);
	tcase_add_test(t, writer_compact_and_pretty);
	tcase_add_test(t, escape_every_control_byte);
	tcase_add_test(t, writer_errors_are_sticky);
	tcase_add_test(t, canonical_strings);
	tcase_add_test(t, canonical_objects);
	suite_add_tcase(s, t);
	return s;
}
