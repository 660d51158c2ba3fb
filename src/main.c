/*
 * kontor: command-line dispatch.  One table of subcommands; with none,
 * the terminal session opens.
 */
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli/cli.h"
#include "home.h"
#include "i18n.h"
#include "log.h"
#include "server/admin.h"
#include "session.h"

static const struct subcommand {
	const char	*name;
	int		(*fn)(const struct paths *, int, char **);
	const char	*help;
} subcommands[] = {
	{ "init",	cmd_init,	N_("init [--company NAME] [--demo]") },
	{ "user",	cmd_user,	N_("user add|mod|disable|list ...") },
	{ "company",	cmd_company,	N_("company [--set FIELD=VALUE ...]") },
	{ "import",	cmd_import,	N_("import ENTITY FILE [--dry-run] "
					"[--update] [--encoding cp1251]\n"
					"                 [--delimiter ';']") },
	{ "import",	cmd_import,	N_("import sales-orders FILE [--post] "
					"[--dry-run] [--encoding cp1251]") },
	{ "import",	cmd_import,	N_("import bank-statement FILE "
					"[--dry-run] [--unmatched skip]\n"
					"                 [--encoding cp866]") },
	{ "import",	cmd_import,	N_("import boms FILE [--dry-run] "
					"[--encoding cp1251]") },
	{ "export",	cmd_export,	N_("export ENTITY [-o FILE] "
					"[--encoding cp1251 [--substitute]] "
					"[--raw]") },
	{ "export",	cmd_export,	N_("export payments-for-bank --from DATE "
					"[--to DATE] [-o FILE]") },
	{ "show",	cmd_show,	N_("show ENTITY CODE") },
	{ "report",	cmd_report,	N_("report NAME [--from DATE] "
					"[--to DATE] [--by WHAT]\n"
					"                 [--period day|week|month] "
					"[--as-of DATE]\n"
					"                 [--format text|csv "
					"[--raw]]\n"
					"  kontor report --list") },
	{ "stock",	cmd_stock,	N_("stock SKU [--format text|csv "
					"[--raw]]") },
	{ "dashboard",	cmd_dashboard,	N_("dashboard [--csv] "
					"[--stock SKU|BARCODE|NAME] "
					"[--today DATE]") },
	{ "post",	cmd_post,	N_("post DOC-CODE... [--confirm-over] "
					"[--override]") },
	{ "post",	cmd_post,	N_("post|close|cancel MO-CODE\n"
					"                 (release, close or cancel "
					"a production order)") },
	{ "produce",	cmd_produce,	N_("produce MO-CODE --quantity N "
					"[--consume SKU:QTY ...]\n"
					"                 [--reason TEXT]") },
	{ "reverse",	cmd_reverse,	N_("reverse DOC-CODE") },
	{ "receive",	cmd_po,		N_("receive PO-CODE") },
	{ "deal",	cmd_deal,	N_("deal D-CODE --stage NAME "
					"[--reason TEXT]") },
	{ "close",	cmd_po,		N_("close PO-CODE|SO-CODE") },
	{ "ship",	cmd_sales,	N_("ship SO-CODE [--post]") },
	{ "cancel",	cmd_sales,	N_("cancel SO-CODE|INV-CODE|PAY-CODE|MO-CODE|DOC-CODE") },
	{ "invoice",	cmd_invoice,	N_("invoice SO-CODE") },
	{ "invoice",	cmd_invoice,	N_("invoice --customer CODE|INN "
					"--line SKU:QTY[:PRICE] ...\n"
					"                 [--date DATE] "
					"[--due DATE]") },
	{ "pay",	cmd_pay,	N_("pay DOC-CODE|COUNTERPARTY --amount N "
					"[--account CODE] [--date DATE]") },
	{ "balance",	cmd_balance,	N_("balance CODE|INN [--as-of DATE] "
					"[--format text|csv]") },
	{ "print",	cmd_print,	N_("print DOC [--form NAME] "
					"[--format pdf|text] [-o FILE]\n"
					"                 [--printer NAME] "
					"[--copies N] [--encoding cp866]") },
	{ "return",	cmd_return,	N_("return SHP-CODE --sku SKU "
					"--quantity N [--lot LOT] [--draft]") },
	{ "reorder",	cmd_reorder,	N_("reorder [--apply] "
					"[--format text|csv]") },
	{ "plan",	cmd_plan,	N_("plan [--horizon DAYS] [--apply] "
					"[--csv]") },
	{ "attach",	cmd_attach,	N_("attach CUSTOMER|DOC FILE "
					"[--note TEXT] [--name NAME]") },
	{ "attachment",	cmd_attachment,	N_("attachment ID -o FILE|-") },
	{ "attachments", cmd_attachments, N_("attachments CUSTOMER|DOC "
					"[--format text|csv [--raw]]") },
	{ "mail",	cmd_mail,	N_("mail DOC --to ADDRESS "
					"[--form NAME]") },
	{ "backup",	cmd_backup,	N_("backup [--force] DIR") },
	{ "restore",	cmd_restore,	N_("restore DIR") },
	{ "recover",	cmd_recover,	N_("recover [--from BACKUPDIR]") },
	{ "check",	cmd_check,	"check" },
	{ "audit",	cmd_audit,	N_("audit [--entity E] [--id N] "
					"[--user L] [--since DATE]") },
	{ "serve",	cmd_serve,	N_("serve [--socket PATH] "
					"[--socket-group GROUP]") },
	{ "stop",	cmd_stop,	"stop" },
	{ "status",	cmd_status,	"status" },
	{ NULL, NULL, NULL }
};

static void
usage(FILE *f)
{
	const struct subcommand	*s;

	fputs(_("usage: kontor [--home DIR] [--socket PATH] [--lang ru|en] "
	    "[COMMAND ...]\n"
	    "With no command, opens the terminal session.\n\ncommands:\n"), f);
	for (s = subcommands; s->name != NULL; s++)
		fprintf(f, "  kontor %s\n", _(s->help));
	fprintf(f, _("\nEach command takes --help.  Home: --home, "
	    "$KONTOR_HOME, the configuration\nfile, else /var/lib/kontor.  "
	    "Configuration file: $KONTOR_CONF, else\n%s/kontor.conf.\n"
	    "Exit codes: 0 ok, 64 usage, 65 bad data, 66 no input, 69 server "
	    "unavailable,\n73 cannot create, 75 try again, 77 permission "
	    "denied, 70 internal error.\n"), KONTOR_SYSCONFDIR);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "home", required_argument, NULL, 'H' },
		{ "socket", required_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "lang", required_argument, NULL, 'L' },
		{ NULL, 0, NULL, 0 }
	};
	const struct subcommand	*s;
	const char		*home = NULL, *sock = NULL, *lang = NULL;
	struct paths		 p;
	int			 ch, rc;

	log_open(LOGT_NONE, NULL);
	/* --lang first: every message after it is in that language. */
	for (ch = 1; ch < argc && argv[ch][0] == '-'; ch++) {
		if (strcmp(argv[ch], "--lang") == 0 && ch + 1 < argc)
			lang = argv[ch + 1];
		else if (strncmp(argv[ch], "--lang=", 7) == 0)
			lang = argv[ch] + 7;
		if (strcmp(argv[ch], "--") == 0)
			break;
		/* --home DIR, --socket PATH: their argument is no command,
		 * and --lang may come after it. */
		if ((strcmp(argv[ch], "--home") == 0 ||
		    strcmp(argv[ch], "--socket") == 0 ||
		    strcmp(argv[ch], "-H") == 0 ||
		    strcmp(argv[ch], "-S") == 0) && ch + 1 < argc)
			ch++;
	}
	if (lang != NULL && strcmp(lang, "ru") != 0 && strcmp(lang, "en") != 0) {
		/* Said in the locale's language: the one asked for is not
		 * known. */
		i18n_init(NULL);
		fprintf(stderr, _("kontor: --lang: ru or en expected, got "
		    "'%s'\n"), lang);
		return (EX_USAGE);
	}
	i18n_init(lang);
	while ((ch = getopt_long(argc, argv, "+H:S:hV", opts, NULL)) != -1) {
		switch (ch) {
		case 'L':
			break;		/* read above */
		case 'H':
			home = optarg;
			break;
		case 'S':
			sock = optarg;
			break;
		case 'h':
			usage(stdout);
			return (0);
		case 'V':
			printf("kontor %s\n", PACKAGE_VERSION);
			return (0);
		default:
			usage(stderr);
			return (EX_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	paths_resolve(&p, home, sock);
	if (argc == 0) {
		rc = session_main(&p);
		paths_free(&p);
		/* Nobody is there to see more: see session_hungup(). */
		if (session_hungup())
			_exit(rc);
		return (rc);
	}
	for (s = subcommands; s->name != NULL; s++)
		if (strcmp(s->name, argv[0]) == 0)
			break;
	if (s->name == NULL) {
		fprintf(stderr, _("kontor: unknown command '%s'\n"), argv[0]);
		usage(stderr);
		paths_free(&p);
		return (EX_USAGE);
	}
	optind = 0;	/* GNU getopt: start afresh for the subcommand */
	rc = s->fn(&p, argc, argv);
	paths_free(&p);
	return (rc);
}
