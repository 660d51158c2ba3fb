#ifndef KONTOR_MODEL_SALES_H
#define KONTOR_MODEL_SALES_H

#include <stddef.h>
#include <stdint.h>

#include "model/pricing.h"

struct entity_def;
struct record;
struct tx;

/*
 * The sales documents (sales.c): quotes, sales orders that reserve,
 * shipments (the sale) and customer returns.  Everything runs inside the
 * caller's transaction; errline, when not NULL, gets the number of the
 * document line a refusal is about (0: the document).
 *
 * An order line keeps what it holds reserved (so_lines.reserved): the
 * order's confirmation reserves every line's quantity, a shipment
 * releases what it ships, an edit of a confirmed order reserves or
 * releases the difference, a cancel releases the rest.  The stock rows'
 * reserved is therefore the reservations in force plus the open orders'
 * lines' reserved, which kontor check proves.
 */

/* The kinds of sales document. */
enum sales_kind {
	SALES_QUOTE,
	SALES_ORDER,
	SALES_SHIPMENT,
	SALES_RETURN,
	SALES_INVOICE,
	SALES_NONE = -1
};

/* The kind of a header or lines entity, or SALES_NONE. */
enum sales_kind	 sales_kind_of(const struct entity_def *);
/* Its header and lines entities. */
const struct entity_def	*sales_header(enum sales_kind);
const struct entity_def	*sales_lines(enum sales_kind);
/* The kind a document number names by its prefix (QT-, SO-, SHP-,
 * RET-), or SALES_NONE. */
enum sales_kind	 sales_kind_of_code(const char *);

/*
 * The refusal of a shipment past what was ordered without POST_OVER
 * (model/stock.h), untranslated: "over-shipment: SKU: 12 shipped against
 * 10 ordered; confirm to ship more".  Confirmed, the order line's
 * quantity grows to what was shipped.
 */
extern const char	 sales_over_shipment[];

/*
 * What the order-entry screen shows for a line as it is typed: the
 * price (pricing_price over the customer's price list valid on the
 * date, the product's sale price, the customer's discount, a typed
 * price), the line's amounts, the warning of a price below cost, and
 * the stock of the product at the warehouse.
 */
struct sales_price_query {
	uint64_t	 customer;	/* 0: none yet */
	uint64_t	 product;
	uint64_t	 warehouse;	/* 0: no stock wanted */
	int64_t		 date;		/* 0: today */
	int64_t		 qty;
	int64_t		 typed_price;	/* -1: none */
	int64_t		 typed_discount; /* -1: none */
	int		 vat_included;	/* -1: as the customer's list */
};
struct sales_price {
	struct pricing_result	 r;
	int			 rate;		/* the product's VAT */
	int			 vat_included;	/* as the document's */
	int64_t			 cost;		/* purchase cost, or -1 */
	int64_t			 on_hand, reserved, available;
	/* Short (available < qty): when it will be (plan_atp: YYYYMMDD,
	 * 0: no supply); else -1. */
	int64_t			 atp;
};
int	 sales_price(struct tx *, const struct sales_price_query *,
	     struct sales_price *, char **cause);

/*
 * Save a document's header (insert, or update over rev) and, with
 * replace, its lines instead of the stored ones: a line with the id of a
 * stored line updates it (a confirmed order re-reserves the
 * difference), one without is added, a stored line not sent is deleted.
 * The header's totals are the sum of its lines.  With replace, each line
 * is checked in memory against the header as it will be and each record
 * written once, the header last (a new one's id taken first).
 */
int	 sales_save(struct tx *, struct record *hdr, uint32_t rev,
	     int replace, struct record **lines, size_t n, int64_t *errline,
	     char **cause);
/*
 * A new document and its lines (an import's; an order saved and
 * confirmed in one request): the header checked and its id taken, the
 * lines checked and priced in memory, then each line written once and
 * the header last, once, with its totals.  flags SAVE_CONFIRM (an
 * order): confirmed in those same writes, as so_confirm would (credit
 * control, past it with POST_CREDIT; every line reserved, all or none,
 * *errline the line short; the lines' reserved, the order's status and
 * who confirmed it).  A refusal leaves nothing written: the caller's
 * transaction is aborted; it names the document by label (an import's
 * "order B": its number is given back), NULL: "the new order".
 */
#define SAVE_CONFIRM	0x10
int	 sales_save_new(struct tx *, struct record *hdr,
	     struct record **lines, size_t n, unsigned flags,
	     const char *label, int64_t *errline, char **cause);
/*
 * An order saved with its lines (replacing the stored ones) and confirmed
 * in one transaction (op "sales" save with post): a new one as
 * sales_save_new does it; a stored draft the same way, over rev, its lines
 * read once, each record written once (a line not sent deleted); any
 * other as sales_save, then so_confirm (which refuses it).  flags:
 * POST_CREDIT or 0.
 */
int	 so_save_confirm(struct tx *, struct record *hdr, uint32_t rev,
	     struct record **lines, size_t n, unsigned flags,
	     int64_t *errline, char **cause);
/* Delete a draft and its lines. */
int	 sales_delete(struct tx *, enum sales_kind, uint64_t id, char **cause);
/* A header's net, VAT and gross as the sums of its lines. */
int	 sales_totals(struct tx *, enum sales_kind, uint64_t id, char **cause);

#define POST_CREDIT	0x02	/* confirm past credit control (a manager's
				   override, which the order records) */
/* draft -> confirmed: every line reserved, all or none; credit control
 * (money.c) first. */
int	 so_confirm(struct tx *, uint64_t so, unsigned flags, int64_t *errline,
	     char **cause);
/* The invoice of an order (its lines, as ordered); *inv is its id. */
int	 invoice_make(struct tx *, uint64_t so, uint64_t *inv, char **cause);
/* An invoice nothing is paid of is cancelled. */
int	 invoice_cancel(struct tx *, uint64_t inv, char **cause);
/* Release what is still reserved: cancelled (nothing shipped) or closed
 * (a part shipped); close does it for a shipped or partly shipped one. */
int	 so_cancel(struct tx *, uint64_t so, char **cause);
int	 so_close(struct tx *, uint64_t so, char **cause);
/* The shipment draft of what is left to ship; *shp is its id. */
int	 so_ship(struct tx *, uint64_t so, uint64_t *shp, char **cause);
/* The same shipped and posted in one go (kontor ship SO --post): the
 * shipment, its lines and the order written once each, posted; flags and
 * *errline as shipment_post's. */
int	 so_ship_post(struct tx *, uint64_t so, unsigned flags, uint64_t *shp,
	     int64_t *errline, char **cause);
/* The same dated date (YYYYMMDD; 0: today): the demo's past shipments. */
int	 so_ship_post_on(struct tx *, uint64_t so, int64_t date,
	     unsigned flags, uint64_t *shp, int64_t *errline, char **cause);
/* Post a shipment: the goods leave against the order's reservation; a
 * product kept by lots from the lot its line names, else first to expire
 * first (stock_posting_issue), and the line keeps the lots it took. */
int	 shipment_post(struct tx *, uint64_t shp, unsigned flags,
	     int64_t *errline, char **cause);
/* A return of qty of product against a posted shipment, into lot (NULL:
 * the shipment's lots, last to expire first), posted unless draft; *ret
 * is its id. */
int	 return_make(struct tx *, uint64_t shp, uint64_t product, int64_t qty,
	     const char *lot, const char *reason, int draft, uint64_t *ret,
	     int64_t *errline, char **cause);
/* Post a return: the goods come back at the cost they left with, into
 * the lots the shipment took them from. */
int	 return_post(struct tx *, uint64_t ret, int64_t *errline,
	     char **cause);
/* A quote's action: send, accept, reject, expire; order makes the
 * order draft of it (*so).  A quote past its valid_until is accepted or
 * ordered only with POST_OVER (the clerk asked and said yes); else the
 * refusal ends with QUOTE_EXPIRED_ANYWAY. */
int	 quote_action(struct tx *, uint64_t quote, const char *action,
	     unsigned flags, uint64_t *so, char **cause);
#define QUOTE_EXPIRED_ANYWAY	N_("it may be accepted anyway")

#endif
