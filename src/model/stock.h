#ifndef KONTOR_MODEL_STOCK_H
#define KONTOR_MODEL_STOCK_H

#include <stddef.h>
#include <stdint.h>

struct entity_def;
struct record;
struct tx;

/*
 * Stock documents, their posting and reversal (stock.c), purchase
 * orders and reorder planning (purchase.c).  Everything runs inside the
 * caller's transaction; errline, when not NULL, gets the number of the
 * document line a refusal is about (0: the document).
 */

struct ids {
	uint64_t	*v;
	size_t		 n;
};

#define POST_OVER	0x01	/* receive more than a PO line asks */
/*
 * The refusal of an over-receipt without POST_OVER (untranslated: _()
 * where used): "over-receipt: SKU: 12 received against 10 ordered; ...".
 * A client asks the clerk and sends again; the server tells it which
 * refusal this is by its start (request.c).
 */
extern const char	 stock_over_receipt[];

/* Post a draft (or let a transfer in transit arrive). */
int	 stock_post(struct tx *, uint64_t doc, unsigned flags,
	     int64_t *errline, char **cause);
/*
 * A new document saved and posted in one go (doc_save): stock_fresh(1)
 * before the header's save makes it posted at once, stock_fresh_doc(id)
 * after it lets its lines in, stock_post_saved() posts it from the
 * lines as saved, and stock_fresh(0) ends it, on every way out.
 * stock_fresh(2): the same, numbered by the caller once posted.
 */
void	 stock_fresh(int);
void	 stock_fresh_doc(uint64_t);
/* Before such a document's header is saved (and stock_fresh(1)): its
 * lines' products found and read, and a receipt's payable summed as the
 * posting will sum it, for the header's save to hold (so the header is
 * written once).  ST_*. */
int	 stock_fresh_lines(struct tx *, const struct record *hdr,
	     struct record **, size_t);
int	 stock_post_saved(struct tx *, uint64_t doc, struct record **,
	     size_t, unsigned flags, int64_t *errline, char **cause);
/* Reverse a posted document; *newid is the reversal (a reservation is
 * released instead, and *newid is the reservation itself). */
int	 stock_reverse(struct tx *, uint64_t doc, uint64_t *newid,
	     char **cause);
/*
 * Whether a product is kept in stock: a service (products.kind) is not.
 * It has no stock rows, reservations, moves or lots: the postings below
 * pass over it (nothing reserved or moved, at no cost), a receipt owes
 * for it without a move, and every other stock document refuses it.
 * stock_kept: of a product by id (one that does not exist: kept).
 */
int	 stock_product_kept(const struct record *prod);
/*
 * The field of a stock move (its position) that names the document it
 * came from: doc (a stock document), else shipment, cust_return or
 * production, whichever is set; -1 if none is.  Every list, report and
 * screen that shows a move's document shows this one.
 */
int	 stock_move_doc(const struct record *move);
int	 stock_kept(struct tx *, uint64_t pid, int *kept);
/* Add q (signed) to on order of a product in a warehouse. */
int	 stock_on_order(struct tx *, uint64_t product, uint64_t wh,
	     int64_t q, char **cause);
/* A purchase order's status from its lines: sent, partial, received. */
int	 stock_po_status(struct tx *, uint64_t po, char **cause);
/* The next document number of a type in date's year: RCP-2026-000001. */
int	 stock_number(struct tx *, const char *type, int64_t date,
	     char **code);
/* The lines of a stock document (stock_lines) or purchase order
 * (po_lines), in line order. */
int	 stock_lines_of(struct tx *, const struct entity_def *, uint64_t,
	     struct record ***, size_t *);
void	 stock_rows_free(struct record **, size_t);
/* The highest line number of a document's lines (0: none yet). */
int	 stock_max_line(struct tx *, const struct entity_def *, uint64_t doc,
	     int64_t *);
/* Whether stock document id may be deleted (a draft): before its lines
 * go, so that a posted one is refused as a document, not by a line. */
int	 stock_doc_deletable(struct tx *, uint64_t id, char **cause);
/* The ids of e's records whose field holds key (ids->v is the caller's;
 * none on failure). */
int	 stock_ids(struct tx *, const struct entity_def *, const char *field,
	     uint64_t key, int rmw, struct ids *);
/* The key of the stock row of a product in a warehouse: "12:3". */
void	 stock_key(uint64_t product, uint64_t wh, char *, size_t);
/* A tx_find_each() callback adding each id to a struct ids. */
int	 stock_collect_id(struct tx *, uint64_t, void *ids);
int64_t	 stock_today(void);
/* a * b / c rounded half away from zero, without overflow. */
int64_t	 stock_muldiv(int64_t, int64_t, int64_t);

/*
 * A posting of another module's document (the sales documents of
 * sales.c): moves and reservations over the same write-locked stock rows
 * and the same moving-average cost as stock_post, in the caller's
 * transaction.  Each move names its document in the ledger's docfield
 * ("shipment", "cust_return").  Refusals ("SKU-1001 at MAIN: 3
 * available, 5 requested": the warehouse by its code, as sales files and
 * screens name it) go to *cause, and the line set last with
 * stock_posting_line to *errline.
 */
struct stock_posting;
struct stock_posting *stock_posting_new(struct tx *, int64_t date,
	     const char *docfield, uint64_t docid, int64_t *errline,
	     char **cause);
void	 stock_posting_line(struct stock_posting *, int64_t line);
/* Lock the products' stock rows, smallest id first (call before any
 * other use, with every product the posting touches). */
int	 stock_posting_lock(struct stock_posting *, const uint64_t *pids,
	     size_t n);
/* Reserve q (> 0: refused past what is available) or release (< 0).
 * Of a service, nothing: the moves and issues below move none of it
 * either (*posted 0, *taken NULL). */
int	 stock_posting_reserve(struct stock_posting *, uint64_t pid,
	     uint64_t wid, int64_t q);
/* *kept: whether pid is kept in stock (stock_kept), from the product
 * the posting read already (a service: 0).  ST_*. */
int	 stock_posting_kept(struct stock_posting *, uint64_t pid, int *kept);
/* A move of q (signed): out at the warehouse's average cost (value
 * INT64_MIN) and refused past what is available, or in at value
 * (kopecks; INT64_MIN: the average).  *posted: the value moved, signed. */
int	 stock_posting_move(struct stock_posting *, const char *kind,
	     uint64_t pid, uint64_t wid, int64_t q, int64_t value,
	     int64_t *posted);
/* What may still leave wid of pid in this posting (on hand - reserved,
 * as the posting has left them; INT64_MAX at a warehouse that allows
 * negative stock). */
int	 stock_posting_available(struct stock_posting *, uint64_t pid,
	     uint64_t wid, int64_t *avail);
/* The unit cost (kopecks) pid would leave wid at now: that warehouse's
 * average, else (wid 0, or none there) the product's over all
 * warehouses, else its purchase price. */
int	 stock_posting_cost(struct stock_posting *, uint64_t pid, uint64_t wid,
	     int64_t *cost);
/* The same with the lot on the move (NULL: none) and its expiry
 * (YYYYMMDD, 0: none).  Out of a product kept by lots, refused past what
 * the lot holds at the warehouse ("SKU-1001 lot L1 at MAIN: 2 available,
 * 3 requested"). */
int	 stock_posting_move_lot(struct stock_posting *, const char *kind,
	     uint64_t pid, uint64_t wid, int64_t q, int64_t value,
	     const char *lot, int64_t expiry, int64_t *posted);
/*
 * q (> 0) leaving wid at the average cost.  A product kept by lots
 * leaves from lot when one is named (refused past what it holds there),
 * else first to expire first over its lots there (stock_lots), one move
 * per lot, refused when together they hold less ("SKU-1001 at MAIN: its
 * lots hold 4 (L1 3, L2 1), 5 requested").  Any other product leaves as
 * from stock_posting_move, with lot on its move when one is named.
 * *taken: the lots it left from, in that order ("L1" or "L1, L2"; NULL:
 * none), the caller's to free; *posted: the value moved (negative).
 */
int	 stock_posting_issue(struct stock_posting *, const char *kind,
	     uint64_t pid, uint64_t wid, int64_t q, const char *lot,
	     char **taken, int64_t *posted);
/* Write the stock rows (when rc is ST_OK) and free; rc or the write's. */
int	 stock_posting_end(struct stock_posting *, int rc);
/*
 * A lot of a product at a warehouse: what is left of it (the sum of its
 * moves there) and when it expires (the newest of its moves that says
 * so: YYYYMMDD, 0: never said).
 */
struct stock_lot {
	char		*lot;
	int64_t		 qty;
	int64_t		 expiry;
};
/* The lots of pid at wid with something left, first to expire first
 * (stock_lot_cmp); *v is the caller's (stock_lots_free). */
int	 stock_lots(struct tx *, uint64_t pid, uint64_t wid,
	     struct stock_lot **v, size_t *n);
void	 stock_lots_free(struct stock_lot *, size_t);
/* First to expire first: by expiry, the lots that never expire after
 * those that do, then by name (a qsort comparison of struct stock_lot). */
int	 stock_lot_cmp(const void *, const void *);
/* On hand and reserved of a product in a warehouse (0 when none). */
int	 stock_level(struct tx *, uint64_t pid, uint64_t wid, int64_t *on_hand,
	     int64_t *reserved);

/* purchase.c */
/* Send a draft: its lines on order, its total (without VAT) and gross
 * (with it) set. */
int	 po_send(struct tx *, uint64_t po, char **cause);
/* What a purchase order's lines come to: *total without VAT, *gross with
 * the VAT of each line at its product's rate, as a receipt of the same
 * lines makes the firm owe (its payable). */
int	 po_amounts(struct tx *, uint64_t po, int64_t *total, int64_t *gross);
int	 po_close(struct tx *, uint64_t po, char **cause);
/* A receipt draft for what a sent order still expects. */
int	 po_receive(struct tx *, uint64_t po, uint64_t *doc, char **cause);
/* Draft orders for the reorder proposals, one per default supplier;
 * *made is how many, *codes their numbers (the caller frees each and
 * the array; NULL unless ST_OK). */
int	 po_reorder(struct tx *, char ***codes, uint64_t *made,
	     char **cause);
/* A reorder proposal: a product under its minimum in a warehouse. */
struct reorder_line {
	uint64_t	 product, warehouse;
	uint64_t	 supplier;	/* the product's default, or 0 */
	int64_t		 available;	/* on hand - reserved */
	int64_t		 on_order;
	int64_t		 drafted;	/* on draft orders already */
	int64_t		 min, max;
	int64_t		 qty;		/* to order */
};
/* The proposals, in the order of the stock limits; caller frees *v. */
int	 po_plan(struct tx *, struct reorder_line **v, size_t *n);
/*
 * What sup asks for pid: *price its supplier price, else the product's
 * purchase price; *lead (NULL: not wanted) the days it takes, the
 * supplier price's lead time, else the supplier's, else 0; *minq
 * (NULL: not wanted) its minimum order, 0 when none.
 */
int	 po_supplier_terms(struct tx *, uint64_t sup, uint64_t pid,
	     int64_t *price, int64_t *lead, int64_t *minq);

#endif
