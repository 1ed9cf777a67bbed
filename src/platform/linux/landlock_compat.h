/*
 * Landlock's user-space ABI, declared here so that nono builds against
 * any kernel headers (Debian 12 ships 6.1 headers, which stop at ABI 2).
 * Values from the kernel's include/uapi/linux/landlock.h; the bit values
 * of the access rights are in src/core/landlock_plan.h.
 */
#ifndef NONO_LANDLOCK_COMPAT_H
#define NONO_LANDLOCK_COMPAT_H

#include <stdint.h>
#include <sys/syscall.h>

#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset 444
#define __NR_landlock_add_rule 445
#define __NR_landlock_restrict_self 446
#endif

struct nono_ll_ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net;   /* ABI 4 */
	uint64_t scoped;               /* ABI 6 */
};

struct nono_ll_path_beneath_attr {
	uint64_t allowed_access;
	int32_t parent_fd;
} __attribute__((packed));

struct nono_ll_net_port_attr {
	uint64_t allowed_access;
	uint64_t port;
};

#define NONO_LL_CREATE_RULESET_VERSION (1u << 0)
#define NONO_LL_RULE_PATH_BENEATH 1
#define NONO_LL_RULE_NET_PORT 2

#endif
