#!/usr/bin/env bash
# Builds every harness for libFuzzer (clang, ASan+UBSan) and AFL++
# (afl-clang-fast, ASan+UBSan) and fuzzes them.
#   run.sh smoke   a few seconds each (make test)
#   run.sh long    FUZZ_SECONDS per harness and engine (make fuzz)
# Fails on any crash, leak, sanitizer report or broken property. afl-fuzz
# exits 0 even with saved crashes, so its crash directory is checked.
set -euo pipefail
mode=${1:-smoke}
cd "$(dirname "$0")/.."
B=build/fuzz
CORE=$(ls src/core/*.c)
HARNESSES=$(cd fuzz && ls fuzz_*.c | sed 's/\.c$//')
mkdir -p "$B"
python3 fuzz/seeds.py vectors "$B/seeds"

if [ "$mode" = smoke ]; then lf_secs=3; afl_secs=2; else
	lf_secs=${FUZZ_SECONDS:-120}; afl_secs=${FUZZ_SECONDS:-120}; fi

CFLAGS="-std=c11 -g -O1 -D_GNU_SOURCE -Isrc/core -fno-omit-frame-pointer"
# compile the core once per engine, then link each harness against it
core_lib() { # engine compiler flags...
	local dir=$B/$1 cc=$2; shift 2
	mkdir -p "$dir"
	rm -f "$dir"/*.o "$dir/core.a"
	printf '%s\n' $CORE | xargs -P 2 -I{} sh -c \
		'"$0" '"$CFLAGS $*"' -c -o "$1/$(basename "{}" .c).o" "{}"' "$cc" "$dir"
	ar rcs "$dir/core.a" "$dir"/*.o
}
LF_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined"
core_lib lf clang $LF_FLAGS
for h in $HARNESSES; do
	clang $CFLAGS -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=undefined -o "$B/$h.lf" fuzz/$h.c \
		"$B/lf/core.a" -lbearssl
done
echo "fuzz: built $(echo $HARNESSES | wc -w) libFuzzer harnesses"

bad=0
for h in $HARNESSES; do
	name=${h#fuzz_}
	corpus=$B/corpus/$name
	mkdir -p "$corpus"
	if ! (cd "$B" && ./$h.lf -max_total_time=$lf_secs -max_len=65536 \
		-timeout=10 -rss_limit_mb=2048 -print_final_stats=0 \
		"corpus/$name" "seeds/$name" >"$h.lf.log" 2>&1); then
		echo "fuzz: libFuzzer found a problem in $h:" >&2
		tail -30 "$B/$h.lf.log" >&2
		bad=1
	else
		echo "fuzz: $h (libFuzzer ${lf_secs}s): $(grep -o 'Done [0-9]* runs' "$B/$h.lf.log" | head -1)"
	fi
done

if command -v afl-clang-fast >/dev/null; then
	export AFL_QUIET=1 AFL_USE_ASAN=1 AFL_USE_UBSAN=1
	core_lib aflobj afl-clang-fast
	for h in $HARNESSES; do
		afl-clang-fast $CFLAGS -fsanitize=fuzzer -o "$B/$h.afl" \
			fuzz/$h.c "$B/aflobj/core.a" -lbearssl 2>/dev/null
	done
	unset AFL_QUIET AFL_USE_ASAN AFL_USE_UBSAN
	echo "fuzz: built $(echo $HARNESSES | wc -w) AFL++ harnesses"
	for h in $HARNESSES; do
		name=${h#fuzz_}
		out=$B/afl/$name
		rm -rf "$out"
		mkdir -p "$B/afl"
		AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
		AFL_SKIP_BIN_CHECK=0 AFL_NO_AFFINITY=1 \
			timeout $((afl_secs + 60)) afl-fuzz -V $afl_secs -m none \
			-i "$B/seeds/$name" -o "$out" -- "$B/$h.afl" \
			>"$B/$h.afl.log" 2>&1 || true
		if [ ! -f "$out/default/fuzzer_stats" ]; then
			echo "fuzz: afl-fuzz did not run $h:" >&2
			tail -20 "$B/$h.afl.log" >&2
			bad=1
		elif ls "$out"/default/crashes/id* >/dev/null 2>&1; then
			echo "fuzz: AFL++ saved crashes for $h in $out/default/crashes" >&2
			bad=1
		else
			echo "fuzz: $h (AFL++ ${afl_secs}s): $(grep execs_done "$out/default/fuzzer_stats" | tr -s ' ')"
		fi
	done
else
	echo "fuzz: afl-clang-fast missing (run make deps)" >&2
	bad=1
fi
exit $bad
