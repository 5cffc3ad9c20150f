#!/usr/bin/env bash
# Action plans through the real binary, asserting on what users see: the PDF's text page by
# page (pdftotext), its tagged structure (tests/pdfua/check_structure.py), the site's HTML, and
# the errors for bad plan data and directives.
# Usage: tests/plans/run.sh path/to/evidencepack path/to/repository
set -u
BIN=$(realpath "$1")
REPO=$(realpath "$2")
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
# One page's text with every run of white space made one space, so wrapped words are found.
page_text() { pdftotext -f "$2" -l "$2" "$1" - 2>/dev/null | tr -s ' \n' '  '; }
# The first page whose text holds $2, or nothing.
page_of() {
  local n i
  n=$(pdfinfo "$1" | awk '/^Pages:/ {print $2}')
  for i in $(seq 1 "${n:-0}"); do page_text "$1" "$i" | grep -qF -- "$2" && { echo "$i"; return; }; done
}

# ---- a project whose plan has one long row, set after enough text to start low on a page ----
P=$WORK/project
mkdir -p "$P/content"
cp -r "$REPO/data" "$REPO/templates" "$REPO/assets" "$P/"
cat >"$P/data/plans.csv" <<'CSV'
code,title,groups,source,progress_from,progress_to
test_plan,Test improvement plan,Ambition;Capacity,wcc_jar_improvement_plan_2008,2007-10,2008-03
CSV
long="FIRSTWORDS: the partnership has started this work."
for i in $(seq 1 12); do long="$long Step $i of the work was reported to the board, which asked for more."; done
long="$long LASTWORDS: the plan ends here."
{
  echo "plan,group,action,progress,next,lead,due,status,source,reference"
  echo "test_plan,Ambition,A short action,Some progress,,,,amber,wcc_jar_improvement_plan_2008,row 1"
  echo "test_plan,Ambition,The long action,\"$long\",Keep going,The board,2008-04-09,amber,wcc_jar_improvement_plan_2008,row 2"
  echo "test_plan,Capacity,A finished action,Reported done,,,,complete,wcc_jar_improvement_plan_2008,row 3"
  echo "test_plan,Capacity,An action with nothing recorded,,,,,red,wcc_jar_improvement_plan_2008,row 4"
} >"$P/data/action_plans.csv"
cat >"$P/content/document.csv" <<'CSV'
key,value
title,Action plan test
date,2008-04-23
author,Test
language,en-GB
accessibility_contact,Test web team: web@example.org
CSV
cat >"$P/content/sections.csv" <<'CSV'
file,slug,short_title,number
plan.md,plan,The plan,1
CSV
{
  echo "# The plan"
  echo
  for i in $(seq 1 11); do
    echo "Filler paragraph $i. The committee asked to see the whole plan, with each action, what has been done and what is still to do, so that members can judge how far the council has come."
    echo
  done
  printf '```plan\ncaption: The test plan\nplan: test_plan\n```\n'
} >"$P/content/plan.md"

OUT=$WORK/out
"$BIN" build --root "$P" --out "$OUT" >"$WORK/build.log" 2>"$WORK/build.err"
rc=$?
check "build exits 0 ($(head -c 400 "$WORK/build.err"))" test $rc -eq 0
PDF=$OUT/evidence-pack.pdf
first=$(page_of "$PDF" "FIRSTWORDS")
last=$(page_of "$PDF" "LASTWORDS")
filler=$(page_of "$PDF" "Filler paragraph 11.")
check "the long row starts on the page where the text before it ends (row on ${first:-none}, text on ${filler:-none})" \
  test -n "$first" -a "$first" = "$filler"
check "the long row ends on the next page (${last:-none})" test -n "$first" -a -n "$last" -a "$last" = "$((${first:-0} + 1))"
if [ -n "$last" ]; then
  page_text "$PDF" "$last" >"$WORK/next.txt"
  # (As laid out: the "(row continued)" cue under the first header cell changes pdftotext's
  # reading order of the cells without -layout.)
  check "the next page repeats the header row" bash -c "pdftotext -layout -f '$last' -l '$last' '$PDF' - | grep -qE 'Actions underway +Progress to date +Actions to progress +Lead +Due +Status'"
  check "the rest of the split row is cued" bash -c "pdftotext -layout -f '$last' -l '$last' '$PDF' - | grep -qE '^ *\(row continued\) +which asked for more\.'"
  check "the next page's caption says (continued)" grep -qF "Table 1: The test plan (continued)" "$WORK/next.txt"
  check "the row's text runs on: no words lost at the split" bash -c "pdftotext '$PDF' - | tr -s ' \n' '  ' | grep -qF 'Step 12 of the work was reported to the board, which asked for more. LASTWORDS'"
  # The header repeated above the rest of the row, not after it.
  check "header above the continued row" bash -c "grep -o 'Actions underway.*LASTWORDS' '$WORK/next.txt' >/dev/null"
fi
pdftotext "$PDF" - 2>/dev/null | tr -s ' \n' '  ' >"$WORK/all.txt"
for t in "Amber: in progress" "Complete" "Red: no progress recorded" "9 April 2008" "Not stated" "None recorded" "None listed"; do
  check "PDF says '$t'" has "$WORK/all.txt" "$t"
done
check "qpdf --check" qpdf --check "$PDF" >/dev/null 2>&1
python3 "$REPO/tests/pdfua/check_structure.py" "$PDF" --expect-text Table TR TH TD Caption >"$WORK/struct.txt" 2>&1
rc=$?   # saved at once: the $(...) in the check's label would reset $?
check "tagged structure valid with the split row ($(tail -2 "$WORK/struct.txt" | tr '\n' ' '))" test $rc -eq 0

SITE=$OUT/site
check "site: plan table" has "$SITE/plan.html" '<table class="ep-table ep-plan-table" id="table-the-test-plan">'
check "site: status in words in its badge" has "$SITE/plan.html" '<span class="ep-status ep-status--red">Red: no progress recorded</span>'
check "site: complete badge" has "$SITE/plan.html" '<span class="ep-status ep-status--complete">Complete</span>'
check "site: headings as row groups" has "$SITE/plan.html" '<th colspan="6" scope="rowgroup">Capacity</th>'
check "site: status colours in the stylesheet" has "$SITE/assets/site.css" '.ep-status--amber'
check "site: the table's data as CSV" grep -qF "test_plan,Capacity,A finished action,Reported done,,,,complete" "$SITE/data/table-1.csv"

# ---- the shipped 2008 committee report ----
"$BIN" build --root "$REPO" --out "$WORK/shipped" >"$WORK/shipped.log" 2>&1
rc=$?
check "shipped project builds ($(tail -3 "$WORK/shipped.log" | tr '\n' ' '))" test $rc -eq 0
R=$WORK/shipped/improvement-plan-2008
RPDF=$R/improvement-plan-2008.pdf
check "2008 report PDF written" test -s "$RPDF"
pdftotext "$RPDF" - 2>/dev/null | tr -s ' \n' '  ' >"$WORK/report.txt"
for t in "CPA/JAR improvement plan, by key line of enquiry, March 2008" "Pre-JAR improvement plan, by Every Child Matters outcome" \
         "(continued)" "Ambition" "Performance Management" "Service Improvement" "Red: no progress recorded" "Amber: in progress" \
         "Complete" "How status was assigned" "Children, Young People and Families Overview and Scrutiny Committee"; do
  check "2008 report PDF has '$t'" has "$WORK/report.txt" "$t"
done
python3 "$REPO/tests/pdfua/check_structure.py" "$RPDF" --expect-text Table TR TH TD Caption >"$WORK/rstruct.txt" 2>&1
rc=$?
check "2008 report: tagged structure valid ($(tail -2 "$WORK/rstruct.txt" | tr '\n' ' '))" test $rc -eq 0
check "2008 report site: the plan page" grep -qF 'ep-status ep-status--amber">Amber: in progress</span>' "$R/site/improvement-plan.html"
# Every action of seed 003's tables, including the eight the tables once left out (a sample of them).
for t in "The Front Line First project, in support of the corporate vision" "Sustainable capital infrastructure" \
         "Finish the partnership toolkit and strategy" "Set up locality forums that respond to their communities"; do
  check "2008 report PDF has the action '$t'" has "$WORK/report.txt" "$t"
done
rows=$(grep -c '^cpa_jar_2008,' "$WORK/shipped/improvement-plan-2008/site/data/table-1.csv")
check "the CPA/JAR table's CSV has the seed's 41 rows (got $rows)" test "$rows" -eq 41

# ---- bad input: one clear error at file:line:column, exit 1 ----
cp "$P/data/action_plans.csv" "$WORK/actions.bak"
sed -i '3s/,amber,wcc_jar/,orange,wcc_jar/' "$P/data/action_plans.csv"
"$BIN" build --root "$P" --out "$WORK/bad" >/dev/null 2>"$WORK/err1.txt"
rc=$?
check "unknown status exits 1" test $rc -eq 1
check "unknown status names data/action_plans.csv:3 ($(head -1 "$WORK/err1.txt"))" \
  grep -qE "^data/action_plans.csv:3:[0-9]+: error: unknown status 'orange'" "$WORK/err1.txt"
cp "$WORK/actions.bak" "$P/data/action_plans.csv"
printf '\n```plan\ncaption: Again\nplan: test_plan\ngroups: Capacity; Stay Safe\n```\n' >>"$P/content/plan.md"
line=$(grep -n "groups: Capacity; Stay Safe" "$P/content/plan.md" | cut -d: -f1)
"$BIN" build --root "$P" --out "$WORK/bad" >/dev/null 2>"$WORK/err2.txt"
rc=$?
check "unknown heading exits 1" test $rc -eq 1
check "unknown heading names content/plan.md:$line:19 ($(head -1 "$WORK/err2.txt"))" \
  grep -qF "content/plan.md:$line:19: error: 'Stay Safe' is not a heading of plan 'test_plan'" "$WORK/err2.txt"
check "no output from failed builds" test ! -e "$WORK/bad"

finish "plans"
