/* Attestation bundles: verification is total on any bytes, and the D5
 * session signed with the test key still verifies afterwards (the
 * verifier keeps no state). */
#include "fuzz.h"
#include "attest.h"
#include "keytext.h"

#include <string.h>

static const char *KEY =
	"MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgskOkyJkTwlMZkm/L"
	"eEleLY6bARaHFnqauYJqxNoJWvihRANCAASt6g2Zt0STlgF+wZ64JzdDRlpPeNr1"
	"h56ZLEEqHfVWFhJWIKRSabtxYPV/VJyMv+lo3L0QwSKsouHs3dtF1zVQ";
static uint8_t scratch[1 << 21];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *cmd[] = { "/bin/pwd" };
	struct session_meta m;
	struct audit_integrity ai;
	struct audit_attestation_summary as;
	struct p256_priv sk;
	struct p256_pub pk;
	struct attest_input in;
	struct attest_result r;
	struct nbuf s;
	const char *why;

	if (size > 1 << 18)
		return 0;
	PROPERTY(privkey_text_decode((const uint8_t *)KEY, strlen(KEY), &sk,
				     &why) == 0);
	PROPERTY(p256_pub_from_priv(&sk, &pk) == 0);
	memset(&m, 0, sizeof m);
	m.session_id = "sess-1";
	m.started = "2026-04-22T12:00:00Z";
	m.ended = "2026-04-22T12:00:01Z";
	m.command = cmd;
	m.ncommand = 1;
	ai.event_count = 2;
	memset(ai.chain_head, 0x11, 32);
	memset(ai.merkle_root, 0x22, 32);
	m.integrity = &ai;
	p256_key_id(&pk, as.key_id);
	as.predicate_type = "https://nono.sh/attestation/audit-session/alpha";
	as.public_key = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEreoNmbdEk5YBfsGeuCc3Q0ZaT3ja9YeemSxBKh31VhYSViCkUmm7cWD1f1ScjL/paNy9EMEirKLh7N3bRdc1UA==";
	as.bundle_filename = "audit-attestation.bundle";
	m.attestation = &as;
	memset(&in, 0, sizeof in);
	in.m = &m;
	in.bundle = data;
	in.bundle_len = size;
	in.bundle_path = "fuzz";
	in.expected = (size & 1) ? &pk : NULL;
	nbuf_init(&s, scratch, sizeof scratch);
	attest_verify(&in, &r, &s);
	PROPERTY(strlen(r.error) < sizeof r.error);
	PROPERTY(!r.verified || (r.signature_verified && r.error[0] == 0));
	PROPERTY(s.len == 0);
	return 0;
}
