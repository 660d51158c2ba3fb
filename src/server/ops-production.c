/*
 * Production over the wire (op "production"): the actions on a
 * production order (release, produce, close, cancel), each one
 * transaction remembered by request id, and the import of BOMs (one row
 * per component, all of the file in one transaction); for the screens, a
 * BOM's exploded tree (explode: read only), how many lines each of some
 * BOMs has (line_counts: read only, :bom's list) and a pick list's line
 * marked brought (picked: the warehouse's, who may view production and
 * move stock).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "auth.h"
#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "log.h"
#include "model/model.h"
#include "model/production.h"
#include "proto.h"
#include "server/req.h"
#include "server/server.h"
#include "xmalloc.h"

struct prod_arg {
	char			*action;
	char			*code;
	int64_t			 qty;
	int64_t			 date;
	char			*reason;
	const msgpack_object	*consume;	/* [{sku, qty}] */
	const msgpack_object	*header;	/* import: the file's names */
	const msgpack_object	*rows;		/* and [line, [cells]] */
	int			 dry_run;
	int64_t			 errline;
	char			*sku;		/* picked: the component */
};

/* A product by SKU (as stored: upper case) or barcode. */
static int
find_sku(struct tx *x, const char *term, uint64_t *id, char **cause)
{
	const struct entity_def	*pe = dict_entity("products");
	struct value		 v;
	char			*u, *c;
	int			 rc;

	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = u = xstrdup(term);
	for (c = u; *c != '\0'; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	rc = tx_find(x, pe, FX_CODE, &v, id);
	if (rc == ST_NOTFOUND) {
		v.s = (char *)term;
		rc = tx_find(x, pe, dict_field_pos(pe, "barcode"), &v, id);
	}
	free(u);
	if (rc == ST_NOTFOUND) {
		/* A missing record: exit 66, as the man page says. */
		xasprintf(cause, _("unknown SKU %s: no product has it"), term);
		return (ST_NOTFOUND);
	}
	return (rc);
}

/* The order's state, as the client reports it. */
static int
answer(struct tx *x, struct wctx *w, uint64_t id, uint64_t completion)
{
	const struct entity_def	*e = dict_entity("production_orders");
	const struct entity_def	*ce = dict_entity("mo_completions");
	struct record		*o, *c = NULL;
	int			 rc;

	if ((rc = tx_get(x, e, id, 0, &o)) != ST_OK)
		return (rc);
	if (completion != 0 && (rc = tx_get(x, ce, completion, 0, &c)) !=
	    ST_OK) {
		record_free(o);
		return (rc);
	}
	mb_map(w->data, c != NULL ? 12 : 7);
	mb_kstr(w->data, "code", record_str(o, FX_CODE));
	mb_kint(w->data, "id", (int64_t)id);
	mb_kstr(w->data, "kind", record_str(o, dict_field_pos(e, "kind")));
	mb_kstr(w->data, "status", record_str(o, dict_field_pos(e,
	    "status")));
	mb_kint(w->data, "qty", record_int(o, dict_field_pos(e, "qty")));
	mb_kint(w->data, "made", record_int(o, dict_field_pos(e, "made")));
	mb_kint(w->data, "value", record_int(o, dict_field_pos(e, "value")));
	if (c != NULL) {
		mb_kstr(w->data, "completion", record_str(c, FX_CODE));
		mb_kint(w->data, "done", record_int(c, dict_field_pos(ce,
		    "qty")));
		mb_kint(w->data, "cost", record_int(c, dict_field_pos(ce,
		    "cost")));
		mb_kint(w->data, "labour", record_int(c, dict_field_pos(ce,
		    "labour")));
		mb_kint(w->data, "variance", record_int(c, dict_field_pos(ce,
		    "variance")));
	}
	record_free(c);
	record_free(o);
	return (ST_OK);
}

/* The file's columns: each one of bom_columns, once; product, component
 * and quantity there.  map[i]: the BC_* of the file's column i. */
static int
import_header(const msgpack_object *h, int *map, char **cause)
{
	static const int	 req[] = { BC_PRODUCT, BC_COMPONENT,
				    BC_QUANTITY };
	struct buf		 names = { 0 };
	int			 have[BC_NCOLS] = { 0 };
	char			*name;
	size_t			 i, j;
	int			 rc = ST_OK;

	for (j = 0; j < BC_NCOLS; j++)
		buf_printf(&names, "%s%s", j ? ", " : "", bom_columns[j]);
	for (i = 0; i < h->via.array.size && rc == ST_OK; i++) {
		name = mobj_dup(&h->via.array.ptr[i]);
		if (name != NULL) {
			char	*b = name, *e;

			while (*b == ' ')
				b++;
			memmove(name, b, strlen(b) + 1);
			e = name + strlen(name);
			while (e > name && e[-1] == ' ')
				*--e = '\0';
		}
		for (j = 0; name != NULL && j < BC_NCOLS; j++)
			if (strcmp(name, bom_columns[j]) == 0)
				break;
		if (name == NULL || j == BC_NCOLS) {
			xasprintf(cause, _("column '%s': not a column of BOMs "
			    "(columns: %s)"), name != NULL ? name : "",
			    names.data);
			rc = ST_INVALID;
		} else if (have[j]++) {
			xasprintf(cause, _("column '%s' appears twice"), name);
			rc = ST_INVALID;
		} else
			map[i] = (int)j;
		free(name);
	}
	for (j = 0; j < sizeof req / sizeof req[0] && rc == ST_OK; j++)
		if (!have[req[j]]) {
			xasprintf(cause, _("column '%s' is missing (columns: "
			    "%s)"), bom_columns[req[j]], names.data);
			rc = ST_INVALID;
		}
	buf_free(&names);
	return (rc);
}

static int
import_tx(struct tx *x, struct wctx *w, struct prod_arg *a, char **cause)
{
	const msgpack_object	*h = a->header;
	struct bom_row		*rows;
	size_t			 n = a->rows->via.array.size, i, j;
	size_t			 nboms = 0, ncol = h->via.array.size;
	int			*map, rc;

	map = xcalloc(ncol + 1, sizeof *map);
	a->errline = 1;
	if ((rc = import_header(h, map, cause)) != ST_OK) {
		free(map);
		return (rc);
	}
	a->errline = 0;
	rows = xcalloc(n + 1, sizeof *rows);
	for (i = 0; i < n && rc == ST_OK; i++) {
		const msgpack_object	*r = &a->rows->via.array.ptr[i];
		const msgpack_object	*cells;

		if (r->type != MSGPACK_OBJECT_ARRAY || r->via.array.size != 2 ||
		    r->via.array.ptr[1].type != MSGPACK_OBJECT_ARRAY) {
			xasprintf(cause, _("malformed row"));
			rc = ST_INVALID;
			break;
		}
		rows[i].line = r->via.array.ptr[0].via.i64;
		cells = &r->via.array.ptr[1];
		if (cells->via.array.size != ncol) {
			a->errline = rows[i].line;
			xasprintf(cause, P_("%zu column expected, got %u",
			    "%zu columns expected, got %u", ncol), ncol,
			    cells->via.array.size);
			rc = ST_INVALID;
			break;
		}
		for (j = 0; j < ncol; j++)
			rows[i].cell[map[j]] =
			    mobj_dup(&cells->via.array.ptr[j]);
	}
	if (rc == ST_OK)
		rc = bom_import(x, rows, n, &nboms, &a->errline, cause);
	for (i = 0; i < n; i++)
		for (j = 0; j < BC_NCOLS; j++)
			free((char *)rows[i].cell[j]);
	free(rows);
	free(map);
	if (rc != ST_OK)
		return (rc);
	mb_map(w->data, 3);
	mb_kint(w->data, "boms", (int64_t)nboms);
	mb_kint(w->data, "rows", (int64_t)n);
	mb_kbool(w->data, "dry_run", a->dry_run);
	return (a->dry_run ? ST_ABORT : ST_OK);
}

/* --- explode: a BOM's tree, for :bom ------------------------------------- */

struct explode_arg {
	char		*code;		/* the BOM */
	int64_t		 qty;		/* 0: its yield */
	struct msgb	*data;
};

static int
explode_tx(struct tx *x, void *arg, char **cause)
{
	const struct entity_def	*be = dict_entity("boms");
	const struct entity_def	*pe = dict_entity("products");
	struct explode_arg	*a = arg;
	struct bom_node		*v = NULL;
	struct record		*b, *p;
	struct value		 key;
	uint64_t		 id;
	size_t			 n = 0, i;
	int64_t			 qty;
	int			 rc;

	mb_reset(a->data);
	memset(&key, 0, sizeof key);
	key.set = 1;
	key.s = a->code;
	if ((rc = tx_find(x, be, FX_CODE, &key, &id)) != ST_OK) {
		if (rc == ST_NOTFOUND)
			xasprintf(cause, _("no BOM with code %s"), a->code);
		return (rc);
	}
	if ((rc = tx_get(x, be, id, 0, &b)) != ST_OK)
		return (rc);
	qty = a->qty > 0 ? a->qty : record_int(b, dict_field_pos(be,
	    "yield"));
	rc = bom_explode(x, (uint64_t)record_int(b, dict_field_pos(be,
	    "product")), id, qty, &v, &n, cause);
	record_free(b);
	if (rc != ST_OK)
		return (rc);
	mb_map(a->data, 2);
	mb_kint(a->data, "qty", qty);
	mb_str(a->data, "nodes");
	mb_array(a->data, n);
	for (i = 0; i < n && rc == ST_OK; i++) {
		if ((rc = tx_get(x, pe, v[i].product, 0, &p)) != ST_OK)
			break;
		mb_map(a->data, 6);
		mb_kint(a->data, "depth", v[i].depth);
		mb_kstr(a->data, "sku", record_str(p, FX_CODE));
		mb_kstr(a->data, "name", record_str(p, dict_field_pos(pe,
		    "name")));
		mb_kstr(a->data, "unit", record_str(p, dict_field_pos(pe,
		    "unit")));
		mb_kint(a->data, "qty", v[i].qty);
		mb_kint(a->data, "made", v[i].bom != 0);
		record_free(p);
	}
	free(v);
	return (rc);
}

static int
prod_explode(struct req *r, struct msgb *data, const char *code,
    char **cause)
{
	struct explode_arg	 a;
	int			 rc;

	if (!allowed(r, "production", ACT_VIEW, cause))
		return (EX_NOPERM);
	if (code == NULL) {
		xasprintf(cause, _("a BOM's code is required"));
		return (EX_USAGE);
	}
	memset(&a, 0, sizeof a);
	a.code = (char *)code;
	a.qty = mobj_int(r->o, "qty", 0);
	a.data = data;
	rc = store_read(server_store(r->c->srv), 0, explode_tx, &a, cause);
	if (rc != ST_OK)
		mb_reset(data);
	return (st_exit(rc));
}

/* --- line_counts: how many lines each BOM has, for :bom's list --------- */

#define COUNTS_MAX	1000	/* BOMs in one request */

struct counts_arg {
	const msgpack_object	*ids;
	int64_t			*n;
	int64_t			 one;
};

static int
count_one(struct tx *x, uint64_t id, void *arg)
{
	struct counts_arg	*a = arg;

	(void)x;
	(void)id;
	a->one++;
	return (0);
}

static int
counts_tx(struct tx *x, void *arg, char **cause)
{
	const struct entity_def	*le = dict_entity("bom_lines");
	struct counts_arg	*a = arg;
	struct value		 key;
	uint32_t		 i;
	int			 rc;

	(void)cause;
	for (i = 0; i < a->ids->via.array.size; i++) {
		memset(&key, 0, sizeof key);
		key.set = 1;
		key.i = a->ids->via.array.ptr[i].type ==
		    MSGPACK_OBJECT_POSITIVE_INTEGER ?
		    (int64_t)a->ids->via.array.ptr[i].via.u64 : 0;
		a->one = 0;
		rc = tx_find_each(x, le, dict_field_pos(le, "bom"), &key, 0,
		    count_one, a);
		if (rc != ST_OK && rc != ST_NOTFOUND)
			return (rc);
		a->n[i] = a->one;
	}
	return (ST_OK);
}

/* {ids: [BOM id, ...]} -> {counts: [lines, ...]}: an index walk a BOM,
 * no stored count to keep in step. */
static int
prod_line_counts(struct req *r, struct msgb *data, char **cause)
{
	struct counts_arg	 a;
	uint32_t		 i;
	int			 rc;

	if (!allowed(r, "production", ACT_VIEW, cause))
		return (EX_NOPERM);
	memset(&a, 0, sizeof a);
	a.ids = mobj_get(r->o, "ids");
	if (a.ids == NULL || a.ids->type != MSGPACK_OBJECT_ARRAY ||
	    a.ids->via.array.size > COUNTS_MAX) {
		xasprintf(cause, _("line_counts: up to %d BOMs' ids expected"),
		    COUNTS_MAX);
		return (EX_USAGE);
	}
	a.n = xcalloc(a.ids->via.array.size + 1, sizeof *a.n);
	rc = store_read(server_store(r->c->srv), STORE_READ_COMMITTED,
	    counts_tx, &a, cause);
	if (rc == ST_OK) {
		mb_map(data, 1);
		mb_str(data, "counts");
		mb_array(data, a.ids->via.array.size);
		for (i = 0; i < a.ids->via.array.size; i++)
			mb_int(data, a.n[i]);
	}
	free(a.n);
	return (st_exit(rc));
}

/* --- picked: a pick list's line brought (or not), for the warehouse ----- */

struct picked_arg {
	uint64_t	 product;
	uint64_t	 line;
};

static int
picked_find(const struct record *l, void *arg)
{
	struct picked_arg	*p = arg;
	const struct entity_def	*le = l->ent;

	if ((uint64_t)record_int(l, dict_field_pos(le, "product")) ==
	    p->product) {
		p->line = record_id(l);
		return (1);
	}
	return (0);
}

static int
picked_tx(struct tx *x, uint64_t mo, struct prod_arg *a, struct wctx *w,
    char **cause)
{
	const struct entity_def	*le = dict_entity("mo_lines");
	const struct entity_def	*e = dict_entity("production_orders");
	struct picked_arg	 p;
	struct record		*o, *l;
	struct value		 key;
	const char		*st;
	int			 pos = dict_field_pos(le, "picked"), rc;

	if ((rc = tx_get(x, e, mo, 0, &o)) != ST_OK)
		return (rc);
	st = record_str(o, dict_field_pos(e, "status"));
	if (st == NULL || (strcmp(st, "released") != 0 &&
	    strcmp(st, "in_progress") != 0)) {
		xasprintf(cause, _("%s is %s: a pick list is of a released "
		    "order"), a->code, dict_enum_word(st != NULL ? st : "?"));
		record_free(o);
		return (ST_INVALID);
	}
	record_free(o);
	memset(&p, 0, sizeof p);
	if (a->sku == NULL || (rc = find_sku(x, a->sku, &p.product, cause)) !=
	    ST_OK)
		return (a->sku == NULL ? ST_INVALID : rc);
	memset(&key, 0, sizeof key);
	key.set = 1;
	key.i = (int64_t)mo;
	rc = tx_find_rows(x, le, dict_field_pos(le, "order"), &key,
	    picked_find, &p);
	if (rc != 1 && rc != ST_OK)
		return (rc);
	if (p.line == 0) {
		xasprintf(cause, _("%s: %s is not a component of the order"),
		    a->code, a->sku);
		return (ST_INVALID);
	}
	if ((rc = tx_get(x, le, p.line, 1, &l)) != ST_OK)
		return (rc);
	/* Picked: what is still reserved for it; again: not picked. */
	if (record_int(l, pos) != 0)
		record_set_int(l, pos, 0);
	else
		record_set_int(l, pos, a->qty > 0 ? a->qty : record_int(l,
		    dict_field_pos(le, "reserved")));
	rc = tx_update(x, l, record_rev(l), cause);
	if (rc == ST_OK) {
		mb_map(w->data, 2);
		mb_kstr(w->data, "code", a->code);
		mb_kint(w->data, "picked", record_int(l, pos));
	}
	record_free(l);
	return (rc);
}

static int
prod_tx(struct tx *x, struct wctx *w, char **cause)
{
	const struct entity_def	*e = dict_entity("production_orders");
	struct prod_arg		*a = w->arg;
	struct mo_consume	*c = NULL;
	struct value		 key;
	uint64_t		 id, done = 0;
	size_t			 nc = 0, i;
	char			*sku;
	int			 rc;

	a->errline = 0;
	if (strcmp(a->action, "import_boms") == 0)
		return (import_tx(x, w, a, cause));
	memset(&key, 0, sizeof key);
	key.set = 1;
	key.s = a->code;
	if ((rc = tx_find(x, e, FX_CODE, &key, &id)) != ST_OK) {
		if (rc == ST_NOTFOUND) {
			xasprintf(cause, _("no production order with number "
			    "%s"), a->code);
			rc = ST_NOTFOUND;
		}
		return (rc);
	}
	if (strcmp(a->action, "picked") == 0)
		return (picked_tx(x, id, a, w, cause));
	if (strcmp(a->action, "release") == 0)
		rc = mo_release(x, id, cause);
	else if (strcmp(a->action, "close") == 0)
		rc = mo_close(x, id, cause);
	else if (strcmp(a->action, "cancel") == 0)
		rc = mo_cancel(x, id, cause);
	else {
		/* produce */
		if (a->consume != NULL) {
			c = xcalloc(a->consume->via.array.size + 1, sizeof *c);
			for (i = 0; i < a->consume->via.array.size; i++) {
				const msgpack_object	*o =
				    &a->consume->via.array.ptr[i];

				if ((sku = mobj_strdup(o, "sku")) == NULL) {
					xasprintf(cause, _("malformed "
					    "consumption"));
					free(c);
					return (ST_INVALID);
				}
				rc = find_sku(x, sku, &c[nc].product, cause);
				free(sku);
				if (rc != ST_OK) {
					free(c);
					return (rc);
				}
				c[nc++].qty = mobj_int(o, "qty", -1);
			}
		}
		rc = mo_produce(x, id, a->qty, c, nc, a->reason, a->date,
		    &done, cause);
		free(c);
	}
	if (rc == ST_OK)
		rc = answer(x, w, id, done);
	return (rc);
}

int
op_production(struct req *r, struct msgb *data, char **cause)
{
	struct prod_arg	 a;
	unsigned	 act = ACT_POST;
	int		 rc;

	memset(&a, 0, sizeof a);
	a.action = mobj_strdup(r->o, "action");
	if (a.action == NULL || (strcmp(a.action, "release") != 0 &&
	    strcmp(a.action, "produce") != 0 &&
	    strcmp(a.action, "close") != 0 &&
	    strcmp(a.action, "cancel") != 0 &&
	    strcmp(a.action, "explode") != 0 &&
	    strcmp(a.action, "picked") != 0 &&
	    strcmp(a.action, "line_counts") != 0 &&
	    strcmp(a.action, "import_boms") != 0)) {
		xasprintf(cause, _("unknown action '%s' for production "
		    "orders"), a.action != NULL ? a.action : "");
		free(a.action);
		return (EX_USAGE);
	}
	a.code = mobj_strdup(r->o, "code");
	if (strcmp(a.action, "explode") == 0) {
		rc = prod_explode(r, data, a.code, cause);
		goto out;
	}
	if (strcmp(a.action, "line_counts") == 0) {
		rc = prod_line_counts(r, data, cause);
		goto out;
	}
	a.sku = mobj_strdup(r->o, "sku");
	a.qty = mobj_int(r->o, "qty", 0);
	a.date = mobj_int(r->o, "date", 0);
	a.reason = mobj_strdup(r->o, "reason");
	a.dry_run = mobj_int(r->o, "dry_run", 0) != 0;
	a.consume = mobj_get(r->o, "consume");
	if (a.consume != NULL && a.consume->type != MSGPACK_OBJECT_ARRAY)
		a.consume = NULL;
	a.rows = mobj_get(r->o, "rows");
	a.header = mobj_get(r->o, "header");
	if (strcmp(a.action, "import_boms") == 0) {
		if (a.rows == NULL || a.rows->type != MSGPACK_OBJECT_ARRAY ||
		    a.header == NULL ||
		    a.header->type != MSGPACK_OBJECT_ARRAY) {
			xasprintf(cause, _("no rows sent"));
			rc = EX_DATAERR;
			goto out;
		}
		act = ACT_CREATE;
	} else if (a.code == NULL) {
		xasprintf(cause, _("a production order's number is required"));
		rc = EX_USAGE;
		goto out;
	}
	if (strcmp(a.action, "picked") == 0) {
		/* The warehouse's: who may view production and move stock. */
		if (!allowed(r, "production", ACT_VIEW, cause) ||
		    !allowed(r, "stock", ACT_CREATE, cause)) {
			rc = EX_NOPERM;
			goto out;
		}
	} else if (!allowed(r, "production", act, cause) ||
	    (act == ACT_CREATE && !allowed(r, "production", ACT_EDIT,
	    cause))) {
		rc = EX_NOPERM;
		goto out;
	}
	rc = run_write(r, data, prod_tx, &a, cause);
	if (rc == ST_ABORT)
		rc = ST_OK;
	if (rc != ST_OK && a.errline != 0) {
		mb_reset(data);
		mb_map(data, 1);
		mb_kint(data, "line", a.errline);
	}
	if (rc == ST_OK && !a.dry_run)
		log_info("production: %s %s %s", r->c->login, a.action,
		    a.code != NULL ? a.code : "");
	rc = st_exit(rc);
out:
	free(a.action);
	free(a.code);
	free(a.reason);
	free(a.sku);
	return (rc);
}
