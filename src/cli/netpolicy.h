/*
 * The embedded network policy (src/data/network-policy.json,
 * spec/profiles.md §9): host groups, network profiles, credential routes.
 */
#ifndef NONO_NETPOLICY_H
#define NONO_NETPOLICY_H

#include "err.h"

#include <stddef.h>

/* 1 when name is a network profile. */
int netpolicy_has_profile(const char *name);

/* Appends the host entries of network profile name (its groups' hosts,
 * in order) to out[*n..cap). -1 with e set when the profile is unknown or
 * out is full. */
int netpolicy_profile_hosts(const char *name, const char **out, size_t cap,
			    size_t *n, struct err *e);

/* Appends the hosts of host group name (e.g. "github"). 1 when name is
 * a group, 0 when it is not, -1 with e set when out is full. */
int netpolicy_group_hosts(const char *name, const char **out, size_t cap,
			  size_t *n, struct err *e);

#endif
