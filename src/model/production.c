/*
 * Production: work centres, bills of materials and production orders.
 *
 * A BOM (boms, bom_lines) says what yield of a product takes of which
 * components, with scrap, and the hours of a work centre; a product may
 * have several versions, one of them its default, and a component may
 * have a BOM of its own (a semi-finished good), so a BOM is a tree, which
 * bom_explode() walks.  A BOM that would contain itself at any depth is
 * refused when a line is saved, with the path it would go round.
 *
 * A production order (MO-2026-000001) makes qty of its product (kind
 * produce) or takes qty of it apart into its components (disassemble).
 * Released, it copies its BOM's lines (mo_lines) and reserves what the
 * whole order takes, all or nothing, through the same stock rows and
 * checks as a sales order's reservation (stock_posting_*), so sales and
 * shipping see the components as taken.  Each completion (mo_produce) is
 * one posting: the components leave the components warehouse at their
 * moving average and the product comes into the finished goods warehouse
 * at their value plus labour (a disassembly the other way round), the
 * moves carrying the order in their production field; the reservation
 * comes down by what the BOM says the quantity made takes.  The rules of
 * quantities and rounding are in production.h.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "model/model.h"
#include "model/production.h"
#include "model/stock.h"
#include "xmalloc.h"

#define PCT		100000		/* 100 %, in thousandths of a per cent */
#define MAX_DEPTH	64		/* levels of a BOM tree, at most */

/* Field positions, looked up once. */
static struct {
	const struct entity_def	*wc, *bom, *bl, *mo, *mol, *moc, *prod, *wh;
	const struct entity_def	*move;
	int	wc_name, wc_hours, wc_days, wc_rate;
	int	b_prod, b_version, b_default, b_yield, b_wc, b_hours;
	int	bl_bom, bl_line, bl_comp, bl_qty, bl_scrap, bl_notes;
	int	o_kind, o_prod, o_qty, o_made, o_bom, o_cwh, o_fwh, o_date;
	int	o_start, o_finish, o_so, o_status, o_yield, o_wc, o_hours;
	int	o_rate, o_reserved, o_cost, o_labour, o_value, o_var, o_rel;
	int	o_relby, o_notes;
	int	l_order, l_line, l_prod, l_qty, l_scrap, l_planned;
	int	l_reserved, l_standard, l_actual, l_value, l_var, l_wh;
	int	l_reason;
	int	c_order, c_date, c_prod, c_kind, c_qty, c_cost, c_labour;
	int	c_value, c_var, c_reason, c_user;
	int	p_dec, p_unit;
	int	m_kind, m_prod, m_qty, m_value;
	int	ready;
} G;

static void
fields_init(void)
{
	if (G.ready)
		return;
#define P(e, n)	dict_field_pos((e), (n))
	G.wc = dict_entity("work_centres");
	G.bom = dict_entity("boms");
	G.bl = dict_entity("bom_lines");
	G.mo = dict_entity("production_orders");
	G.mol = dict_entity("mo_lines");
	G.moc = dict_entity("mo_completions");
	G.prod = dict_entity("products");
	G.wh = dict_entity("warehouses");
	G.move = dict_entity("stock_moves");
	G.wc_name = P(G.wc, "name");
	G.wc_hours = P(G.wc, "hours_per_day");
	G.wc_days = P(G.wc, "days");
	G.wc_rate = P(G.wc, "rate");
	G.b_prod = P(G.bom, "product");
	G.b_version = P(G.bom, "version");
	G.b_default = P(G.bom, "is_default");
	G.b_yield = P(G.bom, "yield");
	G.b_wc = P(G.bom, "work_centre");
	G.b_hours = P(G.bom, "hours");
	G.bl_bom = P(G.bl, "bom");
	G.bl_line = P(G.bl, "line");
	G.bl_comp = P(G.bl, "component");
	G.bl_qty = P(G.bl, "qty");
	G.bl_scrap = P(G.bl, "scrap");
	G.bl_notes = P(G.bl, "notes");
	G.o_kind = P(G.mo, "kind");
	G.o_prod = P(G.mo, "product");
	G.o_qty = P(G.mo, "qty");
	G.o_made = P(G.mo, "made");
	G.o_bom = P(G.mo, "bom");
	G.o_cwh = P(G.mo, "comp_warehouse");
	G.o_fwh = P(G.mo, "fg_warehouse");
	G.o_date = P(G.mo, "date");
	G.o_start = P(G.mo, "start");
	G.o_finish = P(G.mo, "finish");
	G.o_so = P(G.mo, "sales_order");
	G.o_status = P(G.mo, "status");
	G.o_yield = P(G.mo, "yield");
	G.o_wc = P(G.mo, "work_centre");
	G.o_hours = P(G.mo, "hours");
	G.o_rate = P(G.mo, "rate");
	G.o_reserved = P(G.mo, "reserved");
	G.o_cost = P(G.mo, "cost");
	G.o_labour = P(G.mo, "labour");
	G.o_value = P(G.mo, "value");
	G.o_var = P(G.mo, "variance");
	G.o_rel = P(G.mo, "released");
	G.o_relby = P(G.mo, "released_by");
	G.o_notes = P(G.mo, "notes");
	G.l_order = P(G.mol, "order");
	G.l_line = P(G.mol, "line");
	G.l_prod = P(G.mol, "product");
	G.l_qty = P(G.mol, "qty");
	G.l_scrap = P(G.mol, "scrap");
	G.l_planned = P(G.mol, "planned");
	G.l_reserved = P(G.mol, "reserved");
	G.l_standard = P(G.mol, "standard");
	G.l_actual = P(G.mol, "actual");
	G.l_value = P(G.mol, "value");
	G.l_var = P(G.mol, "variance");
	G.l_wh = P(G.mol, "warehouse");
	G.l_reason = P(G.mol, "reason");
	G.c_order = P(G.moc, "order");
	G.c_date = P(G.moc, "date");
	G.c_prod = P(G.moc, "product");
	G.c_kind = P(G.moc, "kind");
	G.c_qty = P(G.moc, "qty");
	G.c_cost = P(G.moc, "cost");
	G.c_labour = P(G.moc, "labour");
	G.c_value = P(G.moc, "value");
	G.c_var = P(G.moc, "variance");
	G.c_reason = P(G.moc, "reason");
	G.c_user = P(G.moc, "user");
	G.p_dec = P(G.prod, "decimals");
	G.p_unit = P(G.prod, "unit");
	G.m_kind = P(G.move, "kind");
	G.m_prod = P(G.move, "product");
	G.m_qty = P(G.move, "qty");
	G.m_value = P(G.move, "value");
#undef P
	G.ready = 1;
}

static int
fail(char **cause, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(char **cause, int rc, const char *fmt, ...)
{
	va_list	 ap;

	free(*cause);
	va_start(ap, fmt);
	xvasprintf(cause, fmt, ap);
	va_end(ap);
	return (rc);
}

static int
is(const char *s, const char *want)
{
	return (s != NULL && strcmp(s, want) == 0);
}

/* A quantity in a message: for people, as the interface shows it. */
static const char *
qfmt(int64_t q, char *buf, size_t len)
{
	qty_format_grouped(q, buf, len);
	return (buf);
}

/* --- quantities ------------------------------------------------------- */

/* num / den thousandths, to a multiple of step: up or down. */
static int64_t
to_step(__int128 num, __int128 den, int64_t step, int up)
{
	__int128	 d, q;

	if (num <= 0 || den <= 0)
		return (0);
	if (step <= 0)
		step = 1;
	d = den * step;
	q = num / d;
	if (up && q * d != num)
		q++;
	q *= step;
	return (q > INT64_MAX ? INT64_MAX : (int64_t)q);
}

int64_t
prod_need(int64_t m, int64_t per, int64_t scrap, int64_t yield, int64_t step)
{
	if (m <= 0 || per <= 0 || yield <= 0)
		return (0);
	return (to_step((__int128)m * per * (PCT + (scrap > 0 ? scrap : 0)),
	    (__int128)yield * PCT, step, 1));
}

int64_t
prod_gives(int64_t m, int64_t per, int64_t scrap, int64_t yield,
    int64_t step)
{
	if (m <= 0 || per <= 0 || yield <= 0 || scrap >= PCT)
		return (0);
	return (to_step((__int128)m * per * (PCT - (scrap > 0 ? scrap : 0)),
	    (__int128)yield * PCT, step, 0));
}

int64_t
prod_labour(int64_t m, int64_t rate, int64_t hours, int64_t yield)
{
	__int128	 num, den;

	if (m <= 0 || rate <= 0 || hours <= 0 || yield <= 0)
		return (0);
	num = (__int128)rate * hours * m;
	den = (__int128)yield * 1000;
	num = (num + den / 2) / den;
	return (num > INT64_MAX ? INT64_MAX : (int64_t)num);
}

static int64_t
step_of(const struct record *p)
{
	int64_t	 dec = p != NULL ? record_int(p, G.p_dec) : 0, step = 1000;

	while (dec-- > 0 && step > 1)
		step /= 10;
	return (step);
}

int
prod_step(struct tx *x, uint64_t product, int64_t *step)
{
	struct record	*p;
	int		 rc;

	fields_init();
	*step = 1000;
	if ((rc = tx_get(x, G.prod, product, 0, &p)) != ST_OK)
		return (rc == ST_NOTFOUND ? ST_OK : rc);
	*step = step_of(p);
	record_free(p);
	return (ST_OK);
}

/* "SKU-1001 is counted in whole pcs, got 2.5": q a multiple of p's unit
 * (fail() keeps *cause as the caller's other refusals do). */
static int
qty_fits(const struct record *p, int64_t q, char **cause)
{
	char	*why = NULL;
	int	 rc;

	if ((rc = catalog_qty_fits(p, q, &why)) != ST_OK) {
		rc = fail(cause, rc, "%s", why);
		free(why);
	}
	return (rc);
}

/* --- reading ------------------------------------------------------------ */

static int
u64_cmp(const void *a, const void *b)
{
	uint64_t	 x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x < y ? -1 : x > y);
}

/* The records of e whose field holds key, in id order. */
static int
rows_of(struct tx *x, const struct entity_def *e, const char *field,
    uint64_t key, int rmw, struct record ***out, size_t *n)
{
	struct ids	 ids;
	size_t		 i;
	int		 rc;

	*out = NULL;
	*n = 0;
	if ((rc = stock_ids(x, e, field, key, rmw, &ids)) != ST_OK)
		return (rc);
	if (ids.n > 0)
		xqsort(ids.v, ids.n, sizeof *ids.v, u64_cmp);
	*out = xcalloc(ids.n + 1, sizeof **out);
	for (i = 0; i < ids.n; i++) {
		rc = tx_get(x, e, ids.v[i], rmw, &(*out)[*n]);
		if (rc == ST_NOTFOUND)
			continue;
		if (rc != ST_OK) {
			stock_rows_free(*out, *n);
			*out = NULL;
			*n = 0;
			free(ids.v);
			return (rc);
		}
		(*n)++;
	}
	free(ids.v);
	return (ST_OK);
}

static int
by_line(const void *a, const void *b)
{
	const struct record	*x = *(struct record *const *)a;
	const struct record	*y = *(struct record *const *)b;
	int64_t			 lx, ly;

	lx = record_int(x, x->ent == G.bl ? G.bl_line : G.l_line);
	ly = record_int(y, y->ent == G.bl ? G.bl_line : G.l_line);
	if (lx != ly)
		return (lx < ly ? -1 : 1);
	return (record_id(x) < record_id(y) ? -1 : record_id(x) >
	    record_id(y));
}

/* A BOM's lines, or an order's, in line order. */
static int
lines_of(struct tx *x, const struct entity_def *e, uint64_t id, int rmw,
    struct record ***out, size_t *n)
{
	int	 rc;

	rc = rows_of(x, e, e == G.bl ? "bom" : "order", id, rmw, out, n);
	if (rc == ST_OK && *n > 1)
		xqsort(*out, *n, sizeof **out, by_line);
	return (rc);
}

/* A product's SKU into buf ("#12" when it has gone). */
static const char *
sku_of(struct tx *x, uint64_t pid, char *buf, size_t len)
{
	struct record	*p;

	if (tx_get(x, G.prod, pid, 0, &p) == ST_OK) {
		snprintf(buf, len, "%s", record_str(p, FX_CODE) ?
		    record_str(p, FX_CODE) : "?");
		record_free(p);
	} else
		snprintf(buf, len, "#%llu", (unsigned long long)pid);
	return (buf);
}

/* A record's code into buf. */
static const char *
code_of(struct tx *x, const struct entity_def *e, uint64_t id, char *buf,
    size_t len)
{
	struct record	*r;

	if (tx_get(x, e, id, 0, &r) == ST_OK) {
		snprintf(buf, len, "%s", record_str(r, FX_CODE) ?
		    record_str(r, FX_CODE) : "?");
		record_free(r);
	} else
		snprintf(buf, len, "#%llu", (unsigned long long)id);
	return (buf);
}

int
bom_default(struct tx *x, uint64_t product, uint64_t *bom)
{
	struct record	**v;
	size_t		 n, i;
	int		 rc;

	fields_init();
	*bom = 0;
	if ((rc = rows_of(x, G.bom, "product", product, 0, &v, &n)) != ST_OK)
		return (rc);
	for (i = 0; i < n; i++)
		if (record_int(v[i], G.b_default)) {
			*bom = record_id(v[i]);
			break;
		}
	/* None marked (should not be): the oldest. */
	if (*bom == 0 && n > 0)
		*bom = record_id(v[0]);
	stock_rows_free(v, n);
	return (ST_OK);
}

/* --- cycles ------------------------------------------------------------- */

struct reach {
	struct tx	*x;
	uint64_t	 target, skip_line;
	uint64_t	*seen;
	size_t		 nseen;
	uint64_t	*path;		/* the products from the start */
	size_t		 npath;
	int		 found;
};

static int
seen_add(struct reach *r, uint64_t p)
{
	size_t	 i;

	for (i = 0; i < r->nseen; i++)
		if (r->seen[i] == p)
			return (1);
	r->seen = xreallocarray(r->seen, r->nseen + 1, sizeof *r->seen);
	r->seen[r->nseen++] = p;
	return (0);
}

/* Whether r->target is reached from product from, through every BOM of
 * every product on the way; r->path holds the way when it is. */
static int
reach_from(struct reach *r, uint64_t from)
{
	struct record	**boms = NULL, **ls = NULL;
	size_t		 nb = 0, nl = 0, i, j;
	uint64_t	 comp;
	int		 rc;

	if (seen_add(r, from))
		return (ST_OK);
	r->path = xreallocarray(r->path, r->npath + 1, sizeof *r->path);
	r->path[r->npath++] = from;
	if ((rc = rows_of(r->x, G.bom, "product", from, 0, &boms, &nb)) !=
	    ST_OK)
		return (rc);
	for (i = 0; i < nb && !r->found && rc == ST_OK; i++) {
		if ((rc = lines_of(r->x, G.bl, record_id(boms[i]), 0, &ls,
		    &nl)) != ST_OK)
			break;
		for (j = 0; j < nl && !r->found && rc == ST_OK; j++) {
			if (record_id(ls[j]) == r->skip_line)
				continue;
			comp = (uint64_t)record_int(ls[j], G.bl_comp);
			if (comp == r->target) {
				r->path = xreallocarray(r->path, r->npath + 1,
				    sizeof *r->path);
				r->path[r->npath++] = comp;
				r->found = 1;
			} else
				rc = reach_from(r, comp);
		}
		stock_rows_free(ls, nl);
		ls = NULL;
		nl = 0;
	}
	stock_rows_free(boms, nb);
	if (!r->found && rc == ST_OK)
		r->npath--;
	return (rc);
}

int
bom_cycle_check(struct tx *x, uint64_t product, uint64_t component,
    uint64_t skip_line, char **cause)
{
	struct reach	 r;
	struct buf	 b = { 0 };
	char		 sku[64];
	size_t		 i;
	int		 rc = ST_OK;

	fields_init();
	memset(&r, 0, sizeof r);
	r.x = x;
	r.target = product;
	r.skip_line = skip_line;
	if (component == product) {
		r.found = 1;
		r.path = xcalloc(1, sizeof *r.path);
		r.path[r.npath++] = product;
	} else
		rc = reach_from(&r, component);
	if (rc == ST_OK && r.found) {
		/* product -> component -> ... -> product */
		buf_adds(&b, sku_of(x, product, sku, sizeof sku));
		for (i = 0; i < r.npath; i++) {
			buf_adds(&b, " \xe2\x86\x92 ");		/* → */
			buf_adds(&b, sku_of(x, r.path[i], sku, sizeof sku));
		}
		rc = fail(cause, ST_INVALID, _("column 'component': %s would "
		    "contain itself: %s"), sku_of(x, product, sku, sizeof sku),
		    b.data);
		buf_free(&b);
	}
	free(r.seen);
	free(r.path);
	return (rc);
}

/* --- explosion ---------------------------------------------------------- */

struct explode {
	struct tx	*x;
	struct bom_node	*v;
	size_t		 n;
	uint64_t	 stack[MAX_DEPTH + 1];
	char		**cause;
};

static int
explode_add(struct explode *e, int depth, uint64_t product, uint64_t bom,
    uint64_t line, int64_t per, int64_t scrap, int64_t qty)
{
	struct record	**ls = NULL, *b = NULL, *p;
	struct bom_node	*nd;
	struct buf	 path = { 0 };
	char		 sku[64];
	int64_t		 yield, step;
	size_t		 i, nl = 0;
	int		 rc, d;

	for (d = 0; d < depth; d++)
		if (e->stack[d] == product || depth >= MAX_DEPTH) {
			for (i = 0; i < (size_t)depth; i++) {
				buf_adds(&path, sku_of(e->x, e->stack[i], sku,
				    sizeof sku));
				buf_adds(&path, " \xe2\x86\x92 ");
			}
			buf_adds(&path, sku_of(e->x, product, sku, sizeof sku));
			rc = fail(e->cause, ST_INVALID, _("the BOM contains "
			    "itself: %s"), path.data);
			buf_free(&path);
			return (rc);
		}
	e->stack[depth] = product;
	if (bom == 0 && (rc = bom_default(e->x, product, &bom)) != ST_OK)
		return (rc);
	e->v = xreallocarray(e->v, e->n + 1, sizeof *e->v);
	nd = &e->v[e->n++];
	memset(nd, 0, sizeof *nd);
	nd->depth = depth;
	nd->product = product;
	nd->bom = bom;
	nd->line = line;
	nd->per = per;
	nd->scrap = scrap;
	nd->qty = qty;
	if (bom == 0)
		return (ST_OK);
	if ((rc = tx_get(e->x, G.bom, bom, 0, &b)) != ST_OK)
		return (rc == ST_NOTFOUND ? fail(e->cause, ST_INVALID,
		    _("BOM %llu does not exist"), (unsigned long long)bom) :
		    rc);
	yield = record_int(b, G.b_yield);
	record_free(b);
	if ((rc = lines_of(e->x, G.bl, bom, 0, &ls, &nl)) != ST_OK)
		return (rc);
	for (i = 0; i < nl && rc == ST_OK; i++) {
		uint64_t	 comp = (uint64_t)record_int(ls[i], G.bl_comp);

		step = 1000;
		if ((rc = tx_get(e->x, G.prod, comp, 0, &p)) == ST_OK) {
			step = step_of(p);
			record_free(p);
		} else if (rc != ST_NOTFOUND)
			break;
		rc = explode_add(e, depth + 1, comp, 0, record_id(ls[i]),
		    record_int(ls[i], G.bl_qty), record_int(ls[i], G.bl_scrap),
		    prod_need(qty, record_int(ls[i], G.bl_qty),
		    record_int(ls[i], G.bl_scrap), yield, step));
	}
	stock_rows_free(ls, nl);
	return (rc);
}

int
bom_explode(struct tx *x, uint64_t product, uint64_t bom, int64_t qty,
    struct bom_node **v, size_t *n, char **cause)
{
	struct explode	 e;
	int		 rc;

	fields_init();
	memset(&e, 0, sizeof e);
	e.x = x;
	e.cause = cause;
	rc = explode_add(&e, 0, product, bom, 0, 0, 0, qty);
	if (rc != ST_OK) {
		free(e.v);
		e.v = NULL;
		e.n = 0;
	}
	*v = e.v;
	*n = e.n;
	return (rc);
}

/* --- work centres, BOMs and their lines as records ---------------------- */

static int
wc_validate(struct tx *x, struct record *r, const struct record *old,
    char **cause)
{
	const char	*d;
	int		 seen[8] = { 0 };

	(void)x;
	(void)old;
	fields_init();
	if (!record_isset(r, G.wc_hours))
		record_set_int(r, G.wc_hours, 8000);
	if (record_int(r, G.wc_hours) <= 0 || record_int(r, G.wc_hours) >
	    24000)
		return (fail(cause, ST_INVALID, _("column 'hours_per_day': more "
		    "than 0 and at most 24 expected")));
	if (!record_isset(r, G.wc_days))
		record_set_str(r, G.wc_days, "12345");
	for (d = record_str(r, G.wc_days); *d != '\0'; d++)
		if (*d < '1' || *d > '7' || seen[*d - '0']++)
			return (fail(cause, ST_INVALID, _("column 'days': the "
			    "days of the week as digits, 1 Monday to 7 Sunday, "
			    "each at most once (\"12345\": Monday to "
			    "Friday)")));
	if (record_int(r, G.wc_rate) < 0)
		return (fail(cause, ST_INVALID, _("column 'rate': not negative "
		    "expected")));
	return (ST_OK);
}

static int
boms_defaults(const char *field)
{
	return (strcmp(field, "version") == 0 || strcmp(field, "yield") == 0);
}

/*
 * A service is never made nor consumed: it has no stock to move (the
 * completion's moves and kontor check's sums would not agree).
 */
static int
kept_or_fail(struct tx *x, uint64_t pid, const char *col, char **cause)
{
	char	 sku[64];
	int	 rc, kept;

	if ((rc = stock_kept(x, pid, &kept)) != ST_OK || kept)
		return (rc);
	return (fail(cause, ST_INVALID, _("column '%s': %s is a service: it "
	    "is not kept in stock, so it is neither made nor consumed"), col,
	    sku_of(x, pid, sku, sizeof sku)));
}

static int
boms_validate(struct tx *x, struct record *r, const struct record *old,
    char **cause)
{
	struct record	**v;
	char		 sku[64];
	size_t		 n, i;
	int		 rc, other_default = 0;

	fields_init();
	if (!record_isset(r, G.b_version))
		record_set_str(r, G.b_version, "1");
	if (!record_isset(r, G.b_yield))
		record_set_int(r, G.b_yield, 1000);
	if (record_int(r, G.b_yield) <= 0)
		return (fail(cause, ST_INVALID, _("column 'yield': more than 0 "
		    "expected")));
	if (record_int(r, G.b_hours) < 0)
		return (fail(cause, ST_INVALID, _("column 'hours': not negative "
		    "expected")));
	if (old != NULL && record_int(old, G.b_prod) != record_int(r,
	    G.b_prod))
		return (fail(cause, ST_INVALID, _("column 'product': a BOM's "
		    "product is not changed: make a new BOM")));
	if ((rc = kept_or_fail(x, (uint64_t)record_int(r, G.b_prod),
	    "product", cause)) != ST_OK)
		return (rc);
	if ((rc = rows_of(x, G.bom, "product", (uint64_t)record_int(r,
	    G.b_prod), 0, &v, &n)) != ST_OK)
		return (rc);
	for (i = 0; i < n && rc == ST_OK; i++) {
		if (record_id(v[i]) == record_id(r))
			continue;
		if (strcmp(record_str(v[i], G.b_version),
		    record_str(r, G.b_version)) == 0)
			rc = fail(cause, ST_INVALID, _("column 'version': %s "
			    "has a BOM of version %s already (%s)"),
			    sku_of(x, (uint64_t)record_int(r, G.b_prod), sku,
			    sizeof sku), record_str(r, G.b_version),
			    record_str(v[i], FX_CODE));
		if (record_int(v[i], G.b_default))
			other_default = 1;
	}
	stock_rows_free(v, n);
	if (rc != ST_OK)
		return (rc);
	/* One default per product: the first is; the default is moved by
	 * making another one default (saved() takes it off the old). */
	if (old != NULL && record_int(old, G.b_default) &&
	    !record_int(r, G.b_default) && other_default == 0)
		return (fail(cause, ST_INVALID, _("column 'is_default': one "
		    "BOM of %s is its default: make another one default "
		    "instead"), sku_of(x, (uint64_t)record_int(r, G.b_prod),
		    sku, sizeof sku)));
	if (!other_default)
		record_set_int(r, G.b_default, 1);
	else if (!record_isset(r, G.b_default))
		record_set_int(r, G.b_default, 0);
	return (ST_OK);
}

/* A BOM made default takes it off the product's other BOMs. */
static int
boms_saved(struct tx *x, const struct record *r, const struct record *old,
    char **cause)
{
	struct record	**v;
	size_t		 n, i;
	int		 rc;

	(void)old;
	if (!record_int(r, G.b_default))
		return (ST_OK);
	if ((rc = rows_of(x, G.bom, "product", (uint64_t)record_int(r,
	    G.b_prod), 1, &v, &n)) != ST_OK)
		return (rc);
	for (i = 0; i < n && rc == ST_OK; i++) {
		if (record_id(v[i]) == record_id(r) ||
		    !record_int(v[i], G.b_default))
			continue;
		record_set_int(v[i], G.b_default, 0);
		rc = tx_update(x, v[i], record_rev(v[i]), cause);
	}
	stock_rows_free(v, n);
	return (rc);
}

/* A BOM deleted takes its lines with it; the product's oldest other BOM
 * becomes its default. */
static int
boms_cascade(struct tx *x, const struct entity_def *e, uint64_t id,
    char **cause)
{
	struct record	**v, *b;
	size_t		 n, i;
	int		 rc, was_default;

	(void)e;
	fields_init();
	if ((rc = tx_get(x, G.bom, id, 1, &b)) != ST_OK)
		return (rc == ST_NOTFOUND ? ST_OK : rc);
	was_default = record_int(b, G.b_default) != 0;
	if ((rc = rows_of(x, G.bl, "bom", id, 1, &v, &n)) == ST_OK) {
		for (i = 0; i < n && rc == ST_OK; i++)
			rc = tx_delete(x, G.bl, record_id(v[i]), 0, cause);
		stock_rows_free(v, n);
	}
	if (rc == ST_OK && was_default && (rc = rows_of(x, G.bom, "product",
	    (uint64_t)record_int(b, G.b_prod), 1, &v, &n)) == ST_OK) {
		for (i = 0; i < n; i++)
			if (record_id(v[i]) != id)
				break;
		if (i < n) {
			record_set_int(v[i], G.b_default, 1);
			rc = tx_update(x, v[i], record_rev(v[i]), cause);
		}
		stock_rows_free(v, n);
	}
	record_free(b);
	return (rc);
}

static int
bl_validate(struct tx *x, struct record *r, const struct record *old,
    char **cause)
{
	struct record	**v, *b;
	int64_t		 max = 0;
	size_t		 n, i;
	int		 rc;

	fields_init();
	if (record_int(r, G.bl_qty) <= 0)
		return (fail(cause, ST_INVALID, _("column 'qty': more than 0 "
		    "expected")));
	if (record_int(r, G.bl_scrap) < 0 || record_int(r, G.bl_scrap) >=
	    PCT)
		return (fail(cause, ST_INVALID, _("column 'scrap': from 0 to "
		    "less than 100 %% expected")));
	if ((rc = tx_get(x, G.bom, (uint64_t)record_int(r, G.bl_bom), 0,
	    &b)) != ST_OK)
		return (rc == ST_NOTFOUND ? fail(cause, ST_INVALID,
		    _("column 'bom': no such BOM")) : rc);
	if ((rc = kept_or_fail(x, (uint64_t)record_int(r, G.bl_comp),
	    "component", cause)) != ST_OK) {
		record_free(b);
		return (rc);
	}
	rc = bom_cycle_check(x, (uint64_t)record_int(b, G.b_prod),
	    (uint64_t)record_int(r, G.bl_comp), old != NULL ? record_id(old) :
	    0, cause);
	record_free(b);
	if (rc != ST_OK)
		return (rc);
	if (!record_isset(r, G.bl_line)) {
		if ((rc = rows_of(x, G.bl, "bom", (uint64_t)record_int(r,
		    G.bl_bom), 0, &v, &n)) != ST_OK)
			return (rc);
		for (i = 0; i < n; i++)
			if (record_int(v[i], G.bl_line) > max)
				max = record_int(v[i], G.bl_line);
		stock_rows_free(v, n);
		record_set_int(r, G.bl_line, max + 1);
	}
	return (ST_OK);
}

/* --- production orders as records ---------------------------------------- */

static int
mo_defaults(const char *field)
{
	return (strcmp(field, "kind") == 0 || strcmp(field, "date") == 0 ||
	    strcmp(field, "code") == 0 ||
	    strcmp(field, "comp_warehouse") == 0 ||
	    strcmp(field, "fg_warehouse") == 0);
}

/* What may change once an order is released: its plan, not its
 * substance. */
static int
mo_free_field(int pos)
{
	return (pos == G.o_start || pos == G.o_finish || pos == G.o_notes ||
	    pos == G.o_so);
}

static int
mo_validate(struct tx *x, struct record *r, const struct record *old,
    char **cause)
{
	struct record	*p, *b;
	char		*code = NULL;
	size_t		 i;
	int		 rc;

	fields_init();
	if (old != NULL && !is(record_str(old, G.o_status), "draft")) {
		for (i = 0; i < G.mo->nfields; i++) {
			const struct field_def	*f = &G.mo->fields[i];

			if ((f->flags & (FF_SYSTEM | FF_RDONLY)) ||
			    mo_free_field((int)i) ||
			    value_equal(&r->v[i], &old->v[i]))
				continue;
			return (fail(cause, ST_INVALID, _("%s is %s: only its "
			    "planned dates, notes and sales order change "
			    "(column '%s')"), record_str(old, FX_CODE),
			    dict_enum_word(record_str(old, G.o_status)),
			    f->name));
		}
		goto dates;
	}
	if (!record_isset(r, G.o_kind))
		record_set_str(r, G.o_kind, "produce");
	if (!record_isset(r, G.o_date))
		record_set_int(r, G.o_date, stock_today());
	record_set_str(r, G.o_status, "draft");
	if (old == NULL && !record_isset(r, FX_CODE)) {
		if ((rc = stock_number(x, "production_order",
		    record_int(r, G.o_date), &code)) != ST_OK)
			return (rc);
		record_set_str(r, FX_CODE, code);
		free(code);
	}
	if (!record_isset(r, G.o_cwh) && !record_isset(r, G.o_fwh))
		return (fail(cause, ST_INVALID, _("column 'fg_warehouse': a "
		    "value is required")));
	if (!record_isset(r, G.o_cwh))
		record_set_int(r, G.o_cwh, record_int(r, G.o_fwh));
	if (!record_isset(r, G.o_fwh))
		record_set_int(r, G.o_fwh, record_int(r, G.o_cwh));
	if (record_int(r, G.o_qty) <= 0)
		return (fail(cause, ST_INVALID, _("column 'qty': more than 0 "
		    "expected")));
	if ((rc = tx_get(x, G.prod, (uint64_t)record_int(r, G.o_prod), 0,
	    &p)) != ST_OK)
		return (rc);
	rc = qty_fits(p, record_int(r, G.o_qty), cause);
	if (rc == ST_OK && record_isset(r, G.o_bom)) {
		if ((rc = tx_get(x, G.bom, (uint64_t)record_int(r, G.o_bom), 0,
		    &b)) == ST_OK) {
			if (record_int(b, G.b_prod) != record_int(r, G.o_prod))
				rc = fail(cause, ST_INVALID, _("column 'bom': "
				    "%s is a BOM of another product, not of "
				    "%s"), record_str(b, FX_CODE),
				    record_str(p, FX_CODE));
			record_free(b);
		}
	}
	record_free(p);
	if (rc != ST_OK)
		return (rc);
dates:
	if (record_isset(r, G.o_start) && record_isset(r, G.o_finish) &&
	    record_int(r, G.o_start) > record_int(r, G.o_finish))
		return (fail(cause, ST_INVALID, _("column 'finish': before the "
		    "planned start")));
	return (ST_OK);
}

static int
mo_can_delete(struct tx *x, const struct record *r, char **cause)
{
	(void)x;
	fields_init();
	if (!is(record_str(r, G.o_status), "draft"))
		return (fail(cause, ST_INVALID, _("%s is %s: only a draft is "
		    "deleted"), record_str(r, FX_CODE),
		    dict_enum_word(record_str(r, G.o_status))));
	return (ST_OK);
}

/* --- the actions ---------------------------------------------------------- */

static int
mo_get(struct tx *x, uint64_t id, struct record **o, char **cause)
{
	int	 rc;

	fields_init();
	if ((rc = tx_get(x, G.mo, id, 1, o)) == ST_NOTFOUND)
		return (fail(cause, ST_INVALID, _("production order %llu does "
		    "not exist"), (unsigned long long)id));
	return (rc);
}

static int
disassembly(const struct record *o)
{
	return (is(record_str(o, G.o_kind), "disassemble"));
}

/* The products of an order's lines and its own, to lock. */
static uint64_t *
order_pids(const struct record *o, struct record **ls, size_t n)
{
	uint64_t	*v = xcalloc(n + 2, sizeof *v);
	size_t		 i;

	for (i = 0; i < n; i++)
		v[i] = (uint64_t)record_int(ls[i], G.l_prod);
	v[n] = (uint64_t)record_int(o, G.o_prod);
	return (v);
}

/* What several lines want of the same products, added up per product. */
struct want {
	uint64_t	 pid;
	int64_t		 qty;
};

static void
want_add(struct want **v, size_t *n, uint64_t pid, int64_t q)
{
	size_t	 i;

	for (i = 0; i < *n; i++)
		if ((*v)[i].pid == pid) {
			(*v)[i].qty += q;
			return;
		}
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[*n].pid = pid;
	(*v)[*n].qty = q;
	(*n)++;
}

/*
 * Each product of want against what is available at wid in the posting:
 * ST_OK, or ST_INVALID and "<what>, short at MAIN: SKU-1 needs 10, 4
 * available; SKU-2 needs 3, 0 available" naming every one short.
 */
static int
shortages(struct tx *x, struct stock_posting *sp, uint64_t wid,
    const struct want *v, size_t n, const char *what, char **cause)
{
	struct buf	 b = { 0 };
	char		 sku[64], wh[64], a[32], c[32];
	int64_t		 avail;
	size_t		 i;
	int		 rc;

	for (i = 0; i < n; i++) {
		if (v[i].qty <= 0)
			continue;
		if ((rc = stock_posting_available(sp, v[i].pid, wid,
		    &avail)) != ST_OK) {
			buf_free(&b);
			return (rc);
		}
		if (avail >= v[i].qty)
			continue;
		if (b.len > 0)
			buf_adds(&b, "; ");
		buf_printf(&b, _("%s needs %s, %s available"),
		    sku_of(x, v[i].pid, sku, sizeof sku),
		    qfmt(v[i].qty, a, sizeof a),
		    qfmt(avail > 0 ? avail : 0, c, sizeof c));
	}
	if (b.len == 0)
		return (ST_OK);
	rc = fail(cause, ST_INVALID, _("%s, short at %s: %s"), what,
	    code_of(x, G.wh, wid, wh, sizeof wh), b.data);
	buf_free(&b);
	return (rc);
}

/* The step of each line's product (1000 when it has gone). */
static int64_t *
line_steps(struct tx *x, struct record **ls, size_t n)
{
	int64_t	*v = xcalloc(n + 1, sizeof *v);
	size_t	 i;

	for (i = 0; i < n; i++)
		if (prod_step(x, (uint64_t)record_int(ls[i], G.l_prod),
		    &v[i]) != ST_OK)
			v[i] = 1000;
	return (v);
}

int
mo_release(struct tx *x, uint64_t id, char **cause)
{
	struct stock_posting	*sp = NULL;
	struct record		*o, *b = NULL, *wc = NULL, **bl = NULL, *l;
	struct want		*want = NULL;
	uint64_t		 bom, product, cwh, fwh, *pids;
	int64_t			 qty, step, *planned = NULL;
	size_t			 nbl = 0, nwant = 0, i;
	char			 what[128];
	int			 rc;

	if ((rc = mo_get(x, id, &o, cause)) != ST_OK)
		return (rc);
	if (!is(record_str(o, G.o_status), "draft")) {
		rc = fail(cause, ST_INVALID, _("%s is %s: only a draft is "
		    "released"), record_str(o, FX_CODE),
		    dict_enum_word(record_str(o, G.o_status)));
		goto out;
	}
	product = (uint64_t)record_int(o, G.o_prod);
	qty = record_int(o, G.o_qty);
	cwh = (uint64_t)record_int(o, G.o_cwh);
	fwh = (uint64_t)record_int(o, G.o_fwh);
	bom = (uint64_t)record_int(o, G.o_bom);
	if (bom == 0 && (rc = bom_default(x, product, &bom)) != ST_OK)
		goto out;
	if (bom == 0) {
		rc = fail(cause, ST_INVALID, _("%s has no BOM: make one "
		    "(kontor import boms) before the order is released"),
		    sku_of(x, product, what, sizeof what));
		goto out;
	}
	if ((rc = tx_get(x, G.bom, bom, 0, &b)) != ST_OK)
		goto out;
	if ((rc = lines_of(x, G.bl, bom, 0, &bl, &nbl)) != ST_OK)
		goto out;
	if (nbl == 0) {
		rc = fail(cause, ST_INVALID, _("%s has no lines"),
		    record_str(b, FX_CODE));
		goto out;
	}
	if (record_isset(b, G.b_wc) && (rc = tx_get(x, G.wc,
	    (uint64_t)record_int(b, G.b_wc), 0, &wc)) != ST_OK)
		goto out;

	/* The lines, as the BOM has them now. */
	planned = xcalloc(nbl + 1, sizeof *planned);
	pids = xcalloc(nbl + 2, sizeof *pids);
	for (i = 0; i < nbl; i++) {
		pids[i] = (uint64_t)record_int(bl[i], G.bl_comp);
		if ((rc = prod_step(x, pids[i], &step)) != ST_OK)
			break;
		planned[i] = disassembly(o) ?
		    prod_gives(qty, record_int(bl[i], G.bl_qty),
		    record_int(bl[i], G.bl_scrap), record_int(b, G.b_yield),
		    step) :
		    prod_need(qty, record_int(bl[i], G.bl_qty),
		    record_int(bl[i], G.bl_scrap), record_int(b, G.b_yield),
		    step);
		if (!disassembly(o))
			want_add(&want, &nwant, pids[i], planned[i]);
	}
	pids[nbl] = product;
	sp = stock_posting_new(x, stock_today(), NULL, 0, NULL, cause);
	if (rc == ST_OK)
		rc = stock_posting_lock(sp, pids, nbl + 1);
	free(pids);
	if (rc != ST_OK)
		goto out;
	snprintf(what, sizeof what, _("%s cannot be released"),
	    record_str(o, FX_CODE));
	if (disassembly(o)) {
		want_add(&want, &nwant, product, qty);
		if ((rc = shortages(x, sp, fwh, want, nwant, what, cause)) !=
		    ST_OK ||
		    (rc = stock_posting_reserve(sp, product, fwh, qty)) !=
		    ST_OK)
			goto out;
		record_set_int(o, G.o_reserved, qty);
	} else if ((rc = shortages(x, sp, cwh, want, nwant, what, cause)) !=
	    ST_OK)
		goto out;
	for (i = 0; i < nbl && rc == ST_OK; i++) {
		if (!disassembly(o) && (rc = stock_posting_reserve(sp,
		    (uint64_t)record_int(bl[i], G.bl_comp), cwh,
		    planned[i])) != ST_OK)
			break;
		l = record_new(G.mol);
		record_set_int(l, G.l_order, (int64_t)id);
		record_set_int(l, G.l_line, (int64_t)i + 1);
		record_set_int(l, G.l_prod, record_int(bl[i], G.bl_comp));
		record_set_int(l, G.l_qty, record_int(bl[i], G.bl_qty));
		record_set_int(l, G.l_scrap, record_int(bl[i], G.bl_scrap));
		record_set_int(l, G.l_planned, planned[i]);
		record_set_int(l, G.l_reserved, disassembly(o) ? 0 :
		    planned[i]);
		record_set_int(l, G.l_standard, 0);
		record_set_int(l, G.l_actual, 0);
		record_set_int(l, G.l_value, 0);
		record_set_int(l, G.l_var, 0);
		record_set_int(l, G.l_wh, (int64_t)cwh);
		rc = tx_insert(x, l, cause);
		record_free(l);
	}
	if (rc != ST_OK)
		goto out;
	record_set_int(o, G.o_bom, (int64_t)bom);
	record_set_int(o, G.o_yield, record_int(b, G.b_yield));
	record_set_int(o, G.o_hours, record_int(b, G.b_hours));
	if (wc != NULL) {
		record_set_int(o, G.o_wc, (int64_t)record_id(wc));
		record_set_int(o, G.o_rate, record_int(wc, G.wc_rate));
	} else {
		record_clear(o, G.o_wc);
		record_set_int(o, G.o_rate, 0);
	}
	record_set_int(o, G.o_made, 0);
	record_set_int(o, G.o_cost, 0);
	record_set_int(o, G.o_labour, 0);
	record_set_int(o, G.o_value, 0);
	record_set_int(o, G.o_var, 0);
	if (!disassembly(o))
		record_set_int(o, G.o_reserved, 0);
	record_set_str(o, G.o_status, "released");
	record_set_int(o, G.o_rel, (int64_t)time(NULL));
	record_set_str(o, G.o_relby, tx_login(x));
	rc = tx_update(x, o, record_rev(o), cause);
out:
	if (sp != NULL)
		rc = stock_posting_end(sp, rc);
	free(want);
	free(planned);
	stock_rows_free(bl, nbl);
	record_free(wc);
	record_free(b);
	record_free(o);
	return (rc);
}

/* A typed consumption: the line it is for (the first of its product). */
static int
consume_lines(struct tx *x, const struct record *o, struct record **ls,
    size_t n, const struct mo_consume *c, size_t nc, int64_t **typed,
    char **cause)
{
	char	 sku[64];
	size_t	 i, j;

	*typed = xcalloc(n + 1, sizeof **typed);
	for (i = 0; i < n; i++)
		(*typed)[i] = -1;
	for (j = 0; j < nc; j++) {
		for (i = 0; i < n; i++)
			if ((uint64_t)record_int(ls[i], G.l_prod) ==
			    c[j].product)
				break;
		if (i == n)
			return (fail(cause, ST_INVALID, disassembly(o) ?
			    _("%s is not among what %s gives") :
			    _("%s is not a component of %s"),
			    sku_of(x, c[j].product, sku, sizeof sku),
			    record_str(o, FX_CODE)));
		if ((*typed)[i] >= 0)
			return (fail(cause, ST_INVALID, _("%s is named twice"),
			    sku_of(x, c[j].product, sku, sizeof sku)));
		if (c[j].qty < 0)
			return (fail(cause, ST_INVALID, _("%s: not negative "
			    "expected"), sku_of(x, c[j].product, sku,
			    sizeof sku)));
		(*typed)[i] = c[j].qty;
	}
	return (ST_OK);
}

/* Made n more: the components out, the product in. */
static int
post_produce(struct tx *x, struct stock_posting *sp, struct record *o,
    struct record **ls, size_t n, const int64_t *typed, int64_t m0,
    int64_t m1, int64_t *std, int64_t *act, int64_t *val, int64_t *var,
    int64_t *cost, int64_t *labour, char **cause)
{
	struct want	*want = NULL;
	uint64_t	 cwh = (uint64_t)record_int(o, G.o_cwh);
	int64_t		*steps = line_steps(x, ls, n), rel, u, posted;
	int64_t		 yield = record_int(o, G.o_yield);
	char		 what[128], q[32], *taken = NULL;
	size_t		 i, nwant = 0;
	int		 rc = ST_OK;

	for (i = 0; i < n && rc == ST_OK; i++) {
		uint64_t	 pid = (uint64_t)record_int(ls[i], G.l_prod);

		std[i] = prod_need(m1, record_int(ls[i], G.l_qty),
		    record_int(ls[i], G.l_scrap), yield, steps[i]) -
		    prod_need(m0, record_int(ls[i], G.l_qty),
		    record_int(ls[i], G.l_scrap), yield, steps[i]);
		act[i] = typed[i] >= 0 ? typed[i] : std[i];
		/* The reservation comes down by what the BOM says. */
		rel = std[i] < record_int(ls[i], G.l_reserved) ? std[i] :
		    record_int(ls[i], G.l_reserved);
		if (rel > 0 && (rc = stock_posting_reserve(sp, pid, cwh,
		    -rel)) != ST_OK)
			break;
		record_set_int(ls[i], G.l_reserved,
		    record_int(ls[i], G.l_reserved) - rel);
		want_add(&want, &nwant, pid, act[i]);
	}
	snprintf(what, sizeof what, _("%s: %s cannot be made"),
	    record_str(o, FX_CODE), qfmt(m1 - m0, q, sizeof q));
	if (rc == ST_OK)
		rc = shortages(x, sp, cwh, want, nwant, what, cause);
	for (i = 0; i < n && rc == ST_OK; i++) {
		uint64_t	 pid = (uint64_t)record_int(ls[i], G.l_prod);

		if ((rc = stock_posting_cost(sp, pid, cwh, &u)) != ST_OK)
			break;
		var[i] = stock_muldiv(act[i] - std[i], u, 1000);
		val[i] = 0;
		if (act[i] > 0) {
			rc = stock_posting_issue(sp, "consumption", pid, cwh,
			    act[i], NULL, &taken, &posted);
			free(taken);
			taken = NULL;
			val[i] = -posted;
		}
		*cost += val[i];
	}
	*labour = prod_labour(m1, record_int(o, G.o_rate),
	    record_int(o, G.o_hours), yield) - prod_labour(m0,
	    record_int(o, G.o_rate), record_int(o, G.o_hours), yield);
	if (rc == ST_OK)
		rc = stock_posting_move(sp, "output",
		    (uint64_t)record_int(o, G.o_prod),
		    (uint64_t)record_int(o, G.o_fwh), m1 - m0,
		    *cost + *labour, &posted);
	free(want);
	free(steps);
	return (rc);
}

/* Taken n more apart: the product out, its components in. */
static int
post_disassemble(struct tx *x, struct stock_posting *sp, struct record *o,
    struct record **ls, size_t n, const int64_t *typed, int64_t m0,
    int64_t m1, int64_t *std, int64_t *act, int64_t *val, int64_t *var,
    int64_t *cost, int64_t *labour, char **cause)
{
	uint64_t	 fwh = (uint64_t)record_int(o, G.o_fwh);
	uint64_t	 cwh = (uint64_t)record_int(o, G.o_cwh);
	uint64_t	 pid = (uint64_t)record_int(o, G.o_prod);
	int64_t		*steps = line_steps(x, ls, n), rel, posted, total;
	int64_t		 yield = record_int(o, G.o_yield), u, given = 0;
	__int128	*w, sum = 0;
	char		*taken = NULL;
	size_t		 i, last = n;
	int		 rc = ST_OK;

	w = xcalloc(n + 1, sizeof *w);
	rel = m1 - m0 < record_int(o, G.o_reserved) ? m1 - m0 :
	    record_int(o, G.o_reserved);
	if (rel > 0 && (rc = stock_posting_reserve(sp, pid, fwh, -rel)) !=
	    ST_OK)
		goto out;
	record_set_int(o, G.o_reserved, record_int(o, G.o_reserved) - rel);
	if ((rc = stock_posting_issue(sp, "consumption", pid, fwh, m1 - m0,
	    NULL, &taken, &posted)) != ST_OK)
		goto out;
	*cost = -posted;
	*labour = prod_labour(m1, record_int(o, G.o_rate),
	    record_int(o, G.o_hours), yield) - prod_labour(m0,
	    record_int(o, G.o_rate), record_int(o, G.o_hours), yield);
	total = *cost + *labour;
	/* The shares: each component's quantity at its average cost. */
	for (i = 0; i < n && rc == ST_OK; i++) {
		std[i] = prod_gives(m1, record_int(ls[i], G.l_qty),
		    record_int(ls[i], G.l_scrap), yield, steps[i]) -
		    prod_gives(m0, record_int(ls[i], G.l_qty),
		    record_int(ls[i], G.l_scrap), yield, steps[i]);
		act[i] = typed[i] >= 0 ? typed[i] : std[i];
		if ((rc = stock_posting_cost(sp, (uint64_t)record_int(ls[i],
		    G.l_prod), 0, &u)) != ST_OK)
			break;
		var[i] = stock_muldiv(act[i] - std[i], u, 1000);
		w[i] = (__int128)act[i] * (u > 0 ? u : 0);
		sum += w[i];
		if (act[i] > 0)
			last = i;
	}
	if (rc != ST_OK)
		goto out;
	if (last == n) {
		rc = fail(cause, ST_INVALID, _("%s: nothing would come out of "
		    "it"), record_str(o, FX_CODE));
		goto out;
	}
	if (sum == 0)		/* no costs known: by quantity */
		for (i = 0; i < n; i++)
			sum += (w[i] = act[i]);
	for (i = 0; i < n && rc == ST_OK; i++) {
		if (act[i] <= 0) {
			val[i] = 0;
			continue;
		}
		if (i == last)
			val[i] = total - given;
		else {
			__int128	 v = (__int128)total * w[i];

			v = (v + (v < 0 ? -sum : sum) / 2) / sum;
			val[i] = (int64_t)v;
		}
		given += val[i];
		rc = stock_posting_move(sp, "output",
		    (uint64_t)record_int(ls[i], G.l_prod), cwh, act[i], val[i],
		    &posted);
	}
out:
	free(taken);
	free(w);
	free(steps);
	return (rc);
}

int
mo_produce(struct tx *x, uint64_t id, int64_t nq,
    const struct mo_consume *consume, size_t nconsume, const char *reason,
    int64_t date, uint64_t *completion, char **cause)
{
	struct stock_posting	*sp = NULL;
	struct record		*o, *p = NULL, **ls = NULL, *c;
	int64_t			*typed = NULL, *std = NULL, *act = NULL;
	int64_t			*val = NULL, *var = NULL;
	int64_t			 m0, m1, qty, cost = 0, labour = 0, tvar = 0;
	uint64_t		*pids;
	size_t			 n = 0, i;
	char			 a[32], b[32], d[32], e[32], *why = NULL;
	int			 rc;

	*completion = 0;
	if ((rc = mo_get(x, id, &o, cause)) != ST_OK)
		return (rc);
	if (!is(record_str(o, G.o_status), "released") &&
	    !is(record_str(o, G.o_status), "in_progress")) {
		rc = fail(cause, ST_INVALID, _("%s is %s: only a released "
		    "order or one in progress is made"),
		    record_str(o, FX_CODE),
		    dict_enum_word(record_str(o, G.o_status)));
		goto out;
	}
	m0 = record_int(o, G.o_made);
	qty = record_int(o, G.o_qty);
	if (nq <= 0) {
		rc = fail(cause, ST_INVALID, _("quantity: more than 0 "
		    "expected"));
		goto out;
	}
	if (nq > qty - m0) {
		rc = fail(cause, ST_INVALID, _("%s: %s of %s made, %s left: %s "
		    "is more"), record_str(o, FX_CODE), qfmt(m0, a, sizeof a),
		    qfmt(qty, b, sizeof b), qfmt(qty - m0, d, sizeof d),
		    qfmt(nq, e, sizeof e));
		goto out;
	}
	m1 = m0 + nq;
	if ((rc = tx_get(x, G.prod, (uint64_t)record_int(o, G.o_prod), 0,
	    &p)) != ST_OK || (rc = qty_fits(p, nq, cause)) != ST_OK)
		goto out;
	if (nconsume > 0 && (reason == NULL || *reason == '\0')) {
		rc = fail(cause, ST_INVALID, _("a reason is required when what "
		    "was used differs from the BOM"));
		goto out;
	}
	if (reason != NULL && text_check(reason, 200, 0, &why) != 0) {
		rc = fail(cause, ST_INVALID, _("reason: %s"), why);
		free(why);
		goto out;
	}
	if ((rc = lines_of(x, G.mol, id, 1, &ls, &n)) != ST_OK ||
	    (rc = consume_lines(x, o, ls, n, consume, nconsume, &typed,
	    cause)) != ST_OK)
		goto out;
	std = xcalloc(n + 1, sizeof *std);
	act = xcalloc(n + 1, sizeof *act);
	val = xcalloc(n + 1, sizeof *val);
	var = xcalloc(n + 1, sizeof *var);
	if (date == 0)
		date = stock_today();
	sp = stock_posting_new(x, date, "production", id, NULL, cause);
	pids = order_pids(o, ls, n);
	rc = stock_posting_lock(sp, pids, n + 1);
	free(pids);
	if (rc != ST_OK)
		goto out;
	rc = disassembly(o) ?
	    post_disassemble(x, sp, o, ls, n, typed, m0, m1, std, act, val,
	    var, &cost, &labour, cause) :
	    post_produce(x, sp, o, ls, n, typed, m0, m1, std, act, val, var,
	    &cost, &labour, cause);
	for (i = 0; i < n && rc == ST_OK; i++) {
		record_set_int(ls[i], G.l_standard,
		    record_int(ls[i], G.l_standard) + std[i]);
		record_set_int(ls[i], G.l_actual,
		    record_int(ls[i], G.l_actual) + act[i]);
		record_set_int(ls[i], G.l_value,
		    record_int(ls[i], G.l_value) + val[i]);
		record_set_int(ls[i], G.l_var,
		    record_int(ls[i], G.l_var) + var[i]);
		if (typed[i] >= 0)
			record_set_str(ls[i], G.l_reason, reason);
		tvar += var[i];
		rc = tx_update(x, ls[i], record_rev(ls[i]), cause);
	}
	if (rc != ST_OK)
		goto out;
	record_set_int(o, G.o_made, m1);
	record_set_int(o, G.o_cost, record_int(o, G.o_cost) + cost);
	record_set_int(o, G.o_labour, record_int(o, G.o_labour) + labour);
	record_set_int(o, G.o_value, record_int(o, G.o_value) + cost + labour);
	record_set_int(o, G.o_var, record_int(o, G.o_var) + tvar);
	record_set_str(o, G.o_status, m1 == qty ? "done" : "in_progress");
	if ((rc = tx_update(x, o, record_rev(o), cause)) != ST_OK)
		goto out;
	c = record_new(G.moc);
	record_set_int(c, G.c_order, (int64_t)id);
	record_set_int(c, G.c_date, date);
	record_set_int(c, G.c_prod, record_int(o, G.o_prod));
	record_set_str(c, G.c_kind, record_str(o, G.o_kind));
	record_set_int(c, G.c_qty, nq);
	record_set_int(c, G.c_cost, cost);
	record_set_int(c, G.c_labour, labour);
	record_set_int(c, G.c_value, cost + labour);
	record_set_int(c, G.c_var, tvar);
	if (nconsume > 0)
		record_set_str(c, G.c_reason, reason);
	record_set_str(c, G.c_user, tx_login(x));
	if ((rc = tx_insert(x, c, cause)) == ST_OK)
		*completion = record_id(c);
	record_free(c);
out:
	if (sp != NULL)
		rc = stock_posting_end(sp, rc);
	free(typed);
	free(std);
	free(act);
	free(val);
	free(var);
	stock_rows_free(ls, n);
	record_free(p);
	record_free(o);
	return (rc);
}

/* What an order still holds, released; its status becomes st. */
static int
mo_release_rest(struct tx *x, struct record *o, const char *st,
    char **cause)
{
	struct stock_posting	*sp;
	struct record		**ls = NULL;
	uint64_t		*pids, id = record_id(o);
	size_t			 n = 0, i;
	int			 rc;

	if ((rc = lines_of(x, G.mol, id, 1, &ls, &n)) != ST_OK)
		return (rc);
	sp = stock_posting_new(x, stock_today(), NULL, 0, NULL, cause);
	pids = order_pids(o, ls, n);
	rc = stock_posting_lock(sp, pids, n + 1);
	free(pids);
	for (i = 0; i < n && rc == ST_OK; i++) {
		if (record_int(ls[i], G.l_reserved) == 0)
			continue;
		if ((rc = stock_posting_reserve(sp, (uint64_t)record_int(ls[i],
		    G.l_prod), (uint64_t)record_int(ls[i], G.l_wh),
		    -record_int(ls[i], G.l_reserved))) != ST_OK)
			break;
		record_set_int(ls[i], G.l_reserved, 0);
		rc = tx_update(x, ls[i], record_rev(ls[i]), cause);
	}
	if (rc == ST_OK && record_int(o, G.o_reserved) != 0 &&
	    (rc = stock_posting_reserve(sp, (uint64_t)record_int(o, G.o_prod),
	    (uint64_t)record_int(o, G.o_fwh), -record_int(o,
	    G.o_reserved))) == ST_OK)
		record_set_int(o, G.o_reserved, 0);
	rc = stock_posting_end(sp, rc);
	stock_rows_free(ls, n);
	if (rc == ST_OK) {
		record_set_str(o, G.o_status, st);
		rc = tx_update(x, o, record_rev(o), cause);
	}
	return (rc);
}

int
mo_close(struct tx *x, uint64_t id, char **cause)
{
	struct record	*o;
	const char	*st;
	int		 rc;

	if ((rc = mo_get(x, id, &o, cause)) != ST_OK)
		return (rc);
	st = record_str(o, G.o_status);
	if (!is(st, "released") && !is(st, "in_progress") && !is(st, "done"))
		rc = fail(cause, ST_INVALID, _("%s is %s: only a released "
		    "order, one in progress or a done one is closed"),
		    record_str(o, FX_CODE), dict_enum_word(st));
	else
		rc = mo_release_rest(x, o, "closed", cause);
	record_free(o);
	return (rc);
}

int
mo_cancel(struct tx *x, uint64_t id, char **cause)
{
	struct record	*o;
	const char	*st;
	int		 rc;

	if ((rc = mo_get(x, id, &o, cause)) != ST_OK)
		return (rc);
	st = record_str(o, G.o_status);
	if (is(st, "draft")) {
		record_set_str(o, G.o_status, "cancelled");
		rc = tx_update(x, o, record_rev(o), cause);
	} else if (is(st, "released") && record_int(o, G.o_made) == 0)
		rc = mo_release_rest(x, o, "cancelled", cause);
	else if (is(st, "cancelled") || is(st, "closed"))
		/* Nothing to do, and nothing to advise: it said "close it
		 * instead" of an order cancelled already. */
		rc = fail(cause, ST_INVALID, _("%s is %s already"),
		    record_str(o, FX_CODE), i18n_ctx("enum", st));
	else
		rc = fail(cause, ST_INVALID, _("%s is %s: only a draft or a "
		    "released order nothing was made of is cancelled; close "
		    "it instead"), record_str(o, FX_CODE),
		    dict_enum_word(st));
	record_free(o);
	return (rc);
}

/* --- kontor check ---------------------------------------------------------- */

/* What the ledger holds of an order, per product. */
struct led {
	uint64_t	 pid;
	int64_t		 out_q, out_v;		/* output: in */
	int64_t		 use_q, use_v;		/* consumption: out, > 0 */
};

static struct led *
led_get(struct led **v, size_t *n, uint64_t pid)
{
	size_t	 i;

	for (i = 0; i < *n; i++)
		if ((*v)[i].pid == pid)
			return (&(*v)[i]);
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	memset(&(*v)[*n], 0, sizeof **v);
	(*v)[*n].pid = pid;
	return (&(*v)[(*n)++]);
}

/*
 * One order, in one transaction: what it says it consumed and made is
 * what its ledger moves add up to, and a released order or one in
 * progress still holds what it still needs (need(qty) - need(made) of
 * each component, a disassembly qty - made of its product), any other
 * nothing.
 */
static int
mo_check_one(struct tx *x, struct model_check_one *one, char **cause)
{
	struct record	*o, **ls = NULL, **mv = NULL;
	struct led	*led = NULL, *e;
	struct want	*lines = NULL;
	size_t		 n = 0, nm = 0, nled = 0, nlines = 0, i, j;
	int64_t		*steps = NULL, want, made, qty, use_v = 0, out_v = 0;
	char		 sku[64], a[32], b[32];
	const char	*code, *st;
	int		 rc, open, dis;

	(void)cause;
	fields_init();
	if ((rc = tx_get(x, G.mo, one->id, 0, &o)) != ST_OK)
		return (rc == ST_NOTFOUND ? ST_OK : rc);
	code = record_str(o, FX_CODE);
	st = record_str(o, G.o_status);
	made = record_int(o, G.o_made);
	qty = record_int(o, G.o_qty);
	open = is(st, "released") || is(st, "in_progress");
	dis = disassembly(o);
	if ((rc = lines_of(x, G.mol, one->id, 0, &ls, &n)) != ST_OK ||
	    (rc = rows_of(x, G.move, "production", one->id, 0, &mv, &nm)) !=
	    ST_OK)
		goto out;
	for (i = 0; i < nm; i++) {
		e = led_get(&led, &nled, (uint64_t)record_int(mv[i], G.m_prod));
		if (is(record_str(mv[i], G.m_kind), "output")) {
			e->out_q += record_int(mv[i], G.m_qty);
			e->out_v += record_int(mv[i], G.m_value);
			out_v += record_int(mv[i], G.m_value);
		} else {
			e->use_q -= record_int(mv[i], G.m_qty);
			e->use_v -= record_int(mv[i], G.m_value);
			use_v -= record_int(mv[i], G.m_value);
		}
	}
	/* The quantities: the product's made, each line's actual. */
	for (i = 0; i < n; i++)
		want_add(&lines, &nlines, (uint64_t)record_int(ls[i], G.l_prod),
		    record_int(ls[i], G.l_actual));
	e = led_get(&led, &nled, (uint64_t)record_int(o, G.o_prod));
	if ((dis ? e->use_q : e->out_q) != made) {
		buf_printf(one->report, _("%s: %s: the order says %s, its "
		    "ledger moves add up to %s\n"), code, sku_of(x, e->pid,
		    sku, sizeof sku), qfmt(made, a, sizeof a),
		    qfmt(dis ? e->use_q : e->out_q, b, sizeof b));
		one->bad++;
	}
	for (i = 0; i < nled; i++) {
		int64_t	 said = 0, got;

		if (led[i].pid == (uint64_t)record_int(o, G.o_prod))
			continue;
		for (j = 0; j < nlines; j++)
			if (lines[j].pid == led[i].pid)
				said = lines[j].qty;
		got = dis ? led[i].out_q : led[i].use_q;
		if (said != got || (dis ? led[i].use_q : led[i].out_q) != 0) {
			buf_printf(one->report, _("%s: %s: the order says %s, "
			    "its ledger moves add up to %s\n"), code,
			    sku_of(x, led[i].pid, sku, sizeof sku),
			    qfmt(said, a, sizeof a), qfmt(got, b, sizeof b));
			one->bad++;
		}
	}
	for (j = 0; j < nlines; j++) {
		if (lines[j].qty == 0)
			continue;
		for (i = 0; i < nled; i++)
			if (led[i].pid == lines[j].pid)
				break;
		if (i == nled) {
			buf_printf(one->report, _("%s: %s: the order says %s, "
			    "its ledger moves add up to %s\n"), code,
			    sku_of(x, lines[j].pid, sku, sizeof sku),
			    qfmt(lines[j].qty, a, sizeof a),
			    qfmt(0, b, sizeof b));
			one->bad++;
		}
	}
	if (use_v != record_int(o, G.o_cost)) {
		buf_printf(one->report, _("%s: the cost taken is %s, its "
		    "ledger moves add up to %s\n"), code,
		    money_people(record_int(o, G.o_cost), a, sizeof a),
		    money_people(use_v, b, sizeof b));
		one->bad++;
	}
	if (out_v != record_int(o, G.o_value)) {
		buf_printf(one->report, _("%s: the value of the output is "
		    "%s, its ledger moves add up to %s\n"), code,
		    money_people(record_int(o, G.o_value), a, sizeof a),
		    money_people(out_v, b, sizeof b));
		one->bad++;
	}
	/* The reservations. */
	steps = line_steps(x, ls, n);
	for (i = 0; i < n; i++) {
		want = open && !dis ? prod_need(qty, record_int(ls[i], G.l_qty),
		    record_int(ls[i], G.l_scrap), record_int(o, G.o_yield),
		    steps[i]) - prod_need(made, record_int(ls[i], G.l_qty),
		    record_int(ls[i], G.l_scrap), record_int(o, G.o_yield),
		    steps[i]) : 0;
		if (record_int(ls[i], G.l_reserved) != want) {
			buf_printf(one->report, _("%s: %s reserved %s, but it "
			    "still needs %s\n"), code, sku_of(x,
			    (uint64_t)record_int(ls[i], G.l_prod), sku,
			    sizeof sku), qfmt(record_int(ls[i], G.l_reserved),
			    a, sizeof a), qfmt(want, b, sizeof b));
			one->bad++;
		}
	}
	want = open && dis ? qty - made : 0;
	if (record_int(o, G.o_reserved) != want) {
		buf_printf(one->report, _("%s: %s reserved %s, but it still "
		    "needs %s\n"), code, sku_of(x, (uint64_t)record_int(o,
		    G.o_prod), sku, sizeof sku), qfmt(record_int(o,
		    G.o_reserved), a, sizeof a), qfmt(want, b, sizeof b));
		one->bad++;
	}
	if (made > qty || (is(st, "done") && made != qty)) {
		buf_printf(one->report, _("%s: %s of %s made, yet it is %s\n"),
		    code, qfmt(made, a, sizeof a), qfmt(qty, b, sizeof b),
		    dict_enum_word(st));
		one->bad++;
	}
out:
	free(steps);
	free(lines);
	free(led);
	stock_rows_free(mv, nm);
	stock_rows_free(ls, n);
	record_free(o);
	return (rc);
}

static int
collect(const struct record *r, void *arg)
{
	struct ids	*ids = arg;

	ids->v = xreallocarray(ids->v, ids->n + 1, sizeof *ids->v);
	ids->v[ids->n++] = record_id(r);
	return (0);
}

static int
mo_check(struct store *st, struct buf *report)
{
	struct ids	 ids = { NULL, 0 };
	int		 bad = 0;

	fields_init();
	if (store_each(st, G.mo, collect, &ids) != ST_OK) {
		buf_printf(report, _("%s: cannot be read\n"), G.mo->name);
		bad++;
	} else
		bad += model_check_each(st, _("production order"), ids.v,
		    ids.n, mo_check_one, NULL, report);
	free(ids.v);
	return (bad);
}

/* One default BOM per product that has BOMs. */
struct defaults {
	struct want	*v;		/* qty: how many defaults */
	size_t		 n;
};

static int
bom_check_row(const struct record *r, void *arg)
{
	struct defaults	*d = arg;

	want_add(&d->v, &d->n, (uint64_t)record_int(r, G.b_prod),
	    record_int(r, G.b_default) ? 1 : 0);
	return (0);
}

static int
bom_check(struct store *st, struct buf *report)
{
	struct defaults	 d = { NULL, 0 };
	struct record	*p;
	size_t		 i;
	int		 bad = 0;

	fields_init();
	if (store_each(st, G.bom, bom_check_row, &d) != ST_OK) {
		buf_printf(report, _("%s: cannot be read\n"), G.bom->name);
		free(d.v);
		return (1);
	}
	for (i = 0; i < d.n; i++) {
		if (d.v[i].qty == 1)
			continue;
		if (store_get(st, G.prod, d.v[i].pid, &p) != ST_OK)
			continue;
		buf_printf(report, P_("%s: %lld default BOM, one expected\n",
		    "%s: %lld default BOMs, one expected\n", d.v[i].qty),
		    record_str(p, FX_CODE), (long long)d.v[i].qty);
		record_free(p);
		bad++;
	}
	free(d.v);
	return (bad);
}

/* --- kontor import boms ----------------------------------------------------- */

const char *const bom_columns[] = {
	"product", "version", "yield", "component", "quantity", "scrap",
	"work_centre", "hours", "notes", NULL
};

/* A product by SKU (any case) or barcode. */
static int
find_product(struct tx *x, const char *col, const char *term, uint64_t *id,
    char **cause)
{
	struct value	 v;
	char		*u, *c, *q;
	int		 rc;

	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = u = xstrdup(term);
	for (c = u; *c != '\0'; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	if ((rc = tx_find(x, G.prod, FX_CODE, &v, id)) == ST_NOTFOUND) {
		v.s = (char *)term;
		rc = tx_find(x, G.prod, dict_field_pos(G.prod, "barcode"), &v,
		    id);
	}
	free(u);
	if (rc == ST_NOTFOUND) {
		q = text_quote(term);
		rc = fail(cause, ST_INVALID, _("column '%s': no product with "
		    "SKU or barcode %s"), col, q);
		free(q);
	}
	return (rc);
}

/* A cell as a value of field f; an empty or missing one is not set. */
static int
cell_parse(const struct bom_row *r, enum bom_col c,
    const struct entity_def *e, const char *field, struct value *v,
    char **cause)
{
	char	*why = NULL;

	memset(v, 0, sizeof *v);
	if (r->cell[c] == NULL)
		return (ST_OK);
	if (value_parse(dict_field(e, field), r->cell[c], v, &why) != 0) {
		fail(cause, ST_INVALID, _("column '%s': %s"), bom_columns[c],
		    why);
		free(why);
		return (ST_INVALID);
	}
	return (ST_OK);
}

/* One BOM of the file: the rows of a product and version. */
struct bom_group {
	uint64_t	 product;
	char		*version;
	size_t		 first;		/* the row that names it first */
};

/* The header fields of row k; all the rows of a BOM agree on them. */
static int
bom_head(const struct bom_row *rows, size_t k, struct value *yield,
    struct value *wc, struct value *hours, char **cause)
{
	int	 rc;

	if ((rc = cell_parse(&rows[k], BC_YIELD, G.bom, "yield", yield,
	    cause)) != ST_OK)
		return (rc);
	if ((rc = cell_parse(&rows[k], BC_WORK_CENTRE, G.bom, "work_centre",
	    wc, cause)) != ST_OK) {
		value_free(yield);
		return (rc);
	}
	if ((rc = cell_parse(&rows[k], BC_HOURS, G.bom, "hours", hours,
	    cause)) != ST_OK) {
		value_free(yield);
		value_free(wc);
	}
	return (rc);
}

int
bom_import(struct tx *x, const struct bom_row *rows, size_t n,
    size_t *nboms, int64_t *errline, char **cause)
{
	struct bom_group	*g = NULL;
	struct record		*b, *l, **old;
	struct value		 v, y0, w0, h0, y, w, h;
	uint64_t		*pid, bid;
	char			**ver, *why = NULL;
	size_t			*grp, ng = 0, i, j, nold;
	int			 rc = ST_OK;

	fields_init();
	*nboms = 0;
	*errline = 0;
	pid = xcalloc(n + 1, sizeof *pid);
	ver = xcalloc(n + 1, sizeof *ver);
	grp = xcalloc(n + 1, sizeof *grp);
	/* Each row's product and version, and the BOM it belongs to. */
	for (i = 0; i < n && rc == ST_OK; i++) {
		*errline = rows[i].line;
		if (rows[i].cell[BC_PRODUCT] == NULL ||
		    *rows[i].cell[BC_PRODUCT] == '\0') {
			rc = fail(cause, ST_INVALID, _("column 'product': a "
			    "value is required"));
			break;
		}
		if ((rc = find_product(x, "product", rows[i].cell[BC_PRODUCT],
		    &pid[i], cause)) != ST_OK)
			break;
		if ((rc = cell_parse(&rows[i], BC_VERSION, G.bom, "version",
		    &v, cause)) != ST_OK)
			break;
		ver[i] = v.set ? v.s : xstrdup("1");
		for (j = 0; j < ng; j++)
			if (g[j].product == pid[i] &&
			    strcmp(g[j].version, ver[i]) == 0)
				break;
		if (j == ng) {
			g = xreallocarray(g, ng + 1, sizeof *g);
			g[ng].product = pid[i];
			g[ng].version = ver[i];
			g[ng].first = i;
			ng++;
		}
		grp[i] = j;
	}
	for (j = 0; j < ng && rc == ST_OK; j++) {
		size_t	 k = g[j].first;

		*errline = rows[k].line;
		if ((rc = bom_head(rows, k, &y0, &w0, &h0, cause)) != ST_OK)
			break;
		/* The rows of one BOM agree on its yield, work centre and
		 * hours. */
		for (i = k + 1; i < n && rc == ST_OK; i++) {
			if (grp[i] != j)
				continue;
			*errline = rows[i].line;
			if ((rc = bom_head(rows, i, &y, &w, &h, cause)) !=
			    ST_OK)
				break;
			if ((y.set && (!y0.set || y.i != y0.i)) ||
			    (w.set && (!w0.set || strcmp(w.s, w0.s) != 0)) ||
			    (h.set && (!h0.set || h.i != h0.i)))
				rc = fail(cause, ST_INVALID, _("the rows of "
				    "the BOM of %s version %s differ in yield, "
				    "work_centre or hours"),
				    rows[i].cell[BC_PRODUCT], g[j].version);
			value_free(&y);
			value_free(&w);
			value_free(&h);
		}
		if (rc != ST_OK)
			goto next;
		*errline = rows[k].line;
		/* The BOM there of this product and version, or a new one. */
		if ((rc = rows_of(x, G.bom, "product", g[j].product, 1, &old,
		    &nold)) != ST_OK)
			goto next;
		b = NULL;
		for (i = 0; i < nold; i++)
			if (strcmp(record_str(old[i], G.b_version),
			    g[j].version) == 0) {
				b = old[i];
				old[i] = NULL;
			}
		stock_rows_free(old, nold);
		if (b == NULL) {
			b = record_new(G.bom);
			record_set_int(b, G.b_prod, (int64_t)g[j].product);
			record_set_str(b, G.b_version, g[j].version);
		} else if ((rc = rows_of(x, G.bl, "bom", record_id(b), 1, &old,
		    &nold)) == ST_OK) {
			/* Its lines are the file's now. */
			for (i = 0; i < nold && rc == ST_OK; i++)
				rc = model_delete(x, G.bl, record_id(old[i]),
				    0, cause);
			stock_rows_free(old, nold);
		}
		if (y0.set)
			record_set_value(b, G.b_yield, &y0);
		if (w0.set)
			record_set_value(b, G.b_wc, &w0);
		if (h0.set)
			record_set_value(b, G.b_hours, &h0);
		if (rc == ST_OK)
			rc = model_save(x, b, record_rev(b), cause);
		bid = record_id(b);
		record_free(b);
		for (i = k; i < n && rc == ST_OK; i++) {
			struct value	 q, s, nt;
			uint64_t	 comp;

			if (grp[i] != j)
				continue;
			*errline = rows[i].line;
			if (rows[i].cell[BC_COMPONENT] == NULL ||
			    *rows[i].cell[BC_COMPONENT] == '\0') {
				rc = fail(cause, ST_INVALID, _("column "
				    "'component': a value is required"));
				break;
			}
			if ((rc = find_product(x, "component",
			    rows[i].cell[BC_COMPONENT], &comp, cause)) !=
			    ST_OK)
				break;
			if ((rc = cell_parse(&rows[i], BC_QUANTITY, G.bl,
			    "qty", &q, cause)) != ST_OK)
				break;
			if (!q.set || q.i <= 0) {
				rc = fail(cause, ST_INVALID, q.set ?
				    _("column 'quantity': more than 0 "
				    "expected") : _("column 'quantity': a "
				    "value is required"));
				break;
			}
			if ((rc = cell_parse(&rows[i], BC_SCRAP, G.bl, "scrap",
			    &s, cause)) != ST_OK)
				break;
			if (s.set && (s.i < 0 || s.i >= PCT)) {
				rc = fail(cause, ST_INVALID, _("column "
				    "'scrap': from 0 to less than 100 %% "
				    "expected"));
				break;
			}
			if ((rc = cell_parse(&rows[i], BC_NOTES, G.bl, "notes",
			    &nt, cause)) != ST_OK)
				break;
			l = record_new(G.bl);
			record_set_int(l, G.bl_bom, (int64_t)bid);
			record_set_int(l, G.bl_comp, (int64_t)comp);
			record_set_int(l, G.bl_qty, q.i);
			if (s.set)
				record_set_int(l, G.bl_scrap, s.i);
			if (nt.set)
				record_set_value(l, G.bl_notes, &nt);
			value_free(&nt);
			rc = model_save(x, l, 0, &why);
			record_free(l);
			if (rc != ST_OK && why != NULL) {
				free(*cause);
				*cause = why;
				why = NULL;
			}
		}
		if (rc == ST_OK)
			(*nboms)++;
next:
		value_free(&y0);
		value_free(&w0);
		value_free(&h0);
	}
	if (rc == ST_OK)
		*errline = 0;
	for (i = 0; i < n; i++)
		free(ver[i]);
	free(ver);
	free(pid);
	free(grp);
	free(g);
	free(why);
	return (rc);
}

const struct model_def model_work_centres = {
	.entity = "work_centres",
	.validate = wc_validate,
};

const struct model_def model_boms = {
	.entity = "boms",
	.validate = boms_validate,
	.defaults = boms_defaults,
	.saved = boms_saved,
	.cascade = boms_cascade,
	.check = bom_check,
};

const struct model_def model_bom_lines = {
	.entity = "bom_lines",
	.validate = bl_validate,
};

const struct model_def model_production_orders = {
	.entity = "production_orders",
	.validate = mo_validate,
	.defaults = mo_defaults,
	.can_delete = mo_can_delete,
	.check = mo_check,
};
