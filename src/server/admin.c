#include "config.h"

#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "db/store.h"
#include "home.h"
#include "i18n.h"
#include "log.h"
#include "server/admin.h"
#include "server/request.h"
#include "server/server.h"
#include "xmalloc.h"

/* "kontor: " and the message (a format of two strings, translated by
 * the caller); returns code. */
static int
admin_error(int code, const char *fmt, const char *a, const char *b)
{
	fputs("kontor: ", stderr);	/* i18n: no */
	fprintf(stderr, fmt, a, b);
	fputc('\n', stderr);
	return (code);
}

/* A limit from an option or the config file: a number in 1..max. */
static int
serve_limit(const char *name, const char *text, int max, int *out)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(text, &end, 10);
	if (errno != 0 || end == text || *end != '\0' || v < 1 || v > max) {
		fprintf(stderr, _("kontor: serve: %s: a number from 1 to %d "
		    "expected, got '%s'\n"), name, max, text);
		return (-1);
	}
	*out = (int)v;
	return (0);
}

/*
 * The disk reserve: "64M" (K, M, G, T: binary units; a plain number is
 * bytes), "5%" of the file system, or "0" for none.  -1 if malformed.
 */
static int
reserve_parse(const char *s, uint64_t *max, unsigned *pct)
{
	unsigned long long	 n;
	char			*end;
	int			 shift = 0;

	if (!isdigit((unsigned char)*s))
		return (-1);
	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno != 0)
		return (-1);
	if (*end == '%') {
		if (end[1] != '\0' || n == 0 || n > 50)
			return (-1);
		*max = UINT64_MAX;
		*pct = (unsigned)n;
		return (0);
	}
	switch (toupper((unsigned char)*end)) {
	case '\0':
		break;
	case 'K':
		shift = 10;
		break;
	case 'M':
		shift = 20;
		break;
	case 'G':
		shift = 30;
		break;
	case 'T':
		shift = 40;
		break;
	default:
		return (-1);
	}
	if (*end != '\0' && end[1] != '\0' && strcasecmp(end + 1, "B") != 0 &&
	    strcasecmp(end + 1, "iB") != 0)
		return (-1);
	if (n > (UINT64_MAX >> shift))
		return (-1);
	*max = (uint64_t)n << shift;
	*pct = 0;
	return (0);
}

/* The cache's size: a size as reserve_parse reads it, from
 * STORE_CACHE_MIN to STORE_CACHE_MAX; -1 if not. */
static int
cache_parse(const char *s, uint64_t *bytes)
{
	unsigned	 pct;

	if (reserve_parse(s, bytes, &pct) != 0 || pct != 0 ||
	    *bytes < STORE_CACHE_MIN || *bytes > STORE_CACHE_MAX)
		return (-1);
	return (0);
}

/*
 * The options of `kontor serve` that say how clerks are served, kept in
 * the home's kontor.serve as "option=value" lines: a server started by a
 * person records the ones it was given, and a server started by a client
 * (after a crash, a kill -9) takes those the config file does not set
 * from there, so that it serves as the home's server was last served: the
 * socket's group above all, or every clerk would be refused at the
 * socket.
 */
static const struct option serve_opts[] = {
	{ "daemon", no_argument, NULL, 'd' },
	{ "syslog", no_argument, NULL, 'l' },
	{ "socket", required_argument, NULL, 'S' },
	{ "socket-group", required_argument, NULL, 'g' },
	{ "max-connections", required_argument, NULL, 'm' },
	{ "max-connections-per-user", required_argument, NULL, 'u' },
	{ "client-timeout", required_argument, NULL, 't' },
	{ "disk-reserve", required_argument, NULL, 'r' },
	{ "cache-size", required_argument, NULL, 'C' },
	/* Internal: a client that starts a server hears from it. */
	{ "ready-fd", required_argument, NULL, 'F' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};
/* Those kept in kontor.serve, and the limits among them. */
static const char serve_kept[] = "gmutrC";
static const struct {
	const char	*key;		/* in the config file */
	const char	*opt;
	int		 ch;
	int		 max;
} serve_limits[] = {
	{ "max_connections", "--max-connections", 'm', 1000000 },
	{ "max_connections_per_user", "--max-connections-per-user",
	    'u', 1000000 },
	{ "client_timeout", "--client-timeout", 't', 3600 },
};

struct serve_args {
	struct server_opts	 so;
	struct paths		 sp;		/* the socket may differ */
	const char		*reserve;	/* from the config file */
	const char		*given[128];	/* kept options: their values */
	int			 conf[128];	/* set by the config file */
	int			 socket_opt;	/* serve --socket given */
};

static const char *
serve_name(int ch)
{
	size_t	 i;

	for (i = 0; serve_opts[i].name != NULL; i++)
		if (serve_opts[i].val == ch)
			return (serve_opts[i].name);
	return ("?");
}

/* Apply option ch with arg; 0, else an exit code (said on stderr). */
static int
serve_opt(struct serve_args *a, int ch, const char *arg)
{
	struct server_opts	*so = &a->so;
	uint64_t		 cache_bytes;
	size_t			 i;
	char			*end;
	long			 fd;
	int			*lim;

	if (strchr(serve_kept, ch) != NULL)
		a->given[ch] = arg;
	switch (ch) {
	case 'd':
		so->daemon = 1;
		break;
	case 'l':
		so->use_syslog = 1;
		break;
	case 'S':
		a->sp.socket = (char *)arg;
		a->socket_opt = 1;
		break;
	case 'g':
		so->group = arg;
		break;
	case 'm':
	case 'u':
	case 't':
		for (i = 0; serve_limits[i].ch != ch; i++)
			;
		lim = ch == 'm' ? &so->max_conns : ch == 'u' ?
		    &so->max_per_user : &so->client_timeout;
		if (serve_limit(serve_limits[i].opt, arg,
		    serve_limits[i].max, lim) != 0)
			return (EX_USAGE);
		break;
	case 'r':
		a->reserve = NULL;
		if (reserve_parse(arg, &so->reserve_max,
		    &so->reserve_pct) != 0) {
			fprintf(stderr, _("kontor: --disk-reserve: a "
			    "size (64M, 1G, 0 for none) or a share of "
			    "the disk (5%%) expected, got \"%s\"\n"), arg);
			return (EX_USAGE);
		}
		break;
	case 'C':
		if (cache_parse(arg, &cache_bytes) != 0) {
			fprintf(stderr, _("kontor: --cache-size: a size "
			    "from 16M to 64G expected (128M, 1G), got "
			    "\"%s\"\n"), arg);
			return (EX_USAGE);
		}
		store_set_cache(cache_bytes);
		break;
	case 'F':
		errno = 0;
		fd = strtol(arg, &end, 10);
		if (errno != 0 || *end != '\0' || fd < 3 || fd > INT_MAX ||
		    fcntl((int)fd, F_GETFD) < 0)
			return (EX_USAGE);
		so->ready_fd = (int)fd;
		(void)fcntl(so->ready_fd, F_SETFD, FD_CLOEXEC);
		break;
	default:
		return (EX_USAGE);
	}
	return (0);
}

/*
 * A server started by a client: the options of kontor.serve that its
 * command line did not give.  0 (no file is none), else an exit code
 * with *cause: a file there that this user cannot read (root wrote it for
 * a home another user owns) is refused, EX_CONFIG, as a bad line is, not
 * passed over: a server started without its socket group would shut
 * every clerk out.
 */
static int
serve_recall(struct serve_args *a, char **cause)
{
	char	*path, line[1024], *v, *arg;
	FILE	*f;
	size_t	 i;
	int	 rc = 0, n = 0;

	path = paths_file(a->so.paths, "kontor.serve");
	if ((f = fopen(path, "r")) == NULL) {
		if (errno != ENOENT) {
			xasprintf(cause, _("cannot read %s: %s (it keeps how "
			    "the home's server was started by hand, its "
			    "socket group: give it to the home's owner, or "
			    "start kontor serve by hand again)"), path,
			    strerror(errno));
			rc = EX_CONFIG;
		}
		free(path);
		return (rc);
	}
	while (rc == 0 && fgets(line, sizeof line, f) != NULL) {
		n++;
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '\0' || line[0] == '#')
			continue;
		if ((v = strchr(line, '=')) != NULL)
			*v++ = '\0';
		/* The socket: the client that started us chose it (from
		 * this line unless told another) and gave it. */
		if (v != NULL && strcmp(line, "socket") == 0)
			continue;
		for (i = 0; serve_opts[i].name != NULL; i++)
			if (strcmp(serve_opts[i].name, line) == 0)
				break;
		if (v == NULL || serve_opts[i].name == NULL ||
		    strchr(serve_kept, serve_opts[i].val) == NULL) {
			xasprintf(cause, _("%s: line %d: an option of "
			    "kontor serve expected (socket-group=GROUP), got "
			    "\"%s\""), path, n, line);
			rc = EX_CONFIG;
			break;
		}
		/* The command line's wins, and then the config file's:
		 * it is the administrator's standing word. */
		if (a->given[serve_opts[i].val] != NULL ||
		    a->conf[serve_opts[i].val])
			continue;
		/* Kept for the server's life: so->group points at it. */
		arg = xstrdup(v);
		if (serve_opt(a, serve_opts[i].val, arg) != 0) {
			xasprintf(cause, _("%s: line %d: a bad value for "
			    "--%s: \"%s\""), path, n, line, v);
			rc = EX_CONFIG;
		} else if (serve_opts[i].val == 'g' && getgrnam(arg) == NULL) {
			/* Deleted since: say where it was kept, and how a
			 * server started by hand keeps another. */
			xasprintf(cause, _("%s: line %d: socket group '%s' "
			    "does not exist (kontor serve by hand, with "
			    "--socket-group or without, records another)"),
			    path, n, arg);
			rc = EX_CONFIG;
		}
	}
	fclose(f);
	free(path);
	return (rc);
}

/*
 * A server started by a person: keep the options it was given in
 * kontor.serve for the servers clients will start, written aside and
 * renamed, so a reader never sees half of it.  Said on stderr if it
 * cannot be (the server serves all the same).
 */
static void
serve_record(struct serve_args *a)
{
	char	*path, *tmp, *home_sock, cwd[PATH_MAX];
	FILE	*f;
	size_t	 i;
	int	 fd, ok;

	path = paths_file(a->so.paths, "kontor.serve");
	xasprintf(&tmp, "%s.tmp", path);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600)) < 0 || (f = fdopen(fd, "w")) == NULL) {
		fprintf(stderr, _("kontor: cannot write %s: %s\n"), tmp,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		goto out;
	}
	fputs("# kontor serve's options, for a server a client starts\n", f);
	/* A socket not the home's own: clients that start a server start
	 * it there, and whoever was given it finds it (an absolute path,
	 * for clients in any directory). */
	home_sock = paths_home_socket(a->so.paths);
	if (strcmp(a->sp.socket, home_sock) != 0) {
		if (a->sp.socket[0] != '/' && getcwd(cwd, sizeof cwd) != NULL)
			fprintf(f, "socket=%s/%s\n", cwd, a->sp.socket);
		else
			fprintf(f, "socket=%s\n", a->sp.socket);
	}
	free(home_sock);
	for (i = 0; serve_kept[i] != '\0'; i++)
		if (a->given[(int)serve_kept[i]] != NULL)
			fprintf(f, "%s=%s\n", serve_name(serve_kept[i]),
			    a->given[(int)serve_kept[i]]);
	ok = fflush(f) == 0 && fsync(fileno(f)) == 0;
	if (fclose(f) != 0 || !ok || rename(tmp, path) != 0) {
		fprintf(stderr, _("kontor: cannot write %s: %s\n"), path,
		    strerror(errno));
		unlink(tmp);
	}
out:
	free(tmp);
	free(path);
}

/*
 * `kontor serve --daemon` by hand: what the detached server says on its
 * ready pipe (see server.h) until it listens or gives up.  Its exit code.
 */
static int
serve_heard(int fd, const char *home)
{
	char	 buf[1024], *nl, *why;
	size_t	 n = 0;
	ssize_t	 r;
	int	 rc;

	for (;;) {
		buf[n] = '\0';
		if ((nl = strchr(buf, '\n')) != NULL)
			break;
		if (n == sizeof buf - 1)
			break;
		r = read(fd, buf + n, sizeof buf - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (nl != NULL)
		*nl = '\0';
	if (strncmp(buf, "ready ", 6) == 0)
		return (0);
	if (strncmp(buf, "fail ", 5) == 0) {
		rc = (int)strtol(buf + 5, &why, 10);
		while (*why == ' ')
			why++;
		fprintf(stderr, _("kontor: the server could not start: %s\n"),
		    why);
		return (rc > 0 ? rc : EX_UNAVAILABLE);
	}
	if (strncmp(buf, "crash ", 6) == 0)
		fprintf(stderr, _("kontor: the server for %s crashed as it "
		    "started: %s\n"), home, buf + 6);
	else
		fprintf(stderr, _("kontor: the server for %s died as it "
		    "started: see %s/kontor.log\n"), home, home);
	return (EX_UNAVAILABLE);
}

int
cmd_serve(const struct paths *p, int argc, char **argv)
{
	const char		*u = _("usage: kontor [--home DIR] [--socket "
	    "PATH] serve [--socket PATH]\n"
	    "    [--socket-group GROUP] [--disk-reserve SIZE|N%] [--syslog] "
	    "[--daemon]\n"
	    "    [--max-connections N] [--max-connections-per-user N]\n"
	    "    [--client-timeout SECONDS] [--cache-size SIZE]\n"
	    "  --socket after serve is the same as before it: clients find "
	    "the server by\n  --socket PATH or KONTOR_SOCKET=PATH\n");
	static struct serve_args a;	/* so.group may point into it */
	struct server_opts	*so = &a.so;
	char			*cause = NULL, *v, *cache;
	uint64_t		 cache_bytes;
	size_t			 i;
	int			 ch, rc, *lim, pfd[2];

	memset(&a, 0, sizeof a);
	a.sp = *p;
	a.reserve = p->reserve;
	so->paths = &a.sp;
	so->group = p->group;
	so->ready_fd = -1;
	so->lockfd = -1;
	so->handle = request_handle;
	so->done = request_conn_done;
	so->reserve_max = STORE_RESERVE_MAX;
	so->reserve_pct = STORE_RESERVE_PCT;
	/* Under systemd the journal takes syslog; by hand, a file. */
	so->use_syslog = getenv("INVOCATION_ID") != NULL;
	/* Limits: the config file's, then the options'. */
	for (i = 0; i < sizeof serve_limits / sizeof serve_limits[0]; i++) {
		if ((v = paths_conf(p, serve_limits[i].key)) == NULL)
			continue;
		lim = serve_limits[i].ch == 'm' ? &so->max_conns :
		    serve_limits[i].ch == 'u' ? &so->max_per_user :
		    &so->client_timeout;
		rc = serve_limit(serve_limits[i].key, v, serve_limits[i].max,
		    lim);
		free(v);
		a.conf[serve_limits[i].ch] = 1;
		if (rc != 0)
			return (EX_USAGE);
	}
	if ((cache = paths_conf(p, "cache_size")) != NULL) {
		rc = cache_parse(cache, &cache_bytes);
		if (rc != 0) {
			fprintf(stderr, _("kontor: %s: cache_size: a size from "
			    "16M to 64G expected (128M, 1G), got \"%s\"\n"),
			    p->conf, cache);
			free(cache);
			return (EX_CONFIG);
		}
		free(cache);
		store_set_cache(cache_bytes);
		a.conf['C'] = 1;
	}
	a.conf['g'] = p->group != NULL;
	a.conf['r'] = p->reserve != NULL;
	if ((v = paths_conf(p, "archival")) != NULL) {
		if (strcmp(v, "on") != 0 && strcmp(v, "off") != 0) {
			fprintf(stderr, _("kontor: %s: archival: on or off "
			    "expected, got \"%s\"\n"), p->conf, v);
			free(v);
			return (EX_CONFIG);
		}
		store_set_archival(strcmp(v, "on") == 0);
		free(v);
	}
	while ((ch = getopt_long(argc, argv, "dlg:h", serve_opts, NULL)) !=
	    -1) {
		if (ch == 'h') {
			fputs(u, stdout);
			return (0);
		}
		if (ch == '?' || ch == ':' || (rc = serve_opt(&a, ch,
		    optarg)) != 0) {
			if (ch == '?' || ch == ':' || ch == 'F')
				fputs(u, stderr);
			return (EX_USAGE);
		}
	}
	if (optind != argc) {
		fputs(u, stderr);
		return (EX_USAGE);
	}
	/* Started by a client: serve as the home's server was served. */
	if (so->ready_fd >= 0 && (rc = serve_recall(&a, &cause)) != 0)
		goto fail;
	/* By hand, the socket is the one given, else the home's own: the
	 * last one's kept in kontor.serve is what this server replaces. */
	if (so->ready_fd < 0 && p->socket_saved && !a.socket_opt)
		a.sp.socket = paths_home_socket(p);	/* the server's life */
	if (a.reserve != NULL && reserve_parse(a.reserve, &so->reserve_max,
	    &so->reserve_pct) != 0) {
		xasprintf(&cause, _("%s: disk_reserve: a size (64M, 1G, 0 for "
		    "none) or a share of the disk (5%%) expected, got \"%s\""),
		    p->conf, a.reserve);
		rc = EX_CONFIG;
		goto fail;
	}
	/* Before it is kept for the next servers. */
	if (so->group != NULL && getgrnam(so->group) == NULL) {
		xasprintf(&cause, _("socket group '%s' does not exist"),
		    so->group);
		rc = EX_UNAVAILABLE;
		goto fail;
	}
	/*
	 * The home's lock, before we detach: a server that runs already
	 * is told to the person who typed the command, in their language,
	 * with 75, --daemon or not.
	 */
	if ((rc = server_lock(so, &so->lockfd, &cause)) != 0) {
		fprintf(stderr, "kontor: %s\n", cause);	/* i18n: no */
		free(cause);
		return (rc);
	}
	if (so->ready_fd < 0)
		serve_record(&a);
	if (so->daemon) {
		/*
		 * Detach: no terminal, a session of its own.  The child
		 * holds the lock (flock's is the open file's, shared).  A
		 * person who started it hears, on a pipe as a client would,
		 * that it is ready or why it could not start.
		 */
		pfd[0] = pfd[1] = -1;
		if (so->ready_fd < 0 && pipe2(pfd, O_CLOEXEC) != 0) {
			fprintf(stderr, "kontor: pipe: %s\n",	/* i18n: no */
			    strerror(errno));
			return (EX_OSERR);
		}
		switch (fork()) {
		case -1:
			fprintf(stderr, "kontor: fork: %s\n",	/* i18n: no */
			    strerror(errno));
			return (EX_OSERR);
		case 0:
			if (pfd[0] >= 0) {
				close(pfd[0]);
				so->ready_fd = pfd[1];
			}
			break;
		default:
			if (pfd[0] < 0)
				return (0);
			close(pfd[1]);
			close(so->lockfd);
			return (serve_heard(pfd[0], p->home));
		}
		setsid();
		if ((ch = open("/dev/null", O_RDWR)) >= 0) {
			dup2(ch, 0);
			dup2(ch, 1);
			dup2(ch, 2);
			if (ch > 2)
				close(ch);
		}
		so->use_syslog = 0;
	}
	/*
	 * Up to here a person ran the command (or a client started it, in
	 * its language): they were answered in theirs.  From now on each
	 * session answers in its own language (i18n_thread), the log in
	 * English: the server's environment chooses none.
	 */
	unsetenv("LANGUAGE");
	i18n_set("en");
	rc = server_main(so, &cause);
	if (rc != 0) {
		if (!so->daemon)
			fprintf(stderr, "kontor: %s\n", cause); /* i18n: no */
		free(cause);
	}
	return (rc);

fail:
	server_ready_fail(so->ready_fd, rc, cause);
	fprintf(stderr, "kontor: %s\n", cause);	/* i18n: no */
	free(cause);
	return (rc);
}

/* Hold the home's lock: no server may run while we work. */
static int
lock_home(const struct paths *p, int *fd)
{
	char	*path = paths_file(p, "kontor.lock");
	int	 i;

	*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	free(path);
	if (*fd < 0)
		return (admin_error(EX_NOINPUT, _("%s: no kontor home here"),
		    p->home, NULL));
	/* A server that was just told to stop lets go in a moment. */
	for (i = 0; i < 50 && flock(*fd, LOCK_EX | LOCK_NB) != 0; i++)
		usleep(100000);
	if (i == 50) {
		close(*fd);
		return (admin_error(EX_TEMPFAIL, _("a server is running for "
		    "%s; stop it first (kontor --home %s stop)"), p->home,
		    p->home));
	}
	return (0);
}

static int
is_data_file(const char *name)
{
	size_t	 len = strlen(name);

	return (strncmp(name, "log.", 4) == 0 || strncmp(name, "__db.", 5) == 0 ||
	    (len > 3 && strcmp(name + len - 3, ".db") == 0));
}

static int
copy_file(const char *from, const char *to)
{
	char	 buf[65536];
	ssize_t	 n;
	int	 in, out, rc = 0;

	if ((in = open(from, O_RDONLY | O_CLOEXEC)) < 0)
		return (-1);
	if ((out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600)) < 0) {
		close(in);
		return (-1);
	}
	while ((n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)n) != n) {
			rc = -1;
			break;
		}
	if (n < 0 || fsync(out) != 0)
		rc = -1;
	close(in);
	if (close(out) != 0)
		rc = -1;
	return (rc);
}

/*
 * Copy the backup's databases (and its logs, unless keep_logs and the
 * home has that log already) into the home.
 */
static int
copy_backup(const struct paths *p, const char *dir, int keep_logs)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 sb;
	char		*from, *to;
	int		 rc = 0;

	if ((d = opendir(dir)) == NULL)
		return (admin_error(EX_NOINPUT, "%s: %s", dir,
		    strerror(errno)));
	while ((de = readdir(d)) != NULL && rc == 0) {
		if (!is_data_file(de->d_name) ||
		    strncmp(de->d_name, "__db.", 5) == 0)
			continue;
		xasprintf(&from, "%s/%s", dir, de->d_name);
		to = paths_file(p, de->d_name);
		if (!(keep_logs && strncmp(de->d_name, "log.", 4) == 0 &&
		    stat(to, &sb) == 0) && copy_file(from, to) != 0)
			rc = admin_error(EX_IOERR, _("cannot copy %s: %s"),
			    from, strerror(errno));
		free(from);
		free(to);
	}
	closedir(d);
	return (rc);
}

static int
check_backup(const char *dir)
{
	char		*marker;
	struct stat	 sb;
	int		 ok;

	xasprintf(&marker, "%s/" STORE_BACKUP_MARKER, dir);
	ok = stat(marker, &sb) == 0;
	free(marker);
	if (!ok)
		return (admin_error(EX_NOINPUT, _("%s is not a kontor backup "
		    "(no %s file)"), dir, STORE_BACKUP_MARKER));
	return (0);
}

/* What the directory home holds: 0 nothing, 1 a kontor home (its lock
 * or a database or log), -1 something else. */
static int
home_state(const char *home)
{
	DIR		*d;
	struct dirent	*de;
	int		 n = 0, kontor = 0;

	if ((d = opendir(home)) == NULL)
		return (-1);
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		n++;
		if (strcmp(de->d_name, "kontor.lock") == 0 ||
		    is_data_file(de->d_name))
			kontor = 1;
	}
	closedir(d);
	return (n == 0 ? 0 : kontor ? 1 : -1);
}

/*
 * kontor.serve from a backup: its options, but not the socket its server
 * listened at, which is the home that was backed up's (a copy restored
 * elsewhere would send its clients to that server); the socket the home
 * restored into keeps, if it has one.
 */
static int
copy_serve(const char *from, const char *to)
{
	FILE	*in, *old, *out;
	char	 line[1024], *tmp;
	int	 rc = 0;

	if ((in = fopen(from, "r")) == NULL)
		return (-1);
	xasprintf(&tmp, "%s.new", to);
	if ((out = fopen(tmp, "w")) == NULL) {
		fclose(in);
		free(tmp);
		return (-1);
	}
	while (fgets(line, sizeof line, in) != NULL)
		if (strncmp(line, "socket=", 7) != 0)
			fputs(line, out);
	fclose(in);
	if ((old = fopen(to, "r")) != NULL) {
		while (fgets(line, sizeof line, old) != NULL)
			if (strncmp(line, "socket=", 7) == 0)
				fputs(line, out);
		fclose(old);
	}
	if (fflush(out) != 0 || fsync(fileno(out)) != 0)
		rc = -1;
	if (fclose(out) != 0)
		rc = -1;
	if (rc == 0 && rename(tmp, to) != 0)
		rc = -1;
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return (rc);
}

/* Put back the home's own files the backup in dir has
 * (store_backup_home_files); those it lacks (an older backup) stay as
 * they are. */
static int
copy_home_files(const struct paths *p, const char *dir)
{
	struct stat	 sb;
	char		*from, *to, *slash;
	size_t		 i;
	int		 rc = 0;

	for (i = 0; store_backup_home_files[i][0] != NULL && rc == 0; i++) {
		xasprintf(&from, "%s/%s", dir, store_backup_home_files[i][1]);
		if (lstat(from, &sb) != 0 || !S_ISREG(sb.st_mode)) {
			free(from);
			continue;
		}
		to = paths_file(p, store_backup_home_files[i][0]);
		if ((slash = strrchr(to, '/')) != NULL) {
			*slash = '\0';
			(void)mkdir(to, 0700);
			*slash = '/';
		}
		if ((strcmp(store_backup_home_files[i][0], "kontor.serve") ==
		    0 ? copy_serve(from, to) : copy_file(from, to)) != 0)
			rc = admin_error(EX_IOERR, _("cannot copy %s: %s"),
			    from, strerror(errno));
		free(from);
		free(to);
	}
	return (rc);
}

/* Remove the home's databases, logs and regions (not its config). */
static int
clear_home(const struct paths *p)
{
	DIR		*d;
	struct dirent	*de;
	char		*path;

	if ((d = opendir(p->home)) == NULL)
		return (admin_error(EX_NOINPUT, "%s: %s", p->home,
		    strerror(errno)));
	while ((de = readdir(d)) != NULL) {
		if (!is_data_file(de->d_name))
			continue;
		path = paths_file(p, de->d_name);
		unlink(path);
		free(path);
	}
	closedir(d);
	return (0);
}

/* Open the home with flags and close it; what names it in the log,
 * failed (a format taking the cause) to the person. */
static int
reopen(const struct paths *p, unsigned flags, const char *what,
    const char *failed)
{
	struct store	*st;
	char		*cause = NULL, *logpath;
	int		 rc;

	logpath = paths_file(p, "kontor.log");
	log_open(LOGT_FILE, logpath);
	free(logpath);
	if (store_open(p->home, flags, &st, &cause) != 0) {
		rc = admin_error(EX_SOFTWARE, failed, cause, NULL);
		log_warnx("%s failed: %s", what, cause);
		free(cause);
		return (rc);
	}
	store_close(st);
	log_info("%s of %s done", what, p->home);
	log_close();
	return (0);
}

int
cmd_restore(const struct paths *p, int argc, char **argv)
{
	struct stat	 sb;
	int		 fd, rc;

	if (argc != 2 || argv[1][0] == '-') {
		int help = argc == 2 && (strcmp(argv[1], "--help") == 0 ||
		    strcmp(argv[1], "-h") == 0);

		fputs(_("usage: kontor restore DIR\n"
		    "  replaces the home's databases with the backup in DIR\n"
		    "  (the server must be stopped);\n"
		    "  a home that does not exist yet is created\n"),
		    help ? stdout : stderr);
		return (help ? 0 : EX_USAGE);
	}
	if ((rc = check_backup(argv[1])) != 0)
		return (rc);
	/* After a dead disk there is no home: the restore makes it, as init
	 * does (0700).  An empty directory becomes one too; a directory
	 * holding other things is no place for it. */
	if (stat(p->home, &sb) != 0 && (errno != ENOENT ||
	    home_mkdir(p->home) != 0))
		return (admin_error(EX_CANTCREAT, _("cannot create %s: %s"),
		    p->home, strerror(errno)));
	switch (home_state(p->home)) {
	case 0:
		if (chmod(p->home, 0700) != 0)
			return (admin_error(EX_CANTCREAT, _("cannot create "
			    "%s: %s"), p->home, strerror(errno)));
		break;
	case 1:
		break;
	default:
		return (admin_error(EX_CANTCREAT, _("%s is not empty and is no "
		    "kontor home: restore goes into a home, a missing "
		    "directory or an empty one"), p->home, NULL));
	}
	if ((rc = lock_home(p, &fd)) != 0)
		return (rc);
	if ((rc = clear_home(p)) == 0 &&
	    (rc = copy_backup(p, argv[1], 0)) == 0 &&
	    (rc = copy_home_files(p, argv[1])) == 0 &&
	    (rc = reopen(p, 0, "restore", _("restore failed: %s"))) == 0)
		fprintf(stderr, _("kontor: %s restored from %s\n"), p->home,
		    argv[1]);
	close(fd);
	return (rc);
}

int
cmd_recover(const struct paths *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*u = _("usage: kontor recover [--from BACKUPDIR]\n"
	    "  catastrophic recovery: replays every log in the home (over the\n"
	    "  backup's databases with --from); the server must be stopped\n");
	const char	*from = NULL;
	char		*path, *mark;
	DIR		*d;
	struct dirent	*de;
	int		 ch, fd, mfd, rc;

	while ((ch = getopt_long(argc, argv, "f:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			from = optarg;
			break;
		case 'h':
			fputs(u, stdout);
			return (0);
		default:
			fputs(u, stderr);
			return (EX_USAGE);
		}
	}
	if (optind != argc) {
		fputs(u, stderr);
		return (EX_USAGE);
	}
	if (from != NULL && (rc = check_backup(from)) != 0)
		return (rc);
	if ((rc = lock_home(p, &fd)) != 0)
		return (rc);
	/* Until it finishes, no server serves the half-recovered home
	 * (server_start() refuses while the mark is there). */
	mark = paths_file(p, RECOVER_MARK);
	if ((mfd = open(mark, O_WRONLY|O_CREAT|O_TRUNC, 0600)) < 0 ||
	    fsync(mfd) != 0) {
		rc = admin_error(EX_CANTCREAT, _("cannot write %s: %s"), mark,
		    strerror(errno));
		if (mfd >= 0)
			close(mfd);
		free(mark);
		close(fd);
		return (rc);
	}
	close(mfd);
	/* Regions are rebuilt; databases come from the backup when asked,
	 * and the logs the home has carry them forward. */
	if ((d = opendir(p->home)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strncmp(de->d_name, "__db.", 5) != 0 &&
			    !(from != NULL && is_data_file(de->d_name) &&
			    strncmp(de->d_name, "log.", 4) != 0))
				continue;
			path = paths_file(p, de->d_name);
			unlink(path);
			free(path);
		}
		closedir(d);
	}
	if (from != NULL && (rc = copy_backup(p, from, 1)) != 0) {
		free(mark);
		close(fd);
		return (rc);
	}
	if ((rc = reopen(p, STORE_FATAL, "catastrophic recovery",
	    _("catastrophic recovery failed: %s"))) == 0) {
		unlink(mark);
		if (from != NULL)
			fprintf(stderr, _("kontor: %s recovered from %s\n"),
			    p->home, from);
		else
			fprintf(stderr, _("kontor: %s recovered\n"), p->home);
	}
	free(mark);
	close(fd);
	return (rc);
}
