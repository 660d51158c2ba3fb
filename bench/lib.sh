# The helpers bench/*.sh share (bash: EPOCHREALTIME).  Sourced after
# KONTOR is set.
# us: the time now, in microseconds
us() { echo "${EPOCHREALTIME/[.,]/}"; }
# load: the 1-minute load average
load() { cut -d' ' -f1 /proc/loadavg; }
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
