/*
 * include: parts of other reports placed in this one.  <include
 * report="…" ref="…"/> takes the element with that id from another report
 * (a section with all inside it, a table, a chart, a goal summary …) and
 * puts a copy here, as if it were written here, so that a figure exists in
 * one place only.  The other report is loaded with the same safe loader,
 * once per file and render; its data paths stay relative to its own
 * directory (doc_dir), and a goal summary still counts its own report's
 * goals (doc_home).  Documented in docs/format.md, "Including parts of
 * other reports".
 */
#ifndef FOLIO_INCLUDE_H
#define FOLIO_INCLUDE_H

#include "diag.h"
#include "doc.h"

/* A includes B includes C …: at most this many reports below the first */
#define INCLUDE_MAXDEPTH 8
/* distinct reports one render may include */
#define INCLUDE_MAXFILES 64
/* nodes all includes of one render may copy together */
#define INCLUDE_MAXNODES 2000000L

/* what one <include> asks for; strings live in the including document */
struct incspec {
	const char *report;	/* the other report, relative to this one */
	const char *ref;	/* the id of the element taken from it */
	const char *prefix;	/* put before every id of the part, or NULL */
	const char *heading;	/* a heading given to the part here, or NULL */
	const char *id;		/* the id the part (or its heading) has here, or NULL */
	const char *numbered;	/* "yes", "hidden" or "no" for that section, or NULL */
	struct pos pos;		/* the <include> element */
};

/* a state for loading the report at path and everything it includes */
struct incstate *include_new(const char *path);
/* frees the state and every report it loaded; NULL is fine */
void include_free(struct incstate *s);
/* append to parent (in d) a copy of the part sp names; loads the other
 * report through s when it is not loaded yet; -1 after errors to dg */
int include_part(struct doc *d, struct node *parent, const struct incspec *sp,
	const char *datadir, struct incstate *s, struct diag *dg);
/* before doc_finish: report ids an included part of d shares with the rest
 * of d at the <include> (and drop the second, so it is reported once);
 * -1 after errors */
int include_ids(struct doc *d, struct incstate *s, struct diag *dg);

#endif
