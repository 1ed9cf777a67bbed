#include "verify.h"

#include "fsutil.h"
#include "keytext.h"
#include "log_verify.h"
#include "paths.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *av_msg(int err)
{
	switch (err) {
	case AV_PREV: return "Audit event record prev_chain mismatch";
	case AV_JSON: return "Audit event JSON mismatch";
	case AV_LEAF: return "Audit event leaf hash mismatch";
	case AV_CHAIN: return "Audit event chain hash mismatch";
	default: return "Audit event record error";
	}
}

/* Streams the event log through the core verifier. */
static int verify_log(struct loaded_session *s, struct verify_report *r,
		      struct err *e)
{
	char shown[PATH_MAX + 96];
	struct audit_verifier v;
	int fd, rc = -1;

	snprintf(shown, sizeof shown, "%s/%s/audit-events.ndjson", s->root,
		 r->session_id);
	fd = openat(s->dirfd, "audit-events.ndjson",
		    O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY);
	if (fd < 0)
		return errf_sys(e, "Snapshot error: cannot open %s", shown);
	(void)posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	if (log_verify_fd(fd, &v) < 0) {
		errf_sys(e, "Snapshot error: cannot read %s", shown);
		goto out;
	}
	switch (v.err) {
	case AV_OK:
		break;
	case AV_PARSE:
		errf(e, "Snapshot error: Failed to parse audit event record %s "
			"line %llu: %s", shown, (unsigned long long)v.err_line,
		     v.detail);
		goto out;
	case AV_SEQUENCE:
		errf(e, "Snapshot error: Audit event record sequence mismatch "
			"at line %llu: expected %llu, got %llu",
		     (unsigned long long)v.err_line,
		     (unsigned long long)v.expected, (unsigned long long)v.got);
		goto out;
	case AV_TOO_LONG:
		errf(e, "Snapshot error: %s line %llu exceeds the line limit of "
			"%zu bytes (4 MiB)", shown,
		     (unsigned long long)v.err_line, AUDIT_LINE_MAX);
		goto out;
	case AV_EMPTY_LINE:
		errf(e, "Snapshot error: %s line %llu is empty", shown,
		     (unsigned long long)v.err_line);
		goto out;
	case AV_INCOMPLETE:
		errf(e, "Snapshot error: %s ends with an incomplete line (line "
			"%llu has no newline)", shown,
		     (unsigned long long)v.err_line);
		goto out;
	default:
		errf(e, "Snapshot error: %s at line %llu", av_msg(v.err),
		     (unsigned long long)v.err_line);
		goto out;
	}
	r->event_count = v.count;
	audit_verifier_result(&v, r->head, r->root);
	r->stored = s->m.integrity != NULL;
	r->audit_event_count = s->m.audit_event_count;
	if (r->stored) {
		r->st = *s->m.integrity;
		if (v.missing_event_json) {
			errf(e, "Snapshot error: Alpha audit log is missing "
				"canonical event_json bytes");
			goto out;
		}
		if (v.count == 0 || memcmp(r->head, r->st.chain_head, 32) != 0) {
			errf(e, "Snapshot error: Alpha audit log chain head "
				"mismatch");
			goto out;
		}
		if (memcmp(r->root, r->st.merkle_root, 32) != 0) {
			errf(e, "Snapshot error: Alpha audit log Merkle root "
				"mismatch");
			goto out;
		}
	}
	/* The original compares only the stored integrity count; nono-c
	 * also requires session.json's audit_event_count to match, so a
	 * truncated log is caught even without an integrity summary. */
	r->event_count_matches =
		v.count == r->audit_event_count &&
		(!r->stored || v.count == r->st.event_count);
	rc = 0;
out:
	close(fd);
	return rc;
}

static int verify_ledger(struct loaded_session *s, struct verify_report *r,
			 struct err *e)
{
	char root[PATH_MAX];
	struct err ignore;

	if (state_root(ROOT_AUDIT, root, e) < 0)
		return -1;
	if (ledger_verify_file(root, s->m.session_id, r->session_digest,
			       &r->ledger, e) < 0)
		return -1;
	if (!r->ledger.session_found &&
	    state_root(ROOT_AUDIT_LEGACY, root, &ignore) == 0) {
		struct ledger_result legacy;
		char path[PATH_MAX + 32];
		snprintf(path, sizeof path, "%s/ledger.ndjson", root);
		if (access(path, F_OK) == 0) {
			if (ledger_verify_file(root, s->m.session_id,
					       r->session_digest, &legacy, e) < 0)
				return -1;
			r->ledger = legacy;
		}
	}
	return 0;
}

#define BUNDLE_MAX ((size_t)16 << 20)

/* A bundle name from session.json must name a file in the session
 * directory itself. */
static int bundle_name_ok(const char *n)
{
	size_t len = strlen(n);

	if (len == 0 || len > 128 || n[0] == '.')
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!((n[i] >= 'A' && n[i] <= 'Z') || (n[i] >= 'a' && n[i] <= 'z') ||
		      (n[i] >= '0' && n[i] <= '9') || n[i] == '.' || n[i] == '_' ||
		      n[i] == '-'))
			return 0;
	return 1;
}

static int read_public_key(const char *path, struct p256_pub *pk, struct err *e)
{
	uint8_t *t;
	size_t n;
	int missing;
	const char *why;

	if (read_file_at(AT_FDCWD, path, path, 64 << 10, &t, &n, &missing, e) < 0)
		return missing ? errf(e, "public key file %s does not exist",
				      path)
			       : -1;
	if (pubkey_text_decode(t, n, pk, &why) < 0) {
		free(t);
		return errf(e, "cannot use %s as a public key: %s", path, why);
	}
	free(t);
	return 0;
}

/* spec/attestation.md §5; problems with the attestation itself go into
 * the report, hostile bundle names and key-file problems are errors. */
static int verify_attestation(struct loaded_session *s, const char *keyfile,
			      struct verify_report *r, struct err *e)
{
	const struct audit_attestation_summary *as = s->m.attestation;
	struct attest_input in;
	struct p256_pub expected;
	uint8_t *bundle = NULL, *scratch;
	size_t blen = 0;
	int missing = 0;
	char path[PATH_MAX + 192];
	struct err le;
	struct nbuf sc;

	memset(&r->att, 0, sizeof r->att);
	r->att.expected_key = keyfile ? 0 : -1;
	if (keyfile && read_public_key(keyfile, &expected, e) < 0)
		return -1;
	if (!as) {
		if (keyfile)
			snprintf(r->att.error, sizeof r->att.error,
				 "session has no audit attestation to verify "
				 "against provided public key %s", keyfile);
		r->att.verified = r->att.error[0] == 0;
		return 0;
	}
	if (!bundle_name_ok(as->bundle_filename))
		return errf(e, "Snapshot error: session.json names the "
			       "attestation bundle '%.64s', which is not a file "
			       "in the session directory", as->bundle_filename);
	snprintf(path, sizeof path, "%s/%s/%s", s->root, s->m.session_id,
		 as->bundle_filename);
	memset(&in, 0, sizeof in);
	le.msg[0] = 0;
	if (read_file_at(s->dirfd, as->bundle_filename, path, BUNDLE_MAX,
			 &bundle, &blen, &missing, &le) < 0) {
		if (!missing && strstr(le.msg, "symlink"))
			return errf(e, "Snapshot error: %s", le.msg);
		if (missing)
			snprintf(le.msg, sizeof le.msg, "I/O error: No such file "
				 "or directory (os error 2)");
		in.load_error = le.msg;
		bundle = NULL;
	}
	in.m = &s->m;
	in.bundle = bundle;
	in.bundle_len = blen;
	in.bundle_path = path;
	in.expected = keyfile ? &expected : NULL;
	scratch = malloc(attest_scratch_for(blen));
	if (!scratch) {
		free(bundle);
		return errf(e, "out of memory");
	}
	nbuf_init(&sc, scratch, attest_scratch_for(blen));
	attest_verify(&in, &r->att, &sc);
	free(scratch);
	free(bundle);
	return 0;
}

int audit_verify(const char *id, const char *public_key_file,
		 struct verify_report *r, struct err *e)
{
	struct loaded_session s;
	int rc = -1;

	memset(r, 0, sizeof *r);
	if (session_load(id, &s, e) < 0)
		return -1;
	r->session_id = id;
	if (verify_log(&s, r, e) < 0)
		goto out;
	session_digest(&s.m, r->session_digest);
	if (verify_ledger(&s, r, e) < 0)
		goto out;
	if (verify_attestation(&s, public_key_file, r, e) < 0)
		goto out;
	r->verified = r->event_count_matches && r->ledger.session_found &&
		      r->ledger.digest_matches && r->ledger.chain_verified &&
		      r->att.verified;
	rc = 0;
out:
	session_unload(&s);
	return rc;
}
