#include "config.h"

#include <sys/file.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <locale.h>
#ifdef HAVE_MALLOC_TRIM
#include <malloc.h>
#endif
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "db/store.h"
#include "model/dash.h"
#include "home.h"
#include "i18n.h"
#include "log.h"
#include "proto.h"
#include "server/server.h"
#include "xmalloc.h"

#define SERVER_SEND_TIMEOUT	30	/* seconds a client may not read */
#define SERVER_CHECKPOINT	30	/* seconds between checkpoints */
#define SERVER_HOME_CHECK	3	/* seconds between looks at the home */
#define SERVER_TRIM_MS		250	/* ms between two trims at a session's end */
#define SERVER_REQLOG_AGE	(24 * 3600)
/* How long a refresh of the store waits for the requests in hand: a
 * client that stops reading an export holds its request open. */
#define SERVER_REFRESH_WAIT	2	/* seconds */
#define SERVER_ADMIN_RESERVE	16	/* connections for owner, root */
#define SERVER_FD_RESERVE	64	/* descriptors for databases, logs */
/*
 * Memory for requests: a frame over SERVER_SMALL_FRAME is read (and
 * handled) only within a budget per Unix user and one for the server, so
 * a user's many connections cannot make the server hold many large
 * frames at once; the next one waits until an earlier one is done.
 */
#define SERVER_SMALL_FRAME	(64u << 10)
#define SERVER_USER_BUDGET	(2 * (size_t)PROTO_MAX_REQUEST)
#define SERVER_BUDGET		((size_t)256 << 20)
/* Refusals logged per uid: a burst, then a count once a window. */
#define SERVER_LOG_WINDOW	60
#define SERVER_LOG_BURST	10

/* What one Unix user holds, and how much of its refusals were logged. */
struct uid_state {
	uid_t			 uid;
	int			 nconns;
	size_t			 budget;	/* big frames in hand */
	time_t			 log_since;	/* the log window */
	unsigned		 logged;
	unsigned		 unlogged;
	struct uid_state	*next;
};

struct server {
	const struct server_opts *opts;
	struct store		*st;
	time_t			 started;
	uid_t			 owner;
	int			 lfd;		/* listening socket */
	int			 lockfd;
	int			 home_gone;	/* stopped for it */
	char			 gone_why[PATH_MAX + 64];
	int			 stop_pipe[2];	/* 's' stop, 'w' accept again */
	volatile int		 stopping;
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;
	struct conn		*conns;
	uint64_t		 next_sid;
	int			 nconns;
	int			 inflight;
	int			 max_conns;
	int			 max_per_user;
	int			 timeout;	/* s: for hello, a frame */
	struct uid_state	*uids;
	size_t			 budget;	/* all big frames held */
	int			 accept_paused;	/* out of descriptors */
	time_t			 paused_logged;	/* when that was said */
	int			 resumed_unsaid;
	uint64_t		 users_gen;
	/*
	 * Requests (and the checkpoint thread) use the store under a read
	 * lock; store_refresh, which closes and opens it again, under the
	 * write lock.  Writers first, so that a refresh waits only for the
	 * requests in hand; and not for long (SERVER_REFRESH_WAIT).
	 */
	pthread_rwlock_t	 st_rw;
	int64_t			 refresh_after;	/* ms: not before (busy) */
};

static void	*conn_main(void *);
static void	*checkpoint_main(void *);
static void	*signal_main(void *);
static void	 uid_log_flush(struct server *, time_t);
static void	 server_trim(int);

/* For the crash handler: where to say that the server dies. */
static int	 crash_ready_fd = -1;
static int	 crash_log_fd = -1;
static char	 crash_pid[24];

struct store *
server_store(struct server *s)
{
	return (s->st);
}

time_t
server_started(struct server *s)
{
	return (s->started);
}

uid_t
server_owner(struct server *s)
{
	return (s->owner);
}

const char *
server_home(struct server *s)
{
	return (s->opts->paths->home);
}

void
server_request_stop(struct server *s)
{
	char	 c = 's';

	if (write(s->stop_pipe[1], &c, 1) < 0)
		log_warnx("stop: %s", strerror(errno));
}

static int64_t
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

/* uid's state, made when new; under s->lock.  States of users who hold
 * nothing and have nothing left to log are dropped on the way. */
static struct uid_state *
uid_get(struct server *s, uid_t uid)
{
	struct uid_state	**pp, *u;
	time_t			 now = time(NULL);

	for (pp = &s->uids; (u = *pp) != NULL;) {
		if (u->uid == uid)
			return (u);
		if (u->nconns == 0 && u->budget == 0 && u->unlogged == 0 &&
		    now - u->log_since >= SERVER_LOG_WINDOW) {
			*pp = u->next;
			free(u);
			continue;
		}
		pp = &u->next;
	}
	u = xcalloc(1, sizeof *u);
	u->uid = uid;
	u->next = s->uids;
	s->uids = u;
	return (u);
}

void
server_log_refusal(struct server *s, uid_t uid, const char *fmt, ...)
{
	struct uid_state	*u;
	va_list			 ap;
	char			*msg;
	time_t			 now = time(NULL);
	int			 log;

	pthread_mutex_lock(&s->lock);
	uid_log_flush(s, now);
	u = uid_get(s, uid);
	if ((log = u->logged < SERVER_LOG_BURST)) {
		if (u->logged++ == 0)
			u->log_since = now;
	} else
		u->unlogged++;
	pthread_mutex_unlock(&s->lock);
	if (!log)
		return;
	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	log_info("%s", msg);
	free(msg);
}

/* Close the log windows that are over: say how much went unlogged. */
static void
uid_log_flush(struct server *s, time_t now)
{
	struct uid_state	*u;

	for (u = s->uids; u != NULL; u = u->next) {
		if (u->logged == 0 || now - u->log_since < SERVER_LOG_WINDOW)
			continue;
		if (u->unlogged > 0)
			log_info("refused: uid %ld: %u more refusals in %d s "
			    "not logged", (long)u->uid, u->unlogged,
			    SERVER_LOG_WINDOW);
		u->logged = 0;
		u->unlogged = 0;
	}
}

uint64_t
server_users_gen(struct server *s)
{
	uint64_t	 gen;

	pthread_mutex_lock(&s->lock);
	gen = s->users_gen;
	pthread_mutex_unlock(&s->lock);
	return (gen);
}

void
server_users_changed(struct server *s)
{
	pthread_mutex_lock(&s->lock);
	s->users_gen++;
	pthread_mutex_unlock(&s->lock);
}

void
server_end_session(struct server *s, uint64_t sid, const char *why)
{
	struct conn	*c;

	pthread_mutex_lock(&s->lock);
	for (c = s->conns; c != NULL; c = c->next) {
		if (c->sid != sid || c->ended != NULL)
			continue;
		c->ended = xstrdup(why);
		/* Its thread wakes to an end of input and says goodbye. */
		shutdown(c->fd, SHUT_RD);
		break;
	}
	pthread_mutex_unlock(&s->lock);
}

void
server_each_session(struct server *s, void (*fn)(const struct conn *, void *),
    void *arg)
{
	struct conn	*c;

	pthread_mutex_lock(&s->lock);
	for (c = s->conns; c != NULL; c = c->next)
		fn(c, arg);
	pthread_mutex_unlock(&s->lock);
}

void
conn_identify(struct conn *c, char *login, char *tty, char *prog)
{
	struct server	*s = c->srv;

	pthread_mutex_lock(&s->lock);
	if (login != NULL) {
		free(c->login);
		c->login = login;
	}
	if (tty != NULL) {
		free(c->tty);
		c->tty = tty;
	}
	if (prog != NULL) {
		free(c->prog);
		c->prog = prog;
	}
	pthread_mutex_unlock(&s->lock);
}

void
conn_set_rights(struct conn *c, unsigned roles, uint64_t user_id,
    uint64_t gen)
{
	struct server	*s = c->srv;

	pthread_mutex_lock(&s->lock);
	c->roles = roles;
	c->user_id = user_id;
	c->gen = gen;
	pthread_mutex_unlock(&s->lock);
}

int
conn_send(struct conn *c, const void *p, size_t len)
{
	int	 saved;

	if (proto_write(c->fd, p, len) == 0)
		return (0);
	/*
	 * Part of the frame may have gone (SO_SNDTIMEO): the stream is lost.
	 * Shut it both ways, so the client reads an end, never a torn frame,
	 * and every later send fails at once instead of waiting again.
	 */
	saved = errno;
	shutdown(c->fd, SHUT_RDWR);
	errno = saved;
	return (-1);
}

static void
conn_free(struct conn *c)
{
	free(c->login);
	free(c->tty);
	free(c->prog);
	free(c->ended);
	free(c);
}

/*
 * A frame {rid 0, rc, err, more false, data nil[, ended true][, l10n]};
 * sent on a socket that never blocks the sender for long.  Before hello
 * the client's language is not known: err is English, and ru (when not
 * NULL) the same in Russian, sent as l10n {"ru": ru} for a client in
 * Russian to show instead.
 */
static int
frame_notice(int fd, int rc, const char *err, int ended, const char *ru)
{
	struct msgb	 m;
	int		 sent, l10n = ru != NULL && strcmp(ru, err) != 0;

	mb_init(&m);
	mb_map(&m, 5 + (ended != 0) + l10n);
	mb_kint(&m, "rid", 0);
	mb_kint(&m, "rc", rc);
	mb_kstr(&m, "err", err);
	mb_kbool(&m, "more", 0);
	mb_str(&m, "data");
	mb_nil(&m);
	if (ended)
		mb_kbool(&m, "ended", 1);
	if (l10n) {
		mb_str(&m, "l10n");
		mb_map(&m, 1);
		mb_kstr(&m, "ru", ru);
	}
	sent = proto_write(fd, m.sb.data, m.sb.size);
	mb_free(&m);
	return (sent);
}

/* Wait until fd can be read or deadline (now_ms(); 0: none) passes:
 * 1 readable (or at its end), 0 timed out, -1 error. */
static int
conn_wait(int fd, int64_t deadline)
{
	struct pollfd	 pfd;
	int64_t		 left;
	int		 n;

	for (;;) {
		left = -1;
		if (deadline != 0 && (left = deadline - now_ms()) <= 0)
			return (0);
		pfd.fd = fd;
		pfd.events = POLLIN;
		pfd.revents = 0;
		n = poll(&pfd, 1, left > INT32_MAX ? INT32_MAX : (int)left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return (-1);
		if (n > 0)
			return (1);
	}
}

/* len bytes into p by deadline: 0, -1 end or error, -2 timed out.
 * first: set the deadline when the first byte arrives. */
static int
conn_read_bytes(struct conn *c, void *p, size_t len, int64_t *deadline,
    int first)
{
	char	*b = p;
	ssize_t	 n;
	size_t	 got = 0;
	int	 w;

	while (got < len) {
		if ((w = conn_wait(c->fd, *deadline)) == 0)
			return (-2);
		if (w < 0)
			return (-1);
		if ((n = read(c->fd, b + got, len - got)) < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			return (-1);
		}
		if (n == 0)
			return (-1);
		if (got == 0 && first)
			*deadline = now_ms() + (int64_t)c->srv->timeout * 1000;
		got += (size_t)n;
	}
	return (0);
}

/* Take n bytes of the budgets for a big frame, waiting by deadline for
 * earlier frames to be done; 0, or -1 when the wait was in vain. */
static int
conn_reserve(struct conn *c, size_t n, int64_t deadline)
{
	struct server		*s = c->srv;
	struct uid_state	*u;
	struct timespec		 ts;
	int64_t			 left;
	int			 rc = 0;

	pthread_mutex_lock(&s->lock);
	u = uid_get(s, c->uid);
	while ((u->budget > 0 && u->budget + n > SERVER_USER_BUDGET) ||
	    (s->budget > 0 && s->budget + n > SERVER_BUDGET)) {
		if (s->stopping || (left = deadline - now_ms()) <= 0) {
			rc = -1;
			break;
		}
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += left / 1000;
		ts.tv_nsec += (left % 1000) * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&s->cond, &s->lock, &ts);
	}
	if (rc == 0) {
		u->budget += n;
		s->budget += n;
	}
	pthread_mutex_unlock(&s->lock);
	return (rc);
}

static void
conn_release(struct conn *c, size_t n)
{
	struct server		*s = c->srv;
	struct uid_state	*u;

	if (n == 0)
		return;
	pthread_mutex_lock(&s->lock);
	u = uid_get(s, c->uid);
	u->budget -= n;
	s->budget -= n;
	pthread_cond_broadcast(&s->cond);
	pthread_mutex_unlock(&s->lock);
}

/*
 * Read one request frame within the client's limits: a small one before
 * hello, which must come within the timeout of the connect; a bounded one
 * after; a frame once begun must be whole within the timeout.  A frame
 * over the limit is answered with why and the connection closed (its rest
 * is never read).  0 and the frame (and *reserved, the budget it holds),
 * or -1: close the connection.
 */
static int
conn_read(struct conn *c, char **frame, size_t *len, size_t *reserved)
{
	struct server	*s = c->srv;
	unsigned char	 hdr[4];
	int64_t		 deadline = 0;
	size_t		 n, limit;
	char		*p, *why[2];
	const char	*said;
	locale_t	 was;
	int		 rc, hello = c->roles != 0, i;

	*reserved = 0;
	if (!hello)
		deadline = c->since_ms + (int64_t)s->timeout * 1000;
	if ((rc = conn_read_bytes(c, hdr, 4, &deadline, hello)) != 0)
		goto fail;
	n = proto_frame_len(hdr);
	limit = hello ? PROTO_MAX_REQUEST : PROTO_MAX_HELLO;
	if (n > limit) {
		/* In English for the log; in the session's language, or
		 * before hello in both. */
		was = uselocale((locale_t)0);
		for (i = 0; i < 2; i++) {
			if (i == 0 || !hello)
				i18n_thread(i == 0 ? "en" : "ru");
			else
				uselocale(was);
			if (hello)
				xasprintf(&why[i], _("a request of %zu bytes "
				    "is refused: at most %zu bytes"), n, limit);
			else
				xasprintf(&why[i], _("a request of %zu bytes "
				    "is refused: at most %zu before hello"), n,
				    limit);
		}
		uselocale(was);
		frame_notice(c->fd, EX_PROTOCOL, hello ? why[1] : why[0], 0,
		    hello ? NULL : why[1]);
		server_log_refusal(s, c->uid, "refused: session %llu (uid "
		    "%ld): %s", (unsigned long long)c->sid, (long)c->uid,
		    why[0]);
		free(why[0]);
		free(why[1]);
		return (-1);
	}
	if (n > SERVER_SMALL_FRAME) {
		if (conn_reserve(c, n, deadline) != 0) {
			rc = -2;
			goto fail;
		}
		*reserved = n;
	}
	p = xmalloc(n + 1);
	if ((rc = conn_read_bytes(c, p, n, &deadline, 0)) != 0) {
		free(p);
		conn_release(c, *reserved);
		*reserved = 0;
		goto fail;
	}
	*frame = p;
	*len = n;
	return (0);

fail:
	if (rc == -2) {
		said = hello ? N_("a request was not sent whole in time") :
		    N_("no hello in time");
		if (hello)
			frame_notice(c->fd, EX_PROTOCOL, _(said), 0, NULL);
		else {
			was = uselocale((locale_t)0);
			i18n_thread("ru");
			frame_notice(c->fd, EX_PROTOCOL, said, 0, _(said));
			uselocale(was);
		}
		server_log_refusal(s, c->uid, "dropped: session %llu (uid "
		    "%ld): %s (%d s)", (unsigned long long)c->sid,
		    (long)c->uid, said, s->timeout);
	}
	return (-1);
}

static void *
conn_main(void *arg)
{
	struct conn	*c = arg, **pp;
	struct server	*s = c->srv;
	char		*frame, *why, w = 'w';
	size_t		 len, reserved;

	for (;;) {
		if (conn_read(c, &frame, &len, &reserved) != 0)
			break;
		pthread_mutex_lock(&s->lock);
		if (s->stopping || c->ended != NULL) {
			pthread_mutex_unlock(&s->lock);
			free(frame);
			conn_release(c, reserved);
			break;
		}
		s->inflight++;
		pthread_mutex_unlock(&s->lock);

		pthread_rwlock_rdlock(&s->st_rw);
		s->opts->handle(c, frame, len);
		pthread_rwlock_unlock(&s->st_rw);
		free(frame);
		conn_release(c, reserved);

		pthread_mutex_lock(&s->lock);
		s->inflight--;
		pthread_cond_broadcast(&s->cond);
		pthread_mutex_unlock(&s->lock);
	}
	/* Forgotten while s is sure to exist: listed, c holds up its
	 * shutdown. */
	s->opts->done(c);
	pthread_mutex_lock(&s->lock);
	for (pp = &s->conns; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	}
	s->nconns--;
	uid_get(s, c->uid)->nconns--;
	why = c->ended;
	c->ended = NULL;
	if (s->accept_paused && write(s->stop_pipe[1], &w, 1) < 0)
		log_debug("wake: %s", strerror(errno));
	pthread_cond_broadcast(&s->cond);
	pthread_mutex_unlock(&s->lock);
	if (why != NULL) {
		char	*en, *said;

		/* The last word: why, for the client to show, in the
		 * session's language (this thread's); the log's English. */
		xasprintf(&en, why, c->login ? c->login : "?");
		xasprintf(&said, _(why), c->login ? c->login : "?");
		frame_notice(c->fd, EX_NOPERM, said, 1, NULL);
		log_info("session %llu (%s) ended by the server: %s",
		    (unsigned long long)c->sid, c->login ? c->login : "?",
		    en);
		free(said);
		free(en);
		free(why);
	} else if (c->login != NULL && c->roles != 0)
		log_debug("session %llu (%s) ended",
		    (unsigned long long)c->sid, c->login);
	close(c->fd);
	conn_free(c);
	server_trim(0);
	return (NULL);
}

/*
 * Hand the free pages of malloc's arenas back to the system.  glibc
 * gives back only the top of an arena by itself: what an import's
 * parsing, an export's frames or a report freed below a live allocation
 * (a cache page, a session's buffer) stayed resident until the server
 * stopped (bench/README-mem.md).  Called as a session ends, at most once
 * in SERVER_TRIM_MS, and at every checkpoint; it walks the arenas' free
 * lists under their locks (the debug log says how long it took).
 */
static void
server_trim(int force)
{
#ifdef HAVE_MALLOC_TRIM
	static pthread_mutex_t	 mtx = PTHREAD_MUTEX_INITIALIZER;
	static int64_t		 last;
	int64_t			 t = now_ms();

	pthread_mutex_lock(&mtx);
	if (!force && t - last < SERVER_TRIM_MS) {
		pthread_mutex_unlock(&mtx);
		return;
	}
	last = t;
	pthread_mutex_unlock(&mtx);
	malloc_trim(0);
	log_debug("malloc_trim: %lld ms", (long long)(now_ms() - t));
#else
	(void)force;
#endif
}

/*
 * The store opened afresh (store_refresh) when a large transaction left
 * the lock table grown: its memory goes back to the system at once.  The
 * caller holds the read lock when held is set (a request's thread): it
 * is let go for the while and taken again.  The requests in hand are
 * waited for SERVER_REFRESH_WAIT at most; if one takes longer, the next
 * request or checkpoint tries again.
 */
void
server_store_refresh(struct server *s, int held)
{
	struct timespec	 ts;
	char		*cause = NULL;
	int		 rc;

	/* Busy a moment ago (a long export, a backup): not every request
	 * waits for it again; the checkpoint thread tries. */
	if (held && now_ms() < __atomic_load_n(&s->refresh_after,
	    __ATOMIC_RELAXED))
		return;
	if (held)
		pthread_rwlock_unlock(&s->st_rw);
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += SERVER_REFRESH_WAIT;
	if ((rc = pthread_rwlock_timedwrlock(&s->st_rw, &ts)) != 0) {
		log_info("store: not opened afresh yet: a request has held "
		    "the store for over %d s (%s)", SERVER_REFRESH_WAIT,
		    strerror(rc));
		__atomic_store_n(&s->refresh_after, now_ms() +
		    SERVER_CHECKPOINT * 1000, __ATOMIC_RELAXED);
	} else {
		if (store_refresh_wanted(s->st) &&
		    store_refresh(s->st, &cause) != 0)
			fatalx("the database could not be opened again: %s",
			    cause);
		pthread_rwlock_unlock(&s->st_rw);
		server_trim(1);
	}
	if (held)
		pthread_rwlock_rdlock(&s->st_rw);
}

/*
 * Whether the home this server serves is gone: its lock file (which the
 * server holds open) unlinked, or no longer the file at its path, as
 * when the home was removed or moved away.  Then *why says which.  A
 * server left so serves nobody (a client finds no home) and would keep
 * its memory and the old files' disk space for ever.
 */
static int
server_home_gone(struct server *s, char *why, size_t len)
{
	struct stat	 mine, there;
	char		*path;
	int		 gone = 0;

	if (fstat(s->lockfd, &mine) != 0)
		return (0);
	path = paths_file(s->opts->paths, "kontor.lock");
	if (mine.st_nlink == 0) {
		snprintf(why, len, "%s was removed", path);
		gone = 1;
	} else if (stat(path, &there) != 0 && (errno == ENOENT ||
	    errno == ENOTDIR)) {
		snprintf(why, len, "%s is gone (%s)", path, strerror(errno));
		gone = 1;
	} else if (there.st_dev != mine.st_dev ||
	    there.st_ino != mine.st_ino) {
		snprintf(why, len, "%s is another file now", path);
		gone = 1;
	}
	free(path);
	return (gone);
}

static void *
checkpoint_main(void *arg)
{
	struct server	*s = arg;
	struct timespec	 ts, next;
	time_t		 last_prune = time(NULL);

	pthread_mutex_lock(&s->lock);
	while (!s->stopping) {
		/* s->cond is also told of every request's end: wait out the
		 * whole period, or a busy server checkpoints at every
		 * request (and on a full disk logs its failure as often).
		 * Every few seconds of it, a look at the home. */
		clock_gettime(CLOCK_REALTIME, &next);
		next.tv_sec += SERVER_CHECKPOINT;
		for (;;) {
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_sec += SERVER_HOME_CHECK;
			if (ts.tv_sec > next.tv_sec)
				ts = next;
			while (!s->stopping && pthread_cond_timedwait(
			    &s->cond, &s->lock, &ts) != ETIMEDOUT)
				;
			if (s->stopping || ts.tv_sec == next.tv_sec)
				break;
			if (!s->home_gone && server_home_gone(s,
			    s->gone_why, sizeof s->gone_why)) {
				s->home_gone = 1;
				log_alert("the home %s is gone (%s): stopping",
				    s->opts->paths->home, s->gone_why);
				server_request_stop(s);
			}
		}
		if (s->stopping)
			break;
		pthread_mutex_unlock(&s->lock);
		pthread_rwlock_rdlock(&s->st_rw);
		store_checkpoint(s->st);
		/* Any large transaction, not only an import's. */
		store_refresh_look(s->st);
		pthread_rwlock_unlock(&s->st_rw);
		if (store_refresh_wanted(s->st))
			server_store_refresh(s, 0);
		server_trim(1);
		pthread_mutex_lock(&s->lock);
		uid_log_flush(s, time(NULL));
		pthread_mutex_unlock(&s->lock);
		if (time(NULL) - last_prune > 600) {
			pthread_rwlock_rdlock(&s->st_rw);
			store_prune_reqlog(s->st, SERVER_REQLOG_AGE);
			pthread_rwlock_unlock(&s->st_rw);
			last_prune = time(NULL);
		}
		pthread_mutex_lock(&s->lock);
	}
	pthread_mutex_unlock(&s->lock);
	return (NULL);
}

static void *
signal_main(void *arg)
{
	struct server	*s = arg;
	sigset_t	 set;
	int		 sig;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	for (;;) {
		if (sigwait(&set, &sig) != 0)
			continue;
		if (sig == SIGHUP)
			continue;
		log_info("signal %d: stopping", sig);
		server_request_stop(s);
		return (NULL);
	}
}

/* A line to the client that started this server; it may be gone. */
static void
ready_say(int fd, const char *line)
{
	size_t	 len = strlen(line);

	if (fd >= 0 && write(fd, line, len) != (ssize_t)len)
		log_debug("ready fd: %s", strerror(errno));
}

void
server_ready_fail(int fd, int rc, const char *cause)
{
	char	*line, *p;

	if (fd < 0)
		return;
	xasprintf(&line, "fail %d %s\n", rc, cause != NULL ? cause : "");
	for (p = line; p[1] != '\0'; p++)	/* one line */
		if (*p == '\n')
			*p = ' ';
	ready_say(fd, line);
	free(line);
}

static void
crash_write(int fd, const char *s)
{
	if (fd >= 0 && write(fd, s, strlen(s)) < 0)
		return;
}

/*
 * A signal that kills: say so to the client that started this server (it
 * then stops starting servers that die the same way) and in the log, with
 * write(2) alone, then die of it as if not caught.
 */
static void
server_crash(int sig)
{
	const char	*what;

	switch (sig) {
	case SIGBUS:
		what = "SIGBUS (bus error: a mapped page could not be had)";
		break;
	case SIGSEGV:
		what = "SIGSEGV (segmentation fault)";
		break;
	case SIGFPE:
		what = "SIGFPE (arithmetic fault)";
		break;
	case SIGILL:
		what = "SIGILL (illegal instruction)";
		break;
	case SIGABRT:
		what = "SIGABRT (aborted)";
		break;
	default:
		what = "a fatal signal";
		break;
	}
	crash_write(crash_ready_fd, "crash ");
	crash_write(crash_ready_fd, what);
	crash_write(crash_ready_fd, "\n");
	crash_write(crash_log_fd, "kontor[");
	crash_write(crash_log_fd, crash_pid);
	crash_write(crash_log_fd, "]: crashed: ");
	crash_write(crash_log_fd, what);
	crash_write(crash_log_fd, "\n");
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
server_crash_handlers(int ready_fd)
{
	static const int	 sigs[] = {
#ifndef __SANITIZE_ADDRESS__	/* the sanitizer reports these itself */
		SIGBUS, SIGSEGV, SIGFPE, SIGILL,
#endif
		SIGABRT
	};
	struct sigaction	 sa;
	size_t			 i;

	crash_ready_fd = ready_fd;
	crash_log_fd = log_fileno();
	snprintf(crash_pid, sizeof crash_pid, "%ld", (long)getpid());
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = server_crash;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
}

/* The socket the server holding the home listens at, as it wrote it in
 * the lock file; NULL if it wrote none, or names no socket (a server
 * before it: one just taking the lock has not written its own yet). */
static char *
server_lock_socket(int fd)
{
	struct stat	 sb;
	char		 buf[1024];
	ssize_t		 n;

	if ((n = pread(fd, buf, sizeof buf - 1, 0)) <= 0)
		return (NULL);
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	if (buf[0] == '\0' || stat(buf, &sb) != 0 || !S_ISSOCK(sb.st_mode))
		return (NULL);
	return (xstrdup(buf));
}

/*
 * Take the home's lock: one server per home.  The lock file then holds
 * the socket this server listens at, so one started for another socket
 * can say where the home's server is.  The client that started us (a
 * ready fd) is told when another holds it.
 */
int
server_lock(const struct server_opts *opts, int *lockfd, char **cause)
{
	const char	*mine = opts->paths->socket;
	char		*path, *theirs;
	int		 fd;

	*lockfd = -1;
	path = paths_file(opts->paths, "kontor.lock");
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		xasprintf(cause, _("cannot open %s: %s"),
		    path, strerror(errno));
		free(path);
		server_ready_fail(opts->ready_fd, EX_CANTCREAT, *cause);
		return (EX_CANTCREAT);
	}
	free(path);
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		theirs = server_lock_socket(fd);
		close(fd);
		if (theirs != NULL && strcmp(theirs, mine) != 0) {
			xasprintf(cause, _("a server is already running for "
			    "%s, at the socket %s"), opts->paths->home,
			    theirs);
			/* The client that started us is told where, and
			 * starts no other. */
			if (opts->ready_fd >= 0) {
				ready_say(opts->ready_fd, "elsewhere ");
				ready_say(opts->ready_fd, theirs);
				ready_say(opts->ready_fd, "\n");
			}
		} else {
			xasprintf(cause, _("a server is already running for "
			    "%s"), opts->paths->home);
			if (opts->ready_fd >= 0) {
				ready_say(opts->ready_fd, "busy ");
				ready_say(opts->ready_fd, *cause);
				ready_say(opts->ready_fd, "\n");
			}
		}
		free(theirs);
		return (EX_TEMPFAIL);
	}
	if (ftruncate(fd, 0) != 0 ||
	    pwrite(fd, mine, strlen(mine), 0) != (ssize_t)strlen(mine) ||
	    pwrite(fd, "\n", 1, (off_t)strlen(mine)) != 1)
		log_warnx("cannot write the socket into %s: %s",
		    "kontor.lock", strerror(errno));
	*lockfd = fd;
	return (0);
}

static int
server_listen(struct server *s, char **cause)
{
	const char		*path = s->opts->paths->socket;
	struct sockaddr_un	 sun;
	struct group		*gr = NULL;
	int			 fd, probe;

	if (strlen(path) >= sizeof sun.sun_path) {
		xasprintf(cause, _("socket path too long: %s"), path);
		return (-1);
	}
	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, path, strlen(path));
	/* A socket left by a killed server: nobody answers, so remove it. */
	if ((probe = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) >= 0) {
		if (connect(probe, (struct sockaddr *)&sun, sizeof sun) == 0) {
			close(probe);
			xasprintf(cause, _("another server answers on %s"),
			    path);
			return (-1);
		}
		close(probe);
	}
	unlink(path);
	if (s->opts->group != NULL && (gr = getgrnam(s->opts->group)) ==
	    NULL) {
		xasprintf(cause, _("socket group '%s' does not exist"),
		    s->opts->group);
		return (-1);
	}
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
	    bind(fd, (struct sockaddr *)&sun, sizeof sun) != 0) {
		xasprintf(cause, _("cannot listen on %s: %s"), path,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		return (-1);
	}
	if (gr != NULL) {
		if (chown(path, (uid_t)-1, gr->gr_gid) != 0 ||
		    chmod(path, 0660) != 0) {
			xasprintf(cause, _("cannot give %s to group %s: %s"),
			    path, s->opts->group, strerror(errno));
			close(fd);
			return (-1);
		}
	} else if (chmod(path, 0600) != 0) {
		xasprintf(cause, "chmod %s: %s",	/* i18n: no */
		    path, strerror(errno));
		close(fd);
		return (-1);
	}
	if (listen(fd, 256) != 0) {
		xasprintf(cause, "listen: %s",	/* i18n: no */
		    strerror(errno));
		close(fd);
		return (-1);
	}
	s->lfd = fd;
	return (0);
}

static void
server_accept(struct server *s)
{
	struct conn		*c = NULL, **pp;
	struct uid_state	*u;
	struct ucred		 cred;
	socklen_t		 len = sizeof cred;
	struct timeval		 tv = { SERVER_SEND_TIMEOUT, 0 };
	pthread_attr_t		 attr;
	pthread_t		 th;
	char			*why[2];
	locale_t		 was;
	int			 fd, n, first, privileged, full = 0, i;

	if ((fd = accept4(s->lfd, NULL, NULL, SOCK_CLOEXEC)) < 0) {
		if (errno != EMFILE && errno != ENFILE && errno != ENOBUFS &&
		    errno != ENOMEM)
			return;
		/*
		 * The waiting client stays queued: polling the socket again
		 * would only spin.  Wait for a connection to close.
		 */
		pthread_mutex_lock(&s->lock);
		s->accept_paused = 1;
		/* Said once, not at every close that lets one more in. */
		if ((first = time(NULL) - s->paused_logged >= 60)) {
			s->paused_logged = time(NULL);
			s->resumed_unsaid = 1;
		}
		n = s->nconns;
		pthread_mutex_unlock(&s->lock);
		if (first)
			log_warnx("accept: %s with %d connections open: new "
			    "clients wait until one closes", strerror(errno),
			    n);
		return;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0) {
		log_warnx("SO_PEERCRED: %s", strerror(errno));
		close(fd);
		return;
	}
	privileged = cred.uid == 0 || cred.uid == s->owner;
	pthread_mutex_lock(&s->lock);
	if (s->resumed_unsaid) {
		s->resumed_unsaid = 0;
		log_info("accepting connections again (%d open)", s->nconns);
	}
	u = uid_get(s, cred.uid);
	if (s->nconns >= s->max_conns + (privileged ? SERVER_ADMIN_RESERVE :
	    0)) {
		full = 1;
		n = s->nconns;
	} else if (!privileged && u->nconns >= s->max_per_user)
		n = u->nconns;
	else {
		c = xcalloc(1, sizeof *c);
		c->srv = s;
		c->fd = fd;
		c->uid = cred.uid;
		c->pid = cred.pid;
		c->since = c->last = time(NULL);
		c->since_ms = now_ms();
		c->sid = ++s->next_sid;
		c->next = s->conns;
		s->conns = c;
		s->nconns++;
		u->nconns++;
	}
	pthread_mutex_unlock(&s->lock);
	if (c == NULL) {
		/* Before hello: in English, and in Russian for a client
		 * that speaks it. */
		was = uselocale((locale_t)0);
		for (i = 0; i < 2; i++) {
			i18n_thread(i == 0 ? "en" : "ru");
			if (full)
				xasprintf(&why[i], P_("the server has %d "
				    "connection, its limit: try again later",
				    "the server has %d connections, its limit: "
				    "try again later", n), n);
			else
				xasprintf(&why[i], P_("uid %ld has %d "
				    "connection open, the limit per user: "
				    "close one first", "uid %ld has %d "
				    "connections open, the limit per user: "
				    "close one first", n), (long)cred.uid, n);
		}
		uselocale(was);
		/* Said without waiting: the socket's buffer is empty. */
		fcntl(fd, F_SETFL, O_NONBLOCK);
		frame_notice(fd, EX_TEMPFAIL, why[0], 0, why[1]);
		close(fd);
		server_log_refusal(s, cred.uid, "refused: uid %ld: %s",
		    (long)cred.uid, why[0]);
		free(why[0]);
		free(why[1]);
		return;
	}
	/* A client that stops reading is dropped, never waited for. */
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, 1u << 20);
	if (pthread_create(&th, &attr, conn_main, c) != 0) {
		log_warnx("pthread_create: %s", strerror(errno));
		pthread_mutex_lock(&s->lock);
		for (pp = &s->conns; *pp != NULL; pp = &(*pp)->next)
			if (*pp == c) {
				*pp = c->next;
				break;
			}
		s->nconns--;
		u->nconns--;
		pthread_mutex_unlock(&s->lock);
		close(fd);
		s->opts->done(c);
		conn_free(c);
	}
	pthread_attr_destroy(&attr);
}

/* The connection limits: the options, within the descriptors we have
 * (the soft limit raised to the hard one first). */
static void
server_limits(struct server *s)
{
	struct rlimit	 rl;
	int		 fit;

	s->max_conns = s->opts->max_conns > 0 ? s->opts->max_conns :
	    SERVER_MAX_CONNS;
	s->max_per_user = s->opts->max_per_user > 0 ?
	    s->opts->max_per_user : SERVER_MAX_PER_USER;
	s->timeout = s->opts->client_timeout > 0 ? s->opts->client_timeout :
	    SERVER_CLIENT_TIMEOUT;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return;
	if (rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
			getrlimit(RLIMIT_NOFILE, &rl);
	}
	fit = rl.rlim_cur > (rlim_t)(SERVER_FD_RESERVE + SERVER_ADMIN_RESERVE +
	    1) ? (int)((rl.rlim_cur > 1u << 30 ? 1u << 30 : rl.rlim_cur) -
	    SERVER_FD_RESERVE - SERVER_ADMIN_RESERVE) : 1;
	if (s->max_conns > fit) {
		log_warnx("%d connections do not fit in %llu descriptors: "
		    "at most %d", s->max_conns, (unsigned long long)rl.rlim_cur,
		    fit);
		s->max_conns = fit;
	}
}

/* Note an unclean stop: a pid file whose process is gone. */
static void
server_pidfile(struct server *s)
{
	char	*path, buf[32];
	FILE	*f;
	long	 old = 0;

	path = paths_file(s->opts->paths, "kontor.pid");
	if ((f = fopen(path, "r")) != NULL) {
		if (fgets(buf, sizeof buf, f) != NULL)
			old = strtol(buf, NULL, 10);
		fclose(f);
		if (old > 0)
			log_info("recovered after an unclean stop of server "
			    "pid %ld", old);
	}
	if ((f = fopen(path, "w")) != NULL) {
		fprintf(f, "%ld\n", (long)getpid());
		fclose(f);
	}
	free(path);
}

/* The pid file goes with a clean stop, and with a start that failed. */
static void
server_unpidfile(struct server *s)
{
	char	*path;

	path = paths_file(s->opts->paths, "kontor.pid");
	unlink(path);
	free(path);
}

static void
server_shutdown(struct server *s)
{
	struct conn	*c;
	struct timespec	 ts;

	pthread_mutex_lock(&s->lock);
	s->stopping = 1;
	pthread_cond_broadcast(&s->cond);
	/*
	 * Requests under way finish (commit or abort) and answer before the
	 * sockets are shut: the stop request is one of them, and its client
	 * must get its answer, not a dropped connection to retry on.
	 */
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 10;
	while (s->inflight > 0) {
		if (pthread_cond_timedwait(&s->cond, &s->lock, &ts) != 0)
			break;
	}
	for (c = s->conns; c != NULL; c = c->next)
		shutdown(c->fd, SHUT_RDWR);
	while (s->nconns > 0) {
		if (pthread_cond_timedwait(&s->cond, &s->lock, &ts) != 0)
			break;
	}
	pthread_mutex_unlock(&s->lock);
}

int
server_main(const struct server_opts *opts, char **cause)
{
	/* Not on the stack: a session's thread that would not end in time
	 * may still use it (its per-uid state) after this returns, up to the
	 * process's exit. */
	static struct server	 s;
	struct pollfd	 pfd[2];
	pthread_t	 ckpt, sigth;
	pthread_rwlockattr_t rwa;
	sigset_t	 set;
	const char	*test;
	char		*path;
	int		 rc;

	memset(&s, 0, sizeof s);
	s.opts = opts;
	s.owner = getuid();
	s.lfd = -1;
	pthread_mutex_init(&s.lock, NULL);
	pthread_cond_init(&s.cond, NULL);
	pthread_rwlockattr_init(&rwa);
	pthread_rwlockattr_setkind_np(&rwa,
	    PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
	pthread_rwlock_init(&s.st_rw, &rwa);
	pthread_rwlockattr_destroy(&rwa);
	umask(077);

	/* Nobody reads a closed pipe's end: a write must fail, not kill. */
	signal(SIGPIPE, SIG_IGN);
	s.lockfd = opts->lockfd;
	if (opts->use_syslog)
		log_open(LOGT_SYSLOG, NULL);
	else {
		path = paths_file(opts->paths, "kontor.log");
		log_open(LOGT_FILE, path);
		free(path);
	}
	server_pidfile(&s);
	/* From here a crash is told, recovery's included. */
	server_crash_handlers(opts->ready_fd);
	/* For tests/server/test_refresh.sh: a refresh after a small import. */
	if ((test = getenv("KONTOR_TEST_REFRESH_LOCKS")) != NULL)
		store_set_refresh_locks((uint32_t)strtoul(test, NULL, 10));
	/* Faults for tests/server/test_autostart.sh: a server that dies as
	 * it starts, of an abort, or killed without a word. */
	if ((test = getenv("KONTOR_TEST_CRASH")) != NULL) {
		if (strcmp(test, "abort") == 0)
			fatalx("KONTOR_TEST_CRASH=abort");
		if (strcmp(test, "kill") == 0)
			raise(SIGKILL);
	}
	path = paths_file(opts->paths, RECOVER_MARK);
	if (access(path, F_OK) == 0) {
		xasprintf(cause, _("a catastrophic recovery of %s did not "
		    "finish: run kontor recover again (with --from and the "
		    "backup, if it was given one); the home is not served "
		    "until it finishes"), opts->paths->home);
		rc = ST_ERR;
	} else
		rc = store_open(opts->paths->home, 0, &s.st, cause);
	free(path);
	if (rc != 0) {
		log_warnx("start failed: %s", *cause);
		/* A full disk passes: the client that started us says 75.
		 * The server's own status stays 69, which systemd retries
		 * (its 75 means another server holds the home). */
		server_ready_fail(opts->ready_fd, rc == ST_FULL ? EX_TEMPFAIL :
		    EX_UNAVAILABLE, *cause);
		rc = EX_UNAVAILABLE;
		server_unpidfile(&s);
		close(s.lockfd);
		return (rc);
	}
	store_set_reserve(s.st, opts->reserve_max, opts->reserve_pct);
	/* A home older than the dashboard's aggregates gets them built
	 * from its documents, before any client can post. */
	if (dash_open(s.st, cause) != 0) {
		log_warnx("start failed: %s", *cause);
		server_ready_fail(opts->ready_fd, EX_UNAVAILABLE, *cause);
		store_close(s.st);
		server_unpidfile(&s);
		close(s.lockfd);
		return (EX_UNAVAILABLE);
	}
	if (server_listen(&s, cause) != 0) {
		log_warnx("start failed: %s", *cause);
		server_ready_fail(opts->ready_fd, EX_UNAVAILABLE, *cause);
		store_close(s.st);
		server_unpidfile(&s);
		close(s.lockfd);
		return (EX_UNAVAILABLE);
	}
	if (pipe2(s.stop_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
		fatal("pipe");
	s.started = time(NULL);
	server_limits(&s);
	log_info("started: pid %ld, home %s, socket %s%s%s; at most %d "
	    "connections, %d per user", (long)getpid(),
	    opts->paths->home, opts->paths->socket,
	    opts->group ? ", group " : "", opts->group ? opts->group : "",
	    s.max_conns, s.max_per_user);
	if (opts->ready_fd >= 0) {
		char	 line[32];

		snprintf(line, sizeof line, "ready %ld\n", (long)getpid());
		ready_say(opts->ready_fd, line);
	}
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if (pthread_create(&sigth, NULL, signal_main, &s) != 0 ||
	    pthread_create(&ckpt, NULL, checkpoint_main, &s) != 0)
		fatal("pthread_create");
	pthread_detach(sigth);

	pfd[0].events = POLLIN;
	pfd[1].fd = s.stop_pipe[0];
	pfd[1].events = POLLIN;
	for (;;) {
		char	 buf[64];
		ssize_t	 n;
		int	 paused;

		pthread_mutex_lock(&s.lock);
		paused = s.accept_paused;
		pthread_mutex_unlock(&s.lock);
		/* Out of descriptors: the socket stays out of the poll until
		 * a connection closes (or a second passes). */
		pfd[0].fd = paused ? -1 : s.lfd;
		if ((rc = poll(pfd, 2, paused ? 1000 : -1)) < 0) {
			if (errno == EINTR)
				continue;
			fatal("poll");
		}
		if (pfd[1].revents) {
			n = read(s.stop_pipe[0], buf, sizeof buf);
			if (n > 0 && memchr(buf, 's', (size_t)n) != NULL)
				break;
		}
		if (paused && (rc == 0 || pfd[1].revents)) {
			pthread_mutex_lock(&s.lock);
			s.accept_paused = 0;
			pthread_mutex_unlock(&s.lock);
			continue;
		}
		if (pfd[0].revents & POLLIN)
			server_accept(&s);
	}

	close(s.lfd);
	server_shutdown(&s);
	pthread_join(ckpt, NULL);
	pthread_mutex_lock(&s.lock);
	/* Sessions that would not end in time still use theirs. */
	while (s.nconns == 0 && s.uids != NULL) {
		struct uid_state	*u = s.uids;

		s.uids = u->next;
		free(u);
	}
	pthread_mutex_unlock(&s.lock);
	store_close(s.st);
	server_unpidfile(&s);
	log_info("stopped cleanly after %lld s",
	    (long long)(time(NULL) - s.started));
	crash_log_fd = -1;
	log_close();
	/* The socket goes last: `kontor stop` waits for it, and then the
	 * databases are closed. */
	unlink(opts->paths->socket);
	close(s.lockfd);
	ready_say(opts->ready_fd, "stop\n");
	/* No home to serve: not a clean stop for systemd, and said on
	 * stderr by a server in the foreground. */
	if (s.home_gone) {
		/* As the log says it, in English. */
		xasprintf(cause, "home %s gone (%s): stopped", /* i18n: no */
		    opts->paths->home, s.gone_why);
		return (EX_NOINPUT);
	}
	return (0);
}
