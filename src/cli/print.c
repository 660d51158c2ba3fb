/*
 * kontor print DOC [--form NAME] [--format pdf|text] [-o FILE]
 *     [--printer NAME] [--copies N] [--encoding cp866]
 *
 * The server lays the document out and renders it (op print); this end
 * puts the bytes where they go: a file (a PDF without -o goes to
 * ./DOC.pdf, or ./DOC-FORM.pdf for another form than the document's
 * default, and its name is printed), standard output (text without -o,
 * or -o -), or a CUPS printer through lp -d NAME -n N, the bytes on its
 * standard input.  No lp, or lp refusing (an unknown printer), is exit
 * 69.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "proto.h"
#include "cli/cli.h"
#include "client/client.h"
#include "client/deliver.h"
#include "client/print.h"
#include "forms/sheet.h"
#include "i18n.h"
#include "xmalloc.h"

#define PRINT_USAGE	N_("print DOC [--form NAME] [--format pdf|text] " \
			"[-o FILE]\n" \
			"                 [--printer NAME] [--copies N] " \
			"[--encoding cp866]")

/* The bytes into path (deliver.h), or the exit code said. */
static int
save_file(const char *path, const char *p, size_t len)
{
	char	*cause = NULL;
	int	 rc;

	if ((rc = cp_save_file(path, p, len, &cause)) != 0) {
		cli_error(rc, "%s", cause);
		free(cause);
	}
	return (rc);
}

/* lp -d printer -n copies (deliver.h); what lp says goes to standard
 * output, as it would from lp itself. */
static int
send_lp(const char *printer, int copies, const char *p, size_t len)
{
	char	*cause = NULL, *said = NULL;
	int	 rc;

	if ((rc = cp_lp(printer, copies, p, len, &said, &cause)) != 0) {
		cli_error(rc, "%s", cause);
		free(cause);
		return (rc);
	}
	fputs(said, stdout);
	free(said);
	return (0);
}

int
cmd_print(const struct paths *paths, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "form", required_argument, NULL, 'f' },
		{ "format", required_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' },
		{ "printer", required_argument, NULL, 'p' },
		{ "copies", required_argument, NULL, 'n' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cp_print_req	 q;
	struct cp_printout	 out;
	struct client		*c;
	struct buf		 probe;
	const char		*output = NULL, *printer = NULL;
	char			*cause = NULL, *dest = NULL, *end;
	long			 copies = 1;
	int			 ch, rc, copies_set = 0;

	memset(&q, 0, sizeof q);
	q.format = "pdf";
	while ((ch = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			q.form = optarg;
			break;
		case 'F':
			q.format = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'p':
			printer = optarg;
			break;
		case 'n':
			errno = 0;
			copies = strtol(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || copies < 1 ||
			    copies > 999)
				return (cli_error(EX_USAGE, _("--copies: a "
				    "number from 1 to 999 expected, got %s"),
				    optarg));
			copies_set = 1;
			break;
		case 'e':
			q.encoding = optarg;
			break;
		case 'h':
			return (cli_usage(_(PRINT_USAGE), 1));
		default:
			return (cli_usage(_(PRINT_USAGE), 0));
		}
	}
	if (optind + 1 != argc)
		return (cli_usage(_(PRINT_USAGE), 0));
	q.doc = argv[optind];
	if (strcmp(q.format, "pdf") != 0 && strcmp(q.format, "text") != 0)
		return (cli_error(EX_USAGE, _("--format: pdf or text, not %s"),
		    q.format));
	if (output != NULL && printer != NULL)
		return (cli_error(EX_USAGE, _("-o and --printer: one or the "
		    "other")));
	if (copies_set && printer == NULL)
		return (cli_error(EX_USAGE, _("--copies goes with --printer")));
	if (q.encoding != NULL) {
		if (strcmp(q.format, "text") != 0)
			return (cli_error(EX_USAGE, _("--encoding goes with "
			    "--format text")));
		/* An encoding iconv does not know is said before anything
		 * is printed. */
		memset(&probe, 0, sizeof probe);
		if (sheet_text_encode("", 0, q.encoding, &probe, &cause) !=
		    0) {
			rc = cli_error(EX_USAGE, "%s", cause);
			free(cause);
			return (rc);
		}
		buf_free(&probe);
	}
	if (printer != NULL)
		xasprintf(&dest, "printer:%s", printer);
	else if ((output != NULL && strcmp(output, "-") == 0) ||
	    (output == NULL && strcmp(q.format, "text") == 0))
		dest = xstrdup("screen");
	else
		dest = xstrdup("file");
	q.dest = dest;

	if ((rc = open_client(paths, 0, &c)) != 0) {
		free(dest);
		return (rc);
	}
	rc = cp_print(c, &q, &out, &cause);
	client_close(c);
	if (rc != 0) {
		cli_error(rc, "%s", cause);
		free(cause);
		free(dest);
		return (rc);
	}
	if (printer != NULL) {
		if ((rc = send_lp(printer, (int)copies, out.bytes, out.len)) ==
		    0)
			fprintf(stderr, P_("kontor: %s sent to %s (%ld copy)\n",
			    "kontor: %s sent to %s (%ld copies)\n",
			    (unsigned long)copies), out.name, printer, copies);
	} else if (strcmp(dest, "screen") == 0) {
		if (full_write(STDOUT_FILENO, out.bytes, out.len) != 0 &&
		    errno != EPIPE)
			rc = cli_error(EX_IOERR, _("cannot write the output: "
			    "%s"), strerror(errno));
	} else if (output != NULL)
		rc = save_file(output, out.bytes, out.len);
	else if ((rc = save_file(out.name, out.bytes, out.len)) == 0)
		printf("%s\n", out.name);
	cp_printout_free(&out);
	free(dest);
	return (rc);
}
