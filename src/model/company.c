/*
 * The firm itself: its details (company, one record, code OWN), which
 * every document prints, and its bank accounts and cash desks (accounts),
 * whose balances the payments keep.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "model/archive.h"
#include "model/model.h"
#include "xmalloc.h"

/* --- company ------------------------------------------------------------ */

static int
company_validate(struct tx *x, struct record *r, const struct record *old,
    char **cause)
{
	const struct entity_def	*e = r->ent;
	const char		*inn = record_str(r, dict_field_pos(e, "inn"));
	const char		*ogrn = record_str(r, dict_field_pos(e,
				    "ogrn"));
	struct value		 key;
	uint64_t		 id;
	int			 rc, pos;

	(void)old;
	/* One record: the firm's. */
	record_set_str(r, FX_CODE, COMPANY_CODE);
	memset(&key, 0, sizeof key);
	key.set = 1;
	key.s = (char *)COMPANY_CODE;
	rc = tx_find(x, e, FX_CODE, &key, &id);
	if (rc == ST_OK && id != record_id(r)) {
		xasprintf(cause, _("the company's details are one record "
		    "(%s): change it instead of adding another"),
		    COMPANY_CODE);
		return (ST_INVALID);
	}
	if (rc != ST_OK && rc != ST_NOTFOUND)
		return (rc);
	/* An organisation (INN of 10 digits) has a KPP and an ОГРН of 13;
	 * an individual entrepreneur (12) no KPP and an ОГРНИП of 15. */
	if (inn != NULL && strlen(inn) == 12 &&
	    record_isset(r, dict_field_pos(e, "kpp"))) {
		xasprintf(cause, _("column 'kpp': an individual entrepreneur "
		    "(INN of 12 digits) has no KPP"));
		return (ST_INVALID);
	}
	/* An upload waits in the server's memory for its transaction. */
	pos = dict_field_pos(e, "attach_max_kb");
	if (record_isset(r, pos) && (record_int(r, pos) < 1 ||
	    record_int(r, pos) > ARCHIVE_MAX_KB_LIMIT)) {
		xasprintf(cause, _("column 'attach_max_kb': from 1 to %d KB "
		    "(%d MB), got %lld"), ARCHIVE_MAX_KB_LIMIT,
		    ARCHIVE_MAX_KB_LIMIT / 1024, (long long)record_int(r, pos));
		return (ST_INVALID);
	}
	if (inn != NULL && ogrn != NULL && strlen(ogrn) !=
	    (strlen(inn) == 10 ? 13u : 15u)) {
		xasprintf(cause, strlen(inn) == 10 ?
		    _("column 'ogrn': an organisation (INN of 10 digits) has "
		    "an OGRN of 13 digits, got %zu") :
		    _("column 'ogrn': an individual entrepreneur (INN of 12 "
		    "digits) has an OGRNIP of 15 digits, got %zu"),
		    strlen(ogrn));
		return (ST_INVALID);
	}
	return (ST_OK);
}

/* The title bar shows the firm's name: it follows the record. */
static int
company_saved(struct tx *x, const struct record *r, const struct record *old,
    char **cause)
{
	const char	*name = record_str(r, dict_field_pos(r->ent, "name"));

	(void)old;
	(void)cause;
	if (name == NULL)
		return (ST_OK);
	return (tx_meta_put(x, "company", name));
}

static int
company_can_delete(struct tx *x, const struct record *r, char **cause)
{
	(void)x;
	(void)r;
	xasprintf(cause, _("the company's details are never deleted (every "
	    "document prints them): change them instead"));
	return (ST_INVALID);
}

static int
count_one(const struct record *r, void *arg)
{
	(void)r;
	(*(int *)arg)++;
	return (0);
}

static int
company_check(struct store *st, struct buf *report)
{
	int	 n = 0;

	if (store_each(st, dict_entity("company"), count_one, &n) != ST_OK) {
		buf_printf(report, _("%s: cannot be read\n"), "company");
		return (1);
	}
	if (n > 1) {
		buf_printf(report, _("company: %d records, one expected\n"), n);
		return (1);
	}
	return (0);
}

const struct model_def model_company = {
	.entity = "company",
	.validate = company_validate,
	.can_delete = company_can_delete,
	.check = company_check,
	.saved = company_saved,
};

/* --- accounts ------------------------------------------------------------ */

int
bank_details_check(const struct record *r, const char *numfield,
    char **cause)
{
	const char	*bik = record_str(r, dict_field_pos(r->ent, "bik"));
	const char	*corr = record_str(r, dict_field_pos(r->ent,
			    "corr_account"));
	const char	*num = record_str(r, dict_field_pos(r->ent, numfield));

	if (bik == NULL && (num != NULL || corr != NULL)) {
		xasprintf(cause, _("column 'bik': an account number needs its "
		    "bank's BIK"));
		return (ST_INVALID);
	}
	if (num != NULL && !account_key_valid(bik, num, 0)) {
		xasprintf(cause, _("column '%s': %s: the control key does not "
		    "match the BIK %s"), numfield, num, bik);
		return (ST_INVALID);
	}
	if (corr != NULL && !account_key_valid(bik, corr, 1)) {
		xasprintf(cause, _("column 'corr_account': %s: the control key "
		    "does not match the BIK %s"), corr, bik);
		return (ST_INVALID);
	}
	/* The key covers only the БИК's 5th-6th digits, which all of a
	 * region's banks share; a bank's correspondent account ends in its
	 * own БИК's last three. */
	if (corr != NULL && strcmp(corr + 17, bik + 6) != 0) {
		xasprintf(cause, _("column 'corr_account': %s does not end in "
		    "the BIK's last three digits, %s"), corr, bik + 6);
		return (ST_INVALID);
	}
	return (ST_OK);
}

static struct {
	const struct entity_def	*e, *pay;
	int			 kind, bank, bik, corr, number, opening;
	int			 balance;
	int			 p_account, p_dir, p_amount, p_status;
} A;

static void
fields_init(void)
{
	if (A.e != NULL)
		return;
	A.e = dict_entity("accounts");
	A.pay = dict_entity("payments");
	A.kind = dict_field_pos(A.e, "kind");
	A.bank = dict_field_pos(A.e, "bank");
	A.bik = dict_field_pos(A.e, "bik");
	A.corr = dict_field_pos(A.e, "corr_account");
	A.number = dict_field_pos(A.e, "number");
	A.opening = dict_field_pos(A.e, "opening");
	A.balance = dict_field_pos(A.e, "balance");
	A.p_account = dict_field_pos(A.pay, "account");
	A.p_dir = dict_field_pos(A.pay, "direction");
	A.p_amount = dict_field_pos(A.pay, "amount");
	A.p_status = dict_field_pos(A.pay, "status");
}

struct same_number {
	uint64_t	 self;
	uint64_t	 other;
};

static int
other_number(struct tx *x, uint64_t id, void *arg)
{
	struct same_number	*s = arg;

	(void)x;
	if (id == s->self)
		return (0);
	s->other = id;
	return (1);
}

static int
accounts_validate(struct tx *x, struct record *r, const struct record *old,
    char **cause)
{
	const char		*kind, *bik, *num, *missing;
	struct same_number	 sn;
	int64_t			 bal;
	char			 m[32];
	struct record		*o;
	struct value		 v;
	int			 rc;

	fields_init();
	kind = record_str(r, A.kind);
	bik = record_str(r, A.bik);
	num = record_str(r, A.number);
	if (kind != NULL && strcmp(kind, "cash") == 0) {
		static const char *const none[] = {
			"bank", "bik", "corr_account", "number"
		};
		size_t	 i;

		for (i = 0; i < sizeof none / sizeof none[0]; i++)
			if (record_isset(r, dict_field_pos(r->ent, none[i]))) {
				xasprintf(cause, _("column '%s': a cash desk "
				    "has no bank details"), none[i]);
				return (ST_INVALID);
			}
	} else {
		if (!record_isset(r, A.bank) || bik == NULL || num == NULL) {
			/* Column names, as the CSV has them. */
			missing = !record_isset(r, A.bank) ? "bank" :
			    bik == NULL ? "bik" : "number";	/* i18n: no */
			xasprintf(cause, _("column '%s': a bank account needs "
			    "its bank, BIK and number"), missing);
			return (ST_INVALID);
		}
		if ((rc = bank_details_check(r, "number", cause)) != ST_OK)
			return (rc);
		/* A statement finds our account by its number alone. */
		memset(&v, 0, sizeof v);
		v.set = 1;
		v.s = (char *)num;
		sn.self = record_id(r);
		sn.other = 0;
		rc = tx_find_each(x, A.e, A.number, &v, 0, other_number, &sn);
		if (rc != ST_OK && rc != ST_NOTFOUND && rc != 1)
			return (rc);
		if (sn.other != 0) {
			if ((rc = tx_get(x, A.e, sn.other, 0, &o)) != ST_OK)
				return (rc == ST_NOTFOUND ? ST_ERR : rc);
			xasprintf(cause, _("column 'number': %s is account "
			    "%s's number already"), num,
			    record_str(o, FX_CODE));
			record_free(o);
			return (ST_INVALID);
		}
	}
	/*
	 * The balance is the payments' (posted by money.c in their own
	 * transactions); the opening balance is the person's, and a change
	 * of it moves the balance by as much, in this same save.
	 */
	bal = old != NULL ? record_int(old, A.balance) + record_int(r,
	    A.opening) - record_int(old, A.opening) : record_int(r, A.opening);
	if (bal < 0 && kind != NULL && strcmp(kind, "cash") == 0) {
		money_format(bal, m, sizeof m, 1);
		xasprintf(cause, _("column 'opening': the cash desk would hold "
		    "%s; it does not go below zero"), m);
		return (ST_INVALID);
	}
	record_set_int(r, A.balance, bal);
	return (ST_OK);
}

static int
first_id(struct tx *x, uint64_t id, void *arg)
{
	(void)x;
	*(uint64_t *)arg = id;
	return (1);
}

/*
 * Before anything else of a delete: an account that has payments stays
 * (the generic "still referred to" would say to delete the payments,
 * which are never deleted), as does the company's default account.
 */
static int
accounts_cascade(struct tx *x, const struct entity_def *e, uint64_t id,
    char **cause)
{
	const struct entity_def	*ce = dict_entity("company");
	struct record		*r, *p;
	struct value		 v;
	uint64_t		 pid = 0;
	int			 rc;

	fields_init();
	if ((rc = tx_get(x, e, id, 0, &r)) != ST_OK)
		return (rc == ST_NOTFOUND ? ST_OK : rc);
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.i = (int64_t)id;
	rc = tx_find_each(x, A.pay, A.p_account, &v, 0, first_id, &pid);
	if (rc != ST_OK && rc != ST_NOTFOUND && rc != 1) {
		record_free(r);
		return (rc);
	}
	if (pid != 0) {
		rc = tx_get(x, A.pay, pid, 0, &p);
		if (rc == ST_DEADLOCK) {
			record_free(r);
			return (rc);
		}
		xasprintf(cause, _("account %s has payments (%s among them): "
		    "its history stays; mark it closed instead"),
		    record_str(r, FX_CODE), rc == ST_OK &&
		    record_str(p, FX_CODE) != NULL ? record_str(p, FX_CODE) :
		    "?");
		if (rc == ST_OK)
			record_free(p);
		record_free(r);
		return (ST_INVALID);
	}
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)COMPANY_CODE;
	if ((rc = tx_find(x, ce, FX_CODE, &v, &pid)) == ST_OK) {
		rc = tx_get(x, ce, pid, 0, &p);
		if (rc == ST_OK && record_int(p, dict_field_pos(ce,
		    "account")) == (int64_t)id) {
			xasprintf(cause, _("account %s is the company's "
			    "default account: choose another there first"),
			    record_str(r, FX_CODE));
			rc = ST_INVALID;
		}
		if (rc == ST_OK || rc == ST_INVALID)
			record_free(p);
	}
	record_free(r);
	return (rc == ST_NOTFOUND ? ST_OK : rc);
}

/*
 * kontor check: each account's balance is its opening balance plus its
 * posted payments in less those out.  Read, never written: check runs
 * while writes are refused (a full disk) and while clerks post.  The
 * account is read before and after its payments are summed: a posting
 * or cancellation moves its balance, so the same revision both times
 * means the sum is of the payments that balance counts; else again.
 */
#define CHECK_TRIES	8

/* The posted payments of account id, in and out. */
static int
sum_payments(struct store *st, uint64_t id, int64_t *in, int64_t *out)
{
	struct record	**rows;
	struct value	 v;
	uint64_t	 last = 0;
	size_t		 n, i;
	const char	*dir, *status;
	int		 rc, done = 0, past = 0;

	*in = *out = 0;
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.i = (int64_t)id;
	while (!done) {
		if ((rc = store_scan(st, A.pay, A.p_account, &v, last, 1, 500,
		    &rows, &n)) != ST_OK)
			return (rc);
		done = n < 500;
		for (i = 0; i < n; i++) {
			last = record_id(rows[i]);
			/* The index goes on to the next account's. */
			if ((uint64_t)record_int(rows[i], A.p_account) != id)
				past = done = 1;
			dir = record_str(rows[i], A.p_dir);
			status = record_str(rows[i], A.p_status);
			if (!past && dir != NULL && status != NULL &&
			    strcmp(status, "posted") == 0) {
				if (strcmp(dir, "in") == 0)
					*in += record_int(rows[i], A.p_amount);
				else if (strcmp(dir, "out") == 0)
					*out += record_int(rows[i], A.p_amount);
			}
			record_free(rows[i]);
		}
		free(rows);
	}
	return (ST_OK);
}

struct acct_check {
	struct store	*st;
	struct buf	*report;
	int		 bad;
};

static int
check_account(const struct record *listed, void *arg)
{
	struct acct_check	*ac = arg;
	struct record		*r = NULL, *again;
	char			 b[32], o[32], i[32], u[32], w[32];
	int64_t			 in, out, want;
	int			 tries, rc;

	for (tries = 0; tries < CHECK_TRIES; tries++) {
		record_free(r);
		r = NULL;
		if ((rc = store_get(ac->st, A.e, record_id(listed), &r)) !=
		    ST_OK)
			return (0);	/* deleted meanwhile */
		if ((rc = sum_payments(ac->st, record_id(r), &in, &out)) !=
		    ST_OK)
			break;
		if (store_get(ac->st, A.e, record_id(r), &again) != ST_OK)
			break;
		rc = record_rev(again) == record_rev(r);
		record_free(again);
		if (rc)
			break;
	}
	if (tries == CHECK_TRIES || r == NULL) {
		buf_printf(ac->report, _("%s %s: cannot be read\n"),
		    A.e->name, record_str(listed, FX_CODE));
		ac->bad++;
		record_free(r);
		return (0);
	}
	want = record_int(r, A.opening) + in - out;
	if (record_int(r, A.balance) != want) {
		buf_printf(ac->report, _("accounts %s: balance %s, but the "
		    "opening %s + in %s - out %s = %s\n"),
		    record_str(r, FX_CODE),
		    money_people(record_int(r, A.balance), b, sizeof b),
		    money_people(record_int(r, A.opening), o, sizeof o),
		    money_people(in, i, sizeof i),
		    money_people(out, u, sizeof u),
		    money_people(want, w, sizeof w));
		ac->bad++;
	}
	record_free(r);
	return (0);
}

static int
accounts_check(struct store *st, struct buf *report)
{
	struct acct_check	 ac = { st, report, 0 };

	fields_init();
	if (store_each(st, A.e, check_account, &ac) != ST_OK) {
		buf_printf(report, _("%s: cannot be read\n"), A.e->name);
		return (1);
	}
	return (ac.bad);
}

const struct model_def model_accounts = {
	.entity = "accounts",
	.validate = accounts_validate,
	.cascade = accounts_cascade,
	.check = accounts_check,
};

/* --- seeding ----------------------------------------------------------- */

static int
put_account(struct tx *x, const char *code, const char *name,
    const char *kind, const char *bank, const char *bik, const char *corr,
    const char *number, int64_t opening, uint64_t *id, char **cause)
{
	const struct entity_def	*e;
	struct record		*r;
	int			 rc;

	fields_init();
	e = A.e;
	r = record_new(e);
	record_set_str(r, FX_CODE, code);
	record_set_str(r, dict_field_pos(e, "name"), name);
	record_set_str(r, A.kind, kind);
	if (bank != NULL) {
		record_set_str(r, A.bank, bank);
		record_set_str(r, A.bik, bik);
		record_set_str(r, A.corr, corr);
		record_set_str(r, A.number, number);
	}
	record_set_int(r, A.opening, opening);
	rc = model_save(x, r, 0, cause);
	if (id != NULL)
		*id = record_id(r);
	record_free(r);
	return (rc);
}

int
company_seed(struct tx *x, const char *name, char **cause)
{
	const struct entity_def	*e = dict_entity("company");
	struct record		*r;
	int			 rc;

	r = record_new(e);
	record_set_str(r, dict_field_pos(e, "name"), name);
	rc = model_save(x, r, 0, cause);
	record_free(r);
	if (rc != ST_OK)
		return (rc);
	/* Data in Russian, whoever runs init, as the deal stages are. */
	return (put_account(x, "CASH", "Касса", "cash", NULL, NULL,
	    NULL, NULL, 0, NULL, cause));
}

char *
company_vat_rate(struct tx *x)
{
	const struct entity_def	*e = dict_entity("company");
	struct record		*r;
	const char		*rate = NULL;
	char			*s;
	uint64_t		 id;

	if (tx_find_code(x, e, COMPANY_CODE, &id) != ST_OK ||
	    tx_get(x, e, id, 0, &r) != ST_OK)
		return (xstrdup("20"));
	rate = record_str(r, dict_field_pos(e, "vat_rate"));
	s = xstrdup(rate != NULL && *rate != '\0' ? rate : "20");
	record_free(r);
	return (s);
}

/* The demo firm's details, and its account at a real bank's БИК. */
int
company_demo(struct tx *x, char **cause)
{
	static const struct {
		const char	*field, *value;
	} details[] = {
		{ "inn", "7701234560" },
		{ "kpp", "770101001" },
		{ "ogrn", "1027700123450" },
		{ "legal_address", "125009, г. Москва, ул. Тверская, д. 7, "
		  "офис 12" },
		{ "postal_address", "125009, г. Москва, ул. Тверская, д. 7, "
		  "офис 12" },
		{ "director", "Соколов Андрей Викторович" },
		{ "accountant", "Белова Ирина Петровна" },
		{ "phone", "+7 (495) 123-45-67" },
		{ "email", "info@demo-kontor.ru" },
	};
	const struct entity_def	*e = dict_entity("company");
	struct record		*r;
	struct value		 v;
	const char		*name;
	char			*full;
	uint64_t		 id, acc;
	size_t			 i;
	int			 rc;

	if ((rc = put_account(x, "BANK", "Расчётный счёт в ПАО Сбербанк",
	    "bank", "ПАО Сбербанк", "044525225", "30101810400000000225",
	    "40702810938000012345", INT64_C(150000000), &acc, cause)) !=
	    ST_OK)
		return (rc);
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)COMPANY_CODE;
	if ((rc = tx_find(x, e, FX_CODE, &v, &id)) != ST_OK ||
	    (rc = tx_get(x, e, id, 1, &r)) != ST_OK)
		return (rc == ST_NOTFOUND ? ST_ERR : rc);
	for (i = 0; i < sizeof details / sizeof details[0]; i++)
		record_set_str(r, dict_field_pos(e, details[i].field),
		    details[i].value);
	/* The full name of the name init was given: ООО spelt out. */
	name = record_str(r, dict_field_pos(e, "name"));
	if (name != NULL && strncmp(name, "ООО ", strlen("ООО ")) == 0) {
		xasprintf(&full, "Общество с ограниченной ответственностью "
		    "%s", name + strlen("ООО "));
		record_set_str(r, dict_field_pos(e, "full_name"), full);
		free(full);
	}
	record_set_int(r, dict_field_pos(e, "account"), (int64_t)acc);
	record_set_int(r, dict_field_pos(e, "vat_payer"), 1);
	rc = model_save(x, r, record_rev(r), cause);
	record_free(r);
	return (rc);
}
