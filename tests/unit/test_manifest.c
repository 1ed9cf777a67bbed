/*
 * Capability manifests (spec/manifest.md): every key of the format read,
 * the write -> parse round trip, and each kind of bad document refused
 * with the dotted key and its line.
 */
#include "suites.h"

#include "manifest.h"

#include <string.h>

static uint8_t mem[1 << 16];
static struct nbuf arena;
static struct manifest m;
static struct prof_err me;
static jsmntok_t tok[4096];

static int mparse(const char *s)
{
	nbuf_init(&arena, mem, sizeof mem);
	return manifest_parse(&m, (const uint8_t *)s, strlen(s), tok,
			      sizeof tok / sizeof *tok, &arena, &me);
}

static const char FULL[] =
	"{\n"
	"  \"version\": 1,\n"
	"  \"filesystem\": {\n"
	"    \"grants\": [\n"
	"      {\"path\": \"/usr\", \"access\": \"read\", \"type\": \"directory\"},\n"
	"      {\"path\": \"$HOME/p\", \"access\": \"readwrite\", \"type\": \"directory\"},\n"
	"      {\"path\": \"/etc/hosts\", \"access\": \"write\", \"type\": \"file\"}\n"
	"    ],\n"
	"    \"deny\": [\"/root/.ssh\"],\n"
	"    \"bypass_protection\": [\"/root/.aws\"]\n"
	"  },\n"
	"  \"unix_sockets\": [{\"path\": \"/run/a.sock\", \"scope\": \"dir-subtree\", \"bind\": true},\n"
	"                   {\"path\": \"/run/b.sock\", \"scope\": \"file\"}],\n"
	"  \"network\": {\"mode\": \"blocked\", \"ports\": {\"connect\": [443], "
	"\"bind\": [8080, 8080], \"localhost\": [3000]}},\n"
	"  \"process\": {\"signal_mode\": \"allow_all\", \"ipc_mode\": \"full\"},\n"
	"  \"commands\": {\"blocked\": [\"rm\", \"dd\"]}\n"
	"}\n";

START_TEST(manifest_reads_every_key)
{
	ck_assert_int_eq(mparse(FULL), 0);
	ck_assert_uint_eq(m.nfs, 3);
	ck_assert_str_eq(m.fs[0].path, "/usr");
	ck_assert_uint_eq(m.fs[0].access, CAP_READ);
	ck_assert_uint_eq(m.fs[0].is_file, 0);
	ck_assert_str_eq(m.fs[1].path, "$HOME/p");
	ck_assert_uint_eq(m.fs[1].access, CAP_RW);
	ck_assert_uint_eq(m.fs[2].access, CAP_WRITE);
	ck_assert_uint_eq(m.fs[2].is_file, 1);
	ck_assert_uint_eq(m.ndeny, 1);
	ck_assert_str_eq(m.bypass[0], "/root/.aws");
	ck_assert_uint_eq(m.nsock, 2);
	ck_assert_uint_eq(m.sock[0].scope, SOCK_DIR_SUBTREE);
	ck_assert_uint_eq(m.sock[0].bind, 1);
	ck_assert_uint_eq(m.sock[1].scope, SOCK_FILE);
	ck_assert_uint_eq(m.sock[1].bind, 0);
	ck_assert_uint_eq(m.net, NET_BLOCKED);
	ck_assert_uint_eq(m.connect_ports.n, 1);
	ck_assert_uint_eq(m.bind_ports.n, 1);          /* collapsed */
	ck_assert_uint_eq(m.localhost_ports.v[0], 3000);
	ck_assert_uint_eq(m.signal_mode, SIG_ALLOW_ALL);
	ck_assert_uint_eq(m.ipc_mode, IPC_FULL);
	ck_assert_uint_eq(m.nblocked, 2);
	/* the minimum: defaults */
	ck_assert_int_eq(mparse("{\"version\":1,\"filesystem\":{\"grants\":[]},"
				"\"network\":{\"mode\":\"unrestricted\"}}"), 0);
	ck_assert_uint_eq(m.nfs, 0);
	ck_assert_uint_eq(m.net, NET_ALLOW_ALL);
	ck_assert_uint_eq(m.signal_mode, SIG_ISOLATED);
	ck_assert_uint_eq(m.ipc_mode, IPC_SHARED_MEMORY_ONLY);
}
END_TEST

START_TEST(manifest_round_trip)
{
	static struct capset cs;
	static uint8_t out[1 << 14];
	struct fs_cap c = { "/x", "/usr", NULL, CAP_READ, 0, SRC_GROUP, FT_DIR };
	struct sock_cap s = { "/run/s", SOCK_DIR_CHILDREN, 1, SRC_USER };
	struct nbuf o;
	struct jw w;

	capset_init(&cs);
	ck_assert_int_eq(capset_add_fs(&cs, &c), 0);
	c.resolved = "/etc/hosts";
	c.access = CAP_RW;
	c.is_file = 1;
	ck_assert_int_eq(capset_add_fs(&cs, &c), 0);
	ck_assert_int_eq(capset_add_deny(&cs, "/h/.ssh", "g"), 0);
	ck_assert_int_eq(capset_add_deny(&cs, "/h/.ssh", "h"), 0);
	ck_assert_int_eq(capset_add_sock(&cs, &s), 0);
	ck_assert_int_eq(capset_add_blocked(&cs, "rm"), 0);
	cs.net = NET_PROXY;
	cs.signal_mode = SIG_ALLOW_SAME_SANDBOX;
	ck_assert_int_eq(port_list_add(&cs.connect_ports, 22), 0);
	nbuf_init(&o, out, sizeof out - 1);
	jw_init(&w, &o, 1);
	manifest_write(&w, &cs);
	ck_assert_int_eq(jw_finish(&w), JW_OK);
	out[o.len] = 0;
	ck_assert_int_eq(mparse((char *)out), 0);
	ck_assert_uint_eq(m.nfs, 2);
	ck_assert_str_eq(m.fs[0].path, "/usr");         /* resolved path */
	ck_assert_uint_eq(m.fs[1].is_file, 1);
	ck_assert_uint_eq(m.fs[1].access, CAP_RW);
	ck_assert_uint_eq(m.ndeny, 1);                  /* no repeats */
	ck_assert_uint_eq(m.nsock, 1);
	ck_assert_uint_eq(m.sock[0].scope, SOCK_DIR_CHILDREN);
	ck_assert_uint_eq(m.net, NET_PROXY);
	ck_assert_uint_eq(m.signal_mode, SIG_ALLOW_SAME_SANDBOX);
	ck_assert_uint_eq(m.connect_ports.v[0], 22);
	ck_assert_str_eq(m.blocked[0], "rm");
}
END_TEST

START_TEST(manifest_bad_documents)
{
	static const struct { const char *doc, *msg; size_t line; } B[] = {
		{ "[1]", "a manifest must be a JSON object", 1 },
		{ "{\"version\":1,\n\"filesystem\":{\"grants\":[]},\n"
		  "\"network\":{\"mod\":\"blocked\"}}",
		  "unknown key 'network.mod'", 3 },
		{ "{\"version\":1,\"network\":{\"mode\":\"blocked\"}}",
		  "missing key 'filesystem'", 1 },
		{ "{\"version\":2,\"filesystem\":{\"grants\":[]},"
		  "\"network\":{\"mode\":\"blocked\"}}",
		  "'version' must be 1 (the only manifest version this build "
		  "reads)", 1 },
		{ "{\"version\":1,\"filesystem\":{\"grants\":[\n"
		  "{\"path\":\"/a\",\"access\":\"rw\",\"type\":\"file\"}]},"
		  "\"network\":{\"mode\":\"blocked\"}}",
		  "'filesystem.grants[].access' must be read, write or "
		  "readwrite", 2 },
		{ "{\"version\":1,\"filesystem\":{\"grants\":["
		  "{\"path\":\"/a\",\"access\":\"read\"}]},"
		  "\"network\":{\"mode\":\"blocked\"}}",
		  "missing key 'filesystem.grants[].type'", 1 },
		{ "{\"version\":1,\"filesystem\":{\"grants\":["
		  "{\"path\":\"\",\"access\":\"read\",\"type\":\"file\"}]},"
		  "\"network\":{\"mode\":\"blocked\"}}",
		  "'filesystem.grants[].path' must not be empty", 1 },
		{ "{\"version\":1,\"filesystem\":{\"grants\":["
		  "{\"path\":\"/a\\nb\",\"access\":\"read\",\"type\":\"file\"}]},"
		  "\"network\":{\"mode\":\"blocked\"}}",
		  "'filesystem.grants[].path' contains a control character", 1 },
		{ "{\"version\":1,\"filesystem\":{\"grants\":[]},"
		  "\"network\":{\"mode\":\"open\"}}",
		  "'network.mode' must be blocked, proxy or unrestricted", 1 },
		{ "{\"version\":1,\"filesystem\":{\"grants\":[]},"
		  "\"network\":{\"mode\":\"blocked\",\"ports\":{\"bind\":[0]}}}",
		  "'network.ports.bind': ports are integers 1-65535", 1 },
		{ "{\"version\":1,\"filesystem\":{\"grants\":[]},"
		  "\"network\":{\"mode\":\"blocked\",\"ports\":{\"connect\":[65536]}}}",
		  "'network.ports.connect': ports are integers 1-65535", 1 },
		{ "{\"version\":1,\"filesystem\":{\"grants\":[],\"deny\":\"/x\"},"
		  "\"network\":{\"mode\":\"blocked\"}}",
		  "'filesystem.deny' must be an array of strings", 1 },
		{ "{\"version\":1,\"filesystem\":{\"grants\":[]},"
		  "\"network\":{\"mode\":\"blocked\"},\"unix_sockets\":["
		  "{\"path\":\"/s\",\"scope\":\"file\",\"bind\":1}]}",
		  "'unix_sockets[].bind' must be true or false", 1 },
		{ "{\"version\":1,\"filesystem\":{\"grants\":[]},"
		  "\"network\":{\"mode\":\"blocked\"},\"process\":"
		  "{\"ipc_mode\":\"none\"}}",
		  "'process.ipc_mode' must be shared_memory_only or full", 1 },
		{ "{\"version\":1,\"filesystem\":{\"grants\":[]},"
		  "\"network\":{\"mode\":\"blocked\"},\"commands\":{\"allow\":[]}}",
		  "unknown key 'commands.allow'", 1 },
		{ "{\"version\":1,\"version\":1}",
		  "invalid JSON: duplicate key", 1 },
	};

	for (size_t i = 0; i < sizeof B / sizeof *B; i++) {
		ck_assert_int_eq(mparse(B[i].doc), -1);
		ck_assert_msg(!strncmp(me.msg, B[i].msg, strlen(B[i].msg)),
			      "case %zu: got '%s'", i, me.msg);
		ck_assert_uint_eq(me.line, B[i].line);
	}
	/* every prefix of a valid document is refused, never crashes */
	for (size_t n = 0; n + 1 < sizeof FULL - 1; n++) {
		char cut[sizeof FULL];
		memcpy(cut, FULL, n);
		cut[n] = 0;
		ck_assert_int_eq(mparse(cut), -1);
		ck_assert(me.msg[0]);
	}
}
END_TEST

Suite *suite_manifest(void)
{
	Suite *s = suite_create("manifest");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, manifest_reads_every_key);
	tcase_add_test(tc, manifest_round_trip);
	tcase_add_test(tc, manifest_bad_documents);
	suite_add_tcase(s, tc);
	return s;
}
