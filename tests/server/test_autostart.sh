#!/bin/sh
# A client starts a server for its home when none answers (as tmux does),
# but not again and again when the servers it starts die: it says why,
# with the end of kontor.log, and stops (issue 9, section 1).
#
# The faults: KONTOR_TEST_CRASH=abort makes a server abort as it starts
# (a crash, which it tells its client on the ready pipe before dying);
# =kill makes it SIGKILL itself (a death without a word: the client tries
# a few times, then gives up); a broken database makes the start fail
# (the server says why, once).
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 23
K="$KONTOR"
LOG=$KONTOR_HOME/kontor.log
count() { grep -c -- "$1" "$LOG"; }

run "$K" init --company "Autostart"
is "init" 0 "$rc"
run "$K" stop
is "stop" 0 "$rc"

# A crash: told at once, with the log's last lines; one server only.
t0=$(now_ms)
KONTOR_TEST_CRASH=abort run "$K" export customers
t1=$(now_ms)
is "a server that crashes as it starts: exit 69" 69 "$rc"
like "... the client says it crashed, and of what" \
    "the server for $KONTOR_HOME crashed as it started: SIGABRT" "$err"
like "... and what the log says at its end" \
    "the end of $KONTOR_HOME/kontor.log:" "$err"
like "... (the log's last line: the crash)" "crashed: SIGABRT" "$err"
is "... one server was started, not one a second" 1 \
    "$(count 'fatal: KONTOR_TEST_CRASH=abort')"
ok "... and the client stopped at once ($((t1 - t0)) ms)" \
    test $((t1 - t0)) -lt 5000

# Deaths without a word (SIGKILL): a few tries, then the client stops.
before=$(count 'recovered after an unclean stop')
KONTOR_TEST_CRASH=kill run "$K" export customers
is "servers killed as they start: exit 69" 69 "$rc"
like "... the client says they died young" \
    "5 servers started for $KONTOR_HOME in a row died within 10 s, saying nothing" \
    "$err"
is "... five were started, no more" 5 \
    "$(($(count 'recovered after an unclean stop') - before))"

# A start that fails: the server's own words, once.
cp "$KONTOR_HOME/sys.db" "$T/sys.db"
printf 'not a database at all, not at all, not at all\n' \
    >"$KONTOR_HOME/sys.db"
before=$(count 'start failed')
run "$K" export customers
is "a server that cannot open the home: exit 69" 69 "$rc"
like "... the client tells the server's reason" \
    "the server could not start: " "$err"
like "... naming the database" "sys.db" "$err"
is "... one server tried" 1 "$(($(count 'start failed') - before))"

# Mended: the next command starts a server that works.
cp "$T/sys.db" "$KONTOR_HOME/sys.db"
run "$K" export customers
is "with the home mended, a server starts and answers" 0 "$rc"
run "$K" check
is "... and check passes" 0 "$rc"

# The home's server listens at another socket (an admin's --socket): a
# client given the home's own socket is told where, and starts none of
# its own; the lock file names it.  (One given no socket follows the one
# kontor.serve keeps: tests/server/test_serve_again.sh.)
run "$K" stop
"$K" serve --socket "$T/other.sock" --daemon
run "$K" --socket "$T/other.sock" export customers
is "a server at another socket answers there" 0 "$rc"
before=$(grep -c 'started: pid' "$LOG")
t0=$(now_ms)
run "$K" --socket "$KONTOR_HOME/kontor.sock" export customers
t1=$(now_ms)
is "a client at the home's socket: exit 69" 69 "$rc"
like "... told where the home's server listens" \
    "the server for $KONTOR_HOME listens at $T/other.sock, not at $KONTOR_HOME/kontor.sock: give --socket $T/other.sock" \
    "$err"
ok "... at once ($((t1 - t0)) ms), no server of its own started" \
    test $((t1 - t0)) -lt 5000 -a \
    "$(grep -c 'started: pid' "$LOG")" -eq "$before"
run "$K" serve --socket "$T/third.sock"
like "kontor serve by hand says where the home's server is" \
    "a server is already running for $KONTOR_HOME, at the socket $T/other.sock" \
    "$err"
run "$K" --socket "$T/other.sock" stop
run "$K" check
is "stopped there, a client starts one again" 0 "$rc"

done_testing
