# SPDX-License-Identifier: GPL-2.0-only
# table.awk: the case x kernel table; called by table.sh, which documents
# the input (one line per kernel) and the cells.

function esc(s) {
	gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s); gsub(/"/, "\\&quot;", s)
	return s
}

# What the re-run alone says about variant v on kernel k.
function status(v, k,    o, f) {
	if (ctsv[k] == "-") return "not re-run"
	o = cok[v, k] + 0; f = cfail[v, k] + 0
	if (o + f == 0) return "no re-run result"
	if (f == o + f) return cbusy[k] != "" ? "not conclusive" : "confirmed"
	if (f == 0) return "passes alone"
	return "flaky"
}

# "line 35: step `...`: ..." -> "line 35"
function where_in(d) {
	if (match(d, /^line [0-9]+/)) return substr(d, 1, RLENGTH)
	return "?"
}

function cell(v, k,    x) {
	x = verdict[v, k]
	if (x == "") return "-"
	if (x == "FAIL") return "FAIL " where_in(detail[v, k]) " " status(v, k)
	# The reason, cut to keep the columns readable (the page has it whole).
	if (x == "SKIP" && detail[v, k] != "") return "SKIP " (length(detail[v, k]) > 40 ? substr(detail[v, k], 1, 37) "..." : detail[v, k])
	return x
}

function read_tsv(file, k, into_confirm,    line, f) {
	while ((getline line < file) > 0) {
		split(line, f, "\t")
		if (f[1] ~ /^#/ || f[2] == "") continue     # #plan, #top: counts, not variants
		if (into_confirm) {
			if (f[1] == "FAIL") cfail[f[2], k]++; else if (f[1] == "ok") cok[f[2], k]++
			continue
		}
		if (!(f[2] in seen)) { seen[f[2]] = 1; order[++nv] = f[2] }
		verdict[f[2], k] = f[1]; detail[f[2], k] = f[3]
	}
	close(file)
}

# The observed sequence per variant, as one string per kernel, and step by
# step: nobs[v, k] steps, obs_step[v, k, i] and obs_val[v, k, i].
function read_obs(file, k,    line, f, n) {
	while ((getline line < file) > 0) {
		split(line, f, "\t")
		obs[f[1], k] = obs[f[1], k] f[2] "=" f[3] ";"
		n = ++nobs[f[1], k]
		obs_step[f[1], k, n] = f[2]; obs_val[f[1], k, n] = f[3]
		hasobs[k] = 1
	}
	close(file)
}

# Variant v's first step whose observed result is not the same on every
# kernel where v passed: "line N `text`: label value, label value, ...".
function first_diff(v,    k, i, n, ref, d, s, out, x) {
	n = 0
	for (k = 1; k <= nk; k++) if (verdict[v, k] == "ok" && hasobs[k] && nobs[v, k] > n) n = nobs[v, k]
	for (i = 1; i <= n; i++) {
		ref = ""; d = 0; s = ""
		for (k = 1; k <= nk; k++) {
			if (verdict[v, k] != "ok" || !hasobs[k]) continue
			if (s == "") s = obs_step[v, k, i]
			x = obs_step[v, k, i] "=" obs_val[v, k, i]
			if (ref == "") ref = x; else if (x != ref) d = 1
		}
		if (!d) continue
		out = s ":"
		for (k = 1; k <= nk; k++) {
			if (verdict[v, k] != "ok" || !hasobs[k]) continue
			out = out " " label[k] " " ((v, k, i) in obs_val ? obs_val[v, k, i] : "(no such step)") ","
		}
		return substr(out, 1, length(out) - 1)
	}
	return "?"
}

{
	nk++
	label[nk] = $1; kver[nk] = $2; where[nk] = $3; busy[nk] = $4
	ctsv[nk] = $6; cbusy[nk] = $7
	read_tsv($5, nk, 0)
	if ($6 != "-") read_tsv($6, nk, 1)
	if ($8 != "-") read_obs($8, nk)
}

END {
	# Terminal.
	w = 8
	for (i = 1; i <= nv; i++) if (length(order[i]) > w) w = length(order[i])
	cw = 14
	for (i = 1; i <= nv; i++) for (k = 1; k <= nk; k++) {
		c = cell(order[i], k); if (length(c) > cw) cw = length(c)
	}
	for (k = 1; k <= nk; k++) if (length(label[k]) > cw) cw = length(label[k])
	printf "\ncase x kernel\n%-" w "s", "variant"
	for (k = 1; k <= nk; k++) printf "  %-" cw "s", label[k]
	printf "\n"
	hidden = 0
	for (i = 1; i <= nv; i++) {
		v = order[i]; allok = 1
		for (k = 1; k <= nk; k++) if (verdict[v, k] != "ok") allok = 0
		if (allok && all != 1) { hidden++; continue }
		printf "%-" w "s", v
		for (k = 1; k <= nk; k++) printf "  %-" cw "s", cell(v, k)
		printf "\n"
	}
	if (hidden) printf "(%d variants ok on every kernel not listed; MATRIX_ALL=1 lists them)\n", hidden

	# Sequences that differ between kernels where the variant passes (on at
	# least two of those with observed results).
	ndiff = 0; nobsk = 0
	for (k = 1; k <= nk; k++) if (hasobs[k]) nobsk++
	if (have_obs) for (i = 1; i <= nv; i++) {
		v = order[i]; ref = ""; d = 0; npass = 0
		for (k = 1; k <= nk; k++) {
			if (verdict[v, k] != "ok" || !hasobs[k]) continue
			npass++
			if (ref == "") ref = obs[v, k]; else if (obs[v, k] != ref) d = 1
		}
		if (d) { diffs[++ndiff] = v; diffat[ndiff] = first_diff(v) }
	}
	if (!have_obs)
		printf "observed sequences: not compared; KTAP results hold only verdicts and failing steps\n"
	else {
		printf "observed sequences that differ between kernels where the variant passes (%d kernels with JSON results): %d\n", nobsk, ndiff
		for (i = 1; i <= ndiff; i++) printf "  %s\n      %s\n", diffs[i], diffat[i]
	}
	printf "page: %s\n", html

	# The page.
	print "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">" > html
	print "<title>nsfault kernel matrix</title><style>" > html
	print "body{font:14px/1.4 sans-serif;margin:1.5em;color:#222}" > html
	print "table{border-collapse:collapse}th,td{border:1px solid #bbb;padding:3px 6px;vertical-align:top}" > html
	print "th{background:#eee;position:sticky;top:0}td.v{font-family:monospace;white-space:nowrap}" > html
	print "td.ok{background:#d7f5d7}td.skip{background:#e4e4e4;color:#555}td.none{background:#fff;color:#999}" > html
	print "td.fail{background:#f7c6c6}td.flaky{background:#fbe3b0}td.alone{background:#fff4c2}" > html
	print "details summary{cursor:pointer}details div{font-family:monospace;font-size:12px;max-width:40em;white-space:pre-wrap}" > html
	print ".note{background:#f4f4f4;border-left:4px solid #999;padding:.5em 1em;max-width:60em}" > html
	print "</style></head><body>" > html
	printf "<h1>nsfault kernel matrix</h1>\n<p>%s, from %s: %d variants on %d kernels.</p>\n", esc(when), esc(dir), nv, nk > html
	print "<h2>Kernels</h2><table><tr><th>kernel</th><th>release</th><th>where</th><th>passed</th><th>failed</th><th>skipped</th><th>host</th></tr>" > html
	for (k = 1; k <= nk; k++) {
		p = f = s = 0
		for (i = 1; i <= nv; i++) {
			x = verdict[order[i], k]
			if (x == "ok") p++; else if (x == "FAIL") f++; else if (x == "SKIP") s++
		}
		printf "<tr><td>%s</td><td>%s</td><td>%s</td><td>%d</td><td>%d</td><td>%d</td><td>%s</td></tr>\n",
			esc(label[k]), esc(kver[k]), esc(where[k]), p, f, s,
			busy[k] == "" ? "" : "busy (load " esc(busy[k]) "): timings not comparable" > html
	}
	print "</table>" > html
	print "<h2>Case &times; kernel</h2><p>Green ok, grey SKIP, red FAIL confirmed alone, orange flaky, yellow passes alone (timing under load), white not run. Open a FAIL cell for its step, expected and got. The rows not ok on every kernel come first; <a href=\"#differ\">the observed sequences that differ</a> follow the table.</p>" > html
	printf "<table><tr><th>variant</th>" > html
	for (k = 1; k <= nk; k++) printf "<th>%s</th>", esc(label[k]) > html
	print "</tr>" > html
	# Two passes: the rows with something other than ok, then the rest.
	nrow = 0
	for (i = 1; i <= nv; i++) {
		allok = 1
		for (k = 1; k <= nk; k++) if (verdict[order[i], k] != "ok") allok = 0
		if (!allok) row[++nrow] = order[i]
	}
	nbad = nrow
	for (i = 1; i <= nv; i++) {
		allok = 1
		for (k = 1; k <= nk; k++) if (verdict[order[i], k] != "ok") allok = 0
		if (allok) row[++nrow] = order[i]
	}
	for (i = 1; i <= nrow; i++) {
		v = row[i]
		if (i == nbad + 1)
			printf "<tr><th colspan=\"%d\">ok on every kernel: %d variants</th></tr>\n", nk + 1, nrow - nbad > html
		printf "<tr><td class=\"v\">%s</td>", esc(v) > html
		for (k = 1; k <= nk; k++) {
			x = verdict[v, k]; d = detail[v, k]
			if (x == "ok") printf "<td class=\"ok\">ok</td>" > html
			else if (x == "SKIP") printf "<td class=\"skip\" title=\"%s\">SKIP %s</td>", esc(d), esc(d) > html
			else if (x == "") printf "<td class=\"none\">-</td>" > html
			else {
				st = status(v, k)
				cls = st == "flaky" ? "flaky" : st == "passes alone" ? "alone" : "fail"
				printf "<td class=\"%s\" title=\"%s\"><details><summary>FAIL %s, %s</summary><div>%s</div></details></td>",
					cls, esc(d), esc(where_in(d)), esc(st), esc(d) > html
			}
		}
		print "</tr>" > html
	}
	print "</table>" > html
	print "<h2 id=\"differ\">Observed sequences that differ between kernels where both pass</h2>" > html
	if (!have_obs)
		print "<p class=\"note\">Not available: these results are KTAP, which carries each variant's verdict and its first failing step only. Two kernels that both pass may have seen different values within their expectations; that list needs the observed sequences of <code>nsfault run --json</code> (the default RESULT_FORMAT=json).</p>" > html
	else if (ndiff == 0)
		print "<p>None.</p>" > html
	else {
		printf "<p>%d variants passed on two or more kernels with different observed results (a range or alternatives in the expectation allowed both). The first step that differs, with what each kernel saw:</p>\n<ul>\n", ndiff > html
		for (i = 1; i <= ndiff; i++) printf "<li><code>%s</code><br><code>%s</code></li>\n", esc(diffs[i]), esc(diffat[i]) > html
		print "</ul>" > html
	}
	print "</body></html>" > html
	close(html)
}
