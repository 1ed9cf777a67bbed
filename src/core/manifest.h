/*
 * Capability manifests (spec/manifest.md): a fully resolved capability
 * set as one JSON document.
 *
 * manifest_parse checks a document against the key tables of spec §1
 * (strict reader, unknown/missing keys, types, enums, bounds) and fills
 * a struct manifest whose strings are unescaped into arena. It is total:
 * any input gives 0 or -1 with a one-line message naming the dotted key
 * and the line. manifest_write emits a capset in the same format.
 */
#ifndef NONO_MANIFEST_H
#define NONO_MANIFEST_H

#include "capset.h"
#include "json_read.h"
#include "json_write.h"
#include "profile.h"

#define MANIFEST_VERSION 1

struct manifest_grant {
	const char *path;
	uint8_t access;          /* CAP_READ | CAP_WRITE */
	uint8_t is_file;
};

struct manifest {
	struct manifest_grant fs[CAPSET_FS_MAX];
	size_t nfs;
	const char *deny[CAPSET_DENY_MAX];
	size_t ndeny;
	const char *bypass[CAPSET_BYPASS_MAX];
	size_t nbypass;
	struct sock_cap sock[CAPSET_SOCK_MAX];   /* source unused */
	size_t nsock;
	const char *blocked[CAPSET_CMDS_MAX];
	size_t nblocked;
	uint8_t net;                             /* enum net_mode */
	struct port_list connect_ports, bind_ports, localhost_ports;
	uint8_t signal_mode;                     /* enum signal_mode */
	uint8_t ipc_mode;                        /* enum ipc_mode */
};

/* 0, or -1 with e->msg (and e->line when tied to a place). tok must
 * have room for json_tokens_for(len) tokens. m is reset first. */
int manifest_parse(struct manifest *m, const uint8_t *js, size_t len,
		   jsmntok_t *tok, unsigned ntok, struct nbuf *arena,
		   struct prof_err *e);

/* 1 when p is a per-process alias (/proc/self, /proc/thread-self,
 * /dev/fd, /dev/std{in,out,err}, or beneath one): kept as spelled. */
int manifest_per_process(const char *p);

/* The manifest of cs (pretty layout, no trailing newline). */
void manifest_write(struct jw *w, const struct capset *cs);

#endif
