#!/bin/sh
# What Russian clerks type, through a real terminal (tmux) at 80x24: the
# fast path with a code typed on a Russian layout (:cust С-000003) and
# with the number alone (:cust 3), / by the number alone, a firm's name
# typed without its quotes (ооо ромашка), a phone typed as 8 (913)...;
# date shortcuts in forms (5.12, вчера, +1; завтра 14:30 in a time
# field) and the F4 calendar, also under TERM=vt100 without colour.
#
# As the clerks live it (tests/tui/clerks.sh): kt_sales and kt_manager,
# Unix users of their own, on the server's shared socket.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
plan 34

clerks_setup --demo --company "ООО «Контора»"
clerk_add kt_sales sales "Продавцова Анна"
clerk_add kt_manager manager "Начальников Олег"
# wait_row PANE REGEX: a row matching an extended regular expression.
shows_row() { screen "$1" | grep -qE -- "$2"; }
wait_row() {
	poll_until 10 shows_row "$1" "$2" && return 0
	screen "$1" | sed 's/^/# /' >&2
	return 1
}

# The demo's first customer is ООО «Ромашка», +7 (913) 339-05-46.
run K show customers C-000001
like "the demo's ООО «Ромашка»" "ООО «Ромашка»" "$out"
like "its phone" "+7 (913) 339-05-46" "$out"
name3=$(K show customers C-000003 | sed -n 's/^name *"\(.*\)"$/\1/p')

today=$(date +%d.%m.%Y)
tomorrow=$(date -d tomorrow +%d.%m.%Y)
yesterday=$(date -d yesterday +%d.%m.%Y)
year=$(date +%Y)
month=$(date '+%B %Y')
nextmonth=$(date -d "$(date +%Y-%m-15) +1 month" '+%B %Y')

tui kt_sales s
ok "the clerk's session" wait_for s "Main menu"

# The fast path: a Cyrillic С, then the number alone.
keys s ":" "cust С-000003" Enter
ok ":cust С-000003 (Cyrillic) opens the card" wait_for s "Deals & documents"
ok "the card is C-000003's" wait_for s "$name3"
keys s Escape
keys s ":" "cust 3" Enter
ok ":cust 3 opens the card" wait_for s "Deals & documents"
ok "of C-000003" wait_for s "C-000003"
keys s Escape

# / in the list: the number alone, a name without its quotes, a phone.
keys s ":" "cust" Enter
ok "customer list" wait_for s "Customers"
keys s / "117"
ok "/117: the name ...117, and C-000117 by its number" \
    wait_for s "/117: 2 found"
ok "C-000117's row" wait_row s "^C-000117 "
keys s Escape
keys s / "ооо ромашка"
ok "/ооо ромашка finds ООО «Ромашка»" wait_for s "/ооо ромашка: 1 found"
ok "the row" wait_for s "ООО «Ромашка»"
keys s Escape
keys s / "8 (913) 339"
ok "/8 (913) 339 finds +7 (913) 339-05-46" wait_for s "/8 (913) 339: 1 found"
ok "the phone as stored" wait_for s "+7 (913) 339-05-46"

keys s Enter Enter
ok "Enter opens its card" wait_for s "Deals & documents"

# A task from the card: due завтра 14:30.
keys s t
ok "task form" wait_for s "Tasks of C-000001"
keys s "Перезвонить" Tab Tab "завтра 14:30" Tab
ok "завтра 14:30 becomes tomorrow's date" wait_for s "$tomorrow 14:30"
keys s F2
ok "the task saved" wait_for s "saved T-"
ok "in the card, the assignee by name, due tomorrow at 14:.." \
    wait_row s "Перезвонить +Продавцова Анна +$tomorrow 14:"

# F4 on the due field of a new task: the calendar, tomorrow picked by
# Right and Enter; the time typed before stays.
keys s t
wait_for s "Tasks of C-000001" >/dev/null
keys s "Отправить КП" Tab Tab "сегодня 10:15" F4
ok "F4 opens a calendar of this month" wait_for s "$month"
ok "Monday first" wait_for s "Mo Tu We Th Fr Sa Su"
keys s Right Enter
ok "a day picked, the time kept" wait_for s "$tomorrow 10:15"
keys s Escape y

# A purchase order: supplier by number, dates typed short.
tui kt_manager m
wait_for m "Main menu" >/dev/null
keys m ":" "po" Enter
wait_for m "Purchase orders" >/dev/null
keys m n
ok "purchase order form" wait_for m "Purchase order (new)"
keys m F4
wait_for m "type to narrow" >/dev/null
keys m 'ооо "метизы'
ok "F4 list: ооо \"метизы finds ООО «Метизы-Опт»" wait_for m "ООО «Метизы-Опт»"
keys m Escape
gone m "type to narrow" >/dev/null
keys m "1" Tab
ok "supplier 1 is S-000001" wait_for m "S-000001"
keys m "MAIN" Tab C-u "5.12" Tab
ok "5.12 is the 5th of December this year" wait_for m "05.12.$year"
keys m BTab C-u "вчера" Tab "+1" Tab
ok "вчера" wait_for m "Date       $yesterday"
ok "+1" wait_for m "Expected   $tomorrow"
keys m F2
ok "the order saved" wait_for m "made"

# TERM=vt100: the calendar without colour, on a purchase order's date;
# Ctrl-L is F4's twin, Ctrl-F PgDn's.
tui kt_manager v vt100
wait_for v "Main menu" >/dev/null
keys v ":" "po" Enter
wait_for v "Purchase orders" >/dev/null
keys v n
ok "vt100: purchase order form" wait_for v "Purchase order (new)"
keys v "1" Tab "MAIN" Tab C-l
ok "vt100: the calendar" wait_for v "Mo Tu We Th Fr Sa Su"
keys v C-f
ok "vt100: Ctrl-F the next month" wait_for v "$nextmonth"
keys v Escape
ok "vt100: Esc closes it" gone v "Mo Tu We Th Fr Sa Su"
ok "vt100: the date as it was" wait_for v "Date       $today"
done_testing
