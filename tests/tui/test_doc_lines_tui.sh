#!/bin/sh
# Document screens as clerks meet them at 80x24, vt100, in Russian
# (session 27, the outside tester's pass):
#  - a purchase order's line refused on F2 (1,5 of a whole-piece
#    product) keeps its form open with what was typed and says why, whole
#    under F1; the form closed and the input was lost, the reason cut at
#    the key value (#9);
#  - order entry refuses 1,5 of a whole-piece product as it is typed; it
#    took and totalled it, refusing only on F2 (#9).
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
plan 10

clerks_setup --demo --company "ООО «Ромашка»"
clerk_add kt_manager manager "Начальников Олег"
TUI_LANG=ru_RU.UTF-8
export TUI_LANG
locale -a 2>/dev/null | grep -qi '^ru_RU.utf-\{0,1\}8$' ||
    skip_all "no ru_RU.UTF-8 locale"

# The demo's draft purchase order: the third.
Y=$(date +%Y)
PO=PO-$Y-000003

tui kt_manager p vt100
wait_for p "Главное меню" >/dev/null
keys p ":" "po $PO" Enter
wait_for p "$PO  черновик" >/dev/null
keys p a
wait_for p "*Количество" >/dev/null
keys p "SKU-1002" Tab "1,5"
keys p F2
ok "a line of 1,5 whole pieces is refused: the form stays" \
    stays p "*Количество 1,5"
ok "... with the product typed" wait_for p "*Товар      SKU-1002"
ok "... saying why on the status line" \
    wait_for p "Не сохранено: строка 2: SKU-1002 учитывается в целых"
keys p F1
ok "F1: the whole message" wait_for p "получено"
ok "... to its end" wait_for p "  1,5"
keys p Escape
keys p C-u "2"
keys p F2
ok "corrected, F2 saves the line" wait_for p "Сохранено $PO"
ok "... the line on the order" row_has p "SKU-1002" "Гайка"
keys p Escape

# Order entry: 1,5 of SKU-1002 (pieces) refused as typed.
keys p ":" "so" Enter
keys p n
wait_for p "*Клиент" >/dev/null
keys p "C-000001" Tab Tab "MAIN"
keys p F2
wait_for p "Артикул, скан или имя" >/dev/null
keys p "SKU-1002" Enter
wait_for p "SKU-1002 кол-во" >/dev/null
keys p "1,5" Enter
ok "order entry: 1,5 pieces refused as typed" \
    wait_for p "SKU-1002 учитывается в целых единицах (шт), получено 1,5"
ok "... no line taken" wait_for p "0 строк"
keys p C-u "2" Enter
ok "2 is taken" row_has p "SKU-1002" "Гайка"
keys p Escape
done_testing
