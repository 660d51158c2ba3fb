#!/bin/sh
# The funnel screen (:deal) as the sales clerk lives it, on a Unix login of
# its own, at 80x24 under TERM=vt100, in English and in Russian: the
# clerk's deals by stage with count and sum, s moves one to the next
# stage, l asks the reason and marks it lost, m shows everyone's, Enter
# opens the form; the customer card's Deals & documents lists them and
# opens one; a warehouse clerk may not open the funnel.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
plan 32

clerks_setup --company "ООО «Ромашка»"
clerk_add kt_sales sales "Продавцов Пётр"
clerk_add kt_manager manager "Начальников Иван"
clerk_add kt_wh warehouse "Складов Семён"
cat >"$T/customers.csv" <<'CSV'
name,kind,inn
ООО «Трубы и кабель»,company,7707083893
CSV
cat >"$T/deals.csv" <<'CSV'
customer,title,amount,stage,manager
C-000001,Поставка труб,150000,Новая,kt_sales
C-000001,Кабель ВВГнг,250000,Квалификация,kt_sales
C-000001,Чужая сделка,90000,Новая,kt_manager
CSV
K import customers "$T/customers.csv" >/dev/null 2>&1
K import deals "$T/deals.csv" >/dev/null 2>&1
run K export deals
is "three deals to work on" 4 "$(printf '%s\n' "$out" | wc -l)"

# --- English, vt100 ------------------------------------------------------
tui kt_sales s vt100
wait_for s "Main menu" >/dev/null
keys s ":" "deal" Enter
ok "the funnel: my deals" wait_for s "Funnel: my deals (m: everyone's)"
ok "... a stage with its count and sum" row_has s "Новая: 1 deal," "150"
ok "... the next stage too" row_has s "Квалификация: 1 deal," "250"
ok "... not another manager's deal" not_shows s "Чужая сделка"
ok "... the keys on the last line" \
    shows s "Enter open  n new  s next stage  l lost  m mine/all  Esc back"
ok "the cursor on the first deal" cursor_on s "Поставка труб"
ok "a deal's row names its customer" row_has s "Поставка труб" \
    "ООО «Трубы и кабель»"
ok "... not by its code" not_row_has s "Поставка труб" "C-000001"
keys s s
ok "s: moved to the next stage" wait_for s "Новая -> Квалификация"
ok "... Квалификация counts both" row_has s "Квалификация: 2 deals," "400"
ok "... the cursor stays on the deal" cursor_on s "Поставка труб"
keys s l
ok "l: the reason asked" wait_for s "Reason:"
keys s Escape
ok "... Esc: nothing changed" row_has s "Квалификация: 2 deals," "400"
keys s l "Дорого" Enter
ok "... with a reason: lost" wait_for s "Квалификация -> Проиграна"
ok "... Проиграна counts it" row_has s "Проиграна: 1 deal," "150"
run K export deal_history
like "the history keeps the clerk's moves" ",Квалификация,Проиграна,kt_sales," \
    "$out"
run K export deals
like "... and the deal its reason" "Проиграна,0,,kt_sales,,Дорого" \
    "$(printf '%s\n' "$out" | grep 'Поставка труб')"
keys s m
ok "m: everyone's deals" wait_for s "Funnel: everyone's deals (m: mine)"
ok "... the manager's deal too" wait_for s "Чужая сделка"
keys s Enter
ok "Enter: the deal's form" wait_for s "Lost reason"
ok "... the customer's code, its name beside it" \
    shows s "C-000001          ООО «Трубы и кабель»"
keys s Escape
keys s Escape
# --- the customer card ---------------------------------------------------
keys s ":" "cust C-000001" Enter
wait_for s "Deals & documents" >/dev/null
keys s Tab Tab Tab Tab
ok "the card's Deals & documents lists the deals" wait_for s "Кабель ВВГнг"
ok "... with stage and sum" row_has s "Кабель ВВГнг" "250 000,00"
keys s Enter
ok "... Enter opens one" wait_for s "Deals of C-000001"
keys s Escape

# --- Russian, vt100 --------------------------------------------------------
TUI_LANG=ru_RU.UTF-8 tui kt_sales r vt100
wait_for r "kontor" >/dev/null
keys r ":" "deal" Enter
ok "ru: the funnel" wait_for r "Воронка: мои сделки (m: все)"
ok "ru: counts in Russian" row_has r "Квалификация: 1 сделка," "250"
ok "ru: the customer by name at 80x24" row_has r "Кабель ВВГнг" \
    "ООО «Трубы и кабель»"
ok "ru: the keys fit the line" shows r \
    "Enter открыть  n новая  s след. этап  l проиграна  m мои/все  Esc назад"
keys r s
ok "ru: s moves it" wait_for r "Квалификация -> КП отправлено"

# A customer whose name is wider than its cell is cut by display width
# (Cyrillic: two bytes a letter), never in the middle of a letter.
printf 'name,kind\nООО «Производственно-коммерческая фирма Уральские трубы»,company\n' \
    >"$T/c2.csv"
printf 'customer,title,amount,stage,manager\nC-000002,Трубы ПНД,1000,Новая,kt_sales\n' \
    >"$T/d2.csv"
K import customers "$T/c2.csv" >/dev/null 2>&1
K import deals "$T/d2.csv" >/dev/null 2>&1
keys r m m
ok "ru: a long name cut to its cell by display width, the title after it" \
    poll_until 10 row_has r "ООО «Производственно-ко Трубы ПНД" "1 000,00"

# --- a warehouse clerk -------------------------------------------------------
tui kt_wh w vt100
wait_for w "Main menu" >/dev/null
keys w ":" "deal" Enter
ok "warehouse: the funnel is not for its roles" wait_for w "not for your roles"
done_testing
