#!/usr/bin/env bash
# Profiles (spec/profiles.md): loading, inheritance, the built-in
# profiles checked against the reference (groups, dry-run, why, and a
# probe inside each), `nono profile ...`, and bad profiles refused with
# one line naming file, line and key, nothing run.
. "$(dirname "$0")/lib.sh"

PD() { echo "$XDG_CONFIG_HOME/nono/profiles"; }
# mkprof NAME JSON: a user profile readable by SB_USER
mkprof() {
	mkdir -p "$(PD)"
	printf '%s\n' "$2" >"$(PD)/$1.json"
	chmod -R a+rX "$XDG_CONFIG_HOME"
}

DEFAULT_GROUPS="deny_credentials deny_keychains_macos deny_keychains_linux deny_browser_data_macos deny_browser_data_linux deny_macos_private deny_shell_history deny_shell_configs system_read_macos system_read_linux_core system_write_macos system_write_linux user_tools homebrew_macos homebrew_linux dangerous_commands dangerous_commands_macos dangerous_commands_linux"

# The reference's table of built-in profiles (capabilities.md §3.5):
# name | groups on top of default | workdir | network_profile
BUILTINS='default||none|
linux-host-compat|linux_runtime_state linux_sysfs_read linux_temp_read|none|
openclaw|node_runtime|read|
python-dev|python_runtime|readwrite|developer
node-dev|node_runtime|readwrite|developer
go-dev|go_runtime go_runtime_linux go_runtime_macos|readwrite|developer
java-dev|java_runtime|readwrite|developer
rust-dev|rust_runtime|readwrite|developer
swival|python_runtime node_runtime user_caches_macos user_caches_linux linux_sysfs_read git_config unlink_protection|readwrite|'

test_builtin_profiles_match_the_reference() {
	sb_setup
	local n=0
	while IFS='|' read -r name groups wd np; do
		run as_user "$N" profile show --json "$name"
		expect_rc 0
		want=$(echo $DEFAULT_GROUPS $groups)
		[ "$(jq -r '.security.groups | join(" ")' <<<"$OUT")" = "$want" ] ||
			fail "$name groups: $(jq -c .security.groups <<<"$OUT")"
		[ "$(jq -r .workdir.access <<<"$OUT")" = "$wd" ] || fail "$name workdir"
		[ "$(jq -r '.network.network_profile // ""' <<<"$OUT")" = "$np" ] ||
			fail "$name network_profile"
		n=$((n + 1))
	done <<<"$BUILTINS"
	[ "$n" = 9 ] || fail "checked $n profiles"
	# and nothing else is built in
	run as_user "$N" profile list --json
	[ "$(jq -r '[.[] | select(.source == "built-in") | .name] | join(" ")' <<<"$OUT")" = \
		"default go-dev java-dev linux-host-compat node-dev openclaw python-dev rust-dev swival" ] ||
		fail "built-ins: $OUT"
	# extras of openclaw and swival
	run as_user "$N" profile show --json openclaw
	[ "$(jq -r '.filesystem.allow | join(" ")' <<<"$OUT")" = \
		'$HOME/.openclaw $HOME/.config/openclaw $TMPDIR/openclaw-$UID' ] || fail "openclaw fs"
	[ "$(jq -r '.rollback.exclude_patterns | join(" ")' <<<"$OUT")" = "node_modules .next" ] ||
		fail "openclaw rollback"
	run as_user "$N" profile show --json python-dev
	[ "$(jq -r .security.ipc_mode <<<"$OUT")" = full ] || fail "python-dev ipc"
	run as_user "$N" profile show --json swival
	[ "$(jq -r .security.capability_elevation <<<"$OUT")" = false ] || fail "swival elevation"
	[ "$(jq -r '.rollback.exclude_globs | join(" ")' <<<"$OUT")" = "*.pyc" ] || fail "swival globs"
}

# For each built-in: dry-run, why on fixed paths, and a probe inside.
test_builtin_profiles_enforce_what_they_say() {
	sb_setup
	mkdir -p "$HOME/.ssh" "$HOME/.openclaw" "$HOME/.config/swival"
	echo key >"$HOME/.ssh/id_rsa"
	echo in >"$W/in.txt"
	chown -R "$SB_UID" "$HOME" "$W"
	while IFS='|' read -r name groups wd np; do
		net=(); [ -n "$np" ] && net=(--allow-net)
		# dry-run: the workdir line follows workdir.access
		run as_user "$N" run --dry-run --allow-cwd --profile "$name" "${net[@]}" -- /bin/true
		expect_rc 0
		case $wd in
		none) grep -qF "  $W" <<<"$ERR" && fail "$name: workdir granted: $ERR" ;;
		read) grep -qE "^ +r +$W \(dir\)" <<<"$ERR" || fail "$name: no read workdir: $ERR" ;;
		readwrite) grep -qE "^ +r\+w +$W \(dir\)" <<<"$ERR" || fail "$name: no rw workdir: $ERR" ;;
		esac
		# why: sensitive denied, system readable, workdir per access
		run as_user "$N" why --json --profile "$name" --path "$HOME/.ssh/id_rsa" --op read
		[ "$(jq -r .reason <<<"$OUT")" = sensitive_path ] || fail "$name: ssh: $OUT"
		run as_user "$N" why --json --profile "$name" --path /usr/bin/env --op read
		[ "$(jq -r .status <<<"$OUT")" = allowed ] || fail "$name: /usr/bin/env: $OUT"
		# the kernel agrees: a probe inside the profile
		probe --allow-cwd --profile "$name" "${net[@]}" -- read "$HOME/.ssh/id_rsa"
		expect_denied
		probe --allow-cwd --profile "$name" "${net[@]}" -- read /usr/bin/env
		expect_ok
		probe --allow-cwd --profile "$name" "${net[@]}" -- read "$W/in.txt"
		if [ "$wd" = none ]; then expect_denied; else expect_ok; fi
		probe --allow-cwd --profile "$name" "${net[@]}" -- create "$W/out-$name"
		if [ "$wd" = readwrite ]; then expect_ok; else expect_denied; fi
	done <<<"$BUILTINS"
	# the profiles' own grants
	probe --allow-cwd --profile openclaw -- create "$HOME/.openclaw/state"
	expect_ok
	probe --allow-cwd --profile swival --allow-net -- create "$HOME/.config/swival/x"
	expect_ok
	probe --profile default -- create "$HOME/.openclaw/state2"
	expect_denied
}

test_proxy_profiles_run_behind_the_proxy() {
	sb_setup
	# python-dev's network profile: the proxy runs, its address is in
	# the environment, direct TCP is denied
	run as_user "$N" -s run --profile python-dev --allow-cwd -- /bin/sh -c \
		'echo "$HTTPS_PROXY"'
	expect_rc 0
	grep -Eq '^http://nono:[0-9a-f]{64}@127\.0\.0\.1:[0-9]+$' <<<"$OUT" ||
		fail "proxy variable: $OUT"
	probe --profile python-dev --allow-cwd -- tcp 127.0.0.1 9; expect_denied
	run as_user "$N" run --profile python-dev --block-net --allow-cwd -- /bin/true
	expect_rc 1
	expect_err "--block-net and --network-profile are contradictory"
	expect_one_line_err
	# credential routes still need what this build lacks: refused
	mkprof creds '{ "network": { "custom_credentials": { "x": {
	  "upstream": "https://api.example.com", "credential_key": "k" } } } }'
	run as_user "$N" run --profile creds --allow-cwd -- /bin/true
	expect_rc 1
	expect_err "needs credential injection"
	expect_one_line_err
}

test_why_host_uses_the_network_profile() {
	sb_setup
	while IFS='|' read -r prof host want reason; do
		run as_user "$N" why --json --profile "$prof" --host "$host"
		expect_rc 0
		[ "$(jq -r .status <<<"$OUT")" = "$want" ] || fail "$prof $host: $OUT"
		[ "$(jq -r .reason <<<"$OUT")" = "$reason" ] || fail "$prof $host: $OUT"
	done <<'EOF'
node-dev|api.github.com|allowed|proxy_allowed
node-dev|https://registry.npmjs.org/pkg|allowed|proxy_allowed
node-dev|evil.example.com|denied|proxy_filtered
node-dev|x.bedrock-runtime.amazonaws.com|denied|proxy_filtered
default|evil.example.com|allowed|network_allowed
EOF
	mkprof ent '{ "network": { "network_profile": "enterprise",
	  "allow_domain": ["intranet.corp"] } }'
	run as_user "$N" why --json --profile ent --host x.bedrock-runtime.amazonaws.com
	[ "$(jq -r .reason <<<"$OUT")" = proxy_allowed ] || fail "enterprise suffix: $OUT"
	run as_user "$N" why --json --profile ent --host intranet.corp
	[ "$(jq -r .reason <<<"$OUT")" = proxy_allowed ] || fail "allow_domain: $OUT"
	# --allow-net turns proxy mode off, as in the original
	run as_user "$N" why --json --profile node-dev --allow-net --host evil.example.com
	[ "$(jq -r .reason <<<"$OUT")" = network_allowed ] || fail "--allow-net: $OUT"
	mkprof badnp '{ "network": { "network_profile": "nope" } }'
	run as_user "$N" why --profile badnp --host a.com
	expect_rc 1
	expect_err "unknown network profile 'nope'"
	expect_one_line_err
}

test_user_profile_extends_and_grants() {
	sb_setup
	mkdir -p "$W/ro" "$W/rw" && echo x >"$W/ro/f" && chown -R "$SB_UID" "$W"
	mkprof base '{ "filesystem": { "read": ["$WORKDIR/ro"] } }'
	mkprof child '{
	  // JSONC: comments and trailing commas
	  "extends": "base",
	  "meta": { "name": "child", "description": "test child", },
	  "filesystem": { "allow": ["$WORKDIR/rw"], },
	}'
	probe --profile child -- read "$W/ro/f"; expect_ok
	probe --profile child -- create "$W/ro/g"; expect_denied
	probe --profile child -- create "$W/rw/g"; expect_ok
	probe --profile base -- create "$W/rw/h"; expect_denied
	# NONO_PROFILE selects it too, and a path works as a name
	NONO_PROFILE=child run as_user "$N" why --json --path "$W/rw/x" --op write
	[ "$(jq -r .source <<<"$OUT")" = profile ] || fail "NONO_PROFILE: $OUT"
	run as_user "$N" why --json --profile "$(PD)/child.json" --path "$W/ro/f" --op read
	[ "$(jq -r .status <<<"$OUT")" = allowed ] || fail "path ref: $OUT"
	run as_user "$N" profile show --json child
	[ "$(jq -r '.filesystem.read | join(",")' <<<"$OUT")" = '$WORKDIR/ro' ] || fail "merge: $OUT"
	[ "$(jq -r .description <<<"$OUT")" = "test child" ] || fail "meta: $OUT"
	# a base next to a profile file is found before the user directory
	mkdir -p "$W/p"
	echo '{ "extends": "base" }' >"$W/p/kid.json"
	echo '{ "filesystem": { "read": ["$WORKDIR/rw"] } }' >"$W/p/base.json"
	chmod -R a+rX "$W/p"
	run as_user "$N" profile show --json "$W/p/kid.json"
	[ "$(jq -r '.filesystem.read | join(",")' <<<"$OUT")" = '$WORKDIR/rw' ] || fail "sibling: $OUT"
}

test_profile_environment_and_bypass() {
	sb_setup
	mkdir -p "$HOME/.aws" && echo creds >"$HOME/.aws/credentials"
	chown -R "$SB_UID" "$HOME"
	mkprof envp '{ "environment": { "deny_vars": ["KEEP_*"],
	  "set_vars": { "FROM_PROFILE": "yes" } } }'
	KEEP_ME=1 OTHER=2 nrun --profile envp -- /usr/bin/env
	grep -qx FROM_PROFILE=yes <<<"$OUT" || fail "set_vars: $OUT"
	grep -q '^KEEP_ME=' <<<"$OUT" && fail "deny_vars ignored"
	grep -qx OTHER=2 <<<"$OUT" || fail "OTHER missing"
	# a profile grant of a sensitive path is refused ...
	mkprof aws '{ "filesystem": { "read": ["$HOME/.aws"] } }'
	probe --profile aws -- read "$HOME/.aws/credentials"
	expect_rc 1
	expect_err "Refusing to grant"
	# ... unless the profile bypasses it
	mkprof aws2 '{ "filesystem": { "read": ["$HOME/.aws"],
	  "bypass_protection": ["$HOME/.aws"] } }'
	probe --profile aws2 -- read "$HOME/.aws/credentials"
	expect_ok
}

test_bad_profiles_one_line_nothing_runs() {
	sb_setup
	local m="$W/ran"
	mkprof unk '{
  "filesystem": {
    "alow": ["/tmp"]
  }
}'
	mkprof cyc1 '{ "extends": "cyc2" }'
	mkprof cyc2 '{ "extends": "cyc1" }'
	mkprof req '{ "groups": { "exclude": ["deny_credentials"] } }'
	mkprof nog '{ "groups": { "include": ["no_such_group"] } }'
	mkprof typ '{ "network": { "block": "yes" } }'
	mkprof bad '{ "a": 1 } x'
	mkprof com '{ /* unterminated'
	mkprof deep0 '{ "extends": "deep1" }'
	for i in $(seq 1 11); do mkprof deep$i "{ \"extends\": \"deep$((i + 1))\" }"; done
	mkprof deep12 '{}'
	while IFS='|' read -r prof msg; do
		run as_user "$N" run --profile "$prof" -- /bin/touch "$m"
		expect_rc 1
		expect_err "$msg"
		expect_one_line_err
		[ ! -e "$m" ] || fail "$prof: the command ran"
	done <<EOF
unk|unk.json:3: unknown key 'filesystem.alow'
cyc1|circular dependency detected: cyc1 -> cyc2 -> cyc1
req|Cannot exclude required groups: 'deny_credentials'
nog|unknown policy group 'no_such_group'
typ|typ.json:1: 'network.block' must be true or false
bad|bad.json:1: invalid JSON
com|com.json:1: unterminated comment
deep0|inheritance chain too deep (max 10)
nosuch|Profile not found: nosuch
bad/../../name|Profile not found
-bad|invalid profile name
EOF
}

test_schema_and_parser_agree_on_keys() {
	sb_setup
	run as_user "$N" profile schema
	expect_rc 0
	jq -e . <<<"$OUT" >/dev/null || fail "schema is not JSON"
	local schema=$OUT
	# every key the schema lists is known to the parser (a null value
	# may be a type error, never an unknown key) ...
	for sect in "" filesystem network security environment workdir linux rollback open_urls meta groups policy; do
		if [ -z "$sect" ]; then q='.properties | keys[]'; else q=".properties.\"$sect\".properties | keys[]"; fi
		for k in $(jq -r "$q" <<<"$schema"); do
			if [ -z "$sect" ]; then doc="{\"$k\": null}"; else doc="{\"$sect\": {\"$k\": null}}"; fi
			printf '%s\n' "$doc" >"$W/k.json"
			run as_user "$N" profile validate "$W/k.json"
			grep -q "unknown key" <<<"$OUT" && fail "parser rejects schema key $sect.$k"
		done
	done
	# ... and a key outside the schema is refused
	printf '{"filesystem": {"nope": []}}' >"$W/k.json"
	run as_user "$N" profile validate "$W/k.json"
	expect_rc 1
	expect_out "unknown key 'filesystem.nope'"
	:
}

test_profile_subcommands() {
	sb_setup
	# XDG_CONFIG_HOME counts only when it exists (else ~/.config)
	mkdir -p "$XDG_CONFIG_HOME" && chmod a+rwx "$XDG_CONFIG_HOME"
	run as_user "$N" profile list
	expect_rc 0
	expect_out "Built-in"
	expect_out "python-dev"
	run as_user "$N" profile init my-agent --extends default --groups node_runtime --description "mine"
	expect_rc 0
	expect_err "Created profile at $(PD)/my-agent.json"
	[ "$(jq -r '.groups.include[0]' "$(PD)/my-agent.json")" = node_runtime ] || fail "skeleton"
	run as_user "$N" profile init my-agent
	expect_rc 1
	expect_err "already exists"
	run as_user "$N" profile init default
	expect_rc 1
	expect_err "default-local"
	run as_user "$N" profile init x --groups bogus
	expect_rc 1
	run as_user "$N" profile list --json
	[ "$(jq -r '.[] | select(.name == "my-agent") | .source' <<<"$OUT")" = user ] || fail "list json: $OUT"
	run as_user "$N" profile validate my-agent
	expect_rc 0
	expect_out "Result: valid"
	mkprof legacy '{ "policy": { "add_allow_read": ["/usr"] } }'
	run as_user "$N" profile validate legacy --json
	expect_rc 0
	[ "$(jq -c .deprecated_keys <<<"$OUT")" = '["add_allow_read"]' ] || fail "deprecated: $OUT"
	run as_user "$N" profile validate --strict legacy
	expect_rc 2
	mkprof broken '{ "groups": { "exclude": ["deny_shell_history"] } }'
	run as_user "$N" profile validate broken
	expect_rc 1
	expect_out "Result: invalid (1 error)"
	run as_user "$N" profile diff default default
	expect_rc 0
	[ "$OUT" = "(no differences)" ] || fail "diff: $OUT"
	run as_user "$N" profile diff --json default rust-dev
	[ "$(jq -c .groups.added <<<"$OUT")" = '["rust_runtime"]' ] || fail "diff json: $OUT"
	run as_user "$N" profile groups
	expect_out "deny_credentials"
	run as_user "$N" profile groups --json
	[ "$(jq -r '.[] | select(.name == "deny_credentials") | .required' <<<"$OUT")" = true ] ||
		fail "groups json"
	run as_user "$N" profile groups deny_credentials
	expect_out "Required: yes"
	run as_user "$N" profile guide
	expect_out "nono profile validate"
	# a user profile shadows the built-in of the same name
	mkprof rust-dev '{ "meta": { "description": "mine" }, "workdir": { "access": "read" } }'
	run as_user "$N" profile list --json
	[ "$(jq -r '.[] | select(.name == "rust-dev" and .source != "built-in") | .source' <<<"$OUT")" = \
		"user (overrides built-in)" ] || fail "override: $OUT"
	run as_user "$N" profile show --json rust-dev
	[ "$(jq -r .workdir.access <<<"$OUT")" = read ] || fail "user profile not first: $OUT"
	run as_user "$N" profile show --json nosuch
	expect_rc 1
	expect_one_line_err
	# bad command lines: one line, exit 1, nothing written
	local before; before=$(ls "$(PD)")
	for args in "bogus" "show" "show a b" "list --bogus" "diff default" \
		"init" "init a/b" "init -x" "init x --groups" "validate" \
		"groups no_such_group" "show default --format yaml" \
		"schema -o" "init bad/../name"; do
		run as_user "$N" profile $args
		expect_rc 1
		expect_one_line_err
	done
	[ "$(ls "$(PD)")" = "$before" ] || fail "files changed: $(ls "$(PD)")"
	run as_user "$N" profile
	expect_rc 1
}

# Conditional entries (spec/profiles.md §3.2): kept or dropped by their
# `when` predicate against this machine's os-release, then enforced.
test_conditional_entries_follow_os_release() {
	sb_setup
	local id ver
	id=$(. /etc/os-release && echo "$ID")
	ver=$(. /etc/os-release && echo "${VERSION_ID:-0}")
	mkdir -p "$W/yes" "$W/no" "$W/neg" "$W/ver"
	for d in yes no neg ver; do echo x >"$W/$d/f"; done
	chown -R "$SB_UID" "$W"
	mkprof cond '{"filesystem": {"read": [
		{"path": "'"$W/yes"'", "when": "linux:'"$id"'"},
		{"path": "'"$W/no"'", "when": ["macos", "windows:10"]},
		{"path": "'"$W/neg"'", "when": "!linux:'"$id"'-like"},
		{"path": "'"$W/ver"'", "when": "linux:'"$id"':>='"$ver"'"}]},
		"commands": {"deny": [{"name": "nono-probe", "when": "macos"}]}}'
	probe --profile cond -- read "$W/yes/f"; expect_ok
	probe --profile cond -- read "$W/ver/f"; expect_ok
	probe --profile cond -- read "$W/no/f"; expect_denied
	probe --profile cond -- read "$W/neg/f"; expect_denied
	run as_user "$N" profile show --json cond
	[ "$(jq -r '.filesystem.read | length' <<<"$OUT")" = 2 ] || fail "kept: $OUT"
	# a bad predicate: one line with file, line and list; nothing runs
	mkprof badcond '{"filesystem": {
		"read": [{"path": "/x", "when": "linux:Debian"}]}}'
	run as_user "$N" run --profile badcond -- /bin/sh -c "echo ran"
	expect_rc 1
	expect_one_line_err
	expect_err "badcond.json:2: 'filesystem.read': invalid 'when' predicate"
	[ -z "$OUT" ] || fail "the command ran"
}

# @git: tokens (spec/profiles.md §5.2): resolved by git in the workdir,
# granted, enforced; dropped outside a repository; unknown ones refused.
test_git_tokens_resolve_in_the_workdir() {
	sb_setup
	command -v git >/dev/null || fail "git is not installed"
	mkdir -p "$W/repo"
	echo src >"$W/repo/file"
	chown -R "$SB_UID" "$W"
	(cd "$W/repo" && as_user git init -q . && as_user git config user.name t) ||
		fail "git init"
	mkprof gitp '{"filesystem": {"read": ["@git:config-files"],
		"allow": ["@git:hooks-path"]}}'
	cd "$W/repo"
	probe --profile gitp -- read "$W/repo/.git/config"; expect_ok
	probe --profile gitp -- create "$W/repo/.git/hooks/new"; expect_ok
	probe --profile gitp -- read "$W/repo/file"; expect_denied
	probe --profile gitp -- read "$W/repo/.git/HEAD"; expect_denied
	run as_user "$N" run -v --dry-run --profile gitp -- /bin/true
	expect_err "profile token '@git:hooks-path' -> $W/repo/.git/hooks"
	# outside a repository the tokens resolve to nothing: less access
	cd "$W"
	run as_user "$N" run -v --dry-run --profile gitp -- /bin/true
	expect_rc 0
	expect_err "profile token '@git:hooks-path' did not resolve"
	# an unknown token is refused, nothing runs
	mkprof gitbad '{"filesystem": {"read": ["@git:everything"]}}'
	cd "$W/repo"
	run as_user "$N" run --profile gitbad -- /bin/sh -c "echo ran"
	expect_rc 1
	expect_one_line_err
	expect_err "unknown profile token '@git:everything'"
	[ -z "$OUT" ] || fail "the command ran"
}

run_tests
