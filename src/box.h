/*
 * box: the laid-out document.  Pagination produces pages of positioned
 * boxes (text runs, rules, filled rectangles, link areas); the PDF writer
 * and the text dump consume them.  Coordinates are points from the top-left
 * corner of the page, y growing downwards.  Every box knows the structure
 * element it belongs to, so the PDF writer can tag content without knowing
 * the document tree.
 */
#ifndef FOLIO_BOX_H
#define FOLIO_BOX_H

#include <stdio.h>

#include "font.h"
#include "util.h"

struct rgb {
	float r, g, b;		/* 0..1 */
};

enum box_type {
	BOX_TEXT,	/* a run of text in one face and size */
	BOX_RULE,	/* a line from (x, y) to (x + w, y + h) */
	BOX_RECT,	/* a filled rectangle with top-left (x, y) */
	BOX_LINK,	/* a clickable area to a page position or a URI */
	BOX_SHAPE,	/* a status symbol or marker drawn as vectors in (x, y, w, h) */
	BOX_PATH,	/* a polyline (stroked) or polygon (filled) through pt[] */
};

/* the vector symbols of BOX_SHAPE; each fits its box */
enum shape {
	SHAPE_CIRCLE,		/* filled disc */
	SHAPE_DIAMOND,		/* filled square standing on a corner */
	SHAPE_SQUARE,		/* filled square */
	SHAPE_TRIANGLE_UP,	/* filled triangle, point up */
	SHAPE_TRIANGLE_DOWN,	/* filled triangle, point down */
	SHAPE_ARROW_UP,		/* stroked arrows: ↑ */
	SHAPE_ARROW_RIGHT,	/* → */
	SHAPE_ARROW_DOWN,	/* ↓ */
	SHAPE_ARROW_UPRIGHT,	/* ↗ */
	SHAPE_ARROW_DOWNRIGHT,	/* ↘ */
	SHAPE_CROSS,		/* stroked × */
	SHAPE_RING,		/* stroked circle (an empty or unknown status) */
};

/* what an untagged box (tag -1) is: the kind of /Artifact it is marked as */
enum artifact {
	ART_LAYOUT,		/* decoration: bands, rules, leaders, repeated table heads */
	ART_HEADER,		/* running header (pagination) */
	ART_FOOTER,		/* running footer and page number (pagination) */
	ART_BACKGROUND,		/* a full-page background */
};

struct box {
	enum box_type type;
	double x, y;		/* text: start of the baseline; others: top-left */
	double w, h;		/* extent; text: advance width and font size */
	int face;		/* text: index into the fontset */
	double size;		/* text: font size in points */
	double wordspace;	/* text: extra advance after each U+0020 (justification) */
	int hyphen;		/* text: ends in a hyphen that hyphenation added */
	double lw;		/* rule, stroked shape or path: line width */
	struct rgb color;	/* text fill, rule stroke or rectangle fill */
	const char *text;	/* text: UTF-8 without newlines, owned by the pdoc;
				 * link: its description for /Contents, NULL = the
				 * text under it */
	int len;		/* text, link description: length in bytes */
	int invisible;		/* text: not painted (render mode 3) and squeezed into w:
				 * the word a status symbol stands for, for text extraction */
	int tag;		/* structure element (index into pdoc.selem), -1 = artifact */
	enum artifact artifact;	/* when tag is -1: which kind */
	enum shape shape;	/* shape: which symbol */
	const double *pt;	/* path: x0 y0 x1 y1 … in page coordinates, owned by the pdoc */
	int npt;		/* path: number of points */
	int closed;		/* path: closed and filled with color; else stroked with lw */
	double dash;		/* rule, path: dash length in points, 0 = solid */
	int dest_page;		/* link: target page index, -1 when uri is used */
	double dest_y;		/* link: target position on that page */
	const char *uri;	/* link: external URI, or NULL */
};

struct page {
	double w, h;		/* page size in points */
	struct box *box;	/* boxes in drawing (and reading) order */
	int nbox, cap;
	const char *label;	/* printed page number, e.g. "3" */
};

/* a bookmark in the PDF outline */
struct outline {
	const char *title;	/* "3.1 Sammanfattning …" */
	int level;		/* 1 = top */
	int page;		/* page index */
	double y;		/* position of the heading on that page */
};

/* a structure element for tagged PDF, in document order */
struct selem {
	const char *role;	/* standard structure type: "H1", "P", "LI" … */
	int parent;		/* index of the parent element, -1 for the root */
	const char *alt;	/* alternative text, or NULL */
	const char *actual;	/* actual text, or NULL */
	const char *scope;	/* TH: "Column", "Row" or "Both"; else NULL */
	int rowspan, colspan;	/* TH, TD: rows and columns spanned, 0 = 1 */
};

/* document information for the PDF writer */
struct pinfo {
	const char *title;
	const char *subject;
	const char *author;	/* the organisation */
	const char *keywords;
	const char *creator;	/* "folio VERSION" */
	const char *lang;	/* "sv-SE" */
	long long date;		/* seconds since the epoch (SOURCE_DATE_EPOCH or the report date) */
};

struct pdoc {
	struct page *page;	/* the pages in order */
	int npage, cappage;
	struct outline *outline;
	int noutline, capoutline;
	struct selem *selem;
	int nselem, capselem;
	const struct fontset *fonts;	/* faces that box.face refers to */
	int kern;		/* apply font kerning between glyphs */
	struct pinfo info;
	struct arena mem;	/* box text and other strings */
};

struct page *pdoc_page(struct pdoc *pd, double w, double h);
struct box *pdoc_box(struct page *pg, enum box_type type);
/* a text box; text is copied into the pdoc */
struct box *pdoc_text(struct pdoc *pd, struct page *pg, double x, double y,
	int face, double size, struct rgb color, const char *s, int len, int tag);
/* set a text box's wordspace (justification) and widen w to match */
void pdoc_justify(struct box *b, double wordspace);
int pdoc_selem(struct pdoc *pd, const char *role, int parent);
void pdoc_outline(struct pdoc *pd, const char *title, int level, int page, double y);
void pdoc_free(struct pdoc *pd);

/* text dump of the pages, one line per box, for tests (dump.c) */
void dump_pdoc(const struct pdoc *pd, FILE *out);

#endif
