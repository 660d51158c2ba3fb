/*
 * Money over the wire (op "money"):
 *	pay	post one payment: amount, date, account (code or number; the
 *		firm's default or its only bank account when not given), the
 *		counterparty (code or INN; from the document when not given),
 *		direction (from the document when not given), document,
 *		purpose, bank_number
 *	import	rows of payments (each as pay's, with its file line), all in
 *		one transaction: all or nothing; dry_run checks and rolls
 *		back; with skip_unmatched a row whose counterparty is unknown
 *		is left out and listed instead of refusing the file
 *	cancel	reverse the payment numbered code
 *	balance	a counterparty's balance and open documents (code or INN),
 *		as of a date (as_of: its history then); read, never
 *		locked; a sales clerk's own customers only
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "auth.h"
#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "log.h"
#include "model/model.h"
#include "model/money.h"
#include "model/stock.h"
#include "proto.h"
#include "server/req.h"
#include "server/server.h"
#include "xmalloc.h"

struct money_arg {
	char			*action;
	const msgpack_object	*one;		/* pay's, balance's fields */
	const msgpack_object	*rows;		/* import's */
	int			 dry_run;
	int			 skip;
	int64_t			 errline;
};

/* A record of e by code, else by the indexed field alt (INN, number);
 * an INN several share is refused naming them (ST_INVALID, *cause). */
static int
find_by(struct tx *x, const struct entity_def *e, const char *alt,
    const char *s, uint64_t *id, char **cause)
{
	struct value	 v;
	char		*u, *c;
	int		 rc;

	memset(&v, 0, sizeof v);
	v.set = 1;
	u = xstrdup(s);
	for (c = u; *c != '\0'; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	v.s = u;
	rc = tx_find(x, e, FX_CODE, &v, id);
	free(u);
	if (rc == ST_NOTFOUND && alt != NULL && strcmp(alt, "inn") == 0)
		rc = party_find_inn(x, e, s, id, cause);
	else if (rc == ST_NOTFOUND && alt != NULL) {
		v.s = (char *)s;
		rc = tx_find(x, e, dict_field_pos(e, alt), &v, id);
	}
	return (rc);
}

struct acct_pick {
	const struct entity_def	*e;
	uint64_t		 id;
	int			 n;
	struct buf		 codes;
};

static int
acct_one(const struct record *r, void *arg)
{
	struct acct_pick	*a = arg;

	if (record_int(r, dict_field_pos(a->e, "inactive")))
		return (0);
	if (a->codes.len > 0)
		buf_adds(&a->codes, ", ");
	buf_adds(&a->codes, record_str(r, FX_CODE));
	if (strcmp(record_str(r, dict_field_pos(a->e, "kind")), "bank") == 0) {
		a->id = record_id(r);
		a->n++;
	}
	return (0);
}

/* The account a payment names, or the firm's default, or its only bank
 * account. */
static int
pick_account(struct tx *x, const char *s, uint64_t *id, char **cause)
{
	const struct entity_def	*ae = dict_entity("accounts");
	const struct entity_def	*ce = dict_entity("company");
	struct acct_pick	 a;
	struct record		*co;
	struct value		 v;
	uint64_t		 cid;
	int			 rc;

	if (s != NULL && *s != '\0') {
		rc = find_by(x, ae, "number", s, id, cause);
		if (rc == ST_NOTFOUND)
			xasprintf(cause, _("column 'account': no account with "
			    "code or number %s"), s);
		return (rc == ST_NOTFOUND ? ST_INVALID : rc);
	}
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)"OWN";
	if (tx_find(x, ce, FX_CODE, &v, &cid) == ST_OK &&
	    tx_get(x, ce, cid, 0, &co) == ST_OK) {
		*id = (uint64_t)record_int(co, dict_field_pos(ce, "account"));
		record_free(co);
		if (*id != 0)
			return (ST_OK);
	}
	memset(&a, 0, sizeof a);
	a.e = ae;
	if ((rc = tx_each(x, ae, acct_one, &a)) != ST_OK) {
		buf_free(&a.codes);
		return (rc);
	}
	if (a.n == 1) {
		*id = a.id;
		buf_free(&a.codes);
		return (ST_OK);
	}
	buf_addc(&a.codes, '\0');
	xasprintf(cause, _("column 'account': which account? (%s)"),
	    a.codes.len > 1 ? a.codes.data : _("there are none yet"));
	buf_free(&a.codes);
	return (ST_INVALID);
}

/* Whether a document number is the firm's to pay (a supplier's). */
static int
doc_is_out(const char *doc)
{
	return (doc != NULL && (strncasecmp(doc, "PO-", 3) == 0 ||
	    strncasecmp(doc, "RCP-", 4) == 0));
}

/* The counterparty of the first document named. */
static int
party_of_doc(struct tx *x, const char *doc, int out, uint64_t *id)
{
	static const struct {
		const char	*prefix, *entity, *field;
	} t[] = {
		{ "INV-", "invoices", "customer" },
		{ "SO-", "sales_orders", "customer" },
		{ "SHP-", "shipments", "customer" },
		{ "PO-", "purchase_orders", "supplier" },
		{ "RCP-", "stock_docs", "supplier" },
	};
	const struct entity_def	*e;
	struct record		*r;
	char			 code[64];
	uint64_t		 did;
	size_t			 i, n;
	int			 rc;

	(void)out;
	n = strcspn(doc, " ,;:");
	snprintf(code, sizeof code, "%.*s", (int)n, doc);
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		if (strncasecmp(code, t[i].prefix, strlen(t[i].prefix)) != 0)
			continue;
		e = dict_entity(t[i].entity);
		if ((rc = find_by(x, e, NULL, code, &did, NULL)) != ST_OK)
			return (rc);
		if ((rc = tx_get(x, e, did, 0, &r)) != ST_OK)
			return (rc);
		*id = (uint64_t)record_int(r, dict_field_pos(e, t[i].field));
		record_free(r);
		return (*id != 0 ? ST_OK : ST_NOTFOUND);
	}
	return (ST_NOTFOUND);
}

/*
 * A payment from its fields; *unmatched when its counterparty is not
 * known (the rest of the refusal in *cause).  A counterparty or document
 * named that does not exist is ST_NOTFOUND, as kontor pay exits for a
 * record that is not there; a file's row turns it into bad data.
 */
static int
pay_one(struct tx *x, const msgpack_object *o, struct msgb *out,
    int *unmatched, int *dup, char **cause)
{
	struct money_payment	 mp;
	const struct entity_def	*pe = dict_entity("payments");
	char			*dir, *party, *acct, *doc, *purpose, *bankno;
	char			*source, *code = NULL, *other = NULL;
	uint64_t		 id, pid;
	int			 rc;
	struct record		*p;

	*unmatched = 0;
	memset(&mp, 0, sizeof mp);
	dir = mobj_strdup(o, "direction");
	party = mobj_strdup(o, "party");
	acct = mobj_strdup(o, "account");
	doc = mobj_strdup(o, "document");
	purpose = mobj_strdup(o, "purpose");
	bankno = mobj_strdup(o, "bank_number");
	source = mobj_strdup(o, "source");
	mp.amount = mobj_int(o, "amount", 0);
	mp.date = mobj_int(o, "date", 0);
	mp.document = doc;
	mp.purpose = purpose;
	mp.bank_number = bankno;
	mp.source = source;
	if (dir != NULL && *dir != '\0') {
		if (strcmp(dir, "in") != 0 && strcmp(dir, "out") != 0) {
			xasprintf(cause, _("column 'direction': in or out "
			    "expected, got %s"), dir);
			rc = ST_INVALID;
			goto out;
		}
		mp.out = strcmp(dir, "out") == 0;
	} else
		mp.out = doc_is_out(doc);
	if (party != NULL && *party != '\0') {
		rc = find_by(x, dict_entity(mp.out ? "suppliers" :
		    "customers"), "inn", party, &pid, cause);
		if (rc == ST_NOTFOUND) {
			*unmatched = 1;
			/* The other side's code: the direction is wrong,
			 * say so rather than that it is unknown. */
			if (find_by(x, dict_entity(mp.out ? "customers" :
			    "suppliers"), "inn", party, &pid, &other) ==
			    ST_OK) {
				xasprintf(cause, mp.out ? _("column "
				    "'counterparty': %s is a customer; a "
				    "payment from a customer comes in "
				    "(direction in)") : _("column "
				    "'counterparty': %s is a supplier; a "
				    "payment to a supplier goes out (direction "
				    "out, kontor pay --out)"), party);
				rc = ST_INVALID;
			} else {
				/* A record named that is not there: 66 for
				 * kontor pay, a file's row makes it 65. */
				xasprintf(cause, mp.out ? _("column "
				    "'counterparty': no supplier with code or "
				    "INN %s") : _("column 'counterparty': no "
				    "customer with code or INN %s"), party);
				rc = ST_NOTFOUND;
			}
			free(other);
			goto out;
		}
	} else if (doc != NULL && *doc != '\0') {
		rc = party_of_doc(x, doc, mp.out, &pid);
		if (rc == ST_NOTFOUND)
			xasprintf(cause, _("column 'document': no document "
			    "numbered %s"), doc);
	} else {
		xasprintf(cause, _("column 'counterparty': a value is "
		    "required"));
		rc = ST_INVALID;
	}
	if (rc != ST_OK)
		goto out;
	if (mp.out)
		mp.supplier = pid;
	else
		mp.customer = pid;
	if ((rc = pick_account(x, acct, &mp.account, cause)) != ST_OK)
		goto out;
	if ((rc = money_pay(x, &mp, &id, dup, cause)) != ST_OK)
		goto out;
	if ((rc = tx_get(x, pe, id, 0, &p)) != ST_OK)
		goto out;
	code = xstrdup(record_str(p, FX_CODE));
	if (out != NULL) {
		mb_map(out, 6);
		mb_kstr(out, "code", code);
		mb_kbool(out, "dup", *dup);
		mb_kint(out, "amount", record_int(p, dict_field_pos(pe,
		    "amount")));
		mb_kint(out, "settled", record_int(p, dict_field_pos(pe,
		    "allocated")));
		mb_kint(out, "advance", record_int(p, dict_field_pos(pe,
		    "advance")));
		mb_kint(out, "applied", record_int(p, dict_field_pos(pe,
		    "applied")));
	}
	record_free(p);
out:
	free(code);
	free(dir);
	free(party);
	free(acct);
	free(doc);
	free(purpose);
	free(bankno);
	free(source);
	return (rc);
}

static int
import_tx(struct tx *x, struct wctx *w, struct money_arg *a, char **cause)
{
	struct msgb	 res;
	size_t		 i, n = a->rows->via.array.size;
	int64_t		 made = 0, dups = 0, skipped = 0, total = 0;
	int		 rc = ST_OK, unmatched, dup;

	mb_init(&res);
	mb_array(&res, n);
	for (i = 0; i < n; i++) {
		const msgpack_object	*o = &a->rows->via.array.ptr[i];
		int64_t			 line = mobj_int(o, "line",
					    (int64_t)i + 1);

		mb_map(&res, 3);
		mb_kint(&res, "line", line);
		rc = pay_one(x, o, NULL, &unmatched, &dup, cause);
		if (rc == ST_NOTFOUND)
			rc = ST_INVALID;	/* a row of a file: 65 */
		if (rc == ST_INVALID && unmatched && a->skip) {
			mb_kstr(&res, "result", "unmatched");
			mb_kstr(&res, "why", *cause);
			free(*cause);
			*cause = NULL;
			skipped++;
			rc = ST_OK;
			continue;
		}
		if (rc != ST_OK) {
			a->errline = line;
			break;
		}
		mb_kstr(&res, "result", dup ? "dup" : "posted");
		mb_kstr(&res, "why", NULL);
		if (dup)
			dups++;
		else {
			made++;
			total += mobj_int(o, "amount", 0);
		}
	}
	if (rc == ST_OK) {
		mb_map(w->data, 6);
		mb_kint(w->data, "posted", made);
		mb_kint(w->data, "dups", dups);
		mb_kint(w->data, "skipped", skipped);
		mb_kint(w->data, "total", total);
		mb_kbool(w->data, "dry_run", a->dry_run);
		mb_kstr(w->data, "rows", NULL);
		/* The rows' results, as one packed array. */
		w->data->sb.size--;	/* the nil just packed */
		msgpack_sbuffer_write(&w->data->sb, res.sb.data, res.sb.size);
	}
	mb_free(&res);
	if (rc == ST_OK && a->dry_run)
		return (ST_ABORT);
	return (rc);
}

static int
balance_tx(struct tx *x, struct wctx *w, struct money_arg *a, char **cause)
{
	struct money_balance	 b;
	struct money_doc	*docs = NULL;
	struct record		*r;
	char			*party = mobj_strdup(a->one, "party");
	char			*kind = mobj_strdup(a->one, "kind");
	const struct entity_def	*e;
	uint64_t		 id;
	size_t			 n = 0, i;
	int			 rc, sup = 0;

	if (party == NULL) {
		xasprintf(cause, _("a customer's or supplier's code or INN "
		    "is required"));
		rc = ST_INVALID;
		goto out;
	}
	rc = ST_NOTFOUND;
	if (kind == NULL || strcmp(kind, "supplier") != 0)
		rc = find_by(x, dict_entity("customers"), "inn", party, &id,
		    cause);
	if (rc == ST_NOTFOUND && (kind == NULL || strcmp(kind,
	    "customer") != 0)) {
		sup = 1;
		rc = find_by(x, dict_entity("suppliers"), "inn", party, &id,
		    cause);
	}
	if (rc == ST_NOTFOUND) {
		xasprintf(cause, _("no customer or supplier with code or INN "
		    "%s"), party);
		rc = ST_NOTFOUND;	/* a record named that is not there */
	}
	if (rc != ST_OK)
		goto out;
	e = dict_entity(sup ? "suppliers" : "customers");
	if ((rc = tx_get(x, e, id, 0, &r)) != ST_OK)
		goto out;
	/* Finance (a manager, an accountant) sees everyone's; a sales clerk
	 * the customers they manage, as the receivables report and :debt
	 * show them. */
	if (!auth_allowed(w->r->c->roles, "finance", ACT_VIEW) && (sup ||
	    (uint64_t)record_int(r, dict_field_pos(e, "manager")) !=
	    w->r->c->user_id)) {
		xasprintf(cause, sup ? _("%s is a supplier: what the firm "
		    "owes its suppliers is for finance (a manager, an "
		    "accountant)") : _("%s is not one of your customers: a "
		    "sales clerk sees the balances of the customers they "
		    "manage"), record_str(r, FX_CODE));
		record_free(r);
		rc = ST_DENIED;
		goto out;
	}
	if ((rc = money_balance(x, sup, id, mobj_int(a->one, "as_of", 0), &b,
	    &docs, &n)) != ST_OK) {
		record_free(r);
		goto out;
	}
	mb_map(w->data, 13);
	mb_kstr(w->data, "kind", sup ? "supplier" : "customer");
	mb_kstr(w->data, "code", record_str(r, FX_CODE));
	mb_kstr(w->data, "name", record_str(r, dict_field_pos(e, "name")));
	mb_kint(w->data, "owed", b.owed);
	mb_kint(w->data, "open", b.open);
	mb_kint(w->data, "advance", b.advance);
	mb_kint(w->data, "overdue", b.overdue);
	mb_kint(w->data, "current", b.current);
	mb_kint(w->data, "d1_30", b.aging[0]);
	mb_kint(w->data, "d31_60", b.aging[1]);
	mb_kint(w->data, "d61_90", b.aging[2]);
	mb_kint(w->data, "d90", b.aging[3]);
	mb_str(w->data, "docs");
	mb_array(w->data, n);
	for (i = 0; i < n; i++) {
		mb_map(w->data, 6);
		mb_kstr(w->data, "code", docs[i].code);
		mb_kstr(w->data, "entity", docs[i].entity);
		mb_kint(w->data, "date", docs[i].date);
		mb_kint(w->data, "due", docs[i].due);
		mb_kint(w->data, "amount", docs[i].amount);
		mb_kint(w->data, "paid", docs[i].paid);
	}
	free(docs);
	record_free(r);
out:
	free(party);
	free(kind);
	return (rc);
}

static int
money_tx(struct tx *x, struct wctx *w, char **cause)
{
	struct money_arg	*a = w->arg;
	char			*code;
	uint64_t		 id;
	int			 rc, unmatched, dup;

	a->errline = 0;
	if (strcmp(a->action, "pay") == 0)
		return (pay_one(x, a->one, w->data, &unmatched, &dup, cause));
	if (strcmp(a->action, "import") == 0)
		return (import_tx(x, w, a, cause));
	if (strcmp(a->action, "balance") == 0)
		return (balance_tx(x, w, a, cause));
	/* cancel */
	if ((code = mobj_strdup(a->one, "code")) == NULL) {
		xasprintf(cause, _("a payment number is required"));
		return (ST_INVALID);
	}
	rc = find_by(x, dict_entity("payments"), NULL, code, &id, cause);
	if (rc == ST_NOTFOUND)		/* not there: 66 */
		xasprintf(cause, _("no payment numbered %s"), code);
	if (rc == ST_OK && (rc = money_cancel(x, id, cause)) == ST_OK) {
		mb_map(w->data, 2);
		mb_kstr(w->data, "code", code);
		mb_kstr(w->data, "status", "cancelled");
	}
	free(code);
	return (rc);
}

/* A balance is read: no request log, nothing to flush, no write lock
 * (store_read). */
static int
balance_run(struct tx *x, void *arg, char **cause)
{
	struct wctx	*w = arg;

	mb_reset(w->data);
	return (balance_tx(x, w, w->arg, cause));
}

int
op_money(struct req *r, struct msgb *data, char **cause)
{
	struct money_arg	 a;
	int			 rc;

	memset(&a, 0, sizeof a);
	if ((a.action = mobj_strdup(r->o, "action")) == NULL ||
	    (strcmp(a.action, "pay") != 0 && strcmp(a.action, "import") != 0 &&
	    strcmp(a.action, "cancel") != 0 &&
	    strcmp(a.action, "balance") != 0)) {
		xasprintf(cause, _("unknown action '%s' for payments"),
		    a.action != NULL ? a.action : "");
		free(a.action);
		return (EX_USAGE);
	}
	a.one = r->o;
	a.rows = mobj_get(r->o, "rows");
	a.dry_run = mobj_int(r->o, "dry_run", 0) != 0;
	a.skip = mobj_int(r->o, "skip_unmatched", 0) != 0;
	if (strcmp(a.action, "import") == 0 && (a.rows == NULL ||
	    a.rows->type != MSGPACK_OBJECT_ARRAY)) {
		xasprintf(cause, _("no payments sent"));
		free(a.action);
		return (EX_DATAERR);
	}
	if (strcmp(a.action, "balance") == 0) {
		/* Sales sees its customers' balances; finance everyone's. */
		if (!allowed(r, "sales", ACT_VIEW, cause) &&
		    !allowed(r, "finance", ACT_VIEW, cause)) {
			free(a.action);
			return (EX_NOPERM);
		}
	} else if (!allowed(r, "finance", strcmp(a.action, "cancel") == 0 ?
	    ACT_APPROVE : ACT_POST, cause)) {
		free(a.action);
		return (EX_NOPERM);
	}
	free(*cause);
	*cause = NULL;
	if (strcmp(a.action, "balance") == 0) {
		struct wctx	 w;

		memset(&w, 0, sizeof w);
		w.r = r;
		w.data = data;
		w.arg = &a;
		rc = store_read(server_store(r->c->srv), 0, balance_run, &w,
		    cause);
	} else
		rc = run_write(r, data, money_tx, &a, cause);
	if (rc == ST_ABORT)
		rc = ST_OK;
	if (rc != ST_OK && a.errline != 0) {
		mb_reset(data);
		mb_map(data, 1);
		mb_kint(data, "line", a.errline);
	}
	if (rc == ST_OK && strcmp(a.action, "balance") != 0 && !a.dry_run)
		log_info("money: %s %s", r->c->login, a.action);
	rc = st_exit(rc);
	free(a.action);
	return (rc);
}
