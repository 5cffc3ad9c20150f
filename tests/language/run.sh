#!/usr/bin/env bash
# Language of parts (WCAG 3.1.2): the corpus's base project with a summary marking Welsh
# phrases [text]{lang=cy} is built; the site has <span lang>, the PDF a Span with /Lang around
# exactly that text (the structure tree by qpdf --json, its text by poppler), the document's
# own /Lang stays en-GB, and the PDF passes the built-in PDF/UA check.
#
# Usage: tests/language/run.sh path/to/evidencepack path/to/source-root
set -u
BIN=$(realpath "$1")
SRC=$(realpath "$2")
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

P=$WORK/project
mkdir -p "$P"
cp -r "$SRC/tests/corpus/base/data" "$SRC/tests/corpus/base/content" "$SRC/templates" "$SRC/assets" "$P/"
cp "$SRC/tests/corpus/cases/lang-span/files/content/summary.md" "$P/content/summary.md"
built_cleanly "$BIN" "$P" "$WORK/out"
PDF=$WORK/out/evidence-pack.pdf
test -s "$PDF" || { bad "no PDF"; finish language; exit 1; }

qpdf --json=2 --json-key=qpdf "$PDF" >"$WORK/pdf.json"
pdfinfo -struct-text "$PDF" >"$WORK/struct.txt"
python3 "$SRC/tests/language/spans.py" "$WORK/pdf.json" "$WORK/struct.txt" >"$WORK/spans.txt"
printf 'catalog\ten-GB\ncy\tP\tYsgol y Gŵyr\ncy-GB\tP\tGorau chwarae cyd chwarae\ncy\tH2\tCroeso\n' >"$WORK/want.txt"
check "the PDF's Span elements, /Lang and text: $(diff "$WORK/want.txt" "$WORK/spans.txt" | tr '\n' ' ')" \
  cmp -s "$WORK/want.txt" "$WORK/spans.txt"
"$BIN" check --pdf "$PDF" >"$WORK/pdfcheck.txt" 2>&1
rc=$?
check "PDF/UA check passes: $(tail -1 "$WORK/pdfcheck.txt")" test $rc -eq 0

H=$WORK/out/site/summary.html
must_have "$H" '<html lang="en-GB"'
must_have "$H" 'The pilot began at <span lang="cy">Ysgol y <em>Gŵyr</em></span>, whose motto is <span lang="cy-GB">Gorau chwarae cyd chwarae</span>.'
must_have "$H" '<span lang="cy">Croeso</span></h2>'
# the outline (bookmarks) and the page show the words without the markup
pdftotext -enc UTF-8 "$PDF" "$WORK/text.txt"
must_have "$WORK/text.txt" "The pilot began at Ysgol y Gŵyr, whose motto is Gorau chwarae cyd chwarae."
must_lack "$WORK/text.txt" "Gŵyr]{lang=cy}"
finish language
