#!/bin/sh
# The pick list of a production order (issue 14): kontor print MO-... on a
# small fixture (a table of four components, one kept by lots in two lots,
# one received into a bin).  A draft has nothing to pick: refused with the
# command that releases it.  Released, the order's default form is the
# pick list: to PDF (pdftotext reads the title, the product, the
# warehouse and each component's exact quantity to pick, its box, its
# lots and bin) and to 80-column text (the same rows, boxes as [ ], no
# line past 80 columns); another document's form is refused for it.
# After 2 of 5 are made the list says so and asks only for what is still
# reserved.  A warehouse clerk (role warehouse, a Unix login of its own on
# a shared socket) prints it; a sales clerk may not.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
command -v pdftotext >/dev/null ||
    skip_all "pdftotext missing (Debian's poppler-utils)"
plan 31
K="$KONTOR"
skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n # SKIP $1"; }

run "$K" init --company "ООО «Мебельная фабрика»"
is "init" 0 "$rc"
printf 'code,name\nMAIN,Склад материалов\nFG,Склад готовой продукции\n' \
    >"$T/wh.csv"
printf 'code,warehouse,name\nA-01-2,MAIN,Стеллаж A\n' >"$T/bins.csv"
cat >"$T/p.csv" <<'CSV'
sku,name,kind,unit,lots
TBL,Стол обеденный,finished,pcs,
TOP,Столешница дубовая,material,pcs,
LEG,Ножка,material,pcs,
GLUE,Клей ПВА,material,kg,yes
SCR,Винт 4×40,material,pcs,
CSV
cat >"$T/boms.csv" <<'CSV'
product,version,yield,component,quantity,scrap
TBL,1,1,TOP,1,
TBL,1,1,LEG,4,
TBL,1,1,GLUE,0.25,
TBL,1,1,SCR,16,5
CSV
cat >"$T/in.csv" <<'CSV'
type,sku,warehouse,quantity,unit_cost,lot,expiry,bin
receipt,TOP,MAIN,10,1000.00,,,A-01-2
receipt,LEG,MAIN,40,100.00,,,
receipt,GLUE,MAIN,1,300.00,G-01,2027-01-31,
receipt,GLUE,MAIN,2,300.00,G-02,2027-06-30,
receipt,SCR,MAIN,200,0.50,,,
CSV
printf 'product,qty,comp_warehouse,fg_warehouse,start,finish\nTBL,5,MAIN,FG,2026-03-04,2026-03-05\n' \
    >"$T/mo.csv"
for f in wh:warehouses bins:bins p:products boms:boms in:stock-moves \
    mo:production_orders; do
	"$K" import "${f#*:}" "$T/${f%%:*}.csv" >/dev/null 2>&1 || break
done
MO=$("$K" export production_orders | tr -d '\r' | sed 1d | cut -d, -f1)
like "the fixture: an order" "MO-" "$MO"

# --- a draft ------------------------------------------------------------------
run "$K" print "$MO" -o "$T/draft.pdf"
is "a draft has nothing to pick: exit 65" 65 "$rc"
is "... said, with how to release it" \
    "kontor: $MO is not released: it has no components to pick (kontor post $MO)" \
    "$err"
ok "... and no file" test ! -e "$T/draft.pdf"

run "$K" post "$MO"
is "released" 0 "$rc"

# --- PDF: the default form ----------------------------------------------------
run sh -c "cd '$T' && '$K' print '$MO'"
is "print MO: the default form to ./MO.pdf" "$MO.pdf" "$out"
ok "... a PDF" sh -c "head -c 5 '$T/$MO.pdf' | grep -q '%PDF-'"
run "$K" print "$MO" --form picklist -o "$T/pl.pdf"
is "--form picklist -o FILE.pdf" 0 "$rc"
ok "... the same bytes as the default" cmp -s "$T/$MO.pdf" "$T/pl.pdf"
pdf=$(pdftotext -layout "$T/pl.pdf" - 2>/dev/null | tr -s ' ')
like "the title" "Лист подбора материалов к заказу на производство
$MO от " "$pdf"
like "the product and the quantity to make" \
    "Продукция: TBL Стол обеденный
Количество: 5 шт" "$pdf"
like "the components warehouse" "MAIN Склад материалов" "$pdf"
# One row a component: №, SKU, name, unit, to pick, box, lot or bin.
like "TOP: 5, from its bin" " 1 TOP Столешница дубовая шт 5 ☐ яч. A-01-2" \
    "$pdf"
like "LEG: 4 x 5 = 20" " 2 LEG Ножка шт 20 ☐" "$pdf"
like "GLUE: 1,25 from the lot that expires first, the rest from the next" \
    " 3 GLUE Клей ПВА кг 1,25 ☐ G-01: 1
 G-02: 0,25" "$pdf"
like "SCR: 16 x 5 + 5 % = 84" " 4 SCR Винт 4×40 шт 84 ☐" "$pdf"
like "the signatures" "Выдал" "$pdf"
like "... and who took" "Получил" "$pdf"

# --- text ---------------------------------------------------------------------
run "$K" print "$MO" --format text -o "$T/pl.txt"
is "--format text -o FILE.txt" 0 "$rc"
txt=$(cat "$T/pl.txt")
like "the text: the title" \
    "Лист подбора материалов к заказу на производство $MO от " "$txt"
like "... GLUE's row with its box and first lot" \
    "|   3 | GLUE     | Клей ПВА      |  кг   |     1,25 |   [ ]    | G-01: 1       |" \
    "$txt"
is "... 80 columns at the widest" 80 \
    "$(LC_ALL=C.UTF-8 wc -L <"$T/pl.txt" | tr -d ' ')"

run "$K" print "$MO" --form invoice -o "$T/x.pdf"
is "another document's form: exit 64" 64 "$rc"
like "... named, with the forms there are for it" "forms for it: picklist" \
    "$err"

# --- made in part -------------------------------------------------------------
"$K" produce "$MO" --quantity 2 >/dev/null 2>&1
pdf=$("$K" print "$MO" -o - | pdftotext -layout - - 2>/dev/null | tr -s ' ')
like "made 2 of 5: said" "Количество: 5 шт (изготовлено 2)" "$pdf"
like "... and only what is still reserved to pick: 84 less the 34 consumed" \
    " 4 SCR Винт 4×40 шт 50 ☐" "$pdf"
like "... the glue from what is left of the first lot, then the next" \
    " 3 GLUE Клей ПВА кг 0,75 ☐ G-01: 0,5
 G-02: 0,25" "$pdf"

# --- as the warehouse clerk ---------------------------------------------------
G=kontorsock
if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null ||
    ! command -v useradd >/dev/null; then
	skip "not root, or no setpriv/useradd: no clerks' Unix logins"
	skip "as above"
	skip "as above"
else
	getent group $G >/dev/null || groupadd $G 2>/dev/null || true
	for u in kt_wh kt_sales; do
		getent passwd $u >/dev/null ||
		    useradd -M -N -g $G -s /bin/sh $u 2>/dev/null || true
	done
	"$K" user add kt_wh --role warehouse --name "Складов Семён" \
	    >/dev/null 2>&1
	"$K" user add kt_sales --role sales --name "Продавцов Пётр" \
	    >/dev/null 2>&1
	"$K" stop >/dev/null 2>&1
	S=$T/shared
	mkdir -m 0711 "$S"
	mkdir -m 0700 "$S/wh" && chown kt_wh "$S/wh"
	SOCK=$S/kontor.sock
	"$K" --socket "$SOCK" serve --socket-group $G >/dev/null 2>&1 &
	srv=$!
	EXTRA_CLEANUP='kill $srv 2>/dev/null; wait $srv 2>/dev/null'
	poll_until 10 test -S "$SOCK"
	chmod 0755 "$T"
	as() {
		_u=$1
		shift
		run setpriv --reuid="$(id -u $_u)" --regid="$(getent group $G |
		    cut -d: -f3)" --clear-groups env KONTOR_SOCKET="$SOCK" \
		    KONTOR_HOME="$KONTOR_HOME" "$@"
	}
	as kt_wh "$K" print "$MO" -o "$S/wh/pick.pdf"
	is "the warehouse clerk prints it" 0 "$rc"
	like "... the components and quantities" \
	    " 2 LEG Ножка шт 12 ☐" \
	    "$(pdftotext -layout "$S/wh/pick.pdf" - 2>/dev/null | tr -s ' ')"
	as kt_sales "$K" print "$MO" --format text -o -
	is "a sales clerk may not: exit 77" 77 "$rc"
fi
