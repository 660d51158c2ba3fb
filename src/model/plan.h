#ifndef KONTOR_MODEL_PLAN_H
#define KONTOR_MODEL_PLAN_H

#include <stddef.h>
#include <stdint.h>

struct tx;

/*
 * Material planning (plan.c, MRP-lite): what to make and what to buy, by
 * product, warehouse and date, so that confirmed sales orders ship on
 * their promised dates and no product falls under its minimum.
 *
 * Each product and warehouse is netted once, level by level (a
 * product's low-level code: the deepest it sits in any default BOM), so
 * a component used at two depths is netted with all of its demand:
 *
 *	starts with	on hand - reserved + what open sales orders hold
 *			(their demand is counted on its date instead)
 *	demand		sales orders confirmed or shipped in part: what is
 *			left to ship, on the promised shipment date (else
 *			the order's date); draft production orders: their
 *			components, on the planned start; the proposals
 *			to make of the levels above: their components, on
 *			their start
 *	supply		purchase orders, drafts included: what is still to
 *			come, on the expected date (else the order's);
 *			production orders not done, drafts included: what
 *			is still to make, on the planned finish (else the
 *			start, else the order's date)
 *
 * A date in the past counts as today, and what it asks for is late.
 * Walking the dates in order (supply of a day before its demand), when
 * the balance falls under the minimum (stock_limits; 0 without one) a
 * proposal brings it back: up to the maximum when the product has a
 * minimum (the reorder rule of purchase.c), else to zero; rounded up to
 * the product's unit and, bought, to the supplier's minimum order.
 * What has a default BOM is made: its start is the need date less its
 * lead time, ceil(hours per yield x qty / yield / the work centre's
 * hours a day) of the work centre's working days (without a work
 * centre: 8 hours a day, every day); the rest is bought from the
 * product's default supplier, ordered its lead time (the supplier
 * price's, else the supplier's) in calendar days before the need date,
 * at its supplier price (po_supplier_terms).  A start or order date
 * before today becomes today and the proposal is late.  Demand and supply
 * after the horizon are left out.  Disassembly orders and services are
 * not planned.
 *
 * The proposals come in the order: level, SKU, warehouse code, need date.
 * Drafts count as supply, so planning again after applying proposes
 * nothing.
 */

enum plan_action {
	PLAN_MAKE,
	PLAN_BUY
};

struct plan_line {
	enum plan_action	 action;
	int			 level;		/* the low-level code */
	uint64_t		 product, warehouse;
	uint64_t		 bom;		/* make: its default BOM */
	uint64_t		 supplier;	/* buy: 0 when it has none */
	uint64_t		 sales_order;	/* when for one order only */
	char			*sku, *name, *unit;
	char			*wh;		/* the warehouse's code */
	char			*supplier_code;	/* NULL: none */
	char			*for_;		/* "SO-..., SO-..." or "" */
	int			 min;		/* for the minimum too */
	int64_t			 qty;		/* thousandths */
	int64_t			 need;		/* YYYYMMDD */
	int64_t			 start;		/* make: start; buy: order */
	int64_t			 price;		/* buy: kopecks a unit */
	int			 late;
};

struct plan {
	int64_t			 today, end;	/* the horizon: today..end */
	struct plan_line	*v;
	size_t			 n;
};

#define PLAN_HORIZON	14	/* days, by default */

/* The proposals as of today for horizon days (> 0); *out is the
 * caller's (plan_free). */
int	 plan_run(struct tx *, int64_t today, int horizon, struct plan **out,
	     char **cause);
void	 plan_free(struct plan *);
/* A proposal's key, which names it to plan_apply: "make:SKU:WH:20261207"
 * (the caller's). */
char	*plan_key(const struct plan_line *);
/*
 * Make the drafts of the proposals (those whose keys are in keys, or
 * all when keys is NULL), in the caller's transaction: a production
 * order per make, a purchase order per supplier and warehouse (its lines
 * the products bought, expected on the earliest need date).  A proposal
 * without a supplier is passed over (*skipped).  *codes: the numbers
 * made, in order (the caller's, each and the array).
 */
int	 plan_apply(struct tx *, const struct plan *, char *const *keys,
	     size_t nkeys, char ***codes, size_t *ncodes, size_t *skipped,
	     char **cause);

/*
 * Available to promise: when qty of product will be free at warehouse
 * (0: all warehouses).  *date: today when on hand - reserved covers it;
 * else the first date on which open production (not done, drafts
 * included, by planned finish) and purchase orders (not received,
 * drafts included, by expected date) bring enough; 0 when they never
 * do.  *free: on hand - reserved now.
 */
int	 plan_atp(struct tx *, uint64_t product, uint64_t warehouse,
	     int64_t qty, int64_t *date, int64_t *free);

#endif
