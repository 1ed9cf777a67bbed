/* Ledger records, chain and streaming verification (spec/ledger.md). */
#include "suites.h"

#include "ledger.h"

#include <stdio.h>
#include <string.h>

static uint8_t lbuf[LEDGER_LINE_MAX];

/* Builds a ledger of n sessions "s0".."s{n-1}" with digest i. */
static size_t build(uint8_t *buf, size_t cap, int n)
{
	struct nbuf out;
	uint8_t prev[32], d[32];
	char id[8];

	nbuf_init(&out, buf, cap);
	for (int i = 0; i < n; i++) {
		size_t l = (size_t)snprintf(id, sizeof id, "s%d", i);
		fill32(d, (uint8_t)i);
		ck_assert_int_eq(ledger_record_write(&out, (uint64_t)i, i ? prev : NULL,
						     id, l, d, "2026-04-21T20:00:01Z", 20,
						     prev), 0);
	}
	return out.len;
}

static int verify(const uint8_t *buf, size_t n, const char *id, uint8_t dv,
		  struct ledger_verifier *v)
{
	uint8_t d[32];

	fill32(d, dv);
	ledger_verifier_init(v, lbuf, sizeof lbuf, id, d);
	if (ledger_verifier_push(v, buf, n) < 0)
		return -1;
	return ledger_verifier_finish(v);
}

START_TEST(record_layout_and_chain)
{
	uint8_t buf[4096];
	struct ledger_verifier v;
	size_t n = build(buf, sizeof buf, 3);
	const char *first = "{\"sequence\":0,\"prev_chain\":null,\"session_id\":\"s0\","
			    "\"session_digest\":\"0000000000000000000000000000000000000000000000000000000000000000\","
			    "\"completed_at\":\"2026-04-21T20:00:01Z\",\"chain_hash\":\"";

	ck_assert_mem_eq(buf, first, strlen(first));
	ck_assert_int_eq(verify(buf, n, "s1", 1, &v), 0);
	ck_assert_uint_eq(v.count, 3);
	ck_assert(v.session_found && v.digest_matches);
	ck_assert_int_eq(verify(buf, n, "s1", 2, &v), 0);
	ck_assert(v.session_found && !v.digest_matches);
	ck_assert_int_eq(verify(buf, n, "s9", 1, &v), 0);
	ck_assert(!v.session_found);
	ck_assert_int_eq(verify(buf, 0, "s9", 1, &v), 0);
	ck_assert_uint_eq(v.count, 0);
}
END_TEST

START_TEST(every_single_byte_change_detected)
{
	uint8_t buf[4096], mod[4096];
	struct ledger_verifier v;
	size_t n = build(buf, sizeof buf, 3);
	uint8_t head0[32];

	ck_assert_int_eq(verify(buf, n, "s1", 1, &v), 0);
	memcpy(head0, v.head, 32);
	for (size_t i = 0; i < n; i++) {
		for (unsigned x = 1; x < 256; x++) {
			memcpy(mod, buf, n);
			mod[i] ^= (uint8_t)x;
			if (verify(mod, n, "s1", 1, &v) < 0)
				continue;
			ck_assert_msg(memcmp(v.head, head0, 32) != 0 ||
					      !v.digest_matches || v.count != 3,
				      "undetected change at %zu ^ %u", i, x);
		}
	}
}
END_TEST

START_TEST(write_rejects_bad_input)
{
	uint8_t buf[256], d[32] = { 0 }, c[32];
	struct nbuf out;

	nbuf_init(&out, buf, sizeof buf);
	ck_assert_int_eq(ledger_record_write(&out, 0, NULL, "../x", 4, d, "t", 1, c), -1);
	ck_assert_int_eq(ledger_record_write(&out, 0, NULL, "ok", 2, d, "\xff", 1, c), -1);
	nbuf_init(&out, buf, 100);
	ck_assert_int_eq(ledger_record_write(&out, 0, NULL, "ok", 2, d, "t", 1, c), -1); /* no room */
	ck_assert_uint_eq(out.len, 0);
}
END_TEST

Suite *suite_ledger(void)
{
	Suite *s = suite_create("ledger");
	TCase *t = tcase_create("core");

	tcase_set_timeout(t, 30);
	tcase_add_test(t, record_layout_and_chain);
	tcase_add_test(t, every_single_byte_change_detected);
	tcase_add_test(t, write_rejects_bad_input);
	suite_add_tcase(s, t);
	return s;
}
