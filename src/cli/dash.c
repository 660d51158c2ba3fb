/*
 * The dashboard on the command line: kontor dashboard [--csv] [--stock
 * TERM] [--today DATE] prints every figure the user's roles may see, one
 * (figure, key, value) a line, as the home screen shows them: for cron,
 * scripts and tests.  CSV columns: figure,key,value.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "cli/csv.h"
#include "client/client.h"
#include "client/dash.h"
#include "dict/value.h"
#include "i18n.h"
#include "xmalloc.h"

int
cmd_dashboard(const struct paths *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "csv", no_argument, NULL, 'c' },
		{ "stock", required_argument, NULL, 's' },
		{ "today", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*u = _("dashboard [--csv] [--stock SKU|BARCODE|NAME] "
			    "[--today DATE]");
	const char	*stock = NULL;
	struct client	*c;
	struct csv_out	*out = NULL;
	struct cdash	 d;
	int64_t		 today = 0;
	char		*cause = NULL, val[40], *key;
	size_t		 i;
	int		 ch, rc, csv = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "cs:t:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			csv = 1;
			break;
		case 's':
			stock = optarg;
			break;
		case 't':
			if (date_parse(optarg, &today, &cause) != 0) {
				rc = cli_error(EX_USAGE, _("--today: %s"), cause);
				free(cause);
				return (rc);
			}
			break;
		case 'h':
			return (cli_usage(u, 1));
		default:
			return (cli_usage(u, 0));
		}
	}
	if (optind != argc)
		return (cli_usage(u, 0));
	if ((rc = open_client(p, 0, &c)) != 0)
		return (rc);
	rc = cd_dashboard(c, NULL, stock, today, &d, &cause);
	client_close(c);
	if (rc != 0) {
		cli_error(rc, "%s", cause);
		free(cause);
		return (rc);
	}
	if (csv) {
		if (csv_out_open(stdout, NULL, &out, &cause) != 0) {
			rc = cli_error(EX_SOFTWARE, "%s", cause);
			free(cause);
			cd_dash_free(&d);
			return (rc);
		}
		/* The values are numbers: only the keys (names people
		 * typed) are neutralised. */
		csv_out_raw(out);
		csv_out_row(out, (const char *const []){ "figure", "key",
		    "value" }, 3, &cause);
	}
	if (d.sku != NULL) {
		if (csv) {
			char	*sku = csv_neutralise(d.sku);

			key = csv_neutralise(d.name != NULL ? d.name : "");
			csv_out_row(out, (const char *const []){ "product",
			    sku, key }, 3, &cause);
			free(sku);
			free(key);
		} else
			printf("%-16s %-20s %s\n", "product", d.sku,
			    d.name != NULL ? d.name : "");
	}
	for (i = 0; i < d.n; i++) {
		cd_dash_format(d.v[i].unit, d.v[i].value, val, sizeof val);
		if (d.v[i].unit == 'd')
			snprintf(val, sizeof val, "%s", d.v[i].key);
		if (csv) {
			key = csv_neutralise(d.v[i].key);
			csv_out_row(out, (const char *const []){ d.v[i].figure,
			    key, val }, 3, &cause);
			free(key);
		} else
			printf("%-16s %-20s %s\n", d.v[i].figure, d.v[i].key,
			    val);
	}
	free(cause);
	if (out != NULL)
		csv_out_close(out);
	cd_dash_free(&d);
	if (fflush(stdout) != 0 || ferror(stdout))
		return (cli_error(EX_IOERR, _("cannot write the output: %s"),
		    strerror(errno)));
	return (0);
}
