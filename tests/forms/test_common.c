/*
 * The figures of the print forms (forms/common.c) as Russian documents
 * write them: money "1 234,56", quantities "1 000" and "2,5", dates
 * 01.12.2026 and «01» декабря 2026 г., rates, units and their ОКЕИ codes,
 * a document's printed number (INV-2026-000045: 45), initials.  Tables
 * of {input, expected}.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "forms/common.h"
#include "model/pricing.h"

#define NITEMS(a)	(sizeof (a) / sizeof (a)[0])

static void
test_money_qty(void **state)
{
	static const struct {
		int64_t		 v;
		const char	*money, *qty;
	} t[] = {
		{ 0, "0,00", "0" },
		{ 1, "0,01", "0,001" },
		{ 33333, "333,33", "33,333" },
		{ 100000, "1 000,00", "100" },
		{ 123456, "1 234,56", "123,456" },
		{ 2500, "25,00", "2,5" },
		{ 1000000, "10 000,00", "1 000" },
		{ 99999999999999, "999 999 999 999,99", "99 999 999 999,999" },
		{ -123456, "-1 234,56", "-123,456" },
	};
	char	 buf[FORM_FIG];
	size_t	 i;

	(void)state;
	for (i = 0; i < NITEMS(t); i++) {
		assert_string_equal(form_money(t[i].v, buf), t[i].money);
		assert_string_equal(form_qty(t[i].v, buf), t[i].qty);
	}
}

static void
test_dates(void **state)
{
	char	 buf[FORM_FIG];

	(void)state;
	assert_string_equal(form_date(20261201, buf), "01.12.2026");
	assert_string_equal(form_date(20260309, buf), "09.03.2026");
	assert_string_equal(form_date(0, buf), "");
	assert_string_equal(form_date_words(20261201, buf),
	    "«01» декабря 2026 г.");
	assert_string_equal(form_date_words(20260531, buf),
	    "«31» мая 2026 г.");
	assert_string_equal(form_date_words(0, buf), "");
}

static void
test_rates_units(void **state)
{
	char	 buf[FORM_FIG];

	(void)state;
	assert_string_equal(form_rate(20, buf), "20%");
	assert_string_equal(form_rate(0, buf), "0%");
	assert_string_equal(form_rate(PRICING_EXEMPT, buf), "без НДС");
	assert_string_equal(form_unit("pcs"), "шт");
	assert_string_equal(form_okei("pcs"), "796");
	assert_string_equal(form_unit("kg"), "кг");
	assert_string_equal(form_okei("kg"), "166");
	assert_string_equal(form_okei("m"), "006");
	assert_string_equal(form_okei("l"), "112");
	assert_string_equal(form_unit("pack"), "упак");
	assert_string_equal(form_okei("pack"), "778");
	assert_string_equal(form_okei("set"), "839");
	/* The units 1C has that kontor took from it. */
	assert_string_equal(form_unit("h"), "ч");
	assert_string_equal(form_okei("h"), "356");
	assert_string_equal(form_unit("unit"), "усл. ед");
	assert_string_equal(form_okei("unit"), "876");
	assert_string_equal(form_unit("furlong"), "furlong");
	assert_string_equal(form_okei("furlong"), "");
	assert_string_equal(form_unit(NULL), "");
}

static void
test_number_initials(void **state)
{
	static const struct {
		const char	*in, *out;
	} num[] = {
		{ "INV-2026-000045", "45" },
		{ "SO-2026-000001", "1" },
		{ "QT-2026-100000", "100000" },
		{ "INV-2026-000000", "0" },
		{ "INV-X", "INV-X" },
		{ "C-000123", "C-000123" },
		{ "ROMASHKA", "ROMASHKA" },
		{ "INV-2026-", "INV-2026-" },
		{ "INV-20A6-000001", "INV-20A6-000001" },
		{ "", "" },
	}, ini[] = {
		{ "Соколов Андрей Викторович", "Соколов А. В." },
		{ "Белова Ирина", "Белова И." },
		{ "Соколов", "Соколов" },
		{ "Соколов А. В.", "Соколов А. В." },
		{ "", "" },
	};
	char	*s;
	size_t	 i;

	(void)state;
	for (i = 0; i < NITEMS(num); i++) {
		s = form_number(num[i].in);
		assert_string_equal(s, num[i].out);
		free(s);
	}
	for (i = 0; i < NITEMS(ini); i++) {
		s = form_initials(ini[i].in);
		assert_string_equal(s, ini[i].out);
		free(s);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_money_qty),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_rates_units),
		cmocka_unit_test(test_number_initials),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
