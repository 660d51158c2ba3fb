#!/bin/sh
# kontor mail DOC --to ADDRESS through a fake sendmail on PATH that keeps
# the message: sendmail -t -oi; RFC 5322 headers (To, a Subject in RFC
# 2047 encoded words that decodes to the Russian subject, Date,
# Message-ID, From the company's name and e-mail); multipart/mixed with
# text/plain; charset=UTF-8 (the Russian letter decodes right) and
# application/pdf named DOC.pdf, whose bytes are kontor print's of the
# same document.  The archive records mail:ADDRESS; mailing the same
# revision again is the same entry, sent twice.  Refusals: an address
# that is none (64, nothing sent), no sendmail (69, nothing archived), a
# sendmail that fails (69 with its own words), an unknown document (66).
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 33
K="$KONTOR"
Y=$(date +%Y)
INV1=INV-$Y-000001
SO2=SO-$Y-000002

run "$K" init --demo --company "ООО «Ромашка»"
is "init --demo" 0 "$rc"
"$K" print "$INV1" -o "$T/printed.pdf" >/dev/null 2>&1 ||
    skip_all "kontor print cannot make a PDF here"
# The print above is an entry of its own (to a file); the mails below
# are another destination of the same bytes: the same entry.

mkdir "$T/bin" "$T/nobin"
cat >"$T/bin/sendmail" <<EOF
#!/bin/sh
printf '%s\n' "\$*" >"$T/args"
cat >"$T/msg"
EOF
chmod +x "$T/bin/sendmail"
M=$T/msg
# The body of the part whose Content-Type starts with $1, decoded.
part() {
	awk -v t="Content-Type: $1" 'index($0, t) == 1 { p = 1; next }
	    p && /^$/ { if (s) exit; s = 1; next } p && s { print }' "$M" |
	    base64 -d
}
# The Subject header, unfolded, its encoded words decoded.
subject() {
	awk '/^Subject:/ { s = substr($0, 10); p = 1; next }
	    p && /^[ \t]/ { s = s $0; next } p { print s; exit }' "$M" |
	    grep -o '=?UTF-8?B?[^?]*?=' | sed 's/^=?UTF-8?B?//; s/?=$//' |
	    while read -r w; do printf '%s' "$w" | base64 -d; done
}

run env PATH="$T/bin:$PATH" "$K" mail "$INV1" --to buh@vector.ru
is "mail: exit 0" 0 "$rc"
like "... says where it went and the archive entry" \
    "$INV1.pdf sent to buh@vector.ru (archive entry " "$err"
is "sendmail -t -oi" "-t -oi" "$(cat "$T/args")"
ok "To: the address" grep -qx "To: buh@vector.ru" "$M"
ok "From: the company's name, encoded, and its e-mail" \
    grep -qE '^From: =\?UTF-8\?B\?[A-Za-z0-9+/=]+\?= <info@demo-kontor.ru>$' "$M"
ok "Subject: RFC 2047 encoded words" grep -qE '^Subject: =\?UTF-8\?B\?' "$M"
is "... decoding to the Russian subject" \
    "Счёт на оплату $INV1 — ООО «Ромашка»" "$(subject)"
ok "Date: as RFC 5322 writes it" grep -qE \
    '^Date: (Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4}$' "$M"
ok "Message-ID" grep -qE '^Message-ID: <[^<> ]+@[^<> ]+>$' "$M"
ok "MIME-Version: 1.0" grep -qx "MIME-Version: 1.0" "$M"
B=$(sed -n 's/^Content-Type: multipart\/mixed; boundary="\(.*\)"$/\1/p' "$M")
ok "multipart/mixed with a boundary" test -n "$B"
is "... two parts and the end" "3" "$(grep -c -- "^--$B" "$M")"
ok "... the end closes it" grep -qx -- "--$B--" "$M"
ok "a text/plain part in UTF-8, base64" sh -c \
    'grep -A1 -x "Content-Type: text/plain; charset=UTF-8" "$1" |
    grep -qx "Content-Transfer-Encoding: base64"' - "$M"
TEXT=$(part text/plain)
like "the letter decodes to Russian: the greeting" "Здравствуйте!" "$TEXT"
like "... what is attached" "Во вложении — счёт на оплату $INV1." "$TEXT"
like "... signed by the company" "С уважением,
ООО «Ромашка»" "$TEXT"
ok "an application/pdf part named DOC.pdf" \
    grep -qx "Content-Disposition: attachment; filename=\"$INV1.pdf\"" "$M"
part application/pdf >"$T/att.pdf"
ok "the attachment is kontor print's PDF of the document, byte for byte" \
    cmp -s "$T/att.pdf" "$T/printed.pdf"
ok "... every base64 line 76 wide at most" sh -c \
    '! awk "length > 76" "$1" | grep -q .' - "$M"

run "$K" attachments "$INV1" --format csv
like "the archive records where it went" ",mail:buh@vector.ru," "$out"
run env PATH="$T/bin:$PATH" "$K" mail "$(echo "$INV1" | tr A-Z a-z)" --to buh@vector.ru
is "mailed again (the number in any case): exit 0" 0 "$rc"
is "... the same entry, sent three times (print, mail, mail)" "1 3" \
    "$("$K" attachments "$INV1" --format csv | sed 1d | awk -F, '{ n++; s = $13 } END { print n, s }')"
run env PATH="$T/bin:$PATH" "$K" mail "$SO2" --form order --to a@b.ru
is "an order's confirmation, by its form" 0 "$rc"
like "... the letter names it" "Во вложении — подтверждение заказа $SO2." "$(part text/plain)"

# --- refusals -------------------------------------------------------------
rm -f "$M"
run env PATH="$T/bin:$PATH" "$K" mail "$INV1" --to "buh@vector.ru
Bcc: all@world.ru"
is "an address with a header in it: refused, exit 64" 64 "$rc"
ok "... nothing sent" test ! -e "$M"
cat >"$T/bin/sendmail" <<'EOF'
#!/bin/sh
cat >/dev/null
echo "sendmail: cannot connect to mail.vector.ru: Connection refused" >&2
exit 75
EOF
run env PATH="$T/bin:$PATH" "$K" mail "$INV1" --to buh@vector.ru
is "a sendmail that fails: exit 69" 69 "$rc"
like "... with its own words" "exit 75): sendmail: cannot connect to mail.vector.ru: Connection refused" "$err"
run env PATH="$T/bin:$PATH" "$K" mail INV-1999-000001 --to buh@vector.ru
is "an unknown document: exit 66" 66 "$rc"
if [ -x /usr/sbin/sendmail ]; then
	pass "no sendmail: exit 69 # SKIP /usr/sbin/sendmail is installed here"
else
	n0=$("$K" attachments "$SO2" --format csv | sed 1d | wc -l)
	run env PATH="$T/nobin" "$K" mail "$SO2" --form invoice --to a@b.ru
	is "no sendmail: exit 69 before anything is printed" "69 $n0" \
	    "$rc $("$K" attachments "$SO2" --format csv | sed 1d | wc -l)"
fi
run "$K" check
is "check passes" 0 "$rc"
done_testing
