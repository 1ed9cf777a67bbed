/*
 * Capability manifests (src/core/manifest.c). Properties: a failed parse
 * leaves a one-line message; a parsed manifest, turned into a capset and
 * written again, parses to the same grants, deny rules, sockets, network,
 * ports, process modes and blocked commands (write and parse agree).
 */
#include "fuzz.h"

#include "manifest.h"

#include <stdlib.h>
#include <string.h>

static uint8_t mem[1 << 22], mem2[1 << 22], out[1 << 22];
static struct manifest m, m2;
static struct capset cs;

static int same_ports(const struct port_list *a, const struct port_list *b)
{
	return a->n == b->n && !memcmp(a->v, b->v, a->n * sizeof *a->v);
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct nbuf arena, arena2, o;
	struct prof_err e;
	struct jw w;
	jsmntok_t *tok;
	size_t nt;

	if (n > (1u << 18))
		return 0;
	nt = json_tokens_for(n);
	tok = calloc(nt, sizeof *tok);
	if (!tok)
		return 0;
	nbuf_init(&arena, mem, sizeof mem);
	if (manifest_parse(&m, d, n, tok, (unsigned)nt, &arena, &e) < 0) {
		PROPERTY(e.msg[0] && memchr(e.msg, 0, sizeof e.msg));
		PROPERTY(!strchr(e.msg, '\n'));
		free(tok);
		return 0;
	}
	capset_init(&cs);
	for (size_t i = 0; i < m.nfs; i++) {
		struct fs_cap c = { m.fs[i].path, m.fs[i].path, NULL,
				    m.fs[i].access, m.fs[i].is_file, SRC_USER,
				    m.fs[i].is_file ? FT_REG : FT_DIR };
		PROPERTY(m.fs[i].access >= 1 && m.fs[i].access <= 3);
		PROPERTY(capset_add_fs(&cs, &c) == 0);
	}
	for (size_t i = 0; i < m.ndeny; i++)
		PROPERTY(capset_add_deny(&cs, m.deny[i], "manifest") == 0);
	for (size_t i = 0; i < m.nbypass; i++)
		cs.bypass[cs.nbypass++] = m.bypass[i];
	for (size_t i = 0; i < m.nsock; i++)
		PROPERTY(capset_add_sock(&cs, &m.sock[i]) == 0);
	for (size_t i = 0; i < m.nblocked; i++)
		PROPERTY(capset_add_blocked(&cs, m.blocked[i]) == 0);
	cs.net = m.net;
	cs.connect_ports = m.connect_ports;
	cs.bind_ports = m.bind_ports;
	cs.localhost_ports = m.localhost_ports;
	cs.signal_mode = m.signal_mode;
	cs.ipc_mode = m.ipc_mode;
	nbuf_init(&o, out, sizeof out);
	jw_init(&w, &o, 1);
	manifest_write(&w, &cs);
	PROPERTY(jw_finish(&w) == JW_OK);
	free(tok);
	nt = json_tokens_for(o.len);
	tok = calloc(nt, sizeof *tok);
	if (!tok)
		return 0;
	nbuf_init(&arena2, mem2, sizeof mem2);
	PROPERTY(manifest_parse(&m2, out, o.len, tok, (unsigned)nt, &arena2,
				&e) == 0);
	PROPERTY(m2.nfs == m.nfs && m2.nsock == m.nsock &&
		 m2.nbypass == m.nbypass && m2.nblocked == m.nblocked);
	PROPERTY(m2.ndeny <= m.ndeny);        /* repeats collapse */
	for (size_t i = 0; i < m.nfs; i++) {
		const char *p = m.fs[i].path;
		/* per-process aliases are kept as spelled, the rest too here
		 * (resolved == original in this capset) */
		PROPERTY(!strcmp(m2.fs[i].path, p));
		PROPERTY(m2.fs[i].access == m.fs[i].access &&
			 m2.fs[i].is_file == m.fs[i].is_file);
	}
	for (size_t i = 0; i < m.nsock; i++)
		PROPERTY(!strcmp(m2.sock[i].path, m.sock[i].path) &&
			 m2.sock[i].scope == m.sock[i].scope &&
			 m2.sock[i].bind == m.sock[i].bind);
	PROPERTY(m2.net == m.net && m2.signal_mode == m.signal_mode &&
		 m2.ipc_mode == m.ipc_mode);
	PROPERTY(same_ports(&m2.connect_ports, &m.connect_ports) &&
		 same_ports(&m2.bind_ports, &m.bind_ports) &&
		 same_ports(&m2.localhost_ports, &m.localhost_ports));
	free(tok);
	return 0;
}
