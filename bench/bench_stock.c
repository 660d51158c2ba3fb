/*
 * bench_stock: the stock ledger at scale, kontor beside SQLite doing the
 * same work.
 *
 *	bench_stock [-T TMPDIR] [-p PRODUCTS] [-w WAREHOUSES] [-m MOVES]
 *	    [-l CHUNK] [-c 1,8,32] [-d SECONDS] [-n DOCS] [-r REPS]
 *	    [-k KONTOR] [-s kontor,sqlite,queries,post] [--keep]
 *	    [--reuse DIR]
 *	bench_stock --write DIR [-p PRODUCTS] [-w WAREHOUSES] [-m MOVES]
 *	    [-l CHUNK]
 *
 * P products (1,000) and W warehouses (2) are made, then a deterministic
 * stream of receipts, issues and transfers that never takes stock short,
 * MOVES ledger moves in all (a transfer is two), cut into files of CHUNK
 * lines.  Each file is one posted batch document: `kontor import
 * stock-moves FILE` into a kontor home, and the same lines posted in one
 * SQLite transaction; the two are loaded file by file, in turn.  Then:
 *
 *  (1) on hand of a random SKU, per warehouse: kontor's "stock" report
 *      (the stock rows over their product index, never the ledger), and
 *      a get of the product by SKU plus a scan of "stock" by product;
 *      SQLite: one SELECT over the balances of the product.  Measured
 *      after the first file and again at the end: the time must not grow
 *      with the ledger.
 *  (2) the first page (50) of the movement list, newest first: a scan of
 *      stock_moves by id, descending; and the same with the references
 *      the list shows fetched as the TUI does (a get per product,
 *      warehouse and document not yet seen); SQLite: ORDER BY id DESC
 *      LIMIT 50 with the SKU, warehouse and document joined.
 *  (3) documents posted per second by 1, 8 and 32 clients, each its own
 *      process and connection: a receipt or an issue of 1-3 lines, saved
 *      and posted in one request ("doc", action save, post:true), durable
 *      before the answer; SQLite: the same in one BEGIN IMMEDIATE ...
 *      COMMIT (WAL, synchronous=FULL): number the document, insert it and
 *      its lines, per line read the balance, refuse an issue that is
 *      short, update the balance, insert the move, mark it posted.
 *      -n DOCS: each client stops after DOCS documents (or at -d): a
 *      fixed job, the same documents for every binary, to count a
 *      server's instructions under callgrind.
 *
 * Scratch (the home, the SQLite file, the CSV files) lives in a mkdtemp
 * directory under TMPDIR, removed at the end unless --keep.  --reuse DIR
 * measures again over a kept directory without loading.  Without SQLite
 * at build time (configure found no sqlite3.pc) only kontor is measured.
 * --write DIR only writes the files into DIR (warehouses.csv,
 * products.csv, moves-0001.csv ...; the same data) and exits: for
 * bench/home.sh, which loads them into a home that holds customers too.
 */
#include "config.h"

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/utsname.h>

#include <errno.h>
#include <ftw.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
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
#include "client/records.h"
#include "dict/codec.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "home.h"
#include "log.h"
#include "model/stock.h"
#include "proto.h"
#include "xmalloc.h"

#define MAX_CLIENTS	256
#define LAT_MAX		(1u << 20)	/* latencies kept per client */
#define PAGE		50		/* rows of the movement list */
#define DOC_LINES	3		/* lines of a posted document, at most */

#define SKIP_KONTOR	0x01
#define SKIP_SQLITE	0x02
#define SKIP_QUERIES	0x04
#define SKIP_POST	0x08

enum { L_RECEIPT, L_ISSUE, L_TRANSFER };
static const char *const ltype[] = { "receipt", "issue", "transfer" };

/* A line of a document: whole units, a cost in kopecks a unit. */
struct mline {
	uint32_t	 prod;		/* 0-based */
	uint8_t		 type, wh, to;
	int32_t		 qty;
	int64_t		 cost;		/* receipts */
};

static unsigned		 nprod = 1000, nwh = 2;
static uint64_t		 nmoves = 20000;
static size_t		 chunk = 5000;
static int		 reps = 500;
static double		 secs = 5;
static long		 maxdocs;	/* -n: a client's documents, at most */
static unsigned		 skip;
static int64_t		*price;		/* purchase price of each product */
static int64_t		 today;
static struct client	*cl;

/* --- small things ----------------------------------------------------- */

static void
sku(unsigned p, char *buf, size_t len)
{
	snprintf(buf, len, "SKU-%06u", p + 1);
}

static void
whcode(unsigned w, char *buf, size_t len)
{
	if (w == 0)
		snprintf(buf, len, "MAIN");
	else if (w == 1)
		snprintf(buf, len, "SHOP");
	else
		snprintf(buf, len, "WH%u", w + 1);
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t	 x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x < y ? -1 : x > y);
}

static off_t	 du_data, du_log;

static int
du_entry(const char *path, const struct stat *sb, int flag, struct FTW *f)
{
	size_t	 len;

	if (flag != FTW_F)
		return (0);
	len = strlen(path + f->base);
	if (strncmp(path + f->base, "log.", 4) == 0)
		du_log += sb->st_blocks * 512;
	else if (len > 3 && strcmp(path + f->base + len - 3, ".db") == 0)
		du_data += sb->st_blocks * 512;	/* not the __db.* regions */
	return (0);
}

static void
human(off_t n, char *buf, size_t len)
{
	if (n >= (off_t)1 << 30)
		snprintf(buf, len, "%.1fG", (double)n / (1 << 30));
	else
		snprintf(buf, len, "%.0fM", (double)n / (1 << 20));
}

/* --- the data --------------------------------------------------------- */

static void
make_products(void)
{
	uint64_t	 s = 42;
	unsigned	 p;

	price = xcalloc(nprod, sizeof *price);
	for (p = 0; p < nprod; p++)
		price[p] = 1000 + (int64_t)rnd(&s, 99000);	/* kopecks */
}

static const char *const nouns[] = {
	"Болт", "Гайка", "Шайба", "Винт", "Саморез", "Дюбель", "Уголок",
	"Петля", "Замок", "Ручка", "Кабель", "Розетка", "Выключатель",
	"Лампа", "Труба", "Кран", "Фитинг", "Клей", "Краска", "Грунтовка",
};

static void
write_masters(const char *wpath, const char *ppath)
{
	FILE		*f;
	unsigned	 i;
	char		 code[32];

	if ((f = fopen(wpath, "w")) == NULL)
		die("%s: %s", wpath, strerror(errno));
	fputs("code,name\n", f);
	for (i = 0; i < nwh; i++) {
		whcode(i, code, sizeof code);
		fprintf(f, "%s,%s %u\n", code, i == 0 ? "Основной склад" :
		    i == 1 ? "Магазин" : "Склад", i + 1);
	}
	if (fclose(f) != 0)
		die("%s: %s", wpath, strerror(errno));
	if ((f = fopen(ppath, "w")) == NULL)
		die("%s: %s", ppath, strerror(errno));
	fputs("sku,name,kind,unit,vat,purchase_price,sale_price\n", f);
	for (i = 0; i < nprod; i++) {
		sku(i, code, sizeof code);
		fprintf(f, "%s,%s М%u-%u,goods,pcs,20,%lld.%02lld,"
		    "%lld.%02lld\n", code, nouns[i % 20], 3 + i % 17, i + 1,
		    (long long)(price[i] / 100), (long long)(price[i] % 100),
		    (long long)(price[i] * 3 / 200),
		    (long long)(price[i] * 3 / 2 % 100));
	}
	if (fclose(f) != 0)
		die("%s: %s", ppath, strerror(errno));
}

/*
 * The load: lines until the ledger has exactly `moves` moves, never an
 * issue or transfer of more than is there.
 */
static struct mline *
gen_lines(uint64_t moves, size_t *nlines)
{
	struct mline	*ls = NULL, *l;
	int64_t		*oh;
	uint64_t	 s = 7, m = 0;
	size_t		 n = 0, cap = 0;
	unsigned	 r;

	oh = xcalloc((size_t)nprod * nwh, sizeof *oh);
	while (m < moves) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			ls = xreallocarray(ls, cap, sizeof *ls);
		}
		l = &ls[n++];
		memset(l, 0, sizeof *l);
		l->prod = rnd(&s, nprod);
		l->wh = (uint8_t)rnd(&s, nwh);
		r = rnd(&s, 100);
		l->type = r < 40 ? L_RECEIPT : r < 85 ? L_ISSUE : L_TRANSFER;
		if (l->type == L_TRANSFER && (nwh < 2 || moves - m < 2))
			l->type = L_ISSUE;
		if (l->type != L_RECEIPT) {
			l->qty = 1 + (int32_t)rnd(&s, 10);
			if (oh[l->prod * nwh + l->wh] < l->qty)
				l->type = L_RECEIPT;
		}
		if (l->type == L_RECEIPT) {
			l->qty = 5 + (int32_t)rnd(&s, 46);
			l->cost = price[l->prod] * (90 + rnd(&s, 21)) / 100;
			oh[l->prod * nwh + l->wh] += l->qty;
			m++;
		} else if (l->type == L_ISSUE) {
			oh[l->prod * nwh + l->wh] -= l->qty;
			m++;
		} else {
			l->to = (uint8_t)((l->wh + 1 + rnd(&s, nwh - 1)) % nwh);
			oh[l->prod * nwh + l->wh] -= l->qty;
			oh[l->prod * nwh + l->to] += l->qty;
			m += 2;
		}
	}
	free(oh);
	*nlines = n;
	return (ls);
}

static uint64_t
moves_of(const struct mline *ls, size_t n)
{
	uint64_t	 m = 0;
	size_t		 i;

	for (i = 0; i < n; i++)
		m += ls[i].type == L_TRANSFER ? 2 : 1;
	return (m);
}

static void
write_chunk(const char *path, const struct mline *ls, size_t n)
{
	FILE	*f;
	size_t	 i;
	char	 s[32], w[16], t[16];

	if ((f = fopen(path, "w")) == NULL)
		die("%s: %s", path, strerror(errno));
	fputs("type,sku,warehouse,quantity,to_warehouse,unit_cost\n", f);
	for (i = 0; i < n; i++) {
		sku(ls[i].prod, s, sizeof s);
		whcode(ls[i].wh, w, sizeof w);
		if (ls[i].type == L_TRANSFER)
			whcode(ls[i].to, t, sizeof t);
		else
			t[0] = '\0';
		if (ls[i].type == L_RECEIPT)
			fprintf(f, "receipt,%s,%s,%d,,%lld.%02lld\n", s, w,
			    ls[i].qty, (long long)(ls[i].cost / 100),
			    (long long)(ls[i].cost % 100));
		else
			fprintf(f, "%s,%s,%s,%d,%s,\n", ltype[ls[i].type], s, w,
			    ls[i].qty, t);
	}
	if (fclose(f) != 0)
		die("%s: %s", path, strerror(errno));
}

/* A document of the posting test: a receipt or an issue of 1-3 lines of
 * different products in one warehouse. */
static int
make_doc(uint64_t *s, unsigned *wh, struct mline *ls, size_t *n)
{
	int	 type = rnd(s, 2) ? L_RECEIPT : L_ISSUE;
	size_t	 i, j;

	*wh = rnd(s, nwh);
	*n = 1 + rnd(s, DOC_LINES);
	for (i = 0; i < *n; i++) {
		memset(&ls[i], 0, sizeof ls[i]);
		do {
			ls[i].prod = rnd(s, nprod);
			for (j = 0; j < i; j++)
				if (ls[j].prod == ls[i].prod)
					break;
		} while (j < i);
		ls[i].type = (uint8_t)type;
		ls[i].wh = (uint8_t)*wh;
		if (type == L_RECEIPT) {
			ls[i].qty = 5 + (int32_t)rnd(s, 16);
			ls[i].cost = price[ls[i].prod];
		} else
			ls[i].qty = 1 + (int32_t)rnd(s, 5);
	}
	return (type);
}

/* --- kontor ----------------------------------------------------------- */

/* Our connection closed, then the server stopped (bench_stop_server). */
static void
stop_server(void)
{
	if (cl != NULL) {
		client_close(cl);
		cl = NULL;
	}
	bench_stop_server();
}

/*
 * Save and post one document in one request; 0, 1 when refused for want
 * of stock, -1 on another error (the first kept in *err).
 */
static int
k_post(struct client *c, int type, unsigned wh, const struct mline *ls,
    size_t n, char **err)
{
	const struct entity_def	*de = dict_entity("stock_docs");
	const struct entity_def	*le = dict_entity("stock_lines");
	struct client_reply	 rep;
	struct record		*r;
	struct msgb		 m;
	char			*p, buf[32];
	size_t			 len, i;
	int			 rc;

	r = record_new(de);
	record_set_str(r, dict_field_pos(de, "type"), ltype[type]);
	whcode(wh, buf, sizeof buf);
	record_set_str(r, dict_field_pos(de, "warehouse"), buf);
	codec_encode(r, &p, &len);
	record_free(r);
	client_req(c, &m, "doc", 5);
	mb_kstr(&m, "entity", "stock_docs");
	mb_kstr(&m, "action", "save");
	mb_str(&m, "rec");
	mb_bin(&m, p, len);
	free(p);
	mb_str(&m, "lines");
	mb_array(&m, n);
	for (i = 0; i < n; i++) {
		r = record_new(le);
		sku(ls[i].prod, buf, sizeof buf);
		record_set_str(r, dict_field_pos(le, "product"), buf);
		record_set_int(r, dict_field_pos(le, "qty"),
		    (int64_t)ls[i].qty * 1000);
		if (type == L_RECEIPT)
			record_set_int(r, dict_field_pos(le, "unit_cost"),
			    ls[i].cost);
		codec_encode(r, &p, &len);
		record_free(r);
		mb_bin(&m, p, len);
		free(p);
	}
	mb_kbool(&m, "post", 1);
	rc = client_call(c, &m, &rep);
	if (rc != 0) {
		if (rc == EX_DATAERR && rep.err != NULL &&
		    strstr(rep.err, " available, ") != NULL)
			rc = 1;
		else {
			if (*err == NULL)
				xasprintf(err, "exit %d: %s", rc,
				    rep.err ? rep.err : "?");
			rc = -1;
		}
	}
	client_reply_free(&rep);
	return (rc);
}

/* The "stock" report of a SKU: the rows it gives. */
static int
k_stock_report(const char *key)
{
	struct client_reply	 r;
	struct msgb		 m;
	int			 rc, rows = 0;

	client_req(cl, &m, "report", 4);
	mb_kstr(&m, "name", "stock");
	mb_kint(&m, "from", 0);
	mb_kint(&m, "to", 0);
	mb_kstr(&m, "key", key);
	rc = client_call(cl, &m, &r);
	while (rc == 0) {
		if (r.more && r.data != NULL &&
		    r.data->type == MSGPACK_OBJECT_ARRAY &&
		    r.data->via.array.size > 0 &&
		    r.data->via.array.ptr[0].type == MSGPACK_OBJECT_ARRAY)
			rows += (int)r.data->via.array.size;
		if (!r.more)
			break;
		client_reply_free(&r);
		rc = client_next(cl, &r);
	}
	if (rc != 0)
		die("report stock %s: %s", key, r.err ? r.err : "?");
	client_reply_free(&r);
	return (rows);
}

/* The product by SKU, then its stock rows over the product index. */
static int
k_stock_scan(const char *key)
{
	const struct entity_def	*pe = dict_entity("products");
	const struct entity_def	*se = dict_entity("stock");
	struct record		*p, **rows;
	struct value		 from;
	char			*cause = NULL;
	size_t			 n, i;
	int			 got = 0, pos = dict_field_pos(se, "product");

	if (cr_get(cl, pe, 0, key, &p, &cause) != 0)
		die("get %s: %s", key, cause);
	memset(&from, 0, sizeof from);
	from.set = 1;
	from.i = (int64_t)record_id(p);
	if (cr_scan(cl, se, "product", &from, 0, 1, PAGE, &rows, &n,
	    &cause) != 0)
		die("scan stock: %s", cause);
	for (i = 0; i < n; i++)
		if ((uint64_t)record_int(rows[i], pos) == record_id(p))
			got++;
	cr_rows_free(rows, n);
	record_free(p);
	return (got);
}

static void
ref_count(void *arg, const char *entity, int64_t id, const char *code,
    const char *name, int named)
{
	(void)entity;
	(void)id;
	(void)code;
	(void)name;
	(void)named;
	(*(size_t *)arg)++;
}

/* The first page of the moves, newest first; with resolve 2, with the
 * codes of its references in the same answer; with resolve 1, the
 * references the list shows fetched as the TUI's ref_code() does, with a
 * cache that starts empty.  The requests made are added to *reqs. */
static int
k_moves_page(int resolve, int *reqs)
{
	static const char *const refs[] = { "product", "warehouse", "doc" };
	const struct entity_def	*me = dict_entity("stock_moves");
	struct record		**rows, *r;
	struct value		 from;
	struct {
		const struct entity_def	*e;
		uint64_t		 id;
	}			 seen[PAGE * 3];
	char			*cause = NULL;
	size_t			 n, i, j, k, nseen = 0;
	int			 pos;

	memset(&from, 0, sizeof from);
	if (resolve == 2) {
		/* As the TUI's list asks: the codes come with the rows. */
		if (cr_scan_refs(cl, me, NULL, &from, 0, -1, PAGE, ref_count,
		    &nseen, &rows, &n, &cause) != 0)
			die("scan stock_moves: %s", cause);
		(*reqs)++;
		cr_rows_free(rows, n);
		return ((int)n);
	}
	if (cr_scan(cl, me, NULL, &from, 0, -1, PAGE, &rows, &n,
	    &cause) != 0)
		die("scan stock_moves: %s", cause);
	(*reqs)++;
	for (i = 0; resolve && i < n; i++)
		for (k = 0; k < 3; k++) {
			const struct entity_def *te;
			uint64_t id;

			pos = dict_field_pos(me, refs[k]);
			te = dict_entity(me->fields[pos].ref);
			id = (uint64_t)record_int(rows[i], pos);
			for (j = 0; j < nseen; j++)
				if (seen[j].e == te && seen[j].id == id)
					break;
			if (j < nseen)
				continue;
			seen[nseen].e = te;
			seen[nseen++].id = id;
			if (cr_get(cl, te, id, NULL, &r, &cause) != 0)
				die("get %s %llu: %s", te->name,
				    (unsigned long long)id, cause);
			(*reqs)++;
			record_free(r);
		}
	cr_rows_free(rows, n);
	return ((int)n);
}

/* --- SQLite ----------------------------------------------------------- */

#ifdef HAVE_SQLITE3
static const char sq_schema[] =
	"CREATE TABLE warehouses (id INTEGER PRIMARY KEY,"
	" code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
	" allow_negative INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE products (id INTEGER PRIMARY KEY,"
	" sku TEXT NOT NULL UNIQUE, name TEXT NOT NULL, kind TEXT NOT NULL,"
	" unit TEXT NOT NULL, vat TEXT NOT NULL, purchase_price INTEGER,"
	" sale_price INTEGER);"
	"CREATE TABLE stock (product INTEGER NOT NULL, warehouse INTEGER"
	" NOT NULL, on_hand INTEGER NOT NULL, reserved INTEGER NOT NULL,"
	" on_order INTEGER NOT NULL, value INTEGER NOT NULL, moved INTEGER,"
	" PRIMARY KEY (product, warehouse)) WITHOUT ROWID;"
	"CREATE TABLE counters (series TEXT PRIMARY KEY, n INTEGER NOT NULL);"
	"CREATE TABLE docs (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE,"
	" type TEXT NOT NULL, status TEXT NOT NULL, date INTEGER NOT NULL,"
	" warehouse INTEGER, to_warehouse INTEGER, notes TEXT,"
	" posted INTEGER, posted_by TEXT, created INTEGER, created_by TEXT);"
	"CREATE TABLE lines (id INTEGER PRIMARY KEY, doc INTEGER NOT NULL,"
	" line INTEGER NOT NULL, product INTEGER NOT NULL, qty INTEGER NOT"
	" NULL, unit_cost INTEGER, type TEXT, warehouse INTEGER,"
	" to_warehouse INTEGER);"
	"CREATE INDEX lines_doc ON lines (doc);"
	"CREATE TABLE moves (id INTEGER PRIMARY KEY, date INTEGER NOT NULL,"
	" kind TEXT NOT NULL, product INTEGER NOT NULL, warehouse INTEGER"
	" NOT NULL, qty INTEGER NOT NULL, unit_cost INTEGER NOT NULL,"
	" value INTEGER NOT NULL, doc INTEGER NOT NULL, user TEXT);"
	"CREATE INDEX moves_product ON moves (product);"
	"CREATE INDEX moves_doc ON moves (doc);";

/* The further secondary indexes kontor keeps on these entities: made
 * for the second round of postings, dropped before the first (--reuse). */
static const char *const sq_more[][2] = {
	{ "products_name", "products (name)" },
	{ "stock_warehouse", "stock (warehouse)" },
	{ "docs_type", "docs (type)" },
	{ "docs_status", "docs (status)" },
	{ "docs_date", "docs (date)" },
	{ "docs_warehouse", "docs (warehouse)" },
	{ "docs_to_warehouse", "docs (to_warehouse)" },
	{ "lines_product", "lines (product)" },
	{ "moves_date", "moves (date)" },
	{ "moves_warehouse", "moves (warehouse)" },
};

enum {
	Q_BEGIN, Q_COMMIT, Q_ROLLBACK, Q_CTR_UPD, Q_CTR_INS, Q_CTR_GET,
	Q_DOC_INS, Q_LINE_INS, Q_PROD, Q_WH, Q_SUM, Q_ROW, Q_UPSERT, Q_MOVE,
	Q_POSTED, Q_ONHAND, Q_PAGE, Q_N
};
static const char *const sq_sql[Q_N] = {
	"BEGIN IMMEDIATE",
	"COMMIT",
	"ROLLBACK",
	"UPDATE counters SET n = n + 1 WHERE series = ?1",
	"INSERT INTO counters (series, n) VALUES (?1, 1)",
	"SELECT n FROM counters WHERE series = ?1",
	"INSERT INTO docs (code, type, status, date, warehouse, notes,"
	" created, created_by) VALUES (?1, ?2, 'draft', ?3, ?4, ?5, ?6, ?7)",
	"INSERT INTO lines (doc, line, product, qty, unit_cost, type,"
	" warehouse, to_warehouse) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	"SELECT id, purchase_price FROM products WHERE sku = ?1",
	"SELECT id, allow_negative FROM warehouses WHERE code = ?1",
	"SELECT coalesce(sum(on_hand), 0), coalesce(sum(value), 0)"
	" FROM stock WHERE product = ?1",
	"SELECT on_hand, reserved, value FROM stock"
	" WHERE product = ?1 AND warehouse = ?2",
	"INSERT INTO stock (product, warehouse, on_hand, reserved, on_order,"
	" value, moved) VALUES (?1, ?2, ?3, 0, 0, ?4, ?5)"
	" ON CONFLICT (product, warehouse) DO UPDATE SET"
	" on_hand = on_hand + excluded.on_hand,"
	" value = value + excluded.value, moved = excluded.moved",
	"INSERT INTO moves (date, kind, product, warehouse, qty, unit_cost,"
	" value, doc, user) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	"UPDATE docs SET status = 'posted', posted = ?2, posted_by = ?3"
	" WHERE id = ?1",
	"SELECT w.code, w.name, s.on_hand, s.reserved,"
	" s.on_hand - s.reserved, s.on_order FROM products p"
	" JOIN stock s ON s.product = p.id"
	" JOIN warehouses w ON w.id = s.warehouse WHERE p.sku = ?1",
	"SELECT m.id, m.date, m.kind, p.sku, w.code, m.qty, m.unit_cost,"
	" m.value, d.code, m.user FROM moves m"
	" JOIN products p ON p.id = m.product"
	" JOIN warehouses w ON w.id = m.warehouse"
	" JOIN docs d ON d.id = m.doc ORDER BY m.id DESC LIMIT 50",
};

/* Step a statement that returns no rows (or ignore them), and reset. */
static int
sq_do(struct sq *q, int i)
{
	int	 rc;

	while ((rc = sqlite3_step(q->st[i])) == SQLITE_ROW)
		;
	sqlite3_reset(q->st[i]);
	sqlite3_clear_bindings(q->st[i]);
	return (rc == SQLITE_DONE ? 0 : rc);
}

/* Step to the one row (1), none (0), or an error (-1). */
static int
sq_row(struct sq *q, int i)
{
	int	 rc = sqlite3_step(q->st[i]);

	if (rc == SQLITE_ROW)
		return (1);
	sqlite3_reset(q->st[i]);
	sqlite3_clear_bindings(q->st[i]);
	return (rc == SQLITE_DONE ? 0 : -1);
}

#define BIND_I(q, i, n, v)	sqlite3_bind_int64((q)->st[i], (n), (v))
#define BIND_T(q, i, n, v)	sqlite3_bind_text((q)->st[i], (n), (v), -1, \
				    SQLITE_TRANSIENT)
#define COL_I(q, i, n)		sqlite3_column_int64((q)->st[i], (n))

static void
sq_masters(struct sq *q)
{
	sqlite3_stmt	*st;
	unsigned	 i;
	char		 code[32], name[64];

	sq_exec(q->db, "BEGIN");
	if (sqlite3_prepare_v2(q->db, "INSERT INTO warehouses (code, name)"
	    " VALUES (?1, ?2)", -1, &st, NULL) != SQLITE_OK)
		die("sqlite: %s", sqlite3_errmsg(q->db));
	for (i = 0; i < nwh; i++) {
		whcode(i, code, sizeof code);
		snprintf(name, sizeof name, "Склад %u", i + 1);
		sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) != SQLITE_DONE)
			die("sqlite: %s", sqlite3_errmsg(q->db));
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(q->db, "INSERT INTO products (sku, name, kind,"
	    " unit, vat, purchase_price, sale_price) VALUES (?1, ?2, 'goods',"
	    " 'pcs', '20', ?3, ?4)", -1, &st, NULL) != SQLITE_OK)
		die("sqlite: %s", sqlite3_errmsg(q->db));
	for (i = 0; i < nprod; i++) {
		sku(i, code, sizeof code);
		snprintf(name, sizeof name, "%s М%u-%u", nouns[i % 20],
		    3 + i % 17, i + 1);
		sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 3, price[i]);
		sqlite3_bind_int64(st, 4, price[i] * 3 / 2);
		if (sqlite3_step(st) != SQLITE_DONE)
			die("sqlite: %s", sqlite3_errmsg(q->db));
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	sq_exec(q->db, "COMMIT");
}

struct sq_ref {
	int64_t	 id, extra;
};

static int
sq_lookup(struct sq *q, int i, const char *key, struct sq_ref *r)
{
	int	 rc;

	BIND_T(q, i, 1, key);
	if ((rc = sq_row(q, i)) != 1)
		return (rc == 0 ? 1 : -1);
	r->id = COL_I(q, i, 0);
	r->extra = COL_I(q, i, 1);
	sq_reset(q, i);
	return (0);
}

/*
 * One move of a posting, as kontor's move(): the balance row (refusing
 * to go short when check is set), the moving average cost over all
 * warehouses of the product, the ledger row.  1: short.
 */
static int
sq_move(struct sq *q, int64_t doc, const struct sq_ref *p, int64_t wid,
    int neg, const char *kind, int64_t qty, int64_t cost, int check)
{
	int64_t	 sqty = 0, sval = 0, oh = 0, rs = 0, v = 0, avg, val, ucost;
	int	 rc;

	BIND_I(q, Q_SUM, 1, p->id);
	if ((rc = sq_row(q, Q_SUM)) < 0)
		return (-1);
	if (rc == 1) {
		sqty = COL_I(q, Q_SUM, 0);
		sval = COL_I(q, Q_SUM, 1);
		sq_reset(q, Q_SUM);
	}
	BIND_I(q, Q_ROW, 1, p->id);
	BIND_I(q, Q_ROW, 2, wid);
	if ((rc = sq_row(q, Q_ROW)) < 0)
		return (-1);
	if (rc == 1) {
		oh = COL_I(q, Q_ROW, 0);
		rs = COL_I(q, Q_ROW, 1);
		v = COL_I(q, Q_ROW, 2);
		sq_reset(q, Q_ROW);
	}
	if (qty < 0 && check && !neg && oh - rs < -qty)
		return (1);
	avg = sqty > 0 && sval >= 0 ? stock_muldiv(sval, 1000, sqty) :
	    p->extra;
	if (qty > 0)
		val = stock_muldiv(qty, cost >= 0 ? cost : avg, 1000);
	else if (oh == -qty)
		val = -v;
	else
		val = -stock_muldiv(-qty, avg, 1000);
	ucost = stock_muldiv(val < 0 ? -val : val, 1000, qty < 0 ? -qty : qty);
	BIND_I(q, Q_UPSERT, 1, p->id);
	BIND_I(q, Q_UPSERT, 2, wid);
	BIND_I(q, Q_UPSERT, 3, qty);
	BIND_I(q, Q_UPSERT, 4, val);
	BIND_I(q, Q_UPSERT, 5, (int64_t)time(NULL));
	if (sq_do(q, Q_UPSERT) != 0)
		return (-1);
	BIND_I(q, Q_MOVE, 1, today);
	BIND_T(q, Q_MOVE, 2, kind);
	BIND_I(q, Q_MOVE, 3, p->id);
	BIND_I(q, Q_MOVE, 4, wid);
	BIND_I(q, Q_MOVE, 5, qty);
	BIND_I(q, Q_MOVE, 6, ucost);
	BIND_I(q, Q_MOVE, 7, val);
	BIND_I(q, Q_MOVE, 8, doc);
	BIND_T(q, Q_MOVE, 9, "root");
	return (sq_do(q, Q_MOVE) != 0 ? -1 : 0);
}

/*
 * A document of type (L_RECEIPT, L_ISSUE; -1 a batch whose lines have
 * their own types and warehouses) saved and posted in one transaction:
 * 0, 1 refused for want of stock (rolled back), -1 an error in *err.
 */
static int
sq_post(struct sq *q, int type, unsigned wh, const struct mline *ls,
    size_t n, char **err)
{
	struct sq_ref	 p, w, t, dw;
	const char	*prefix;
	char		 series[32], code[48], key[32];
	int64_t		 doc, num;
	size_t		 i;
	int		 rc = -1, short_ = 0;

	if (sq_do(q, Q_BEGIN) != 0)
		goto fail;
	prefix = type == L_RECEIPT ? "RCP" : type == L_ISSUE ? "ISS" : "BAT";
	snprintf(series, sizeof series, "series:%s:%lld", prefix,
	    (long long)(today / 10000));
	BIND_T(q, Q_CTR_UPD, 1, series);
	if (sq_do(q, Q_CTR_UPD) != 0)
		goto fail;
	if (sqlite3_changes(q->db) == 0) {
		BIND_T(q, Q_CTR_INS, 1, series);
		if (sq_do(q, Q_CTR_INS) != 0)
			goto fail;
	}
	BIND_T(q, Q_CTR_GET, 1, series);
	if (sq_row(q, Q_CTR_GET) != 1)
		goto fail;
	num = COL_I(q, Q_CTR_GET, 0);
	sq_reset(q, Q_CTR_GET);
	snprintf(code, sizeof code, "%s-%lld-%06lld", prefix,
	    (long long)(today / 10000), (long long)num);
	memset(&dw, 0, sizeof dw);
	if (type >= 0) {
		whcode(wh, key, sizeof key);
		if (sq_lookup(q, Q_WH, key, &dw) != 0)
			goto fail;
	}
	BIND_T(q, Q_DOC_INS, 1, code);
	BIND_T(q, Q_DOC_INS, 2, type >= 0 ? ltype[type] : "batch");
	BIND_I(q, Q_DOC_INS, 3, today);
	if (type >= 0)
		BIND_I(q, Q_DOC_INS, 4, dw.id);
	if (type < 0)
		BIND_T(q, Q_DOC_INS, 5, "kontor import stock-moves");
	BIND_I(q, Q_DOC_INS, 6, (int64_t)time(NULL));
	BIND_T(q, Q_DOC_INS, 7, "root");
	if (sq_do(q, Q_DOC_INS) != 0)
		goto fail;
	doc = sqlite3_last_insert_rowid(q->db);
	for (i = 0; i < n && !short_; i++) {
		const struct mline *l = &ls[i];

		sku(l->prod, key, sizeof key);
		if (sq_lookup(q, Q_PROD, key, &p) != 0)
			goto fail;
		whcode(l->wh, key, sizeof key);
		if (sq_lookup(q, Q_WH, key, &w) != 0)
			goto fail;
		memset(&t, 0, sizeof t);
		if (l->type == L_TRANSFER) {
			whcode(l->to, key, sizeof key);
			if (sq_lookup(q, Q_WH, key, &t) != 0)
				goto fail;
		}
		BIND_I(q, Q_LINE_INS, 1, doc);
		BIND_I(q, Q_LINE_INS, 2, (int64_t)i + 1);
		BIND_I(q, Q_LINE_INS, 3, p.id);
		BIND_I(q, Q_LINE_INS, 4, (int64_t)l->qty * 1000);
		if (l->type == L_RECEIPT)
			BIND_I(q, Q_LINE_INS, 5, l->cost);
		if (type < 0) {
			BIND_T(q, Q_LINE_INS, 6, ltype[l->type]);
			BIND_I(q, Q_LINE_INS, 7, w.id);
			if (l->type == L_TRANSFER)
				BIND_I(q, Q_LINE_INS, 8, t.id);
		}
		if (sq_do(q, Q_LINE_INS) != 0)
			goto fail;
		/* Posting the line. */
		switch (l->type) {
		case L_RECEIPT:
			rc = sq_move(q, doc, &p, w.id, (int)w.extra,
			    "receipt", (int64_t)l->qty * 1000, l->cost, 0);
			break;
		case L_ISSUE:
			rc = sq_move(q, doc, &p, w.id, (int)w.extra, "issue",
			    -(int64_t)l->qty * 1000, -1, 1);
			break;
		default:
			rc = sq_move(q, doc, &p, w.id, (int)w.extra,
			    "transfer_out", -(int64_t)l->qty * 1000, -1, 1);
			if (rc == 0)
				rc = sq_move(q, doc, &p, t.id, (int)t.extra,
				    "transfer_in", (int64_t)l->qty * 1000, -1,
				    0);
			break;
		}
		if (rc < 0)
			goto fail;
		short_ = rc == 1;
		rc = -1;
	}
	if (short_) {
		sq_do(q, Q_ROLLBACK);
		return (1);
	}
	BIND_I(q, Q_POSTED, 1, doc);
	BIND_I(q, Q_POSTED, 2, (int64_t)time(NULL));
	BIND_T(q, Q_POSTED, 3, "root");
	if (sq_do(q, Q_POSTED) != 0)
		goto fail;
	if (sq_do(q, Q_COMMIT) != 0)
		goto fail;
	return (0);
fail:
	if (*err == NULL)
		xasprintf(err, "sqlite: %s", sqlite3_errmsg(q->db));
	if (!sqlite3_get_autocommit(q->db))
		sq_do(q, Q_ROLLBACK);
	return (-1);
}

static int
sq_onhand(struct sq *q, const char *key)
{
	int	 rows = 0, rc;

	BIND_T(q, Q_ONHAND, 1, key);
	while ((rc = sqlite3_step(q->st[Q_ONHAND])) == SQLITE_ROW) {
		(void)sqlite3_column_text(q->st[Q_ONHAND], 0);
		(void)sqlite3_column_int64(q->st[Q_ONHAND], 2);
		rows++;
	}
	if (rc != SQLITE_DONE)
		die("sqlite: %s", sqlite3_errmsg(q->db));
	sq_reset(q, Q_ONHAND);
	return (rows);
}

static int
sq_page(struct sq *q)
{
	int	 rows = 0, rc, i;

	while ((rc = sqlite3_step(q->st[Q_PAGE])) == SQLITE_ROW) {
		for (i = 0; i < 10; i++)
			(void)sqlite3_column_text(q->st[Q_PAGE], i);
		rows++;
	}
	if (rc != SQLITE_DONE)
		die("sqlite: %s", sqlite3_errmsg(q->db));
	sq_reset(q, Q_PAGE);
	return (rows);
}
#endif /* HAVE_SQLITE3 */

/* --- (1) and (2): latency ------------------------------------------- */

struct qres {
	char		 stage[48];
	char		 measure[64];
	char		 how[96];
	int		 sqlite;
	double		 reqs, rows;
	double		 first, median, p99;
};
static struct qres	 qres[64];
static size_t		 nqres;

static void
qres_add(const char *stage, const char *measure, const char *how,
    int sqlite, double *v, size_t n, double reqs, double rows)
{
	struct qres	*q;

	if (n == 0 || nqres == sizeof qres / sizeof qres[0])
		return;
	q = &qres[nqres++];
	snprintf(q->stage, sizeof q->stage, "%s", stage);
	snprintf(q->measure, sizeof q->measure, "%s", measure);
	snprintf(q->how, sizeof q->how, "%s", how);
	q->sqlite = sqlite;
	q->reqs = reqs / (double)n;
	q->rows = rows / (double)n;
	q->first = v[0];
	qsort(v, n, sizeof *v, cmp_double);
	q->median = v[(size_t)(0.5 * (double)(n - 1) + 0.5)];
	q->p99 = v[(size_t)(0.99 * (double)(n - 1) + 0.5)];
}

#ifdef HAVE_SQLITE3
static struct sq	*sqdb;
#endif

static void
queries(const char *stage)
{
	double		*v = xcalloc((size_t)reps, sizeof *v), t;
	double		 nrows, nreqs;
	uint64_t	 s = 99;
	char		 key[32];
	int		 r, reqs;

	if (!(skip & SKIP_KONTOR)) {
		for (nrows = 0, r = 0; r < reps; r++) {
			sku(rnd(&s, nprod), key, sizeof key);
			t = now();
			nrows += k_stock_report(key);
			v[r] = (now() - t) * 1e3;
		}
		qres_add(stage, "(1) on hand of a random SKU",
		    "kontor: report \"stock\" key SKU", 0, v, (size_t)reps,
		    reps, nrows);
		for (nrows = 0, r = 0; r < reps; r++) {
			sku(rnd(&s, nprod), key, sizeof key);
			t = now();
			nrows += k_stock_scan(key);
			v[r] = (now() - t) * 1e3;
		}
		qres_add(stage, "(1) on hand of a random SKU",
		    "kontor: get product by SKU + scan stock by product", 0, v,
		    (size_t)reps, 2.0 * reps, nrows);
		for (nrows = 0, nreqs = 0, r = 0; r < reps; r++) {
			reqs = 0;
			t = now();
			nrows += k_moves_page(0, &reqs);
			v[r] = (now() - t) * 1e3;
			nreqs += reqs;
		}
		qres_add(stage, "(2) first page of moves, newest first",
		    "kontor: scan stock_moves by id descending, 50", 0, v,
		    (size_t)reps, nreqs, nrows);
		for (nrows = 0, nreqs = 0, r = 0; r < reps; r++) {
			reqs = 0;
			t = now();
			nrows += k_moves_page(1, &reqs);
			v[r] = (now() - t) * 1e3;
			nreqs += reqs;
		}
		qres_add(stage, "(2) first page of moves, newest first",
		    "kontor: the same + a get per reference shown (cold)", 0,
		    v, (size_t)reps, nreqs, nrows);
		for (nrows = 0, nreqs = 0, r = 0; r < reps; r++) {
			reqs = 0;
			t = now();
			nrows += k_moves_page(2, &reqs);
			v[r] = (now() - t) * 1e3;
			nreqs += reqs;
		}
		qres_add(stage, "(2) first page of moves, newest first",
		    "kontor: scan with the references' codes (as :moves)", 0,
		    v, (size_t)reps, nreqs, nrows);
	}
#ifdef HAVE_SQLITE3
	if (!(skip & SKIP_SQLITE)) {
		s = 99;
		for (nrows = 0, r = 0; r < reps; r++) {
			sku(rnd(&s, nprod), key, sizeof key);
			t = now();
			nrows += sq_onhand(sqdb, key);
			v[r] = (now() - t) * 1e3;
		}
		qres_add(stage, "(1) on hand of a random SKU",
		    "SQLite: SELECT balances JOIN products WHERE sku = ?", 1, v,
		    (size_t)reps, 0, nrows);
		for (nrows = 0, r = 0; r < reps; r++) {
			t = now();
			nrows += sq_page(sqdb);
			v[r] = (now() - t) * 1e3;
		}
		qres_add(stage, "(2) first page of moves, newest first",
		    "SQLite: ORDER BY id DESC LIMIT 50, 3 joins", 1, v,
		    (size_t)reps, 0, nrows);
	}
#endif
	free(v);
}

static void
print_queries(void)
{
	const struct qres	*q, *base;
	size_t			 i, j;
	char			 ratio[32], reqs[32];

	printf("| after | measure | how | requests | rows | first | median "
	    "| p99 | kontor / SQLite (median) |\n");
	printf("|---|---|---|---:|---:|---:|---:|---:|---:|\n");
	for (i = 0; i < nqres; i++) {
		q = &qres[i];
		base = NULL;
		for (j = 0; j < nqres; j++)
			if (qres[j].sqlite &&
			    strcmp(qres[j].stage, q->stage) == 0 &&
			    strcmp(qres[j].measure, q->measure) == 0)
				base = &qres[j];
		if (!q->sqlite && base != NULL && base->median > 0)
			snprintf(ratio, sizeof ratio, "%.1f",
			    q->median / base->median);
		else
			ratio[0] = '\0';
		if (q->sqlite)
			snprintf(reqs, sizeof reqs, "in process");
		else
			snprintf(reqs, sizeof reqs, "%.1f", q->reqs);
		printf("| %s | %s | %s | %s | %.1f | %.3f | %.3f | %.3f | %s |\n",
		    q->stage, q->measure, q->how, reqs, q->rows, q->first,
		    q->median, q->p99, ratio);
	}
	fflush(stdout);
}

/* --- (3) documents posted per second ---------------------------------- */

struct result {
	uint64_t	 docs, moves, refused, errors;
	double		 secs;
	uint32_t	 nlat;		/* latencies that follow, in us */
	char		 err[200];	/* the first error */
};

struct rate {
	double		 docs, moves, p50, p99;
	double		 srv_ms, cli_ms;	/* CPU a document posted */
	double		 busy;			/* of all CPUs, % */
	uint64_t	 n, refused, errors;
	char		 err[200];
};

/* Busy and total jiffies of all CPUs, from /proc/stat. */
static void
sys_cpu(double *busy, double *total)
{
	unsigned long long	 v[8];
	FILE			*f;
	int			 i;

	*busy = *total = 0;
	if ((f = fopen("/proc/stat", "r")) == NULL)
		return;
	if (fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0],
	    &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]) == 8) {
		for (i = 0; i < 8; i++)
			*total += (double)v[i];
		*busy = *total - (double)v[3] - (double)v[4];
	}
	fclose(f);
}

static double
children_cpu(void)
{
	struct rusage	 ru;

	getrusage(RUSAGE_CHILDREN, &ru);
	return ((double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	    (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6);
}

static void
child(void *arg, int startfd, int wfd, uint64_t seed)
{
	int		 sqlite = *(int *)arg;
	struct result	 res;
	struct mline	 ls[DOC_LINES];
	struct client	*c = NULL;
#ifdef HAVE_SQLITE3
	struct sq	*q = NULL;
#endif
	uint32_t	*lat;
	double		 t0, t, t1, ts;
	char		*err = NULL, go;
	unsigned	 wh;
	size_t		 n;
	int		 type, rc;

	if (sqlite) {
#ifdef HAVE_SQLITE3
		q = sq_open(sq_sql, Q_N, 0, NULL);
#endif
	} else
		c = bench_connect();
	lat = xcalloc(LAT_MAX, sizeof *lat);
	memset(&res, 0, sizeof res);
	if (read(startfd, &go, 1) != 1)
		_exit(1);
	t0 = now();
	t1 = t0 + secs;
	for (t = t0; t < t1 && (maxdocs == 0 || (long)(res.docs +
	    res.refused + res.errors) < maxdocs); ) {
		type = make_doc(&seed, &wh, ls, &n);
		ts = t;
#ifdef HAVE_SQLITE3
		if (sqlite)
			rc = sq_post(q, type, wh, ls, n, &err);
		else
#endif
			rc = k_post(c, type, wh, ls, n, &err);
		t = now();
		if (rc < 0)
			res.errors++;
		else if (rc == 1)
			res.refused++;
		else {
			if (res.nlat < LAT_MAX)
				lat[res.nlat++] = (uint32_t)((t - ts) * 1e6);
			res.docs++;
			res.moves += n;
		}
	}
	res.secs = t - t0;
	if (err != NULL)
		snprintf(res.err, sizeof res.err, "%s", err);
	if (write(wfd, &res, sizeof res) != sizeof res ||
	    write(wfd, lat, res.nlat * sizeof *lat) !=
	    (ssize_t)(res.nlat * sizeof *lat))
		_exit(1);
#ifdef HAVE_SQLITE3
	sq_close(q);
#endif
	_exit(0);
}

static void
post_rate(int sqlite, int nclients, struct rate *out)
{
	int		 rfd[MAX_CLIENTS], i;
	pid_t		 pids[MAX_CLIENTS];
	struct result	 res;
	uint32_t	*lat = NULL;
	size_t		 nlat = 0;
	pid_t		 spid = sqlite ? 0 : bench_server_pid();
	double		 scpu0 = spid > 0 ? bench_proc_cpu(spid) : -1, scpu1;
	double		 ccpu0 = children_cpu(), busy0, total0, busy1, total1;

	memset(out, 0, sizeof *out);
	sys_cpu(&busy0, &total0);
	bench_clients_start(nclients, child, &sqlite, rfd, pids);
	for (i = 0; i < nclients; i++) {
		if (read_all(rfd[i], &res, sizeof res) != 0)
			die("a posting client failed");
		lat = xreallocarray(lat, nlat + res.nlat + 1, sizeof *lat);
		if (read_all(rfd[i], lat + nlat,
		    res.nlat * sizeof *lat) != 0)
			die("a posting client failed");
		nlat += res.nlat;
		out->n += res.docs;
		out->refused += res.refused;
		out->errors += res.errors;
		if (res.secs > 0) {
			out->docs += (double)res.docs / res.secs;
			out->moves += (double)res.moves / res.secs;
		}
		if (out->err[0] == '\0' && res.err[0] != '\0')
			memcpy(out->err, res.err, sizeof out->err);
		close(rfd[i]);
	}
	bench_clients_wait(nclients, pids);
	/* CPU over the whole run, connecting included; per document. */
	sys_cpu(&busy1, &total1);
	if (total1 > total0)
		out->busy = 100 * (busy1 - busy0) / (total1 - total0);
	scpu1 = spid > 0 ? bench_proc_cpu(spid) : -1;
	if (out->n > 0) {
		out->cli_ms = (children_cpu() - ccpu0) * 1e3 / (double)out->n;
		out->srv_ms = scpu0 >= 0 && scpu1 >= 0 ?
		    (scpu1 - scpu0) * 1e3 / (double)out->n : -1;
	}
	if (nlat > 0) {
		qsort(lat, nlat, sizeof *lat, cmp_u32);
		out->p50 = lat[nlat / 2] / 1000.0;
		out->p99 = lat[(size_t)((double)nlat * 0.99)] / 1000.0;
	}
	free(lat);
}

static void
print_rate_row(const char *who, int nclients, const struct rate *r)
{
	char	 srv[32];

	if (r->srv_ms >= 0 && strcmp(who, "kontor") == 0)
		snprintf(srv, sizeof srv, "%.2f", r->srv_ms);
	else
		snprintf(srv, sizeof srv, "-");
	printf("| %s | %d | %llu | %.0f | %.0f | %.2f | %.2f | %llu | %llu "
	    "| %s | %.2f | %.0f%% |\n", who, nclients,
	    (unsigned long long)r->n, r->docs, r->moves, r->p50, r->p99,
	    (unsigned long long)r->refused, (unsigned long long)r->errors,
	    srv, r->cli_ms, r->busy);
}

static void
posting(const int *counts, int ncounts)
{
	struct rate	 k[16], s[16], x[16];
	char		 notes[2048] = "";
	size_t		 used;
	int		 i, have_s = 0, have_x = 0;

	memset(k, 0, sizeof k);
	memset(s, 0, sizeof s);
	memset(x, 0, sizeof x);
#ifdef HAVE_SQLITE3
	if (!(skip & SKIP_SQLITE))
		for (i = 0; i < (int)(sizeof sq_more / sizeof sq_more[0]);
		    i++) {
			char	*sql;

			xasprintf(&sql, "DROP INDEX IF EXISTS %s",
			    sq_more[i][0]);
			sq_exec(sqdb->db, sql);
			free(sql);
		}
#endif
	for (i = 0; i < ncounts; i++) {
		if (!(skip & SKIP_KONTOR)) {
			note("posting: kontor, %d clients", counts[i]);
			post_rate(0, counts[i], &k[i]);
		}
#ifdef HAVE_SQLITE3
		if (!(skip & SKIP_SQLITE)) {
			note("posting: SQLite, %d clients", counts[i]);
			sq_close(sqdb);
			sqdb = NULL;
			post_rate(1, counts[i], &s[i]);
			sqdb = sq_open(sq_sql, Q_N, 0, NULL);
			have_s = 1;
		}
#endif
	}
#ifdef HAVE_SQLITE3
	/* SQLite again, with the further indexes kontor keeps. */
	if (!(skip & SKIP_SQLITE)) {
		double	 t = now();

		for (i = 0; i < (int)(sizeof sq_more / sizeof sq_more[0]);
		    i++) {
			char	*sql;

			xasprintf(&sql, "CREATE INDEX %s ON %s", sq_more[i][0],
			    sq_more[i][1]);
			sq_exec(sqdb->db, sql);
			free(sql);
		}
		note("SQLite: kontor's further indexes made in %.1f s",
		    now() - t);
		sq_close(sqdb);
		sqdb = NULL;
		for (i = 0; i < ncounts; i++) {
			note("posting: SQLite with kontor's indexes, %d "
			    "clients", counts[i]);
			post_rate(1, counts[i], &x[i]);
		}
		sqdb = sq_open(sq_sql, Q_N, 0, NULL);
		have_x = 1;
	}
#endif
	printf("| system | clients | docs posted | docs/s | moves/s | p50 (ms) "
	    "| p99 (ms) | refused (short) | errors | server CPU ms/doc "
	    "| client CPU ms/doc | machine busy |\n");
	printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
	for (i = 0; i < ncounts; i++) {
		if (!(skip & SKIP_KONTOR))
			print_rate_row("kontor", counts[i], &k[i]);
		if (have_s)
			print_rate_row("SQLite", counts[i], &s[i]);
		if (have_x)
			print_rate_row("SQLite + kontor's indexes", counts[i],
			    &x[i]);
	}
	if (!(skip & SKIP_KONTOR) && have_s) {
		printf("\n| clients | kontor / SQLite (moves/s) | kontor / "
		    "SQLite with kontor's indexes |\n|---:|---:|---:|\n");
		for (i = 0; i < ncounts; i++)
			printf("| %d | %.2f | %.2f |\n", counts[i],
			    s[i].moves > 0 ? k[i].moves / s[i].moves : 0,
			    x[i].moves > 0 ? k[i].moves / x[i].moves : 0);
	}
	for (i = 0; i < ncounts; i++) {
		used = strlen(notes);
		if (k[i].err[0] != '\0')
			snprintf(notes + used, sizeof notes - used, "kontor, %d "
			    "clients: %llu errors, the first: %s\n", counts[i],
			    (unsigned long long)k[i].errors, k[i].err);
		used = strlen(notes);
		if (s[i].err[0] != '\0')
			snprintf(notes + used, sizeof notes - used, "SQLite, %d "
			    "clients: %llu errors, the first: %s\n", counts[i],
			    (unsigned long long)s[i].errors, s[i].err);
		used = strlen(notes);
		if (x[i].err[0] != '\0')
			snprintf(notes + used, sizeof notes - used, "SQLite+, "
			    "%d clients: %llu errors, the first: %s\n",
			    counts[i], (unsigned long long)x[i].errors,
			    x[i].err);
	}
	if (notes[0] != '\0')
		printf("\nerrors:\n%s", notes);
	fflush(stdout);
}

/* --- the load --------------------------------------------------------- */

struct load {
	double		 total, first, last, max;
	size_t		 files;
};

static void
load_row(const char *who, const struct load *l, uint64_t moves,
    size_t lines, const char *disk)
{
	printf("| %s | %zu | %llu | %zu | %.1f | %.0f | %.2f | %.2f | %.2f "
	    "| %s |\n", who, l->files, (unsigned long long)moves, lines,
	    l->total, l->total > 0 ? (double)moves / l->total : 0, l->first,
	    l->last, l->max, disk);
}

static void
load_step(struct load *l, double t)
{
	if (l->files == 0)
		l->first = t;
	l->last = t;
	if (t > l->max)
		l->max = t;
	l->total += t;
	l->files++;
}

static void
load(void)
{
	struct mline	*ls;
	struct load	 kl, sl;
	size_t		 nlines, off, n;
	uint64_t	 moves;
	char		*csv, *wcsv, *pcsv, *log, kdisk[64] = "", sdisk[64] = "";
	char		 a[16], b[16];
	double		 t;
	int		 rc;

	memset(&kl, 0, sizeof kl);
	memset(&sl, 0, sizeof sl);
	t = now();
	ls = gen_lines(nmoves, &nlines);
	moves = moves_of(ls, nlines);
	note("%llu moves in %zu lines generated in %.1f s",
	    (unsigned long long)moves, nlines, now() - t);
	xasprintf(&csv, "%s/moves.csv", scratch);
	xasprintf(&wcsv, "%s/warehouses.csv", scratch);
	xasprintf(&pcsv, "%s/products.csv", scratch);
	xasprintf(&log, "%s/kontor.out", scratch);
	write_masters(wcsv, pcsv);
	if (!(skip & SKIP_KONTOR)) {
		server_started = 1;	/* init leaves its server running */
		if ((rc = run_kontor(log, "init", "--company", "ООО «Бенч»",
		    NULL)) != 0 ||
		    (rc = run_kontor(log, "import", "warehouses", wcsv,
		    NULL)) != 0 ||
		    (rc = run_kontor(log, "import", "products", pcsv,
		    NULL)) != 0) {
			show_log(log);
			die("kontor setup failed (exit %d)", rc);
		}
	}
#ifdef HAVE_SQLITE3
	if (!(skip & SKIP_SQLITE)) {
		sqdb = sq_open(sq_sql, Q_N, 1, sq_schema);
		sq_masters(sqdb);
	}
#endif
	for (off = 0; off < nlines; off += n) {
		n = nlines - off < chunk ? nlines - off : chunk;
		if (!(skip & SKIP_KONTOR)) {
			write_chunk(csv, ls + off, n);
			unlink(log);
			t = now();
			rc = run_kontor(log, "import", "stock-moves", csv, NULL);
			t = now() - t;
			if (rc != 0) {
				show_log(log);
				die("kontor import stock-moves, file %zu: "
				    "exit %d", kl.files + 1, rc);
			}
			load_step(&kl, t);
		}
#ifdef HAVE_SQLITE3
		if (!(skip & SKIP_SQLITE)) {
			char	*err = NULL;

			t = now();
			if ((rc = sq_post(sqdb, -1, 0, ls + off, n, &err)) != 0)
				die("SQLite load, file %zu: %s", sl.files + 1,
				    err ? err : "refused");
			load_step(&sl, now() - t);
		}
#endif
		note("file %zu: %zu lines, kontor %.2f s, SQLite %.2f s",
		    kl.files > sl.files ? kl.files : sl.files, n, kl.last,
		    sl.last);
		if (off == 0 && n < nlines && !(skip & SKIP_QUERIES)) {
			char	 stage[48];

			if (!(skip & SKIP_KONTOR))
				cl = bench_connect();
			snprintf(stage, sizeof stage, "%llu moves",
			    (unsigned long long)moves_of(ls, n));
			queries(stage);
		}
	}
	unlink(csv);
	if (!(skip & SKIP_KONTOR)) {
		/* Sizes once the server has stopped and checkpointed. */
		stop_server();
		du_data = du_log = 0;
		nftw(home, du_entry, 16, FTW_PHYS);
		human(du_data, a, sizeof a);
		human(du_log, b, sizeof b);
		snprintf(kdisk, sizeof kdisk, "%s + %s log", a, b);
	}
#ifdef HAVE_SQLITE3
	if (!(skip & SKIP_SQLITE)) {
		char	*wal;
		struct stat sb;

		sq_exec(sqdb->db, "PRAGMA wal_checkpoint(TRUNCATE)");
		du_data = 0;
		if (stat(sqpath, &sb) == 0)
			du_data = sb.st_blocks * 512;
		xasprintf(&wal, "%s-wal", sqpath);
		if (stat(wal, &sb) == 0)
			du_data += sb.st_blocks * 512;
		free(wal);
		human(du_data, a, sizeof a);
		snprintf(sdisk, sizeof sdisk, "%s", a);
	}
#endif
	printf("## Loading %llu moves (%zu lines) in files of %zu lines\n\n",
	    (unsigned long long)moves, nlines, chunk);
	printf("| system | files | moves | lines | seconds | moves/s | "
	    "first file (s) | last file (s) | slowest file (s) | on disk |\n");
	printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
	if (!(skip & SKIP_KONTOR))
		load_row("kontor import stock-moves", &kl, moves, nlines,
		    kdisk);
	if (!(skip & SKIP_SQLITE) && sl.files > 0)
		load_row("SQLite, one transaction a file", &sl, moves, nlines,
		    sdisk);
	printf("\n");
	fflush(stdout);
	free(ls);
	free(csv);
	free(wcsv);
	free(pcsv);
	free(log);
}

/* --write DIR: the masters and the moves' files, nothing run. */
static void
write_files(const char *dir)
{
	struct mline	*ls;
	size_t		 nlines, off, n, files = 0;
	char		*w, *p, *f;

	if (mkdir(dir, 0755) != 0 && errno != EEXIST)
		die("%s: %s", dir, strerror(errno));
	xasprintf(&w, "%s/warehouses.csv", dir);
	xasprintf(&p, "%s/products.csv", dir);
	write_masters(w, p);
	free(w);
	free(p);
	ls = gen_lines(nmoves, &nlines);
	for (off = 0; off < nlines; off += n) {
		n = nlines - off < chunk ? nlines - off : chunk;
		xasprintf(&f, "%s/moves-%04zu.csv", dir, ++files);
		write_chunk(f, ls + off, n);
		free(f);
	}
	printf("%llu moves in %zu lines, %zu files\n",
	    (unsigned long long)moves_of(ls, nlines), nlines, files);
	free(ls);
}

/* --- main ------------------------------------------------------------- */

static void
usage(void)
{
	fprintf(stderr, "usage: bench_stock [-T TMPDIR] [-p PRODUCTS] "
	    "[-w WAREHOUSES] [-m MOVES] [-l CHUNK]\n"
	    "                   [-c 1,8,32] [-d SECONDS] [-n DOCS] [-r REPS] "
	    "[-k KONTOR] [-s kontor,sqlite,queries,post]\n"
	    "                   [--keep] [--reuse DIR]\n"
	    "       bench_stock --write DIR [-p PRODUCTS] [-w WAREHOUSES] "
	    "[-m MOVES] [-l CHUNK]\n");
	exit(64);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "keep", no_argument, NULL, 'K' },
		{ "reuse", required_argument, NULL, 'R' },
		{ "write", required_argument, NULL, 'W' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*tmp = getenv("TMPDIR");
	char		*clist = xstrdup("1,8,32"), *tok, *save, *reuse = NULL;
	char		*wdir = NULL;
	char		 when[64], what[PATH_MAX + 64];
	int		 ch, counts[16], ncounts = 0, keep = 0;
	double		 la[3];
	struct utsname	 un;
	struct tm	 tm;
	time_t		 tt;

	setlocale(LC_ALL, "");
	log_open(LOGT_NONE, NULL);
	bench_init("bench_stock");
	while ((ch = getopt_long(argc, argv, "T:p:w:m:l:c:d:n:r:k:s:", opts,
	    NULL)) != -1) {
		switch (ch) {
		case 'T':
			tmp = optarg;
			break;
		case 'p':
			nprod = (unsigned)strtoul(optarg, NULL, 10);
			break;
		case 'w':
			nwh = (unsigned)strtoul(optarg, NULL, 10);
			break;
		case 'm':
			nmoves = strtoull(optarg, NULL, 10);
			break;
		case 'l':
			chunk = strtoul(optarg, NULL, 10);
			break;
		case 'c':
			free(clist);
			clist = xstrdup(optarg);
			break;
		case 'n':
			maxdocs = atol(optarg);
			break;
		case 'd':
			secs = atof(optarg);
			break;
		case 'r':
			reps = atoi(optarg);
			break;
		case 'k':
			kontor_bin = optarg;
			break;
		case 's':
			for (tok = strtok_r(optarg, ",", &save); tok != NULL;
			    tok = strtok_r(NULL, ",", &save)) {
				if (strcmp(tok, "kontor") == 0)
					skip |= SKIP_KONTOR;
				else if (strcmp(tok, "sqlite") == 0)
					skip |= SKIP_SQLITE;
				else if (strcmp(tok, "queries") == 0)
					skip |= SKIP_QUERIES;
				else if (strcmp(tok, "post") == 0)
					skip |= SKIP_POST;
				else
					usage();
			}
			break;
		case 'K':
			keep = 1;
			break;
		case 'R':
			reuse = optarg;
			break;
		case 'W':
			wdir = optarg;
			break;
		default:
			usage();
		}
	}
	if (optind != argc || nprod < 1 || nwh < 1 || nwh > 200 ||
	    nmoves < 1 || chunk < 1 || reps < 1 || secs <= 0)
		usage();
	if ((ncounts = bench_counts(clist, counts, 16, MAX_CLIENTS)) < 0)
		usage();
	free(clist);
	if (wdir != NULL) {
		make_products();
		write_files(wdir);
		free(price);
		return (0);
	}
#ifndef HAVE_SQLITE3
	skip |= SKIP_SQLITE;
	note("built without SQLite: kontor only");
#endif
	if (access(kontor_bin, X_OK) != 0 && !(skip & SKIP_KONTOR))
		die("%s: %s (-k names the kontor binary)", kontor_bin,
		    strerror(errno));
	signal(SIGPIPE, SIG_IGN);
	setenv("KONTOR_PROG", "bench_stock", 1);
	{
		struct tm	 lt;

		tt = time(NULL);
		localtime_r(&tt, &lt);
		today = (int64_t)(lt.tm_year + 1900) * 10000 +
		    (lt.tm_mon + 1) * 100 + lt.tm_mday;
	}
	if (reuse != NULL) {
		bench_reuse(reuse, "stock.sqlite");
		keep = 1;
	} else
		bench_scratch(tmp, "kontor-stock", "stock.sqlite");
	make_products();

	uname(&un);
	tt = time(NULL);
	gmtime_r(&tt, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm);
	if (getloadavg(la, 3) != 3)
		la[0] = la[1] = la[2] = 0;
	if (reuse != NULL)
		snprintf(what, sizeof what, "the home and SQLite file in %s",
		    reuse);
	else
		snprintf(what, sizeof what, "%llu moves",
		    (unsigned long long)nmoves);
	printf("kontor stock benchmark, %s, %ld CPUs, %s %s; %u products, %u "
	    "warehouses, %s; load average %.2f %.2f %.2f\n", when,
	    sysconf(_SC_NPROCESSORS_ONLN), un.sysname, un.release, nprod, nwh,
	    what, la[0], la[1], la[2]);
#ifdef HAVE_SQLITE3
	printf("SQLite %s (WAL, synchronous=FULL), ", sqlite3_libversion());
#endif
	printf("scratch %s\n\n", scratch);
	fflush(stdout);

	if (reuse == NULL)
		load();
#ifdef HAVE_SQLITE3
	else if (!(skip & SKIP_SQLITE))
		sqdb = sq_open(sq_sql, Q_N, 0, NULL);
#endif
	if (!(skip & SKIP_KONTOR) && cl == NULL)
		cl = bench_connect();
	if (!(skip & SKIP_QUERIES)) {
		char	 stage[48] = "all moves";

		if (reuse == NULL)
			snprintf(stage, sizeof stage, "%llu moves",
			    (unsigned long long)nmoves);
		note("queries, %d repetitions", reps);
		queries(stage);
		printf("## (1) on hand of a SKU and (2) the first page of the "
		    "movement list (ms, %d repetitions)\n\n", reps);
		print_queries();
		printf("\n");
	}
	if (!(skip & SKIP_POST)) {
		printf("## (3) documents posted per second (1-3 lines each; "
		    "%.0f s a run; durable)\n\n", secs);
		posting(counts, ncounts);
		printf("\n");
	}
	if (getloadavg(la, 3) == 3)
		printf("load average at the end: %.2f %.2f %.2f\n", la[0],
		    la[1], la[2]);
	if (!(skip & SKIP_KONTOR))
		stop_server();
#ifdef HAVE_SQLITE3
	sq_close(sqdb);
#endif
	bench_scratch_done(keep);
	free(price);
	return (0);
}
