#!/bin/sh
# The main screens as a warehouse clerk and a sales clerk use them: at
# 80x24 under TERM=vt100 in Russian, after a resize.  A list made taller
# at its end shows the rows above it, not blank rows under its last; the
# customers' list and card say their keys on their last row, as F1 offers
# them to the clerk's roles (they showed none).
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
plan 10

clerks_setup --demo --company "ООО «Ромашка»"
clerk_add kt_sales sales "Продавцов Пётр"
clerk_add kt_wh warehouse "Складов Семён"

# row PANE N: line N of the screen.
row() { screen "$1" | sed -n "$2p"; }
row_shows() { row "$1" "$2" | grep -qF -- "$3"; }
# A date in it: a row of the moves' list.
row_dated() { row "$1" "$2" | grep -qE '[0-9]{2}\.[0-9]{2}\.[0-9]{4}'; }
# still CMD...: CMD holds (within 10 s: a slow session redraws late), and
# again 2 s later.
still() {
	poll_until 10 "$@" || return 1
	sleep 2
	"$@"
}

# --- a warehouse clerk: the moves, the window smaller then back -----------
TUI_LANG=ru_RU.UTF-8 tui kt_wh w vt100
wait_for w "kontor" >/dev/null
keys w ":" "moves" Enter
ok "ru, vt100: the moves with their keys on the last row" \
    wait_for w "/ поиск  s сортировка  Home/End  Esc назад  F1/? справка"
ok "... the list to the row above them" row_dated w 22
$TM resize-window -t w -x 60 -y 16
wait_for w "Количество" >/dev/null
$TM resize-window -t w -x 80 -y 24
ok "back to 80x24: the keys on row 23" \
    wait_for w "/ поиск  s сортировка  Home/End  Esc назад  F1/? справка"
ok "... the list fills to row 22 again (the rows above come in)" \
    still row_dated w 22

# --- a sales clerk: the customers' list and a card -----------------------
TUI_LANG=ru_RU.UTF-8 tui kt_sales s vt100 100 30
wait_for s "kontor" >/dev/null
$TM resize-window -t s -x 80 -y 24
keys s ":" "cust" Enter
ok "ru, after a resize: the customers' list says its keys" \
    wait_for s "Enter карточка  n новый  e изменить  / поиск"
ok "... on row 23, whole" row_shows s 23 "Esc назад  F1/? справка"
keys s ":" "cust C-000003" Enter
ok "the card says its keys" \
    wait_for s "Tab раздел  a взаимодействие  t задача  c контакт"
ok "... not p (a sales clerk may not post payments)" \
    still not_row_has s "Tab раздел" "p платёж"
ok "... its sections above them" row_shows s 10 "Контакты | Каналы связи"

run K check
is "kontor check" 0 "$rc"
