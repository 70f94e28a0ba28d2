/*
 * pdfx: the PDF writer's private interface.  pdf.c drives the writing; the
 * pdfx family does what libharu 2.3.0 has no public API for, through its
 * exported internal object model (see /work/shared/notes/libharu-2.3.0.md
 * §1), plus the vector drawing the boxes need:
 *   pdfx.c       raw operators, numbers and glyph codes, error words,
 *                catalog, labels, destinations, annotation entries;
 *   pdfx_font.c  the embedded fonts: narrowed to the code points drawn,
 *                glyphs marked for the subset, ToUnicode and CIDSet;
 *   pdfx_draw.c  status symbols, polylines, dashed rules;
 *   pdfx_tag.c   marked content and the structure tree (tagged PDF);
 *   pdfx_meta.c  PDF/A-1b: XMP metadata, OutputIntent, trailer /ID.
 * Only pdf*.c include this.  Functions that touch a document report
 * failures through its error handler like libharu's own calls, and return
 * libharu's status.
 */
#ifndef FOLIO_PDFX_H
#define FOLIO_PDFX_H

#include <stddef.h>
#include <stdint.h>

#include <hpdf.h>

#include "box.h"

/* the struct layouts used here (page, font, TrueType font definition and
 * its cmap, CMap encoder, document attributes) are those of 2.3.0; later versions add fields, so re-check before bumping */
#if HPDF_VERSION_ID != 20300
#error "pdfx.c uses libharu 2.3.0 internals; check them against this libharu version"
#endif

/* --- pdfx.c */

/* append raw operators to the page content stream */
HPDF_STATUS pdfx_raw(HPDF_Page page, const char *s, size_t len);
/* a libharu error code in words ("libharu error" for internal ones) */
const char *pdfx_errword(HPDF_STATUS err);
/* v with at most dec (1 to 4) decimals into out (room for 32 bytes),
 * trailing zeros dropped, without printf (its locale, and its cost per
 * text run); the length is returned */
int pdfx_num(char *out, double v, int dec);
/* the two-byte code cp of one glyph inside a literal string, escaped
 * where PDF needs it */
void pdfx_code(struct buf *b, uint32_t cp);
/* catalog entries: PDF version 1.4, /Lang (ASCII tag, or NULL for none),
 * /ViewerPreferences << /DisplayDocTitle true >> */
HPDF_STATUS pdfx_catalog(HPDF_Doc pdf, const char *lang);
/* the numbering style of a printed page number: "D" decimal, "r"/"R"
 * roman, with its value in *num; NULL for any other label (used as a fixed
 * prefix).  A style is only claimed if it reproduces the label exactly. */
const char *pdfx_label_style(const char *label, int *num);
/* a page label range starting at page index: numbering style "D", "r" or
 * "R" from first, or style NULL for a fixed UTF-8 label prefix */
HPDF_STATUS pdfx_label(HPDF_Doc pdf, int page, const char *style, int first,
	const char *prefix);
/* a direct [page /FitH top] destination: PDFBox (and so PDF/A validators)
 * cannot resolve libharu's indirect destination arrays */
HPDF_Destination pdfx_dest(HPDF_Doc pdf, HPDF_Page target, double top);
/* annotation entries libharu has no setter for: /F 4 (print), /Contents
 * (UTF-8, or NULL), /StructParent (key, or -1 for none) */
HPDF_STATUS pdfx_annot(HPDF_Doc pdf, HPDF_Annotation a, const char *contents,
	int structparent);
/* a text string from UTF-8 (written as UTF-16BE), cut at a character
 * boundary to at most max bytes: PDF/A-1 limits strings to 65535 bytes */
HPDF_String pdfx_text(HPDF_Doc pdf, const char *s, size_t max);

/* --- pdfx_font.c: code point sets are bitmaps of PDFX_CPSET bytes, bit 7
 * of byte 0 being U+0000 (the layout of a CIDSet stream) */
#define PDFX_CPSET 8192

/* the code points each face of pd will draw, into want[face] (allocated
 * here, left NULL for a face without text; the caller frees them) */
void pdfx_font_want(const struct pdoc *pd, uint8_t *want[FACE_MAX]);
/* the font object of the TrueType font name, loaded from the file path,
 * for the code points in want (UTF-8 encoding), made for them: the font's
 * cmap narrowed to them before libharu builds the object, so that /W,
 * CIDToGIDMap and the set-up are only as large as what is drawn (other
 * codes have no glyph), their glyphs put into the subset, and the font
 * program without glyph names.  NULL on a libharu error (which the
 * document's handler has seen).  scratch is working space. */
HPDF_Font pdfx_font_new(HPDF_Doc pdf, const char *name, const char *path,
	const uint8_t *want, struct buf *scratch);
/* replace libharu's malformed ToUnicode CMap (a CID range map) of a UTF-8
 * font by a bfrange map code -> same Unicode value for the codes in want,
 * name the descendant font's character collection "Identity", and
 * complete its FontDescriptor (CapHeight; when cidset is set, a CIDSet
 * stream of the codes in want, which pdfx_font_mark put in the subset).
 * Call after the last text. */
HPDF_STATUS pdfx_fix_font(HPDF_Doc pdf, HPDF_Font font, const uint8_t *want, int cidset);

/* --- pdfx_draw.c: drawing state of one content stream, kept so that
 * unchanged colours and widths are not written again */
struct pdfx_gs {
	struct rgb fill;	/* current nonstroking colour */
	struct rgb stroke;	/* current stroking colour */
	double lw;		/* current line width */
};

/* the PDF defaults at the start of a content stream */
void pdfx_gs_reset(struct pdfx_gs *gs);
/* clamp a colour to 0..1 */
struct rgb pdfx_color(struct rgb c);
void pdfx_fill(HPDF_Page page, struct pdfx_gs *gs, struct rgb col);
/* stroke colour and line width */
void pdfx_stroke(HPDF_Page page, struct pdfx_gs *gs, struct rgb col, double lw);
/* BOX_RULE, BOX_SHAPE, BOX_PATH on a page of height pageh (box y is from
 * the top); the caller has checked every coordinate */
void pdfx_rule(HPDF_Page page, struct pdfx_gs *gs, double pageh, const struct box *b);
void pdfx_shape(HPDF_Page page, struct pdfx_gs *gs, double pageh, const struct box *b);
void pdfx_path(HPDF_Page page, struct pdfx_gs *gs, double pageh, const struct box *b);

/* --- pdfx_tag.c: tagged PDF */
struct pdfx_tags;

/* what is wrong with the structure elements of pd, or NULL */
const char *pdfx_tags_problem(const struct pdoc *pd, char *msg, size_t size);
/* tagging state for pd; NULL when pd has no structure elements (untagged) */
struct pdfx_tags *pdfx_tags_new(const struct pdoc *pd, HPDF_Doc pdf);
void pdfx_tags_free(struct pdfx_tags *t);
/* before content of box b on page index p: closes the previous marked
 * sequence and opens /Role <</MCID n>> BDC or /Artifact when b's tag or
 * artifact kind differs from the open one */
void pdfx_tags_mark(struct pdfx_tags *t, int p, HPDF_Page page, const struct box *b);
/* at the end of a page's content: close the open sequence */
void pdfx_tags_endpage(struct pdfx_tags *t, HPDF_Page page);
/* the structure parent key for link annotation a of link box b on page p,
 * recording it in a Link element (b->tag itself when its role is Link,
 * else a Link child of b->tag shared by consecutive boxes with the same
 * target) */
int pdfx_tags_link(struct pdfx_tags *t, int p, HPDF_Annotation a, const struct box *b);
/* what link box b on page pg says, for its /Contents, into out: the
 * layout's description, else the text of its element whose baseline lies
 * in the link area, else the URI or the target page */
void pdfx_linktext(const struct pdoc *pd, const struct page *pg, const struct box *b,
	struct buf *out);
/* write the structure tree, ParentTree, /StructParents, /Tabs, MarkInfo */
HPDF_STATUS pdfx_tags_finish(struct pdfx_tags *t, HPDF_Page *pages);

/* --- pdfx_meta.c: PDF/A-1b */

/* XMP metadata matching the document information (which must already be
 * set from info, with producer as the Producer), pdfaid part 1 B and,
 * when ua is set, pdfuaid part 1 with its extension schema */
HPDF_STATUS pdfx_xmp(HPDF_Doc pdf, const struct pinfo *info, const char *producer, int ua);
/* the sRGB OutputIntent from an ICC profile file */
HPDF_STATUS pdfx_output_intent(HPDF_Doc pdf, const char *icc);
/* a digest of what the document says and shows, for the trailer /ID:
 * the same pdoc gives the same digest, any change of text or layout another */
void pdfx_digest(const struct pdoc *pd, unsigned char id[16]);
/* trailer /ID [<id> <id>] from a 16-byte digest of the content */
HPDF_STATUS pdfx_id(HPDF_Doc pdf, const unsigned char id[16]);

#endif
