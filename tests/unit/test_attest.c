/* Keys, PEM, DER signatures, statements and bundle verification
 * (spec/attestation.md). Reference values: reference/formats.md §9.2 D5. */
#include "suites.h"

#include "attest.h"
#include "base64.h"
#include "dsse.h"
#include "hex.h"
#include "json_read.h"
#include "keytext.h"
#include "pem.h"
#include "secret_service_abi.h"
#include "sha256.h"

#include <libsecret/secret.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* nono's published test key (D5). A TEST KEY: never use it to sign. */
static const char *TEST_KEY =
	"-----BEGIN PRIVATE KEY-----\n"
	"MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgskOkyJkTwlMZkm/L\n"
	"eEleLY6bARaHFnqauYJqxNoJWvihRANCAASt6g2Zt0STlgF+wZ64JzdDRlpPeNr1\n"
	"h56ZLEEqHfVWFhJWIKRSabtxYPV/VJyMv+lo3L0QwSKsouHs3dtF1zVQ\n"
	"-----END PRIVATE KEY-----\n";
static const char *TEST_SPKI_B64 =
	"MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEreoNmbdEk5YBfsGeuCc3Q0ZaT3ja9Yee"
	"mSxBKh31VhYSViCkUmm7cWD1f1ScjL/paNy9EMEirKLh7N3bRdc1UA==";

static void test_key(struct p256_priv *sk, struct p256_pub *pk)
{
	const char *why;

	ck_assert_int_eq(privkey_text_decode((const uint8_t *)TEST_KEY,
					     strlen(TEST_KEY), sk, &why), 0);
	ck_assert_int_eq(p256_pub_from_priv(sk, pk), 0);
}

START_TEST(d5_key_id_and_spki)
{
	struct p256_priv sk;
	struct p256_pub pk, pk2;
	uint8_t id[32], der[P256_SPKI_LEN], mem[200];
	struct nbuf b;
	const char *why;

	test_key(&sk, &pk);
	p256_key_id(&pk, id);
	ck_assert_str_eq(tohex(id, 32), "6991759e500c18d32ba200b9baa1a208610d72b52cad5117bc2ed610d2106642");
	p256_spki_encode(&pk, der);
	nbuf_init(&b, mem, sizeof mem - 1);
	ck_assert_int_eq(base64_encode(&b, der, sizeof der), 0);
	mem[b.len] = 0;
	ck_assert_str_eq((char *)mem, TEST_SPKI_B64);
	ck_assert_int_eq(pubkey_text_decode((const uint8_t *)TEST_SPKI_B64,
					    strlen(TEST_SPKI_B64), &pk2, &why), 0);
	ck_assert_mem_eq(pk.q, pk2.q, 65);
}

static const char *D5_PAYLOAD =
	"{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"audit-session:sess-1\",\"digest\":{\"sha256\":\"2222222222222222222222222222222222222222222222222222222222222222\"}}],\"predicateType\":\"https://nono.sh/attestation/audit-session/alpha\",\"predicate\":{\"version\":1,\"session_id\":\"sess-1\",\"started\":\"2026-04-22T12:00:00Z\",\"ended\":\"2026-04-22T12:00:01Z\",\"command\":[\"/bin/pwd\"],\"audit_log\":{\"hash_algorithm\":\"sha256\",\"event_count\":2,\"chain_head\":\"1111111111111111111111111111111111111111111111111111111111111111\",\"merkle_root\":\"2222222222222222222222222222222222222222222222222222222222222222\"},\"signer\":{\"kind\":\"keyed\",\"key_id\":\"6991759e500c18d32ba200b9baa1a208610d72b52cad5117bc2ed610d2106642\"}}}";

static const char *CMD[] = { "/bin/pwd" };

static void d5_meta(struct session_meta *m, struct audit_integrity *ai)
{
	memset(m, 0, sizeof *m);
	m->session_id = "sess-1";
	m->started = "2026-04-22T12:00:00Z";
	m->ended = "2026-04-22T12:00:01Z";
	m->command = CMD;
	m->ncommand = 1;
	ai->event_count = 2;
	fill32(ai->chain_head, 0x11);
	fill32(ai->merkle_root, 0x22);
	m->integrity = ai;
}

START_TEST(d5_statement_and_pae)
{
	struct session_meta m;
	struct audit_integrity ai;
	struct p256_priv sk;
	struct p256_pub pk;
	uint8_t id[32], out[2048], arena[1024], pae[2048], h[32];
	struct nbuf o, a, p;
	struct jw w;

	test_key(&sk, &pk);
	p256_key_id(&pk, id);
	d5_meta(&m, &ai);
	nbuf_init(&o, out, sizeof out);
	nbuf_init(&a, arena, sizeof arena);
	jw_init(&w, &o, 0);
	ck_assert_int_eq(attest_statement_write(&w, &m, NULL, id, &a), 0);
	ck_assert_int_eq(jw_finish(&w), 0);
	ck_assert_uint_eq(o.len, 694);
	ck_assert_mem_eq(out, D5_PAYLOAD, 694);
	sha256(out, o.len, h);
	ck_assert_str_eq(tohex(h, 32), "dcaf4d102bd7a6637c1f4705bdc3e34c85022617929da80c95641b3f0e496842");
	nbuf_init(&p, pae, sizeof pae);
	ck_assert_int_eq(dsse_pae(&p, ATTEST_PAYLOAD_TYPE, 28, out, o.len), 0);
	ck_assert_mem_eq(pae, "DSSEv1 28 application/vnd.in-toto+json 694 ", 43);
	sha256(pae, p.len, h);
	ck_assert_str_eq(tohex(h, 32), "c129cb63f4dd6f9807dedc8ddf00e4197803860b577e856764afe329bde8c504");
	/* without an integrity summary there is nothing to attest */
	m.integrity = NULL;
	nbuf_init(&o, out, sizeof out);
	jw_init(&w, &o, 0);
	ck_assert_int_eq(attest_statement_write(&w, &m, NULL, id, &a), -1);
}

static uint8_t scratch[1 << 16], bundle[1 << 14];

/* Signs the D5 session and verifies the bundle with the given tweaks. */
static void sign_verify(const char *from, const char *to, int pin,
			struct attest_result *r)
{
	struct session_meta m;
	struct audit_integrity ai;
	struct audit_attestation_summary as;
	struct p256_priv sk;
	struct p256_pub pk;
	char pub[P256_SPKI_LEN * 2];
	struct nbuf s, b;
	struct attest_input in;
	char *p;

	test_key(&sk, &pk);
	d5_meta(&m, &ai);
	nbuf_init(&s, scratch, sizeof scratch);
	nbuf_init(&b, bundle, sizeof bundle - 1);
	ck_assert_int_eq(attest_sign(&m, NULL, &sk, &s, &b, as.key_id, pub), 0);
	bundle[b.len] = 0;
	if (from) {
		size_t fl = strlen(from), tl = strlen(to);
		p = strstr((char *)bundle, from);
		ck_assert_msg(p != NULL, "no %s", from);
		memmove(p + tl, p + fl, strlen(p + fl) + 1);
		memcpy(p, to, tl);
		b.len = strlen((char *)bundle);
	}
	as.predicate_type = AUDIT_PREDICATE_TYPE;
	as.public_key = pub;
	as.bundle_filename = AUDIT_BUNDLE_FILENAME;
	m.attestation = &as;
	memset(&in, 0, sizeof in);
	in.m = &m;
	in.bundle = bundle;
	in.bundle_len = b.len;
	in.bundle_path = "B";
	in.expected = pin ? &pk : NULL;
	nbuf_init(&s, scratch, sizeof scratch);
	attest_verify(&in, r, &s);
}

START_TEST(bundle_sign_verify_and_deterministic)
{
	struct attest_result r;
	uint8_t first[1 << 14];
	size_t n;

	sign_verify(NULL, NULL, 1, &r);
	ck_assert_msg(r.verified, "%s", r.error);
	ck_assert(r.signature_verified && r.key_id_matches &&
		  r.merkle_root_matches && r.session_id_matches);
	ck_assert_int_eq(r.expected_key, 1);
	ck_assert_str_eq(r.error, "");
	/* RFC 6979: the same key and statement give the same bundle */
	n = strlen((char *)bundle);
	memcpy(first, bundle, n);
	sign_verify(NULL, NULL, 0, &r);
	ck_assert(r.verified && r.expected_key == -1);
	ck_assert_uint_eq(strlen((char *)bundle), n);
	ck_assert_mem_eq(first, bundle, n);
	ck_assert(strstr((char *)bundle, "\"keyid\"") == NULL);
	ck_assert(strstr((char *)bundle, "\"mediaType\": \"application/vnd.dev.sigstore.bundle.v0.3+json\"") != NULL);
}

START_TEST(bundle_rejections)
{
	struct attest_result r;

	sign_verify("application/vnd.in-toto+json", "application/vnd.in-toto+jsoN", 0, &r);
	ck_assert(!r.verified && strstr(r.error, "payloadType") != NULL);
	sign_verify("bundle.v0.3+json", "bundle.v0.2+json", 0, &r);
	ck_assert(!r.verified && strstr(r.error, "mediaType") != NULL);
	sign_verify("\"publicKey\"", "\"certificate\"", 0, &r);
	ck_assert_str_eq(r.error, "audit attestation must be keyed");
	sign_verify("\"hint\": \"6991", "\"hint\": \"7991", 0, &r);
	ck_assert(!r.verified && strstr(r.error, "hint") != NULL);
	sign_verify("\"tlogEntries\"", "\"tlogEntriez\"", 0, &r);
	ck_assert(!r.verified && strstr(r.error, "failed to parse bundle") != NULL);
	ck_assert(r.present && !r.signature_verified && r.expected_key == -1);
}

START_TEST(pem_strictness)
{
	char label[PEM_LABEL_MAX + 1];
	uint8_t mem[512];
	struct nbuf der;
	const char *why;
	static const char *bad[] = {
		"",
		"-----BEGIN PUBLIC KEY-----\nAAAA\n",                          /* no END */
		"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", /* mismatch */
		"-----BEGIN PUBLIC KEY-----\nAAA=A\n-----END PUBLIC KEY-----\n", /* base64 */
		"-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n",         /* empty */
		"-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nAAAA\n-----END EC PRIVATE KEY-----\n",
		"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\nx",  /* trailing */
		"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
		"-----BEGIN pub-----\nAAAA\n-----END pub-----\n",
	};

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		nbuf_init(&der, mem, sizeof mem);
		ck_assert_msg(pem_decode((const uint8_t *)bad[i], strlen(bad[i]),
					 label, &der, &why) < 0, "accepted %zu", i);
		ck_assert_uint_eq(der.len, 0);
	}
	nbuf_init(&der, mem, sizeof mem);
	{
		const char *crlf = "\r\n-----BEGIN X-----\r\nAAEC\r\nAw==\r\n-----END X-----";
		ck_assert_int_eq(pem_decode((const uint8_t *)crlf, strlen(crlf),
					    label, &der, &why), 0);
	}
	ck_assert_str_eq(label, "X");
	ck_assert_uint_eq(der.len, 4);
}

/* DER signature decoding: minimal, positive, in range, nothing after. */
START_TEST(der_signature_strictness)
{
	uint8_t rs[64], d[80];
	/* r = 1, s = 1 */
	static const uint8_t ok[] = { 0x30, 6, 2, 1, 1, 2, 1, 1 };

	ck_assert_int_eq(p256_sig_der_decode(ok, sizeof ok, rs), 0);
	ck_assert_int_eq(rs[31], 1);
	ck_assert_int_eq(rs[63], 1);
	memcpy(d, ok, 8);
	d[8] = 0;
	ck_assert_int_eq(p256_sig_der_decode(d, 9, rs), -1); /* trailing */
	d[1] = 7;
	ck_assert_int_eq(p256_sig_der_decode(d, 9, rs), -1); /* length lies */
	{ static const uint8_t z[] = { 0x30, 6, 2, 1, 0, 2, 1, 1 };   /* r = 0 */
	  ck_assert_int_eq(p256_sig_der_decode(z, 8, rs), -1); }
	{ static const uint8_t neg[] = { 0x30, 6, 2, 1, 0x81, 2, 1, 1 }; /* negative */
	  ck_assert_int_eq(p256_sig_der_decode(neg, 8, rs), -1); }
	{ static const uint8_t pad[] = { 0x30, 7, 2, 2, 0, 1, 2, 1, 1 }; /* leading 0 */
	  ck_assert_int_eq(p256_sig_der_decode(pad, 9, rs), -1); }
	{ static const uint8_t lng[] = { 0x30, 0x81, 6, 2, 1, 1, 2, 1, 1 }; /* long form */
	  ck_assert_int_eq(p256_sig_der_decode(lng, 9, rs), -1); }
	{ static const uint8_t ber[] = { 0x30, 0x80, 2, 1, 1, 2, 1, 1, 0, 0 }; /* indefinite */
	  ck_assert_int_eq(p256_sig_der_decode(ber, 10, rs), -1); }
	/* s = n: out of range */
	{
		uint8_t n[] = { 0x30, 39, 2, 1, 1, 2, 34 - 0, 0x00,
			0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff,
			0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xbc, 0xe6, 0xfa, 0xad,
			0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63,
			0x25, 0x51 };
		n[6] = 33;
		n[1] = 38;
		ck_assert_int_eq(p256_sig_der_decode(n, 40, rs), -1);
		n[39] = 0x50; /* n - 1 */
		ck_assert_int_eq(p256_sig_der_decode(n, 40, rs), 0);
	}
}

START_TEST(spki_strictness)
{
	struct p256_priv sk;
	struct p256_pub pk, out;
	uint8_t der[P256_SPKI_LEN + 1];
	const char *why;

	test_key(&sk, &pk);
	p256_spki_encode(&pk, der);
	ck_assert_int_eq(p256_spki_decode(der, P256_SPKI_LEN, &out, &why), 0);
	der[P256_SPKI_LEN] = 0;
	ck_assert_int_eq(p256_spki_decode(der, P256_SPKI_LEN + 1, &out, &why), -1);
	ck_assert_str_eq(why, "trailing data after the public key");
	ck_assert_int_eq(p256_spki_decode(der, P256_SPKI_LEN - 1, &out, &why), -1);
	der[90] ^= 1; /* off the curve */
	ck_assert_int_eq(p256_spki_decode(der, P256_SPKI_LEN, &out, &why), -1);
	ck_assert_str_eq(why, "public key point is not on the P-256 curve");
	der[90] ^= 1;
	der[26] = 0x02; /* compressed */
	ck_assert_int_eq(p256_spki_decode(der, P256_SPKI_LEN, &out, &why), -1);
	der[26] = 0x04;
	der[19] ^= 1; /* another curve OID */
	ck_assert_int_eq(p256_spki_decode(der, P256_SPKI_LEN, &out, &why), -1);
}

START_TEST(scalar_range)
{
	uint8_t x[32];

	memset(x, 0, 32);
	ck_assert(!p256_scalar_valid(x));
	x[31] = 1;
	ck_assert(p256_scalar_valid(x));
	memset(x, 0xff, 32);
	ck_assert(!p256_scalar_valid(x));
}

/* Our declarations of libsecret's structures match the real headers. */
START_TEST(libsecret_abi)
{
	ck_assert_uint_eq(sizeof(struct ss_schema), sizeof(SecretSchema));
	ck_assert_uint_eq(offsetof(struct ss_schema, flags), offsetof(SecretSchema, flags));
	ck_assert_uint_eq(offsetof(struct ss_schema, attributes), offsetof(SecretSchema, attributes));
	ck_assert_uint_eq(offsetof(struct ss_schema, reserved), offsetof(SecretSchema, reserved));
	ck_assert_uint_eq(sizeof(struct ss_attr), sizeof(SecretSchemaAttribute));
	ck_assert_uint_eq(offsetof(struct ss_attr, type), offsetof(SecretSchemaAttribute, type));
	ck_assert_uint_eq(sizeof(struct ss_gerror), sizeof(GError));
	ck_assert_uint_eq(offsetof(struct ss_gerror, message), offsetof(GError, message));
	ck_assert_int_eq(SECRET_SCHEMA_DONT_MATCH_NAME, 2);
	ck_assert_int_eq(SECRET_SCHEMA_ATTRIBUTE_STRING, 0);
}

/* Project Wycheproof's ECDSA P-256/SHA-256 cases, judged as Wycheproof
 * labels them: every "valid" signature verifies (high-S included), every
 * "invalid" one (BER, out-of-range r/s, modified values, ...) does not.
 * vectors/wycheproof/ holds the unmodified file. */
START_TEST(wycheproof_ecdsa_p256_sha256)
{
	static uint8_t js[1 << 20];
	static jsmntok_t tok[1 << 18];
	FILE *f = fopen("vectors/wycheproof/ecdsa_secp256r1_sha256_test.json", "rb");
	struct json_doc d;
	struct json_err e;
	size_t n, valid = 0, invalid = 0, total = 0;
	uint64_t declared;
	int groups, g;

	ck_assert_msg(f != NULL, "run the unit tests from the repository root");
	n = fread(js, 1, sizeof js, f);
	fclose(f);
	ck_assert_int_eq(json_parse(&d, js, n, tok, sizeof tok / sizeof *tok, &e), 0);
	ck_assert_int_eq(json_get_u64(&d, json_obj_get(&d, 0, "numberOfTests"),
				      UINT64_MAX, &declared), 0);
	groups = json_obj_get(&d, 0, "testGroups");
	ck_assert(json_is_arr(&d, groups));
	g = groups + 1;
	for (int gi = 0; gi < json_count(&d, groups); gi++) {
		struct p256_pub pk;
		uint8_t der[128];
		const uint8_t *hx;
		size_t hl;
		const char *why;
		int tests = json_obj_get(&d, g, "tests"), t;

		hx = json_str(&d, json_obj_get(&d, g, "publicKeyDer"), &hl);
		ck_assert(hl / 2 <= sizeof der);
		ck_assert_int_eq(hex_decode((const char *)hx, hl / 2, der), 0);
		ck_assert_msg(p256_spki_decode(der, hl / 2, &pk, &why) == 0,
			      "group %d key: %s", gi, why);
		t = tests + 1;
		for (int ti = 0; ti < json_count(&d, tests); ti++) {
			static uint8_t msg[1 << 16], sig[1 << 14];
			uint8_t h[32];
			const uint8_t *m, *sg;
			size_t ml, sl;
			uint64_t id;
			int want, got;

			json_get_u64(&d, json_obj_get(&d, t, "tcId"), UINT64_MAX, &id);
			m = json_str(&d, json_obj_get(&d, t, "msg"), &ml);
			sg = json_str(&d, json_obj_get(&d, t, "sig"), &sl);
			ck_assert(ml / 2 <= sizeof msg && sl / 2 <= sizeof sig);
			ck_assert_int_eq(hex_decode((const char *)m, ml / 2, msg), 0);
			ck_assert_int_eq(hex_decode((const char *)sg, sl / 2, sig), 0);
			sha256(msg, ml / 2, h);
			want = json_str_eq(&d, json_obj_get(&d, t, "result"), "valid");
			ck_assert_msg(want || json_str_eq(&d, json_obj_get(&d, t, "result"),
							   "invalid"),
				      "tcId %llu: unexpected label", (unsigned long long)id);
			got = p256_verify(&pk, h, sig, sl / 2);
			ck_assert_msg(got == want, "Wycheproof tcId %llu: expected %s",
				      (unsigned long long)id, want ? "valid" : "invalid");
			valid += want;
			invalid += !want;
			total++;
			t = json_skip(&d, t);
		}
		g = json_skip(&d, g);
	}
	ck_assert_uint_eq(total, declared);
	ck_assert_uint_eq(valid, 170);
	ck_assert_uint_eq(invalid, 301);
}
END_TEST

Suite *suite_attest(void)
{
	Suite *s = suite_create("attest");
	TCase *t = tcase_create("core");

	tcase_add_test(t, d5_key_id_and_spki);
	tcase_add_test(t, d5_statement_and_pae);
	tcase_add_test(t, bundle_sign_verify_and_deterministic);
	tcase_add_test(t, bundle_rejections);
	tcase_add_test(t, pem_strictness);
	tcase_add_test(t, der_signature_strictness);
	tcase_add_test(t, spki_strictness);
	tcase_add_test(t, scalar_range);
	tcase_add_test(t, libsecret_abi);
	tcase_add_test(t, wycheproof_ecdsa_p256_sha256);
	suite_add_tcase(s, t);
	return s;
}
