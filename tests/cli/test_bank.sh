#!/bin/sh
# Bank statements end to end: kontor import bank-statement on the fixtures
# tests/data/bank/statement.txt (cp1251, CRLF: two of our accounts, money
# in and out, a payer no customer has) and statement2.txt (the next day's,
# repeating one payment).  The unmatched payer refuses the file, listed by
# line, nothing posted; --unmatched skip leaves it out; --dry-run posts
# nothing; a payment seen twice is not counted twice; the accounts'
# balances and kontor check after each; a purpose naming an invoice
# («счёт № 1 от 28.11.2026») pays it, or says it is paid already and the
# payment an advance; a bad amount, purpose or account (none of ours)
# refuses the file by its key's line.  Two payers with the same payment
# order number are two payments; a firm's branches (one INN, two KPPs)
# are told apart by the statement's KPP, and a shared INN is refused,
# naming the customers, wherever a customer is named by it.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 68
K="$KONTOR"
F=$KONTOR_SRCDIR/tests/data/bank
S1=$T/statement.txt
S2=$T/statement2.txt
cp "$F/statement.txt" "$S1"
cp "$F/statement2.txt" "$S2"

# A field of a record as exported: fld ENTITY CODE FIELD
fld() {
	"$K" export "$1" --raw 2>/dev/null | tr -d '\r' | awk -F, -v c="$2" \
	    -v f="$3" 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	    $1 == c { print $h[f] }'
}
# A field as kontor show prints it (CSV would need a parser for the
# purposes' commas): shf ENTITY CODE FIELD
shf() { "$K" show "$1" "$2" 2>/dev/null | sed -n "s/^$3 *\"\(.*\)\"\$/\1/p"; }
npay() { "$K" export payments --raw 2>/dev/null | tr -d '\r' | sed 1d | wc -l; }

run "$K" init --company "ООО «Демо»"
cat >"$T/acc.csv" <<'CSV'
code,name,kind,bank,bik,corr_account,number,opening
SBER,Расчётный счёт,bank,ПАО Сбербанк,044525225,30101810400000000225,40702810938000012345,150000.00
ALFA,Счёт в Альфа-Банке,bank,АО «Альфа-Банк»,044525593,30101810200000000593,40702810501850000123,0
CSV
run "$K" import accounts "$T/acc.csv"
is "our two accounts" 0 "$rc"
cat >"$T/c.csv" <<'CSV'
code,name,kind,inn,kpp
ROM,ООО «Ромашка»,company,7728451234,772801001
GRA,АО «Гранит»,company,7803123450,780301001
CSV
run "$K" import customers "$T/c.csv"
printf 'code,name,inn\nTEH,ООО «Техноком»,7719988777\n' >"$T/s.csv"
run "$K" import suppliers "$T/s.csv"
is "customers and a supplier" 0 "$rc"

# --- an unmatched payer refuses the file ---------------------------------
run "$K" import bank-statement "$S1"
is "unmatched: exit 65" 65 "$rc"
is "unmatched: listed by line, nothing imported" \
    "$S1:56: no customer with INN 500312345614 (ИП Сидоров Пётр Ильич)
kontor: 1 document matches no customer or supplier: nothing was imported (--unmatched skip leaves such documents out)" \
    "$err"
is "... nothing posted" 0 "$(npay)"
is "... the balance as it was" "150000.00" "$(fld accounts SBER balance)"

# --- a dry run ------------------------------------------------------------
run "$K" import bank-statement "$S1" --dry-run --unmatched skip
is "dry run: exit 0" 0 "$rc"
is "dry run: what would be posted" "$S1:31: would post 1 234,56 from ROM
$S1:74: would post 21 000,00 to TEH
$S1:94: would post 10 000,00 from GRA" "$out"
like "dry run: the sums" "payments to post: 3 (in 11 234,56, out 21 000,00); posted before: 0; left out: 1; nothing changed (dry run)" "$err"
like "dry run: the unmatched one left out" "$S1:56: left out: no customer with INN 500312345614" "$err"
is "... nothing posted" 0 "$(npay)"

# --- posted, leaving the unmatched one out --------------------------------
run "$K" import bank-statement "$S1" --unmatched skip
is "skip: exit 0" 0 "$rc"
is "skip: each payment by line" "$S1:31: posted PAY-2026-000001: 1 234,56 from ROM
$S1:74: posted PAY-2026-000002: 21 000,00 to TEH
$S1:94: posted PAY-2026-000003: 10 000,00 from GRA" "$out"
like "... the invoice the purpose names is none of ours: said, not applied" \
    "$S1:31: INV-2026-000045 in the purpose: no document of ROM's to pay; not applied" "$err"
is "the first account: 150 000,00 + 1 234,56 - 21 000,00" "130234.56" \
    "$(fld accounts SBER balance)"
is "the second: 10 000,00 in" "10000.00" "$(fld accounts ALFA balance)"
is "a payment keeps the bank's number and where it came from" \
    "in 20261201 1532 statement.txt:31" \
    "$(shf payments PAY-2026-000001 direction) $(shf payments PAY-2026-000001 date | tr -d -) $(shf payments PAY-2026-000001 bank_number) $(shf payments PAY-2026-000001 source)"
is "the payment out pays on the day it left" "out 20261201 TEH" \
    "$(shf payments PAY-2026-000002 direction) $(shf payments PAY-2026-000002 date | tr -d -) $(shf payments PAY-2026-000002 supplier)"

# --- the next day's statement: 1532 again --------------------------------
run "$K" import bank-statement "$S2"
is "statement 2: exit 0" 0 "$rc"
is "statement 2: only the new payment posted" "$S2:38: posted PAY-2026-000004: 500,00 from ROM" "$out"
like "... the one seen before said, not counted twice" \
    "$S2:19: posted before (PAY-2026-000001); not counted twice" "$err"
like "... the sums" "payments posted: 1 (in 500,00, out 0,00); posted before: 1; left out: 0" "$err"
is "... the balance counts it once" "130734.56" "$(fld accounts SBER balance)"
run "$K" import bank-statement "$S1" --unmatched skip
is "the first statement again: nothing new" "" "$out"
like "... every payment seen before" "payments posted: 0 (in 0,00, out 0,00); posted before: 3; left out: 1" "$err"
is "... 4 payments in all" 4 "$(npay)"
run "$K" check
is "check holds" 0 "$rc"

# --- a purpose that names an invoice pays it ------------------------------
printf 'code,name\nMAIN,Основной склад\n' >"$T/wh.csv"
"$K" import warehouses "$T/wh.csv" >/dev/null 2>&1
printf 'sku,name,unit,sale_price,vat\nP-1,Болт,pcs,100.00,20\n' >"$T/p.csv"
"$K" import products "$T/p.csv" >/dev/null 2>&1
printf 'type,sku,warehouse,quantity,unit_cost\nreceipt,P-1,MAIN,10,50.00\n' >"$T/in.csv"
"$K" import stock-moves "$T/in.csv" >/dev/null 2>&1
printf 'order,customer,date,warehouse,sku,quantity\nA,GRA,2026-11-28,MAIN,P-1,2\n' >"$T/so.csv"
"$K" import sales-orders "$T/so.csv" --post >/dev/null 2>&1
run "$K" invoice SO-2026-000001
is "an invoice of 240,00" "INV-2026-000001 240.00" \
    "$(printf '%s' "$out" | head -1) $(fld invoices INV-2026-000001 gross)"
cat >"$T/s3.txt" <<'EOF'
1CClientBankExchange
ВерсияФормата=1.03
Кодировка=Windows
РасчСчет=40702810501850000123
СекцияДокумент=Платежное поручение
Номер=9100
Дата=02.12.2026
Сумма=240.00
ПлательщикСчет=40702810100001234567
ПлательщикИНН=7803123450
Плательщик=АО «Гранит»
ПолучательСчет=40702810501850000123
ДатаПоступило=03.12.2026
НазначениеПлатежа=Оплата по СЧЁТУ №1 от 28.11.2026, в т.ч. НДС 20% 40.00
КонецДокумента
КонецФайла
EOF
run "$K" import bank-statement "$T/s3.txt" --encoding utf-8
# GRA's 10 000,00 of the first statement, an advance, paid the invoice
# as it was made: the payment naming it is all an advance, and says so.
is "the invoice named, paid already: said, all of it an advance" \
    "$T/s3.txt:5: posted PAY-2026-000005: 240,00 from GRA, INV-2026-000001 paid already: all of it goes to advance" \
    "$out"
is "... the invoice is paid" "paid 240.00" \
    "$(fld invoices INV-2026-000001 status) $(fld invoices INV-2026-000001 paid)"

# --- refusals by line ------------------------------------------------------
sed 's/^Сумма=240.00$/Сумма=12,3x/' "$T/s3.txt" >"$T/bad.txt"
run "$K" import bank-statement "$T/bad.txt" --encoding utf-8
is "a bad amount: exit 65, the line and the key" \
    "65 $T/bad.txt:8: Сумма: 12,3x is not an amount" "$rc $err"
sed 's/40702810501850000123/40702810610000099999/' "$T/s3.txt" >"$T/other.txt"
run "$K" import bank-statement "$T/other.txt" --encoding utf-8
is "an account that is none of ours: exit 65, by line" \
    "65 $T/other.txt:5: account 40702810610000099999 is none of ours: add it first (:acct, or kontor import accounts)" \
    "$rc $err"
is "... nothing posted by either" 5 "$(npay)"
run "$K" import bank-statement "$S1" --unmatched maybe
is "--unmatched: skip or fail" 64 "$rc"
run "$K" import customers "$T/c.csv" --unmatched skip
is "--unmatched is for bank statements" 64 "$rc"

# --- payment orders for the bank -------------------------------------------
run "$K" export payments-for-bank --from 2026-11-01 -o "$T/orders.txt"
is "orders: the company's INN first" \
    "65 kontor: the company's INN is not entered: kontor company --set inn=..." \
    "$rc $err"
"$K" company --set inn=7701234560 --set kpp=770101001 >/dev/null 2>&1
run "$K" export payments-for-bank --from 2026-11-01 -o "$T/orders.txt"
is "orders: a supplier with no bank details named" \
    "65 kontor: the payees of PAY-2026-000002 (TEH) have no bank account or BIK: enter the suppliers' bank, bik and bank_account (kontor import suppliers --update)" \
    "$rc $err"
ok "... and no file" test ! -e "$T/orders.txt"
printf 'code,bank,bik,corr_account,bank_account\nTEH,Банк «Санкт-Петербург»,044030653,30101810500000000653,40702810855000009876\n' >"$T/s2.csv"
run "$K" import suppliers "$T/s2.csv" --update
is "the supplier's bank details" 0 "$rc"
run "$K" export payments-for-bank --from 2026-11-01 -o "$T/orders.txt"
is "orders: written" "0 kontor: 1 payment order" "$rc $err"
is "... cp1251, every line ending CRLF" \
    "$(wc -l <"$T/orders.txt")" "$(grep -c "$(printf '\r')\$" "$T/orders.txt")"
is "... the order: number, amount, both sides' details" \
    "Номер=214
Сумма=21000.00
ПлательщикСчет=40702810938000012345
ПлательщикИНН=7701234560
ПолучательСчет=40702810855000009876
ПолучательИНН=7719988777
ПолучательБИК=044030653
ВидОплаты=01
Очередность=5" \
    "$(iconv -f cp1251 -t utf-8 "$T/orders.txt" | tr -d '\r' | grep -E '^(Номер|Сумма|ПлательщикСчет|ПлательщикИНН|ПолучательСчет|ПолучательИНН|ПолучательБИК|ВидОплаты|Очередность)=')"
run "$K" import bank-statement "$T/orders.txt"
is "... read back as a statement: the payment it came from, not twice" \
    "0 $T/orders.txt:16: posted before (PAY-2026-000002); not counted twice" \
    "$rc $(printf '%s\n' "$err" | head -1)"

# --- two payers' own "No 1": two payments -----------------------------------
# Payment orders are numbered by each payer: the same number, date and sum
# from two customers are two payments, each counted once.
cat >"$T/two.txt" <<'EOF2'
1CClientBankExchange
ВерсияФормата=1.03
Кодировка=Windows
РасчСчет=40702810938000012345
СекцияДокумент=Платежное поручение
Номер=1
Дата=04.12.2026
Сумма=100.00
ПлательщикСчет=40702810100001234567
ПлательщикИНН=7803123450
Плательщик=АО «Гранит»
ПолучательСчет=40702810938000012345
ДатаПоступило=04.12.2026
КонецДокумента
СекцияДокумент=Платежное поручение
Номер=1
Дата=04.12.2026
Сумма=100.00
ПлательщикСчет=40702810400000000111
ПлательщикИНН=7728451234
Плательщик=ООО «Ромашка»
ПолучательСчет=40702810938000012345
ДатаПоступило=04.12.2026
КонецДокумента
КонецФайла
EOF2
n0=$(npay)
run "$K" import bank-statement "$T/two.txt" --encoding utf-8
is "two payers' No 1: both posted" \
    "0 $T/two.txt:5: posted PAY-2026-000006: 100,00 from GRA
$T/two.txt:15: posted PAY-2026-000007: 100,00 from ROM" "$rc $out"
run "$K" import bank-statement "$T/two.txt" --encoding utf-8
is "... the file again: each seen before, as its own payer's" \
    "0 $T/two.txt:5: posted before (PAY-2026-000006); not counted twice
$T/two.txt:15: posted before (PAY-2026-000007); not counted twice" \
    "$rc $(printf '%s\n' "$err" | head -2)"
is "... two payments more in all" "$((n0 + 2))" "$(npay)"
run "$K" pay GRA --amount 7 --account SBER --bank-number 5
is "pay with a bank number" "0 PAY-2026-000008" "$rc $out"
run "$K" pay ROM --amount 7 --account SBER --bank-number 5
is "... another customer's with the same number: its own payment" \
    "0 PAY-2026-000009" "$rc $out"
run "$K" pay ROM --amount 7 --account SBER --bank-number 5
is "... that one again: there already" "0 PAY-2026-000009" "$rc $out"
run "$K" check
is "check holds" 0 "$rc"

# --- a firm's branch: the same INN, another KPP -----------------------------
printf 'code,name,kind,inn,kpp\nROM2,ООО «Ромашка» (Санкт-Петербург),company,7728451234,781001001\n' >"$T/c2.csv"
run "$K" import customers "$T/c2.csv"
is "a branch of ROM's" 0 "$rc"
sed 's/^Номер=1$/Номер=2/; s/^ПлательщикИНН=7728451234$/&\
ПлательщикКПП=772801001/' "$T/two.txt" >"$T/kpp.txt"
run "$K" import bank-statement "$T/kpp.txt" --encoding utf-8
is "the payer's KPP tells the branches apart" \
    "0 $T/kpp.txt:5: posted PAY-2026-000010: 100,00 from GRA
$T/kpp.txt:15: posted PAY-2026-000011: 100,00 from ROM" "$rc $out"
sed 's/^ПлательщикКПП=772801001$/ПлательщикКПП=772899999/; s/^Номер=2$/Номер=3/' \
    "$T/kpp.txt" >"$T/kpp2.txt"
run "$K" import bank-statement "$T/kpp2.txt" --encoding utf-8
is "a KPP neither has: refused, the candidates named" \
    "65 $T/kpp2.txt:15: INN 7728451234 is shared by customers ROM, ROM2, none with KPP 772899999: which one is ООО «Ромашка»?
kontor: 1 document matches no customer or supplier: nothing was imported (--unmatched skip leaves such documents out)" \
    "$rc $err"
run "$K" balance 7728451234
is "balance by a shared INN: refused, named" \
    "65 kontor: INN 7728451234 is shared by customers ROM, ROM2: name one by its code" \
    "$rc $err"
run "$K" pay 7728451234 --amount 1 --account SBER
is "pay by a shared INN: refused, named" \
    "65 kontor: INN 7728451234 is shared by customers ROM, ROM2: name one by its code" \
    "$rc $err"
run "$K" invoice --customer 7728451234 --line P-1:1
is "invoice --customer by a shared INN: refused, named" \
    "65 kontor: --customer: INN 7728451234 is shared by customers ROM, ROM2: name one by its code" \
    "$rc $err"
printf 'order,customer,warehouse,sku,quantity\nB,7728451234,MAIN,P-1,1\n' >"$T/so2.csv"
run "$K" import sales-orders "$T/so2.csv"
is "an order's customer by a shared INN: refused, named" \
    "65 $T/so2.csv:2: column 'customer': INN 7728451234 is shared by customers ROM, ROM2: name one by its code" \
    "$rc $err"
run "$K" balance 7803123450
is "an INN one customer has still names it" 0 "$rc"
printf 'code,name,inn,kpp\nSR2,ООО «Ромашка» (СПб),7728451234,781001001\nSR,ООО «Ромашка»,7728451234,\n' >"$T/s3.csv"
run "$K" import suppliers "$T/s3.csv"
is "a supplier with a branch's INN and KPP is that branch; with the INN alone, none of them" \
    "0 ROM2 " "$rc $(fld suppliers SR2 customer) $(fld suppliers SR customer)"

# --- a bad value: its key and its own line ----------------------------------
awk '/^НазначениеПлатежа=/ { printf "НазначениеПлатежа=Оплата \033[31mкрасным\n"; next } { print }' \
    "$T/s3.txt" | sed 's/^Номер=9100$/Номер=9101/' >"$T/esc.txt"
run "$K" import bank-statement "$T/esc.txt" --encoding utf-8
is "a control character in the purpose: the key and its line" \
    '65 '"$T"'/esc.txt:14: НазначениеПлатежа: control character U+001B not allowed, got "Оплата \x1b[31mкрасным"' \
    "$rc $err"
sed 's/^Сумма=240.00$/Сумма=0.00/; s/^Номер=9100$/Номер=9101/' "$T/s3.txt" >"$T/zero.txt"
run "$K" import bank-statement "$T/zero.txt" --encoding utf-8
is "a sum of 0.00: the key and its line" \
    "65 $T/zero.txt:8: Сумма: more than 0 expected" "$rc $err"

# --- an invoice a purpose names, due: the payment pays it -----------------
# ROM2 has paid nothing: its invoice waits for the statement.
INV2=$("$K" invoice --customer ROM2 --line P-1:1 2>/dev/null)
sed "s/^Номер=9100\$/Номер=9102/; s/^Сумма=240.00\$/Сумма=120.00/;
    s/^ПлательщикИНН=7803123450\$/ПлательщикИНН=7728451234\\
ПлательщикКПП=781001001/; s/^НазначениеПлатежа=.*/НазначениеПлатежа=Оплата по $INV2/" \
    "$T/s3.txt" >"$T/due.txt"
run "$K" import bank-statement "$T/due.txt" --encoding utf-8
is "an invoice due, named: paid by it" \
    "0 $T/due.txt:5: posted PAY-2026-000012: 120,00 from ROM2, pays $INV2" \
    "$rc $out"
is "... the invoice is paid" "paid 120.00" \
    "$(fld invoices "$INV2" status) $(fld invoices "$INV2" paid)"

# The same document twice in one file (a statement glued from two, the
# bank gave no number): counted once, the second said; in a dry run too.
cat >"$T/same.txt" <<'EOF3'
1CClientBankExchange
ВерсияФормата=1.03
Кодировка=Windows
РасчСчет=40702810938000012345
СекцияДокумент=Платежное поручение
Дата=05.12.2026
Сумма=300.00
ПлательщикСчет=40702810100001234567
ПлательщикИНН=7803123450
Плательщик=АО «Гранит»
ПолучательСчет=40702810938000012345
ДатаПоступило=05.12.2026
КонецДокумента
СекцияДокумент=Платежное поручение
Дата=05.12.2026
Сумма=300.00
ПлательщикСчет=40702810100001234567
ПлательщикИНН=7803123450
Плательщик=АО «Гранит»
ПолучательСчет=40702810938000012345
ДатаПоступило=05.12.2026
КонецДокумента
КонецФайла
EOF3
n0=$(npay)
run "$K" import bank-statement "$T/same.txt" --encoding utf-8 --dry-run
is "the same document twice, a dry run: one to post" \
    "0 $T/same.txt:5: would post 300,00 from GRA" "$rc $out"
like "... the second said" \
    "$T/same.txt:14: the same document as line 5 of this file; not counted twice" \
    "$err"
like "... the sums once" "payments to post: 1 (in 300,00, out 0,00)" "$err"
run "$K" import bank-statement "$T/same.txt" --encoding utf-8
is "... imported: one payment" "0 1" \
    "$rc $(printf '%s\n' "$out" | grep -c posted)"
is "... one more in all, though it has no number" "$((n0 + 1))" "$(npay)"
