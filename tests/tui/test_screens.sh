#!/bin/sh
# Screens that show the data whole, as a sales clerk sees them at 80x24:
# times keep their minutes, labels and names their tails; a card's
# history is newest first and a new record shows where it belongs; an
# activity's contact lookup lists the customer's contacts only; the
# calendar has a cursor, a day view and opens a task.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
plan 20

clerks_setup --demo --company "ООО «Ромашка»"
clerk_add kt_sales sales "Продавцов Пётр"
printf 'code,name,kind,city\nC-900001,ООО ТД «Ромашка Плюс» 104,company,Санкт-Петербург\n' >"$T/c.csv"
printf 'customer,name,position\nC-900001,Иванова Мария Петровна,Генеральный директор\n' >"$T/ct.csv"
chmod 644 "$T"/*.csv
K import customers "$T/c.csv" >/dev/null 2>&1
K import contacts "$T/ct.csv" >/dev/null 2>&1

tui kt_sales s
wait_for s "Main menu" >/dev/null
keys s ":" "cust" Enter
wait_for s "C-000003" >/dev/null
keys s / "ромашка" Enter
ok "a long name keeps its distinguishing tail at 80 columns" \
    wait_for s "ООО ТД «Ромашка Плюс» 104"
keys s Escape ":" "cust C-900001" Enter
ok "the card" wait_for s "Deals & documents"
ok "the card's labels are whole" shows s "Responsible manager"
i=0
while [ $i -lt 5 ] && ! shows s "Position"; do keys s Tab; i=$((i + 1)); poll_until 2 shows s "Position"; done
ok "contacts: the position is whole" wait_for s "Генеральный директор"
keys s a Tab Tab Tab Tab Tab "Первый звонок" F2
wait_for s "Первый звонок" >/dev/null
keys s a Tab C-u "01.12.2026 10:15" Tab Tab Tab Tab "Старый звонок" F2
wait_for s "Старый звонок" >/dev/null
keys s a Tab Tab Tab Tab Tab "Второй звонок" F2
ok "the new call shows in the history" wait_for s "Второй звонок"
ok "the history keeps the minutes" shows s "01.12.2026 10:15"
first=$(screen s | grep -n 'звонок' | head -1 | cut -d: -f2-)
like "the history is newest first" "Второй звонок" "$first"
last=$(screen s | grep 'звонок' | tail -1)
like "... the oldest last" "Старый звонок" "$last"
ok "the cursor is on the call just saved" cursor_on s "Второй звонок"

# The contact lookup of an activity: this customer's contacts only.
keys s a Tab Tab Tab Tab C-l
ok "the contact lookup lists the customer's contact" \
    wait_for s "Иванова Мария Петровна"
ok "... and no one else's" sh -c "! $TM capture-pane -p -t s | grep -q 'Попова Елена'"
keys s Enter
ok "the pick fills the field" wait_for s "Contact       P-"
keys s Escape y Escape

# A new customer: the list shows it with the cursor on it.
keys s n "ООО «Ясень»" F2
ok "the new customer is saved" wait_for s "saved C-"
ok "... and the list shows it" wait_for s "ООО «Ясень»"
ok "... under the cursor" cursor_on s "ООО «Ясень»"

# The calendar: a cursor on a day and its task, a day view, Enter opens.
printf 'title,assignee,due,status,priority\nПозвонить в ТД,kt_sales,%s,open,normal\n' \
    "$(date -d 'today 11:30' -u +%Y-%m-%dT%H:%M:%SZ)" >"$T/t.csv"
chmod 644 "$T/t.csv"
K import tasks "$T/t.csv" >/dev/null 2>&1
keys s Escape ":" "cal" Enter
ok "the calendar opens on this week" wait_for s "Week of"
keys s d
ok "d: today in full" wait_for s "$(date +%d.%m.%Y)"
ok "... with the task's whole title" wait_for s "Позвонить в ТД"
i=0
while [ $i -lt 30 ] && ! cursor_on s "Позвонить в ТД"; do
	keys s Down; i=$((i + 1)); sleep 0.05
done
keys s Enter
ok "Enter opens the task under the cursor" wait_for s "Позвонить в ТД"
ok "... in its form" wait_for s "Assignee kt_sales"
keys s Escape
done_testing
