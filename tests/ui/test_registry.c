/*
 * The screen registry (screens/screens.c): names, fast-path codes and
 * menu hotkeys are unique, no callback is missing, every screen's area
 * is a permission area the roles know, and each action table ends.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "auth.h"
#include "screens/screens.h"

static void
test_unique(void **state)
{
	const struct screen_def *const	*a, *const *b;

	(void)state;
	for (a = screen_table; *a != NULL; a++)
		for (b = a + 1; *b != NULL; b++) {
			assert_string_not_equal((*a)->name, (*b)->name);
			assert_string_not_equal((*a)->code, (*b)->code);
			assert_string_not_equal((*a)->name, (*b)->code);
			assert_string_not_equal((*a)->code, (*b)->name);
			assert_int_not_equal((*a)->hotkey, (*b)->hotkey);
		}
}

static void
test_complete(void **state)
{
	const struct screen_def *const	*d;
	const struct ui_action		*act;
	size_t				 n;

	(void)state;
	for (d = screen_table; *d != NULL; d++) {
		assert_non_null((*d)->name);
		assert_non_null((*d)->code);
		assert_non_null((*d)->title);
		assert_non_null((*d)->open);
		assert_non_null((*d)->close);
		assert_non_null((*d)->draw);
		assert_non_null((*d)->key);
		assert_non_null((*d)->actions);
		/* A hotkey the menu can show, not one the session takes. */
		assert_true((*d)->hotkey > ' ' && (*d)->hotkey < 0x7f);
		assert_null(strchr(":?", (*d)->hotkey));
		for (n = 0, act = (*d)->actions; act->keyname != NULL &&
		    n < 64; act++, n++)
			assert_non_null(act->what);
		assert_true(n < 64);
		assert_ptr_equal(screen_find((*d)->code), *d);
		assert_ptr_equal(screen_find((*d)->name), *d);
	}
	assert_null(screen_find("nosuch"));
}

/* An area a role is granted somewhere, so the menu can ever show it. */
static void
test_areas(void **state)
{
	static const unsigned roles[] = {
		ROLE_MANAGER, ROLE_SALES, ROLE_WAREHOUSE, ROLE_PURCHASING,
		ROLE_PRODUCTION, ROLE_ACCOUNTANT, ROLE_HR
	};
	const struct screen_def *const	*d;
	size_t				 i;
	int				 some;

	(void)state;
	for (d = screen_table; *d != NULL; d++) {
		if ((*d)->area == NULL || strcmp((*d)->area, "admin") == 0)
			continue;
		for (some = 0, i = 0; i < sizeof roles / sizeof roles[0]; i++)
			some |= auth_allowed(roles[i], (*d)->area, ACT_VIEW);
		assert_true(some);
	}
	/* The warehouse clerk's menu: the stock screens, no customers. */
	assert_true(auth_allowed(ROLE_WAREHOUSE, screen_find("recv")->area,
	    ACT_VIEW));
	assert_false(auth_allowed(ROLE_WAREHOUSE, screen_find("cust")->area,
	    ACT_VIEW));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unique),
		cmocka_unit_test(test_complete),
		cmocka_unit_test(test_areas),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
