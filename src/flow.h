/*
 * flow: the vertical list.  flow.c walks the document's blocks (headings,
 * paragraphs, lists, the table of contents) and sets them as a list of
 * line boxes, glue (space between blocks) and penalties (where a page may
 * or may not end: widows, orphans, keep-with-next, chapter starts).
 * page.c then cuts that list into pages.  Boxes inside a line are kept
 * relative to the line's top-left corner at the left edge of the text block.
 */
#ifndef FOLIO_FLOW_H
#define FOLIO_FLOW_H

#include "box.h"
#include "doc.h"
#include "hyph.h"
#include "para.h"
#include "style.h"

enum vtype { V_BOX, V_GLUE, V_PENALTY };

/* a box inside a line, with what only pagination can resolve */
struct vbox {
	struct box b;		/* x from the text block's left, y from the line's top */
	int target;		/* link: serial of the target node; -1 = uri or none */
	int pageref;		/* text: becomes the page number of this serial, right-aligned at b.x */
};

struct vitem {
	enum vtype type;
	double h;		/* box: height; glue: the space */
	int penalty;		/* penalty: BRK_INF forbids a page break, -BRK_INF forces one */
	int nobreak;		/* glue: no page break here (keep-with-next) */
	int keep;		/* box: keep with the next two lines (headings) */
	struct vbox *box;	/* box: its content */
	int nbox;
	int anchor;		/* box: serial of the node that starts here, -1 = none */
	int table;		/* the table (index into vlist.tab + 1) it is part of, 0 = none */
	int head;		/* box: a header row, repeated where the table continues */
	int landscape;		/* box: set on a landscape page (the page turned) */
	int para;		/* box: the paragraph it is a line of (index into vlist.ppos), -1 = none */
};

/* a typographic problem found while setting, reported by `folio check` */
struct vnote {
	int item;		/* the list item it concerns (its page is known after pagination) */
	struct pos pos;		/* where its text comes from */
	char *msg;		/* what is wrong */
};

/* a table in the list, for repeating its header rows on each new page */
struct vtable {
	int hfrom, hto;		/* its header rows are items [hfrom, hto) */
	double hh;		/* their height */
};

/* a section heading, for the outline */
struct vhead {
	int serial;		/* the section's node */
	int level;		/* 1 = chapter */
	const char *title;	/* "3.1 Sammanfattning …" */
};

struct vlist {
	struct vitem *v;
	int n, cap;
	struct vhead *head;	/* the sections, in document order */
	int nhead, caphead;
	struct vtable *tab;	/* tables, referred to by vitem.table */
	int ntab, captab;
	struct pos *ppos;	/* source position of each paragraph, by vitem.para */
	int npara, cappara;
	int cover;		/* structure element of the cover page, -1 = none */
	struct vnote *note;	/* typographic problems, in document order */
	int nnote, capnote;
};

/* record a typographic problem at the last item of the list */
void flow_note(struct vlist *vl, struct pos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* everything the block walk needs */
struct flow {
	const struct doc *d;		/* the document being set */
	const struct layout *lay;	/* its layout */
	struct vlist *vl;		/* the list being built */
	struct pdoc *pd;		/* strings and structure elements go here */
	struct diag *dg;		/* problems are reported here */
	const struct hyph *hyph;	/* hyphenation patterns, or NULL */
	double measure;		/* width of the text block, pt */
	double pending;		/* space owed after the previous block */
	int listdepth;		/* nesting of lists */
};

/* options for setting one paragraph */
struct pset {
	const struct style *st;	/* its style */
	double indent;		/* left edge of every line, pt */
	double hang;		/* extra indent of lines after the first, pt */
	double measure;		/* width available from indent, pt */
	int keep;		/* keep with what follows (heading) */
	int nosplit;		/* never break a page inside it */
	int anchor;		/* serial marked at its first line, -1 = none */
	struct pos pos;		/* where the paragraph comes from, for the quality report */
	struct pline label;	/* runs put on the first line (list label, number) */
};

/* set every block of d into vl; strings go to pd->mem, tags to pd->selem */
int flow_document(const struct doc *d, const struct layout *lay, const struct hyph *hyph,
	struct vlist *vl, struct pdoc *pd, struct diag *dg);
/* cut vl into pages of pd: cover, body, running header and footer, page
 * numbers in the table of contents, link targets, outline; when quality is
 * set, report every typographic problem (overfull and loose lines,
 * unbreakable words, hyphen runs, widows and orphans) as a warning */
int page_build(const struct doc *d, const struct layout *lay, struct vlist *vl,
	struct pdoc *pd, int quality, struct diag *dg);
void flow_free(struct vlist *vl);

/* building blocks for block kinds set outside flow.c (tables, goals …) */
struct vitem *flow_item(struct vlist *vl, enum vtype type);
/* a box appended to a line item; cap is the item's box capacity */
struct vbox *flow_box(struct vitem *v, int *cap);
/* an empty box: no tag, no link target, no page reference */
void flow_boxinit(struct vbox *b);
void flow_penalty(struct flow *f, int penalty);
/* glue for the larger of the pending space and before */
void flow_space(struct flow *f, double before);
/* the style name asks for, else fallback; an unknown name is an error at pos */
const struct style *flow_style(struct flow *f, const char *name, const char *fallback,
	struct pos pos);
/* baseline of a line of style st below the line's top */
double flow_baseline(const struct flow *f, const struct style *st);
/* break a built paragraph and append its lines; the last line is kept in *last if wanted */
int flow_lines(struct flow *f, struct para *p, const struct pset *ps, struct pline *last);
/* the inline content of n as a paragraph of style st (keep: with what follows) */
void flow_paragraph(struct flow *f, const struct node *n, const struct style *st,
	double indent, int tag, int keep, struct pline *label);
/* a one-run line holding s (a list label, a number) at x */
struct pline flow_label(struct flow *f, const char *s, const struct style *st, int face,
	double x, int tag);
/* the blocks from first on, indented by indent, as children of structure element parent */
void flow_blocks(struct flow *f, const struct node *first, double indent, int parent);

#endif
