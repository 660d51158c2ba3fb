/*
 * The posting rules of stock documents and purchase orders
 * (src/model/stock.c, src/model/purchase.c) over a real store in a fresh
 * temporary home.  One table of cases, run in order, each building on
 * the stock the earlier ones left: a document made and posted (or an
 * action on an earlier one), the result code, the refusal a clerk reads,
 * the line it names, the status afterwards and the on hand, reserved, on
 * order and value of product x warehouse.  Afterwards the store's own
 * checks (on hand = the sum of the moves for every pair, reserved = the
 * reservations in force, on order = the open orders) must hold, and must
 * notice a balance that drifted from its ledger.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <ftw.h>
#include <unistd.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "model/model.h"
#include "model/stock.h"
#include "tests/model/mtest.h"
#include "xmalloc.h"

#define NITEMS(a)	(sizeof (a) / sizeof (a)[0])
#define LOGIN		MT_LOGIN

/* --- the table ---------------------------------------------------------- */

enum act {
	NEW,		/* make a stock document (a draft), then post it */
	POST,		/* post ref again (a transfer arrives; or refused) */
	REVERSE,	/* reverse ref; name is the reversal */
	PO_SEND,	/* make a purchase order of the lines, then send it */
	PO_RECEIVE,	/* a receipt draft for what ref still expects, posted */
	PO_CLOSE,	/* close ref */
	ADD_LINE,	/* add the first line to ref */
};

struct lspec {
	const char	*sku;
	const char	*qty;
	const char	*cost;		/* unit_cost (PO: price); NULL: none */
	const char	*wh;		/* the line's own warehouses */
	const char	*to;
	const char	*type;		/* batch lines */
};

/* Expected balances: NULL sku ends the list.  A pair with no stock row
 * yet reads as all zero. */
struct sspec {
	const char	*sku;
	const char	*wh;
	const char	*on_hand;
	const char	*reserved;
	const char	*on_order;
	const char	*value;
};

struct pcase {
	const char	*what;
	enum act	 act;
	const char	*name;		/* names the document made here */
	const char	*ref;		/* the earlier document acted on */
	const char	*type;
	const char	*wh;
	const char	*to;
	const char	*reason;
	const char	*against;	/* an earlier reservation */
	const char	*po;		/* an earlier purchase order */
	struct lspec	 lines[4];
	unsigned	 flags;
	int		 rc;
	const char	*cause;		/* substring of the refusal */
	int64_t		 errline;
	const char	*status_of;	/* default: name, else ref */
	const char	*status;
	const char	*book;		/* book_qty of line 1 afterwards */
	const char	*prefix;	/* of the code of name */
	struct sspec	 after[3];
};

#define S(sku, wh, oh, rs, oo, val)	{ sku, wh, oh, rs, oo, val }

static const struct pcase cases[] = {
	/* Receipts: at the line's cost, else the purchase price. */
	{ "receipt at a given cost", NEW, "rcp1", NULL, "receipt", "MAIN",
	  .lines = { { "SKU-1001", "10", "12.00" } },
	  .status = "posted",
	  .after = { S("SKU-1001", "MAIN", "10", "0", "0", "120.00") } },
	{ "receipt without a cost: the purchase price", NEW, NULL, NULL,
	  "receipt", "MAIN",
	  .lines = { { "SKU-1001", "5" } },
	  .after = { S("SKU-1001", "MAIN", "15", "0", "0", "170.00") } },

	/* Issues: never below available. */
	{ "issue beyond on hand refused", NEW, "iss-short", NULL, "issue",
	  "MAIN",
	  .lines = { { "SKU-1001", "20" } },
	  .rc = ST_INVALID,
	  .cause = "SKU-1001 at MAIN: 15 available, 20 requested",
	  .errline = 1, .status = "draft",
	  .after = { S("SKU-1001", "MAIN", "15", "0", "0", "170.00") } },
	{ "a refused document posts none of its lines", NEW, NULL, NULL,
	  "issue", "MAIN",
	  .lines = { { "SKU-1001", "3" }, { "SKU-1001", "13" } },
	  .rc = ST_INVALID,
	  .cause = "SKU-1001 at MAIN: 12 available, 13 requested",
	  .errline = 2,
	  .after = { S("SKU-1001", "MAIN", "15", "0", "0", "170.00") } },
	{ "issue at the moving average (170.00 / 15 = 11.33)", NEW, NULL, NULL,
	  "issue", "MAIN",
	  .lines = { { "SKU-1001", "3" } },
	  .status = "posted",
	  .after = { S("SKU-1001", "MAIN", "12", "0", "0", "136.01") } },
	{ "a fraction of a whole-unit product refused", NEW, NULL, NULL,
	  "issue", "MAIN",
	  .lines = { { "SKU-1001", "1.5" } },
	  .rc = ST_INVALID,
	  .cause = "SKU-1001 is counted in whole pcs, got 1,5",
	  .errline = 1,
	  .after = { S("SKU-1001", "MAIN", "12", "0", "0", "136.01") } },
	{ "a fraction of a product kept in kg", NEW, "rcp-kg", NULL,
	  "receipt", "MAIN",
	  .lines = { { "SKU-1002", "2.5", "100.00" } },
	  .after = { S("SKU-1002", "MAIN", "2.5", "0", "0", "250.00") } },
	{ "a receipt of nothing refused", NEW, NULL, NULL, "receipt", "MAIN",
	  .lines = { { "SKU-1002", "0", "100.00" } },
	  .rc = ST_INVALID,
	  .cause = "SKU-1002: quantity 0: more than 0 expected", .errline = 1,
	  .after = { S("SKU-1002", "MAIN", "2.5", "0", "0", "250.00") } },
	{ "a document without lines refused", NEW, NULL, NULL, "receipt",
	  "MAIN",
	  .rc = ST_INVALID, .cause = "has no lines" },

	/* Reservations take stock out of available. */
	{ "reservation", NEW, "rsv1", NULL, "reservation", "MAIN",
	  .lines = { { "SKU-1001", "10" } },
	  .status = "posted",
	  .after = { S("SKU-1001", "MAIN", "12", "10", "0", "136.01") } },
	{ "reservation beyond available refused", NEW, NULL, NULL,
	  "reservation", "MAIN",
	  .lines = { { "SKU-1001", "5" } },
	  .rc = ST_INVALID,
	  .cause = "SKU-1001 at MAIN: 2 available, 5 requested", .errline = 1,
	  .after = { S("SKU-1001", "MAIN", "12", "10", "0", "136.01") } },
	{ "an issue may not take reserved stock", NEW, NULL, NULL, "issue",
	  "MAIN",
	  .lines = { { "SKU-1001", "5" } },
	  .rc = ST_INVALID,
	  .cause = "SKU-1001 at MAIN: 2 available, 5 requested", .errline = 1,
	  .after = { S("SKU-1001", "MAIN", "12", "10", "0", "136.01") } },
	{ "issue against the reservation releases it", NEW, NULL, NULL,
	  "issue", "MAIN", .against = "rsv1",
	  .lines = { { "SKU-1001", "4" } },
	  .status_of = "rsv1", .status = "closed",
	  .after = { S("SKU-1001", "MAIN", "8", "0", "0", "90.69") } },
	{ "a closed reservation is not issued against again", NEW, NULL,
	  NULL, "issue", "MAIN", .against = "rsv1",
	  .lines = { { "SKU-1001", "1" } },
	  .rc = ST_INVALID,
	  .cause = "is not a reservation in force (reservation closed)",
	  .after = { S("SKU-1001", "MAIN", "8", "0", "0", "90.69") } },

	/* Transfers: out, in transit, then in at the same value. */
	{ "transfer leaves: in transit", NEW, "trf1", NULL, "transfer",
	  "MAIN", "SHOP",
	  .lines = { { "SKU-1001", "3" } },
	  .status = "in_transit",
	  .after = { S("SKU-1001", "MAIN", "5", "0", "0", "56.67"),
	      S("SKU-1001", "SHOP", "0", "0", "0", "0.00") } },
	{ "transfer arrives", POST, NULL, "trf1",
	  .status = "posted",
	  .after = { S("SKU-1001", "MAIN", "5", "0", "0", "56.67"),
	      S("SKU-1001", "SHOP", "3", "0", "0", "34.02") } },
	{ "an arrived transfer is not posted again", POST, NULL, "trf1",
	  .rc = ST_INVALID,
	  .cause = "is posted already; a posted document is corrected by "
	  "reversing it",
	  .status = "posted",
	  .after = { S("SKU-1001", "SHOP", "3", "0", "0", "34.02") } },
	{ "transfer into its own warehouse refused", NEW, NULL, NULL,
	  "transfer", "MAIN", "MAIN",
	  .lines = { { "SKU-1001", "1" } },
	  .rc = ST_INVALID,
	  .cause = "column 'to_warehouse': the same as the warehouse" },
	{ "transfer without a destination refused", NEW, NULL, NULL,
	  "transfer", "MAIN",
	  .lines = { { "SKU-1001", "1" } },
	  .rc = ST_INVALID,
	  .cause = "column 'to_warehouse': a value is required",
	  .errline = 1, .status = "draft" },
	{ "a transfer line bound elsewhere than its document refused", NEW,
	  NULL, NULL, "transfer", "MAIN", "SHOP",
	  .lines = { { "SKU-1001", "1", .to = "NEG" } },
	  .rc = ST_INVALID,
	  .cause = "column 'to_warehouse': a transfer arrives at its "
	  "document's to_warehouse", .errline = 1, .status = "draft",
	  .after = { S("SKU-1001", "MAIN", "5", "0", "0", "56.67"),
	      S("SKU-1001", "NEG", "0", "0", "0", "0.00") } },
	{ "transfer whose line names the destination too: in transit", NEW,
	  "trf-line", NULL, "transfer", "MAIN", "SHOP",
	  .lines = { { "SKU-1001", "1", .to = "SHOP" } },
	  .status = "in_transit",
	  .after = { S("SKU-1001", "MAIN", "4", "0", "0", "45.34"),
	      S("SKU-1001", "SHOP", "3", "0", "0", "34.02") } },
	{ "... arrives where its line says", POST, NULL, "trf-line",
	  .status = "posted",
	  .after = { S("SKU-1001", "MAIN", "4", "0", "0", "45.34"),
	      S("SKU-1001", "SHOP", "4", "0", "0", "45.35") } },

	/* A warehouse that allows negative stock. */
	{ "issue in an allow_negative warehouse goes below zero", NEW, NULL,
	  NULL, "issue", "NEG",
	  .lines = { { "SKU-1005", "5" } },
	  .after = { S("SKU-1005", "NEG", "-5", "0", "0", "-10.00") } },
	{ "receipt into the negative row", NEW, NULL, NULL, "receipt", "NEG",
	  .lines = { { "SKU-1005", "10", "3.00" } },
	  .after = { S("SKU-1005", "NEG", "5", "0", "0", "20.00") } },

	/* Adjustments: signed, with a reason. */
	{ "an adjustment without a reason refused", NEW, NULL, NULL,
	  "adjustment", "MAIN",
	  .lines = { { "SKU-1006", "4" } },
	  .rc = ST_INVALID,
	  .cause = "column 'reason': an adjustment needs a reason",
	  .status = "draft",
	  .after = { S("SKU-1006", "MAIN", "0", "0", "0", "0.00") } },
	{ "adjustment up, at the purchase price", NEW, NULL, NULL,
	  "adjustment", "MAIN", .reason = "найдено при уборке",
	  .lines = { { "SKU-1006", "4" } },
	  .after = { S("SKU-1006", "MAIN", "4", "0", "0", "20.00") } },
	{ "adjustment down", NEW, NULL, NULL, "adjustment", "MAIN",
	  .reason = "бой",
	  .lines = { { "SKU-1006", "-1" } },
	  .after = { S("SKU-1006", "MAIN", "3", "0", "0", "15.00") } },
	{ "adjustment down beyond available refused", NEW, NULL, NULL,
	  "adjustment", "MAIN", .reason = "списание",
	  .lines = { { "SKU-1006", "-5" } },
	  .rc = ST_INVALID,
	  .cause = "SKU-1006 at MAIN: 3 available, 5 requested", .errline = 1,
	  .after = { S("SKU-1006", "MAIN", "3", "0", "0", "15.00") } },
	{ "an adjustment of 0 refused", NEW, NULL, NULL, "adjustment", "MAIN",
	  .reason = "ничего",
	  .lines = { { "SKU-1006", "0" } },
	  .rc = ST_INVALID, .cause = "an adjustment is not 0", .errline = 1 },

	/* Counts: counted against book; repeated lines add up. */
	{ "count: repeated lines add up, the difference is the move", NEW,
	  "cnt1", NULL, "count", "MAIN",
	  .lines = { { "SKU-1006", "4" }, { "SKU-1006", "3" },
	      { "SKU-1001", "4" } },
	  .status = "posted", .book = "3",
	  .after = { S("SKU-1006", "MAIN", "7", "0", "0", "35.00"),
	      S("SKU-1001", "MAIN", "4", "0", "0", "45.34") } },
	{ "count below book", NEW, NULL, NULL, "count", "MAIN",
	  .lines = { { "SKU-1006", "6" } },
	  .book = "7",
	  .after = { S("SKU-1006", "MAIN", "6", "0", "0", "30.00") } },
	{ "adjustment up at its own cost", NEW, NULL, NULL, "adjustment",
	  "MAIN", .reason = "пересорт",
	  .lines = { { "SKU-1006", "2", "8.00" } },
	  .after = { S("SKU-1006", "MAIN", "8", "0", "0", "46.00") } },
	{ "count to nothing takes all the value", NEW, NULL, NULL, "count",
	  "MAIN",
	  .lines = { { "SKU-1006", "0" } },
	  .book = "8",
	  .after = { S("SKU-1006", "MAIN", "0", "0", "0", "0.00") } },
	{ "count of a fraction of pcs refused", NEW, NULL, NULL, "count",
	  "MAIN",
	  .lines = { { "SKU-1006", "2.5" } },
	  .rc = ST_INVALID, .cause = "is counted in whole pcs", .errline = 1,
	  .after = { S("SKU-1006", "MAIN", "0", "0", "0", "0.00") } },
	{ "a negative count refused", NEW, NULL, NULL, "count", "MAIN",
	  .lines = { { "SKU-1006", "-1" } },
	  .rc = ST_INVALID, .cause = "a count is 0 or more", .errline = 1 },

	/* A product kept by lots. */
	{ "a lot product received without a lot refused", NEW, NULL, NULL,
	  "receipt", "MAIN",
	  .lines = { { "SKU-1007", "5", "3.00" } },
	  .rc = ST_INVALID,
	  .cause = "SKU-1007 is kept by lots: column 'lot': a value is "
	  "required", .errline = 1,
	  .after = { S("SKU-1007", "MAIN", "0", "0", "0", "0.00") } },

	/* Moving average cost. */
	{ "receipt of 10 at 10.00", NEW, NULL, NULL, "receipt", "MAIN",
	  .lines = { { "SKU-1003", "10", "10.00" } },
	  .after = { S("SKU-1003", "MAIN", "10", "0", "0", "100.00") } },
	{ "receipt of 10 at 20.00: average 15.00", NEW, NULL, NULL, "receipt",
	  "MAIN",
	  .lines = { { "SKU-1003", "10", "20.00" } },
	  .after = { S("SKU-1003", "MAIN", "20", "0", "0", "300.00") } },
	{ "issue of 4 takes 4 x 15.00", NEW, NULL, NULL, "issue", "MAIN",
	  .lines = { { "SKU-1003", "4" } },
	  .after = { S("SKU-1003", "MAIN", "16", "0", "0", "240.00") } },
	{ "issue of the rest takes all the value", NEW, NULL, NULL, "issue",
	  "MAIN",
	  .lines = { { "SKU-1003", "16" } },
	  .after = { S("SKU-1003", "MAIN", "0", "0", "0", "0.00") } },
	{ "receipt at 10.00 and 10.01", NEW, NULL, NULL, "receipt", "MAIN",
	  .lines = { { "SKU-1003", "1", "10.00" },
	      { "SKU-1003", "2", "10.01" } },
	  .after = { S("SKU-1003", "MAIN", "3", "0", "0", "30.02") } },
	{ "issue of 1 at the rounded average 10.01", NEW, NULL, NULL, "issue",
	  "MAIN",
	  .lines = { { "SKU-1003", "1" } },
	  .after = { S("SKU-1003", "MAIN", "2", "0", "0", "20.01") } },
	{ "emptying the row takes 20.01, not 2 x 10.01", NEW, NULL, NULL,
	  "issue", "MAIN",
	  .lines = { { "SKU-1003", "2" } },
	  .after = { S("SKU-1003", "MAIN", "0", "0", "0", "0.00") } },

	/* Reversal. */
	{ "reversal of a receipt", REVERSE, "rev1", "rcp-kg",
	  .status_of = "rcp-kg", .status = "reversed", .prefix = "REV-",
	  .after = { S("SKU-1002", "MAIN", "0", "0", "0", "0.00") } },
	{ "a reversed document is not reversed again", REVERSE, NULL,
	  "rcp-kg",
	  .rc = ST_INVALID, .cause = "only a posted document is reversed",
	  .after = { S("SKU-1002", "MAIN", "0", "0", "0", "0.00") } },
	{ "a reversal is not reversed, and says so (it said 'is reversal "
	  "posted: only a posted document is reversed')", REVERSE, NULL,
	  "rev1", .rc = ST_INVALID,
	  .cause = "is a reversal: a reversal is not reversed" },
	{ "a draft is not reversed", REVERSE, NULL, "iss-short",
	  .rc = ST_INVALID, .cause = "only a posted document is reversed" },
	{ "receipt at the shop", NEW, "rcp-shop", NULL, "receipt", "SHOP",
	  .lines = { { "SKU-1003", "5", "10.00" } },
	  .after = { S("SKU-1003", "SHOP", "5", "0", "0", "50.00") } },
	{ "issue of most of it", NEW, NULL, NULL, "issue", "SHOP",
	  .lines = { { "SKU-1003", "3" } },
	  .after = { S("SKU-1003", "SHOP", "2", "0", "0", "20.00") } },
	{ "a reversal that would go short refused", REVERSE, NULL, "rcp-shop",
	  .rc = ST_INVALID,
	  .cause = "SKU-1003 at SHOP: 2 available, 5 requested",
	  .status = "posted",
	  .after = { S("SKU-1003", "SHOP", "2", "0", "0", "20.00") } },
	{ "reposting a posted document refused", POST, NULL, "rcp-shop",
	  .rc = ST_INVALID,
	  .cause = "is posted already; a posted document is corrected by "
	  "reversing it",
	  .after = { S("SKU-1003", "SHOP", "2", "0", "0", "20.00") } },
	{ "a posted document's lines are not changed", ADD_LINE, NULL,
	  "rcp-shop",
	  .lines = { { "SKU-1003", "1" } },
	  .rc = ST_INVALID,
	  .cause = "is posted: its lines are not changed any more" },
	{ "reservation at the shop", NEW, "rsv2", NULL, "reservation", "SHOP",
	  .lines = { { "SKU-1001", "2" } },
	  .after = { S("SKU-1001", "SHOP", "4", "2", "0", "45.35") } },
	{ "reversal of a reservation releases it", REVERSE, NULL, "rsv2",
	  .status = "reversed",
	  .after = { S("SKU-1001", "SHOP", "4", "0", "0", "45.35") } },
	{ "transfer in transit", NEW, "trf2", NULL, "transfer", "SHOP",
	  "MAIN",
	  .lines = { { "SKU-1001", "1" } },
	  .status = "in_transit",
	  .after = { S("SKU-1001", "SHOP", "3", "0", "0", "34.01"),
	      S("SKU-1001", "MAIN", "4", "0", "0", "45.34") } },
	{ "reversal of a transfer in transit brings it back", REVERSE, NULL,
	  "trf2",
	  .status = "reversed",
	  .after = { S("SKU-1001", "SHOP", "4", "0", "0", "45.35"),
	      S("SKU-1001", "MAIN", "4", "0", "0", "45.34") } },
	{ "a reversed transfer does not arrive", POST, NULL, "trf2",
	  .rc = ST_INVALID, .cause = "is reversed already",
	  .after = { S("SKU-1001", "MAIN", "4", "0", "0", "45.34") } },

	/* Purchase orders. */
	{ "PO sent: on order", PO_SEND, "po1", NULL, .wh = "MAIN",
	  .lines = { { "SKU-1004", "10", "7.00" } },
	  .status = "sent",
	  .after = { S("SKU-1004", "MAIN", "0", "0", "10", "0.00") } },
	{ "a sent PO is not sent again", POST, NULL, "po1",
	  .rc = ST_INVALID, .cause = "is sent: only a draft is sent" },
	{ "receipt against the PO", NEW, NULL, NULL, "receipt", "MAIN",
	  .po = "po1",
	  .lines = { { "SKU-1004", "4", "7.00" } },
	  .status_of = "po1", .status = "partial",
	  .after = { S("SKU-1004", "MAIN", "4", "0", "6", "28.00") } },
	{ "over-receipt refused without the flag", NEW, "rcp-over", NULL,
	  "receipt", "MAIN", .po = "po1",
	  .lines = { { "SKU-1004", "8", "7.00" } },
	  .rc = ST_INVALID,
	  .cause = "over-receipt: SKU-1004: 12 received against 10 ordered",
	  .errline = 1, .status = "draft",
	  .after = { S("SKU-1004", "MAIN", "4", "0", "6", "28.00") } },
	{ "over-receipt accepted with POST_OVER", POST, NULL, "rcp-over",
	  .flags = POST_OVER,
	  .status_of = "po1", .status = "received",
	  .after = { S("SKU-1004", "MAIN", "12", "0", "0", "84.00") } },
	{ "PO 2 sent", PO_SEND, "po2", NULL, .wh = "MAIN",
	  .lines = { { "SKU-1004", "5", "6.00" } },
	  .after = { S("SKU-1004", "MAIN", "12", "0", "5", "84.00") } },
	{ "receive what PO 2 expects", PO_RECEIVE, "rcp-po2", "po2",
	  .status_of = "po2", .status = "received",
	  .after = { S("SKU-1004", "MAIN", "17", "0", "0", "114.00") } },
	{ "a received PO is not received again", PO_RECEIVE, NULL, "po2",
	  .rc = ST_INVALID,
	  .cause = "is received: goods are received against a sent order" },
	{ "PO 3 sent", PO_SEND, "po3", NULL, .wh = "MAIN",
	  .lines = { { "SKU-1004", "3", "6.50" } },
	  .after = { S("SKU-1004", "MAIN", "17", "0", "3", "114.00") } },
	{ "part of PO 3 comes", NEW, "rcp-po3", NULL, "receipt", "MAIN",
	  .po = "po3",
	  .lines = { { "SKU-1004", "1", "6.50" } },
	  .status_of = "po3", .status = "partial",
	  .after = { S("SKU-1004", "MAIN", "18", "0", "2", "120.50") } },
	{ "its reversal puts it on order again", REVERSE, NULL, "rcp-po3",
	  .status_of = "po3", .status = "sent",
	  .after = { S("SKU-1004", "MAIN", "17", "0", "3", "114.00") } },
	{ "PO close takes the rest off order", PO_CLOSE, NULL, "po3",
	  .status = "closed",
	  .after = { S("SKU-1004", "MAIN", "17", "0", "0", "114.00") } },
	{ "a closed PO is not closed again", PO_CLOSE, NULL, "po3",
	  .rc = ST_INVALID, .cause = "is closed already" },
	{ "PO 4 sent", PO_SEND, "po4", NULL, .wh = "MAIN",
	  .lines = { { "SKU-1004", "2", "6.00" } },
	  .after = { S("SKU-1004", "MAIN", "17", "0", "2", "114.00") } },
	{ "a receipt against a closed PO refused", NEW, NULL, NULL,
	  "receipt", "MAIN", .po = "po3",
	  .lines = { { "SKU-1004", "1", "6.50" } },
	  .rc = ST_INVALID,
	  .cause = "is closed: goods are received against a sent order",
	  .errline = 1,
	  .after = { S("SKU-1004", "MAIN", "17", "0", "2", "114.00") } },
	{ "part of PO 4 comes", NEW, "rcp-po4", NULL, "receipt", "MAIN",
	  .po = "po4",
	  .lines = { { "SKU-1004", "1", "6.00" } },
	  .after = { S("SKU-1004", "MAIN", "18", "0", "1", "120.00") } },
	{ "PO 4 closed", PO_CLOSE, NULL, "po4",
	  .status = "closed",
	  .after = { S("SKU-1004", "MAIN", "18", "0", "0", "120.00") } },
	{ "reversing a receipt of a closed PO puts nothing on order", REVERSE,
	  NULL, "rcp-po4",
	  .status_of = "po4", .status = "closed",
	  .after = { S("SKU-1004", "MAIN", "17", "0", "0", "114.00") } },

	{ "PO 5 sent, to MAIN", PO_SEND, "po5", NULL, .wh = "MAIN",
	  .lines = { { "SKU-1004", "2", "6.00" } },
	  .after = { S("SKU-1004", "MAIN", "17", "0", "2", "114.00") } },
	{ "PO 5 received at the shop: off order at MAIN", NEW, "rcp-po5",
	  NULL, "receipt", "SHOP", .po = "po5",
	  .lines = { { "SKU-1004", "2", "6.00" } },
	  .status_of = "po5", .status = "received",
	  .after = { S("SKU-1004", "MAIN", "17", "0", "0", "114.00"),
	      S("SKU-1004", "SHOP", "2", "0", "0", "12.00") } },
	{ "its reversal puts it on order at MAIN again", REVERSE, NULL,
	  "rcp-po5",
	  .status_of = "po5", .status = "sent",
	  .after = { S("SKU-1004", "MAIN", "17", "0", "2", "114.00"),
	      S("SKU-1004", "SHOP", "0", "0", "0", "0.00") } },

	/* Batch: each line its own type; transfers arrive at once. */
	{ "batch of a receipt and a transfer", NEW, NULL, NULL, "batch",
	  .lines = { { "SKU-1002", "1", "100.00", "MAIN", NULL, "receipt" },
	      { "SKU-1002", "0.4", NULL, "MAIN", "SHOP", "transfer" } },
	  .status = "posted",
	  .after = { S("SKU-1002", "MAIN", "0.6", "0", "0", "60.00"),
	      S("SKU-1002", "SHOP", "0.4", "0", "0", "40.00") } },
	{ "a batch line without a type refused", NEW, NULL, NULL, "batch",
	  .lines = { { "SKU-1002", "1", "100.00", "MAIN" } },
	  .rc = ST_INVALID, .cause = "column 'type': a value is required",
	  .errline = 1 },

	/* Each warehouse's stock keeps its own average: what leaves takes
	 * the value of what is there, a transfer carries it along. */
	{ "one at 1.00 in the main warehouse, one at 3.00 in the shop", NEW,
	  NULL, NULL, "batch",
	  .lines = { { "SKU-1008", "1", "1.00", "MAIN", NULL, "receipt" },
	      { "SKU-1008", "1", "3.00", "SHOP", NULL, "receipt" } },
	  .after = { S("SKU-1008", "MAIN", "1", "0", "0", "1.00"),
	      S("SKU-1008", "SHOP", "1", "0", "0", "3.00") } },
	{ "a batch transfer carries the value that left (1.00, not the "
	  "product's 2.00)", NEW, NULL, NULL, "batch",
	  .lines = { { "SKU-1008", "1", NULL, "MAIN", "NEG", "transfer" } },
	  .after = { S("SKU-1008", "MAIN", "0", "0", "0", "0.00"),
	      S("SKU-1008", "NEG", "1", "0", "0", "1.00"),
	      S("SKU-1008", "SHOP", "1", "0", "0", "3.00") } },
	{ "an issue takes the shop's 3.00: no value is left without goods",
	  NEW, NULL, NULL, "issue", "SHOP",
	  .lines = { { "SKU-1008", "1" } },
	  .after = { S("SKU-1008", "SHOP", "0", "0", "0", "0.00"),
	      S("SKU-1008", "NEG", "1", "0", "0", "1.00") } },
	{ "issued past zero where negative stock is allowed: at the 1.00 there", NEW, NULL, NULL,
	  "issue", "NEG",
	  .lines = { { "SKU-1008", "3" } },
	  .after = { S("SKU-1008", "NEG", "-2", "0", "0", "-2.00") } },
};

/* --- the store ---------------------------------------------------------- */

static struct store	*st;

/* The catalog the cases work on. */
static const char *const setup_rows[][12] = {
	/* entity, then field, value pairs */
	{ "users", "login", LOGIN, "name", "Тест Тестович", "roles",
	  "admin" },
	{ "warehouses", "code", "MAIN", "name", "Main" },
	{ "warehouses", "code", "SHOP", "name", "Shop" },
	{ "warehouses", "code", "NEG", "name", "Outlet", "allow_negative",
	  "yes" },
	{ "suppliers", "code", "S-1", "name", "ООО «Метиз-Снаб»" },
	{ "products", "sku", "SKU-1001", "name", "Болт М8×40",
	  "purchase_price", "10.00" },
	{ "products", "sku", "SKU-1002", "name", "Краска белая", "unit",
	  "kg", "purchase_price", "50.00" },
	{ "products", "sku", "SKU-1003", "name", "Гайка М8" },
	{ "products", "sku", "SKU-1004", "name", "Шайба 8", "purchase_price",
	  "7.00", "supplier", "S-1" },
	{ "products", "sku", "SKU-1005", "name", "Шуруп 4×30",
	  "purchase_price", "2.00" },
	{ "products", "sku", "SKU-1006", "name", "Клей ПВА",
	  "purchase_price", "5.00" },
	{ "products", "sku", "SKU-1007", "name", "Молоко 3,2 %", "lots",
	  "yes" },
	{ "products", "sku", "SKU-1008", "name", "Дюбель 6×40",
	  "purchase_price", "2.00" },
};

static int
group_setup(void **state)
{
	(void)state;
	st = mt_open_rows("posting", setup_rows[0], NITEMS(setup_rows),
	    NITEMS(setup_rows[0]));
	return (st == NULL ? -1 : 0);
}

/* --- running a case ---------------------------------------------------- */

struct run {
	const struct pcase	*c;
	uint64_t		 id;		/* the document acted on */
	uint64_t		 newid;		/* one made */
	int64_t			 errline;
};

static int
make_doc_tx(struct tx *x, void *arg, char **cause)
{
	struct run		*a = arg;
	const struct pcase	*c = a->c;
	const struct entity_def	*de = dict_entity("stock_docs");
	const struct entity_def	*le = dict_entity("stock_lines");
	struct record		*d, *l;
	size_t			 i;
	int			 rc;

	d = record_new(de);
	mt_set(d, "type", c->type);
	mt_set(d, "warehouse", c->wh);
	mt_set(d, "to_warehouse", c->to);
	mt_set(d, "reason", c->reason);
	if (c->against != NULL)
		record_set_int(d, dict_field_pos(de, "against"),
		    (int64_t)mt_name_get(c->against)->id);
	if (c->po != NULL)
		record_set_int(d, dict_field_pos(de, "po"),
		    (int64_t)mt_name_get(c->po)->id);
	rc = model_save(x, d, 0, cause);
	a->newid = record_id(d);
	record_free(d);
	for (i = 0; rc == ST_OK && i < NITEMS(c->lines) &&
	    c->lines[i].sku != NULL; i++) {
		l = record_new(le);
		record_set_int(l, dict_field_pos(le, "doc"), (int64_t)a->newid);
		mt_set(l, "product", c->lines[i].sku);
		mt_set(l, "qty", c->lines[i].qty);
		mt_set(l, "unit_cost", c->lines[i].cost);
		mt_set(l, "warehouse", c->lines[i].wh);
		mt_set(l, "to_warehouse", c->lines[i].to);
		mt_set(l, "type", c->lines[i].type);
		rc = model_save(x, l, 0, cause);
		record_free(l);
	}
	return (rc);
}

/* A line added to a posted document: refused by the lines' rules. */
static int
add_line_tx(struct tx *x, void *arg, char **cause)
{
	struct run		*a = arg;
	const struct entity_def	*le = dict_entity("stock_lines");
	struct record		*l;
	int			 rc;

	l = record_new(le);
	record_set_int(l, dict_field_pos(le, "doc"), (int64_t)a->id);
	mt_set(l, "product", a->c->lines[0].sku);
	mt_set(l, "qty", a->c->lines[0].qty);
	rc = model_save(x, l, 0, cause);
	record_free(l);
	return (rc);
}

static int
make_po_tx(struct tx *x, void *arg, char **cause)
{
	struct run		*a = arg;
	const struct pcase	*c = a->c;
	const struct entity_def	*oe = dict_entity("purchase_orders");
	const struct entity_def	*le = dict_entity("po_lines");
	struct record		*o, *l;
	size_t			 i;
	int			 rc;

	o = record_new(oe);
	mt_set(o, "supplier", "S-1");
	mt_set(o, "warehouse", c->wh);
	rc = model_save(x, o, 0, cause);
	a->newid = record_id(o);
	record_free(o);
	for (i = 0; rc == ST_OK && i < NITEMS(c->lines) &&
	    c->lines[i].sku != NULL; i++) {
		l = record_new(le);
		record_set_int(l, dict_field_pos(le, "po"), (int64_t)a->newid);
		mt_set(l, "product", c->lines[i].sku);
		mt_set(l, "qty", c->lines[i].qty);
		mt_set(l, "price", c->lines[i].cost);
		rc = model_save(x, l, 0, cause);
		record_free(l);
	}
	return (rc);
}

static int
post_tx(struct tx *x, void *arg, char **cause)
{
	struct run	*a = arg;

	return (stock_post(x, a->id, a->c->flags, &a->errline, cause));
}

static int
reverse_tx(struct tx *x, void *arg, char **cause)
{
	struct run	*a = arg;

	return (stock_reverse(x, a->id, &a->newid, cause));
}

static int
send_tx(struct tx *x, void *arg, char **cause)
{
	return (po_send(x, ((struct run *)arg)->id, cause));
}

static int
close_tx(struct tx *x, void *arg, char **cause)
{
	return (po_close(x, ((struct run *)arg)->id, cause));
}

static int
receive_tx(struct tx *x, void *arg, char **cause)
{
	struct run	*a = arg;
	int		 rc;

	if ((rc = po_receive(x, a->id, &a->newid, cause)) != ST_OK)
		return (rc);
	return (stock_post(x, a->newid, a->c->flags, &a->errline, cause));
}

/* The status (or code) of a stock document or purchase order. */
static const char *
doc_field(const struct entity_def *e, uint64_t id, const char *field,
    char *buf, size_t len)
{
	struct record	*r;

	assert_int_equal(store_get(st, e, id, &r), ST_OK);
	snprintf(buf, len, "%s", record_str(r, dict_field_pos(e, field)) ?
	    record_str(r, dict_field_pos(e, field)) : "(unset)");
	record_free(r);
	return (buf);
}

struct book {
	uint64_t	 doc;
	int64_t		 qty;
	int		 set;
};

static int
book_tx(struct tx *x, void *arg, char **cause)
{
	const struct entity_def	*le = dict_entity("stock_lines");
	struct book		*b = arg;
	struct record		**ls;
	size_t			 n;
	int			 rc;

	(void)cause;
	if ((rc = stock_lines_of(x, le, b->doc, &ls, &n)) != ST_OK)
		return (rc);
	if (n > 0) {
		b->set = record_isset(ls[0], dict_field_pos(le, "book_qty"));
		b->qty = record_int(ls[0], dict_field_pos(le, "book_qty"));
	}
	stock_rows_free(ls, n);
	return (ST_OK);
}

static void
check_after(size_t k, const struct pcase *c)
{
	static const char *const cols[] = {
		"on_hand", "reserved", "on_order", "value"
	};
	const struct sspec	*s;
	const char		*want[4];
	size_t			 i;

	for (i = 0; i < NITEMS(c->after) && c->after[i].sku != NULL; i++) {
		s = &c->after[i];
		want[0] = s->on_hand;
		want[1] = s->reserved;
		want[2] = s->on_order;
		want[3] = s->value;
		mt_expect_stock(st, k, c->what, s->sku, s->wh, cols, want,
		    NITEMS(cols));
	}
}

static void
run_case(size_t k, const struct pcase *c)
{
	const struct entity_def	*de = dict_entity("stock_docs");
	const struct entity_def	*oe = dict_entity("purchase_orders");
	const struct entity_def	*cur_e = NULL;
	const struct mt_named	*n;
	struct run		 a;
	struct book		 b;
	uint64_t		 cur = 0;
	char			*cause = NULL, buf[64];
	int			 rc;

	memset(&a, 0, sizeof a);
	a.c = c;
	if (c->ref != NULL) {
		n = mt_name_get(c->ref);
		a.id = cur = n->id;
		cur_e = n->e;
	}
	print_message("# case %zu: %s\n", k, c->what);
	switch (c->act) {
	case NEW:
		rc = store_run(st, LOGIN, "test", make_doc_tx, &a, &cause);
		if (rc != ST_OK)
			break;
		if (c->name != NULL)
			mt_name_put(c->name, de, a.newid);
		a.id = cur = a.newid;
		cur_e = de;
		free(cause);
		cause = NULL;
		rc = store_run(st, LOGIN, "test", post_tx, &a, &cause);
		break;
	case POST:
		if (cur_e == oe)
			rc = store_run(st, LOGIN, "test", send_tx, &a, &cause);
		else
			rc = store_run(st, LOGIN, "test", post_tx, &a, &cause);
		break;
	case REVERSE:
		rc = store_run(st, LOGIN, "test", reverse_tx, &a, &cause);
		if (rc == ST_OK && c->name != NULL)
			mt_name_put(c->name, de, a.newid);
		break;
	case PO_SEND:
		rc = store_run(st, LOGIN, "test", make_po_tx, &a, &cause);
		assert_int_equal(rc, ST_OK);
		mt_name_put(c->name, oe, a.newid);
		a.id = cur = a.newid;
		cur_e = oe;
		rc = store_run(st, LOGIN, "test", send_tx, &a, &cause);
		break;
	case PO_RECEIVE:
		rc = store_run(st, LOGIN, "test", receive_tx, &a, &cause);
		if (rc == ST_OK && c->name != NULL)
			mt_name_put(c->name, de, a.newid);
		break;
	case PO_CLOSE:
		rc = store_run(st, LOGIN, "test", close_tx, &a, &cause);
		break;
	case ADD_LINE:
		rc = store_run(st, LOGIN, "test", add_line_tx, &a, &cause);
		break;
	default:
		fail_msg("case %zu: no such action", k);
		return;
	}

	mt_expect_result(k, c->what, rc, c->rc, cause, c->cause, a.errline,
	    c->errline);
	free(cause);

	if (c->status_of != NULL) {
		n = mt_name_get(c->status_of);
		cur = n->id;
		cur_e = n->e;
	}
	if (c->status != NULL) {
		EXPECT(cur != 0, "case %zu (%s): no document to check", k,
		    c->what);
		if (cur != 0)
			EXPECT(strcmp(doc_field(cur_e, cur, "status", buf,
			    sizeof buf), c->status) == 0,
			    "case %zu (%s): status %s, want %s", k, c->what,
			    buf, c->status);
	}
	if (c->prefix != NULL) {
		n = mt_name_get(c->name);
		EXPECT(strncmp(doc_field(n->e, n->id, "code", buf, sizeof buf),
		    c->prefix, strlen(c->prefix)) == 0,
		    "case %zu (%s): code %s, want %s...", k, c->what, buf,
		    c->prefix);
	}
	if (c->book != NULL) {
		memset(&b, 0, sizeof b);
		b.doc = a.id;
		assert_int_equal(store_run(st, LOGIN, "test", book_tx, &b,
		    &cause), ST_OK);
		EXPECT(b.set && b.qty == mt_num(dict_field(dict_entity(
		    "stock_lines"), "book_qty"), c->book),
		    "case %zu (%s): book_qty %lld, want %s", k, c->what,
		    (long long)b.qty, c->book);
	}
	check_after(k, c);
}

static void
run_nth(size_t k)
{
	run_case(k, &cases[k - 1]);
}

static void
test_posting_rules(void **state)
{
	(void)state;
	mt_run_cases(NITEMS(cases), run_nth);
}

/* After all of it: on hand = the sum of the moves for every pair, the
 * reservations and orders in force agree, every index and reference
 * holds. */
static void
test_invariants_hold(void **state)
{
	(void)state;
	mt_invariants(st);
}

/*
 * The moves report reads the ledger newest first: a backward scan from
 * past the last key of an index, which must start at the last entry, not
 * find nothing (the newest moves of the last product; the newest of all
 * by date).
 */
static void
scan_back(const char *field, int64_t from, size_t want)
{
	const struct entity_def	*me = dict_entity("stock_moves");
	int			 pos = dict_field_pos(me, field);
	struct record		**rows;
	struct value		 key;
	size_t			 n, i;

	memset(&key, 0, sizeof key);
	key.set = 1;
	key.i = from;
	assert_int_equal(store_scan(st, me, pos, &key, UINT64_MAX, -1, want,
	    &rows, &n), ST_OK);
	print_message("# %s from %lld: %zu moves\n", field, (long long)from,
	    n);
	assert_int_equal(n, want);
	for (i = 0; i < n; i++) {
		if (strcmp(field, "product") == 0)
			assert_int_equal(record_int(rows[i], pos), from);
		if (i > 0)
			assert_true(record_id(rows[i]) < record_id(rows[i - 1]));
	}
	stock_rows_free(rows, n);
}

static void
test_moves_newest_first(void **state)
{
	(void)state;
	/* SKU-1008 is the last product with moves (SKU-1007 has none). */
	scan_back("product", (int64_t)mt_id_of(st, "products", "SKU-1008"), 3);
	scan_back("product", (int64_t)mt_id_of(st, "products", "SKU-1001"), 3);
	scan_back("date", 99991231, 5);
}

/* Three drafts of one type: automatic, typed by hand with the number the
 * series would give next, automatic again. */
static int
series_tx(struct tx *x, void *arg, char **cause)
{
	const struct entity_def	*de = dict_entity("stock_docs");
	char			**codes = arg, typed[32];
	struct record		*r;
	int			 i, rc;

	for (i = 0; i < 3; i++) {
		r = record_new(de);
		mt_set(r, "type", "adjustment");
		mt_set(r, "warehouse", "MAIN");
		if (i == 1) {
			/* RCP-2026-000007 -> RCP-2026-000008 */
			snprintf(typed, sizeof typed, "%.*s%06lld",
			    (int)strlen(codes[0]) - 6, codes[0],
			    atoll(codes[0] + strlen(codes[0]) - 6) + 1);
			mt_set(r, "code", typed);
		}
		rc = model_save(x, r, 0, cause);
		if (rc == ST_OK)
			codes[i] = xstrdup(record_str(r, FX_CODE));
		record_free(r);
		if (rc != ST_OK)
			return (rc);
	}
	return (ST_OK);
}

/* A number typed by hand is passed over, not handed out again (which
 * would refuse every document of the series after it). */
static void
test_series_skips_typed(void **state)
{
	char	*codes[3] = { NULL, NULL, NULL }, *cause = NULL;
	size_t	 len;
	int	 rc, i;

	(void)state;
	rc = store_run(st, LOGIN, "test", series_tx, codes, &cause);
	assert_int_equal(rc, ST_OK);
	len = strlen(codes[0]);
	assert_int_equal(strncmp(codes[0], "ADJ-", 4), 0);
	assert_int_equal(strlen(codes[2]), len);
	assert_int_equal(strncmp(codes[0], codes[2], len - 6), 0);
	assert_int_equal(atoll(codes[1] + len - 6), atoll(codes[0] + len - 6) +
	    1);
	assert_int_equal(atoll(codes[2] + len - 6), atoll(codes[0] + len - 6) +
	    2);
	for (i = 0; i < 3; i++)
		free(codes[i]);
}

/* A balance changed behind the ledger's back is noticed. */
static int
drift_tx(struct tx *x, void *arg, char **cause)
{
	const struct entity_def	*se = dict_entity("stock");
	struct record		*r;
	uint64_t		 id = *(uint64_t *)arg;
	int			 pos = dict_field_pos(se, "on_hand");
	int			 rc;

	if ((rc = tx_get(x, se, id, 1, &r)) != ST_OK)
		return (rc);
	record_set_int(r, pos, record_int(r, pos) + 1000);
	rc = tx_update(x, r, record_rev(r), cause);
	record_free(r);
	return (rc);
}

static void
test_check_notices_drift(void **state)
{
	struct buf	 report = { 0 };
	struct record	*r;
	uint64_t	 id;
	char		*cause = NULL, *want;
	int		 m;

	(void)state;
	r = mt_stock_row(st, "SKU-1003", "SHOP");
	assert_non_null(r);
	id = record_id(r);
	xasprintf(&want, "stock %s: on hand 3 but the moves add up to 2",
	    record_str(r, FX_CODE));
	record_free(r);
	assert_int_equal(store_run(st, LOGIN, "test", drift_tx, &id, &cause),
	    ST_OK);
	m = model_check(st, &report);
	print_message("# %s", report.data ? report.data : "(no report)\n");
	assert_int_not_equal(m, 0);
	assert_non_null(report.data);
	assert_non_null(strstr(report.data, want));
	free(want);
	buf_free(&report);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_posting_rules),
		cmocka_unit_test(test_invariants_hold),
		cmocka_unit_test(test_moves_newest_first),
		cmocka_unit_test(test_series_skips_typed),
		cmocka_unit_test(test_check_notices_drift),
	};

	return (cmocka_run_group_tests(tests, group_setup, mt_teardown));
}
