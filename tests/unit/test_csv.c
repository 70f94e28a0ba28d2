/*
 * test_csv: the CSV loader on small inputs from memory (each rule and each
 * error text), on the fixtures in tests/data, at its limits, and on seeded
 * random bytes with a write-back-and-reparse check.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "csv.h"
#include "num.h"
#include "utf8.h"
#include "util.h"

/* the messages of the last parse */
static char msg[4096];

/* parse len bytes as "t.csv"; diagnostics go to msg */
static struct csv *parse_n(const char *s, size_t len, int delim)
{
	char *mbuf = NULL;
	size_t mlen = 0;
	FILE *f = open_memstream(&mbuf, &mlen);
	assert_non_null(f);
	struct diag dg = { f, 0, 0, 0 };
	struct csv *t = csv_parse(s, len, "t.csv", delim, &dg);
	fclose(f);
	snprintf(msg, sizeof(msg), "%s", mbuf ? mbuf : "");
	free(mbuf);
	/* a table exactly when there was no error */
	assert_int_equal(t == NULL, dg.nerr > 0);
	return t;
}

#define PARSE(lit, delim) parse_n(lit, sizeof(lit) - 1, delim)

/* the one error message must be exactly want */
static void error_is(const char *want)
{
	if (strcmp(msg, want) != 0)
		fail_msg("message\n  %s\nexpected\n  %s", msg, want);
}

static void cell_is(const struct csv *t, int row, int col, const char *want,
	int line, int column)
{
	const char *s = csv_cell(t, row, col);
	struct pos p = csv_pos(t, row, col);
	assert_non_null(s);
	if (strcmp(s, want) != 0 || p.line != line || p.col != column)
		fail_msg("cell %d,%d: \"%s\" at %d:%d, expected \"%s\" at %d:%d",
			row, col, s, p.line, p.col, want, line, column);
	assert_string_equal(p.file, "t.csv");
}

static void test_basic(void **state)
{
	(void)state;
	struct csv *t = PARSE("Belopp i mnkr;Utfall ack 2024;Budget ack 2024\n"
		"- Lokalförsörjning;-1 569,0;-1 600,0\n", 0);
	assert_non_null(t);
	assert_int_equal(csv_ncols(t), 3);
	assert_int_equal(csv_nrows(t), 1);
	assert_int_equal(csv_delim(t), ';');
	assert_string_equal(csv_name(t, 1), "Utfall ack 2024");
	assert_int_equal(csv_col(t, "Budget ack 2024"), 2);
	assert_int_equal(csv_col(t, "Budget"), -1);
	cell_is(t, -1, 0, "Belopp i mnkr", 1, 1);
	cell_is(t, 0, 0, "- Lokalförsörjning", 2, 1);
	cell_is(t, 0, 1, "-1 569,0", 2, 20);	/* columns count characters: ö is one */
	cell_is(t, 0, 2, "-1 600,0", 2, 29);
	/* out of range */
	assert_null(csv_cell(t, 1, 0));
	assert_null(csv_cell(t, 0, 3));
	assert_null(csv_cell(t, -2, 0));
	assert_null(csv_name(t, -1));
	assert_int_equal(csv_pos(t, 5, 5).line, 0);
	csv_free(t);
}

static void test_delimiters(void **state)
{
	(void)state;
	struct csv *t = PARSE("a,b,c\n1,\"2,5\",3\n", 0);
	assert_non_null(t);
	assert_int_equal(csv_delim(t), ',');
	cell_is(t, 0, 1, "2,5", 2, 3);
	csv_free(t);
	t = PARSE("a\tb\n1,5\t2;5\n", 0);
	assert_non_null(t);
	assert_int_equal(csv_delim(t), '\t');
	cell_is(t, 0, 0, "1,5", 2, 1);
	cell_is(t, 0, 1, "2;5", 2, 5);
	csv_free(t);
	/* the most frequent wins: two ';' against one ',' */
	t = PARSE("Namn, förnamn;Ålder;Ort\nA;1;B\n", 0);
	assert_non_null(t);
	assert_int_equal(csv_ncols(t), 3);
	cell_is(t, -1, 0, "Namn, förnamn", 1, 1);
	csv_free(t);
	/* separators inside quotes in the header do not count */
	t = PARSE("\"a;b;c\",d\n1,2\n", 0);
	assert_non_null(t);
	assert_int_equal(csv_delim(t), ',');
	csv_free(t);
	/* no delimiter in the header: one column */
	t = PARSE("Namn\nA\nB,C\n", 0);
	assert_non_null(t);
	assert_int_equal(csv_ncols(t), 1);
	assert_int_equal(csv_nrows(t), 2);
	cell_is(t, 1, 0, "B,C", 3, 1);
	csv_free(t);
	/* declared */
	t = PARSE("a|b\n1|2\n", '|');
	assert_non_null(t);
	cell_is(t, 0, 1, "2", 2, 3);
	csv_free(t);
	assert_null(PARSE("a;b\n", 'x'));
	error_is("t.csv: error: unsupported delimiter; use ';', ',', tab or '|'\n");
}

static void test_delimiter_tie(void **state)
{
	(void)state;
	assert_null(PARSE("a;b,c\n1;2,3\n", 0));
	error_is("t.csv:1: error: cannot tell the delimiter: the header line has 1 ';' "
		"and 1 ',' outside quotes; declare it\n");
	assert_null(PARSE("a\tb,c\td,e\n", 0));
	error_is("t.csv:1: error: cannot tell the delimiter: the header line has 2 ',' "
		"and 2 tab outside quotes; declare it\n");
	/* declaring settles it */
	struct csv *t = PARSE("a;b,c\n1;2,3\n", ';');
	assert_non_null(t);
	assert_int_equal(csv_ncols(t), 2);
	cell_is(t, -1, 1, "b,c", 1, 3);
	cell_is(t, 0, 1, "2,3", 2, 3);
	csv_free(t);
}

static void test_quotes(void **state)
{
	(void)state;
	struct csv *t = PARSE("a;b;c;d\n\"x;y\";\"say \"\"hi\"\"\";\"\";\"\"\"\"\n", 0);
	assert_non_null(t);
	cell_is(t, 0, 0, "x;y", 2, 1);
	cell_is(t, 0, 1, "say \"hi\"", 2, 7);
	cell_is(t, 0, 2, "", 2, 20);
	cell_is(t, 0, 3, "\"", 2, 23);
	csv_free(t);
	/* a quote inside an unquoted field is kept as it is */
	t = PARSE("a;b\n5\" skruv;2\n", 0);
	assert_non_null(t);
	cell_is(t, 0, 0, "5\" skruv", 2, 1);
	csv_free(t);
	/* spaces after a closing quote are allowed, other text is not */
	t = PARSE("a;b\n\"x\"  ;y\n", 0);
	assert_non_null(t);
	cell_is(t, 0, 0, "x", 2, 1);
	csv_free(t);
	assert_null(PARSE("a;b\n\"x\"y;z\n", 0));
	error_is("t.csv:2:4: error: text after the closing quote of a field "
		"(a quote inside quotes is written \"\")\n");
	/* never closed: reported where the quote opens, lines later */
	assert_null(PARSE("a;b\n1;\"öppen\nrad\nrad\n", 0));
	error_is("t.csv:2:3: error: this quoted field is never closed (a '\"' is missing)\n");
}

static void test_quoted_newlines(void **state)
{
	(void)state;
	struct csv *t = PARSE("Namn;Text\nx;\"rad ett\nrad två\"\ny;z\n\"å\r\nä\";\"\r\r\"\n", 0);
	assert_non_null(t);
	assert_int_equal(csv_nrows(t), 3);
	cell_is(t, 0, 1, "rad ett\nrad två", 2, 3);
	cell_is(t, 1, 0, "y", 4, 1);
	cell_is(t, 1, 1, "z", 4, 3);
	cell_is(t, 2, 0, "å\nä", 5, 1);		/* CRLF inside quotes becomes LF */
	cell_is(t, 2, 1, "\n\n", 6, 4);		/* so does a lone CR */
	csv_free(t);
	/* errors after a multi-line cell carry the right line */
	assert_null(PARSE("a;b\n1;\"x\r\ny\r\nz\"\r\n2;3;4\r\n", 0));
	error_is("t.csv:5: error: row has 3 fields, the header has 2\n");
}

static void test_line_ends(void **state)
{
	(void)state;
	/* CRLF: no CR left in cells; a final line without a line end */
	struct csv *t = PARSE("a;b\r\n1;2\r\n3;4", 0);
	assert_non_null(t);
	assert_int_equal(csv_nrows(t), 2);
	cell_is(t, -1, 1, "b", 1, 3);
	cell_is(t, 0, 1, "2", 2, 3);
	cell_is(t, 1, 1, "4", 3, 3);
	csv_free(t);
	/* old Mac CR line ends */
	t = PARSE("a;b\r1;2\r3;4\r", 0);
	assert_non_null(t);
	assert_int_equal(csv_nrows(t), 2);
	cell_is(t, 1, 0, "3", 3, 1);
	csv_free(t);
	/* a trailing delimiter is one more, empty field */
	t = PARSE("a;b\n1;\n", 0);
	assert_non_null(t);
	cell_is(t, 0, 1, "", 2, 3);
	csv_free(t);
	/* cells are kept as written, spaces included */
	t = PARSE("a;b\n 1 ; x \n", 0);
	assert_non_null(t);
	cell_is(t, 0, 0, " 1 ", 2, 1);
	cell_is(t, 0, 1, " x ", 2, 5);
	csv_free(t);
}

static void test_blank_lines(void **state)
{
	(void)state;
	/* at the end: ignored, whatever the line ends */
	struct csv *t = PARSE("a;b\n1;2\n\n\r\n\r\n", 0);
	assert_non_null(t);
	assert_int_equal(csv_nrows(t), 1);
	csv_free(t);
	/* in the middle: a row of empty cells, at its own line */
	t = PARSE("a;b\n1;2\n\n\n3;4\n\n", 0);
	assert_non_null(t);
	assert_int_equal(csv_nrows(t), 4);
	cell_is(t, 1, 0, "", 3, 1);
	cell_is(t, 2, 1, "", 4, 1);
	cell_is(t, 3, 0, "3", 5, 1);
	csv_free(t);
	/* a row of empty fields is an ordinary row */
	t = PARSE("a;b;c\n;;\n", 0);
	assert_non_null(t);
	assert_int_equal(csv_nrows(t), 1);
	cell_is(t, 0, 2, "", 2, 3);
	csv_free(t);
	assert_null(PARSE("\na;b\n", 0));
	error_is("t.csv:1: error: the first line is empty; it must be the header\n");
}

static void test_bom_utf8(void **state)
{
	(void)state;
	struct csv *t = PARSE("\xef\xbb\xbfNamn;Värde\nÅr;1\n", 0);
	assert_non_null(t);
	assert_int_equal(csv_col(t, "Namn"), 0);	/* no BOM in the name */
	cell_is(t, -1, 0, "Namn", 1, 1);
	cell_is(t, -1, 1, "Värde", 1, 6);
	csv_free(t);
	assert_null(PARSE("Namn;Värde\nÅr;\xff\n", 0));
	assert_non_null(strstr(msg, "t.csv:2:4: error: invalid UTF-8 (byte 0xFF)"));
	/* a truncated sequence at the very end, after a BOM */
	assert_null(PARSE("\xef\xbb\xbf" "a;b\n1;\xc3", 0));
	assert_non_null(strstr(msg, "t.csv:2:3: error: invalid UTF-8 (byte 0xC3)"));
	/* an encoded surrogate is not UTF-8 either */
	assert_null(PARSE("a;b\n\xed\xa0\x80;1\n", 0));
	assert_non_null(strstr(msg, "t.csv:2:1: error: invalid UTF-8 (byte 0xED)"));
	/* the position after a multi-line quoted cell is still right */
	assert_null(PARSE("a;b\n\"x\ny\";ö\xe9\n", 0));
	assert_non_null(strstr(msg, "t.csv:3:5: error: invalid UTF-8 (byte 0xE9)"));
	assert_null(PARSE("a;b\n1;\0002\n", 0));
	error_is("t.csv:2:3: error: NUL byte: this is not a text file\n");
	assert_null(PARSE("\xff\xfe" "a\0;\0b\0", 0));
	error_is("t.csv: error: the file is UTF-16 text; it must be UTF-8 "
		"(in Excel: save as \"CSV UTF-8\")\n");
}

static void test_latin1(void **state)
{
	(void)state;
	/* "Län;Värde" as Excel writes it in Windows-1252 */
	assert_null(PARSE("L\xe4n;V\xe4rde\nA;1\n", 0));
	error_is("t.csv:1:2: error: invalid UTF-8 (byte 0xE4); the file must be UTF-8: "
		"a Latin-1/Windows-1252 export from Excel must be saved as \"CSV UTF-8\" "
		"instead\n");
}

static void test_empty_header(void **state)
{
	(void)state;
	assert_null(PARSE("", 0));
	error_is("t.csv: error: the file is empty; its first line must be the header\n");
	assert_null(PARSE("\xef\xbb\xbf", 0));
	error_is("t.csv: error: the file is empty; its first line must be the header\n");
	assert_null(parse_n(NULL, 0, 0));
	/* header only: a table without rows */
	struct csv *t = PARSE("a;b\n", 0);
	assert_non_null(t);
	assert_int_equal(csv_ncols(t), 2);
	assert_int_equal(csv_nrows(t), 0);
	assert_null(csv_cell(t, 0, 0));
	csv_free(t);
	t = PARSE("a;b", 0);
	assert_non_null(t);
	assert_int_equal(csv_nrows(t), 0);
	csv_free(t);
	/* names are trimmed (spaces, tabs, no-break spaces) */
	t = PARSE(" Utfall \xc2\xa0;\xc2\xa0\"Budget\" \n1;2\n", 0);
	assert_non_null(t);
	assert_string_equal(csv_name(t, 0), "Utfall");
	assert_string_equal(csv_name(t, 1), "\"Budget\"");
	assert_int_equal(csv_col(t, "Utfall"), 0);
	csv_free(t);
}

static void test_bad_header(void **state)
{
	(void)state;
	assert_null(PARSE("a;b;a\n1;2;3\n", 0));
	error_is("t.csv:1:5: error: column name \"a\" appears twice in the header\n"
		"t.csv:1:1: note: first as column 1\n");
	assert_null(PARSE("Utfall; Budget ;Budget\n", 0));
	error_is("t.csv:1:17: error: column name \"Budget\" appears twice in the header\n"
		"t.csv:1:8: note: first as column 2\n");
	assert_null(PARSE("a;;b\n", 0));
	error_is("t.csv:1:3: error: column 2 of the header has no name\n");
	assert_null(PARSE("a;\" \xc2\xa0\";b\n", 0));
	error_is("t.csv:1:3: error: column 2 of the header has no name\n");
	assert_null(PARSE("a;b;  \n", 0));
	error_is("t.csv:1:5: error: column 3 of the header has no name\n");
}

static void test_ragged(void **state)
{
	(void)state;
	assert_null(PARSE("1;2;3;4;5;6;7;8;9\n1;2;3;4;5;6;7;8;9\n1;2;3;4;5;6;7\n", 0));
	error_is("t.csv:3: error: row has 7 fields, the header has 9\n");
	assert_null(PARSE("a;b\n1;2;3\n", ';'));
	error_is("t.csv:2: error: row has 3 fields, the header has 2\n");
	/* one field where many were expected: maybe the wrong delimiter */
	assert_null(PARSE("a;b;c\n1,2,3\n", 0));
	error_is("t.csv:2: error: row has 1 field, the header has 3\n"
		"t.csv:1: note: the delimiter ';' was taken from the header line\n");
}

static void test_limits(void **state)
{
	(void)state;
	struct buf b = { 0 };
	for (int i = 0; i < CSV_MAXCOLS; i++)
		buf_printf(&b, "k%d;", i);
	buf_puts(&b, "sista\n");
	assert_null(parse_n(b.s, b.len, 0));
	error_is("t.csv:1:4891: error: more than 1000 fields in a row\n");
	buf_free(&b);

	/* exactly the row limit loads, one more does not */
	buf_puts(&b, "a\n");
	for (int i = 0; i < CSV_MAXROWS; i++)
		buf_puts(&b, "1\n");
	struct csv *t = parse_n(b.s, b.len, 0);
	assert_non_null(t);
	assert_int_equal(csv_nrows(t), CSV_MAXROWS);
	assert_int_equal(csv_pos(t, CSV_MAXROWS - 1, 0).line, CSV_MAXROWS + 1);
	csv_free(t);
	buf_puts(&b, "1\n");
	assert_null(parse_n(b.s, b.len, 0));
	error_is("t.csv:1000002: error: more than 1000000 rows\n");
	buf_free(&b);

	/* cells in all */
	for (int i = 0; i < 999; i++)
		buf_printf(&b, "k%d;", i);
	buf_puts(&b, "k\n");
	struct buf row = { 0 };
	for (int i = 0; i < 999; i++)
		buf_puts(&row, ";");
	buf_puts(&row, "\n");
	for (int i = 0; i < CSV_MAXCELLS / 1000; i++)
		buf_put(&b, row.s, row.len);
	buf_free(&row);
	assert_null(parse_n(b.s, b.len, ';'));
	char want[64];
	snprintf(want, sizeof(want), "error: more than %d cells in the file", CSV_MAXCELLS);
	assert_non_null(strstr(msg, want));
	buf_free(&b);

	/* file size, refused before anything is read */
	size_t big = (size_t)CSV_MAXBYTES + 1;
	char *huge = calloc(big, 1);
	assert_non_null(huge);
	assert_null(parse_n(huge, big, 0));
	error_is("t.csv: error: the file is larger than 64 MiB\n");
	free(huge);
}

/* a fixture next to this test: tests/data/<name> */
static char *fixture(const char *name)
{
	char *dir = path_dir(__FILE__);
	char *data = path_join(dir, "../data");
	char *p = path_join(data, name);
	free(dir);
	free(data);
	return p;
}

static struct csv *read_fixture(const char *name, struct diag *dg)
{
	char *p = fixture(name);
	struct csv *t = csv_read(p, 0, dg);
	free(p);
	return t;
}

static void test_files(void **state)
{
	(void)state;
	struct diag dg = { fopen("/dev/null", "w"), 0, 0, 0 };
	assert_non_null(dg.out);

	/* BOM, CRLF, ';', Swedish numbers: the Summa row is the column sums */
	struct csv *t = read_fixture("resultat.csv", &dg);
	assert_non_null(t);
	assert_int_equal(csv_ncols(t), 4);
	assert_int_equal(csv_nrows(t), 4);
	assert_string_equal(csv_name(t, 0), "Belopp i mnkr");
	assert_non_null(strstr(csv_file(t), "data/resultat.csv"));
	assert_string_equal(csv_cell(t, 0, 0), "Regiongemensamt, varav");
	for (int c = 1; c < 4; c++) {
		struct numval a, b, sum;
		struct dec d;
		assert_int_equal(num_parse(csv_cell(t, 1, c), &a), NUM_NUMBER);
		assert_int_equal(num_parse(csv_cell(t, 2, c), &b), NUM_NUMBER);
		assert_int_equal(num_parse(csv_cell(t, 3, c), &sum), NUM_NUMBER);
		assert_int_equal(num_add(a.d, b.d, &d), NUM_OK);
		assert_int_equal(num_cmp(d, sum.d), 0);
	}
	assert_int_equal(csv_pos(t, 3, 1).line, 5);
	assert_int_equal(csv_pos(t, 3, 1).col, 8);
	csv_free(t);

	/* ',' with a quoted header name, decimal points, no final line end */
	t = read_fixture("investeringar.csv", &dg);
	assert_non_null(t);
	assert_int_equal(csv_delim(t), ',');
	assert_int_equal(csv_col(t, "Investeringar brutto, mnkr"), 0);
	assert_string_equal(csv_cell(t, 1, 3), "13.5");
	assert_int_equal(csv_pos(t, 1, 4).line, 3);
	csv_free(t);

	/* tab, a two-line quoted comment, status words and a dash */
	t = read_fixture("indikatorer.csv", &dg);
	assert_non_null(t);
	assert_int_equal(csv_delim(t), '\t');
	assert_int_equal(csv_nrows(t), 3);
	assert_string_equal(csv_cell(t, 0, 3), "Första raden.\nAndra raden med \"citat\".");
	assert_string_equal(csv_cell(t, 0, 1), "1 395 st");
	assert_int_equal(csv_pos(t, 1, 0).line, 4);
	assert_int_equal(csv_pos(t, 2, 2).line, 5);
	assert_string_equal(csv_cell(t, 2, 2), "—");
	csv_free(t);
	assert_int_equal(dg.nerr, 0);
	fclose(dg.out);

	char *mbuf = NULL;
	size_t mlen = 0;
	dg.out = open_memstream(&mbuf, &mlen);
	assert_null(read_fixture("latin1.csv", &dg));
	assert_null(read_fixture("saknas.csv", &dg));
	fclose(dg.out);
	assert_int_equal(dg.nerr, 2);
	assert_non_null(strstr(mbuf, "data/latin1.csv:3:1: error: invalid UTF-8 (byte 0xD6)"));
	assert_non_null(strstr(mbuf, "data/saknas.csv: error: cannot read: No such file"));
	free(mbuf);
}

static uint64_t rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* write t back as CSV, every field quoted */
static void write_back(const struct csv *t, struct buf *b)
{
	for (int r = -1; r < csv_nrows(t); r++) {
		for (int c = 0; c < csv_ncols(t); c++) {
			buf_puts(b, c ? ";\"" : "\"");
			for (const char *s = csv_cell(t, r, c); *s; s++)
				buf_puts(b, *s == '"' ? "\"\"" : (char[]){ *s, 0 });
			buf_putc(b, '"');
		}
		buf_putc(b, '\n');
	}
}

static const char alpha[] = ";,\t\"\"\n\r a1\xc3\xa4\xef\xbb\xbf";

/* a CSV-like text: a header of unique names, rows of plain and quoted
 * fields of random width, random line ends; sometimes one byte changed */
static size_t gen_csv(uint64_t *seed, char *s, size_t cap)
{
	static const char delims[3] = { ';', ',', '\t' };
	static const char *tokens[12] = { ";", ",", "\t", "\"\"", "\n", "\r", " ", "a",
		"1", "\xc3\xa4", "\xef\xbb\xbf", "\xe2\x80\x94" };
	struct buf b = { 0 };
	int ncol = (int)(rnd(seed) % 4) + 1, nrow = (int)(rnd(seed) % 6);
	char d = delims[rnd(seed) % 3];
	for (int r = -1; r < nrow; r++) {
		int n = ncol + (rnd(seed) % 16 == 0);
		for (int c = 0; c < n; c++) {
			if (c)
				buf_putc(&b, d);
			uint64_t kind = rnd(seed) % 4;
			if (r < 0) {
				buf_printf(&b, "h%d", c);
			} else if (kind == 1) {
				buf_puts(&b, d == ',' ? "\"-1 237,5\"" : "-1 237,5");
			} else if (kind == 2) {
				buf_putc(&b, '"');
				for (uint64_t k = rnd(seed) % 6; k > 0; k--)
					buf_puts(&b, tokens[rnd(seed) % 12]);
				buf_putc(&b, '"');
			} else if (kind == 3) {
				buf_puts(&b, "Värde saknas");
			}
		}
		if (r < nrow - 1 || rnd(seed) % 2)
			buf_puts(&b, rnd(seed) % 2 ? "\r\n" : "\n");
	}
	size_t len = b.len < cap ? b.len : cap;
	memcpy(s, b.s, len);
	buf_free(&b);
	if (len && rnd(seed) % 8 == 0)
		s[rnd(seed) % len] = (char)(rnd(seed) & 0xff);
	return len;
}

static void test_random(void **state)
{
	(void)state;
	uint64_t seed = 0x2545f4914f6cdd1dULL;
	FILE *null = fopen("/dev/null", "w");
	assert_non_null(null);
	char s[512];
	int loaded = 0;
	for (int i = 0; i < 10000; i++) {
		size_t len;
		if (i % 4 < 2) {
			len = gen_csv(&seed, s, sizeof(s));
		} else {
			/* raw bytes, or bytes from the characters that matter */
			len = rnd(&seed) % 96;
			for (size_t j = 0; j < len; j++) {
				uint64_t x = rnd(&seed);
				s[j] = (char)(i % 4 == 2 ? (int)(x & 0xff) :
					alpha[x % (sizeof(alpha) - 1)]);
			}
		}
		struct diag dg = { null, 0, 0, 0 };
		struct csv *t = csv_parse(s, len, "r.csv", 0, &dg);
		assert_int_equal(t == NULL, dg.nerr > 0);
		if (!t)
			continue;
		loaded++;
		int lines = 1;
		for (size_t j = 0; j < len; j++)
			lines += s[j] == '\n' || (s[j] == '\r' && (j + 1 == len || s[j + 1] != '\n'));
		int last = 0;
		for (int r = -1; r < csv_nrows(t); r++) {
			for (int c = 0; c < csv_ncols(t); c++) {
				const char *cell = csv_cell(t, r, c);
				struct pos p = csv_pos(t, r, c);
				assert_true(p.line >= last && p.line <= lines && p.col >= 1);
				last = p.line;
				assert_null(strchr(cell, '\r'));
				assert_int_equal(utf8_check(cell, strlen(cell)), -1);
			}
		}
		/* what loaded writes back and loads again to the same table */
		struct buf b = { 0 };
		write_back(t, &b);
		struct csv *u = csv_parse(b.s, b.len, "w.csv", ';', &dg);
		assert_non_null(u);
		assert_int_equal(csv_ncols(u), csv_ncols(t));
		assert_int_equal(csv_nrows(u), csv_nrows(t));
		for (int r = -1; r < csv_nrows(t); r++)
			for (int c = 0; c < csv_ncols(t); c++)
				assert_string_equal(csv_cell(u, r, c), csv_cell(t, r, c));
		csv_free(u);
		buf_free(&b);
		csv_free(t);
	}
	fclose(null);
	assert_true(loaded > 3000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic),
		cmocka_unit_test(test_delimiters),
		cmocka_unit_test(test_delimiter_tie),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_quoted_newlines),
		cmocka_unit_test(test_line_ends),
		cmocka_unit_test(test_blank_lines),
		cmocka_unit_test(test_bom_utf8),
		cmocka_unit_test(test_latin1),
		cmocka_unit_test(test_empty_header),
		cmocka_unit_test(test_bad_header),
		cmocka_unit_test(test_ragged),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_files),
		cmocka_unit_test(test_random),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
