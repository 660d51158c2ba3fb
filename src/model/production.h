#ifndef KONTOR_MODEL_PRODUCTION_H
#define KONTOR_MODEL_PRODUCTION_H

#include <stddef.h>
#include <stdint.h>

struct model_def;
struct tx;

/*
 * Production (production.c): work centres, bills of materials and
 * production orders, over issue 4's stock ledger.  Everything runs inside
 * the caller's transaction.
 *
 * Quantities are thousandths, money kopecks, a scrap share thousandths of
 * a per cent (5 % is 5000).  What a component takes for m units of a BOM
 * that yields y, at q per yield and scrap s:
 *
 *	need(m) = m * q * (100 % + s) / y, rounded UP to the component's
 *		  unit (its decimals: whole pieces unless it says more)
 *
 * and what a disassembly gives back: m * q * (100 % - s) / y, rounded
 * DOWN to the unit.  A completion of n after m were made takes
 * need(m + n) - need(m), so the parts always add up to need of the whole
 * however it is split; what an order still holds reserved is need(qty) -
 * need(made), which kontor check proves.  Labour works the same way:
 * L(m) = rate * hours * m / y to the kopeck (half up), a completion's
 * labour L(m + n) - L(m).
 *
 * The cost of what a completion makes is the value of the components it
 * took, each at the moving average of its warehouse at that moment (the
 * ledger's own rule), plus its labour: exact to the kopeck, nothing
 * rounded.  A disassembly gives its product's value plus labour to the
 * components in the shares of their value (quantity x the component's
 * average cost, else its purchase price; by quantity when none has a
 * cost), each share rounded half up to the kopeck and the remainder put
 * on the last component that comes out, so the values add up exactly.
 * A variance (actual - standard quantity, typed on a completion with a
 * reason) is valued at the component's unit cost of that moment.
 */

/* need(m) above: rounded up (gives back: down) to a unit of step
 * thousandths (1000: whole units). */
int64_t	 prod_need(int64_t m, int64_t per, int64_t scrap, int64_t yield,
	     int64_t step);
int64_t	 prod_gives(int64_t m, int64_t per, int64_t scrap, int64_t yield,
	     int64_t step);
/* L(m) above. */
int64_t	 prod_labour(int64_t m, int64_t rate, int64_t hours, int64_t yield);
/* The step of a product's quantities (its decimals: 1000 for whole
 * units, 1 for thousandths). */
int	 prod_step(struct tx *, uint64_t product, int64_t *step);

/* The default BOM of a product; 0 when it has none. */
int	 bom_default(struct tx *, uint64_t product, uint64_t *bom);
/*
 * Whether component may go into a BOM of product: ST_INVALID with the
 * path in *cause when it would contain itself at any depth, through any
 * version of any BOM ("SKU-A would contain itself: SKU-A → SKU-B →
 * SKU-C → SKU-A").  skip_line: a BOM line not to follow (the one being
 * changed), or 0.
 */
int	 bom_cycle_check(struct tx *, uint64_t product, uint64_t component,
	     uint64_t skip_line, char **cause);

/*
 * The multi-level explosion of qty of product by bom (0: its default),
 * depth first in line order: node 0 is the product itself (depth 0),
 * then each component at depth 1 with what qty of the product needs of
 * it, followed by its own components (through its default BOM) at depth
 * 2, and so on.  A component without a BOM is bought: a leaf.  *v is the
 * caller's to free.
 */
struct bom_node {
	int		 depth;
	uint64_t	 product;
	uint64_t	 bom;		/* the BOM it is made by; 0: a leaf */
	uint64_t	 line;		/* the bom_lines record it comes from
					   (0: the top) */
	int64_t		 per;		/* that line's quantity per yield */
	int64_t		 scrap;		/* and scrap */
	int64_t		 qty;		/* needed, for qty of the top */
};
int	 bom_explode(struct tx *, uint64_t product, uint64_t bom, int64_t qty,
	     struct bom_node **v, size_t *n, char **cause);

/* A production order's actions (src/server/ops-production.c). */
/* draft -> released: the lines copied from its BOM, the components (a
 * disassembly: the product) reserved, all of them or none; a refusal
 * names every one short with what it needs and what is available. */
int	 mo_release(struct tx *, uint64_t mo, char **cause);
/* Actual consumption typed on a completion (instead of the BOM's). */
struct mo_consume {
	uint64_t	 product;
	int64_t		 qty;		/* >= 0 */
};
/*
 * n more made (taken apart) on date (0: today), in one posting: the
 * components out of the components warehouse and the product into the
 * finished goods warehouse (a disassembly the other way), the ledger
 * moves linked to the order, its reservations taken down by what the
 * BOM says n takes; *completion is the mo_completions record.  With
 * consume, those components' actual quantities; reason is then
 * required.
 */
int	 mo_produce(struct tx *, uint64_t mo, int64_t n,
	     const struct mo_consume *consume, size_t nconsume,
	     const char *reason, int64_t date, uint64_t *completion,
	     char **cause);
/* Release what is still reserved: closed (released, in progress, done),
 * or cancelled (a draft, or released with nothing made). */
int	 mo_close(struct tx *, uint64_t mo, char **cause);
int	 mo_cancel(struct tx *, uint64_t mo, char **cause);

/*
 * kontor import boms: one row per component; the rows of a product and
 * version make one BOM (made, or the one there with its lines replaced).
 * Cells as typed (NULL: the column is not in the file).  *errline: the
 * row a refusal is about.
 */
enum bom_col {
	BC_PRODUCT, BC_VERSION, BC_YIELD, BC_COMPONENT, BC_QUANTITY,
	BC_SCRAP, BC_WORK_CENTRE, BC_HOURS, BC_NOTES, BC_NCOLS
};
extern const char *const bom_columns[];	/* BC_NCOLS names, NULL-ended */
struct bom_row {
	int64_t		 line;
	const char	*cell[BC_NCOLS];
};
int	 bom_import(struct tx *, const struct bom_row *, size_t n,
	     size_t *nboms, int64_t *errline, char **cause);

/* demo_production.c: the demo company's assembly shop, BOMs and orders
 * (after its stock and sales). */
int	 model_demo_production(struct tx *, char **cause);

extern const struct model_def model_work_centres;
extern const struct model_def model_boms;
extern const struct model_def model_bom_lines;
extern const struct model_def model_production_orders;

#endif
