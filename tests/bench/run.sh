#!/usr/bin/env bash
# Benchmarks (make bench). Figures are printed and written to
# build/bench/results.txt. Nothing here is a pass/fail test.
#
# 1. audit verify throughput: a generated multi-hundred-MB session log is
#    verified by `nono audit verify` and hashed by `sha256sum` (page cache
#    warm for both); medians of BENCH_RUNS runs; verify's peak RSS.
# 2. signed verify: the same log size signed, verified with
#    --public-key-file, against the unsigned verify (target: within 5%).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
RUNS=${BENCH_RUNS:-5}
EVENTS=${BENCH_EVENTS:-500000}
OUT=$ROOT/build/bench
mkdir -p "$OUT"
W=$(mktemp -d "${TMPDIR:-/tmp}/nono-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT
export HOME=$W/home XDG_STATE_HOME=$W/state
mkdir -p "$HOME"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
secs() { # command... -> elapsed seconds
	local s e
	s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N)
	echo "$e - $s" | bc -l
}

echo "== audit verify vs sha256sum ($EVENTS events)"
id=$("$ROOT/build/nono-testgen" session --events "$EVENTS" --bulk)
log=$XDG_STATE_HOME/nono/audit/$id/audit-events.ndjson
bytes=$(stat -c %s "$log")
mb=$(echo "$bytes / 1000000" | bc -l)
cat "$log" > /dev/null # warm the page cache
"$ROOT/build/nono" audit verify "$id" -s # must verify
v=() s=()
for i in $(seq "$RUNS"); do # interleaved
	v+=("$(secs "$ROOT/build/nono" audit verify "$id" -s)")
	s+=("$(secs sha256sum "$log")")
done
vt=$(printf '%s\n' "${v[@]}" | median)
st=$(printf '%s\n' "${s[@]}" | median)
rss=$(/usr/bin/time -f %M "$ROOT/build/nono" audit verify "$id" -s 2>&1 >/dev/null | tail -1)
rss1=$(NONO_VERIFY_THREADS=1 /usr/bin/time -f %M "$ROOT/build/nono" audit verify "$id" -s 2>&1 >/dev/null | tail -1)
v1=$(NONO_VERIFY_THREADS=1 secs "$ROOT/build/nono" audit verify "$id" -s)
{
	printf 'log: %d bytes (%.0f MB), %d events, %d CPUs (%s)\n' "$bytes" "$mb" "$EVENTS" \
		"$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
	printf 'nono audit verify: %.3f s  %.0f MB/s  (median of %d)\n' "$vt" "$(echo "$mb / $vt" | bc -l)" "$RUNS"
	printf 'sha256sum:         %.3f s  %.0f MB/s  (median of %d)\n' "$st" "$(echo "$mb / $st" | bc -l)" "$RUNS"
	printf 'ratio verify/sha256sum throughput: %.2fx (target >= 2x)\n' "$(echo "$st / $vt" | bc -l)"
	printf 'verify peak RSS: %d kB (target < 8192 kB)\n' "$rss"
	printf 'single-threaded verify (NONO_VERIFY_THREADS=1): %.3f s  %.0f MB/s, peak RSS %d kB\n' \
		"$v1" "$(echo "$mb / $v1" | bc -l)" "$rss1"
} | tee "$OUT/results.txt"

echo "== signed verify (--public-key-file) vs unsigned ($EVENTS events each)"
export NONO_TRUST_TEST_KEYSTORE_DIR=$W/ks
"$ROOT/build/nono" -s trust keygen
"$ROOT/build/nono" trust export-key > "$W/pub.b64"
sid=$("$ROOT/build/nono-testgen" session --events "$EVENTS" --bulk --sign-key default)
slog=$XDG_STATE_HOME/nono/audit/$sid/audit-events.ndjson
cat "$slog" > /dev/null
"$ROOT/build/nono" audit verify "$sid" -s --public-key-file "$W/pub.b64"
u=() g=()
for i in $(seq "$RUNS"); do
	u+=("$(secs "$ROOT/build/nono" audit verify "$id" -s)")
	g+=("$(secs "$ROOT/build/nono" audit verify "$sid" -s --public-key-file "$W/pub.b64")")
done
ut=$(printf '%s\n' "${u[@]}" | median)
gt=$(printf '%s\n' "${g[@]}" | median)
{
	printf 'unsigned verify: %.3f s (%d bytes); signed verify with --public-key-file: %.3f s (%d bytes)\n' \
		"$ut" "$bytes" "$gt" "$(stat -c %s "$slog")"
	printf 'signed/unsigned time: %.3f (target <= 1.05)\n' "$(echo "$gt / $ut" | bc -l)"
} | tee -a "$OUT/results.txt"
