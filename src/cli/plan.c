/*
 * Material planning on the command line: kontor plan [--horizon DAYS]
 * [--apply] [--csv]: the proposals to make and to buy (plan.h), and with
 * --apply the drafts they make, one transaction in the server.
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
#include "dict/dict.h"
#include "dict/value.h"
#include "i18n.h"
#include "width.h"
#include "xmalloc.h"

#define NCOLS		11
#define NAME_WIDTH	28

/* A cell padded to width columns (numbers to the right). */
static void
cell(const char *s, int width, int right, int last)
{
	int	 w = width_str(s);

	if (right)
		printf("%*s%s", width > w ? width - w : 0, "", s);
	else if (last)
		fputs(s, stdout);
	else
		printf("%s%*s", s, width > w ? width - w : 0, "");
	fputs(last ? "\n" : "  ", stdout);
}

static char *
for_text(const msgpack_object *l, int csv)
{
	char	*codes = mobj_strdup(l, "for"), *s;
	int	 min = mobj_int(l, "min", 0) != 0;

	if (codes == NULL)
		codes = xstrdup("");
	if (!min)
		return (codes);
	/* "min stock" is the CSV's word; people read theirs. */
	xasprintf(&s, "%s%s%s", codes, *codes ? ", " : "",
	    csv ? "min stock" : _("min stock"));	/* i18n: no */
	free(codes);
	return (s);
}

static int
print_csv(const msgpack_object *lines)
{
	static const char *const head[] = { "action", "sku", "quantity",
	    "need_date", "start_date", "supplier", "unit_price", "for",
	    "late" };
	struct csv_out	*o;
	const char	*row[9];
	char		 q[32], nd[16], sd[16], pr[32], *cause = NULL, *f;
	char		*act, *sku, *sup;
	uint32_t	 i;
	int		 rc = 0;

	if (csv_out_open(stdout, NULL, &o, &cause) != 0) {
		cli_error(EX_SOFTWARE, "%s", cause);
		free(cause);
		return (EX_SOFTWARE);
	}
	csv_out_raw(o);
	if (csv_out_row(o, head, 9, &cause) != 0)
		rc = EX_IOERR;
	for (i = 0; rc == 0 && i < lines->via.array.size; i++) {
		const msgpack_object	*l = &lines->via.array.ptr[i];

		act = mobj_strdup(l, "action");
		sku = mobj_strdup(l, "sku");
		sup = mobj_strdup(l, "supplier");
		f = for_text(l, 1);
		qty_format(mobj_int(l, "qty", 0), q, sizeof q);
		date_format(mobj_int(l, "need", 0), nd, sizeof nd);
		date_format(mobj_int(l, "start", 0), sd, sizeof sd);
		if (act != NULL && strcmp(act, "buy") == 0)
			money_format(mobj_int(l, "price", 0), pr, sizeof pr,
			    0);
		else
			pr[0] = '\0';
		row[0] = act != NULL ? act : "";
		row[1] = sku != NULL ? sku : "";
		row[2] = q;
		row[3] = nd;
		row[4] = sd;
		row[5] = sup != NULL ? sup : "";
		row[6] = pr;
		row[7] = f;
		row[8] = mobj_int(l, "late", 0) ? "yes" : "no";
		if (csv_out_row(o, row, 9, &cause) != 0)
			rc = EX_IOERR;
		free(act);
		free(sku);
		free(sup);
		free(f);
	}
	if (csv_out_close(o) != 0 && rc == 0)
		rc = EX_IOERR;
	if (rc != 0) {
		cli_error(rc, "%s", cause != NULL ? cause :
		    _("cannot write the output"));
		free(cause);
	}
	return (rc);
}

static void
print_table(const msgpack_object *d)
{
	const msgpack_object	*lines = mobj_get(d, "lines");
	const char		*head[NCOLS] = {
		_("Action"), _("SKU"), _("Name"), _("Quantity"), _("Unit"),
		_("Need by"), _("Start/order"), _("Supplier"), _("Price"),
		_("Late"), _("For")
	};
	static const int	 right[NCOLS] = { 0, 0, 0, 1, 0, 0, 0, 0, 1, 0,
				    0 };
	char			*(*rows)[NCOLS];
	char			 b[64], *s, *act, *unit;
	int			 width[NCOLS], w;
	uint32_t		 n, i;
	size_t			 j;

	n = lines != NULL && lines->type == MSGPACK_OBJECT_ARRAY ?
	    lines->via.array.size : 0;
	if (n == 0) {
		fprintf(stderr, _("kontor: nothing to propose: the orders, "
		    "stock and minimums are covered\n"));
		return;
	}
	rows = xcalloc(n, sizeof *rows);
	for (j = 0; j < NCOLS; j++)
		width[j] = width_str(head[j]);
	for (i = 0; i < n; i++) {
		const msgpack_object	*l = &lines->via.array.ptr[i];

		act = mobj_strdup(l, "action");
		rows[i][0] = xstrdup(dict_enum_word(act != NULL &&
		    strcmp(act, "buy") == 0 ? NC_("enum", "buy") :
		    NC_("enum", "make")));
		rows[i][1] = mobj_strdup(l, "sku");
		s = mobj_strdup(l, "name");
		if (s != NULL && width_str(s) > NAME_WIDTH)
			s[width_fit(s, NAME_WIDTH)] = '\0';
		rows[i][2] = s;
		qty_format(mobj_int(l, "qty", 0), b, sizeof b);
		rows[i][3] = xstrdup(b);
		unit = mobj_strdup(l, "unit");
		rows[i][4] = xstrdup(dict_enum_word(unit != NULL ? unit :
		    ""));
		free(unit);
		date_format(mobj_int(l, "need", 0), b, sizeof b);
		rows[i][5] = xstrdup(b);
		date_format(mobj_int(l, "start", 0), b, sizeof b);
		rows[i][6] = xstrdup(b);
		rows[i][7] = mobj_strdup(l, "supplier");
		if (act != NULL && strcmp(act, "buy") == 0)
			money_format(mobj_int(l, "price", 0), b, sizeof b, 1);
		else
			b[0] = '\0';
		rows[i][8] = xstrdup(b);
		rows[i][9] = xstrdup(mobj_int(l, "late", 0) ? _("late") : "");
		rows[i][10] = for_text(l, 0);
		free(act);
		for (j = 0; j < NCOLS; j++) {
			if (rows[i][j] == NULL)
				rows[i][j] = xstrdup("");
			if ((w = width_str(rows[i][j])) > width[j])
				width[j] = w;
		}
	}
	for (j = 0; j < NCOLS; j++)
		cell(head[j], width[j], right[j], j == NCOLS - 1);
	for (i = 0; i < n; i++)
		for (j = 0; j < NCOLS; j++) {
			cell(rows[i][j], width[j], right[j], j == NCOLS - 1);
			free(rows[i][j]);
		}
	free(rows);
}

int
cmd_plan(const struct paths *p, int argc, char **argv)
{
	const char		*u = _("plan [--horizon DAYS] [--apply] [--csv]");
	struct option		 opts[] = {
		{ "horizon", required_argument, NULL, 'H' },
		{ "apply", no_argument, NULL, 'a' },
		{ "csv", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const msgpack_object	*made;
	struct client		*c;
	struct client_reply	 r;
	struct msgb		 m;
	long			 horizon = 14;
	int64_t			 skipped;
	char			*end;
	uint32_t		 i;
	int			 ch, apply = 0, csv = 0, rc;

	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'H':
			horizon = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || horizon < 1 ||
			    horizon > 3660)
				return (cli_error(EX_USAGE, _("--horizon: from "
				    "1 to 3660 days expected, got '%s'"),
				    optarg));
			break;
		case 'a':
			apply = 1;
			break;
		case 'c':
			csv = 1;
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
	client_req(c, &m, "plan", 2);
	mb_kint(&m, "horizon", horizon);
	mb_kbool(&m, "apply", apply);
	if (client_call(c, &m, &r) != 0) {
		rc = reply_error(&r);
		client_close(c);
		return (rc);
	}
	if (apply) {
		/* The numbers made, one a line, for a script; what is left
		 * to propose (nothing, once the drafts count) is not
		 * printed. */
		made = mobj_get(r.data, "made");
		for (i = 0; made != NULL && made->type ==
		    MSGPACK_OBJECT_ARRAY && i < made->via.array.size; i++) {
			const msgpack_object	*o = &made->via.array.ptr[i];

			if (o->type == MSGPACK_OBJECT_STR)
				printf("%.*s\n", (int)o->via.str.size,
				    o->via.str.ptr);
		}
		fprintf(stderr, P_("kontor: %u draft made\n",
		    "kontor: %u drafts made\n", made != NULL ?
		    made->via.array.size : 0), made != NULL ?
		    made->via.array.size : 0);
		skipped = mobj_int(r.data, "skipped", 0);
		if (skipped > 0)
			fprintf(stderr, P_("kontor: %lld proposal to buy "
			    "left out: its product has no default supplier\n",
			    "kontor: %lld proposals to buy left out: their "
			    "products have no default supplier\n",
			    (unsigned long)skipped), (long long)skipped);
	} else if (csv) {
		const msgpack_object	*lines = mobj_get(r.data, "lines");
		msgpack_object		 none;

		memset(&none, 0, sizeof none);
		none.type = MSGPACK_OBJECT_ARRAY;
		rc = print_csv(lines != NULL && lines->type ==
		    MSGPACK_OBJECT_ARRAY ? lines : &none);
	} else
		print_table(r.data);
	client_reply_free(&r);
	client_close(c);
	return (rc);
}
