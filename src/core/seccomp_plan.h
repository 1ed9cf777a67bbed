/*
 * What the seccomp filter must do for a capability set (spec/enforcement.md
 * §3). Landlock is the floor; the filter closes what Landlock does not
 * cover on this kernel generation. Pure: the platform turns the plan into
 * a BPF program with libseccomp.
 *
 * Always:  TIOCSTI/TIOCLINUX ioctls, perf_event_open, mknod of devices,
 *          io_uring_{setup,enter,register}, keyctl/add_key/request_key
 *          fail with EPERM; foreign architectures kill the process.
 * Network: see enum sc_sockets and tcp_guard below.
 */
#ifndef NONO_SECCOMP_PLAN_H
#define NONO_SECCOMP_PLAN_H

#include "capset.h"
#include "landlock_plan.h"

enum sc_sockets {
	SC_SOCK_ANY,         /* network allowed: any socket family */
	SC_SOCK_UNIX_ONLY,   /* blocked: socket() only for AF_UNIX */
	SC_SOCK_UNIX_TCP,    /* blocked with open ports: AF_UNIX, plus TCP
			        stream sockets (no UDP, raw, MPTCP, SCTP) */
};

struct sc_plan {
	uint8_t sockets;        /* enum sc_sockets */
	uint8_t unix_create;    /* 1: socket(AF_UNIX) allowed */
	uint8_t tcp_guard;      /* deny IPPROTO_MPTCP sockets and
				   MSG_FASTOPEN sends (TCP is handled) */
	uint8_t notify;         /* connect/sendto/sendmsg/sendmmsg go to
				   the supervisor (pathname AF_UNIX
				   mediation, loopback-only open ports) */
	uint8_t truncate_guard; /* ABI < 3: deny truncate(2) and
				   read-only opens with O_TRUNC */
};

/* mediated: a supervisor will answer notifications (nono run). Without
 * one, pathname AF_UNIX cannot be mediated, so AF_UNIX sockets cannot be
 * created; a set with unix-socket grants is then refused (-1, message). */
int sc_plan_build(const struct capset *cs, const struct ll_plan *ll,
		  int mediated, struct sc_plan *p, struct nbuf *msg);

#endif
