#!/usr/bin/env bash
# Case-study documents, through the real binary.
# Usage: tests/casestudies/run.sh output|bad|structure path/to/evidencepack path/to/project
#   output  builds the shipped project: the case-studies PDF and site show each study's saving
#           as computed from its unit costs, the fact panels and the savings tables; a stated
#           saving that disagrees with its inputs is reported and explained, never printed as fact.
#   bad     a broken fact panel: exit 1, one clear file:line:column error, the previous output
#           left as it was.
#   structure  a case study with a heading missing, renamed or out of order: the same.
# Needs poppler-utils, qpdf and python3; the pdf.js check needs `npm ci --prefix tests/pdfua`.
set -u
MODE=$1
BIN=$(realpath "$2")
ROOT=$(realpath "$3")
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

# A scratch copy of the project, so the test can change its data and content.
copy_project() {
  mkdir -p "$WORK/proj"
  cp -r "$ROOT/data" "$ROOT/content" "$ROOT/templates" "$ROOT/assets" "$WORK/proj/"
}

# Bad-input runs: a good build first, whose output every failed build must leave as it was.
start_bad() {
  copy_project
  "$BIN" build --root "$WORK/proj" --out "$WORK/out" >/dev/null 2>&1 || { bad "the untouched copy does not build"; exit 1; }
  before=$(cd "$WORK/out" && find . -type f -exec md5sum {} + | sort | md5sum)
  CS=$WORK/proj/content/case-studies
  cp "$CS/bristol.md" "$WORK/bristol.md"
}
unchanged() {
  after=$(cd "$WORK/out" && find . -type f -exec md5sum {} + | sort | md5sum)
  test "$before" = "$after" || bad "a failed build changed the previous output"
}

case "$MODE" in
  output)
    "$BIN" build --root "$ROOT" --out "$WORK/out" >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; echo "FAIL: build"; exit 1; }
    DOC=$WORK/out/case-studies
    test -s "$DOC/case-studies.pdf" || { bad "no $DOC/case-studies.pdf"; ls -R "$WORK/out" | head -20; exit 1; }
    pdftotext -layout "$DOC/case-studies.pdf" "$WORK/cases.txt"
    # (pdftotext -layout keeps a table row on one line.)
    T=$WORK/cases.txt
    # Each study's saving, computed from its unit costs, in the panel, the text and its table:
    # Braintree 13 x £600 x 135 weeks; Bristol (130 − 110) x (£42,000 − £11,000 or £18,000), the
    # minus signs printed as such;
    # Essex £736k + 12 x £30,000 (or £40,000).
    must_have "$T" "Saving         £1,053,000 cashable, computed from unit costs"
    tr -s ' ' <"$T" >"$WORK/cases-squeezed.txt"   # for rows whose column widths follow the table's other rows
    S=$WORK/cases-squeezed.txt
    must_have "$S" "Cashable savings from placements saved £1,053,000 Computed: 13 × £600 × 135 weeks"
    # Braintree's stated total (placements and social worker time) equals the placements alone:
    # reported as a disagreement, never as agreement.
    must_lack "$T" "Agrees with the computed figure"
    must_have "$S" "Cashable savings left for social worker £0 Computed: £1,053,000 − £1,053,000"
    must_have "$S" "Checked against the source Disagrees The source implies this figure is above zero; its"
    must_have "$T" "Saving         up to £620,000 a year"
    must_have "$T" "£620,000 Computed: (130 − 110) × (£42,000 −"
    must_have "$T" "£480,000 if all those children have complex needs ((130 − 110) × (£42,000 − £18,000))"
    must_have "$T" "Saving         £1,096,000 to £1,216,000 in a year"
    must_have "$T" "£1,096,000 Computed: £736,000 + £360,000"
    must_have "$T" "£1,216,000 Computed: £736,000 + £480,000"
    # Every study has the six headings, numbered, in order.
    for n in 1 2 3; do
      grep -A200 "^$n " "$T" | grep -oE "^$n\.[1-6] (Summary|What was done|Benefits|Critical success factors|Lessons|Contact)$" \
        | awk '{print $1}' | tr '\n' ' ' >"$WORK/order.txt"
      grep -qx "$n.1 $n.2 $n.3 $n.4 $n.5 $n.6 " "$WORK/order.txt" || bad "study $n headings: $(cat "$WORK/order.txt")"
    done
    # Tagged PDF: the checker of the pdfua suite (qpdf), poppler's and pdf.js's reading of the
    # tree. A fact is a list item: its label in a Lbl, its value in the LBody.
    python3 "$ROOT/tests/pdfua/check_structure.py" "$DOC/case-studies.pdf" --expect-text Sect H2 Table TR TH TD Caption \
      L LI Lbl LBody >"$WORK/structure.txt" 2>&1 || bad "tagged structure: $(tail -5 "$WORK/structure.txt")"
    pdfinfo -struct-text "$DOC/case-studies.pdf" >"$WORK/struct.txt" 2>/dev/null
    grep -A4 '^ *Lbl' "$WORK/struct.txt" | tr -s ' ' | tr '\n' '|' >"$WORK/lbl.txt"
    must_have "$WORK/lbl.txt" 'Lbl (block)| "Saving"| LBody (block)| P (block)| "£1,053,000 cashable, computed from unit costs"'
    if [ -d "$ROOT/tests/pdfua/node_modules/pdfjs-dist" ]; then
      node "$ROOT/tests/pdfua/read_structure.mjs" "$DOC/case-studies.pdf" "$DOC/site" --min-tables 5 >"$WORK/pdfjs.txt" 2>&1 \
        || bad "pdf.js reading: $(tail -5 "$WORK/pdfjs.txt")"
    else
      bad "pdfjs-dist is not installed: run \`npm ci --prefix tests/pdfua\`"
    fi
    # The site: one panel per study, as a description list, and the savings tables.
    for s in braintree bristol essex; do
      P=$DOC/site/$s.html
      test -s "$P" || { bad "no $s.html"; continue; }
      test "$(grep -c '<dl class="ep-facts">' "$P")" -eq 1 || bad "$s.html: not exactly one fact panel"
      must_have "$P" '<div class="ep-fact"><dt>Saving</dt><dd>'
      must_have "$P" '<th scope="col">Basis</th>'
    done
    must_have "$DOC/site/braintree.html" '<dt>Saving</dt><dd>£1,053,000 cashable'
    must_have "$DOC/site/assets/site.css" '.ep-facts {'
    # The audit lists Braintree's total, which leaves nothing for the social worker time it names.
    "$BIN" check --root "$ROOT" >"$WORK/check.txt" 2>&1 || bad "check failed: $(tail -3 "$WORK/check.txt")"
    must_have "$WORK/check.txt" "the source implies that Cashable savings left for social worker time (Braintree Children's Trust (Essex), 2007/08) is above zero, but £1,053,000 − £1,053,000 = £0: the source's own figures disagree"

    # A stated saving that its own inputs contradict: listed by check, explained in the
    # savings table, and the pack still prints the computed figure.
    copy_project
    echo 'bristol,ifa_switch_savings,2006/07,"£700,000",money,ecm_guide_bristol,made up for the test,' >>"$WORK/proj/data/observations.csv"
    line=$(wc -l <"$WORK/proj/data/observations.csv")
    "$BIN" check --root "$WORK/proj" >"$WORK/check2.txt" 2>&1 || bad "check with a disagreement failed"
    must_have "$WORK/check2.txt" "data/observations.csv:$line:36: the source states £700,000 for Yearly saving from fewer independent fostering placements (in-house direct cost) (Bristol City Council, 2006/07) but (130 − 110) × (£42,000 − £11,000) = £620,000; the pack prints the computed figure"
    "$BIN" build --root "$WORK/proj" --out "$WORK/out2" >"$WORK/build2.log" 2>&1 || { cat "$WORK/build2.log"; bad "build with a disagreement"; }
    pdftotext -layout "$WORK/out2/case-studies/case-studies.pdf" "$WORK/cases2.txt"
    must_have "$WORK/cases2.txt" "£700,000 £80,000 more than its own inputs give; the"
    must_have "$WORK/cases2.txt" "Saving         up to £620,000 a year"
    ;;
  bad)
    start_bad

    # 1. A fact panel line without a label.
    sed -i 's/^Place: {{ name bristol }}$/{{ name bristol }}/' "$CS/bristol.md"
    line=$(grep -n '^{{ name bristol }}$' "$CS/bristol.md" | cut -d: -f1)
    "$BIN" build --root "$WORK/proj" --out "$WORK/out" >"$WORK/o1.txt" 2>"$WORK/e1.txt"
    rc=$?
    test "$rc" -eq 1 || bad "broken fact panel: exit $rc, expected 1"
    must_have "$WORK/e1.txt" "content/case-studies/bristol.md:$line:1: error: expected 'label: value' in the facts panel"
    test "$(grep -c ': error: ' "$WORK/e1.txt")" -eq 1 || bad "broken fact panel: not exactly one error: $(cat "$WORK/e1.txt")"
    cp "$WORK/bristol.md" "$CS/bristol.md"
    unchanged
    ;;
  structure)
    # The headings of each case study, checked by narrative::check_case_study.
    start_bad

    # 2. A case study without its Benefits heading.
    sed -i 's/^## Benefits$/## Results/' "$CS/bristol.md"
    line=$(grep -n '^## Results$' "$CS/bristol.md" | cut -d: -f1)
    next=$(grep -n '^## Critical success factors$' "$CS/bristol.md" | cut -d: -f1)
    "$BIN" build --root "$WORK/proj" --out "$WORK/out" >"$WORK/o2.txt" 2>"$WORK/e2.txt"
    rc=$?
    test "$rc" -eq 1 || bad "missing Benefits heading: exit $rc, expected 1"
    must_have "$WORK/e2.txt" "content/case-studies/bristol.md:$line:1: error: unexpected heading 'Results' in a case study"
    must_have "$WORK/e2.txt" "content/case-studies/bristol.md:$next:1: error: the case study has no 'Benefits' heading: it belongs before 'Critical success factors'"
    cp "$WORK/bristol.md" "$CS/bristol.md"

    # 3. Headings out of order.
    python3 - "$CS/bristol.md" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
a, b = s.index("## Lessons"), s.index("## Contact")
open(p, "w", encoding="utf-8").write(s[:a] + s[b:] + "\n" + s[a:b])
PY
    line=$(grep -n '^## Lessons$' "$CS/bristol.md" | cut -d: -f1)
    "$BIN" build --root "$WORK/proj" --out "$WORK/out" >"$WORK/o3.txt" 2>"$WORK/e3.txt"
    rc=$?
    test "$rc" -eq 1 || bad "headings out of order: exit $rc, expected 1"
    must_have "$WORK/e3.txt" "content/case-studies/bristol.md:$line:1: error: the heading 'Lessons' is out of order: it belongs before 'Contact'"
    cp "$WORK/bristol.md" "$CS/bristol.md"

    unchanged
    ;;
  *) echo "unknown mode $MODE"; exit 2 ;;
esac
test "$failed" -eq 0 && echo "case studies $MODE: ok"
test "$failed" -eq 0
