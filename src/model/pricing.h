#ifndef KONTOR_MODEL_PRICING_H
#define KONTOR_MODEL_PRICING_H

#include <stddef.h>
#include <stdint.h>

/*
 * Prices and VAT of a sales line: pure functions over integers, no
 * store, no floating point.  Money is int64 kopecks, quantities int64
 * thousandths of a unit, a discount int64 thousandths of a per cent
 * (5.5 % is 5500, as the dictionary's FT_QTY keeps it), a VAT rate a
 * whole per cent (20, 10, 0) or PRICING_EXEMPT.
 *
 * Rounding is half up to the kopeck, per line (RU-DOCS.md): from a net
 * amount VAT = net x rate / 100; from an amount that includes VAT,
 * VAT = gross x rate / (100 + rate).  A document's VAT is the sum of its
 * lines' VAT, never recomputed from its total.
 */

#define PRICING_EXEMPT	(-1)	/* "без НДС" */

/* a * b / c rounded half away from zero; c > 0; saturates past int64. */
int64_t	 pricing_muldiv(int64_t a, int64_t b, int64_t c);
/* The rate of a vat enum word ("20", "10", "0", "exempt"); NULL or
 * unknown: dflt. */
int	 pricing_rate(const char *word, int dflt);
/* VAT of a net amount; of an amount that includes it. */
int64_t	 pricing_vat_of_net(int64_t net, int rate);
int64_t	 pricing_vat_of_gross(int64_t gross, int rate);
/* A unit price as the other side of VAT: with (to_incl) or without it. */
int64_t	 pricing_convert(int64_t price, int rate, int from_incl,
	     int to_incl);

/* The amounts of one line. */
struct pricing_line {
	int64_t	 amount;	/* qty x price, before the discount */
	int64_t	 discount;	/* the discount's amount */
	int64_t	 net;		/* without VAT */
	int64_t	 vat;
	int64_t	 gross;		/* with VAT: what the customer pays */
};
/* qty x price less discount %, then VAT as prices with (vat_included)
 * or without it say. */
void	 pricing_line(int64_t qty, int64_t price, int64_t discount, int rate,
	     int vat_included, struct pricing_line *);

/* A price of a price list for the product: valid from..to (0: open),
 * from min_qty on. */
struct pricing_cand {
	int64_t	 price;
	int64_t	 valid_from, valid_to;	/* YYYYMMDD, 0: open */
	int64_t	 min_qty;
};
/*
 * The candidate that applies on date to qty: valid on the date, with the
 * largest min_qty not above qty (a quantity break), the latest valid_from
 * among equals, then the first.  Its index, or -1 when none applies.
 */
int	 pricing_pick(const struct pricing_cand *, size_t n, int64_t date,
	     int64_t qty);

/* What a line's price is made of. */
struct pricing_query {
	int64_t			 qty;
	int64_t			 date;
	const struct pricing_cand *cands;	/* the customer's list's */
	size_t			 ncands;
	int			 list_vat_included;
	int64_t			 sale_price;	/* the product's; -1: none */
	int64_t			 cost;		/* purchase cost; -1: unknown */
	int64_t			 customer_discount;
	int64_t			 typed_price;	/* -1: none typed */
	int64_t			 typed_discount; /* -1: none typed */
	int			 rate;
	int			 vat_included;	/* the document's prices */
};

#define PRICE_TYPED	1	/* typed by hand */
#define PRICE_LIST	2	/* the customer's price list */
#define PRICE_BREAK	3	/* the list, a quantity break */
#define PRICE_PRODUCT	4	/* the product's sale price */
#define PRICE_NONE	0	/* nothing to go by: 0 */

struct pricing_result {
	int64_t			 price;		/* unit, as the document */
	int64_t			 discount;
	int			 source;	/* PRICE_* */
	int			 below_cost;	/* net unit price after the
						   discount under the cost */
	struct pricing_line	 line;
};
/*
 * The price of a line: typed by hand, else the list's (a break when one
 * applies), else the product's sale price (kept without VAT); converted
 * to the document's side of VAT.  The discount is the typed one, else
 * the customer's, except that a typed price is taken as final (no
 * customer discount on it).
 */
void	 pricing_price(const struct pricing_query *, struct pricing_result *);

#endif
