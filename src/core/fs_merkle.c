#include "fs_merkle.h"

#include "audit_hash.h"
#include "sha256.h"

#include <string.h>

void fs_merkle_leaf(const char *path, size_t n, const uint8_t hash[32],
		    uint8_t out[32])
{
	struct sha256 c;
	uint8_t z = 0;

	sha256_init(&c);
	sha256_update(&c, &z, 1);
	sha256_update(&c, path, n);
	sha256_update(&c, hash, 32);
	sha256_out(&c, out);
}

void fs_merkle_node(const uint8_t l[32], const uint8_t r[32], uint8_t out[32])
{
	uint8_t m[65];

	m[0] = 1;
	memcpy(m + 1, l, 32);
	memcpy(m + 33, r, 32);
	sha256(m, sizeof m, out);
}

int fs_path_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0;

	while (i < an && i < bn && a[i] == b[i])
		i++;
	if (i == an || i == bn)
		return (i < an) - (i < bn);
	if (a[i] == '/')
		return -1;
	if (b[i] == '/')
		return 1;
	return (unsigned char)a[i] - (unsigned char)b[i];
}

void fs_merkle_root(const uint8_t (*leaves)[32], size_t n, uint8_t out[32])
{
	struct merkle_stream m;

	merkle_init_kind(&m, MERKLE_FS);
	for (size_t i = 0; i < n; i++)
		(void)merkle_push(&m, leaves[i]);
	merkle_root_out(&m, out);
}
