/*
 * gen_customers: write a CSV of N customers to stdout, for benchmarks.
 *
 *	gen_customers [-s SEED] [N]		(N defaults to 1,000,000)
 *
 * Realistic enough to exercise the import: Cyrillic company and person
 * names, INNs with valid check digits (10 digits for a company, 12 for a
 * person), KPPs for companies, phones with real area codes, e-mails,
 * cities and addresses (commas and quotes, so the CSV quoting is used),
 * statuses, a few notes.  Codes are unique (K0000001...).  The same seed
 * gives the same file, byte for byte.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NELEM(a)	(sizeof (a) / sizeof (a)[0])

static uint64_t	 rng_state;

/* splitmix64: small, fast, and the same everywhere. */
static uint64_t
rnd(void)
{
	uint64_t	 z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (z ^ (z >> 31));
}

static unsigned
rn(unsigned n)
{
	return ((unsigned)(rnd() % n));
}

#define PICK(a)	((a)[rn(NELEM(a))])

struct city {
	const char	*name;
	const char	*region;	/* the first two digits of an INN */
	const char	*area;		/* phone area code */
	unsigned	 weight;
};

static const struct city cities[] = {
	{ "Москва", "77", "495", 30 },
	{ "Санкт-Петербург", "78", "812", 14 },
	{ "Новосибирск", "54", "383", 5 },
	{ "Екатеринбург", "66", "343", 5 },
	{ "Казань", "16", "843", 4 },
	{ "Нижний Новгород", "52", "831", 4 },
	{ "Челябинск", "74", "351", 3 },
	{ "Самара", "63", "846", 3 },
	{ "Омск", "55", "381", 3 },
	{ "Ростов-на-Дону", "61", "863", 3 },
	{ "Уфа", "02", "347", 3 },
	{ "Красноярск", "24", "391", 3 },
	{ "Воронеж", "36", "473", 2 },
	{ "Пермь", "59", "342", 2 },
	{ "Волгоград", "34", "844", 2 },
	{ "Краснодар", "23", "861", 2 },
	{ "Саратов", "64", "845", 2 },
	{ "Тюмень", "72", "345", 2 },
	{ "Ижевск", "18", "341", 1 },
	{ "Барнаул", "22", "385", 1 },
	{ "Иркутск", "38", "395", 1 },
	{ "Хабаровск", "27", "421", 1 },
	{ "Ярославль", "76", "485", 1 },
	{ "Владивосток", "25", "423", 1 },
	{ "Томск", "70", "382", 1 },
	{ "Оренбург", "56", "353", 1 },
	{ "Кемерово", "42", "384", 1 },
	{ "Рязань", "62", "491", 1 },
	{ "Тула", "71", "487", 1 },
	{ "Калининград", "39", "401", 1 },
	{ "Мытищи", "50", "495", 1 },
	{ "Подольск", "50", "496", 1 },
};

static const char *const streets[] = {
	"ул. Ленина", "ул. Советская", "ул. Мира", "ул. Садовая",
	"ул. Гагарина", "ул. Пушкина", "ул. Лесная", "ул. Школьная",
	"ул. Молодёжная", "ул. Центральная", "пр-т Победы",
	"пр-т Ленинградский", "Московское ш.", "ул. Заводская",
	"ул. Промышленная", "наб. Речная", "пер. Почтовый",
	"ул. 8 Марта", "ул. Карла Маркса", "ул. Строителей",
	"б-р Цветной", "ул. Набережная", "ул. Октябрьская",
};

/* Surnames: male form, female form, transliteration. */
struct surname {
	const char	*m;
	const char	*f;
	const char	*lat;
};

static const struct surname surnames[] = {
	{ "Иванов", "Иванова", "ivanov" },
	{ "Смирнов", "Смирнова", "smirnov" },
	{ "Кузнецов", "Кузнецова", "kuznetsov" },
	{ "Попов", "Попова", "popov" },
	{ "Васильев", "Васильева", "vasiliev" },
	{ "Петров", "Петрова", "petrov" },
	{ "Соколов", "Соколова", "sokolov" },
	{ "Михайлов", "Михайлова", "mikhailov" },
	{ "Новиков", "Новикова", "novikov" },
	{ "Фёдоров", "Фёдорова", "fedorov" },
	{ "Морозов", "Морозова", "morozov" },
	{ "Волков", "Волкова", "volkov" },
	{ "Алексеев", "Алексеева", "alekseev" },
	{ "Лебедев", "Лебедева", "lebedev" },
	{ "Семёнов", "Семёнова", "semenov" },
	{ "Егоров", "Егорова", "egorov" },
	{ "Павлов", "Павлова", "pavlov" },
	{ "Козлов", "Козлова", "kozlov" },
	{ "Степанов", "Степанова", "stepanov" },
	{ "Николаев", "Николаева", "nikolaev" },
	{ "Орлов", "Орлова", "orlov" },
	{ "Андреев", "Андреева", "andreev" },
	{ "Макаров", "Макарова", "makarov" },
	{ "Никитин", "Никитина", "nikitin" },
	{ "Захаров", "Захарова", "zakharov" },
	{ "Зайцев", "Зайцева", "zaitsev" },
	{ "Соловьёв", "Соловьёва", "soloviev" },
	{ "Борисов", "Борисова", "borisov" },
	{ "Яковлев", "Яковлева", "yakovlev" },
	{ "Григорьев", "Григорьева", "grigoriev" },
	{ "Романов", "Романова", "romanov" },
	{ "Воробьёв", "Воробьёва", "vorobiev" },
	{ "Сергеев", "Сергеева", "sergeev" },
	{ "Кузьмин", "Кузьмина", "kuzmin" },
	{ "Фролов", "Фролова", "frolov" },
	{ "Александров", "Александрова", "aleksandrov" },
	{ "Дмитриев", "Дмитриева", "dmitriev" },
	{ "Королёв", "Королёва", "korolev" },
	{ "Гусев", "Гусева", "gusev" },
	{ "Киселёв", "Киселёва", "kiselev" },
	{ "Ильин", "Ильина", "ilyin" },
	{ "Максимов", "Максимова", "maksimov" },
	{ "Поляков", "Полякова", "polyakov" },
	{ "Сорокин", "Сорокина", "sorokin" },
	{ "Виноградов", "Виноградова", "vinogradov" },
	{ "Ковалёв", "Ковалёва", "kovalev" },
	{ "Белов", "Белова", "belov" },
	{ "Медведев", "Медведева", "medvedev" },
	{ "Антонов", "Антонова", "antonov" },
	{ "Тарасов", "Тарасова", "tarasov" },
	{ "Жуков", "Жукова", "zhukov" },
	{ "Баранов", "Баранова", "baranov" },
	{ "Филиппов", "Филиппова", "filippov" },
	{ "Комаров", "Комарова", "komarov" },
	{ "Давыдов", "Давыдова", "davydov" },
	{ "Беляев", "Беляева", "belyaev" },
	{ "Герасимов", "Герасимова", "gerasimov" },
	{ "Богданов", "Богданова", "bogdanov" },
	{ "Осипов", "Осипова", "osipov" },
	{ "Сидоров", "Сидорова", "sidorov" },
	{ "Матвеев", "Матвеева", "matveev" },
	{ "Титов", "Титова", "titov" },
	{ "Марков", "Маркова", "markov" },
	{ "Миронов", "Миронова", "mironov" },
	{ "Крылов", "Крылова", "krylov" },
	{ "Куликов", "Куликова", "kulikov" },
	{ "Карпов", "Карпова", "karpov" },
	{ "Власов", "Власова", "vlasov" },
	{ "Мельников", "Мельникова", "melnikov" },
	{ "Денисов", "Денисова", "denisov" },
	{ "Гаврилов", "Гаврилова", "gavrilov" },
	{ "Тихонов", "Тихонова", "tikhonov" },
	{ "Казаков", "Казакова", "kazakov" },
	{ "Афанасьев", "Афанасьева", "afanasiev" },
	{ "Данилов", "Данилова", "danilov" },
	{ "Савельев", "Савельева", "saveliev" },
	{ "Тимофеев", "Тимофеева", "timofeev" },
	{ "Фомин", "Фомина", "fomin" },
	{ "Чернов", "Чернова", "chernov" },
	{ "Абрамов", "Абрамова", "abramov" },
	{ "Мартынов", "Мартынова", "martynov" },
	{ "Ефимов", "Ефимова", "efimov" },
	{ "Федотов", "Федотова", "fedotov" },
	{ "Щербаков", "Щербакова", "shcherbakov" },
	{ "Назаров", "Назарова", "nazarov" },
	{ "Калинин", "Калинина", "kalinin" },
	{ "Исаев", "Исаева", "isaev" },
	{ "Чернышёв", "Чернышёва", "chernyshev" },
	{ "Быков", "Быкова", "bykov" },
	{ "Маслов", "Маслова", "maslov" },
	{ "Родионов", "Родионова", "rodionov" },
	{ "Коновалов", "Коновалова", "konovalov" },
	{ "Лазарев", "Лазарева", "lazarev" },
	{ "Воронин", "Воронина", "voronin" },
	{ "Климов", "Климова", "klimov" },
	{ "Филатов", "Филатова", "filatov" },
	{ "Пономарёв", "Пономарёва", "ponomarev" },
	{ "Голубев", "Голубева", "golubev" },
	{ "Кудрявцев", "Кудрявцева", "kudryavtsev" },
	{ "Прохоров", "Прохорова", "prokhorov" },
	{ "Наумов", "Наумова", "naumov" },
	{ "Потапов", "Потапова", "potapov" },
	{ "Журавлёв", "Журавлёва", "zhuravlev" },
	{ "Овчинников", "Овчинникова", "ovchinnikov" },
	{ "Трофимов", "Трофимова", "trofimov" },
	{ "Леонов", "Леонова", "leonov" },
	{ "Соболев", "Соболева", "sobolev" },
	{ "Ермаков", "Ермакова", "ermakov" },
	{ "Колесников", "Колесникова", "kolesnikov" },
	{ "Гончаров", "Гончарова", "goncharov" },
	{ "Емельянов", "Емельянова", "emelyanov" },
	{ "Никифоров", "Никифорова", "nikiforov" },
	{ "Грачёв", "Грачёва", "grachev" },
	{ "Котов", "Котова", "kotov" },
	{ "Гришин", "Гришина", "grishin" },
	{ "Ефремов", "Ефремова", "efremov" },
	{ "Архипов", "Архипова", "arkhipov" },
	{ "Громов", "Громова", "gromov" },
	{ "Кириллов", "Кириллова", "kirillov" },
	{ "Малышев", "Малышева", "malyshev" },
	{ "Панов", "Панова", "panov" },
	{ "Моисеев", "Моисеева", "moiseev" },
	{ "Румянцев", "Румянцева", "rumyantsev" },
	{ "Акимов", "Акимова", "akimov" },
	{ "Кондратьев", "Кондратьева", "kondratiev" },
	{ "Бирюков", "Бирюкова", "biryukov" },
	{ "Горбунов", "Горбунова", "gorbunov" },
	{ "Анисимов", "Анисимова", "anisimov" },
	{ "Ерёмин", "Ерёмина", "eremin" },
	{ "Тихомиров", "Тихомирова", "tikhomirov" },
	{ "Галкин", "Галкина", "galkin" },
	{ "Лукьянов", "Лукьянова", "lukyanov" },
	{ "Михеев", "Михеева", "mikheev" },
	{ "Скворцов", "Скворцова", "skvortsov" },
	{ "Юдин", "Юдина", "yudin" },
	{ "Белоусов", "Белоусова", "belousov" },
	{ "Нестеров", "Нестерова", "nesterov" },
	{ "Симонов", "Симонова", "simonov" },
	{ "Прокофьев", "Прокофьева", "prokofiev" },
	{ "Харитонов", "Харитонова", "kharitonov" },
	{ "Князев", "Князева", "knyazev" },
	{ "Цветков", "Цветкова", "tsvetkov" },
	{ "Левин", "Левина", "levin" },
	{ "Митрофанов", "Митрофанова", "mitrofanov" },
	{ "Воронцов", "Воронцова", "vorontsov" },
	{ "Аксёнов", "Аксёнова", "aksenov" },
	{ "Софронов", "Софронова", "sofronov" },
	{ "Мальцев", "Мальцева", "maltsev" },
	{ "Логинов", "Логинова", "loginov" },
	{ "Горшков", "Горшкова", "gorshkov" },
	{ "Савин", "Савина", "savin" },
	{ "Краснов", "Краснова", "krasnov" },
	{ "Майоров", "Майорова", "mayorov" },
	{ "Демидов", "Демидова", "demidov" },
	{ "Елисеев", "Елисеева", "eliseev" },
	{ "Рыбаков", "Рыбакова", "rybakov" },
	{ "Сафонов", "Сафонова", "safonov" },
	{ "Плотников", "Плотникова", "plotnikov" },
	{ "Суворов", "Суворова", "suvorov" },
	{ "Ершов", "Ершова", "ershov" },
	{ "Шубин", "Шубина", "shubin" },
	{ "Блинов", "Блинова", "blinov" },
	{ "Зуев", "Зуева", "zuev" },
	{ "Островский", "Островская", "ostrovsky" },
	{ "Вишневский", "Вишневская", "vishnevsky" },
	{ "Покровский", "Покровская", "pokrovsky" },
	{ "Успенский", "Успенская", "uspensky" },
	{ "Шевченко", "Шевченко", "shevchenko" },
	{ "Бондаренко", "Бондаренко", "bondarenko" },
	{ "Ткаченко", "Ткаченко", "tkachenko" },
	{ "Кравченко", "Кравченко", "kravchenko" },
};

/* First name, patronymic (same gender), and the initial in Latin. */
struct given {
	const char	*name;
	const char	*lat;
};

static const struct given male_names[] = {
	{ "Александр", "a" }, { "Сергей", "s" }, { "Дмитрий", "d" },
	{ "Андрей", "a" }, { "Алексей", "a" }, { "Максим", "m" },
	{ "Евгений", "e" }, { "Иван", "i" }, { "Михаил", "m" },
	{ "Николай", "n" }, { "Владимир", "v" }, { "Артём", "a" },
	{ "Игорь", "i" }, { "Олег", "o" }, { "Павел", "p" },
	{ "Роман", "r" }, { "Виктор", "v" }, { "Юрий", "y" },
	{ "Константин", "k" }, { "Денис", "d" }, { "Антон", "a" },
	{ "Василий", "v" }, { "Пётр", "p" }, { "Георгий", "g" },
	{ "Григорий", "g" }, { "Фёдор", "f" }, { "Илья", "i" },
	{ "Кирилл", "k" }, { "Тимур", "t" }, { "Руслан", "r" },
	{ "Станислав", "s" }, { "Вадим", "v" }, { "Борис", "b" },
	{ "Леонид", "l" }, { "Степан", "s" }, { "Егор", "e" },
};

static const struct given female_names[] = {
	{ "Елена", "e" }, { "Ольга", "o" }, { "Наталья", "n" },
	{ "Татьяна", "t" }, { "Ирина", "i" }, { "Светлана", "s" },
	{ "Анна", "a" }, { "Мария", "m" }, { "Екатерина", "e" },
	{ "Юлия", "y" }, { "Марина", "m" }, { "Людмила", "l" },
	{ "Галина", "g" }, { "Анастасия", "a" }, { "Оксана", "o" },
	{ "Дарья", "d" }, { "Ксения", "k" }, { "Виктория", "v" },
	{ "Любовь", "l" }, { "Надежда", "n" }, { "Вера", "v" },
	{ "Алина", "a" }, { "Полина", "p" }, { "Валентина", "v" },
	{ "Евгения", "e" }, { "Лариса", "l" }, { "Жанна", "z" },
};

/* Patronymics from the fathers' names: male and female forms. */
static const char *const patr_m[] = {
	"Александрович", "Сергеевич", "Дмитриевич", "Андреевич",
	"Алексеевич", "Михайлович", "Николаевич", "Владимирович",
	"Иванович", "Петрович", "Викторович", "Юрьевич", "Олегович",
	"Игоревич", "Павлович", "Васильевич", "Евгеньевич", "Борисович",
	"Анатольевич", "Геннадьевич", "Валерьевич", "Фёдорович",
	"Григорьевич", "Константинович", "Романович", "Леонидович",
};

static const char *const patr_f[] = {
	"Александровна", "Сергеевна", "Дмитриевна", "Андреевна",
	"Алексеевна", "Михайловна", "Николаевна", "Владимировна",
	"Ивановна", "Петровна", "Викторовна", "Юрьевна", "Олеговна",
	"Игоревна", "Павловна", "Васильевна", "Евгеньевна", "Борисовна",
	"Анатольевна", "Геннадьевна", "Валерьевна", "Фёдоровна",
	"Григорьевна", "Константиновна", "Романовна", "Леонидовна",
};

/* Company names: forms, compound roots, and adjective-noun pairs. */
static const char *const forms[] = {
	"ООО", "ООО", "ООО", "ООО", "ООО", "ООО", "АО", "АО", "ПАО", "ЗАО",
};

struct root {
	const char	*ru;
	const char	*lat;
};

static const struct root roots1[] = {
	{ "Строй", "stroy" }, { "Техно", "tekhno" }, { "Агро", "agro" },
	{ "Пром", "prom" }, { "Энерго", "energo" }, { "Транс", "trans" },
	{ "Мед", "med" }, { "Торг", "torg" }, { "Снаб", "snab" },
	{ "Металл", "metall" }, { "Лес", "les" }, { "Хим", "khim" },
	{ "Нефте", "nefte" }, { "Газ", "gaz" }, { "Авто", "avto" },
	{ "Инфо", "info" }, { "Эко", "eko" }, { "Гидро", "gidro" },
	{ "Электро", "elektro" }, { "Тепло", "teplo" }, { "Хлеб", "khleb" },
	{ "Молоко", "moloko" }, { "Фарм", "farm" }, { "Бумага", "bumaga" },
	{ "Сиб", "sib" }, { "Урал", "ural" }, { "Волга", "volga" },
	{ "Север", "sever" }, { "Юг", "yug" }, { "Балт", "balt" },
};

static const struct root roots2[] = {
	{ "Сервис", "servis" }, { "Инвест", "invest" }, { "Комплект", "komplekt" },
	{ "Монтаж", "montazh" }, { "Ресурс", "resurs" }, { "Снаб", "snab" },
	{ "Торг", "torg" }, { "Пром", "prom" }, { "Логистик", "logistik" },
	{ "Маш", "mash" }, { "Систем", "sistem" }, { "Проект", "proekt" },
	{ "Трейд", "treyd" }, { "Групп", "grupp" }, { "Альянс", "alyans" },
	{ "Стандарт", "standart" }, { "Мир", "mir" }, { "Лайн", "layn" },
	{ "Строй", "stroy" }, { "Сбыт", "sbyt" }, { "Холдинг", "kholding" },
};

static const char *const adjectives[] = {
	"Северный", "Южный", "Восточный", "Западный", "Первый", "Новый",
	"Русский", "Уральский", "Сибирский", "Волжский", "Центральный",
	"Объединённый", "Торговый", "Промышленный", "Городской",
	"Технический", "Строительный", "Надёжный", "Быстрый", "Золотой",
};

static const char *const nouns[] = {
	"Альянс", "Терминал", "Берег", "Стандарт", "Вектор", "Квартал",
	"Ресурс", "Партнёр", "Союз", "Двор", "Парк", "Путь", "Капитал",
	"Завод", "Комбинат", "Дом", "Рынок", "Склад", "Мост", "Портал",
};

static const char *const mail_hosts[] = {
	"mail.ru", "yandex.ru", "gmail.com", "bk.ru", "list.ru",
	"inbox.ru", "rambler.ru", "ya.ru",
};

static const char *const notes[] = {
	"Постоянный клиент, скидка 5%",
	"Оплата по факту поставки",
	"Звонить после 14:00",
	"Доставка только по будням",
	"Договор на подписании",
	"Просит счёт с НДС 20%, \"срочно\"",
	"Предоплата 50%, остальное в течение 10 дней",
	"Контакт через отдел закупок",
	"Вернулся после перерыва; уточнить реквизиты",
	"Крупный опт; менеджер — старший",
};

static const char *const statuses[] = { "lead", "prospect", "active",
    "lost" };
static const unsigned status_w[] = { 20, 15, 55, 10 };

static const struct city *
pick_city(void)
{
	static unsigned	 total;
	unsigned	 r, i;

	if (total == 0)
		for (i = 0; i < NELEM(cities); i++)
			total += cities[i].weight;
	r = rn(total);
	for (i = 0; i < NELEM(cities) - 1; i++) {
		if (r < cities[i].weight)
			break;
		r -= cities[i].weight;
	}
	return (&cities[i]);
}

/* Append one check digit of weights w over the first n digits of s. */
static void
inn_digit(char *s, const int *w, int n)
{
	int	 i, sum = 0;

	for (i = 0; i < n; i++)
		sum += w[i] * (s[i] - '0');
	s[n] = (char)('0' + sum % 11 % 10);
}

/* A company's INN: region, tax office, 5-digit serial, a check digit. */
static void
inn10(char *s, const char *region)
{
	static const int w10[] = { 2, 4, 10, 3, 5, 9, 4, 6, 8 };

	snprintf(s, 11, "%s%02u%05u", region, 1 + rn(40), rn(100000));
	inn_digit(s, w10, 9);
	s[10] = '\0';
}

/* A person's INN: region, tax office, 6-digit serial, two check digits. */
static void
inn12(char *s, const char *region)
{
	static const int w11[] = { 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };
	static const int w12[] = { 3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };

	snprintf(s, 13, "%s%02u%06u", region, 1 + rn(40), rn(1000000));
	inn_digit(s, w11, 10);
	inn_digit(s, w12, 11);
	s[12] = '\0';
}

/* A field for CSV: quoted when it holds a comma, a quote or a newline. */
static void
put_field(const char *s)
{
	const char	*p;

	if (strpbrk(s, ",\"\n\r") == NULL) {
		fputs(s, stdout);
		return;
	}
	putchar('"');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			putchar('"');
		putchar(*p);
	}
	putchar('"');
}

static void
row(unsigned long n)
{
	const struct city	*c = pick_city();
	const struct surname	*sn;
	const struct given	*g;
	char			 name[200], inn[16], kpp[16], phone[40];
	char			 email[120], addr[240], lat[64];
	const char		*kind, *status, *note = "";
	unsigned		 r, i;
	int			 person, female;

	person = rn(100) < 30;
	kind = person ? "person" : "company";
	if (person) {
		female = rn(2);
		sn = &PICK(surnames);
		g = female ? &PICK(female_names) : &PICK(male_names);
		snprintf(name, sizeof name, "%s %s %s",
		    female ? sn->f : sn->m, g->name,
		    female ? PICK(patr_f) : PICK(patr_m));
		inn12(inn, c->region);
		kpp[0] = '\0';
		snprintf(email, sizeof email, "%s.%s%lu@%s", sn->lat, g->lat,
		    n % 1000, PICK(mail_hosts));
		/* Persons mostly give a mobile. */
		snprintf(phone, sizeof phone, "+7 9%02u %03u-%02u-%02u",
		    rn(100), rn(1000), rn(100), rn(100));
		snprintf(addr, sizeof addr, "г. %s, %s, д. %u, кв. %u",
		    c->name, PICK(streets), 1 + rn(120), 1 + rn(300));
	} else {
		const char	*form = PICK(forms);

		if (rn(3) == 0) {
			/* ООО «Северный альянс» style. */
			snprintf(name, sizeof name, "%s «%s %s»", form,
			    PICK(adjectives), PICK(nouns));
			snprintf(lat, sizeof lat, "firm%lu", n);
		} else {
			const struct root	*a = &PICK(roots1);
			const struct root	*b = &PICK(roots2);

			/* Now and then quoted the old way, with ". */
			snprintf(name, sizeof name, rn(10) == 0 ?
			    "%s \"%s%s\"" : "%s «%s%s»", form, a->ru, b->ru);
			snprintf(lat, sizeof lat, "%s%s", a->lat, b->lat);
		}
		inn10(inn, c->region);
		/* KPP: the INN's tax office, reason 01, serial. */
		snprintf(kpp, sizeof kpp, "%.4s01%03u", inn, 1 + rn(3));
		snprintf(email, sizeof email, "%s@%s-%lu.ru",
		    rn(2) ? "info" : "sales", lat, n);
		snprintf(phone, sizeof phone, "+7 (%s) %03u-%02u-%02u",
		    c->area, rn(1000), rn(100), rn(100));
		snprintf(addr, sizeof addr, "%06u, г. %s, %s, д. %u, "
		    "стр. %u, оф. %u", 100000 + rn(900000), c->name,
		    PICK(streets), 1 + rn(120), 1 + rn(5), 1 + rn(400));
	}
	r = rn(100);
	for (i = 0; i < NELEM(statuses) - 1; i++) {
		if (r < status_w[i])
			break;
		r -= status_w[i];
	}
	status = statuses[i];
	if (rn(5) == 0)
		note = PICK(notes);

	printf("K%07lu,", n);
	put_field(name);
	printf(",%s,%s,%s,%s,%s,%s,", kind, inn, kpp, phone, email, c->name);
	put_field(addr);
	printf(",%s,", status);
	put_field(note);
	putchar('\n');
}

static void
usage(void)
{
	fprintf(stderr, "usage: gen_customers [-s seed] [count]\n");
	exit(64);
}

int
main(int argc, char **argv)
{
	static char	 obuf[1 << 20];
	unsigned long	 n = 1000000, i;
	uint64_t	 seed = 20260101;
	char		*end;
	int		 ch;

	while ((ch = getopt(argc, argv, "s:")) != -1) {
		switch (ch) {
		case 's':
			seed = strtoull(optarg, &end, 10);
			if (*end != '\0')
				usage();
			break;
		default:
			usage();
		}
	}
	if (optind < argc) {
		n = strtoul(argv[optind], &end, 10);
		if (*end != '\0' || optind + 1 != argc || n > 99999999)
			usage();
	}
	rng_state = seed;
	setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
	fputs("code,name,kind,inn,kpp,phone,email,city,address,status,notes\n",
	    stdout);
	for (i = 1; i <= n; i++)
		row(i);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("gen_customers: write");
		return (74);
	}
	return (0);
}
