/*
 * nono audit verify <id> [--json] [--public-key-file F]   (spec/verify.md)
 */
#include "commands.h"
#include "ui.h"
#include "verify.h"

#include <stdio.h>
#include <string.h>

static void hex_or_null(struct jw *w, int have, const uint8_t b[32])
{
	if (have)
		jw_hex(w, b, 32);
	else
		jw_null(w);
}

/* AuditAttestationVerificationResult, in the original's key order. */
static void attestation_json(struct jw *w, const struct attest_result *a)
{
	jw_obj_begin(w);
	jw_key(w, "present");
	jw_bool(w, a->present);
	jw_key(w, "predicate_type");
	if (a->present)
		jw_str(w, a->predicate_type);
	else
		jw_null(w);
	jw_key(w, "key_id");
	hex_or_null(w, a->present, a->key_id);
	jw_key(w, "key_id_matches");
	jw_bool(w, a->key_id_matches);
	jw_key(w, "signature_verified");
	jw_bool(w, a->signature_verified);
	jw_key(w, "merkle_root_matches");
	jw_bool(w, a->merkle_root_matches);
	jw_key(w, "session_id_matches");
	jw_bool(w, a->session_id_matches);
	jw_key(w, "expected_public_key_matches");
	if (a->expected_key < 0)
		jw_null(w);
	else
		jw_bool(w, a->expected_key);
	jw_key(w, "verification_error");
	if (a->error[0])
		jw_str(w, a->error);
	else
		jw_null(w);
	jw_obj_end(w);
}

static int verify_json(const struct verify_report *r)
{
	struct json_out o;
	struct jw *w = &o.w;
	int ev = r->event_count > 0;

	json_out_begin(&o);
	jw_obj_begin(w);
	jw_key(w, "session");
	jw_obj_begin(w);
	jw_key(w, "hash_algorithm");
	jw_str(w, "sha256");
	jw_key(w, "merkle_scheme");
	jw_str(w, "alpha");
	jw_key(w, "event_count");
	jw_u64(w, r->event_count);
	jw_key(w, "computed_chain_head");
	hex_or_null(w, ev, r->head);
	jw_key(w, "computed_merkle_root");
	hex_or_null(w, ev, r->root);
	jw_key(w, "stored_event_count");
	if (r->stored)
		jw_u64(w, r->st.event_count);
	else
		jw_null(w);
	jw_key(w, "stored_chain_head");
	hex_or_null(w, r->stored, r->st.chain_head);
	jw_key(w, "stored_merkle_root");
	hex_or_null(w, r->stored, r->st.merkle_root);
	jw_key(w, "event_count_matches");
	jw_bool(w, r->event_count_matches);
	jw_key(w, "records_verified");
	jw_bool(w, 1);
	jw_obj_end(w);

	jw_key(w, "ledger");
	jw_obj_begin(w);
	jw_key(w, "hash_algorithm");
	jw_str(w, "sha256");
	jw_key(w, "entry_count");
	jw_u64(w, r->ledger.entry_count);
	jw_key(w, "session_digest");
	jw_hex(w, r->session_digest, 32);
	jw_key(w, "session_found");
	jw_bool(w, r->ledger.session_found);
	jw_key(w, "session_digest_matches");
	jw_bool(w, r->ledger.digest_matches);
	jw_key(w, "ledger_chain_verified");
	jw_bool(w, r->ledger.chain_verified);
	jw_key(w, "ledger_head");
	hex_or_null(w, r->ledger.entry_count > 0, r->ledger.head);
	jw_obj_end(w);

	jw_key(w, "attestation");
	attestation_json(w, &r->att);

	jw_key(w, "verified");
	jw_bool(w, r->verified);
	jw_obj_end(w);
	return json_out_end(&o);
}

static const char *hex_or_dash(int have, const uint8_t b[32])
{
	return have ? hex32s(b) : "-";
}

static void verify_human(const struct verify_report *r, const char *keyfile)
{
	int ev = r->event_count > 0;

	ui_line("Audit integrity for session %s %s", r->session_id,
		r->verified ? "VERIFIED" : "MISMATCH");
	if (r->event_count == r->audit_event_count)
		ui_line("  Events: %llu", (unsigned long long)r->event_count);
	else
		ui_line("  Events: %llu (session.json records %llu)",
			(unsigned long long)r->event_count,
			(unsigned long long)r->audit_event_count);
	ui_line("  Chain:  %s", hex_or_dash(ev, r->head));
	ui_line("  Root:   %s", hex_or_dash(ev, r->root));
	ui_line("  Scheme: alpha");
	if (r->stored)
		ui_line("  Stored: events=%llu, chain=%s, root=%s",
			(unsigned long long)r->st.event_count,
			hex32s(r->st.chain_head), hex32s(r->st.merkle_root));
	ui_line("  Ledger: %s (entries=%llu, head=%s)",
		r->ledger.session_found && r->ledger.digest_matches &&
				r->ledger.chain_verified
			? "verified"
			: "mismatch",
		(unsigned long long)r->ledger.entry_count,
		hex_or_dash(r->ledger.entry_count > 0, r->ledger.head));
	if (r->att.present) {
		ui_line("  Signed: %s (key=%s)",
			r->att.verified ? (keyfile ? "verified" : "self-attested")
					: "mismatch",
			hex32s(r->att.key_id));
		if (keyfile)
			ui_line("  Pubkey: %s",
				r->att.expected_key > 0 ? "matched" : "mismatch");
		if (r->att.verified && !keyfile)
			ui_line("  Trust:  the key was taken from session.json "
				"itself, not an independent trust anchor; pass "
				"--public-key-file to pin the signer");
		if (r->att.error[0])
			ui_line("  Attest: %s", r->att.error);
	} else if (keyfile && r->att.error[0]) {
		ui_line("  Attest: %s", r->att.error);
	}
}

static int audit_verify_cmd(int argc, char **argv)
{
	const char *id = NULL, *keyfile = NULL;
	int json = 0;
	struct verify_report r;
	struct err e;

	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			json = 1;
		} else if (!strcmp(argv[i], "--public-key-file")) {
			if (++i >= argc)
				return ui_failf("--public-key-file requires a "
						"value");
			keyfile = argv[i];
		} else if (!strncmp(argv[i], "--public-key-file=", 18)) {
			keyfile = argv[i] + 18;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return ui_failf("unexpected argument '%.64s' for "
					"'nono audit verify'", argv[i]);
		} else if (!id) {
			id = argv[i];
		} else {
			return ui_failf("unexpected argument '%.64s' for "
					"'nono audit verify'", argv[i]);
		}
	}
	if (!id)
		return ui_failf("'nono audit verify' requires a session ID");
	if (audit_verify(id, keyfile, &r, &e) < 0)
		return ui_fail(&e);
	if (json) {
		if (verify_json(&r))
			return 1;
	} else {
		verify_human(&r, keyfile);
	}
	if (!r.verified)
		return ui_failf("Snapshot error: Audit integrity verification "
				"failed");
	return 0;
}

int cmd_audit(int argc, char **argv)
{
	if (argc < 1)
		return ui_failf("'nono audit' requires a subcommand: list, show, "
				"verify, cleanup");
	if (!strcmp(argv[0], "verify"))
		return audit_verify_cmd(argc - 1, argv + 1);
	if (!strcmp(argv[0], "list") || !strcmp(argv[0], "show") ||
	    !strcmp(argv[0], "cleanup"))
		return cmd_audit_browse(argv[0], argc - 1, argv + 1);
	return ui_failf("unrecognized subcommand 'audit %.64s'", argv[0]);
}
