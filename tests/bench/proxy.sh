#!/usr/bin/env bash
# Proxy throughput (make bench): a sandboxed curl downloads a file from a
# loopback HTTP server through nono's proxy (CONNECT tunnel and forwarded
# request) and, for comparison, directly (--allow-net). Medians of
# BENCH_RUNS runs, in MB/s. Reported, no target (see docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
RUNS=${BENCH_RUNS:-5}
SIZE_MB=${BENCH_PROXY_MB:-256}
OUT=$ROOT/build/bench
mkdir -p "$OUT"
W=$(mktemp -d /var/tmp/nono-bench.XXXXXX)
export HOME=$W/home XDG_STATE_HOME=$W/state
mkdir -p "$HOME" "$W/www" "$W/work"
head -c "$((SIZE_MB * 1000000))" /dev/zero > "$W/www/blob"
port=$(shuf -i 20000-60000 -n 1)
(cd "$W/www" && exec /usr/bin/python3 -m http.server "$port" --bind 127.0.0.1) >/dev/null 2>&1 &
srv=$!
trap 'kill $srv 2>/dev/null; rm -rf "$W"' EXIT
for i in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
cd "$W/work"
N=$ROOT/build/nono
URL=http://127.0.0.1:$port/blob
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
speed() { # nono flags... -- curl args...: MB/s reported by curl
	"$N" -s run --no-audit --allow "$W/work" "$@" -o /dev/null -w '%{speed_download}\n' "$URL" |
		awk '{printf "%.1f\n", $1 / 1000000}'
}
d=() t=() f=()
for i in $(seq "$RUNS"); do # interleaved
	d+=("$(speed --allow-net -- curl -s --noproxy '*')")
	t+=("$(speed --allow-domain 127.0.0.1 -- sh -c 'exec curl -s --noproxy "" -x "$HTTP_PROXY" -p "$@"' sh)")
	f+=("$(speed --allow-domain 127.0.0.1 -- sh -c 'exec curl -s --noproxy "" -x "$HTTP_PROXY" "$@"' sh)")
done
md=$(printf '%s\n' "${d[@]}" | median)
mt=$(printf '%s\n' "${t[@]}" | median)
mf=$(printf '%s\n' "${f[@]}" | median)
{
	echo "== proxy throughput: $SIZE_MB MB from loopback, median of $RUNS (MB/s)"
	echo "direct (--allow-net): $md"
	echo "CONNECT tunnel:       $mt"
	echo "forwarded request:    $mf"
	printf 'tunnel / direct: %.2f (no target: on 2 cores the proxy, client and server share the CPUs)\n' "$(echo "$mt / $md" | bc -l)"
} | tee -a "$OUT/results.txt"
