# The sales reports' orders, shipments and returns (sourced by
# tests/data/sales/fixture.sh after its masters and stock, and by
# tests/cli/test_dashboard.sh after its own; three checks of its own):
# customers ROMASHKA (managed by petrov) and VASILEK, warehouses MAIN and
# NEG (negative stock allowed), SKU-1..3 must be there.
# SO-1 ROMASHKA (petrov): SKU-1 x10, SKU-3 x100; SO-2 VASILEK (root):
# SKU-2 x3; SO-3 VASILEK (no manager; VASILEK has none): SKU-1 x4, SKU-2
# x2; SO-4 and SO-5 at NEG (negative stock allowed) for 15 + 10 SKU-3
# where 20 are: both confirm.
cat >"$T/so.csv" <<'CSV'
order,customer,date,warehouse,sku,quantity,manager
A,ROMASHKA,2026-03-02,MAIN,SKU-1,10,petrov
A,ROMASHKA,2026-03-02,MAIN,SKU-3,100,petrov
B,VASILEK,2026-03-03,MAIN,SKU-2,3,root
C,VASILEK,2026-03-09,MAIN,SKU-1,4,
C,VASILEK,2026-03-09,MAIN,SKU-2,2,
D,VASILEK,2026-03-20,NEG,SKU-3,15,
E,ROMASHKA,2026-03-21,NEG,SKU-3,10,
CSV
run "$K" import sales-orders "$T/so.csv" --post
is "orders confirmed" 0 "$rc"
rc=0
for n in 1 2 3; do "$K" ship SO-2026-00000$n >/dev/null 2>&1 || rc=$?; done
# The drafts dated: SHP-1 Mon 2 March (ISO week 10), SHP-2 Wed 4 March
# (week 10), SHP-3 Tue 10 March (week 11); SHP-3 ships 1 of the 2 SKU-2.
printf 'code,date\nSHP-2026-000001,2026-03-02\nSHP-2026-000002,2026-03-04\nSHP-2026-000003,2026-03-10\n' \
    >"$T/sd.csv"
"$K" import shipments "$T/sd.csv" --update >/dev/null 2>&1 || rc=$?
printf 'code,shipment,line,product,qty\nSHL-000005,SHP-2026-000003,2,SKU-2,1\n' \
    >"$T/shl.csv"
"$K" import shipment_lines "$T/shl.csv" --update >/dev/null 2>&1 || rc=$?
for n in 1 2 3; do "$K" post SHP-2026-00000$n >/dev/null 2>&1 || rc=$?; done
is "shipped and posted" 0 "$rc"
# Returns as drafts, dated, posted: RET-1 2 SKU-1 of SHP-1 on Wed 1 April
# (week 14), reason брак; RET-2 1 SKU-2 of SHP-2 on Thu 5 March (week 10).
"$K" return SHP-2026-000001 --sku SKU-1 --quantity 2 --draft \
    --reason брак >/dev/null 2>&1 || rc=$?
"$K" return SHP-2026-000002 --sku SKU-2 --quantity 1 --draft \
    >/dev/null 2>&1 || rc=$?
printf 'code,date\nRET-2026-000001,2026-04-01\nRET-2026-000002,2026-03-05\n' \
    >"$T/rd.csv"
"$K" import customer_returns "$T/rd.csv" --update >/dev/null 2>&1 || rc=$?
"$K" post RET-2026-000001 >/dev/null 2>&1 || rc=$?
"$K" post RET-2026-000002 >/dev/null 2>&1 || rc=$?
is "returns posted" 0 "$rc"
