/*
 * flow: set the document's blocks as a vertical list.  Each paragraph is
 * broken into lines (para.c, brk.c); each line becomes a box of the list
 * with its text runs; space between blocks becomes glue, the larger of the
 * space after one block and before the next.  Penalties between lines
 * encode where a page may end: never inside the first `orphans` or the last
 * `widows` lines of a paragraph, never between a heading and the two lines
 * after it, always before a chapter when the layout says so.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "flow.h"
#include "goal.h"
#include "para.h"
#include "symbol.h"
#include "table.h"
#include "utf8.h"

struct vitem *flow_item(struct vlist *vl, enum vtype type)
{
	vl->v = xgrow(vl->v, sizeof(*vl->v), vl->n + 1, &vl->cap);
	struct vitem *v = &vl->v[vl->n++];
	memset(v, 0, sizeof(*v));
	v->type = type;
	v->anchor = -1;
	v->para = -1;
	return v;
}

void flow_note(struct vlist *vl, struct pos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *msg = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(msg, (size_t)n + 1, fmt, ap);
	va_end(ap);
	vl->note = xgrow(vl->note, sizeof(*vl->note), vl->nnote + 1, &vl->capnote);
	vl->note[vl->nnote++] = (struct vnote){ vl->n - 1, pos, msg };
}

void flow_penalty(struct flow *f, int penalty)
{
	flow_item(f->vl, V_PENALTY)->penalty = penalty;
}

/* the space between the previous block and the next one */
void flow_space(struct flow *f, double before)
{
	double s = f->pending > before ? f->pending : before;
	if (s > 0 && f->vl->n > 0)
		flow_item(f->vl, V_GLUE)->h = s;
	f->pending = 0;
}

const struct style *flow_style(struct flow *f, const char *name,
	const char *fallback, struct pos pos)
{
	const struct style *st = name ? layout_style(f->lay, name) : NULL;
	if (name && !st) {
		diag_error(f->dg, pos, "style '%s' is not defined by layout '%s'", name, f->lay->name);
		name = NULL;
	}
	if (!st)
		st = layout_style(f->lay, fallback);
	if (!st)
		st = layout_style(f->lay, "body");
	return st;
}

/* baseline of a line of style st, from the line's top */
double flow_baseline(const struct flow *f, const struct style *st)
{
	const struct font *fn = &f->lay->fonts.face[st->face];
	double asc = fn->ascent * st->size / fn->upem;
	double desc = -fn->descent * st->size / fn->upem;
	return (st->leading - (asc + desc)) / 2 + asc;
}

void flow_boxinit(struct vbox *b)
{
	memset(b, 0, sizeof(*b));
	b->target = -1;
	b->pageref = -1;
	b->b.tag = -1;
	b->b.dest_page = -1;
}

struct vbox *flow_box(struct vitem *v, int *cap)
{
	v->box = xgrow(v->box, sizeof(*v->box), v->nbox + 1, cap);
	struct vbox *b = &v->box[v->nbox++];
	flow_boxinit(b);
	return b;
}

/* note what is typographically wrong with line l (just appended) */
static void flow_quality(struct flow *f, const struct para *p, const struct brkres *r, int l,
	double measure, const struct pline *pl, struct pos pos, int *hyphrun)
{
	const struct item *end = &p->it[r->brk[l]];
	int hyphen = end->type == IT_PENALTY && end->flagged && end->width > 0;
	*hyphrun = hyphen ? *hyphrun + 1 : 0;
	if (*hyphrun > 2)
		flow_note(f->vl, pos, "%d hyphenated lines in a row", *hyphrun);
	if (pl->width > measure + 0.5) {
		/* name the widest word of the line: usually the culprit */
		int from = brk_linestart(p->it, p->n, l ? r->brk[l - 1] : -1), wide = -1;
		for (int i = from; i < r->brk[l]; i++)
			if (p->it[i].type == IT_BOX && p->it[i].text &&
					(wide < 0 || p->it[i].width > p->it[wide].width))
				wide = i;
		if (wide >= 0 && p->it[wide].width > measure)
			flow_note(f->vl, pos, "the word '%.*s' is wider than its column (%.1f pt > %.1f pt)",
				p->it[wide].len, p->it[wide].text, p->it[wide].width, measure);
		else
			flow_note(f->vl, pos, "overfull line, %.1f pt too wide", pl->width - measure);
	} else if (l < r->nline - 1 && pl->nrun > 1 &&
			!(end->type == IT_PENALTY && end->penalty <= -BRK_INF)) {
		/* a line ended by <br/> is short on purpose */
		double ratio = r->ratio[l];
		if (p->ragged ? measure - pl->width > 0.4 * measure : ratio > 2)
			flow_note(f->vl, pos, "very loose line (%.0f %% of the measure filled)",
				100 * pl->width / measure);
	}
}

/* break a paragraph and append its lines with the page-break penalties
 * between them; returns the lines set, for the table of contents */
int flow_lines(struct flow *f, struct para *p, const struct pset *ps,
	struct pline *last)
{
	struct brkshape sh = { ps->measure, ps->measure - ps->hang, 1 };
	struct brkres r = {0};
	brk_lines(p->it, p->n, &sh, BRK_TOTALFIT, &r);
	const struct style *st = ps->st;
	double base = flow_baseline(f, st);
	int widows = f->lay->widows, orphans = f->lay->orphans;
	struct vlist *vl = f->vl;
	vl->ppos = xgrow(vl->ppos, sizeof(*vl->ppos), vl->npara + 1, &vl->cappara);
	int para = vl->npara++;
	vl->ppos[para] = ps->pos;
	int hyphrun = 0;
	for (int l = 0; l < r.nline; l++) {
		if (l > 0) {
			int ok = !ps->nosplit && !ps->keep && l >= orphans && r.nline - l >= widows;
			flow_penalty(f, ok ? 0 : BRK_INF);
		}
		struct pline pl;
		para_setline(p, &r, l, st->align, l ? sh.rest : sh.first, &pl, &f->pd->mem);
		struct vitem *v = flow_item(f->vl, V_BOX);
		v->h = st->leading;
		v->keep = ps->keep;
		v->para = para;
		if (l == 0)
			v->anchor = ps->anchor;
		flow_quality(f, p, &r, l, l ? sh.rest : sh.first, &pl, ps->pos, &hyphrun);
		int cap = 0;
		double x0 = ps->indent + (l ? ps->hang : 0);
		if (l == 0)
			for (int k = 0; k < ps->label.nrun; k++) {
				struct vbox *b = flow_box(v, &cap);
				b->b = ps->label.run[k].b;
				b->b.y = base;
			}
		for (int k = 0; k < pl.nrun; k++) {
			struct vbox *b = flow_box(v, &cap);
			b->b = pl.run[k].b;
			b->b.x += x0;
			b->b.y += base;	/* runs are relative to the baseline (symbols rise above it) */
		}
		/* one link area per link on this line */
		for (int k = 0; k < pl.nrun; k++) {
			int li = pl.run[k].link;
			if (li < 0 || (k > 0 && pl.run[k - 1].link == li))
				continue;
			double x1 = pl.run[k].b.x, x2 = x1;
			for (int j = k; j < pl.nrun && pl.run[j].link == li; j++)
				x2 = pl.run[j].b.x + pl.run[j].b.w;
			struct vbox *b = flow_box(v, &cap);
			b->b.type = BOX_LINK;
			b->b.x = x0 + x1;
			b->b.y = 0;
			b->b.w = x2 - x1;
			b->b.h = st->leading;
			b->b.tag = pl.run[k].b.tag;
			b->b.uri = p->link[li].uri;
			b->target = p->link[li].target;
		}
		if (last && l == r.nline - 1) {
			*last = pl;
			last->width += x0;
		} else {
			free(pl.run);
		}
	}
	int n = r.nline;
	brk_free(&r);
	return n;
}


void flow_paragraph(struct flow *f, const struct node *n, const struct style *st,
	double indent, int tag, int keep, struct pline *label)
{
	flow_space(f, st->before);
	struct para p;
	para_init(&p, f->lay, &f->pd->mem, f->dg, st->align != ALIGN_JUSTIFY);
	p.hyph = f->hyph;
	p.pd = f->pd;
	para_inlines(&p, n, st->face, st, tag, f->d);
	para_finish(&p, st);
	struct pset ps = { .st = st, .indent = indent + st->indent,
		.measure = f->measure - indent - st->indent, .keep = keep,
		.anchor = n->id ? n->serial : -1, .pos = n->pos };
	if (label)
		ps.label = *label;
	flow_lines(f, &p, &ps, NULL);
	para_free(&p);
	f->pending = st->after;
}

static void flow_para(struct flow *f, const struct node *n, const char *defstyle,
	double indent, int tag, struct pline *label)
{
	const struct style *st = flow_style(f, n->style, defstyle, n->pos);
	flow_paragraph(f, n, st, indent, tag, st->keepnext, label);
}

/* set a short string as a one-run line (labels, numbers) */
struct pline flow_label(struct flow *f, const char *s, const struct style *st,
	int face, double x, int tag)
{
	struct pline pl = {0};
	pl.run = xcalloc(1, sizeof(*pl.run));
	pl.nrun = 1;
	struct box *b = &pl.run[0].b;
	b->type = BOX_TEXT;
	b->text = arena_strdup(&f->pd->mem, s);
	b->len = (int)strlen(s);
	b->size = st->size;
	b->h = st->size;
	b->color = st->color;
	b->x = x;
	b->tag = tag;
	b->dest_page = -1;
	pl.run[0].link = -1;
	/* a label the text face cannot draw (a bullet) comes from the fallback */
	uint32_t cp = ' ';
	utf8_decode(s, strlen(s), &cp);
	int fc = fontset_pick(&f->lay->fonts, face, cp);
	b->face = fc >= 0 ? fc : face;
	b->w = font_width(&f->lay->fonts.face[b->face], s, strlen(s), 1) * st->size / 1000.0;
	return pl;
}

static void flow_list(struct flow *f, const struct node *n, double indent, int parent)
{
	const struct style *st = flow_style(f, NULL, "list", n->pos);
	int ltag = pdoc_selem(f->pd, "L", parent);
	double li = f->lay->listindent;
	int num = n->start > 0 ? n->start : 1;
	f->listdepth++;
	for (const struct node *it = n->first; it; it = it->next, num++) {
		char lab[32];
		if (n->list == LIST_BULLET)
			snprintf(lab, sizeof(lab), "%s", f->lay->bullet[(f->listdepth - 1) % 3]);
		else if (n->list == LIST_NUMBER)
			snprintf(lab, sizeof(lab), "%d.", num);
		else
			snprintf(lab, sizeof(lab), "%c)", 'a' + (num - 1) % 26);
		int itag = pdoc_selem(f->pd, "LI", ltag);
		int lbl = pdoc_selem(f->pd, "Lbl", itag);
		int body = pdoc_selem(f->pd, "LBody", itag);
		struct pline label = flow_label(f, lab, st, st->face, indent, lbl);
		const struct node *c = it->first;
		if (c && c->type == N_PARA) {
			flow_para(f, c, c->style ? c->style : "list", indent + li, body, &label);
			c = c->next;
		} else {
			flow_space(f, st->before);
			struct vitem *v = flow_item(f->vl, V_BOX);
			v->h = st->leading;
			int cap = 0;
			struct vbox *b = flow_box(v, &cap);
			b->b = label.run[0].b;
			b->b.y = flow_baseline(f, st);
			f->pending = st->after;
		}
		free(label.run);
		flow_blocks(f, c, indent + li, body);
	}
	f->listdepth--;
	const struct style *body = flow_style(f, NULL, "body", n->pos);
	if (f->listdepth == 0 && f->pending < body->after)
		f->pending = body->after;
}

static void flow_section(struct flow *f, const struct node *n, double indent, int parent)
{
	int level = n->level < 1 ? 1 : n->level;
	char hname[16];
	snprintf(hname, sizeof(hname), "h%d", level > 6 ? 6 : level);
	const struct style *st = flow_style(f, n->style, hname, n->pos);
	if ((level == 1 && f->lay->chapternewpage) || st->newpage)
		flow_penalty(f, -BRK_INF);
	int sect = pdoc_selem(f->pd, "Sect", parent);
	snprintf(hname, sizeof(hname), "H%d", level > 6 ? 6 : level);
	int htag = pdoc_selem(f->pd, hname, sect);
	flow_space(f, st->before);
	struct para p;
	para_init(&p, f->lay, &f->pd->mem, f->dg, 1);
	double hang = 0;
	if (n->num == NUM_SHOW && n->number) {
		para_text(&p, n->number, strlen(n->number), st->face, st, htag, -1, n->pos);
		double w = p.n ? p.it[p.n - 1].width : 0;
		double gap = st->size * 0.75;
		para_kern(&p, gap);
		hang = w + gap;
	}
	para_inlines(&p, doc_title(n), st->face, st, htag, f->d);
	para_finish(&p, st);
	struct pset ps = { .st = st, .indent = indent, .hang = hang,
		.measure = f->measure - indent, .keep = 1, .anchor = n->serial, .pos = n->pos };
	flow_lines(f, &p, &ps, NULL);
	para_free(&p);
	f->pending = st->after;
	char *title = doc_plaintext(doc_title(n));
	struct buf ot = {0};
	if (n->num == NUM_SHOW && n->number)
		buf_printf(&ot, "%s ", n->number);
	buf_puts(&ot, title);
	free(title);
	struct vlist *vl = f->vl;
	vl->head = xgrow(vl->head, sizeof(*vl->head), vl->nhead + 1, &vl->caphead);
	vl->head[vl->nhead++] = (struct vhead){ n->serial, level,
		arena_strndup(&f->pd->mem, ot.s, ot.len) };
	buf_free(&ot);
	flow_blocks(f, doc_title(n)->next, indent, sect);
}

/* dots from x1 to x2 on a grid common to all lines, so leaders align */
static void flow_leader(struct flow *f, struct vitem *v, int *cap, const struct style *st,
	double x1, double x2, double base)
{
	const char *ld = f->lay->tocleader;
	if (!ld || !*ld)
		return;
	const struct font *fn = &f->lay->fonts.face[st->face];
	double dot = font_width(fn, ld, strlen(ld), 0) * st->size / 1000.0;
	double step = f->lay->tocleaderstep > dot ? f->lay->tocleaderstep : dot * 2;
	double start = ceil(x1 / step) * step;
	int k = (int)floor((x2 - dot - start) / step) + 1;
	if (k < 1)
		return;
	/* one box per dot: a run cannot carry letter spacing */
	const char *text = arena_strdup(&f->pd->mem, ld);
	for (int i = 0; i < k; i++) {
		struct vbox *d = flow_box(v, cap);
		d->b.type = BOX_TEXT;
		d->b.x = start + i * step;
		d->b.y = base;
		d->b.face = st->face;
		d->b.size = st->size;
		d->b.h = st->size;
		d->b.color = st->color;
		d->b.text = text;
		d->b.len = (int)strlen(ld);
		d->b.w = dot;
	}
}

/* one entry of the table of contents: number, title, leader, page */
static void flow_tocentry(struct flow *f, const struct node *sec, int tag)
{
	const struct layout *lay = f->lay;
	char sname[16];
	snprintf(sname, sizeof(sname), "toc%d", sec->level > 4 ? 4 : sec->level);
	const struct style *st = flow_style(f, NULL, sname, sec->pos);
	if (!layout_style(lay, sname))
		st = flow_style(f, NULL, "toc2", sec->pos);
	int itag = pdoc_selem(f->pd, "TOCI", tag);
	const char *num = sec->num == NUM_SHOW && sec->number ? sec->number : NULL;
	struct pline label = {0};
	double tx = lay->tocnumwidth;
	if (num) {
		label = flow_label(f, num, st, st->face, 0, itag);
		if (label.run[0].b.w + st->size * 0.5 > tx)
			tx = label.run[0].b.w + st->size * 0.5;
	}
	double right = f->measure - lay->tocpagewidth;
	struct para p;
	para_init(&p, lay, &f->pd->mem, f->dg, 1);
	para_inlines(&p, doc_title(sec), st->face, st, itag, f->d);
	para_finish(&p, st);
	flow_space(f, st->before);
	struct pset ps = { .st = st, .indent = tx, .measure = right - tx - st->size,
		.nosplit = 1, .label = label, .pos = sec->pos };
	int first = f->vl->n;
	struct pline last = {0};
	flow_lines(f, &p, &ps, &last);
	para_free(&p);
	free(label.run);
	free(last.run);
	struct vitem *v = &f->vl->v[f->vl->n - 1];
	int cap = v->nbox;
	double base = flow_baseline(f, st);
	flow_leader(f, v, &cap, st, last.width + st->size * 0.4, right, base);
	struct vbox *pg = flow_box(v, &cap);
	pg->b.type = BOX_TEXT;
	pg->b.x = f->measure;
	pg->b.y = base;
	pg->b.face = st->face;
	pg->b.size = st->size;
	pg->b.h = st->size;
	pg->b.color = st->color;
	pg->b.tag = itag;
	pg->pageref = sec->serial;
	/* the whole entry is a link to its heading */
	for (int i = first; i < f->vl->n; i++) {
		struct vitem *line = &f->vl->v[i];
		if (line->type != V_BOX)
			continue;
		int c = line->nbox;
		struct vbox *lk = flow_box(line, &c);
		lk->b.type = BOX_LINK;
		lk->b.w = f->measure;
		lk->b.h = line->h;
		lk->b.tag = itag;
		lk->target = sec->serial;
	}
	f->pending = st->after;
}

static void flow_tocsections(struct flow *f, const struct node *parent, int depth, int tag)
{
	for (const struct node *c = parent->first; c; c = c->next) {
		if (c->type != N_SECTION || c->level > depth)
			continue;
		if (c->toc)
			flow_tocentry(f, c, tag);
		flow_tocsections(f, c, depth, tag);
	}
}

static void flow_toc(struct flow *f, const struct node *toc)
{
	const struct layout *lay = f->lay;
	/* the title is a heading before the TOC element, which holds only entries */
	int htag = pdoc_selem(f->pd, "H1", 0);
	int tag = pdoc_selem(f->pd, "TOC", 0);
	const struct style *st = flow_style(f, NULL, "toc-title", toc->pos);
	struct para p;
	para_init(&p, lay, &f->pd->mem, f->dg, 1);
	const char *title = lay->toctitle ? lay->toctitle : "Innehåll";
	para_text(&p, title, strlen(title), st->face, st, htag, -1, toc->pos);
	para_finish(&p, st);
	struct pset ps = { .st = st, .measure = f->measure, .keep = 1, .anchor = toc->serial,
		.pos = toc->pos };
	flow_space(f, st->before);
	flow_lines(f, &p, &ps, NULL);
	para_free(&p);
	f->pending = st->after;
	flow_tocsections(f, f->d->root, toc->level > 0 ? toc->level : lay->tocdepth, tag);
}

void flow_blocks(struct flow *f, const struct node *first, double indent, int parent)
{
	for (const struct node *n = first; n; n = n->next) {
		switch (n->type) {
		case N_SECTION:
			flow_section(f, n, indent, parent);
			break;
		case N_PARA:
			flow_para(f, n, "body", indent, pdoc_selem(f->pd, "P", parent), NULL);
			break;
		case N_LIST:
			flow_list(f, n, indent, parent);
			break;
		case N_CHART:
			chart_flow(f, n, indent, parent);
			break;
		case N_TABLE:
			table_flow(f, n, indent, parent);
			break;
		case N_LEGEND:
			symbol_legend(f, n, indent, parent);
			break;
		case N_GOALS:
			goal_flow(f, n, indent, parent);
			break;
		case N_GOALSUM:
			goal_summary(f, n, indent, parent);
			break;
		case N_INTCTRL:
			goal_intctrl(f, n, indent, parent);
			break;
		case N_PAGEBREAK:
			flow_penalty(f, -BRK_INF);
			f->pending = 0;
			break;
		case N_TOC:
			flow_toc(f, n);
			flow_penalty(f, -BRK_INF);
			f->pending = 0;
			break;
		default:
			break;
		}
	}
}

/* headings keep with the two lines after them: forbid page breaks from a
 * keep line until two ordinary lines have followed */
static void flow_keeps(struct vlist *vl)
{
	int need = 0;
	for (int i = 0; i < vl->n; i++) {
		struct vitem *v = &vl->v[i];
		if (v->type == V_BOX) {
			if (v->keep)
				need = 2;
			else if (need > 0)
				need--;
		} else if (need > 0 || (i > 0 && vl->v[i - 1].type == V_BOX && vl->v[i - 1].keep)) {
			if (v->type == V_GLUE)
				v->nobreak = 1;
			else if (v->penalty > -BRK_INF)
				v->penalty = BRK_INF;
		}
	}
}

int flow_document(const struct doc *d, const struct layout *lay, const struct hyph *hyph,
	struct vlist *vl, struct pdoc *pd, struct diag *dg)
{
	struct flow f = { .d = d, .lay = lay, .vl = vl, .pd = pd, .dg = dg, .hyph = hyph,
		.measure = lay->pw - lay->ml - lay->mr };
	int errs = dg->nerr;
	pdoc_selem(pd, "Document", -1);
	/* the cover is drawn after pagination but read first */
	vl->cover = -1;
	for (const struct node *n = d->root->first; n; n = n->next)
		if (n->type == N_COVER)
			vl->cover = pdoc_selem(pd, "Sect", 0);
	if (symbol_check(d, lay, dg) < 0)
		return -1;
	flow_blocks(&f, d->root->first, 0, 0);
	flow_keeps(vl);
	return dg->nerr > errs ? -1 : 0;
}

void flow_free(struct vlist *vl)
{
	for (int i = 0; i < vl->n; i++)
		free(vl->v[i].box);
	free(vl->v);
	free(vl->head);
	free(vl->tab);
	free(vl->ppos);
	for (int i = 0; i < vl->nnote; i++)
		free(vl->note[i].msg);
	free(vl->note);
	memset(vl, 0, sizeof(*vl));
}
