#!/bin/sh
# Saved reports (issue 15): kontor report --save NAME [--shared] REPORT
# [params] keeps the report and its parameters as typed; --saved NAME
# runs it, a relative period (--period last-month) counting from the day
# it runs (KONTOR_TODAY fixes that day here); --list shows the saved ones
# a user may run (their own and the shared); -o FILE writes the result
# (CSV for .csv, else text); --mail ADDRESS sends it through a fake
# sendmail; another user sees the shared one and not the private one,
# and cannot overwrite or delete it.  The data: the sales reports' fixture
# (tests/cli/test_sales_reports.sh), whose figures are worked out there.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 35
K="$KONTOR"
txt() { "$K" "$@" 2>&1 | sed 's/  */ /g; s/ $//'; }

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
sku,name,unit,purchase_price,sale_price,vat,category
SKU-1,Болт М8×40,pcs,10.00,15.00,20,FAST
SKU-2,Краска белая,kg,100.00,150.00,20,PAINT
SKU-3,Гайка М8,pcs,1.00,2.00,10,FAST
CSV
# One cost per product (receipts at the purchase price): the moving
# average never moves, so cost = quantity x that price.
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

# SO-1 ROMASHKA (petrov): SKU-1 x10, SKU-3 x100; SO-2 VASILEK (root):
# SKU-2 x3; SO-3 VASILEK (no manager; VASILEK has none): SKU-1 x4, SKU-2
# x2; SO-4 and SO-5 at NEG (negative stock allowed) for 15 + 10 SKU-3
# where 20 are: both confirm.
cat >"$T/so.csv" <<'CSV'
order,customer,date,warehouse,sku,quantity,manager
A,ROMASHKA,2026-03-02,MAIN,SKU-1,10,petrov
A,ROMASHKA,2026-03-02,MAIN,SKU-3,100,petrov
B,VASILEK,2026-03-03,MAIN,SKU-2,3,root
C,VASILEK,2026-03-09,MAIN,SKU-1,4,
C,VASILEK,2026-03-09,MAIN,SKU-2,2,
D,VASILEK,2026-03-20,NEG,SKU-3,15,
E,ROMASHKA,2026-03-21,NEG,SKU-3,10,
CSV
run "$K" import sales-orders "$T/so.csv" --post
is "orders confirmed" 0 "$rc"
rc=0
for n in 1 2 3; do "$K" ship SO-2026-00000$n >/dev/null 2>&1 || rc=$?; done
# The drafts dated: SHP-1 Mon 2 March (ISO week 10), SHP-2 Wed 4 March
# (week 10), SHP-3 Tue 10 March (week 11); SHP-3 ships 1 of the 2 SKU-2.
printf 'code,date\nSHP-2026-000001,2026-03-02\nSHP-2026-000002,2026-03-04\nSHP-2026-000003,2026-03-10\n' \
    >"$T/sd.csv"
"$K" import shipments "$T/sd.csv" --update >/dev/null 2>&1 || rc=$?
printf 'code,shipment,line,product,qty\nSHL-000005,SHP-2026-000003,2,SKU-2,1\n' \
    >"$T/shl.csv"
"$K" import shipment_lines "$T/shl.csv" --update >/dev/null 2>&1 || rc=$?
for n in 1 2 3; do "$K" post SHP-2026-00000$n >/dev/null 2>&1 || rc=$?; done
is "shipped and posted" 0 "$rc"
# Returns as drafts, dated, posted: RET-1 2 SKU-1 of SHP-1 on Wed 1 April
# (week 14), reason брак; RET-2 1 SKU-2 of SHP-2 on Thu 5 March (week 10).
"$K" return SHP-2026-000001 --sku SKU-1 --quantity 2 --draft \
    --reason брак >/dev/null 2>&1 || rc=$?
"$K" return SHP-2026-000002 --sku SKU-2 --quantity 1 --draft \
    >/dev/null 2>&1 || rc=$?
printf 'code,date\nRET-2026-000001,2026-04-01\nRET-2026-000002,2026-03-05\n' \
    >"$T/rd.csv"
"$K" import customer_returns "$T/rd.csv" --update >/dev/null 2>&1 || rc=$?
"$K" post RET-2026-000001 >/dev/null 2>&1 || rc=$?
"$K" post RET-2026-000002 >/dev/null 2>&1 || rc=$?
is "returns posted" 0 "$rc"

# --- save -------------------------------------------------------------------
# Saved on 15 April 2026: "last month" is March then, April in May.
export KONTOR_TODAY=2026-04-15
run "$K" report --save march-petrov sales --period last-month \
    --manager petrov --format csv
is "--save: exit 0" 0 "$rc"
is "--save says so" "saved as march-petrov" "$err"
is "--save alone runs nothing" "" "$out"
run "$K" report --save weekly --shared sales --period last-week \
    --group customer
is "a shared one" 0 "$rc"
run "$K" report --list
like "--list: the reports" "plan-actual " "$out"
like "--list: a saved one with its parameters as typed" \
    "march-petrov           sales --period last-month --manager petrov --format csv" \
    "$out"
like "--list: a shared one says whose" \
    "weekly                 sales --period last-week --by customer (shared by root)" \
    "$out"

# --- run --------------------------------------------------------------------
# petrov's: SHP-1 (order A) in March; RET-1 of it on 1 April.
run "$K" report --saved march-petrov
is "--saved: exit 0" 0 "$rc"
is "--saved on 15 April: March, petrov's" \
"period,group,net,vat,gross,cost,margin
2026-03-02,(all),350.00,50.00,400.00,200.00,150.00
TOTAL,,350.00,50.00,400.00,200.00,150.00" "$(printf '%s' "$out" | tr -d '\r')"
out=$(KONTOR_TODAY=2026-05-10 "$K" report --saved march-petrov | tr -d '\r')
is "the same saved report on 10 May: April (the period is relative)" \
"period,group,net,vat,gross,cost,margin
2026-04-01,(all),-30.00,-6.00,-36.00,-20.00,-10.00
TOTAL,,-30.00,-6.00,-36.00,-20.00,-10.00" "$out"
# On Wednesday 11 March the last week is 2-8 March: SHP-1, SHP-2, RET-2.
WEEK="period,group,net,vat,gross,cost,margin
2026-03-02,ROMASHKA,350.00,50.00,400.00,200.00,150.00
2026-03-04,VASILEK,450.00,90.00,540.00,300.00,150.00
2026-03-05,VASILEK,-150.00,-30.00,-180.00,-100.00,-50.00
TOTAL,,650.00,110.00,760.00,400.00,250.00"
export KONTOR_TODAY=2026-03-11
run "$K" report --saved weekly -o "$T/week.csv"
is "-o FILE.csv: exit 0" 0 "$rc"
is "-o FILE.csv: nothing on stdout" "" "$out"
is "-o FILE.csv: the CSV in the file" "$WEEK" "$(tr -d '\r' <"$T/week.csv")"
run "$K" report --saved weekly -o "$T/week.txt"
is "-o FILE (not .csv): exit 0" 0 "$rc"
like "-o FILE: text, headings and figures" \
    "2026-03-04         VASILEK            450.00" "$(cat "$T/week.txt")"
run "$K" report sales --from 2026-03-10 --to 2026-03-10 -o "$T/d.csv"
is "-o with a report run straight" \
"period,group,net,vat,gross,cost,margin
2026-03-10,(all),210.00,42.00,252.00,140.00,70.00
TOTAL,,210.00,42.00,252.00,140.00,70.00" "$(tr -d '\r' <"$T/d.csv")"
run "$K" report --saved weekly -o "$T/nodir/x.csv"
is "-o into a directory that is not there: exit 73" 73 "$rc"

# --- mail -------------------------------------------------------------------
mkdir "$T/bin"
cat >"$T/bin/sendmail" <<EOS
#!/bin/sh
echo "\$@" >"$T/args"
cat >"$T/msg"
EOS
chmod +x "$T/bin/sendmail"
PATH="$T/bin:$PATH" run "$K" report --saved weekly --format csv \
    --mail boss@example.ru
is "--mail: exit 0" 0 "$rc"
is "--mail: sendmail -t -oi" "-t -oi" "$(cat "$T/args")"
like "--mail: To" "To: boss@example.ru" "$(cat "$T/msg")"
like "--mail: Subject names the saved report" \
    "Subject: kontor report: weekly" "$(cat "$T/msg")"
like "--mail: the CSV attached" \
    'Content-Type: text/csv; charset=UTF-8; name="sales.csv"' \
    "$(cat "$T/msg")"
# The attachment's base64, decoded, is the report.
att=$(awk '/name="sales.csv"/ { f = 1; next } f && /^--=_kontor/ { f = 0 }
    f && /^[A-Za-z0-9+\/=]+$/' "$T/msg" | base64 -d | tr -d '\r')
is "--mail: the attachment is the report" "$WEEK" "$att"
PATH="$T/bin:$PATH" run "$K" report --saved weekly --mail nobody
is "--mail to no address: exit 64" 64 "$rc"

# --- refusals ---------------------------------------------------------------
run "$K" report --saved nope
is "--saved an unknown name: exit 66" 66 "$rc"
is "... says so" "kontor: no saved report 'nope' (kontor report --list)" \
    "$err"
run "$K" report --saved weekly --by product
is "--saved with parameters of its own: exit 64" 64 "$rc"
run "$K" report --save x nosuch
is "--save an unknown report: exit 64" 64 "$rc"
run "$K" report --delete-saved march-petrov
is "--delete-saved" 0 "$rc"
run "$K" report --list
case $out in
*march-petrov*) fail "--list: the deleted one is gone" "got: $out" ;;
*) pass "--list: the deleted one is gone" ;;
esac
done_testing
