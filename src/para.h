/*
 * para: paragraphs.  Inline content of the document tree (text, emphasis,
 * links, references) becomes a list of Knuth–Plass items measured with the
 * layout's fonts; after brk.c has chosen the breaks, each line is set as a
 * few positioned text runs (words of one face joined by real spaces, with
 * the justification carried as extra word space).
 */
#ifndef FOLIO_PARA_H
#define FOLIO_PARA_H

#include "brk.h"
#include "doc.h"
#include "hyph.h"
#include "style.h"

/* where a link in a paragraph points */
struct plink {
	const char *uri;	/* external link, or NULL */
	int target;		/* serial of the target node, -1 for a URI */
};

struct para {
	struct item *it;	/* the items, ending with a forced break */
	int n, cap;
	struct plink *link;	/* links referred to by item.link */
	int nlink, caplink;
	const struct fontset *fs;	/* faces for measuring */
	const struct layout *lay;	/* hyphenation settings */
	const struct hyph *hyph;	/* hyphenation patterns, or NULL for none */
	struct arena *mem;	/* text made up here (labels, references) */
	struct diag *dg;	/* missing glyphs are reported here */
	struct pdoc *pd;	/* where inline symbols get their Span elements (with
				 * the word as ActualText); NULL = they take the text's tag */
	int kern;		/* measure with kerning */
	int ragged;		/* build ragged-right glue */
	int missing;		/* characters no face could draw */
};

/* a set line: text runs relative to the line's start and baseline */
struct lrun {
	struct box b;		/* x relative to the line start, y = 0 */
	int link;		/* index into para.link, -1 = none */
};

struct pline {
	struct lrun *run;	/* runs left to right */
	int nrun;
	double width;		/* set width of the line */
};

void para_init(struct para *p, const struct layout *lay, struct arena *mem,
	struct diag *dg, int ragged);
/* append text in a face; spaces become glue, other characters boxes */
void para_text(struct para *p, const char *s, size_t len, int face,
	const struct style *st, int tag, int link, struct pos pos);
/* append the inline children of n (emphasis adds to face) */
void para_inlines(struct para *p, const struct node *n, int face,
	const struct style *st, int tag, const struct doc *d);
/* what a status symbol's word does */
enum symword {
	SYMWORD_HIDDEN,		/* invisible text in the symbol's place, for extraction */
	SYMWORD_SHOWN,		/* printed after the symbol ("● Helt") */
	SYMWORD_NONE,		/* left out: the text next to it says it (legends) */
};

/* a status symbol (symbol.h) as high as the capitals of face at st's size;
 * its word as show says; the word is also the ActualText of its Span */
void para_symbol(struct para *p, const struct symdef *sym, int face,
	const struct style *st, int tag, enum symword show);
/* a fixed, unbreakable space of width w (after a heading number, a label) */
void para_kern(struct para *p, double w);
/* end the paragraph with the finishing glue and forced break */
void para_finish(struct para *p, const struct style *st);
/* set line number `line` of a broken paragraph */
void para_setline(const struct para *p, const struct brkres *r, int line,
	enum align align, double measure, struct pline *out, struct arena *mem);
void para_free(struct para *p);

#endif
