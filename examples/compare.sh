#!/bin/sh
# Print the comparison of every example with its original as Markdown:
# page counts, and the start page of each level-1 and level-2 section in the
# original (from the "Comparison with the original" table of the example's
# README) beside folio's (from the outline of the laid-out pages).
# Run from the repository root after `make`: sh examples/compare.sh
FOLIO=${FOLIO:-build/folio}
for r in examples/*/report.xml; do
	d=$(dirname "$r"); ex=$(basename "$d")
	grep -q -i "comparison with the original" "$d/README.md" 2>/dev/null || continue
	dump=$(mktemp)
	$FOLIO render --dump "$r" >"$dump" 2>/dev/null || { rm -f "$dump"; continue; }
	pages=$(grep -c '^page ' "$dump")
	# the originals' page counts (the last TOC entry is on page 29 of seed 000)
	case $ex in
	regionstyrelsen-delar-2024) orig="29–31" ;;
	hsn-delar-2023) orig=60 ;;
	tillvaxtnamnd-delar-2024) orig=38 ;;
	regionstyrelsen-vp-2025) orig=24 ;;
	*) orig="–" ;;
	esac
	echo "### $ex"
	echo
	echo "| Section | Original | folio |"
	echo "|---|---:|---:|"
	# original start pages by section number, from the README table
	awk -F'|' -v dump="$dump" '
		BEGIN {
			while ((getline l < dump) > 0)
				if (l ~ /^outline [12] "/) {
					t = l; sub(/^outline [12] "/, "", t); pg = t; sub(/".*/, "", t)
					sub(/.* page /, "", pg); sub(/ .*/, "", pg)
					n = t; sub(/ .*/, "", n)
					if (n ~ /^[0-9][0-9.]*$/ && !(n in fp)) { fp[n] = pg; ft[n] = t; order[++k] = n }
				}
		}
		tolower($0) ~ /comparison with the original/ { on = 1; next }
		on && /^\|/ {
			s = $2; gsub(/^ +| +$/, "", s); o = $3; gsub(/^ +| +$/, "", o)
			n = s; sub(/ .*/, "", n)
			if (n ~ /^[0-9][0-9.]*$/ && !(n in op)) op[n] = o
		}
		on && /^#/ { on = 0 }
		END { for (i = 1; i <= k; i++) printf "| %s | %s | %s |\n", ft[order[i]], (order[i] in op) ? op[order[i]] : "–", fp[order[i]] }
	' "$d/README.md"
	echo "| **Pages in all** | **$orig** | **$pages** |"
	echo
	rm -f "$dump"
done
