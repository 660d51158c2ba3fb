#!/bin/bash
# What an admin's shell script pays per kontor command, beside sqlite3 doing
# the same (issue 16, "Scripts"): the start of a process, one-request verbs
# against a running server, a loop of one-line imports, and posting
# documents one process each or all in one.  Three runs, kontor and
# SQLite interleaved in each; min/median/max over the runs and the load
# average at the start of each.  The tables and what each SQLite command
# is: bench/README-scripts.md.
#
#   KONTOR=./kontor        the binary
#   KONTOR_BEFORE=         another kontor (e.g. main's) to measure the
#                          starts and the import loop with too, "before"
#   BENCH_SCRIPTS_N=50     starts per command per run (median of them)
#   BENCH_SCRIPTS_LOOP=200 one-line imports, and documents posted, per run
#   BENCH_RUNS=3
#   BENCH_TMP=             parent of the scratch directory
#
# CPU is perf stat's task-clock of the command and its children (its
# duration_time is the wall), plus the server's CPU from /proc (10 ms
# ticks, read around a whole loop); without perf, wall only.
set -u
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
KONTOR=$(readlink -f "${KONTOR:-./kontor}")
BEFORE=${KONTOR_BEFORE:+$(readlink -f "$KONTOR_BEFORE")}
N=${BENCH_SCRIPTS_N:-50}
LOOP=${BENCH_SCRIPTS_LOOP:-200}
RUNS=${BENCH_RUNS:-3}
command -v sqlite3 >/dev/null || { echo "scripts.sh: no sqlite3" >&2; exit 69; }
[ -x "$KONTOR" ] || { echo "scripts.sh: $KONTOR missing" >&2; exit 66; }
PERF=0
perf stat -x, -e task-clock,duration_time -o /dev/null true 2>/dev/null &&
    PERF=1
T=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/kontor-scripts.XXXXXX") || exit 73
export KONTOR_CONF=/nonexistent
unset KONTOR_SOCKET
cleanup() {
	local h
	for h in "$T"/home*; do
		[ -d "$h" ] && "$KONTOR" --home "$h" stop >/dev/null 2>&1
	done
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

. "$(dirname "$0")/lib.sh"
# The server's CPU so far, in ms (utime + stime, clock ticks).
srv_cpu() {
	local pid
	pid=$(cat "$1/kontor.pid" 2>/dev/null) || { echo 0; return; }
	awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, "");
	    printf "%.0f", ($12 + $13) * 1000 / hz }' "/proc/$pid/stat"
}

# one CMD...: W (wall ms) and C (CPU ms) of one run of CMD.
one() {
	local t0 t1
	if [ $PERF = 1 ]; then
		perf stat -x, -e task-clock,duration_time -o "$T/ps" -- "$@" \
		    >/dev/null 2>&1
		C=$(awk -F, '$3 == "task-clock" { print $1 }' "$T/ps")
		W=$(awk -F, '$3 == "duration_time" { printf "%.3f", $1 / 1e6 }' \
		    "$T/ps")
	else
		t0=$(us)
		"$@" >/dev/null 2>&1
		t1=$(us)
		W=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e3 }')
		C=""
	fi
}
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR) print a[int((NR + 1) / 2)] }'; }

# starts LABEL -- KONTOR-ARGS... -- SQLITE-CMD...: N runs of each,
# alternating; the medians of wall and CPU, and the server's CPU per
# command, into $R/LABEL.  With KONTOR_BEFORE, the same kontor command
# by that binary (on its own home) in the same alternation, into
# $R/LABEL_b (its server's CPU is not counted: 0).
starts() {
	local label=$1 i s0 s1
	shift 2
	local -a k=() s=()
	while [ "$1" != -- ]; do k+=("$1"); shift; done
	shift
	s=("$@")
	: >"$T/kw"; : >"$T/kc"; : >"$T/sw"; : >"$T/sc"; : >"$T/bw"; : >"$T/bc"
	s0=$(srv_cpu "$H")
	for ((i = 0; i < N; i++)); do
		one "$KONTOR" --home "$H" "${k[@]}"
		echo "$W" >>"$T/kw"; echo "$C" >>"$T/kc"
		one "${s[@]}"; echo "$W" >>"$T/sw"; echo "$C" >>"$T/sc"
		if [ -n "$BEFORE" ]; then
			one "$BEFORE" --home "$T/home-before" "${k[@]}"
			echo "$W" >>"$T/bw"; echo "$C" >>"$T/bc"
		fi
	done
	s1=$(srv_cpu "$H")
	echo "$(median <"$T/kw") $(median <"$T/kc") $(median <"$T/sw") $(median <"$T/sc") $(awk -v a="$s0" -v b="$s1" -v n="$N" 'BEGIN { printf "%.3f", (b - a) / n }')" \
	    >>"$R/$label"
	[ -n "$BEFORE" ] &&
	    echo "$(median <"$T/bw") $(median <"$T/bc") $(median <"$T/sw") $(median <"$T/sc") 0" \
	    >>"$R/${label}_b"
}

# loop LABEL SERVERHOME SCRIPT: the script run once (bash), its wall and
# CPU (task-clock of all its processes) and the server's CPU, per item,
# appended to $R/LABEL as "wall cpu server".
loop() {
	local label=$1 home=$2 script=$3 s0 s1 t0 t1
	s0=$(srv_cpu "$home")
	t0=$(us)
	if [ $PERF = 1 ]; then
		perf stat -x, -e task-clock -o "$T/ps" -- bash "$script" \
		    >/dev/null 2>"$T/loop.err"
		C=$(awk -F, '$3 == "task-clock" { print $1 }' "$T/ps")
	else
		bash "$script" >/dev/null 2>"$T/loop.err"
		C=""
	fi
	t1=$(us)
	s1=$(srv_cpu "$home")
	awk -v a="$t0" -v b="$t1" -v c="${C:-0}" -v s0="$s0" -v s1="$s1" \
	    -v n="$LOOP" 'BEGIN { printf "%.3f %.3f %.3f\n", (b - a) / 1e3 / n,
	    c / n, (s1 - s0) / n }' >>"$R/$label"
}

# --- the homes and the SQLite file ---------------------------------------------
H=$T/home
DB=$T/sqlite.db
# A home with MAIN, SKU-1 (100,000 in stock), C-1..C-100.
newhome() {
	local bin=$1 home=$2 f
	"$bin" --home "$home" init --company "ООО «Скрипт»" >/dev/null 2>&1 ||
	    { echo "scripts.sh: init failed" >&2; exit 70; }
	printf 'code,name,allow_negative\nMAIN,Основной,no\n' >"$T/w.csv"
	printf 'sku,name,unit\nSKU-1,Болт М8,pcs\n' >"$T/p.csv"
	printf 'type,sku,warehouse,quantity,unit_cost\nreceipt,SKU-1,MAIN,100000,10.00\n' \
	    >"$T/in.csv"
	awk 'BEGIN { print "code,name,kind,inn,phone,email,city";
	    for (i = 1; i <= 100; i++) printf "C-%d,ООО Клиент %d,company,,+7 495 000-00-%02d,c%d@example.ru,Москва\n", i, i, i % 100, i }' \
	    >"$T/c.csv"
	for f in warehouses:w products:p stock-moves:in customers:c; do
		"$bin" --home "$home" import "${f%%:*}" "$T/${f#*:}.csv" \
		    >/dev/null 2>"$T/newhome.err" || { cat "$T/newhome.err" >&2
		    echo "scripts.sh: import ${f%%:*} failed" >&2; exit 70; }
	done
}
newhome "$KONTOR" "$H"
[ -n "$BEFORE" ] && newhome "$BEFORE" "$T/home-before"

sqlite3 "$DB" >/dev/null <<'EOF'
PRAGMA journal_mode=WAL;
CREATE TABLE customers (code TEXT NOT NULL, name TEXT NOT NULL,
    kind TEXT NOT NULL, inn TEXT, phone TEXT, email TEXT, city TEXT);
CREATE UNIQUE INDEX customers_code ON customers(code);
CREATE INDEX customers_name ON customers(name);
CREATE INDEX customers_phone ON customers(phone);
CREATE INDEX customers_email ON customers(email);
CREATE TABLE docs (id INTEGER PRIMARY KEY, code TEXT UNIQUE NOT NULL,
    type TEXT NOT NULL, status TEXT NOT NULL);
CREATE TABLE lines (doc TEXT NOT NULL, sku TEXT NOT NULL, qty INTEGER NOT NULL);
CREATE INDEX lines_doc ON lines(doc);
CREATE TABLE moves (id INTEGER PRIMARY KEY, doc TEXT NOT NULL,
    sku TEXT NOT NULL, warehouse TEXT NOT NULL, qty INTEGER NOT NULL,
    cost INTEGER);
CREATE INDEX moves_sku ON moves(sku, warehouse);
CREATE TABLE stock (sku TEXT NOT NULL, warehouse TEXT NOT NULL,
    qty INTEGER NOT NULL CHECK (qty >= 0), PRIMARY KEY (sku, warehouse));
INSERT INTO stock VALUES ('SKU-1', 'MAIN', 100000000);
INSERT INTO moves (doc, sku, warehouse, qty, cost)
    VALUES ('BAT-0', 'SKU-1', 'MAIN', 100000000, 1000);
EOF
awk 'BEGIN { for (i = 1; i <= 100; i++) printf "C-%d,ООО Клиент %d,company,,+7 495 000-00-%02d,c%d@example.ru,Москва\n", i, i, i % 100, i }' \
    >"$T/c.sq.csv"
sqlite3 "$DB" ".mode csv" ".import $T/c.sq.csv customers" >/dev/null

# The SQLite side of a one-line stock-moves import: a posted document,
# its move, the balance; synchronous=FULL, as kontor's commit.
SQ_MOVE="PRAGMA synchronous=FULL; BEGIN IMMEDIATE;
INSERT INTO docs (code, type, status) VALUES
    ('BAT-' || (SELECT count(*) + 1 FROM docs), 'batch', 'posted');
INSERT INTO moves (doc, sku, warehouse, qty, cost) VALUES
    ('BAT-' || (SELECT count(*) FROM docs), 'SKU-1', 'MAIN', 1000, 1000);
UPDATE stock SET qty = qty + 1000 WHERE sku = 'SKU-1' AND warehouse = 'MAIN';
COMMIT;"
printf 'type,sku,warehouse,quantity,unit_cost\nreceipt,SKU-1,MAIN,1,10.00\n' \
    >"$T/one.csv"
# Posting draft X (SQLite): its status, its lines as moves, the balance,
# which may not go below zero (the CHECK).
sq_post() {
	printf "BEGIN IMMEDIATE;
UPDATE docs SET status = 'posted' WHERE code = '%s' AND status = 'draft';
INSERT INTO moves (doc, sku, warehouse, qty)
    SELECT doc, sku, 'MAIN', -qty FROM lines WHERE doc = '%s';
UPDATE stock SET qty = qty - (SELECT sum(qty) FROM lines WHERE doc = '%s')
    WHERE sku = 'SKU-1' AND warehouse = 'MAIN';
COMMIT;\n" "$1" "$1" "$1"
}
# Drafts P-<run>-<mode>-<i> (issue 1 of SKU-1) in both.
drafts() {	# RUN MODE
	local i
	{ echo "code,type,warehouse"
	  for ((i = 1; i <= LOOP; i++)); do echo "P$1$2-$i,issue,MAIN"; done
	} >"$T/d.csv"
	{ echo "doc,product,qty"
	  for ((i = 1; i <= LOOP; i++)); do echo "P$1$2-$i,SKU-1,1"; done
	} >"$T/l.csv"
	"$KONTOR" --home "$H" import stock_docs "$T/d.csv" >/dev/null 2>&1 &&
	    "$KONTOR" --home "$H" import stock_lines "$T/l.csv" >/dev/null \
	    2>&1 || { echo "scripts.sh: drafts failed" >&2; exit 70; }
	{ echo "BEGIN;"
	  for ((i = 1; i <= LOOP; i++)); do
		echo "INSERT INTO docs (code, type, status) VALUES ('P$1$2-$i', 'issue', 'draft');"
		echo "INSERT INTO lines VALUES ('P$1$2-$i', 'SKU-1', 1000);"
	  done
	  echo "COMMIT;"
	} | sqlite3 "$DB"
}

R=$T/results
mkdir -p "$R"
LOADS=()
for ((run = 1; run <= RUNS; run++)); do
	LOADS+=("$(load)")
	starts version -- --version -- sqlite3 --version
	starts help -- --help -- sqlite3 -help
	starts show -- show customers C-50 -- \
	    sqlite3 "$DB" "SELECT * FROM customers WHERE code = 'C-50'"
	starts stock -- stock SKU-1 -- \
	    sqlite3 "$DB" "SELECT warehouse, sum(qty) FROM moves WHERE sku = 'SKU-1' GROUP BY warehouse"

	# A loop of one-line imports.
	printf 'for i in $(seq %d); do %q --home %q import stock-moves %q || exit 1; done\n' \
	    "$LOOP" "$KONTOR" "$H" "$T/one.csv" >"$T/k_imp.sh"
	printf 'for i in $(seq %d); do sqlite3 %q %q || exit 1; done\n' \
	    "$LOOP" "$DB" "$SQ_MOVE" >"$T/s_imp.sh"
	loop imp_k "$H" "$T/k_imp.sh"
	loop imp_s "$H" "$T/s_imp.sh"
	if [ -n "$BEFORE" ]; then
		printf 'for i in $(seq %d); do %q --home %q import stock-moves %q || exit 1; done\n' \
		    "$LOOP" "$BEFORE" "$T/home-before" "$T/one.csv" \
		    >"$T/b_imp.sh"
		loop imp_b "$T/home-before" "$T/b_imp.sh"
	fi

	# Posting: one process a document, then one for all.
	drafts "$run" e
	drafts "$run" a
	{ printf 'for i in $(seq %d); do %q --home %q post P%se-$i || exit 1; done\n' \
	    "$LOOP" "$KONTOR" "$H" "$run"; } >"$T/k_pe.sh"
	{ printf '%q --home %q post' "$KONTOR" "$H"
	  for ((i = 1; i <= LOOP; i++)); do printf ' P%sa-%d' "$run" "$i"; done
	  echo; } >"$T/k_pa.sh"
	{ for ((i = 1; i <= LOOP; i++)); do
		printf 'sqlite3 %q %q || exit 1\n' "$DB" \
		    "PRAGMA synchronous=FULL; $(sq_post "P${run}e-$i")"
	  done; } >"$T/s_pe.sh"
	{ printf 'sqlite3 %q <<'"'"'EOF'"'"'\nPRAGMA synchronous=FULL;\n' "$DB"
	  for ((i = 1; i <= LOOP; i++)); do sq_post "P${run}a-$i"; done
	  echo EOF; } >"$T/s_pa.sh"
	loop post_each_k "$H" "$T/k_pe.sh"
	loop post_each_s "$H" "$T/s_pe.sh"
	loop post_all_k "$H" "$T/k_pa.sh"
	loop post_all_s "$H" "$T/s_pa.sh"
	if [ -s "$T/loop.err" ]; then
		echo "scripts.sh: a loop failed:" >&2
		cat "$T/loop.err" >&2
	fi
done

# --- the tables -------------------------------------------------------------
# col FILE N: the Nth number of each run's line; mmm: "min / median / max".
col() { awk -v n="$2" '{ print $n }' "$1"; }
mmm() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0 || a[1] == "") { print "n/a"; exit }
    printf "%.2f / %.2f / %.2f", a[1], a[int((NR + 1) / 2)], a[NR] }'; }
# ratio FILE-A NA FILE-B NB [FILE-A2 NA2]: per run, (A (+ A2)) / B.
ratio() {
	if [ $# -gt 4 ]; then
		paste -d' ' <(col "$1" "$2") <(col "$5" "$6") <(col "$3" "$4") |
		    awk '$3 > 0 { print ($1 + $2) / $3 }'
	else
		paste -d' ' <(col "$1" "$2") <(col "$3" "$4") |
		    awk '$2 > 0 { print $1 / $2 }'
	fi | mmm
}
echo "kontor $("$KONTOR" --version | cut -d' ' -f2) ($KONTOR) beside" \
    "$(sqlite3 --version | cut -d' ' -f1), $(date -u '+%Y-%m-%d %H:%M UTC')," \
    "$(nproc) CPUs; $RUNS runs; load average at each run's start: ${LOADS[*]}"
echo
echo "### Process start and one-request commands (median of $N each run, ms)"
echo
echo "| command | kontor wall | SQLite wall | wall ratio | kontor CPU | SQLite CPU | CPU ratio | server CPU/cmd |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for c in "version:\`kontor --version\` vs \`sqlite3 --version\`" \
    "help:\`kontor --help\` vs \`sqlite3 -help\`" \
    "show:\`kontor show customers C-50\` vs a SELECT by code" \
    "stock:\`kontor stock SKU-1\` vs a SELECT sum(qty) GROUP BY warehouse"; do
	f=$R/${c%%:*}
	echo "| ${c#*:} | $(col "$f" 1 | mmm) | $(col "$f" 3 | mmm) | $(ratio "$f" 1 "$f" 3) | $(col "$f" 2 | mmm) | $(col "$f" 4 | mmm) | $(ratio "$f" 2 "$f" 4) | $(col "$f" 5 | mmm) |"
	f=$R/${c%%:*}_b
	[ -f "$f" ] &&
	    echo "| ... the same with $BEFORE (before) | $(col "$f" 1 | mmm) | $(col "$f" 3 | mmm) | $(ratio "$f" 1 "$f" 3) | $(col "$f" 2 | mmm) | $(col "$f" 4 | mmm) | $(ratio "$f" 2 "$f" 4) | |"
done
echo
echo "### Loops of $LOOP (per item, ms; CPU: all the loop's processes, and the server's)"
echo
echo "| loop | kontor wall | SQLite wall | wall ratio | kontor CPU (client + server) | SQLite CPU | CPU ratio |"
echo "|---|---:|---:|---:|---:|---:|---:|"
row() {	# LABEL K S
	local k=$R/$2 s=$R/$3
	echo "| $1 | $(col "$k" 1 | mmm) | $(col "$s" 1 | mmm) | $(ratio "$k" 1 "$s" 1) | $(paste -d' ' <(col "$k" 2) <(col "$k" 3) | awk '{ print $1 + $2 }' | mmm) ($(col "$k" 2 | mmm) + $(col "$k" 3 | mmm)) | $(col "$s" 2 | mmm) | $(ratio "$k" 2 "$s" 2 "$k" 3) |"
}
row "one-line stock-moves import, a process each" imp_k imp_s
[ -n "$BEFORE" ] && row "... the same with $BEFORE (before)" imp_b imp_s
row "post a document, a process each" post_each_k post_each_s
row "post $LOOP documents, one process" post_all_k post_all_s
echo
echo "Ratios are kontor ÷ SQLite per run (below 1: kontor is cheaper)."
