#!/bin/sh
# Material planning and available to promise as the clerks live them, on
# Unix logins of their own, at 80x24 under TERM=vt100 in Russian, over
# the MRP fixture (tests/data/plan/fixture.sh): a sales clerk may not
# plan; a production planner plans from the command line but may not
# --apply purchase orders (77, the area named, nothing made); in :plan he
# sees the 11 proposals, late ones marked, the current one's pegging
# under the list; Space marks two, a asks and makes their drafts (the
# numbers said), the list is what is left; a marked buy is refused naming
# purchasing.  The sales clerk's order entry says when a short line will
# be there ("с DD.MM" from the open PO, "нет пост." when nothing open
# covers it), and the stock screen when a product none of which is free
# will be.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
plan 23

clerks_setup --company "ООО «Мебель»"
clerk_add kt_wh production "Планов Пётр"
clerk_add kt_sales sales "Продавцов Пётр"
K="$KONTOR --socket $SOCK"
. "$KONTOR_SRCDIR/tests/data/plan/fixture.sh"
is "the MRP fixture" 0 "$fx_rc"
Y=$(date +%Y)
nmo() { K export production_orders | tr -d '\r' | sed 1d | wc -l; }

as_clerk kt_sales "$KONTOR" plan
is "a sales clerk may not plan: 77" 77 "$rc"
like "... naming what it takes" "purchasing" "$err"
as_clerk kt_wh "$KONTOR" plan --csv
is "the production planner plans" "0 12" "$rc $(printf '%s\n' "$out" | wc -l)"
as_clerk kt_wh "$KONTOR" plan --apply
is "... but --apply with purchases: 77" 77 "$rc"
like "... naming purchasing" "purchasing" "$err"
is "... and nothing is made" 0 "$(nmo)"

# --- :plan, Russian, vt100 -------------------------------------------------
TUI_LANG=ru_RU.UTF-8 tui kt_wh p vt100
wait_for p "kontor" >/dev/null
keys p ":" "plan" Enter
ok ":plan: the proposals counted" \
    wait_for p "План потребностей на 14 дн.: 11 предложений"
ok "... a make, late" row_has p "произвести CHAIR" "опозд."
ok "... a buy" row_has p "закупить   SCREW" "412 шт"
ok "... the current one's pegging" shows p "CHAIR: MAIN; для SO-$Y-000001"
ok "... the keys fit 80 columns" shows p \
    "Пробел отметить  a применить все  r заново  Esc назад  F1/? справка"
keys p Space Space
ok "Space marks two" wait_for p "Отмечено 2: a применить"
keys p a
ok "a asks first" wait_for p "Создать черновики по 2 отмеченным предложениям?"
keys p y
ok "... and says what was made" \
    wait_for p "Создано 2 черновика: MO-$Y-000001, MO-$Y-000002"
ok "... the list is what is left" \
    wait_for p "План потребностей на 14 дн.: 9 предложений"
is "... two production orders" 2 "$(nmo)"
# The cursor is on the third row: LEG's second purchase.
keys p Space a y
ok "a marked buy: refused, naming purchasing" wait_for p "purchasing"
is "... nothing more made" 2 "$(nmo)"

# --- available to promise in order entry and on the stock screen -----------
TUI_LANG=ru_RU.UTF-8 tui kt_sales s vt100
wait_for s "kontor" >/dev/null
keys s ":" "order" Enter
wait_for s "Enter открыть  n новый" >/dev/null
keys s n F4 и в а
wait_for s "ИП Иванов" >/dev/null
keys s Enter
sleep 0.3
keys s F2
wait_for s "Артикул, скан или имя" >/dev/null
keys s н о ж Enter
wait_for s "LEG кол-во" >/dev/null
keys s 15 Enter
ok "a short line: when it will be there (the open PO's date)" \
    poll_until 10 row_has s "Ножка стула" "с $(date -d '+4 days' +%d.%m)"
keys s в е н Enter
wait_for s "CHAIR кол-во" >/dev/null
keys s 1 Enter
ok "... none coming: no supply" poll_until 10 row_has s "Стул" "нет пост."
keys s F2
wait_for s "SO-$Y-000004" >/dev/null
keys s Escape Escape

K plan --apply >/dev/null 2>&1
keys s ":" "stock" Enter
wait_for s "Скан или артикул" >/dev/null
keys s SEAT Enter
ok "stock screen: none free, available from today's draft" \
    wait_for s "Свободного нет: будет с $(date +%d.%m.%Y)"
keys s CHAIR Enter
ok "... none free and the orders do not cover it" \
    wait_for s "Свободного нет: открытые заказы поставщикам и на производство его не покрывают"
done_testing
