#!/bin/sh
# Sales end to end through the kontor binary on a fresh home: a file of
# sales orders imported as drafts and with --post (confirmed, reserved);
# a file that cannot be reserved refused whole with exit 65 and
# FILE:LINE: SKU at Warehouse: A available, Q requested, in English and in
# Russian, nothing changed; cp1251; --dry-run; kontor post SO (confirm),
# ship SO (the draft of what is left, its number on stdout), post SHP,
# partial shipments, more than ordered refused unless --confirm-over,
# returns within what was shipped, cancel releasing the reservation;
# stock, reservations and cost after each; a product kept by lots shipped
# first to expire first over two lots and returned into a lot named and
# into the last to expire (kontor return --lot), kontor report lots and
# moves showing it; kontor check at the end; a sales clerk confirms and
# ships but may not post the shipment.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 104
K="$KONTOR"

# on_hand reserved available of SKU at MAIN, one line.
stk() { "$K" stock "$1" --format csv 2>/dev/null | tr -d '\r' |
    awk -F, '$1 == "MAIN" { print $3, $4, $5 }'; }
# A field of a record as exported: fld ENTITY CODE FIELD
fld() {
	"$K" export "$1" --raw 2>/dev/null | tr -d '\r' | awk -F, -v c="$2" \
	    -v f="$3" 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	    $1 == c { print $h[f] }'
}
# so_lines of an order: "sku qty reserved shipped returned" per line.
sol() {
	"$K" export so_lines --raw 2>/dev/null | tr -d '\r' | awk -F, -v o="$1" \
	    'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	    $h["order"] == o { print $h["product"], $h["qty"], $h["reserved"],
	    $h["shipped"], $h["returned"] }'
}

run "$K" init --company "ООО «Торговый дом»"
is "init" 0 "$rc"
printf 'code,name\nMAIN,Основной склад\n' >"$T/wh.csv"
run "$K" import warehouses "$T/wh.csv"
is "warehouses" 0 "$rc"
cat >"$T/c.csv" <<'CSV'
code,name,kind,inn
ROMASHKA,ООО «Ромашка»,company,7707083893
VASILEK,ИП Васильков,person,
CSV
run "$K" import customers "$T/c.csv"
is "customers" 0 "$rc"
cat >"$T/p.csv" <<'CSV'
sku,name,unit,barcode,purchase_price,sale_price,vat
SKU-1001,Болт М8×40,pcs,4006381333931,10.00,15.00,20
SKU-1002,Краска белая,kg,,100.00,150.00,20
SKU-1003,Гайка М8,pcs,,1.00,2.00,10
CSV
run "$K" import products "$T/p.csv"
is "products" 0 "$rc"
cat >"$T/in.csv" <<'CSV'
type,sku,warehouse,quantity,unit_cost
receipt,SKU-1001,MAIN,10,12.00
receipt,SKU-1002,MAIN,5,100.00
receipt,SKU-1003,MAIN,100,1.00
CSV
run "$K" import stock-moves "$T/in.csv"
is "stock in" 0 "$rc"

# --- import: drafts, then --post ------------------------------------------
cat >"$T/so.csv" <<'CSV'
order,customer,date,warehouse,sku,quantity,price,discount,vat,ref
A,ROMASHKA,2026-03-02,MAIN,SKU-1001,4,,,,ЗК-17
A,ROMASHKA,2026-03-02,MAIN,4006381333931,1,,,,ЗК-17
B,7707083893,2026-03-02,MAIN,SKU-1002,2,140.00,5,,
CSV
run "$K" import sales-orders "$T/so.csv"
is "drafts imported" 0 "$rc"
is "their numbers on stdout" "SO-2026-000001
SO-2026-000002" "$out"
like "said as drafts" "imported 2 orders (3 lines) as drafts" "$err"
is "a draft reserves nothing" "10 0 10" "$(stk SKU-1001)"
is "a barcode names the product; prices filled" \
    "SKU-1001 4 0 0 0
SKU-1001 1 0 0 0" "$(sol SO-2026-000001)"
is "the order's total: 5 x 15.00 + 20 %" "90.00" \
    "$(fld sales_orders SO-2026-000001 gross)"
is "the customer's reference" "ЗК-17" \
    "$(fld sales_orders SO-2026-000001 customer_ref)"
is "a typed price and discount: 2 x 140.00 - 5 % + 20 %" "319.20" \
    "$(fld sales_orders SO-2026-000002 gross)"
is "customer by INN" "ROMASHKA" "$(fld sales_orders SO-2026-000002 customer)"

cat >"$T/post.csv" <<'CSV'
order,customer,date,warehouse,sku,quantity
X1,VASILEK,2026-03-03,MAIN,SKU-1003,10
X2,ROMASHKA,2026-03-03,MAIN,SKU-1001,3
X2,ROMASHKA,2026-03-03,MAIN,SKU-1003,5
CSV
run "$K" import sales-orders "$T/post.csv" --post
is "--post imports and confirms" 0 "$rc"
like "said so" "imported and confirmed 2 orders (3 lines): reserved" "$err"
is "reserved" "10 3 7" "$(stk SKU-1001)"
is "reserved across both orders" "100 15 85" "$(stk SKU-1003)"
is "confirmed" "confirmed" "$(fld sales_orders SO-2026-000004 status)"

# --- all or nothing ---------------------------------------------------------
cat >"$T/short.csv" <<'CSV'
order,customer,date,warehouse,sku,quantity
S1,ROMASHKA,2026-03-04,MAIN,SKU-1003,1
S2,ROMASHKA,2026-03-04,MAIN,SKU-1001,2
S2,ROMASHKA,2026-03-04,MAIN,SKU-1001,6
CSV
n_before=$("$K" export sales_orders | wc -l)
run "$K" import sales-orders "$T/short.csv" --post
is "short: exit 65" 65 "$rc"
is "short: the file, the line, the numbers" \
    "$T/short.csv:4: SKU-1001 at MAIN: 5 available, 6 requested" \
    "$err"
is "nothing saved" "$n_before" "$("$K" export sales_orders | wc -l)"
is "nothing reserved" "10 3 7" "$(stk SKU-1001)"
is "the other order neither" "100 15 85" "$(stk SKU-1003)"
run "$K" --lang ru import sales-orders "$T/short.csv" --post
is "short, in Russian: exit 65" 65 "$rc"
is "short, in Russian" \
    "$T/short.csv:4: SKU-1001, склад «MAIN»: доступно 5, требуется 6" \
    "$err"
run "$K" import sales-orders "$T/short.csv" --post --dry-run
is "--dry-run --post finds it too" 65 "$rc"
printf 'order,customer,date,warehouse,sku,quantity\nD,ROMASHKA,,MAIN,SKU-1003,1\n' \
    >"$T/dry.csv"
run "$K" import sales-orders "$T/dry.csv" --post --dry-run
is "--dry-run: exit 0" 0 "$rc"
like "--dry-run: nothing saved" "dry run: nothing was saved; 1 order" "$err"
is "--dry-run reserved nothing" "100 15 85" "$(stk SKU-1003)"
printf 'order,customer,warehouse,sku,quantity\nE,ROMASHKA,MAIN,SKU-1009,1\n' \
    >"$T/bad.csv"
run "$K" import sales-orders "$T/bad.csv"
is "an unknown SKU: exit 65" 65 "$rc"
like "named with its line and column" "$T/bad.csv:2: column 'product'" "$err"
printf 'order,customer,warehouse,qty\nE,ROMASHKA,MAIN,1\n' >"$T/badcol.csv"
run "$K" import sales-orders "$T/badcol.csv"
like "an unknown column" "column 'qty': not a column of sales orders" "$err"
printf 'order,customer,date,warehouse,sku,quantity\nК1,ROMASHKA,2026-03-05,MAIN,SKU-1003,1\n' |
    iconv -f UTF-8 -t CP1251 >"$T/cp.csv"
run "$K" import sales-orders "$T/cp.csv" --encoding cp1251
is "cp1251" 0 "$rc"

# --- confirm, ship, post ----------------------------------------------------
run "$K" post SO-2026-000001
is "post SO confirms" 0 "$rc"
is "confirmed: said" "kontor: SO-2026-000001 confirmed: its lines are reserved" \
    "$err"
is "its 5 reserved" "10 8 2" "$(stk SKU-1001)"
run "$K" ship SO-2026-000001
is "ship: exit 0" 0 "$rc"
is "ship: the draft's number" "SHP-2026-000001" "$out"
run "$K" ship SO-2026-000001
is "a second draft: refused" 65 "$rc"
like "naming the first" "shipment SHP-2026-000001 is a draft of it already" \
    "$err"
# Partial: the first line only 3 of 4.
printf 'code,shipment,line,product,qty\n' >"$T/shl.csv"
"$K" export shipment_lines --raw | tr -d '\r' | awk -F, 'NR > 1 && $3 == 1 {
    print $1 ",SHP-2026-000001,1,SKU-1001,3" }' >>"$T/shl.csv"
run "$K" import shipment_lines "$T/shl.csv" --update
is "the draft edited to 3" 0 "$rc"
run "$K" post SHP-2026-000001
is "post SHP" 0 "$rc"
is "shipped against the reservation" "6 4 2" "$(stk SKU-1001)"
is "the order's lines" "SKU-1001 4 1 3 0
SKU-1001 1 0 1 0" "$(sol SO-2026-000001)"
is "part shipped" "part_shipped" "$(fld sales_orders SO-2026-000001 status)"
is "the cost that left: 4 x 12.00" "48.00" "$(fld shipments SHP-2026-000001 cost)"
is "the receivable: 4 x 15.00 + 20 %" "72.00" \
    "$(fld shipments SHP-2026-000001 receivable)"
run "$K" ship SO-2026-000001
is "the rest" "SHP-2026-000002" "$out"
printf 'code,shipment,line,product,qty\n' >"$T/shl2.csv"
"$K" export shipment_lines --raw | tr -d '\r' | awk -F, 'NR > 1 &&
    $2 == "SHP-2026-000002" { print $1 ",SHP-2026-000002,1,SKU-1001,2" }' \
    >>"$T/shl2.csv"
"$K" import shipment_lines "$T/shl2.csv" --update >/dev/null 2>&1
run "$K" post SHP-2026-000002
is "more than ordered: exit 65" 65 "$rc"
is "more than ordered: why" "kontor: SHP-2026-000002: line 1: over-shipment: SKU-1001: 5 shipped against 4 ordered; confirm to ship more" "$err"
run "$K" post SHP-2026-000002 --confirm-over
is "confirmed: posted" 0 "$rc"
is "shipped: the line grew" "SKU-1001 5 0 5 0
SKU-1001 1 0 1 0" "$(sol SO-2026-000001)"
is "shipped" "shipped" "$(fld sales_orders SO-2026-000001 status)"
is "stock" "4 3 1" "$(stk SKU-1001)"

# --- returns ------------------------------------------------------------------
# A shipment is not reversed: a return takes the goods back; found, it
# is bad data (65), not a missing document (66, "no stock document").
run "$K" reverse SHP-2026-000001
is "reverse of a shipment: exit 65" 65 "$rc"
like "... a return is what takes it back" "SHP-2026-000001 is a shipment: it is not reversed; what comes back is a return" "$err"
# A product no one has: a missing record, 66 (the man page's EXIT STATUS).
run "$K" return SHP-2026-000001 --sku SKU-9999 --quantity 1
is "a return of an unknown SKU: exit 66" \
    "66 kontor: unknown SKU SKU-9999: no product has it" "$rc $err"
run "$K" return SHP-2026-000001 --sku SKU-1001 --quantity 5
is "more than shipped: exit 65" 65 "$rc"
like "why" "SKU-1001: 5 to return, but 3 shipped in SHP-2026-000001 less 0 returned leaves 3" "$err"
run "$K" return SHP-2026-000001 --sku SKU-1001 --quantity 3
is "a return" "RET-2026-000001" "$out"
is "back in stock" "7 3 4" "$(stk SKU-1001)"
is "at the cost it left with" "36.00" "$(fld customer_returns RET-2026-000001 cost)"
is "the receivable less the return" "18.00" \
    "$(fld shipments SHP-2026-000001 receivable)"
run "$K" return SHP-2026-000001 --sku SKU-1001 --quantity 2
like "no more than shipped less returned" "2 to return, but 1 shipped in SHP-2026-000001 less 0 returned leaves 1" "$err"
run "$K" return SHP-2026-000001 --sku SKU-1001 --quantity 1 --reason "$(printf 'a\bb')"
is "--reason with a backspace: exit 65" 65 "$rc"
like "... the option named, not a column" "kontor: --reason: control character U+0008" "$err"
run "$K" return SHP-2026-000001 --sku SKU-1001 --quantity 1 --draft
is "a draft return" "draft" "$(fld customer_returns RET-2026-000002 status)"
run "$K" post RET-2026-000002
is "posted" "posted" "$(fld customer_returns RET-2026-000002 status)"
is "the order lines' returned" "SKU-1001 5 0 5 3
SKU-1001 1 0 1 1" "$(sol SO-2026-000001)"

# --- cancel -------------------------------------------------------------------
run "$K" cancel SO-2026-000004
is "cancel" 0 "$rc"
is "released" "8 0 8" "$(stk SKU-1001)"
is "cancelled" "cancelled" "$(fld sales_orders SO-2026-000004 status)"
run "$K" --lang ru cancel SO-2026-000004
is "cancelled twice, in Russian" "kontor: SO-2026-000004: отменён; отменяется только черновик или подтверждённый заказ" "$err"

# --- lots: a product kept by lots leaves first to expire first -------------
cat >"$T/pl.csv" <<'CSV'
sku,name,unit,purchase_price,sale_price,vat,lots
KEFIR-1,Кефир 2.5 %,pcs,30.00,45.00,10,yes
CSV
run "$K" import products "$T/pl.csv"
is "a product kept by lots" 0 "$rc"
cat >"$T/inl.csv" <<'CSV'
type,sku,warehouse,quantity,unit_cost,lot,expiry
receipt,KEFIR-1,MAIN,4,30.00,K-0610,2026-06-10
receipt,KEFIR-1,MAIN,6,30.00,K-0601,2026-06-01
CSV
run "$K" import stock-moves "$T/inl.csv"
is "two lots in" 0 "$rc"
# lot,expiry,on_hand of KEFIR-1 at MAIN, one line each
lots() { "$K" report lots --sku KEFIR-1 --format csv 2>/dev/null |
    tr -d '\r' | awk -F, '$1 == "MAIN" { print $2, $3, $4 }'; }
printf 'order,customer,date,warehouse,sku,quantity\nK,ROMASHKA,2026-03-05,MAIN,KEFIR-1,8\n' \
    >"$T/sok.csv"
run "$K" import sales-orders "$T/sok.csv" --post
is "an order of 8, confirmed" 0 "$rc"
SOK=$out
run "$K" ship "$SOK"
SHK=$out
run "$K" post "$SHK"
is "the shipment of a lot product posts" 0 "$rc"
is "the lots: the first to expire went first, then the next" \
    "K-0610 2026-06-10 2" "$(lots)"
like "the line keeps the lots it took" ",\"K-0601, K-0610\"" \
    "$("$K" export shipment_lines --raw | grep ",$SHK,")"
is "one ledger move per lot" "-6 K-0601
-2 K-0610" "$("$K" report moves --sku KEFIR-1 --format csv 2>/dev/null |
    tr -d '\r' | awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i;
    next } $h["kind"] == "shipment" { print $h["qty"], $h["lot"] }' |
    sort -k2)"
run "$K" return "$SHK" --sku KEFIR-1 --quantity 7 --lot K-0601
is "a return into a lot past what it shipped: exit 65" 65 "$rc"
like "... naming the lot" "KEFIR-1 lot K-0601: 7 to return, but 6 shipped from it in $SHK less 0 returned leaves 6" "$err"
run "$K" return "$SHK" --sku KEFIR-1 --quantity 2 --lot K-0601
is "a return into the lot named" 0 "$rc"
is "it is back in that lot, with its expiry" "K-0601 2026-06-01 2
K-0610 2026-06-10 2" "$(lots)"
run "$K" return "$SHK" --sku KEFIR-1 --quantity 1
is "a return naming no lot" 0 "$rc"
is "... goes back into the last to expire" "K-0601 2026-06-01 2
K-0610 2026-06-10 3" "$(lots)"

# --- a service is not kept in stock ----------------------------------------
printf 'sku,name,kind,unit,sale_price,vat\nSRV-1,Монтаж,service,pcs,100.00,20\n' \
    >"$T/ps.csv"
run "$K" import products "$T/ps.csv"
is "a service" 0 "$rc"
printf 'order,customer,date,warehouse,sku,quantity,price\nS,ROMASHKA,2026-03-06,MAIN,SKU-1003,2,2.00\nS,ROMASHKA,2026-03-06,MAIN,SRV-1,1,\n' \
    >"$T/sos.csv"
B3=$(stk SKU-1003)
run "$K" import sales-orders "$T/sos.csv" --post
is "an order of goods and a service is confirmed" 0 "$rc"
SOS=$out
is "only the goods are reserved" "SKU-1003 2 2 0 0
SRV-1 1 0 0 0" "$(sol "$SOS")"
run "$K" ship "$SOS"
SHS=$out
run "$K" post "$SHS"
is "its shipment posts: the service needs no stock" 0 "$rc"
is "the service line is shipped" "SKU-1003 2 0 2 0
SRV-1 1 0 1 0" "$(sol "$SOS")"
is "the goods left: 2 fewer on hand, none reserved" "$(echo "$B3" |
    awk '{ print $1 - 2, $2, $3 - 2 }')" "$(stk SKU-1003)"
is "no move of the service" "" "$("$K" report moves --sku SRV-1 \
    --format csv 2>/dev/null | tr -d '\r' | awk 'NR > 1')"
is "the service has no stock" "" "$(stk SRV-1)"
is "owed: the whole gross, 2 x 2.00 + 10 % + 100.00 + 20 %" "124.40" \
    "$(fld shipments "$SHS" receivable)"
run "$K" return "$SHS" --sku SRV-1 --quantity 1
is "the service returned" 0 "$rc"
is "... owed less its gross" "4.40" "$(fld shipments "$SHS" receivable)"
is "... and still no stock of it" "" "$(stk SRV-1)"

run "$K" check
is "kontor check passes" 0 "$rc"

# --- roles: sales confirms and ships, the warehouse posts -------------------
"$K" user add boss --role admin >/dev/null 2>&1
run "$K" user mod root --role sales
is "root is a sales clerk now" 0 "$rc"
run "$K" post SO-2026-000002
is "sales confirms" 0 "$rc"
run "$K" ship SO-2026-000002
is "sales makes the shipment draft" 0 "$rc"
run "$K" post SHP-2026-000003
is "sales does not post it" 77 "$rc"
done_testing
