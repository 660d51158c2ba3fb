/*
 * kontor mail DOC --to ADDRESS [--form NAME]: the document's PDF
 * attached to a short letter from the company, through the local
 * sendmail (client/mail.h).  The archive records the print with where it
 * went, mail:ADDRESS.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "client/client.h"
#include "client/mail.h"
#include "i18n.h"
#include "xmalloc.h"

#define MAIL_USAGE	N_("mail DOC --to ADDRESS [--form NAME]")

int
cmd_mail(const struct paths *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 't' },
		{ "form", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct mail_sent	 sent;
	struct client		*c;
	const char		*to = NULL, *form = NULL;
	char			*cause = NULL, *doc, *s;
	int			 ch, rc;

	while ((ch = getopt_long(argc, argv, "t:f:h", opts, NULL)) != -1) {
		switch (ch) {
		case 't':
			to = optarg;
			break;
		case 'f':
			form = optarg;
			break;
		case 'h':
			return (cli_usage(_(MAIL_USAGE), 1));
		default:
			return (cli_usage(_(MAIL_USAGE), 0));
		}
	}
	if (optind != argc - 1 || to == NULL)
		return (cli_usage(_(MAIL_USAGE), 0));
	if ((rc = open_client(p, 0, &c)) != 0)
		return (rc);
	/* A document number as stored: upper case. */
	doc = xstrdup(argv[optind]);
	for (s = doc; *s != '\0'; s++)
		if (*s >= 'a' && *s <= 'z')
			*s = (char)(*s - 'a' + 'A');
	rc = mail_doc(c, doc, form, to, &sent, &cause);
	client_close(c);
	if (rc != 0) {
		cli_error(rc, "%s", cause);
		free(cause);
		if (sent.archive != 0)
			fprintf(stderr, _("kontor: archive entry %llu records "
			    "the attempt\n"), (unsigned long long)sent.archive);
	} else
		fprintf(stderr, _("kontor: %s sent to %s (archive entry "
		    "%llu)\n"), sent.name, to,
		    (unsigned long long)sent.archive);
	free(doc);
	return (rc);
}
