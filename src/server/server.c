#include "config.h"

#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "db/store.h"
#include "home.h"
#include "log.h"
#include "proto.h"
#include "server/request.h"
#include "server/server.h"
#include "xmalloc.h"

#define SERVER_SEND_TIMEOUT	30	/* seconds a client may not read */
#define SERVER_CHECKPOINT	30	/* seconds between checkpoints */
#define SERVER_REQLOG_AGE	(24 * 3600)

struct server {
	const struct server_opts *opts;
	struct store		*st;
	time_t			 started;
	uid_t			 owner;
	int			 lfd;		/* listening socket */
	int			 lockfd;
	int			 stop_pipe[2];
	volatile int		 stopping;
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;
	struct conn		*conns;
	uint64_t		 next_sid;
	int			 nconns;
	int			 inflight;
};

static void	*conn_main(void *);
static void	*checkpoint_main(void *);
static void	*signal_main(void *);

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
	request_conn_done(c);
	free(c->login);
	free(c->tty);
	free(c->prog);
	free(c);
}

static void *
conn_main(void *arg)
{
	struct conn	*c = arg, **pp;
	struct server	*s = c->srv;
	char		*frame;
	size_t		 len;

	while (!s->stopping) {
		if (proto_read(c->fd, &frame, &len) != 0)
			break;
		pthread_mutex_lock(&s->lock);
		if (s->stopping) {
			pthread_mutex_unlock(&s->lock);
			free(frame);
			break;
		}
		s->inflight++;
		pthread_mutex_unlock(&s->lock);

		request_handle(c, frame, len);
		free(frame);

		pthread_mutex_lock(&s->lock);
		s->inflight--;
		pthread_cond_broadcast(&s->cond);
		pthread_mutex_unlock(&s->lock);
	}
	pthread_mutex_lock(&s->lock);
	for (pp = &s->conns; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	}
	s->nconns--;
	pthread_cond_broadcast(&s->cond);
	pthread_mutex_unlock(&s->lock);
	if (c->login != NULL && c->roles != 0)
		log_debug("session %llu (%s) ended",
		    (unsigned long long)c->sid, c->login);
	close(c->fd);
	conn_free(c);
	return (NULL);
}

static void *
checkpoint_main(void *arg)
{
	struct server	*s = arg;
	struct timespec	 ts;
	time_t		 last_prune = time(NULL);

	pthread_mutex_lock(&s->lock);
	while (!s->stopping) {
		/* s->cond is also told of every request's end: wait out the
		 * whole period, or a busy server checkpoints at every
		 * request (and on a full disk logs its failure as often). */
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += SERVER_CHECKPOINT;
		while (!s->stopping && pthread_cond_timedwait(&s->cond,
		    &s->lock, &ts) != ETIMEDOUT)
			;
		if (s->stopping)
			break;
		pthread_mutex_unlock(&s->lock);
		store_checkpoint(s->st);
		if (time(NULL) - last_prune > 600) {
			store_prune_reqlog(s->st, SERVER_REQLOG_AGE);
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

/* Take the home's lock: one server per home.  -1 if another holds it. */
static int
server_lock(struct server *s, char **cause)
{
	char	*path;

	path = paths_file(s->opts->paths, "kontor.lock");
	s->lockfd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (s->lockfd < 0) {
		xasprintf(cause, "cannot open %s: %s", path, strerror(errno));
		free(path);
		return (EX_CANTCREAT);
	}
	free(path);
	if (flock(s->lockfd, LOCK_EX | LOCK_NB) != 0) {
		xasprintf(cause, "a server is already running for %s",
		    s->opts->paths->home);
		close(s->lockfd);
		return (EX_TEMPFAIL);
	}
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
		xasprintf(cause, "socket path too long: %s", path);
		return (-1);
	}
	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, path, strlen(path));
	/* A socket left by a killed server: nobody answers, so remove it. */
	if ((probe = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) >= 0) {
		if (connect(probe, (struct sockaddr *)&sun, sizeof sun) == 0) {
			close(probe);
			xasprintf(cause, "another server answers on %s", path);
			return (-1);
		}
		close(probe);
	}
	unlink(path);
	if (s->opts->group != NULL && (gr = getgrnam(s->opts->group)) ==
	    NULL) {
		xasprintf(cause, "socket group '%s' does not exist",
		    s->opts->group);
		return (-1);
	}
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
	    bind(fd, (struct sockaddr *)&sun, sizeof sun) != 0) {
		xasprintf(cause, "cannot listen on %s: %s", path,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		return (-1);
	}
	if (gr != NULL) {
		if (chown(path, (uid_t)-1, gr->gr_gid) != 0 ||
		    chmod(path, 0660) != 0) {
			xasprintf(cause, "cannot give %s to group %s: %s",
			    path, s->opts->group, strerror(errno));
			close(fd);
			return (-1);
		}
	} else if (chmod(path, 0600) != 0) {
		xasprintf(cause, "chmod %s: %s", path, strerror(errno));
		close(fd);
		return (-1);
	}
	if (listen(fd, 256) != 0) {
		xasprintf(cause, "listen: %s", strerror(errno));
		close(fd);
		return (-1);
	}
	s->lfd = fd;
	return (0);
}

static void
server_accept(struct server *s)
{
	struct conn	*c;
	struct ucred	 cred;
	socklen_t	 len = sizeof cred;
	struct timeval	 tv = { SERVER_SEND_TIMEOUT, 0 };
	pthread_attr_t	 attr;
	pthread_t	 th;
	int		 fd;

	if ((fd = accept4(s->lfd, NULL, NULL, SOCK_CLOEXEC)) < 0)
		return;
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0) {
		log_warnx("SO_PEERCRED: %s", strerror(errno));
		close(fd);
		return;
	}
	/* A client that stops reading is dropped, never waited for. */
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	c = xcalloc(1, sizeof *c);
	c->srv = s;
	c->fd = fd;
	c->uid = cred.uid;
	c->pid = cred.pid;
	c->since = c->last = time(NULL);
	pthread_mutex_lock(&s->lock);
	c->sid = ++s->next_sid;
	c->next = s->conns;
	s->conns = c;
	s->nconns++;
	pthread_mutex_unlock(&s->lock);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, 1u << 20);
	if (pthread_create(&th, &attr, conn_main, c) != 0) {
		log_warnx("pthread_create: %s", strerror(errno));
		pthread_mutex_lock(&s->lock);
		s->conns = c->next;
		s->nconns--;
		pthread_mutex_unlock(&s->lock);
		close(fd);
		conn_free(c);
	}
	pthread_attr_destroy(&attr);
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
	struct server	 s;
	struct pollfd	 pfd[2];
	pthread_t	 ckpt, sigth;
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
	umask(077);

	/* Nobody reads a closed pipe's end: a write must fail, not kill. */
	signal(SIGPIPE, SIG_IGN);
	if ((rc = server_lock(&s, cause)) != 0) {
		if (rc == EX_TEMPFAIL && opts->ready_fd >= 0) {
			ready_say(opts->ready_fd, "busy ");
			ready_say(opts->ready_fd, *cause);
			ready_say(opts->ready_fd, "\n");
		} else
			server_ready_fail(opts->ready_fd, rc, *cause);
		return (rc);
	}
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
	/* Faults for tests/server/test_autostart.sh: a server that dies as
	 * it starts, of an abort, or killed without a word. */
	if ((test = getenv("KONTOR_TEST_CRASH")) != NULL) {
		if (strcmp(test, "abort") == 0)
			fatalx("KONTOR_TEST_CRASH=abort");
		if (strcmp(test, "kill") == 0)
			raise(SIGKILL);
	}
	if ((rc = store_open(opts->paths->home, 0, &s.st, cause)) != 0) {
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
	if (server_listen(&s, cause) != 0) {
		log_warnx("start failed: %s", *cause);
		server_ready_fail(opts->ready_fd, EX_UNAVAILABLE, *cause);
		store_close(s.st);
		server_unpidfile(&s);
		close(s.lockfd);
		return (EX_UNAVAILABLE);
	}
	if (pipe2(s.stop_pipe, O_CLOEXEC) != 0)
		fatal("pipe");
	s.started = time(NULL);
	log_info("started: pid %ld, home %s, socket %s%s%s", (long)getpid(),
	    opts->paths->home, opts->paths->socket,
	    opts->group ? ", group " : "", opts->group ? opts->group : "");
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

	pfd[0].fd = s.lfd;
	pfd[0].events = POLLIN;
	pfd[1].fd = s.stop_pipe[0];
	pfd[1].events = POLLIN;
	for (;;) {
		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			fatal("poll");
		}
		if (pfd[1].revents)
			break;
		if (pfd[0].revents & POLLIN)
			server_accept(&s);
	}

	close(s.lfd);
	server_shutdown(&s);
	pthread_join(ckpt, NULL);
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
	return (0);
}
