#!/bin/sh
# The sales reports on a known data set made through the command line
# (import sales-orders --post, ship, the drafts dated, post, returns):
# sales by day, week and month, by customer, product, manager and
# category, returns taken off in the period of their own date;
# orders-open with what is reserved and short; returns.  Every number is
# worked out by hand below.  Text headings in English and Russian, the
# CSV header exact; refusals (--by, --period, --from after --to) with
# their exit codes and text.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 40
K="$KONTOR"

# A report as CSV, CR dropped.
csv() { "$K" report "$@" --format csv 2>&1 | tr -d '\r'; }
# A report as text, runs of blanks squeezed, trailing blanks dropped.
txt() { "$K" "$@" 2>&1 | sed 's/  */ /g; s/ $//'; }

. "$KONTOR_SRCDIR/tests/data/sales/fixture.sh"

# --- sales ------------------------------------------------------------------
# SHP-1: SKU-1 10 x 15.00 = 150.00, VAT 20 % 30.00, 180.00, cost 100.00;
#        SKU-3 100 x 2.00 = 200.00, VAT 10 % 20.00, 220.00, cost 100.00:
#        350.00 50.00 400.00 cost 200.00 margin 150.00
# SHP-2: SKU-2 3 x 150.00 = 450.00 90.00 540.00 cost 300.00 margin 150.00
# RET-2: SKU-2 1 back at its price and cost: -150.00 -30.00 -180.00
#        cost -100.00 margin -50.00
# SHP-3: SKU-1 4 x 15.00 = 60.00 12.00 72.00 cost 40.00;
#        SKU-2 1 x 150.00 = 150.00 30.00 180.00 cost 100.00:
#        210.00 42.00 252.00 cost 140.00 margin 70.00
# RET-1: SKU-1 2: -30.00 -6.00 -36.00 cost -20.00 margin -10.00
# Total: 830.00 146.00 976.00 cost 520.00 margin 310.00
is "sales by day (CSV: the header, returns on their own day)" \
"period,group,net,vat,gross,cost,margin
2026-03-02,(all),350.00,50.00,400.00,200.00,150.00
2026-03-04,(all),450.00,90.00,540.00,300.00,150.00
2026-03-05,(all),-150.00,-30.00,-180.00,-100.00,-50.00
2026-03-10,(all),210.00,42.00,252.00,140.00,70.00
2026-04-01,(all),-30.00,-6.00,-36.00,-20.00,-10.00
TOTAL,,830.00,146.00,976.00,520.00,310.00" "$(csv sales)"
# Week 10: 350 + 450 - 150 = 650.00; VAT 50 + 90 - 30 = 110.00; gross
# 400 + 540 - 180 = 760.00; cost 200 + 300 - 100 = 400.00; margin 250.00.
is "sales by ISO week" \
"period,group,net,vat,gross,cost,margin
2026-W10,(all),650.00,110.00,760.00,400.00,250.00
2026-W11,(all),210.00,42.00,252.00,140.00,70.00
2026-W14,(all),-30.00,-6.00,-36.00,-20.00,-10.00
TOTAL,,830.00,146.00,976.00,520.00,310.00" "$(csv sales --period week)"
# March: 650 + 210 = 860.00, 152.00, 1012.00, cost 540.00, margin 320.00.
is "sales by month: April has the return only" \
"period,group,net,vat,gross,cost,margin
2026-03,(all),860.00,152.00,1012.00,540.00,320.00
2026-04,(all),-30.00,-6.00,-36.00,-20.00,-10.00
TOTAL,,830.00,146.00,976.00,520.00,310.00" "$(csv sales --period month)"
# The period: SHP-2, RET-2 and SHP-3.
is "--from/--to" \
"period,group,net,vat,gross,cost,margin
2026-03-04,(all),450.00,90.00,540.00,300.00,150.00
2026-03-05,(all),-150.00,-30.00,-180.00,-100.00,-50.00
2026-03-10,(all),210.00,42.00,252.00,140.00,70.00
TOTAL,,510.00,102.00,612.00,340.00,170.00" \
    "$(csv sales --from 2026-03-03 --to 2026-03-31)"
# VASILEK in March: SHP-2 + RET-2 + SHP-3 = 450 - 150 + 210 = 510.00 ...
is "--by customer" \
"period,group,net,vat,gross,cost,margin
2026-03,ROMASHKA,350.00,50.00,400.00,200.00,150.00
2026-03,VASILEK,510.00,102.00,612.00,340.00,170.00
2026-04,ROMASHKA,-30.00,-6.00,-36.00,-20.00,-10.00
TOTAL,,830.00,146.00,976.00,520.00,310.00" \
    "$(csv sales --period month --by customer)"
# SKU-1 in March: 150 + 60 = 210.00, 42.00, 252.00, cost 140.00;
# SKU-2: 450 - 150 + 150 = 450.00, 90.00, 540.00, cost 300.00;
# SKU-3: 200.00, 20.00, 220.00, cost 100.00.
is "--by product" \
"period,group,net,vat,gross,cost,margin
2026-03,SKU-1,210.00,42.00,252.00,140.00,70.00
2026-03,SKU-2,450.00,90.00,540.00,300.00,150.00
2026-03,SKU-3,200.00,20.00,220.00,100.00,100.00
2026-04,SKU-1,-30.00,-6.00,-36.00,-20.00,-10.00
TOTAL,,830.00,146.00,976.00,520.00,310.00" \
    "$(csv sales --period month --by product)"
# FAST = SKU-1 + SKU-3: 410.00, 62.00, 472.00, cost 240.00.
is "--by category" \
"period,group,net,vat,gross,cost,margin
2026-03,FAST,410.00,62.00,472.00,240.00,170.00
2026-03,PAINT,450.00,90.00,540.00,300.00,150.00
2026-04,FAST,-30.00,-6.00,-36.00,-20.00,-10.00
TOTAL,,830.00,146.00,976.00,520.00,310.00" \
    "$(csv sales --period month --by category)"
# The order's manager: SO-1 petrov, SO-2 root (less RET-2: 300.00), SO-3
# none, and VASILEK has no responsible manager: (none).
is "--by manager" \
"period,group,net,vat,gross,cost,margin
2026-03,(none),210.00,42.00,252.00,140.00,70.00
2026-03,petrov,350.00,50.00,400.00,200.00,150.00
2026-03,root,300.00,60.00,360.00,200.00,100.00
2026-04,petrov,-30.00,-6.00,-36.00,-20.00,-10.00
TOTAL,,830.00,146.00,976.00,520.00,310.00" \
    "$(csv sales --period month --by manager)"
is "text, in English" \
"period group net vat gross cost margin
03.2026 (all) 860,00 152,00 1 012,00 540,00 320,00
04.2026 (all) -30,00 -6,00 -36,00 -20,00 -10,00
TOTAL 830,00 146,00 976,00 520,00 310,00" \
    "$(txt report sales --period month)"
is "text, in Russian" \
"Период Разрез Без НДС НДС С НДС Себестоимость Валовая прибыль
03.2026 (все) 860,00 152,00 1 012,00 540,00 320,00
04.2026 (все) -30,00 -6,00 -36,00 -20,00 -10,00
ИТОГО 830,00 146,00 976,00 520,00 310,00" \
    "$(txt --lang ru report sales --period month)"
# For people, in either language, figures and dates as every list shows
# them (1 234,56; DD.MM.YYYY); the codes as they are.
run "$K" --lang ru report sales
is "text in Russian: a day's date and its money as lists show them" \
    "02.03.2026  (все)    350,00   50,00   400,00         200,00           150,00" \
    "$(printf '%s\n' "$out" | sed -n 2p)"
run "$K" --lang ru report returns
like "returns in Russian: the codes as they are, the date as lists show it" \
    "RET-2026-000002 05.03.2026 SHP-2026-000002 VASILEK SKU-2       1  180,00" \
    "$out"
run "$K" --lang ru report stock-value
is "stock value in Russian: thousands grouped" "ИТОГО 2 500,00" \
    "$(printf '%s\n' "$out" | tail -1 | sed 's/  */ /g; s/ $//')"
is "CSV stays English in Russian" \
    "period,group,net,vat,gross,cost,margin" \
    "$("$K" --lang ru report sales --format csv | tr -d '\r' | head -1)"
is "no sales in the period: the total alone" \
    "TOTAL,,0.00,0.00,0.00,0.00,0.00" \
    "$(csv sales --from 2026-05-01 | tail -n +2)"

# --- orders-open ----------------------------------------------------------------
# SO-1 and SO-2 are shipped; SO-3 line 2: 2 ordered, 1 shipped, 1
# reserved: not short.  NEG has 20 SKU-3 for SO-4 (15, older) and SO-5
# (10): SO-4 gets 15, SO-5 the 5 left: short 5.
is "orders-open" \
"order,date,ship_date,customer,warehouse,line,sku,ordered,shipped,reserved,short
SO-2026-000003,2026-03-09,,VASILEK,MAIN,2,SKU-2,2,1,1,0
SO-2026-000004,2026-03-20,,VASILEK,NEG,1,SKU-3,15,0,15,0
SO-2026-000005,2026-03-21,,ROMASHKA,NEG,1,SKU-3,10,0,10,5" \
    "$(csv orders-open)"
is "orders-open --from: the older order still takes the stock first" \
"order,date,ship_date,customer,warehouse,line,sku,ordered,shipped,reserved,short
SO-2026-000005,2026-03-21,,ROMASHKA,NEG,1,SKU-3,10,0,10,5" \
    "$(csv orders-open --from 2026-03-21)"
is "orders-open, in Russian" \
    "Заказ Дата Отгр… Клиент Склад Арти… Зака… Отгру… В рез… Не хв…" \
    "$(txt --lang ru report orders-open | head -1)"
# 10 more SKU-3 at NEG: SO-5 is covered.
printf 'type,sku,warehouse,quantity,unit_cost\nreceipt,SKU-3,NEG,10,1.00\n' \
    >"$T/in2.csv"
"$K" import stock-moves "$T/in2.csv" >/dev/null 2>&1
is "a receipt covers the short" "SO-2026-000005,0" \
    "$(csv orders-open | awk -F, '$1 == "SO-2026-000005" { print $1 "," $11 }')"
"$K" cancel SO-2026-000004 >/dev/null 2>&1
is "a cancelled order is not open" "SO-2026-000003
SO-2026-000005" "$(csv orders-open | tail -n +2 | cut -d, -f1)"

# --- returns ---------------------------------------------------------------------
# Amount: what the customer's debt went down by (with VAT): RET-2 1 x
# 150.00 + 20 % = 180.00, cost 100.00; RET-1 2 x 15.00 + 20 % = 36.00,
# cost 2 x 10.00 = 20.00; total 216.00, cost 120.00.
is "returns, in date order" \
"return,date,shipment,customer,sku,qty,amount,cost,reason
RET-2026-000002,2026-03-05,SHP-2026-000002,VASILEK,SKU-2,1,180.00,100.00,
RET-2026-000001,2026-04-01,SHP-2026-000001,ROMASHKA,SKU-1,2,36.00,20.00,брак
TOTAL,,,,,,216.00,120.00," "$(csv returns)"
is "returns --to" \
"return,date,shipment,customer,sku,qty,amount,cost,reason
RET-2026-000002,2026-03-05,SHP-2026-000002,VASILEK,SKU-2,1,180.00,100.00,
TOTAL,,,,,,180.00,100.00," "$(csv returns --to 2026-03-31)"
is "returns, in Russian" \
"Возврат Дата Реализация Клиент Артик… Кол-во Сумма Причина" \
    "$(txt --lang ru report returns | head -1)"
# A draft return is not one yet.
"$K" return SHP-2026-000003 --sku SKU-1 --quantity 1 --draft >/dev/null 2>&1
is "a draft is not listed" 4 "$(csv returns | wc -l)"
is "nor taken off sales" "TOTAL,,830.00,146.00,976.00,520.00,310.00" \
    "$(csv sales | tail -1)"

# --- refusals ---------------------------------------------------------------------
run "$K" report sales --by colour
is "--by colour: exit 64" 64 "$rc"
is "--by colour: why" "kontor: sales: --by customer, product, manager or category expected, got 'colour'" "$err"
run "$K" report sales --period year
is "--period year: exit 64" 64 "$rc"
is "--period year: why" "kontor: sales: --period day, week or month expected, got 'year'" "$err"
run "$K" report sales --from 2026-04-02 --to 2026-03-01
is "--from after --to: exit 65" 65 "$rc"
is "--from after --to: why" "kontor: --from is after --to" "$err"
run "$K" report returns --by customer
is "returns --by: exit 64, why" "64 kontor: returns takes no --by" "$rc $err"
run "$K" --lang ru report orders-open --period day
is "orders-open --period, in Russian" \
    "64 kontor: orders-open: --period не поддерживается" "$rc $err"
# The reports of other issues refuse what they do not take, too.
run "$K" report funnel --period month
is "funnel --period: exit 64, why" "64 kontor: funnel takes no --period" \
    "$rc $err"
run "$K" report stock --sku SKU-1 --by customer
is "stock --by: exit 64, why" "64 kontor: stock takes no --by" "$rc $err"
done_testing
