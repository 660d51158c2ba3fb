#!/bin/sh
# A session whose terminal goes away (a clerk's SSH connection dropped,
# the window closed) ends within a few seconds whatever it was doing: at
# the menu, in a form, with a question open, while the server is stopped,
# after the server restarted under it, while a request waits on a server
# that does not answer (SIGSTOPped), after a resize.  Never a process left
# behind (spinning at full CPU, as ASan builds' sessions did inside
# LeakSanitizer's exit check).  Each as a clerk, in its own tmux pane.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
plan 20

clerks_setup --company "ООО «Ромашка»"
clerk_add kt_sales sales "Продавцов Пётр"
clerk_add kt_manager sales,warehouse "Отгрузкин Олег"
clerk_add kt_wh warehouse "Складов Семён"
clerks_one_order

# hang_up PANE [SECONDS]: close the pane (its terminal hangs up); its
# kontor must be gone within SECONDS (3).  One left behind is shown and
# killed.
# Gone: no such process, or a zombie (it has ended; init, its parent once
# the pane's shell is gone, reaps it when it gets to it, slowly under load).
gone_pid() {
	! kill -0 "$1" 2>/dev/null ||
	    grep -q '^State:[[:space:]]*Z' /proc/"$1"/status 2>/dev/null
}
hang_up() {
	_hp=$(tui_pid "$1")
	[ -n "$_hp" ] || { echo "# no session in pane $1" >&2; return 1; }
	$TM kill-session -t "$1"
	poll_until "${2:-3}" gone_pid "$_hp" && return 0
	sleep 1
	ps -o pid,ppid,stat,pcpu,wchan:24,args -p "$_hp" | sed 's/^/# /' >&2
	cat /proc/"$_hp"/status 2>/dev/null | grep -E 'State|TracerPid' |
	    sed 's/^/# /' >&2
	kill -9 "$_hp" 2>/dev/null
	return 1
}

# --- at the menu; in a form -----------------------------------------------
tui kt_wh a
wait_for a "Main menu" >/dev/null
ok "at the menu: the session ends" hang_up a

# Four at once (an ASan build's session spun in LeakSanitizer's exit
# check one time in two or three).
for n in 1 2 3 4; do
	tui kt_wh m$n
done
for n in 1 2 3 4; do
	wait_for m$n "Main menu" >/dev/null
done
pids=$(for n in 1 2 3 4; do tui_pid m$n; done)
for n in 1 2 3 4; do
	$TM kill-session -t m$n
done
all_gone() { for _p in $pids; do gone_pid $_p || return 1; done; }
if poll_until 3 all_gone; then
	pass "four hung up at once: all end"
else
	fail "four hung up at once: all end" "$(ps -o pid,ppid,stat,pcpu,args -p "$(echo $pids | tr ' ' ,)")"
	kill -9 $pids 2>/dev/null
fi

tui kt_sales b
wait_for b "Main menu" >/dev/null
keys b ":" "cust ROMASHKA" Enter
wait_for b "Deals & documents" >/dev/null
keys b a Tab Tab Tab Tab Tab "Звонок"
ok "in a changed form: ends" hang_up b
run K export drafts
like "... keeping the form as a draft" "kt_sales,form,activities" "$out"

# --- a question open ------------------------------------------------------
tui kt_manager c
wait_for c "Main menu" >/dev/null
keys c ":" "order $SO" Enter
wait_for c "Order $SO  confirmed" >/dev/null
keys c S
ok "a question open" wait_for c "and post it?"
ok "... ends" hang_up c
is "... and nothing was shipped" "" "$(K export shipments | grep SHP-)"

# --- help open, after a resize --------------------------------------------
tui kt_wh d
wait_for d "Main menu" >/dev/null
$TM resize-window -t d -x 100 -y 30 2>/dev/null
keys d F1
ok "help open after a resize" wait_for d "this help"
ok "... ends" hang_up d

# --- the server stopped under the session ----------------------------------
tui kt_manager e
wait_for e "Main menu" >/dev/null
keys e ":" "order $SO" Enter
wait_for e "Order $SO  confirmed" >/dev/null
clerks_stop
keys e Escape ":" "cust ROMASHKA" Enter
ok "the server stopped: said" wait_for e "The server is not answering"
ok "... the terminal goes: ends" hang_up e
server_start

# --- a request waits on a server that does not answer ----------------------
tui kt_manager g
wait_for g "Main menu" >/dev/null
keys g ":" "order $SO" Enter
wait_for g "Order $SO  confirmed" >/dev/null
kill -STOP "$srv"
keys g Escape
sleep 1
# It waits its answer for the session's grace (10 s), then ends.
ok "a request waiting on a stopped server: the terminal goes, it ends" \
    hang_up g 14
kill -CONT "$srv"
srv_up() { K status >/dev/null 2>&1; }
ok "the server answers again" poll_until 10 srv_up

# --- the server restarted under it, then the terminal closed ---------------
tui kt_manager f
wait_for f "Main menu" >/dev/null
keys f ":" "cust ROMASHKA" Enter
wait_for f "Deals & documents" >/dev/null
keys f a Tab Tab Tab Tab Tab "После перезапуска"
server_restart
ok "the server restarted, a form open: ends" hang_up f
run K export drafts
like "... the form kept on the new server" "После перезапуска" "$out"

# --- TERM and HUP sent straight to it, the drafts' question open --------
# (kt_sales and kt_manager have drafts kept above: each start asks.)
for sig in HUP TERM; do
	[ $sig = HUP ] && who=kt_sales || who=kt_manager
	tui $who h
	ok "SIG$sig: the drafts' question open" wait_for h "throw it away"
	p=$(tui_pid h)
	kill -$sig "$p"
	ok "... SIG$sig: it ends" poll_until 3 gone_pid "$p"
	kill -9 "$p" 2>/dev/null
	$TM kill-session -t h 2>/dev/null
done

run K check
is "kontor check" 0 "$rc"
