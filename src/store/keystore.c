#include "keystore.h"

#include "base64.h"
#include "fsutil.h"
#include "keytext.h"
#include "pem.h"
#include "secret_service.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#define KEY_FILE_MAX (64 << 10)

static int name_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 127 || s[0] == '.')
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

static int env_name_ok(const char *s)
{
	if (!*s || (*s >= '0' && *s <= '9'))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

int keyref_parse(const char *s, struct keyref *r, struct err *e)
{
	const char *sep;

	memset(r, 0, sizeof *r);
	if (!s || !*s)
		s = "default";
	if (!strncmp(s, "op://", 5) || !strncmp(s, "apple-password://", 17))
		return errf(e, "key reference '%.40s': %.*s keys are not "
			       "supported on this platform (Linux); use "
			       "keystore://NAME or file:///path/key.pem",
			    s, (int)(strstr(s, "://") - s), s);
	if (!strncmp(s, "file://", 7)) {
		r->kind = KEYREF_FILE;
		if (s[7] != '/')
			return errf(e, "key reference '%.64s': file:// needs an "
				       "absolute path (file:///abs/key.pem)", s);
		if (strlen(s + 7) >= sizeof r->path)
			return errf(e, "key reference: path too long");
		strcpy(r->path, s + 7);
		snprintf(r->shown, sizeof r->shown, "%s", r->path);
		return 0;
	}
	if (!strncmp(s, "env://", 6)) {
		r->kind = KEYREF_ENV;
		if (!env_name_ok(s + 6) || strlen(s + 6) >= sizeof r->account)
			return errf(e, "key reference '%.64s': invalid variable "
				       "name", s);
		strcpy(r->account, s + 6);
		snprintf(r->shown, sizeof r->shown, "environment variable %s",
			 r->account);
		return 0;
	}
	if (!strncmp(s, "keyring://", 10)) {
		r->kind = KEYREF_KEYRING;
		sep = strchr(s + 10, '/');
		if (!sep || sep == s + 10 || !sep[1] ||
		    (size_t)(sep - s - 10) >= sizeof r->service ||
		    strlen(sep + 1) >= sizeof r->account || strchr(sep + 1, '/'))
			return errf(e, "key reference '%.64s': expected "
				       "keyring://SERVICE/ACCOUNT", s);
		memcpy(r->service, s + 10, (size_t)(sep - s - 10));
		strcpy(r->account, sep + 1);
		snprintf(r->shown, sizeof r->shown, "keyring item %s/%s",
			 r->service, r->account);
		return 0;
	}
	if (!strncmp(s, "keystore://", 11))
		s += 11;
	else if (strstr(s, "://"))
		return errf(e, "key reference '%.64s': unknown scheme (use "
			       "keystore://, file://, keyring:// or env://)", s);
	if (!name_ok(s))
		return errf(e, "invalid key name '%.64s': use 1-127 characters "
			       "of [A-Za-z0-9._-], not starting with '.'", s);
	r->kind = KEYREF_KEYSTORE;
	strcpy(r->service, "nono-trust");
	strcpy(r->account, s);
	snprintf(r->shown, sizeof r->shown, "keystore key '%s'", s);
	return 0;
}

static const char *test_dir(void)
{
	const char *d = getenv("NONO_TRUST_TEST_KEYSTORE_DIR");

	return d && *d ? d : NULL;
}

/* Reads a small text file (following symlinks: key paths are the user's
 * choice). *missing when it does not exist. */
static int read_text(const char *path, uint8_t **out, size_t *n, int *missing,
		     struct err *e)
{
	return read_file_at(AT_FDCWD, path, path, KEY_FILE_MAX, out, n, missing,
			    e);
}

static int decode_priv(const uint8_t *t, size_t n, const struct keyref *r,
		       struct p256_priv *sk, struct err *e)
{
	const char *why;

	if (privkey_text_decode(t, n, sk, &why) < 0)
		return errf(e, "cannot use %s as a signing key: %s", r->shown,
			    why);
	return 0;
}

int key_load(const struct keyref *r, struct p256_priv *sk, struct err *e)
{
	uint8_t *t = NULL;
	size_t n = 0;
	int missing = 0, rc;
	char path[PATH_MAX + 160];
	char *secret;

	switch (r->kind) {
	case KEYREF_FILE:
		if (read_text(r->path, &t, &n, &missing, e) < 0)
			return missing ? errf(e, "key file %s does not exist",
					      r->path)
				       : -1;
		break;
	case KEYREF_ENV: {
		const char *v = getenv(r->account);
		if (!v || !*v)
			return errf(e, "environment variable %s is not set",
				    r->account);
		return decode_priv((const uint8_t *)v, strlen(v), r, sk, e);
	}
	case KEYREF_KEYSTORE:
		if (test_dir()) {
			snprintf(path, sizeof path, "%s/%s", test_dir(),
				 r->account);
			if (read_text(path, &t, &n, &missing, e) < 0)
				return missing ? errf(e, "%s not found in "
							 "NONO_TRUST_TEST_KEYSTORE_DIR "
							 "(create it with: nono trust "
							 "keygen --id %s)",
						      r->shown, r->account)
					       : -1;
			break;
		}
		__attribute__((fallthrough)); /* to the Secret Service */
	case KEYREF_KEYRING:
		if (secret_lookup(r->service, r->account, &secret, e) < 0)
			return -1;
		if (!secret)
			return errf(e, "%s not found in the Secret Service%s",
				    r->shown,
				    r->kind == KEYREF_KEYSTORE
					    ? " (create it with: nono trust keygen)"
					    : "");
		rc = decode_priv((const uint8_t *)secret, strlen(secret), r,
				 sk, e);
		secret_free(secret);
		return rc;
	}
	rc = decode_priv(t, n, r, sk, e);
	memset(t, 0, n);
	free(t);
	return rc;
}

/* Writes data to path with mode; without force, never replaces an
 * existing file (renameat2 RENAME_NOREPLACE). */
static int write_private(const char *path, const void *data, size_t n,
			 unsigned mode, int force, struct err *e)
{
	char tmp[PATH_MAX + 32];
	uint32_t rnd = 0;
	int fd;

	if (getrandom(&rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd)
		rnd = (uint32_t)getpid();
	snprintf(tmp, sizeof tmp, "%s.tmp-%ld-%u", path, (long)getpid(), rnd);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
		  mode);
	if (fd < 0)
		return errf_sys(e, "cannot create %s", tmp);
	if (fchmod(fd, mode) < 0 || write_all(fd, data, n, -1, path, e) < 0 ||
	    fsync(fd) < 0) {
		if (!e->msg[0])
			errf_sys(e, "cannot write %s", path);
		close(fd);
		unlink(tmp);
		return -1;
	}
	close(fd);
	if (force ? rename(tmp, path)
		  : renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE)) {
		if (errno == EEXIST)
			errf(e, "%s already exists (use --force to overwrite)",
			     path);
		else
			errf_sys(e, "cannot create %s", path);
		unlink(tmp);
		return -1;
	}
	return 0;
}

int key_store(const struct keyref *r, const struct p256_priv *sk, int force,
	      struct err *e)
{
	uint8_t der_mem[256], txt_mem[1024];
	struct nbuf der, txt;
	char path[PATH_MAX + 160];
	int rc = -1;

	e->msg[0] = 0;
	nbuf_init(&der, der_mem, sizeof der_mem);
	nbuf_init(&txt, txt_mem, sizeof txt_mem - 1);
	if (p256_pkcs8_encode(sk, &der) < 0)
		return errf(e, "cannot encode the private key");
	switch (r->kind) {
	case KEYREF_ENV:
		rc = errf(e, "cannot store a key in an environment variable; "
			     "use keystore://NAME or file:///path/key.pem");
		break;
	case KEYREF_FILE: {
		struct p256_pub pk;
		uint8_t spki[P256_SPKI_LEN], pub_mem[256];
		struct nbuf pub;
		if (pem_encode(&txt, "PRIVATE KEY", der.p, der.len) < 0 ||
		    p256_pub_from_priv(sk, &pk) < 0) {
			rc = errf(e, "cannot encode the private key");
			break;
		}
		if (write_private(r->path, txt.p, txt.len, 0600, force, e) < 0)
			break;
		p256_spki_encode(&pk, spki);
		nbuf_init(&pub, pub_mem, sizeof pub_mem);
		snprintf(path, sizeof path, "%s.pub", r->path);
		if (base64_encode(&pub, spki, sizeof spki) < 0 ||
		    nbuf_putc(&pub, '\n') < 0 ||
		    write_private(path, pub.p, pub.len, 0644, 1, e) < 0)
			break;
		rc = 0;
		break;
	}
	case KEYREF_KEYSTORE:
		if (base64_encode(&txt, der.p, der.len) < 0) {
			rc = errf(e, "cannot encode the private key");
			break;
		}
		if (test_dir()) {
			if (mkdir_p(test_dir(), 0700, e) < 0)
				break;
			snprintf(path, sizeof path, "%s/%s", test_dir(),
				 r->account);
			if (nbuf_putc(&txt, '\n') < 0)
				break;
			rc = write_private(path, txt.p, txt.len, 0600, force, e);
			break;
		}
		__attribute__((fallthrough)); /* to the Secret Service */
	case KEYREF_KEYRING: {
		char *old;
		if (txt.len == 0 && base64_encode(&txt, der.p, der.len) < 0) {
			rc = errf(e, "cannot encode the private key");
			break;
		}
		txt.p[txt.len] = 0;
		if (secret_lookup(r->service, r->account, &old, e) < 0)
			break;
		if (old) {
			secret_free(old);
			if (!force) {
				rc = errf(e, "%s already exists (use --force "
					     "to overwrite)", r->shown);
				break;
			}
		}
		rc = secret_store(r->service, r->account, (const char *)txt.p,
				  e);
		break;
	}
	}
	memset(der_mem, 0, sizeof der_mem);
	memset(txt_mem, 0, sizeof txt_mem);
	return rc;
}

int key_generate(struct p256_priv *sk, struct err *e)
{
	uint8_t seed[48];
	int rc;

	if (getrandom(seed, sizeof seed, 0) != (ssize_t)sizeof seed)
		return errf_sys(e, "getrandom failed");
	rc = p256_keygen(seed, sk);
	memset(seed, 0, sizeof seed);
	return rc < 0 ? errf(e, "key generation failed") : 0;
}
