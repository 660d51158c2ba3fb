#!/bin/sh
# Money in the terminal as the people who do it, each on a Unix login of
# their own, at 80x24 under TERM=vt100, in Russian: the accountant takes
# a payment in :pay (the customer by a part of its name, the amount, its
# open invoice ticked with Space, F2) and it is there seconds later and
# in kontor balance; a server restart under the open payments list and
# the next payment still posts; the customer's card shows the sales clerk
# what their own customer owes, not another manager's customer's (as
# kontor balance refuses it); :debt shows the sales clerk their own customers only
# and refuses whom we owe (the finance area's); the manager's supplier
# card shows what the firm owes; a sales clerk has no :pay.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
plan 25

clerk_unix kt_acct || skip_all "cannot create Unix user kt_acct"
clerks_setup --company "ООО «Ромашка»"
clerk_add kt_sales sales "Продавцов Пётр"
clerk_add kt_manager manager "Начальников Иван"
clerk_add kt_acct accountant "Счетоводова Анна"
printf 'code,name\nMAIN,Основной склад\n' >"$T/wh.csv"
cat >"$T/c.csv" <<'CSV'
code,name,kind,inn,terms_days,manager
ROMASHKA,ООО «Ромашка и васильки»,company,7707083893,10,kt_sales
LUTIK,ООО «Лютик»,company,,30,kt_manager
CSV
printf 'code,name,inn,terms_days\nZAVOD,АО «Завод»,7728168971,15\n' >"$T/s.csv"
printf 'sku,name,unit,purchase_price,sale_price,vat\nSKU-1,Болт М8×40,pcs,50.00,100.00,20\n' >"$T/p.csv"
printf 'type,sku,warehouse,quantity,unit_cost\nreceipt,SKU-1,MAIN,100,50.00\n' >"$T/in.csv"
printf 'code,name,kind,bank,bik,corr_account,number\nBANK,Расчётный счёт,bank,ПАО Сбербанк,044525225,30101810400000000225,40702810938000000001\n' >"$T/a.csv"
K import warehouses "$T/wh.csv" >/dev/null 2>&1
K import customers "$T/c.csv" >/dev/null 2>&1
K import suppliers "$T/s.csv" >/dev/null 2>&1
K import products "$T/p.csv" >/dev/null 2>&1
K import stock-moves "$T/in.csv" >/dev/null 2>&1
K import accounts "$T/a.csv" >/dev/null 2>&1
K company --set account=BANK >/dev/null 2>&1
printf 'order,customer,date,warehouse,sku,quantity\n1,ROMASHKA,2026-12-01,MAIN,SKU-1,10\n2,LUTIK,2026-12-01,MAIN,SKU-1,5\n' >"$T/so.csv"
K import sales-orders "$T/so.csv" --post >/dev/null 2>&1
so=$(K export sales_orders --raw 2>/dev/null | awk -F, '$2 == "ROMASHKA" { print $1 }')
so2=$(K export sales_orders --raw 2>/dev/null | awk -F, '$2 == "LUTIK" { print $1 }')
inv=$(K invoice "$so" 2>/dev/null)
shp=$(K ship "$so" 2>/dev/null)
K post "$shp" >/dev/null 2>&1
shp2=$(K ship "$so2" 2>/dev/null)
K post "$shp2" >/dev/null 2>&1
# A supplier's receipt: the firm owes 600.00 (500.00 and VAT).
printf 'code,type,warehouse,supplier\nRCP-2026-000900,receipt,MAIN,ZAVOD\n' >"$T/d.csv"
printf 'doc,product,qty,unit_cost\nRCP-2026-000900,SKU-1,10,50.00\n' >"$T/l.csv"
K import stock_docs "$T/d.csv" >/dev/null 2>&1
K import stock_lines "$T/l.csv" >/dev/null 2>&1
K post RCP-2026-000900 >/dev/null 2>&1
owed() { K balance "$1" --format csv 2>/dev/null | awk -F, 'NR == 2 { print $4 }'; }
is "fixture: ROMASHKA owes its shipment" "1200.00" "$(owed ROMASHKA)"

# --- the accountant takes a payment, in Russian under vt100 -------------
TUI_LANG=ru_RU.UTF-8
export TUI_LANG
tui kt_acct a vt100
wait_for a "Главное меню" >/dev/null
keys a ":" "pay" Enter
ok "the payments list" wait_for a "Платежи"
keys a n
ok "the entry asks the counterparty" wait_for a "Новый платёж: поступление от покупателя"
keys a "Рома" Enter
ok "the pick list narrows to the customer" wait_for a "Ромашка и васильки"
keys a Enter
ok "its open documents: the invoice" wait_for a "$inv"
ok "and the shipment" shows a "$shp"
ok "what it owes" shows a "Долг нам 1 200,00"
keys a "700" Enter " "
ok "the invoice ticked, the amount shared" wait_for a "[x] $inv"
keys a F2
ok "posted" wait_for a "проведён: 700,00"
ok "the payment in the list seconds later" stays a "PAY-2026-000001"
is "the balance after it" "500.00" "$(owed ROMASHKA)"
is "the invoice paid in part" "part_paid" \
    "$(K export invoices --raw 2>/dev/null | awk -F, -v c="$inv" '$1 == c { print $7 }')"

# The server restarts under the open list; the next payment still posts.
server_restart
keys a n
wait_for a "Новый платёж" >/dev/null
keys a "Рома" Enter
wait_for a "Ромашка и васильки" >/dev/null
keys a Enter "500" Enter
keys a F2
ok "after a server restart: posted" wait_for a "проведён: 500,00"
is "nothing owed now" "0.00" "$(owed ROMASHKA)"
$TM kill-session -t a 2>/dev/null

# --- the sales clerk: the card and :debt ---------------------------------
tui kt_sales s vt100
wait_for s "Главное меню" >/dev/null
keys s ":" "cust ROMASHKA" Enter
ok "the card of the clerk's own customer: what it owes" \
    wait_for s "Долг 0,00, просрочено 0,00"
keys s Escape Escape ":" "cust LUTIK" Enter
wait_for s "Клиент LUTIK" >/dev/null
ok "... another manager's customer: not what it owes" not_shows s "Долг 600,00"
keys s Escape Escape ":" "debt" Enter
ok ":debt for the sales clerk" wait_for s "Кто должен нам"
ok "... not another manager's customer" not_shows s "Лютик"
keys s Tab
ok "whom we owe is not the sales clerk's" wait_for s "область финансов"
keys s Escape ":" "pay" Enter
ok "no :pay for a sales clerk" wait_for s "Платежи: нет права для ваших ролей"
$TM kill-session -t s 2>/dev/null

# --- the manager: every customer's debt, a supplier's card ---------------
# A customer who paid ahead: its advance pays no other's debt.
printf 'code,name,kind,manager\nVASILEK,ИП Васильков,person,kt_manager\n' >"$T/c2.csv"
K import customers "$T/c2.csv" >/dev/null 2>&1
K pay VASILEK --amount 300 >/dev/null 2>&1
tui kt_manager m vt100
wait_for m "Главное меню" >/dev/null
keys m ":" "debt" Enter
ok ":debt for the manager: LUTIK" wait_for m "Лютик"
ok "... the total adds what is owed, the advances apart" \
    shows m "2 контрагента: долг 600,00, просрочено 0,00, авансы 300,00"
keys m ":" "sup ZAVOD" Enter
ok "the supplier's card: what the firm owes" wait_for m "Мы должны 600,00"
ok "... its open receipt" shows m "RCP-2026-000900"
$TM kill-session -t m 2>/dev/null
ok "kontor check after it all" K check
