/*
 * Deals and the pipeline: a deal's stage, its probability (the stage's
 * unless typed), the reason a lost deal was lost, and its history.
 *
 * Every stage a deal enters is one deal_history record, written by the
 * deal's own save in the same transaction (the saved hook), so the
 * funnel report reads when each deal entered each stage and from where
 * straight from one small entity; the audit journal also has the field
 * diff, but it is a hash chain of every change of every entity, cut by
 * `kontor audit --cut`, and reading it for a report would walk them all.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "model/model.h"
#include "xmalloc.h"

/* A stage change typed with its time may be this far in the future (the
 * clocks of a client and the server). */
#define DEAL_CLOCK_SLACK	300

int
deal_stage_kind(const struct record *stage)
{
	const char	*k = record_str(stage, dict_field_pos(stage->ent,
			    "kind"));

	if (k != NULL && strcmp(k, "won") == 0)
		return (DEAL_WON);
	if (k != NULL && strcmp(k, "lost") == 0)
		return (DEAL_LOST);
	return (DEAL_OPEN);
}

struct first_open {
	int64_t		 pos;
	uint64_t	 id;
	int64_t		 maxpos;
};

static int
first_open_of(const struct record *r, void *arg)
{
	struct first_open	*fo = arg;
	int64_t			 pos = record_int(r, dict_field_pos(r->ent,
				    "position"));

	if (pos > fo->maxpos)
		fo->maxpos = pos;
	if (deal_stage_kind(r) == DEAL_OPEN && (fo->id == 0 ||
	    pos < fo->pos)) {
		fo->id = record_id(r);
		fo->pos = pos;
	}
	return (0);
}

/* The user signed in to this transaction, or ST_NOTFOUND. */
static int
current_user(struct tx *x, uint64_t *id)
{
	struct value	 v;

	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)tx_login(x);
	return (tx_find(x, dict_entity("users"), FX_CODE, &v, id));
}

static void
fmt_time(int64_t t, char *buf, size_t len)
{
	time_t		 tt = (time_t)t;
	struct tm	 tm;

	localtime_r(&tt, &tm);
	strftime(buf, len, "%d.%m.%Y %H:%M", &tm);
}

/*
 * A deal: a stage (the first open one unless given), the stage's
 * probability unless one was typed (and kept only while the stage stays),
 * the clerk as its manager unless given, a reason when the stage is a
 * lost one, and when it entered its stage: now on a stage change, or a
 * time typed with the change (a move made last week, a deal brought
 * from the old CRM) between the previous change and now.
 */
static int
deals_validate(struct tx *x, struct record *r, const struct record *old,
    char **cause)
{
	const struct entity_def	*e = r->ent;
	const struct entity_def	*se = dict_entity("deal_stages");
	int			 stage = dict_field_pos(e, "stage");
	int			 prob = dict_field_pos(e, "probability");
	int			 mgr = dict_field_pos(e, "manager");
	int			 amount = dict_field_pos(e, "amount");
	int			 reason = dict_field_pos(e, "lost_reason");
	int			 since = dict_field_pos(e, "stage_since");
	struct first_open	 fo;
	struct record		*s;
	int64_t			 now = (int64_t)time(NULL), p;
	uint64_t		 id;
	char			 when[32];
	int			 rc, changed;

	if (!record_isset(r, stage)) {
		memset(&fo, 0, sizeof fo);
		if ((rc = tx_each(x, se, first_open_of, &fo)) != ST_OK)
			return (rc);
		if (fo.id == 0) {
			xasprintf(cause, _("column 'stage': there is no open "
			    "deal stage (an admin adds one: deal_stages)"));
			return (ST_INVALID);
		}
		record_set_int(r, stage, (int64_t)fo.id);
	}
	if ((rc = tx_get(x, se, (uint64_t)record_int(r, stage), 0, &s)) !=
	    ST_OK)
		return (rc);
	if (record_int(r, amount) < 0) {
		xasprintf(cause, _("column 'amount': must not be negative"));
		record_free(s);
		return (ST_INVALID);
	}
	changed = old == NULL || record_int(old, stage) !=
	    record_int(r, stage);
	p = record_int(r, prob);
	if (record_isset(r, prob) && (p < 0 || p > 100)) {
		xasprintf(cause, _("column 'probability': 0 to 100 expected, "
		    "got %lld"), (long long)p);
		record_free(s);
		return (ST_INVALID);
	}
	if (!record_isset(r, prob) || (old != NULL && changed &&
	    value_equal(&r->v[prob], &old->v[prob])))
		record_set_int(r, prob, record_int(s, dict_field_pos(se,
		    "probability")));
	if (deal_stage_kind(s) == DEAL_LOST &&
	    (!record_isset(r, reason) || *record_str(r, reason) == '\0')) {
		xasprintf(cause, _("column 'lost_reason': a reason is "
		    "required when the deal is lost (stage \"%s\")"),
		    record_str(s, FX_CODE));
		record_free(s);
		return (ST_INVALID);
	}
	record_free(s);
	if (!record_isset(r, mgr)) {
		if ((rc = current_user(x, &id)) != ST_OK) {
			if (rc == ST_NOTFOUND) {
				xasprintf(cause, _("column 'manager': a value "
				    "is required"));
				return (ST_INVALID);
			}
			return (rc);
		}
		record_set_int(r, mgr, (int64_t)id);
	}
	if (!changed) {
		/* Only a stage change says when the stage was entered. */
		record_set_value(r, since, &old->v[since]);
		return (ST_OK);
	}
	if (!record_isset(r, since) || (old != NULL &&
	    value_equal(&r->v[since], &old->v[since]))) {
		record_set_int(r, since, now);
		return (ST_OK);
	}
	if (record_int(r, since) > now + DEAL_CLOCK_SLACK) {
		xasprintf(cause, _("column 'stage_since': a stage cannot be "
		    "entered in the future"));
		return (ST_INVALID);
	}
	if (old != NULL && record_int(r, since) < record_int(old, since)) {
		fmt_time(record_int(old, since), when, sizeof when);
		xasprintf(cause, _("column 'stage_since': before %s, when the "
		    "deal entered its previous stage"), when);
		return (ST_INVALID);
	}
	return (ST_OK);
}

static int
deals_defaults(const char *field)
{
	return (strcmp(field, "stage") == 0 || strcmp(field, "manager") == 0);
}

/* A deal saved: the stage it entered, if it did, goes to its history. */
static int
deals_saved(struct tx *x, const struct record *r, const struct record *old,
    char **cause)
{
	const struct entity_def	*e = r->ent;
	const struct entity_def	*he = dict_entity("deal_history");
	int			 stage = dict_field_pos(e, "stage");
	struct record		*h;
	int			 rc;

	if (old != NULL && record_int(old, stage) == record_int(r, stage))
		return (ST_OK);
	h = record_new(he);
	record_set_int(h, dict_field_pos(he, "deal"), (int64_t)record_id(r));
	record_set_int(h, dict_field_pos(he, "at"), record_int(r,
	    dict_field_pos(e, "stage_since")));
	if (old != NULL)
		record_set_int(h, dict_field_pos(he, "from_stage"),
		    record_int(old, stage));
	record_set_int(h, dict_field_pos(he, "stage"), record_int(r, stage));
	record_set_str(h, dict_field_pos(he, "user"), tx_login(x));
	if (record_isset(r, dict_field_pos(e, "amount")))
		record_set_int(h, dict_field_pos(he, "amount"), record_int(r,
		    dict_field_pos(e, "amount")));
	rc = tx_insert(x, h, cause);
	record_free(h);
	return (rc);
}

struct ids {
	uint64_t	*v;
	size_t		 n;
};

static int
collect_id(struct tx *x, uint64_t id, void *arg)
{
	struct ids	*ids = arg;

	(void)x;
	ids->v = xreallocarray(ids->v, ids->n + 1, sizeof *ids->v);
	ids->v[ids->n++] = id;
	return (0);
}

/* A deal deleted takes its history with it. */
static int
deals_cascade(struct tx *x, const struct entity_def *e, uint64_t id,
    char **cause)
{
	const struct entity_def	*he = dict_entity("deal_history");
	struct ids		 ids = { NULL, 0 };
	struct value		 v;
	size_t			 i;
	int			 rc;

	(void)e;
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.i = (int64_t)id;
	rc = tx_find_each(x, he, dict_field_pos(he, "deal"), &v, 1,
	    collect_id, &ids);
	if (rc == ST_NOTFOUND)
		rc = ST_OK;
	for (i = 0; rc == ST_OK && i < ids.n; i++)
		rc = tx_delete(x, he, ids.v[i], 0, cause);
	free(ids.v);
	return (rc);
}

/* A stage: probability 0-100; placed after the others unless given. */
static int
stages_validate(struct tx *x, struct record *r, const struct record *old,
    char **cause)
{
	int		 pos = dict_field_pos(r->ent, "position");
	int		 prob = dict_field_pos(r->ent, "probability");
	struct first_open fo;
	int		 rc;

	(void)old;
	if (record_isset(r, prob) && (record_int(r, prob) < 0 ||
	    record_int(r, prob) > 100)) {
		xasprintf(cause, _("column 'probability': 0 to 100 expected, "
		    "got %lld"), (long long)record_int(r, prob));
		return (ST_INVALID);
	}
	if (!record_isset(r, prob))
		record_set_int(r, prob, 0);
	if (!record_isset(r, pos)) {
		memset(&fo, 0, sizeof fo);
		if ((rc = tx_each(x, r->ent, first_open_of, &fo)) != ST_OK)
			return (rc);
		record_set_int(r, pos, fo.maxpos + 10);
	}
	return (ST_OK);
}

/* --- kontor check: a deal's history ends at its stage -------------------- */

struct hist_last {
	uint64_t	*deal;		/* by history id order: the last wins */
	int64_t		*stage;
	int64_t		*at;
	size_t		 n;
};

static int
hist_collect(const struct record *r, void *arg)
{
	struct hist_last	*hl = arg;

	hl->deal = xreallocarray(hl->deal, hl->n + 1, sizeof *hl->deal);
	hl->stage = xreallocarray(hl->stage, hl->n + 1, sizeof *hl->stage);
	hl->at = xreallocarray(hl->at, hl->n + 1, sizeof *hl->at);
	hl->deal[hl->n] = (uint64_t)record_int(r, dict_field_pos(r->ent,
	    "deal"));
	hl->stage[hl->n] = record_int(r, dict_field_pos(r->ent, "stage"));
	hl->at[hl->n] = record_int(r, dict_field_pos(r->ent, "at"));
	hl->n++;
	return (0);
}

struct deal_check {
	struct hist_last	*hl;
	struct buf		*report;
	int			 bad;
};

static int
deal_ok(const struct record *r, void *arg)
{
	struct deal_check	*dc = arg;
	size_t			 i, last = SIZE_MAX;

	for (i = 0; i < dc->hl->n; i++)
		if (dc->hl->deal[i] == record_id(r))
			last = i;
	if (last == SIZE_MAX) {
		buf_printf(dc->report, _("deals %s: no history\n"),
		    record_str(r, FX_CODE));
		dc->bad++;
	} else if (dc->hl->stage[last] != record_int(r,
	    dict_field_pos(r->ent, "stage"))) {
		buf_printf(dc->report, _("deals %s: its stage is not the last "
		    "one of its history\n"), record_str(r, FX_CODE));
		dc->bad++;
	}
	return (0);
}

static int
deals_check(struct store *st, struct buf *report)
{
	struct hist_last	 hl;
	struct deal_check	 dc;
	int			 rc;

	memset(&hl, 0, sizeof hl);
	dc.hl = &hl;
	dc.report = report;
	dc.bad = 0;
	rc = store_each(st, dict_entity("deal_history"), hist_collect, &hl);
	if (rc == ST_OK)
		rc = store_each(st, dict_entity("deals"), deal_ok, &dc);
	if (rc != ST_OK) {
		buf_printf(report, _("deals: cannot be read\n"));
		dc.bad++;
	}
	free(hl.deal);
	free(hl.stage);
	free(hl.at);
	return (dc.bad);
}

const struct model_def model_deals = {
	.entity = "deals",
	.validate = deals_validate,
	.defaults = deals_defaults,
	.saved = deals_saved,
	.cascade = deals_cascade,
	.check = deals_check,
};

const struct model_def model_deal_stages = {
	.entity = "deal_stages",
	.validate = stages_validate,
};

/* --- the pipeline of a new home, and the demo's deals ------------------- */

static const struct {
	const char	*name;
	int		 prob;
	const char	*kind;
} pipeline[] = {
	{ "Новая", 10, "open" },
	{ "Квалификация", 20, "open" },
	{ "КП отправлено", 40, "open" },
	{ "Переговоры", 70, "open" },
	{ "Выиграна", 100, "won" },
	{ "Проиграна", 0, "lost" },
};
#define NPIPELINE	(sizeof pipeline / sizeof pipeline[0])

int
deal_seed_stages(struct tx *x, char **cause)
{
	const struct entity_def	*e = dict_entity("deal_stages");
	struct record		*r;
	size_t			 i;
	int			 rc = ST_OK;

	for (i = 0; i < NPIPELINE && rc == ST_OK; i++) {
		r = record_new(e);
		record_set_str(r, FX_CODE, pipeline[i].name);
		record_set_int(r, dict_field_pos(e, "position"),
		    (int64_t)(i + 1) * 10);
		record_set_int(r, dict_field_pos(e, "probability"),
		    pipeline[i].prob);
		record_set_str(r, dict_field_pos(e, "kind"), pipeline[i].kind);
		rc = model_save(x, r, 0, cause);
		record_free(r);
	}
	return (rc);
}

static const char *const demo_titles[] = {
	"Поставка металлопроката", "Оснащение склада стеллажами",
	"Годовой контракт на расходные материалы", "Партия кабеля ВВГнг",
	"Поставка спецодежды", "Комплектация объекта электрикой",
	"Упаковочные материалы на квартал", "Инструмент для цеха",
};
static const char *const demo_sources[] = {
	"сайт", "звонок", "рекомендация", "выставка", "рассылка",
};
static const char *const demo_lost[] = {
	"Цена выше, чем у конкурента", "Клиент отложил закупку",
	"Не прошли по срокам поставки",
};
#define NELEM(a)	(sizeof (a) / sizeof (a)[0])

/*
 * The demo's deals: 36 of them, for the first customers, shared between
 * the managers, each walked from Новая to where it now stands, a few days
 * per stage, ending within the last days; every fifth is won, every
 * seventh lost.
 */
int
deal_demo(struct tx *x, const uint64_t *cust, size_t ncust,
    const uint64_t *mgr, size_t nmgr, char **cause)
{
	const struct entity_def	*se = dict_entity("deal_stages");
	const struct entity_def	*e = dict_entity("deals");
	uint64_t		 stage[NPIPELINE];
	struct value		 v;
	struct record		*r;
	int64_t			 now = (int64_t)time(NULL), t;
	size_t			 i, j, last;
	int			 rc;

	for (i = 0; i < NPIPELINE; i++) {
		memset(&v, 0, sizeof v);
		v.set = 1;
		v.s = (char *)pipeline[i].name;
		if ((rc = tx_find(x, se, FX_CODE, &v, &stage[i])) != ST_OK)
			return (rc);
	}
	for (i = 0; i < 36; i++) {
		/* Where it stands: 0-3 open, 4 won, 5 lost. */
		last = i % 5 == 4 ? 4 : i % 7 == 6 ? 5 : i % 4;
		r = record_new(e);
		record_set_int(r, dict_field_pos(e, "customer"),
		    (int64_t)cust[i % ncust]);
		record_set_str(r, dict_field_pos(e, "title"),
		    demo_titles[i % NELEM(demo_titles)]);
		record_set_int(r, dict_field_pos(e, "amount"),
		    (int64_t)(50000 + (i * 37 % 40) * 25000) * 100);
		record_set_int(r, dict_field_pos(e, "manager"),
		    (int64_t)mgr[i % nmgr]);
		record_set_str(r, dict_field_pos(e, "source"),
		    demo_sources[i % NELEM(demo_sources)]);
		record_set_int(r, dict_field_pos(e, "expected_close"),
		    date_add_days(date_today(), (int)(i % 9) * 7 + 5));
		record_set_int(r, dict_field_pos(e, "stage"),
		    (int64_t)stage[0]);
		/* Days per stage: 2 to 6, so the report has medians. */
		t = now - (int64_t)(last + 1) * 6 * 86400 - (int64_t)i * 3600;
		record_set_int(r, dict_field_pos(e, "stage_since"), t);
		rc = model_save(x, r, 0, cause);
		for (j = 1; rc == ST_OK && j <= last; j++) {
			/* A lost deal is lost from the stage it reached. */
			size_t	 to = j;

			if (last == 5 && j < 5 && j > i % 3 + 1)
				continue;
			t += (int64_t)(2 + (i + j) % 5) * 86400;
			record_set_int(r, dict_field_pos(e, "stage"),
			    (int64_t)stage[to]);
			record_set_int(r, dict_field_pos(e, "stage_since"), t);
			if (to == 5)
				record_set_str(r, dict_field_pos(e,
				    "lost_reason"),
				    demo_lost[i % NELEM(demo_lost)]);
			rc = model_save(x, r, record_rev(r), cause);
		}
		record_free(r);
		if (rc != ST_OK)
			return (rc);
	}
	return (ST_OK);
}
