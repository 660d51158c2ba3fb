/*
 * Searching the way Russian clerks type (src/db/store.c over the keys of
 * src/dict/norm.c), in a real store in a fresh temporary home: a phone by
 * any of its forms, a code typed on a Russian layout or as its number
 * alone, a firm by the words of its name whatever the quotes, sorted
 * without its legal form, and a secondary index whose keys an older binary made
 * differently is rebuilt when the home is opened.
 *
 * The records are put as they are, not through the model's validation:
 * that is how data stored by an older binary (a phone kept as typed,
 * "8 (495) 123-45-67") looks, and it must be found all the same.
 */
#include "config.h"

#include <sys/stat.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <db.h>
#include <ftw.h>
#include <unistd.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/norm.h"
#include "dict/record.h"
#include "xmalloc.h"

#define NITEMS(a)	(sizeof (a) / sizeof (a)[0])

static int	nfail;
#define EXPECT(cond, ...) do {						\
	if (!(cond)) {							\
		print_message("# %s:%d: ", __FILE__, __LINE__);		\
		print_message(__VA_ARGS__);				\
		print_message("\n");					\
		nfail++;						\
	}								\
} while (0)
#define TABLE_DONE() do {						\
	int n_ = nfail;							\
	nfail = 0;							\
	assert_int_equal(n_, 0);					\
} while (0)

static char		 tmpdir[] = "/tmp/kontor-search.XXXXXX";
static char		*home;
static struct store	*st;

/* The customers, in id order: C-000001, C-000002... */
static const char *const customers[][3] = {
	/* name, phone, city */
	{ "ООО «Ромашка»", "+7 (913) 339-05-46", "Новосибирск" },
	{ "АО «Альфа-Трейд»", "8 (495) 123-45-67", "Москва" },
	{ "Smith & Sons Ltd", "+44 20 7946 0958", "London" },
	{ "ИП Иванов", "1234", "Томск" },
	{ "ООО \"Альфа\"", NULL, "Москва" },
};

static int
fill_tx(struct tx *x, void *arg, char **cause)
{
	const struct entity_def	*e = dict_entity("customers");
	struct record		*r;
	size_t			 i;
	int			 rc;

	(void)arg;
	for (i = 0; i < NITEMS(customers); i++) {
		r = record_new(e);
		record_set_str(r, dict_field_pos(e, "name"), customers[i][0]);
		record_set_str(r, dict_field_pos(e, "kind"), "company");
		record_set_str(r, dict_field_pos(e, "phone"),
		    customers[i][1]);
		record_set_str(r, dict_field_pos(e, "city"), customers[i][2]);
		rc = tx_insert(x, r, cause);
		record_free(r);
		if (rc != ST_OK)
			return (rc);
	}
	return (ST_OK);
}

static int
rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return (remove(path));
}

static int
group_setup(void **state)
{
	char	*cause = NULL;

	(void)state;
	if (mkdtemp(tmpdir) == NULL)
		return (-1);
	xasprintf(&home, "%s/home", tmpdir);
	if (store_open(home, STORE_CREATE, &st, &cause) != 0 ||
	    store_run(st, "tester", "test", fill_tx, NULL, &cause) != ST_OK) {
		print_message("# setup: %s\n", cause ? cause : "?");
		free(cause);
		return (-1);
	}
	return (0);
}

static int
group_teardown(void **state)
{
	(void)state;
	store_close(st);
	free(home);
	return (nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS));
}

/* The codes a search finds, sorted, space-separated ("" for none). */
static char *
found(const char *entity, const char *field, int words, const char *q)
{
	const struct entity_def	*e = dict_entity(entity);
	struct record		**rows;
	struct buf		 b = { 0 };
	const char		*codes[64];
	size_t			 n, i, j;
	int			 rc;

	rc = store_search(st, e, dict_field_pos(e, field), words, q, 64,
	    &rows, &n);
	if (rc != ST_OK)
		return (xstrdup("(error)"));
	for (i = 0; i < n; i++) {
		codes[i] = record_str(rows[i], FX_CODE);
		for (j = i; j > 0 && strcmp(codes[j - 1], codes[j]) > 0; j--) {
			const char *t = codes[j];

			codes[j] = codes[j - 1];
			codes[j - 1] = t;
		}
	}
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? " " : "", codes[i]);
	for (i = 0; i < n; i++)
		record_free(rows[i]);
	free(rows);
	return (buf_steal(&b));
}

struct search_row {
	const char	*field;
	int		 words;
	const char	*q;
	const char	*want;
};

static void
run_search(const struct search_row *rows, size_t n)
{
	size_t	 i;
	char	*got;

	for (i = 0; i < n; i++) {
		got = found("customers", rows[i].field, rows[i].words,
		    rows[i].q);
		EXPECT(strcmp(got, rows[i].want) == 0,
		    "search %s \"%s\": got \"%s\", want \"%s\"",
		    rows[i].field, rows[i].q, got, rows[i].want);
		free(got);
	}
	TABLE_DONE();
}

/* A phone by any of its forms, by its last digits; an old, unnormalised
 * one as well as a stored one. */
static void
test_phone_search(void **state)
{
	static const struct search_row rows[] = {
		{ "phone", 1, "8 (913) 339-05-46", "C-000001" },
		{ "phone", 1, "+7 (913) 339-05-46", "C-000001" },
		{ "phone", 1, "89133390546", "C-000001" },
		{ "phone", 1, "79133390546", "C-000001" },
		{ "phone", 1, "9133390546", "C-000001" },
		{ "phone", 1, "8 (913", "C-000001" },
		{ "phone", 1, "+7 913 339", "C-000001" },
		{ "phone", 1, "339-05-46", "C-000001" },
		{ "phone", 1, "05-46", "C-000001" },
		/* Stored as typed by an older binary. */
		{ "phone", 1, "+7 (495) 123-45-67", "C-000002" },
		{ "phone", 1, "8 495 123", "C-000002" },
		{ "phone", 1, "4567", "C-000002" },
		{ "phone", 1, "+44 20", "C-000003" },
		{ "phone", 1, "0958", "C-000003" },
		/* An internal line, and a number whose last 7 start so. */
		{ "phone", 1, "1234", "C-000002 C-000004" },
		{ "phone", 1, "8 (999)", "" },
		{ "phone", 1, "", "" },
		{ "phone", 1, "нет цифр", "" },
		/* The sorted index too (duplicate warnings use it). */
		{ "phone", 0, "8 (495) 123-45-67", "C-000002" },
	};

	(void)state;
	run_search(rows, NITEMS(rows));
}

/* A code by its Cyrillic look-alike, in any case, or by its number. */
static void
test_code_search(void **state)
{
	static const struct search_row rows[] = {
		{ "code", 0, "C-000001", "C-000001" },
		{ "code", 0, "С-000001", "C-000001" },	/* Cyrillic */
		{ "code", 0, "с-00000", "C-000001 C-000002 C-000003 "
		  "C-000004 C-000005" },
		{ "code", 0, "1", "C-000001" },
		{ "code", 0, "с-2", "C-000002" },
		{ "code", 0, "000003", "C-000003" },
		{ "code", 0, "0003", "" },
		{ "code", 0, "9", "" },
	};
	static const struct {
		const char	*code;
		const char	*want;
	} lookups[] = {
		{ "C-000001", "C-000001" },
		{ "С-000001", "C-000001" },
		{ "с-000004", "C-000004" },
		{ "4", "C-000004" },
		{ "С 2", "C-000002" },
		{ "0004", NULL },
		{ "6", NULL },
	};
	const struct entity_def	*e = dict_entity("customers");
	struct record		*r;
	struct value		 v;
	size_t			 i;
	int			 rc;

	(void)state;
	run_search(rows, NITEMS(rows));
	for (i = 0; i < NITEMS(lookups); i++) {
		memset(&v, 0, sizeof v);
		v.set = 1;
		v.s = (char *)lookups[i].code;
		rc = store_lookup(st, e, FX_CODE, &v, &r);
		if (lookups[i].want == NULL) {
			EXPECT(rc == ST_NOTFOUND, "lookup \"%s\" = %d",
			    lookups[i].code, rc);
			if (rc == ST_OK)
				record_free(r);
			continue;
		}
		EXPECT(rc == ST_OK, "lookup \"%s\" = %d", lookups[i].code, rc);
		if (rc != ST_OK)
			continue;
		EXPECT(strcmp(record_str(r, FX_CODE), lookups[i].want) == 0,
		    "lookup \"%s\": %s", lookups[i].code,
		    record_str(r, FX_CODE));
		record_free(r);
	}
	TABLE_DONE();
}

/* A name by its words, whatever quotes and dashes it has or the query
 * has; sorted without the legal form. */
static void
test_name_search(void **state)
{
	static const struct search_row rows[] = {
		{ "name", 1, "ооо ромашка", "C-000001" },
		{ "name", 1, "ромашка", "C-000001" },
		{ "name", 1, "ООО «Ромашка»", "C-000001" },
		{ "name", 1, "ооо \"ром", "C-000001" },
		{ "name", 1, "«ромашка»", "C-000001" },
		{ "name", 1, "альфа", "C-000002 C-000005" },
		{ "name", 1, "альфа-трейд", "C-000002" },
		{ "name", 1, "альфа трейд", "C-000002" },
		{ "name", 1, "ао альфа", "C-000002" },
		{ "name", 1, "ооо", "C-000001 C-000005" },
		{ "name", 1, "smith & sons", "C-000003" },
		{ "name", 1, "«»", "" },
		{ "name", 1, "машка", "" },
		/* A word that begins the sort key is found by the name's
		 * plain index (not kept in the word index twice). */
		{ "name", 1, "иванов", "C-000004" },
		{ "name", 1, "ив", "C-000004" },
		{ "name", 1, "трейд", "C-000002" },
		{ "name", 1, "sons", "C-000003" },
	};
	const struct entity_def	*e = dict_entity("customers");
	struct record		**got;
	struct buf		 b = { 0 };
	size_t			 n, i;

	(void)state;
	run_search(rows, NITEMS(rows));
	/* By name: ООО «Альфа» next to АО «Альфа-Трейд». */
	assert_int_equal(store_scan(st, e, dict_field_pos(e, "name"), NULL, 0,
	    1, 10, &got, &n), ST_OK);
	for (i = 0; i < n; i++) {
		buf_printf(&b, "%s%s", i ? " " : "", record_str(got[i],
		    FX_CODE));
		record_free(got[i]);
	}
	free(got);
	assert_string_equal(b.data,
	    "C-000003 C-000005 C-000002 C-000004 C-000001");
	buf_free(&b);
}

/*
 * The store closed and its environment opened raw, with index sub of
 * customers.db (a sorted duplicate set): for a test to damage it.
 */
static int
raw_index(const char *sub, DB_ENV **envp, DB **dbp)
{
	DB_ENV	*env;
	DB	*db;
	int	 ret;

	store_close(st);
	st = NULL;
	if ((ret = db_env_create(&env, 0)) != 0)
		return (ret);
	if ((ret = env->open(env, home, DB_CREATE | DB_INIT_TXN |
	    DB_INIT_LOCK | DB_INIT_LOG | DB_INIT_MPOOL | DB_RECOVER,
	    0600)) != 0 || (ret = db_create(&db, env, 0)) != 0) {
		env->close(env, 0);
		return (ret);
	}
	db->set_flags(db, DB_DUP | DB_DUPSORT);
	if ((ret = db->open(db, NULL, "customers.db", sub, DB_BTREE,
	    DB_AUTO_COMMIT, 0600)) != 0) {
		db->close(db, 0);
		env->close(env, 0);
		return (ret);
	}
	*envp = env;
	*dbp = db;
	return (0);
}

/*
 * A stale index: close the store, put a key into customers' phone word
 * index that this binary would never make (as an older binary's keys
 * would be), and say which key format the index has.  0 or a DB error.
 */
static int
make_stale(const char *format, const char *stale)
{
	DB_ENV		*env;
	DB		*db, *meta;
	DBT		 k, d;
	unsigned char	 pk[8];
	char		 mk[] = "keyfmt:customers.phone.words";
	int		 ret;

	if ((ret = raw_index("phone.words", &env, &db)) != 0)
		return (ret);
	norm_u64(1, pk);
	memset(&k, 0, sizeof k);
	memset(&d, 0, sizeof d);
	k.data = (void *)stale;
	k.size = (u_int32_t)strlen(stale);
	d.data = pk;
	d.size = 8;
	ret = db->put(db, NULL, &k, &d, DB_AUTO_COMMIT);
	db->close(db, 0);
	if (ret != 0)
		goto out;
	if ((ret = db_create(&meta, env, 0)) != 0)
		goto out;
	if ((ret = meta->open(meta, NULL, "sys.db", "meta", DB_BTREE,
	    DB_AUTO_COMMIT, 0600)) != 0)
		goto out;
	k.data = mk;
	k.size = (u_int32_t)strlen(mk);
	d.data = (void *)format;
	d.size = (u_int32_t)strlen(format);
	ret = meta->put(meta, NULL, &k, &d, DB_AUTO_COMMIT);
	meta->close(meta, 0);
out:
	env->close(env, 0);
	return (ret);
}

static int
reopen(void)
{
	char	*cause = NULL;

	if (store_open(home, 0, &st, &cause) != 0) {
		print_message("# store_open: %s\n", cause);
		free(cause);
		return (-1);
	}
	return (0);
}

static void
test_rebuild(void **state)
{
	const struct entity_def	*e = dict_entity("customers");
	struct buf		 report = { 0 };
	char			 fmt[16], *got, *have;

	(void)state;
	snprintf(fmt, sizeof fmt, "%d",
	    norm_key_format(dict_field(e, "phone"), 1));
	/* Every index of a new home has its format stored. */
	have = store_meta_get(st, "keyfmt:customers.phone.words");
	assert_non_null(have);
	assert_string_equal(have, fmt);
	free(have);
	have = store_meta_get(st, "keyfmt:customers.city");
	assert_non_null(have);
	free(have);

	/* The format says current: nothing is rebuilt, and the check
	 * finds the stale entry (so the check would see a stale index). */
	assert_int_equal(make_stale(fmt, "89990000000"), 0);
	assert_int_equal(reopen(), 0);
	got = found("customers", "phone", 1, "8999");
	assert_string_equal(got, "C-000001");
	free(got);
	assert_int_equal(store_verify(st, &report), -1);
	assert_non_null(report.data);
	assert_non_null(strstr(report.data, "customers 1: index phone.words "
	    "has an entry the record does not have"));
	buf_free(&report);

	/* An older format: rebuilt at open, the stale key gone. */
	assert_int_equal(make_stale("1", "89990000001"), 0);
	assert_int_equal(reopen(), 0);
	got = found("customers", "phone", 1, "8999");
	assert_string_equal(got, "");
	free(got);
	got = found("customers", "phone", 1, "8 (913) 339");
	assert_string_equal(got, "C-000001");
	free(got);
	have = store_meta_get(st, "keyfmt:customers.phone.words");
	assert_string_equal(have, fmt);
	free(have);
	memset(&report, 0, sizeof report);
	if (store_verify(st, &report) != 0)
		print_message("# %s", report.data ? report.data : "");
	assert_null(report.data);
	buf_free(&report);
}

/*
 * Record 2's city entry swapped for one it does not have: the index holds
 * as many entries as the records have keys, yet the check names both the
 * entry missing and the stray one (a count alone would not tell).
 */
static int
swap_city(void)
{
	DB_ENV		*env;
	DB		*db;
	DB_TXN		*t;
	DBC		*c;
	DBT		 k, d;
	unsigned char	 pk[8];
	int		 ret, del = 0;

	if ((ret = raw_index("city", &env, &db)) != 0)
		return (ret);
	norm_u64(2, pk);
	if ((ret = env->txn_begin(env, NULL, &t, 0)) != 0) {
		db->close(db, 0);
		goto out;
	}
	if ((ret = db->cursor(db, t, &c, 0)) == 0) {
		memset(&k, 0, sizeof k);
		memset(&d, 0, sizeof d);
		while ((ret = c->get(c, &k, &d, DB_NEXT)) == 0)
			if (d.size == 8 && memcmp(d.data, pk, 8) == 0 &&
			    (ret = c->del(c, 0)) == 0)
				del++;
		c->close(c);
	}
	if (ret == DB_NOTFOUND)
		ret = del == 1 ? 0 : -1;
	if (ret == 0) {
		memset(&k, 0, sizeof k);
		memset(&d, 0, sizeof d);
		k.data = (void *)"zzz-stray";
		k.size = 9;
		d.data = pk;
		d.size = 8;
		ret = db->put(db, t, &k, &d, 0);
	}
	if (ret == 0)
		ret = t->commit(t, 0);
	else
		t->abort(t);
	db->close(db, 0);
out:
	env->close(env, 0);
	return (ret);
}

static void
test_verify_swap(void **state)
{
	struct buf	 report = { 0 };

	(void)state;
	assert_int_equal(store_verify(st, &report), 0);
	buf_free(&report);
	memset(&report, 0, sizeof report);
	assert_int_equal(swap_city(), 0);
	assert_int_equal(reopen(), 0);
	assert_int_equal(store_verify(st, &report), -1);
	assert_non_null(report.data);
	assert_non_null(strstr(report.data, "customers 2: missing from index "
	    "city"));
	assert_non_null(strstr(report.data, "customers 2: index city has an "
	    "entry the record does not have"));
	buf_free(&report);
}

/*
 * An update that changes no indexed field goes past the indexes (put
 * through an unassociated handle, store.c's pri_same); one that changes
 * any goes through them.  Either way the indexes find the record as it
 * now is, under its new keys only, and verify finds nothing amiss.
 */
struct upd_arg {
	const char	*field;
	const char	*value;
};

static int
upd_tx(struct tx *x, void *arg, char **cause)
{
	const struct entity_def	*e = dict_entity("customers");
	struct upd_arg		*a = arg;
	struct record		*r, *was;
	int			 rc;

	if ((rc = tx_get(x, e, 4, 1, &r)) != ST_OK)
		return (rc);
	was = record_dup(r);
	record_set_str(r, dict_field_pos(e, a->field), a->value);
	rc = tx_update_old(x, r, was, record_rev(was), cause);
	record_free(was);
	record_free(r);
	return (rc);
}

static void
upd(const char *field, const char *value)
{
	struct upd_arg	 a = { field, value };
	char		*cause = NULL;

	assert_int_equal(store_run(st, "tester", "test", upd_tx, &a, &cause),
	    ST_OK);
}

static void
test_update_keys(void **state)
{
	const struct entity_def	*e = dict_entity("customers");
	struct record		*r;
	struct value		 v;
	struct buf		 report = { 0 };
	char			*s;

	(void)state;
	/* No indexed field changed: the address. */
	upd("address", "пр. Ленина, 1");
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)"Томск";
	assert_int_equal(store_lookup(st, e, dict_field_pos(e, "city"), &v,
	    &r), ST_OK);
	assert_int_equal(record_id(r), 4);
	assert_string_equal(record_str(r, dict_field_pos(e, "address")),
	    "пр. Ленина, 1");
	assert_int_equal(record_rev(r), 2);
	record_free(r);
	/* An indexed one: the city; then a searched one: the tags. */
	upd("city", "Омск");
	v.s = (char *)"Омск";
	assert_int_equal(store_lookup(st, e, dict_field_pos(e, "city"), &v,
	    &r), ST_OK);
	assert_string_equal(record_str(r, dict_field_pos(e, "address")),
	    "пр. Ленина, 1");
	record_free(r);
	v.s = (char *)"Томск";
	assert_int_equal(store_lookup(st, e, dict_field_pos(e, "city"), &v,
	    &r), ST_NOTFOUND);
	upd("tags", "опт");
	s = found("customers", "tags", 1, "опт");
	assert_string_not_equal(s, "");
	free(s);
	assert_int_equal(store_verify(st, &report), 0);
	buf_free(&report);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phone_search),
		cmocka_unit_test(test_code_search),
		cmocka_unit_test(test_name_search),
		cmocka_unit_test(test_update_keys),
		cmocka_unit_test(test_rebuild),
		cmocka_unit_test(test_verify_swap),
	};

	return (cmocka_run_group_tests(tests, group_setup, group_teardown));
}
