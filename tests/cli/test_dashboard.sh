#!/bin/sh
# The dashboard's figures (kontor dashboard --csv: figure,key,value) on a
# known data set made through the command line, every number worked out
# by hand below: sales today, a week ago, month to date and last month's
# same days, with a return taken off on its own day; orders today,
# confirmed and draft, a draft confirmed and a confirmed order cancelled;
# finished goods per warehouse, and after the receipt's reversal; cash,
# receivables overdue and open, after a payment and its cancellation; my
# tasks and my open deals by stage; the sparklines; the stock lookup by
# SKU, barcode and name.  kontor check proves the aggregates after each
# step, and after the server is killed (-9) while clerks post.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 54
K="$KONTOR"

# dash [--today DATE] FIGURE KEY: the value of one figure.
fig() {
	_d=$1
	shift
	"$K" dashboard --csv --today "$_d" | tr -d '\r' |
	    awk -F, -v f="$1" -v k="$2" '$1 == f && $2 == k { print $3 }'
}
checked() { "$K" check >/dev/null 2>&1; }

run "$K" init --company "ООО «Торговый дом»"
is "init" 0 "$rc"
"$K" user add petrov --role sales >/dev/null 2>&1
printf 'code,name,allow_negative\nMAIN,Основной склад,no\nNEG,Склад под заказ,yes\n' \
    >"$T/wh.csv"
printf 'code,name\nFAST,Крепёж\nPAINT,Краски\n' >"$T/cat.csv"
cat >"$T/c.csv" <<'CSV'
code,name,kind,inn,manager
ROMASHKA,ООО «Ромашка»,company,7707083893,petrov
VASILEK,ИП Васильков,person,,
CSV
cat >"$T/p.csv" <<'CSV'
sku,name,unit,purchase_price,sale_price,vat,category,kind,barcode
SKU-1,Болт М8×40,pcs,10.00,15.00,20,FAST,goods,4600000000015
SKU-2,Краска белая,kg,100.00,150.00,20,PAINT,goods,
SKU-3,Гайка М8,pcs,1.00,2.00,10,FAST,goods,
SKU-F,Стеллаж сборный,pcs,200.00,300.00,20,FAST,finished,
CSV
cat >"$T/in.csv" <<'CSV'
type,sku,warehouse,quantity,unit_cost
receipt,SKU-1,MAIN,100,10.00
receipt,SKU-2,MAIN,10,100.00
receipt,SKU-3,MAIN,1000,1.00
receipt,SKU-3,NEG,20,1.00
CSV
rc=0
for f in warehouses:wh categories:cat customers:c products:p; do
	"$K" import "${f%%:*}" "$T/${f#*:}.csv" >/dev/null 2>&1 || rc=$?
done
"$K" import stock-moves "$T/in.csv" >/dev/null 2>&1 || rc=$?
is "masters and stock" 0 "$rc"

# --- finished goods: 5 SKU-F at 200.00 in MAIN, then the receipt reversed
printf 'type,sku,warehouse,quantity,unit_cost\nreceipt,SKU-F,MAIN,5,200.00\n' \
    >"$T/inf.csv"
"$K" import stock-moves "$T/inf.csv" >/dev/null 2>&1
is "finished goods: on hand per warehouse" 5 "$(fig today finished_qty MAIN)"
is "finished goods: value" 1000.00 "$(fig today finished_value MAIN)"
"$K" reverse BAT-2026-000002 >/dev/null 2>&1
is "the receipt reversed: no finished goods" "" \
    "$(fig today finished_qty MAIN)"
ok "kontor check after the reversal" checked

# --- sales (the orders of tests/cli/test_sales_reports.sh's data) ---------
. "$KONTOR_SRCDIR/tests/data/sales/orders.sh"
ok "kontor check after the sales" checked

# SHP-1 2 March: gross 400.00, net 350.00, cost 200.00: margin 150.00
# SHP-2 4 March: 540.00, 450.00, 300.00: margin 150.00
# RET-2 5 March: -180.00, -150.00, -100.00: margin -50.00
# SHP-3 10 March: 252.00, 210.00, 140.00: margin 70.00
# RET-1 1 April: -36.00, -30.00, -20.00: margin -10.00
is "today's sales (4 March): gross" 540.00 \
    "$(fig 2026-03-04 sales_today gross)"
is "today's sales: margin (net less cost)" 150.00 \
    "$(fig 2026-03-04 sales_today margin)"
is "today's sales: shipments" 1 "$(fig 2026-03-04 sales_today shipments)"
is "a return takes off on its own day (5 March): gross" -180.00 \
    "$(fig 2026-03-05 sales_today gross)"
is "... and margin" -50.00 "$(fig 2026-03-05 sales_today margin)"
is "the same weekday last week (9 March: 2 March): gross" 400.00 \
    "$(fig 2026-03-09 sales_week_ago gross)"
is "... margin" 150.00 "$(fig 2026-03-09 sales_week_ago margin)"
# 1-10 March: 400 + 540 - 180 + 252 = 1012.00; 150 + 150 - 50 + 70 = 320.00
is "month to date (10 March): gross" 1012.00 \
    "$(fig 2026-03-10 sales_mtd gross)"
is "... margin" 320.00 "$(fig 2026-03-10 sales_mtd margin)"
is "last month's same days (10 April: 1-10 March)" 1012.00 \
    "$(fig 2026-04-10 sales_last_mtd gross)"
is "... margin" 320.00 "$(fig 2026-04-10 sales_last_mtd margin)"
is "month to date (10 April): the return of 1 April" -36.00 \
    "$(fig 2026-04-10 sales_mtd gross)"
out=$("$K" dashboard --csv --today 2026-03-10 | tr -d '\r')
is "30 days of sales for the sparkline" 30 \
    "$(printf '%s\n' "$out" | grep -c '^spark_sales,')"
like "the sparkline's day of SHP-2" "spark_sales,2026-03-04,540.00" "$out"
like "the sparkline's day of RET-2" "spark_sales,2026-03-05,-180.00" "$out"
like "the sparkline of orders: SO-1 on 2 March" "spark_orders,2026-03-02,1" \
    "$out"
is "the CSV header" "figure,key,value" "$(printf '%s\n' "$out" | head -1)"

# --- orders ----------------------------------------------------------------
# SO-1 (2 March): 10 x 15.00 + 20 % = 180.00, 100 x 2.00 + 10 % = 220.00
is "today's orders (2 March): confirmed" 1 \
    "$(fig 2026-03-02 orders_today confirmed)"
is "... their sum" 400.00 "$(fig 2026-03-02 orders_today confirmed_sum)"
# SO-4 (20 March): 15 x 2.00 + 10 % = 33.00; a draft SO-6 that day: 5 x
# 2.00 + 10 % = 11.00
printf 'order,customer,date,warehouse,sku,quantity\nF,VASILEK,2026-03-20,NEG,SKU-3,5\n' \
    >"$T/so2.csv"
"$K" import sales-orders "$T/so2.csv" >/dev/null 2>&1
is "a draft: counted as draft" 1 "$(fig 2026-03-20 orders_today draft)"
is "... its sum" 11.00 "$(fig 2026-03-20 orders_today draft_sum)"
is "the confirmed one that day" 33.00 \
    "$(fig 2026-03-20 orders_today confirmed_sum)"
"$K" cancel SO-2026-000004 >/dev/null 2>&1
is "a cancelled confirmed order leaves confirmed" 0 \
    "$(fig 2026-03-20 orders_today confirmed)"
"$K" post SO-2026-000006 --override >/dev/null 2>&1
is "the draft confirmed: confirmed" 11.00 \
    "$(fig 2026-03-20 orders_today confirmed_sum)"
is "... and no longer draft" 0 "$(fig 2026-03-20 orders_today draft)"
ok "kontor check after the orders" checked

# --- money ------------------------------------------------------------------
# Open: SHP-1 400 - 36 = 364.00, SHP-2 540 - 180 = 360.00, SHP-3 252.00:
# 976.00; due on their dates (no terms): on 5 March SHP-1 and SHP-2 are
# overdue (724.00), SHP-3 not yet.
is "receivables open" 976.00 "$(fig 2026-03-05 receivables open)"
is "receivables overdue (5 March)" 724.00 \
    "$(fig 2026-03-05 receivables overdue)"
"$K" pay SHP-2026-000001 --amount 100 --account CASH >/dev/null 2>&1
is "a payment: cash" 100.00 "$(fig 2026-03-05 cash balance)"
is "... the overdue less it" 624.00 "$(fig 2026-03-05 receivables overdue)"
pay=$("$K" export payments | tr -d '\r' | awk -F, 'NR == 2 { print $1 }')
"$K" cancel "$pay" >/dev/null 2>&1
is "the payment cancelled: overdue again" 724.00 \
    "$(fig 2026-03-05 receivables overdue)"
is "... and no cash" 0.00 "$(fig 2026-03-05 cash balance)"
ok "kontor check after the payments" checked

# --- my tasks and deals (root's; petrov's are not counted) -----------------
cat >"$T/t.csv" <<'CSV'
title,assignee,due,status
Позвонить,root,2026-03-10T09:00:00Z,open
Отправить КП,root,2026-03-01T09:00:00Z,in_progress
Сделано,root,2026-03-01T09:00:00Z,done
Чужая,petrov,2026-03-10T09:00:00Z,open
CSV
"$K" import tasks "$T/t.csv" >/dev/null 2>&1
cat >"$T/d.csv" <<'CSV'
customer,title,amount,stage,manager
ROMASHKA,Стеллажи,1000.00,Новая,root
VASILEK,Краска,500.00,Новая,root
VASILEK,Болты,200.00,Переговоры,root
ROMASHKA,Чужая,300.00,Новая,petrov
CSV
"$K" import deals "$T/d.csv" >/dev/null 2>&1
is "my tasks due today" 1 "$(fig 2026-03-10 tasks today)"
is "my tasks overdue" 1 "$(fig 2026-03-10 tasks overdue)"
is "my open deals in a stage" 1500.00 "$(fig 2026-03-10 deals_sum Новая)"

# --- the stock lookup ----------------------------------------------------------
# SKU-1: 100 in, 10 + 4 shipped, 2 back: 88 on hand in MAIN.
s=$("$K" dashboard --csv --stock 4600000000015 | tr -d '\r')
like "by barcode: on hand" "stock_on_hand,MAIN,88" "$s"
s=$("$K" dashboard --csv --stock "краска" | tr -d '\r')
like "by part of the name" "product,SKU-2,Краска белая" "$s"
run "$K" dashboard --stock NOSUCH
is "an unknown product: 66, named" \
    "66 kontor: no product is called NOSUCH (barcode, SKU or name)" "$rc $err"
# A name two products' names match: neither is picked, both are named.
run "$K" dashboard --stock "м8"
is "a name two products have: refused, 65" 65 "$rc"
like "... naming the one" "SKU-1 Болт М8×40" "$err"
like "... and the other" "SKU-3 Гайка М8" "$err"

# --- kill -9 while clerks post: the aggregates still equal the documents --
i=0
while [ $i -lt 40 ]; do
	printf 'order,customer,date,warehouse,sku,quantity\nK%s,VASILEK,2026-03-11,NEG,SKU-3,1\n' \
	    "$i"
	i=$((i + 1))
done >"$T/loop.csv"
(
	n=0
	while [ $n -lt 30 ]; do
		sed -n "1p;$((n + 2))p" "$T/loop.csv" >"$T/one$n.csv"
		"$K" import sales-orders "$T/one$n.csv" --post \
		    >/dev/null 2>&1
		n=$((n + 1))
	done
) &
pids="$pids $!"
writer=$!
k=0
killed=0
while [ $k -lt 4 ] && running "$writer"; do
	sleep 0.3
	p=$(cat "$KONTOR_HOME/kontor.pid" 2>/dev/null)
	[ -n "$p" ] && grep -q "$KONTOR_HOME" "/proc/$p/cmdline" 2>/dev/null &&
	    kill -9 "$p" 2>/dev/null && killed=$((killed + 1))
	k=$((k + 1))
done
poll_until 60 eval '! running "$writer"'
ok "the server was killed while clerks posted" test "$killed" -gt 0
ok "kontor check after the server was killed while clerks posted" checked
