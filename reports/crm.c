/*
 * CRM reports: customers by status and manager; tasks falling due in a
 * period.
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
#include "reports/reports.h"
#include "xmalloc.h"

/* --- customers by status --------------------------------------------- */

static const char *const cbs_columns[] = {
	NC_("report", "status"), NC_("report", "customers"), NULL
};

struct cbs {
	const char	*names[8];
	uint64_t	 counts[8];
	int		 n;
};

static int
cbs_count(const struct record *r, void *arg)
{
	struct cbs	*c = arg;
	const char	*st = record_str(r, dict_field_pos(r->ent, "status"));
	int		 i;

	if (st == NULL)
		st = "";
	for (i = 0; i < c->n; i++)
		if (strcmp(c->names[i], st) == 0)
			break;
	if (i == c->n) {
		if (c->n == 8)
			return (0);
		c->names[c->n++] = xstrdup(st);
	}
	c->counts[i]++;
	return (0);
}

static int
cbs_run(struct store *st, const struct report_args *a,
    struct report_sink *sink, char **cause)
{
	struct cbs	 c;
	char		 num[24];
	const char	*cells[2];
	int		 i, rc = 0;

	memset(&c, 0, sizeof c);
	if (store_each(st, dict_entity("customers"), cbs_count, &c) != ST_OK) {
		xasprintf(cause, _("customers cannot be read"));
		rc = -1;
	}
	for (i = 0; i < c.n; i++) {
		snprintf(num, sizeof num, "%llu",
		    (unsigned long long)c.counts[i]);
		cells[0] = *c.names[i] != '\0' ? report_enum(a, c.names[i]) :
		    report_word(a, N_("(none)"));
		cells[1] = num;
		if (rc == 0 && sink->row(sink, cells, 2) != 0)
			rc = -1;
		free((char *)c.names[i]);
	}
	return (rc);
}

const struct report_def rep_customers_by_status = {
	"customers-by-status", N_("Customers by status"), "crm", cbs_columns,
	cbs_run, NULL, 0, NULL,
	"", NULL,
	"tq"
};

/* --- tasks falling due ----------------------------------------------- */

static const char *const due_columns[] = {
	NC_("report", "code"), NC_("report", "due"), NC_("report", "title"),
	NC_("report", "assignee"), NC_("report", "status"),
	NC_("report", "customer"), NULL
};

/* Local midnight of a YYYYMMDD date. */
static int64_t
day_start(int64_t ymd)
{
	struct tm	 tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = (int)(ymd / 10000) - 1900;
	tm.tm_mon = (int)(ymd / 100 % 100) - 1;
	tm.tm_mday = (int)(ymd % 100);
	tm.tm_isdst = -1;
	return ((int64_t)mktime(&tm));
}

/* A task's cell: a reference as the code of what it names, an enum value
 * (the status) by report_enum(). */
static char *
due_cell(struct store *st, const struct record *r, int pos,
    const struct report_args *a)
{
	const struct field_def	*f = &r->ent->fields[pos];
	char			*v;

	if (f->type == FT_REF && record_isset(r, pos))
		return (model_ref_code(st, f, record_int(r, pos)));
	v = value_format(f, &r->v[pos]);
	if (f->type == FT_ENUM && *v != '\0') {
		free(v);
		v = xstrdup(report_enum(a, record_str(r, pos)));
	}
	return (v);
}

static int
due_run(struct store *st, const struct report_args *a,
    struct report_sink *sink, char **cause)
{
	const struct entity_def	*e = dict_entity("tasks");
	int			 due = dict_field_pos(e, "due");
	int64_t			 from = a->from ? day_start(a->from) : 0;
	int64_t			 to = a->to ? day_start(a->to) + 86400 :
				    INT64_MAX;
	struct record		**rows;
	struct value		 key;
	uint64_t		 last = 0;
	size_t			 n, i, j;
	int			 done = 0, cols[6];
	char			*cells[6];

	for (j = 0; due_columns[j] != NULL; j++)
		cols[j] = dict_field_pos(e, due_columns[j]);
	memset(&key, 0, sizeof key);
	key.set = 1;
	key.i = from;
	/* The due index from the period's start: no table scan. */
	while (!done) {
		if (store_scan(st, e, due, &key, last, 1, 500, &rows, &n) !=
		    ST_OK) {
			xasprintf(cause, _("tasks cannot be read"));
			return (-1);
		}
		for (i = 0; i < n; i++) {
			if (record_int(rows[i], due) >= to && done == 0)
				done = 1;	/* past the period */
			if (!done) {
				for (j = 0; j < 6; j++)
					cells[j] = due_cell(st, rows[i],
					    cols[j], a);
				if (sink->row(sink, (const char *const *)cells,
				    6) != 0)
					done = 2;
				for (j = 0; j < 6; j++)
					free(cells[j]);
			}
			key.i = record_int(rows[i], due);
			last = record_id(rows[i]);
			record_free(rows[i]);
		}
		free(rows);
		if (n < 500 && done == 0)
			done = 1;	/* the end of the index */
	}
	if (done == 2) {
		xasprintf(cause, _("the reader has gone"));
		return (-1);
	}
	return (0);
}

const struct report_def rep_tasks_due = {
	"tasks-due", N_("Tasks falling due (--from, --to: due dates)"), "crm",
	due_columns, due_run, NULL, 0, NULL,
	"period", NULL,
	"tTtttt"
};
