#!/bin/sh
# kontor import stock-moves' bulk path (issue 16): a file is one posted
# batch document whose lines get one audit entry, the import's (file,
# SHA-256, rows, the document, the lines' ids), not one each; the lines'
# and moves' index entries go in after the rows (a second file into the
# indexes the first one filled); the balances are computed in memory,
# still refusing the line that makes an issue short, after receipts of
# the same file, with nothing saved; a file that names lots is posted
# with the moves' indexes kept as it goes (an issue of a lot received
# earlier in the same file); kontor audit of a move says which document
# and import it came from; kontor check passes over the result.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 42
K="$KONTOR"

stock_csv() { "$K" stock "$1" --format csv 2>&1 | tr -d '\r' | sed 1d; }
nmoves() { "$K" export stock-moves | wc -l; }
# The audit journal's entries of an entity and action.
naudit() {
	"$K" audit --entity "$1" --format csv 2>/dev/null | tr -d '\r' |
	    awk -F, -v a="$2" 'NR > 1 && $7 == a { s[$1] = 1 }
	    END { n = 0; for (k in s) n++; print n }'
}

run "$K" init --company "ООО «Склад»"
is "init exits 0" 0 "$rc"
printf 'code,name\nMAIN,Основной\nSHOP,Магазин\n' >"$T/wh.csv"
printf 'sku,name,unit,purchase_price,lots\nA-1,Болт,pcs,10.00,no\nB-2,Гайка,pcs,5.00,no\nL-3,Клей,pcs,50.00,yes\n' \
    >"$T/pr.csv"
run "$K" import warehouses "$T/wh.csv"
is "warehouses" 0 "$rc"
run "$K" import products "$T/pr.csv"
is "products" 0 "$rc"

# --- a file: one document, one audit entry for its lines ----------------
cat >"$T/m1.csv" <<'CSV'
type,sku,warehouse,quantity,to_warehouse,unit_cost
receipt,A-1,MAIN,100,,12.00
receipt,B-2,SHOP,10,,5.00
issue,A-1,MAIN,30,,
transfer,A-1,MAIN,20,SHOP,
receipt,A-1,MAIN,10,,18.00
issue,B-2,SHOP,4,,
CSV
run "$K" import stock-moves "$T/m1.csv"
is "the first file posted" 0 "$rc"
like "as one batch document" "posted 6 stock moves as BAT-" "$err"
doc1=$(printf '%s\n' "$err" | sed -n 's/.* as \(BAT-[0-9-]*\).*/\1/p')
is "A-1 by warehouse" "MAIN,Основной,60,0,60,0
SHOP,Магазин,20,0,20,0" "$(stock_csv A-1)"
is "B-2" "SHOP,Магазин,6,0,6,0" "$(stock_csv B-2)"
is "seven moves (the transfer's two)" 8 "$(nmoves)"
is "no audit entry per line" 0 "$(naudit stock_lines create)"
is "one import entry for the file's lines" 1 "$(naudit stock_lines import)"
run "$K" audit --entity stock_lines --format csv
like "the entry names the document" ",doc,,$doc1" "$out"
like "... the file" ",file,,$T/m1.csv" "$out"
like "... its SHA-256" ",sha256,,$(sha256sum "$T/m1.csv" | cut -c1-64)" "$out"
like "... the rows and the lines' ids" ",ids,,1-6" "$out"
is "the document's own entry, a create" 1 "$(naudit stock_docs create)"

# The admin, who may do everything, importing the on-hand table (or the
# archive) itself: the command refused for what it is (64, as an entity
# that cannot be imported), not a permission (77); nothing changed.
"$K" export stock --raw >"$T/st.csv" 2>/dev/null
run "$K" import stock "$T/st.csv"
is "import stock by the admin: 64, saying how stock is moved" \
    "64 $T/st.csv:1: stock are written only by posting documents; receipts, issues and transfers are imported as stock-moves" \
    "$rc $err"
is "... the stock as it was" "MAIN,Основной,60,0,60,0
SHOP,Магазин,20,0,20,0" "$(stock_csv A-1)"
printf 'code,kind\nAR-1,print\n' >"$T/ar.csv"
run "$K" import archive "$T/ar.csv"
is "import archive: 64 too" 64 "$rc"

# A move: no entries of its own; its document's history and the import.
run "$K" audit --entity stock_moves --id 4
is "audit of a move exits 0" 0 "$rc"
like "a move's audit shows the import of its file" \
    "stock_lines 0 import" "$out"
like "... naming its document" "doc: (none) -> \"$doc1\"" "$out"
like "... and the document's create" "stock_docs 1 create" "$out"

# --- a second file into the indexes the first one filled ----------------
printf 'type,sku,warehouse,quantity,to_warehouse,unit_cost\nissue,A-1,SHOP,5,,\nreceipt,B-2,MAIN,7,,6.00\n' \
    >"$T/m2.csv"
run "$K" import stock-moves "$T/m2.csv"
is "the second file posted" 0 "$rc"
runcsv() { run "$@"; out=$(printf '%s\n' "$out" | tr -d '\r'); }
runcsv "$K" report moves --sku A-1 --format csv
is "A-1's moves found by product, from both files" 7 \
    "$(printf '%s\n' "$out" | wc -l)"
is "two import entries" 2 "$(naudit stock_lines import)"

# --- short after the file's own receipts: refused at that line ------------
before=$(stock_csv B-2)
cat >"$T/short.csv" <<'CSV'
type,sku,warehouse,quantity
receipt,B-2,SHOP,3
issue,B-2,SHOP,5
issue,B-2,SHOP,5
CSV
run "$K" import stock-moves "$T/short.csv"
is "short: exit 65" 65 "$rc"
is "short: the line that goes short, the numbers after the file's receipt" \
    "$T/short.csv:4: B-2 at SHOP: 4 available, 5 requested" "$err"
is "short: B-2 unchanged" "$before" "$(stock_csv B-2)"
is "short: no new moves" 10 "$(nmoves)"
printf 'type,sku,warehouse,quantity\nreceipt,A-1,MAIN,1\nissue,Z-9,MAIN,1\n' \
    >"$T/nosku.csv"
run "$K" import stock-moves "$T/nosku.csv"
is "an unknown SKU: the line and column" \
    "$T/nosku.csv:3: column 'sku': no products with code \"Z-9\"" "$err"
printf 'type,sku,warehouse,quantity\nreceipt,A-1,MAIN,1\nissue,A-1,MAIN,x\n' \
    >"$T/badq.csv"
run "$K" import stock-moves "$T/badq.csv"
is "a bad cell: exit 65" 65 "$rc"
is "refused files: still two import entries, no lines' creates" "2 0" \
    "$(naudit stock_lines import) $(naudit stock_lines create)"
is "refused files: no new moves" 10 "$(nmoves)"

# --- lots: an issue of a lot received earlier in the same file ------------
cat >"$T/lots.csv" <<'CSV'
type,sku,warehouse,quantity,lot
receipt,L-3,MAIN,8,P-1
issue,L-3,MAIN,3,P-1
CSV
run "$K" import stock-moves "$T/lots.csv"
is "a lot received and issued in one file" 0 "$rc"
printf 'type,sku,warehouse,quantity,lot\nreceipt,L-3,MAIN,1,P-2\nissue,L-3,MAIN,6,P-1\n' \
    >"$T/lotshort.csv"
run "$K" import stock-moves "$T/lotshort.csv"
is "more than the lot holds: the lot named" \
    "$T/lotshort.csv:3: L-3 lot P-1 at MAIN: 5 available, 6 requested" \
    "$err"
is "L-3" "MAIN,Основной,5,0,5,0" "$(stock_csv L-3)"

# A lot or an expiry on a product not kept by lots is refused, naming the
# line and column (it was taken, and its lot never used up); the same on
# a draft's line by import stock_lines --update.
n0=$(nmoves)
printf 'type;sku;warehouse;quantity;lot;expiry\nreceipt;L-3;SHOP;1;P-3;31.12.2026\nreceipt;A-1;SHOP;10;L-OLD;31.12.2026\n' \
    >"$T/nolot.csv"
run "$K" import stock-moves "$T/nolot.csv" --delimiter ';'
is "a lot on a product not kept by lots: exit 65" 65 "$rc"
is "... line, column and reason" \
    "$T/nolot.csv:3: A-1 is not kept by lots: column 'lot': must be empty" \
    "$err"
printf 'type;sku;warehouse;quantity;lot;expiry\nreceipt;A-1;SHOP;10;;31.12.2026\n' \
    >"$T/noexp.csv"
run "$K" import stock-moves "$T/noexp.csv" --delimiter ';'
is "an expiry alone: refused too" \
    "65 $T/noexp.csv:2: A-1 is not kept by lots: column 'expiry': must be empty" \
    "$rc $err"
is "... nothing moved" "$n0" "$(nmoves)"
printf 'code,type,warehouse\nRCP-D1,receipt,MAIN\n' >"$T/d.csv"
printf 'doc,product,qty\nRCP-D1,B-2,1\n' >"$T/dl.csv"
"$K" import stock_docs "$T/d.csv" >/dev/null 2>&1
"$K" import stock_lines "$T/dl.csv" >/dev/null 2>&1
LN=$("$K" export stock_lines | grep ',RCP-D1,' | cut -d, -f1)
printf 'code,lot\n%s,L-X\n' "$LN" >"$T/ul.csv"
run "$K" import stock_lines "$T/ul.csv" --update
is "import stock_lines --update: a lot on B-2 refused" \
    "65 $T/ul.csv:2: B-2 is not kept by lots: column 'lot': must be empty" \
    "$rc $err"

run "$K" check
is "kontor check passes over the imports" 0 "$rc"
