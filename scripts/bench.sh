#!/usr/bin/env bash
# Performance check (not part of CI). Builds jixiao, writes N generated
# township workbooks into a temporary folder for each N, and prints for each:
#   - the time of `jixiao consolidate` and of the floor (opening the same
#     files with excelize and reading every cell, nothing else), and the ratio;
#   - the peak resident memory of `jixiao consolidate` (/usr/bin/time -v);
#   - --jobs 1 against --jobs 2 (N cores each, reading and writing alike),
#     and the floor on 1 worker and core against 2.
#
#   scripts/bench.sh                 # N = 2000 and 20000
#   scripts/bench.sh 200 2000        # other sizes
#   RUNS=3 scripts/bench.sh 2000     # best of 3 runs for each figure (default 1)
#   KEEP=1 scripts/bench.sh          # keep the generated folders
#   JOBS_AT="2000 20000" scripts/bench.sh   # sizes to compare --jobs 1 and 2 at
#                                           # (default: the first size)
#
# Timings depend on what else the machine is doing: the load average is
# printed before each size; compare ratios taken in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(2000 20000)
runs=${RUNS:-1}
jobs_at=" ${JOBS_AT:-${sizes[0]}} "

if [ ! -x /usr/bin/time ]; then
	echo "installing GNU time for peak memory figures" >&2
	if [ "$(id -u)" = 0 ]; then
		apt-get install -y -qq time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
	else
		sudo apt-get install -y -qq time >/dev/null
	fi
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/jixiao-bench.XXXXXX")
if [ -z "${KEEP:-}" ]; then
	trap 'rm -rf "$work"' EXIT
else
	echo "keeping $work"
fi

echo "== build"
go build -o "$work/jixiao" ./cmd/jixiao
go build -o "$work/gen" ./samples/gen
go test -c -o "$work/consolidate.test" ./consolidate

echo "== machine"
echo "cpu:    $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "cores:  $(nproc)"
echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
echo "go:     $(go version | cut -d' ' -f3-)"

# seconds prints the elapsed wall time /usr/bin/time -v wrote to file $1.
seconds() {
	awk -F': ' '/Elapsed \(wall clock\)/ {
		n = split($2, p, ":"); s = 0
		for (i = 1; i <= n; i++) s = s * 60 + p[i]
		printf "%.2f", s }' "$1"
}

# rss_mb prints the peak resident memory /usr/bin/time -v wrote to file $1.
rss_mb() {
	awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"
}

# consolidate N JOBS: runs jixiao consolidate on the folder of N under
# /usr/bin/time -v; prints "seconds rss_mb". Exit status 1 only means the
# townships have validation errors, which the generated samples do.
consolidate() {
	local n=$1 jobs=$2 log="$work/time-$1-$2.txt" rc=0
	/usr/bin/time -v -o "$log" "$work/jixiao" consolidate -q --force --jobs "$jobs" \
		-o "$work/out-$n.xlsx" "$work/in-$n" >/dev/null 2>"$work/err-$n.txt" || rc=$?
	if [ "$rc" -gt 1 ] || [ ! -s "$work/out-$n.xlsx" ]; then
		echo "jixiao consolidate failed on $n townships (exit $rc):" >&2
		tail -5 "$work/err-$n.txt" >&2
		exit 1
	fi
	echo "$(seconds "$log") $(rss_mb "$log")"
}

# floor N JOBS: the floor benchmark over the same folder, in its own process
# under /usr/bin/time -v; prints "seconds rss_mb" (seconds as measured by
# the benchmark, without process start-up).
floor() {
	local n=$1 jobs=$2 log="$work/time-floor-$1-$2.txt" out
	out=$(JIXIAO_BENCH_DIR="$work/in-$n" JIXIAO_BENCH_JOBS="$jobs" /usr/bin/time -v -o "$log" \
		"$work/consolidate.test" -test.run '^$' -test.bench '^BenchmarkFloorDir$' -test.benchtime 1x)
	echo "$out" | awk '/^BenchmarkFloorDir/ { for (i = 1; i <= NF; i++) if ($(i+1) == "ns/op") printf "%.2f", $i / 1e9 }'
	echo " $(rss_mb "$log")"
}

# best CMD...: the run with the lowest time out of $runs.
best() {
	local r out bestout=""
	for ((r = 0; r < runs; r++)); do
		out=$("$@")
		if [ -z "$bestout" ] || awk -v a="${out%% *}" -v b="${bestout%% *}" 'BEGIN { exit !(a < b) }'; then
			bestout=$out
		fi
	done
	echo "$bestout"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

declare -A rss time_all
cores=$(nproc)
for n in "${sizes[@]}"; do
	echo
	echo "== $n townships"
	start=$(date +%s)
	"$work/gen" -n "$n" -o "$work/in-$n"
	echo "generated in $(($(date +%s) - start)) s, $(du -sh "$work/in-$n" | cut -f1)"
	echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

	read -r fl fl_rss <<<"$(best floor "$n" 0)"
	read -r all all_rss <<<"$(best consolidate "$n" 0)"
	[ -n "$fl" ] && [ -n "$all" ] || exit 1
	printf '%-34s %8s s   peak %5s MB\n' "floor (excelize, $cores workers)" "$fl" "$fl_rss"
	printf '%-34s %8s s   peak %5s MB\n' "jixiao consolidate (all cores)" "$all" "$all_rss"
	printf '%-34s %8s x   (%s ms per township)\n' "consolidate / floor" "$(ratio "$all" "$fl")" \
		"$(awk -v a="$all" -v n="$n" 'BEGIN { printf "%.2f", a * 1000 / n }')"

	if [ "$cores" -ge 2 ] && [[ "$jobs_at" == *" $n "* ]]; then
		read -r j1 _ <<<"$(best consolidate "$n" 1)"
		read -r j2 _ <<<"$(best consolidate "$n" 2)"
		read -r f1 _ <<<"$(best floor "$n" 1)"
		read -r f2 _ <<<"$(best floor "$n" 2)"
		printf '%-34s %8s s / %s s = %s x\n' "consolidate --jobs 1 / --jobs 2" "$j1" "$j2" "$(ratio "$j1" "$j2")"
		printf '%-34s %8s s / %s s = %s x\n' "floor 1 worker / 2 workers" "$f1" "$f2" "$(ratio "$f1" "$f2")"
	fi
	rss[$n]=$all_rss
	time_all[$n]=$all
	echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
	[ -n "${KEEP:-}" ] || rm -rf "$work/in-$n" "$work/out-$n.xlsx"
done

if [ ${#sizes[@]} -ge 2 ]; then
	a=${sizes[0]} b=${sizes[-1]}
	echo
	echo "== scaling $a → $b townships"
	echo "time:        $(ratio "${time_all[$b]}" "${time_all[$a]}") x for $(ratio "$b" "$a") x the townships"
	echo "peak memory: $(ratio "${rss[$b]}" "${rss[$a]}") x (${rss[$a]} MB → ${rss[$b]} MB)"
fi
