/*
 * hyph: Swedish hyphenation with libhyphen (hyphen-sv patterns) plus a
 * project exception list.  One struct hyph is loaded per process and may be
 * shared read-only by all rendering threads.
 */
#ifndef FOLIO_HYPH_H
#define FOLIO_HYPH_H

#include <stddef.h>

#include "diag.h"

/* the Debian pattern file (package hyphen-sv) */
#define HYPH_DIC_SV "/usr/share/hyphen/hyph_sv_SE.dic"
/* longer words (in bytes) are never hyphenated */
#define HYPH_MAXWORD 1024

/* values of marks[i]: what a break after byte i of the word means */
enum {
	HYPH_NONE = 0,		/* no break */
	HYPH_INSERT = 1,	/* break and draw a hyphen at the line end */
	HYPH_EXPLICIT = 2	/* break after a hyphen or dash already in the text */
};

struct hyph;

/* load the patterns (ISO-8859-1 or UTF-8 .dic) and, unless exceptions_path
 * is NULL, the exception list; NULL after reporting to dg */
struct hyph *hyph_open(const char *dicpath, const char *exceptions_path,
	struct diag *dg);
/*
 * Break points of one word of valid UTF-8 (len bytes; leading and trailing
 * punctuation is allowed and never broken).  marks must hold len bytes; it
 * is cleared, then marks[i] is set to HYPH_INSERT or HYPH_EXPLICIT where a
 * line may end after byte i.  minword: the shortest part (in letters)
 * hyphenated; leftmin/rightmin: letters kept before/after a hyphen.
 * A break after a soft hyphen (U+00AD) is HYPH_INSERT: the caller never
 * draws U+00AD itself.  Returns the number of marks set.
 * Reads h only, so any number of threads may call it at once.
 */
int hyph_word(const struct hyph *h, const char *word, size_t len,
	int minword, int leftmin, int rightmin, unsigned char *marks);
void hyph_close(struct hyph *h);

#endif
