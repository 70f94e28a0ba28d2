/*
 * batch: render a list of reports with a pool of threads.  The list comes
 * from the command line; a directory is searched (in sorted order, so runs
 * are repeatable) for files named report.xml.  Each report's PDF is named
 * after its folder (examples/hsn-delar-2023/report.xml → hsn-delar-2023.pdf).
 * Diagnostics of each report are collected in memory and printed in list
 * order at the end with a summary line per report, so parallel runs read
 * the same as serial ones.
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "util.h"

/* one report of the batch */
struct job {
	char *path;		/* the report file */
	char *name;		/* its output name without .pdf */
	char *out;		/* the PDF path */
	int rc;			/* render_report's status */
	int pages;		/* pages laid out */
	int nwarn;		/* warnings */
	double ms;		/* wall time */
	char *log;		/* its diagnostics */
	size_t loglen;
};

/* the queue shared by the workers */
struct pool {
	struct job *job;
	int njob, capjob;
	int next;		/* next job to take */
	int done;		/* jobs finished, for the progress line */
	pthread_mutex_t lock;
	const struct bopt *bo;
	int tty;		/* show progress on stderr */
};

static int batch_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void batch_add(struct pool *p, const char *path)
{
	p->job = xgrow(p->job, sizeof(*p->job), p->njob + 1, &p->capjob);
	struct job *j = &p->job[p->njob++];
	memset(j, 0, sizeof(*j));
	j->path = xstrdup(path);
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (!strcmp(base, "report.xml")) {
		char *dir = path_dir(path);
		const char *d = strrchr(dir, '/');
		j->name = xstrdup(d ? d + 1 : dir);
		free(dir);
	} else {
		size_t n = strlen(base);
		j->name = xstrndup(base, n > 4 && !strcmp(base + n - 4, ".xml") ? n - 4 : n);
	}
}

/* every report.xml below dir, depth first, names sorted */
static void batch_scan(struct pool *p, const char *dir, int depth)
{
	DIR *d = opendir(dir);
	if (!d || depth > 16) {
		if (d)
			closedir(d);
		return;
	}
	char **names = NULL;
	int n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		names = xgrow(names, sizeof(*names), n + 1, &cap);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, (size_t)n, sizeof(*names), batch_cmp);
	for (int i = 0; i < n; i++) {
		char *path = path_join(dir, names[i]);
		struct stat st;
		if (stat(path, &st) == 0) {
			if (S_ISDIR(st.st_mode))
				batch_scan(p, path, depth + 1);
			else if (!strcmp(names[i], "report.xml"))
				batch_add(p, path);
		}
		free(path);
		free(names[i]);
	}
	free(names);
}

static double batch_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void *batch_worker(void *arg)
{
	struct pool *p = arg;
	for (;;) {
		pthread_mutex_lock(&p->lock);
		int i = p->next < p->njob ? p->next++ : -1;
		pthread_mutex_unlock(&p->lock);
		if (i < 0)
			return NULL;
		struct job *j = &p->job[i];
		FILE *log = open_memstream(&j->log, &j->loglen);
		struct diag dg = { .out = log ? log : stderr };
		struct ropt ro = *p->bo->ro;
		ro.out = j->out;
		ro.dump = NULL;
		struct rstat st = {0};
		double t0 = batch_now();
		j->rc = render_report(j->path, &ro, &dg, &st);
		if (j->rc == 0 && dg.nerr)
			j->rc = 1;
		j->ms = batch_now() - t0;
		j->pages = st.pages;
		j->nwarn = dg.nwarn;
		if (log)
			fclose(log);
		pthread_mutex_lock(&p->lock);
		p->done++;
		if (p->tty)
			fprintf(stderr, "\r\033[K[%d/%d] %s", p->done, p->njob, j->name);
		pthread_mutex_unlock(&p->lock);
	}
}

/* the first line of a log, for the summary */
static void batch_firstline(const char *log, char *out, size_t n)
{
	size_t k = 0;
	while (log && log[k] && log[k] != '\n' && k + 1 < n) {
		out[k] = log[k];
		k++;
	}
	out[k] = '\0';
}

int batch_run(char **paths, int npaths, const struct bopt *bo)
{
	struct pool p = { .bo = bo, .tty = isatty(2) };
	for (int i = 0; i < npaths; i++) {
		struct stat st;
		if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode))
			batch_scan(&p, paths[i], 0);
		else
			batch_add(&p, paths[i]);
	}
	int rc = 0;
	if (!p.njob) {
		fprintf(stderr, "folio: batch: no reports found\n");
		rc = 2;
	}
	for (int i = 0; i < p.njob && !rc; i++)
		for (int k = 0; k < i; k++)
			if (!strcmp(p.job[i].name, p.job[k].name)) {
				fprintf(stderr, "folio: batch: %s and %s would both write %s.pdf\n",
					p.job[k].path, p.job[i].path, p.job[i].name);
				rc = 2;
			}
	if (!rc && mkdir(bo->outdir, 0777) < 0) {
		struct stat st;
		if (stat(bo->outdir, &st) < 0 || !S_ISDIR(st.st_mode)) {
			fprintf(stderr, "folio: batch: cannot create output directory %s\n", bo->outdir);
			rc = 1;
		}
	}
	if (!rc) {
		for (int i = 0; i < p.njob; i++) {
			struct buf b = {0};
			buf_printf(&b, "%s/%s.pdf", bo->outdir, p.job[i].name);
			p.job[i].out = buf_take(&b);
		}
		int n = bo->jobs > 0 ? bo->jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
		if (n < 1)
			n = 1;
		if (n > p.njob)
			n = p.njob;
		pthread_mutex_init(&p.lock, NULL);
		pthread_t *tid = xcalloc((size_t)n, sizeof(*tid));
		double t0 = batch_now();
		int started = 0;
		for (int i = 0; i < n; i++)
			started += pthread_create(&tid[i], NULL, batch_worker, &p) == 0;
		if (!started)
			batch_worker(&p);
		for (int i = 0; i < started; i++)
			pthread_join(tid[i], NULL);
		double ms = batch_now() - t0;
		free(tid);
		pthread_mutex_destroy(&p.lock);
		if (p.tty)
			fputs("\r\033[K", stderr);
		int failed = 0, pages = 0;
		for (int i = 0; i < p.njob; i++) {
			struct job *j = &p.job[i];
			if (j->loglen)
				fwrite(j->log, 1, j->loglen, stderr);
		}
		for (int i = 0; i < p.njob; i++) {
			struct job *j = &p.job[i];
			pages += j->pages;
			if (j->rc) {
				char first[200];
				batch_firstline(j->log, first, sizeof(first));
				printf("FAILED  %-32s %s\n", j->name, first);
				failed++;
			} else {
				printf("ok      %-32s %4d pages %8.1f ms %3d warnings  %s\n", j->name,
					j->pages, j->ms, j->nwarn, j->out);
			}
		}
		printf("%d reports, %d failed, %d pages in %.1f ms with %d threads\n",
			p.njob, failed, pages, ms, n);
		rc = failed ? 1 : 0;
	}
	for (int i = 0; i < p.njob; i++) {
		free(p.job[i].path);
		free(p.job[i].name);
		free(p.job[i].out);
		free(p.job[i].log);
	}
	free(p.job);
	return rc;
}
