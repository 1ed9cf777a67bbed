/* Key text (PEM or base64 DER) and PEM: total; a public key that decodes
 * re-encodes to the same point; PEM that decodes re-encodes and decodes
 * to the same DER. */
#include "fuzz.h"
#include "keytext.h"
#include "pem.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct p256_pub pk, pk2;
	struct p256_priv sk;
	uint8_t der[P256_SPKI_LEN], m1[8192], m2[16384], m3[8192];
	char label[PEM_LABEL_MAX + 1], label2[PEM_LABEL_MAX + 1];
	struct nbuf a, b, c;
	const char *why;

	if (size > 6000)
		return 0;
	if (pubkey_text_decode(data, size, &pk, &why) == 0) {
		p256_spki_encode(&pk, der);
		PROPERTY(p256_spki_decode(der, sizeof der, &pk2, &why) == 0);
		PROPERTY(memcmp(pk.q, pk2.q, 65) == 0);
	}
	if (privkey_text_decode(data, size, &sk, &why) == 0)
		PROPERTY(p256_scalar_valid(sk.x));
	nbuf_init(&a, m1, sizeof m1);
	if (pem_decode(data, size, label, &a, &why) == 0) {
		nbuf_init(&b, m2, sizeof m2);
		PROPERTY(pem_encode(&b, label, a.p, a.len) == 0);
		nbuf_init(&c, m3, sizeof m3);
		PROPERTY(pem_decode(b.p, b.len, label2, &c, &why) == 0);
		PROPERTY(strcmp(label, label2) == 0 && a.len == c.len &&
			 memcmp(a.p, c.p, a.len) == 0);
	} else {
		PROPERTY(a.len == 0);
	}
	return 0;
}
