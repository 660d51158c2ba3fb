/*
 * The firm's own details on the command line: kontor company shows them,
 * kontor company --set FIELD=VALUE ... (an admin) enters or changes them.
 * They are one record of the company entity, code OWN, which every
 * printed document takes its seller from.
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
#include "dict/value.h"
#include "i18n.h"
#include "model/model.h"
#include "xmalloc.h"

#define COMPANY_USAGE	N_("company [--set FIELD=VALUE ...]")

/* A field --set may change: the person's, not the system's. */
static int
settable(const struct entity_def *e, int pos)
{
	return (pos > FX_CODE && !(e->fields[pos].flags &
	    (FF_SYSTEM | FF_RDONLY)));
}

static char *
field_names(const struct entity_def *e)
{
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i;

	for (i = 0; i < e->nfields; i++) {
		if (!settable(e, (int)i))
			continue;
		if (b.len > 0)
			buf_adds(&b, ", ");
		buf_adds(&b, e->fields[i].name);
	}
	return (buf_steal(&b));
}

/* The codes of the record's references (its default account). */
struct company_refs {
	int64_t	 id;
	char	*code;
};

static void
company_ref(void *arg, const char *entity, int64_t id, const char *code,
    const char *name, int named)
{
	struct company_refs	*cr = arg;

	(void)name;
	(void)named;
	if (strcmp(entity, "accounts") == 0 && id == cr->id) {
		free(cr->code);
		cr->code = xstrdup(code);
	}
}

static int
company_show(struct client *c, const struct entity_def *e)
{
	struct company_refs	 cr = { 0, NULL };
	struct record		*r, **rows = NULL;
	char			*cause = NULL, *v;
	size_t			 i, n = 0, w = 0;
	int			 rc, acc = dict_field_pos(e, "account");

	if ((rc = cr_get(c, e, 0, COMPANY_CODE, &r, &cause)) != 0) {
		if (rc == EX_NOINPUT)
			cli_error(rc, _("the company's details are not entered "
			    "yet: kontor company --set name=..."));
		else
			cli_error(rc, "%s", cause);
		free(cause);
		return (rc);
	}
	cr.id = record_int(r, acc);
	if (record_isset(r, acc) && cr_scan_refs(c, e, NULL, NULL,
	    record_id(r) - 1, 1, 1, company_ref, &cr, &rows, &n,
	    &cause) == 0)
		cr_rows_free(rows, n);
	free(cause);
	for (i = 0; i < e->nfields; i++)
		if (settable(e, (int)i) && utf8_len(_(e->fields[i].label)) > w)
			w = utf8_len(_(e->fields[i].label));
	for (i = 0; i < e->nfields; i++) {
		const struct field_def	*f = &e->fields[i];

		if (!settable(e, (int)i))
			continue;
		if (!record_isset(r, (int)i))
			v = xstrdup("");
		else if (f->type == FT_BOOL)
			v = xstrdup(record_int(r, (int)i) ? _("yes") : _("no"));
		else if ((int)i == acc && cr.code != NULL)
			v = xstrdup(cr.code);
		else
			v = value_format(f, &r->v[i]);
		if (*v == '\0')
			fputs(_(f->label), stdout);
		else {
			cli_heading(_(f->label), w);
			/* Escaped: data never reaches the terminal raw. */
			cli_escaped(v);
		}
		putchar('\n');
		free(v);
	}
	free(cr.code);
	record_free(r);
	return (0);
}

struct company_set {
	int		 pos;
	struct value	 v;
};

int
cmd_company(const struct paths *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "set", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const struct entity_def	*e = dict_entity("company");
	struct company_set	*set = NULL;
	struct client		*c;
	struct record		*r = NULL;
	size_t			 nset = 0, i;
	char			*cause = NULL, *eq, *names;
	int			 ch, pos, rc = 0;

	while ((ch = getopt_long(argc, argv, "+s:h", opts, NULL)) != -1) {
		switch (ch) {
		case 's':
			if ((eq = strchr(optarg, '=')) == NULL) {
				rc = cli_error(EX_USAGE, _("--set: FIELD=VALUE "
				    "expected, got '%s'"), optarg);
				goto out;
			}
			*eq = '\0';
			pos = dict_field_pos(e, optarg);
			if (pos < 0 || !settable(e, pos)) {
				names = field_names(e);
				rc = cli_error(EX_USAGE, _("--set: the "
				    "company's details have no field '%s' "
				    "(fields: %s)"), optarg, names);
				free(names);
				goto out;
			}
			set = xreallocarray(set, nset + 1, sizeof *set);
			set[nset].pos = pos;
			/* Checked here, where the message can name the
			 * field as typed; the server checks again. */
			if (value_parse(&e->fields[pos], eq + 1,
			    &set[nset].v, &cause) != 0) {
				rc = cli_error(EX_DATAERR, "%s: %s", optarg,
				    cause);
				free(cause);
				goto out;
			}
			nset++;
			break;
		case 'h':
			return (cli_usage(_(COMPANY_USAGE), 1));
		default:
			return (cli_usage(_(COMPANY_USAGE), 0));
		}
	}
	if (optind != argc) {
		rc = cli_usage(_(COMPANY_USAGE), 0);
		goto out;
	}
	if ((rc = open_client(p, 0, &c)) != 0)
		goto out;
	if (nset == 0) {
		rc = company_show(c, e);
		client_close(c);
		goto out;
	}
	rc = cr_get(c, e, 0, COMPANY_CODE, &r, &cause);
	if (rc == EX_NOINPUT) {
		/* None yet (a home older than the record): this makes it. */
		r = record_new(e);
		record_set_str(r, FX_CODE, COMPANY_CODE);
		rc = 0;
	}
	if (rc == 0) {
		free(cause);
		cause = NULL;
		for (i = 0; i < nset; i++)
			record_set_value(r, set[i].pos, &set[i].v);
		rc = cr_put(c, r, &cause);
	}
	if (rc != 0)
		cli_error(rc, "%s", cause);
	else
		fprintf(stderr, _("kontor: the company's details are "
		    "saved\n"));
	free(cause);
	record_free(r);
	client_close(c);
out:
	for (i = 0; i < nset; i++)
		value_free(&set[i].v);
	free(set);
	return (rc);
}
