/*
 * Reports on the command line: kontor report NAME, and cli_report,
 * which kontor stock and reorder run too.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/csv.h"
#include "client/client.h"
#include "client/deliver.h"
#include "client/mail.h"
#include "client/reports.h"
#include "dict/value.h"
#include "i18n.h"
#include "reports/reports.h"
#include "xmalloc.h"

/* What a report's command line says (cmd_report, and a saved one's
 * parameters parsed again). */
struct rep_opts {
	const char	*name;
	int64_t		 from, to, as_of, days;
	const char	*key, *by, *period, *manager, *customer;
	const char	*warehouse, *category;
	const char	*format;
	int		 raw, list, shared, format_set;
	const char	*save, *saved, *out, *mail, *drop;
	struct buf	 params;	/* the parameters as typed, a token a
					   line: what --save keeps */
};

static const char *report_usage = N_(
    "report NAME [--from DATE] [--to DATE] [--period PERIOD]\n"
    "           [--by|--group WHAT] [--manager LOGIN] [--customer CODE]\n"
    "           [--sku|--product SKU] [--category CODE] [--warehouse CODE]\n"
    "           [--days N] [--as-of DATE] [--format text|csv [--raw]|pdf]\n"
    "           [-o FILE] [--mail ADDRESS] [--save NAME [--shared]]\n"
    "       kontor report --saved NAME [-o FILE] [--mail ADDRESS]\n"
    "           [--format text|csv|pdf]\n"
    "       kontor report --delete-saved NAME\n"
    "       kontor report --list\n"
    "  --period day|week|month: the rows per day, week or month (sales,\n"
    "  production); or a period from today: today, yesterday, this-week,\n"
    "  last-week, this-month, last-month, this-quarter, last-quarter, this-year,\n"
    "  last-year; a saved report keeps the word, so it counts from the day it runs\n"
    "  --raw: CSV cells as they are, for scripts; without it a cell a spreadsheet\n"
    "  would run as a formula (= + - @ first) gets a ' before it\n"
    "  --as-of DATE (receivables, payables): as they stood at the end of DATE:\n"
    "  documents and payments dated after it left out, what was settled since\n"
    "  undone (a document paid since is open then)\n"
    "  -o FILE: the result into FILE (CSV when it ends in .csv, PDF when in\n"
    "  .pdf, else text); --mail ADDRESS: sent as an attachment through\n"
    "  sendmail (CSV with --format csv, PDF with --format pdf, else text)");

static void
param_add(struct rep_opts *o, const char *opt, const char *arg)
{
	buf_printf(&o->params, "--%s\n", opt);
	if (arg != NULL)
		buf_printf(&o->params, "%s\n", arg);
}

/* Parse argv into o: 0, -1 for --help (printed), or an exit code. */
static int
report_parse(int argc, char **argv, struct rep_opts *o)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'F' },
		{ "sku", required_argument, NULL, 's' },
		{ "product", required_argument, NULL, 's' },
		{ "by", required_argument, NULL, 'b' },
		{ "group", required_argument, NULL, 'b' },
		{ "period", required_argument, NULL, 'P' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "list", no_argument, NULL, 'l' },
		{ "raw", no_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ "manager", required_argument, NULL, 'M' },
		{ "customer", required_argument, NULL, 'C' },
		{ "warehouse", required_argument, NULL, 'W' },
		{ "category", required_argument, NULL, 'G' },
		{ "days", required_argument, NULL, 'D' },
		{ "save", required_argument, NULL, 'S' },
		{ "shared", no_argument, NULL, 'H' },
		{ "saved", required_argument, NULL, 'V' },
		{ "delete-saved", required_argument, NULL, 'X' },
		{ "output", required_argument, NULL, 'o' },
		{ "mail", required_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*u = _(report_usage);
	char		*why = NULL, *end;
	int64_t		 rf, rt;
	int		 ch, rc, idx;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "f:t:F:s:b:P:a:lrho:", opts,
	    &idx)) != -1) {
		switch (ch) {
		case 'a':
			if (date_parse(optarg, &o->as_of, &why) != 0) {
				rc = cli_error(EX_USAGE, _("--as-of: %s"),
				    why);
				free(why);
				return (rc);
			}
			param_add(o, "as-of", optarg);
			break;
		case 'r':
			o->raw = 1;
			break;
		case 's':
			o->key = optarg;
			param_add(o, "sku", optarg);
			break;
		case 'b':
			o->by = optarg;
			param_add(o, "by", optarg);
			break;
		case 'P':
			/* A period from today is from and to; day, week,
			 * month are the report's own. */
			if (report_relative(optarg, date_today(), &rf, &rt)) {
				o->from = rf;
				o->to = rt;
			} else
				o->period = optarg;
			param_add(o, "period", optarg);
			break;
		case 'f':
		case 't':
			if (date_parse(optarg, ch == 'f' ? &o->from : &o->to,
			    &why) != 0) {
				rc = cli_error(EX_USAGE,	/* i18n: no */
				    "--%s: %s", ch == 'f' ? "from" : "to", why);
				free(why);
				return (rc);
			}
			param_add(o, ch == 'f' ? "from" : "to", optarg);
			break;
		case 'F':
			o->format = optarg;
			o->format_set = 1;
			param_add(o, "format", optarg);
			break;
		case 'l':
			o->list = 1;
			break;
		case 'M':
			o->manager = optarg;
			param_add(o, "manager", optarg);
			break;
		case 'C':
			o->customer = optarg;
			param_add(o, "customer", optarg);
			break;
		case 'W':
			o->warehouse = optarg;
			param_add(o, "warehouse", optarg);
			break;
		case 'G':
			o->category = optarg;
			param_add(o, "category", optarg);
			break;
		case 'D':
			o->days = strtoll(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || o->days <= 0 ||
			    o->days > 36500)
				return (cli_error(EX_USAGE, _("--days: a number "
				    "of days from 1 to 36500 expected, got "
				    "'%s'"), optarg));
			param_add(o, "days", optarg);
			break;
		case 'S':
			o->save = optarg;
			break;
		case 'H':
			o->shared = 1;
			break;
		case 'V':
			o->saved = optarg;
			break;
		case 'X':
			o->drop = optarg;
			break;
		case 'o':
			o->out = optarg;
			break;
		case 'm':
			o->mail = optarg;
			break;
		case 'h':
			cli_usage(u, 1);
			return (-1);
		default:
			return (cli_usage(u, 0));
		}
	}
	if (optind < argc)
		o->name = argv[optind++];
	if (optind != argc)
		return (cli_usage(u, 0));
	return (0);
}

/* A saved report: its name, and its parameters (a token a line). */
static int
saved_get(const struct paths *p, const char *name, char **report,
    char **params)
{
	struct client		*c;
	struct client_reply	 r;
	struct msgb		 m;
	int			 rc;

	if ((rc = open_client(p, 0, &c)) != 0)
		return (rc);
	client_req(c, &m, "report_saved", 1);
	mb_kstr(&m, "name", name);
	if ((rc = client_call(c, &m, &r)) != 0)
		rc = reply_error(&r);
	else {
		*report = mobj_strdup(r.data, "report");
		*params = mobj_strdup(r.data, "params");
		if (*report == NULL)
			rc = cli_error(EX_PROTOCOL, _("the server's answer "
			    "is malformed"));
	}
	client_reply_free(&r);
	client_close(c);
	return (rc);
}

static int
saved_put(const struct paths *p, const char *name, const char *report,
    const char *params, int shared, int drop)
{
	struct client		*c;
	struct client_reply	 r;
	struct msgb		 m;
	int			 rc;

	if ((rc = open_client(p, 0, &c)) != 0)
		return (rc);
	client_req(c, &m, "report_save", drop ? 2 : 4);
	mb_kstr(&m, "name", name);
	if (drop)
		mb_kint(&m, "drop", 1);
	else {
		mb_kstr(&m, "report", report);
		mb_kstr(&m, "params", params);
		mb_kint(&m, "shared", shared);
	}
	if ((rc = client_call(c, &m, &r)) != 0)
		rc = reply_error(&r);
	client_reply_free(&r);
	client_close(c);
	return (rc);
}

/* The reports, then the saved ones the user may run. */
static int
report_list(const struct paths *p)
{
	const struct report_def *const *d;
	const msgpack_object	*o, *v;
	struct client		*c;
	struct client_reply	 r;
	struct msgb		 m;
	char			*nm, *rep, *par, *own, *q;
	uint32_t		 i;
	int			 rc;

	for (d = report_table; *d != NULL; d++)
		printf("%-22s %s\n", (*d)->name, report_title(*d));
	if ((rc = open_client(p, 0, &c)) != 0)
		return (rc);
	client_req(c, &m, "report_saved", 0);
	if ((rc = client_call(c, &m, &r)) != 0)
		rc = reply_error(&r);
	else if ((o = r.data) != NULL && o->type == MSGPACK_OBJECT_ARRAY &&
	    o->via.array.size > 0) {
		printf("\n%s\n", _("Saved reports:"));
		for (i = 0; i < o->via.array.size; i++) {
			v = &o->via.array.ptr[i];
			nm = mobj_strdup(v, "name");
			rep = mobj_strdup(v, "report");
			par = mobj_strdup(v, "params");
			own = mobj_strdup(v, "owner");
			for (q = par; q != NULL && *q != '\0'; q++)
				if (*q == '\n')
					*q = q[1] == '\0' ? '\0' : ' ';
			printf("%-22s %s %s", nm ? nm : "", rep ? rep : "",
			    par ? par : "");
			if (mobj_int(v, "shared", 0))
				printf(" (%s %s)", _("shared by"),
				    own ? own : "");
			printf("\n");
			free(nm);
			free(rep);
			free(par);
			free(own);
		}
	}
	client_reply_free(&r);
	client_close(c);
	return (rc);
}

/* The report run with its output into a temporary file (what it prints
 * to stdout): *bytes and *len, its exit code. */
static int
report_captured(const struct paths *p, const struct rep_opts *o,
    char **bytes, size_t *len)
{
	FILE	*tmp;
	long	 end;
	int	 saved, rc;

	*bytes = NULL;
	*len = 0;
	if ((tmp = tmpfile()) == NULL)
		return (cli_error(EX_OSERR, "tmpfile: %s",	/* i18n: no */
		    strerror(errno)));
	fflush(stdout);
	if ((saved = dup(STDOUT_FILENO)) == -1 ||
	    dup2(fileno(tmp), STDOUT_FILENO) == -1) {
		rc = cli_error(EX_OSERR, "dup: %s",	/* i18n: no */
		    strerror(errno));
		if (saved != -1)
			close(saved);
		fclose(tmp);
		return (rc);
	}
	rc = cli_report_opts(p, o->name, o->from, o->to, o->key, o->by,
	    o->period, o->as_of, o->format, o->raw, o->manager, o->customer,
	    o->warehouse, o->category, o->days);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	if (rc == 0) {
		end = ftell(tmp);
		if (end < 0)
			end = 0;
		*bytes = xmalloc((size_t)end + 1);
		rewind(tmp);
		*len = fread(*bytes, 1, (size_t)end, tmp);
		(*bytes)[*len] = '\0';
	}
	fclose(tmp);
	return (rc);
}

static int
ends_with(const char *s, const char *tail)
{
	size_t	 n = strlen(s), t = strlen(tail);

	return (n >= t && strcasecmp(s + n - t, tail) == 0);
}

/* The report printed by the server as a PDF: *bytes and *len. */
static int
report_pdf(const struct paths *p, const struct rep_opts *o, char **bytes,
    size_t *len)
{
	struct client		*c;
	struct rp_params	 q;
	struct rp_printout	 out;
	char			*why = NULL;
	int			 rc;

	*bytes = NULL;
	*len = 0;
	if ((rc = open_client(p, 0, &c)) != 0)
		return (rc);
	memset(&q, 0, sizeof q);
	q.name = o->name;
	q.from = o->from;
	q.to = o->to;
	q.days = o->days;
	q.as_of = o->as_of;
	q.period = o->period;
	q.by = o->by;
	q.key = o->key;
	q.manager = o->manager;
	q.customer = o->customer;
	q.warehouse = o->warehouse;
	q.category = o->category;
	rc = rp_print(c, &q, "pdf", &out, &why);
	client_close(c);
	if (rc != 0) {
		rc = cli_error(rc, "%s", why);
		free(why);
		return (rc);
	}
	*bytes = out.bytes;
	*len = out.len;
	out.bytes = NULL;
	rp_printout_free(&out);
	return (0);
}

/* Run o: to stdout, or into -o FILE and/or --mail ADDRESS. */
static int
report_go(const struct paths *p, struct rep_opts *o)
{
	const struct report_def	*rep = report_find(o->name);
	const char		*base, *ctype, *ext;
	char			*bytes, *why = NULL, *fname, *subj, *text;
	size_t			 len;
	int			 rc, pdf;

	if (strcmp(o->format, "text") != 0 && strcmp(o->format, "csv") != 0 &&
	    strcmp(o->format, "pdf") != 0)
		return (cli_usage(_(report_usage), 0));
	/* The file's name says its format, unless --format does. */
	if (o->out != NULL && !o->format_set)
		o->format = ends_with(o->out, ".csv") ? "csv" :
		    ends_with(o->out, ".pdf") ? "pdf" : "text";
	pdf = strcmp(o->format, "pdf") == 0;
	if (pdf && o->out == NULL && o->mail == NULL)
		return (cli_error(EX_USAGE, _("--format pdf: a PDF goes to a "
		    "file (-o FILE.pdf) or a message (--mail ADDRESS)")));
	if (pdf && o->raw)
		return (cli_error(EX_USAGE, _("--raw goes with --format csv")));
	if (o->out == NULL && o->mail == NULL)
		return (cli_report_opts(p, o->name, o->from, o->to, o->key,
		    o->by, o->period, o->as_of, o->format, o->raw, o->manager,
		    o->customer, o->warehouse, o->category, o->days));
	if (o->out != NULL && !pdf && ends_with(o->out, ".pdf"))
		return (cli_error(EX_USAGE, _("-o %s: a .pdf file gets a PDF: "
		    "leave out --format %s, or name the file otherwise"),
		    o->out, o->format));
	if (pdf)
		rc = report_pdf(p, o, &bytes, &len);
	else
		rc = report_captured(p, o, &bytes, &len);
	if (rc != 0)
		return (rc);
	if (o->out != NULL && (rc = cp_save_file(o->out, bytes, len,
	    &why)) != 0) {
		rc = cli_error(rc, "%s", why);
		free(why);
		free(bytes);
		return (rc);
	}
	if (o->mail != NULL) {
		if (pdf) {
			ext = "pdf";
			ctype = "application/pdf";
		} else if (strcmp(o->format, "csv") == 0) {
			ext = "csv";
			ctype = "text/csv";
		} else {
			ext = "txt";
			ctype = "text/plain";
		}
		if (o->out != NULL) {
			base = strrchr(o->out, '/');
			fname = xstrdup(base != NULL ? base + 1 : o->out);
		} else
			xasprintf(&fname, "%s.%s", o->name, ext);
		/* The saved report's name, else the report's. */
		xasprintf(&subj, _("kontor report: %s"), o->saved != NULL ?
		    o->saved : o->name);
		xasprintf(&text, _("The report %s is attached (%s).\n\n%s\n"),
		    o->name, fname, rep != NULL ? report_title(rep) : "");
		rc = mail_report(o->mail, subj, text, fname, ctype, bytes, len,
		    &why);
		free(subj);
		free(text);
		free(fname);
		if (rc != 0) {
			rc = cli_error(rc, "%s", why);
			free(why);
		}
	}
	free(bytes);
	return (rc);
}

/* Today as KONTOR_TODAY (YYYY-MM-DD) says, for tests and for running a
 * saved report as of another day; else the clock's. */
static int
report_today(void)
{
	const char	*s = getenv("KONTOR_TODAY");
	struct tm	 tm;
	int64_t		 d;
	char		*why = NULL;
	int		 rc;

	if (s == NULL || *s == '\0')
		return (0);
	if (date_parse(s, &d, &why) != 0) {
		rc = cli_error(EX_USAGE, "KONTOR_TODAY: %s", why); /* i18n: no */
		free(why);
		return (rc);
	}
	memset(&tm, 0, sizeof tm);
	tm.tm_year = (int)(d / 10000) - 1900;
	tm.tm_mon = (int)(d / 100 % 100) - 1;
	tm.tm_mday = (int)(d % 100);
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	value_set_now(mktime(&tm));
	return (0);
}

int
cmd_report(const struct paths *p, int argc, char **argv)
{
	struct rep_opts	 o, so;
	char		*report = NULL, *params = NULL, **av, *tok, *nl;
	size_t		 n;
	int		 rc, ac;

	if ((rc = report_today()) != 0)
		return (rc);
	memset(&o, 0, sizeof o);
	o.format = "text";
	if ((rc = report_parse(argc, argv, &o)) != 0) {
		buf_free(&o.params);
		return (rc == -1 ? 0 : rc);
	}
	if (o.list) {
		buf_free(&o.params);
		if (o.name != NULL)
			return (cli_usage(_(report_usage), 0));
		return (report_list(p));
	}
	if (o.drop != NULL) {
		buf_free(&o.params);
		return (saved_put(p, o.drop, NULL, NULL, 0, 1));
	}
	if (o.saved != NULL) {
		if (o.name != NULL || o.save != NULL || o.params.len > (o.
		    format_set ? strlen("--format\n") + strlen(o.format) + 1 :
		    0)) {
			buf_free(&o.params);
			return (cli_error(EX_USAGE, _("--saved takes its "
			    "parameters from what was saved: only -o, --mail "
			    "and --format go with it")));
		}
		buf_free(&o.params);
		if ((rc = saved_get(p, o.saved, &report, &params)) != 0)
			return (rc);
		/* Its parameters parsed as a command line again: a
		 * relative period counts from today. */
		av = xcalloc(3, sizeof *av);
		av[0] = (char *)"report";
		ac = 1;
		for (tok = params; tok != NULL && *tok != '\0'; tok = nl) {
			if ((nl = strchr(tok, '\n')) != NULL)
				*nl++ = '\0';
			av = xreallocarray(av, (size_t)ac + 3, sizeof *av);
			av[ac++] = tok;
			if (nl == NULL)
				break;
		}
		av[ac++] = report;
		av[ac] = NULL;
		memset(&so, 0, sizeof so);
		so.format = "text";
		rc = report_parse(ac, av, &so);
		buf_free(&so.params);
		if (rc == 0) {
			if (o.format_set) {
				so.format = o.format;
				so.format_set = 1;
			}
			so.raw = so.raw || o.raw;
			so.out = o.out;
			so.mail = o.mail;
			so.saved = o.saved;
			rc = report_find(so.name) == NULL ? cli_error(EX_DATAERR,
			    _("the saved report names no report '%s'"),
			    so.name) : report_go(p, &so);
		}
		free(av);
		free(report);
		free(params);
		return (rc == -1 ? EX_DATAERR : rc);
	}
	if (o.name == NULL) {
		buf_free(&o.params);
		return (cli_usage(_(report_usage), 0));
	}
	if (report_find(o.name) == NULL) {
		buf_free(&o.params);
		return (cli_error(EX_USAGE, _("no report '%s' (kontor report "
		    "--list)"), o.name));
	}
	if (o.save != NULL) {
		buf_addc(&o.params, '\0');
		n = strlen(o.params.data);
		if (n > 0 && o.params.data[n - 1] == '\n')
			o.params.data[n - 1] = '\0';
		rc = saved_put(p, o.save, o.name, o.params.data, o.shared, 0);
		buf_free(&o.params);
		if (rc == 0 && o.out == NULL && o.mail == NULL)
			fprintf(stderr, _("saved as %s\n"), o.save);
		if (rc != 0 || (o.out == NULL && o.mail == NULL))
			return (rc);
		return (report_go(p, &o));
	}
	buf_free(&o.params);
	return (report_go(p, &o));
}

int
cli_report(const struct paths *p, const char *name, int64_t from, int64_t to,
    const char *key, const char *format, int raw)
{
	return (cli_report_by(p, name, from, to, key, NULL, NULL, 0, format,
	    raw));
}

int
cli_report_by(const struct paths *p, const char *name, int64_t from,
    int64_t to, const char *key, const char *by, const char *period,
    int64_t as_of, const char *format, int raw)
{
	return (cli_report_opts(p, name, from, to, key, by, period, as_of,
	    format, raw, NULL, NULL, NULL, NULL, 0));
}

int
cli_report_opts(const struct paths *p, const char *name, int64_t from,
    int64_t to, const char *key, const char *by, const char *period,
    int64_t as_of, const char *format, int raw, const char *manager,
    const char *customer, const char *warehouse, const char *category,
    int64_t days)
{
	struct client		*c;
	struct client_reply	 r;
	struct msgb		 m;
	struct csv_out		*out = NULL;
	struct cli_rows		 ro;
	const msgpack_object	*lab;
	char			*why = NULL;
	int			 rc, gone = 0, skip = 0;

	if (raw && strcmp(format, "csv") != 0)
		return (cli_error(EX_USAGE, _("--raw goes with --format csv")));
	memset(&ro, 0, sizeof ro);
	ro.f = stdout;
	if ((rc = open_client(p, 0, &c)) != 0)
		return (rc);
	if (strcmp(format, "csv") == 0) {
		csv_out_open(stdout, NULL, &out, &why);
		if (raw)
			csv_out_raw(out);
	}
	ro.csv = out;
	client_req(c, &m, "report", 5 + (by != NULL) + (period != NULL) +
	    (as_of != 0) + (manager != NULL) + (customer != NULL) +
	    (warehouse != NULL) + (category != NULL) + (days != 0));
	if (manager != NULL)
		mb_kstr(&m, "manager", manager);
	if (customer != NULL)
		mb_kstr(&m, "customer", customer);
	if (warehouse != NULL)
		mb_kstr(&m, "warehouse", warehouse);
	if (category != NULL)
		mb_kstr(&m, "category", category);
	if (days != 0)
		mb_kint(&m, "days", days);
	mb_kstr(&m, "name", name);
	if (by != NULL)
		mb_kstr(&m, "by", by);
	if (period != NULL)
		mb_kstr(&m, "period", period);
	if (as_of != 0)
		mb_kint(&m, "as_of", as_of);
	mb_kint(&m, "from", from);
	mb_kint(&m, "to", to);
	mb_kstr(&m, "key", key);
	mb_kstr(&m, "format", format);
	rc = client_call(c, &m, &r);
	while (rc == 0) {
		if (r.more) {
			/* Text: the headings in the user's language, in
			 * place of the names that follow them (CSV's). */
			if ((lab = mobj_get(r.data, "labels")) != NULL) {
				if (out == NULL) {
					cli_rows_layout(&ro, mobj_get(r.data,
					    "layout"), mobj_get(r.data,
					    "kinds"));
					cli_rows_frame(lab, &ro);
				}
				skip = out == NULL;
			} else if (skip)
				skip = 0;
			else
				cli_rows_frame(r.data, &ro);
			if ((gone = cli_rows_flush(&ro)) != 0)
				break;
		}
		if (!r.more)
			break;
		client_reply_free(&r);
		rc = client_next(c, &r);
	}
	/* Text keeps its first rows to measure the columns. */
	if (rc == 0 && gone == 0)
		gone = cli_rows_end(&ro);
	if (rc != 0)
		rc = reply_error(&r);
	else {
		client_reply_free(&r);
		if (gone < 0)
			rc = cli_error(EX_IOERR, "%s", ro.cause);
	}
	free(ro.cause);
	cli_rows_free(&ro);
	csv_out_close(out);
	client_close(c);
	return (rc);
}
