#include "keytext.h"

#include "base64.h"
#include "pem.h"

#include <string.h>

/*@ assigns \nothing;
    ensures \result == 0 || \result == 1;
 */
static int ws(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

int base64_decode_relaxed(struct nbuf *out, const uint8_t *in, size_t n)
{
	uint8_t buf[8192];
	size_t k = 0;

	/*@ loop invariant 0 <= i <= n;
	    loop invariant 0 <= k <= 8189;
	    loop assigns i, k, buf[0 .. 8188];
	    loop variant n - i;
	 */
	for (size_t i = 0; i < n; i++) {
		uint8_t c = in[i];
		if (ws(c))
			continue;
		if (k >= sizeof buf - 3)
			return -1;
		buf[k++] = c == '-' ? '+' : c == '_' ? '/' : c;
	}
	/*@ loop invariant 0 <= k <= 8189;
	    loop assigns k;
	    loop variant k;
	 */
	while (k > 0 && buf[k - 1] == '=')
		k--;
	if (k % 4 == 1)
		return -1;
	/*@ loop invariant 0 <= k <= 8189;
	    loop invariant k % 4 != 1;
	    loop invariant k % 4 != 0 ==> k <= 8187;
	    loop assigns k, buf[0 .. 8188];
	    loop variant 8189 - k;
	 */
	while (k % 4)
		buf[k++] = '=';
	return base64_decode(out, (const char *)buf, k);
}

/*@ requires \valid_read(t + (0 .. n - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
 */
static int starts_pem(const uint8_t *t, size_t n)
{
	size_t i = 0;

	/*@ loop invariant 0 <= i <= n;
	    loop assigns i;
	    loop variant n - i;
	 */
	while (i < n && ws(t[i]))
		i++;
	if (n - i < 5)
		return 0;
	/* memcmp(t + i, "-----", 5) == 0, as a loop */
	/*@ loop invariant 0 <= k <= 5;
	    loop assigns k;
	    loop variant 5 - k;
	 */
	for (size_t k = 0; k < 5; k++)
		if (t[i + k] != '-')
			return 0;
	return 1;
}

/* strcmp(label, lit) == 0, for a label from pem_decode (PEM_LABEL_MAX + 1
 * bytes) and a literal of length m (lit[m] == 0). */
/*@ requires m <= PEM_LABEL_MAX;
    requires \valid_read(label + (0 .. PEM_LABEL_MAX));
    requires \valid_read(lit + (0 .. m));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
 */
static int label_is(const char *label, const char *lit, size_t m)
{
	/*@ loop invariant 0 <= k <= m + 1;
	    loop assigns k;
	    loop variant m + 1 - k;
	 */
	for (size_t k = 0; k <= m; k++)
		if (label[k] != lit[k])
			return 0;
	return 1;
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
		if (!label_is(label, "PUBLIC KEY", 10)) {
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
		if (label_is(label, "ENCRYPTED PRIVATE KEY", 21)) {
			*why = "encrypted private keys are not supported "
			       "(decrypt it: openssl pkey -in KEY -out PLAIN)";
			return -1;
		}
		if (label_is(label, "RSA PRIVATE KEY", 15)) {
			*why = "RSA keys are not supported (ECDSA P-256 only)";
			return -1;
		}
		if (!label_is(label, "PRIVATE KEY", 11) &&
		    !label_is(label, "EC PRIVATE KEY", 14)) {
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
