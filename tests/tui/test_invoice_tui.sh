#!/bin/sh
# A standalone invoice (счёт на оплату without an order) entered in :inv
# by the sales clerk on a Unix login of its own, in Russian at 80x24
# under TERM=vt100: n, the customer by a part of its name (F4), today's
# date and the day to pay by from the customer's payment terms, lines by
# a part of the name, a SKU and a scanned barcode (a second unit on its
# line), each priced from the customer's price list (a product the list
# has not at its sale price) with the product's VAT; the footer's net, VAT
# and total; F2 makes INV-... with exactly those lines.  Then it is
# listed, paid (kontor pay) and shown paid; the clerk may not take the
# payment (p refused); a second invoice is cancelled with c.  The keys'
# hints and messages whole in 80 columns.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
need_russian
plan 23

clerks_setup --company "ООО «Торговый дом»"
clerk_add kt_sales sales "Продавцов Пётр"
Y=$(date +%Y)
INV1=INV-$Y-000001
INV2=INV-$Y-000002
TODAY=$(date +%d.%m.%Y)
DUE=$(date -d '+14 days' +%d.%m.%Y)
printf 'code,name\nOPT,Оптовый\n' >"$T/pl.csv"
printf 'price_list,product,price,valid_from\nOPT,SKU-1,90.00,2020-01-01\nOPT,SKU-2,2.00,2020-01-01\n' \
    >"$T/pr.csv"
cat >"$T/c.csv" <<'CSV'
code,name,kind,inn,terms_days,price_list,manager
ROMASHKA,ООО «Ромашка и васильки»,company,7707083893,14,OPT,kt_sales
VASILEK,ИП Васильков,person,,0,,
CSV
cat >"$T/p.csv" <<'CSV'
sku,name,unit,barcode,purchase_price,sale_price,vat
SKU-1,Болт М8×40,pcs,4006381333931,50.00,100.00,20
SKU-2,Гайка М8,pcs,,1.00,2.50,10
SKU-3,Краска белая,kg,,100.00,150.00,20
CSV
printf 'code,name,kind,bank,bik,corr_account,number\nBANK,Расчётный счёт,bank,ПАО Сбербанк,044525225,30101810400000000225,40702810938000000001\n' >"$T/a.csv"
rc=0
for f in products:p price_lists:pl prices:pr customers:c accounts:a; do
	K import "${f%%:*}" "$T/${f#*:}.csv" >/dev/null 2>&1 || rc=$?
done
is "a customer with a price list and terms, products, an account" 0 "$rc"

export TUI_LANG=ru_RU.UTF-8
tui kt_sales s vt100
wait_for s "Главное меню" >/dev/null
keys s ":" "inv" Enter
ok "the invoices list, its keys whole (no payments for a clerk)" \
    wait_for s "Enter открыть  n новый  f статус: все  P печать  / поиск  Esc  F1"
keys s n
ok "n: the header, the customer first" \
    wait_for s "Счёт: покупатель (F4: по имени, ИНН, телефону); F2/^S: строки"
keys s F4
sleep 0.3
keys s р о м
ok "F4: the customer by a part of its name" \
    wait_for s "ООО «Ромашка и васильки»"
keys s Enter
sleep 0.3
keys s F2
wait_for s "Артикул, скан или имя" >/dev/null
ok "the customer in the header" \
    wait_for s "Клиент ROMASHKA ООО «Ромашка и васильки»"
ok "... today, to pay by after its 14 days' terms" \
    shows s "Дата $TODAY  Оплатить до $DUE  Заказ -  Опл. 0,00"
# A line by a part of its name: its price is the customer's list's.
keys s б о л Enter
ok "a part of a name: the quantity asked, with the list's price" \
    wait_for s "SKU-1 кол-во (шт, 90,00):"
keys s 3 Enter
sleep 0.3
# By SKU; then the first product scanned: one more on its line.
keys s S K U - 2 Enter
wait_for s "SKU-2 кол-во" >/dev/null
keys s 1 0 Enter
sleep 0.3
keys s 4 0 0 6 3 8 1 3 3 3 9 3 1 Enter
sleep 0.3
# Not in the list: the product's own sale price.
keys s к р а Enter
wait_for s "SKU-3 кол-во" >/dev/null
keys s 2 Enter
# 4 x 90.00 + 20 % = 432.00; 10 x 2.00 + 10 % = 22.00; 2 x 150.00 + 20 %
# = 360.00.
ok "three lines: the footer's net, VAT and total" \
    wait_for s "3 строки  Без НДС 680,00  НДС 134,00  Всего 814,00"
ok "... the scanned unit on its line, its VAT rate" \
    row_has s "Болт М8×40" "4      20%      90,00      432,00"
ok "... 10 % VAT on its own line" \
    row_has s "Гайка М8" "10      10%       2,00       22,00"
ok "... the keys whole" shows s \
    "F2 запись  F6 кол.  F9 цена  F8 убрать  F7 шапка  Esc  F1"
keys s F2
ok "F2: the invoice made, its sum and day to pay by" \
    wait_for s "Сохранено $INV1: 814,00 к оплате до $DUE"
ok "... its number and status in the header" \
    shows s "Счёт $INV1  не оплачен"
lines=$(K export invoice_lines 2>/dev/null | tr -d '\r' |
    awk -F, -v c="$INV1" '$2 == c { print $3","$4","$5","$6","$7","$8","$9","$10","$11 }')
is "... its lines as typed: product, quantity, price, VAT, sums" \
"1,SKU-1,4,90.00,0,20,360.00,72.00,432.00
2,SKU-2,10,2.00,0,10,20.00,2.00,22.00
3,SKU-3,2,150.00,0,20,300.00,60.00,360.00" "$lines"
is "... no order, due after the terms" "ROMASHKA,,$(date +%F),$(date -d '+14 days' +%F),unpaid,814.00" \
    "$(K export invoices 2>/dev/null | tr -d '\r' |
    awk -F, -v c="$INV1" '$1 == c { print $2","$3","$4","$5","$7","$10 }')"
keys s Escape
sleep 0.3
keys s Escape
ok "listed, unpaid (the name cut short, marked …)" \
    wait_for s "$INV1 ООО «Ромашка и ва…"
ok "... its status" row_has s "$INV1" "не оплачен"
keys s p
ok "p: a sales clerk may not take the payment" \
    wait_for s "Нет права проводить: Платежи"
# The accountant's payment (here the admin's, on the command line).
K pay "$INV1" --amount 814 --account BANK >/dev/null 2>&1
keys s Escape
sleep 0.3
keys s ":" "inv" Enter
wait_for s "$INV1" >/dev/null
# (money right-aligned in its columns: the spaces between vary)
ok "paid: the list says so, paid the whole" poll_until 10 sh -c \
    "$TM capture-pane -p -t s | grep -F '$INV1' | grep -qE 'оплачен +814,00 +814,00'"
ok "... not unpaid any more" not_row_has s "$INV1" "не оплачен"
# A second one, for another customer, cancelled from the list.
keys s n F4
sleep 0.3
# "вас" would find the other too (its name has «васильки»).
keys s И П
gone s "ООО «Ромашка и васильки»"
keys s Enter
sleep 0.3
keys s F2
wait_for s "Артикул, скан или имя" >/dev/null
keys s S K U - 2 Enter
wait_for s "SKU-2 кол-во" >/dev/null
keys s 5 Enter
sleep 0.3
keys s F2
wait_for s "Сохранено $INV2" >/dev/null
keys s Escape
sleep 0.3
keys s Escape
wait_for s "$INV2 ИП Васильков" >/dev/null
keys s End c
ok "c: asked first" wait_for s "Отменить счёт $INV2?"
keys s y
ok "... cancelled" wait_for s "$INV2 отменён"
ok "... the list says so" poll_until 10 row_has s "$INV2" "отменён"
keys s Escape Escape F10
done_testing
