# The sales reports' data set, made through the command line (sourced by
# tests/cli/test_sales_reports.sh, test_reports_new.sh and
# test_reports_saved.sh after lib.sh, with K set; five checks, three of
# them orders.sh's):
# two warehouses (NEG allows negative stock), two categories, two
# customers (ROMASHKA managed by petrov), three products with one cost
# each; then tests/data/sales/orders.sh: five orders confirmed, three
# shipped and posted on dated drafts, two returns.  The figures every
# report shows of it are worked out in tests/cli/test_sales_reports.sh.
run "$K" init --company "ООО «Торговый дом»"
is "init" 0 "$rc"
"$K" user add petrov --role sales >/dev/null 2>&1
printf 'code,name,allow_negative\nMAIN,Основной склад,no\nNEG,Склад под заказ,yes\n' \
    >"$T/wh.csv"
printf 'code,name\nFAST,Крепёж\nPAINT,Краски\n' >"$T/cat.csv"
cat >"$T/c.csv" <<'CSV'
code,name,kind,inn,manager
ROMASHKA,ООО «Ромашка»,company,7707083893,petrov
VASILEK,ИП Васильков,person,,
CSV
cat >"$T/p.csv" <<'CSV'
sku,name,unit,purchase_price,sale_price,vat,category
SKU-1,Болт М8×40,pcs,10.00,15.00,20,FAST
SKU-2,Краска белая,kg,100.00,150.00,20,PAINT
SKU-3,Гайка М8,pcs,1.00,2.00,10,FAST
CSV
# One cost per product (receipts at the purchase price): the moving
# average never moves, so cost = quantity x that price.
cat >"$T/in.csv" <<'CSV'
type,sku,warehouse,quantity,unit_cost
receipt,SKU-1,MAIN,100,10.00
receipt,SKU-2,MAIN,10,100.00
receipt,SKU-3,MAIN,1000,1.00
receipt,SKU-3,NEG,20,1.00
CSV
rc=0
for f in warehouses:wh categories:cat customers:c products:p; do
	"$K" import "${f%%:*}" "$T/${f#*:}.csv" >/dev/null 2>&1 || rc=$?
done
"$K" import stock-moves "$T/in.csv" >/dev/null 2>&1 || rc=$?
is "masters and stock" 0 "$rc"

. "$KONTOR_SRCDIR/tests/data/sales/orders.sh"
