/*
 * brk: choose line breaks.  Items arrive from para.c as boxes, glue and
 * penalties and must end with a forced break.  A legal break is a penalty
 * below BRK_INF, or a glue right after a box.  First-fit ends a line at the
 * last legal break that fits.  Total-fit is the algorithm of Knuth and Plass
 * (1981): it keeps the active breakpoints, scores each feasible line by its
 * badness, penalty and fitness class, and picks the sequence of breaks with
 * the fewest total demerits; when no sequence fits within the tolerance it
 * retries looser, and finally falls back to first-fit, which is overfull
 * only where a single box is wider than the measure.
 */
#include <math.h>
#include <stdlib.h>

#include "brk.h"
#include "util.h"

/* demerit constants as in TeX */
#define LINEPENALTY 10		/* added to every line's badness */
#define FLAGGEDDEM 3000		/* two hyphenated lines in a row */
#define FITNESSDEM 100		/* adjacent lines of very different tightness */
#define MAXFLAGGED 2		/* hyphenated lines allowed in a row */

double brk_linewidth(const struct brkshape *sh, int line)
{
	return line < sh->nfirst ? sh->first : sh->rest;
}

static void res_add(struct brkres *res, int b, double ratio)
{
	if (res->nline + 1 > res->cap) {
		int cap = res->cap;
		res->brk = xgrow(res->brk, sizeof(int), res->nline + 1, &cap);
		cap = res->cap;
		res->ratio = xgrow(res->ratio, sizeof(double), res->nline + 1, &cap);
		res->cap = cap;
	}
	res->brk[res->nline] = b;
	res->ratio[res->nline] = ratio;
	res->nline++;
}

static int legal(const struct item *it, int i)
{
	if (it[i].type == IT_PENALTY)
		return it[i].penalty < BRK_INF;
	return it[i].type == IT_GLUE && i > 0 && it[i - 1].type == IT_BOX;
}

/* the first item of a line that starts after a break at b: glue and
 * penalties after a break are discarded, up to the next box or forced break */
int brk_linestart(const struct item *it, int n, int b)
{
	int i = b + 1;
	while (i < n && it[i].type != IT_BOX &&
			!(it[i].type == IT_PENALTY && it[i].penalty <= -BRK_INF))
		i++;
	return i;
}

static double ratio_of(double w, double st, double sh, double target)
{
	if (w < target)
		return st > 0 ? (target - w) / st : (w == target ? 0 : HUGE_VAL);
	if (w > target)
		return sh > 0 ? (target - w) / sh : -HUGE_VAL;
	return 0;
}

static void firstfit(const struct item *it, int n, const struct brkshape *sh,
	struct brkres *res)
{
	int start = brk_linestart(it, n, -1);
	int last = -1;		/* last legal break on this line */
	double w = 0;		/* width from start to here */
	double wlast = 0;	/* width up to the last legal break */
	for (int i = start; i < n; i++) {
		double target = brk_linewidth(sh, res->nline);
		if (it[i].type == IT_PENALTY && it[i].penalty <= -BRK_INF) {
			res_add(res, i, 0);
			start = brk_linestart(it, n, i);
			i = start - 1;
			last = -1;
			w = 0;
			continue;
		}
		if (legal(it, i)) {
			double wb = w + (it[i].type == IT_PENALTY ? it[i].width : 0);
			if (wb <= target || last < 0) {
				last = i;
				wlast = wb;
			}
		}
		if (it[i].type != IT_PENALTY)
			w += it[i].width;
		if (w > target + 1e-6 && it[i].type == IT_BOX) {
			if (last < 0) {
				/* a box alone is wider than the line: break after it */
				int j = i + 1;
				while (j < n && !legal(it, j))
					j++;
				if (j >= n)
					j = n - 1;
				last = j;
				wlast = w;
			}
			if (wlast > target + 1e-6)
				res->overfull++;
			res_add(res, last, 0);
			start = brk_linestart(it, n, last);
			i = start - 1;
			last = -1;
			w = 0;
		}
	}
	if (res->nline == 0 || res->brk[res->nline - 1] != n - 1)
		res_add(res, n - 1, 0);
}

/* a feasible breakpoint remembered for the total-fit back-pointers */
struct bnode {
	int pos;		/* item index of the break, -1 = paragraph start */
	int line;		/* lines ended so far */
	int fitness;		/* 0 tight, 1 decent, 2 loose, 3 very loose */
	int flagged;		/* the break is a hyphen */
	int nflag;		/* hyphenated lines in a row ending here */
	double ratio;		/* adjustment ratio of the line ending here */
	double demerits;	/* total demerits up to here */
	int prev;		/* index of the previous bnode */
	int active;		/* still a candidate start of a line */
};

static int fitness_of(double r)
{
	if (r < -0.5)
		return 0;
	if (r <= 0.5)
		return 1;
	if (r <= 1)
		return 2;
	return 3;
}

/* one pass of total-fit at a tolerance; returns the final bnode or -1 */
static int totalfit_pass(const struct item *it, int n, const struct brkshape *sh,
	double tolerance, struct bnode **nodes, int *nnode, int *cap)
{
	*nnode = 0;
	*nodes = xgrow(*nodes, sizeof(**nodes), 1, cap);
	(*nodes)[0] = (struct bnode){ .pos = -1, .fitness = 1, .prev = -1, .active = 1 };
	*nnode = 1;
	/* prefix sums make each line measurement O(1) */
	double *sw = xmalloc(sizeof(double) * (size_t)(n + 1));
	double *sst = xmalloc(sizeof(double) * (size_t)(n + 1));
	double *ssh = xmalloc(sizeof(double) * (size_t)(n + 1));
	sw[0] = sst[0] = ssh[0] = 0;
	for (int i = 0; i < n; i++) {
		int counts = it[i].type != IT_PENALTY;
		sw[i + 1] = sw[i] + (counts ? it[i].width : 0);
		sst[i + 1] = sst[i] + (it[i].type == IT_GLUE ? it[i].stretch : 0);
		ssh[i + 1] = ssh[i] + (it[i].type == IT_GLUE ? it[i].shrink : 0);
	}
	int final = -1;
	int *act = xmalloc(sizeof(int) * 8), nact = 1, capact = 8;
	act[0] = 0;
	for (int b = 0; b < n; b++) {
		if (!legal(it, b))
			continue;
		int forced = it[b].type == IT_PENALTY && it[b].penalty <= -BRK_INF;
		/* best new node per fitness class */
		double bestd[4] = { HUGE_VAL, HUGE_VAL, HUGE_VAL, HUGE_VAL };
		int bestprev[4] = { -1, -1, -1, -1 };
		double bestr[4] = { 0 };
		int bestflag[4] = { 0 };
		int keep = 0;
		for (int k = 0; k < nact; k++) {
			int a = act[k];
			struct bnode *an = &(*nodes)[a];
			int from = brk_linestart(it, n, an->pos);
			if (from > b) {
				act[keep++] = a;
				continue;
			}
			double w = sw[b] - sw[from];
			if (it[b].type == IT_PENALTY)
				w += it[b].width;
			double st = sst[b] - sst[from], shr = ssh[b] - ssh[from];
			double r = ratio_of(w, st, shr, brk_linewidth(sh, an->line));
			if (r < -1 || forced)
				an->active = 0;
			if (an->active)
				act[keep++] = a;
			if (r < -1 || r > tolerance)
				continue;
			double bad = 100 * fabs(r) * fabs(r) * fabs(r);
			double d = (LINEPENALTY + bad) * (LINEPENALTY + bad);
			int p = it[b].type == IT_PENALTY ? it[b].penalty : 0;
			if (p > 0)
				d += (double)p * p;
			else if (p > -BRK_INF)
				d -= (double)p * p;
			int flg = it[b].type == IT_PENALTY && it[b].flagged && it[b].width > 0;
			/* never three hyphenated lines in a row */
			if (flg && an->nflag >= MAXFLAGGED)
				continue;
			if (flg && an->flagged)
				d += FLAGGEDDEM;
			int fc = fitness_of(r);
			if (abs(fc - an->fitness) > 1)
				d += FITNESSDEM;
			d += an->demerits;
			if (d < bestd[fc]) {
				bestd[fc] = d;
				bestprev[fc] = a;
				bestr[fc] = r;
				bestflag[fc] = flg ? an->nflag + 1 : 0;
			}
		}
		for (int fc = 0; fc < 4; fc++) {
			if (bestprev[fc] < 0)
				continue;
			*nodes = xgrow(*nodes, sizeof(**nodes), *nnode + 1, cap);
			struct bnode *p = &(*nodes)[bestprev[fc]];
			(*nodes)[*nnode] = (struct bnode){
				.pos = b, .line = p->line + 1, .fitness = fc,
				.flagged = it[b].type == IT_PENALTY && it[b].flagged,
				.nflag = bestflag[fc],
				.ratio = bestr[fc], .demerits = bestd[fc],
				.prev = bestprev[fc], .active = !forced || b < n - 1,
			};
			act = xgrow(act, sizeof(int), keep + 1, &capact);
			act[keep++] = *nnode;
			(*nnode)++;
		}
		nact = keep;
		if (b == n - 1) {
			double best = HUGE_VAL;
			for (int a = 0; a < *nnode; a++)
				if ((*nodes)[a].pos == b && (*nodes)[a].demerits < best) {
					best = (*nodes)[a].demerits;
					final = a;
				}
		}
		if (nact == 0)
			break;
	}
	free(act);
	free(sw);
	free(sst);
	free(ssh);
	return final;
}

static void totalfit(const struct item *it, int n, const struct brkshape *sh,
	struct brkres *res)
{
	static const double tol[] = { 2, 10 };
	struct bnode *nodes = NULL;
	int nnode = 0, cap = 0, final = -1;
	for (size_t t = 0; t < sizeof(tol) / sizeof(tol[0]) && final < 0; t++)
		final = totalfit_pass(it, n, sh, tol[t], &nodes, &nnode, &cap);
	if (final < 0) {
		free(nodes);
		firstfit(it, n, sh, res);
		return;
	}
	int nl = nodes[final].line;
	res->nline = 0;
	for (int i = 0; i < nl; i++)
		res_add(res, 0, 0);
	for (int a = final; a > 0; a = nodes[a].prev) {
		res->brk[nodes[a].line - 1] = nodes[a].pos;
		res->ratio[nodes[a].line - 1] = nodes[a].ratio;
	}
	free(nodes);
}

void brk_lines(const struct item *it, int n, const struct brkshape *sh,
	enum brkmode mode, struct brkres *res)
{
	res->nline = 0;
	res->overfull = 0;
	if (n <= 0)
		return;
	if (mode == BRK_TOTALFIT)
		totalfit(it, n, sh, res);
	else
		firstfit(it, n, sh, res);
}

void brk_free(struct brkres *res)
{
	free(res->brk);
	free(res->ratio);
	res->brk = NULL;
	res->ratio = NULL;
	res->nline = res->cap = 0;
}
