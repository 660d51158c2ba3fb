/*
 * bench.c: what bench_sales, bench_stock and bench_money share (bench.h): the scratch
 * directory, the kontor binary and its server, the clients started
 * together, the SQLite connection.
 */
#include "config.h"

#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench/bench.h"
#include "client/client.h"
#include "xmalloc.h"

const char	*kontor_bin = "./kontor";
char		*scratch, *home, *sqpath;
struct paths	 paths;
int		 server_started;

static const char	*bench_name = "bench";
static pid_t		 main_pid;

void
bench_init(const char *name)
{
	bench_name = name;
	main_pid = getpid();
}

double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

void
die(const char *fmt, ...)
{
	va_list	 ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", bench_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	/* Leave no server behind (run.sh removes the scratch directory);
	 * the home itself stays for a look. */
	if (getpid() == main_pid && server_started) {
		server_started = 0;
		run_kontor("/dev/null", "stop", NULL);
		fprintf(stderr, "%s: scratch left in %s\n", bench_name,
		    scratch);
	}
	exit(70);
}

void
note(const char *fmt, ...)
{
	va_list	 ap;

	fprintf(stderr, "%s: ", bench_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

uint64_t
rng(uint64_t *s)
{
	uint64_t	 z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (z ^ (z >> 31));
}

unsigned
rnd(uint64_t *s, unsigned n)
{
	return ((unsigned)(rng(s) % n));
}

int
read_all(int fd, void *p, size_t len)
{
	char	*c = p;
	ssize_t	 n;

	while (len > 0) {
		if ((n = read(fd, c, len)) <= 0) {
			if (n < 0 && errno == EINTR)
				continue;
			return (-1);
		}
		c += n;
		len -= (size_t)n;
	}
	return (0);
}

int
cmp_double(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

/* --- the scratch directory ---------------------------------------------- */

void
bench_scratch(const char *tmp, const char *prefix, const char *sqname)
{
	xasprintf(&scratch, "%s/%s.XXXXXX", tmp != NULL && *tmp != '\0' ?
	    tmp : "/tmp", prefix);
	if (mkdtemp(scratch) == NULL)
		die("mkdtemp %s: %s", scratch, strerror(errno));
	xasprintf(&home, "%s/home", scratch);
	xasprintf(&sqpath, "%s/%s", scratch, sqname);
	paths_resolve(&paths, home, NULL);
}

void
bench_reuse(const char *dir, const char *sqname)
{
	scratch = xstrdup(dir);
	xasprintf(&home, "%s/home", scratch);
	xasprintf(&sqpath, "%s/%s", scratch, sqname);
	paths_resolve(&paths, home, NULL);
}

static int
rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *f)
{
	(void)sb;
	(void)flag;
	(void)f;
	remove(path);
	return (0);
}

void
bench_scratch_done(int keep)
{
	if (keep)
		printf("\nscratch kept in %s\n", scratch);
	else
		nftw(scratch, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	paths_free(&paths);
	free(home);
	free(sqpath);
	free(scratch);
	home = sqpath = scratch = NULL;
}

void
write_file(const char *name, const char *text, char **path)
{
	FILE	*f;

	xasprintf(path, "%s/%s", scratch, name);
	if ((f = fopen(*path, "w")) == NULL || fputs(text, f) < 0 ||
	    fclose(f) != 0)
		die("%s: %s", *path, strerror(errno));
}

int
bench_counts(const char *list, int *counts, int max, int maxclients)
{
	char	*s = xstrdup(list), *tok, *save = NULL;
	int	 n = 0;

	for (tok = strtok_r(s, ",", &save); tok != NULL && n < max;
	    tok = strtok_r(NULL, ",", &save)) {
		counts[n] = atoi(tok);
		if (counts[n] < 1 || counts[n] > maxclients) {
			free(s);
			return (-1);
		}
		n++;
	}
	free(s);
	return (n > 0 ? n : -1);
}

/* --- kontor ------------------------------------------------------------- */

int
run_kontor(const char *logpath, ...)
{
	const char	*argv[16];
	va_list		 ap;
	pid_t		 pid;
	int		 n = 0, st, fd;

	argv[n++] = "kontor";
	argv[n++] = "--home";
	argv[n++] = home;
	va_start(ap, logpath);
	while (n < 15 && (argv[n] = va_arg(ap, const char *)) != NULL)
		n++;
	va_end(ap);
	argv[n] = NULL;
	fflush(NULL);
	if ((pid = fork()) < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		if ((fd = open(logpath, O_WRONLY|O_CREAT|O_APPEND,
		    0644)) >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
			close(fd);
		}
		execv(kontor_bin, (char *const *)argv);
		fprintf(stderr, "%s: %s\n", kontor_bin, strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return (-1);
	return (WIFEXITED(st) ? WEXITSTATUS(st) : 128);
}

void
show_log(const char *path)
{
	char	 line[512];
	FILE	*f;

	if ((f = fopen(path, "r")) == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL)
		fprintf(stderr, "  %s", line);
	fclose(f);
}

struct client *
bench_connect(void)
{
	struct client	*c;
	char		*cause = NULL, *log;
	int		 i;

	for (i = 0; i < 600; i++) {
		if (client_open(&paths, 0, &c, &cause) == 0)
			return (c);
		free(cause);
		cause = NULL;
		if (i == 0 && getpid() == main_pid) {
			server_started = 1;
			xasprintf(&log, "%s/kontor.out", scratch);
			if (run_kontor(log, "serve", "--daemon", NULL) != 0) {
				show_log(log);
				die("kontor serve --daemon failed (%s)", log);
			}
			free(log);
		}
		usleep(100000);
	}
	die("no kontor server answers for %s", home);
}

pid_t
bench_server_pid(void)
{
	char	*path;
	long	 pid = 0;
	FILE	*f;

	xasprintf(&path, "%s/kontor.pid", home);
	if ((f = fopen(path, "r")) != NULL) {
		if (fscanf(f, "%ld", &pid) != 1)
			pid = 0;
		fclose(f);
	}
	free(path);
	return ((pid_t)pid);
}

double
bench_proc_cpu(pid_t pid)
{
	char			 path[64], buf[1024], *p;
	unsigned long long	 ut, st;
	FILE			*f;
	size_t			 n;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return (-1);
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* After the command in parentheses: state is field 3, utime 14. */
	if ((p = strrchr(buf, ')')) == NULL ||
	    sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu "
	    "%llu", &ut, &st) != 2)
		return (-1);
	return ((double)(ut + st) / (double)sysconf(_SC_CLK_TCK));
}

double
bench_loadavg(void)
{
	double	 la[3];

	return (getloadavg(la, 3) == 3 ? la[0] : -1);
}

void
bench_stop_server(void)
{
	char	*log, *lock;
	int	 i, fd;

	xasprintf(&log, "%s/kontor.out", scratch);
	xasprintf(&lock, "%s/kontor.lock", home);
	run_kontor(log, "stop", NULL);
	server_started = 0;
	for (i = 0; i < 600; i++) {
		if ((fd = open(lock, O_RDONLY)) < 0)
			break;
		if (flock(fd, LOCK_EX|LOCK_NB) == 0) {
			close(fd);
			break;
		}
		close(fd);
		usleep(50000);
	}
	free(log);
	free(lock);
}

/* --- clients ------------------------------------------------------------ */

void
bench_clients_start(int n, void (*child)(void *, int, int, uint64_t),
    void *arg, int *rfd, pid_t *pids)
{
	int	 startp[2], resp[2], i;

	if (pipe(startp) != 0)
		die("pipe: %s", strerror(errno));
	for (i = 0; i < n; i++) {
		if (pipe(resp) != 0)
			die("pipe: %s", strerror(errno));
		fflush(NULL);
		if ((pids[i] = fork()) < 0)
			die("fork: %s", strerror(errno));
		if (pids[i] == 0) {
			close(startp[1]);
			close(resp[0]);
			/* The same work for both systems. */
			child(arg, startp[0], resp[1],
			    (uint64_t)(i + 1) * 7919 + (uint64_t)n);
			_exit(0);
		}
		close(resp[1]);
		rfd[i] = resp[0];
	}
	close(startp[0]);
	/* All connected when they block on the start line. */
	usleep(300000 + 20000 * (useconds_t)n);
	for (i = 0; i < n; i++)
		if (write(startp[1], "g", 1) != 1)
			die("start: %s", strerror(errno));
	close(startp[1]);
}

void
bench_clients_wait(int n, const pid_t *pids)
{
	int	 i, status;

	for (i = 0; i < n; i++)
		waitpid(pids[i], &status, 0);
}

/* --- SQLite ------------------------------------------------------------- */

#ifdef HAVE_SQLITE3
void
sq_exec(sqlite3 *db, const char *sql)
{
	char	*e = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &e) != SQLITE_OK)
		die("sqlite: %s: %s", sql, e ? e : "?");
}

struct sq *
sq_open(const char *const *sql, int n, int create, const char *schema)
{
	struct sq	*q = xcalloc(1, sizeof *q);
	int		 i;

	if (sqlite3_open_v2(sqpath, &q->db, SQLITE_OPEN_READWRITE |
	    (create ? SQLITE_OPEN_CREATE : 0), NULL) != SQLITE_OK)
		die("sqlite: %s: %s", sqpath, sqlite3_errmsg(q->db));
	sqlite3_busy_timeout(q->db, 60000);
	sq_exec(q->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL");
	if (schema != NULL)
		sq_exec(q->db, schema);
	q->sql = sql;
	q->n = n;
	q->st = xcalloc((size_t)n, sizeof *q->st);
	for (i = 0; i < n; i++)
		if (sqlite3_prepare_v2(q->db, sql[i], -1, &q->st[i], NULL) !=
		    SQLITE_OK)
			die("sqlite: %s: %s", sql[i], sqlite3_errmsg(q->db));
	return (q);
}

void
sq_close(struct sq *q)
{
	int	 i;

	if (q == NULL)
		return;
	for (i = 0; i < q->n; i++)
		sqlite3_finalize(q->st[i]);
	sqlite3_close(q->db);
	free(q->st);
	free(q);
}

void
sq_reset(struct sq *q, int i)
{
	sqlite3_reset(q->st[i]);
	sqlite3_clear_bindings(q->st[i]);
}
#endif
