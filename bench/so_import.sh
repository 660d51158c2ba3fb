#!/bin/bash
# bench/so_import.sh: `kontor import sales-orders FILE --post` of N lines
# (orders of 4 lines) beside SQLite doing the same job, three runs each,
# interleaved, min / median / max, the load average beside each run
# (issue 16).  Run from a configured build directory (alone: bash
# bench/so_import.sh; make bench runs it through bench/run.sh).
#
#   BENCH_SO_N="2000 20000"	lines per file
#   BENCH_RUNS=3		runs of each
#   BENCH_SO_POST=1		--post (confirm: reserve), 0 drafts only
#   BENCH_TMP / TMPDIR		scratch
#   KONTOR			the binary
#
# The home: a warehouse, 500 customers, 200 products with a price and
# 1,000,000 of each in stock; copied fresh for each run, its server
# started before the clock (kontor status).  kontor: the import's wall
# time and the server's CPU (/proc/PID/stat).  SQLite: the same masters
# (products with their price, stock rows), WAL, synchronous=FULL; in one
# transaction the file .import-ed into a staging table, the orders and
# their lines inserted (price, net, VAT, gross from the product), the
# orders' totals and the stock's reserved updated; indexes on the lines'
# order and product and the orders' code (unique) and customer.
set -u
BUILD=$(pwd)
KONTOR=${KONTOR:-$BUILD/kontor}
SIZES=${BENCH_SO_N:-2000 20000}
RUNS=${BENCH_RUNS:-3}
POST=${BENCH_SO_POST:-1}
[ -x "$KONTOR" ] || { echo "so_import.sh: $KONTOR is missing" >&2; exit 66; }
command -v sqlite3 >/dev/null || { echo "so_import.sh: sqlite3 is missing" >&2; exit 69; }
T=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/kontor-so.XXXXXX") || exit 73
trap 'stop "$T/home"; stop "$T/base"; [ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

. "$(dirname "$0")/lib.sh"


# The masters, once: kontor's home and SQLite's database.
base() {
	local b=$T/base i
	"$KONTOR" --home "$b" init --company "ООО «Бенч»" >/dev/null 2>&1 || return 1
	printf 'code,name\nMAIN,Основной склад\n' >"$T/wh.csv"
	{ echo "code,name,kind"
	  for i in $(seq 500); do printf 'C%04d,ООО «Клиент %d»,company\n' "$i" "$i"; done
	} >"$T/cu.csv"
	{ echo "sku,name,unit,purchase_price,sale_price,vat"
	  for i in $(seq 200); do printf 'P%04d,Товар %d,pcs,%d.00,%d.50,20\n' "$i" "$i" "$i" "$((i + 10))"; done
	} >"$T/pr.csv"
	{ echo "type,sku,warehouse,quantity,unit_cost"
	  for i in $(seq 200); do printf 'receipt,P%04d,MAIN,1000000,%d.00\n' "$i" "$i"; done
	} >"$T/in.csv"
	for f in "warehouses wh" "customers cu" "products pr" "stock-moves in"; do
		set -- $f
		"$KONTOR" --home "$b" import "$1" "$T/$2.csv" >/dev/null 2>"$T/err" ||
		    { cat "$T/err" >&2; return 1; }
	done
	stop "$b"
	rm -f "$T/base.sqlite"*
	sqlite3 "$T/base.sqlite" <<-SQL >/dev/null
	PRAGMA journal_mode=WAL;
	CREATE TABLE products (sku TEXT PRIMARY KEY, price INTEGER, vat INTEGER);
	CREATE TABLE customers (code TEXT PRIMARY KEY, name TEXT, kind TEXT);
	CREATE TABLE stock (product TEXT, warehouse TEXT, on_hand INTEGER,
	    reserved INTEGER, PRIMARY KEY (product, warehouse));
	CREATE TABLE sales_orders (id INTEGER PRIMARY KEY, code TEXT UNIQUE,
	    file_order TEXT, customer TEXT, date TEXT, warehouse TEXT,
	    status TEXT, net INTEGER, vat INTEGER, gross INTEGER);
	CREATE INDEX so_customer ON sales_orders (customer);
	CREATE TABLE so_lines (id INTEGER PRIMARY KEY, ord INTEGER, line INTEGER,
	    product TEXT, qty INTEGER, price INTEGER, net INTEGER, vat INTEGER,
	    gross INTEGER, reserved INTEGER);
	CREATE INDEX sol_order ON so_lines (ord);
	CREATE INDEX sol_product ON so_lines (product);
	CREATE TABLE staging ("order" TEXT, customer TEXT, date TEXT,
	    warehouse TEXT, sku TEXT, quantity INTEGER);
	.mode csv
	.import $T/pr.csv ptmp
	INSERT INTO products SELECT sku, CAST(sale_price * 100 AS INTEGER), vat FROM ptmp;
	DROP TABLE ptmp;
	.import --skip 1 $T/cu.csv customers
	INSERT INTO stock SELECT sku, 'MAIN', 1000000000, 0 FROM products;
	SQL
}

# gen N: a sales-orders file of N lines, orders of 4.
gen() {
	awk -v n="$1" 'BEGIN { srand(16); print "order,customer,date,warehouse,sku,quantity"
	    for (i = 0; i < n; i++) { o = int(i / 4)
		if (i % 4 == 0) { c = 1 + int(rand() * 500); d = 1 + int(rand() * 28) }
		printf "O%06d,C%04d,2026-02-%02d,MAIN,P%04d,%d\n", o, c, d,
		    1 + int(rand() * 200), 1 + int(rand() * 5) } }'
}

kontor_run() {	# N CSV -> "secs lines/s cpu_s load"
	local n=$1 csv=$2 h=$T/home t0 t1 pid la c0 c1 post=
	[ "$POST" = 1 ] && post=--post
	stop "$h"
	rm -rf "$h"
	cp -a "$T/base" "$h"
	rm -f "$h/kontor.sock" "$h/kontor.pid"
	"$KONTOR" --home "$h" export warehouses >/dev/null 2>&1
	pid=$(cat "$h/kontor.pid")
	la=$(load)
	c0=$(cpu "$pid")
	t0=$(us)
	"$KONTOR" --home "$h" import sales-orders "$csv" $post >/dev/null 2>"$T/import.err" ||
	    { cat "$T/import.err" >&2; return 1; }
	t1=$(us)
	c1=$(cpu "$pid")
	stop "$h"
	awk -v n="$n" -v a="$t0" -v b="$t1" -v c0="$c0" -v c1="$c1" -v la="$la" \
	    'BEGIN { printf "%.2f %.0f %.2f %s\n", (b - a) / 1e6,
	    n / ((b - a) / 1e6), c1 - c0, la }'
}

sqlite_run() {	# N CSV -> the same columns
	local n=$1 csv=$2 db=$T/s.sqlite t0 t1 la timer cpu rss st=draft
	[ "$POST" = 1 ] && st=confirmed
	rm -f "$db"*
	cp "$T/base.sqlite" "$db"
	timer_init
	la=$(load)
	t0=$(us)
	$timer sqlite3 "$db" <<-SQL >/dev/null
	PRAGMA journal_mode=WAL;
	PRAGMA synchronous=FULL;
	BEGIN;
	.mode csv
	.import --skip 1 $csv staging
	INSERT INTO sales_orders (code, file_order, customer, date, warehouse, status)
	    SELECT printf('SO-2026-%06d', row_number() OVER (ORDER BY min(rowid))),
	    "order", customer, date, warehouse, '$st'
	    FROM staging GROUP BY "order";
	INSERT INTO so_lines (ord, line, product, qty, price, net, vat, gross, reserved)
	    SELECT o.id, row_number() OVER (PARTITION BY o.id ORDER BY s.rowid),
	    s.sku, s.quantity * 1000, p.price, s.quantity * p.price,
	    s.quantity * p.price * p.vat / 100, s.quantity * p.price * (100 + p.vat) / 100,
	    CASE WHEN '$st' = 'confirmed' THEN s.quantity * 1000 ELSE 0 END
	    FROM staging s JOIN sales_orders o ON o.file_order = s."order"
	    JOIN products p ON p.sku = s.sku;
	UPDATE sales_orders SET (net, vat, gross) = (SELECT sum(net), sum(vat),
	    sum(gross) FROM so_lines WHERE ord = sales_orders.id);
	UPDATE stock SET reserved = reserved + (SELECT sum(reserved) FROM so_lines
	    WHERE product = stock.product) WHERE product IN (SELECT sku FROM staging);
	DELETE FROM staging;
	COMMIT;
	SQL
	t1=$(us)
	timed_read
	awk -v n="$n" -v a="$t0" -v b="$t1" -v c="$cpu" -v la="$la" \
	    'BEGIN { printf "%.2f %.0f %.2f %s\n", (b - a) / 1e6,
	    n / ((b - a) / 1e6), c, la }'
}

base || exit 70
echo "kontor import sales-orders$([ "$POST" = 1 ] && echo " --post") beside SQLite," \
    "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, $RUNS runs each, interleaved"
echo
for n in $SIZES; do
	csv=$T/so$n.csv
	gen "$n" >"$csv"
	: >"$T/k"; : >"$T/s"
	for r in $(seq "$RUNS"); do
		kontor_run "$n" "$csv" >>"$T/k" || exit 70
		sqlite_run "$n" "$csv" >>"$T/s" || exit 70
	done
	echo "### $n lines ($((n / 4)) orders)"
	echo
	echo "| run | kontor s | lines/s | server CPU s | load | SQLite s | lines/s | CPU s | load |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
	paste -d' ' "$T/k" "$T/s" | awk '{ printf "| %d | %s | %s | %s | %s | %s | %s | %s | %s |\n",
	    NR, $1, $2, $3, $4, $5, $6, $7, $8 }'
	echo
	echo "| min / median / max | kontor | SQLite | kontor / SQLite |"
	echo "|---|---:|---:|---:|"
	echo "| lines/s | $(awk '{ print $2 }' "$T/k" | stats) | $(awk '{ print $2 }' "$T/s" | stats) | $(paste -d' ' "$T/k" "$T/s" | awk '{ printf "%.2f\n", $2 / $6 }' | stats) |"
	echo "| CPU µs per line (kontor: the server) | $(awk -v n="$n" '{ printf "%.0f\n", $3 * 1e6 / n }' "$T/k" | stats) | $(awk -v n="$n" '{ printf "%.0f\n", $3 * 1e6 / n }' "$T/s" | stats) | |"
	echo
done
