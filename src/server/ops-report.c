/*
 * Reports: run in the server (reports/), their rows streamed to the
 * client in pages.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "auth.h"
#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "forms/report.h"
#include "forms/sheet.h"
#include "i18n.h"
#include "model/model.h"
#include "proto.h"
#include "reports/reports.h"
#include "server/req.h"
#include "server/server.h"
#include "xmalloc.h"

struct report_stream {
	struct req	*r;
	struct msgb	 page;
	size_t		 n;
	uint64_t	 total;
};

static int
report_flush(struct report_stream *rs)
{
	struct msgb	 m;
	int		 rc;

	mb_init(&m);
	mb_array(&m, rs->n);
	msgpack_sbuffer_write(&m.sb, rs->page.sb.data, rs->page.sb.size);
	rc = respond(rs->r, 0, NULL, 1, m.sb.data, m.sb.size);
	mb_free(&m);
	mb_reset(&rs->page);
	rs->n = 0;
	return (rc);
}

static int
report_row(struct report_sink *sink, const char *const *cells, int n)
{
	struct report_stream	*rs = sink->arg;
	int			 i;

	mb_array(&rs->page, (size_t)n);
	for (i = 0; i < n; i++)
		mb_str(&rs->page, cells[i] != NULL ? cells[i] : "");
	/* The first row goes out alone, so the reader has it as soon as the
	 * report does (a report that sums, like sales, has it at the end of
	 * its first period); then pages of 500. */
	rs->total++;
	if (++rs->n == 500 || rs->total == 1)
		return (report_flush(rs));
	return (0);
}

/*
 * The report printed (op report with print: "pdf" | "text"): its rows
 * kept, not streamed, laid out as a sheet (forms/report.h) and rendered
 * here, where the fonts are.  Reply: {name: "sales.pdf", format, bytes,
 * rows}.
 */
struct report_keep {
	char		***rows;
	size_t		  nrows;
	size_t		  ncols;
};

static int
report_keep_row(struct report_sink *sink, const char *const *cells, int n)
{
	struct report_keep	*k = sink->arg;
	size_t			 j;

	k->rows = xreallocarray(k->rows, k->nrows + 1, sizeof *k->rows);
	k->rows[k->nrows] = xcalloc(k->ncols + 1, sizeof **k->rows);
	for (j = 0; j < k->ncols; j++)
		k->rows[k->nrows][j] = xstrdup((int)j < n && cells[j] != NULL ?
		    cells[j] : "");
	k->nrows++;
	return (0);
}

/* A date for people (malloc'd; "" for 0). */
static char *
people_date(int64_t d)
{
	char	 buf[16];

	if (d == 0)
		return (xstrdup(""));
	date_format_people(d, buf, sizeof buf);
	return (xstrdup(buf));
}

/* "Period: 01.03.2026 - 31.03.2026; grouped by: customer; manager: petrov"
 * (in Russian: "разрез: клиент"). */
static char *
report_params_line(const struct report_args *a)
{
	struct buf	 b;
	char		*f, *t;

	memset(&b, 0, sizeof b);
	if (a->from != 0 || a->to != 0) {
		f = people_date(a->from);
		t = people_date(a->to);
		buf_printf(&b, _("Period: %s - %s"), *f != '\0' ? f : "...",
		    *t != '\0' ? t : "...");
		free(f);
		free(t);
	}
	if (a->as_of != 0) {
		f = people_date(a->as_of);
		if (b.len > 0)
			buf_printf(&b, "; ");
		buf_printf(&b, _("as of %s"), f);
		free(f);
	}
#define PARAM(v, word)	do {						\
	if ((v) != NULL)						\
		buf_printf(&b, "%s%s: %s", b.len > 0 ? "; " : "",	\
		    (word), (v));					\
} while (0)
	PARAM(report_param_word(a->period), _("rows per"));
	PARAM(report_param_word(a->by), _("grouped by"));
	PARAM(a->manager, _("manager"));
	PARAM(a->customer, _("customer"));
	PARAM(a->key, _("product"));
	PARAM(a->category, _("category"));
	PARAM(a->warehouse, _("warehouse"));
#undef PARAM
	if (a->days != 0)
		buf_printf(&b, "%s%s: %lld", b.len > 0 ? "; " : "", _("days"),
		    (long long)a->days);
	if (b.len == 0)
		return (xstrdup(""));
	return (buf_steal(&b));
}

/* The company's name, "" when it has none. */
static char *
company_name(struct store *st)
{
	const struct entity_def	*e = dict_entity("company");
	struct record		*rec;
	struct value		 key;
	const char		*v;
	char			*name;

	memset(&key, 0, sizeof key);
	key.set = 1;
	key.s = (char *)COMPANY_CODE;
	if (e == NULL || store_lookup(st, e, FX_CODE, &key, &rec) != ST_OK)
		return (xstrdup(""));
	v = record_str(rec, dict_field_pos(e, "name"));
	name = xstrdup(v != NULL ? v : "");
	record_free(rec);
	return (name);
}

static int
report_printed(struct req *r, const struct report_def *rep,
    const struct report_args *a, const char *format, struct msgb *data,
    char **cause)
{
	struct store		*st = server_store(r->c->srv);
	struct report_keep	 k;
	struct report_sink	 sink;
	struct report_people	 people;
	struct report_print	 p;
	struct sheet		*s;
	struct buf		 out;
	const char		**labels;
	char			*params, *company, *printed, *name;
	int64_t			 today;
	size_t			 i, j;
	int			 rc, pdf;

	if (strcmp(format, "pdf") != 0 && strcmp(format, "text") != 0) {
		xasprintf(cause, _("unknown format '%s': pdf or text"),
		    format);
		return (EX_USAGE);
	}
	pdf = strcmp(format, "pdf") == 0;
	memset(&k, 0, sizeof k);
	for (k.ncols = 0; rep->columns[k.ncols] != NULL; k.ncols++)
		;
	sink.row = report_keep_row;
	sink.arg = &k;
	if ((rc = rep->run(st, a, report_people_sink(&people, rep, &sink),
	    cause)) != 0) {
		if (*cause == NULL)
			xasprintf(cause, _("%s cannot be read now"),
			    rep->name);
		rc = EX_TEMPFAIL;
		goto out;
	}
	labels = xcalloc(k.ncols + 1, sizeof *labels);
	for (j = 0; j < k.ncols; j++)
		labels[j] = report_label(rep->columns[j]);
	today = mobj_int(r->o, "today", 0);
	if (today == 0)
		today = date_today();
	params = report_params_line(a);
	company = company_name(st);
	printed = people_date(today);
	memset(&p, 0, sizeof p);
	p.title = report_title(rep);
	p.params = params;
	p.company = company;
	p.printed = printed;
	p.printed_label = _("Printed");
	p.ncols = k.ncols;
	p.labels = labels;
	p.layout = rep->text;
	p.kinds = rep->kinds;
	p.rows = (char *const *const *)k.rows;
	p.nrows = k.nrows;
	p.total = report_word(a, N_("TOTAL"));
	s = sheet_new(rep->name, 0);
	report_sheet(s, &p);
	memset(&out, 0, sizeof out);
	if (pdf) {
		if (sheet_pdf(s, (long)today, &out, cause) != 0)
			rc = EX_SOFTWARE;
	} else
		sheet_text(s, 80, &out);
	if (rc == 0) {
		if (out.data == NULL)
			buf_add(&out, "", 0);
		xasprintf(&name, "%s.%s", rep->name, pdf ? "pdf" : "txt");
		mb_map(data, 4);
		mb_kstr(data, "name", name);
		mb_kstr(data, "format", format);
		mb_str(data, "bytes");
		mb_bin(data, out.data, out.len);
		mb_kint(data, "rows", (int64_t)k.nrows);
		free(name);
	}
	buf_free(&out);
	sheet_free(s);
	free(labels);
	free(params);
	free(company);
	free(printed);
out:
	for (i = 0; i < k.nrows; i++) {
		for (j = 0; j < k.ncols; j++)
			free(k.rows[i][j]);
		free(k.rows[i]);
	}
	free(k.rows);
	return (rc);
}

int
op_report(struct req *r, struct msgb *data, char **cause)
{
	const struct report_def	*rep;
	struct report_stream	 rs;
	struct report_sink	 sink;
	struct report_people	 people;
	struct report_args	 a;
	struct msgb		 m;
	char			*name, *key, *fmt, *by, *period, *prn;
	char			*filt[4];
	size_t			 n;
	int			 rc;
	static const char *const filters[] = { "manager", "customer",
	    "warehouse", "category" };

	name = mobj_strdup(r->o, "name");
	if (name == NULL || (rep = report_find(name)) == NULL) {
		xasprintf(cause, _("no report '%s' (kontor report --list)"),
		    name ? name : "");
		free(name);
		return (EX_USAGE);
	}
	free(name);
	if (!allowed(r, rep->area, ACT_VIEW, cause))
		return (EX_NOPERM);
	memset(&a, 0, sizeof a);
	a.name = rep->name;
	a.login = r->c->login;
	a.roles = r->c->roles;
	a.as_of = mobj_int(r->o, "as_of", 0);
	if (a.as_of != 0 && !(rep->flags & REPORT_AS_OF)) {
		xasprintf(cause, _("%s takes no --as-of"), rep->name);
		return (EX_USAGE);
	}
	a.from = mobj_int(r->o, "from", 0);
	a.to = mobj_int(r->o, "to", 0);
	a.limit = mobj_int(r->o, "limit", 0);
	by = mobj_strdup(r->o, "by");
	if (by != NULL && rep->check == NULL) {
		xasprintf(cause, _("%s takes no --by"), rep->name);
		free(by);
		return (EX_USAGE);
	}
	a.by = by;
	period = mobj_strdup(r->o, "period");
	if (period != NULL && rep->check == NULL) {
		xasprintf(cause, _("%s takes no --period"), rep->name);
		free(period);
		free(by);
		return (EX_USAGE);
	}
	a.period = period;
	key = mobj_strdup(r->o, "key");
	a.key = key;
	/* The filters and --days: only those the report declares. */
	a.days = mobj_int(r->o, "days", 0);
	rc = 0;
	for (n = 0; n < 4; n++) {
		filt[n] = mobj_strdup(r->o, filters[n]);
		if (filt[n] != NULL && rc == 0 &&
		    !report_takes(rep, filters[n])) {
			xasprintf(cause, _("%s takes no --%s"), rep->name,
			    filters[n]);
			rc = EX_USAGE;
		}
	}
	if (a.days != 0 && rc == 0 && !report_takes(rep, "days")) {
		xasprintf(cause, _("%s takes no --days"), rep->name);
		rc = EX_USAGE;
	}
	a.manager = filt[0];
	a.customer = filt[1];
	a.warehouse = filt[2];
	a.category = filt[3];
	if (rc != 0) {
		for (n = 0; n < 4; n++)
			free(filt[n]);
		free(key);
		free(by);
		free(period);
		return (rc);
	}
	/* "csv": for scripts, cells as stored; else for people. */
	fmt = mobj_strdup(r->o, "format");
	a.csv = fmt != NULL && strcmp(fmt, "csv") == 0;
	free(fmt);
	if (rep->check != NULL &&
	    (rc = rep->check(server_store(r->c->srv), &a, cause)) != 0) {
		for (n = 0; n < 4; n++)
			free(filt[n]);
		free(key);
		free(by);
		free(period);
		return (rc);
	}
	/* Printed: the rows kept and rendered, not streamed. */
	if ((prn = mobj_strdup(r->o, "print")) != NULL) {
		a.csv = 0;
		rc = report_printed(r, rep, &a, prn, data, cause);
		free(prn);
		for (n = 0; n < 4; n++)
			free(filt[n]);
		free(key);
		free(by);
		free(period);
		return (rc);
	}
	/* The title and the headings in the session's language first, for
	 * people (clients that do not show them pass over a map), then the
	 * header: the names, fixed, of CSV and of cells. */
	for (n = 0; rep->columns[n] != NULL; n++)
		;
	mb_init(&m);
	mb_map(&m, 2 + (rep->text != NULL) + (rep->kinds != NULL));
	mb_kstr(&m, "title", report_title(rep));
	mb_str(&m, "labels");
	mb_array(&m, n);
	for (n = 0; rep->columns[n] != NULL; n++)
		mb_str(&m, report_label(rep->columns[n]));
	/* How text shows the columns (report_def.text), when not all alike. */
	if (rep->text != NULL) {
		mb_str(&m, "layout");
		mb_array(&m, n);
		for (n = 0; rep->columns[n] != NULL; n++)
			mb_str(&m, rep->text[n]);
	}
	/* What each column holds: text right-aligns the figures. */
	if (rep->kinds != NULL)
		mb_kstr(&m, "kinds", rep->kinds);
	respond(r, 0, NULL, 1, m.sb.data, m.sb.size);
	mb_reset(&m);
	mb_array(&m, n);
	for (n = 0; rep->columns[n] != NULL; n++)
		mb_str(&m, rep->columns[n]);
	respond(r, 0, NULL, 1, m.sb.data, m.sb.size);
	mb_free(&m);
	memset(&rs, 0, sizeof rs);
	rs.r = r;
	mb_init(&rs.page);
	sink.row = report_row;
	sink.arg = &rs;
	/* For people, figures and dates as the interface shows them; for
	 * CSV as written. */
	rc = rep->run(server_store(r->c->srv), &a, a.csv ? &sink :
	    report_people_sink(&people, rep, &sink), cause);
	for (n = 0; n < 4; n++)
		free(filt[n]);
	free(key);
	free(by);
	free(period);
	if (rc == 0 && rs.n > 0)
		rc = report_flush(&rs);
	mb_free(&rs.page);
	if (rc != 0) {
		if (*cause == NULL)
			xasprintf(cause, _("%s: the reader has gone"),
			    rep->name);
		return (EX_IOERR);
	}
	mb_map(data, 1);
	mb_kint(data, "rows", (int64_t)rs.total);
	return (0);
}

/*
 * Saved reports (the saved_reports entity): a report and its parameters
 * under a name, the owner's alone or shared with every user.
 *
 * report_save {name, report, params, shared} -> nil: saved (a new one,
 * or the caller's own of that name replaced); {name, drop: 1} -> nil:
 * the caller's own of that name deleted (an admin's: anyone's).
 * report_saved {name} -> {name, owner, shared, report, params}, one the
 * caller may see (its own, or shared); {} -> [those, by name].
 */
struct save_arg {
	char		*name, *report, *params, *login;
	int		 shared, drop, admin;
};

static int
save_tx(struct tx *x, struct wctx *w, char **cause)
{
	struct save_arg		*a = w->arg;
	const struct entity_def	*e = dict_entity("saved_reports");
	struct record		*r = NULL;
	struct value		 key;
	uint64_t		 id;
	const char		*owner;
	int			 rc;

	memset(&key, 0, sizeof key);
	key.set = 1;
	key.s = a->name;
	rc = tx_find(x, e, FX_CODE, &key, &id);
	if (rc == ST_OK && (rc = tx_get(x, e, id, 1, &r)) != ST_OK)
		return (rc);
	if (rc != ST_OK && rc != ST_NOTFOUND)
		return (rc);
	if (r != NULL) {
		owner = record_str(r, dict_field_pos(e, "owner"));
		if (!a->admin && (owner == NULL ||
		    strcmp(owner, a->login) != 0)) {
			xasprintf(cause, _("the saved report '%s' is %s's"),
			    a->name, owner != NULL ? owner : "?");
			record_free(r);
			return (ST_DENIED);
		}
	}
	if (a->drop) {
		if (r == NULL) {
			xasprintf(cause, _("no saved report '%s'"), a->name);
			return (ST_NOTFOUND);
		}
		rc = tx_delete(x, e, record_id(r), record_rev(r), cause);
		record_free(r);
		if (rc == ST_OK)
			mb_nil(w->data);
		return (rc);
	}
	if (r == NULL) {
		r = record_new(e);
		record_set_str(r, FX_CODE, a->name);
		record_set_str(r, dict_field_pos(e, "owner"), a->login);
	}
	record_set_int(r, dict_field_pos(e, "shared"), a->shared);
	record_set_str(r, dict_field_pos(e, "report"), a->report);
	record_set_str(r, dict_field_pos(e, "params"), a->params);
	rc = model_save(x, r, record_rev(r), cause);
	record_free(r);
	if (rc == ST_OK)
		mb_nil(w->data);
	return (rc);
}

int
op_report_save(struct req *r, struct msgb *data, char **cause)
{
	const struct report_def	*rep = NULL;
	struct save_arg		 a;
	int			 rc;

	memset(&a, 0, sizeof a);
	a.name = mobj_strdup(r->o, "name");
	a.report = mobj_strdup(r->o, "report");
	a.params = mobj_strdup(r->o, "params");
	a.shared = mobj_int(r->o, "shared", 0) != 0;
	a.drop = mobj_int(r->o, "drop", 0) != 0;
	a.login = r->c->login;
	a.admin = auth_allowed(r->c->roles, "admin", ACT_ADMIN);
	if (a.name == NULL || *a.name == '\0') {
		xasprintf(cause, _("a saved report's name is required"));
		rc = EX_USAGE;
	} else if (!a.drop && (a.report == NULL ||
	    (rep = report_find(a.report)) == NULL)) {
		xasprintf(cause, _("no report '%s' (kontor report --list)"),
		    a.report != NULL ? a.report : "");
		rc = EX_USAGE;
	} else if (rep != NULL && !allowed(r, rep->area, ACT_VIEW, cause))
		rc = EX_NOPERM;
	else
		rc = st_exit(run_write(r, data, save_tx, &a, cause));
	free(a.name);
	free(a.report);
	free(a.params);
	return (rc);
}

static int
saved_visible(struct req *r, const struct record *s)
{
	const char	*owner = record_str(s, dict_field_pos(s->ent, "owner"));

	return (record_int(s, dict_field_pos(s->ent, "shared")) != 0 ||
	    (owner != NULL && strcmp(owner, r->c->login) == 0));
}

static void
pack_saved(struct msgb *m, const struct record *s)
{
	const struct entity_def	*e = s->ent;
	const char		*v;

	mb_map(m, 5);
	mb_kstr(m, "name", record_str(s, FX_CODE));
	mb_kstr(m, "owner", record_str(s, dict_field_pos(e, "owner")));
	mb_kint(m, "shared", record_int(s, dict_field_pos(e, "shared")));
	mb_kstr(m, "report", record_str(s, dict_field_pos(e, "report")));
	v = record_str(s, dict_field_pos(e, "params"));
	mb_kstr(m, "params", v != NULL ? v : "");
}

struct saved_list {
	struct req	*r;
	struct record	**v;
	size_t		 n;
};

static int
saved_each(const struct record *s, void *arg)
{
	struct saved_list	*l = arg;

	if (saved_visible(l->r, s)) {
		l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
		l->v[l->n++] = record_dup(s);
	}
	return (0);
}

static int
saved_cmp(const void *x, const void *y)
{
	const struct record *const	*a = x, *const *b = y;

	return (strcmp(record_str(*a, FX_CODE), record_str(*b, FX_CODE)));
}

int
op_report_saved(struct req *r, struct msgb *data, char **cause)
{
	const struct entity_def	*e = dict_entity("saved_reports");
	struct store		*st = server_store(r->c->srv);
	struct saved_list	 l;
	struct record		*s;
	struct value		 key;
	char			*name;
	size_t			 i;
	int			 rc;

	if ((name = mobj_strdup(r->o, "name")) != NULL) {
		memset(&key, 0, sizeof key);
		key.set = 1;
		key.s = name;
		rc = store_lookup(st, e, FX_CODE, &key, &s);
		if (rc == ST_OK && !saved_visible(r, s)) {
			record_free(s);
			rc = ST_NOTFOUND;
		}
		if (rc != ST_OK) {
			if (rc == ST_NOTFOUND)
				xasprintf(cause, _("no saved report '%s' "
				    "(kontor report --list)"), name);
			free(name);
			return (rc == ST_NOTFOUND ? EX_NOINPUT : st_exit(rc));
		}
		free(name);
		pack_saved(data, s);
		record_free(s);
		return (0);
	}
	memset(&l, 0, sizeof l);
	l.r = r;
	if ((rc = store_each(st, e, saved_each, &l)) != ST_OK) {
		for (i = 0; i < l.n; i++)
			record_free(l.v[i]);
		free(l.v);
		xasprintf(cause, _("saved reports cannot be read now"));
		return (st_exit(rc));
	}
	if (l.n > 1)
		xqsort(l.v, l.n, sizeof *l.v, saved_cmp);
	mb_array(data, l.n);
	for (i = 0; i < l.n; i++) {
		pack_saved(data, l.v[i]);
		record_free(l.v[i]);
	}
	free(l.v);
	return (0);
}
