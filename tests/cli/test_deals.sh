#!/bin/sh
# Deals end to end through the kontor binary on a fresh home: init seeds
# the pipeline; kontor import deals (customer by code or INN, stage by
# name in any case, manager by login, when each entered its stage); the
# moves of a known data set brought by import --update with their times;
# kontor deal D-... --stage NAME [--reason TEXT] and its refusals, exact,
# in English and in Russian; the funnel report's numbers on that data,
# worked out by hand below, in CSV and text, with --by manager; kontor
# check at the end.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
plan 42
K="$KONTOR"

runcsv() { run "$@"; out=$(printf '%s\n' "$out" | tr -d '\r'); }

run "$K" init --company "ООО «Воронка»"
is "init exits 0" 0 "$rc"
runcsv "$K" export deal_stages
is "init seeds the pipeline" "name,position,probability,kind
Новая,10,10,open
Квалификация,20,20,open
КП отправлено,30,40,open
Переговоры,40,70,open
Выиграна,50,100,won
Проиграна,60,0,lost" "$(printf '%s\n' "$out" | cut -d, -f1-4)"
"$K" user add petrov --role manager >/dev/null 2>&1
"$K" user add ivanova --role sales >/dev/null 2>&1
cat >"$T/customers.csv" <<'CSV'
code,name,kind,inn
C-1,ООО «Альфа»,company,7707083893
C-2,ООО «Бета»,company,7736050003
CSV
run "$K" import customers "$T/customers.csv"
is "customers imported" 0 "$rc"

# --- import: refusals change nothing -----------------------------------
cat >"$T/bad.csv" <<'CSV'
customer,title,amount,stage,manager
C-1,Проигранная без причины,10,Проиграна,petrov
CSV
run "$K" import deals "$T/bad.csv"
is "a lost deal without a reason: exit 65" 65 "$rc"
is "... the file, line and column" \
    "$T/bad.csv:2: column 'lost_reason': a reason is required when the deal is lost (stage \"Проиграна\")" \
    "$err"
cat >"$T/bad2.csv" <<'CSV'
customer,title,amount,stage,manager
C-1,Хорошая,10,Новая,petrov
C-1,Этап неизвестен,10,Нет такого,petrov
CSV
run "$K" import deals "$T/bad2.csv"
is "an unknown stage: exit 65" 65 "$rc"
like "... names the column and the name" "bad2.csv:3: column 'stage'" "$err"
like "... and the name" "Нет такого" "$err"
runcsv "$K" export deals
is "nothing imported" 1 "$(printf '%s\n' "$out" | wc -l)"

# --- the known data set --------------------------------------------------
# A, C, D are petrov's, B and E ivanova's; B is named by its customer's
# INN; C starts at Квалификация; E enters the funnel in February.
cat >"$T/deals.csv" <<'CSV'
code,customer,title,amount,stage,manager,stage_since
D-000001,C-1,Сделка А,100000.00,Новая,petrov,2025-01-01T09:00Z
D-000002,7736050003,Сделка Б,200000.00,новая,ivanova,2025-01-01T09:00Z
D-000003,C-1,Сделка В,300000.00,КВАЛИФИКАЦИЯ,petrov,2025-01-02T09:00Z
D-000004,C-2,Сделка Г,400000.00,Новая,petrov,2025-01-03T09:00Z
D-000005,C-2,Сделка Д,50000.00,Новая,ivanova,2025-02-10T09:00Z
CSV
run "$K" import deals "$T/deals.csv"
is "deals imported" 0 "$rc"
like "... five new" "5 new" "$err"
runcsv "$K" export deals
is "customer by INN, stage by name in any case, probability from it" \
    "D-000002,C-2,Сделка Б,200000.00,Новая,10,,ivanova" \
    "$(printf '%s\n' "$out" | grep '^D-000002' | cut -d, -f1-8)"
is "C starts at Квалификация, 20 %" \
    "D-000003,C-1,Сделка В,300000.00,Квалификация,20,,petrov" \
    "$(printf '%s\n' "$out" | grep '^D-000003' | cut -d, -f1-8)"

# The moves, a file per day.
cat >"$T/m1.csv" <<'CSV'
code,stage,stage_since
D-000001,Квалификация,2025-01-05T09:00Z
D-000002,Квалификация,2025-01-05T09:00Z
D-000004,КП отправлено,2025-01-05T09:00Z
CSV
cat >"$T/m2.csv" <<'CSV'
code,stage,stage_since,lost_reason
D-000001,Переговоры,2025-01-09T09:00Z,
D-000002,Проиграна,2025-01-09T09:00Z,Дорого
D-000003,КП отправлено,2025-01-09T09:00Z,
CSV
cat >"$T/m3.csv" <<'CSV'
code,stage,stage_since
D-000001,Выиграна,2025-01-12T09:00Z
D-000003,Переговоры,2025-01-12T09:00Z
CSV
n=0
for f in m1 m2 m3; do
	"$K" import deals "$T/$f.csv" --update >/dev/null 2>&1 && n=$((n + 1))
done
is "three files of moves imported" 3 "$n"
cat >"$T/back.csv" <<'CSV'
code,stage,stage_since
D-000004,Переговоры,2025-01-04T09:00Z
CSV
run "$K" import deals "$T/back.csv" --update
is "a move dated before the deal's last: exit 65" 65 "$rc"
like "... names the column" "back.csv:2: column 'stage_since': before" "$err"
runcsv "$K" export deal_history
is "every stage entered is in the history" 13 \
    "$(printf '%s\n' "$out" | sed 1d | wc -l)"
is "... A's, in order, with when and from where" \
    "D-000001,2025-01-01T09:00:00Z,,Новая
D-000001,2025-01-05T09:00:00Z,Новая,Квалификация
D-000001,2025-01-09T09:00:00Z,Квалификация,Переговоры
D-000001,2025-01-12T09:00:00Z,Переговоры,Выиграна" \
    "$(printf '%s\n' "$out" | grep ',D-000001,' | cut -d, -f2-5)"

# --- kontor deal ------------------------------------------------------------
run "$K" deal D-000005 --stage квалификация
is "deal --stage: exit 0" 0 "$rc"
is "... says from where to where, and the probability" \
    "kontor: D-000005: Новая -> Квалификация (20 %)" "$err"
run "$K" deal D-000005 --stage Проиграна
is "lost without --reason: exit 65" 65 "$rc"
is "... names the field and the option" \
    "kontor: D-000005: column 'lost_reason': a reason is required when the deal is lost (stage \"Проиграна\") (--reason TEXT)" \
    "$err"
run "$K" --lang ru deal D-000005 --stage Проиграна
is "... in Russian: exit 65" 65 "$rc"
is "... in Russian: the message" \
    "kontor: D-000005: колонка 'lost_reason': для проигранной сделки нужна причина (этап «Проиграна») (--reason ТЕКСТ)" \
    "$err"
run "$K" deal D-000005 --stage Нет
is "an unknown stage: exit 65" 65 "$rc"
is "... names the stages" \
    "kontor: no deal stage \"Нет\" (stages: Новая, Квалификация, КП отправлено, Переговоры, Выиграна, Проиграна)" \
    "$err"
run "$K" --lang ru deal D-000005 --stage Нет
is "... in Russian" \
    "kontor: нет этапа сделок «Нет» (этапы: Новая, Квалификация, КП отправлено, Переговоры, Выиграна, Проиграна)" \
    "$err"
run "$K" deal D-000099 --stage Новая
is "an unknown deal: exit 66" 66 "$rc"
run "$K" deal D-000005
is "no --stage: exit 64" 64 "$rc"
runcsv "$K" export deals
is "the refusals changed nothing" \
    "D-000005,C-2,Сделка Д,50000.00,Квалификация,20" \
    "$(printf '%s\n' "$out" | grep '^D-000005' | cut -d, -f1-6)"
run "$K" deal D-000005 --stage Проиграна --reason "Ушли к конкуренту"
is "lost with --reason: exit 0" 0 "$rc"
runcsv "$K" export deals
is "... the reason kept, probability 0" \
    "Проиграна,0,,ivanova,,Ушли к конкуренту" \
    "$(printf '%s\n' "$out" | grep '^D-000005' | cut -d, -f5-10)"

# --- the funnel ---------------------------------------------------------------
# January's deals: A won (100 000), B lost (200 000), C at Переговоры
# (300 000, 70 %), D at КП отправлено (400 000, 40 %); E is February's.
# Reached: Новая and Квалификация all four (D skipped Квалификация but went
# past it; B went no further), КП отправлено A, C, D, Переговоры A, C,
# Выиграна A; one of them is won.  Stays ended: Новая A 4, B 4, D 2 days
# (median 4); Квалификация A 4, B 4, C 7 (4); КП отправлено C 3 (D is
# still there); Переговоры A 3.  Weighted: 400 000 x 40 % = 160 000,
# 300 000 x 70 % = 210 000, 100 000 x 100 %.
runcsv "$K" report funnel --from 2025-01-01 --to 2025-01-31 --format csv
is "funnel: the numbers" \
    "manager,stage,deals,amount,weighted,to_won_pct,median_days
(all),Новая,0,0.00,0.00,25.0,4.0
(all),Квалификация,0,0.00,0.00,25.0,4.0
(all),КП отправлено,1,400000.00,160000.00,33.3,3.0
(all),Переговоры,1,300000.00,210000.00,50.0,3.0
(all),Выиграна,1,100000.00,100000.00,100.0,
(all),Проиграна,1,200000.00,0.00,,
(all),TOTAL,4,1000000.00,470000.00,25.0," "$out"
# petrov: A, C, D; Новая stays A 4, D 2 (median 3); Квалификация A 4,
# C 7 (5.5); ivanova: B alone.
runcsv "$K" report funnel --from 2025-01-01 --to 2025-01-31 --by manager \
    --format csv
is "funnel --by manager" \
    "manager,stage,deals,amount,weighted,to_won_pct,median_days
petrov,Новая,0,0.00,0.00,33.3,3.0
petrov,Квалификация,0,0.00,0.00,33.3,5.5
petrov,КП отправлено,1,400000.00,160000.00,33.3,3.0
petrov,Переговоры,1,300000.00,210000.00,50.0,3.0
petrov,Выиграна,1,100000.00,100000.00,100.0,
petrov,Проиграна,0,0.00,0.00,,
petrov,TOTAL,3,800000.00,470000.00,33.3,
ivanova,Новая,0,0.00,0.00,0.0,4.0
ivanova,Квалификация,0,0.00,0.00,0.0,4.0
ivanova,КП отправлено,0,0.00,0.00,,
ivanova,Переговоры,0,0.00,0.00,,
ivanova,Выиграна,0,0.00,0.00,,
ivanova,Проиграна,1,200000.00,0.00,,
ivanova,TOTAL,1,200000.00,0.00,0.0," "$out"
runcsv "$K" report funnel --format csv
is "without a period: E counts too (lost, 50 000)" \
    "(all),TOTAL,5,1050000.00,470000.00,20.0," \
    "$(printf '%s\n' "$out" | grep TOTAL)"
run "$K" --lang ru report funnel --from 2025-01-01 --to 2025-01-31
is "funnel in text, in Russian: exit 0" 0 "$rc"
like "... the headings" "Менеджер" "$out"
like "... the total" "ИТОГО" "$out"
run "$K" report funnel --by customer
is "--by customer: exit 64" 64 "$rc"
is "... says what it takes" \
    "kontor: funnel: --by manager expected, got 'customer'" "$err"
run "$K" report stock-value --by manager
is "a report without --by refuses it: exit 64" 64 "$rc"

run "$K" check
is "kontor check passes" 0 "$rc"
done_testing
