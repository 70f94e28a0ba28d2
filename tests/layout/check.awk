# Check layout rules on the text dump of `folio render --dump`.
# Run as: awk -v rule=RULE -f check.awk DUMP
# Rules: justify (all lines of a paragraph but the last end at the right
# margin), toc (TOC numbers equal the pages of the headings), keep (a heading
# has two lines after it on its page), split (a paragraph split over pages
# keeps two lines on each side), chapter (chapters start at the top of a
# page), tocpages (the TOC takes at least -v min pages), footer ("N (M)" on every page after the cover), margins (body text
# stays inside the text block).  Prints what is wrong; exit 1 if anything is.
function unq(s) { sub(/^[^"]*"/, "", s); sub(/"$/, "", s); gsub(/\\"/, "\"", s); return s }
function field(line, key,   m) {
	if (match(line, " " key "=[^ ]*")) { m = substr(line, RSTART + length(key) + 2, RLENGTH - length(key) - 2); return m }
	return ""
}
/^page / { np++; split($3, wh, "x"); pw = wh[1]; ph = wh[2]; next }
/^selem / { role[$2] = $3; next }
/^  text / {
	n++; P[n] = np; X[n] = $2 + 0; Y[n] = $3 + 0; W[n] = field($0, "w") + 0
	TAG[n] = field($0, "tag") + 0; S[n] = field($0, "size") + 0; TX[n] = unq($0)
	next
}
END {
	bad = 0
	for (i = 1; i <= n; i++) { R[i] = (TAG[i] >= 0) ? role[TAG[i]] : "Artifact" }
	if (rule == "toc") {
		for (i = 1; i <= n; i++) if (R[i] == "TOCI") tocpage[P[i]] = 1
		# the page numbers: the rightmost numeric TOCI box of each line
		for (i = 1; i <= n; i++) {
			if (R[i] != "TOCI" || TX[i] !~ /^[0-9]+$/) continue
			isnum = 1
			for (j = 1; j <= n; j++)
				if (P[j] == P[i] && Y[j] == Y[i] && R[j] == "TOCI" && X[j] > X[i]) isnum = 0
			if (!isnum || X[i] < 200) continue
			# its entry: the section number at the left of this line or of the
			# lines above it, up to the previous entry's page number
			num = ""; numy = -1; prevy = -1
			for (j = 1; j <= n; j++) {
				if (P[j] != P[i] || R[j] != "TOCI" || Y[j] >= Y[i] || TX[j] !~ /^[0-9]+$/ || X[j] < 200) continue
				if (Y[j] > prevy) prevy = Y[j]
			}
			for (j = 1; j <= n; j++)
				if (P[j] == P[i] && R[j] == "TOCI" && Y[j] <= Y[i] && Y[j] > prevy && X[j] < 100 &&
				    TX[j] ~ /^[0-9][0-9.]*$/ && Y[j] > numy) { num = TX[j]; numy = Y[j] }
			# its title: the first text run right of the number column, on the entry's first line
			title = ""; ty = (numy >= 0) ? numy : Y[i]; tx = 1e9
			for (j = 1; j <= n; j++)
				if (P[j] == P[i] && Y[j] == ty && R[j] == "TOCI" && X[j] >= 90 && X[j] < tx && TX[j] !~ /^[0-9.]+$/) { title = TX[j]; tx = X[j] }
			want = TX[i] + 0; got = 0
			for (j = 1; j <= n && !got; j++) {
				if ((P[j] in tocpage) || R[j] !~ /^H[1-6]$/) continue
				if (num != "" ? TX[j] == num : TX[j] == title) got = P[j]
			}
			checked++
			if (got != want) { print "TOC says \"" num " " title "\" is on page " want ", heading found on page " got; bad = 1 }
		}
		if (checked < 3) { print "only " checked " TOC entries found"; bad = 1 }
	}
	if (rule == "keep" || rule == "split" || rule == "chapter") {
		# lines: distinct (page, y) of body text, with the role of their first box
		for (i = 1; i <= n; i++) {
			if (R[i] == "Artifact") continue
			k = P[i] SUBSEP Y[i]
			if (!(k in lrole)) { lrole[k] = R[i]; ltag[k] = TAG[i]; lines[P[i]] = lines[P[i]] " " Y[i] }
		}
		for (p = 1; p <= np; p++) {
			m = split(lines[p], ys, " ")
			# sort the ys of the page numerically
			for (a = 1; a <= m; a++) for (b = a + 1; b <= m; b++) if (ys[b] + 0 < ys[a] + 0) { t = ys[a]; ys[a] = ys[b]; ys[b] = t }
			for (a = 1; a <= m; a++) {
				r = lrole[p SUBSEP ys[a]]
				if (rule == "keep" && r ~ /^H[1-6]$/ && m - a < 2) {
					print "page " p ": heading at y=" ys[a] " has " (m - a) " line(s) after it"; bad = 1
				}
				if (rule == "chapter" && r == "H1" && a != 1) {
					print "page " p ": chapter heading at y=" ys[a] " is not at the top"; bad = 1
				}
				if (r == "P") { cnt[p SUBSEP ltag[p SUBSEP ys[a]]]++; tp[ltag[p SUBSEP ys[a]]] = tp[ltag[p SUBSEP ys[a]]] " " p }
			}
		}
		if (rule == "split") for (t in tp) {
			m = split(tp[t], pp, " "); first = pp[1]; last = pp[m]
			if (first != last) {
				splits++
				if (cnt[first SUBSEP t] < 2 || cnt[last SUBSEP t] < 2) {
					print "paragraph tag " t " split " cnt[first SUBSEP t] "/" cnt[last SUBSEP t] " over pages " first "-" last; bad = 1
				}
			}
		}
		if (rule == "split" && splits < 1) { print "no paragraph was split over pages: the test does not test"; bad = 1 }
	}
	if (rule == "justify") {
		# every line of a P but its last ends exactly at the right edge
		for (i = 1; i <= n; i++) {
			if (R[i] != "P") continue
			k = TAG[i] SUBSEP P[i] SUBSEP Y[i]
			if (!(k in rend) || X[i] + W[i] > rend[k]) rend[k] = X[i] + W[i]
			key = P[i] * 100000 + Y[i]
			if (!(TAG[i] in lastkey) || key > lastkey[TAG[i]]) lastkey[TAG[i]] = key
		}
		for (k in rend) {
			split(k, kk, SUBSEP)
			if (kk[2] * 100000 + kk[3] == lastkey[kk[1]]) continue
			jl++
			if (rend[k] < pw - mr - 0.05 || rend[k] > pw - mr + 0.05) { print "line at page " kk[2] " y=" kk[3] " ends at " rend[k]; bad = 1 }
		}
		if (jl < 20) { print "only " jl " justified lines checked"; bad = 1 }
	}
	if (rule == "tocpages") {
		for (i = 1; i <= n; i++) if (R[i] == "TOCI") tp2[P[i]] = 1
		c = 0; for (p in tp2) c++
		if (c < min) { print "the TOC takes " c " page(s), expected at least " min; bad = 1 }
	}
	if (rule == "footer") {
		for (i = 1; i <= n; i++) if (R[i] == "Artifact" && TX[i] ~ /^[0-9]+ ?\([0-9]+\)$/) {
			split(TX[i], f, /[ ()]+/); if (f[1] == P[i] && f[2] == np) foot[P[i]] = 1
		}
		for (p = 2; p <= np; p++) if (!(p in foot)) { print "page " p ": no footer \"" p " (" np ")\""; bad = 1 }
		if (1 in foot) { print "the cover has a footer"; bad = 1 }
	}
	if (rule == "margins") {
		for (i = 1; i <= n; i++) {
			if (R[i] == "Artifact" || P[i] == 1) continue
			if (X[i] < ml - 0.01 || X[i] + W[i] > pw - mr + 0.01 || Y[i] < mt || Y[i] > ph - mb) {
				print "page " P[i] ": \"" TX[i] "\" at " X[i] "," Y[i] " w=" W[i] " is outside the text block"; bad = 1
			}
		}
	}
	exit bad
}
