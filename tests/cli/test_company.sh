#!/bin/sh
# The firm's details and accounts end to end: init makes the company
# record (named by --company, the title bar's name) and the cash desk;
# kontor company shows the details one per line, labels in the user's
# language; kontor company --set enters them (INN, KPP, ОГРН checked, the
# field named in every refusal, nothing changed); a clerk may read them
# but not change them; kontor import accounts refuses a bank account
# whose number's control key does not fit its БИК, naming the line and
# the column, and imports nothing; kontor check proves the balances.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
plan 36

clerks_setup --company "ООО «Ромашка»"
clerk_add kt_sales sales "Продажина Анна"

run K company
is "company: exits 0" 0 "$rc"
is "company: the name given to init" "Name             ООО «Ромашка»" \
    "$(printf '%s\n' "$out" | sed -n 1p)"
is "company: a line per field" 15 "$(printf '%s\n' "$out" | wc -l)"
run K export accounts
like "init made the cash desk" "CASH,Касса,cash,,,,,0.00,0.00" "$out"

run K company --set inn=7701234560 --set kpp=770101001 \
    --set ogrn=1027700123450 --set "full_name=Общество с ограниченной ответственностью «Ромашка»" \
    --set "director=Соколов Андрей Викторович" --set vat_payer=yes
is "set: exits 0" 0 "$rc"
like "set: says so" "the company's details are saved" "$err"
run K company
like "show: the INN" "INN              7701234560" "$out"
like "show: the ОГРН" "OGRN             1027700123450" "$out"
like "show: a yes/no in words" "Pays VAT         yes" "$out"

run K --lang ru company
is "in Russian: the labels translated" "ИНН                 7701234560" \
    "$(printf '%s\n' "$out" | grep '^ИНН')"
like "in Russian: the firm's full name is no person's" \
    "Полное наименование Общество с ограниченной ответственностью «Ромашка»" \
    "$out"

# --- refusals: the field named, nothing changed -------------------------
run K company --set inn=7701234561
is "bad INN: exit 65" 65 "$rc"
is "bad INN: the field and why" \
    'kontor: inn: 10 or 12 digits with valid check digits expected, got "7701234561"' \
    "$err"
run K company --set ogrn=304500116200183
is "an ОГРНИП for an organisation: exit 65" 65 "$rc"
is "... the server names the column" "kontor: column 'ogrn': an organisation (INN of 10 digits) has an OGRN of 13 digits, got 15" "$err"
run K company --set name=
is "no name: exit 65" 65 "$rc"
like "... named" "column 'name'" "$err"
run K company --set colour=red
is "unknown field: exit 64" 64 "$rc"
like "... the fields listed" "no field 'colour' (fields: name, full_name, inn," "$err"
run K company --set inn
is "no '=': exit 64" 64 "$rc"
run K company
like "nothing changed by the refusals" "INN              7701234560" "$out"

# --- a clerk reads, only an admin writes ---------------------------------
as_clerk kt_sales "$KONTOR" company
is "a clerk may read the details" 0 "$rc"
like "... all of them" "KPP              770101001" "$out"
as_clerk kt_sales "$KONTOR" company --set name=Захват
is "a clerk may not change them: exit 77" 77 "$rc"
run K company --set "name=ООО «Ромашка-2»"
run K status
like "the title bar's name follows the record" "ООО «Ромашка-2»" "$out"

# --- accounts: the control key against the БИК ---------------------------
cat >"$T/acc.csv" <<'CSV'
code,name,kind,bank,bik,corr_account,number,opening
SBER,Расчётный счёт,bank,ПАО Сбербанк,044525225,30101810400000000225,40702810938000012345,1000.00
ALFA,Счёт в Альфа-Банке,bank,АО «Альфа-Банк»,044525593,30101810200000000593,40702810601850000123,0
CSV
chmod 644 "$T/acc.csv"
run K import accounts "$T/acc.csv"
is "a bad control key: exit 65" 65 "$rc"
is "... the line, the column, the reason" \
    "$T/acc.csv:3: column 'number': 40702810601850000123: the control key does not match the BIK 044525593" \
    "$err"
run K export accounts
is "... and nothing imported" 0 "$(printf '%s\n' "$out" | grep -c '^SBER\|^ALFA')"
sed -i 's/40702810601850000123/40702810501850000123/' "$T/acc.csv"
run K import accounts "$T/acc.csv"
is "the right number: imported" 0 "$rc"
run K check
is "check holds: balances are their opening" 0 "$rc"

# VAT rates as data: the company's standard rate is what a new product
# takes when it names none; 22, 7 and 5 are rates; a line's VAT is its own.
run K company --set vat_rate=21
is "vat_rate 21: refused, naming the rates" \
    "65 kontor: vat_rate: one of 22, 20, 10, 7, 5, 0, exempt expected, got \"21\"" \
    "$rc $err"
printf 'sku,name,sale_price\nV20,Товар до,100.00\n' >"$T/v0.csv"
K import products "$T/v0.csv" >/dev/null 2>&1
run K company --set vat_rate=22
is "vat_rate 22: saved" 0 "$rc"
printf 'sku,name,sale_price,vat\nV22,Товар 22,100.00,\nV7,Товар 7,100.00,7\n' \
    >"$T/v.csv"
K import products "$T/v.csv" >/dev/null 2>&1
is "a product made before keeps 20; one without a rate takes 22; 7 as given" \
    "V20 20 V22 22 V7 7" \
    "$(K export products | awk -F, 'NR > 1 && $1 ~ /^V/ { printf "%s%s %s", s, $1, $10; s = " " }')"
# A file without the vat column: the rate read once for the import, the
# next import's read afresh (it changed in between).
printf 'sku,name\nW1,Без ставки 1\nW2,Без ставки 2\nW3,Без ставки 3\n' >"$T/w.csv"
K import products "$T/w.csv" >/dev/null 2>&1
K company --set vat_rate=10 >/dev/null 2>&1
printf 'sku,name\nW4,Без ставки 4\n' >"$T/w4.csv"
K import products "$T/w4.csv" >/dev/null 2>&1
K company --set vat_rate=22 >/dev/null 2>&1
is "no vat column: each row the company's rate; the next import the new one" \
    "W1 22 W2 22 W3 22 W4 10" \
    "$(K export products | awk -F, 'NR > 1 && $1 ~ /^W/ { printf "%s%s %s", s, $1, $10; s = " " }')"
printf 'order,customer,warehouse,sku,quantity\nA,ROMASHKA,MAIN,V22,1\nA,ROMASHKA,MAIN,V7,1\n' \
    >"$T/vso.csv"
printf 'code,name,kind\nROMASHKA,ООО «Покупатель»,company\n' >"$T/vc.csv"
printf 'code,name\nMAIN,Склад\n' >"$T/vw.csv"
K import customers "$T/vc.csv" >/dev/null 2>&1
K import warehouses "$T/vw.csv" >/dev/null 2>&1
run K import sales-orders "$T/vso.csv"
is "an order of both: imported" 0 "$rc"
is "... each line's VAT at its rate, the order's their sum" \
    "22.00 7.00 29.00" \
    "$(K export so_lines | awk -F, 'NR > 1 { printf "%s ", $10 }')$(K export sales_orders | awk -F, 'NR > 1 { print $14 }')"
