#!/bin/bash
# kontor benchmarks; `make bench` builds the programs and runs this from
# the build directory.  Nothing is built here and nothing is written into
# the source or build tree: scratch homes live in a temporary directory,
# removed at the end (BENCH_KEEP=1 keeps it).
#
#   BENCH_N=1000000      customers for the import and export runs
#   BENCH_SECS=5         seconds per request-rate and posting run
#   BENCH_CLIENTS=1,8,32 concurrent clients of the request-rate and
#                        posting runs
#   BENCH_MOVES=1000000  stock moves loaded for the stock runs (1,000
#                        products, 2 warehouses; bench/README-stock.md)
#   BENCH_ORDERS=200000  shipped orders of the year the sales report reads
#                        (bench/README-sales.md)
#   BENCH_MONEY=--full   bench_money's size: --full (100,000 customers,
#                        1,000,000 shipments), --quick, or "-n N -D M"
#                        (bench/README-money.md)
#   BENCH_IMPORT_N="100000 $BENCH_N"  customer counts of the three-run
#                        import/export table beside SQLite (bench/import.sh)
#   BENCH_PRODUCTION=    bench_production's options (default: 10,000
#                        products, 20,000 order lines; bench/README-
#                        production.md)
#   BENCH_SKIP=          any of "rps import export import3 stock sales
#                        money pdf production scripts mem sqlite", comma
#                        separated
#   BENCH_SCRIPTS_N=50, BENCH_SCRIPTS_LOOP=200  bench/scripts.sh's starts
#                        per command and loop length (README-scripts.md)
#   BENCH_HOME_N=$BENCH_N, BENCH_HOME_MOVES=$BENCH_MOVES  customers and
#                        stock moves of the home's size beside SQLite
#                        (bench/home.sh; skip: "home")
#   BENCH_SO_N="2000 20000"  lines of the sales-orders import files beside
#                        SQLite (bench/so_import.sh; skip: "so_import")
#   BENCH_MEM_N=$BENCH_N customers of the memory runs (bench/mem.sh; its
#                        other knobs are in its header)
#   BENCH_TMP=           parent of the scratch directory (default $TMPDIR)
#   KONTOR=./kontor      the binary; BENCH_BIN=./bench the helpers
#
# Times come from bash's $EPOCHREALTIME (microseconds, no fork).
set -u
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
if [ -z "${EPOCHREALTIME:-}" ]; then
	echo "run.sh: bash 5 or later is needed (EPOCHREALTIME)" >&2
	exit 69
fi

N=${BENCH_N:-1000000}
SECS=${BENCH_SECS:-5}
CLIENTS=${BENCH_CLIENTS:-1,8,32}
SKIP=${BENCH_SKIP:-}
KONTOR=$(readlink -f "${KONTOR:-./kontor}")
BIN=$(readlink -f "${BENCH_BIN:-./bench}")

MOVES=${BENCH_MOVES:-1000000}
for p in "$KONTOR" "$BIN/bench_rps" "$BIN/gen_customers" "$BIN/bench_stock" \
    "$BIN/bench_mem" \
    "$BIN/bench_sales" "$BIN/bench_money" "$BIN/bench_pdf" \
    "$BIN/bench_production"; do
	if [ ! -x "$p" ]; then
		echo "run.sh: $p is missing: run \`make bench\` from the build" \
		    "directory" >&2
		exit 66
	fi
done
case $N in
''|*[!0-9]*) echo "run.sh: BENCH_N must be a number" >&2; exit 64 ;;
esac
case $MOVES in
''|*[!0-9]*) echo "run.sh: BENCH_MOVES must be a number" >&2; exit 64 ;;
esac
HAVE_SQLITE=1
command -v sqlite3 >/dev/null 2>&1 || HAVE_SQLITE=0
case ",$SKIP," in *,sqlite,*) HAVE_SQLITE=0 ;; esac

T=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/kontor-bench.XXXXXX") || exit 73
HOMES=()
cleanup() {
	local h
	for h in "${HOMES[@]}"; do
		stop_server "$h"
	done
	if [ "${BENCH_KEEP:-0}" = 1 ]; then
		echo "scratch kept in $T"
	else
		rm -rf "$T"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Stop a home's server and wait until it has let go of the home: `kontor
# stop` returns when the socket is gone, before the server has closed the
# environment and its lock, and a client starting a server in that window
# waits 30 s for nothing.
stop_server() {
	"$KONTOR" --home "$1" stop >/dev/null 2>&1
	command -v flock >/dev/null || { sleep 2; return 0; }
	for _ in $(seq 600); do
		flock -n "$1/kontor.lock" true 2>/dev/null && return 0
		sleep 0.05
	done
	echo "run.sh: the server of $1 did not stop" >&2
}

skip() { case ",$SKIP," in *,$1,*) return 0 ;; esac; return 1; }

# Microseconds since the epoch, and a difference in seconds.
us() { local t=${EPOCHREALTIME/[.,]/}; echo "$t"; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b - a) / 1e6 }'; }
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1e3 }'; }
rate() { awk -v n="$1" -v a="$2" -v b="$3" \
    'BEGIN { printf "%.0f", n / ((b - a) / 1e6) }'; }

# A new home in $H; its server, started by init, is left running.
newhome() {
	H="$T/$1"
	"$KONTOR" --home "$H" init --company "ООО «Бенч»" >/dev/null \
	    2>"$T/$1.init" || { cat "$T/$1.init" >&2; exit 70; }
	HOMES+=("$H")
}

echo "kontor benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs," \
    "$(uname -sr), N=$N"
echo "scratch: $T ($(df -h "$T" | awk 'NR == 2 { print $4 }') free)"
echo

# --- (a) requests per second -------------------------------------------------
if ! skip rps; then
	newhome rps
	echo "## (a) requests per second (get, put = update, insert)"
	echo
	"$BIN/bench_rps" --home "$H" -c "$CLIENTS" -d "$SECS" || exit 70
	stop_server "$H"
	echo
fi

# --- (b) bulk import --------------------------------------------------------
CSV="$T/customers.csv"
if ! skip import || ! skip export; then
	t0=$(us)
	"$BIN/gen_customers" "$N" > "$CSV" || exit 70
	t1=$(us)
	echo "generated $N customers ($(du -h "$CSV" | cut -f1)) in $(secs "$t0" "$t1") s"
	echo
fi

H=""
if ! skip import; then
	newhome import	# its server is running: not timed
	t0=$(us)
	"$KONTOR" --home "$H" import customers "$CSV" 2>"$T/import.err"
	rc=$?
	t1=$(us)
	if [ $rc -ne 0 ]; then
		echo "kontor import failed (exit $rc):"
		cat "$T/import.err"
		tail -5 "$H/kontor.log"
		H=""
	fi
	k_s=$(secs "$t0" "$t1")
	k_r=$(rate "$N" "$t0" "$t1")
	# Sizes once the server has stopped (its last checkpoint writes the
	# cache out); the export below starts it again.
	stop_server "$H"
	k_size="$(du -ch "$H"/*.db 2>/dev/null | tail -1 | cut -f1) + $(du -ch "$H"/log.* 2>/dev/null | tail -1 | cut -f1) log"

	if [ $HAVE_SQLITE = 1 ]; then
		DB="$T/customers.sqlite"
		sqlite3 "$DB" <"$(dirname "$0")/customers.sql" >/dev/null
		t0=$(us)
		sqlite3 "$DB" <<-EOF >/dev/null
		PRAGMA journal_mode=WAL;
		PRAGMA synchronous=FULL;
		.mode csv
		.import --skip 1 $CSV customers
		EOF
		t1=$(us)
		s_s=$(secs "$t0" "$t1")
		s_r=$(rate "$N" "$t0" "$t1")
		s_n=$(sqlite3 "$DB" 'SELECT count(*) FROM customers')
		s_size=$(du -ch "$T"/customers.sqlite* | tail -1 | cut -f1)
	fi

	echo "## (b) import of $N customers in one transaction"
	echo
	echo "| system | seconds | rows/s | on disk (data + log) |"
	echo "|---|---:|---:|---:|"
	[ -n "$H" ] && echo "| kontor import (8 indexes + name words, audit) | $k_s | $k_r | $k_size |"
	[ $HAVE_SQLITE = 1 ] && echo "| sqlite3 .import (7 indexes, WAL, synchronous=FULL; $s_n rows) | $s_s | $s_r | $s_size |"
	if [ -n "$H" ] && [ $HAVE_SQLITE = 1 ]; then
		echo
		awk -v k="$k_r" -v s="$s_r" \
		    'BEGIN { printf "kontor / sqlite3 rows/s: %.2f\n", k / s }'
	fi
	echo
fi

# --- (c) export: time to the first row, and in total ------------------------
# t0 is taken before the pipeline starts; the reader notes the time it
# has the header and the first data row, then counts the rest.
first_row() {	# label, command...
	local label=$1 t0 out
	shift
	t0=$(us)
	out=$("$@" | {
		IFS= read -r _hdr
		IFS= read -r _row
		t1=${EPOCHREALTIME/[.,]/}
		n=$(wc -l)
		t2=${EPOCHREALTIME/[.,]/}
		echo "$t1 $t2 $((n + 1))"
	})
	read -r t1 t2 n <<<"$out"
	echo "| $label | $(ms "$t0" "$t1") | $(secs "$t0" "$t2") | $n | $(rate "$n" "$t0" "$t2") |"
}

if ! skip export; then
	if [ -z "$H" ]; then
		newhome export
		"$KONTOR" --home "$H" import customers "$CSV" 2>"$T/import.err" ||
		    { cat "$T/import.err"; exit 70; }
		stop_server "$H"
	fi
	echo "## (c) export of $N customers to a pipe"
	echo
	echo "| run | first row (ms) | total (s) | rows | rows/s |"
	echo "|---|---:|---:|---:|---:|"
	first_row "kontor export, server autostarted by it" \
	    "$KONTOR" --home "$H" export customers
	first_row "kontor export, server running" \
	    "$KONTOR" --home "$H" export customers
	first_row "kontor export, server running (again)" \
	    "$KONTOR" --home "$H" export customers
	if [ $HAVE_SQLITE = 1 ] && [ -f "$T/customers.sqlite" ]; then
		first_row "sqlite3 -csv SELECT * (for scale)" \
		    sqlite3 -csv -header "$T/customers.sqlite" 'SELECT * FROM customers'
	fi
	echo
fi

# --- (d) import and export beside SQLite, three runs each (issue 16) --------
if ! skip import3 && [ $HAVE_SQLITE = 1 ]; then
	echo "## (d) import and export beside SQLite (bench/import.sh)"
	echo
	KONTOR="$KONTOR" BENCH_BIN="$BIN" BENCH_TMP="$T" \
	    BENCH_IMPORT_N="${BENCH_IMPORT_N:-100000 $N}" \
	    bash "$(dirname "$0")/import.sh" | sed 1,2d || exit 70
fi

# --- stock: on hand, the movement list, postings per second -----------------
# bench_stock makes its own home and SQLite file under $T and stops its
# server; its tables are described in bench/README-stock.md.
if ! skip stock; then
	echo "## stock: $MOVES moves (bench_stock)"
	echo
	sargs=()
	[ $HAVE_SQLITE = 1 ] || sargs+=(-s sqlite)
	[ "${BENCH_KEEP:-0}" = 1 ] && sargs+=(--keep)
	"$BIN/bench_stock" -T "$T" -k "$KONTOR" -m "$MOVES" -l 20000 \
	    -c "$CLIENTS" -d "$SECS" "${sargs[@]}" || exit 70
	echo
fi

# --- sales: orders and shipments per second, the sales report ---------------
# bench_sales makes its own home and SQLite file under $T and stops its
# server; what it measures is in bench/README-sales.md.
if ! skip sales; then
	echo "## sales: orders, shipments, the sales report (bench_sales)"
	echo
	sargs=()
	[ $HAVE_SQLITE = 1 ] || sargs+=(-s sqlite)
	[ "${BENCH_KEEP:-0}" = 1 ] && sargs+=(--keep)
	"$BIN/bench_sales" -T "$T" -k "$KONTOR" -o "${BENCH_ORDERS:-200000}" \
	    -c "$CLIENTS" -d "$SECS" "${sargs[@]}" || exit 70
	echo
fi

# --- money: the receivables report, one customer's balance -----------------
# bench_money makes its own home and SQLite file under $T and stops its
# server; what it measures is in bench/README-money.md.
if ! skip money; then
	echo "## money: the receivables report, a customer's balance (bench_money)"
	echo
	sargs=()
	[ $HAVE_SQLITE = 1 ] || sargs+=(-s sqlite)
	[ "${BENCH_KEEP:-0}" = 1 ] && sargs+=(--keep)
	"$BIN/bench_money" -T "$T" -k "$KONTOR" ${BENCH_MONEY:---full} \
	    "${sargs[@]}" || exit 70
	echo
fi

# --- pdf: the forms' PDF, PDFs per second -----------------------------------
# bench_pdf makes its own home under $T (a 20-line shipment), prints its
# УПД over the server (kontor print, one client's op print) and in its
# own process; what it measures is in bench/README-pdf.md.
if ! skip pdf; then
	echo "## pdf: a 20-line УПД to PDF (bench_pdf)"
	echo
	pargs=()
	[ "${BENCH_KEEP:-0}" = 1 ] && pargs+=(--keep)
	"$BIN/bench_pdf" -T "$T" -k "$KONTOR" "${pargs[@]}" || exit 70
	echo
fi

# --- production: kontor plan at scale, completions per second ----------------
# bench_production makes its own home and SQLite file under $T and stops
# its server; what it measures is in bench/README-production.md.
if ! skip production; then
	echo "## production: kontor plan, completions per second (bench_production)"
	echo
	sargs=()
	[ $HAVE_SQLITE = 1 ] || sargs+=(-s sqlite)
	[ "${BENCH_KEEP:-0}" = 1 ] && sargs+=(--keep)
	"$BIN/bench_production" -T "$T" -k "$KONTOR" -c "$CLIENTS" \
	    -d "$SECS" ${BENCH_PRODUCTION:-} "${sargs[@]}" || exit 70
	echo
fi

# --- scripts: process start, a small import, several documents a process ----
# bench/scripts.sh makes its own home and SQLite file under $T and stops
# its server; what it measures is in bench/README-scripts.md.
if ! skip scripts && [ $HAVE_SQLITE = 1 ]; then
	echo "## scripts: process start, one-line imports, posting (bench/scripts.sh)"
	echo
	KONTOR="$KONTOR" BENCH_TMP="$T" bash "$(dirname "$0")/scripts.sh" ||
	    exit 70
	echo
fi

# --- the home's size after customers and moves beside SQLite (issue 16) -----
if ! skip home && [ $HAVE_SQLITE = 1 ]; then
	echo "## the home's size after customers and stock moves (bench/home.sh)"
	echo
	KONTOR="$KONTOR" BENCH_BIN="$BIN" BENCH_TMP="$T" \
	    BENCH_HOME_N="${BENCH_HOME_N:-$N}" \
	    BENCH_HOME_MOVES="${BENCH_HOME_MOVES:-$MOVES}" \
	    bash "$(dirname "$0")/home.sh" | sed 1,2d || exit 70
	echo
fi

# --- import sales-orders --post beside SQLite (issue 16) ---------------------
if ! skip so_import && [ $HAVE_SQLITE = 1 ]; then
	echo "## import sales-orders --post beside SQLite (bench/so_import.sh)"
	echo
	KONTOR="$KONTOR" BENCH_TMP="$T" bash "$(dirname "$0")/so_import.sh" |
	    sed 1,2d || exit 70
	echo
fi

# --- memory: the server's resident memory and the cache's cost (issue 16) ---
# bench/mem.sh makes its homes under $T and stops their servers; what it
# measures is in bench/README-mem.md.
if ! skip mem; then
	echo "## memory: the server's resident memory by cache size (bench/mem.sh)"
	echo
	KONTOR="$KONTOR" BENCH_BIN="$BIN" BENCH_TMP="$T" \
	    BENCH_MEM_N="${BENCH_MEM_N:-$N}" BENCH_SECS="$SECS" \
	    bash "$(dirname "$0")/mem.sh" | sed 1,2d || exit 70
	echo
fi
