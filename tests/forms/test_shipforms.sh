#!/bin/sh
# The shipment's and cash forms through kontor print, on a fresh home: a
# company that pays VAT, with its bank account and a cash desk; a customer
# with INN, KPP, address and another delivery address; goods in шт, кг and
# упак at 20 % and 10 %, an exempt product and a service; a shipment of
# goods (SHP 1), one of goods and a service (SHP 2), one of 25 lines
# (SHP 3), one of the exempt product (SHP 4); a cash payment and a bank
# one against SHP 1, an advance in cash, a payment out of the cash desk.
#
# For each form, the text (80 columns) and the PDF (pdftotext) hold the
# parties, every line, the totals and, where the form has it, the amount
# in words, exactly:
#   upd     status 1 (VAT) with the header rows (1)-(8), the payments of
#           row (5), the ОКЕИ codes, landscape A4 (pdfinfo); status 2 for
#           exempt lines and for a company that does not pay VAT; a
#           25-line УПД runs onto a second page with its head again;
#   torg12  ОКУД 0330212, the parties, «Всего отпущено на сумму» in words,
#           goods only (the service of SHP 2 stays out);
#   act     the service lines only, «Всего оказано услуг», the sentence;
#           a shipment of goods only is refused (65, naming it);
#   pko     50.01 / 62.01, VAT in the share paid, the receipt; an advance
#           credits 62.02 «без налога (НДС)»; a bank payment and a payment
#           out are refused (65, saying why).
# One page of each form goes to tests/forms/out/*.png (pdftoppm) for a
# person to look at.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 210
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
SHP1=$(n SHP 1) SHP2=$(n SHP 2) SHP3=$(n SHP 3) SHP4=$(n SHP 4)
PAY1=$(n PAY 1) PAY2=$(n PAY 2) PAY3=$(n PAY 3) PAY4=$(n PAY 4)
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
# flat DESC FIXED-STRING FILE: FILE's words, its lines joined, hold it
# (a party's line wrapped in its column).
flat() {
	if tr '\n' ' ' <"$3" | tr -s ' ' | grep -Fq -- "$2"; then pass "$1"
	else fail "$1" "no: $2" "in: $3"; fi
}
lacks() {
	if grep -Fq -- "$2" "$3"; then fail "$1" "there: $2" "in: $3"
	else pass "$1"; fi
}
narrow() {	# DESC FILE: 80 columns, no trailing space
	if [ "$(wc -L <"$2")" -le 80 ] && ! grep -q ' $' "$2"; then pass "$1"
	else fail "$1" "$(wc -L <"$2") columns" "in: $2"; fi
}
text() {	# NAME DOC FORM: the text form into $T/NAME.txt
	"$K" print "$2" --form "$3" --format text -o "$T/$1.txt"
	is "$1: the text form" 0 $?
}
pdf() {		# NAME DOC FORM: the PDF, its text and one PNG
	"$K" print "$2" --form "$3" -o "$T/$1.pdf"
	pdftotext -layout "$T/$1.pdf" "$T/$1.pdf.txt"
	pdftoppm -r 70 -png -f 1 -l 1 -singlefile "$T/$1.pdf" "$OUT/$1"
}
pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }

# --- the fixture ------------------------------------------------------------
run "$K" init --company "ООО «Торговый дом»"
is "init" 0 "$rc"
"$K" company --set "full_name=ООО «Торговый дом»" --set inn=7707083893 \
    --set kpp=770701001 \
    --set "legal_address=125009, г. Москва, ул. Тверская, д. 7" \
    --set "director=Соколов Андрей Викторович" \
    --set "accountant=Ёлкина Ирина Петровна" --set vat_payer=yes 2>/dev/null
"$K" user mod root --name "Петров Пётр Петрович" >/dev/null 2>&1
cat >"$T/a.csv" <<'CSV'
code,name,kind,bank,bik,corr_account,number
BANK,Расчётный счёт,bank,ПАО Сбербанк,044525225,30101810400000000225,40702810938000000001
CSV
"$K" import accounts "$T/a.csv" 2>/dev/null
run "$K" company --set account=BANK
is "the company: its details and its bank account" 0 "$rc"
printf 'code,name\nMAIN,Основной склад\n' >"$T/wh.csv"
"$K" import warehouses "$T/wh.csv" 2>/dev/null
cat >"$T/c.csv" <<'CSV'
code,name,kind,inn,kpp,address,terms_days
ROMASHKA,ООО «Ромашка»,company,7728168971,772801001,"117342, г. Москва, ул. Бутлерова, д. 17",10
LILIA,ИП Лилиева Анна Сергеевна,person,500100732259,,"г. Тверь, ул. Советская, д. 3",0
CSV
"$K" import customers "$T/c.csv" 2>/dev/null
printf 'code,name,inn\nSUP,ООО «Поставщик»,7708004767\n' >"$T/s.csv"
"$K" import suppliers "$T/s.csv" 2>/dev/null
{
	echo "sku,name,kind,unit,sale_price,vat"
	echo "B1,Болт М8×40 оцинкованный,goods,pcs,12.50,20"
	echo "N1,Гвозди строительные ёршевые,goods,kg,333.33,20"
	echo "W1,Перчатки рабочие,goods,pack,150.00,10"
	echo "E1,Брошюра «Учёт крепежа»,goods,pcs,250.00,exempt"
	echo "S1,Монтаж стеллажей,service,pcs,5000.00,20"
	for i in $(seq -w 1 25); do
		echo "G$i,Шуруп-саморез 4×$i,goods,pcs,1.$i,20"
	done
} >"$T/p.csv"
run "$K" import products "$T/p.csv"
is "products: шт, кг, упак, exempt, a service, 25 more" 0 "$rc"
# The goods are received; the service is not kept in stock.
{
	echo "type,sku,warehouse,quantity,unit_cost"
	for s in B1 N1 W1 E1; do echo "receipt,$s,MAIN,200,1"; done
	for i in $(seq -w 1 25); do echo "receipt,G$i,MAIN,100,1"; done
} >"$T/in.csv"
run "$K" import stock-moves "$T/in.csv"
is "the goods received" 0 "$rc"
{
	echo "order,customer,warehouse,sku,quantity,delivery_address"
	to='"115054, г. Москва, ул. Складская, д. 5"'
	echo "A,ROMASHKA,MAIN,B1,100,$to"
	echo "A,ROMASHKA,MAIN,N1,2.5,$to"
	echo "A,ROMASHKA,MAIN,W1,3,$to"
	echo "B,ROMASHKA,MAIN,B1,10,"
	echo "B,ROMASHKA,MAIN,S1,1,"
	for i in $(seq -w 1 25); do echo "C,ROMASHKA,MAIN,G$i,$i,"; done
	echo "D,ROMASHKA,MAIN,E1,4,"
} >"$T/so.csv"
run "$K" import sales-orders "$T/so.csv" --post
is "four orders, confirmed" 0 "$rc"
for o in 1 2 3 4; do
	"$K" ship "$(n SO $o)" >/dev/null 2>&1
	"$K" post "$(n SHP $o)" >/dev/null 2>&1
done
is "four shipments posted" "posted posted posted posted" \
    "$("$K" export shipments --raw | tr -d '\r' | awk -F, 'NR > 1 { printf "%s%s", s, $7; s = " " }')"
run "$K" pay "$SHP1" --amount 500 --account CASH
is "a cash payment against SHP 1" "0 $PAY1" "$rc $out"
run "$K" pay "$SHP1" --amount 100 --account BANK --bank-number 77
is "a bank payment against SHP 1, the bank's number 77" "0 $PAY2" "$rc $out"
run "$K" pay SUP --amount 50 --account CASH --out
is "a payment out of the cash desk" "0 $PAY3" "$rc $out"

# --- УПД, status 1 ------------------------------------------------------------
text upd "$SHP1" upd
F=$T/upd.txt
has "upd: the status" "Статус: 1 \(счёт-фактура и передаточный документ \(акт\)\)" "$F"
has "upd: (1) number and date" "Счёт-фактура № +1 от $TODAY +\(1\)" "$F"
has "upd: (2) the seller" "Продавец: +ООО «Торговый дом» +\(2\)" "$F"
has "upd: (2а) its address" "Адрес: +125009, г\. Москва, ул\. Тверская, д\. 7 +\(2а\)" "$F"
has "upd: (2б) INN/KPP" "ИНН/КПП продавца: +7707083893/770701001 +\(2б\)" "$F"
has "upd: (3) the shipper" "Грузоотправитель и его адрес: +он же +\(3\)" "$F"
has "upd: (4) the consignee at the order's delivery address" \
    "Грузополучатель и его адрес: +ООО «Ромашка», 115054, г\. Москва, ул\. +\(4\)" "$F"
has "upd: (5) the payments, by the bank's number or ours" \
    "К платёжно-расчётному +№ 1 от $TODAY, № 77 от $TODAY +\(5\)" "$F"
has "upd: (5а) the shipping document" "Документ об отгрузке +№ п/п 1–3 № 1 от $TODAY +\(5а\)" "$F"
has "upd: (6) the buyer" "Покупатель: +ООО «Ромашка» +\(6\)" "$F"
has "upd: (6а) its own address" "Адрес: +117342, г\. Москва, ул\. Бутлерова, д\. 17 +\(6а\)" "$F"
has "upd: (6б) INN/KPP" "ИНН/КПП покупателя: +7728168971/772801001 +\(6б\)" "$F"
has "upd: (7) the currency" "Валюта: наименование, код +Российский рубль, 643 +\(7\)" "$F"
holds "upd: (8) the contract's id, blank" "(8)" "$F"
has "upd: line 1, шт" "Болт М8×40 оцинкованный +шт +100 +12,50 +1 250,00 20% +250,00 +1 500,00" "$F"
has "upd: line 2, кг and ё" "Гвозди строительные ёршевые +кг +2,5 +333,33 +833,33 20% +166,67 +1 000,00" "$F"
has "upd: line 3, упак at 10%" "Перчатки рабочие +упак +3 +150,00 +450,00 10% +45,00 +495,00" "$F"
has "upd: the totals of 5, 8, 9" " +Всего к оплате: +2 533,33 +461,67 +2 995,00" "$F"
has "upd: [8] the order" "Основание передачи \(сдачи\) / получения \(приёмки\): Заказ покупателя № 1 от" "$F"
has "upd: the head" "Руководитель организации +______________ +Соколов А\. В\." "$F"
has "upd: the chief accountant" "Главный бухгалтер +______________ +Ёлкина И\. П\." "$F"
has "upd: [10] who handed over: who posted it" " +______________ ______________ +Петров П\. П\." "$F"
holds "upd: [11] the date" "Дата отгрузки, передачи (сдачи): «$(date +%d)»" "$F"
holds "upd: [15] the buyer signs" "Товар (груз) получил / услуги, результаты работ, права принял [15]" "$F"
flat "upd: [14] the seller's name" "составителя документа (в т. ч. комиссионера / агента): ООО «Торговый дом», ИНН/КПП 7707083893/770701001 [14]" "$F"
flat "upd: [19] the buyer's name" "составителя документа: ООО «Ромашка», ИНН/КПП 7728168971/772801001 [19]" "$F"
narrow "upd: 80 columns" "$F"

if [ $have_pdf = 1 ]; then
	pdf upd "$SHP1" upd
	F=$T/upd.pdf.txt
	is "upd PDF: one page" 1 "$(pages "$T/upd.pdf")"
	like "upd PDF: landscape A4" "841.89 x 595.276 pts (A4)" \
	    "$(pdfinfo "$T/upd.pdf" | grep 'Page size')"
	for s in "Статус: 1" "Счёт-фактура №" "1 от $TODAY" \
	    "ООО «Торговый дом»" "7707083893/770701001" "он же" \
	    "ООО «Ромашка», 115054, г. Москва, ул. Складская, д. 5" \
	    "№ 1 от $TODAY, № 77 от $TODAY" "7728168971/772801001" \
	    "Российский рубль, 643" "Болт М8×40 оцинкованный" \
	    "Гвозди строительные ёршевые" "Перчатки рабочие" \
	    "Всего к оплате (9)" "2 533,33" "461,67" "2 995,00" \
	    "Соколов А. В." "Ёлкина И. П." "Петров П. П."; do
		holds "upd PDF: $s" "$s" "$F"
	done
	has "upd PDF: line 1 in its columns: code, ОКЕИ 796, excise" \
	    " *1 B1 +Болт М8×40 оцинкованный +-- +796 +шт +100 +12,50 +1 250,00 +без акциза +20% +250,00 +1 500,00 +-- +-- +--" "$F"
	has "upd PDF: кг is 166" " *2 N1 +Гвозди строительные ёршевые +-- +166 +кг +2,5 .*" "$F"
	has "upd PDF: упак is 778" " *3 W1 +Перчатки рабочие +-- +778 +упак +3 .*" "$F"
else
	for i in $(seq 1 25); do skip "upd PDF $i" "poppler-utils missing"; done
fi

# --- УПД of goods and a service; status 2 ----------------------------------------
text upd2 "$SHP2" upd
has "upd of goods and a service: the service's line" \
    "Монтаж стеллажей +шт +1 +5 000,00 +5 000,00 20% +1 000,00 +6 000,00" "$T/upd2.txt"
has "... the totals" " +Всего к оплате: +5 125,00 +1 025,00 +6 150,00" "$T/upd2.txt"
text upde "$SHP4" upd
F=$T/upde.txt
has "exempt lines: status 2" "Статус: 2 \(передаточный документ \(акт\)\)" "$F"
has "... без НДС in the line" "Брошюра «Учёт крепежа» +шт +4 +250,00 +1 000,00 без НДС без НДС +1 000,00" "$F"
has "... and in the totals" " +Всего к оплате: +1 000,00 +без НДС +1 000,00" "$F"
if [ $have_pdf = 1 ]; then
	pdf upd-service "$SHP2" upd
	has "a service's line: no ОКЕИ code (--)" \
	    " *2 S1 +Монтаж стеллажей +-- +-- +шт +1 .*" "$T/upd-service.pdf.txt"
else
	skip "a service's line: no ОКЕИ code (--)" "poppler-utils missing"
fi
"$K" company --set vat_payer=no 2>/dev/null
text updn "$SHP2" upd
has "a company that does not pay VAT: status 2" "Статус: 2 \(передаточный документ \(акт\)\)" "$T/updn.txt"
if [ $have_pdf = 1 ]; then
	pdf upd-status2 "$SHP4" upd
	holds "status 2 PDF: the status" "Статус: 2" "$T/upd-status2.pdf.txt"
	has "status 2 PDF: the exempt line" \
	    " *1 E1 +Брошюра «Учёт крепежа» +-- +796 +шт +4 +250,00 +1 000,00 +без акциза +без НДС +без НДС +1 000,00 +-- +-- +--" \
	    "$T/upd-status2.pdf.txt"
else
	for i in 1 2; do skip "status 2 PDF $i" "poppler-utils missing"; done
fi
"$K" company --set vat_payer=yes 2>/dev/null

# --- a УПД of 25 lines: two pages, the head again ----------------------------------
text upd25 "$SHP3" upd
has "25 lines: the first" "Шуруп-саморез 4×01 +шт +1 +1,01 +1,01 20% +0,20 +1,21" "$T/upd25.txt"
has "... the last" "Шуруп-саморез 4×25 +шт +25 +1,25 +31,25 20% +6,25 +37,50" "$T/upd25.txt"
if [ $have_pdf = 1 ]; then
	"$K" print "$SHP3" -o "$T/upd25.pdf"
	is "25 lines: two pages" 2 "$(pages "$T/upd25.pdf")"
	pdftotext -layout -f 1 -l 1 "$T/upd25.pdf" "$T/p1.txt"
	pdftotext -layout -f 2 -l 2 "$T/upd25.pdf" "$T/p2.txt"
	holds "... page 1 has the header" "Грузополучатель и его адрес:" "$T/p1.txt"
	holds "... page 2 has the lines' head again" "Наименование товара (описание" "$T/p2.txt"
	holds "... and their numbers' head" "Количество" "$T/p2.txt"
	is "... every line once, over both" 25 "$(cat "$T/p1.txt" "$T/p2.txt" |
	    grep -o 'Шуруп-саморез 4×[0-9][0-9]' | sort -u | wc -l)"
	holds "... the totals on the last page" "Всего к оплате (9)" "$T/p2.txt"
	holds "... numbered" "Страница 2 из 2" "$T/p2.txt"
	lacks "... the header once" "Грузополучатель и его адрес:" "$T/p2.txt"
else
	for i in $(seq 1 8); do skip "25 lines PDF $i" "poppler-utils missing"; done
fi

# --- ТОРГ-12 -------------------------------------------------------------------------
text torg12 "$SHP1" torg12
F=$T/torg12.txt
holds "torg12: the form" "Унифицированная форма № ТОРГ-12" "$F"
flat "torg12: the shipper with its bank" "Грузоотправитель ООО «Торговый дом», ИНН 7707083893, КПП 770701001, 125009, г. Москва, ул. Тверская, д. 7, р/с 40702810938000000001 в ПАО Сбербанк, БИК 044525225, к/с 30101810400000000225" "$F"
has "torg12: its warehouse" "Структурное +Основной склад" "$F"
flat "torg12: the consignee at the delivery address" "Грузополучатель ООО «Ромашка», ИНН 7728168971, КПП 772801001, 115054, г. Москва, ул. Складская, д. 5" "$F"
flat "torg12: the supplier" "Поставщик ООО «Торговый дом», ИНН 7707083893, КПП 770701001, 125009, г. Москва, ул. Тверская, д. 7, р/с 40702810938000000001 в ПАО Сбербанк, БИК 044525225, к/с 30101810400000000225" "$F"
flat "torg12: the payer" "Плательщик ООО «Ромашка», ИНН 7728168971, КПП 772801001, 117342, г. Москва, ул. Бутлерова, д. 17" "$F"
has "torg12: the basis" "Основание +Заказ покупателя № 1 от $TODAY" "$F"
has "torg12: number and date" " +ТОВАРНАЯ НАКЛАДНАЯ +1 +$TODAY" "$F"
has "torg12: line 1" "1 Болт М8×40 оцинкованный +шт +100 +12,50 +1 250,00 20% +250,00 +1 500,00" "$F"
has "torg12: line 2" "2 Гвозди строительные +кг +2,5 +333,33 +833,33 20% +166,67 +1 000,00" "$F"
has "... its name's end on the next" "  ёршевые" "$F"
has "torg12: line 3" "3 Перчатки рабочие +упак +3 +150,00 +450,00 10% +45,00 +495,00" "$F"
has "torg12: the totals" " +Всего по накладной: +2 533,33 +461,67 +2 995,00" "$F"
flat "torg12: the count in words" "содержит три порядковых номера записей" "$F"
has "torg12: the sum in words" "Всего отпущено на сумму: Две тысячи девятьсот девяносто пять рублей 00 копеек" "$F"
has "torg12: allowed by the head" "Отпуск груза разрешил +Руководитель +______________ +Соколов А\. В\." "$F"
holds "torg12: the chief accountant" "Ёлкина И. П." "$F"
has "torg12: released by" "Отпуск груза произвел +______________ ______________ +Петров П\. П\." "$F"
holds "torg12: received" "Груз принял" "$F"
holds "torg12: the consignee signs" "Груз получил" "$F"
holds "torg12: the power of attorney" "По доверенности № __________ от «___» ____________ 20___ г.," "$F"
narrow "torg12: 80 columns" "$F"
text torg12b "$SHP2" torg12
holds "torg12 of goods and a service: the goods" "Болт М8×40 оцинкованный" "$T/torg12b.txt"
lacks "... not the service" "Монтаж" "$T/torg12b.txt"
has "... its totals" " +Всего по накладной: +125,00 +25,00 +150,00" "$T/torg12b.txt"
if [ $have_pdf = 1 ]; then
	pdf torg12 "$SHP1" torg12
	F=$T/torg12.pdf.txt
	is "torg12 PDF: one page" 1 "$(pages "$T/torg12.pdf")"
	for s in "0330212" "ТОВАРНАЯ НАКЛАДНАЯ" "ООО «Торговый дом», ИНН 7707083893" \
	    "ООО «Ромашка», ИНН 7728168971" "Болт М8×40 оцинкованный" \
	    "Гвозди строительные ёршевые" "Перчатки рабочие" \
	    "Всего по накладной" "2 533,33" "461,67" "2 995,00" \
	    "Две тысячи девятьсот девяносто пять рублей 00 копеек"; do
		holds "torg12 PDF: $s" "$s" "$F"
	done
	has "torg12 PDF: line 2 with its ОКЕИ code" \
	    " *2 Гвозди строительные ёршевые +N1 +кг +166 +2,5 +333,33 +833,33 +20% +166,67 +1 000,00" "$F"
else
	for i in $(seq 1 14); do skip "torg12 PDF $i" "poppler-utils missing"; done
fi

# --- the act ------------------------------------------------------------------------
text act "$SHP2" act
F=$T/act.txt
has "act: number and date" "Акт № 2 от $TODAY" "$F"
flat "act: the doer with its bank" "Исполнитель: ООО «Торговый дом», ИНН 7707083893, КПП 770701001, 125009, г. Москва, ул. Тверская, д. 7, р/с 40702810938000000001 в ПАО Сбербанк, БИК 044525225, к/с 30101810400000000225" "$F"
flat "act: the customer" "Заказчик: ООО «Ромашка», ИНН 7728168971, КПП 772801001, 117342, г. Москва, ул. Бутлерова, д. 17" "$F"
has "act: the basis" "Основание: +Заказ покупателя № 2 от $TODAY" "$F"
has "act: the head of its lines" "\| № \| +Наименование работ, услуг +\| Кол-во \| Ед\. \| +Цена +\| +Сумма +\|" "$F"
has "act: the service" "\| 1 \| Монтаж стеллажей +\| +1 \| шт +\| 5 000,00 \| 5 000,00 \|" "$F"
lacks "act: not the goods" "Болт" "$F"
has "act: Итого" " +Итого: 5 000,00" "$F"
has "act: the VAT" " +НДС 20%: 1 000,00" "$F"
has "act: the total" " +Всего \(с учётом НДС\): 6 000,00" "$F"
has "act: how many, how much" "Всего оказано услуг 1, на сумму 6 000,00 руб\." "$F"
has "act: in words" "Шесть тысяч рублей 00 копеек" "$F"
flat "act: the sentence" "Вышеперечисленные услуги выполнены полностью и в срок. Заказчик претензий по объему, качеству и срокам оказания услуг не имеет." "$F"
has "act: the doer signs" "Руководитель ______________ +Соколов А\. В\." "$F"
holds "act: the customer signs" "ЗАКАЗЧИК" "$F"
narrow "act: 80 columns" "$F"
run "$K" print "$SHP1" --form act --format text
is "act of goods only: refused, naming the shipment" \
    "65 kontor: $SHP1 has no service lines: an act is made of works and services (products of kind service), and its lines are all goods; print its УПД or ТОРГ-12: kontor print $SHP1 --form upd" \
    "$rc $err"
if [ $have_pdf = 1 ]; then
	pdf act "$SHP2" act
	F=$T/act.pdf.txt
	is "act PDF: one page" 1 "$(pages "$T/act.pdf")"
	for s in "Акт № 2 от $TODAY" "ООО «Торговый дом», ИНН 7707083893" \
	    "ООО «Ромашка», ИНН 7728168971" "Монтаж стеллажей" "5 000,00" \
	    "1 000,00" "6 000,00" "Всего оказано услуг 1, на сумму 6 000,00 руб." \
	    "Шесть тысяч рублей 00 копеек" "Соколов А. В."; do
		holds "act PDF: $s" "$s" "$F"
	done
	lacks "act PDF: not the goods" "Болт" "$F"
else
	for i in $(seq 1 12); do skip "act PDF $i" "poppler-utils missing"; done
fi

# --- ПКО ------------------------------------------------------------------------
text pko "$PAY1" pko
F=$T/pko.txt
holds "pko: the form" "Унифицированная форма № КО-1" "$F"
has "pko: ОКУД" " +Форма по ОКУД +0310001" "$F"
has "pko: the organisation" "ООО «Торговый дом»" "$F"
has "pko: number and date" " +ПРИХОДНЫЙ КАССОВЫЙ ОРДЕР +1 +$TODAY" "$F"
has "pko: debit, credit, the sum" "\| +50\.01 +\| +62\.01 +\| +500,00 \|" "$F"
has "pko: from whom" "Принято от: +ООО «Ромашка»" "$F"
has "pko: the basis: the document paid" "Основание: +Оплата по отгрузке № 1 от $TODAY" "$F"
has "pko: the sum in words" "Сумма: +Пятьсот рублей 00 копеек" "$F"
# 500 of 2 995,00: 416,67 x 500 / 2 995 = 69,56; 45,00 x 500 / 2 995 = 7,51
has "pko: the VAT in the share paid, by rate" \
    "В том числе: НДС 20% 69,56 руб\., НДС 10% 7,51 руб\." "$F"
has "pko: the chief accountant" "Главный бухгалтер ______________ +Ёлкина И\. П\." "$F"
has "pko: the cashier: who posted it" "Получил кассир +______________ +Петров П\. П\." "$F"
holds "pko: the cutting line" "линия отреза" "$F"
has "pko: the receipt" " +КВИТАНЦИЯ" "$F"
has "... of this order" " +к приходному кассовому ордеру № 1" "$F"
has "... the sum in figures" "Сумма: +500 руб\. 00 коп\." "$F"
has "... in words" " +Пятьсот рублей 00 копеек" "$F"
has "... the cashier signs it" "Кассир +______________ +Петров П\. П\." "$F"
narrow "pko: 80 columns" "$F"
run "$K" pay LILIA --amount 300 --account CASH
is "an advance in cash from a customer who owes nothing" "0 $PAY4" "$rc $out"
"$K" print "$PAY4" --format text -o "$T/pko4.txt"
has "pko of an advance: credit 62.02" "\| +50\.01 +\| +62\.02 +\| +300,00 \|" "$T/pko4.txt"
has "... from her" "Принято от: +ИП Лилиева Анна Сергеевна" "$T/pko4.txt"
has "... basis: what it is" "Основание: +Оплата от покупателя" "$T/pko4.txt"
has "... no document, no VAT" "В том числе: без налога \(НДС\)" "$T/pko4.txt"
run "$K" print "$PAY2" --format text
is "pko of a bank payment: refused" \
    "65 kontor: $PAY2 came into BANK, a bank account: a cash receipt order (ПКО) is made of money into a cash desk" \
    "$rc $err"
run "$K" print "$PAY3" --format text
is "pko of a payment out: refused" \
    "65 kontor: $PAY3 is a payment out: a cash receipt order (ПКО) is made of money coming in" \
    "$rc $err"
if [ $have_pdf = 1 ]; then
	pdf pko "$PAY1" pko
	F=$T/pko.pdf.txt
	is "pko PDF: one page" 1 "$(pages "$T/pko.pdf")"
	for s in "0310001" "ПРИХОДНЫЙ КАССОВЫЙ ОРДЕР" "ООО «Торговый дом»" \
	    "ООО «Ромашка»" "50.01" "62.01" "500,00" \
	    "Оплата по отгрузке № 1 от $TODAY" "Пятьсот рублей 00 копеек" \
	    "НДС 20% 69,56 руб., НДС 10% 7,51 руб." "КВИТАНЦИЯ" \
	    "500 руб. 00 коп." "Ёлкина И. П." "Петров П. П."; do
		holds "pko PDF: $s" "$s" "$F"
	done
else
	for i in $(seq 1 15); do skip "pko PDF $i" "poppler-utils missing"; done
fi

# --- the same bytes, and the default forms -----------------------------------------
"$K" print "$SHP1" -o "$T/again.pdf"
if [ $have_pdf = 1 ]; then
	ok "a УПД printed twice: the same bytes" cmp -s "$T/upd.pdf" "$T/again.pdf"
else
	skip "a УПД printed twice: the same bytes" "poppler-utils missing"
fi
mkdir "$T/work" && cd "$T/work" || exit 1
run "$K" print "$SHP1"
is "a shipment prints its УПД by default" "0 $SHP1.pdf" "$rc $out"
run "$K" print "$PAY1"
is "a payment its ПКО" "0 $PAY1.pdf" "$rc $out"

# --- a draft shipment is no transfer document: refused, nothing written ---------
printf 'order,customer,warehouse,sku,quantity\nE,ROMASHKA,MAIN,B1,1\n' \
    >"$T/so5.csv"
"$K" import sales-orders "$T/so5.csv" --post >/dev/null 2>&1
"$K" ship "$(n SO 5)" >/dev/null 2>&1
SHP5=$(n SHP 5)
for f in upd torg12 act; do
	run "$K" print "$SHP5" --form $f --format text
	is "a draft's $f: exit 65, naming it" \
	    "65 kontor: $SHP5 is a draft: this form is printed once it is posted" \
	    "$rc $err"
done
run "$K" print "$SHP5"
is "... nor by default, and no file left" "65 no" \
    "$rc $([ -e "$SHP5.pdf" ] && echo yes || echo no)"
"$K" post "$SHP5" >/dev/null 2>&1
run "$K" print "$SHP5"
is "posted, it prints" "0 $SHP5.pdf" "$rc $out"

# --- a ПКО of money that settles a shipment and leaves an advance ----------------
# ROMASHKA owes for its shipments; that and 1 000,00 more comes in cash:
# a row 62.01 for what settles them, a row 62.02 for the advance.
due=$("$K" balance ROMASHKA --format csv | tr -d '\r' |
    awk -F, 'NR == 2 { print $4 }')
ok "ROMASHKA owes for its shipments" awk -v d="$due" 'BEGIN { exit !(d > 0) }'
run "$K" pay "$SHP5" --amount "$(awk -v d="$due" 'BEGIN { printf "%.2f", d + 1000 }')" \
    --account CASH
is "paid in cash, 1 000,00 over what is owed" "0 $(n PAY 5)" "$rc $out"
"$K" print "$(n PAY 5)" --format text -o "$T/pko5.txt"
# as the form writes it: 2 410,00
duef=$(awk -v d="$due" 'BEGIN { s = sprintf("%.2f", d); i = index(s, ".")
	w = substr(s, 1, i - 1); f = substr(s, i + 1)
	while (length(w) > 3) { g = " " substr(w, length(w) - 2) g
		w = substr(w, 1, length(w) - 3) }
	print w g "," f }')
has "pko: 62.01 for what settles the shipment" \
    "\| +50\.01 +\| +62\.01 +\| +$duef \|" "$T/pko5.txt"
has "... 62.02 for the advance" "\| +50\.01 +\| +62\.02 +\| +1 000,00 \|" \
    "$T/pko5.txt"
narrow "... 80 columns" "$T/pko5.txt"
done_testing
