#!/bin/sh
# Many clients at once, and clients that misbehave, against one server.
#
# Four writers put 2,000 customers each, one request per customer, all at
# once.  Meanwhile: a client is SIGKILLed while it writes; another stops
# (SIGSTOP) half-way through sending a request that renames a record; one
# more is killed half-way through a request frame; and one asks for an
# export and never reads it.  Nobody may wait for the stopped or stalled
# clients: the writers finish while the stopped one is still stopped, and
# a write to the very record its request would touch, then a plain write,
# take well under the limit.  A write sent again after its answer was
# lost is answered, not run twice.  kontor check passes while the writers
# write.  Afterwards every acknowledged code is there, once, complete;
# kontor check passes; kontor status still lists the stalled session; the
# one server that started served it all; the stopped one's session is
# dropped (its frame did not come whole in time), and when it goes on and
# sends its request again, its stale rename is refused as a conflict.
#
# No sleeps stand in for conditions: every wait polls for what it waits
# for, with a bound.

. "${KONTOR_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

WRITER=$(dirname "$KONTOR")/tests/server/writer
[ -x "$WRITER" ] || skip_all "no $WRITER (make check builds it)"

PER_WRITER=2000
LIMIT_MS=5000		# "a few seconds" for a write past a stopped client

# Our clients not yet reaped (a reaped pid may belong to someone else).
forget() { pids=$(echo " $pids " | sed "s/ $1 / /"); }
reap() { wait "$1"; _rc=$?; forget "$1"; return $_rc; }
stopped() { [ "$(state "$1")" = T ]; }
finished() { ! running "$1"; }
lines() { if [ -f "$1" ]; then wc -l <"$1"; else echo 0; fi; }
lines_ge() { [ "$(lines "$1")" -ge "$2" ]; }
acked_ge() { [ "$(cat "$T"/w?.out 2>/dev/null | wc -l)" -ge "$1" ]; }
has_line() { grep -q "$2" "$1" 2>/dev/null; }
rand() { echo $(($(od -An -N2 -tu2 /dev/urandom) % $1)); }
listed() { "$KONTOR" status 2>/dev/null | grep -q " $1 "; }
not_listed() { ! listed "$1"; }
listed_once() { [ "$("$KONTOR" status 2>/dev/null | grep -c " $1 ")" = 1 ]; }

plan 34

run "$KONTOR" init --company "Concurrency"
is "kontor init" 0 "$rc"
server=$(cat "$KONTOR_HOME/kontor.pid")

# The sixth client: stops itself half-way through sending a rename of its
# own record HF-1.
"$WRITER" --prefix HF --half-frame >"$T/hf.out" 2>"$T/hf.err" &
hf=$!
pids="$pids $hf"
ok "a client stops half-way through a request frame" \
    poll_until 30 stopped "$hf"
like "its record was created first" "HF-1" "$(cat "$T/hf.out")"

# And one killed half-way through a frame: its session must end.
"$WRITER" --prefix HK --half-frame >"$T/hk.out" 2>"$T/hk.err" &
hk=$!
pids="$pids $hk"
poll_until 30 stopped "$hk"
kill -9 "$hk"
reap "$hk" 2>/dev/null
ok "a client killed half-way through a frame leaves no session behind" \
    poll_until 10 not_listed "$hk"

# Four writers and a fifth one that will be killed while it writes.
t0=$(now_ms)
for i in 1 2 3 4; do
	"$WRITER" --prefix "W$i" --count $PER_WRITER >"$T/w$i.out" \
	    2>"$T/w$i.err" &
	eval "w$i=\$!"
	pids="$pids $!"
done
"$WRITER" --prefix K --count 1000000 >"$T/k.out" 2>"$T/k.err" &
kp=$!
pids="$pids $kp"

# With a few thousand records there, an export that nobody reads fills
# the socket: the server's thread for it blocks in send.
ok "the writers make progress" poll_until 60 acked_ge 2500

# kontor check while they write (an admin's nightly job meets clerks at
# work): what it reads at different moments must still agree.
a=$(cat "$T"/w?.out | wc -l)
run "$KONTOR" check
b=$(cat "$T"/w?.out | wc -l)
if [ "$rc" = 0 ]; then pass "kontor check while four writers write"
else fail "kontor check while four writers write" "$out" "$err"; fi
ok "... who wrote on meanwhile ($((b - a)) acknowledged)" [ "$b" -gt "$a" ]
"$WRITER" --stall-read >"$T/st.out" 2>"$T/st.err" &
st=$!
pids="$pids $st"
ok "an export is asked for and never read" \
    poll_until 10 has_line "$T/st.out" stalled

# The fifth client dies with a request under way: it spends nearly all its
# time waiting for answers.
n=$(($(lines "$T/k.out") + 1 + $(rand 300)))
ok "the client to be killed writes" poll_until 60 lines_ge "$T/k.out" $n
kill -9 "$kp"
reap "$kp" 2>/dev/null
echo "# killed a writer after $(lines "$T/k.out") acknowledged writes"

# While the stopped client stays stopped (and the writers write): the
# record its request would rename, then a plain write.
a=$(now_ms)
run timeout 20 "$WRITER" --update HF-1 --name "Changed HF-1"
b=$(now_ms)
is "a write to the record the stopped client's request touches" 0 "$rc"
ok "... took $((b - a)) ms (under $LIMIT_MS)" [ $((b - a)) -lt $LIMIT_MS ]
a=$(now_ms)
run timeout 20 "$WRITER" --prefix PL --count 1
b=$(now_ms)
is "a plain write after it" "0 PL-1" "$rc $out"
ok "... took $((b - a)) ms (under $LIMIT_MS)" [ $((b - a)) -lt $LIMIT_MS ]

# A write whose answer was lost (its session closed unread), sent again as
# the client library does after a reconnect: answered, not run twice.
run timeout 60 "$WRITER" --prefix RS --resend
id=${out##*id=}
is "a write sent again after its answer was lost gets the first answer" \
    "0 resent rc=0 id=$id rc=0 id=$id" "$rc $out"

all_finished() { finished "$w1" && finished "$w2" && finished "$w3" &&
    finished "$w4"; }
ok "the four writers finish" poll_until 300 all_finished
t1=$(now_ms)
wrc=""
for p in "$w1" "$w2" "$w3" "$w4"; do
	reap "$p"
	wrc="$wrc$?"
done
is "... all successfully" "0000" "$wrc"
errs=$(cat "$T"/w?.err)
is "... with nothing on stderr" "" "$errs"
ok "... while the stopped client is still stopped" stopped "$hf"
ok "... and the export reader still stalls" running "$st"
total=$(cat "$T"/w?.out | wc -l)
is "$((4 * PER_WRITER)) codes acknowledged" $((4 * PER_WRITER)) "$total"
ms=$((t1 - t0))
[ "$ms" -gt 0 ] || ms=1
echo "# $total writes by 4 writers in $ms ms: $((total * 1000 / ms)) writes/s"

run "$KONTOR" export customers
is "kontor export" 0 "$rc"
printf '%s\n' "$out" | sed 1d >"$T/export.csv"
cut -d, -f1 "$T/export.csv" | sort >"$T/codes"
is "all $((4 * PER_WRITER)) writers' codes are there" $((4 * PER_WRITER)) \
    "$(grep -c '^W[1-4]-' "$T/codes")"
{ cat "$T"/w?.out "$T/k.out"; head -1 "$T/hf.out"; } | sort >"$T/acked"
printf 'PL-1\nRS-1\n' >>"$T/acked"
sort -o "$T/acked" "$T/acked"
missing=$(comm -23 "$T/acked" "$T/codes")
is "every acknowledged code is there" "" "$missing"
is "no code twice" "" "$(uniq -d "$T/codes")"
bad=$(awk -F, '$1 != "HF-1" && ($2 != "Firm " $1 || $3 != "company")' \
    "$T/export.csv")
is "every record is whole" "" "$bad"

run "$KONTOR" check
is "kontor check" 0 "$rc"
run "$KONTOR" status
ok "kontor status lists the stalled session" \
    eval 'printf "%s\n" "$out" | grep -q " $st "'
like "... from the one server started at init" "server    pid $server," "$out"
# A frame begun must be whole within the client timeout (5 s): the
# session stopped half-way through one is dropped (its other session,
# idle between requests, stays).
ok "the session stopped half-way through a frame is dropped" \
    poll_until 15 listed_once "$hf"

# Let the stopped client finish: it finds its session dropped and sends
# the request again; its rename was made against revision 1, and the
# record is at revision 2 now.
kill -CONT "$hf"
ok "the stopped client goes on when continued" \
    poll_until 30 has_line "$T/hf.out" "late rc="
like "... told that its frame came too late" \
    "dropped: a request was not sent whole in time" "$(cat "$T/hf.out")"
like "... and its stale rename, sent again, is refused as a conflict" \
    "late rc=75 HF-1 was changed" "$(cat "$T/hf.out")"
run "$KONTOR" show customers HF-1
like "... leaving the newer name" '"Changed HF-1"' "$out"

stop_clients
"$KONTOR" stop >/dev/null 2>&1
reports=$(cat "$T"/asan.* 2>/dev/null | head -40)
is "no sanitizer reports" "" "$reports"

done_testing
