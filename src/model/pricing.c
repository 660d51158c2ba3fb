/*
 * Prices and VAT of a sales line: pure integer arithmetic (pricing.h).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/pricing.h"

int64_t
pricing_muldiv(int64_t a, int64_t b, int64_t c)
{
	__int128	 n = (__int128)a * b;
	int		 neg = n < 0;

	if (c <= 0)
		return (0);
	if (neg)
		n = -n;
	n = (n + c / 2) / c;
	if (n > INT64_MAX)
		n = INT64_MAX;
	return (neg ? -(int64_t)n : (int64_t)n);
}

int
pricing_rate(const char *word, int dflt)
{
	char	*end;
	long	 r;

	if (word == NULL || *word == '\0')
		return (dflt);
	if (strcmp(word, "exempt") == 0)
		return (PRICING_EXEMPT);
	r = strtol(word, &end, 10);
	if (*end != '\0' || r < 0 || r > 100)
		return (dflt);
	return ((int)r);
}

int64_t
pricing_vat_of_net(int64_t net, int rate)
{
	if (rate <= 0)
		return (0);
	return (pricing_muldiv(net, rate, 100));
}

int64_t
pricing_vat_of_gross(int64_t gross, int rate)
{
	if (rate <= 0)
		return (0);
	return (pricing_muldiv(gross, rate, 100 + rate));
}

int64_t
pricing_convert(int64_t price, int rate, int from_incl, int to_incl)
{
	if (rate <= 0 || !from_incl == !to_incl)
		return (price);
	if (to_incl)
		return (price + pricing_vat_of_net(price, rate));
	return (price - pricing_vat_of_gross(price, rate));
}

void
pricing_line(int64_t qty, int64_t price, int64_t discount, int rate,
    int vat_included, struct pricing_line *l)
{
	int64_t	 sum;

	memset(l, 0, sizeof *l);
	l->amount = pricing_muldiv(qty, price, 1000);
	if (discount > 0)
		l->discount = pricing_muldiv(l->amount, discount, 100000);
	sum = l->amount - l->discount;
	if (vat_included) {
		l->gross = sum;
		l->vat = pricing_vat_of_gross(sum, rate);
		l->net = sum - l->vat;
	} else {
		l->net = sum;
		l->vat = pricing_vat_of_net(sum, rate);
		l->gross = sum + l->vat;
	}
}

int
pricing_pick(const struct pricing_cand *c, size_t n, int64_t date,
    int64_t qty)
{
	size_t	 i;
	int	 best = -1;

	for (i = 0; i < n; i++) {
		if (c[i].valid_from != 0 && date < c[i].valid_from)
			continue;
		if (c[i].valid_to != 0 && date > c[i].valid_to)
			continue;
		if (c[i].min_qty > qty)
			continue;
		if (best >= 0 && (c[i].min_qty < c[best].min_qty ||
		    (c[i].min_qty == c[best].min_qty &&
		    c[i].valid_from <= c[best].valid_from)))
			continue;
		best = (int)i;
	}
	return (best);
}

void
pricing_price(const struct pricing_query *q, struct pricing_result *r)
{
	int64_t	 unit_net;
	int	 k;

	memset(r, 0, sizeof *r);
	r->discount = q->typed_discount >= 0 ? q->typed_discount :
	    q->customer_discount > 0 ? q->customer_discount : 0;
	if (q->typed_price >= 0) {
		r->price = q->typed_price;
		r->source = PRICE_TYPED;
		if (q->typed_discount < 0)
			r->discount = 0;
	} else if ((k = pricing_pick(q->cands, q->ncands, q->date,
	    q->qty)) >= 0) {
		r->price = pricing_convert(q->cands[k].price, q->rate,
		    q->list_vat_included, q->vat_included);
		r->source = q->cands[k].min_qty > 0 ? PRICE_BREAK : PRICE_LIST;
	} else if (q->sale_price >= 0) {
		r->price = pricing_convert(q->sale_price, q->rate, 0,
		    q->vat_included);
		r->source = PRICE_PRODUCT;
	} else
		r->source = PRICE_NONE;
	pricing_line(q->qty, r->price, r->discount, q->rate, q->vat_included,
	    &r->line);
	if (q->cost >= 0) {
		unit_net = pricing_convert(r->price, q->rate, q->vat_included,
		    0);
		unit_net -= pricing_muldiv(unit_net, r->discount, 100000);
		r->below_cost = unit_net < q->cost;
	}
}
