#!/usr/bin/env bash
# Runs one of the tagged-PDF tests.
# Usage: tests/pdfua/run.sh structure|pdfjs  path/to/evidencepack  path/to/project
#        tests/pdfua/run.sh fixture|selftest path/to/pdfua_fixture path/to/project
set -u
MODE=$1
BIN=$(realpath "$2")
ROOT=$(realpath "$3")
HERE=$(cd "$(dirname "$0")" && pwd)
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

# The shipped pack, built by the real binary.
build_pack() {
  "$BIN" build --root "$ROOT" --out "$WORK/out" >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; echo "FAIL: build"; exit 1; }
  PDF=$WORK/out/evidence-pack.pdf
}

# qpdf --check clean and pdftotext silent, for any PDF.
clean_file() {
  qpdf --check "$1" >"$WORK/qpdf.txt" 2>&1 || bad "qpdf --check: $(tail -3 "$WORK/qpdf.txt")"
  grep -qi "warning" "$WORK/qpdf.txt" && bad "qpdf --check warns: $(grep -i warning "$WORK/qpdf.txt" | head -3)"
  pdftotext "$1" "$WORK/text.txt" 2>"$WORK/pdftotext.err"
  test -s "$WORK/pdftotext.err" && bad "pdftotext warns: $(head -3 "$WORK/pdftotext.err")"
  test -s "$WORK/text.txt" || bad "pdftotext recovered no text"
}

case "$MODE" in
  structure)
    build_pack
    clean_file "$PDF"
    python3 "$HERE/check_structure.py" "$PDF" --expect-text Sect H2 H3 Table TR TH TD Caption Figure Note \
      TOC TOCI Reference L LI Lbl LBody || bad "structure check"
    # The text a screen reader meets is the text on the page.
    for t in "Executive summary" "Sources" "Checks on the source figures" "Contents (continued)"; do
      grep -qF "$t" "$WORK/text.txt" || bad "pdftotext lacks '$t'"
    done
    # Words stay apart in the structure text (what screen readers and reflow read) where a line
    # wraps, where the style changes mid-line and between a number and its title: checked
    # against the site of the same document, for the pack and every other document (the
    # justified committee report among them); the place packs are the pack's text again.
    docs=0
    while IFS= read -r pdf; do
      site=$(dirname "$pdf")/site
      [ -d "$site" ] || continue
      docs=$((docs + 1))
      pdfinfo -struct-text "$pdf" >"$WORK/struct-$docs.txt" 2>&1 || bad "pdfinfo -struct-text $pdf"
      python3 "$HERE/check_words.py" "$WORK/struct-$docs.txt" "$site" || bad "words run together in ${pdf#"$WORK"/}"
    done < <(find "$WORK/out" -name '*.pdf' -not -path '*/site/*' -not -path '*/places/*' | sort)
    test "$docs" -ge 2 || bad "only $docs PDFs with a site to check the words of"
    # What a reader meets (issue 23), in every PDF the build wrote, the place packs too: no empty
    # Caption, a source cited in full once per section (the pack's later notes refer back), headers
    # and footers whole, web addresses in the text clickable; and each PDF a title of its own, a
    # place pack's naming its place.
    titles=()
    while IFS= read -r pdf; do
      name=${pdf#"$WORK/out/"}
      flag=""
      [[ "$name" == *evidence-pack.pdf ]] && flag=--refers-back
      python3 "$HERE/check_pages.py" "$pdf" $flag >"$WORK/pages.log" 2>&1 || bad "$name: $(grep FAIL "$WORK/pages.log" | head -3)"
      title=$(pdfinfo -enc UTF-8 "$pdf" | sed -n 's/^Title: *//p')
      titles+=("$title")
    done < <(find "$WORK/out" -name '*.pdf' -not -path '*/site/*' | sort)
    test "${#titles[@]}" -eq 7 || bad "expected 7 PDFs, found ${#titles[@]}"
    dupes=$(printf '%s\n' "${titles[@]}" | sort | uniq -d)
    test -z "$dupes" || bad "PDFs share a title: $dupes"
    for place in Coventry Solihull Warwickshire; do
      code=$(tr '[:upper:]' '[:lower:]' <<<"$place")
      t=$(pdfinfo -enc UTF-8 "$WORK/out/places/$code/evidence-pack.pdf" | sed -n 's/^Title: *//p')
      [[ "$t" == *" – $place" ]] || bad "the $place pack's title does not name it: '$t'"
    done
    # Web addresses wherever the narrative may hold them are links in the PDF.
    cp -r "$ROOT/tests/corpus/base" "$WORK/urls"
    cp -r "$ROOT/templates" "$ROOT/assets" "$WORK/urls/"
    cat >"$WORK/urls/content/summary.md" <<'MD'
# Summary

A paragraph with https://example.org/paragraph in it, and www.example.com/www too.

- A list item with https://example.org/list-item.

> A quote with https://example.org/quote.

| Name | Where |
|---|---|
| A cell | https://example.org/table-cell |

A note.[^n]

[^n]: The note with https://example.org/footnote in it.

## A heading with https://example.org/heading
MD
    "$BIN" build --root "$WORK/urls" --out "$WORK/urls-out" >"$WORK/urls.log" 2>&1 || bad "the project with web addresses: $(tail -3 "$WORK/urls.log")"
    python3 "$HERE/check_pages.py" "$WORK/urls-out/evidence-pack.pdf" >"$WORK/urls-pages.log" 2>&1 ||
      bad "web addresses: $(grep FAIL "$WORK/urls-pages.log" | head -3)"
    grep -q "[7-9] web addresses in the text" "$WORK/urls-pages.log" || bad "the web addresses were not all found: $(tail -1 "$WORK/urls-pages.log")"
    # ... and the check notices two words of the pack run together (its first pair of lower-case words).
    pdfinfo -struct-text "$PDF" >"$WORK/struct.txt" 2>&1
    python3 - "$WORK/struct.txt" "$WORK/joined.txt" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
joined = re.sub(r'(?m)^(\s*".*?\b[a-z]{3,}) ([a-z]{3,}\b)', r"\1\2", text, count=1)
assert joined != text, "no two lower-case words to join"
open(sys.argv[2], "w", encoding="utf-8").write(joined)
PY
    python3 "$HERE/check_words.py" "$WORK/joined.txt" "$WORK/out/site" >"$WORK/joined.log" 2>&1 &&
      bad "two words run together not caught by check_words.py"
    grep -q "^FAIL: the structure text has" "$WORK/joined.log" || bad "words run together not reported: $(tail -2 "$WORK/joined.log")"
    ;;
  pdfjs)
    if [ ! -d "$HERE/node_modules/pdfjs-dist" ]; then
      echo "FAIL: pdfjs-dist is not installed: run \`npm ci --prefix tests/pdfua\`"
      exit 1
    fi
    build_pack
    node "$HERE/read_structure.mjs" "$PDF" "$WORK/out/site" --min-tables 3 || bad "pdf.js reading of the structure"
    ;;
  fixture)
    "$BIN" "$WORK/f.pdf" >"$WORK/stats.txt" || { bad "fixture not written"; exit 1; }
    cat "$WORK/stats.txt"
    clean_file "$WORK/f.pdf"
    python3 "$HERE/check_structure.py" "$WORK/f.pdf" --expect-text H2 H3 Table TH TD Note BlockQuote L LI Lbl LBody \
      TOC TOCI || bad "structure check of the fixture"
    # Characters outside Windows-1252 print as themselves: the arrow of the title (cover and
    # running header), "≥" and "≤" in the text.
    test "$(grep -c "Tagging fixture → every structure" "$WORK/text.txt")" -ge 2 || bad "the title's arrow is not printed"
    grep -qF "Text under the skipping heading, ≥ five characters outside CP1252 ≤." "$WORK/text.txt" ||
      bad "≥ and ≤ are not printed"
    grep -q "?" "$WORK/text.txt" && bad "a character printed as '?': $(grep "?" "$WORK/text.txt" | head -2)"
    # poppler as a third reader of the tree.
    pdfinfo -struct-text "$WORK/f.pdf" >"$WORK/struct.txt" 2>&1 || bad "pdfinfo -struct-text"
    grep -A1 -E '^ *H3' "$WORK/struct.txt" | grep -q "A heading that skips a level" || bad "skipping heading not tagged H3"
    grep -qE '^ *H4' "$WORK/struct.txt" && bad "an H4 follows an H2"
    # One Table with 1 header row + 60 rows + 2 group rows, though its header repeats on each page.
    tables=$(grep -cE '^ *Table' "$WORK/struct.txt")
    test "$tables" -eq 1 || bad "$tables Table elements for the one split table"
    rows=$(awk '/^ *Table/{f=1} f && /^ *TR/{n++} END{print n+0}' "$WORK/struct.txt")
    test "$rows" -eq 63 || bad "the split table has $rows TR elements, expected 63"
    repeats=$(pdftotext "$WORK/f.pdf" - | grep -c "A table long enough to run over two pages (continued)")
    test "$repeats" -ge 1 || bad "the fixture's table did not split over pages"
    grep -q "Note <fn-1>" "$WORK/struct.txt" || bad "footnote 1 is not a Note with its ID"
    grep -q "Contents (continued)" "$WORK/text.txt" || bad "second contents page lacks 'Contents (continued)'"
    ;;
  selftest)
    # The checker must catch real faults: break a tagged PDF in known ways and expect failures.
    "$BIN" "$WORK/f.pdf" >/dev/null || { bad "fixture not written"; exit 1; }
    qpdf --qdf --object-streams=disable "$WORK/f.pdf" "$WORK/q.pdf"
    # 1. Running footers no longer artifacts: untagged text.
    python3 - "$WORK/q.pdf" "$WORK/m1.pdf" <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
d = d.replace(b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC", b"%" * len(b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC"))
d = d.replace(b"EMC", b"EMC", 1)
open(sys.argv[2], "wb").write(d)
PY
    fix-qdf "$WORK/m1.pdf" >"$WORK/m1f.pdf" 2>/dev/null || cp "$WORK/m1.pdf" "$WORK/m1f.pdf"
    python3 "$HERE/check_structure.py" "$WORK/m1f.pdf" >"$WORK/c1.txt" 2>&1 && bad "untagged footers not caught"
    grep -q "outside marked content and not an artifact" "$WORK/c1.txt" || bad "untagged text not reported: $(tail -2 "$WORK/c1.txt")"
    # 2. A heading demoted to skip a level, and a Figure's alt text removed.
    python3 - "$WORK/q.pdf" "$WORK/m2.pdf" <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
d = d.replace(b"/S /H3", b"/S /H5", 1)
open(sys.argv[2], "wb").write(d)
PY
    python3 "$HERE/check_structure.py" "$WORK/m2.pdf" >"$WORK/c2.txt" 2>&1 && bad "skipped heading level not caught"
    grep -q "a heading level is skipped" "$WORK/c2.txt" || bad "skipped level not reported: $(tail -2 "$WORK/c2.txt")"
    # 3. A TH without its Scope.
    python3 - "$WORK/q.pdf" "$WORK/m3.pdf" <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
d = d.replace(b"/Scope /Column", b"/Scoop /Column", 1)
open(sys.argv[2], "wb").write(d)
PY
    python3 "$HERE/check_structure.py" "$WORK/m3.pdf" >"$WORK/c3.txt" 2>&1 && bad "TH without Scope not caught"
    grep -q "no /Scope" "$WORK/c3.txt" || bad "missing Scope not reported"
    # 4. An MCID pointing at the wrong element in the ParentTree (first page's array reversed).
    python3 - "$WORK/q.pdf" "$WORK/m4.pdf" <<'PY'
import re, sys
d = open(sys.argv[1], "rb").read()
d = d.replace(b"/MarkInfo", b"/MarkInfX", 1)
open(sys.argv[2], "wb").write(d)
PY
    python3 "$HERE/check_structure.py" "$WORK/m4.pdf" >"$WORK/c4.txt" 2>&1 && bad "missing MarkInfo not caught"
    grep -q "MarkInfo" "$WORK/c4.txt" || bad "missing MarkInfo not reported"
    ;;
  *) echo "unknown mode $MODE"; exit 2 ;;
esac
test "$failed" -eq 0 && echo "pdfua $MODE: ok"
test "$failed" -eq 0
