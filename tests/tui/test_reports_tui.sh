#!/bin/sh
# :rep as a manager (not an admin) on a Unix login of their own, at 80x24
# under TERM=vt100, in Russian: the sales report's form (this month,
# grouped by manager), F2 runs it (money and dates as lists show them:
# 1 050,00, DD.MM.YYYY; the exported CSV as written); 3 sorts by the net (again: the other
# way); Enter drills down to the manager's customers, Enter again to the
# customer's shipments, Enter once more opens the shipment's card; g
# shows the figure as bars of # (vt100), g again as columns; e exports
# the result as CSV to a file typed in, whose content is checked; P
# opens the print dialog and saves the PDF, then the text, to files; the
# result still shows seconds later.  The saved reports: s saves the
# parameters, the list shows it, Enter on it runs it; a sales clerk sees
# the shared one and not another's private one.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
plan 42

clerks_setup --company "ООО «Ромашка»"
clerk_add kt_sales sales "Продавцов Пётр"
clerk_add kt_manager manager "Начальников Иван"
printf 'code,name\nMAIN,Основной склад\n' >"$T/wh.csv"
cat >"$T/c.csv" <<'CSV'
code,name,kind,inn,manager
ROMASHKA,ООО «Ромашка»,company,7707083893,kt_manager
LUTIK,ООО «Лютик»,company,,kt_manager
VASILEK,ИП Васильков,person,,kt_sales
CSV
printf 'sku,name,unit,purchase_price,sale_price,vat\nSKU-1,Болт М8×40,pcs,10.00,15.00,20\nSKU-2,Краска белая,kg,100.00,150.00,20\n' >"$T/p.csv"
printf 'type,sku,warehouse,quantity,unit_cost\nreceipt,SKU-1,MAIN,100,10.00\nreceipt,SKU-2,MAIN,100,100.00\n' >"$T/in.csv"
K import warehouses "$T/wh.csv" >/dev/null 2>&1
K import customers "$T/c.csv" >/dev/null 2>&1
K import products "$T/p.csv" >/dev/null 2>&1
K import stock-moves "$T/in.csv" >/dev/null 2>&1
# Today: ROMASHKA SKU-1 10 x 15.00 (150.00, cost 100.00) and SKU-2 2 x
# 150.00 (300.00, cost 200.00); LUTIK SKU-2 3 (450.00, cost 300.00);
# VASILEK SKU-2 1 (150.00, cost 100.00).  kt_manager: 900.00 net,
# kt_sales 150.00.
cat >"$T/so.csv" <<'CSV'
order,customer,warehouse,sku,quantity
A,ROMASHKA,MAIN,SKU-1,10
B,LUTIK,MAIN,SKU-2,3
C,VASILEK,MAIN,SKU-2,1
D,ROMASHKA,MAIN,SKU-2,2
CSV
K import sales-orders "$T/so.csv" --post >/dev/null 2>&1
rc=0
for n in 1 2 3 4; do
	s=$(K ship SO-2026-00000$n 2>/dev/null) && K post "$s" >/dev/null 2>&1 ||
	    rc=1
done
is "fixture: four shipments posted" 0 "$rc"
TODAY=$(date +%Y-%m-%d)
# Where the clerk may write the export.
mkdir -m 1777 "$S/out"

TUI_LANG=ru_RU.UTF-8
export TUI_LANG
tui kt_manager a vt100
wait_for a "Главное меню" >/dev/null
keys a : rep Space sales Enter
ok "the sales report's form" wait_for a "Группировать по"
# Period: Right 5 times is this month; Down 4 to the grouping; Right 3:
# manager.
keys a Right Right Right Right Right
ok "a quick choice: this month" wait_for a "< этот месяц >"
keys a Down Down Down Down Right Right Right
ok "grouped by manager, in Russian" wait_for a "< менеджер >"
keys a F2
ok "F2 runs it: the managers' rows" wait_for a "kt_manager"
ok "... under the report's title, in Russian" shows a "Продажи (реализация)"
ok "... with their figures" row_has a "kt_manager" "900,00"
ok "... and the total" row_has a "ИТОГО" "1 050,00"
# Sort by the third column (net), ascending: kt_sales (150.00) first.
keys a 3
ok "3 sorts by net, ascending" wait_for a "по возрастанию"
first=$(screen a | grep -n "kt_" | head -1 | cut -d: -f2-)
like "... the smaller first" "kt_sales" "$first"
keys a 3
ok "3 again: descending" wait_for a "по убыванию"
first=$(screen a | grep -n "kt_" | head -1 | cut -d: -f2-)
like "... the larger first" "kt_manager" "$first"
# Drill down: the manager's customers, then a customer's shipments.
keys a Enter
ok "Enter: kt_manager's customers" wait_for a "manager=kt_manager"
ok "... the title cut to leave room for the filter" \
    row_has a "Продажи (реализация)" "manager=kt_manager"
ok "... LUTIK 450,00" row_has a "LUTIK" "450,00"
keys a Down Enter
ok "Enter again: ROMASHKA's shipments" wait_for a "customer=ROMASHKA"
ok "... its two shipments" row_has a "SHP-2026-000004" "300,00"
ok "... dated as lists show it, the code as it is" \
    row_has a "SHP-2026-000004" "$(date +%d.%m.%Y)"
# The chart of the figure (margin): bars of # under a vt100.
keys a g
ok "g: bars of #" wait_for a "SHP-2026-000001"
ok "... drawn in #" row_has a "SHP-2026-000001" "####"
keys a g
ok "g again: columns, the current one named" wait_for a "1. "
keys a g
# Export: the CSV of what is shown, as kontor report --format csv has it.
keys a e
wait_for a "CSV" >/dev/null
keys a C-u "$S/out/rep.csv" Enter
ok "e: exported" wait_for a "экспортировано"
is "the CSV's content" \
"period,group,net,vat,gross,cost,margin
$TODAY,SHP-2026-000001,150.00,30.00,180.00,100.00,50.00
$TODAY,SHP-2026-000004,300.00,60.00,360.00,200.00,100.00
TOTAL,,450.00,90.00,540.00,300.00,150.00" \
    "$(tr -d '\r' <"$S/out/rep.csv" 2>&1)"
ok "the result still shows seconds later" stays a "SHP-2026-000004"
# P: the print dialog (no form to choose: the report); PDF to a file, laid
# out by the server; then 80-column text.
keys a P
ok "P opens the print dialog" wait_for a "Печать sales"
keys a Down C-u "$S/out/rep.pdf" Enter
ok "P: the PDF saved" wait_for a "Сохранено $S/out/rep.pdf"
if command -v pdftotext >/dev/null 2>&1; then
	pdf=$(pdftotext -layout "$S/out/rep.pdf" - 2>&1 | sed 's/  */ /g')
	like "... the PDF: the title in Russian" "Продажи (реализация)" "$pdf"
	like "... the parameters, in Russian" "клиент: ROMASHKA" "$pdf"
	like "... a shipment's figures" \
	    "SHP-2026-000004 300,00 60,00 360,00 200,00 100,00" "$pdf"
else
	for n in 1 2 3; do echo "ok - no pdftotext # SKIP"; done
fi
keys a P
wait_for a "Печать sales" >/dev/null
keys a Up Right Down Down C-u "$S/out/rep.txt" Enter
ok "P, text: saved" wait_for a "Сохранено $S/out/rep.txt"
like "... the text's total row" \
    "ИТОГО 450,00 90,00 540,00 300,00 150,00" \
    "$(sed 's/  */ /g' "$S/out/rep.txt" 2>&1)"
# s saves what this result was made with: private, then shared.
keys a s
wait_for a "Сохранить отчёт" >/dev/null
keys a rom-ship Enter
wait_for a "общим" >/dev/null
keys a n
ok "s: saved" wait_for a "сохранён как rom-ship"
keys a s
wait_for a "Сохранить отчёт" >/dev/null
keys a team-ship Enter
wait_for a "общим" >/dev/null
keys a y
ok "s again: a shared one" wait_for a "сохранён как team-ship"
as_clerk kt_manager "$KONTOR" report --list
like "the manager's --list: the private one with its parameters" \
    "rom-ship               sales --period this-month --by shipment --manager kt_manager --customer ROMASHKA" \
    "$out"
as_clerk kt_sales "$KONTOR" report --list
like "a sales clerk's --list: the shared one" "team-ship" "$out"
case $out in
*rom-ship*) fail "... not the manager's private one" "got: $out" ;;
*) pass "... not the manager's private one" ;;
esac
as_clerk kt_sales "$KONTOR" report --saved rom-ship
is "a sales clerk cannot run another's private one: exit 66" 66 "$rc"
# Enter on a shipment's row opens its card.
keys a Enter
ok "Enter on a shipment: its card" wait_for a "Реализация SHP-2026-000001"
keys a Escape
ok "Esc: back to the result" wait_for a "customer=ROMASHKA"
# Back up to the list; the saved ones are under the reports.
keys a Escape Escape Escape Escape
ok "Esc up to the list" wait_for a "abc "
keys a End
ok "the saved ones below the reports" wait_for a "* team-ship"
keys a Enter
ok "Enter on a saved one runs it" wait_for a "SHP-2026-000004"
done_testing
