#include "p256.h"

#include "sha256.h"

#include <bearssl.h>
#include <string.h>

const uint8_t P256_SPKI_PREFIX[26] = {
	0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d,
	0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01,
	0x07, 0x03, 0x42, 0x00,
};

static int on_curve(const uint8_t q[65])
{
	static const uint8_t one = 1;
	uint8_t tmp[65];

	if (q[0] != 0x04)
		return 0;
	memcpy(tmp, q, 65);
	/* mul() rejects points not on the curve (and the point at
	 * infinity); 1*Q leaves a valid point unchanged. */
	return br_ec_p256_m31.mul(tmp, 65, &one, 1, BR_EC_secp256r1) == 1;
}

int p256_spki_decode(const uint8_t *der, size_t n, struct p256_pub *pk,
		     const char **why)
{
	if (p256_spki_parse(der, n, why) < 0)
		return -1;
	if (!on_curve(der + 26)) {
		*why = "public key point is not on the P-256 curve";
		return -1;
	}
	memcpy(pk->q, der + 26, 65);
	return 0;
}

void p256_spki_encode(const struct p256_pub *pk, uint8_t der[P256_SPKI_LEN])
{
	memcpy(der, P256_SPKI_PREFIX, 26);
	memcpy(der + 26, pk->q, 65);
}

void p256_key_id(const struct p256_pub *pk, uint8_t id[32])
{
	uint8_t der[P256_SPKI_LEN];

	p256_spki_encode(pk, der);
	sha256(der, sizeof der, id);
}

int p256_verify(const struct p256_pub *pk, const uint8_t hash[32],
		const uint8_t *sig_der, size_t n)
{
	uint8_t rs[64], q[65];
	br_ec_public_key k;

	if (p256_sig_der_decode(sig_der, n, rs) < 0)
		return 0;
	memcpy(q, pk->q, 65);
	k.curve = BR_EC_secp256r1;
	k.q = q;
	k.qlen = 65;
	return br_ecdsa_i31_vrfy_raw(&br_ec_p256_m31, hash, 32, &k, rs, 64) == 1;
}

static void to_br(const struct p256_priv *sk, br_ec_private_key *k,
		  uint8_t x[32])
{
	memcpy(x, sk->x, 32);
	k->curve = BR_EC_secp256r1;
	k->x = x;
	k->xlen = 32;
}

size_t p256_sign(const struct p256_priv *sk, const uint8_t hash[32],
		 uint8_t out[P256_SIG_DER_MAX])
{
	br_ec_private_key k;
	uint8_t x[32];
	size_t n;

	if (!p256_scalar_valid(sk->x))
		return 0;
	to_br(sk, &k, x);
	n = br_ecdsa_i31_sign_asn1(&br_ec_p256_m31, &br_sha256_vtable, hash,
				   &k, out);
	memset(x, 0, sizeof x);
	return n;
}

int p256_pub_from_priv(const struct p256_priv *sk, struct p256_pub *pk)
{
	br_ec_private_key k;
	uint8_t x[32];
	size_t n;

	if (!p256_scalar_valid(sk->x))
		return -1;
	to_br(sk, &k, x);
	n = br_ec_compute_pub(&br_ec_p256_m31, NULL, pk->q, &k);
	memset(x, 0, sizeof x);
	return n == 65 ? 0 : -1;
}

int p256_keygen(const uint8_t seed[48], struct p256_priv *sk)
{
	br_hmac_drbg_context drbg;
	br_ec_private_key k;
	uint8_t kbuf[BR_EC_KBUF_PRIV_MAX_SIZE];
	size_t n;

	br_hmac_drbg_init(&drbg, &br_sha256_vtable, seed, 48);
	n = br_ec_keygen(&drbg.vtable, &br_ec_p256_m31, &k, kbuf,
			 BR_EC_secp256r1);
	memset(&drbg, 0, sizeof drbg);
	if (n != 32) {
		memset(kbuf, 0, sizeof kbuf);
		return -1;
	}
	memcpy(sk->x, k.x, 32);
	memset(kbuf, 0, sizeof kbuf);
	return p256_scalar_valid(sk->x) ? 0 : -1;
}

int p256_priv_decode(const uint8_t *der, size_t n, struct p256_priv *sk,
		     const char **why)
{
	br_skey_decoder_context dc;
	const br_ec_private_key *k;

	if (!der_one_sequence(der, n)) {
		*why = "not a single DER structure (truncated, or trailing data)";
		return -1;
	}
	br_skey_decoder_init(&dc);
	br_skey_decoder_push(&dc, der, n);
	if (br_skey_decoder_last_error(&dc) != 0) {
		*why = "not a valid PKCS#8 or SEC1 private key";
		goto fail;
	}
	if (br_skey_decoder_key_type(&dc) != BR_KEYTYPE_EC) {
		*why = "not an EC private key (only ECDSA P-256 is supported)";
		goto fail;
	}
	k = br_skey_decoder_get_ec(&dc);
	if (!k || k->curve != BR_EC_secp256r1) {
		*why = "EC key is not on curve P-256";
		goto fail;
	}
	if (k->xlen == 0 || k->xlen > 32) {
		*why = "invalid P-256 private scalar";
		goto fail;
	}
	memset(sk->x, 0, 32);
	memcpy(sk->x + 32 - k->xlen, k->x, k->xlen);
	memset(&dc, 0, sizeof dc);
	if (!p256_scalar_valid(sk->x)) {
		*why = "invalid P-256 private scalar";
		memset(sk->x, 0, 32);
		return -1;
	}
	return 0;
fail:
	memset(&dc, 0, sizeof dc);
	return -1;
}

int p256_pkcs8_encode(const struct p256_priv *sk, struct nbuf *out)
{
	br_ec_private_key k;
	br_ec_public_key p;
	struct p256_pub pub;
	uint8_t x[32], tmp[256];
	size_t n;

	if (p256_pub_from_priv(sk, &pub) < 0)
		return -1;
	to_br(sk, &k, x);
	p.curve = BR_EC_secp256r1;
	p.q = pub.q;
	p.qlen = 65;
	n = br_encode_ec_pkcs8_der(NULL, &k, &p);
	if (n == 0 || n > sizeof tmp) {
		memset(x, 0, sizeof x);
		return -1;
	}
	br_encode_ec_pkcs8_der(tmp, &k, &p);
	memset(x, 0, sizeof x);
	n = nbuf_put(out, tmp, n) == 0 ? 0 : (size_t)-1;
	memset(tmp, 0, sizeof tmp);
	return n == 0 ? 0 : -1;
}
