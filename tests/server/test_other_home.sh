#!/bin/sh
# A home chosen by --home (or KONTOR_HOME) and a socket whose server
# serves another home (KONTOR_SOCKET left set): the command stops, naming
# both, and acts on neither; it imported into the other home, and stop
# stopped the other's server (session 26, S 4).
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 16
K="$KONTOR"
SOCK=$T/x.sock

"$K" init --company "Икс" >/dev/null 2>&1
"$K" stop >/dev/null 2>&1
"$K" serve --socket "$SOCK" --daemon
printf 'code,name\nW1,Склад\n' >"$T/w.csv"

KONTOR_SOCKET=$SOCK run "$K" --home "$T/other" import warehouses "$T/w.csv"
is "--home of another with KONTOR_SOCKET: import exits 69" 69 "$rc"
like "... naming both homes and the socket" \
    "the server at $SOCK serves the home $KONTOR_HOME, not $T/other" "$err"
run "$K" --socket "$SOCK" export warehouses
no_w1() { ! printf '%s\n' "$out" | grep -q '^W1,'; }
ok "... and nothing was imported" no_w1

KONTOR_SOCKET=$SOCK run "$K" --home "$T/other" stop
is "stop for another home: exit 0 (none runs for it)" 0 "$rc"
like "... saying why" "serves the home $KONTOR_HOME, not $T/other" "$err"
run "$K" --socket "$SOCK" status
is "... and the server at the socket still runs" 0 "$rc"

KONTOR_HOME=$T/other KONTOR_SOCKET=$SOCK run "$K" export warehouses
is "KONTOR_HOME of another: exit 69" 69 "$rc"
# The same home, written otherwise: served.
KONTOR_SOCKET=$SOCK run "$K" --home "$KONTOR_HOME/" export warehouses
is "the same home with a trailing slash: served" 0 "$rc"
(cd "$T" && KONTOR_SOCKET=$SOCK run "$K" --home home export warehouses &&
    exit $rc)
is "the same home, relative: served" 0 "$?"
# No home chosen: the socket's server is the home's (a clerk's setting).
KONTOR_SOCKET=$SOCK KONTOR_HOME= run "$K" export warehouses
is "KONTOR_SOCKET alone: served" 0 "$rc"
# --socket on the command line says which server is meant, whatever
# KONTOR_HOME a login's profile sets; --home with it must match.
KONTOR_HOME=/nonexistent run "$K" --socket "$SOCK" export warehouses
is "--socket with KONTOR_HOME of nothing: served" 0 "$rc"
run "$K" --home "$T/other" --socket "$SOCK" export warehouses
is "--home of another with --socket: exit 69" 69 "$rc"
like "... what to change" "not $T/other: give the socket of $T/other's server (--socket), or leave out --home" "$err"
# The server gone, a clerk's command given only the socket (its default
# home, from the config file, is not there) waits for the server and is
# served when it is back, rather than told to run kontor init.
"$K" --socket "$SOCK" stop >/dev/null 2>&1
printf 'home = %s\n' "$T/nohome" >"$T/clerk.conf"
KONTOR_CONF=$T/clerk.conf KONTOR_HOME= "$K" --socket "$SOCK" \
    export warehouses >"$T/late.out" 2>"$T/late.err" &
late=$!
pids="$pids $late"
sleep 1	# its first attempts find no server
"$K" serve --socket "$SOCK" --daemon
wait "$late"
is "... the waiting command served once the server is back" 0 "$?"
like "... its export" "code,name,address" "$(cat "$T/late.out")"
is "... and no word of a missing home" "" "$(grep -i 'no kontor home' "$T/late.err")"
"$K" --socket "$SOCK" stop >/dev/null 2>&1
done_testing
