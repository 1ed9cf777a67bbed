/*
 * nono-testgen: records real audited sessions through the recorder API,
 * for integration tests, benchmarks and the demo (the sandbox that will
 * record sessions itself arrives with `nono run`).
 *
 *   nono-testgen session [--id ID] [--events N] [--bulk] [--no-integrity]
 *                        [--network N] [--arg-bytes N] [--sign-key REF]
 *                        [--command-policy]
 *                        [-- COMMAND...]
 *
 * Writes the session under ${XDG_STATE_HOME:-~/.local/state}/nono/audit
 * and prints its id. Events cycle through the payload variants nono
 * records (capability decisions, URL opens, sandbox runtime, network).
 * --bulk skips the per-event fdatasync (one sync at the end).
 */
#include "audit_event.h"
#include "keystore.h"
#include "paths.h"
#include "recorder.h"
#include "scrub.h"
#include "timefmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint8_t evbuf[1 << 23];

static int emit(struct recorder *r, struct jw *w, struct nbuf *b,
		struct err *e)
{
	if (jw_finish(w) != JW_OK)
		return errf(e, "event too large");
	return recorder_append(r, b->p, b->len, e);
}

int main(int argc, char **argv)
{
	const char *id = NULL, *default_cmd[] = { "/bin/true" };
	const char *const *cmd = default_cmd;
	size_t ncmd = 1, arg_bytes = 0;
	unsigned long long events = 4, network = 0;
	int bulk = 0, integrity = 1;
	const char *sign_key = NULL;
	int command_policy = 0;
	struct recorder_signer signer;
	char idbuf[17], root[PATH_MAX], started[64], ended[64], now[64];
	struct timespec ts;
	struct recorder r;
	struct session_meta m;
	struct scrub_policy pol;
	const char **redacted;
	uint8_t *arena_mem;
	struct nbuf arena, b;
	struct jw w;
	struct err e;
	char *big = NULL;

	if (argc < 2 || strcmp(argv[1], "session") != 0) {
		fprintf(stderr, "usage: nono-testgen session [options] [-- CMD...]\n");
		return 2;
	}
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--id") && i + 1 < argc)
			id = argv[++i];
		else if (!strcmp(argv[i], "--events") && i + 1 < argc)
			events = strtoull(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--network") && i + 1 < argc)
			network = strtoull(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--arg-bytes") && i + 1 < argc)
			arg_bytes = strtoull(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--sign-key") && i + 1 < argc)
			sign_key = argv[++i];
		else if (!strcmp(argv[i], "--command-policy"))
			command_policy = 1;
		else if (!strcmp(argv[i], "--bulk"))
			bulk = 1;
		else if (!strcmp(argv[i], "--no-integrity"))
			integrity = 0;
		else if (!strcmp(argv[i], "--")) {
			cmd = (const char *const *)argv + i + 1;
			ncmd = (size_t)(argc - i - 1);
			break;
		} else {
			fprintf(stderr, "nono-testgen: unknown option %s\n", argv[i]);
			return 2;
		}
	}
	if (arg_bytes) {
		/* one huge argument (like a command line near ARG_MAX) */
		static const char *one[2];
		big = malloc(arg_bytes + 1);
		memset(big, 'x', arg_bytes);
		big[arg_bytes] = 0;
		one[0] = "/bin/echo";
		one[1] = big;
		cmd = one;
		ncmd = 2;
	}
	if (sign_key) {
		struct keyref kr;
		if (keyref_parse(sign_key, &kr, &e) < 0 ||
		    key_load(&kr, &signer.key, &e) < 0) {
			fprintf(stderr, "nono-testgen: %s\n", e.msg);
			return 1;
		}
	}
	if (!id) {
		session_id_new(idbuf);
		id = idbuf;
	}
	if (state_root(ROOT_AUDIT, root, &e) < 0 ||
	    recorder_open(&r, root, id, &e) < 0) {
		fprintf(stderr, "nono-testgen: %s\n", e.msg);
		return 1;
	}
	r.sync_each = !bulk;
	clock_gettime(CLOCK_REALTIME, &ts);
	rfc3339_local(&ts, started);
	rfc3339_utc(&ts, now);

	scrub_policy_default(&pol);
	redacted = calloc(ncmd + 1, sizeof *redacted);
	arena_mem = malloc(4 * (arg_bytes + 4096) + 65536);
	nbuf_init(&arena, arena_mem, 4 * (arg_bytes + 4096) + 65536);
	if (scrub_argv(&pol, cmd, ncmd, redacted, &arena) < 0) {
		fprintf(stderr, "nono-testgen: command too long\n");
		return 1;
	}

	nbuf_init(&b, evbuf, sizeof evbuf);
	jw_init(&w, &b, 0);
	audit_ev_session_started(&w, started, redacted, ncmd, &pol);
	if (emit(&r, &w, &b, &e) < 0)
		goto fail;
	for (unsigned long long i = 1; i + 1 < events; i++) {
		char rid[32], path[64];
		nbuf_init(&b, evbuf, sizeof evbuf);
		jw_init(&w, &b, 0);
		snprintf(rid, sizeof rid, "req-%llu", i);
		snprintf(path, sizeof path, "/home/user/project/src/file%llu.c", i);
		switch (i % 4) {
		case 0: {
			struct audit_runtime rt = { now, "linux", "V7", 1, 1 };
			audit_ev_sandbox_runtime(&w, &rt);
			break;
		}
		case 1: {
			struct audit_capability c = {
				(uint64_t)ts.tv_sec, (uint32_t)(i % 1000000000u),
				rid, path, AUDIT_READWRITE, "agent asked",
				4242, id, (i & 2) ? AUDIT_GRANTED : AUDIT_DENIED,
				"outside policy", "terminal", i % 5000
			};
			audit_ev_capability_decision(&w, &c);
			break;
		}
		case 2: {
			struct audit_url_open u = { rid, "https://example.com/oauth/callback",
						    4242, id, (int)(i & 1), NULL };
			audit_ev_url_open(&w, &u);
			break;
		}
		default: {
			char net[512];
			int k = snprintf(net, sizeof net,
				"{\"timestamp_unix_ms\":%llu,\"mode\":\"connect\","
				"\"decision\":\"%s\",\"target\":\"api.example.com\","
				"\"port\":443,\"method\":null,\"path\":null,"
				"\"status\":null,\"reason\":null}",
				(unsigned long long)ts.tv_sec * 1000 + i,
				(i & 4) ? "allow" : "deny");
			audit_ev_network(&w, (const uint8_t *)net, (size_t)k);
		}
		}
		if (emit(&r, &w, &b, &e) < 0)
			goto fail;
	}
	if (command_policy) {
		/* the reference's command_policy payload (D2 #5) */
		static const char cp[] = "{\"type\":\"command_policy\",\"event\":{\"timestamp\":\"2026-04-21T00:00:00Z\",\"session_id\":\"sess-1\",\"command\":\"curl\",\"caller\":\"session\",\"decision\":\"denied\",\"reason\":\"entrypoint missing\",\"stdio_mode\":\"pty\",\"argv_hash\":\"a\",\"env_name_hash\":\"e\",\"cwd_hash\":\"c\",\"argv_display\":[\"curl\"],\"env_names_display\":[],\"cwd_display\":\"/work\",\"exit_code\":null}}";
		if (recorder_append(&r, (const uint8_t *)cp, sizeof cp - 1, &e) < 0)
			goto fail;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	rfc3339_local(&ts, ended);
	if (events > 1) {
		nbuf_init(&b, evbuf, sizeof evbuf);
		jw_init(&w, &b, 0);
		audit_ev_session_ended(&w, ended, 0);
		if (emit(&r, &w, &b, &e) < 0)
			goto fail;
	}

	memset(&m, 0, sizeof m);
	m.started = started;
	m.ended = ended;
	m.command = redacted;
	m.ncommand = ncmd;
	{
		static const char *tracked[] = { "/home/user/project" };
		m.tracked_paths = tracked;
		m.ntracked = 1;
	}
	m.has_exit_code = 1;
	m.exit_code = 0;
	{
		static const uint8_t *nets[64];
		static size_t lens[64];
		static char nb[64][256];
		if (network > 64)
			network = 64;
		for (unsigned long long i = 0; i < network; i++) {
			int k = snprintf(nb[i], sizeof nb[i],
				"{\"timestamp_unix_ms\":%llu,\"mode\":\"reverse\","
				"\"decision\":\"allow\",\"route_id\":\"openai\","
				"\"target\":\"api.openai.com\",\"port\":443,"
				"\"method\":\"POST\",\"path\":\"/v1/chat\",\"status\":200,"
				"\"reason\":null}", 1700000000000ull + i);
			nets[i] = (const uint8_t *)nb[i];
			lens[i] = (size_t)k;
		}
		m.net_events = nets;
		m.net_lens = lens;
		m.nnet = (size_t)network;
	}
	signer.policy = &pol;
	if (recorder_finalize(&r, &m, integrity, sign_key ? &signer : NULL,
			      &e) < 0)
		goto fail;
	recorder_close(&r);
	printf("%s\n", id);
	free(big);
	return 0;
fail:
	fprintf(stderr, "nono-testgen: %s\n", e.msg);
	recorder_close(&r);
	return 1;
}
