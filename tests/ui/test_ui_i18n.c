/*
 * The terminal UI in Russian (the build tree's catalogue): enum values
 * read in the clerk's language and typed in either, the words that depend
 * on their field (a task «отменена», an order «отменён»), the refusal of
 * an over-receipt found in either language, and the dictionary's words
 * translated and short enough for the screens: a label within the form's
 * label column, a screen's title within the menu's.
 */
#include "config.h"

#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "dict/dict.h"
#include "i18n.h"
#include "screens/screens.h"
#include "ui/browse.h"
#include "ui/ui.h"

#define LABEL_MAX	24	/* the form's label column at 80 (26) less
				   the '*' and a space */
#define TITLE_MAX	24	/* the menu's title column */
#define ENUM_MAX	16	/* a status column */

static const struct field_def *
F(const char *entity, const char *field)
{
	const struct field_def	*f = dict_field(dict_entity(entity), field);

	assert_non_null(f);
	return (f);
}

/* The language, with the catalogue of the build tree (tests/ui/../..). */
static void
lang(const char *l)
{
	char	 self[PATH_MAX], dir[PATH_MAX + 32], *p;
	ssize_t	 n;

	i18n_set(l);
	if ((n = readlink("/proc/self/exe", self, sizeof self - 1)) > 0) {
		self[n] = '\0';
		if ((p = strrchr(self, '/')) != NULL)
			*p = '\0';
		if ((p = strrchr(self, '/')) != NULL)
			*p = '\0';
		if ((p = strrchr(self, '/')) != NULL)
			*p = '\0';
		snprintf(dir, sizeof dir, "%s/po/locale", self);
		bindtextdomain(PACKAGE, dir);
	}
}

static const struct {
	const char	*entity, *field, *value, *en, *ru;
} shown[] = {
	{ "customers", "kind", "company", "company", "организация" },
	{ "customers", "status", "lost", "lost", "потерян" },
	{ "tasks", "status", "cancelled", "cancelled", "отменена" },
	{ "tasks", "status", "in_progress", "in progress", "в работе" },
	{ "purchase_orders", "status", "cancelled", "cancelled", "отменён" },
	{ "purchase_orders", "status", "partial", "partial",
	  "частично получен" },
	{ "activities", "kind", "email", "email", "письмо" },
	{ "channels", "kind", "email", "email", "эл. почта" },
	{ "products", "unit", "pcs", "pcs", "шт" },
	{ "products", "vat", "exempt", "exempt", "без НДС" },
	{ "stock_moves", "kind", "transfer_out", "transfer out",
	  "перем. расход" },
	{ "invoices", "status", "part_paid", "part paid", "опл. частично" },
	{ "invoices", "status", "unpaid", "unpaid", "не оплачен" },
	{ "sales_orders", "status", "part_shipped", "part shipped",
	  "отгружен частью" },
	{ "channels", "kind", "office_phone", "office phone",
	  "рабочий телефон" },
	{ "allocations", "kind", "po", "purchase order", "заказ поставщику" },
	{ "stock_docs", "status", "posted", "posted", "проведён" },
};

static void
test_shown(void **state)
{
	size_t	 i;

	(void)state;
	lang("en");
	for (i = 0; i < sizeof shown / sizeof shown[0]; i++)
		assert_string_equal(ui_enum(F(shown[i].entity, shown[i].field),
		    shown[i].value), shown[i].en);
	lang("ru");
	for (i = 0; i < sizeof shown / sizeof shown[0]; i++)
		assert_string_equal(ui_enum(F(shown[i].entity, shown[i].field),
		    shown[i].value), shown[i].ru);
	assert_null(ui_enum(F("customers", "kind"), NULL));
	assert_null(dict_enum_word(NULL));
	/* Not a value of the field: shown as it is. */
	assert_string_equal(ui_enum(F("customers", "kind"), "nosuch"),
	    "nosuch");
}

static const struct {
	const char	*entity, *field, *typed, *value;	/* NULL: none */
} typed[] = {
	{ "customers", "kind", "company", "company" },
	{ "customers", "kind", "организация", "company" },
	{ "customers", "kind", "Организация", "company" },
	{ "customers", "kind", "  физлицо ", "person" },
	{ "customers", "kind", "PERSON", "person" },
	{ "customers", "status", "ПОТЕНЦИАЛЬНЫЙ", "prospect" },
	{ "customers", "status", "лид", "lead" },
	{ "customers", "status", "xyz", NULL },
	{ "customers", "status", "", NULL },
	{ "tasks", "status", "отменена", "cancelled" },
	{ "tasks", "status", "отменён", NULL },	/* an order's word */
	{ "activities", "kind", "Письмо", "email" },
	{ "channels", "kind", "эл. почта", "email" },
	{ "products", "unit", "шт", "pcs" },
	{ "products", "unit", "Шт.", "pcs" },
	{ "products", "unit", "ч", "h" },
	{ "products", "unit", "усл. ед", "unit" },
	{ "products", "vat", "без НДС", "exempt" },
	{ "products", "vat", "22 %", "22" },
	{ "products", "vat", "20", "20" },
	{ "users", "lang", "русский", "ru" },
};

static void
test_typed(void **state)
{
	const char	*v;
	size_t		 i;

	(void)state;
	lang("ru");
	for (i = 0; i < sizeof typed / sizeof typed[0]; i++) {
		v = ui_enum_value(F(typed[i].entity, typed[i].field),
		    typed[i].typed);
		if (typed[i].value == NULL)
			assert_null(v);
		else {
			assert_non_null(v);
			assert_string_equal(v, typed[i].value);
		}
	}
	/* Not an enum. */
	assert_null(ui_enum_value(F("customers", "name"), "company"));
	/* The stored word in English too. */
	lang("en");
	assert_string_equal(ui_enum_value(F("customers", "kind"), "person"),
	    "person");
	assert_null(ui_enum_value(F("customers", "kind"), "физлицо x"));
	/* Whatever the language, the names an import takes (1C's). */
	assert_string_equal(ui_enum_value(F("products", "unit"), "шт."),
	    "pcs");
	assert_string_equal(ui_enum_value(F("products", "unit"), "усл. ед."),
	    "unit");
	assert_string_equal(ui_enum_value(F("products", "vat"), "Без НДС"),
	    "exempt");
	assert_string_equal(ui_enum_value(F("products", "vat"), "НДС 20%"),
	    "20");
	assert_null(ui_enum_value(F("products", "vat"), "20/120"));
}

static void
test_widths(void **state)
{
	(void)state;
	lang("en");
	assert_int_equal(ui_enum_width(F("purchase_orders", "status")), 9);
	assert_int_equal(ui_enum_width(F("customers", "name")), 0);
	lang("ru");
	assert_int_equal(ui_enum_width(F("purchase_orders", "status")), 16);
}

static void
test_over_receipt(void **state)
{
	(void)state;
	lang("en");
	assert_string_equal(ui_over_receipt("over-receipt: SKU-1: 12 "
	    "received against 10 ordered; confirm"), "SKU-1: 12 received "
	    "against 10 ordered; confirm");
	assert_null(ui_over_receipt("column 'qty': more than 0 expected"));
	assert_null(ui_over_receipt(NULL));
	lang("ru");
	assert_string_equal(ui_over_receipt("приёмка сверх заказа: SKU-1: "
	    "принято 12, а заказано 10; подтвердите"), "SKU-1: принято 12, а "
	    "заказано 10; подтвердите");
	assert_string_equal(ui_over_receipt("over-receipt: SKU-1: x"),
	    "SKU-1: x");
	assert_null(ui_over_receipt("колонка 'qty': ожидается больше 0"));
}

/* Every label, title and enum word of the dictionary and every screen
 * title is translated, and fits where the screens put it. */
static void
test_dictionary(void **state)
{
	const struct entity_def *const	*e;
	const struct screen_def *const	*d;
	const struct field_def		*f;
	size_t				 i, k;

	(void)state;
	lang("ru");
	for (e = entity_table; *e != NULL; e++) {
		assert_string_not_equal(_((*e)->title), (*e)->title);
		for (i = 0; i < (*e)->nfields; i++) {
			f = &(*e)->fields[i];
			if (f->flags & FF_SYSTEM)
				continue;
			if (strcmp(_(f->label), f->label) == 0 ||
			    ui_width(_(f->label)) > LABEL_MAX)
				fail_msg("%s.%s: label \"%s\" (%d columns)",
				    (*e)->name, f->name, _(f->label),
				    ui_width(_(f->label)));
			for (k = 0; f->type == FT_ENUM && f->enums[k] !=
			    NULL; k++) {
				const char *w = ui_enum(f, f->enums[k]);

				/* Numbers (VAT rates) are the same words. */
				if ((strcmp(w, f->enums[k]) == 0 &&
				    strspn(w, "0123456789") != strlen(w)) ||
				    ui_width(w) > ENUM_MAX)
					fail_msg("%s.%s: enum %s as \"%s\"",
					    (*e)->name, f->name, f->enums[k],
					    w);
			}
		}
	}
	/* In English every enum value shows as words: no stored identifier
	 * (part_paid) left as it is. */
	lang("en");
	for (e = entity_table; *e != NULL; e++)
		for (i = 0; i < (*e)->nfields; i++) {
			f = &(*e)->fields[i];
			for (k = 0; f->type == FT_ENUM && f->enums[k] !=
			    NULL; k++)
				if (strchr(ui_enum(f, f->enums[k]), '_') !=
				    NULL)
					fail_msg("%s.%s: enum %s in English",
					    (*e)->name, f->name, f->enums[k]);
		}
	lang("ru");
	for (d = screen_table; *d != NULL; d++)
		if (strcmp(_((*d)->title), (*d)->title) == 0 ||
		    ui_width(_((*d)->title)) > TITLE_MAX)
			fail_msg("screen %s: title \"%s\"", (*d)->name,
			    _((*d)->title));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shown),
		cmocka_unit_test(test_typed),
		cmocka_unit_test(test_widths),
		cmocka_unit_test(test_over_receipt),
		cmocka_unit_test(test_dictionary),
	};
	locale_t		 ru;

	i18n_init("en");
	/* Words are measured and folded as UTF-8, as in a session. */
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "en_US.UTF-8");
	if ((ru = newlocale(LC_MESSAGES_MASK, "ru_RU.UTF-8", (locale_t)0)) ==
	    (locale_t)0) {
		printf("1..0 # SKIP the locale ru_RU.UTF-8 is not installed\n");
		return (0);
	}
	freelocale(ru);
	return (cmocka_run_group_tests(tests, NULL, NULL));
}
