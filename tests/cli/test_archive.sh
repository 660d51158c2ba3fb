#!/bin/sh
# The archive end to end: kontor attach puts a file in the archive of a
# customer or a document and prints its id; the same file again is the
# same entry; kontor attachment ID -o FILE (and -o -) gives the exact
# bytes back; kontor attachments lists a document's entries and a
# customer's (its own and its documents'), as text and CSV.  The size
# limit an admin sets (company attach_max_kb) refuses a bigger file with
# both sizes, exit 65, nothing stored.  As a sales clerk (a Unix user of
# its own on the shared socket): attaching to a customer and an invoice,
# reading back; as a warehouse clerk: no customers, so neither attaching
# nor reading theirs (77), yet a shipment's is theirs.  A backup restored
# into a new home keeps the bytes; kontor check proves every hash, and a
# blob damaged on disk (tests/cli/blobrot, the server stopped) is named
# by its entry, and not given back.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
plan 66

ROT=$(dirname "$KONTOR")/tests/cli/blobrot
[ -x "$ROT" ] || skip_all "tests/cli/blobrot not built (make check builds it)"
Y=$(date +%Y)
INV1=INV-$Y-000001
INV3=INV-$Y-000003	# not paid yet: it may change
SHP1=SHP-$Y-000001

clerks_setup --demo --company "ООО «Ромашка»"
clerk_add kt_sales sales "Продажина Анна"
clerk_add kt_wh warehouse "Складов Пётр"
# Files the clerks read and write: theirs to reach.
F=$S/files
mkdir -m 1777 "$F"
head -c 150000 /dev/urandom >"$F/scan.pdf"
printf 'Договор № 7, подписан\n' >"$F/contract.txt"
head -c 3000 /dev/urandom >"$F/photo.jpg"
chmod 0644 "$F"/*
entries() { K attachments "$1" --format csv 2>/dev/null | sed 1d | wc -l; }

# --- attach, read back, list ---------------------------------------------
run K attach C-000001 "$F/scan.pdf" --note "скан договора"
is "attach: exit 0" 0 "$rc"
ok "... prints the id alone" test "$out" -gt 0
ID1=$out
like "... and says where it went" "scan.pdf attached to C-000001, archive entry $ID1" "$err"
run K attachment "$ID1" -o "$T/back.pdf"
is "attachment -o FILE: exit 0" 0 "$rc"
ok "... the exact bytes" cmp -s "$F/scan.pdf" "$T/back.pdf"
K attachment "$ID1" -o - >"$T/stdout.pdf" 2>/dev/null
ok "attachment -o -: the exact bytes on stdout" cmp -s "$F/scan.pdf" "$T/stdout.pdf"
run K attachment "AR-$(printf %06d "$ID1")" -o "$T/bycode.pdf"
ok "... named by its code too" cmp -s "$F/scan.pdf" "$T/bycode.pdf"
run K attach c-000001 "$F/scan.pdf"
is "the same file again: the same entry" "0 $ID1" "$rc $out"
like "... and it says so" "was attached to C-000001 before" "$err"
is "... still one entry" 1 "$(entries C-000001)"

run K attachments C-000001
is "attachments: exit 0" 0 "$rc"
like "... a line with the id, the user, the kind, the name" \
    "$ID1 " "$(printf '%s\n' "$out" | grep scan.pdf)"
# As text the list fits 80 columns: the note as much as fits.
like "... the note" "скан дог" "$out"
like "... the size for people" "147 KB" "$out"
run K attachments C-000001 --format csv
SHA=$(sha256sum "$F/scan.pdf" | cut -d' ' -f1)
like "CSV: the entry with its size and SHA-256" \
    "attachment,C-000001,1,,,scan.pdf,150000,$SHA" "$out"
run K --lang ru attachments C-000001
like "in Russian: the kind in words" "вложение" "$out"
like "... the size too" "147 КБ" "$out"

# --- limits, refusals ---------------------------------------------------------
run K company --set attach_max_kb=100
is "the admin sets the limit: 100 KB" 0 "$rc"
run K attach C-000002 "$F/scan.pdf"
is "over the limit: exit 65" 65 "$rc"
like "... names both sizes" "scan.pdf is 147 KB (150000 bytes): larger than an attachment may be, 100 KB (102400 bytes" "$err"
is "... nothing stored" 0 "$(entries C-000002)"
run K company --set attach_max_kb=0
is "a limit of 0: refused" 65 "$rc"
like "... naming the column and the range" "column 'attach_max_kb': from 1 to 262144 KB" "$err"
run K company --set attach_max_kb=20480
run K attach C-999999 "$F/scan.pdf"
is "no such customer or document: exit 66" 66 "$rc"
like "... says so" "no customer or document with code" "$err"
run K attach C-000002 "$F/nonexistent.pdf"
is "no such file: exit 66" 66 "$rc"
run K attachment 999 -o "$T/x"
is "no such entry: exit 66" 66 "$rc"
ok "... and no file made" test ! -e "$T/x"
run K attach C-000002
is "no file named: usage, exit 64" 64 "$rc"

# --- a document; a customer's list holds its documents' --------------------------
run K attach "$INV1" "$F/contract.txt"
is "attach to an invoice: exit 0" 0 "$rc"
ID2=$out
run K attachments "$INV1"
like "the invoice lists it" "contract.txt" "$out"
ok "... and not the customer's own" sh -c "! printf '%s' \"\$1\" | grep -q scan.pdf" - "$out"
is "the customer lists both" 2 "$(entries C-000001)"

# --- a sales clerk; a warehouse clerk ---------------------------------------------
as_clerk kt_sales "$KONTOR" attach C-000002 "$F/photo.jpg"
is "a sales clerk attaches to a customer" 0 "$rc"
ID3=$out
as_clerk kt_sales "$KONTOR" attachment "$ID3" -o "$F/photo.back"
ok "... and reads it back" cmp -s "$F/photo.jpg" "$F/photo.back"
as_clerk kt_sales "$KONTOR" attachments C-000001
like "... lists the customer's and its invoice's" "INV-$(date +%Y)-000001 contrac" "$out"
run K attachments C-000002 --format csv
like "... recorded as the clerk's" ",kt_sales,attachment,C-000002," "$out"
as_clerk kt_wh "$KONTOR" attach C-000002 "$F/photo.jpg"
is "a warehouse clerk may not attach to a customer: 77" 77 "$rc"
like "... the refusal names the area" "permission denied: kt_wh" "$err"
as_clerk kt_wh "$KONTOR" attachment "$ID3" -o "$F/wh.jpg"
is "... nor read a customer's: 77" 77 "$rc"
ok "... and gets no file" test ! -e "$F/wh.jpg"
as_clerk kt_wh "$KONTOR" attachments C-000001
is "... nor list them: 77" 77 "$rc"
as_clerk kt_wh "$KONTOR" attach "$SHP1" "$F/photo.jpg" --note "фото груза"
is "a shipment is the warehouse's: attached" 0 "$rc"
as_clerk kt_sales "$KONTOR" attachments C-000001 --format csv
like "the sales clerk sees the shipment's too (shipping is theirs to view)" \
    "$SHP1" "$out"

# --- prints --------------------------------------------------------------------------
(cd "$T" && K print "$INV3" >/dev/null 2>&1 && K print "$INV3" -o again.pdf \
    >/dev/null 2>&1)
if cmp -s "$T/$INV3.pdf" "$T/again.pdf"; then
	pass "the same revision printed twice: the same bytes"
else
	fail "the same revision printed twice: the same bytes"
fi
prints() { K attachments "$INV3" --format csv 2>/dev/null | grep ',print,'; }
is "... one entry, sent twice" "1 2" \
    "$(prints | awk -F, '{ n++; s = $13 } END { print n, s }')"
printf 'code,due_date\n%s,%s\n' "$INV3" "$(date -d '+40 days' +%F)" >"$T/due.csv"
run K import invoices "$T/due.csv" --update
is "the invoice's due date changed" 0 "$rc"
(cd "$T" && K print "$INV3" -o changed.pdf >/dev/null 2>&1)
ok "the invoice changed: other bytes" sh -c '! cmp -s "$1" "$2"' - \
    "$T/again.pdf" "$T/changed.pdf"
is "... a new entry beside the first, of the later revision" "2" \
    "$(prints | wc -l)"
ok "... both listed with their revisions" test "$(prints | cut -d, -f6 | sort -u | wc -l)" = 2
run K attachment "$(prints | tail -1 | cut -d, -f1)" -o "$T/changed.back"
ok "... and the later one gives its PDF back" cmp -s "$T/changed.pdf" "$T/changed.back"

# --- backup, restore -----------------------------------------------------------------
run K backup "$T/bk"
is "backup: exit 0" 0 "$rc"
ok "... it holds the blobs" test -s "$T/bk/blobs.db"
run "$KONTOR" --home "$T/home2" restore "$T/bk"
is "restore into a new home: exit 0" 0 "$rc"
EXTRA_CLEANUP="$EXTRA_CLEANUP; \"\$KONTOR\" --home \"\$T/home2\" stop >/dev/null 2>&1"
run "$KONTOR" --home "$T/home2" attachment "$ID1" -o "$T/restored.pdf"
is "the restored home gives the attachment back" 0 "$rc"
ok "... the exact bytes" cmp -s "$F/scan.pdf" "$T/restored.pdf"
run "$KONTOR" --home "$T/home2" check
is "... and its check passes" 0 "$rc"
"$KONTOR" --home "$T/home2" stop >/dev/null 2>&1

# --- check: every hash -------------------------------------------------------------
run K check
is "check passes with the archive" 0 "$rc"
clerks_stop
run "$ROT" "$KONTOR_HOME" "$SHA"
is "blobrot damages the scan's bytes (the server stopped)" 0 "$rc"
server_start
run K check
is "check fails" 1 "$([ "$rc" -ne 0 ] && echo 1 || echo 0)"
like "... naming the entry, its file and its document" \
    "archive $ID1 (AR-$(printf %06d "$ID1"), C-000001, scan.pdf): its bytes are damaged: their SHA-256 is" \
    "$out$err"
like "... and the hash expected" "$SHA expected" "$out$err"
run K attachment "$ID1" -o "$T/bad.pdf"
is "the damaged bytes are not given back: exit 65" 65 "$rc"
like "... says why" "are not those archived" "$err"
ok "... and no file is left" test ! -e "$T/bad.pdf" -a -z "$(ls "$T" | grep 'bad.pdf')"
K attachment "$ID1" -o - >"$T/bad.out" 2>/dev/null
is "... nor any byte of them on standard output" "65 0" "$? $(wc -c <"$T/bad.out")"
done_testing
