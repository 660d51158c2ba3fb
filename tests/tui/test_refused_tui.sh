#!/bin/sh
# A session whose server comes back with a socket the clerk may not reach
# (a server started without --socket-group: mode 0600) says why, in the
# server-down box, and still takes Esc (stop waiting) and F10 (quit); it
# froze silently, retrying connect every 100 ms (session 26, S 3).
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
plan 17

clerks_setup --company "ООО «Ромашка»"
clerk_add kt_manager sales,warehouse "Отгрузкин Олег"
clerks_one_order

# refused_server: the server killed, and one for the owner alone instead.
refused_server() {
	kill -9 "$srv" 2>/dev/null
	wait "$srv" 2>/dev/null
	"$KONTOR" --socket "$SOCK" serve >/dev/null 2>&1 &
	srv=$!
	poll_until 10 "$KONTOR" --socket "$SOCK" status >/dev/null 2>&1
}

tui kt_manager a
wait_for a "Main menu" >/dev/null
keys a ":" "order $SO" Enter
wait_for a "Order $SO  confirmed" >/dev/null
refused_server
is "the new socket is the owner's alone" 600 "$(stat -c %a "$SOCK")"
keys a ":" "inv" Enter
ok "refused at the socket: the server-down box says why" \
    wait_for a "Permission denied"
ok "... naming the socket" wait_for a "$SOCK"
keys a Escape
ok "Esc: the box goes" gone a "Esc: stop waiting"
keys a F10
ok "F10: the session ends" tui_ended a
ok "... exit 0" wait_for a "[kontor exited 0]"

# F10 while the box is up: the session ends too.
tui kt_manager b
ok "a new session is refused at the socket, and says so" \
    wait_for b "Permission denied"
clerks_stop
server_start
tui kt_manager c
wait_for c "Main menu" >/dev/null
refused_server
keys c ":" "inv" Enter
wait_for c "Permission denied" >/dev/null
keys c F10
ok "F10 with the box up: the session ends" tui_ended c
clerks_stop
server_start
ok "the shared socket again" test "$(stat -c %a "$SOCK")" = 660

# The home screen with the server gone (S 7): the box names the socket
# (it said "not answering" twice), Esc puts it away for good, not for the
# 2 s until the screen's next look, and once the server answers again the
# status line no longer says the wait was stopped.
TUI_START=home tui kt_manager h
wait_for h "Home" >/dev/null
clerks_stop
ok "home screen, server gone: the box names the socket" \
    wait_for h "no server answers at $SOCK"
keys h Escape
ok "Esc: the box goes" gone h "Esc: stop waiting"
ok "... the status line says the wait was stopped" \
    wait_for h "you stopped waiting"
sleep 4
ok "... and the box stays away as the screen looks again" \
    not_shows h "Esc: stop waiting"
server_start
ok "the server back: the status line forgets the stopped wait" \
    gone h "you stopped waiting"
keys h F10
ok "... and the session quits" tui_ended h

# A session ended by the server (its login disabled) exits 77, as the man
# page says (it exited 0).
tui kt_manager d
wait_for d "Main menu" >/dev/null
K user disable kt_manager >/dev/null 2>&1
wait_for d "was disabled by an administrator" >/dev/null
keys d x
ok "disabled: the session ends" tui_ended d
ok "... exit 77" wait_for d "[kontor exited 77]"
done_testing
