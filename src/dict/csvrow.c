/*
 * Stored records straight to CSV rows (see csvrow.h): the export's hot
 * path.  The record's msgpack map is walked in place; a record holding
 * anything this walk does not expect (a value of another type, a key
 * that is no number) is decoded the ordinary way instead, so both give
 * the same row.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "csvfmt.h"
#include "dict/codec.h"
#include "dict/csvrow.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "xmalloc.h"

#define REF_CACHE	64	/* codes of references kept, per column */

struct ref_slot {
	int64_t		 id;
	char		*code;
};

struct col {
	const struct field_def	*f;
	int			 pos;		/* in the entity's fields */
	/* The last time formatted: created and updated of rows imported
	 * together are the same second. */
	int			 tset;
	int64_t			 tval;
	char			 tbuf[32];
	struct ref_slot		*refs;		/* FT_REF: REF_CACHE */
	int			 derived;	/* codec_derived() */
};

/* A column's value in the row being read: borrowed from its bytes. */
struct cellv {
	int		 set;
	int		 isstr;
	const char	*s;
	size_t		 len;
	int64_t		 i;
};

struct csvrow {
	const struct entity_def	*e;
	int			 raw;
	char			*(*ref_code)(void *, const struct field_def *,
				    int64_t);
	void			*arg;
	struct col		*cols;
	size_t			 ncol;
	struct cellv		*cur;
	unsigned char		*seen;		/* a column the map held */
	char			**own;		/* derived cells' strings */
	size_t			 nown;
	int			*byid;		/* field id -> column, -1; -2:
						   a field not exported */
	size_t			 nbyid;
};

/* The columns of an export: code, the entity's fields, then times. */
static int
export_column(const struct field_def *f)
{
	if (f->flags & FF_SECRET)
		return (0);
	return (f->id == FID_CREATED || f->id == FID_UPDATED ||
	    !(f->flags & FF_SYSTEM));
}

size_t
csvrow_columns(const struct entity_def *e, int *pos)
{
	size_t	 i, p, n = 0;

	/* The entity's own fields from the code on, then the system's. */
	for (i = 0; i < e->nfields; i++) {
		p = i + FX_CODE < e->nfields ? i + FX_CODE :
		    i + FX_CODE - e->nfields;
		if (export_column(&e->fields[p]))
			pos[n++] = (int)p;
	}
	return (n);
}

struct csvrow *
csvrow_new(const struct entity_def *e, int raw,
    char *(*ref_code)(void *, const struct field_def *, int64_t), void *arg)
{
	struct csvrow	*cr;
	size_t		 i, maxid = 0;
	int		*pos;

	cr = xcalloc(1, sizeof *cr);
	cr->e = e;
	cr->raw = raw;
	cr->ref_code = ref_code;
	cr->arg = arg;
	cr->cols = xcalloc(e->nfields + 1, sizeof *cr->cols);
	cr->cur = xcalloc(e->nfields + 1, sizeof *cr->cur);
	cr->own = xcalloc(e->nfields + 1, sizeof *cr->own);
	cr->seen = xcalloc(e->nfields + 1, 1);
	for (i = 0; i < e->nfields; i++)
		if (e->fields[i].id > maxid)
			maxid = e->fields[i].id;
	cr->nbyid = maxid + 1;
	cr->byid = xcalloc(cr->nbyid, sizeof *cr->byid);
	for (i = 0; i < cr->nbyid; i++)
		cr->byid[i] = -1;
	for (i = 0; i < e->nfields; i++)
		cr->byid[e->fields[i].id] = -2;
	pos = xcalloc(e->nfields + 1, sizeof *pos);
	cr->ncol = csvrow_columns(e, pos);
	for (i = 0; i < cr->ncol; i++) {
		cr->cols[i].f = &e->fields[pos[i]];
		cr->cols[i].pos = pos[i];
		cr->cols[i].derived = codec_derived(e, e->fields[pos[i]].id);
		if (e->fields[pos[i]].type == FT_REF)
			cr->cols[i].refs = xcalloc(REF_CACHE,
			    sizeof *cr->cols[i].refs);
		cr->byid[e->fields[pos[i]].id] = (int)i;
	}
	free(pos);
	return (cr);
}

void
csvrow_free(struct csvrow *cr)
{
	size_t	 i, j;

	if (cr == NULL)
		return;
	for (i = 0; i < cr->ncol; i++) {
		if (cr->cols[i].refs == NULL)
			continue;
		for (j = 0; j < REF_CACHE; j++)
			free(cr->cols[i].refs[j].code);
		free(cr->cols[i].refs);
	}
	free(cr->cols);
	free(cr->cur);
	while (cr->nown > 0)
		free(cr->own[--cr->nown]);
	free(cr->own);
	free(cr->seen);
	free(cr->byid);
	free(cr);
}

void
csvrow_header(struct csvrow *cr, struct buf *b)
{
	size_t	 i;

	for (i = 0; i < cr->ncol; i++) {
		if (i > 0)
			buf_addc(b, ',');
		csvfmt_cell(b, cr->cols[i].f->name,
		    strlen(cr->cols[i].f->name), cr->raw);
	}
	buf_adds(b, CSVFMT_EOL);
}

/* The code of a reference, looked up once per export and column. */
static const char *
ref_cell(struct csvrow *cr, struct col *c, int64_t id)
{
	struct ref_slot	*sl = &c->refs[(uint64_t)id % REF_CACHE];

	if (sl->code == NULL || sl->id != id) {
		free(sl->code);
		sl->code = cr->ref_code != NULL ? cr->ref_code(cr->arg, c->f,
		    id) : NULL;
		if (sl->code == NULL)
			xasprintf(&sl->code, "%lld", (long long)id);
		sl->id = id;
	}
	return (sl->code);
}

/* An integer as %lld writes it; its length. */
static size_t
int_text(int64_t v, char *buf)
{
	char		 tmp[24];
	uint64_t	 u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	size_t		 n = 0, len = 0;

	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		buf[len++] = '-';
	while (n > 0)
		buf[len++] = tmp[--n];
	buf[len] = '\0';
	return (len);
}

/* One cell of column c with value v (set), as value_format() would
 * write it (a reference: its code). */
static void
cell(struct csvrow *cr, struct buf *b, struct col *c, const struct cellv *v)
{
	char		 buf[64];
	const char	*s = buf, *z;
	size_t		 len;

	if (v->isstr) {
		/* A C string would end at a NUL: so does the cell. */
		len = v->len;
		if ((z = memchr(v->s, '\0', len)) != NULL)
			len = (size_t)(z - v->s);
		csvfmt_cell(b, v->s, len, cr->raw);
		return;
	}
	switch (c->f->type) {
	case FT_MONEY:
	case FT_QTY:
	case FT_DATE:
	case FT_BOOL:
		s = value_format_int(c->f, v->i, buf, sizeof buf);
		break;
	case FT_TIME:
		if (!c->tset || c->tval != v->i) {
			time_format(v->i, c->tbuf, sizeof c->tbuf);
			c->tval = v->i;
			c->tset = 1;
		}
		s = c->tbuf;
		break;
	case FT_REF:
		s = ref_cell(cr, c, v->i);
		break;
	default:
		int_text(v->i, buf);
		break;
	}
	csvfmt_cell(b, s, strlen(s), cr->raw);
}

static void
emit(struct csvrow *cr, struct buf *b)
{
	size_t	 i;

	for (i = 0; i < cr->ncol; i++) {
		if (i > 0)
			buf_addc(b, ',');
		if (cr->cur[i].set)
			cell(cr, b, &cr->cols[i], &cr->cur[i]);
	}
	buf_adds(b, CSVFMT_EOL);
}

void
csvrow_add_record(struct csvrow *cr, struct buf *b, const struct record *r)
{
	const struct value	*v;
	size_t			 i;

	for (i = 0; i < cr->ncol; i++) {
		v = &r->v[cr->cols[i].pos];
		memset(&cr->cur[i], 0, sizeof cr->cur[i]);
		if (!v->set)
			continue;
		cr->cur[i].set = 1;
		if (v->s != NULL) {
			cr->cur[i].isstr = 1;
			cr->cur[i].s = v->s;
			cr->cur[i].len = strlen(v->s);
		} else
			cr->cur[i].i = v->i;
	}
	emit(cr, b);
}

/* --- the walk over the stored bytes ------------------------------------ */

enum { MV_NIL, MV_INT, MV_STR };

struct mpv {
	int		 type;
	int		 neg;	/* an integer below 0 (msgpack-c: negative) */
	int64_t		 i;
	uint64_t	 u;
	const char	*s;
	size_t		 len;
};

static uint64_t
be(const unsigned char *p, size_t n)
{
	uint64_t	 v = 0;

	while (n-- > 0)
		v = (v << 8) | *p++;
	return (v);
}

/* One nil, integer or string at *pp: 1 and *v; 0 for anything else or
 * bytes cut short (the caller decodes the ordinary way). */
static int
mp_read(const unsigned char **pp, const unsigned char *end, struct mpv *v)
{
	const unsigned char	*p = *pp;
	unsigned char		 b;
	size_t			 n;

	if (p >= end)
		return (0);
	b = *p++;
	v->neg = 0;
	if (b <= 0x7f) {
		v->type = MV_INT;
		v->u = b;
	} else if (b >= 0xe0) {
		v->type = MV_INT;
		v->neg = 1;
		v->i = (int8_t)b;
	} else if (b >= 0xa0 && b <= 0xbf) {
		v->type = MV_STR;
		v->len = b & 0x1f;
	} else if (b == 0xc0)
		v->type = MV_NIL;
	else if (b >= 0xcc && b <= 0xcf) {
		n = (size_t)1 << (b - 0xcc);
		if ((size_t)(end - p) < n)
			return (0);
		v->type = MV_INT;
		v->u = be(p, n);
		p += n;
	} else if (b >= 0xd0 && b <= 0xd3) {
		n = (size_t)1 << (b - 0xd0);
		if ((size_t)(end - p) < n)
			return (0);
		v->type = MV_INT;
		v->u = be(p, n);
		/* Sign-extended from n bytes. */
		if (n < 8 && (v->u >> (8 * n - 1)) != 0)
			v->u |= ~(uint64_t)0 << (8 * n);
		v->i = (int64_t)v->u;
		v->neg = v->i < 0;
		p += n;
	} else if (b >= 0xd9 && b <= 0xdb) {
		n = (size_t)1 << (b - 0xd9);
		if ((size_t)(end - p) < n)
			return (0);
		v->type = MV_STR;
		v->len = (size_t)be(p, n);
		p += n;
	} else
		return (0);
	if (v->type == MV_STR) {
		if ((size_t)(end - p) < v->len)
			return (0);
		v->s = (const char *)p;
		p += v->len;
	} else if (v->type == MV_INT && !v->neg)
		v->i = (int64_t)v->u;
	*pp = p;
	return (1);
}

/* Whether v can be the value of f, as codec_decode() judges it. */
static int
fits(const struct field_def *f, const struct mpv *v)
{
	switch (f->type) {
	case FT_TEXT:
	case FT_ENUM:
		return (v->type == MV_STR);
	case FT_REF:
		return (v->type == MV_STR || (v->type == MV_INT && !v->neg));
	default:
		return (v->type == MV_INT);
	}
}

/* The fields a derived one follows from (codec_derive): an id, a
 * created, an updated_by, as the walk met them. */
struct walk_src {
	struct mpv	 v[3];		/* FID_ID, FID_CREATED, FID_UPDATED_BY */
	int		 set[3];
	int		 other;		/* asked for another: cannot tell */
};

static int
walk_src_slot(uint64_t fid)
{
	return (fid == FID_ID ? 0 : fid == FID_CREATED ? 1 :
	    fid == FID_UPDATED_BY ? 2 : -1);
}

static int
walk_get(void *arg, unsigned fid, struct value *out)
{
	struct walk_src	*src = arg;
	int		 i = walk_src_slot(fid);

	memset(out, 0, sizeof *out);
	if (i < 0) {
		src->other = 1;
		return (0);
	}
	if (!src->set[i])
		return (0);
	out->set = 1;
	if (src->v[i].type == MV_STR)
		out->s = xstrndup(src->v[i].s, src->v[i].len);
	else
		out->i = src->v[i].i;
	return (1);
}

/* The record's values into cr->cur; 0 when the walk cannot tell. */
static int
walk(struct csvrow *cr, const unsigned char *p, const unsigned char *end)
{
	struct walk_src	 src;
	struct value	 d;
	struct mpv	 k, v;
	struct cellv	*cv;
	uint64_t	 n;
	size_t		 i;
	int		 col, slot;

	if (p >= end)
		return (0);
	if (*p >= 0x80 && *p <= 0x8f)
		n = *p++ & 0x0f;
	else if ((*p == 0xde || *p == 0xdf) && end - p >= (*p == 0xde ?
	    3 : 5)) {
		n = be(p + 1, *p == 0xde ? 2 : 4);
		p += *p == 0xde ? 3 : 5;
	} else
		return (0);
	memset(cr->cur, 0, cr->ncol * sizeof *cr->cur);
	memset(cr->seen, 0, cr->ncol);
	memset(&src, 0, sizeof src);
	while (cr->nown > 0)
		free(cr->own[--cr->nown]);
	while (n-- > 0) {
		if (!mp_read(&p, end, &k) || !mp_read(&p, end, &v))
			return (0);
		/* Keys other than field ids are kept aside, unread. */
		if (k.type != MV_INT || k.neg || k.u > UINT32_MAX ||
		    k.u >= cr->nbyid || (col = cr->byid[k.u]) == -1)
			continue;
		if ((slot = walk_src_slot(k.u)) >= 0 &&
		    (v.type == MV_STR || v.type == MV_INT)) {
			src.v[slot] = v;
			src.set[slot] = 1;
		}
		if (col < 0)
			continue;
		cr->seen[col] = 1;
		if (v.type == MV_NIL || !fits(cr->cols[col].f, &v))
			continue;
		cv = &cr->cur[col];
		cv->set = 1;
		cv->isstr = v.type == MV_STR;
		cv->s = v.s;
		cv->len = v.len;
		cv->i = v.i;
	}
	/* The columns the record need not store and did not: what follows
	 * from the others (codec.c), as codec_decode gives them. */
	for (i = 0; i < cr->ncol; i++) {
		if (cr->seen[i] || !cr->cols[i].derived)
			continue;
		if (codec_derive(cr->e, cr->cols[i].f->id, walk_get, &src,
		    &d) != 1) {
			if (src.other)
				return (0);
			continue;
		}
		cv = &cr->cur[i];
		cv->set = 1;
		cv->isstr = d.s != NULL;
		if (d.s != NULL) {
			cr->own[cr->nown++] = d.s;
			cv->s = d.s;
			cv->len = strlen(d.s);
		} else
			cv->i = d.i;
	}
	return (1);
}

int
csvrow_add(struct csvrow *cr, struct buf *b, const void *data, size_t len,
    char **cause)
{
	struct record	*r;

	if (walk(cr, data, (const unsigned char *)data + len)) {
		emit(cr, b);
		return (0);
	}
	if (codec_decode(cr->e, data, len, &r, cause) != 0)
		return (-1);
	csvrow_add_record(cr, b, r);
	record_free(r);
	return (0);
}
