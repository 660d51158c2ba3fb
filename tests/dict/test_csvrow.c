/*
 * Stored records to CSV rows (src/dict/csvrow.c), the export's hot path:
 * the rows it writes from the stored bytes are the rows the ordinary
 * decoding gives (value_format, then the CSV writer), for every field
 * type, for values encoded as msgpack allows but codec_encode never
 * writes, and for records of newer binaries; bytes that are no record
 * are refused, not guessed at.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "dict/codec.h"
#include "dict/csvrow.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "xmalloc.h"

#define NITEMS(a)	(sizeof (a) / sizeof (a)[0])

static const char *const kinds[] = { "a", "b", NULL };

static const struct field_def widget_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", "Code", FT_TEXT, 16, FF_UPPER, NULL, NULL,
	  FC_NONE },
	{ 11, "name", "Name", FT_TEXT, 160, FF_MULTILINE, NULL, NULL,
	  FC_NONE },
	{ 12, "kind", "Kind", FT_ENUM, 8, 0, NULL, kinds, FC_NONE },
	{ 13, "price", "Price", FT_MONEY, 14, 0, NULL, NULL, FC_NONE },
	{ 14, "qty", "Qty", FT_QTY, 12, 0, NULL, NULL, FC_NONE },
	{ 15, "due", "Due", FT_DATE, 10, 0, NULL, NULL, FC_NONE },
	{ 16, "at", "At", FT_TIME, 20, 0, NULL, NULL, FC_NONE },
	{ 17, "flag", "Flag", FT_BOOL, 3, 0, NULL, NULL, FC_NONE },
	{ 18, "n", "N", FT_INT, 12, 0, NULL, NULL, FC_NONE },
	{ 19, "owner", "Owner", FT_REF, 32, 0, "users", NULL, FC_NONE },
	{ 20, "pin", "Pin", FT_TEXT, 16, FF_SECRET, NULL, NULL, FC_NONE },
};
static const struct entity_def widgets = {
	"widgets", "Widgets", "crm", "W", widget_fields,
	NITEMS(widget_fields), ENT_DERIVED	/* its code derived */
};

#define HEADER	"code,name,kind,price,qty,due,at,flag,n,owner,created," \
		"updated\r\n"

static int	ref_calls;

static char *
ref_code(void *arg, const struct field_def *f, int64_t id)
{
	char	*s;

	(void)arg;
	assert_string_equal(f->name, "owner");
	ref_calls++;
	if (id == 404)
		return (NULL);		/* gone: the id as digits */
	xasprintf(&s, "U-%lld", (long long)id);
	return (s);
}

/* The row csvrow writes for bytes p, checked against the one of the
 * record decoded the ordinary way; malloc'd. */
static char *
row_of(struct csvrow *cr, const void *p, size_t len)
{
	struct record	*r;
	struct buf	 fast, slow;
	char		*cause = NULL;

	memset(&fast, 0, sizeof fast);
	memset(&slow, 0, sizeof slow);
	assert_int_equal(csvrow_add(cr, &fast, p, len, &cause), 0);
	assert_null(cause);
	assert_int_equal(codec_decode(&widgets, p, len, &r, &cause), 0);
	csvrow_add_record(cr, &slow, r);
	record_free(r);
	assert_string_equal(fast.data, slow.data);
	buf_free(&slow);
	return (buf_steal(&fast));
}

static char *
row_of_record(struct csvrow *cr, const struct record *r)
{
	char	*p, *row;
	size_t	 len;

	codec_encode(r, &p, &len);
	row = row_of(cr, p, len);
	free(p);
	return (row);
}

static void
test_header(void **state)
{
	struct csvrow	*cr = csvrow_new(&widgets, 0, ref_code, NULL);
	struct buf	 b;

	(void)state;
	memset(&b, 0, sizeof b);
	csvrow_header(cr, &b);
	assert_string_equal(b.data, HEADER);
	buf_free(&b);
	csvrow_free(cr);
}

static void
test_types(void **state)
{
	struct csvrow	*cr = csvrow_new(&widgets, 0, ref_code, NULL);
	struct record	*r = record_new(&widgets);
	char		*row;

	(void)state;
	record_set_int(r, FX_ID, 1);
	record_set_int(r, FX_CREATED, 1764892800);
	record_set_int(r, FX_UPDATED, 1764979199);
	record_set_str(r, FX_UPDATED_BY, "ivanov");
	record_set_str(r, FX_CODE, "W-1");
	record_set_str(r, 6, "ООО \"Рога, и копыта\"\nвторая строка");
	record_set_str(r, 7, "a");
	record_set_int(r, 8, 123456);
	record_set_int(r, 9, -1500);
	record_set_int(r, 10, 20261205);
	record_set_int(r, 11, 0);
	record_set_int(r, 12, 1);
	record_set_int(r, 13, -42);
	record_set_int(r, 14, 7);
	record_set_str(r, 15, "1234");
	row = row_of_record(cr, r);
	assert_string_equal(row, "W-1,\"ООО \"\"Рога, и копыта\"\"\n"
	    "вторая строка\",a,1234.56,-1.5,2026-12-05,1970-01-01T00:00:00Z,"
	    "yes,-42,U-7,2025-12-05T00:00:00Z,2025-12-05T23:59:59Z\r\n");
	free(row);

	/* Unset fields are empty cells; no, zero, a gone reference. */
	record_free(r);
	r = record_new(&widgets);
	record_set_str(r, FX_CODE, "W-2");
	record_set_int(r, 12, 0);
	record_set_int(r, 8, 5);
	record_set_int(r, 14, 404);
	row = row_of_record(cr, r);
	assert_string_equal(row, "W-2,,,0.05,,,,no,,404,,\r\n");
	free(row);

	/* updated as created, not stored (codec.c): the same time twice;
	 * created alone (updated a nil): updated empty. */
	record_set_int(r, FX_CREATED, 1764892800);
	record_set_int(r, FX_UPDATED, 1764892800);
	row = row_of_record(cr, r);
	assert_string_equal(row, "W-2,,,0.05,,,,no,,404,"
	    "2025-12-05T00:00:00Z,2025-12-05T00:00:00Z\r\n");
	free(row);
	record_clear(r, FX_UPDATED);
	row = row_of_record(cr, r);
	assert_string_equal(row, "W-2,,,0.05,,,,no,,404,"
	    "2025-12-05T00:00:00Z,\r\n");
	free(row);
	/* a code made from the id, not stored: the same code */
	record_set_int(r, FX_ID, 3);
	record_set_str(r, FX_CODE, "W-000003");
	row = row_of_record(cr, r);
	assert_string_equal(row, "W-000003,,,0.05,,,,no,,404,"
	    "2025-12-05T00:00:00Z,\r\n");
	free(row);
	record_clear(r, FX_CODE);
	row = row_of_record(cr, r);
	assert_string_equal(row, ",,,0.05,,,,no,,404,"
	    "2025-12-05T00:00:00Z,\r\n");
	free(row);
	record_free(r);
	csvrow_free(cr);
}

/* Cells a spreadsheet would run are neutralised unless raw; a negative
 * number is no formula; spaces at either end are kept by quotes. */
static void
test_formulas(void **state)
{
	static const struct {
		const char	*name;
		const char	*cell;		/* neutralised */
		const char	*raw;
	} rows[] = {
		{ "=SUM(A1:A9)", "'=SUM(A1:A9)", "=SUM(A1:A9)" },
		{ "+7 913", "'+7 913", "+7 913" },
		{ "-5", "-5", "-5" },
		{ "-abc", "'-abc", "-abc" },
		{ "@x", "'@x", "@x" },
		{ "'=1", "''=1", "'=1" },
		{ " lead", "\" lead\"", "\" lead\"" },
		{ "trail\t", "\"trail\t\"", "\"trail\t\"" },
		{ "a,b", "\"a,b\"", "\"a,b\"" },
		{ "=a,\"b\"", "\"'=a,\"\"b\"\"\"", "\"=a,\"\"b\"\"\"" },
		{ "Ёлки №5", "Ёлки №5", "Ёлки №5" },
	};
	struct csvrow	*cr = csvrow_new(&widgets, 0, ref_code, NULL);
	struct csvrow	*raw = csvrow_new(&widgets, 1, ref_code, NULL);
	struct record	*r;
	char		*row, *want;
	size_t		 i;

	(void)state;
	for (i = 0; i < NITEMS(rows); i++) {
		print_message("# %s\n", rows[i].name);
		r = record_new(&widgets);
		record_set_str(r, FX_CODE, "W-3");
		record_set_str(r, 6, rows[i].name);
		row = row_of_record(cr, r);
		xasprintf(&want, "W-3,%s,,,,,,,,,,\r\n", rows[i].cell);
		assert_string_equal(row, want);
		free(want);
		free(row);
		row = row_of_record(raw, r);
		xasprintf(&want, "W-3,%s,,,,,,,,,,\r\n", rows[i].raw);
		assert_string_equal(row, want);
		free(want);
		free(row);
		record_free(r);
	}
	csvrow_free(raw);
	csvrow_free(cr);
}

/* Bytes as msgpack allows and another writer may have written them. */
static void
test_encodings(void **state)
{
	/* {int8 10: str8 "W-4", uint16 11: "x", 13: int64 250, 11: "y"
	 *  (the later wins), 12: nil, 12: 5 (no enum: kept aside),
	 *  "k": 1, 99: "newer", 18: int16 -300, 19: int32 9} */
	static const unsigned char p[] = {
		0x8a,
		0xd0, 0x0a, 0xd9, 0x03, 'W', '-', '4',
		0xcd, 0x00, 0x0b, 0xa1, 'x',
		0x0d, 0xd3, 0, 0, 0, 0, 0, 0, 0, 250,
		0x0b, 0xa1, 'y',
		0x0c, 0xc0,
		0x0c, 0x05,
		0xa1, 'k', 0x01,
		0x63, 0xa5, 'n', 'e', 'w', 'e', 'r',
		0x12, 0xd1, 0xfe, 0xd4,
		0x13, 0xd2, 0, 0, 0, 9,
	};
	/* {10: "W-5", 11: "a\0b", 99: [1, {2: 3}] (newer: an array)} */
	static const unsigned char q[] = {
		0x83,
		0x0a, 0xa3, 'W', '-', '5',
		0x0b, 0xa3, 'a', 0, 'b',
		0x63, 0x92, 0x01, 0x81, 0x02, 0x03,
	};
	struct csvrow	*cr = csvrow_new(&widgets, 0, ref_code, NULL);
	char		*row;

	(void)state;
	row = row_of(cr, p, sizeof p);
	assert_string_equal(row, "W-4,y,,2.50,,,,,-300,U-9,,\r\n");
	free(row);
	row = row_of(cr, q, sizeof q);
	assert_string_equal(row, "W-5,a,,,,,,,,,,\r\n");
	free(row);
	csvrow_free(cr);
}

/* Bytes that are no record: refused, nothing written. */
static void
test_malformed(void **state)
{
	static const struct {
		const char	*bytes;
		size_t		 len;
	} bad[] = {
		{ "", 0 },
		{ "\x92\x01\x02", 3 },			/* an array */
		{ "\x83\x0a\xa1x", 4 },			/* cut short */
		{ "\x81\x0a\xa5xy", 5 },		/* a string cut */
		{ "\xdf\xff\xff\xff\xff", 5 },		/* claims 4 G pairs */
		{ "\x81\x0a\xc1", 3 },			/* not msgpack */
	};
	struct csvrow	*cr = csvrow_new(&widgets, 0, ref_code, NULL);
	struct buf	 b;
	char		*cause;
	size_t		 i;

	(void)state;
	memset(&b, 0, sizeof b);
	buf_adds(&b, "kept");
	for (i = 0; i < NITEMS(bad); i++) {
		print_message("# bytes %zu\n", i);
		cause = NULL;
		assert_int_equal(csvrow_add(cr, &b, bad[i].bytes, bad[i].len,
		    &cause), -1);
		assert_non_null(cause);
		assert_string_equal(cause, "widgets: malformed record");
		free(cause);
		assert_string_equal(b.data, "kept");
	}
	buf_free(&b);
	csvrow_free(cr);
}

/* A reference's code is looked up once per export, right when ids share
 * a slot of the cache. */
static void
test_ref_cache(void **state)
{
	struct csvrow	*cr = csvrow_new(&widgets, 0, ref_code, NULL);
	struct record	*r = record_new(&widgets);
	char		*row, *want;
	int		 i, id;

	(void)state;
	ref_calls = 0;
	record_set_str(r, FX_CODE, "W-6");
	for (i = 0; i < 100; i++) {
		id = i % 2 ? 7 : 71;		/* 71 % 64 == 7 */
		record_set_int(r, 14, i < 50 ? 7 : id);
		row = row_of_record(cr, r);
		xasprintf(&want, "W-6,,,,,,,,,U-%d,,\r\n", i < 50 ? 7 : id);
		assert_string_equal(row, want);
		free(want);
		free(row);
	}
	/* 7 once for the first 50 rows, then 71 and 7 by turns (a slot
	 * holds one): once per row, the decoded row finding what the fast
	 * one looked up. */
	assert_int_equal(ref_calls, 1 + 50);
	record_free(r);
	csvrow_free(cr);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_formulas),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_ref_cache),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
