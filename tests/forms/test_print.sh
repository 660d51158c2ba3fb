#!/bin/sh
# kontor print end to end on a fresh home: a company with its bank
# account, a customer with INN, KPP and address, products; an order of
# three lines at 333,33 with 20 % VAT (66,67 each: the document's VAT
# is 200,01, the sum of its lines, not 200,00 from the total), its
# invoice, an order of an exempt service, a quote.  For each form
# (invoice from INV- and from SO-, order, quote, contract from an order
# and from a customer) the text and the PDF (pdftotext) hold the parties,
# every line, the totals and the amount in words exactly; page counts
# (pdfinfo); the same document printed twice, and after a server restart,
# is the same bytes; default file names; -o FILE and -o -; a fake lp on
# PATH gets -d NAME -n N and the bytes; lp missing or failing is exit
# 69; --encoding cp866 decodes back with iconv; refusals (unknown
# document 66, unknown form or one not made from the document 64, no
# bank account 65, an unknown placeholder in the contract's template 65
# naming its line; a warehouse clerk may not print an invoice, 77).  One
# page of each form goes to tests/forms/out/*.png (pdftoppm) for a
# person to look at.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 159
K="$KONTOR"
LANG=C.UTF-8
export LANG
unset LC_ALL LC_MESSAGES LANGUAGE
skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $1 # SKIP $2"; }
have_pdf=1
for p in pdftotext pdfinfo pdftoppm; do
	command -v $p >/dev/null || have_pdf=0
done
OUT=$(pwd)/tests/forms/out
mkdir -p "$OUT" 2>/dev/null || OUT=$T/out
mkdir -p "$OUT"

Y=$(date +%Y)
n() { printf '%s-%s-%06d' "$1" "$Y" "$2"; }
TODAY=$(date +%d.%m.%Y)
SO1=$(n SO 1) SO2=$(n SO 2) INV1=$(n INV 1) QT1=$(n QT 1)
# has DESC EXTENDED-REGEX FILE: a whole line of FILE matches.
has() {
	if grep -Eqx -- "$2" "$3"; then pass "$1"
	else fail "$1" "no line matching: $2" "in: $3"; fi
}
# holds DESC FIXED-STRING FILE
holds() {
	if grep -Fq -- "$2" "$3"; then pass "$1"
	else fail "$1" "no: $2" "in: $3"; fi
}

# --- the fixture ------------------------------------------------------------
run "$K" init --company "ООО «Торговый дом»"
is "init" 0 "$rc"
ok "init wrote the contract's template" grep -q "ДОГОВОР ПОСТАВКИ" \
    "$KONTOR_HOME/templates/contract.txt"
"$K" company --set "full_name=ООО «Торговый дом»" --set inn=7707083893 \
    --set kpp=770701001 --set ogrn=1027700132195 \
    --set "legal_address=125009, г. Москва, ул. Тверская, д. 7" \
    --set "director=Соколов Андрей Викторович" \
    --set "accountant=Белова Ирина Петровна" 2>/dev/null
cat >"$T/a.csv" <<'CSV'
code,name,kind,bank,bik,corr_account,number
BANK,Расчётный счёт,bank,ПАО Сбербанк,044525225,30101810400000000225,40702810938000000001
CSV
"$K" import accounts "$T/a.csv" 2>/dev/null
run "$K" company --set account=BANK
is "the company's bank account" 0 "$rc"
printf 'code,name\nMAIN,Основной склад\n' >"$T/wh.csv"
"$K" import warehouses "$T/wh.csv" 2>/dev/null
cat >"$T/c.csv" <<'CSV'
code,name,kind,inn,kpp,address,terms_days
ROMASHKA,ООО «Ромашка»,company,7728168971,772801001,"117342, г. Москва, ул. Бутлерова, д. 17",10
CSV
"$K" import customers "$T/c.csv" 2>/dev/null
cat >"$T/p.csv" <<'CSV'
sku,name,kind,unit,purchase_price,sale_price,vat
B1,Болт М8×40 оцинкованный,goods,pcs,100.00,333.33,20
N1,Гайка М8,goods,pcs,10.00,333.33,20
W1,Шайба плоская М8 ёлочная,goods,pack,10.00,333.33,20
S1,Консультация по подбору крепежа,service,pcs,0,1500.00,exempt
CSV
run "$K" import products "$T/p.csv"
is "products" 0 "$rc"
printf 'type,sku,warehouse,quantity,unit_cost\nreceipt,B1,MAIN,100,100\nreceipt,N1,MAIN,100,10\nreceipt,W1,MAIN,100,10\n' \
    >"$T/in.csv"
"$K" import stock-moves "$T/in.csv" 2>/dev/null
cat >"$T/so.csv" <<'CSV'
order,customer,date,warehouse,sku,quantity,price
A,ROMASHKA,2026-12-01,MAIN,B1,1,333.33
A,ROMASHKA,2026-12-01,MAIN,N1,1,333.33
A,ROMASHKA,2026-12-01,MAIN,W1,1,333.33
CSV
run "$K" import sales-orders "$T/so.csv" --post
is "an order, confirmed" 0 "$rc"
printf 'order,customer,date,warehouse,sku,quantity,price\nB,ROMASHKA,2026-12-02,MAIN,S1,2,1500.00\n' \
    >"$T/so2.csv"
run "$K" import sales-orders "$T/so2.csv"
is "an order of an exempt service, a draft" 0 "$rc"
run "$K" invoice "$SO1"
is "the first order's invoice" "0 $INV1" "$rc $out"
printf 'customer,date,valid_until\nROMASHKA,2026-12-03,2026-12-31\n' >"$T/q.csv"
"$K" import quotes "$T/q.csv" 2>/dev/null
printf 'quote,product,qty,price,vat\n%s,B1,10,333.33,20\n%s,S1,1,1500.00,exempt\n' \
    "$QT1" "$QT1" >"$T/ql.csv"
run "$K" import quote-lines "$T/ql.csv"
is "a quote of two lines" 0 "$rc"

# --- text ---------------------------------------------------------------------
# What every form of the first order says: the parties, the lines, the
# totals, the amount in words.
common_text() {	# FORM FILE
	if [ "$1" = contract ]; then
		has "$1: the seller" "Поставщик: ООО «Торговый дом»" "$2"
		has "$1: its INN" "ИНН 7707083893, КПП 770701001, ОГРН 1027700132195" "$2"
		has "$1: the buyer" "Покупатель: ООО «Ромашка»" "$2"
		has "$1: its INN" "ИНН 7728168971, КПП 772801001" "$2"
	else
		holds "$1: the seller" "ООО «Торговый дом», ИНН 7707083893, КПП 770701001" "$2"
		holds "$1: the buyer" "ООО «Ромашка», ИНН 7728168971, КПП 772801001" "$2"
	fi
	has "$1: line 1" '\| 1 \| (B1 +\| )?Болт М8×40 оцинкованный +\| +1 \| шт +\| 333,33 \| +333,33 \|' "$2"
	has "$1: line 2" '\| 2 \| (N1 +\| )?Гайка М8 +\| +1 \| шт +\| 333,33 \| +333,33 \|' "$2"
	has "$1: line 3, ё and all" '\| 3 \| (W1 +\| )?Шайба плоская М8 ёлочная +\| +1 \| упак \| 333,33 \| +333,33 \|' "$2"
	has "$1: Итого" ' +Итого: +999,99' "$2"
	has "$1: the VAT is the sum of the lines'" ' +НДС 20%: +200,01' "$2"
	has "$1: the amount in words" 'Одна тысяча двести рублей 00 копеек' "$2"
}

run "$K" print "$INV1" --format text
is "the invoice as text: to stdout" 0 "$rc"
printf '%s\n' "$out" >"$T/inv.txt"
has "the invoice's number and date" "Счёт на оплату № 1 от $TODAY" "$T/inv.txt"
holds "the bank block: the bank" "| ПАО Сбербанк" "$T/inv.txt"
holds "... BIK and correspondent account" "044525225" "$T/inv.txt"
holds "... " "30101810400000000225" "$T/inv.txt"
has "... the account" '\| ИНН 7707083893    КПП 770701001 +\| Сч\. № +\| 40702810938000000001 +\|' "$T/inv.txt"
common_text invoice "$T/inv.txt"
has "invoice: Всего к оплате" ' +Всего к оплате: 1 200,00' "$T/inv.txt"
has "invoice: the count and the sum" 'Всего наименований 3, на сумму 1 200,00 руб\.' "$T/inv.txt"
has "invoice: the order it is of" 'Основание: +Заказ покупателя № 1 от 01\.12\.2026' "$T/inv.txt"
has "invoice: the signatures" 'Руководитель ______________ Соколов А\. В\.' "$T/inv.txt"
has "... the bookkeeper" 'Бухгалтер +______________ Белова И\. П\.' "$T/inv.txt"
ok "no line is wider than 80 columns" test "$(wc -L <"$T/inv.txt")" -le 80
ok "... no line ends in a space" sh -c "! grep -q ' \$' '$T/inv.txt'"

run "$K" print "$SO1" --form invoice --format text
printf '%s\n' "$out" >"$T/soinv.txt"
has "an invoice from the order itself" "Счёт на оплату № 1 от 01\.12\.2026" "$T/soinv.txt"
common_text "invoice of SO" "$T/soinv.txt"

run "$K" print "$SO1" --format text
printf '%s\n' "$out" >"$T/order.txt"
has "an order prints its confirmation by default" "Подтверждение заказа № 1 от 01\.12\.2026" "$T/order.txt"
common_text order "$T/order.txt"
has "order: its total" ' +Всего по заказу: 1 200,00' "$T/order.txt"
has "order: the customer's payment terms" 'Условия оплаты: оплата в течение 10 дней с даты отгрузки' "$T/order.txt"

run "$K" print "$SO2" --form invoice --format text
printf '%s\n' "$out" >"$T/exempt.txt"
has "an exempt order: Без налога (НДС)" ' +Без налога \(НДС\) +-' "$T/exempt.txt"
has "... 2 x 1 500,00" '\| 1 \| Консультация по подбору крепежа +\| +2 \| шт +\| 1 500,00 \| 3 000,00 \|' "$T/exempt.txt"
has "... in words" 'Три тысячи рублей 00 копеек' "$T/exempt.txt"
ok "... and no VAT line" sh -c "! grep -q 'НДС 20%' '$T/exempt.txt'"

run "$K" print "$QT1" --format text
printf '%s\n' "$out" >"$T/quote.txt"
is "a quote" 0 "$rc"
has "quote: its heading" 'Коммерческое предложение № 1 от 03\.12\.2026' "$T/quote.txt"
has "quote: to whom" 'Кому: ООО «Ромашка»' "$T/quote.txt"
has "quote: 10 x 333,33" '\| 1 \| Болт М8×40 оцинкованный +\| +10 \| шт +\| +333,33 \| 3 333,30 \|' "$T/quote.txt"
has "quote: the exempt line" '\| 2 \| Консультация по подбору крепежа +\| +1 \| шт +\| 1 500,00 \| 1 500,00 \|' "$T/quote.txt"
has "quote: VAT of the taxed line only" ' +НДС 20%: +666,66' "$T/quote.txt"
has "quote: total" ' +Всего: 5 499,96' "$T/quote.txt"
has "quote: in words" 'Пять тысяч четыреста девяносто девять рублей 96 копеек' "$T/quote.txt"
has "quote: valid until" 'Предложение действительно до 31\.12\.2026\.' "$T/quote.txt"

run "$K" print "$SO1" --form contract --format text
printf '%s\n' "$out" >"$T/contract.txt"
is "a contract from the order" 0 "$rc"
has "contract: its title" ' +ДОГОВОР ПОСТАВКИ № 1' "$T/contract.txt"
has "contract: its date" ' +«01» декабря 2026 г\.' "$T/contract.txt"
common_text contract "$T/contract.txt"
holds "contract: the total and its words" "1 200,00 руб. (Одна тысяча двести рублей 00" "$T/contract.txt"
holds "contract: the director in full" "Соколов Андрей Викторович" "$T/contract.txt"
run "$K" print ROMASHKA --format text
printf '%s\n' "$out" >"$T/frame.txt"
is "a contract from the customer (its only form)" 0 "$rc"
has "... number and date blank" ' +ДОГОВОР ПОСТАВКИ № ____________' "$T/frame.txt"
holds "... the customer" "ООО «Ромашка»" "$T/frame.txt"
ok "... no lines" sh -c "! grep -q 'Болт' '$T/frame.txt'"

# The home's template, edited.
cat >"$KONTOR_HOME/templates/contract.txt" <<'TPL'
# ours
! Договор {contract.number}
{customer.name}, ИНН {customer.inn}: {order.total_words}; {{скобки}}
TPL
run "$K" print "$SO1" --form contract --format text
is "the home's template is used" "                                   Договор 1
ООО «Ромашка», ИНН 7728168971: Одна тысяча двести рублей 00 копеек; {скобки}" "$out"
printf '# a comment\n\nИНН {customer.inn}\nЦвет {customer.colour}\n' \
    >"$KONTOR_HOME/templates/contract.txt"
run "$K" print "$SO1" --form contract --format text
is "an unknown placeholder: refused with its line" \
    "65 kontor: templates/contract.txt:4: unknown placeholder {customer.colour}: customers has no field 'colour'" \
    "$rc $err"
printf 'Сумма {order.total\n' >"$KONTOR_HOME/templates/contract.txt"
run "$K" print "$SO1" --form contract --format text
like "... an unclosed brace" "templates/contract.txt:1: '{' without '}'" "$err"
rm "$KONTOR_HOME/templates/contract.txt"
run "$K" print "$SO1" --form contract --format text
like "without the file: the built-in template" "ДОГОВОР ПОСТАВКИ № 1" "$out"

# --- files, bytes, encodings ------------------------------------------------
mkdir "$T/work"
cd "$T/work" || exit 1
run "$K" print "$INV1"
is "a PDF without -o: ./DOC.pdf, its name printed" "0 $INV1.pdf" "$rc $out"
ok "... a PDF" sh -c "head -c 5 '$INV1.pdf' | grep -q '%PDF-'"
run "$K" print "$SO1" --form invoice
is "another form than the default: ./DOC-FORM.pdf" "0 $SO1-invoice.pdf" "$rc $out"
run "$K" print "$INV1" -o "$T/again.pdf"
is "-o FILE" "0 " "$rc $out"
ok "the same revision twice: the same bytes" cmp -s "$INV1.pdf" "$T/again.pdf"
"$K" print "$INV1" --format text -o "$T/t1.txt"
"$K" print "$INV1" --format text -o - >"$T/t2.txt"
ok "... text, -o FILE and -o -" cmp -s "$T/t1.txt" "$T/t2.txt"
"$K" stop >/dev/null 2>&1
"$K" print "$INV1" -o "$T/restart.pdf"
ok "... and after the server restarted" cmp -s "$INV1.pdf" "$T/restart.pdf"
ok "... no trailing garbage in text" test "$(tail -c 1 "$T/t1.txt" | od -An -c | tr -d ' ')" = '\n'

"$K" print "$INV1" --format text --encoding cp866 >"$T/866.txt"
iconv -f cp866 -t utf-8 "$T/866.txt" >"$T/866.utf8"
is "cp866: decodes back" 0 $?
holds "... Cyrillic and ё" "Шайба плоская М8 ёлочная" "$T/866.utf8"
holds "... « » became \"" 'ООО "Ромашка", ИНН 7728168971' "$T/866.utf8"
holds "... № kept (cp866 has it)" "Счёт на оплату № 1" "$T/866.utf8"
holds "... the amount in words" "Одна тысяча двести рублей 00 копеек" "$T/866.utf8"
ok "... one byte a letter" test "$(wc -c <"$T/866.txt")" -lt "$(wc -c <"$T/t1.txt")"
run "$K" print "$INV1" --format text --encoding klingon
is "an unknown encoding: 64" 64 "$rc"
like "... named" "klingon" "$err"
run "$K" print "$INV1" --encoding cp866
is "--encoding of a PDF: 64" 64 "$rc"

# --- printing through lp ------------------------------------------------------
mkdir "$T/bin" "$T/nolp"
cat >"$T/bin/lp" <<EOF
#!/bin/sh
printf '%s\n' "\$*" >"$T/lp.args"
cat >"$T/lp.data"
case "\$2" in
nosuch) echo "lp: The printer or class does not exist." >&2; exit 1 ;;
esac
echo "request id is \$2-1 (1 file(s))"
EOF
chmod +x "$T/bin/lp"
run env PATH="$T/bin:$PATH" "$K" print "$INV1" --printer Office --copies 2
is "--printer: lp ran" 0 "$rc"
is "... as lp -d NAME -n N" "-d Office -n 2" "$(cat "$T/lp.args")"
ok "... the PDF on its standard input" cmp -s "$T/lp.data" "$INV1.pdf"
like "... said" "sent to Office (2 copies)" "$err"
run env PATH="$T/bin:$PATH" "$K" print "$INV1" --printer Office --format text --encoding cp866
ok "... text in cp866 too" cmp -s "$T/lp.data" "$T/866.txt"
run env PATH="$T/bin:$PATH" "$K" print "$INV1" --printer nosuch
is "lp refusing (an unknown printer): 69" 69 "$rc"
like "... lp's words and ours" "lp: The printer or class does not exist." "$err"
like "... " "cannot print on nosuch: lp failed (exit 1)" "$err"
run env PATH="$T/nolp" "$K" print "$INV1" --printer Office
is "no lp: 69" 69 "$rc"
like "... said plainly" "lp (CUPS, Debian's cups-client) is not installed" "$err"
run "$K" print "$INV1" --copies 2
is "--copies without --printer: 64" 64 "$rc"
run "$K" print "$INV1" --printer Office -o x.pdf
is "-o and --printer: 64" 64 "$rc"

# --- refusals -------------------------------------------------------------------
run "$K" print INV-1999-000042
is "an unknown document: 66" \
    "66 kontor: no document or customer numbered INV-1999-000042" "$rc $err"
run "$K" print MAIN
is "a record no form is made from: 64, said so" \
    "64 kontor: MAIN: no print form is made from warehouses" "$rc $err"
run "$K" print "$INV1" --form torn
is "an unknown form: 64" 64 "$rc"
like "... the forms listed" "unknown form 'torn' (forms: order, invoice, quote" "$err"
run "$K" print "$INV1" --form quote
is "a form not made from the document: 64" 64 "$rc"
like "... the forms it has" "the form quote is not made from" "$err"
like "... " "(forms for it: invoice)" "$err"
run "$K" print "$INV1" --format docx
is "an unknown format: 64" 64 "$rc"
run "$K" print
is "no document: usage, 64" 64 "$rc"
run "$K" print --help
like "--help" "usage: kontor print DOC [--form NAME]" "$out"
"$K" company --set account= 2>/dev/null
run "$K" print "$INV1" -o "$T/nobank.pdf"
is "no bank account: 65, and how to set one" \
    "65 kontor: $INV1: the company has no bank account to be paid to: kontor company --set account=CODE (an account with its bank, BIK and number)" \
    "$rc $err"
ok "... no file" test ! -e "$T/nobank.pdf"
run "$K" print "$SO1" --format text
is "... the order confirmation needs none" 0 "$rc"
"$K" company --set account=BANK 2>/dev/null

# --- PDF ----------------------------------------------------------------------
pdf_check() {	# NAME DOC FORM PAGES [NEEDLE...]
	name=$1 doc=$2 form=$3 pages=$4
	shift 4
	"$K" print "$doc" --form "$form" -o "$T/$name.pdf"
	pdftotext -layout "$T/$name.pdf" "$T/$name.pdf.txt"
	is "$name: PDF pages" "$pages" \
	    "$(pdfinfo "$T/$name.pdf" | awk '/^Pages:/ { print $2 }')"
	for s in "$@"; do
		holds "$name: PDF has $s" "$s" "$T/$name.pdf.txt"
	done
	pdftoppm -r 70 -png -f 1 -l 1 -singlefile "$T/$name.pdf" "$OUT/$name"
}
if [ $have_pdf = 1 ]; then
	pdf_check invoice "$INV1" invoice 1 "Счёт на оплату № 1 от $TODAY" \
	    "ООО «Ромашка», ИНН 7728168971, КПП 772801001" \
	    "ООО «Торговый дом», ИНН 7707083893, КПП 770701001" \
	    "Шайба плоская М8 ёлочная" "Болт М8×40 оцинкованный" \
	    "Гайка М8" "200,01" "1 200,00" "40702810938000000001" \
	    "Одна тысяча двести рублей 00 копеек"
	pdf_check order "$SO1" order 1 "Подтверждение заказа № 1 от 01.12.2026" \
	    "Шайба плоская М8 ёлочная" "200,01" \
	    "Одна тысяча двести рублей 00 копеек"
	pdf_check quote "$QT1" quote 1 "Коммерческое предложение № 1" \
	    "Консультация по подбору крепежа" "666,66" "5 499,96" \
	    "Пять тысяч четыреста девяносто девять рублей 96 копеек"
	pdf_check contract "$SO1" contract 2 "ДОГОВОР ПОСТАВКИ № 1" \
	    "Шайба плоская М8 ёлочная" "Одна тысяча двести рублей 00 копеек"
	pdf_check exempt "$SO2" invoice 1 "Без налога (НДС)" \
	    "Три тысячи рублей 00 копеек"
	ok "one PNG a form for a person to look at" test -s "$OUT/invoice.png" -a \
	    -s "$OUT/order.png" -a -s "$OUT/quote.png" -a -s "$OUT/contract.png"
else
	for i in $(seq 1 30); do
		skip "PDF check $i" "poppler-utils missing"
	done
fi

# --- who may print -----------------------------------------------------------------
U=kontorprn
G=kontorsock
if [ "$(id -u)" != 0 ] || ! command -v useradd >/dev/null ||
    ! command -v setpriv >/dev/null || case $KONTOR in /root/*) true ;;
    *) false ;; esac; then
	skip "a warehouse clerk may not print an invoice" "needs root, useradd and setpriv"
	skip "... but may print the order shipped against" "needs root, useradd and setpriv"
	done_testing
fi
getent group $G >/dev/null || groupadd $G 2>/dev/null || getent group $G >/dev/null
getent passwd $U >/dev/null || useradd -M -N -g $G -s /bin/sh $U 2>/dev/null ||
    getent passwd $U >/dev/null
uid=$(id -u $U)
gid=$(getent group $G | cut -d: -f3)
S=$(mktemp -d /tmp/ks.XXXXXX)
chmod 0711 "$S"
SOCK=$S/kontor.sock
EXTRA_CLEANUP='kill $srv 2>/dev/null; wait $srv 2>/dev/null; rm -rf "$S"'
"$K" stop >/dev/null 2>&1
"$K" --socket "$SOCK" serve --socket-group $G &
srv=$!
listens() { [ -S "$SOCK" ]; }
poll_until 10 listens
"$K" --socket "$SOCK" user add $U --role warehouse --name "Кладовщик" >/dev/null 2>&1
as_clerk() {
	run setpriv --reuid=$uid --regid=$gid --clear-groups env \
	    KONTOR_SOCKET="$SOCK" KONTOR_HOME="$KONTOR_HOME" \
	    KONTOR_CONF=/nonexistent "$@"
}
as_clerk "$K" print "$INV1" --format text
is "a warehouse clerk may not print an invoice" 77 "$rc"
as_clerk "$K" print "$SO1" --format text
is "... but may print the order shipped against" 0 "$rc"
done_testing
