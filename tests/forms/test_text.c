/*
 * The text back end (forms/text.c): paragraphs wrapped and aligned by
 * display width (Cyrillic letters are two bytes and one column, CJK two
 * columns), grids in ASCII, spanned rows, columns left out of the text,
 * no trailing spaces, pages separated by '\f'; and the encodings: cp866
 * round trip, « » as ", what cp866 lacks replaced, never dropped.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "forms/sheet.h"
#include "width.h"
#include "xmalloc.h"

#define NITEMS(a)	(sizeof (a) / sizeof (a)[0])

static char *
render(struct sheet *s, int width)
{
	struct buf	 b;

	memset(&b, 0, sizeof b);
	sheet_text(s, width, &b);
	sheet_free(s);
	return (buf_steal(&b));
}

static void
test_width(void **state)
{
	static const struct {
		const char	*s;
		int		 w;
	} t[] = {
		{ "", 0 }, { "abc", 3 }, { "Счёт", 4 }, { "ёлка", 4 },
		{ "«Ромашка»", 9 }, { "日本", 4 }, { "e\xcc\x81", 1 },
		{ "\xff", 1 }, { "№ 45", 4 },
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < NITEMS(t); i++)
		assert_int_equal(width_str(t[i].s), t[i].w);
	assert_int_equal(width_fit("Счёт на оплату", 4), strlen("Счёт"));
	assert_int_equal(width_fit("日本語", 3), strlen("日"));
}

static void
test_para(void **state)
{
	struct sheet	*s;
	char		*out;

	(void)state;
	s = sheet_new("t", 0);
	sheet_para(s, 0, SA_LEFT, "Счёт на оплату № 45 от 01.12.2026");
	sheet_para(s, 0, SA_RIGHT, "ёж");
	sheet_para(s, 0, SA_CENTER, "Итого");
	out = render(s, 20);
	/* Wrapped at a space by columns: 20 columns hold "Счёт на оплату №
	 * 45" (19 columns, 33 bytes). */
	assert_string_equal(out,
	    "Счёт на оплату № 45\n"
	    "от 01.12.2026\n"
	    "                  ёж\n"
	    "       Итого\n");
	free(out);

	/* A word longer than the line is cut by columns; '\n' breaks. */
	s = sheet_new("t", 0);
	sheet_para(s, 0, SA_LEFT, "Аааааааааааааааааааааааааа\nб");
	out = render(s, 20);
	assert_string_equal(out, "Аааааааааааааааааааа\nаааааа\nб\n");
	free(out);
}

static void
test_grid(void **state)
{
	static const struct sheet_col cols[] = {
		{ "№", 50, 2, SA_RIGHT },
		{ "Товар", 500, 10, SA_LEFT },
		{ "Скрыт", 100, 0, SA_LEFT },
		{ "Сумма", 350, 8, SA_RIGHT },
	};
	const char	*r1[] = { "1", "Болт М8", "x", "999,99" };
	const char	*r2[] = { "2", "Гайка", "y", "1,00" };
	const char	*tot[] = { "Итого:", "1 000,99" };
	const char	*hidden[] = { "3", "не видно", "", "0" };
	struct sheet	*s;
	char		*out;

	(void)state;
	s = sheet_new("t", 0);
	sheet_table(s, SS_BORDER, 4, cols, 1);
	sheet_row(s, 0, r1);
	sheet_row(s, SS_NOTEXT, hidden);
	sheet_row(s, 0, r2);
	sheet_row_span(s, SS_BOLD, 3, tot);
	out = render(s, 80);
	assert_string_equal(out,
	    "+----+------------+----------+\n"
	    "| №  |   Товар    |  Сумма   |\n"
	    "+----+------------+----------+\n"
	    "|  1 | Болт М8    |   999,99 |\n"
	    "|  2 | Гайка      |     1,00 |\n"
	    "+----+------------+----------+\n"
	    "|          Итого: | 1 000,99 |\n"
	    "+----+------------+----------+\n");
	free(out);
}

static void
test_wrapped_cells(void **state)
{
	static const struct sheet_col cols[] = {
		{ "", 500, 6, SA_LEFT },
		{ "", 500, 5, SA_RIGHT },
	};
	const char	*r1[] = { "Болт М8 оцинкованный", "1,00" };
	struct sheet	*s;
	char		*out;

	(void)state;
	/* Without a grid: one space apart, no trailing spaces. */
	s = sheet_new("t", 0);
	sheet_table(s, 0, 2, cols, 0);
	sheet_row(s, 0, r1);
	out = render(s, 80);
	assert_string_equal(out,
	    "Болт    1,00\n"
	    "М8\n"
	    "оцинко\n"
	    "ванный\n");
	free(out);
}

static void
test_shrink_and_pages(void **state)
{
	static const struct sheet_col cols[] = {
		{ "", 500, 30, SA_LEFT },
		{ "", 500, 30, SA_LEFT },
	};
	const char	*r1[] = { "один", "два" };
	struct sheet	*s;
	char		*out, *p;
	size_t		 n;

	(void)state;
	/* 30 + 30 + 7 = 67 columns in a line of 40: the widest gives
	 * way until the table fits. */
	s = sheet_new("t", 0);
	sheet_table(s, SS_BORDER, 2, cols, 0);
	sheet_row(s, 0, r1);
	sheet_page_break(s);
	sheet_rule(s);
	sheet_gap(s);
	sheet_para(s, SS_NOTEXT, SA_LEFT, "only in the PDF");
	out = render(s, 40);
	for (p = out; *p != '\0'; p += n + (p[n] == '\n')) {
		if (*p == '\f')
			p++;
		n = strcspn(p, "\n");
		assert_true(width_n(p, n) <= 40);
	}
	assert_non_null(strstr(out, "+\n\f-----"));
	assert_null(strstr(out, "only in the PDF"));
	assert_null(strstr(out, " \n"));
	free(out);
}

static void
test_encode(void **state)
{
	struct buf	 b;
	char		*cause = NULL;
	const char	*in = "Счёт № 45 «Ромашка» — итог € 1 200,00\n";

	(void)state;
	/* cp866 has Cyrillic, ё and №; no « », — or €. */
	memset(&b, 0, sizeof b);
	assert_int_equal(sheet_text_encode(in, strlen(in), "CP866", &b,
	    &cause), 0);
	assert_int_equal(b.len, 38);
	assert_memory_equal(b.data, "\x91\xe7\xf1\xe2 \xfc 45 \"\x90\xae"
	    "\xac\xa0\xe8\xaa\xa0\" - \xa8\xe2\xae\xa3 ? 1 200,00\n", 38);
	buf_free(&b);

	/* ASCII: № as N, Cyrillic as '?', one for one. */
	in = "№ 5 «x» — ok";
	assert_int_equal(sheet_text_encode(in, strlen(in), "ASCII", &b,
	    &cause), 0);
	assert_string_equal(b.data, "N 5 \"x\" - ok");
	buf_free(&b);
	in = "Жук";
	assert_int_equal(sheet_text_encode(in, strlen(in), "ASCII", &b,
	    &cause), 0);
	assert_string_equal(b.data, "???");
	buf_free(&b);

	/* UTF-8 to UTF-8: only the quotes change. */
	in = "«Ромашка» — №";
	assert_int_equal(sheet_text_encode(in, strlen(in), "UTF-8", &b,
	    &cause), 0);
	assert_string_equal(b.data, "\"Ромашка\" — №");
	buf_free(&b);

	assert_int_equal(sheet_text_encode("x", 1, "NO-SUCH-CODEPAGE", &b,
	    &cause), -1);
	assert_non_null(strstr(cause, "NO-SUCH-CODEPAGE"));
	free(cause);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_para),
		cmocka_unit_test(test_grid),
		cmocka_unit_test(test_wrapped_cells),
		cmocka_unit_test(test_shrink_and_pages),
		cmocka_unit_test(test_encode),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
