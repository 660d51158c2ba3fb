#!/bin/sh
# The lock table after a large import (issue 16, the server's memory):
# Berkeley DB keeps the structures of the import's page locks until the
# environment closes (some hundred megabytes after 10,000,000 rows), so
# past a threshold the server opens its database afresh before it
# answers.  kontor status shows the lock structures allocated: back to a
# fresh server's count; the data, its indexes and the audit chain are
# whole; other sessions' requests during the import and the refresh get
# their answers.  KONTOR_TEST_REFRESH_LOCKS lowers the threshold (20,000
# structures; an import of 5,000 rows takes some hundreds) for the test.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 17
K="$KONTOR"
LC_ALL=C
LANGUAGE=
export LC_ALL LANGUAGE
N=5000
BIG=20000	# enough to outgrow a fresh lock table whatever the index keys

rows() {	# rows FILE FIRST COUNT
	awk -v f="$2" -v n="$3" 'BEGIN {
		print "code,name,kind,phone"
		for (i = f; i < f + n; i++)
			printf "R%06d,Фирма %d,company,+7 495 %07d\n", i, i, i
	}' >"$1"
}
locks() {	# the lock structures allocated, from kontor status
	"$K" status | sed -n 's/^locks *\([0-9]*\) allocated.*/\1/p'
}
stopped() { ! "$K" status >/dev/null 2>&1; }
start() { "$K" export customers >/dev/null; }	# a client starts it
refreshed() { grep -q "opened afresh" "$KONTOR_HOME/kontor.log"; }

"$K" init --company "ООО Тест" >/dev/null 2>&1
"$K" stop >/dev/null 2>&1
poll_until 10 stopped
rows "$T/a.csv" 1 $BIG
rows "$T/b.csv" $((BIG + 1)) $N

# The default threshold: an import of 20,000 rows leaves the lock table
# grown (the structures stay), and the server as it was.
start
run "$K" status
like "kontor status shows the lock table" " allocated, at most " "$out"
fresh=$(locks)
run "$K" import customers "$T/a.csv"
is "an import of $BIG rows" 0 "$rc"
after=$(locks)
ok "... leaves more lock structures allocated ($fresh -> $after)" \
    test "$after" -gt "$fresh"
ok "... and no refresh under the default threshold" sh -c "! grep -q 'opened afresh' '$KONTOR_HOME/kontor.log'"
"$K" stop >/dev/null 2>&1
poll_until 10 stopped

# A low threshold: the next import's lock table is let go.  Meanwhile
# another client reads, connection after connection.
KONTOR_TEST_REFRESH_LOCKS=100
export KONTOR_TEST_REFRESH_LOCKS
start
fresh=$(locks)
(
	i=0
	while [ ! -f "$T/done" ] && [ $i -lt 500 ]; do
		"$K" export customers >/dev/null 2>>"$T/reader.err" ||
		    echo "export failed" >>"$T/reader.err"
		i=$((i + 1))
	done
) &
reader=$!
pids="$pids $reader"
run "$K" import customers "$T/b.csv"
is "an import of $N more rows" 0 "$rc"
ok "... the server opened its database afresh, right after its answer" poll_until 10 refreshed
like "... and said why, in its log" \
    "ms: the lock table had " \
    "$(grep 'opened afresh' "$KONTOR_HOME/kontor.log")"
after=$(locks)
ok "... the lock structures are back to a fresh server's ($after <= $fresh)" \
    test "$after" -le "$fresh"
touch "$T/done"
wait "$reader"
is "... the other client's exports all answered" "" "$(cat "$T/reader.err")"
is "all $((BIG + N)) rows are there" "$((BIG + N))" \
    "$("$K" export customers | sed 1d | wc -l)"
run "$K" show customers R009876
like "a row found by its code (the index opened again)" "Фирма 9876" "$out"
run "$K" check
is "kontor check passes" 0 "$rc"
# Writes go on after the refresh.
rows "$T/c.csv" $((BIG + N + 1)) 10
run "$K" import customers "$T/c.csv"
is "and the next import too" 0 "$rc"

# A request that holds the store: an export whose reader stopped reading
# (its frames fill the socket).  The refresh waits 2 s for it, no more:
# the import answers, the server says why it did not refresh, and serves.
mkfifo "$T/fifo"
"$K" export customers >"$T/fifo" 2>/dev/null &
exporter=$!
pids="$pids $exporter"
exec 3<"$T/fifo"
rows "$T/d.csv" $((BIG + N + 11)) $N
t0=$(now_ms)
run "$K" import customers "$T/d.csv"
t1=$(now_ms)
is "an import while an export is stuck" 0 "$rc"
gaveup() { grep -q "not opened afresh yet: a request has held the store" \
    "$KONTOR_HOME/kontor.log"; }
ok "... the refresh, after its answer, gave up waiting for it" \
    poll_until 10 gaveup
run "$K" status
is "... and the server answers the next request" 0 "$rc"
exec 3<&-
wait "$exporter" 2>/dev/null
ok "... the import waited no more than some seconds ($((t1 - t0)) ms)" \
    test $((t1 - t0)) -lt 30000
