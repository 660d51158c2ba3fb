#!/bin/sh
# The terminal UI end to end, through a real terminal: tmux send-keys and
# capture-pane.  A clerk creates a customer with a Cyrillic name, finds it
# by part of its name and by phone digits, adds a contact, a channel, an
# activity and a task from the card; two sessions save the same customer
# (the second is told); a resize mid-form; TERM=vt100; an unknown login.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
command -v tmux >/dev/null || skip_all "tmux missing (apt-get install tmux)"
plan 33

TM="tmux -L kt$$ -f /dev/null"
EXTRA_CLEANUP="$TM kill-server 2>/dev/null"
export LANG=C.UTF-8 LC_ALL=C.UTF-8

screen() { $TM capture-pane -p -t "$1"; }
# wait_for PANE TEXT: poll the screen until TEXT shows (5 s at most).
wait_for() {
	i=0
	while [ $i -lt 50 ]; do
		screen "$1" | grep -qF -- "$2" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	screen "$1" | sed 's/^/# /' >&2
	return 1
}
keys() { p=$1; shift; $TM send-keys -t "$p" "$@"; }
start() {	# start PANE TERM WIDTH HEIGHT
	$TM new-session -d -s "$1" -x "$3" -y "$4" \
	    "env TERM=$2 KONTOR_HOME=$KONTOR_HOME $KONTOR; sleep 30"
}

"$KONTOR" init --demo --company "ООО «Ромашка»" >/dev/null 2>&1
start a xterm-256color 80 24
ok "menu at 80x24" wait_for a "Main menu"
ok "status line: user and company" wait_for a "ООО «Ромашка»"

# A new customer with a Cyrillic name through the form.
keys a c
ok "customer list" wait_for a "C-000003"
keys a n
ok "new customer form" wait_for a "Customer (new)"
keys a "ООО «Ёлка-Тест»" Tab Tab
keys a "77A1234567" Tab
ok "bad INN named on leaving the field" wait_for a "INN: 10 or 12 digits"
keys a C-u "7707083893" Tab Tab "+7 (900) 123-45-67" Tab
keys a F2
ok "saved with the next code" wait_for a "saved C-000121"

# The same INN again: a warning that names the existing customer.
keys a n
wait_for a "Customer (new)" >/dev/null
keys a "ООО Дубль" Tab Tab "7707083893" Tab
ok "duplicate INN warned with the match" wait_for a "same INN as C-000121"
keys a Escape y

# Found by part of its name (any case, ё as е), then by phone digits.
keys a /
keys a "елка"
ok "found by part of the name" wait_for a "ООО «Ёлка-Тест»"
keys a Escape
keys a / "9001234567"
ok "found by phone digits" wait_for a "1 found"
ok "the found row" wait_for a "+7 (900) 123-45-67"

# The card: contact, channel, activity, task, two keystrokes each to open.
keys a Enter Enter
ok "card opens" wait_for a "Deals & documents"
keys a c
ok "contact form" wait_for a "Contacts of C-000121"
keys a "Петров Пётр" Tab "Директор" F2
ok "contact in the card" wait_for a "Петров Пётр"
keys a h
ok "channel form" wait_for a "Channels of C-000121"
keys a Tab C-l
ok "kind lookup lists the channels" wait_for a "telegram"
keys a Down Down Down Enter Tab "@petrov_p" F2
ok "channel in the card" wait_for a "@petrov_p"
keys a a
ok "activity form (a)" wait_for a "Activities of C-000121"
keys a Tab Tab Tab Tab Tab "Обсудили поставку" C-o "в декабре" F2
ok "activity in the history" wait_for a "Обсудили поставку"
ok "a line break typed with Ctrl-O shows as ↵" wait_for a "поставку↵в декабре"
keys a t
ok "task form (t)" wait_for a "Tasks of C-000121"
keys a "Перезвонить Петрову" Tab Tab "01.01.2020 10:00" F2
ok "task in the card" wait_for a "Перезвонить Петрову"
# The overdue task is this clerk's: the reminder shows up.
keys a ":" "task" Enter
ok "my tasks: the new task is overdue" wait_for a "Перезвонить Петров"

# Two sessions save the same customer: the second is told.
keys a ":" "cust C-000121" Enter
keys a e
wait_for a "Customer C-000121" >/dev/null
start b xterm 80 24
wait_for b "Main menu" >/dev/null
ok "a due task's reminder in the status line" wait_for b "DUE T-0000"
keys b ":" "cust C-000121" Enter
wait_for b "Deals & documents" >/dev/null
keys b e
wait_for b "Customer C-000121" >/dev/null
keys b C-e " Б" F2
ok "the first save lands" wait_for b "Ёлка-Тест» Б"
keys a C-e " А" Tab Tab Tab Tab C-u "+7 (900) 765-43-21" F2
ok "second save is told who changed it, and when" wait_for a "Also changed by root at $(date +%d.%m.%Y)"
ok "... both values of the field both changed" wait_for a "theirs: ООО «Ёлка-Тест» Б"
keys a x
ok "... and is asked whose to keep" wait_for a "Keep your values there (y)"
keys a y
ok "the merge is offered for a look" wait_for a "merged over revision"
keys a F2
ok "... and saves" wait_for a "saved C-000121"
run "$KONTOR" export customers
like "the merge keeps the clerk's name and phone" "ООО «Ёлка-Тест» А" "$(printf '%s\n' "$out" | grep '765-43-21')"

# Resize mid-form: the form is laid out again.
keys a Escape
keys a e
wait_for a "Customer C-000121" >/dev/null
$TM resize-window -t a -x 100 -y 30 2>/dev/null || $TM resize-pane -t a -x 100 -y 30
ok "form survives a resize" wait_for a "Responsible manager"
keys a Escape

# TERM=vt100: no colour, everything still there.
start v vt100 80 24
ok "vt100 menu" wait_for v "Customers"
keys v c
ok "vt100 list" wait_for v "C-000003"
done_testing
