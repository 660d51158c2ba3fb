#!/bin/sh
# The warehouse screens end to end, through a real terminal at 80x24: a
# clerk receives goods with a barcode scanner (digits then Enter, typed by
# tmux send-keys in bursts), the same barcode several times and a box's
# barcode that counts 12, and an unknown barcode that must be refused on
# screen with nothing added; posts the receipt; receives into a second
# warehouse; then "where is it" shows the on hand per warehouse, checked
# against kontor stock --format csv.  A name typed finds a pick list; a
# resize; TERM=vt100, where a blind count is posted.  As the warehouse
# clerk on a Unix login of their own (tests/tui/clerks.sh).
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
plan 44

# A row of the screen matching an extended regular expression.
shows_row() { screen "$1" | grep -qE -- "$2"; }
dump() { screen "$1" | sed 's/^/# /' >&2; }
wait_row() { poll_until 10 shows_row "$1" "$2" || { dump "$1"; return 1; }; }
# ean13 TWELVE-DIGITS: with its check digit.
ean13() {
	awk -v s="$1" 'BEGIN { t = 0
		for (i = 1; i <= 12; i++)
			t += substr(s, i, 1) * (i % 2 ? 1 : 3)
		print s (10 - t % 10) % 10 }'
}

MILK=$(ean13 460700000001)
TEA=$(ean13 460700000002)
GREEN=$(ean13 460700000003)
TEABOX=$(ean13 460700000004)
UNKNOWN=4600000000015	# a valid EAN-13 no product has

clerks_setup --company "ООО «Склад»"
clerk_add kt_wh warehouse "Складов Семён"
cat >"$T/wh.csv" <<EOF
code,name
MAIN,Основной склад
SHOP,Магазин на Ленина
EOF
cat >"$T/prod.csv" <<EOF
sku,name,kind,unit,barcode,vat,purchase_price
MILK-1,Молоко «Домик в деревне» 3.2%,goods,pcs,$MILK,10,89.90
TEA-1,Чай чёрный «Ахмад» 100 пакетиков,goods,pcs,$TEA,20,250
TEA-2,Чай зелёный «Липтон» 25 пакетиков,goods,pcs,$GREEN,20,120
EOF
printf 'barcode,product,pack_qty\n%s,TEA-1,12\n' "$TEABOX" >"$T/bc.csv"
run K import warehouses "$T/wh.csv"
is "warehouses imported" 0 "$rc"
run K import products "$T/prod.csv"
is "products with EAN-13 barcodes imported" 0 "$rc"
run K import barcodes "$T/bc.csv"
is "a box barcode (12 per scan) imported" 0 "$rc"

chmod 644 "$T"/*.csv
tui kt_wh a xterm 80 24
ok "menu at 80x24" wait_for a "Receiving"

# Receiving: the warehouse first, then the scanner.
keys a ":" "recv" Enter
ok "receiving asks for the warehouse" wait_for a "Receiving: warehouse"
keys a "main" F2
ok "the header: warehouse MAIN" wait_for a "Warehouse MAIN"
keys a "$MILK" Enter "$MILK" Enter "$MILK" Enter
ok "three scans of a barcode add up to 3" \
    wait_row a '^MILK-1 +Молоко «Домик в деревне» 3\.2% +3 *$'
keys a "$TEABOX" Enter
ok "a box scan adds 12 units" \
    wait_row a '^TEA-1 +Чай чёрный «Ахмад» 100 пакетиков +12 *$'
ok "two lines, 15 units" wait_for a "2 lines, 15 units received"
keys a "$UNKNOWN" Enter
ok "an unknown barcode is named on screen" \
    wait_for a "unknown barcode $UNKNOWN: no product has it"
ok "... and nothing was added" shows a "2 lines, 15 units received"
ok "... the other lines as they were" \
    shows_row a '^MILK-1 +Молоко «Домик в деревне» 3\.2% +3 *$'
# The next scan replaces the refused code: no digits are lost or kept.
keys a "$MILK" Enter
ok "the next scan counts (4)" \
    wait_row a '^MILK-1 +Молоко «Домик в деревне» 3\.2% +4 *$'
# A quantity typed for the current line.
keys a C-q
ok "a key to type the line's quantity" \
    wait_for a "Quantity of MILK-1 (pcs, now 4):"
keys a "3" Enter
ok "the quantity typed replaces the scans" \
    wait_row a '^MILK-1 +Молоко «Домик в деревне» 3\.2% +3 *$'
keys a F5
ok "post asks first" wait_for a "Post the receipt"
keys a y
ok "posted: the document number shows" wait_for a "Posted RCP-2026-000001"

# A second receipt into the other warehouse: Ctrl-S saves the draft.
keys a C-w
wait_for a "Receiving: warehouse" >/dev/null
keys a C-u "shop" F2
ok "the header changed to SHOP" wait_for a "Warehouse SHOP"
keys a "$MILK" Enter "$MILK" Enter
wait_row a '^MILK-1 .* 2 *$' >/dev/null
keys a C-s
ok "Ctrl-S saves the draft" wait_for a "saved draft RCP-2026-000002"
keys a C-t
wait_for a "Post the receipt" >/dev/null
keys a y
ok "Ctrl-T posts it" wait_for a "Posted RCP-2026-000002"

run K stock MILK-1 --format csv
like "kontor stock: 3 at MAIN" "MAIN,Основной склад,3,0,3,0" "$out"
like "kontor stock: 2 at SHOP" "SHOP,Магазин на Ленина,2,0,2,0" "$out"

# Where is it: scanned, typed, picked by name.
keys a Escape
keys a ":" "stock" Enter
ok "where is it" wait_for a "Scan or type SKU, barcode or name"
keys a "$MILK" Enter
ok "a scan shows the product" \
    wait_for a "MILK-1  Молоко «Домик в деревне» 3.2%"
ok "on hand at MAIN" wait_row a '^MAIN +Основной склад +3 +0 +3 +0 *$'
ok "on hand at SHOP" shows_row a '^SHOP +Магазин на Ленина +2 +0 +2 +0 *$'
ok "and the total" shows_row a '^Total +5 +0 +5 +0 *$'
ok "its last moves" shows_row a '^[0-9.]+ +RCP-2026-000002 +receipt +SHOP +2 '
keys a "tea-1" Enter
ok "a SKU typed in any case" wait_row a '^MAIN +Основной склад +12 +0 +12 +0 *$'
keys a "$UNKNOWN" Enter
ok "an unknown barcode: the error, no product" \
    wait_for a "unknown barcode $UNKNOWN: no product has it"
keys a "чай" Enter
ok "a name part offers a pick list" wait_for a "TEA-2        Чай зелёный"
ok "... with both teas" shows a "TEA-1        Чай чёрный"
keys a " зел"
ok "typing narrows the list" poll_until 5 eval '! shows a "TEA-1        Чай"'
keys a Enter
ok "the pick shows that product" \
    wait_for a "TEA-2  Чай зелёный «Липтон» 25 пакетиков"
ok "... not in any warehouse yet" wait_for a "Not in any warehouse yet."

# A resize relays the screen out.
keys a "$MILK" Enter
wait_row a '^MAIN +Основной склад +3 ' >/dev/null
$TM resize-window -t a -x 100 -y 30 2>/dev/null ||
    $TM resize-pane -t a -x 100 -y 30
ok "a resize keeps the numbers" \
    wait_row a '^SHOP +Магазин на Ленина +2 +0 +2 +0 *$'

# TERM=vt100: no colour, no F-keys needed.
tui kt_wh v vt100 80 24
wait_for v "Receiving" >/dev/null
keys v ":" "stock MILK-1" Enter
ok "vt100: where is it by SKU" wait_row v '^MAIN +Основной склад +3 +0 +3 +0 *$'

# A blind count at MAIN: scans add up, the book stays hidden until the
# count is posted; the difference is what kontor stock says after.
keys v Escape ":" "count" Enter
wait_for v "Stock count: the warehouse" >/dev/null
keys v "main" Tab "yes" C-s
ok "count: blind at MAIN" \
    wait_for v "Warehouse MAIN   blind: the book is hidden"
keys v "$MILK" Enter "$MILK" Enter
ok "count: two scans, 2 counted, no book shown" \
    wait_row v '^MILK-1 +Молоко «Домик в деревне» 3\.2% +2 *$'
keys v C-t
wait_for v "Post the count" >/dev/null
keys v y
ok "count posted" wait_for v "Posted CNT-2026-000001"
ok "... the book and the difference show after" \
    wait_row v '^MILK-1 +Молоко «Домик в деревне» 3\.2% +2 +3 +-1 *$'
run K stock MILK-1 --format csv
like "kontor stock: the counted 2 at MAIN" "MAIN,Основной склад,2,0,2,0" "$out"

# The ledger opens at its newest move: the count's -1 at MAIN, last.
keys v Escape ":" "moves" Enter
ok "moves: the ledger, newest at the end" \
    wait_row v '^[0-9.]+ +count +MILK-1 +MAIN +-1 '
keys v Enter
ok "moves: a move is never edited" wait_for v "never changed"
done_testing
