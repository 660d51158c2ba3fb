#!/bin/sh
# Reports printed (issue 15's P and -o FILE.pdf): the server runs the
# report once and lays its rows out as a sheet (forms/report.c), rendered
# as A4 PDF; kontor report NAME -o FILE.pdf writes it whole or not at all,
# --format pdf --mail ADDRESS attaches it.  pdftotext -layout reads the
# PDF back: the title, the parameters, the headings and the exact figures
# of the sales reports' fixture (tests/data/sales/fixture.sh, whose
# figures are worked out in tests/cli/test_sales_reports.sh), Cyrillic
# names of customers too.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
command -v pdftotext >/dev/null 2>&1 || skip_all "no pdftotext (poppler-utils)"
plan 38
K="$KONTOR"
. "$KONTOR_SRCDIR/tests/data/sales/fixture.sh"

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
    "Period: 01.03.2026 - 31.03.2026; grouped by: customer" "$M"
like "the company's name (Cyrillic) and the day printed" \
    "ООО «Торговый дом». Printed: 15.04.2026" "$M"
like "the headings" "period group net vat gross cost margin" "$M"
like "a row's exact figures" \
    "02.03.2026 ROMASHKA 350,00 50,00 400,00 200,00 150,00" "$M"
like "a return's row, negative" \
    "05.03.2026 VASILEK -150,00 -30,00 -180,00 -100,00 -50,00" "$M"
like "the total row" "TOTAL 860,00 152,00 1 012,00 540,00 320,00" "$M"
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
like "in Russian: the total" "ИТОГО 860,00 152,00 1 012,00 540,00 320,00" \
    "$(cat "$T/ru.txt")"
# The grouping and the rows' period the heading names, in Russian too
# (the options take them in English).
run env LANG=ru_RU.UTF-8 "$K" report sales --from 2026-03-01 \
    --to 2026-03-31 --group customer --period month -o "$T/ru-by.pdf"
pdftotext -layout "$T/ru-by.pdf" - 2>/dev/null |
    sed 's/  */ /g; s/^ //; s/ $//' >"$T/ru-by.txt"
like "in Russian: the parameters, their values translated" \
    "Период: 01.03.2026 - 31.03.2026; строки по: месяц; разрез: клиент" \
    "$(cat "$T/ru-by.txt")"
is "... no English value left" "" \
    "$(grep -ow 'customer\|month' "$T/ru-by.txt")"

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
like "--mail: the attachment is the report's PDF" "860,00" \
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
