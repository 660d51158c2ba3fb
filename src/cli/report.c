/*
 * Reports on the command line: kontor report NAME, and cli_report,
 * which kontor stock and reorder run too.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "cli/csv.h"
#include "client/client.h"
#include "dict/value.h"
#include "i18n.h"
#include "reports/reports.h"

int
cmd_report(const struct paths *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'F' },
		{ "sku", required_argument, NULL, 's' },
		{ "by", required_argument, NULL, 'b' },
		{ "period", required_argument, NULL, 'P' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "list", no_argument, NULL, 'l' },
		{ "raw", no_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char		*u = _("report NAME [--from DATE] [--to DATE] "
	    "[--sku SKU] [--by WHAT]\n"
	    "           [--period day|week|month] [--as-of DATE]\n"
	    "           [--format text|csv [--raw]]\n"
	    "       kontor report --list\n"
	    "  --raw: CSV cells as they are, for scripts; without it a cell a "
	    "spreadsheet\n"
	    "  would run as a formula (= + - @ first) gets a ' before it\n"
	    "  --as-of DATE (receivables, payables): as they stood at the "
	    "end of DATE:\n"
	    "  documents and payments dated after it left out, what was "
	    "settled since\n"
	    "  undone (a document paid since is open then)");
	const char		*format = "text", *key = NULL, *by = NULL;
	const char		*period = NULL;
	const struct report_def *const *d;
	int64_t			 from = 0, to = 0, asof = 0;
	char			*why = NULL;
	int			 ch, rc, list = 0, raw = 0;

	while ((ch = getopt_long(argc, argv, "f:t:F:s:b:P:a:lrh", opts,
	    NULL)) != -1) {
		switch (ch) {
		case 'a':
			if (date_parse(optarg, &asof, &why) != 0) {
				rc = cli_error(EX_USAGE, _("--as-of: %s"),
				    why);
				free(why);
				return (rc);
			}
			break;
		case 'r':
			raw = 1;
			break;
		case 's':
			key = optarg;
			break;
		case 'b':
			by = optarg;
			break;
		case 'P':
			period = optarg;
			break;
		case 'f':
		case 't':
			if (date_parse(optarg, ch == 'f' ? &from : &to,
			    &why) != 0) {
				rc = cli_error(EX_USAGE,	/* i18n: no */
				    "--%s: %s", ch == 'f' ? "from" : "to", why);
				free(why);
				return (rc);
			}
			break;
		case 'F':
			format = optarg;
			break;
		case 'l':
			list = 1;
			break;
		case 'h':
			return (cli_usage(u, 1));
		default:
			return (cli_usage(u, 0));
		}
	}
	if (list) {
		if (optind != argc)
			return (cli_usage(u, 0));
		for (d = report_table; *d != NULL; d++)
			printf("%-22s %s\n", (*d)->name, report_title(*d));
		return (0);
	}
	if (optind != argc - 1 || (strcmp(format, "text") != 0 &&
	    strcmp(format, "csv") != 0))
		return (cli_usage(u, 0));
	if (report_find(argv[optind]) == NULL)
		return (cli_error(EX_USAGE, _("no report '%s' (kontor report "
		    "--list)"), argv[optind]));
	return (cli_report_by(p, argv[optind], from, to, key, by, period,
	    asof, format, raw));
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
	    (as_of != 0));
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
					    "layout"));
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
