/*
 * The dashboard request (client/dash.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "client/client.h"
#include "client/dash.h"
#include "dict/value.h"
#include "i18n.h"
#include "proto.h"
#include "xmalloc.h"

static char *
str_of(const msgpack_object *o)
{
	if (o->type != MSGPACK_OBJECT_STR)
		return (NULL);
	return (mobj_dup(o));
}

int
cd_dashboard(struct client *c, const char *since, const char *stock,
    int64_t today, struct cdash *out, char **cause)
{
	struct client_reply	 r;
	struct msgb		 m;
	const msgpack_object	*a, *p;
	size_t			 i;
	int			 rc;

	memset(out, 0, sizeof *out);
	client_req(c, &m, "dashboard", (since != NULL) + (stock != NULL) +
	    (today != 0));
	if (since != NULL)
		mb_kstr(&m, "since", since);
	if (stock != NULL)
		mb_kstr(&m, "stock", stock);
	if (today != 0)
		mb_kint(&m, "today", today);
	out->bytes = m.sb.size;
	if ((rc = client_call(c, &m, &r)) != 0) {
		*cause = xstrdup(r.err != NULL ? r.err : _("refused"));
		client_reply_free(&r);
		return (rc);
	}
	out->bytes += r.len;
	out->version = mobj_strdup(r.data, "version");
	out->same = mobj_int(r.data, "same", 0) != 0;
	/* Nothing changed: the version is the one we sent. */
	if (out->version == NULL && out->same && since != NULL)
		out->version = xstrdup(since);
	out->us = mobj_int(r.data, "us", 0);
	if ((a = mobj_get(r.data, "figs")) != NULL &&
	    a->type == MSGPACK_OBJECT_ARRAY) {
		out->v = xcalloc(a->via.array.size + 1, sizeof *out->v);
		for (i = 0; i < a->via.array.size; i++) {
			const msgpack_object	*t = &a->via.array.ptr[i];
			struct cdash_fig	*f = &out->v[out->n];
			char			*u;

			if (t->type != MSGPACK_OBJECT_ARRAY ||
			    t->via.array.size != 4)
				continue;
			f->figure = str_of(&t->via.array.ptr[0]);
			f->key = str_of(&t->via.array.ptr[1]);
			u = str_of(&t->via.array.ptr[2]);
			f->unit = u != NULL ? u[0] : 'n';
			free(u);
			if (t->via.array.ptr[3].type ==
			    MSGPACK_OBJECT_POSITIVE_INTEGER ||
			    t->via.array.ptr[3].type ==
			    MSGPACK_OBJECT_NEGATIVE_INTEGER)
				f->value = t->via.array.ptr[3].via.i64;
			if (f->figure == NULL || f->key == NULL) {
				free(f->figure);
				free(f->key);
				continue;
			}
			out->n++;
		}
	}
	if ((p = mobj_get(r.data, "product")) != NULL &&
	    p->type == MSGPACK_OBJECT_MAP) {
		out->sku = mobj_strdup(p, "sku");
		out->name = mobj_strdup(p, "name");
		out->more = mobj_int(p, "more", 0) != 0;
	}
	client_reply_free(&r);
	if (out->version == NULL) {
		cd_dash_free(out);
		*cause = xstrdup(_("malformed answer"));
		return (EX_PROTOCOL);
	}
	return (0);
}

void
cd_dash_free(struct cdash *d)
{
	size_t	 i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].figure);
		free(d->v[i].key);
	}
	free(d->v);
	free(d->version);
	free(d->sku);
	free(d->name);
	memset(d, 0, sizeof *d);
}

int64_t
cd_dash_value(const struct cdash *d, const char *figure, const char *key,
    int64_t def)
{
	size_t	 i;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->v[i].figure, figure) == 0 &&
		    strcmp(d->v[i].key, key) == 0)
			return (d->v[i].value);
	return (def);
}

void
cd_dash_format(char unit, int64_t v, char *buf, size_t len)
{
	switch (unit) {
	case 'm':
		money_format(v, buf, len, 0);
		break;
	case 'q':
		qty_format(v, buf, len);
		break;
	case 'd':
		date_format(v, buf, len);
		break;
	default:
		snprintf(buf, len, "%lld", (long long)v);
		break;
	}
}
