#!/bin/sh
# Work is never lost without a question: Ctrl-C asks before leaving when
# something is unsaved; a dropped line keeps the unsaved form and the
# scanned lines as drafts, offered back at the next start; a session whose
# server does not answer says so at once, counts down, and Esc quits.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
plan 35

clerks_setup --demo --company "ООО «Ромашка»"
clerk_add kt_sales sales "Продавцов Пётр"
clerk_add kt_wh warehouse "Складов Семён"
clerk_add kt_manager manager "Начальников Олег"

# --- Ctrl-C -------------------------------------------------------------
tui kt_sales s
wait_for s "Main menu" >/dev/null
keys s C-c
ok "Ctrl-C with nothing unsaved leaves at once" tui_ended s
$TM kill-session -t s
tui kt_sales s
wait_for s "Main menu" >/dev/null
keys s ":" "cust C-000003" Enter
wait_for s "Deals & documents" >/dev/null
keys s a Tab Tab Tab Tab Tab "Недописанный звонок"
keys s C-c
ok "Ctrl-C in a changed form asks first" wait_for s "not saved and will be lost"
keys s n
ok "... n keeps the form and what was typed" wait_for s "Недописанный звонок"
ok "... the session is still there" test -n "$(tui_pid s)"

# --- a dropped line keeps the form as a draft ---------------------------
p=$(tui_pid s)
$TM kill-session -t s
ok "the hung-up session ends" poll_until 10 sh -c "! kill -0 $p 2>/dev/null"
run K export drafts
like "the form is kept as a draft of the clerk" "kt_sales,form,activities" "$out"
tui kt_sales s
ok "the next start offers it back" wait_for s "throw it away"
ok "... naming it" shows s "Activities of C-000003"
keys s y
ok "the form is back with what was typed" wait_for s "Недописанный звонок"
ok "... marked restored" shows s "(restored)"
keys s F2
ok "... and saves" wait_for s "saved A-"
run K export activities
like "the call is stored, the clerk's" ",kt_sales," "$(printf '%s\n' "$out" | grep 'Недописанный звонок')"
run K export drafts
is "the draft is gone once taken" 1 "$(printf '%s\n' "$out" | wc -l)"

# An edit of a customer whose record changed meanwhile: the restored
# draft keeps the revision it was made on, so the save is a conflict.
keys s Escape ":" "cust C-000004" Enter
wait_for s "Deals & documents" >/dev/null
keys s Escape e
wait_for s "Responsible manager" >/dev/null
keys s C-u "ООО «Черновик»"
p=$(tui_pid s)
$TM kill-session -t s
poll_until 10 sh -c "! kill -0 $p 2>/dev/null"
code=$(K export drafts | sed -n 's/.*,kt_sales,form,customers,\(C-[0-9]*\),.*/\1/p')
printf 'code,name,city\n%s,ООО «Админ»,Тверь\n' "$code" >"$T/upd.csv"
chmod 644 "$T/upd.csv"
run K import customers --update "$T/upd.csv"
is "meanwhile the admin changes the customer's name and city" 0 "$rc"
tui kt_sales s
wait_for s "throw it away" >/dev/null
keys s y
ok "the draft's name against the admin's: both shown" wait_for s "theirs: ООО «Админ»"
ok "... and the clerk's" shows s "yours:  ООО «Черновик»"
keys s x
wait_for s "Keep your values there" >/dev/null
keys s y
ok "the customer's draft is back over the new record" wait_for s "ООО «Черновик»"
ok "... with the admin's city" shows s "Тверь"
keys s F2
ok "... and saves" wait_for s "saved $code"
run K export customers
like "stored: the clerk's name, the admin's city" "ООО «Черновик»" "$(printf '%s\n' "$out" | grep "^$code,.*Тверь")"
keys s Escape
$TM kill-session -t s

# --- a dropped line keeps the scans -------------------------------------
tui kt_wh w
wait_for w "Main menu" >/dev/null
keys w ":" "recv" Enter
wait_for w "Warehouse" >/dev/null
keys w "MAIN" C-s
wait_for w "Scan or type" >/dev/null
keys w "SKU-1001" Enter
keys w "SKU-1001" Enter
keys w "SKU-1002" Enter
ok "two lines scanned" wait_for w "2 lines, 3 units"
keys w C-c
ok "Ctrl-C with unsaved scans asks" wait_for w "2 scanned lines not saved"
keys w n
p=$(tui_pid w)
$TM kill-session -t w
ok "the hung-up scanner session ends" poll_until 10 sh -c "! kill -0 $p 2>/dev/null"
run K export stock_docs
like "the scans were saved as a draft receipt" "receipt,draft," "$out"
tui kt_wh w
ok "the next start offers the receipt back" wait_for w "Receipt RCP-"
keys w y
ok "the receipt opens with its lines" wait_for w "2 lines, 3 units"

# A hang-up or a TERM while the date picker is open ends the session (it
# spun on the hang-up key before, surviving even TERM) and keeps the form.
# (Each its own clerk: the next start would offer the first one's draft.)
for how in hangup term; do
	[ $how = term ] && who=kt_manager || who=kt_sales
	tui $who f
	wait_for f "Main menu" >/dev/null
	keys f ":" "task" Enter
	wait_for f "Tasks" >/dev/null
	keys f n
	wait_for f "New task" >/dev/null
	keys f "Picker $how" Tab Tab F4
	ok "the date picker opens ($how)" wait_for f "Mo Tu We"
	p=$(tui_pid f)
	if [ $how = term ]; then kill -TERM "$p"; else $TM kill-session -t f; fi
	ok "... the session ends on a $how" \
	    poll_until 10 sh -c "! kill -0 $p 2>/dev/null"
	$TM kill-session -t f 2>/dev/null
	run K export drafts
	like "... and the form is kept as a draft" "title=Picker $how" "$out"
done

# --- the server does not answer -----------------------------------------
clerks_stop
tui kt_sales d
ok "no server: said at once" wait_for d "The server is not answering"
ok "... with a count-down" wait_for d "s left"
keys d Escape
ok "Esc quits" wait_for d "you stopped waiting"
server_start
done_testing
