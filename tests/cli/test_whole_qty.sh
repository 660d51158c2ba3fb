#!/bin/sh
# A fraction of a product counted in whole pieces is refused on every
# document line, with the message a stock move gives, naming the line:
# an imported sales order ("1,5" pcs, --post), an invoice's --line, a
# purchase order's line, a return's --quantity; nothing is saved and
# the stock stays whole.  A product counted to decimals takes them.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 14
K="$KONTOR"

run "$K" init --company "ООО Тест"
is "init" 0 "$rc"
printf 'code,name\nMAIN,Основной\n' >"$T/wh.csv"
printf 'code,name,kind\nC-1,ООО «Клиент»,company\n' >"$T/c.csv"
printf 'sku,name,unit,sale_price,purchase_price,vat\nP-1,Гайка,pcs,2.00,1.00,20\nK-1,Краска,kg,3.00,1.00,20\n' \
    >"$T/p.csv"
printf 'type,sku,warehouse,quantity,unit_cost\nreceipt,P-1,MAIN,10,1.00\nreceipt,K-1,MAIN,10,1.00\n' \
    >"$T/in.csv"
for f in warehouses:wh customers:c products:p stock-moves:in; do
	"$K" import "${f%%:*}" "$T/${f#*:}.csv" >/dev/null 2>&1
done
stock() { "$K" stock "$1" --format csv 2>&1 | tr -d '\r' | sed 1d; }
is "stock in" "MAIN,Основной,10,0,10,0" "$(stock P-1)"

printf 'order,customer,date,warehouse,sku,quantity\nX1,C-1,2026-12-01,MAIN,K-1,2\nX1,C-1,2026-12-01,MAIN,P-1,"1,5"\n' \
    >"$T/so.csv"
run "$K" import sales-orders "$T/so.csv" --post
is "an order of 1,5 pcs: exit 65" 65 "$rc"
is "named by its line of the file" \
    "$T/so.csv:3: P-1 is counted in whole pcs, got 1,5" "$err"
is "no order saved" 1 "$("$K" export sales_orders | wc -l)"
is "nothing reserved" "MAIN,Основной,10,0,10,0" "$(stock P-1)"

run "$K" invoice --customer C-1 --line P-1:1.5
is "invoice --line P-1:1.5: exit 65" 65 "$rc"
like "... named" "P-1 is counted in whole pcs, got 1,5" "$err"

printf 'code,name\nS-1,ООО «Поставщик»\n' >"$T/s.csv"
"$K" import suppliers "$T/s.csv" >/dev/null 2>&1
printf 'supplier,warehouse,date\nS-1,MAIN,2026-12-01\n' >"$T/po.csv"
"$K" import purchase_orders "$T/po.csv" >/dev/null 2>&1
po=$("$K" export purchase_orders | tr -d '\r' | awk -F, 'NR == 2 { print $1 }')
printf 'po,product,qty,price\n%s,K-1,1.5,1.00\n%s,P-1,0.5,1.00\n' "$po" "$po" \
    >"$T/pol.csv"
run "$K" import po_lines "$T/pol.csv"
is "a purchase order line of 0.5 pcs: exit 65" 65 "$rc"
is "... named by its line" "$T/pol.csv:3: P-1 is counted in whole pcs, got 0,5" \
    "$err"

printf 'order,customer,date,warehouse,sku,quantity\nX2,C-1,2026-12-01,MAIN,P-1,2\nX2,C-1,2026-12-01,MAIN,K-1,"1,5"\n' \
    >"$T/so2.csv"
run "$K" import sales-orders "$T/so2.csv" --post
is "1,5 kg and 2 pcs are quantities" 0 "$rc"
so=$("$K" export sales_orders | tr -d '\r' | awk -F, 'NR == 2 { print $1 }')
"$K" ship "$so" --post >/dev/null 2>&1
shp=$("$K" export shipments | tr -d '\r' | awk -F, 'NR == 2 { print $1 }')
run "$K" return "$shp" --sku P-1 --quantity 0.5
is "a return of 0.5 pcs: exit 65" 65 "$rc"
like "... named" "P-1 is counted in whole pcs, got 0,5" "$err"
is "the stock stays whole" "MAIN,Основной,8,0,8,0" "$(stock P-1)"
