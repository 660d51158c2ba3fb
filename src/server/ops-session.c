/*
 * Sessions: hello (who is this, from SO_PEERCRED and the users table),
 * the rights read again before a request when a users record changed,
 * and the end of the sessions of users disabled or renamed.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/types.h>

#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "auth.h"
#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "log.h"
#include "proto.h"
#include "server/req.h"
#include "server/server.h"
#include "xmalloc.h"

#define HELLO_TTY_MAX	64	/* characters of a hello's tty */
#define HELLO_PROG_MAX	32	/* and of its prog */

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
int
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
void
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

int
op_hello(struct req *r, struct msgb *data, char **cause)
{
	struct server		*s = r->c->srv;
	struct store		*st = server_store(s);
	const struct entity_def	*e = dict_entity("users");
	struct passwd		 pw, *pwp = NULL;
	char			 pwbuf[4096], *why = NULL, *company;
	char			*tty, *prog, *own, *lang = NULL, *home;
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
	/* The home, so that a client given another (--home) with this
	 * socket stops instead of acting on ours. */
	if ((home = realpath(server_home(s), NULL)) == NULL)
		home = xstrdup(server_home(s));
	mb_map(data, 7);
	mb_kstr(data, "home", home);
	free(home);
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
