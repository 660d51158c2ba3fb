/*
 * Reports for the session (reports.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "client/client.h"
#include "client/reports.h"
#include "dict/value.h"
#include "i18n.h"
#include "proto.h"
#include "xmalloc.h"

void
rp_table_free(struct rp_table *t)
{
	size_t	 i, j;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->ncols; j++)
			free(t->rows[i][j]);
		free(t->rows[i]);
	}
	for (j = 0; j < t->ncols; j++) {
		free(t->cols[j]);
		free(t->labels[j]);
	}
	free(t->rows);
	free(t->cols);
	free(t->labels);
	free(t->title);
	free(t);
}

int
rp_col(const struct rp_table *t, const char *col)
{
	size_t	 j;

	for (j = 0; t != NULL && j < t->ncols; j++)
		if (strcmp(t->cols[j], col) == 0)
			return ((int)j);
	return (-1);
}

/* A frame: the title and headings (a map), the names (an array of
 * strings), or a page of rows. */
static void
frame(struct rp_table *t, const msgpack_object *o)
{
	size_t	 n;

	if (o != NULL && o->type == MSGPACK_OBJECT_MAP) {
		free(t->title);
		t->title = mobj_strdup(o, "title");
		if (t->labels == NULL)
			t->labels = mobj_strings(mobj_get(o, "labels"), &n);
		return;
	}
	if (o == NULL || o->type != MSGPACK_OBJECT_ARRAY)
		return;
	if (o->via.array.size > 0 &&
	    o->via.array.ptr[0].type == MSGPACK_OBJECT_STR) {
		if (t->ncols == 0)
			t->cols = mobj_strings(o, &t->ncols);
		return;
	}
	mobj_rows_add(o, t->ncols, &t->rows, &t->nrows);
}

/* The request for p, with extra more pairs for the caller to add. */
static void
rp_req(struct client *c, struct msgb *m, const struct rp_params *p,
    const char *format, size_t extra)
{
	client_req(c, m, "report", 4 + extra + (p->period != NULL) +
	    (p->by != NULL) + (p->key != NULL) + (p->manager != NULL) +
	    (p->customer != NULL) + (p->warehouse != NULL) +
	    (p->category != NULL) + (p->days != 0) + (p->as_of != 0));
	mb_kstr(m, "name", p->name);
	mb_kint(m, "from", p->from);
	mb_kint(m, "to", p->to);
	mb_kstr(m, "format", format);
	if (p->period != NULL)
		mb_kstr(m, "period", p->period);
	if (p->by != NULL)
		mb_kstr(m, "by", p->by);
	if (p->key != NULL)
		mb_kstr(m, "key", p->key);
	if (p->manager != NULL)
		mb_kstr(m, "manager", p->manager);
	if (p->customer != NULL)
		mb_kstr(m, "customer", p->customer);
	if (p->warehouse != NULL)
		mb_kstr(m, "warehouse", p->warehouse);
	if (p->category != NULL)
		mb_kstr(m, "category", p->category);
	if (p->days != 0)
		mb_kint(m, "days", p->days);
	if (p->as_of != 0)
		mb_kint(m, "as_of", p->as_of);
}

int
rp_run(struct client *c, const struct rp_params *p, int csv,
    struct rp_table **out, char **cause)
{
	struct client_reply	 r;
	struct msgb		 m;
	struct rp_table		*t;
	size_t			 j;
	int			 rc;

	*out = NULL;
	t = xcalloc(1, sizeof *t);
	rp_req(c, &m, p, csv ? "csv" : "text", 0);
	rc = client_call(c, &m, &r);
	while (rc == 0 && r.more) {
		frame(t, r.data);
		client_reply_free(&r);
		rc = client_next(c, &r);
	}
	if (rc != 0) {
		*cause = xstrdup(r.err != NULL ? r.err : _("report failed"));
		client_reply_free(&r);
		rp_table_free(t);
		return (rc);
	}
	client_reply_free(&r);
	/* Headings for every column: the names where none came. */
	if (t->labels == NULL)
		t->labels = xcalloc(t->ncols + 1, sizeof *t->labels);
	for (j = 0; j < t->ncols; j++)
		if (t->labels[j] == NULL)
			t->labels[j] = xstrdup(t->cols[j]);
	*out = t;
	return (0);
}

static void
saved_clear(struct rp_saved *v)
{
	free(v->name);
	free(v->owner);
	free(v->report);
	free(v->params);
	memset(v, 0, sizeof *v);
}

void
rp_saved_free(struct rp_saved *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		saved_clear(&v[i]);
	free(v);
}

int
rp_saved_list(struct client *c, struct rp_saved **out, size_t *n,
    char **cause)
{
	struct client_reply	 r;
	struct msgb		 m;
	const msgpack_object	*o, *e;
	uint32_t		 i;
	int			 rc;

	*out = NULL;
	*n = 0;
	client_req(c, &m, "report_saved", 0);
	if ((rc = client_call(c, &m, &r)) != 0) {
		*cause = xstrdup(r.err != NULL ? r.err : _("refused"));
		client_reply_free(&r);
		return (rc);
	}
	if ((o = r.data) != NULL && o->type == MSGPACK_OBJECT_ARRAY) {
		*out = xcalloc(o->via.array.size + 1, sizeof **out);
		for (i = 0; i < o->via.array.size; i++) {
			e = &o->via.array.ptr[i];
			(*out)[*n].name = mobj_strdup(e, "name");
			(*out)[*n].owner = mobj_strdup(e, "owner");
			(*out)[*n].report = mobj_strdup(e, "report");
			(*out)[*n].params = mobj_strdup(e, "params");
			(*out)[*n].shared = mobj_int(e, "shared", 0) != 0;
			if ((*out)[*n].name == NULL ||
			    (*out)[*n].report == NULL) {
				saved_clear(&(*out)[*n]);
				continue;
			}
			if ((*out)[*n].params == NULL)
				(*out)[*n].params = xstrdup("");
			(*n)++;
		}
	}
	client_reply_free(&r);
	return (0);
}

int
rp_save(struct client *c, const char *name, const char *report,
    const char *params, int shared, char **cause)
{
	struct client_reply	 r;
	struct msgb		 m;
	int			 rc;

	client_req(c, &m, "report_save", 4);
	mb_kstr(&m, "name", name);
	mb_kstr(&m, "report", report);
	mb_kstr(&m, "params", params);
	mb_kint(&m, "shared", shared);
	if ((rc = client_call(c, &m, &r)) != 0)
		*cause = xstrdup(r.err != NULL ? r.err : _("refused"));
	client_reply_free(&r);
	return (rc);
}

void
rp_printout_free(struct rp_printout *o)
{
	free(o->name);
	free(o->bytes);
	memset(o, 0, sizeof *o);
}

int
rp_print(struct client *c, const struct rp_params *p, const char *format,
    struct rp_printout *out, char **cause)
{
	struct client_reply	 r;
	struct msgb		 m;
	int			 rc;

	memset(out, 0, sizeof *out);
	rp_req(c, &m, p, "text", 2);
	mb_kstr(&m, "print", format);
	mb_kint(&m, "today", date_today());
	if ((rc = client_call_doc(c, &m, &r, _("report failed"), &out->bytes,
	    &out->len, cause)) != 0)
		return (rc);
	if ((out->name = mobj_strdup(r.data, "name")) == NULL)
		xasprintf(&out->name, "%s.%s", p->name, format);
	out->rows = (size_t)mobj_int(r.data, "rows", 0);
	client_reply_free(&r);
	return (0);
}
