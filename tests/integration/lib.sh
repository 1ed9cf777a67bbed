# Shared helpers for integration tests. Each test file sources this,
# defines test_* functions, and calls run_tests. Every test gets a fresh
# temporary HOME and XDG_STATE_HOME: real user state is never touched.
set -u

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
NONO=$ROOT/build/nono
TESTGEN=$ROOT/build/nono-testgen
PASS=0
FAIL=0
FAILED=()

new_home() {
	# Not under /tmp: a HOME below /tmp would (rightly) stop nono from
	# granting write access to /tmp, which the sandbox tests rely on.
	T=$(mktemp -d /var/tmp/nono-it.XXXXXX)
	export HOME=$T/home XDG_STATE_HOME=$T/state XDG_CONFIG_HOME=$T/config
	mkdir -p "$HOME"
	AUDIT=$XDG_STATE_HOME/nono/audit
	unset NO_COLOR NONO_VERIFY_THREADS TMPDIR
}

# ---- sandbox tests: run as root, or as an unprivileged user ----------
# SB_USER=root (default) or nobody: who runs nono. Files the tests create
# stay root-owned unless made in $W or $HOME.
SB_USER=${SB_USER:-$(id -un)}
SB_UID=$(id -u "$SB_USER")

# Per test: $N (nono), $P (nono-probe), $W (work dir, cwd), $O (outside
# any grant), all reachable by SB_USER.
sb_setup() {
	chmod 755 "$T"
	mkdir -p "$T/bin" "$T/work" "$T/outside" "$T/state"
	cp "$NONO" "$ROOT/build/nono-probe" "$T/bin/"
	N=$T/bin/nono P=$T/bin/nono-probe W=$T/work O=$T/outside
	echo secret > "$O/secret.txt"
	if [ "$SB_UID" != "$(id -u)" ]; then
		chown -R "$SB_UID" "$HOME" "$W" "$O" "$T/state"
	fi
	cd "$W"
}

# as_user CMD...: run CMD as SB_USER (environment kept).
as_user() {
	if [ "$SB_UID" = "$(id -u)" ]; then "$@"; else
		setpriv --reuid="$SB_UID" --regid="$SB_UID" --clear-groups "$@"
	fi
}

# as_user_exec CMD...: the same, replacing the shell (for `... &`, so
# that $! is CMD's own pid).
as_user_exec() {
	if [ "$SB_UID" = "$(id -u)" ]; then exec "$@"; else
		exec setpriv --reuid="$SB_UID" --regid="$SB_UID" --clear-groups "$@"
	fi
}

# nrun FLAGS... -- CMD...: `nono -s run FLAGS --read $T/bin -- CMD` as
# SB_USER, captured by run.
nrun() {
	local flags=()
	while [ $# -gt 0 ] && [ "$1" != -- ]; do flags+=("$1"); shift; done
	shift
	run as_user "$N" -s run "${flags[@]}" --read "$T/bin" -- "$@"
}

# probe FLAGS... -- OP ARGS...: nono-probe in the sandbox; OUT holds
# "ok", "denied ERRNO" or "error ERRNO".
probe() {
	local flags=()
	while [ $# -gt 0 ] && [ "$1" != -- ]; do flags+=("$1"); shift; done
	shift
	nrun "${flags[@]}" -- "$P" "$@"
}
expect_ok() { [ "$OUT" = ok ] || fail "expected ok, got '$OUT' (rc $RC, stderr: $ERR)"; }
expect_denied() {
	case "$OUT" in denied*) ;; *) fail "expected denied, got '$OUT' (rc $RC, stderr: $ERR)";; esac
}

fail() {
	echo "    FAIL: $*" >&2
	return 1
}

# run CMD...: captures $OUT (stdout), $ERR (stderr), $RC
run() {
	local o e
	o=$(mktemp) e=$(mktemp)
	"$@" >"$o" 2>"$e" && RC=0 || RC=$?
	OUT=$(cat "$o")
	ERR=$(cat "$e")
	rm -f "$o" "$e"
}

expect_rc() { [ "$RC" = "$1" ] || fail "exit $RC, expected $1 (stderr: $ERR)"; }
expect_fail() { [ "$RC" != 0 ] || fail "succeeded, expected failure (stdout: ${OUT:0:200})"; }
expect_err() { grep -qF -- "$1" <<<"$ERR" || fail "stderr lacks '$1': $ERR"; }
expect_out() { grep -qF -- "$1" <<<"$OUT" || fail "stdout lacks '$1': ${OUT:0:400}"; }
# Errors are one line on stderr.
expect_one_line_err() {
	[ "$(printf '%s\n' "$ERR" | grep -c .)" = 1 ] ||
		fail "expected one line on stderr, got: $ERR"
}

# A fingerprint of every file (path, mode, content) under a directory.
tree_sum() {
	(cd "$1" && find . -printf '%p %m %s\n' | sort && find . -type f -print0 | sort -z | xargs -0 -r sha256sum)
}

run_tests() {
	local t
	for t in $(declare -F | awk '{print $3}' | grep '^test_'); do
		new_home
		# Not inside an `if`: bash ignores set -e in a condition, and
		# a failed assertion must end the test.
		( set -e; $t )
		if [ $? = 0 ]; then
			PASS=$((PASS + 1))
			echo "  ok   $t"
		else
			FAIL=$((FAIL + 1))
			FAILED+=("$t")
			echo "  FAIL $t"
		fi
		rm -rf "$T"
	done
	echo "$(basename "$0"): $PASS passed, $FAIL failed"
	[ "$FAIL" = 0 ]
}
