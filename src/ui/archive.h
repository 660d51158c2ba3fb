#ifndef KONTOR_UI_ARCHIVE_H
#define KONTOR_UI_ARCHIVE_H

#include <stddef.h>

struct app;
struct record;

/*
 * The archive on the screens: what was printed, mailed and attached for
 * a customer or a document (records of entity "archive", read with
 * ca_list), for the customer's card and the document screens.
 */

/* An entry's time as a clerk reads it, "05.12.2026 14:20", in buf. */
void	 ui_archive_time(const struct record *, char *buf, size_t len);
/* What an entry is and where it went, in one line: "#12 invoice, pdf ->
 * e-mail a@b.ru (2 times)", "#13 scan.pdf: the signed contract".
 * Malloc'd. */
char	*ui_archive_what(const struct record *);
/* One entry whole, in a box: kind, record, form or file, size, SHA-256,
 * who made it and when, where it went and how often, its note, and the
 * command that gives its bytes back. */
void	 ui_archive_entry(struct app *, const struct record *);
/* The entries of the record whose code is code, in a box, newest first
 * (a message on the status line when there is none, or they cannot be
 * read). */
void	 ui_archive_box(struct app *, const char *code);
/* A document's word about its archive for its head, "archive: 2 (v)"
 * (v: the key that shows them), into buf, "" when nothing was sent; the
 * number of entries, -1 when they cannot be read. */
int	 ui_archive_summary(struct app *, const char *code, char *buf,
	     size_t len);

#endif
