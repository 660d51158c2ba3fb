/*
 * The firm's details and accounts (src/model/company.c) over a real store
 * in a fresh temporary home: the rules of an account (a bank account's
 * number and correspondent account against its БИК, a cash desk with no
 * bank details, one number once), a balance that the opening balance
 * moves, kontor check's sum of the payments, deletes refused with the
 * reason, and the company as one record.  Payments are written straight
 * into the store, as the posting in money.c leaves them.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "model/model.h"
#include "tests/model/mtest.h"
#include "xmalloc.h"

#define NITEMS(a)	(sizeof (a) / sizeof (a)[0])

static struct store	*st;

/* Sberbank's БИК and correspondent account, and an account of it. */
#define BIK	"044525225"
#define CORR	"30101810400000000225"
#define NUM	"40702810938000012345"

struct acase {
	const char	*what;
	const char	*code, *kind, *bank, *bik, *corr, *number, *opening;
	int		 rc;
	const char	*cause;
};

static const struct acase acases[] = {
	{ "a bank account with its БИК, correspondent account and number",
	  "SBER", "bank", "ПАО Сбербанк", BIK, CORR, NUM, "1000.00", ST_OK,
	  NULL },
	{ "a second bank (Альфа-Банк), no correspondent account",
	  "ALFA", "bank", "АО «Альфа-Банк»", "044525593", NULL,
	  "40702810501850000123", NULL, ST_OK, NULL },
	{ "a cash desk",
	  "CASH", "cash", NULL, NULL, NULL, NULL, "50.00", ST_OK, NULL },
	{ "one digit off in the number: the control key",
	  "B1", "bank", "ПАО Сбербанк", BIK, CORR, "40702810938000012346",
	  NULL, ST_INVALID, "column 'number': 40702810938000012346: the "
	  "control key does not match the BIK 044525225" },
	{ "Alfa's number under Sberbank's БИК",
	  "B2", "bank", "ПАО Сбербанк", BIK, NULL, "40702810501850000123",
	  NULL, ST_INVALID, "column 'number': 40702810501850000123: the "
	  "control key does not match the BIK 044525225" },
	{ "a correspondent account with its control digit off",
	  "B3", "bank", "ПАО Сбербанк", BIK, "30101810500000000225", NUM,
	  NULL, ST_INVALID, "column 'corr_account': 30101810500000000225: "
	  "the control key does not match the BIK 044525225" },
	{ "another Moscow bank's correspondent account (its key fits: the "
	  "same 5th-6th digits of the БИК)",
	  "B3", "bank", "ПАО Сбербанк", BIK, "30101810200000000593", NUM,
	  NULL, ST_INVALID, "column 'corr_account': 30101810200000000593 "
	  "does not end in the BIK's last three digits, 225" },
	{ "a settlement account where the correspondent one goes",
	  "B4", "bank", "ПАО Сбербанк", BIK, NUM, NUM, NULL, ST_INVALID,
	  "column 'corr_account': " NUM ": the control key does not match "
	  "the BIK 044525225" },
	{ "a bank account with no БИК",
	  "B5", "bank", "ПАО Сбербанк", NULL, NULL, NUM, NULL, ST_INVALID,
	  "column 'bik': a bank account needs its bank, BIK and number" },
	{ "with no number",
	  "B6", "bank", "ПАО Сбербанк", BIK, NULL, NULL, NULL, ST_INVALID,
	  "column 'number': a bank account needs its bank, BIK and number" },
	{ "with no bank",
	  "B7", "bank", NULL, BIK, NULL, NUM, NULL, ST_INVALID,
	  "column 'bank': a bank account needs its bank, BIK and number" },
	{ "the same number twice",
	  "B8", "bank", "ПАО Сбербанк", BIK, NULL, NUM, NULL, ST_INVALID,
	  "column 'number': " NUM " is account SBER's number already" },
	{ "a cash desk with a БИК",
	  "K2", "cash", NULL, BIK, NULL, NULL, NULL, ST_INVALID,
	  "column 'bik': a cash desk has no bank details" },
	{ "a cash desk with a number",
	  "K3", "cash", NULL, NULL, NULL, NUM, NULL, ST_INVALID,
	  "column 'number': a cash desk has no bank details" },
};

struct acase_run {
	const struct acase	*c;
};

static int
acase_tx(struct tx *x, void *arg, char **cause)
{
	const struct acase	*c = ((struct acase_run *)arg)->c;
	struct record		*r = record_new(dict_entity("accounts"));
	int			 rc;

	mt_set(r, "code", c->code);
	mt_set(r, "name", c->what);
	mt_set(r, "kind", c->kind);
	mt_set(r, "bank", c->bank);
	mt_set(r, "bik", c->bik);
	mt_set(r, "corr_account", c->corr);
	mt_set(r, "number", c->number);
	mt_set(r, "opening", c->opening);
	rc = model_save(x, r, 0, cause);
	record_free(r);
	return (rc);
}

/* kontor check wants an admin. */
static int
seed(struct tx *x, void *arg, char **cause)
{
	static const char *const rows[] = {
		"users", "login", MT_LOGIN, "name", "Тестов", "roles", "admin",
	};

	(void)arg;
	return (mt_rows(x, rows, 1, NITEMS(rows), cause));
}

static int
setup(void **state)
{
	(void)state;
	st = mt_open("company", seed, NULL);
	return (st == NULL ? -1 : 0);
}

static int
teardown(void **state)
{
	(void)state;
	return (mt_close(st));
}

static void
test_account_rules(void **state)
{
	struct acase_run	 a;
	char			*cause;
	size_t			 i;
	int			 rc, bad = 0;

	(void)state;
	for (i = 0; i < NITEMS(acases); i++) {
		cause = NULL;
		a.c = &acases[i];
		rc = store_run(st, MT_LOGIN, "test", acase_tx, &a, &cause);
		if (rc != acases[i].rc || (acases[i].cause != NULL &&
		    (cause == NULL || strcmp(cause, acases[i].cause) != 0))) {
			print_message("# %s: rc %d (%s), want %d (%s)\n",
			    acases[i].what, rc, cause ? cause : "",
			    acases[i].rc, acases[i].cause ? acases[i].cause :
			    "");
			bad++;
		}
		free(cause);
	}
	assert_int_equal(bad, 0);
}

static int64_t
field_of(const char *entity, const char *code, const char *field)
{
	const struct entity_def	*e = dict_entity(entity);
	struct record		*r;
	struct value		 v;
	int64_t			 n;

	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)code;
	assert_int_equal(store_lookup(st, e, FX_CODE, &v, &r), ST_OK);
	n = record_int(r, dict_field_pos(e, field));
	record_free(r);
	return (n);
}

/* A payment as money.c posts it: the record, and the account's balance
 * moved in the same transaction. */
struct pay {
	const char	*code, *dir, *account, *amount, *status;
	int		 touch_balance;
};

static int
pay_tx(struct tx *x, void *arg, char **cause)
{
	const struct pay	*p = arg;
	const struct entity_def	*pe = dict_entity("payments");
	const struct entity_def	*ae = dict_entity("accounts");
	struct record		*r = record_new(pe), *a;
	struct value		 v;
	uint64_t		 id;
	int64_t			 amt;
	int			 rc;

	mt_set(r, "code", p->code);
	mt_set(r, "direction", p->dir);
	mt_set(r, "date", "2026-12-01");
	mt_set(r, "amount", p->amount);
	mt_set(r, "status", p->status);
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)p->account;
	if ((rc = tx_find(x, ae, FX_CODE, &v, &id)) != ST_OK)
		return (rc);
	record_set_int(r, dict_field_pos(pe, "account"), (int64_t)id);
	amt = record_int(r, dict_field_pos(pe, "amount"));
	rc = tx_insert(x, r, cause);
	record_free(r);
	if (rc != ST_OK || !p->touch_balance)
		return (rc);
	if ((rc = tx_get(x, ae, id, 1, &a)) != ST_OK)
		return (rc);
	record_set_int(a, dict_field_pos(ae, "balance"),
	    record_int(a, dict_field_pos(ae, "balance")) +
	    (strcmp(p->dir, "in") == 0 ? amt : -amt));
	rc = tx_update(x, a, record_rev(a), cause);
	record_free(a);
	return (rc);
}

/* An account edited as a form would: opening and notes. */
struct edit {
	const char	*code, *opening, *notes;
};

static int
edit_tx(struct tx *x, void *arg, char **cause)
{
	const struct edit	*ed = arg;
	const struct entity_def	*ae = dict_entity("accounts");
	struct record		*r;
	struct value		 v;
	uint64_t		 id;
	int			 rc;

	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)ed->code;
	if ((rc = tx_find(x, ae, FX_CODE, &v, &id)) != ST_OK ||
	    (rc = tx_get(x, ae, id, 0, &r)) != ST_OK)
		return (rc);
	mt_set(r, "opening", ed->opening);
	mt_set(r, "notes", ed->notes);
	/* What a client sends for the balance is not used. */
	record_set_int(r, dict_field_pos(ae, "balance"), 999);
	rc = model_save(x, r, record_rev(r), cause);
	record_free(r);
	return (rc);
}

static int
check(char **report)
{
	struct buf	 b = { NULL, 0, 0 };
	int		 rc;

	buf_adds(&b, "");
	rc = model_check(st, &b);
	*report = buf_steal(&b);
	return (rc);
}

static void
test_balance(void **state)
{
	static const struct pay pays[] = {
		{ "PAY-1", "in", "SBER", "300.00", "posted", 1 },
		{ "PAY-2", "out", "SBER", "100.00", "posted", 1 },
		{ "PAY-3", "in", "SBER", "50.00", "cancelled", 0 },
		{ "PAY-4", "in", "CASH", "7.00", "posted", 1 },
	};
	struct edit	 ed = { "SBER", "1500.00", NULL };
	char		*cause = NULL, *rep;
	size_t		 i;

	(void)state;
	/* Made by test_account_rules: the balance starts at the opening. */
	assert_int_equal(field_of("accounts", "SBER", "balance"), 100000);
	assert_int_equal(field_of("accounts", "ALFA", "balance"), 0);
	assert_int_equal(field_of("accounts", "CASH", "balance"), 5000);
	for (i = 0; i < NITEMS(pays); i++)
		assert_int_equal(store_run(st, MT_LOGIN, "test", pay_tx,
		    (void *)&pays[i], &cause), ST_OK);
	assert_int_equal(field_of("accounts", "SBER", "balance"), 120000);
	if (check(&rep) != 0)
		fail_msg("check: %s", rep);
	free(rep);

	/* The opening balance corrected: the balance moves by as much. */
	assert_int_equal(store_run(st, MT_LOGIN, "test", edit_tx, &ed,
	    &cause), ST_OK);
	assert_int_equal(field_of("accounts", "SBER", "opening"), 150000);
	assert_int_equal(field_of("accounts", "SBER", "balance"), 170000);
	/* Another edit leaves it. */
	ed.opening = NULL;
	ed.notes = "основной";
	assert_int_equal(store_run(st, MT_LOGIN, "test", edit_tx, &ed,
	    &cause), ST_OK);
	assert_int_equal(field_of("accounts", "SBER", "balance"), 170000);
	ed.code = "CASH";
	ed.opening = "0";
	assert_int_equal(store_run(st, MT_LOGIN, "test", edit_tx, &ed,
	    &cause), ST_OK);
	assert_int_equal(field_of("accounts", "CASH", "balance"), 700);
	assert_int_equal(check(&rep), 0);
	free(rep);

	/* A payment whose posting forgot the balance: check says so. */
	{
		struct pay	 p = { "PAY-5", "out", "ALFA", "12.34", "posted",
				     0 };

		assert_int_equal(store_run(st, MT_LOGIN, "test", pay_tx, &p,
		    &cause), ST_OK);
	}
	assert_int_equal(check(&rep), -1);
	assert_string_equal(rep, "accounts ALFA: balance 0,00, but the "
	    "opening 0,00 + in 0,00 - out 12,34 = -12,34\n");
	free(rep);
}

struct del {
	const char	*entity, *code;
};

static int
del_tx(struct tx *x, void *arg, char **cause)
{
	const struct del	*d = arg;
	const struct entity_def	*e = dict_entity(d->entity);
	struct record		*r;
	struct value		 v;
	uint64_t		 id;
	int			 rc;

	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)d->code;
	if ((rc = tx_find(x, e, FX_CODE, &v, &id)) != ST_OK ||
	    (rc = tx_get(x, e, id, 0, &r)) != ST_OK)
		return (rc);
	rc = model_delete(x, e, id, record_rev(r), cause);
	record_free(r);
	return (rc);
}

/* The company: one record, its INN, KPP and ОГРН agreeing. */
struct ccase {
	const char	*what;
	int		 create;
	const char	*name, *inn, *kpp, *ogrn, *account;
	int		 rc;
	const char	*cause;
};

static const struct ccase ccases[] = {
	{ "the firm", 1, "ООО «Демо»", "7701234560", "770101001",
	  "1027700123450", "SBER", ST_OK, NULL },
	{ "a second firm is refused", 1, "ООО «Другая»", NULL, NULL, NULL,
	  NULL, ST_INVALID, "the company's details are one record (OWN): "
	  "change it instead of adding another" },
	{ "an ОГРНИП for an organisation", 0, NULL, NULL, NULL,
	  "304500116200183", NULL, ST_INVALID, "column 'ogrn': an "
	  "organisation (INN of 10 digits) has an OGRN of 13 digits, got 15" },
	{ "an individual entrepreneur with a KPP", 0, NULL, "500312345614",
	  NULL, "304500116200183", NULL, ST_INVALID, "column 'kpp': an "
	  "individual entrepreneur (INN of 12 digits) has no KPP" },
	{ "an INN that fails its check digits", 0, NULL, "7701234561",
	  NULL, NULL, NULL, ST_INVALID, "column 'inn': 10 or 12 digits with "
	  "valid check digits expected, got \"7701234561\"" },
	{ "a renamed firm", 0, "ООО «Демо-Плюс»", NULL, NULL, NULL, NULL,
	  ST_OK, NULL },
};

static int
ccase_tx(struct tx *x, void *arg, char **cause)
{
	const struct ccase	*c = arg;
	const struct entity_def	*e = dict_entity("company");
	struct record		*r;
	struct value		 v;
	uint64_t		 id;
	int			 rc;

	if (c->create)
		r = record_new(e);
	else {
		memset(&v, 0, sizeof v);
		v.set = 1;
		v.s = (char *)COMPANY_CODE;
		if ((rc = tx_find(x, e, FX_CODE, &v, &id)) != ST_OK ||
		    (rc = tx_get(x, e, id, 0, &r)) != ST_OK)
			return (rc);
	}
	mt_set(r, "name", c->name);
	/* Set raw: the model checks what a client sends again. */
	if (c->inn != NULL)
		record_set_str(r, dict_field_pos(e, "inn"), c->inn);
	mt_set(r, "kpp", c->kpp);
	mt_set(r, "ogrn", c->ogrn);
	mt_set(r, "account", c->account);
	rc = model_save(x, r, record_rev(r), cause);
	record_free(r);
	return (rc);
}

static void
test_company(void **state)
{
	struct del	 d;
	char		*cause, *name;
	size_t		 i;
	int		 rc, bad = 0;

	(void)state;
	for (i = 0; i < NITEMS(ccases); i++) {
		cause = NULL;
		rc = store_run(st, MT_LOGIN, "test", ccase_tx,
		    (void *)&ccases[i], &cause);
		if (rc != ccases[i].rc || (ccases[i].cause != NULL &&
		    (cause == NULL || strcmp(cause, ccases[i].cause) != 0))) {
			print_message("# %s: rc %d (%s), want %d (%s)\n",
			    ccases[i].what, rc, cause ? cause : "",
			    ccases[i].rc, ccases[i].cause ? ccases[i].cause :
			    "");
			bad++;
		}
		free(cause);
	}
	assert_int_equal(bad, 0);
	assert_int_equal(store_count(st, dict_entity("company")), 1);
	/* The title bar's name follows the record. */
	name = store_meta_get(st, "company");
	assert_string_equal(name, "ООО «Демо-Плюс»");
	free(name);

	/* Deletes refused, each saying why. */
	cause = NULL;
	d.entity = "company";
	d.code = COMPANY_CODE;
	assert_int_equal(store_run(st, MT_LOGIN, "test", del_tx, &d, &cause),
	    ST_INVALID);
	assert_string_equal(cause, "the company's details are never deleted "
	    "(every document prints them): change them instead");
	free(cause);
	cause = NULL;
	d.entity = "accounts";
	d.code = "SBER";
	assert_int_equal(store_run(st, MT_LOGIN, "test", del_tx, &d, &cause),
	    ST_INVALID);
	assert_string_equal(cause, "account SBER has payments (PAY-1 among "
	    "them): its history stays; mark it closed instead");
	free(cause);
	cause = NULL;
	d.code = "ALFA";
	assert_int_equal(store_run(st, MT_LOGIN, "test", del_tx, &d, &cause),
	    ST_INVALID);
	assert_string_equal(cause, "account ALFA has payments (PAY-5 among "
	    "them): its history stays; mark it closed instead");
	free(cause);
}

/* An account with no payments goes, unless it is the firm's default. */
static void
test_delete_account(void **state)
{
	static const struct acase spare = {
		"spare", "SPARE", "bank", "АО «Альфа-Банк»", "044525593",
		"30101810200000000593", "40702810X01850000999", NULL, ST_OK,
		NULL
	};
	struct acase		 c = spare;
	struct acase_run	 a = { &c };
	struct del		 d = { "accounts", "SPARE" };
	struct ccase		 cc = { "default SPARE", 0, NULL, NULL, NULL,
				    NULL, "SPARE", ST_OK, NULL };
	char			 num[21], *cause = NULL;
	int			 k;

	(void)state;
	/* The control digit (the 9th) made to fit. */
	for (k = 0; k < 10; k++) {
		snprintf(num, sizeof num, "40702810%d01850000999", k);
		if (account_key_valid("044525593", num, 0))
			break;
	}
	assert_true(k < 10);
	c.number = num;
	assert_int_equal(store_run(st, MT_LOGIN, "test", acase_tx, &a,
	    &cause), ST_OK);
	assert_int_equal(store_run(st, MT_LOGIN, "test", ccase_tx, &cc,
	    &cause), ST_OK);
	assert_int_equal(store_run(st, MT_LOGIN, "test", del_tx, &d, &cause),
	    ST_INVALID);
	assert_string_equal(cause, "account SPARE is the company's default "
	    "account: choose another there first");
	free(cause);
	cause = NULL;
	cc.account = "SBER";
	assert_int_equal(store_run(st, MT_LOGIN, "test", ccase_tx, &cc,
	    &cause), ST_OK);
	assert_int_equal(store_run(st, MT_LOGIN, "test", del_tx, &d, &cause),
	    ST_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_account_rules),
		cmocka_unit_test(test_balance),
		cmocka_unit_test(test_company),
		cmocka_unit_test(test_delete_account),
	};

	return (cmocka_run_group_tests(tests, setup, teardown));
}
