#!/bin/sh
# The terminal UI end to end, through a real terminal: tmux send-keys and
# capture-pane.  A clerk creates a customer with a Cyrillic name, finds it
# by part of its name and by phone digits, adds a contact, a channel, an
# activity and a task from the card; two sessions save the same customer
# (the second is told, and merges); a resize mid-form; TERM=vt100.  As a
# sales clerk and a manager on their own Unix logins (tests/tui/clerks.sh).
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
plan 33

clerks_setup --demo --company "ООО «Ромашка»"
clerk_add kt_sales sales "Продавцов Пётр"
clerk_add kt_manager manager "Начальников Иван"
tui kt_sales a xterm-256color 80 24
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
ok "saved with the next code" wait_for a "saved C-000"
code=$(screen a | sed -n 's/.*saved \(C-[0-9]*\).*/\1/p' | head -1)

# The same INN again: a warning that names the existing customer.
keys a n
wait_for a "Customer (new)" >/dev/null
keys a "ООО Дубль" Tab Tab "7707083893" Tab
ok "duplicate INN warned with the match" wait_for a "same INN as $code"
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
ok "contact form" wait_for a "Contacts of $code"
keys a "Петров Пётр" Tab "Директор" F2
ok "contact in the card" wait_for a "Петров Пётр"
keys a h
ok "channel form" wait_for a "Channels of $code"
keys a Tab C-l
ok "kind lookup lists the channels" wait_for a "telegram"
keys a Down Down Down Enter Tab "@petrov_p" F2
ok "channel in the card" wait_for a "@petrov_p"
keys a a
ok "activity form (a)" wait_for a "Activities of $code"
keys a Tab Tab Tab Tab Tab "Обсудили поставку" C-o "в декабре" F2
ok "activity in the history" wait_for a "Обсудили поставку"
ok "a line break typed with Ctrl-O shows as ↵" wait_for a "поставку↵в декабре"
keys a t
ok "task form (t)" wait_for a "Tasks of $code"
keys a "Перезвонить Петрову" Tab Tab "01.01.2020 10:00" F2
ok "task in the card" wait_for a "Перезвонить Петрову"
# The overdue task is this clerk's: the reminder shows up.
keys a ":" "task" Enter
ok "my tasks: the new task is overdue" wait_for a "Перезвонить Петров"

# Two sessions save the same customer: the second is told.
keys a ":" "cust $code" Enter
keys a e
wait_for a "Customer $code" >/dev/null
ok "a due task's reminder in the status line" wait_for a "DUE T-0000"
tui kt_manager b xterm 80 24
wait_for b "Main menu" >/dev/null
keys b ":" "cust $code" Enter
wait_for b "Deals & documents" >/dev/null
keys b e
wait_for b "Customer $code" >/dev/null
keys b C-e " Б" F2
ok "the first save lands" wait_for b "Ёлка-Тест» Б"
keys a C-e " А" Tab Tab Tab Tab C-u "+7 (900) 765-43-21" F2
ok "second save is told who changed it, and when" wait_for a "Also changed by kt_manager at $(date +%d.%m.%Y)"
ok "... both values of the field both changed" wait_for a "theirs: ООО «Ёлка-Тест» Б"
keys a x
ok "... and is asked whose to keep" wait_for a "Keep your values there (y)"
keys a y
ok "the merge is offered for a look" wait_for a "merged over revision"
keys a F2
ok "... and saves" wait_for a "saved $code"
run K export customers
like "the merge keeps the clerk's name and phone" "ООО «Ёлка-Тест» А" "$(printf '%s\n' "$out" | grep '765-43-21')"

# Resize mid-form: the form is laid out again.
keys a Escape
keys a e
wait_for a "Customer $code" >/dev/null
$TM resize-window -t a -x 100 -y 30 2>/dev/null || $TM resize-pane -t a -x 100 -y 30
ok "form survives a resize" wait_for a "Responsible manager"
keys a Escape

# TERM=vt100: no colour, everything still there.
tui kt_sales v vt100 80 24
ok "vt100 menu" wait_for v "Customers"
keys v c
ok "vt100 list" wait_for v "C-000003"
done_testing
