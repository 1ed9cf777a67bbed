/*
 * The capability set (spec/sandbox.md §1, §5-§8): what a sandboxed process
 * may touch, as decided by the resolver and enforced by the platform.
 *
 * The set holds pointers to NUL-terminated strings the caller keeps alive
 * (normally in one arena per resolution). Paths in `resolved`, deny and
 * socket entries are clean absolute paths (path.h) produced by realpath
 * outside the core. Every function is total: a full table or a bad entry
 * is an error return, never a write out of bounds.
 */
#ifndef NONO_CAPSET_H
#define NONO_CAPSET_H

#include "nbuf.h"

#include <stddef.h>
#include <stdint.h>

#define CAP_READ  1u
#define CAP_WRITE 2u
#define CAP_RW    3u

enum cap_source { SRC_USER, SRC_PROFILE, SRC_GROUP, SRC_SYSTEM };

/* What the resolved path is on disk. */
enum cap_ftype { FT_MISSING, FT_DIR, FT_REG, FT_CHR, FT_BLK, FT_OTHER };

struct fs_cap {
	const char *original;    /* as requested, after expansion */
	const char *resolved;    /* canonical */
	const char *group;       /* SRC_GROUP: the group's name */
	uint8_t access;          /* CAP_READ | CAP_WRITE */
	uint8_t is_file;
	uint8_t source;
	uint8_t ftype;
};

struct deny_entry {
	const char *path;        /* expanded, or canonical spelling */
	const char *group;
};

enum sock_scope { SOCK_FILE, SOCK_DIR_CHILDREN, SOCK_DIR_SUBTREE };

struct sock_cap {
	const char *path;
	uint8_t scope;
	uint8_t bind;            /* connect + bind */
	uint8_t source;
};

enum net_mode { NET_ALLOW_ALL, NET_BLOCKED, NET_PROXY };
enum signal_mode { SIG_ISOLATED, SIG_ALLOW_SAME_SANDBOX, SIG_ALLOW_ALL };
enum ipc_mode { IPC_SHARED_MEMORY_ONLY, IPC_FULL };

#define CAPSET_FS_MAX    512
#define CAPSET_DENY_MAX  256
#define CAPSET_SOCK_MAX  64
#define CAPSET_PORTS_MAX 64
#define CAPSET_CMDS_MAX  128
#define CAPSET_BYPASS_MAX 64

struct port_list {
	uint16_t v[CAPSET_PORTS_MAX];
	size_t n;
};

struct capset {
	struct fs_cap fs[CAPSET_FS_MAX];
	size_t nfs;
	struct deny_entry deny[CAPSET_DENY_MAX];
	size_t ndeny;
	struct sock_cap sock[CAPSET_SOCK_MAX];
	size_t nsock;
	const char *bypass[CAPSET_BYPASS_MAX];   /* applied bypass paths */
	size_t nbypass;
	const char *blocked_cmds[CAPSET_CMDS_MAX];
	size_t nblocked;
	uint8_t net;
	uint16_t proxy_port;
	struct port_list connect_ports;          /* --allow-connect-port */
	struct port_list bind_ports;             /* proxy-mode listen ports */
	struct port_list localhost_ports;        /* --open-port */
	uint8_t signal_mode;
	uint8_t ipc_mode;
};

void capset_init(struct capset *cs);

/* Appends; -1 when the table is full (nothing changed). */
int capset_add_fs(struct capset *cs, const struct fs_cap *c);
int capset_add_deny(struct capset *cs, const char *path, const char *group);
int capset_add_sock(struct capset *cs, const struct sock_cap *s);
int capset_add_blocked(struct capset *cs, const char *cmd);
/* Adds once; -1 when full. */
int port_list_add(struct port_list *l, uint16_t port);
/* 1 when port is in l. */
int port_list_has(const struct port_list *l, uint16_t port);

/* "read", "write", "read+write". */
const char *cap_access_str(unsigned access);
/* "read", "write", "readwrite" (state files). */
const char *cap_access_json(unsigned access);
/* 1 when `have` grants everything `want` asks for. */
int cap_access_contains(unsigned have, unsigned want);
/* "user", "profile", "group:<name>" or "system", into out (NUL-ended). */
int cap_source_put(struct nbuf *out, const struct fs_cap *c);

/* 1 when c covers path p (a file cap only its exact path; a directory
 * cap the directory and everything beneath). */
int fs_cap_covers(const struct fs_cap *c, const char *p);

/* 1 when the capability comes from the user (CLI or profile). */
int cap_is_user_intent(const struct fs_cap *c);

/* Deduplication (spec/sandbox.md §5.4): one entry per (resolved,
 * is_file); user intent beats groups and system; read + write merge. */
void capset_dedup(struct capset *cs);

/* Removes file capabilities whose path equals a deny path. */
void capset_drop_denied_files(struct capset *cs);

/* The refusal checks. Each returns 0, or -1 with a complete message
 * (without the "nono: Sandbox initialization failed: " prefix) in msg. */
int capset_check_deny_overlap(const struct capset *cs, struct nbuf *msg);
int capset_check_sensitive_grants(const struct capset *cs,
				  struct nbuf *msg);
int capset_check_protected(const struct capset *cs,
			   const char *const *roots, size_t nroots,
			   struct nbuf *msg);

/* Applies one --bypass-protection path, given in its expanded and
 * canonical spellings (equal when it does not exist): it must be covered
 * by a user-intent grant, and every deny entry equal to or beneath it is
 * removed. -1 with a message when no grant covers it. */
int capset_bypass(struct capset *cs, const char *expanded,
		  const char *canonical, struct nbuf *msg);

/* The deny entry that p equals or lies beneath, or NULL. */
const struct deny_entry *capset_sensitive(const struct capset *cs,
					  const char *p);

/* 1 when the network is restricted (blocked or proxy-only). */
int capset_net_restricted(const struct capset *cs);

#endif
