/*
 * Export and import through the generic CSV path: export streams a
 * table's rows; an import is staged row by row in the session
 * (import_begin, import_rows) and committed whole in one transaction
 * (import_commit), a stock-moves file as one posted document.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "auth.h"
#include "db/store.h"
#include "dict/codec.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "log.h"
#include "model/model.h"
#include "proto.h"
#include "server/req.h"
#include "server/server.h"
#include "xmalloc.h"

#define EXPORT_FIRST	100	/* the first export frame: rows arrive soon */
#define EXPORT_PAGE	2000

struct staged {
	int64_t		 line;
	char		*p;
	size_t		 len;
};

struct import_state {
	const struct entity_def	*ent;
	int			 batch;		/* stock-moves: one document */
	int			 update;
	int			 dry_run;
	int			*map;	/* column -> field position, -1 */
	size_t			 ncols;
	struct staged		*rows;
	size_t			 nrows;
	char			**codes;	/* a set, to refuse repeats */
	size_t			 ncodes;
	size_t			 ncodes_cap;
};

/* The columns of an export: code, the entity's fields, then times. */
static int
export_column(const struct field_def *f)
{
	if (f->flags & FF_SECRET)
		return (0);
	return (f->id == FID_CREATED || f->id == FID_UPDATED ||
	    !(f->flags & FF_SYSTEM));
}

/* The i-th exported field: the entity's own fields from the code on,
 * then the system's times. */
static int
export_order(const struct entity_def *e, size_t i)
{
	size_t	 nsys = FX_CODE;

	return ((int)(i + nsys < e->nfields ? i + nsys : i + nsys -
	    e->nfields));
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
	size_t			 n, i, j, ncol = 0, page = EXPORT_FIRST;
	int			 cols[256];
	int			 rc;

	if ((e = req_entity(r, cause)) == NULL)
		return (EX_DATAERR);
	if (!allowed(r, e->area, ACT_EXPORT, cause))
		return (EX_NOPERM);
	mb_init(&m);
	for (i = 0; i < e->nfields && i < sizeof cols / sizeof cols[0]; i++)
		if (export_column(&e->fields[export_order(e, i)]))
			cols[ncol++] = export_order(e, i);
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
			xasprintf(cause, P_("%s: export abandoned by the "
			    "client after %llu row", "%s: export abandoned by "
			    "the client after %llu rows", total), e->name,
			    (unsigned long long)total);
			return (EX_IOERR);
		}
		page = EXPORT_PAGE;
	}
	mb_free(&m);
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
	for (i = 0; i < im->nrows; i++)
		free(im->rows[i].p);
	free(im->rows);
	for (i = 0; i < im->ncodes_cap; i++)
		free(im->codes[i]);
	free(im->codes);
	free(im->map);
	free(im);
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

int
op_import_begin(struct req *r, struct msgb *data, char **cause)
{
	const struct entity_def	*e;
	const msgpack_object	*h;
	struct import_state	*im;
	size_t			 i, j;
	int			 pos, have_code = 0, batch;
	char			*name;

	name = mobj_strdup(r->o, "entity");
	batch = name != NULL && strcmp(name, "stock-moves") == 0;
	free(name);
	if (batch)
		e = dict_entity("stock_lines");
	else if ((e = req_entity(r, cause)) == NULL)
		return (EX_DATAERR);
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
		if (record_str(rec, FX_CODE) != NULL &&
		    import_seen(im, record_str(rec, FX_CODE))) {
			mb_map(data, 1);
			mb_kint(data, "line", line);
			xasprintf(cause, _("column '%s': \"%s\" appears twice "
			    "in the file"), im->ent->fields[FX_CODE].name,
			    record_str(rec, FX_CODE));
			record_free(rec);
			return (EX_DATAERR);
		}
		im->rows = xreallocarray(im->rows, im->nrows + 1,
		    sizeof *im->rows);
		sg = &im->rows[im->nrows++];
		sg->line = line;
		codec_encode(rec, &sg->p, &sg->len);
		record_free(rec);
	}
	mb_int(data, (int64_t)im->nrows);
	return (0);
}

struct import_counts {
	uint64_t	 created;
	uint64_t	 updated;
};

static int
import_tx(struct tx *x, struct wctx *w, char **cause)
{
	struct import_state	*im = w->r->c->imp;
	struct import_counts	 n = { 0, 0 };
	struct record		*rec, *old;
	uint64_t		 id;
	size_t			 i, j;
	char			*why = NULL;
	int			 rc;

	for (i = 0; i < im->nrows; i++) {
		w->errline = im->rows[i].line;
		if (codec_decode(im->ent, im->rows[i].p, im->rows[i].len, &rec,
		    cause) != 0)
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
	mb_map(w->data, 3);
	mb_kint(w->data, "created", (int64_t)n.created);
	mb_kint(w->data, "updated", (int64_t)n.updated);
	mb_kbool(w->data, "dry_run", im->dry_run);
	/* A dry run checks everything the real one would, then aborts. */
	return (im->dry_run ? ST_ABORT : ST_OK);
}

/* A stock-moves file: one batch document of all its lines, posted in
 * this transaction, or nothing. */
static int
batch_tx(struct tx *x, struct wctx *w, char **cause)
{
	struct import_state	*im = w->r->c->imp;
	const struct entity_def	*de = dict_entity("stock_docs");
	struct record		*doc, *posted, **ls;
	size_t			 i, n = 0;
	int64_t			 line = 0;
	int			 rc = ST_OK;

	ls = xcalloc(im->nrows + 1, sizeof *ls);
	for (i = 0; i < im->nrows && rc == ST_OK; i++) {
		if (codec_decode(im->ent, im->rows[i].p, im->rows[i].len,
		    &ls[i], cause) != 0)
			rc = ST_ERR;
		else
			n++;
	}
	doc = record_new(de);
	record_set_str(doc, dict_field_pos(de, "type"), "batch");
	record_set_str(doc, dict_field_pos(de, "notes"), "kontor import "
	    "stock-moves");
	if (rc == ST_OK)
		rc = doc_save(x, doc, 0, 1, ls, n, 1, 0, &line, cause);
	if (rc != ST_OK)
		batch_cause(cause);
	w->errline = line > 0 && (size_t)line <= im->nrows ?
	    im->rows[line - 1].line : 0;
	/* Numbered as it was posted: the stored header has the number. */
	if (rc == ST_OK && (rc = tx_get(x, de, record_id(doc), 0,
	    &posted)) == ST_OK) {
		mb_map(w->data, 4);
		mb_kint(w->data, "created", (int64_t)n);
		mb_kint(w->data, "updated", 0);
		mb_kbool(w->data, "dry_run", im->dry_run);
		mb_kstr(w->data, "doc", record_str(posted, FX_CODE));
		record_free(posted);
	}
	for (i = 0; i < n; i++)
		record_free(ls[i]);
	free(ls);
	record_free(doc);
	if (rc == ST_OK && im->dry_run)
		return (ST_ABORT);
	return (rc);
}

int
op_import_commit(struct req *r, struct msgb *data, char **cause)
{
	struct import_state	*im = r->c->imp;
	struct wctx		 w;
	int			 rc;

	if (im == NULL) {
		/* The rows were staged on a connection that is gone. */
		xasprintf(cause, _("the import was cut off (the server "
		    "restarted?); nothing was saved: run it again"));
		return (EX_TEMPFAIL);
	}
	memset(&w, 0, sizeof w);
	w.r = r;
	w.data = data;
	w.fn = im->batch ? batch_tx : import_tx;
	rc = store_run(server_store(r->c->srv), r->c->login, r->c->tty,
	    write_tx, &w, cause);
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
		if (!im->dry_run && strcmp(im->ent->name, "users") == 0)
			users_changed(r->c->srv);
	}
	import_done(r->c);
	return (st_exit(rc));
}
