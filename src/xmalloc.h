#ifndef KONTOR_XMALLOC_H
#define KONTOR_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Allocators that never return NULL: on exhaustion they log and abort, so
 * callers do not check.  Everything they return is freed with free().
 */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
void	*xmemdup(const void *, size_t);
int	 xasprintf(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 xvasprintf(char **, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));

/* qsort that takes an empty array as it comes (NULL, 0): qsort's base
 * must never be NULL, even with nothing to sort. */
void	 xqsort(void *, size_t, size_t, int (*)(const void *, const void *));

/* A growable byte buffer; b->data is NUL-terminated after every append. */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_adds(struct buf *, const char *);
void	 buf_addc(struct buf *, char);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
char	*buf_steal(struct buf *);	/* caller frees; buffer is reset */
void	 buf_free(struct buf *);

#endif
