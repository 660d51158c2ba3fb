/*
 * Deals on the command line: kontor deal D-... --stage NAME [--reason
 * TEXT] moves a deal to a stage (its history and probability follow in
 * the server, in the save's transaction).  Deals are imported and
 * exported by the generic path (kontor import deals FILE).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "client/client.h"
#include "client/records.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "i18n.h"
#include "xmalloc.h"

/* The stages' names, in their order, for a message; caller frees. */
static char *
stage_names(struct client *c)
{
	const struct entity_def	*se = dict_entity("deal_stages");
	struct record		**rows;
	struct buf		 b = { 0 };
	size_t			 n, i;
	char			*cause = NULL;

	if (cr_scan(c, se, "position", NULL, 0, 1, 200, &rows, &n,
	    &cause) != 0) {
		free(cause);
		return (xstrdup(""));
	}
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i > 0 ? ", " : "",
		    record_str(rows[i], FX_CODE));
	buf_addc(&b, '\0');
	cr_rows_free(rows, n);
	return (buf_steal(&b));
}

int
cmd_deal(const struct paths *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "stage", required_argument, NULL, 's' },
		{ "reason", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char		*u = _("deal D-CODE --stage NAME [--reason TEXT]");
	const struct entity_def	*e = dict_entity("deals");
	const struct entity_def	*se = dict_entity("deal_stages");
	const char		*stage = NULL, *reason = NULL;
	struct client		*c;
	struct record		*d, *s, *from = NULL, *saved;
	char			*cause = NULL, *names;
	int64_t			 prob;
	int			 ch, rc, kind;

	while ((ch = getopt_long(argc, argv, "s:r:h", opts, NULL)) != -1) {
		switch (ch) {
		case 's':
			stage = optarg;
			break;
		case 'r':
			reason = optarg;
			break;
		case 'h':
			return (cli_usage(u, 1));
		default:
			return (cli_usage(u, 0));
		}
	}
	if (optind != argc - 1 || stage == NULL)
		return (cli_usage(u, 0));
	if (reason != NULL && *reason == '\0')
		return (cli_error(EX_USAGE, _("--reason: a text expected")));
	if ((rc = cli_text_opt("--reason", "deals", "lost_reason",
	    reason)) != 0)
		return (rc);
	if ((rc = open_client(p, 0, &c)) != 0)
		return (rc);
	if ((rc = cli_get_by_code(c, e, argv[optind], &d)) != 0) {
		client_close(c);
		return (rc);
	}
	if ((rc = cr_get(c, se, 0, stage, &s, &cause)) != 0) {
		free(cause);
		names = stage_names(c);
		rc = cli_error(EX_DATAERR, _("no deal stage \"%s\" (stages: "
		    "%s)"), stage, names);
		free(names);
		record_free(d);
		client_close(c);
		return (rc);
	}
	kind = strcmp(record_str(s, dict_field_pos(se, "kind")), "lost") == 0;
	if (record_int(d, dict_field_pos(e, "stage")) ==
	    (int64_t)record_id(s) && reason == NULL) {
		fprintf(stderr, _("kontor: %s is at stage \"%s\" already\n"),
		    record_str(d, FX_CODE), record_str(s, FX_CODE));
		goto out;
	}
	cr_get(c, se, (uint64_t)record_int(d, dict_field_pos(e, "stage")),
	    NULL, &from, &cause);
	free(cause);
	cause = NULL;
	record_set_int(d, dict_field_pos(e, "stage"), (int64_t)record_id(s));
	if (reason != NULL)
		record_set_str(d, dict_field_pos(e, "lost_reason"), reason);
	if ((rc = cr_put(c, d, &cause)) != 0) {
		/* The server names the field; the option that fills it is
		 * the command line's. */
		if (kind && reason == NULL && rc == EX_DATAERR)
			cli_error(rc, _("%s: %s (--reason TEXT)"),
			    record_str(d, FX_CODE), cause);
		else
			cli_error(rc, "%s: %s", record_str(d, FX_CODE), cause);
		free(cause);
		goto out;
	}
	/* The probability as the server set it. */
	if (cr_get(c, e, record_id(d), NULL, &saved, &cause) == 0) {
		record_free(d);
		d = saved;
	} else {
		free(cause);
		cause = NULL;
	}
	prob = record_int(d, dict_field_pos(e, "probability"));
	fprintf(stderr, _("kontor: %s: %s -> %s (%lld %%)\n"),
	    record_str(d, FX_CODE), from != NULL ? record_str(from, FX_CODE) :
	    "?", record_str(s, FX_CODE), (long long)prob);
out:
	record_free(from);
	record_free(s);
	record_free(d);
	client_close(c);
	return (rc);
}
