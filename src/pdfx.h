/*
 * pdfx: the few things the PDF writer needs that libharu 2.3.0 has no
 * public API for, done through its exported internal object model (see
 * /work/shared/notes/libharu-2.3.0.md §1).  Only pdf.c includes this.
 * Every function reports failures through the document's error handler
 * like libharu's own calls, and returns libharu's status.
 */
#ifndef FOLIO_PDFX_H
#define FOLIO_PDFX_H

#include <stddef.h>

#include <hpdf.h>

/* the struct layouts used here (page, font, document attributes) are those
 * of 2.3.0; later versions add fields, so re-check before bumping */
#if HPDF_VERSION_ID != 20300
#error "pdfx.c uses libharu 2.3.0 internals; check them against this libharu version"
#endif

/* append raw operators to the page content stream */
HPDF_STATUS pdfx_raw(HPDF_Page page, const char *s, size_t len);
/* replace libharu's malformed ToUnicode CMap (a CID range map) of a UTF-8
 * font by a bfrange map code -> same Unicode value, and name the
 * descendant font's character collection "Identity" as readers expect */
HPDF_STATUS pdfx_fix_font(HPDF_Doc pdf, HPDF_Font font);
/* catalog entries: PDF version 1.4, /Lang (ASCII tag, or NULL for none),
 * /ViewerPreferences << /DisplayDocTitle true >> */
HPDF_STATUS pdfx_catalog(HPDF_Doc pdf, const char *lang);
/* a page label range starting at page index: numbering style "D", "r" or
 * "R" from first, or style NULL for a fixed UTF-8 label prefix */
HPDF_STATUS pdfx_label(HPDF_Doc pdf, int page, const char *style, int first,
	const char *prefix);

#endif
