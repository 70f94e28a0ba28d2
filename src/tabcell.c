/*
 * tabcell: the cells of a table.  A cell's content — plain text from the
 * data, a formatted number, or rich content from the report (inline text,
 * paragraphs, lists) — becomes paragraphs of Knuth–Plass items (para.c) in
 * the table style's size, which tablay.c measures (the widest piece that
 * cannot break, with and without hyphenation, and the widest line) and
 * then sets at the width it chose, as boxes relative to the cell, with the
 * top and bottom of every line so that a tall row can be cut between lines.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

static struct tpar *tcell_par(struct tlay *L, struct tcont *c, double indent, double gap)
{
	c->p = xgrow(c->p, sizeof(*c->p), c->n + 1, &c->cap);
	struct tpar *tp = &c->p[c->n++];
	memset(tp, 0, sizeof(*tp));
	para_init(&tp->p, L->f->lay, &L->f->pd->mem, L->f->dg, 1);
	tp->p.hyph = L->f->hyph;
	tp->p.pd = L->f->pd;	/* inline symbols get Span elements */
	tp->indent = indent;
	tp->gap = gap;
	return tp;
}

/* plain text; a line break in the data starts a new paragraph */
static void tcell_text(struct tlay *L, struct tcont *c, const char *s, int face, struct pos pos)
{
	do {
		const char *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		struct tpar *tp = tcell_par(L, c, 0, 0);
		para_text(&tp->p, s, n, face, &L->cst, c->tag, -1, pos);
		para_finish(&tp->p, &L->cst);
		s = e ? e + 1 : NULL;
	} while (s);
}

/* paragraphs and lists of a cell; lists nest with the layout's indent */
static void tcell_blocks(struct tlay *L, struct tcont *c, const struct node *n, int face,
	double indent, int depth)
{
	const struct layout *lay = L->f->lay;
	for (const struct node *k = n->first; k; k = k->next) {
		double gap = c->n ? L->cst.leading * 0.4 : 0;
		if (k->type == N_PARA) {
			struct tpar *tp = tcell_par(L, c, indent, gap);
			para_inlines(&tp->p, k, face, &L->cst, c->tag, L->f->d);
			para_finish(&tp->p, &L->cst);
			continue;
		}
		if (k->type != N_LIST || depth > 8)
			continue;
		int num = k->start > 0 ? k->start : 1;
		for (const struct node *it = k->first; it; it = it->next, num++) {
			char lab[32];
			if (k->list == LIST_BULLET)
				snprintf(lab, sizeof(lab), "%s", lay->bullet[depth % 3]);
			else if (k->list == LIST_NUMBER)
				snprintf(lab, sizeof(lab), "%d.", num);
			else
				snprintf(lab, sizeof(lab), "%c)", 'a' + (num - 1) % 26);
			double li = L->cst.size * 1.2;
			const struct node *p = it->first;
			struct tpar *tp = tcell_par(L, c, indent + li, c->n ? L->cst.leading * 0.2 : 0);
			tp->label = flow_label(L->f, lab, &L->cst, face, indent, c->tag);
			if (p && p->type == N_PARA) {
				para_inlines(&tp->p, p, face, &L->cst, c->tag, L->f->d);
				p = p->next;
			}
			para_finish(&tp->p, &L->cst);
			struct node sub = { .first = (struct node *)p };
			tcell_blocks(L, c, &sub, face, indent + li, depth + 1);
		}
	}
}

/* the widest piece between break points, without and with hyphenation,
 * and the widest line between forced breaks */
static void tcell_measure(const struct para *p, double *mn, double *hmn, double *mx)
{
	double seg = 0, hseg = 0, line = 0;
	for (int i = 0; i < p->n; i++) {
		const struct item *it = &p->it[i];
		int brk = 0;
		if (it->type == IT_BOX) {
			seg += it->width;
			hseg += it->width;
			line += it->width;
			continue;
		}
		if (it->type == IT_GLUE) {
			brk = i > 0 && p->it[i - 1].type == IT_BOX;
			line += it->width;
		} else if (it->penalty < BRK_INF) {
			if (it->flagged && it->width > 0) {
				/* a hyphenation point: a break only when hyphenating */
				*hmn = fmax(*hmn, hseg + it->width);
				hseg = 0;
				continue;
			}
			brk = 1;
		}
		if (brk) {
			*mn = fmax(*mn, seg);
			*hmn = fmax(*hmn, hseg);
			seg = hseg = 0;
		}
		if (it->type == IT_PENALTY && it->penalty <= -BRK_INF) {
			*mx = fmax(*mx, line);
			line = 0;
		}
	}
	*mn = fmax(*mn, seg);
	*hmn = fmax(*hmn, hseg);
	*mx = fmax(*mx, line);
}

/* split a number's text at its decimal mark (or where its digits end) */
static size_t tcell_intlen(const char *s, char point)
{
	size_t i = 0, end = 0;
	for (; s[i]; i++) {
		if (s[i] == point && i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
			return i;
		if (s[i] >= '0' && s[i] <= '9')
			end = i + 1;
	}
	return end;
}

/* build the content of a cell at the current size */
void tcell_content(struct tlay *L, struct tcont *c, const struct tcell *cell,
	const struct tcol *col, int face, int numeric)
{
	const struct fontset *fs = &L->f->lay->fonts;
	c->face = face;
	if (numeric && cell->has && cell->text && col->align == TA_DECIMAL && cell->colspan == 1) {
		c->number = 1;
		c->num = flow_label(L->f, cell->text, &L->cst, face, 0, c->tag);
		size_t k = tcell_intlen(cell->text, col->fmt.point == '.' ? '.' : ',');
		c->intw = font_width(&fs->face[c->num.run[0].b.face], cell->text, k, 1) *
			L->cst.size / 1000.0;
		c->min = c->hmin = c->max = c->num.run[0].b.w;
		return;
	}
	if (cell->node && cell->node->type == N_CELL) {
		tcell_blocks(L, c, cell->node, face, 0, 0);
	} else if (cell->node) {
		struct tpar *tp = tcell_par(L, c, 0, 0);
		para_inlines(&tp->p, cell->node, face, &L->cst, c->tag, L->f->d);
		para_finish(&tp->p, &L->cst);
	} else {
		tcell_text(L, c, cell->text ? cell->text : "", face, cell->pos);
	}
	for (int i = 0; i < c->n; i++) {
		double mn = 0, hmn = 0, mx = 0;
		tcell_measure(&c->p[i].p, &mn, &hmn, &mx);
		c->min = fmax(c->min, mn + c->p[i].indent);
		c->hmin = fmax(c->hmin, hmn + c->p[i].indent);
		c->max = fmax(c->max, mx + c->p[i].indent);
	}
}

void tcell_free(struct tcont *c)
{
	for (int i = 0; i < c->n; i++) {
		para_free(&c->p[i].p);
		free(c->p[i].label.run);
	}
	free(c->p);
	free(c->num.run);
	int tag = c->tag;
	memset(c, 0, sizeof(*c));
	c->tag = tag;
}

/* ---- boxes ---- */

struct vbox *tcell_box(struct trs *rs, double top)
{
	int cap = rs->cap;
	rs->b = xgrow(rs->b, sizeof(*rs->b), rs->nb + 1, &cap);
	rs->top = xrealloc(rs->top, sizeof(*rs->top) * (size_t)cap);
	rs->cap = cap;
	struct vbox *b = &rs->b[rs->nb];
	rs->top[rs->nb++] = top;
	flow_boxinit(b);
	return b;
}

static void tcell_line(struct trs *rs, double top, double bot, int cell)
{
	int cap = rs->capl;
	rs->lt = xgrow(rs->lt, sizeof(*rs->lt), rs->nl + 1, &cap);
	rs->lb = xrealloc(rs->lb, sizeof(*rs->lb) * (size_t)cap);
	rs->lc = xrealloc(rs->lc, sizeof(*rs->lc) * (size_t)cap);
	rs->capl = cap;
	rs->lt[rs->nl] = top;
	rs->lb[rs->nl] = bot;
	rs->lc[rs->nl++] = cell;
}

void tcell_freers(struct trs *rs)
{
	free(rs->b);
	free(rs->top);
	free(rs->lt);
	free(rs->lb);
	free(rs->lc);
	memset(rs, 0, sizeof(*rs));
}

void tcell_rule(struct trs *rs, double x, double y, double w, double lw, struct rgb c)
{
	if (lw <= 0 || w <= 0)
		return;
	struct vbox *b = tcell_box(rs, y);
	b->b.type = BOX_RULE;
	b->b.x = x;
	b->b.y = y;
	b->b.w = w;
	b->b.lw = lw;
	b->b.color = c;
}

/* set content c in width w at (x, y) of rs; returns its height.  With
 * dry set, only measures. */
/* a cell line wider than its column: name the widest word for the quality
 * report; the row being set becomes the next item of the list, so the note
 * points there to get its page right */
static void tcell_overfull(struct tlay *L, const struct para *p, const struct brkres *r,
	int l, double mw)
{
	int from = brk_linestart(p->it, p->n, l ? r->brk[l - 1] : -1), wide = -1;
	for (int i = from; i < r->brk[l]; i++)
		if (p->it[i].type == IT_BOX && p->it[i].text &&
				(wide < 0 || p->it[i].width > p->it[wide].width))
			wide = i;
	if (wide < 0)
		return;
	struct vlist *vl = L->f->vl;
	flow_note(vl, L->t->n->pos, "table cell: the word '%.*s' is wider than its column (%.1f pt > %.1f pt)",
		p->it[wide].len, p->it[wide].text, p->it[wide].width, mw);
	vl->note[vl->nnote - 1].item = vl->n;
}

double tcell_set(struct tlay *L, struct tcont *c, double w, enum align al, double x,
	double y, struct trs *rs, int cell, int dry)
{
	double lead = L->cst.leading, base = flow_baseline(L->f, &L->cst), h = 0;
	if (c->number) {
		if (!dry) {
			struct vbox *b = tcell_box(rs, y);
			b->b = c->num.run[0].b;
			b->b.x = x;
			b->b.y = y + base;
			tcell_line(rs, y, y + lead, cell);
		}
		return lead;
	}
	for (int i = 0; i < c->n; i++) {
		struct tpar *tp = &c->p[i];
		double mw = fmax(w - tp->indent, 1);
		struct brkshape sh = { mw, mw, 1 };
		struct brkres r = {0};
		brk_lines(tp->p.it, tp->p.n, &sh, BRK_TOTALFIT, &r);
		h += tp->gap;
		for (int l = 0; l < r.nline; l++, h += lead) {
			if (dry)
				continue;
			double top = y + h;
			tcell_line(rs, top, top + lead, cell);
			if (l == 0)
				for (int k = 0; k < tp->label.nrun; k++) {
					struct vbox *b = tcell_box(rs, top);
					b->b = tp->label.run[k].b;
					b->b.x += x;
					b->b.y = top + base;
				}
			struct pline pl;
			para_setline(&tp->p, &r, l, al, mw, &pl, &L->f->pd->mem);
			if (pl.width > mw + 0.5)
				tcell_overfull(L, &tp->p, &r, l, mw);
			for (int k = 0; k < pl.nrun; k++) {
				struct vbox *b = tcell_box(rs, top);
				b->b = pl.run[k].b;
				b->b.x += x + tp->indent;
				b->b.y += top + base;	/* runs are relative to the baseline */
				int li = pl.run[k].link;
				if (li < 0)
					continue;
				struct vbox *lk = tcell_box(rs, top);
				lk->b.type = BOX_LINK;
				lk->b.x = b->b.x;
				lk->b.y = top;
				lk->b.w = b->b.w;
				lk->b.h = lead;
				lk->b.tag = b->b.tag;
				lk->b.uri = tp->p.link[li].uri;
				lk->target = tp->p.link[li].target;
			}
			free(pl.run);
		}
		brk_free(&r);
	}
	return h;
}
