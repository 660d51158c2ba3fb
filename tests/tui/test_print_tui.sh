#!/bin/sh
# P on a document in the session (issue 13): the print dialog as the
# sales clerk and the warehouse clerk live it, on Unix logins of their own
# against a shared server, with a fake lp, lpstat and sendmail on PATH
# that keep what they were given.
#
#  - :order, P: the default form to a file in the session's directory;
#    the PDF is there and pdftotext reads the order's number and customer;
#    another form: the file's name follows it.
#  - :inv, P: text to a printer; an unknown printer is refused with lp's
#    words and the dialog stays with what was typed; then lp gets -d hp
#    -n 2 and the text; Esc sends nothing (no lp, no archive entry); the
#    PDF by e-mail to the customer's address through sendmail.
#  - The choice is offered again in a new session, and after the server
#    restarts; messages stay on the status line.
#  - In Russian at 80x24 under TERM=vt100 with no lp and no sendmail on
#    PATH: each refusal with its reason, the dialog whole in its box.
#  - The warehouse clerk's :ship: P in its help and hints, and P on a
#    shipment (printed when a shipment's form exists, else the server's
#    reason).
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
command -v pdftotext >/dev/null ||
    skip_all "pdftotext missing (Debian's poppler-utils)"
plan 73

clerks_setup --demo --company "ООО «Ромашка»"
clerk_add kt_sales sales "Продавцов Пётр"
clerk_add kt_wh warehouse "Складов Семён"

# The newest of each kind: where each list opens.
last() { K export "$1" 2>/dev/null | tr -d '\r' | tail -1 | cut -d, -f1; }
SO=$(last sales_orders)
INV=$(last invoices)
SHP=$(last shipments)
num() { echo "$1" | sed 's/.*-0*//'; }
cust=$(K export invoices 2>/dev/null | tr -d '\r' | awk -F, -v d="$INV" \
    '$1 == d { print $2 }')
email=$(K export customers 2>/dev/null | tr -d '\r' | awk -F, -v c="$cust" \
    '$1 == c { print $7 }')
ok "demo documents and the customer's e-mail ($SO $INV $email)" \
    test -n "$SO" -a -n "$INV" -a -n "$email"

# Fakes: lp keeps its arguments and input (refusing printer "nosuch" as
# CUPS does), lpstat names the default, sendmail keeps the message.
SPOOL=$S/spool
mkdir -m 1777 "$SPOOL"
mkdir -m 0755 "$S/bin" "$S/empty"
cat >"$S/bin/lp" <<EOF
#!/bin/sh
n=\$(ls "$SPOOL" | grep -c '^lp\..*\.args\$')
printf '%s\n' "\$@" >"$SPOOL/lp.\$n.args"
cat >"$SPOOL/lp.\$n.data"
if [ "\$2" = nosuch ]; then
	echo "lp: The printer or class does not exist." >&2
	exit 1
fi
echo "request id is \$2-\$n (1 file(s))"
EOF
cat >"$S/bin/lpstat" <<'EOF'
#!/bin/sh
[ "$1" = -d ] && echo "system default destination: hp"
EOF
cat >"$S/bin/sendmail" <<EOF
#!/bin/sh
n=\$(ls "$SPOOL" | grep -c '^mail\.')
cat >"$SPOOL/mail.\$n"
EOF
chmod 0755 "$S/bin/lp" "$S/bin/lpstat" "$S/bin/sendmail"
OUT=$S/out
mkdir -m 0755 "$OUT"
chown kt_sales "$OUT"
FAKES=$S/bin:/usr/bin:/bin
lps() { ls "$SPOOL" | grep -c '^lp\..*\.args$'; }
# boxed PANE TEXT: the row with TEXT ends in the box's right side (vt100
# draws it as x).
boxed() { screen "$1" | grep -F -- "$2" | grep -q 'x *$'; }

# ptui PANE LOGIN DIR PATH [TERM]: LOGIN's session started in DIR, with
# PATH (the session's lp, lpstat and sendmail), 80x24, TUI_LANG.
ptui() {
	clerk_ids "$2"
	$TM new-session -d -s "$1" -x 80 -y 24 -c "$3" \
	    "setpriv --reuid=$cuid --regid=$cgid --clear-groups env \
	    PATH='$4' HOME='$S/nohome' KONTOR_SOCKET='$SOCK' \
	    KONTOR_HOME='$KONTOR_HOME' TERM=${5:-xterm} \
	    LANG=${TUI_LANG:-C.UTF-8} LC_ALL=${TUI_LANG:-C.UTF-8} \
	    ASAN_OPTIONS='$CLERK_ASAN' '$KONTOR'; sleep 60"
}

# --- the sales clerk: an order to a file ---------------------------------
ptui s kt_sales "$OUT" "$FAKES" vt100
wait_for s "Main menu" >/dev/null
keys s ":" "order" Enter
ok "the orders list names P" wait_for s "P print"
keys s P
ok "P opens the dialog on the order at the cursor" wait_for s "Print $SO"
ok "... its default form first, of three" row_has s "Order confirmation" "1/3"
ok "... a file in the session's directory" row_has s "File" "$OUT/$SO.pdf"
keys s Enter
ok "Enter saves it; the status line says where, and stays" \
    stays s "saved $OUT/$SO.pdf"
ok "the dialog closed" not_shows s "Print $SO"
ok "the PDF is there" test -s "$OUT/$SO.pdf"
txt=$(pdftotext "$OUT/$SO.pdf" - 2>/dev/null)
like "pdftotext reads the order's number (№ of $SO)" \
    "Подтверждение заказа № $(num "$SO") от" "$txt"
cname=$(K export sales_orders 2>/dev/null | tr -d '\r' | awk -F, \
    -v d="$SO" '$1 == d { print $2 }')
cname=$(K export customers 2>/dev/null | tr -d '\r' | awk -F, \
    -v c="$cname" '$1 == c { print $2 }')
like "... and its customer ($cname)" "$cname" "$txt"

keys s P
wait_for s "Print $SO" >/dev/null
ok "the same choice offered again" row_has s "File" "$OUT/$SO.pdf"
keys s Right
ok "Right: the next form" row_has s "Invoice for payment" "2/3"
ok "... the file's name follows the form" row_has s "File" \
    "$OUT/$SO-invoice.pdf"
keys s Enter
ok "saved under the form's name" wait_for s "saved $OUT/$SO-invoice.pdf"
like "it is the invoice form" "Счёт на оплату № " \
    "$(pdftotext "$OUT/$SO-invoice.pdf" - 2>/dev/null)"

# A file that cannot be written: said, nothing else changes.
keys s P
wait_for s "Print $SO" >/dev/null
keys s Down Down Down C-u "/nonexistent/x.pdf" Enter
ok "a file that cannot be written: why, in the dialog" \
    wait_for s "cannot create /nonexistent/x.pdf: No such file"
ok "... which stays, with the path typed" row_has s "File" \
    "/nonexistent/x.pdf"
keys s Escape
gone s "Print $SO" >/dev/null

# --- an invoice to a printer ---------------------------------------------
keys s ":" "inv" Enter
wait_for s "$INV" >/dev/null
# The invoice's list: P prints the invoice under the cursor.
keys s P
ok "P on the invoice" wait_for s "Print $INV"
ok "... one form: no count" not_row_has s "Invoice for payment" "1/1"
keys s Left
ok "Left: to a printer, lpstat -d's default offered" row_has s "Printer" hp
ok "... copies, for a printer" row_has s "Copies" 1
keys s Up Right Down Down C-u "nosuch" Down BSpace 2
ok "text chosen" row_has s "Format" "text, 80 columns"
keys s Enter
# "... lp failed (exit 1): lp: The printer or class does not exist.",
# folded in the dialog; the status line has its start.
ok "an unknown printer: lp's reason in the dialog" \
    wait_for s "not exist."
ok "... and on the status line" row_has s "cannot print on nosuch" \
    "lp failed (exit 1)"
ok "the dialog stays, with what was typed" stays s "Print $INV"
ok "... the printer" row_has s "Printer" nosuch
ok "... the copies" row_has s "Copies" 2
keys s Up C-u "hp" Enter
ok "sent: the printer and the copies on the status line" \
    stays s "$INV.txt: sent to printer hp (2 copies)"
n=$(($(lps) - 1))
is "lp's arguments" "-d hp -n 2" "$(tr '\n' ' ' <"$SPOOL/lp.$n.args" |
    sed 's/ $//')"
like "lp got the text form" "Счёт на оплату № $(num "$INV") от" \
    "$(cat "$SPOOL/lp.$n.data")"
like "the archive records it" ",printer:hp," \
    "$(K attachments "$INV" --format csv 2>/dev/null)"

# Esc: nothing sent.
before_lp=$(lps)
before_arch=$(K attachments "$INV" 2>/dev/null | wc -l)
keys s P
wait_for s "Print $INV" >/dev/null
keys s Escape
ok "Esc closes the dialog" gone s "Print $INV"
sleep 1
is "... nothing went to lp" "$before_lp" "$(lps)"
is "... nothing was archived" "$before_arch" \
    "$(K attachments "$INV" 2>/dev/null | wc -l)"
ok "... the last message stands" row_has s "sent to printer hp" "2 copies"

# E-mail: the customer's address, the PDF attached.
keys s P
wait_for s "Print $INV" >/dev/null
ok "the printer offered again (the last choice)" row_has s "Where to" \
    "< printer >"
keys s Left
ok "e-mail: the customer's address" row_has s "E-mail" "$email"
ok "... a letter carries the PDF" row_has s "Format" "PDF"
keys s Enter
ok "mailed" stays s "$INV: mailed to $email"
m=$(cat "$SPOOL"/mail.* 2>/dev/null)
like "sendmail got the message to the customer" "To: $email" "$m"
like "... with the PDF" "application/pdf" "$m"
# Back to the printer, which is what the next session is to offer.
keys s P
wait_for s "Print $INV" >/dev/null
keys s Right Up Right Down Down C-u hp Down BSpace 1 Enter
ok "printed again" wait_for s "sent to printer hp (1 copy)"
keys s F10
tui_ended s

# --- remembered: a new session, a restarted server ------------------------
remembered() {
	ptui "$1" kt_sales "$OUT" "$FAKES" vt100
	wait_for "$1" "Main menu" >/dev/null
	keys "$1" ":" "inv" Enter
	wait_for "$1" "$INV" >/dev/null
	keys "$1" P
	wait_for "$1" "Print $INV" >/dev/null
	ok "$2: the invoice's choice offered" row_has "$1" "Where to" \
	    "< printer >"
	ok "... the printer" row_has "$1" "Printer" hp
	ok "... text" row_has "$1" "Format" "text, 80 columns"
	keys "$1" Escape
	gone "$1" "Print $INV" >/dev/null
	keys "$1" ":" "order" Enter
	wait_for "$1" "P print" >/dev/null
	keys "$1" P
	wait_for "$1" "Print $SO" >/dev/null
	ok "... the order's: its form" row_has "$1" "Invoice for payment" \
	    "2/3"
	ok "... and its file" row_has "$1" "File" "$OUT/$SO-invoice.pdf"
	keys "$1" Escape
	gone "$1" "Print $SO" >/dev/null
	keys "$1" F10
	tui_ended "$1"
}
remembered s2 "a new session"
server_restart
remembered s3 "the server restarted"

# --- Russian, 80x24, vt100, no lp, no sendmail -----------------------------
TUI_LANG=ru_RU.UTF-8
ptui r kt_sales "$OUT" "$S/empty" vt100
wait_for r "Главное меню" >/dev/null
keys r ":" "inv" Enter
wait_for r "$INV" >/dev/null
keys r F1
ok "help: P" row_has r "P " "печать: форма, PDF или текст"
ok "help: v, the archive" row_has r "v " "что печаталось, отправлялось"
keys r Escape
keys r P
ok "the dialog in Russian" wait_for r "Печать $INV"
ok "... the printer remembered" row_has r "Куда" "< принтер >"
ok "... the keys, whole" shows r "Enter: отправить   Esc: закрыть, ничего не отправляя"
ok "... inside its box" boxed r "Left/Right, пробел: другой вариант"
keys r Enter
ok "no lp: said, with what to install" wait_for r "cups-client"
ok "... the dialog is still there" wait_for r "Печать $INV"
keys r Left
ok "e-mail: the customer's address" row_has r "Эл. почта" "$email"
keys r Enter
ok "no sendmail: said" wait_for r "sendmail"
ok "... the dialog stays" stays r "Печать $INV"
keys r Escape
ok "Esc closes it" gone r "Печать $INV"
keys r ":" "order" Enter
ok "the orders' hint in Russian names P" wait_for r "P печать"
keys r Enter
ok "in the order, its hint names P" wait_for r "P печать  Esc  F1"
keys r P
ok "P in the order" wait_for r "Печать $SO"
ok "... the form in Russian" row_has r "Счёт на оплату" "2/3"
keys r Escape
gone r "Печать $SO" >/dev/null
keys r F10
tui_ended r
TUI_LANG=

# --- the warehouse clerk: a shipment -----------------------------------------
mkdir -m 0755 "$S/wh"
chown kt_wh "$S/wh"
ptui w kt_wh "$S/wh" "$FAKES" vt100
wait_for w "Main menu" >/dev/null
keys w ":" "ship" Enter
ok "the shipments' hint names P" wait_for w "P print"
keys w F1
ok "help: P" row_has w "P " "print: the form"
keys w Escape
keys w P
if K print "$SHP" -o "$T/probe.pdf" >/dev/null 2>&1; then
	ok "P on a shipment (it has a form)" wait_for w "Print $SHP"
	keys w Enter
	ok "... saved in the clerk's directory" stays w "saved $S/wh/$SHP.pdf"
	like "... its default form, the УПД" "передаточный документ" \
	    "$(pdftotext "$S/wh/$SHP.pdf" - 2>/dev/null)"
else
	# No form is made from a shipment on this branch yet (УПД, ТОРГ-12,
	# акт come with the shipment forms): the server says so.
	ok "P on a shipment: the server's reason (no shipment form yet)" \
	    wait_for w "no print form is made from"
	ok "... and no dialog" not_shows w "Print $SHP"
	ok "... nothing saved" test ! -e "$S/wh/$SHP.pdf"
fi
keys w F10
tui_ended w
