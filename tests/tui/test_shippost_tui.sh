#!/bin/sh
# S in an order (:order): the shipment of what is left made and posted at
# once, one request, for a clerk who may post shipments (here one with the
# sales and warehouse roles), asked first (n leaves the order as it was);
# the order shipped, the goods issued, the reservation gone, F1 listing
# the key; a sales clerk, who may make shipments but not post them, is
# refused and nothing is made; the same in Russian at 80x24 under vt100;
# kontor check after.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
plan 22

clerks_setup --company "ООО «Ромашка»"
clerk_add kt_sales sales "Продавцов Пётр"
clerk_add kt_manager sales,warehouse "Отгрузкин Олег"
printf 'code,name\nMAIN,Основной склад\n' >"$T/wh.csv"
printf 'code,name,kind\nROMASHKA,ООО «Ромашка и васильки»,company\n' \
    >"$T/c.csv"
cat >"$T/p.csv" <<'CSV'
sku,name,unit,purchase_price,sale_price,vat
SKU-1001,Болт М8×40,pcs,10.00,15.00,20
SKU-1002,Краска белая,kg,100.00,150.00,20
CSV
cat >"$T/in.csv" <<'CSV'
type,sku,warehouse,quantity,unit_cost
receipt,SKU-1001,MAIN,100,10.00
receipt,SKU-1002,MAIN,50,100.00
CSV
D=$(date +%Y-%m-%d)
Y=$(date +%Y)
cat >"$T/so.csv" <<CSV
order,customer,date,warehouse,sku,quantity
A,ROMASHKA,$D,MAIN,SKU-1001,3
A,ROMASHKA,$D,MAIN,SKU-1002,2
B,ROMASHKA,$D,MAIN,SKU-1001,1
CSV
K import warehouses "$T/wh.csv" >/dev/null 2>&1
K import customers "$T/c.csv" >/dev/null 2>&1
K import products "$T/p.csv" >/dev/null 2>&1
K import stock-moves "$T/in.csv" >/dev/null 2>&1
K import sales-orders "$T/so.csv" --post >/dev/null 2>&1
# on_hand reserved available of SKU at MAIN.
stk() { K stock "$1" --format csv 2>/dev/null | tr -d '\r' |
    awk -F, '$1 == "MAIN" { print $3, $4, $5 }'; }
is "two orders confirmed: 4 of SKU-1001 reserved" "100 4 96" "$(stk SKU-1001)"

# --- a sales clerk may not post shipments ---------------------------------
tui kt_sales s vt100
wait_for s "Main menu" >/dev/null
keys s ":" "order SO-$Y-000001" Enter
wait_for s "Order SO-$Y-000001  confirmed" >/dev/null
keys s S
ok "sales: S refused" wait_for s "your roles may not post"
run K export shipments
is "... and no shipment made" "" "$(printf '%s' "$out" | grep SHP-)"

# --- sales and warehouse: S, asked, then shipped and posted ---------------
tui kt_manager m vt100
wait_for m "Main menu" >/dev/null
keys m ":" "order SO-$Y-000001" Enter
ok "the order, confirmed" wait_for m "Order SO-$Y-000001  confirmed"
keys m F1
ok "F1 lists S" row_has m "S " "ship what is left and post it at once"
keys m Escape
keys m S
ok "S asks" wait_for m "Ship what is left of SO-$Y-000001 and post it?"
keys m n
ok "n: nothing made" stays m "Order SO-$Y-000001  confirmed"
keys m S
wait_for m "and post it?" >/dev/null
keys m y
ok "y: shipped and posted in one step" \
    wait_for m "shipment SHP-$Y-000001 of what is left of SO-$Y-000001 posted"
ok "... the order shown shipped" wait_for m "Order SO-$Y-000001  shipped"
run K export shipments
like "... the shipment posted" ",MAIN,no,posted," "$(printf '%s' "$out" |
    grep "^SHP-$Y-000001,ROMASHKA,SO-$Y-000001,")"
is "... goods issued, its reservation gone" "97 1 96" "$(stk SKU-1001)"
is "... the other line too" "48 0 48" "$(stk SKU-1002)"
keys m S
wait_for m "and post it?" >/dev/null
keys m y
ok "again: refused, the order shipped" wait_for m "is shipped: goods are shipped"

# --- Russian, 80x24, vt100 ------------------------------------------------
TUI_LANG=ru_RU.UTF-8 tui kt_manager r vt100
wait_for r "kontor" >/dev/null
keys r ":" "order SO-$Y-000002" Enter
wait_for r "SO-$Y-000002" >/dev/null
keys r F1
ok "ru: F1 lists S" row_has r "S " "отгрузить остаток и сразу провести"
keys r Escape
keys r S
ok "ru: S asks" wait_for r "Отгрузить остаток SO-$Y-000002 и провести?"
keys r y
ok "ru: posted, the message whole at 80 columns" \
    wait_for r "реализация SHP-$Y-000002 на остаток SO-$Y-000002 проведена"
is "ru: the last unit reserved issued" "96 0 96" "$(stk SKU-1001)"

# --- a shipment's moves name it: report, :stock's history, :moves -------
run K report moves --sku SKU-1001 --format csv
like "report moves: the shipment's number, not 0" \
    ",SHP-$Y-000002,shipment,SKU-1001,MAIN,-1," "$(printf '%s' "$out" | tr -d '\r')"
keys r Escape ":" "stock SKU-1001" Enter
ok ":stock: its move history names the shipment" \
    poll_until 10 row_has r "SHP-$Y-000002" "реализация"
keys r Escape ":" "moves" Enter
ok ":moves: the document column names it" \
    poll_until 10 row_has r "SHP-$Y-000002" "SKU-1001"
ok "... and the import's batch its own" row_has r "BAT-$Y-000001" "SKU-1001"

run K check
is "kontor check" 0 "$rc"
