/*
 * Deals (src/model/deal.c) over a real store in a fresh temporary home:
 * one table of stage changes, run in order, each a save of a deal as a
 * clerk or an import would make it; the result code, the refusal, and
 * afterwards the deal's stage, probability and history (how many
 * entries, the last one's from and to stages and time).  Then: a refused
 * change leaves no history, kontor check holds and notices a deal whose
 * stage is not its history's last, a deleted deal takes its history, a
 * customer named by INN.
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
#include <time.h>
#include <unistd.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "model/model.h"
#include "tests/model/mtest.h"
#include "xmalloc.h"

#define NITEMS(a)	(sizeof (a) / sizeof (a)[0])
#define LOGIN		MT_LOGIN

static struct store	*st;

struct dcase {
	const char	*what;
	const char	*deal;		/* a name of the table's: D1, D2... */
	int		 create;
	const char	*stage;		/* NULL: leave (create: the default) */
	const char	*reason;
	const char	*prob;		/* typed */
	const char	*amount;
	const char	*since;		/* typed stage_since (UTC) */
	int		 rc;
	const char	*cause;
	/* afterwards */
	const char	*want_stage;
	int64_t		 want_prob;
	size_t		 want_hist;
	const char	*want_from;	/* the last entry's; "" none */
	const char	*want_at;	/* the last entry's time, or NULL */
};

static const struct dcase cases[] = {
	{ "a new deal starts at the first open stage, its probability",
	  "D1", 1, NULL, NULL, NULL, "1000", NULL, ST_OK, NULL,
	  "Новая", 10, 1, "", NULL },
	{ "moved: the new stage's probability, a history entry",
	  "D1", 0, "Квалификация", NULL, NULL, NULL, NULL, ST_OK, NULL,
	  "Квалификация", 20, 2, "Новая", NULL },
	{ "a typed probability is kept while the stage stays",
	  "D1", 0, NULL, NULL, "35", NULL, NULL, ST_OK, NULL,
	  "Квалификация", 35, 2, "Новая", NULL },
	{ "and gives way to the next stage's",
	  "D1", 0, "КП отправлено", NULL, NULL, NULL, NULL, ST_OK, NULL,
	  "КП отправлено", 40, 3, "Квалификация", NULL },
	{ "typed with the move, it wins",
	  "D1", 0, "Переговоры", NULL, "55", NULL, NULL, ST_OK, NULL,
	  "Переговоры", 55, 4, "КП отправлено", NULL },
	{ "lost without a reason is refused, naming the field",
	  "D1", 0, "Проиграна", NULL, NULL, NULL, NULL, ST_INVALID,
	  "column 'lost_reason': a reason is required when the deal is lost",
	  "Переговоры", 55, 4, "КП отправлено", NULL },
	{ "lost with a reason",
	  "D1", 0, "Проиграна", "Дорого", NULL, NULL, NULL, ST_OK, NULL,
	  "Проиграна", 0, 5, "Переговоры", NULL },
	{ "won again from lost (a second chance)",
	  "D1", 0, "Выиграна", NULL, NULL, NULL, NULL, ST_OK, NULL,
	  "Выиграна", 100, 6, "Проиграна", NULL },
	{ "an edit that keeps the stage writes no history",
	  "D1", 0, NULL, NULL, NULL, "2000", NULL, ST_OK, NULL,
	  "Выиграна", 100, 6, "Проиграна", NULL },
	{ "a deal brought with when it entered its stage",
	  "D2", 1, "квалификация", NULL, NULL, "500", "2025-03-01T09:00Z",
	  ST_OK, NULL, "Квалификация", 20, 1, "", "2025-03-01T09:00Z" },
	{ "a move typed with its time",
	  "D2", 0, "КП отправлено", NULL, NULL, NULL, "2025-03-05T09:00Z",
	  ST_OK, NULL, "КП отправлено", 40, 2, "Квалификация",
	  "2025-03-05T09:00Z" },
	{ "a move before the previous one is refused",
	  "D2", 0, "Переговоры", NULL, NULL, NULL, "2025-03-04T09:00Z",
	  ST_INVALID, "column 'stage_since': before",
	  "КП отправлено", 40, 2, "Квалификация", "2025-03-05T09:00Z" },
	{ "a move in the future is refused",
	  "D2", 0, "Переговоры", NULL, NULL, NULL, "2099-01-01T09:00Z",
	  ST_INVALID, "column 'stage_since': a stage cannot be entered in "
	  "the future",
	  "КП отправлено", 40, 2, "Квалификация", "2025-03-05T09:00Z" },
	{ "a probability over 100 is refused",
	  "D2", 0, NULL, NULL, "120", NULL, NULL, ST_INVALID,
	  "column 'probability': 0 to 100 expected, got 120",
	  "КП отправлено", 40, 2, "Квалификация", NULL },
	{ "a negative amount is refused",
	  "D3", 1, NULL, NULL, NULL, "-5", NULL, ST_INVALID,
	  "column 'amount': must not be negative", NULL, 0, 0, NULL, NULL },
	{ "an unknown stage is refused",
	  "D3", 1, "Нет такого", NULL, NULL, "5", NULL, ST_INVALID,
	  "column 'stage'", NULL, 0, 0, NULL, NULL },
};

/* The codes the cases' deals got. */
static char	*deal_codes[8];

static int
name_index(const char *name)
{
	return (name[1] - '0');
}

static int
setup_tx(struct tx *x, void *arg, char **cause)
{
	const struct entity_def	*ue = dict_entity("users");
	const struct entity_def	*ce = dict_entity("customers");
	struct record		*r;
	int			 rc;

	(void)arg;
	r = record_new(ue);
	mt_set(r, "login", LOGIN);
	mt_set(r, "name", "Тест Тестович");
	mt_set(r, "roles", "admin");
	rc = model_save(x, r, 0, cause);
	record_free(r);
	if (rc != ST_OK)
		return (rc);
	r = record_new(ce);
	mt_set(r, "code", "C-1");
	mt_set(r, "name", "ООО «Ромашка»");
	mt_set(r, "kind", "company");
	mt_set(r, "inn", "7707083893");
	rc = model_save(x, r, 0, cause);
	record_free(r);
	if (rc != ST_OK)
		return (rc);
	return (deal_seed_stages(x, cause));
}

static int
group_setup(void **state)
{
	(void)state;
	return ((st = mt_open("deals", setup_tx, NULL)) == NULL ? -1 : 0);
}

static int
group_teardown(void **state)
{
	size_t	 i;

	(void)state;
	for (i = 0; i < NITEMS(deal_codes); i++)
		free(deal_codes[i]);
	return (mt_close(st));
}

static struct record *
get_by_code(const char *entity, const char *code)
{
	struct record	*r;
	struct value	 v;

	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)code;
	if (store_lookup(st, dict_entity(entity), FX_CODE, &v, &r) != ST_OK)
		return (NULL);
	return (r);
}

static int
save_tx(struct tx *x, void *arg, char **cause)
{
	const struct dcase	*c = arg;
	const struct entity_def	*e = dict_entity("deals");
	struct record		*r;
	uint64_t		 id;
	struct value		 v;
	int			 rc, i = name_index(c->deal);

	if (c->create) {
		r = record_new(e);
		mt_set(r, "customer", "C-1");
		mt_set(r, "title", c->what);
	} else {
		memset(&v, 0, sizeof v);
		v.set = 1;
		v.s = deal_codes[i];
		if ((rc = tx_find(x, e, FX_CODE, &v, &id)) != ST_OK ||
		    (rc = tx_get(x, e, id, 1, &r)) != ST_OK)
			return (rc);
	}
	mt_set(r, "stage", c->stage);
	mt_set(r, "lost_reason", c->reason);
	mt_set(r, "probability", c->prob);
	mt_set(r, "amount", c->amount);
	mt_set(r, "stage_since", c->since);
	rc = model_save(x, r, c->create ? 0 : record_rev(r), cause);
	if (rc == ST_OK && c->create)
		deal_codes[i] = xstrdup(record_str(r, FX_CODE));
	record_free(r);
	return (rc);
}

struct hist {
	uint64_t	 deal;
	size_t		 n;
	int64_t		 from, at;
};

static int
hist_of(const struct record *r, void *arg)
{
	struct hist	*h = arg;

	if ((uint64_t)record_int(r, dict_field_pos(r->ent, "deal")) !=
	    h->deal)
		return (0);
	h->n++;
	h->from = record_int(r, dict_field_pos(r->ent, "from_stage"));
	h->at = record_int(r, dict_field_pos(r->ent, "at"));
	return (0);
}

static char *
stage_name(int64_t id)
{
	struct record	*r;
	char		*s;

	if (id == 0)
		return (xstrdup(""));
	assert_int_equal(store_get(st, dict_entity("deal_stages"),
	    (uint64_t)id, &r), ST_OK);
	s = xstrdup(record_str(r, FX_CODE));
	record_free(r);
	return (s);
}

static void
test_stage_changes(void **state)
{
	const struct entity_def	*e = dict_entity("deals");
	size_t			 i;
	int			 nfail = 0;

	(void)state;
	for (i = 0; i < NITEMS(cases); i++) {
		const struct dcase	*c = &cases[i];
		struct record		*r;
		struct hist		 h;
		char			*cause = NULL, *name, *from;
		int			 rc;

		rc = store_run(st, LOGIN, "test", save_tx, (void *)c, &cause);
		print_message("# %s: %s%s%s\n", c->what, rc == ST_OK ? "ok" :
		    "refused", cause ? ": " : "", cause ? cause : "");
		if (rc != c->rc || (c->cause != NULL && (cause == NULL ||
		    strstr(cause, c->cause) == NULL))) {
			print_message("#   want rc %d (%s), got %d\n", c->rc,
			    c->cause ? c->cause : "", rc);
			nfail++;
		}
		free(cause);
		if (c->want_stage == NULL)
			continue;
		r = get_by_code("deals", deal_codes[name_index(c->deal)]);
		assert_non_null(r);
		memset(&h, 0, sizeof h);
		h.deal = record_id(r);
		assert_int_equal(store_each(st, dict_entity("deal_history"),
		    hist_of, &h), ST_OK);
		name = stage_name(record_int(r, dict_field_pos(e, "stage")));
		from = stage_name(h.from);
		if (strcmp(name, c->want_stage) != 0 ||
		    record_int(r, dict_field_pos(e, "probability")) !=
		    c->want_prob || h.n != c->want_hist ||
		    strcmp(from, c->want_from) != 0) {
			print_message("#   want %s %lld%% %zu from '%s', got "
			    "%s %lld%% %zu from '%s'\n", c->want_stage,
			    (long long)c->want_prob, c->want_hist,
			    c->want_from, name, (long long)record_int(r,
			    dict_field_pos(e, "probability")), h.n, from);
			nfail++;
		}
		if (c->want_at != NULL) {
			struct value	 v;
			char		*why = NULL;

			assert_int_equal(value_parse(dict_field(e,
			    "stage_since"), c->want_at, &v, &why), 0);
			if (h.at != v.i || record_int(r, dict_field_pos(e,
			    "stage_since")) != v.i) {
				print_message("#   want the entry at %s\n",
				    c->want_at);
				nfail++;
			}
		} else if (rc == ST_OK && c->since == NULL &&
		    h.at < (int64_t)time(NULL) - 60 && c->stage != NULL) {
			print_message("#   want the entry at now\n");
			nfail++;
		}
		free(name);
		free(from);
		record_free(r);
	}
	assert_int_equal(nfail, 0);
}

static void
test_check_holds(void **state)
{
	struct buf	 report = { 0 };
	int		 m;

	(void)state;
	m = model_check(st, &report);
	if (report.data != NULL)
		print_message("# %s", report.data);
	assert_int_equal(m, 0);
	buf_free(&report);
}

/* A deal whose stage was changed behind the model's back. */
static int
drift_tx(struct tx *x, void *arg, char **cause)
{
	const struct entity_def	*e = dict_entity("deals");
	struct record		*r, *s;
	int			 rc;

	(void)arg;
	s = get_by_code("deal_stages", "Новая");
	r = get_by_code("deals", deal_codes[2]);
	record_set_int(r, dict_field_pos(e, "stage"), (int64_t)record_id(s));
	rc = tx_update(x, r, record_rev(r), cause);
	record_free(r);
	record_free(s);
	return (rc);
}

static void
test_check_notices_drift(void **state)
{
	struct buf	 report = { 0 };
	char		*want, *cause = NULL;
	int		 m;

	(void)state;
	assert_int_equal(store_run(st, LOGIN, "test", drift_tx, NULL, &cause),
	    ST_OK);
	m = model_check(st, &report);
	assert_int_not_equal(m, 0);
	xasprintf(&want, "deals %s: its stage is not the last one of its "
	    "history", deal_codes[2]);
	assert_non_null(report.data);
	assert_non_null(strstr(report.data, want));
	free(want);
	buf_free(&report);
}

static int
delete_tx(struct tx *x, void *arg, char **cause)
{
	struct record	*r = get_by_code("deals", arg);
	int		 rc;

	rc = model_delete(x, r->ent, record_id(r), record_rev(r), cause);
	record_free(r);
	return (rc);
}

static void
test_delete_takes_history(void **state)
{
	struct hist	 h;
	struct record	*r;
	char		*cause = NULL;

	(void)state;
	r = get_by_code("deals", deal_codes[1]);
	memset(&h, 0, sizeof h);
	h.deal = record_id(r);
	record_free(r);
	assert_int_equal(store_run(st, LOGIN, "test", delete_tx, deal_codes[1],
	    &cause), ST_OK);
	assert_int_equal(store_each(st, dict_entity("deal_history"), hist_of,
	    &h), ST_OK);
	assert_int_equal(h.n, 0);
	assert_null(get_by_code("deals", deal_codes[1]));
}

static int
by_inn_tx(struct tx *x, void *arg, char **cause)
{
	const struct entity_def	*e = dict_entity("deals");
	struct record		*r = record_new(e), *c;
	int			 rc;

	mt_set(r, "customer", arg);
	mt_set(r, "title", "По ИНН");
	rc = model_save(x, r, 0, cause);
	if (rc == ST_OK) {
		c = get_by_code("customers", "C-1");
		assert_int_equal(record_int(r, dict_field_pos(e, "customer")),
		    (int64_t)record_id(c));
		record_free(c);
	}
	record_free(r);
	return (rc);
}

static void
test_customer_by_inn(void **state)
{
	char	*cause = NULL;

	(void)state;
	assert_int_equal(store_run(st, LOGIN, "test", by_inn_tx,
	    "7707083893", &cause), ST_OK);
	assert_int_equal(store_run(st, LOGIN, "test", by_inn_tx,
	    "7707083894", &cause), ST_INVALID);
	assert_non_null(strstr(cause, "column 'customer'"));
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stage_changes),
		cmocka_unit_test(test_check_holds),
		cmocka_unit_test(test_delete_takes_history),
		cmocka_unit_test(test_customer_by_inn),
		cmocka_unit_test(test_check_notices_drift),
	};

	return (cmocka_run_group_tests(tests, group_setup, group_teardown));
}
