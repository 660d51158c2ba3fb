#!/bin/sh
# A server started by a client after the home's server was killed serves
# as that one was served (its socket group first: else every clerk is
# refused at the socket); and `kontor serve --daemon` while a server runs
# says so, in the person's language, with 75 (session 26, S 1-2).
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
[ "$(id -u)" = 0 ] || skip_all "not root: cannot create a group"
G=kontorsock
getent group $G >/dev/null || groupadd $G || skip_all "groupadd failed"
plan 25
K="$KONTOR"
LOG=$KONTOR_HOME/kontor.log
SOCK=$KONTOR_HOME/kontor.sock

"$K" init --company "Снова" >/dev/null 2>&1
"$K" stop >/dev/null 2>&1
run "$K" serve --socket-group $G --cache-size 64M --daemon
is "serve --daemon with a group: exit 0" 0 "$rc"
ok "... it listens when serve returns" test -S "$SOCK"
is "... the socket is the group's" "660 $G" "$(stat -c '%a %G' "$SOCK")"

# The admin's fix while a server runs: refused, said, 75.
run "$K" serve --socket-group $G --daemon
is "serve --daemon while a server runs: exit 75" 75 "$rc"
like "... and says so" "a server is already running for $KONTOR_HOME" "$err"
LANG=ru_RU.UTF-8 LC_ALL=ru_RU.UTF-8 LANGUAGE= run "$K" --lang ru serve \
    --socket-group $G
is "serve in a Russian session: exit 75" 75 "$rc"
like "... and says so in Russian" "сервер для $KONTOR_HOME уже запущен" \
    "$err"

# kill -9, and an admin command starts the next server: it serves as the
# killed one did.
pid=$(cat "$KONTOR_HOME/kontor.pid")
kill -9 "$pid"
poll_until 10 sh -c "! kill -0 $pid 2>/dev/null"
run "$K" export warehouses
is "after kill -9 an export starts a server: exit 0" 0 "$rc"
is "... its socket is still the group's" "660 $G" \
    "$(stat -c '%a %G' "$SOCK")"
like "... its log says the group" "socket $SOCK, group $G;" \
    "$(grep 'started: pid' "$LOG" | tail -1)"

# A server started by hand with no group: so serves the next one.
"$K" stop >/dev/null 2>&1
run "$K" serve --daemon
is "serve --daemon without a group: exit 0" 0 "$rc"
pid=$(cat "$KONTOR_HOME/kontor.pid")
kill -9 "$pid"
poll_until 10 sh -c "! kill -0 $pid 2>/dev/null"
run "$K" export warehouses
is "... after kill -9, started again: exit 0" 0 "$rc"
is "... the socket is the owner's alone, as it was" 600 \
    "$(stat -c '%a' "$SOCK")"

# Served by hand at another socket (/run/kontor/k.sock on a system): it
# is kept too, and after kill -9 an admin command with no --socket or
# KONTOR_SOCKET starts the next server there, where the clerks look,
# not at the home's own.
"$K" stop >/dev/null 2>&1
mkdir "$T/run"
RSOCK=$T/run/k.sock
run "$K" serve --socket "$RSOCK" --socket-group $G --daemon
is "serve --socket elsewhere --daemon: exit 0" 0 "$rc"
like "... kontor.serve keeps the socket" "socket=$RSOCK" \
    "$(cat "$KONTOR_HOME/kontor.serve")"
pid=$(cat "$KONTOR_HOME/kontor.pid")
kill -9 "$pid"
poll_until 10 sh -c "! kill -0 $pid 2>/dev/null"
rm -f "$RSOCK"
run "$K" export warehouses
is "after kill -9 an export with no socket given starts a server: exit 0" \
    0 "$rc"
is "... it listens at the kept socket, the group's" "660 $G" \
    "$(stat -c '%a %G' "$RSOCK" 2>&1)"
ok "... not at the home's own" test ! -e "$SOCK"
KONTOR_SOCKET=$RSOCK run "$K" status
like "... where a clerk given that socket finds it" "socket    $RSOCK" "$out"
# By hand with no --socket: the home's own again, and none kept.
"$K" stop >/dev/null 2>&1
ok "kontor stop found it there and stopped it" test ! -e "$RSOCK"
run "$K" serve --daemon
ok "serve by hand without --socket: at the home's own" test -S "$SOCK"
is "... and no socket kept" "" \
    "$(grep '^socket=' "$KONTOR_HOME/kontor.serve")"

# A broken record: the client is told where, and starts no other.
"$K" stop >/dev/null 2>&1
printf 'socket-groupe=%s\n' $G >"$KONTOR_HOME/kontor.serve"
run "$K" export warehouses
like "a bad kontor.serve: the client says which line" \
    "kontor.serve: line 1: an option of kontor serve expected" "$err"

# The group kept was deleted since: the client is told it was kept there.
printf '# kept\nsocket-group=%s\n' kontorsock-gone >"$KONTOR_HOME/kontor.serve"
run "$K" export warehouses
is "a deleted group in kontor.serve: exit 78" 78 "$rc"
like "... naming the file, the line and the group" \
    "kontor.serve: line 2: socket group 'kontorsock-gone' does not exist" \
    "$err"
done_testing
