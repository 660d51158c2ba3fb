/*
 * The audit journal's entries (src/audit.c): field-level diffs, packing,
 * sealing into a hash chain, and decoding that notices tampering.
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
#include <msgpack.h>
#include <nettle/sha2.h>

#include "audit.h"
#include "dict/dict.h"
#include "dict/record.h"

#define NITEMS(a)	(sizeof (a) / sizeof (a)[0])

static const unsigned char zero_hash[AUDIT_HASH_LEN];

/* A small entity with the types whose text form matters in a diff. */
static const struct field_def deal_fields[] = {
	DICT_SYSTEM_FIELDS,
	{ FID_CODE, "code", "Code", FT_TEXT, 16, 0, NULL, NULL, FC_NONE },
	{ 11, "amount", "Amount", FT_MONEY, 16, 0, NULL, NULL, FC_NONE },
	{ 12, "close", "Close date", FT_DATE, 10, 0, NULL, NULL, FC_NONE },
	{ 13, "won", "Won", FT_BOOL, 3, 0, NULL, NULL, FC_NONE },
	{ 14, "qty", "Qty", FT_QTY, 12, 0, NULL, NULL, FC_NONE },
};
static const struct entity_def deals = {
	"deals", "Deals", "sales", "D", deal_fields, NITEMS(deal_fields), 0
};

struct change_row {
	const char	*field;
	const char	*before;
	const char	*after;
};

static void
check_changes(const struct audit_entry *e, const struct change_row *rows,
    size_t n)
{
	size_t	 i;

	assert_int_equal(e->nch, n);
	for (i = 0; i < n; i++) {
		print_message("# change %zu: %s\n", i, rows[i].field);
		assert_string_equal(e->ch[i].field, rows[i].field);
		if (rows[i].before == NULL)
			assert_null(e->ch[i].before);
		else
			assert_string_equal(e->ch[i].before, rows[i].before);
		if (rows[i].after == NULL)
			assert_null(e->ch[i].after);
		else
			assert_string_equal(e->ch[i].after, rows[i].after);
	}
}

static struct record *
customer(void)
{
	const struct entity_def	*e = dict_entity("customers");
	struct record		*r;

	assert_non_null(e);
	r = record_new(e);
	record_set_int(r, FX_ID, 42);
	record_set_int(r, FX_REV, 1);
	record_set_int(r, FX_CREATED, 1795876200);
	record_set_int(r, FX_UPDATED, 1795876200);
	record_set_str(r, FX_UPDATED_BY, "ivanov");
	record_set_str(r, dict_field_pos(e, "code"), "C-000042");
	record_set_str(r, dict_field_pos(e, "name"), "ООО «Рога и копыта»");
	record_set_str(r, dict_field_pos(e, "kind"), "company");
	record_set_str(r, dict_field_pos(e, "inn"), "7707083893");
	record_set_int(r, dict_field_pos(e, "manager"), 3);
	return (r);
}

static void
test_diff_create(void **state)
{
	static const struct change_row want[] = {
		{ "code", NULL, "C-000042" },
		{ "name", NULL, "ООО «Рога и копыта»" },
		{ "kind", NULL, "company" },
		{ "inn", NULL, "7707083893" },
		{ "manager", NULL, "3" },
	};
	struct audit_entry	 e;
	struct record		*r = customer();

	memset(&e, 0, sizeof e);
	audit_diff(&e, NULL, r);
	check_changes(&e, want, NITEMS(want));
	audit_entry_clear(&e);
	record_free(r);
}

static void
test_diff_update(void **state)
{
	static const struct change_row want[] = {
		{ "name", "ООО «Рога и копыта»", "АО «Рога и копыта»" },
		{ "inn", "7707083893", NULL },
		{ "city", NULL, "Москва" },
	};
	const struct entity_def	*ent = dict_entity("customers");
	struct audit_entry	 e;
	struct record		*before = customer(), *after;

	after = record_dup(before);
	/* System fields change on every save and are not the news. */
	record_set_int(after, FX_REV, 2);
	record_set_int(after, FX_UPDATED, 1795880000);
	record_set_str(after, FX_UPDATED_BY, "petrova");
	record_set_str(after, dict_field_pos(ent, "name"),
	    "АО «Рога и копыта»");
	record_clear(after, dict_field_pos(ent, "inn"));
	record_set_str(after, dict_field_pos(ent, "city"), "Москва");
	/* Set to the same value: no change. */
	record_set_str(after, dict_field_pos(ent, "kind"), "company");

	memset(&e, 0, sizeof e);
	audit_diff(&e, before, after);
	check_changes(&e, want, NITEMS(want));
	audit_entry_clear(&e);

	/* Nothing changed but the system fields: no changes at all. */
	record_free(after);
	after = record_dup(before);
	record_set_int(after, FX_REV, 2);
	audit_diff(&e, before, after);
	assert_int_equal(e.nch, 0);
	audit_entry_clear(&e);

	record_free(after);
	record_free(before);
}

static void
test_diff_delete(void **state)
{
	static const struct change_row want[] = {
		{ "code", "C-000042", NULL },
		{ "name", "ООО «Рога и копыта»", NULL },
		{ "kind", "company", NULL },
		{ "inn", "7707083893", NULL },
		{ "manager", "3", NULL },
	};
	struct audit_entry	 e;
	struct record		*r = customer();

	memset(&e, 0, sizeof e);
	audit_diff(&e, r, NULL);
	check_changes(&e, want, NITEMS(want));
	audit_entry_clear(&e);
	record_free(r);
}

/* Values in the diff are in their text form: money, dates, booleans. */
static void
test_diff_formats(void **state)
{
	static const struct change_row want[] = {
		{ "amount", "1234.56", "-0.05" },
		{ "close", NULL, "2026-11-28" },
		{ "won", "no", "yes" },
		{ "qty", "2.5", NULL },
	};
	struct audit_entry	 e;
	struct record		*a, *b;

	a = record_new(&deals);
	record_set_str(a, 5, "D-1");
	record_set_int(a, 6, 123456);
	record_set_int(a, 8, 0);
	record_set_int(a, 9, 2500);
	b = record_dup(a);
	record_set_int(b, 6, -5);
	record_set_int(b, 7, 20261128);
	record_set_int(b, 8, 1);
	record_clear(b, 9);
	memset(&e, 0, sizeof e);
	audit_diff(&e, a, b);
	check_changes(&e, want, NITEMS(want));
	audit_entry_clear(&e);
	record_free(a);
	record_free(b);
}

static void
make_entry(struct audit_entry *e, int n)
{
	char	 buf[64];

	memset(e, 0, sizeof *e);
	e->time = 1795876200 + n;
	e->login = strdup(n % 2 ? "petrova" : "ivanov");
	e->tty = strdup("pts/3");
	e->entity = strdup("customers");
	e->id = (uint64_t)(40 + n);
	e->action = strdup(n == 0 ? "create" : "update");
	snprintf(buf, sizeof buf, "Рога и копыта %d", n);
	audit_add_change(e, "name", n == 0 ? NULL : "Рога", buf);
	audit_add_change(e, "inn", "7707083893", NULL);
}

/* What audit_seal stores and the hash it reports. */
struct sealed {
	char		*data;
	size_t		 len;
	unsigned char	 hash[AUDIT_HASH_LEN];
};

static void
seal(int n, uint64_t seq, const unsigned char *prev, struct sealed *s)
{
	struct audit_entry	 e;
	char			*p;
	size_t			 plen;

	make_entry(&e, n);
	audit_pack(&e, &p, &plen);
	audit_seal(seq, prev, p, plen, s->hash, &s->data, &s->len);
	free(p);
	audit_entry_clear(&e);
}

static void
test_pack_seal_decode(void **state)
{
	struct audit_entry	 in, out;
	unsigned char		 prev[AUDIT_HASH_LEN], hash[AUDIT_HASH_LEN];
	unsigned char		 check[SHA256_DIGEST_SIZE];
	struct sha256_ctx	 ctx;
	msgpack_unpacked	 u;
	char			*p, *data, *cause = NULL, hex[65];
	size_t			 plen, len, off = 0, i;

	make_entry(&in, 1);
	audit_add_change(&in, "notes", "a \"quoted\"\nline", "");
	audit_pack(&in, &p, &plen);
	for (i = 0; i < sizeof prev; i++)
		prev[i] = (unsigned char)i;
	audit_seal(17, prev, p, plen, hash, &data, &len);

	assert_int_equal(audit_decode(data, len, &out, &cause), 0);
	assert_null(cause);
	assert_int_equal(out.seq, 17);
	assert_memory_equal(out.prev, prev, AUDIT_HASH_LEN);
	assert_memory_equal(out.hash, hash, AUDIT_HASH_LEN);
	assert_int_equal(out.time, in.time);
	assert_string_equal(out.login, "petrova");
	assert_string_equal(out.tty, "pts/3");
	assert_string_equal(out.entity, "customers");
	assert_int_equal(out.id, 41);
	assert_string_equal(out.action, "update");
	assert_int_equal(out.nch, 3);
	for (i = 0; i < out.nch; i++) {
		assert_string_equal(out.ch[i].field, in.ch[i].field);
		if (in.ch[i].before == NULL)
			assert_null(out.ch[i].before);
		else
			assert_string_equal(out.ch[i].before,
			    in.ch[i].before);
		if (in.ch[i].after == NULL)
			assert_null(out.ch[i].after);
		else
			assert_string_equal(out.ch[i].after, in.ch[i].after);
	}
	assert_null(out.ch[1].after);		/* not set, not "" */
	assert_string_equal(out.ch[2].after, "");

	/* The hash is SHA-256 of the stored body, whoever recomputes it. */
	msgpack_unpacked_init(&u);
	assert_int_equal(msgpack_unpack_next(&u, data, len, &off),
	    MSGPACK_UNPACK_SUCCESS);
	assert_int_equal(off, len);
	assert_int_equal(u.data.type, MSGPACK_OBJECT_ARRAY);
	assert_int_equal(u.data.via.array.size, 2);
	assert_int_equal(u.data.via.array.ptr[0].type, MSGPACK_OBJECT_BIN);
	sha256_init(&ctx);
	sha256_update(&ctx, u.data.via.array.ptr[0].via.bin.size,
	    (const uint8_t *)u.data.via.array.ptr[0].via.bin.ptr);
	sha256_digest(&ctx, sizeof check, check);
	assert_memory_equal(check, hash, AUDIT_HASH_LEN);
	msgpack_unpacked_destroy(&u);

	audit_hex(hash, hex);
	assert_int_equal(strlen(hex), 64);
	assert_int_equal(strspn(hex, "0123456789abcdef"), 64);
	for (i = 0; i < AUDIT_HASH_LEN; i++) {
		unsigned	 b;

		assert_int_equal(sscanf(hex + i * 2, "%2x", &b), 1);
		assert_int_equal(b, hash[i]);
	}

	/* An entry with nothing set still packs and decodes. */
	audit_entry_clear(&out);
	free(p);
	free(data);
	audit_entry_clear(&in);
	memset(&in, 0, sizeof in);
	audit_pack(&in, &p, &plen);
	audit_seal(1, zero_hash, p, plen, hash, &data, &len);
	assert_int_equal(audit_decode(data, len, &out, &cause), 0);
	assert_null(out.login);
	assert_int_equal(out.nch, 0);
	audit_entry_clear(&out);
	free(p);
	free(data);
}

/*
 * Walk a chain as `kontor check` must: seq counts up from 1, each prev
 * is the hash of the entry before (zeros for the first).  Returns the
 * index of the first broken entry, or -1 if the chain is whole.
 */
static int
chain_broken_at(struct sealed *s, size_t n)
{
	struct audit_entry	 e;
	unsigned char		 prev[AUDIT_HASH_LEN];
	char			*cause = NULL;
	size_t			 i;
	int			 bad = -1;

	memset(prev, 0, sizeof prev);
	for (i = 0; i < n && bad < 0; i++) {
		if (audit_decode(s[i].data, s[i].len, &e, &cause) != 0) {
			print_message("# entry %zu: %s\n", i, cause);
			free(cause);
			cause = NULL;
			bad = (int)i;
		} else if (e.seq != i + 1 ||
		    memcmp(e.prev, prev, AUDIT_HASH_LEN) != 0) {
			print_message("# entry %zu: seq %llu, prev %s\n", i,
			    (unsigned long long)e.seq,
			    memcmp(e.prev, prev, AUDIT_HASH_LEN) ? "differs" :
			    "matches");
			bad = (int)i;
		} else
			memcpy(prev, e.hash, AUDIT_HASH_LEN);
		audit_entry_clear(&e);
	}
	return (bad);
}

#define CHAIN_LEN	5

static void
make_chain(struct sealed *s)
{
	const unsigned char	*prev = zero_hash;
	int			 i;

	for (i = 0; i < CHAIN_LEN; i++) {
		seal(i, (uint64_t)i + 1, prev, &s[i]);
		prev = s[i].hash;
	}
}

static void
free_chain(struct sealed *s)
{
	int	 i;

	for (i = 0; i < CHAIN_LEN; i++)
		free(s[i].data);
}

static void
test_chain(void **state)
{
	struct sealed		 s[CHAIN_LEN];
	struct audit_entry	 e;
	char			*cause = NULL;
	int			 i;

	make_chain(s);
	for (i = 0; i < CHAIN_LEN; i++) {
		assert_int_equal(audit_decode(s[i].data, s[i].len, &e,
		    &cause), 0);
		assert_int_equal(e.seq, i + 1);
		assert_memory_equal(e.prev, i == 0 ? zero_hash :
		    s[i - 1].hash, AUDIT_HASH_LEN);
		assert_memory_equal(e.hash, s[i].hash, AUDIT_HASH_LEN);
		assert_int_equal(e.id, 40 + i);
		audit_entry_clear(&e);
		/* each entry's hash is its own */
		if (i > 0)
			assert_memory_not_equal(s[i].hash, s[i - 1].hash,
			    AUDIT_HASH_LEN);
	}
	assert_null(cause);
	assert_int_equal(chain_broken_at(s, CHAIN_LEN), -1);
	free_chain(s);
}

/* One changed byte in an entry's contents: its hash no longer matches. */
static void
test_tamper_byte(void **state)
{
	struct sealed		 s[CHAIN_LEN];
	struct audit_entry	 e;
	char			*cause = NULL, *at;
	size_t			 i;
	int			 bit;

	make_chain(s);
	/* petrova -> qetrova in the login of entry seq 4 */
	at = memmem(s[3].data, s[3].len, "petrova", 7);
	assert_non_null(at);
	*at ^= 0x01;
	assert_int_equal(audit_decode(s[3].data, s[3].len, &e, &cause), -1);
	assert_string_equal(cause,
	    "audit entry 4: hash does not match its contents");
	free(cause);
	cause = NULL;
	audit_entry_clear(&e);
	assert_int_equal(chain_broken_at(s, CHAIN_LEN), 3);
	*at ^= 0x01;
	assert_int_equal(chain_broken_at(s, CHAIN_LEN), -1);

	/* One digit of a value after the change, in entry seq 3. */
	at = memmem(s[2].data, s[2].len, "Рога и копыта 2",
	    strlen("Рога и копыта 2"));
	assert_non_null(at);
	at[strlen("Рога и копыта ")] = '9';
	assert_int_equal(audit_decode(s[2].data, s[2].len, &e, &cause), -1);
	assert_string_equal(cause,
	    "audit entry 3: hash does not match its contents");
	free(cause);
	cause = NULL;
	audit_entry_clear(&e);
	at[strlen("Рога и копыта ")] = '2';

	/* Whatever byte changes, and however, the entry is refused. */
	for (i = 0; i < s[0].len; i++)
		for (bit = 0; bit < 8; bit++) {
			s[0].data[i] ^= (char)(1 << bit);
			if (audit_decode(s[0].data, s[0].len, &e,
			    &cause) == 0) {
				print_message("# byte %zu bit %d accepted\n",
				    i, bit);
				fail();
			}
			assert_non_null(cause);
			free(cause);
			cause = NULL;
			audit_entry_clear(&e);
			s[0].data[i] ^= (char)(1 << bit);
		}
	/* And a cut-off entry too. */
	for (i = 0; i < s[0].len; i++) {
		assert_int_equal(audit_decode(s[0].data, i, &e, &cause), -1);
		assert_non_null(cause);
		free(cause);
		cause = NULL;
		audit_entry_clear(&e);
	}
	assert_int_equal(chain_broken_at(s, CHAIN_LEN), -1);
	free_chain(s);
}

/* A removed entry: the next one's prev and seq no longer fit. */
static void
test_removed_entry(void **state)
{
	struct sealed		 s[CHAIN_LEN], cut[CHAIN_LEN - 1];
	struct audit_entry	 e;
	char			*cause = NULL;
	int			 i, j;

	make_chain(s);
	for (i = 0, j = 0; i < CHAIN_LEN; i++)
		if (i != 2)
			cut[j++] = s[i];
	/* Each remaining entry is intact on its own ... */
	for (i = 0; i < CHAIN_LEN - 1; i++) {
		assert_int_equal(audit_decode(cut[i].data, cut[i].len, &e,
		    &cause), 0);
		audit_entry_clear(&e);
	}
	/* ... but the chain breaks where the entry was. */
	assert_int_equal(chain_broken_at(cut, CHAIN_LEN - 1), 2);
	assert_int_equal(audit_decode(cut[2].data, cut[2].len, &e, &cause),
	    0);
	assert_int_equal(e.seq, 4);
	assert_memory_equal(e.prev, s[2].hash, AUDIT_HASH_LEN);
	assert_memory_not_equal(e.prev, cut[1].hash, AUDIT_HASH_LEN);
	audit_entry_clear(&e);
	/* The last entry removed: only the head's seq and hash, kept by the
	 * store, tell; the rest of the chain is whole. */
	assert_int_equal(chain_broken_at(s, CHAIN_LEN - 1), -1);
	free_chain(s);
}

/* Rewritten and resealed: decodes, but the next entry points elsewhere. */
static void
test_resealed_entry(void **state)
{
	struct sealed		 s[CHAIN_LEN], forged;

	make_chain(s);
	seal(4, 2, s[0].hash, &forged);		/* other content, seq 2 */
	free(s[1].data);
	s[1] = forged;
	assert_int_equal(chain_broken_at(s, CHAIN_LEN), 2);
	free_chain(s);
}

static void
test_decode_malformed(void **state)
{
	static const struct {
		const char	*data;
		size_t		 len;
	} rows[] = {
		{ "", 0 },
		{ "\xc0", 1 },
		{ "\x80", 1 },
		{ "\x92\xc4\x00\xc4\x00", 5 },		/* hash too short */
		{ "\x91\xc4\x00", 3 },
		{ "\x92\xa0\xa0", 3 },
	};
	struct audit_entry	 e;
	char			*cause;
	size_t			 i;

	for (i = 0; i < NITEMS(rows); i++) {
		cause = NULL;
		assert_int_equal(audit_decode(rows[i].data, rows[i].len, &e,
		    &cause), -1);
		assert_string_equal(cause, "audit entry 0: malformed");
		free(cause);
		audit_entry_clear(&e);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diff_create),
		cmocka_unit_test(test_diff_update),
		cmocka_unit_test(test_diff_delete),
		cmocka_unit_test(test_diff_formats),
		cmocka_unit_test(test_pack_seal_decode),
		cmocka_unit_test(test_chain),
		cmocka_unit_test(test_tamper_byte),
		cmocka_unit_test(test_removed_entry),
		cmocka_unit_test(test_resealed_entry),
		cmocka_unit_test(test_decode_malformed),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
