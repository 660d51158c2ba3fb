/*
 * Documents on the command line: kontor post DOC, reverse DOC, and
 * receive and close PO.
 */
#include "config.h"

#include <getopt.h>
#include <strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "client/client.h"
#include "dict/dict.h"
#include "i18n.h"
#include "xmalloc.h"

/* A document number as stored: upper case. */
static char *
doc_code(const char *s)
{
	char	*u = xstrdup(s), *c;

	for (c = u; *c != '\0'; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	return (u);
}

/* A document's entity by its number: PO-... is a purchase order. */
static const char *
doc_entity(const char *code)
{
	return (strncmp(code, "PO-", 3) == 0 || strncmp(code, "po-", 3) == 0 ?
	    "purchase_orders" : "stock_docs");
}

/* What a done action says (post, reverse), in the user's language; the
 * status the document is left in, when it says more. */
static void
doc_done(const char *action, const char *code, const char *by,
    const char *status)
{
	int	 post = strcmp(action, "post") == 0;

	if (strcmp(action, "delete") == 0) {
		fprintf(stderr, _("kontor: draft %s deleted\n"), code);
		return;
	}
	/* The status as its enum's label ("sent": "отправлен"). */
	status = dict_enum_word(status);	/* i18n: no */
	if (by != NULL)
		fprintf(stderr, post ? _("kontor: %s posted by %s\n") :
		    _("kontor: %s reversed by %s\n"), code, by);
	else if (status == NULL)
		fprintf(stderr, post ? _("kontor: %s posted\n") :
		    _("kontor: %s reversed\n"), code);
	else
		fprintf(stderr, post ? _("kontor: %s posted (%s)\n") :
		    _("kontor: %s reversed (%s)\n"), code, status);
}

static int
doc_action(const struct paths *p, const char *action, const char *code,
    int over, const char *done)
{
	struct client		*c;
	struct client_reply	 r;
	struct msgb		 m;
	const char		*ent;
	char			*upper, *got;
	int64_t			 line;
	int			 rc;

	if ((rc = open_client(p, 0, &c)) != 0)
		return (rc);
	upper = doc_code(code);
	ent = doc_entity(upper);
again:
	client_req(c, &m, "doc", 4);
	mb_kstr(&m, "entity", ent);
	mb_kstr(&m, "action", action);
	mb_kstr(&m, "code", upper);
	mb_kbool(&m, "over", over);
	if ((rc = client_call(c, &m, &r)) != 0 && r.rc == EX_NOINPUT &&
	    strcmp(ent, "stock_docs") == 0 && strcmp(action, "post") == 0) {
		/* A purchase order numbered by hand. */
		client_reply_free(&r);
		ent = "purchase_orders";
		goto again;
	}
	if (rc != 0) {
		line = r.data != NULL ? mobj_int(r.data, "line", 0) : 0;
		rc = r.rc;
		if (rc == EX_NOINPUT && strcmp(ent, doc_entity(upper)) != 0)
			cli_error(rc, _("no stock document or purchase order "
			    "with number %s"), upper);
		else if (line > 0)
			cli_error(rc, _("%s: line %lld: %s"), upper,
			    (long long)line, r.err ? r.err : _("refused"));
		else
			cli_error(rc, "%s", r.err ? r.err : _("refused"));
		client_reply_free(&r);
	} else {
		got = mobj_strdup(r.data, "code");
		if (got != NULL && strcmp(got, upper) != 0)
			doc_done(action, upper, got, NULL);
		else {
			free(got);
			/* The status when it says more than the action (done:
			 * the status as stored, "posted", "reversed"). */
			got = mobj_strdup(r.data, "status");
			doc_done(action, upper, NULL, got == NULL ||
			    strcmp(got, done) == 0 ? NULL : got);
		}
		free(got);
		client_reply_free(&r);
	}
	free(upper);
	cli_close_client(c);
	return (rc);
}

static int
po_action(const struct paths *p, const char *action, const char *code)
{
	struct client		*c;
	struct client_reply	 r;
	struct msgb		 m;
	char			*got;
	int			 rc;

	if ((rc = open_client(p, 0, &c)) != 0)
		return (rc);
	client_req(c, &m, "doc", 3);
	mb_kstr(&m, "entity", "purchase_orders");
	mb_kstr(&m, "action", action);
	mb_kstr(&m, "code", code);
	if (client_call(c, &m, &r) != 0)
		rc = reply_error(&r);
	else {
		got = mobj_strdup(r.data, "code");
		if (strcmp(action, "receive") == 0) {
			/* The number alone on stdout, for a script. */
			printf("%s\n", got != NULL ? got : "");
			fprintf(stderr, _("kontor: receipt draft %s for %s\n"),
			    got != NULL ? got : "?", code);
		} else
			fprintf(stderr, _("kontor: %s closed\n"), code);
		free(got);
		client_reply_free(&r);
	}
	client_close(c);
	return (rc);
}

/* One document posted, as kontor post CODE does. */
static int
post_one(const struct paths *p, const char *code, int over, int override)
{
	if (cli_is_sales_code(code))
		return (cli_sales_post(p, code, over, override));
	if (cli_is_production_code(code))
		return (cli_production(p, "release", code));
	return (doc_action(p, "post", code, over, "posted"));
}

/*
 * kontor post CODE [CODE...]: several codes are posted one by one, each
 * in its own transaction, over one connection (a script's loop pays the
 * start of one process, not one a document); each says its own line,
 * done or refused ("kontor: CODE: why").  Exit 0 when all were posted,
 * else the code of the first that was not.
 */
int
cmd_post(const struct paths *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "confirm-over", no_argument, NULL, 'c' },
		{ "override", no_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*u = _("post DOC-CODE... [--confirm-over] [--override]\n"
	    "  Several codes are posted one by one, each in its own "
	    "transaction, over one\n"
	    "  connection, each reported on its own line; the exit status is "
	    "0 when all\n"
	    "  were posted, else that of the first one that was not.");
	struct client	*c;
	char		*code;
	int		 over = 0, override = 0, ch, i, rc, first = 0;

	while ((ch = getopt_long(argc, argv, "coh", opts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			over = 1;
			break;
		case 'o':
			override = 1;
			break;
		case 'h':
			return (cli_usage(u, 1));
		default:
			return (cli_usage(u, 0));
		}
	}
	if (optind >= argc)
		return (cli_usage(u, 0));
	for (i = optind; override && i < argc; i++)
		if (strncasecmp(argv[i], "SO-", 3) != 0)
			return (cli_error(EX_USAGE, _("--override applies to "
			    "confirming a sales order (SO-...) past credit "
			    "control")));
	if (optind == argc - 1)
		return (post_one(p, argv[optind], over, override));
	if ((rc = open_client(p, 0, &c)) != 0)
		return (rc);
	cli_keep_client(c);
	for (i = optind; i < argc; i++) {
		code = doc_code(argv[i]);
		cli_set_subject(code);
		rc = post_one(p, argv[i], over, override);
		cli_set_subject(NULL);
		free(code);
		if (rc != 0 && first == 0)
			first = rc;
	}
	cli_keep_client(NULL);
	client_close(c);
	return (first);
}

int
cmd_reverse(const struct paths *p, int argc, char **argv)
{
	const char	*format = "text";
	int		 extra = 0, rc;

	if ((rc = cli_one_arg(argc, argv, _("reverse DOC-CODE"), &format,
	    &extra, NULL)) != 0)
		return (rc > 0 ? rc : 0);
	/* A sales document is found there, and says what undoes it. */
	if (cli_is_sales_code(argv[optind]))
		return (cli_sales_reverse(p, argv[optind]));
	return (doc_action(p, "reverse", argv[optind], 0, "reversed"));
}

int
cli_doc_cancel(const struct paths *p, const char *code)
{
	return (doc_action(p, "delete", code, 0, "deleted"));
}

/* kontor receive PO: a receipt draft for what the order still expects;
 * kontor close PO: nothing more will come. */
int
cmd_po(const struct paths *p, int argc, char **argv)
{
	const char	*format = "text";
	char		*upper;
	int		 extra = 0, rc;

	if ((rc = cli_one_arg(argc, argv, strcmp(argv[0], "receive") == 0 ?
	    _("receive PO-CODE") : _("close PO-CODE|SO-CODE"), &format,
	    &extra, NULL)) != 0)
		return (rc > 0 ? rc : 0);
	if (strcmp(argv[0], "close") == 0 && cli_is_sales_code(argv[optind]))
		return (cli_sales_close(p, argv[optind]));
	if (strcmp(argv[0], "close") == 0 &&
	    cli_is_production_code(argv[optind]))
		return (cli_production(p, "close", argv[optind]));
	upper = doc_code(argv[optind]);
	rc = po_action(p, argv[0], upper);
	free(upper);
	return (rc);
}
