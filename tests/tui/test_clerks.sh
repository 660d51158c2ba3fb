#!/bin/sh
# A clerk's day as the clerks live it: each role on its own Unix login,
# through a shared socket, in a real terminal (tmux).  A sales clerk and a
# manager log a call and make a task (forms with a user field); boxes stay
# up until a key; the server restarts (stop, then kill -9) under two open
# sessions, which keep their logins and save with the right user; xterm's
# keys reach a TERM=vt100 session as keys, never as typed text.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
plan 49

clerks_setup --demo --company "ООО «Ромашка»"
clerk_add kt_sales sales "Продавцов Пётр"
clerk_add kt_manager manager "Начальников Иван"
clerk_add kt_wh warehouse "Складов Семён"

# --- sales: a call and a task from a customer's card -------------------
tui kt_sales s
ok "sales: the menu" wait_for s "Main menu"
keys s ":" "cust C-000003" Enter
ok "sales: the card" wait_for s "Deals & documents"
keys s a
ok "sales: the activity form, the user filled in" wait_for s "kt_sales"
keys s Tab Tab Tab Tab Tab
ok "sales: leaving the user field is not refused" not_shows s "permission denied"
keys s "Звонок продавца" F2
ok "sales: the call is saved" wait_for s "saved A-"
ok "sales: ... and shows in the history" wait_for s "Звонок продавца"
keys s t
ok "sales: the task form, assignee filled in" wait_for s "Tasks of C-000003"
keys s "Задача продавца" F2
ok "sales: the task is saved" wait_for s "saved T-"
ok "sales: ... and shows in the card" wait_for s "Задача продавца"
# A user field typed by hand: another clerk, then a login nobody has.
keys s t "Передать начальнику" Tab C-u "kt_manager" Tab
ok "sales: another user is accepted" not_shows s "Assignee:"
keys s BTab C-u "nobody" Tab
ok "sales: an unknown user is named" wait_for s "no record with code nobody"
keys s C-u "kt_manager" F2
ok "sales: the task for the manager is saved" wait_for s "saved T-"
run K export activities
like "the call's user is the clerk" ",kt_sales," "$(printf '%s\n' "$out" | grep 'Звонок продавца')"
run K export tasks
like "the task for the manager names him" ",kt_manager," "$(printf '%s\n' "$out" | grep 'Передать начальнику')"

# Editing a customer that has a responsible manager.
keys s Escape
keys s e
ok "sales: the customer's form" wait_for s "Responsible manager"
keys s F2
ok "sales: a customer with a manager saves" wait_for s "saved C-0000"

# --- boxes stay until a key ---------------------------------------------
keys s F1
ok "help stays up 3 s later" stays s "open the customer's card"
keys s x
ok "... and a key closes it" gone s "open the customer's card"
keys s e
wait_for s "Responsible manager" >/dev/null
keys s F1
ok "the form's keys help stays up" stays s "list of values for this field"
keys s x Escape

# --- manager: the same, and the team's tasks ----------------------------
tui kt_manager m
ok "manager: the menu" wait_for m "Main menu"
keys m ":" "cust C-000004" Enter
wait_for m "Deals & documents" >/dev/null
keys m a Tab Tab Tab Tab Tab "Звонок начальника" F2
ok "manager: the call is saved" wait_for m "Звонок начальника"
keys m ":" "po" Enter
wait_for m "Purchase orders" >/dev/null
keys m o
ok "manager: the reorder proposals stay up" stays m "Reorder proposals"
keys m x
ok "manager: then the question to order them" wait_for m "Make draft orders"
keys m n

# --- warehouse: a posted document's lines stay up -----------------------
tui kt_wh w
ok "warehouse: the menu" wait_for w "Main menu"
keys w ":" "docs" Enter
ok "warehouse: stock documents" wait_for w "Stock documents"
keys w /
keys w "posted" Enter 2>/dev/null
keys w Escape
keys w End Enter
ok "warehouse: a document's lines stay up" stays w "Line Product"
keys w x

# --- the server restarts under two open sessions ------------------------
server_restart
keys s ":" "cust C-000005" Enter
ok "after a restart: the session carries on" wait_for s "Deals & documents"
ok "... with its login on the status line" wait_for s " kt_sales | "
keys s a Tab Tab Tab Tab Tab "После перезапуска" F2
ok "... and saves" wait_for s "После перезапуска"
server_kill9
keys m ":" "cust C-000006" Enter
ok "after kill -9: the manager's session carries on" wait_for m "Deals & documents"
keys m a Tab Tab Tab Tab Tab "После kill" F2
ok "... and saves" wait_for m "После kill"
ok "... with its login on the status line" wait_for m " kt_manager | "
keys s t "Задача после kill" F2
ok "the sales session saves after the kill too" wait_for s "Задача после kill"
run K export activities
like "the call after the restart is the clerk's" ",kt_sales," "$(printf '%s\n' "$out" | grep 'После перезапуска')"
like "the call after the kill is the manager's" ",kt_manager," "$(printf '%s\n' "$out" | grep 'После kill')"
run K export tasks
like "the task after the kill is the clerk's" ",kt_sales," "$(printf '%s\n' "$out" | grep 'Задача после kill')"

# --- an administrator disables a login under its open session -----------
run K user disable kt_manager
is "the admin disables the manager" 0 "$rc"
ok "the manager's screen says so, no key pressed" \
    wait_for m "was disabled by an administrator"
ok "... and keeps saying so" stays m "was disabled by an administrator"
keys m x
ok "a key ends the session" tui_ended m

# --- TERM=vt100 on an xterm: keys terminfo lacks -------------------------
tui kt_wh v vt100
wait_for v "Main menu" >/dev/null
keys v ":" "moves" Enter
ok "vt100: the ledger" wait_for v "Stock moves"
before=$(body v)
keys v -l "$(printf '\033[H')"		# xterm's Home: the oldest moves
ok "vt100: xterm's Home moves to the oldest, not back to the menu" \
    poll_until 10 row_has v "SKU-1001" " 5 000 "
keys v -l "$(printf '\033[6~')"		# PgDn
keys v -l "$(printf '\033[1;5C')"	# Ctrl-Right: unknown here
ok "vt100: nothing typed from the sequences" not_shows v "[6~"
ok "vt100: still the ledger" shows v "Stock moves"
keys v -l "$(printf '\033[F')"		# xterm's End: the newest again
same_body() { [ "$(body v)" = "$before" ]; }
poll_until 5 same_body
is "vt100: End brings back the newest moves" "$before" "$(body v)"
keys v Escape ":" "recv" Enter
ok "vt100: receiving" wait_for v "Receiving"
keys v "MAIN" C-s
wait_for v "Scan or type" >/dev/null
ok "vt100: the Ctrl twins are in the hints" shows v "F5/^T post"
keys v -l "$(printf '\033[15~')"	# F5
ok "vt100: F5 asks to post, as F5 does" wait_for v "Post the receipt"
keys v n
ok "vt100: F5 is not typed into the scan line" not_shows v "[15~"
done_testing
