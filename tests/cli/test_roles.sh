#!/bin/sh
# Roles on the command line (session 27, D): an accountant makes, cancels
# and invoices orders (invoices are sales' and finance's: DESIGN.md), and
# touches nothing else of sales; the server checks it, so the CLI obeys.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
plan 27

clerks_setup --company "ООО «Ромашка»"
clerk_add kt_manager accountant "Счетова Анна"
clerk_add kt_sales sales "Продажина Ольга"
clerks_one_order

as_clerk kt_manager "$KONTOR" invoice "$SO"
is "accountant: invoice SO-... exit 0" 0 "$rc"
like "... the invoice made" "INV-$Y-000001" "$out"
as_clerk kt_manager "$KONTOR" invoice --customer ROMASHKA --line SKU-1001:2
is "accountant: invoice --customer exit 0" 0 "$rc"
like "... the invoice made" "INV-$Y-000002" "$out"
as_clerk kt_manager "$KONTOR" cancel "INV-$Y-000002"
is "accountant: cancel INV-... exit 0" 0 "$rc"
like "... cancelled" "cancelled" "$(K show invoices "INV-$Y-000002")"
# Nothing else of sales: an order is not the accountant's to make or ship.
printf 'order,customer,date,warehouse,sku,quantity\nB,ROMASHKA,%s,MAIN,SKU-1001,1\n' \
    "$D" >"$S/so2.csv"
chmod 644 "$S/so2.csv"
as_clerk kt_manager "$KONTOR" import sales-orders "$S/so2.csv"
is "accountant: an order refused, exit 77" 77 "$rc"
as_clerk kt_manager "$KONTOR" ship "$SO"
is "accountant: a shipment refused, exit 77" 77 "$rc"
as_clerk kt_manager "$KONTOR" close "$SO"
is "accountant: closing an order refused, exit 77" 77 "$rc"
# Sales still makes invoices, and may not delete one (as before).
as_clerk kt_sales "$KONTOR" invoice --customer ROMASHKA --line SKU-1001:1
is "sales: invoice --customer exit 0" 0 "$rc"
# A warehouse clerk reads no invoice.
clerk_add kt_wh warehouse "Складов Иван"
as_clerk kt_wh "$KONTOR" show invoices "INV-$Y-000001"
is "warehouse: an invoice refused, exit 77" 77 "$rc"
like "... naming invoices" "(invoices)" "$err"

# Receiving is the warehouse's: a purchasing clerk's "receive PO" is
# refused having made nothing (a receipt draft was made, then refused).
K user mod kt_sales --role purchasing >/dev/null 2>&1
printf 'code,name,inn,lead_days\nS-1,ООО «Метиз-Снаб»,7707083893,5\n' \
    >"$T/sup.csv"
printf 'code,supplier,warehouse\nPO-T1,S-1,MAIN\n' >"$T/po.csv"
printf 'po,product,qty,price\nPO-T1,SKU-1001,40,11.00\n' >"$T/pol.csv"
K import suppliers "$T/sup.csv" >/dev/null 2>&1
K import purchase_orders "$T/po.csv" >/dev/null 2>&1
K import po_lines "$T/pol.csv" >/dev/null 2>&1
K post PO-T1 >/dev/null 2>&1
docs=$(K export stock_docs 2>/dev/null | wc -l)
as_clerk kt_sales "$KONTOR" receive PO-T1
is "purchasing: receive PO refused, exit 77" 77 "$rc"
like "... saying who receives" "PO-T1: goods are received by the roles manager,warehouse,production, not yours" "$err"
is "... and no receipt made" "$docs" "$(K export stock_docs 2>/dev/null | wc -l)"
as_clerk kt_wh "$KONTOR" receive PO-T1
is "warehouse: receive PO, exit 0" 0 "$rc"
RCP=$out

# One draft receipt of an order at a time (each receive made another, of
# all that was expected); a stale draft is cancelled from the command line
# (it was "a sales order number expected", exit 64).
as_clerk kt_wh "$KONTOR" receive PO-T1
is "a second receive of the order: exit 65" 65 "$rc"
like "... naming the draft there is" "PO-T1: receipt $RCP is a draft of it already" "$err"
is "... and no receipt made" "$((docs + 1))" "$(K export stock_docs 2>/dev/null | wc -l)"
as_clerk kt_wh "$KONTOR" cancel "$RCP"
is "warehouse: cancel the draft receipt, exit 0" 0 "$rc"
like "... deleted" "draft $RCP deleted" "$err"
is "... gone" "$docs" "$(K export stock_docs 2>/dev/null | wc -l)"
as_clerk kt_wh "$KONTOR" receive PO-T1
RCP=$out
as_clerk kt_wh "$KONTOR" post "$RCP"
is "a new draft receipt, posted" 0 "$rc"
as_clerk kt_wh "$KONTOR" cancel "$RCP"
is "a posted receipt is not cancelled: exit 65" 65 "$rc"
like "... only a draft" "only a draft is deleted" "$err"
K cancel RCP-$Y-999999
is "an unknown document: exit 66" 66 "$?"
K cancel PO-T1
is "cancel PO: a usage error, exit 64" 64 "$?"
done_testing
