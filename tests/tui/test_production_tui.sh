#!/bin/sh
# Production's screens as the people who use them, on the demo's assembly
# shop at 80x24 under vt100: the planner (kt_prod, role production) sees
# each BOM's count of lines in the list, reads a two-level BOM's tree for 3 boards (the cable of the harness inside
# with its scrap), is refused a line that would make a BOM contain
# itself, is refused the release of an order short of components with
# every one named, completes 2 of a released order scanning a breaker's
# barcode 3 times (the BOM says 8: the reason is asked), then closes it:
# the ledger through kontor check and kontor stock.  The warehouse clerk
# (kt_wh) sees the released order as a pick list, marks a line brought and
# prints the list (P: the line ticked in the PDF), and cannot release.  :sched shows a day over a work centre's hours
# reversed with '!', and moving one of its orders a day later clears it.
# The schedule and the tree again in Russian.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
plan 48

clerks_setup --demo
clerk_unix kt_prod || skip_all "cannot create Unix user kt_prod"
clerk_add kt_prod production "Сборщиков Пётр"
clerk_add kt_wh warehouse "Складов Семён"
Y=$(date +%Y)
MO3=MO-$Y-000003	# released, 5 boards
MO4=MO-$Y-000004	# a draft short of the case and the harness

# A work centre of its own (every day 8 h), a BOM of an hour a board on it
# and two drafts of 5 boards on the same day two days on: 10 h of 8.
D=$(date -d '+2 days' +%Y-%m-%d)
printf 'code,name,hours_per_day,days\nTST,Test bench,8,1234567\n' >"$T/wc.csv"
printf 'product,version,yield,component,quantity,work_centre,hours\nSKU-2003,T,1,SKU-1001,1,TST,1\n' >"$T/b.csv"
chmod 644 "$T"/*.csv
K import work_centres "$T/wc.csv" >/dev/null 2>&1
K import boms "$T/b.csv" >/dev/null 2>&1
BT=$(K export boms 2>/dev/null | awk -F, '$3 == "T" { print $1 }')
cat >"$T/o.csv" <<CSV
kind,product,qty,bom,comp_warehouse,fg_warehouse,date,start,finish
produce,SKU-2003,5,$BT,MAIN,MAIN,$D,$D,$D
produce,SKU-2003,5,$BT,MAIN,MAIN,$D,$D,$D
CSV
chmod 644 "$T/o.csv"
run K import production_orders "$T/o.csv"
is "two drafts on the test bench" 0 "$rc"

# field of a CSV export's row whose first column is key
cell() {
	K export "$1" 2>/dev/null | tr -d '\r' | awk -F, -v k="$2" -v c="$3" \
	    'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	    $1 == k { print $h[c] }'
}
onhand() {
	K stock "$1" --format csv 2>/dev/null | tr -d '\r' |
	    awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	    $h["warehouse"] == "MAIN" { print $h["on_hand"] }'
}
reserved() {
	K stock "$1" --format csv 2>/dev/null | tr -d '\r' |
	    awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	    $h["warehouse"] == "MAIN" { print $h["reserved"] }'
}
B0=$(onhand SKU-2003)
C0=$(onhand SKU-1010)

# --- :bom: the tree, a cycle refused ---------------------------------------
tui kt_prod p vt100
wait_for p "Main menu" >/dev/null
keys p ":" "bom" Enter
wait_for p "BOM-000002" >/dev/null
nl=$(K export bom_lines 2>/dev/null | tr -d '\r' | awk -F, \
    'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
    $h["bom"] == "BOM-000002"' | wc -l)
ok "the list's heading has the count of lines" row_has p "Code" "Lines"
is "... a BOM's row ends with its lines ($nl)" "$nl" \
    "$(screen p | grep -F BOM-000002 | awk '{ print $NF }')"
keys p Escape
keys p ":" "bom BOM-000002" Enter
ok "the BOM's card with its lines" wait_for p "Автомат ABB S201 C16"
keys p t
wait_for p "Quantity:" >/dev/null
keys p 3 Enter
ok "the tree for 3" wait_for p "BOM-000002 for 3"
ok "... the harness's cable two levels down: 3 x 2.5 m + 5 %" \
    row_has p "SKU-1007" "7,875"
ok "... the breakers: 3 x 4" row_has p "SKU-1010" "12"
ok "... the bought totals at the bottom" shows p "Bought components, in all:"
keys p q
keys p Escape
wait_for p "Enter open" >/dev/null
keys p Escape
keys p ":" "bom BOM-000001" Enter
wait_for p "SKU-1007" >/dev/null
keys p a
wait_for p "Component" >/dev/null
keys p "SKU-2003" Tab 1 C-s
ok "a line that makes the BOM contain itself: refused on the status line" \
    wait_for p "would contain itself"
keys p Escape
wait_for p "Discard" >/dev/null && keys p y
keys p Escape
keys p Escape

# --- :mo: a short release named --------------------------------------------
keys p ":" "mo $MO4" Enter
ok "a draft's card" wait_for p "from the BOM at the"
keys p r
wait_for p "Release $MO4" >/dev/null
keys p y
ok "the release refused in full" wait_for p "$MO4: refused"
ok "... the case named, with its quantities" \
    row_has p "Корпус щита" "needs 3, 1 available"
ok "... and the harness" row_has p "SKU-2002" "needs 3, 1 available"
keys p q
is "still a draft" "draft" "$(cell production_orders $MO4 status)"

# --- :pick as the warehouse clerk ---------------------------------------------
tui kt_wh w vt100
wait_for w "Main menu" >/dev/null
keys w ":" "pick" Enter
ok "the pick list: the released order" wait_for w "$MO3"
ok "... its breakers: 20 to pick from MAIN" row_has w "SKU-1010" "20 MAIN"
keys w Down Down p
ok "a line marked brought" wait_for w "SKU-1010 20 picked"
is "... kept on the order's line" "20" \
    "$(K export mo_lines 2>/dev/null | awk -F, -v o=$MO3 '$2 == o && $4 == "SKU-1010" { print $15 }')"
keys w P
wait_for w "Print $MO3" >/dev/null
ok "P: the print dialog on the order, its pick list" \
    row_has w "Form" "Pick list of materials"
mkdir -m 0700 "$S/wh" && chown kt_wh "$S/wh"
keys w Down Down Down C-u "$S/wh/pick.pdf" Enter
ok "... saved" wait_for w "saved $S/wh/pick.pdf"
if command -v pdftotext >/dev/null; then
	like "... the breakers' line ticked, with the 20 brought" "20 ✓ 20" \
	    "$(pdftotext -layout "$S/wh/pick.pdf" - 2>/dev/null |
	    tr -s ' ' | grep SKU-1010)"
else
	ok "... a PDF (no pdftotext to read it)" test -s "$S/wh/pick.pdf"
fi
keys w Escape
keys w ":" "mo $MO4" Enter
wait_for w "$MO4" >/dev/null
keys w r
ok "the clerk cannot release" wait_for w "your roles may not post"
as_clerk kt_wh "$KONTOR" post $MO4
is "... nor through the command line: no permission" 77 "$rc"
is "... still a draft" "draft" "$(cell production_orders $MO4 status)"
keys w F10
tui_ended w

# --- complete in part with a scanned component, then close -----------------
keys p Escape
keys p ":" "mo $MO3" Enter
wait_for p "released" >/dev/null
keys p m
wait_for p "How many made" >/dev/null
keys p C-u 2 Enter
ok "the completion panel" wait_for p "Completion of $MO3: 2 of SKU-2003"
keys p 4607000100103 Enter 4607000100103 Enter 4607000100103 Enter
ok "three scans of the breaker's barcode: 3 used, 8 by the BOM" \
    poll_until 10 row_has p "SKU-1010" "8          3"
keys p Enter
ok "used differs: the reason asked" wait_for p "Reason:"
keys p "two broken in the box" Enter
ok "posted: 2 of 5" wait_for p "2 made, 2 of 5 in all"
is "the order in progress" "in_progress" "$(cell production_orders $MO3 status)"
is "the breakers consumed: what was scanned" "3" \
    "$(K export mo_lines 2>/dev/null | awk -F, -v o=$MO3 '$2 == o && $4 == "SKU-1010" { print $10 }')"
is "the breakers' stock down by 3" "$((C0 - 3))" "$(onhand SKU-1010)"
is "two boards in stock" "$((B0 + 2))" "$(onhand SKU-2003)"
run K check
is "kontor check passes" 0 "$rc"
R1=$(reserved SKU-1010)
keys p c
wait_for p "Close $MO3" >/dev/null
keys p y
ok "closed" wait_for p "closed: what it held is released"
is "the order closed" "closed" "$(cell production_orders $MO3 status)"
is "what the order held of the breakers (12 = 4 x 3 boards) released" \
    "$((R1 - 12))" "$(reserved SKU-1010)"
run K check
is "kontor check passes after the close" 0 "$rc"

# --- :sched: an overloaded day, cleared by a move -------------------------
keys p Escape Escape
keys p ":" "sched" Enter
ok "the schedule" wait_for p "TST"
ok "the test bench over its 8 h: 10 and '!'" row_has p "TST" "10!"
keys p Down Right Right Enter
ok "the day's orders" wait_for p "5 h of 5"
keys p ">"
ok "one moved a day later" wait_for p "now starts"
ok "... the day no longer over" poll_until 10 not_row_has p "TST" "!"
ok "... 5 and 5" row_has p "TST" "5    5"
keys p F10
tui_ended p

# --- in Russian --------------------------------------------------------------
TUI_LANG=ru_RU.UTF-8 tui kt_prod r vt100
wait_for r "Главное меню" >/dev/null
keys r ":" "prod-plan" Enter
ok "ru: the schedule by :prod-plan, the week's days" wait_for r "Пн"
ok "ru: the keys fit" shows r "Esc"
keys r Escape
keys r ":" "bom BOM-000002" Enter
wait_for r "SKU-1010" >/dev/null
keys r t
keys r Enter
ok "ru: the tree's totals" wait_for r "SKU-1009"
ok "ru: the units in Russian, as :plan shows them (шт, not pcs)" \
    row_has r "SKU-1010" "шт"
ok "... none in English" not_shows r " pcs"
keys r q
keys r F10
tui_ended r
