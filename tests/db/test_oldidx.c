/*
 * A home made by an older binary, whose files hold indexes this one no
 * longer keeps (issue 16 dropped stock_docs.type and .status and
 * stock_moves.warehouse; an earlier change stock_moves.code) or lack one
 * it keeps: opened, the dropped ones are gone from the files with their
 * key format, the missing one is built from the records, and the check
 * passes.  The old layout is made by hand through Berkeley DB, with the
 * store closed, as test_search's stale index is.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <db.h>
#include <unistd.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/norm.h"
#include "dict/record.h"
#include "tests/model/mtest.h"
#include "xmalloc.h"

static struct store	*st;
static uint64_t		 doc_id;

static int
fill_tx(struct tx *x, void *arg, char **cause)
{
	const struct entity_def	*e = dict_entity("stock_docs");
	struct record		*r;
	int			 rc;

	(void)arg;
	r = record_new(e);
	record_set_str(r, FX_CODE, "RCP-2026-000001");
	record_set_str(r, dict_field_pos(e, "type"), "receipt");
	record_set_str(r, dict_field_pos(e, "status"), "draft");
	record_set_int(r, dict_field_pos(e, "date"), 20261205);
	rc = tx_insert(x, r, cause);
	doc_id = record_id(r);
	record_free(r);
	return (rc);
}

/* The scratch store of tests/model/mtest.c, the document in it; torn
 * down as it is at the end, reopened or not. */
static int
group_setup(void **state)
{
	(void)state;
	return ((st = mt_open("oldidx", fill_tx, NULL)) == NULL ? -1 : 0);
}

static int
group_teardown(void **state)
{
	(void)state;
	return (mt_close(st));
}

/* The store closed, its environment opened raw; 0 or a DB error. */
static int
raw_env(DB_ENV **envp)
{
	DB_ENV	*env;
	int	 ret;

	store_close(st);
	st = NULL;
	if ((ret = db_env_create(&env, 0)) != 0)
		return (ret);
	if ((ret = env->open(env, mt_home(), DB_CREATE | DB_INIT_TXN |
	    DB_INIT_LOCK | DB_INIT_LOG | DB_INIT_MPOOL | DB_RECOVER,
	    0600)) != 0) {
		env->close(env, 0);
		return (ret);
	}
	*envp = env;
	return (0);
}

/* Open file's subdatabase sub as an index (sorted duplicates); create:
 * make it when missing. */
static int
raw_open(DB_ENV *env, const char *file, const char *sub, int create,
    DB **dbp)
{
	DB	*db;
	int	 ret;

	if ((ret = db_create(&db, env, 0)) != 0)
		return (ret);
	db->set_flags(db, DB_DUP | DB_DUPSORT);
	if ((ret = db->open(db, NULL, file, sub, DB_BTREE, DB_AUTO_COMMIT |
	    (create ? DB_CREATE : 0), 0600)) != 0) {
		db->close(db, 0);
		return (ret);
	}
	*dbp = db;
	return (0);
}

static int
raw_put(DB *db, const char *key, uint64_t id)
{
	unsigned char	 pk[8];
	DBT		 k, d;

	norm_u64(id, pk);
	memset(&k, 0, sizeof k);
	memset(&d, 0, sizeof d);
	k.data = (void *)key;
	k.size = (u_int32_t)strlen(key);
	d.data = pk;
	d.size = sizeof pk;
	return (db->put(db, NULL, &k, &d, DB_AUTO_COMMIT));
}

/*
 * The layout of an older binary: stock_docs.db with a status index (the
 * document's key in it) and its key format, stock_moves.db with a code
 * index, and stock_docs' date index missing (as if that binary had none).
 */
static int
make_old(void)
{
	DB_ENV	*env;
	DB	*db;
	int	 ret;

	if ((ret = raw_env(&env)) != 0)
		return (ret);
	if ((ret = raw_open(env, "stock_docs.db", "status", 1, &db)) != 0)
		goto out;
	ret = raw_put(db, "draft", doc_id);
	db->close(db, 0);
	if (ret != 0)
		goto out;
	if ((ret = raw_open(env, "stock_moves.db", "code", 1, &db)) != 0)
		goto out;
	db->close(db, 0);
	if ((ret = db_create(&db, env, 0)) != 0)
		goto out;
	if ((ret = db->open(db, NULL, "sys.db", "meta", DB_BTREE,
	    DB_AUTO_COMMIT, 0600)) != 0) {
		db->close(db, 0);
		goto out;
	}
	{
		DBT	 k, d;

		memset(&k, 0, sizeof k);
		memset(&d, 0, sizeof d);
		k.data = (void *)"keyfmt:stock_docs.status";
		k.size = (u_int32_t)strlen(k.data);
		d.data = (void *)"1";
		d.size = 1;
		ret = db->put(db, NULL, &k, &d, DB_AUTO_COMMIT);
	}
	db->close(db, 0);
	if (ret != 0)
		goto out;
	ret = env->dbremove(env, NULL, "stock_docs.db", "date",
	    DB_AUTO_COMMIT);
out:
	env->close(env, 0);
	return (ret);
}

/* Whether file holds the subdatabase sub, the store closed (reopen()
 * opens it again): 1, 0, or -1 on another error. */
static int
has_sub(const char *file, const char *sub)
{
	DB_ENV	*env;
	DB	*db;
	int	 ret, has = -1;

	if (raw_env(&env) != 0)
		return (-1);
	ret = raw_open(env, file, sub, 0, &db);
	if (ret == 0) {
		db->close(db, 0);
		has = 1;
	} else if (ret == ENOENT)
		has = 0;
	env->close(env, 0);
	return (has);
}

static void
reopen(void)
{
	char	*cause = NULL;

	store_close(st);
	if (store_open(mt_home(), 0, &st, &cause) != 0) {
		print_message("# store_open: %s\n", cause);
		free(cause);
		fail();
	}
}

static void
test_old_layout(void **state)
{
	struct buf	 report = { 0 };
	struct record	**rows = NULL;
	struct value	 v;
	char		*have;
	size_t		 n = 0, i;

	(void)state;
	/* A new home has none of the dropped indexes. */
	assert_int_equal(has_sub("stock_docs.db", "status"), 0);
	assert_int_equal(has_sub("stock_docs.db", "type"), 0);
	assert_int_equal(has_sub("stock_moves.db", "warehouse"), 0);
	assert_int_equal(has_sub("stock_docs.db", "date"), 1);

	assert_int_equal(make_old(), 0);
	assert_int_equal(has_sub("stock_docs.db", "status"), 1);
	assert_int_equal(has_sub("stock_moves.db", "code"), 1);
	assert_int_equal(has_sub("stock_docs.db", "date"), 0);

	/* Opened: the layout is this binary's again. */
	reopen();
	assert_int_equal(has_sub("stock_docs.db", "status"), 0);
	assert_int_equal(has_sub("stock_moves.db", "code"), 0);
	assert_int_equal(has_sub("stock_docs.db", "code"), 1);
	assert_int_equal(has_sub("stock_docs.db", "date"), 1);
	reopen();
	have = store_meta_get(st, "keyfmt:stock_docs.status");
	assert_null(have);
	have = store_meta_get(st, "keyfmt:stock_docs.date");
	assert_non_null(have);
	free(have);

	/* The date index was built from the records: the document is
	 * found by its date. */
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.i = 20261205;
	assert_int_equal(store_scan(st, dict_entity("stock_docs"),
	    dict_field_pos(dict_entity("stock_docs"), "date"), &v, 0, 1, 10,
	    &rows, &n), ST_OK);
	assert_int_equal(n, 1);
	assert_int_equal(record_id(rows[0]), doc_id);
	for (i = 0; i < n; i++)
		record_free(rows[i]);
	free(rows);

	/* And kontor check finds every index whole. */
	if (store_verify(st, &report) != 0)
		print_message("# %s", report.data ? report.data : "");
	assert_null(report.data);
	buf_free(&report);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_old_layout),
	};

	return (cmocka_run_group_tests(tests, group_setup, group_teardown));
}
