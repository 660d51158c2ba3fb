#include "config.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proto.h"
#include "cli/csv.h"
#include "csvfmt.h"
#include "i18n.h"
#include "xmalloc.h"

struct csv_in {
	const char	*path;
	csv_row_fn	 fn;
	void		*arg;
	char		**cells;
	size_t		 ncells;
	long		 line;		/* line being fed */
	long		 row_start;	/* line the current row began on */
	int		 rc;
	char		**header;	/* the first row, to name columns */
	size_t		 nheader;
	long		 nul_col;	/* a cell of this row holds NUL */
	char		*cause;		/* why the reading stopped */
};

static const char	*csv_error_simple(struct csv_parser *);

char *
csv_neutralise(const char *s)
{
	char	*o;

	if (!csvfmt_needs_prefix(s, strlen(s)))
		return (xstrdup(s));
	xasprintf(&o, "'%s", s);
	return (o);
}

void
csv_unneutralise(char *s)
{
	if (s[0] == '\'' && csvfmt_formula_like(s + 1, strlen(s + 1)))
		memmove(s, s + 1, strlen(s));
}

static void
cell_cb(void *data, size_t len, void *arg)
{
	struct csv_in	*in = arg;
	char		*s, *p, *q;

	/* A NUL would cut the value short unseen: the row is refused. */
	if (data != NULL && memchr(data, '\0', len) != NULL &&
	    in->nul_col < 0)
		in->nul_col = (long)in->ncells;
	s = xstrndup(data != NULL ? data : "", len);
	/* CRLF inside a quoted cell is a line break, nothing more. */
	for (p = q = s; *p != '\0'; p++) {
		if (p[0] == '\r' && p[1] == '\n')
			continue;
		*q++ = *p;
	}
	*q = '\0';
	csv_unneutralise(s);
	in->cells = xreallocarray(in->cells, in->ncells + 1,
	    sizeof *in->cells);
	in->cells[in->ncells++] = s;
}

static void
row_cb(int c, void *arg)
{
	struct csv_in	*in = arg;
	size_t		 i;

	if (in->nul_col >= 0 && in->rc == 0) {
		if ((size_t)in->nul_col < in->nheader)
			xasprintf(&in->cause, _("%s:%ld: column '%s': control "
			    "character U+0000 not allowed"), in->path,
			    in->row_start, in->header[in->nul_col]);
		else
			xasprintf(&in->cause, _("%s:%ld: column %ld: control "
			    "character U+0000 not allowed"), in->path,
			    in->row_start, in->nul_col + 1);
		in->rc = -1;
	}
	in->nul_col = -1;
	/* Blank lines carry no row. */
	if (in->ncells != 0 && !(in->ncells == 1 && in->cells[0][0] == '\0') &&
	    in->rc == 0) {
		if (in->header == NULL) {
			in->header = xcalloc(in->ncells, sizeof *in->header);
			for (i = 0; i < in->ncells; i++)
				in->header[i] = xstrdup(in->cells[i]);
			in->nheader = in->ncells;
		}
		in->rc = in->fn(in->row_start, in->cells, in->ncells, in->arg);
	}
	for (i = 0; i < in->ncells; i++)
		free(in->cells[i]);
	in->ncells = 0;
	in->row_start = in->line + (c == '\n' || c == '\r' ? 1 : 0);
}

/*
 * Why libcsv stopped, in words and in the user's language, with the
 * column it stopped in; bad is the byte it refused (-1: the end of the
 * file came inside a quoted cell).  Malloc'd.
 */
static char *
csv_error_text(struct csv_parser *p, struct csv_in *in, int bad)
{
	const char	*why;
	char		*s;

	if (csv_error(p) != CSV_EPARSE) {
		xasprintf(&s, "%s", csv_error_simple(p));
		return (s);
	}
	if (bad < 0)
		why = _("a quoted cell is not closed (a \" is missing)");
	else if (bad == '"')
		why = _("a \" inside a cell that does not begin with one (put "
		    "the whole cell in quotes and double each \" inside)");
	else
		why = _("text after the closing \" of a cell (put the whole "
		    "cell in quotes and double each \" inside)");
	if (in->header != NULL && in->ncells < in->nheader)
		xasprintf(&s, _("column '%s': %s"), in->header[in->ncells],
		    why);
	else
		xasprintf(&s, _("column %zu: %s"), in->ncells + 1, why);
	return (s);
}

/* libcsv's csv_strerror(), in the user's language. */
static const char *
csv_error_simple(struct csv_parser *p)
{
	switch (csv_error(p)) {
	case CSV_EPARSE:
		return (_("error parsing data while strict checking enabled"));
	case CSV_ENOMEM:
		return (_("memory exhausted while increasing buffer size"));
	case CSV_ETOOBIG:
		return (_("data size too large"));
	default:
		return (csv_strerror(csv_error(p)));
	}
}

/* Convert a chunk with iconv; the result is malloc'd. */
static int
convert(iconv_t cd, const char *in, size_t len, char **out, size_t *olen)
{
	size_t	 cap = len * 4 + 16, left = cap;
	char	*ip = (char *)in, *op, *buf;

	buf = op = xmalloc(cap);
	if (iconv(cd, &ip, &len, &op, &left) == (size_t)-1) {
		free(buf);
		return (-1);
	}
	*out = buf;
	*olen = cap - left;
	return (0);
}

/*
 * The separator a header line uses: ';' when it has a ';' and no ','
 * outside quotes (Excel and 1C in a Russian locale write ';'), else ','.
 * 0 for a line with nothing but blanks: the next line tells.
 */
static int
csv_sniff_delim(const char *s, size_t len)
{
	size_t	 i;
	int	 quoted = 0, semi = 0, blank = 1;

	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && s[i] == ',')
			return (',');
		else if (!quoted && s[i] == ';')
			semi = 1;
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' &&
		    s[i] != '\n')
			blank = 0;
	}
	if (blank)
		return (0);
	return (semi ? ';' : ',');
}

int
csv_read(const char *path, const char *encoding, csv_row_fn fn, void *arg,
    char **cause)
{
	return (csv_read_sha256(path, encoding, 0, fn, arg, NULL, cause));
}

int
csv_read_sha256(const char *path, const char *encoding, int delim,
    csv_row_fn fn, void *arg, unsigned char *sha, char **cause)
{
	struct sha256_ctx	 ctx;
	struct csv_parser	 p;
	struct csv_in		 in;
	FILE			*f;
	iconv_t			 cd = (iconv_t)-1;
	char			*line = NULL, *conv, *data, *why;
	size_t			 cap = 0, clen, dlen, done;
	ssize_t			 n;
	int			 rc = 0, first = 1;
	size_t			 i;

	if (strcmp(path, "-") == 0)
		f = stdin;
	else if ((f = fopen(path, "r")) == NULL) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return (-2);
	}
	if (encoding != NULL && strcasecmp(encoding, "utf-8") != 0 &&
	    strcasecmp(encoding, "utf8") != 0) {
		if ((cd = iconv_open("UTF-8", encoding)) == (iconv_t)-1) {
			xasprintf(cause, _("unknown encoding '%s' (try "
			    "cp1251)"), encoding);
			if (f != stdin)
				fclose(f);
			return (-3);
		}
	}
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL | CSV_EMPTY_IS_NULL * 0);
	memset(&in, 0, sizeof in);
	in.path = path;
	in.fn = fn;
	in.arg = arg;
	in.row_start = 1;
	in.nul_col = -1;
	sha256_init(&ctx);
	if (delim != 0)
		csv_set_delim(&p, (unsigned char)delim);
	while ((n = getline(&line, &cap, f)) > 0) {
		if (sha != NULL)
			sha256_update(&ctx, (size_t)n, (const uint8_t *)line);
		in.line++;
		data = line;
		dlen = (size_t)n;
		/*
		 * A UTF-8 BOM (Excel's and 1C's "UTF-8 with BOM") is dropped
		 * before any conversion: read as cp1251 it would be three
		 * letters of the first column's name.
		 */
		if (first && dlen >= 3 &&
		    memcmp(data, "\xef\xbb\xbf", 3) == 0) {
			data += 3;
			dlen -= 3;
		}
		first = 0;
		conv = NULL;
		if (cd != (iconv_t)-1) {
			if (convert(cd, data, dlen, &conv, &clen) != 0) {
				xasprintf(cause, _("%s:%ld: not valid %s "
				    "text"), path, in.line, encoding);
				rc = -1;
				break;
			}
			data = conv;
			dlen = clen;
		}
		/* The header line tells the separator, unless told. */
		if (delim == 0 && (delim = csv_sniff_delim(data, dlen)) != 0)
			csv_set_delim(&p, (unsigned char)delim);
		if ((done = csv_parse(&p, data, dlen, cell_cb, row_cb,
		    &in)) != dlen) {
			why = csv_error_text(&p, &in,
			    (unsigned char)data[done]);
			xasprintf(cause, _("%s:%ld: malformed CSV: %s"), path,
			    in.line, why);
			free(why);
			free(conv);
			rc = -1;
			break;
		}
		free(conv);
		if (in.rc != 0) {
			rc = in.rc;
			break;
		}
	}
	if (rc == 0 && ferror(f)) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	if (rc == 0) {
		if (csv_fini(&p, cell_cb, row_cb, &in) != 0) {
			why = csv_error_text(&p, &in, -1);
			xasprintf(cause, _("%s:%ld: malformed CSV: %s"), path,
			    in.row_start, why);
			free(why);
			rc = -1;
		} else if (in.rc != 0)
			rc = in.rc;
	}
	if (in.cause != NULL) {
		if (*cause == NULL)
			*cause = in.cause;
		else
			free(in.cause);
		rc = -1;
	}
	for (i = 0; i < in.ncells; i++)
		free(in.cells[i]);
	free(in.cells);
	for (i = 0; i < in.nheader; i++)
		free(in.header[i]);
	free(in.header);
	csv_free(&p);
	free(line);
	if (sha != NULL)
		sha256_digest(&ctx, SHA256_DIGEST_SIZE, sha);
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	if (f != stdin)
		fclose(f);
	return (rc);
}

struct csv_out {
	FILE		*f;
	iconv_t		 cd;
	char		*encoding;
	struct buf	 b;
	int		 raw;		/* no ' before formulas */
	char		**head;		/* the header row's names */
	size_t		 nhead;
};

/* The cells of one CSV row (len bytes), malloc'd, as libcsv reads them. */
struct split {
	char	**v;
	size_t	  n;
};

static void
split_cell(void *data, size_t len, void *arg)
{
	struct split	*sp = arg;

	sp->v = xreallocarray(sp->v, sp->n + 1, sizeof *sp->v);
	sp->v[sp->n++] = xstrndup(data != NULL ? data : "", len);
}

static void
split_row(const char *p, size_t len, struct split *sp)
{
	struct csv_parser	 cp;

	memset(sp, 0, sizeof *sp);
	csv_init(&cp, 0);
	csv_parse(&cp, p, len, split_cell, NULL, sp);
	csv_fini(&cp, split_cell, NULL, sp);
	csv_free(&cp);
}

static void
split_free(struct split *sp)
{
	while (sp->n > 0)
		free(sp->v[--sp->n]);
	free(sp->v);
}

/* The header's names, kept from the first row written. */
static void
out_keep_head(struct csv_out *o, const char *p, size_t len)
{
	struct split	 sp;
	const char	*eol;

	if (o->head != NULL)
		return;
	if ((eol = memmem(p, len, CSVFMT_EOL, 2)) != NULL)
		len = (size_t)(eol - p);
	split_row(p, len, &sp);
	o->head = sp.v;
	o->nhead = sp.n;
}

/*
 * Why row p (len bytes, UTF-8) cannot be written in o's encoding: the
 * record (its first cell, its code), the column and the character,
 * "SKU-1001: column 'name': '×' (U+00D7) cannot be written in cp1251".
 */
static char *
out_why(struct csv_out *o, const char *p, size_t len)
{
	struct split	 sp;
	const unsigned char *u;
	char		*conv, *why = NULL;
	size_t		 i, k, clen, cl;
	uint32_t	 cp;

	split_row(p, len, &sp);
	for (i = 0; i < sp.n && why == NULL; i++) {
		u = (const unsigned char *)sp.v[i];
		for (k = 0; u[k] != '\0' && why == NULL; k += cl) {
			cl = u[k] < 0x80 ? 1 : u[k] < 0xe0 ? 2 :
			    u[k] < 0xf0 ? 3 : 4;
			for (clen = 1; clen < cl && u[k + clen] != '\0'; clen++)
				;
			cl = clen;
			iconv(o->cd, NULL, NULL, NULL, NULL);
			if (convert(o->cd, (const char *)u + k, cl, &conv,
			    &clen) == 0) {
				free(conv);
				continue;
			}
			cp = cl == 1 ? u[k] : cl == 2 ? (u[k] & 0x1fu) :
			    cl == 3 ? (u[k] & 0x0fu) : (u[k] & 0x07u);
			for (clen = 1; clen < cl; clen++)
				cp = cp << 6 | (u[k + clen] & 0x3fu);
			xasprintf(&why, _("%s: column '%s': '%.*s' (U+%04X) "
			    "cannot be written in %s"), sp.n > 0 ? sp.v[0] :
			    "", i < o->nhead ? o->head[i] : "?", (int)cl,
			    (const char *)u + k, (unsigned)cp, o->encoding);
		}
	}
	iconv(o->cd, NULL, NULL, NULL, NULL);
	split_free(&sp);
	return (why);
}

int
csv_out_open(FILE *f, const char *encoding, struct csv_out **out,
    char **cause)
{
	struct csv_out	*o;

	o = xcalloc(1, sizeof *o);
	o->f = f;
	o->cd = (iconv_t)-1;
	if (encoding != NULL && strcasecmp(encoding, "utf-8") != 0 &&
	    strcasecmp(encoding, "utf8") != 0) {
		if ((o->cd = iconv_open(encoding, "UTF-8")) == (iconv_t)-1) {
			xasprintf(cause, _("unknown encoding '%s' (try "
			    "cp1251)"), encoding);
			free(o);
			return (-1);
		}
		o->encoding = xstrdup(encoding);
	}
	*out = o;
	return (0);
}

int
csv_out_substitute(struct csv_out *o, char **cause)
{
	iconv_t	 cd;
	char	*to;

	if (o->cd == (iconv_t)-1)
		return (0);		/* UTF-8 holds every character */
	xasprintf(&to, "%s//TRANSLIT", o->encoding);
	cd = iconv_open(to, "UTF-8");
	free(to);
	if (cd == (iconv_t)-1) {
		xasprintf(cause, _("unknown encoding '%s' (try cp1251)"),
		    o->encoding);
		return (-1);
	}
	iconv_close(o->cd);
	o->cd = cd;
	return (0);
}

void
csv_out_raw(struct csv_out *o)
{
	o->raw = 1;
}

/* Write len bytes of CSV text, converted to o's encoding. */
static int
out_write(struct csv_out *o, const char *p, size_t len, char **cause)
{
	char	*conv;
	size_t	 clen, n;
	int	 e;

	if (o->cd != (iconv_t)-1) {
		if (convert(o->cd, p, len, &conv, &clen) != 0) {
			e = errno;
			if ((*cause = out_why(o, p, len)) == NULL)
				xasprintf(cause, _("a value cannot be written "
				    "in the chosen encoding: %s"), strerror(e));
			errno = e;
			return (-1);
		}
		n = fwrite(conv, 1, clen, o->f);
		free(conv);
		if (n != clen)
			goto werr;
		return (0);
	}
	if (fwrite(p, 1, len, o->f) != len)
		goto werr;
	return (0);
werr:
	e = errno;
	xasprintf(cause, _("write: %s"), strerror(e));
	errno = e;
	return (-1);
}

int
csv_out_row(struct csv_out *o, const char *const *cells, size_t n,
    char **cause)
{
	size_t	 i;

	if (o->head == NULL) {
		o->head = xcalloc(n + 1, sizeof *o->head);
		for (i = 0; i < n; i++)
			o->head[i] = xstrdup(cells[i] != NULL ? cells[i] : "");
		o->nhead = n;
	}
	o->b.len = 0;
	for (i = 0; i < n; i++) {
		const char	*s = cells[i] != NULL ? cells[i] : "";

		if (i > 0)
			buf_addc(&o->b, ',');
		csvfmt_cell(&o->b, s, strlen(s), o->raw);
	}
	buf_adds(&o->b, CSVFMT_EOL);
	return (out_write(o, o->b.data, o->b.len, cause));
}

/*
 * All of p (a frame of an export, half a megabyte) to f: what f holds is
 * flushed, then p goes to its descriptor in one write(2), not in stdio's
 * pieces.  -1 and errno as write.
 */
static int
write_all(FILE *f, const char *p, size_t len)
{
	int	 fd = fileno(f);

	if (fd < 0)
		return (fwrite(p, 1, len, f) == len ? 0 : -1);
	if (fflush(f) != 0)
		return (-1);
	return (full_write(fd, p, len));
}

int
csv_out_text(struct csv_out *o, const char *p, size_t len, char **cause)
{
	const char	*end = p + len, *q;
	char		*conv = NULL;
	size_t		 clen;
	int		 e, rc;

	if (o->cd != (iconv_t)-1)
		out_keep_head(o, p, len);
	if (o->cd == (iconv_t)-1)
		rc = write_all(o->f, p, len);
	else if (convert(o->cd, p, len, &conv, &clen) == 0)
		rc = write_all(o->f, conv, clen);
	else {
		/*
		 * A value the encoding cannot hold: the rows before it are
		 * written, as a row at a time would have written them, then
		 * the error.
		 */
		for (; p < end; p = q) {
			if ((q = memmem(p, (size_t)(end - p), CSVFMT_EOL,
			    2)) == NULL)
				q = end;
			else
				q += 2;
			if (out_write(o, p, (size_t)(q - p), cause) != 0)
				return (-1);
		}
		return (0);
	}
	free(conv);
	if (rc == 0)
		return (0);
	e = errno;
	xasprintf(cause, _("write: %s"), strerror(e));
	errno = e;
	return (-1);
}

int
csv_out_close(struct csv_out *o)
{
	if (o == NULL)
		return (0);
	if (o->cd != (iconv_t)-1)
		iconv_close(o->cd);
	while (o->nhead > 0)
		free(o->head[--o->nhead]);
	free(o->head);
	free(o->encoding);
	buf_free(&o->b);
	free(o);
	return (0);
}
