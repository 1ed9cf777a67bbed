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
	T=$(mktemp -d "${TMPDIR:-/tmp}/nono-it.XXXXXX")
	export HOME=$T/home XDG_STATE_HOME=$T/state XDG_CONFIG_HOME=$T/config
	mkdir -p "$HOME"
	AUDIT=$XDG_STATE_HOME/nono/audit
	unset NO_COLOR NONO_VERIFY_THREADS
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
