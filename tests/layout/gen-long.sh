#!/bin/sh
# Write a long report to stdout: cover, TOC, NCHAP chapters of sections with
# paragraphs of varying length, so headings and paragraph ends fall at every
# height of the page.  Deterministic: the lengths follow a fixed sequence.
nchap=${1:-6}
words="Regionstyrelsen följer upp verksamhetens mål och ekonomi varje tertial med särskild vikt vid tillgänglighet kvalitet och kostnadskontroll inom hälso- och sjukvården samt regional utveckling"
cat <<HEAD
<?xml version="1.0" encoding="UTF-8"?>
<report>
  <meta><title>Provrapport</title><subtitle>Layouttest</subtitle>
    <organisation>Region Test</organisation><unit>Testnämnden</unit>
    <period>Delår 2024</period><date>2024-09-10</date></meta>
  <cover/>
  <toc depth="2"/>
HEAD
n=0
c=1
while [ $c -le "$nchap" ]; do
	echo "  <section id=\"k$c\"><title>Kapitel $c</title>"
	s=1
	while [ $s -le 7 ]; do
		echo "    <section id=\"k$c-$s\"><title>Avsnitt $c.$s om ekonomi</title>"
		p=1
		while [ $p -le $(( (c + s) % 3 + 1 )) ]; do
			n=$((n + 1))
			len=$(( (n * 7) % 60 + 8 ))
			printf '      <p>'
			i=0
			for w in $words $words $words $words $words $words; do
				[ $i -ge $len ] && break
				printf '%s ' "$w"
				i=$((i + 1))
			done
			echo "slut $n.</p>"
			p=$((p + 1))
		done
		echo "    </section>"
		s=$((s + 1))
	done
	echo "  </section>"
	c=$((c + 1))
done
echo "</report>"
