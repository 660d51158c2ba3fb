#!/bin/sh
# The reports issue 15 adds, on the sales reports' fixture (see
# tests/cli/test_sales_reports.sh for its documents and their figures),
# with a count, an issue and an adjustment and a sales plan added:
# abc (by product and by customer), slow-stock, losses, plan-actual; and
# the filters the sales report now takes (--manager, --customer,
# --category, --sku, --warehouse), with refusals.  Every figure by hand.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 30
K="$KONTOR"

# A report as CSV, CR dropped.
csv() { "$K" report "$@" --format csv 2>&1 | tr -d '\r'; }
txt() { "$K" "$@" 2>&1 | sed 's/  */ /g; s/ $//'; }

. "$KONTOR_SRCDIR/tests/data/sales/fixture.sh"

# --- abc ----------------------------------------------------------------------
# Margin (net - cost) per product, returns off: SKU-1: SHP-1 150 - 100,
# SHP-3 60 - 40, RET-1 -(30 - 20): 60.00 on a net of 180.00; SKU-2:
# SHP-2 450 - 300, RET-2 -(150 - 100), SHP-3 150 - 100: 150.00 on 450.00;
# SKU-3: SHP-1 200 - 100: 100.00 on 200.00.  Total 310.00: SKU-2 48.39 %,
# SKU-3 32.26 % (80.65 % so far), SKU-1 19.35 %.  SKU-1 starts past 80 %:
# B.
is "abc by product" \
"class,code,name,net,margin,share,cumulative
A,SKU-2,Краска белая,450.00,150.00,48.39,48.39
A,SKU-3,Гайка М8,200.00,100.00,32.26,80.65
B,SKU-1,Болт М8×40,180.00,60.00,19.35,100.00
TOTAL,,,830.00,310.00,100.00," "$(csv abc)"
# March alone (no RET-1): SKU-1 210.00 / 70.00 of 320.00; SKU-3 starts at
# 46.88 %, SKU-1 at 78.13 %: all A.
is "abc in March: the class by where a row starts" \
"class,code,name,net,margin,share,cumulative
A,SKU-2,Краска белая,450.00,150.00,46.88,46.88
A,SKU-3,Гайка М8,200.00,100.00,31.25,78.13
A,SKU-1,Болт М8×40,210.00,70.00,21.88,100.00
TOTAL,,,860.00,320.00,100.00," "$(csv abc --from 2026-03-01 --to 2026-03-31)"
# Per customer: VASILEK SHP-2, RET-2, SHP-3: 150 - 50 + 70 = 170.00 on
# 510.00; ROMASHKA SHP-1, RET-1: 150 - 10 = 140.00 on 320.00.
is "abc by customer" \
"class,code,name,net,margin,share,cumulative
A,VASILEK,ИП Васильков,510.00,170.00,54.84,54.84
A,ROMASHKA,ООО «Ромашка»,320.00,140.00,45.16,100.00
TOTAL,,,830.00,310.00,100.00," "$(csv abc --by customer)"
run "$K" report abc --by manager
is "abc --by manager: exit 64, why" \
    "64 kontor: abc: --by product or customer expected, got 'manager'" \
    "$rc $err"

# --- losses -------------------------------------------------------------------
# A count at MAIN on 15 March: SKU-1 80 where the book has 88 (100 - 10 -
# 4 + 2): 8 short at 10.00 = 80.00; SKU-3 905 where 900 are: 5 over at
# 1.00 = 5.00.  An issue of 5 SKU-3 on 16 March: 5.00 written off; an
# adjustment of -1 SKU-2 on 2 April: 100.00.
cat >"$T/docs.csv" <<'CSV'
code,type,warehouse,date,reason
CNT-T1,count,MAIN,2026-03-15,
ISS-T1,issue,MAIN,2026-03-16,
ADJ-T1,adjustment,MAIN,2026-04-02,бой
CSV
cat >"$T/lines.csv" <<'CSV'
doc,product,qty
CNT-T1,SKU-1,80
CNT-T1,SKU-3,905
ISS-T1,SKU-3,5
ADJ-T1,SKU-2,-1
CSV
rc=0
"$K" import stock_docs "$T/docs.csv" >/dev/null 2>&1 || rc=$?
"$K" import stock_lines "$T/lines.csv" >/dev/null 2>&1 || rc=$?
for d in CNT-T1 ISS-T1 ADJ-T1; do "$K" post $d >/dev/null 2>&1 || rc=$?; done
is "a count, an issue, an adjustment posted" 0 "$rc"
is "losses per month and warehouse" \
"month,warehouse,shortage,surplus,written_off,loss
2026-03,MAIN,80.00,5.00,5.00,80.00
2026-04,MAIN,0.00,0.00,100.00,100.00
TOTAL,,80.00,5.00,105.00,180.00" "$(csv losses)"
is "losses --from: April only" \
"month,warehouse,shortage,surplus,written_off,loss
2026-04,MAIN,0.00,0.00,100.00,100.00
TOTAL,,0.00,0.00,100.00,100.00" "$(csv losses --from 2026-04-01)"
is "losses --warehouse NEG: none" \
"month,warehouse,shortage,surplus,written_off,loss
TOTAL,,0.00,0.00,0.00,0.00" "$(csv losses --warehouse NEG)"

# --- slow-stock -----------------------------------------------------------------
# On 10 April, 30 days: SKU-3 at MAIN last left on 2 March (39 days), SKU-1
# and SKU-2 on 10 March (31 days); SKU-3 at NEG never (dead: SO-4 and SO-5
# are not shipped).  On hand and value: MAIN SKU-1 80 (800.00), SKU-2 6
# (10 - 3 + 1 - 1 - 1: 600.00), SKU-3 900 (900.00); NEG SKU-3 20 (20.00).
is "slow-stock --days 30 on 10 April" \
"warehouse,sku,name,on_hand,value,last_sale,days,status
MAIN,SKU-3,Гайка М8,900,900.00,2026-03-02,39,slow
MAIN,SKU-1,Болт М8×40,80,800.00,2026-03-10,31,slow
MAIN,SKU-2,Краска белая,6,600.00,2026-03-10,31,slow
NEG,SKU-3,Гайка М8,20,20.00,,,dead
TOTAL,,,,2320.00,,," "$(csv slow-stock --to 2026-04-10 --days 30)"
is "slow-stock --days 35: the 31-day ones sold recently enough" \
"warehouse,sku,name,on_hand,value,last_sale,days,status
MAIN,SKU-3,Гайка М8,900,900.00,2026-03-02,39,slow
NEG,SKU-3,Гайка М8,20,20.00,,,dead
TOTAL,,,,920.00,,," "$(csv slow-stock --to 2026-04-10 --days 35)"
is "slow-stock 90 days by default, --warehouse, --category" \
"warehouse,sku,name,on_hand,value,last_sale,days,status
NEG,SKU-3,Гайка М8,20,20.00,,,dead
TOTAL,,,,20.00,,," \
    "$(csv slow-stock --to 2026-04-10 --warehouse NEG --category FAST)"
is "slow-stock: none slow in 90 days at MAIN" \
"warehouse,sku,name,on_hand,value,last_sale,days,status
TOTAL,,,,0.00,,," "$(csv slow-stock --to 2026-04-10 --warehouse MAIN)"
run "$K" report slow-stock --days x
is "--days x: exit 64" 64 "$rc"

# --- plan-actual ----------------------------------------------------------------
cat >"$T/plan.csv" <<'CSV'
manager,month,amount
petrov,2026-03,400.00
root,2026-03,500.00
petrov,2026-04,100.00
CSV
run "$K" import sales_plans "$T/plan.csv"
is "sales plans import" 0 "$rc"
printf 'manager,month,amount\npetrov,2026-3,1\n' >"$T/bad.csv"
run "$K" import sales_plans "$T/bad.csv"
is "a month not YYYY-MM: exit 65" 65 "$rc"
like "... says why" "a month as YYYY-MM expected, got '2026-3'" "$err"
printf 'manager,month,amount\npetrov,2026-03,1\n' >"$T/dup.csv"
run "$K" import sales_plans "$T/dup.csv"
is "a second plan for a manager's month: exit 65" 65 "$rc"
# March: petrov SHP-1 350.00 of 400.00 (87.5 %); root SHP-2 - RET-2 300.00
# of 500.00; SHP-3 (no manager on the order or the customer) 210.00 with
# no plan; April: petrov RET-1 -30.00 of 100.00.
is "plan-actual" \
"month,manager,plan,actual,deviation,percent
2026-03,(none),0.00,210.00,210.00,
2026-03,petrov,400.00,350.00,-50.00,87.5
2026-03,root,500.00,300.00,-200.00,60.0
2026-04,petrov,100.00,-30.00,-130.00,-30.0
TOTAL,,1000.00,830.00,-170.00,83.0" "$(csv plan-actual)"
is "plan-actual --manager petrov --period this-month (on 20 March)" \
"month,manager,plan,actual,deviation,percent
2026-03,petrov,400.00,350.00,-50.00,87.5
TOTAL,,400.00,350.00,-50.00,87.5" \
    "$(KONTOR_TODAY=2026-03-20 "$K" report plan-actual --manager petrov \
    --period this-month --format csv | tr -d '\r')"

# --- the sales report's filters -------------------------------------------------
is "sales --manager petrov: SHP-1 and its return" \
"period,group,net,vat,gross,cost,margin
2026-03-02,(all),350.00,50.00,400.00,200.00,150.00
2026-04-01,(all),-30.00,-6.00,-36.00,-20.00,-10.00
TOTAL,,320.00,44.00,364.00,180.00,140.00" "$(csv sales --manager petrov)"
is "sales --customer VASILEK --group product" \
"period,group,net,vat,gross,cost,margin
2026-03-04,SKU-2,450.00,90.00,540.00,300.00,150.00
2026-03-05,SKU-2,-150.00,-30.00,-180.00,-100.00,-50.00
2026-03-10,SKU-1,60.00,12.00,72.00,40.00,20.00
2026-03-10,SKU-2,150.00,30.00,180.00,100.00,50.00
TOTAL,,510.00,102.00,612.00,340.00,170.00" \
    "$(csv sales --customer VASILEK --group product)"
is "sales --sku SKU-1 --by customer: the product's lines only" \
"period,group,net,vat,gross,cost,margin
2026-03-02,ROMASHKA,150.00,30.00,180.00,100.00,50.00
2026-03-10,VASILEK,60.00,12.00,72.00,40.00,20.00
2026-04-01,ROMASHKA,-30.00,-6.00,-36.00,-20.00,-10.00
TOTAL,,180.00,36.00,216.00,120.00,60.00" "$(csv sales --sku SKU-1 --by customer)"
is "sales --category PAINT --period month" \
"period,group,net,vat,gross,cost,margin
2026-03,(all),450.00,90.00,540.00,300.00,150.00
TOTAL,,450.00,90.00,540.00,300.00,150.00" \
    "$(csv sales --category PAINT --period month)"
run "$K" report sales --manager nobody
is "--manager nobody: exit 66, why" \
    "66 kontor: --manager: no user with login \"nobody\"" "$rc $err"
run "$K" report stock-value --manager petrov
is "a filter the report does not take: exit 64" \
    "64 kontor: stock-value takes no --manager" "$rc $err"
done_testing
