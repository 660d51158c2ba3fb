#ifndef KONTOR_SERVER_SERVER_H
#define KONTOR_SERVER_SERVER_H

#include <sys/types.h>

#include <pthread.h>
#include <stdint.h>
#include <time.h>

struct paths;
struct store;
struct import_state;

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
	char			*tty;		/* as the client says */
	char			*prog;
	time_t			 since;
	time_t			 last;
	char			 last_op[24];
	struct import_state	*imp;
	struct conn		*next;
};

struct server_opts {
	const struct paths	*paths;
	int			 daemon;	/* detach; log to the home */
	int			 use_syslog;
	const char		*group;		/* socket group, or NULL */
	/* Writes are refused under min(reserve_max, reserve_pct % of the
	 * file system) free; reserve_max 0: never. */
	uint64_t		 reserve_max;
	unsigned		 reserve_pct;
	/* A pipe to the client that started this server (--ready-fd), or
	 * -1: told "ready", or why the start failed, or of a crash. */
	int			 ready_fd;
};

/* Run the server until stopped; returns an exit code, *cause on error. */
int		 server_main(const struct server_opts *, char **cause);
/*
 * The lines a server says on its ready fd (client.c reads them):
 *	ready PID	it listens
 *	busy TEXT	another server holds the home (it may be stopping)
 *	fail RC TEXT	it could not start, and exits with RC
 *	crash TEXT	it dies of a signal (SIGBUS, SIGSEGV, abort...)
 *	stop		it stopped cleanly
 * A server killed outright (SIGKILL) says nothing: the pipe just ends.
 */
void		 server_ready_fail(int fd, int rc, const char *cause);

/* For request handlers. */
struct store	*server_store(struct server *);
time_t		 server_started(struct server *);
uid_t		 server_owner(struct server *);
const char	*server_home(struct server *);
void		 server_request_stop(struct server *);
/* Call fn for each session, under the session lock. */
void		 server_each_session(struct server *,
		     void (*)(const struct conn *, void *), void *);
/* Send a frame to the client of c; -1 if it is gone or too slow. */
int		 conn_send(struct conn *, const void *, size_t);

#endif
