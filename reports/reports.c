#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "reports/reports.h"
#include "xmalloc.h"

extern const struct report_def rep_customers_by_status;
extern const struct report_def rep_tasks_due;
extern const struct report_def rep_funnel;
extern const struct report_def rep_sales;
extern const struct report_def rep_orders_open;
extern const struct report_def rep_returns;
extern const struct report_def rep_stock;
extern const struct report_def rep_stock_value;
extern const struct report_def rep_reorder;
extern const struct report_def rep_moves;
extern const struct report_def rep_lots;
extern const struct report_def rep_receivables;
extern const struct report_def rep_payables;
extern const struct report_def rep_cash;
extern const struct report_def rep_payments;
extern const struct report_def rep_production;
extern const struct report_def rep_finished_goods;
extern const struct report_def rep_shortages;
extern const struct report_def rep_abc;
extern const struct report_def rep_slow_stock;
extern const struct report_def rep_losses;
extern const struct report_def rep_plan_actual;

const struct report_def *const report_table[] = {
	&rep_customers_by_status,
	&rep_tasks_due,
	&rep_funnel,
	&rep_sales,
	&rep_orders_open,
	&rep_returns,
	&rep_stock,
	&rep_stock_value,
	&rep_reorder,
	&rep_moves,
	&rep_lots,
	&rep_receivables,
	&rep_payables,
	&rep_cash,
	&rep_payments,
	&rep_production,
	&rep_finished_goods,
	&rep_shortages,
	&rep_abc,
	&rep_slow_stock,
	&rep_losses,
	&rep_plan_actual,
	NULL
};

const struct report_def *
report_find(const char *name)
{
	const struct report_def *const	*r;

	for (r = report_table; *r != NULL; r++)
		if (strcmp((*r)->name, name) == 0)
			return (*r);
	return (NULL);
}

const char *
report_title(const struct report_def *rep)
{
	return (_(rep->title));
}

const char *
report_label(const char *column)
{
	return (i18n_ctx("report", column));
}

const char *
report_word(const struct report_args *a, const char *msgid)
{
	return (a->csv ? msgid : _(msgid));
}

const char *
report_enum(const struct report_args *a, const char *value)
{
	return (a->csv ? value : dict_enum_word(value));
}

/* The words of the --by and --period values (the options take them in
 * English, as the command line's words). */
static const char *const param_words[] = {
	NC_("report param", "customer"), NC_("report param", "product"),
	NC_("report param", "manager"), NC_("report param", "category"),
	NC_("report param", "shipment"), NC_("report param", "account"),
	NC_("report param", "counterparty"), NC_("report param", "day"),
	NC_("report param", "week"), NC_("report param", "month"),
	NULL
};

const char *
report_param_word(const char *v)
{
	size_t	 i;

	for (i = 0; v != NULL && param_words[i] != NULL; i++)
		if (strcmp(param_words[i], v) == 0)
			return (i18n_ctx("report param", v));
	return (v);
}

int
report_only(const struct report_args *a, int by_ok, int period_ok,
    char **cause)
{
	if (a->period != NULL && !period_ok) {
		xasprintf(cause, _("%s takes no --period"), a->name);
		return (EX_USAGE);
	}
	if (a->by != NULL && !by_ok) {
		xasprintf(cause, _("%s takes no --by"), a->name);
		return (EX_USAGE);
	}
	return (0);
}

int
report_dates(const struct report_args *a, char **cause)
{
	if (a->from != 0 && a->to != 0 && a->from > a->to) {
		xasprintf(cause, _("--from is after --to"));
		return (EX_DATAERR);
	}
	return (0);
}

int
report_takes(const struct report_def *rep, const char *param)
{
	const char	*p = rep->params;
	size_t		 n = strlen(param);

	while (p != NULL && *p != '\0') {
		if (strncmp(p, param, n) == 0 && (p[n] == '\0' ||
		    p[n] == ' ' || p[n] == ':'))
			return (1);
		if ((p = strchr(p, ' ')) != NULL)
			p++;
	}
	return (0);
}

int
report_ref(struct store *st, const char *entity, const char *what,
    const char *code, uint64_t *id, char **cause)
{
	const struct entity_def	*e = dict_entity(entity);
	struct record		*r;
	struct value		 key;
	char			*q;

	memset(&key, 0, sizeof key);
	key.set = 1;
	key.s = (char *)code;
	if (e == NULL || store_lookup(st, e, FX_CODE, &key, &r) != ST_OK) {
		q = text_quote(code);
		if (strcmp(entity, "users") == 0)
			xasprintf(cause, _("--%s: no user with login %s"),
			    what, q);
		else if (strcmp(entity, "customers") == 0)
			xasprintf(cause, _("--%s: no customer with code %s"),
			    what, q);
		else if (strcmp(entity, "warehouses") == 0)
			xasprintf(cause, _("--%s: no warehouse with code %s"),
			    what, q);
		else
			xasprintf(cause, _("--%s: no category with code %s"),
			    what, q);
		free(q);
		return (EX_NOINPUT);
	}
	*id = record_id(r);
	record_free(r);
	return (0);
}

char *
report_date(int64_t d)
{
	char	 buf[16];

	if (d == 0)
		return (xstrdup(""));
	date_format(d, buf, sizeof buf);
	return (xstrdup(buf));
}

/* Whether s is n digits (n > 0) or, n 0, one or more; its end in *end. */
static int
digits(const char *s, size_t n, const char **end)
{
	size_t	 i;

	for (i = 0; s[i] >= '0' && s[i] <= '9'; i++)
		;
	*end = s + i;
	return (n == 0 ? i > 0 : i == n);
}

/* Whether cell is a figure as written for CSV: an optional minus, digits,
 * and a point with at most scale digits (exactly scale when exact). */
static int
figure_shape(const char *cell, int scale, int exact)
{
	const char	*p = cell;
	size_t		 n;

	if (*p == '-')
		p++;
	if (!digits(p, 0, &p))
		return (0);
	if (*p == '\0')
		return (!exact);
	if (*p++ != '.' || !digits(p, 0, &cell))
		return (0);
	n = (size_t)(cell - p);
	return (*cell == '\0' && (exact ? n == (size_t)scale :
	    n <= (size_t)scale));
}

char *
report_cell_people(int kind, const char *cell)
{
	char		 buf[48];
	const char	*p;
	int64_t		 v;
	char		*why = NULL;

	if (cell == NULL)
		return (NULL);
	switch (kind) {
	case 'm':
		if (!figure_shape(cell, 2, 1) ||
		    money_parse(cell, &v, &why) != 0)
			break;
		money_format(v, buf, sizeof buf, 1);
		return (xstrdup(buf));
	case 'q':
		if (!figure_shape(cell, 3, 0) ||
		    qty_parse(cell, &v, &why) != 0)
			break;
		qty_format_grouped(v, buf, sizeof buf);
		return (xstrdup(buf));
	case 'd':
		/* A month, 2026-10, as 10.2026 (a date's last two parts);
		 * a week, 2026-W41, stays. */
		if (digits(cell, 4, &p) && *p == '-' &&
		    digits(p + 1, 2, &p) && *p == '\0' &&
		    (v = (cell[5] - '0') * 10 + cell[6] - '0') >= 1 &&
		    v <= 12) {
			snprintf(buf, sizeof buf, "%.2s.%.4s", cell + 5,
			    cell);
			return (xstrdup(buf));
		}
		/* 2026-10-08. */
		if (!digits(cell, 4, &p) || *p != '-' ||
		    !digits(p + 1, 2, &p) || *p != '-' ||
		    !digits(p + 1, 2, &p) || *p != '\0' ||
		    date_parse(cell, &v, &why) != 0)
			break;
		date_format_people(v, buf, sizeof buf);
		return (xstrdup(buf));
	case 'T':
		/* 2026-12-03T09:00:00Z, as time_format() writes it. */
		if (strlen(cell) != 20 || cell[10] != 'T' ||
		    cell[19] != 'Z' || time_parse(cell, &v, &why) != 0)
			break;
		time_format_people(v, buf, sizeof buf);
		return (xstrdup(buf));
	}
	free(why);
	return (NULL);
}

static int
report_people_row(struct report_sink *sink, const char *const *cells, int n)
{
	struct report_people	*p = sink->arg;
	const char		**out;
	char			**made;
	size_t			 nk = strlen(p->kinds);
	int			 i, rc;

	out = xcalloc((size_t)n + 1, sizeof *out);
	made = xcalloc((size_t)n + 1, sizeof *made);
	for (i = 0; i < n; i++) {
		if ((size_t)i < nk)
			made[i] = report_cell_people(p->kinds[i], cells[i]);
		out[i] = made[i] != NULL ? made[i] : cells[i];
	}
	rc = p->next->row(p->next, out, n);
	for (i = 0; i < n; i++)
		free(made[i]);
	free(made);
	free(out);
	return (rc);
}

struct report_sink *
report_people_sink(struct report_people *p, const struct report_def *rep,
    struct report_sink *next)
{
	if (rep->kinds == NULL)
		return (next);
	p->next = next;
	p->kinds = rep->kinds;
	p->sink.row = report_people_row;
	p->sink.arg = p;
	return (&p->sink);
}

char *
report_money(int64_t m)
{
	char	 buf[40];

	money_format(m, buf, sizeof buf, 0);
	return (xstrdup(buf));
}

char *
report_qty(int64_t q)
{
	char	 buf[40];

	qty_format(q, buf, sizeof buf);
	return (xstrdup(buf));
}

int
report_emit(struct report_sink *sink, char **cells, int n, char **cause)
{
	int	 i, rc;

	rc = sink->row(sink, (const char *const *)cells, n);
	for (i = 0; i < n; i++) {
		free(cells[i]);
		cells[i] = NULL;
	}
	if (rc != 0 && *cause == NULL)
		xasprintf(cause, _("the reader has gone"));
	return (rc);
}

int
report_dated(struct store *st, const char *entity, int64_t from, int64_t to,
    int (*fn)(const struct record *, void *), void *arg)
{
	const struct entity_def	*e = dict_entity(entity);
	int			 pos = dict_field_pos(e, "date");
	struct record		**rows;
	struct value		 key;
	uint64_t		 last = 0;
	size_t			 n, i;
	int			 rc, stop = 0, more = 1;

	memset(&key, 0, sizeof key);
	key.set = 1;
	key.i = from;
	while (more && stop == 0) {
		if ((rc = store_scan(st, e, pos, &key, last, 1, 500, &rows,
		    &n)) != ST_OK)
			return (rc);
		more = n == 500;
		for (i = 0; i < n; i++) {
			if (stop == 0 && to != 0 && record_int(rows[i], pos) >
			    to) {
				more = 0;
				stop = -1;
			}
			if (stop == 0)
				stop = fn(rows[i], arg);
			if (i == n - 1) {
				key.i = record_int(rows[i], pos);
				last = record_id(rows[i]);
			}
			record_free(rows[i]);
		}
		free(rows);
	}
	return (stop == -1 ? 0 : stop);
}

int
report_rows(struct store *st, const char *entity, const char *field,
    int64_t id, struct record ***rows, size_t *n)
{
	const struct entity_def	*e = dict_entity(entity);
	int			 pos = dict_field_pos(e, field);
	struct record		**got;
	struct value		 key;
	uint64_t		 last = 0;
	size_t			 ng, i, cap = 0;
	int			 rc, more = 1;

	*rows = NULL;
	*n = 0;
	memset(&key, 0, sizeof key);
	key.set = 1;
	key.i = id;
	while (more) {
		if ((rc = store_scan(st, e, pos, &key, last, 1, 200, &got,
		    &ng)) != ST_OK) {
			report_rows_free(*rows, *n);
			*rows = NULL;
			*n = 0;
			return (rc);
		}
		more = ng == 200;
		for (i = 0; i < ng; i++) {
			if (record_int(got[i], pos) != id) {
				more = 0;
				record_free(got[i]);
				continue;
			}
			if (*n == cap) {
				cap = cap ? cap * 2 : 8;
				*rows = xreallocarray(*rows, cap,
				    sizeof **rows);
			}
			last = record_id(got[i]);
			(*rows)[(*n)++] = got[i];
		}
		free(got);
	}
	return (0);
}

void
report_rows_free(struct record **rows, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		record_free(rows[i]);
	free(rows);
}

int
report_posted(const struct record *r)
{
	const char	*s = record_str(r, dict_field_pos(r->ent, "status"));

	return (s != NULL && strcmp(s, "posted") == 0);
}

const char *const report_relatives[] = {
	"today", "yesterday", "this-week", "last-week", "this-month",
	"last-month", "this-quarter", "last-quarter", "this-year",
	"last-year", NULL
};

static int64_t
month_end(int64_t y, int64_t m)
{
	return (date_add_days((m == 12 ? (y + 1) * 10000 + 101 :
	    y * 10000 + (m + 1) * 100 + 1), -1));
}

int
report_relative(const char *name, int64_t today, int64_t *from, int64_t *to)
{
	int64_t	 y = today / 10000, m = today / 100 % 100, q;

	if (strcmp(name, "today") == 0 || strcmp(name, "yesterday") == 0) {
		*from = *to = name[0] == 't' ? today :
		    date_add_days(today, -1);
		return (1);
	}
	if (strcmp(name, "this-week") == 0 || strcmp(name, "last-week") ==
	    0) {
		*from = date_add_days(today, -date_weekday(today) -
		    (name[0] == 'l' ? 7 : 0));
		*to = date_add_days(*from, 6);
		return (1);
	}
	if (strcmp(name, "this-month") == 0 || strcmp(name, "last-month") ==
	    0) {
		if (name[0] == 'l' && --m == 0) {
			m = 12;
			y--;
		}
		*from = y * 10000 + m * 100 + 1;
		*to = month_end(y, m);
		return (1);
	}
	if (strcmp(name, "this-quarter") == 0 ||
	    strcmp(name, "last-quarter") == 0) {
		q = (m - 1) / 3;
		if (name[0] == 'l' && --q < 0) {
			q = 3;
			y--;
		}
		*from = y * 10000 + (q * 3 + 1) * 100 + 1;
		*to = month_end(y, q * 3 + 3);
		return (1);
	}
	if (strcmp(name, "this-year") == 0 || strcmp(name, "last-year") ==
	    0) {
		if (name[0] == 'l')
			y--;
		*from = y * 10000 + 101;
		*to = y * 10000 + 1231;
		return (1);
	}
	return (0);
}

/* Day of the year (1 for January 1st) of a YYYYMMDD date. */
static int
day_of_year(int64_t ymd)
{
	static const int	 before[] = { 0, 31, 59, 90, 120, 151, 181,
				    212, 243, 273, 304, 334 };
	int			 y = (int)(ymd / 10000);
	int			 m = (int)(ymd / 100 % 100), d = (int)(ymd % 100);
	int			 leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return (before[m - 1] + d + (m > 2 ? leap : 0));
}

int64_t
report_bucket_of(enum report_bucket b, int64_t ymd)
{
	int64_t	 th;

	switch (b) {
	case REPORT_DAY:
		return (ymd);
	case REPORT_MONTH:
		return (ymd / 100);
	case REPORT_WEEK:
		/* The ISO week is the one its Thursday is in. */
		th = date_add_days(ymd, 3 - date_weekday(ymd));
		return (th / 10000 * 100 + (day_of_year(th) - 1) / 7 + 1);
	}
	return (ymd);
}

char *
report_bucket_str(enum report_bucket b, int64_t p)
{
	char	*s;

	switch (b) {
	case REPORT_DAY:
		return (report_date(p));
	case REPORT_WEEK:
		xasprintf(&s, "%04lld-W%02lld", (long long)(p / 100),
		    (long long)(p % 100));
		return (s);
	case REPORT_MONTH:
		break;
	}
	xasprintf(&s, "%04lld-%02lld", (long long)(p / 100),
	    (long long)(p % 100));
	return (s);
}
