#!/usr/bin/env bash
# Start-up overhead of the sandbox (make bench): `nono wrap` and `nono run`
# (with a finalized audit session) against bubblewrap and the bare command,
# interleaved round by round (build/spawn_bench), medians and ratios.
# Targets: wrap no slower than bwrap; run under 2x bwrap.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
ROUNDS=${BENCH_ROUNDS:-200}
OUT=$ROOT/build/bench
mkdir -p "$OUT"
W=$(mktemp -d /var/tmp/nono-bench.XXXXXX)
trap 'rm -rf "$W"' EXIT
export HOME=$W/home XDG_STATE_HOME=$W/state
mkdir -p "$HOME" "$W/work"
cd "$W/work"
N=$ROOT/build/nono
"$ROOT/build/spawn_bench" "$ROUNDS" \
	true /bin/true ::: \
	bwrap bwrap --ro-bind / / --dev /dev --proc /proc /bin/true ::: \
	wrap "$N" -s wrap --allow . -- /bin/true ::: \
	run "$N" -s run --allow . -- /bin/true ::: \
	run-no-audit "$N" -s run --no-audit --allow . -- /bin/true ::: \
	run-proxy "$N" -s run --allow . --allow-domain example.com -- /bin/true > "$W/r"
sessions=$(ls "$XDG_STATE_HOME/nono/audit" | grep -vc '\.')
med() { awk -v n="$1" '$1 == n {print $2}' "$W/r"; }
{
	echo "== start-up: median of $ROUNDS interleaved rounds (ms: median p10 p90)"
	cat "$W/r"
	printf 'wrap / bwrap: %.2f (target <= 1.00)\n' "$(echo "$(med wrap) / $(med bwrap)" | bc -l)"
	printf 'run (audited, finalized) / bwrap: %.2f (target < 2.00)\n' "$(echo "$(med run) / $(med bwrap)" | bc -l)"
	printf 'proxy start-up cost (run with --allow-domain - run): %.2f ms\n' \
		"$(echo "$(med run-proxy) - $(med run)" | bc -l)"
	printf 'audit cost per session: %.2f ms; sessions recorded: %d\n' \
		"$(echo "$(med run) - $(med run-no-audit)" | bc -l)" "$sessions"
} | tee -a "$OUT/results.txt"
