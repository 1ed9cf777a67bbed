/*
 * The capability resolver and the enforcement plans (spec/sandbox.md,
 * spec/enforcement.md) driven by arbitrary operation sequences.
 * Properties: deduplication leaves one entry per (path, is_file); every
 * refusal is a terminated message; why's verdicts are consistent with the
 * set; Landlock rules never exceed the handled rights (and file rules only
 * carry file rights); lexical joins are clean paths; the environment
 * filter never passes a dangerous or secret name it was not told to set.
 */
#include "fuzz.h"

#include "capset.h"
#include "env_filter.h"
#include "landlock_plan.h"
#include "path.h"
#include "path_expand.h"
#include "seccomp_plan.h"
#include "why.h"

#include <string.h>

static const char *const PART[] = { "a", "b", ".ssh", "bc", "x", "dev",
				    "pts", "h" };
static char pool[64][40];
static struct capset cs;
static struct ll_plan llp;

static const char *path_of(uint8_t v, uint8_t w)
{
	static unsigned next;
	char *p = pool[next++ % 64];
	size_t n = 0;
	unsigned depth = v % 4;

	if (depth == 0) {
		strcpy(p, "/");
		return p;
	}
	for (unsigned i = 0; i < depth; i++) {
		const char *s = PART[(w >> (i * 2)) % 8];
		p[n++] = '/';
		memcpy(p + n, s, strlen(s));
		n += strlen(s);
		w = (uint8_t)(w * 31 + 7);
	}
	p[n] = 0;
	return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	uint8_t mm[4096];
	struct nbuf m;
	size_t i = 0;

	capset_init(&cs);
	nbuf_init(&m, mm, sizeof mm);
	while (i + 3 <= n) {
		uint8_t op = d[i], a = d[i + 1], b = d[i + 2];
		i += 3;
		switch (op % 12) {
		case 0: case 1: case 2: {
			struct fs_cap c;
			c.original = path_of(a, b);
			c.resolved = (b & 1) ? c.original : path_of(a, (uint8_t)~b);
			c.group = "g";
			c.access = (uint8_t)(1 + a % 3);
			c.is_file = (uint8_t)(b >> 7);
			c.source = (uint8_t)(op % 4);
			c.ftype = c.is_file ? (uint8_t)(FT_REG + b % 3) : FT_DIR;
			capset_add_fs(&cs, &c);
			break;
		}
		case 3:
			capset_add_deny(&cs, path_of(a, b), "deny_x");
			break;
		case 4: {
			const char *p = path_of(a, b);
			if (capset_bypass(&cs, p, p, &m) < 0)
				PROPERTY(memchr(m.p, 0, m.len));
			break;
		}
		case 5:
			capset_dedup(&cs);
			for (size_t x = 0; x < cs.nfs; x++)
				for (size_t y = x + 1; y < cs.nfs; y++)
					PROPERTY(cs.fs[x].is_file != cs.fs[y].is_file ||
						 strcmp(cs.fs[x].resolved,
							cs.fs[y].resolved));
			break;
		case 6:
			if (capset_check_deny_overlap(&cs, &m) < 0 ||
			    capset_check_sensitive_grants(&cs, &m) < 0)
				PROPERTY(m.len && m.p[m.len - 1] == 0);
			capset_drop_denied_files(&cs);
			break;
		case 7: {
			const char *roots[] = { path_of(a, b) };
			if (capset_check_protected(&cs, roots, 1, &m) < 0)
				PROPERTY(m.len && m.p[m.len - 1] == 0);
			break;
		}
		case 8: {
			struct why_path_result r;
			const char *p = path_of(a, b);
			unsigned req = 1 + b % 3;
			why_path(&cs, p, a % 6, req, &r);
			if (r.reason == WHY_GRANTED_PATH)
				PROPERTY(fs_cap_covers(r.grant, p) &&
					 cap_access_contains(r.grant->access, req));
			if (r.reason == WHY_SENSITIVE_PATH)
				PROPERTY(r.deny != NULL);
			if (r.reason == WHY_PATH_NOT_GRANTED ||
			    r.reason == WHY_INSUFFICIENT_ACCESS)
				PROPERTY(r.flag && r.target_len <= strlen(p));
			break;
		}
		case 9:
			cs.net = a % 3;
			cs.signal_mode = b % 3;
			cs.ipc_mode = (b >> 2) % 2;
			port_list_add((b & 8) ? &cs.connect_ports
			    : (b & 16) ? &cs.bind_ports : &cs.localhost_ports,
			    (uint16_t)(a * 257));
			break;
		case 10:
			if (ll_plan_build(&cs, a % 10, b & 1, &llp, &m) == 0) {
				struct sc_plan sp;
				uint64_t h = ll_fs_handled(llp.abi);
				for (size_t k = 0; k < llp.nfs; k++)
					PROPERTY((llp.fs[k].rights & ~h) == 0);
				sc_plan_build(&cs, &llp, b & 2, &sp, &m);
				PROPERTY(sp.sockets <= SC_SOCK_UNIX_TCP);
			} else {
				PROPERTY(m.len && m.p[m.len - 1] == 0);
			}
			break;
		default: {
			char out[128];
			char rel[24];
			struct nbuf o;
			size_t rn = (size_t)(a % 20);
			for (size_t k = 0; k < rn; k++)
				rel[k] = "/.a"[(b + k * a) % 3];
			rel[rn] = 0;
			nbuf_init(&o, (uint8_t *)out, sizeof out);
			if (path_join(&o, path_of(a, b), rel) == 0)
				PROPERTY(path_is_clean(out, strlen(out)));
		}
		}
	}
	/* expansion and environment filtering of the raw input */
	if (n > 0 && n < 200 && !memchr(d, 0, n)) {
		char t[256], out[512];
		const char *env[] = { "HOME=/h", "X=/x", "TMPDIR=rel", NULL };
		struct path_vars v = { env, "/w", 0 };
		const char *what;
		struct nbuf o;
		memcpy(t, d, n);
		t[n] = 0;
		nbuf_init(&o, (uint8_t *)out, sizeof out);
		if (path_expand_group(&o, t, &v, &what) == PX_OK)
			PROPERTY(out[0] == '/' && memchr(out, 0, sizeof out));
		nbuf_init(&o, (uint8_t *)out, sizeof out);
		if (path_expand_template(&o, t, &v, &what) == PX_OK)
			PROPERTY(memchr(out, 0, sizeof out) != NULL);
		{
			const char *envp[] = { t, "LD_PRELOAD=x", NULL };
			const char *res[8];
			struct env_policy pol = { NULL, 0, NULL, 0, NULL, 0 };
			size_t k;
			PROPERTY(env_build(envp, &pol, res, 8, &k) == 0);
			for (size_t j = 0; j < k; j++) {
				size_t ln = strcspn(res[j], "=");
				PROPERTY(!env_name_dangerous(res[j], ln));
				PROPERTY(!env_name_secret(res[j], ln));
			}
		}
	}
	return 0;
}
