/*
 * tablay: setting a table.  The model comes from table.c; the layout's
 * table style gives sizes, faces, padding, rules and shading.  Every cell
 * becomes a few paragraphs (tabcell.c) that can be broken at any width, so
 * the column widths can be chosen like an automatic table layout: from the
 * widest unbreakable piece of each column (without, then with hyphenation)
 * and its width on one line.  A table that does not fit even so is set
 * again half a point smaller, down to the style's minimum size.
 *
 * In the vertical list the caption, the header (one box holding every
 * header row, marked for page.c to repeat) and the body rows follow each
 * other; a page may end between rows, and inside a tall row at a line
 * boundary of all its cells, where the row is cut into slices that each
 * carry their part of the rules.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

/* ---- widths ---- */

/* what the cells of one column need, padding included */
struct tneed {
	double bh, bm, bx;	/* body: hyphenated and whole-word minimum, one line */
	double hh, hn;		/* headings: hyphenated and whole-word minimum */
};

/* build every cell's content at size s and choose the column widths;
 * returns how much too wide the table is (0 = it fits) */
static double tl_try(struct tlay *L, double s)
{
	struct table *t = L->t;
	const struct tstyle *ts = t->ts;
	L->cst.size = s;
	L->cst.leading = ts->leading * s / ts->size;
	L->padx = ts->padx;
	L->pady = ts->pady * s / ts->size;
	struct tneed *nd = xcalloc((size_t)t->ncol, sizeof(*nd));
	for (int c = 0; c < t->ncol; c++)
		t->col[c].intw = t->col[c].fracw = 0;
	for (int pass = 0; pass < 2; pass++) {
		/* pass 0: cells of one column; pass 1: spanning cells widen theirs */
		for (int h = 0; h < t->nhead + t->nbody; h++) {
			int head = h < t->nhead;
			struct trow *row = head ? &t->head[h] : &t->body[h - t->nhead];
			struct tcont *cc = head ? L->hc[h] : L->bc[h - t->nhead];
			int bold = !head && row->role >= TR_GROUP && row->role <= TR_LABEL;
			for (int i = 0; i < row->ncell; i++) {
				struct tcell *cell = &row->cell[i];
				struct tcol *col = &t->col[cell->col];
				if ((cell->colspan > 1) != pass)
					continue;
				int face = head ? ts->headface : ts->face | (bold ? FACE_BOLD : 0);
				tcell_free(&cc[i]);
				tcell_content(L, &cc[i], cell, col, face, !head && col->numeric);
				double extra = 2 * L->padx;
				if (!head && cell->col == 0 && row->role == TR_CHILD)
					extra += ts->indent;
				struct tneed *n = &nd[cell->col];
				if (cc[i].number) {
					col->intw = fmax(col->intw, cc[i].intw);
					col->fracw = fmax(col->fracw, cc[i].max - cc[i].intw);
					double nw = col->intw + col->fracw + extra;
					n->bh = fmax(n->bh, nw);
					n->bm = fmax(n->bm, nw);
					n->bx = fmax(n->bx, nw);
				} else if (!pass && head) {
					n->hh = fmax(n->hh, cc[i].hmin + extra);
					n->hn = fmax(n->hn, cc[i].min + extra);
				} else if (!pass) {
					n->bh = fmax(n->bh, cc[i].hmin + extra);
					n->bm = fmax(n->bm, cc[i].min + extra);
					n->bx = fmax(n->bx, cc[i].max + extra);
				} else {
					/* a spanning cell spreads what its columns lack evenly;
					 * only its minimum counts: it may wrap */
					double a = 0, b = 0;
					int k, e = cell->col + cell->colspan;
					for (k = cell->col; k < e; k++) {
						a += head ? nd[k].hh : nd[k].bh;
						b += head ? nd[k].hn : nd[k].bm;
					}
					double da = fmax(0, cc[i].hmin + extra - a) / cell->colspan;
					double db = fmax(0, cc[i].min + extra - b) / cell->colspan;
					for (k = cell->col; k < e; k++) {
						*(head ? &nd[k].hh : &nd[k].bh) += da;
						*(head ? &nd[k].hn : &nd[k].bm) += db;
					}
				}
			}
		}
	}
	struct tcolw *cw = xcalloc((size_t)t->ncol, sizeof(*cw));
	for (int c = 0; c < t->ncol; c++) {
		const struct tneed *n = &nd[c];
		cw[c].kind = t->col[c].wkind;
		cw[c].val = t->col[c].wval;
		cw[c].lv[0] = fmax(n->bh, n->hh);
		cw[c].lv[1] = fmax(n->bm, n->hh);
		cw[c].lv[2] = fmax(n->bx, n->hh);
		cw[c].lv[3] = fmax(n->bx, n->hn);
	}
	double *w = xcalloc((size_t)t->ncol, sizeof(*w));
	double over = table_widths(cw, t->ncol, L->avail, 1, w);
	double x = 0;
	for (int c = 0; c < t->ncol; c++) {
		t->col[c].x = x;
		t->col[c].w = w[c];
		x += w[c];
	}
	free(w);
	free(cw);
	free(nd);
	return over;
}

/* ---- rows ---- */

/* left edge and width of a cell's content */
static void tl_cellbox(const struct tlay *L, const struct trow *row, const struct tcell *cell,
	int head, double *x, double *w)
{
	const struct table *t = L->t;
	const struct tcol *a = &t->col[cell->col], *b = &t->col[cell->col + cell->colspan - 1];
	*x = a->x + L->padx;
	*w = b->x + b->w - a->x - 2 * L->padx;
	if (!head && cell->col == 0 && row->role == TR_CHILD) {
		*x += t->ts->indent;
		*w -= t->ts->indent;
	}
}

static enum align tl_align(const struct table *t, const struct tcell *cell, int head)
{
	int a = cell->align;
	if (a < 0 && head)
		a = cell->colspan > 1 ? TA_CENTER : t->col[cell->col].numeric ? TA_RIGHT : TA_LEFT;
	if (a < 0)
		a = t->col[cell->col].align;
	return a == TA_CENTER ? ALIGN_CENTER : a == TA_LEFT ? ALIGN_LEFT : ALIGN_RIGHT;
}

/* set the header rows as one block: cells sit at the bottom of the rows
 * they span; a cell spanning columns gets a rule under it */
static void tl_head(struct tlay *L, struct trs *rs)
{
	struct table *t = L->t;
	const struct tstyle *ts = t->ts;
	double rh[TABLE_MAXHEAD] = {0}, ry[TABLE_MAXHEAD + 1] = {0};
	for (int pass = 0; pass < 2; pass++)
		for (int y = 0; y < t->nhead; y++) {
			if (!pass)
				rh[y] = L->cst.leading + 2 * L->pady;
			for (int i = 0; i < t->head[y].ncell; i++) {
				struct tcell *cell = &t->head[y].cell[i];
				if ((cell->rowspan > 1) != pass)
					continue;
				double x, w, have = 0;
				tl_cellbox(L, &t->head[y], cell, 1, &x, &w);
				double need = tcell_set(L, &L->hc[y][i], w, ALIGN_LEFT, 0, 0, NULL, 0, 1) +
					2 * L->pady;
				int last = y + cell->rowspan - 1 < t->nhead ? y + cell->rowspan - 1 : t->nhead - 1;
				for (int k = y; k <= last; k++)
					have += rh[k];
				if (need > have)
					rh[last] += need - have;
			}
		}
	for (int y = 0; y < t->nhead; y++)
		ry[y + 1] = ry[y] + rh[y];
	double tw = t->col[t->ncol - 1].x + t->col[t->ncol - 1].w;
	rs->h = ry[t->nhead];
	if (ts->headshade) {
		struct vbox *b = tcell_box(rs, 0);
		b->b.type = BOX_RECT;
		b->b.w = tw;
		b->b.h = rs->h;
		b->b.color = ts->headfill;
	}
	int id = 0;
	for (int y = 0; y < t->nhead; y++)
		for (int i = 0; i < t->head[y].ncell; i++, id++) {
			struct tcell *cell = &t->head[y].cell[i];
			double x, w;
			tl_cellbox(L, &t->head[y], cell, 1, &x, &w);
			int last = y + cell->rowspan < t->nhead ? y + cell->rowspan : t->nhead;
			double ch = tcell_set(L, &L->hc[y][i], w, ALIGN_LEFT, 0, 0, NULL, 0, 1);
			tcell_set(L, &L->hc[y][i], w, tl_align(t, cell, 1), x, ry[last] - L->pady - ch,
				rs, id, 0);
			if (cell->colspan > 1 && last < t->nhead)
				tcell_rule(rs, x, ry[last], w, ts->rule > 0 ? ts->rule : 0.5, ts->rulecolor);
		}
	tcell_rule(rs, 0, 0, tw, ts->headrule, ts->rulecolor);
	tcell_rule(rs, 0, rs->h, tw, ts->headrule, ts->rulecolor);
}

/* set body row r; its rules are added when it is emitted */
static void tl_body(struct tlay *L, int r, struct trs *rs)
{
	struct table *t = L->t;
	struct trow *row = &t->body[r];
	if (row->role == TR_SPACER) {
		rs->h = L->cst.leading / 2;
		return;
	}
	double h = 0;
	for (int i = 0; i < row->ncell; i++) {
		struct tcell *cell = &row->cell[i];
		struct tcont *c = &L->bc[r][i];
		const struct tcol *col = &t->col[cell->col];
		double x, w;
		tl_cellbox(L, row, cell, 0, &x, &w);
		if (c->number)
			x = col->x + col->w - L->padx - col->fracw - c->intw;
		double ch = tcell_set(L, c, w, tl_align(t, cell, 0), x, L->pady, rs, i, 0);
		h = fmax(h, ch);
	}
	rs->h = fmax(h, L->cst.leading) + 2 * L->pady;
}

static int tl_cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* where a row may be cut: line ends that cut no line of any cell, leaving
 * the layout's orphans above and widows below (counted in the cell with
 * the most lines on each side).  One sweep down the row, O(lines × cells):
 * lines of a cell come in order, so per-cell counters only move forward. */
static int tl_cuts(const struct tlay *L, const struct trs *rs, double *cut)
{
	int nl = rs->nl, ncell = 0, n = 0, orph = L->f->lay->orphans, wid = L->f->lay->widows;
	if (nl == 0)
		return 0;
	for (int i = 0; i < nl; i++)
		ncell = rs->lc[i] + 1 > ncell ? rs->lc[i] + 1 : ncell;
	/* (top, bottom) pairs by top, and the candidate bottoms in order */
	double *tb = xmalloc(sizeof(*tb) * 2 * (size_t)nl), *y = xmalloc(sizeof(*y) * (size_t)nl);
	for (int i = 0; i < nl; i++) {
		tb[2 * i] = rs->lt[i];
		tb[2 * i + 1] = rs->lb[i];
		y[i] = rs->lb[i];
	}
	qsort(tb, (size_t)nl, 2 * sizeof(*tb), tl_cmpd);
	qsort(y, (size_t)nl, sizeof(*y), tl_cmpd);
	int *total = xcalloc((size_t)ncell, sizeof(*total));
	int *pos = xcalloc((size_t)ncell, sizeof(*pos));
	int *first = xcalloc((size_t)ncell + 1, sizeof(*first));
	int *line = xmalloc(sizeof(*line) * (size_t)nl);
	for (int i = 0; i < nl; i++)
		total[rs->lc[i]]++;
	for (int c = 0; c < ncell; c++)
		first[c + 1] = first[c] + total[c];
	for (int i = 0; i < nl; i++)
		line[first[rs->lc[i]] + pos[rs->lc[i]]++] = i;
	memset(pos, 0, sizeof(*pos) * (size_t)ncell);
	double deep = -HUGE_VAL;
	for (int i = 0, o = 0; i < nl; i++) {
		double c = y[i];
		if (n > 0 && c - cut[n - 1] < 0.01)
			continue;
		/* the deepest bottom of the lines starting above c */
		while (o < nl && tb[2 * o] < c - 0.01)
			deep = fmax(deep, tb[2 * o++ + 1]);
		if (deep > c + 0.01)
			continue;
		int a = 0, b = 0;
		for (int k = 0; k < ncell; k++) {
			while (pos[k] < total[k] && rs->lb[line[first[k] + pos[k]]] <= c + 0.01)
				pos[k]++;
			a = pos[k] > a ? pos[k] : a;
			b = total[k] - pos[k] > b ? total[k] - pos[k] : b;
		}
		if (a >= orph && b >= wid)
			cut[n++] = c;
	}
	free(line);
	free(first);
	free(pos);
	free(total);
	free(y);
	free(tb);
	return n;
}

/* append boxes ord[from, to) of rs as one item of height h, moved up by y0 */
static struct vitem *tl_emit(struct tlay *L, const struct trs *rs, const int *ord, int from,
	int to, double y0, double h, double x0, int tid)
{
	struct vitem *v = flow_item(L->f->vl, V_BOX);
	v->h = h;
	v->table = tid;
	int cap = 0;
	for (int i = from; i < to; i++) {
		struct vbox *b = flow_box(v, &cap);
		*b = rs->b[ord ? ord[i] : i];
		b->b.x += x0;
		b->b.y -= y0;
	}
	return v;
}

/* a body row into the list: in slices when it may be cut, each with its
 * part of the rules (the row's top rule on the first, its bottom rule on
 * the last) */
static void tl_emitrow(struct tlay *L, int r, struct trs *rs, double x0, int tid)
{
	struct table *t = L->t;
	const struct tstyle *ts = t->ts;
	enum trole ro = t->body[r].role;
	double tw = t->col[t->ncol - 1].x + t->col[t->ncol - 1].w;
	double *cut = xmalloc(sizeof(*cut) * (size_t)(rs->nl + 1));
	int n = ro == TR_SPACER ? 0 : tl_cuts(L, rs, cut);
	/* boxes by slice, in their order within each (a stable counting sort) */
	int *start = xcalloc((size_t)n + 2, sizeof(*start));
	int *sl = xmalloc(sizeof(*sl) * (size_t)(rs->nb + 1));
	int *ord = xmalloc(sizeof(*ord) * (size_t)(rs->nb + 1));
	for (int i = 0; i < rs->nb; i++) {
		int lo = 0, hi = n;
		while (lo < hi) {
			int mid = (lo + hi) / 2;
			if (cut[mid] <= rs->top[i] + 0.01)
				lo = mid + 1;
			else
				hi = mid;
		}
		sl[i] = lo;
		start[lo + 1]++;
	}
	for (int s = 0; s <= n; s++)
		start[s + 1] += start[s];
	int *fill = xmalloc(sizeof(*fill) * (size_t)(n + 1));
	memcpy(fill, start, sizeof(*fill) * (size_t)(n + 1));
	for (int i = 0; i < rs->nb; i++)
		ord[fill[sl[i]]++] = i;
	int nextrole = r + 1 < t->nbody ? (int)t->body[r + 1].role : -1;
	double y0 = 0;
	for (int s = 0; s <= n; s++) {
		double y1 = s < n ? cut[s] : rs->h;
		if (s > 0)
			flow_penalty(L->f, 0);
		struct trs deco = {0};
		if (s == 0 && ro == TR_TOTAL)
			tcell_rule(&deco, 0, 0, tw, ts->totalrule, ts->rulecolor);
		if (s == n && ro != TR_SPACER) {
			double lw = r == t->nbody - 1 ? ts->headrule : nextrole == TR_TOTAL ||
				nextrole == TR_SPACER ? 0 : ts->rule;
			tcell_rule(&deco, 0, y1 - y0, tw, lw, ts->rulecolor);
		}
		struct vitem *v = tl_emit(L, rs, ord, start[s], start[s + 1], y0, y1 - y0, x0, tid);
		int cap = v->nbox;
		for (int i = 0; i < deco.nb; i++) {
			struct vbox *b = flow_box(v, &cap);
			*b = deco.b[i];
			b->b.x += x0;
		}
		tcell_freers(&deco);
		y0 = y1;
	}
	free(fill);
	free(ord);
	free(sl);
	free(start);
	free(cut);
}

/* ---- the table ---- */

/* a caption or a note as a paragraph that stays in one piece */
static void tl_para(struct tlay *L, const struct node *n, const struct style *st,
	double indent, int tag, int anchor)
{
	struct flow *f = L->f;
	struct para p;
	para_init(&p, f->lay, &f->pd->mem, f->dg, st->align != ALIGN_JUSTIFY);
	p.hyph = f->hyph;
	para_inlines(&p, n, st->face, st, tag, f->d);
	para_finish(&p, st);
	struct pset ps = { .st = st, .indent = indent, .measure = L->avail, .nosplit = 1,
		.anchor = anchor, .pos = n->pos };
	flow_lines(f, &p, &ps, NULL);
	para_free(&p);
}

static void tl_glue(struct flow *f, double h)
{
	if (h <= 0)
		return;
	struct vitem *g = flow_item(f->vl, V_GLUE);
	g->h = h;
	g->nobreak = 1;
}

/* structure elements: Table > Caption, THead > TR > TH, TBody > TR > TD */
static int tl_tags(struct tlay *L, int parent, int *captag)
{
	struct table *t = L->t;
	struct pdoc *pd = L->f->pd;
	int tab = pdoc_selem(pd, "Table", parent);
	*captag = -1;
	for (const struct node *k = t->n->first; k; k = k->next)
		if (k->type == N_CAPTION && *captag < 0)
			*captag = pdoc_selem(pd, "Caption", tab);
	int sect = t->nhead ? pdoc_selem(pd, "THead", tab) : -1;
	for (int y = 0; y < t->nhead; y++) {
		int tr = pdoc_selem(pd, "TR", sect);
		for (int i = 0; i < t->head[y].ncell; i++) {
			struct tcell *cell = &t->head[y].cell[i];
			int th = pdoc_selem(pd, "TH", tr);
			pd->selem[th].scope = "Column";
			pd->selem[th].colspan = cell->colspan > 1 ? cell->colspan : 0;
			pd->selem[th].rowspan = cell->rowspan > 1 ? cell->rowspan : 0;
			L->hc[y][i].tag = th;
		}
	}
	sect = pdoc_selem(pd, "TBody", tab);
	for (int r = 0; r < t->nbody; r++) {
		if (t->body[r].role == TR_SPACER)
			continue;
		int tr = pdoc_selem(pd, "TR", sect);
		for (int i = 0; i < t->body[r].ncell; i++) {
			const struct tcell *cell = &t->body[r].cell[i];
			/* a text first column labels its row ("Regionkansliet",
			 * "Summa"): a row header, so a screen reader names the row */
			int stub = cell->col == 0 && t->ncol > 1 && !t->col[0].numeric;
			int td = pdoc_selem(pd, stub ? "TH" : "TD", tr);
			if (stub)
				pd->selem[td].scope = "Row";
			pd->selem[td].colspan = cell->colspan > 1 ? cell->colspan : 0;
			L->bc[r][i].tag = td;
		}
	}
	return tab;
}

/* contents of every cell, per row */
static struct tcont **tl_alloc(struct trow *rows, int n)
{
	struct tcont **cc = xcalloc((size_t)n + 1, sizeof(*cc));
	for (int r = 0; r < n; r++)
		cc[r] = xcalloc((size_t)rows[r].ncell + 1, sizeof(**cc));
	return cc;
}

static void tl_free(struct tcont **cc, struct trow *rows, int n)
{
	for (int r = 0; r < n; r++) {
		for (int i = 0; i < rows[r].ncell; i++)
			tcell_free(&cc[r][i]);
		free(cc[r]);
	}
	free(cc);
}

/* the table's text at the largest size (in half points) that fits */
static int tl_fit(struct tlay *L)
{
	const struct tstyle *ts = L->t->ts;
	double s = ts->size, over = tl_try(L, s);
	while (over > 0.01 && s - 0.5 >= ts->minsize - 1e-9) {
		s -= 0.5;
		over = tl_try(L, s);
	}
	if (over <= 0.01)
		return 0;
	diag_error(L->f->dg, L->t->n->pos, "table \"%s\" is %.1f pt (%.1f mm) wider than the "
		"%.1f pt it may take, even with its text at the smallest size of %.1f pt: "
		"shorten its headings or texts, give narrower widths, or ask for "
		"orientation=\"landscape\"", L->t->name, over, over * 25.4 / 72, L->avail, s);
	return -1;
}

void table_flow(struct flow *f, const struct node *n, double indent, int parent)
{
	struct table *t = table_load(n, f->d, f->lay, f->dg);
	if (!t)
		return;
	/* a landscape table has pages of its own, turned, with the same margins */
	double measure = t->landscape ? f->lay->ph - f->lay->ml - f->lay->mr : f->measure;
	struct tlay L = { .f = f, .t = t, .avail = measure - indent };
	const struct style *body = flow_style(f, NULL, "body", n->pos);
	L.cst = *body;
	L.cst.face = t->ts->face;
	L.cst.color = t->ts->color;
	L.cst.align = ALIGN_LEFT;
	L.cst.hyphenate = 1;
	L.cst.indent = L.cst.before = L.cst.after = 0;
	L.hc = tl_alloc(t->head, t->nhead);
	L.bc = tl_alloc(t->body, t->nbody);
	int captag;
	tl_tags(&L, parent, &captag);
	int first = f->vl->n;
	if (t->landscape) {
		flow_penalty(f, -BRK_INF);
		f->pending = 0;
	}
	if (tl_fit(&L) == 0) {
		const char *capst = t->ts->caption ? t->ts->caption : "caption";
		const char *notest = t->ts->note ? t->ts->note : "table-note";
		const struct node *cap = NULL;
		for (const struct node *k = n->first; k; k = k->next)
			if (k->type == N_CAPTION)
				cap = k;
		int anchor = n->id ? n->serial : -1;
		const struct style *cs = flow_style(f, layout_style(f->lay, capst) ? capst : NULL,
			"body", n->pos);
		flow_space(f, fmax(t->ts->before, cap ? cs->before : 0));
		if (cap) {
			tl_para(&L, cap, cs, indent, captag, anchor);
			anchor = -1;
			tl_glue(f, cs->after);
		}
		int tid = 0;
		if (t->nhead) {
			struct trs rs = {0};
			tl_head(&L, &rs);
			struct vlist *vl = f->vl;
			vl->tab = xgrow(vl->tab, sizeof(*vl->tab), vl->ntab + 1, &vl->captab);
			tid = ++vl->ntab;
			vl->tab[tid - 1] = (struct vtable){ vl->n, vl->n + 1, rs.h };
			struct vitem *v = tl_emit(&L, &rs, NULL, 0, rs.nb, 0, rs.h, indent, tid);
			v->head = 1;
			v->anchor = anchor;
			anchor = -1;
			tcell_freers(&rs);
		}
		for (int r = 0; r < t->nbody; r++) {
			/* the header never ends a page alone, and a split leaves at
			 * least two rows on each side (like orphans and widows) */
			flow_penalty(f, r == 0 || r == 1 || r == t->nbody - 1 ? BRK_INF : 0);
			struct trs rs = {0};
			tl_body(&L, r, &rs);
			int at = f->vl->n;
			tl_emitrow(&L, r, &rs, indent, tid);
			if (anchor >= 0)
				f->vl->v[at].anchor = anchor;
			anchor = -1;
			tcell_freers(&rs);
		}
		double after = t->ts->after;
		for (const struct node *k = n->first; k; k = k->next) {
			if (k->type != N_NOTE)
				continue;
			const struct style *ns = flow_style(f, layout_style(f->lay, notest) ?
				notest : NULL, "body", k->pos);
			/* notes stay with the last row */
			tl_glue(f, ns->before);
			tl_para(&L, k, ns, indent, pdoc_selem(f->pd, "P", parent), -1);
			after = fmax(ns->after, t->ts->after);
		}
		f->pending = after;
	}
	if (t->landscape) {
		for (int i = first; i < f->vl->n; i++)
			f->vl->v[i].landscape = 1;
		flow_penalty(f, -BRK_INF);
		f->pending = 0;
	}
	tl_free(L.hc, t->head, t->nhead);
	tl_free(L.bc, t->body, t->nbody);
	table_free(t);
}
