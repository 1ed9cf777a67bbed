/*
 * The supervisor of `nono run` and `nono shell` (spec/enforcement.md §4):
 * forks the sandboxed child, takes its seccomp listener, relays a PTY,
 * forwards signals, answers notifications, enforces the start-up
 * timeout, and when the child exits kills whatever it left behind.
 *
 * The supervisor itself stays unsandboxed, is a child subreaper (so
 * orphans come back to it) and is not dumpable (so a sandboxed process,
 * root or not, cannot read its memory or /proc entries).
 */
#ifndef NONO_SUPERVISOR_H
#define NONO_SUPERVISOR_H

#include "err.h"
#include "sandbox_exec.h"
#include "unotify.h"

#include <sys/types.h>

struct supervisor {
	/* in */
	struct sandbox_launch *launch;   /* filled in further by run */
	const struct capset *cs;
	int use_pty;
	unsigned startup_timeout;        /* seconds; 0: none */
	const char *prog_name;           /* for messages */
	void (*record)(void *ctx, const struct unotify_decision *d);
	void *ctx;
	/* called once the program has exited, before its leftover
	 * processes are killed (nono stops the network proxy here) */
	void (*before_reap)(void *ctx);
	void *reap_ctx;
	/* out */
	pid_t child;
	int status;                      /* wait(2) status of the child */
	int timed_out;
	int orphans_killed;
	uint64_t denied;                 /* mediated operations refused */
};

/* Runs the session to its end. -1 (with e) only when the child could not
 * be started or supervised; the child's own failures are in status. */
int supervisor_run(struct supervisor *s, struct err *e);

/* The exit status nono reports for a wait status: the exit code, or
 * 128 + signal number. */
int supervisor_exit_code(int status);

#endif
