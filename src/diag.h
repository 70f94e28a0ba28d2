/*
 * diag: diagnostics in the form "file:line:column: error: message".
 * Each document has its own sink, so batch rendering can keep the
 * messages of parallel reports apart.  Positions come from the loaders
 * (XML, CSV) and travel with the document tree into layout.
 */
#ifndef FOLIO_DIAG_H
#define FOLIO_DIAG_H

#include <stdio.h>

/* a place in an input file; file is owned by the document (interned) */
struct pos {
	const char *file;	/* path as given, or NULL when unknown */
	int line;		/* 1-based; 0 when unknown */
	int col;		/* 1-based; 0 when unknown */
};

struct diag {
	FILE *out;		/* where messages go (stderr, or a memstream in batch) */
	int nerr;		/* errors so far */
	int nwarn;		/* warnings so far */
	int nqual;		/* of the warnings, typographic ones (check --strict fails on them) */
};

void diag_error(struct diag *d, struct pos p, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void diag_warn(struct diag *d, struct pos p, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* a note continues the previous message (e.g. "both values: …") */
void diag_note(struct diag *d, struct pos p, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
