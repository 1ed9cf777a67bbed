#!/usr/bin/env bash
# Filesystem enforcement on the real kernel (spec/enforcement.md §2):
# every grant type allows what it names and nothing else. Runs as root and
# as an unprivileged user (SB_USER, see run.sh).
. "$(dirname "$0")/lib.sh"

test_allow_dir_read_write_create_delete_rename() {
	sb_setup
	echo data > "$W/f"
	[ "$SB_USER" = root ] || chown "$SB_UID" "$W/f"
	probe --allow "$W" -- read "$W/f"; expect_ok
	probe --allow "$W" -- write "$W/f"; expect_ok
	probe --allow "$W" -- create "$W/new"; expect_ok
	probe --allow "$W" -- mkdir "$W/d"; expect_ok
	probe --allow "$W" -- rename "$W/new" "$W/d/moved"; expect_ok
	probe --allow "$W" -- link "$W/d/moved" "$W/hard"; expect_ok
	probe --allow "$W" -- truncate "$W/f"; expect_ok
	probe --allow "$W" -- unlink "$W/hard"; expect_ok
	[ -f "$W/d/moved" ] || fail "rename did not happen"
	[ ! -s "$W/f" ] || fail "truncate did not happen"
}

test_outside_grants_everything_denied() {
	sb_setup
	probe --allow "$W" -- read "$O/secret.txt"; expect_denied
	probe --allow "$W" -- write "$O/secret.txt"; expect_denied
	probe --allow "$W" -- create "$O/new"; expect_denied
	probe --allow "$W" -- unlink "$O/secret.txt"; expect_denied
	probe --allow "$W" -- truncate "$O/secret.txt"; expect_denied
	probe --allow "$W" -- mkdir "$O/d"; expect_denied
	probe --allow "$W" -- readdir "$O"; expect_denied
	[ "$(cat "$O/secret.txt")" = secret ] || fail "outside file changed"
	[ ! -e "$O/new" ] && [ ! -e "$O/d" ] || fail "outside entries created"
}

test_denied_read_surfaces_as_permission_denied() {
	sb_setup
	nrun --allow "$W" -- /bin/cat "$O/secret.txt"
	expect_rc 1
	expect_err "Permission denied"
}

test_read_only_dir_is_read_only() {
	sb_setup
	mkdir "$O/ro"; echo keep > "$O/ro/f"
	printf '#!/bin/sh\necho ran\n' > "$O/ro/script"; chmod 755 "$O/ro/script"
	probe --allow "$W" --read "$O/ro" -- read "$O/ro/f"; expect_ok
	probe --allow "$W" --read "$O/ro" -- readdir "$O/ro"; expect_ok
	probe --allow "$W" --read "$O/ro" -- exec "$O/ro/script"; expect_ok
	for op in "write $O/ro/f" "create $O/ro/new" "unlink $O/ro/f" \
		  "truncate $O/ro/f" "open-trunc-ro $O/ro/f" "mkdir $O/ro/d" \
		  "rename $O/ro/f $O/ro/g" "symlink x $O/ro/l" "mkfifo $O/ro/p"; do
		probe --allow "$W" --read "$O/ro" -- $op; expect_denied
	done
	[ "$(cat "$O/ro/f")" = keep ] || fail "read-only file changed"
}

test_write_only_dir_cannot_be_read() {
	sb_setup
	mkdir "$O/wo"; echo old > "$O/wo/f"
	[ "$SB_USER" = root ] || chown -R "$SB_UID" "$O/wo"
	probe --allow "$W" --write "$O/wo" -- create "$O/wo/new"; expect_ok
	probe --allow "$W" --write "$O/wo" -- write "$O/wo/f"; expect_ok
	probe --allow "$W" --write "$O/wo" -- read "$O/wo/f"; expect_denied
	probe --allow "$W" --write "$O/wo" -- readdir "$O/wo"; expect_denied
}

test_file_grants_cover_exactly_one_file() {
	sb_setup
	echo a > "$O/one"; echo b > "$O/two"
	[ "$SB_USER" = root ] || chown "$SB_UID" "$O/one" "$O/two"
	probe --allow "$W" --read-file "$O/one" -- read "$O/one"; expect_ok
	probe --allow "$W" --read-file "$O/one" -- write "$O/one"; expect_denied
	probe --allow "$W" --read-file "$O/one" -- read "$O/two"; expect_denied
	probe --allow "$W" --write-file "$O/one" -- write "$O/one"; expect_ok
	probe --allow "$W" --write-file "$O/one" -- read "$O/one"; expect_denied
	probe --allow "$W" --allow-file "$O/one" -- read "$O/one"; expect_ok
	probe --allow "$W" --allow-file "$O/one" -- write "$O/one"; expect_ok
	probe --allow "$W" --allow-file "$O/one" -- create "$O/three"; expect_denied
}

test_exec_needs_a_grant() {
	sb_setup
	cp /bin/true "$O/mytrue"
	probe --allow "$W" -- exec "$O/mytrue"; expect_denied
	cp /bin/true "$W/mytrue"
	probe --allow "$W" -- exec "$W/mytrue"; expect_ok
}

test_symlink_escape_from_granted_dir() {
	sb_setup
	mkdir -p "$HOME/.ssh"; echo key > "$HOME/.ssh/id_rsa"
	ln -s "$O/secret.txt" "$W/to_secret"
	ln -s "$HOME/.ssh/id_rsa" "$W/to_key"
	ln -s / "$W/to_root"
	probe --allow "$W" -- read "$W/to_secret"; expect_denied
	probe --allow "$W" -- write "$W/to_secret"; expect_denied
	probe --allow "$W" -- read "$W/to_key"; expect_denied
	probe --allow "$W" -- read "$W/to_root/etc/shadow"; expect_denied
	# a symlink the sandbox makes itself leads nowhere either
	probe --allow "$W" -- symlink "$O/secret.txt" "$W/mine"; expect_ok
	probe --allow "$W" -- read "$W/mine"; expect_denied
}

test_hardlink_and_rename_escapes_denied() {
	sb_setup
	probe --allow "$W" -- link "$O/secret.txt" "$W/hl"
	case "$OUT" in denied*|"error EXDEV") ;; *) fail "link: $OUT";; esac
	[ ! -e "$W/hl" ] || fail "hard link created"
	probe --allow "$W" -- rename "$O/secret.txt" "$W/stolen"
	case "$OUT" in denied*|"error EXDEV") ;; *) fail "rename: $OUT";; esac
	[ -f "$O/secret.txt" ] || fail "file moved out"
	# from a read-only tree into a writable one: no reparenting
	mkdir "$O/ro"; echo x > "$O/ro/f"
	probe --allow "$W" --read "$O/ro" -- rename "$O/ro/f" "$W/f"
	case "$OUT" in denied*|"error EXDEV") ;; *) fail "rename ro: $OUT";; esac
}

test_sensitive_paths_denied_under_a_granted_parent() {
	sb_setup
	mkdir -p "$HOME/.ssh" "$HOME/.aws" "$HOME/project"
	echo key > "$HOME/.ssh/id_rsa"
	[ "$SB_USER" = root ] || chown -R "$SB_UID" "$HOME"
	# granting HOME would expose them: refused, with the original's text
	nrun --allow "$HOME" -- /bin/true
	expect_rc 1
	expect_err "nono: Sandbox initialization failed: Landlock deny-overlap is not enforceable on Linux. Refusing to start with conflicting policy."
	expect_err "- deny '$HOME/.ssh' overlaps allowed parent '$HOME' (source: user)"
	expect_err "Remove the broad allow path, remove the deny path, or restructure permissions."
	# granting one directly is refused too (stricter than the original)
	nrun --allow "$W" --read "$HOME/.ssh" -- /bin/true
	expect_rc 1
	expect_err "sensitive path protected by policy group 'deny_credentials'"
	nrun --allow "$W" --read-file "$HOME/.ssh/id_rsa" -- /bin/true
	expect_rc 1
	# a sibling grant works and .ssh stays closed
	probe --allow "$W" --allow "$HOME/project" -- read "$HOME/.ssh/id_rsa"
	expect_denied
	# bypass is explicit, and then it works
	probe --allow "$W" --bypass-protection "$HOME/.ssh" --read "$HOME/.ssh" -- \
		read "$HOME/.ssh/id_rsa"
	expect_ok
	nrun --allow "$W" --bypass-protection "$HOME/.aws" -- /bin/true
	expect_rc 1
	expect_err "bypass_protection '$HOME/.aws' has no matching grant."
}

test_protected_state_root_refused() {
	sb_setup
	mkdir -p "$XDG_STATE_HOME/nono/audit"
	[ "$SB_USER" = root ] || chown -R "$SB_UID" "$XDG_STATE_HOME"
	nrun --allow "$W" --read "$XDG_STATE_HOME" -- /bin/true
	expect_rc 1
	expect_err "because it overlaps protected nono state root"
	nrun --allow "$W" --allow "$XDG_STATE_HOME/nono/audit" -- /bin/true
	expect_rc 1
	expect_err "because it overlaps protected nono state root"
}

test_mknod_device_denied_fifo_allowed() {
	sb_setup
	probe --allow "$W" -- mknod-chr "$W/null2"; expect_denied
	[ ! -e "$W/null2" ] || fail "device node created"
	probe --allow "$W" -- mkfifo "$W/fifo"; expect_ok
}

test_grant_through_symlink_grants_the_target_only() {
	sb_setup
	mkdir "$O/real"; echo in > "$O/real/f"
	ln -s "$O/real" "$W/alias"
	run as_user "$N" run --dry-run --read "$W/alias" -- /bin/true
	expect_rc 0
	expect_err "$O/real (dir)"
	probe --allow "$W" --read "$W/alias" -- read "$O/real/f"; expect_ok
	probe --allow "$W" --read "$W/alias" -- read "$O/secret.txt"; expect_denied
}

run_tests
