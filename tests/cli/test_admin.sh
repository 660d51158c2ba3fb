#!/bin/sh
# The command line as an administrator meets it: what show, import, check
# and backup say and where; references by code; exports for scripts.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 2
K="$KONTOR"

"$K" init --company "Тест" >/dev/null 2>&1
"$K" user add ivanov --role sales >/dev/null 2>&1

# show names a reference by its code, as export does.
printf 'code,name,kind,manager\nC-1,Ромашка,company,ivanov\n' >"$T/mgr.csv"
"$K" import customers "$T/mgr.csv" 2>/dev/null
run "$K" show customers C-1
like "show: the manager by login" 'manager      "ivanov"' "$out"
run "$K" export customers
like "export: the manager by login" ',ivanov,' "$out"
done_testing
