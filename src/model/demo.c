/*
 * The demo company: a few users and customers with the data a Russian
 * firm really has (Cyrillic names, valid INN and KPP, phones, cities),
 * made by `kontor init --demo` inside the server.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "model/model.h"
#include "model/production.h"
#include "xmalloc.h"

static const char *const demo_words[] = {
	"Ромашка", "Вектор", "Альянс", "Север", "Гранит", "Лидер", "Меридиан",
	"Орион", "Стройка", "Техноком", "Уралсталь", "Балтика", "Восход",
	"Кедр", "Ладога", "Электрон", "Прогресс", "Сибирь", "Волга", "Заря",
	"Каскад", "Монолит", "Полюс", "Рассвет", "Фортуна", "Эталон",
};
static const char *const demo_forms[] = { "ООО", "АО", "ООО ТД", "ПАО" };
static const char *const demo_people[] = {
	"Иванов Пётр Сергеевич", "Смирнова Анна Викторовна",
	"Кузнецов Алексей Иванович", "Попова Елена Андреевна",
	"Васильев Дмитрий Олегович", "Соколова Мария Павловна",
	"Михайлов Сергей Николаевич", "Новикова Ольга Игоревна",
	"Фёдоров Андрей Юрьевич", "Морозова Татьяна Евгеньевна",
};
static const char *const demo_cities[] = {
	"Москва", "Санкт-Петербург", "Екатеринбург", "Новосибирск", "Казань",
	"Нижний Новгород", "Самара", "Ростов-на-Дону", "Пермь", "Тверь",
};
static const char *const demo_streets[] = {
	"ул. Ленина", "пр. Мира", "ул. Гагарина", "ул. Садовая",
	"Невский пр.", "ул. Советская",
};
static const char *const demo_statuses[] = {
	"lead", "prospect", "active", "active", "active", "lost"
};

#define NELEM(a)	(sizeof (a) / sizeof (a)[0])

static unsigned
demo_rand(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return ((*s >> 16) & 0x7fff);
}

/* An INN of len 10 or 12 digits with correct check digits. */
static void
demo_inn(unsigned *s, int len, char *out)
{
	static const int w10[] = { 2, 4, 10, 3, 5, 9, 4, 6, 8 };
	static const int w11[] = { 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };
	static const int w12[] = { 3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };
	int	 i, sum;

	out[0] = '7';
	out[1] = '7';
	for (i = 2; i < len - (len == 10 ? 1 : 2); i++)
		out[i] = (char)('0' + demo_rand(s) % 10);
	if (len == 10) {
		for (sum = 0, i = 0; i < 9; i++)
			sum += w10[i] * (out[i] - '0');
		out[9] = (char)('0' + sum % 11 % 10);
	} else {
		for (sum = 0, i = 0; i < 10; i++)
			sum += w11[i] * (out[i] - '0');
		out[10] = (char)('0' + sum % 11 % 10);
		for (sum = 0, i = 0; i < 11; i++)
			sum += w12[i] * (out[i] - '0');
		out[11] = (char)('0' + sum % 11 % 10);
	}
	out[len] = '\0';
}

static int
demo_user(struct tx *x, const char *login, const char *name,
    const char *roles, uint64_t *id, char **cause)
{
	const struct entity_def	*e = dict_entity("users");
	struct record		*u = record_new(e);
	int			 rc;

	record_set_str(u, FX_CODE, login);
	record_set_str(u, dict_field_pos(e, "name"), name);
	record_set_str(u, dict_field_pos(e, "roles"), roles);
	rc = model_save(x, u, 0, cause);
	*id = record_id(u);
	record_free(u);
	return (rc);
}

static const char *const demo_positions[] = {
	"Генеральный директор", "Главный бухгалтер", "Менеджер по закупкам",
	"Коммерческий директор", "Начальник склада",
};
static const char *const demo_talks[] = {
	"Обсудили условия поставки на декабрь",
	"Отправили коммерческое предложение",
	"Договорились о встрече в офисе",
	"Уточнили реквизиты для счёта",
	"Клиент просит скидку 5 % на опт",
};
static const char *const demo_todo[] = {
	"Перезвонить по коммерческому предложению",
	"Подготовить договор поставки",
	"Согласовать график отгрузок",
	"Выставить счёт на предоплату",
	"Встреча: презентация новой линейки",
	"Напомнить об оплате",
};

/* Contacts, channels, a history and tasks for the first customers; the
 * tasks fall due around now, so "My tasks" and the calendar have life. */
static int
demo_crm(struct tx *x, const uint64_t *cust, const uint64_t *mgr,
    unsigned *seed, char **cause)
{
	const struct entity_def	*ce = dict_entity("contacts");
	const struct entity_def	*he = dict_entity("channels");
	const struct entity_def	*ae = dict_entity("activities");
	const struct entity_def	*te = dict_entity("tasks");
	static const char *const kinds[] = { "call", "meeting", "email",
	    "note" };
	time_t			 now = time(NULL);
	char			 buf[128];
	struct record		*r;
	int			 i, rc;

	for (i = 0; i < 40; i++) {
		r = record_new(ce);
		record_set_int(r, dict_field_pos(ce, "customer"),
		    (int64_t)cust[i % 20]);
		record_set_str(r, dict_field_pos(ce, "name"),
		    demo_people[demo_rand(seed) % NELEM(demo_people)]);
		record_set_str(r, dict_field_pos(ce, "position"),
		    demo_positions[i % NELEM(demo_positions)]);
		snprintf(buf, sizeof buf, "+7 (916) %03u-%02u-%02u",
		    demo_rand(seed) % 1000, demo_rand(seed) % 100,
		    demo_rand(seed) % 100);
		record_set_str(r, dict_field_pos(ce, "phone"), buf);
		if ((rc = model_save(x, r, 0, cause)) == ST_OK && i < 20) {
			struct record	*h = record_new(he);

			record_set_int(h, dict_field_pos(he, "customer"),
			    (int64_t)cust[i % 20]);
			record_set_int(h, dict_field_pos(he, "contact"),
			    (int64_t)record_id(r));
			record_set_str(h, dict_field_pos(he, "kind"),
			    i % 2 ? "telegram" : "whatsapp");
			snprintf(buf, sizeof buf, "%s", i % 2 ? "@client_demo" :
			    "+7 916 000-00-00");
			record_set_str(h, dict_field_pos(he, "value"), buf);
			rc = model_save(x, h, 0, cause);
			record_free(h);
		}
		record_free(r);
		if (rc != ST_OK)
			return (rc);
	}
	for (i = 0; i < 60; i++) {
		r = record_new(ae);
		record_set_str(r, dict_field_pos(ae, "kind"), kinds[i % 4]);
		record_set_int(r, dict_field_pos(ae, "at"),
		    (int64_t)(now - (i + 1) * 7200));
		record_set_int(r, dict_field_pos(ae, "user"),
		    (int64_t)mgr[i % 2]);
		record_set_int(r, dict_field_pos(ae, "customer"),
		    (int64_t)cust[i % 20]);
		record_set_str(r, dict_field_pos(ae, "text"),
		    demo_talks[i % NELEM(demo_talks)]);
		rc = model_save(x, r, 0, cause);
		record_free(r);
		if (rc != ST_OK)
			return (rc);
	}
	for (i = 0; i < 24; i++) {
		r = record_new(te);
		record_set_str(r, dict_field_pos(te, "title"),
		    demo_todo[i % NELEM(demo_todo)]);
		/* From two days ago to five days ahead, on the hour. */
		record_set_int(r, dict_field_pos(te, "due"),
		    (int64_t)(now - now % 3600 + (i - 8) * 7 * 3600));
		record_set_str(r, dict_field_pos(te, "priority"),
		    i % 5 == 0 ? "high" : "normal");
		record_set_int(r, dict_field_pos(te, "customer"),
		    (int64_t)cust[i % 20]);
		/* Every third for the sales team; the rest for whoever made
		 * the demo (the default assignee). */
		if (i % 3 == 1)
			record_set_int(r, dict_field_pos(te, "assignee"),
			    (int64_t)mgr[i % 2]);
		rc = model_save(x, r, 0, cause);
		record_free(r);
		if (rc != ST_OK)
			return (rc);
	}
	return (ST_OK);
}

int
model_demo(struct tx *x, char **cause)
{
	const struct entity_def	*e = dict_entity("customers");
	uint64_t		 mgr[3], cust[120];
	unsigned		 seed = 20261128;
	char			 buf[256], inn[16];
	int			 i, rc;

	if ((rc = demo_user(x, "ivanova", "Иванова Мария Сергеевна",
	    "sales", &mgr[0], cause)) != ST_OK ||
	    (rc = demo_user(x, "petrov", "Петров Игорь Васильевич",
	    "manager", &mgr[1], cause)) != ST_OK ||
	    (rc = demo_user(x, "sklad", "Сидоров Николай (склад)",
	    "warehouse", &mgr[2], cause)) != ST_OK)
		return (rc);
	for (i = 0; i < 120; i++) {
		struct record	*r = record_new(e);
		int		 person = i % 7 == 3;
		const char	*city = demo_cities[demo_rand(&seed) %
		    NELEM(demo_cities)];

		if (person) {
			snprintf(buf, sizeof buf, "ИП %s",
			    demo_people[demo_rand(&seed) % NELEM(demo_people)]);
			record_set_str(r, dict_field_pos(e, "kind"), "person");
			demo_inn(&seed, 12, inn);
		} else {
			snprintf(buf, sizeof buf, "%s «%s%s»",
			    demo_forms[demo_rand(&seed) % NELEM(demo_forms)],
			    demo_words[i % NELEM(demo_words)],
			    i >= (int)NELEM(demo_words) ? (i % 2 ? "-М" :
			    " Плюс") : "");
			record_set_str(r, dict_field_pos(e, "kind"), "company");
			demo_inn(&seed, 10, inn);
			snprintf(buf + 200, 16, "%.4s01001", inn);
			record_set_str(r, dict_field_pos(e, "kpp"), buf + 200);
		}
		if (i >= (int)NELEM(demo_words) && !person)
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf) -
			    60, " %d", i);
		record_set_str(r, dict_field_pos(e, "name"), buf);
		record_set_str(r, dict_field_pos(e, "inn"), inn);
		snprintf(buf, sizeof buf, "+7 (9%02u) %03u-%02u-%02u",
		    demo_rand(&seed) % 100, demo_rand(&seed) % 1000,
		    demo_rand(&seed) % 100, demo_rand(&seed) % 100);
		record_set_str(r, dict_field_pos(e, "phone"), buf);
		snprintf(buf, sizeof buf, "info%d@demo%d.ru", i, i);
		record_set_str(r, dict_field_pos(e, "email"), buf);
		record_set_str(r, dict_field_pos(e, "city"), city);
		snprintf(buf, sizeof buf, "%s, %s, д. %u", city,
		    demo_streets[demo_rand(&seed) % NELEM(demo_streets)],
		    1 + demo_rand(&seed) % 120);
		record_set_str(r, dict_field_pos(e, "address"), buf);
		record_set_str(r, dict_field_pos(e, "status"),
		    demo_statuses[demo_rand(&seed) % NELEM(demo_statuses)]);
		record_set_int(r, dict_field_pos(e, "manager"),
		    (int64_t)mgr[i % 2]);
		rc = model_save(x, r, 0, cause);
		cust[i] = record_id(r);
		record_free(r);
		if (rc != ST_OK)
			return (rc);
	}
	if ((rc = demo_crm(x, cust, mgr, &seed, cause)) != ST_OK ||
	    (rc = deal_demo(x, cust, 30, mgr, 2, cause)) != ST_OK ||
	    (rc = company_demo(x, cause)) != ST_OK)
		return (rc);
	if ((rc = model_demo_stock(x, cust[0], cause)) != ST_OK)
		return (rc);
	if ((rc = model_demo_sales(x, cust, NELEM(cust), cause)) != ST_OK)
		return (rc);
	return (model_demo_production(x, cause));
}
