#!/bin/sh
# kontor import sales-orders of a few hundred lines, an order's rows spread
# over the file: each line checked against kontor export so_lines (its
# order, line number, product, quantity, price, reserved), each order's
# totals against its lines and kontor show; orders numbered in the order
# they first appear.  Each line written once (revision 1) and named by the
# file's one import entry in the audit, not an entry each; an order
# written once, last, with its totals and confirmation.  A bad file
# (an unknown SKU, too little stock, an order's rows that differ) names
# its line and changes nothing: no order, no line, no reservation, no
# number taken.  kontor check passes.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 27
K="$KONTOR"

run "$K" init --company "Т"
is "init" 0 "$rc"
printf 'code,name\nMAIN,Основной склад\n' >"$T/wh.csv"
"$K" import warehouses "$T/wh.csv" >/dev/null 2>&1
{ echo "code,name,kind"
  for i in $(seq 10); do echo "C$i,ООО «Клиент $i»,company"; done
} >"$T/c.csv"
"$K" import customers "$T/c.csv" >/dev/null 2>&1
{ echo "sku,name,unit,sale_price,vat"
  for i in $(seq 10 39); do echo "S$i,Товар $i,pcs,$i.50,20"; done
  echo "LOW,Мало,pcs,5.00,20"
} >"$T/p.csv"
run "$K" import products "$T/p.csv"
is "products" 0 "$rc"
{ echo "type,sku,warehouse,quantity,unit_cost"
  for i in $(seq 10 39); do echo "receipt,S$i,MAIN,1000,1.00"; done
  echo "receipt,LOW,MAIN,2,1.00"
} >"$T/in.csv"
run "$K" import stock-moves "$T/in.csv"
is "stock in" 0 "$rc"

# 300 lines of 75 orders, each order's rows spread over the file (row i
# belongs to order (7 i) mod 75); an order's customer and date follow
# from its key.
awk 'BEGIN { print "order,customer,date,warehouse,sku,quantity"
	for (i = 0; i < 300; i++) { o = (7 * i) % 75
		printf "K%02d,C%d,2026-03-%02d,MAIN,S%d,%d\n", o, 1 + o % 10,
		    1 + o % 28, 10 + (i * 13) % 30, 1 + i % 5 } }' >"$T/so.csv"
# Expected, one line each: "SO-code line sku qty price reserved", orders
# numbered as they first appear, lines in the file's order.
awk -F, 'NR > 1 { if (!($1 in num)) num[$1] = ++n; ln[$1]++
	sub(/^S/, "", $5)
	printf "SO-2026-%06d %d S%s %d %d.50 %d\n", num[$1], ln[$1], $5, $6,
	    $5, $6 }' "$T/so.csv" | sort >"$T/want"
# What was saved: the same from kontor export so_lines.
saved() {
	"$K" export so_lines --raw 2>/dev/null | tr -d '\r' | awk -F, '
	    NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	    { print $h["order"], $h["line"], $h["product"], $h["qty"],
	    $h["price"], $h["reserved"] }' | sort
}
# on_hand reserved of a product at MAIN.
stk() { "$K" stock "$1" --format csv 2>/dev/null | tr -d '\r' |
    awk -F, '$1 == "MAIN" { print $3, $4 }'; }
count() { "$K" export "$1" --raw 2>/dev/null | tr -d '\r' | sed 1d | wc -l |
    tr -d ' '; }

# --- bad files first: nothing changes, no number is taken --------------------
awk -F, 'NR == 250 { $5 = "NOPE" } { print }' OFS=, "$T/so.csv" >"$T/bad1.csv"
run "$K" import sales-orders "$T/bad1.csv" --post
is "an unknown SKU on line 250: exit 65" 65 "$rc"
like "... its line and column named" "$T/bad1.csv:250: column 'product'" "$err"
# Line 280 asks for 5 of LOW, which has 2.
awk -F, 'NR == 280 { $5 = "LOW"; $6 = 5 } { print }' OFS=, "$T/so.csv" \
    >"$T/bad2.csv"
run "$K" import sales-orders "$T/bad2.csv" --post
is "too little stock on line 280: exit 65" 65 "$rc"
is "... its line, the numbers" \
    "$T/bad2.csv:280: LOW at MAIN: 2 available, 5 requested" "$err"
# Line 200's order has another date on its other rows.
awk -F, 'NR == 200 { $3 = "2026-04-30" } { print }' OFS=, "$T/so.csv" \
    >"$T/bad3.csv"
run "$K" import sales-orders "$T/bad3.csv" --post
is "an order's rows that differ: exit 65" 65 "$rc"
like "... the line named" "$T/bad3.csv:200: column 'order': the rows of order" \
    "$err"
is "no order saved" 0 "$(count sales_orders)"
is "no line saved" 0 "$(count so_lines)"
is "nothing reserved" "1000 0" "$(stk S10)"
is "nor of LOW" "2 0" "$(stk LOW)"

# --- the file: drafts, then the same file confirmed -------------------------
run "$K" import sales-orders "$T/so.csv" --post
is "300 lines, --post: exit 0" 0 "$rc"
like "said" "imported and confirmed 75 orders (300 lines)" "$err"
is "75 numbers on stdout, the first SO-2026-000001 (none taken before)" \
    "75 SO-2026-000001" "$(echo "$out" | wc -l | tr -d ' ') $(echo "$out" |
    head -1)"
saved >"$T/got"
is "every line as the file has it (order, line, sku, qty, price, reserved)" \
    "" "$(diff "$T/want" "$T/got")"
# Reserved per product: the file's quantities added up.
awk -F, 'NR > 1 { q[$5] += $6 } END { for (s in q) print s, 1000, q[s] }' \
    "$T/so.csv" | sort >"$T/rwant"
for i in $(seq 10 39); do echo "S$i $(stk "S$i")"; done | sort >"$T/rgot"
is "reserved: the file's quantities, product by product" "" \
    "$(diff "$T/rwant" "$T/rgot")"
# Each order: confirmed, its gross the sum of its lines'.
"$K" export so_lines --raw 2>/dev/null | tr -d '\r' | awk -F, '
    NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
    { g[$h["order"]] += $h["gross"] * 100 }
    END { for (o in g) printf "%s confirmed %.0f\n", o, g[o] }' |
    sort >"$T/gwant"
"$K" export sales_orders --raw 2>/dev/null | tr -d '\r' | awk -F, '
    NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
    { printf "%s %s %.0f\n", $h["code"], $h["status"], $h["gross"] * 100 }' |
    sort >"$T/ggot"
is "each order confirmed, its gross its lines'" "" \
    "$(diff "$T/gwant" "$T/ggot")"
# kontor show of one order: K07 appears first at row 1 (7 i mod 75 = 7
# for i = 1), so it is SO-2026-000002, customer C8, 8 March.
# A field as kontor show prints it: show ENTITY CODE FIELD.
sf() { "$K" show "$1" "$2" 2>/dev/null | awk -v f="$3" '$1 == f {
    print $2 }' | tr -d '"'; }
is "show: its customer" "C8" "$(sf sales_orders SO-2026-000002 customer)"
is "show: its date" "2026-03-08" "$(sf sales_orders SO-2026-000002 date)"
is "show: written once, with its totals and confirmation" 1 \
    "$(sf sales_orders SO-2026-000002 rev)"
is "300 lines saved" 300 "$(count so_lines)"
# Every 15th line's revision: 1.
"$K" export so_lines --raw 2>/dev/null | tr -d '\r' |
    awk -F, 'NR > 1 && NR % 15 == 0 { print $1 }' >"$T/codes"
revs=$(while read -r c; do sf so_lines "$c" rev; done <"$T/codes" | sort -u)
is "the lines written once: revision 1" 1 "$revs"
# The audit: one import entry for the lines (their ids), one create per
# order.
n=$("$K" audit --entity so_lines --format csv 2>/dev/null | awk -F, 'NR > 1 {
    print $1, $7 }' | sort -u)
is "the lines: one audit entry, the import's" "import" \
    "$(echo "$n" | awk '{ print $2 }' | sort -u | tr '\n' ' ' | sed 's/ $//')"
is "... naming the 300 lines' ids" "1" "$(echo "$n" | wc -l | tr -d ' ')"
run "$K" check
is "kontor check passes" 0 "$rc"
