#!/bin/sh
# A firm's data as 1C exports it (tests/data/1c: cp1251, CRLF, ';'):
# customers with amounts grouped by no-break spaces and "руб."; products
# with 1C's units (шт., кг, упак, усл. ед, ч ...) and VAT words (НДС 20%,
# 22 %, Без НДС, НДС не облагается); a stock receipt; sales orders dated
# "05.12.2026 0:00:00", "2026-12-05T00:00:00", "04.12.2026 17:45".  Each
# is imported with --encoding cp1251 and read back with kontor export:
# kontor's units, rates, kopecks and ISO dates.  Refused, naming the file,
# line, column and reason, with nothing saved: an impossible date, an
# unknown unit (the units there are listed), a calculated rate (20/120);
# a negative quantity is read as a number and refused by the rule it
# breaks.  kontor check passes.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 27
K="$KONTOR"
D="$KONTOR_SRCDIR/tests/data/1c"

# cp1251 FILE: standard input (UTF-8) written to FILE as 1C writes it.
cp1251() { sed 's/$/\r/' | iconv -f UTF-8 -t CP1251 >"$1"; }
# cols ENTITY COLUMNS...: those columns of kontor export, comma-separated
# (a quoted cell kept as written, its commas too).
cols() {
	e=$1
	shift
	"$K" export "$e" --raw 2>/dev/null | tr -d '\r' | awk -v c="$*" '
	    { t = ""; q = 0
		for (i = 1; i <= length($0); i++) { ch = substr($0, i, 1)
		    if (ch == "\"") q = !q
		    else if (ch == "," && q) ch = "\001"
		    t = t ch }
		nf = split(t, f, ",") }
	    NR == 1 { n = split(c, want, " ")
		for (i = 1; i <= nf; i++) h[f[i]] = i; next }
	    { s = ""; for (i = 1; i <= n; i++) s = s (i > 1 ? "," : "") \
		f[h[want[i]]]; gsub(/\001/, ",", s); print s }'
}
count() { "$K" export "$1" --raw 2>/dev/null | tr -d '\r' | sed 1d | wc -l |
    tr -d ' '; }
onhand() { "$K" stock "$1" --format csv 2>/dev/null | tr -d '\r' |
    awk -F, '$1 == "MAIN" { print $3 }'; }

run "$K" init --company "ООО «Ромашка»"
is "init" 0 "$rc"
printf 'code,name\nMAIN,Основной склад\n' >"$T/wh.csv"
"$K" import warehouses "$T/wh.csv" >/dev/null 2>&1

# --- customers: 1 500 000,00 руб. with no-break spaces (cp1251 0xA0) --------
run "$K" import customers "$D/customers.csv" --encoding cp1251
is "customers imported" 0 "$rc"
is "... amounts as kopecks, a discount with a comma" \
"00-000001,\"ООО \"\"Ромашка\"\"\",2.5,1500000.00
00-000002,\"АО \"\"Вектор\"\"\",0,250000.00
00-000003,ИП Петров Пётр Петрович,,123456.78" \
    "$(cols customers code name discount credit_limit)"

# --- products: 1C's units and VAT words ---------------------------------
run "$K" import products "$D/products.csv" --encoding cp1251
is "products imported" 0 "$rc"
is "... kontor's units, rates and prices" \
"00-0001,pcs,20,4.50,7.20
00-0002,kg,20,8.00,12.50
00-0003,l,22,310.00,1234.56
00-0004,m2,22,180.00,245.00
00-0005,m3,10,900.00,1450.00
00-0006,m,20,55.00,78.90
00-0007,pair,20,20.00,35.00
00-0008,set,20,800.00,1200.00
00-0009,pack,20,150.00,240.00
00-0010,pack,20,90.00,130.00
00-0011,t,20,52000.00,61500.00
00-0012,g,20,0.50,0.90
00-0013,unit,exempt,,2500.00
00-0014,h,exempt,,1800.00
00-0015,pcs,10,,450.00
00-0016,pcs,0,,300.00
00-0017,pcs,5,,95.00
00-0018,pcs,7,,60.00" \
    "$(cols products sku unit vat purchase_price sale_price)"
is "... counted whole: pieces, pairs, sets, packs, conventional units" \
    "0,3,0,0,0,3" \
    "$(cols products decimals | sed -n '1p;2p;7p;8p;13p;14p' | paste -sd, -)"

# --- a stock receipt: "1 000", "2 500,5", "52 000,00 руб." ---------------
run "$K" import stock-moves "$D/receipt.csv" --encoding cp1251
is "the receipt posted" 0 "$rc"
is "... 2 500,5 kg of cement" "2500.5" "$(onhand 00-0002)"
is "... 1,250 t of rebar" "1.25" "$(onhand 00-0011)"
is "... at 52 000,00 руб. a tonne" "52000.00" \
    "$(cols stock_lines product unit_cost | awk -F, '$1 == "00-0011" {
    print $2 }')"

# --- sales orders dated as 1C dates them --------------------------------
run "$K" import sales-orders "$D/orders.csv" --encoding cp1251 --post
is "the orders imported and confirmed" 0 "$rc"
is "... each order on its day, whatever the time" \
"SO-2026-000001,00-000001,2026-12-05,2026-12-07
SO-2026-000002,00-000002,2026-12-05,2026-12-08
SO-2026-000003,00-000003,2026-12-04,2026-12-08" \
    "$(cols sales_orders code customer date ship_date)"
is "... the lines' quantities, prices and rates" \
"SO-2026-000001,00-0001,1000,7.20,20
SO-2026-000001,00-0003,12,1234.56,22
SO-2026-000002,00-0002,1200.5,12.50,20
SO-2026-000002,00-0013,1,2500.00,exempt
SO-2026-000003,00-0011,0.75,61500.00,20
SO-2026-000003,00-0007,1000,35.00,20" \
    "$(cols so_lines order product qty price vat)"

# --- refused: the file, the line, the column, the reason; nothing saved ---
cp1251 "$T/date.csv" <<'CSV'
order;customer;date;warehouse;sku;quantity;price
ЗК-9;00-000002;05.12.2026 0:00:00;MAIN;00-0001;1;7,20
ЗК-9;00-000002;31.02.2026 0:00:00;MAIN;00-0002;1;12,50
CSV
run "$K" import sales-orders "$T/date.csv" --encoding cp1251 --post
is "31.02.2026: exit 65" 65 "$rc"
is "... its line, column and why" \
    "$T/date.csv:3: column 'date': no such day in the calendar, got \"31.02.2026 0:00:00\"" \
    "$err"
run "$K" --lang ru import sales-orders "$T/date.csv" --encoding cp1251
like "... in Russian" "$T/date.csv:3: колонка 'date': такого дня нет в календаре: \"31.02.2026 0:00:00\"" \
    "$err"
is "... no order saved" 3 "$(count sales_orders)"

cp1251 "$T/unit.csv" <<'CSV'
sku;name;kind;unit;sale_price;vat
00-0101;Болт М10;goods;шт.;9,00;НДС 20%
00-0102;Вода питьевая;goods;бут.;45,00;НДС 20%
CSV
run "$K" import products "$T/unit.csv" --encoding cp1251
is "an unknown unit: exit 65" 65 "$rc"
is "... the value named, the units listed" \
    "$T/unit.csv:3: column 'unit': one of pcs, kg, g, t, m, m2, m3, l, set, pack, box, pair, h, unit expected, got \"бут.\"" \
    "$err"
is "... no product saved" 18 "$(count products)"

cp1251 "$T/vat.csv" <<'CSV'
sku;name;kind;unit;sale_price;vat
00-0103;Аванс;service;усл. ед;1 000,00;20/120
CSV
run "$K" import products "$T/vat.csv" --encoding cp1251
is "a calculated rate: exit 65" 65 "$rc"
is "... refused with the rate to write" \
    "$T/vat.csv:2: column 'vat': one of 22, 20, 10, 7, 5, 0, exempt expected, got \"20/120\": a calculated rate, which 1C writes on advances and kontor does not keep; write 20" \
    "$err"
is "... no product saved" 18 "$(count products)"

# A negative quantity is a number (-1 234,56), refused by the rule.
cp1251 "$T/neg.csv" <<'CSV'
type;sku;warehouse;quantity;unit_cost
receipt;00-0001;MAIN;-1 234,56;4,50
CSV
run "$K" import stock-moves "$T/neg.csv" --encoding cp1251
is "a negative receipt: exit 65" 65 "$rc"
is "... read as the number it is" \
    "$T/neg.csv:2: 00-0001: quantity -1 234,56: more than 0 expected" "$err"
is "... nothing moved" "1000" "$(onhand 00-0001)"

run "$K" check
is "kontor check passes" 0 "$rc"
done_testing
