#!/bin/sh
# The firm's details in the terminal, in Russian at 80x24: an admin finds
# them in the main menu (a sales clerk does not), :firm lists the one
# record, Enter opens its form whole (every field on the screen), a
# changed field is saved and kontor company shows it; :acct shows the
# demo's bank account and cash desk with their balances.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
need_russian
plan 12

clerks_setup --demo --company "ООО «Ромашка»"
clerk_add kt_manager admin "Админов Пётр"
clerk_add kt_sales sales "Продажина Анна"
export TUI_LANG=ru_RU.UTF-8

tui kt_manager m
wait_for m "Главное меню" >/dev/null
ok "the menu has the company's details" row_has m "Реквизиты организации" ":firm"
tui kt_sales s
wait_for s "Главное меню" >/dev/null
ok "... a sales clerk's has not" not_shows s "Реквизиты организации"
keys s F10

keys m ":" "firm" Enter
ok ":firm lists the firm" wait_for m "ООО «Ромашка»"
keys m Enter
ok "Enter opens its form" wait_for m "Организация: OWN"
ok "... the full name spelt out" row_has m "Полное наименование" \
    "Общество с ограниченной ответственностью «Ромашка»"
ok "... the last field on the screen too" row_has m "Плательщик НДС" "да"
ok "... and the keys' line" shows m "F2/^S сохранить"
# The director is the 9th field one types in (after the code, the name).
keys m Tab Tab Tab Tab Tab Tab Tab Tab C-u "Иванов Иван Иванович" F2
ok "saved" wait_for m "Сохранено OWN"
run K company
like "kontor company shows it" "Director         Иванов Иван Иванович" "$out"

keys m Escape Escape ":" "acct" Enter
# 1 500 000,00 opening and the demo's customers' payments.
ok ":acct lists the bank account" poll_until 10 row_has m "BANK" "1 507 283,80"
ok "... and the cash desk" row_has m "CASH" "Касса"
ok "the title bar: the firm's name" row_has m "kontor" "ООО «Ромашка»"
keys m Escape F10
