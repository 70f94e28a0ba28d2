/*
 * goal: goal blocks, the computed goal summary and internal control.  The
 * figures and statuses arrive as CSV files (csv.c, every cell with its
 * file:line:column), the prose as document nodes: <comment goal="e1">
 * blocks under <goals>, <kind> labels under <goal-summary>.  Every status
 * is looked up in the layout's symbol sets when its CSV is read, so an
 * unknown value is an error at its cell.  Tables are not set here: the
 * rows are built as a small document tree (N_TABLE … N_CELL, with inline
 * N_SYMBOL nodes in the cells) in an arena of the call and handed to the
 * table engine, which measures, splits and repeats headers as for any table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "goal.h"
#include "table.h"

/* one goal: a row of the goal CSV */
struct goal {
	const char *id;		/* "e1" */
	const char *kind;	/* "Effektmål", "Mål", "Uppdrag", "Strategi" */
	const char *number;	/* as given ("8"), or "" */
	const char *title;	/* the goal's wording */
	const char *started;	/* Uppdrag: "ja"/"nej", or "" */
	const char *done;	/* Uppdrag: "ja"/"nej", or "" */
	const char *comment;	/* plain comment of the data, or "" */
	const struct symdef *forecast;	/* or NULL (strategies) */
	const struct symdef *trend;	/* or NULL ("—": no trend shown) */
	const struct node *note;	/* the report's <comment>, or NULL */
};

/* one indicator: a row of the indicator CSV */
struct gind {
	int goal;		/* index into goalset.g */
	const char *text;	/* the indicator, printed bold */
	const char *outcome;	/* Utfall as given */
	const char *target;	/* Målvärde as given */
	const char *unit;	/* unit printed after both, or "" */
	const char *comment;	/* printed after an italic "Kommentar" */
	const struct symdef *status;	/* or NULL */
	const struct symdef *trend;	/* or NULL */
};

/* the goals of one <goals> block, with their data */
struct goalset {
	struct csv *csv;	/* the goal file */
	struct csv *icsv;	/* the indicator file, or NULL */
	struct goal *g;
	int ng;
	struct gind *ind;
	int nind;
};

/* ---- small helpers ---- */

static const char *goal_cell(const struct csv *t, int row, int col)
{
	const char *s = col >= 0 ? csv_cell(t, row, col) : NULL;
	return s ? s : "";
}

/* the column named name, or -1; a required one missing is an error */
static int goal_col(const struct csv *t, const char *name, int need, struct pos pos,
	struct diag *dg)
{
	int c = csv_col(t, name);
	if (c >= 0 || !need)
		return c;
	struct buf b = {0};
	for (int i = 0; i < csv_ncols(t) && b.len < 300; i++)
		buf_printf(&b, "%s\"%s\"", i ? ", " : "", csv_name(t, i));
	diag_error(dg, pos, "%s has no column \"%s\"; its columns are %s", csv_file(t), name,
		b.s ? b.s : "none");
	buf_free(&b);
	return -1;
}

/* a status value: none when empty or a dash ("—": nothing to show) */
static const struct symdef *goal_sym(const struct layout *lay, const char *set,
	const struct csv *t, int row, int col, const char *what, struct diag *dg)
{
	const char *v = goal_cell(t, row, col);
	if (!v[0] || !strcmp(v, "—") || !strcmp(v, "–") || !strcmp(v, "-"))
		return NULL;
	return symbol_lookup(lay, set, v, csv_pos(t, row, col), what, dg);
}

/* does the space-separated list hold word? */
static int goal_inlist(const char *list, const char *word)
{
	size_t n = strlen(word);
	for (const char *s = list; s && *s;) {
		size_t k = strcspn(s, " ");
		if (k == n && strncmp(s, word, n) == 0)
			return 1;
		s += k + (s[k] == ' ');
	}
	return 0;
}

/* the section a block belongs to: its own attribute, else the enclosing
 * section's id; not beyond a part included from another report, which
 * include.c gives the attribute when its section there has an id */
static const char *goal_section(const struct node *n)
{
	const char *s = symbol_attr(n, "section");
	for (const struct node *p = n; !s && p->parent && !p->from; p = p->parent)
		if (p->parent->type == N_SECTION)
			return p->parent->id;
	return s;
}

static void goal_freeset(struct goalset *gs)
{
	csv_free(gs->csv);
	csv_free(gs->icsv);
	free(gs->g);
	free(gs->ind);
	memset(gs, 0, sizeof(*gs));
}

/* read the goals (and indicators) of <goals> n; -1 after errors */
static int goal_load(const struct node *n, const struct doc *d, const struct layout *lay,
	struct goalset *gs, struct diag *dg)
{
	memset(gs, 0, sizeof(*gs));
	int before = dg->nerr;
	if (!symbol_attr(n, "src"))
		return -1;	/* the schema requires it */
	char *path = path_join(doc_dir(n, d), symbol_attr(n, "src"));
	gs->csv = csv_read(path, 0, dg);
	free(path);
	if (!gs->csv)
		return -1;
	const struct csv *t = gs->csv;
	int cid = goal_col(t, "id", 1, n->pos, dg), ckind = goal_col(t, "typ", 1, n->pos, dg);
	int ctitle = goal_col(t, "titel", 1, n->pos, dg);
	int cnum = goal_col(t, "nummer", 0, n->pos, dg), csec = goal_col(t, "avsnitt", 0, n->pos, dg);
	int cfc = goal_col(t, "prognos", 0, n->pos, dg), ctr = goal_col(t, "trend", 0, n->pos, dg);
	int cst = goal_col(t, "startat", 0, n->pos, dg), cdn = goal_col(t, "klart", 0, n->pos, dg);
	int ccm = goal_col(t, "kommentar", 0, n->pos, dg);
	if (dg->nerr > before)
		return -1;
	const char *sec = goal_section(n), *kinds = symbol_attr(n, "kinds");
	gs->g = xcalloc((size_t)csv_nrows(t) + 1, sizeof(*gs->g));
	for (int r = 0; r < csv_nrows(t); r++) {
		if (sec && csec >= 0 && strcmp(goal_cell(t, r, csec), sec) != 0)
			continue;
		if (kinds && !goal_inlist(kinds, goal_cell(t, r, ckind)))
			continue;
		struct goal *g = &gs->g[gs->ng++];
		g->id = goal_cell(t, r, cid);
		g->kind = goal_cell(t, r, ckind);
		g->number = goal_cell(t, r, cnum);
		g->title = goal_cell(t, r, ctitle);
		g->started = goal_cell(t, r, cst);
		g->done = goal_cell(t, r, cdn);
		g->comment = goal_cell(t, r, ccm);
		g->forecast = goal_sym(lay, GOAL_FORECAST, t, r, cfc, "the forecast", dg);
		g->trend = goal_sym(lay, GOAL_TREND, t, r, ctr, "the trend", dg);
	}
	for (const struct node *c = n->first; c; c = c->next) {
		if (c->type != N_COMMENT)
			continue;
		const char *id = symbol_attr(c, "goal");
		int k;
		for (k = 0; k < gs->ng && strcmp(gs->g[k].id, id ? id : ""); k++)
			;
		if (k < gs->ng && !gs->g[k].note)
			gs->g[k].note = c;
		else
			diag_error(dg, c->pos, k < gs->ng ? "goal \"%s\" has two comments" :
				"no goal of this block has the id \"%s\"", id ? id : "");
	}
	const char *isrc = symbol_attr(n, "indicators");
	if (!isrc)
		return dg->nerr > before ? -1 : 0;
	path = path_join(doc_dir(n, d), isrc);
	gs->icsv = csv_read(path, 0, dg);
	free(path);
	if (!gs->icsv)
		return -1;
	t = gs->icsv;
	int cg = goal_col(t, "mål", 1, n->pos, dg), ctx = goal_col(t, "indikator", 1, n->pos, dg);
	int cout = goal_col(t, "utfall", 0, n->pos, dg), ctg = goal_col(t, "målvärde", 0, n->pos, dg);
	int cun = goal_col(t, "enhet", 0, n->pos, dg), cstat = goal_col(t, "status", 0, n->pos, dg);
	int citr = goal_col(t, "trend", 0, n->pos, dg), cic = goal_col(t, "kommentar", 0, n->pos, dg);
	if (dg->nerr > before)
		return -1;
	gs->ind = xcalloc((size_t)csv_nrows(t) + 1, sizeof(*gs->ind));
	for (int r = 0; r < csv_nrows(t); r++) {
		int k;
		for (k = 0; k < gs->ng && strcmp(gs->g[k].id, goal_cell(t, r, cg)); k++)
			;
		if (k == gs->ng)
			continue;	/* a goal of another block */
		struct gind *in = &gs->ind[gs->nind++];
		in->goal = k;
		in->text = goal_cell(t, r, ctx);
		in->outcome = goal_cell(t, r, cout);
		in->target = goal_cell(t, r, ctg);
		in->unit = goal_cell(t, r, cun);
		in->comment = goal_cell(t, r, cic);
		in->status = goal_sym(lay, GOAL_STATUS, t, r, cstat, "the status", dg);
		in->trend = goal_sym(lay, GOAL_TREND, t, r, citr, "the trend", dg);
	}
	return dg->nerr > before ? -1 : 0;
}

/* a diagnostics sink that swallows what it is told: the summary and the
 * legend read the same files as the blocks, which report their problems */
struct quiet {
	struct diag dg;
	char *buf;
	size_t len;
};

static void goal_quiet(struct quiet *q)
{
	memset(q, 0, sizeof(*q));
	q->dg.out = open_memstream(&q->buf, &q->len);
}

static void goal_unquiet(struct quiet *q)
{
	if (q->dg.out)
		fclose(q->dg.out);
	free(q->buf);
}

/* call fn for every <goals> (goals) or <internal-control> in the report */
static void goal_walk(const struct node *n, enum node_type type,
	void (*fn)(const struct node *, void *), void *arg)
{
	for (const struct node *c = n->first; c; c = c->next) {
		if (c->type == type)
			fn(c, arg);
		else
			goal_walk(c, type, fn, arg);
	}
}

/* ---- building nodes ---- */

static struct node *gnode(struct arena *a, enum node_type type, struct node *parent,
	struct pos pos)
{
	struct node *n = arena_alloc(a, sizeof(*n));
	memset(n, 0, sizeof(*n));
	n->type = type;
	n->pos = pos;
	n->serial = -1;
	n->start = 1;
	if (parent)
		doc_append(parent, n);
	return n;
}

static struct node *gtext(struct arena *a, struct node *parent, const char *s)
{
	struct node *t = gnode(a, N_TEXT, parent, parent->pos);
	t->text = arena_strdup(a, s);
	return t;
}

static struct node *gspan(struct arena *a, struct node *parent, int emph, const char *s)
{
	struct node *n = gnode(a, N_SPAN, parent, parent->pos);
	n->emph = emph | parent->emph;
	if (s)
		gtext(a, n, s);
	return n;
}

/* attributes name, value, …, NULL */
static void gattr(struct arena *a, struct node *n, const char *const *kv)
{
	int k = 0;
	while (kv[k])
		k++;
	n->attr = arena_alloc(a, sizeof(*n->attr) * (size_t)(k + 1));
	for (int i = 0; i < k; i++)
		n->attr[i] = arena_strdup(a, kv[i]);
	n->attr[k] = NULL;
}

/* an inline symbol; show as for para_symbol */
static void gsym(struct arena *a, struct node *parent, const char *set,
	const struct symdef *d, enum symword show)
{
	static const char *const word[] = { "no", "yes", "none" };
	struct node *s = gnode(a, N_SYMBOL, parent, parent->pos);
	gattr(a, s, (const char *const[]){ "set", set, "value", d->value, "word",
		word[show], NULL });
}

/* a table of ncol columns with these headings, alignments and widths
 * (NULL = none, the column's default, automatic) */
static struct node *gtable(struct arena *a, struct pos pos, const char *const *head,
	const char *const *align, const char *const *width, int ncol)
{
	struct node *t = gnode(a, N_TABLE, NULL, pos);
	gattr(a, t, (const char *const[]){ "width", "full", NULL });
	for (int i = 0; i < ncol; i++) {
		struct node *c = gnode(a, N_COLUMN, t, pos);
		if (head[i])
			gtext(a, c, head[i]);
		const char *kv[5] = { NULL }, **k = kv;
		if (align[i])
			*k++ = "align", *k++ = align[i];
		if (width && width[i])
			*k++ = "width", *k++ = width[i];
		gattr(a, c, kv);
	}
	return t;
}

static struct node *grow(struct arena *a, struct node *parent)
{
	struct node *r = gnode(a, N_ROW, parent, parent->pos);
	gattr(a, r, (const char *const[]){ NULL });
	return r;
}

/* a cell with one (empty) paragraph to fill; align NULL = the column's */
static struct node *gcellal(struct arena *a, struct node *row, const char *align)
{
	struct node *c = gnode(a, N_CELL, row, row->pos);
	if (align)
		gattr(a, c, (const char *const[]){ "align", align, NULL });
	else
		gattr(a, c, (const char *const[]){ NULL });
	return gnode(a, N_PARA, c, row->pos);
}

static struct node *gcell(struct arena *a, struct node *row)
{
	return gcellal(a, row, NULL);
}

/* ---- paragraphs ---- */

/* a style the layout may define, else a fallback */
static const struct style *goal_style(struct flow *f, const char *name, const char *fallback,
	struct pos pos)
{
	return flow_style(f, layout_style(f->lay, name) ? name : NULL, fallback, pos);
}

/* the heading role one level below the enclosing section */
static const char *goal_hrole(const struct node *n)
{
	static const char *const roles[] = { "H2", "H3", "H4", "H5", "H6", "H6" };
	int level = 1;
	for (const struct node *p = n->parent; p; p = p->parent)
		if (p->type == N_SECTION) {
			level = p->level;
			break;
		}
	return roles[level < 1 ? 0 : level > 5 ? 5 : level - 1];
}

/* ---- goal blocks ---- */

/* "Effektmål 1. ", "Uppdrag: " */
static void goal_prefix(const struct goal *g, struct buf *b)
{
	if (g->number[0])
		buf_printf(b, "%s %s. ", g->kind, g->number);
	else if (g->kind[0])
		buf_printf(b, "%s: ", g->kind);
}

/* the standard sentence of an Uppdrag's progress, from startat and klart */
static const char *goal_progress(const struct goal *g)
{
	int s = !strcmp(g->started, "ja"), sn = !strcmp(g->started, "nej");
	int k = !strcmp(g->done, "ja"), kn = !strcmp(g->done, "nej");
	if (s && k)
		return "Uppdraget har startat och bedöms vara klart vid årets slut.";
	if (s && kn)
		return "Uppdraget har startat men bedöms inte vara klart vid årets slut.";
	if (sn && k)
		return "Uppdraget har inte startat men bedöms vara klart vid årets slut.";
	if (sn && kn)
		return "Uppdraget har inte startat och bedöms inte vara klart vid årets slut.";
	return NULL;
}

/* value and unit as printed: "1 395 st" */
static void goal_value(struct arena *a, struct node *p, const char *v, const char *unit)
{
	struct buf b = {0};
	buf_puts(&b, v);
	if (v[0] && unit[0] && strcmp(v, "—"))
		buf_printf(&b, "\u00a0%s", unit);
	gtext(a, p, b.s ? b.s : "");
	buf_free(&b);
}

/* the indicator table of goal k */
static void goal_indicators(struct flow *f, const struct goalset *gs, int k,
	const struct node *n, double indent, int parent)
{
	int any = 0;
	for (int i = 0; i < gs->nind; i++)
		any |= gs->ind[i].goal == k;
	if (!any)
		return;
	struct arena a = {0};
	static const char *const head[] = { "Indikatorer", "Utfall", "Målvärde", "Status", "Trend" };
	static const char *const align[] = { NULL, "right", "right", NULL, "center" };
	/* the same columns under every goal, whatever their content */
	static const char *const width[] = { NULL, "12%", "12%", "17%", "8%" };
	struct node *t = gtable(&a, n->pos, head, align, width, 5);
	for (int i = 0; i < gs->nind; i++) {
		const struct gind *in = &gs->ind[i];
		if (in->goal != k)
			continue;
		struct node *r = grow(&a, t);
		struct node *p = gcell(&a, r);
		gspan(&a, p, EM_BOLD, in->text);
		if (in->comment[0]) {
			p = gnode(&a, N_PARA, p->parent, p->pos);
			gspan(&a, p, EM_ITALIC, "Kommentar");
			gtext(&a, p, " ");
			gtext(&a, p, in->comment);
		}
		goal_value(&a, gcell(&a, r), in->outcome, in->unit);
		goal_value(&a, gcell(&a, r), in->target, in->unit);
		p = gcell(&a, r);
		if (in->status)
			gsym(&a, p, GOAL_STATUS, in->status, SYMWORD_SHOWN);
		p = gcell(&a, r);
		if (in->trend)
			gsym(&a, p, GOAL_TREND, in->trend, SYMWORD_HIDDEN);
	}
	table_flow(f, t, indent, parent);
	arena_free(&a);
}

static void goal_block(struct flow *f, const struct goalset *gs, int k, const struct node *n,
	double indent, int parent)
{
	const struct goal *g = &gs->g[k];
	struct arena a = {0};
	const struct style *tst = goal_style(f, "goal-title", "h4", n->pos);
	const struct style *lst = goal_style(f, "goal-label", "h5", n->pos);
	const struct style *bst = flow_style(f, NULL, "body", n->pos);
	int sect = pdoc_selem(f->pd, "Sect", parent);
	/* the title with its symbols, kept with the start of the block */
	struct node *p = gnode(&a, N_PARA, NULL, n->pos);
	struct buf b = {0};
	goal_prefix(g, &b);
	buf_puts(&b, g->title);
	gtext(&a, p, b.s ? b.s : "");
	buf_free(&b);
	if (g->forecast) {
		/* a no-break space: a symbol never starts a line on its own */
		gtext(&a, p, "\u00a0");
		gsym(&a, p, GOAL_FORECAST, g->forecast, SYMWORD_HIDDEN);
	}
	if (g->trend) {
		gtext(&a, p, "\u00a0");
		gsym(&a, p, GOAL_TREND, g->trend, SYMWORD_HIDDEN);
	}
	const char *progress = goal_progress(g);
	int body = g->note || g->comment[0] || progress;
	for (int i = 0; i < gs->nind; i++)
		body |= gs->ind[i].goal == k;
	/* a title with nothing under it (an uppdrag in a plan) is a statement,
	 * not a heading, and keeps with nothing */
	flow_paragraph(f, p, tst, indent, pdoc_selem(f->pd, body ? goal_hrole(n) : "P", sect),
		body, NULL);
	if (g->note || g->comment[0] || progress) {
		p = gnode(&a, N_PARA, NULL, n->pos);
		gtext(&a, p, "Kommentar");
		flow_paragraph(f, p, lst, indent, pdoc_selem(f->pd, "P", sect), 1, NULL);
	}
	if (progress) {
		p = gnode(&a, N_PARA, NULL, n->pos);
		gspan(&a, p, EM_ITALIC, progress);
		flow_paragraph(f, p, bst, indent, pdoc_selem(f->pd, "P", sect), 0, NULL);
	}
	if (g->note) {
		flow_blocks(f, g->note->first, indent, sect);
	} else if (g->comment[0]) {
		p = gnode(&a, N_PARA, NULL, n->pos);
		gtext(&a, p, g->comment);
		flow_paragraph(f, p, bst, indent, pdoc_selem(f->pd, "P", sect), 0, NULL);
	}
	arena_free(&a);
	goal_indicators(f, gs, k, n, indent, sect);
}

void goal_flow(struct flow *f, const struct node *n, double indent, int parent)
{
	struct goalset gs;
	if (goal_load(n, f->d, f->lay, &gs, f->dg) == 0)
		for (int k = 0; k < gs.ng; k++)
			goal_block(f, &gs, k, n, indent, parent);
	goal_freeset(&gs);
}

/* ---- the summary ---- */

struct countarg {
	const struct doc *d;
	const struct layout *lay;
	const struct symset *set;	/* the forecast set */
	struct goalcount *c;
	int n, max;
	struct diag *dg;
};

static void goal_countblock(const struct node *n, void *arg)
{
	struct countarg *ca = arg;
	struct goalset gs;
	if (goal_load(n, ca->d, ca->lay, &gs, ca->dg) == 0) {
		for (int k = 0; k < gs.ng; k++) {
			const struct goal *g = &gs.g[k];
			if (!g->forecast)
				continue;
			int i;
			for (i = 0; i < ca->n && strcmp(ca->c[i].kind, g->kind); i++)
				;
			if (i == ca->n) {
				if (ca->n == ca->max)
					continue;
				memset(&ca->c[i], 0, sizeof(ca->c[i]));
				snprintf(ca->c[i].kind, sizeof(ca->c[i].kind), "%s", g->kind);
				ca->n++;
			}
			ca->c[i].n[g->forecast - ca->set->sym]++;
			ca->c[i].total++;
		}
	}
	goal_freeset(&gs);
}

int goal_count(const struct doc *d, const struct layout *lay, struct goalcount *c, int max)
{
	struct quiet q;
	goal_quiet(&q);
	struct countarg ca = { d, lay, symbol_set(lay, GOAL_FORECAST), c, 0, max, &q.dg };
	if (ca.set)
		goal_walk(d->root, N_GOALS, goal_countblock, &ca);
	goal_unquiet(&q);
	return ca.n;
}

/* "Uppnå …" from "uppnå …": a label as a column heading */
static char *goal_capital(const char *s)
{
	static const char *const pairs[][2] = { {"å", "Å"}, {"ä", "Ä"}, {"ö", "Ö"}, {"é", "É"} };
	struct buf b = {0};
	size_t i;
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		if (strncmp(s, pairs[i][0], strlen(pairs[i][0])) == 0) {
			buf_printf(&b, "%s%s", pairs[i][1], s + strlen(pairs[i][0]));
			return buf_take(&b);
		}
	buf_puts(&b, s);
	if (b.len && b.s[0] >= 'a' && b.s[0] <= 'z')
		b.s[0] = (char)(b.s[0] - 'a' + 'A');
	return buf_take(&b);
}

/* with check="file": the typed summary must say what the data says */
static void goal_checksum(const struct node *n, const struct doc *d,
	const struct goalcount *c, int nc, const char *const *labels, int nsym, struct diag *dg)
{
	const char *src = symbol_attr(n, "check");
	if (!src)
		return;
	char *path = path_join(doc_dir(n, d), src);
	struct csv *t = csv_read(path, 0, dg);
	free(path);
	if (!t)
		return;
	if (csv_nrows(t) != nc || csv_ncols(t) != nsym + 1)
		diag_error(dg, csv_pos(t, -1, 0), "the summary in %s has %d rows of %d columns, but "
			"the goal blocks give %d rows of %d", csv_file(t), csv_nrows(t),
			csv_ncols(t), nc, nsym + 1);
	for (int r = 0; r < nc && r < csv_nrows(t); r++) {
		if (strcmp(goal_cell(t, r, 0), labels[r]) != 0)
			diag_error(dg, csv_pos(t, r, 0), "the data says \"%s\", but the goal blocks "
				"give \"%s\"", goal_cell(t, r, 0), labels[r]);
		for (int i = 0; i < nsym && i + 1 < csv_ncols(t); i++) {
			const char *v = goal_cell(t, r, i + 1);
			char *end;
			long k = strtol(v, &end, 10);
			if (*end || end == v || k != c[r].n[i])
				diag_error(dg, csv_pos(t, r, i + 1), "the data says %s for \"%s\", but "
					"the goal blocks count %d", v, labels[r], c[r].n[i]);
		}
	}
	csv_free(t);
}

void goal_summary(struct flow *f, const struct node *n, double indent, int parent)
{
	const struct symset *set = symbol_set(f->lay, GOAL_FORECAST);
	if (!set) {
		symbol_lookup(f->lay, GOAL_FORECAST, NULL, n->pos, "", f->dg);
		return;
	}
	struct goalcount c[16];
	/* the goals of the report the summary belongs to, also when it is
	 * included in another (doc_home) */
	int nc = goal_count(doc_home(n, f->d), f->lay, c, 16);
	/* the <kind>s give the order of the rows; kinds they do not name follow */
	int at = 0;
	for (const struct node *x = n->first; x; x = x->next) {
		const char *name = x->type == N_LABEL ? symbol_attr(x, "name") : NULL;
		for (int k = at; name && k < nc; k++)
			if (!strcmp(c[k].kind, name)) {
				struct goalcount tmp = c[k];
				memmove(&c[at + 1], &c[at], sizeof(*c) * (size_t)(k - at));
				c[at++] = tmp;
				break;
			}
	}
	struct arena a = {0};
	const char *head[1 + SYMBOL_MAXSYMS], *align[1 + SYMBOL_MAXSYMS] = { NULL };
	const char *h = symbol_attr(n, "heading");
	head[0] = h ? h : "Prognos måluppfyllelse";
	for (int i = 0; i < set->nsym; i++) {
		char *cap = goal_capital(set->sym[i].label);
		head[1 + i] = arena_strdup(&a, cap);
		free(cap);
		align[1 + i] = "center";
	}
	struct node *t = gtable(&a, n->pos, head, align, NULL, 1 + set->nsym);
	/* two header rows: the labels, then each symbol with its value */
	struct node *th = gnode(&a, N_THEAD, t, n->pos);
	struct node *r = grow(&a, th);
	for (int i = 0; i <= set->nsym; i++)
		gtext(&a, gcellal(&a, r, align[i]), head[i]);
	r = grow(&a, th);
	gcell(&a, r);
	for (int i = 0; i < set->nsym; i++) {
		struct node *p = gcellal(&a, r, "center");
		gsym(&a, p, GOAL_FORECAST, &set->sym[i], SYMWORD_NONE);
		gtext(&a, p, "\u00a0");
		gtext(&a, p, set->sym[i].value);
	}
	const char *labels[16];
	for (int k = 0; k < nc; k++) {
		r = grow(&a, t);
		struct node *p = gcell(&a, r);
		const struct node *lab = NULL;
		for (const struct node *x = n->first; x; x = x->next)
			if (x->type == N_LABEL && symbol_attr(x, "name") &&
					!strcmp(symbol_attr(x, "name"), c[k].kind))
				lab = x;
		struct buf b = {0};
		char *plain = lab ? doc_plaintext(lab) : NULL;
		buf_printf(&b, "%s (%d st)", plain ? plain : c[k].kind, c[k].total);
		free(plain);
		labels[k] = arena_strndup(&a, b.s, b.len);
		gtext(&a, p, labels[k]);
		buf_free(&b);
		for (int i = 0; i < set->nsym; i++) {
			char num[16];
			snprintf(num, sizeof(num), "%d", c[k].n[i]);
			gtext(&a, gcell(&a, r), num);
		}
	}
	goal_checksum(n, f->d, c, nc, labels, set->nsym, f->dg);
	table_flow(f, t, indent, parent);
	arena_free(&a);
}

/* ---- symbols in use, for legends ---- */

struct usedarg {
	const struct doc *d;
	const struct layout *lay;
	const struct symset *s;
	char *used;
	struct diag *dg;
};

static void goal_mark(struct usedarg *u, const struct symdef *d)
{
	if (d && d >= u->s->sym && d < u->s->sym + u->s->nsym)
		u->used[d - u->s->sym] = 1;
}

static void goal_usedgoals(const struct node *n, void *arg)
{
	struct usedarg *u = arg;
	struct goalset gs;
	goal_load(n, u->d, u->lay, &gs, u->dg);
	for (int k = 0; k < gs.ng; k++) {
		goal_mark(u, gs.g[k].forecast);
		goal_mark(u, gs.g[k].trend);
	}
	for (int i = 0; i < gs.nind; i++) {
		goal_mark(u, gs.ind[i].status);
		goal_mark(u, gs.ind[i].trend);
	}
	goal_freeset(&gs);
}

/* the internal-control file of n, its columns in col[] (område, risk,
 * status, åtgärd, kommentar); NULL after errors */
static struct csv *goal_icload(const struct node *n, const struct doc *d, int *col,
	struct diag *dg)
{
	if (!symbol_attr(n, "src"))
		return NULL;	/* the schema requires it */
	char *path = path_join(doc_dir(n, d), symbol_attr(n, "src"));
	struct csv *t = csv_read(path, 0, dg);
	free(path);
	if (!t)
		return NULL;
	static const char *const names[] = { "område", "risk", "status", "åtgärd", "kommentar" };
	int before = dg->nerr;
	for (int i = 0; i < 5; i++)
		col[i] = goal_col(t, names[i], i < 4, n->pos, dg);
	if (dg->nerr > before) {
		csv_free(t);
		return NULL;
	}
	return t;
}

static void goal_usedic(const struct node *n, void *arg)
{
	struct usedarg *u = arg;
	int col[5];
	struct csv *t = goal_icload(n, u->d, col, u->dg);
	for (int r = 0; t && r < csv_nrows(t); r++)
		goal_mark(u, goal_sym(u->lay, GOAL_CONTROL, t, r, col[2], "the status", u->dg));
	csv_free(t);
}

void goal_used(const struct doc *d, const struct layout *lay, const struct symset *s,
	char *used)
{
	struct quiet q;
	goal_quiet(&q);
	struct usedarg u = { d, lay, s, used, &q.dg };
	goal_walk(d->root, N_GOALS, goal_usedgoals, &u);
	goal_walk(d->root, N_INTCTRL, goal_usedic, &u);
	goal_unquiet(&q);
}

/* ---- internal control ---- */

void goal_intctrl(struct flow *f, const struct node *n, double indent, int parent)
{
	int col[5];
	struct csv *t = goal_icload(n, f->d, col, f->dg);
	if (!t)
		return;
	int before = f->dg->nerr;
	const struct symdef **st = xcalloc((size_t)csv_nrows(t) + 1, sizeof(*st));
	for (int r = 0; r < csv_nrows(t); r++)
		st[r] = goal_sym(f->lay, GOAL_CONTROL, t, r, col[2], "the status", f->dg);
	const char *hrole = goal_hrole(n);
	char hname[4] = { 'h', hrole[1], 0, 0 };
	const struct style *hst = goal_style(f, "control-area", hname, n->pos);
	const struct style *rst = goal_style(f, "control-risk", "body", n->pos);
	static const char *const head[] = { "Status", "Åtgärd" };
	static const char *const align[] = { "center", NULL };
	static const char *const width[] = { "10%", NULL };
	int sect = -1;
	for (int r = 0; f->dg->nerr == before && r < csv_nrows(t);) {
		struct arena a = {0};
		const char *area = goal_cell(t, r, col[0]), *risk = goal_cell(t, r, col[1]);
		if (r == 0 || strcmp(area, goal_cell(t, r - 1, col[0]))) {
			sect = pdoc_selem(f->pd, "Sect", parent);
			struct node *p = gnode(&a, N_PARA, NULL, n->pos);
			gtext(&a, p, area);
			flow_paragraph(f, p, hst, indent, pdoc_selem(f->pd, hrole, sect), 1, NULL);
		}
		struct node *p = gnode(&a, N_PARA, NULL, n->pos);
		gspan(&a, p, EM_ITALIC, risk);
		flow_paragraph(f, p, rst, indent, pdoc_selem(f->pd, "P", sect), 1, NULL);
		/* the actions of one risk: consecutive rows with its area and risk */
		struct node *tab = gtable(&a, n->pos, head, align, width, 2);
		do {
			struct node *row = grow(&a, tab);
			p = gcell(&a, row);
			if (st[r])
				gsym(&a, p, GOAL_CONTROL, st[r], SYMWORD_HIDDEN);
			p = gcell(&a, row);
			gspan(&a, p, EM_BOLD, goal_cell(t, r, col[3]));
			const char *cm = goal_cell(t, r, col[4]);
			if (cm[0]) {
				p = gnode(&a, N_PARA, p->parent, p->pos);
				gspan(&a, p, EM_ITALIC, "Kommentar");
				gtext(&a, p, " ");
				gtext(&a, p, cm);
			}
			r++;
		} while (r < csv_nrows(t) && !strcmp(goal_cell(t, r, col[0]), area) &&
			!strcmp(goal_cell(t, r, col[1]), risk));
		table_flow(f, tab, indent, sect);
		arena_free(&a);
	}
	free(st);
	csv_free(t);
}
