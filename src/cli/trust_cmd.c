/*
 * nono trust keygen [--id NAME | --keyref URI] [--force]
 * nono trust export-key [--id NAME | --keyref URI] [--pem]
 * (spec/attestation.md §4)
 */
#include "base64.h"
#include "commands.h"
#include "keystore.h"
#include "pem.h"
#include "ui.h"

#include <stdio.h>
#include <string.h>

/* --id NAME | --keyref URI (mutually exclusive), plus flags. */
struct key_args {
	const char *ref;
	int force, pem;
};

static int parse(int argc, char **argv, const char *cmd, int allow_force,
		 int allow_pem, struct key_args *a)
{
	int have_id = 0, have_ref = 0;

	memset(a, 0, sizeof *a);
	for (int i = 0; i < argc; i++) {
		const char *x = argv[i];
		if ((!strcmp(x, "--id") || !strcmp(x, "--keyref")) && i + 1 >= argc)
			return ui_failf("%s requires a value", x);
		if (!strcmp(x, "--id")) {
			have_id = 1;
			a->ref = argv[++i];
			if (strstr(a->ref, "://"))
				return ui_failf("--id takes a key name; use "
						"--keyref for '%.64s'", a->ref);
		} else if (!strcmp(x, "--keyref")) {
			have_ref = 1;
			a->ref = argv[++i];
		} else if (allow_force && !strcmp(x, "--force")) {
			a->force = 1;
		} else if (allow_pem && !strcmp(x, "--pem")) {
			a->pem = 1;
		} else {
			return ui_failf("unexpected argument '%.64s' for 'nono "
					"trust %s'", x, cmd);
		}
	}
	if (have_id && have_ref)
		return ui_failf("--id and --keyref cannot be used together");
	return 0;
}

static const char *pub_b64(const struct p256_pub *pk, char out[P256_SPKI_LEN * 2])
{
	uint8_t der[P256_SPKI_LEN];
	struct nbuf b;

	p256_spki_encode(pk, der);
	nbuf_init(&b, (uint8_t *)out, P256_SPKI_LEN * 2 - 1);
	base64_encode(&b, der, sizeof der);
	out[b.len] = 0;
	return out;
}

static int keygen(int argc, char **argv)
{
	struct key_args a;
	struct keyref r;
	struct p256_priv sk;
	struct p256_pub pk;
	uint8_t id[32];
	char b64[P256_SPKI_LEN * 2];
	struct err e;
	int rc;

	if (parse(argc, argv, "keygen", 1, 0, &a))
		return 1;
	if (keyref_parse(a.ref, &r, &e) < 0 || key_generate(&sk, &e) < 0)
		return ui_fail(&e);
	rc = key_store(&r, &sk, a.force, &e);
	if (rc == 0)
		rc = p256_pub_from_priv(&sk, &pk);
	memset(&sk, 0, sizeof sk);
	if (rc < 0)
		return ui_fail(&e);
	p256_key_id(&pk, id);
	ui_line("Generated ECDSA P-256 signing key: %s", r.shown);
	ui_line("  Key ID:     %s", hex32s(id));
	ui_line("  Public key: %s", pub_b64(&pk, b64));
	return 0;
}

static int export_key(int argc, char **argv)
{
	struct key_args a;
	struct keyref r;
	struct p256_priv sk;
	struct p256_pub pk;
	uint8_t der[P256_SPKI_LEN], mem[512];
	char b64[P256_SPKI_LEN * 2];
	struct nbuf b;
	struct err e;
	int rc;

	if (parse(argc, argv, "export-key", 0, 1, &a))
		return 1;
	if (keyref_parse(a.ref, &r, &e) < 0 || key_load(&r, &sk, &e) < 0)
		return ui_fail(&e);
	rc = p256_pub_from_priv(&sk, &pk);
	memset(&sk, 0, sizeof sk);
	if (rc < 0)
		return ui_failf("%s does not hold a valid key", r.shown);
	if (!a.pem) {
		printf("%s\n", pub_b64(&pk, b64));
		return fflush(stdout) == 0 ? 0 : 1;
	}
	p256_spki_encode(&pk, der);
	nbuf_init(&b, mem, sizeof mem);
	if (pem_encode(&b, "PUBLIC KEY", der, sizeof der) < 0)
		return ui_failf("cannot encode the public key");
	fwrite(b.p, 1, b.len, stdout);
	return fflush(stdout) == 0 ? 0 : 1;
}

int cmd_trust(int argc, char **argv)
{
	static const char *const later[] = { "init", "sign", "sign-policy",
					     "verify", "list" };

	if (argc < 1)
		return ui_failf("'nono trust' requires a subcommand: keygen, "
				"export-key");
	if (!strcmp(argv[0], "keygen"))
		return keygen(argc - 1, argv + 1);
	if (!strcmp(argv[0], "export-key"))
		return export_key(argc - 1, argv + 1);
	for (size_t i = 0; i < sizeof later / sizeof *later; i++)
		if (!strcmp(argv[0], later[i]))
			return ui_failf("'nono trust %s' is not available in "
					"this build yet", argv[0]);
	return ui_failf("unrecognized subcommand 'trust %.64s'", argv[0]);
}
