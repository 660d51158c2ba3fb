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

#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli/cli.h"
#include "client/client.h"
#include "client/print.h"
#include "forms/sheet.h"
#include "i18n.h"
#include "xmalloc.h"

#define PRINT_USAGE	N_("print DOC [--form NAME] [--format pdf|text] " \
			"[-o FILE]\n" \
			"                 [--printer NAME] [--copies N] " \
			"[--encoding cp866]")

/* Write all of p to fd; -1 and errno when it could not. */
static int
write_all(int fd, const char *p, size_t len)
{
	ssize_t	 n;

	while (len > 0) {
		if ((n = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			return (-1);
		}
		p += n;
		len -= (size_t)n;
	}
	return (0);
}

/* The bytes into path, whole or not at all: a temporary file beside it,
 * renamed over it. */
static int
save_file(const char *path, const char *p, size_t len)
{
	char	*tmp;
	int	 fd, err;

	xasprintf(&tmp, "%s.tmp.%ld", path, (long)getpid());
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0644)) == -1) {
		err = errno;
		free(tmp);
		return (cli_error(EX_CANTCREAT, _("cannot create %s: %s"),
		    path, strerror(err)));
	}
	if (write_all(fd, p, len) != 0 || fsync(fd) != 0) {
		err = errno;
		close(fd);
		unlink(tmp);
		free(tmp);
		return (cli_error(EX_CANTCREAT, _("cannot write %s: %s"),
		    path, strerror(err)));
	}
	close(fd);
	if (rename(tmp, path) != 0) {
		err = errno;
		unlink(tmp);
		free(tmp);
		return (cli_error(EX_CANTCREAT, _("cannot create %s: %s"),
		    path, strerror(err)));
	}
	free(tmp);
	return (0);
}

/* Whether a program is on PATH (as execvp() would find it). */
static int
on_path(const char *prog)
{
	const char	*path = getenv("PATH"), *p, *colon;
	char		*f;
	int		 found = 0;

	if (path == NULL)
		path = "/usr/bin:/bin";
	for (p = path;; p = colon + 1) {
		if ((colon = strchr(p, ':')) == NULL)
			colon = p + strlen(p);
		if (colon == p)
			xasprintf(&f, "./%s", prog);
		else
			xasprintf(&f, "%.*s/%s", (int)(colon - p), p, prog);
		found = access(f, X_OK) == 0;
		free(f);
		if (found || *colon == '\0')
			break;
	}
	return (found);
}

/* lp -d printer -n copies, the bytes on its standard input. */
static int
send_lp(const char *printer, int copies, const char *p, size_t len)
{
	char		 n[16];
	char		*argv[6];
	struct sigaction sa, old;
	pid_t		 pid;
	int		 fds[2], status, err = 0;

	if (!on_path("lp"))
		return (cli_error(EX_UNAVAILABLE, _("cannot print: lp (CUPS, "
		    "Debian's cups-client) is not installed")));
	snprintf(n, sizeof n, "%d", copies);
	argv[0] = (char *)"lp";
	argv[1] = (char *)"-d";
	argv[2] = (char *)printer;
	argv[3] = (char *)"-n";
	argv[4] = n;
	argv[5] = NULL;
	if (pipe(fds) != 0)
		return (cli_error(EX_OSERR, "pipe: %s", /* i18n: no */
		    strerror(errno)));
	fflush(NULL);
	if ((pid = fork()) == -1) {
		close(fds[0]);
		close(fds[1]);
		return (cli_error(EX_OSERR, "fork: %s", /* i18n: no */
		    strerror(errno)));
	}
	if (pid == 0) {
		dup2(fds[0], STDIN_FILENO);
		close(fds[0]);
		close(fds[1]);
		execvp("lp", argv);
		_exit(127);
	}
	close(fds[0]);
	/* lp may stop reading (a printer it does not know): its exit
	 * status says so, not a SIGPIPE. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, &old);
	if (write_all(fds[1], p, len) != 0)
		err = errno;
	close(fds[1]);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	sigaction(SIGPIPE, &old, NULL);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return (cli_error(EX_UNAVAILABLE, _("cannot print: lp could "
		    "not be run")));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return (cli_error(EX_UNAVAILABLE, _("cannot print on %s: lp "
		    "failed (exit %d); lpstat -p lists the printers"), printer,
		    WIFEXITED(status) ? WEXITSTATUS(status) : 128 +
		    WTERMSIG(status)));
	if (err != 0)
		return (cli_error(EX_UNAVAILABLE, _("cannot print on %s: %s"),
		    printer, strerror(err)));
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
		if (write_all(STDOUT_FILENO, out.bytes, out.len) != 0 &&
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
