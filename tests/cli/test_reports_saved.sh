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

. "$KONTOR_SRCDIR/tests/data/sales/fixture.sh"

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
    "04.03.2026  VASILEK    450,00" "$(cat "$T/week.txt")"
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
