#!/bin/sh
# Document screens as clerks meet them at 80x24, vt100, in Russian
# (session 27, the outside tester's pass):
#  - a purchase order's line refused on F2 (1,5 of a whole-piece
#    product) keeps its form open with what was typed and says why, whole
#    under F1; the form closed and the input was lost, the reason cut at
#    the key value (#9);
#  - order entry refuses 1,5 of a whole-piece product as it is typed; it
#    took and totalled it, refusing only on F2 (#9);
#  - :pay shows each payment's status at 80 columns (it was pushed off:
#    a cancelled payment looked posted), the payment's card shows it, and
#    a stored payment's fields other than its notes are shown, not open
#    to typing (a new amount was refused on F2 in CSV words) (#8);
#  - two managers save the same order: the second is told the whole
#    reason and offered a reload (asked) or to keep editing; it said a
#    cut reason and offered nothing (#19);
#  - :mo: m, r, c, x work on the list's row as the man page says; typing
#    in the completion's quantity box replaces the prefilled default (1
#    made 31 of a prefilled 3); the panel's headings whole at 80 (#20);
#  - :pay, :acct, :sup (and its card) and :task have a key bar as the
#    other lists; a list's name cut short ends in … (the PO list's
#    «АО «Электро» read as whole); the account lookup shows names (#23);
#    :acct's m (:pay BANK), a filtered list opened at its end, lists the
#    account's payments (it listed none).
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
plan 43

clerks_setup --demo --company "ООО «Ромашка»"
clerk_add kt_manager manager "Начальников Олег"
clerk_add kt_sales accountant "Счетоводова Бэлла"
clerk_add kt_wh manager "Второв Виктор"
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
keys p y

# Payments, as the accountant: one out to a supplier, one in cancelled.
PIN=$(K pay C-000002 --amount 50 2>/dev/null)
POUT=$(K pay S-000002 --amount 100 --out 2>/dev/null)
K cancel "$PIN" >/dev/null 2>&1
tui kt_sales m vt100
wait_for m "Главное меню" >/dev/null
keys m ":" "pay" Enter
wait_for m "$POUT" >/dev/null
ok ":pay at 80 columns: the status column" wait_for m "Статус"
ok "... the cancelled payment says so" row_has m "$PIN" "отменён"
ok "... the one out: its supplier and posted" row_has m "$POUT" \
    "АО «ЭлектроСнаб»"
ok "... posted" row_has m "$POUT" "проведён"
keys m End Up Enter
ok "the card of the cancelled payment says so" \
    wait_for m "$PIN (отменён: меняется только примечание)"
ok "... its status among the fields" row_has m "Статус" "отменён"
# The cursor starts on the notes; five fields up is the amount.
keys m BTab BTab BTab BTab BTab "9"
keys m F2
ok "typing on the amount changes nothing: saved as it was" \
    wait_for m "Сохранено $PIN"
run K show payments "$PIN"
like "... the amount kept" '"50.00"' "$out"
keys m End Enter
wait_for m "*Сумма" >/dev/null
keys m "проверено" F2
wait_for m "Сохранено $POUT" >/dev/null
run K show payments "$POUT"
like "the notes of a posted payment change" '"проверено"' "$out"

# Two managers add a line to the same draft order; both press F2.
printf 'order,customer,date,warehouse,sku,quantity\nA,C-000003,%s,MAIN,SKU-1001,3\n' \
    "$(date +%Y-%m-%d)" >"$T/so.csv"
K import sales-orders "$T/so.csv" >/dev/null 2>&1
SO=$(K export sales-orders 2>/dev/null | tail -1 | cut -d, -f1)
tui kt_wh w vt100
wait_for w "Главное меню" >/dev/null
for pane in p w; do
	keys $pane ":" "so $SO" Enter
	wait_for $pane "Заказ $SO" >/dev/null
	keys $pane "+"
	keys $pane "SKU-1002" Enter
	wait_for $pane "SKU-1002 кол-во" >/dev/null
	keys $pane "2" Enter
	keys $pane Escape
	wait_for $pane "черновик, изменён" >/dev/null
done
keys p F2
ok "the first manager saves" wait_for p "Сохранён черновик $SO"
keys w F2
ok "the second: the whole reason in a box" \
    wait_for w "у вас 1); перечитайте"
ok "... and a reload offered" wait_for w "Загрузить $SO заново"
keys w n
ok "n: editing goes on, the changes kept" wait_for w "черновик, изменён"
ok "... and the reason on the status line" wait_for w "Не сохранено: $SO"
keys w F2
wait_for w "Загрузить $SO заново" >/dev/null
keys w y
ok "y: the order reloaded as saved" wait_for w "$SO загружен заново"
ok "... the changes dropped" gone w "черновик, изменён"
ok "... the first manager's line there" row_has w "SKU-1002" "Гайка"

# Production: the demo's third order is released, 5 to make.
MO=MO-$Y-000003
keys w Escape
keys w ":" "mo" Enter
ok ":mo: the list says its row takes r m c x" wait_for w "r m c x"
# The list starts at its newest, the fourth: the third is above it.
wait_for w "$MO" >/dev/null
keys w Up m
ok "m on the list's row: how many made, 5 left prefilled" \
    wait_for w "Сколько выпущено: 5"
keys w 2 Enter
ok "typing 2 replaces the 5 (it made 52)" \
    wait_for w "Выпуск по $MO: 2 × SKU-2003"
ok "the panel's headings whole at 80" \
    row_has w "По спецификации" "Расход"
ok "... no stray letter after Расход" not_row_has w "Расход" "Расход P"
keys w Escape
wait_for w "$MO  производство" >/dev/null
keys w Escape
keys w End x
ok "x on the list's row: cancel the draft, asked" \
    wait_for w "Отменить MO-$Y-000004?"
keys w y
ok "... cancelled" wait_for w "MO-$Y-000004  производство  отменён"

# Key bars, as the accountant and the manager.
keys m ":" "pay" Enter
ok ":pay: a key bar" wait_for m "n приход  o расход  Enter открыть"
keys m n "C-000001" Enter
wait_for m "C-000001     ООО «Ромашка»" >/dev/null
keys m Enter
wait_for m "Пробел отметить" >/dev/null
keys m Tab Tab F4
ok "the account lookup: the bank account's name" \
    row_has m "BANK" "Расчётный счёт"
ok "... and the cash desk's" row_has m "CASH" "Касса"
keys m Escape Escape y
keys m ":" "acct" Enter
ok ":acct: a key bar" wait_for m "Enter открыть  m движения"
# m on the bank account: its payments, newest at the end (the filtered
# list started at its end showed nothing).
keys m Down m
ok "the bank account's movements listed" row_has m "$POUT" "проведён"
keys w ":" "sup" Enter
ok ":sup: a key bar" wait_for w "Enter карточка  n новый"
keys w Enter
ok "the supplier's card: a key bar" wait_for w "Tab раздел  Enter открыть"
keys w ":" "task" Enter
ok ":task: a key bar" wait_for w "r обновить"
keys w ":" "po" Enter
ok "the PO list: a supplier's name cut short ends in …" \
    row_has w "PO-$Y-000001" "АО «Электр…"
done_testing
