/*
 * Export and import through the generic CSV path: export streams a
 * table's rows; an import is staged row by row in the session
 * (import_begin, import_rows) and committed whole in one transaction
 * (import_commit), a stock-moves file as one posted document.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "audit.h"
#include "auth.h"
#include "db/spill.h"
#include "db/store.h"
#include "dict/codec.h"
#include "dict/csvrow.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "log.h"
#include "model/model.h"
#include "model/sales.h"
#include "proto.h"
#include "server/req.h"
#include "server/server.h"
#include "xmalloc.h"

#define EXPORT_FIRST	100	/* the first export frame: rows arrive soon */
#define EXPORT_PAGE	500

struct staged {
	int64_t		 line;
	char		*p;
	size_t		 len;
	char		*hp;		/* sales-orders: the order's header */
	size_t		 hlen;
	char		*group;		/* and the file's key of its order */
};

struct import_state {
	const struct entity_def	*ent;
	int			 batch;		/* stock-moves: one document */
	int			 sales;		/* sales-orders: drafts */
	int			 post;		/* and confirmed */
	int			 update;
	int			 dry_run;
	int			 defer;		/* tx_import_begin's */
	int			*map;	/* column -> field position, -1 */
	size_t			 ncols;
	struct staged		*rows;		/* stock moves, sales orders */
	size_t			 nrows;
	size_t			 rows_cap;	/* grown by half */
	struct spill		*spill;		/* the others' rows */
	char			**codes;	/* a set, to refuse repeats */
	size_t			 ncodes;
	size_t			 ncodes_cap;
	char			*file;		/* the client's: its name */
	char			*sha256;	/* and its hash, in hex */
	double			 t_begin;	/* for the log: import_begin's */
	double			 t_fn;		/* the transaction's work done */
};

/* A monotonic clock, in seconds, for the log's phases of an import. */
static double
mono_s(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

static char *
cell_format(struct store *st, const struct field_def *f,
    const struct value *v)
{
	if (f->type == FT_REF && v->set && v->s == NULL)
		return (model_ref_code(st, f, v->i));
	return (value_format(f, v));
}

int
op_export(struct req *r, struct msgb *data, char **cause)
{
	struct store		*st = server_store(r->c->srv);
	const struct entity_def	*e;
	struct record		**rows;
	struct msgb		 m;
	uint64_t		 last = 0, total = 0;
	size_t			 n, i, j, ncol, page = EXPORT_FIRST;
	int			*cols;
	int			 rc;
	char			*fmt;

	if ((e = req_entity(r, cause)) == NULL)
		return (EX_DATAERR);
	if (!allowed(r, e->area, ACT_EXPORT, cause))
		return (EX_NOPERM);
	if ((fmt = mobj_strdup(r->o, "format")) != NULL &&
	    strcmp(fmt, "csv") == 0) {
		free(fmt);
		return (export_csv(r, e, data, cause));
	}
	free(fmt);
	mb_init(&m);
	cols = xcalloc(e->nfields + 1, sizeof *cols);
	ncol = csvrow_columns(e, cols);
	mb_array(&m, ncol);
	for (i = 0; i < ncol; i++)
		mb_str(&m, e->fields[cols[i]].name);
	respond(r, 0, NULL, 1, m.sb.data, m.sb.size);
	/* Page by page, each read in its own short transaction; nothing is
	 * held while a page goes to the client. */
	for (;;) {
		rc = store_scan(st, e, -1, NULL, last, 1, page, &rows, &n);
		if (rc != ST_OK) {
			mb_free(&m);
			free(cols);
			xasprintf(cause, P_("%s: export failed after %llu row",
			    "%s: export failed after %llu rows", total),
			    e->name, (unsigned long long)total);
			return (st_exit(rc));
		}
		if (n == 0) {
			free(rows);
			break;
		}
		mb_reset(&m);
		mb_array(&m, n);
		for (i = 0; i < n; i++) {
			mb_array(&m, ncol);
			for (j = 0; j < ncol; j++) {
				char	*cell;

				cell = cell_format(st, &e->fields[cols[j]],
				    &rows[i]->v[cols[j]]);
				mb_str(&m, cell);
				free(cell);
			}
			last = record_id(rows[i]);
			record_free(rows[i]);
		}
		free(rows);
		total += n;
		/* The client has gone (or stopped reading): stop too. */
		if (respond(r, 0, NULL, 1, m.sb.data, m.sb.size) != 0) {
			mb_free(&m);
			free(cols);
			xasprintf(cause, P_("%s: export abandoned by the "
			    "client after %llu row", "%s: export abandoned by "
			    "the client after %llu rows", total), e->name,
			    (unsigned long long)total);
			return (EX_IOERR);
		}
		page = EXPORT_PAGE;
	}
	mb_free(&m);
	free(cols);
	mb_map(data, 1);
	mb_kint(data, "rows", (int64_t)total);
	return (0);
}

static void
import_free(struct import_state *im)
{
	size_t	 i;

	if (im == NULL)
		return;
	for (i = 0; im->rows != NULL && i < im->nrows; i++) {
		free(im->rows[i].p);
		free(im->rows[i].hp);
		free(im->rows[i].group);
	}
	free(im->rows);
	spill_free(im->spill);
	for (i = 0; i < im->ncodes_cap; i++)
		free(im->codes[i]);
	free(im->codes);
	free(im->map);
	free(im->file);
	free(im->sha256);
	free(im);
}

/* A new staged row, zeroed: the array grows by half, not by one. */
static struct staged *
stage_row(struct import_state *im)
{
	struct staged	*sg;

	if (im->nrows == im->rows_cap) {
		im->rows_cap = im->rows_cap < 64 ? 64 :
		    im->rows_cap + im->rows_cap / 2;
		im->rows = xreallocarray(im->rows, im->rows_cap,
		    sizeof *im->rows);
	}
	sg = &im->rows[im->nrows++];
	memset(sg, 0, sizeof *sg);
	return (sg);
}

/* A record's row staged in the spill file: its line, then its bytes.
 * 0 or an errno; the record is freed. */
static int
stage_spill(struct req *r, struct import_state *im, int64_t line,
    struct record *rec)
{
	char	*p, *row;
	size_t	 len;
	int	 e;

	if (im->spill == NULL)
		im->spill = spill_new(server_home(r->c->srv));
	codec_encode(rec, &p, &len);
	record_free(rec);
	row = xmalloc(len + sizeof line);
	memcpy(row, &line, sizeof line);
	memcpy(row + sizeof line, p, len);
	free(p);
	e = spill_put(im->spill, row, len + sizeof line);
	free(row);
	if (e == 0)
		im->nrows++;
	return (e);
}

/* Forget the import c has staged, if any. */
void
import_done(struct conn *c)
{
	import_free(c->imp);
	c->imp = NULL;
}

/*
 * The columns of a stock-moves file: the lines of one batch document,
 * with sku for product and quantity for qty; what makes the document
 * (doc, line, code) is not a column.
 */
#define BATCH_COLUMNS	"type, sku, warehouse, quantity, to_warehouse, " \
			"unit_cost, lot, expiry, bin"
static const char *const batch_required[] = {
	"type", "sku", "warehouse", "quantity", NULL
};

/* What a stock-moves file calls a field of stock_lines, so a refusal
 * names the file's column. */
static const char *
batch_name(int batch, const char *field)
{
	if (batch && strcmp(field, "product") == 0)
		return ("sku");
	if (batch && strcmp(field, "qty") == 0)
		return ("quantity");
	return (field);
}

/* The same for a refusal of the rules: "column 'product': ..." (or as
 * the session's language says "column"). */
static void
batch_cause(char **cause)
{
	static const char *const fields[] = { "product", "qty" };
	char	 words[64], col[96], *s;
	size_t	 i, len;
	int	 t;

	for (t = 0; t < 2; t++) {
		column_words(t, words, sizeof words);
		for (i = 0; *cause != NULL && i < sizeof fields /
		    sizeof fields[0]; i++) {
			len = (size_t)snprintf(col, sizeof col, "%s%s'", words,
			    fields[i]);
			if (strncmp(*cause, col, len) != 0)
				continue;
			xasprintf(&s, "%s%s'%s", words, batch_name(1,
			    fields[i]), *cause + len);
			free(*cause);
			*cause = s;
			return;
		}
	}
}

static int
batch_column(int batch, const struct entity_def *e, const char *name)
{
	int	 pos;

	if (!batch)
		return (dict_field_pos(e, name));
	if (strcmp(name, "sku") == 0)
		name = "product";
	else if (strcmp(name, "quantity") == 0)
		name = "qty";
	else if (strcmp(name, "doc") == 0 || strcmp(name, "line") == 0 ||
	    strcmp(name, "code") == 0 || strcmp(name, "book_qty") == 0 ||
	    strcmp(name, "po_line") == 0)
		return (-1);
	pos = dict_field_pos(e, name);
	return (pos >= 0 && (e->fields[pos].flags & FF_SYSTEM) ? -1 : pos);
}

/*
 * A sales-orders file: one row per order line; the rows with the same
 * order (the file's own key) make one draft order, confirmed with
 * --post.  Each column is a field of the order or of its line; map[]
 * holds SALES_GROUP, a line field's position, or SALES_HDR(pos) for one
 * of the order's.
 */
#define SALES_COLUMNS	"order, customer, date, warehouse, sku, quantity, " \
			"price, discount, vat, ref, ship_date, manager, " \
			"terms_days, delivery_address, notes"
#define SALES_GROUP	(-3)
#define SALES_HDR(pos)	(-100 - (pos))
#define SALES_IS_HDR(m)	((m) <= -100)
#define SALES_HDR_POS(m)	(-100 - (m))
static const char *const sales_required[] = {
	"order", "customer", "warehouse", "sku", "quantity", NULL
};

static int
sales_column(const char *name)
{
	static const struct {
		const char	*col, *ent, *field;
	} t[] = {
		{ "customer", "sales_orders", "customer" },
		{ "date", "sales_orders", "date" },
		{ "warehouse", "sales_orders", "warehouse" },
		{ "ref", "sales_orders", "customer_ref" },
		{ "ship_date", "sales_orders", "ship_date" },
		{ "manager", "sales_orders", "manager" },
		{ "terms_days", "sales_orders", "terms_days" },
		{ "delivery_address", "sales_orders", "delivery_address" },
		{ "notes", "sales_orders", "notes" },
		{ "sku", "so_lines", "product" },
		{ "quantity", "so_lines", "qty" },
		{ "price", "so_lines", "price" },
		{ "discount", "so_lines", "discount" },
		{ "vat", "so_lines", "vat" },
	};
	size_t	 i;
	int	 pos;

	if (strcmp(name, "order") == 0)
		return (SALES_GROUP);
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		if (strcmp(t[i].col, name) != 0)
			continue;
		pos = dict_field_pos(dict_entity(t[i].ent), t[i].field);
		return (strcmp(t[i].ent, "sales_orders") == 0 ?
		    SALES_HDR(pos) : pos);
	}
	return (-1);
}

/* The file's name of the field at m (for a refusal). */
static const char *
sales_col_name(int m)
{
	const struct entity_def	*he = dict_entity("sales_orders");
	const struct entity_def	*le = dict_entity("so_lines");
	const char		*f;

	if (m == SALES_GROUP)
		return ("order");
	f = SALES_IS_HDR(m) ? he->fields[SALES_HDR_POS(m)].name :
	    le->fields[m].name;
	if (strcmp(f, "product") == 0)
		return ("sku");
	if (strcmp(f, "qty") == 0)
		return ("quantity");
	if (strcmp(f, "customer_ref") == 0)
		return ("ref");
	return (f);
}

static int
sales_import_begin(struct req *r, struct msgb *data, char **cause)
{
	const struct entity_def	*e = dict_entity("so_lines");
	const msgpack_object	*h;
	struct import_state	*im;
	char			*name;
	size_t			 i, j;
	int			 pos, post;

	post = mobj_int(r->o, "post", 0) != 0;
	if (!allowed(r, e->area, ACT_CREATE, cause) ||
	    (post && !allowed(r, e->area, ACT_POST, cause)))
		return (EX_NOPERM);
	if (mobj_int(r->o, "update", 0)) {
		xasprintf(cause, _("sales orders are imported as new drafts: "
		    "--update does not apply"));
		return (EX_USAGE);
	}
	h = mobj_get(r->o, "header");
	if (h == NULL || h->type != MSGPACK_OBJECT_ARRAY ||
	    h->via.array.size == 0) {
		xasprintf(cause, _("the header row is missing"));
		return (EX_DATAERR);
	}
	im = xcalloc(1, sizeof *im);
	im->ent = e;
	im->sales = 1;
	im->post = post;
	im->dry_run = mobj_int(r->o, "dry_run", 0) != 0;
	im->ncols = h->via.array.size;
	im->map = xcalloc(im->ncols, sizeof *im->map);
	for (i = 0; i < im->ncols; i++) {
		name = mobj_dup(&h->via.array.ptr[i]);
		pos = name != NULL ? sales_column(name) : -1;
		if (pos == -1) {
			xasprintf(cause, _("column '%s': not a column of sales "
			    "orders (columns: %s)"), name ? name : "",
			    SALES_COLUMNS);
			free(name);
			import_free(im);
			return (EX_DATAERR);
		}
		for (j = 0; j < i; j++)
			if (im->map[j] == pos) {
				xasprintf(cause, _("column '%s' appears twice"),
				    name);
				free(name);
				import_free(im);
				return (EX_DATAERR);
			}
		im->map[i] = pos;
		free(name);
	}
	for (i = 0; sales_required[i] != NULL; i++) {
		pos = sales_column(sales_required[i]);
		for (j = 0; j < im->ncols; j++)
			if (im->map[j] == pos)
				break;
		if (j == im->ncols) {
			xasprintf(cause, _("column '%s' is missing "
			    "(columns: %s)"), sales_required[i],
			    SALES_COLUMNS);
			import_free(im);
			return (EX_DATAERR);
		}
	}
	import_free(r->c->imp);
	r->c->imp = im;
	mb_nil(data);
	return (0);
}

/* One row of a sales-orders file: the order's fields, the line's, the
 * key of its order. */
static int
sales_stage(struct import_state *im, int64_t line,
    const msgpack_object *cells, struct msgb *data, char **cause)
{
	const struct entity_def	*he = dict_entity("sales_orders");
	struct record		*hrec, *rec;
	struct staged		*sg;
	char			*group = NULL, *cell, *why = NULL;
	size_t			 j;

	hrec = record_new(he);
	rec = record_new(im->ent);
	for (j = 0; j < im->ncols; j++) {
		const struct field_def	*f;
		struct value		 v;
		int			 m = im->map[j];

		cell = mobj_dup(&cells->via.array.ptr[j]);
		if (m == SALES_GROUP) {
			free(group);
			group = cell;
			continue;
		}
		f = SALES_IS_HDR(m) ? &he->fields[SALES_HDR_POS(m)] :
		    &im->ent->fields[m];
		if (value_parse(f, cell ? cell : "", &v, &why) != 0) {
			mb_map(data, 1);
			mb_kint(data, "line", line);
			xasprintf(cause, _("column '%s': %s"),
			    sales_col_name(m), why);
			free(why);
			free(cell);
			free(group);
			record_free(rec);
			record_free(hrec);
			return (EX_DATAERR);
		}
		free(cell);
		record_set_value(SALES_IS_HDR(m) ? hrec : rec,
		    SALES_IS_HDR(m) ? SALES_HDR_POS(m) : m, &v);
		value_free(&v);
	}
	if (group == NULL || *group == '\0') {
		mb_map(data, 1);
		mb_kint(data, "line", line);
		xasprintf(cause, _("column 'order': a value is required (the "
		    "rows of one order share it)"));
		free(group);
		record_free(rec);
		record_free(hrec);
		return (EX_DATAERR);
	}
	sg = stage_row(im);
	sg->line = line;
	sg->group = group;
	codec_encode(rec, &sg->p, &sg->len);
	codec_encode(hrec, &sg->hp, &sg->hlen);
	record_free(rec);
	record_free(hrec);
	return (0);
}

int
op_import_begin(struct req *r, struct msgb *data, char **cause)
{
	const struct entity_def	*e;
	const msgpack_object	*h;
	struct import_state	*im;
	size_t			 i, j;
	int			 pos, have_code = 0, batch;
	char			*name, *why = NULL;

	name = mobj_strdup(r->o, "entity");
	batch = name != NULL && strcmp(name, "stock-moves") == 0;
	if (name != NULL && strcmp(name, "sales-orders") == 0) {
		free(name);
		return (sales_import_begin(r, data, cause));
	}
	free(name);
	if (batch)
		e = dict_entity("stock_lines");
	else if ((e = req_entity(r, cause)) == NULL)
		return (EX_DATAERR);
	/* Stock, balances, the archive: made by kontor itself, for
	 * everyone (an admin too, who may do all else), so refused as the
	 * command it is (64), not row by row as a permission (77). */
	if (!batch && model_by_hand(e, &why) != 0) {
		if (strcmp(e->area, "stock") == 0) {
			xasprintf(cause, _("%s; receipts, issues and "
			    "transfers are imported as stock-moves"), why);
			free(why);
		} else
			*cause = why;
		return (EX_USAGE);
	}
	if (!allowed(r, e->area, ACT_CREATE, cause) ||
	    (batch && !allowed(r, e->area, ACT_POST, cause)))
		return (EX_NOPERM);
	if (batch && mobj_int(r->o, "update", 0)) {
		xasprintf(cause, _("stock moves are posted, never updated: "
		    "--update does not apply"));
		return (EX_USAGE);
	}
	if (mobj_int(r->o, "update", 0) &&
	    !allowed(r, e->area, ACT_EDIT, cause))
		return (EX_NOPERM);
	h = mobj_get(r->o, "header");
	if (h == NULL || h->type != MSGPACK_OBJECT_ARRAY ||
	    h->via.array.size == 0) {
		xasprintf(cause, _("the header row is missing"));
		return (EX_DATAERR);
	}
	im = xcalloc(1, sizeof *im);
	im->t_begin = mono_s();
	im->ent = e;
	im->batch = batch;
	im->update = mobj_int(r->o, "update", 0) != 0;
	im->dry_run = mobj_int(r->o, "dry_run", 0) != 0;
	im->ncols = h->via.array.size;
	im->map = xcalloc(im->ncols, sizeof *im->map);
	for (i = 0; i < im->ncols; i++) {
		name = mobj_dup(&h->via.array.ptr[i]);
		pos = name != NULL ? batch_column(batch, e, name) : -1;
		if (pos < 0 && batch) {
			xasprintf(cause, _("column '%s': not a column of stock "
			    "moves (columns: %s)"), name ? name : "",
			    BATCH_COLUMNS);
			free(name);
			import_free(im);
			return (EX_DATAERR);
		}
		if (pos < 0) {
			struct buf	 b = { 0 };

			for (j = 0; j < e->nfields; j++)
				if (!(e->fields[j].flags & FF_SYSTEM))
					buf_printf(&b, "%s%s", b.len ? ", " :
					    "", e->fields[j].name);
			xasprintf(cause, _("column '%s': not a field of %s "
			    "(fields: %s)"), name ? name : "", e->name, b.data);
			buf_free(&b);
			free(name);
			import_free(im);
			return (EX_DATAERR);
		}
		for (j = 0; j < i; j++)
			if (im->map[j] == pos) {
				xasprintf(cause, _("column '%s' appears twice"),
				    name);
				free(name);
				import_free(im);
				return (EX_DATAERR);
			}
		/* Times and ids are the system's: accepted, not taken. */
		im->map[i] = (e->fields[pos].flags & FF_SYSTEM) ? -2 : pos;
		if (pos == FX_CODE)
			have_code = 1;
		free(name);
	}
	for (i = 0; batch && batch_required[i] != NULL; i++) {
		pos = batch_column(1, e, batch_required[i]);
		for (j = 0; j < im->ncols; j++)
			if (im->map[j] == pos)
				break;
		if (j == im->ncols) {
			xasprintf(cause, _("column '%s' is missing "
			    "(columns: %s)"), batch_required[i], BATCH_COLUMNS);
			import_free(im);
			return (EX_DATAERR);
		}
	}
	if (im->update && !have_code) {
		xasprintf(cause, _("--update matches rows by '%s': that column "
		    "is missing"), e->fields[FX_CODE].name);
		import_free(im);
		return (EX_DATAERR);
	}
	for (i = 0; i < im->ncols; i++)
		if (im->map[i] == -2)
			im->map[i] = -1;
	/* New records: their indexes built after them, where a code twice
	 * in the file is found too (no set of codes in the heap). */
	im->defer = !batch && !im->update && model_bulk_ok(e);
	import_free(r->c->imp);
	r->c->imp = im;
	mb_nil(data);
	return (0);
}

static uint64_t
code_hash(const char *s)
{
	uint64_t	 h = 14695981039346656037ULL;	/* FNV-1a */

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (h);
}

/* Whether code was staged before; if not, remember it.  A repeat fails
 * the import before the transaction, not after a long undo.  An open
 * addressing set, grown at half full. */
static int
import_seen(struct import_state *im, const char *code)
{
	size_t	 i, mask, cap = im->ncodes_cap;
	char	**old;

	if (2 * (im->ncodes + 1) > cap) {
		old = im->codes;
		im->ncodes_cap = cap == 0 ? 1024 : cap * 2;
		im->codes = xcalloc(im->ncodes_cap, sizeof *im->codes);
		mask = im->ncodes_cap - 1;
		for (i = 0; i < cap; i++) {
			size_t	 j;

			if (old[i] == NULL)
				continue;
			for (j = code_hash(old[i]) & mask; im->codes[j] != NULL;
			    j = (j + 1) & mask)
				;
			im->codes[j] = old[i];
		}
		free(old);
	}
	mask = im->ncodes_cap - 1;
	for (i = code_hash(code) & mask; im->codes[i] != NULL;
	    i = (i + 1) & mask)
		if (strcmp(im->codes[i], code) == 0)
			return (1);
	im->codes[i] = xstrdup(code);
	im->ncodes++;
	return (0);
}

int
op_import_rows(struct req *r, struct msgb *data, char **cause)
{
	struct import_state	*im = r->c->imp;
	const msgpack_object	*rows;
	size_t			 i, j;
	int			 e;

	if (im == NULL) {
		/* The rows were staged on a connection that is gone. */
		xasprintf(cause, _("the import was cut off (the server "
		    "restarted?); nothing was saved: run it again"));
		return (EX_TEMPFAIL);
	}
	rows = mobj_get(r->o, "rows");
	if (rows == NULL || rows->type != MSGPACK_OBJECT_ARRAY) {
		xasprintf(cause, _("no rows sent"));
		return (EX_DATAERR);
	}
	for (i = 0; i < rows->via.array.size; i++) {
		const msgpack_object	*row = &rows->via.array.ptr[i];
		const msgpack_object	*cells;
		struct record		*rec;
		struct staged		*sg;
		int64_t			 line;
		char			*why = NULL, *cell;

		if (row->type != MSGPACK_OBJECT_ARRAY ||
		    row->via.array.size != 2 ||
		    row->via.array.ptr[1].type != MSGPACK_OBJECT_ARRAY) {
			xasprintf(cause, _("malformed row"));
			return (EX_DATAERR);
		}
		line = row->via.array.ptr[0].via.i64;
		cells = &row->via.array.ptr[1];
		if (cells->via.array.size != im->ncols) {
			mb_map(data, 1);
			mb_kint(data, "line", line);
			xasprintf(cause, P_("%zu column expected, got %u",
			    "%zu columns expected, got %u", im->ncols),
			    im->ncols, cells->via.array.size);
			return (EX_DATAERR);
		}
		if (im->sales) {
			int	 rc;

			if ((rc = sales_stage(im, line, cells, data, cause)) !=
			    0)
				return (rc);
			continue;
		}
		rec = record_new(im->ent);
		for (j = 0; j < im->ncols; j++) {
			const struct field_def	*f;
			struct value		 v;

			if (im->map[j] < 0)
				continue;
			f = &im->ent->fields[im->map[j]];
			cell = mobj_dup(&cells->via.array.ptr[j]);
			if (value_parse(f, cell ? cell : "", &v, &why) != 0) {
				mb_map(data, 1);
				mb_kint(data, "line", line);
				xasprintf(cause, _("column '%s': %s"),
				    batch_name(im->batch, f->name), why);
				free(why);
				free(cell);
				record_free(rec);
				return (EX_DATAERR);
			}
			free(cell);
			record_set_value(rec, im->map[j], &v);
			value_free(&v);
		}
		if (!im->defer && record_str(rec, FX_CODE) != NULL &&
		    import_seen(im, record_str(rec, FX_CODE))) {
			mb_map(data, 1);
			mb_kint(data, "line", line);
			xasprintf(cause, _("column '%s': \"%s\" appears twice "
			    "in the file"), im->ent->fields[FX_CODE].name,
			    record_str(rec, FX_CODE));
			record_free(rec);
			return (EX_DATAERR);
		}
		if (im->batch) {
			sg = stage_row(im);
			sg->line = line;
			codec_encode(rec, &sg->p, &sg->len);
			record_free(rec);
			continue;
		}
		/* A row of records: its line and bytes to the spill file,
		 * so that a million rows do not wait in the heap. */
		if ((e = stage_spill(r, im, line, rec)) != 0) {
			xasprintf(cause, _("cannot stage the rows of the "
			    "import in %s: %s"), server_home(r->c->srv),
			    strerror(e));
			return (e == ENOSPC ? EX_TEMPFAIL : EX_CANTCREAT);
		}
	}
	mb_int(data, (int64_t)im->nrows);
	return (0);
}

struct import_counts {
	uint64_t	 created;
	uint64_t	 updated;
};

/* The import's audit entry: the file (its name and SHA-256, as the
 * client says), rows, what was created and updated; the store adds the
 * ids created. */
static int
import_audit(struct tx *x, struct import_state *im,
    const struct import_counts *n, const char *doc, int64_t *line,
    char **cause)
{
	struct audit_entry	*a;
	char			 num[24];

	a = xcalloc(1, sizeof *a);
	a->entity = xstrdup(im->ent->name);
	a->action = xstrdup(AUDIT_IMPORT);
	/* A stock-moves file's lines: the document they were posted as. */
	if (doc != NULL)
		audit_add_change(a, "doc", NULL, doc);
	if (im->file != NULL)
		audit_add_change(a, "file", NULL, im->file);
	if (im->sha256 != NULL)
		audit_add_change(a, "sha256", NULL, im->sha256);
	snprintf(num, sizeof num, "%zu", im->nrows);
	audit_add_change(a, "rows", NULL, num);
	snprintf(num, sizeof num, "%llu", (unsigned long long)n->created);
	audit_add_change(a, "created", NULL, num);
	snprintf(num, sizeof num, "%llu", (unsigned long long)n->updated);
	audit_add_change(a, "updated", NULL, num);
	return (tx_import_end(x, a, line, cause));
}

static int
import_tx(struct tx *x, struct wctx *w, char **cause)
{
	struct import_state	*im = w->r->c->imp;
	struct import_counts	 n = { 0, 0 };
	struct record		*rec, *old;
	uint64_t		 id;
	const char		*p;
	size_t			 j, len;
	char			*why = NULL;
	int			 rc, e;

	if (im->spill != NULL && (e = spill_rewind(im->spill)) != 0) {
		xasprintf(cause, _("cannot read the staged rows of the "
		    "import: %s"), strerror(e));
		return (ST_ERR);
	}
	/* One audit entry for the import, not one per new record; new
	 * records' indexes are built after the last of them, in order. */
	tx_import_begin(x, im->ent, im->defer);
	while (im->spill != NULL) {
		if ((e = spill_next(im->spill, &p, &len)) == 0)
			break;
		if (e < 0 || len < sizeof w->errline) {
			xasprintf(cause, _("cannot read the staged rows of the "
			    "import: %s"), strerror(e < 0 && errno != 0 ?
			    errno : EIO));
			return (ST_ERR);
		}
		memcpy(&w->errline, p, sizeof w->errline);
		tx_import_line(x, w->errline);
		if (codec_decode(im->ent, p + sizeof w->errline,
		    len - sizeof w->errline, &rec, cause) != 0)
			return (ST_ERR);
		old = NULL;
		if (im->update && record_isset(rec, FX_CODE)) {
			rc = tx_find(x, im->ent, FX_CODE, &rec->v[FX_CODE],
			    &id);
			if (rc == ST_OK)
				rc = tx_get(x, im->ent, id, 1, &old);
			if (rc != ST_OK && rc != ST_NOTFOUND) {
				record_free(rec);
				return (rc);
			}
		}
		if (old != NULL) {
			/* The file's columns over the stored record. */
			for (j = 0; j < im->ncols; j++)
				if (im->map[j] >= 0)
					record_set_value(old, im->map[j],
					    &rec->v[im->map[j]]);
			record_free(rec);
			rec = old;
			rc = model_save(x, rec, record_rev(rec), &why);
			n.updated++;
		} else {
			rc = model_save(x, rec, 0, &why);
			n.created++;
		}
		record_free(rec);
		if (rc != ST_OK) {
			if (why != NULL)
				*cause = why;
			return (rc);
		}
	}
	w->errline = 0;
	if ((rc = import_audit(x, im, &n, NULL, &w->errline, cause)) != ST_OK)
		return (rc);
	im->t_fn = mono_s();
	mb_map(w->data, 3);
	mb_kint(w->data, "created", (int64_t)n.created);
	mb_kint(w->data, "updated", (int64_t)n.updated);
	mb_kbool(w->data, "dry_run", im->dry_run);
	/* A dry run checks everything the real one would, then aborts. */
	return (im->dry_run ? ST_ABORT : ST_OK);
}

/*
 * A stock-moves file: one batch document of all its lines, posted in
 * this transaction, or nothing.  The lines get no audit entry each: the
 * import's one (the file, its SHA-256, the rows, the document they were
 * posted as, the lines' ids) describes them, and the document's own
 * "create" it (the moves and balances, derived, have none either way).
 * The lines' index keys, and the moves' unless a line names a lot (the
 * posting then reads the moves by lot), go in after the rows, sorted
 * (tx_import_also); the balances are written once per product and
 * warehouse at the posting's end (stock_post_end).
 */
static int
batch_tx(struct tx *x, struct wctx *w, char **cause)
{
	struct import_state	*im = w->r->c->imp;
	const struct entity_def	*de = dict_entity("stock_docs");
	struct import_counts	 counts = { 0, 0 };
	struct record		*doc, *posted = NULL, **ls;
	size_t			 i, n = 0;
	int64_t			 line = 0, dupline = 0;
	int			 rc = ST_OK, lots = 0;
	int			 lotpos = dict_field_pos(im->ent, "lot");

	ls = xcalloc(im->nrows + 1, sizeof *ls);
	for (i = 0; i < im->nrows && rc == ST_OK; i++) {
		if (codec_decode(im->ent, im->rows[i].p, im->rows[i].len,
		    &ls[i], cause) != 0)
			rc = ST_ERR;
		else {
			lots |= record_isset(ls[i], lotpos);
			n++;
		}
	}
	doc = record_new(de);
	record_set_str(doc, dict_field_pos(de, "type"), "batch");
	record_set_str(doc, dict_field_pos(de, "notes"), "kontor import "
	    "stock-moves");
	tx_import_begin(x, im->ent, 1);
	if (!lots)
		tx_import_also(x, dict_entity("stock_moves"));
	if (rc == ST_OK)
		rc = doc_save(x, doc, 0, 1, ls, n, 1, 0, &line, cause);
	if (rc != ST_OK)
		batch_cause(cause);
	w->errline = line > 0 && (size_t)line <= im->nrows ?
	    im->rows[line - 1].line : 0;
	/* Numbered as it was posted: the stored header has the number. */
	if (rc == ST_OK)
		rc = tx_get(x, de, record_id(doc), 0, &posted);
	if (rc == ST_OK) {
		counts.created = n;
		rc = import_audit(x, im, &counts, record_str(posted, FX_CODE),
		    &dupline, cause);
	}
	if (rc == ST_OK) {
		mb_map(w->data, 4);
		mb_kint(w->data, "created", (int64_t)n);
		mb_kint(w->data, "updated", 0);
		mb_kbool(w->data, "dry_run", im->dry_run);
		mb_kstr(w->data, "doc", record_str(posted, FX_CODE));
	}
	record_free(posted);
	for (i = 0; i < n; i++)
		record_free(ls[i]);
	free(ls);
	record_free(doc);
	if (rc == ST_OK && im->dry_run)
		return (ST_ABORT);
	return (rc);
}

/* A customer named by its INN (10 or 12 digits) rather than its code;
 * one several customers share is refused, naming them. */
static int
customer_by_inn(struct tx *x, struct record *h, char **cause)
{
	int			 pos = dict_field_pos(h->ent, "customer");
	const char		*s = h->v[pos].s;
	char			*why = NULL;
	uint64_t		 id;
	int			 rc;

	if (!h->v[pos].set || s == NULL)
		return (ST_OK);
	rc = party_find_inn(x, dict_entity("customers"), s, &id, &why);
	if (rc == ST_INVALID) {
		xasprintf(cause, _("column 'customer': %s"), why);
		free(why);
	}
	if (rc != ST_OK)
		return (rc == ST_NOTFOUND ? ST_OK : rc);
	record_set_int(h, pos, (int64_t)id);
	return (ST_OK);
}

/* The staged rows in the order of their order's key, each order's rows
 * in the file's order. */
static int
group_cmp(const void *a, const void *b)
{
	const struct staged	*x = *(struct staged *const *)a;
	const struct staged	*y = *(struct staged *const *)b;
	int			 c;

	if ((c = strcmp(x->group, y->group)) != 0)
		return (c);
	return (x < y ? -1 : x > y);
}

/* Orders in the order their first rows come in the file. */
static int
first_cmp(const void *a, const void *b)
{
	const struct staged	*x = **(struct staged **const *)a;
	const struct staged	*y = **(struct staged **const *)b;

	return (x < y ? -1 : x > y);
}

/* A sales-orders file: each order a draft of its rows, confirmed with
 * --post; all of them or none.  The rows are grouped by their order
 * with one sort, not a pass over the file per order. */
static int
sales_import_tx(struct tx *x, struct wctx *w, char **cause)
{
	struct import_state	*im = w->r->c->imp;
	struct record		*h, **ls;
	struct staged		**byg, ***orders, **rows;
	struct msgb		 codes;
	char			*label;
	size_t			 i, j, n, o, nord = 0, norders = 0;
	int64_t			 errline;
	int			 rc = ST_OK;

	mb_init(&codes);
	byg = xcalloc(im->nrows + 1, sizeof *byg);
	for (i = 0; i < im->nrows; i++)
		byg[i] = &im->rows[i];
	xqsort(byg, im->nrows, sizeof *byg, group_cmp);
	/* Each order: where its rows begin in byg (a NULL ends the last). */
	orders = xcalloc(im->nrows + 1, sizeof *orders);
	for (i = 0; i < im->nrows; i++)
		if (i == 0 || strcmp(byg[i]->group, byg[i - 1]->group) != 0)
			orders[nord++] = &byg[i];
	xqsort(orders, nord, sizeof *orders, first_cmp);
	ls = xcalloc(im->nrows + 1, sizeof *ls);
	/* The lines: named by the file's one audit entry (their ids), not
	 * an entry each; each order has its own, as a document. */
	tx_import_begin(x, im->ent, 0);
	for (o = 0; o < nord && rc == ST_OK; o++) {
		rows = orders[o];
		for (n = 1; rows + n < byg + im->nrows &&
		    strcmp(rows[n]->group, rows[0]->group) == 0; n++)
			;
		for (j = 1; j < n; j++)
			if (rows[j]->hlen != rows[0]->hlen ||
			    memcmp(rows[j]->hp, rows[0]->hp, rows[0]->hlen)) {
				w->errline = rows[j]->line;
				xasprintf(cause, _("column 'order': the rows of "
				    "order %s differ in customer, date, "
				    "warehouse or another of the order's "
				    "columns"), rows[0]->group);
				rc = ST_INVALID;
				break;
			}
		if (rc != ST_OK)
			break;
		if (codec_decode(dict_entity("sales_orders"), rows[0]->hp,
		    rows[0]->hlen, &h, cause) != 0) {
			rc = ST_ERR;
			break;
		}
		for (j = 0; j < n && rc == ST_OK; j++)
			if (codec_decode(im->ent, rows[j]->p, rows[j]->len,
			    &ls[j], cause) != 0)
				rc = ST_ERR;
		w->errline = rows[0]->line;
		if (rc == ST_OK)
			rc = customer_by_inn(x, h, cause);
		errline = 0;
		/* Each line written once, confirmed (--post) as it is; a
		 * refusal names the order by the file's key, as its line
		 * is named, not by the number it gives back. */
		if (rc == ST_OK) {
			xasprintf(&label, _("order %s"), rows[0]->group);
			rc = sales_save_new(x, h, ls, n, im->post ?
			    SAVE_CONFIRM : 0, label, &errline, cause);
			free(label);
		}
		if (errline > 0 && (size_t)errline <= n)
			w->errline = rows[errline - 1]->line;
		if (rc == ST_OK) {
			mb_str(&codes, record_str(h, FX_CODE));
			norders++;
		}
		for (j = 0; j < n; j++) {
			record_free(ls[j]);
			ls[j] = NULL;
		}
		record_free(h);
	}
	free(orders);
	free(byg);
	if (rc == ST_OK) {
		struct import_counts	 nc = { im->nrows, 0 };

		w->errline = 0;
		rc = import_audit(x, im, &nc, NULL, &errline, cause);
	}
	free(ls);
	if (rc == ST_OK) {
		w->errline = 0;
		mb_map(w->data, 5);
		mb_kint(w->data, "created", (int64_t)norders);
		mb_kint(w->data, "updated", 0);
		mb_kint(w->data, "lines", (int64_t)im->nrows);
		mb_kbool(w->data, "dry_run", im->dry_run);
		mb_str(w->data, "codes");
		mb_array(w->data, norders);
		msgpack_sbuffer_write(&w->data->sb, codes.sb.data,
		    codes.sb.size);
	}
	mb_free(&codes);
	if (rc == ST_OK && im->dry_run)
		return (ST_ABORT);
	return (rc);
}

int
op_import_commit(struct req *r, struct msgb *data, char **cause)
{
	struct import_state	*im = r->c->imp;
	struct wctx		 w;
	double			 t0;
	int			 rc;

	if (im == NULL) {
		/* The rows were staged on a connection that is gone. */
		xasprintf(cause, _("the import was cut off (the server "
		    "restarted?); nothing was saved: run it again"));
		return (EX_TEMPFAIL);
	}
	t0 = mono_s();
	/* What the client says of its file, for the import's audit entry. */
	free(im->file);
	free(im->sha256);
	im->file = mobj_strdup(r->o, "file");
	im->sha256 = mobj_strdup(r->o, "sha256");
	memset(&w, 0, sizeof w);
	w.r = r;
	w.data = data;
	w.fn = im->sales ? sales_import_tx : im->batch ? batch_tx : import_tx;
	/* Records and a stock-moves file's document: one import
	 * transaction (store_run_flags()); sales orders post as any other
	 * does, outside the writers' turn (a file of them is one long
	 * transaction). */
	rc = store_run_flags(server_store(r->c->srv), r->c->login, r->c->tty,
	    write_tx, &w, im->sales ? STORE_RUN_LONG : STORE_RUN_IMPORT, cause);
	r->st = rc;
	if (rc == ST_ABORT)
		rc = ST_OK;
	else if (rc != ST_OK && rc != ST_FULL && rc != ST_BUSY &&
	    w.errline != 0) {
		/* The line that was refused; not the one being saved when
		 * the disk filled or the database was busy. */
		mb_reset(data);
		mb_map(data, 1);
		mb_kint(data, "line", w.errline);
	} else if (rc == ST_OK) {
		log_info("import: %s imported %zu rows of %s", r->c->login,
		    im->nrows, im->ent->name);
		if (im->t_fn > t0 && im->nrows >= 10000)
			log_info("import: %s: rows staged in %.2f s, the "
			    "transaction's work %.2f s, its commit %.2f s",
			    im->ent->name, t0 - im->t_begin, im->t_fn - t0,
			    mono_s() - im->t_fn);
		if (!im->dry_run && strcmp(im->ent->name, "users") == 0)
			users_changed(r->c->srv);
	}
	import_done(r->c);
	return (st_exit(rc));
}

/*
 * A small file in one request (kontor import, when all its rows fit one
 * frame): import_begin's arguments with the rows of one import_rows, and
 * "header_line", the file's line of the header; answered as import_commit
 * answers.  The same checks, the same all-or-nothing, the same refusals:
 * one of the header says its line, as the client says it after an
 * import_begin.
 */
int
op_import(struct req *r, struct msgb *data, char **cause)
{
	int	 rc;

	if ((rc = op_import_begin(r, data, cause)) != 0) {
		mb_reset(data);
		mb_map(data, 1);
		mb_kint(data, "line", mobj_int(r->o, "header_line", 0));
		return (rc);
	}
	mb_reset(data);
	if ((rc = op_import_rows(r, data, cause)) != 0) {
		import_done(r->c);
		return (rc);
	}
	mb_reset(data);
	return (op_import_commit(r, data, cause));
}
