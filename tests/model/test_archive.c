/*
 * The archive (src/model/archive.c) over a real store in a fresh home:
 * an entry and its bytes written in one transaction (a transaction that
 * rolls back leaves neither), the same bytes of the same document and
 * form one entry with its sends counted, a changed document a second
 * entry beside the first, one blob for the same bytes however many
 * entries share them, reads a part at a time, the lists of a document
 * and of its customer, no hand-made entry, and kontor check's proof:
 * a damaged blob named by its entries, a blob nobody refers to.
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
#include "model/archive.h"
#include "model/model.h"
#include "tests/model/mtest.h"
#include "xmalloc.h"

#define NITEMS(a)	(sizeof (a) / sizeof (a)[0])

static struct store	*st;
/* test_put_once's entries: the contract twice, as an invoice, changed. */
static uint64_t		 e_contract, e_invoice, e_changed;

static const char *const seed_rows[][7] = {
	{ "users", "login", MT_LOGIN, "name", "Тестов", "roles", "admin" },
	{ "customers", "code", "C-1", "name", "ООО «Альфа»", "kind",
	  "company" },
	{ "customers", "code", "C-2", "name", "ООО «Бета»", "kind",
	  "company" },
	{ "invoices", "code", "INV-1", "customer", "C-1", "date", "2026-03-01" },
};

static int
setup(void **state)
{
	(void)state;
	st = mt_open_rows("archive", &seed_rows[0][0], NITEMS(seed_rows), 7);
	return (st == NULL ? -1 : 0);
}

static int
teardown(void **state)
{
	(void)state;
	return (mt_close(st));
}

/* One put in a transaction of its own; fail: roll it back after. */
struct put_arg {
	const char	*entity, *code;
	const char	*kind, *form, *format, *name, *dest;
	const char	*bytes;
	size_t		 len;
	int		 fail;
	uint64_t	 id;
};

static int
put_tx(struct tx *x, void *arg, char **cause)
{
	struct put_arg		*a = arg;
	const struct entity_def	*e = dict_entity(a->entity);
	struct archive_item	 it;
	struct record		*t;
	struct value		 v;
	uint64_t		 id;
	int			 rc;

	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)a->code;
	if ((rc = tx_find(x, e, FX_CODE, &v, &id)) != ST_OK ||
	    (rc = tx_get(x, e, id, 0, &t)) != ST_OK)
		return (rc);
	memset(&it, 0, sizeof it);
	it.kind = a->kind;
	it.target = t;
	it.form = a->form;
	it.format = a->format;
	it.name = a->name;
	it.dest = a->dest;
	it.bytes = a->bytes;
	it.len = a->len;
	rc = archive_put(x, &it, &a->id, cause);
	record_free(t);
	if (rc == ST_OK && a->fail)
		return (ST_ABORT);
	return (rc);
}

static uint64_t
put(const char *entity, const char *code, const char *kind,
    const char *form, const char *dest, const char *bytes, int fail)
{
	struct put_arg	 a;
	char		*cause = NULL;
	int		 rc;

	memset(&a, 0, sizeof a);
	a.entity = entity;
	a.code = code;
	a.kind = kind;
	a.form = form;
	a.format = form != NULL ? "pdf" : NULL;
	a.name = form != NULL ? "INV-1.pdf" : "scan.pdf";
	a.dest = dest;
	a.bytes = bytes;
	a.len = strlen(bytes);
	a.fail = fail;
	rc = store_run(st, MT_LOGIN, "test", put_tx, &a, &cause);
	if (rc != (fail ? ST_ABORT : ST_OK))
		fail_msg("archive_put %s: rc %d: %s", code, rc,
		    cause ? cause : "");
	free(cause);
	return (a.id);
}

static int
count_blob(const unsigned char *key, void *arg)
{
	(void)key;
	(*(size_t *)arg)++;
	return (0);
}

static size_t
nblobs(void)
{
	size_t	 n = 0;

	assert_int_equal(store_blob_each(st, count_blob, &n), ST_OK);
	return (n);
}

static struct record *
entry(uint64_t id)
{
	struct record	*r;
	char		 s[32];

	snprintf(s, sizeof s, "%llu", (unsigned long long)id);
	assert_int_equal(archive_get(st, s, &r), ST_OK);
	return (r);
}

static int64_t
field(const struct record *r, const char *f)
{
	return (record_int(r, dict_field_pos(r->ent, f)));
}

static const char *
sfield(const struct record *r, const char *f)
{
	return (record_str(r, dict_field_pos(r->ent, f)));
}

static void
test_put_once(void **state)
{
	const struct entity_def	*ae = dict_entity("archive");
	struct record		*r;
	uint64_t		 a, b, c, d;
	char			 buf[8], hex[ARCHIVE_HEX_LEN + 1];
	unsigned char		 sha[ARCHIVE_SHA_LEN];
	size_t			 got;

	(void)state;
	/* Rolled back: neither the entry nor its bytes. */
	put("invoices", "INV-1", ARCHIVE_PRINT, "contract", "file", "rev 1 bytes",
	    1);
	assert_int_equal(store_count(st, ae), 0);
	assert_int_equal(nblobs(), 0);

	a = put("invoices", "INV-1", ARCHIVE_PRINT, "contract", "file",
	    "rev 1 bytes", 0);
	assert_true(a != 0);
	assert_int_equal(nblobs(), 1);
	r = entry(a);
	archive_sha256("rev 1 bytes", 11, sha);
	archive_hex(sha, hex);
	assert_string_equal(sfield(r, "sha256"), hex);
	assert_string_equal(sfield(r, "doc"), "INV-1");
	assert_string_equal(sfield(r, "login"), MT_LOGIN);
	assert_int_equal(field(r, "size"), 11);
	assert_int_equal(field(r, "sends"), 1);
	assert_int_equal(field(r, "customer"), mt_id_of(st, "customers",
	    "C-1"));
	/* A part at a time, and nothing past the end. */
	assert_int_equal(archive_read(st, r, 4, buf, 5, &got), ST_OK);
	assert_int_equal(got, 5);
	assert_memory_equal(buf, "1 byt", 5);
	assert_int_equal(archive_read(st, r, 8, buf, 8, &got), ST_OK);
	assert_int_equal(got, 3);
	assert_int_equal(archive_read(st, r, 11, buf, 8, &got), ST_OK);
	assert_int_equal(got, 0);
	record_free(r);

	/* Printed again, mailed: the same entry, its sends counted. */
	b = put("invoices", "INV-1", ARCHIVE_PRINT, "contract", "mail:a@b.ru",
	    "rev 1 bytes", 0);
	assert_int_equal(b, a);
	r = entry(a);
	assert_int_equal(field(r, "sends"), 2);
	assert_string_equal(sfield(r, "dest"), "file");
	assert_string_equal(sfield(r, "last_dest"), "mail:a@b.ru");
	assert_int_equal(record_rev(r), 2);
	record_free(r);
	assert_int_equal(store_count(st, ae), 1);
	assert_int_equal(nblobs(), 1);

	/* Another form of the same bytes: an entry of its own, one blob. */
	c = put("invoices", "INV-1", ARCHIVE_PRINT, "invoice", "file",
	    "rev 1 bytes", 0);
	assert_true(c != a);
	assert_int_equal(nblobs(), 1);
	/* The document changed: its bytes too, a new entry beside. */
	d = put("invoices", "INV-1", ARCHIVE_PRINT, "contract", "file",
	    "rev 2 bytes", 0);
	assert_true(d != a && d != c);
	e_contract = a;
	e_invoice = c;
	e_changed = d;
	assert_int_equal(nblobs(), 2);
	assert_int_equal(store_count(st, ae), 3);
	mt_invariants(st);
}

static void
test_lists(void **state)
{
	const struct entity_def	*ce = dict_entity("customers");
	struct record		**rows;
	size_t			 n, i;
	uint64_t		 att;

	(void)state;
	att = put("customers", "C-1", ARCHIVE_ATTACHMENT, NULL, NULL,
	    "%PDF a scan", 0);
	put("customers", "C-2", ARCHIVE_ATTACHMENT, NULL, NULL,
	    "another firm's", 0);
	/* The invoice's three, oldest first. */
	assert_int_equal(archive_list(st, dict_entity("invoices"),
	    mt_id_of(st, "invoices", "INV-1"), 100, &rows, &n), ST_OK);
	assert_int_equal(n, 3);
	for (i = 0; i < n; i++) {
		assert_string_equal(sfield(rows[i], "doc"), "INV-1");
		if (i > 0)
			assert_true(record_id(rows[i]) >
			    record_id(rows[i - 1]));
	}
	for (i = 0; i < n; i++)
		record_free(rows[i]);
	free(rows);
	/* The customer's: its invoice's and its own, not the other's. */
	assert_int_equal(archive_list(st, ce, mt_id_of(st, "customers",
	    "C-1"), 100, &rows, &n), ST_OK);
	assert_int_equal(n, 4);
	assert_int_equal(record_id(rows[3]), att);
	assert_string_equal(sfield(rows[3], "kind"), ARCHIVE_ATTACHMENT);
	for (i = 0; i < n; i++)
		record_free(rows[i]);
	free(rows);
}

/* No entry by hand, none deleted. */
static int
hand_tx(struct tx *x, void *arg, char **cause)
{
	struct record	*r = record_new(dict_entity("archive"));
	int		 rc;

	(void)arg;
	mt_set(r, "kind", "attachment");
	mt_set(r, "entity", "customers");
	mt_set(r, "record", "1");
	mt_set(r, "doc", "C-1");
	mt_set(r, "name", "x");
	mt_set(r, "size", "1");
	mt_set(r, "sha256", "00");
	mt_set(r, "login", "tester");
	mt_set(r, "time", "2026-01-01T00:00:00Z");
	rc = model_save(x, r, 0, cause);
	record_free(r);
	return (rc);
}

static int
delete_tx(struct tx *x, void *arg, char **cause)
{
	return (model_delete(x, dict_entity("archive"), *(uint64_t *)arg, 0,
	    cause));
}

static void
test_by_hand(void **state)
{
	char		*cause = NULL;
	uint64_t	 id = e_contract;
	int		 rc;

	(void)state;
	/* A rule for everyone, the admin too: not a permission. */
	rc = store_run(st, MT_LOGIN, "test", hand_tx, NULL, &cause);
	assert_int_equal(rc, ST_INVALID);
	assert_non_null(strstr(cause, "never by hand"));
	free(cause);
	cause = NULL;
	assert_int_equal(store_run(st, MT_LOGIN, "test", delete_tx, &id,
	    &cause), ST_INVALID);
	assert_non_null(strstr(cause, "never deleted"));
	free(cause);
}

/* Write a blob under key as someone with the files could. */
struct rot_arg {
	unsigned char	 key[ARCHIVE_SHA_LEN];
	const char	*bytes;
};

static int
rot_tx(struct tx *x, void *arg, char **cause)
{
	struct rot_arg	*a = arg;

	(void)cause;
	return (tx_blob_put(x, a->key, a->bytes, strlen(a->bytes)));
}

static void
test_check(void **state)
{
	struct rot_arg	 a;
	struct buf	 report;
	struct record	*r;
	char		*cause = NULL, hex[ARCHIVE_HEX_LEN + 1], want[200];

	(void)state;
	memset(&report, 0, sizeof report);
	assert_int_equal(model_check(st, &report), 0);
	buf_free(&report);

	/* The contract's bytes changed, their length kept. */
	r = entry(e_contract);
	assert_int_equal(archive_unhex(sfield(r, "sha256"), a.key), 0);
	record_free(r);
	a.bytes = "rev 1 bytez";
	assert_int_equal(store_run(st, MT_LOGIN, "test", rot_tx, &a, &cause),
	    ST_OK);
	memset(&report, 0, sizeof report);
	assert_int_equal(model_check(st, &report), -1);
	buf_addc(&report, '\0');
	/* Both entries of those bytes are named, the other is not. */
	snprintf(want, sizeof want, "archive %llu (AR-%06llu, INV-1, "
	    "INV-1.pdf): its bytes are damaged: their SHA-256 is ",
	    (unsigned long long)e_contract, (unsigned long long)e_contract);
	assert_non_null(strstr(report.data, want));
	snprintf(want, sizeof want, "archive %llu (AR-%06llu, INV-1, "
	    "INV-1.pdf): its bytes are damaged",
	    (unsigned long long)e_invoice, (unsigned long long)e_invoice);
	assert_non_null(strstr(report.data, want));
	snprintf(want, sizeof want, "archive %llu ",
	    (unsigned long long)e_changed);
	assert_null(strstr(report.data, want));
	buf_free(&report);

	/* Cut short: the size says so first. */
	a.bytes = "rev 1";
	assert_int_equal(store_run(st, MT_LOGIN, "test", rot_tx, &a, &cause),
	    ST_OK);
	memset(&report, 0, sizeof report);
	assert_int_equal(model_check(st, &report), -1);
	buf_addc(&report, '\0');
	snprintf(want, sizeof want, "archive %llu (AR-%06llu, INV-1, "
	    "INV-1.pdf): 5 bytes kept, 11 expected",
	    (unsigned long long)e_contract, (unsigned long long)e_contract);
	assert_non_null(strstr(report.data, want));
	buf_free(&report);

	/* Mended, and a blob no entry refers to. */
	a.bytes = "rev 1 bytes";
	assert_int_equal(store_run(st, MT_LOGIN, "test", rot_tx, &a, &cause),
	    ST_OK);
	archive_sha256("stray", 5, a.key);
	a.bytes = "stray";
	assert_int_equal(store_run(st, MT_LOGIN, "test", rot_tx, &a, &cause),
	    ST_OK);
	memset(&report, 0, sizeof report);
	assert_int_equal(model_check(st, &report), -1);
	buf_addc(&report, '\0');
	archive_hex(a.key, hex);
	assert_non_null(strstr(report.data, hex));
	assert_non_null(strstr(report.data, "no archive entry refers to "
	    "it"));
	assert_null(strstr(report.data, "damaged"));
	buf_free(&report);
}

static void
test_hex(void **state)
{
	unsigned char	 sha[ARCHIVE_SHA_LEN], back[ARCHIVE_SHA_LEN];
	char		 hex[ARCHIVE_HEX_LEN + 1];

	(void)state;
	/* SHA-256 of "abc" (FIPS 180-2). */
	archive_sha256("abc", 3, sha);
	archive_hex(sha, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	assert_int_equal(archive_unhex(hex, back), 0);
	assert_memory_equal(sha, back, ARCHIVE_SHA_LEN);
	assert_int_equal(archive_unhex("abc", back), -1);
	hex[5] = 'g';
	assert_int_equal(archive_unhex(hex, back), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hex),
		cmocka_unit_test(test_put_once),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_by_hand),
		cmocka_unit_test(test_check),
	};

	return (cmocka_run_group_tests(tests, setup, teardown));
}
