#include "landlock_plan.h"
#include "path.h"

#include <string.h>

uint64_t ll_fs_handled(int abi)
{
	if (abi < 1)
		return 0;
	if (abi == 1)
		return 0x1FFF;
	if (abi == 2)
		return 0x3FFF;
	if (abi <= 4)
		return 0x7FFF;
	return 0xFFFF;
}

uint64_t ll_fs_rights(unsigned access, int abi, unsigned ftype,
		      int under_dev)
{
	uint64_t r = 0;

	if (access & CAP_READ)
		r |= LL_ACCESS_READ;
	if (access & CAP_WRITE) {
		r |= LL_ACCESS_WRITE;
		if (ftype == FT_CHR || ftype == FT_BLK ||
		    (ftype == FT_DIR && under_dev))
			r |= LL_IOCTL_DEV;
	}
	if (ftype != FT_DIR)
		r &= LL_FILE_RIGHTS;
	return r & ll_fs_handled(abi);
}

static int fail(struct nbuf *m, const char *s)
{
	size_t n = strlen(s);
	m->len = 0;
	if (n + 1 > m->cap)
		n = m->cap ? m->cap - 1 : 0;
	if (m->cap) {
		memcpy(m->p, s, n);
		m->p[n] = 0;
		m->len = n + 1;
	}
	return -1;
}

static int add_net(struct ll_plan *p, uint16_t port, uint64_t rights)
{
	for (size_t i = 0; i < p->nnet; i++)
		if (p->net[i].port == port) {
			p->net[i].rights |= rights;
			return 0;
		}
	if (p->nnet >= sizeof p->net / sizeof *p->net)
		return -1;
	p->net[p->nnet].port = port;
	p->net[p->nnet].rights = rights;
	p->nnet++;
	return 0;
}

int ll_plan_build(const struct capset *cs, int abi, int tcp_external,
		  struct ll_plan *p, struct nbuf *m)
{
	int want_tcp;

	memset(p, 0, sizeof *p);
	if (abi < 1)
		return fail(m, "Landlock is not available on this kernel "
			    "(needs Linux 5.13 or later with Landlock "
			    "enabled in the LSM list)");
	if (abi > LL_ABI_MAX)
		abi = LL_ABI_MAX;
	p->abi = abi;
	p->handled_fs = ll_fs_handled(abi);
	if (abi < 2)
		p->degraded |= LL_LACKS_REFER;
	if (abi < 3)
		p->degraded |= LL_LACKS_TRUNCATE;
	if (abi < 5)
		p->degraded |= LL_LACKS_IOCTL_DEV;

	for (size_t i = 0; i < cs->nfs; i++) {
		const struct fs_cap *c = &cs->fs[i];
		const char *r = c->resolved;
		int dev = path_strictly_under("/dev", 4, r, strlen(r));
		uint64_t rights = ll_fs_rights(c->access, abi,
					       !c->is_file ? FT_DIR
					       : c->ftype == FT_DIR ? FT_OTHER
					       : c->ftype, dev);
		if (rights == 0)
			continue;
		p->fs[p->nfs].path = r;
		p->fs[p->nfs].rights = rights;
		p->nfs++;
	}

	/* TCP (spec/enforcement.md §2.3) */
	want_tcp = !tcp_external &&
		   (cs->net != NET_ALLOW_ALL || cs->connect_ports.n ||
		    (cs->net == NET_PROXY && cs->bind_ports.n));
	if (want_tcp) {
		if (cs->net != NET_ALLOW_ALL)
			for (size_t i = 0; i < cs->localhost_ports.n; i++)
				if (cs->localhost_ports.v[i] == 0)
					return fail(m, "open_port 0 (localhost "
						    "TCP wildcard) is macOS-only; on "
						    "Linux use explicit ports or a "
						    "network profile.");
		if (abi < 4) {
			/* A plain block falls back to the seccomp socket
			 * filter; anything port-specific cannot be done. */
			int ports = cs->connect_ports.n ||
				    cs->localhost_ports.n ||
				    cs->net == NET_PROXY;
			if (ports)
				return fail(m, "Network filtering requested but "
					    "kernel Landlock ABI doesn't support "
					    "it (requires V4+, Linux 6.7)");
			p->degraded |= LL_LACKS_TCP;
		} else {
			p->handled_net = LL_NET_BIND_TCP | LL_NET_CONNECT_TCP;
			if (cs->net == NET_PROXY) {
				if (add_net(p, cs->proxy_port,
					    LL_NET_CONNECT_TCP) < 0)
					return fail(m, "too many port rules");
				for (size_t i = 0; i < cs->bind_ports.n; i++)
					if (add_net(p, cs->bind_ports.v[i],
						    LL_NET_BIND_TCP) < 0)
						return fail(m, "too many port rules");
			}
			for (size_t i = 0; i < cs->connect_ports.n; i++)
				if (add_net(p, cs->connect_ports.v[i],
					    LL_NET_CONNECT_TCP) < 0)
					return fail(m, "too many port rules");
			if (cs->net != NET_ALLOW_ALL)
				for (size_t i = 0; i < cs->localhost_ports.n; i++)
					if (add_net(p, cs->localhost_ports.v[i],
						    LL_NET_CONNECT_TCP |
						    LL_NET_BIND_TCP) < 0)
						return fail(m, "too many port rules");
		}
	}

	/* scopes (ABI >= 6) */
	p->signal_requested = cs->signal_mode != SIG_ALLOW_ALL;
	p->abstract_requested = cs->ipc_mode == IPC_SHARED_MEMORY_ONLY;
	if (abi >= 6) {
		if (p->signal_requested)
			p->scoped |= LL_SCOPE_SIGNAL;
		if (p->abstract_requested)
			p->scoped |= LL_SCOPE_ABSTRACT_UNIX_SOCKET;
		p->signal_enforced = p->signal_requested;
		p->abstract_enforced = p->abstract_requested;
	} else {
		if (cs->signal_mode == SIG_ALLOW_SAME_SANDBOX)
			return fail(m, "signal_mode allow_same_sandbox needs "
				    "Landlock signal scoping (ABI V6, Linux "
				    "6.12); this kernel has ABI V1-V5");
		if (p->signal_requested || p->abstract_requested)
			p->degraded |= LL_LACKS_SCOPES;
	}
	return 0;
}

int ll_plan_handles_tcp(const struct ll_plan *p)
{
	return (p->handled_net & LL_NET_CONNECT_TCP) != 0;
}
