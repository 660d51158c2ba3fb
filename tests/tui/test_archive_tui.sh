#!/bin/sh
# The archive on the screens, as a sales clerk (a Unix login of its own)
# at 80x24 under TERM=vt100, in Russian: the customer's card lists among
# its deals and documents what was attached to the customer and what was
# printed of its documents, each with its size and where it went; Enter
# on one shows the entry (its file, size, note, SHA-256 and the command
# that gives it back).  An order shows its archive in its head and v
# lists it; v on an invoice in the list does too.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
plan 18

clerks_setup --demo --company "ООО «Ромашка»"
clerk_add kt_sales sales "Продавцов Пётр"
Y=$(date +%Y)
INV1=INV-$Y-000001
SO1=SO-$Y-000001
head -c 150000 /dev/urandom >"$T/scan.pdf"
run K attach C-000001 "$T/scan.pdf" --note "подписанный договор"
is "fixture: a scan attached to the customer" 0 "$rc"
AID=$out
(cd "$T" && K print "$INV1" >/dev/null 2>&1 &&
    K print "$SO1" --form order -o "$T/so.pdf" >/dev/null 2>&1)
is "fixture: its invoice and its order printed" 3 \
    "$(K attachments C-000001 --format csv 2>/dev/null | sed 1d | wc -l)"

TUI_LANG=ru_RU.UTF-8
export TUI_LANG
tui kt_sales a vt100
wait_for a "Главное меню" >/dev/null
keys a ":" "cust C-000001" Enter
ok "the customer's card" wait_for a "Клиент C-000001"
keys a Tab Tab Tab Tab
ok "Deals & documents lists the archive's entries" wait_for a "вложение"
ok "the scan attached, its size and note" \
    row_has a "C-000001        вложение" "147 КБ #$AID scan.pdf: подпис"
ok "the invoice printed, to a file" \
    row_has a "$INV1 печать" "31 КБ #"
ok "... its form and where it went" row_has a "$INV1 печать" "invoice, pdf → файл"
ok "the order's confirmation too" row_has a "$SO1  печать" "order, pdf → файл"
ok "the documents still listed" row_has a "$INV1 оплачен" "2 090,88"
# Down to the scan's row (the rows made in the same second come in any
# order), each step seen on the screen before the next.
shot() { $TM capture-pane -e -p -t a; }
down_to() {
	_i=0
	while ! cursor_on a "$1"; do
		[ $_i -ge 12 ] && return 1
		_i=$((_i + 1))
		_was=$(shot)
		keys a Down
		poll_until 5 sh -c '[ "$(eval "$1")" != "$2" ]' - \
		    "$TM capture-pane -e -p -t a" "$_was" || return 1
	done
}
ok "the cursor on the scan" down_to "scan.pdf"
keys a Enter
ok "Enter shows the entry" wait_for a "Запись архива $AID"
ok "... its file and size" shows a "Размер: 147 КБ (150000 байт)"
ok "... its note" shows a "Примечание: подписанный договор"
ok "... and how to get it back" shows a "kontor attachment $AID -o ФАЙЛ"
keys a Escape
gone a "Запись архива" >/dev/null

keys a Escape
keys a ":" "order $SO1" Enter
ok "the order's head says it has an archive" wait_for a "архив: 1 (v)"
keys a v
ok "v lists it" wait_for a "$SO1: 1 запись в архиве"
keys a Escape
gone a "запись в архиве" >/dev/null
keys a Escape
keys a ":" "inv $INV1" Enter
wait_for a "Счета на оплату" >/dev/null
keys a v
ok "v on an invoice in the list: its archive" wait_for a "$INV1: 1 запись в архиве"
ok "... the print and where it went" shows a "invoice, pdf → файл"
keys a Escape
done_testing
