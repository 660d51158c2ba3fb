/*
 * A write transaction's records read once (src/db/store.c, tx_get's
 * cache of the records it read or wrote) and a put's index keys taken
 * from one unpacking of the new and of the replaced record: within one
 * transaction a read sees the transaction's own writes at once (an
 * update, a second update, a delete), the secondary indexes lose the
 * keys of the replaced record and gain the new ones at each update, and
 * an audit entry names a reference by the code its target has at that
 * moment, changed earlier in the same transaction; after the commit the
 * store holds the same.
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

#include "audit.h"
#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "tests/model/mtest.h"
#include "xmalloc.h"

static struct store	*st;
static uint64_t		 cust_id, contact_id;
/* Checks inside a transaction's body count here: a cmocka assert
 * there would jump out of store_run with the turn held. */
static int		 nbad;
#define CHECK(cond) do {						\
	if (!(cond)) {							\
		print_message("# %s:%d: %s\n", __FILE__, __LINE__,	\
		    #cond);						\
		nbad++;							\
	}								\
} while (0)

static int
streq(const char *a, const char *b)
{
	return (a != NULL && strcmp(a, b) == 0);
}

static int
group_setup(void **state)
{
	(void)state;
	if ((st = mt_open("rcache", NULL, NULL)) == NULL)
		return (-1);
	return (0);
}

/* The id of e's record with that code, by its index in tx; 0: none. */
static uint64_t
find_code(struct tx *x, const struct entity_def *e, const char *code)
{
	struct value	 v;
	uint64_t	 id = 0;

	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)code;
	if (tx_find(x, e, FX_CODE, &v, &id) != ST_OK)
		return (0);
	return (id);
}

/* Read e's id in x, write-locked or not, and change one field. */
static int
change(struct tx *x, const struct entity_def *e, uint64_t id, int rmw,
    const char *field, const char *to, char **cause)
{
	struct record	*old, *r;
	int		 rc;

	if ((rc = tx_get(x, e, id, rmw, &old)) != ST_OK)
		return (rc);
	r = record_dup(old);
	record_set_str(r, dict_field_pos(e, field), to);
	rc = tx_update_old(x, r, old, record_rev(old), cause);
	record_free(r);
	record_free(old);
	return (rc);
}

static int
own_writes_tx(struct tx *x, void *arg, char **cause)
{
	const struct entity_def	*ce = dict_entity("customers");
	const struct entity_def	*pe = dict_entity("contacts");
	struct record		*r = NULL, *c = NULL;
	int			 rc;

	(void)arg;
	r = record_new(ce);
	record_set_str(r, FX_CODE, "ALPHA");
	record_set_str(r, dict_field_pos(ce, "name"), "ООО «Альфа»");
	record_set_str(r, dict_field_pos(ce, "kind"), "company");
	record_set_str(r, dict_field_pos(ce, "city"), "Томск");
	if ((rc = tx_insert(x, r, cause)) != ST_OK) {
		record_free(r);
		return (rc);
	}
	cust_id = record_id(r);
	record_free(r);
	r = NULL;

	/* Read (kept), then changed: the next read sees the change. */
	CHECK(tx_get(x, ce, cust_id, 0, &r) == ST_OK &&
	    streq(record_str(r, FX_CODE), "ALPHA") && record_rev(r) == 1);
	record_free(r);
	r = NULL;
	if ((rc = change(x, ce, cust_id, 1, "code", "BETA", cause)) != ST_OK)
		return (rc);
	CHECK(tx_get(x, ce, cust_id, 0, &r) == ST_OK &&
	    streq(record_str(r, FX_CODE), "BETA") && record_rev(r) == 2);
	record_free(r);
	r = NULL;
	CHECK(find_code(x, ce, "ALPHA") == 0);
	CHECK(find_code(x, ce, "BETA") == cust_id);

	/* A contact made now names its customer by the code it has now. */
	c = record_new(pe);
	record_set_int(c, dict_field_pos(pe, "customer"), (int64_t)cust_id);
	record_set_str(c, dict_field_pos(pe, "name"), "Иванов И. И.");
	if ((rc = tx_insert(x, c, cause)) != ST_OK) {
		record_free(c);
		return (rc);
	}
	contact_id = record_id(c);
	record_free(c);

	/* A second and a third update in the same transaction: each
	 * replaces the one before, its keys out of the indexes. */
	if ((rc = change(x, ce, cust_id, 0, "city", "Омск", cause)) != ST_OK ||
	    (rc = change(x, ce, cust_id, 1, "code", "GAMMA", cause)) != ST_OK)
		return (rc);
	CHECK(tx_get(x, ce, cust_id, 1, &r) == ST_OK &&
	    streq(record_str(r, FX_CODE), "GAMMA") &&
	    streq(record_str(r, dict_field_pos(ce, "city")), "Омск") &&
	    record_rev(r) == 4);
	record_free(r);
	r = NULL;
	CHECK(find_code(x, ce, "BETA") == 0);
	CHECK(find_code(x, ce, "GAMMA") == cust_id);

	/* Updates that change no indexed field go past the indexes
	 * (put_rec's same_keys): each still leaves the transaction's copy
	 * as written, or the second would start from the first's old
	 * record (a stock row's on hand counted twice, lost). */
	if ((rc = change(x, ce, cust_id, 1, "address", "ул. Ленина, 1",
	    cause)) != ST_OK)
		return (rc);
	CHECK(tx_get(x, ce, cust_id, 1, &r) == ST_OK &&
	    streq(record_str(r, dict_field_pos(ce, "address")),
	    "ул. Ленина, 1") && record_rev(r) == 5);
	record_free(r);
	r = NULL;
	if ((rc = change(x, ce, cust_id, 1, "address", "ул. Мира, 2",
	    cause)) != ST_OK)
		return (rc);
	CHECK(tx_get(x, ce, cust_id, 0, &r) == ST_OK &&
	    streq(record_str(r, dict_field_pos(ce, "address")),
	    "ул. Мира, 2") &&
	    streq(record_str(r, FX_CODE), "GAMMA") && record_rev(r) == 6);
	record_free(r);
	r = NULL;
	CHECK(find_code(x, ce, "GAMMA") == cust_id);

	/* Deleted: not read back from anywhere. */
	if ((rc = tx_delete(x, pe, contact_id, 0, cause)) != ST_OK)
		return (rc);
	CHECK(tx_get(x, pe, contact_id, 0, &c) == ST_NOTFOUND);
	CHECK(tx_get(x, pe, contact_id, 1, &c) == ST_NOTFOUND);
	return (ST_OK);
}

struct walk {
	int	 creates;	/* the contact's create entries */
	char	*customer;	/* ... their customer field, after */
	int	 updates;	/* the customer's update entries */
};

static int
walk_fn(const struct audit_entry *a, void *arg)
{
	struct walk	*w = arg;
	size_t		 i;

	if (strcmp(a->entity, "contacts") == 0 && a->id == contact_id &&
	    strcmp(a->action, "create") == 0) {
		w->creates++;
		for (i = 0; i < a->nch; i++)
			if (strcmp(a->ch[i].field, "customer") == 0 &&
			    a->ch[i].after != NULL) {
				free(w->customer);
				w->customer = xstrdup(a->ch[i].after);
			}
	}
	if (strcmp(a->entity, "customers") == 0 && a->id == cust_id &&
	    strcmp(a->action, "update") == 0)
		w->updates++;
	return (0);
}

static void
test_own_writes(void **state)
{
	const struct entity_def	*ce = dict_entity("customers");
	struct record		*r;
	struct value		 v;
	struct walk		 w;
	char			*cause = NULL;

	(void)state;
	nbad = 0;
	assert_int_equal(store_run(st, MT_LOGIN, "test", own_writes_tx, NULL,
	    &cause), ST_OK);
	free(cause);
	assert_int_equal(nbad, 0);

	/* Committed: the same seen from outside. */
	assert_int_equal(store_get(st, ce, cust_id, &r), ST_OK);
	assert_string_equal(record_str(r, FX_CODE), "GAMMA");
	assert_string_equal(record_str(r, dict_field_pos(ce, "address")),
	    "ул. Мира, 2");
	assert_int_equal(record_rev(r), 6);
	record_free(r);
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = "BETA";
	assert_int_equal(store_lookup(st, ce, FX_CODE, &v, &r), ST_NOTFOUND);
	v.s = "ALPHA";
	assert_int_equal(store_lookup(st, ce, FX_CODE, &v, &r), ST_NOTFOUND);
	v.s = "GAMMA";
	assert_int_equal(store_lookup(st, ce, FX_CODE, &v, &r), ST_OK);
	assert_int_equal(record_id(r), cust_id);
	record_free(r);
	assert_int_equal(store_get(st, dict_entity("contacts"), contact_id,
	    &r), ST_NOTFOUND);

	/* The audit: the contact's customer as BETA, its code then. */
	memset(&w, 0, sizeof w);
	assert_int_equal(store_audit_walk(st, 0, walk_fn, &w, &cause), 0);
	assert_int_equal(w.creates, 1);
	assert_non_null(w.customer);
	assert_string_equal(w.customer, "BETA");
	assert_int_equal(w.updates, 5);
	free(w.customer);
}

/* A record read, then changed by another transaction, then read again
 * in a third: each transaction reads what is committed, nothing kept
 * from the one before. */
static int
read_city_tx(struct tx *x, void *arg, char **cause)
{
	struct record	*r;
	int		 rc;

	(void)cause;
	if ((rc = tx_get(x, dict_entity("customers"), cust_id, 0, &r)) !=
	    ST_OK)
		return (rc);
	snprintf(arg, 64, "%s", record_str(r, dict_field_pos(r->ent,
	    "city")));
	record_free(r);
	return (ST_OK);
}

static int
set_city_tx(struct tx *x, void *arg, char **cause)
{
	return (change(x, dict_entity("customers"), cust_id, 1, "city", arg,
	    cause));
}

static void
test_between_transactions(void **state)
{
	char	 city[64];
	char	*cause = NULL;

	(void)state;
	assert_int_equal(store_run(st, MT_LOGIN, "test", read_city_tx, city,
	    &cause), ST_OK);
	assert_string_equal(city, "Омск");
	assert_int_equal(store_run(st, MT_LOGIN, "test", set_city_tx,
	    "Тверь", &cause), ST_OK);
	assert_int_equal(store_run(st, MT_LOGIN, "test", read_city_tx, city,
	    &cause), ST_OK);
	assert_string_equal(city, "Тверь");
	free(cause);
}

/*
 * An update given an old record this transaction has since updated
 * another way (read, renamed, then written from the first read): said as
 * a conflict and nothing written, not put past the indexes (the stale
 * old's keys equal to the new record's, the stored record's not), which
 * left the code index naming a code the record no longer had.
 */
static int
stale_old_tx(struct tx *x, void *arg, char **cause)
{
	const struct entity_def	*ce = dict_entity("customers");
	struct record		*old, *r;
	int			 rc;

	if ((rc = tx_get(x, ce, cust_id, 1, &old)) != ST_OK)
		return (rc);
	if ((rc = change(x, ce, cust_id, 1, "code", "DELTA", cause)) !=
	    ST_OK) {
		record_free(old);
		return (rc);
	}
	r = record_dup(old);
	record_set_str(r, dict_field_pos(ce, "address"), "ул. Садовая, 3");
	*(int *)arg = tx_update_old(x, r, old, record_rev(old), cause);
	record_free(r);
	record_free(old);
	return (ST_CONFLICT);	/* nothing of it kept */
}

static void
test_stale_old(void **state)
{
	const struct entity_def	*ce = dict_entity("customers");
	struct buf		 report = { 0 };
	struct record		*r;
	char			*cause = NULL;
	int			 got = -1;

	(void)state;
	assert_int_equal(store_run(st, MT_LOGIN, "test", stale_old_tx, &got,
	    &cause), ST_CONFLICT);
	assert_int_equal(got, ST_CONFLICT);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "DELTA"));
	free(cause);
	assert_int_equal(store_get(st, ce, cust_id, &r), ST_OK);
	assert_string_equal(record_str(r, FX_CODE), "GAMMA");
	record_free(r);
	assert_int_equal(store_verify(st, &report), 0);
	free(report.data);
}

/*
 * tx_exists and tx_field (issue 16): a record's existence and one field
 * without decoding it, from the transaction's copy or read into it; a
 * field not set reads as not set; the transaction's own change is seen;
 * a reader, which keeps no copies, answers the same.
 */
static int
exists_field_tx(struct tx *x, void *arg, char **cause)
{
	const struct entity_def	*ce = dict_entity("customers");
	struct value		 v;
	int			 rc;

	(void)arg;
	CHECK(tx_exists(x, ce, cust_id) == ST_OK);
	CHECK(tx_exists(x, ce, cust_id + 1000) == ST_NOTFOUND);
	CHECK(tx_field(x, ce, cust_id + 1000, FX_CODE, &v) == ST_NOTFOUND);
	CHECK(tx_field(x, ce, cust_id, dict_field_pos(ce, "city"), &v) ==
	    ST_OK && v.set && streq(v.s, "Тверь"));
	value_free(&v);
	CHECK(tx_field(x, ce, cust_id, dict_field_pos(ce, "inn"), &v) ==
	    ST_OK && !v.set);
	CHECK(tx_field(x, ce, cust_id, FX_REV, &v) == ST_OK && v.set &&
	    v.s == NULL && v.i >= 3);
	if (arg == NULL)
		return (ST_OK);		/* a reader */
	if ((rc = change(x, ce, cust_id, 1, "city", "Пермь", cause)) !=
	    ST_OK)
		return (rc);
	CHECK(tx_field(x, ce, cust_id, dict_field_pos(ce, "city"), &v) ==
	    ST_OK && streq(v.s, "Пермь"));
	value_free(&v);
	return (ST_ABORT);
}

static void
test_exists_field(void **state)
{
	char	*cause = NULL;
	int	 rc;

	(void)state;
	nbad = 0;
	rc = store_run(st, MT_LOGIN, "test", exists_field_tx, "w", &cause);
	assert_true(rc == ST_ABORT || rc == ST_OK);
	assert_int_equal(store_read(st, 0, exists_field_tx, NULL, &cause),
	    ST_OK);
	assert_int_equal(nbad, 0);
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_own_writes),
		cmocka_unit_test(test_between_transactions),
		cmocka_unit_test(test_stale_old),
		cmocka_unit_test(test_exists_field),
	};

	return (cmocka_run_group_tests(tests, group_setup, mt_teardown));
}
