/*
 * Sales documents on the command line: kontor post SO-/SHP-/RET-/QT-
 * (confirm, post, post, send), ship SO, cancel SO, close SO and return
 * SHP --sku SKU --quantity N [--lot LOT] [--draft].
 */
#include "config.h"

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

static char *
upper(const char *s)
{
	char	*u = xstrdup(s), *c;

	for (c = u; *c != '\0'; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	return (u);
}

int
cli_is_sales_code(const char *code)
{
	static const char *const prefixes[] = { "QT-", "SO-", "SHP-", "RET-",
	    "INV-" };
	size_t	 i;

	for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
		if (strncasecmp(code, prefixes[i], strlen(prefixes[i])) == 0)
			return (1);
	return (0);
}

/* What a done action says, in the user's language. */
static void
done(const char *action, const char *code, const char *status,
    const char *made, const char *base)
{
	if (strcmp(action, "ship") == 0 && strcmp(status, "posted") == 0) {
		printf("%s\n", made);	/* the number, for a script */
		fprintf(stderr, _("kontor: shipment %s of what is left of %s "
		    "posted\n"), made, base);
	} else if (strcmp(action, "ship") == 0) {
		printf("%s\n", made);	/* the number, for a script */
		fprintf(stderr, _("kontor: shipment draft %s of what is left "
		    "of %s\n"), made, base);
	} else if (strcmp(action, "return") == 0) {
		printf("%s\n", made);
		if (strcmp(status, "draft") == 0)
			fprintf(stderr, _("kontor: return draft %s against "
			    "%s\n"), made, base);
		else
			fprintf(stderr, _("kontor: return %s posted against "
			    "%s\n"), made, base);
	} else if (strcmp(action, "order") == 0) {
		printf("%s\n", made);
		fprintf(stderr, _("kontor: order draft %s of %s\n"), made,
		    base);
	} else if (strcmp(status, "confirmed") == 0)
		fprintf(stderr, _("kontor: %s confirmed: its lines are "
		    "reserved\n"), code);
	else if (strcmp(status, "cancelled") == 0)
		fprintf(stderr, _("kontor: %s cancelled\n"), code);
	else if (strcmp(status, "closed") == 0)
		fprintf(stderr, _("kontor: %s closed: what it held is "
		    "released\n"), code);
	else if (strcmp(status, "posted") == 0)
		fprintf(stderr, _("kontor: %s posted\n"), code);
	else
		fprintf(stderr, _("kontor: %s is %s\n"), code,
		    dict_enum_word(status));
}

/* What a return names besides its shipment. */
struct ret_args {
	const char	*sku, *lot, *reason;
	int64_t		 qty;
	int		 draft;
};

/* sales_action's over: past the order (1), past credit control (2),
 * posted at once (4: ship --post). */
#define SA_POST	0x4

/* Run action on the document numbered code; ra: a return's product,
 * quantity (> 0) and lot (NULL for any other action). */
static int
sales_action(const struct paths *p, const char *action, const char *code,
    int over, const struct ret_args *ra)
{
	static const struct ret_args none;
	struct client		*c;
	struct client_reply	 r;
	struct msgb		 m;
	char			*u, *got, *st;
	int64_t			 line;
	int			 rc;

	if ((rc = open_client(p, 0, &c)) != 0)
		return (rc);
	if (ra == NULL)
		ra = &none;
	u = upper(code);
	client_req(c, &m, "sales", 10);
	mb_kstr(&m, "action", action);
	mb_kstr(&m, "code", u);
	mb_kbool(&m, "over", over & 1);
	mb_kbool(&m, "override", (over & 2) != 0);
	mb_kbool(&m, "post", (over & SA_POST) != 0);
	mb_kstr(&m, "sku", ra->sku);
	mb_kint(&m, "qty", ra->qty);
	mb_kstr(&m, "lot", ra->lot);
	mb_kbool(&m, "draft", ra->draft);
	mb_kstr(&m, "reason", ra->reason);
	if ((rc = client_call(c, &m, &r)) != 0) {
		line = r.data != NULL ? mobj_int(r.data, "line", 0) : 0;
		rc = r.rc;
		if (line > 0)
			cli_error(rc, _("%s: line %lld: %s"), u,
			    (long long)line, r.err ? r.err : _("refused"));
		else
			cli_error(rc, "%s", r.err ? r.err : _("refused"));
	} else {
		got = mobj_strdup(r.data, "code");
		st = mobj_strdup(r.data, "status");
		done(action, u, st != NULL ? st : "", got != NULL ? got : "?",
		    u);
		free(got);
		free(st);
	}
	client_reply_free(&r);
	free(u);
	cli_close_client(c);
	return (rc);
}

int
cli_sales_post(const struct paths *p, const char *code, int over,
    int override)
{
	return (sales_action(p, "post", code, over | (override ? 2 : 0), NULL));
}

int
cli_sales_close(const struct paths *p, const char *code)
{
	return (sales_action(p, "close", code, 0, NULL));
}

int
cli_sales_reverse(const struct paths *p, const char *code)
{
	return (sales_action(p, "reverse", code, 0, NULL));
}

/* kontor ship SO [--post], kontor cancel SO */
int
cmd_sales(const struct paths *p, int argc, char **argv)
{
	const char	*format = "text";
	int		 ship = strcmp(argv[0], "ship") == 0, post = 0, rc;

	/* ship --post: shipped and posted in one transaction. */
	if ((rc = cli_one_arg(argc, argv, ship ? _("ship SO-CODE [--post]") :
	    _("cancel SO-CODE|INV-CODE|PAY-CODE|MO-CODE|DOC-CODE"), &format,
	    &post, ship ? "post" : NULL)) != 0)
		return (rc > 0 ? rc : 0);
	if (strcmp(argv[0], "cancel") == 0 &&
	    strncasecmp(argv[optind], "PAY-", 4) == 0)
		return (cli_pay_cancel(p, argv[optind]));
	if (strcmp(argv[0], "cancel") == 0 &&
	    cli_is_production_code(argv[optind]))
		return (cli_production(p, "cancel", argv[optind]));
	if (strcmp(argv[0], "cancel") == 0 &&
	    strncasecmp(argv[optind], "INV-", 4) == 0)
		return (sales_action(p, "cancel", argv[optind], 0, NULL));
	/* A stock document's draft (RCP-, ISS-, CNT-...): deleted, as
	 * nothing of it was ever posted. */
	if (strcmp(argv[0], "cancel") == 0 &&
	    !cli_is_sales_code(argv[optind]) &&
	    strncasecmp(argv[optind], "PO-", 3) != 0)
		return (cli_doc_cancel(p, argv[optind]));
	if (strncasecmp(argv[optind], "SO-", 3) != 0)
		return (cli_error(EX_USAGE, ship ? _("%s: a sales order "
		    "number (SO-...) expected") : _("%s: cancel takes an "
		    "order (SO-), an invoice (INV-), a payment (PAY-), a "
		    "production order (MO-) or a draft stock document; a "
		    "purchase order is closed (kontor close)"),
		    argv[optind]));
	return (sales_action(p, argv[0], argv[optind], post ? SA_POST : 0,
	    NULL));
}

/* kontor return SHP --sku SKU --quantity N [--lot LOT] [--draft]
 * [--reason TEXT] */
int
cmd_return(const struct paths *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "sku", required_argument, NULL, 's' },
		{ "quantity", required_argument, NULL, 'q' },
		{ "lot", required_argument, NULL, 'l' },
		{ "draft", no_argument, NULL, 'd' },
		{ "reason", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*u = _("return SHP-CODE --sku SKU --quantity N "
	    "[--lot LOT] [--draft] [--reason TEXT]");
	const char	*qtext = NULL;
	struct ret_args	 ra;
	struct value	 v;
	char		*why = NULL;
	int		 ch, rc;

	memset(&ra, 0, sizeof ra);
	while ((ch = getopt_long(argc, argv, "s:q:l:dr:h", opts, NULL)) !=
	    -1) {
		switch (ch) {
		case 's':
			ra.sku = optarg;
			break;
		case 'q':
			qtext = optarg;
			break;
		case 'l':
			ra.lot = optarg;
			break;
		case 'd':
			ra.draft = 1;
			break;
		case 'r':
			ra.reason = optarg;
			break;
		case 'h':
			return (cli_usage(u, 1));
		default:
			return (cli_usage(u, 0));
		}
	}
	if (optind != argc - 1 || ra.sku == NULL || qtext == NULL)
		return (cli_usage(u, 0));
	if (strncasecmp(argv[optind], "SHP-", 4) != 0)
		return (cli_error(EX_USAGE, _("%s: a shipment number (SHP-...) "
		    "expected"), argv[optind]));
	if (value_parse(dict_field(dict_entity("return_lines"), "qty"), qtext,
	    &v, &why) != 0) {
		rc = cli_error(EX_USAGE, _("--quantity: %s"), why);
		free(why);
		return (rc);
	}
	if (v.i <= 0)
		return (cli_error(EX_USAGE, _("--quantity: more than 0 "
		    "expected")));
	ra.qty = v.i;
	if ((rc = cli_text_opt("--reason", "customer_returns", "reason",
	    ra.reason)) != 0)
		return (rc);
	if (ra.lot != NULL) {
		/* As the column takes it: trimmed, within its width. */
		if (value_parse(dict_field(dict_entity("return_lines"), "lot"),
		    ra.lot, &v, &why) != 0) {
			rc = cli_error(EX_USAGE, _("--lot: %s"), why);
			free(why);
			return (rc);
		}
		ra.lot = v.s;
	}
	rc = sales_action(p, "return", argv[optind], 0, &ra);
	if (ra.lot != NULL)
		value_free(&v);
	return (rc);
}
