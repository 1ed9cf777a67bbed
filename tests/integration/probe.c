/*
 * nono-probe: one system call (or a short sequence) per invocation, run
 * inside the sandbox by the integration tests.
 *
 * Prints "ok" and exits 0 when the operation succeeded; prints
 * "denied <ERRNO>" and exits 1 when it failed with EACCES or EPERM;
 * prints "error <ERRNO>" and exits 2 on any other failure.
 *
 * `nono-probe landlock-net -- <probe args>` first applies a Landlock-only
 * ruleset that handles TCP connect/bind with no rule (the control
 * experiment: it shows a hole exists without nono's seccomp layer).
 * serve-tcp / serve-udp / serve-unix are listeners for the tests.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/io_uring.h>
#include <linux/perf_event.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#ifndef IPPROTO_MPTCP
#define IPPROTO_MPTCP 262
#endif

static int result(int rc)
{
	int e = errno;
	if (rc >= 0) {
		puts("ok");
		return 0;
	}
	if (e == EACCES || e == EPERM) {
		printf("denied %s\n", strerrorname_np(e));
		return 1;
	}
	printf("error %s\n", strerrorname_np(e) ? strerrorname_np(e) : "?");
	return 2;
}

static struct sockaddr_in v4(const char *host, const char *port)
{
	struct sockaddr_in a;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)atoi(port));
	inet_pton(AF_INET, host, &a.sin_addr);
	return a;
}

/* race-connect: one thread flips the address family between AF_UNSPEC
 * and AF_INET while another connects, for a few seconds (the check-then-
 * continue race of seccomp user notification). ok if any connect got
 * through. */
static struct sockaddr_in race_sa;
static volatile int race_stop;

static void *race_flip(void *x)
{
	volatile sa_family_t *f = &race_sa.sin_family;
	(void)x;
	while (!race_stop) {
		*f = AF_UNSPEC;
		for (volatile int i = 0; i < 50; i++)
			;
		*f = AF_INET;
		for (volatile int i = 0; i < 50; i++)
			;
	}
	return NULL;
}

static int race_connect(const char *host, const char *port, int secs)
{
	pthread_t t;
	time_t t0 = time(NULL);
	int won = 0;

	race_sa = v4(host, port);
	pthread_create(&t, NULL, race_flip, NULL);
	while (!won && time(NULL) - t0 < secs) {
		int s = socket(AF_INET, SOCK_STREAM, 0);
		if (s < 0)
			break;
		won = connect(s, (void *)&race_sa, sizeof race_sa) == 0;
		close(s);
	}
	race_stop = 1;
	pthread_join(t, NULL);
	errno = EACCES;
	return result(won ? 0 : -1);
}

static int un_addr(struct sockaddr_un *a, const char *path, int abstract)
{
	memset(a, 0, sizeof *a);
	a->sun_family = AF_UNIX;
	if (abstract) {
		strncpy(a->sun_path + 1, path, sizeof a->sun_path - 2);
		return (int)(offsetof(struct sockaddr_un, sun_path) + 1 +
			     strlen(path));
	}
	strncpy(a->sun_path, path, sizeof a->sun_path - 1);
	return (int)sizeof *a;
}

/* Landlock-only: TCP connect and bind handled, no rule. */
static int landlock_net_only(void)
{
	struct { uint64_t fs, net, scoped; } attr = { 0, 3, 0 };
	int fd = (int)syscall(444, &attr, 16, 0);
	if (fd < 0)
		return -1;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -1;
	return (int)syscall(446, fd, 0);
}

enum { SERVE_TCP, SERVE_UDP, SERVE_UNIX };

static int serve(int kind, const char *what, const char *out, int secs)
{
	int s, one = 1, type = kind == SERVE_UDP ? SOCK_DGRAM : SOCK_STREAM;
	FILE *f;
	time_t end = time(NULL) + secs;

	if (kind == SERVE_UNIX) {
		struct sockaddr_un a;
		int len = un_addr(&a, what, 0);
		s = socket(AF_UNIX, SOCK_STREAM, 0);
		unlink(what);
		if (bind(s, (void *)&a, (socklen_t)len) < 0 || listen(s, 16) < 0)
			return result(-1);
	} else {
		struct sockaddr_in a = v4("127.0.0.1", what);
		s = socket(AF_INET, type, 0);
		setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
		if (type == SOCK_STREAM) {
			int q = 16;
			setsockopt(s, IPPROTO_TCP, TCP_FASTOPEN, &q, sizeof q);
		}
		if (bind(s, (void *)&a, sizeof a) < 0 ||
		    (type == SOCK_STREAM && listen(s, 16) < 0))
			return result(-1);
	}
	f = fopen(out, "a");
	if (!f)
		return result(-1);
	fprintf(f, "ready\n");
	fflush(f);
	while (time(NULL) < end) {
		struct pollfd p = { s, POLLIN, 0 };
		if (poll(&p, 1, 200) <= 0)
			continue;
		if (type == SOCK_DGRAM) {
			char b[256];
			if (recv(s, b, sizeof b, 0) >= 0)
				fprintf(f, "datagram\n");
		} else {
			int c = accept(s, NULL, NULL);
			if (c >= 0) {
				fprintf(f, "connection\n");
				close(c);
			}
		}
		fflush(f);
	}
	fclose(f);
	return 0;
}

int main(int argc, char **argv)
{
	const char *op;

	if (argc >= 3 && !strcmp(argv[1], "landlock-net") &&
	    !strcmp(argv[2], "--")) {
		if (landlock_net_only() < 0)
			return result(-1) + 10;
		argv += 2;
		argc -= 2;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: nono-probe OP [ARGS]\n");
		return 3;
	}
	op = argv[1];
#define ARG(i) (argc > (i) ? argv[i] : "")
	if (!strcmp(op, "read")) {
		char b[64];
		int fd = open(ARG(2), O_RDONLY);
		if (fd >= 0 && read(fd, b, sizeof b) < 0)
			fd = -1;
		return result(fd);
	}
	if (!strcmp(op, "write"))
		return result(open(ARG(2), O_WRONLY | O_APPEND));
	if (!strcmp(op, "create"))
		return result(open(ARG(2), O_WRONLY | O_CREAT | O_EXCL, 0600));
	if (!strcmp(op, "truncate"))
		return result(truncate(ARG(2), 0));
	if (!strcmp(op, "open-trunc-ro"))
		return result(open(ARG(2), O_RDONLY | O_TRUNC));
	if (!strcmp(op, "unlink"))
		return result(unlink(ARG(2)));
	if (!strcmp(op, "mkdir"))
		return result(mkdir(ARG(2), 0700));
	if (!strcmp(op, "rmdir"))
		return result(rmdir(ARG(2)));
	if (!strcmp(op, "rename"))
		return result(rename(ARG(2), ARG(3)));
	if (!strcmp(op, "link"))
		return result(link(ARG(2), ARG(3)));
	if (!strcmp(op, "symlink"))
		return result(symlink(ARG(2), ARG(3)));
	if (!strcmp(op, "readdir"))
		return result(open(ARG(2), O_RDONLY | O_DIRECTORY));
	if (!strcmp(op, "exec")) {
		pid_t p = fork();
		int st;
		if (p == 0) {
			int dn = open("/dev/null", O_WRONLY);
			if (dn >= 0)
				dup2(dn, 1);
			execl(ARG(2), ARG(2), (char *)NULL);
			_exit(errno == EACCES || errno == EPERM ? 71 : 72);
		}
		waitpid(p, &st, 0);
		errno = WEXITSTATUS(st) == 71 ? EACCES : ENOEXEC;
		return result(WEXITSTATUS(st) == 71 || WEXITSTATUS(st) == 72
			      ? -1 : 0);
	}
	if (!strcmp(op, "mknod-chr"))
		return result(mknod(ARG(2), S_IFCHR | 0600, makedev(1, 3)));
	if (!strcmp(op, "mkfifo"))
		return result(mkfifo(ARG(2), 0600));
	if (!strcmp(op, "tcp")) {
		struct sockaddr_in a = v4(ARG(2), ARG(3));
		int s = socket(AF_INET, SOCK_STREAM, 0);
		if (s < 0)
			return result(-1);
		return result(connect(s, (void *)&a, sizeof a));
	}
	if (!strcmp(op, "race-connect"))
		return race_connect(ARG(2), ARG(3), atoi(ARG(4)));
	if (!strcmp(op, "tcp-bind")) {
		struct sockaddr_in a = v4(ARG(2), ARG(3));
		int s = socket(AF_INET, SOCK_STREAM, 0), one = 1;
		if (s < 0)
			return result(-1);
		setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
		return result(bind(s, (void *)&a, sizeof a));
	}
	if (!strcmp(op, "udp")) {
		struct sockaddr_in a = v4(ARG(2), ARG(3));
		int s = socket(AF_INET, SOCK_DGRAM, 0);
		if (s < 0)
			return result(-1);
		return result((int)sendto(s, "x", 1, 0, (void *)&a, sizeof a));
	}
	if (!strcmp(op, "tfo")) {
		struct sockaddr_in a = v4(ARG(2), ARG(3));
		int s = socket(AF_INET, SOCK_STREAM, 0);
		if (s < 0)
			return result(-1);
		return result((int)sendto(s, "x", 1, MSG_FASTOPEN, (void *)&a,
					  sizeof a));
	}
	if (!strcmp(op, "mptcp")) {
		struct sockaddr_in a = v4(ARG(2), ARG(3));
		int s = socket(AF_INET, SOCK_STREAM, IPPROTO_MPTCP);
		if (s < 0)
			return result(-1);
		return result(connect(s, (void *)&a, sizeof a));
	}
	if (!strcmp(op, "raw"))
		return result(socket(AF_INET, SOCK_RAW, IPPROTO_ICMP));
	if (!strcmp(op, "packet"))
		return result(socket(AF_PACKET, SOCK_RAW, 0));
	if (!strcmp(op, "unix")) {
		struct sockaddr_un a;
		int len = un_addr(&a, ARG(2), 0);
		int s = socket(AF_UNIX, SOCK_STREAM, 0);
		if (s < 0)
			return result(-1);
		return result(connect(s, (void *)&a, (socklen_t)len));
	}
	if (!strcmp(op, "unix-dgram")) {
		struct sockaddr_un a;
		int len = un_addr(&a, ARG(2), 0);
		int s = socket(AF_UNIX, SOCK_DGRAM, 0);
		if (s < 0)
			return result(-1);
		return result((int)sendto(s, "x", 1, 0, (void *)&a,
					  (socklen_t)len));
	}
	if (!strcmp(op, "abstract")) {
		struct sockaddr_un a;
		int len = un_addr(&a, ARG(2), 1);
		int s = socket(AF_UNIX, SOCK_STREAM, 0);
		if (s < 0)
			return result(-1);
		return result(connect(s, (void *)&a, (socklen_t)len));
	}
	if (!strcmp(op, "kill"))
		return result(kill(atoi(ARG(2)), atoi(ARG(3))));
	if (!strcmp(op, "ptrace"))
		return result((int)ptrace(PTRACE_ATTACH, atoi(ARG(2)), 0, 0));
	if (!strcmp(op, "kill-parent"))
		return result(kill(getppid(), 0));
	if (!strcmp(op, "ptrace-parent"))
		return result((int)ptrace(PTRACE_ATTACH, getppid(), 0, 0));
	if (!strcmp(op, "read-parent")) {
		char p[64], b[64];
		int fd;
		snprintf(p, sizeof p, "/proc/%d/%s", (int)getppid(), ARG(2));
		fd = open(p, O_RDONLY);
		if (fd >= 0 && read(fd, b, sizeof b) < 0)
			fd = -1;
		return result(fd);
	}
	if (!strcmp(op, "read-proc")) {
		char p[64], b[64];
		int fd;
		snprintf(p, sizeof p, "/proc/%s/%s", ARG(2), ARG(3));
		fd = open(p, O_RDONLY);
		if (fd >= 0 && read(fd, b, sizeof b) < 0)
			fd = -1;
		return result(fd);
	}
	if (!strcmp(op, "perf-parent")) {
		struct perf_event_attr pa;
		memset(&pa, 0, sizeof pa);
		pa.size = sizeof pa;
		pa.type = PERF_TYPE_SOFTWARE;
		pa.config = PERF_COUNT_SW_TASK_CLOCK;
		return result((int)syscall(SYS_perf_event_open, &pa, getppid(),
					   -1, -1, 0));
	}
	if (!strcmp(op, "tiocsti")) {
		char c = ' ';
		int fd = open("/dev/tty", O_RDWR);
		if (fd < 0)
			fd = 0;
		return result(ioctl(fd, TIOCSTI, &c));
	}
	if (!strcmp(op, "tiocsti-high")) {
		char c = ' ';
		int fd = open("/dev/tty", O_RDWR);
		if (fd < 0)
			fd = 0;
		return result((int)syscall(SYS_ioctl, fd,
					   (unsigned long)TIOCSTI | (1ul << 32),
					   &c));
	}
	if (!strcmp(op, "io_uring")) {
		struct io_uring_params p;
		memset(&p, 0, sizeof p);
		return result((int)syscall(SYS_io_uring_setup, 4, &p));
	}
	if (!strcmp(op, "keyctl"))
		return result((int)syscall(SYS_keyctl, 0 /* GET_KEYRING_ID */,
					   -3 /* session */, 0));
	if (!strcmp(op, "env")) {
		const char *v = getenv(ARG(2));
		printf("%s\n", v ? v : "(unset)");
		return v ? 0 : 1;
	}
	if (!strcmp(op, "fds")) {
		/* descriptors above 2, one per line */
		for (int fd = 3; fd < 1024; fd++)
			if (fcntl(fd, F_GETFD) >= 0)
				printf("%d\n", fd);
		return 0;
	}
	if (!strcmp(op, "status")) {
		/* selected lines of /proc/self/status */
		char b[4096];
		int fd = open("/proc/self/status", O_RDONLY);
		ssize_t n = fd >= 0 ? read(fd, b, sizeof b - 1) : -1;
		if (n < 0)
			return result(-1);
		b[n] = 0;
		for (char *l = strtok(b, "\n"); l; l = strtok(NULL, "\n"))
			if (!strncmp(l, "Cap", 3) || !strncmp(l, "NoNewPrivs", 10) ||
			    !strncmp(l, "Seccomp:", 8) || !strncmp(l, "Uid", 3))
				puts(l);
		return 0;
	}
	if (!strcmp(op, "orphan")) {
		/* a setsid'ed, double-forked grandchild that sleeps; prints
		 * its pid */
		int p[2];
		pid_t c, g;
		if (pipe(p) < 0)
			return result(-1);
		c = fork();
		if (c == 0) {
			setsid();
			g = fork();
			if (g == 0) {
				close(p[0]);
				close(p[1]);
				for (int i = 0; i < 300; i++)
					sleep(1);
				_exit(0);
			}
			if (write(p[1], &g, sizeof g) < 0)
				_exit(1);
			_exit(0);
		}
		waitpid(c, NULL, 0);
		if (read(p[0], &g, sizeof g) != sizeof g)
			return result(-1);
		printf("%d\n", (int)g);
		return 0;
	}
	if (!strcmp(op, "sleep")) {
		sleep((unsigned)atoi(ARG(2)));
		return 0;
	}
	if (!strcmp(op, "exit"))
		return atoi(ARG(2));
	if (!strcmp(op, "selfkill"))
		return raise(atoi(ARG(2)));
	if (!strcmp(op, "serve-tcp"))
		return serve(SERVE_TCP, ARG(2), ARG(3), atoi(ARG(4)));
	if (!strcmp(op, "serve-udp"))
		return serve(SERVE_UDP, ARG(2), ARG(3), atoi(ARG(4)));
	if (!strcmp(op, "serve-unix"))
		return serve(SERVE_UNIX, ARG(2), ARG(3), atoi(ARG(4)));
	fprintf(stderr, "nono-probe: unknown operation %s\n", op);
	return 3;
}
