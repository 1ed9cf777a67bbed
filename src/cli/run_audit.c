#include "run_audit.h"
#include "config.h"
#include "audit_event.h"
#include "keystore.h"
#include "path.h"
#include "paths.h"
#include "sha256.h"
#include "timefmt.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static uint8_t evbuf[1 << 20];

static int emit(struct run_audit *ra, struct jw *w, struct nbuf *b,
		struct err *e)
{
	if (jw_finish(w) != JW_OK)
		return errf(e, "audit event too large or not UTF-8");
	return recorder_append(&ra->r, b->p, b->len, e);
}

static int hash_file(const char *path, uint8_t out[32])
{
	static uint8_t buf[1 << 16];
	struct sha256 c;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	sha256_init(&c);
	while ((n = read(fd, buf, sizeof buf)) > 0)
		sha256_update(&c, buf, (size_t)n);
	close(fd);
	if (n < 0)
		return -1;
	sha256_out(&c, out);
	return 0;
}

/* tracked_paths: user-granted directories, the one holding the working
 * directory first. */
static void tracked(struct run_audit *ra, const struct capset *cs,
		    const char *cwd)
{
	ra->ntracked = 0;
	for (size_t i = 0; i < cs->nfs && ra->ntracked < 64; i++) {
		const struct fs_cap *c = &cs->fs[i];
		if (c->is_file || c->source != SRC_USER)
			continue;
		ra->tracked[ra->ntracked++] = c->resolved;
	}
	for (size_t i = 1; i < ra->ntracked; i++)
		if (path_covers(ra->tracked[i], strlen(ra->tracked[i]), cwd,
				strlen(cwd))) {
			const char *t = ra->tracked[0];
			ra->tracked[0] = ra->tracked[i];
			ra->tracked[i] = t;
			break;
		}
}

int run_audit_start(struct run_audit *ra, const struct capset *cs,
		    const char *workdir_canon, char *const *argv, int argc,
		    const char *exe, int landlock_abi, int integrity,
		    const char *sign_key, struct err *e)
{
	uint8_t *arena_mem;
	size_t total = 65536;
	struct nbuf arena, b;
	struct jw w;
	struct timespec ts;
	char root[PATH_MAX], id[17], now[64], abi[16];
	struct audit_runtime rt;

	memset(ra, 0, sizeof *ra);
	ra->integrity = integrity;
	if (sign_key) {
		struct keyref kr;
		if (keyref_parse(sign_key, &kr, e) < 0 ||
		    key_load(&kr, &ra->signer.key, e) < 0)
			return -1;
		ra->signing = 1;
	}
	{
		const struct user_config *uc = config_get(e);
		if (!uc)
			return -1;
		ra->policy = uc->redaction;
	}
	ra->signer.policy = &ra->policy;
	for (int i = 0; i < argc; i++)
		total += 3 * strlen(argv[i]) + 64;
	if (!(arena_mem = malloc(total)))     /* lives as long as nono */
		return errf(e, "out of memory");
	nbuf_init(&arena, arena_mem, total);
	ra->command = nbuf_alloc(&arena, (size_t)argc * sizeof *ra->command, 8);
	if (!ra->command || scrub_argv(&ra->policy, (const char *const *)argv,
				       (size_t)argc, ra->command, &arena) < 0)
		return errf(e, "the command line is too long to record");
	ra->ncommand = (size_t)argc;
	if (realpath(exe, ra->exe_path) && hash_file(ra->exe_path,
						     ra->exe_sha256) == 0)
		ra->have_exe = 1;
	tracked(ra, cs, workdir_canon);
	session_id_new(id);
	if (state_root(ROOT_AUDIT, root, e) < 0 ||
	    recorder_open(&ra->r, root, id, e) < 0)
		return -1;
	ra->r.sync_each = 0;            /* one fdatasync at finalization */
	ra->active = 1;
	clock_gettime(CLOCK_REALTIME, &ts);
	rfc3339_local(&ts, ra->started);
	rfc3339_utc(&ts, now);
	nbuf_init(&b, evbuf, sizeof evbuf);
	jw_init(&w, &b, 0);
	audit_ev_session_started(&w, ra->started, ra->command, ra->ncommand,
				 &ra->policy);
	if (emit(ra, &w, &b, e) < 0)
		return -1;
	snprintf(abi, sizeof abi, "V%d", landlock_abi);
	rt.timestamp = now;
	rt.platform = "linux";
	rt.landlock_abi = abi;
	rt.landlock_execute = 1;
	rt.tool_sandbox_active = 0;
	nbuf_init(&b, evbuf, sizeof evbuf);
	jw_init(&w, &b, 0);
	audit_ev_sandbox_runtime(&w, &rt);
	return emit(ra, &w, &b, e);
}

void run_audit_decision(void *ctx, const struct unotify_decision *d)
{
	struct run_audit *ra = ctx;

	if (!d->granted) {
		ra->denials_total++;
		if (ra->ndenials < RUN_DENIALS_KEPT) {
			struct run_denial *x = &ra->denials[ra->ndenials++];
			snprintf(x->op, sizeof x->op, "%s", d->op);
			snprintf(x->path, sizeof x->path, "%s", d->path);
		}
	}
	if (ra->active && !ra->failed && ra->decisions < RUN_DECISIONS_MAX) {
		struct timespec ts;
		struct audit_capability c;
		char rid[32];
		struct nbuf b;
		struct jw w;

		clock_gettime(CLOCK_REALTIME, &ts);
		snprintf(rid, sizeof rid, "unix-%llu",
			 (unsigned long long)++ra->seq);
		memset(&c, 0, sizeof c);
		c.secs = (uint64_t)ts.tv_sec;
		c.nanos = (uint32_t)ts.tv_nsec;
		c.request_id = rid;
		c.path = d->path;
		c.access = AUDIT_WRITE;         /* connect(2) needs write */
		c.reason = !strcmp(d->op, "connect")
			   ? "connect(2) to a unix socket"
			   : "datagram to a unix socket";
		c.child_pid = (uint32_t)d->pid;
		c.session_id = ra->r.id;
		c.decision = d->granted ? AUDIT_GRANTED : AUDIT_DENIED;
		c.deny_reason = d->reason;
		c.backend = "policy";
		c.duration_ms = d->duration_ms;
		nbuf_init(&b, evbuf, sizeof evbuf);
		jw_init(&w, &b, 0);
		audit_ev_capability_decision(&w, &c);
		if (emit(ra, &w, &b, &ra->deferred) < 0)
			ra->failed = 1;
		ra->decisions++;
	}
}

/* Records each network event and lists them for session.json. */
static int network_events(struct run_audit *ra, const char *net,
			  size_t netlen, struct session_meta *m, struct err *e)
{
	static const uint8_t *ev[RUN_NET_EVENTS_MAX];
	static size_t len[RUN_NET_EVENTS_MAX];
	const char *p = net, *end = net + netlen;
	size_t n = 0;

	while (p < end && n < RUN_NET_EVENTS_MAX) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		struct nbuf b;
		struct jw w;
		if (!nl)
			break;
		ev[n] = (const uint8_t *)p;
		len[n] = (size_t)(nl - p);
		nbuf_init(&b, evbuf, sizeof evbuf);
		jw_init(&w, &b, 0);
		audit_ev_network(&w, ev[n], len[n]);
		if (emit(ra, &w, &b, e) < 0)
			return -1;
		n++;
		p = nl + 1;
	}
	m->net_events = ev;
	m->net_lens = len;
	m->nnet = n;
	return 0;
}

int run_audit_finish(struct run_audit *ra, int exit_code, const char *net,
		     size_t netlen, struct err *e)
{
	struct timespec ts;
	char ended[64];
	struct session_meta m;
	struct nbuf b;
	struct jw w;
	int rc;

	if (!ra->active)
		return 0;
	if (ra->failed) {
		*e = ra->deferred;
		recorder_close(&ra->r);
		ra->active = 0;
		return -1;
	}
	memset(&m, 0, sizeof m);
	if (network_events(ra, net, netlen, &m, e) < 0) {
		recorder_close(&ra->r);
		ra->active = 0;
		return -1;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	rfc3339_local(&ts, ended);
	nbuf_init(&b, evbuf, sizeof evbuf);
	jw_init(&w, &b, 0);
	audit_ev_session_ended(&w, ended, exit_code);
	if (emit(ra, &w, &b, e) < 0) {
		recorder_close(&ra->r);
		ra->active = 0;
		return -1;
	}
	m.started = ra->started;
	m.ended = ended;
	m.command = ra->command;
	m.ncommand = ra->ncommand;
	if (ra->have_exe) {
		m.exe_path = ra->exe_path;
		memcpy(m.exe_sha256, ra->exe_sha256, 32);
	}
	m.tracked_paths = ra->tracked;
	m.ntracked = ra->ntracked;
	m.has_exit_code = 1;
	m.exit_code = exit_code;
	rc = recorder_finalize(&ra->r, &m, ra->integrity,
			       ra->signing ? &ra->signer : NULL, e);
	recorder_close(&ra->r);
	ra->active = 0;
	memset(&ra->signer.key, 0, sizeof ra->signer.key);
	return rc;
}
