#!/usr/bin/env bash
# The shipped project's other documents (content/<doc>/), one block per document type, checked
# by what readers see: pdftotext of each PDF and the HTML pages.
# Usage: tests/documents/run.sh path/to/evidencepack path/to/project
set -u
BIN=$(realpath "$1")
ROOT=$(realpath "$2")
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
# The text of a PDF with its lines joined, so a phrase matches across a line break.
flat_text() { pdftotext "$1" - 2>/dev/null | tr '\n' ' ' | tr -s ' '; }

OUT=$WORK/out
"$BIN" build --root "$ROOT" --out "$OUT" >"$WORK/build.log" 2>"$WORK/build.err"
rc=$?   # saved at once: the $(...) in the check's label would reset $?
check "build exits 0 ($(head -c 300 "$WORK/build.err"))" test $rc -eq 0

# ---- committee report: the October 2010 progress report (seed 001) ----
CR=$OUT/progress-report-2010
check "build names the committee report" grep -qF "Built content/progress-report-2010 (committee-report):" "$WORK/build.log"
PDF=$CR/progress-report-2010.pdf
check "committee report PDF written" test -s "$PDF"
check "qpdf --check (committee report)" qpdf --check "$PDF" >/dev/null 2>&1
flat_text "$PDF" >"$WORK/cr.txt"
pdftotext -layout "$PDF" "$WORK/cr-layout.txt" 2>/dev/null
# Page 1 is the agenda management sheet, and nothing else.
pdftotext -f 1 -l 1 "$PDF" - 2>/dev/null | tr '\n' ' ' >"$WORK/cr-p1.txt"
for text in "Agenda management sheet" "Name of committee" "Children and Young People Overview and Scrutiny Committee" \
            "20 October 2010" "For further information please contact" "Gereint Stoneman" \
            "Consultation already undertaken" "Suggested next steps"; do
  check "committee report page 1 has '$text'" has "$WORK/cr-p1.txt" "$text"
done
check "page 1 holds only the sheet" bash -c "! grep -qF 'National context' '$WORK/cr-p1.txt'"
# The report opens with the recommendations; its figures come from the data.
pdftotext -f 2 -l 2 "$PDF" - 2>/dev/null | tr '\n' ' ' | tr -s ' ' >"$WORK/cr-p2.txt"
for text in "Report of the Assistant Chief Executive" "Recommendations" "That the Committee:" \
            "£750,000 Locality Investment Fund award"; do
  check "committee report page 2 has '$text'" has "$WORK/cr-p2.txt" "$text"
done
# IEWM bid: £425k revenue + £325k capital = £750,000; the 5:1 return is computed: £3.75m.
for text in "£425,000 of revenue and £325,000 of capital, £750,000 in all" "a return of 5:1" \
            "must between them deliver £3.75m"; do
  check "committee report has '$text'" has "$WORK/cr.txt" "$text"
done
# Numbered paragraphs: "1.1" hangs before its paragraph; a numbered heading "2.1"; background papers.
check "numbered paragraph 1.1" grep -qE '^ *1\.1 +Councils and their partners' "$WORK/cr-layout.txt"
check "numbered heading 2.1" grep -qE '2\.1 +Total Place pilot' "$WORK/cr-layout.txt"
check "numbered paragraph 3.4 on the IEWM award" grep -qE '^ *3\.[0-9]+ +The sub-region has also won money' "$WORK/cr-layout.txt"
check "background papers section" has "$WORK/cr.txt" "Background papers"
check "no contents page in a committee paper" bash -c "! grep -qF 'Contents' '$WORK/cr-p2.txt'"
# The site: the landing page is the committee's, with the recommendations; paragraphs linkable.
S=$CR/site
check "committee site index" test -s "$S/index.html"
check "index names the committee and meeting" has "$S/index.html" '<time datetime="2010-10-20">20 October 2010</time>'
check "index lists the recommendations" has "$S/index.html" 'class="ep-recommendations"'
check "index links the committee PDF" has "$S/index.html" 'href="progress-report-2010.pdf"'
check "agenda sheet page" has "$S/agenda-sheet.html" "Consultation already undertaken"
check "paragraph 1.1 is linkable" has "$S/national-context.html" '<p class="ep-numbered" id="para-1-1"><span class="ep-para-number">1.1</span>'
check "the PDF is in the committee site" cmp -s "$PDF" "$S/progress-report-2010.pdf"
# Its sources are the ones its figures come from, not the whole project's; the audit of the
# source figures belongs to the evidence pack.
check "committee sources page lists its source" has "$S/sources.html" "Sub-Regional Working Progress Report"
check "committee sources page leaves out sources it does not use" bash -c "! grep -qF 'Total Place Pilot: Improving outcomes' '$S/sources.html'"
check "committee report does not repeat the project's checks" bash -c "! grep -qF 'Checks on the source figures' '$S/sources.html' && ! grep -qF 'Checks on the source figures' '$WORK/cr.txt'"
check "the evidence pack still lists the checks" has "$OUT/site/sources.html" "Checks on the source figures"
check "the evidence pack keeps its own cover and contents" bash -c "pdftotext -f 2 -l 2 '$OUT/evidence-pack.pdf' - | grep -qF Contents"

finish "documents"
