/*
 * doc: the document tree.  The loader (parse.c) allocates nodes here and
 * links them in document order; doc_finish then does what needs the whole
 * tree: serial numbers, section numbers (1, 2.1, 3.3.1), the id table, and
 * the check that every cross-reference names an existing section.  All
 * nodes and strings live in the document's arena and go with doc_free.
 */
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "include.h"

struct node *doc_node(struct doc *d, enum node_type type, struct pos pos)
{
	struct node *n = arena_alloc(&d->mem, sizeof(*n));
	n->type = type;
	n->pos = pos;
	n->num = NUM_SHOW;
	n->toc = 1;
	n->start = 1;
	n->serial = -1;
	return n;
}

void doc_append(struct node *parent, struct node *child)
{
	child->parent = parent;
	child->next = NULL;
	if (parent->last)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
}

/* the next node in document order (pre-order) within the tree */
static struct node *doc_next(struct node *n)
{
	if (n->first)
		return n->first;
	while (n && !n->next)
		n = n->parent;
	return n ? n->next : NULL;
}

/* number the sections below container: counting only numbered ones, and
 * nothing inside an unnumbered section (its children have no parent
 * number to extend, so they stay unnumbered too) */
static void doc_number(struct doc *d, struct node *container, const char *prefix)
{
	int k = 0;
	for (struct node *s = container->first; s; s = s->next) {
		if (s->type != N_SECTION)
			continue;
		if (s->num == NUM_NONE || (prefix == NULL && container->type == N_SECTION)) {
			s->num = NUM_NONE;
			s->number = NULL;
			doc_number(d, s, NULL);
			continue;
		}
		struct buf b = {0};
		if (prefix)
			buf_printf(&b, "%s.%d", prefix, ++k);
		else
			buf_printf(&b, "%d", ++k);
		s->number = arena_strdup(&d->mem, b.s);
		buf_free(&b);
		doc_number(d, s, s->number);
	}
}

static int doc_cmp_id(const void *a, const void *b)
{
	const struct node *x = *(struct node *const *)a, *y = *(struct node *const *)b;
	int c = strcmp(x->id, y->id);
	return c ? c : (x->serial > y->serial) - (x->serial < y->serial);
}

static int doc_cmp_serial(const void *a, const void *b)
{
	const struct node *x = *(struct node *const *)a, *y = *(struct node *const *)b;
	return (x->serial > y->serial) - (x->serial < y->serial);
}

static const char *doc_kind(enum node_type t)
{
	switch (t) {
	case N_PARA:
		return "a paragraph";
	case N_LIST:
		return "a list";
	default:
		return "an element";
	}
}

struct node *doc_byid(const struct doc *d, const char *id)
{
	int lo = 0, hi = d->nids - 1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		int c = strcmp(id, d->ids[mid]->id);
		if (c == 0)
			return d->ids[mid];
		if (c < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* sort the ids, report duplicates in document order, keep the first of each */
static int doc_index(struct doc *d, struct diag *dg)
{
	int n = 0, errs = 0;
	for (struct node *x = d->root; x; x = doc_next(x))
		n += x->id != NULL;
	d->ids = arena_alloc(&d->mem, sizeof(*d->ids) * (size_t)(n ? n : 1));
	d->nids = 0;
	for (struct node *x = d->root; x; x = doc_next(x))
		if (x->id)
			d->ids[d->nids++] = x;
	qsort(d->ids, (size_t)n, sizeof(*d->ids), doc_cmp_id);
	/* duplicates move to the end, first occurrences stay in front */
	struct node **dup = xmalloc(sizeof(*dup) * (size_t)(n ? n : 1));
	int u = 0, ndup = 0;
	for (int i = 0; i < n; i++) {
		if (u > 0 && strcmp(d->ids[u - 1]->id, d->ids[i]->id) == 0) {
			dup[ndup++] = d->ids[i];
			continue;
		}
		d->ids[u++] = d->ids[i];
	}
	d->nids = u;
	qsort(dup, (size_t)ndup, sizeof(*dup), doc_cmp_serial);
	for (int i = 0; i < ndup; i++) {
		struct node *orig = doc_byid(d, dup[i]->id);
		diag_error(dg, dup[i]->pos, "the id \"%s\" is used twice", dup[i]->id);
		diag_note(dg, orig->pos, "\"%s\" was first used here", orig->id);
		errs++;
	}
	free(dup);
	return errs;
}

int doc_finish(struct doc *d, struct diag *dg)
{
	int errs = 0, serial = 0;
	if (!d->root)
		return -1;
	for (struct node *x = d->root; x; x = doc_next(x))
		x->serial = serial++;
	d->nnodes = serial;
	doc_number(d, d->root, NULL);
	errs += doc_index(d, dg);
	for (struct node *x = d->root; x; x = doc_next(x)) {
		if (x->type != N_REF)
			continue;
		struct node *t = x->href ? doc_byid(d, x->href) : NULL;
		if (!t) {
			diag_error(dg, x->pos, "<ref to=\"%s\">: no section has this id",
				x->href ? x->href : "");
			errs++;
		} else if (t->type != N_SECTION) {
			diag_error(dg, x->pos, "<ref to=\"%s\">: \"%s\" is %s, but a reference "
				"must point to a section", x->href, x->href, doc_kind(t->type));
			diag_note(dg, t->pos, "\"%s\" is defined here", t->id);
			errs++;
		} else {
			x->target = t;
		}
	}
	return errs ? -1 : 0;
}

struct node *doc_find(struct doc *d, const char *id)
{
	struct node *n = id ? doc_byid(d, id) : NULL;
	return n && n->type == N_SECTION ? n : NULL;
}

struct node *doc_title(const struct node *section)
{
	if (section && section->first && section->first->type == N_TITLE)
		return section->first;
	return NULL;
}

static int doc_is_block(enum node_type t)
{
	return t < N_TEXT;
}

/* append the text of n's subtree; depth bounds references to titles that
 * themselves hold references (a title may refer to its own section) */
static void doc_text(const struct node *n, struct buf *b, int depth)
{
	switch (n->type) {
	case N_TEXT:
		buf_puts(b, n->text);
		return;
	case N_BR:
		buf_putc(b, ' ');
		return;
	case N_REF:
		if (!n->target)
			return;
		if (n->target->num == NUM_SHOW && n->target->number)
			buf_puts(b, n->target->number);
		else if (depth < 4 && doc_title(n->target))
			doc_text(doc_title(n->target), b, depth + 1);
		return;
	default:
		break;
	}
	for (const struct node *c = n->first; c; c = c->next) {
		/* blocks side by side are separated by one space */
		if (doc_is_block(c->type) && b->len > 0 && b->s[b->len - 1] != ' ')
			buf_putc(b, ' ');
		doc_text(c, b, depth);
	}
}

char *doc_plaintext(const struct node *n)
{
	struct buf b = {0};
	if (n)
		doc_text(n, &b, 0);
	return buf_take(&b);
}

void doc_free(struct doc *d)
{
	if (!d)
		return;
	include_free(d->inc);
	arena_free(&d->mem);
	free(d);
}

const struct doc *doc_home(const struct node *n, const struct doc *d)
{
	for (; n; n = n->parent)
		if (n->from)
			return n->from;
	return d;
}

const char *doc_dir(const struct node *n, const struct doc *d)
{
	return doc_home(n, d)->dir;
}
