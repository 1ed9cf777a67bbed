#include "sandbox_exec.h"
#include "landlock.h"

#include <errno.h>
#include <linux/capability.h>
#include <linux/securebits.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef PR_CAP_AMBIENT
#define PR_CAP_AMBIENT 47
#define PR_CAP_AMBIENT_CLEAR_ALL 4
#endif

/* Async-signal-safe output of a few strings to stderr. */
static void say(const char *a, const char *b, int err)
{
	char buf[512];
	size_t n = 0;
	const char *parts[4] = { "nono: ", a, b, err ? ": " : "" };

	for (int i = 0; i < 4; i++)
		for (const char *s = parts[i]; s && *s && n < sizeof buf - 2; s++)
			buf[n++] = *s;
	if (err)
		for (const char *s = strerror(err); *s && n < sizeof buf - 2; s++)
			buf[n++] = *s;
	buf[n++] = '\n';
	(void)!write(2, buf, n);
}

__attribute__((noreturn))
static void setup_failed(const char *what, int err)
{
	say("Sandbox initialization failed: ", what, err);
	_exit(126);
}

static int have_setpcap(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d) < 0)
		return 0;
	return (d[0].effective >> CAP_SETPCAP) & 1;
}

/* Step 3: no capability survives into the sandbox, for root too. */
static void drop_capabilities(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 &&
	    errno != EINVAL)
		setup_failed("prctl(PR_CAP_AMBIENT_CLEAR_ALL)", errno);
	if (have_setpcap()) {
		unsigned long bits = SECBIT_NOROOT | SECBIT_NOROOT_LOCKED |
				     SECBIT_NO_SETUID_FIXUP |
				     SECBIT_NO_SETUID_FIXUP_LOCKED |
				     SECBIT_KEEP_CAPS_LOCKED;
		if (prctl(PR_SET_SECUREBITS, bits, 0, 0, 0) < 0)
			setup_failed("prctl(PR_SET_SECUREBITS)", errno);
		for (int cap = 0; cap < 64; cap++) {
			if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) == 0)
				continue;
			if (errno == EINVAL)
				break;          /* past the last capability */
			setup_failed("prctl(PR_CAPBSET_DROP)", errno);
		}
	}
	memset(d, 0, sizeof d);
	if (syscall(SYS_capset, &h, d) < 0)
		setup_failed("capset (dropping capabilities)", errno);
}

static void close_above_2(int keep)
{
	if (keep > 3)
		syscall(SYS_close_range, 3, keep - 1, 0);
	if (syscall(SYS_close_range, keep > 2 ? keep + 1 : 3, ~0u, 0) < 0)
		setup_failed("close_range", errno);
}

void sandbox_exec(const struct sandbox_launch *l)
{
	sigset_t all;
	int rc;

	/* 1 */
	sigemptyset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	for (int s = 1; s < NSIG; s++)
		if (s != SIGKILL && s != SIGSTOP)
			signal(s, SIG_DFL);
	if (l->die_with_parent) {
		if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0)
			setup_failed("prctl(PR_SET_PDEATHSIG)", errno);
		if (getppid() != l->parent)
			_exit(126);             /* the supervisor is gone */
	}
	/* 2 */
	if (l->pty_slave >= 0) {
		if (setsid() < 0)
			setup_failed("setsid", errno);
		if (ioctl(l->pty_slave, TIOCSCTTY, 0) < 0)
			setup_failed("ioctl(TIOCSCTTY)", errno);
		for (int fd = 0; fd < 3; fd++)
			if (dup2(l->pty_slave, fd) < 0)
				setup_failed("dup2 (terminal)", errno);
	} else {
		for (int fd = 0; fd < 3; fd++)
			if (l->stdio[fd] >= 0 && dup2(l->stdio[fd], fd) < 0)
				setup_failed("dup2 (output relay)", errno);
	}
	/* 3 */
	drop_capabilities();
	/* 4 */
	if (l->ruleset_fd >= 0) {
		rc = landlock_add_proc_rules(l->ruleset_fd, l->ll, l->rule_pid,
					     getpid());
		if (rc < 0)
			setup_failed("landlock_add_rule (/proc)", -rc);
		rc = landlock_restrict(l->ruleset_fd);
		if (rc < 0)
			setup_failed("landlock_restrict_self", -rc);
	}
	/* 5 */
	rc = seccomp_prog_install(l->bpf, l->want_listener);
	if (rc < 0)
		setup_failed("seccomp(SECCOMP_SET_MODE_FILTER)", -rc);
	if (l->want_listener) {
		struct launch_msg m = { LAUNCH_LISTENER, rc };
		char ack;
		if (write(l->status_fd, &m, sizeof m) != (ssize_t)sizeof m ||
		    read(l->ack_fd, &ack, 1) != 1)
			setup_failed("handing the seccomp listener to the "
				     "supervisor", errno);
		close(rc);
	}
	/* 6: keep only the status pipe, which closes on exec */
	close_above_2(l->status_fd);
	/* 7 */
	if (chdir(l->start_dir) < 0)
		setup_failed("chdir to the start directory", errno);
	execve(l->path, l->argv, l->envp);
	rc = errno;
	say("Failed to execute ", l->path, rc);
	_exit(127);
}
