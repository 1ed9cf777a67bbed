#!/usr/bin/env bash
# Capability manifests (spec/manifest.md): `nono profile show --format
# manifest` and `nono run --config FILE`, enforced on the real kernel;
# round trip against --profile; bad manifests and flag conflicts refused
# with one line, nothing run.
. "$(dirname "$0")/lib.sh"

# base manifest: the default profile's set, written as SB_USER in $W
base_manifest() {
	run as_user "$N" profile show default --format manifest
	expect_rc 0
	printf '%s\n' "$OUT" >"$W/base.json"
}

# mk NAME JQ-FILTER: $W/NAME.json = base manifest | filter
mk() {
	jq "$2" "$W/base.json" >"$W/$1.json" || fail "jq $2"
	chmod a+r "$W/$1.json"
}

# the capability lines of a dry-run, without source labels or pids, nor
# /dev/stdout and /dev/stderr (run's temporary files)
caps() {
	grep -E '^ +(r|w|r\+w|net) ' <<<"$1" |
		sed -E 's/ \[[^]]*\]$//; s#/proc/[0-9]+#/proc/N#' |
		grep -vE '/tmp/tmp\.[A-Za-z0-9]+ \(file\)$' | sort
}

test_round_trip_matches_the_profile() {
	sb_setup
	local name
	for name in default linux-host-compat openclaw swival; do
		run as_user "$N" profile show "$name" --format manifest
		expect_rc 0
		[ "$(jq -r .version <<<"$OUT")" = 1 ] || fail "$name: version"
		printf '%s\n' "$OUT" >"$W/$name.json"
		run as_user "$N" run --dry-run -v --allow-cwd --profile "$name" -- /bin/true
		expect_rc 0
		local want; want=$(caps "$ERR")
		[ -n "$want" ] || fail "$name: no capability lines: $ERR"
		run as_user "$N" run --dry-run -v --config "$W/$name.json" -- /bin/true
		expect_rc 0
		[ "$(caps "$ERR")" = "$want" ] ||
			fail "$name: differs: $(diff <(echo "$want") <(caps "$ERR"))"
	done
	# the workdir grant follows workdir.access (swival: readwrite)
	[ "$(jq -r --arg w "$W" '.filesystem.grants[] | select(.path == $w) | .access' "$W/swival.json")" = readwrite ] ||
		fail "swival manifest lacks the workdir grant"
	[ "$(jq -r --arg w "$W" '[.filesystem.grants[] | select(.path == $w)] | length' "$W/default.json")" = 0 ] ||
		fail "default manifest grants the workdir"
	# required deny rules are written
	jq -e --arg h "$HOME/.ssh" '.filesystem.deny | index($h)' "$W/default.json" >/dev/null ||
		fail "no ~/.ssh deny rule"
}

test_manifest_is_enforced() {
	sb_setup
	base_manifest
	echo ok >"$O/allowed.txt"
	echo in >"$W/in.txt"
	chmod a+r "$O/allowed.txt"
	chown "$SB_UID" "$W/in.txt"
	mk m '.filesystem.grants += [
		{"path": "'"$T/bin"'", "access": "read", "type": "directory"},
		{"path": "'"$W"'", "access": "readwrite", "type": "directory"},
		{"path": "'"$O/allowed.txt"'", "access": "read", "type": "file"}]
	      | .network.mode = "blocked"'
	local port; port=$(shuf -i 20000-60000 -n 1)
	run as_user "$N" -s run --config "$W/m.json" -- "$P" read "$W/in.txt"; expect_ok
	run as_user "$N" -s run --config "$W/m.json" -- "$P" create "$W/new"; expect_ok
	run as_user "$N" -s run --config "$W/m.json" -- "$P" read "$O/allowed.txt"; expect_ok
	run as_user "$N" -s run --config "$W/m.json" -- "$P" write "$O/allowed.txt"; expect_denied
	run as_user "$N" -s run --config "$W/m.json" -- "$P" read "$O/secret.txt"; expect_denied
	run as_user "$N" -s run --config "$W/m.json" -- "$P" tcp 127.0.0.1 "$port"; expect_denied
	# the same manifest with the network open: connect is not denied by
	# the sandbox (nothing listens: "error", not "denied")
	mk open '.filesystem.grants += [
		{"path": "'"$T/bin"'", "access": "read", "type": "directory"}]
	      | .network.mode = "unrestricted"'
	run as_user "$N" -s run --config "$W/open.json" -- "$P" tcp 127.0.0.1 "$port"
	case $OUT in denied*) fail "unrestricted manifest denied connect: $OUT" ;; esac
	# blocked commands from the manifest
	mk cmds '.filesystem.grants += [
		{"path": "'"$T/bin"'", "access": "read", "type": "directory"}]
	      | .commands.blocked = ["nono-probe"]'
	run as_user "$N" -s run --config "$W/cmds.json" -- "$P" read "$W/in.txt"
	expect_rc 1
	expect_err "Command 'nono-probe' is blocked"
}

test_sensitive_paths_stay_denied_unless_bypassed() {
	sb_setup
	base_manifest
	mkdir -p "$HOME/.ssh"
	echo key >"$HOME/.ssh/id_rsa"
	chown -R "$SB_UID" "$HOME"
	# the deny list is emptied: the required groups still deny ~/.ssh
	mk nodeny '.filesystem.deny = [] | .filesystem.grants += [
		{"path": "'"$T/bin"'", "access": "read", "type": "directory"},
		{"path": "'"$HOME/.ssh"'", "access": "read", "type": "directory"}]'
	run as_user "$N" -s run --config "$W/nodeny.json" -- "$P" read "$HOME/.ssh/id_rsa"
	expect_rc 1
	expect_one_line_err
	[ -z "$OUT" ] || fail "the command ran: $OUT"
	# with bypass_protection it is granted, and only it
	mk bypass '.filesystem.bypass_protection = ["'"$HOME/.ssh"'"] | .filesystem.grants += [
		{"path": "'"$T/bin"'", "access": "read", "type": "directory"},
		{"path": "'"$HOME/.ssh"'", "access": "read", "type": "directory"}]'
	run as_user "$N" -s run --config "$W/bypass.json" -- "$P" read "$HOME/.ssh/id_rsa"
	expect_ok
	# a manifest deny rule inside a directory grant is refused
	mkdir -p "$W/sub"
	chown "$SB_UID" "$W/sub"
	mk overlap '.filesystem.deny += ["'"$W/sub"'"] | .filesystem.grants += [
		{"path": "'"$T/bin"'", "access": "read", "type": "directory"},
		{"path": "'"$W"'", "access": "readwrite", "type": "directory"}]'
	run as_user "$N" -s run --config "$W/overlap.json" -- "$P" read "$W/in.txt"
	expect_rc 1
	expect_err "deny-overlap"
	[ -z "$OUT" ] || fail "the command ran: $OUT"
}

test_bad_manifests_refused_nothing_runs() {
	sb_setup
	base_manifest
	local m=$W/marker
	printf '{\n "version": 1,\n "filesystem": {"grants": []},\n "network": {"mod": "blocked"}\n}\n' >"$W/unknown.json"
	printf '{"version": 1, "filesystem": {"grants": [' >"$W/trunc.json"
	mk missing '.filesystem.grants += [{"path": "'"$W/nope"'", "access": "read", "type": "directory"}]'
	mk relative '.filesystem.grants += [{"path": "rel/dir", "access": "read", "type": "directory"}]'
	mk wrongtype '.filesystem.grants += [{"path": "'"$O/secret.txt"'", "access": "read", "type": "directory"}]'
	mk proxy '.network.mode = "proxy"'
	mk version '.version = 2'
	chmod a+r "$W"/*.json
	local f
	for f in unknown trunc missing relative wrongtype proxy version nonexistent; do
		run as_user "$N" run --config "$W/$f.json" -- /bin/sh -c "echo > $m"
		expect_rc 1
		expect_one_line_err
		[ ! -e "$m" ] || fail "$f: the command ran"
	done
	run as_user "$N" run --config "$W/unknown.json" -- /bin/true
	expect_err "unknown.json:4: unknown key 'network.mod'"
	run as_user "$N" run --config "$W/missing.json" -- /bin/true
	expect_err "manifest path '$W/nope' does not exist"
	run as_user "$N" run --config "$W/proxy.json" -- /bin/true
	expect_err "proxy mode"
	# flags that shape the set conflict with --config
	for f in "--allow $W" "--read $W" "--profile default" "--block-net" \
		 "--allow-connect-port 443" "--allow-cwd" "--open-port 8080" "--allow-gpu" \
		 "--bypass-protection $HOME/.ssh"; do
		# shellcheck disable=SC2086
		run as_user "$N" run --config "$W/base.json" $f -- /bin/sh -c "echo > $m"
		expect_rc 1
		expect_one_line_err
		expect_err "the argument '--config <MANIFEST>' cannot be used with '${f%% *}'"
	done
	NONO_PROFILE=default run as_user "$N" run -c "$W/base.json" -- /bin/true
	expect_rc 1
	expect_err "NONO_PROFILE"
	[ ! -e "$m" ] || fail "a conflicting command ran"
	# profile show --format: bad values
	run as_user "$N" profile show default --format yaml
	expect_rc 1; expect_one_line_err
	run as_user "$N" profile show default --format manifest --json
	expect_rc 1; expect_one_line_err
	run as_user "$N" profile show no-such-profile --format manifest
	expect_rc 1; expect_one_line_err
	[ -z "$OUT" ] || fail "output on failure: $OUT"
	# a proxy profile is written with mode proxy (and refused by run)
	run as_user "$N" profile show python-dev --format manifest
	expect_rc 0
	[ "$(jq -r .network.mode <<<"$OUT")" = proxy ] || fail "python-dev mode"
}

run_tests
