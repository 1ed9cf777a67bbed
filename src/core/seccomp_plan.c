#include "seccomp_plan.h"

#include <string.h>

int sc_plan_build(const struct capset *cs, const struct ll_plan *ll,
		  int mediated, struct sc_plan *p, struct nbuf *m)
{
	memset(p, 0, sizeof *p);
	if (cs->net == NET_ALLOW_ALL)
		p->sockets = SC_SOCK_ANY;
	else if (cs->net == NET_BLOCKED && cs->localhost_ports.n == 0)
		p->sockets = SC_SOCK_UNIX_ONLY;
	else
		p->sockets = SC_SOCK_UNIX_TCP;
	p->tcp_guard = ll_plan_handles_tcp(ll) || p->sockets != SC_SOCK_ANY;
	p->truncate_guard = ll->abi < 3;
	if (mediated) {
		p->unix_create = 1;
		p->notify = 1;
		return 0;
	}
	if (cs->nsock) {
		static const char MSG[] = "unix-socket grants need the "
			"supervisor to mediate connect(2); use `nono run` "
			"instead of `nono wrap`";
		size_t n = sizeof MSG;
		if (n > m->cap)
			n = m->cap;
		memcpy(m->p, MSG, n);
		if (n)
			m->p[n - 1] = 0;
		m->len = n;
		return -1;
	}
	/* Nothing can check pathname connects: no AF_UNIX sockets at all
	 * (socketpair stays allowed). Loopback-only open ports cannot be
	 * checked either: Landlock's port rules apply to any address. */
	p->unix_create = 0;
	return 0;
}
