#!/bin/sh
# A standalone invoice on the command line: kontor invoice --customer
# CODE|INN --line SKU:QTY[:PRICE] ... [--date] [--due]: its number on
# stdout, its lines priced as an order's (the customer's price list, else
# the product's sale price; a price typed kept), each with its product's
# VAT, due after the customer's terms unless --due says; a payment
# applied to it; refusals naming the option (exit 64, 65) that make
# nothing; kontor invoice SO-... as before.  Then a purchase order
# prepaid by its total with VAT (what its receipt will make the firm
# owe): accepted, a kopeck more refused; the receipt takes the advance;
# kontor check holds.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 19
K="$KONTOR"
LANG=C.UTF-8
export LANG
unset LC_ALL LC_MESSAGES LANGUAGE

Y=$(date +%Y)
# A field of a record as exported: fld ENTITY CODE FIELD
fld() {
	"$K" export "$1" --raw 2>/dev/null | tr -d '\r' | awk -F, -v c="$2" \
	    -v f="$3" 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	    $1 == c { print $h[f] }'
}
ninv() { "$K" export invoices --raw 2>/dev/null | sed 1d | wc -l; }

run "$K" init --company "ООО «Торговый дом»"
is "init" 0 "$rc"
printf 'code,name\nMAIN,Основной склад\n' >"$T/wh.csv"
printf 'code,name\nOPT,Оптовый\n' >"$T/pl.csv"
printf 'price_list,product,price,valid_from\nOPT,SKU-1,90.00,2020-01-01\n' \
    >"$T/pr.csv"
cat >"$T/c.csv" <<'CSV'
code,name,kind,inn,terms_days,price_list
ROMASHKA,ООО «Ромашка»,company,7707083893,14,OPT
VASILEK,ИП Васильков,person,,0,
CSV
cat >"$T/p.csv" <<'CSV'
sku,name,unit,barcode,purchase_price,sale_price,vat
SKU-1,Болт,pcs,4006381333931,50.00,100.00,20
SKU-2,Гайка,pcs,,1.00,2.50,10
CSV
printf 'code,name,inn,terms_days\nZAVOD,АО «Завод»,7728168971,15\n' >"$T/s.csv"
printf 'code,name,kind,bank,bik,corr_account,number\nBANK,Расчётный счёт,bank,ПАО Сбербанк,044525225,30101810400000000225,40702810938000000001\n' >"$T/a.csv"
rc=0
for f in warehouses:wh products:p price_lists:pl prices:pr customers:c \
    suppliers:s accounts:a; do
	"$K" import "${f%%:*}" "$T/${f#*:}.csv" >/dev/null 2>&1 || rc=$?
done
is "masters, a price list, an account" 0 "$rc"

# --- a standalone invoice ---------------------------------------------------
run "$K" invoice --customer ROMASHKA --line SKU-1:3 --line SKU-2:10 \
    --line 4006381333931:1:95.50
is "made: its number on stdout" "0 INV-$Y-000001" "$rc $out"
is "... said on stderr" "kontor: invoice INV-$Y-000001 to ROMASHKA" "$err"
# SKU-1 at the list's 90.00 (3 x 90 = 270.00 + 54.00); SKU-2 at its sale
# price, VAT 10 % (25.00 + 2.50); SKU-1 again by its barcode at 95.50 typed
# (95.50 + 19.10).
is "its lines: the list's price, the sale price, a price typed; each VAT" \
"1,SKU-1,3,90.00,20,270.00,54.00,324.00
2,SKU-2,10,2.50,10,25.00,2.50,27.50
3,SKU-1,1,95.50,20,95.50,19.10,114.60" \
    "$("$K" export invoice_lines --raw 2>/dev/null | tr -d '\r' |
    awk -F, '$2 == "INV-'"$Y"'-000001" { print $3","$4","$5","$6","$8","$9","$10","$11 }')"
is "... no order, today, due after the customer's 14 days, its total" \
    "ROMASHKA,,$(date +%F),$(date -d '+14 days' +%F),unpaid,466.10" \
    "$("$K" export invoices --raw 2>/dev/null | tr -d '\r' | awk -F, \
    '$1 == "INV-'"$Y"'-000001" { print $2","$3","$4","$5","$7","$10 }')"
run "$K" invoice --customer 7707083893 --line SKU-2:1 --date 2026-11-01 \
    --due 2026-11-30
is "by INN, dated, due as --due says" "0 ROMASHKA 2026-11-01 2026-11-30" \
    "$rc $(fld invoices "$out" customer) $(fld invoices "$out" date) $(fld invoices "$out" due_date)"
run "$K" pay ROMASHKA --amount 466.10 --account BANK
# The one dated 2026-11-01 is the older: 2.50 + 0.25 of it first.
is "a payment naming nothing pays the oldest invoices first" \
    "0 paid part_paid 463.35" \
    "$rc $(fld invoices INV-$Y-000002 status) $(fld invoices INV-$Y-000001 status) $(fld invoices INV-$Y-000001 paid)"
n=$(ninv)
run "$K" invoice --customer NOPE --line SKU-1:1
is "an unknown customer: exit 65, named" \
    "66 kontor: --customer: no customer with code or INN NOPE" "$rc $err"
run "$K" invoice --customer VASILEK --line SKU-1:1 --line NOPE:2
is "an unknown product: exit 65, the line named" \
    "65 kontor: --line NOPE:2: unknown SKU NOPE: no product has it" "$rc $err"
run "$K" invoice --customer VASILEK --line SKU-1:0
like "a quantity of 0: exit 64" "64 kontor: --line SKU-1:0: the quantity:" \
    "$rc $err"
run "$K" invoice --customer VASILEK --line SKU-1
is "no quantity: exit 64" "64 kontor: --line SKU-1: SKU:QTY[:PRICE] expected" \
    "$rc $err"
run "$K" invoice --customer VASILEK
like "no line: exit 64" "64 kontor: a standalone invoice takes --customer" \
    "$rc $err"
is "... nothing made" "$n" "$(ninv)"

# --- a purchase order prepaid by its total with VAT --------------------------
printf 'code,supplier,warehouse\nPO-A1,ZAVOD,MAIN\n' >"$T/po.csv"
printf 'po,product,qty,price\nPO-A1,SKU-1,10,50.00\nPO-A1,SKU-2,4,5.00\n' \
    >"$T/pol.csv"
rc=0
"$K" import purchase_orders "$T/po.csv" >/dev/null 2>&1 || rc=$?
"$K" import po_lines "$T/pol.csv" >/dev/null 2>&1 || rc=$?
"$K" post PO-A1 >/dev/null 2>&1 || rc=$?
# 500.00 + 20 % and 20.00 + 10 %: 622.00.
is "sent: its total and its total with VAT" "0 520.00 622.00" \
    "$rc $(fld purchase_orders PO-A1 total) $(fld purchase_orders PO-A1 gross)"
run "$K" pay "PO-A1:622.01" --amount 622.01 --account BANK
is "a kopeck past its total with VAT: refused" \
    "65 kontor: column 'document': PO-A1: 622,00 is due, 622,01 given" \
    "$rc $err"
run "$K" pay "PO-A1:622.00" --amount 622.00 --account BANK
is "its total with VAT, named: accepted, all of it applied" \
    "0 622.00" "$rc $(fld purchase_orders PO-A1 paid)"
RCP=$("$K" receive PO-A1 2>/dev/null)
"$K" post "$RCP" >/dev/null 2>&1
is "the receipt: what it makes the firm owe is settled by the prepayment" \
    "622.00 622.00" "$(fld stock_docs "$RCP" payable) $(fld stock_docs "$RCP" paid)"
run "$K" check
is "kontor check holds" 0 "$rc"
done_testing
