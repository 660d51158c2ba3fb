#!/bin/sh
# Material planning end to end (issue 14's MRP fixture): three confirmed
# sales orders with different promised dates (at a warehouse that sells
# past its stock, as made-to-order goods are sold), a three-level BOM
# (CHAIR <- SEAT <- PLY, SCREW at two depths, scrap on one line), stock,
# an open purchase order, a minimum stock level, two suppliers with lead
# times, supplier prices and a minimum order, a work centre's hours a
# day.  kontor plan proposes exactly what and when (the dates relative to
# today: dates before today become today and are late), --csv, --horizon
# leaves out what is later; --apply makes the drafts (their numbers on
# stdout), planning again proposes nothing and a second --apply makes
# nothing; kontor check passes; bad options are refused.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 22
K="$KONTOR"
Y=$(date +%Y)
d() { date -d "+$1 days" +%Y-%m-%d; }
csv() { "$K" plan --csv "$@" 2>&1 | tr -d '\r'; }
nrec() { "$K" export "$1" | tr -d '\r' | sed 1d | wc -l; }

run "$K" init --company "ООО «Мебель»"
is "init" 0 "$rc"
. "$KONTOR_SRCDIR/tests/data/plan/fixture.sh"
is "the fixture: masters, BOMs, stock, orders confirmed, a PO sent" 0 "$fx_rc"

# The arithmetic (today = T, days from it):
# CHAIR: 2 on hand; SO-1 7 on T+1, SO-2 4 on T+6, SO-3 3 on T+10: make
#   5, 4, 3 on those dates; 2 h a chair at 8 h a day: 10 h = 2 days
#   (T-1: today, late), 8 h and 6 h = 1 day.
# SEAT: nothing on hand; needed at each chair's start: make 5 on T
#   (start T-1: late), 4 on T+5, 3 on T+9, 0.5 h a seat = 1 day each.
# LEG: 10 on hand, 20 coming on T+4 (PO-OPEN); 4 a chair on the chairs'
#   starts (20 on T, 16 on T+5, 12 on T+9) and SO-3's own 2 on T+10:
#   buy 10 on T (5 days' lead: late), 8 on T+9, 2 on T+10.
# PLY: 3 m2; 0.5 a seat: 2.5 on T, 2 on T+4 (short 1.5: SUPB's minimum
#   order is 5), 1.5 on T+8 (covered by those 5); 7 days' lead (the
#   supplier price's, not SUPB's 10).
# SCREW: 150, minimum 100, maximum 500; 8 a chair with 5 % scrap and 4 a
#   seat: 42 + 20 = 62 on T leave 88: bought up to 500 (412), 3 days.
expected="action,sku,quantity,need_date,start_date,supplier,unit_price,for,late
make,CHAIR,5,$(d 1),$(d 0),,,SO-$Y-000001,yes
make,CHAIR,4,$(d 6),$(d 5),,,SO-$Y-000002,no
make,CHAIR,3,$(d 10),$(d 9),,,SO-$Y-000003,no
buy,LEG,10,$(d 0),$(d 0),SUPA,85.00,SO-$Y-000001,yes
buy,LEG,8,$(d 9),$(d 4),SUPA,85.00,SO-$Y-000003,no
buy,LEG,2,$(d 10),$(d 5),SUPA,85.00,SO-$Y-000003,no
make,SEAT,5,$(d 0),$(d 0),,,SO-$Y-000001,yes
make,SEAT,4,$(d 5),$(d 4),,,SO-$Y-000002,no
make,SEAT,3,$(d 9),$(d 8),,,SO-$Y-000003,no
buy,PLY,5,$(d 4),$(d 0),SUPB,350.00,SO-$Y-000002,yes
buy,SCREW,412,$(d 0),$(d 0),SUPA,0.50,\"SO-$Y-000001, min stock\",yes"
is "the proposals, exactly, in order (level, SKU, date)" "$expected" "$(csv)"

run "$K" plan
is "the table: exit 0" 0 "$rc"
like "... with its heading" "Action  SKU    Name" "$out"
like "... a make's line" "make    CHAIR  Стул «Венский»         5  pcs   $(d 1)  $(d 0)" "$out"
like "... a buy's with its supplier and price" "SUPB      350,00" "$out"

is "--horizon 5: what is needed later is left out" \
"action,sku,quantity,need_date,start_date,supplier,unit_price,for,late
make,CHAIR,5,$(d 1),$(d 0),,,SO-$Y-000001,yes
buy,LEG,10,$(d 0),$(d 0),SUPA,85.00,SO-$Y-000001,yes
make,SEAT,5,$(d 0),$(d 0),,,SO-$Y-000001,yes
buy,SCREW,412,$(d 0),$(d 0),SUPA,0.50,\"SO-$Y-000001, min stock\",yes" \
    "$(csv --horizon 5)"

run "$K" plan --horizon 0
is "--horizon 0: a usage error" \
    "64 kontor: --horizon: from 1 to 3660 days expected, got '0'" "$rc $err"
run "$K" plan extra
is "an argument: usage, exit 64" 64 "$rc"
is "... nothing was made by looking" "0 1" \
    "$(nrec production_orders) $(nrec purchase_orders)"

run "$K" plan --apply
is "--apply: exit 0" 0 "$rc"
is "... the numbers made on stdout: an order per make, a PO per supplier" \
"MO-$Y-000001
MO-$Y-000002
MO-$Y-000003
MO-$Y-000004
MO-$Y-000005
MO-$Y-000006
PO-$Y-000001
PO-$Y-000002" "$out"
is "... counted" "kontor: 8 drafts made" "$err"
mo() { "$K" export production_orders | tr -d '\r' |
    awk -F, -v c="$1" '$1 == c'; }
like "... a make: CHAIR 5 from today to T+1, for SO-1, drafted" \
    "MO-$Y-000001,produce,CHAIR,5,,BOM-000001,MAIN,MAIN,$(d 0),$(d 0),$(d 1),SO-$Y-000001,draft" \
    "$(mo MO-$Y-000001)"
pol=$("$K" export po_lines | tr -d '\r' | cut -d, -f2-6 | sed 1d)
is "... the POs' lines, grouped by supplier, at the supplier prices" \
"PO-OPEN,1,LEG,20,85.00
PO-$Y-000001,1,LEG,10,85.00
PO-$Y-000001,2,LEG,8,85.00
PO-$Y-000001,3,LEG,2,85.00
PO-$Y-000001,4,SCREW,412,0.50
PO-$Y-000002,1,PLY,5,350.00" "$pol"
is "... expected on the earliest date their lines are needed" \
    "SUPA,MAIN,$(d 0),draft
SUPB,MAIN,$(d 4),draft" \
    "$("$K" export purchase_orders | tr -d '\r' | grep 'made by planning' |
    cut -d, -f2,3,5,6)"

is "planned again: the drafts count, nothing is proposed" \
    "action,sku,quantity,need_date,start_date,supplier,unit_price,for,late" \
    "$(csv)"
run "$K" plan
is "... the table says so" \
    "0 kontor: nothing to propose: the orders, stock and minimums are covered" \
    "$rc $err"
run "$K" plan --apply
is "a second --apply makes nothing" "0 kontor: 0 drafts made" "$rc $err"
is "... nothing made twice" "6 3" \
    "$(nrec production_orders) $(nrec purchase_orders)"
run "$K" check
is "kontor check passes" 0 "$rc"
done_testing
