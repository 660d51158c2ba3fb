#!/bin/bash
# bench/import.sh: kontor import and export of N customers beside SQLite,
# three runs each, interleaved, min / median / max, the load average
# beside each run (issue 16).  Run from a configured build directory
# (make bench runs it through bench/run.sh; alone: bash bench/import.sh).
#
#   BENCH_IMPORT_N="100000 1000000"	customer counts
#   BENCH_RUNS=3			runs of each
#   BENCH_TMP / TMPDIR			scratch (homes, CSV, SQLite files)
#   KONTOR, BENCH_BIN			the binary, the bench programs
#
# kontor: `kontor import customers FILE` into a fresh home whose server
# runs (started by init, not timed): one transaction, all or nothing;
# then `kontor export customers` to a file on the same, warm server.
# SQLite: the same columns, a unique index on code and indexes on name,
# INN, phone, e-mail, city and status; journal_mode=WAL,
# synchronous=FULL, `.import` in one transaction; `sqlite3 -csv` SELECT *.
# Per run: seconds, rows/s, log bytes per row (kontor: Berkeley DB log
# written, bench/log_used; SQLite: the WAL), the data files' size after
# the server stopped, peak resident memory (kontor: the server's VmHWM;
# SQLite: /usr/bin/time's, when installed).
set -u
BUILD=$(pwd)
KONTOR=${KONTOR:-$BUILD/kontor}
BIN=${BENCH_BIN:-$BUILD/bench}
SIZES=${BENCH_IMPORT_N:-100000 1000000}
RUNS=${BENCH_RUNS:-3}
for p in "$KONTOR" "$BIN/gen_customers" "$BIN/log_used"; do
	[ -x "$p" ] || { echo "import.sh: $p is missing: make bench" >&2; exit 66; }
done
command -v sqlite3 >/dev/null || { echo "import.sh: sqlite3 is missing" >&2; exit 69; }
T=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/kontor-import.XXXXXX") || exit 73
trap 'stop "$T/home"; [ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

. "$(dirname "$0")/lib.sh"


kontor_run() {	# N CSV -> "secs rows/s log/row data_MB rss_MB exp_secs load cpu_s"
	local n=$1 csv=$2 h=$T/home t2 t3 rss
	k_import "$KONTOR" "$h" "$csv" || return 1
	rss=$(awk '/^VmHWM/ { print $2 }' "/proc/$ki_pid/status")
	t2=$(us)
	"$KONTOR" --home "$h" export customers >"$T/export.csv" 2>/dev/null
	t3=$(us)
	stop "$h"
	awk -v n="$n" -v t="$ki_t" -v c="$t2" -v d="$t3" -v l="$ki_log" \
	    -v data="$(dsize "$h"/*.db)" -v rss="$rss" -v la="$ki_load" \
	    -v cpu="$ki_cpu" \
	    'BEGIN { printf "%.2f %.0f %.0f %.0f %.0f %.2f %s %.2f\n", t / 1e6,
	    n / (t / 1e6), l / n, data / 1048576, rss / 1024,
	    (d - c) / 1e6, la, cpu }'
}

sqlite_run() {	# N CSV -> the same columns
	local n=$1 csv=$2 db=$T/s.sqlite t2 t3 timer cpu rss
	sq_timed_import "$db" "$csv"
	t2=$(us)
	sqlite3 -csv -header "$db" 'SELECT * FROM customers' >"$T/export.csv"
	t3=$(us)
	sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
	awk -v n="$n" -v t="$si_t" -v c="$t2" -v d="$t3" -v w="$si_wal" \
	    -v data="$(dsize "$db")" -v rss="$rss" -v la="$si_load" -v cpu="$cpu" \
	    'BEGIN { printf "%.2f %.0f %.0f %.0f %.0f %.2f %s %.2f\n", t / 1e6,
	    n / (t / 1e6), w / n, data / 1048576, rss / 1024,
	    (d - c) / 1e6, la, cpu }'
}

echo "kontor import/export beside SQLite, $(date -u '+%Y-%m-%d %H:%M UTC')," \
    "$(nproc) CPUs, $(uname -sr), $RUNS runs each, interleaved"
echo
for n in $SIZES; do
	csv=$T/c$n.csv
	"$BIN/gen_customers" "$n" >"$csv" || exit 70
	: >"$T/k" ; : >"$T/s"
	for r in $(seq "$RUNS"); do
		kontor_run "$n" "$csv" >>"$T/k" || exit 70
		sqlite_run "$n" "$csv" >>"$T/s" || exit 70
	done
	echo "### $n customers"
	echo
	echo "| run | kontor import s | rows/s | server CPU s | export s | load | sqlite3 .import s | rows/s | CPU s | sqlite3 -csv s | load |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
	paste -d' ' "$T/k" "$T/s" | awk '{ printf "| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
	    NR, $1, $2, $8, $6, $7, $9, $10, $16, $14, $15 }'
	echo
	col() { awk -v c="$2" '{ print $c }' "$1" | stats; }
	ratio() { paste -d' ' "$1" "$2" | awk -v a="$3" -v b="$4" \
	    '{ printf "%.2f\n", $a / $(b + 8) }' | stats; }
	echo "| min / median / max | kontor | SQLite | kontor / SQLite |"
	echo "|---|---:|---:|---:|"
	echo "| import rows/s | $(col "$T/k" 2) | $(col "$T/s" 2) | $(ratio "$T/k" "$T/s" 2 2) |"
	echo "| CPU µs per row (kontor: the server) | $(awk -v n="$n" '{ printf "%.0f\n", $8 * 1e6 / n }' "$T/k" | stats) | $(awk -v n="$n" '{ printf "%.0f\n", $8 * 1e6 / n }' "$T/s" | stats) | $(ratio "$T/k" "$T/s" 8 8) |"
	echo "| export s | $(col "$T/k" 6) | $(col "$T/s" 6) | $(ratio "$T/k" "$T/s" 6 6) |"
	echo "| log (WAL) bytes per row | $(col "$T/k" 3) | $(col "$T/s" 3) | |"
	echo "| data files MB | $(col "$T/k" 4) | $(col "$T/s" 4) | |"
	echo "| peak RSS MB (server; sqlite3) | $(col "$T/k" 5) | $(col "$T/s" 5) | |"
	echo
done
