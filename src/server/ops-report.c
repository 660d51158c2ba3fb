/*
 * Reports: run in the server (reports/), their rows streamed to the
 * client in pages.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "auth.h"
#include "i18n.h"
#include "proto.h"
#include "reports/reports.h"
#include "server/req.h"
#include "server/server.h"
#include "xmalloc.h"

struct report_stream {
	struct req	*r;
	struct msgb	 page;
	size_t		 n;
	uint64_t	 total;
};

static int
report_flush(struct report_stream *rs)
{
	struct msgb	 m;
	int		 rc;

	mb_init(&m);
	mb_array(&m, rs->n);
	msgpack_sbuffer_write(&m.sb, rs->page.sb.data, rs->page.sb.size);
	rc = respond(rs->r, 0, NULL, 1, m.sb.data, m.sb.size);
	mb_free(&m);
	mb_reset(&rs->page);
	rs->n = 0;
	return (rc);
}

static int
report_row(struct report_sink *sink, const char *const *cells, int n)
{
	struct report_stream	*rs = sink->arg;
	int			 i;

	mb_array(&rs->page, (size_t)n);
	for (i = 0; i < n; i++)
		mb_str(&rs->page, cells[i] != NULL ? cells[i] : "");
	/* The first row goes out alone, so the reader has it as soon as the
	 * report does (a report that sums, like sales, has it at the end of
	 * its first period); then pages of 500. */
	rs->total++;
	if (++rs->n == 500 || rs->total == 1)
		return (report_flush(rs));
	return (0);
}

int
op_report(struct req *r, struct msgb *data, char **cause)
{
	const struct report_def	*rep;
	struct report_stream	 rs;
	struct report_sink	 sink;
	struct report_args	 a;
	struct msgb		 m;
	char			*name, *key, *fmt, *by, *period;
	size_t			 n;
	int			 rc;

	name = mobj_strdup(r->o, "name");
	if (name == NULL || (rep = report_find(name)) == NULL) {
		xasprintf(cause, _("no report '%s' (kontor report --list)"),
		    name ? name : "");
		free(name);
		return (EX_USAGE);
	}
	free(name);
	if (!allowed(r, rep->area, ACT_VIEW, cause))
		return (EX_NOPERM);
	memset(&a, 0, sizeof a);
	a.name = rep->name;
	a.login = r->c->login;
	a.roles = r->c->roles;
	a.as_of = mobj_int(r->o, "as_of", 0);
	if (a.as_of != 0 && !(rep->flags & REPORT_AS_OF)) {
		xasprintf(cause, _("%s takes no --as-of"), rep->name);
		return (EX_USAGE);
	}
	a.from = mobj_int(r->o, "from", 0);
	a.to = mobj_int(r->o, "to", 0);
	a.limit = mobj_int(r->o, "limit", 0);
	by = mobj_strdup(r->o, "by");
	if (by != NULL && rep->check == NULL) {
		xasprintf(cause, _("%s takes no --by"), rep->name);
		free(by);
		return (EX_USAGE);
	}
	a.by = by;
	period = mobj_strdup(r->o, "period");
	if (period != NULL && rep->check == NULL) {
		xasprintf(cause, _("%s takes no --period"), rep->name);
		free(period);
		free(by);
		return (EX_USAGE);
	}
	a.period = period;
	key = mobj_strdup(r->o, "key");
	a.key = key;
	/* "csv": for scripts, cells as stored; else for people. */
	fmt = mobj_strdup(r->o, "format");
	a.csv = fmt != NULL && strcmp(fmt, "csv") == 0;
	free(fmt);
	if (rep->check != NULL &&
	    (rc = rep->check(server_store(r->c->srv), &a, cause)) != 0) {
		free(key);
		free(by);
		free(period);
		return (rc);
	}
	/* The title and the headings in the session's language first, for
	 * people (clients that do not show them pass over a map), then the
	 * header: the names, fixed, of CSV and of cells. */
	for (n = 0; rep->columns[n] != NULL; n++)
		;
	mb_init(&m);
	mb_map(&m, 2 + (rep->text != NULL));
	mb_kstr(&m, "title", report_title(rep));
	mb_str(&m, "labels");
	mb_array(&m, n);
	for (n = 0; rep->columns[n] != NULL; n++)
		mb_str(&m, report_label(rep->columns[n]));
	/* How text shows the columns (report_def.text), when not all alike. */
	if (rep->text != NULL) {
		mb_str(&m, "layout");
		mb_array(&m, n);
		for (n = 0; rep->columns[n] != NULL; n++)
			mb_str(&m, rep->text[n]);
	}
	respond(r, 0, NULL, 1, m.sb.data, m.sb.size);
	mb_reset(&m);
	mb_array(&m, n);
	for (n = 0; rep->columns[n] != NULL; n++)
		mb_str(&m, rep->columns[n]);
	respond(r, 0, NULL, 1, m.sb.data, m.sb.size);
	mb_free(&m);
	memset(&rs, 0, sizeof rs);
	rs.r = r;
	mb_init(&rs.page);
	sink.row = report_row;
	sink.arg = &rs;
	rc = rep->run(server_store(r->c->srv), &a, &sink, cause);
	free(key);
	free(by);
	free(period);
	if (rc == 0 && rs.n > 0)
		rc = report_flush(&rs);
	mb_free(&rs.page);
	if (rc != 0) {
		if (*cause == NULL)
			xasprintf(cause, _("%s: the reader has gone"),
			    rep->name);
		return (EX_IOERR);
	}
	mb_map(data, 1);
	mb_kint(data, "rows", (int64_t)rs.total);
	return (0);
}
