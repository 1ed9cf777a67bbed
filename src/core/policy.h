/*
 * The embedded policy (spec/sandbox.md §4): named groups of paths and
 * commands, which groups are required, and the groups the built-in
 * "default" profile includes. The table is data, compiled in; nothing
 * reads it from disk.
 */
#ifndef NONO_POLICY_H
#define NONO_POLICY_H

#include <stddef.h>
#include <stdint.h>

enum policy_platform { PLAT_ALL, PLAT_LINUX, PLAT_MACOS };

struct policy_group {
	const char *name;
	const char *description;
	uint8_t platform;
	uint8_t required;
	uint8_t deny_unlink;                  /* macOS only; a no-op on Linux */
	const char *const *read;              /* NULL-terminated lists */
	const char *const *write;
	const char *const *readwrite;
	const char *const *deny;              /* deny.access */
	const char *const *commands;          /* deny.commands */
};

extern const struct policy_group policy_groups[];
extern const size_t policy_ngroups;

/* The group named name[0..n), or NULL. */
const struct policy_group *policy_group_find(const char *name, size_t n);

/* 1 when the group applies on Linux. */
int policy_group_on_linux(const struct policy_group *g);

#endif
