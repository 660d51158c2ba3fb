/*
 * Sales documents over the wire (op "sales"): a quote, order, shipment or
 * return saved with its lines in one transaction, and the actions on
 * one (post: confirm an order, post a shipment or return, send a quote;
 * cancel, close, ship, return, the quote's accept, reject, expire and
 * order, delete); and what the order-entry screen asks as a line is
 * typed (op "sales_price": the price, the amounts, a price under cost,
 * the stock available).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "auth.h"
#include "db/store.h"
#include "dict/dict.h"
#include "dict/norm.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "log.h"
#include "model/model.h"
#include "model/sales.h"
#include "model/stock.h"
#include "proto.h"
#include "server/req.h"
#include "server/server.h"
#include "xmalloc.h"

struct sales_arg {
	enum sales_kind		 k;
	char			*action;
	uint64_t		 id;
	char			*code;
	const char		*hp;		/* save: the header, encoded */
	size_t			 hlen;
	const msgpack_object	*lines;
	uint32_t		 rev;
	unsigned		 flags;
	char			*sku;		/* return */
	int64_t			 qty;
	char			*lot;
	char			*reason;
	int			 draft;
	int			 post;		/* save: and post */
	int64_t			 errline;
	/* The header answer() read (its id, 0: none, and its number), so
	 * still_numbered() need not read it again. */
	uint64_t		 seen_id;
	char			 seen_code[64];
};

static int
answer(struct tx *x, struct wctx *w, enum sales_kind k, uint64_t id)
{
	struct sales_arg	*a = w->arg;
	const struct entity_def	*e = sales_header(k);
	struct record		*d;
	int			 rc;

	if ((rc = tx_get(x, e, id, 0, &d)) != ST_OK)
		return (rc);
	mb_map(w->data, 6);
	mb_kstr(w->data, "entity", e->name);
	mb_kint(w->data, "id", (int64_t)id);
	mb_kstr(w->data, "code", record_str(d, FX_CODE));
	mb_kint(w->data, "rev", record_rev(d));
	mb_kstr(w->data, "status", record_str(d, dict_field_pos(e, "status")));
	mb_kint(w->data, "gross", record_int(d, dict_field_pos(e, "gross")));
	if (a->code != NULL && k == a->k && record_str(d, FX_CODE) != NULL &&
	    strlen(record_str(d, FX_CODE)) < sizeof a->seen_code) {
		a->seen_id = id;
		snprintf(a->seen_code, sizeof a->seen_code, "%s",
		    record_str(d, FX_CODE));
	}
	record_free(d);
	return (ST_OK);
}

/* The save's lines, decoded afresh for each run of the transaction. */
static int
decode_lines(struct store *st, struct tx *x, struct sales_arg *a,
    struct record ***out, size_t *n, char **cause)
{
	size_t	 i;
	int	 rc;

	*out = NULL;
	*n = 0;
	if (a->lines == NULL)
		return (ST_OK);
	*out = xcalloc(a->lines->via.array.size + 1, sizeof **out);
	for (i = 0; i < a->lines->via.array.size; i++) {
		const msgpack_object	*l = &a->lines->via.array.ptr[i];

		if (l->type != MSGPACK_OBJECT_BIN) {
			xasprintf(cause, _("malformed line"));
			a->errline = (int64_t)i + 1;
			return (ST_INVALID);
		}
		if ((rc = req_decode(st, x, sales_lines(a->k), l->via.bin.ptr,
		    l->via.bin.size, &(*out)[i], cause)) != ST_OK) {
			a->errline = (int64_t)i + 1;
			return (rc);
		}
		(*n)++;
	}
	return (ST_OK);
}

/* A product by SKU or barcode. */
static int
find_product(struct tx *x, const char *term, uint64_t *id, char **cause)
{
	const struct entity_def	*pe = dict_entity("products");
	struct value		 v;
	int			 rc;

	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)term;
	rc = tx_find(x, pe, FX_CODE, &v, id);
	if (rc == ST_NOTFOUND)
		rc = tx_find(x, pe, dict_field_pos(pe, "barcode"), &v, id);
	if (rc == ST_NOTFOUND) {
		/* A missing record: exit 66, as the man page says. */
		xasprintf(cause, _("unknown SKU %s: no product has it"), term);
		return (ST_NOTFOUND);
	}
	return (rc);
}

/* Post the document id: confirm an order, post a shipment or a return,
 * send a quote. */
static int
sales_post(struct tx *x, struct sales_arg *a, uint64_t id, char **cause)
{
	uint64_t	 made = 0;

	switch (a->k) {
	case SALES_ORDER:
		return (so_confirm(x, id, a->flags, &a->errline, cause));
	case SALES_INVOICE:
		xasprintf(cause, _("an invoice is not posted: it is paid "
		    "(kontor pay)"));
		return (ST_INVALID);
	case SALES_SHIPMENT:
		return (shipment_post(x, id, a->flags, &a->errline, cause));
	case SALES_RETURN:
		return (return_post(x, id, &a->errline, cause));
	default:
		return (quote_action(x, id, "send", 0, &made, cause));
	}
}

/*
 * Whether document id still holds number key (the record as the action
 * left it, write-locked by it).  A request names a document by its
 * number, looked up before the action without keeping a lock
 * (tx_find_loose): through tx_find the index's page and the record's
 * stayed read-locked, and two requests for documents on one page
 * deadlocked, each wanting the write lock the other's read lock held
 * off (at 32 clients, two deadlocks in three).  Locking the record at
 * the look-up instead would take its page before the series counter a
 * shipment is numbered with (ship_make), and deadlock there.  A draft
 * renumbered or deleted between the look-up and the action is caught
 * here, and the request runs again.
 */
static int
still_numbered(struct tx *x, const struct sales_arg *a,
    const struct entity_def *he, uint64_t id, const struct value *key)
{
	const struct field_def	*f = &he->fields[FX_CODE];
	struct record		*r = NULL;
	struct value		 seen;
	const struct value	*v;
	unsigned char		*want, *have;
	size_t			 wlen, hlen;
	int			 same;

	/* The answer read it in this transaction, after the action. */
	if (a->seen_id == id) {
		memset(&seen, 0, sizeof seen);
		seen.set = 1;
		seen.s = (char *)a->seen_code;
		v = &seen;
	} else {
		if (tx_get(x, he, id, 0, &r) != ST_OK)
			return (0);
		v = &r->v[FX_CODE];
	}
	/* The index's key of either, as the look-up compared them. */
	want = norm_key(f, key, &wlen);
	have = norm_key(f, v, &hlen);
	same = want != NULL && have != NULL && wlen == hlen &&
	    memcmp(want, have, wlen) == 0;
	free(want);
	free(have);
	record_free(r);
	return (same);
}

static int	sales_act(struct tx *, struct wctx *, uint64_t, char **);

static int
sales_tx(struct tx *x, struct wctx *w, char **cause)
{
	struct sales_arg	*a = w->arg;
	const struct entity_def	*he = sales_header(a->k);
	struct record		*hdr, **ls = NULL;
	struct value		 key;
	uint64_t		 id = a->id;
	size_t			 n = 0, i;
	int			 rc;

	a->errline = 0;
	a->seen_id = 0;
	if (strcmp(a->action, "save") == 0) {
		if ((rc = req_decode(NULL, x, he, a->hp, a->hlen, &hdr,
		    cause)) != ST_OK)
			return (rc);
		rc = decode_lines(NULL, x, a, &ls, &n, cause);
		/*
		 * Saved and posted in one transaction (the scanning
		 * screens' post key, the order screen's confirm): a refusal
		 * leaves nothing saved.  An order with its lines is
		 * confirmed in memory, each record written once, the header
		 * last with its final status (so_save_confirm), not saved as
		 * a draft to be read back and written again.
		 */
		if (rc == ST_OK && a->post && a->k == SALES_ORDER &&
		    a->lines != NULL)
			rc = so_save_confirm(x, hdr, a->rev, ls, n,
			    a->flags & POST_CREDIT, &a->errline, cause);
		else {
			if (rc == ST_OK)
				rc = sales_save(x, hdr, a->rev,
				    a->lines != NULL, ls, n, &a->errline,
				    cause);
			if (rc == ST_OK && a->post)
				rc = sales_post(x, a, record_id(hdr), cause);
		}
		if (rc == ST_OK)
			rc = answer(x, w, a->k, record_id(hdr));
		for (i = 0; i < n; i++)
			record_free(ls[i]);
		free(ls);
		record_free(hdr);
		return (rc);
	}
	if (id == 0 && a->code != NULL) {
		memset(&key, 0, sizeof key);
		key.set = 1;
		key.s = a->code;
		/* A deletion is checked before: the record is gone after. */
		if (strcmp(a->action, "delete") == 0)
			rc = tx_find(x, he, FX_CODE, &key, &id);
		else
			rc = tx_find_loose(x, he, FX_CODE, &key, &id);
		if (rc != ST_OK) {
			if (rc == ST_NOTFOUND)
				xasprintf(cause, _("no %s with number %s"),
				    model_ent_word(he), a->code);
			return (rc);
		}
		if (strcmp(a->action, "delete") == 0)
			return (sales_act(x, w, id, cause));
		rc = sales_act(x, w, id, cause);
		/* A disk or database failure is said as it is, not
		 * taken for a renumbered document. */
		if (rc != ST_DEADLOCK && rc != ST_BUSY && rc != ST_FULL &&
		    rc != ST_ERR && !still_numbered(x, a, he, id, &key)) {
			free(*cause);
			*cause = NULL;
			rc = ST_DEADLOCK;
		}
		return (rc);
	}
	return (sales_act(x, w, id, cause));
}

/* Action a->action on document id (not save). */
static int
sales_act(struct tx *x, struct wctx *w, uint64_t id, char **cause)
{
	struct sales_arg	*a = w->arg;
	const struct entity_def	*he = sales_header(a->k);
	uint64_t		 made = 0, pid;
	int			 rc;

	if (strcmp(a->action, "post") == 0)
		rc = sales_post(x, a, id, cause);
	else if (strcmp(a->action, "reverse") == 0) {
		/* kontor reverse of a sales document: found, so say what
		 * undoes it (it said there was no stock document). */
		const char	*c = a->code != NULL ? a->code : "?";

		if (a->k == SALES_SHIPMENT)
			xasprintf(cause, _("%s is a shipment: it is not "
			    "reversed; what comes back is a return (kontor "
			    "return %s --sku SKU --quantity N)"), c, c);
		else
			xasprintf(cause, _("%s is not a stock document: it is "
			    "not reversed"), c);
		return (ST_INVALID);
	} else if (strcmp(a->action, "cancel") == 0 && a->k == SALES_ORDER)
		rc = so_cancel(x, id, cause);
	else if (strcmp(a->action, "cancel") == 0 && a->k == SALES_INVOICE)
		rc = invoice_cancel(x, id, cause);
	else if (strcmp(a->action, "invoice") == 0 && a->k == SALES_ORDER) {
		if ((rc = invoice_make(x, id, &made, cause)) == ST_OK)
			return (answer(x, w, SALES_INVOICE, made));
		return (rc);
	}
	else if (strcmp(a->action, "close") == 0 && a->k == SALES_ORDER)
		rc = so_close(x, id, cause);
	else if (strcmp(a->action, "ship") == 0 && a->k == SALES_ORDER) {
		/* post: shipped and posted in one transaction. */
		if ((rc = a->post ? so_ship_post(x, id, a->flags, &made,
		    &a->errline, cause) : so_ship(x, id, &made, cause)) ==
		    ST_OK)
			return (answer(x, w, SALES_SHIPMENT, made));
		return (rc);
	} else if (strcmp(a->action, "return") == 0 &&
	    a->k == SALES_SHIPMENT) {
		if (a->sku == NULL || a->qty <= 0) {
			xasprintf(cause, _("a return names the product (sku) "
			    "and a quantity more than 0"));
			return (ST_INVALID);
		}
		if ((rc = find_product(x, a->sku, &pid, cause)) != ST_OK)
			return (rc);
		if ((rc = return_make(x, id, pid, a->qty, a->lot, a->reason,
		    a->draft, &made, &a->errline, cause)) == ST_OK)
			return (answer(x, w, SALES_RETURN, made));
		return (rc);
	} else if (a->k == SALES_QUOTE && (strcmp(a->action, "send") == 0 ||
	    strcmp(a->action, "accept") == 0 ||
	    strcmp(a->action, "reject") == 0 ||
	    strcmp(a->action, "expire") == 0 ||
	    strcmp(a->action, "order") == 0)) {
		rc = quote_action(x, id, a->action, a->flags, &made, cause);
		if (rc == ST_OK && made != 0)
			return (answer(x, w, SALES_ORDER, made));
	} else if (strcmp(a->action, "delete") == 0) {
		if ((rc = sales_delete(x, a->k, id, cause)) == ST_OK) {
			mb_map(w->data, 1);
			mb_kint(w->data, "id", (int64_t)id);
		}
		return (rc);
	} else {
		xasprintf(cause, _("unknown action '%s' for %s"), a->action,
		    he->name);
		return (ST_INVALID);
	}
	if (rc == ST_OK)
		rc = answer(x, w, a->k, id);
	return (rc);
}

/* What an action needs, and in which area: the shipping area's for
 * what moves goods, the document's own otherwise. */
static int
sales_allowed(struct req *r, struct sales_arg *a, char **cause)
{
	const char	*ship = sales_header(SALES_SHIPMENT)->area;
	const char	*own = sales_header(a->k)->area;
	const char	*act = a->action;

	if (strcmp(act, "delete") == 0)
		return (allowed(r, own, ACT_DELETE, cause));
	/* An order's invoice is made by who makes invoices. */
	if (strcmp(act, "invoice") == 0)
		return (allowed(r, sales_header(SALES_INVOICE)->area,
		    ACT_CREATE, cause));
	/* Past credit control: a manager's word, which the order keeps
	 * (confirmed alone, or saved and confirmed in one request). */
	if ((a->flags & POST_CREDIT) && !(r->c->roles & (ROLE_MANAGER |
	    ROLE_ADMIN))) {
		xasprintf(cause, _("only a manager may confirm an order past "
		    "credit control"));
		return (0);
	}
	if (strcmp(act, "save") == 0)
		return (allowed(r, own, a->id == 0 ? ACT_CREATE : ACT_EDIT,
		    cause) && (!a->post || allowed(r, own, ACT_POST, cause)));
	if (strcmp(act, "ship") == 0)
		return (allowed(r, ship, ACT_CREATE, cause) &&
		    (!a->post || allowed(r, ship, ACT_POST, cause)));
	if (strcmp(act, "return") == 0)
		return (allowed(r, ship, ACT_CREATE, cause) &&
		    (a->draft || allowed(r, ship, ACT_POST, cause)));
	return (allowed(r, own, ACT_POST, cause));
}

int
op_sales(struct req *r, struct msgb *data, char **cause)
{
	struct sales_arg	 a;
	struct record		*hdr, **ls;
	char			*ent;
	size_t			 n, i;
	int			 rc = 0;

	memset(&a, 0, sizeof a);
	a.k = SALES_NONE;
	a.code = mobj_strdup(r->o, "code");
	if ((ent = mobj_strdup(r->o, "entity")) != NULL) {
		if (dict_entity(ent) != NULL)
			a.k = sales_kind_of(dict_entity(ent));
		if (a.k == SALES_NONE || dict_entity(ent) != sales_header(a.k))
			a.k = SALES_NONE;
	} else if (a.code != NULL)
		a.k = sales_kind_of_code(a.code);
	if (a.k == SALES_NONE) {
		xasprintf(cause, _("not a sales document: %s"), ent != NULL ?
		    ent : a.code != NULL ? a.code : "?");
		free(ent);
		free(a.code);
		return (EX_DATAERR);
	}
	free(ent);
	if ((a.action = mobj_strdup(r->o, "action")) == NULL)
		a.action = xstrdup("save");
	a.id = (uint64_t)mobj_int(r->o, "id", 0);
	a.rev = (uint32_t)mobj_int(r->o, "rev", 0);
	a.flags = mobj_int(r->o, "over", 0) ? POST_OVER : 0;
	if (mobj_int(r->o, "override", 0))
		a.flags |= POST_CREDIT;
	/* The order screen's second try, a manager past credit control. */
	if (strcmp(a.action, "confirm_override") == 0) {
		free(a.action);
		a.action = xstrdup("post");
		a.flags |= POST_CREDIT;
	}
	a.sku = mobj_strdup(r->o, "sku");
	a.qty = mobj_int(r->o, "qty", 0);
	a.lot = mobj_strdup(r->o, "lot");
	a.reason = mobj_strdup(r->o, "reason");
	a.draft = mobj_int(r->o, "draft", 0) != 0;
	a.post = mobj_int(r->o, "post", 0) != 0;
	if (strcmp(a.action, "save") == 0) {
		if (mobj_bin(r->o, "rec", &a.hp, &a.hlen) != 0) {
			xasprintf(cause, _("no document sent"));
			rc = EX_DATAERR;
			goto out;
		}
		if ((rc = req_decode(server_store(r->c->srv), NULL,
		    sales_header(a.k), a.hp, a.hlen, &hdr, cause)) != ST_OK) {
			rc = st_exit(rc);
			goto out;
		}
		a.id = record_id(hdr);
		record_free(hdr);
		a.lines = mobj_get(r->o, "lines");
		if (a.lines != NULL && a.lines->type != MSGPACK_OBJECT_ARRAY)
			a.lines = NULL;
		rc = decode_lines(server_store(r->c->srv), NULL, &a, &ls, &n,
		    cause);
		for (i = 0; i < n; i++)
			record_free(ls[i]);
		free(ls);
		if (rc != ST_OK) {
			mb_map(data, 1);
			mb_kint(data, "line", a.errline);
			rc = st_exit(rc);
			goto out;
		}
	}
	if (!sales_allowed(r, &a, cause)) {
		rc = EX_NOPERM;
		goto out;
	}
	rc = run_write(r, data, sales_tx, &a, cause);
	if (rc != ST_OK && a.errline != 0) {
		mb_reset(data);
		mb_map(data, 1);
		mb_kint(data, "line", a.errline);
	}
	if (rc == ST_OK)
		log_info("sales: %s %s %s", r->c->login, a.action,
		    a.code != NULL ? a.code : "");
	rc = st_exit(rc);
out:
	free(a.action);
	free(a.code);
	free(a.sku);
	free(a.lot);
	free(a.reason);
	return (rc);
}

/* --- a line as it is typed ----------------------------------------------- */

struct price_arg {
	struct sales_price_query	 q;
	struct sales_price		 p;
};

static int
price_tx(struct tx *x, void *arg, char **cause)
{
	struct price_arg	*a = arg;

	return (sales_price(x, &a->q, &a->p, cause));
}

int
op_sales_price(struct req *r, struct msgb *data, char **cause)
{
	struct price_arg	 a;
	int			 rc;

	if (!allowed(r, sales_header(SALES_ORDER)->area, ACT_VIEW, cause))
		return (EX_NOPERM);
	memset(&a, 0, sizeof a);
	a.q.customer = (uint64_t)mobj_int(r->o, "customer", 0);
	a.q.product = (uint64_t)mobj_int(r->o, "product", 0);
	a.q.warehouse = (uint64_t)mobj_int(r->o, "warehouse", 0);
	a.q.date = mobj_int(r->o, "date", 0);
	a.q.qty = mobj_int(r->o, "qty", 1000);
	a.q.typed_price = mobj_int(r->o, "price", -1);
	a.q.typed_discount = mobj_int(r->o, "discount", -1);
	a.q.vat_included = (int)mobj_int(r->o, "vat_included", -1);
	rc = store_run(server_store(r->c->srv), r->c->login, r->c->tty,
	    price_tx, &a, cause);
	if (rc != ST_OK)
		return (st_exit(rc));
	mb_map(data, 13);
	mb_kint(data, "price", a.p.r.price);
	mb_kint(data, "discount", a.p.r.discount);
	mb_kint(data, "source", a.p.r.source);
	mb_kbool(data, "below_cost", a.p.r.below_cost);
	mb_kint(data, "rate", a.p.rate);
	mb_kbool(data, "vat_included", a.p.vat_included);
	mb_kint(data, "net", a.p.r.line.net);
	mb_kint(data, "vat", a.p.r.line.vat);
	mb_kint(data, "gross", a.p.r.line.gross);
	mb_kint(data, "cost", a.p.cost);
	mb_kint(data, "on_hand", a.p.on_hand);
	mb_kint(data, "available", a.p.available);
	mb_kint(data, "atp", a.p.atp);
	return (0);
}
