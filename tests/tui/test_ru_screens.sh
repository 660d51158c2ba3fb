#!/bin/sh
# Every screen of the menu in Russian at 80x24, as the clerk who uses it
# sees it (TUI_LANG=ru_RU.UTF-8): sales (customers, the card and its
# sections, contacts, activities, tasks, the calendar's week and day),
# a warehouse clerk (where is it, receiving and count with lines, stock
# documents, moves, warehouses and bins), a manager (products, purchase
# orders with their lines, reorder) and the admin (users).  For each: the
# headings, labels and words expected in Russian show whole (no label
# cut), the hint row is whole to its last key, F1 help is Russian, and a
# few English words that must not be left are not there.  An enum typed
# in either language is stored as its value.  One screen under
# TERM=vt100; one screen line by line in English and in Russian.
. "${KONTOR_SRCDIR:-.}/tests/lib.sh"
. "$KONTOR_SRCDIR/tests/tui/clerks.sh"
need_russian
plan 114

clerks_setup --demo --company "ООО «Ромашка»"
clerk_add kt_sales sales "Продавцов Пётр"
clerk_add kt_manager manager "Начальников Олег"
clerk_add kt_wh warehouse "Кладовщиков Иван"
# Tasks of the sales clerk's, one overdue, one due today (late: the
# test does not run at midnight): the task list and the calendar.
printf 'title,assignee,due,status,priority\n%s,kt_sales,%s,open,high\n%s,kt_sales,%s,open,normal\n' \
    "Позвонить в «Альянс»" "$(date -d 'yesterday 11:30' -u +%Y-%m-%dT%H:%M:%SZ)" \
    "Отправить счёт" "$(date -d 'today 23:59' -u +%Y-%m-%dT%H:%M:%SZ)" >"$T/t.csv"
chmod 644 "$T/t.csv"
K import tasks "$T/t.csv" >/dev/null 2>&1

# all_whole PANE TEXT...: every TEXT shows whole (waited for).
all_show() {
	_s=$(screen "$1"); shift
	for _t; do
		case $_s in *"$_t"*) ;; *) return 1 ;; esac
	done
}
all_whole() {
	poll_until 10 all_show "$@" && return 0
	_p=$1; shift
	for _t; do shows "$_p" "$_t" || echo "# not whole: $_t" >&2; done
	screen "$_p" | sed 's/^/# /' >&2
	return 1
}
# no_english PANE WORD...: no WORD shows as a word (case matters).
no_english() {
	_p=$1; shift
	for _w; do
		if screen "$_p" | grep -qw -- "$_w"; then
			echo "# English left: $_w" >&2
			screen "$_p" | sed 's/^/# /' >&2
			return 1
		fi
	done
}
# hint PANE TEXT: the row above the status line is TEXT, whole.
hint_row() { [ "$(screen "$1" | sed -n 23p | sed 's/ *$//')" = "$2" ]; }
hint() {
	poll_until 10 hint_row "$1" "$2" && return 0
	echo "# want: $2" >&2
	screen "$1" | sed 's/^/# /' >&2
	return 1
}
# The same in English words a help box or a screen must not keep.
HELPWORDS="this help quit back"

export TUI_LANG=ru_RU.UTF-8
month=$(echo "Январь Февраль Март Апрель Май Июнь Июль Август Сентябрь Октябрь Ноябрь Декабрь" |
    cut -d' ' -f"$(date +%-m)")
day=$(echo "Понедельник Вторник Среда Четверг Пятница Суббота Воскресенье" |
    cut -d' ' -f"$(date +%u)")

# --- the sales clerk -------------------------------------------------------
tui kt_sales s
ok "menu: every screen by its Russian title" all_whole s "Главное меню" \
    "c  Клиенты" "o  Контакты" "a  Взаимодействия" "t  Задачи" \
    "k  Календарь" "F1 справка, : быстрый переход"
ok "menu: no English" no_english s Main menu Customers Tasks Calendar help
keys s F1
ok "menu: F1 help" all_whole s "Enter или буква" "открыть экран" \
    "быстрый переход, например :cust C-000123" "эта справка" \
    "любая клавиша закрывает"
ok "menu help: no English" no_english s $HELPWORDS open letter
keys s Escape ":" "cust" Enter
ok "customers: the headings whole" all_whole s "Код" "Наименование" "ИНН" \
    "Телефон" "Статус" "активный"
ok "customers: no English" no_english s Code Name Phone Status active lead
keys s F1
# (A sales clerk may not delete in the crm area: no d in the help.)
ok "customers: F1 help" all_whole s "открыть карточку клиента" \
    "В карточке:" "следующий / предыдущий раздел" \
    "новая запись раздела" "назад"
ok "customers help: no English" no_english s $HELPWORDS card section
keys s Escape ":" "cust C-000003" Enter
ok "the card: every label whole" all_whole s "Наименование  АО «Альянс»" \
    "Вид           организация" "Статус" "ИНН" "КПП" "Телефон" "Эл. почта" \
    "Город" "Отв. менеджер" "Теги" "Источник" "Адрес"
ok "the card: the sections" all_whole s \
    "Контакты | Каналы связи | История | Задачи | Сделки и документы"
ok "the card's contacts: headings" all_whole s "Должность" \
    "Смирнова Анна Викторовна"
ok "the card: no English" no_english s Contacts Channels History Deals \
    Responsible Kind company
keys s Tab
ok "channels: headings and kind" all_whole s "Контактное лицо" "Значение" \
    "WhatsApp"
keys s Tab
ok "history: headings" all_whole s "Дата/время" "Пользователь" "Текст" \
    "Результат"
ok "history: an e-mail is a letter" all_whole s "письмо"
ok "history: no English" no_english s email call Text Outcome
keys s Tab
ok "tasks section: headings and words" all_whole s "Тема" "Исполнитель" \
    "Срок" "Приоритет" "обычный" "открыта"
ok "tasks section: no English" no_english s Title Assignee Due normal open
keys s Tab
ok "deals section: the customer's deals, stage and sum" all_whole s \
    "D-000003" "КП отправлено" "900 000,00" "Годовой контракт" "D-000033" \
    "Новая"

# A form of each kind from the card: a contact, an activity (and the F4
# calendar of its time), a task.
keys s c
ok "contact form: title and labels" all_whole s "Контакты клиента C-000003" \
    "*Клиент" "*Наименование" "Должность" "Телефон" "Эл. почта" \
    "Примечание"
ok "contact form: the hint" hint s \
    "F2/^S сохранить  Tab далее  F4/^L выбор  F3/^R повтор  Esc отмена  F1/^G справка"
keys s Escape
keys s a
ok "activity form: a call now" all_whole s "Взаимодействия клиента C-000003" \
    "*Вид" "звонок" "*Дата/время" "Пользователь" "Контактное лицо"
keys s Tab C-l
ok "the calendar: Russian days and month" all_whole s "Пн Вт Ср Чт Пт Сб Вс" \
    "$month $(date +%Y)" "стрелки: день, неделя" \
    "PgUp/PgDn месяц, t сегодня" "Enter выбрать, Esc закрыть"
ok "the calendar: no English" no_english s Mo Su arrows month picks
keys s Escape Escape
keys s t
ok "task form: labels and words" all_whole s "Задачи клиента C-000003" \
    "*Тема" "*Исполнитель kt_sales" "Приоритет   обычный" \
    "*Статус      открыта"
keys s Escape

# The customer form: an enum picked with F4, another typed in Russian,
# one in English; a word that is none is refused in Russian.
keys s Escape
wait_for s "C-000003" >/dev/null
keys s n
ok "customer form: title" all_whole s "Клиент (создание)" "*Вид" \
    "организация" "Отв. менеджер   kt_sales" "Статус          лид"
keys s F1
ok "form help: Russian" all_whole s "Клавиши формы" \
    "следующее поле (проверяется при выходе)" \
    "отменить (спросит, прежде чем потерять изменения)" \
    "* — обязательное поле.  Суммы: 1234.56 или 1 234,56."
ok "form help: no English" no_english s $HELPWORDS field save
keys s Escape "ООО «Ясень»" Tab C-l
ok "F4 on an enum: its words in Russian" all_whole s "организация" \
    "физлицо" "Enter выбрать, Esc закрыть"
ok "... and no stored words" no_english s company person
keys s Down Enter
ok "the pick fills the Russian word" all_whole s "*Вид             физлицо"
keys s C-u "company" Tab
ok "an English word is taken, shown in Russian" \
    all_whole s "*Вид             организация"
keys s Tab Tab Tab Tab Tab Tab Tab C-u "xyz" Tab
ok "a word that is none: named in Russian" all_whole s \
    "Статус: ожидается одно из значений: лид, потенциальный, активный, потерян"
keys s C-u "Потенциальный" F2
ok "saved in Russian" wait_for s "Сохранено C-"
code=$(screen s | sed -n 's/.*Сохранено \(C-[0-9]*\).*/\1/p' | head -1)
run K show customers "$code"
is "the kind typed in English is stored" company \
    "$(echo "$out" | sed -n 's/^kind *"\(.*\)"$/\1/p')"
is "the status typed in Russian is stored as its value" prospect \
    "$(echo "$out" | sed -n 's/^status *"\(.*\)"$/\1/p')"

keys s Escape ":" "cont" Enter
ok "contacts: headings" all_whole s "Клиент" "Наименование" "Должность" \
    "Телефон" "Эл. почта"
ok "contacts: no English" no_english s Customer Name Position Phone
keys s F1
ok "contacts: F1 help" all_whole s "открыть запись в форме" \
    "поиск по мере ввода (наименование, код, телефон," \
    "Up/Down PgUp/PgDn Home/End" "перемещение по списку"
keys s Escape Escape ":" "act" Enter
ok "activities: headings and kinds" all_whole s "Вид" "Дата/время" \
    "Пользователь" "Клиент" "звонок" "встреча" "заметка"
ok "activities: no English" no_english s call meeting note Kind User
keys s Escape ":" "task" Enter
ok "my tasks: the groups and priorities in Russian" all_whole s \
    "Мои задачи" "Просрочено" "Сегодня" "высокий" "обычный" \
    "Позвонить в «Альянс»" "Отправить счёт"
ok "my tasks: no English" no_english s Today high My tasks
keys s F1
ok "tasks: F1 help" all_whole s "открыть задачу" "новая задача" \
    "отметить задачу выполненной" "обновить"
keys s Escape Escape ":" "cal" Enter
ok "the week: heading and days" all_whole s "Неделя с" \
    "(Left/Right: дни, PgUp/PgDn: недели, d: день)" "Пн " "Вс "
ok "the week: the hint" hint s \
    "Enter открыть  n новая  x выполнена  d день  w сегодня  Esc назад  F1/? справка"
ok "the week: no English" no_english s Week Mon Sun today
keys s d
ok "the day: its name and the task in full" all_whole s \
    "$day $(date +%d.%m.%Y) (d: неделя)" "23:59 Отправить счёт" "открыта"
keys s F1
ok "calendar: F1 help" all_whole s "предыдущий / следующий день" \
    "день целиком / неделя" "w или Home"
ok "calendar help: no English" no_english s $HELPWORDS day week
keys s Escape Escape Escape
# A product only shown to whom may not edit it.
keys s ":" "prod" Enter
wait_for s "SKU-1001" >/dev/null
keys s Enter
ok "a form only shown: its hint" hint s \
    "Только просмотр  Tab далее  Esc назад  F1/^G справка"
keys s Escape Escape

# --- the warehouse clerk ---------------------------------------------------
tui kt_wh w
wait_for w "Главное меню" >/dev/null
ok "... in Russian" all_whole w "s  Где товар" "r  Поступление товаров" \
    "i  Инвентаризация" "d  Складские документы" "l  Движения товаров" \
    "p  Товары" "w  Склады" "b  Заказы поставщикам"
keys w ":" "stock" Enter
ok "where is it: the prompt" all_whole w "Скан или артикул, штрихкод, имя:" \
    "Сканируйте штрихкод или введите артикул или часть имени и нажмите Enter."
keys w "SKU-1001" Enter
ok "where is it: the stock's headings" all_whole w "Склад" "Наименование" \
    "В наличии" "В резерве" "Доступно" "В заказе" "Итого"
ok "where is it: the moves' headings and kinds" all_whole w "Документ" \
    "Количество" "Пользователь" "поступление" "перем. приход" "списание"
ok "where is it: the hint" hint w \
    "Enter найти  F4/^L выбор по имени  F5/^R обновить  Esc очистить  F1/? справка"
ok "where is it: no English" no_english w Warehouse Total receipt issue Unit
keys w F1
ok "where is it: F1 help" all_whole w "цифры, буквы" "перечитать остатки" \
    "очистить строку, затем назад"
keys w Escape Escape Escape ":" "recv" Enter
ok "receiving: the header form" all_whole w \
    "Поступление: склад и поставщик или заказ (F2/^S: дальше)" \
    " Склад" " Поставщик" " Заказ поставщику"
keys w "MAIN" F2
ok "receiving: the document's head" all_whole w \
    "Поступление (создание)  не сохранено" "Склад MAIN   Поставщик -   Заказ -" \
    "Скан или ввод:" "(строк пока нет: сканируйте штрихкод)"
keys w 4607000100011 Enter
keys w 4607000100011 Enter
keys w 4607000100028 Enter
ok "receiving with lines: headings and the count" all_whole w "Артикул" \
    "Наименование" "Кол-во" "2 строки, получено 3 ед."
ok "receiving: every key of the hint" hint w \
    "F2/^S сохранить  F5/^T провести  F6/^Q кол-во  ^D убрать  F7/^W шапка  Esc  F1"
ok "receiving: no English" no_english w lines units received save post
keys w F1
ok "receiving: F1 help" all_whole w "скан: добавляет единицы одного скана" \
    "Колонки" "по заказу; Заказано; Ранее: уже получено"
ok "receiving help: no English" no_english w $HELPWORDS scan line
keys w Escape F6
ok "receiving: the quantity asked" all_whole w \
    "Количество SKU-1002 (шт, сейчас 1):"
keys w Escape F5
ok "receiving: the post asked" all_whole w \
    "Провести поступление: товар на склад?" "y: да   n/Esc: нет"
keys w y
ok "receiving: posted" all_whole w "ПРОВЕДЕНО" \
    "Enter: новое поступление с этой шапкой, Esc: назад."
ok "receiving posted: the hint" hint w \
    "Enter новый документ  F7/^W шапка  Esc назад  F1/? справка"
keys w Escape ":" "recv PO-2026-000001" Enter
ok "receiving against an order: six headings whole" all_whole w "Кол-во" \
    "Ожидается" "Заказано" "Ранее"
keys w Escape
wait_for w "Строки не сохранены. Выйти и потерять их?" >/dev/null
keys w y
keys w ":" "count" Enter
ok "count: the header form" all_whole w \
    "Инвентаризация: склад; слепая скрывает учёт (F2/^S: дальше)" \
    " Склад" " Слепая инвентаризация" " Примечание"
keys w "MAIN" F2
wait_for w "Инвентаризация (создание)  не сохранена" >/dev/null
keys w 4607000100011 Enter
ok "count with lines: headings and the count" all_whole w "Посчитано" \
    "Учёт" "Разница" "1 строка, посчитано 1 ед."
keys w F5
ok "count: the post asked" all_whole w \
    "Провести инвентаризацию: расхождения с учётом станут движениями?"
keys w y
ok "count: posted" all_whole w "ПРОВЕДЕНА"
keys w Escape ":" "docs" Enter
ok "stock documents: headings and words" all_whole w "Номер" "Вид" \
    "Статус" "Дата" "поступление" "проведён" "резервирование"
ok "stock documents: the hint" hint w \
    "Enter открыть  r сторно  / поиск  s сортировка  Esc назад  F1/? справка"
ok "stock documents: no English" no_english w receipt posted Number Status
keys w F1
ok "stock documents: F1 help" all_whole w "провести черновик (с вопросом)" \
    "сторнировать проведённый документ (с вопросом)"
keys w Escape Home Enter
ok "a posted document's lines" all_whole w "RCP-2026-000001 поступление, проведён" \
    "Товар" "Количество" "Себест. ед."
keys w Escape Escape ":" "moves" Enter
# The newest at the end: the count just posted, the demo's shipments.
ok "stock moves: headings and kinds" all_whole w "Дата" "Вид" "Товар" \
    "Склад" "Количество" "реализация" "инвентаризация"
ok "stock moves: no English" no_english w transfer_out count Quantity
keys w F1
ok "stock moves: F1 help" all_whole w "поиск по мере ввода (код движения)" \
    "перемещение по списку; новые в конце"
keys w Escape Escape ":" "wh" Enter
ok "warehouses: headings" all_whole w "Код" "Наименование" "Разрешить минус"
# (A warehouse clerk edits warehouses, may not delete them: no d.)
ok "warehouses: the hint" hint w \
    "Enter изменить  n новый  b ячейки  / поиск  Esc назад  F1/? справка"
keys w F1
ok "warehouses: F1 help" all_whole w "открыть склад в форме" "В ячейках:" \
    "новая ячейка склада"
keys w Escape b
ok "bins: the heading and the hint" all_whole w "Ячейки склада MAIN Основной склад"
ok "bins: the hint" hint w "n новая ячейка  Enter изменить  Esc назад  F1/? справка"
keys w n
ok "bin form" all_whole w "Ячейка (создание) склада MAIN" "*Склад" \
    " Наименование"
keys w Escape Escape Escape

# The same screen under TERM=vt100: no colour, the same words whole.
tui kt_wh v vt100
wait_for v "Главное меню" >/dev/null
keys v ":" "stock SKU-1001" Enter
ok "vt100: where is it in Russian" all_whole v "В наличии" "В резерве" \
    "Доступно" "В заказе" "Итого" "поступление"
ok "vt100: the hint whole" hint v \
    "Enter найти  F4/^L выбор по имени  F5/^R обновить  Esc очистить  F1/? справка"
ok "vt100: no English" no_english v Warehouse Total receipt

# --- the manager ---------------------------------------------------------
tui kt_manager m
wait_for m "Главное меню" >/dev/null
keys m ":" "prod" Enter
ok "products: headings" all_whole m "Артикул" "Наименование" "Ед. изм." \
    "Штрихкод EAN-13" "Цена продажи" " шт "
ok "products: the hint" hint m \
    "Enter изменить  n новый  / поиск  b штрихкоды  w где товар  Esc назад"
ok "products: no English" no_english m Unit Barcode pcs
keys m F1
ok "products: F1 help" all_whole m "штрихкоды товара (упаковки: единиц за скан)" \
    "где товар: остатки по складам (:stock)" "В штрихкодах:"
keys m Escape Enter
ok "product form: labels whole" all_whole m "*Наименование" "*Вид" \
    "*Ед. изм." "Знаков в количестве" "Штрихкод EAN-13" "Цена закупки" \
    "*Ставка НДС, %" "Основной поставщик" "Учёт партий и сроков"
ok "product form: Russian words" all_whole m "товар" " шт" " да"
keys m Escape b
ok "barcodes: heading" all_whole m "Штрихкоды SKU-" "Кол-во за скан"
keys m Escape Escape ":" "po" Enter
ok "purchase orders: headings and statuses" all_whole m "Номер" \
    "Поставщик" "Склад получения" "Статус" "Итого" "отправлен" \
    "частично получен" "черновик"
ok "purchase orders: the hint" hint m \
    "Enter открыть  n новый  o пополнение  / поиск  Esc назад  F1/? справка"
ok "purchase orders: no English" no_english m sent partial draft Total
keys m F1
ok "purchase orders: F1 help" all_whole m "открыть заказ со строками" \
    "В заказе:" "закрыть (черновик: отменить); непришедшее снимается"
keys m Escape ":" "po PO-2026-000003" Enter
ok "an order with its lines" all_whole m \
    "Заказ поставщику PO-2026-000003  черновик  сумма" "Поставщик ООО «Метизы-Опт»" \
    "Артикул" "Наименование" "Кол-во" "Цена" "Сумма" "Получено"
ok "the order's keys whole" hint m \
    "a добавить  Enter изменить  d удалить  e шапка  s отправить  c отменить  Esc  F1"
keys m a
ok "the line form" all_whole m \
    "Строка заказа PO-2026-000003 (цена: пусто — цена закупки)" "*Товар" \
    "*Количество" " Цена"
keys m Escape Escape o
ok "reorder: the proposals" all_whole m "Предложения по пополнению" \
    "Поставщик  Склад  Артикул      Наименование         Доступно Заказать"
keys m Escape
ok "reorder: the question whole" all_whole m \
    "Сделать черновики заказов по" "предложениям с основным поставщиком" \
    "y: да   n/Esc: нет"
keys m n Escape

# --- the admin ---------------------------------------------------------------
tui root r
wait_for r "Главное меню" >/dev/null
keys r ":" "users" Enter
ok "users: headings" all_whole r "Логин" "ФИО" "Роли" "Отключён"
ok "users: no English" no_english r Login Roles Disabled
keys r Enter
ok "user form: labels" all_whole r "Пользователи: " " Логин" " ФИО" \
    "*Роли" " Отключён" " Язык"
keys r Tab Tab Tab Tab C-l
ok "the language's words" all_whole r "русский" "английский"
keys r Escape Escape F1
ok "users: F1 help" all_whole r "новая запись" "удалить запись (с вопросом)"
keys r Escape Escape

# --- one screen, exact, in each language --------------------------------------
# The new customer form of a sales clerk, every row but the status line's
# (the clock ticks there).
exact_form() {	# exact_form PANE: the form's rows, to compare
	poll_until 10 shows "$1" "F1/^G" || true
	body "$1"
}
TUI_LANG=C.UTF-8 tui kt_sales e
wait_for e "Main menu" >/dev/null
keys e ":" "cust" Enter
wait_for e "C-000003" >/dev/null
keys e n
wait_for e "Customer (new)" >/dev/null
cat >"$T/en.txt" <<'EOF'
 kontor | Customers                                               ООО «Ромашка»
Customer (new)
 Code
*Name
*Kind                company
 INN
 KPP
 Phone
 E-mail
 City
 Address
 Responsible manager kt_sales
 Status              lead
 Notes
 Tags
 Source
 Price list
 Discount, %
 Payment terms, days
 Credit limit


F2/^S save  Tab next  F4/^L lookup  F3/^R repeat  Esc cancel  F1/^G help
EOF
exact_form e >"$T/en.got"
cmp -s "$T/en.txt" "$T/en.got" || diff "$T/en.txt" "$T/en.got" | sed 's/^/# /'
ok "English: the form exactly" cmp -s "$T/en.txt" "$T/en.got"
tui kt_sales u
wait_for u "Главное меню" >/dev/null
keys u ":" "cust" Enter
wait_for u "C-000003" >/dev/null
keys u n
wait_for u "Клиент (создание)" >/dev/null
cat >"$T/ru.txt" <<'EOF'
 kontor | Клиенты                                                 ООО «Ромашка»
Клиент (создание)
 Код
*Наименование
*Вид             организация
 ИНН
 КПП
 Телефон
 Эл. почта
 Город
 Адрес
 Отв. менеджер   kt_sales
 Статус          лид
 Примечание
 Теги
 Источник
 Прайс-лист
 Скидка, %
 Отсрочка, дней
 Кредитный лимит


F2/^S сохранить  Tab далее  F4/^L выбор  F3/^R повтор  Esc отмена  F1/^G справка
EOF
exact_form u >"$T/ru.got"
cmp -s "$T/ru.txt" "$T/ru.got" || diff "$T/ru.txt" "$T/ru.got" | sed 's/^/# /'
ok "Russian: the form exactly" cmp -s "$T/ru.txt" "$T/ru.got"
keys e Escape Escape F10
keys u Escape Escape F10
done_testing
