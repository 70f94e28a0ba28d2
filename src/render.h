/*
 * render: one report through the whole pipeline, in its own context:
 * parse → layout → flow → pages → PDF (or dump, or nothing for check).
 * Nothing here is shared between reports, so several can render at once.
 */
#ifndef FOLIO_RENDER_H
#define FOLIO_RENDER_H

#include <stdio.h>

#include "diag.h"
#include "hyph.h"

struct ropt {
	const char *home;	/* folio's resources: data/, layouts/, fonts/ */
	const char *layout;	/* a layout directory forced by --layout, or NULL */
	const char *out;	/* PDF to write, or NULL to write none */
	FILE *dump;		/* where to print the page dump, or NULL */
	const struct hyph *hyph;	/* hyphenation patterns shared by all reports, or NULL */
	int pdfa;		/* PDF/A-1b */
	int quality;		/* report typographic problems (folio check) */
	long long epoch;	/* SOURCE_DATE_EPOCH, or -1 for the report's date */
};

struct rstat {
	int pages;		/* pages laid out */
};

/* exit status: 0 done, 1 bad input (reported to dg), 3 internal error */
int render_report(const char *path, const struct ropt *o, struct diag *dg, struct rstat *st);

#endif
