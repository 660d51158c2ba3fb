/*
 * bench_sales: sales orders and shipments at load, kontor beside SQLite
 * doing the same work in the same run, and the sales report over a big
 * year.
 *
 *	bench_sales [-T TMPDIR] [-k KONTOR] [-c 1,8,32] [-d SECONDS]
 *	    [-o ORDERS] [-m MONTH] [-s kontor,sqlite,report] [--keep]
 *
 * (1) Orders confirmed per second by 1, 8 and 32 clients, each its own
 *     process and connection: an order of 1-3 lines of 200 products for
 *     one of 100 customers saved as a draft (op "sales", action save) and
 *     confirmed (action post: every line reserved, all or nothing),
 *     durable before each answer.  SQLite: the same two transactions
 *     (BEGIN IMMEDIATE ... COMMIT, WAL, synchronous=FULL): number the
 *     order, insert it and its priced lines with their VAT; then per line
 *     read the stock row, refuse if on hand - reserved is short, add to
 *     reserved, mark the line reserved and the order confirmed.
 *     The even orders so (two requests, two transactions: a phase of
 *     its own); then, in a phase after it, the odd ones saved and
 *     confirmed in one request (action save, post: true, as the order
 *     screen's confirm of an unsaved order and `kontor import
 *     sales-orders --post` do it): one transaction, SQLite too.
 * (2) Shipments posted per second: each client ships the orders it
 *     confirmed in (1): the draft of what is left (action ship) and its
 *     posting (action post on the SHP-: per line the order's reservation
 *     released, the goods issued at moving average cost, the move
 *     written, the order line's shipped, the order's status, the
 *     shipment's totals and cost).  SQLite: the same two transactions.
 *     The even orders so (two requests, two transactions); the odd ones
 *     shipped and posted in one request (action ship, post: true, as
 *     `kontor ship SO --post` sends it): one transaction, SQLite too.
 *     The phases start together (each waits for every client to end the
 *     one before), so the server's CPU is measured per phase: per order
 *     confirmed (save and confirm, in two requests or one), per shipment.
 *     Each client keeps the time it waited for each order and each
 *     shipment (its one or two requests) in 0.5 ms buckets up to 2 s: the
 *     p99 of each phase.
 * (3) The sales report for one month (-m, 2026-06) over ORDERS (200,000)
 *     shipped orders spread over 2026: time to the first row and to the
 *     last, through the server as `kontor report sales` reads it, per day
 *     and per month, and by product.  The year is written straight into
 *     the store (the server stopped) in transactions of 500 orders:
 *     orders, lines, shipments and their lines as posting leaves them.
 *
 * Scratch lives in a mkdtemp directory under TMPDIR, removed at the end
 * unless --keep.  Without SQLite at build time only kontor is measured.
 */
#include "config.h"

#include <sys/types.h>

#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#ifdef HAVE_SQLITE3
#include <sqlite3.h>
#endif

#include "bench/bench.h"
#include "client/client.h"
#include "db/store.h"
#include "dict/codec.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "home.h"
#include "proto.h"
#include "xmalloc.h"

#define MAX_CLIENTS	64
#define NPROD		200
#define NCUST		100
#define MAX_LINES	3
#define MAX_ORDERS	200000	/* per client and run */

#define SKIP_KONTOR	0x1
#define SKIP_SQLITE	0x2
#define SKIP_REPORT	0x4

static double		 secs = 5;
static unsigned		 skip;
static int64_t		 norders = 200000;
static int64_t		 month = 202606;

struct line {
	unsigned	 prod;
	int64_t		 qty;		/* units */
};

/* Latencies as a client saw them (an order: save and confirm; a
 * shipment: its one or two requests), in buckets of 1/LAT_PER_MS ms up
 * to LAT_MAX ms, the last bucket all above. */
#define LAT_PER_MS	2	/* buckets of 0.5 ms */
#define LAT_MAX		2000
#define LAT_N		(LAT_MAX * LAT_PER_MS + 1)

/* What a client sends back to the parent. */
struct result {
	uint64_t	 n;
	uint64_t	 errors;
	double		 secs;
	uint32_t	 lat[LAT_N];
	char		 err[200];
};

static void
lat_add(struct result *r, double s)
{
	int	 b = (int)(s * 1e3 * LAT_PER_MS);

	r->lat[b < 0 ? 0 : b >= LAT_N ? LAT_N - 1 : b]++;
}

/* The p-th percentile of histogram lat, ms (the bucket's top). */
static double
lat_pct(const uint64_t *lat, double p)
{
	uint64_t	 n = 0, want, seen = 0;
	int		 b;

	for (b = 0; b < LAT_N; b++)
		n += lat[b];
	if (n == 0)
		return (0);
	want = (uint64_t)((double)n * p / 100.0 + 0.999999);
	for (b = 0; b < LAT_N; b++)
		if ((seen += lat[b]) >= want)
			break;
	return ((double)(b + 1) / LAT_PER_MS);
}

/* An order's lines: 1-3 distinct products, 1-5 units each. */
static size_t
make_order(uint64_t *s, unsigned *cust, struct line *ls)
{
	size_t	 n = 1 + rnd(s, MAX_LINES), i, j;

	*cust = rnd(s, NCUST);
	for (i = 0; i < n; i++) {
		do {
			ls[i].prod = rnd(s, NPROD);
			for (j = 0; j < i; j++)
				if (ls[j].prod == ls[i].prod)
					break;
		} while (j < i);
		ls[i].qty = 1 + rnd(s, 5);
	}
	return (n);
}

/* --- kontor ----------------------------------------------------------- */

/* Masters and plenty of stock: 1,000,000 of each product at 100.00. */
static void
k_setup(void)
{
	char	*log, *text, *t;
	size_t	 i;
	struct	 { const char *ent; char *path; } f[4];

	xasprintf(&log, "%s/setup.out", scratch);
	if (run_kontor(log, "init", "--company", "Bench", NULL) != 0)
		die("kontor init failed (%s)", log);
	write_file("wh.csv", "code,name\nMAIN,Main\n", &f[0].path);
	f[0].ent = "warehouses";
	text = xstrdup("code,name,kind\n");
	for (i = 0; i < NCUST; i++) {
		xasprintf(&t, "%sC%04zu,Customer %zu,company\n", text, i + 1,
		    i + 1);
		free(text);
		text = t;
	}
	write_file("c.csv", text, &f[1].path);
	free(text);
	f[1].ent = "customers";
	text = xstrdup("sku,name,unit,purchase_price,sale_price,vat\n");
	for (i = 0; i < NPROD; i++) {
		xasprintf(&t, "%sSKU-%04zu,Product %zu,pcs,100.00,%zu.%02zu,"
		    "20\n", text, i + 1, i + 1, 120 + i, i % 100);
		free(text);
		text = t;
	}
	write_file("p.csv", text, &f[2].path);
	free(text);
	f[2].ent = "products";
	text = xstrdup("type,sku,warehouse,quantity,unit_cost\n");
	for (i = 0; i < NPROD; i++) {
		xasprintf(&t, "%sreceipt,SKU-%04zu,MAIN,1000000,100.00\n",
		    text, i + 1);
		free(text);
		text = t;
	}
	write_file("in.csv", text, &f[3].path);
	free(text);
	f[3].ent = "stock-moves";
	for (i = 0; i < 4; i++) {
		if (run_kontor(log, "import", f[i].ent, f[i].path, NULL) != 0)
			die("import %s failed (%s)", f[i].ent, log);
		free(f[i].path);
	}
	free(log);
}

/* One "sales" request; the reply's "code" into code (may be NULL). */
static int
k_sales(struct client *c, const char *action, const char *doc, int post,
    char *code, size_t len, char **err)
{
	struct client_reply	 rep;
	struct msgb		 m;
	char			*got;
	int			 rc;

	client_req(c, &m, "sales", post ? 3 : 2);
	mb_kstr(&m, "action", action);
	mb_kstr(&m, "code", doc);
	if (post)
		mb_kbool(&m, "post", 1);
	rc = client_call(c, &m, &rep);
	if (rc != 0 && *err == NULL)
		xasprintf(err, "%s %s: exit %d: %s", action, doc, rc,
		    rep.err ? rep.err : "?");
	if (rc == 0 && code != NULL) {
		got = mobj_strdup(rep.data, "code");
		snprintf(code, len, "%s", got ? got : "");
		free(got);
	}
	client_reply_free(&rep);
	return (rc);
}

/* Save an order and confirm it: its number in code; one: in one request
 * (save with post), else two (save, then post). */
static int
k_order(struct client *c, unsigned cust, const struct line *ls, size_t n,
    int one, char *code, size_t len, char **err)
{
	const struct entity_def	*oe = dict_entity("sales_orders");
	const struct entity_def	*le = dict_entity("so_lines");
	struct client_reply	 rep;
	struct record		*r;
	struct msgb		 m;
	char			*p, buf[32], *got;
	size_t			 plen, i;
	int			 rc;

	r = record_new(oe);
	snprintf(buf, sizeof buf, "C%04u", cust + 1);
	record_set_str(r, dict_field_pos(oe, "customer"), buf);
	record_set_str(r, dict_field_pos(oe, "warehouse"), "MAIN");
	record_set_int(r, dict_field_pos(oe, "date"), date_today());
	codec_encode(r, &p, &plen);
	record_free(r);
	client_req(c, &m, "sales", one ? 5 : 4);
	mb_kstr(&m, "entity", "sales_orders");
	mb_kstr(&m, "action", "save");
	if (one)
		mb_kbool(&m, "post", 1);
	mb_str(&m, "rec");
	mb_bin(&m, p, plen);
	free(p);
	mb_str(&m, "lines");
	mb_array(&m, n);
	for (i = 0; i < n; i++) {
		r = record_new(le);
		snprintf(buf, sizeof buf, "SKU-%04u", ls[i].prod + 1);
		record_set_str(r, dict_field_pos(le, "product"), buf);
		record_set_int(r, dict_field_pos(le, "line"), (int64_t)i + 1);
		record_set_int(r, dict_field_pos(le, "qty"), ls[i].qty * 1000);
		codec_encode(r, &p, &plen);
		record_free(r);
		mb_bin(&m, p, plen);
		free(p);
	}
	rc = client_call(c, &m, &rep);
	if (rc != 0) {
		if (*err == NULL)
			xasprintf(err, "save: exit %d: %s", rc,
			    rep.err ? rep.err : "?");
		client_reply_free(&rep);
		return (rc);
	}
	got = mobj_strdup(rep.data, "code");
	snprintf(code, len, "%s", got ? got : "");
	free(got);
	client_reply_free(&rep);
	if (one)
		return (0);
	return (k_sales(c, "post", code, 0, NULL, 0, err));
}

/* --- SQLite ------------------------------------------------------------ */

#ifdef HAVE_SQLITE3
enum {
	Q_NUM, Q_ORDER, Q_OLINE, Q_PROD, Q_STOCK, Q_RESERVE, Q_OLRES,
	Q_OSTATUS, Q_OLINES, Q_SHP, Q_SLINE, Q_SLINES, Q_ISSUE, Q_MOVE,
	Q_OLSHIP, Q_SLCOST, Q_STOT, Q_ORDERID, Q_SHPID, Q_NQ
};

static const char *const sq_sql[Q_NQ] = {
	"UPDATE counters SET n = n + 1 WHERE name = ?1 RETURNING n",
	"INSERT INTO orders (code, customer, date, status, net, vat, gross) "
	    "VALUES (?1, ?2, ?3, 'draft', ?4, ?5, ?6)",
	"INSERT INTO so_lines (ord, line, product, qty, price, net, vat, "
	    "gross) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	"SELECT id, price FROM products WHERE sku = ?1",
	"SELECT on_hand, reserved, value FROM stock WHERE product = ?1",
	"UPDATE stock SET reserved = reserved + ?2 WHERE product = ?1",
	"UPDATE so_lines SET reserved = ?2 WHERE id = ?1",
	"UPDATE orders SET status = ?2 WHERE id = ?1",
	"SELECT id, product, qty, price, net, vat, gross, shipped, reserved "
	    "FROM so_lines WHERE ord = ?1 ORDER BY line",
	"INSERT INTO shipments (code, ord, date, status) VALUES (?1, ?2, ?3, "
	    "'draft')",
	"INSERT INTO shipment_lines (shp, line, product, qty, price, net, vat,"
	    " gross, so_line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	"SELECT id, product, qty, so_line, net, vat, gross FROM shipment_lines "
	    "WHERE shp = ?1 ORDER BY line",
	"UPDATE stock SET on_hand = on_hand - ?2, reserved = reserved - ?3, "
	    "value = value - ?4 WHERE product = ?1",
	"INSERT INTO moves (product, qty, value, shp, date) VALUES (?1, ?2, "
	    "?3, ?4, ?5)",
	"UPDATE so_lines SET shipped = shipped + ?2, reserved = reserved - ?3 "
	    "WHERE id = ?1",
	"UPDATE shipment_lines SET cost = ?2 WHERE id = ?1",
	"UPDATE shipments SET status = 'posted', net = ?2, vat = ?3, "
	    "gross = ?4, cost = ?5 WHERE id = ?1",
	"SELECT id FROM orders WHERE code = ?1",
	"SELECT id, ord FROM shipments WHERE code = ?1",
};

static void
sq_setup(void)
{
	sqlite3	*db;
	char	*sql;
	int	 i;

	if (sqlite3_open(sqpath, &db) != SQLITE_OK)
		die("sqlite: %s", sqlite3_errmsg(db));
	sq_exec(db, "PRAGMA journal_mode=WAL");
	sq_exec(db,
	    "CREATE TABLE counters (name TEXT PRIMARY KEY, n INTEGER);"
	    "INSERT INTO counters VALUES ('SO', 0), ('SHP', 0);"
	    "CREATE TABLE products (id INTEGER PRIMARY KEY, sku TEXT UNIQUE,"
	    " price INTEGER);"
	    "CREATE TABLE stock (product INTEGER PRIMARY KEY, on_hand INTEGER,"
	    " reserved INTEGER, value INTEGER);"
	    "CREATE TABLE orders (id INTEGER PRIMARY KEY, code TEXT UNIQUE,"
	    " customer TEXT, date INTEGER, status TEXT, net INTEGER,"
	    " vat INTEGER, gross INTEGER);"
	    "CREATE INDEX orders_status ON orders (status);"
	    "CREATE INDEX orders_date ON orders (date);"
	    "CREATE INDEX orders_customer ON orders (customer);"
	    "CREATE TABLE so_lines (id INTEGER PRIMARY KEY, ord INTEGER,"
	    " line INTEGER, product INTEGER, qty INTEGER, price INTEGER,"
	    " net INTEGER, vat INTEGER, gross INTEGER,"
	    " reserved INTEGER DEFAULT 0, shipped INTEGER DEFAULT 0);"
	    "CREATE INDEX so_lines_ord ON so_lines (ord);"
	    "CREATE INDEX so_lines_product ON so_lines (product);"
	    "CREATE TABLE shipments (id INTEGER PRIMARY KEY, code TEXT UNIQUE,"
	    " ord INTEGER, date INTEGER, status TEXT, net INTEGER,"
	    " vat INTEGER, gross INTEGER, cost INTEGER);"
	    "CREATE INDEX shipments_ord ON shipments (ord);"
	    "CREATE INDEX shipments_date ON shipments (date);"
	    "CREATE TABLE shipment_lines (id INTEGER PRIMARY KEY, shp INTEGER,"
	    " line INTEGER, product INTEGER, qty INTEGER, price INTEGER,"
	    " net INTEGER, vat INTEGER, gross INTEGER, so_line INTEGER,"
	    " cost INTEGER);"
	    "CREATE INDEX shipment_lines_shp ON shipment_lines (shp);"
	    "CREATE TABLE moves (id INTEGER PRIMARY KEY, product INTEGER,"
	    " qty INTEGER, value INTEGER, shp INTEGER, date INTEGER);"
	    "CREATE INDEX moves_product ON moves (product);"
	    "CREATE INDEX moves_shp ON moves (shp);");
	sq_exec(db, "BEGIN");
	for (i = 0; i < NPROD; i++) {
		xasprintf(&sql, "INSERT INTO products VALUES (%d, 'SKU-%04d', "
		    "%d); INSERT INTO stock VALUES (%d, 1000000000, 0, "
		    "10000000000)", i + 1, i + 1, (120 + i) * 100 + i % 100,
		    i + 1);
		sq_exec(db, sql);
		free(sql);
	}
	sq_exec(db, "COMMIT");
	sqlite3_close(db);
}

static int64_t
sq_next(struct sq *q, const char *series)
{
	int64_t	 n;

	sqlite3_bind_text(q->st[Q_NUM], 1, series, -1, SQLITE_STATIC);
	if (sqlite3_step(q->st[Q_NUM]) != SQLITE_ROW)
		die("sqlite: counter: %s", sqlite3_errmsg(q->db));
	n = sqlite3_column_int64(q->st[Q_NUM], 0);
	while (sqlite3_step(q->st[Q_NUM]) == SQLITE_ROW)
		;
	sq_reset(q, Q_NUM);
	return (n);
}

static int
sq_step(struct sq *q, int i)
{
	int	 rc = sqlite3_step(q->st[i]);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		die("sqlite: %s: %s", sq_sql[i], sqlite3_errmsg(q->db));
	return (rc);
}

/* Save the order (one transaction), then confirm it (another); with
 * one, both in one transaction. */
static int
sq_order(struct sq *q, unsigned cust, const struct line *ls, size_t n,
    int one, char *code, size_t len)
{
	int64_t	 pid[MAX_LINES], net[MAX_LINES], vat[MAX_LINES], price;
	int64_t	 tn = 0, tv = 0, oid, id, qty, res, oh;
	char	 cc[32], sk[32];
	size_t	 i;

	sq_exec(q->db, "BEGIN IMMEDIATE");
	snprintf(code, len, "SO-2026-%06lld", (long long)sq_next(q, "SO"));
	for (i = 0; i < n; i++) {
		snprintf(sk, sizeof sk, "SKU-%04u", ls[i].prod + 1);
		sqlite3_bind_text(q->st[Q_PROD], 1, sk, -1, SQLITE_STATIC);
		if (sq_step(q, Q_PROD) != SQLITE_ROW)
			die("sqlite: no %s", sk);
		pid[i] = sqlite3_column_int64(q->st[Q_PROD], 0);
		price = sqlite3_column_int64(q->st[Q_PROD], 1);
		sq_reset(q, Q_PROD);
		net[i] = price * ls[i].qty;
		vat[i] = (net[i] * 20 + 50) / 100;
		tn += net[i];
		tv += vat[i];
	}
	snprintf(cc, sizeof cc, "C%04u", cust + 1);
	sqlite3_bind_text(q->st[Q_ORDER], 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(q->st[Q_ORDER], 2, cc, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q->st[Q_ORDER], 3, date_today());
	sqlite3_bind_int64(q->st[Q_ORDER], 4, tn);
	sqlite3_bind_int64(q->st[Q_ORDER], 5, tv);
	sqlite3_bind_int64(q->st[Q_ORDER], 6, tn + tv);
	sq_step(q, Q_ORDER);
	sq_reset(q, Q_ORDER);
	oid = sqlite3_last_insert_rowid(q->db);
	for (i = 0; i < n; i++) {
		sqlite3_bind_int64(q->st[Q_OLINE], 1, oid);
		sqlite3_bind_int64(q->st[Q_OLINE], 2, (int64_t)i + 1);
		sqlite3_bind_int64(q->st[Q_OLINE], 3, pid[i]);
		sqlite3_bind_int64(q->st[Q_OLINE], 4, ls[i].qty * 1000);
		sqlite3_bind_int64(q->st[Q_OLINE], 5, net[i] / ls[i].qty);
		sqlite3_bind_int64(q->st[Q_OLINE], 6, net[i]);
		sqlite3_bind_int64(q->st[Q_OLINE], 7, vat[i]);
		sqlite3_bind_int64(q->st[Q_OLINE], 8, net[i] + vat[i]);
		sq_step(q, Q_OLINE);
		sq_reset(q, Q_OLINE);
	}
	if (!one) {
		sq_exec(q->db, "COMMIT");
		sq_exec(q->db, "BEGIN IMMEDIATE");
	}

	/* Confirm: every line reserved, all or nothing. */
	sqlite3_bind_text(q->st[Q_ORDERID], 1, code, -1, SQLITE_STATIC);
	if (sq_step(q, Q_ORDERID) != SQLITE_ROW)
		die("sqlite: no %s", code);
	oid = sqlite3_column_int64(q->st[Q_ORDERID], 0);
	sq_reset(q, Q_ORDERID);
	sqlite3_bind_int64(q->st[Q_OLINES], 1, oid);
	while (sq_step(q, Q_OLINES) == SQLITE_ROW) {
		id = sqlite3_column_int64(q->st[Q_OLINES], 0);
		pid[0] = sqlite3_column_int64(q->st[Q_OLINES], 1);
		qty = sqlite3_column_int64(q->st[Q_OLINES], 2);
		sqlite3_bind_int64(q->st[Q_STOCK], 1, pid[0]);
		if (sq_step(q, Q_STOCK) != SQLITE_ROW)
			die("sqlite: no stock");
		oh = sqlite3_column_int64(q->st[Q_STOCK], 0);
		res = sqlite3_column_int64(q->st[Q_STOCK], 1);
		sq_reset(q, Q_STOCK);
		if (oh - res < qty) {
			sq_reset(q, Q_OLINES);
			sq_exec(q->db, "ROLLBACK");
			return (1);
		}
		sqlite3_bind_int64(q->st[Q_RESERVE], 1, pid[0]);
		sqlite3_bind_int64(q->st[Q_RESERVE], 2, qty);
		sq_step(q, Q_RESERVE);
		sq_reset(q, Q_RESERVE);
		sqlite3_bind_int64(q->st[Q_OLRES], 1, id);
		sqlite3_bind_int64(q->st[Q_OLRES], 2, qty);
		sq_step(q, Q_OLRES);
		sq_reset(q, Q_OLRES);
	}
	sq_reset(q, Q_OLINES);
	sqlite3_bind_int64(q->st[Q_OSTATUS], 1, oid);
	sqlite3_bind_text(q->st[Q_OSTATUS], 2, "confirmed", -1, SQLITE_STATIC);
	sq_step(q, Q_OSTATUS);
	sq_reset(q, Q_OSTATUS);
	sq_exec(q->db, "COMMIT");
	return (0);
}

/* The draft of what is left (one transaction), then its posting; with
 * one, both in one transaction. */
static int
sq_ship(struct sq *q, const char *so, int one)
{
	int64_t	 oid, sid, pid, qty, soline, oh, value, cost;
	int64_t	 tn = 0, tv = 0, tg = 0, tc = 0, line = 0, slid;
	char	 code[32];

	sq_exec(q->db, "BEGIN IMMEDIATE");
	sqlite3_bind_text(q->st[Q_ORDERID], 1, so, -1, SQLITE_STATIC);
	if (sq_step(q, Q_ORDERID) != SQLITE_ROW)
		die("sqlite: no %s", so);
	oid = sqlite3_column_int64(q->st[Q_ORDERID], 0);
	sq_reset(q, Q_ORDERID);
	snprintf(code, sizeof code, "SHP-2026-%06lld",
	    (long long)sq_next(q, "SHP"));
	sqlite3_bind_text(q->st[Q_SHP], 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q->st[Q_SHP], 2, oid);
	sqlite3_bind_int64(q->st[Q_SHP], 3, date_today());
	sq_step(q, Q_SHP);
	sq_reset(q, Q_SHP);
	sid = sqlite3_last_insert_rowid(q->db);
	sqlite3_bind_int64(q->st[Q_OLINES], 1, oid);
	while (sq_step(q, Q_OLINES) == SQLITE_ROW) {
		sqlite3_stmt	*o = q->st[Q_OLINES], *s = q->st[Q_SLINE];

		qty = sqlite3_column_int64(o, 2) - sqlite3_column_int64(o, 7);
		if (qty <= 0)
			continue;
		sqlite3_bind_int64(s, 1, sid);
		sqlite3_bind_int64(s, 2, ++line);
		sqlite3_bind_int64(s, 3, sqlite3_column_int64(o, 1));
		sqlite3_bind_int64(s, 4, qty);
		sqlite3_bind_int64(s, 5, sqlite3_column_int64(o, 3));
		sqlite3_bind_int64(s, 6, sqlite3_column_int64(o, 4));
		sqlite3_bind_int64(s, 7, sqlite3_column_int64(o, 5));
		sqlite3_bind_int64(s, 8, sqlite3_column_int64(o, 6));
		sqlite3_bind_int64(s, 9, sqlite3_column_int64(o, 0));
		sq_step(q, Q_SLINE);
		sq_reset(q, Q_SLINE);
	}
	sq_reset(q, Q_OLINES);
	if (!one) {
		sq_exec(q->db, "COMMIT");
		sq_exec(q->db, "BEGIN IMMEDIATE");
	}

	/* Post: the goods leave against the reservation. */
	sqlite3_bind_text(q->st[Q_SHPID], 1, code, -1, SQLITE_STATIC);
	if (sq_step(q, Q_SHPID) != SQLITE_ROW)
		die("sqlite: no %s", code);
	sid = sqlite3_column_int64(q->st[Q_SHPID], 0);
	oid = sqlite3_column_int64(q->st[Q_SHPID], 1);
	sq_reset(q, Q_SHPID);
	sqlite3_bind_int64(q->st[Q_SLINES], 1, sid);
	while (sq_step(q, Q_SLINES) == SQLITE_ROW) {
		sqlite3_stmt	*l = q->st[Q_SLINES];

		slid = sqlite3_column_int64(l, 0);
		pid = sqlite3_column_int64(l, 1);
		qty = sqlite3_column_int64(l, 2);
		soline = sqlite3_column_int64(l, 3);
		tn += sqlite3_column_int64(l, 4);
		tv += sqlite3_column_int64(l, 5);
		tg += sqlite3_column_int64(l, 6);
		sqlite3_bind_int64(q->st[Q_STOCK], 1, pid);
		if (sq_step(q, Q_STOCK) != SQLITE_ROW)
			die("sqlite: no stock");
		oh = sqlite3_column_int64(q->st[Q_STOCK], 0);
		value = sqlite3_column_int64(q->st[Q_STOCK], 2);
		sq_reset(q, Q_STOCK);
		if (oh < qty) {
			sq_reset(q, Q_SLINES);
			sq_exec(q->db, "ROLLBACK");
			return (1);
		}
		/* Moving average, half up, as kontor's stock_muldiv. */
		cost = (value * qty * 2 / oh + 1) / 2;
		tc += cost;
		sqlite3_bind_int64(q->st[Q_ISSUE], 1, pid);
		sqlite3_bind_int64(q->st[Q_ISSUE], 2, qty);
		sqlite3_bind_int64(q->st[Q_ISSUE], 3, qty);
		sqlite3_bind_int64(q->st[Q_ISSUE], 4, cost);
		sq_step(q, Q_ISSUE);
		sq_reset(q, Q_ISSUE);
		sqlite3_bind_int64(q->st[Q_MOVE], 1, pid);
		sqlite3_bind_int64(q->st[Q_MOVE], 2, -qty);
		sqlite3_bind_int64(q->st[Q_MOVE], 3, -cost);
		sqlite3_bind_int64(q->st[Q_MOVE], 4, sid);
		sqlite3_bind_int64(q->st[Q_MOVE], 5, date_today());
		sq_step(q, Q_MOVE);
		sq_reset(q, Q_MOVE);
		sqlite3_bind_int64(q->st[Q_OLSHIP], 1, soline);
		sqlite3_bind_int64(q->st[Q_OLSHIP], 2, qty);
		sqlite3_bind_int64(q->st[Q_OLSHIP], 3, qty);
		sq_step(q, Q_OLSHIP);
		sq_reset(q, Q_OLSHIP);
		sqlite3_bind_int64(q->st[Q_SLCOST], 1, slid);
		sqlite3_bind_int64(q->st[Q_SLCOST], 2, cost);
		sq_step(q, Q_SLCOST);
		sq_reset(q, Q_SLCOST);
	}
	sq_reset(q, Q_SLINES);
	sqlite3_bind_int64(q->st[Q_STOT], 1, sid);
	sqlite3_bind_int64(q->st[Q_STOT], 2, tn);
	sqlite3_bind_int64(q->st[Q_STOT], 3, tv);
	sqlite3_bind_int64(q->st[Q_STOT], 4, tg);
	sqlite3_bind_int64(q->st[Q_STOT], 5, tc);
	sq_step(q, Q_STOT);
	sq_reset(q, Q_STOT);
	sqlite3_bind_int64(q->st[Q_OSTATUS], 1, oid);
	sqlite3_bind_text(q->st[Q_OSTATUS], 2, "shipped", -1, SQLITE_STATIC);
	sq_step(q, Q_OSTATUS);
	sq_reset(q, Q_OSTATUS);
	sq_exec(q->db, "COMMIT");
	return (0);
}
#endif

/* --- the posting runs --------------------------------------------------- */

/* Confirmed in two requests; in one; shipped in two requests; in one. */
#define NPHASE	4
#define NCONFIRM 2	/* the phases that confirm orders */

struct run_arg {
	int	 sqlite;
	/* A byte read from go[k - 1] before phase k: a pipe per phase, so
	 * a client done early cannot take the next phase's byte of another
	 * still in this one. */
	int	 go[NPHASE - 1];
};

/*
 * One client: confirm orders for secs in two requests each, then for secs
 * in one (every other of the orders it keeps, so the even ones are those
 * of the first phase, the odd ones the second's); ship the even ones of
 * them, then the odd ones, each phase for at most secs; each phase only
 * once every client ended the phase before; a result for each phase on
 * wfd as it ends.
 */
static void
child(void *arg, int startfd, int wfd, uint64_t seed)
{
	struct run_arg	*ra = arg;
	int		 sqlite = ra->sqlite;
	struct result	 res;
	struct line	 ls[MAX_LINES];
	struct client	*c = NULL;
#ifdef HAVE_SQLITE3
	struct sq	*q = NULL;
#endif
	char		(*codes)[24], shp[24], *err = NULL, go;
	double		 t0, t1, t;
	unsigned	 cust;
	size_t		 n, nc = 0, i;
	int		 rc, k, one;

	(void)shp;
	if (sqlite) {
#ifdef HAVE_SQLITE3
		q = sq_open(sq_sql, Q_NQ, 1, NULL);
#endif
	} else
		c = bench_connect();
	codes = xcalloc(MAX_ORDERS, sizeof *codes);
	memset(&res, 0, sizeof res);
	if (read(startfd, &go, 1) != 1)
		_exit(1);
	for (k = 0; k < NPHASE; k++) {
		if (k > 0) {
			if (err != NULL)
				snprintf(res.err, sizeof res.err, "%s", err);
			free(err);
			err = NULL;
			if (write(wfd, &res, sizeof res) != sizeof res)
				_exit(1);
			memset(&res, 0, sizeof res);
			if (read(ra->go[k - 1], &go, 1) != 1)
				_exit(1);
		}
		t0 = now();
		t1 = t0 + secs;
		/* Orders confirmed: in two requests (k 0), in one (k 1). */
		for (t = t0; k < NCONFIRM && t < t1 && nc < MAX_ORDERS;
		    t = now()) {
			n = make_order(&seed, &cust, ls);
#ifdef HAVE_SQLITE3
			if (sqlite)
				rc = sq_order(q, cust, ls, n, k == 1,
				    codes[nc], sizeof codes[nc]);
			else
#endif
				rc = k_order(c, cust, ls, n, k == 1,
				    codes[nc], sizeof codes[nc], &err);
			if (rc != 0)
				res.errors++;
			else {
				res.n++;
				nc++;
				lat_add(&res, now() - t);
			}
		}
		/* Shipped: the even ones in two requests, the odd in one. */
		for (i = (size_t)(k - NCONFIRM), t = t0; k >= NCONFIRM &&
		    i < nc && t < t1; i += 2, t = now()) {
			one = k == NCONFIRM + 1;
#ifdef HAVE_SQLITE3
			if (sqlite)
				rc = sq_ship(q, codes[i], one);
			else
#endif
			if (one)
				rc = k_sales(c, "ship", codes[i], 1, NULL, 0,
				    &err);
			else if ((rc = k_sales(c, "ship", codes[i], 0, shp,
			    sizeof shp, &err)) == 0)
				rc = k_sales(c, "post", shp, 0, NULL, 0, &err);
			if (rc != 0)
				res.errors++;
			else {
				res.n++;
				lat_add(&res, now() - t);
			}
		}
		res.secs = now() - t0;
	}
	if (err != NULL)
		snprintf(res.err, sizeof res.err, "%s", err);
	if (write(wfd, &res, sizeof res) != sizeof res)
		_exit(1);
#ifdef HAVE_SQLITE3
	sq_close(q);
#endif
	if (c != NULL)
		client_close(c);
	_exit(0);
}

/* Per phase: done, failed, and the phase's wall time (the slowest
 * client's), the rate being n over it: a client that runs out of orders
 * to ship early does not make the rest look faster.  The server's CPU
 * (kontor) per one done, ms. */
struct rate {
	uint64_t	 n[NPHASE], errors[NPHASE];
	double		 secs[NPHASE], per_sec[NPHASE], cpu_ms[NPHASE];
	uint64_t	 lat[NPHASE][LAT_N];
	char		 err[200];
};

static void
run_clients(int sqlite, int nclients, struct rate *out)
{
	struct run_arg	 ra;
	struct result	 res;
	int		 rfd[MAX_CLIENTS], gop[NPHASE - 1][2], i, k, b;
	pid_t		 pids[MAX_CLIENTS], spid;
	double		 cpu0 = -1, cpu1;

	memset(out, 0, sizeof *out);
	ra.sqlite = sqlite;
	for (k = 0; k < NPHASE - 1; k++) {
		if (pipe(gop[k]) != 0)
			die("pipe: %s", strerror(errno));
		ra.go[k] = gop[k][0];
	}
	bench_clients_start(nclients, child, &ra, rfd, pids);
	for (k = 0; k < NPHASE - 1; k++)
		close(gop[k][0]);
	spid = sqlite ? 0 : bench_server_pid();
	for (k = 0; k < NPHASE; k++) {
		/* Phase 0 began at the start line: its CPU from then on,
		 * connecting included (little against 5 s). */
		if (k == 0)
			cpu0 = spid > 0 ? bench_proc_cpu(spid) : -1;
		for (i = 0; i < nclients; i++) {
			if (read_all(rfd[i], &res, sizeof res) != 0)
				die("a client failed");
			out->n[k] += res.n;
			out->errors[k] += res.errors;
			for (b = 0; b < LAT_N; b++)
				out->lat[k][b] += res.lat[b];
			if (res.secs > out->secs[k])
				out->secs[k] = res.secs;
			if (out->err[0] == '\0' && res.err[0] != '\0')
				memcpy(out->err, res.err, sizeof out->err);
		}
		cpu1 = spid > 0 ? bench_proc_cpu(spid) : -1;
		if (cpu0 >= 0 && cpu1 >= 0 && out->n[k] > 0)
			out->cpu_ms[k] = (cpu1 - cpu0) * 1e3 /
			    (double)out->n[k];
		cpu0 = cpu1;
		if (k + 1 < NPHASE) {
			for (i = 0; i < nclients; i++)
				if (write(gop[k][1], "g", 1) != 1)
					die("go: %s", strerror(errno));
			close(gop[k][1]);
		}
	}
	for (i = 0; i < nclients; i++)
		close(rfd[i]);
	bench_clients_wait(nclients, pids);
	for (k = 0; k < NPHASE; k++)
		if (out->secs[k] > 0)
			out->per_sec[k] = (double)out->n[k] / out->secs[k];
}

static void
posting(const int *counts, int ncounts)
{
	struct rate	 r;
	uint64_t	 errors;
	double		 l0, l1;
	char		 cpu[16];
	int		 i, s, k;

	printf("\n## Orders confirmed and shipments posted per second "
	    "(%.0f s each)\n\n", secs);
	printf("Orders confirmed: save, then post (two requests, two "
	    "transactions); confirmed in 1: save with post (one).  Shipped "
	    "in 2: ship, then post; in 1: ship with post.  CPU: the "
	    "server's, ms per order confirmed (save and confirm) or per "
	    "shipment.  p99: of the time a client waited for one (its one "
	    "or two requests), ms.\n\n");
	printf("| system | clients | load | orders confirmed | orders/s | "
	    "CPU ms | p99 | confirmed in 1 | /s | CPU ms | p99 | "
	    "shipped in 2 | /s | CPU ms | p99 | shipped in 1 | /s | CPU ms | "
	    "p99 | errors |\n");
	printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
	    "---|---|---|---|---|\n");
	for (i = 0; i < ncounts; i++) {
		for (s = 0; s < 2; s++) {
			if (s == 0 && (skip & SKIP_KONTOR))
				continue;
#ifndef HAVE_SQLITE3
			if (s == 1)
				continue;
#endif
			if (s == 1 && (skip & SKIP_SQLITE))
				continue;
			l0 = bench_loadavg();
			run_clients(s, counts[i], &r);
			l1 = bench_loadavg();
			printf("| %s | %d | %.1f / %.1f ", s ? "SQLite" :
			    "kontor", counts[i], l0, l1);
			for (k = 0, errors = 0; k < NPHASE; k++) {
				if (r.cpu_ms[k] > 0)
					snprintf(cpu, sizeof cpu, "%.2f",
					    r.cpu_ms[k]);
				else
					snprintf(cpu, sizeof cpu, "-");
				printf("| %llu | %.0f | %s | %.1f ",
				    (unsigned long long)r.n[k], r.per_sec[k],
				    cpu, lat_pct(r.lat[k], 99));
				errors += r.errors[k];
			}
			printf("| %llu |\n", (unsigned long long)errors);
			fflush(stdout);
			if (r.err[0] != '\0')
				note("%s, %d clients: first error: %s",
				    s ? "SQLite" : "kontor", counts[i], r.err);
		}
	}
}

/* --- the year for the report ------------------------------------------- */

struct gen {
	uint64_t	 seed;
	int64_t		 done, upto;
	int64_t		 wid, cust[NCUST], prod[NPROD], price[NPROD];
	int64_t		 days;		/* in the year */
};

static int
collect(const struct record *r, void *arg)
{
	int64_t	*v = arg;
	int64_t	 i;

	for (i = 0; v[i] != 0; i++)
		;
	v[i] = (int64_t)record_id(r);
	return (0);
}

static void
set_priced(struct record *l, int64_t prod, int64_t qty, int64_t price,
    int64_t *net, int64_t *vat)
{
	const struct entity_def	*e = l->ent;

	*net = price * qty / 1000;
	*vat = (*net * 20 + 50) / 100;
	record_set_int(l, dict_field_pos(e, "product"), prod);
	record_set_int(l, dict_field_pos(e, "qty"), qty);
	record_set_int(l, dict_field_pos(e, "price"), price);
	record_set_str(l, dict_field_pos(e, "vat"), "20");
	record_set_int(l, dict_field_pos(e, "net"), *net);
	record_set_int(l, dict_field_pos(e, "vat_amount"), *vat);
	record_set_int(l, dict_field_pos(e, "gross"), *net + *vat);
}

/* Orders [done, upto) of the year, shipped and posted, in one tx. */
static int
gen_tx(struct tx *x, void *arg, char **cause)
{
	const struct entity_def	*oe = dict_entity("sales_orders");
	const struct entity_def	*ole = dict_entity("so_lines");
	const struct entity_def	*se = dict_entity("shipments");
	const struct entity_def	*sle = dict_entity("shipment_lines");
	struct gen		*g = arg;
	uint64_t		 s = g->seed + (uint64_t)g->done * 131;
	struct record		*o, *sh, *l;
	struct line		 ls[MAX_LINES];
	int64_t			 k, date, net, vat, tn, tv, cost, olid[3];
	unsigned		 cust;
	size_t			 n, i;
	char			 code[32];
	int			 rc;

	for (k = g->done; k < g->upto; k++) {
		n = make_order(&s, &cust, ls);
		date = date_add_days(20260101, k * g->days / norders);
		o = record_new(oe);
		snprintf(code, sizeof code, "SO-Y-%07lld", (long long)k + 1);
		record_set_str(o, FX_CODE, code);
		record_set_int(o, dict_field_pos(oe, "customer"),
		    g->cust[cust]);
		record_set_int(o, dict_field_pos(oe, "date"), date);
		record_set_int(o, dict_field_pos(oe, "warehouse"), g->wid);
		record_set_str(o, dict_field_pos(oe, "status"), "shipped");
		tn = tv = cost = 0;
		for (i = 0; i < n; i++) {
			tn += g->price[ls[i].prod] * ls[i].qty;
			tv += (g->price[ls[i].prod] * ls[i].qty * 20 + 50) /
			    100;
			cost += 10000 * ls[i].qty;	/* 100.00 a unit */
		}
		record_set_int(o, dict_field_pos(oe, "net"), tn);
		record_set_int(o, dict_field_pos(oe, "vat"), tv);
		record_set_int(o, dict_field_pos(oe, "gross"), tn + tv);
		rc = tx_insert(x, o, cause);
		for (i = 0; i < n && rc == ST_OK; i++) {
			l = record_new(ole);
			record_set_int(l, dict_field_pos(ole, "order"),
			    (int64_t)record_id(o));
			record_set_int(l, dict_field_pos(ole, "line"),
			    (int64_t)i + 1);
			set_priced(l, g->prod[ls[i].prod], ls[i].qty * 1000,
			    g->price[ls[i].prod], &net, &vat);
			record_set_int(l, dict_field_pos(ole, "reserved"), 0);
			record_set_int(l, dict_field_pos(ole, "shipped"),
			    ls[i].qty * 1000);
			rc = tx_insert(x, l, cause);
			olid[i] = (int64_t)record_id(l);
			record_free(l);
		}
		sh = record_new(se);
		snprintf(code, sizeof code, "SHP-Y-%07lld", (long long)k + 1);
		record_set_str(sh, FX_CODE, code);
		record_set_int(sh, dict_field_pos(se, "customer"),
		    g->cust[cust]);
		record_set_int(sh, dict_field_pos(se, "order"),
		    (int64_t)record_id(o));
		record_set_int(sh, dict_field_pos(se, "date"), date);
		record_set_int(sh, dict_field_pos(se, "warehouse"), g->wid);
		record_set_str(sh, dict_field_pos(se, "status"), "posted");
		record_set_int(sh, dict_field_pos(se, "net"), tn);
		record_set_int(sh, dict_field_pos(se, "vat"), tv);
		record_set_int(sh, dict_field_pos(se, "gross"), tn + tv);
		record_set_int(sh, dict_field_pos(se, "cost"), cost);
		record_set_int(sh, dict_field_pos(se, "receivable"), tn + tv);
		if (rc == ST_OK)
			rc = tx_insert(x, sh, cause);
		for (i = 0; i < n && rc == ST_OK; i++) {
			l = record_new(sle);
			record_set_int(l, dict_field_pos(sle, "shipment"),
			    (int64_t)record_id(sh));
			record_set_int(l, dict_field_pos(sle, "line"),
			    (int64_t)i + 1);
			set_priced(l, g->prod[ls[i].prod], ls[i].qty * 1000,
			    g->price[ls[i].prod], &net, &vat);
			record_set_int(l, dict_field_pos(sle, "so_line"),
			    olid[i]);
			record_set_int(l, dict_field_pos(sle, "cost"),
			    10000 * ls[i].qty);
			rc = tx_insert(x, l, cause);
			record_free(l);
		}
		record_free(sh);
		record_free(o);
		if (rc != ST_OK)
			return (rc);
	}
	return (ST_OK);
}

static void
gen_year(void)
{
	struct store	*st;
	struct gen	 g;
	struct record	*p;
	char		*cause = NULL;
	double		 t0 = now();
	int64_t		 v[NPROD + 1];
	size_t		 i;

	bench_stop_server();
	if (store_open(home, 0, &st, &cause) != 0)
		die("store_open: %s", cause);
	memset(&g, 0, sizeof g);
	g.seed = 42;
	g.days = 365;
	memset(v, 0, sizeof v);
	store_each(st, dict_entity("warehouses"), collect, v);
	g.wid = v[0];
	memset(v, 0, sizeof v);
	store_each(st, dict_entity("customers"), collect, v);
	memcpy(g.cust, v, sizeof g.cust);
	memset(v, 0, sizeof v);
	store_each(st, dict_entity("products"), collect, v);
	memcpy(g.prod, v, sizeof g.prod);
	for (i = 0; i < NPROD; i++) {
		if (store_get(st, dict_entity("products"), (uint64_t)g.prod[i],
		    &p) != ST_OK)
			die("product %zu", i);
		g.price[i] = record_int(p, dict_field_pos(p->ent,
		    "sale_price"));
		record_free(p);
	}
	for (g.done = 0; g.done < norders; g.done = g.upto) {
		g.upto = g.done + 500 < norders ? g.done + 500 : norders;
		if (store_run(st, "bench", "bench", gen_tx, &g, &cause) !=
		    ST_OK)
			die("writing the year: %s", cause);
		if (g.upto % 20000 == 0)
			note("%lld orders written (%.0f s)",
			    (long long)g.upto, now() - t0);
	}
	store_close(st);
	printf("\nThe year: %lld orders, each shipped and posted (1-3 lines), "
	    "written in %.1f s.\n", (long long)norders, now() - t0);
}

/* The sales report of the month through the server: ms to the first row
 * and to the last, and the rows. */
static void
k_report(const char *period, const char *by, double *first, double *total,
    uint64_t *rows)
{
	struct client		*c = bench_connect();
	struct client_reply	 r;
	struct msgb		 m;
	double			 t0;
	int			 rc, frames = 0;

	*first = -1;
	*rows = 0;
	client_req(c, &m, "report", 5 + (by != NULL) + 1);
	mb_kstr(&m, "name", "sales");
	mb_kstr(&m, "period", period);
	if (by != NULL)
		mb_kstr(&m, "by", by);
	mb_kint(&m, "from", month * 100 + 1);
	mb_kint(&m, "to", date_add_days(date_add_days(month * 100 + 1, 31) /
	    100 * 100 + 1, -1));
	mb_kstr(&m, "key", NULL);
	mb_kstr(&m, "format", "csv");
	t0 = now();
	rc = client_call(c, &m, &r);
	while (rc == 0 && r.more) {
		/* The title and labels, the header, then pages of rows. */
		if (++frames > 2) {
			if (*first < 0)
				*first = (now() - t0) * 1e3;
			if (r.data != NULL && r.data->type ==
			    MSGPACK_OBJECT_ARRAY)
				*rows += r.data->via.array.size;
		}
		client_reply_free(&r);
		rc = client_next(c, &r);
	}
	*total = (now() - t0) * 1e3;
	if (rc != 0)
		die("report sales: exit %d: %s", rc, r.err ? r.err : "?");
	client_reply_free(&r);
	client_close(c);
}

static void
report_runs(int reps)
{
	static const struct { const char *period, *by; } runs[] = {
		{ "day", NULL }, { "month", NULL }, { "week", "customer" },
		{ "month", "product" }, { "month", "manager" },
		{ "month", "category" }
	};
	double		 f, t, bf, bt;
	uint64_t	 rows;
	size_t		 i;
	int		 k;

	printf("\n## The sales report for %04lld-%02lld over %lld orders "
	    "(best of %d, ms)\n\n", (long long)(month / 100),
	    (long long)(month % 100), (long long)norders, reps);
	printf("| --period | --by | rows | first row | total |\n");
	printf("|---|---|---|---|---|\n");
	for (i = 0; i < sizeof runs / sizeof runs[0]; i++) {
		bf = bt = 1e18;
		for (k = 0; k < reps; k++) {
			k_report(runs[i].period, runs[i].by, &f, &t, &rows);
			if (f < bf)
				bf = f;
			if (t < bt)
				bt = t;
		}
		printf("| %s | %s | %llu | %.1f | %.1f |\n", runs[i].period,
		    runs[i].by ? runs[i].by : "-", (unsigned long long)rows,
		    bf, bt);
		fflush(stdout);
	}
}

/* --- main ------------------------------------------------------------- */

static void
usage(void)
{
	fprintf(stderr, "usage: bench_sales [-T TMPDIR] [-k KONTOR] "
	    "[-c 1,8,32] [-d SECONDS] [-o ORDERS]\n"
	    "           [-m YYYYMM] [-r REPS] [-s kontor,sqlite,report] "
	    "[--keep]\n");
	exit(EX_USAGE);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "keep", no_argument, NULL, 'K' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*tmp = getenv("TMPDIR");
	int		 counts[8] = { 1, 8, 32 }, ncounts = 3, keep = 0;
	int		 ch, reps = 5;

	bench_init("bench_sales");
	while ((ch = getopt_long(argc, argv, "T:k:c:d:o:m:r:s:", opts,
	    NULL)) != -1) {
		switch (ch) {
		case 'T':
			tmp = optarg;
			break;
		case 'k':
			kontor_bin = optarg;
			break;
		case 'c':
			if ((ncounts = bench_counts(optarg, counts, 8,
			    MAX_CLIENTS)) < 0)
				usage();
			break;
		case 'd':
			secs = atof(optarg);
			break;
		case 'o':
			norders = atoll(optarg);
			break;
		case 'm':
			month = atoll(optarg);
			break;
		case 'r':
			reps = atoi(optarg);
			break;
		case 's':
			if (strstr(optarg, "kontor") != NULL)
				skip |= SKIP_KONTOR;
			if (strstr(optarg, "sqlite") != NULL)
				skip |= SKIP_SQLITE;
			if (strstr(optarg, "report") != NULL)
				skip |= SKIP_REPORT;
			break;
		case 'K':
			keep = 1;
			break;
		default:
			usage();
		}
	}
	if (optind != argc || secs <= 0 || norders < 1 || reps < 1)
		usage();
	if (access(kontor_bin, X_OK) != 0)
		die("%s: not found (-k)", kontor_bin);
	bench_scratch(tmp, "bench_sales", "sales.sqlite");
	setvbuf(stdout, NULL, _IOLBF, 0);

	printf("# bench_sales: %d products, %d customers, orders of 1-3 "
	    "lines\n", NPROD, NCUST);
	k_setup();
#ifdef HAVE_SQLITE3
	sq_setup();
#endif
	if ((skip & (SKIP_KONTOR|SKIP_SQLITE)) != (SKIP_KONTOR|SKIP_SQLITE))
		posting(counts, ncounts);
	if (!(skip & SKIP_REPORT)) {
		gen_year();
		report_runs(reps);
	}
	bench_stop_server();
	bench_scratch_done(keep);
	return (0);
}
