/*
 * Profiles in the core (spec/profiles.md) and the TOML reader
 * (spec/config.md): JSONC, strict keys with lines, merge rules, the
 * effective groups; TOML values, errors and duplicates.
 */
#include "suites.h"

#include "hostmatch.h"
#include "profile.h"
#include "toml.h"
#include "when.h"

#include <string.h>

static uint8_t mem[1 << 20];
static struct nbuf arena;
static struct profile pa, pb, pc;
static struct prof_err pe;
static const struct os_facts test_os = { "debian", NULL, "12", NULL };

static int parse(struct profile *p, const char *s)
{
	return profile_parse(p, (const uint8_t *)s, strlen(s), &test_os, &arena,
			     &pe);
}

static void setup(void)
{
	nbuf_init(&arena, mem, sizeof mem);
}

START_TEST(jsonc_keeps_offsets)
{
	const char *in = "{ // c\n \"a\": [1, 2, ], /* x\n y */ \"b\": \"//\",\n}";
	uint8_t out[128];
	size_t bad;

	ck_assert_int_eq(jsonc_to_json((const uint8_t *)in, strlen(in), out,
				       &bad), 0);
	out[strlen(in)] = 0;
	ck_assert_str_eq((char *)out,
			 "{     \n \"a\": [1, 2  ],     \n      \"b\": \"//\" \n}");
	ck_assert_int_eq(jsonc_to_json((const uint8_t *)"{/* open", 8, out,
				       &bad), -1);
	ck_assert_uint_eq(bad, 1);
	ck_assert_int_eq(jsonc_to_json((const uint8_t *)"\"abc", 4, out, &bad),
			 -1);
}
END_TEST

START_TEST(parse_keys_types_lines)
{
	ck_assert_int_eq(parse(&pa, "{\n \"meta\": {\"name\": \"x\"},\n"
			       " \"filesystem\": {\"allow\": [\"/a\", \"/a\", \"/b\"],"
			       " \"ignore\": [\"/c\"]},\n"
			       " \"network\": {\"block\": true, \"port_allow\": [80, 80]},\n"
			       " \"workdir\": {\"access\": \"read\"},\n"
			       " \"environment\": {\"set_vars\": {\"A_1\": \"v=\\u00e9\"}}\n}"),
			 0);
	ck_assert_str_eq(pa.name, "x");
	ck_assert_uint_eq(pa.fs[PF_ALLOW].n, 2);       /* duplicates once */
	ck_assert_uint_eq(pa.fs[PF_SUPPRESS].n, 1);    /* alias */
	ck_assert_uint_eq(pa.net_block, 1);
	ck_assert_uint_eq(pa.open_port.n, 1);
	ck_assert_uint_eq(pa.workdir, WD_READ);
	ck_assert_str_eq(pa.env_set.v[0], "A_1=v=\xc3\xa9");
	/* unknown key: named, with its line */
	ck_assert_int_eq(parse(&pa, "{\n\"filesystem\": {\n \"alow\": []}}"), -1);
	ck_assert_str_eq(pe.msg, "unknown key 'filesystem.alow'");
	ck_assert_uint_eq(pe.line, 3);
	ck_assert_int_eq(parse(&pa, "{\"x\": 1}"), -1);
	ck_assert_str_eq(pe.msg, "unknown key 'x'");
	/* wrong types and values */
	ck_assert_int_eq(parse(&pa, "{\"network\": {\"open_port\": [0]}}"), -1);
	ck_assert_int_eq(parse(&pa, "{\"network\": {\"open_port\": [65536]}}"), -1);
	ck_assert_int_eq(parse(&pa, "{\"workdir\": {\"access\": \"all\"}}"), -1);
	ck_assert_int_eq(parse(&pa, "{\"filesystem\": {\"read\": \"/a\"}}"), -1);
	ck_assert_str_eq(pe.msg, "'filesystem.read' must be an array of strings");
	ck_assert_int_eq(parse(&pa, "{\"filesystem\": {\"read\": [\"a\\u0000b\"]}}"),
			 -1);
	ck_assert_int_eq(parse(&pa, "{\"environment\": {\"set_vars\": {\"1A\": \"x\"}}}"),
			 -1);
	ck_assert_int_eq(parse(&pa, "{\"network\": {\"open_port\": [1],"
			       " \"allow_port\": [2]}}"), -1);  /* two aliases */
	ck_assert_int_eq(parse(&pa, "[]"), -1);
	ck_assert_int_eq(parse(&pa, "{\"a\":1,,}"), -1);
	/* the arena is as before after an error */
	{
		size_t before = arena.len;
		ck_assert_int_eq(parse(&pa, "{\"meta\": {\"name\": \"n\"}, \"q\": 1}"),
				 -1);
		ck_assert_uint_eq(arena.len, before);
	}
}
END_TEST

START_TEST(legacy_policy_block)
{
	ck_assert_int_eq(parse(&pa, "{\"policy\": {\"add_allow_read\": [\"/r\"],"
			       " \"override_deny\": [\"/o\"]}}"), 0);
	ck_assert_str_eq(pa.fs[PF_READ].v[0], "/r");
	ck_assert_str_eq(pa.fs[PF_BYPASS].v[0], "/o");
	ck_assert_uint_eq(pa.deprecated.n, 2);
	ck_assert_str_eq(pa.deprecated.v[0], "add_allow_read\tfilesystem.read");
}
END_TEST

START_TEST(merge_rules)
{
	ck_assert_int_eq(parse(&pa, "{\"meta\": {\"name\": \"base\"},"
			       " \"filesystem\": {\"allow\": [\"/a\", \"/b\"]},"
			       " \"network\": {\"block\": true, \"network_profile\": \"dev\","
			       " \"credentials\": [\"openai\"]},"
			       " \"workdir\": {\"access\": \"readwrite\"},"
			       " \"security\": {\"signal_mode\": \"allow_all\"},"
			       " \"environment\": {\"set_vars\": {\"A\": \"1\", \"B\": \"2\"}}}"),
			 0);
	ck_assert_int_eq(parse(&pb, "{\"filesystem\": {\"allow\": [\"/b\", \"/c\"]},"
			       " \"network\": {\"block\": false, \"network_profile\": null,"
			       " \"credentials\": []},"
			       " \"workdir\": {\"access\": \"none\"},"
			       " \"environment\": {\"set_vars\": {\"B\": \"3\"}}}"), 0);
	ck_assert_int_eq(profile_merge(&pc, &pa, &pb, &pe), 0);
	ck_assert_uint_eq(pc.fs[PF_ALLOW].n, 3);          /* base first, once */
	ck_assert_str_eq(pc.fs[PF_ALLOW].v[2], "/c");
	ck_assert_uint_eq(pc.net_block, 1);                /* OR: cannot unset */
	ck_assert_uint_eq(pc.network_profile_state, TRI_NULL);  /* null clears */
	ck_assert(!(pc.features & PFEAT_NETWORK_PROFILE));
	ck_assert_uint_eq(pc.credentials.n, 0);            /* [] clears */
	ck_assert_uint_eq(pc.workdir, WD_READWRITE);       /* no reset to none */
	ck_assert_uint_eq(pc.signal_mode, 3);              /* child unset: base */
	ck_assert_ptr_null(pc.name);                       /* meta: the child's */
	ck_assert_str_eq(pc.env_set.v[0], "A=1");
	ck_assert_str_eq(pc.env_set.v[1], "B=3");          /* the child's wins */
	/* absent inherits */
	ck_assert_int_eq(parse(&pb, "{}"), 0);
	ck_assert_int_eq(profile_merge(&pc, &pa, &pb, &pe), 0);
	ck_assert_uint_eq(pc.network_profile_state, TRI_SET);
	ck_assert_str_eq(pc.credentials.v[0], "openai");
}
END_TEST

static const struct plist DEF = { { "deny_a", "deny_b", "sys" }, 3 };
static const struct plist REQUIRED = { { "deny_a", "deny_b" }, 2 };

START_TEST(effective_groups)
{
	struct plist out;

	ck_assert_int_eq(parse(&pa, "{\"groups\": {\"include\": [\"sys\", \"x\"],"
			       " \"exclude\": [\"sys\"]}}"), 0);
	ck_assert_int_eq(profile_groups(&pa, &DEF, &REQUIRED, &out, &pe), 0);
	ck_assert_uint_eq(out.n, 3);
	ck_assert_str_eq(out.v[2], "x");
	ck_assert_int_eq(parse(&pa, "{\"groups\": {\"exclude\": [\"deny_b\", \"sys\","
			       " \"deny_a\"]}}"), 0);
	ck_assert_int_eq(profile_groups(&pa, &DEF, &REQUIRED, &out, &pe), -1);
	ck_assert_str_eq(pe.msg,
			 "Cannot exclude required groups: 'deny_b', 'deny_a'");
	/* the profile named default takes no implicit groups */
	ck_assert_int_eq(parse(&pa, "{\"meta\": {\"name\": \"default\"},"
			       " \"groups\": {\"include\": [\"y\"]}}"), 0);
	ck_assert_int_eq(profile_groups(&pa, &DEF, &REQUIRED, &out, &pe), 0);
	ck_assert_uint_eq(out.n, 1);
	ck_assert(profile_name_valid("my-agent2"));
	ck_assert(!profile_name_valid("-x") && !profile_name_valid("x-") &&
		  !profile_name_valid("a/b") && !profile_name_valid("") &&
		  !profile_name_valid("a.b"));
}
END_TEST

START_TEST(host_entries)
{
#define HM(e, h) host_match(e, h, strlen(h))
	ck_assert(HM("api.github.com", "api.github.com"));
	ck_assert(HM("api.github.com", "API.GitHub.com."));
	ck_assert(!HM("api.github.com", "xapi.github.com"));
	ck_assert(!HM("api.github.com", "github.com"));
	ck_assert(HM(".googleapis.com", "aiplatform.googleapis.com"));
	ck_assert(HM("*.googleapis.com", "a.b.googleapis.com"));
	ck_assert(!HM(".googleapis.com", "googleapis.com"));
	ck_assert(!HM(".googleapis.com", "evilgoogleapis.com"));
	ck_assert(!HM(".", "a.com") && !HM("", "a") && !HM("a", ""));
	ck_assert(!HM("*.", "a.com"));
#undef HM
}
END_TEST

/* ---- TOML ---- */

static struct toml t;
static struct toml_kv kv;

static int toml_all(const char *s)
{
	int rc, n = 0;
	toml_init(&t, (const uint8_t *)s, strlen(s), &arena);
	while ((rc = toml_next(&t, &kv)) == 1)
		n++;
	return rc < 0 ? -1 : n;
}

START_TEST(toml_values)
{
	const char *doc = "# c\n\ntop = 1\n[redaction]\n"
		"extra_flags = [\"--a\", 'b\\c', # x\n  \"\\u00e9\\t\",\n]\n"
		"flag = true\n[rollback]\nmax_storage_gb = 2.5e0\nmax = -9_223_372_036_854_775_808\n"
		"\"quoted\" . bare = false\r\n";
	toml_init(&t, (const uint8_t *)doc, strlen(doc), &arena);
	ck_assert_int_eq(toml_next(&t, &kv), 1);
	ck_assert_str_eq(kv.table, "");
	ck_assert_str_eq(kv.key, "top");
	ck_assert_int_eq(kv.v.num, 1);
	ck_assert_int_eq(toml_next(&t, &kv), 1);
	ck_assert_str_eq(kv.table, "redaction");
	ck_assert_uint_eq(kv.type, TV_ARR);
	ck_assert_uint_eq(kv.nitems, 3);
	ck_assert_str_eq(kv.items[1].str, "b\\c");      /* literal string */
	ck_assert_str_eq(kv.items[2].str, "\xc3\xa9\t");
	ck_assert_uint_eq(kv.line, 5);
	ck_assert_int_eq(toml_next(&t, &kv), 1);
	ck_assert_uint_eq(kv.type, TV_BOOL);
	ck_assert_int_eq(toml_next(&t, &kv), 1);
	ck_assert_uint_eq(kv.type, TV_FLOAT);
	ck_assert_str_eq(kv.v.raw, "2.5e0");
	ck_assert_int_eq(toml_next(&t, &kv), 1);
	ck_assert_int_eq(kv.v.num, INT64_MIN);
	ck_assert_int_eq(toml_next(&t, &kv), 1);
	ck_assert_str_eq(kv.key, "quoted.bare");
	ck_assert_int_eq(toml_next(&t, &kv), 0);
}
END_TEST

START_TEST(toml_errors)
{
	static const char *const BAD[] = {
		"a = 1\na = 2\n", "[t]\n[t]\n", "a = \"\"\"x\"\"\"\n",
		"a = {b = 1}\n", "[[t]]\n", "a = 1979-05-27\n", "a = 0x10\n",
		"a = inf\n", "a = nan\n", "a = 01\n", "a = 1_\n",
		"a = 9223372036854775808\n", "a = [[1]]\n", "a = \"x\n",
		"a = 1 b\n", "a\n", "= 1\n", "a = \"\\q\"\n", "a = \"\\ud800\"\n",
		"a = \"\\u0000\"\n", "a = bare\n", "a = 1\rb = 2\n",
		"a = [1 2]\n", "a = \"\x01\"\n", "a = \"\xff\"\n", "a = 1.\n",
		"[t\n", "a = [1,\n",
	};
	for (size_t i = 0; i < sizeof BAD / sizeof *BAD; i++) {
		setup();
		ck_assert_msg(toml_all(BAD[i]) == -1, "accepted: %s", BAD[i]);
		ck_assert(t.err[0]);
		ck_assert_int_eq(toml_next(&t, &kv), -1);   /* stays failed */
	}
	setup();
	ck_assert_int_eq(toml_all("x = 1\n\n[r]\ny = 2\ny = 3\n"), -1);
	ck_assert_str_eq(t.err, "key 'r.y' defined twice");
	ck_assert_uint_eq(t.err_line, 5);
	setup();
	ck_assert_int_eq(toml_all(""), 0);
	ck_assert_int_eq(toml_all("# only a comment"), 0);
}
END_TEST

START_TEST(when_predicates)
{
	static const struct os_facts ubuntu = { "ubuntu", "debian", "22.04",
						"server" };
	static const struct { const char *p; int deb, ubu; } C[] = {
		{ "linux", 1, 1 },
		{ "!linux", 0, 0 },
		{ "macos", 0, 0 },
		{ "!macos", 1, 1 },
		{ "macos:14", 0, 0 },
		{ "windows:10:19045", 0, 0 },
		{ "linux:debian", 1, 0 },
		{ "linux:debian-like", 1, 1 },      /* ID or ID_LIKE */
		{ "linux:ubuntu-like", 0, 1 },
		{ "!linux:debian", 0, 1 },
		{ "linux:debian:12", 1, 0 },
		{ "linux:debian:==12.0", 1, 0 },    /* missing parts are 0 */
		{ "linux:debian:>=11", 1, 0 },
		{ "linux:debian:<12", 0, 0 },
		{ "linux:debian:>11.9", 1, 0 },
		{ "linux:ubuntu:>=22.4", 0, 1 },    /* numeric, not text */
		{ "linux:ubuntu:<=22.04", 0, 1 },
		{ "linux:ubuntu:22.04:server", 0, 1 },
		{ "linux:ubuntu:22.04:desktop", 0, 0 },
		{ "linux:debian:12:server", 0, 0 }, /* no VARIANT_ID */
		/* invalid */
		{ "", -1, -1 }, { "!", -1, -1 }, { "freebsd", -1, -1 },
		{ "Linux", -1, -1 }, { "linux:", -1, -1 }, { "linux::12", -1, -1 },
		{ "linux:Debian", -1, -1 }, { "linux:debian:12a", -1, -1 },
		{ "linux:debian:=12", -1, -1 }, { "linux:debian:1..2", -1, -1 },
		{ "linux:debian:12.", -1, -1 }, { "linux:a:1:b:c", -1, -1 },
		{ "macos:14:1", -1, -1 }, { "windows:x", -1, -1 },
		{ "!!linux", -1, -1 },
	};
	for (size_t i = 0; i < sizeof C / sizeof *C; i++) {
		ck_assert_msg(when_match(C[i].p, strlen(C[i].p), &test_os) ==
			      C[i].deb, "%s on debian", C[i].p);
		ck_assert_msg(when_match(C[i].p, strlen(C[i].p), &ubuntu) ==
			      C[i].ubu, "%s on ubuntu", C[i].p);
	}
	/* nothing known: only the bare platform holds */
	ck_assert_int_eq(when_match("linux", 5, NULL), 1);
	ck_assert_int_eq(when_match("linux:debian", 12, NULL), 0);
	ck_assert_int_eq(when_match("!linux:debian", 13, NULL), 1);
}
END_TEST

START_TEST(os_release_and_conditional_entries)
{
	static const char REL[] = "# comment\nPRETTY_NAME=\"Ubuntu 22.04\"\n"
		"ID=ubuntu\nID_LIKE='debian'\n  VERSION_ID=\"22.04\"  \n"
		"VARIANT_ID=\nbogus line\n";
	struct os_facts os;
	char buf[64];

	ck_assert_int_eq(os_release_parse(REL, strlen(REL), &os, buf,
					  sizeof buf), 0);
	ck_assert_str_eq(os.id, "ubuntu");
	ck_assert_str_eq(os.id_like, "debian");
	ck_assert_str_eq(os.version_id, "22.04");
	ck_assert_str_eq(os.variant_id, "");
	ck_assert_int_eq(os_release_parse(REL, strlen(REL), &os, buf, 8), -1);
	ck_assert_int_eq(os_release_parse("", 0, &os, buf, sizeof buf), 0);
	ck_assert_ptr_null(os.id);

	/* profile lists: entries kept or dropped by their predicate */
	ck_assert_int_eq(parse(&pa, "{\"filesystem\": {\"read\": [\"/a\","
			       " {\"path\": \"/deb\", \"when\": \"linux:debian\"},"
			       " {\"path\": \"/mac\", \"when\": \"macos\"},"
			       " {\"path\": \"/any\", \"when\": [\"macos\", \"linux:debian:>=11\"]}]},"
			       " \"commands\": {\"deny\": [{\"name\": \"rm\", \"when\": \"!macos\"}]},"
			       " \"policy\": {\"add_deny_access\": [{\"path\": \"/x\", \"when\": \"linux\"}]}}"),
			 0);
	ck_assert_uint_eq(pa.fs[PF_READ].n, 3);
	ck_assert_str_eq(pa.fs[PF_READ].v[1], "/deb");
	ck_assert_str_eq(pa.fs[PF_READ].v[2], "/any");
	ck_assert_uint_eq(pa.cmd_deny.n, 1);
	ck_assert_uint_eq(pa.fs[PF_DENY].n, 1);
	/* errors name the list and the line */
	setup();
	ck_assert_int_eq(parse(&pa, "{\"filesystem\": {\n\"read\": [{\"path\": \"/a\", \"when\": \"bsd\"}]}}"), -1);
	ck_assert_str_eq(pe.msg, "'filesystem.read': invalid 'when' predicate "
			 "(linux[:id[:version[:variant]]], macos[:version], "
			 "windows[:version[:build]], '!' negates)");
	ck_assert_uint_eq(pe.line, 2);
	setup();
	ck_assert_int_eq(parse(&pa, "{\"filesystem\": {\"read\": [{\"path\": \"/a\"}]}}"), -1);
	ck_assert_str_eq(pe.msg, "'filesystem.read': a conditional entry needs "
			 "'path' and 'when'");
	setup();
	ck_assert_int_eq(parse(&pa, "{\"filesystem\": {\"read\": [{\"path\": \"/a\", \"when\": \"linux\", \"x\": 1}]}}"), -1);
	ck_assert_str_eq(pe.msg, "unknown key 'filesystem.read.x'");
	setup();
	ck_assert_int_eq(parse(&pa, "{\"filesystem\": {\"read\": [{\"name\": \"/a\", \"when\": \"linux\"}]}}"), -1);
	setup();
	ck_assert_int_eq(parse(&pa, "{\"filesystem\": {\"read\": [{\"path\": \"/a\", \"when\": 1}]}}"), -1);
	setup();   /* lists of names, not paths, take no objects */
	ck_assert_int_eq(parse(&pa, "{\"groups\": {\"include\": [{\"path\": \"x\", \"when\": \"linux\"}]}}"), -1);
	ck_assert_str_eq(pe.msg, "'groups.include' must be a string");
}
END_TEST

Suite *suite_profile(void)
{
	Suite *s = suite_create("profile");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, jsonc_keeps_offsets);
	tcase_add_test(tc, parse_keys_types_lines);
	tcase_add_test(tc, legacy_policy_block);
	tcase_add_test(tc, merge_rules);
	tcase_add_test(tc, effective_groups);
	tcase_add_test(tc, host_entries);
	tcase_add_test(tc, toml_values);
	tcase_add_test(tc, toml_errors);
	tcase_add_test(tc, when_predicates);
	tcase_add_test(tc, os_release_and_conditional_entries);
	suite_add_tcase(s, tc);
	return s;
}
