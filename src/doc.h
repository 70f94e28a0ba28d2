/*
 * doc: the document tree.  The loader (parse.c) builds it from report XML;
 * later stages read it and never see XML.  Text is UTF-8, validated and with
 * XML white space already collapsed (runs of space, tab and newline become
 * one space; no-break spaces are kept).  Every node knows where it came from
 * (for diagnostics) and has a serial number (so laid-out boxes can point back
 * to it, e.g. for the structure tree of tagged PDF).
 */
#ifndef FOLIO_DOC_H
#define FOLIO_DOC_H

#include "diag.h"
#include "util.h"

enum node_type {
	/* blocks */
	N_REPORT,	/* the root */
	N_COVER,	/* cover page (content comes from the metadata) */
	N_TOC,		/* table of contents; depth in `level` */
	N_SECTION,	/* chapter or section; its first child is an N_TITLE */
	N_TITLE,	/* heading text: inline children */
	N_PARA,		/* paragraph: inline children */
	N_LIST,		/* list of N_ITEM; kind in `list` */
	N_ITEM,		/* list item: block children (N_PARA, N_LIST) */
	N_PAGEBREAK,	/* forced page break */
	N_TABLE,	/* table: N_CAPTION?, N_COLUMN*, N_THEAD?, N_ROW*, N_NOTE*; `attr` */
	N_CAPTION,	/* table caption: inline children */
	N_COLUMN,	/* table column: its heading as inline children; `attr` */
	N_THEAD,	/* explicit table header: N_ROW children */
	N_ROW,		/* table row: N_CELL children; `attr` (role) */
	N_CELL,		/* table cell: block children (N_PARA, N_LIST); `attr` */
	N_NOTE,		/* note under a table: inline children */
	N_CHART,	/* chart drawn from CSV data; its definition in `chart` */
	N_LEGEND,	/* legend of symbol sets (symbol.c); `attr` */
	N_GOALS,	/* goal blocks from CSV (goal.c): N_COMMENT children; `attr` */
	N_COMMENT,	/* a goal's comment: block children; `attr` (goal) */
	N_GOALSUM,	/* summary of the report's goals per colour: N_LABEL*; `attr` */
	N_LABEL,	/* label of a goal kind in the summary: inline children; `attr` */
	N_INTCTRL,	/* internal control tables from CSV (goal.c); `attr` */
	/* inlines */
	N_TEXT,		/* text in `text` */
	N_SPAN,		/* emphasis: `emph` bits, inline children */
	N_BR,		/* forced line break */
	N_LINK,		/* hyperlink to `href`: inline children */
	N_REF,		/* cross-reference to the section with id `href` */
	N_SYMBOL,	/* status symbol of a layout's set; `attr` (set, value, word) */
	N_NTYPES
};

enum numbering {
	NUM_SHOW,	/* numbered, number printed ("3.1 Titel") */
	NUM_HIDE,	/* counted, number not printed */
	NUM_NONE,	/* not counted, not printed */
};

enum list_kind { LIST_BULLET, LIST_NUMBER, LIST_LETTER };

enum { EM_BOLD = 1, EM_ITALIC = 2 };

struct doc;
struct incstate;

struct node {
	enum node_type type;
	struct node *parent;	/* NULL for the root */
	struct node *first;	/* first child */
	struct node *last;	/* last child */
	struct node *next;	/* next sibling */
	struct pos pos;		/* where the element starts in its file */
	int serial;		/* 0, 1, 2 … in document order */
	char *text;		/* N_TEXT: the text */
	char *id;		/* the element's id attribute, or NULL */
	char *style;		/* a layout style name asked for, or NULL */
	char *href;		/* N_LINK: URL; N_REF: id of the target */
	struct node *target;	/* N_REF: the section referred to (doc_finish) */
	int emph;		/* N_SPAN: EM_BOLD | EM_ITALIC, including the
				 * emphasis of enclosing spans */
	int level;		/* N_SECTION: depth from 1; N_TOC: depth shown */
	enum numbering num;	/* N_SECTION: how it is numbered */
	int toc;		/* N_SECTION: listed in the table of contents */
	char *number;		/* N_SECTION: "3.3.1" (doc_number), or NULL */
	enum list_kind list;	/* N_LIST: bullets, numbers or letters */
	int start;		/* N_LIST: first number (default 1) */
	char **attr;		/* N_TABLE, N_COLUMN, N_ROW, N_CELL, N_SYMBOL, N_LEGEND,
				 * N_GOALS, N_COMMENT, N_GOALSUM, N_LABEL, N_INTCTRL: the
				 * element's attributes as name, value, …, NULL */
	struct chartdef *chart;	/* N_CHART: what to draw (chart.h) */
	const struct doc *from;	/* the root of a part included from another report
				 * (include.c): that report, whose directory its data
				 * paths are relative to; else NULL */
};

/* report metadata; any field may be NULL except title */
struct meta {
	char *title;		/* "Delårsrapport" */
	char *subtitle;		/* "Regionstyrelsens verksamheter" */
	char *organisation;	/* "Region Örebro län": the PDF author */
	char *unit;		/* the nämnd or unit reported on */
	char *doctype;		/* "delårsrapport", "årsredovisning", … */
	char *period;		/* "Delår 2024" */
	char *lang;		/* BCP 47, default "sv-SE" */
	char *date;		/* ISO 8601 date "2024-09-10" */
	char *keywords;		/* comma-separated */
};

struct doc {
	struct node *root;	/* N_REPORT */
	struct meta meta;
	char *path;		/* the report file as given */
	char *dir;		/* its directory, for relative data paths */
	char *layout;		/* layout name or path asked for, or NULL */
	int nnodes;		/* serials run from 0 to nnodes-1 */
	struct node **ids;	/* nodes with an id, sorted by id (doc_finish) */
	int nids;
	struct arena mem;	/* every node and string of the tree */
	struct incstate *inc;	/* the reports its <include>s loaded (include.h),
				 * freed with it; NULL when none or not the owner */
};

struct node *doc_node(struct doc *d, enum node_type type, struct pos pos);
void doc_append(struct node *parent, struct node *child);
/* number the sections (1, 2.1, 3.3.1 …) and the serials; check that every
 * N_REF names an existing id and ids are unique; errors go to dg */
int doc_finish(struct doc *d, struct diag *dg);
/* the element with this id, whatever its type, or NULL (d->ids is sorted
 * by doc_finish) */
struct node *doc_byid(const struct doc *d, const char *id);
/* the section with this id, or NULL (also before doc_finish) */
struct node *doc_find(struct doc *d, const char *id);
/* the title child of a section */
struct node *doc_title(const struct node *section);
/* plain text of a subtree's inlines, newly allocated */
char *doc_plaintext(const struct node *n);
void doc_free(struct doc *d);
/* the report n belongs to: the one the included part holding n was taken
 * from (include.c), else d */
const struct doc *doc_home(const struct node *n, const struct doc *d);
/* the directory n's data paths (src=, check=, …) are relative to */
const char *doc_dir(const struct node *n, const struct doc *d);

#endif
