#include "attest.h"

#include "base64.h"
#include "dsse.h"
#include "hex.h"
#include "json_read.h"
#include "sha256.h"

#include <string.h>

/* ---- messages (the core has no stdio) ---- */

struct msg {
	char *s;
	size_t cap, n;
};

static void m_init(struct msg *m, char *s, size_t cap)
{
	m->s = s;
	m->cap = cap;
	m->n = 0;
	s[0] = 0;
}

/* Appends at most max bytes of t, control characters as spaces. */
static void m_addn(struct msg *m, const char *t, size_t len, size_t max)
{
	for (size_t i = 0; i < len && i < max && m->n + 1 < m->cap; i++) {
		unsigned char c = (unsigned char)t[i];
		m->s[m->n++] = c < 0x20 || c == 0x7f ? ' ' : (char)c;
	}
	if (len > max && m->n + 4 < m->cap) {
		memcpy(m->s + m->n, "...", 3);
		m->n += 3;
	}
	m->s[m->n] = 0;
}

static void m_add(struct msg *m, const char *t)
{
	m_addn(m, t, strlen(t), 512);
}

static void m_hex(struct msg *m, const uint8_t b[32])
{
	char h[64];

	hex_encode(b, 32, h);
	m_addn(m, h, 64, 64);
}

/* ---- the statement ---- */

int attest_statement_write(struct jw *w, const struct session_meta *m,
			   const struct scrub_policy *policy,
			   const uint8_t key_id[32], struct nbuf *arena)
{
	struct scrub_policy def;
	const char **cmd;
	char subject[80];

	if (!m->integrity)
		return -1;
	if (!policy) {
		scrub_policy_default(&def);
		policy = &def;
	}
	cmd = nbuf_alloc(arena, (m->ncommand + 1) * sizeof *cmd, sizeof(void *));
	if (!cmd || scrub_argv(policy, m->command, m->ncommand, cmd, arena) < 0)
		return -1;
	memcpy(subject, "audit-session:", 14);
	memcpy(subject + 14, m->session_id, strlen(m->session_id) + 1);

	jw_obj_begin(w);
	jw_key(w, "_type");
	jw_str(w, ATTEST_STATEMENT_TYPE);
	jw_key(w, "subject");
	jw_arr_begin(w);
	jw_obj_begin(w);
	jw_key(w, "name");
	jw_str(w, subject);
	jw_key(w, "digest");
	jw_obj_begin(w);
	jw_key(w, "sha256");
	jw_hex(w, m->integrity->merkle_root, 32);
	jw_obj_end(w);
	jw_obj_end(w);
	jw_arr_end(w);
	jw_key(w, "predicateType");
	jw_str(w, AUDIT_PREDICATE_TYPE);
	jw_key(w, "predicate");
	jw_obj_begin(w);
	jw_key(w, "version");
	jw_u64(w, 1);
	jw_key(w, "session_id");
	jw_str(w, m->session_id);
	jw_key(w, "started");
	jw_str(w, m->started);
	jw_key(w, "ended");
	if (m->ended)
		jw_str(w, m->ended);
	else
		jw_null(w);
	jw_key(w, "command");
	jw_arr_begin(w);
	for (size_t i = 0; i < m->ncommand; i++)
		jw_str(w, cmd[i]);
	jw_arr_end(w);
	if (!scrub_policy_is_default(policy)) {
		jw_key(w, "redaction_policy");
		scrub_policy_diff_write(policy, w);
	}
	jw_key(w, "audit_log");
	jw_obj_begin(w);
	jw_key(w, "hash_algorithm");
	jw_str(w, "sha256");
	jw_key(w, "event_count");
	jw_u64(w, m->integrity->event_count);
	jw_key(w, "chain_head");
	jw_hex(w, m->integrity->chain_head, 32);
	jw_key(w, "merkle_root");
	jw_hex(w, m->integrity->merkle_root, 32);
	jw_obj_end(w);
	jw_key(w, "signer");
	jw_obj_begin(w);
	jw_key(w, "kind");
	jw_str(w, "keyed");
	jw_key(w, "key_id");
	jw_hex(w, key_id, 32);
	jw_obj_end(w);
	jw_obj_end(w);
	jw_obj_end(w);
	return 0;
}

/* ---- signing ---- */

/* Appends base64(in) + NUL to b; returns the string or NULL. */
static const char *b64_str(struct nbuf *b, const uint8_t *in, size_t n)
{
	size_t start = b->len;

	if (base64_encode(b, in, n) < 0 || nbuf_putc(b, 0) < 0) {
		b->len = start;
		return 0;
	}
	return (const char *)b->p + start;
}

int attest_sign(const struct session_meta *m, const struct scrub_policy *policy,
		const struct p256_priv *sk, struct nbuf *scratch,
		struct nbuf *bundle, uint8_t key_id[32],
		char pub_b64[P256_SPKI_LEN * 2])
{
	struct p256_pub pk;
	uint8_t spki[P256_SPKI_LEN], hash[32], sig[P256_SIG_DER_MAX];
	size_t start = scratch->len, s0, slen, p0, siglen;
	const char *payload_b64, *sig_b64;
	struct nbuf pb;
	struct jw w;

	if (p256_pub_from_priv(sk, &pk) < 0)
		return -1;
	p256_key_id(&pk, key_id);
	p256_spki_encode(&pk, spki);
	nbuf_init(&pb, (uint8_t *)pub_b64, P256_SPKI_LEN * 2);
	if (base64_encode(&pb, spki, sizeof spki) < 0 || nbuf_putc(&pb, 0) < 0)
		return -1;

	/* the statement: compact, into the first half of scratch's free
	 * space; the redacted command copy goes into the second half */
	s0 = scratch->len;
	{
		size_t half = (scratch->cap - scratch->len) / 2;
		struct nbuf out, arena;
		nbuf_init(&out, scratch->p + s0, half);
		nbuf_init(&arena, scratch->p + s0 + half, half);
		jw_init(&w, &out, 0);
		if (attest_statement_write(&w, m, policy, key_id, &arena) < 0 ||
		    jw_finish(&w) != JW_OK)
			goto fail;
		slen = out.len;
		scratch->len = s0 + slen;
	}
	/* PAE, hash, sign */
	p0 = scratch->len;
	if (dsse_pae(scratch, ATTEST_PAYLOAD_TYPE, sizeof ATTEST_PAYLOAD_TYPE - 1,
		     scratch->p + s0, slen) < 0)
		goto fail;
	sha256(scratch->p + p0, scratch->len - p0, hash);
	scratch->len = p0;
	siglen = p256_sign(sk, hash, sig);
	if (siglen == 0)
		goto fail;
	payload_b64 = b64_str(scratch, scratch->p + s0, slen);
	sig_b64 = b64_str(scratch, sig, siglen);
	if (!payload_b64 || !sig_b64)
		goto fail;

	/* the bundle: pretty */
	jw_init(&w, bundle, 1);
	jw_obj_begin(&w);
	jw_key(&w, "mediaType");
	jw_str(&w, ATTEST_BUNDLE_MEDIA_TYPE);
	jw_key(&w, "verificationMaterial");
	jw_obj_begin(&w);
	jw_key(&w, "publicKey");
	jw_obj_begin(&w);
	jw_key(&w, "hint");
	jw_hex(&w, key_id, 32);
	jw_obj_end(&w);
	jw_key(&w, "tlogEntries");
	jw_arr_begin(&w);
	jw_arr_end(&w);
	jw_key(&w, "timestampVerificationData");
	jw_obj_begin(&w);
	jw_obj_end(&w);
	jw_obj_end(&w);
	jw_key(&w, "dsseEnvelope");
	jw_obj_begin(&w);
	jw_key(&w, "payloadType");
	jw_str(&w, ATTEST_PAYLOAD_TYPE);
	jw_key(&w, "payload");
	jw_str(&w, payload_b64);
	jw_key(&w, "signatures");
	jw_arr_begin(&w);
	jw_obj_begin(&w);
	jw_key(&w, "sig");
	jw_str(&w, sig_b64);
	jw_obj_end(&w);
	jw_arr_end(&w);
	jw_obj_end(&w);
	jw_obj_end(&w);
	if (jw_finish(&w) != JW_OK)
		goto fail;
	scratch->len = start;
	return 0;
fail:
	scratch->len = start;
	return -1;
}

/* ---- verification ---- */

size_t attest_scratch_for(size_t bundle_len)
{
	/* bundle tokens, decoded payload, statement tokens, PAE */
	return json_tokens_for(bundle_len) * sizeof(jsmntok_t) * 2 +
	       3 * bundle_len + 4096;
}

struct bundle {
	const uint8_t *payload;   /* decoded statement bytes */
	size_t payload_len;
	uint8_t hint[32];
	uint8_t sig[P256_SIG_DER_MAX];
	size_t sig_len;
	char media_type[128];
};

static int obj_keys_only(const struct json_doc *d, int obj,
			 const char *const *keys, size_t n)
{
	return json_is_obj(d, obj) && json_obj_unknown_key(d, obj, keys, n) < 0;
}

/* Strict base64 of string token i into out. */
static int tok_b64(const struct json_doc *d, int i, struct nbuf *out)
{
	const uint8_t *s;
	size_t n;

	if (!json_is_str(d, i))
		return -1;
	s = json_str(d, i, &n);
	return base64_decode(out, (const char *)s, n);
}

/* Parses the bundle; on failure returns -1 with why. */
static int parse_bundle(const struct attest_input *in, struct nbuf *scratch,
			struct bundle *b, int *keyless, const char **why)
{
	static const char *const top[] = { "mediaType", "verificationMaterial",
					   "dsseEnvelope" };
	static const char *const vm[] = { "publicKey", "tlogEntries",
					  "timestampVerificationData" };
	static const char *const env[] = { "payloadType", "payload",
					   "signatures" };
	static const char *const sigk[] = { "sig", "keyid" };
	size_t ntok = json_tokens_for(in->bundle_len);
	jsmntok_t *tok = nbuf_alloc(scratch, ntok * sizeof *tok, 8);
	struct json_doc d;
	struct json_err je;
	int v, pk, e, sigs, s, t;
	struct nbuf pay, sb;

	*keyless = 0;
	if (!tok) {
		*why = "bundle too large";
		return -1;
	}
	if (json_parse(&d, in->bundle, in->bundle_len, tok, (unsigned)ntok,
		       &je) < 0) {
		*why = je.msg;
		return -1;
	}
	if (!json_is_obj(&d, 0)) {
		*why = "not a JSON object";
		return -1;
	}
	v = json_obj_get(&d, 0, "verificationMaterial");
	if (json_is_obj(&d, v) &&
	    (json_obj_get(&d, v, "certificate") >= 0 ||
	     json_obj_get(&d, v, "x509CertificateChain") >= 0)) {
		*keyless = 1;
		return 0;
	}
	if (!obj_keys_only(&d, 0, top, 3)) {
		*why = "unexpected keys in bundle (only mediaType, "
		       "verificationMaterial, dsseEnvelope)";
		return -1;
	}
	t = json_obj_get(&d, 0, "mediaType");
	if (!json_str_eq(&d, t, ATTEST_BUNDLE_MEDIA_TYPE)) {
		*why = "mediaType must be " ATTEST_BUNDLE_MEDIA_TYPE;
		return -1;
	}
	memcpy(b->media_type, ATTEST_BUNDLE_MEDIA_TYPE,
	       sizeof ATTEST_BUNDLE_MEDIA_TYPE);
	if (!obj_keys_only(&d, v, vm, 3)) {
		*why = "verificationMaterial must hold publicKey (and "
		       "tlogEntries, timestampVerificationData)";
		return -1;
	}
	pk = json_obj_get(&d, v, "publicKey");
	t = json_obj_get(&d, v, "tlogEntries");
	if (!json_is_obj(&d, pk) || json_obj_get(&d, pk, "hint") < 0 ||
	    json_count(&d, pk) != 1 ||
	    json_get_hex(&d, json_obj_get(&d, pk, "hint"), b->hint, 32) < 0) {
		*why = "publicKey.hint must be a 64-character key id";
		return -1;
	}
	if ((t >= 0 && !json_is_arr(&d, t)) ||
	    ((t = json_obj_get(&d, v, "timestampVerificationData")) >= 0 &&
	     !json_is_obj(&d, t))) {
		*why = "invalid tlogEntries or timestampVerificationData";
		return -1;
	}
	e = json_obj_get(&d, 0, "dsseEnvelope");
	if (!obj_keys_only(&d, e, env, 3)) {
		*why = "dsseEnvelope must hold payloadType, payload, signatures";
		return -1;
	}
	if (!json_str_eq(&d, json_obj_get(&d, e, "payloadType"),
			 ATTEST_PAYLOAD_TYPE)) {
		*why = "DSSE payloadType must be " ATTEST_PAYLOAD_TYPE;
		return -1;
	}
	pay.p = scratch->p + scratch->len;
	pay.cap = scratch->cap - scratch->len;
	pay.len = 0;
	if (tok_b64(&d, json_obj_get(&d, e, "payload"), &pay) < 0) {
		*why = "DSSE payload is missing or not canonical standard base64";
		return -1;
	}
	b->payload = pay.p;
	b->payload_len = pay.len;
	scratch->len += pay.len;
	sigs = json_obj_get(&d, e, "signatures");
	if (!json_is_arr(&d, sigs) || json_count(&d, sigs) != 1) {
		*why = json_is_arr(&d, sigs) && json_count(&d, sigs) == 0
			       ? "missing DSSE signature"
			       : "DSSE envelope must carry exactly one signature";
		return -1;
	}
	s = sigs + 1;
	if (!obj_keys_only(&d, s, sigk, 2)) {
		*why = "DSSE signature must be {\"sig\": ...}";
		return -1;
	}
	t = json_obj_get(&d, s, "keyid");
	if (t >= 0 && !(json_is_str(&d, t))) {
		*why = "DSSE keyid must be a string";
		return -1;
	}
	nbuf_init(&sb, b->sig, sizeof b->sig);
	if (tok_b64(&d, json_obj_get(&d, s, "sig"), &sb) < 0) {
		*why = "DSSE signature is missing, too long or not canonical "
		       "standard base64";
		return -1;
	}
	b->sig_len = sb.len;
	return 0;
}

/* The statement's parsed tokens and a few lookups. */
struct stmt {
	struct json_doc d;
	int subject0, digest, predicate, audit_log, signer;
};

static int tok_hex_eq(const struct json_doc *d, int i, const uint8_t v[32])
{
	uint8_t x[32];

	return json_get_hex(d, i, x, 32) == 0 && memcmp(x, v, 32) == 0;
}

static int tok_strn_eq(const struct json_doc *d, int i, const char *s)
{
	return s ? json_str_eq(d, i, s) : json_is_null(d, i) || i < 0;
}

static void fail_shape(struct attest_result *r, const struct session_meta *m)
{
	r->present = 1;
	r->key_id_matches = r->signature_verified = 0;
	r->merkle_root_matches = r->session_id_matches = 0;
	memcpy(r->key_id, m->attestation->key_id, 32);
	r->verified = 0;
}

void attest_verify(const struct attest_input *in, struct attest_result *r,
		   struct nbuf *scratch)
{
	const struct session_meta *m = in->m;
	const struct audit_attestation_summary *as = m->attestation;
	const struct audit_integrity *ai = m->integrity;
	struct msg e;
	struct bundle b;
	struct stmt st;
	struct json_err je;
	struct p256_pub pub;
	uint8_t der_mem[256], kid[32], hash[32], signer_id[32];
	struct nbuf der;
	const char *why = "";
	size_t start = scratch->len, ntok, p0;
	jsmntok_t *tok;
	int keyless, t, u;
	uint64_t cnt;
	char subj[80];

	memset(r, 0, sizeof *r);
	m_init(&e, r->error, sizeof r->error);
	fail_shape(r, m);
	r->expected_key = -1;
	{
		size_t l = strlen(as->predicate_type);
		if (l >= sizeof r->predicate_type)
			l = sizeof r->predicate_type - 1;
		memcpy(r->predicate_type, as->predicate_type, l);
		r->predicate_type[l] = 0;
	}
#define FAIL(...)                                                           \
	do {                                                                \
		const char *parts_[] = { __VA_ARGS__ };                     \
		for (size_t k_ = 0; k_ < sizeof parts_ / sizeof *parts_; k_++) \
			m_add(&e, parts_[k_]);                              \
		goto out;                                                   \
	} while (0)

	/* load */
	if (!in->bundle)
		FAIL(in->load_error);
	if (parse_bundle(in, scratch, &b, &keyless, &why) < 0)
		FAIL("Trust verification failed for ", in->bundle_path,
		     ": failed to parse bundle: ", why);
	if (in->expected)
		r->expected_key = 0;
	/* a */
	if (!ai)
		FAIL("session has audit attestation metadata but no audit "
		     "integrity summary");
	if (keyless)
		FAIL("audit attestation must be keyed");
	/* b: the statement */
	ntok = json_tokens_for(b.payload_len);
	tok = nbuf_alloc(scratch, ntok * sizeof *tok, 8);
	if (!tok || json_parse(&st.d, b.payload, b.payload_len, tok,
			       (unsigned)ntok, &je) < 0 ||
	    !json_is_obj(&st.d, 0))
		FAIL("Trust verification failed for ", in->bundle_path,
		     ": invalid statement JSON: ", tok ? je.msg : "too large");
	t = json_obj_get(&st.d, 0, "predicateType");
	if (!json_is_str(&st.d, t))
		FAIL("Trust verification failed for ", in->bundle_path,
		     ": missing predicateType in statement");
	/* c */
	if (!json_str_eq(&st.d, t, AUDIT_PREDICATE_TYPE)) {
		size_t n;
		const uint8_t *s = json_str(&st.d, t, &n);
		m_add(&e, "wrong bundle type: expected " AUDIT_PREDICATE_TYPE
			  ", got ");
		m_addn(&e, (const char *)s, n, 128);
		goto out;
	}
	/* d: in-toto shape and the keyed signer */
	t = json_obj_get(&st.d, 0, "subject");
	if (!json_str_eq(&st.d, json_obj_get(&st.d, 0, "_type"),
			 ATTEST_STATEMENT_TYPE) ||
	    !json_is_arr(&st.d, t) || json_count(&st.d, t) < 1 ||
	    !json_is_obj(&st.d, t + 1) ||
	    !json_is_str(&st.d, json_obj_get(&st.d, t + 1, "name")) ||
	    !json_is_obj(&st.d, json_obj_get(&st.d, t + 1, "digest")))
		FAIL("Trust verification failed for ", in->bundle_path,
		     ": statement is not an in-toto Statement v1 with subjects");
	st.subject0 = t + 1;
	st.digest = json_obj_get(&st.d, st.subject0, "digest");
	st.predicate = json_obj_get(&st.d, 0, "predicate");
	if (!json_is_obj(&st.d, st.predicate))
		FAIL("Trust verification failed for ", in->bundle_path,
		     ": statement has no predicate");
	st.signer = json_obj_get(&st.d, st.predicate, "signer");
	if (json_is_obj(&st.d, st.signer) &&
	    json_str_eq(&st.d, json_obj_get(&st.d, st.signer, "kind"),
			"keyless"))
		FAIL("audit attestation must be keyed");
	if (!json_is_obj(&st.d, st.signer) ||
	    !json_str_eq(&st.d, json_obj_get(&st.d, st.signer, "kind"), "keyed") ||
	    json_get_hex(&st.d, json_obj_get(&st.d, st.signer, "key_id"),
			 signer_id, 32) < 0)
		FAIL("audit attestation statement has no keyed signer with a "
		     "key_id");
	if (memcmp(signer_id, b.hint, 32) != 0)
		FAIL("bundle publicKey.hint does not match the statement's "
		     "signer key_id");
	/* e */
	nbuf_init(&der, der_mem, sizeof der_mem);
	if (base64_decode(&der, as->public_key, strlen(as->public_key)) < 0)
		FAIL("invalid attested public key encoding: not canonical "
		     "standard base64");
	if (p256_spki_decode(der.p, der.len, &pub, &why) < 0)
		FAIL("Trust verification failed for ", in->bundle_path,
		     ": invalid public key: ", why);
	/* f */
	p256_key_id(&pub, kid);
	if (memcmp(kid, as->key_id, 32) != 0) {
		m_add(&e, "audit attestation metadata key mismatch: expected ");
		m_hex(&e, as->key_id);
		m_add(&e, ", got ");
		m_hex(&e, kid);
		goto out;
	}
	/* g */
	if (memcmp(signer_id, as->key_id, 32) != 0) {
		m_add(&e, "audit attestation signer key mismatch: expected ");
		m_hex(&e, as->key_id);
		m_add(&e, ", got ");
		m_hex(&e, signer_id);
		goto out;
	}
	/* h */
	if (in->expected) {
		r->expected_key = memcmp(in->expected->q, pub.q, 65) == 0;
		if (!r->expected_key)
			FAIL("provided public key does not match the attested "
			     "signer key");
	}
	/* i */
	p0 = scratch->len;
	if (dsse_pae(scratch, ATTEST_PAYLOAD_TYPE, sizeof ATTEST_PAYLOAD_TYPE - 1,
		     b.payload, b.payload_len) < 0)
		FAIL("Trust verification failed for ", in->bundle_path,
		     ": statement too large");
	sha256(scratch->p + p0, scratch->len - p0, hash);
	scratch->len = p0;
	if (!p256_verify(&pub, hash, b.sig, b.sig_len))
		FAIL("Trust verification failed for ", in->bundle_path,
		     ": ECDSA signature verification failed: Verification "
		     "error: ECDSA P-256 SHA-256 signature invalid");
	/* j, k */
	t = json_obj_get(&st.d, st.digest, "sha256");
	if (!json_is_str(&st.d, t))
		FAIL("Trust verification failed for ", in->bundle_path,
		     ": no sha256 digest in statement subject");
	if (!tok_hex_eq(&st.d, t, ai->merkle_root))
		FAIL("audit attestation Merkle root does not match session "
		     "integrity summary");
	memcpy(subj, "audit-session:", 14);
	memcpy(subj + 14, m->session_id, strlen(m->session_id) + 1);
	if (!json_str_eq(&st.d, json_obj_get(&st.d, st.subject0, "name"), subj))
		FAIL("audit attestation subject is not audit-session:<session "
		     "id>");
	/* l-n */
	t = json_obj_get(&st.d, st.predicate, "session_id");
	if (!json_is_str(&st.d, t))
		FAIL("audit attestation predicate missing session_id");
	if (!json_str_eq(&st.d, t, m->session_id)) {
		size_t n;
		const uint8_t *s = json_str(&st.d, t, &n);
		m_add(&e, "audit attestation session_id mismatch: expected ");
		m_add(&e, m->session_id);
		m_add(&e, ", got ");
		m_addn(&e, (const char *)s, n, 64);
		goto out;
	}
	if (json_get_u64(&st.d, json_obj_get(&st.d, st.predicate, "version"), 1,
			 &cnt) < 0 || cnt != 1)
		FAIL("audit attestation predicate version must be 1");
	/* o-r */
	st.audit_log = json_obj_get(&st.d, st.predicate, "audit_log");
	if (!json_is_obj(&st.d, st.audit_log))
		FAIL("audit attestation predicate missing audit_log");
	if (!json_str_eq(&st.d, json_obj_get(&st.d, st.audit_log, "hash_algorithm"),
			 "sha256"))
		FAIL("audit attestation hash_algorithm does not match session "
		     "integrity summary");
	u = json_get_u64(&st.d, json_obj_get(&st.d, st.audit_log, "event_count"),
			 UINT64_MAX, &cnt);
	if (u < 0 || cnt != ai->event_count)
		FAIL("audit attestation event_count does not match session "
		     "integrity summary");
	if (!tok_hex_eq(&st.d, json_obj_get(&st.d, st.audit_log, "chain_head"),
			ai->chain_head))
		FAIL("audit attestation chain_head does not match session "
		     "integrity summary");
	if (!tok_hex_eq(&st.d, json_obj_get(&st.d, st.audit_log, "merkle_root"),
			ai->merkle_root))
		FAIL("audit attestation audit_log.merkle_root does not match "
		     "session integrity summary");
	/* s */
	if (!tok_strn_eq(&st.d, json_obj_get(&st.d, st.predicate, "started"),
			 m->started) ||
	    !tok_strn_eq(&st.d, json_obj_get(&st.d, st.predicate, "ended"),
			 m->ended))
		FAIL("audit attestation timestamps do not match session "
		     "metadata");
	/* verified */
	r->key_id_matches = r->signature_verified = 1;
	r->merkle_root_matches = r->session_id_matches = 1;
	if (in->expected)
		r->expected_key = 1;
	memcpy(r->predicate_type, AUDIT_PREDICATE_TYPE,
	       sizeof AUDIT_PREDICATE_TYPE);
	r->verified = 1;
	r->error[0] = 0;
#undef FAIL
out:
	scratch->len = start;
}
