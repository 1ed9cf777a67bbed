/* The proxy process: start, accept loop, events, stop (spec/proxy.md §2). */
#include "proxy_int.h"

#include "hex.h"
#include "json_write.h"
#include "nbuf.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

struct proxy_ctx proxy_ctx;

static pthread_mutex_t ev_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned ev_count;
static pthread_mutex_t conn_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned conn_count;

int proxy_record(const struct net_event *ev)
{
	uint8_t mem[8192];
	struct nbuf b;
	struct jw w;
	int rc = 0;

	if (!proxy_ctx.c->audit)
		return 0;
	nbuf_init(&b, mem, sizeof mem - 1);
	jw_init(&w, &b, 0);
	net_event_write(&w, ev);
	if (jw_finish(&w) < 0)
		return -1;      /* longer than any event we make */
	mem[b.len++] = '\n';
	pthread_mutex_lock(&ev_lock);
	if (ev_count < PROXY_MAX_EVENTS) {
		size_t off = 0;
		while (off < b.len) {
			ssize_t k = write(proxy_ctx.events_fd, mem + off,
					  b.len - off);
			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0)
				break;
			off += (size_t)k;
		}
		ev_count++;
	} else {
		rc = -1;
	}
	pthread_mutex_unlock(&ev_lock);
	return rc;
}

static void *conn_thread(void *arg)
{
	int fd = (int)(intptr_t)arg;

	proxy_conn(fd);
	pthread_mutex_lock(&conn_lock);
	conn_count--;
	pthread_mutex_unlock(&conn_lock);
	return NULL;
}

void proxy_serve(int listener, const struct proxy_config *c,
		 const char *token, int events_fd)
{
	pthread_attr_t attr;

	proxy_ctx.c = c;
	proxy_ctx.token = token;
	proxy_ctx.events_fd = events_fd;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, 512 * 1024);
	for (;;) {
		pthread_t t;
		int fd = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
		int full;

		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED ||
			    errno == EMFILE || errno == ENFILE ||
			    errno == ENOBUFS || errno == ENOMEM) {
				if (errno != EINTR && errno != ECONNABORTED)
					usleep(10000);
				continue;
			}
			_exit(3);
		}
		pthread_mutex_lock(&conn_lock);
		full = conn_count >= PROXY_MAX_CONN;
		if (!full)
			conn_count++;
		pthread_mutex_unlock(&conn_lock);
		if (full) {
			static const char BUSY[] = "HTTP/1.1 503 Service "
				"Unavailable\r\nContent-Length: 0\r\n"
				"Connection: close\r\n\r\n";
			ssize_t k = write(fd, BUSY, sizeof BUSY - 1);
			(void)k;
			close(fd);
			continue;
		}
		if (pthread_create(&t, &attr, conn_thread,
				   (void *)(intptr_t)fd) != 0) {
			close(fd);
			pthread_mutex_lock(&conn_lock);
			conn_count--;
			pthread_mutex_unlock(&conn_lock);
		}
	}
}

static int listen_on(uint16_t port, uint16_t *bound, struct err *e)
{
	struct sockaddr_in a;
	socklen_t alen = sizeof a;
	int one = 1;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return errf_sys(e, "proxy: socket(AF_INET) failed");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons(port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0) {
		errf_sys(e, "proxy: bind(127.0.0.1:%u) failed", (unsigned)port);
		close(fd);
		return -1;
	}
	if (listen(fd, 128) < 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &alen) < 0) {
		errf_sys(e, "proxy: listen(127.0.0.1:%u) failed",
			 (unsigned)port);
		close(fd);
		return -1;
	}
	*bound = ntohs(a.sin_port);
	return fd;
}

static int make_token(char out[PROXY_TOKEN_HEX + 1], struct err *e)
{
	uint8_t r[32];

	if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r)
		return errf_sys(e, "proxy: getrandom failed");
	hex_encode(r, sizeof r, out);
	out[PROXY_TOKEN_HEX] = 0;
	memset(r, 0, sizeof r);
	return 0;
}

/* In the forked proxy process: leave nono's process group (no terminal
 * signals), die with nono, keep its memory unreadable, then serve. */
static void proxy_child(int listener, const struct proxy_config *c,
			const char *token, int events_fd, pid_t parent)
{
	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_IGN);
	setpgid(0, 0);
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
		_exit(2);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	proxy_serve(listener, c, token, events_fd);
	_exit(0);
}

int proxy_start(struct proxy *p, const struct proxy_config *c,
		struct err *e)
{
	pid_t parent = getpid();
	int listener;

	memset(p, 0, sizeof *p);
	p->pid = -1;
	p->pidfd = -1;
	p->events_fd = -1;
	if (make_token(p->token, e) < 0)
		return -1;
	p->events_fd = memfd_create("nono-proxy-events", MFD_CLOEXEC);
	if (p->events_fd < 0)
		return errf_sys(e, "proxy: memfd_create failed");
	listener = listen_on(c->port, &p->port, e);
	if (listener < 0) {
		close(p->events_fd);
		p->events_fd = -1;
		return -1;
	}
	fflush(NULL);
	p->pid = fork();
	if (p->pid < 0) {
		errf_sys(e, "proxy: fork failed");
		close(listener);
		close(p->events_fd);
		p->events_fd = -1;
		return -1;
	}
	if (p->pid == 0)
		proxy_child(listener, c, p->token, p->events_fd, parent);
	close(listener);
	/* the supervisor reaps any child that dies: stop it by pidfd, never
	 * by a pid that may have been reused */
	p->pidfd = (int)syscall(SYS_pidfd_open, p->pid, 0);
	if (p->pidfd < 0) {
		errf_sys(e, "proxy: pidfd_open failed");
		kill(p->pid, SIGKILL);
		waitpid(p->pid, NULL, 0);
		p->pid = -1;
		close(p->events_fd);
		p->events_fd = -1;
		return -1;
	}
	return 0;
}

int proxy_stop(struct proxy *p, char **out, size_t *n, struct err *e)
{
	struct stat st;
	char *buf = NULL;
	size_t len = 0, got = 0;

	*out = NULL;
	*n = 0;
	if (p->pidfd >= 0) {
		struct pollfd pf = { p->pidfd, POLLIN, 0 };
		syscall(SYS_pidfd_send_signal, p->pidfd, SIGKILL, NULL, 0);
		poll(&pf, 1, 5000);             /* until it has exited */
		waitpid(p->pid, NULL, WNOHANG); /* reap, unless already reaped */
		close(p->pidfd);
		p->pidfd = -1;
		p->pid = -1;
	}
	if (p->events_fd < 0)
		return 0;
	if (fstat(p->events_fd, &st) < 0) {
		errf_sys(e, "proxy: reading its events failed");
		goto fail;
	}
	len = (size_t)st.st_size;
	if (len && !(buf = malloc(len))) {
		errf(e, "proxy: out of memory reading its events");
		goto fail;
	}
	while (got < len) {
		ssize_t k = pread(p->events_fd, buf + got, len - got,
				  (off_t)got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			errf_sys(e, "proxy: reading its events failed");
			goto fail;
		}
		got += (size_t)k;
	}
	/* a line cut short by the kill is not an event */
	while (len && buf[len - 1] != '\n')
		len--;
	close(p->events_fd);
	p->events_fd = -1;
	*out = buf;
	*n = len;
	return 0;
fail:
	free(buf);
	close(p->events_fd);
	p->events_fd = -1;
	return -1;
}
