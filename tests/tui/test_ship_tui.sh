#!/bin/sh
# Shipping at the scanner, as the warehouse clerk (kt_wh) on a thin
# client at 80x24 under vt100: `:ship SO-…` opens the draft of what is
# left of a confirmed order; a burst of 20 scans (a product not on the
# order among them, refused and kept on screen) adds every unit; one
# more than ordered is asked about at posting; the stock after posting
# through `kontor stock`; `r` on the posted shipment makes a return whose
# quantity past what was shipped is refused naming the line, then
# accepted; the lists; the same in Russian, after a resize.  A product
# kept by lots asks its lot, the first to expire offered with what it
# holds and when it expires; a lot not there or short is refused at once;
# posted, the lot's balance fell; the question in Russian fits.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
plan 57

clerks_setup --company "ООО «Ромашка»"
clerk_add kt_wh warehouse "Складов Семён"
Y=$(date +%Y)
TODAY=$(date +%Y-%m-%d)
printf 'code,name\nMAIN,Склад\n' >"$T/w.csv"
cat >"$T/c.csv" <<'CSV'
code,name,kind,inn
ROMASHKA,ООО «Ромашка»,company,7707083893
CSV
cat >"$T/p.csv" <<'CSV'
sku,name,unit,barcode,purchase_price,sale_price,vat
TEA-1,Чай чёрный листовой,pcs,4600000000022,50.00,80.00,20
SUGAR-1,Сахар-песок,pcs,4600000000039,40.00,60.00,10
COFFEE-1,Кофе молотый,pcs,4600000000046,200.00,300.00,20
CSV
printf 'sku,name,unit,barcode,purchase_price,sale_price,vat,lots\nKEFIR-1,Кефир,pcs,4600000000053,30.00,45.00,10,yes\n' \
    >"$T/pl.csv"
cat >"$T/inl.csv" <<'CSV'
type,sku,warehouse,quantity,unit_cost,lot,expiry
receipt,KEFIR-1,MAIN,5,30.00,K-A,2030-07-01
receipt,KEFIR-1,MAIN,2,30.00,K-B,2030-06-01
CSV
cat >"$T/in.csv" <<'CSV'
type,sku,warehouse,quantity,unit_cost
receipt,TEA-1,MAIN,100,50.00
receipt,SUGAR-1,MAIN,100,40.00
receipt,COFFEE-1,MAIN,100,200.00
CSV
cat >"$T/so.csv" <<CSV
order,customer,date,warehouse,sku,quantity
A,ROMASHKA,$TODAY,MAIN,TEA-1,15
A,ROMASHKA,$TODAY,MAIN,SUGAR-1,5
B,ROMASHKA,$TODAY,MAIN,TEA-1,3
C,ROMASHKA,$TODAY,MAIN,KEFIR-1,3
CSV
chmod 644 "$T"/*.csv
K import warehouses "$T/w.csv" >/dev/null 2>&1
K import customers "$T/c.csv" >/dev/null 2>&1
K import products "$T/p.csv" >/dev/null 2>&1
K import stock-moves "$T/in.csv" >/dev/null 2>&1
K import products "$T/pl.csv" >/dev/null 2>&1
K import stock-moves "$T/inl.csv" >/dev/null 2>&1
run K import sales-orders "$T/so.csv" --post
is "three orders confirmed" 0 "$rc"
# on hand of a SKU at MAIN, from kontor stock
onhand() {
	K stock "$1" --format csv 2>/dev/null | tr -d '\r' |
	    awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	    $h["warehouse"] == "MAIN" { print $h["on_hand"] }'
}
is "stock before" "100" "$(onhand TEA-1)"

tui kt_wh w vt100
wait_for w "Main menu" >/dev/null
ok "warehouse: shipments on the menu" shows w "Shipments"
keys w ":" "ship SO-$Y-000001" Enter
ok "the order's draft shipment opens" wait_for w "Shipment SHP-$Y-000001"
ok "... as made: what is left" wait_for w "2 lines, 20 units shipped"
keys w C-x
wait_for w "All quantities to 0" >/dev/null
keys w y
ok "F9: all to 0, to scan what is picked" wait_for w "2 lines, 0 units"

# A burst of 20 scans of the order's goods and one not on it.
B=""
i=0
while [ $i -lt 15 ]; do
	keys w "4600000000022" Enter
	[ $i -eq 7 ] && keys w "4600000000046" Enter
	[ $i -lt 5 ] && keys w "4600000000039" Enter
	i=$((i + 1))
done
ok "20 scans, none lost" wait_for w "2 lines, 20 units shipped"
ok "the product not on the order is refused" \
    shows w "COFFEE-1 is not on the order SO-$Y-000001: nothing added"
ok "... kept as an error" shows w "1 error (Esc: read)"
ok "tea: 15 of 15" row_has w "TEA-1" "15"
ok "sugar: 5" row_has w "SUGAR-1" "5"
keys w Escape
gone w "1 error" >/dev/null
keys w "4600000000022" Enter
ok "one tea more than ordered" wait_for w "2 lines, 21 units shipped"

# Posting: more than ordered is asked; no posts nothing.
keys w C-t
wait_for w "Post the shipment" >/dev/null
keys w y
ok "over-shipment asked" wait_for w "Ship more than ordered?"
ok "... naming the product" shows w "TEA-1: 16 shipped against 15 ordered"
keys w n
ok "declined: not posted" wait_for w "not posted: more than ordered"
is "... stock untouched" "100" "$(onhand TEA-1)"
keys w C-t
wait_for w "Post the shipment" >/dev/null
keys w y
wait_for w "Ship more than ordered?" >/dev/null
keys w y
ok "confirmed: posted" wait_for w "Shipment SHP-$Y-000001  POSTED"
is "stock of tea after posting" "84" "$(onhand TEA-1)"
is "stock of sugar" "95" "$(onhand SUGAR-1)"
ok "the screen is the same seconds later" stays w "SHP-$Y-000001  POSTED"

# r: a return of the posted shipment; past what was shipped is refused.
keys w r
ok "r opens a return against it" wait_for w "Return (new)"
keys w C-q
wait_for w "Quantity of TEA-1" >/dev/null
keys w "17" Enter
keys w C-t
ok "the reason is asked" wait_for w "Reason:"
keys w "Брак упаковки" Enter
wait_for w "Post the return" >/dev/null
keys w y
ok "17 of 16 refused, the line named" \
    wait_for w "line 1 TEA-1: 17 to return"
keys w C-q
wait_for w "Quantity of TEA-1" >/dev/null
keys w "2" Enter
keys w C-t
wait_for w "Post the return" >/dev/null
keys w y
ok "2 accepted: posted" wait_for w "Return RET-$Y-000001  POSTED"
is "tea back in stock" "86" "$(onhand TEA-1)"
keys w Escape Escape Escape
keys w ":" "ret" Enter
ok "the returns list" wait_for w "RET-$Y-000001"
ok "... against its shipment" row_has w "RET-$Y-000001" "SHP-$Y-000001"
# Lists show a customer by name; the warehouse, which ships to it, reads
# its name (as the waybill says it), not the rest of the customer.
ok "... its customer by name: who ships reads a customer's name" \
    row_has w "RET-$Y-000001" "Ромашка"
ok "... not its code" not_row_has w "RET-$Y-000001" "ROMASHKA"

# In Russian, after a resize: the list, the document, a second order.
TUI_LANG=ru_RU.UTF-8 tui kt_wh r vt100
wait_for r "Главное меню" >/dev/null || wait_for r "меню" >/dev/null
$TM resize-window -t r -x 100 -y 30 2>/dev/null
sleep 0.3
$TM resize-window -t r -x 80 -y 24 2>/dev/null
keys r ":" "ship" Enter
ok "ru: the list of shipments" wait_for r "SHP-$Y-000001"
keys r ":" "ship SO-$Y-000002" Enter
ok "ru: the second order's draft" wait_for r "Реализация SHP-$Y-000002"
keys r C-x
wait_for r "Обнулить" >/dev/null
keys r y
keys r "4600000000022" Enter "4600000000022" Enter "4600000000022" Enter
ok "ru: three scans" wait_for r "отгружается 3 ед."
keys r C-t
wait_for r "Провести реализацию" >/dev/null
keys r y
ok "ru: posted" wait_for r "SHP-$Y-000002  ПРОВЕДЕНА"
ok "ru: the footer whole at 80 columns" shows r "r возврат  P печать  Esc назад  F1/? справка"
is "tea after the second" "83" "$(onhand TEA-1)"

# A product kept by lots: the scan asks the lot, the first to expire
# offered with what it holds and its expiry; a lot not there, or short,
# is refused at once and the question stays.
# lot on_hand of KEFIR-1 at MAIN
lots() { K report lots --sku KEFIR-1 --format csv 2>/dev/null |
    tr -d '\r' | awk -F, '$1 == "MAIN" { print $2, $4 }'; }
tui kt_wh l vt100
wait_for l "Main menu" >/dev/null
keys l ":" "ship SO-$Y-000003" Enter
wait_for l "Shipment SHP-$Y-000003" >/dev/null
keys l C-x
wait_for l "All quantities to 0" >/dev/null
keys l y
wait_for l "1 line, 0 units" >/dev/null
keys l "4600000000053" Enter
ok "a lot product asks the lot" wait_for l "KEFIR-1 Кефир: kept by lots"
ok "... the first to expire offered" shows l "Lot: K-B"
ok "... with what it holds and its expiry" \
    shows l "FEFO: lot K-B, 2 available, expires 01.06.2030"
keys l Enter
ok "Enter takes it" wait_for l "lot K-B, 01.06.2030: Кефир"
ok "... one unit on it" row_has l "K-B" "1"
keys l "4600000000053" Enter
wait_for l "FEFO: lot K-B, 1 available" >/dev/null
keys l C-u "K-Z" Enter
ok "a lot not there: refused at once" \
    wait_for l "KEFIR-1 lot K-Z at MAIN: 0 available, 1 requested"
ok "... the question stays" shows l "Lot: K-Z"
keys l C-u "K-B" Enter
ok "the lot typed back: taken" wait_for l "1 line, 2 units shipped"
keys l "4600000000053" Enter
ok "K-B taken: the next to expire offered" \
    wait_for l "FEFO: lot K-A, 5 available, expires 01.07.2030"
keys l C-u "K-B" Enter
ok "a lot that is short: refused at once" \
    wait_for l "KEFIR-1 lot K-B at MAIN: 2 available, 3 requested"
keys l Escape
ok "Esc: nothing added" wait_for l "no lot given, nothing added"
ok "... still 2" shows l "1 line, 2 units shipped"
keys l C-t
wait_for l "Post the shipment" >/dev/null
keys l y
ok "posted" wait_for l "Shipment SHP-$Y-000003  POSTED"
is "the lot's balance fell: K-B gone, K-A whole" "K-A 5" "$(lots)"
is "kefir on hand" "5" "$(onhand KEFIR-1)"

# The same in Russian at 80x24 under vt100: the question fits.
TUI_LANG=ru_RU.UTF-8 tui kt_wh q vt100
wait_for q "меню" >/dev/null
keys q ":" "ship SO-$Y-000003" Enter
ok "ru: the draft of the last one" wait_for q "Реализация SHP-$Y-000004"
keys q C-x
wait_for q "Обнулить" >/dev/null
keys q y
keys q "4600000000053" Enter
ok "ru: the lot asked" wait_for q "Партия: K-A"
ok "ru: the offer whole in the box" \
    shows q "FEFO: партия K-A, доступно 5, годна до 01.07.2030"
keys q Enter
ok "ru: taken, on a line of its own" wait_for q "партия K-A, 01.07.2030"
keys q C-t
wait_for q "Провести реализацию" >/dev/null
keys q y
ok "ru: posted" wait_for q "SHP-$Y-000004  ПРОВЕДЕНА"
is "the next to expire fell" "K-A 4" "$(lots)"
run K check
is "kontor check" 0 "$rc"
