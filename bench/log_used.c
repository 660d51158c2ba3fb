/*
 * log_used: the bytes of Berkeley DB log a home holds, for benchmarks.
 *
 *	log_used HOME
 *
 * Berkeley DB allocates each log file whole (32 MB here) as it begins
 * it, so the files' sizes say little: this adds the sizes of all but
 * the last log.NNNNNNNNNN and, of the last, the bytes up to its last
 * non-zero one.
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int
main(int argc, char **argv)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 sb;
	char		 path[4096], last[256] = "", buf[65536];
	unsigned long long total = 0, lastsize = 0, used = 0, off = 0;
	size_t		 n, i;
	FILE		*f;

	if (argc != 2) {
		fprintf(stderr, "usage: log_used HOME\n");
		return (64);
	}
	if ((d = opendir(argv[1])) == NULL) {
		perror(argv[1]);
		return (66);
	}
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "log.", 4) != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", argv[1], de->d_name);
		if (stat(path, &sb) != 0)
			continue;
		total += (unsigned long long)sb.st_size;
		if (strcmp(de->d_name, last) > 0) {
			snprintf(last, sizeof last, "%s", de->d_name);
			lastsize = (unsigned long long)sb.st_size;
		}
	}
	closedir(d);
	if (last[0] != '\0') {
		snprintf(path, sizeof path, "%s/%s", argv[1], last);
		if ((f = fopen(path, "rb")) == NULL) {
			perror(path);
			return (66);
		}
		while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
			for (i = n; i > 0; i--)
				if (buf[i - 1] != 0) {
					used = off + i;
					break;
				}
			off += n;
		}
		fclose(f);
		total -= lastsize;
		total += used;
	}
	printf("%llu\n", total);
	return (0);
}
