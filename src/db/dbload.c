/*
 * Berkeley DB loaded when first used: kontor calls libdb through four
 * functions only (db_create, db_env_create, db_sequence_create,
 * db_strerror; the rest are the handles' methods), so the program is not
 * linked against it and these four load it with dlopen() on the first
 * call.  A client command (kontor show, stock, post...) never opens the
 * environment and so never maps libdb: its loader work (mapping, about
 * 1,600 relocations, its pages) was about a millisecond of every start.
 * The server and the admin commands that open the home pay it once, at
 * their first db_env_create().
 *
 * Still the distribution's shared library (KONTOR_DB_SONAME, found by
 * configure), so its security updates apply as before.  If it cannot be
 * loaded, the calls return ELIBACC and db_strerror() says why.
 */
#include "config.h"

#include <db.h>
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

typedef int	 (*dbl_create_fn)(DB **, DB_ENV *, u_int32_t);
typedef int	 (*dbl_env_create_fn)(DB_ENV **, u_int32_t);
typedef int	 (*dbl_seq_create_fn)(DB_SEQUENCE **, DB *, u_int32_t);
typedef char	*(*dbl_strerror_fn)(int);

static pthread_once_t	 dbl_once = PTHREAD_ONCE_INIT;
static dbl_create_fn	 dbl_create;
static dbl_env_create_fn dbl_env_create;
static dbl_seq_create_fn dbl_seq_create;
static dbl_strerror_fn	 dbl_strerror;
static char		 dbl_error[512];	/* why it did not load */

static void	*dbl_sym(void *, const char *);
static void	 dbl_load(void);
static int	 dbl_ready(void);

/* A symbol of the library, of its DB5_3 version when it has versions. */
static void *
dbl_sym(void *h, const char *name)
{
	void	*p;

	if ((p = dlvsym(h, name, "DB5_3")) == NULL)
		p = dlsym(h, name);
	return (p);
}

/* Once per process: the library and its four functions, or why not. */
static void
dbl_load(void)
{
	const char	*e;
	void		*h;

	if ((h = dlopen(KONTOR_DB_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		e = dlerror();
		snprintf(dbl_error, sizeof dbl_error, "%s",
		    e != NULL ? e : KONTOR_DB_SONAME ": dlopen failed");
		return;
	}
	*(void **)&dbl_create = dbl_sym(h, "db_create");
	*(void **)&dbl_env_create = dbl_sym(h, "db_env_create");
	*(void **)&dbl_seq_create = dbl_sym(h, "db_sequence_create");
	*(void **)&dbl_strerror = dbl_sym(h, "db_strerror");
	if (dbl_create == NULL || dbl_env_create == NULL ||
	    dbl_seq_create == NULL || dbl_strerror == NULL) {
		snprintf(dbl_error, sizeof dbl_error, "%s: not Berkeley DB "
		    "5.3 (db_create, db_env_create, db_sequence_create or "
		    "db_strerror missing)", KONTOR_DB_SONAME);
		dbl_create = NULL;
		dbl_env_create = NULL;
		dbl_seq_create = NULL;
		dbl_strerror = NULL;
		/* Kept open: a library without them is no harm mapped. */
	}
}

/* 1 when the library is there (loading it on the first call), else 0. */
static int
dbl_ready(void)
{
	pthread_once(&dbl_once, dbl_load);
	return (dbl_strerror != NULL);
}

int
db_create(DB **dbp, DB_ENV *env, u_int32_t flags)
{
	if (!dbl_ready())
		return (ELIBACC);
	return (dbl_create(dbp, env, flags));
}

int
db_env_create(DB_ENV **envp, u_int32_t flags)
{
	if (!dbl_ready())
		return (ELIBACC);
	return (dbl_env_create(envp, flags));
}

int
db_sequence_create(DB_SEQUENCE **seqp, DB *db, u_int32_t flags)
{
	if (!dbl_ready())
		return (ELIBACC);
	return (dbl_seq_create(seqp, db, flags));
}

/* libdb's message for a return code; for ELIBACC when the library could
 * not be loaded, why. */
char *
db_strerror(int error)
{
	if (!dbl_ready()) {
		if (error == ELIBACC)
			return (dbl_error);
		return (strerror(error));
	}
	return (dbl_strerror(error));
}
