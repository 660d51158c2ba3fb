#include "config.h"

#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "client/client.h"
#include "home.h"
#include "i18n.h"
#include "log.h"
#include "xmalloc.h"

#define CLIENT_START_WAIT	30000	/* ms to wait for a server to answer */
#define CLIENT_RETRY_WAIT	60000	/* ms to keep reconnecting */
#define CLIENT_RESPAWN		1000	/* ms between attempts to start one */
#define CLIENT_HELLO_RETRY	5000	/* ms a hello lost in a restart is
					   sent again */
#define CLIENT_SHORT_LIFE	10	/* s: a server gone sooner died young */
#define CLIENT_MAX_YOUNG	5	/* such deaths in a row, then stop */
#define CLIENT_LOG_LINES	5	/* of kontor.log, told when one died */

struct client {
	struct paths	 paths;		/* home, socket, home_set */
	unsigned	 flags;
	int		 fd;
	uint64_t	 cid;
	uint64_t	 rid;
	char		*login;
	char		*name;
	char		*company;
	unsigned	 roles;
	uint64_t	 user_id;
	uint64_t	 writes;	/* records this client has written */
	int		 hello_lost;	/* the last hello lost its connection */
	char		*ended;		/* the server ended us: why */
	int		 stopped;	/* the waiter stopped waiting */
	client_wait_fn	 wait_fn;	/* told while no server answers */
	void		*wait_arg;
	int64_t		 deadline;	/* ms (monotonic) the wait ends at */
	int		 waiting;	/* the waiter has been told */
	int		 wait_failed;	/* the last wait ended unanswered */

	/* The server this client started last: its ready pipe (see
	 * server.h for what it says), when, and what it said so far. */
	int		 ready;
	time_t		 spawned;
	int		 was_ready;
	char		 said[512];
	size_t		 nsaid;
	int		 young;		/* died young, in a row */
	char		*dead;		/* why no server is started again */
};

static void
sleep_ms(int ms)
{
	struct timespec	 ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static int64_t
mono_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

/* No server answers yet: tell the waiter, who may want to stop (1). */
static int
client_waiting(struct client *c, const char *why)
{
	int	 left;

	if (c->wait_fn == NULL)
		return (0);
	left = (int)((c->deadline - mono_ms() + 999) / 1000);
	c->waiting = 1;
	return (c->wait_fn(c->wait_arg, left < 0 ? 0 : left, why) != 0);
}

/*
 * The wait is over: the server answered (failed NULL), or not.  The
 * waiter also hears of the first answer after a wait that failed, even
 * one that needed no wait.
 */
static void
client_waited(struct client *c, const char *failed)
{
	if ((c->waiting || (failed == NULL && c->wait_failed)) &&
	    c->wait_fn != NULL)
		c->wait_fn(c->wait_arg, -1, failed);
	if (c->waiting || failed == NULL)
		c->wait_failed = failed != NULL;
	c->waiting = 0;
	c->deadline = 0;
}

const char *
client_tty(void)
{
	static char	 buf[64];
	const char	*t, *ssh;
	int		 fd;

	for (fd = 0; fd < 3; fd++) {
		if ((t = ttyname(fd)) != NULL) {
			if (strncmp(t, "/dev/", 5) == 0)
				t += 5;
			snprintf(buf, sizeof buf, "%s", t);
			return (buf);
		}
	}
	if ((ssh = getenv("SSH_CLIENT")) != NULL) {
		snprintf(buf, sizeof buf, "ssh:%.*s",
		    (int)strcspn(ssh, " "), ssh);
		return (buf);
	}
	return ("-");
}

static int
try_connect(const char *path)
{
	struct sockaddr_un	 sun;
	int			 fd;

	if (strlen(path) >= sizeof sun.sun_path) {
		errno = ENAMETOOLONG;
		return (-1);
	}
	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, path, strlen(path));
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return (-1);
	if (connect(fd, (struct sockaddr *)&sun, sizeof sun) != 0) {
		int	 saved = errno;

		close(fd);
		errno = saved;
		return (-1);
	}
	return (fd);
}

/* The last lines of the home's kontor.log, each indented; "" if none. */
static char *
log_tail(struct client *c)
{
	char	 buf[4096], *path, *p, *out = NULL, *tmp;
	ssize_t	 n;
	off_t	 end;
	int	 fd, lines = 0;

	xasprintf(&path, "%s/kontor.log", c->paths.home);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	free(path);
	if (fd < 0)
		return (xstrdup(""));
	end = lseek(fd, 0, SEEK_END);
	n = pread(fd, buf, sizeof buf - 1, end > (off_t)sizeof buf - 1 ?
	    end - (off_t)(sizeof buf - 1) : 0);
	close(fd);
	if (n <= 0)
		return (xstrdup(""));
	buf[n] = '\0';
	while (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	for (p = buf + n; p > buf && lines < CLIENT_LOG_LINES; p--)
		if (p[-1] == '\n' && ++lines == CLIENT_LOG_LINES)
			break;
	if (p > buf && p[-1] != '\n')	/* a line cut by the window */
		p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p;
	while (*p != '\0') {
		size_t	 len = strcspn(p, "\n");

		xasprintf(&tmp, "%s\n  %.*s", out ? out : "", (int)len, p);
		free(out);
		out = tmp;
		p += len;
		if (*p == '\n')
			p++;
	}
	return (out ? out : xstrdup(""));
}

/* Stop starting servers: set why (the server's words, the log's end). */
static void
client_give_up(struct client *c, const char *why)
{
	char	*tail = log_tail(c);

	free(c->dead);
	if (*tail != '\0')
		xasprintf(&c->dead, _("%s; the end of %s/kontor.log:%s"), why,
		    c->paths.home, tail);
	else
		c->dead = xstrdup(why);
	free(tail);
}

/*
 * What the server we started says on its ready pipe, read without
 * waiting.  Returns 0, or an exit code with *cause when no server should
 * be started again: it could not start (a full disk, a broken home), it
 * crashed, or servers we start keep dying young without a word.
 */
static int
spawn_heard(struct client *c, char **cause)
{
	char	*nl, *line, *why;
	ssize_t	 n;
	int	 rc, ended = 0;

	if (c->ready < 0)
		return (0);
	for (;;) {
		n = read(c->ready, c->said + c->nsaid,
		    sizeof c->said - 1 - c->nsaid);
		if (n > 0) {
			c->nsaid += (size_t)n;
			if (c->nsaid < sizeof c->said - 1)
				continue;
		} else if (n == 0)
			ended = 1;
		else if (errno == EINTR)
			continue;
		break;
	}
	c->said[c->nsaid] = '\0';
	while ((nl = strchr(c->said, '\n')) != NULL ||
	    c->nsaid == sizeof c->said - 1) {
		if (nl != NULL)
			*nl = '\0';
		line = xstrdup(c->said);
		n = nl != NULL ? nl + 1 - c->said : (ssize_t)c->nsaid;
		memmove(c->said, c->said + n, c->nsaid - (size_t)n + 1);
		c->nsaid -= (size_t)n;
		rc = 0;
		if (strncmp(line, "ready ", 6) == 0)
			c->was_ready = 1;
		else if (strncmp(line, "fail ", 5) == 0) {
			rc = (int)strtol(line + 5, &why, 10);
			if (rc <= 0)
				rc = EX_UNAVAILABLE;
			while (*why == ' ')
				why++;
			free(c->dead);
			xasprintf(&c->dead, _("the server could not start: %s"),
			    why);
			/* Its own words say it all: no log needed. */
		} else if (strncmp(line, "crash ", 6) == 0) {
			char	*w;

			if (c->was_ready)
				xasprintf(&w, _("the server for %s crashed "
				    "%lld s after it started: %s"), c->paths.home,
				    (long long)(time(NULL) - c->spawned),
				    line + 6);
			else
				xasprintf(&w, _("the server for %s crashed as "
				    "it started: %s"), c->paths.home, line + 6);
			client_give_up(c, w);
			free(w);
			rc = EX_UNAVAILABLE;
		}
		/* The home's server listens at another socket. */
		if (strncmp(line, "elsewhere ", 10) == 0) {
			free(c->dead);
			xasprintf(&c->dead, _("the server for %s listens at %s, "
			    "not at %s: give --socket %s (or set KONTOR_SOCKET)"),
			    c->paths.home, line + 10, c->paths.socket,
			    line + 10);
			rc = EX_UNAVAILABLE;
		}
		/* "busy": another server held the home (it was stopping,
		 * or starting for another client), and "stop": connect to
		 * another, or start one in a while. */
		if (strncmp(line, "busy", 4) == 0 ||
		    strcmp(line, "stop") == 0) {
			free(line);
			close(c->ready);
			c->ready = -1;
			c->nsaid = 0;
			return (0);
		}
		free(line);
		if (rc != 0) {
			close(c->ready);
			c->ready = -1;
			*cause = xstrdup(c->dead);
			return (rc);
		}
	}
	if (!ended)
		return (0);
	close(c->ready);
	c->ready = -1;
	c->nsaid = 0;
	/* Ended without a word: killed outright (SIGKILL), or died in a
	 * way it could not tell.  Once is no reason to stop. */
	if (time(NULL) - c->spawned >= CLIENT_SHORT_LIFE) {
		c->young = 0;
		return (0);
	}
	if (++c->young < CLIENT_MAX_YOUNG)
		return (0);
	if (c->was_ready)
		xasprintf(&why, P_("%d server started for %s in a row died "
		    "within %d s, saying nothing", "%d servers started for %s "
		    "in a row died within %d s, saying nothing", c->young),
		    c->young, c->paths.home, CLIENT_SHORT_LIFE);
	else
		xasprintf(&why, P_("%d server started for %s in a row died "
		    "within %d s, saying nothing (before it could answer)",
		    "%d servers started for %s in a row died within %d s, "
		    "saying nothing (before they could answer)", c->young),
		    c->young, c->paths.home, CLIENT_SHORT_LIFE);
	client_give_up(c, why);
	free(why);
	*cause = xstrdup(c->dead);
	return (EX_UNAVAILABLE);
}

/*
 * Start `kontor serve --daemon` for our home, detached, as tmux does,
 * with a pipe on which it tells us that it is ready, why it could not
 * start, or that it crashed.
 */
static int
spawn_server(struct client *c, char **cause)
{
	extern char	**environ;
	char		 self[PATH_MAX], fdarg[16], **env;
	ssize_t		 n;
	pid_t		 pid;
	size_t		 nenv;
	int		 status, fd, pfd[2];

	if ((n = readlink("/proc/self/exe", self, sizeof self - 1)) < 0) {
		xasprintf(cause, _("cannot find the kontor binary: %s"),
		    strerror(errno));
		return (-1);
	}
	self[n] = '\0';
	if (pipe2(pfd, O_CLOEXEC) != 0) {
		xasprintf(cause, "pipe: %s", strerror(errno)); /* i18n: no */
		return (-1);
	}
	/*
	 * The server's environment is ours, with malloc asked for huge pages
	 * unless the tunables were set otherwise: its regions (some 140 MB,
	 * zeroed at every start) then start in a third of the time.  Made
	 * here: between fork and exec only async-signal-safe calls.
	 */
	for (nenv = 0; environ[nenv] != NULL; nenv++)
		;
	env = xcalloc(nenv + 2, sizeof *env);
	memcpy(env, environ, nenv * sizeof *env);
	if (getenv("GLIBC_TUNABLES") == NULL)
		env[nenv] = (char *)"GLIBC_TUNABLES=glibc.malloc.hugetlb=1";
	if ((pid = fork()) < 0) {
		xasprintf(cause, "fork: %s", strerror(errno)); /* i18n: no */
		free(env);
		close(pfd[0]);
		close(pfd[1]);
		return (-1);
	}
	if (pid == 0) {
		setsid();
		if (fork() != 0)
			_exit(0);
		close(pfd[0]);
		/* Above the standard three, and kept across exec. */
		if (pfd[1] < 3) {
			if ((fd = fcntl(pfd[1], F_DUPFD, 3)) < 0)
				_exit(127);
			pfd[1] = fd;
		} else
			fcntl(pfd[1], F_SETFD, 0);
		if ((fd = open("/dev/null", O_RDWR)) >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
			if (fd > 2)
				close(fd);
		}
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		snprintf(fdarg, sizeof fdarg, "%d", pfd[1]);
		{
			char	*args[] = { (char *)"kontor", (char *)"--home",
			    c->paths.home, (char *)"--socket", c->paths.socket,
			    (char *)"serve", (char *)"--daemon",
			    (char *)"--ready-fd", fdarg, NULL };

			execve(self, args, env);
		}
		_exit(127);
	}
	free(env);
	close(pfd[1]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	/* The server started before is no longer ours to hear. */
	if (c->ready >= 0)
		close(c->ready);
	c->ready = pfd[0];
	fcntl(c->ready, F_SETFL, O_NONBLOCK);
	c->spawned = time(NULL);
	c->was_ready = 0;
	c->nsaid = 0;
	return (0);
}

/*
 * The home was chosen (--home, KONTOR_HOME) and the socket names a server
 * (--socket, KONTOR_SOCKET): it must serve that home, or a command would
 * act on another's data (an import, a stop).  0, else EX_UNAVAILABLE and
 * *cause, and no server is started or reached again for it.
 */
static int
client_same_home(struct client *c, const msgpack_object *data, char **cause)
{
	char	*theirs, *mine;
	size_t	 len;
	int	 rc = 0;

	if (!c->paths.home_set ||
	    (theirs = mobj_strdup(data, "home")) == NULL)
		return (0);	/* a server before the home was said */
	if ((mine = realpath(c->paths.home, NULL)) == NULL) {
		mine = xstrdup(c->paths.home);
		len = strlen(mine);
		while (len > 1 && mine[len - 1] == '/')
			mine[--len] = '\0';
	}
	if (strcmp(mine, theirs) != 0) {
		/* What to change: what named the socket. */
		if (c->paths.socket_from == PATHS_SOCK_ENV)
			xasprintf(cause, _("the server at %s serves the home "
			    "%s, not %s: give the socket of %s's server "
			    "(--socket), or unset KONTOR_SOCKET"),
			    c->paths.socket, theirs, mine, mine);
		else
			xasprintf(cause, _("the server at %s serves the home "
			    "%s, not %s: give the socket of %s's server "
			    "(--socket), or leave out --home"),
			    c->paths.socket, theirs, mine, mine);
		free(c->dead);
		c->dead = xstrdup(*cause);
		rc = EX_UNAVAILABLE;
	}
	free(mine);
	free(theirs);
	return (rc);
}

static int
client_hello(struct client *c, char **cause)
{
	struct client_reply	 r;
	struct msgb		 m;
	char			 pidbuf[16], *lang;
	int			 rc;

	snprintf(pidbuf, sizeof pidbuf, "%ld", (long)getpid());
	client_req(c, &m, "hello", 5);
	mb_kstr(&m, "lang", i18n_lang());
	mb_kbool(&m, "lang_forced", i18n_forced());
	mb_kstr(&m, "tty", client_tty());
	mb_kstr(&m, "prog", getenv("KONTOR_PROG") ? getenv("KONTOR_PROG") :
	    "kontor");
	mb_kint(&m, "version", PROTO_VERSION);
	c->hello_lost = 0;
	if (proto_write(c->fd, m.sb.data, m.sb.size) != 0) {
		mb_free(&m);
		/* A server that refuses us at once (too many connections)
		 * says why before it closes: read it. */
		if (client_next(c, &r) != 0 && r.frame != NULL) {
			*cause = xstrdup(r.err ? r.err : _("refused"));
			rc = r.rc;
			client_reply_free(&r);
			return (rc);
		}
		client_reply_free(&r);
		c->hello_lost = 1;
		*cause = xstrdup(_("the server closed the connection"));
		return (EX_UNAVAILABLE);
	}
	mb_free(&m);
	if ((rc = client_next(c, &r)) != 0) {
		c->hello_lost = r.frame == NULL;
		*cause = xstrdup(r.err ? r.err : _("refused"));
		client_reply_free(&r);
		return (rc);
	}
	if ((rc = client_same_home(c, r.data, cause)) != 0) {
		client_reply_free(&r);
		return (rc);
	}
	free(c->login);
	free(c->name);
	free(c->company);
	c->login = mobj_strdup(r.data, "login");
	c->name = mobj_strdup(r.data, "name");
	c->company = mobj_strdup(r.data, "company");
	c->roles = (unsigned)mobj_int(r.data, "roles", 0);
	c->user_id = (uint64_t)mobj_int(r.data, "uid", 0);
	/* The user's own language, when --lang did not choose one. */
	if ((lang = mobj_strdup(r.data, "lang")) != NULL && !i18n_forced() &&
	    strcmp(lang, i18n_lang()) != 0)
		i18n_set(lang);
	free(lang);
	client_reply_free(&r);
	return (0);
}

/* Connect (starting a server when allowed) and say hello. */
/*
 * The home a client that may start a server names is not there.  A clerk
 * may not look into the home: then it is there.  Nor does it matter when
 * the socket was named (--socket, KONTOR_SOCKET, the config file) and the
 * home was not: the server there is waited for, whatever home this
 * login's defaults name.
 */
static int
home_missing(struct client *c)
{
	struct stat	 sb;

	if (!(c->flags & CLIENT_AUTOSTART))
		return (0);
	if (!c->paths.home_set && c->paths.socket_from != PATHS_SOCK_HOME)
		return (0);
	return (stat(c->paths.home, &sb) != 0 && errno == ENOENT);
}

static int
client_connect(struct client *c, int wait_ms, char **cause)
{
	struct stat	 sb;
	char		*why;
	int		 waited = 0, spawned = 0, spawn_at = 0, step = 10;
	int		 rc, stop = 0;

	if (c->deadline == 0)
		c->deadline = mono_ms() + wait_ms;
	for (;;) {
		if ((c->fd = try_connect(c->paths.socket)) >= 0) {
			if (c->flags & CLIENT_NOHELLO)
				return (0);
			rc = client_hello(c, cause);
			/* A server that was dying took the connection away
			 * before it answered: say hello again, as any
			 * request is sent again, for a few seconds. */
			if (rc != EX_UNAVAILABLE || !c->hello_lost ||
			    waited >= (wait_ms > CLIENT_HELLO_RETRY ?
			    wait_ms : CLIENT_HELLO_RETRY))
				return (rc);
			close(c->fd);
			c->fd = -1;
			free(*cause);
			*cause = NULL;
			sleep_ms(step);
			waited += step;
			if (step < 200)
				step *= 2;
			continue;
		}
		if (errno != ENOENT && errno != ECONNREFUSED &&
		    errno != EAGAIN) {
			xasprintf(cause, _("cannot reach the server at %s: %s"),
			    c->paths.socket, strerror(errno));
			return (EX_UNAVAILABLE);
		}
		/*
		 * None answers.  If we started one, has it said why?  A
		 * server that cannot start, or crashes, is not started
		 * again and again: its words and its log's end are told.
		 */
		if (c->dead != NULL) {
			*cause = xstrdup(c->dead);
			return (EX_UNAVAILABLE);
		}
		if ((rc = spawn_heard(c, cause)) != 0)
			return (rc);
		/* No home there: none will start for it, said at once
		 * rather than after the whole wait. */
		if (home_missing(c))
			break;
		/*
		 * Start a server, and again each second while none answers:
		 * one started while the last server still held the home (it
		 * was stopping) has given up at once.  Not while the one we
		 * started last still runs (it recovers): it would only find
		 * the home taken.
		 */
		if ((c->flags & CLIENT_AUTOSTART) && c->ready < 0 &&
		    (!spawned || waited - spawn_at >= CLIENT_RESPAWN) &&
		    access(c->paths.home, W_OK) == 0) {
			if (stat(c->paths.home, &sb) != 0 ||
			    !S_ISDIR(sb.st_mode))
				break;
			if (spawn_server(c, cause) != 0)
				return (EX_UNAVAILABLE);
			spawned = 1;
			spawn_at = waited;
		} else if (!spawned && waited >= wait_ms)
			break;
		if (waited >= wait_ms)
			break;
		if (waited >= 200 && !spawned) {
			/* Where: the box's title says that none answers. */
			xasprintf(&why, _("no server answers at %s"),
			    c->paths.socket);
			stop = client_waiting(c, why);
			free(why);
		} else if (waited >= 200)
			stop = client_waiting(c, _("a server was started and "
			    "is not answering yet"));
		if (stop) {
			xasprintf(cause, _("you stopped waiting for the server "
			    "at %s"), c->paths.socket);
			c->stopped = 1;
			return (EX_UNAVAILABLE);
		}
		sleep_ms(step);
		waited += step;
		if (step < 200)
			step *= 2;
	}
	/* A home that is not there is missing input (66), as the man page
	 * says. */
	if (home_missing(c)) {
		xasprintf(cause, _("no kontor home at %s (kontor init creates "
		    "one; --home or KONTOR_HOME choose another)"),
		    c->paths.home);
		return (EX_NOINPUT);
	} else if (c->ready >= 0 && !c->was_ready)
		xasprintf(cause, _("the server started for %s has not answered "
		    "yet (it may still be recovering: see %s/kontor.log)"),
		    c->paths.home, c->paths.home);
	else if (spawned)
		xasprintf(cause, _("no server answers at %s (one was started: "
		    "see kontor.log in the home)"), c->paths.socket);
	else
		xasprintf(cause, _("no server answers at %s"),
		    c->paths.socket);
	return (EX_UNAVAILABLE);
}

int
client_open(const struct paths *p, unsigned flags, struct client **out,
    char **cause)
{
	return (client_open_wait(p, flags, NULL, NULL, out, cause));
}

int
client_open_wait(const struct paths *p, unsigned flags, client_wait_fn fn,
    void *arg, struct client **out, char **cause)
{
	struct client	*c;
	int		 rc;

	c = xcalloc(1, sizeof *c);
	c->wait_fn = fn;
	c->wait_arg = arg;
	c->paths.home = xstrdup(p->home);
	c->paths.socket = xstrdup(p->socket);
	c->paths.home_set = p->home_set;
	c->paths.socket_from = p->socket_from;
	c->flags = flags;
	c->fd = -1;
	c->ready = -1;
	if (getrandom(&c->cid, sizeof c->cid, 0) != sizeof c->cid)
		c->cid = ((uint64_t)getpid() << 32) ^ (uint64_t)time(NULL);
	c->cid |= 1;
	signal(SIGPIPE, SIG_IGN);
	rc = client_connect(c, flags & CLIENT_AUTOSTART ? CLIENT_START_WAIT :
	    0, cause);
	client_waited(c, rc != 0 ? *cause : NULL);
	if (rc != 0) {
		client_close(c);
		return (rc);
	}
	*out = c;
	return (0);
}

void
client_wrote(struct client *c)
{
	c->writes++;
}

uint64_t
client_writes(struct client *c)
{
	return (c->writes);
}

void
client_set_waiter(struct client *c, client_wait_fn fn, void *arg)
{
	c->wait_fn = fn;
	c->wait_arg = arg;
}

void
client_close(struct client *c)
{
	if (c == NULL)
		return;
	if (c->fd >= 0)
		close(c->fd);
	if (c->ready >= 0)
		close(c->ready);
	free(c->dead);
	free(c->paths.home);
	free(c->paths.socket);
	free(c->login);
	free(c->name);
	free(c->company);
	free(c->ended);
	free(c);
}

const char *
client_login(struct client *c)
{
	return (c->login);
}

const char *
client_name(struct client *c)
{
	return (c->name);
}

const char *
client_company(struct client *c)
{
	return (c->company);
}

unsigned
client_roles(struct client *c)
{
	return (c->roles);
}

uint64_t
client_user_id(struct client *c)
{
	return (c->user_id);
}

int
client_fd(struct client *c)
{
	return (c->fd);
}

/* client_ended(), waiting up to ms for the notice. */
static int
client_notice(struct client *c, struct client_reply *r, int ms)
{
	struct pollfd	 pfd;

	memset(r, 0, sizeof *r);
	while (c->fd >= 0) {
		pfd.fd = c->fd;
		pfd.events = POLLIN;
		pfd.revents = 0;
		if (poll(&pfd, 1, ms) <= 0)
			return (0);
		if (client_next(c, r) != 0 && r->frame != NULL &&
		    mobj_int(r->msg.root, "ended", 0)) {
			/* The server's last word: keep it, hang up. */
			close(c->fd);
			c->fd = -1;
			return (r->rc);
		}
		if (r->frame == NULL) {
			/* At its end: the next call connects again. */
			client_reply_free(r);
			close(c->fd);
			c->fd = -1;
			return (0);
		}
		/* Left over from a stream nobody read to its end. */
		client_reply_free(r);
	}
	return (0);
}

int
client_ended(struct client *c, struct client_reply *r)
{
	int	 rc;

	/* Heard already, as the answer to a request. */
	if (c->ended != NULL) {
		memset(r, 0, sizeof *r);
		r->rc = EX_NOPERM;
		r->err = c->ended;
		c->ended = NULL;
		return (r->rc);
	}
	if ((rc = client_notice(c, r, 0)) != 0) {
		free(c->ended);		/* told now, once */
		c->ended = NULL;
	}
	return (rc);
}

void
client_req(struct client *c, struct msgb *m, const char *op, size_t nargs)
{
	mb_init(m);
	mb_map(m, nargs + 3);
	mb_kstr(m, "op", op);
	mb_kint(m, "rid", (int64_t)++c->rid);
	mb_kint(m, "cid", (int64_t)c->cid);
}

int
client_next(struct client *c, struct client_reply *r)
{
	size_t	 len;

	memset(r, 0, sizeof r[0]);
	if (proto_read(c->fd, &r->frame, &len) != 0) {
		r->rc = EX_UNAVAILABLE;
		r->err = xstrdup(_("the connection to the server was lost"));
		return (r->rc);
	}
	r->len = len;
	if (msg_parse(&r->msg, r->frame, len) != 0) {
		r->rc = EX_PROTOCOL;
		r->err = xstrdup(_("the server sent a malformed answer"));
		return (r->rc);
	}
	r->rc = (int)mobj_int(r->msg.root, "rc", EX_PROTOCOL);
	r->err = mobj_strdup(r->msg.root, "err");
	/* The server's last word to this session: kept for client_ended()
	 * too, whatever request it came as the answer to. */
	if (mobj_int(r->msg.root, "ended", 0) && c->ended == NULL)
		c->ended = xstrdup(r->err != NULL ? r->err :
		    _("the server ended this session"));
	r->more = (int)mobj_int(r->msg.root, "more", 0);
	r->data = mobj_get(r->msg.root, "data");
	return (r->rc);
}

/*
 * Send and read the first answer.  A lost connection is mended: connect
 * again (a killed server is restarted when we may) and send the same
 * bytes, which the server recognises by their request id.
 */
int
client_call(struct client *c, struct msgb *m, struct client_reply *r)
{
	char	*cause = NULL;
	int	 rc;

	if (m->sb.size > PROTO_MAX_REQUEST) {
		memset(r, 0, sizeof *r);
		r->rc = EX_DATAERR;
		xasprintf(&r->err, _("the request is %zu bytes, more than the "
		    "server takes (%u MiB)"), m->sb.size,
		    PROTO_MAX_REQUEST >> 20);
		mb_free(m);
		return (r->rc);
	}
	for (;;) {
		/* Ended by the server (the user disabled): say so, do not
		 * connect again behind the caller's back. */
		if (c->fd >= 0 && client_ended(c, r) != 0) {
			free(cause);
			mb_free(m);
			return (r->rc);
		}
		if (c->fd >= 0 && proto_write(c->fd, m->sb.data,
		    m->sb.size) == 0) {
			rc = client_next(c, r);
			if (rc != EX_UNAVAILABLE || r->frame != NULL) {
				c->young = 0;	/* a server works */
				break;
			}
			client_reply_free(r);
		} else if (c->fd >= 0 && client_notice(c, r, 200) != 0) {
			/* It ended us as we wrote: its notice is on the way
			 * (a server that died shows its end at once). */
			free(cause);
			mb_free(m);
			return (r->rc);
		}
		if (c->fd >= 0)
			close(c->fd);
		c->fd = -1;
		if (c->deadline == 0)
			c->deadline = mono_ms() + CLIENT_RETRY_WAIT;
		/* Not after the waiter stopped waiting (c->stopped): its
		 * words are the answer. */
		if (mono_ms() >= c->deadline || (cause != NULL &&
		    c->stopped)) {
			c->stopped = 0;
			memset(r, 0, sizeof *r);
			r->rc = EX_UNAVAILABLE;
			r->err = cause != NULL ? cause :
			    xstrdup(_("the server is gone"));
			client_waited(c, r->err);
			mb_free(m);
			return (r->rc);
		}
		free(cause);
		cause = NULL;
		rc = client_connect(c, 2000, &cause);
		if (rc != 0 && c->fd >= 0) {
			/* Connected, but hello was refused (the user was
			 * disabled): that refusal is the answer. */
			close(c->fd);
			c->fd = -1;
		}
		if (rc != 0 && (rc != EX_UNAVAILABLE || c->dead != NULL)) {
			/* Told once: the next call may start one again. */
			free(c->dead);
			c->dead = NULL;
			client_waited(c, cause != NULL ? cause : "");
			memset(r, 0, sizeof *r);
			r->rc = rc;
			r->err = cause;
			mb_free(m);
			return (rc);
		}
		/*
		 * Refused at the socket (its mode, EACCES): client_connect
		 * returns at once, without waiting.  The waiter hears why
		 * each time, so that a session shows it and may stop.
		 */
		if (rc != 0 && !c->stopped) {
			if (cause != NULL && client_waiting(c, cause))
				c->stopped = 1;
			else
				sleep_ms(100);
		}
	}
	client_waited(c, NULL);
	free(cause);
	mb_free(m);
	return (r->rc);
}

int
client_call_doc(struct client *c, struct msgb *m, struct client_reply *r,
    const char *fail, char **bytes, size_t *len, char **cause)
{
	const char	*b;
	int		 rc;

	if (client_call(c, m, r) != 0) {
		rc = r->rc != 0 ? r->rc : EX_SOFTWARE;
		*cause = xstrdup(r->err != NULL ? r->err : fail);
		client_reply_free(r);
		return (rc);
	}
	if (mobj_bin(r->data, "bytes", &b, len) != 0) {
		*cause = xstrdup(_("the server's answer has no document"));
		client_reply_free(r);
		return (EX_PROTOCOL);
	}
	*bytes = xmalloc(*len + 1);
	memcpy(*bytes, b, *len);
	(*bytes)[*len] = '\0';
	return (0);
}

void
client_reply_free(struct client_reply *r)
{
	msg_free(&r->msg);
	free(r->frame);
	free(r->err);
	memset(r, 0, sizeof *r);
}
