/*
 * pdf: the PDF writer, the only module that includes hpdf.h.  It turns a
 * laid-out document (box.h) into a compressed PDF through libharu: fonts
 * embedded as CID TrueType with UTF-8 text, kerning and justification as TJ
 * offsets, links, outline, document info.  Output goes to a temporary file
 * in the target directory and is renamed into place only on success, so a
 * failed render never leaves a partial PDF behind.
 */
#ifndef FOLIO_PDF_H
#define FOLIO_PDF_H

#include "box.h"
#include "diag.h"

struct pdfopt {
	int pdfa;		/* write PDF/A-1b */
	const char *icc;	/* sRGB ICC profile for the PDF/A OutputIntent */
};

/* write pd to path; 0 on success, -1 after reporting to dg */
int pdf_write(const struct pdoc *pd, const char *path, const struct pdfopt *opt,
	struct diag *dg);

#endif
