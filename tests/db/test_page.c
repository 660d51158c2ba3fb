/*
 * Pages of stored records for an export (store_page_read/next in
 * src/db/store.c), in a real store in a fresh temporary home: every
 * record once, in id order, page after page whatever the page's size; a
 * record larger than the page is given whole; a deleted one is not given;
 * the bytes are the record's (codec_decode reads them back); after the
 * last id, nothing.
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
#include <unistd.h>

#include "db/store.h"
#include "dict/codec.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "tests/model/mtest.h"
#include "xmalloc.h"

#define NROWS	600
#define BIG	300		/* this one's notes are 40 KB */
#define GONE	450		/* and this one is deleted */
#define BIGLEN	(40 * 1024)

static struct store	*st;

static int
fill_tx(struct tx *x, void *arg, char **cause)
{
	const struct entity_def	*e = dict_entity("customers");
	struct record		*r;
	char			 name[64], *notes;
	int			 i, rc;

	(void)arg;
	notes = xmalloc(BIGLEN + 1);
	memset(notes, 'x', BIGLEN);
	notes[BIGLEN] = '\0';
	for (i = 1; i <= NROWS; i++) {
		r = record_new(e);
		snprintf(name, sizeof name, "ООО «Клиент %d»", i);
		record_set_str(r, dict_field_pos(e, "name"), name);
		record_set_str(r, dict_field_pos(e, "kind"), "company");
		/* Put as it is, past the model's limits: an export must
		 * take whatever is stored. */
		if (i == BIG)
			record_set_str(r, dict_field_pos(e, "notes"), notes);
		rc = tx_insert(x, r, cause);
		record_free(r);
		if (rc != ST_OK) {
			free(notes);
			return (rc);
		}
	}
	free(notes);
	return (tx_delete(x, e, GONE, 1, cause));
}

static int
group_setup(void **state)
{
	(void)state;
	return ((st = mt_open("page", fill_tx, NULL)) != NULL ? 0 : -1);
}

/* Walk every page of `bytes`: each id once, in order, each record whole
 * and readable; the number of pages read. */
static size_t
walk(size_t bytes)
{
	const struct entity_def	*e = dict_entity("customers");
	struct store_page	 pg;
	struct record		*r;
	const void		*p;
	uint64_t		 last = 0, id, want = 1;
	size_t			 len, pages = 0;
	char			*cause = NULL;

	memset(&pg, 0, sizeof pg);
	for (;;) {
		assert_int_equal(store_page_read(st, e, last, bytes, &pg),
		    ST_OK);
		if (pg.len == 0)
			break;
		pages++;
		while (store_page_next(&pg, &id, &p, &len)) {
			if (want == GONE)
				want++;
			assert_int_equal(id, want);
			assert_int_equal(codec_decode(e, p, len, &r, &cause),
			    0);
			assert_int_equal(record_id(r), id);
			if (id == BIG)
				assert_int_equal(strlen(record_str(r,
				    dict_field_pos(e, "notes"))), BIGLEN);
			record_free(r);
			last = id;
			want++;
		}
	}
	assert_int_equal(last, NROWS);
	assert_int_equal(store_page_next(&pg, &id, &p, &len), 0);
	store_page_free(&pg);
	return (pages);
}

static void
test_pages(void **state)
{
	size_t	 small, large;

	(void)state;
	/* 16 KB pages: the 40 KB record gets a page of its own size. */
	small = walk(16 << 10);
	large = walk(4 << 20);
	print_message("# pages: %zu of 16 KB, %zu of 4 MB\n", small, large);
	assert_true(small > 3);
	assert_int_equal(large, 1);
}

static void
test_after_end(void **state)
{
	const struct entity_def	*e = dict_entity("customers");
	struct store_page	 pg;
	const void		*p;
	uint64_t		 id;
	size_t			 len;

	(void)state;
	memset(&pg, 0, sizeof pg);
	assert_int_equal(store_page_read(st, e, NROWS, 1 << 16, &pg), ST_OK);
	assert_int_equal(pg.len, 0);
	assert_int_equal(store_page_next(&pg, &id, &p, &len), 0);
	assert_int_equal(store_page_read(st, e, UINT64_MAX, 1 << 16, &pg),
	    ST_OK);
	assert_int_equal(pg.len, 0);
	/* From the middle: the next id on. */
	assert_int_equal(store_page_read(st, e, GONE - 1, 1 << 16, &pg),
	    ST_OK);
	assert_int_equal(store_page_next(&pg, &id, &p, &len), 1);
	assert_int_equal(id, GONE + 1);
	store_page_free(&pg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_after_end),
	};

	return (cmocka_run_group_tests(tests, group_setup, mt_teardown));
}
