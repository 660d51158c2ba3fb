#!/bin/bash
# bench/import-ab.sh: two kontor binaries' import of N customers, run
# alternately (A B A B ...), each run beside sqlite3 .import of the same
# file, the load average beside each (issue 16).  For a before/after of
# a change on a shared machine: compare the ratios and the CPU per row
# of one run, not the seconds.  Run from a configured build directory:
#
#   KONTOR_A=/path/to/main/kontor bash bench/import-ab.sh
#
#   KONTOR_A, KONTOR_B		the binaries (B: this build's kontor)
#   BENCH_IMPORT_N="100000"	customer counts
#   BENCH_RUNS=3		runs of each
#   BENCH_TMP / TMPDIR		scratch (homes, CSV, SQLite files)
#
# Each run starts after a sync and removes its home after it, so that no
# run pays for the write-back of another's files.  kontor: `kontor import
# customers FILE` into a fresh home whose server runs (started by init,
# not timed); the server's CPU from /proc/PID/stat; the log written
# (bench/log_used).  SQLite as in bench/import.sh (bench/lib.sh's
# sq_import).  A server that logs its import's phases (wall and CPU of
# the records, the keys' sort, the index puts) has them printed after
# the table.
set -u
BUILD=$(pwd)
KONTOR=${KONTOR_B:-$BUILD/kontor}
KA=${KONTOR_A:-}
BIN=${BENCH_BIN:-$BUILD/bench}
SIZES=${BENCH_IMPORT_N:-100000}
RUNS=${BENCH_RUNS:-3}
[ -n "$KA" ] || { echo "import-ab.sh: set KONTOR_A to the binary to compare with" >&2; exit 64; }
for p in "$KA" "$KONTOR" "$BIN/gen_customers" "$BIN/log_used"; do
	[ -x "$p" ] || { echo "import-ab.sh: $p is missing" >&2; exit 66; }
done
command -v sqlite3 >/dev/null || { echo "import-ab.sh: sqlite3 is missing" >&2; exit 69; }
T=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/kontor-import-ab.XXXXXX") || exit 73
trap 'KONTOR=$KA stop "$T/home"; stop "$T/home"; [ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

. "$(dirname "$0")/lib.sh"


kontor_run() {	# BINARY N CSV TAG -> "secs rows/s cpu_s log/row load"
	local k=$1 n=$2 csv=$3 tag=$4 h=$T/home
	sync
	k_import "$k" "$h" "$csv" || return 1
	KONTOR=$k stop "$h"
	grep -h 'import: customers: ' "$h/kontor.log" | sed "s/^[^]]*]: /$tag: /" \
	    >>"$T/phases"
	rm -rf "$h"
	awk -v n="$n" -v t="$ki_t" -v c="$ki_cpu" -v l="$ki_log" -v la="$ki_load" \
	    'BEGIN { printf "%.2f %.0f %.2f %.0f %s\n", t / 1e6, n / (t / 1e6),
	    c, l / n, la }'
}

sqlite_run() {	# N CSV -> the same columns
	local n=$1 csv=$2 db=$T/s.sqlite timer cpu rss
	sync
	sq_timed_import "$db" "$csv"
	rm -f "$db" "$db-wal" "$db-shm"
	awk -v n="$n" -v t="$si_t" -v w="$si_wal" -v la="$si_load" -v cpu="$cpu" \
	    'BEGIN { printf "%.2f %.0f %.2f %.0f %s\n", t / 1e6,
	    n / (t / 1e6), cpu, w / n, la }'
}

echo "kontor A ($KA) and B ($KONTOR) beside SQLite," \
    "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, $RUNS runs, A B S alternately"
echo
for n in $SIZES; do
	csv=$T/c$n.csv
	"$BIN/gen_customers" "$n" >"$csv" || exit 70
	: >"$T/a"; : >"$T/b"; : >"$T/s"; : >"$T/phases"
	for r in $(seq "$RUNS"); do
		kontor_run "$KA" "$n" "$csv" "A$r" >>"$T/a" || exit 70
		kontor_run "$KONTOR" "$n" "$csv" "B$r" >>"$T/b" || exit 70
		sqlite_run "$n" "$csv" >>"$T/s" || exit 70
	done
	echo "### $n customers"
	echo
	echo "| run | A s | A rows/s | A CPU µs/row | load | B s | B rows/s | B CPU µs/row | load | sqlite3 s | rows/s | CPU µs/row | load | A / SQLite | B / SQLite |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
	paste -d' ' "$T/a" "$T/b" "$T/s" | awk -v n="$n" '{
	    printf "| %d | %s | %s | %.1f | %s | %s | %s | %.1f | %s | %s | %s | %.1f | %s | %.2f | %.2f |\n",
	    NR, $1, $2, $3 * 1e6 / n, $5, $6, $7, $8 * 1e6 / n, $10,
	    $11, $12, $13 * 1e6 / n, $15, $2 / $12, $7 / $12 }'
	echo
	echo "| min / median / max | A | B | SQLite |"
	echo "|---|---:|---:|---:|"
	col() { awk -v c="$2" '{ print $c }' "$1" | stats; }
	cpr() { awk -v n="$n" '{ printf "%.1f\n", $3 * 1e6 / n }' "$1" | stats; }
	echo "| rows/s | $(col "$T/a" 2) | $(col "$T/b" 2) | $(col "$T/s" 2) |"
	echo "| CPU µs per row (kontor: the server) | $(cpr "$T/a") | $(cpr "$T/b") | $(cpr "$T/s") |"
	echo "| log (WAL) bytes per row | $(col "$T/a" 4) | $(col "$T/b" 4) | $(col "$T/s" 4) |"
	echo "| rows/s / SQLite's, same run | $(paste -d' ' "$T/a" "$T/s" | awk '{ printf "%.2f\n", $2 / $7 }' | stats) | $(paste -d' ' "$T/b" "$T/s" | awk '{ printf "%.2f\n", $2 / $7 }' | stats) | |"
	echo
	if [ -s "$T/phases" ]; then
		echo "The servers' phases (their log):"
		echo
		sed 's/^/    /' "$T/phases"
		echo
	fi
done
