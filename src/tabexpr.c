/*
 * tabexpr: the formulas of computed table columns, compute="…": column
 * names in [brackets], "quotes" or bare (up to the next operator), decimal
 * constants, + - * / (also − × ÷) and parentheses.  A formula is compiled
 * once to postfix (recursive descent, bounded length and nesting) and then
 * evaluated per row twice over: exactly in decimals (num.h) for the value
 * printed, and as an interval of doubles for checking the data's own value,
 * since every figure in the data stands for an interval of rounding.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

double table_dec2d(struct dec d)
{
	double v = (double)d.m;
	for (int i = 0; i < d.scale; i++)
		v /= 10;
	return v;
}

struct tparse {
	const char *s;		/* the formula */
	size_t i;		/* where reading is */
	struct table *t;	/* columns to resolve names against */
	int self;		/* the column being defined: names must come before it */
	struct tterm *out;	/* postfix */
	int n;
	const char *err;	/* first problem */
	char errname[128];	/* the name that caused it */
	int depth;		/* parentheses open */
};

static void tp_emit(struct tparse *p, struct tterm tm)
{
	if (p->n >= TABLE_MAXEXPR) {
		p->err = "the formula is too long";
		return;
	}
	p->out[p->n++] = tm;
}

static void tp_space(struct tparse *p)
{
	while (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\n')
		p->i++;
}

/* the operator at the reading position, its length in *len; 0 = none */
static int tp_op(const struct tparse *p, size_t *len)
{
	const char *s = p->s + p->i;
	static const struct { const char *str; int op; } ops[] = {
		{"+", '+'}, {"-", '-'}, {"\u2212", '-'}, {"\u2013", '-'}, {"*", '*'},
		{"\u00d7", '*'}, {"/", '/'}, {"\u00f7", '/'}, {"(", '('}, {")", ')'},
	};
	for (size_t k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
		size_t n = strlen(ops[k].str);
		if (strncmp(s, ops[k].str, n) == 0) {
			*len = n;
			return ops[k].op;
		}
	}
	return 0;
}

/* resolve a column name: a shown column (computed ones only to the left),
 * else a CSV column that is not shown */
static void tp_name(struct tparse *p, const char *name, size_t len)
{
	while (len > 0 && name[len - 1] == ' ')
		len--;
	struct table *t = p->t;
	for (int c = 0; c < t->ncol; c++) {
		const char *nm = t->col[c].name;
		if (!nm || strlen(nm) != len || strncmp(nm, name, len) != 0)
			continue;
		if (c == p->self) {
			p->err = "the formula refers to its own column";
		} else if (c > p->self && t->col[c].compute) {
			p->err = "the formula refers to a column computed after it";
		} else {
			tp_emit(p, (struct tterm){ .op = 'c', .col = c });
			return;
		}
		snprintf(p->errname, sizeof(p->errname), "%.*s", (int)len, name);
		return;
	}
	for (int k = 0; t->csv && k < csv_ncols(t->csv); k++) {
		const char *nm = csv_name(t->csv, k);
		if (strlen(nm) == len && strncmp(nm, name, len) == 0) {
			tp_emit(p, (struct tterm){ .op = 'c', .col = -2 - k });
			return;
		}
	}
	p->err = "the formula names a column that neither the table nor its data has";
	snprintf(p->errname, sizeof(p->errname), "%.*s", (int)len, name);
}

static void tp_expr(struct tparse *p);

/* a number, a [name], a "name", a bare name, ( expr ) or - factor */
static void tp_factor(struct tparse *p)
{
	tp_space(p);
	size_t len;
	int op = tp_op(p, &len);
	if (op == '-') {
		p->i += len;
		tp_factor(p);
		tp_emit(p, (struct tterm){ .op = 'n' });
		return;
	}
	if (op == '(') {
		if (++p->depth > 20) {
			p->err = "parentheses nest too deep";
			return;
		}
		p->i += len;
		tp_expr(p);
		tp_space(p);
		if (tp_op(p, &len) != ')') {
			p->err = p->err ? p->err : "a ')' is missing";
			return;
		}
		p->i += len;
		p->depth--;
		return;
	}
	char q = p->s[p->i];
	if (q == '[' || q == '"') {
		const char *e = strchr(p->s + p->i + 1, q == '[' ? ']' : '"');
		if (!e) {
			p->err = q == '[' ? "a ']' is missing" : "a closing '\"' is missing";
			return;
		}
		tp_name(p, p->s + p->i + 1, (size_t)(e - p->s - p->i - 1));
		p->i = (size_t)(e - p->s) + 1;
		return;
	}
	/* a bare name or number runs to the next operator */
	size_t start = p->i;
	while (p->s[p->i] && !tp_op(p, &len) && p->s[p->i] != '[' && p->s[p->i] != '"')
		p->i++;
	if (p->i == start) {
		p->err = "a column name or number is missing";
		return;
	}
	char *word = xstrndup(p->s + start, p->i - start);
	struct numval v;
	if (num_parse(word, &v) == NUM_NUMBER && !v.unit[0])
		tp_emit(p, (struct tterm){ .op = 'k', .k = v.d });
	else
		tp_name(p, p->s + start, p->i - start);
	free(word);
}

static void tp_term(struct tparse *p)
{
	tp_factor(p);
	for (;;) {
		tp_space(p);
		size_t len;
		int op = tp_op(p, &len);
		if (p->err || (op != '*' && op != '/'))
			return;
		p->i += len;
		tp_factor(p);
		tp_emit(p, (struct tterm){ .op = op });
	}
}

static void tp_expr(struct tparse *p)
{
	tp_term(p);
	for (;;) {
		tp_space(p);
		size_t len;
		int op = tp_op(p, &len);
		if (p->err || (op != '+' && op != '-'))
			return;
		p->i += len;
		tp_term(p);
		tp_emit(p, (struct tterm){ .op = op });
	}
}

/* compile column c's compute="…"; 0, or -1 after an error */
int table_compile(struct table *t, int c, const char *src, struct diag *dg)
{
	struct tparse p = { .s = src, .t = t, .self = c };
	p.out = xmalloc(sizeof(*p.out) * TABLE_MAXEXPR);
	tp_expr(&p);
	tp_space(&p);
	if (!p.err && p.s[p.i])
		p.err = "unexpected text in the formula";
	if (p.err) {
		diag_error(dg, t->col[c].def->pos, "compute=\"%s\": %s%s%s%s at character %zu",
			src, p.err, p.errname[0] ? " (\"" : "", p.errname,
			p.errname[0] ? "\")" : "", p.i + 1);
		free(p.out);
		return -1;
	}
	t->col[c].expr = p.out;
	t->col[c].nexpr = p.n;
	return 0;
}

/* a × b exactly, dropping decimals of the finer operand when the product
 * would not fit in 18 digits */
static int tab_mul(struct dec a, struct dec b, struct dec *out)
{
	for (;;) {
		long long m;
		if (!__builtin_mul_overflow(a.m, b.m, &m) && m < 1000000000000000000LL &&
				m > -1000000000000000000LL && a.scale + b.scale <= NUM_MAXDIG) {
			out->m = m;
			out->scale = a.scale + b.scale;
			return NUM_OK;
		}
		struct dec *x = a.scale >= b.scale ? &a : &b;
		if (x->scale == 0 || num_round(*x, x->scale - 1, x) != NUM_OK)
			return NUM_ERANGE;
	}
}

/* column k (a tterm col) of row r as an operand; 0 when it has no number */
static int tab_operand(const struct table *t, const struct trow *r, int col, struct tval *v)
{
	if (col >= 0) {
		for (int i = 0; i < r->ncell; i++) {
			const struct tcell *c = &r->cell[i];
			if (c->col == col && c->colspan == 1 && c->has) {
				*v = (struct tval){ c->v.d, c->lo, c->hi, c->given ? c->v.d.scale : c->dscale };
				return 1;
			}
		}
		return 0;
	}
	const char *s = t->csv && r->src >= 0 ? csv_cell(t->csv, r->src, -2 - col) : NULL;
	struct numval nv;
	if (!s || (num_parse(s, &nv) != NUM_NUMBER && nv.kind != NUM_PERCENT))
		return 0;
	double x = table_dec2d(nv.d), half = nv.d.scale > 0 ? 0.5 * pow(10, -nv.d.scale) : 0;
	*v = (struct tval){ nv.d, x - half, x + half, nv.d.scale };
	return 1;
}

static void tab_minmax4(double a, double b, double c, double d, double *lo, double *hi)
{
	*lo = fmin(fmin(a, b), fmin(c, d));
	*hi = fmax(fmax(a, b), fmax(c, d));
}

int table_eval(const struct table *t, const struct tcol *col, const struct trow *r,
	struct tval *res)
{
	struct tval st[TABLE_MAXEXPR];
	int sp = 0;
	for (int i = 0; i < col->nexpr; i++) {
		const struct tterm *tm = &col->expr[i];
		if (tm->op == 'c') {
			if (!tab_operand(t, r, tm->col, &st[sp++]))
				return 0;
			continue;
		}
		if (tm->op == 'k') {
			double k = table_dec2d(tm->k);
			st[sp++] = (struct tval){ tm->k, k, k, 0 };
			continue;
		}
		if (tm->op == 'n') {
			struct tval *a = &st[sp - 1];
			a->d.m = -a->d.m;
			double lo = -a->hi;
			a->hi = -a->lo;
			a->lo = lo;
			continue;
		}
		struct tval b = st[--sp], *a = &st[sp - 1];
		int rc = NUM_OK;
		double lo, hi;
		switch (tm->op) {
		case '+':
			rc = num_add(a->d, b.d, &a->d);
			lo = a->lo + b.lo, hi = a->hi + b.hi;
			break;
		case '-':
			rc = num_sub(a->d, b.d, &a->d);
			lo = a->lo - b.hi, hi = a->hi - b.lo;
			break;
		case '*':
			rc = tab_mul(a->d, b.d, &a->d);
			tab_minmax4(a->lo * b.lo, a->lo * b.hi, a->hi * b.lo, a->hi * b.hi, &lo, &hi);
			break;
		default:
			if (b.d.m == 0)
				return 0;
			rc = NUM_ERANGE;
			for (int pl = 12; pl >= 0 && rc == NUM_ERANGE; pl--)
				rc = num_div(a->d, b.d, pl, &a->d);
			if (b.lo <= 0 && b.hi >= 0) {
				/* the divisor may be zero within rounding: anything goes */
				lo = -HUGE_VAL, hi = HUGE_VAL;
			} else {
				tab_minmax4(a->lo / b.lo, a->lo / b.hi, a->hi / b.lo, a->hi / b.hi,
					&lo, &hi);
			}
			break;
		}
		if (rc != NUM_OK)
			return 0;
		a->lo = lo;
		a->hi = hi;
		if (b.scale > a->scale)
			a->scale = b.scale;
	}
	*res = st[0];
	return sp == 1;
}
