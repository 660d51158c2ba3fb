# The helpers bench/*.sh share (bash: EPOCHREALTIME).  Sourced after
# KONTOR is set.
# us: the time now, in microseconds
us() { echo "${EPOCHREALTIME/[.,]/}"; }
# load: the 1-minute load average
load() { cut -d' ' -f1 /proc/loadavg; }
# cpu PID: its CPU seconds (user + system) so far
cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }
# stop HOME: stop its server and wait until its lock is free
stop() {
	[ -d "$1" ] || return 0
	"$KONTOR" --home "$1" stop >/dev/null 2>&1
	for _ in $(seq 600); do
		flock -n "$1/kontor.lock" true 2>/dev/null && return 0
		sleep 0.05
	done
}
# stats: min / median / max of the numbers on stdin
stats() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit }
	printf "%s / %s / %s", v[1], v[int((NR + 1) / 2)], v[NR] }'; }
# mb BYTES: in MiB, rounded
mb() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1048576 }'; }
# dsize FILE...: their size in bytes together
dsize() { du -cb "$@" 2>/dev/null | tail -1 | cut -f1; }
# wal_hold DB: a second connection to DB keeps its WAL after a sqlite3
# run exits (the last one to close checkpoints it away), to be measured;
# wal_release lets it go.  Uses $T/fifo and descriptor 9.
wal_hold() {
	rm -f "$T/fifo"
	mkfifo "$T/fifo"
	sqlite3 "$1" <"$T/fifo" >/dev/null &
	wal_holder=$!
	exec 9>"$T/fifo"
	echo 'SELECT count(*) FROM customers;' >&9
	sleep 0.2
}
wal_release() { exec 9>&-; wait "$wal_holder" 2>/dev/null; }
# timer: a command prefix that writes the run's peak RSS (KB) and CPU to
# $T/time.out, or nothing without /usr/bin/time; timed_read then sets
# rss and cpu (user + system seconds) from it, 0 without it.
timer_init() {
	timer=""
	[ -x /usr/bin/time ] && timer="/usr/bin/time -f %M:%U:%S -o $T/time.out"
}
timed_read() {
	local u sy
	rss=0 cpu=0
	[ -n "$timer" ] && IFS=: read -r rss u sy <"$T/time.out" &&
	    cpu=$(awk -v u="$u" -v s="$sy" 'BEGIN { print u + s }')
}
# sq_import DB CSV: .import CSV (a header line) into DB's customers, WAL,
# synchronous=FULL, one transaction, under $timer.
sq_import() {
	$timer sqlite3 "$1" <<-SQL >/dev/null
	PRAGMA journal_mode=WAL;
	PRAGMA synchronous=FULL;
	PRAGMA wal_autocheckpoint=0;
	.mode csv
	.import --skip 1 $2 customers
	SQL
}
# sq_timed_import DB CSV: a fresh DB (customers.sql), CSV imported into
# it by sq_import with its WAL held, timed: sets si_t (µs), si_wal (the
# WAL's bytes), si_load, and rss and cpu (timed_read's; the caller may
# declare timer, rss and cpu local).
sq_timed_import() {
	local t0
	rm -f "$1" "$1-wal" "$1-shm"
	sqlite3 "$1" <"$(dirname "$0")/customers.sql" >/dev/null
	wal_hold "$1"
	si_load=$(load)
	timer_init
	t0=$(us)
	sq_import "$1" "$2"
	si_t=$(($(us) - t0))
	si_wal=$(dsize "$1-wal")
	wal_release
	timed_read
}
# k_import BINARY HOME CSV: a fresh home (its server started by init),
# CSV imported into it as customers, timed: sets ki_pid, ki_t (µs),
# ki_cpu (the server's seconds), ki_log (bytes of log written, BIN's
# log_used) and ki_load.  The server is left running.
k_import() {
	local c0 l0 t0
	rm -rf "$2"
	"$1" --home "$2" init --company "ООО «Бенч»" >/dev/null 2>"$T/init.err" ||
	    { cat "$T/init.err" >&2; return 1; }
	ki_pid=$(cat "$2/kontor.pid")
	l0=$("$BIN/log_used" "$2")
	ki_load=$(load)
	c0=$(cpu "$ki_pid")
	t0=$(us)
	"$1" --home "$2" import customers "$3" >/dev/null 2>"$T/import.err" ||
	    { cat "$T/import.err" >&2; return 1; }
	ki_t=$(($(us) - t0))
	ki_cpu=$(awk -v a="$c0" -v b="$(cpu "$ki_pid")" \
	    'BEGIN { printf "%.2f", b - a }')
	ki_log=$(($("$BIN/log_used" "$2") - l0))
}
