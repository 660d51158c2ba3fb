#!/bin/sh
# Production end to end through the kontor binary on a fresh home: a work
# centre and BOMs imported (one row per component, three levels), a file
# with a cycle, a bad quantity or an unknown column refused whole (exit
# 65, FILE:LINE, the column, the cycle's path) with nothing changed,
# --dry-run; production orders imported; kontor post MO releases (or
# refuses naming every short component with its need and what is
# available), kontor produce makes in part and whole (the completion's
# number on stdout, the value to the kopeck), with typed consumption and
# its reason, kontor close and kontor cancel; the stock, the orders and
# the reports production, finished-goods and shortages with exact numbers;
# the refusal in Russian; and kontor check at the end.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 66
K="$KONTOR"

# CSV comes with CRLF line ends; compared without them.
runcsv() { run "$@"; out=$(printf '%s\n' "$out" | tr -d '\r'); }
# A product's stock at a warehouse: on_hand,reserved.
level() {
	"$K" stock "$1" --format csv 2>/dev/null | tr -d '\r' |
	    awk -F, -v w="$2" '$1 == w { print $3 "," $4 }'
}
# A field of a record, as kontor show prints it.
field() {
	"$K" show "$1" "$2" 2>/dev/null | awk -v f="$3" '$1 == f {
	    $1 = ""; sub(/^ +/, ""); gsub(/"/, ""); print }'
}
nboms() { "$K" export boms | tr -d '\r' | sed 1d | wc -l; }

run "$K" init --company "ООО «Мебельная фабрика»"
is "init" 0 "$rc"
printf 'code,name\nMAIN,Склад материалов\nFG,Склад готовой продукции\n' \
    >"$T/wh.csv"
run "$K" import warehouses "$T/wh.csv"
is "warehouses" 0 "$rc"
cat >"$T/p.csv" <<'CSV'
sku,name,kind,unit,purchase_price
TBL,Стол обеденный,finished,pcs,
TOP,Столешница,material,pcs,
LEG,Ножка,material,pcs,
PLY,Фанера 18 мм,material,m2,
BAR,Брус 50×50,material,m,
SCR,Винт 4×40,material,pcs,0.50
INST,Сборка на месте,service,pcs,
CSV
run "$K" import products "$T/p.csv"
is "products" 0 "$rc"
printf 'code,name,hours_per_day,days,rate\nWC1,Сборочный участок,8,12345,600.00\n' \
    >"$T/wc.csv"
run "$K" import work_centres "$T/wc.csv"
is "a work centre through the generic import" 0 "$rc"
printf 'code,name,days\nWC2,Покраска,1238\n' >"$T/wc2.csv"
run "$K" import work_centres "$T/wc2.csv"
is "working days are 1 to 7: exit 65" 65 "$rc"
like "... naming the column" "$T/wc2.csv:2: column 'days':" "$err"

# --- BOMs ------------------------------------------------------------------
cat >"$T/boms.csv" <<'CSV'
product,version,yield,component,quantity,scrap,work_centre,hours
TBL,1,1,TOP,1,,WC1,1.5
TBL,1,1,LEG,4,,WC1,1.5
TBL,1,1,SCR,16,5,WC1,1.5
TOP,1,2,PLY,1.5,,WC1,0.5
LEG,1,4,BAR,3,10,,
CSV
run "$K" import boms "$T/boms.csv" --dry-run
is "a dry run" 0 "$rc"
like "... says what would be" "dry run: nothing was saved; 3 BOMs (5 rows) are valid" "$err"
is "... and saves nothing" 0 "$(nboms)"
run "$K" import boms "$T/boms.csv"
is "BOMs: one row per component" 0 "$rc"
is "... counted" "kontor: imported 3 BOMs (5 rows)" "$err"
is "... three of them" 3 "$(nboms)"
printf 'product,component,quantity\nSCR,PLY,1\nBAR,TBL,1\n' >"$T/cycle.csv"
run "$K" import boms "$T/cycle.csv"
is "a BOM that would contain itself: exit 65" 65 "$rc"
is "... refused with the path" \
    "$T/cycle.csv:3: column 'component': BAR would contain itself: BAR → TBL → LEG → BAR" \
    "$err"
is "... and nothing of the file is saved" 3 "$(nboms)"
printf 'product,component,quantity\nTBL,SCR,-2\n' >"$T/bad.csv"
run "$K" import boms "$T/bad.csv"
is "a negative quantity" \
    "$T/bad.csv:2: column 'quantity': more than 0 expected" "$err"
printf 'product,component,qty\nTBL,SCR,2\n' >"$T/col.csv"
run "$K" import boms "$T/col.csv"
is "an unknown column: exit 65" 65 "$rc"
like "... named, with the columns there are" \
    "$T/col.csv:1: column 'qty': not a column of BOMs (columns: product, version, yield, component, quantity, scrap, work_centre, hours, notes)" \
    "$err"
printf 'product,component,quantity\nSTUL,SCR,2\n' >"$T/sku.csv"
run "$K" import boms "$T/sku.csv"
is "an unknown product" \
    "$T/sku.csv:2: column 'product': no product with SKU or barcode \"STUL\"" \
    "$err"
printf 'product,component,quantity\nTBL,INST,1\n' >"$T/svc.csv"
run "$K" import boms "$T/svc.csv"
is "a service as a component: exit 65" 65 "$rc"
is "... refused: it has no stock to consume" \
    "$T/svc.csv:2: column 'component': INST is a service: it is not kept in stock, so it is neither made nor consumed" \
    "$err"
printf 'product,component,quantity\nINST,SCR,1\n' >"$T/svc2.csv"
run "$K" import boms "$T/svc2.csv"
like "a service is not made either" \
    "$T/svc2.csv:2: column 'product': INST is a service" "$err"
is "... and neither file saved anything" 3 "$(nboms)"

# --- stock ----------------------------------------------------------------
cat >"$T/in.csv" <<'CSV'
type,sku,warehouse,quantity,unit_cost
receipt,BAR,MAIN,10,50.00
receipt,BAR,MAIN,10,60.00
receipt,PLY,MAIN,6,200.00
receipt,SCR,MAIN,200,0.50
CSV
run "$K" import stock-moves "$T/in.csv"
is "components received" 0 "$rc"

# --- production orders -------------------------------------------------------
cat >"$T/mo.csv" <<'CSV'
product,qty,comp_warehouse,fg_warehouse,start,finish
LEG,8,MAIN,MAIN,2026-03-02,2026-03-03
TOP,4,MAIN,MAIN,2026-03-02,2026-03-03
TBL,5,MAIN,FG,2026-03-04,2026-03-05
TBL,2,MAIN,FG,2026-03-06,2026-03-06
CSV
run "$K" import production_orders "$T/mo.csv"
is "orders through the generic import" 0 "$rc"
mos=$("$K" export production_orders | tr -d '\r' | sed 1d | cut -d, -f1)
MO1=$(echo "$mos" | sed -n 1p)
MO2=$(echo "$mos" | sed -n 2p)
MO3=$(echo "$mos" | sed -n 3p)
MO4=$(echo "$mos" | sed -n 4p)
like "numbered MO-YEAR-N" "MO-" "$MO1"
is "a draft" draft "$(field production_orders "$MO1" status)"

run "$K" post "$MO1"
is "post MO releases" 0 "$rc"
is "... and says so" "kontor: $MO1 released: its components are reserved" \
    "$err"
is "the timber is reserved: 8 legs x 3/4 m + 10 %" "20,6.6" "$(level BAR MAIN)"
run "$K" post "$MO1"
is "released twice: exit 65" 65 "$rc"
run "$K" produce "$MO1" --quantity 4
is "four legs made" 0 "$rc"
like "... the completion's number on stdout" "MOC-" "$out"
is "... what was done on stderr" \
    "kontor: $MO1: 4 made, 4 of 8 in all (in progress); value 181,50, labour 0,00" \
    "$err"
is "the reservation comes down by what they took" "16.7,3.3" \
    "$(level BAR MAIN)"
run "$K" produce "$MO1" --quantity 4 --consume BAR:3.5
is "typed consumption without a reason: exit 64" 64 "$rc"
run "$K" produce "$MO1" --quantity 4 --consume SKU-9999:1 --reason "x"
is "an unknown SKU consumed: exit 66, nothing made" \
    "66 kontor: unknown SKU SKU-9999: no product has it" "$rc $err"
run "$K" produce "$MO1" --quantity 4 --consume bar:3.5 --reason "сучки"
is "... with one" 0 "$rc"
like "... its variance said" "variance from the BOM 11,00" "$err"
is "done" done "$(field production_orders "$MO1" status)"
is "its value: the timber at its moving average" 374.00 \
    "$(field production_orders "$MO1" value)"
is "the legs are in" "8,0" "$(level LEG MAIN)"
run "$K" produce "$MO1" --quantity 1
is "nothing left to make: exit 65" 65 "$rc"

run "$K" post "$MO3"
is "five tables: short of two components, exit 65" 65 "$rc"
is "... both named with their need and what is available" \
    "kontor: $MO3 cannot be released, short at MAIN: TOP needs 5, 0 available; LEG needs 20, 8 available" \
    "$err"
is "... nothing reserved" "8,0" "$(level LEG MAIN)"
run "$K" cancel "$MO3"
is "cancel MO: a draft" 0 "$rc"
is "... cancelled" cancelled "$(field production_orders "$MO3" status)"

run "$K" post "$MO2"
is "tops released" 0 "$rc"
run "$K" produce "$MO2" --quantity 4
is "... and made with labour: 600.00 x 0.5 h x 4 / 2" 0 "$rc"
is "... plywood 600.00 + labour 600.00" 1200.00 \
    "$(field production_orders "$MO2" value)"
run "$K" post "$MO4"
is "two tables released" 0 "$rc"
is "34 screws held for 33.6" "200,34" "$(level SCR MAIN)"
run "$K" produce "$MO4" --quantity 1
is "one table made" 0 "$rc"
is "... into the finished goods warehouse" "1,0" "$(level TBL FG)"
is "... at 300.00 + 4 x 46.75 + 17 x 0.50 + 900.00" 1395.50 \
    "$(field production_orders "$MO4" value)"
run "$K" close "$MO4"
is "close MO" 0 "$rc"
is "... releases what it held" "183,0" "$(level SCR MAIN)"
run "$K" cancel "$MO4"
is "a closed order is not cancelled: exit 65" 65 "$rc"
run "$K" produce PO-2026-000001 --quantity 1
is "produce names a production order: exit 64" 64 "$rc"

# --- reports -----------------------------------------------------------------
runcsv "$K" report production --format csv --period month
month=$(date +%Y-%m)
is "production: made per month and product" \
    "period,sku,name,qty,materials,labour,variance,value
$month,LEG,Ножка,8,374.00,0.00,11.00,374.00
$month,TBL,Стол обеденный,1,495.50,900.00,0.00,1395.50
$month,TOP,Столешница,4,600.00,600.00,0.00,1200.00
TOTAL,,,,1469.50,1500.00,11.00,2969.50" "$out"
runcsv "$K" report finished-goods --format csv
is "finished-goods: the tables, with their value" \
    "warehouse,sku,name,on_hand,reserved,available,value
FG,TBL,Стол обеденный,1,0,1,1395.50
FG,TOTAL,,,,,1395.50
TOTAL,,,,,,1395.50" "$out"
printf 'product,qty,comp_warehouse,fg_warehouse,start\nTBL,1,MAIN,FG,2026-03-09\nTBL,1,MAIN,FG,2026-03-10\n' \
    >"$T/mo2.csv"
run "$K" import production_orders "$T/mo2.csv"
mos=$("$K" export production_orders | tr -d '\r' | sed 1d | cut -d, -f1)
MO5=$(echo "$mos" | sed -n 5p)
MO6=$(echo "$mos" | sed -n 6p)
run "$K" post "$MO5"
is "one more table released" 0 "$rc"
runcsv "$K" report shortages --format csv
is "shortages: the released order's reserved, the draft's short" \
    "date,order,status,sku,name,warehouse,need,reserved,available,short
2026-03-09,$MO5,released,TOP,Столешница,MAIN,1,1,0,0
2026-03-09,$MO5,released,LEG,Ножка,MAIN,4,4,0,0
2026-03-09,$MO5,released,SCR,Винт 4×40,MAIN,17,17,0,0
2026-03-10,$MO6,draft,TOP,Столешница,MAIN,1,0,1,0
2026-03-10,$MO6,draft,LEG,Ножка,MAIN,4,0,0,4
2026-03-10,$MO6,draft,SCR,Винт 4×40,MAIN,17,0,17,0" "$out"

# --- in Russian, and the check -------------------------------------------------
run "$K" --lang ru post "$MO6"
is "in Russian: every short component" \
    "kontor: $MO6 нельзя запустить, не хватает на складе MAIN: LEG нужно 4, доступно 0" \
    "$err"
run "$K" check
is "kontor check" 0 "$rc"
done_testing
