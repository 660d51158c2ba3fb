#include "config.h"

#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/csv.h"
#include "client/client.h"
#include "client/records.h"
#include "dict/codec.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "home.h"
#include "i18n.h"
#include "reports/reports.h"
#include "xmalloc.h"

#define IMPORT_BATCH	2000
#define IMPORT_BATCH_BYTES	(4u << 20)	/* well under a request's limit */
#define IMPORT_BATCH_CELLS	(256u << 10)
#define CLI_ERROR_MAX	2048	/* bytes of a message shown */

static void	print_padded(const char *, size_t);
static void	print_escaped(const char *);

int
cli_error(int code, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg, *safe;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	/* Messages quote what others typed or sent: escaped, cut. */
	safe = text_escape(msg, CLI_ERROR_MAX);
	fprintf(stderr, "kontor: %s\n", safe);	/* i18n: no */
	free(safe);
	free(msg);
	return (code);
}

int
cli_wants_help(int argc, char **argv)
{
	int	 i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return (1);
	}
	return (0);
}

int
cli_usage(const char *text, int help)
{
	fprintf(help ? stdout : stderr, _("usage: kontor %s\n"), text);
	return (help ? 0 : EX_USAGE);
}

int
open_client(const struct paths *p, unsigned flags, struct client **c)
{
	char	*cause = NULL;
	int	 rc;

	if ((rc = client_open(p, flags | CLIENT_AUTOSTART, c, &cause)) != 0) {
		cli_error(rc, "%s", cause);
		free(cause);
	}
	return (rc);
}

int
reply_error(struct client_reply *r)
{
	int	 rc = r->rc;

	cli_error(rc, "%s", r->err ? r->err : _("request failed"));
	client_reply_free(r);
	return (rc);
}

static const struct entity_def *
entity_arg(const char *name)
{
	const struct entity_def	*e;
	char			*names, *u, *s;

	/* stock-moves names stock_moves. */
	u = xstrdup(name);
	for (s = u; *s != '\0'; s++)
		if (*s == '-')
			*s = '_';
	e = dict_entity(u);
	free(u);
	if (e == NULL) {
		names = dict_entity_names();
		cli_error(EX_USAGE, _("unknown entity '%s' (entities: %s)"),
		    name, names);
		free(names);
	}
	return (e);
}

/* --- init ------------------------------------------------------------- */

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
	struct client		*c;
	struct client_reply	 r;
	struct msgb		 m;
	struct stat		 sb;
	char			*probe;
	int			 ch, demo = 0, rc;

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
	/* The company's name as the title bar shows it: the default one in
	 * the admin's language. */
	cname = company != NULL ? company : (demo ? "ООО «Демо»" :
	    _("My company"));
	if ((rc = open_client(p, CLIENT_NOHELLO, &c)) != 0)
		return (rc);
	client_req(c, &m, "init", 2);
	mb_kstr(&m, "company", cname);
	mb_kbool(&m, "demo", demo);
	if (client_call(c, &m, &r) != 0) {
		rc = reply_error(&r);
		client_close(c);
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
	char			*cause = NULL, *lock;
	int			 rc, i, fd;

	if (cli_wants_help(argc, argv) || argc != 1)
		return (cli_usage("stop", cli_wants_help(argc, argv)));
	if ((rc = client_open(p, 0, &c, &cause)) != 0) {
		if (rc == EX_UNAVAILABLE) {
			fprintf(stderr, _("kontor: no server is running for "
			    "%s\n"), p->home);
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
	/* Gone when it has let go of the home (the environment closed, the
	 * lock freed), or, for a client that may not see the home, when
	 * its socket is. */
	lock = paths_file(p, "kontor.lock");
	for (i = 0; i < 600; i++) {
		if ((fd = open(lock, O_RDONLY | O_CLOEXEC)) < 0) {
			if (access(p->socket, F_OK) != 0)
				break;
		} else if (flock(fd, LOCK_SH | LOCK_NB) == 0) {
			close(fd);
			break;
		} else
			close(fd);
		usleep(50000);
	}
	free(lock);
	if (i < 600)
		return (0);
	return (cli_error(EX_TEMPFAIL, _("the server did not stop in 30 s")));
}

/* A time as data (CSV: ISO 8601), or for people (human: as their
 * language writes it, 19 characters either way). */
static void
fmt_time(int64_t t, char *buf, size_t len, int human)
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;

	localtime_r(&tt, &tm);
	/* TRANSLATORS: a date and time as strftime(3) writes it. */
	strftime(buf, len, human ? _("%Y-%m-%d %H:%M:%S") :
	    "%Y-%m-%d %H:%M:%S", &tm);	/* i18n: no */
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

/* A heading padded to width characters (at least its own), then a
 * space; the width it took. */
static size_t
print_heading(const char *s, size_t width)
{
	size_t	 n = utf8_len(s);

	fputs(s, stdout);
	for (; n < width; n++)
		putchar(' ');
	putchar(' ');
	return (n);
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
	fmt_time(mobj_int(r.data, "started", 0), t1, sizeof t1, 1);
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
		w[0] = print_heading(i18n_ctx("status", NC_("status", "ID")),
		    5);
		w[1] = print_heading(i18n_ctx("status", NC_("status",
		    "LOGIN")), 12);
		w[2] = print_heading(i18n_ctx("status", NC_("status", "PID")),
		    8);
		w[3] = print_heading(i18n_ctx("status", NC_("status", "TTY")),
		    10);
		w[4] = print_heading(i18n_ctx("status", NC_("status",
		    "PROGRAM")), 7);
		w[5] = print_heading(i18n_ctx("status", NC_("status",
		    "SINCE")), 19);
		w[6] = print_heading(i18n_ctx("status", NC_("status",
		    "IDLE")), 8);
		printf("%s\n", i18n_ctx("status", NC_("status",
		    "LAST REQUEST")));
		for (i = 0; i < s->via.array.size; i++) {
			const msgpack_object	*o = &s->via.array.ptr[i];
			char	*login = mobj_strdup(o, "login");
			char	*tty = mobj_strdup(o, "tty");
			char	*prog = mobj_strdup(o, "prog");
			char	*op = mobj_strdup(o, "op");

			fmt_time(mobj_int(o, "since", 0), t2, sizeof t2, 1);
			fmt_duration(now - mobj_int(o, "last", 0), d,
			    sizeof d);
			/* What clients said of themselves: escaped. */
			printf("  %-*lld ", (int)w[0], (long long)mobj_int(o,
			    "session", 0));
			print_padded(login ? login : "?", w[1]);
			printf("%-*lld ", (int)w[2], (long long)mobj_int(o,
			    "pid", 0));
			print_padded(tty ? tty : "-", w[3]);
			print_padded(prog ? prog : "-", w[4]);
			print_heading(t2, w[5]);
			print_heading(d, w[6]);
			print_escaped(op ? op : "");
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

/* --- records from the command line ------------------------------------- */

/* Set a field from text, validated as the server will; -1 printed. */
static int
set_field(struct record *rec, const char *name, const char *text)
{
	const struct field_def	*f = dict_field(rec->ent, name);
	struct value		 v;
	char			*why = NULL;

	if (value_parse(f, text, &v, &why) != 0) {
		cli_error(EX_DATAERR, "%s: %s", name, why);
		free(why);
		return (-1);
	}
	record_set_value(rec, dict_field_pos(rec->ent, name), &v);
	value_free(&v);
	return (0);
}

/* A record by its code, the refusal printed. */
static int
get_by_code(struct client *c, const struct entity_def *e, const char *code,
    struct record **out)
{
	char	*cause = NULL;
	int	 rc;

	if ((rc = cr_get(c, e, 0, code, out, &cause)) != 0) {
		cli_error(rc, "%s", cause);
		free(cause);
	}
	return (rc);
}

/* Text quoted for the terminal, padded to width characters, then a
 * space. */
static void
print_padded(const char *s, size_t width)
{
	char	*q = text_quote(s);
	size_t	 n;

	/* Drop the quotes text_quote adds: escapes are what we want. */
	q[strlen(q) - 1] = '\0';
	fputs(q + 1, stdout);
	for (n = utf8_len(q + 1); n < width; n++)
		putchar(' ');
	putchar(' ');
	free(q);
}

/* Text escaped for the terminal, unquoted, unpadded. */
static void
print_escaped(const char *s)
{
	char	*q = text_escape(s, 256);

	fputs(q, stdout);
	free(q);
}

/* --- users -------------------------------------------------------------- */

static int
user_list(struct client *c, int csv)
{
	const struct entity_def	*e = dict_entity("users");
	struct client_reply	 r;
	struct msgb		 m;
	struct csv_out		*out = NULL;
	char			*cause = NULL;
	size_t			 w[3] = { 16, 30, 28 };
	uint32_t		 i;
	int			 rc;

	client_req(c, &m, "scan", 3);
	mb_kstr(&m, "entity", "users");
	mb_kstr(&m, "index", "login");
	mb_kint(&m, "limit", 1000);
	if (client_call(c, &m, &r) != 0)
		return (reply_error(&r));
	if (csv) {
		static const char *const hdr[] = {
			"login", "name", "roles", "disabled"
		};

		csv_out_open(stdout, NULL, &out, &cause);
		csv_out_row(out, hdr, 4, &cause);
	} else {
		w[0] = print_heading(i18n_ctx("user", NC_("user", "LOGIN")),
		    w[0]);
		w[1] = print_heading(i18n_ctx("user", NC_("user", "NAME")),
		    w[1]);
		w[2] = print_heading(i18n_ctx("user", NC_("user", "ROLES")),
		    w[2]);
		printf("%s\n", i18n_ctx("user", NC_("user", "STATE")));
	}
	rc = 0;
	for (i = 0; r.data != NULL && r.data->type == MSGPACK_OBJECT_ARRAY &&
	    i < r.data->via.array.size; i++) {
		const msgpack_object	*o = &r.data->via.array.ptr[i];
		struct record		*u;
		const char		*cells[4];

		if (o->type != MSGPACK_OBJECT_BIN || codec_decode(e,
		    o->via.bin.ptr, o->via.bin.size, &u, &cause) != 0) {
			free(cause);
			cause = NULL;
			continue;
		}
		cells[0] = record_str(u, FX_CODE);
		cells[1] = record_str(u, dict_field_pos(e, "name"));
		cells[2] = record_str(u, dict_field_pos(e, "roles"));
		cells[3] = record_int(u, dict_field_pos(e, "disabled")) ?
		    "yes" : "no";
		if (csv)
			csv_out_row(out, cells, 4, &cause);
		else {
			print_padded(cells[0], w[0]);
			print_padded(cells[1] ? cells[1] : "", w[1]);
			print_padded(cells[2] ? cells[2] : "", w[2]);
			printf("%s\n", record_int(u, dict_field_pos(e,
			    "disabled")) ? i18n_ctx("user", NC_("user",
			    "disabled")) : i18n_ctx("user", NC_("user",
			    "enabled")));
		}
		record_free(u);
	}
	csv_out_close(out);
	client_reply_free(&r);
	return (rc);
}

int
cmd_user(const struct paths *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "roles", required_argument, NULL, 'r' },
		{ "name", required_argument, NULL, 'n' },
		{ "lang", required_argument, NULL, 'l' },
		{ "enable", no_argument, NULL, 'e' },
		{ "disable", no_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char		*u = _("user add LOGIN --role ROLE[,ROLE] "
	    "[--name \"Full Name\"] [--lang ru|en]\n"
	    "       kontor user mod LOGIN [--role ROLE[,ROLE]] [--name NAME] "
	    "[--lang ru|en|locale] [--enable|--disable]\n"
	    "       kontor user disable LOGIN\n"
	    "       kontor user list [--format text|csv]\n"
	    "roles: admin, manager, sales, warehouse, purchasing, production, "
	    "accountant, hr");
	const struct entity_def	*e = dict_entity("users");
	const char		*verb, *roles = NULL, *name = NULL, *lang = NULL;
	const char		*format = "text", *login = NULL;
	struct client		*c;
	struct record		*rec = NULL;
	char			*cause = NULL;
	int			 ch, enable = -1, rc;

	if (argc < 2)
		return (cli_usage(u, 0));
	verb = argv[1];
	if (strcmp(verb, "--help") == 0 || strcmp(verb, "-h") == 0)
		return (cli_usage(u, 1));
	/* Options follow the verb: parse argv from the verb on. */
	argc--;
	argv++;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "r:n:f:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			roles = optarg;
			break;
		case 'l':
			lang = optarg;
			break;
		case 'n':
			name = optarg;
			break;
		case 'e':
			enable = 1;
			break;
		case 'd':
			enable = 0;
			break;
		case 'f':
			format = optarg;
			break;
		case 'h':
			return (cli_usage(u, 1));
		default:
			return (cli_usage(u, 0));
		}
	}
	if (strcmp(verb, "list") == 0) {
		if (optind != argc || (strcmp(format, "csv") != 0 &&
		    strcmp(format, "text") != 0))
			return (cli_usage(u, 0));
		if ((rc = open_client(p, 0, &c)) != 0)
			return (rc);
		rc = user_list(c, strcmp(format, "csv") == 0);
		client_close(c);
		return (rc);
	}
	if (optind != argc - 1)
		return (cli_usage(u, 0));
	login = argv[optind];
	if (strcmp(verb, "add") == 0) {
		if (roles == NULL)
			return (cli_error(EX_USAGE, _("user add: --role is "
			    "required (roles: admin, manager, sales, warehouse,"
			    " purchasing, production, accountant, hr)")));
		rec = record_new(e);
		if (set_field(rec, "login", login) != 0 ||
		    set_field(rec, "roles", roles) != 0 ||
		    (name != NULL && set_field(rec, "name", name) != 0) ||
		    (lang != NULL && set_field(rec, "lang", lang) != 0)) {
			record_free(rec);
			return (EX_DATAERR);
		}
		if ((rc = open_client(p, 0, &c)) != 0) {
			record_free(rec);
			return (rc);
		}
	} else if (strcmp(verb, "mod") == 0 || strcmp(verb, "disable") == 0) {
		if (strcmp(verb, "disable") == 0)
			enable = 0;
		if ((rc = open_client(p, 0, &c)) != 0)
			return (rc);
		if ((rc = get_by_code(c, e, login, &rec)) != 0) {
			client_close(c);
			return (rc);
		}
		/* "locale": no language of the user's own any more. */
		if ((roles != NULL && set_field(rec, "roles", roles) != 0) ||
		    (name != NULL && set_field(rec, "name", name) != 0) ||
		    (lang != NULL && set_field(rec, "lang",
		    strcmp(lang, "locale") == 0 ? "" : lang) != 0)) {
			record_free(rec);
			client_close(c);
			return (EX_DATAERR);
		}
		if (enable >= 0)
			record_set_int(rec, dict_field_pos(e, "disabled"),
			    !enable);
	} else
		return (cli_usage(u, 0));
	if ((rc = cr_put(c, rec, &cause)) != 0) {
		cli_error(rc, "%s", cause);
		free(cause);
		record_free(rec);
		client_close(c);
		return (rc);
	}
	if (strcmp(verb, "add") == 0)
		fprintf(stderr, _("kontor: user %s added\n"), login);
	else if (enable == 0)
		fprintf(stderr, _("kontor: user %s disabled\n"), login);
	else
		fprintf(stderr, _("kontor: user %s changed\n"), login);
	record_free(rec);
	client_close(c);
	return (0);
}

/* --- import --------------------------------------------------------------- */

/* A string of a reply map, or dflt; borrowed from a static buffer. */
static const char *
mobj_str_or(const msgpack_object *o, const char *key, const char *dflt)
{
	static char	 buf[128];
	char		*s = o != NULL ? mobj_strdup(o, key) : NULL;

	if (s == NULL)
		return (dflt);
	snprintf(buf, sizeof buf, "%s", s);
	free(s);
	return (buf);
}

struct import_ctx {
	struct client		*c;
	const char		*path;
	const struct entity_def	*ent;
	int			 moves;		/* stock-moves */
	int			 update;
	int			 dry_run;
	int			 begun;
	size_t			 ncols;
	struct msgb		 batch;
	size_t			 nbatch;
	uint64_t		 rows;
	int			 rc;
};

/* Report a server refusal, with the file and line when it names one. */
static int
import_fail(struct import_ctx *ic, struct client_reply *r)
{
	int64_t	 line = mobj_int(r->data, "line", 0);
	char	*err = text_escape(r->err ? r->err : _("refused"),
		    CLI_ERROR_MAX);

	if (line > 0)
		fprintf(stderr, "%s:%lld: %s\n", ic->path,	/* i18n: no */
		    (long long)line, err);
	else
		fprintf(stderr, "kontor: %s: %s\n", ic->path,	/* i18n: no */
		    err);
	free(err);
	ic->rc = r->rc;
	client_reply_free(r);
	return (ic->rc);
}

static int
import_flush(struct import_ctx *ic)
{
	struct client_reply	 r;
	struct msgb		 m;

	if (ic->nbatch == 0)
		return (0);
	client_req(ic->c, &m, "import_rows", 1);
	mb_str(&m, "rows");
	mb_array(&m, ic->nbatch);
	msgpack_sbuffer_write(&m.sb, ic->batch.sb.data, ic->batch.sb.size);
	mb_reset(&ic->batch);
	ic->nbatch = 0;
	if (client_call(ic->c, &m, &r) != 0)
		return (import_fail(ic, &r));
	client_reply_free(&r);
	return (0);
}

static int
import_row(long line, char **cells, size_t n, void *arg)
{
	struct import_ctx	*ic = arg;
	struct client_reply	 r;
	struct msgb		 m;
	size_t			 i;

	if (!ic->begun) {
		client_req(ic->c, &m, "import_begin", 4);
		mb_kstr(&m, "entity", ic->moves ? "stock-moves" :
		    ic->ent->name);
		mb_kbool(&m, "update", ic->update);
		mb_kbool(&m, "dry_run", ic->dry_run);
		mb_str(&m, "header");
		mb_array(&m, n);
		for (i = 0; i < n; i++) {
			char	*h = cells[i], *end;

			while (*h == ' ')
				h++;
			end = h + strlen(h);
			while (end > h && end[-1] == ' ')
				*--end = '\0';
			mb_str(&m, h);
		}
		if (client_call(ic->c, &m, &r) != 0) {
			char	*err = text_escape(r.err ? r.err :
				    _("refused"), CLI_ERROR_MAX);

			fprintf(stderr, "%s:%ld: %s\n",	/* i18n: no */
			    ic->path, line, err);
			free(err);
			ic->rc = r.rc;
			client_reply_free(&r);
			return (ic->rc);
		}
		client_reply_free(&r);
		ic->begun = 1;
		ic->ncols = n;
		mb_init(&ic->batch);
		return (0);
	}
	mb_array(&ic->batch, 2);
	mb_int(&ic->batch, line);
	mb_array(&ic->batch, n);
	for (i = 0; i < n; i++)
		mb_str(&ic->batch, cells[i]);
	ic->rows++;
	/* A batch stays well within what the server takes in one frame. */
	if (++ic->nbatch == IMPORT_BATCH || ic->batch.sb.size >=
	    IMPORT_BATCH_BYTES || ic->nbatch * (n + 3) >= IMPORT_BATCH_CELLS)
		return (import_flush(ic));
	return (0);
}

int
cmd_import(const struct paths *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "update", no_argument, NULL, 'u' },
		{ "encoding", required_argument, NULL, 'E' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char		*u = _("import ENTITY FILE [--dry-run] "
	    "[--update] [--encoding cp1251]");
	const char		*encoding = NULL, *doc;
	struct import_ctx	 ic;
	struct client_reply	 r;
	struct msgb		 m;
	struct stat		 sb;
	char			*cause = NULL;
	long long		 made, changed;
	int			 ch, rc;

	memset(&ic, 0, sizeof ic);
	while ((ch = getopt_long(argc, argv, "nuE:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			ic.dry_run = 1;
			break;
		case 'u':
			ic.update = 1;
			break;
		case 'E':
			encoding = optarg;
			break;
		case 'h':
			return (cli_usage(u, 1));
		default:
			return (cli_usage(u, 0));
		}
	}
	if (optind != argc - 2)
		return (cli_usage(u, 0));
	/* A file of stock moves is posted as one document. */
	if (strcmp(argv[optind], "stock-moves") == 0) {
		ic.moves = 1;
		ic.ent = dict_entity("stock_lines");
	} else if ((ic.ent = entity_arg(argv[optind])) == NULL)
		return (EX_USAGE);
	ic.path = argv[optind + 1];
	if (strcmp(ic.path, "-") != 0 && stat(ic.path, &sb) != 0)
		return (cli_error(EX_NOINPUT, "%s: %s", ic.path,
		    strerror(errno)));
	if ((rc = open_client(p, 0, &ic.c)) != 0)
		return (rc);
	rc = csv_read(ic.path, encoding, import_row, &ic, &cause);
	if (rc == 0 && !ic.begun) {
		rc = cli_error(EX_DATAERR, _("%s: empty file: a header row "
		    "naming the fields is expected"), ic.path);
		goto out;
	}
	if (rc == -2 || rc == -3) {
		rc = cli_error(rc == -2 ? EX_NOINPUT : EX_USAGE, "%s", cause);
		goto out;
	}
	if (rc == -1) {
		fprintf(stderr, "%s\n", cause);
		rc = EX_DATAERR;
		goto out;
	}
	if (rc != 0)
		goto out;
	if ((rc = import_flush(&ic)) != 0)
		goto out;
	client_req(ic.c, &m, "import_commit", 0);
	if (client_call(ic.c, &m, &r) != 0) {
		rc = import_fail(&ic, &r);
		goto out;
	}
	doc = mobj_str_or(r.data, "doc", _("one document"));
	made = mobj_int(r.data, "created", 0);
	changed = mobj_int(r.data, "updated", 0);
	/* Counted in the language's forms (ngettext: three in Russian). */
	if (ic.moves && ic.dry_run)
		fprintf(stderr, P_("kontor: dry run: nothing was saved; would "
		    "post %llu stock move as %s\n", "kontor: dry run: nothing "
		    "was saved; would post %llu stock moves as %s\n",
		    ic.rows), (unsigned long long)ic.rows, doc);
	else if (ic.moves)
		fprintf(stderr, P_("kontor: posted %llu stock move as %s\n",
		    "kontor: posted %llu stock moves as %s\n", ic.rows),
		    (unsigned long long)ic.rows, doc);
	else if (ic.dry_run)
		fprintf(stderr, P_("kontor: dry run: %llu row of %s is valid "
		    "(%lld new, %lld to update); nothing was saved\n",
		    "kontor: dry run: %llu rows of %s are valid (%lld new, "
		    "%lld to update); nothing was saved\n", ic.rows),
		    (unsigned long long)ic.rows, ic.ent->name, made, changed);
	else
		fprintf(stderr, P_("kontor: imported %llu row into %s (%lld "
		    "new, %lld updated)\n", "kontor: imported %llu rows into "
		    "%s (%lld new, %lld updated)\n", ic.rows),
		    (unsigned long long)ic.rows, ic.ent->name, made, changed);
	client_reply_free(&r);
	rc = 0;
out:
	if (ic.begun)
		mb_free(&ic.batch);
	free(cause);
	client_close(ic.c);
	return (rc);
}

/* --- export ------------------------------------------------------------- */

/* A row of a streamed answer as it prints to f: text padded, or CSV. */
struct row_out {
	FILE		*f;
	struct csv_out	*csv;		/* NULL: text (f is stdout) */
	int		 err;		/* errno of the first failed write */
	char		*cause;		/* and what it says */
};

/* Keep the first failure of o's output: *cause is taken. */
static void
row_fail(struct row_out *o, int err, char **cause)
{
	if (o->cause == NULL) {
		o->err = err;
		o->cause = *cause;
	} else
		free(*cause);
	*cause = NULL;
}

static int
row_print(const char *const *cells, size_t n, struct row_out *o)
{
	char	*cause = NULL;
	size_t	 i;

	if (o->csv != NULL) {
		if (csv_out_row(o->csv, cells, n, &cause) != 0) {
			row_fail(o, errno, &cause);
			return (-1);
		}
		return (0);
	}
	for (i = 0; i < n; i++)
		print_padded(cells[i] != NULL ? cells[i] : "",
		    i + 1 < n ? 18 : 0);
	putchar('\n');
	return (0);
}

/*
 * After a frame of rows: flush them.  0 to go on; 1 when the reader went
 * away (a pipe closed early, as by | head): the rest is not wanted, which
 * is no error, and the command ends quietly with 0; -1 when a write
 * failed otherwise, o->cause says why.
 */
static int
row_flush(struct row_out *o)
{
	char	*cause;
	int	 e;

	if (o->cause == NULL && (fflush(o->f) != 0 || ferror(o->f))) {
		e = errno;
		xasprintf(&cause, _("write: %s"), strerror(e));
		row_fail(o, e, &cause);
	}
	if (o->cause == NULL)
		return (0);
	return (o->err == EPIPE ? 1 : -1);
}

/*
 * One frame of a streamed answer (export, report): the header is an array
 * of names, a page an array of rows of strings.  Every row is printed.
 */
static int
frame_rows(const msgpack_object *data, struct row_out *o)
{
	const msgpack_object	*rows = data, *row;
	const char		**cells;
	char			**owned;
	uint32_t		 i, j, n = 1;
	int			 rc = 0;

	if (data == NULL || data->type != MSGPACK_OBJECT_ARRAY)
		return (0);
	if (data->via.array.size == 0 ||
	    data->via.array.ptr[0].type == MSGPACK_OBJECT_STR)
		rows = NULL;		/* the header: itself one row */
	else
		n = data->via.array.size;
	for (i = 0; i < n && rc == 0; i++) {
		row = rows != NULL ? &rows->via.array.ptr[i] : data;
		if (row->type != MSGPACK_OBJECT_ARRAY)
			continue;
		cells = xcalloc(row->via.array.size + 1, sizeof *cells);
		owned = xcalloc(row->via.array.size + 1, sizeof *owned);
		for (j = 0; j < row->via.array.size; j++)
			cells[j] = owned[j] = mobj_dup(&row->via.array.ptr[j]);
		rc = row_print(cells, row->via.array.size, o);
		for (j = 0; j < row->via.array.size; j++)
			free(owned[j]);
		free(owned);
		free(cells);
	}
	return (rc);
}

int
cmd_export(const struct paths *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "encoding", required_argument, NULL, 'E' },
		{ "raw", no_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char		*u = _("export ENTITY [-o FILE] [--encoding "
	    "cp1251] [--raw]\n"
	    "  --raw: cells as they are, for scripts; without it a cell a "
	    "spreadsheet\n"
	    "  would run as a formula (= + - @ first) gets a ' before it");
	const char		*file = NULL, *encoding = NULL;
	const struct entity_def	*e;
	struct client		*c;
	struct client_reply	 r;
	struct msgb		 m;
	struct csv_out		*out = NULL;
	struct row_out		 ro = { NULL, NULL, 0, NULL };
	FILE			*f = stdout;
	struct stat		 sb;
	char			*tmp = NULL, *cause = NULL;
	int			 ch, rc, raw = 0, gone;

	while ((ch = getopt_long(argc, argv, "o:E:rh", opts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			file = optarg;
			break;
		case 'r':
			raw = 1;
			break;
		case 'E':
			encoding = optarg;
			break;
		case 'h':
			return (cli_usage(u, 1));
		default:
			return (cli_usage(u, 0));
		}
	}
	if (optind != argc - 1)
		return (cli_usage(u, 0));
	if ((e = entity_arg(argv[optind])) == NULL)
		return (EX_USAGE);
	if (file != NULL && strcmp(file, "-") != 0 &&
	    stat(file, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		/* A device or a pipe (/dev/stdout, a FIFO) is written into,
		 * never replaced by a file renamed over it. */
		if ((f = fopen(file, "w")) == NULL)
			return (cli_error(EX_CANTCREAT, "%s: %s", file,
			    strerror(errno)));
	} else if (file != NULL && strcmp(file, "-") != 0) {
		/* Written beside, renamed when whole: never half a file. */
		xasprintf(&tmp, "%s.tmp.%ld", file, (long)getpid());
		if ((f = fopen(tmp, "w")) == NULL) {
			rc = cli_error(EX_CANTCREAT, "%s: %s", tmp,
			    strerror(errno));
			free(tmp);
			return (rc);
		}
	}
	if (csv_out_open(f, encoding, &out, &cause) != 0) {
		rc = cli_error(EX_USAGE, "%s", cause);
		goto fail;
	}
	if (raw)
		csv_out_raw(out);
	if ((rc = open_client(p, 0, &c)) != 0)
		goto fail;
	client_req(c, &m, "export", 1);
	mb_kstr(&m, "entity", e->name);
	ro.f = f;
	ro.csv = out;
	rc = client_call(c, &m, &r);
	while (rc == 0) {
		frame_rows(r.data, &ro);
		if ((gone = row_flush(&ro)) != 0) {
			/* Hanging up ends the stream in the server too. */
			client_reply_free(&r);
			client_close(c);
			rc = gone > 0 ? 0 : cli_error(EX_IOERR, "%s",
			    ro.cause);
			goto fail;
		}
		if (!r.more)
			break;
		client_reply_free(&r);
		rc = client_next(c, &r);
	}
	if (rc != 0) {
		rc = reply_error(&r);
		client_close(c);
		goto fail;
	}
	client_reply_free(&r);
	client_close(c);
	if (tmp != NULL && fsync(fileno(f)) != 0) {
		rc = cli_error(EX_IOERR, "%s: %s", tmp, strerror(errno));
		goto fail;
	}
	csv_out_close(out);
	out = NULL;
	if (tmp != NULL) {
		if (fclose(f) != 0 || rename(tmp, file) != 0) {
			f = NULL;
			rc = cli_error(EX_IOERR, "%s: %s", file,
			    strerror(errno));
			goto fail;
		}
		free(tmp);
	} else if (f != stdout && fclose(f) != 0)
		return (cli_error(EX_IOERR, "%s: %s", file, strerror(errno)));
	return (0);
fail:
	csv_out_close(out);
	if (tmp != NULL) {
		if (f != NULL)
			fclose(f);
		unlink(tmp);
		free(tmp);
	} else if (f != stdout)
		fclose(f);
	free(ro.cause);
	free(cause);
	return (rc);
}

/* --- backup, check, audit, show ------------------------------------------ */

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

static void
audit_print(struct csv_out *out, const msgpack_object *e)
{
	const msgpack_object	*a = e->via.array.ptr, *ch;
	char			 when[64], seq[24], id[24];
	char			*login, *tty, *ent, *act;
	uint32_t		 i;
	char			*cause = NULL;

	if (e->type != MSGPACK_OBJECT_ARRAY || e->via.array.size != 8)
		return;
	/* CSV is data (ISO 8601), text is for people. */
	fmt_time(a[1].via.i64, when, sizeof when, out == NULL);
	snprintf(seq, sizeof seq, "%llu", (unsigned long long)a[0].via.u64);
	snprintf(id, sizeof id, "%llu", (unsigned long long)a[5].via.u64);
	login = mobj_dup(&a[2]);
	tty = mobj_dup(&a[3]);
	ent = mobj_dup(&a[4]);
	act = mobj_dup(&a[6]);
	ch = &a[7];
	if (out != NULL) {
		for (i = 0; i == 0 || i < ch->via.array.size; i++) {
			const char	*cells[10];
			char		*f = NULL, *b = NULL, *af = NULL;

			if (i < ch->via.array.size) {
				const msgpack_object *c = ch->via.array.ptr[i]
				    .via.array.ptr;

				f = mobj_dup(&c[0]);
				b = mobj_dup(&c[1]);
				af = mobj_dup(&c[2]);
			}
			cells[0] = seq;
			cells[1] = when;
			cells[2] = login;
			cells[3] = tty;
			cells[4] = ent;
			cells[5] = id;
			cells[6] = act;
			cells[7] = f;
			cells[8] = b;
			cells[9] = af;
			csv_out_row(out, cells, 10, &cause);
			free(cause);
			cause = NULL;
			free(f);
			free(b);
			free(af);
		}
	} else {
		/* The journal keeps what clients said (a tty): escaped. */
		printf("%6s %s ", seq, when);
		print_padded(login ? login : "?", 10);
		print_padded(tty ? tty : "-", 8);
		print_padded(ent ? ent : "?", 0);
		printf("%s ", id);
		print_escaped(act ? act : "?");
		putchar('\n');
		for (i = 0; i < ch->via.array.size; i++) {
			const msgpack_object *c = ch->via.array.ptr[i].via
			    .array.ptr;
			char	*f = mobj_dup(&c[0]), *b = mobj_dup(&c[1]);
			char	*af = mobj_dup(&c[2]);
			char	*qb = b ? text_quote(b) : xstrdup(_("(none)"));
			char	*qa = af ? text_quote(af) :
				    xstrdup(_("(none)"));
			char	*qf = text_escape(f ? f : "?", 64);

			printf("         %s: %s -> %s\n", qf, qb, qa);
			free(qf);
			free(f);
			free(b);
			free(af);
			free(qb);
			free(qa);
		}
	}
	free(login);
	free(tty);
	free(ent);
	free(act);
}

int
cmd_audit(const struct paths *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "entity", required_argument, NULL, 'e' },
		{ "id", required_argument, NULL, 'i' },
		{ "user", required_argument, NULL, 'u' },
		{ "since", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char		*u = _("audit [--entity E] [--id N] [--user L] "
	    "[--since DATE] [--format text|csv]");
	const char		*entity = NULL, *user = NULL, *format = "text";
	struct client		*c;
	struct client_reply	 r;
	struct msgb		 m;
	struct csv_out		*out = NULL;
	struct row_out		 ro = { stdout, NULL, 0, NULL };
	int64_t			 id = 0, since = 0;
	char			*why = NULL, *end;
	int			 ch, rc, gone = 0;
	uint32_t		 i;

	while ((ch = getopt_long(argc, argv, "e:i:u:s:f:h", opts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'e':
			if (entity_arg(optarg) == NULL)
				return (EX_USAGE);
			entity = optarg;
			break;
		case 'i':
			id = strtoll(optarg, &end, 10);
			if (*end != '\0' || id <= 0)
				return (cli_error(EX_USAGE, _("--id: a "
				    "record id (a positive number) expected, "
				    "got '%s'"), optarg));
			break;
		case 'u':
			user = optarg;
			break;
		case 's':
			if (date_parse(optarg, &since, &why) != 0 &&
			    time_parse(optarg, &since, &why) != 0) {
				rc = cli_error(EX_USAGE,	/* i18n: no */
				    "--since: %s", why);
				free(why);
				return (rc);
			}
			free(why);
			if (since < 100000000) {
				struct tm	 tm;

				memset(&tm, 0, sizeof tm);
				tm.tm_year = (int)(since / 10000) - 1900;
				tm.tm_mon = (int)(since / 100 % 100) - 1;
				tm.tm_mday = (int)(since % 100);
				tm.tm_isdst = -1;
				since = (int64_t)mktime(&tm);
			}
			break;
		case 'f':
			format = optarg;
			break;
		case 'h':
			return (cli_usage(u, 1));
		default:
			return (cli_usage(u, 0));
		}
	}
	if (optind != argc || (strcmp(format, "text") != 0 &&
	    strcmp(format, "csv") != 0))
		return (cli_usage(u, 0));
	if ((rc = open_client(p, 0, &c)) != 0)
		return (rc);
	if (strcmp(format, "csv") == 0) {
		static const char *const hdr[] = { "seq", "time", "login",
		    "tty", "entity", "id", "action", "field", "before",
		    "after" };

		csv_out_open(stdout, NULL, &out, &why);
		csv_out_row(out, hdr, 10, &why);
	}
	client_req(c, &m, "audit", 4);
	mb_kstr(&m, "entity", entity);
	mb_kint(&m, "id", id);
	mb_kstr(&m, "user", user);
	mb_kint(&m, "since", since);
	ro.csv = out;
	rc = client_call(c, &m, &r);
	while (rc == 0) {
		if (r.more && r.data != NULL &&
		    r.data->type == MSGPACK_OBJECT_ARRAY)
			for (i = 0; i < r.data->via.array.size; i++)
				audit_print(out, &r.data->via.array.ptr[i]);
		if (!r.more || (gone = row_flush(&ro)) != 0)
			break;
		client_reply_free(&r);
		rc = client_next(c, &r);
	}
	if (rc != 0)
		rc = reply_error(&r);
	else {
		client_reply_free(&r);
		if (gone < 0)
			rc = cli_error(EX_IOERR, "%s", ro.cause);
	}
	free(ro.cause);
	csv_out_close(out);
	client_close(c);
	return (rc);
}

/* The codes of a record's references, as the server answers them. */
struct show_refs {
	struct show_ref {
		char	*entity, *code;
		int64_t	 id;
	}	*v;
	size_t	 n;
};

static void
show_ref_add(void *arg, const char *entity, int64_t id, const char *code)
{
	struct show_refs	*sr = arg;

	sr->v = xreallocarray(sr->v, sr->n + 1, sizeof *sr->v);
	sr->v[sr->n].entity = xstrdup(entity);
	sr->v[sr->n].code = xstrdup(code);
	sr->v[sr->n].id = id;
	sr->n++;
}

/* A field's value as show prints it: a reference by its code, as export
 * does, when the server named it; caller frees. */
static char *
show_value(const struct show_refs *sr, const struct field_def *f,
    const struct value *v)
{
	size_t	 i;

	if (f->type == FT_REF && v->set && v->s == NULL)
		for (i = 0; i < sr->n; i++)
			if (sr->v[i].id == v->i &&
			    strcmp(sr->v[i].entity, f->ref) == 0)
				return (xstrdup(sr->v[i].code));
	return (value_format(f, v));
}

int
cmd_show(const struct paths *p, int argc, char **argv)
{
	const struct entity_def	*e;
	struct client		*c;
	struct record		*rec, **rows = NULL;
	struct show_refs	 sr = { NULL, 0 };
	char			*cause = NULL;
	size_t			 i, n = 0;
	int			 rc;

	if (cli_wants_help(argc, argv) || argc != 3)
		return (cli_usage(_("show ENTITY CODE"), cli_wants_help(argc,
		    argv)));
	if ((e = entity_arg(argv[1])) == NULL)
		return (EX_USAGE);
	if ((rc = open_client(p, 0, &c)) != 0)
		return (rc);
	if ((rc = get_by_code(c, e, argv[2], &rec)) != 0) {
		client_close(c);
		return (rc);
	}
	/* The record's own row of the id index brings the codes of its
	 * references in the same answer (a reference the user may not open
	 * is still named, as in an export); without them, ids. */
	if (cr_scan_refs(c, e, NULL, NULL, record_id(rec) - 1, 1, 1,
	    show_ref_add, &sr, &rows, &n, &cause) != 0) {
		free(cause);
		cause = NULL;
	} else
		cr_rows_free(rows, n);
	for (i = 0; i < e->nfields; i++) {
		char	*v = show_value(&sr, &e->fields[i], &rec->v[i]);
		char	*q = text_quote(v);

		/* Quoted: data never reaches the terminal raw. */
		printf("%-12s %s\n", e->fields[i].name, q);
		free(v);
		free(q);
	}
	for (i = 0; i < sr.n; i++) {
		free(sr.v[i].entity);
		free(sr.v[i].code);
	}
	free(sr.v);
	record_free(rec);
	client_close(c);
	return (0);
}

/* --- reports ---------------------------------------------------------------- */

int
cmd_report(const struct paths *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'F' },
		{ "sku", required_argument, NULL, 's' },
		{ "list", no_argument, NULL, 'l' },
		{ "raw", no_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char		*u = _("report NAME [--from DATE] [--to DATE] "
	    "[--sku SKU] [--format text|csv [--raw]]\n"
	    "       kontor report --list\n"
	    "  --raw: CSV cells as they are, for scripts; without it a cell a "
	    "spreadsheet\n"
	    "  would run as a formula (= + - @ first) gets a ' before it");
	const char		*format = "text", *key = NULL;
	const struct report_def *const *d;
	int64_t			 from = 0, to = 0;
	char			*why = NULL;
	int			 ch, rc, list = 0, raw = 0;

	while ((ch = getopt_long(argc, argv, "f:t:F:s:lrh", opts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'r':
			raw = 1;
			break;
		case 's':
			key = optarg;
			break;
		case 'f':
		case 't':
			if (date_parse(optarg, ch == 'f' ? &from : &to,
			    &why) != 0) {
				rc = cli_error(EX_USAGE,	/* i18n: no */
				    "--%s: %s", ch == 'f' ? "from" : "to", why);
				free(why);
				return (rc);
			}
			break;
		case 'F':
			format = optarg;
			break;
		case 'l':
			list = 1;
			break;
		case 'h':
			return (cli_usage(u, 1));
		default:
			return (cli_usage(u, 0));
		}
	}
	if (list) {
		if (optind != argc)
			return (cli_usage(u, 0));
		for (d = report_table; *d != NULL; d++)
			printf("%-22s %s\n", (*d)->name, report_title(*d));
		return (0);
	}
	if (optind != argc - 1 || (strcmp(format, "text") != 0 &&
	    strcmp(format, "csv") != 0))
		return (cli_usage(u, 0));
	if (report_find(argv[optind]) == NULL)
		return (cli_error(EX_USAGE, _("no report '%s' (kontor report "
		    "--list)"), argv[optind]));
	return (cli_report(p, argv[optind], from, to, key, format, raw));
}

int
cli_report(const struct paths *p, const char *name, int64_t from, int64_t to,
    const char *key, const char *format, int raw)
{
	struct client		*c;
	struct client_reply	 r;
	struct msgb		 m;
	struct csv_out		*out = NULL;
	struct row_out		 ro = { stdout, NULL, 0, NULL };
	const msgpack_object	*lab;
	char			*why = NULL;
	int			 rc, gone = 0, skip = 0;

	if (raw && strcmp(format, "csv") != 0)
		return (cli_error(EX_USAGE, _("--raw goes with --format csv")));
	if ((rc = open_client(p, 0, &c)) != 0)
		return (rc);
	if (strcmp(format, "csv") == 0) {
		csv_out_open(stdout, NULL, &out, &why);
		if (raw)
			csv_out_raw(out);
	}
	ro.csv = out;
	client_req(c, &m, "report", 5);
	mb_kstr(&m, "name", name);
	mb_kint(&m, "from", from);
	mb_kint(&m, "to", to);
	mb_kstr(&m, "key", key);
	mb_kstr(&m, "format", format);
	rc = client_call(c, &m, &r);
	while (rc == 0) {
		if (r.more) {
			/* Text: the headings in the user's language, in
			 * place of the names that follow them (CSV's). */
			if ((lab = mobj_get(r.data, "labels")) != NULL) {
				if (out == NULL)
					frame_rows(lab, &ro);
				skip = out == NULL;
			} else if (skip)
				skip = 0;
			else
				frame_rows(r.data, &ro);
			if ((gone = row_flush(&ro)) != 0)
				break;
		}
		if (!r.more)
			break;
		client_reply_free(&r);
		rc = client_next(c, &r);
	}
	if (rc != 0)
		rc = reply_error(&r);
	else {
		client_reply_free(&r);
		if (gone < 0)
			rc = cli_error(EX_IOERR, "%s", ro.cause);
	}
	free(ro.cause);
	csv_out_close(out);
	client_close(c);
	return (rc);
}
