/*
 * Administration: status (the sessions), stop, backup, check, the audit
 * journal, the settings (meta) and init of an empty home.
 */
#include "config.h"

#ifdef HAVE_MALLINFO2
#include <malloc.h>
#endif
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "auth.h"
#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "forms/contract.h"
#include "i18n.h"
#include "log.h"
#include "model/model.h"
#include "proto.h"
#include "server/req.h"
#include "server/server.h"
#include "xmalloc.h"

static void
status_session(const struct conn *c, void *arg)
{
	struct msgb	*m = arg;

	mb_map(m, 8);
	mb_kint(m, "session", (int64_t)c->sid);
	mb_kstr(m, "login", c->login ? c->login : "?");
	mb_kint(m, "pid", c->pid);
	mb_kstr(m, "tty", c->tty);
	mb_kstr(m, "prog", c->prog);
	mb_kint(m, "since", c->since);
	mb_kint(m, "last", c->last);
	mb_kstr(m, "op", c->last_op);
}

/*
 * The server's memory, for an administrator (bench/bench_mem reads it):
 * its resident set (bytes), the cache's size and the pages it holds, the
 * lock table's structures (store_mem_info), and malloc's bytes in use and
 * free in its arenas (-1: not known here).
 */
static void
status_memory(struct server *s, struct msgb *m)
{
	FILE		*f;
	char		 line[128];
	unsigned long	 kb;
	struct store_mem sm;
	int64_t		 rss = -1, used = -1, avail = -1;
#ifdef HAVE_MALLINFO2
	struct mallinfo2 mi;

	mi = mallinfo2();
	used = (int64_t)(mi.uordblks + mi.hblkhd);
	avail = (int64_t)mi.fordblks;
#endif
	if ((f = fopen("/proc/self/status", "r")) != NULL) {
		while (fgets(line, sizeof line, f) != NULL) {
			if (sscanf(line, "VmRSS: %lu", &kb) == 1)
				rss = (int64_t)kb * 1024;
		}
		fclose(f);
	}
	store_mem_info(server_store(s), &sm);
	mb_map(m, 8);
	mb_kint(m, "rss", rss);
	mb_kint(m, "cache_size", (int64_t)sm.cache_size);
	mb_kint(m, "cache_pages", (int64_t)sm.cache_pages);
	mb_kint(m, "locks", (int64_t)sm.locks);
	mb_kint(m, "lock_objects", (int64_t)sm.lock_objects);
	mb_kint(m, "locks_peak", (int64_t)sm.locks_peak);
	mb_kint(m, "heap_used", used);
	mb_kint(m, "heap_free", avail);
}

static void
count_session(const struct conn *c, void *arg)
{
	(*(size_t *)arg)++;
}

int
op_status(struct req *r, struct msgb *data, char **cause)
{
	struct server	*s = r->c->srv;
	size_t		 n = 0;
	char		*company;
	uint64_t	 avail, reserve;
	int		 admin = (r->c->roles & ROLE_ADMIN) != 0, low;

	company = store_meta_get(server_store(s), "company");
	/* Sessions are counted and listed under one lock each; a session
	 * that comes or goes in between changes nothing that matters. */
	server_each_session(s, count_session, &n);
	store_space_info(server_store(s), &avail, &reserve, &low);
	mb_map(data, 12);
	mb_str(data, "memory");
	if (admin)
		status_memory(s, data);
	else
		mb_nil(data);
	mb_kint(data, "disk_free", (int64_t)avail);
	mb_kint(data, "disk_reserve", (int64_t)reserve);
	mb_kbool(data, "disk_low", low);
	mb_kint(data, "pid", (int64_t)getpid());
	mb_kint(data, "started", server_started(s));
	mb_kint(data, "now", (int64_t)time(NULL));
	mb_kstr(data, "home", server_home(s));
	mb_kstr(data, "company", company);
	mb_kint(data, "size", (int64_t)store_size(server_store(s)));
	mb_kstr(data, "version", PACKAGE_VERSION);
	mb_str(data, "sessions");
	if (admin) {
		struct msgb	 tmp;
		size_t		 k = 0;

		mb_init(&tmp);
		server_each_session(s, status_session, &tmp);
		/* Count what was packed: each session is one map. */
		{
			msgpack_unpacked	 u;
			size_t			 off = 0;

			msgpack_unpacked_init(&u);
			while (msgpack_unpack_next(&u, tmp.sb.data,
			    tmp.sb.size, &off) == MSGPACK_UNPACK_SUCCESS)
				k++;
			msgpack_unpacked_destroy(&u);
		}
		mb_array(data, k);
		msgpack_sbuffer_write(&data->sb, tmp.sb.data, tmp.sb.size);
		mb_free(&tmp);
	} else
		mb_int(data, (int64_t)n);
	free(company);
	return (0);
}

int
op_stop(struct req *r, struct msgb *data, char **cause)
{
	if (r->c->uid != server_owner(r->c->srv) &&
	    !allowed(r, "admin", ACT_ADMIN, cause))
		return (EX_NOPERM);
	free(*cause);
	*cause = NULL;
	log_info("stop requested by %s", r->c->login);
	server_request_stop(r->c->srv);
	mb_nil(data);
	return (0);
}

int
op_backup(struct req *r, struct msgb *data, char **cause)
{
	char	*dir, req[64];
	int	 rc;

	if (!allowed(r, "admin", ACT_ADMIN, cause))
		return (EX_NOPERM);
	if ((dir = mobj_strdup(r->o, "dir")) == NULL || *dir != '/') {
		xasprintf(cause, _("backup: an absolute directory expected"));
		free(dir);
		return (EX_USAGE);
	}
	/* The request's identity: sent again after a crash, it may
	 * replace the backup it had begun. */
	snprintf(req, sizeof req, "%llx-%llx", (unsigned long long)r->cid,
	    (unsigned long long)r->rid);
	rc = store_backup(server_store(r->c->srv), dir,
	    mobj_int(r->o, "force", 0) != 0, r->cid != 0 ? req : NULL, cause);
	if (rc == 0)
		log_info("backup into %s by %s", dir, r->c->login);
	else
		log_warnx("backup into %s failed: %s", dir, *cause);
	free(dir);
	mb_nil(data);
	return (rc == 0 ? 0 : EX_CANTCREAT);
}

int
op_check(struct req *r, struct msgb *data, char **cause)
{
	struct store	*st = server_store(r->c->srv);
	struct buf	 report = { 0 };
	int		 bad;

	if (!allowed(r, "admin", ACT_ADMIN, cause))
		return (EX_NOPERM);
	bad = store_verify(st, &report) != 0;
	bad |= model_check(st, &report) != 0;
	if (bad)
		log_warnx("check: problems found");
	mb_map(data, 2);
	mb_kbool(data, "ok", !bad);
	mb_kstr(data, "report", report.data ? report.data : "");
	buf_free(&report);
	return (bad ? EX_DATAERR : 0);
}

struct audit_q {
	struct req	*r;
	char		*entity;
	uint64_t	 id;
	char		*user;
	int64_t		 since;
	char		*doc;		/* a move's document: its import */
	struct msgb	 m;
	size_t		 n;
	uint64_t	 total;
	int		 failed;
};

static void
audit_flush(struct audit_q *q, struct msgb *page)
{
	struct msgb	 m;

	mb_init(&m);
	mb_array(&m, q->n);
	msgpack_sbuffer_write(&m.sb, page->sb.data, page->sb.size);
	respond(q->r, 0, NULL, 1, m.sb.data, m.sb.size);
	mb_free(&m);
	mb_reset(page);
	q->n = 0;
}

static int
audit_fn(const struct audit_entry *e, void *arg)
{
	struct audit_q	*q = arg;
	size_t		 i;
	int		 doc = 0;

	/* The import a stock-moves file's document was posted by (the
	 * entry of its lines names it). */
	for (i = 0; q->doc != NULL && e->id == 0 && strcmp(e->action,
	    AUDIT_IMPORT) == 0 && i < e->nch; i++)
		if (strcmp(e->ch[i].field, "doc") == 0 && e->ch[i].after !=
		    NULL && strcmp(e->ch[i].after, q->doc) == 0)
			doc = 1;
	if (doc)
		;
	else if (q->entity != NULL && strcmp(q->entity, e->entity) != 0)
		return (0);
	/* A record's history begins with the import that created it. */
	else if (q->id != 0 && q->id != e->id && !audit_import_has(e, q->id))
		return (0);
	if (q->user != NULL && (e->login == NULL ||
	    strcmp(q->user, e->login) != 0))
		return (0);
	if (e->time < q->since)
		return (0);
	mb_array(&q->m, 8);
	mb_int(&q->m, (int64_t)e->seq);
	mb_int(&q->m, e->time);
	mb_str(&q->m, e->login);
	mb_str(&q->m, e->tty);
	mb_str(&q->m, e->entity);
	/* (An import's entry, shown for one record, names it.) */
	mb_int(&q->m, (int64_t)(e->id == 0 && q->id != 0 && q->doc == NULL ?
	    q->id : e->id));
	mb_str(&q->m, e->action);
	mb_array(&q->m, e->nch);
	for (i = 0; i < e->nch; i++) {
		mb_array(&q->m, 3);
		mb_str(&q->m, e->ch[i].field);
		mb_str(&q->m, e->ch[i].before);
		mb_str(&q->m, e->ch[i].after);
	}
	q->total++;
	if (++q->n == 500)
		audit_flush(q, &q->m);
	return (0);
}

/*
 * A derived record (a stock move: postings write it, it has no entries
 * of its own) is told by the history of the document that made it: its
 * entries, and the import whose file it was posted from.
 */
static void
audit_derived(struct req *r, struct audit_q *q)
{
	struct store		*st = server_store(r->c->srv);
	const struct entity_def	*e, *de = dict_entity("stock_docs");
	struct record		*rec, *doc;
	uint64_t		 id;
	int			 pos;

	if (q->entity == NULL || q->id == 0 ||
	    (e = dict_entity(q->entity)) == NULL ||
	    !(e->flags & ENT_DERIVED) || (pos = dict_field_pos(e, "doc")) < 0 ||
	    e->fields[pos].ref == NULL ||
	    strcmp(e->fields[pos].ref, de->name) != 0 ||
	    store_get(st, e, q->id, &rec) != ST_OK)
		return;
	id = (uint64_t)record_int(rec, pos);
	record_free(rec);
	if (id == 0 || store_get(st, de, id, &doc) != ST_OK)
		return;
	free(q->entity);
	q->entity = xstrdup(de->name);
	q->id = id;
	if (record_str(doc, FX_CODE) != NULL)
		q->doc = xstrdup(record_str(doc, FX_CODE));
	record_free(doc);
}

int
op_audit(struct req *r, struct msgb *data, char **cause)
{
	struct audit_q	 q;
	int		 rc;

	if (!allowed(r, "admin", ACT_ADMIN, cause))
		return (EX_NOPERM);
	memset(&q, 0, sizeof q);
	q.r = r;
	q.entity = mobj_strdup(r->o, "entity");
	q.id = (uint64_t)mobj_int(r->o, "id", 0);
	q.user = mobj_strdup(r->o, "user");
	q.since = mobj_int(r->o, "since", 0);
	audit_derived(r, &q);
	mb_init(&q.m);
	rc = store_audit_walk(server_store(r->c->srv), 1, audit_fn, &q,
	    cause);
	if (q.n > 0)
		audit_flush(&q, &q.m);
	mb_free(&q.m);
	free(q.entity);
	free(q.user);
	free(q.doc);
	mb_map(data, 1);
	mb_kint(data, "rows", (int64_t)q.total);
	return (rc == 0 ? 0 : EX_DATAERR);
}

struct meta_arg {
	char	*key;
	char	*value;
};

static int
meta_tx(struct tx *x, struct wctx *w, char **cause)
{
	struct meta_arg	*a = w->arg;
	struct audit_entry *e;
	char		*old;
	int		 rc;

	old = store_meta_get(tx_store(x), a->key);
	if ((rc = tx_meta_put(x, a->key, a->value)) != ST_OK) {
		free(old);
		return (rc);
	}
	e = xcalloc(1, sizeof *e);
	e->entity = xstrdup("settings");
	e->action = xstrdup("update");
	audit_add_change(e, a->key, old, a->value);
	tx_audit(x, e);
	free(old);
	mb_nil(w->data);
	return (ST_OK);
}

/* Settings: the company name.  Reading is for all, writing for admins. */
int
op_meta(struct req *r, struct msgb *data, char **cause)
{
	struct meta_arg	 a;
	int		 rc;

	a.key = mobj_strdup(r->o, "key");
	a.value = mobj_strdup(r->o, "value");
	if (a.key == NULL || strcmp(a.key, "company") != 0) {
		xasprintf(cause, _("unknown setting '%s'"), a.key ? a.key : "");
		rc = EX_USAGE;
	} else if (a.value == NULL) {
		char	*v = store_meta_get(server_store(r->c->srv), a.key);

		mb_str(data, v);
		free(v);
		rc = 0;
	} else if (!allowed(r, "admin", ACT_ADMIN, cause))
		rc = EX_NOPERM;
	else
		rc = st_exit(run_write(r, data, meta_tx, &a, cause));
	free(a.key);
	free(a.value);
	return (rc);
}

struct init_arg {
	const char	*login;
	const char	*name;
	char		*company;
	int		 demo;
};

static int
init_tx(struct tx *x, struct wctx *w, char **cause)
{
	struct init_arg		*a = w->arg;
	const struct entity_def	*e = dict_entity("users");
	struct record		*u;
	int			 rc;

	if ((rc = tx_meta_put(x, "company", a->company)) != ST_OK ||
	    (rc = tx_meta_put(x, "format", "1")) != ST_OK)
		return (rc);
	u = record_new(e);
	record_set_str(u, FX_CODE, a->login);
	record_set_str(u, dict_field_pos(e, "name"), a->name);
	record_set_str(u, dict_field_pos(e, "roles"), "admin");
	rc = model_save(x, u, 0, cause);
	record_free(u);
	if (rc == ST_OK)
		rc = deal_seed_stages(x, cause);
	if (rc == ST_OK)
		rc = company_seed(x, a->company, cause);
	if (rc == ST_OK && a->demo)
		rc = model_demo(x, cause);
	if (rc == ST_OK) {
		mb_map(w->data, 1);
		mb_kstr(w->data, "admin", a->login);
	}
	return (rc);
}

/*
 * A new home: the login that runs its server becomes the first admin.
 * Only that login, and only while there are no users.
 */
int
op_init(struct req *r, struct msgb *data, char **cause)
{
	struct store	*st = server_store(r->c->srv);
	struct passwd	 pw, *pwp = NULL;
	struct record	**rows;
	struct init_arg	 a;
	char		 pwbuf[4096], *comma, *why = NULL;
	size_t		 n, i;
	int		 rc;

	if (r->c->uid != server_owner(r->c->srv)) {
		xasprintf(cause, _("only the owner of the home may initialise "
		    "it"));
		return (EX_NOPERM);
	}
	if (store_scan(st, dict_entity("users"), -1, NULL, 0, 1, 1, &rows,
	    &n) != ST_OK)
		return (EX_SOFTWARE);
	for (i = 0; i < n; i++)
		record_free(rows[i]);
	free(rows);
	if (n != 0) {
		xasprintf(cause, _("%s is already a kontor home"),
		    server_home(r->c->srv));
		return (EX_CANTCREAT);
	}
	if (getpwuid_r(r->c->uid, &pw, pwbuf, sizeof pwbuf, &pwp) != 0 ||
	    pwp == NULL) {
		xasprintf(cause, _("uid %ld has no login name"),
		    (long)r->c->uid);
		return (EX_NOPERM);
	}
	memset(&a, 0, sizeof a);
	a.login = pw.pw_name;
	if ((comma = strchr(pw.pw_gecos, ',')) != NULL)
		*comma = '\0';
	a.name = *pw.pw_gecos != '\0' ? pw.pw_gecos : pw.pw_name;
	a.company = mobj_strdup(r->o, "company");
	if (a.company == NULL)
		a.company = xstrdup(_("My company"));
	a.demo = mobj_int(r->o, "demo", 0) != 0;
	conn_identify(r->c, xstrdup(pw.pw_name), NULL, NULL);
	rc = st_exit(run_write(r, data, init_tx, &a, cause));
	if (rc == 0)
		log_info("initialised for %s by %s%s", a.company, a.login,
		    a.demo ? " with demo data" : "");
	else {
		/* A home with no users is no home: this server stops, and
		 * kontor init removes what it made. */
		log_warnx("init failed: %s", *cause != NULL ? *cause : "?");
		server_request_stop(r->c->srv);
	}
	/* The contract form's template, for the admin to make the firm's
	 * own; without it the form uses the same built-in text. */
	if (rc == 0 && contract_template_write(server_home(r->c->srv),
	    &why) != 0) {
		log_warnx("init: %s", why);
		free(why);
	}
	free(a.company);
	return (rc);
}
