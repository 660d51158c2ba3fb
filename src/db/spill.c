/*
 * Spill files: see spill.h.  stdio buffers the writes and reads; the
 * file is unlinked as soon as it is made, so a crash leaves nothing.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/spill.h"
#include "xmalloc.h"

struct spill {
	char		*dir;
	FILE		*f;
	uint64_t	 n;
	int		 reading;
	char		*buf;
	size_t		 cap;
};

struct spill *
spill_new(const char *dir)
{
	struct spill	*s = xcalloc(1, sizeof *s);

	s->dir = xstrdup(dir != NULL ? dir : ".");
	return (s);
}

static int
spill_create(struct spill *s)
{
	char	*path;
	int	 fd, e;

	xasprintf(&path, "%s/.kontor-spill.XXXXXX", s->dir);
	if ((fd = mkstemp(path)) == -1) {
		e = errno;
		free(path);
		return (e);
	}
	unlink(path);
	free(path);
	if ((s->f = fdopen(fd, "w+")) == NULL) {
		e = errno;
		close(fd);
		return (e);
	}
	return (0);
}

int
spill_put(struct spill *s, const void *p, size_t len)
{
	uint32_t	 l = (uint32_t)len;
	int		 e;

	if (len > UINT32_MAX)
		return (EFBIG);
	if (s->f == NULL && (e = spill_create(s)) != 0)
		return (e);
	if (s->reading) {
		if (fseeko(s->f, 0, SEEK_END) != 0)
			return (errno);
		s->reading = 0;
	}
	if (fwrite(&l, sizeof l, 1, s->f) != 1 ||
	    (len > 0 && fwrite(p, len, 1, s->f) != 1))
		return (errno != 0 ? errno : EIO);
	s->n++;
	return (0);
}

uint64_t
spill_count(const struct spill *s)
{
	return (s->n);
}

int
spill_rewind(struct spill *s)
{
	if (s->f == NULL)
		return (0);
	if (fflush(s->f) != 0 || fseeko(s->f, 0, SEEK_SET) != 0)
		return (errno != 0 ? errno : EIO);
	s->reading = 1;
	return (0);
}

int
spill_next(struct spill *s, const char **p, size_t *len)
{
	uint32_t	 l;

	if (s->f == NULL)
		return (0);
	if (!s->reading) {
		errno = EINVAL;
		return (-1);
	}
	if (fread(&l, sizeof l, 1, s->f) != 1) {
		if (feof(s->f))
			return (0);
		return (-1);
	}
	if (l + 1 > s->cap) {
		s->cap = l + 1;
		s->buf = xreallocarray(s->buf, s->cap, 1);
	}
	if (l > 0 && fread(s->buf, l, 1, s->f) != 1) {
		if (feof(s->f))
			errno = EIO;
		return (-1);
	}
	s->buf[l] = '\0';
	*p = s->buf;
	*len = l;
	return (1);
}

void
spill_free(struct spill *s)
{
	if (s == NULL)
		return;
	if (s->f != NULL)
		fclose(s->f);
	free(s->buf);
	free(s->dir);
	free(s);
}
