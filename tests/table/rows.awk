# In a dump, no table split over pages leaves a single body row on a page.
# Body rows are TR elements under TBody; a row's page is where its cells are.
/^page / { np++; next }
/^selem / { role[$2] = $3; par[$2] = substr($4, 8) + 0; next }
/^  text / && match($0, / tag=[0-9]+/) {
	t = substr($0, RSTART + 5, RLENGTH - 5) + 0
	cell[++n] = t; cpage[n] = np
}
END {
	for (i = 1; i <= n; i++) {
		t = cell[i]
		if (role[t] != "TD" && role[t] != "TH") continue
		tr = par[t]; tb = par[tr]
		if (role[tr] != "TR" || role[tb] != "TBody") continue
		k = tb SUBSEP cpage[i]
		if (!((tr SUBSEP cpage[i]) in seen)) { seen[tr SUBSEP cpage[i]] = 1; rows[k]++; pages[tb] = pages[tb] " " cpage[i] }
	}
	for (tb in pages) {
		m = split(pages[tb], pp, " "); lo = pp[1]; hi = pp[1]
		for (j = 1; j <= m; j++) { if (pp[j] < lo) lo = pp[j]; if (pp[j] > hi) hi = pp[j] }
		if (lo == hi) continue
		split_tables++
		for (p = lo; p <= hi; p++) if (rows[tb SUBSEP p] == 1) { print "table " tb ": one row alone on page " p; bad = 1 }
	}
	if (split_tables < 1) { print "only " split_tables " tables split over pages: the test does not test"; bad = 1 }
	exit bad
}
