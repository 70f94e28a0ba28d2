/*
 * style: layouts.  A layout (layouts/NAME/layout.xml) holds everything about
 * the look of a report: page size and margins, the font family, named
 * paragraph styles, lists, the table of contents, running header and footer
 * and the cover.  Reports name styles; they never carry fonts or sizes.
 * Lengths are stored in points.
 */
#ifndef FOLIO_STYLE_H
#define FOLIO_STYLE_H

#include "box.h"
#include "diag.h"
#include "font.h"

enum align { ALIGN_LEFT, ALIGN_JUSTIFY, ALIGN_CENTER, ALIGN_RIGHT };

struct symset;	/* symbol.h */

struct style {
	char *name;		/* "body", "h1" … or a report-specific name */
	int face;		/* enum face */
	double size;		/* font size, pt */
	double leading;		/* baseline to baseline, pt */
	double before;		/* space above, pt */
	double after;		/* space below, pt */
	double indent;		/* left indent of every line, pt */
	struct rgb color;	/* text colour */
	enum align align;	/* ragged right, justified, centred, flush right */
	int keepnext;		/* keep with the next block */
	int newpage;		/* start on a new page */
	int hyphenate;		/* hyphenation allowed */
};

/* the look of tables, from <table-style>; a table names one (default "table") */
struct tstyle {
	char *name;		/* "table", or a name a report asks for */
	int face;		/* enum face of body cells */
	int headface;		/* enum face of header cells */
	double size;		/* cell text, pt */
	double leading;		/* baseline to baseline in cells, pt */
	double minsize;		/* a table too wide shrinks its text down to this, pt */
	struct rgb color;	/* cell text */
	double padx, pady;	/* cell padding left and right, top and bottom, pt */
	double rule;		/* rules between body rows, pt; 0 = none */
	double headrule;	/* rules above and below the header, pt; 0 = none */
	double totalrule;	/* rule above total rows, pt; 0 = none */
	struct rgb rulecolor;	/* colour of every rule */
	int headshade;		/* fill the header with headfill */
	struct rgb headfill;	/* header background */
	double indent;		/* extra indent of child rows, pt */
	int pctspace;		/* a no-break space before "%" ("12 %" not "12%") */
	double before, after;	/* space above and below the table, pt */
	char *caption;		/* paragraph style of captions, or NULL */
	char *note;		/* paragraph style of notes under the table, or NULL */
};

/* one running header or footer */
struct running {
	char *left;		/* templates with {title} {subtitle} {unit} {period} */
	char *center;		/*   {organisation} {date} {page} {pages}; NULL = empty */
	char *right;
	double y;		/* baseline, pt from the top of the page */
	char *style;		/* style of its text */
	double rule;		/* width of a rule between it and the body, 0 = none */
	double rulegap;		/* distance from the baseline to the rule, pt */
};

/* one element of the cover page */
struct coveritem {
	int rect;		/* a filled rectangle instead of text */
	char *field;		/* text: "title", "subtitle", "unit", "period", "organisation", "date" */
	char *style;		/* text: style name */
	double x, y, w, h;	/* text: baseline at y, wrapped to width w from x; rect: box */
	struct rgb color;	/* rect: fill */
};

/* how one chart series is drawn: colours differ in lightness, and lines
 * also by dash and marker, so series stay apart in greyscale */
struct chartseriesstyle {
	struct rgb color;	/* bar fill, line and marker colour */
	double dash;		/* line dash length, pt; 0 = solid */
	enum shape marker;	/* marker of line-markers charts */
};

/* the look of charts (<chart-style>) */
#define LAYOUT_MAXCHARTSERIES 8
struct chartstyle {
	double size;		/* font size of ticks, labels, legend, pt */
	struct rgb text;	/* their colour */
	struct rgb grid;	/* gridlines */
	struct rgb axis;	/* the zero line and the category axis */
	struct rgb target;	/* reference (target) lines */
	double linewidth;	/* line series, pt */
	double markersize;	/* marker width and height, pt */
	double aspect;		/* default width / height of a chart */
	char *caption;		/* style of chart captions */
	struct chartseriesstyle series[LAYOUT_MAXCHARTSERIES];	/* cycled */
	int nseries;
};

struct layout {
	char *name;		/* from the file */
	char *dir;		/* directory the layout was read from */
	double pw, ph;		/* page size, pt */
	double mt, mb, ml, mr;	/* margins, pt */
	char *fontfile[FACE_MAX];	/* absolute paths; NULL when not given */
	struct style *style;	/* named styles */
	int nstyle;
	struct tstyle *tstyle;	/* named table styles; "table" always exists */
	int ntstyle;
	struct running header;	/* left, center, right all NULL = none */
	struct running footer;
	int chapternewpage;	/* level-1 sections start a new page */
	double listindent;	/* indent per list level, pt */
	double labelgap;	/* space between a list label and its text, pt */
	char *bullet[3];	/* bullet glyph per nesting level (cycled) */
	char *toctitle;		/* "Innehållsförteckning" */
	int tocdepth;		/* default depth of the table of contents */
	double tocnumwidth;	/* width of the section number column, per level, pt */
	double tocpagewidth;	/* width of the page number column, pt */
	char *tocleader;	/* leader string, e.g. "." (NULL = none) */
	double tocleaderstep;	/* distance between leader dots, pt */
	struct coveritem *cover;	/* cover elements; none = no cover page */
	int ncover;
	int widows;		/* minimum lines at the top of a page */
	int orphans;		/* minimum lines at the bottom of a page */
	int hyphmin;		/* shortest word hyphenated */
	int hyphleft;		/* minimum characters before a hyphen */
	int hyphright;		/* minimum characters after a hyphen */
	struct chartstyle chart;	/* charts */
	struct symset *symset;	/* status symbol sets, <symbols> (symbol.h) */
	int nsymset;
	struct fontset fonts;	/* loaded faces */
};

/* read dir/layout.xml, validate it, load its fonts; NULL after reporting */
struct layout *layout_load(const char *dir, const char *datadir, struct diag *dg);
/* the style named name, or NULL */
const struct style *layout_style(const struct layout *l, const char *name);
/* the table style named name, or NULL */
const struct tstyle *layout_tstyle(const struct layout *l, const char *name);
void layout_free(struct layout *l);

#endif
