#!/usr/bin/env bash
# The command line of run/shell/wrap/why (spec/cli-run.md): conventions
# scripts rely on, --dry-run, `nono why`, and bad input refused with one
# line, the original's exit code, and nothing half-applied.
. "$(dirname "$0")/lib.sh"

sessions() { ls "$AUDIT" 2>/dev/null | grep -vc '\.' || true; }

test_no_ansi_when_not_a_terminal_and_no_color_honoured() {
	sb_setup
	run as_user "$N" run --dry-run --allow "$W" -- /bin/true
	expect_rc 0
	grep -q $'\033' <<<"$ERR" && fail "ANSI codes on a pipe"
	# on a terminal: colour, unless NO_COLOR
	run script -qec "$N run --dry-run --allow $W -- /bin/true" /dev/null
	grep -q $'\033\\[' <<<"$OUT" || fail "no colour on a terminal"
	NO_COLOR=1 run script -qec "$N run --dry-run --allow $W -- /bin/true" /dev/null
	grep -q $'\033\\[' <<<"$OUT" && fail "colour despite NO_COLOR"
	:
}

test_silent_prints_nothing_of_its_own() {
	sb_setup
	run as_user "$N" -s run --allow "$W" -- /bin/echo child-output
	expect_rc 0
	[ "$OUT" = child-output ] || fail "stdout: $OUT"
	[ -z "$ERR" ] || fail "stderr not empty: $ERR"
	# --silent after the subcommand works too
	run as_user "$N" run --silent --allow "$W" -- /bin/true
	expect_rc 0
	[ -z "$ERR" ] || fail "stderr not empty: $ERR"
	run as_user "$N" run -s --allow "$W" -- /bin/true
	[ -z "$ERR" ] || fail "stderr not empty: $ERR"
}

test_never_blocks_on_stdin_when_not_a_terminal() {
	sb_setup
	# cwd not granted: the CWD prompt is skipped, not waited for
	sleep 20 | timeout 10 setpriv --reuid="$SB_UID" --regid="$SB_UID" \
		--clear-groups "$N" run --read "$T/bin" -- /bin/true 2>"$T/err" ||
		fail "nono blocked or failed on a pipe: $(cat "$T/err")"
	grep -qF "Skipping CWD prompt (non-interactive). Use --allow-cwd to include working directory." "$T/err" ||
		fail "no skip message: $(cat "$T/err")"
	# in silent mode it is an error instead
	run as_user "$N" -s run --read "$T/bin" -- /bin/true </dev/null
	expect_rc 1
	expect_err "nono: CWD access requires --allow-cwd in non-interactive mode"
	nrun --allow-cwd -- "$P" readdir "$W"; expect_ok
	probe --allow-cwd -- create "$W/x"; expect_denied
}

test_dry_run_prints_the_capabilities_and_runs_nothing() {
	sb_setup
	run as_user "$N" run --dry-run --allow "$W" --read "$O" --block-net -- "$P" create "$W/ran"
	expect_rc 0
	expect_err "Capabilities:"
	expect_err " r+w  $W (dir)"
	expect_err "  r   $O (dir)"
	expect_err "system/group paths (-v to show)"
	expect_err " net  outbound blocked"
	expect_err "dry-run sandbox would be applied with above capabilities"
	expect_err "  \$ $P create $W/ran"
	[ ! -e "$W/ran" ] || fail "dry-run ran the command"
	[ "$(sessions)" = 0 ] || fail "dry-run recorded a session"
	run as_user "$N" -v run --dry-run --allow "$W" -- /bin/true
	expect_err "[group:system_read_linux_core]"
	expect_err "Landlock V"
	expect_err "signal: requested, enforced"
	run as_user "$N" run --dry-run --allow "$W" -- /bin/echo --password hunter2
	grep -q hunter2 <<<"$ERR" && fail "secret shown"
	expect_err "[REDACTED]"
}

test_why_path_json_shapes() {
	sb_setup
	mkdir -p "$HOME/.ssh" "$W/src"; echo f > "$W/src/a.c"
	run as_user "$N" why --json --path "$HOME/.ssh/id_rsa" --op read
	expect_rc 0
	[ "$(jq -r .status <<<"$OUT")" = denied ] || fail "status"
	[ "$(jq -r .reason <<<"$OUT")" = sensitive_path ] || fail "reason"
	[ "$(jq -r .policy_source <<<"$OUT")" = group:deny_credentials ] || fail "policy_source"
	[ "$(jq -r 'keys_unsorted | join(",")' <<<"$OUT")" = status,reason,details,policy_source ] ||
		fail "keys: $OUT"
	run as_user "$N" why --json --path "$W/src/a.c" --op write --allow "$W"
	[ "$(jq -c . <<<"$OUT")" = "{\"status\":\"allowed\",\"reason\":\"granted_path\",\"granted_path\":\"$W\",\"access\":\"read+write\",\"source\":\"user\"}" ] ||
		fail "allowed: $OUT"
	run as_user "$N" why --json --path "$W/src/a.c" --op write --read "$W"
	[ "$(jq -r .reason <<<"$OUT")" = insufficient_access ] || fail "insufficient: $OUT"
	[ "$(jq -r .details <<<"$OUT")" = "Path is covered by '$W', which grants read access from user but write was requested" ] ||
		fail "details: $OUT"
	[ "$(jq -r .suggested_flag <<<"$OUT")" = "--write-file $W/src/a.c" ] || fail "flag: $OUT"
	[ "$(jq -r .matching_capability.path <<<"$OUT")" = "$W" ] || fail "match"
	run as_user "$N" why --json --path "$O/nothing/here"
	[ "$(jq -r .reason <<<"$OUT")" = path_not_granted ] || fail "not granted"
	[ "$(jq -r .suggested_flag <<<"$OUT")" = "--read $O/nothing" ] || fail "flag: $OUT"
	run as_user "$N" why --path /usr/bin/env
	expect_rc 0
	expect_out ALLOWED
	expect_out "Source: group:system_read_linux_core"
}

test_why_host_and_scope() {
	sb_setup
	run as_user "$N" why --json --host api.example.com --block-net
	[ "$(jq -r .reason <<<"$OUT")" = network_blocked ] || fail "$OUT"
	[ "$(jq -r .details <<<"$OUT")" = "Network access is fully blocked. Connection to api.example.com:443 would be denied." ] ||
		fail "$OUT"
	run as_user "$N" why --json --host https://example.com/x --port 8443
	[ "$(jq -r .access <<<"$OUT")" = "Connection to example.com:8443 would be allowed" ] || fail "$OUT"
	run as_user "$N" why --json --scope signal
	[ "$(jq -r .state <<<"$OUT")" = enforced ] || fail "$OUT"
	[ "$(jq -r .kernel_abi <<<"$OUT")" = "V$(jq -r .kernel_abi <<<"$OUT" | tr -d V)" ] || fail "abi"
	run as_user "$N" why --path /x --op sideways
	expect_rc 1
	expect_one_line_err
	run as_user "$N" why
	expect_rc 1
	expect_err "nono: --command, --path, --host, or --scope is required"
}

test_bad_input_one_line_nonzero_nothing_recorded() {
	sb_setup
	local long; long=$(head -c 5000 /dev/zero | tr '\0' a)
	for args in "--frobnicate -- /bin/true" "--allow $W /bin/true" \
		    "--allow $W" "--block-net --allow-net -- /bin/true" \
		    "--allow-domain x.com --block-net -- /bin/true" \
		    "--no-audit --audit-sign-key k -- /bin/true" \
		    "--read $W/missing-file-$$ --read / -- /bin/true" \
		    "--open-port 70000 -- /bin/true" "--allow /$long -- /bin/true" \
		    "--profile x -- /bin/true" "--allow-cwd --read-file $W -- /bin/true"; do
		run as_user "$N" run $args
		[ "$RC" = 1 ] || fail "'$args': exit $RC"
		[ "$(printf '%s\n' "$ERR" | grep -v '^warning\|^  - \|does not exist' | grep -c '^nono: ')" -ge 1 ] ||
			fail "'$args': no error line: $ERR"
	done
	run as_user "$N" run --frobnicate -- /bin/true
	expect_one_line_err
	expect_err "nono: unexpected argument '--frobnicate' found"
	run as_user "$N" run --allow "$W"
	expect_err "No command specified"
	run as_user "$N" run --block-net --allow-net -- /bin/true
	expect_err "the argument '--block-net' cannot be used with '--allow-net'"
	run as_user "$N" run --allow-domain x.com --block-net -- /bin/true
	expect_err "--block-net and --allow-domain are contradictory: domain filtering requires proxy mode"
	# newline and invalid UTF-8 in paths
	run as_user "$N" run --allow "$W/a
b" -- /bin/true
	expect_rc 1
	expect_one_line_err
	run as_user "$N" run --allow "$(printf "$W/\xff")" -- /bin/true
	expect_rc 1
	expect_err "not valid UTF-8"
	# a grant of / is refused
	run as_user "$N" run --read / -- /bin/true
	expect_rc 1
	expect_err "Landlock deny-overlap is not enforceable on Linux"
	[ "$(sessions)" = 0 ] || fail "a refused run recorded a session"
}

test_missing_grant_path_warns_and_runs() {
	sb_setup
	nrun --allow "$W" --read "$W/missing" -- /bin/true
	expect_rc 0
	run as_user "$N" run --allow "$W" --read "$W/missing" --read "$T/bin" -- /bin/true
	expect_err "'$W/missing' does not exist and will be ignored."
	expect_err "some requested sandbox grants were skipped because the path does not exist:"
}

test_unreadable_grant_path_refused() {
	[ "$SB_USER" != root ] || return 0      # root reads everything
	sb_setup
	mkdir -p "$O/locked/inner"; chmod 700 "$O/locked"; chown root "$O/locked"
	nrun --allow "$W" --read "$O/locked/inner" -- /bin/true
	expect_rc 1
	expect_one_line_err
	expect_err "Permission denied"
}

test_blocked_command_refused() {
	sb_setup
	nrun --allow "$W" -- rm -f "$W/x"
	expect_rc 1
	expect_err "nono: Command 'rm' is blocked: Command blocking is deprecated in v0.33.0"
	nrun --allow "$W" --allow-command rm -- rm -f "$W/x"
	expect_rc 0
}

test_wrap_execs_in_place() {
	sb_setup
	run as_user "$N" -s wrap --allow "$W" --read "$T/bin" -- /bin/sh -c 'echo $$; exit 7'
	expect_rc 7
	run as_user "$N" -s wrap --allow "$W" --read "$T/bin" -- "$P" read "$O/secret.txt"
	expect_denied
	[ "$(sessions)" = 0 ] || fail "wrap recorded a session"
	run as_user "$N" wrap --rollback --allow "$W" -- /bin/true
	expect_rc 1
}

test_shell_runs_the_shell_in_the_sandbox() {
	sb_setup
	run as_user "$N" -s shell --allow "$W" --shell /bin/sh <<<"cat $O/secret.txt; echo in-shell; exit 3"
	expect_rc 3
	expect_out in-shell
	expect_err "Permission denied"
	grep -q secret <<<"$OUT" && fail "secret read in the shell"
	:
}

run_tests
