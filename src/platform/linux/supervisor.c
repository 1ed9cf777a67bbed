#include "supervisor.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static const int FORWARDED[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

int supervisor_exit_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return 1;
}

static uint64_t now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000;
}

/* ---- the terminal ---- */

struct term {
	int master;                  /* PTY master, or -1 */
	int raw;                     /* our stdin was put in raw mode */
	struct termios saved;
};

static int pty_open(struct term *t, int *slave, struct err *e)
{
	char name[128];
	struct winsize ws;
	struct termios tio;

	t->master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (t->master < 0)
		return errf_sys(e, "posix_openpt failed");
	if (grantpt(t->master) < 0 || unlockpt(t->master) < 0 ||
	    ptsname_r(t->master, name, sizeof name) != 0) {
		close(t->master);
		return errf_sys(e, "setting up the pseudo-terminal failed");
	}
	*slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (*slave < 0) {
		close(t->master);
		return errf_sys(e, "cannot open %s", name);
	}
	if (tcgetattr(0, &tio) == 0)
		tcsetattr(*slave, TCSANOW, &tio);
	if (ioctl(0, TIOCGWINSZ, &ws) == 0)
		ioctl(t->master, TIOCSWINSZ, &ws);
	if (tcgetattr(0, &t->saved) == 0) {
		tio = t->saved;
		cfmakeraw(&tio);
		if (tcsetattr(0, TCSANOW, &tio) == 0)
			t->raw = 1;
	}
	return 0;
}

static void term_restore(struct term *t)
{
	if (t->raw)
		tcsetattr(0, TCSANOW, &t->saved);
	t->raw = 0;
}

static void term_raw_again(struct term *t)
{
	struct termios tio = t->saved;
	cfmakeraw(&tio);
	if (t->master >= 0 && tcsetattr(0, TCSANOW, &tio) == 0)
		t->raw = 1;
}

static void sync_winsize(const struct term *t)
{
	struct winsize ws;
	if (t->master >= 0 && ioctl(0, TIOCGWINSZ, &ws) == 0)
		ioctl(t->master, TIOCSWINSZ, &ws);
}

static int write_all_fd(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* ---- "has the program become interactive?" ---- */

struct interactive {
	int seen;
	int esc;                     /* inside an escape sequence */
	char tail[8];                /* to find ESC [ ? 1 0 4 9 h across reads */
};

static void watch_output(struct interactive *w, const char *p, size_t n)
{
	static const char ALT[] = "\033[?1049h";
	for (size_t i = 0; i < n && !w->seen; i++) {
		unsigned char c = (unsigned char)p[i];
		memmove(w->tail, w->tail + 1, sizeof w->tail - 1);
		w->tail[sizeof w->tail - 1] = (char)c;
		if (!memcmp(w->tail, ALT, sizeof w->tail)) {
			w->seen = 1;
			break;
		}
		if (w->esc) {
			if (w->esc == 1 && c != '[' && c != ']')
				w->esc = 0;     /* two-byte sequence */
			else if (w->esc == 1)
				w->esc = 2;
			else if (c >= 0x40 && c <= 0x7e)
				w->esc = 0;
			continue;
		}
		if (c == 0x1b)
			w->esc = 1;
		else if (c > 0x20 && c != 0x7f)
			w->seen = 1;
	}
}

/* ---- orphans ---- */

static pid_t parent_of(pid_t pid)
{
	char path[64], buf[512], *p;
	int fd;
	ssize_t n;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	p = strrchr(buf, ')');          /* the name may contain anything */
	if (!p || p[1] != ' ' || !p[2] || p[3] != ' ')
		return -1;
	return (pid_t)strtol(p + 4, NULL, 10);
}

/* Kills every remaining descendant. As a subreaper we inherit the
 * descendants of whatever dies, so repeat until no child is left. */
static int kill_descendants(void)
{
	pid_t self = getpid();
	int killed = 0;

	for (int round = 0; round < 10000; round++) {
		int st, any = 0;
		pid_t r;
		DIR *d;
		struct dirent *de;

		while ((r = waitpid(-1, &st, WNOHANG)) > 0)
			;
		if (r < 0 && errno == ECHILD)
			break;
		d = opendir("/proc");
		if (!d)
			break;
		while ((de = readdir(d)) != NULL) {
			pid_t p;
			if (!isdigit((unsigned char)de->d_name[0]))
				continue;
			p = (pid_t)strtol(de->d_name, NULL, 10);
			if (parent_of(p) == self && kill(p, SIGKILL) == 0) {
				any = 1;
				killed++;
			}
		}
		closedir(d);
		if (any)
			waitpid(-1, &st, 0);    /* at least one to reap */
		else
			usleep(1000);
	}
	return killed;
}

/* ---- the session ---- */

struct relay {
	int fd;                      /* read end, or -1 */
	int to;                      /* where it goes */
};

static int start_child(struct supervisor *s, int *status_r, int *ack_w,
		       int pty_slave, int relay_w[2], struct err *e)
{
	int st[2] = { -1, -1 }, ack[2] = { -1, -1 };
	struct sandbox_launch *l = s->launch;
	pid_t pid;

	if (pipe2(st, O_CLOEXEC) < 0 || pipe2(ack, O_CLOEXEC) < 0)
		return errf_sys(e, "pipe2 failed");
	l->status_fd = st[1];
	l->ack_fd = ack[0];
	l->pty_slave = pty_slave;
	l->stdio[0] = -1;
	l->stdio[1] = relay_w[0];
	l->stdio[2] = relay_w[1];
	l->parent = getpid();
	l->die_with_parent = 1;
	pid = fork();
	if (pid < 0) {
		close(st[0]);
		close(st[1]);
		close(ack[0]);
		close(ack[1]);
		return errf_sys(e, "fork failed");
	}
	if (pid == 0)
		sandbox_exec(l);
	s->child = pid;
	close(st[1]);
	close(ack[0]);
	*status_r = st[0];
	*ack_w = ack[1];
	return 0;
}

/* Takes the child's seccomp listener: the child writes its number, we
 * duplicate it with pidfd_getfd, then release the child. */
static int take_listener(struct supervisor *s, int status_r, int ack_w,
			 int *listener, struct err *e)
{
	struct launch_msg m;
	ssize_t n;
	int pidfd;

	*listener = -1;
	do
		n = read(status_r, &m, sizeof m);
	while (n < 0 && errno == EINTR);
	if (n == 0)
		return 0;                       /* the child failed first */
	if (n != (ssize_t)sizeof m || m.kind != LAUNCH_LISTENER)
		return errf(e, "unexpected message from the sandboxed child");
	pidfd = (int)syscall(SYS_pidfd_open, s->child, 0);
	if (pidfd >= 0) {
		*listener = (int)syscall(SYS_pidfd_getfd, pidfd, m.value, 0);
		close(pidfd);
	}
	if (*listener < 0)
		return errf_sys(e, "cannot take the sandbox's seccomp listener "
				"(pidfd_getfd)");
	fcntl(*listener, F_SETFD, FD_CLOEXEC);
	if (write(ack_w, "", 1) != 1)
		return errf_sys(e, "cannot release the sandboxed child");
	return 0;
}

int supervisor_run(struct supervisor *s, struct err *e)
{
	struct term t = { -1, 0, { 0 } };
	struct interactive w = { 0, 0, { 0 } };
	struct unotify u;
	struct relay relay[2] = { { -1, 1 }, { -1, 2 } };
	int relay_w[2] = { -1, -1 }, slave = -1, status_r = -1, ack_w = -1;
	int sfd, listener = -1, exited = 0, rc = -1, stdin_open = 1;
	sigset_t mask, old;
	uint64_t deadline = 0, drain_until = 0;
	int relaying = s->startup_timeout && !s->use_pty;

	memset(&u, 0, sizeof u);
	u.fd = -1;
	sigemptyset(&mask);
	sigaddset(&mask, SIGCHLD);
	sigaddset(&mask, SIGWINCH);
	sigaddset(&mask, SIGTSTP);
	sigaddset(&mask, SIGCONT);
	for (size_t i = 0; i < sizeof FORWARDED / sizeof *FORWARDED; i++)
		sigaddset(&mask, FORWARDED[i]);
	if (sigprocmask(SIG_BLOCK, &mask, &old) < 0)
		return errf_sys(e, "sigprocmask failed");
	signal(SIGPIPE, SIG_IGN);
	sfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sfd < 0) {
		errf_sys(e, "signalfd failed");
		goto out;
	}
	if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0) {
		errf_sys(e, "prctl(PR_SET_CHILD_SUBREAPER) failed");
		goto out;
	}
	if (s->use_pty && pty_open(&t, &slave, e) < 0)
		goto out;
	if (relaying)
		for (int i = 0; i < 2; i++) {
			int p[2];
			if (pipe2(p, O_CLOEXEC) < 0) {
				errf_sys(e, "pipe2 failed");
				goto out;
			}
			relay[i].fd = p[0];
			relay_w[i] = p[1];
		}
	if (start_child(s, &status_r, &ack_w, slave, relay_w, e) < 0)
		goto out;
	/* nothing in the sandbox may read our memory or /proc entries */
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0) {
		errf_sys(e, "prctl(PR_SET_DUMPABLE) failed");
		kill(s->child, SIGKILL);
		goto out_wait;
	}
	if (slave >= 0)
		close(slave);
	slave = -1;
	for (int i = 0; i < 2; i++)
		if (relay_w[i] >= 0) {
			close(relay_w[i]);
			relay_w[i] = -1;
		}
	if (s->launch->want_listener) {
		if (take_listener(s, status_r, ack_w, &listener, e) < 0) {
			kill(s->child, SIGKILL);
			goto out_wait;
		}
		if (listener >= 0 && unotify_init(&u, listener, s->cs) < 0) {
			errf(e, "cannot allocate notification buffers");
			kill(s->child, SIGKILL);
			goto out_wait;
		}
		if (u.notif)
			listener = -1;          /* owned by u now */
		u.record = s->record;
		u.ctx = s->ctx;
	}
	close(status_r);
	close(ack_w);
	status_r = ack_w = -1;
	if (s->startup_timeout)
		deadline = now_ms() + (uint64_t)s->startup_timeout * 1000;

	while (!exited || (drain_until && now_ms() < drain_until)) {
		struct pollfd pf[6];
		int np = 0, timeout = -1, ix_sig, ix_u = -1, ix_m = -1,
		    ix_in = -1, ix_r[2] = { -1, -1 };
		ix_sig = np;
		pf[np++] = (struct pollfd){ sfd, POLLIN, 0 };
		if (u.fd >= 0 && !exited) {
			ix_u = np;
			pf[np++] = (struct pollfd){ u.fd, POLLIN, 0 };
		}
		if (t.master >= 0) {
			ix_m = np;
			pf[np++] = (struct pollfd){ t.master, POLLIN, 0 };
			if (!exited && stdin_open) {
				ix_in = np;
				pf[np++] = (struct pollfd){ 0, POLLIN, 0 };
			}
		}
		for (int i = 0; i < 2; i++)
			if (relay[i].fd >= 0) {
				ix_r[i] = np;
				pf[np++] = (struct pollfd){ relay[i].fd, POLLIN, 0 };
			}
		if (deadline && !w.seen && !exited) {
			uint64_t now = now_ms();
			timeout = now >= deadline ? 0 : (int)(deadline - now);
		}
		if (drain_until) {
			uint64_t now = now_ms();
			int d = now >= drain_until ? 0 : (int)(drain_until - now);
			timeout = timeout < 0 || d < timeout ? d : timeout;
		}
		if (poll(pf, (nfds_t)np, timeout) < 0) {
			if (errno == EINTR)
				continue;
			errf_sys(e, "poll failed");
			kill(s->child, SIGKILL);
			goto out_wait;
		}
		if (deadline && !w.seen && !exited && now_ms() >= deadline) {
			s->timed_out = 1;
			deadline = 0;
			kill(s->child, SIGKILL);
		}
		if (pf[ix_sig].revents & POLLIN) {
			struct signalfd_siginfo si;
			while (read(sfd, &si, sizeof si) == (ssize_t)sizeof si) {
				int sig = (int)si.ssi_signo;
				if (sig == SIGCHLD) {
					int st;
					pid_t r;
					while ((r = waitpid(-1, &st, WNOHANG)) > 0)
						if (r == s->child && !exited) {
							s->status = st;
							exited = 1;
							if (t.master >= 0 ||
							    relaying)
								drain_until =
								    now_ms() + 100;
						}
				} else if (sig == SIGWINCH) {
					sync_winsize(&t);
				} else if (sig == SIGTSTP) {
					kill(s->child, SIGSTOP);
					term_restore(&t);
					raise(SIGSTOP);
				} else if (sig == SIGCONT) {
					term_raw_again(&t);
					sync_winsize(&t);
					kill(s->child, SIGCONT);
				} else if (!exited &&
					   (s->use_pty || si.ssi_code != SI_KERNEL)) {
					/* terminal-generated signals already
					 * reached the child's process group */
					kill(s->child, sig);
				}
			}
		}
		if (ix_u >= 0 && (pf[ix_u].revents & POLLIN))
			unotify_handle(&u);
		if (ix_u >= 0 && (pf[ix_u].revents & (POLLHUP | POLLERR)) &&
		    !(pf[ix_u].revents & POLLIN)) {
			unotify_close(&u);
		}
		if (ix_m >= 0 && (pf[ix_m].revents & (POLLIN | POLLHUP))) {
			char buf[16384];
			ssize_t n = read(t.master, buf, sizeof buf);
			if (n > 0) {
				watch_output(&w, buf, (size_t)n);
				write_all_fd(1, buf, (size_t)n);
				if (exited)
					drain_until = now_ms() + 100;
			} else if (n < 0 && errno != EINTR && errno != EAGAIN) {
				close(t.master);
				t.master = -1;   /* EIO: all writers closed */
			}
		}
		if (ix_in >= 0 && (pf[ix_in].revents & (POLLIN | POLLHUP))) {
			char buf[4096];
			ssize_t n = read(0, buf, sizeof buf);
			if (n > 0)
				write_all_fd(t.master, buf, (size_t)n);
			else if (n == 0 || (errno != EINTR && errno != EAGAIN))
				stdin_open = 0;
		}
		for (int i = 0; i < 2; i++) {
			ssize_t n;
			char buf[16384];
			if (ix_r[i] < 0 || !(pf[ix_r[i]].revents &
					      (POLLIN | POLLHUP)))
				continue;
			n = read(relay[i].fd, buf, sizeof buf);
			if (n > 0) {
				watch_output(&w, buf, (size_t)n);
				write_all_fd(relay[i].to, buf, (size_t)n);
			} else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
				close(relay[i].fd);
				relay[i].fd = -1;
			}
		}
		if (exited && t.master < 0 && relay[0].fd < 0 &&
		    relay[1].fd < 0)
			break;
	}
	rc = 0;
	goto out_reap;
out_wait:
	if (s->child > 0) {
		int st;
		while (waitpid(s->child, &st, 0) < 0 && errno == EINTR)
			;
		s->status = st;
	}
out_reap:
	term_restore(&t);
	if (s->before_reap)
		s->before_reap(s->reap_ctx);
	if (s->child > 0)
		s->orphans_killed = kill_descendants();
	s->denied = u.denied;
out:
	if (u.notif)
		unotify_close(&u);
	else if (listener >= 0)
		close(listener);
	if (t.master >= 0)
		close(t.master);
	if (slave >= 0)
		close(slave);
	for (int i = 0; i < 2; i++) {
		if (relay[i].fd >= 0)
			close(relay[i].fd);
		if (relay_w[i] >= 0)
			close(relay_w[i]);
	}
	if (status_r >= 0)
		close(status_r);
	if (ack_w >= 0)
		close(ack_w);
	if (sfd >= 0)
		close(sfd);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return rc;
}
