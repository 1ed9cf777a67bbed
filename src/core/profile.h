/*
 * Profile documents (spec/profiles.md): parsing one JSONC document into a
 * struct profile, merging a base with a child (`extends`), and the
 * effective group list (default groups + include - exclude).
 *
 * Pure and allocation-free: every string lives in the caller's arena
 * (an nbuf), lists are bounded tables. Every function is total: bad
 * input is an error return with a message naming the key and the line,
 * never a write out of bounds.
 */
#ifndef NONO_PROFILE_H
#define NONO_PROFILE_H

#include "nbuf.h"

#include <stddef.h>
#include <stdint.h>

#define PROF_LIST_MAX 128
#define PROF_NAME_MAX 64

struct plist {
	const char *v[PROF_LIST_MAX];
	uint16_t n;
};

struct pports {
	uint16_t v[PROF_LIST_MAX];
	uint16_t n;
};

/* filesystem lists, in the order the resolver adds them */
enum prof_fs {
	PF_ALLOW, PF_READ, PF_WRITE, PF_ALLOW_FILE, PF_READ_FILE,
	PF_WRITE_FILE, PF_SOCK, PF_SOCK_BIND, PF_SOCK_DIR, PF_SOCK_DIR_BIND,
	PF_SOCK_SUBTREE, PF_SOCK_SUBTREE_BIND, PF_DENY, PF_BYPASS,
	PF_SUPPRESS, PF_NLISTS
};

/* "allow", "read", ..., "suppress_save_prompt": the filesystem keys, by
 * enum prof_fs. */
extern const char *const profile_fs_keys[PF_NLISTS];

enum prof_workdir { WD_UNSET, WD_NONE, WD_READ, WD_WRITE, WD_READWRITE };
/* a three-state string: absent inherits, null clears, a value replaces */
enum prof_tri { TRI_ABSENT, TRI_NULL, TRI_SET };

/* Keys this build parses and checks but does not enforce: their presence
 * is recorded so that a run can refuse (spec/profiles.md §6). */
enum prof_feature {
	PFEAT_NETWORK_PROFILE = 1u << 0,
	PFEAT_ALLOW_DOMAIN    = 1u << 1,
	PFEAT_CREDENTIALS     = 1u << 2,
	PFEAT_CUSTOM_CREDS    = 1u << 3,
	PFEAT_TLS_INTERCEPT   = 1u << 4,
	PFEAT_UPSTREAM_PROXY  = 1u << 5,
	PFEAT_ENV_CREDENTIALS = 1u << 6,
	PFEAT_HOOKS           = 1u << 7,
	PFEAT_SESSION_HOOKS   = 1u << 8,
	PFEAT_COMMAND_POLICIES = 1u << 9,
	PFEAT_CRED_CAPTURE    = 1u << 10,
	PFEAT_PACKS           = 1u << 11,
	PFEAT_COMMAND_ARGS    = 1u << 12,
	PFEAT_BINARY          = 1u << 13,
	PFEAT_CAP_ELEVATION   = 1u << 14,
	PFEAT_OPEN_URLS       = 1u << 15,
	PFEAT_ROLLBACK        = 1u << 16,
	PFEAT_MACOS_ONLY      = 1u << 17,
	PFEAT_ALLOW_HTTP2     = 1u << 18,
};

struct profile {
	/* meta (never inherited) */
	const char *name, *description, *version, *author;
	struct plist extends;
	struct plist groups_include, groups_exclude;
	struct plist cmd_allow, cmd_deny;
	struct plist fs[PF_NLISTS];
	/* security: 0 unset, else 1 + enum signal_mode / ipc_mode */
	uint8_t signal_mode, process_info_mode, ipc_mode;
	uint8_t capability_elevation;        /* 0 unset, 1 false, 2 true */
	/* network */
	uint8_t net_block;                   /* OR-merged */
	uint8_t network_profile_state;       /* enum prof_tri */
	const char *network_profile;
	struct plist allow_domain;           /* domain names only */
	uint8_t credentials_state;           /* enum prof_tri (null = []) */
	struct plist credentials;
	struct pports open_port, listen_port, connect_port;
	const char *upstream_proxy;
	struct plist upstream_bypass;
	/* environment */
	uint8_t has_environment;
	struct plist env_allow, env_deny;
	struct plist env_set;                /* "NAME=value", a name once */
	/* workdir, linux */
	uint8_t workdir;                     /* enum prof_workdir */
	const char *af_unix_mediation;       /* off | pathname */
	const char *sandbox_policy;          /* auto | landlock | external */
	uint8_t allow_gpu;                   /* OR-merged */
	uint8_t interactive;                 /* accepted and ignored */
	struct plist skipdirs;
	struct plist rollback_patterns, rollback_globs;
	const char *binary;
	struct plist command_args;
	uint32_t features;                   /* enum prof_feature, OR-merged */
	/* deprecated keys seen ("old\0new" pairs as "old -> new") */
	struct plist deprecated;
};

struct prof_err {
	char msg[256];       /* one line, naming the key */
	size_t line;         /* 1-based, 0 when not tied to a place */
};

/* Rewrites a JSONC text into JSON in place of `out` (same length, so byte
 * offsets and line numbers are preserved): comments become spaces
 * (newlines kept) and a comma followed only by blanks and comments before
 * } or ] becomes a space. -1 on an unterminated comment or string; out
 * then holds no useful content. */
/*@ requires \valid_read(in + (0 .. n - 1));
    requires \valid(out + (0 .. n - 1));
    requires \valid(bad) && \separated(bad, out + (0 .. n - 1));
    assigns out[0 .. n - 1], *bad;
    ensures \result == 0 || \result == -1;
 */
int jsonc_to_json(const uint8_t *in, size_t n, uint8_t *out, size_t *bad);

void profile_init(struct profile *p);

/* Parses a JSONC document. Strings are copied into `arena`, after the
 * scratch (the JSON copy and the token table, about 10 bytes per input
 * byte) which stays allocated; on error the arena is as before. 0, or -1
 * with e set (nothing is promised about *p). Conditional entries
 * ({"path": P, "when": PRED}) are kept when PRED holds for os (when.h;
 * NULL: nothing about the distribution is known). */
struct os_facts;
int profile_parse(struct profile *p, const uint8_t *text, size_t n,
		  const struct os_facts *os, struct nbuf *arena,
		  struct prof_err *e);

/* out = base (+) child, with the merge rules of spec/profiles.md §4.
 * Strings are shared, not copied. -1 when a list overflows. */
int profile_merge(struct profile *out, const struct profile *base,
		  const struct profile *child, struct prof_err *e);

/* The effective groups (spec/profiles.md §5): default_groups (unless the
 * profile is named "default"), then groups_include, each once, minus
 * groups_exclude. -1 when an excluded group is required (is_required
 * answers for a name), with the original's message. */
int profile_groups(const struct profile *p, const char *const *default_groups,
		   int (*is_required)(const char *name), struct plist *out,
		   struct prof_err *e);

/* 1 when name is a valid profile name: [A-Za-z0-9-]{1,64}, not starting
 * or ending with '-'. */
int profile_name_valid(const char *name);

/* Appends s unless already present. -1 when full. */
int plist_add(struct plist *l, const char *s);
int plist_has(const struct plist *l, const char *s);

#endif
