#include "config.h"

#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
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
#include "dict/codec.h"
#include "dict/dict.h"
#include "dict/norm.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "log.h"
#include "model/model.h"
#include "model/stock.h"
#include "proto.h"
#include "reports/reports.h"
#include "server/req.h"
#include "server/request.h"
#include "server/server.h"
#include "xmalloc.h"

#define PAGE_MAX	1000	/* rows in one scan answer */
#define EXPORT_FIRST	100	/* the first export frame: rows arrive soon */
#define EXPORT_PAGE	2000

#define OP_ANON		0x01	/* allowed before hello */
#define OP_WRITE	0x02	/* remembered by request id */

#define ERR_MAX		1024	/* bytes of an error message sent */
#define HELLO_TTY_MAX	64	/* characters of a hello's tty */
#define HELLO_PROG_MAX	32	/* and of its prog */

struct op_def {
	const char	*name;
	unsigned	 flags;
	int		(*fn)(struct req *, struct msgb *, char **);
};

struct staged {
	int64_t		 line;
	char		*p;
	size_t		 len;
};

struct import_state {
	const struct entity_def	*ent;
	int			 batch;		/* stock-moves: one document */
	int			 update;
	int			 dry_run;
	int			*map;	/* column -> field position, -1 */
	size_t			 ncols;
	struct staged		*rows;
	size_t			 nrows;
	char			**codes;	/* a set, to refuse repeats */
	size_t			 ncodes;
	size_t			 ncodes_cap;
};

static void	pack_ref_codes(struct store *, struct msgb *, struct record **,
		    size_t);
static int	op_hello(struct req *, struct msgb *, char **);
static int	op_get(struct req *, struct msgb *, char **);
static int	op_put(struct req *, struct msgb *, char **);
static int	op_delete(struct req *, struct msgb *, char **);
static int	op_scan(struct req *, struct msgb *, char **);
static int	op_search(struct req *, struct msgb *, char **);
static int	op_count(struct req *, struct msgb *, char **);
static int	op_export(struct req *, struct msgb *, char **);
static int	op_import_begin(struct req *, struct msgb *, char **);
static int	op_import_rows(struct req *, struct msgb *, char **);
static int	op_import_commit(struct req *, struct msgb *, char **);
static int	op_status(struct req *, struct msgb *, char **);
static int	op_stop(struct req *, struct msgb *, char **);
static int	op_backup(struct req *, struct msgb *, char **);
static int	op_check(struct req *, struct msgb *, char **);
static int	op_audit(struct req *, struct msgb *, char **);
static int	op_meta(struct req *, struct msgb *, char **);
static int	op_init(struct req *, struct msgb *, char **);
static int	op_report(struct req *, struct msgb *, char **);

static const struct op_def op_table[] = {
	{ "hello",		OP_ANON,	op_hello },
	{ "get",		0,		op_get },
	{ "put",		OP_WRITE,	op_put },
	{ "delete",		OP_WRITE,	op_delete },
	{ "scan",		0,		op_scan },
	{ "search",		0,		op_search },
	{ "count",		0,		op_count },
	{ "export",		0,		op_export },
	{ "import_begin",	0,		op_import_begin },
	{ "import_rows",	0,		op_import_rows },
	{ "import_commit",	OP_WRITE,	op_import_commit },
	{ "status",		0,		op_status },
	{ "stop",		0,		op_stop },
	{ "backup",		0,		op_backup },
	{ "check",		0,		op_check },
	{ "audit",		0,		op_audit },
	{ "meta",		0,		op_meta },
	{ "init",		OP_ANON,	op_init },
	{ "report",		0,		op_report },
	{ "doc",		OP_WRITE,	op_doc },
	{ "find_product",	0,		op_find_product },
	{ "draft_put",		OP_WRITE,	op_draft_put },
	{ "drafts",		0,		op_drafts },
	{ "draft_drop",		OP_WRITE,	op_draft_drop },
};

/* ST_* to the exit code the client reports. */
int
st_exit(int st)
{
	switch (st) {
	case ST_OK:		return (0);
	case ST_NOTFOUND:	return (EX_NOINPUT);
	case ST_EXISTS:
	case ST_INVALID:	return (EX_DATAERR);
	case ST_CONFLICT:
	case ST_BUSY:
	case ST_FULL:
	case ST_DEADLOCK:	return (EX_TEMPFAIL);
	case ST_DENIED:		return (EX_NOPERM);
	default:		return (EX_SOFTWARE);
	}
}

/*
 * What a refusal naming a column starts the name with: "column '" as
 * English says it, or as the session's language does (the words of
 * "column '%s': %s" before the name, «колонка '»).  Its length.
 */
static size_t
column_words(int translated, char *buf, size_t size)
{
	const char	*fmt = "column '%s': %s";	/* i18n: no */
	size_t		 n;

	if (translated)
		fmt = _("column '%s': %s");
	n = strcspn(fmt, "%");
	snprintf(buf, size, "%.*s", (int)n, fmt);
	return (strlen(buf));
}

/* The column a refusal names first, in English or in the session's
 * language: its wire name in buf, or 0. */
static int
cause_field(const char *err, char *buf, size_t size)
{
	char		 words[64];
	const char	*p, *best = NULL;
	size_t		 n, len;
	int		 t;

	for (t = 0; t < 2; t++) {
		n = column_words(t, words, sizeof words);
		if (n == 0 || (p = strstr(err, words)) == NULL)
			continue;
		if (best == NULL || p + n < best)
			best = p + n;
	}
	if (best == NULL)
		return (0);
	len = strspn(best, "abcdefghijklmnopqrstuvwxyz0123456789_");
	if (len == 0 || best[len] != '\'' || len >= size)
		return (0);
	memcpy(buf, best, len);
	buf[len] = '\0';
	return (1);
}

/* Whether a refusal starts as fmt does up to its first argument, in
 * English or in the session's language. */
static int
cause_starts(const char *err, const char *fmt)
{
	const char	*t = _(fmt);

	return ((strcspn(fmt, "%") > 0 && strncmp(err, fmt,
	    strcspn(fmt, "%")) == 0) || (strcspn(t, "%") > 0 &&
	    strncmp(err, t, strcspn(t, "%")) == 0));
}

int
respond(struct req *r, int rc, const char *err, int more, const char *data,
    size_t dlen)
{
	struct msgb	 m;
	const char	*refusal = NULL;
	char		 field[64];
	int		 sent, has_field = 0;

	if (err != NULL && rc != 0) {
		has_field = cause_field(err, field, sizeof field);
		if (rc == st_exit(ST_CONFLICT) && r->st == ST_CONFLICT)
			refusal = "conflict";
		else if (rc == st_exit(ST_INVALID) && cause_starts(err,
		    stock_over_receipt))
			refusal = "over-receipt";
	}
	mb_init(&m);
	mb_map(&m, 5 + (has_field != 0) + (refusal != NULL));
	mb_kint(&m, "rid", (int64_t)r->rid);
	mb_kint(&m, "rc", rc);
	if (err != NULL) {
		/* Messages echo what clients sent: never raw, never long. */
		char	*safe = text_escape(err, ERR_MAX);

		mb_kstr(&m, "err", safe);
		free(safe);
	} else
		mb_kstr(&m, "err", NULL);
	if (has_field)
		mb_kstr(&m, "field", field);
	if (refusal != NULL)
		mb_kstr(&m, "refusal", refusal);
	mb_kbool(&m, "more", more);
	mb_str(&m, "data");
	if (data != NULL && dlen != 0)
		msgpack_sbuffer_write(&m.sb, data, dlen);
	else
		mb_nil(&m);
	if ((sent = conn_send(r->c, m.sb.data, m.sb.size)) != 0)
		log_debug("session %llu: send: %s",
		    (unsigned long long)r->c->sid, strerror(errno));
	mb_free(&m);
	return (sent);
}

/* A permission check, with the refusal logged and worded for a person. */
int
allowed(struct req *r, const char *area, unsigned act, char **cause)
{
	char	*roles;

	if (auth_allowed(r->c->roles, area, act))
		return (1);
	roles = auth_roles_format(r->c->roles);
	xasprintf(cause, _("permission denied: %s (roles %s) may not %s in %s "
	    "(%s)"), r->c->login, roles, auth_action_title(act), area,
	    auth_area_title(area));
	server_log_refusal(r->c->srv, r->c->uid, "refused: %s (uid %ld) %s: "
	    "may not %s in %s", r->c->login, (long)r->c->uid, r->op,
	    auth_action_name(act), area);
	free(roles);
	return (0);
}

const struct entity_def *
req_entity(struct req *r, char **cause)
{
	const struct entity_def	*e;
	char			*name, *names;

	name = mobj_strdup(r->o, "entity");
	if (name == NULL || (e = dict_entity(name)) == NULL) {
		names = dict_entity_names();
		xasprintf(cause, _("unknown entity '%s' (entities: %s)"),
		    name ? name : "", names);
		free(names);
		free(name);
		return (NULL);
	}
	free(name);
	return (e);
}

/*
 * Whether the caller may read e.  Anyone signed in may read the public
 * fields of an entity that has them (a user's login and full name: every
 * form that names a user must show and pick one); *limited then says the
 * rows must be cut to those fields and searched only by them.
 */
static int
read_allowed(struct req *r, const struct entity_def *e, int *limited,
    char **cause)
{
	*limited = 0;
	if (auth_allowed(r->c->roles, e->area, ACT_VIEW))
		return (1);
	if (r->c->roles != 0 && dict_has_public(e)) {
		*limited = 1;
		return (1);
	}
	return (allowed(r, e->area, ACT_VIEW, cause));
}

/* Cut rows to what a limited reader may see. */
static void
rows_keep_public(struct record **rows, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		record_keep_public(rows[i]);
}

/* --- writes, remembered by request id ------------------------------ */

static void
reqlog_key(struct req *r, unsigned char *key)
{
	norm_u64(r->cid, key);
	norm_u64(r->rid, key + 8);
}

static int
write_tx(struct tx *x, void *arg, char **cause)
{
	struct wctx	*w = arg;
	unsigned char	 key[16];
	int		 rc;

	char		*stored;
	size_t		 slen;

	mb_reset(w->data);
	if (w->r->cid != 0) {
		/* Checked again inside: the original of a re-send may have
		 * been running when the first look found nothing. */
		reqlog_key(w->r, key);
		rc = tx_reqlog_get(x, key, sizeof key, &stored, &slen);
		if (rc == ST_OK) {
			msgpack_sbuffer_write(&w->data->sb, stored, slen);
			free(stored);
			return (ST_OK);
		}
		if (rc != ST_NOTFOUND)
			return (rc);
	}
	if ((rc = w->fn(x, w, cause)) != ST_OK)
		return (rc);
	if (w->r->cid != 0)
		rc = tx_reqlog_put(x, key, sizeof key, w->data->sb.data,
		    w->data->sb.size);
	return (rc);
}

int
run_write(struct req *r, struct msgb *data,
    int (*fn)(struct tx *, struct wctx *, char **), void *arg, char **cause)
{
	struct wctx	 w;
	int		 rc;

	memset(&w, 0, sizeof w);
	w.r = r;
	w.data = data;
	w.fn = fn;
	w.arg = arg;
	rc = store_run(server_store(r->c->srv), r->c->login, r->c->tty,
	    write_tx, &w, cause);
	r->st = rc;
	return (rc);
}

/* --- hello: who is this? ------------------------------------------- */

/*
 * Why an unregistered login is refused, with the fix that suits it: a
 * clerk is added with a clerk's role; root acts as the home's owner (the
 * one the server runs as) or is made an admin; the owner of the home is
 * its admin, not a sales clerk.
 */
static void
hello_unregistered(struct req *r, const char *login, char **cause)
{
	struct passwd	 pw, *pwp = NULL;
	char		 pwbuf[4096];
	uid_t		 owner = server_owner(r->c->srv);

	if (r->c->uid == owner)
		xasprintf(cause, _("user '%s' is not registered here, though "
		    "it owns the home; an administrator can run: kontor user "
		    "add %s --role admin"), login, login);
	else if (r->c->uid == 0)
		xasprintf(cause, _("user '%s' is not registered here; run "
		    "kontor as the home's owner (sudo -u %s kontor ...), or an "
		    "administrator can run: kontor user add %s --role admin"),
		    login, getpwuid_r(owner, &pw, pwbuf, sizeof pwbuf,
		    &pwp) == 0 && pwp != NULL ? pw.pw_name : "OWNER", login);
	else
		xasprintf(cause, _("user '%s' is not registered here; an "
		    "administrator can run: kontor user add %s --role sales"),
		    login, login);
}

/*
 * The controlling terminal of the client's process ("pts/3"), read from
 * /proc; NULL when it has none, or when /proc does not show it (another
 * user's processes are hidden from a server under ProtectProc=invisible)
 * or shows a process of another uid (the pid was reused).
 */
static char *
peer_tty(pid_t pid, uid_t uid)
{
	struct stat	 sb;
	char		 path[64], buf[1024], *p, *tty;
	unsigned long	 maj, min;
	ssize_t		 n;
	int		 fd, nr;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if (pid <= 0 || (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return (NULL);
	if (fstat(fd, &sb) != 0 || sb.st_uid != uid ||
	    (n = read(fd, buf, sizeof buf - 1)) <= 0) {
		close(fd);
		return (NULL);
	}
	close(fd);
	buf[n] = '\0';
	/* pid (comm) state ppid pgrp session tty_nr: comm may hold ')'. */
	if ((p = strrchr(buf, ')')) == NULL ||
	    sscanf(p + 1, " %*c %*d %*d %*d %d", &nr) != 1 || nr == 0)
		return (NULL);
	maj = ((unsigned)nr >> 8) & 0xfff;
	min = ((unsigned)nr & 0xff) | (((unsigned)nr >> 12) & 0xfff00);
	if (maj >= 136 && maj <= 143)
		xasprintf(&tty, "pts/%lu", (maj - 136) * 256 + min);
	else if (maj == 4 && min < 64)
		xasprintf(&tty, "tty%lu", min);
	else if (maj == 4)
		xasprintf(&tty, "ttyS%lu", min - 64);
	else
		xasprintf(&tty, "tty%lu:%lu", maj, min);
	return (tty);
}

/* What a hello says of itself (tty, prog): "-" when missing, else a
 * string of at most max printable characters; -1 and *cause if not. */
static int
hello_text(struct req *r, const char *key, int max, char **out,
    char **cause)
{
	const msgpack_object	*o = mobj_get(r->o, key);
	char			*why = NULL;

	*out = NULL;
	if (o == NULL || o->type == MSGPACK_OBJECT_NIL) {
		*out = xstrdup("-");
		return (0);
	}
	if (o->type != MSGPACK_OBJECT_STR || o->via.str.size > (size_t)max *
	    4 || memchr(o->via.str.ptr, '\0', o->via.str.size) != NULL) {
		xasprintf(cause, _("hello: '%s': at most %d printable "
		    "characters expected"), key, max);
		return (-1);
	}
	*out = mobj_dup(o);
	if (text_check(*out, max, 0, &why) != 0) {
		xasprintf(cause, _("hello: '%s': %s"), key, why);
		free(why);
		free(*out);
		*out = NULL;
		return (-1);
	}
	return (0);
}

/*
 * The rights of the user with record id as they are now: 0 and *roles;
 * 1 and *why when the session of login must end (disabled, renamed, no
 * valid role); -1 when the store cannot say now.  *why is a format with
 * the login for its one argument, untranslated: each session says it in
 * its own language (server_end_session()).
 */
static int
user_rights(struct store *st, uint64_t id, const char *login,
    unsigned *roles, const char **why)
{
	const struct entity_def	*e = dict_entity("users");
	struct record		*u;
	char			*bad = NULL;
	int			 rc;

	if ((rc = store_get(st, e, id, &u)) == ST_NOTFOUND) {
		*why = N_("your login %s is no longer registered: this "
		    "session has ended");
		return (1);
	}
	if (rc != ST_OK)
		return (-1);
	rc = 1;
	if (record_str(u, FX_CODE) == NULL ||
	    strcmp(record_str(u, FX_CODE), login) != 0)
		*why = N_("your login %s was renamed by an administrator: "
		    "this session has ended");
	else if (record_int(u, dict_field_pos(e, "disabled")))
		*why = N_("your login %s was disabled by an administrator: "
		    "this session has ended");
	else if (auth_roles_parse(record_str(u, dict_field_pos(e, "roles")),
	    roles, &bad) != 0)
		*why = N_("your login %s has no valid role any more: this "
		    "session has ended");
	else
		rc = 0;
	free(bad);
	record_free(u);
	return (rc);
}

/*
 * Before each request of a signed-in session: if a users record changed
 * since its rights were read, read them again; a session whose user was
 * disabled (or renamed) ends, with its request refused.  0, or an exit
 * code and *cause.
 */
static int
session_current(struct req *r, char **cause)
{
	struct conn	*c = r->c;
	uint64_t	 gen = server_users_gen(c->srv);
	unsigned	 roles;
	const char	*why = NULL;

	if (gen == c->gen || c->user_id == 0)
		return (0);
	switch (user_rights(server_store(c->srv), c->user_id, c->login,
	    &roles, &why)) {
	case 0:
		if (roles != c->roles) {
			char	*now = auth_roles_format(roles);
			char	*was = auth_roles_format(c->roles);

			log_info("session %llu (%s): roles now %s, were %s",
			    (unsigned long long)c->sid, c->login, now, was);
			free(now);
			free(was);
		}
		conn_set_rights(c, roles, c->user_id, gen);
		return (0);
	case 1:
		server_end_session(c->srv, c->sid, why);
		xasprintf(cause, _(why), c->login);
		return (EX_NOPERM);
	default:
		xasprintf(cause, _("your rights cannot be read now: try "
		    "again"));
		return (EX_TEMPFAIL);
	}
}

struct session_ref {
	uint64_t	 sid;
	uint64_t	 user_id;
	char		*login;
};

struct session_refs {
	struct session_ref	*v;
	size_t			 n;
};

static void
session_collect(const struct conn *c, void *arg)
{
	struct session_refs	*l = arg;

	if (c->roles == 0 || c->user_id == 0 || c->ended != NULL ||
	    c->login == NULL)
		return;
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n].sid = c->sid;
	l->v[l->n].user_id = c->user_id;
	l->v[l->n].login = xstrdup(c->login);
	l->n++;
}

/*
 * A users record changed (committed): every session reads its rights
 * again before its next request, and the sessions of users now disabled
 * end at once, each told why.
 */
static void
users_changed(struct server *s)
{
	struct session_refs	 l = { NULL, 0 };
	unsigned		 roles;
	size_t			 i;
	const char		*why;

	server_users_changed(s);
	server_each_session(s, session_collect, &l);
	for (i = 0; i < l.n; i++) {
		why = NULL;
		if (user_rights(server_store(s), l.v[i].user_id, l.v[i].login,
		    &roles, &why) == 1)
			server_end_session(s, l.v[i].sid, why);
		free(l.v[i].login);
	}
	free(l.v);
}

static int
op_hello(struct req *r, struct msgb *data, char **cause)
{
	struct server		*s = r->c->srv;
	struct store		*st = server_store(s);
	const struct entity_def	*e = dict_entity("users");
	struct passwd		 pw, *pwp = NULL;
	char			 pwbuf[4096], *why = NULL, *company;
	char			*tty, *prog, *own, *lang = NULL;
	struct record		*u = NULL;
	struct value		 key;
	unsigned		 roles;
	uint64_t		 gen;

	/* The session answers in the client's language, refusals too. */
	lang = mobj_strdup(r->o, "lang");
	i18n_thread(lang);
	if (getpwuid_r(r->c->uid, &pw, pwbuf, sizeof pwbuf, &pwp) != 0 ||
	    pwp == NULL) {
		xasprintf(cause, _("uid %ld has no login name on this host"),
		    (long)r->c->uid);
		server_log_refusal(s, r->c->uid, "refused: uid %ld has no "
		    "login name", (long)r->c->uid);
		free(lang);
		return (EX_NOPERM);
	}
	conn_identify(r->c, xstrdup(pw.pw_name), NULL, NULL);
	if (hello_text(r, "tty", HELLO_TTY_MAX, &tty, cause) != 0 ||
	    hello_text(r, "prog", HELLO_PROG_MAX, &prog, cause) != 0) {
		free(tty);
		server_log_refusal(s, r->c->uid, "refused: %s (uid %ld): %s",
		    pw.pw_name, (long)r->c->uid, *cause);
		free(lang);
		return (EX_DATAERR);
	}
	/* The terminal as the kernel knows it, where we can see it. */
	if ((own = peer_tty(r->c->pid, r->c->uid)) != NULL) {
		free(tty);
		tty = own;
	}
	/* Read before the user: a change committed after is seen anew. */
	gen = server_users_gen(s);
	memset(&key, 0, sizeof key);
	key.set = 1;
	key.s = pw.pw_name;
	if (store_lookup(st, e, FX_CODE, &key, &u) != ST_OK) {
		hello_unregistered(r, pw.pw_name, cause);
		server_log_refusal(s, r->c->uid, "refused: %s (uid %ld) is not "
		    "registered", pw.pw_name, (long)r->c->uid);
		free(tty);
		free(prog);
		free(lang);
		return (EX_NOPERM);
	}
	if (record_int(u, dict_field_pos(e, "disabled"))) {
		xasprintf(cause, _("user '%s' is disabled here; an "
		    "administrator can run: kontor user mod %s --enable"),
		    pw.pw_name, pw.pw_name);
		server_log_refusal(s, r->c->uid, "refused: %s (uid %ld) is "
		    "disabled", pw.pw_name, (long)r->c->uid);
		record_free(u);
		free(tty);
		free(prog);
		free(lang);
		return (EX_NOPERM);
	}
	if (auth_roles_parse(record_str(u, dict_field_pos(e, "roles")),
	    &roles, &why) != 0) {
		xasprintf(cause, _("user '%s' has no valid role: %s"),
		    pw.pw_name, why);
		free(why);
		record_free(u);
		free(tty);
		free(prog);
		free(lang);
		return (EX_NOPERM);
	}
	conn_identify(r->c, NULL, tty, prog);
	conn_set_rights(r->c, roles, record_id(u), gen);
	/* The user's own language, unless the client chose one (--lang). */
	if (!mobj_int(r->o, "lang_forced", 0) && record_str(u,
	    dict_field_pos(e, "lang")) != NULL) {
		free(lang);
		lang = xstrdup(record_str(u, dict_field_pos(e, "lang")));
		i18n_thread(lang);
	}
	company = store_meta_get(st, "company");
	mb_map(data, 6);
	mb_kstr(data, "lang", lang != NULL && strcmp(lang, "ru") == 0 ? "ru" :
	    "en");
	free(lang);
	mb_kstr(data, "login", pw.pw_name);
	mb_kstr(data, "name", record_str(u, dict_field_pos(e, "name")));
	mb_kint(data, "roles", roles);
	mb_kstr(data, "company", company);
	mb_kint(data, "uid", u == NULL ? 0 : (int64_t)record_id(u));
	free(company);
	record_free(u);
	return (0);
}

/* --- records --------------------------------------------------------- */

void
pack_record(struct msgb *m, const struct record *rec)
{
	char	*p;
	size_t	 len;

	codec_encode(rec, &p, &len);
	mb_bin(m, p, len);
	free(p);
}

static int
op_get(struct req *r, struct msgb *data, char **cause)
{
	struct store		*st = server_store(r->c->srv);
	const struct entity_def	*e;
	struct record		*rec;
	struct value		 key;
	char			*code;
	int			 rc, limited;

	if ((e = req_entity(r, cause)) == NULL)
		return (EX_DATAERR);
	if (!read_allowed(r, e, &limited, cause))
		return (EX_NOPERM);
	if ((code = mobj_strdup(r->o, "code")) != NULL) {
		memset(&key, 0, sizeof key);
		key.set = 1;
		key.s = code;
		rc = store_lookup(st, e, FX_CODE, &key, &rec);
	} else
		rc = store_get(st, e, (uint64_t)mobj_int(r->o, "id", 0), &rec);
	if (rc != ST_OK) {
		if (rc == ST_NOTFOUND && code != NULL)
			xasprintf(cause, _("%s: no record with code %s"),
			    e->name, code);
		else if (rc == ST_NOTFOUND)
			xasprintf(cause, _("%s: no record with id %lld"),
			    e->name,
			    (long long)mobj_int(r->o, "id", 0));
		free(code);
		return (st_exit(rc));
	}
	free(code);
	if (limited)
		record_keep_public(rec);
	pack_record(data, rec);
	record_free(rec);
	return (0);
}

int
req_decode(struct store *st, struct tx *x, const struct entity_def *e,
    const char *p, size_t len, struct record **out, char **cause)
{
	struct record	*stored = NULL;
	struct value	 id;
	int		 rc;

	if (codec_decode_client(e, p, len, NULL, out, cause) == 0)
		return (ST_OK);
	/* Refused: unless it hands back what the stored record keeps. */
	if (codec_find(p, len, FID_ID, &id) != 1 || id.s != NULL ||
	    id.i <= 0) {
		value_free(&id);
		return (ST_INVALID);
	}
	rc = x != NULL ? tx_get(x, e, (uint64_t)id.i, 1, &stored) :
	    store_get(st, e, (uint64_t)id.i, &stored);
	if (rc == ST_NOTFOUND)
		return (ST_INVALID);
	if (rc != ST_OK) {
		free(*cause);
		*cause = NULL;
		return (rc);
	}
	if (stored->nx > 0) {
		free(*cause);
		*cause = NULL;
		rc = codec_decode_client(e, p, len, stored, out, cause) == 0 ?
		    ST_OK : ST_INVALID;
	} else
		rc = ST_INVALID;
	record_free(stored);
	return (rc);
}

struct put_arg {
	const struct entity_def	*e;
	const char		*p;
	size_t			 len;
	uint32_t		 rev;
};

static int
put_tx(struct tx *x, struct wctx *w, char **cause)
{
	struct put_arg	*a = w->arg;
	struct record	*rec;
	int		 rc;

	if ((rc = req_decode(NULL, x, a->e, a->p, a->len, &rec, cause)) !=
	    ST_OK)
		return (rc);
	if ((rc = model_save(x, rec, a->rev, cause)) == ST_OK) {
		mb_map(w->data, 3);
		mb_kint(w->data, "id", (int64_t)record_id(rec));
		mb_kint(w->data, "rev", record_rev(rec));
		mb_kstr(w->data, "code", record_str(rec, FX_CODE));
	}
	record_free(rec);
	return (rc);
}

static int
op_put(struct req *r, struct msgb *data, char **cause)
{
	struct put_arg	 a;
	struct record	*probe;
	int		 rc;

	memset(&a, 0, sizeof a);
	if ((a.e = req_entity(r, cause)) == NULL)
		return (EX_DATAERR);
	if (mobj_bin(r->o, "rec", &a.p, &a.len) != 0) {
		xasprintf(cause, _("no record sent"));
		return (EX_DATAERR);
	}
	/* Refused whole before any transaction, when it is not valid. */
	if ((rc = req_decode(server_store(r->c->srv), NULL, a.e, a.p, a.len,
	    &probe, cause)) != ST_OK)
		return (st_exit(rc));
	rc = record_id(probe) == 0 ? ACT_CREATE : ACT_EDIT;
	record_free(probe);
	if (!allowed(r, a.e->area, (unsigned)rc, cause))
		return (EX_NOPERM);
	a.rev = (uint32_t)mobj_int(r->o, "rev", 0);
	rc = run_write(r, data, put_tx, &a, cause);
	if (rc == ST_OK && strcmp(a.e->name, "users") == 0)
		users_changed(r->c->srv);
	return (st_exit(rc));
}

struct del_arg {
	const struct entity_def	*e;
	uint64_t		 id;
	uint32_t		 rev;
};

static int
del_tx(struct tx *x, struct wctx *w, char **cause)
{
	struct del_arg	*a = w->arg;
	int		 rc;

	if ((rc = model_delete(x, a->e, a->id, a->rev, cause)) == ST_OK)
		mb_int(w->data, (int64_t)a->id);
	return (rc);
}

static int
op_delete(struct req *r, struct msgb *data, char **cause)
{
	struct del_arg	 a;

	if ((a.e = req_entity(r, cause)) == NULL)
		return (EX_DATAERR);
	if (!allowed(r, a.e->area, ACT_DELETE, cause))
		return (EX_NOPERM);
	a.id = (uint64_t)mobj_int(r->o, "id", 0);
	a.rev = (uint32_t)mobj_int(r->o, "rev", 0);
	return (st_exit(run_write(r, data, del_tx, &a, cause)));
}

void
pack_rows(struct msgb *data, struct record **rows, size_t n)
{
	size_t	 i;

	mb_array(data, n);
	for (i = 0; i < n; i++) {
		pack_record(data, rows[i]);
		record_free(rows[i]);
	}
	free(rows);
}

static int
op_scan(struct req *r, struct msgb *data, char **cause)
{
	struct store		*st = server_store(r->c->srv);
	const struct entity_def	*e;
	const msgpack_object	*from;
	struct record		**rows;
	struct value		 v;
	size_t			 n, limit;
	char			*idx, *s, *why = NULL;
	int			 pos = -1, rc, dir, limited;

	if ((e = req_entity(r, cause)) == NULL)
		return (EX_DATAERR);
	if (!read_allowed(r, e, &limited, cause))
		return (EX_NOPERM);
	if ((idx = mobj_strdup(r->o, "index")) != NULL &&
	    strcmp(idx, "id") != 0) {
		pos = dict_field_pos(e, idx);
		if (pos < 0 || !(e->fields[pos].flags &
		    (FF_INDEXED|FF_UNIQUE)) || (limited &&
		    !(e->fields[pos].flags & FF_PUBLIC))) {
			xasprintf(cause, _("%s has no index '%s'"),
			    e->name, idx);
			free(idx);
			return (EX_DATAERR);
		}
	}
	free(idx);
	memset(&v, 0, sizeof v);
	from = mobj_get(r->o, "from");
	if (mobj_is_str(from) && pos >= 0) {
		s = mobj_dup(from);
		if (e->fields[pos].type == FT_TEXT ||
		    e->fields[pos].type == FT_ENUM) {
			v.set = 1;
			v.s = s;
		} else {
			if (value_parse(&e->fields[pos], s, &v, &why) != 0) {
				xasprintf(cause, _("from: %s"), why);
				free(why);
				free(s);
				return (EX_DATAERR);
			}
			free(s);
		}
	} else if (from != NULL && (from->type ==
	    MSGPACK_OBJECT_POSITIVE_INTEGER || from->type ==
	    MSGPACK_OBJECT_NEGATIVE_INTEGER)) {
		v.set = 1;
		v.i = mobj_int(r->o, "from", 0);
	}
	dir = mobj_int(r->o, "dir", 1) < 0 ? -1 : 1;
	limit = (size_t)mobj_int(r->o, "limit", 50);
	if (limit == 0 || limit > PAGE_MAX)
		limit = PAGE_MAX;
	rc = store_scan(st, e, pos, &v, (uint64_t)mobj_int(r->o, "from_id", 0),
	    dir, limit, &rows, &n);
	value_free(&v);
	if (rc != ST_OK) {
		xasprintf(cause, _("%s: the list cannot be read"), e->name);
		return (st_exit(rc));
	}
	if (limited)
		rows_keep_public(rows, n);
	if (!mobj_int(r->o, "refs", 0)) {
		pack_rows(data, rows, n);
		return (0);
	}
	/* With the codes of the references in the rows: a list's page is
	 * one request, not one more per product or warehouse shown. */
	mb_map(data, 2);
	mb_str(data, "refs");
	pack_ref_codes(st, data, rows, n);
	mb_str(data, "rows");
	pack_rows(data, rows, n);	/* frees them */
	return (0);
}

/* [entity, id, code] for each distinct reference in rows. */
static void
pack_ref_codes(struct store *st, struct msgb *data, struct record **rows,
    size_t n)
{
	struct {
		const struct field_def	*f;
		int64_t			 id;
	}		*seen = NULL;
	size_t		 nseen = 0, i, j, k;
	const struct entity_def	*e = n > 0 ? rows[0]->ent : NULL;
	char		*code;

	for (i = 0; i < n; i++)
		for (j = 0; j < e->nfields; j++) {
			const struct field_def	*f = &e->fields[j];
			int64_t			 id;

			if (f->type != FT_REF || !record_isset(rows[i],
			    (int)j))
				continue;
			id = record_int(rows[i], (int)j);
			for (k = 0; k < nseen; k++)
				if (strcmp(seen[k].f->ref, f->ref) == 0 &&
				    seen[k].id == id)
					break;
			if (k < nseen)
				continue;
			seen = xreallocarray(seen, nseen + 1, sizeof *seen);
			seen[nseen].f = f;
			seen[nseen].id = id;
			nseen++;
		}
	mb_array(data, nseen);
	for (k = 0; k < nseen; k++) {
		code = model_ref_code(st, seen[k].f, seen[k].id);
		mb_array(data, 3);
		mb_str(data, seen[k].f->ref);
		mb_int(data, seen[k].id);
		mb_str(data, code);
		free(code);
	}
	free(seen);
}

static int
op_search(struct req *r, struct msgb *data, char **cause)
{
	struct store		*st = server_store(r->c->srv);
	const struct entity_def	*e;
	struct record		**rows;
	char			*field, *prefix;
	size_t			 n, limit;
	int			 pos, rc, limited;

	if ((e = req_entity(r, cause)) == NULL)
		return (EX_DATAERR);
	if (!read_allowed(r, e, &limited, cause))
		return (EX_NOPERM);
	field = mobj_strdup(r->o, "field");
	prefix = mobj_strdup(r->o, "prefix");
	pos = field != NULL ? dict_field_pos(e, field) : -1;
	if (pos < 0 || !dict_field_indexed(&e->fields[pos]) ||
	    prefix == NULL || (limited &&
	    !(e->fields[pos].flags & FF_PUBLIC))) {
		xasprintf(cause, _("%s cannot be searched by '%s'"), e->name,
		    field ? field : "");
		free(field);
		free(prefix);
		return (EX_DATAERR);
	}
	limit = (size_t)mobj_int(r->o, "limit", 50);
	if (limit == 0 || limit > PAGE_MAX)
		limit = PAGE_MAX;
	rc = store_search(st, e, pos, (e->fields[pos].flags & FF_SEARCH) != 0,
	    prefix, limit, &rows, &n);
	free(field);
	free(prefix);
	if (rc != ST_OK) {
		xasprintf(cause, _("%s: search failed"), e->name);
		return (st_exit(rc));
	}
	if (limited)
		rows_keep_public(rows, n);
	pack_rows(data, rows, n);
	return (0);
}

static int
op_count(struct req *r, struct msgb *data, char **cause)
{
	const struct entity_def	*e;

	if ((e = req_entity(r, cause)) == NULL)
		return (EX_DATAERR);
	if (!allowed(r, e->area, ACT_VIEW, cause))
		return (EX_NOPERM);
	mb_int(data, (int64_t)store_count(server_store(r->c->srv), e));
	return (0);
}

/* --- export and import ---------------------------------------------- */

/* The columns of an export: code, the entity's fields, then times. */
static int
export_column(const struct field_def *f)
{
	if (f->flags & FF_SECRET)
		return (0);
	return (f->id == FID_CREATED || f->id == FID_UPDATED ||
	    !(f->flags & FF_SYSTEM));
}

/* The i-th exported field: the entity's own fields from the code on,
 * then the system's times. */
static int
export_order(const struct entity_def *e, size_t i)
{
	size_t	 nsys = FX_CODE;

	return ((int)(i + nsys < e->nfields ? i + nsys : i + nsys -
	    e->nfields));
}

static char *
cell_format(struct store *st, const struct field_def *f,
    const struct value *v)
{
	if (f->type == FT_REF && v->set && v->s == NULL)
		return (model_ref_code(st, f, v->i));
	return (value_format(f, v));
}

static int
op_export(struct req *r, struct msgb *data, char **cause)
{
	struct store		*st = server_store(r->c->srv);
	const struct entity_def	*e;
	struct record		**rows;
	struct msgb		 m;
	uint64_t		 last = 0, total = 0;
	size_t			 n, i, j, ncol = 0, page = EXPORT_FIRST;
	int			 cols[256];
	int			 rc;

	if ((e = req_entity(r, cause)) == NULL)
		return (EX_DATAERR);
	if (!allowed(r, e->area, ACT_EXPORT, cause))
		return (EX_NOPERM);
	mb_init(&m);
	for (i = 0; i < e->nfields && i < sizeof cols / sizeof cols[0]; i++)
		if (export_column(&e->fields[export_order(e, i)]))
			cols[ncol++] = export_order(e, i);
	mb_array(&m, ncol);
	for (i = 0; i < ncol; i++)
		mb_str(&m, e->fields[cols[i]].name);
	respond(r, 0, NULL, 1, m.sb.data, m.sb.size);
	/* Page by page, each read in its own short transaction; nothing is
	 * held while a page goes to the client. */
	for (;;) {
		rc = store_scan(st, e, -1, NULL, last, 1, page, &rows, &n);
		if (rc != ST_OK) {
			mb_free(&m);
			xasprintf(cause, P_("%s: export failed after %llu row",
			    "%s: export failed after %llu rows", total),
			    e->name, (unsigned long long)total);
			return (st_exit(rc));
		}
		if (n == 0) {
			free(rows);
			break;
		}
		mb_reset(&m);
		mb_array(&m, n);
		for (i = 0; i < n; i++) {
			mb_array(&m, ncol);
			for (j = 0; j < ncol; j++) {
				char	*cell;

				cell = cell_format(st, &e->fields[cols[j]],
				    &rows[i]->v[cols[j]]);
				mb_str(&m, cell);
				free(cell);
			}
			last = record_id(rows[i]);
			record_free(rows[i]);
		}
		free(rows);
		total += n;
		/* The client has gone (or stopped reading): stop too. */
		if (respond(r, 0, NULL, 1, m.sb.data, m.sb.size) != 0) {
			mb_free(&m);
			xasprintf(cause, P_("%s: export abandoned by the "
			    "client after %llu row", "%s: export abandoned by "
			    "the client after %llu rows", total), e->name,
			    (unsigned long long)total);
			return (EX_IOERR);
		}
		page = EXPORT_PAGE;
	}
	mb_free(&m);
	mb_map(data, 1);
	mb_kint(data, "rows", (int64_t)total);
	return (0);
}

static void
import_free(struct import_state *im)
{
	size_t	 i;

	if (im == NULL)
		return;
	for (i = 0; i < im->nrows; i++)
		free(im->rows[i].p);
	free(im->rows);
	for (i = 0; i < im->ncodes_cap; i++)
		free(im->codes[i]);
	free(im->codes);
	free(im->map);
	free(im);
}

void
request_conn_done(struct conn *c)
{
	import_free(c->imp);
	c->imp = NULL;
}

/*
 * The columns of a stock-moves file: the lines of one batch document,
 * with sku for product and quantity for qty; what makes the document
 * (doc, line, code) is not a column.
 */
#define BATCH_COLUMNS	"type, sku, warehouse, quantity, to_warehouse, " \
			"unit_cost, lot, expiry, bin"
static const char *const batch_required[] = {
	"type", "sku", "warehouse", "quantity", NULL
};

/* What a stock-moves file calls a field of stock_lines, so a refusal
 * names the file's column. */
static const char *
batch_name(int batch, const char *field)
{
	if (batch && strcmp(field, "product") == 0)
		return ("sku");
	if (batch && strcmp(field, "qty") == 0)
		return ("quantity");
	return (field);
}

/* The same for a refusal of the rules: "column 'product': ..." (or as
 * the session's language says "column"). */
static void
batch_cause(char **cause)
{
	static const char *const fields[] = { "product", "qty" };
	char	 words[64], col[96], *s;
	size_t	 i, len;
	int	 t;

	for (t = 0; t < 2; t++) {
		column_words(t, words, sizeof words);
		for (i = 0; *cause != NULL && i < sizeof fields /
		    sizeof fields[0]; i++) {
			len = (size_t)snprintf(col, sizeof col, "%s%s'", words,
			    fields[i]);
			if (strncmp(*cause, col, len) != 0)
				continue;
			xasprintf(&s, "%s%s'%s", words, batch_name(1,
			    fields[i]), *cause + len);
			free(*cause);
			*cause = s;
			return;
		}
	}
}

static int
batch_column(int batch, const struct entity_def *e, const char *name)
{
	int	 pos;

	if (!batch)
		return (dict_field_pos(e, name));
	if (strcmp(name, "sku") == 0)
		name = "product";
	else if (strcmp(name, "quantity") == 0)
		name = "qty";
	else if (strcmp(name, "doc") == 0 || strcmp(name, "line") == 0 ||
	    strcmp(name, "code") == 0 || strcmp(name, "book_qty") == 0 ||
	    strcmp(name, "po_line") == 0)
		return (-1);
	pos = dict_field_pos(e, name);
	return (pos >= 0 && (e->fields[pos].flags & FF_SYSTEM) ? -1 : pos);
}

static int
op_import_begin(struct req *r, struct msgb *data, char **cause)
{
	const struct entity_def	*e;
	const msgpack_object	*h;
	struct import_state	*im;
	size_t			 i, j;
	int			 pos, have_code = 0, batch;
	char			*name;

	name = mobj_strdup(r->o, "entity");
	batch = name != NULL && strcmp(name, "stock-moves") == 0;
	free(name);
	if (batch)
		e = dict_entity("stock_lines");
	else if ((e = req_entity(r, cause)) == NULL)
		return (EX_DATAERR);
	if (!allowed(r, e->area, ACT_CREATE, cause) ||
	    (batch && !allowed(r, e->area, ACT_POST, cause)))
		return (EX_NOPERM);
	if (batch && mobj_int(r->o, "update", 0)) {
		xasprintf(cause, _("stock moves are posted, never updated: "
		    "--update does not apply"));
		return (EX_USAGE);
	}
	if (mobj_int(r->o, "update", 0) &&
	    !allowed(r, e->area, ACT_EDIT, cause))
		return (EX_NOPERM);
	h = mobj_get(r->o, "header");
	if (h == NULL || h->type != MSGPACK_OBJECT_ARRAY ||
	    h->via.array.size == 0) {
		xasprintf(cause, _("the header row is missing"));
		return (EX_DATAERR);
	}
	im = xcalloc(1, sizeof *im);
	im->ent = e;
	im->batch = batch;
	im->update = mobj_int(r->o, "update", 0) != 0;
	im->dry_run = mobj_int(r->o, "dry_run", 0) != 0;
	im->ncols = h->via.array.size;
	im->map = xcalloc(im->ncols, sizeof *im->map);
	for (i = 0; i < im->ncols; i++) {
		name = mobj_dup(&h->via.array.ptr[i]);
		pos = name != NULL ? batch_column(batch, e, name) : -1;
		if (pos < 0 && batch) {
			xasprintf(cause, _("column '%s': not a column of stock "
			    "moves (columns: %s)"), name ? name : "",
			    BATCH_COLUMNS);
			free(name);
			import_free(im);
			return (EX_DATAERR);
		}
		if (pos < 0) {
			struct buf	 b = { 0 };

			for (j = 0; j < e->nfields; j++)
				if (!(e->fields[j].flags & FF_SYSTEM))
					buf_printf(&b, "%s%s", b.len ? ", " :
					    "", e->fields[j].name);
			xasprintf(cause, _("column '%s': not a field of %s "
			    "(fields: %s)"), name ? name : "", e->name, b.data);
			buf_free(&b);
			free(name);
			import_free(im);
			return (EX_DATAERR);
		}
		for (j = 0; j < i; j++)
			if (im->map[j] == pos) {
				xasprintf(cause, _("column '%s' appears twice"),
				    name);
				free(name);
				import_free(im);
				return (EX_DATAERR);
			}
		/* Times and ids are the system's: accepted, not taken. */
		im->map[i] = (e->fields[pos].flags & FF_SYSTEM) ? -2 : pos;
		if (pos == FX_CODE)
			have_code = 1;
		free(name);
	}
	for (i = 0; batch && batch_required[i] != NULL; i++) {
		pos = batch_column(1, e, batch_required[i]);
		for (j = 0; j < im->ncols; j++)
			if (im->map[j] == pos)
				break;
		if (j == im->ncols) {
			xasprintf(cause, _("column '%s' is missing "
			    "(columns: %s)"), batch_required[i], BATCH_COLUMNS);
			import_free(im);
			return (EX_DATAERR);
		}
	}
	if (im->update && !have_code) {
		xasprintf(cause, _("--update matches rows by '%s': that column "
		    "is missing"), e->fields[FX_CODE].name);
		import_free(im);
		return (EX_DATAERR);
	}
	for (i = 0; i < im->ncols; i++)
		if (im->map[i] == -2)
			im->map[i] = -1;
	import_free(r->c->imp);
	r->c->imp = im;
	mb_nil(data);
	return (0);
}

static uint64_t
code_hash(const char *s)
{
	uint64_t	 h = 14695981039346656037ULL;	/* FNV-1a */

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (h);
}

/* Whether code was staged before; if not, remember it.  A repeat fails
 * the import before the transaction, not after a long undo.  An open
 * addressing set, grown at half full. */
static int
import_seen(struct import_state *im, const char *code)
{
	size_t	 i, mask, cap = im->ncodes_cap;
	char	**old;

	if (2 * (im->ncodes + 1) > cap) {
		old = im->codes;
		im->ncodes_cap = cap == 0 ? 1024 : cap * 2;
		im->codes = xcalloc(im->ncodes_cap, sizeof *im->codes);
		mask = im->ncodes_cap - 1;
		for (i = 0; i < cap; i++) {
			size_t	 j;

			if (old[i] == NULL)
				continue;
			for (j = code_hash(old[i]) & mask; im->codes[j] != NULL;
			    j = (j + 1) & mask)
				;
			im->codes[j] = old[i];
		}
		free(old);
	}
	mask = im->ncodes_cap - 1;
	for (i = code_hash(code) & mask; im->codes[i] != NULL;
	    i = (i + 1) & mask)
		if (strcmp(im->codes[i], code) == 0)
			return (1);
	im->codes[i] = xstrdup(code);
	im->ncodes++;
	return (0);
}

static int
op_import_rows(struct req *r, struct msgb *data, char **cause)
{
	struct import_state	*im = r->c->imp;
	const msgpack_object	*rows;
	size_t			 i, j;

	if (im == NULL) {
		/* The rows were staged on a connection that is gone. */
		xasprintf(cause, _("the import was cut off (the server "
		    "restarted?); nothing was saved: run it again"));
		return (EX_TEMPFAIL);
	}
	rows = mobj_get(r->o, "rows");
	if (rows == NULL || rows->type != MSGPACK_OBJECT_ARRAY) {
		xasprintf(cause, _("no rows sent"));
		return (EX_DATAERR);
	}
	for (i = 0; i < rows->via.array.size; i++) {
		const msgpack_object	*row = &rows->via.array.ptr[i];
		const msgpack_object	*cells;
		struct record		*rec;
		struct staged		*sg;
		int64_t			 line;
		char			*why = NULL, *cell;

		if (row->type != MSGPACK_OBJECT_ARRAY ||
		    row->via.array.size != 2 ||
		    row->via.array.ptr[1].type != MSGPACK_OBJECT_ARRAY) {
			xasprintf(cause, _("malformed row"));
			return (EX_DATAERR);
		}
		line = row->via.array.ptr[0].via.i64;
		cells = &row->via.array.ptr[1];
		if (cells->via.array.size != im->ncols) {
			mb_map(data, 1);
			mb_kint(data, "line", line);
			xasprintf(cause, P_("%zu column expected, got %u",
			    "%zu columns expected, got %u", im->ncols),
			    im->ncols, cells->via.array.size);
			return (EX_DATAERR);
		}
		rec = record_new(im->ent);
		for (j = 0; j < im->ncols; j++) {
			const struct field_def	*f;
			struct value		 v;

			if (im->map[j] < 0)
				continue;
			f = &im->ent->fields[im->map[j]];
			cell = mobj_dup(&cells->via.array.ptr[j]);
			if (value_parse(f, cell ? cell : "", &v, &why) != 0) {
				mb_map(data, 1);
				mb_kint(data, "line", line);
				xasprintf(cause, _("column '%s': %s"),
				    batch_name(im->batch, f->name), why);
				free(why);
				free(cell);
				record_free(rec);
				return (EX_DATAERR);
			}
			free(cell);
			record_set_value(rec, im->map[j], &v);
			value_free(&v);
		}
		if (record_str(rec, FX_CODE) != NULL &&
		    import_seen(im, record_str(rec, FX_CODE))) {
			mb_map(data, 1);
			mb_kint(data, "line", line);
			xasprintf(cause, _("column '%s': \"%s\" appears twice "
			    "in the file"), im->ent->fields[FX_CODE].name,
			    record_str(rec, FX_CODE));
			record_free(rec);
			return (EX_DATAERR);
		}
		im->rows = xreallocarray(im->rows, im->nrows + 1,
		    sizeof *im->rows);
		sg = &im->rows[im->nrows++];
		sg->line = line;
		codec_encode(rec, &sg->p, &sg->len);
		record_free(rec);
	}
	mb_int(data, (int64_t)im->nrows);
	return (0);
}

struct import_counts {
	uint64_t	 created;
	uint64_t	 updated;
};

static int
import_tx(struct tx *x, struct wctx *w, char **cause)
{
	struct import_state	*im = w->r->c->imp;
	struct import_counts	 n = { 0, 0 };
	struct record		*rec, *old;
	uint64_t		 id;
	size_t			 i, j;
	char			*why = NULL;
	int			 rc;

	for (i = 0; i < im->nrows; i++) {
		w->errline = im->rows[i].line;
		if (codec_decode(im->ent, im->rows[i].p, im->rows[i].len, &rec,
		    cause) != 0)
			return (ST_ERR);
		old = NULL;
		if (im->update && record_isset(rec, FX_CODE)) {
			rc = tx_find(x, im->ent, FX_CODE, &rec->v[FX_CODE],
			    &id);
			if (rc == ST_OK)
				rc = tx_get(x, im->ent, id, 1, &old);
			if (rc != ST_OK && rc != ST_NOTFOUND) {
				record_free(rec);
				return (rc);
			}
		}
		if (old != NULL) {
			/* The file's columns over the stored record. */
			for (j = 0; j < im->ncols; j++)
				if (im->map[j] >= 0)
					record_set_value(old, im->map[j],
					    &rec->v[im->map[j]]);
			record_free(rec);
			rec = old;
			rc = model_save(x, rec, record_rev(rec), &why);
			n.updated++;
		} else {
			rc = model_save(x, rec, 0, &why);
			n.created++;
		}
		record_free(rec);
		if (rc != ST_OK) {
			if (why != NULL)
				*cause = why;
			return (rc);
		}
	}
	w->errline = 0;
	mb_map(w->data, 3);
	mb_kint(w->data, "created", (int64_t)n.created);
	mb_kint(w->data, "updated", (int64_t)n.updated);
	mb_kbool(w->data, "dry_run", im->dry_run);
	/* A dry run checks everything the real one would, then aborts. */
	return (im->dry_run ? ST_ABORT : ST_OK);
}

/* A stock-moves file: one batch document of all its lines, posted in
 * this transaction, or nothing. */
static int
batch_tx(struct tx *x, struct wctx *w, char **cause)
{
	struct import_state	*im = w->r->c->imp;
	const struct entity_def	*de = dict_entity("stock_docs");
	struct record		*doc, *posted, **ls;
	size_t			 i, n = 0;
	int64_t			 line = 0;
	int			 rc = ST_OK;

	ls = xcalloc(im->nrows + 1, sizeof *ls);
	for (i = 0; i < im->nrows && rc == ST_OK; i++) {
		if (codec_decode(im->ent, im->rows[i].p, im->rows[i].len,
		    &ls[i], cause) != 0)
			rc = ST_ERR;
		else
			n++;
	}
	doc = record_new(de);
	record_set_str(doc, dict_field_pos(de, "type"), "batch");
	record_set_str(doc, dict_field_pos(de, "notes"), "kontor import "
	    "stock-moves");
	if (rc == ST_OK)
		rc = doc_save(x, doc, 0, 1, ls, n, 1, 0, &line, cause);
	if (rc != ST_OK)
		batch_cause(cause);
	w->errline = line > 0 && (size_t)line <= im->nrows ?
	    im->rows[line - 1].line : 0;
	/* Numbered as it was posted: the stored header has the number. */
	if (rc == ST_OK && (rc = tx_get(x, de, record_id(doc), 0,
	    &posted)) == ST_OK) {
		mb_map(w->data, 4);
		mb_kint(w->data, "created", (int64_t)n);
		mb_kint(w->data, "updated", 0);
		mb_kbool(w->data, "dry_run", im->dry_run);
		mb_kstr(w->data, "doc", record_str(posted, FX_CODE));
		record_free(posted);
	}
	for (i = 0; i < n; i++)
		record_free(ls[i]);
	free(ls);
	record_free(doc);
	if (rc == ST_OK && im->dry_run)
		return (ST_ABORT);
	return (rc);
}

static int
op_import_commit(struct req *r, struct msgb *data, char **cause)
{
	struct import_state	*im = r->c->imp;
	struct wctx		 w;
	int			 rc;

	if (im == NULL) {
		/* The rows were staged on a connection that is gone. */
		xasprintf(cause, _("the import was cut off (the server "
		    "restarted?); nothing was saved: run it again"));
		return (EX_TEMPFAIL);
	}
	memset(&w, 0, sizeof w);
	w.r = r;
	w.data = data;
	w.fn = im->batch ? batch_tx : import_tx;
	rc = store_run(server_store(r->c->srv), r->c->login, r->c->tty,
	    write_tx, &w, cause);
	r->st = rc;
	if (rc == ST_ABORT)
		rc = ST_OK;
	else if (rc != ST_OK && rc != ST_FULL && rc != ST_BUSY &&
	    w.errline != 0) {
		/* The line that was refused; not the one being saved when
		 * the disk filled or the database was busy. */
		mb_reset(data);
		mb_map(data, 1);
		mb_kint(data, "line", w.errline);
	} else if (rc == ST_OK) {
		log_info("import: %s imported %zu rows of %s", r->c->login,
		    im->nrows, im->ent->name);
		if (!im->dry_run && strcmp(im->ent->name, "users") == 0)
			users_changed(r->c->srv);
	}
	request_conn_done(r->c);
	return (st_exit(rc));
}

/* --- administration --------------------------------------------------- */

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

static void
count_session(const struct conn *c, void *arg)
{
	(*(size_t *)arg)++;
}

static int
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
	mb_map(data, 11);
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

static int
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

static int
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

static int
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

	if (q->entity != NULL && strcmp(q->entity, e->entity) != 0)
		return (0);
	if (q->id != 0 && q->id != e->id)
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
	mb_int(&q->m, (int64_t)e->id);
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

static int
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
	mb_init(&q.m);
	rc = store_audit_walk(server_store(r->c->srv), 1, audit_fn, &q,
	    cause);
	if (q.n > 0)
		audit_flush(&q, &q.m);
	mb_free(&q.m);
	free(q.entity);
	free(q.user);
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
static int
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
static int
op_init(struct req *r, struct msgb *data, char **cause)
{
	struct store	*st = server_store(r->c->srv);
	struct passwd	 pw, *pwp = NULL;
	struct record	**rows;
	struct init_arg	 a;
	char		 pwbuf[4096], *comma;
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
	free(a.company);
	return (rc);
}

/* --- reports: run in the server, rows streamed in pages -------------- */

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
	rs->total++;
	if (++rs->n == 500)
		return (report_flush(rs));
	return (0);
}

static int
op_report(struct req *r, struct msgb *data, char **cause)
{
	const struct report_def	*rep;
	struct report_stream	 rs;
	struct report_sink	 sink;
	struct report_args	 a;
	struct msgb		 m;
	char			*name, *key, *fmt;
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
	a.from = mobj_int(r->o, "from", 0);
	a.to = mobj_int(r->o, "to", 0);
	a.limit = mobj_int(r->o, "limit", 0);
	key = mobj_strdup(r->o, "key");
	a.key = key;
	/* "csv": for scripts, cells as stored; else for people. */
	fmt = mobj_strdup(r->o, "format");
	a.csv = fmt != NULL && strcmp(fmt, "csv") == 0;
	free(fmt);
	if (rep->check != NULL &&
	    (rc = rep->check(server_store(r->c->srv), &a, cause)) != 0) {
		free(key);
		return (rc);
	}
	/* The title and the headings in the session's language first, for
	 * people (clients that do not show them pass over a map), then the
	 * header: the names, fixed, of CSV and of cells. */
	for (n = 0; rep->columns[n] != NULL; n++)
		;
	mb_init(&m);
	mb_map(&m, 2);
	mb_kstr(&m, "title", report_title(rep));
	mb_str(&m, "labels");
	mb_array(&m, n);
	for (n = 0; rep->columns[n] != NULL; n++)
		mb_str(&m, report_label(rep->columns[n]));
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

/* --- dispatch ------------------------------------------------------------ */

void
request_handle(struct conn *c, const char *frame, size_t len)
{
	const struct op_def	*op = NULL;
	struct msg		 msg;
	struct msgb		 data;
	struct req		 r;
	unsigned char		 key[16];
	char			*name, *cause = NULL, *stored;
	size_t			 i, slen;
	int			 rc;

	memset(&r, 0, sizeof r);
	r.c = c;
	if (msg_parse(&msg, frame, len) != 0) {
		r.op = "?";
		respond(&r, EX_PROTOCOL, _("malformed request"), 0, NULL, 0);
		return;
	}
	r.o = msg.root;
	r.rid = (uint64_t)mobj_int(r.o, "rid", 0);
	r.cid = (uint64_t)mobj_int(r.o, "cid", 0);
	name = mobj_strdup(r.o, "op");
	for (i = 0; name != NULL && i < sizeof op_table / sizeof op_table[0];
	    i++)
		if (strcmp(op_table[i].name, name) == 0)
			op = &op_table[i];
	r.op = op != NULL ? op->name : "?";
	c->last = time(NULL);
	snprintf(c->last_op, sizeof c->last_op, "%s", r.op);
	mb_init(&data);
	if (op == NULL) {
		xasprintf(&cause, _("unknown request '%s'"), name ? name : "");
		rc = EX_PROTOCOL;
	} else if (!(op->flags & OP_ANON) && c->roles == 0) {
		xasprintf(&cause, _("not signed in: the client must say "
		    "hello"));
		rc = EX_NOPERM;
	} else if (!(op->flags & OP_ANON) &&
	    (rc = session_current(&r, &cause)) != 0) {
		/* Judged by the rights as they are now: these are gone. */
	} else if ((op->flags & OP_WRITE) && r.cid != 0 &&
	    (reqlog_key(&r, key), store_reqlog_get(server_store(c->srv), key,
	    sizeof key, &stored, &slen)) == ST_OK) {
		/* Seen before: the first answer again, nothing run twice. */
		msgpack_sbuffer_write(&data.sb, stored, slen);
		free(stored);
		rc = 0;
	} else
		rc = op->fn(&r, &data, &cause);
	if (rc != 0 && cause == NULL)
		xasprintf(&cause, _("%s failed"), r.op);
	respond(&r, rc, cause, 0, data.sb.data, data.sb.size);
	free(cause);
	free(name);
	mb_free(&data);
	msg_free(&msg);
}
