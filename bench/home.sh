#!/bin/bash
# bench/home.sh: the home's size after importing N customers and M stock
# moves, beside SQLite holding the same rows and kontor's indexes (issue
# 16: data files at most 1.5x SQLite's database file, the log between two
# backups at most 1 KB per imported row, and removable by kontor backup).
# Run from a configured build directory (make bench runs it through
# bench/run.sh; alone: bash bench/home.sh).
#
#   BENCH_HOME_N=1000000		customers
#   BENCH_HOME_MOVES=1000000		stock moves (a transfer is two)
#   BENCH_HOME_CHUNK=20000		lines a stock-moves file
#   BENCH_HOME_CHECK=1			kontor check over the result (0: not)
#   BENCH_RUNS=1			runs of each (the sizes do not vary)
#   BENCH_TMP / TMPDIR			scratch (homes, CSV, SQLite files)
#   KONTOR, BENCH_BIN			the binary, the bench programs
#
# kontor: a fresh home (init starts its server, not timed), `kontor
# import customers FILE`, then the warehouses, the products and the moves'
# files bench_stock --write makes, each `kontor import stock-moves FILE`
# (one posted batch document a file).  The log written is log_used's
# (Berkeley DB's log bytes) after the imports less before them; then
# `kontor backup` into the scratch and the log left after it; then the
# server stops and the data files (*.db) are measured.
# SQLite: customers.sql's table and indexes, `.import` in one transaction;
# bench_stock's stock tables with kontor's indexes (its "SQLite + kontor's
# indexes": lines by document and product, moves by product, document,
# date and warehouse, documents by type, status, date and warehouses,
# stock by warehouse), each moves file one transaction: a document, its
# lines, its moves (a transfer's two); the balances at the end.  WAL,
# synchronous=FULL; the WAL is measured before its checkpoint, the
# database file after it.
set -u
BUILD=$(pwd)
KONTOR=${KONTOR:-$BUILD/kontor}
BIN=${BENCH_BIN:-$BUILD/bench}
NCUST=${BENCH_HOME_N:-1000000}
NMOVES=${BENCH_HOME_MOVES:-1000000}
CHUNK=${BENCH_HOME_CHUNK:-20000}
CHECK=${BENCH_HOME_CHECK:-1}
RUNS=${BENCH_RUNS:-1}
SRC=$(cd "$(dirname "$0")" && pwd)
for p in "$KONTOR" "$BIN/gen_customers" "$BIN/log_used" "$BIN/bench_stock"; do
	[ -x "$p" ] || { echo "home.sh: $p is missing: make bench" >&2; exit 66; }
done
command -v sqlite3 >/dev/null || { echo "home.sh: sqlite3 is missing" >&2; exit 69; }
T=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/kontor-home.XXXXXX") || exit 73
trap 'stop "$T/home"; [ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

. "$(dirname "$0")/lib.sh"
sub() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a - b }'; }
k() { "$KONTOR" --home "$T/home" "$@"; }

# The files: customers, then bench_stock's warehouses, products, moves.
"$BIN/gen_customers" "$NCUST" >"$T/customers.csv" || exit 70
"$BIN/bench_stock" --write "$T/stock" -m "$NMOVES" -l "$CHUNK" >"$T/gen.out" || exit 70
NLINES=$(cat "$T"/stock/moves-*.csv | grep -vc '^type,')
NFILES=$(ls "$T"/stock/moves-*.csv | wc -l)

# -> "data_bytes log_bytes log_cust log_moves cust_s moves_s cpu_cust
#     cpu_moves load logs_after_backup check"
kontor_run() {
	local h=$T/home pid l0 l1 l2 t0 t1 t2 c0 c1 c2 la f ok=-
	rm -rf "$h" "$T/backup"
	k init --company "ООО «Бенч»" >/dev/null 2>"$T/init.err" ||
	    { cat "$T/init.err" >&2; return 1; }
	pid=$(cat "$h/kontor.pid")
	la=$(load)
	l0=$("$BIN/log_used" "$h"); c0=$(cpu "$pid"); t0=$(us)
	k import customers "$T/customers.csv" >/dev/null 2>"$T/import.err" ||
	    { cat "$T/import.err" >&2; return 1; }
	l1=$("$BIN/log_used" "$h"); c1=$(cpu "$pid"); t1=$(us)
	{ k import warehouses "$T/stock/warehouses.csv" &&
	    k import products "$T/stock/products.csv"; } >/dev/null 2>"$T/import.err" ||
	    { cat "$T/import.err" >&2; return 1; }
	for f in "$T"/stock/moves-*.csv; do
		k import stock-moves "$f" >/dev/null 2>"$T/import.err" ||
		    { echo "$f:" >&2; cat "$T/import.err" >&2; return 1; }
	done
	l2=$("$BIN/log_used" "$h"); c2=$(cpu "$pid"); t2=$(us)
	if [ "$CHECK" = 1 ]; then
		if k check >"$T/check.out" 2>&1; then ok=passed; else
			ok=FAILED; tail -5 "$T/check.out" >&2; fi
	fi
	k backup "$T/backup" >/dev/null 2>"$T/backup.err" ||
	    { cat "$T/backup.err" >&2; return 1; }
	local after
	after=$(ls "$h" | grep -c '^log\.')
	stop "$h"
	echo "$(dsize "$h"/*.db) $((l2 - l0)) $((l1 - l0)) $((l2 - l1))" \
	    "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1e6 }')" \
	    "$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.2f", (b - a) / 1e6 }')" \
	    "$(sub "$c1" "$c0") $(sub "$c2" "$c1") $la $after $ok"
}

# The moves of one file, posted as bench_stock's SQLite side posts them
# (a document, its lines, the moves), from the file's rows in raw.
sqlite_moves_sql() {	# FILE DOCNO
	cat <<-SQL
	DELETE FROM raw;
	.import --skip 1 $1 raw
	BEGIN;
	INSERT INTO docs (code, type, status, date, notes, posted, posted_by,
	    created, created_by) VALUES ('BAT-$2', 'batch', 'posted',
	    20261205, 'kontor import stock-moves', 1764900000, 'bench',
	    1764900000, 'bench');
	INSERT INTO lines (doc, line, product, qty, unit_cost, type, warehouse,
	    to_warehouse) SELECT (SELECT max(id) FROM docs), r.rowid,
	    p.id, r.quantity * 1000,
	    CASE WHEN r.unit_cost <> '' THEN CAST(r.unit_cost * 100 AS INTEGER) END,
	    r.type, w.id, t.id FROM raw r JOIN products p ON p.sku = r.sku
	    JOIN warehouses w ON w.code = r.warehouse
	    LEFT JOIN warehouses t ON t.code = r.to_warehouse ORDER BY r.rowid;
	INSERT INTO moves (date, kind, product, warehouse, qty, unit_cost,
	    value, doc, user) SELECT 20261205, CASE l.type WHEN 'transfer'
	    THEN 'transfer_out' ELSE l.type END, l.product, l.warehouse,
	    CASE l.type WHEN 'receipt' THEN l.qty ELSE -l.qty END,
	    coalesce(l.unit_cost, p.purchase_price),
	    coalesce(l.unit_cost, p.purchase_price) * l.qty / 1000
	    * CASE l.type WHEN 'receipt' THEN 1 ELSE -1 END, l.doc, 'bench'
	    FROM lines l JOIN products p ON p.id = l.product
	    WHERE l.doc = (SELECT max(id) FROM docs) ORDER BY l.id;
	INSERT INTO moves (date, kind, product, warehouse, qty, unit_cost,
	    value, doc, user) SELECT 20261205, 'transfer_in', l.product,
	    l.to_warehouse, l.qty, p.purchase_price,
	    p.purchase_price * l.qty / 1000, l.doc, 'bench'
	    FROM lines l JOIN products p ON p.id = l.product
	    WHERE l.doc = (SELECT max(id) FROM docs) AND l.type = 'transfer'
	    ORDER BY l.id;
	COMMIT;
	SQL
}

# -> the same columns (logs_after: the WAL's pages after a checkpoint)
sqlite_run() {
	local db=$T/s.sqlite t0 t1 t2 wal la n=0 f scpu0=0 scpu1=0 u sy rss
	rm -f "$db" "$db-wal" "$db-shm"
	sqlite3 "$db" <"$SRC/customers.sql" >/dev/null
	sqlite3 "$db" <"$SRC/home.sql" >/dev/null
	wal_hold "$db"
	la=$(load)
	local timer cpu
	timer_init
	t0=$(us)
	sq_import "$db" "$T/customers.csv"
	t1=$(us)
	timed_read
	scpu0=$cpu
	{
		echo "PRAGMA synchronous=FULL;"
		echo "PRAGMA wal_autocheckpoint=0;"
		echo ".mode csv"
		echo "CREATE TEMP TABLE raw (type, sku, warehouse, quantity, to_warehouse, unit_cost);"
		echo ".import $T/stock/warehouses.csv wh_raw"
		echo "INSERT INTO warehouses (code, name) SELECT code, name FROM wh_raw;"
		echo ".import $T/stock/products.csv pr_raw"
		echo "INSERT INTO products (sku, name, kind, unit, vat, purchase_price, sale_price)"
		echo "    SELECT sku, name, kind, unit, vat, CAST(purchase_price * 100 AS INTEGER),"
		echo "    CAST(sale_price * 100 AS INTEGER) FROM pr_raw;"
		echo "DROP TABLE wh_raw; DROP TABLE pr_raw;"
		for f in "$T"/stock/moves-*.csv; do
			n=$((n + 1))
			sqlite_moves_sql "$f" "$n"
		done
		cat <<-SQL
		BEGIN;
		INSERT INTO stock SELECT product, warehouse, sum(qty), 0, 0,
		    sum(value), 1764900000 FROM moves GROUP BY product, warehouse;
		COMMIT;
		SQL
	} >"$T/moves.sql"
	$timer sqlite3 "$db" <"$T/moves.sql" >/dev/null || return 1
	t2=$(us)
	timed_read
	scpu1=$cpu
	wal=$(dsize "$db-wal")
	wal_release
	sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
	echo "$(dsize "$db") $wal - -" \
	    "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1e6 }')" \
	    "$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.2f", (b - a) / 1e6 }')" \
	    "$scpu0 $scpu1 $la $(dsize "$db-wal") -"
}

echo "kontor's home after $NCUST customers and $NMOVES stock moves ($NLINES" \
    "lines in $NFILES files) beside SQLite, $(date -u '+%Y-%m-%d %H:%M UTC')," \
    "$(nproc) CPUs, $(uname -sr), $RUNS run(s) each, interleaved"
echo
: >"$T/k"; : >"$T/s"
for r in $(seq "$RUNS"); do
	kontor_run >>"$T/k" || exit 70
	sqlite_run >>"$T/s" || exit 70
done
rows=$((NCUST + NLINES))
echo "| run | system | data MB | log MB | log B/row (all) | customers | moves' lines | import s (customers; moves) | CPU s (customers; moves) | load | log files after backup | check |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
paste -d' ' "$T/k" "$T/s" | awk -v n="$NCUST" -v l="$NLINES" -v rows="$rows" '
    function mb(b) { return sprintf("%.0f", b / 1048576) }
    function per(b, d) { return b == "-" ? "-" : sprintf("%.0f", b / d) }
    { printf "| %d | kontor | %s | %s | %s | %s | %s | %s; %s | %s; %s | %s | %s | %s |\n",
	NR, mb($1), mb($2), per($2, rows), per($3, n), per($4, l), $5, $6, $7, $8, $9, $10, $11
      printf "| %d | SQLite | %s | %s (WAL) | %s | | | %s; %s | %s; %s | %s | %s B of WAL | |\n",
	NR, mb($12), mb($13), per($13, rows), $16, $17, $18, $19, $20, $21 }'
echo
echo "| min / median / max | kontor | SQLite | kontor / SQLite | target |"
echo "|---|---:|---:|---:|---|"
col() { awk -v c="$2" '{ print $c }' "$1" | stats; }
ratio() { paste -d' ' "$1" "$2" | awk -v a="$3" -v b="$4" \
    '{ printf "%.2f\n", $a / $(b + 11) }' | stats; }
echo "| data files MB | $(awk '{ printf "%.0f\n", $1 / 1048576 }' "$T/k" | stats) | $(awk '{ printf "%.0f\n", $1 / 1048576 }' "$T/s" | stats) | $(ratio "$T/k" "$T/s" 1 1) | <= 1.5 |"
echo "| log bytes per imported row (customers + lines) | $(awk -v r="$rows" '{ printf "%.0f\n", $2 / r }' "$T/k" | stats) | $(awk -v r="$rows" '{ printf "%.0f\n", $2 / r }' "$T/s" | stats) | $(ratio "$T/k" "$T/s" 2 2) | <= 1024 |"
echo "| log bytes per customer | $(awk -v r="$NCUST" '{ printf "%.0f\n", $3 / r }' "$T/k" | stats) | | | |"
echo "| log bytes per moves' line | $(awk -v r="$NLINES" '{ printf "%.0f\n", $4 / r }' "$T/k" | stats) | | | |"
echo "| import s, customers | $(col "$T/k" 5) | $(col "$T/s" 5) | $(ratio "$T/k" "$T/s" 5 5) | |"
echo "| import s, moves | $(col "$T/k" 6) | $(col "$T/s" 6) | $(ratio "$T/k" "$T/s" 6 6) | |"
echo "| CPU µs per moves' line (kontor: the server) | $(awk -v l="$NLINES" '{ printf "%.0f\n", $8 * 1e6 / l }' "$T/k" | stats) | $(awk -v l="$NLINES" '{ printf "%.0f\n", $8 * 1e6 / l }' "$T/s" | stats) | $(ratio "$T/k" "$T/s" 8 8) | |"
echo "| log files left after kontor backup | $(col "$T/k" 10) | | | |"
echo
