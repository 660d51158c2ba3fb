/*
 * Import and export on the command line: kontor import ENTITY FILE
 * (the CSV sent to the server in batches, committed whole) and kontor
 * export ENTITY (its rows streamed to a CSV file or stdout).
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/csv.h"
#include "client/client.h"
#include "dict/dict.h"
#include "dict/value.h"
#include "i18n.h"
#include "xmalloc.h"

#define IMPORT_BATCH	2000
#define IMPORT_BATCH_BYTES	(4u << 20)	/* well under a request's limit */
#define IMPORT_BATCH_CELLS	(256u << 10)

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
	int			 sales;		/* sales-orders */
	int			 post;		/* and --post */
	int			 update;
	int			 dry_run;
	int			 begun;		/* the header read */
	int			 sent;		/* import_begin sent */
	char			**header;	/* trimmed */
	long			 header_line;
	size_t			 ncols;
	struct msgb		 batch;
	size_t			 nbatch;
	int			 pending;	/* a batch's answer unread */
	uint64_t		 rows;
	char			 sha256[65];	/* the file's, in hex */
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

/* The answer to the batch sent last, if not read yet. */
static int
import_drain(struct import_ctx *ic)
{
	struct client_reply	 r;

	if (!ic->pending)
		return (0);
	ic->pending = 0;
	if (client_next(ic->c, &r) != 0)
		return (import_fail(ic, &r));
	client_reply_free(&r);
	return (0);
}

/*
 * A batch of rows to the server.  Its answer is read after the next batch
 * has gone (import_drain), so that the file is read and the next batch
 * packed here while the server takes in this one (1,000,000 rows, one
 * pair of runs at a load of 6 to 10: staged in 8.1 s instead of 11.4).
 * A refusal is still said with its line, a batch later, and nothing is
 * saved: the client stops there, before any commit.
 */
static int
import_flush(struct import_ctx *ic)
{
	struct client_reply	 r;
	struct msgb		 m;
	int			 fd;

	if (ic->nbatch == 0)
		return (0);
	client_req(ic->c, &m, "import_rows", 1);
	mb_str(&m, "rows");
	mb_array(&m, ic->nbatch);
	msgpack_sbuffer_write(&m.sb, ic->batch.sb.data, ic->batch.sb.size);
	mb_reset(&ic->batch);
	ic->nbatch = 0;
	if ((fd = client_fd(ic->c)) < 0 || m.sb.size > PROTO_MAX_REQUEST) {
		/* As any request: mended, or refused, by client_call. */
		if (import_drain(ic) != 0) {
			mb_free(&m);
			return (ic->rc);
		}
		if (client_call(ic->c, &m, &r) != 0)
			return (import_fail(ic, &r));
		client_reply_free(&r);
		return (0);
	}
	if (proto_write(fd, m.sb.data, m.sb.size) != 0) {
		mb_free(&m);
		/* Its answer says why, if it came. */
		if (import_drain(ic) != 0)
			return (ic->rc);
		memset(&r, 0, sizeof r);
		r.rc = EX_UNAVAILABLE;
		r.err = xstrdup(_("the connection to the server was lost"));
		return (import_fail(ic, &r));
	}
	mb_free(&m);
	if (import_drain(ic) != 0)
		return (ic->rc);
	ic->pending = 1;
	return (0);
}

/* import_begin's arguments (5 of the map), and import's. */
static void
import_args(struct import_ctx *ic, struct msgb *m)
{
	size_t	 i;

	mb_kstr(m, "entity", ic->moves ? "stock-moves" : ic->sales ?
	    "sales-orders" : ic->ent->name);
	mb_kbool(m, "post", ic->post);
	mb_kbool(m, "update", ic->update);
	mb_kbool(m, "dry_run", ic->dry_run);
	mb_str(m, "header");
	mb_array(m, ic->ncols);
	for (i = 0; i < ic->ncols; i++)
		mb_str(m, ic->header[i]);
}

/* The header to the server, once the rows are more than one request
 * holds; a refusal names the header's line. */
static int
import_begin(struct import_ctx *ic)
{
	struct client_reply	 r;
	struct msgb		 m;
	char			*err;

	client_req(ic->c, &m, "import_begin", 5);
	import_args(ic, &m);
	if (client_call(ic->c, &m, &r) != 0) {
		err = text_escape(r.err ? r.err : _("refused"), CLI_ERROR_MAX);
		fprintf(stderr, "%s:%ld: %s\n",	/* i18n: no */
		    ic->path, ic->header_line, err);
		free(err);
		ic->rc = r.rc;
		client_reply_free(&r);
		return (ic->rc);
	}
	client_reply_free(&r);
	ic->sent = 1;
	return (0);
}

/* A small file in one request: the header, the rows read and the commit
 * (the server's op import); *r its answer, as import_commit's.  A server
 * that does not know it (older than this client) gets the three. */
/* The file and its hash, for the import's audit entry: two pairs of a
 * map. */
static void
import_source(struct import_ctx *ic, struct msgb *m)
{
	char	*full;

	full = strcmp(ic->path, "-") != 0 ? realpath(ic->path, NULL) : NULL;
	mb_kstr(m, "file", full != NULL ? full : ic->path);
	mb_kstr(m, "sha256", ic->sha256);
	free(full);
}

static int
import_once(struct import_ctx *ic, struct client_reply *r)
{
	struct msgb	 m;
	int		 rc;

	client_req(ic->c, &m, "import", 9);
	import_args(ic, &m);
	import_source(ic, &m);
	mb_kint(&m, "header_line", ic->header_line);
	mb_str(&m, "rows");
	mb_array(&m, ic->nbatch);
	msgpack_sbuffer_write(&m.sb, ic->batch.sb.data, ic->batch.sb.size);
	if ((rc = client_call(ic->c, &m, r)) != EX_PROTOCOL) {
		mb_reset(&ic->batch);
		ic->nbatch = 0;
		return (rc);
	}
	client_reply_free(r);
	/* The rows' answer read before the commit goes: a refusal in it
	 * is said, and nothing committed. */
	if ((rc = import_begin(ic)) != 0 || (rc = import_flush(ic)) != 0 ||
	    (rc = import_drain(ic)) != 0) {
		memset(r, 0, sizeof *r);
		return (-1);		/* said */
	}
	client_req(ic->c, &m, "import_commit", 2);
	import_source(ic, &m);
	return (client_call(ic->c, &m, r));
}

static int
import_row(long line, char **cells, size_t n, void *arg)
{
	struct import_ctx	*ic = arg;
	size_t			 i;
	int			 rc;

	if (!ic->begun) {
		/* Kept: sent with the rows when they fit one request (one
		 * round trip for a small file), else before the first
		 * batch. */
		ic->header = xcalloc(n, sizeof *ic->header);
		for (i = 0; i < n; i++) {
			char	*h = cells[i], *end;

			while (*h == ' ')
				h++;
			end = h + strlen(h);
			while (end > h && end[-1] == ' ')
				*--end = '\0';
			ic->header[i] = xstrdup(h);
		}
		ic->begun = 1;
		ic->ncols = n;
		ic->header_line = line;
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
	    IMPORT_BATCH_BYTES || ic->nbatch * (n + 3) >= IMPORT_BATCH_CELLS) {
		if (!ic->sent && (rc = import_begin(ic)) != 0)
			return (rc);
		return (import_flush(ic));
	}
	return (0);
}

/* A sales-orders file went in: the orders' numbers on stdout, one a
 * line, and what was done. */
static void
sales_done(struct import_ctx *ic, const msgpack_object *data, long long made)
{
	const msgpack_object	*codes = mobj_get(data, "codes");
	unsigned long long	 lines = (unsigned long long)mobj_int(data,
				    "lines", 0);
	uint32_t		 i;
	char			*s, nl[48];

	if (codes != NULL && codes->type == MSGPACK_OBJECT_ARRAY &&
	    !ic->dry_run)
		for (i = 0; i < codes->via.array.size; i++) {
			if ((s = mobj_dup(&codes->via.array.ptr[i])) != NULL)
				printf("%s\n", s);
			free(s);
		}
	/* Two counts, each with its own plural: "1 order (3 lines)". */
	snprintf(nl, sizeof nl, P_("%llu line", "%llu lines", lines), lines);
	if (ic->dry_run)
		fprintf(stderr, P_("kontor: dry run: nothing was saved; "
		    "%lld order (%s) is valid%s\n", "kontor: dry run: nothing "
		    "was saved; %lld orders (%s) are valid%s\n", made), made,
		    nl, ic->post ? _(" and can be reserved") : "");
	else if (ic->post)
		fprintf(stderr, P_("kontor: imported and confirmed %lld order "
		    "(%s): reserved\n", "kontor: imported and confirmed %lld "
		    "orders (%s): reserved\n", made), made, nl);
	else
		fprintf(stderr, P_("kontor: imported %lld order (%s) as a "
		    "draft\n", "kontor: imported %lld orders (%s) as drafts\n",
		    made), made, nl);
}

int
cmd_import(const struct paths *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "update", no_argument, NULL, 'u' },
		{ "encoding", required_argument, NULL, 'E' },
		{ "delimiter", required_argument, NULL, 'd' },
		{ "post", no_argument, NULL, 'p' },
		{ "unmatched", required_argument, NULL, 'U' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	/* (kontor --help names import sales-orders FILE [--post] on a
	 * line of its own.) */
	const char		*u = _("import ENTITY FILE [--dry-run] "
	    "[--update] [--encoding cp1251]\n"
	    "           [--delimiter ';']");
	const char		*encoding = NULL, *doc;
	struct import_ctx	 ic;
	struct client_reply	 r;
	struct msgb		 m;
	struct stat		 sb;
	long long		 made, changed;
	unsigned char		 sha[32];
	size_t			 i;
	int			 ch, rc, skip = -1;

	memset(&ic, 0, sizeof ic);
	while ((ch = getopt_long(argc, argv, "nuE:d:ph", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			/* ',' ';' or a tab (typed as \t or "tab"). */
			if (strcmp(optarg, ",") == 0 ||
			    strcmp(optarg, ";") == 0)
				cli_set_csv_delimiter(optarg[0]);
			else if (strcmp(optarg, "\t") == 0 ||
			    strcmp(optarg, "\\t") == 0 ||
			    strcmp(optarg, "tab") == 0)
				cli_set_csv_delimiter('\t');
			else
				return (cli_error(EX_USAGE, _("--delimiter: "
				    "',', ';' or tab expected, got '%s'"),
				    optarg));
			break;
		case 'U':
			if (strcmp(optarg, "skip") != 0 &&
			    strcmp(optarg, "fail") != 0)
				return (cli_error(EX_USAGE, _("--unmatched: "
				    "skip or fail expected, got '%s'"),
				    optarg));
			skip = strcmp(optarg, "skip") == 0;
			break;
		case 'p':
			ic.post = 1;
			break;
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
	if (ic.post && strcmp(argv[optind], "sales-orders") != 0)
		return (cli_error(EX_USAGE, _("--post applies to sales-orders "
		    "only")));
	if (skip >= 0 && strcmp(argv[optind], "bank-statement") != 0)
		return (cli_error(EX_USAGE, _("--unmatched applies to "
		    "bank-statement only")));
	if (strcmp(argv[optind], "bank-statement") == 0)
		return (cli_import_bank(p, argv[optind + 1], encoding,
		    ic.dry_run, skip > 0));
	if (strcmp(argv[optind], "payments") == 0)
		return (cli_import_payments(p, argv[optind + 1], encoding,
		    ic.dry_run));
	/* BOMs: one row per component (production.c). */
	if (strcmp(argv[optind], "boms") == 0) {
		if (ic.update)
			return (cli_error(EX_USAGE, _("boms: a BOM in the file "
			    "replaces the one there of the same product and "
			    "version: --update does not apply")));
		return (cli_import_boms(p, argv[optind + 1], encoding,
		    ic.dry_run));
	}
	/* A file of stock moves is posted as one document. */
	if (strcmp(argv[optind], "stock-moves") == 0) {
		ic.moves = 1;
		ic.ent = dict_entity("stock_lines");
	} else if (strcmp(argv[optind], "sales-orders") == 0) {
		ic.sales = 1;
		ic.ent = dict_entity("so_lines");
	} else if ((ic.ent = cli_entity(argv[optind])) == NULL)
		return (EX_USAGE);
	ic.path = argv[optind + 1];
	if (strcmp(ic.path, "-") != 0 && stat(ic.path, &sb) != 0)
		return (cli_error(EX_NOINPUT, "%s: %s", ic.path,
		    strerror(errno)));
	if ((rc = open_client(p, 0, &ic.c)) != 0)
		return (rc);
	if ((rc = cli_csv_import_sha256(ic.path, encoding, import_row, &ic,
	    &ic.begun, sha)) != 0) {
		/* A refusal of the last batch sent, said too. */
		(void)import_drain(&ic);
		goto out;
	}
	/* The file, for the import's audit entry. */
	for (i = 0; i < sizeof sha; i++)
		snprintf(ic.sha256 + 2 * i, 3, "%02x", sha[i]);
	if (!ic.sent) {
		/* All the rows in one request: begin, rows and commit. */
		if ((rc = import_once(&ic, &r)) < 0) {
			rc = ic.rc;
			goto out;
		}
		if (rc != 0) {
			rc = import_fail(&ic, &r);
			goto out;
		}
	} else {
		if ((rc = import_flush(&ic)) != 0 ||
		    (rc = import_drain(&ic)) != 0)
			goto out;
		client_req(ic.c, &m, "import_commit", 2);
		import_source(&ic, &m);
		if (client_call(ic.c, &m, &r) != 0) {
			rc = import_fail(&ic, &r);
			goto out;
		}
	}
	doc = mobj_str_or(r.data, "doc", _("one document"));
	made = mobj_int(r.data, "created", 0);
	changed = mobj_int(r.data, "updated", 0);
	/* Counted in the language's forms (ngettext: three in Russian). */
	if (ic.sales) {
		sales_done(&ic, r.data, made);
		client_reply_free(&r);
		rc = 0;
		goto out;
	}
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
	if (ic.begun) {
		mb_free(&ic.batch);
		for (i = 0; i < ic.ncols; i++)
			free(ic.header[i]);
		free(ic.header);
	}
	client_close(ic.c);
	return (rc);
}

/* --- export ------------------------------------------------------------- */

int
cmd_export(const struct paths *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "encoding", required_argument, NULL, 'E' },
		{ "raw", no_argument, NULL, 'r' },
		{ "substitute", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char		*u = _("export ENTITY [-o FILE] [--encoding "
	    "cp1251 [--substitute]]\n"
	    "           [--raw]\n"
	    "  --substitute: a character the encoding lacks written as its "
	    "nearest\n"
	    "  (× as x) or as ?, instead of refusing the export\n"
	    "  --raw: cells as they are, for scripts; without it a cell a "
	    "spreadsheet\n"
	    "  would run as a formula (= + - @ first) gets a ' before it");
	const char		*file = NULL, *encoding = NULL;
	const struct entity_def	*e;
	struct client		*c;
	struct client_reply	 r;
	struct msgb		 m;
	struct csv_out		*out = NULL;
	struct cli_rows		 ro = { .f = NULL };
	FILE			*f = stdout;
	struct stat		 sb;
	char			*tmp = NULL, *cause = NULL;
	int			 ch, rc, raw = 0, gone, subst = 0;

	/* Payment orders for the bank: a format of their own. */
	if (argc > 1 && strcmp(argv[1], "payments-for-bank") == 0)
		return (cli_export_bank(p, argc - 1, argv + 1));
	while ((ch = getopt_long(argc, argv, "o:E:rsh", opts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			file = optarg;
			break;
		case 's':
			subst = 1;
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
	if ((e = cli_entity(argv[optind])) == NULL)
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
	if (subst && csv_out_substitute(out, &cause) != 0) {
		rc = cli_error(EX_USAGE, "%s", cause);
		goto fail;
	}
	if (raw)
		csv_out_raw(out);
	if ((rc = open_client(p, 0, &c)) != 0)
		goto fail;
	/* The server writes the CSV (a server of before sends rows of
	 * cells instead, written here as they come). */
	client_req(c, &m, "export", 3);
	mb_kstr(&m, "entity", e->name);
	mb_kstr(&m, "format", "csv");
	mb_kbool(&m, "raw", raw);
	ro.f = f;
	ro.csv = out;
	rc = client_call(c, &m, &r);
	while (rc == 0) {
		if (r.data != NULL && r.data->type == MSGPACK_OBJECT_BIN) {
			if (ro.cause == NULL && csv_out_text(out,
			    r.data->via.bin.ptr, r.data->via.bin.size,
			    &cause) != 0) {
				ro.err = errno;
				ro.cause = cause;
				cause = NULL;
			}
		} else
			cli_rows_frame(r.data, &ro);
		if ((gone = cli_rows_flush(&ro)) != 0) {
			/* Hanging up ends the stream in the server too. */
			client_reply_free(&r);
			client_close(c);
			/* A character the encoding lacks is the data's
			 * fault (65), not the disk's. */
			rc = gone > 0 ? 0 : cli_error(ro.err == EILSEQ ?
			    EX_DATAERR : EX_IOERR, "%s", ro.cause);
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
