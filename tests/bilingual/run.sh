#!/usr/bin/env bash
# A bilingual document (document.csv `languages,en-GB cy`): the example project
# examples/gogledd-cymru is built; the Welsh PDF reads in Welsh (pdftotext: the text of
# content/cy/, the places' and measures' Welsh names, Welsh month names and number words), has
# /Lang cy, a Welsh title and Welsh bookmarks; every page of each site links to the same page
# in the other language (hreflang, lang); two builds are the same bytes. Then each kind of
# missing translation is a `check` error naming where to add it.
#
# Usage: tests/bilingual/run.sh path/to/evidencepack path/to/source-root
set -u
BIN=$(realpath "$1")
SRC=$(realpath "$2")
HERE="$SRC/tests/bilingual"
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

EX=$WORK/gogledd-cymru
cp -r "$SRC/examples/gogledd-cymru" "$EX"
rm -rf "$EX/out"
built_cleanly "$BIN" "$EX" "$WORK/out"
OUT=$WORK/out
must_have "$OUT.log" "Built cy: 5 PDF pages and 5 web pages"

# ---- the Welsh PDF, as a reader gets it ----
pdftotext -enc UTF-8 "$OUT/evidence-pack.cy.pdf" - | tr -s ' \n' '  ' >"$WORK/cy.txt"
must_have "$WORK/cy.txt" "Gwariodd chwe awdurdod Gogledd Cymru £11.2 miliwn ar lyfrgelloedd yn 2009/10"
must_have "$WORK/cy.txt" "Gwariodd Ynys Môn £1.42 miliwn a Gwynedd £2.31 miliwn."
must_have "$WORK/cy.txt" "31 Mawrth 2010"
must_have "$WORK/cy.txt" "Gwariant enghreifftiol ar lyfrgelloedd a siaradwyr Cymraeg, 2009/10 (ffigurau dychmygol)"
for name in "Ynys Môn" "Sir Ddinbych" "Sir y Fflint" "Wrecsam" "Siaradwyr Cymraeg (enghreifftiol)"; do
  must_have "$WORK/cy.txt" "$name"
done
# the words the generator writes itself, in Welsh
for words in "Cynnwys" "Tudalen 2 o 5" "Fersiwn 1.0 · 31 Mawrth 2010" "(Tabl 1, tudalen 4)" \
             "Tabl 1: Gwariant enghreifftiol ar lyfrgelloedd" "Ffigur 1: Cyfran enghreifftiol" \
             "Ffynhonnell: Ffigurau enghreifftiol a ddyfeisiwyd" "Ffynonellau O ble y daw’r ffigurau" \
             "Fe’i defnyddir yn Tabl 1, Ffigur 1." "Gwiriadau ar ffigurau’r ffynonellau"; do
  must_have "$WORK/cy.txt" "$words"
done
must_lack "$WORK/cy.txt" "Isle of Anglesey"
must_lack "$WORK/cy.txt" "Page 2 of 5"
must_lack "$WORK/cy.txt" "million"
pdftotext -enc UTF-8 "$OUT/evidence-pack.pdf" - | tr -s ' \n' '  ' >"$WORK/en.txt"
must_have "$WORK/en.txt" "The six authorities of North Wales spent £11.2 million on libraries in 2009/10"
must_have "$WORK/en.txt" "31 March 2010"
must_have "$WORK/en.txt" "Page 2 of 5"
must_have "$WORK/en.txt" "(Table 1, page 4)"
must_lack "$WORK/en.txt" "Gwariodd"

pdfinfo "$OUT/evidence-pack.cy.pdf" >"$WORK/cy-info.txt"
must_have "$WORK/cy-info.txt" "Title:           Llyfrgelloedd a'r Gymraeg yng Ngogledd Cymru"
for lang in cy en; do
  pdf=$OUT/evidence-pack.pdf
  [ $lang = cy ] && pdf=$OUT/evidence-pack.cy.pdf
  qpdf --json=2 --json-key=qpdf "$pdf" >"$WORK/$lang.json"
  python3 "$HERE/outline.py" "$WORK/$lang.json" >"$WORK/$lang-outline.txt"
done
check "Welsh PDF: /Lang cy and Welsh bookmarks: $(tr '\n' '|' <"$WORK/cy-outline.txt")" \
  test "$(head -1 "$WORK/cy-outline.txt")" = cy
must_have "$WORK/cy-outline.txt" "1 Crynodeb"
must_have "$WORK/cy-outline.txt" "1.1 Am yr enghraifft hon"
must_have "$WORK/cy-outline.txt" "2 Llyfrgelloedd"
check "English PDF: /Lang en-GB" test "$(head -1 "$WORK/en-outline.txt")" = en-GB
must_have "$WORK/en-outline.txt" "1 Summary"
"$BIN" check --pdf "$OUT/evidence-pack.cy.pdf" >"$WORK/pdfcheck.txt" 2>&1
rc=$?
check "Welsh PDF passes the PDF/UA check: $(tail -1 "$WORK/pdfcheck.txt")" test $rc -eq 0

# ---- the sites: every page links to the same page in the other language ----
pages=0
for page in "$OUT"/site/*.html; do
  name=$(basename "$page")
  pages=$((pages + 1))
  check "site/cy/$name exists" test -f "$OUT/site/cy/$name"
  must_have "$page" '<html lang="en-GB">'
  must_have "$page" "<link rel=\"alternate\" hreflang=\"cy\" href=\"cy/$name\">"
  must_have "$page" "<a class=\"ep-header__language\" href=\"cy/$name\" hreflang=\"cy\" lang=\"cy\">Cymraeg</a>"
  must_have "$OUT/site/cy/$name" '<html lang="cy">'
  must_have "$OUT/site/cy/$name" "<link rel=\"alternate\" hreflang=\"en-GB\" href=\"../$name\">"
  must_have "$OUT/site/cy/$name" "<a class=\"ep-header__language\" href=\"../$name\" hreflang=\"en-GB\" lang=\"en-GB\">English</a>"
done
check "5 pages in each site, the accessibility statement among them ($pages)" test $pages -eq 5
must_have "$OUT/site/cy/summary.html" "Gwariodd chwe awdurdod Gogledd Cymru £11.2 miliwn"
must_have "$OUT/site/cy/index.html" "31 Mawrth 2010"
must_have "$OUT/site/cy/libraries.html" "Tabl 1: Gwariant enghreifftiol ar lyfrgelloedd"
must_have "$OUT/site/cy/libraries.html" "Ffigur 1: Cyfran enghreifftiol"
must_have "$OUT/site/cy/libraries.html" "Ffynhonnell: <a href="
# the templates' own words, in Welsh on the Welsh pages
must_have "$OUT/site/cy/index.html" '<a class="ep-skip-link" href="#ep-main">Neidio i’r prif gynnwys</a>'
must_have "$OUT/site/cy/index.html" "Lawrlwytho’r PDF (63 KB, 5 tudalen)"
must_have "$OUT/site/cy/index.html" "<dt>Cyhoeddwyd</dt>"
must_have "$OUT/site/cy/summary.html" '<li><a href="index.html">Hafan</a></li>'
must_have "$OUT/site/cy/sources.html" "Data i’w lawrlwytho"
must_have "$OUT/site/cy/libraries.html" "download>Lawrlwytho’r tabl hwn fel CSV</a>"
must_have "$OUT/site/cy/libraries.html" "<summary>Dangos y data<span class=\"ep-visually-hidden\"> ar gyfer ffigur 1</span></summary>"
must_have "$OUT/site/cy/libraries.html" '<th scope="col">Mesur</th>'
# a bar chart's generated description (its text and the PDF's /Alt), composed in Welsh
must_have "$WORK/cy.txt" "(ffigurau dychmygol): yr uchaf yw Gwynedd (65%) a’r isaf yw Sir y Fflint (13%)."
must_have "$WORK/en.txt" "Gwynedd has the highest illustrative share of residents who speak Welsh (invented figures) at 65%"
must_have "$OUT/site/libraries.html" "download>Download this figure's data as CSV</a>"
must_have "$OUT/site/summary.html" '<li><a href="index.html">Home</a></li>'
must_have "$OUT/site/index.html" "Download the PDF (62 KB, 5 pages)"
must_have "$OUT/site/summary.html" '<span lang="cy">Cenedl heb iaith, cenedl heb galon</span>'
must_have "$OUT/site/cy/summary.html" '<span lang="en-GB">evidence pack</span>'
check "the Welsh site links its own PDF" test -f "$OUT/site/cy/evidence-pack.cy.pdf"

# ---- the same bytes twice ----
"$BIN" build --root "$EX" --out "$WORK/again" >/dev/null 2>&1
check "a second build gives the same Welsh PDF" cmp -s "$OUT/evidence-pack.cy.pdf" "$WORK/again/evidence-pack.cy.pdf"
check "a second build gives the same sites" diff -r "$OUT/site" "$WORK/again/site"

# ---- missing translations: one error each, where to add it; nothing written (the Welsh
# summary's reference to the table of the missing Welsh section fails too) ----
BAD=$WORK/bad
cp -r "$EX" "$BAD"
rm -f "$BAD/content/cy/libraries.md"
sed -i 's/^conwy,Conwy,authority,north_wales,W06000003,Conwy$/conwy,Conwy,authority,north_wales,W06000003,/' "$BAD/data/places.csv"
sed -i 's/,Gwariant enghreifftiol ar lyfrgelloedd (ffigurau dychmygol),/,,/' "$BAD/data/measures.csv"
sed -i '/^## Am yr enghraifft hon$/d' "$BAD/content/cy/summary.md"
sed -i '/^subtitle_cy,/d' "$BAD/content/document.csv"
"$BIN" check --root "$BAD" >"$WORK/bad.out" 2>"$WORK/bad.err"
rc=$?
check "check with missing translations exits 1" test $rc -eq 1
cat >"$WORK/bad-want.txt" <<'WANT'
data/places.csv:5:1: error: place 'conwy' has no name in 'cy': fill in its 'name_cy' column
data/measures.csv:2:1: error: measure 'library_spend' has no title in 'cy': fill in its 'title_cy' column
content/sections.csv:3:1: error: section file 'content/cy/libraries.md' does not exist: the cy version lacks this section
content/cy/summary.md:8:26: error: no table or figure has the id 'table-libraries'
content/document.csv:4:10: error: 'subtitle' has no translation into cy: add a row 'subtitle_cy'
content/cy/summary.md:1:1: error: this has 1 headings where content/summary.md has 2: translate every heading
6 errors; the project would not build.
WANT
check "check lists each missing translation: $(diff "$WORK/bad-want.txt" "$WORK/bad.err" | tr '\n' ' ')" \
  cmp -s "$WORK/bad-want.txt" "$WORK/bad.err"
cp -r "$OUT" "$WORK/before"
"$BIN" build --root "$BAD" --out "$OUT" >/dev/null 2>&1
rc=$?
check "build with missing translations exits 1" test $rc -eq 1
check "... and leaves the previous output as it was" diff -r "$WORK/before" "$OUT"

# ---- bad declarations ----
LANGS=$WORK/langs
cp -r "$EX" "$LANGS"
sed -i 's/^languages,en-GB cy$/languages,cy_GB/; s/^title_cy,/title_fr,/' "$LANGS/content/document.csv"
"$BIN" check --root "$LANGS" >/dev/null 2>"$WORK/langs.err"
must_have "$WORK/langs.err" "content/document.csv:13:11: error: 'cy_GB' is not a language tag (BCP 47, such as 'cy' or 'en-GB'): a language tag holds only letters, digits and hyphens"
must_have "$WORK/langs.err" "content/document.csv:3:10: error: 'title_fr' is for the language 'fr', which is not one of the document's other languages (its languages row)"
finish bilingual
