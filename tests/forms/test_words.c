/*
 * The amount in words (forms/words.c): the examples and rules of
 * RU-DOCS.md as a table of {kopecks, words}: endings by the last two
 * digits (11-14) and by the last one, feminine тысяча and копейка, empty
 * groups skipped, the capital first letter, kopecks as two digits, the
 * whole range 0 to 999 999 999 999,99 and what lies past it.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "forms/words.h"
#include "xmalloc.h"

#define NITEMS(a)	(sizeof (a) / sizeof (a)[0])
#define RUB(r)		((int64_t)(r) * 100)

static void
test_rub(void **state)
{
	static const struct {
		int64_t		 kop;
		const char	*words;
	} t[] = {
		/* RU-DOCS.md's examples */
		{ RUB(1), "Один рубль 00 копеек" },
		{ RUB(2), "Два рубля 00 копеек" },
		{ RUB(5), "Пять рублей 00 копеек" },
		{ RUB(11), "Одиннадцать рублей 00 копеек" },
		{ RUB(21), "Двадцать один рубль 00 копеек" },
		{ RUB(1001), "Одна тысяча один рубль 00 копеек" },
		{ 1, "Ноль рублей 01 копейка" },
		{ 123456, "Одна тысяча двести тридцать четыре рубля 56 "
		  "копеек" },
		{ RUB(2000000), "Два миллиона рублей 00 копеек" },
		/* 0 and the kopecks' endings */
		{ 0, "Ноль рублей 00 копеек" },
		{ 2, "Ноль рублей 02 копейки" },
		{ 4, "Ноль рублей 04 копейки" },
		{ 5, "Ноль рублей 05 копеек" },
		{ 11, "Ноль рублей 11 копеек" },
		{ 12, "Ноль рублей 12 копеек" },
		{ 14, "Ноль рублей 14 копеек" },
		{ 21, "Ноль рублей 21 копейка" },
		{ 22, "Ноль рублей 22 копейки" },
		{ 99, "Ноль рублей 99 копеек" },
		/* 11-14 take the plural of many, whatever the last digit */
		{ RUB(12), "Двенадцать рублей 00 копеек" },
		{ RUB(13), "Тринадцать рублей 00 копеек" },
		{ RUB(14), "Четырнадцать рублей 00 копеек" },
		{ RUB(15), "Пятнадцать рублей 00 копеек" },
		{ RUB(111), "Сто одиннадцать рублей 00 копеек" },
		{ RUB(112), "Сто двенадцать рублей 00 копеек" },
		{ RUB(114), "Сто четырнадцать рублей 00 копеек" },
		{ RUB(22), "Двадцать два рубля 00 копеек" },
		{ RUB(24), "Двадцать четыре рубля 00 копеек" },
		{ RUB(40), "Сорок рублей 00 копеек" },
		{ RUB(101), "Сто один рубль 00 копеек" },
		{ RUB(200), "Двести рублей 00 копеек" },
		{ RUB(999), "Девятьсот девяносто девять рублей 00 копеек" },
		/* тысяча is feminine; its own endings */
		{ RUB(1000), "Одна тысяча рублей 00 копеек" },
		{ RUB(2000), "Две тысячи рублей 00 копеек" },
		{ RUB(2001), "Две тысячи один рубль 00 копеек" },
		{ RUB(4000), "Четыре тысячи рублей 00 копеек" },
		{ RUB(5000), "Пять тысяч рублей 00 копеек" },
		{ RUB(11000), "Одиннадцать тысяч рублей 00 копеек" },
		{ RUB(12000), "Двенадцать тысяч рублей 00 копеек" },
		{ RUB(21000), "Двадцать одна тысяча рублей 00 копеек" },
		{ RUB(22000), "Двадцать две тысячи рублей 00 копеек" },
		{ RUB(100000), "Сто тысяч рублей 00 копеек" },
		{ RUB(111111), "Сто одиннадцать тысяч сто одиннадцать рублей "
		  "00 копеек" },
		{ RUB(1200) + 0, "Одна тысяча двести рублей 00 копеек" },
		{ RUB(1200) + 1, "Одна тысяча двести рублей 01 копейка" },
		/* millions and milliards: masculine, empty groups skipped */
		{ RUB(1000000), "Один миллион рублей 00 копеек" },
		{ RUB(1000001), "Один миллион один рубль 00 копеек" },
		{ RUB(1001000), "Один миллион одна тысяча рублей 00 копеек" },
		{ RUB(3014000), "Три миллиона четырнадцать тысяч рублей 00 "
		  "копеек" },
		{ RUB(5000000), "Пять миллионов рублей 00 копеек" },
		{ RUB(12000000), "Двенадцать миллионов рублей 00 копеек" },
		{ RUB(21000000), "Двадцать один миллион рублей 00 копеек" },
		{ RUB(1000000000), "Один миллиард рублей 00 копеек" },
		{ RUB(2000001000), "Два миллиарда одна тысяча рублей 00 копеек" },
		{ RUB(11000000000), "Одиннадцать миллиардов рублей 00 копеек" },
		{ RUB(1111111111) + 11, "Один миллиард сто одиннадцать "
		  "миллионов сто одиннадцать тысяч сто одиннадцать рублей 11 "
		  "копеек" },
		/* the top of the range */
		{ 99999999999999, "Девятьсот девяносто девять миллиардов "
		  "девятьсот девяносто девять миллионов девятьсот девяносто "
		  "девять тысяч девятьсот девяносто девять рублей 99 копеек" },
		/* past it: digits, the same endings */
		{ RUB(1000000000000), "1 000 000 000 000 рублей 00 копеек" },
		{ RUB(1000000000001), "1 000 000 000 001 рубль 00 копеек" },
		/* below 0 */
		{ -RUB(5), "Минус пять рублей 00 копеек" },
		{ -1, "Минус ноль рублей 01 копейка" },
	};
	size_t	 i;
	char	*w;

	(void)state;
	for (i = 0; i < NITEMS(t); i++) {
		w = words_rub(t[i].kop);
		if (strcmp(w, t[i].words) != 0)
			print_error("%lld kopecks:\n  expected %s\n  got      "
			    "%s\n", (long long)t[i].kop, t[i].words, w);
		assert_string_equal(w, t[i].words);
		free(w);
	}
}

static void
test_number_genders(void **state)
{
	static const struct {
		uint64_t		 n;
		enum words_gender	 g;
		const char		*words;
	} t[] = {
		{ 1, WG_MASC, "один" },
		{ 1, WG_FEM, "одна" },
		{ 1, WG_NEUT, "одно" },
		{ 2, WG_MASC, "два" },
		{ 2, WG_FEM, "две" },
		{ 2, WG_NEUT, "два" },
		{ 21, WG_NEUT, "двадцать одно" },
		{ 12, WG_FEM, "двенадцать" },
		{ 0, WG_FEM, "ноль" },
		{ 1002, WG_FEM, "одна тысяча две" },
		{ 2002, WG_NEUT, "две тысячи два" },
	};
	struct buf	 b;
	size_t		 i;

	(void)state;
	for (i = 0; i < NITEMS(t); i++) {
		memset(&b, 0, sizeof b);
		words_number(&b, t[i].n, t[i].g);
		assert_string_equal(b.data, t[i].words);
		buf_free(&b);
	}
}

static void
test_plural(void **state)
{
	static const struct {
		uint64_t	 n;
		const char	*form;
	} t[] = {
		{ 0, "мест" }, { 1, "место" }, { 2, "места" }, { 4, "места" },
		{ 5, "мест" }, { 11, "мест" }, { 12, "мест" }, { 14, "мест" },
		{ 21, "место" }, { 22, "места" }, { 101, "место" },
		{ 111, "мест" }, { 112, "мест" }, { 1001, "место" },
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < NITEMS(t); i++)
		assert_string_equal(words_plural(t[i].n, "место", "места",
		    "мест"), t[i].form);
}

static void
test_capital(void **state)
{
	char	 a[] = "ёлка", b[] = "ноль", c[] = "abc", d[] = "", e[] = "Я";

	(void)state;
	words_capital(a);
	words_capital(b);
	words_capital(c);
	words_capital(d);
	words_capital(e);
	assert_string_equal(a, "Ёлка");
	assert_string_equal(b, "Ноль");
	assert_string_equal(c, "Abc");
	assert_string_equal(d, "");
	assert_string_equal(e, "Я");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rub),
		cmocka_unit_test(test_number_genders),
		cmocka_unit_test(test_plural),
		cmocka_unit_test(test_capital),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
