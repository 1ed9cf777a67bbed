/*
 * Recording a supervised session (spec/cli-run.md §5): session_started
 * and sandbox_runtime before the program starts, capability decisions as
 * the supervisor makes them, session_ended and finalization (session.json,
 * ledger, optional signature) when it ends.
 */
#ifndef NONO_RUN_AUDIT_H
#define NONO_RUN_AUDIT_H

#include "capset.h"
#include "err.h"
#include "recorder.h"
#include "unotify.h"

#include <limits.h>

#define RUN_DENIALS_KEPT 32
#define RUN_DECISIONS_MAX 4096
#define RUN_NET_EVENTS_MAX 65536     /* = PROXY_MAX_EVENTS */

struct run_denial {
	char op[16];
	char path[512];
};

struct run_audit {
	int active;
	int integrity;
	int signing;
	struct recorder r;
	struct recorder_signer signer;
	struct scrub_policy policy;
	char started[64];
	const char **command;           /* redacted */
	size_t ncommand;
	char exe_path[PATH_MAX];
	uint8_t exe_sha256[32];
	int have_exe;
	const char *tracked[64];
	size_t ntracked;
	uint64_t decisions;             /* recorded capability decisions */
	uint64_t seq;
	struct run_denial denials[RUN_DENIALS_KEPT];
	size_t ndenials;
	uint64_t denials_total;
	struct err deferred;            /* first recording error */
	int failed;
};

/* Loads the signing key (before anything runs), opens the session and
 * records session_started and sandbox_runtime. */
int run_audit_start(struct run_audit *ra, const struct capset *cs,
		    const char *workdir_canon, char *const *argv, int argc,
		    const char *exe, int landlock_abi, int integrity,
		    const char *sign_key, struct err *e);

/* The supervisor's decision callback (main thread only). */
void run_audit_decision(void *ctx, const struct unotify_decision *d);

/* The proxy's network events (net[0..netlen): one canonical
 * NetworkAuditEvent per line, at most RUN_NET_EVENTS_MAX used), then
 * session_ended, then session.json + ledger (+ bundle). */
int run_audit_finish(struct run_audit *ra, int exit_code, const char *net,
		     size_t netlen, struct err *e);

#endif
