#!/bin/sh
# A server whose home is removed (rm -rf) or moved away while it runs
# notices within seconds (its lock file is gone from the home) and stops,
# saying why, rather than idle for hours over deleted files; run in the
# foreground it says so on stderr and exits 66 (no input).
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 7
K="$KONTOR"

# A server a client started (init's), the home removed under it.
run "$K" init --company "Удалят"
is "init" 0 "$rc"
pid=$(cat "$KONTOR_HOME/kontor.pid")
ok "a server runs for the home" running "$pid"
rm -rf "$KONTOR_HOME"
ok "the home removed: the server stops within 10 s" \
    poll_until 10 sh -c "! kill -0 $pid 2>/dev/null"

# In the foreground: said on stderr, exit 66.
H=$T/fg
"$K" --home "$H" init >/dev/null 2>&1
"$K" --home "$H" stop >/dev/null 2>&1
"$K" --home "$H" serve 2>"$T/fg.err" &
fg=$!
poll_until 10 test -S "$H/kontor.sock"
rm -rf "$H"
poll_until 10 sh -c "! kill -0 $fg 2>/dev/null"
wait "$fg"
is "in the foreground: exit 66" 66 "$?"
like "... saying the home is gone, and why" \
    "kontor: home $H gone ($H/kontor.lock" "$(cat "$T/fg.err")"

# A home moved away: not the home any more at its path.
H=$T/mv
"$K" --home "$H" init >/dev/null 2>&1
pid=$(cat "$H/kontor.pid")
mv "$H" "$T/mv.old"
ok "a home moved away: its server stops too" \
    poll_until 10 sh -c "! kill -0 $pid 2>/dev/null"
like "... its log (moved with it) says why" \
    "the home $H is gone ($H/kontor.lock is gone" \
    "$(cat "$T/mv.old/kontor.log")"
done_testing
