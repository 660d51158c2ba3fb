/*
 * Stock on the command line: kontor stock SKU, kontor reorder [--apply].
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"
#include "client/client.h"
#include "i18n.h"

int
cmd_stock(const struct paths *p, int argc, char **argv)
{
	const char	*format = "text";
	int		 raw = 0, rc;

	if ((rc = cli_one_arg(argc, argv, _("stock SKU [--format text|csv "
	    "[--raw]]"), &format, &raw, "raw")) != 0)
		return (rc > 0 ? rc : 0);
	return (cli_report(p, "stock", 0, 0, argv[optind], format, raw));
}

int
cmd_reorder(const struct paths *p, int argc, char **argv)
{
	const char		*u = _("reorder [--apply] [--format text|csv]");
	const char		*format = "text";
	struct client		*c;
	struct client_reply	 r;
	struct msgb		 m;
	const msgpack_object	*codes, *o;
	int64_t			 made;
	uint32_t		 i;
	int			 apply = 0, rc;

	if ((rc = cli_format_opt(argc, argv, &format, &apply, "apply")) != 0)
		return (cli_usage(u, rc == -2));
	if (optind != argc)
		return (cli_usage(u, 0));
	if (!apply)
		return (cli_report(p, "reorder", 0, 0, NULL, format, 0));
	if ((rc = open_client(p, 0, &c)) != 0)
		return (rc);
	client_req(c, &m, "doc", 2);
	mb_kstr(&m, "entity", "purchase_orders");
	mb_kstr(&m, "action", "reorder");
	if (client_call(c, &m, &r) != 0)
		rc = reply_error(&r);
	else {
		/* The numbers on standard output, one a line, for scripts;
		 * how many on standard error. */
		made = mobj_int(r.data, "made", 0);
		if ((codes = mobj_get(r.data, "codes")) != NULL &&
		    codes->type == MSGPACK_OBJECT_ARRAY)
			for (i = 0; i < codes->via.array.size; i++) {
				o = &codes->via.array.ptr[i];
				if (o->type == MSGPACK_OBJECT_STR)
					printf("%.*s\n", (int)o->via.str.size,
					    o->via.str.ptr);
			}
		fprintf(stderr, P_("kontor: %lld draft purchase order made\n",
		    "kontor: %lld draft purchase orders made\n",
		    (unsigned long)made), (long long)made);
		client_reply_free(&r);
	}
	client_close(c);
	return (rc);
}
