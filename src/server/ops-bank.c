/*
 * Bank statements over the wire (op "bank"): the documents of a statement
 * the client parsed (model/bankx.c), posted as payments in one
 * transaction, all or nothing.
 *
 *	rows		one map per document: line, out (0 in, 1 out; own:
 *			between the firm's accounts), account (our number),
 *			inn, kpp and name (the counterparty's), date, amount,
 *			number (the bank's), purpose
 *	dry_run		check everything, post nothing
 *	skip_unmatched	a document whose counterparty is not known is left
 *			out and listed; without it, such documents refuse the
 *			file (every one of them listed) and nothing is posted
 *
 * An incoming document is matched to a customer by the payer's INN (and
 * KPP, among a firm's branches: party_by_inn), an outgoing one to a
 * supplier by the payee's, our account by its number.
 * The documents the purpose names (money_purpose_docs) that are the
 * counterparty's and can be paid are what the payment pays; the others
 * are named back as ignored (a hint in a purpose never refuses money that
 * has come).  A payment posted before (the same counterparty, account,
 * date, bank number, amount and direction) is reported and not counted
 * twice.
 *
 * The answer: posted, dups, skipped, in, out (sums posted), dry_run, and
 * rows: for each document its line, result (posted, dup, unmatched,
 * own), code (the payment's), party (the counterparty's code), docs
 * (paid), paid (named, but paid already), ignored (named but not the
 * counterparty's to pay), advance (what of the payment posted is an
 * advance; -1 when none was posted), why.  Refused for unmatched
 * documents, the same rows come with the refusal.
 *
 * Op "bank_orders" (from, to: dates, to 0 for none), a read: the firm's
 * posted payments out of its bank accounts dated from..to, as payment
 * orders for the bank's client: company (name, inn, kpp) and docs, one
 * map each with the payer's (our account's) and the payee's (the
 * supplier's) details.  Refused, naming them, when a supplier has no
 * bank details to pay to.
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
#include "model/money.h"
#include "proto.h"
#include "server/req.h"
#include "server/server.h"
#include "xmalloc.h"

struct bank_arg {
	const msgpack_object	*rows;
	int			 dry_run;
	int			 skip;
	int			 unmatched;	/* refused for them */
	int64_t			 errline;
};

/* One document's fate, answered in rows. */
struct bank_row {
	int64_t		 line;
	const char	*result;
	char		*code, *party, *why;
	struct buf	 docs, paid, ignored;
	int64_t		 advance;	/* of the payment posted, -1: none */
};

/*
 * The customer (out: supplier) whose INN is inn, told from the firm's
 * other branches by kpp: ST_OK and *id, or ST_NOTFOUND with *why (no
 * one, or several, named).
 */
static int
party_of(struct tx *x, int out, const char *inn, const char *kpp,
    const char *name, uint64_t *id, char **why)
{
	char	*which = NULL;
	int	 rc;

	if (inn == NULL || *inn == '\0') {
		xasprintf(why, out ? _("the payee (%s) has no INN: no "
		    "supplier to match") : _("the payer (%s) has no INN: no "
		    "customer to match"), name);
		return (ST_NOTFOUND);
	}
	rc = party_by_inn(x, dict_entity(out ? "suppliers" : "customers"),
	    inn, kpp, id, &which);
	if (rc == ST_NOTFOUND)
		xasprintf(why, out ? _("no supplier with INN %s (%s)") :
		    _("no customer with INN %s (%s)"), inn, name);
	else if (rc == ST_INVALID) {
		xasprintf(why, _("%s: which one is %s?"), which, name);
		free(which);
		rc = ST_NOTFOUND;
	}
	return (rc);
}

/* Whether the document numbered code can take this payment: it is of the
 * payment's side, exists, is the counterparty's and is not cancelled;
 * a shipment or receipt is posted.  ST_OK with *ok, and then what is
 * still due of it in *due, from the same read. */
static int
doc_usable(struct tx *x, const char *code, int out, uint64_t party,
    int *ok, int64_t *due)
{
	static const struct {
		const char	*prefix, *entity, *party;
		int		 out, posted;
	} t[] = {
		{ "INV-", "invoices", "customer", 0, 0 },
		{ "SO-", "sales_orders", "customer", 0, 0 },
		{ "SHP-", "shipments", "customer", 0, 1 },
		{ "PO-", "purchase_orders", "supplier", 1, 0 },
		{ "RCP-", "stock_docs", "supplier", 1, 1 },
	};
	const struct entity_def	*e;
	struct record		*r;
	const char		*st;
	uint64_t		 id;
	size_t			 i;
	int			 rc;

	*ok = 0;
	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		if (strncmp(code, t[i].prefix, strlen(t[i].prefix)) == 0)
			break;
	if (i == sizeof t / sizeof t[0] || t[i].out != out)
		return (ST_OK);
	e = dict_entity(t[i].entity);
	if ((rc = tx_find_code(x, e, code, &id)) != ST_OK)
		return (rc == ST_NOTFOUND ? ST_OK : rc);
	if ((rc = tx_get(x, e, id, 0, &r)) != ST_OK)
		return (rc == ST_NOTFOUND ? ST_OK : rc);
	st = record_str(r, dict_field_pos(e, "status"));
	if ((uint64_t)record_int(r, dict_field_pos(e, t[i].party)) == party &&
	    (st == NULL || strcmp(st, "cancelled") != 0) &&
	    (!t[i].posted || (st != NULL && strcmp(st, "posted") == 0)))
		*ok = 1;
	/* A stock document pays only as a receipt. */
	if (*ok && strcmp(t[i].entity, "stock_docs") == 0) {
		st = record_str(r, dict_field_pos(e, "type"));
		*ok = st != NULL && strcmp(st, "receipt") == 0;
	}
	if (*ok && money_record_due(r, due) != 0)
		*ok = 0;
	record_free(r);
	return (ST_OK);
}

/* The purpose's documents split into those the payment pays, those it
 * would but are paid already (the payment is theirs all the same: its
 * money stays an advance, it pays no other), and those it cannot. */
static int
purpose_docs(struct tx *x, const char *purpose, int64_t date, int out,
    uint64_t party, struct bank_row *br)
{
	char	*all, *tok, *save = NULL;
	int64_t	 due;
	int	 rc = ST_OK, ok;

	if ((all = money_purpose_docs(purpose, date)) == NULL)
		return (ST_OK);
	for (tok = strtok_r(all, " ", &save); tok != NULL && rc == ST_OK;
	    tok = strtok_r(NULL, " ", &save)) {
		if ((rc = doc_usable(x, tok, out, party, &ok, &due)) != ST_OK)
			break;
		struct buf	*b = !ok ? &br->ignored : due > 0 ? &br->docs :
				    &br->paid;

		if (b->len > 0)
			buf_addc(b, ' ');
		buf_adds(b, tok);
	}
	free(all);
	return (rc);
}

static void
row_free(struct bank_row *br)
{
	free(br->code);
	free(br->party);
	free(br->why);
	buf_free(&br->docs);
	buf_free(&br->paid);
	buf_free(&br->ignored);
}

static void
pack_row(struct msgb *m, const struct bank_row *br)
{
	mb_map(m, 9);
	mb_kint(m, "line", br->line);
	mb_kstr(m, "result", br->result);
	mb_kstr(m, "code", br->code);
	mb_kstr(m, "party", br->party);
	mb_kstr(m, "docs", br->docs.len > 0 ? br->docs.data : NULL);
	mb_kstr(m, "paid", br->paid.len > 0 ? br->paid.data : NULL);
	mb_kstr(m, "ignored", br->ignored.len > 0 ? br->ignored.data : NULL);
	mb_kint(m, "advance", br->advance);
	mb_kstr(m, "why", br->why);
}

static const char *
code_of(struct tx *x, const char *entity, uint64_t id, char *buf,
    size_t len)
{
	struct record	*r;

	if (tx_get(x, dict_entity(entity), id, 0, &r) != ST_OK) {
		snprintf(buf, len, "%llu", (unsigned long long)id);
		return (buf);
	}
	snprintf(buf, len, "%s", record_str(r, FX_CODE) ?
	    record_str(r, FX_CODE) : "?");
	record_free(r);
	return (buf);
}

/* One document: matched, and posted unless only checking. */
static int
bank_one(struct tx *x, const msgpack_object *o, int post,
    struct bank_row *br, int64_t *amount, int *out, char **cause)
{
	const struct entity_def	*ae = dict_entity("accounts");
	const struct entity_def	*pe = dict_entity("payments");
	struct money_payment	 mp;
	struct record		*p;
	struct buf		 named = { NULL, 0, 0 };
	struct value		 v;
	char			*acct, *inn, *kpp, *name, *number, *purpose;
	char			*source;
	char			 code[40];
	uint64_t		 party, pid;
	int			 rc, dup = 0;

	memset(&mp, 0, sizeof mp);
	br->line = mobj_int(o, "line", 0);
	br->advance = -1;
	*out = mp.out = mobj_int(o, "out", 0) != 0;
	*amount = mp.amount = mobj_int(o, "amount", 0);
	mp.date = mobj_int(o, "date", 0);
	acct = mobj_strdup(o, "account");
	inn = mobj_strdup(o, "inn");
	kpp = mobj_strdup(o, "kpp");
	name = mobj_strdup(o, "name");
	number = mobj_strdup(o, "number");
	purpose = mobj_strdup(o, "purpose");
	source = mobj_strdup(o, "source");
	if (mobj_int(o, "own", 0)) {
		br->result = "own";
		rc = ST_OK;
		goto out;
	}
	/* Our account: a statement is of the firm's accounts only. */
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = acct != NULL ? acct : (char *)"";
	if ((rc = tx_find(x, ae, dict_field_pos(ae, "number"), &v,
	    &mp.account)) != ST_OK) {
		if (rc == ST_NOTFOUND) {
			xasprintf(cause, _("account %s is none of ours: add it "
			    "first (:acct, or kontor import accounts)"),
			    acct != NULL ? acct : "");
			rc = ST_INVALID;
		}
		goto out;
	}
	if ((rc = party_of(x, mp.out, inn, kpp, name != NULL ? name : "",
	    &party, &br->why)) == ST_NOTFOUND) {
		br->result = "unmatched";
		rc = ST_OK;
		goto out;
	}
	if (rc != ST_OK)
		goto out;
	br->party = xstrdup(code_of(x, mp.out ? "suppliers" : "customers",
	    party, code, sizeof code));
	if ((rc = purpose_docs(x, purpose, mp.date, mp.out, party, br)) !=
	    ST_OK)
		goto out;
	br->result = "posted";
	if (!post)
		goto out;
	if (mp.out)
		mp.supplier = party;
	else
		mp.customer = party;
	/* The documents paid already are named too: its money is an
	 * advance of theirs, not a payment of the customer's other ones. */
	buf_add(&named, br->docs.data, br->docs.len);
	if (named.len > 0 && br->paid.len > 0)
		buf_addc(&named, ' ');
	buf_add(&named, br->paid.data, br->paid.len);
	mp.document = named.len > 0 ? named.data : NULL;
	mp.purpose = purpose;
	mp.bank_number = number;
	mp.source = source;
	if ((rc = money_pay(x, &mp, &pid, &dup, cause)) != ST_OK)
		goto out;
	br->code = xstrdup(code_of(x, "payments", pid, code, sizeof code));
	if (dup)
		br->result = "dup";
	else if ((rc = tx_get(x, pe, pid, 0, &p)) == ST_OK) {
		br->advance = record_int(p, dict_field_pos(pe, "advance"));
		record_free(p);
	}
out:
	buf_free(&named);
	free(acct);
	free(inn);
	free(kpp);
	free(name);
	free(number);
	free(purpose);
	free(source);
	return (rc);
}

/*
 * Two passes in one transaction: every document matched first (so a
 * refusal lists all the unmatched ones and writes nothing), then the
 * payments posted.
 */
static int
bank_tx(struct tx *x, struct wctx *w, char **cause)
{
	struct bank_arg	*a = w->arg;
	struct bank_row	*br;
	size_t		 i, n = a->rows->via.array.size;
	int64_t		 posted = 0, dups = 0, skipped = 0, in = 0, outs = 0;
	int64_t		 amt;
	int		 pass, rc = ST_OK, out;

	a->unmatched = 0;
	a->errline = 0;
	br = xcalloc(n > 0 ? n : 1, sizeof *br);
	for (pass = 0; pass < 2 && rc == ST_OK; pass++) {
		for (i = 0; i < n; i++) {
			if (pass == 1 && strcmp(br[i].result, "posted") != 0)
				continue;
			row_free(&br[i]);
			memset(&br[i], 0, sizeof br[i]);
			rc = bank_one(x, &a->rows->via.array.ptr[i], pass == 1,
			    &br[i], &amt, &out, cause);
			if (rc != ST_OK) {
				a->errline = br[i].line;
				break;
			}
			if (pass == 0 && strcmp(br[i].result, "unmatched") == 0)
				a->unmatched++;
			if (pass == 1 && strcmp(br[i].result, "posted") == 0) {
				posted++;
				if (out)
					outs += amt;
				else
					in += amt;
			} else if (pass == 1 && strcmp(br[i].result, "dup") == 0)
				dups++;
		}
		if (pass == 0 && rc == ST_OK && a->unmatched > 0 && !a->skip)
			break;
	}
	for (i = 0; i < n; i++)
		if (br[i].result != NULL && (strcmp(br[i].result,
		    "unmatched") == 0 || strcmp(br[i].result, "own") == 0))
			skipped++;
	if (rc == ST_OK) {
		mb_map(w->data, 7);
		mb_kint(w->data, "posted", posted);
		mb_kint(w->data, "dups", dups);
		mb_kint(w->data, "skipped", skipped);
		mb_kint(w->data, "in", in);
		mb_kint(w->data, "out", outs);
		mb_kbool(w->data, "dry_run", a->dry_run);
		mb_str(w->data, "rows");
		mb_array(w->data, n);
		for (i = 0; i < n; i++)
			pack_row(w->data, &br[i]);
	}
	for (i = 0; i < n; i++)
		row_free(&br[i]);
	free(br);
	if (rc == ST_OK && a->unmatched > 0 && !a->skip) {
		xasprintf(cause, P_("%d document matches no customer or "
		    "supplier: nothing was imported (--unmatched skip leaves "
		    "such documents out)", "%d documents match no customer or "
		    "supplier: nothing was imported (--unmatched skip leaves "
		    "such documents out)", a->unmatched), a->unmatched);
		return (ST_ABORT);
	}
	if (rc == ST_OK && a->dry_run)
		return (ST_ABORT);
	return (rc);
}

/* --- export: payment orders for the bank ------------------------------- */

static const char *
fstr(const struct record *r, const char *field)
{
	return (r != NULL ? record_str(r, dict_field_pos(r->ent, field)) :
	    NULL);
}

/* One payment out as a payment order. */
static void
pack_order(struct msgb *m, const struct record *p, const struct record *acc,
    const struct record *sup)
{
	const struct entity_def	*pe = p->ent;
	const char		*code = record_str(p, FX_CODE);
	const char		*num = fstr(p, "bank_number"), *purpose;
	const char		*doc = fstr(p, "document");
	char			 n[24], *text = NULL;

	/* Its own number: the bank's, else the payment's (PAY-2026-000017:
	 * 17). */
	if (num == NULL || *num == '\0') {
		const char	*t = strrchr(code, '-');

		snprintf(n, sizeof n, "%llu", t != NULL ?
		    strtoull(t + 1, NULL, 10) : 0ull);
		num = n;
	}
	purpose = fstr(p, "purpose");
	if (purpose == NULL || *purpose == '\0') {
		xasprintf(&text, doc != NULL && *doc != '\0' ?
		    "Оплата по %s" : "Оплата%s", doc != NULL ? doc : "");
		purpose = text;
	}
	mb_map(m, 17);
	mb_kstr(m, "code", code);
	mb_kstr(m, "number", num);
	mb_kint(m, "date", record_int(p, dict_field_pos(pe, "date")));
	mb_kint(m, "amount", record_int(p, dict_field_pos(pe, "amount")));
	mb_kstr(m, "payer_account", fstr(acc, "number"));
	mb_kstr(m, "payer_bank", fstr(acc, "bank"));
	mb_kstr(m, "payer_bik", fstr(acc, "bik"));
	mb_kstr(m, "payer_corr", fstr(acc, "corr_account"));
	mb_kstr(m, "payee_account", fstr(sup, "bank_account"));
	mb_kstr(m, "payee", fstr(sup, "name"));
	mb_kstr(m, "payee_code", sup != NULL ? record_str(sup, FX_CODE) :
	    NULL);
	mb_kstr(m, "payee_inn", fstr(sup, "inn"));
	mb_kstr(m, "payee_kpp", fstr(sup, "kpp"));
	mb_kstr(m, "payee_bank", fstr(sup, "bank"));
	mb_kstr(m, "payee_bik", fstr(sup, "bik"));
	mb_kstr(m, "payee_corr", fstr(sup, "corr_account"));
	mb_kstr(m, "purpose", purpose);
	free(text);
}

int
op_bank_orders(struct req *r, struct msgb *data, char **cause)
{
	struct store		*st = server_store(r->c->srv);
	const struct entity_def	*pe = dict_entity("payments");
	const struct entity_def	*ae = dict_entity("accounts");
	const struct entity_def	*se = dict_entity("suppliers");
	const struct entity_def	*ce = dict_entity("company");
	struct record		**rows, *co = NULL, *acc, *sup;
	struct msgb		 docs;
	struct buf		 missing = { NULL, 0, 0 };
	struct value		 v;
	int64_t			 from, to, date;
	uint64_t		 last = 0;
	size_t			 n, i, count = 0;
	int			 rc, done = 0, dpos = dict_field_pos(pe, "date");
	const char		*dir, *status;

	from = mobj_int(r->o, "from", 0);
	to = mobj_int(r->o, "to", 0);
	if (!allowed(r, "finance", ACT_EXPORT, cause))
		return (EX_NOPERM);
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)COMPANY_CODE;
	if (store_lookup(st, ce, FX_CODE, &v, &co) != ST_OK)
		co = NULL;
	/* The payer of every order: the bank wants its INN. */
	if (fstr(co, "inn") == NULL) {
		xasprintf(cause, _("the company's INN is not entered: kontor "
		    "company --set inn=..."));
		record_free(co);
		return (EX_DATAERR);
	}
	mb_init(&docs);
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.i = from;
	/* By date, a page at a time, each page in a short transaction. */
	while (!done) {
		rc = store_scan(st, pe, dpos, &v, last, 1, 500, &rows, &n);
		if (rc != ST_OK) {
			xasprintf(cause, _("%s: the list cannot be read"),
			    pe->name);
			record_free(co);
			mb_free(&docs);
			buf_free(&missing);
			return (st_exit(rc));
		}
		if (n < 500)
			done = 1;
		for (i = 0; i < n; i++) {
			date = record_int(rows[i], dpos);
			v.i = date;
			last = record_id(rows[i]);
			dir = fstr(rows[i], "direction");
			status = fstr(rows[i], "status");
			if (to != 0 && date > to)
				done = 1;
			if (done && to != 0 && date > to)
				continue;
			if (dir == NULL || strcmp(dir, "out") != 0 ||
			    status == NULL || strcmp(status, "posted") != 0)
				continue;
			acc = sup = NULL;
			if (store_get(st, ae, (uint64_t)record_int(rows[i],
			    dict_field_pos(pe, "account")), &acc) != ST_OK ||
			    fstr(acc, "kind") == NULL ||
			    strcmp(fstr(acc, "kind"), "bank") != 0) {
				/* Cash paid out needs no bank. */
				record_free(acc);
				continue;
			}
			(void)store_get(st, se, (uint64_t)record_int(rows[i],
			    dict_field_pos(pe, "supplier")), &sup);
			if (fstr(sup, "bank_account") == NULL ||
			    fstr(sup, "bik") == NULL) {
				if (missing.len > 0)
					buf_adds(&missing, ", ");
				buf_printf(&missing, "%s (%s)",
				    record_str(rows[i], FX_CODE), sup != NULL ?
				    record_str(sup, FX_CODE) : "?");
			}
			pack_order(&docs, rows[i], acc, sup);
			count++;
			record_free(acc);
			record_free(sup);
		}
		for (i = 0; i < n; i++)
			record_free(rows[i]);
		free(rows);
	}
	if (missing.len > 0) {
		xasprintf(cause, _("the payees of %s have no bank account or "
		    "BIK: enter the suppliers' bank, bik and bank_account "
		    "(kontor import suppliers --update)"), missing.data);
		rc = EX_DATAERR;
	} else {
		mb_map(data, 2);
		mb_str(data, "company");
		mb_map(data, 3);
		mb_kstr(data, "name", fstr(co, "name"));
		mb_kstr(data, "inn", fstr(co, "inn"));
		mb_kstr(data, "kpp", fstr(co, "kpp"));
		mb_str(data, "docs");
		mb_array(data, count);
		msgpack_sbuffer_write(&data->sb, docs.sb.data, docs.sb.size);
		rc = 0;
	}
	record_free(co);
	mb_free(&docs);
	buf_free(&missing);
	return (rc);
}

int
op_bank(struct req *r, struct msgb *data, char **cause)
{
	struct bank_arg	 a;
	int		 rc;

	memset(&a, 0, sizeof a);
	a.rows = mobj_get(r->o, "rows");
	a.dry_run = mobj_int(r->o, "dry_run", 0) != 0;
	a.skip = mobj_int(r->o, "skip_unmatched", 0) != 0;
	if (a.rows == NULL || a.rows->type != MSGPACK_OBJECT_ARRAY) {
		xasprintf(cause, _("no documents sent"));
		return (EX_DATAERR);
	}
	if (!allowed(r, "finance", ACT_POST, cause))
		return (EX_NOPERM);
	/* A statement of hundreds of payments: one long transaction,
	 * beside the writers' turn, not holding every clerk up for it. */
	rc = run_write_flags(r, data, bank_tx, &a, STORE_RUN_LONG, cause);
	if (rc == ST_ABORT && a.unmatched > 0 && !a.skip)
		return (EX_DATAERR);	/* the rows go with the refusal */
	if (rc == ST_ABORT)
		rc = ST_OK;
	if (rc != ST_OK && a.errline != 0) {
		mb_reset(data);
		mb_map(data, 1);
		mb_kint(data, "line", a.errline);
	}
	if (rc == ST_OK && !a.dry_run)
		log_info("bank statement: %s", r->c->login);
	return (st_exit(rc));
}
