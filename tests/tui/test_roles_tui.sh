#!/bin/sh
# Roles at the screen (session 27, D): an accountant sees the lines of
# the documents it reads (it saw none: the catalog was closed to it and the
# screens dropped the lines they could not name, showing an empty
# document); makes invoices, not orders; a purchasing clerk refused the
# receiving of an order gets nothing made.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
plan 5

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
done_testing
