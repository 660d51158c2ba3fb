/*
 * Reports' cells for people (reports/reports.c): each report says what
 * its columns hold (report_def.kinds), and text, PDF and :rep show money,
 * quantities, dates and times as lists do; CSV keeps them as written.
 * Codes, INNs and phone numbers, in text columns, are never touched, and
 * a figure or date column touches only the exact forms the reports write.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "reports/reports.h"

#define NITEMS(a)	(sizeof (a) / sizeof (a)[0])

/* Every report says the kind of each of its columns, codes as text. */
static void
test_kinds_table(void **state)
{
	static const char *const codes[] = { "code", "sku", "order",
	    "return", "shipment", "doc", "move", "lot", "group", "name",
	    "warehouse", "customer", "manager", "supplier", "line",
	    "status", "user", "assignee", "title", NULL };
	const struct report_def *const	*r;
	size_t				 n, i;

	(void)state;
	for (r = report_table; *r != NULL; r++) {
		for (n = 0; (*r)->columns[n] != NULL; n++)
			;
		assert_non_null((*r)->kinds);
		if (strlen((*r)->kinds) != n)
			fail_msg("%s: %zu kinds for %zu columns", (*r)->name,
			    strlen((*r)->kinds), n);
		for (i = 0; i < n; i++) {
			if (strchr("mqdTt", (*r)->kinds[i]) == NULL)
				fail_msg("%s: kind '%c'", (*r)->name,
				    (*r)->kinds[i]);
		}
		for (i = 0; i < n; i++) {
			size_t	 k;

			for (k = 0; codes[k] != NULL; k++)
				if (strcmp((*r)->columns[i], codes[k]) == 0 &&
				    (*r)->kinds[i] != 't')
					fail_msg("%s: column %s is text",
					    (*r)->name, codes[k]);
		}
	}
}

static void
test_cells(void **state)
{
	static const struct {
		int		 kind;
		const char	*in, *out;	/* out NULL: as written */
	} rows[] = {
		{ 'm', "1742.40", "1 742,40" },
		{ 'm', "-150.00", "-150,00" },
		{ 'm', "0.00", "0,00" },
		{ 'm', "1507283.80", "1 507 283,80" },
		{ 'm', "1742.4", NULL },
		{ 'm', "1 742,40", NULL },
		{ 'm', "TOTAL", NULL },
		{ 'm', "", NULL },
		{ 'm', "-", NULL },
		{ 'm', "1742.", NULL },
		{ 'm', ".40", NULL },
		{ 'q', "13.5", "13,5" },
		{ 'q', "923.5", "923,5" },
		{ 'q', "1000", "1 000" },
		{ 'q', "-10.5", "-10,5" },
		{ 'q', "0.001", "0,001" },
		{ 'q', "98.39", "98,39" },
		{ 'q', "1.2345", NULL },
		{ 'q', "1e5", NULL },
		{ 'q', " 12", NULL },
		{ 'q', "+7 (913) 339-05-46", NULL },
		{ 'q', "(all)", NULL },
		{ 'd', "2026-10-08", "08.10.2026" },
		{ 'd', "2026-000123", NULL },
		{ 'd', "2026-W41", NULL },
		{ 'd', "2026-10", "10.2026" },	/* a month */
		{ 'd', "2026-00", NULL },
		{ 'd', "2026-13", NULL },
		{ 'd', "2026-13-01", NULL },
		{ 'd', "2026-02-30", NULL },
		{ 'd', "2026-10-08x", NULL },
		{ 'd', "+3", NULL },
		{ 'd', "today", NULL },
		{ 'd', "", NULL },
		{ 'T', "2026-12-03T09:00:00Z", "03.12.2026 09:00" },
		{ 'T', "2026-12-03", NULL },
		/* Text: whatever it holds stays. */
		{ 't', "2026-000123", NULL },
		{ 't', "7707083893", NULL },
		{ 't', "+7 (913) 339-05-46", NULL },
		{ 't', "2026-10-08", NULL },
		{ 't', "1742.40", NULL },
	};
	char	*got;
	size_t	 i;

	(void)state;
	for (i = 0; i < NITEMS(rows); i++) {
		got = report_cell_people(rows[i].kind, rows[i].in);
		if (rows[i].out == NULL && got != NULL)
			fail_msg("'%c' \"%s\": \"%s\", not as written",
			    rows[i].kind, rows[i].in, got);
		if (rows[i].out != NULL && (got == NULL ||
		    strcmp(got, rows[i].out) != 0))
			fail_msg("'%c' \"%s\": \"%s\", not \"%s\"",
			    rows[i].kind, rows[i].in, got ? got : "(as written)",
			    rows[i].out);
		free(got);
	}
	assert_null(report_cell_people('m', NULL));
}

/* The sink for people hands on each row's cells by the report's kinds. */
struct seen {
	char	*cells[8];
	int	 n;
};

static int
seen_row(struct report_sink *sink, const char *const *cells, int n)
{
	struct seen	*s = sink->arg;
	int		 i;

	for (i = 0; i < n && i < 8; i++)
		s->cells[i] = strdup(cells[i] != NULL ? cells[i] : "(null)");
	s->n = n;
	return (0);
}

static void
test_sink(void **state)
{
	static const char *const cols[] = { "order", "date", "amount", "qty",
	    "reason", NULL };
	static const char *const row[] = { "SO-2026-000123", "2026-10-08",
	    "1742.40", "13.5", NULL };
	static const char *const want[] = { "SO-2026-000123", "08.10.2026",
	    "1 742,40", "13,5", "(null)" };
	struct report_def	 rep;
	struct report_people	 p;
	struct report_sink	 next, *s;
	struct seen		 seen;
	int			 i;

	(void)state;
	memset(&rep, 0, sizeof rep);
	rep.name = "test";
	rep.columns = cols;
	memset(&seen, 0, sizeof seen);
	next.row = seen_row;
	next.arg = &seen;
	assert_ptr_equal(report_people_sink(&p, &rep, &next), &next);
	rep.kinds = "tdmqt";
	s = report_people_sink(&p, &rep, &next);
	assert_int_equal(s->row(s, row, 5), 0);
	assert_int_equal(seen.n, 5);
	for (i = 0; i < 5; i++) {
		assert_string_equal(seen.cells[i], want[i]);
		free(seen.cells[i]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds_table),
		cmocka_unit_test(test_cells),
		cmocka_unit_test(test_sink),
	};

	/* Times are shown local: the test's zone is UTC. */
	setenv("TZ", "UTC", 1);
	tzset();
	return (cmocka_run_group_tests(tests, NULL, NULL));
}
