#!/bin/sh
# Reports printed (issue 15's P and -o FILE.pdf): the server runs the
# report once and lays its rows out as a sheet (forms/report.c), rendered
# as A4 PDF; kontor report NAME -o FILE.pdf writes it whole or not at all,
# --format pdf --mail ADDRESS attaches it.  pdftotext -layout reads the
# PDF back: the title, the parameters, the headings and the exact figures
# of the sales reports' fixture (tests/cli/test_reports_saved.sh, whose
# figures are worked out in tests/cli/test_sales_reports.sh), Cyrillic
# names of customers too.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
command -v pdftotext >/dev/null 2>&1 || skip_all "no pdftotext (poppler-utils)"
plan 36
K="$KONTOR"
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

# --- PDF ----------------------------------------------------------------------
export KONTOR_TODAY=2026-04-15
run "$K" report sales --from 2026-03-01 --to 2026-03-31 --group customer \
    -o "$T/march.pdf"
is "-o FILE.pdf: exit 0" 0 "$rc"
is "... nothing on stdout" "" "$out"
pdftotext -layout "$T/march.pdf" "$T/march.txt" 2>/dev/null
M=$(sed 's/  */ /g; s/^ //; s/ $//' "$T/march.txt")
is "a PDF: %PDF- first" "%PDF-" "$(head -c 5 "$T/march.pdf")"
like "the title (without the options --list shows)" \
    "Sales shipped: net, VAT, gross, cost and margin per period, returns" "$M"
like "the parameters: period and grouping" \
    "Period: 2026-03-01 - 2026-03-31; grouped by: customer" "$M"
like "the company's name (Cyrillic) and the day printed" \
    "ООО «Торговый дом». Printed: 2026-04-15" "$M"
like "the headings" "period group net vat gross cost margin" "$M"
like "a row's exact figures" \
    "2026-03-02 ROMASHKA 350.00 50.00 400.00 200.00 150.00" "$M"
like "a return's row, negative" \
    "2026-03-05 VASILEK -150.00 -30.00 -180.00 -100.00 -50.00" "$M"
like "the total row" "TOTAL 860.00 152.00 1012.00 540.00 320.00" "$M"
# The same report rendered again gives the same bytes (the date printed is
# the day's, nothing of the time).
"$K" report sales --from 2026-03-01 --to 2026-03-31 --group customer \
    -o "$T/again.pdf" >/dev/null 2>&1
ok "the same report, the same bytes" cmp -s "$T/march.pdf" "$T/again.pdf"

# In Russian: the headings, the title and the total's word.
run env LANG=ru_RU.UTF-8 "$K" report sales --from 2026-03-01 \
    --to 2026-03-31 -o "$T/ru.pdf"
is "in Russian: exit 0" 0 "$rc"
pdftotext -layout "$T/ru.pdf" - 2>/dev/null |
    sed 's/  */ /g; s/^ //; s/ $//' >"$T/ru.txt"
like "in Russian: the title" "Продажи (реализация)" "$(cat "$T/ru.txt")"
like "in Russian: the total" "ИТОГО 860.00 152.00 1012.00 540.00 320.00" \
    "$(cat "$T/ru.txt")"

# Customers' names in Cyrillic: the receivables (what the shipments owe).
run "$K" report receivables -o "$T/recv.pdf"
is "receivables -o FILE.pdf: exit 0" 0 "$rc"
R=$(pdftotext -layout "$T/recv.pdf" - 2>/dev/null | sed 's/  */ /g')
like "a customer's Cyrillic name" "ООО «Ромашка»" "$R"
like "... and another's" "ИП Васильков" "$R"

# --- mail -------------------------------------------------------------------
mkdir "$T/bin"
cat >"$T/bin/sendmail" <<EOS
#!/bin/sh
cat >"$T/msg"
EOS
chmod +x "$T/bin/sendmail"
PATH="$T/bin:$PATH" run "$K" report sales --from 2026-03-01 \
    --to 2026-03-31 --format pdf --mail boss@example.ru
is "--format pdf --mail: exit 0" 0 "$rc"
like "--mail: the PDF attached" \
    'Content-Type: application/pdf; name="sales.pdf"' "$(cat "$T/msg")"
awk '/name="sales.pdf"/ { f = 1; next } f && /^--=_kontor/ { f = 0 }
    f && /^[A-Za-z0-9+\/=]+$/' "$T/msg" | base64 -d >"$T/att.pdf"
like "--mail: the attachment is the report's PDF" "860.00" \
    "$(pdftotext -layout "$T/att.pdf" - 2>/dev/null)"

# --- refusals ---------------------------------------------------------------
run "$K" report sales -o "$T/nodir/x.pdf"
is "-o into a directory that is not there: exit 73" 73 "$rc"
like "... says why" "cannot create" "$err"
ok "... and leaves nothing" test ! -e "$T/nodir/x.pdf"
# A path through a file (root writes into read-only directories).
printf 'x' >"$T/afile"
run "$K" report sales -o "$T/afile/x.pdf"
is "-o under a file: exit 73" 73 "$rc"
# A report the server refuses leaves the file there whole.
printf 'old' >"$T/keep.pdf"
run "$K" report sales --group nonsense -o "$T/keep.pdf"
is "a refused report: exit 64" 64 "$rc"
is "... leaves the old file whole" old "$(cat "$T/keep.pdf")"
run "$K" report sales --format pdf
is "--format pdf without -o or --mail: exit 64" 64 "$rc"
like "... says where a PDF goes" "a PDF goes to a file" "$err"
run "$K" report sales --format text -o "$T/x.pdf"
is "a .pdf file with --format text: exit 64" 64 "$rc"
run "$K" report nope -o "$T/x.pdf"
is "an unknown report: exit 64" 64 "$rc"
ok "... and no file" test ! -e "$T/x.pdf"
