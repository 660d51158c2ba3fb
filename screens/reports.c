/*
 * Reports (:rep): every report kontor report --list has (those the
 * user's roles may view), then the saved ones.  Enter opens a report's
 * form of the parameters it declares (report_def.params): the period
 * (Left/Right picks today, this week, ... last year, or From/To typed),
 * the rows per day/week/month, the grouping, and the filters; F2 runs it
 * (F2 on the list runs it as it is; Enter on a saved one runs it with
 * its parameters, a relative period counting from today).
 *
 * The result is a list: Up/Down/PgUp/PgDn to scroll, Left/Right to the
 * columns off the right edge, 1-9 to sort by that column (again: the
 * other way), / to search, n for the next match.  Enter drills down
 * where the report says (report_def.drill: sales by manager -> that
 * manager's customers -> that customer's shipments -> the shipment's
 * card); Esc comes back up.  g shows the grouped figure as a horizontal
 * bar chart, g again as a column chart, g again the table: block
 * characters, or # under a vt100.  e exports the result as CSV (the
 * cells as kontor report --format csv has them) to a file asked for;
 * P prints it (the print dialog: PDF or text, to a printer, a file or
 * e-mail; the server lays it out); s saves the report and its parameters
 * under a name (yours, or shared).
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>
#include <wchar.h>

#include "auth.h"
#include "client/deliver.h"
#include "client/reports.h"
#include "dict/value.h"
#include "i18n.h"
#include "reports/reports.h"
#include "screens/screens.h"
#include "ui/print.h"
#include "xmalloc.h"

#define REP_VAL		64	/* bytes of a field's value */
#define REP_DEPTH	6	/* drill-down levels kept */

enum rep_mode { M_LIST, M_FORM, M_RESULT };
enum rep_view { V_TABLE, V_BARS, V_COLUMNS };
enum fkind { F_TEXT, F_CHOICE };

/* The period's quick choices: "" is From/To as typed. */
static const char *const periods[] = {
	"", "today", "yesterday", "this-week", "last-week", "this-month",
	"last-month", "this-quarter", "last-quarter", "this-year",
	"last-year", NULL
};
static const char *const period_words[] = {
	N_("from - to"), N_("today"), N_("yesterday"), N_("this week"),
	N_("last week"), N_("this month"), N_("last month"),
	N_("this quarter"), N_("last quarter"), N_("this year"),
	N_("last year"), NULL
};
static const char *const buckets[] = { "", "day", "week", "month", NULL };
static const char *const bucket_words[] = {
	N_("(as the report has it)"), N_("days"), N_("weeks"), N_("months"),
	NULL
};

struct field {
	const char	*param;		/* "period", "from", "by", ... */
	const char	*label;		/* N_() */
	enum fkind	 kind;
	char		 val[REP_VAL];
	/* F_CHOICE: values and what people read (NULL: the values) */
	const char	*const *values;
	const char	*const *words;
	char		**own;		/* values made here (group:a,b) */
	int		 choice;
};

/* One report run: its parameters and result. */
struct run {
	const struct report_def	*rep;
	struct field		 f[12];
	size_t			 nf;
	struct rp_table		*t;
	size_t			 ntotal;	/* the TOTAL rows, at the end */
	size_t			 cur, top;
	int			 hcol;		/* first column shown */
	int			 sortcol, sortdesc;
};

struct rep_state {
	struct app		*app;
	enum rep_mode		 mode;
	enum rep_view		 view;
	/* The list: reports, then saved ones. */
	const struct report_def	**reps;
	size_t			 nreps;
	struct rp_saved		*saved;
	size_t			 nsaved;
	size_t			 lcur, ltop;
	size_t			 fcur;		/* the form's field */
	struct run		 stack[REP_DEPTH];
	int			 depth;		/* runs on the stack (1: the
						   first) */
	struct run		 form;		/* the form being filled */
	int			 from_saved;	/* the run is a saved one's:
						   Esc goes back to the list */
	char			 search[REP_VAL];
};

static const struct ui_action rep_actions[] = {
	{ '\n', "Enter", N_("open the form; on a result's row: drill down"),
	  0 },
	{ 0, "F2", N_("run the report"), 0 },
	{ 0, "Left/Right", N_("a period's quick choice; the columns of a "
	  "result"), 0 },
	{ '1', "1-9", N_("sort by that column (again: the other way)"), 0 },
	{ '/', "/ n", N_("search, the next match"), 0 },
	{ 'g', "g", N_("chart: bars, columns, the table"), 0 },
	{ 'e', "e", N_("export to CSV"), 0 },
	{ 'P', "P", UI_PRINT_HELP, 0 },
	{ 's', "s", N_("save the report and its parameters"), 0 },
	{ 27, "Esc", N_("back"), 0 },
	{ 0, NULL, NULL, 0 }
};

/* --- the form ------------------------------------------------------------ */

static void
run_clear(struct run *r)
{
	size_t	 i, j;

	rp_table_free(r->t);
	for (i = 0; i < r->nf; i++) {
		for (j = 0; r->f[i].own != NULL && r->f[i].own[j] != NULL;
		    j++)
			free(r->f[i].own[j]);
		free(r->f[i].own);
	}
	memset(r, 0, sizeof *r);
}

static struct field *
field_add(struct run *r, const char *param, const char *label,
    enum fkind kind)
{
	struct field	*f = &r->f[r->nf++];

	memset(f, 0, sizeof *f);
	f->param = param;
	f->label = label;
	f->kind = kind;
	return (f);
}

static struct field *
field_get(struct run *r, const char *param)
{
	size_t	 i;

	for (i = 0; i < r->nf; i++)
		if (strcmp(r->f[i].param, param) == 0)
			return (&r->f[i]);
	return (NULL);
}

static const char *
field_value(const struct field *f)
{
	if (f->kind == F_CHOICE)
		return (f->values[f->choice]);
	return (f->val);
}

/* The form of rep's parameters (report_def.params), empty. */
static void
form_make(struct run *r, const struct report_def *rep)
{
	static const struct {
		const char	*param, *label;
	} filters[] = {
		{ "manager", N_("Manager (login)") },
		{ "customer", N_("Customer (code)") },
		{ "product", N_("Product (SKU)") },
		{ "category", N_("Category (code)") },
		{ "warehouse", N_("Warehouse (code)") },
		{ "days", N_("Days without a sale") },
		{ "as-of", N_("As of (date)") },
	};
	struct field	*f;
	const char	*g, *end;
	size_t		 i, n;

	run_clear(r);
	r->rep = rep;
	r->sortcol = -1;
	if (report_takes(rep, "period")) {
		f = field_add(r, "period", N_("Period"), F_CHOICE);
		f->values = periods;
		f->words = period_words;
		field_add(r, "from", N_("From"), F_TEXT);
		field_add(r, "to", N_("To"), F_TEXT);
	}
	if (report_takes(rep, "bucket")) {
		f = field_add(r, "bucket", N_("Rows per"), F_CHOICE);
		f->values = buckets;
		f->words = bucket_words;
	}
	/* "group:a,b": a choice of those; "group": typed. */
	if ((g = rep->params != NULL ? strstr(rep->params, "group") : NULL) !=
	    NULL) {
		if (g[5] == ':') {
			f = field_add(r, "by", N_("Group by"), F_CHOICE);
			g += 6;
			end = g + strcspn(g, " ");
			f->own = xcalloc(12, sizeof *f->own);
			f->own[0] = xstrdup("");
			for (n = 1; g < end && n < 11; n++) {
				i = strcspn(g, ", ");
				if (g + i > end)
					i = (size_t)(end - g);
				f->own[n] = xstrndup(g, i);
				g += i + (g[i] == ',');
			}
			f->values = (const char *const *)f->own;
		} else
			field_add(r, "by", N_("Group by"), F_TEXT);
	}
	for (i = 0; i < sizeof filters / sizeof filters[0]; i++)
		if (report_takes(rep, filters[i].param))
			field_add(r, filters[i].param, filters[i].label,
			    F_TEXT);
}

/* Set a field from a saved token pair (--period last-month). */
static void
form_set(struct run *r, const char *opt, const char *val)
{
	struct field	*f;
	int		 i;

	if (strcmp(opt, "group") == 0)
		opt = "by";
	else if (strcmp(opt, "sku") == 0)
		opt = "product";
	if (strcmp(opt, "period") == 0) {
		for (i = 0; periods[i] != NULL; i++)
			if (*periods[i] != '\0' && strcmp(periods[i], val) ==
			    0 && (f = field_get(r, "period")) != NULL) {
				f->choice = i;
				return;
			}
		opt = "bucket";
	}
	if ((f = field_get(r, opt)) == NULL)
		return;
	if (f->kind == F_CHOICE) {
		for (i = 0; f->values[i] != NULL; i++)
			if (strcmp(f->values[i], val) == 0)
				f->choice = i;
	} else
		snprintf(f->val, sizeof f->val, "%s", val);
}

/* The form's parameters as options a line (what --save keeps). */
static char *
form_params(const struct run *r)
{
	struct buf	 b = { 0 };
	const char	*v, *opt;
	size_t		 i;

	for (i = 0; i < r->nf; i++) {
		v = field_value(&r->f[i]);
		if (v == NULL || *v == '\0')
			continue;
		opt = r->f[i].param;
		if (strcmp(opt, "bucket") == 0)
			opt = "period";
		else if (strcmp(opt, "product") == 0)
			opt = "sku";
		/* A quick choice is kept as its word; its dates are not. */
		if ((strcmp(opt, "from") == 0 || strcmp(opt, "to") == 0) &&
		    field_get((struct run *)r, "period") != NULL &&
		    field_get((struct run *)r, "period")->choice != 0)
			continue;
		buf_printf(&b, "%s--%s\n%s", b.len > 0 ? "\n" : "", opt, v);
	}
	buf_addc(&b, '\0');
	return (b.data);
}

/* The parameters of r for the server; 0, or -1 with the message set. */
static int
form_request(struct rep_state *s, struct run *r, struct rp_params *p)
{
	struct field	*f;
	char		*why = NULL;
	const char	*v;
	int64_t		 d;

	memset(p, 0, sizeof *p);
	p->name = r->rep->name;
	if ((f = field_get(r, "period")) != NULL && f->choice != 0)
		report_relative(f->values[f->choice], date_today(), &p->from,
		    &p->to);
	else {
		if ((f = field_get(r, "from")) != NULL && *f->val != '\0' &&
		    date_parse(f->val, &p->from, &why) != 0)
			goto bad;
		if ((f = field_get(r, "to")) != NULL && *f->val != '\0' &&
		    date_parse(f->val, &p->to, &why) != 0)
			goto bad;
	}
	if ((f = field_get(r, "bucket")) != NULL && *(v = field_value(f)) !=
	    '\0')
		p->period = v;
	if ((f = field_get(r, "by")) != NULL && *(v = field_value(f)) != '\0')
		p->by = v;
	if ((f = field_get(r, "manager")) != NULL && *f->val != '\0')
		p->manager = f->val;
	if ((f = field_get(r, "customer")) != NULL && *f->val != '\0')
		p->customer = f->val;
	if ((f = field_get(r, "product")) != NULL && *f->val != '\0')
		p->key = f->val;
	if ((f = field_get(r, "category")) != NULL && *f->val != '\0')
		p->category = f->val;
	if ((f = field_get(r, "warehouse")) != NULL && *f->val != '\0')
		p->warehouse = f->val;
	if ((f = field_get(r, "as-of")) != NULL && *f->val != '\0' &&
	    date_parse(f->val, &p->as_of, &why) != 0)
		goto bad;
	if ((f = field_get(r, "days")) != NULL && *f->val != '\0') {
		d = strtoll(f->val, NULL, 10);
		if (d <= 0) {
			s->app->message(s->app, 1, _("%s: a number of days "
			    "expected"), _(f->label));
			return (-1);
		}
		p->days = d;
	}
	return (0);
bad:
	s->app->message(s->app, 1, "%s: %s", _(f->label), why);
	free(why);
	return (-1);
}

/* --- running ------------------------------------------------------------- */

static int
is_total(const char *cell)
{
	return (strcmp(cell, "TOTAL") == 0 || strcmp(cell, _("TOTAL")) == 0);
}

/* Run r (its form filled) into r->t; 0, or -1 with the message set. */
static int
run_go(struct rep_state *s, struct run *r)
{
	struct rp_params	 p;
	struct rp_table		*t;
	char			*cause = NULL;
	size_t			 i;

	if (form_request(s, r, &p) != 0)
		return (-1);
	if (rp_run(s->app->client, &p, 0, &t, &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
		return (-1);
	}
	rp_table_free(r->t);
	r->t = t;
	r->cur = r->top = 0;
	r->hcol = 0;
	r->sortcol = -1;
	r->ntotal = 0;
	for (i = t->nrows; i > 0 && t->ncols > 0 &&
	    is_total(t->rows[i - 1][0]); i--)
		r->ntotal++;
	s->app->message(s->app, 0, P_("%zu row", "%zu rows",
	    t->nrows - r->ntotal), t->nrows - r->ntotal);
	return (0);
}

/* Copy a form (its fields) into a run on top of the stack and run it. */
static void
run_push(struct rep_state *s, const struct run *from)
{
	struct run	*r;
	size_t		 i, j, n;

	if (s->depth == REP_DEPTH) {
		s->app->message(s->app, 1, "%s", _("no deeper: Esc first"));
		return;
	}
	r = &s->stack[s->depth];
	memset(r, 0, sizeof *r);
	*r = *from;
	r->t = NULL;
	/* The fields' own values are the run's own copy. */
	for (i = 0; i < r->nf; i++) {
		if (from->f[i].own == NULL)
			continue;
		for (n = 0; from->f[i].own[n] != NULL; n++)
			;
		r->f[i].own = xcalloc(n + 1, sizeof *r->f[i].own);
		for (j = 0; j < n; j++)
			r->f[i].own[j] = xstrdup(from->f[i].own[j]);
		r->f[i].values = (const char *const *)r->f[i].own;
	}
	if (run_go(s, r) != 0) {
		run_clear(r);
		return;
	}
	s->depth++;
	s->mode = M_RESULT;
	s->view = V_TABLE;
}

static struct run *
top_run(struct rep_state *s)
{
	return (s->depth > 0 ? &s->stack[s->depth - 1] : NULL);
}

/* Enter on a result's row: the drill the report declares for how it is
 * grouped (report_def.drill). */
static void
drill(struct rep_state *s)
{
	struct run	*r = top_run(s), next;
	struct field	*f;
	const char	*d, *by, *cell;
	char		 tok[96], bykey[96], nextby[96], col[96], *eq, *at;
	size_t		 n;
	int		 c;

	if (r == NULL || r->t == NULL || r->cur >= r->t->nrows - r->ntotal)
		return;
	by = (f = field_get(r, "by")) != NULL ? field_value(f) : "";
	for (d = r->rep->drill; d != NULL && *d != '\0'; d += n) {
		d += strspn(d, " ");
		n = strcspn(d, " ");
		if (n == 0 || n >= sizeof tok)
			break;
		memcpy(tok, d, n);
		tok[n] = '\0';
		if ((eq = strchr(tok, '=')) == NULL ||
		    (at = strchr(eq, '@')) == NULL)
			continue;
		*eq = *at = '\0';
		snprintf(bykey, sizeof bykey, "%s", tok);
		snprintf(nextby, sizeof nextby, "%s", eq + 1);
		snprintf(col, sizeof col, "%s", at + 1);
		if (strcmp(bykey, "*") != 0 && strcmp(bykey, by) != 0)
			continue;
		if ((c = rp_col(r->t, col)) < 0)
			break;
		cell = r->t->rows[r->cur][c];
		if (*cell == '\0' || *cell == '(')	/* (none), (all) */
			break;
		if (strncmp(nextby, "card:", 5) == 0) {
			/* A return's number opens the returns' card. */
			s->app->open(s->app, strncmp(cell, "RET-", 4) == 0 &&
			    strcmp(nextby + 5, "shipments") == 0 ? "returns" :
			    nextby + 5, cell);
			return;
		}
		next = *r;
		/* The filter by what the row is, the grouping one down. */
		form_set(&next, bykey, cell);
		form_set(&next, "by", nextby);
		run_push(s, &next);
		return;
	}
	s->app->message(s->app, 0, "%s", _("nothing under this row"));
}

/* --- sorting and searching -------------------------------------------------- */

static int	 sort_col, sort_desc;

/* A figure's value for sorting ("1 234,50", "-30.00", "87.5"), or 0 with
 * *num 0 when the cell is no number. */
static double
cell_num(const char *s, int *num)
{
	char	 b[64], *end;
	size_t	 i, j;

	for (i = j = 0; s[i] != '\0' && j < sizeof b - 1; i++) {
		if (s[i] == ' ' || (unsigned char)s[i] == 0xc2 ||
		    (unsigned char)s[i] == 0xa0)
			continue;
		b[j++] = s[i] == ',' ? '.' : s[i];
	}
	b[j] = '\0';
	*num = j > 0;
	if (j == 0)
		return (0);
	{
		double	 v = strtod(b, &end);

		if (*end != '\0')
			*num = 0;
		return (v);
	}
}

/* A date cell as the server writes it for people, DD.MM.YYYY (a time
 * adds " HH:MM"), as YYYYMMDDHHMM for sorting; -1 when it is none. */
static int64_t
cell_date(const char *s)
{
	static const char	 pat[] = "00.00.0000 00:00";
	size_t			 i, n = strlen(s);
	int64_t			 hm = 0;

	if (n != 10 && n != 16)
		return (-1);
	for (i = 0; i < n; i++)
		if (pat[i] == '0' ? s[i] < '0' || s[i] > '9' : s[i] != pat[i])
			return (-1);
	if (n == 16)
		hm = atoi(s + 11) * 100 + atoi(s + 14);
	return (((int64_t)atoi(s + 6) * 10000 + atoi(s + 3) * 100 +
	    atoi(s)) * 10000 + hm);
}

static int
row_cmp(const void *a, const void *b)
{
	char *const	*x = *(char **const *)a, *const *y = *(char **const *)b;
	double		 u, v;
	int64_t		 du, dv;
	int		 nu, nv, c;

	u = cell_num(x[sort_col], &nu);
	v = cell_num(y[sort_col], &nv);
	du = cell_date(x[sort_col]);
	dv = cell_date(y[sort_col]);
	if (nu && nv)
		c = u < v ? -1 : u > v;
	else if (du >= 0 && dv >= 0)
		c = du < dv ? -1 : du > dv;
	else
		c = strcmp(x[sort_col], y[sort_col]);
	return (sort_desc ? -c : c);
}

static void
sort_by(struct rep_state *s, int col)
{
	struct run	*r = top_run(s);

	if (r == NULL || r->t == NULL || col < 0 || (size_t)col >=
	    r->t->ncols)
		return;
	if (r->sortcol == col)
		r->sortdesc = !r->sortdesc;
	else {
		r->sortcol = col;
		r->sortdesc = 0;
	}
	sort_col = col;
	sort_desc = r->sortdesc;
	if (r->t->nrows - r->ntotal > 1)
		xqsort(r->t->rows, r->t->nrows - r->ntotal,
		    sizeof *r->t->rows, row_cmp);
	r->cur = r->top = 0;
	s->app->message(s->app, 0, _("sorted by %s, %s"),
	    r->t->labels[col], r->sortdesc ? _("descending") :
	    _("ascending"));
}

static int
row_has(const struct rp_table *t, size_t i, const char *what)
{
	size_t	 j;

	for (j = 0; j < t->ncols; j++)
		if (strstr(t->rows[i][j], what) != NULL)
			return (1);
	return (0);
}

static void
search_next(struct rep_state *s, int from_next)
{
	struct run	*r = top_run(s);
	size_t		 i, n;

	if (r == NULL || r->t == NULL || *s->search == '\0')
		return;
	n = r->t->nrows;
	for (i = 0; i < n; i++) {
		size_t	 k = (r->cur + i + (size_t)from_next) % n;

		if (row_has(r->t, k, s->search)) {
			r->cur = k;
			return;
		}
	}
	s->app->message(s->app, 1, _("no row has \"%s\""), s->search);
}

/* --- export, print, save ------------------------------------------------------ */

static void
csv_cell(struct buf *b, const char *c)
{
	const char	*p;
	int		 num, quote;

	/* A formula to a spreadsheet is text (kontor report's rule). */
	cell_num(c, &num);
	if (!num && strchr("=+-@", *c) != NULL && *c != '\0')
		buf_addc(b, '\'');
	quote = strpbrk(c, ",\"\n\r") != NULL;
	if (quote)
		buf_addc(b, '"');
	for (p = c; *p != '\0'; p++) {
		if (*p == '"')
			buf_addc(b, '"');
		buf_addc(b, *p);
	}
	if (quote)
		buf_addc(b, '"');
}

static void
export_csv(struct rep_state *s)
{
	struct run	*r = top_run(s);
	struct rp_params p;
	struct rp_table	*t;
	struct buf	 b = { 0 };
	const char	*home = getenv("HOME");
	char		 path[512], *cause = NULL;
	size_t		 i, j;
	int64_t		 today = date_today();

	if (r == NULL || r->t == NULL)
		return;
	if (home != NULL && *home != '\0' && access(home, W_OK) == 0)
		snprintf(path, sizeof path, "%s/%s-%lld.csv", /* i18n: no */
		    home, r->rep->name, (long long)today);
	else
		snprintf(path, sizeof path, "%s-%lld.csv", /* i18n: no */
		    r->rep->name, (long long)today);
	if (!ui_ask(_("Export to CSV"), _("File:"), path, sizeof path) ||
	    *path == '\0')
		return;
	if (path[0] == '~' && path[1] == '/' && home != NULL) {
		char	 t2[512];

		snprintf(t2, sizeof t2, "%s%s", home, path + 1);
		snprintf(path, sizeof path, "%s", t2);
	}
	/* The cells as stored: what kontor report --format csv gives. */
	if (form_request(s, r, &p) != 0)
		return;
	if (rp_run(s->app->client, &p, 1, &t, &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
		return;
	}
	for (j = 0; j < t->ncols; j++) {
		if (j > 0)
			buf_addc(&b, ',');
		csv_cell(&b, t->cols[j]);
	}
	buf_adds(&b, "\r\n");
	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->ncols; j++) {
			if (j > 0)
				buf_addc(&b, ',');
			csv_cell(&b, t->rows[i][j]);
		}
		buf_adds(&b, "\r\n");
	}
	if (cp_save_file(path, b.data != NULL ? b.data : "", b.len,
	    &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
	} else
		s->app->message(s->app, 0, P_("%zu row exported to %s",
		    "%zu rows exported to %s", t->nrows), t->nrows, path);
	buf_free(&b);
	rp_table_free(t);
}

/* P: the report run again and printed by the server (forms/report.c),
 * through the print dialog (ui/print.h). */
struct print_arg {
	struct rep_state	*s;
	struct run		*r;
};

static int
print_render(void *arg, int text, char **bytes, size_t *len, char **cause)
{
	struct print_arg	*pa = arg;
	struct rp_params	 p;
	struct rp_printout	 out;
	int			 rc;

	if (form_request(pa->s, pa->r, &p) != 0) {
		*cause = xstrdup(_("the report's parameters are not valid"));
		return (EX_USAGE);
	}
	if ((rc = rp_print(pa->s->app->client, &p, text ? "text" : "pdf",
	    &out, cause)) != 0)
		return (rc);
	*bytes = out.bytes;
	*len = out.len;
	out.bytes = NULL;
	rp_printout_free(&out);
	return (0);
}

/* A report's title without the options --list shows in it ("(--from,
 * --to: ...)", "(--sku)"): a list's line and a print's heading; the
 * form shows it whole.  Malloc'd. */
static char *
title_bare(const struct report_def *rep)
{
	char	*title = xstrdup(report_title(rep)), *open, *close;

	while ((open = strstr(title, " (--")) != NULL) {
		if ((close = strchr(open, ')')) == NULL) {
			*open = '\0';
			break;
		}
		memmove(open, close + 1, strlen(close + 1) + 1);
	}
	return (title);
}

static void
print_report(struct rep_state *s)
{
	struct run		*r = top_run(s);
	struct ui_print_job	 job;
	struct print_arg	 pa;
	char			*title;

	if (r == NULL || r->t == NULL)
		return;
	title = title_bare(r->rep);
	pa.s = s;
	pa.r = r;
	memset(&job, 0, sizeof job);
	job.name = r->rep->name;
	job.title = title;
	job.render = print_render;
	job.arg = &pa;
	ui_print_job(s->app, &job);
	free(title);
}

static void
save_params(struct rep_state *s, struct run *r)
{
	char	 name[41] = "", *params, *cause = NULL;
	int	 shared;

	if (r == NULL || r->rep == NULL)
		return;
	if (!ui_ask(_("Save the report"), _("Name:"), name, sizeof name) ||
	    *name == '\0')
		return;
	shared = ui_confirm(_("Share it with every user?"));
	params = form_params(r);
	if (rp_save(s->app->client, name, r->rep->name, params, shared,
	    &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
	} else {
		s->app->message(s->app, 0, _("saved as %s"), name);
		rp_saved_free(s->saved, s->nsaved);
		s->saved = NULL;
		s->nsaved = 0;
		if (rp_saved_list(s->app->client, &s->saved, &s->nsaved,
		    &cause) != 0)
			free(cause);
	}
	free(params);
}

/* --- the list ------------------------------------------------------------------ */

static void
list_load(struct rep_state *s)
{
	const struct report_def *const *d;
	char			*cause = NULL;

	free(s->reps);
	s->reps = NULL;
	s->nreps = 0;
	for (d = report_table; *d != NULL; d++) {
		if (!auth_allowed(s->app->roles, (*d)->area, ACT_VIEW))
			continue;
		s->reps = xreallocarray(s->reps, s->nreps + 1,
		    sizeof *s->reps);
		s->reps[s->nreps++] = *d;
	}
	rp_saved_free(s->saved, s->nsaved);
	s->saved = NULL;
	s->nsaved = 0;
	if (rp_saved_list(s->app->client, &s->saved, &s->nsaved, &cause) !=
	    0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
	}
}

static void
open_form(struct rep_state *s, const struct report_def *rep)
{
	form_make(&s->form, rep);
	s->fcur = 0;
	s->mode = M_FORM;
}

/* A saved one: its parameters into the form, and run. */
static void
run_saved(struct rep_state *s, const struct rp_saved *sv)
{
	const struct report_def	*rep = report_find(sv->report);
	char			*p, *tok, *nl, *opt = NULL;

	if (rep == NULL || !auth_allowed(s->app->roles, rep->area,
	    ACT_VIEW)) {
		s->app->message(s->app, 1, _("no report '%s' (kontor report "
		    "--list)"), sv->report);
		return;
	}
	open_form(s, rep);
	p = xstrdup(sv->params);
	for (tok = p; tok != NULL && *tok != '\0'; tok = nl) {
		if ((nl = strchr(tok, '\n')) != NULL)
			*nl++ = '\0';
		if (strncmp(tok, "--", 2) == 0 && opt == NULL)
			opt = tok + 2;
		else if (opt != NULL) {
			form_set(&s->form, opt, tok);
			opt = NULL;
		}
	}
	free(p);
	s->from_saved = 1;
	run_push(s, &s->form);
}

static int
rep_open(struct app *app, const char *arg, void **state, char **cause)
{
	struct rep_state	*s;
	const struct report_def	*rep;

	(void)cause;
	s = xcalloc(1, sizeof *s);
	s->app = app;
	list_load(s);
	if (arg != NULL && (rep = report_find(arg)) != NULL &&
	    auth_allowed(app->roles, rep->area, ACT_VIEW))
		open_form(s, rep);
	*state = s;
	return (0);
}

static void
rep_close(void *state)
{
	struct rep_state	*s = state;

	while (s->depth > 0)
		run_clear(&s->stack[--s->depth]);
	run_clear(&s->form);
	free(s->reps);
	rp_saved_free(s->saved, s->nsaved);
	free(s);
}

/* --- drawing ------------------------------------------------------------------- */

static void
put_line(struct ui_region *rg, int y, const char *text, attr_t a)
{
	if (a)
		wattron(rg->win, a);
	ui_put(rg->win, rg->y + y, rg->x, text, rg->w, 1);
	if (a)
		wattroff(rg->win, a);
}

static void
draw_list(struct rep_state *s, struct ui_region *rg)
{
	struct buf	 b;
	size_t		 n = s->nreps + s->nsaved, i;
	int		 body = rg->h - 2, y, nw = 0;
	char		*t;

	/* The names whole (customers-by-status), the titles after them
	 * cut with a mark: Enter's form has them whole. */
	for (i = 0; i < s->nreps; i++)
		if (ui_width(s->reps[i]->name) > nw)
			nw = ui_width(s->reps[i]->name);
	if (nw > 24)
		nw = 24;

	put_line(rg, 0, _("Reports: Enter the form, F2 run as it is; saved "
	    "ones below"), A_BOLD);
	if (s->lcur < s->ltop)
		s->ltop = s->lcur;
	if (body > 0 && s->lcur >= s->ltop + (size_t)body)
		s->ltop = s->lcur - (size_t)body + 1;
	for (y = 0; y < body; y++) {
		i = s->ltop + (size_t)y;
		memset(&b, 0, sizeof b);
		if (i < s->nreps) {
			ui_cell(&b, s->reps[i]->name, nw, 0);
			buf_addc(&b, ' ');
			t = title_bare(s->reps[i]);
			if (ui_width(t) > rg->w - nw - 1 && rg->w - nw - 2 > 0) {
				ui_cell(&b, t, rg->w - nw - 2, 0);
				buf_adds(&b, "\xe2\x80\xa6");
			} else
				buf_adds(&b, t);
			free(t);
		} else if (i < n) {
			const struct rp_saved	*sv = &s->saved[i - s->nreps];
			char			*p = xstrdup(sv->params), *q;

			for (q = p; *q != '\0'; q++)
				if (*q == '\n')
					*q = ' ';
			buf_printf(&b, "* %s: %s %s%s", sv->name, sv->report,
			    p, sv->shared ? _(" (shared)") : "");
			free(p);
		}
		buf_addc(&b, '\0');
		put_line(rg, 1 + y, b.data != NULL ? b.data : "", i ==
		    s->lcur && i < n ? A_REVERSE : 0);
		buf_free(&b);
	}
	put_line(rg, rg->h - 1, _("Enter form  F2 run  Esc back  F1 help"),
	    0);
}

static void
draw_form(struct rep_state *s, struct ui_region *rg)
{
	struct run	*r = &s->form;
	struct field	*f;
	struct buf	 b;
	char		 d1[16], d2[16];
	int64_t		 from, to;
	size_t		 i;

	put_line(rg, 0, report_title(r->rep), A_BOLD);
	for (i = 0; i < r->nf; i++) {
		f = &r->f[i];
		memset(&b, 0, sizeof b);
		ui_cell(&b, _(f->label), 22, 0);
		buf_adds(&b, ": ");
		if (f->kind == F_CHOICE) {
			const char	*w = f->words != NULL ?
					    _(f->words[f->choice]) :
					    *f->values[f->choice] != '\0' ?
					    report_param_word(
					    f->values[f->choice]) : _("(none)");

			buf_printf(&b, "< %s >", w);
			if (strcmp(f->param, "period") == 0 && f->choice != 0 &&
			    report_relative(f->values[f->choice],
			    date_today(), &from, &to)) {
				date_format(from, d1, sizeof d1);
				date_format(to, d2, sizeof d2);
				buf_printf(&b, "  %s - %s", d1, d2);
			}
		} else
			buf_adds(&b, f->val);
		buf_addc(&b, '\0');
		put_line(rg, 2 + (int)i, b.data, i == s->fcur ? A_REVERSE : 0);
		buf_free(&b);
	}
	if (r->nf == 0)
		put_line(rg, 2, _("This report has no parameters."), 0);
	put_line(rg, rg->h - 1, _("F2 run  Left/Right choose  Enter type  "
	    "s save  Esc back"), 0);
}

/* The column of the figure a chart shows and that of its labels. */
static void
chart_cols(const struct run *r, int *lab, int *val, int *lab2)
{
	static const char *const vals[] = { "margin", "net", "value", "loss",
	    "actual", "amount", "on_hand", "owed", NULL };
	static const char *const labs[] = { "group", "code", "sku",
	    "manager", "month", "period", "name", "warehouse", NULL };
	const struct rp_table	*t = r->t;
	size_t			 i, n = t->nrows - r->ntotal;
	int			 c, same;

	*val = -1;
	for (i = 0; vals[i] != NULL && *val < 0; i++)
		*val = rp_col(t, vals[i]);
	if (*val < 0)
		*val = (int)t->ncols - 1;
	*lab = -1;
	*lab2 = -1;
	for (i = 0; labs[i] != NULL; i++) {
		if ((c = rp_col(t, labs[i])) < 0)
			continue;
		same = 1;
		for (size_t k = 1; k < n && same; k++)
			same = strcmp(t->rows[k][c], t->rows[0][c]) == 0;
		if (n > 1 && same)
			continue;
		if (*lab < 0)
			*lab = c;
		else if (*lab2 < 0 && (strcmp(labs[i], "period") == 0 ||
		    strcmp(labs[i], "month") == 0))
			*lab2 = c;
	}
	if (*lab < 0)
		*lab = 0;
}

static int
ascii_only(void)
{
	const char	*t = getenv("TERM");

	return (t != NULL && strncmp(t, "vt", 2) == 0);
}

static void
draw_bars(struct rep_state *s, struct ui_region *rg, struct run *r)
{
	static const char *const eighths[] = { "", "\u258f", "\u258e",
	    "\u258d", "\u258c", "\u258b", "\u258a", "\u2589" };
	const struct rp_table	*t = r->t;
	size_t			 n = t->nrows - r->ntotal, i;
	struct buf		 b;
	double			 max = 0, v;
	int			 lab, val, lab2, num, lw = 0, vw = 0, bw, body;
	int			 y, units, k, ascii = ascii_only();
	char			 label[128];

	chart_cols(r, &lab, &val, &lab2);
	for (i = 0; i < n; i++) {
		v = cell_num(t->rows[i][val], &num);
		if (v < 0)
			v = -v;
		if (v > max)
			max = v;
		snprintf(label, sizeof label, "%s%s%s", lab2 >= 0 ?
		    t->rows[i][lab2] : "", lab2 >= 0 ? " " : "",
		    t->rows[i][lab]);
		if (ui_width(label) > lw)
			lw = ui_width(label);
		if (ui_width(t->rows[i][val]) > vw)
			vw = ui_width(t->rows[i][val]);
	}
	if (lw > 24)
		lw = 24;
	bw = rg->w - lw - vw - 3;
	if (bw < 4)
		bw = 4;
	body = rg->h - 3;
	if (r->cur < r->top)
		r->top = r->cur;
	if (body > 0 && r->cur >= r->top + (size_t)body)
		r->top = r->cur - (size_t)body + 1;
	for (y = 0; y < body; y++) {
		i = r->top + (size_t)y;
		if (i >= n) {
			put_line(rg, 2 + y, "", 0);
			continue;
		}
		memset(&b, 0, sizeof b);
		snprintf(label, sizeof label, "%s%s%s", lab2 >= 0 ?
		    t->rows[i][lab2] : "", lab2 >= 0 ? " " : "",
		    t->rows[i][lab]);
		ui_cell(&b, label, lw, 0);
		buf_addc(&b, ' ');
		ui_cell(&b, t->rows[i][val], vw, 1);
		buf_addc(&b, ' ');
		v = cell_num(t->rows[i][val], &num);
		if (v < 0)
			v = -v;
		/* Eighths of a character. */
		units = max > 0 ? (int)(v / max * bw * 8 + 0.5) : 0;
		for (k = 0; k < units / 8; k++)
			buf_adds(&b, ascii ? "#" : "\u2588");
		if (units % 8 != 0)
			buf_adds(&b, ascii ? (units % 8 >= 4 ? "#" : "") :
			    eighths[units % 8]);
		buf_addc(&b, '\0');
		put_line(rg, 2 + y, b.data, i == r->cur ? A_REVERSE : 0);
		buf_free(&b);
	}
}

static void
draw_columns(struct rep_state *s, struct ui_region *rg, struct run *r)
{
	static const char *const eighths[] = { " ", "\u2581", "\u2582",
	    "\u2583", "\u2584", "\u2585", "\u2586", "\u2587" };
	const struct rp_table	*t = r->t;
	size_t			 n = t->nrows - r->ntotal, i, first;
	struct buf		 b;
	double			 max = 0, v;
	int			 lab, val, lab2, num, h, y, cols, units, x;
	int			 ascii = ascii_only();
	char			 line[256];

	chart_cols(r, &lab, &val, &lab2);
	for (i = 0; i < n; i++) {
		v = cell_num(t->rows[i][val], &num);
		if (v < 0)
			v = -v;
		if (v > max)
			max = v;
	}
	h = rg->h - 5;			/* the title, labels, the current */
	cols = rg->w / 3;
	first = r->cur >= (size_t)cols ? r->cur - (size_t)cols + 1 : 0;
	for (y = 0; y < h; y++) {
		memset(&b, 0, sizeof b);
		for (x = 0; x < cols && first + (size_t)x < n; x++) {
			i = first + (size_t)x;
			v = cell_num(t->rows[i][val], &num);
			if (v < 0)
				v = -v;
			units = max > 0 ? (int)(v / max * h * 8 + 0.5) : 0;
			/* Row y from the top: full, partial or empty. */
			{
				int	 from_bottom = h - 1 - y;
				const char *c;

				if (units >= (from_bottom + 1) * 8)
					c = ascii ? "#" : "\u2588";
				else if (units > from_bottom * 8)
					c = ascii ? ((units - from_bottom * 8)
					    >= 4 ? "#" : " ") :
					    eighths[units - from_bottom * 8];
				else
					c = " ";
				buf_adds(&b, c);
				buf_adds(&b, c);
				buf_addc(&b, ' ');
			}
		}
		buf_addc(&b, '\0');
		put_line(rg, 2 + y, b.data != NULL ? b.data : "", 0);
		buf_free(&b);
	}
	/* Under each column its place in the list; the current one named. */
	memset(&b, 0, sizeof b);
	for (x = 0; x < cols && first + (size_t)x < n; x++) {
		i = first + (size_t)x;
		snprintf(line, sizeof line, "%-2zu ", (i + 1) % 100);
		buf_adds(&b, i == r->cur ? "^^ " : line);
	}
	buf_addc(&b, '\0');
	put_line(rg, 2 + h, b.data != NULL ? b.data : "", 0);
	buf_free(&b);
	if (r->cur < n) {
		snprintf(line, sizeof line, "%zu. %s%s%s: %s", r->cur + 1,
		    lab2 >= 0 ? t->rows[r->cur][lab2] : "", lab2 >= 0 ? " " :
		    "", t->rows[r->cur][lab], t->rows[r->cur][val]);
		put_line(rg, 3 + h, line, A_BOLD);
	}
	(void)s;
}

static void
draw_table(struct rep_state *s, struct ui_region *rg, struct run *r)
{
	const struct rp_table	*t = r->t;
	int			 w[64], body, y, used;
	size_t			 i, j, n = t->ncols < 64 ? t->ncols : 64;
	struct buf		 b;
	int			 num;

	for (j = 0; j < n; j++) {
		w[j] = ui_width(t->labels[j]);
		for (i = 0; i < t->nrows; i++)
			if (ui_width(t->rows[i][j]) > w[j])
				w[j] = ui_width(t->rows[i][j]);
		if (w[j] > 28)
			w[j] = 28;
	}
	if (r->hcol >= (int)n)
		r->hcol = (int)n - 1;
	if (r->hcol < 0)
		r->hcol = 0;
	memset(&b, 0, sizeof b);
	for (j = (size_t)r->hcol, used = 0; j < n && used + w[j] <= rg->w;
	    j++) {
		char	 head[96];

		snprintf(head, sizeof head, "%s%s", t->labels[j],
		    (int)j == r->sortcol ? (r->sortdesc ? "v" : "^") : "");
		cell_num(t->nrows > 0 ? t->rows[0][j] : "", &num);
		ui_cell(&b, head, w[j], num);
		buf_addc(&b, ' ');
		used += w[j] + 1;
	}
	buf_addc(&b, '\0');
	put_line(rg, 1, b.data, A_BOLD | A_UNDERLINE);
	buf_free(&b);
	body = rg->h - 3;
	if (r->cur < r->top)
		r->top = r->cur;
	if (body > 0 && r->cur >= r->top + (size_t)body)
		r->top = r->cur - (size_t)body + 1;
	for (y = 0; y < body; y++) {
		i = r->top + (size_t)y;
		if (i >= t->nrows) {
			put_line(rg, 2 + y, i == 0 && y == 0 ?
			    _("No rows.") : "", 0);
			continue;
		}
		memset(&b, 0, sizeof b);
		for (j = (size_t)r->hcol, used = 0; j < n &&
		    used + w[j] <= rg->w; j++) {
			cell_num(t->rows[i][j], &num);
			ui_cell(&b, t->rows[i][j], w[j], num);
			buf_addc(&b, ' ');
			used += w[j] + 1;
		}
		buf_addc(&b, '\0');
		put_line(rg, 2 + y, b.data, i == r->cur ? A_REVERSE :
		    i >= t->nrows - r->ntotal ? A_BOLD : 0);
		buf_free(&b);
	}
	(void)s;
}

static void
draw_result(struct rep_state *s, struct ui_region *rg)
{
	struct run	*r = top_run(s);
	struct buf	 b = { 0 }, h;
	struct field	*f;
	char		*t;
	size_t		 i;
	int		 w;

	if (r == NULL || r->t == NULL)
		return;
	/* The report by its title (in the interface's language), cut to
	 * leave room for what the drill-down is inside. */
	for (i = 0; i < r->nf; i++) {
		f = &r->f[i];
		if (*field_value(f) == '\0' || strcmp(f->param, "from") == 0 ||
		    strcmp(f->param, "to") == 0)
			continue;
		buf_printf(&b, " %s=%s", f->param, field_value(f));
	}
	if ((f = field_get(r, "period")) != NULL && f->choice == 0) {
		const char	*fr = field_get(r, "from")->val;
		const char	*to = field_get(r, "to")->val;

		if (*fr != '\0' || *to != '\0')
			buf_printf(&b, " %s..%s", fr, to);
	}
	buf_addc(&b, '\0');
	t = title_bare(r->rep);
	w = rg->w - ui_width(b.data);
	memset(&h, 0, sizeof h);
	if (w > 0) {
		/* Nothing left for the title: the report's name. */
		ui_cell(&h, w >= 12 ? t : r->rep->name, w, 0);
		/* ui_cell pads: the filters right after the title. */
		while (h.len > 0 && h.data[h.len - 1] == ' ')
			h.len--;
	}
	buf_adds(&h, b.data);
	buf_addc(&h, '\0');
	put_line(rg, 0, h.data, A_BOLD);
	free(t);
	buf_free(&h);
	buf_free(&b);
	if (s->view == V_BARS)
		draw_bars(s, rg, r);
	else if (s->view == V_COLUMNS)
		draw_columns(s, rg, r);
	else
		draw_table(s, rg, r);
	put_line(rg, rg->h - 1, _("Enter drill  1-9 sort  / find  g chart  "
	    "e CSV  P print  s save  Esc"), 0);
}

static void
rep_draw(void *state, struct ui_region *rg, unsigned redraw)
{
	struct rep_state	*s = state;
	int			 y;

	(void)redraw;
	for (y = 0; y < rg->h; y++)
		put_line(rg, y, "", 0);
	if (s->mode == M_LIST)
		draw_list(s, rg);
	else if (s->mode == M_FORM)
		draw_form(s, rg);
	else
		draw_result(s, rg);
}

/* --- keys ------------------------------------------------------------------------ */

static enum ui_result
key_list(struct rep_state *s, int k)
{
	size_t	 n = s->nreps + s->nsaved;

	if (k == UI_KEY_ESC)
		return (UI_BACK);
	if (ui_cursor_key(k, &s->lcur, n, 10))
		return (UI_CONTINUE);
	if (s->lcur >= n)
		return (UI_CONTINUE);
	if (s->lcur >= s->nreps) {
		if (UI_KEY_ENTER(k) || UI_KEY_SAVE(k))
			run_saved(s, &s->saved[s->lcur - s->nreps]);
		return (UI_CONTINUE);
	}
	if (UI_KEY_ENTER(k))
		open_form(s, s->reps[s->lcur]);
	else if (UI_KEY_SAVE(k)) {
		open_form(s, s->reps[s->lcur]);
		s->from_saved = 0;
		run_push(s, &s->form);
	}
	return (UI_CONTINUE);
}

static enum ui_result
key_form(struct rep_state *s, struct ui_region *rg, int k)
{
	struct run	*r = &s->form;
	struct field	*f = s->fcur < r->nf ? &r->f[s->fcur] : NULL;
	int		 n, key;

	if (k == UI_KEY_ESC) {
		s->mode = M_LIST;
		return (UI_CONTINUE);
	}
	if (UI_KEY_SAVE(k)) {
		s->from_saved = 0;
		run_push(s, r);
		return (UI_CONTINUE);
	}
	if (ui_cursor_key(k, &s->fcur, r->nf, 10) || f == NULL)
		return (UI_CONTINUE);
	if (f->kind == F_CHOICE && (k == UI_K(KEY_LEFT) ||
	    k == UI_K(KEY_RIGHT) || k == ' ')) {
		for (n = 0; f->values[n] != NULL; n++)
			;
		f->choice = (f->choice + (k == UI_K(KEY_LEFT) ? n - 1 : 1)) %
		    n;
		return (UI_CONTINUE);
	}
	if (k == 's') {
		save_params(s, r);
		return (UI_CONTINUE);
	}
	if (f->kind == F_TEXT && (UI_KEY_ENTER(k) || (k >= ' ' &&
	    k < UI_K(0) && k != 's'))) {
		if (!UI_KEY_ENTER(k)) {
			/* Typing starts the value afresh. */
			struct buf	 b = { 0 };
			wchar_t		 wc = (wchar_t)k;
			char		 mb[8];
			int		 len = wctomb(mb, wc);

			if (len > 0)
				buf_add(&b, mb, (size_t)len);
			buf_addc(&b, '\0');
			snprintf(f->val, sizeof f->val, "%s", b.data);
			buf_free(&b);
		}
		key = ui_edit_line(rg->win, rg->y + 2 + (int)s->fcur,
		    rg->x + 24, rg->w - 24 > 10 ? rg->w - 24 : 10, f->val,
		    sizeof f->val, NULL, NULL);
		/* Typed dates: the period is From/To then. */
		if ((strcmp(f->param, "from") == 0 ||
		    strcmp(f->param, "to") == 0) &&
		    field_get(r, "period") != NULL)
			field_get(r, "period")->choice = 0;
		if (UI_KEY_SAVE(key)) {
			s->from_saved = 0;
			run_push(s, r);
		} else if (UI_KEY_DOWN(key) || UI_KEY_ENTER(key) ||
		    key == '\t') {
			if (s->fcur + 1 < r->nf)
				s->fcur++;
		} else if (UI_KEY_UP(key) && s->fcur > 0)
			s->fcur--;
	}
	return (UI_CONTINUE);
}

static enum ui_result
key_result(struct rep_state *s, int k)
{
	struct run	*r = top_run(s);
	size_t		 n;

	if (k == UI_KEY_ESC) {
		run_clear(r);
		s->depth--;
		s->view = V_TABLE;
		if (s->depth == 0)
			s->mode = s->from_saved ? M_LIST : M_FORM;
		return (UI_CONTINUE);
	}
	n = s->view == V_TABLE ? r->t->nrows : r->t->nrows - r->ntotal;
	if (s->view == V_COLUMNS && (k == UI_K(KEY_LEFT) ||
	    k == UI_K(KEY_RIGHT))) {
		if (k == UI_K(KEY_LEFT) && r->cur > 0)
			r->cur--;
		else if (k == UI_K(KEY_RIGHT) && r->cur + 1 < n)
			r->cur++;
		return (UI_CONTINUE);
	}
	if (ui_cursor_key(k, &r->cur, n, 10))
		return (UI_CONTINUE);
	if (k == UI_K(KEY_LEFT) && r->hcol > 0)
		r->hcol--;
	else if (k == UI_K(KEY_RIGHT) && r->hcol + 1 < (int)r->t->ncols)
		r->hcol++;
	else if (k >= '1' && k <= '9')
		sort_by(s, r->hcol + (k - '1'));
	else if (k == '/') {
		if (ui_ask(_("Search"), _("Find:"), s->search,
		    sizeof s->search))
			search_next(s, 0);
	} else if (k == 'n')
		search_next(s, 1);
	else if (k == 'g') {
		s->view = s->view == V_TABLE ? V_BARS : s->view == V_BARS ?
		    V_COLUMNS : V_TABLE;
		if (r->cur >= r->t->nrows - r->ntotal && r->cur > 0 &&
		    s->view != V_TABLE)
			r->cur = r->t->nrows - r->ntotal > 0 ?
			    r->t->nrows - r->ntotal - 1 : 0;
	} else if (k == 'e')
		export_csv(s);
	else if (k == 'P')
		print_report(s);
	else if (k == 's')
		save_params(s, r);
	else if (k == 'r')
		run_go(s, r);
	else if (UI_KEY_ENTER(k))
		drill(s);
	return (UI_CONTINUE);
}

static enum ui_result
rep_key(void *state, struct ui_region *rg, int k, unsigned *redraw)
{
	struct rep_state	*s = state;

	*redraw |= UI_REDRAW_ALL;
	if (s->mode == M_LIST)
		return (key_list(s, k));
	if (s->mode == M_FORM)
		return (key_form(s, rg, k));
	return (key_result(s, k));
}

const struct screen_def scr_reports = {
	.name = "reports", .code = "rep", .title = N_("Reports"),
	/* No area: everyone has reports of theirs (the list shows those
	 * the roles may view). */
	.hotkey = 'y', .area = NULL, .open = rep_open,
	.close = rep_close, .draw = rep_draw, .key = rep_key,
	.actions = rep_actions,
};
