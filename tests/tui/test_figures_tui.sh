#!/bin/sh
# Figures and words in lists as the clerk reads them, at 80x24 under
# TERM=vt100: a quantity in a Russian session has a decimal comma and
# grouped thousands wherever a screen shows it (where is it: the stock per
# warehouse, its total and the moves; the moves list; the home screen's
# stock; an order's lines grid), as money does.  An enum column shows
# words in either language, never the stored identifier (part_paid): the
# invoices in Russian and in English.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
need_russian
plan 13

clerks_setup --demo --company "ООО «Ромашка»"
clerk_add kt_manager manager "Начальников Олег"
clerk_add kt_sales sales "Продавцов Пётр"
# 13.5 m of cable into MAIN (the demo has 1 373.75 there).
printf 'type,sku,warehouse,quantity,unit_cost\nreceipt,SKU-1007,MAIN,13.5,10.00\n' \
    >"$T/in.csv"
K import stock-moves "$T/in.csv" >/dev/null 2>&1
# An order of 1 250.5 m of it, a draft (the last order of the list).
printf 'order,customer,date,warehouse,sku,quantity\nA,C-000001,%s,MAIN,SKU-1007,1250.5\n' \
    "$(date +%Y-%m-%d)" >"$T/so.csv"
K import sales-orders "$T/so.csv" >/dev/null 2>&1

export TUI_LANG=ru_RU.UTF-8
tui kt_manager m vt100
wait_for m "Главное меню"

# --- 1. a quantity for people: 13,5 and 1 387,25, never 13.5 or 1387.25 --
keys m ':stock' Enter
wait_for m "Скан или артикул"
keys m 'SKU-1007' Enter
ok "where is it: a warehouse's stock grouped, decimal comma" \
    poll_until 10 row_has m "MAIN" "1 387,25"
ok "where is it: the total line too" row_has m "Итого" "1 487,25"
ok "where is it: a move's quantity with a comma" \
    row_has m "BAT-" "13,5"
ok "where is it: no quantity with a decimal point" \
    not_row_has m "BAT-" "13.5"
ok "where is it: a move's thousands grouped" \
    row_has m "RCP-2026-000001" " 1 500 "
keys m Escape Escape ':moves' Enter
wait_for m "Движения товаров"
keys m End
ok "moves list: 13,5" poll_until 10 row_has m "BAT-" "13,5"
keys m Escape ':home' Enter
wait_for m "Остаток товара"
keys m 'SKU-1007' Enter
ok "the home screen's stock: grouped, decimal comma" \
    poll_until 10 row_has m "MAIN" "1 387,25"
keys m Escape ':order' Enter
wait_for m "Заказы клиентов"
keys m End Enter
ok "an order's lines grid: the quantity and the stock available" \
    poll_until 10 row_has m "SKU-1007" "1 250,5   1 387,25"

# --- 2. an enum column in words: the demo's invoices, part paid, unpaid --
keys m Escape Escape ':inv' Enter
wait_for m "Счета на оплату"
ok "invoices in Russian: part paid in words" \
    poll_until 10 row_has m "INV-2026-000002" "опл. частично"
ok "... unpaid" row_has m "INV-2026-000003" "не оплачен"
TUI_LANG=C.UTF-8 tui kt_sales e vt100
wait_for e "Main menu"
keys e ':inv' Enter
wait_for e "Invoices"
ok "invoices in English: part paid in words" \
    poll_until 10 row_has e "INV-2026-000002" "part paid"
ok "... no stored identifier left" not_shows e "part_paid"
keys e f f
ok "the status filter in words too" wait_for e "f status: part paid"
done_testing
