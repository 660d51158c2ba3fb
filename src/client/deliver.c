/*
 * A printed document to a file or a printer: deliver.h.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "proto.h"
#include "client/deliver.h"
#include "dict/value.h"
#include "i18n.h"
#include "xmalloc.h"

int
cp_save_file(const char *path, const void *p, size_t len, char **cause)
{
	char	*tmp;
	int	 fd, err;

	xasprintf(&tmp, "%s.tmp.%ld", path, (long)getpid());
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0644)) == -1) {
		err = errno;
		free(tmp);
		xasprintf(cause, _("cannot create %s: %s"), path,
		    strerror(err));
		return (EX_CANTCREAT);
	}
	if (full_write(fd, p, len) != 0 || fsync(fd) != 0) {
		err = errno;
		close(fd);
		unlink(tmp);
		free(tmp);
		xasprintf(cause, _("cannot write %s: %s"), path,
		    strerror(err));
		return (EX_CANTCREAT);
	}
	close(fd);
	if (rename(tmp, path) != 0) {
		err = errno;
		unlink(tmp);
		free(tmp);
		xasprintf(cause, _("cannot create %s: %s"), path,
		    strerror(err));
		return (EX_CANTCREAT);
	}
	free(tmp);
	return (0);
}

int
cp_on_path(const char *prog)
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

/* All of what a temporary file holds, from its start (malloc'd). */
static char *
slurp(FILE *f)
{
	struct buf	 b;
	char		 chunk[1024];
	size_t		 n;

	memset(&b, 0, sizeof b);
	if (f != NULL) {
		rewind(f);
		while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 &&
		    b.len < 64 * 1024)
			buf_add(&b, chunk, n);
	}
	buf_addc(&b, '\0');
	return (buf_steal(&b));
}

/* What a program said, its lines joined by spaces and made safe to show
 * (malloc'd), or NULL when it said nothing. */
static char *
said_line(const char *s)
{
	struct buf	 b;
	const char	*eol;
	char		*l, *safe;
	size_t		 n;

	memset(&b, 0, sizeof b);
	for (; *s != '\0'; s = eol + (*eol != '\0')) {
		if ((eol = strchr(s, '\n')) == NULL)
			eol = s + strlen(s);
		n = (size_t)(eol - s);
		while (n > 0 && (s[n - 1] == '\r' || s[n - 1] == ' ' ||
		    s[n - 1] == '\t'))
			n--;
		if (strspn(s, " \t") >= n)
			continue;
		if (b.len > 0)
			buf_addc(&b, ' ');
		buf_add(&b, s, n);
	}
	if (b.len == 0)
		return (NULL);
	buf_addc(&b, '\0');
	l = buf_steal(&b);
	safe = text_escape(l, 240);
	free(l);
	return (safe);
}

/*
 * Run argv with the bytes p on its standard input, its standard output
 * and error into files (never the terminal), and wait: the exit status,
 * or -1 and errno when it could not be started.  *out, *err: what it
 * said (malloc'd); *werr: errno of a write to it that failed.  With
 * c_locale it speaks English (an answer to read, not to show).
 */
static int
run_fed(char *const argv[], const char *p, size_t len, int c_locale,
    char **out, char **err, int *werr)
{
	struct sigaction sa, old;
	FILE		*fo, *fe;
	pid_t		 pid;
	int		 fds[2], status = 0, e;

	*out = *err = NULL;
	*werr = 0;
	if ((fo = tmpfile()) == NULL)
		return (-1);
	if ((fe = tmpfile()) == NULL) {
		e = errno;
		fclose(fo);
		errno = e;
		return (-1);
	}
	if (pipe(fds) != 0) {
		e = errno;
		fclose(fo);
		fclose(fe);
		errno = e;
		return (-1);
	}
	fflush(NULL);
	if ((pid = fork()) == -1) {
		e = errno;
		close(fds[0]);
		close(fds[1]);
		fclose(fo);
		fclose(fe);
		errno = e;
		return (-1);
	}
	if (pid == 0) {
		dup2(fds[0], STDIN_FILENO);
		dup2(fileno(fo), STDOUT_FILENO);
		dup2(fileno(fe), STDERR_FILENO);
		close(fds[0]);
		close(fds[1]);
		if (c_locale)
			setenv("LC_ALL", "C", 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(fds[0]);
	/* The program may stop reading (a printer lp does not know): its
	 * exit status says so, not a SIGPIPE. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, &old);
	if (p != NULL && full_write(fds[1], p, len) != 0)
		*werr = errno;
	close(fds[1]);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	sigaction(SIGPIPE, &old, NULL);
	*out = slurp(fo);
	*err = slurp(fe);
	fclose(fo);
	fclose(fe);
	return (status);
}

int
cp_lp(const char *printer, int copies, const void *p, size_t len,
    char **said, char **cause)
{
	char		 n[16], *out, *err, *why;
	char		*argv[6];
	int		 status, werr;

	if (said != NULL)
		*said = NULL;
	if (!cp_on_path("lp")) {
		*cause = xstrdup(_("cannot print: lp (CUPS, Debian's "
		    "cups-client) is not installed"));
		return (EX_UNAVAILABLE);
	}
	snprintf(n, sizeof n, "%d", copies);
	argv[0] = (char *)"lp";
	argv[1] = (char *)"-d";
	argv[2] = (char *)printer;
	argv[3] = (char *)"-n";
	argv[4] = n;
	argv[5] = NULL;
	if ((status = run_fed(argv, p, len, 0, &out, &err, &werr)) == -1) {
		xasprintf(cause, "lp: %s", strerror(errno)); /* i18n: no */
		return (EX_OSERR);
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		*cause = xstrdup(_("cannot print: lp could not be run"));
		free(out);
		free(err);
		return (EX_UNAVAILABLE);
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		/* lp's own words say why (an unknown printer), else its
		 * exit status. */
		if ((why = said_line(err)) == NULL)
			why = said_line(out);
		if (why != NULL)
			xasprintf(cause, _("cannot print on %s: lp failed "
			    "(exit %d): %s"), printer, WIFEXITED(status) ?
			    WEXITSTATUS(status) : 128 + WTERMSIG(status), why);
		else
			xasprintf(cause, _("cannot print on %s: lp failed "
			    "(exit %d); lpstat -p lists the printers"),
			    printer, WIFEXITED(status) ? WEXITSTATUS(status) :
			    128 + WTERMSIG(status));
		free(why);
		free(out);
		free(err);
		return (EX_UNAVAILABLE);
	}
	free(err);
	if (werr != 0) {
		xasprintf(cause, _("cannot print on %s: %s"), printer,
		    strerror(werr));
		free(out);
		return (EX_UNAVAILABLE);
	}
	if (said != NULL)
		*said = out;
	else
		free(out);
	return (0);
}

char *
cp_default_printer(void)
{
	static const char	 prefix[] = "system default destination: ";
	char			*argv[3], *out, *err, *l, *name = NULL;
	int			 status, werr;

	if (!cp_on_path("lpstat"))
		return (NULL);
	argv[0] = (char *)"lpstat";
	argv[1] = (char *)"-d";
	argv[2] = NULL;
	if ((status = run_fed(argv, NULL, 0, 1, &out, &err, &werr)) == -1)
		return (NULL);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
	    (l = strstr(out, prefix)) != NULL) {
		l += sizeof prefix - 1;
		name = xstrndup(l, strcspn(l, " \t\r\n"));
		if (*name == '\0') {
			free(name);
			name = NULL;
		}
	}
	free(out);
	free(err);
	return (name);
}
