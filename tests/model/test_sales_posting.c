/*
 * The transitions of the sales documents (src/model/sales.c) over a real
 * store in a fresh temporary home.  One table of cases, run in order,
 * each building on what the earlier ones left: an action (an order made,
 * confirmed, edited, cancelled; a shipment drafted and posted; a return;
 * a quote turned into an order), the result code, the refusal a clerk
 * reads and the line it names, and afterwards the stock (on hand,
 * reserved, value) of product x warehouse, an order line's quantities
 * (ordered, reserved, shipped, returned) and fields of a document (its
 * status, cost, receivable).  Afterwards kontor check's invariants hold.
 * A product kept by lots (LOT-1) ships from the lot a line names, else
 * first to expire first, a line over several lots with one move each;
 * returns go back into the lots the shipment took them from; what is
 * left of each lot is checked after each case, and kontor check notices
 * a lot below zero.
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

#include "audit.h"
#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "model/model.h"
#include "model/money.h"
#include "model/sales.h"
#include "model/stock.h"
#include "tests/model/mtest.h"
#include "xmalloc.h"

#define NITEMS(a)	(sizeof (a) / sizeof (a)[0])
#define LOGIN		MT_LOGIN

enum act {
	RECEIVE,	/* a receipt of the lines at wh, posted */
	SO_NEW,		/* an order of the lines (a draft) */
	SO_CONFIRM,	/* confirm ref */
	SO_EDIT,	/* line 1 of ref to the quantity of lines[0] */
	SO_ADD,		/* add lines[0] to ref */
	SO_DROP,	/* delete line 1 of ref */
	SO_CANCEL,
	SO_CLOSE,
	SHIP,		/* the shipment draft of what is left of ref; with
			   lines[0], its line 1 is set to that quantity */
	SHP_NEW,	/* a shipment of the lines without an order */
	SHP_POST,	/* post ref */
	RETURN,		/* return lines[0] against ref, posted */
	RETURN_DRAFT,	/* the same, a draft */
	RET_POST,	/* post ref */
	QT_NEW,		/* a quote of the lines */
	QT_ACTION,	/* quote action on ref (flags: POST_OVER) */
	QT_PAST,	/* ref's valid_until set to 01.01.2020 */
};

struct lspec {
	const char	*sku;
	const char	*qty;
	const char	*price;
	const char	*lot;		/* a receipt's, a shipment's, a return's */
	const char	*expiry;	/* a receipt's */
};

struct sspec {
	const char	*sku, *wh, *on_hand, *reserved, *value;
};

/* An order line's quantities: line of the order named. */
struct olspec {
	const char	*order;
	int		 line;
	const char	*qty, *reserved, *shipped, *returned;
};

/* A field of a named document. */
struct fspec {
	const char	*doc, *field, *value;
};

/* A field of line n of a named sales document. */
struct lfspec {
	const char	*doc;
	int		 line;
	const char	*field, *value;
};

/* What is left of a lot of a product at a warehouse. */
struct lotspec {
	const char	*sku, *wh, *lot, *qty;
};

struct scase {
	const char	*what;
	enum act	 act;
	const char	*name;		/* names the document made here */
	const char	*ref;
	const char	*wh;
	const char	*action;	/* QT_ACTION */
	struct lspec	 lines[3];
	unsigned	 flags;
	int		 rc;
	const char	*cause;
	int64_t		 errline;
	struct sspec	 stock[2];
	struct olspec	 ol[2];
	struct fspec	 f[4];
	struct lfspec	 lf[2];
	struct lotspec	 lots[5];
	const char	*doctype;	/* RECEIVE: a count, not a receipt */
};

#define S(sku, wh, oh, rs, val)	{ sku, wh, oh, rs, val }
#define OL(o, l, q, r, s, ret)	{ o, l, q, r, s, ret }
#define FS(d, f, v)		{ d, f, v }
#define LF(d, n, f, v)		{ d, n, f, v }
#define LT(sku, wh, lot, q)	{ sku, wh, lot, q }
#define LOTLINE(sku, q, lot, exp) { sku, q, "10.00", lot, exp }

static const struct scase cases[] = {
	{ "stock comes in", RECEIVE, "rcp1", NULL, "MAIN",
	  .lines = { { "SKU-1001", "10", "12.00" },
	  { "SKU-1002", "5", "50.00" } },
	  .stock = { S("SKU-1001", "MAIN", "10", "0", "120.00") } },
	{ "an order is a draft: nothing reserved", SO_NEW, "so1", NULL,
	  "MAIN", .lines = { { "SKU-1001", "4" } },
	  .stock = { S("SKU-1001", "MAIN", "10", "0", "120.00") },
	  .ol = { OL("so1", 1, "4", "0", "0", "0") },
	  .f = { FS("so1", "status", "draft"), FS("so1", "gross", "72.00") } },
	{ "confirming reserves every line", SO_CONFIRM, NULL, "so1",
	  .stock = { S("SKU-1001", "MAIN", "10", "4", "120.00") },
	  .ol = { OL("so1", 1, "4", "4", "0", "0") },
	  .f = { FS("so1", "status", "confirmed") } },
	{ "an order that cannot be reserved whole", SO_NEW, "so2", NULL,
	  "MAIN", .lines = { { "SKU-1002", "1" }, { "SKU-1001", "7" } } },
	{ "is refused whole, naming the line", SO_CONFIRM, NULL, "so2",
	  .rc = ST_INVALID, .cause = "SKU-1001 at MAIN: 6 available, 7 "
	  "requested", .errline = 2,
	  .stock = { S("SKU-1001", "MAIN", "10", "4", "120.00"),
	  S("SKU-1002", "MAIN", "5", "0", "250.00") },
	  .ol = { OL("so2", 1, "1", "0", "0", "0") },
	  .f = { FS("so2", "status", "draft") } },
	{ "a confirmed order edited up reserves the difference", SO_EDIT,
	  NULL, "so1", .lines = { { NULL, "6" } },
	  .stock = { S("SKU-1001", "MAIN", "10", "6", "120.00") },
	  .ol = { OL("so1", 1, "6", "6", "0", "0") },
	  .f = { FS("so1", "gross", "108.00") } },
	{ "edited past what is there: refused, nothing changed", SO_EDIT,
	  NULL, "so1", .lines = { { NULL, "11" } }, .rc = ST_INVALID,
	  .cause = "SKU-1001 at MAIN: 4 available, 5 requested",
	  .stock = { S("SKU-1001", "MAIN", "10", "6", "120.00") },
	  .ol = { OL("so1", 1, "6", "6", "0", "0") } },
	{ "edited down releases the difference", SO_EDIT, NULL, "so1",
	  .lines = { { NULL, "3" } },
	  .stock = { S("SKU-1001", "MAIN", "10", "3", "120.00") },
	  .ol = { OL("so1", 1, "3", "3", "0", "0") } },
	{ "a line added to a confirmed order reserves", SO_ADD, NULL, "so1",
	  .lines = { { "SKU-1002", "2" } },
	  .stock = { S("SKU-1002", "MAIN", "5", "2", "250.00") },
	  .ol = { OL("so1", 2, "2", "2", "0", "0") } },
	{ "a line deleted releases", SO_DROP, NULL, "so1",
	  .stock = { S("SKU-1001", "MAIN", "10", "0", "120.00"),
	  S("SKU-1002", "MAIN", "5", "2", "250.00") } },
	{ "added back", SO_ADD, NULL, "so1", .lines = { { "SKU-1001", "3" } },
	  .stock = { S("SKU-1001", "MAIN", "10", "3", "120.00") },
	  .ol = { OL("so1", 3, "3", "3", "0", "0") } },
	{ "the shipment draft of what is left", SHIP, "shp1", "so1",
	  .lines = { { "SKU-1001", "2" } },
	  .stock = { S("SKU-1001", "MAIN", "10", "3", "120.00") },
	  .f = { FS("shp1", "status", "draft"), FS("shp1", "order", "so1") } },
	{ "a second draft while one is open: refused", SHIP, NULL, "so1",
	  .rc = ST_INVALID, .cause = "is a draft of it already" },
	{ "posting issues against the reservation at the average cost",
	  SHP_POST, NULL, "shp1",
	  .stock = { S("SKU-1001", "MAIN", "8", "1", "96.00"),
	  S("SKU-1002", "MAIN", "3", "0", "150.00") },
	  .ol = { OL("so1", 3, "3", "1", "2", "0"),
	  OL("so1", 2, "2", "0", "2", "0") },
	  .f = { FS("shp1", "status", "posted"), FS("shp1", "cost", "124.00"),
	  FS("shp1", "receivable", "204.00"),
	  FS("so1", "status", "part_shipped") } },
	{ "posting it again: refused", SHP_POST, NULL, "shp1",
	  .rc = ST_INVALID, .cause = "is posted already" },
	{ "the rest, drafted and set to more than ordered", SHIP, "shp2",
	  "so1", .lines = { { "SKU-1001", "3" } } },
	{ "more than ordered: refused unless confirmed", SHP_POST, NULL,
	  "shp2", .rc = ST_INVALID, .cause = "over-shipment: SKU-1001: 5 "
	  "shipped against 3 ordered", .errline = 1,
	  .stock = { S("SKU-1001", "MAIN", "8", "1", "96.00") },
	  .ol = { OL("so1", 3, "3", "1", "2", "0") } },
	{ "confirmed: the order line grows to what was shipped", SHP_POST,
	  NULL, "shp2", .flags = POST_OVER,
	  .stock = { S("SKU-1001", "MAIN", "5", "0", "60.00") },
	  .ol = { OL("so1", 3, "5", "0", "5", "0") },
	  .f = { FS("shp2", "cost", "36.00"), FS("so1", "status", "shipped"),
	  FS("shp2", "receivable", "54.00") } },
	{ "nothing left to ship", SHIP, NULL, "so1", .rc = ST_INVALID,
	  .cause = "goods are shipped against a confirmed order" },
	{ "a return of more than was shipped: refused", RETURN, NULL, "shp2",
	  .lines = { { "SKU-1001", "4" } }, .rc = ST_INVALID,
	  .cause = "SKU-1001: 4 to return, but 3 shipped in", .errline = 1,
	  .stock = { S("SKU-1001", "MAIN", "5", "0", "60.00") } },
	{ "a return comes back at the cost it left with", RETURN, "ret1",
	  "shp2", .lines = { { "SKU-1001", "1" } },
	  .stock = { S("SKU-1001", "MAIN", "6", "0", "72.00") },
	  .ol = { OL("so1", 3, "5", "0", "5", "1") },
	  .f = { FS("ret1", "cost", "12.00"), FS("ret1", "gross", "18.00"),
	  FS("shp2", "receivable", "36.00"), FS("ret1", "status",
	  "posted") } },
	{ "no more than shipped less returned", RETURN, NULL, "shp2",
	  .lines = { { "SKU-1001", "3" } }, .rc = ST_INVALID,
	  .cause = "less 1 returned leaves 2", .errline = 1 },
	{ "a product that was not shipped", RETURN, NULL, "shp2",
	  .lines = { { "SKU-1003", "1" } }, .rc = ST_INVALID,
	  .cause = "SKU-1003 was not shipped in", .errline = 1 },
	{ "stock at a new cost: the average moves", RECEIVE, "rcp2", NULL,
	  "MAIN", .lines = { { "SKU-1001", "4", "27.00" } },
	  .stock = { S("SKU-1001", "MAIN", "10", "0", "180.00") } },
	{ "the rest of the return at the rest of its cost", RETURN, "ret2",
	  "shp2", .lines = { { "SKU-1001", "2" } },
	  .stock = { S("SKU-1001", "MAIN", "12", "0", "204.00") },
	  .ol = { OL("so1", 3, "5", "0", "5", "3") },
	  .f = { FS("ret2", "cost", "24.00"),
	  FS("shp2", "receivable", "0.00") } },
	{ "a shipment without an order at the new average", SHP_NEW, "shp3",
	  NULL, "MAIN", .lines = { { "SKU-1001", "3" } } },
	{ "posted: 3 x 17.00", SHP_POST, NULL, "shp3",
	  .stock = { S("SKU-1001", "MAIN", "9", "0", "153.00") },
	  .f = { FS("shp3", "cost", "51.00") } },
	{ "a draft return", RETURN_DRAFT, "ret3", "shp3",
	  .lines = { { "SKU-1001", "1" } },
	  .stock = { S("SKU-1001", "MAIN", "9", "0", "153.00") },
	  .f = { FS("ret3", "status", "draft") } },
	{ "posted later", RET_POST, NULL, "ret3",
	  .stock = { S("SKU-1001", "MAIN", "10", "0", "170.00") },
	  .f = { FS("ret3", "cost", "17.00"), FS("ret3", "status",
	  "posted") } },
	{ "a shipment without an order past the stock: refused", SHP_NEW,
	  "shp4", NULL, "MAIN", .lines = { { "SKU-1002", "9" } } },
	{ "refused naming the line", SHP_POST, NULL, "shp4",
	  .rc = ST_INVALID, .cause = "SKU-1002 at MAIN: 3 available, 9 "
	  "requested", .errline = 1,
	  .stock = { S("SKU-1002", "MAIN", "3", "0", "150.00") } },
	{ "an order to cancel", SO_NEW, "so3", NULL, "MAIN",
	  .lines = { { "SKU-1002", "2" } } },
	{ "confirmed", SO_CONFIRM, NULL, "so3",
	  .stock = { S("SKU-1002", "MAIN", "3", "2", "150.00") } },
	{ "its stock cannot go to another order", SO_NEW, "so4", NULL,
	  "MAIN", .lines = { { "SKU-1002", "2" } } },
	{ "refused", SO_CONFIRM, NULL, "so4", .rc = ST_INVALID,
	  .cause = "SKU-1002 at MAIN: 1 available, 2 requested",
	  .errline = 1 },
	{ "cancel releases", SO_CANCEL, NULL, "so3",
	  .stock = { S("SKU-1002", "MAIN", "3", "0", "150.00") },
	  .ol = { OL("so3", 1, "2", "0", "0", "0") },
	  .f = { FS("so3", "status", "cancelled") } },
	{ "cancelled twice: refused", SO_CANCEL, NULL, "so3",
	  .rc = ST_INVALID, .cause = "only a draft or confirmed order" },
	{ "now the other order reserves", SO_CONFIRM, NULL, "so4",
	  .stock = { S("SKU-1002", "MAIN", "3", "2", "150.00") } },
	{ "a part shipped", SHIP, "shp5", "so4",
	  .lines = { { "SKU-1002", "1" } } },
	{ "posted", SHP_POST, NULL, "shp5",
	  .stock = { S("SKU-1002", "MAIN", "2", "1", "100.00") },
	  .ol = { OL("so4", 1, "2", "1", "1", "0") } },
	{ "cancel after a part: closed, the rest released", SO_CANCEL, NULL,
	  "so4", .stock = { S("SKU-1002", "MAIN", "2", "0", "100.00") },
	  .ol = { OL("so4", 1, "2", "0", "1", "0") },
	  .f = { FS("so4", "status", "closed") } },
	{ "a quote", QT_NEW, "qt1", NULL, "MAIN",
	  .lines = { { "SKU-1001", "2", "20.00" } },
	  .f = { FS("qt1", "status", "draft"), FS("qt1", "gross", "48.00") } },
	{ "a draft quote is not ordered", QT_ACTION, NULL, "qt1",
	  .action = "order", .rc = ST_INVALID, .cause = "it cannot be" },
	{ "sent", QT_ACTION, NULL, "qt1", .action = "send",
	  .f = { FS("qt1", "status", "sent") } },
	{ "ordered: an order draft of its lines", QT_ACTION, "so5", "qt1",
	  .action = "order",
	  .stock = { S("SKU-1001", "MAIN", "10", "0", "170.00") },
	  .ol = { OL("so5", 1, "2", "0", "0", "0") },
	  .f = { FS("qt1", "status", "accepted"), FS("so5", "quote", "qt1"),
	  FS("so5", "gross", "48.00"), FS("so5", "status", "draft") } },
	{ "confirmed", SO_CONFIRM, NULL, "so5",
	  .stock = { S("SKU-1001", "MAIN", "10", "2", "170.00") } },
	/* A quote past its date: accepted or ordered only when the clerk,
	 * told, says so. */
	{ "another quote", QT_NEW, "qtx", NULL, "MAIN",
	  .lines = { { "SKU-1001", "1", "20.00" } } },
	{ "... valid until 01.01.2020", QT_PAST, NULL, "qtx", NULL,
	  .rc = ST_OK },
	{ "... sent", QT_ACTION, NULL, "qtx", NULL, .action = "send" },
	{ "expired: not accepted", QT_ACTION, NULL, "qtx", .action = "accept",
	  .rc = ST_INVALID, .cause = "was valid until 01.01.2020: it may be "
	  "accepted anyway", .f = { FS("qtx", "status", "sent") } },
	{ "expired: no order of it", QT_ACTION, NULL, "qtx",
	  .action = "order", .rc = ST_INVALID,
	  .cause = "it may be accepted anyway" },
	{ "... unless told", QT_ACTION, NULL, "qtx", .action = "accept",
	  .flags = POST_OVER, .f = { FS("qtx", "status", "accepted") } },
	/* A fraction of a product counted in whole pcs: refused on every
	 * document's line, as its stock move would be, naming the line. */
	{ "1.5 pcs on an order's line 2: refused", SO_NEW, NULL, NULL,
	  "MAIN", .lines = { { "SKU-1002", "1" }, { "SKU-1001", "1.5" } },
	  .rc = ST_INVALID, .cause = "SKU-1001 is counted in whole pcs, "
	  "got 1,5", .errline = 2 },
	{ "... on a quote's", QT_NEW, NULL, NULL, "MAIN",
	  .lines = { { "SKU-1001", "2.5" } }, .rc = ST_INVALID,
	  .cause = "SKU-1001 is counted in whole pcs, got 2,5",
	  .errline = 1 },
	{ "... on a shipment's", SHP_NEW, NULL, NULL, "MAIN",
	  .lines = { { "SKU-1001", "0.5" } }, .rc = ST_INVALID,
	  .cause = "SKU-1001 is counted in whole pcs, got 0,5",
	  .errline = 1 },
	{ "... an order's line edited to it", SO_EDIT, NULL, "so5",
	  .lines = { { NULL, "2.5" } }, .rc = ST_INVALID,
	  .cause = "SKU-1001 is counted in whole pcs, got 2,5",
	  .stock = { S("SKU-1001", "MAIN", "10", "2", "170.00") },
	  .ol = { OL("so5", 1, "2", "2", "0", "0") } },
	{ "... a return of it", RETURN, NULL, "shp3",
	  .lines = { { "SKU-1001", "0.5" } }, .rc = ST_INVALID,
	  .cause = "SKU-1001 is counted in whole pcs, got 0,5",
	  .errline = 1,
	  .stock = { S("SKU-1001", "MAIN", "10", "2", "170.00") } },
	{ "1.5 kg is a quantity of paint", QT_NEW, "qt2", NULL, "MAIN",
	  .lines = { { "SKU-1002", "1.5" } },
	  .f = { FS("qt2", "status", "draft") } },
	/*
	 * Lots on shipments: LOT-1 is kept by lots.  First to expire
	 * first: AA and B expire on the same day (AA first by name), A
	 * later, M and N never (after those that do, by name).
	 */
	{ "lots come in", RECEIVE, "rcpL1", NULL, "MAIN",
	  .lines = { LOTLINE("LOT-1", "4", "B", "2026-06-30"),
	  LOTLINE("LOT-1", "3", "A", "2026-09-30"),
	  LOTLINE("LOT-1", "5", "N", NULL) },
	  .stock = { S("LOT-1", "MAIN", "12", "0", "120.00") } },
	{ "more lots", RECEIVE, "rcpL2", NULL, "MAIN",
	  .lines = { LOTLINE("LOT-1", "2", "AA", "2026-06-30"),
	  LOTLINE("LOT-1", "1", "M", NULL) },
	  .stock = { S("LOT-1", "MAIN", "15", "0", "150.00") },
	  .lots = { LT("LOT-1", "MAIN", "AA", "2"),
	  LT("LOT-1", "MAIN", "B", "4"), LT("LOT-1", "MAIN", "M", "1") } },
	{ "a shipment of a lot product naming no lot", SHP_NEW, "shpL1", NULL,
	  "MAIN", .lines = { { "LOT-1", "1" } } },
	{ "posted: the first to expire, by name among the same day",
	  SHP_POST, NULL, "shpL1",
	  .stock = { S("LOT-1", "MAIN", "14", "0", "140.00") },
	  .lots = { LT("LOT-1", "MAIN", "AA", "1"),
	  LT("LOT-1", "MAIN", "B", "4"), LT("LOT-1", "MAIN", "A", "3") },
	  .lf = { LF("shpL1", 1, "lot", "AA"), LF("shpL1", 1, "cost",
	  "10.00") },
	  .f = { FS("shpL1", "cost", "10.00") } },
	{ "a line that needs two lots", SHP_NEW, "shpL2", NULL, "MAIN",
	  .lines = { { "LOT-1", "4" } } },
	{ "posted: split over them, one move each, the cost their sum",
	  SHP_POST, NULL, "shpL2",
	  .stock = { S("LOT-1", "MAIN", "10", "0", "100.00") },
	  .lots = { LT("LOT-1", "MAIN", "AA", "0"),
	  LT("LOT-1", "MAIN", "B", "1"), LT("LOT-1", "MAIN", "A", "3") },
	  .lf = { LF("shpL2", 1, "lot", "AA, B"), LF("shpL2", 1, "cost",
	  "40.00") },
	  .f = { FS("shpL2", "cost", "40.00") } },
	{ "a line naming its lot", SHP_NEW, "shpL3", NULL, "MAIN",
	  .lines = { { "LOT-1", "2", NULL, "N" } } },
	{ "posted: from that lot, not the first to expire", SHP_POST, NULL,
	  "shpL3", .stock = { S("LOT-1", "MAIN", "8", "0", "80.00") },
	  .lots = { LT("LOT-1", "MAIN", "N", "3"),
	  LT("LOT-1", "MAIN", "B", "1") },
	  .lf = { LF("shpL3", 1, "lot", "N") } },
	{ "a line naming a lot that is short", SHP_NEW, "shpL4", NULL,
	  "MAIN", .lines = { { "LOT-1", "2", NULL, "M" } } },
	{ "refused naming the lot and what it holds; nothing changed",
	  SHP_POST, NULL, "shpL4", .rc = ST_INVALID,
	  .cause = "LOT-1 lot M at MAIN: 1 available, 2 requested",
	  .errline = 1,
	  .stock = { S("LOT-1", "MAIN", "8", "0", "80.00") },
	  .lots = { LT("LOT-1", "MAIN", "M", "1") },
	  .lf = { LF("shpL4", 1, "lot", "M") },
	  .f = { FS("shpL4", "status", "draft") } },
	{ "lots without expiry after those with it", SHP_NEW, "shpL5", NULL,
	  "MAIN", .lines = { { "LOT-1", "5" } } },
	{ "posted: B, A, then M before N", SHP_POST, NULL, "shpL5",
	  .stock = { S("LOT-1", "MAIN", "3", "0", "30.00") },
	  .lots = { LT("LOT-1", "MAIN", "B", "0"),
	  LT("LOT-1", "MAIN", "A", "0"), LT("LOT-1", "MAIN", "M", "0"),
	  LT("LOT-1", "MAIN", "N", "3") },
	  .lf = { LF("shpL5", 1, "lot", "B, A, M") },
	  .f = { FS("shpL5", "cost", "50.00") } },
	{ "a count finds 2 more, in no lot", RECEIVE, "cntL1", NULL, "MAIN",
	  .doctype = "count", .lines = { { "LOT-1", "5" } },
	  .stock = { S("LOT-1", "MAIN", "5", "0", "50.00") },
	  .lots = { LT("LOT-1", "MAIN", "N", "3") } },
	{ "more than the lots hold together", SHP_NEW, "shpL6", NULL, "MAIN",
	  .lines = { { "LOT-1", "4" } } },
	{ "refused naming what the lots hold; nothing changed", SHP_POST,
	  NULL, "shpL6", .rc = ST_INVALID,
	  .cause = "LOT-1 at MAIN: its lots hold 3 (N 3), 4 requested",
	  .errline = 1, .stock = { S("LOT-1", "MAIN", "5", "0", "50.00") },
	  .lots = { LT("LOT-1", "MAIN", "N", "3") },
	  .f = { FS("shpL6", "status", "draft") } },
	{ "a return into the one lot the shipment took", RETURN, "retL1",
	  "shpL3", .lines = { { "LOT-1", "1" } },
	  .stock = { S("LOT-1", "MAIN", "6", "0", "60.00") },
	  .lots = { LT("LOT-1", "MAIN", "N", "4") },
	  .lf = { LF("retL1", 1, "lot", "N") },
	  .f = { FS("retL1", "cost", "10.00") } },
	{ "a return split back over two lots, last to expire first", RETURN,
	  "retL2", "shpL5", .lines = { { "LOT-1", "3" } },
	  .stock = { S("LOT-1", "MAIN", "9", "0", "90.00") },
	  .lots = { LT("LOT-1", "MAIN", "M", "1"),
	  LT("LOT-1", "MAIN", "A", "2"), LT("LOT-1", "MAIN", "B", "0") },
	  .lf = { LF("retL2", 1, "lot", "M, A"), LF("retL2", 1, "cost",
	  "30.00") },
	  .f = { FS("retL2", "cost", "30.00") } },
	{ "a return into a lot past what the shipment took from it", RETURN,
	  NULL, "shpL5", .lines = { { "LOT-1", "2", NULL, "B" } },
	  .rc = ST_INVALID, .cause = "LOT-1 lot B: 2 to return, but 1 "
	  "shipped from it in", .errline = 1,
	  .stock = { S("LOT-1", "MAIN", "9", "0", "90.00") },
	  .lots = { LT("LOT-1", "MAIN", "B", "0") } },
	{ "... or past it less what came back into it", RETURN, NULL,
	  "shpL5", .lines = { { "LOT-1", "2", NULL, "A" } },
	  .rc = ST_INVALID, .cause = "LOT-1 lot A: 2 to return, but 3 "
	  "shipped from it in", .errline = 1,
	  .lots = { LT("LOT-1", "MAIN", "A", "2") } },
	{ "... or into a lot it did not take", RETURN, NULL, "shpL5",
	  .lines = { { "LOT-1", "1", NULL, "N" } }, .rc = ST_INVALID,
	  .cause = "LOT-1 lot N: 1 to return, but 0 shipped from it in",
	  .errline = 1 },
	{ "a return into the lot it names", RETURN, "retL3", "shpL5",
	  .lines = { { "LOT-1", "1", NULL, "A" } },
	  .stock = { S("LOT-1", "MAIN", "10", "0", "100.00") },
	  .lots = { LT("LOT-1", "MAIN", "A", "3"),
	  LT("LOT-1", "MAIN", "B", "0") },
	  .lf = { LF("retL3", 1, "lot", "A") } },
	{ "the rest of it: what is left of B", RETURN, "retL4", "shpL5",
	  .lines = { { "LOT-1", "1" } },
	  .lots = { LT("LOT-1", "MAIN", "B", "1"),
	  LT("LOT-1", "MAIN", "A", "3"), LT("LOT-1", "MAIN", "M", "1") },
	  .lf = { LF("retL4", 1, "lot", "B") } },
	{ "a line naming a lot after one that names none", SHP_NEW, "shpL7",
	  NULL, "MAIN", .lines = { { "LOT-1", "2" },
	  { "LOT-1", "1", NULL, "B" } } },
	{ "posted: the lot named is taken first, the other line goes on",
	  SHP_POST, NULL, "shpL7",
	  .stock = { S("LOT-1", "MAIN", "8", "0", "80.00") },
	  .lots = { LT("LOT-1", "MAIN", "B", "0"),
	  LT("LOT-1", "MAIN", "A", "1") },
	  .lf = { LF("shpL7", 1, "lot", "A"), LF("shpL7", 2, "lot", "B") } },
	/*
	 * A service (SRV-1) is not kept in stock: nothing reserved, moved
	 * or costed, but it is shipped, owed for and returned like the
	 * goods beside it.
	 */
	{ "an order of goods and a service", SO_NEW, "soS1", NULL, "MAIN",
	  .lines = { { "SKU-1001", "2" }, { "SRV-1", "1" } },
	  .f = { FS("soS1", "gross", "156.00") } },
	{ "confirming reserves the goods only", SO_CONFIRM, NULL, "soS1",
	  .stock = { S("SKU-1001", "MAIN", "10", "4", "170.00"),
	  S("SRV-1", "MAIN", "0", "0", "0.00") },
	  .ol = { OL("soS1", 1, "2", "2", "0", "0"),
	  OL("soS1", 2, "1", "0", "0", "0") },
	  .f = { FS("soS1", "status", "confirmed") } },
	{ "its shipment draft has both", SHIP, "shpS1", "soS1",
	  .f = { FS("shpS1", "status", "draft") } },
	{ "posted: one move, the service shipped at no cost, all owed",
	  SHP_POST, NULL, "shpS1",
	  .stock = { S("SKU-1001", "MAIN", "8", "2", "136.00"),
	  S("SRV-1", "MAIN", "0", "0", "0.00") },
	  .ol = { OL("soS1", 1, "2", "0", "2", "0"),
	  OL("soS1", 2, "1", "0", "1", "0") },
	  .lf = { LF("shpS1", 2, "cost", "0.00"), LF("shpS1", 1, "cost",
	  "34.00") },
	  .f = { FS("shpS1", "cost", "34.00"), FS("shpS1", "gross", "156.00"),
	  FS("shpS1", "receivable", "156.00"),
	  FS("soS1", "status", "shipped") } },
	{ "the service returned: no move, what is owed goes down", RETURN,
	  "retS1", "shpS1", .lines = { { "SRV-1", "1" } },
	  .stock = { S("SKU-1001", "MAIN", "8", "2", "136.00"),
	  S("SRV-1", "MAIN", "0", "0", "0.00") },
	  .ol = { OL("soS1", 2, "1", "0", "1", "1") },
	  .f = { FS("retS1", "cost", "0.00"), FS("retS1", "gross", "120.00"),
	  FS("shpS1", "receivable", "36.00"),
	  FS("retS1", "status", "posted") } },
	{ "an order of a service alone", SO_NEW, "soS2", NULL, "MAIN",
	  .lines = { { "SRV-1", "2" } } },
	{ "confirmed though none is in stock: nothing held", SO_CONFIRM,
	  NULL, "soS2", .ol = { OL("soS2", 1, "2", "0", "0", "0") },
	  .stock = { S("SRV-1", "MAIN", "0", "0", "0.00") },
	  .f = { FS("soS2", "status", "confirmed") } },
	{ "edited up while confirmed: still nothing held", SO_EDIT, NULL,
	  "soS2", .lines = { { NULL, "5" } },
	  .ol = { OL("soS2", 1, "5", "0", "0", "0") },
	  .stock = { S("SRV-1", "MAIN", "0", "0", "0.00") } },
	{ "cancelled: nothing to release", SO_CANCEL, NULL, "soS2",
	  .ol = { OL("soS2", 1, "5", "0", "0", "0") },
	  .f = { FS("soS2", "status", "cancelled") } },
	{ "a service on a receipt: owed for, no move", RECEIVE, "rcpS1", NULL,
	  "MAIN", .lines = { { "SRV-1", "2", "500.00" } },
	  .stock = { S("SRV-1", "MAIN", "0", "0", "0.00") },
	  .f = { FS("rcpS1", "payable", "1200.00"),
	  FS("rcpS1", "status", "posted") } },
	{ "a service in a count: refused, naming it", RECEIVE, NULL, NULL,
	  "MAIN", .doctype = "count", .lines = { { "SKU-1001", "8" },
	  { "SRV-1", "1" } }, .rc = ST_INVALID,
	  .cause = "SRV-1 is a service: it is not kept in stock",
	  .errline = 2,
	  .stock = { S("SKU-1001", "MAIN", "8", "2", "136.00") } },
	{ "... and in a write-off", RECEIVE, NULL, NULL, "MAIN",
	  .doctype = "issue", .lines = { { "SRV-1", "1" } },
	  .rc = ST_INVALID,
	  .cause = "SRV-1 is a service: it is not kept in stock",
	  .errline = 1 },
};

/* --- the store ------------------------------------------------------------ */

static struct store	*st;

static const char *const setup_rows[][16] = {
	{ "users", "login", LOGIN, "name", "Тест Тестович", "roles",
	  "admin" },
	{ "warehouses", "code", "MAIN", "name", "Main" },
	{ "customers", "code", "ACME", "name", "ООО «Ромашка»", "kind",
	  "company" },
	{ "products", "sku", "SKU-1001", "name", "Болт М8×40",
	  "purchase_price", "10.00", "sale_price", "15.00", "vat", "20" },
	{ "products", "sku", "SKU-1002", "name", "Краска белая", "unit",
	  "kg", "purchase_price", "50.00", "sale_price", "70.00", "vat",
	  "20" },
	{ "products", "sku", "SKU-1003", "name", "Гайка М8", "vat", "20",
	  "sale_price", "1.00" },
	{ "products", "sku", "LOT-1", "name", "Кефир 2,5 %", "lots", "yes",
	  "purchase_price", "10.00", "sale_price", "20.00", "vat", "10" },
	{ "products", "sku", "SRV-1", "name", "Монтаж", "kind", "service",
	  "sale_price", "100.00", "vat", "20" },
	/* test_save_confirm_in_one's, and a customer held to 100.00. */
	{ "products", "sku", "ONE-1", "name", "Шуруп", "purchase_price",
	  "10.00", "sale_price", "20.00", "vat", "20" },
	{ "products", "sku", "ONE-2", "name", "Дюбель", "purchase_price",
	  "5.00", "sale_price", "10.00", "vat", "10" },
	{ "customers", "code", "TIGHT", "name", "ООО «Лимит»", "kind",
	  "company", "credit_limit", "100.00" },
};

static int
group_setup(void **state)
{
	(void)state;
	st = mt_open_rows("sales", setup_rows[0], NITEMS(setup_rows),
	    NITEMS(setup_rows[0]));
	return (st == NULL ? -1 : 0);
}

/* --- running a case -------------------------------------------------------- */

struct run {
	const struct scase	*c;
	uint64_t		 newid;
	const struct entity_def	*newe;
	int64_t			 errline;
};

static struct record *
line_of(enum sales_kind k, const struct lspec *ls)
{
	struct record	*l = record_new(sales_lines(k));

	mt_set(l, "product", ls->sku);
	mt_set(l, "qty", ls->qty);
	mt_set(l, "price", ls->price);
	if (k == SALES_SHIPMENT || k == SALES_RETURN)
		mt_set(l, "lot", ls->lot);
	return (l);
}

/* A document of the case's lines, saved whole. */
static int
make_doc(struct tx *x, struct run *a, enum sales_kind k, char **cause)
{
	const struct scase	*c = a->c;
	struct record		*h, *ls[3];
	size_t			 n;
	int			 rc;

	h = record_new(sales_header(k));
	if (k != SALES_SHIPMENT || c->ref == NULL)
		mt_set(h, "customer", "ACME");
	mt_set(h, "warehouse", c->wh);
	for (n = 0; n < NITEMS(c->lines) && c->lines[n].sku != NULL; n++)
		ls[n] = line_of(k, &c->lines[n]);
	rc = sales_save(x, h, 0, 1, ls, n, &a->errline, cause);
	a->newid = record_id(h);
	a->newe = h->ent;
	record_free(h);
	while (n > 0)
		record_free(ls[--n]);
	return (rc);
}

static int
receive(struct tx *x, struct run *a, char **cause)
{
	const struct entity_def	*de = dict_entity("stock_docs");
	const struct entity_def	*le = dict_entity("stock_lines");
	struct record		*d, *l;
	size_t			 i;
	int			 rc;

	d = record_new(de);
	mt_set(d, "type", a->c->doctype != NULL ? a->c->doctype : "receipt");
	mt_set(d, "warehouse", a->c->wh);
	rc = model_save(x, d, 0, cause);
	a->newid = record_id(d);
	a->newe = de;
	record_free(d);
	for (i = 0; rc == ST_OK && i < NITEMS(a->c->lines) &&
	    a->c->lines[i].sku != NULL; i++) {
		l = record_new(le);
		record_set_int(l, dict_field_pos(le, "doc"), (int64_t)a->newid);
		mt_set(l, "product", a->c->lines[i].sku);
		mt_set(l, "qty", a->c->lines[i].qty);
		mt_set(l, "unit_cost", a->c->lines[i].price);
		mt_set(l, "lot", a->c->lines[i].lot);
		mt_set(l, "expiry", a->c->lines[i].expiry);
		rc = model_save(x, l, 0, cause);
		record_free(l);
	}
	if (rc == ST_OK)
		rc = stock_post(x, a->newid, 0, &a->errline, cause);
	return (rc);
}

/* Line n (1-based) of a document, or the first of product sku. */
static int
nth_line(struct tx *x, enum sales_kind k, uint64_t doc, int n,
    const char *sku, struct record **out)
{
	static const char *const parent[] = { "quote", "order", "shipment",
	    "cust_return" };
	const struct entity_def	*le = sales_lines(k);
	struct ids		 got;
	size_t			 i;
	int			 rc;

	*out = NULL;
	if ((rc = stock_ids(x, le, parent[k], doc, 0, &got)) != ST_OK)
		return (rc);
	for (i = 0; i < got.n && *out == NULL; i++) {
		struct record	*l;

		if ((rc = tx_get(x, le, got.v[i], 1, &l)) != ST_OK)
			break;
		if (sku != NULL ? (uint64_t)record_int(l, dict_field_pos(le,
		    "product")) == mt_id_of(st, "products", sku) :
		    record_int(l, dict_field_pos(le, "line")) == n)
			*out = l;
		else
			record_free(l);
	}
	free(got.v);
	if (rc == ST_OK && *out == NULL)
		rc = ST_NOTFOUND;
	return (rc);
}

static int
case_tx(struct tx *x, void *arg, char **cause)
{
	struct run		*a = arg;
	const struct scase	*c = a->c;
	struct record		*l, *r;
	uint64_t		 ref = c->ref ? mt_name_get(c->ref)->id : 0;
	int			 rc;

	a->errline = 0;
	a->newid = 0;
	switch (c->act) {
	case RECEIVE:
		return (receive(x, a, cause));
	case SO_NEW:
		return (make_doc(x, a, SALES_ORDER, cause));
	case QT_NEW:
		return (make_doc(x, a, SALES_QUOTE, cause));
	case SHP_NEW:
		return (make_doc(x, a, SALES_SHIPMENT, cause));
	case SO_CONFIRM:
		return (so_confirm(x, ref, c->flags, &a->errline, cause));
	case SO_CANCEL:
		return (so_cancel(x, ref, cause));
	case SO_CLOSE:
		return (so_close(x, ref, cause));
	case SO_EDIT:
		if ((rc = nth_line(x, SALES_ORDER, ref, 1, NULL, &l)) !=
		    ST_OK)
			return (rc);
		mt_set(l, "qty", c->lines[0].qty);
		rc = model_save(x, l, record_rev(l), cause);
		record_free(l);
		return (rc);
	case SO_ADD:
		l = line_of(SALES_ORDER, &c->lines[0]);
		record_set_int(l, dict_field_pos(l->ent, "order"),
		    (int64_t)ref);
		rc = model_save(x, l, 0, cause);
		record_free(l);
		return (rc);
	case SO_DROP:
		if ((rc = nth_line(x, SALES_ORDER, ref, 1, NULL, &l)) !=
		    ST_OK)
			return (rc);
		rc = model_delete(x, l->ent, record_id(l), 0, cause);
		record_free(l);
		return (rc);
	case SHIP:
		if ((rc = so_ship(x, ref, &a->newid, cause)) != ST_OK)
			return (rc);
		a->newe = sales_header(SALES_SHIPMENT);
		if (c->lines[0].qty == NULL)
			return (ST_OK);
		if ((rc = nth_line(x, SALES_SHIPMENT, a->newid, 0,
		    c->lines[0].sku, &l)) != ST_OK)
			return (rc);
		mt_set(l, "qty", c->lines[0].qty);
		rc = model_save(x, l, record_rev(l), cause);
		record_free(l);
		return (rc);
	case SHP_POST:
		return (shipment_post(x, ref, c->flags, &a->errline, cause));
	case RETURN:
	case RETURN_DRAFT:
		if ((rc = store_lookup(tx_store(x), dict_entity("products"),
		    FX_CODE, &(struct value){ .set = 1,
		    .s = (char *)c->lines[0].sku }, &r)) != ST_OK)
			return (rc);
		rc = return_make(x, ref, record_id(r), mt_num(dict_field(
		    sales_lines(SALES_RETURN), "qty"), c->lines[0].qty),
		    c->lines[0].lot, NULL, c->act == RETURN_DRAFT, &a->newid,
		    &a->errline, cause);
		a->newe = sales_header(SALES_RETURN);
		record_free(r);
		return (rc);
	case RET_POST:
		return (return_post(x, ref, &a->errline, cause));
	case QT_ACTION:
		rc = quote_action(x, ref, c->action, c->flags, &a->newid,
		    cause);
		a->newe = sales_header(SALES_ORDER);
		return (rc);
	case QT_PAST:
		if ((rc = tx_get(x, sales_header(SALES_QUOTE), ref, 0, &r)) !=
		    ST_OK)
			return (rc);
		record_set_int(r, dict_field_pos(r->ent, "valid_until"),
		    20200101);
		rc = model_save(x, r, record_rev(r), cause);
		record_free(r);
		return (rc);
	}
	return (ST_ERR);
}

/* What is left of a lot (0: nothing, or never there). */
struct lotq {
	uint64_t	 pid, wid;
	const char	*lot;
	int64_t		 qty;
};

static int
lotq_tx(struct tx *x, void *arg, char **cause)
{
	struct lotq		*q = arg;
	struct stock_lot	*v;
	size_t			 n, i;
	int			 rc;

	(void)cause;
	q->qty = 0;
	if ((rc = stock_lots(x, q->pid, q->wid, &v, &n)) != ST_OK)
		return (rc);
	for (i = 0; i < n; i++)
		if (strcmp(v[i].lot, q->lot) == 0)
			q->qty = v[i].qty;
	stock_lots_free(v, n);
	return (ST_OK);
}

/* A field of line n of a sales document, as text. */
struct lfq {
	const struct mt_named	*doc;
	int			 line;
	const char		*field;
	char			 got[128];
};

static int
lfq_tx(struct tx *x, void *arg, char **cause)
{
	struct lfq		*q = arg;
	enum sales_kind		 k = sales_kind_of(q->doc->e);
	struct record		*l;
	char			*s;
	int			 rc;

	(void)cause;
	if ((rc = nth_line(x, k, q->doc->id, q->line, NULL, &l)) != ST_OK)
		return (rc);
	s = value_format(dict_field(l->ent, q->field),
	    &l->v[dict_field_pos(l->ent, q->field)]);
	snprintf(q->got, sizeof q->got, "%s", s != NULL ? s : "(unset)");
	free(s);
	record_free(l);
	return (ST_OK);
}

static void
check_case(size_t k, const struct scase *c)
{
	const struct entity_def	*le = sales_lines(SALES_ORDER);
	struct record		*r;
	struct value		 v;
	char			 got[64], exp[64];
	size_t			 i;

	for (i = 0; i < NITEMS(c->stock) && c->stock[i].sku != NULL; i++) {
		static const char *const cols[] = { "on_hand", "reserved",
		    "value" };
		const char	*want[3];

		want[0] = c->stock[i].on_hand;
		want[1] = c->stock[i].reserved;
		want[2] = c->stock[i].value;
		mt_expect_stock(st, k, c->what, c->stock[i].sku,
		    c->stock[i].wh, cols, want, NITEMS(cols));
	}
	for (i = 0; i < NITEMS(c->ol) && c->ol[i].order != NULL; i++) {
		static const char *const cols[] = { "qty", "reserved",
		    "shipped", "returned" };
		struct ids	 ids;
		const char	*want[4];
		size_t		 j, m;
		int		 found = 0;

		want[0] = c->ol[i].qty;
		want[1] = c->ol[i].reserved;
		want[2] = c->ol[i].shipped;
		want[3] = c->ol[i].returned;
		memset(&ids, 0, sizeof ids);
		memset(&v, 0, sizeof v);
		v.set = 1;
		v.i = (int64_t)mt_name_get(c->ol[i].order)->id;
		{
			struct record	**rows;
			size_t		  n;

			assert_int_equal(store_scan(st, le,
			    dict_field_pos(le, "order"), &v, 0, 1, 100,
			    &rows, &n), ST_OK);
			for (m = 0; m < n; m++) {
				if (record_int(rows[m], dict_field_pos(le,
				    "order")) == v.i && record_int(rows[m],
				    dict_field_pos(le, "line")) ==
				    c->ol[i].line) {
					found = 1;
					for (j = 0; j < 4; j++) {
						int64_t	 g = record_int(
						    rows[m], dict_field_pos(le,
						    cols[j]));

						qty_format(g, got, sizeof got);
						EXPECT(g == mt_num(dict_field(le,
						    cols[j]), want[j]),
						    "case %zu (%s): %s line "
						    "%d: %s %s, want %s", k,
						    c->what, c->ol[i].order,
						    c->ol[i].line, cols[j],
						    got, want[j]);
					}
				}
			}
			stock_rows_free(rows, n);
		}
		EXPECT(found, "case %zu (%s): %s has no line %d", k, c->what,
		    c->ol[i].order, c->ol[i].line);
	}
	for (i = 0; i < NITEMS(c->f) && c->f[i].doc != NULL; i++) {
		const struct mt_named	*n = mt_name_get(c->f[i].doc);
		const struct field_def	*f = dict_field(n->e, c->f[i].field);
		const struct mt_named	*t;

		if (f == NULL)		/* a field of its lines: skip */
			continue;
		assert_int_equal(store_get(st, n->e, n->id, &r), ST_OK);
		if (f->type == FT_REF) {
			t = mt_name_find_id((uint64_t)record_int(r,
			    dict_field_pos(n->e, f->name)),
			    dict_entity(f->ref));
			snprintf(got, sizeof got, "%s", t ? t->name : "?");
		} else {
			char	*s = value_format(f, &r->v[dict_field_pos(n->e,
			    f->name)]);

			snprintf(got, sizeof got, "%s", s ? s : "(unset)");
			free(s);
		}
		snprintf(exp, sizeof exp, "%s", c->f[i].value ?
		    c->f[i].value : "(unset)");
		EXPECT(strcmp(got, exp) == 0, "case %zu (%s): %s.%s %s, want "
		    "%s", k, c->what, c->f[i].doc, c->f[i].field, got, exp);
		record_free(r);
	}
	for (i = 0; i < NITEMS(c->lf) && c->lf[i].doc != NULL; i++) {
		struct lfq	 q;
		char		*cause = NULL;

		memset(&q, 0, sizeof q);
		q.doc = mt_name_get(c->lf[i].doc);
		q.line = c->lf[i].line;
		q.field = c->lf[i].field;
		assert_int_equal(store_run(st, LOGIN, "test", lfq_tx, &q,
		    &cause), ST_OK);
		EXPECT(strcmp(q.got, c->lf[i].value) == 0, "case %zu (%s): %s "
		    "line %d %s %s, want %s", k, c->what, c->lf[i].doc,
		    c->lf[i].line, c->lf[i].field, q.got, c->lf[i].value);
	}
	for (i = 0; i < NITEMS(c->lots) && c->lots[i].sku != NULL; i++) {
		struct lotq	 q;
		char		*cause = NULL;

		memset(&q, 0, sizeof q);
		q.pid = mt_id_of(st, "products", c->lots[i].sku);
		q.wid = mt_id_of(st, "warehouses", c->lots[i].wh);
		q.lot = c->lots[i].lot;
		assert_int_equal(store_run(st, LOGIN, "test", lotq_tx, &q,
		    &cause), ST_OK);
		qty_format(q.qty, got, sizeof got);
		EXPECT(q.qty == mt_num(dict_field(dict_entity("stock_moves"),
		    "qty"), c->lots[i].qty), "case %zu (%s): %s lot %s at %s: "
		    "%s left, want %s", k, c->what, c->lots[i].sku,
		    c->lots[i].lot, c->lots[i].wh, got, c->lots[i].qty);
	}
}

static void
run_case(size_t k, const struct scase *c)
{
	struct run	 a;
	char		*cause = NULL;
	int		 rc;

	memset(&a, 0, sizeof a);
	a.c = c;
	rc = store_run(st, LOGIN, "test", case_tx, &a, &cause);
	mt_expect_result(k, c->what, rc, c->rc, cause, c->cause, a.errline,
	    c->errline);
	if (rc == ST_OK && c->name != NULL && a.newid != 0)
		mt_name_put(c->name, a.newe, a.newid);
	free(cause);
	check_case(k, c);
}

static void
run_nth(size_t k)
{
	run_case(k, &cases[k - 1]);
}

static void
test_sales_transitions(void **state)
{
	(void)state;
	mt_run_cases(NITEMS(cases), run_nth);
}

/* The moves of a document (field: its field in the ledger), as
 * "qty lot expiry" lines in the ledger's order. */
static void
moves_of(const char *field, const char *doc, char *out, size_t len)
{
	const struct entity_def	*me = dict_entity("stock_moves");
	struct record		**rows;
	struct value		 key;
	size_t			 n, i, at = 0;
	char			 q[32];

	memset(&key, 0, sizeof key);
	key.set = 1;
	key.i = (int64_t)mt_name_get(doc)->id;
	out[0] = '\0';
	assert_int_equal(store_scan(st, me, dict_field_pos(me, field), &key, 0,
	    1, 100, &rows, &n), ST_OK);
	for (i = 0; i < n; i++) {
		if (record_int(rows[i], dict_field_pos(me, field)) != key.i)
			continue;
		qty_format(record_int(rows[i], dict_field_pos(me, "qty")), q,
		    sizeof q);
		at += (size_t)snprintf(out + at, len - at, "%s%s %s %lld",
		    at > 0 ? "; " : "", q, record_str(rows[i],
		    dict_field_pos(me, "lot")) ? record_str(rows[i],
		    dict_field_pos(me, "lot")) : "-", (long long)record_int(
		    rows[i], dict_field_pos(me, "expiry")));
		if (at >= len)
			at = len - 1;
	}
	stock_rows_free(rows, n);
}

/* Each lot leaves and comes back with its expiry on the move. */
static void
test_moves_carry_lot_and_expiry(void **state)
{
	char	 got[512];

	(void)state;
	moves_of("shipment", "shpL5", got, sizeof got);
	assert_string_equal(got, "-1 B 20260630; -3 A 20260930; -1 M 0");
	moves_of("cust_return", "retL2", got, sizeof got);
	assert_string_equal(got, "1 M 0; 2 A 20260930");
	moves_of("cust_return", "retL3", got, sizeof got);
	assert_string_equal(got, "1 A 20260930");
}

/* A service has no stock row and no move: the shipment of goods and a
 * service moved the goods only, its return moved nothing; what ACME owes
 * for that shipment is its gross less the service returned. */
static int
service_debt_tx(struct tx *x, void *arg, char **cause)
{
	struct money_balance	 b;
	struct money_doc	*docs;
	size_t			 n, i;
	int64_t			*owed = arg;
	int			 rc;

	(void)cause;
	*owed = -1;
	if ((rc = money_balance(x, 0, mt_id_of(st, "customers", "ACME"),
	    INT64_MAX, &b, &docs, &n)) != ST_OK)
		return (rc);
	for (i = 0; i < n; i++)
		if (strcmp(docs[i].entity, "shipments") == 0 &&
		    docs[i].id == mt_name_get("shpS1")->id)
			*owed = docs[i].amount - docs[i].paid;
	free(docs);
	return (ST_OK);
}

static void
test_service_not_stocked(void **state)
{
	const struct entity_def	*me = dict_entity("stock_moves");
	struct record		*r, **rows;
	struct value		 key;
	char			 got[512], *cause = NULL;
	int64_t			 owed;
	size_t			 n, i, moves = 0;

	(void)state;
	r = mt_stock_row(st, "SRV-1", "MAIN");
	assert_null(r);
	moves_of("shipment", "shpS1", got, sizeof got);
	assert_string_equal(got, "-2 - 0");
	moves_of("cust_return", "retS1", got, sizeof got);
	assert_string_equal(got, "");
	memset(&key, 0, sizeof key);
	key.set = 1;
	key.i = (int64_t)mt_id_of(st, "products", "SRV-1");
	assert_int_equal(store_scan(st, me, dict_field_pos(me, "product"),
	    &key, 0, 1, 100, &rows, &n), ST_OK);
	for (i = 0; i < n; i++)
		if (record_int(rows[i], dict_field_pos(me, "product")) == key.i)
			moves++;
	stock_rows_free(rows, n);
	assert_int_equal(moves, 0);
	assert_int_equal(store_run(st, LOGIN, "test", service_debt_tx, &owed,
	    &cause), ST_OK);
	assert_int_equal(owed, 3600);
}

/* --- an order saved and confirmed in one request -------------------------- */

/*
 * An order of ONE-1 and ONE-2 (a quantity NULL: no such line) saved
 * and confirmed: in one (sales_save_new with SAVE_CONFIRM, as op
 * "sales" save with post does it for a new order), or as two requests
 * do it, in two transactions (sales_save, then so_confirm).
 */
struct onedoc {
	const char	*cust;
	const char	*qty[2];
	int		 one;
	unsigned	 flags;
	uint64_t	 id;
	int64_t		 errline;
};

static int
one_save_tx(struct tx *x, void *arg, char **cause)
{
	static const char *const sku[] = { "ONE-1", "ONE-2" };
	struct onedoc	*o = arg;
	struct record	*h, *ls[2];
	size_t		 n = 0, i;
	int		 rc;

	o->id = 0;
	o->errline = 0;
	h = record_new(sales_header(SALES_ORDER));
	mt_set(h, "customer", o->cust);
	mt_set(h, "warehouse", "MAIN");
	for (i = 0; i < 2; i++) {
		if (o->qty[i] == NULL)
			continue;
		ls[n] = record_new(sales_lines(SALES_ORDER));
		mt_set(ls[n], "product", sku[i]);
		mt_set(ls[n], "qty", o->qty[i]);
		n++;
	}
	if (o->one)
		rc = sales_save_new(x, h, ls, n, SAVE_CONFIRM | o->flags,
		    NULL, &o->errline, cause);
	else
		rc = sales_save(x, h, 0, 1, ls, n, &o->errline, cause);
	o->id = record_id(h);
	record_free(h);
	while (n > 0)
		record_free(ls[--n]);
	return (rc);
}

static int
one_confirm_tx(struct tx *x, void *arg, char **cause)
{
	struct onedoc	*o = arg;

	return (so_confirm(x, o->id, o->flags, &o->errline, cause));
}

/* The audit's entries since seq, folded: each record's fields as its
 * entries leave them, and how many entries it has. */
struct fold {
	char		 ent[32];
	uint64_t	 id;
	size_t		 entries, n;
	char		*f[64], *v[64];
};
struct folds {
	uint64_t	 from;
	struct fold	 r[32];
	size_t		 n;
};

static int
fold_entry(const struct audit_entry *e, void *arg)
{
	struct folds	*fs = arg;
	struct fold	*r = NULL;
	size_t		 i, j;

	if (e->seq < fs->from || e->entity == NULL)
		return (0);
	for (i = 0; i < fs->n && r == NULL; i++)
		if (strcmp(fs->r[i].ent, e->entity) == 0 &&
		    fs->r[i].id == e->id)
			r = &fs->r[i];
	if (r == NULL) {
		assert_true(fs->n < NITEMS(fs->r));
		r = &fs->r[fs->n++];
		snprintf(r->ent, sizeof r->ent, "%s", e->entity);
		r->id = e->id;
	}
	r->entries++;
	for (i = 0; i < e->nch; i++) {
		for (j = 0; j < r->n; j++)
			if (strcmp(r->f[j], e->ch[i].field) == 0)
				break;
		if (j == r->n) {
			assert_true(r->n < NITEMS(r->f));
			r->f[r->n++] = xstrdup(e->ch[i].field);
		} else
			free(r->v[j]);
		r->v[j] = xstrdup(e->ch[i].after ? e->ch[i].after : "(unset)");
	}
	return (0);
}

static void
folds_read(struct folds *fs, uint64_t from)
{
	char	*cause = NULL;

	memset(fs, 0, sizeof *fs);
	fs->from = from;
	assert_int_equal(store_audit_walk(st, from, fold_entry, fs, &cause),
	    0);
}

static void
folds_free(struct folds *fs)
{
	size_t	 i, j;

	for (i = 0; i < fs->n; i++)
		for (j = 0; j < fs->r[i].n; j++) {
			free(fs->r[i].f[j]);
			free(fs->r[i].v[j]);
		}
}

static int
str_cmp(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

/* The records of entity ent folded, as "field=value" lines sorted, each
 * record a paragraph, the paragraphs sorted; without what differs from
 * one document to the next (its number, its lines' document, when). */
static char *
folds_text(const struct folds *fs, const char *ent)
{
	static const char *const skip[] = { "code", "order", "confirmed" };
	char	*recs[32], *kv[64], *t;
	size_t	 nr = 0, i, j, k, nk;

	for (i = 0; i < fs->n; i++) {
		if (strcmp(fs->r[i].ent, ent) != 0)
			continue;
		for (j = 0, nk = 0; j < fs->r[i].n; j++) {
			for (k = 0; k < NITEMS(skip); k++)
				if (strcmp(fs->r[i].f[j], skip[k]) == 0)
					break;
			if (k == NITEMS(skip))
				xasprintf(&kv[nk++], "%s=%s", fs->r[i].f[j],
				    fs->r[i].v[j]);
		}
		xqsort(kv, nk, sizeof *kv, str_cmp);
		recs[nr] = xstrdup("");
		for (j = 0; j < nk; j++) {
			xasprintf(&t, "%s%s\n", recs[nr], kv[j]);
			free(recs[nr]);
			free(kv[j]);
			recs[nr] = t;
		}
		nr++;
	}
	xqsort(recs, nr, sizeof *recs, str_cmp);
	t = xstrdup("");
	for (i = 0; i < nr; i++) {
		char	*u;

		xasprintf(&u, "%s%s\n", t, recs[i]);
		free(t);
		free(recs[i]);
		t = u;
	}
	return (t);
}

static uint64_t
audit_seq(void)
{
	unsigned char	 hash[AUDIT_HASH_LEN];
	uint64_t	 seq;

	store_audit_head(st, &seq, hash);
	return (seq);
}

static int64_t
stock_reserved(const char *sku)
{
	struct record	*r = mt_stock_row(st, sku, "MAIN");
	int64_t		 v;

	if (r == NULL)
		return (0);
	v = record_int(r, dict_field_pos(r->ent, "reserved"));
	record_free(r);
	return (v);
}

/* A field of an order, as text. */
static char *
order_field(uint64_t id, const char *field)
{
	const struct entity_def	*e = sales_header(SALES_ORDER);
	struct record		*r;
	char			*s;

	assert_int_equal(store_get(st, e, id, &r), ST_OK);
	s = value_format(dict_field(e, field), &r->v[dict_field_pos(e,
	    field)]);
	record_free(r);
	return (s != NULL ? s : xstrdup("(unset)"));
}

/* The refusals of the one-request path: each leaves nothing (no order,
 * no line, no reservation, no audit entry, no number taken). */
static const struct {
	const char	*what;
	const char	*cust, *q1, *q2;
	unsigned	 flags;
	int		 rc;
	const char	*cause;
	int64_t		 errline;
} one_refusals[] = {
	{ "short stock: the line named", "ACME", "2", "11", 0, ST_INVALID,
	  "ONE-2 at MAIN: 6 available, 11 requested", 2 },
	{ "a bad line: its number", "ACME", "2", "0", 0, ST_INVALID,
	  "column 'qty': more than 0 expected", 2 },
	/* Named as new, not by the number it gives back. */
	{ "past the credit limit", "TIGHT", "5", NULL, 0, ST_INVALID,
	  "the new order: TIGHT owes", 0 },
	{ "no lines", "ACME", NULL, NULL, 0, ST_INVALID,
	  "the new order has no lines", 0 },
};

/* 10 of ONE-1 and ONE-2 come in. */
static void
one_receive(void)
{
	static const char *const sku[] = { "ONE-1", "ONE-2" };
	struct scase	 in;
	struct run	 ra;
	char		*cause = NULL;
	size_t		 i;

	memset(&in, 0, sizeof in);
	in.what = "ONE stock";
	in.wh = "MAIN";
	for (i = 0; i < 2; i++) {
		in.lines[i].sku = sku[i];
		in.lines[i].qty = "10";
		in.lines[i].price = "10.00";
	}
	memset(&ra, 0, sizeof ra);
	ra.c = &in;
	assert_int_equal(store_run(st, LOGIN, "test", case_tx, &ra, &cause),
	    ST_OK);
}

static void
test_save_confirm_in_one(void **state)
{
	struct onedoc	 two, one, o;
	struct folds	 fa, fb;
	uint64_t	 seq, n0;
	char		*cause = NULL, *ta, *tb, *v, *w;
	size_t		 i;
	int		 rc;

	(void)state;
	one_receive();

	/* The same order in two transactions and in one. */
	memset(&two, 0, sizeof two);
	two.cust = "ACME";
	two.qty[0] = "3";
	two.qty[1] = "2";
	one = two;
	one.one = 1;
	seq = audit_seq();
	assert_int_equal(store_run(st, LOGIN, "test", one_save_tx, &two,
	    &cause), ST_OK);
	assert_int_equal(store_run(st, LOGIN, "test", one_confirm_tx, &two,
	    &cause), ST_OK);
	folds_read(&fa, seq + 1);
	seq = audit_seq();
	assert_int_equal(store_run(st, LOGIN, "test", one_save_tx, &one,
	    &cause), ST_OK);
	folds_read(&fb, seq + 1);
	v = order_field(one.id, "status");
	assert_string_equal(v, "confirmed");
	free(v);
	v = order_field(one.id, "gross");
	w = order_field(two.id, "gross");
	assert_string_equal(v, w);
	free(v);
	free(w);
	v = order_field(one.id, "confirmed_by");
	assert_string_equal(v, LOGIN);
	free(v);
	assert_int_equal(stock_reserved("ONE-1"), 6000);
	assert_int_equal(stock_reserved("ONE-2"), 4000);

	/* The audit says the same of both: the order and its lines as they
	 * end, field by field. */
	ta = folds_text(&fa, "sales_orders");
	tb = folds_text(&fb, "sales_orders");
	print_message("# in one, the order's audit:\n%s", tb);
	assert_string_equal(ta, tb);
	assert_non_null(strstr(tb, "status=confirmed\n"));
	free(ta);
	free(tb);
	ta = folds_text(&fa, "so_lines");
	tb = folds_text(&fb, "so_lines");
	assert_string_equal(ta, tb);
	assert_non_null(strstr(tb, "reserved=3\n"));
	free(ta);
	free(tb);
	/* ... in one, each record written once: one entry each. */
	assert_int_equal(fb.n, 3);
	for (i = 0; i < fb.n; i++)
		assert_int_equal(fb.r[i].entries, 1);
	assert_true(fa.n == 3 && fa.r[0].entries > 1);
	folds_free(&fa);
	folds_free(&fb);
	v = order_field(one.id, "rev");
	assert_string_equal(v, "1");
	free(v);

	/* Refused: nothing left behind. */
	for (i = 0; i < NITEMS(one_refusals); i++) {
		memset(&o, 0, sizeof o);
		o.one = 1;
		o.cust = one_refusals[i].cust;
		o.qty[0] = one_refusals[i].q1;
		o.qty[1] = one_refusals[i].q2;
		o.flags = one_refusals[i].flags;
		seq = audit_seq();
		n0 = store_count(st, sales_header(SALES_ORDER));
		rc = store_run(st, LOGIN, "test", one_save_tx, &o, &cause);
		mt_expect_result(i + 1, one_refusals[i].what, rc,
		    one_refusals[i].rc, cause, one_refusals[i].cause,
		    o.errline, one_refusals[i].errline);
		free(cause);
		cause = NULL;
		EXPECT(audit_seq() == seq, "%s: audit entries written",
		    one_refusals[i].what);
		EXPECT(store_count(st, sales_header(SALES_ORDER)) == n0,
		    "%s: an order saved", one_refusals[i].what);
		EXPECT(stock_reserved("ONE-1") == 6000 &&
		    stock_reserved("ONE-2") == 4000, "%s: reserved %lld %lld",
		    one_refusals[i].what, (long long)stock_reserved("ONE-1"),
		    (long long)stock_reserved("ONE-2"));
	}
	assert_int_equal(mt_nfail, 0);

	/* Past the credit limit with a manager's word: confirmed, and the
	 * order says whose; the number the refusals gave back is taken. */
	memset(&o, 0, sizeof o);
	o.one = 1;
	o.cust = "TIGHT";
	o.qty[0] = "4";
	o.qty[1] = "2";
	o.flags = POST_CREDIT;
	assert_int_equal(store_run(st, LOGIN, "test", one_save_tx, &o,
	    &cause), ST_OK);
	v = order_field(o.id, "credit_override");
	assert_true(strncmp(v, LOGIN " ", strlen(LOGIN) + 1) == 0);
	free(v);
	v = order_field(o.id, "code");
	w = order_field(one.id, "code");
	assert_int_equal(strtol(strrchr(v, '-') + 1, NULL, 10),
	    strtol(strrchr(w, '-') + 1, NULL, 10) + 1);
	free(v);
	free(w);
	assert_int_equal(stock_reserved("ONE-1"), 10000);
	assert_int_equal(stock_reserved("ONE-2"), 6000);
}

/*
 * A stored draft edited and confirmed in one request (so_save_confirm):
 * its line 1 to qty[0] of ONE-1, its line 2 dropped and a new line of
 * qty[1] of ONE-2 added; or as two requests do it (sales_save, then
 * so_confirm, two transactions).
 */
static int
one_edit_tx(struct tx *x, void *arg, char **cause)
{
	struct onedoc		*o = arg;
	const struct entity_def	*le = sales_lines(SALES_ORDER);
	struct record		*h, *ls[2];
	int			 rc;

	if ((rc = tx_get(x, sales_header(SALES_ORDER), o->id, 0, &h)) !=
	    ST_OK)
		return (rc);
	if ((rc = nth_line(x, SALES_ORDER, o->id, 1, NULL, &ls[0])) !=
	    ST_OK) {
		record_free(h);
		return (rc);
	}
	mt_set(ls[0], "qty", o->qty[0]);
	ls[1] = record_new(le);
	mt_set(ls[1], "product", "ONE-2");
	mt_set(ls[1], "qty", o->qty[1]);
	if (o->one)
		rc = so_save_confirm(x, h, record_rev(h), ls, 2, o->flags,
		    &o->errline, cause);
	else
		rc = sales_save(x, h, record_rev(h), 1, ls, 2, &o->errline,
		    cause);
	record_free(h);
	record_free(ls[0]);
	record_free(ls[1]);
	return (rc);
}

static void
test_save_confirm_draft(void **state)
{
	struct onedoc	 d[2], bad;
	struct folds	 f[2];
	uint64_t	 seq[2], s0;
	char		*cause = NULL, *ta, *tb, *v;
	int64_t		 r1, r2;
	int		 k;

	(void)state;
	one_receive();
	/* Two drafts alike; each edited and confirmed, one in two
	 * transactions, the other in one. */
	for (k = 0; k < 2; k++) {
		memset(&d[k], 0, sizeof d[k]);
		d[k].cust = "ACME";
		d[k].qty[0] = "1";
		d[k].qty[1] = "1";
		seq[k] = audit_seq();
		assert_int_equal(store_run(st, LOGIN, "test", one_save_tx,
		    &d[k], &cause), ST_OK);
		d[k].one = k;
		d[k].qty[0] = "3";
		d[k].qty[1] = "2";
		assert_int_equal(store_run(st, LOGIN, "test", one_edit_tx,
		    &d[k], &cause), ST_OK);
		if (k == 0)
			assert_int_equal(store_run(st, LOGIN, "test",
			    one_confirm_tx, &d[k], &cause), ST_OK);
		folds_read(&f[k], seq[k] + 1);
		v = order_field(d[k].id, "status");
		assert_string_equal(v, "confirmed");
		free(v);
	}
	/* The same in the end, the audit too; in one, the header written
	 * once more than its draft's save did (created with its totals). */
	ta = folds_text(&f[0], "sales_orders");
	tb = folds_text(&f[1], "sales_orders");
	assert_string_equal(ta, tb);
	free(ta);
	free(tb);
	ta = folds_text(&f[0], "so_lines");
	tb = folds_text(&f[1], "so_lines");
	print_message("# the lines' audit, folded:\n%s", tb);
	assert_string_equal(ta, tb);
	free(ta);
	free(tb);
	for (k = 0; k < (int)f[1].n; k++)
		if (strcmp(f[1].r[k].ent, "sales_orders") == 0)
			assert_int_equal(f[1].r[k].entries, 2);
	for (k = 0; k < (int)f[0].n; k++)
		if (strcmp(f[0].r[k].ent, "sales_orders") == 0)
			assert_true(f[0].r[k].entries > 2);
	folds_free(&f[0]);
	folds_free(&f[1]);
	v = order_field(d[1].id, "rev");
	assert_string_equal(v, "2");
	free(v);

	/* A draft edited past the stock: refused naming the line, and the
	 * draft as it was. */
	memset(&bad, 0, sizeof bad);
	bad.cust = "ACME";
	bad.qty[0] = "1";
	bad.qty[1] = "1";
	assert_int_equal(store_run(st, LOGIN, "test", one_save_tx, &bad,
	    &cause), ST_OK);
	r1 = stock_reserved("ONE-1");
	r2 = stock_reserved("ONE-2");
	s0 = audit_seq();
	bad.one = 1;
	bad.qty[0] = "1";
	bad.qty[1] = "11";
	assert_int_equal(store_run(st, LOGIN, "test", one_edit_tx, &bad,
	    &cause), ST_INVALID);
	assert_non_null(strstr(cause, "ONE-2 at MAIN"));
	assert_int_equal(bad.errline, 2);
	free(cause);
	cause = NULL;
	assert_int_equal(audit_seq(), s0);
	assert_int_equal(stock_reserved("ONE-1"), r1);
	assert_int_equal(stock_reserved("ONE-2"), r2);
	v = order_field(bad.id, "status");
	assert_string_equal(v, "draft");
	free(v);
	v = order_field(bad.id, "rev");
	assert_string_equal(v, "1");
	free(v);
	/* Within the stock: confirmed. */
	bad.qty[1] = "1";
	assert_int_equal(store_run(st, LOGIN, "test", one_edit_tx, &bad,
	    &cause), ST_OK);
	v = order_field(bad.id, "status");
	assert_string_equal(v, "confirmed");
	free(v);
}


/*
 * A stored draft edited past the credit limit and confirmed in
 * one request is refused (credit control on the edited gross), as it
 * is; with a manager's word confirmed.  Then the confirmed order edited
 * whole (sales_save with its lines: save_whole) moves its reservations:
 * a line down, a line dropped, a line added.
 */
static void
test_draft_credit_then_edit(void **state)
{
	struct onedoc	 d;
	uint64_t	 s0;
	char		*cause = NULL, *v;
	int64_t		 r1, r2;

	(void)state;
	one_receive();
	memset(&d, 0, sizeof d);
	d.cust = "TIGHT";
	d.qty[0] = "1";
	d.qty[1] = "1";
	assert_int_equal(store_run(st, LOGIN, "test", one_save_tx, &d,
	    &cause), ST_OK);
	r1 = stock_reserved("ONE-1");
	r2 = stock_reserved("ONE-2");
	s0 = audit_seq();
	d.one = 1;
	d.qty[0] = "4";
	d.qty[1] = "2";
	assert_int_equal(store_run(st, LOGIN, "test", one_edit_tx, &d,
	    &cause), ST_INVALID);
	print_message("# refused: %s\n", cause);
	assert_non_null(strstr(cause, "a manager may confirm it anyway"));
	free(cause);
	cause = NULL;
	assert_int_equal(audit_seq(), s0);
	assert_int_equal(stock_reserved("ONE-1"), r1);
	assert_int_equal(stock_reserved("ONE-2"), r2);
	v = order_field(d.id, "status");
	assert_string_equal(v, "draft");
	free(v);
	d.flags = POST_CREDIT;
	assert_int_equal(store_run(st, LOGIN, "test", one_edit_tx, &d,
	    &cause), ST_OK);
	v = order_field(d.id, "status");
	assert_string_equal(v, "confirmed");
	free(v);
	v = order_field(d.id, "credit_override");
	assert_true(strncmp(v, LOGIN " ", strlen(LOGIN) + 1) == 0);
	free(v);
	assert_int_equal(stock_reserved("ONE-1"), r1 + 4000);
	assert_int_equal(stock_reserved("ONE-2"), r2 + 2000);
	v = order_field(d.id, "gross");
	print_message("# gross %s\n", v);
	free(v);

	/* The confirmed order edited whole: line 1 down to 2, its ONE-2
	 * line dropped, a new ONE-2 line of 5. */
	d.one = 0;
	d.flags = 0;
	d.qty[0] = "2";
	d.qty[1] = "5";
	assert_int_equal(store_run(st, LOGIN, "test", one_edit_tx, &d,
	    &cause), ST_OK);
	v = order_field(d.id, "status");
	assert_string_equal(v, "confirmed");
	free(v);
	assert_int_equal(stock_reserved("ONE-1"), r1 + 2000);
	assert_int_equal(stock_reserved("ONE-2"), r2 + 5000);
	v = order_field(d.id, "gross");
	print_message("# gross after edit %s\n", v);
	assert_string_equal(v, "103.00");
	free(v);
	v = order_field(d.id, "credit_override");
	assert_true(strncmp(v, LOGIN " ", strlen(LOGIN) + 1) == 0);
	free(v);
}


/* After all of it: kontor check's invariants, the sales ones among
 * them, hold. */
static void
test_invariants_hold(void **state)
{
	(void)state;
	mt_invariants(st);
}

/* A reservation changed behind an order's back is noticed. */
static int
drift_tx(struct tx *x, void *arg, char **cause)
{
	struct record	*l;
	int		 rc;

	(void)arg;
	if ((rc = nth_line(x, SALES_ORDER, mt_name_get("so5")->id, 1, NULL,
	    &l)) != ST_OK)
		return (rc);
	record_set_int(l, dict_field_pos(l->ent, "reserved"), 1000);
	rc = tx_update(x, l, record_rev(l), cause);
	record_free(l);
	return (rc);
}

static void
test_check_notices_drift(void **state)
{
	struct buf	 report = { 0 };
	char		*cause = NULL;
	int		 m;

	(void)state;
	assert_int_equal(store_run(st, LOGIN, "test", drift_tx, NULL,
	    &cause), ST_OK);
	m = model_check(st, &report);
	print_message("# %s", report.data ? report.data : "(no report)\n");
	assert_int_not_equal(m, 0);
	assert_non_null(report.data);
	assert_non_null(strstr(report.data, "reserved 2 but the reservations "
	    "in force and the open sales and production orders add up to "
	    "1"));
	assert_non_null(strstr(report.data, "1 reserved, but 2 is to be "
	    "held"));
	buf_free(&report);
}

/* A lot below zero is noticed, naming the product, the lot and the
 * warehouse: two moves that leave on hand and value as they were, one
 * in without a lot, one out of lot ZZ that holds nothing. */
static int
negative_lot_tx(struct tx *x, void *arg, char **cause)
{
	const struct entity_def	*me = dict_entity("stock_moves");
	struct record		*m;
	int			 i, rc = ST_OK;

	(void)arg;
	for (i = 0; i < 2 && rc == ST_OK; i++) {
		m = record_new(me);
		mt_set(m, "date", "2026-03-02");
		mt_set(m, "kind", "adjustment");
		record_set_int(m, dict_field_pos(me, "product"),
		    (int64_t)mt_id_of(st, "products", "LOT-1"));
		record_set_int(m, dict_field_pos(me, "warehouse"),
		    (int64_t)mt_id_of(st, "warehouses", "MAIN"));
		mt_set(m, "qty", i == 0 ? "1" : "-1");
		mt_set(m, "value", "0");
		if (i == 1)
			mt_set(m, "lot", "ZZ");
		rc = tx_insert(x, m, cause);
		record_free(m);
	}
	return (rc);
}

static void
test_check_notices_negative_lot(void **state)
{
	struct buf	 report = { 0 };
	char		*cause = NULL;
	int		 m;

	(void)state;
	assert_int_equal(store_run(st, LOGIN, "test", negative_lot_tx, NULL,
	    &cause), ST_OK);
	m = model_check(st, &report);
	print_message("# %s", report.data ? report.data : "(no report)\n");
	assert_int_not_equal(m, 0);
	assert_non_null(report.data);
	assert_non_null(strstr(report.data, "LOT-1 lot ZZ at MAIN: its moves "
	    "add up to -1: a lot never goes below 0"));
	/* On hand and value still add up: only the lot is wrong. */
	assert_null(strstr(report.data, "LOT-1 at"));
	buf_free(&report);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sales_transitions),
		cmocka_unit_test(test_moves_carry_lot_and_expiry),
		cmocka_unit_test(test_service_not_stocked),
		cmocka_unit_test(test_save_confirm_in_one),
		cmocka_unit_test(test_save_confirm_draft),
		cmocka_unit_test(test_draft_credit_then_edit),
		cmocka_unit_test(test_invariants_hold),
		cmocka_unit_test(test_check_notices_drift),
		cmocka_unit_test(test_check_notices_negative_lot),
	};

	return (cmocka_run_group_tests(tests, group_setup, mt_teardown));
}
