#!/bin/sh
# The storekeeper's scanner, as the warehouse clerk (kt_wh) on a thin
# client: a product kept by lots asks its lot and expiry when scanned and
# posts with them; a burst of scans with bad barcodes in it keeps every
# error on screen until read; the menu leaves out what the role may not
# do.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
plan 19

clerks_setup --company "ООО «Ромашка»"
clerk_add kt_wh warehouse "Складов Семён"
clerk_add kt_sales sales "Продавцов Пётр"
printf 'code,name\nMAIN,Склад\nSHOP,Магазин\n' >"$T/w.csv"
printf 'sku,name,barcode,lots\nMILK-1,"Молоко 3,2%%",4600000000015,yes\nTEA-1,Чай чёрный,4600000000022,no\n' >"$T/p.csv"
chmod 644 "$T"/*.csv
K import warehouses "$T/w.csv" >/dev/null 2>&1
run K import products "$T/p.csv"
is "products, one kept by lots" 0 "$rc"

tui kt_wh w
wait_for w "Main menu" >/dev/null
ok "warehouse: receiving is on the menu" shows w "Receiving"
keys w ":" "recv" Enter
wait_for w "Warehouse" >/dev/null
keys w C-u "MAIN" C-s
ok "the scan line" wait_for w "Scan or type"

# A product kept by lots: the lot, then its expiry, are asked.
keys w "4600000000015" Enter
ok "a lot product asks its lot" wait_for w "Lot:"
keys w "L-77" Enter
ok "... then the new lot's expiry" wait_for w "Expiry (Enter: none)"
keys w "31.12.2027" Enter
ok "the line names lot and expiry" wait_for w "lot L-77, 31.12.2027"
keys w "4600000000015" Enter
ok "the next scan offers the same lot" wait_for w "Lot: L-77"
keys w Enter
ok "... and adds to its line, no expiry asked" wait_for w "1 line, 2 units"
keys w "4600000000015" Enter
wait_for w "Lot:" >/dev/null
keys w C-u "L-78" Enter
wait_for w "Expiry" >/dev/null
keys w Enter
ok "another lot is a line of its own" wait_for w "2 lines, 3 units"
keys w "4600000000015" Enter
wait_for w "Lot:" >/dev/null
keys w Escape
ok "Esc at the lot adds nothing" wait_for w "no lot given, nothing added"
ok "... the lines as they were" shows w "2 lines, 3 units"

# A burst of scans with two unknown barcodes: both errors stay.
keys w "4600000000022" Enter "4600000000999" Enter "4600000000022" Enter \
    "4600000000888" Enter "4600000000022" Enter
ok "the burst is read whole" wait_for w "3 lines, 6 units"
ok "the first bad barcode stays listed" shows w "4600000000999"
ok "... and the second" shows w "4600000000888"
ok "... the two counted" shows w "2 errors (Esc: read)"
sleep 2
ok "... still there after the next scans and seconds" shows w "4600000000999"
keys w Escape
ok "Esc: read, the list goes" gone w "2 errors (Esc: read)"

keys w C-t
wait_for w "Post the receipt" >/dev/null
keys w y
ok "posted" wait_for w "Posted RCP-"
run K export stock_moves
like "the lot and its expiry are in the ledger" "L-77" "$(printf '%s\n' "$out" | grep MILK-1 | grep 2027-12-31)"

done_testing
