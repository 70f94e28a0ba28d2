/*
 * batch: render many reports at once, the week every nämnd's report is due.
 * Reports are rendered by a pool of threads, each report in its own
 * context with its own diagnostics; one failing report does not stop the
 * others.  Output does not depend on the number of threads.
 */
#ifndef FOLIO_BATCH_H
#define FOLIO_BATCH_H

#include "render.h"

struct bopt {
	const char *outdir;	/* where the PDFs go */
	int jobs;		/* threads; 0 = one per core */
	const struct ropt *ro;	/* options shared by every report (out and dump unused) */
};

/* render every report named in paths (a directory stands for every
 * report.xml below it); print a summary; 0 when all rendered, 1 when any
 * failed, 2 on bad usage */
int batch_run(char **paths, int npaths, const struct bopt *bo);

#endif
