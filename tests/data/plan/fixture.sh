# tests/data/plan/fixture.sh: the MRP fixture of tests/cli/test_plan.sh
# and tests/tui/test_plan_tui.sh, sourced after kontor init.  Needs $K
# (the kontor command, split on blanks: it may carry --socket) and $T;
# sets fx_rc: the first failure's exit code, 0 when all went in.
d() { date -d "+$1 days" +%Y-%m-%d; }
printf 'code,name,allow_negative\nMAIN,Склад под заказ,yes\n' >"$T/wh.csv"
cat >"$T/sup.csv" <<'CSV'
code,name,lead_days
SUPA,ООО «Крепёж»,5
SUPB,ООО «Фанера»,10
CSV
cat >"$T/p.csv" <<CSV
sku,name,kind,unit,decimals,supplier,purchase_price,sale_price
CHAIR,Стул «Венский»,finished,pcs,0,,,5000.00
SEAT,Сиденье,material,pcs,0,,,
LEG,Ножка стула,material,pcs,0,SUPA,90.00,
PLY,Фанера 10 мм,material,m2,1,SUPB,400.00,
SCREW,Винт 4×30,material,pcs,0,SUPA,0.60,
CSV
cat >"$T/sp.csv" <<'CSV'
supplier,product,price,lead_days,min_qty
SUPA,LEG,85.00,,
SUPA,SCREW,0.50,3,
SUPB,PLY,350.00,7,5
CSV
printf 'code,name,hours_per_day,days,rate\nWC1,Сборка,8,1234567,500.00\n' >"$T/wc.csv"
cat >"$T/boms.csv" <<'CSV'
product,version,yield,component,quantity,scrap,work_centre,hours
CHAIR,1,1,SEAT,1,,WC1,2
CHAIR,1,1,LEG,4,,WC1,2
CHAIR,1,1,SCREW,8,5,WC1,2
SEAT,1,1,PLY,0.5,,WC1,0.5
SEAT,1,1,SCREW,4,,WC1,0.5
CSV
cat >"$T/in.csv" <<'CSV'
type,sku,warehouse,quantity,unit_cost
receipt,CHAIR,MAIN,2,3000.00
receipt,LEG,MAIN,10,85.00
receipt,PLY,MAIN,3,350.00
receipt,SCREW,MAIN,150,0.50
CSV
printf 'product,warehouse,min_qty,max_qty\nSCREW,MAIN,100,500\n' >"$T/lim.csv"
printf 'code,name,kind,inn\nIVANOV,ИП Иванов,person,\nPETROV,ООО «Петров»,company,7707083893\n' >"$T/c.csv"
cat >"$T/so.csv" <<CSV
order,customer,warehouse,ship_date,sku,quantity
A,IVANOV,MAIN,$(d 1),CHAIR,7
B,PETROV,MAIN,$(d 6),CHAIR,4
C,IVANOV,MAIN,$(d 10),CHAIR,3
C,IVANOV,MAIN,$(d 10),LEG,2
CSV
printf 'code,supplier,warehouse,expected\nPO-OPEN,SUPA,MAIN,%s\n' "$(d 4)" >"$T/po.csv"
printf 'po,product,qty,price\nPO-OPEN,LEG,20,85.00\n' >"$T/pol.csv"
fx_rc=0
for f in warehouses:wh suppliers:sup products:p supplier_prices:sp \
    work_centres:wc customers:c stock_limits:lim; do
	$K import "${f%%:*}" "$T/${f#*:}.csv" >"$T/fx.out" 2>&1 ||
	    { fx_rc=$?; cat "$T/fx.out" >&2; }
done
for f in "import boms $T/boms.csv" "import stock-moves $T/in.csv" \
    "import sales-orders $T/so.csv --post" \
    "import purchase_orders $T/po.csv" "import po_lines $T/pol.csv" \
    "post PO-OPEN"; do
	$K $f >"$T/fx.out" 2>&1 || { fx_rc=$?; echo "$f" >&2; cat "$T/fx.out" >&2; }
done
