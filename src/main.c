/*
 * main: the folio command line.
 *   folio render REPORT.xml [-o OUT.pdf] [--layout DIR] [--pdfa] [--dump]
 *   folio check REPORT.xml [--layout DIR] [--strict]
 *   folio batch REPORT.xml|DIR… [-o OUTDIR] [-j N] [--layout DIR] [--pdfa]
 * Exit status: 0 done, 1 bad input, 2 bad usage, 3 internal error.
 * Resources (schemas, layouts, fonts) are found through FOLIO_HOME, else
 * next to the executable (build/folio in a checkout), else the installed
 * data directory.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "render.h"
#include "util.h"
#include "xml.h"

static const char usage[] =
	"usage: folio render REPORT.xml [-o OUT.pdf] [--layout DIR] [--pdfa] [--dump]\n"
	"       folio check REPORT.xml [--layout DIR] [--strict]\n"
	"       folio batch REPORT.xml|DIR... [-o OUTDIR] [-j N] [--layout DIR] [--pdfa]\n"
	"       folio --help | --version\n";

static const char help[] =
	"folio turns an XML report definition and its CSV data into a paginated PDF.\n"
	"\n"
	"commands:\n"
	"  render REPORT.xml   lay out the report and write the PDF\n"
	"  check REPORT.xml    parse, validate and lay out; print warnings; write nothing\n"
	"  batch PATH...       render many reports in parallel (a directory: every report.xml\n"
	"                      below it) into OUTDIR/<folder>.pdf; a summary at the end\n"
	"\n"
	"options:\n"
	"  -o OUT.pdf          output file (default: REPORT.pdf beside the report);\n"
	"                      for batch the output directory (default: out)\n"
	"  -j N                batch: number of parallel renders (default: one per core)\n"
	"  --layout DIR        use the layout in DIR instead of the one the report names\n"
	"  --pdfa              write PDF/A-1b\n"
	"  --dump              print the laid-out pages as text instead of writing a PDF\n"
	"  --strict            (check) treat typographic warnings as errors\n"
	"\n"
	"environment:\n"
	"  SOURCE_DATE_EPOCH   date written into the PDF (default: the report's date)\n"
	"  FOLIO_HOME          directory holding data/, layouts/ and fonts/\n"
	"\n"
	"exit status: 0 done, 1 bad input, 2 bad usage, 3 internal error\n";

static int exists(const char *dir, const char *rel)
{
	char *p = path_join(dir, rel);
	int ok = access(p, R_OK) == 0;
	free(p);
	return ok;
}

/* the directory holding data/, layouts/ and fonts/ */
static char *main_home(void)
{
	const char *env = getenv("FOLIO_HOME");
	if (env && *env)
		return xstrdup(env);
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	/* build/folio and build/asan/folio in a checkout */
	static const char *const ups[] = { "..", "../.." };
	for (size_t i = 0; n > 0 && i < sizeof(ups) / sizeof(ups[0]); i++) {
		exe[n] = '\0';
		char *dir = path_dir(exe);
		char *up = path_join(dir, ups[i]);
		free(dir);
		char real[PATH_MAX];
		int found = realpath(up, real) && exists(real, "data/schema/report.rng");
		free(up);
		if (found)
			return xstrdup(real);
	}
	return xstrdup(FOLIO_DATADIR);
}

static char *main_outname(const char *report)
{
	size_t n = strlen(report);
	if (n > 4 && !strcmp(report + n - 4, ".xml"))
		n -= 4;
	char *out = xmalloc(n + 5);
	memcpy(out, report, n);
	memcpy(out + n, ".pdf", 5);
	return out;
}

static long long main_epoch(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	if (!s || !*s)
		return -1;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v < 0) {
		fprintf(stderr, "folio: warning: SOURCE_DATE_EPOCH '%s' is not a number of seconds; ignored\n", s);
		return -1;
	}
	return v;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage, stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(help, stdout);
		fputs(usage, stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("folio %s\n", FOLIO_VERSION);
		return 0;
	}
	int check = !strcmp(argv[1], "check");
	int batch = !strcmp(argv[1], "batch");
	if (!check && !batch && strcmp(argv[1], "render")) {
		fprintf(stderr, "folio: unknown command '%s'\n%s", argv[1], usage);
		return 2;
	}
	const char *report = NULL, *out = NULL, *layout = NULL;
	int dump = 0, pdfa = 0, strict = 0, jobs = 0;
	char **paths = xcalloc((size_t)argc, sizeof(*paths));
	int npaths = 0;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-j") && batch) {
			char *end;
			long v = i + 1 < argc ? strtol(argv[i + 1], &end, 10) : 0;
			if (i + 1 >= argc || *end || v < 1 || v > 256) {
				fprintf(stderr, "folio: -j needs a number of threads from 1 to 256\n%s", usage);
				free(paths);
				return 2;
			}
			jobs = (int)v;
			i++;
		} else if (!strcmp(a, "-o") || !strcmp(a, "--layout")) {
			if (i + 1 >= argc) {
				fprintf(stderr, "folio: %s needs an argument\n%s", a, usage);
				free(paths);
				return 2;
			}
			if (a[1] == 'o')
				out = argv[++i];
			else
				layout = argv[++i];
		} else if (!strcmp(a, "--dump") && !check) {
			dump = 1;
		} else if (!strcmp(a, "--pdfa") && !check) {
			pdfa = 1;
		} else if (!strcmp(a, "--strict") && check) {
			strict = 1;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "folio: unknown option '%s'\n%s", a, usage);
			free(paths);
			return 2;
		} else if (batch) {
			paths[npaths++] = argv[i];
		} else if (!report) {
			report = a;
		} else {
			fprintf(stderr, "folio: more than one report given\n%s", usage);
			free(paths);
			return 2;
		}
	}
	if (!report && !npaths) {
		fprintf(stderr, "folio: no report given\n%s", usage);
		free(paths);
		return 2;
	}
	if ((check && out) || (batch && dump)) {
		fprintf(stderr, "folio: %s\n", check ? "check writes nothing; -o is for render" :
			"--dump is for render");
		free(paths);
		return 2;
	}
	xml_init();
	char *home = main_home();
	char *outname = !check && !batch && !dump && !out ? main_outname(report) : NULL;
	struct ropt o = {
		.home = home, .layout = layout, .out = check || (dump && !out) ? NULL : out ? out : outname,
		.dump = dump ? stdout : NULL, .pdfa = pdfa, .epoch = main_epoch(), .quality = check,
	};
	struct diag dg = { .out = stderr };
	struct rstat st = {0};
	char *exc = path_join(home, "data/hyph-sv-exceptions.txt");
	struct hyph *hy = hyph_open(HYPH_DIC_SV, exc, &dg);
	free(exc);
	o.hyph = hy;
	int rc = 1;
	if (hy && batch) {
		struct bopt bo = { .outdir = out ? out : "out", .jobs = jobs, .ro = &o };
		rc = batch_run(paths, npaths, &bo);
	} else if (hy) {
		rc = render_report(report, &o, &dg, &st);
	}
	hyph_close(hy);
	if (rc == 0 && dg.nerr)
		rc = 1;
	if (rc == 0 && strict && dg.nqual)
		rc = 1;
	free(outname);
	free(paths);
	free(home);
	xml_cleanup();
	return rc;
}
