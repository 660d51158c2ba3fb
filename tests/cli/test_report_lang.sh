#!/bin/sh
# Reports in the user's language.  As text, for people: the list of
# reports, the column headings, the totals line and the placeholders in
# Russian (by --lang ru, by the locale, by the user's own setting) and in
# English as they always were; as CSV, for scripts: the same in both
# languages, the header of fixed English names and the cells as stored.
# A report's refusal in each language.  The headings are made in the
# server, in the session's language: a host without ru_RU.UTF-8 cannot
# answer in Russian, and the test says so and skips.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
need_russian
plan 39
K="$KONTOR"

# The language from --lang, the locale or the user alone: none of the
# caller's environment.
unset LANGUAGE LC_ALL LC_MESSAGES
LANG=C.UTF-8
export LANG
RU=ru_RU.UTF-8
# CSV comes with CRLF line ends; compared without them.
runcsv() { run "$@"; out=$(printf '%s\n' "$out" | tr -d '\r'); }
first() { printf '%s\n' "$out" | head -1; }
last() { printf '%s\n' "$out" | tail -1; }

"$K" init --company "ООО «Тест»" >/dev/null 2>&1
printf 'code,name,kind,status\nC-1,ООО «Альфа»,company,active\nC-2,ИП Петров,person,lead\nC-3,ООО «Бета»,company,active\n' \
    >"$T/customers.csv"
printf 'code,name\nMAIN,Основной склад\n' >"$T/warehouses.csv"
printf 'sku,name,unit,purchase_price\nSKU-1,Болт М8,pcs,10.00\nSKU-2,Гайка М8,pcs,1.00\n' \
    >"$T/products.csv"
printf 'type,sku,warehouse,quantity,unit_cost\nreceipt,SKU-1,MAIN,10,12.00\nreceipt,SKU-2,MAIN,3,2.50\n' \
    >"$T/moves.csv"
printf 'product,warehouse,min_qty,max_qty\nSKU-2,MAIN,5,20\n' >"$T/limits.csv"
# fixture ENTITY FILE: imported, or the test cannot go on.
fixture() {
	run "$K" import "$1" "$T/$2"
	[ "$rc" = 0 ] || { fail "the fixture: import $1" "$err"; done_testing; }
}
fixture customers customers.csv
fixture warehouses warehouses.csv
fixture products products.csv
fixture stock-moves moves.csv
fixture stock_limits limits.csv

# --- the list of reports ---------------------------------------------------
run "$K" report --list
like "--list in English" "stock-value            Stock value at moving average cost, per product" "$out"
run "$K" --lang ru report --list
like "--list in Russian: the titles translated" \
    "stock-value            Стоимость остатков по средней себестоимости, по товарам" "$out"
like "... the names stay" "customers-by-status    Клиенты по статусам" "$out"

# --- text: headings, totals, placeholders ----------------------------------
run "$K" report customers-by-status
is "text in English: columns as wide as their cells" "status  customers
active          2
lead            1" "$out"
run "$K" --lang ru report customers-by-status
is "text in Russian (--lang ru): the heading line" \
    "Статус    Кол-во клиентов" "$(first)"
is "... as many rows" 3 "$(printf '%s\n' "$out" | wc -l)"

run "$K" report stock-value
is "stock value in English: the heading line" \
    "sku    name      unit  on_hand  avg_cost   value" \
    "$(first)"
is "... the totals line" \
    "TOTAL                                     127,50" \
    "$(last)"
run env LANG=$RU "$K" report stock-value
is "stock value in Russian (LANG=$RU): the heading line" \
    "Артикул  Наименование  Ед.  В наличии  Себест. ед.   Сумма" \
    "$(first)"
is "... the totals line" \
    "ИТОГО                                               127,50" \
    "$(last)"
# The unit is a word of the dictionary's (pcs): in Russian as the
# products list shows it; money as lists show it (1 234,56).
is "... a row: the unit in Russian, money as lists show it" \
    "SKU-1    Болт М8       шт          10        12,00  120,00" \
    "$(printf '%s\n' "$out" | sed -n 2p)"

run "$K" reorder
is "reorder in English: the heading line" \
    "supplier              wareho…  sku    name      availa…  on_order  min  order_q…" \
    "$(first)"
# Wider than 80 columns: the widest text is cut, the columns kept apart
# and in line (CSV has it whole).
like "... no default supplier said, cut to fit 80 columns" \
    "(no default supplie…  MAIN     SKU-2  Гайка М8        3" "$(last)"
run env LC_MESSAGES=$RU "$K" reorder
is "reorder in Russian (LC_MESSAGES): the heading line" \
    "Поставщик            Склад  Артик…  Наименование  Досту…  В зак…  Миним…  К зак…" \
    "$(first)"
like "... no default supplier said in Russian" \
    "(нет основного пос…  MAIN   SKU-2   Гайка М8           3" "$(last)"

run "$K" --lang ru report moves
is "moves in Russian: the heading line" \
    "Дата       Документ        Вид движен… Артик… Склад Кол-во   Сумма Партия Польз…" \
    "$(first)"
run "$K" --lang ru stock SKU-1
is "kontor stock in Russian: the heading line" \
    "Склад  Наименование    В наличии  В резерве  Доступно  В заказе" \
    "$(first)"
is "... its row" \
    "MAIN   Основной склад         10          0        10         0" \
    "$(last)"

# --- CSV: the same in both languages ----------------------------------------
csv_value="sku,name,unit,on_hand,avg_cost,value
SKU-1,Болт М8,pcs,10,12.00,120.00
SKU-2,Гайка М8,pcs,3,2.50,7.50
TOTAL,,,,,127.50"
runcsv "$K" report stock-value --format csv
is "CSV in English: the English header, TOTAL" "$csv_value" "$out"
runcsv env LANG=$RU "$K" report stock-value --format csv
is "CSV in Russian: the same English header, TOTAL, cells" "$csv_value" "$out"
runcsv "$K" --lang ru report customers-by-status --format csv
is "CSV in Russian: the header and the statuses as stored" \
    "status,customers
active,2
lead,1" "$out"
runcsv "$K" --lang ru reorder --format csv
is "CSV in Russian: the placeholder as stored" \
    "supplier,warehouse,sku,name,available,on_order,drafted,min,max,order_qty
(no default supplier),MAIN,SKU-2,Гайка М8,3,0,0,5,20,17" "$out"

# --- figures and dates for people, as lists show them ----------------------------
# Text for people shows money grouped with a decimal comma, quantities so,
# dates DD.MM.YYYY, as every list and card; CSV keeps the cells as written
# (a point, ISO dates), and codes, however they look, stay as they are.
printf 'sku,name,unit,purchase_price\nSKU-3,Краска,kg,72.60\n' >"$T/kg.csv"
printf 'type,sku,warehouse,quantity,unit_cost\nreceipt,SKU-3,MAIN,24,72.60\nissue,SKU-3,MAIN,10.5,\n' \
    >"$T/kg-moves.csv"
fixture products kg.csv
fixture stock-moves kg-moves.csv
today_ru=$(date +%d.%m.%Y)
today_iso=$(date +%Y-%m-%d)
run "$K" --lang ru report moves --sku SKU-3
is "moves in Russian: the issue, its quantity with a comma" \
    "$today_ru" "$(printf '%s\n' "$out" | sed -n 2p | awk '{ print $1 }')"
like "... the quantity and the value" \
    "SKU-3  MAIN   -10,5   -762,30" "$out"
like "... the receipt's value grouped" \
    "24  1 742,40" "$out"
like "... the documents' codes as they are" "BAT-$(date +%Y)-000002" "$out"
runcsv "$K" --lang ru report moves --sku SKU-3 --format csv
like "... as CSV: ISO dates and points, as written" \
    ",$today_iso,BAT-$(date +%Y)-000002," "$out"
like "... and the figures" ",SKU-3,MAIN,24,72.60,1742.40,," "$out"
like "... and the issue's" ",SKU-3,MAIN,-10.5,72.60,-762.30,," "$out"
run "$K" --lang ru report stock-value
like "stock value in Russian: the quantity on hand with a comma" \
    "SKU-3    Краска        кг        13,5        72,60    980,10" "$out"
# --- the user's own language ----------------------------------------------------
"$K" user mod root --lang ru >/dev/null 2>&1
run "$K" report customers-by-status
is "the user's language (ru) over an English locale" \
    "Статус    Кол-во клиентов" "$(first)"
run "$K" --lang en report customers-by-status
is "--lang en over the user's language" "status  customers" \
    "$(first)"
"$K" user mod root --lang locale >/dev/null 2>&1
run "$K" report customers-by-status
is "the user's language unset: the locale's again" \
    "status  customers" "$(first)"

# --- refusals -------------------------------------------------------------------
run "$K" report stock
is "no SKU, in English: exit 64" 64 "$rc"
is "... the message" "kontor: a product's SKU or barcode is required" "$err"
run "$K" --lang ru report stock
is "no SKU, in Russian: exit 64" 64 "$rc"
is "... the message" "kontor: нужен артикул или штрихкод товара" "$err"
run env LANG=$RU "$K" report lots --sku НЕТ-1
is "an unknown SKU, in Russian: exit 66" 66 "$rc"
is "... the message names it" \
    "kontor: нет товара с артикулом или штрихкодом \"НЕТ-1\"" "$err"
done_testing
