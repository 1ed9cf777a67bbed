#include "unotify.h"
#include "path.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#ifndef PIDFD_THREAD
#define PIDFD_THREAD O_EXCL
#endif

#define DATA_MAX (4u << 20)      /* largest datagram we relay */

static uint64_t now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000;
}

int unotify_init(struct unotify *u, int listener, const struct capset *cs)
{
	struct seccomp_notif_sizes sz;

	memset(u, 0, sizeof *u);
	u->fd = listener;
	u->cs = cs;
	if (syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sz) < 0)
		return -1;
	u->sz_notif = sz.seccomp_notif;
	u->sz_resp = sz.seccomp_notif_resp;
	u->notif = calloc(1, u->sz_notif);
	u->resp = calloc(1, u->sz_resp);
	return u->notif && u->resp ? 0 : -1;
}

void unotify_close(struct unotify *u)
{
	free(u->notif);
	free(u->resp);
	u->notif = u->resp = NULL;
	if (u->fd >= 0)
		close(u->fd);
	u->fd = -1;
}

/* Thread-safe: each reply uses its own buffer. */
static void reply(int fd, size_t sz, uint64_t id, int64_t val, int error,
		  uint32_t flags)
{
	uint8_t buf[256];
	struct seccomp_notif_resp *r = (void *)buf;

	if (sz > sizeof buf)
		sz = sizeof buf;
	memset(buf, 0, sizeof buf);
	r->id = id;
	r->val = val;
	r->error = error;
	r->flags = flags;
	(void)ioctl(fd, SECCOMP_IOCTL_NOTIF_SEND, r);
}

static int cont(struct unotify *u, uint64_t id)
{
	reply(u->fd, u->sz_resp, id, 0, 0, SECCOMP_USER_NOTIF_FLAG_CONTINUE);
	return 0;
}

static int fail(struct unotify *u, uint64_t id, int err)
{
	reply(u->fd, u->sz_resp, id, 0, -err, 0);
	return 0;
}

static int id_valid(struct unotify *u, uint64_t id)
{
	return ioctl(u->fd, SECCOMP_IOCTL_NOTIF_ID_VALID, &id) == 0;
}

/* 0, or the errno to answer with (EFAULT for a bad pointer, EACCES when
 * the memory cannot be read at all: fail closed). */
static int read_mem(pid_t pid, uint64_t addr, void *buf, size_t len)
{
	struct iovec l = { buf, len }, r = { (void *)(uintptr_t)addr, len };
	ssize_t n;

	if (len == 0)
		return 0;
	n = process_vm_readv(pid, &l, 1, &r, 1, 0);
	if (n == (ssize_t)len)
		return 0;
	return n < 0 && errno == EFAULT ? EFAULT : EACCES;
}

static int grab_fd(pid_t tid, int fd)
{
	int pidfd = (int)syscall(SYS_pidfd_open, tid, 0), r;

	if (pidfd < 0 && errno == EINVAL)
		pidfd = (int)syscall(SYS_pidfd_open, tid, PIDFD_THREAD);
	if (pidfd < 0)
		return -errno;
	r = (int)syscall(SYS_pidfd_getfd, pidfd, fd, 0);
	if (r < 0)
		r = -errno;
	close(pidfd);
	return r;
}

/* The socket a pathname names, as the calling task would reach it:
 * an O_PATH descriptor of the socket inode and its canonical path.
 * Returns the descriptor or -errno. */
static int resolve_unix(pid_t tid, const char *sp, char *canon, size_t cap)
{
	char proc[64];
	struct stat a, b;
	int dirfd = AT_FDCWD, fd;
	ssize_t n;

	/* a task that changed its root (chroot in a user namespace) would
	 * see other paths than ours: refuse rather than guess */
	snprintf(proc, sizeof proc, "/proc/%d/root", (int)tid);
	if (stat(proc, &a) < 0 || stat("/", &b) < 0 || a.st_dev != b.st_dev ||
	    a.st_ino != b.st_ino)
		return -EACCES;
	if (sp[0] != '/') {
		snprintf(proc, sizeof proc, "/proc/%d/cwd", (int)tid);
		dirfd = open(proc, O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (dirfd < 0)
			return -EACCES;
	}
	fd = openat(dirfd, sp, O_PATH | O_CLOEXEC);
	if (dirfd >= 0)
		close(dirfd);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &a) < 0 || !S_ISSOCK(a.st_mode)) {
		close(fd);
		return -ECONNREFUSED;
	}
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	n = readlink(proc, canon, cap - 1);
	if (n <= 0 || (size_t)n >= cap - 1) {
		close(fd);
		return -ENAMETOOLONG;
	}
	canon[n] = 0;
	return fd;
}

static int sock_granted(const struct capset *cs, const char *p)
{
	size_t pn = strlen(p);

	for (size_t i = 0; i < cs->nsock; i++) {
		const struct sock_cap *s = &cs->sock[i];
		size_t sn = strlen(s->path);
		switch (s->scope) {
		case SOCK_FILE:
			if (!strcmp(s->path, p))
				return 1;
			break;
		case SOCK_DIR_CHILDREN:
			if (path_parent_len(p, pn) == sn &&
			    !memcmp(s->path, p, sn))
				return 1;
			break;
		default:
			if (path_strictly_under(s->path, sn, p, pn))
				return 1;
		}
	}
	return 0;
}

/* ---- operations performed on the caller's socket, in a worker ---- */

enum job_op { JOB_CONNECT, JOB_SENDTO };

struct job {
	int lfd;                    /* listener */
	size_t sz_resp;
	uint64_t id;
	int sock;                   /* our duplicate of the caller's socket */
	int pathfd;                 /* O_PATH of the unix socket, or -1 */
	enum job_op op;
	struct sockaddr_storage addr;
	socklen_t alen;
	int flags;
	void *data;
	size_t len;
};

static void *job_run(void *arg)
{
	struct job *j = arg;
	ssize_t r;

	if (j->pathfd >= 0) {
		struct sockaddr_un *un = (void *)&j->addr;
		memset(un, 0, sizeof *un);
		un->sun_family = AF_UNIX;
		snprintf(un->sun_path, sizeof un->sun_path, "/proc/self/fd/%d",
			 j->pathfd);
		j->alen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) +
				      strlen(un->sun_path) + 1);
	}
	if (j->op == JOB_CONNECT)
		r = connect(j->sock, (void *)&j->addr, j->alen);
	else
		r = sendto(j->sock, j->data, j->len, j->flags | MSG_NOSIGNAL,
			   j->alen ? (void *)&j->addr : NULL, j->alen);
	if (r < 0)
		reply(j->lfd, j->sz_resp, j->id, 0, -errno, 0);
	else
		reply(j->lfd, j->sz_resp, j->id, r, 0, 0);
	close(j->sock);
	if (j->pathfd >= 0)
		close(j->pathfd);
	free(j->data);
	free(j);
	return NULL;
}

static int start_job(struct unotify *u, struct job *j)
{
	pthread_attr_t at;
	pthread_t t;

	j->lfd = u->fd;
	j->sz_resp = u->sz_resp;
	pthread_attr_init(&at);
	pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&at, 64 * 1024);
	if (pthread_create(&t, &at, job_run, j) != 0) {
		fail(u, j->id, EAGAIN);
		close(j->sock);
		if (j->pathfd >= 0)
			close(j->pathfd);
		free(j->data);
		free(j);
	}
	pthread_attr_destroy(&at);
	return 0;
}

/* ---- policy ---- */

static int is_loopback(const struct sockaddr_storage *a, uint16_t *port)
{
	if (a->ss_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)a;
		*port = ntohs(in->sin_port);
		return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
	}
	if (a->ss_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)a;
		const uint8_t *b = in6->sin6_addr.s6_addr;
		static const uint8_t V4MAPPED[12] = { 0, 0, 0, 0, 0, 0, 0, 0,
						      0, 0, 0xff, 0xff };
		*port = ntohs(in6->sin6_port);
		if (IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr))
			return 1;
		return !memcmp(b, V4MAPPED, 12) && b[12] == 127;
	}
	return 0;
}

static int port_open(const struct capset *cs, uint16_t port)
{
	return port_list_has(&cs->localhost_ports, port);
}

static void record(struct unotify *u, const char *op, const char *path,
		   int granted, pid_t pid, const char *why, uint64_t t0)
{
	struct unotify_decision d = { op, path, granted, pid, why,
				      now_ms() - t0 };
	if (!granted)
		u->denied++;
	if (u->record)
		u->record(u->ctx, &d);
}

/* A pathname AF_UNIX destination: decide, record, and either fail the
 * call or hand it to a worker. data/len: for sends (already copied). */
static int unix_path_op(struct unotify *u, const struct seccomp_notif *n,
			 const char *op, const struct sockaddr_un *un,
			 socklen_t alen, enum job_op jop, void *data,
			 size_t len, int flags, uint64_t t0)
{
	char sp[sizeof un->sun_path + 1], canon[4096];
	size_t max = alen - offsetof(struct sockaddr_un, sun_path);
	struct job *j;
	int pfd, sock;

	memcpy(sp, un->sun_path, max);
	sp[max] = 0;
	pfd = resolve_unix((pid_t)n->pid, sp, canon, sizeof canon);
	if (pfd < 0) {
		if (pfd == -EACCES)
			record(u, op, sp, 0, (pid_t)n->pid,
			       "the socket path cannot be resolved for the "
			       "caller", t0);
		free(data);
		return fail(u, n->id, -pfd);
	}
	if (!sock_granted(u->cs, canon)) {
		record(u, op, canon, 0, (pid_t)n->pid,
		       "no unix-socket grant covers this path", t0);
		close(pfd);
		free(data);
		fail(u, n->id, EACCES);
		return 0;
	}
	sock = grab_fd((pid_t)n->pid, (int)n->data.args[0]);
	if (sock < 0 || !id_valid(u, n->id)) {
		close(pfd);
		free(data);
		if (sock >= 0)
			close(sock);
		fail(u, n->id, sock == -EBADF ? EBADF : EACCES);
		return 0;
	}
	record(u, op, canon, 1, (pid_t)n->pid, NULL, t0);
	j = calloc(1, sizeof *j);
	if (!j) {
		close(pfd);
		close(sock);
		free(data);
		fail(u, n->id, ENOMEM);
		return 0;
	}
	j->id = n->id;
	j->sock = sock;
	j->pathfd = pfd;
	j->op = jop;
	j->data = data;
	j->len = len;
	j->flags = flags;
	return start_job(u, j);
}

/* Reads the destination address; returns 0, or an errno to fail with,
 * or -1 to let the call continue (nothing to check). */
static int get_addr(const struct seccomp_notif *n, uint64_t ptr,
		    uint64_t len, struct sockaddr_storage *a, socklen_t *alen)
{
	int r;

	if (ptr == 0 || len < sizeof(sa_family_t) || len > sizeof *a)
		return -1;                      /* the kernel decides */
	memset(a, 0, sizeof *a);
	if ((r = read_mem((pid_t)n->pid, ptr, a, (size_t)len)) != 0)
		return r;
	*alen = (socklen_t)len;
	return 0;
}

static int is_unix_path(const struct sockaddr_storage *a, socklen_t alen)
{
	const struct sockaddr_un *un = (const void *)a;
	return a->ss_family == AF_UNIX &&
	       alen > offsetof(struct sockaddr_un, sun_path) &&
	       un->sun_path[0] != 0;
}

/* 1 when the caller's socket fd is an AF_UNIX datagram or seqpacket
 * socket: the kind whose sends name (or imply) a pathname peer. A
 * continued call makes the kernel read the address (and msghdr) again,
 * so for these no call with an unchecked address may continue. */
static int unix_msg_socket(const struct seccomp_notif *n, int fd)
{
	int sock = grab_fd((pid_t)n->pid, fd), dom = 0, type = 0;
	socklen_t dl = sizeof dom, tl = sizeof type;

	if (sock < 0)
		return 0;   /* the kernel will fail the call on this fd */
	if (getsockopt(sock, SOL_SOCKET, SO_DOMAIN, &dom, &dl) < 0 ||
	    getsockopt(sock, SOL_SOCKET, SO_TYPE, &type, &tl) < 0)
		dom = AF_UNIX, type = SOCK_DGRAM;   /* assume the worst */
	close(sock);
	return dom == AF_UNIX && type != SOCK_STREAM;
}

/* The proxy listens on 127.0.0.1 only: nothing else on its port. */
static int is_proxy_addr(const struct capset *cs,
			 const struct sockaddr_storage *a, uint16_t port)
{
	static const uint8_t V4LO[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
					  0xff, 0xff, 127, 0, 0, 1 };

	if (cs->net != NET_PROXY || port != cs->proxy_port)
		return 0;
	if (a->ss_family == AF_INET)
		return ntohl(((const struct sockaddr_in *)(const void *)a)
			     ->sin_addr.s_addr) == 0x7f000001;
	return a->ss_family == AF_INET6 &&
	       !memcmp(((const struct sockaddr_in6 *)(const void *)a)
		       ->sin6_addr.s6_addr, V4LO, 16);
}

/* An INET socket's connect under a restricted network (spec/
 * enforcement.md §3.3): decided here and performed on our own copy of
 * the address, never continued in the kernel, so a racing thread that
 * rewrites the address (or its family) after the check gains nothing.
 * Allowed: --allow-connect-port ports (any address; Landlock's rule),
 * --open-port ports on loopback, the proxy on 127.0.0.1. */
static int inet_connect(struct unotify *u, const struct seccomp_notif *n,
			int sock, int r, const struct sockaddr_storage *a,
			socklen_t alen)
{
	struct job *j;
	uint16_t port = 0;
	int ok = 0;

	if (r == 0 && (a->ss_family == AF_INET || a->ss_family == AF_INET6)) {
		int lo = is_loopback(a, &port);
		ok = port_list_has(&u->cs->connect_ports, port) ||
		     (lo && port_open(u->cs, port)) ||
		     is_proxy_addr(u->cs, a, port);
	}
	if (!ok || !id_valid(u, n->id) || !(j = calloc(1, sizeof *j))) {
		close(sock);
		return fail(u, n->id, r > 0 ? r : EACCES);
	}
	j->id = n->id;
	j->sock = sock;
	j->pathfd = -1;
	j->op = JOB_CONNECT;
	j->addr = *a;
	j->alen = alen;
	return start_job(u, j);
}

static int on_connect(struct unotify *u, const struct seccomp_notif *n,
		       uint64_t t0)
{
	struct sockaddr_storage a;
	socklen_t alen = 0;
	int r = get_addr(n, n->data.args[1], n->data.args[2], &a, &alen);

	/* the socket's own family decides, not the address's */
	int sock = grab_fd((pid_t)n->pid, (int)n->data.args[0]), dom = 0;
	socklen_t dl = sizeof dom;

	if (sock >= 0 && getsockopt(sock, SOL_SOCKET, SO_DOMAIN, &dom, &dl) < 0)
		dom = 0;
	if (u->cs->net != NET_ALLOW_ALL && (dom == AF_INET || dom == AF_INET6))
		return inet_connect(u, n, sock, r, &a, alen);
	if (sock >= 0)
		close(sock);
	if (r < 0)
		return cont(u, n->id);
	if (r > 0)
		return fail(u, n->id, r);
	if (is_unix_path(&a, alen))
		return unix_path_op(u, n, "connect", (void *)&a, alen,
				    JOB_CONNECT, NULL, 0, 0, t0);
	/* an AF_UNIX socket and any other address (abstract, unnamed): not
	 * continued, or a racing thread could swap in a pathname */
	if (dom != AF_INET && dom != AF_INET6)
		return fail(u, n->id, EACCES);
	return cont(u, n->id);
}

static int on_bind(struct unotify *u, const struct seccomp_notif *n)
{
	struct sockaddr_storage a;
	socklen_t alen;
	uint16_t port;
	int r = get_addr(n, n->data.args[1], n->data.args[2], &a, &alen), sock;
	int lo;

	if (r < 0)
		return cont(u, n->id);
	if (r > 0)
		return fail(u, n->id, r);
	if (a.ss_family != AF_INET && a.ss_family != AF_INET6)
		return cont(u, n->id);
	lo = is_loopback(&a, &port);
	if (u->cs->net == NET_PROXY && port_list_has(&u->cs->bind_ports, port))
		return cont(u, n->id);  /* --listen-port: any address */
	if (!lo || !port_open(u->cs, port))
		return fail(u, n->id, EACCES);
	sock = grab_fd((pid_t)n->pid, (int)n->data.args[0]);
	if (sock < 0 || !id_valid(u, n->id)) {
		if (sock >= 0)
			close(sock);
		return fail(u, n->id, EACCES);
	}
	r = bind(sock, (void *)&a, alen) < 0 ? errno : 0;
	close(sock);
	if (r)
		return fail(u, n->id, r);
	reply(u->fd, u->sz_resp, n->id, 0, 0, 0);
	return 0;
}

/* An unnamed send on a connected AF_UNIX message socket, performed on
 * our copy of the data (its peer was checked when it connected). */
static int peer_send(struct unotify *u, const struct seccomp_notif *n,
		     void *data, size_t len, int flags)
{
	int sock = grab_fd((pid_t)n->pid, (int)n->data.args[0]);
	struct job *j;

	if (sock < 0 || !id_valid(u, n->id) || !(j = calloc(1, sizeof *j))) {
		if (sock >= 0)
			close(sock);
		free(data);
		return fail(u, n->id, sock == -EBADF ? EBADF : EACCES);
	}
	j->id = n->id;
	j->sock = sock;
	j->pathfd = -1;
	j->op = JOB_SENDTO;
	j->alen = 0;
	j->data = data;
	j->len = len;
	j->flags = flags;
	return start_job(u, j);
}

static int on_sendto(struct unotify *u, const struct seccomp_notif *n,
		      uint64_t t0)
{
	struct sockaddr_storage a;
	socklen_t alen;
	size_t len = (size_t)n->data.args[2];
	void *data;
	int r = get_addr(n, n->data.args[4], n->data.args[5], &a, &alen);

	if (r < 0)
		return cont(u, n->id);  /* no address pointer: nothing to swap */
	if (r > 0)
		return fail(u, n->id, r);
	if (!is_unix_path(&a, alen))
		return unix_msg_socket(n, (int)n->data.args[0])
		       ? fail(u, n->id, EACCES) : cont(u, n->id);
	if (len > DATA_MAX)
		return fail(u, n->id, EMSGSIZE);
	data = malloc(len ? len : 1);
	if (!data)
		return fail(u, n->id, ENOMEM);
	if ((r = read_mem((pid_t)n->pid, n->data.args[1], data, len)) != 0) {
		free(data);
		return fail(u, n->id, r);
	}
	return unix_path_op(u, n, "sendto", (void *)&a, alen, JOB_SENDTO,
			    data, len, (int)n->data.args[3], t0);
}

static int on_sendmsg(struct unotify *u, const struct seccomp_notif *n,
		       uint64_t t0)
{
	struct msghdr m;
	struct sockaddr_storage a;
	socklen_t alen;
	struct iovec iov[64];
	size_t total = 0, off = 0;
	uint8_t *data;
	int r;

	if ((r = read_mem((pid_t)n->pid, n->data.args[1], &m, sizeof m)) != 0)
		return fail(u, n->id, r);
	r = get_addr(n, (uint64_t)(uintptr_t)m.msg_name, m.msg_namelen, &a,
		     &alen);
	if (r > 0)
		return fail(u, n->id, r);
	if ((r < 0 || !is_unix_path(&a, alen)) &&
	    unix_msg_socket(n, (int)n->data.args[0])) {
		/* the msghdr is re-read if continued: an unnamed send is
		 * performed here (to the connected peer), a named one that
		 * is not a pathname is refused */
		if (r == 0)
			return fail(u, n->id, EACCES);
		alen = 0;
	} else if (r < 0 || !is_unix_path(&a, alen)) {
		return cont(u, n->id);
	}
	/* relayed datagrams carry no ancillary data (no fd passing to a
	 * host socket) and at most 64 iovecs */
	if (m.msg_controllen != 0 || m.msg_iovlen > 64)
		return fail(u, n->id, EACCES);
	if ((r = read_mem((pid_t)n->pid, (uint64_t)(uintptr_t)m.msg_iov, iov,
			  m.msg_iovlen * sizeof *iov)) != 0)
		return fail(u, n->id, r);
	for (size_t i = 0; i < m.msg_iovlen; i++) {
		if (iov[i].iov_len > DATA_MAX - total)
			return fail(u, n->id, EMSGSIZE);
		total += iov[i].iov_len;
	}
	if (!(data = malloc(total ? total : 1)))
		return fail(u, n->id, ENOMEM);
	for (size_t i = 0; i < m.msg_iovlen; i++) {
		r = read_mem((pid_t)n->pid, (uint64_t)(uintptr_t)iov[i].iov_base,
			     data + off, iov[i].iov_len);
		if (r) {
			free(data);
			return fail(u, n->id, r);
		}
		off += iov[i].iov_len;
	}
	if (alen == 0)
		return peer_send(u, n, data, total, (int)n->data.args[2]);
	return unix_path_op(u, n, "sendmsg", (void *)&a, alen, JOB_SENDTO,
			    data, total, (int)n->data.args[2], t0);
}

static int on_sendmmsg(struct unotify *u, const struct seccomp_notif *n,
		       uint64_t t0)
{
	size_t cnt = (size_t)n->data.args[2];
	struct mmsghdr *v;
	int r;

	if (cnt > 1024)
		cnt = 1024;                 /* the kernel's UIO_MAXIOV */
	if (!(v = malloc(cnt ? cnt * sizeof *v : 1)))
		return fail(u, n->id, ENOMEM);
	if ((r = read_mem((pid_t)n->pid, n->data.args[1], v,
			  cnt * sizeof *v)) != 0) {
		free(v);
		return fail(u, n->id, r);
	}
	for (size_t i = 0; i < cnt; i++) {
		struct sockaddr_storage a;
		socklen_t alen;
		r = get_addr(n, (uint64_t)(uintptr_t)v[i].msg_hdr.msg_name,
			     v[i].msg_hdr.msg_namelen, &a, &alen);
		if (r > 0) {
			free(v);
			return fail(u, n->id, r);
		}
		if (r == 0 && is_unix_path(&a, alen)) {
			const struct sockaddr_un *un = (const void *)&a;
			char sp[sizeof un->sun_path + 1];
			size_t max = alen - offsetof(struct sockaddr_un, sun_path);
			memcpy(sp, un->sun_path, max);
			sp[max] = 0;
			free(v);
			record(u, "sendmmsg", sp, 0, (pid_t)n->pid,
			       "sendmmsg(2) to a pathname unix socket is not "
			       "relayed", t0);
			return fail(u, n->id, EACCES);
		}
	}
	free(v);
	/* pathname entries were refused above; any other entry of an
	 * AF_UNIX message socket cannot be continued safely either */
	if (unix_msg_socket(n, (int)n->data.args[0]))
		return fail(u, n->id, EACCES);
	return cont(u, n->id);
}

int unotify_handle(struct unotify *u)
{
	struct seccomp_notif *n = u->notif;
	uint64_t t0;

	memset(n, 0, u->sz_notif);
	if (ioctl(u->fd, SECCOMP_IOCTL_NOTIF_RECV, n) < 0)
		return errno == EINTR || errno == ENOENT ? 0 : -1;
	t0 = now_ms();
	u->handled++;
	if (n->data.nr == SYS_connect)
		on_connect(u, n, t0);
	else if (n->data.nr == SYS_bind)
		on_bind(u, n);
	else if (n->data.nr == SYS_sendto)
		on_sendto(u, n, t0);
	else if (n->data.nr == SYS_sendmsg)
		on_sendmsg(u, n, t0);
	else if (n->data.nr == SYS_sendmmsg)
		on_sendmmsg(u, n, t0);
	else
		fail(u, n->id, ENOSYS);
	return 0;
}
