/*
 * blobrot: damage a blob of the archive, as a failing disk or someone
 * with the home's files could, for tests/cli/test_archive.sh.  The
 * server must be stopped.
 *
 *	blobrot HOME HEX	flip the bits of the last byte of the blob
 *				whose key (its SHA-256) is HEX
 *
 * The write goes through Berkeley DB in a transaction of its own, logged
 * like any other, so recovery at the next start keeps it.
 */
#include "config.h"

#include <db.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

static void
die(const char *what, int ret)
{
	fprintf(stderr, "blobrot: %s: %s\n", what, db_strerror(ret));
	exit(EX_SOFTWARE);
}

int
main(int argc, char **argv)
{
	DB_ENV		*env;
	DB_TXN		*t;
	DB		*blobs;
	DBT		 k, d;
	unsigned char	 key[32];
	unsigned int	 byte;
	size_t		 i;
	int		 ret;

	if (argc != 3 || strlen(argv[2]) != 64) {
		fprintf(stderr, "usage: blobrot HOME SHA256-HEX\n");
		return (EX_USAGE);
	}
	for (i = 0; i < 32; i++) {
		if (sscanf(argv[2] + 2 * i, "%2x", &byte) != 1) {
			fprintf(stderr, "blobrot: %s: not hex\n", argv[2]);
			return (EX_USAGE);
		}
		key[i] = (unsigned char)byte;
	}
	if ((ret = db_env_create(&env, 0)) != 0)
		die("db_env_create", ret);
	env->set_lg_max(env, 32u << 20);
	env->set_lg_bsize(env, 8u << 20);
	if ((ret = env->open(env, argv[1], DB_CREATE | DB_INIT_TXN |
	    DB_INIT_LOCK | DB_INIT_LOG | DB_INIT_MPOOL | DB_PRIVATE |
	    DB_RECOVER, 0600)) != 0)
		die(argv[1], ret);
	if ((ret = env->txn_begin(env, NULL, &t, 0)) != 0)
		die("txn_begin", ret);
	if ((ret = db_create(&blobs, env, 0)) != 0 ||
	    (ret = blobs->open(blobs, t, "blobs.db", "blobs", DB_BTREE, 0,
	    0600)) != 0)
		die("blobs.db", ret);
	memset(&k, 0, sizeof k);
	memset(&d, 0, sizeof d);
	k.data = key;
	k.size = sizeof key;
	d.flags = DB_DBT_MALLOC;
	if ((ret = blobs->get(blobs, t, &k, &d, 0)) != 0)
		die("get", ret);
	if (d.size == 0) {
		fprintf(stderr, "blobrot: the blob is empty\n");
		return (EX_DATAERR);
	}
	((unsigned char *)d.data)[d.size - 1] ^= 0xff;
	d.flags = 0;
	if ((ret = blobs->put(blobs, t, &k, &d, 0)) != 0)
		die("put", ret);
	free(d.data);
	if ((ret = t->commit(t, 0)) != 0)
		die("commit", ret);
	blobs->close(blobs, 0);
	env->txn_checkpoint(env, 0, 0, DB_FORCE);
	env->close(env, 0);
	return (0);
}
