/*
 * Administration on the command line: kontor init, stop, status,
 * backup and check.  (serve, restore and recover open the environment
 * themselves: they are in src/server/admin.c.)
 */
#include "config.h"

#include <sys/file.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli/cli.h"
#include "client/client.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "home.h"
#include "i18n.h"
#include "xmalloc.h"

/* --- init ------------------------------------------------------------- */

/*
 * Wait up to 30 s for the home's server to be gone: it has let go of the
 * home (the environment closed, the lock freed), or, for a client that
 * may not see the home (socket_too), its socket is gone.  0 when it is.
 */
static int
wait_server_gone(const struct paths *p, int socket_too)
{
	char	*lock;
	int	 i, fd;

	lock = paths_file(p, "kontor.lock");
	for (i = 0; i < 600; i++) {
		if ((fd = open(lock, O_RDONLY | O_CLOEXEC)) < 0) {
			if (!socket_too || access(p->socket, F_OK) != 0)
				break;
		} else if (flock(fd, LOCK_SH | LOCK_NB) == 0) {
			close(fd);
			break;
		} else
			close(fd);
		usleep(50000);
	}
	free(lock);
	return (i < 600 ? 0 : -1);
}

static int
unmake_one(const char *path, const struct stat *sb, int flag,
    struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	if (ftw->level > 0)
		(void)remove(path);
	return (0);
}

/*
 * An init that failed: its server stops by itself (op_init), and what
 * was made in the home goes, so that init can simply be run again.  The
 * home was empty before, or made here (made: the directory goes too).
 */
static void
init_unmake(const struct paths *p, int made)
{
	/* Its lock: the socket may be another home's (KONTOR_SOCKET). */
	if (wait_server_gone(p, 0) != 0) {
		fprintf(stderr, _("kontor: the server for %s did not stop; "
		    "remove %s before init is run again\n"), p->home, p->home);
		return;
	}
	(void)nftw(p->home, unmake_one, 16, FTW_DEPTH | FTW_PHYS);
	if (made)
		(void)rmdir(p->home);
}

static int
dir_empty(const char *path)
{
	DIR		*d;
	struct dirent	*de;
	int		 empty = 1;

	if ((d = opendir(path)) == NULL)
		return (0);
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0) {
			empty = 0;
			break;
		}
	closedir(d);
	return (empty);
}

int
cmd_init(const struct paths *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "company", required_argument, NULL, 'c' },
		{ "demo", no_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char		*u = _("init [--company NAME] [--demo]");
	const char		*company = NULL, *cname;
	const struct entity_def	*e = dict_entity("company");
	struct client		*c;
	struct client_reply	 r;
	struct msgb		 m;
	struct stat		 sb;
	struct value		 v;
	char			*probe, *why = NULL;
	int			 ch, demo = 0, rc, made = 0;

	while ((ch = getopt_long(argc, argv, "+c:dh", opts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			company = optarg;
			break;
		case 'd':
			demo = 1;
			break;
		case 'h':
			return (cli_usage(u, 1));
		default:
			return (cli_usage(u, 0));
		}
	}
	if (optind != argc)
		return (cli_usage(u, 0));
	/* The options are checked before anything is made, as the company
	 * record will be. */
	if (company != NULL) {
		memset(&v, 0, sizeof v);
		if (value_parse(dict_field(e, "name"), company, &v,
		    &why) == 0 && !v.set)
			xasprintf(&why, _("a value is required"));
		value_free(&v);
		if (why != NULL) {
			rc = cli_error(EX_DATAERR, _("--company: %s; nothing "
			    "was created"), why);
			free(why);
			return (rc);
		}
	}
	probe = paths_file(p, "sys.db");
	if (stat(probe, &sb) == 0) {
		free(probe);
		return (cli_error(EX_CANTCREAT, _("%s is already a kontor "
		    "home; nothing was changed"), p->home));
	}
	free(probe);
	/* An existing empty directory is fine (a system install makes
	 * /var/lib/kontor for the kontor user, who cannot write /var/lib). */
	if (stat(p->home, &sb) == 0) {
		if (!dir_empty(p->home))
			return (cli_error(EX_CANTCREAT, _("%s exists and is "
			    "not empty; choose a new directory"), p->home));
		if (chmod(p->home, 0700) != 0)
			return (cli_error(EX_CANTCREAT, _("cannot make %s "
			    "private: %s"), p->home, strerror(errno)));
	} else if (home_mkdir(p->home) != 0)
		return (cli_error(EX_CANTCREAT, _("cannot create %s: %s"),
		    p->home, strerror(errno)));
	else
		made = 1;
	/* The company's name as the title bar shows it: the default one in
	 * the admin's language. */
	cname = company != NULL ? company : (demo ? "ООО «Демо»" :
	    _("My company"));
	if ((rc = open_client(p, CLIENT_NOHELLO, &c)) != 0) {
		init_unmake(p, made);
		fprintf(stderr, _("kontor: nothing was created in %s\n"),
		    p->home);
		return (rc);
	}
	client_req(c, &m, "init", 2);
	mb_kstr(&m, "company", cname);
	mb_kbool(&m, "demo", demo);
	if (client_call(c, &m, &r) != 0) {
		rc = reply_error(&r);
		client_close(c);
		init_unmake(p, made);
		fprintf(stderr, _("kontor: nothing was created in %s\n"),
		    p->home);
		return (rc);
	}
	probe = mobj_strdup(r.data, "admin");
	if (demo)
		fprintf(stderr, _("kontor: created %s for %s; admin: %s (with "
		    "demo data)\n"), p->home, cname, probe ? probe : "?");
	else
		fprintf(stderr, _("kontor: created %s for %s; admin: %s\n"),
		    p->home, cname, probe ? probe : "?");
	free(probe);
	client_reply_free(&r);
	client_close(c);
	return (0);
}

/* --- stop, status -------------------------------------------------------- */

int
cmd_stop(const struct paths *p, int argc, char **argv)
{
	struct client		*c;
	struct client_reply	 r;
	struct msgb		 m;
	char			*cause = NULL;
	int			 rc;

	if (cli_wants_help(argc, argv) || argc != 1)
		return (cli_usage("stop", cli_wants_help(argc, argv)));
	if ((rc = client_open(p, 0, &c, &cause)) != 0) {
		/* None for our home, there: said with why (none answers,
		 * or the one there serves another home and is left be). */
		if (rc == EX_UNAVAILABLE) {
			fprintf(stderr, _("kontor: no server is running for "
			    "%s (%s)\n"), p->home, cause);
			free(cause);
			return (0);
		}
		cli_error(rc, "%s", cause);
		free(cause);
		return (rc);
	}
	client_req(c, &m, "stop", 0);
	if (client_call(c, &m, &r) != 0) {
		rc = reply_error(&r);
		client_close(c);
		return (rc);
	}
	client_reply_free(&r);
	client_close(c);
	if (wait_server_gone(p, 1) == 0)
		return (0);
	return (cli_error(EX_TEMPFAIL, _("the server did not stop in 30 s")));
}

/* A duration for people, in at most 8 characters. */
static void
fmt_duration(int64_t s, char *buf, size_t len)
{
	/* TRANSLATORS: durations in a column 8 wide: seconds; minutes and
	 * seconds; hours and minutes; days and hours. */
	if (s < 60)
		snprintf(buf, len, _("%llds"), (long long)s);
	else if (s < 3600)
		snprintf(buf, len, _("%lldm %llds"), (long long)s / 60,
		    (long long)s % 60);
	else if (s < 86400)
		snprintf(buf, len, _("%lldh %lldm"), (long long)s / 3600,
		    (long long)s % 3600 / 60);
	else
		snprintf(buf, len, _("%lldd %lldh"), (long long)s / 86400,
		    (long long)s % 86400 / 3600);
}

int
cmd_status(const struct paths *p, int argc, char **argv)
{
	struct client		*c;
	struct client_reply	 r;
	struct msgb		 m;
	const msgpack_object	*s;
	char			 t1[64], t2[64], d[32], *cause = NULL;
	size_t			 w[7];
	int64_t			 now;
	uint32_t		 i;
	int			 rc;

	if (cli_wants_help(argc, argv) || argc != 1)
		return (cli_usage("status", cli_wants_help(argc, argv)));
	if ((rc = client_open(p, 0, &c, &cause)) != 0) {
		cli_error(rc, "%s", cause);
		free(cause);
		return (rc);
	}
	client_req(c, &m, "status", 0);
	if (client_call(c, &m, &r) != 0) {
		rc = reply_error(&r);
		client_close(c);
		return (rc);
	}
	now = mobj_int(r.data, "now", 0);
	cli_fmt_time(mobj_int(r.data, "started", 0), t1, sizeof t1, 1);
	fmt_duration(now - mobj_int(r.data, "started", 0), d, sizeof d);
	{
		char	*home = mobj_strdup(r.data, "home");
		char	*company = mobj_strdup(r.data, "company");
		char	*version = mobj_strdup(r.data, "version");

		char	*qv = text_escape(version ? version : "?", 64);

		/* TRANSLATORS: kontor status: the labels of its lines
		 * (server, home, disk, company, socket, sessions) are
		 * padded to one width, whatever it is in a language. */
		printf(_("server    pid %lld, up %s (since %s), kontor %s\n"),
		    (long long)mobj_int(r.data, "pid", 0), d, t1, qv);
		free(qv);
		free(version);

		char	*qh = text_escape(home ? home : "?", 1024);
		char	*qc = text_escape(company, 1024);
		const msgpack_object	*mem;

		printf(_("home      %s (%.1f MB)\n"), qh,
		    (double)mobj_int(r.data, "size", 0) / 1048576.0);
		if (mobj_get(r.data, "disk_free") != NULL) {
			long long	 mfree, mres;

			mfree = mobj_int(r.data, "disk_free", 0) >> 20;
			mres = mobj_int(r.data, "disk_reserve", 0) >> 20;
			if (mobj_int(r.data, "disk_low", 0))
				printf(_("disk      %lld MB free, reserve %lld "
				    "MB: nearly full, writes are refused\n"),
				    mfree, mres);
			else
				printf(_("disk      %lld MB free, reserve %lld "
				    "MB\n"), mfree, mres);
		}
		mem = mobj_get(r.data, "memory");
		if (mem != NULL && mem->type == MSGPACK_OBJECT_MAP) {
			printf(_("memory    %.1f MB resident, cache %.0f MB\n"),
			    (double)mobj_int(mem, "rss", 0) / 1048576.0,
			    (double)mobj_int(mem, "cache_size", 0) / 1048576.0);
			/* What a large import leaves until the server opens
			 * its database afresh (store_refresh). */
			printf(_("locks     %lld allocated, at most %lld held "
			    "at once\n"), (long long)mobj_int(mem, "locks", 0),
			    (long long)mobj_int(mem, "locks_peak", 0));
		}
		printf(_("company   %s\n"), qc);
		free(qh);
		free(qc);
		printf(_("socket    %s\n"), p->socket);
		free(home);
		free(company);
	}
	s = mobj_get(r.data, "sessions");
	if (s != NULL && s->type == MSGPACK_OBJECT_ARRAY) {
		printf(_("sessions  %u\n"), s->via.array.size);
		/* The headings are for people: in their language, each
		 * column as wide as its heading needs. */
		fputs("  ", stdout);
		w[0] = cli_heading(i18n_ctx("status", NC_("status", "ID")),
		    5);
		w[1] = cli_heading(i18n_ctx("status", NC_("status",
		    "LOGIN")), 12);
		w[2] = cli_heading(i18n_ctx("status", NC_("status", "PID")),
		    8);
		w[3] = cli_heading(i18n_ctx("status", NC_("status", "TTY")),
		    10);
		w[4] = cli_heading(i18n_ctx("status", NC_("status",
		    "PROGRAM")), 7);
		w[5] = cli_heading(i18n_ctx("status", NC_("status",
		    "SINCE")), 19);
		w[6] = cli_heading(i18n_ctx("status", NC_("status",
		    "IDLE")), 8);
		printf("%s\n", i18n_ctx("status", NC_("status",
		    "LAST REQUEST")));
		for (i = 0; i < s->via.array.size; i++) {
			const msgpack_object	*o = &s->via.array.ptr[i];
			char	*login = mobj_strdup(o, "login");
			char	*tty = mobj_strdup(o, "tty");
			char	*prog = mobj_strdup(o, "prog");
			char	*op = mobj_strdup(o, "op");

			cli_fmt_time(mobj_int(o, "since", 0), t2, sizeof t2, 1);
			fmt_duration(now - mobj_int(o, "last", 0), d,
			    sizeof d);
			/* What clients said of themselves: escaped. */
			printf("  %-*lld ", (int)w[0], (long long)mobj_int(o,
			    "session", 0));
			cli_padded(login ? login : "?", w[1]);
			printf("%-*lld ", (int)w[2], (long long)mobj_int(o,
			    "pid", 0));
			cli_padded(tty ? tty : "-", w[3]);
			cli_padded(prog ? prog : "-", w[4]);
			cli_heading(t2, w[5]);
			cli_heading(d, w[6]);
			cli_escaped(op ? op : "");
			putchar('\n');
			free(login);
			free(tty);
			free(prog);
			free(op);
		}
	} else
		printf(_("sessions  %lld\n"), (long long)mobj_int(r.data,
		    "sessions", 0));
	client_reply_free(&r);
	client_close(c);
	return (0);
}

/* --- backup, check -------------------------------------------------------- */

int
cmd_backup(const struct paths *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char		*u = _("backup [--force] DIR\n"
	    "  --force: replace a backup in DIR that was interrupted");
	struct client		*c;
	struct client_reply	 r;
	struct msgb		 m;
	char			 cwd[PATH_MAX], *dir;
	int			 ch, rc, force = 0;

	while ((ch = getopt_long(argc, argv, "fh", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			force = 1;
			break;
		case 'h':
			return (cli_usage(u, 1));
		default:
			return (cli_usage(u, 0));
		}
	}
	if (optind != argc - 1)
		return (cli_usage(u, 0));
	if (argv[optind][0] == '/')
		dir = xstrdup(argv[optind]);
	else {
		if (getcwd(cwd, sizeof cwd) == NULL)
			return (cli_error(EX_OSERR,	/* i18n: no */
			    "getcwd: %s", strerror(errno)));
		xasprintf(&dir, "%s/%s", cwd, argv[optind]);
	}
	if ((rc = open_client(p, 0, &c)) != 0) {
		free(dir);
		return (rc);
	}
	client_req(c, &m, "backup", 2);
	mb_kstr(&m, "dir", dir);
	mb_kbool(&m, "force", force);
	if (client_call(c, &m, &r) != 0) {
		rc = reply_error(&r);
		client_close(c);
		free(dir);
		return (rc);
	}
	printf(_("kontor: backup written to %s\n"), dir);
	client_reply_free(&r);
	client_close(c);
	free(dir);
	return (0);
}

int
cmd_check(const struct paths *p, int argc, char **argv)
{
	struct client		*c;
	struct client_reply	 r;
	struct msgb		 m;
	char			*report;
	int			 rc;

	if (cli_wants_help(argc, argv) || argc != 1)
		return (cli_usage("check", cli_wants_help(argc, argv)));
	if ((rc = open_client(p, 0, &c)) != 0)
		return (rc);
	client_req(c, &m, "check", 0);
	rc = client_call(c, &m, &r);
	if (rc != 0 && (r.data == NULL || mobj_get(r.data, "report") ==
	    NULL)) {
		rc = reply_error(&r);
		client_close(c);
		return (rc);
	}
	report = mobj_strdup(r.data, "report");
	if (report != NULL && *report != '\0')
		fputs(report, stdout);
	/* Success is news, not a complaint: stdout (cron mails stderr). */
	if (rc == 0)
		fputs(_("kontor: check passed: every record, index and "
		    "invariant holds, and the audit chain is whole\n"), stdout);
	else
		fputs(_("kontor: check FAILED: see the problems above\n"),
		    stderr);
	free(report);
	client_reply_free(&r);
	client_close(c);
	return (rc);
}
