#!/bin/sh
# Stock end to end through the kontor binary on a fresh home: the catalog
# imported (Cyrillic names, barcodes, suppliers, price lists), a file of
# stock moves posted as one document, kontor stock in text and CSV with
# exact numbers; a file that would go short, or has a bad cell, refused
# whole (exit 65, FILE:LINE and the column) and nothing changed; cp1251;
# --dry-run; a draft made by the generic importer, posted, refused when
# posted again, reversed; a purchase order sent, received, over-received;
# reorder proposals and the draft orders they make; the ledger export,
# the moves and stock value reports; and kontor check at the end.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 120
K="$KONTOR"

# CSV comes with CRLF line ends; compared without them.
runcsv() { run "$@"; out=$(printf '%s\n' "$out" | tr -d '\r'); }
# stock SKU as CSV, and the ledger's length (header included).
stock_csv() { "$K" stock "$1" --format csv 2>&1 | tr -d '\r'; }
nmoves() { "$K" export stock-moves | wc -l; }

run "$K" init --company "ООО «Склад и Ко»"
is "init exits 0" 0 "$rc"

# --- the catalog -------------------------------------------------------
cat >"$T/warehouses.csv" <<'CSV'
code,name,allow_negative
MAIN,Основной склад,no
SHOP,Магазин на Ленина,no
CSV
run "$K" import warehouses "$T/warehouses.csv"
is "warehouses import" 0 "$rc"
cat >"$T/suppliers.csv" <<'CSV'
code,name,inn,lead_days
S-1,ООО «Метиз-Снаб»,7707083893,5
CSV
run "$K" import suppliers "$T/suppliers.csv"
is "suppliers import" 0 "$rc"
cat >"$T/products.csv" <<'CSV'
sku,name,unit,barcode,purchase_price,sale_price,supplier
SKU-1001,Болт М8×40,pcs,4006381333931,10.00,15.00,S-1
SKU-1002,"Краска белая ""Снежок""",kg,4600000000008,100.00,150.00,
CSV
run "$K" import products "$T/products.csv"
is "products import" 0 "$rc"
printf 'sku,name,barcode\nSKU-1003,Гайка М8,4600000000009\n' >"$T/badean.csv"
run "$K" import products "$T/badean.csv"
is "a bad EAN-13: exit 65" 65 "$rc"
is "the bad EAN-13 named with its line and column" \
    "$T/badean.csv:2: column 'barcode': 13 digits with a valid EAN-13 check digit expected, got \"4600000000009\"" \
    "$err"
printf 'sku,name,barcode\nSKU-1003,Гайка М8,4006381333931\n' >"$T/dupean.csv"
run "$K" import products "$T/dupean.csv"
like "a barcode already on a product refused" \
    "$T/dupean.csv:2: column 'barcode':" "$err"
cat >"$T/price_lists.csv" <<'CSV'
code,name
RETAIL,Розница
WHOLESALE,Оптовый
CSV
run "$K" import price_lists "$T/price_lists.csv"
is "price lists import" 0 "$rc"
cat >"$T/prices.csv" <<'CSV'
price_list,product,price,valid_from,valid_to
RETAIL,SKU-1001,16.50,2026-01-01,
WHOLESALE,SKU-1001,14.00,2026-01-01,2026-12-31
RETAIL,SKU-1002,155.00,2026-01-01,
CSV
run "$K" import prices "$T/prices.csv"
is "prices import" 0 "$rc"
run "$K" export prices
like "a price exported with its list and product by code" \
    "WHOLESALE,SKU-1001,14.00,2026-01-01,2026-12-31" "$out"
printf 'supplier,product,price\nS-1,SKU-1001,9.50\n' >"$T/sp.csv"
run "$K" import supplier_prices "$T/sp.csv"
is "supplier prices import" 0 "$rc"
runcsv "$K" stock SKU-1001 --format csv
is "no stock yet: only the header" \
    "warehouse,name,on_hand,reserved,available,on_order" "$out"

# --- a file of stock moves: one document ---------------------------------
cat >"$T/moves.csv" <<'CSV'
type,sku,warehouse,quantity,to_warehouse,unit_cost
receipt,SKU-1001,MAIN,100,,12.00
receipt,SKU-1002,MAIN,20.5,,90.00
receipt,SKU-1001,MAIN,50,,15.00
issue,SKU-1001,MAIN,30,,
transfer,SKU-1001,MAIN,20,SHOP,
issue,SKU-1002,MAIN,0.75,,
CSV
run "$K" import stock-moves "$T/moves.csv"
is "stock moves import" 0 "$rc"
like "posted as one batch document" "posted 6 stock moves as BAT-" "$err"
runcsv "$K" stock SKU-1001 --format csv
is "stock SKU-1001 as CSV" \
"warehouse,name,on_hand,reserved,available,on_order
MAIN,Основной склад,100,0,100,0
SHOP,Магазин на Ленина,20,0,20,0" "$out"
run "$K" stock SKU-1001
is "stock as text exits 0" 0 "$rc"
is "stock as text: the same numbers in columns" \
"warehouse name on_hand reserved available on_order
MAIN Основной склад 100 0 100 0
SHOP Магазин на Ленина 20 0 20 0" \
    "$(printf '%s\n' "$out" | sed 's/  */ /g; s/ $//')"
runcsv "$K" stock 4600000000008 --format csv
is "stock by barcode, a fraction of kg" \
"warehouse,name,on_hand,reserved,available,on_order
MAIN,Основной склад,19.75,0,19.75,0" "$out"
runcsv "$K" stock sku-1002 --format csv
is "stock by SKU in any case" "$(stock_csv SKU-1002)" "$out"
run "$K" stock SKU-4040
is "stock of an unknown product: exit 66" 66 "$rc"
run "$K" export stock-moves
like "the ledger: the transfer arrives at the moving average 13.00" \
    ",transfer_in,SKU-1001,SHOP,20,13.00,260.00,BAT-" "$out"
like "the ledger: the issue leaves at 13.00" \
    ",issue,SKU-1001,MAIN,-30,13.00,-390.00,BAT-" "$out"
is "the ledger has the 7 moves (and its header)" 8 "$(nmoves)"

# --- refused whole: short, bad cells, missing columns -----------------------
before1=$(stock_csv SKU-1001)
before2=$(stock_csv SKU-1002)
cat >"$T/short.csv" <<'CSV'
type,sku,warehouse,quantity
receipt,SKU-1002,SHOP,1
issue,SKU-1001,SHOP,5
issue,SKU-1001,SHOP,16
CSV
run "$K" import stock-moves "$T/short.csv"
is "a file that goes short: exit 65" 65 "$rc"
is "the refusal names file, line, product, warehouse and numbers" \
    "$T/short.csv:4: SKU-1001 at SHOP: 15 available, 16 requested" \
    "$err"
is "short file: SKU-1001 unchanged" "$before1" "$(stock_csv SKU-1001)"
is "short file: its receipt of SKU-1002 not posted either" \
    "$before2" "$(stock_csv SKU-1002)"
is "short file: no new moves" 8 "$(nmoves)"
run "$K" export stock_docs
is "short file: no document left behind" 2 \
    "$(printf '%s\n' "$out" | wc -l)"

# bad FILE CONTENT EXPECTED-MESSAGE: a good receipt on line 2, the bad
# row on line 3; exit 65, the exact message, nothing posted.
bad() {
	printf 'type,sku,warehouse,quantity,to_warehouse,unit_cost\nreceipt,SKU-1001,MAIN,1,,1.00\n%s\n' \
	    "$2" >"$T/$1.csv"
	run "$K" import stock-moves "$T/$1.csv"
	is "$1: exit 65" 65 "$rc"
	is "$1: line and column named" "$T/$1.csv:3: $3" "$err"
}
bad badsku "issue,SKU-9999,MAIN,1,," \
    "column 'sku': no products with code \"SKU-9999\""
bad badwh "issue,SKU-1001,NOWH,1,," \
    "column 'warehouse': no warehouses with code \"NOWH\""
bad badto "transfer,SKU-1001,MAIN,1,NOWH," \
    "column 'to_warehouse': no warehouses with code \"NOWH\""
bad noto "transfer,SKU-1001,MAIN,1,," \
    "column 'to_warehouse': a value is required"
bad badtype "sale,SKU-1001,MAIN,1,," \
    "column 'type': one of receipt, issue, transfer expected, got \"sale\""
bad badqty "issue,SKU-1001,MAIN,abc,," \
    "column 'quantity': a quantity with at most 3 decimals like 12.5 expected, got \"abc\""
bad noqty "issue,SKU-1001,MAIN,,," \
    "column 'quantity': a value is required"
bad nosku "issue,,MAIN,1,," \
    "column 'sku': a value is required"
bad halfpcs "issue,SKU-1001,MAIN,1.5,," \
    "SKU-1001 is counted in whole pcs, got 1,5"
bad negcost "receipt,SKU-1001,MAIN,1,,-5.00" \
    "column 'unit_cost': not negative expected"
printf 'type,sku,quantity\nissue,SKU-1001,1\n' >"$T/nowhcol.csv"
run "$K" import stock-moves "$T/nowhcol.csv"
is "a missing column: exit 65" 65 "$rc"
is "the missing column named" \
    "$T/nowhcol.csv:1: column 'warehouse' is missing (columns: type, sku, warehouse, quantity, to_warehouse, unit_cost, lot, expiry, bin)" \
    "$err"
printf 'type,sku,warehouse,quantity,colour\nissue,SKU-1001,MAIN,1,red\n' \
    >"$T/colour.csv"
run "$K" import stock-moves "$T/colour.csv"
is "an unknown column: exit 65" 65 "$rc"
like "the unknown column named" \
    "$T/colour.csv:1: column 'colour': not a column of stock moves" "$err"
run "$K" import stock-moves "$T/moves.csv" --update
is "stock moves are never updated: exit 64" 64 "$rc"
is "bad files: SKU-1001 unchanged" "$before1" "$(stock_csv SKU-1001)"
is "bad files: no new moves" 8 "$(nmoves)"

# --- cp1251 and --dry-run ------------------------------------------------
# A lot is taken on a product kept by lots only: the paint is, for this
# receipt.
printf 'sku,lots\nSKU-1002,yes\n' >"$T/lots.csv"
"$K" import products "$T/lots.csv" --update >/dev/null 2>&1
printf 'type,sku,warehouse,quantity,unit_cost,lot\nreceipt,SKU-1002,SHOP,2,95.00,партия-1\n' |
    iconv -f UTF-8 -t CP1251 >"$T/cp.csv"
run "$K" import stock-moves "$T/cp.csv" --encoding cp1251
is "cp1251 stock moves import" 0 "$rc"
printf 'sku,lots\nSKU-1002,no\n' >"$T/lots.csv"
"$K" import products "$T/lots.csv" --update >/dev/null 2>&1
runcsv "$K" report moves --sku SKU-1002 --format csv
is "moves of SKU-1002, newest first, the lot in UTF-8" \
    "move,date,doc,kind,sku,warehouse,qty,unit_cost,value,lot,user" \
    "$(printf '%s\n' "$out" | head -1)"
like "the newest move is the cp1251 receipt" \
    ",receipt,SKU-1002,SHOP,2,95.00,190.00,партия-1,root" \
    "$(printf '%s\n' "$out" | sed -n 2p)"
is "all three moves of SKU-1002" 4 "$(printf '%s\n' "$out" | wc -l)"
runcsv "$K" report moves --format csv
is "moves of all products: all 8 of them" 9 \
    "$(printf '%s\n' "$out" | wc -l)"
like "... the newest first" ",receipt,SKU-1002,SHOP,2,95.00,190.00," \
    "$(printf '%s\n' "$out" | sed -n 2p)"

printf 'type,sku,warehouse,quantity\nissue,SKU-1001,MAIN,5\n' >"$T/dry.csv"
run "$K" import stock-moves "$T/dry.csv" --dry-run
is "dry run exits 0" 0 "$rc"
like "dry run says nothing was saved" "dry run: nothing was saved" "$err"
is "dry run: stock unchanged" "$before1" "$(stock_csv SKU-1001)"
is "dry run: no new moves" 9 "$(nmoves)"
printf 'type,sku,warehouse,quantity\nissue,SKU-1001,MAIN,500\n' \
    >"$T/dryshort.csv"
run "$K" import stock-moves "$T/dryshort.csv" --dry-run
is "a dry run finds what would go short: exit 65" 65 "$rc"
like "... and says where" \
    "$T/dryshort.csv:2: SKU-1001 at MAIN: 100 available, 500 requested" \
    "$err"

# --- a draft from the generic importer: post, post again, reverse ----------
cat >"$T/docs.csv" <<'CSV'
code,type,warehouse,to_warehouse,reason
ISS-T1,issue,MAIN,,
TRF-T1,transfer,MAIN,SHOP,
ADJ-T1,adjustment,SHOP,,бой при разгрузке
CSV
run "$K" import stock_docs "$T/docs.csv"
is "draft documents import" 0 "$rc"
cat >"$T/lines.csv" <<'CSV'
doc,product,qty
ISS-T1,SKU-1001,10
ISS-T1,SKU-1002,2.25
TRF-T1,SKU-1001,5
ADJ-T1,SKU-1001,-1
CSV
run "$K" import stock_lines "$T/lines.csv"
is "their lines import" 0 "$rc"
is "drafts move nothing" "$before1" "$(stock_csv SKU-1001)"
run "$K" post iss-t1
is "post a draft" 0 "$rc"
is "post says what it did, once" "kontor: ISS-T1 posted" "$err"
run "$K" post ISS-T1
is "posting again: exit 65" 65 "$rc"
is "posting again: the refusal says how to correct" \
    "kontor: ISS-T1 is posted already; a posted document is corrected by reversing it" \
    "$err"
printf 'doc,product,qty\nISS-T1,SKU-1001,1\n' >"$T/late.csv"
run "$K" import stock_lines "$T/late.csv"
is "a line added to a posted document: exit 65" 65 "$rc"
like "... refused" "ISS-T1 is posted: its lines are not changed any more" \
    "$err"
run "$K" post TRF-T1
is "a transfer leaves" "kontor: TRF-T1 posted (in transit)" "$err"
is "in transit: out of MAIN, not yet at SHOP" \
"warehouse,name,on_hand,reserved,available,on_order
MAIN,Основной склад,85,0,85,0
SHOP,Магазин на Ленина,20,0,20,0" "$(stock_csv SKU-1001)"
run "$K" post TRF-T1
is "the transfer arrives" "kontor: TRF-T1 posted" "$err"
run "$K" post ADJ-T1
is "the adjustment posts" 0 "$rc"
is "after the transfer and the adjustment" \
"warehouse,name,on_hand,reserved,available,on_order
MAIN,Основной склад,85,0,85,0
SHOP,Магазин на Ленина,24,0,24,0" "$(stock_csv SKU-1001)"
run "$K" reverse ISS-T1
is "reverse a posted issue" 0 "$rc"
like "the reversal is a REV- document" "kontor: ISS-T1 reversed by REV-" \
    "$err"
is "the reversal restores the stock" \
"warehouse,name,on_hand,reserved,available,on_order
MAIN,Основной склад,95,0,95,0
SHOP,Магазин на Ленина,24,0,24,0" "$(stock_csv SKU-1001)"
is "... of every line" \
"warehouse,name,on_hand,reserved,available,on_order
MAIN,Основной склад,19.75,0,19.75,0
SHOP,Магазин на Ленина,2,0,2,0" "$(stock_csv SKU-1002)"
run "$K" reverse ISS-T1
is "reversing again: exit 65" 65 "$rc"
like "... only a posted document" "only a posted document is reversed" "$err"
run "$K" post ISS-T404
is "posting an unknown document: exit 66" 66 "$rc"
run "$K" export stock_docs
like "the original is marked reversed" "ISS-T1,issue,reversed," "$out"

# --- purchase orders -----------------------------------------------------
printf 'code,supplier,warehouse,expected\nPO-T1,S-1,MAIN,2026-12-15\n' \
    >"$T/po.csv"
run "$K" import purchase_orders "$T/po.csv"
is "purchase order import" 0 "$rc"
printf 'po,product,qty,price\nPO-T1,SKU-1001,40,11.00\nPO-T1,SKU-1002,5,80.00\n' \
    >"$T/pol.csv"
run "$K" import po_lines "$T/pol.csv"
is "its lines import" 0 "$rc"
run "$K" post PO-T1
is "posting a purchase order sends it" "kontor: PO-T1 posted (sent)" "$err"
is "sent: on order at its warehouse" \
"warehouse,name,on_hand,reserved,available,on_order
MAIN,Основной склад,95,0,95,40
SHOP,Магазин на Ленина,24,0,24,0" "$(stock_csv SKU-1001)"
run "$K" export purchase_orders
like "sent, with its total" "PO-T1,S-1,MAIN,$(date +%Y-%m-%d),2026-12-15,sent,840.00," \
    "$out"
run "$K" post PO-T1
is "sending again: exit 65" 65 "$rc"
printf 'code,type,warehouse,po\nRCP-T1,receipt,MAIN,PO-T1\nRCP-T2,receipt,MAIN,PO-T1\n' \
    >"$T/rcp.csv"
run "$K" import stock_docs "$T/rcp.csv"
is "receipts against the order import" 0 "$rc"
printf 'doc,product,qty,unit_cost\nRCP-T1,SKU-1001,25,11.00\nRCP-T2,SKU-1001,20,11.00\n' \
    >"$T/rcpl.csv"
run "$K" import stock_lines "$T/rcpl.csv"
is "... and their lines" 0 "$rc"
run "$K" post RCP-T1
is "a receipt against the order" 0 "$rc"
is "received: on hand up, on order down" \
"warehouse,name,on_hand,reserved,available,on_order
MAIN,Основной склад,120,0,120,15
SHOP,Магазин на Ленина,24,0,24,0" "$(stock_csv SKU-1001)"
run "$K" post RCP-T2
is "an over-receipt: exit 65" 65 "$rc"
is "... asks for confirmation" \
    "kontor: RCP-T2: line 1: over-receipt: SKU-1001: 45 received against 40 ordered; confirm to receive more" \
    "$err"
run "$K" post RCP-T2 --confirm-over
is "confirmed over-receipt" 0 "$rc"
is "over-received: nothing more on order" \
"warehouse,name,on_hand,reserved,available,on_order
MAIN,Основной склад,140,0,140,0
SHOP,Магазин на Ленина,24,0,24,0" "$(stock_csv SKU-1001)"
run "$K" export po_lines
like "the order line counts what came" "PO-T1,1,SKU-1001,40,11.00,45," "$out"
is "the paint is still on order" \
"warehouse,name,on_hand,reserved,available,on_order
MAIN,Основной склад,19.75,0,19.75,5
SHOP,Магазин на Ленина,2,0,2,0" "$(stock_csv SKU-1002)"

# --- reorder -------------------------------------------------------------
cat >"$T/limits.csv" <<'CSV'
product,warehouse,min_qty,max_qty
SKU-1001,SHOP,30,60
SKU-1001,MAIN,10,100
SKU-1002,SHOP,1,2
CSV
run "$K" import stock_limits "$T/limits.csv"
is "stock limits import" 0 "$rc"
runcsv "$K" reorder --format csv
is "reorder proposes what is under its minimum, up to the maximum" \
"supplier,warehouse,sku,name,available,on_order,drafted,min,max,order_qty
S-1,SHOP,SKU-1001,Болт М8×40,24,0,0,30,60,36" "$out"
run "$K" reorder --apply
is "reorder --apply" 0 "$rc"
is "... says how many orders" "kontor: 1 draft purchase order made" "$err"
made=$out
run "$K" export purchase_orders
like "a draft order to the supplier for the shop" \
    ",S-1,SHOP,$(date +%Y-%m-%d),,draft,,made by reorder planning," "$out"
is "... its number printed, as a script needs it" \
    "$(printf '%s\n' "$out" | tr -d '\r' | grep 'made by reorder planning' |
    cut -d, -f1)" "$made"
run "$K" export po_lines
like "its line at the supplier's price" ",1,SKU-1001,36,9.50,," "$out"
runcsv "$K" reorder --format csv
is "the draft order counts: nothing more is proposed" \
"supplier,warehouse,sku,name,available,on_order,drafted,min,max,order_qty" "$out"
run "$K" reorder --apply
is "planning again orders nothing twice: exit 65" 65 "$rc"
like "... and says why" "nothing to order" "$err"

# --- the reports and the check -------------------------------------------
runcsv "$K" report stock-value --format csv
is "stock value at moving average cost" \
"sku,name,unit,on_hand,avg_cost,value
SKU-1001,Болт М8×40,pcs,164,12.45,2042.00
SKU-1002,\"Краска белая \"\"Снежок\"\"\",kg,21.75,90.46,1967.50
TOTAL,,,,,4009.50" "$out"
# --- text: a value wider than its column ---------------------------------
printf 'code,name\nFAR,Удалённый склад на Ленинградском шоссе 7\n' >"$T/far.csv"
"$K" import warehouses "$T/far.csv" >/dev/null 2>&1
printf 'type,sku,warehouse,quantity,unit_cost\nreceipt,SKU-1001,FAR,5,10.00\n' \
    >"$T/farin.csv"
"$K" import stock-moves "$T/farin.csv" >/dev/null 2>&1
run "$K" stock SKU-1001
like "cut with …, the columns kept apart and in line" \
    "FAR        Удалённый склад на Ленинград…        5         0" "$out"

run "$K" check
is "kontor check passes" 0 "$rc"
like "... and says so on stdout" "check passed" "$out"
done_testing
