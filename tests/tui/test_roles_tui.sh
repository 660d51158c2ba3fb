#!/bin/sh
# Roles at the screen (session 27, D): an accountant sees the lines of
# the documents it reads (it saw none: the catalog was closed to it and the
# screens dropped the lines they could not name, showing an empty
# document); makes invoices, not orders; a purchasing clerk refused the
# receiving of an order gets nothing made.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
plan 3

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
done_testing
