#!/bin/sh
# Roles at the screen (session 27, D): an accountant sees the lines of
# the documents it reads (it saw none: the catalog was closed to it and the
# screens dropped the lines they could not name, showing an empty
# document); makes invoices, not orders; a purchasing clerk refused the
# receiving of an order gets nothing made.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
plan 10

clerks_setup --company "ООО «Ромашка»"
clerk_add kt_manager accountant "Счетова Анна"
clerks_one_order
K invoice "$SO" >/dev/null 2>&1
INV=INV-$Y-000001

tui kt_manager a
wait_for a "Main menu" >/dev/null
keys a ":" "inv $INV" Enter
ok "accountant, the invoice: its line shows" \
    poll_until 10 row_has a SKU-1001 "Болт М8×40"
ok "... and its total" wait_for a "Total 54,00"
keys a Escape ":" "order $SO" Enter
ok "the order: its line shows" poll_until 10 row_has a SKU-1001 "Болт М8×40"

# An invoice of the accountant's own: n, the customer, a line, F2 (it was
# refused: "may not create").
keys a Escape ":" "inv" Enter
wait_for a "Invoices" >/dev/null
keys a n
ok "accountant, n on invoices: the new invoice's customer asked" \
    wait_for a "Invoice: the customer"
keys a ROMASHKA F2
wait_for a "SKU, scan or name" >/dev/null
keys a SKU-1001 Enter
wait_for a "SKU-1001 qty" >/dev/null
keys a 2 Enter
poll_until 10 row_has a SKU-1001 "Болт М8×40" >/dev/null
keys a Escape F2
ok "... saved" wait_for a "saved INV-$Y-000002: 36,00"

# Receiving is the warehouse's: purchasing's r on a sent order says who
# receives, asks nothing and makes nothing (a draft receipt was made at
# each try, then refused); the warehouse's r makes the draft.
clerk_add kt_sales purchasing "Закупкина Вера"
clerk_add kt_wh warehouse "Складов Иван"
printf 'code,name\nS-1,ООО «Метиз-Снаб»\n' >"$T/sup.csv"
printf 'code,supplier,warehouse\nPO-T1,S-1,MAIN\n' >"$T/po.csv"
printf 'po,product,qty,price\nPO-T1,SKU-1001,40,11.00\n' >"$T/pol.csv"
K import suppliers "$T/sup.csv" >/dev/null 2>&1
K import purchase_orders "$T/po.csv" >/dev/null 2>&1
K import po_lines "$T/pol.csv" >/dev/null 2>&1
K post PO-T1 >/dev/null 2>&1
docs=$(K export stock_docs 2>/dev/null | wc -l)
tui kt_sales p
wait_for p "Main menu" >/dev/null
keys p ":" "po PO-T1" Enter
wait_for p "c close  Esc back" >/dev/null
ok "purchasing: the keys offer no r receive" not_shows p "r receive"
keys p r
ok "purchasing, r: who receives is said" \
    wait_for p "PO-T1: goods are received by the roles"
keys p y r y
ok "... no receipt made, however often" \
    test "$docs" = "$(K export stock_docs 2>/dev/null | wc -l)"
tui kt_wh w
wait_for w "Main menu" >/dev/null
keys w ":" "po PO-T1" Enter
ok "warehouse: r receive offered" wait_for w "r receive  Esc back"
keys w r
wait_for w "Receive against PO-T1" >/dev/null
keys w y
ok "warehouse, r y: the receipt draft made" wait_for w "receipt draft RCP-"
done_testing
