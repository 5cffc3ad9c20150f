#!/usr/bin/env bash
# `evidencepack new DIR` writes a starter project that builds at once: the real binary writes
# it into a temporary folder, builds it, and the PDF's text (pdftotext) and the site's page are
# checked for what a reader sees. Then: it never writes into a folder that is not empty.
# Usage: tests/new/run.sh path/to/evidencepack
set -u
BIN=$(realpath "$1")
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
pdf_text() { pdftotext "$1" - 2>/dev/null | tr -s ' \n' '  '; }

P=$WORK/my-pack
"$BIN" new "$P" >"$WORK/new.log" 2>"$WORK/new.err"
check "new exits 0" test $? -eq 0
check "new says nothing on stderr" test ! -s "$WORK/new.err"
check "new says how to build" has "$WORK/new.log" "evidencepack build --root $P"
for f in data/places.csv data/measures.csv data/sources.csv data/observations.csv data/derived.csv \
         content/document.csv content/sections.csv content/introduction.md \
         templates/layout.mustache templates/index.mustache templates/section.mustache templates/sources.mustache \
         templates/evidence-pack/pdf.csv assets/site.css assets/theme.css; do
  check "new wrote $f" test -s "$P/$f"
done

"$BIN" check --root "$P" >"$WORK/check.log" 2>"$WORK/check.err"
check "the new project checks OK" test $? -eq 0
check "check: OK line" has "$WORK/check.log" "OK: 9 observations, 1 derived figures, 1 sections, 1 tables, 1 figures"

"$BIN" build --root "$P" >"$WORK/build.log" 2>"$WORK/build.err"
check "the new project builds at once ($(head -c 300 "$WORK/build.err"))" test $? -eq 0
check "with no warnings" has "$WORK/build.log" "0 warnings"
check "its PDF conforms" has "$WORK/build.log" "all conform and claim PDF/UA-1"
text=$(pdf_text "$P/out/evidence-pack.pdf")
for want in "Midshire evidence pack" "This pack is for Midshire." \
            "Northtown is home to 52,400 children and spends £920 on each of them a year." \
            "The most spent per child in Midshire is £920, in Northtown." \
            "Table 1: Children and spending, 2023/24" \
            "5.6 percentage points lower than Southvale (Figure 1)" \
            "Figure 1: Children with a good level of development at age 5, 2023/24" \
            "Illustrative figures for a new pack (invented: replace with your own source)"; do
  check "PDF has: $want" grep -qF -- "$want" <<<"$text"
done
page=$P/out/site/introduction.html
must_have "$page" "Northtown is home to"
must_have "$page" "5.6 percentage points lower than Southvale"
must_have "$page" "Table 1: Children and spending, 2023/24"
must_have "$page" "<svg"

# ---- never over anything -----------------------------------------------------------------
before=$(cd "$P" && find . -type f -print0 | sort -z | xargs -0 md5sum | md5sum)
"$BIN" new "$P" >"$WORK/again.log" 2>"$WORK/again.err"
check "new into a folder that is not empty exits 2" test $? -eq 2
check "and says why" has "$WORK/again.err" "is not empty; new writes a project only into a new or empty folder"
check "and changes nothing" test "$(cd "$P" && find . -type f -print0 | sort -z | xargs -0 md5sum | md5sum)" = "$before"
: >"$WORK/a-file"
"$BIN" new "$WORK/a-file" >/dev/null 2>"$WORK/file.err"
check "new onto a file exits 2" test $? -eq 2
check "new onto a file leaves it" test ! -s "$WORK/a-file"
"$BIN" new >/dev/null 2>"$WORK/none.err"
check "new without a folder exits 2" test $? -eq 2
check "new without a folder says what it needs" has "$WORK/none.err" "new needs one folder: evidencepack new DIR"
mkdir "$WORK/empty"
"$BIN" init "$WORK/empty" >/dev/null 2>&1
check "init into an empty folder exits 0" test $? -eq 0
check "init wrote the same project" cmp -s "$WORK/empty/content/introduction.md" "$P/content/introduction.md"
"$BIN" --help >"$WORK/help.log"
check "--help lists new" has "$WORK/help.log" "evidencepack new DIR"

finish "new project"
