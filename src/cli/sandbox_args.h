/*
 * The sandbox flags of `nono run`, `shell`, `wrap` and `why`
 * (spec/cli-run.md §2), parsed into one structure, with the NONO_*
 * environment variables applied where no flag was given.
 */
#ifndef NONO_SANDBOX_ARGS_H
#define NONO_SANDBOX_ARGS_H

#include "err.h"

#include <stddef.h>
#include <stdint.h>

enum sb_cmd { SB_RUN = 1, SB_SHELL = 2, SB_WRAP = 4, SB_WHY = 8 };

enum grant_kind {
	G_ALLOW, G_READ, G_WRITE, G_ALLOW_FILE, G_READ_FILE, G_WRITE_FILE,
	G_SOCK, G_SOCK_BIND, G_SOCK_DIR, G_SOCK_DIR_BIND, G_SOCK_SUBTREE,
	G_SOCK_SUBTREE_BIND,
};

struct grant {
	uint8_t kind;
	const char *path;
	uint8_t src;             /* SRC_USER (command line) or SRC_PROFILE */
};

#define SB_MAX_GRANTS 256
#define SB_MAX_LIST 64

struct sandbox_args {
	enum sb_cmd cmd;
	struct grant grants[SB_MAX_GRANTS];
	size_t ngrants;
	const char *bypass[SB_MAX_LIST];
	size_t nbypass;
	uint16_t open_ports[SB_MAX_LIST];
	size_t nopen;
	uint16_t connect_ports[SB_MAX_LIST];
	size_t nconnect;
	uint16_t listen_ports[SB_MAX_LIST];
	size_t nlisten;
	const char *allow_cmds[SB_MAX_LIST];
	size_t nallow_cmds;
	const char *block_cmds[SB_MAX_LIST];
	size_t nblock_cmds;
	int block_net, allow_net;
	/* the network proxy (spec/proxy.md §1) */
	const char *network_profile;
	const char *domains[SB_MAX_LIST];     /* --allow-domain */
	size_t ndomains;
	const char *upstream_proxy;           /* host:port */
	const char *upstream_bypass[SB_MAX_LIST];
	size_t nupstream_bypass;
	int has_proxy_port;
	uint16_t proxy_port;
	const char *proxy_flag;               /* first proxy flag seen */
	int allow_cwd;
	const char *workdir;
	int allow_gpu;
	int dry_run;
	const char *config;              /* --config MANIFEST */
	const char *sandbox_policy;      /* auto | landlock | external */
	const char *profile;             /* --profile or NONO_PROFILE */
	const char *extends[SB_MAX_LIST];/* --extends, before the profile's */
	size_t nextends;
	/* run */
	int no_audit, no_audit_integrity, audit_integrity;
	const char *audit_sign_key;
	int no_diagnostics, diagnostics_json;
	int has_startup_timeout;
	unsigned startup_timeout;
	int trust_override;
	const char *shell;               /* shell --shell */
	/* why */
	const char *why_path, *why_op, *why_host, *why_scope;
	int why_port_set;
	unsigned why_port;
	int why_self, why_json;
	/* the command after "--" (nprog < 0: no "--") */
	char **prog;
	int nprog;
};

/* Parses argv (after the subcommand name). -1 with a one-line message;
 * the message of a flag this build does not provide says so. */
int sandbox_args_parse(struct sandbox_args *a, enum sb_cmd cmd, int argc,
		       char **argv, struct err *e);

#endif
