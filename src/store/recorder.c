#include "recorder.h"

#include "attest.h"
#include "audit_record.h"
#include "fsutil.h"
#include "hex.h"
#include "ledger_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define EVENTS "audit-events.ndjson"
#define SESSION "session.json"
#define SESSION_MAX ((size_t)256 << 20)

void session_id_new(char out[17])
{
	uint8_t b[8];

	if (getrandom(b, sizeof b, 0) != (ssize_t)sizeof b) {
		uint64_t t = (uint64_t)getpid() * 0x9e3779b97f4a7c15ull ^
			     (uint64_t)time(NULL);
		memcpy(b, &t, 8);
	}
	hex_encode(b, 8, out);
	out[16] = 0;
}

int recorder_open(struct recorder *r, const char *audit_root,
		  const char *session_id, struct err *e)
{
	int rootfd;

	memset(r, 0, sizeof *r);
	r->dirfd = r->evfd = -1;
	r->sync_each = 1;
	merkle_init(&r->m);
	if (!session_id_valid(session_id, strlen(session_id)))
		return errf(e, "Snapshot error: invalid session ID: %s",
			    session_id);
	if (strlen(audit_root) >= sizeof r->root)
		return errf(e, "audit root path too long");
	strcpy(r->root, audit_root);
	strcpy(r->id, session_id);
	if (mkdir_p(audit_root, 0777, e) < 0)
		return -1;
	rootfd = open(audit_root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (rootfd < 0)
		return errf_sys(e, "cannot open audit root %s", audit_root);
	if (mkdirat(rootfd, session_id, 0700) < 0) {
		errf_sys(e, "cannot create session directory %s/%s",
			 audit_root, session_id);
		close(rootfd);
		return -1;
	}
	r->dirfd = openat(rootfd, session_id,
			  O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	if (r->dirfd < 0 || fsync_dir(rootfd, audit_root, e) < 0) {
		if (r->dirfd < 0)
			errf_sys(e, "cannot open %s/%s", audit_root, session_id);
		close(rootfd);
		recorder_close(r);
		return -1;
	}
	close(rootfd);
	r->evfd = openat(r->dirfd, EVENTS,
			 O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC |
				 O_NOFOLLOW,
			 0644);
	r->line = malloc(AUDIT_LINE_MAX + 1);
	if (r->evfd < 0 || !r->line) {
		errf_sys(e, "cannot create %s/%s/" EVENTS, audit_root,
			 session_id);
		recorder_close(r);
		return -1;
	}
	return fsync_dir(r->dirfd, session_id, e);
}

int recorder_append(struct recorder *r, const uint8_t *payload, size_t n,
		    struct err *e)
{
	struct nbuf out;
	uint8_t leaf[32], chain[32];

	nbuf_init(&out, r->line, AUDIT_LINE_MAX + 1);
	if (audit_record_write(&out, r->count, r->count ? r->chain : NULL,
			       payload, n, leaf, chain) < 0) {
		if (audit_payload_check(payload, n) < 0)
			return errf(e, "refusing to record an event that is "
				       "not a canonical audit payload");
		return errf(e, "refusing to record an event whose log line "
			       "would exceed the %zu-byte limit",
			       AUDIT_LINE_MAX);
	}
	if (write_all(r->evfd, out.p, out.len, r->size, EVENTS, e) < 0)
		return -1;
	if (r->sync_each && fdatasync(r->evfd) < 0)
		return errf_sys(e, "fdatasync of %s failed", EVENTS);
	r->size += (long long)out.len;
	(void)merkle_push(&r->m, leaf);
	memcpy(r->chain, chain, 32);
	r->count++;
	return 0;
}

/* Serializes m into a malloc'd buffer, growing until it fits. */
static int serialize(const struct session_meta *m, uint8_t **out,
		     size_t *len, struct err *e)
{
	size_t cap = 1 << 16;

	for (;;) {
		uint8_t *buf = malloc(cap);
		struct nbuf b;
		struct jw w;
		int rc;

		if (!buf)
			return errf(e, "out of memory writing session.json");
		nbuf_init(&b, buf, cap);
		jw_init(&w, &b, 1);
		session_write(&w, m);
		rc = jw_finish(&w);
		if (rc == JW_OK) {
			*out = buf;
			*len = b.len;
			return 0;
		}
		free(buf);
		if (rc != JW_ESPACE)
			return errf(e, "cannot write session.json: %s",
				    rc == JW_EUTF8 ? "a string or path is not "
						     "valid UTF-8"
						   : "invalid metadata");
		if (cap >= SESSION_MAX)
			return errf(e, "session.json would exceed %zu bytes",
				    SESSION_MAX);
		cap *= 2;
	}
}

/* Signs the session and writes audit-attestation.bundle atomically;
 * fills *as (whose public_key points into pub). */
static int sign_bundle(struct recorder *r, const struct session_meta *m,
		       const struct recorder_signer *s,
		       struct audit_attestation_summary *as,
		       char pub[P256_SPKI_LEN * 2], struct err *e)
{
	size_t args = 1024, cap;
	uint8_t *scratch, *bundle;
	struct nbuf sc, bu;
	int rc = -1;

	for (size_t i = 0; i < m->ncommand; i++)
		args += 6 * strlen(m->command[i]) + 16;
	cap = 4 * args + 4096;
	scratch = malloc(cap);
	bundle = malloc(2 * args + 4096);
	if (!scratch || !bundle) {
		errf(e, "out of memory signing the session");
		goto out;
	}
	nbuf_init(&sc, scratch, cap);
	nbuf_init(&bu, bundle, 2 * args + 4096);
	if (attest_sign(m, s->policy, &s->key, &sc, &bu, as->key_id, pub) < 0) {
		errf(e, "cannot sign session %s", r->id);
		goto out;
	}
	if (write_atomic_at(r->dirfd, AUDIT_BUNDLE_FILENAME,
			    AUDIT_BUNDLE_FILENAME, bu.p, bu.len, e) < 0)
		goto out;
	as->predicate_type = AUDIT_PREDICATE_TYPE;
	as->public_key = pub;
	as->bundle_filename = AUDIT_BUNDLE_FILENAME;
	rc = 0;
out:
	free(scratch);
	free(bundle);
	return rc;
}

int recorder_finalize(struct recorder *r, struct session_meta *m,
		      int integrity, const struct recorder_signer *signer,
		      struct err *e)
{
	struct audit_integrity ai;
	struct audit_attestation_summary as;
	char pub[P256_SPKI_LEN * 2];
	struct session_meta back;
	struct session_err se;
	uint8_t *js = NULL, *again = NULL, *arena = NULL, digest[32];
	jsmntok_t *tok = NULL;
	size_t n = 0, n2 = 0, ntok;
	struct nbuf a;
	int rc = -1, missing;

	if (r->sync_each == 0 && fdatasync(r->evfd) < 0)
		return errf_sys(e, "fdatasync of %s failed", EVENTS);
	m->session_id = r->id;
	m->audit_event_count = r->count;
	if (integrity) {
		ai.event_count = r->count;
		memcpy(ai.chain_head, r->chain, 32);
		merkle_root_out(&r->m, ai.merkle_root);
		m->integrity = &ai;
	} else {
		m->integrity = NULL;
	}
	m->attestation = NULL;
	if (signer) {
		if (!integrity)
			return errf(e, "signing needs the audit integrity summary "
				       "(--audit-sign-key cannot be combined with "
				       "--no-audit-integrity)");
		if (sign_bundle(r, m, signer, &as, pub, e) < 0)
			return -1;
		m->attestation = &as;
	}
	if (serialize(m, &js, &n, e) < 0)
		return -1;
	if (write_atomic_at(r->dirfd, SESSION, SESSION, js, n, e) < 0)
		goto out;
	/* The ledger commits to the file as written: read it back. */
	if (read_file_at(r->dirfd, SESSION, SESSION, SESSION_MAX, &again, &n2,
			 &missing, e) < 0)
		goto out;
	ntok = json_tokens_for(n2);
	tok = malloc(ntok * sizeof *tok);
	arena = malloc(session_arena_for(n2));
	if (!tok || !arena) {
		errf(e, "out of memory");
		goto out;
	}
	nbuf_init(&a, arena, session_arena_for(n2));
	if (session_parse(again, n2, tok, (unsigned)ntok, &a, &back, &se) < 0) {
		errf(e, "session.json written for %s does not read back: %s",
		     r->id, se.msg);
		goto out;
	}
	session_digest(&back, digest);
	if (ledger_append(r->root, r->id, digest,
			  back.ended ? back.ended : back.started, e) < 0)
		goto out;
	rc = 0;
out:
	free(js);
	free(again);
	free(tok);
	free(arena);
	return rc;
}

void recorder_close(struct recorder *r)
{
	if (r->evfd >= 0)
		close(r->evfd);
	if (r->dirfd >= 0)
		close(r->dirfd);
	r->evfd = r->dirfd = -1;
	free(r->line);
	r->line = NULL;
}
