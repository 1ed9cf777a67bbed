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
#include <string.h>

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

/* The string lists merged by plain union (base's, then the child's new
 * entries), as one array for the merge and by name for everyone else. */
enum prof_list {
	PL_GROUPS_INCLUDE, PL_GROUPS_EXCLUDE, PL_CMD_ALLOW, PL_CMD_DENY,
	PL_ALLOW_DOMAIN, PL_UPSTREAM_BYPASS, PL_ENV_ALLOW, PL_ENV_DENY,
	PL_SKIPDIRS, PL_ROLLBACK_PATTERNS, PL_ROLLBACK_GLOBS,
	PL_COMMAND_ARGS, PL_DEPRECATED, PL_NLISTS
};

struct profile {
	/* meta (never inherited) */
	const char *name, *description, *version, *author;
	struct plist extends;
	struct plist fs[PF_NLISTS];
	union {
		struct plist lists[PL_NLISTS];      /* by enum prof_list */
		struct {
			struct plist groups_include, groups_exclude;
			struct plist cmd_allow, cmd_deny;
			struct plist allow_domain;  /* domain names only */
			struct plist upstream_bypass;
			struct plist env_allow, env_deny;
			struct plist skipdirs;
			struct plist rollback_patterns, rollback_globs;
			struct plist command_args;
			/* deprecated keys seen ("old\tnew") */
			struct plist deprecated;
		};
	};
	/* security: 0 unset, else 1 + enum signal_mode / ipc_mode */
	uint8_t signal_mode, process_info_mode, ipc_mode;
	uint8_t capability_elevation;        /* 0 unset, 1 false, 2 true */
	/* network */
	uint8_t net_block;                   /* OR-merged */
	uint8_t network_profile_state;       /* enum prof_tri */
	const char *network_profile;
	uint8_t credentials_state;           /* enum prof_tri (null = []) */
	struct plist credentials;
	struct pports open_port, listen_port, connect_port;
	const char *upstream_proxy;
	/* environment */
	uint8_t has_environment;
	struct plist env_set;                /* "NAME=value", a name once */
	/* workdir, linux */
	uint8_t workdir;                     /* enum prof_workdir */
	const char *af_unix_mediation;       /* off | pathname */
	const char *sandbox_policy;          /* auto | landlock | external */
	uint8_t allow_gpu;                   /* OR-merged */
	uint8_t interactive;                 /* accepted and ignored */
	const char *binary;
	uint32_t features;                   /* enum prof_feature, OR-merged */
};
#ifndef __FRAMAC__
_Static_assert(offsetof(struct profile, groups_include) ==
	       offsetof(struct profile, lists) &&
	       offsetof(struct profile, deprecated) ==
	       offsetof(struct profile, lists) +
	       PL_DEPRECATED * sizeof(struct plist),
	       "the named lists are exactly the lists[] array");
#endif

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

/*@ predicate plist_ok{L}(struct plist *l) =
      \valid_read(l) && l->n <= PROF_LIST_MAX &&
      \forall integer i; 0 <= i < l->n ==> valid_read_string(l->v[i]);

    predicate pports_ok{L}(struct pports *l) =
      \valid_read(l) && l->n <= PROF_LIST_MAX;

    // every list profile_merge reads is well formed
    predicate profile_ok{L}(struct profile *p) =
      \valid_read(p) &&
      (\forall integer k; 0 <= k < PF_NLISTS ==> plist_ok(&p->fs[k])) &&
      (\forall integer k; 0 <= k < PL_NLISTS ==> plist_ok(&p->lists[k])) &&
      plist_ok(&p->credentials) && plist_ok(&p->env_set) &&
      pports_ok(&p->open_port) && pports_ok(&p->listen_port) &&
      pports_ok(&p->connect_port);
 */

/* The one-line messages of profile_parse and manifest_parse: e->msg =
 * a, then 'key' in quotes (when key), then b, truncated to fit; e->line
 * = the line of token tok of d (0 when tok is not a token of d).
 * Returns -1. */
struct json_doc;
int prof_fail(struct prof_err *e, const struct json_doc *d, int tok,
	      const char *a, const char *key, const char *b);

/* out = a then b, each entry once (out may not overlap a or b; on -1 out
 * holds the entries that fitted). */
/*@ requires \valid(out) && plist_ok(a) && plist_ok(b);
    requires \separated(out, a) && \separated(out, b);
    assigns out->n, out->v[0 .. PROF_LIST_MAX - 1];
    ensures \result == 0 || \result == -1;
    ensures plist_ok(out);
 */
int plist_cat(struct plist *out, const struct plist *a,
	      const struct plist *b);

/* The same for port lists. */
/*@ requires \valid(out) && pports_ok(a) && pports_ok(b);
    requires \separated(out, a) && \separated(out, b);
    assigns out->n, out->v[0 .. PROF_LIST_MAX - 1];
    ensures \result == 0 || \result == -1;
    ensures pports_ok(out);
 */
int pports_cat(struct pports *out, const struct pports *a,
		const struct pports *b);

/* set_vars ("NAME=value"): a's entries, then b's; b's entry replaces a's
 * of the same NAME in place. */
/*@ requires \valid(out) && plist_ok(a) && plist_ok(b);
    requires \separated(out, a) && \separated(out, b);
    assigns out->n, out->v[0 .. PROF_LIST_MAX - 1];
    ensures \result == 0 || \result == -1;
    ensures plist_ok(out);
 */
int plist_merge_set(struct plist *out, const struct plist *a,
		    const struct plist *b);

/* out = base (+) child, with the merge rules of spec/profiles.md §4.
 * Strings are shared, not copied. -1 when a list overflows (out is then
 * partly written). out must not overlap base or child: to fold a chain,
 * merge into a second profile. */
/*@ requires profile_ok(base) && profile_ok(child);
    requires \valid(out) && \valid(e);
    requires \separated(out, base) && \separated(out, child);
    requires \separated(e, out) && \separated(e, base) &&
             \separated(e, child);
    assigns *out, e->msg[0 .. 255], e->line;
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> profile_ok(out);
 */
int profile_merge(struct profile *out, const struct profile *base,
		  const struct profile *child, struct prof_err *e);

/* The effective groups (spec/profiles.md §5): defaults (unless the
 * profile is named "default"), then groups_include, each once, minus
 * groups_exclude. -1 when an excluded group is in required, with the
 * original's message listing every such group. */
/*@ requires \valid_read(p) && plist_ok(&p->lists[PL_GROUPS_INCLUDE]) &&
             plist_ok(&p->lists[PL_GROUPS_EXCLUDE]);
    requires p->name == \null || valid_read_string(p->name);
    requires plist_ok(defaults) && plist_ok(required);
    requires \valid(out) && \valid(e);
    requires \separated(out, e, p, defaults, required);
    assigns *out, e->msg[0 .. 255], e->line;
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> plist_ok(out);
 */
int profile_groups(const struct profile *p, const struct plist *defaults,
		   const struct plist *required, struct plist *out,
		   struct prof_err *e);

/* 1 when name is a valid profile name: [A-Za-z0-9-]{1,64}, not starting
 * or ending with '-'. */
/*@ requires valid_read_string(name);
    assigns \nothing;
    ensures \result == 0 || \result == 1;
 */
int profile_name_valid(const char *name);

/* Appends s unless already present. -1 when full (l unchanged). */
/*@ requires \valid(l) && plist_ok(l) && valid_read_string(s);
    assigns l->n, l->v[0 .. PROF_LIST_MAX - 1];
    ensures plist_ok(l);
    ensures \result == 0 || \result == -1;
    ensures \result == -1 ==> l->n == \old(l->n);
    ensures \result == 0 ==> \old(l->n) <= l->n <= \old(l->n) + 1;
 */
int plist_add(struct plist *l, const char *s);
/*@ requires plist_ok(l) && valid_read_string(s);
    assigns \nothing;
    ensures \result == 0 || \result == 1;
 */
int plist_has(const struct plist *l, const char *s);

#endif
