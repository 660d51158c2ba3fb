#ifndef KONTOR_BENCH_BENCH_H
#define KONTOR_BENCH_BENCH_H

/*
 * What the benchmarks that race a kontor server against SQLite share
 * (bench_sales, bench_stock, bench_money): the scratch directory with its home and
 * SQLite file, the kontor binary run as a child, the server started and
 * stopped, connections to it, client processes started together, and
 * the SQLite connection with its prepared statements.  A benchmark is a
 * program, not a library: die() prints and exits.
 */

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>

#ifdef HAVE_SQLITE3
#include <sqlite3.h>
#endif

#include "home.h"

struct client;

extern const char	*kontor_bin;	/* -k; "./kontor" */
extern char		*scratch;	/* the mkdtemp directory */
extern char		*home;		/* scratch/home */
extern char		*sqpath;	/* scratch/<the SQLite file> */
extern struct paths	 paths;		/* of home */
extern int		 server_started;	/* by this program */

/* The program's name for messages, and the process that is the parent
 * of the clients (only it starts or stops the server). */
void		 bench_init(const char *name);
double		 now(void);		/* monotonic seconds */
/* "name: message" on stderr; the server this program started stopped
 * (the scratch kept for a look); exit 70. */
void		 die(const char *, ...)
		     __attribute__((__format__(__printf__, 1, 2)))
		     __attribute__((__noreturn__));
void		 note(const char *, ...)
		     __attribute__((__format__(__printf__, 1, 2)));
/* splitmix64: deterministic, one state per stream. */
uint64_t	 rng(uint64_t *);
unsigned	 rnd(uint64_t *, unsigned n);
/* len bytes from fd, or -1. */
int		 read_all(int, void *, size_t);
/* qsort's comparison of doubles. */
int		 cmp_double(const void *, const void *);

/* scratch (mkdtemp "TMP/prefix.XXXXXX", TMP from -T, $TMPDIR, /tmp),
 * home and the SQLite file sqname in it, paths of the home. */
void		 bench_scratch(const char *tmp, const char *prefix,
		     const char *sqname);
/* --reuse DIR: a scratch kept by an earlier run (--keep) as scratch,
 * its home and SQLite file sqname. */
void		 bench_reuse(const char *dir, const char *sqname);
/* The scratch removed, or kept (said on stdout); the names freed. */
void		 bench_scratch_done(int keep);
/* "-c 1,8,32": up to max counts of 1..maxclients into counts; their
 * number, or -1 when the list is bad. */
int		 bench_counts(const char *, int *counts, int max,
		     int maxclients);

/* scratch/name with text in it; the path into *path. */
void		 write_file(const char *name, const char *text, char **path);

/* kontor --home HOME ARGS... (NULL-terminated), output to logpath; its
 * exit status. */
int		 run_kontor(const char *logpath, ...);
/* A log file on stderr, indented. */
void		 show_log(const char *path);
/* A connection to the home's server; the parent starts `kontor serve
 * --daemon` when none answers (a client autostarts only the binary it
 * runs in). */
struct client	*bench_connect(void);
/* Stop the home's server and wait until it has let go of the home. */
void		 bench_stop_server(void);
/* The home's running server (kontor.pid), 0 if none; the CPU seconds a
 * process has used (utime + stime), -1 if unknown; the 1-minute load. */
pid_t		 bench_server_pid(void);
double		 bench_proc_cpu(pid_t);
double		 bench_loadavg(void);

/*
 * n client processes, each child(arg, startfd, wfd, seed) (it _exits):
 * the seed is the same for the same client of a run whichever system it
 * measures; all are let go together once they have connected (they block
 * reading startfd).  What each writes to its wfd is read from rfd[i];
 * then bench_clients_wait().
 */
void		 bench_clients_start(int n,
		     void (*child)(void *, int, int, uint64_t), void *arg,
		     int *rfd, pid_t *pids);
void		 bench_clients_wait(int n, const pid_t *pids);

#ifdef HAVE_SQLITE3
/* A SQLite connection with its statements prepared. */
struct sq {
	sqlite3			 *db;
	sqlite3_stmt		**st;
	const char *const	 *sql;
	int			  n;
};

void		 sq_exec(sqlite3 *, const char *);
/* sqpath opened (made when create, with schema when not NULL), WAL,
 * synchronous=FULL, a busy timeout of 60 s, the n statements of sql
 * prepared. */
struct sq	*sq_open(const char *const *sql, int n, int create,
		     const char *schema);
void		 sq_close(struct sq *);
/* Statement i reset, its bindings cleared. */
void		 sq_reset(struct sq *, int i);
#endif

#endif
