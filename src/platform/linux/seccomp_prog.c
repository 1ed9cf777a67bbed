#include "seccomp_prog.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <netinet/in.h>
#include <seccomp.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SECCOMP_FILTER_FLAG_NEW_LISTENER
#define SECCOMP_FILTER_FLAG_NEW_LISTENER (1UL << 3)
#endif
#ifndef SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV
#define SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV (1UL << 5)
#endif
#ifndef TIOCLINUX
#define TIOCLINUX 0x541C
#endif

#define DENY(err) SCMP_ACT_ERRNO(err)

/* Adds one rule; remembers the first failure. */
static void rule(scmp_filter_ctx c, int *rc, uint32_t act, int nr,
		 unsigned n, const struct scmp_arg_cmp *a)
{
	int r;
	if (*rc)
		return;
	r = seccomp_rule_add_array(c, act, nr, n, a);
	if (r < 0)
		*rc = r;
}

#define R0(act, sys) rule(c, &rc, act, SCMP_SYS(sys), 0, NULL)
#define R(act, sys, ...) do { \
	const struct scmp_arg_cmp a_[] = { __VA_ARGS__ }; \
	rule(c, &rc, act, SCMP_SYS(sys), sizeof a_ / sizeof *a_, a_); \
} while (0)

static void always(scmp_filter_ctx c, int *prc)
{
	int rc = 0;

	/* terminal injection (CVE-2017-5226; the mask covers
	 * CVE-2019-10063's high bits) */
	R(DENY(EPERM), ioctl, SCMP_A1(SCMP_CMP_MASKED_EQ, 0xffffffffu, TIOCSTI));
	R(DENY(EPERM), ioctl, SCMP_A1(SCMP_CMP_MASKED_EQ, 0xffffffffu, TIOCLINUX));
	R0(DENY(EPERM), perf_event_open);
	R(DENY(EPERM), mknod, SCMP_A1(SCMP_CMP_MASKED_EQ, S_IFMT, S_IFCHR));
	R(DENY(EPERM), mknod, SCMP_A1(SCMP_CMP_MASKED_EQ, S_IFMT, S_IFBLK));
	R(DENY(EPERM), mknodat, SCMP_A2(SCMP_CMP_MASKED_EQ, S_IFMT, S_IFCHR));
	R(DENY(EPERM), mknodat, SCMP_A2(SCMP_CMP_MASKED_EQ, S_IFMT, S_IFBLK));
	R0(DENY(EPERM), io_uring_setup);
	R0(DENY(EPERM), io_uring_enter);
	R0(DENY(EPERM), io_uring_register);
	R0(DENY(EPERM), keyctl);
	R0(DENY(EPERM), add_key);
	R0(DENY(EPERM), request_key);
	*prc = rc;
}

static int family_allowed(const struct sc_plan *p, int f)
{
	if (f == AF_UNIX)
		return p->unix_create;
	if (p->sockets == SC_SOCK_ANY)
		return 1;
	return p->sockets == SC_SOCK_UNIX_TCP && (f == AF_INET || f == AF_INET6);
}

static void sockets(scmp_filter_ctx c, const struct sc_plan *p, int *prc)
{
	int rc = 0;

	/* families: every one not allowed, and everything >= AF_MAX
	 * (which also catches values with high bits set) */
	for (int f = 0; f < AF_MAX; f++)
		if (!family_allowed(p, f))
			R(DENY(EPERM), socket, SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)f));
	R(DENY(EPERM), socket, SCMP_A0(SCMP_CMP_GE, AF_MAX));
	if (!p->unix_create) {
		R(DENY(EPERM), socketpair, SCMP_A0(SCMP_CMP_NE, AF_UNIX));
	}
	if (p->sockets == SC_SOCK_UNIX_TCP) {
		/* INET: TCP stream sockets only */
		for (int f = 0; f < 2; f++) {
			scmp_datum_t fam = f ? AF_INET6 : AF_INET;
			for (int t = 0; t < 16; t++)
				if (t != SOCK_STREAM)
					R(DENY(EPERM), socket,
					  SCMP_A0(SCMP_CMP_EQ, fam),
					  SCMP_A1(SCMP_CMP_MASKED_EQ, 0xf,
						  (scmp_datum_t)t));
			for (int pr = 1; pr < IPPROTO_TCP; pr++)
				R(DENY(EPERM), socket, SCMP_A0(SCMP_CMP_EQ, fam),
				  SCMP_A2(SCMP_CMP_EQ, (scmp_datum_t)pr));
			R(DENY(EPERM), socket, SCMP_A0(SCMP_CMP_EQ, fam),
			  SCMP_A2(SCMP_CMP_GT, IPPROTO_TCP));
		}
	} else if (p->tcp_guard) {
		R(DENY(EPERM), socket, SCMP_A2(SCMP_CMP_EQ, IPPROTO_MPTCP));
	}
	*prc = rc;
}

/* connect/sendto/sendmsg/sendmmsg: MSG_FASTOPEN (a connect that
 * bypasses Landlock) and the user notifications, as disjoint rules. */
static void sends(scmp_filter_ctx c, const struct sc_plan *p, int *prc)
{
	const scmp_datum_t FO = MSG_FASTOPEN;
	int rc = 0;

	if (p->tcp_guard) {
		R(DENY(EPERM), sendto, SCMP_A3(SCMP_CMP_MASKED_EQ, FO, FO));
		R(DENY(EPERM), sendmsg, SCMP_A2(SCMP_CMP_MASKED_EQ, FO, FO));
		R(DENY(EPERM), sendmmsg, SCMP_A3(SCMP_CMP_MASKED_EQ, FO, FO));
	}
	if (p->notify) {
		R0(SCMP_ACT_NOTIFY, connect);
		if (p->sockets == SC_SOCK_UNIX_TCP)
			R0(SCMP_ACT_NOTIFY, bind);   /* loopback only */
		if (p->tcp_guard) {
			R(SCMP_ACT_NOTIFY, sendto,
			  SCMP_A3(SCMP_CMP_MASKED_EQ, FO, 0),
			  SCMP_A4(SCMP_CMP_NE, 0));
			R(SCMP_ACT_NOTIFY, sendmsg,
			  SCMP_A2(SCMP_CMP_MASKED_EQ, FO, 0));
			R(SCMP_ACT_NOTIFY, sendmmsg,
			  SCMP_A3(SCMP_CMP_MASKED_EQ, FO, 0));
		} else {
			R(SCMP_ACT_NOTIFY, sendto, SCMP_A4(SCMP_CMP_NE, 0));
			R0(SCMP_ACT_NOTIFY, sendmsg);
			R0(SCMP_ACT_NOTIFY, sendmmsg);
		}
	}
	*prc = rc;
}

static void truncate_guard(scmp_filter_ctx c, int *prc)
{
	const scmp_datum_t M = O_ACCMODE | O_TRUNC;
	int rc = 0;

	R0(DENY(EACCES), truncate);
	R(DENY(EACCES), open, SCMP_A1(SCMP_CMP_MASKED_EQ, M, O_TRUNC));
	R(DENY(EACCES), openat, SCMP_A2(SCMP_CMP_MASKED_EQ, M, O_TRUNC));
	R0(DENY(ENOSYS), openat2);
	*prc = rc;
}

int seccomp_prog_build(const struct sc_plan *p, struct bpf_prog *out,
		       struct err *e)
{
	scmp_filter_ctx c = seccomp_init(SCMP_ACT_ALLOW);
	int rc = 0, fd = -1;
	off_t size;

	if (!c)
		return errf(e, "seccomp_init failed");
	if (seccomp_attr_set(c, SCMP_FLTATR_ACT_BADARCH,
			     SCMP_ACT_KILL_PROCESS) < 0 ||
	    seccomp_attr_set(c, SCMP_FLTATR_CTL_NNP, 0) < 0) {
		seccomp_release(c);
		return errf(e, "seccomp_attr_set failed");
	}
	always(c, &rc);
	if (!rc)
		sockets(c, p, &rc);
	if (!rc)
		sends(c, p, &rc);
	if (!rc && p->truncate_guard)
		truncate_guard(c, &rc);
	if (rc) {
		seccomp_release(c);
		errno = -rc;
		return errf_sys(e, "building the seccomp filter failed");
	}
	fd = memfd_create("nono-bpf", MFD_CLOEXEC);
	if (fd < 0) {
		seccomp_release(c);
		return errf_sys(e, "memfd_create failed");
	}
	rc = seccomp_export_bpf(c, fd);
	seccomp_release(c);
	size = lseek(fd, 0, SEEK_END);
	if (rc < 0 || size <= 0 || size % sizeof(struct sock_filter) ||
	    (size_t)size > sizeof out->insn ||
	    pread(fd, out->insn, (size_t)size, 0) != size) {
		close(fd);
		return errf(e, "exporting the seccomp filter failed");
	}
	close(fd);
	out->len = (unsigned short)(size / (off_t)sizeof(struct sock_filter));
	return 0;
}

int seccomp_prog_install(const struct bpf_prog *prog, int want_listener)
{
	struct sock_fprog f = { prog->len, (struct sock_filter *)prog->insn };
	unsigned long flags = 0;
	long r;

	if (want_listener)
		flags = SECCOMP_FILTER_FLAG_NEW_LISTENER |
			SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV;
	r = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &f);
	if (r < 0 && want_listener && errno == EINVAL)
		r = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
			    SECCOMP_FILTER_FLAG_NEW_LISTENER, &f);
	return r < 0 ? -errno : (int)r;
}
