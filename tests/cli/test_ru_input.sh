#!/bin/sh
# What Russian clerks type, through the command line: phones in any of
# their forms are stored one way by an import, and a bad one is named
# with its line and changes nothing; a code typed on a Russian layout
# (с-000001) or as its number alone (1) names the record, in show and in
# the references of an import.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 22
K="$KONTOR"

"$K" init --company "ООО Тест" >/dev/null 2>&1

# Phones: a Russian number stored as +7 (XXX) XXX-XX-XX however typed; a
# foreign one and an internal line as typed.
cat >"$T/phones.csv" <<'CSV'
name,kind,phone
ООО «Ромашка»,company,8 (913) 339-05-46
ООО Вторая,company,9133390547
Smith Ltd,company,+44 20 7946 0958
ИП Третий,person,1234
АО Пятое,company,8 495 123 45 67 доб 12
CSV
run "$K" import customers "$T/phones.csv"
is "phones import" 0 "$rc"
run "$K" export customers
like "8 (913)... stored as +7 (913)..." "C-000001,ООО «Ромашка»,company,,,'+7 (913) 339-05-46" "$out"
like "ten digits stored as +7" "'+7 (913) 339-05-47" "$out"
like "foreign number as typed" "'+44 20 7946 0958" "$out"
like "internal line as typed" "C-000004,ИП Третий,person,,,1234," "$out"
like "extension" "'+7 (495) 123-45-67 доб. 12" "$out"

# A number nobody could dial: named with its line, nothing saved.
cat >"$T/badphone.csv" <<'CSV'
code,name,kind,phone
C-010,ООО Хорошая,company,+7 913 000-00-00
C-011,ООО Плохая,company,12345678
CSV
run "$K" import customers "$T/badphone.csv"
is "bad phone: exit 65" 65 "$rc"
like "bad phone: line and column named" \
    "$T/badphone.csv:3: column 'phone': a phone like +7 (913) 339-05-46" "$err"
run "$K" show customers C-010
is "bad phone: nothing saved" 66 "$rc"

# Codes: the Cyrillic look-alikes of the prefix, any case, the number.
for c in с-000001 С-000001 c-000001 С-1 "с 1" 1 000001; do
	run "$K" show customers "$c"
	like "show customers $c" "ООО «Ромашка»" "$out"
done
run "$K" show customers 99
is "show customers 99: no such code" 66 "$rc"
like "show customers 99: named" "no record with code 99" "$err"
run "$K" show customers 0001
is "0001 is no code (a code being typed)" 66 "$rc"
cat >"$T/contacts.csv" <<'CSV'
customer,name
с-000002,Петров Пётр
3,John Smith
CSV
run "$K" import contacts "$T/contacts.csv"
is "references by Cyrillic code and by number" 0 "$rc"
run "$K" export contacts
like "Cyrillic code resolved" "C-000002,Петров Пётр" "$out"
like "number resolved" "C-000003,John Smith" "$out"
done_testing
