/*
 * The archive on the command line: kontor attach CUSTOMER|DOC FILE puts
 * a file (a scan, a signed contract, a recording) in the archive of a
 * customer or a document and prints its id; kontor attachment ID -o FILE
 * gets any entry's bytes back, checked against their SHA-256 before any
 * of them is written where they go; kontor attachments CUSTOMER|DOC
 * lists what was printed, mailed and attached.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/csv.h"
#include "client/archive.h"
#include "client/client.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "xmalloc.h"

/* The last part of a path: what the file is called. */
static const char *
base_name(const char *path)
{
	const char	*s = strrchr(path, '/');

	return (s != NULL && s[1] != '\0' ? s + 1 : path);
}

int
cmd_attach(const struct paths *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "note", required_argument, NULL, 'n' },
		{ "name", required_argument, NULL, 'N' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char		*u = _("attach CUSTOMER|DOC FILE [--note TEXT] "
	    "[--name NAME]");
	const char		*note = NULL, *name = NULL, *path;
	struct ca_attached	 a;
	struct client		*c;
	struct stat		 sb;
	char			*cause = NULL;
	int			 ch, fd, rc;

	while ((ch = getopt_long(argc, argv, "n:N:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			note = optarg;
			break;
		case 'N':
			name = optarg;
			break;
		case 'h':
			return (cli_usage(u, 1));
		default:
			return (cli_usage(u, 0));
		}
	}
	if (optind != argc - 2)
		return (cli_usage(u, 0));
	path = argv[optind + 1];
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return (cli_error(EX_NOINPUT, "%s: %s", path,
		    strerror(errno)));
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return (cli_error(EX_NOINPUT, _("%s: not a file"), path));
	}
	if (name == NULL)
		name = base_name(path);
	if ((rc = open_client(p, 0, &c)) != 0) {
		close(fd);
		return (rc);
	}
	rc = ca_attach(c, argv[optind], name, note, fd, (uint64_t)sb.st_size,
	    &a, &cause);
	close(fd);
	client_close(c);
	if (rc != 0) {
		rc = cli_error(rc, "%s", cause);
		free(cause);
		return (rc);
	}
	/* The id alone on stdout, for a script. */
	printf("%llu\n", (unsigned long long)a.id);
	if (a.sends > 1)
		fprintf(stderr, _("kontor: %s was attached to %s before: the "
		    "same entry %llu\n"), name, a.doc,
		    (unsigned long long)a.id);
	else
		fprintf(stderr, _("kontor: %s attached to %s, archive entry "
		    "%llu\n"), name, a.doc, (unsigned long long)a.id);
	return (0);
}

/* Where the bytes go: a temporary file renamed when they are checked,
 * or, for standard output, a pipe or a device (nothing to take back),
 * memory until they are. */
struct fetch_out {
	FILE		*f;
	struct buf	*held;		/* or NULL */
	int		 err;
};

static int
fetch_write(void *arg, const void *p, size_t n)
{
	struct fetch_out	*o = arg;

	if (o->held != NULL) {
		buf_add(o->held, p, n);
		return (0);
	}
	if (fwrite(p, 1, n, o->f) != n) {
		o->err = errno != 0 ? errno : EIO;
		return (EX_IOERR);
	}
	return (0);
}

int
cmd_attachment(const struct paths *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char		*u = _("attachment ID -o FILE|-");
	const char		*file = NULL;
	struct fetch_out	 o = { NULL, NULL, 0 };
	struct buf		 held;
	struct client		*c;
	struct record		*e;
	struct stat		 sb;
	char			*cause = NULL, *tmp = NULL;
	int			 ch, rc, fd;

	while ((ch = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			file = optarg;
			break;
		case 'h':
			return (cli_usage(u, 1));
		default:
			return (cli_usage(u, 0));
		}
	}
	if (optind != argc - 1 || file == NULL)
		return (cli_usage(u, 0));
	if ((rc = open_client(p, 0, &c)) != 0)
		return (rc);
	if ((rc = ca_get(c, argv[optind], &e, &cause)) != 0) {
		client_close(c);
		rc = cli_error(rc, "%s", cause);
		free(cause);
		return (rc);
	}
	if (strcmp(file, "-") == 0)
		o.f = stdout;
	else if (stat(file, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		/* A device or a pipe is written into, never replaced. */
		if ((o.f = fopen(file, "w")) == NULL)
			rc = cli_error(EX_CANTCREAT, "%s: %s", file,
			    strerror(errno));
	} else {
		/* Written beside, renamed when whole and checked: never
		 * half a file, never bytes that are not the archive's. */
		xasprintf(&tmp, "%s.tmp.%ld", file, (long)getpid());
		if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		    0666)) < 0 || (o.f = fdopen(fd, "w")) == NULL) {
			rc = cli_error(EX_CANTCREAT, "%s: %s", tmp,
			    strerror(errno));
			if (fd >= 0)
				close(fd);
		}
	}
	memset(&held, 0, sizeof held);
	if (tmp == NULL)
		o.held = &held;
	if (rc == 0 && (rc = ca_fetch(c, e, fetch_write, &o, &cause)) != 0) {
		if (o.err != 0)
			rc = cli_error(EX_IOERR, "%s: %s", tmp != NULL ? tmp :
			    file, strerror(o.err));
		else
			rc = cli_error(rc, "%s", cause);
		free(cause);
	}
	client_close(c);
	record_free(e);
	/* Checked: now they may go out. */
	if (rc == 0 && o.held != NULL && held.len > 0 &&
	    fwrite(held.data, 1, held.len, o.f) != held.len)
		rc = cli_error(EX_IOERR, "%s: %s", file, strerror(errno));
	buf_free(&held);
	if (o.f == NULL) {
		free(tmp);
		return (rc);
	}
	if (rc == 0 && (fflush(o.f) != 0 || ferror(o.f) ||
	    (tmp != NULL && fsync(fileno(o.f)) != 0)))
		rc = cli_error(EX_IOERR, "%s: %s", tmp != NULL ? tmp : file,
		    strerror(errno));
	if (o.f != stdout && fclose(o.f) != 0 && rc == 0)
		rc = cli_error(EX_IOERR, "%s: %s", tmp != NULL ? tmp : file,
		    strerror(errno));
	if (tmp != NULL) {
		if (rc == 0 && rename(tmp, file) != 0)
			rc = cli_error(EX_CANTCREAT, "%s: %s", file,
			    strerror(errno));
		if (rc != 0)
			unlink(tmp);
		free(tmp);
	}
	return (rc);
}

int
cmd_attachments(const struct paths *p, int argc, char **argv)
{
	static const char *const text_layout[] = {
		">5", "<19", "<10", "<10", "<15", "~24", ">8", "~40"
	};
	/* The CSV's columns: the entry's fields by their names. */
	static const char *const csv_fields[] = {
		"id", "time", "login", "kind", "doc", "doc_rev", "form",
		"format", "name", "size", "sha256", "dest", "sends",
		"last_time", "last_dest", "last_by", "note"
	};
#define NCSV	(sizeof csv_fields / sizeof csv_fields[0])
	const char		*u = _("attachments CUSTOMER|DOC "
	    "[--format text|csv [--raw]]");
	const char		*format = "text";
	const char		*head[8];
	const struct entity_def	*ae = dict_entity("archive");
	struct cli_rows		 ro = { .f = stdout };
	struct client		*c;
	struct record		**rows;
	const char		*cells[NCSV];
	char			*cause = NULL, *v[NCSV], when[32], size[32];
	size_t			 n, i, k;
	int			 rc, raw = 0;

	if ((rc = cli_one_arg(argc, argv, u, &format, &raw, "raw")) != 0)
		return (rc < 0 ? 0 : rc);
	if ((rc = open_client(p, 0, &c)) != 0)
		return (rc);
	rc = ca_list(c, argv[optind], &rows, &n, &cause);
	client_close(c);
	if (rc != 0) {
		rc = cli_error(rc, "%s", cause);
		free(cause);
		return (rc);
	}
	if (strcmp(format, "csv") == 0) {
		if (csv_out_open(stdout, NULL, &ro.csv, &cause) != 0) {
			rc = cli_error(EX_USAGE, "%s", cause);
			free(cause);
			for (i = 0; i < n; i++)
				record_free(rows[i]);
			free(rows);
			return (rc);
		}
		if (raw)
			csv_out_raw(ro.csv);
		cli_rows_print(csv_fields, NCSV, &ro);
	} else {
		ro.layout = xcalloc(8, sizeof *ro.layout);
		for (i = 0; i < 8; i++)
			ro.layout[i] = xstrdup(text_layout[i]);
		ro.nlayout = 8;
		head[0] = _("Id");
		head[1] = _("Time");
		head[2] = _("User");
		head[3] = _("Kind");
		head[4] = _("Document");
		head[5] = _("Form or file");
		head[6] = _("Size");
		head[7] = _("Sent to, note");
		if (n > 0)
			cli_rows_print(head, 8, &ro);
	}
	for (i = 0; i < n && ro.cause == NULL; i++) {
		const struct record	*r = rows[i];

		if (ro.csv != NULL) {
			for (k = 0; k < NCSV; k++) {
				int	 pos = dict_field_pos(ae, csv_fields[k]);

				v[k] = pos < 0 ? xstrdup("") :
				    value_format(&ae->fields[pos], &r->v[pos]);
				cells[k] = v[k];
			}
			cli_rows_print(cells, NCSV, &ro);
			for (k = 0; k < NCSV; k++)
				free(v[k]);
			continue;
		}
		xasprintf(&v[0], "%llu", (unsigned long long)record_id(r));
		cli_fmt_time(record_int(r, dict_field_pos(ae, "time")), when,
		    sizeof when, 1);
		size_format((uint64_t)record_int(r, dict_field_pos(ae,
		    "size")), size, sizeof size);
		cells[0] = v[0];
		cells[1] = when;
		cells[2] = record_str(r, dict_field_pos(ae, "login"));
		cells[3] = dict_enum_word(record_str(r, dict_field_pos(ae,
		    "kind")));
		cells[4] = record_str(r, dict_field_pos(ae, "doc"));
		v[5] = ca_what_words(r);
		cells[5] = v[5];
		cells[6] = size;
		/* An attachment went nowhere: its note says what it is. */
		if (strcmp(record_str(r, dict_field_pos(ae, "kind")),
		    "attachment") == 0)
			v[7] = xstrdup(record_str(r, dict_field_pos(ae,
			    "note")) != NULL ? record_str(r,
			    dict_field_pos(ae, "note")) : "-");
		else
			v[7] = ca_dest_words(record_str(r, dict_field_pos(ae,
			    "last_dest")), record_int(r, dict_field_pos(ae,
			    "sends")));
		cells[7] = v[7];
		cli_rows_print(cells, 8, &ro);
		free(v[0]);
		free(v[5]);
		free(v[7]);
	}
	for (i = 0; i < n; i++)
		record_free(rows[i]);
	free(rows);
	if (n == 0 && ro.csv == NULL)
		fprintf(stderr, _("kontor: nothing printed, mailed or attached "
		    "for %s yet\n"), argv[optind]);
	rc = 0;
	if (cli_rows_end(&ro) < 0)
		rc = cli_error(EX_IOERR, "%s", ro.cause);
	if (ro.csv != NULL)
		csv_out_close(ro.csv);
	cli_rows_free(&ro);
	free(ro.cause);
	return (rc);
}
