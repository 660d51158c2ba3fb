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

static char	mt_dir[64];

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
	return (st);
}

static int
rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return (remove(path));
}

int
mt_close(struct store *st)
{
	store_close(st);
	return (nftw(mt_dir, rm_one, 16, FTW_DEPTH | FTW_PHYS));
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
