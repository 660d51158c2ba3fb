#!/bin/sh
# kill -9 the server at random moments while writers write.
#
# Three writers put customers, one request each, and print a code only
# once the server has acknowledged it.  The server is killed (SIGKILL) 50
# times at random moments: after a random number of acknowledgements,
# at once after the last round's checks, and now and then its successor
# too, while it recovers.  The writers notice, start a new server (the
# client library does, as for any session) and send their unanswered
# request again.  After each kill and restart (the writers paused with
# SIGSTOP meanwhile, a request of theirs perhaps still under way): every
# acknowledged code is there, no code twice (a re-sent request was
# answered, not run again), every record whole, and kontor check passes.
# At the end the audit journal holds exactly one "create" per record.
#
# KONTOR_KILLS changes the number of kills.  Every wait polls for its
# condition, with a bound.

. "${KONTOR_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

WRITER=$(dirname "$KONTOR")/tests/server/writer
[ -x "$WRITER" ] || skip_all "no $WRITER (make check builds it)"

KILLS=${KONTOR_KILLS:-50}
NW=3

# Writers are stopped before the server on exit (lib.sh).
gone() { ! running "$1"; }
rand() { echo $(($(od -An -N2 -tu2 /dev/urandom) % $1)); }
lines() { if [ -f "$1" ]; then wc -l <"$1"; else echo 0; fi; }
acked() { cat "$T"/w*.out 2>/dev/null | wc -l; }
acked_ge() { [ "$(acked)" -ge "$1" ]; }
server_pid() { cat "$KONTOR_HOME/kontor.pid" 2>/dev/null; }
# new_server OLD: a server other than OLD runs (it may still recover).
new_server() { _p=$(server_pid); [ -n "$_p" ] && [ "$_p" != "$1" ] &&
    running "$_p"; }
# all_progressed: every writer acknowledged something since marks were set.
all_progressed() {
	for i in $(seq 1 $NW); do
		eval "_m=\$mark$i"
		[ "$(lines "$T/w$i.out")" -gt "$_m" ] || return 1
	done
}
# A writer that died will not progress: stop waiting for it.
some_writer_died() {
	for i in $(seq 1 $NW); do
		eval "running \$w$i" || return 0
	done
	return 1
}
progressed_or_died() { all_progressed || some_writer_died; }
# kill_server PID: SIGKILL (if PID is a server of ours), then wait until
# it is gone.
kill_server() {
	grep -q "$KONTOR_HOME" "/proc/$1/cmdline" 2>/dev/null &&
	    kill -9 "$1" 2>/dev/null
	poll_until 10 gone "$1"
}

# writers SIG: signal every writer.
writers() {
	for i in $(seq 1 $NW); do
		eval "kill -$1 \$w$i" 2>/dev/null
	done
}
# verify: the checks after a restart.  The writers are stopped meanwhile
# (SIGSTOP: a stopped client is harmless, and the home stays small enough
# for 50 checks), though a request of theirs may still be under way.
# Sets $why.
verify() {
	writers STOP
	_verify
	_rc=$?
	writers CONT
	return $_rc
}
_verify() {
	why=""
	# What was acknowledged before the export began must be in it.
	cat "$T"/w*.out | sort >"$T/acked"
	if ! "$KONTOR" export customers >"$T/export.csv" 2>"$T/export.err"
	then
		why="kontor export failed: $(cat "$T/export.err")"
		return 1
	fi
	sed 1d "$T/export.csv" >"$T/rows"
	cut -d, -f1 "$T/rows" | sort >"$T/codes"
	nrec=$(wc -l <"$T/codes")
	nack=$(wc -l <"$T/acked")
	missing=$(comm -23 "$T/acked" "$T/codes" | head -5)
	[ -z "$missing" ] || why="${why}acknowledged but missing: $missing
"
	dups=$(uniq -d "$T/codes" | head -5)
	[ -z "$dups" ] || why="${why}twice: $dups
"
	bad=$(awk -F, '$2 != "Firm " $1 || $3 != "company"' "$T/rows" |
	    head -3)
	[ -z "$bad" ] || why="${why}not whole: $bad
"
	if ! "$KONTOR" check >"$T/check.out" 2>&1; then
		why="${why}kontor check failed: $(head -5 "$T/check.out")"
	fi
	[ -z "$why" ]
}

plan $((KILLS + 8))

run "$KONTOR" init --company "Crash"
is "kontor init" 0 "$rc"

t0=$(now_ms)
for i in $(seq 1 $NW); do
	"$WRITER" --prefix "C$i" --count 100000000 >"$T/w$i.out" \
	    2>"$T/w$i.err" &
	eval "w$i=\$!"
	pids="$pids $!"
done
ok "the writers write" poll_until 60 acked_ge 100

kills=0
extra=0
restart_total=0
restart_max=0
round=0
while [ $round -lt "$KILLS" ]; do
	round=$((round + 1))
	old=$(server_pid)
	# A random moment: at once, or after some more acknowledgements.
	if [ "$(rand 6)" -eq 0 ]; then
		moment="at once"
	else
		n=$(($(rand 500) + 1))
		moment="after $n more acks"
		poll_until 60 acked_ge $(($(acked) + n))
	fi
	for i in $(seq 1 $NW); do
		eval "mark$i=\$(lines \"\$T/w$i.out\")"
	done
	a=$(now_ms)
	kill_server "$old"
	kills=$((kills + 1))
	# Now and then the next server too, while it starts and recovers.
	if [ "$(rand 4)" -eq 0 ] && poll_until 60 new_server "$old"; then
		old=$(server_pid)
		kill_server "$old"
		extra=$((extra + 1))
		moment="$moment, and its successor as it started"
	fi
	# The writers start a server and go on, each of them.
	poll_until 120 new_server "$old"
	poll_until 120 progressed_or_died
	if ! all_progressed; then
		fail "kill $round ($moment): the writers did not go on" \
		    "$(cat "$T"/w*.err)" "$(tail -5 "$KONTOR_HOME/kontor.log")"
		break
	fi
	b=$(now_ms)
	ms=$((b - a))
	restart_total=$((restart_total + ms))
	[ $ms -gt $restart_max ] && restart_max=$ms
	if verify; then
		pass "kill $round ($moment): back in $ms ms; $nrec records, all $nack acknowledged there, none twice, all whole, check passes"
	else
		fail "kill $round ($moment)" "$why"
	fi
	if [ $((round % 10)) -eq 0 ]; then
		echo "# $round kills, $(acked) acknowledged writes," \
		    "$(( ($(now_ms) - t0) / 1000 )) s"
	fi
done
t1=$(now_ms)

alive=0
for i in $(seq 1 $NW); do
	eval "running \$w$i" && alive=$((alive + 1))
done
is "the writers rode out every kill" "$NW" "$alive"
is "... with nothing on stderr" "" "$(cat "$T"/w*.err)"

stop_clients
# A killed writer's last request may still be under way: a clean stop
# lets it finish, and the next command starts a server again.
run "$KONTOR" stop
total=$(acked)
echo "# $kills kills (and $extra of a starting successor) in" \
    "$(( (t1 - t0) / 1000 )) s; $total writes acknowledged," \
    "$((total * 1000 / (t1 - t0 + 1))) writes/s overall (checks and" \
    "restarts included); back after a kill in" \
    "$((restart_total / (kills > 0 ? kills : 1))) ms on average," \
    "$restart_max ms at most"

# Quiet now (the stop let the last requests finish): the journal has one create per record, no more, no less.
if verify; then pass "at the end, with the writers gone: $nrec records, all $nack acknowledged there, none twice, all whole, check passes"
else fail "at the end, with the writers gone" "$why"; fi
run "$KONTOR" audit --entity customers
is "kontor audit" 0 "$rc"
printf '%s\n' "$out" | awk '$1 ~ /^[0-9]+$/ && $6 == "customers" &&
    $8 == "create" { print $7 }' | sort >"$T/created"
is "the audit journal has one create per record" \
    "$nrec $nrec" "$(wc -l <"$T/created") $(sort -u "$T/created" | wc -l)"

"$KONTOR" stop >/dev/null 2>&1
reports=$(cat "$T"/asan.* 2>/dev/null | head -40)
is "no sanitizer reports" "" "$reports"

done_testing
