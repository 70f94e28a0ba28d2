/*
 * num: numbers from table cells, parsed and printed the Swedish way without
 * locale functions (setlocale is process-global; documents render in
 * parallel threads).  Values are decimals, m × 10^-scale with |m| < 10^18,
 * so "-1 237,05" rounds to one place exactly and column sums of mnkr
 * figures add up to the cent, which binary doubles cannot promise.
 *
 * What num_parse accepts (everything else is NUM_TEXT, shown verbatim):
 * - optional sign: "-", "+", U+2212 "−", or U+2013 "–" directly before a
 *   digit (word processors turn a typed minus into an en dash);
 * - digits in groups of three separated by a space, U+00A0, U+202F, U+2009
 *   or U+2007 ("1 237"), the first group 1-3 digits, or no grouping at all;
 * - one decimal mark with at least one digit on each side (",5" and "5,"
 *   are text).  Which of "," and "." is the mark:
 *     only commas  - one comma is the mark ("1,234" = 1,234, Swedish);
 *     only points  - one point is the mark ("1.234" = 1,234): the seeds'
 *                    system-made tables write "0.0", "-47.7", "224.8";
 *     both         - the later one is the mark, the other groups by three
 *                    ("1.234,5" and "1,234.5" are both 1 234,5);
 *   a mark that occurs twice or more can only be grouping ("1.234.567");
 * - a trailing "%" (optionally after a space) makes NUM_PERCENT; a trailing
 *   unit word after a space ("1 395 st", "16 210 tkr", "5 Mbit/s") is kept
 *   in unit and the value is NUM_NUMBER;
 * - surrounding spaces (ASCII, no-break, thin) are ignored.
 * Rejected as text: exponents ("1,5e3"), ">78", "—", "Helt", "12 34"
 * (a group that is not three digits), a space between sign and digits.
 * More than 18 significant digits or decimals: NUM_TEXT with overflow set.
 */
#ifndef FOLIO_NUM_H
#define FOLIO_NUM_H

#include <stddef.h>
#include <stdint.h>

/* largest mantissa magnitude and scale: 18 digits always fit in int64 */
#define NUM_MAXDIG 18

/* a decimal value m × 10^-scale */
struct dec {
	int64_t m;		/* mantissa, |m| <= 10^18 - 1 */
	int scale;		/* digits after the decimal mark, 0..18 */
};

enum numkind {
	NUM_EMPTY,		/* empty or only white space */
	NUM_NUMBER,		/* a number, maybe with a unit word */
	NUM_PERCENT,		/* a number followed by "%" */
	NUM_TEXT		/* anything else: printed verbatim */
};

/* size of numval.unit, NUL included; longer unit words make the cell text */
#define NUM_UNITMAX 16

struct numval {
	enum numkind kind;	/* what the cell holds */
	struct dec d;		/* the value; scale = decimals written in the source */
	int overflow;		/* NUM_TEXT because of more than 18 digits */
	char unit[NUM_UNITMAX];	/* unit word after the number ("st"), or "" */
};

/* results of the arithmetic */
enum {
	NUM_OK = 0,
	NUM_ERANGE = -1,	/* the result needs more than 18 digits */
	NUM_EDIV0 = -2		/* division by zero */
};

/* classify and parse a cell; s is NUL-terminated, any bytes; returns kind */
enum numkind num_parse(const char *s, struct numval *out);

/* out = a + b, a - b at the larger of the two scales */
int num_add(struct dec a, struct dec b, struct dec *out);
int num_sub(struct dec a, struct dec b, struct dec *out);
/* -1, 0 or 1 as a < b, a == b, a > b; exact for any scales (a and b must
 * be valid values as this module makes them: |m| < 10^18, scale 0..18) */
int num_cmp(struct dec a, struct dec b);
/* a at `places` decimals (0..18): rounded half away from zero or padded */
int num_round(struct dec a, int places, struct dec *out);
/* a / b rounded half away from zero to `places` decimals */
int num_div(struct dec a, struct dec b, int places, struct dec *out);
/* 100 × a / b likewise: the "Förändring %" of a change a against a base b */
int num_pct(struct dec a, struct dec b, int places, struct dec *out);

/* how to print a value; a zeroed struct prints Swedish style, no decimals */
struct numfmt {
	int decimals;		/* digits after the mark, 0..18; -1 = as in the source */
	char point;		/* decimal mark: 0 or ',' = comma, '.' = point */
	const char *group;	/* thousands separator; NULL = U+00A0, "" = none */
	int groupmin;		/* group only integer parts of this many digits; 0 = 4 */
	const char *minus;	/* NULL = "-" (as the seeds); or "\u2212" */
	int plus;		/* write "+" before values above zero */
	const char *pctsep;	/* before "%": NULL = U+00A0 ("12 %"), "" = "12%" */
	const char *unit;	/* unit word; NULL = the parsed one, "" = none */
	const char *unitsep;	/* before the unit: NULL = U+00A0 */
	const char *empty;	/* for NUM_EMPTY: NULL = "", or a dash such as "–" */
};

/* print v into out (n bytes); returns the length, or -1 for NUM_TEXT (the
 * caller prints the cell as it is) or when out is too small (out gets "").
 * A value that rounds to zero never has a sign: no "-0,0", no "+0,0". */
int num_format(const struct numval *v, const struct numfmt *f, char *out, size_t n);

#endif
