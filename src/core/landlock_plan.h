/*
 * From a capability set and a Landlock ABI to the exact ruleset the
 * platform will create (spec/enforcement.md §2): handled access masks,
 * one path rule per filesystem capability, TCP port rules and scopes.
 * Pure: the platform only executes the plan. Everything the kernel
 * cannot enforce is either refused here (with a message naming the
 * feature and the ABI) or reported in `degraded`.
 */
#ifndef NONO_LANDLOCK_PLAN_H
#define NONO_LANDLOCK_PLAN_H

#include "capset.h"

#include <stdint.h>

/* Filesystem rights (Landlock ABI bit values). */
#define LL_EXECUTE     (1ull << 0)
#define LL_WRITE_FILE  (1ull << 1)
#define LL_READ_FILE   (1ull << 2)
#define LL_READ_DIR    (1ull << 3)
#define LL_REMOVE_DIR  (1ull << 4)
#define LL_REMOVE_FILE (1ull << 5)
#define LL_MAKE_CHAR   (1ull << 6)
#define LL_MAKE_DIR    (1ull << 7)
#define LL_MAKE_REG    (1ull << 8)
#define LL_MAKE_SOCK   (1ull << 9)
#define LL_MAKE_FIFO   (1ull << 10)
#define LL_MAKE_BLOCK  (1ull << 11)
#define LL_MAKE_SYM    (1ull << 12)
#define LL_REFER       (1ull << 13)
#define LL_TRUNCATE    (1ull << 14)
#define LL_IOCTL_DEV   (1ull << 15)

#define LL_NET_BIND_TCP    (1ull << 0)
#define LL_NET_CONNECT_TCP (1ull << 1)

#define LL_SCOPE_ABSTRACT_UNIX_SOCKET (1ull << 0)
#define LL_SCOPE_SIGNAL               (1ull << 1)

#define LL_ACCESS_READ  (LL_EXECUTE | LL_READ_FILE | LL_READ_DIR)
#define LL_ACCESS_WRITE 0x7FF2ull
/* Rights meaningful on a file (the kernel rejects the others). */
#define LL_FILE_RIGHTS  (LL_EXECUTE | LL_WRITE_FILE | LL_READ_FILE | \
			 LL_TRUNCATE | LL_IOCTL_DEV)

/* Features an ABI may lack (plan.degraded). */
#define LL_LACKS_REFER     (1u << 0)
#define LL_LACKS_TRUNCATE  (1u << 1)
#define LL_LACKS_TCP       (1u << 2)
#define LL_LACKS_IOCTL_DEV (1u << 3)
#define LL_LACKS_SCOPES    (1u << 4)

#define LL_ABI_MAX 7

/* Every filesystem right ABI `abi` knows (0 for abi < 1). */
/*@ assigns \nothing;
    ensures abi < 1 ==> \result == 0;
    ensures abi >= 5 ==> \result == 0xFFFF;
 */
uint64_t ll_fs_handled(int abi);

/* The rights a capability grants: access mapped to rights, limited to
 * what the ABI knows, IOCTL_DEV for writable devices and /dev
 * directories (ABI >= 5), masked to file rights for non-directories. */
/*@ assigns \nothing;
    ensures (\result & ~ll_fs_handled(abi)) == 0;
 */
uint64_t ll_fs_rights(unsigned access, int abi, unsigned ftype,
		      int under_dev);

struct ll_fs_rule {
	const char *path;
	uint64_t rights;
};

struct ll_net_rule {
	uint16_t port;
	uint64_t rights;
};

struct ll_plan {
	int abi;
	uint64_t handled_fs;
	uint64_t handled_net;
	uint64_t scoped;
	struct ll_fs_rule fs[CAPSET_FS_MAX];
	size_t nfs;
	struct ll_net_rule net[3 * CAPSET_PORTS_MAX + 1];
	size_t nnet;
	unsigned degraded;       /* LL_LACKS_* that matter for this set */
	uint8_t signal_requested, signal_enforced;
	uint8_t abstract_requested, abstract_enforced;
};

/* 0, or -1 with a one-line message (a SandboxInit error). tcp_external:
 * an outer sandbox enforces TCP (--sandbox-policy external). */
int ll_plan_build(const struct capset *cs, int abi, int tcp_external,
		  struct ll_plan *p, struct nbuf *msg);

/* 1 when the plan handles TCP (so the TCP bypasses must be closed). */
int ll_plan_handles_tcp(const struct ll_plan *p);

#endif
