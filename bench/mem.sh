#!/bin/bash
# bench/mem.sh: the kontor server's resident memory, and what the cache's
# size costs (issue 16: under 200 MB with 1,000,000 customers and 50
# sessions, and right after a large import).  Run from a configured build
# directory (make bench runs it through bench/run.sh; alone: bash
# bench/mem.sh).  bench/README-mem.md keeps the latest tables.
#
#   BENCH_MEM_N=1000000		customers imported and read
#   BENCH_MEM_SESSIONS=50		clerks' sessions opened (bench_mem)
#   BENCH_RUNS=3			runs of each memory and cost measure
#   BENCH_MEM_IMPORT_RUNS=$BENCH_RUNS	runs of the N-customer import
#   BENCH_MEM_CACHES="64M 128M 192M 512M"	cache sizes compared
#   BENCH_MEM_COST_N=300000		customers imported per cache size, timed
#   BENCH_SECS=5			seconds of each get and posting run
#   BENCH_MEM_SKIP=			any of "import sessions cost sqlite",
#					comma separated: the parts left out
#					(sqlite: its import beside (1))
#   BENCH_TMP / TMPDIR			scratch; BENCH_KEEP=1 keeps it
#   KONTOR, BENCH_BIN			the binary, the bench programs
#
# (1) The import of N customers into a fresh home at the default cache:
#     seconds, rows/s, the server's CPU, its VmHWM, its VmRSS as the
#     import command returns and a second later, then with SESSIONS
#     clerks' sessions open on the same server (bench_mem), and the lock
#     structures then allocated; beside it sqlite3 .import of the same
#     file (the schema of bench/import.sh) with its peak RSS from
#     /usr/bin/time.
# (2) For each cache size, RUNS times: the server restarted with it
#     (cache_size in a KONTOR_CONF file), all N customers exported to
#     /dev/null (the cache fills), then bench_mem: idle, with SESSIONS
#     clerks' sessions open, after they closed; RSS and its parts.
# (3) For each cache size, RUNS times, interleaved: random gets and name
#     searches over the N customers (bench_mem -g, 8 clients), an import
#     of COST_N customers into a fresh home, and posting of stock
#     documents by 8 clients (bench_stock, kontor only): rates and the
#     server's CPU per request, row and document.
set -u
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
BUILD=$(pwd)
KONTOR=$(readlink -f "${KONTOR:-$BUILD/kontor}")
BIN=$(readlink -f "${BENCH_BIN:-$BUILD/bench}")
N=${BENCH_MEM_N:-1000000}
SESS=${BENCH_MEM_SESSIONS:-50}
RUNS=${BENCH_RUNS:-3}
IRUNS=${BENCH_MEM_IMPORT_RUNS:-$RUNS}
CACHES=${BENCH_MEM_CACHES:-64M 128M 192M 512M}
COST_N=${BENCH_MEM_COST_N:-300000}
SECS=${BENCH_SECS:-5}
SKIP=${BENCH_MEM_SKIP:-}
skip() { case ",$SKIP," in *,$1,*) return 0 ;; esac; return 1; }
for p in "$KONTOR" "$BIN/gen_customers" "$BIN/bench_mem" "$BIN/bench_stock"; do
	[ -x "$p" ] || { echo "mem.sh: $p is missing: make bench" >&2; exit 66; }
done
HAVE_SQLITE=1
command -v sqlite3 >/dev/null || HAVE_SQLITE=0
T=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/kontor-mem.XXXXXX") || exit 73
HOMES=()
cleanup() {
	local h
	for h in "${HOMES[@]}"; do
		stop "$h"
	done
	[ "${BENCH_KEEP:-0}" = 1 ] && echo "scratch kept in $T" || rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

. "$(dirname "$0")/lib.sh"
# A server for home $1 with cache $2 (empty: the default), left running.
start() {
	local h=$1 c=$2
	stop "$h"
	if [ -n "$c" ]; then
		echo "cache_size = $c" >"$T/conf"
	else
		: >"$T/conf"
	fi
	KONTOR_CONF=$T/conf "$KONTOR" --home "$h" serve --daemon \
	    </dev/null >/dev/null 2>"$T/serve.err" &
	for _ in $(seq 600); do
		[ -S "$h/kontor.sock" ] && "$KONTOR" --home "$h" status \
		    >/dev/null 2>&1 && return 0
		sleep 0.05
	done
	echo "mem.sh: the server of $h did not start:" >&2
	cat "$T/serve.err" "$h/kontor.log" >&2
	exit 70
}
kb() { awk -v k="$2" '$1 == k ":" { printf "%.1f", $2 / 1024 }' \
    "/proc/$1/status"; }
cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

echo "kontor server memory, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs," \
    "$(uname -sr), N=$N, $SESS sessions, $RUNS runs"
echo
CSV=$T/c$N.csv
"$BIN/gen_customers" "$N" >"$CSV" || exit 70

# --- (1) the import's memory, beside SQLite's ------------------------------
H=$T/home
HOMES+=("$H")
if ! skip import; then
echo "### (1) import of $N customers, default cache"
echo
echo "| run | kontor s | rows/s | server CPU s | server us/row | VmHWM MB | VmRSS at end MB | VmRSS 1 s later MB | VmRSS, $SESS sessions open MB | lock structures after | load | sqlite3 s | sqlite3 max RSS MB | load |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for r in $(seq "$IRUNS"); do
	rm -rf "$H"
	"$KONTOR" --home "$H" init --company "ООО «Бенч»" >/dev/null \
	    2>"$T/init.err" || { cat "$T/init.err" >&2; exit 70; }
	start "$H" ""
	pid=$(cat "$H/kontor.pid")
	la=$(load)
	c0=$(cpu "$pid")
	t0=$(us)
	"$KONTOR" --home "$H" import customers "$CSV" >/dev/null \
	    2>"$T/import.err" || { cat "$T/import.err" >&2; exit 70; }
	t1=$(us)
	rss0=$(kb "$pid" VmRSS)
	c1=$(cpu "$pid")
	sleep 1
	rss1=$(kb "$pid" VmRSS)
	hwm=$(kb "$pid" VmHWM)
	k=$(awk -v a="$t0" -v b="$t1" -v c="$((c1 - c0))" -v n="$N" \
	    -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f | %.0f | %.1f | %.1f",
	    (b - a) / 1e6, n / ((b - a) / 1e6), c / hz, c / hz / n * 1e6 }')
	# The sessions of a morning after the import, on the same server.
	"$BIN/bench_mem" --home "$H" -s "$SESS" -l "after import" \
	    >"$T/after.mem" || exit 70
	rsess=$(awk -F'|' '$3 ~ /sessions open/ { gsub(/ /, "", $5); print $5 }' \
	    "$T/after.mem")
	lk=$(awk -F'|' '$3 ~ /idle/ { gsub(/^ +| +$/, "", $15); print $15 }' \
	    "$T/after.mem")
	s="- | - | -"
	if [ "$HAVE_SQLITE" = 1 ] && [ -x /usr/bin/time ] && ! skip sqlite; then
		db=$T/s.sqlite
		rm -f "$db" "$db-wal" "$db-shm"
		sqlite3 "$db" <"$(dirname "$0")/customers.sql" >/dev/null
		sl=$(load)
		t0=$(us)
		/usr/bin/time -f %M -o "$T/time.out" sqlite3 "$db" <<-SQL >/dev/null
		PRAGMA journal_mode=WAL;
		PRAGMA synchronous=FULL;
		.mode csv
		.import --skip 1 $CSV customers
		SQL
		t1=$(us)
		s=$(awk -v a="$t0" -v b="$t1" -v m="$(cat "$T/time.out")" \
		    -v la="$sl" 'BEGIN { printf "%.1f | %.1f | %s", (b - a) / 1e6,
		    m / 1024, la }')
		rm -f "$db" "$db-wal" "$db-shm"
	fi
	echo "| $r | $k | $hwm | $rss0 | $rss1 | ${rsess:--} | ${lk:--} | $la | $s |"
done
echo
elif ! skip sessions || ! skip cost; then
	# The home the other parts read: N customers, not timed.
	"$KONTOR" --home "$H" init --company "ООО «Бенч»" >/dev/null \
	    2>"$T/init.err" || { cat "$T/init.err" >&2; exit 70; }
	"$KONTOR" --home "$H" import customers "$CSV" >/dev/null \
	    2>"$T/import.err" || { cat "$T/import.err" >&2; exit 70; }
fi

# --- (2) sessions at each cache size ---------------------------------------
if ! skip sessions; then
echo "### (2) $SESS clerks' sessions over $N customers, by cache size"
echo
echo "The server restarted with the cache, all customers exported (the"
echo "cache fills), then bench_mem: idle, $SESS sessions open, closed."
echo
first=-H
for c in $CACHES; do
	for r in $(seq "$RUNS"); do
		start "$H" "$c"
		"$KONTOR" --home "$H" export customers >/dev/null 2>&1
		"$BIN/bench_mem" --home "$H" -s "$SESS" -l "$c, run $r" $first ||
		    exit 70
		first=
	done
done
echo
fi

# --- (3) what each cache size costs ----------------------------------------
skip cost && exit 0
echo "### (3) cost of each cache size ($RUNS runs, interleaved; min / median / max)"
echo
: >"$T/cost"
for r in $(seq "$RUNS"); do
	for c in $CACHES; do
		start "$H" "$c"
		"$KONTOR" --home "$H" export customers >/dev/null 2>&1
		g=$("$BIN/bench_mem" --home "$H" -g "$SECS" -c 8) || exit 70
		# "8 clients, 5.0 s: N requests, R req/s, server CPU U us/request, ..."
		g_rate=$(echo "$g" | sed -n 's/.* \([0-9]*\) req\/s.*/\1/p')
		g_cpu=$(echo "$g" | sed -n 's/.*server CPU \([0-9.]*\) us.*/\1/p')
		ih=$T/cost-home
		HOMES+=("$ih")
		rm -rf "$ih"
		"$KONTOR" --home "$ih" init --company "ООО «Бенч»" >/dev/null \
		    2>&1 || exit 70
		head -n "$((COST_N + 1))" "$CSV" >"$T/cost.csv"
		start "$ih" "$c"
		pid=$(cat "$ih/kontor.pid")
		la=$(load)
		c0=$(cpu "$pid")
		t0=$(us)
		"$KONTOR" --home "$ih" import customers "$T/cost.csv" \
		    >/dev/null 2>"$T/import.err" || { cat "$T/import.err" >&2;
		    exit 70; }
		t1=$(us)
		c1=$(cpu "$pid")
		hwm=$(kb "$pid" VmHWM)
		stop "$ih"
		i_rate=$(awk -v n="$COST_N" -v a="$t0" -v b="$t1" \
		    'BEGIN { printf "%.0f", n / ((b - a) / 1e6) }')
		i_cpu=$(awk -v n="$COST_N" -v c="$((c1 - c0))" \
		    -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f",
		    c / hz / n * 1e6 }')
		echo "cache_size = $c" >"$T/conf"
		KONTOR_CONF=$T/conf "$BIN/bench_stock" -k "$KONTOR" -T "$T" \
		    -m 20000 -c 8 -d "$SECS" -s sqlite,queries >"$T/stock.out" \
		    2>&1 || { tail "$T/stock.out" >&2; exit 70; }
		p=$(awk -F'|' '$2 ~ /kontor/ && $3 + 0 == 8 { gsub(/ /, "");
		    print $5, $8, $11 }' "$T/stock.out" | tail -1)
		set -- $p
		echo "$c $r $g_rate $g_cpu $i_rate $i_cpu $hwm ${1:--} ${2:--} ${3:--} $la" >>"$T/cost"
	done
done
echo "| cache | run | get+search req/s | server us/req | import rows/s | server us/row | import VmHWM MB | posting docs/s | p99 ms | server ms/doc | load |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
awk '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
    $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 }' "$T/cost"
echo
echo "| cache | get+search req/s | server us/req | import rows/s | server us/row | posting docs/s | server ms/doc |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for c in $CACHES; do
	col() { awk -v c="$c" -v k="$1" '$1 == c { print $k }' "$T/cost" | stats; }
	echo "| $c | $(col 3) | $(col 4) | $(col 5) | $(col 6) | $(col 8) | $(col 10) |"
done
