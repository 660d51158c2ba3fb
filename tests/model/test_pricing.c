/*
 * Prices and VAT of a sales line (src/model/pricing.c): rounding half up
 * to the kopeck per line, a document's VAT as the sum of its lines,
 * conversion across VAT, quantity breaks and which price wins.  Pure
 * functions: tables of {input, expected}.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "model/pricing.h"

#define NITEMS(a)	(sizeof (a) / sizeof (a)[0])

static void
test_vat_rounding(void **state)
{
	static const struct {
		int64_t	 amount;
		int	 rate;
		int	 incl;
		int64_t	 vat;
	} t[] = {
		{ 33333, 20, 0, 6667 },		/* 333,33 -> 66,666 -> 66,67 */
		{ 1, 20, 0, 0 },		/* 0,002 */
		{ 3, 20, 0, 1 },		/* 0,006 */
		{ 25, 20, 0, 5 },		/* exactly 5 */
		{ 5, 10, 0, 1 },		/* 0,005: half up */
		{ 4, 10, 0, 0 },		/* 0,004 */
		{ 12000, 20, 1, 2000 },		/* 120,00 with VAT: 20,00 */
		{ 100, 20, 1, 17 },		/* 1,00: 16,67 kopecks */
		{ 3, 20, 1, 1 },		/* 0,5 kopeck: half up */
		{ 11000, 10, 1, 1000 },
		{ 99999, 0, 0, 0 },
		{ 99999, PRICING_EXEMPT, 1, 0 },
		{ INT64_MAX / 100, 20, 0, INT64_MAX / 100 / 5 + 0 },
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < NITEMS(t); i++) {
		int64_t	 v = t[i].incl ? pricing_vat_of_gross(t[i].amount,
		    t[i].rate) : pricing_vat_of_net(t[i].amount, t[i].rate);

		if (i == NITEMS(t) - 1)		/* no overflow on the way */
			assert_true(v > 0);
		else
			assert_int_equal(v, t[i].vat);
	}
}

/* Three lines of 333,33 at 20 %: 66,67 each, 200,01 in all (not the
 * 200,00 the total would give). */
static void
test_document_vat_is_sum_of_lines(void **state)
{
	struct pricing_line	 l;
	int64_t			 vat = 0, net = 0;
	int			 i;

	(void)state;
	for (i = 0; i < 3; i++) {
		pricing_line(1000, 33333, 0, 20, 0, &l);
		assert_int_equal(l.vat, 6667);
		assert_int_equal(l.gross, 40000);
		vat += l.vat;
		net += l.net;
	}
	assert_int_equal(vat, 20001);
	assert_int_equal(pricing_vat_of_net(net, 20), 20000);
}

static void
test_line_amounts(void **state)
{
	static const struct {
		int64_t	 qty, price, disc;
		int	 rate, incl;
		int64_t	 amount, discount, net, vat, gross;
	} t[] = {
		/* 2 x 150,00 at 20 % without VAT */
		{ 2000, 15000, 0, 20, 0, 30000, 0, 30000, 6000, 36000 },
		/* the same with 5 % off */
		{ 2000, 15000, 5000, 20, 0, 30000, 1500, 28500, 5700, 34200 },
		/* prices with VAT: 3 x 99,99 = 299,97, VAT 49,995 -> 50,00 */
		{ 3000, 9999, 0, 20, 1, 29997, 0, 24997, 5000, 29997 },
		/* 1,5 kg x 33,33 = 49,995 -> 50,00; 10 % */
		{ 1500, 3333, 0, 10, 0, 5000, 0, 5000, 500, 5500 },
		/* 0,001 x 0,01: rounds to nothing */
		{ 1, 1, 0, 20, 0, 0, 0, 0, 0, 0 },
		/* 12,5 % off 10,00: 1,25 */
		{ 1000, 1000, 12500, 20, 0, 1000, 125, 875, 175, 1050 },
		/* exempt */
		{ 7000, 1234, 0, PRICING_EXEMPT, 0, 8638, 0, 8638, 0, 8638 },
		/* 100 % off */
		{ 1000, 5000, 100000, 20, 1, 5000, 5000, 0, 0, 0 },
	};
	struct pricing_line	 l;
	size_t			 i;

	(void)state;
	for (i = 0; i < NITEMS(t); i++) {
		pricing_line(t[i].qty, t[i].price, t[i].disc, t[i].rate,
		    t[i].incl, &l);
		print_message("# row %zu\n", i);
		assert_int_equal(l.amount, t[i].amount);
		assert_int_equal(l.discount, t[i].discount);
		assert_int_equal(l.net, t[i].net);
		assert_int_equal(l.vat, t[i].vat);
		assert_int_equal(l.gross, t[i].gross);
		assert_int_equal(l.net + l.vat, l.gross);
	}
}

static void
test_convert_and_rates(void **state)
{
	(void)state;
	assert_int_equal(pricing_convert(10000, 20, 0, 1), 12000);
	assert_int_equal(pricing_convert(12000, 20, 1, 0), 10000);
	assert_int_equal(pricing_convert(100, 20, 1, 0), 83);	/* 83,33 */
	assert_int_equal(pricing_convert(100, 20, 1, 1), 100);
	assert_int_equal(pricing_convert(100, PRICING_EXEMPT, 0, 1), 100);
	assert_int_equal(pricing_rate("20", 0), 20);
	assert_int_equal(pricing_rate("10", 0), 10);
	assert_int_equal(pricing_rate("0", 20), 0);
	assert_int_equal(pricing_rate("exempt", 20), PRICING_EXEMPT);
	assert_int_equal(pricing_rate(NULL, 20), 20);
	assert_int_equal(pricing_rate("x", 20), 20);
	assert_int_equal(pricing_muldiv(-5, 1, 10), -1);	/* half away */
	assert_int_equal(pricing_muldiv(5, 1, 0), 0);
}

/* Quantity breaks and validity: the largest break not above the
 * quantity, among prices valid on the date. */
static void
test_breaks(void **state)
{
	static const struct pricing_cand c[] = {
		{ 10000, 20260101, 0, 0 },		/* 0: base */
		{ 9000, 20260101, 0, 10000 },		/* 1: from 10 */
		{ 8000, 20260101, 0, 100000 },		/* 2: from 100 */
		{ 9500, 20260601, 20260630, 0 },	/* 3: June's base */
		{ 7000, 20270101, 0, 0 },		/* 4: next year */
	};
	static const struct {
		int64_t	 date, qty;
		int	 want;
	} t[] = {
		{ 20260301, 1000, 0 },
		{ 20260301, 9999, 0 },
		{ 20260301, 10000, 1 },
		{ 20260301, 99999, 1 },
		{ 20260301, 100000, 2 },
		{ 20260615, 1000, 3 },		/* the later base wins */
		{ 20260615, 50000, 1 },		/* a break over a base */
		{ 20270101, 1000, 4 },
		{ 20251231, 1000, -1 },		/* before any */
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < NITEMS(t); i++) {
		print_message("# row %zu\n", i);
		assert_int_equal(pricing_pick(c, NITEMS(c), t[i].date,
		    t[i].qty), t[i].want);
	}
	assert_int_equal(pricing_pick(NULL, 0, 20260101, 1000), -1);
}

/* Which price wins, and on which side of VAT it lands. */
static void
test_price_sources(void **state)
{
	static const struct pricing_cand list[] = {
		{ 12000, 0, 0, 0 },		/* 120,00 */
		{ 10800, 0, 0, 10000 },		/* 108,00 from 10 */
	};
	static const struct {
		const char	*what;
		int64_t		 qty;
		int		 nlist, list_incl;
		int64_t		 sale, cost, cdisc, typed, tdisc;
		int		 incl;
		int64_t		 price, disc;
		int		 source, below;
	} t[] = {
		{ "the list, same side", 1000, 2, 1, 9000, 5000, 0, -1, -1,
		  1, 12000, 0, PRICE_LIST, 0 },
		{ "the list's break", 10000, 2, 1, 9000, 5000, 0, -1, -1,
		  1, 10800, 0, PRICE_BREAK, 0 },
		{ "the list with VAT to a document without", 1000, 2, 1,
		  9000, 5000, 0, -1, -1, 0, 10000, 0, PRICE_LIST, 0 },
		{ "the list without VAT to a document with", 1000, 2, 0,
		  9000, 5000, 0, -1, -1, 1, 14400, 0, PRICE_LIST, 0 },
		{ "no list: the product's sale price", 1000, 0, 0, 9000,
		  5000, 0, -1, -1, 0, 9000, 0, PRICE_PRODUCT, 0 },
		{ "the sale price to a document with VAT", 1000, 0, 0, 9000,
		  5000, 0, -1, -1, 1, 10800, 0, PRICE_PRODUCT, 0 },
		{ "the customer's discount", 1000, 0, 0, 9000, 5000, 5000,
		  -1, -1, 0, 9000, 5000, PRICE_PRODUCT, 0 },
		{ "a typed price wins, taken as final", 1000, 2, 1, 9000,
		  5000, 5000, 7777, -1, 1, 7777, 0, PRICE_TYPED, 0 },
		{ "a typed discount wins", 1000, 0, 0, 9000, 5000, 5000, -1,
		  2000, 0, 9000, 2000, PRICE_PRODUCT, 0 },
		{ "below cost is warned", 1000, 0, 0, 9000, 9500, 0, -1, -1,
		  0, 9000, 0, PRICE_PRODUCT, 1 },
		{ "below cost after the discount", 1000, 0, 0, 9000, 8600,
		  5000, -1, -1, 0, 9000, 5000, PRICE_PRODUCT, 1 },
		{ "a gross price compared net", 1000, 2, 1, 9000, 10001, 0,
		  -1, -1, 1, 12000, 0, PRICE_LIST, 1 },
		{ "cost unknown: no warning", 1000, 0, 0, 1, -1, 0, -1, -1,
		  0, 1, 0, PRICE_PRODUCT, 0 },
		{ "nothing to go by", 1000, 0, 0, -1, -1, 0, -1, -1, 0, 0, 0,
		  PRICE_NONE, 0 },
	};
	struct pricing_query	 q;
	struct pricing_result	 r;
	size_t			 i;

	(void)state;
	for (i = 0; i < NITEMS(t); i++) {
		print_message("# %s\n", t[i].what);
		q.qty = t[i].qty;
		q.date = 20260301;
		q.cands = list;
		q.ncands = (size_t)t[i].nlist;
		q.list_vat_included = t[i].list_incl;
		q.sale_price = t[i].sale;
		q.cost = t[i].cost;
		q.customer_discount = t[i].cdisc;
		q.typed_price = t[i].typed;
		q.typed_discount = t[i].tdisc;
		q.rate = 20;
		q.vat_included = t[i].incl;
		pricing_price(&q, &r);
		assert_int_equal(r.price, t[i].price);
		assert_int_equal(r.discount, t[i].disc);
		assert_int_equal(r.source, t[i].source);
		assert_int_equal(r.below_cost, t[i].below);
		assert_int_equal(r.line.net + r.line.vat, r.line.gross);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vat_rounding),
		cmocka_unit_test(test_document_vat_is_sum_of_lines),
		cmocka_unit_test(test_line_amounts),
		cmocka_unit_test(test_convert_and_rates),
		cmocka_unit_test(test_breaks),
		cmocka_unit_test(test_price_sources),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
