/*
 * The sandboxed side of a launch (spec/enforcement.md §4): what a process
 * does, in order, between fork (or `nono wrap`) and execve. Everything
 * here is prepared by the parent; this code only makes system calls, so
 * it is safe after fork and allocates nothing.
 *
 *   1. default signal mask and dispositions; die with the parent
 *   2. the PTY as controlling terminal and stdio, when one is used
 *   3. drop every capability (ambient, bounding when possible,
 *      effective/permitted/inheritable) and lock the securebits
 *   4. no_new_privs + Landlock (plus the /proc rules of its own pid)
 *   5. seccomp; with a listener, hand its number to the parent and wait
 *   6. close every descriptor above 2
 *   7. chdir to the start directory; execve
 *
 * A failure in 1-7 prints "nono: Sandbox initialization failed: ..."
 * and exits 126; a failed execve prints the error and exits 127.
 */
#ifndef NONO_SANDBOX_EXEC_H
#define NONO_SANDBOX_EXEC_H

#include "landlock_plan.h"
#include "seccomp_prog.h"

#include <sys/types.h>

struct sandbox_launch {
	const char *path;            /* absolute program path */
	char *const *argv;
	char *const *envp;
	const char *start_dir;
	int ruleset_fd;
	const struct ll_plan *ll;
	pid_t rule_pid;              /* pid whose /proc rules were skipped */
	const struct bpf_prog *bpf;
	int want_listener;
	int status_fd;               /* -1, or the pipe to the parent */
	int ack_fd;                  /* -1, or the pipe from the parent */
	int pty_slave;               /* -1, or the terminal to use */
	int stdio[3];                /* -1 (inherit), or what fd 0/1/2 become */
	int die_with_parent;         /* supervised child */
	pid_t parent;
};

/* Messages on status_fd: one struct each. */
struct launch_msg {
	int32_t kind;                /* LAUNCH_LISTENER */
	int32_t value;               /* the listener's fd number */
};
#define LAUNCH_LISTENER 1

__attribute__((noreturn))
void sandbox_exec(const struct sandbox_launch *l);

#endif
