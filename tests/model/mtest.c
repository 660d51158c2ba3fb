/*
 * A scratch store for the model's cmocka tests (mtest.h).
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
#include <ftw.h>
#include <sys/stat.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "model/model.h"
#include "tests/model/mtest.h"
#include "xmalloc.h"

#define NITEMS(a)	(sizeof (a) / sizeof (a)[0])

static char		 mt_dir[64];
static char		 mt_homedir[80];
static struct store	*mt_store;	/* the last one opened */
int			 mt_nfail;

struct store *
mt_open(const char *name, int (*seed)(struct tx *, void *, char **),
    void *arg)
{
	struct store	*st;
	char		*home, *cause = NULL;
	int		 rc;

	snprintf(mt_dir, sizeof mt_dir, "/tmp/kontor-%s.XXXXXX", name);
	if (mkdtemp(mt_dir) == NULL)
		return (NULL);
	xasprintf(&home, "%s/home", mt_dir);
	snprintf(mt_homedir, sizeof mt_homedir, "%s", home);
	rc = store_open(home, STORE_CREATE, &st, &cause);
	free(home);
	if (rc != 0) {
		print_message("# store_open: %s\n", cause);
		free(cause);
		return (NULL);
	}
	if (seed != NULL &&
	    (rc = store_run(st, MT_LOGIN, "test", seed, arg, &cause)) !=
	    ST_OK) {
		print_message("# setup: %s\n", cause ? cause : "?");
		free(cause);
		store_close(st);
		return (NULL);
	}
	return (mt_store = st);
}

struct rows_arg {
	const char *const	*rows;
	size_t			 n, width;
};

static int
rows_tx(struct tx *x, void *arg, char **cause)
{
	const struct rows_arg	*a = arg;

	return (mt_rows(x, a->rows, a->n, a->width, cause));
}

struct store *
mt_open_rows(const char *name, const char *const *rows, size_t n,
    size_t width)
{
	struct rows_arg	 a = { rows, n, width };

	return (mt_open(name, rows_tx, &a));
}

static int
rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return (remove(path));
}

const char *
mt_home(void)
{
	return (mt_homedir);
}

int
mt_close(struct store *st)
{
	if (st == mt_store)
		mt_store = NULL;
	store_close(st);
	return (nftw(mt_dir, rm_one, 16, FTW_DEPTH | FTW_PHYS));
}

int
mt_teardown(void **state)
{
	(void)state;
	return (mt_store != NULL ? mt_close(mt_store) : 0);
}

int
mt_rows(struct tx *x, const char *const *rows, size_t n, size_t width,
    char **cause)
{
	const char *const	*row;
	struct record		*r;
	size_t			 i, j;
	int			 rc;

	for (i = 0; i < n; i++) {
		row = rows + i * width;
		r = record_new(dict_entity(row[0]));
		for (j = 1; j + 1 < width && row[j] != NULL; j += 2)
			mt_set(r, row[j], row[j + 1]);
		rc = model_save(x, r, 0, cause);
		record_free(r);
		if (rc != ST_OK)
			return (rc);
	}
	return (ST_OK);
}

void
mt_set(struct record *r, const char *field, const char *text)
{
	const struct field_def	*f = dict_field(r->ent, field);
	struct value		 v;
	char			*cause = NULL;

	if (text == NULL)
		return;
	assert_non_null(f);
	if (value_parse(f, text, &v, &cause) != 0)
		fail_msg("%s.%s = %s: %s", r->ent->name, field, text, cause);
	record_set_value(r, dict_field_pos(r->ent, field), &v);
	value_free(&v);
}

int64_t
mt_num(const struct field_def *f, const char *text)
{
	struct value	 v;
	char		*cause = NULL;

	if (value_parse(f, text, &v, &cause) != 0)
		fail_msg("%s = %s: %s", f->name, text, cause);
	return (v.i);
}

uint64_t
mt_id_of(struct store *st, const char *entity, const char *code)
{
	struct record	*r;
	struct value	 v;
	uint64_t	 id;

	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)code;
	assert_int_equal(store_lookup(st, dict_entity(entity), FX_CODE, &v,
	    &r), ST_OK);
	id = record_id(r);
	record_free(r);
	return (id);
}

/* --- the case runner ----------------------------------------------------- */

void
mt_run_cases(size_t n, void (*run)(size_t))
{
	size_t	 k;
	int	 bad;

	for (k = 1; k <= n; k++)
		run(k);
	bad = mt_nfail;
	mt_nfail = 0;
	assert_int_equal(bad, 0);
}

void
mt_expect_result(size_t k, const char *what, int rc, int want_rc,
    const char *cause, const char *want_cause, int64_t line,
    int64_t want_line)
{
	EXPECT(rc == want_rc, "case %zu (%s): rc %d, want %d (%s)", k,
	    what, rc, want_rc, cause ? cause : "no cause");
	if (want_cause != NULL)
		EXPECT(cause != NULL && strstr(cause, want_cause) != NULL,
		    "case %zu (%s): refusal \"%s\", want it to contain "
		    "\"%s\"", k, what, cause ? cause : "(none)", want_cause);
	EXPECT(line == want_line || rc == ST_OK, "case %zu (%s): line "
	    "%lld, want %lld", k, what, (long long)line, (long long)want_line);
}

static struct mt_named	 names[64];
static size_t		 nnames;

void
mt_name_put(const char *name, const struct entity_def *e, uint64_t id)
{
	assert_true(nnames < NITEMS(names));
	names[nnames].name = name;
	names[nnames].e = e;
	names[nnames].id = id;
	nnames++;
}

const struct mt_named *
mt_name_get(const char *name)
{
	size_t	 i;

	for (i = 0; i < nnames; i++)
		if (strcmp(names[i].name, name) == 0)
			return (&names[i]);
	fail_msg("no document named %s earlier in the table", name);
	return (NULL);
}

const struct mt_named *
mt_name_find_id(uint64_t id, const struct entity_def *e)
{
	size_t	 i;

	for (i = 0; i < nnames; i++)
		if (names[i].id == id && names[i].e == e)
			return (&names[i]);
	return (NULL);
}

/* --- stock ---------------------------------------------------------------- */

struct record *
mt_stock_row(struct store *st, const char *sku, const char *wh)
{
	struct record	*r;
	struct value	 v;
	char		 key[48];
	int		 rc;

	snprintf(key, sizeof key, "%llu:%llu",
	    (unsigned long long)mt_id_of(st, "products", sku),
	    (unsigned long long)mt_id_of(st, "warehouses", wh));
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = key;
	rc = store_lookup(st, dict_entity("stock"), FX_CODE, &v, &r);
	if (rc == ST_NOTFOUND)
		return (NULL);
	assert_int_equal(rc, ST_OK);
	return (r);
}

void
mt_expect_stock(struct store *st, size_t k, const char *what,
    const char *sku, const char *wh, const char *const *cols,
    const char *const *want, size_t n)
{
	const struct entity_def	*se = dict_entity("stock");
	struct record		*r = mt_stock_row(st, sku, wh);
	size_t			 j;

	for (j = 0; j < n; j++) {
		const struct field_def	*f = dict_field(se, cols[j]);
		struct value		 got = { .set = 1 };
		char			*s;

		got.i = r != NULL ? record_int(r, dict_field_pos(se,
		    cols[j])) : 0;
		if (got.i == mt_num(f, want[j]))
			continue;
		s = value_format(f, &got);
		EXPECT(0, "case %zu (%s): %s at %s: %s %s, want %s", k, what,
		    sku, wh, cols[j], s, want[j]);
		free(s);
	}
	record_free(r);
}

void
mt_invariants(struct store *st)
{
	struct buf	 report = { 0 };
	int		 v, m;

	v = store_verify(st, &report);
	m = model_check(st, &report);
	if (report.len > 0)
		print_message("# %s", report.data);
	buf_free(&report);
	assert_int_equal(v, 0);
	assert_int_equal(m, 0);
}
