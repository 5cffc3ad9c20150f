#!/usr/bin/env bash
# The Unicode round trip: the test document in tests/unicode/project/ (Welsh, other Latin,
# Greek used in statistics, typography, characters only DejaVu Sans has, in headings, body,
# lists, a table, a chart's labels, a footnote, the cover, the key figures and the bookmarks)
# is built, and pdftotext, pdf.js, the tagged structure (pdfinfo -struct-text) and the site
# must all give back exactly the typed text (check_text.py); the fonts are composite, embedded,
# subset and mapped to Unicode, no text shows .notdef, and the file is the same twice.
#
# Usage: tests/unicode/run.sh path/to/evidencepack path/to/source-root
set -u
BIN=$(realpath "$1")
SRC=$(realpath "$2")
HERE="$SRC/tests/unicode"
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

if [ ! -d "$SRC/tests/pdfua/node_modules/pdfjs-dist" ]; then
  echo "FAIL: pdfjs-dist is not installed: run \`npm ci --prefix tests/pdfua\`"
  exit 1
fi
mkdir -p "$WORK/project"
cp -r "$HERE/project/data" "$HERE/project/content" "$WORK/project/"
cp -r "$SRC/templates" "$SRC/assets" "$WORK/project/"
"$BIN" build --root "$WORK/project" --out "$WORK/out" >"$WORK/build.log" 2>"$WORK/build.err"
rc=$?
check "build exits 0 ($(tail -2 "$WORK/build.err"))" test $rc -eq 0
check "build prints no warning: $(head -2 "$WORK/build.err")" test ! -s "$WORK/build.err"
PDF=$WORK/out/evidence-pack.pdf
test -s "$PDF" || { bad "no PDF"; finish unicode; exit 1; }

qpdf --check "$PDF" >"$WORK/qpdf.txt" 2>&1
rc=$?
check "qpdf --check: $(tail -2 "$WORK/qpdf.txt")" test $rc -eq 0
must_lack "$WORK/qpdf.txt" "WARNING"
for reader in "pdftotext -enc UTF-8 $PDF $WORK/pdftotext.txt" "pdftotext -enc UTF-8 -raw $PDF $WORK/raw.txt" \
              "pdfinfo -struct-text $PDF" "pdftoppm -r 40 -png $PDF $WORK/page"; do
  $reader >"$WORK/reader.out" 2>"$WORK/reader.err"
  [[ $reader == pdfinfo* ]] && cp "$WORK/reader.out" "$WORK/struct.txt"
  check "${reader%% *} complains: $(head -2 "$WORK/reader.err")" test ! -s "$WORK/reader.err"
done
node "$HERE/read_text.mjs" "$PDF" >"$WORK/pdfjs.txt" 2>"$WORK/pdfjs.err"
rc=$?
check "pdf.js reads the PDF ($(head -2 "$WORK/pdfjs.err"))" test $rc -eq 0
qpdf --qdf --object-streams=disable "$PDF" "$WORK/qdf.pdf"
cp "$HERE/expected.txt" "$HERE/bookmarks.txt" "$WORK/"
cp -r "$WORK/out/site" "$WORK/site"
python3 "$HERE/check_text.py" "$WORK"
rc=$?
check "round trip (check_text.py)" test $rc -eq 0

# Fonts: every one composite (Type0 / CIDFontType2, Identity-H), embedded, subset, with a
# ToUnicode map; Liberation Sans, and DejaVu Sans for ✓ ① 𝔼.
pdffonts "$PDF" | tail -n +3 >"$WORK/fonts.txt"
rows=$(wc -l <"$WORK/fonts.txt")
check "at least 4 fonts ($rows)" test "$rows" -ge 4
check "every font is CID TrueType, Identity-H, embedded, subset, with ToUnicode: $(cat "$WORK/fonts.txt")" \
  awk '!/CID TrueType +Identity-H +yes +yes +yes/ { exit 1 }' "$WORK/fonts.txt"
must_have "$WORK/fonts.txt" "+DejaVuSans "
must_have "$WORK/fonts.txt" "+LiberationSans "

# The document's title (Info, as UTF-16, and XMP) as typed.
pdfinfo "$PDF" >"$WORK/info.txt"
must_have "$WORK/info.txt" "Pecyn prawf Ŵ Ŷ ŵ ŷ — Unicode round trip"
grep -a -o "<dc:title>.*</dc:title>" "$PDF" >"$WORK/xmp.txt"
must_have "$WORK/xmp.txt" "Pecyn prawf Ŵ Ŷ ŵ ŷ — Unicode round trip"

# The same bytes from a second build.
"$BIN" build --root "$WORK/project" --out "$WORK/again" >/dev/null 2>&1
check "a second build gives the same PDF" cmp -s "$PDF" "$WORK/again/evidence-pack.pdf"
finish unicode
