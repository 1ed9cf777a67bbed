#include "keytext.h"

#include "base64.h"
#include "pem.h"

#include <string.h>

static int ws(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

int base64_decode_relaxed(struct nbuf *out, const uint8_t *in, size_t n)
{
	uint8_t buf[8192];
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		uint8_t c = in[i];
		if (ws(c))
			continue;
		if (k >= sizeof buf - 3)
			return -1;
		buf[k++] = c == '-' ? '+' : c == '_' ? '/' : c;
	}
	while (k > 0 && buf[k - 1] == '=')
		k--;
	if (k % 4 == 1)
		return -1;
	while (k % 4)
		buf[k++] = '=';
	return base64_decode(out, (const char *)buf, k);
}

static int starts_pem(const uint8_t *t, size_t n)
{
	size_t i = 0;

	while (i < n && ws(t[i]))
		i++;
	return n - i >= 5 && memcmp(t + i, "-----", 5) == 0;
}

int pubkey_text_decode(const uint8_t *t, size_t n, struct p256_pub *pk,
		       const char **why)
{
	uint8_t mem[4096];
	struct nbuf der;
	char label[PEM_LABEL_MAX + 1];

	nbuf_init(&der, mem, sizeof mem);
	if (starts_pem(t, n)) {
		if (pem_decode(t, n, label, &der, why) < 0)
			return -1;
		if (strcmp(label, "PUBLIC KEY") != 0) {
			*why = "PEM object is not a PUBLIC KEY";
			return -1;
		}
	} else if (base64_decode_relaxed(&der, t, n) < 0) {
		*why = "neither PEM nor base64 DER";
		return -1;
	}
	return p256_spki_decode(der.p, der.len, pk, why);
}

int privkey_text_decode(const uint8_t *t, size_t n, struct p256_priv *sk,
			const char **why)
{
	uint8_t mem[4096];
	struct nbuf der;
	char label[PEM_LABEL_MAX + 1];
	int rc;

	nbuf_init(&der, mem, sizeof mem);
	if (starts_pem(t, n)) {
		if (pem_decode(t, n, label, &der, why) < 0)
			return -1;
		if (strcmp(label, "ENCRYPTED PRIVATE KEY") == 0) {
			*why = "encrypted private keys are not supported "
			       "(decrypt it: openssl pkey -in KEY -out PLAIN)";
			return -1;
		}
		if (strcmp(label, "RSA PRIVATE KEY") == 0) {
			*why = "RSA keys are not supported (ECDSA P-256 only)";
			return -1;
		}
		if (strcmp(label, "PRIVATE KEY") != 0 &&
		    strcmp(label, "EC PRIVATE KEY") != 0) {
			*why = "PEM object is not a PRIVATE KEY";
			return -1;
		}
	} else if (base64_decode_relaxed(&der, t, n) < 0) {
		*why = "neither PEM nor base64 DER";
		return -1;
	}
	rc = p256_priv_decode(der.p, der.len, sk, why);
	memset(mem, 0, sizeof mem);
	return rc;
}
