#ifndef KONTOR_UI_FORM_H
#define KONTOR_UI_FORM_H

struct app;
struct record;
struct ui_action;
struct ui_region;

/*
 * The form: every editable field of the record's entity, from the
 * dictionary, with input masks per type (money 1234.56 or 1 234,56; dates
 * 28.11.2026, 2026-11-28, 5.12, +1 or завтра; times 28.11.2026 14:30 or
 * завтра 14:30), validation when leaving a field with the reason on the
 * status line, required fields marked '*', F4/Ctrl-L lookup for
 * references and enums and a calendar for dates and times, F3/Ctrl-R the
 * previous record's value, F2/Ctrl-S save, Esc asks before discarding.
 * Saving over a newer revision says who changed it and offers a reload.
 * No lock is held while the user types: the save is one request.
 */

#define FORM_FIXED_MAX	4

struct form_opts {
	const char		*title;
	const struct record	*prev;		/* for F3, or NULL */
	const char		*fixed[FORM_FIXED_MAX];	/* not editable */
	/* Or: only these fields editable (NULL-terminated), the others
	 * shown (a posted document whose notes alone may change). */
	const char *const	*editable;
	/* Only these fields, in this order (NULL-terminated), or NULL for
	 * every field one may edit. */
	const char *const	*only;
	/* F2 checks the fields and ends the form without a request: the
	 * caller sends the record (a document with its lines). */
	int			 local;
	/* Only shown: every field fixed, saving refused with the reason
	 * (a user whose roles may view but not edit). */
	int			 readonly;
	/* A restored draft's field texts (draft_texts_add), typed over
	 * the record's values; the form starts changed. */
	const char		*texts;
	/* Optional: keys of the caller's, where letters are typed (the
	 * document's print, F9/Ctrl-Y), ended by a NULL keyname; those
	 * with a keyname other than "" are in the form's help.  extra_fn
	 * runs for one of them while the form stays. */
	const struct ui_action	*extra;
	void			(*extra_fn)(void *arg, int key);
	void			*extra_arg;
	/* Optional: the last row's keys instead of the form's own. */
	const char		*hint;
	/* Optional, with local: F2 hands the checked record to submit
	 * (the caller sends it with its document).  Refused (-1, *cause
	 * set, the form frees it), the form stays open with what was
	 * typed and says why; 0 ends the form as saved. */
	int			(*submit)(void *arg, struct record *,
				    char **cause);
	void			*submit_arg;
};

/* Edit rec (id 0: a new record) until saved (1: rec holds the saved
 * record with its id, revision and code; with local, the checked values,
 * references as codes) or cancelled (0).  Ctrl-C asks, when something is
 * changed, before leaving kontor (app->quit); a hang-up keeps what was
 * typed as a draft on the server, offered back at the next start. */
int	 form_edit(struct app *, struct ui_region *, struct record *,
	     const struct form_opts *);

#endif
