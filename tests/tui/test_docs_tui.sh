#!/bin/sh
# The stock documents (:docs) as a warehouse clerk sees them in Russian at
# 80x24 under TERM=vt100.  s sorts by type and by status again, though
# neither has an index (issue 16): the list's rows are read whole and
# sorted in the session while they are at most 2000; over that the status
# line says the sort is not available and which one the list has
# instead.  The hint names only what the document under the cursor
# takes: p for a draft, r for a posted one, neither for one in transit.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
need_russian
plan 14

clerks_setup --demo --company "ООО «Ромашка»"
clerk_add kt_wh warehouse "Кладовщиков Иван"

# col PANE 2|3: the list's types (2) or statuses (3), row by row, in
# order; sorted_col: they are in the order of their words.
TYPES='инвентаризация\|корректировка\|перемещение\|поступление\|резервирование\|списание'
STATES='в пути\|проведён\|черновик\|сторнирован'
col() { screen "$1" | sed -n '3,22p' | grep -- '-2026-' |
    if [ "$2" = 2 ]; then grep -o "$TYPES"; else grep -o "$STATES"; fi; }
sorted_col() { _c=$(col "$1" "$2"); [ -n "$_c" ] &&
    [ "$_c" = "$(printf '%s\n' "$_c" | LC_ALL=C sort -s)" ]; }
hint_has() { screen "$1" | sed -n 23p | grep -qF -- "$2"; }
hint_lacks() { ! hint_has "$@"; }

export TUI_LANG=ru_RU.UTF-8
tui kt_wh w vt100
wait_for w "Главное меню"
keys w ':docs' Enter
wait_for w "Складские документы"
wait_for w "RCP-2026-000001"
# Number, then type.
keys w s
poll_until 10 shows w "Сортировка: Номер"
keys w s
ok "s: sorted by type" poll_until 10 shows w "Сортировка: Вид"
ok "... the rows in the order of the type's words" sorted_col w 2
ok "... the count first (инвентаризация), the issue last (списание)" \
    test "$(col w 2 | head -1)/$(col w 2 | tail -1)" = \
    "инвентаризация/списание"
keys w s
ok "s: sorted by status" poll_until 10 shows w "Сортировка: Статус"
ok "... in transit first, the draft last" \
    test "$(col w 3 | head -1)/$(col w 3 | tail -1)" = "в пути/черновик"

# The hint: the transfer in transit under the cursor takes neither.
keys w Home
poll_until 10 cursor_on w "в пути"
ok "in transit: neither p nor r in the hint" \
    poll_until 10 hint_lacks w "p провести"
ok "... nor r" hint_lacks w "r сторно"
keys w End
poll_until 10 cursor_on w "черновик"
ok "a draft: p post" poll_until 10 hint_has w "p провести"
ok "... not r" hint_lacks w "r сторно"
keys w Up
ok "a posted one: r reverse" poll_until 10 hint_has w "r сторно"
ok "... not p" hint_lacks w "p провести"

# 2100 documents more: the sort by type is over the bound.
(echo code,type,date,warehouse
i=1; while [ $i -le 2100 ]; do echo "X$i,issue,2026-12-01,MAIN";
i=$((i + 1)); done) >"$T/d.csv"
K import stock-docs "$T/d.csv" >/dev/null 2>&1
keys w Escape ':docs' Enter
wait_for w "Складские документы"
keys w s
poll_until 10 shows w "Сортировка: Номер"
keys w s
ok "over 2000: the status line says type does not sort, and the sort instead" \
    poll_until 10 shows w "Вид: строк больше 2000, не сортируется; сортировка: Дата"
ok "... and the list is sorted by date (the demo's oldest first)" \
    poll_until 10 row_has w "RCP-2026-000005" "15.11.2026"
keys w s
ok "... the next s goes on from it" poll_until 10 shows w "Сортировка: Склад"
done_testing
