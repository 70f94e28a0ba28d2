/*
 * hyph: break points of Swedish words.  The patterns come from libhyphen's
 * .dic file (Debian hyphen-sv, ISO-8859-1), converted to UTF-8 in memory and
 * loaded through fmemopen, so words stay UTF-8 from the document to here.
 * A small exception list (data/hyph-sv-exceptions.txt) overrides the
 * patterns where they read badly.  Words arrive one at a time from the
 * paragraph builder, as UTF-8 with any surrounding punctuation.
 *
 * Sharing between threads: in libhyphen's hyphen.c (2.8.x, the version
 * Debian ships) hnj_hyphen_hyphenate3 and the hnj_hyphen_hyph_, _lhmin,
 * _rhmin and _norm it calls only read the dictionary (states, nextlevel,
 * the minimums, the NOHYPHEN list); they write to the caller's buffers and
 * to scratch memory they malloc per call, and keep no static state (the
 * one global exists only in VERBOSE builds).  So a loaded struct hyph is
 * read-only and needs no lock.  The same reading shows that the word must
 * be NUL-terminated (strstr, and loops that stop at '\0') and that rep,
 * pos and cut must point to NULL pointers rather than be NULL.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <hyphen.h>

#include "hyph.h"
#include "utf8.h"
#include "util.h"

#define HYPH_DICMAX (16u << 20)	/* the Swedish file has 103 kB */
#define HYPH_EXCMAX (4u << 20)
/* libhyphen reads pattern lines with fgets into char[MAX_CHARS] and skips
 * longer ones with a message on stderr; we refuse them instead */
#define HYPH_LINEMAX (MAX_CHARS - 2)

#define SHY 0xadu		/* soft hyphen */

struct hexc {
	char *key;		/* lowercase word without hyphens, UTF-8 */
	unsigned char *brk;	/* brk[k] = 1: break after code point k */
	int ncp;		/* code points in key */
	int line;		/* line in the exception file (duplicates) */
};

struct hyph {
	HyphenDict *dict;	/* UTF-8 patterns, read-only after load */
	struct hexc *exc;	/* exceptions sorted by key */
	int nexc, capexc;
};

/* lowercase per code point, without a locale: ASCII, Latin-1 and
 * Latin Extended-A, which covers Swedish and the names met in reports */
static uint32_t hyph_lower(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c >= 0xc0 && c <= 0xde && c != 0xd7)
		return c + 32;
	if (c == 0x130)
		return 'i';
	if (c == 0x178)
		return 0xff;
	if (((c >= 0x100 && c <= 0x137) || (c >= 0x14a && c <= 0x177)) && !(c & 1))
		return c + 1;
	if (((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e)) && (c & 1))
		return c + 1;
	return c;
}

static int hyph_isletter(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		(c >= 0xc0 && c <= 0x24f && c != 0xd7 && c != 0xf7);
}

/* characters after which a line may end without adding a hyphen */
static int hyph_isdash(uint32_t c)
{
	return c == '-' || c == 0x2010 || c == 0x2013;
}

static int hyph_isdigit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/* lowercase vowels of Swedish and the loan words in reports */
static int hyph_isvowel(uint32_t c)
{
	switch (c) {
	case 'a': case 'e': case 'i': case 'o': case 'u': case 'y':
		return 1;
	}
	/* à … ý, without ç ð ñ ÷ */
	return c >= 0xe0 && c <= 0xfd && c != 0xe7 && c != 0xf0 && c != 0xf1 &&
		c != 0xf7;
}

static int hyph_cmpexc(const void *a, const void *b)
{
	return strcmp(((const struct hexc *)a)->key, ((const struct hexc *)b)->key);
}

/* the first line of a .dic names its character set */
static char *hyph_toutf8(const char *raw, size_t n, const char *path,
	struct diag *dg, size_t *outlen)
{
	const char *nl = memchr(raw, '\n', n);
	size_t l1 = nl ? (size_t)(nl - raw) : n;
	size_t body = nl ? l1 + 1 : n;
	if (l1 > 0 && raw[l1 - 1] == '\r')
		l1--;
	struct buf b = {0};
	buf_puts(&b, "UTF-8\n");
	if (l1 == 5 && memcmp(raw, "UTF-8", 5) == 0) {
		long bad = utf8_check(raw + body, n - body);
		if (bad >= 0) {
			diag_error(dg, (struct pos){path, 0, 0},
				"invalid UTF-8 at byte %ld", bad + (long)body);
			buf_free(&b);
			return NULL;
		}
		buf_put(&b, raw + body, n - body);
	} else if ((l1 == 9 && strncasecmp(raw, "ISO8859-1", 9) == 0) ||
		(l1 == 10 && strncasecmp(raw, "ISO-8859-1", 10) == 0)) {
		for (size_t i = body; i < n; i++) {
			char enc[4];
			buf_put(&b, enc, (size_t)utf8_encode((unsigned char)raw[i], enc));
		}
	} else {
		diag_error(dg, (struct pos){path, 1, 1},
			"unsupported character set \"%.*s\" (expected ISO8859-1 or UTF-8)",
			(int)(l1 < 40 ? l1 : 40), raw);
		buf_free(&b);
		return NULL;
	}
	*outlen = b.len;
	return buf_take(&b);
}

/* a line libhyphen would silently drop is an error of the file */
static int hyph_checklines(const char *s, size_t n, const char *path,
	struct diag *dg)
{
	int line = 1;
	size_t start = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != '\n')
			continue;
		if (i - start > HYPH_LINEMAX) {
			diag_error(dg, (struct pos){path, line, 0},
				"pattern line longer than %d bytes (as UTF-8)",
				HYPH_LINEMAX);
			return -1;
		}
		start = i + 1;
		line++;
	}
	return 0;
}

static HyphenDict *hyph_loaddic(const char *path, struct diag *dg)
{
	size_t n, len;
	char *raw = file_read(path, &n, HYPH_DICMAX);
	if (!raw) {
		diag_error(dg, (struct pos){path, 0, 0},
			"cannot read hyphenation patterns: %s "
			"(Swedish patterns come with the Debian package hyphen-sv)",
			strerror(errno));
		return NULL;
	}
	char *u = hyph_toutf8(raw, n, path, dg, &len);
	free(raw);
	if (!u)
		return NULL;
	if (hyph_checklines(u, len, path, dg) < 0) {
		free(u);
		return NULL;
	}
	FILE *f = fmemopen(u, len, "r");
	if (!f) {
		diag_error(dg, (struct pos){path, 0, 0},
			"cannot open patterns in memory: %s", strerror(errno));
		free(u);
		return NULL;
	}
	HyphenDict *d = hnj_hyphen_load_file(f);
	fclose(f);
	free(u);
	/* without NEXTLEVEL the loader puts a built-in hyphen/apostrophe
	 * level in front and the file's patterns in nextlevel */
	const HyphenDict *pat = d && d->nextlevel ? d->nextlevel : d;
	if (!pat || pat->num_states < 2) {
		diag_error(dg, (struct pos){path, 0, 0},
			"no hyphenation patterns found");
		if (d)
			hnj_hyphen_free(d);
		return NULL;
	}
	return d;
}

/* one line of the exception file: "re-gi-on-över-gri-pan-de" */
static int hyph_excline(struct hyph *h, const char *s, size_t n,
	const char *path, int line, int col0, struct diag *dg)
{
	struct buf key = {0};
	unsigned char brk[HYPH_MAXWORD];
	int ncp = 0, prevdash = 1;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		int l = utf8_decode(s + i, n - i, &c);
		struct pos p = {path, line, col0 + (int)i};
		if (c == '-') {
			if (prevdash || i + 1 == n) {
				diag_error(dg, p, "misplaced hyphen in exception");
				buf_free(&key);
				return -1;
			}
			brk[ncp - 1] = 1;
			prevdash = 1;
		} else if (hyph_isletter(c)) {
			if (ncp >= HYPH_MAXWORD) {
				diag_error(dg, p, "exception longer than %d letters",
					HYPH_MAXWORD);
				buf_free(&key);
				return -1;
			}
			char enc[4];
			buf_put(&key, enc, (size_t)utf8_encode(hyph_lower(c), enc));
			brk[ncp++] = 0;
			prevdash = 0;
		} else {
			diag_error(dg, p, "unexpected character U+%04X in exception "
				"(letters and '-' only)", (unsigned)c);
			buf_free(&key);
			return -1;
		}
		i += (size_t)l;
	}
	h->exc = xgrow(h->exc, sizeof *h->exc, h->nexc + 1, &h->capexc);
	struct hexc *e = &h->exc[h->nexc++];
	e->key = buf_take(&key);
	e->brk = xmalloc((size_t)ncp);
	memcpy(e->brk, brk, (size_t)ncp);
	e->ncp = ncp;
	e->line = line;
	return 0;
}

static int hyph_loadexc(struct hyph *h, const char *path, struct diag *dg)
{
	size_t n;
	char *s = file_read(path, &n, HYPH_EXCMAX);
	if (!s) {
		diag_error(dg, (struct pos){path, 0, 0},
			"cannot read hyphenation exceptions: %s", strerror(errno));
		return -1;
	}
	int err = 0, line = 1;
	long bad = utf8_check(s, n);
	if (bad >= 0) {
		size_t bol = 0;
		for (long i = 0; i < bad; i++) {
			if (s[i] == '\n') {
				line++;
				bol = (size_t)i + 1;
			}
		}
		diag_error(dg, (struct pos){path, line, (int)((size_t)bad - bol) + 1},
			"invalid UTF-8");
		free(s);
		return -1;
	}
	for (size_t i = 0; i < n; line++) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - s) : n;
		const char *hash = memchr(s + i, '#', e - i);
		size_t a = i, b = hash ? (size_t)(hash - s) : e;
		while (a < b && (s[a] == ' ' || s[a] == '\t'))
			a++;
		while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r'))
			b--;
		if (b > a && hyph_excline(h, s + a, b - a, path, line,
			(int)(a - i) + 1, dg) < 0)
			err = -1;
		i = e + 1;
	}
	free(s);
	if (h->nexc > 1)
		qsort(h->exc, (size_t)h->nexc, sizeof *h->exc, hyph_cmpexc);
	for (int i = 1; i < h->nexc; i++) {
		if (strcmp(h->exc[i - 1].key, h->exc[i].key) != 0)
			continue;
		const struct hexc *x = &h->exc[i - 1], *y = &h->exc[i];
		if (x->line > y->line) {
			const struct hexc *t = x;
			x = y;
			y = t;
		}
		diag_error(dg, (struct pos){path, y->line, 0},
			"\"%s\" is listed twice", y->key);
		diag_note(dg, (struct pos){path, x->line, 0}, "first listed here");
		err = -1;
	}
	return err;
}

struct hyph *hyph_open(const char *dicpath, const char *exceptions_path,
	struct diag *dg)
{
	struct hyph *h = xcalloc(1, sizeof *h);
	h->dict = hyph_loaddic(dicpath, dg);
	if (!h->dict || (exceptions_path &&
		hyph_loadexc(h, exceptions_path, dg) < 0)) {
		hyph_close(h);
		return NULL;
	}
	return h;
}

void hyph_close(struct hyph *h)
{
	if (!h)
		return;
	if (h->dict)
		hnj_hyphen_free(h->dict);
	for (int i = 0; i < h->nexc; i++) {
		free(h->exc[i].key);
		free(h->exc[i].brk);
	}
	free(h->exc);
	free(h);
}

/* pattern breaks of a lowercase word lw (lwlen bytes), whose nl code
 * points (before lowercasing) are cp[] */
static void hyph_patterns(const struct hyph *h, const char *lw, int lwlen,
	int nl, int left, int right, unsigned char *brk, const uint32_t *cp)
{
	char hy[HYPH_MAXWORD + 5];
	/* libhyphen dereferences these even for standard patterns */
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	int err = hnj_hyphen_hyphenate3(h->dict, lw, lwlen, hy, NULL,
		&rep, &pos, &cut, left, right, left, right);
	/* with a UTF-8 dictionary hy[] is indexed by code point; breaks that
	 * change letters (rep) cannot be set by inserting a hyphen: dropped */
	for (int k = 0; k < nl; k++)
		brk[k] = !err && (hy[k] & 1) && !(rep && rep[k]);
	/* the patterns sometimes cut off a lone consonant at a compound
	 * joint ("bi-trä-de-s-per-so-nal"): a piece without a vowel joins the
	 * piece before it, or the one after when it is the first */
	int start = 0;
	for (int k = 0; k < nl; k++) {
		if (!brk[k] && k + 1 < nl)
			continue;
		int vowel = 0;
		for (int i = start; i <= k; i++)
			vowel |= hyph_isvowel(hyph_lower(cp[i]));
		if (!vowel && start == 0) {
			brk[k] = 0;
			continue;
		}
		if (!vowel)
			brk[start - 1] = 0;
		start = k + 1;
	}
	if (rep) {
		for (int k = 0; k < lwlen; k++)
			free(rep[k]);
		free(rep);
	}
	free(pos);
	free(cut);
}

/* look up or compute the breaks of one part of a word: code points
 * cp[s..e), all letters; sets marks after the byte ends in end[] */
static int hyph_part(const struct hyph *h, const uint32_t *cp,
	const uint16_t *end, int s, int e, int left, int right,
	unsigned char *marks)
{
	char lw[HYPH_MAXWORD + 1];
	unsigned char brk[HYPH_MAXWORD];
	int nl = e - s, lwlen = 0;
	/* lowercasing never lengthens a code point's encoding, so lw fits */
	for (int k = s; k < e; k++)
		lwlen += utf8_encode(hyph_lower(cp[k]), lw + lwlen);
	lw[lwlen] = '\0';
	struct hexc want = {.key = lw};
	const struct hexc *x = h->nexc ? bsearch(&want, h->exc,
		(size_t)h->nexc, sizeof *h->exc, hyph_cmpexc) : NULL;
	if (x && x->ncp == nl)
		memcpy(brk, x->brk, (size_t)nl);
	else
		hyph_patterns(h, lw, lwlen, nl, left, right, brk, cp + s);
	int count = 0;
	for (int k = left - 1; k < nl - right; k++) {
		if (brk[k]) {
			marks[end[s + k]] = HYPH_INSERT;
			count++;
		}
	}
	return count;
}

int hyph_word(const struct hyph *h, const char *word, size_t len,
	int minword, int leftmin, int rightmin, unsigned char *marks)
{
	uint32_t cp[HYPH_MAXWORD];
	uint16_t end[HYPH_MAXWORD];	/* last byte of each code point */
	int n = 0, count = 0, shy = 0;
	if (len)
		memset(marks, 0, len);
	if (!h || len == 0 || len > HYPH_MAXWORD)
		return 0;
	if (leftmin < 1)
		leftmin = 1;
	if (rightmin < 1)
		rightmin = 1;
	for (size_t i = 0; i < len; n++) {
		int l = utf8_decode(word + i, len - i, &cp[n]);
		if (l == 0 || hyph_isdigit(cp[n]))
			return 0;
		shy |= cp[n] == SHY;
		i += (size_t)l;
		end[n] = (uint16_t)(i - 1);
	}
	/* punctuation around the word is never part of a break */
	int a = 0, b = n;
	while (a < b && !hyph_isletter(cp[a]))
		a++;
	while (b > a && !hyph_isletter(cp[b - 1]))
		b--;
	/* anything else inside (URLs, e-mail, "SKR:s", a.b) is left whole */
	for (int k = a; k < b; k++) {
		if (cp[k] != SHY && !hyph_isletter(cp[k]) && !hyph_isdash(cp[k]))
			return 0;
	}
	/* parts between dashes; a break after a dash needs enough letters on
	 * both sides of it, so "e-post" stays whole */
	int prevletters = 0;
	for (int s = a; s < b;) {
		int e = s, letters = 0, lower = 0;
		for (; e < b && !hyph_isdash(cp[e]); e++) {
			if (cp[e] != SHY) {
				letters++;
				lower |= hyph_lower(cp[e]) == cp[e];
			}
		}
		if (s > a && prevletters >= leftmin && letters >= rightmin) {
			marks[end[s - 1]] = HYPH_EXPLICIT;
			count++;
		}
		if (shy) {
			/* the author's soft hyphens are the only breaks */
			int seen = 0;
			for (int k = s; k < e; k++) {
				seen += cp[k] != SHY;
				if (cp[k] == SHY && seen > 0 && seen < letters &&
					cp[k + 1] != SHY) {
					marks[end[k]] = HYPH_INSERT;
					count++;
				}
			}
		} else if (letters >= minword && letters >= leftmin + rightmin &&
			lower) {
			count += hyph_part(h, cp, end, s, e, leftmin, rightmin,
				marks);
		}
		prevletters = letters;
		s = e + 1;
	}
	return count;
}
