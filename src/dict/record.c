#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dict/dict.h"
#include "dict/record.h"
#include "xmalloc.h"

struct record *
record_new(const struct entity_def *ent)
{
	struct record	*r;

	r = xcalloc(1, sizeof *r);
	r->ent = ent;
	r->v = xcalloc(ent->nfields, sizeof *r->v);
	return (r);
}

void
record_free(struct record *r)
{
	size_t	 i;

	if (r == NULL)
		return;
	for (i = 0; i < r->ent->nfields; i++)
		free(r->v[i].s);
	for (i = 0; i < r->nx; i++)
		free(r->x[i].raw);
	free(r->x);
	free(r->v);
	free(r);
}

struct record *
record_dup(const struct record *r)
{
	struct record	*n;
	size_t		 i;

	n = record_new(r->ent);
	for (i = 0; i < r->ent->nfields; i++)
		record_set_value(n, (int)i, &r->v[i]);
	if (r->nx != 0) {
		n->x = xcalloc(r->nx, sizeof *n->x);
		n->nx = r->nx;
		for (i = 0; i < r->nx; i++) {
			n->x[i].id = r->x[i].id;
			n->x[i].raw = xmemdup(r->x[i].raw, r->x[i].len);
			n->x[i].len = r->x[i].len;
		}
	}
	return (n);
}

void
record_keep_public(struct record *r)
{
	size_t	 i;

	for (i = 0; i < r->ent->nfields; i++)
		if (!(r->ent->fields[i].flags & (FF_PUBLIC | FF_SYSTEM)))
			record_clear(r, (int)i);
	for (i = 0; i < r->nx; i++)
		free(r->x[i].raw);
	free(r->x);
	r->x = NULL;
	r->nx = 0;
}

void
record_clear(struct record *r, int pos)
{
	free(r->v[pos].s);
	memset(&r->v[pos], 0, sizeof r->v[pos]);
}

void
record_set_int(struct record *r, int pos, int64_t i)
{
	record_clear(r, pos);
	r->v[pos].set = 1;
	r->v[pos].i = i;
}

void
record_set_str(struct record *r, int pos, const char *s)
{
	record_clear(r, pos);
	if (s == NULL)
		return;
	r->v[pos].set = 1;
	r->v[pos].s = xstrdup(s);
}

void
record_set_value(struct record *r, int pos, const struct value *v)
{
	record_clear(r, pos);
	if (!v->set)
		return;
	r->v[pos].set = 1;
	r->v[pos].i = v->i;
	if (v->s != NULL)
		r->v[pos].s = xstrdup(v->s);
}

int64_t
record_int(const struct record *r, int pos)
{
	return (r->v[pos].set ? r->v[pos].i : 0);
}

const char *
record_str(const struct record *r, int pos)
{
	return (r->v[pos].set ? r->v[pos].s : NULL);
}

int
record_isset(const struct record *r, int pos)
{
	return (r->v[pos].set);
}

uint64_t
record_id(const struct record *r)
{
	return ((uint64_t)record_int(r, FX_ID));
}

uint32_t
record_rev(const struct record *r)
{
	return ((uint32_t)record_int(r, FX_REV));
}

int
value_equal(const struct value *a, const struct value *b)
{
	if (a->set != b->set)
		return (0);
	if (!a->set)
		return (1);
	if ((a->s == NULL) != (b->s == NULL))
		return (0);
	if (a->s != NULL)
		return (strcmp(a->s, b->s) == 0);
	return (a->i == b->i);
}
