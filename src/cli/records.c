/*
 * Records on the command line: kontor show ENTITY CODE, and kontor
 * audit, the journal of their changes.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "cli/csv.h"
#include "client/client.h"
#include "client/records.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "xmalloc.h"

/* --- show ----------------------------------------------------------------- */

/* The codes of a record's references, as the server answers them. */
struct show_refs {
	struct show_ref {
		char	*entity, *code;
		int64_t	 id;
	}	*v;
	size_t	 n;
};

static void
show_ref_add(void *arg, const char *entity, int64_t id, const char *code,
    const char *name, int named)
{
	struct show_refs	*sr = arg;

	/* show prints codes, as export does: the names are the lists'. */
	(void)name;
	(void)named;
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
	if ((e = cli_entity(argv[1])) == NULL)
		return (EX_USAGE);
	if ((rc = open_client(p, 0, &c)) != 0)
		return (rc);
	if ((rc = cli_get_by_code(c, e, argv[2], &rec)) != 0) {
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
		char	*q = text_quote_all(v);

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

/* --- audit ---------------------------------------------------------------- */

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
	cli_fmt_time(a[1].via.i64, when, sizeof when, out == NULL);
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
		cli_padded(login ? login : "?", 10);
		cli_padded(tty ? tty : "-", 8);
		cli_padded(ent ? ent : "?", 0);
		printf("%s ", id);
		cli_escaped(act ? act : "?");
		putchar('\n');
		for (i = 0; i < ch->via.array.size; i++) {
			const msgpack_object *c = ch->via.array.ptr[i].via
			    .array.ptr;
			char	*f = mobj_dup(&c[0]), *b = mobj_dup(&c[1]);
			char	*af = mobj_dup(&c[2]);
			char	*qb = b ? text_quote_all(b) :
				    xstrdup(_("(none)"));
			char	*qa = af ? text_quote_all(af) :
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
	    "[--since DATE]\n"
	    "           [--format text|csv]");
	const char		*entity = NULL, *user = NULL, *format = "text";
	struct client		*c;
	struct client_reply	 r;
	struct msgb		 m;
	struct csv_out		*out = NULL;
	struct cli_rows		 ro = { .f = stdout };
	int64_t			 id = 0, since = 0;
	char			*why = NULL, *end;
	int			 ch, rc, gone = 0;
	uint32_t		 i;

	while ((ch = getopt_long(argc, argv, "e:i:u:s:f:h", opts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'e':
			if (cli_entity(optarg) == NULL)
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
			/* A time first: date_parse() takes a date with a
			 * time too, as its day. */
			if (time_parse(optarg, &since, &why) != 0) {
				free(why);
				why = NULL;
				if (date_parse(optarg, &since, &why) != 0) {
					rc = cli_error(EX_USAGE, /* i18n: no */
					    "--since: %s", why);
					free(why);
					return (rc);
				}
			}
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
		if (!r.more || (gone = cli_rows_flush(&ro)) != 0)
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
