/*
 * Production on the command line: kontor produce MO --quantity N
 * [--consume SKU:QTY ...] [--reason TEXT]; post (release), close and
 * cancel of MO-... (reached from those verbs by the number's prefix);
 * and kontor import boms FILE, one row per component.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "client/client.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "xmalloc.h"

int
cli_is_production_code(const char *code)
{
	return (strncasecmp(code, "MO-", 3) == 0);
}

static char *
upper(const char *s)
{
	char	*u = xstrdup(s), *c;

	for (c = u; *c != '\0'; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	return (u);
}

static const char *
qfmt(int64_t q, char *buf, size_t len)
{
	qty_format(q, buf, len);
	return (buf);
}

static const char *
mfmt(int64_t m, char *buf, size_t len)
{
	money_format(m, buf, len, 1);
	return (buf);
}

/* What a typed consumption says. */
struct consumed {
	char	*sku;
	int64_t	 qty;
};

/* What a done action says, in the user's language. */
static void
done(const char *action, const char *code, const msgpack_object *d)
{
	char	*st = mobj_strdup(d, "status"), *kind = mobj_strdup(d, "kind");
	char	*moc, a[32], b[32], c[32], e[32], f[32];
	int64_t	 labour, variance;
	int	 dis = kind != NULL && strcmp(kind, "disassemble") == 0;

	if (strcmp(action, "release") == 0)
		fprintf(stderr, dis ? _("kontor: %s released: the product to "
		    "take apart is reserved\n") : _("kontor: %s released: its "
		    "components are reserved\n"), code);
	else if (strcmp(action, "close") == 0)
		fprintf(stderr, _("kontor: %s closed: what it held is "
		    "released\n"), code);
	else if (strcmp(action, "cancel") == 0)
		fprintf(stderr, _("kontor: %s cancelled\n"), code);
	else {
		moc = mobj_strdup(d, "completion");
		/* The completion's number alone on stdout, for a script. */
		printf("%s\n", moc != NULL ? moc : "");
		qfmt(mobj_int(d, "done", 0), a, sizeof a);
		qfmt(mobj_int(d, "made", 0), b, sizeof b);
		qfmt(mobj_int(d, "qty", 0), c, sizeof c);
		labour = mobj_int(d, "labour", 0);
		mfmt(mobj_int(d, "cost", 0) + labour, e, sizeof e);
		mfmt(labour, f, sizeof f);
		variance = mobj_int(d, "variance", 0);
		fprintf(stderr, dis ? _("kontor: %s: %s taken apart, %s of %s "
		    "in all (%s); value %s, labour %s\n") : _("kontor: %s: %s "
		    "made, %s of %s in all (%s); value %s, labour %s\n"), code,
		    a, b, c, dict_enum_word(st != NULL ? st : "?"), e, f);
		if (variance != 0)
			fprintf(stderr, _("kontor: %s: variance from the BOM "
			    "%s\n"), code, mfmt(variance, a, sizeof a));
		free(moc);
	}
	free(st);
	free(kind);
}

static int
prod_action(const struct paths *p, const char *action, const char *code,
    int64_t qty, const struct consumed *cs, size_t ncs, const char *reason)
{
	struct client		*c;
	struct client_reply	 r;
	struct msgb		 m;
	char			*u;
	size_t			 i;
	int			 rc;

	if ((rc = open_client(p, 0, &c)) != 0)
		return (rc);
	u = upper(code);
	client_req(c, &m, "production", 5);
	mb_kstr(&m, "action", action);
	mb_kstr(&m, "code", u);
	mb_kint(&m, "qty", qty);
	mb_kstr(&m, "reason", reason);
	mb_str(&m, "consume");
	mb_array(&m, ncs);
	for (i = 0; i < ncs; i++) {
		mb_map(&m, 2);
		mb_kstr(&m, "sku", cs[i].sku);
		mb_kint(&m, "qty", cs[i].qty);
	}
	if ((rc = client_call(c, &m, &r)) != 0) {
		rc = r.rc;
		cli_error(rc, "%s", r.err ? r.err : _("refused"));
	} else
		done(action, u, r.data);
	client_reply_free(&r);
	free(u);
	cli_close_client(c);
	return (rc);
}

int
cli_production(const struct paths *p, const char *action, const char *code)
{
	return (prod_action(p, action, code, 0, NULL, 0, NULL));
}

/* kontor produce MO --quantity N [--consume SKU:QTY ...] [--reason T] */
int
cmd_produce(const struct paths *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "quantity", required_argument, NULL, 'q' },
		{ "consume", required_argument, NULL, 'c' },
		{ "reason", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*u = _("produce MO-CODE --quantity N [--consume SKU:QTY "
	    "...]\n"
	    "  [--reason TEXT]\n"
	    "  --consume: what was actually used of a component (repeat for "
	    "each),\n"
	    "  instead of what the BOM says; --reason is then required");
	const struct field_def	*qf = dict_field(dict_entity(
	    "production_orders"), "qty");
	struct consumed	*cs = NULL;
	const char	*qtext = NULL, *reason = NULL;
	struct value	 v;
	char		*why = NULL, *colon;
	size_t		 ncs = 0, i;
	int		 ch, rc;

	while ((ch = getopt_long(argc, argv, "q:c:r:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'q':
			qtext = optarg;
			break;
		case 'c':
			if ((colon = strrchr(optarg, ':')) == NULL ||
			    colon == optarg) {
				rc = cli_error(EX_USAGE, _("--consume: SKU:QTY "
				    "expected, got '%s'"), optarg);
				goto out;
			}
			if (value_parse(qf, colon + 1, &v, &why) != 0 ||
			    !v.set) {
				rc = cli_error(EX_USAGE, _("--consume %s: %s"),
				    optarg, why != NULL ? why :
				    _("a quantity is required"));
				free(why);
				goto out;
			}
			if (v.i < 0) {
				rc = cli_error(EX_USAGE, _("--consume %s: not "
				    "negative expected"), optarg);
				goto out;
			}
			cs = xreallocarray(cs, ncs + 1, sizeof *cs);
			cs[ncs].sku = xstrndup(optarg, (size_t)(colon -
			    optarg));
			cs[ncs++].qty = v.i;
			break;
		case 'r':
			reason = optarg;
			break;
		case 'h':
			rc = cli_usage(u, 1);
			goto out;
		default:
			rc = cli_usage(u, 0);
			goto out;
		}
	}
	if (optind != argc - 1 || qtext == NULL) {
		rc = cli_usage(u, 0);
		goto out;
	}
	if (!cli_is_production_code(argv[optind])) {
		rc = cli_error(EX_USAGE, _("%s: a production order number "
		    "(MO-...) expected"), argv[optind]);
		goto out;
	}
	if (value_parse(qf, qtext, &v, &why) != 0) {
		rc = cli_error(EX_USAGE, _("--quantity: %s"), why);
		free(why);
		goto out;
	}
	if (!v.set || v.i <= 0) {
		rc = cli_error(EX_USAGE, _("--quantity: more than 0 "
		    "expected"));
		goto out;
	}
	if (ncs > 0 && (reason == NULL || *reason == '\0')) {
		rc = cli_error(EX_USAGE, _("--consume: a --reason is required "
		    "when what was used differs from the BOM"));
		goto out;
	}
	if ((rc = cli_text_opt("--reason", "mo_completions", "reason",
	    reason)) != 0)
		goto out;
	rc = prod_action(p, "produce", argv[optind], v.i, cs, ncs, reason);
out:
	for (i = 0; i < ncs; i++)
		free(cs[i].sku);
	free(cs);
	return (rc);
}

/* --- kontor import boms FILE ------------------------------------------- */

/* The file goes to the server whole: its header and its rows, which the
 * server reads, checks and saves in one transaction. */
struct bom_import {
	const char	*path;
	int		 begun;
	struct msgb	 header;
	struct msgb	 rows;
	size_t		 n;
};

static int
bom_row(long line, char **cells, size_t n, void *arg)
{
	struct bom_import	*bi = arg;
	size_t			 i;

	if (!bi->begun) {
		mb_init(&bi->header);
		mb_init(&bi->rows);
		mb_array(&bi->header, n);
		for (i = 0; i < n; i++)
			mb_str(&bi->header, cells[i]);
		bi->begun = 1;
		return (0);
	}
	mb_array(&bi->rows, 2);
	mb_int(&bi->rows, line);
	mb_array(&bi->rows, n);
	for (i = 0; i < n; i++)
		mb_str(&bi->rows, cells[i]);
	bi->n++;
	return (0);
}

int
cli_import_boms(const struct paths *p, const char *path,
    const char *encoding, int dry_run)
{
	struct bom_import	 bi;
	struct client		*c;
	struct client_reply	 r;
	struct msgb		 m;
	struct stat		 sb;
	long long		 nb, nr;
	int64_t			 line;
	char			*err, rows[48];
	int			 rc;

	memset(&bi, 0, sizeof bi);
	bi.path = path;
	if (strcmp(path, "-") != 0 && stat(path, &sb) != 0)
		return (cli_error(EX_NOINPUT, "%s: %s", path,
		    strerror(errno)));
	if ((rc = cli_csv_import(path, encoding, bom_row, &bi, &bi.begun)) !=
	    0)
		goto out;
	if ((rc = open_client(p, 0, &c)) != 0)
		goto out;
	client_req(c, &m, "production", 4);
	mb_kstr(&m, "action", "import_boms");
	mb_kbool(&m, "dry_run", dry_run);
	mb_str(&m, "header");
	msgpack_sbuffer_write(&m.sb, bi.header.sb.data, bi.header.sb.size);
	mb_str(&m, "rows");
	mb_array(&m, bi.n);
	msgpack_sbuffer_write(&m.sb, bi.rows.sb.data, bi.rows.sb.size);
	if (client_call(c, &m, &r) != 0) {
		rc = r.rc;
		line = r.data != NULL ? mobj_int(r.data, "line", 0) : 0;
		err = text_escape(r.err ? r.err : _("refused"), CLI_ERROR_MAX);
		if (line > 0)
			fprintf(stderr, "%s:%lld: %s\n",	/* i18n: no */
			    path, (long long)line, err);
		else
			fprintf(stderr, "kontor: %s: %s\n",	/* i18n: no */
			    path, err);
		free(err);
	} else {
		nb = mobj_int(r.data, "boms", 0);
		nr = mobj_int(r.data, "rows", 0);
		/* Two counts, each with its own plural. */
		snprintf(rows, sizeof rows, P_("%lld row", "%lld rows", nr),
		    nr);
		if (dry_run)
			fprintf(stderr, P_("kontor: dry run: nothing was saved; "
			    "%lld BOM (%s) is valid\n", "kontor: dry run: "
			    "nothing was saved; %lld BOMs (%s) are valid\n",
			    nb), nb, rows);
		else
			fprintf(stderr, P_("kontor: imported %lld BOM (%s)\n",
			    "kontor: imported %lld BOMs (%s)\n", nb), nb,
			    rows);
	}
	client_reply_free(&r);
	client_close(c);
out:
	if (bi.begun) {
		mb_free(&bi.header);
		mb_free(&bi.rows);
	}
	return (rc);
}
