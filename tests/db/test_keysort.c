/*
 * The external sort of an import's index keys (src/db/keysort.c): in
 * the heap alone, and past its budget through runs in files merged back;
 * every record comes out once, in order.
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

#include "db/keysort.h"

/* Bytes, a prefix first (as Berkeley DB orders keys), then by nothing
 * more: the record's last 4 bytes (its number) are not compared. */
static int
cmp(const void *a, size_t alen, const void *b, size_t blen)
{
	size_t	 ka = alen - 4, kb = blen - 4;
	int	 c = memcmp(a, b, ka < kb ? ka : kb);

	if (c != 0)
		return (c);
	return (ka < kb ? -1 : ka > kb);
}

/* The key's first 3 bytes, padded with zeros. */
static uint64_t
prefix(const void *a, size_t alen)
{
	const unsigned char	*p = a;
	uint64_t		 v = 0;
	size_t			 i;

	for (i = 0; i < 3; i++)
		v = v << 8 | (i < alen - 4 ? p[i] : 0);
	return (v);
}

static void
run(size_t n, size_t budget, size_t keys, int pfx)
{
	struct keysort	*ks = keysort_new(".", budget, cmp);
	const char	*p, *prev = NULL;
	char		 rec[64], last[64];
	size_t		 len, i, got = 0, lastlen = 0;
	uint32_t	 num;
	unsigned char	*seen = calloc(n, 1);

	if (pfx)
		keysort_set_prefix(ks, prefix);
	srand(7);
	for (i = 0; i < n; i++) {
		int	 klen;

		klen = snprintf(rec, sizeof rec, "k%zu", (size_t)rand() % keys);
		num = (uint32_t)i;
		memcpy(rec + klen, &num, 4);
		assert_int_equal(keysort_put(ks, rec, (size_t)klen + 4), 0);
	}
	assert_int_equal(keysort_count(ks), n);
	assert_int_equal(keysort_done(ks), 0);
	while (keysort_next(ks, &p, &len) == 1) {
		memcpy(&num, p + len - 4, 4);
		assert_true(num < n);
		assert_false(seen[num]);
		seen[num] = 1;
		if (prev != NULL)
			assert_true(cmp(last, lastlen, p, len) <= 0);
		memcpy(last, p, len);
		lastlen = len;
		prev = last;
		got++;
	}
	assert_int_equal(got, n);
	free(seen);
	keysort_free(ks);
}

static void
test_in_heap(void **state)
{
	(void)state;
	run(10000, 64u << 20, 500, 0);
	run(10000, 64u << 20, 500, 1);
}

static void
test_runs(void **state)
{
	(void)state;
	/* Some 40 runs of 4 KB. */
	run(10000, 4096, 500, 0);
	run(10000, 4096, 500, 1);
}

static void
test_empty(void **state)
{
	struct keysort	*ks = keysort_new(".", 4096, cmp);
	const char	*p;
	size_t		 len;

	(void)state;
	assert_int_equal(keysort_done(ks), 0);
	assert_int_equal(keysort_next(ks, &p, &len), 0);
	keysort_free(ks);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_in_heap),
		cmocka_unit_test(test_runs),
		cmocka_unit_test(test_empty),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
