#ifndef KONTOR_PROTO_H
#define KONTOR_PROTO_H

#include <msgpack.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The client-server protocol: frames of a 4-byte big-endian length and a
 * msgpack map.  A request is {"op": name, "rid": request id, args...}; a
 * response is {"rid": id, "rc": exit code (0 ok), "err": message, and
 * the payload}.  A streamed answer is several responses with "more":
 * true and a last one without.  Records travel as "rec": bin, encoded by
 * the record codec.
 */
/*
 * Limits: any frame (answers too); a request after hello, and before it
 * (hello, init); the msgpack objects of one frame or record.
 */
#define PROTO_MAX_FRAME		(64u << 20)
#define PROTO_MAX_REQUEST	(16u << 20)
#define PROTO_MAX_HELLO		(16u << 10)
#define PROTO_MAX_OBJECTS	(1u << 21)
#define PROTO_VERSION		1

/* Write one frame, all of it; -1 on error (errno set). */
/* All of p to fd, again after EINTR and a short write; -1 and errno. */
int	 full_write(int, const void *, size_t);
int	 proto_write(int fd, const void *, size_t);
/* Read one frame into a malloc'd buffer; 0, or -1 on EOF or error. */
int	 proto_read(int fd, char **, size_t *);
/* The length a frame's 4-byte header announces. */
size_t	 proto_frame_len(const unsigned char *);

/*
 * Whether len bytes hold one well-formed msgpack object whose containers
 * claim no more elements than the bytes could hold, of at most max_objects
 * objects in all: checked before msgpack-c unpacks anything, since it
 * allocates what a container's header claims (a 5-byte map32 header asks
 * for 64 GiB).  0, or -1 and *why (static text).
 */
int	 mp_check(const void *, size_t, size_t max_objects, const char **why);
/* The same check, and the bytes (*size) and objects (*nobj) the first
 * object takes: what a reader that walks the bytes itself skips. */
int	 mp_size(const void *, size_t, size_t max_objects, size_t *size,
	     size_t *nobj, const char **why);

/* Building a message. */
struct msgb {
	msgpack_sbuffer	 sb;
	msgpack_packer	 pk;
};
void	 mb_init(struct msgb *);
void	 mb_free(struct msgb *);
void	 mb_reset(struct msgb *);
void	 mb_map(struct msgb *, size_t);
void	 mb_array(struct msgb *, size_t);
void	 mb_str(struct msgb *, const char *);	/* NULL packs nil */
void	 mb_strn(struct msgb *, const char *, size_t);
void	 mb_int(struct msgb *, int64_t);
void	 mb_bin(struct msgb *, const void *, size_t);
void	 mb_nil(struct msgb *);
void	 mb_bool(struct msgb *, int);
void	 mb_kstr(struct msgb *, const char *, const char *);
void	 mb_kint(struct msgb *, const char *, int64_t);
void	 mb_kbool(struct msgb *, const char *, int);

/* Reading a message: borrowed objects, valid while the msg lives. */
struct msg {
	msgpack_unpacked	 u;
	const msgpack_object	*root;
};
/* Parse a frame (checked with mp_check first); 0, or -1 when it is not
 * one msgpack map of at most PROTO_MAX_OBJECTS objects. */
int			 msg_parse(struct msg *, const void *, size_t);
void			 msg_free(struct msg *);
const msgpack_object	*mobj_get(const msgpack_object *, const char *);
/* Missing or of another type: NULL / def. */
char			*mobj_strdup(const msgpack_object *, const char *);
int64_t			 mobj_int(const msgpack_object *, const char *,
			     int64_t def);
int			 mobj_bin(const msgpack_object *, const char *,
			     const char **, size_t *);
int			 mobj_is_str(const msgpack_object *);
char			*mobj_dup(const msgpack_object *);	/* a str */
/* Array o's items as strings ("" for one that is none), NULL-ended, and
 * their count in *n; NULL and 0 when o is no array. */
char			**mobj_strings(const msgpack_object *, size_t *n);
/* The rows of array o (arrays of strings; other items skipped) appended
 * to *rows, ncols cells each ("" where a row is short or a cell no
 * string). */
void			 mobj_rows_add(const msgpack_object *, size_t ncols,
			     char ****rows, size_t *nrows);

#endif
