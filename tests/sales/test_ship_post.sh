#!/bin/sh
# kontor ship SO --post: what is left of an order shipped and posted in one
# transaction, the shipment, its lines and the order each written once;
# the same as kontor ship SO then kontor post SHP (two transactions) for
# an identical order: totals, cost, receivable, the lines, the order's
# lines and status, stock and reservations.  The draft kontor ship makes
# is written once too (revision 1, one audit entry), not once per line.
# Refused whole (nothing made, no number taken): an order not confirmed,
# one shipped already, and a sales clerk, who may ship but not post.
# kontor check passes.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 35
K="$KONTOR"

# on_hand reserved available of SKU at MAIN, one line.
stk() { "$K" stock "$1" --format csv 2>/dev/null | tr -d '\r' |
    awk -F, '$1 == "MAIN" { print $3, $4, $5 }'; }
# Fields of a record as exported: fld ENTITY CODE FIELD...
fld() {
	e=$1 c=$2
	shift 2
	"$K" export "$e" --raw 2>/dev/null | tr -d '\r' | awk -F, -v c="$c" \
	    -v f="$*" 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	    $1 == c { n = split(f, w, " "); s = "";
	    for (i = 1; i <= n; i++) s = s (i > 1 ? " " : "") $h[w[i]];
	    print s }'
}
# A shipment's lines: "line product qty net gross so_line cost" each.
shl() {
	"$K" export shipment_lines --raw 2>/dev/null | tr -d '\r' |
	    awk -F, -v s="$1" 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i;
	    next } $h["shipment"] == s { print $h["line"], $h["product"],
	    $h["qty"], $h["net"], $h["gross"], $h["cost"] }'
}
# so_lines of an order: "product qty reserved shipped" per line.
sol() {
	"$K" export so_lines --raw 2>/dev/null | tr -d '\r' | awk -F, -v o="$1" \
	    'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	    $h["order"] == o { print $h["product"], $h["qty"], $h["reserved"],
	    $h["shipped"] }'
}
# A record's revision (kontor show).
rev() { "$K" show "$1" "$2" 2>/dev/null | awk '$1 == "rev" { print $2 }' |
    tr -d '"'; }
# How many audit entries (changes) a record has.
nchanges() {
	"$K" audit --entity "$1" --id "$2" --format csv 2>/dev/null |
	    awk -F, 'NR > 1 { print $1 }' | sort -u | wc -l | tr -d ' '
}

run "$K" init --company "Т"
is "init" 0 "$rc"
printf 'code,name\nMAIN,Основной склад\n' >"$T/wh.csv"
"$K" import warehouses "$T/wh.csv" >/dev/null 2>&1
printf 'code,name,kind\nROMASHKA,ООО «Ромашка»,company\n' >"$T/c.csv"
"$K" import customers "$T/c.csv" >/dev/null 2>&1
cat >"$T/p.csv" <<'CSV'
sku,name,kind,unit,purchase_price,sale_price,vat
SKU-1,Болт,,pcs,10.00,15.00,20
SKU-2,Краска,,kg,100.00,150.00,20
SRV-1,Монтаж,service,pcs,,100.00,20
CSV
"$K" import products "$T/p.csv" >/dev/null 2>&1
cat >"$T/in.csv" <<'CSV'
type,sku,warehouse,quantity,unit_cost
receipt,SKU-1,MAIN,10,12.00
receipt,SKU-2,MAIN,5,100.00
CSV
run "$K" import stock-moves "$T/in.csv"
is "masters and stock" 0 "$rc"
# Two identical orders, confirmed; a third left a draft.
cat >"$T/so.csv" <<'CSV'
order,customer,date,warehouse,sku,quantity
A,ROMASHKA,2026-03-02,MAIN,SKU-1,4
A,ROMASHKA,2026-03-02,MAIN,SKU-2,1
A,ROMASHKA,2026-03-02,MAIN,SRV-1,2
B,ROMASHKA,2026-03-02,MAIN,SKU-1,4
B,ROMASHKA,2026-03-02,MAIN,SKU-2,1
B,ROMASHKA,2026-03-02,MAIN,SRV-1,2
CSV
run "$K" import sales-orders "$T/so.csv" --post
is "two orders confirmed" 0 "$rc"
printf 'order,customer,date,warehouse,sku,quantity\nC,ROMASHKA,2026-03-03,MAIN,SKU-1,1\n' \
    >"$T/so3.csv"
run "$K" import sales-orders "$T/so3.csv"
is "a third, a draft" 0 "$rc"
is "reserved: 8 of SKU-1" "10 8 2" "$(stk SKU-1)"
orev=$(rev sales_orders SO-2026-000001)

# --- in one: ship --post -----------------------------------------------------
run "$K" ship SO-2026-000001 --post
is "ship --post" 0 "$rc"
is "its number on stdout" "SHP-2026-000001" "$out"
like "said posted" "SHP-2026-000001 of what is left of SO-2026-000001 posted" \
    "$err"
is "the shipment is posted" "posted 410.00 82.00 492.00 148.00 492.00" \
    "$(fld shipments SHP-2026-000001 status net vat gross cost receivable)"
is "written once: revision 1" "1" "$(rev shipments SHP-2026-000001)"
is "... one audit entry" "1" "$(nchanges shipments 1)"
is "its lines, with their cost" "1 SKU-1 4 60.00 72.00 48.00
2 SKU-2 1 150.00 180.00 100.00
3 SRV-1 2 200.00 240.00 0.00" "$(shl SHP-2026-000001)"
is "each line written once" "1 1 1" "$(for c in SHL-000001 SHL-000002 \
    SHL-000003; do rev shipment_lines $c; done | tr '\n' ' ' |
    sed 's/ $//')"
is "the order shipped, written once more" \
    "shipped $((orev + 1))" \
    "$(fld sales_orders SO-2026-000001 status) $(rev sales_orders \
    SO-2026-000001)"
is "its lines shipped, nothing held" "SKU-1 4 0 4
SKU-2 1 0 1
SRV-1 2 0 2" "$(sol SO-2026-000001)"
is "the goods left: SKU-1" "6 4 2" "$(stk SKU-1)"

# --- in two: ship, then post ---------------------------------------------------
run "$K" ship SO-2026-000002
is "ship" 0 "$rc"
is "the draft's number" "SHP-2026-000002" "$out"
is "the draft has its totals" "draft 410.00 82.00 492.00" \
    "$(fld shipments SHP-2026-000002 status net vat gross)"
is "the draft's header written once, not once per line" "1 1" \
    "$(rev shipments SHP-2026-000002) $(nchanges shipments 2)"
run "$K" post SHP-2026-000002
is "post" 0 "$rc"
is "the same as in one" \
    "$(fld shipments SHP-2026-000001 status net vat gross cost receivable)" \
    "$(fld shipments SHP-2026-000002 status net vat gross cost receivable)"
is "the same lines" "$(shl SHP-2026-000001)" "$(shl SHP-2026-000002)"
is "the same order lines" "$(sol SO-2026-000001)" "$(sol SO-2026-000002)"
is "the same order status" "shipped" "$(fld sales_orders SO-2026-000002 \
    status)"
is "stock: SKU-1" "2 0 2" "$(stk SKU-1)"
is "stock: SKU-2" "3 0 3" "$(stk SKU-2)"

# --- refused whole -------------------------------------------------------------
run "$K" ship SO-2026-000001 --post
is "shipped already: refused" 65 "$rc"
like "... said" "SO-2026-000001 is shipped" "$err"
run "$K" ship SO-2026-000003 --post
is "a draft order: refused" 65 "$rc"
like "... said" "confirmed order" "$err"
is "no shipment made, no number taken" "SHP-2026-000001
SHP-2026-000002" "$("$K" export shipments --raw 2>/dev/null | tr -d '\r' |
    awk -F, 'NR > 1 { print $1 }')"

run "$K" check
is "kontor check passes" 0 "$rc"

# --- a sales clerk ships but does not post ---------------------------------------
"$K" post SO-2026-000003 >/dev/null 2>&1
"$K" user add boss --role admin >/dev/null 2>&1
"$K" user mod root --role sales >/dev/null 2>&1
run "$K" ship SO-2026-000003 --post
is "sales may not ship --post" 77 "$rc"
run "$K" ship SO-2026-000003
is "... but makes the draft, numbered next" "0 SHP-2026-000003" "$rc $out"
done_testing
