#!/bin/sh
# The Russian screens where they broke when walked as clerks would walk
# them, beyond what test_ru_screens.sh looks at: a message read whole on
# the status line (the due reminder gives way to it, and comes back), the
# conflict of two sessions (the error, the box, the merge) in Russian,
# the receiving screen's errors (unknown barcode, a quantity) whole, the
# F4 calendar's help clear of its right border (in English too), a
# screen made 100x30 and back to 80x24 under TERM=vt100 (the hint whole,
# the selected row still shown reversed: vt100 has no colour), and the
# stock-value report's unit in the session's language (CSV as stored).
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
need_russian
plan 24

clerks_setup --demo --company "ООО «Ромашка»"
clerk_add kt_manager manager "Начальников Олег"
clerk_add kt_wh warehouse "Кладовщиков Иван"
# An overdue task of each clerk's: the reminder shows on their status line.
printf 'title,assignee,due,status,priority\n%s,kt_manager,%s,open,high\n%s,kt_wh,%s,open,high\n' \
    "Позвонить поставщику" "$(date -d 'yesterday 11:30' -u +%Y-%m-%dT%H:%M:%SZ)" \
    "Пересчитать ячейку" "$(date -d 'yesterday 12:30' -u +%Y-%m-%dT%H:%M:%SZ)" >"$T/t.csv"
chmod 644 "$T/t.csv"
K import tasks "$T/t.csv" >/dev/null 2>&1
export TUI_LANG=ru_RU.UTF-8

# status PANE: the status line, trailing blanks off.
status() { screen "$1" | sed -n '$p' | sed 's/ *$//'; }
status_is() { [ "$(status "$1")" = "$2" ]; }
status_ends() { case $(status "$1") in *"$2") return 0 ;; esac; return 1; }
# st_is PANE TEXT: poll until the status line is TEXT (whole, nothing cut).
st_is() {
	poll_until 10 status_is "$1" "$2" && return 0
	echo "# want: $2" >&2
	echo "# got:  $(status "$1")" >&2
	return 1
}

# --- a conflict of two sessions, a manager with a due task ---------------
tui kt_manager m
tui kt_manager n
wait_for m "Главное меню" >/dev/null
wait_for n "Главное меню" >/dev/null
ok "the reminder on the status line" wait_for m "СРОК T-"
keys m ":" "cust C-000003" Enter
wait_for m "Клиент C-000003" >/dev/null
keys m e
wait_for m "F2/^S сохранить" >/dev/null
keys n ":" "cust C-000003" Enter
wait_for n "Клиент C-000003" >/dev/null
keys n e
wait_for n "F2/^S сохранить" >/dev/null
# The address is the 8th field of the form.
keys n Tab Tab Tab Tab Tab Tab Tab C-u "Сочи" F2
wait_for n "Сохранено C-000003" >/dev/null
keys m Tab Tab Tab Tab Tab Tab Tab C-u "Тверь" F2
ok "the conflict box: who changed the same field" wait_for m \
    "Эти же поля изменил kt_manager, "
ok "... yours and his" row_has m "ваше: Тверь" "x"
ok "... his" row_has m "его:  Сочи" "x"
ok "the conflict's error: the record, who, the revisions" wait_for m \
    " C-000003: изменил kt_manager "
ok "... and the rest of it whole" wait_for m " (версия 2, у вас 1); перечитайте"
keys m Escape
ok "the question: one field, singular" wait_for m \
    "Вы оба изменили 1 поле (показано)."
keys m y
# " kt_manager | " and the message leave no room for the reminder: it
# gives way, the message is whole.
ok "the merge: the message whole on the status line" st_is m \
    " kt_manager | Объединено с версией 2: проверьте и сохраните (F2/^S)"
keys m F2
ok "saved over the merge" wait_for m "Сохранено C-000003"
ok "... and the reminder is back" wait_for m "СРОК T-"
keys m Escape Escape F10
keys n Escape Escape F10

# --- receiving: its errors whole ---------------------------------------------
tui kt_wh w
wait_for w "Главное меню" >/dev/null
keys w ":" "recv" Enter
wait_for w "Поступление: склад" >/dev/null
keys w "MAIN" F2
wait_for w "Скан или ввод:" >/dev/null
keys w 4600000000015 Enter
ok "an unknown barcode: the error whole in the list" wait_for w \
    "нет товара со штрихкодом 4600000000015: ничего не добавлено"
ok "... and on the status line" st_is w \
    " нет товара со штрихкодом 4600000000015: ничего не добавлено"
keys w 4607000100011 Enter
wait_for w "1 строка, получено 1 ед." >/dev/null
keys w F6
wait_for w "Количество SKU-1001" >/dev/null
keys w C-u "abc" Enter
ok "a quantity refused: whole, as 1C says it" poll_until 10 status_ends w \
    ' SKU-1001: ожидается количество с точностью до 0,001, получено "abc"'
keys w Escape
gone w "Количество SKU-1001" >/dev/null
keys w Escape Escape
wait_for w "Выйти и потерять их?" >/dev/null
keys w y
keys w F10

# --- the F4 calendar: a blank before the right border ------------------------
# cal_row PANE TEXT: TEXT is followed by a blank, then the border.
cal_clear() { screen "$1" | grep -F -- "$2" | grep -qF -- "$2 x"; }
cal_row() {
	poll_until 10 cal_clear "$1" "$2" && return 0
	screen "$1" | sed 's/^/# /' >&2
	return 1
}
tui kt_manager c
wait_for c "Главное меню" >/dev/null
keys c ":" "task" Enter
wait_for c "Позвонить поставщику" >/dev/null
keys c Enter
wait_for c "*Тема" >/dev/null
keys c Tab Tab C-l
ok "the calendar in Russian: its help clear of the border" \
    cal_row c "PgUp/PgDn месяц, t сегодня"
ok "... every line of it" cal_row c "Enter выбрать, Esc закрыть"
keys c Escape Escape Escape F10
TUI_LANG=C.UTF-8 tui kt_manager e
wait_for e "Main menu" >/dev/null
keys e ":" "task" Enter
wait_for e "Позвонить поставщику" >/dev/null
keys e Enter
wait_for e "*Title" >/dev/null
keys e Tab Tab C-l
ok "in English too" cal_row e "PgUp/PgDn month, t today"
keys e Escape Escape Escape F10

# --- vt100, 100x30 and back to 80x24 -----------------------------------------
tui kt_wh v vt100
wait_for v "Главное меню" >/dev/null
keys v ":" "docs" Enter
ok "vt100: the documents" wait_for v "RCP-2026-000001"
# The cursor on the newest document, posted: it may be reversed.
HINT="Enter открыть  r сторно  / поиск  s сортировка  Esc назад  F1/? справка"
$TM resize-window -t v -x 100 -y 30
# widest PANE: the widest row's columns (the title's company ends one
# short of the edge; capture-pane drops trailing blanks).
widest() { $TM capture-pane -p -t "$1" | LC_ALL=C.UTF-8 wc -L; }
wide_is() { [ "$(widest "$1")" -eq "$2" ]; }
ok "100x30: the title runs to the right edge" poll_until 10 wide_is v 99
ok "100x30: the hint on row 29" poll_until 10 sh -c \
    "$TM capture-pane -p -t v | sed -n 29p | grep -qxF -- '$HINT'"
$TM resize-window -t v -x 80 -y 24
hint_at() { [ "$(screen "$1" | sed -n 23p | sed 's/ *$//')" = "$2" ]; }
ok "back to 80x24: the hint whole on row 23" poll_until 10 hint_at v "$HINT"
ok "no line runs past 80 columns" poll_until 10 wide_is v 79
# A row of the list (not the title, not the status line) in reverse.
sel_shown() {
	$TM capture-pane -e -p -t "$1" | sed '1d;$d' | grep -aq "$(printf '\033')\[[0-9;]*7m"
}
ok "vt100: the selected row is shown reversed" poll_until 10 sel_shown v
keys v Escape F10

# --- the stock-value report's unit --------------------------------------------
run env LANG=ru_RU.UTF-8 LC_ALL=ru_RU.UTF-8 "$KONTOR" --socket "$SOCK" \
    report stock-value
has_line() { echo "$out" | grep -q -- "$1"; }
ok "stock-value in Russian: the unit as the screens show it" \
    has_line "^SKU-1001  *Болт М8×40 оцинкованный  *шт  "
run env LANG=ru_RU.UTF-8 LC_ALL=ru_RU.UTF-8 "$KONTOR" --socket "$SOCK" \
    report stock-value --format csv
like "... in CSV as stored" "SKU-1001,Болт М8×40 оцинкованный,pcs," "$out"
done_testing
