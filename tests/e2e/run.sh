#!/usr/bin/env bash
# End-to-end: runs the real binary on the shipped project and asserts on what users see:
# the PDF's text (pdftotext), the HTML pages, qpdf/pdffonts, exit codes, untouched output on
# errors, and byte-identical rebuilds.
# Usage: tests/e2e/run.sh path/to/evidencepack path/to/project
set -u
BIN=$(realpath "$1")
ROOT=$(realpath "$2")
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

# ---- build the shipped project ----
OUT=$WORK/out
"$BIN" build --root "$ROOT" --out "$OUT" >"$WORK/build.log" 2>"$WORK/build.err"
rc=$?   # saved at once: the $(...) in the check's label would reset $?
check "build exits 0 ($(cat "$WORK/build.err"))" test $rc -eq 0
check "summary line" grep -qE '^Built [0-9]+ PDF pages and [0-9]+ web pages: [0-9]+ sections, [0-9]+ tables, [0-9]+ figures' "$WORK/build.log"
PDF=$OUT/evidence-pack.pdf
check "PDF written" test -s "$PDF"
check "site index written" test -s "$OUT/site/index.html"

# ---- PDF: text extractable, figures computed from data ----
pdftotext -layout "$PDF" "$WORK/pdf.txt" 2>"$WORK/pdftotext.err"
check "pdftotext silent ($(head -c 300 "$WORK/pdftotext.err"))" test ! -s "$WORK/pdftotext.err"
pdftotext "$PDF" "$WORK/pdf-raw.txt" 2>/dev/null
for text in "£877" "£1,064" "£822" "£604.3m" "14,274" "Executive summary" "Child Health 0-5" "Bullying" \
            "Contents" "Page 2 of"; do
  check "PDF has '$text'" has "$WORK/pdf.txt" "$text"
done
tr -s ' \n' '  ' <"$WORK/pdf-raw.txt" >"$WORK/pdf-flat.txt"
# Seed 000: 38% bullied others, 25% of all respondents rarely and 13% more often (25 + 13 = 38).
check "bullying: 25% and 13% are shares of everyone surveyed" has "$WORK/pdf-flat.txt" "That 38% is made up of 25% of all those surveyed who bullied others only rarely and 13% who did so sometimes, often or very often."
check "bullying: not 'of these' (shares of the 38%)" lacks "$WORK/pdf-flat.txt" "Of these, 25%"
# 14,400 is not 14,274 rounded (that would be 14,300): the seed's figure disagrees with its inputs.
check "bullying: the seed's 14,400 is not called a rounding" lacks "$WORK/pdf-flat.txt" "rounded this up"
# What the seed does not state is marked as assumed on the page, or left out.
check "Table 1's year is marked as assumed" has "$WORK/pdf-flat.txt" "Table 1: National indicators by theme (year assumed: 2008/09)"
check "the indicator table's year: the assumption said" has "$WORK/pdf-flat.txt" "Assumed: the report does not say which year its indicator table covers."
check "NI 111's unit is marked as assumed" has "$WORK/pdf-flat.txt" "Assumed: the report prints NI 111 (first-time entrants to the youth justice system) without a unit."
check "no unmarked 'NI 111 is a rate'" lacks "$WORK/pdf-flat.txt" "NI 111 is a rate per hundred thousand"
check "no indicator caption with an unmarked 2008/09" bash -c "! grep -qE 'National indicators by theme, 2008/09|by council, 2008/09 Coventry' '$WORK/pdf-flat.txt'"
check "March 2011 is not given as the targets' due date (not a seed milestone)" lacks "$WORK/pdf-flat.txt" "the 2010/11 targets fall due"
check "the 13 pilots have a footnote" grep -qE "one of 13 national Total Place pilots\.[0-9]+ " "$WORK/pdf-flat.txt"
check "PDF does not repeat the seed's 14,400 as a fact" bash -c "! grep -q 'experiencing bullying.*14,400' '$WORK/pdf.txt'"
check "qpdf --check" qpdf --check "$PDF" >/dev/null 2>&1
fonts=$(pdffonts "$PDF" | tail -n +3)
check "PDF has fonts" test -n "$fonts"
check "every font embedded" bash -c "pdffonts '$PDF' | tail -n +3 | awk '{ if (\$(NF-4) != \"yes\") exit 1 }'"
pages=$(pdfinfo "$PDF" | awk '/^Pages:/ {print $2}')
check "PDF has at least 15 pages (got $pages)" test "${pages:-0}" -ge 15

# ---- HTML site ----
SITE=$OUT/site
for page in index.html sources.html executive-summary.html child-health.html; do
  check "site has $page" test -s "$SITE/$page"
done
check "child health page shows £877" has "$SITE/child-health.html" "£877"
check "index links the PDF" has "$SITE/index.html" "evidence-pack.pdf"
check "PDF copied into the site" cmp -s "$PDF" "$SITE/evidence-pack.pdf"
check "figure 5 caption: no \"best\" for cost per head, each council's lead named" has "$SITE/total-place-themes.html" "Solihull has the highest total cost per head of Children&#39;s Social Care (£648) and Coventry the highest expenditure per head on education (£933)."
check "figure 10 caption: one place, no count of wins" has "$SITE/bullying.html" "Warwickshire: verbal abuse 50%, physical attack 21.4%"
check "no caption counts wins for a single series" bash -c "! grep -q \"has the best figure on 5 of the 5\" '$SITE'/*.html"
check "sources page lists the audit finding" has "$SITE/sources.html" "14,400"
# The Sources page lists only sources some figure uses: each title is cited on another page
# (a footnote, or the source line under a table or figure).
python3 - "$SITE" <<'PY' >"$WORK/sources.log" 2>&1
import glob, html, re, sys
site = sys.argv[1]
page = open(site + "/sources.html", encoding="utf-8").read()
plain = lambda text: html.unescape(text).replace("\u2019", "'")   # footnotes use typographic apostrophes
titles = [plain(re.sub(r"<[^>]+>", "", t)) for t in re.findall(r'<p class="ep-sources__title">(.*?)</p>', page, re.S)]
others = " ".join(plain(open(f, encoding="utf-8").read()) for f in glob.glob(site + "/*.html") if not f.endswith("/sources.html"))
unused = [t for t in titles if t not in others]
print(len(titles), "sources;", "unused:", unused)
sys.exit(1 if unused or not titles else 0)
PY
rc=$?
check "every source on the Sources page is used by a figure ($(tail -1 "$WORK/sources.log" | head -c 300))" test $rc -eq 0
check "a table CSV download exists" bash -c "ls '$SITE'/data/table-*.csv >/dev/null 2>&1"
# Downloads carry what the page prints, the source's own value beside it where it differs.
OBS=$SITE/data/observations.csv
check "observations.csv: the printed 5,320, the seed's 5,302 as stated" has "$OBS" 'coventry,bullying_perpetrators_estimate,2008/09,5320,count,computed,"5,302",,tp_report'
check "observations.csv: the printed 14,274, the seed's 14,400 as stated" has "$OBS" 'warwickshire,bullied_pupils_estimate,2009,14274,count,computed,"14,400",,tp_report'
check "observations.csv: the second NI 53b row, with the 53% the page prints" has "$OBS" 'coventry,ni_53b,2008/09,53,percent,reported,76.6%,,tp_report'
check "observations.csv: no typed value left in the value column" lacks "$OBS" ',"5,302",count,'
check "figure-6.csv: Coventry's social care cost per head is computed" has "$SITE/data/figure-6.csv" "csc_cost_per_head,Total cost per head of Children's Social Care,coventry,2008/09,548,money,computed,,,tp_report"
check "figure-6.csv: Solihull's is reported" has "$SITE/data/figure-6.csv" "csc_cost_per_head,Total cost per head of Children's Social Care,solihull,2008/09,648,money,reported,,,tp_report"
check "table CSV: a computed figure as printed, unrounded beside it" has "$SITE/data/table-2.csv" "child_health_0_5_spend_per_child,Expenditure per Child 0-5,coventry,2009/10,877,money,computed,,877.0053476,"
check "table CSV: the other NI 53b value the source states" has "$SITE/data/table-1.csv" "ni_53b,Prevalence of breastfeeding 6-8 weeks from birth (coverage),coventry,2008/09,53,percent,reported,76.6% (section 5.1 child health table),,tp_report"
# links to sources may point outside; nothing the page loads may (scripts, images, styles, fonts)
check "no external requests" bash -c "! grep -rqE 'src=\"(https?:)?//|<link[^>]*href=\"(https?:)?//|url\\((https?:)?//' '$SITE'/*.html '$SITE'/assets/*.css"
check "charts are inline SVG with a title" grep -q '<svg[^>]*role="img"' "$SITE/index.html" "$SITE"/*.html

# ---- charts: every figure in both formats, well-formed SVG, labels as text on the PDF page ----
python3 - "$SITE" "$WORK/pdf.txt" <<'PY' >"$WORK/charts.log" 2>&1
import glob, re, sys, xml.dom.minidom
site, pdf_text = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
bad = 0
figures = 0
for page in sorted(glob.glob(site + "/*.html")):
    html = open(page, encoding="utf-8").read()
    for svg in re.findall(r"<svg\b.*?</svg>", html, re.S):
        figures += 1
        try:
            doc = xml.dom.minidom.parseString(svg.replace("&nbsp;", "&#160;"))
        except Exception as e:
            print("malformed SVG in", page, e); bad += 1; continue
        title = doc.getElementsByTagName("title")[0].firstChild.data
        m = re.match(r"Figure (\d+): (.*)", title)
        if not m:
            print("SVG title is not 'Figure N: ...':", title); bad += 1; continue
        if "Figure %s: %s" % (m.group(1), m.group(2)[:40]) not in re.sub(r"\s+", " ", pdf_text):
            print("figure missing from the PDF:", title); bad += 1
        texts = [t.firstChild.data for t in doc.getElementsByTagName("text") if t.firstChild]
        if not texts or not doc.getElementsByTagName("desc")[0].firstChild:
            print("SVG without labels or description:", title); bad += 1
print("figures", figures, "bad", bad)
sys.exit(1 if bad or figures < 10 else 0)
PY
rc=$?
check "every chart: well-formed SVG titled 'Figure N' and present in the PDF ($(tail -1 "$WORK/charts.log"))" test $rc -eq 0
fig_page=$(for i in $(seq 1 "$pages"); do pdftotext -f "$i" -l "$i" "$PDF" - 2>/dev/null | grep -q "Net spend per head on children's services, 2008/09" && echo "$i" && break; done)
pdftotext -f "${fig_page:-1}" -l "${fig_page:-1}" "$PDF" "$WORK/fig.txt" 2>/dev/null
for label in "£1,064" "£958" "£822" "Coventry" "Solihull" "Warwickshire"; do
  check "the PDF page with the net spend chart (page ${fig_page:-none}) shows '$label'" has "$WORK/fig.txt" "$label"
done
for kind in "How council spending on children adds up" "Indicators where lower is better" "Net spend per head against GCSE" \
            "Share of 16-18 year olds NEET now (shown at 2008/09, assumed)" "NEET cases on the Connexions list" "Range of the estimated total yearly cost"; do
  check "chart '$kind' in the site" grep -qF "$kind" "$SITE"/*.html
done

# ---- determinism: a second build is byte-identical ----
"$BIN" build --root "$ROOT" --out "$WORK/out2" >/dev/null 2>&1
check "second build byte-identical" diff -r -q "$OUT" "$WORK/out2"

# ---- check command ----
"$BIN" check --root "$ROOT" >"$WORK/check.log" 2>&1
check "check exits 0" test $? -eq 0
check "check lists the 14,400 bullying disagreement" grep -q "14,400.*14,274" "$WORK/check.log"

# ---- usage ----
"$BIN" --help >"$WORK/help.txt"; check "--help exits 0" test $? -eq 0
check "--help documents build" has "$WORK/help.txt" "evidencepack build"
"$BIN" --version | grep -qE '^evidencepack [0-9]'; check "--version" test $? -eq 0
"$BIN" frobnicate >/dev/null 2>&1; check "bad command exits 2" test $? -eq 2
"$BIN" build --bogus >/dev/null 2>&1; check "bad option exits 2" test $? -eq 2

# ---- bad input: one clear error, exit 1, previous output untouched ----
cp -r "$ROOT/data" "$ROOT/content" "$ROOT/templates" "$ROOT/assets" "$WORK/" 2>/dev/null
mkdir -p "$WORK/proj" && mv "$WORK/data" "$WORK/content" "$WORK/templates" "$WORK/assets" "$WORK/proj/"
before=$(cd "$OUT" && find . -type f -exec sha256sum {} + | sort | sha256sum)
printf '\nSpend was {{ no_such_measure @ coventry }}.\n' >>"$WORK/proj/content/executive-summary.md"
line=$(wc -l <"$WORK/proj/content/executive-summary.md")
"$BIN" build --root "$WORK/proj" --out "$OUT" >/dev/null 2>"$WORK/err.txt"
check "unknown placeholder exits 1" test $? -eq 1
check "error names file:line:column ($(head -1 "$WORK/err.txt"))" \
  grep -q "^content/executive-summary.md:$line:11: error: unknown measure 'no_such_measure'" "$WORK/err.txt"
after=$(cd "$OUT" && find . -type f -exec sha256sum {} + | sort | sha256sum)
check "previous output untouched" test "$before" = "$after"
check "no temporary folders left" bash -c "! ls -d '$OUT'.tmp-* '$OUT'.old-* 2>/dev/null"

cp -r "$ROOT/content/." "$WORK/proj/content/"
sed -i '3s/£6.2 billion/£6.2 zillion/' "$WORK/proj/data/observations.csv"
"$BIN" build --root "$WORK/proj" --out "$OUT" >/dev/null 2>"$WORK/err2.txt"
check "bad cell exits 1" test $? -eq 1
check "bad cell error names data/observations.csv:3 ($(head -1 "$WORK/err2.txt"))" grep -q "^data/observations.csv:3:[0-9]*: error:" "$WORK/err2.txt"

finish "e2e"
