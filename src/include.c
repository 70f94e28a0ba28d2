/*
 * include: <include> elements, resolved while a report loads.  parse.c
 * reads the element's attributes and calls include_part; this loads the
 * other report through parse_report_inc (once per file and render: the
 * cache is keyed by device and inode, so two spellings of one path are one
 * file), refuses cycles by the chain of reports being loaded, finds the
 * element by id and copies its subtree into the including document, where
 * doc_finish numbers and indexes it like everything written there.  The
 * copies share text, attributes and chart definitions with the original,
 * which the state keeps alive as long as the including document.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "include.h"
#include "parse.h"

/* sections nest this deep at most, as parse.c checks for written ones */
#define INC_MAXLEVEL 6

/* a report loaded for an include */
struct incfile {
	dev_t dev;		/* the file's identity */
	ino_t ino;
	struct doc *d;		/* the report, or NULL when it failed to load */
};

/* a report being loaded now */
struct inclink {
	dev_t dev;		/* the file's identity, when known */
	ino_t ino;
	int known;		/* stat succeeded */
	char *path;		/* as its includer spelt it */
};

/* a part copied into a document, until include_ids has checked its ids */
struct incpart {
	const struct doc *dest;	/* the document it was copied into */
	const struct node *root;	/* the copy of the element taken */
	struct pos at;		/* the <include> */
};

struct incstate {
	struct incfile *file;	/* reports loaded, each once */
	int nfile, capfile;
	struct inclink chain[INCLUDE_MAXDEPTH + 1];	/* outermost first */
	int depth;		/* links in use */
	struct incpart *part;	/* parts not yet checked */
	int npart, cappart;
	long copied;		/* nodes copied by every include so far */
};

/* what one copy needs to know */
struct copy {
	struct doc *d;		/* the including document */
	const struct node *part;	/* the element taken, in its own report */
	const struct incspec *sp;
	struct incstate *s;
	struct diag *dg;
	int keepid;		/* the part takes sp->id instead of its own */
	int deep;		/* sections nest too deep: reported */
	int stop;		/* the node limit is reached: reported, copy no more */
};

struct incstate *include_new(const char *path)
{
	struct incstate *s = xcalloc(1, sizeof(*s));
	struct stat st;
	struct inclink *l = &s->chain[0];
	l->known = stat(path, &st) == 0;
	if (l->known) {
		l->dev = st.st_dev;
		l->ino = st.st_ino;
	}
	l->path = xstrdup(path);
	s->depth = 1;
	return s;
}

void include_free(struct incstate *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->nfile; i++)
		doc_free(s->file[i].d);
	free(s->file);
	for (int i = 0; i < s->depth; i++)
		free(s->chain[i].path);
	free(s->part);
	free(s);
}

/* the report at path for an include at `at`: from the cache, or loaded
 * now; NULL after reporting why not */
static struct doc *inc_load(struct incstate *s, const char *path, const char *datadir,
	struct pos at, struct diag *dg)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		char why[128];
		int e = errno;
		if (strerror_r(e, why, sizeof(why)) != 0)
			snprintf(why, sizeof(why), "error %d", e);
		diag_error(dg, at, "cannot include %s: %s", path, why);
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_error(dg, at, "cannot include %s: it is not a file", path);
		return NULL;
	}
	for (int i = 0; i < s->depth; i++) {
		const struct inclink *l = &s->chain[i];
		if (!l->known || l->dev != st.st_dev || l->ino != st.st_ino)
			continue;
		struct buf b = {0};
		for (int k = i; k < s->depth; k++)
			buf_printf(&b, "%s → ", s->chain[k].path);
		buf_puts(&b, path);
		diag_error(dg, at, "this include makes a cycle: %s", b.s);
		buf_free(&b);
		return NULL;
	}
	for (int i = 0; i < s->nfile; i++) {
		if (s->file[i].dev != st.st_dev || s->file[i].ino != st.st_ino)
			continue;
		if (!s->file[i].d)
			diag_error(dg, at, "cannot include %s: it has errors (reported above)", path);
		return s->file[i].d;
	}
	if (s->depth > INCLUDE_MAXDEPTH) {
		diag_error(dg, at, "includes nest more than %d reports deep", INCLUDE_MAXDEPTH);
		return NULL;
	}
	if (s->nfile >= INCLUDE_MAXFILES) {
		diag_error(dg, at, "a report and its includes may include at most %d other "
			"reports", INCLUDE_MAXFILES);
		return NULL;
	}
	struct inclink *l = &s->chain[s->depth++];
	*l = (struct inclink){ st.st_dev, st.st_ino, 1, xstrdup(path) };
	struct doc *r = parse_report_inc(path, datadir, dg, s);
	free(s->chain[--s->depth].path);
	s->file = xgrow(s->file, sizeof(*s->file), s->nfile + 1, &s->capfile);
	s->file[s->nfile++] = (struct incfile){ st.st_dev, st.st_ino, r };
	if (!r)
		diag_note(dg, at, "%s is included here", path);
	return r;
}

/* the elements that can stand where an <include> stands */
static int inc_block(enum node_type t)
{
	switch (t) {
	case N_SECTION:
	case N_PARA:
	case N_LIST:
	case N_TABLE:
	case N_CHART:
	case N_LEGEND:
	case N_GOALS:
	case N_GOALSUM:
	case N_INTCTRL:
		return 1;
	default:
		return 0;
	}
}

static const char *inc_attr(const struct node *n, const char *name)
{
	for (char **a = n->attr; a && a[0] && a[1]; a += 2)
		if (strcmp(a[0], name) == 0)
			return a[1];
	return NULL;
}

static int inc_inside(const struct node *n, const struct node *part)
{
	for (; n; n = n->parent)
		if (n == part)
			return 1;
	return 0;
}

/* the level of a section appended to parent */
static int inc_level(const struct node *parent)
{
	for (const struct node *p = parent; p; p = p->parent)
		if (p->type == N_SECTION)
			return p->level + 1;
	return 1;
}

/* an id of the part as it is named here */
static char *inc_id(struct copy *c, const struct node *x, const char *id)
{
	if (x == c->part && c->keepid)
		return (char *)c->sp->id;
	if (!c->sp->prefix)
		return (char *)id;
	struct buf b = {0};
	buf_printf(&b, "%s%s", c->sp->prefix, id);
	char *r = arena_strdup(&c->d->mem, b.s);
	buf_free(&b);
	return r;
}

/* the section whose goals a <goals> without section= shows, as goal.c
 * finds it in the block's own report: the nearest enclosing section,
 * within the part the block may itself have been included with */
static const char *inc_goalsection(const struct node *x)
{
	for (const struct node *p = x; p->parent && !p->from; p = p->parent)
		if (p->parent->type == N_SECTION)
			return p->parent->id;
	return NULL;
}

/* attrs with name=value added, in the document's arena */
static char **inc_addattr(struct doc *d, char **attrs, const char *name, const char *value)
{
	int k = 0;
	while (attrs && attrs[k])
		k++;
	char **a = arena_alloc(&d->mem, sizeof(*a) * (size_t)(k + 3));
	for (int i = 0; i < k; i++)
		a[i] = attrs[i];
	a[k] = (char *)name;
	a[k + 1] = (char *)value;
	a[k + 2] = NULL;
	return a;
}

/* what depends on where a node stands: section levels, references (which
 * must stay inside the part) and the section a goal block filters by */
static void inc_context(struct copy *c, const struct node *x, struct node *n)
{
	switch (x->type) {
	case N_SECTION:
		n->level = inc_level(n->parent);
		if (n->level > INC_MAXLEVEL && !c->deep) {
			diag_error(c->dg, c->sp->pos, "the included sections would nest %d levels "
				"deep here; sections nest at most %d levels deep", n->level,
				INC_MAXLEVEL);
			c->deep = 1;
		}
		break;
	case N_REF:
		if (x->target && inc_inside(x->target, c->part)) {
			n->href = inc_id(c, x->target, x->href);
		} else {
			diag_error(c->dg, c->sp->pos, "the part \"%s\" refers to \"%s\", which "
				"is not part of it: include that too, or write this text here",
				c->sp->ref, x->href ? x->href : "");
			diag_note(c->dg, x->pos, "the reference is here");
			/* reported once: doc_finish need not find it again */
			n->type = N_TEXT;
			n->text = arena_strdup(&c->d->mem, "");
		}
		break;
	case N_GOALS:
		/* the enclosing section's id filters the goals; here it has
		 * another id or is another section, so name it outright */
		if (!inc_attr(x, "section") && inc_goalsection(x))
			n->attr = inc_addattr(c->d, x->attr, "section", inc_goalsection(x));
		break;
	default:
		break;
	}
}

/* copy x and its subtree to the end of parent's children */
static struct node *inc_copy(struct copy *c, const struct node *x, struct node *parent)
{
	if (c->stop)
		return NULL;
	if (++c->s->copied > INCLUDE_MAXNODES) {
		diag_error(c->dg, c->sp->pos, "the includes of this report copy more than %ld "
			"elements and texts", INCLUDE_MAXNODES);
		c->stop = 1;
		return NULL;
	}
	struct node *n = doc_node(c->d, x->type, x->pos);
	*n = *x;
	n->parent = n->first = n->last = n->next = NULL;
	n->serial = -1;
	n->number = NULL;
	n->target = NULL;
	doc_append(parent, n);
	if (x->id)
		n->id = inc_id(c, x, x->id);
	inc_context(c, x, n);
	for (const struct node *k = x->first; k && !c->stop; k = k->next)
		inc_copy(c, k, n);
	return n;
}

/* a title holding text, for a heading given by the include */
static struct node *inc_title(struct doc *d, const char *text, struct pos pos)
{
	struct node *t = doc_node(d, N_TITLE, pos);
	struct node *s = doc_node(d, N_TEXT, pos);
	s->text = (char *)text;
	doc_append(t, s);
	return t;
}

/* numbered="…" of the include on the section it made or took */
static void inc_numbered(struct node *sec, const char *numbered)
{
	if (!numbered)
		return;
	sec->num = strcmp(numbered, "yes") == 0 ? NUM_SHOW :
		strcmp(numbered, "hidden") == 0 ? NUM_HIDE : NUM_NONE;
	sec->toc = sec->num != NUM_NONE;
}

int include_part(struct doc *d, struct node *parent, const struct incspec *sp,
	const char *datadir, struct incstate *s, struct diag *dg)
{
	if (!sp->report || !sp->ref || !s)
		return -1;	/* the schema requires both */
	int before = dg->nerr;
	char *path = path_join(d->dir, sp->report);
	struct doc *src = inc_load(s, path, datadir, sp->pos, dg);
	free(path);
	if (!src)
		return -1;
	const struct node *x = doc_byid(src, sp->ref);
	if (!x) {
		diag_error(dg, sp->pos, "%s has no element with the id \"%s\"", src->path, sp->ref);
		return -1;
	}
	if (!inc_block(x->type)) {
		diag_error(dg, sp->pos, "\"%s\" in %s cannot be included: it is not a block "
			"such as a section, a paragraph or a table", sp->ref, src->path);
		return -1;
	}
	int wrap = sp->heading && x->type != N_SECTION;
	struct copy c = { d, x, sp, s, dg, sp->id && !wrap, 0, 0 };
	struct node *at = parent;
	if (wrap) {
		/* a heading for a part that has none: a section around it */
		at = doc_node(d, N_SECTION, sp->pos);
		doc_append(parent, at);
		at->level = inc_level(parent);
		at->id = (char *)sp->id;
		doc_append(at, inc_title(d, sp->heading, sp->pos));
		inc_numbered(at, sp->numbered);
		if (at->level > INC_MAXLEVEL) {
			diag_error(dg, sp->pos, "this heading would be at level %d; sections nest "
				"at most %d levels deep", at->level, INC_MAXLEVEL);
			c.deep = 1;
		}
	}
	struct node *root = inc_copy(&c, x, at);
	if (!root)
		return -1;
	root->from = doc_home(x, src);
	if (x->type == N_SECTION) {
		struct node *old = doc_title(root);
		if (sp->heading && old) {
			struct node *t = inc_title(d, sp->heading, sp->pos);
			t->parent = root;
			t->next = old->next;
			root->first = t;
			if (root->last == old)
				root->last = t;
		}
		inc_numbered(root, sp->numbered);
	}
	s->part = xgrow(s->part, sizeof(*s->part), s->npart + 1, &s->cappart);
	s->part[s->npart++] = (struct incpart){ d, root, sp->pos };
	return dg->nerr > before ? -1 : 0;
}

/* ---- ids shared between an included part and the rest ---- */

/* a node with an id, and the part it came with (-1: written here) */
struct idref {
	struct node *n;
	int part;		/* index into the parts of the document */
	long order;		/* document order */
};

static int inc_cmpid(const void *a, const void *b)
{
	const struct idref *x = a, *y = b;
	int c = strcmp(x->n->id, y->n->id);
	return c ? c : (x->order > y->order) - (x->order < y->order);
}

struct idwalk {
	const struct incpart **part;	/* the document's parts in document order */
	int npart;
	int next;		/* the next part the walk will meet */
	struct idref *v;
	int nv, cap;
};

/* collect the ids below n; parts are met in the order they were copied,
 * which is document order */
static void inc_collect(struct idwalk *w, struct node *n, int part)
{
	if (part < 0 && n->from && w->next < w->npart && w->part[w->next]->root == n)
		part = w->next++;
	if (n->id) {
		w->v = xgrow(w->v, sizeof(*w->v), w->nv + 1, &w->cap);
		w->v[w->nv] = (struct idref){ n, part, w->nv };
		w->nv++;
	}
	for (struct node *k = n->first; k; k = k->next)
		inc_collect(w, k, part);
}

/* say where an id is: in a part included at …, or written at … */
static void inc_where(struct diag *dg, const struct idwalk *w, const struct idref *r)
{
	if (r->part >= 0)
		diag_note(dg, w->part[r->part]->at, "\"%s\" is in the part included here "
			"(%s:%d:%d)", r->n->id, r->n->pos.file ? r->n->pos.file : "",
			r->n->pos.line, r->n->pos.col);
	else
		diag_note(dg, r->n->pos, "\"%s\" is used here", r->n->id);
}

int include_ids(struct doc *d, struct incstate *s, struct diag *dg)
{
	if (!s || !d->root)
		return 0;
	struct idwalk w = {0};
	w.part = xmalloc(sizeof(*w.part) * (size_t)(s->npart + 1));
	for (int i = 0; i < s->npart; i++)
		if (s->part[i].dest == d)
			w.part[w.npart++] = &s->part[i];
	int before = dg->nerr;
	if (w.npart > 0) {
		inc_collect(&w, d->root, -1);
		qsort(w.v, (size_t)w.nv, sizeof(*w.v), inc_cmpid);
		for (int i = 0, first = 0; i < w.nv; i++) {
			if (i == 0 || strcmp(w.v[i].n->id, w.v[first].n->id) != 0) {
				first = i;
				continue;
			}
			const struct idref *a = &w.v[first], *b = &w.v[i];
			if (a->part < 0 && b->part < 0)
				continue;	/* doc_finish reports these */
			diag_error(dg, b->part >= 0 ? w.part[b->part]->at : b->n->pos,
				"the id \"%s\" is used twice: give the <include> a prefix",
				b->n->id);
			inc_where(dg, &w, a);
			inc_where(dg, &w, b);
			b->n->id = NULL;
		}
	}
	free(w.v);
	free(w.part);
	/* the parts of d are checked: forget them */
	int k = 0;
	for (int i = 0; i < s->npart; i++)
		if (s->part[i].dest != d)
			s->part[k++] = s->part[i];
	s->npart = k;
	return dg->nerr > before ? -1 : 0;
}
