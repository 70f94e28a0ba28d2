/*
 * para: build Knuth–Plass items from inline content and set broken lines.
 * Text arrives as collapsed UTF-8 from the document tree.  Each word becomes
 * one box per face it needs (a character the face lacks falls back to the
 * layout's fallback face); each space becomes glue.  Ragged-right text uses
 * the glue/penalty/glue pattern of Knuth and Plass so that total-fit evens
 * out the line ends; justified text uses stretchable spaces.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "para.h"
#include "symbol.h"
#include "utf8.h"

/* a ragged line may fall short by this many ems without much cost */
#define RAGGED_EMS 6.0
/* cost of breaking after an explicit hyphen inside a word */
#define HYPHEN_PENALTY 50

static struct item *para_item(struct para *p, enum item_type type)
{
	p->it = xgrow(p->it, sizeof(*p->it), p->n + 1, &p->cap);
	struct item *it = &p->it[p->n++];
	memset(it, 0, sizeof(*it));
	it->type = type;
	it->link = -1;
	it->tag = -1;
	return it;
}

void para_init(struct para *p, const struct layout *lay, struct arena *mem,
	struct diag *dg, int ragged)
{
	memset(p, 0, sizeof(*p));
	p->lay = lay;
	p->fs = &lay->fonts;
	p->mem = mem;
	p->dg = dg;
	p->kern = 1;
	p->ragged = ragged;
}

static double spacewidth(const struct para *p, int face, double size)
{
	return font_advance(&p->fs->face[face], ' ') * size / 1000.0;
}

/* glue for one interword space */
static void para_space(struct para *p, int face, const struct style *st)
{
	double sp = spacewidth(p, face, st->size);
	struct item *g;
	if (p->ragged) {
		double r = RAGGED_EMS * st->size;
		g = para_item(p, IT_GLUE);
		g->stretch = r;
		g->face = face;
		g->size = st->size;
		struct item *pen = para_item(p, IT_PENALTY);
		pen->face = face;
		pen->size = st->size;
		g = para_item(p, IT_GLUE);
		g->width = sp;
		g->stretch = -r;
	} else {
		g = para_item(p, IT_GLUE);
		g->width = sp;
		g->stretch = sp / 2;
		g->shrink = sp / 3;
	}
	g->face = face;
	g->size = st->size;
}

static void para_box(struct para *p, const char *s, size_t len, int face,
	const struct style *st, int tag, int link)
{
	struct item *b = para_item(p, IT_BOX);
	b->text = s;
	b->len = (int)len;
	b->face = face;
	b->size = st->size;
	b->color = st->color;
	b->tag = tag;
	b->link = link;
	b->width = font_width(&p->fs->face[face], s, len, p->kern) * st->size / 1000.0;
}

/* a place inside a word where the line may end with a hyphen of width w
 * (0 when the word already has one); ragged text keeps its stretch there */
static void para_hyphen(struct para *p, double w, int face, double size)
{
	struct item *it;
	double r = RAGGED_EMS * size;
	if (p->ragged) {
		para_item(p, IT_PENALTY)->penalty = BRK_INF;
		it = para_item(p, IT_GLUE);
		it->stretch = r;
	}
	it = para_item(p, IT_PENALTY);
	it->width = w;
	it->penalty = HYPHEN_PENALTY;
	it->flagged = 1;
	it->face = face;
	it->size = size;
	if (p->ragged) {
		it = para_item(p, IT_GLUE);
		it->stretch = -r;
	}
}

/* a word: one box per run of characters of one face (a character the face
 * lacks comes from the fallback face), with hyphenation points between them
 * where the patterns allow; soft hyphens are break points, never drawn */
static void para_word(struct para *p, const char *s, size_t len, int face,
	const struct style *st, int tag, int link, struct pos pos)
{
	unsigned char *marks = NULL;
	if (p->hyph && st->hyphenate && len <= HYPH_MAXWORD) {
		marks = xmalloc(len);
		if (!hyph_word(p->hyph, s, len, p->lay->hyphmin, p->lay->hyphleft,
				p->lay->hyphright, marks)) {
			free(marks);
			marks = NULL;
		}
	}
	size_t start = 0, i = 0;
	int cur = -1;
	while (i < len) {
		uint32_t cp;
		int k = utf8_decode(s + i, len - i, &cp);
		if (k <= 0)
			k = 1, cp = 0xfffd;
		if (cp == 0xad) {
			/* a soft hyphen: a break point, not a character */
			if (start < i)
				para_box(p, s + start, i - start, cur < 0 ? face : cur, st, tag, link);
			i += (size_t)k;
			start = i;
			if (!marks || marks[i - 1] == HYPH_INSERT)
				para_hyphen(p, font_advance(&p->fs->face[cur < 0 ? face : cur], '-') *
					st->size / 1000.0, cur < 0 ? face : cur, st->size);
			continue;
		}
		int f = fontset_pick(p->fs, face, cp);
		if (f < 0) {
			diag_error(p->dg, pos, "character U+%04X '%.*s' is in none of the layout's fonts",
				(unsigned)cp, k, s + i);
			p->missing++;
			f = face;
		}
		if (cur >= 0 && f != cur && start < i) {
			para_box(p, s + start, i - start, cur, st, tag, link);
			start = i;
		}
		cur = f;
		i += (size_t)k;
		if (i >= len)
			break;
		int brk = HYPH_NONE;
		if (marks)
			brk = marks[i - 1];
		else if (cp == '-' && start < i - 1 && (unsigned char)s[i] >= 'A')
			brk = HYPH_EXPLICIT;	/* "region-över" breaks after its hyphen */
		if (brk != HYPH_NONE) {
			para_box(p, s + start, i - start, cur, st, tag, link);
			double hw = brk == HYPH_INSERT ?
				font_advance(&p->fs->face[cur], '-') * st->size / 1000.0 : 0;
			para_hyphen(p, hw, cur, st->size);
			start = i;
		}
	}
	if (start < len)
		para_box(p, s + start, len - start, cur < 0 ? face : cur, st, tag, link);
	free(marks);
}

void para_text(struct para *p, const char *s, size_t len, int face,
	const struct style *st, int tag, int link, struct pos pos)
{
	size_t i = 0;
	while (i < len) {
		if (s[i] == ' ') {
			/* no space glue at the very start of a paragraph */
			if (p->n > 0 && p->it[p->n - 1].type == IT_BOX)
				para_space(p, face, st);
			i++;
			continue;
		}
		size_t j = i;
		while (j < len && s[j] != ' ')
			j++;
		para_word(p, s + i, j - i, face, st, tag, link, pos);
		i = j;
	}
}

static int para_link(struct para *p, const char *uri, int target)
{
	p->link = xgrow(p->link, sizeof(*p->link), p->nlink + 1, &p->caplink);
	p->link[p->nlink] = (struct plink){ .uri = uri, .target = target };
	return p->nlink++;
}

/* a Link structure element for the text of a link, inside tag */
static int para_linktag(struct para *p, int tag)
{
	return p->pd && tag >= 0 ? pdoc_selem(p->pd, "Link", tag) : tag;
}

static void para_inline(struct para *p, const struct node *n, int face,
	const struct style *st, int tag, int link, const struct doc *d)
{
	for (const struct node *c = n->first; c; c = c->next) {
		switch (c->type) {
		case N_TEXT:
			para_text(p, c->text, strlen(c->text), face, st, tag, link, c->pos);
			break;
		case N_SPAN:
			para_inline(p, c, face | c->emph, st, tag, link, d);
			break;
		case N_BR: {
			struct item *g = para_item(p, IT_GLUE);
			g->stretch = 1e5;
			struct item *pen = para_item(p, IT_PENALTY);
			pen->penalty = -BRK_INF;
			break;
		}
		case N_LINK:
			para_inline(p, c, face, st, para_linktag(p, tag), para_link(p, c->href, -1), d);
			break;
		case N_REF: {
			struct node *t = doc_find((struct doc *)d, c->href);
			if (!t)
				break;
			const char *s = t->number && t->num == NUM_SHOW ? t->number : NULL;
			char *title = NULL;
			if (!s) {
				title = doc_plaintext(doc_title(t));
				s = arena_strdup(p->mem, title);
				free(title);
			}
			para_text(p, s, strlen(s), face, st, para_linktag(p, tag),
				para_link(p, NULL, t->serial), c->pos);
			break;
		}
		case N_SYMBOL: {
			/* symbol_check has reported unknown ones; they are left out */
			const struct symdef *sym = symbol_find(symbol_set(p->lay,
				symbol_attr(c, "set")), symbol_attr(c, "value"));
			const char *w = symbol_attr(c, "word");
			if (sym)
				para_symbol(p, sym, face, st, tag, !w ? SYMWORD_HIDDEN :
					!strcmp(w, "yes") ? SYMWORD_SHOWN : !strcmp(w, "none") ?
					SYMWORD_NONE : SYMWORD_HIDDEN);
			break;
		}
		default:
			break;
		}
	}
}

void para_symbol(struct para *p, const struct symdef *sym, int face,
	const struct style *st, int tag, enum symword show)
{
	int span = tag;
	if (p->pd) {
		/* its own Span, so a screen reader says the word, not "graphic" */
		span = pdoc_selem(p->pd, "Span", tag);
		p->pd->selem[span].actual = arena_strdup(&p->pd->mem, sym->word);
	}
	double side, pad;
	symbol_metrics(p->lay, face, st->size, &side, &pad);
	struct item *b = para_item(p, IT_BOX);
	b->width = side + 2 * pad;
	b->sym = sym;
	b->face = face;
	b->size = st->size;
	b->color = sym->color;
	b->tag = span;
	if (show == SYMWORD_HIDDEN) {
		b->text = sym->word;
		b->len = (int)strlen(sym->word);
	}
	if (show != SYMWORD_SHOWN)
		return;
	/* a no-break space keeps the word with its symbol */
	struct buf w = {0};
	buf_printf(&w, "\u00a0%s", sym->word);
	const char *s = arena_strndup(p->mem, w.s, w.len);
	para_word(p, s, w.len, face, st, span, -1, (struct pos){0});
	buf_free(&w);
}

void para_inlines(struct para *p, const struct node *n, int face,
	const struct style *st, int tag, const struct doc *d)
{
	para_inline(p, n, face, st, tag, -1, d);
}

void para_kern(struct para *p, double w)
{
	/* a box keeps the space from being a break or being discarded */
	struct item *b = para_item(p, IT_BOX);
	b->width = w;
}

void para_finish(struct para *p, const struct style *st)
{
	(void)st;
	/* drop trailing spaces, then fill the last line */
	while (p->n > 0 && p->it[p->n - 1].type != IT_BOX)
		p->n--;
	/* the last word of a paragraph is never hyphenated, unless it is the
	 * only word (a heading in a narrow table column must still break) */
	int last = p->n - 1;
	while (last >= 0 && !(p->it[last].type == IT_GLUE && p->it[last].width > 0))
		last--;
	for (int i = p->n - 1; last >= 0 && i > last; i--)
		if (p->it[i].type == IT_PENALTY && p->it[i].flagged && p->it[i].width > 0)
			p->it[i].penalty = BRK_INF;
	struct item *pen = para_item(p, IT_PENALTY);
	pen->penalty = BRK_INF;
	struct item *g = para_item(p, IT_GLUE);
	g->stretch = 1e5;
	pen = para_item(p, IT_PENALTY);
	pen->penalty = -BRK_INF;
}

/* the run being built while setting a line */
struct runb {
	struct lrun r;		/* box so far */
	struct buf text;	/* its text */
	int nspace;		/* spaces inside the run */
	int open;		/* a run is being built */
	int wsknown;		/* r.b.wordspace has been fixed by a first space */
};

static void run_close(const struct para *p, struct runb *rb, struct pline *out,
	int *cap, struct arena *mem)
{
	if (!rb->open)
		return;
	struct box *b = &rb->r.b;
	b->text = arena_strndup(mem, rb->text.s, rb->text.len);
	b->len = (int)rb->text.len;
	b->w = font_width(&p->fs->face[b->face], b->text, (size_t)b->len, p->kern) * b->size / 1000.0
		+ b->wordspace * rb->nspace;
	out->run = xgrow(out->run, sizeof(*out->run), out->nrun + 1, cap);
	out->run[out->nrun++] = rb->r;
	rb->open = 0;
	rb->text.len = 0;
}

static int run_fits(const struct para *p, const struct runb *rb, const struct item *it,
	double gap)
{
	const struct box *b = &rb->r.b;
	if (!rb->open || b->face != it->face || b->size != it->size || b->tag != it->tag ||
			rb->r.link != it->link || memcmp(&b->color, &it->color, sizeof(b->color)))
		return 0;
	if (gap == 0)
		return 1;
	double ws = gap - spacewidth(p, it->face, it->size);
	if (ws < -0.01)
		return 0;
	return !rb->wsknown || fabs(ws - b->wordspace) < 0.01;
}

/* the runs of a symbol at x: its shape standing on the baseline (y is
 * relative to the baseline, which the line's setter adds), and its word as
 * invisible text in the symbol's width (the PDF writer squeezes it there;
 * at the text's own size, so extraction keeps it on the line) */
static void para_symrun(const struct para *p, const struct item *it, double x,
	struct pline *out, int *cap, struct arena *mem)
{
	double side, pad;
	symbol_metrics(p->lay, it->face, it->size, &side, &pad);
	out->run = xgrow(out->run, sizeof(*out->run), out->nrun + 2, cap);
	struct lrun *r = &out->run[out->nrun++];
	memset(r, 0, sizeof(*r));
	r->link = -1;
	r->b.type = BOX_SHAPE;
	r->b.shape = it->sym->shape;
	r->b.color = it->color;
	r->b.x = x + pad;
	r->b.y = -side;
	r->b.w = r->b.h = side;
	r->b.tag = it->tag;
	r->b.dest_page = -1;
	if (!it->text)
		return;
	r = &out->run[out->nrun++];
	memset(r, 0, sizeof(*r));
	r->link = -1;
	r->b.type = BOX_TEXT;
	r->b.invisible = 1;
	r->b.x = x;
	r->b.w = it->width;
	r->b.face = it->face;
	r->b.size = it->size;
	r->b.h = it->size;
	r->b.tag = it->tag;
	r->b.dest_page = -1;
	r->b.text = arena_strndup(mem, it->text, (size_t)it->len);
	r->b.len = it->len;
}

void para_setline(const struct para *p, const struct brkres *r, int line,
	enum align align, double measure, struct pline *out, struct arena *mem)
{
	int from = brk_linestart(p->it, p->n, line ? r->brk[line - 1] : -1);
	int to = r->brk[line];
	double ratio = align == ALIGN_JUSTIFY ? r->ratio[line] : 0;
	if (ratio > 0 && line == r->nline - 1)
		ratio = 0;
	int cap = 0;
	out->run = NULL;
	out->nrun = 0;
	struct runb rb = {0};
	double x = 0, gap = 0;
	for (int i = from; i < to; i++) {
		const struct item *it = &p->it[i];
		if (it->type == IT_GLUE) {
			gap += it->width + (ratio > 0 ? ratio * it->stretch : ratio * it->shrink);
			continue;
		}
		if (it->type != IT_BOX)
			continue;
		if (it->sym) {
			run_close(p, &rb, out, &cap, mem);
			para_symrun(p, it, x + gap, out, &cap, mem);
			x += gap + it->width;
			gap = 0;
			continue;
		}
		if (!it->text) {
			x += gap + it->width;
			gap = 0;
			run_close(p, &rb, out, &cap, mem);
			continue;
		}
		if (run_fits(p, &rb, it, gap)) {
			if (gap > 0) {
				if (!rb.wsknown) {
					rb.r.b.wordspace = gap - spacewidth(p, it->face, it->size);
					if (fabs(rb.r.b.wordspace) < 0.005)
						rb.r.b.wordspace = 0;
					rb.wsknown = 1;
				}
				buf_putc(&rb.text, ' ');
				rb.nspace++;
			}
			buf_put(&rb.text, it->text, (size_t)it->len);
		} else {
			run_close(p, &rb, out, &cap, mem);
			rb.open = 1;
			rb.wsknown = 0;
			rb.nspace = 0;
			memset(&rb.r, 0, sizeof(rb.r));
			rb.r.b.type = BOX_TEXT;
			rb.r.b.x = x + gap;
			rb.r.b.face = it->face;
			rb.r.b.size = it->size;
			rb.r.b.h = it->size;
			rb.r.b.color = it->color;
			rb.r.b.tag = it->tag;
			rb.r.b.dest_page = -1;
			rb.r.link = it->link;
			buf_put(&rb.text, it->text, (size_t)it->len);
		}
		x += gap + it->width;
		gap = 0;
	}
	const struct item *bi = &p->it[to];
	if (bi->type == IT_PENALTY && bi->flagged && bi->width > 0 && rb.open) {
		buf_putc(&rb.text, '-');
		rb.r.b.hyphen = 1;
		x += bi->width;
	}
	run_close(p, &rb, out, &cap, mem);
	buf_free(&rb.text);
	out->width = x;
	double shift = 0;
	if (align == ALIGN_RIGHT)
		shift = measure - x;
	else if (align == ALIGN_CENTER)
		shift = (measure - x) / 2;
	for (int k = 0; k < out->nrun; k++)
		out->run[k].b.x += shift;
}

void para_free(struct para *p)
{
	free(p->it);
	free(p->link);
	p->it = NULL;
	p->link = NULL;
	p->n = p->nlink = 0;
}
