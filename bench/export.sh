#!/bin/bash
# bench/export.sh: `kontor export customers` beside `sqlite3 -csv` over the
# same table, N customers, runs interleaved, min / median / max, the load
# average and the CPU of each side beside each run (issue 16).  Run from a
# configured build directory: bash bench/export.sh (bench/import.sh, which
# make bench runs, times one export after each import too).
#
#   BENCH_EXPORT_N="100000 1000000"	customer counts
#   BENCH_RUNS=3			runs of each
#   BENCH_EXPORT_DIR			where the homes and SQLite files are
#					made once and kept, so that a run
#					again reuses them (the import is not
#					timed here); default: scratch, removed
#   BENCH_TMP / TMPDIR			scratch
#   KONTOR, BENCH_BIN			the binary, the bench programs
#
# kontor: a home with N customers from bench/gen_customers imported by
# `kontor import` (untimed), its server running and warm (one export
# first, untimed); each run `kontor export customers` to a file.  SQLite:
# the same CSV by `.import` into a table of the same 11 columns (unique
# index on code), each run `sqlite3 -csv -header DB 'SELECT * FROM
# customers'` to a file.  Per run: seconds to the end; milliseconds to
# the first data row (another export, into a pipe read row by row); CPU
# seconds (kontor: the client's from /usr/bin/time and the server's from
# /proc; SQLite: sqlite3's); CPU microseconds per row; the 1-minute load
# average before the run.
set -u
BUILD=$(pwd)
KONTOR=${KONTOR:-$BUILD/kontor}
BIN=${BENCH_BIN:-$BUILD/bench}
SIZES=${BENCH_EXPORT_N:-100000 1000000}
RUNS=${BENCH_RUNS:-3}
for p in "$KONTOR" "$BIN/gen_customers" /usr/bin/time; do
	[ -x "$p" ] || { echo "export.sh: $p is missing" >&2; exit 66; }
done
command -v sqlite3 >/dev/null || { echo "export.sh: sqlite3 is missing" >&2; exit 69; }
T=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/kontor-export.XXXXXX") || exit 73
D=${BENCH_EXPORT_DIR:-$T}
mkdir -p "$D" || exit 73
homes=""
trap 'for h in $homes; do "$KONTOR" --home "$h" stop >/dev/null 2>&1; done
	rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

. "$(dirname "$0")/lib.sh"
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }	# utime + stime
HZ=$(getconf CLK_TCK)

# first_row CMD...: milliseconds from the start to the first data row.
first_row() {
	local t0
	t0=$(us)
	"$@" | { IFS= read -r _; IFS= read -r _
		echo $((($(us) - t0) / 1000)); cat >/dev/null; }
}

# cpu FILE: user + system seconds /usr/bin/time wrote.
cpu() { awk '{ print $1 + $2 }' "$1"; }

kontor_run() {	# N HOME -> "secs first_ms cpu_s client_s server_s us/row load"
	local n=$1 h=$2 t0 t1 s0 s1 pid la f
	pid=$(cat "$h/kontor.pid")
	la=$(load)
	s0=$(ticks "$pid")
	t0=$(us)
	/usr/bin/time -f '%U %S' -o "$T/time" \
	    "$KONTOR" --home "$h" export customers >"$T/k.csv" || return 1
	t1=$(us)
	s1=$(ticks "$pid")
	f=$(first_row "$KONTOR" --home "$h" export customers)
	awk -v n="$n" -v a="$t0" -v b="$t1" -v s="$((s1 - s0))" -v hz="$HZ" \
	    -v c="$(cpu "$T/time")" -v f="$f" -v la="$la" \
	    'BEGIN { printf "%.2f %d %.2f %.2f %.2f %.2f %s\n", (b - a) / 1e6,
	    f, c + s / hz, c, s / hz, (c + s / hz) * 1e6 / n, la }'
}

sqlite_run() {	# N DB -> the same columns (client: sqlite3, server: 0)
	local n=$1 db=$2 t0 t1 la f
	la=$(load)
	t0=$(us)
	/usr/bin/time -f '%U %S' -o "$T/time" \
	    sqlite3 -csv -header "$db" 'SELECT * FROM customers' >"$T/s.csv" ||
	    return 1
	t1=$(us)
	f=$(first_row sqlite3 -csv -header "$db" 'SELECT * FROM customers')
	awk -v n="$n" -v a="$t0" -v b="$t1" -v c="$(cpu "$T/time")" \
	    -v f="$f" -v la="$la" \
	    'BEGIN { printf "%.2f %d %.2f %.2f %.2f %.2f %s\n", (b - a) / 1e6,
	    f, c, c, 0, c * 1e6 / n, la }'
}

echo "kontor export beside sqlite3 -csv, $(date -u '+%Y-%m-%d %H:%M UTC')," \
    "$(nproc) CPUs, $(uname -sr), $RUNS runs each, interleaved"
echo
for n in $SIZES; do
	h=$D/home$n db=$D/s$n.sqlite
	if [ ! -f "$h/.bench-done" ] || [ ! -f "$db.done" ]; then
		"$BIN/gen_customers" "$n" >"$T/c.csv" || exit 70
		rm -rf "$h" "$db"
		"$KONTOR" --home "$h" init --company "ООО «Бенч»" >/dev/null \
		    2>"$T/err" || { cat "$T/err" >&2; exit 70; }
		"$KONTOR" --home "$h" import customers "$T/c.csv" \
		    >/dev/null 2>"$T/err" || { cat "$T/err" >&2; exit 70; }
		touch "$h/.bench-done"
		sqlite3 "$db" <<-SQL >/dev/null || exit 70
		CREATE TABLE customers (code TEXT NOT NULL, name TEXT NOT NULL,
		    kind TEXT NOT NULL, inn TEXT, kpp TEXT, phone TEXT,
		    email TEXT, city TEXT, address TEXT, status TEXT, notes TEXT);
		CREATE UNIQUE INDEX customers_code ON customers(code);
		.mode csv
		.import --skip 1 $T/c.csv customers
		SQL
		touch "$db.done"
		rm -f "$T/c.csv"
	fi
	homes="$homes $h"
	# The server of this binary, warm: started, and one export read.
	"$KONTOR" --home "$h" stop >/dev/null 2>&1
	"$KONTOR" --home "$h" export customers >/dev/null || exit 70
	sqlite3 -csv "$db" 'SELECT * FROM customers' >/dev/null
	: >"$T/k"; : >"$T/s"
	for r in $(seq "$RUNS"); do
		kontor_run "$n" "$h" >>"$T/k" || exit 70
		sqlite_run "$n" "$db" >>"$T/s" || exit 70
	done
	echo "### $n customers"
	echo
	echo "| run | kontor s | first row ms | CPU s (client + server) | load | sqlite3 -csv s | first row ms | CPU s | load |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
	paste -d' ' "$T/k" "$T/s" | awk '{ printf "| %d | %s | %s | %s (%s + %s) | %s | %s | %s | %s | %s |\n",
	    NR, $1, $2, $3, $4, $5, $7, $8, $9, $10, $14 }'
	echo
	col() { awk -v c="$2" '{ print $c }' "$1" | stats; }
	ratio() { paste -d' ' "$T/k" "$T/s" | awk -v c="$1" \
	    '{ printf "%.2f\n", $c / $(c + 7) }' | stats; }
	echo "| min / median / max | kontor | SQLite | kontor / SQLite |"
	echo "|---|---:|---:|---:|"
	echo "| export s | $(col "$T/k" 1) | $(col "$T/s" 1) | $(ratio 1) |"
	echo "| first row ms | $(col "$T/k" 2) | $(col "$T/s" 2) | |"
	echo "| CPU µs per row | $(col "$T/k" 6) | $(col "$T/s" 6) | $(ratio 6) |"
	echo "| bytes written | $(wc -c <"$T/k.csv") | $(wc -c <"$T/s.csv") | |"
	echo
done
