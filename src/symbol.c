/*
 * symbol: status symbol sets and legends.  The sets arrive from the layout
 * loader (style.c hands each <symbols> element here), the uses from the
 * document tree: inline N_SYMBOL nodes (set by para.c, checked here before
 * anything is set) and N_LEGEND blocks.  Nothing about a symbol's look or
 * wording is in the code: shape, colour, legend label and word all come
 * from the layout, so another region's legend is a layout change.
 */
#include <stdlib.h>
#include <string.h>

#include "goal.h"
#include "symbol.h"
#include "xml.h"

/* shape names as layouts write them, in enum shape order */
static const char *const symbol_shapes[] = {"circle", "diamond", "square", "triangle-up",
	"triangle-down", "arrow-up", "arrow-right", "arrow-down", "arrow-upright",
	"arrow-downright", "cross", "ring"};

const char *symbol_attr(const struct node *n, const char *name)
{
	for (char **a = n ? n->attr : NULL; a && a[0]; a += 2)
		if (strcmp(a[0], name) == 0)
			return a[1];
	return NULL;
}

void symbol_metrics(const struct layout *lay, int face, double size, double *side,
	double *pad)
{
	const struct font *fn = &lay->fonts.face[face >= 0 && face < FACE_MAX ? face : 0];
	/* as high as a capital letter: it reads as part of the line, and a
	 * circle that size is as heavy as a bold capital O */
	double cap = fn->upem > 0 && fn->capheight > 0 ? (double)fn->capheight / fn->upem : 0.7;
	*side = cap * size;
	*pad = 0.08 * size;
}

static char *symbol_xattr(xmlNodePtr x, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(x, (const xmlChar *)name);
	if (!v)
		return NULL;
	char *s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

static void symbol_freeset(struct symset *s)
{
	for (int i = 0; i < s->nsym; i++) {
		free(s->sym[i].value);
		free(s->sym[i].label);
		free(s->sym[i].word);
	}
	free(s->sym);
	free(s->name);
	free(s->title);
	memset(s, 0, sizeof(*s));
}

/* one <symbol>; 0 when it was added */
static int symbol_one(struct symset *s, xmlNodePtr k, const char *file, struct diag *dg)
{
	struct pos pos = xml_pos(file, k);
	if (s->nsym == SYMBOL_MAXSYMS) {
		diag_error(dg, pos, "a symbol set has at most %d symbols", SYMBOL_MAXSYMS);
		return -1;
	}
	struct symdef d = {0};
	d.value = symbol_xattr(k, "value");
	d.label = symbol_xattr(k, "label");
	d.word = symbol_xattr(k, "word");
	char *shape = symbol_xattr(k, "shape"), *color = symbol_xattr(k, "color");
	int ok = d.value && d.value[0] && d.label && shape && color && color[0] == '#' &&
		strlen(color) == 7 && strspn(color + 1, "0123456789abcdefABCDEF") == 6;
	int sh = -1;
	for (int i = 0; ok && i < (int)(sizeof(symbol_shapes) / sizeof(symbol_shapes[0])); i++)
		if (strcmp(shape, symbol_shapes[i]) == 0)
			sh = i;
	if (!ok) {
		diag_error(dg, pos, "a <symbol> needs value, shape, color (#rrggbb) and label");
	} else if (sh < 0) {
		diag_error(dg, pos, "unknown symbol shape \"%s\"", shape);
		ok = 0;
	}
	for (int i = 0; ok && i < s->nsym; i++)
		if (strcmp(s->sym[i].value, d.value) == 0) {
			diag_error(dg, pos, "symbol set \"%s\" has the value \"%s\" twice",
				s->name, d.value);
			ok = 0;
		}
	if (ok) {
		unsigned long c = strtoul(color + 1, NULL, 16);
		d.color = (struct rgb){ (float)((c >> 16) & 0xff) / 255.0f,
			(float)((c >> 8) & 0xff) / 255.0f, (float)(c & 0xff) / 255.0f };
		d.shape = (enum shape)sh;
		if (!d.word || !d.word[0]) {
			free(d.word);
			d.word = xstrdup(d.label);
		}
		int cap = s->nsym;
		s->sym = xgrow(s->sym, sizeof(*s->sym), s->nsym + 1, &cap);
		s->sym[s->nsym++] = d;
	} else {
		free(d.value);
		free(d.label);
		free(d.word);
	}
	free(shape);
	free(color);
	return ok ? 0 : -1;
}

void symbol_read(struct symset **sets, int *nsets, xmlNodePtr x, const char *file,
	struct diag *dg)
{
	struct symset s = {0};
	s.name = symbol_xattr(x, "name");
	s.title = symbol_xattr(x, "title");
	if (!s.name || !s.name[0]) {
		diag_error(dg, xml_pos(file, x), "<symbols> needs a name");
		symbol_freeset(&s);
		return;
	}
	for (xmlNodePtr k = x->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE && strcmp((const char *)k->name, "symbol") == 0)
			symbol_one(&s, k, file, dg);
	/* a variant layout replaces an inherited set of the same name */
	for (int i = 0; i < *nsets; i++) {
		if (strcmp((*sets)[i].name, s.name) == 0) {
			symbol_freeset(&(*sets)[i]);
			(*sets)[i] = s;
			return;
		}
	}
	if (*nsets == SYMBOL_MAXSETS) {
		diag_error(dg, xml_pos(file, x), "a layout has at most %d symbol sets",
			SYMBOL_MAXSETS);
		symbol_freeset(&s);
		return;
	}
	int cap = *nsets;
	*sets = xgrow(*sets, sizeof(**sets), *nsets + 1, &cap);
	(*sets)[(*nsets)++] = s;
}

void symbol_free(struct symset *sets, int nsets)
{
	for (int i = 0; i < nsets; i++)
		symbol_freeset(&sets[i]);
	free(sets);
}

const struct symset *symbol_set(const struct layout *lay, const char *name)
{
	for (int i = 0; lay && name && i < lay->nsymset; i++)
		if (strcmp(lay->symset[i].name, name) == 0)
			return &lay->symset[i];
	return NULL;
}

const struct symdef *symbol_find(const struct symset *s, const char *value)
{
	for (int i = 0; s && value && i < s->nsym; i++)
		if (strcmp(s->sym[i].value, value) == 0)
			return &s->sym[i];
	return NULL;
}

const struct symdef *symbol_lookup(const struct layout *lay, const char *set,
	const char *value, struct pos pos, const char *what, struct diag *dg)
{
	const struct symset *s = symbol_set(lay, set);
	struct buf b = {0};
	if (!s) {
		for (int i = 0; i < lay->nsymset && b.len < 400; i++)
			buf_printf(&b, "%s\"%s\"", i ? ", " : "", lay->symset[i].name);
		diag_error(dg, pos, "layout '%s' has no symbol set \"%s\"; its sets are %s",
			lay->name, set ? set : "", b.len ? b.s : "none");
		buf_free(&b);
		return NULL;
	}
	const struct symdef *d = symbol_find(s, value);
	if (d)
		return d;
	for (int i = 0; i < s->nsym && b.len < 400; i++)
		buf_printf(&b, "%s\"%s\"", i ? ", " : "", s->sym[i].value);
	diag_error(dg, pos, "%s \"%s\" is not in symbol set \"%s\"; its values are %s",
		what, value ? value : "", s->name, b.len ? b.s : "none");
	buf_free(&b);
	return NULL;
}

static void symbol_walk(const struct node *n, const struct layout *lay, struct diag *dg)
{
	for (const struct node *c = n->first; c; c = c->next) {
		if (c->type == N_SYMBOL)
			symbol_lookup(lay, symbol_attr(c, "set"), symbol_attr(c, "value"), c->pos,
				"the value", dg);
		else if (c->type == N_LEGEND)
			for (const char *s = symbol_attr(c, "sets"); s && *s;) {
				size_t k = strcspn(s, " ");
				char *name = xstrndup(s, k);
				if (k && !symbol_set(lay, name))
					symbol_lookup(lay, name, NULL, c->pos, "", dg);
				free(name);
				s += k + (s[k] == ' ');
			}
		symbol_walk(c, lay, dg);
	}
}

int symbol_check(const struct doc *d, const struct layout *lay, struct diag *dg)
{
	int before = dg->nerr;
	symbol_walk(d->root, lay, dg);
	return dg->nerr > before ? -1 : 0;
}

/* one paragraph of the legend, set like body text */
static void symbol_para(struct flow *f, struct para *p, const struct style *st,
	double indent, const struct node *n)
{
	para_finish(p, st);
	struct pset ps = { .st = st, .indent = indent + st->indent,
		.measure = f->measure - indent - st->indent, .pos = n->pos };
	flow_space(f, st->before);
	flow_lines(f, p, &ps, NULL);
	para_free(p);
	f->pending = st->after;
}

/* mark the symbols of set s that inline <symbol>s use */
static void symbol_usedinline(const struct node *n, const struct symset *s, char *used)
{
	for (const struct node *c = n->first; c; c = c->next) {
		const char *set = c->type == N_SYMBOL ? symbol_attr(c, "set") : NULL;
		const struct symdef *d = set && !strcmp(set, s->name) ?
			symbol_find(s, symbol_attr(c, "value")) : NULL;
		if (d)
			used[d - s->sym] = 1;
		symbol_usedinline(c, s, used);
	}
}

void symbol_legend(struct flow *f, const struct node *n, double indent, int parent)
{
	const char *all = symbol_attr(n, "all");
	const struct style *tst = flow_style(f, layout_style(f->lay, "legend-title") ?
		"legend-title" : NULL, "body", n->pos);
	const struct style *st = flow_style(f, layout_style(f->lay, "legend") ? "legend" : NULL,
		"body", n->pos);
	for (const char *s = symbol_attr(n, "sets"); s && *s;) {
		size_t k = strcspn(s, " ");
		char *name = xstrndup(s, k);
		s += k + (s[k] == ' ');
		const struct symset *set = symbol_set(f->lay, name);
		free(name);
		if (!set)
			continue;	/* symbol_check has said so */
		/* the symbols the report uses, unless it uses none or asks for all */
		char used[SYMBOL_MAXSYMS] = {0};
		int nused = 0;
		if (!all || strcmp(all, "yes")) {
			goal_used(f->d, f->lay, set, used);
			symbol_usedinline(f->d->root, set, used);
			for (int i = 0; i < set->nsym; i++)
				nused += used[i];
		}
		if (nused == 0)
			memset(used, 1, sizeof(used));
		struct para p;
		if (set->title) {
			para_init(&p, f->lay, &f->pd->mem, f->dg, 1);
			p.hyph = f->hyph;
			para_text(&p, set->title, strlen(set->title), tst->face, tst,
				pdoc_selem(f->pd, "P", parent), -1, n->pos);
			symbol_para(f, &p, tst, indent, n);
		}
		para_init(&p, f->lay, &f->pd->mem, f->dg, 1);
		p.hyph = f->hyph;
		p.pd = f->pd;
		int tag = pdoc_selem(f->pd, "P", parent);
		for (int i = 0, left = nused ? nused : set->nsym; i < set->nsym; i++) {
			const struct symdef *d = &set->sym[i];
			if (!used[i])
				continue;
			para_symbol(&p, d, st->face, st, tag, SYMWORD_HIDDEN);
			/* "● = uppnå …, ◆ = …": the no-break space keeps "=" with it */
			struct buf b = {0};
			buf_printf(&b, "\u00a0= %s%s", d->label, --left > 0 ? ", " : "");
			const char *t = arena_strndup(&f->pd->mem, b.s, b.len);
			para_text(&p, t, b.len, st->face, st, tag, -1, n->pos);
			buf_free(&b);
		}
		symbol_para(f, &p, st, indent, n);
	}
}
