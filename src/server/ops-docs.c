/*
 * Documents over the wire: a stock document or purchase order saved with
 * its lines in one transaction, and the actions on it (post, reverse,
 * send, close, receive, delete, reorder); the product a scanned code
 * names; and the lots of a product at a warehouse.
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
#include "model/stock.h"
#include "proto.h"
#include "server/req.h"
#include "server/server.h"
#include "xmalloc.h"

/* The lines' entity of a document entity, and their parent field. */
static const struct entity_def *
lines_of(const struct entity_def *he, int *parent)
{
	const struct entity_def	*le;

	if (strcmp(he->name, "stock_docs") == 0) {
		le = dict_entity("stock_lines");
		*parent = dict_field_pos(le, "doc");
	} else {
		le = dict_entity("po_lines");
		*parent = dict_field_pos(le, "po");
	}
	return (le);
}

/*
 * A new stock document takes its number before anything else is read.
 * Numbering write-locks the series counters (one page) to the end of
 * the transaction, and every save numbers before it writes a document,
 * so saves queue there one behind the other.  Numbered only after its
 * references were resolved, an issue against a reservation held a read
 * lock on a stock_docs page (the reservation's) while it waited for the
 * counters, and the save holding the counters waited to write that
 * page: a deadlock the issue nearly always lost, again and again.
 * Numbering last instead (the records kept in the transaction and put
 * after the number) was measured on 2026-12-05 at 32 clients,
 * paired runs on a quiet host: fewer documents a second (1,605-1,989
 * against 1,954-2,213), more server CPU (0.72-0.88 against 0.55-0.63 ms
 * a document) and a p99 of 120-152 ms against 24-26: the counter's queue
 * is fair, the races for the hot pages behind it were not.
 */
static int
number_first(struct tx *x, struct record *hdr)
{
	const char	*type;
	char		*code;
	int		 dpos, rc;

	if (strcmp(hdr->ent->name, "stock_docs") != 0 ||
	    record_id(hdr) != 0 || record_isset(hdr, FX_CODE) ||
	    (type = record_str(hdr, dict_field_pos(hdr->ent, "type"))) ==
	    NULL)
		return (ST_OK);
	dpos = dict_field_pos(hdr->ent, "date");
	if ((rc = stock_number(x, type, record_isset(hdr, dpos) ?
	    record_int(hdr, dpos) : stock_today(), &code)) != ST_OK)
		return (rc);
	record_set_str(hdr, FX_CODE, code);
	free(code);
	return (ST_OK);
}

/*
 * Whether a new stock document saved with post:true is written once,
 * posted (stock_fresh): every type whose posting ends "posted" and
 * reads nothing of the document back from the store but its lines.  A
 * transfer ends in transit; a receipt against a purchase order sets the
 * order's status from the order's receipts, this one among them.
 */
static int
post_fresh(const struct record *hdr, int post)
{
	const char	*type;

	if (!post || strcmp(hdr->ent->name, "stock_docs") != 0 ||
	    record_id(hdr) != 0 ||
	    (type = record_str(hdr, dict_field_pos(hdr->ent, "type"))) ==
	    NULL)
		return (0);
	if (strcmp(type, "transfer") == 0 || strcmp(type, "reversal") == 0)
		return (0);
	return (!record_isset(hdr, dict_field_pos(hdr->ent, "po")));
}

static int
doc_save_in(struct tx *x, struct record *hdr, uint32_t rev, int replace,
    struct record **lines, size_t n, int post, unsigned flags,
    int64_t *errline, char **cause)
{
	const struct entity_def	*le;
	struct record		**old;
	size_t			 nold, i;
	int			 parent, rc, fresh;

	*errline = 0;
	le = lines_of(hdr->ent, &parent);
	fresh = post_fresh(hdr, post);
	if ((rc = number_first(x, hdr)) != ST_OK)
		return (rc);
	if (fresh && (rc = stock_fresh_lines(x, hdr, lines, n)) != ST_OK)
		return (rc);
	stock_fresh(fresh);
	if ((rc = model_save(x, hdr, rev, cause)) != ST_OK)
		return (rc);
	if (fresh)
		stock_fresh_doc(record_id(hdr));
	/* A document new in this save has no lines to replace. */
	if (replace && !fresh) {
		if ((rc = stock_lines_of(x, le, record_id(hdr), &old,
		    &nold)) != ST_OK)
			return (rc);
		for (i = 0; i < nold && rc == ST_OK; i++)
			rc = model_delete(x, le, record_id(old[i]), 0, cause);
		stock_rows_free(old, nold);
		if (rc != ST_OK)
			return (rc);
	}
	for (i = 0; i < n; i++) {
		record_set_int(lines[i], parent, (int64_t)record_id(hdr));
		record_set_int(lines[i], dict_field_pos(le, "line"),
		    (int64_t)i + 1);
		record_clear(lines[i], FX_ID);
		record_clear(lines[i], FX_CODE);
		if ((rc = model_save(x, lines[i], 0, cause)) != ST_OK) {
			*errline = (int64_t)i + 1;
			return (rc);
		}
	}
	if (!post)
		return (ST_OK);
	if (fresh)
		return (stock_post_saved(x, record_id(hdr), lines, n, flags,
		    errline, cause));
	if (strcmp(hdr->ent->name, "stock_docs") == 0)
		return (stock_post(x, record_id(hdr), flags, errline, cause));
	return (po_send(x, record_id(hdr), cause));
}

int
doc_save(struct tx *x, struct record *hdr, uint32_t rev, int replace,
    struct record **lines, size_t n, int post, unsigned flags,
    int64_t *errline, char **cause)
{
	int	 rc;

	rc = doc_save_in(x, hdr, rev, replace, lines, n, post, flags, errline,
	    cause);
	stock_fresh(0);
	return (rc);
}

struct doc_arg {
	const struct entity_def	*e;
	char			*action;
	uint64_t		 id;
	char			*code;
	const char		*hp;		/* the header, encoded */
	size_t			 hlen;
	const msgpack_object	*lines;		/* encoded lines, or NULL */
	uint32_t		 rev;
	int			 post;
	unsigned		 flags;
	int64_t			 errline;
	/* A new document's header and lines as op_doc decoded them, before
	 * the transaction: each attempt saves copies (the save sets their
	 * ids), not a decode again in the writers' turn.  NULL: decoded in
	 * the transaction (a document saved again: its stored record may
	 * be needed to decode it, read there). */
	struct record		*hdr0;
	struct record		**ls0;
	size_t			 n0;
};

/* The request's lines, decoded afresh for each run of the transaction
 * (a run changes them: ids, resolved references). */
static int
decode_lines(struct store *st, struct tx *x, struct doc_arg *a,
    struct record ***out, size_t *n, char **cause)
{
	const struct entity_def	*le;
	size_t			 i;
	int			 parent, rc;

	*out = NULL;
	*n = 0;
	if (a->lines == NULL)
		return (ST_OK);
	le = lines_of(a->e, &parent);
	*out = xcalloc(a->lines->via.array.size + 1, sizeof **out);
	for (i = 0; i < a->lines->via.array.size; i++) {
		const msgpack_object	*l = &a->lines->via.array.ptr[i];

		if (l->type != MSGPACK_OBJECT_BIN) {
			xasprintf(cause, _("malformed line"));
			a->errline = (int64_t)i + 1;
			return (ST_INVALID);
		}
		if ((rc = req_decode(st, x, le, l->via.bin.ptr,
		    l->via.bin.size, &(*out)[i], cause)) != ST_OK) {
			a->errline = (int64_t)i + 1;
			return (rc);
		}
		(*n)++;
	}
	return (ST_OK);
}

static int
answer_doc(struct tx *x, struct wctx *w, const struct entity_def *e,
    uint64_t id)
{
	struct record	*d;
	int		 rc;

	if ((rc = tx_get(x, e, id, 0, &d)) != ST_OK)
		return (rc);
	mb_map(w->data, 4);
	mb_kint(w->data, "id", (int64_t)id);
	mb_kstr(w->data, "code", record_str(d, FX_CODE));
	mb_kint(w->data, "rev", record_rev(d));
	mb_kstr(w->data, "status", record_str(d, dict_field_pos(e, "status")));
	record_free(d);
	return (ST_OK);
}

static int
doc_tx(struct tx *x, struct wctx *w, char **cause)
{
	struct doc_arg		*a = w->arg;
	const struct entity_def	*le, *sd = dict_entity("stock_docs");
	struct value		 key;
	struct record		**ls;
	char			**codes;
	uint64_t		 id = a->id, other;
	size_t			 n, i;
	int			 parent, rc, stock = a->e == sd;

	a->errline = 0;
	if (strcmp(a->action, "save") == 0) {
		struct record	*hdr;

		if (a->hdr0 != NULL) {
			hdr = record_dup(a->hdr0);
			ls = a->ls0 == NULL ? NULL :
			    xcalloc(a->n0 + 1, sizeof *ls);
			for (n = 0; n < a->n0; n++)
				ls[n] = record_dup(a->ls0[n]);
		} else if ((rc = req_decode(NULL, x, a->e, a->hp, a->hlen,
		    &hdr, cause)) != ST_OK)
			return (rc);
		else if ((rc = decode_lines(NULL, x, a, &ls, &n, cause)) !=
		    ST_OK) {
			stock_rows_free(ls, n);
			record_free(hdr);
			return (rc);
		}
		rc = doc_save(x, hdr, a->rev, a->lines != NULL, ls, n, a->post,
		    a->flags, &a->errline, cause);
		if (rc == ST_OK)
			rc = answer_doc(x, w, a->e, record_id(hdr));
		stock_rows_free(ls, n);
		record_free(hdr);
		return (rc);
	}
	if (strcmp(a->action, "reorder") == 0) {
		if (stock) {
			xasprintf(cause, _("reorder makes purchase orders: ask "
			    "it of purchase_orders"));
			return (ST_INVALID);
		}
		if ((rc = po_reorder(x, &codes, &other, cause)) == ST_OK) {
			mb_map(w->data, 2);
			mb_kint(w->data, "made", (int64_t)other);
			mb_str(w->data, "codes");
			mb_array(w->data, (size_t)other);
			for (i = 0; i < other; i++) {
				mb_str(w->data, codes[i]);
				free(codes[i]);
			}
			free(codes);
		}
		return (rc);
	}
	if (id == 0 && a->code != NULL) {
		memset(&key, 0, sizeof key);
		key.set = 1;
		key.s = a->code;
		if ((rc = tx_find(x, a->e, FX_CODE, &key, &id)) != ST_OK) {
			if (rc == ST_NOTFOUND && stock)
				xasprintf(cause, _("no stock document with "
				    "number %s"), a->code);
			else if (rc == ST_NOTFOUND)
				xasprintf(cause, _("no purchase order with "
				    "number %s"), a->code);
			return (rc);
		}
	}
	other = id;
	if (strcmp(a->action, "post") == 0)
		rc = stock ? stock_post(x, id, a->flags, &a->errline, cause) :
		    po_send(x, id, cause);
	else if (strcmp(a->action, "reverse") == 0 && stock)
		rc = stock_reverse(x, id, &other, cause);
	else if (strcmp(a->action, "send") == 0 && !stock)
		rc = po_send(x, id, cause);
	else if (strcmp(a->action, "close") == 0 && !stock)
		rc = po_close(x, id, cause);
	else if (strcmp(a->action, "receive") == 0 && !stock) {
		rc = po_receive(x, id, &other, cause);
		return (rc == ST_OK ? answer_doc(x, w, sd, other) : rc);
	} else if (strcmp(a->action, "delete") == 0) {
		if (stock && (rc = stock_doc_deletable(x, id, cause)) !=
		    ST_OK)
			return (rc);
		le = lines_of(a->e, &parent);
		if ((rc = stock_lines_of(x, le, id, &ls, &n)) != ST_OK)
			return (rc);
		for (i = 0; i < n && rc == ST_OK; i++)
			rc = model_delete(x, le, record_id(ls[i]), 0, cause);
		stock_rows_free(ls, n);
		if (rc == ST_OK)
			rc = model_delete(x, a->e, id, 0, cause);
		if (rc == ST_OK) {
			mb_map(w->data, 1);
			mb_kint(w->data, "id", (int64_t)id);
		}
		return (rc);
	} else {
		xasprintf(cause, _("unknown action '%s' for %s"), a->action,
		    a->e->name);
		return (ST_INVALID);
	}
	if (rc == ST_OK)
		rc = answer_doc(x, w, stock && other != id ? sd : a->e, other);
	return (rc);
}

static unsigned
action_needs(const char *action, int create)
{
	if (strcmp(action, "save") == 0)
		return (create ? ACT_CREATE : ACT_EDIT);
	if (strcmp(action, "delete") == 0)
		return (ACT_DELETE);
	if (strcmp(action, "reorder") == 0)
		return (ACT_CREATE);
	return (ACT_POST);
}

/*
 * Whether the caller may do the action, checked before anything is made.
 * Receiving an order makes its receipt, a stock document: the
 * warehouse's work (who reads the order and makes stock documents), not
 * purchasing's; refused, the message says whose it is.
 */
static int
doc_allowed(struct req *r, struct doc_arg *a, char **cause)
{
	const char	*stock = dict_entity("stock_docs")->area;
	char		*who;

	/* A stock document deleted is a draft (the model refuses any
	 * other): who may edit it may drop it, as it changed nothing. */
	if (strcmp(a->action, "delete") == 0 && strcmp(a->e->name,
	    "stock_docs") == 0)
		return (allowed(r, a->e->area, ACT_EDIT, cause));
	if (strcmp(a->action, "receive") != 0 || strcmp(a->e->name,
	    "purchase_orders") != 0)
		return (allowed(r, a->e->area, action_needs(a->action,
		    a->id == 0), cause) && (!a->post || allowed(r,
		    a->e->area, ACT_POST, cause)));
	if (!allowed(r, a->e->area, ACT_VIEW, cause))
		return (0);
	if (allowed(r, stock, ACT_CREATE, cause))
		return (1);
	free(*cause);
	who = auth_who_may(stock, ACT_CREATE);
	xasprintf(cause, _("%s: goods are received by the roles %s, not "
	    "yours"), a->code != NULL ? a->code : "?", who);
	free(who);
	return (0);
}

int
op_doc(struct req *r, struct msgb *data, char **cause)
{
	struct doc_arg		 a;
	struct record		*hdr, **ls;
	size_t			 n;
	int			 rc = 0;

	memset(&a, 0, sizeof a);
	if ((a.e = req_entity(r, cause)) == NULL)
		return (EX_DATAERR);
	if (strcmp(a.e->name, "stock_docs") != 0 &&
	    strcmp(a.e->name, "purchase_orders") != 0) {
		xasprintf(cause, _("%s are not documents"), a.e->name);
		return (EX_DATAERR);
	}
	if ((a.action = mobj_strdup(r->o, "action")) == NULL)
		a.action = xstrdup("save");
	a.id = (uint64_t)mobj_int(r->o, "id", 0);
	a.code = mobj_strdup(r->o, "code");
	a.rev = (uint32_t)mobj_int(r->o, "rev", 0);
	a.post = mobj_int(r->o, "post", 0) != 0;
	a.flags = mobj_int(r->o, "over", 0) ? POST_OVER : 0;
	if (strcmp(a.action, "save") == 0) {
		if (mobj_bin(r->o, "rec", &a.hp, &a.hlen) != 0) {
			xasprintf(cause, _("no document sent"));
			rc = EX_DATAERR;
			goto out;
		}
		if ((rc = req_decode(server_store(r->c->srv), NULL, a.e, a.hp,
		    a.hlen, &hdr, cause)) != ST_OK) {
			rc = st_exit(rc);
			goto out;
		}
		a.id = record_id(hdr);
		a.lines = mobj_get(r->o, "lines");
		if (a.lines != NULL && a.lines->type != MSGPACK_OBJECT_ARRAY)
			a.lines = NULL;
		/* Malformed lines are refused before any transaction. */
		rc = decode_lines(server_store(r->c->srv), NULL, &a, &ls, &n,
		    cause);
		if (rc != ST_OK) {
			stock_rows_free(ls, n);
			record_free(hdr);
			mb_map(data, 1);
			mb_kint(data, "line", a.errline);
			rc = st_exit(rc);
			goto out;
		}
		if (a.id == 0) {
			a.hdr0 = hdr;
			a.ls0 = ls;
			a.n0 = n;
		} else {
			stock_rows_free(ls, n);
			record_free(hdr);
		}
	}
	if (!doc_allowed(r, &a, cause)) {
		rc = EX_NOPERM;
		goto out;
	}
	rc = run_write(r, data, doc_tx, &a, cause);
	if (rc != ST_OK && a.errline != 0) {
		mb_reset(data);
		mb_map(data, 1);
		mb_kint(data, "line", a.errline);
	}
	if (rc == ST_OK)
		log_info("%s: %s %s %s", a.e->name, r->c->login, a.action,
		    a.code != NULL ? a.code : "");
	rc = st_exit(rc);
out:
	stock_rows_free(a.ls0, a.n0);
	record_free(a.hdr0);
	free(a.action);
	free(a.code);
	return (rc);
}

/* --- a scanned or typed code to a product ---------------------------------- */

int
op_find_product(struct req *r, struct msgb *data, char **cause)
{
	struct record	*p;
	int64_t		 pack;
	const char	*via;
	char		*term;
	int		 rc;

	if (!allowed(r, dict_entity("products")->area, ACT_VIEW, cause))
		return (EX_NOPERM);
	if ((term = mobj_strdup(r->o, "term")) == NULL || *term == '\0') {
		free(term);
		xasprintf(cause, _("a barcode or SKU is required"));
		return (EX_DATAERR);
	}
	rc = catalog_find_product(server_store(r->c->srv), term, &p, &pack,
	    &via);
	if (rc != ST_OK) {
		if (rc == ST_NOTFOUND && digits_only(term))
			xasprintf(cause, _("unknown barcode %s: no product has "
			    "it"), term);
		else if (rc == ST_NOTFOUND)
			xasprintf(cause, _("unknown SKU %s: no product has it"),
			    term);
		free(term);
		return (st_exit(rc));
	}
	free(term);
	mb_map(data, 3);
	mb_str(data, "rec");
	pack_record(data, p);
	mb_kint(data, "pack_qty", pack);
	mb_kstr(data, "via", via);
	record_free(p);
	return (0);
}

/* --- the lots of a product at a warehouse ------------------------------------ */

struct lots_arg {
	uint64_t		 pid, wid;
	struct stock_lot	*v;
	size_t			 n;
	char			*wh;		/* the warehouse's code */
};

static int
lots_tx(struct tx *x, void *arg, char **cause)
{
	struct lots_arg	*a = arg;
	struct record	*w;
	int		 rc;

	stock_lots_free(a->v, a->n);
	a->v = NULL;
	a->n = 0;
	free(a->wh);
	a->wh = NULL;
	if ((rc = tx_get(x, dict_entity("warehouses"), a->wid, 0, &w)) !=
	    ST_OK) {
		if (rc == ST_NOTFOUND)
			xasprintf(cause, _("warehouse %llu does not exist"),
			    (unsigned long long)a->wid);
		return (rc == ST_NOTFOUND ? ST_INVALID : rc);
	}
	a->wh = xstrdup(record_str(w, FX_CODE));
	record_free(w);
	return (stock_lots(x, a->pid, a->wid, &a->v, &a->n));
}

/*
 * The lots of a product at a warehouse with something left, first to
 * expire first (stock_lots): what the scanning screen offers when a
 * product kept by lots is shipped.  {product, warehouse} -> {warehouse:
 * its code, lots: [[lot, qty, expiry], ...]}.
 */
int
op_lots(struct req *r, struct msgb *data, char **cause)
{
	struct lots_arg	 a;
	size_t		 i;
	int		 rc;

	if (!allowed(r, dict_entity("stock_moves")->area, ACT_VIEW, cause))
		return (EX_NOPERM);
	memset(&a, 0, sizeof a);
	a.pid = (uint64_t)mobj_int(r->o, "product", 0);
	a.wid = (uint64_t)mobj_int(r->o, "warehouse", 0);
	rc = store_run(server_store(r->c->srv), r->c->login, r->c->tty,
	    lots_tx, &a, cause);
	if (rc == ST_OK) {
		mb_map(data, 2);
		mb_kstr(data, "warehouse", a.wh);
		mb_str(data, "lots");
		mb_array(data, a.n);
		for (i = 0; i < a.n; i++) {
			mb_array(data, 3);
			mb_str(data, a.v[i].lot);
			mb_int(data, a.v[i].qty);
			mb_int(data, a.v[i].expiry);
		}
	}
	stock_lots_free(a.v, a.n);
	free(a.wh);
	return (st_exit(rc));
}
