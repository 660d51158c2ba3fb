#!/bin/sh
# What a screen offers is what the clerk may do, by one rule (ui_allowed):
# F1's help and the bottom line leave out a key whose right the roles
# lack, also where that right is another area's (S in an order posts a
# shipment; p in a customer's card posts a payment), and a heading of
# help with nothing left under it.  An order's bottom line shows S beside
# s for whoever may post shipments, in Russian at 80x24 under vt100 too.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
plan 33

clerks_setup --company "ООО «Ромашка»"
clerk_add kt_sales sales "Продавцов Пётр"
clerk_add kt_manager sales,warehouse "Отгрузкин Олег"
clerk_add kt_wh warehouse,accountant "Складов Семён"
clerks_one_order

# keyline PANE: the bottom line of an 80x24 screen (above the status line).
keyline() { screen "$1" | sed -n 23p; }
keyline_has() { keyline "$1" | grep -qF -- "$2"; }
keyline_lacks() { ! keyline_has "$@"; }
# still PANE CHECK...: true now and still 2 s later.
still() {
	"$@" || return 1
	sleep 2
	"$@"
}

# --- a sales clerk: may make shipments, not post them ----------------------
tui kt_sales s
wait_for s "Main menu" >/dev/null
keys s ":" "order $SO" Enter
ok "sales: the order, confirmed" wait_for s "Order $SO  confirmed"
ok "sales: the bottom line offers s" keyline_has s "s ship  "
ok "... not S" still keyline_lacks s "S ship+post"
ok "... and c (the sales area's post)" keyline_has s "c cancel"
keys s F1
wait_for s "the shipment draft of what is left" >/dev/null
ok "sales: F1 lists s" row_has s "s " "the shipment draft of what is left"
ok "... not S" not_shows s "ship what is left and post it at once"
ok "... F5, the sales area's post, still" shows s "confirm: reserve every line"
keys s Escape
gone s "the shipment draft of what is left" >/dev/null
keys s S
ok "sales: S pressed anyway is refused" wait_for s "your roles may not post"
keys s Escape Escape ":" "cust ROMASHKA" Enter
wait_for s "Deals & documents" >/dev/null
keys s F1
wait_for s "log an activity" >/dev/null
ok "sales: a card's F1 leaves out p (a payment: the finance area's post)" \
    not_shows s "a payment from the customer"

# --- sales and warehouse: S beside s ------------------------------------
tui kt_manager m
wait_for m "Main menu" >/dev/null
keys m ":" "order $SO" Enter
wait_for m "Order $SO  confirmed" >/dev/null
ok "sales+warehouse: the bottom line offers s and S" \
    still keyline_has m "s ship  S ship+post  "
ok "... and c, whole" keyline_has m "c cancel  Esc  F1"
keys m F1
ok "... F1 lists S" wait_for m "ship what is left and post it at once"
keys m Escape

# --- warehouse and accountant: p in a card; no completing on :mo --------
tui kt_wh w
wait_for w "Main menu" >/dev/null
keys w ":" "cust ROMASHKA" Enter
wait_for w "Deals & documents" >/dev/null
keys w F1
ok "accountant: a card's F1 lists p" \
    wait_for w "a payment from the customer"
ok "... not what needs the crm area's edit" \
    not_shows w "log an activity"
keys w Escape Escape ":" "mo" Enter
wait_for w "Enter" >/dev/null
keys w F1
ok "warehouse on :mo: F1 opens" wait_for w "search by number"
ok "... without the completing keys (production's post)" \
    not_shows w "Completing"
ok "... nor release" not_shows w "release: the components reserved"
keys w Escape Escape ":" "deal" Enter
ok "accountant on :deal: the bottom line without n, s, l" \
    wait_for w "Enter open  m mine/all  Esc back"
ok "... still" still not_shows w "n new"
keys w Escape ":" "cal" Enter
ok "accountant on :cal: the bottom line without n, x" \
    wait_for w "Enter open  d day  w today"
ok "... still" still not_shows w "x done"
keys w Escape
keys w Escape ":" "wh" Enter
ok "warehouse on :wh: the bottom line edits, without d (no delete)" \
    wait_for w "Enter edit  n new  b bins  / search  Esc back"
ok "... still" still not_shows w "d delete"
keys w F1
wait_for w "the warehouse's bins" >/dev/null
ok "... F1 without d either" not_shows w "delete (asks first)"
keys w Escape Escape ":" "moves" Enter
ok "warehouse on :moves: a bottom line with its keys" \
    wait_for w "/ search  s sort  Home/End  Esc back  F1/? help"
keys w Escape
keys s Escape Escape ":" "cont" Enter
ok "sales on :cont: n offered, not d (crm: no delete)" \
    wait_for s "Enter open  n new  / search  s sort  Esc back"

# --- Russian, 80x24, vt100 ----------------------------------------------
TUI_LANG=ru_RU.UTF-8 tui kt_manager r vt100
wait_for r "kontor" >/dev/null
keys r ":" "order $SO" Enter
wait_for r "$SO" >/dev/null
ok "ru: the bottom line offers s and S" \
    still keyline_has r "s отгр.  S с проводкой  "
ok "... whole at 80 columns, to its F1" keyline_has r "c отменить  Esc  F1"
keys r F1
ok "ru: F1 lists S" row_has r "S " "отгрузить остаток и сразу провести"
keys r Escape
TUI_LANG=ru_RU.UTF-8 tui kt_sales q vt100
wait_for q "kontor" >/dev/null
keys q ":" "order $SO" Enter
wait_for q "$SO" >/dev/null
ok "ru, sales: s on the bottom line" keyline_has q "s отгрузить  "
ok "... not S" still keyline_lacks q "S "
keys q F1
wait_for q "черновик" >/dev/null
ok "ru, sales: F1 without S" not_shows q "отгрузить остаток и сразу провести"
keys q Escape

run K check
is "kontor check" 0 "$rc"
