#!/bin/sh
# The home screen (issue 15's dashboard) as the people who use it, each on
# a Unix login of their own, at 80x24: a manager (not an admin) in
# English under xterm, a sales clerk in Russian under vt100, a warehouse
# clerk.  Each sees the boxes of their roles; a figure changes on screen,
# without a key, after another session (the command line) posts a
# shipment, and stays; the sparkline is blocks, or ASCII under vt100; the
# stock field answers a SKU and a name; Esc is the menu, :home back.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
plan 29

clerks_setup --company "ООО «Ромашка»"
clerk_add kt_sales sales "Продавцов Пётр"
clerk_add kt_manager manager "Начальников Иван"
clerk_add kt_wh warehouse "Складов Семён"
today=$(date +%Y-%m-%d)
printf 'code,name\nMAIN,Основной склад\n' >"$T/wh.csv"
cat >"$T/p.csv" <<'CSV'
sku,name,unit,purchase_price,sale_price,vat,kind
SKU-1,Болт М8×40,pcs,500.00,1000.00,20,goods
SKU-F,Стеллаж сборный,pcs,200.00,300.00,20,finished
CSV
printf 'code,name,kind\nROM,ООО «Ромашка-Опт»,company\n' >"$T/c.csv"
printf 'type,sku,warehouse,quantity,unit_cost\nreceipt,SKU-1,MAIN,10,500.00\nreceipt,SKU-F,MAIN,3,200.00\n' \
    >"$T/in.csv"
# Two orders of one SKU-1 each (1000.00 + 20 % = 1200.00), today.
printf 'order,customer,date,warehouse,sku,quantity,manager\nA,ROM,%s,MAIN,SKU-1,1,kt_sales\nB,ROM,%s,MAIN,SKU-1,1,kt_sales\n' \
    "$today" "$today" >"$T/so.csv"
rc=0
K import warehouses "$T/wh.csv" >/dev/null 2>&1 || rc=$?
K import products "$T/p.csv" >/dev/null 2>&1 || rc=$?
K import customers "$T/c.csv" >/dev/null 2>&1 || rc=$?
K import stock-moves "$T/in.csv" >/dev/null 2>&1 || rc=$?
K import sales-orders "$T/so.csv" --post >/dev/null 2>&1 || rc=$?
K ship SO-$(date +%Y)-000001 >/dev/null 2>&1 || rc=$?
K ship SO-$(date +%Y)-000002 >/dev/null 2>&1 || rc=$?
is "the data: two orders confirmed, their shipments drafts" 0 "$rc"
Y=$(date +%Y)

# --- the manager, English, xterm ---------------------------------------------
TUI_START=home tui kt_manager m xterm
ok "manager: the session opens on the home screen" wait_for m "Sales"
ok "... today's orders: 2 confirmed, 2 400.00" row_has m "Confirmed" "2 400"
ok "... nothing shipped yet today" row_has m "Today" "0,00"
ok "... money: the manager's roles see it" shows m "Cash"
ok "... finished goods per warehouse" row_has m "MAIN" "600,00"
K post SHP-$Y-000001 >/dev/null 2>&1
ok "a shipment posted elsewhere: today's sales change on screen" \
    poll_until 10 row_has m "Today" "1 200,00"
ok "... and stay (no flicker back)" stays m "1 200,00"
ok "the sparkline in block characters" shows m "█"
keys m "SKU-1" Enter
ok "the stock field: a SKU answers on the spot" \
    wait_for m "SKU-1 Болт М8×40"
ok "... on hand and free per warehouse" row_has m "MAIN" "9"
keys m Escape Escape
ok "Esc (the field cleared first): the menu" wait_for m "Main menu"
# ("home" alone is tmux's name of the Home key)
keys m ":hom" "e" Enter
ok ":home: back" wait_for m "Orders today"

# --- the sales clerk, Russian, vt100 -------------------------------------------
TUI_LANG=ru_RU.UTF-8 TUI_START=home tui kt_sales s vt100
ok "sales: the home screen in Russian" wait_for s "Продажи"
ok "... today's sales" row_has s "Сегодня" "1 200,00"
ok "... no money for the sales role" not_shows s "Касса"
ok "... the sparkline in ASCII under vt100" row_has s "30 дн" "#"
ok "... no block characters" not_shows s "█"
ok "... the longest Russian label whole" row_has s "Неделю назад" "0,00"
K post SHP-$Y-000002 >/dev/null 2>&1
ok "a second shipment: the clerk's screen changes too" \
    poll_until 10 row_has s "Сегодня" "2 400,00"
ok "... the manager's as well" poll_until 10 row_has m "Today" "2 400,00"
keys s "болт" Enter
ok "the stock field: part of a name" wait_for s "SKU-1 Болт М8×40"
ok "... the Russian headings" row_has s "на складе" "свободно"

# --- the warehouse clerk: stock, no sales, no money --------------------------------
TUI_START=home tui kt_wh w xterm
ok "warehouse: the stock box" wait_for w "Stock of a product"
ok "... finished goods" shows w "Finished goods"
ok "... no sales for the warehouse" not_shows w "Orders today"
ok "... no money" not_shows w "Cash"
# No hole where the money box would be: the tasks box beside finished
# goods, and the stock box down to the bottom.
ok "... the tasks box beside finished goods" \
    row_has w "Finished goods" "My tasks and deals"
ok "... both boxes end on the row above the status line" \
    test "$(screen w | sed -n 23p | grep -o '[j┘]' | wc -l)" -eq 2
