/* session.json and the session digest (spec/session.md). Expected digests
 * are reference/formats.md §9.2 D3 and D5. */
#include "suites.h"

#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *D3_NET =
	"{\"timestamp_unix_ms\":5,\"mode\":\"connect\",\"decision\":\"allow\","
	"\"target\":\"example.com\",\"port\":443,\"method\":\"GET\",\"path\":"
	"\"/\",\"status\":200,\"reason\":null}";

static const char *CMD[] = { "/bin/pwd" };
static const char *TRACK[] = { "/tmp/work" };

static void v1(struct session_meta *m)
{
	memset(m, 0, sizeof *m);
	m->session_id = "20260421-200000-11111";
	m->started = "2026-04-21T20:00:00Z";
	m->ended = "2026-04-21T20:00:01Z";
	m->command = CMD;
	m->ncommand = 1;
	m->tracked_paths = TRACK;
	m->ntracked = 1;
	m->has_exit_code = 1;
	m->exit_code = 0;
	m->audit_event_count = 2;
}

static uint8_t d3_roots[1][32];
static struct audit_integrity d3_int;
static const uint8_t *d3_net[1];
static size_t d3_len[1];

static void d3(struct session_meta *m)
{
	v1(m);
	m->exe_path = "/bin/pwd";
	fill32(m->exe_sha256, 9);
	m->snapshot_count = 3;
	m->exit_code = 7;
	fill32(d3_roots[0], 1);
	m->merkle_roots = (const uint8_t(*)[32])d3_roots;
	m->nroots = 1;
	d3_net[0] = (const uint8_t *)D3_NET;
	d3_len[0] = strlen(D3_NET);
	m->net_events = d3_net;
	m->net_lens = d3_len;
	m->nnet = 1;
	m->audit_event_count = 9;
	d3_int.event_count = 9;
	fill32(d3_int.chain_head, 2);
	fill32(d3_int.merkle_root, 3);
	m->integrity = &d3_int;
}

static const char *digest_hex(const struct session_meta *m)
{
	uint8_t d[32];

	session_digest(m, d);
	return tohex(d, 32);
}

START_TEST(d3_digests)
{
	static uint8_t mem[4096];
	struct session_meta m;
	struct nbuf b;
	struct jw w;
	const char *T2[] = { "/tmp/\xff" };

	d3(&m);
	nbuf_init(&b, mem, sizeof mem - 1);
	jw_init(&w, &b, 0);
	session_digest_preimage(&w, &m);
	ck_assert_int_eq(jw_finish(&w), 0);
	mem[b.len] = 0;
	ck_assert_str_eq((char *)mem,
		"{\"session_id\":\"20260421-200000-11111\",\"started\":\"2026-04-21T20:00:00Z\",\"ended\":\"2026-04-21T20:00:01Z\",\"command\":[\"/bin/pwd\"],\"executable_identity\":{\"resolved_path\":[47,98,105,110,47,112,119,100],\"sha256\":\"0909090909090909090909090909090909090909090909090909090909090909\"},\"tracked_paths\":[[47,116,109,112,47,119,111,114,107]],\"snapshot_count\":3,\"exit_code\":7,\"merkle_roots\":[\"0101010101010101010101010101010101010101010101010101010101010101\"],\"network_events\":[{\"timestamp_unix_ms\":5,\"mode\":\"connect\",\"decision\":\"allow\",\"target\":\"example.com\",\"port\":443,\"method\":\"GET\",\"path\":\"/\",\"status\":200,\"reason\":null}],\"audit_event_count\":9,\"audit_integrity\":{\"hash_algorithm\":\"sha256\",\"event_count\":9,\"chain_head\":\"0202020202020202020202020202020202020202020202020202020202020202\",\"merkle_root\":\"0303030303030303030303030303030303030303030303030303030303030303\"},\"audit_attestation\":null}");
	ck_assert_str_eq(digest_hex(&m), "9a7bd5fceaaaefd8da04934efed3a748af007618c84d0d1eefee6388ac155e50");

	v1(&m);
	m.tracked_paths = T2;
	ck_assert_str_eq(digest_hex(&m), "f173688c1f6bcec8218eb6337f0aa4f4e400e4b2f283267ab17cf637ecd01ac0");
	v1(&m);
	m.ended = NULL;
	ck_assert_str_eq(digest_hex(&m), "0a8c43736e9c2e24a3f36c7e79ab251cd463172a5479efc6293cd643445d23e4");
}
END_TEST

START_TEST(d5_digest_with_attestation)
{
	struct session_meta m;
	struct audit_integrity ai;
	struct audit_attestation_summary as;
	const char *track[] = { "/tmp/project" };

	memset(&m, 0, sizeof m);
	m.session_id = "sess-1";
	m.started = "2026-04-22T12:00:00Z";
	m.ended = "2026-04-22T12:00:01Z";
	m.command = CMD;
	m.ncommand = 1;
	m.tracked_paths = track;
	m.ntracked = 1;
	m.has_exit_code = 1;
	m.audit_event_count = 2;
	ai.event_count = 2;
	fill32(ai.chain_head, 0x11);
	fill32(ai.merkle_root, 0x22);
	m.integrity = &ai;
	as.predicate_type = AUDIT_PREDICATE_TYPE;
	hex32("6991759e500c18d32ba200b9baa1a208610d72b52cad5117bc2ed610d2106642", as.key_id);
	as.public_key = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEreoNmbdEk5YBfsGeuCc3Q0ZaT3ja9YeemSxBKh31VhYSViCkUmm7cWD1f1ScjL/paNy9EMEirKLh7N3bRdc1UA==";
	as.bundle_filename = AUDIT_BUNDLE_FILENAME;
	m.attestation = &as;
	ck_assert_str_eq(digest_hex(&m), "a6e7ca7e723efc4c1156540500dfb6a587a7d016f1fecec0dfb2ea21583f88cf");
}
END_TEST

static size_t write_json(const struct session_meta *m, char *out, size_t cap)
{
	struct nbuf b;
	struct jw w;

	nbuf_init(&b, (uint8_t *)out, cap - 1);
	jw_init(&w, &b, 1);
	session_write(&w, m);
	ck_assert_int_eq(jw_finish(&w), 0);
	out[b.len] = 0;
	return b.len;
}

static int parse_str(const char *js, struct session_meta *m,
		     struct session_err *e)
{
	static jsmntok_t tok[8192];
	static uint8_t arena[1 << 16];
	struct nbuf a;
	size_t n = strlen(js);

	nbuf_init(&a, arena, sizeof arena);
	ck_assert_uint_le(session_arena_for(n), sizeof arena);
	return session_parse((const uint8_t *)js, n, tok, 8192, &a, m, e);
}

START_TEST(write_layout_and_round_trip)
{
	static char js[8192];
	struct session_meta m, r;
	struct session_err e;
	uint8_t d1[32], d2[32];

	d3(&m);
	write_json(&m, js, sizeof js);
	/* serde pretty layout, no trailing newline */
	ck_assert(strncmp(js, "{\n  \"session_id\": \"20260421-200000-11111\",\n  \"started\"", 50) == 0);
	ck_assert(strstr(js, "\"merkle_roots\": [\n    \"0101") != NULL);
	ck_assert(strstr(js, "\"network_events\": [\n    {\n      \"timestamp_unix_ms\": 5,\n      \"mode\": \"connect\"") != NULL);
	ck_assert(js[strlen(js) - 1] == '}');
	ck_assert_int_eq(parse_str(js, &r, &e), 0);
	session_digest(&m, d1);
	session_digest(&r, d2);
	ck_assert_mem_eq(d1, d2, 32);
	ck_assert_str_eq(r.session_id, m.session_id);
	ck_assert_uint_eq(r.nnet, 1);
	ck_assert_uint_eq(r.integrity->event_count, 9);

	v1(&m);
	write_json(&m, js, sizeof js);
	ck_assert(strstr(js, "\"merkle_roots\": [],\n  \"network_events\": [],") != NULL);
	ck_assert(strstr(js, "\"executable_identity\": null,") != NULL);
	ck_assert_int_eq(parse_str(js, &r, &e), 0);
	ck_assert(r.exe_path == NULL && r.integrity == NULL && r.attestation == NULL);
}
END_TEST

/* Keys the original defaults when missing default the same way. */
START_TEST(missing_optional_keys_default)
{
	const char *js = "{\"session_id\":\"abc\",\"started\":\"s\",\"command\":[],"
			 "\"tracked_paths\":[],\"snapshot_count\":0,\"merkle_roots\":[]}";
	struct session_meta m;
	struct session_err e;

	ck_assert_int_eq(parse_str(js, &m, &e), 0);
	ck_assert(m.ended == NULL && !m.has_exit_code && m.nnet == 0 &&
		  m.audit_event_count == 0 && !m.integrity && !m.attestation);
}
END_TEST

/* Replaces the first occurrence of `from` in a valid document. */
static int parse_variant(const char *from, const char *to)
{
	static char js[8192], mod[8192];
	struct session_meta m;
	struct session_err e;
	char *p;

	d3(&m);
	write_json(&m, js, sizeof js);
	p = strstr(js, from);
	ck_assert_msg(p != NULL, "no %s", from);
	snprintf(mod, sizeof mod, "%.*s%s%s", (int)(p - js), js, to, p + strlen(from));
	return parse_str(mod, &m, &e);
}

START_TEST(strictness)
{
	ck_assert_int_eq(parse_variant("\"started\"", "\"startedx\""), -1);   /* renamed */
	ck_assert_int_eq(parse_variant("\"command\"", "\"extra\": 1, \"command\""), -1);
	ck_assert_int_eq(parse_variant("\"snapshot_count\": 3", "\"snapshot_count\": \"3\""), -1);
	ck_assert_int_eq(parse_variant("\"snapshot_count\": 3", "\"snapshot_count\": 4294967296"), -1);
	ck_assert_int_eq(parse_variant("\"exit_code\": 7", "\"exit_code\": 2147483648"), -1);
	ck_assert_int_eq(parse_variant("\"0101", "\"0A01"), -1);                   /* upper case */
	ck_assert_int_eq(parse_variant("\"chain_head\": \"02", "\"chain_head\": \"2"), -1); /* length */
	ck_assert_int_eq(parse_variant("\"sha256\",", "\"sha512\","), -1);
	ck_assert_int_eq(parse_variant("20260421-200000-11111", "../x"), -1);
	ck_assert_int_eq(parse_variant("\"mode\": \"connect\"", "\"mode\": \"teleport\""), -1);
	ck_assert_int_eq(parse_variant("\"timestamp_unix_ms\": 5,\n      \"mode\": \"connect\"",
				       "\"mode\": \"connect\",\n      \"timestamp_unix_ms\": 5"), -1); /* order */
	ck_assert_int_eq(parse_variant("\"reason\": null", "\"reason\": null, \"x\": 1"), -1);
	ck_assert_int_eq(parse_variant("\"resolved_path\"", "\"resolved_pathx\""), -1);
	ck_assert_int_eq(parse_variant("\"command\": [", "\"command\": [1, "), -1);
	ck_assert_int_eq(parse_variant("\"session_id\": \"20260421-200000-11111\",",
				       "\"session_id\": \"20260421-200000-11111\", \"session_id\": \"x\","), -1);
	/* whitespace and key order at the top level are free */
	ck_assert_int_eq(parse_variant("\"started\": \"2026-04-21T20:00:00Z\",",
				       "\n\n  \"started\"  :  \"2026-04-21T20:00:00Z\" ,"), 0);
}
END_TEST

START_TEST(session_ids)
{
	char long65[66];

	ck_assert(session_id_valid("3f9a0c1d2e4b5a69", 16));
	ck_assert(session_id_valid("20260214-143022-12345", 21));
	ck_assert(session_id_valid("A_b-9", 5));
	ck_assert(!session_id_valid("", 0));
	ck_assert(!session_id_valid("../x", 4));
	ck_assert(!session_id_valid("/abs", 4));
	ck_assert(!session_id_valid("a.b", 3));
	ck_assert(!session_id_valid("a b", 3));
	ck_assert(!session_id_valid("a\nb", 3));
	memset(long65, 'a', 65);
	long65[65] = 0;
	ck_assert(session_id_valid(long65, 64));
	ck_assert(!session_id_valid(long65, 65));
}
END_TEST

Suite *suite_session(void)
{
	Suite *s = suite_create("session");
	TCase *t = tcase_create("core");

	tcase_add_test(t, d3_digests);
	tcase_add_test(t, d5_digest_with_attestation);
	tcase_add_test(t, write_layout_and_round_trip);
	tcase_add_test(t, missing_optional_keys_default);
	tcase_add_test(t, strictness);
	tcase_add_test(t, session_ids);
	suite_add_tcase(s, t);
	return s;
}
