#!/bin/sh
# A printed document's foot stays with its last line (sheet_keep_rest()):
# the totals, the amount in words and the signatures are never alone on a
# page.  For each form, documents of a growing number of lines are
# printed to PDF until one runs onto a second page; for every one of them
# (pdftotext, page by page) the last page holds a line of the table, the
# totals and the signatures, and every line is printed once.  The forms:
# the счёт (an invoice), the act (services), the ТОРГ-12 and the УПД
# (goods), the order and the quote.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 12
for p in pdftotext pdfinfo; do
	command -v $p >/dev/null || skip_all "no $p (poppler-utils)"
done
K="$KONTOR"
LANG=C.UTF-8
export LANG
unset LC_ALL LC_MESSAGES LANGUAGE
Y=$(date +%Y)
MAX=60

# --- the fixture ------------------------------------------------------------
"$K" init --company "ООО «Торговый дом»" >/dev/null 2>&1
"$K" company --set "full_name=ООО «Торговый дом»" --set inn=7707083893 \
    --set kpp=770701001 \
    --set "legal_address=125009, г. Москва, ул. Тверская, д. 7" \
    --set "director=Соколов Андрей Викторович" \
    --set "accountant=Ёлкина Ирина Петровна" --set vat_payer=yes \
    >/dev/null 2>&1
cat >"$T/a.csv" <<'CSV'
code,name,kind,bank,bik,corr_account,number
BANK,Расчётный счёт,bank,ПАО Сбербанк,044525225,30101810400000000225,40702810938000000001
CSV
"$K" import accounts "$T/a.csv" >/dev/null 2>&1
"$K" company --set account=BANK >/dev/null 2>&1
printf 'code,name\nMAIN,Основной склад\n' >"$T/wh.csv"
"$K" import warehouses "$T/wh.csv" >/dev/null 2>&1
printf 'code,name,kind,inn,kpp,address\nROMASHKA,ООО «Ромашка»,company,7728168971,772801001,"117342, г. Москва, ул. Бутлерова, д. 17"\n' \
    >"$T/c.csv"
"$K" import customers "$T/c.csv" >/dev/null 2>&1
{
	echo "sku,name,kind,unit,sale_price,vat"
	i=1; while [ $i -le $MAX ]; do
		echo "G$i,Шуруп №$i,goods,pcs,1.50,20"
		echo "S$i,Монтаж №$i,service,pcs,100.00,20"
		i=$((i + 1))
	done
} >"$T/p.csv"
"$K" import products "$T/p.csv" >/dev/null 2>&1
{
	echo "type,sku,warehouse,quantity,unit_cost"
	i=1; while [ $i -le $MAX ]; do
		echo "receipt,G$i,MAIN,10000,1"; i=$((i + 1))
	done
} >"$T/in.csv"
"$K" import stock-moves "$T/in.csv" >/dev/null 2>&1

# shipment PREFIX N: a posted shipment of N lines of PREFIX1..N (G goods,
# S services), its number on stdout.
shipment() {
	{ echo "order,customer,warehouse,sku,quantity"
	  i=1; while [ $i -le $2 ]; do
		echo "A,ROMASHKA,MAIN,$1$i,1"; i=$((i + 1)); done
	} >"$T/so.csv"
	_so=$("$K" import sales-orders "$T/so.csv" --post 2>/dev/null |
	    tail -1)
	"$K" ship "$_so" --post 2>/dev/null | tail -1
}
# invoice N: an invoice of N lines of goods, its number on stdout.
invoice() {
	_a=""; i=1; while [ $i -le $1 ]; do
		_a="$_a --line G$i:1"; i=$((i + 1)); done
	"$K" invoice --customer ROMASHKA $_a 2>/dev/null
}
pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }

# check NAME FORM FROM LINE TOTAL WORDS SIGN MAKE: documents of FROM to
# FROM + 11 lines made by MAKE (invoice, shipment G or shipment S), printed
# as FORM; LINE names a line ("Шуруп №"), TOTAL, WORDS and SIGN are words
# of the totals, of what follows them and of the signatures.  Three
# results: one ran onto a second page; on the last page of each a line,
# the totals, WORDS and the signatures; each line printed once.
check() {
	_name=$1 _form=$2 _from=$3 _line=$4 _tot=$5 _words=$6 _sign=$7
	shift 7
	_two=0 _bad="" _twice=""
	_n=$_from
	while [ $_n -le $((_from + 11)) ]; do
		_doc=$("$@" $_n)
		"$K" print "$_doc" --form "$_form" -o "$T/$_form.pdf" \
		    >/dev/null 2>&1
		_p=$(pages "$T/$_form.pdf")
		[ "${_p:-0}" -ge 2 ] && _two=$((_two + 1))
		_last=$(pdftotext -enc UTF-8 -f "$_p" -l "$_p" -layout \
		    "$T/$_form.pdf" - 2>/dev/null)
		for _w in "$_line" "$_tot" "$_words" "$_sign"; do
			case $_last in
			*"$_w"*) ;;
			*) _bad="$_bad $_n:$_w" ;;
			esac
		done
		_seen=$(pdftotext -enc UTF-8 -layout "$T/$_form.pdf" - |
		    grep -oE "$_line[0-9]+" | sort | uniq -c |
		    awk '$1 != 1' | wc -l)
		_all=$(pdftotext -enc UTF-8 -layout "$T/$_form.pdf" - |
		    grep -oE "$_line[0-9]+" | sort -u | wc -l)
		[ "$_seen" = 0 ] && [ "$_all" = "$_n" ] ||
		    _twice="$_twice $_n"
		_n=$((_n + 1))
	done
	ok "$_name: of $_from to $((_from + 11)) lines, some run onto a second page" \
	    test $_two -gt 0
	is "$_name: the last page holds a line, the totals, what follows and the signatures" \
	    "" "$_bad"
	is "$_name: every line printed, once" "" "$_twice"
}

check "счёт" invoice 30 "Шуруп №" "Итого:" "Всего наименований" \
    "Руководитель" invoice
check "act" act 30 "Монтаж №" "Всего (с учётом НДС):" \
    "Всего оказано услуг" "ИСПОЛНИТЕЛЬ" shipment S
check "ТОРГ-12" torg12 3 "Шуруп №" "Всего по накладной" \
    "Всего отпущено на сумму" "Отпуск груза разрешил" shipment G
check "УПД" upd 1 "Шуруп №" "Всего к оплате" "Товар (груз) получил" \
    "Руководитель организации" shipment G
done_testing
