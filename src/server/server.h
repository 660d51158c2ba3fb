#ifndef KONTOR_SERVER_SERVER_H
#define KONTOR_SERVER_SERVER_H

#include <sys/types.h>

#include <pthread.h>
#include <stdint.h>
#include <time.h>

struct paths;
struct store;
struct import_state;
struct attach_state;

/*
 * The server: the only process that opens the environment.  It listens
 * on a Unix-domain socket and serves each client on a thread of its own;
 * a thread holds no transaction, cursor or lock while it reads from or
 * writes to its client, so a slow, stopped or killed client delays no
 * one.  The client's uid comes from SO_PEERCRED, never from its words.
 */

struct server;

struct conn {
	struct server		*srv;
	int			 fd;
	uint64_t		 sid;		/* session number */
	uid_t			 uid;
	pid_t			 pid;
	char			*login;		/* from the uid */
	unsigned		 roles;		/* 0 until hello succeeds */
	uint64_t		 user_id;	/* its users record */
	uint64_t		 gen;		/* users' gen of roles */
	char			*tty;		/* see op_hello */
	char			*prog;
	time_t			 since;
	int64_t			 since_ms;	/* monotonic */
	time_t			 last;
	char			 last_op[24];
	struct import_state	*imp;
	struct attach_state	*att;		/* a file being attached */
	char			*ended;		/* why it was ended: a format
						 * of the login, see
						 * server_end_session() */
	struct conn		*next;
};

/*
 * Limits on what a client may hold: connections in all and per Unix user
 * (the server's owner and root may use a few more, so an administrator
 * can get in when clerks fill the server), and the seconds a client may
 * take to say hello or to finish a frame it has begun.  0: the default.
 */
#define SERVER_MAX_CONNS	1024
#define SERVER_MAX_PER_USER	32
#define SERVER_CLIENT_TIMEOUT	5

struct server_opts {
	const struct paths	*paths;
	int			 daemon;	/* detach; log to the home */
	int			 use_syslog;
	const char		*group;		/* socket group, or NULL */
	int			 max_conns;
	int			 max_per_user;
	int			 client_timeout;
	/* Writes are refused under min(reserve_max, reserve_pct % of the
	 * file system) free; reserve_max 0: never. */
	uint64_t		 reserve_max;
	unsigned		 reserve_pct;
	/* A pipe to the client that started this server (--ready-fd), or
	 * -1: told "ready", or why the start failed, or of a crash. */
	int			 ready_fd;
	/* The home's lock, taken by server_lock() before server_main(). */
	int			 lockfd;
	/*
	 * What serves a session: handle answers one request frame (it is
	 * the caller's), done forgets the session's state as it closes.
	 * The server knows frames, not operations: cmd_serve names
	 * request_handle() and request_conn_done() here, so the
	 * operations, which call the server, are never called by it.
	 */
	void			(*handle)(struct conn *, const char *,
				    size_t);
	void			(*done)(struct conn *);
};

/*
 * Take the home's lock for a server with opts (one server per home), in
 * the caller's language: before `kontor serve` detaches, so that a person
 * hears why it did not start.  0 and *lockfd; else an exit code (75: a
 * server runs for the home) with *cause, and the ready fd told.
 */
int		 server_lock(const struct server_opts *, int *lockfd,
		     char **cause);
/* Run the server until stopped; returns an exit code, *cause on error. */
int		 server_main(const struct server_opts *, char **cause);
/*
 * The lines a server says on its ready fd (client.c reads them):
 *	ready PID	it listens
 *	busy TEXT	another server holds the home (it may be stopping)
 *	elsewhere S	the home's server listens at the socket S
 *	fail RC TEXT	it could not start, and exits with RC
 *	crash TEXT	it dies of a signal (SIGBUS, SIGSEGV, abort...)
 *	stop		it stopped cleanly
 * A server killed outright (SIGKILL) says nothing: the pipe just ends.
 */
void		 server_ready_fail(int fd, int rc, const char *cause);

/* For request handlers. */
struct store	*server_store(struct server *);
/* The store opened afresh if store_refresh_wanted(); held: the caller
 * (a request) holds the store's read lock. */
void		 server_store_refresh(struct server *, int held);
time_t		 server_started(struct server *);
uid_t		 server_owner(struct server *);
const char	*server_home(struct server *);
void		 server_request_stop(struct server *);
/* Call fn for each session, under the session lock. */
void		 server_each_session(struct server *,
		     void (*)(const struct conn *, void *), void *);
/* What a hello learnt, set under the session lock (status reads it):
 * the strings are taken; NULL leaves one as it was. */
void		 conn_identify(struct conn *, char *login, char *tty,
		     char *prog);
/* The rights the session acts with, read at users' generation gen. */
void		 conn_set_rights(struct conn *, unsigned roles,
		     uint64_t user_id, uint64_t gen);
/* Send a frame to the client of c; -1 if it is gone or too slow. */
int		 conn_send(struct conn *, const void *, size_t);

/*
 * Rights that change under open sessions.  The generation goes up after
 * every committed change of a users record; a session whose generation
 * differs reads its user again before its next request.
 */
uint64_t	 server_users_gen(struct server *);
void		 server_users_changed(struct server *);
/*
 * End session sid: it handles no further request, and its client gets a
 * last frame {rid 0, rc 77, err why, ended true} before the close.  why
 * is an untranslated format (N_()) whose one argument is the session's
 * login: the session says it in its own language, the log in English.
 */
void		 server_end_session(struct server *, uint64_t sid,
		     const char *why);
/* Log a refusal of uid's, at most a few a minute per uid (the rest are
 * counted and the count logged). */
void		 server_log_refusal(struct server *, uid_t, const char *,
		     ...) __attribute__((format(printf, 3, 4)));

#endif
