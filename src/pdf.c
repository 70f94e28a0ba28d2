/*
 * pdf: write a laid-out document (box.h) as PDF through libharu.  The
 * pdoc arrives complete from pagination; this module only translates it:
 * the fonts first (narrowed to the code points drawn: pdfx_font.c), then
 * pages and boxes in order (each run of boxes marked with its structure
 * element when the pdoc has any), then outline, page labels, document info
 * and catalog entries, the structure tree, the font fixes and, for PDF/A,
 * metadata, OutputIntent and /ID (pdfx_*.c do the parts libharu lacks).  Text
 * goes out in libharu's UTF-8 mode (Identity-H CID fonts, code = Unicode
 * code point) as raw TJ arrays, because kerning and justification need
 * per-glyph offsets that libharu cannot express (Tw is ignored by viewers
 * for two-byte codes).  libharu errors are sticky, so a handler records the
 * first one and every step checks it before going on.  The finished file
 * is written to a temporary name beside the target and renamed into place.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "pdf.h"
#include "pdfx.h"
#include "utf8.h"

/* everything one pdf_write call needs; no state outlives the call */
struct pdfctx {
	const struct pdoc *pd;	/* the document being written */
	struct diag *dg;	/* where errors go */
	HPDF_Doc pdf;		/* the libharu document */
	HPDF_STATUS err;	/* first libharu error, 0 while none */
	HPDF_STATUS detail;	/* its detail code (errno for file errors) */
	HPDF_Page *pages;	/* libharu page per pdoc page */
	HPDF_Font font[FACE_MAX];	/* font per face, NULL for a face without text */
	uint8_t *want[FACE_MAX];	/* code points per face (pdfx_font_want); the
					 * first face of a font holds its union */
	int pdfa;		/* PDF/A: fonts get a CIDSet */
	struct buf tj;		/* scratch: the TJ operator of one text box */
	struct buf txt;		/* scratch: text for fonts and annotations */
	struct pdfx_tags *tags;	/* tagging state, NULL for an untagged pdoc */
	/* drawing state of the current page, to skip redundant operators */
	HPDF_Font curfont;	/* font of the last Tf, NULL after a new page */
	double cursize;		/* size of the last Tf */
	struct pdfx_gs gs;	/* colours and line width */
};

/* libharu's coordinates are limited to ±32767 and it silently clamps */
#define PDF_MAXCOORD 32767.0
/* what made the file: Producer in the information and the XMP */
#define PDF_PRODUCER "libharu " HPDF_VERSION_TEXT
/* nesting beyond this is folded into the deepest level */
#define PDF_MAXLEVEL 16
/* points of one BOX_PATH */
#define PDF_MAXPOINTS 100000

static void HPDF_STDCALL pdf_onerror(HPDF_STATUS err, HPDF_STATUS detail, void *user)
{
	struct pdfctx *c = user;
	if (!c->err) {
		c->err = err;
		c->detail = detail;
	}
}

/* report the recorded libharu error, if any, as "what: words"; 1 if there was one */
static int pdf_failed(struct pdfctx *c, const char *what)
{
	if (!c->err)
		return 0;
	struct pos nopos = {0};
	if (c->err == HPDF_FILE_OPEN_ERROR || c->err == HPDF_FILE_IO_ERROR) {
		char msg[128] = "";
		if (c->detail && strerror_r((int)c->detail, msg, sizeof(msg)) == 0)
			diag_error(c->dg, nopos, "%s: %s: %s", what, pdfx_errword(c->err), msg);
		else
			diag_error(c->dg, nopos, "%s: %s", what, pdfx_errword(c->err));
	} else {
		diag_error(c->dg, nopos, "%s: %s (libharu 0x%04X, detail %u)", what,
			pdfx_errword(c->err), (unsigned)c->err, (unsigned)c->detail);
	}
	return 1;
}

/* a number with at most two decimals */
static void pdf_num(struct buf *b, double v)
{
	char s[32];
	buf_put(b, s, (size_t)pdfx_num(s, v, 2));
}

static int pdf_coord_ok(double v)
{
	return isfinite(v) && fabs(v) <= PDF_MAXCOORD;
}

/* "cannot load font PATH" */
static void pdf_fontwhat(struct pdfctx *c, int face, char *what, size_t n)
{
	snprintf(what, n, "cannot load font %s", c->pd->fonts->face[face].path);
}

/* load and embed every face that has text, before any page is drawn, each
 * font once: narrowed to the code points of all faces that share it and
 * with their glyphs in its subset.  Faces share a font when they name the
 * same file, or files that libharu finds to hold the same font (it then
 * returns the first one's name, so the union must go in at once). */
static int pdf_fonts(struct pdfctx *c)
{
	const struct fontset *fs = c->pd->fonts;
	const char *name[FACE_MAX] = {0};
	char what[512];
	pdfx_font_want(c->pd, c->want);
	for (int i = 0; i < FACE_MAX; i++) {
		if (!c->want[i])
			continue;
		for (int j = 0; j < i && !name[i]; j++)
			if (name[j] && !strcmp(fs->face[j].path, fs->face[i].path))
				name[i] = name[j];
		if (!name[i])
			name[i] = HPDF_LoadTTFontFromFile(c->pdf, fs->face[i].path, HPDF_TRUE);
		pdf_fontwhat(c, i, what, sizeof(what));
		if (pdf_failed(c, what))
			return -1;
		if (!name[i]) {
			diag_error(c->dg, (struct pos){0}, "%s: libharu returned no font", what);
			return -1;
		}
	}
	for (int i = 0; i < FACE_MAX; i++) {
		if (!name[i] || c->font[i])
			continue;
		for (int j = i + 1; j < FACE_MAX; j++)
			if (name[j] && !strcmp(name[j], name[i]))
				for (int k = 0; k < PDFX_CPSET; k++)
					c->want[i][k] |= c->want[j][k];
		HPDF_Font font = pdfx_font_new(c->pdf, name[i], fs->face[i].path, c->want[i],
			&c->txt);
		pdf_fontwhat(c, i, what, sizeof(what));
		if (pdf_failed(c, what))
			return -1;
		if (!font) {
			diag_error(c->dg, (struct pos){0}, "%s: libharu returned no font", what);
			return -1;
		}
		for (int j = i; j < FACE_MAX; j++)
			if (name[j] && !strcmp(name[j], name[i]))
				c->font[j] = font;
	}
	return 0;
}

/* what is wrong with a box, or NULL; the writer refuses rather than
 * letting libharu clamp or reject values half-way through a page */
static const char *pdf_box_problem(const struct pdoc *pd, const struct page *pg,
	const struct box *b)
{
	/* every value handed to libharu, after the flip to PDF's y axis */
	if (!pdf_coord_ok(b->x) || !pdf_coord_ok(b->y) || !pdf_coord_ok(b->w) ||
		!pdf_coord_ok(b->h) || !pdf_coord_ok(b->x + b->w) ||
		!pdf_coord_ok(pg->h - b->y) || !pdf_coord_ok(pg->h - b->y - b->h))
		return "position or size out of range";
	if (b->tag < -1 || b->tag >= pd->nselem)
		return "structure element out of range";
	if ((unsigned)b->artifact > ART_BACKGROUND)
		return "unknown artifact kind";
	if (b->type != BOX_TEXT && b->type != BOX_LINK && b->type != BOX_RECT &&
		!(b->lw >= 0 && b->lw <= 1000))
		return "line width out of range";
	if (!(b->dash >= 0 && b->dash <= 1000))
		return "dash length out of range";
	switch (b->type) {
	case BOX_TEXT:
		if (b->face < 0 || b->face >= FACE_MAX || !pd->fonts ||
			!pd->fonts->face[b->face].path)
			return "text in a face that is not loaded";
		/* the lower bound keeps the TJ offsets (ws * 1000 / size) finite */
		if (!(b->size >= 0.1 && b->size <= HPDF_MAX_FONTSIZE))
			return "font size out of range";
		if (!isfinite(b->wordspace) || fabs(b->wordspace) > 1000)
			return "word spacing out of range";
		if (b->len < 0 || (b->len > 0 && !b->text))
			return "text without content";
		return NULL;
	case BOX_RULE:
	case BOX_RECT:
		return NULL;
	case BOX_LINK:
		if (!b->uri && (b->dest_page < 0 || b->dest_page >= pd->npage))
			return "link to a page that does not exist";
		if (!b->uri && !pdf_coord_ok(pd->page[b->dest_page].h - b->dest_y))
			return "link target out of range";
		if (b->text && (b->len < 0 || utf8_check(b->text, (size_t)b->len) >= 0))
			return "link description is not UTF-8";
		return NULL;
	case BOX_SHAPE:
		if ((unsigned)b->shape > SHAPE_RING)
			return "unknown shape";
		return NULL;
	case BOX_PATH:
		if (b->npt < 0 || b->npt > PDF_MAXPOINTS || (b->npt > 0 && !b->pt))
			return "path points out of range";
		for (int i = 0; i < b->npt; i++)
			if (!pdf_coord_ok(b->pt[2 * i]) || !pdf_coord_ok(pg->h - b->pt[2 * i + 1]))
				return "path point out of range";
		return NULL;
	}
	return "unknown box type";
}

/* how a tagged text run ends, for the text of its structure element */
enum pdf_tail {
	TAIL_NONE,	/* as drawn */
	TAIL_SPACE,	/* a space glyph after it: a line end or a gap reads as one */
	TAIL_HYPHEN,	/* its hyphenation hyphen drawn as an artifact */
};

/* the tail of text box j: screen readers and text extraction from the
 * structure see only the glyphs, not the gaps between runs */
static enum pdf_tail pdf_tail(const struct page *pg, int j)
{
	const struct box *b = &pg->box[j];
	if (b->hyphen && b->len > 0 && b->text[b->len - 1] == '-')
		return TAIL_HYPHEN;
	if (b->len == 0 || b->text[b->len - 1] == ' ')
		return TAIL_NONE;
	for (int k = j + 1; k < pg->nbox; k++) {
		const struct box *n = &pg->box[k];
		if (n->type != BOX_TEXT || n->len == 0)
			continue;
		if (n->text[0] == ' ')
			return TAIL_NONE;
		return n->y != b->y || n->x > b->x + b->w + 0.2 * b->size ? TAIL_SPACE : TAIL_NONE;
	}
	return TAIL_SPACE;
}

/* the TJ array of a text box into c->tj.  Offsets are in 1/1000 em and
 * subtracted from the position: kerning k (negative = closer) is -k, extra
 * space after U+0020 is -ws*1000/size. */
static void pdf_tj(struct pdfctx *c, const struct box *b, size_t n, enum pdf_tail tail)
{
	const struct font *f = &c->pd->fonts->face[b->face];
	double ws = b->wordspace * 1000.0 / b->size;
	struct buf *tj = &c->tj;
	tj->len = 0;
	buf_putc(tj, '[');
	int open = 0, first = 1, kern = c->pd->kern;
	uint32_t prev = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int k = utf8_decode(b->text + i, n - i, &cp);
		/* layout validated the text; should anything else slip through,
		 * draw nothing for it, exactly as font_width measured it: an
		 * invalid byte is skipped, a code point beyond the BMP (which
		 * two-byte codes cannot carry) also breaks the kerning pair */
		if (!k) {
			i++;
			continue;
		}
		i += (size_t)k;
		if (cp > 0xffff) {
			kern = 0;
			continue;
		}
		double adj = 0;
		if (!first && kern)
			adj -= font_kern(f, prev, cp);
		kern = c->pd->kern;
		if (!first && prev == ' ')
			adj -= ws;
		if (llround(adj * 100) != 0) {
			if (open)
				buf_putc(tj, ')');
			buf_putc(tj, ' ');
			pdf_num(tj, adj);
			buf_putc(tj, ' ');
			open = 0;
		}
		if (!open)
			buf_putc(tj, '(');
		open = 1;
		pdfx_code(tj, cp);
		prev = cp;
		first = 0;
	}
	if (tail == TAIL_SPACE) {
		if (!open)
			buf_putc(tj, '(');
		pdfx_code(tj, ' ');
		open = 1;
	}
	if (open)
		buf_putc(tj, ')');
	/* a trailing space is widened too, so the drawn advance equals box.w */
	if (prev == ' ' && llround(ws * 100) != 0) {
		buf_putc(tj, ' ');
		pdf_num(tj, -ws);
	}
	buf_puts(tj, "] TJ\n");
}

/* a text object showing c->tj at (x, y): BT and ET come from libharu so
 * its graphics-mode bookkeeping stays right; only the TJ array in between
 * is written raw */
static void pdf_textobj(struct pdfctx *c, HPDF_Page page, HPDF_Font font, const struct box *b,
	double x, double y)
{
	HPDF_Page_BeginText(page);
	if (font != c->curfont || b->size != c->cursize)
		HPDF_Page_SetFontAndSize(page, font, (HPDF_REAL)b->size);
	c->curfont = font;
	c->cursize = b->size;
	/* Td written directly: libharu's costs more than the text run itself
	 * and tracks a text position that nothing here reads */
	char td[80];
	int n = pdfx_num(td, x, 4);
	td[n++] = ' ';
	n += pdfx_num(td + n, y, 4);
	memcpy(td + n, " Td\n", 4);
	pdfx_raw(page, td, (size_t)n + 4);
	if (b->invisible) {
		/* a symbol's word: not painted (3 Tr), squeezed into its width */
		double nat = font_width(&c->pd->fonts->face[b->face], b->text, (size_t)b->len,
			c->pd->kern) * b->size / 1000.0;
		char op[64];
		snprintf(op, sizeof(op), "3 Tr %.3f Tz\n", nat > 0 ? 100.0 * b->w / nat : 100.0);
		pdfx_raw(page, op, strlen(op));
	}
	if (!c->err)
		pdfx_raw(page, c->tj.s, c->tj.len);
	if (b->invisible)
		pdfx_raw(page, "0 Tr 100 Tz\n", 12);
	HPDF_Page_EndText(page);
}

/* a text run on page index p; -1 when the font could not be loaded (reported) */
static int pdf_text(struct pdfctx *c, int p, HPDF_Page page, const struct page *pg,
	const struct box *b, enum pdf_tail tail)
{
	if (b->len == 0)
		return 0;
	/* pdf_fonts loaded every face with text */
	HPDF_Font font = c->font[b->face];
	if (!font) {
		diag_error(c->dg, (struct pos){0}, "text in face %d, which has no font", b->face);
		return -1;
	}
	const struct font *f = &c->pd->fonts->face[b->face];
	/* a face without a space glyph would show its .notdef box */
	if (tail == TAIL_SPACE && !font_glyph(f, ' '))
		tail = TAIL_NONE;
	pdfx_fill(page, &c->gs, b->color);
	size_t n = (size_t)b->len - (tail == TAIL_HYPHEN);
	pdf_tj(c, b, n, tail);
	pdf_textobj(c, page, font, b, b->x, pg->h - b->y);
	if (tail != TAIL_HYPHEN)
		return 0;
	/* a hyphen that hyphenation added is no part of the word: an
	 * artifact, in a text object of its own at the end of the run (a
	 * marked-content sequence may not end inside a text object) */
	struct box art = { .tag = -1, .artifact = ART_LAYOUT };
	pdfx_tags_mark(c->tags, p, page, &art);
	c->tj.len = 0;
	buf_putc(&c->tj, '[');
	buf_putc(&c->tj, '(');
	pdfx_code(&c->tj, '-');
	buf_puts(&c->tj, ")] TJ\n");
	pdf_textobj(c, page, font, b, b->x + b->w - font_advance(f, '-') * b->size / 1000.0,
		pg->h - b->y);
	return 0;
}

static void pdf_rect(struct pdfctx *c, HPDF_Page page, const struct page *pg,
	const struct box *b)
{
	pdfx_fill(page, &c->gs, b->color);
	HPDF_Page_Rectangle(page, (HPDF_REAL)b->x, (HPDF_REAL)(pg->h - b->y - b->h),
		(HPDF_REAL)b->w, (HPDF_REAL)b->h);
	HPDF_Page_Fill(page);
}

/* a URI as libharu must get it: printable ASCII, the rest percent-encoded */
static char *pdf_uri(const char *uri)
{
	struct buf b = {0};
	for (const unsigned char *u = (const unsigned char *)uri; *u; u++) {
		if (*u > 0x20 && *u < 0x7f && *u != '(' && *u != ')' && *u != '\\')
			buf_putc(&b, *u);
		else
			buf_printf(&b, "%%%02X", *u);
	}
	return buf_take(&b);
}

/* a FitH destination at y (from the top) on page index p: "keep zoom"
 * XYZ is out because libharu rejects zoom 0 and poisons the document */
static HPDF_Destination pdf_dest(struct pdfctx *c, int p, double y)
{
	return pdfx_dest(c->pdf, c->pages[p], c->pd->page[p].h - y);
}

static void pdf_link(struct pdfctx *c, int p, HPDF_Page page, const struct page *pg,
	const struct box *b)
{
	HPDF_Rect r = { (HPDF_REAL)b->x, (HPDF_REAL)(pg->h - b->y - b->h),
		(HPDF_REAL)(b->x + b->w), (HPDF_REAL)(pg->h - b->y) };
	HPDF_Annotation a = NULL;
	if (b->uri) {
		char *uri = pdf_uri(b->uri);
		a = HPDF_Page_CreateURILinkAnnot(page, r, uri);
		free(uri);
	} else {
		HPDF_Destination dst = pdf_dest(c, b->dest_page, b->dest_y);
		if (dst)
			a = HPDF_Page_CreateLinkAnnot(page, r, dst);
	}
	if (!a)
		return;
	HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
	pdfx_linktext(c->pd, pg, b, &c->txt);
	int key = c->tags ? pdfx_tags_link(c->tags, p, a, b) : -1;
	pdfx_annot(c->pdf, a, c->txt.s, key);
}

static int pdf_page(struct pdfctx *c, int i)
{
	const struct page *pg = &c->pd->page[i];
	HPDF_Page page = c->pages[i];
	/* a new content stream starts from the PDF defaults */
	c->curfont = NULL;
	c->cursize = 0;
	pdfx_gs_reset(&c->gs);
	for (int j = 0; j < pg->nbox; j++) {
		const struct box *b = &pg->box[j];
		const char *problem = pdf_box_problem(c->pd, pg, b);
		if (problem) {
			diag_error(c->dg, (struct pos){0}, "page %d, box %d: %s", i + 1,
				j + 1, problem);
			return -1;
		}
		/* links are annotations, not content; an empty run draws nothing */
		if (c->tags && b->type != BOX_LINK && !(b->type == BOX_TEXT && b->len == 0))
			pdfx_tags_mark(c->tags, i, page, b);
		switch (b->type) {
		case BOX_TEXT:
			if (pdf_text(c, i, page, pg, b, c->tags && b->tag >= 0 ? pdf_tail(pg, j) :
				TAIL_NONE) < 0)
				return -1;
			break;
		case BOX_RULE:
			pdfx_rule(page, &c->gs, pg->h, b);
			break;
		case BOX_RECT:
			pdf_rect(c, page, pg, b);
			break;
		case BOX_LINK:
			pdf_link(c, i, page, pg, b);
			break;
		case BOX_SHAPE:
			pdfx_shape(page, &c->gs, pg->h, b);
			break;
		case BOX_PATH:
			pdfx_path(page, &c->gs, pg->h, b);
			break;
		}
		if (c->err) {
			char what[64];
			snprintf(what, sizeof(what), "cannot draw page %d, box %d", i + 1, j + 1);
			pdf_failed(c, what);
			return -1;
		}
	}
	if (c->tags)
		pdfx_tags_endpage(c->tags, page);
	return 0;
}

static int pdf_pages(struct pdfctx *c)
{
	const struct pdoc *pd = c->pd;
	c->pages = xcalloc((size_t)pd->npage, sizeof(*c->pages));
	/* all pages first: links and outline entries point forwards */
	for (int i = 0; i < pd->npage; i++) {
		const struct page *pg = &pd->page[i];
		if (!(pg->w >= HPDF_MIN_PAGE_SIZE && pg->w <= HPDF_MAX_PAGE_SIZE &&
			pg->h >= HPDF_MIN_PAGE_SIZE && pg->h <= HPDF_MAX_PAGE_SIZE)) {
			diag_error(c->dg, (struct pos){0},
				"page %d: size %gx%g out of range (3 to 14400 points)",
				i + 1, pg->w, pg->h);
			return -1;
		}
		c->pages[i] = HPDF_AddPage(c->pdf);
		if (c->pages[i]) {
			HPDF_Page_SetWidth(c->pages[i], (HPDF_REAL)pg->w);
			HPDF_Page_SetHeight(c->pages[i], (HPDF_REAL)pg->h);
		}
		if (pdf_failed(c, "cannot add a page"))
			return -1;
	}
	for (int i = 0; i < pd->npage; i++)
		if (pdf_page(c, i) < 0)
			return -1;
	return 0;
}

static int pdf_outline(struct pdfctx *c)
{
	const struct pdoc *pd = c->pd;
	HPDF_Encoder enc = HPDF_GetEncoder(c->pdf, "UTF-8");
	HPDF_Outline stack[PDF_MAXLEVEL + 1] = {0};
	int depth = 0;
	for (int i = 0; i < pd->noutline; i++) {
		const struct outline *o = &pd->outline[i];
		const char *title = o->title ? o->title : "";
		if (o->page < 0 || o->page >= pd->npage ||
			!pdf_coord_ok(pd->page[o->page].h - o->y) ||
			utf8_check(title, strlen(title)) >= 0) {
			diag_error(c->dg, (struct pos){0},
				"outline entry %d: bad page, position or UTF-8", i + 1);
			return -1;
		}
		/* a skipped level (1 -> 3) nests under the deepest entry */
		int level = o->level < 1 ? 1 : o->level > PDF_MAXLEVEL ? PDF_MAXLEVEL : o->level;
		if (level > depth + 1)
			level = depth + 1;
		HPDF_Outline ol = HPDF_CreateOutline(c->pdf, level > 1 ? stack[level - 1] : NULL,
			title, enc);
		if (ol) {
			HPDF_Outline_SetOpened(ol, level == 1);
			HPDF_Destination dst = pdf_dest(c, o->page, o->y);
			if (dst)
				HPDF_Outline_SetDestination(ol, dst);
		}
		if (pdf_failed(c, "cannot create the outline"))
			return -1;
		stack[level] = ol;
		depth = level;
	}
	if (pd->noutline > 0)
		HPDF_SetPageMode(c->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	return pdf_failed(c, "cannot create the outline") ? -1 : 0;
}

/* /PageLabels from the printed page numbers: a run of pages numbered on
 * in one style becomes one range; other labels become fixed-text ranges.
 * A plain 1..n document gets a single decimal range from page 0. */
static int pdf_labels(struct pdfctx *c)
{
	const struct pdoc *pd = c->pd;
	const char *pstyle = NULL, *plabel = NULL;
	int pnum = 0;
	for (int i = 0; i < pd->npage; i++) {
		char def[16];
		const char *label = pd->page[i].label;
		if (!label) {
			snprintf(def, sizeof(def), "%d", i + 1);
			label = def;
		}
		if (utf8_check(label, strlen(label)) >= 0) {
			diag_error(c->dg, (struct pos){0}, "page %d: label is not UTF-8", i + 1);
			return -1;
		}
		int num = 0;
		const char *style = pdfx_label_style(label, &num);
		int cont = i > 0 && (style ? pstyle && strcmp(style, pstyle) == 0 && num == pnum + 1
			: !pstyle && strcmp(label, plabel) == 0);
		if (!cont)
			pdfx_label(c->pdf, i, style, num, style ? NULL : label);
		if (pdf_failed(c, "cannot write page labels"))
			return -1;
		pstyle = style;
		pnum = num;
		plabel = pd->page[i].label ? pd->page[i].label : "";
	}
	return 0;
}

static int pdf_info(struct pdfctx *c)
{
	const struct pinfo *in = &c->pd->info;
	const struct {
		HPDF_InfoType type;
		const char *value;
	} attr[] = {
		{ HPDF_INFO_TITLE, in->title },
		{ HPDF_INFO_AUTHOR, in->author },
		{ HPDF_INFO_SUBJECT, in->subject },
		{ HPDF_INFO_KEYWORDS, in->keywords },
		{ HPDF_INFO_CREATOR, in->creator },
	};
	for (size_t i = 0; i < sizeof(attr) / sizeof(attr[0]); i++) {
		const char *v = attr[i].value;
		if (!v || !*v)
			continue;
		if (utf8_check(v, strlen(v)) >= 0) {
			diag_error(c->dg, (struct pos){0}, "document information is not UTF-8");
			return -1;
		}
		HPDF_SetInfoAttr(c->pdf, attr[i].type, v);
	}
	HPDF_SetInfoAttr(c->pdf, HPDF_INFO_PRODUCER, PDF_PRODUCER);
	/* dates from the input, never the clock, so output is reproducible */
	time_t t = (time_t)in->date;
	struct tm tm;
	if ((long long)t != in->date || !gmtime_r(&t, &tm) || tm.tm_year < -1899 ||
		tm.tm_year > 8099) {
		diag_error(c->dg, (struct pos){0}, "document date %lld out of range", in->date);
		return -1;
	}
	HPDF_Date d = { tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		tm.tm_min, tm.tm_sec, '+', 0, 0 };
	HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_CREATION_DATE, d);
	HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_MOD_DATE, d);
	const char *lang = in->lang;
	if (lang && (strlen(lang) > 35 || strspn(lang, "abcdefghijklmnopqrstuvwxyz"
		"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != strlen(lang))) {
		diag_error(c->dg, (struct pos){0}, "language tag \"%s\" is not a BCP 47 tag", lang);
		return -1;
	}
	pdfx_catalog(c->pdf, lang);
	return pdf_failed(c, "cannot write document information") ? -1 : 0;
}

static int pdf_fixfonts(struct pdfctx *c)
{
	for (int i = 0; i < FACE_MAX; i++) {
		/* once per font, with the code points of all its faces */
		int dup = 0;
		for (int j = 0; j < i; j++)
			dup |= c->font[i] && c->font[j] == c->font[i];
		if (c->font[i] && !dup)
			pdfx_fix_font(c->pdf, c->font[i], c->want[i], c->pdfa);
	}
	return pdf_failed(c, "cannot complete the embedded fonts") ? -1 : 0;
}

/* the structure tree, when the pdoc has one */
static int pdf_tagtree(struct pdfctx *c)
{
	if (c->tags)
		pdfx_tags_finish(c->tags, c->pages);
	return pdf_failed(c, "cannot write the structure tree") ? -1 : 0;
}

/* PDF/A-1b: OutputIntent, XMP and /ID */
static int pdf_pdfa(struct pdfctx *c, const char *icc)
{
	pdfx_output_intent(c->pdf, icc);
	char what[512];
	snprintf(what, sizeof(what), "cannot embed the ICC profile %s", icc);
	if (pdf_failed(c, what))
		return -1;
	unsigned char id[16];
	pdfx_digest(c->pd, id);
	pdfx_xmp(c->pdf, &c->pd->info, PDF_PRODUCER, c->tags != NULL);
	pdfx_id(c->pdf, id);
	return pdf_failed(c, "cannot write the PDF/A metadata") ? -1 : 0;
}

/* "cannot write path: reason" for a system error (strerror is not thread-safe) */
static void pdf_syserr(struct pdfctx *c, const char *path, int err)
{
	char msg[128];
	if (strerror_r(err, msg, sizeof(msg)) != 0)
		snprintf(msg, sizeof(msg), "error %d", err);
	diag_error(c->dg, (struct pos){0}, "cannot write %s: %s", path, msg);
}

static int pdf_writeall(int fd, const unsigned char *p, size_t n)
{
	while (n > 0) {
		ssize_t k = write(fd, p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			if (k == 0)
				errno = EIO;
			return -1;
		}
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* serialise into libharu's memory stream, then copy it to fd */
static int pdf_save(struct pdfctx *c, int fd, const char *path)
{
	HPDF_SaveToStream(c->pdf);
	if (pdf_failed(c, "cannot serialise the PDF"))
		return -1;
	HPDF_UINT32 left = HPDF_GetStreamSize(c->pdf);
	unsigned char chunk[65536];
	while (left > 0) {
		/* ask for exactly what is left: reading past the end is an error */
		HPDF_UINT32 n = left < sizeof(chunk) ? left : (HPDF_UINT32)sizeof(chunk);
		HPDF_ReadFromStream(c->pdf, chunk, &n);
		if (pdf_failed(c, "cannot serialise the PDF"))
			return -1;
		if (n == 0) {
			diag_error(c->dg, (struct pos){0}, "cannot write %s: short read from libharu", path);
			return -1;
		}
		if (pdf_writeall(fd, chunk, n) < 0) {
			pdf_syserr(c, path, errno);
			return -1;
		}
		left -= n;
	}
	return 0;
}

/* write to path + ".tmpXXXXXX" beside the target, then rename over it */
static int pdf_commit(struct pdfctx *c, const char *path)
{
	struct buf tmp = {0};
	buf_printf(&tmp, "%s.tmpXXXXXX", path);
	int fd = mkstemp(tmp.s);
	if (fd < 0) {
		pdf_syserr(c, path, errno);
		buf_free(&tmp);
		return -1;
	}
	/* mkstemp makes 0600; keep the mode of a file being replaced, else
	 * the usual 0644 (reading the umask is not thread-safe) */
	struct stat st;
	mode_t mode = stat(path, &st) == 0 ? st.st_mode & 07777 : 0644;
	int rc = pdf_save(c, fd, path);
	if (rc == 0 && fchmod(fd, mode) < 0) {
		pdf_syserr(c, path, errno);
		rc = -1;
	}
	if (close(fd) < 0 && rc == 0) {
		pdf_syserr(c, path, errno);
		rc = -1;
	}
	if (rc == 0 && rename(tmp.s, path) < 0) {
		pdf_syserr(c, path, errno);
		rc = -1;
	}
	if (rc < 0)
		unlink(tmp.s);
	buf_free(&tmp);
	return rc;
}

int pdf_write(const struct pdoc *pd, const char *path, const struct pdfopt *opt,
	struct diag *dg)
{
	struct pos nopos = {0};
	int pdfa = opt && opt->pdfa;
	if (pdfa && !opt->icc) {
		diag_error(dg, nopos, "cannot write %s: PDF/A needs an ICC profile", path);
		return -1;
	}
	if (pd->npage < 1) {
		diag_error(dg, nopos, "cannot write %s: the document has no pages", path);
		return -1;
	}
	char msg[160];
	if (pdfx_tags_problem(pd, msg, sizeof(msg))) {
		diag_error(dg, nopos, "cannot write %s: %s", path, msg);
		return -1;
	}
	struct pdfctx c = { .pd = pd, .dg = dg, .pdfa = pdfa };
	c.pdf = HPDF_New(pdf_onerror, &c);
	if (!c.pdf) {
		diag_error(dg, nopos, "cannot write %s: out of memory", path);
		return -1;
	}
	int rc = -1;
	HPDF_SetCompressionMode(c.pdf, HPDF_COMP_ALL);
	/* the encoder must be current before info strings and outline titles,
	 * or libharu writes their UTF-8 bytes as PDFDocEncoding */
	HPDF_UseUTFEncodings(c.pdf);
	HPDF_SetCurrentEncoder(c.pdf, "UTF-8");
	if (pdf_failed(&c, "cannot set up libharu"))
		goto out;
	c.tags = pdfx_tags_new(pd, c.pdf);
	if (pdf_info(&c) < 0 || pdf_fonts(&c) < 0 || pdf_pages(&c) < 0 ||
		pdf_outline(&c) < 0 || pdf_labels(&c) < 0 || pdf_tagtree(&c) < 0 ||
		pdf_fixfonts(&c) < 0 ||
		(pdfa && pdf_pdfa(&c, opt->icc) < 0))
		goto out;
	rc = pdf_commit(&c, path);
out:
	HPDF_Free(c.pdf);
	pdfx_tags_free(c.tags);
	for (int i = 0; i < FACE_MAX; i++)
		free(c.want[i]);
	free(c.pages);
	buf_free(&c.tj);
	buf_free(&c.txt);
	return rc;
}
