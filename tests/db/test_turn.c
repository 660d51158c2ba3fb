/*
 * The writers' turn (src/db/store.c, store_run): write transactions run
 * one at a time in the order they came, in a real store in a fresh
 * temporary home.  Eight threads saving the same record never wait for
 * each other's locks nor deadlock, and every save counts; a transaction
 * run from inside another's body (the same thread) does not wait for the
 * turn its caller holds; a long transaction (STORE_RUN_LONG, an import)
 * stays outside the turn, so other writes go on while it is open, even
 * when the write in turn waits for the long one's lock; a reader does
 * not take the turn either.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>
#include <unistd.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "tests/model/mtest.h"
#include "xmalloc.h"

#define NTHREADS	8
#define NSAVES		150

static struct store	*st;
static uint64_t		 cust_id;	/* the record everybody saves */

static int
seed_tx(struct tx *x, void *arg, char **cause)
{
	const struct entity_def	*e = dict_entity("customers");
	struct record		*r;
	int			 rc;

	(void)arg;
	r = record_new(e);
	record_set_str(r, dict_field_pos(e, "name"), "ООО «Очередь»");
	record_set_str(r, dict_field_pos(e, "kind"), "company");
	record_set_str(r, dict_field_pos(e, "city"), "Томск");
	rc = tx_insert(x, r, cause);
	cust_id = record_id(r);
	record_free(r);
	return (rc);
}

/* Read the record write-locked and save it changed: its revision + 1. */
static int
save_tx(struct tx *x, void *arg, char **cause)
{
	const struct entity_def	*e = dict_entity("customers");
	struct record		*old, *r;
	char			 city[32];
	int			 rc;

	(void)arg;
	if ((rc = tx_get(x, e, cust_id, 1, &old)) != ST_OK)
		return (rc);
	r = record_dup(old);
	/* A change each time, or nothing is saved. */
	snprintf(city, sizeof city, "Омск %u", (unsigned)record_rev(old));
	record_set_str(r, dict_field_pos(e, "city"), city);
	rc = tx_update_old(x, r, old, record_rev(old), cause);
	record_free(r);
	record_free(old);
	return (rc);
}

static uint32_t
cust_rev(void)
{
	struct record	*r;
	uint32_t	 rev;

	if (store_get(st, dict_entity("customers"), cust_id, &r) != ST_OK)
		return (0);
	rev = record_rev(r);
	record_free(r);
	return (rev);
}

static void *
th_save(void *arg)
{
	char	*cause = NULL;
	int	 i, *bad = arg;

	for (i = 0; i < NSAVES; i++) {
		if (store_run(st, "tester", "test", save_tx, NULL, &cause) !=
		    ST_OK) {
			print_message("# save: %s\n", cause ? cause : "?");
			free(cause);
			cause = NULL;
			(*bad)++;
		}
	}
	return (NULL);
}

static void
test_one_at_a_time(void **state)
{
	pthread_t	 th[NTHREADS];
	uint64_t	 w0, d0, w1, d1;
	uint32_t	 rev0;
	int		 bad[NTHREADS], i, nbad = 0;

	(void)state;
	rev0 = cust_rev();
	store_lock_waits(st, &w0, &d0);
	for (i = 0; i < NTHREADS; i++) {
		bad[i] = 0;
		assert_int_equal(pthread_create(&th[i], NULL, th_save, &bad[i]),
		    0);
	}
	for (i = 0; i < NTHREADS; i++) {
		pthread_join(th[i], NULL);
		nbad += bad[i];
	}
	store_lock_waits(st, &w1, &d1);
	assert_int_equal(nbad, 0);
	/* Every save counted... */
	assert_int_equal(cust_rev(), rev0 + NTHREADS * NSAVES);
	/* ...and none waited for another's lock or deadlocked. */
	print_message("# %d saves: %llu lock waits, %llu deadlocks\n",
	    NTHREADS * NSAVES, (unsigned long long)(w1 - w0),
	    (unsigned long long)(d1 - d0));
	assert_int_equal(w1 - w0, 0);
	assert_int_equal(d1 - d0, 0);
}

/* A transaction run from inside another's body. */
static int
outer_tx(struct tx *x, void *arg, char **cause)
{
	const struct entity_def	*e = dict_entity("warehouses");
	struct record		*r;
	int			 rc;

	(void)arg;
	r = record_new(e);
	record_set_str(r, dict_field_pos(e, "name"), "Склад вложенный");
	rc = tx_insert(x, r, cause);
	record_free(r);
	if (rc != ST_OK)
		return (rc);
	return (store_run(st, "tester", "test", save_tx, NULL, cause));
}

static void
test_nested(void **state)
{
	char		*cause = NULL;
	uint32_t	 rev0 = cust_rev();

	(void)state;
	assert_int_equal(store_run(st, "tester", "test", outer_tx, NULL,
	    &cause), ST_OK);
	assert_int_equal(cust_rev(), rev0 + 1);
	/* The turn was given back: the next write goes. */
	assert_int_equal(store_run(st, "tester", "test", save_tx, NULL,
	    &cause), ST_OK);
	assert_int_equal(cust_rev(), rev0 + 2);
}

/*
 * The long transaction (an import's, STORE_RUN_LONG): it writes a
 * warehouse, says it is open, and stays open until the others are done
 * (5 s at most).
 */
struct longw {
	sem_t		 open, done;
	uint64_t	 wh;	/* the warehouse it wrote */
	int		 saw;	/* the others finished while it was open */
	int		 rc;
};
static struct longw	 lw;

static int
long_tx(struct tx *x, void *arg, char **cause)
{
	const struct entity_def	*e = dict_entity("warehouses");
	struct longw		*l = arg;
	struct record		*r;
	struct timespec		 ts;
	int			 rc;

	r = record_new(e);
	record_set_str(r, dict_field_pos(e, "name"), "Склад длинный");
	rc = tx_insert(x, r, cause);
	l->wh = record_id(r);
	record_free(r);
	if (rc != ST_OK)
		return (rc);
	sem_post(&l->open);
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 5;
	while ((rc = sem_timedwait(&l->done, &ts)) != 0 && errno == EINTR)
		;
	l->saw = rc == 0;
	return (ST_OK);
}

static void *
th_long(void *arg)
{
	struct longw	*l = arg;
	char		*cause = NULL;

	l->rc = store_run_flags(st, "importer", "test", long_tx, l,
	    STORE_RUN_LONG, &cause);
	free(cause);
	return (NULL);
}

/* The long one started and open. */
static void
long_start(pthread_t *th)
{
	memset(&lw, 0, sizeof lw);
	lw.rc = -1;
	sem_init(&lw.open, 0, 0);
	sem_init(&lw.done, 0, 0);
	assert_int_equal(pthread_create(th, NULL, th_long, &lw), 0);
	while (sem_wait(&lw.open) != 0)
		;
}

/* The long one told the others are done, and gone. */
static void
long_end(pthread_t th)
{
	sem_post(&lw.done);
	pthread_join(th, NULL);
	assert_int_equal(lw.rc, ST_OK);
	assert_true(lw.saw);
	sem_destroy(&lw.open);
	sem_destroy(&lw.done);
}

static void
test_long_outside(void **state)
{
	pthread_t	 th;
	char		*cause = NULL;
	uint32_t	 rev0 = cust_rev();
	int		 i;

	(void)state;
	long_start(&th);
	/* Ten writes while the long one is open, not after it. */
	for (i = 0; i < 10; i++)
		assert_int_equal(store_run(st, "tester", "test", save_tx, NULL,
		    &cause), ST_OK);
	long_end(th);
	assert_int_equal(cust_rev(), rev0 + 10);
}

/*
 * The write in turn waits for a lock the long transaction holds: the
 * writes after it must not wait with it.
 */
static sem_t	 blocked_in;

/* Write-lock the long one's warehouse: waits until it commits. */
static int
blocked_tx(struct tx *x, void *arg, char **cause)
{
	struct record	*r;
	int		 rc;

	(void)arg;
	(void)cause;
	sem_post(&blocked_in);
	if ((rc = tx_get(x, dict_entity("warehouses"), lw.wh, 1, &r)) ==
	    ST_OK)
		record_free(r);
	return (rc);
}

static void *
th_blocked(void *arg)
{
	char	*cause = NULL;
	int	*rc = arg;

	*rc = store_run(st, "tester", "test", blocked_tx, NULL, &cause);
	free(cause);
	return (NULL);
}

static void
test_long_blocks_one(void **state)
{
	pthread_t	 th_l, th_b;
	struct timespec	 ts = { 0, 1000000 };
	char		*cause = NULL;
	uint64_t	 w0, w, d;
	uint32_t	 rev0 = cust_rev();
	int		 i, brc = -1;

	(void)state;
	sem_init(&blocked_in, 0, 0);
	long_start(&th_l);
	store_lock_waits(st, &w0, &d);
	assert_int_equal(pthread_create(&th_b, NULL, th_blocked, &brc), 0);
	while (sem_wait(&blocked_in) != 0)
		;
	/* Until the blocked one waits for its lock (5 s at most). */
	for (i = 0; i < 5000; i++) {
		store_lock_waits(st, &w, &d);
		if (w > w0)
			break;
		nanosleep(&ts, NULL);
	}
	assert_true(w > w0);
	/* Others write meanwhile, the long one still open. */
	for (i = 0; i < 10; i++)
		assert_int_equal(store_run(st, "tester", "test", save_tx, NULL,
		    &cause), ST_OK);
	long_end(th_l);
	pthread_join(th_b, NULL);
	assert_int_equal(brc, ST_OK);
	assert_int_equal(cust_rev(), rev0 + 10);
	sem_destroy(&blocked_in);
}

/* A reader open (and holding its read locks) while writes go on. */
static sem_t	 read_open, writes_done;
static int	 read_saw;

static int
read_tx(struct tx *x, void *arg, char **cause)
{
	struct record	*r;
	struct timespec	 ts;
	int		 rc;

	(void)arg;
	(void)cause;
	/* A record the writes do not touch: its lock is no obstacle. */
	if ((rc = tx_get(x, dict_entity("warehouses"), 1, 0, &r)) != ST_OK &&
	    rc != ST_NOTFOUND)
		return (rc);
	if (rc == ST_OK)
		record_free(r);
	sem_post(&read_open);
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 5;
	while ((rc = sem_timedwait(&writes_done, &ts)) != 0 && errno == EINTR)
		;
	read_saw = rc == 0;
	return (ST_OK);
}

static void *
th_read(void *arg)
{
	char	*cause = NULL;
	int	*rc = arg;

	*rc = store_read(st, 0, read_tx, NULL, &cause);
	free(cause);
	return (NULL);
}

static void
test_reader_outside(void **state)
{
	pthread_t	 th;
	char		*cause = NULL;
	int		 i, rrc = -1;

	(void)state;
	sem_init(&read_open, 0, 0);
	sem_init(&writes_done, 0, 0);
	assert_int_equal(pthread_create(&th, NULL, th_read, &rrc), 0);
	while (sem_wait(&read_open) != 0)
		;
	for (i = 0; i < 10; i++)
		assert_int_equal(store_run(st, "tester", "test", save_tx, NULL,
		    &cause), ST_OK);
	sem_post(&writes_done);
	pthread_join(th, NULL);
	assert_int_equal(rrc, ST_OK);
	assert_true(read_saw);
	sem_destroy(&read_open);
	sem_destroy(&writes_done);
}

static int
group_setup(void **state)
{
	(void)state;
	return ((st = mt_open("turn", seed_tx, NULL)) != NULL ? 0 : -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_at_a_time),
		cmocka_unit_test(test_nested),
		cmocka_unit_test(test_long_outside),
		cmocka_unit_test(test_long_blocks_one),
		cmocka_unit_test(test_reader_outside),
	};

	return (cmocka_run_group_tests(tests, group_setup, mt_teardown));
}
