#!/bin/sh
# The keyboard grammar's promises at the edges, as the clerks met them:
# :q asks about unsaved work as F10 does; a scan typed while F1's help is
# up loses no digit; a box open across a resize has the screen under it
# laid out again; a message too long for the status line can be read
# whole; lists right-align money; the fast path names the clerk's
# screens; F4 starts from what is typed.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
plan 33

clerks_setup --demo --company "ООО «Ромашка»"
clerk_add kt_sales sales "Продавцов Пётр"
clerk_add kt_wh warehouse "Складов Семён"
clerk_add kt_manager manager "Начальников Олег"

# --- :q asks as F10 does ------------------------------------------------
# An order with a line not yet saved: :q from the scan field, and from
# the line list after Esc.
new_order() {
	tui kt_sales "$1" vt100
	wait_for "$1" "Main menu" >/dev/null
	keys "$1" ":" "order" Enter
	wait_for "$1" "n new" >/dev/null
	keys "$1" n F4
	sleep 0.3
	keys "$1" Enter Tab Tab F4
	sleep 0.3
	keys "$1" Enter F2
	wait_for "$1" "SKU, scan or name" >/dev/null
	keys "$1" 4607000100011 Enter
	wait_for "$1" "1 lines" >/dev/null || wait_for "$1" "1 line " >/dev/null
}
new_order q
keys q ":" "q" Enter
ok ":q in the scan field with a line unsaved asks first" \
    wait_for q "Leave kontor and lose it?"
keys q n
ok "... n: the session and the line stay" wait_for q "SKU-1001"
keys q Escape ":" "q" Enter
ok ":q after Esc in the line list asks too" \
    wait_for q "Leave kontor and lose it?"
keys q y
ok "... y leaves" tui_ended q
$TM kill-session -t q

# --- a refusal too long for the status line -----------------------------
# C-000003 owes past its due date: confirming its order is refused, the
# order's number said once, the line cut and marked, F1 has it whole.
new_order o
keys o F2
wait_for o "saved" >/dev/null
keys o F5
wait_for o "y: yes" >/dev/null
keys o y
ok "the credit refusal names the order" wait_for o "overdue (owes"
ok "... once" sh -c "! $TM capture-pane -p -t o | grep -q 'SO-[0-9-]*: SO-'"
ok "... cut and marked" sh -c "$TM capture-pane -p -t o | tail -1 | grep -q '…\$'"
keys o F1
ok "F1 shows the message whole" wait_for o "manager may confirm it anyway"
keys o Escape

# --- lists: money at the right; a shipment's customer by name -----------
# width PANE TEXT: the columns of the row holding TEXT, trailing spaces off.
width() {
	screen "$1" | grep -F -- "$2" | head -1 | sed 's/ *$//' |
	    LC_ALL=C.UTF-8 wc -m
}
keys o Escape Escape ":" "order" Enter
wait_for o "Total with VAT" >/dev/null
ok "the orders list: a small total ends where its heading does" \
    test "$(width o "Total with VAT")" = "$(width o " 8,64")"
ok "... and so does a big one" \
    test "$(width o "Total with VAT")" = "$(width o "2 090,88")"

# --- F4 starts from what is typed ----------------------------------------
keys o Escape ":" "order" Enter
wait_for o "Total with VAT" >/dev/null
keys o n
wait_for o "Customer" >/dev/null
keys o "Ром" F4
ok "F4 after Ром: the list starts narrowed to it" \
    wait_for o "> Ром"
ok "... Ромашка in it" shows o "ООО «Ромашка»"
ok "... another not" not_shows o "АО «Альянс»"
keys o Escape Escape
wait_for o "Discard" >/dev/null && keys o y
keys o Escape

# --- the fast path: document numbers, and the clerk's own screens --------
keys o ":" "so 2" Enter
ok ":so 2 opens this year's order SO-YYYY-000002" \
    wait_for o "Order SO-$(date +%Y)-000002"
keys o ":" "INV-$(date +%Y)-000003" Enter
ok "a whole number opens its document" \
    wait_for o "Invoice INV-$(date +%Y)-000003"
keys o ":" "xyz" Enter
ok "an unknown code names the clerk's screens" \
    wait_for o "no screen 'xyz' (:menu, :home, :cust"
keys o F1
ok "... F1 has them all" wait_for o "The last message, whole:"
ok "... not a warehouse one" not_shows o ":recv"
keys o Escape
$TM kill-session -t o

# --- a scan while F1's help is up ---------------------------------------
tui kt_wh h vt100
wait_for h "Main menu" >/dev/null
keys h ":" "recv" Enter
wait_for h "Warehouse" >/dev/null
keys h F4
sleep 0.3
keys h Enter F2
wait_for h "Scan or type" >/dev/null
keys h F1
ok "F1's help stays up until a key" stays h "key closes"
keys h 4607000100011 Enter
ok "a scan typed over the help: every digit reaches the field" \
    wait_for h "+1 SKU-1001"
ok "... none lost" not_shows h "607000100011"

# --- a resize under a box -----------------------------------------------
keys h F1
wait_for h "key closes" >/dev/null
$TM resize-window -t h -x 100 -y 30
ok "resized under the help: the status line on the new last row" \
    poll_until 10 sh -c "$TM capture-pane -p -t h | sed -n 30p | grep -q 'kt_wh |'"
ok "... none left on the old one" \
    sh -c "! $TM capture-pane -p -t h | sed -n 24p | grep -q 'kt_wh |'"
keys h Escape F5
wait_for h "y: yes" >/dev/null
$TM resize-window -t h -x 80 -y 24
ok "resized under a question: the status line on row 24" \
    poll_until 10 sh -c "$TM capture-pane -p -t h | sed -n 24p | grep -q 'kt_wh |'"
ok "... the question still up" shows h "y: yes"
keys h n F2
wait_for h "saved" >/dev/null
$TM kill-session -t h

tui kt_wh w vt100
wait_for w "Main menu" >/dev/null
# --- :docs posts drafts only ---------------------------------------------
keys w ":" "docs" Enter
wait_for w "posted" >/dev/null
keys w Home p
ok ":docs: p on a posted document is refused at once" \
    wait_for w "only a draft is posted"
ok "... with no question first" not_shows w "y: yes"
keys w Escape
keys w ":" "ship" Enter
ok "a warehouse clerk's :ship names the customer" \
    wait_for w "SHP-2026-000006 ООО «Лидер»"
keys w Enter
ok "... so does the shipment" wait_for w "Customer ООО «Лидер»"
keys w r
wait_for w "Return (new)" >/dev/null
ok "a return made from it names the customer before it is saved" \
    wait_for w "Customer ООО «Лидер»   Shipment SHP-2026-000006"
$TM kill-session -t w

# --- :rep: names whole, titles to the width ------------------------------
tui kt_manager m vt100
wait_for m "Main menu" >/dev/null
keys m ":" "rep" Enter
ok ":rep: a long report name whole" wait_for m "customers-by-status "
ok "... the titles without their options" not_shows m "(--"
ok "... none past the edge" test "$(screen m | LC_ALL=C.UTF-8 wc -L)" -le 80
$TM kill-session -t m
