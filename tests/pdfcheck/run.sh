#!/usr/bin/env bash
# The built-in PDF/UA check (`evidencepack check --pdf`, and every build): a known-bad PDF for
# each condition it checks, made by pdfcheck_fixtures from four good ones (the shipped pack, the
# tagged-PDF fixture of tests/pdfua, and a composite-font and a simple-font PDF it writes), must
# be reported with the condition's Matterhorn number (or PDF/UA-1 clause), page and object; the
# two font fixtures pass; the shipped PDFs fail only the known conditions and do not claim
# PDF/UA-1 while they do (and pass and claim it once there are none).
#
# Usage: tests/pdfcheck/run.sh EVIDENCEPACK PDFCHECK_FIXTURES PDFUA_FIXTURE PROJECT FONT_DIR
set -u
EP=$(realpath "$1")
FX=$(realpath "$2")
TAGGED_MAKER=$(realpath "$3")
ROOT=$(realpath "$4")
FONT_DIR=$5
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

# ---- the good PDFs ---------------------------------------------------------------------------
"$EP" build --root "$ROOT" --out "$WORK/out" >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; bad "build"; finish pdfcheck; exit 1; }
cp "$WORK/out/evidence-pack.pdf" "$WORK/pack.pdf"
"$TAGGED_MAKER" "$WORK/tagged.pdf" >/dev/null || bad "tagged fixture not written"
"$FX" cid "$FONT_DIR/LiberationSans-Regular.ttf" "$WORK/cid.pdf" || bad "composite-font fixture not written"
"$FX" truetype "$FONT_DIR/LiberationSans-Regular.ttf" "$WORK/truetype.pdf" || bad "simple-font fixture not written"

for base in cid truetype; do
  "$EP" check --pdf "$WORK/$base.pdf" >"$WORK/$base.out" 2>"$WORK/$base.err"; rc=$?
  check "the $base fixture passes (exit $rc: $(head -2 "$WORK/$base.err"))" test "$rc" -eq 0
  check "the $base fixture is reported OK" grep -qE "^OK: $WORK/$base.pdf: 1 page, passes the [0-9]+ PDF/UA-1 conditions checked" "$WORK/$base.out"
  check "the $base fixture has no error line" test ! -s "$WORK/$base.err"
done

# The failures a build lets through (generator/pipeline/known_pdf_failures.h): none since the
# composite fonts (it held 31-022 for the CP1252 fonts' /.notdef).
"$FX" known >"$WORK/known.txt"
known=$(wc -l <"$WORK/known.txt")

# The shipped PDFs. While there are known failures: they have nothing else, and the build took
# the claim out (06-002). Once there are none: they pass and claim PDF/UA-1.
shipped=0
if [ "$known" -gt 0 ]; then
  grep -q "^PDF/UA-1 check (docs/pdf-check.md): 7 PDFs checked in [0-9.]* s, no failures but [0-9]* known ones (Matterhorn 31-022, generator/pipeline/known_pdf_failures.h); 7 of them do not claim PDF/UA-1 until they conform$" "$WORK/build.log" ||
    bad "the build's PDF/UA line: $(grep PDF/UA "$WORK/build.log")"
else
  grep -q "^PDF/UA-1 check (docs/pdf-check.md): 7 PDFs checked in [0-9.]* s, all conform and claim PDF/UA-1$" "$WORK/build.log" ||
    bad "the build's PDF/UA line: $(grep PDF/UA "$WORK/build.log")"
fi
while IFS= read -r pdf; do
  shipped=$((shipped + 1))
  name=${pdf#"$WORK/out/"}
  "$EP" check --pdf "$pdf" >"$WORK/shipped.out" 2>"$WORK/shipped.err"; rc=$?
  if [ "$known" -gt 0 ]; then
    check "$name: check exits 1 while the fonts fail" test "$rc" -eq 1
    others=$(grep -v ": Matterhorn 31-022 (PDF/UA-1 7.21.6): the font [^:]*: its /Differences name /.notdef (code 127) is not in the Adobe Glyph List$" "$WORK/shipped.err" |
      grep -v ": Matterhorn 06-002 (PDF/UA-1 5): the XMP metadata has no pdfuaid:part$")
    check "$name: no failure but the known ones ($(echo "$others" | head -3))" test -z "$others"
    check "$name: the known font failure is reported" grep -q "31-022" "$WORK/shipped.err"
    check "$name: does not claim PDF/UA-1" grep -q "06-002" "$WORK/shipped.err"
    check "$name: the summary says so" grep -q "it does not claim PDF/UA-1$" "$WORK/shipped.out"
  else
    check "$name: passes every condition ($(head -2 "$WORK/shipped.err"))" test "$rc" -eq 0
    check "$name: claims PDF/UA-1" grep -aq "<pdfuaid:part>1</pdfuaid:part>" "$pdf"
  fi
  # The file is sound and the XMP well-formed, with the claim or without (blanked in place).
  qpdf --check "$pdf" >"$WORK/qpdf.txt" 2>&1 || bad "$name: qpdf --check: $(tail -2 "$WORK/qpdf.txt")"
  grep -qi warning "$WORK/qpdf.txt" && bad "$name: qpdf warns: $(grep -i warning "$WORK/qpdf.txt" | head -2)"
  python3 - "$pdf" "$known" <<'PY' || bad "$name: the XMP packet is not well-formed XML, or has the claim it should not"
import re, sys, xml.dom.minidom
data = open(sys.argv[1], "rb").read()
packet = re.search(rb"<x:xmpmeta.*?</x:xmpmeta>", data, re.S).group(0)
xml.dom.minidom.parseString(packet)
if int(sys.argv[2]) > 0:
    assert b"pdfuaid" not in packet, "pdfuaid left in the packet"
PY
done < <(find "$WORK/out" -name '*.pdf' -not -path '*/site/*' | sort)
check "7 shipped PDFs checked (found $shipped)" test "$shipped" -eq 7

# ---- the build's verdict ------------------------------------------------------------------------
"$FX" vet "$WORK/cid.pdf" >"$WORK/vet.txt"; rc=$?
check "a conforming PDF may claim PDF/UA-1 ($(head -1 "$WORK/vet.txt"))" test "$rc" -eq 0 -a "$(head -1 "$WORK/vet.txt")" = claim
"$FX" break "$WORK/truetype.pdf" "$WORK/notdef.pdf" differences-notdef
"$FX" vet "$WORK/notdef.pdf" >"$WORK/vet.txt"; rc=$?
if grep -qx "31-022|/.notdef" "$WORK/known.txt"; then
  check "a PDF with only the known failure is written without the claim ($(head -1 "$WORK/vet.txt"))" test "$rc" -eq 0 -a "$(head -1 "$WORK/vet.txt")" = "no claim"
else
  check "the font failure, no longer a known one, is refused ($(head -1 "$WORK/vet.txt"))" test "$rc" -eq 1 -a "$(head -1 "$WORK/vet.txt")" = refused
fi
"$FX" break "$WORK/cid.pdf" "$WORK/vet-bad.pdf" untagged-path
"$FX" vet "$WORK/vet-bad.pdf" >"$WORK/vet.txt"; rc=$?
check "a PDF with another failure is refused (exit $rc)" test "$rc" -eq 1 -a "$(head -1 "$WORK/vet.txt")" = refused
check "the refusal names the failure in the file: error: style" grep -qE "^$WORK/vet-bad.pdf: error: page 1: Matterhorn 01-005 \(PDF/UA-1 7\.1\): a path painted with 'f' is neither tagged content nor an artifact$" "$WORK/vet.txt"
check "the refusal does not list the known failures" lacks "$WORK/vet.txt" "31-022"

# ---- bad usage and unreadable files ----------------------------------------------------------------
"$EP" check --pdf >/dev/null 2>"$WORK/usage.err"; rc=$?
check "--pdf without a file is bad usage (exit $rc)" test "$rc" -eq 2
"$EP" check --pdf "$WORK/missing.pdf" >/dev/null 2>"$WORK/missing.err"; rc=$?
check "a missing file: exit 1 ($rc)" test "$rc" -eq 1
check "a missing file is named ($(cat "$WORK/missing.err"))" grep -q "^$WORK/missing.pdf: error: .*cannot be opened" "$WORK/missing.err"
echo "not a PDF" >"$WORK/text.pdf"
"$EP" check --pdf "$WORK/text.pdf" >/dev/null 2>"$WORK/text.err"; rc=$?
check "a file that is not a PDF: exit 1 ($rc)" test "$rc" -eq 1
check "a file that is not a PDF is named ($(cat "$WORK/text.err"))" grep -q "^$WORK/text.pdf: error: .*qpdf cannot read it" "$WORK/text.err"

# ---- one known-bad PDF per condition ----------------------------------------------------------------
# fault | the good PDF it breaks | what the report must say, after "FILE: error: " (an ERE)
N='[0-9]+'
cases=$(cat <<EOF
untagged-path|pack|page 1: Matterhorn 01-005 \(PDF/UA-1 7\.1\): a path painted with 'f' is neither tagged content nor an artifact
artifact-in-tagged|pack|page 2: Matterhorn 01-003 \(PDF/UA-1 7\.1\): an /Artifact sequence is inside a tagged \(MCID\) sequence
tagged-in-artifact|pack|page 2: Matterhorn 01-004 \(PDF/UA-1 7\.1\): /Span MCID 9999 is inside an /Artifact sequence
mcid-not-in-tree|cid|page 1: Matterhorn 01-005 \(PDF/UA-1 7\.1\): the /H1 sequence with MCID 0 is tagged, but no structure element holds it
suspects|cid|object $N: Matterhorn 01-007 \(PDF/UA-1 7\.1\): /MarkInfo /Suspects is true
not-marked|cid|object $N: PDF/UA-1 6\.2: the catalog's /MarkInfo does not have /Marked true
no-structure-tree|cid|object $N: PDF/UA-1 7\.1: the catalog has no /StructTreeRoot
parent-tree-wrong|cid|page 1, object $N: PDF/UA-1 7\.1: the ParentTree does not give MCID 0's element \(/H1\)
non-standard-type|cid|page 1, object $N: Matterhorn 02-001 \(PDF/UA-1 7\.1\): the structure type /Paragraph is not a standard type and the role map does not map it to one
circular-role-map|cid|page 1, object $N: Matterhorn 02-003 \(PDF/UA-1 7\.1\): the role map is circular for /Para
standard-type-remapped|cid|Matterhorn 02-004 \(PDF/UA-1 7\.1\): the role map maps the standard type P to Span
no-metadata|cid|object $N: Matterhorn 06-001 \(PDF/UA-1 7\.1\): the catalog has no /Metadata stream
no-pdfuaid|cid|object $N: Matterhorn 06-002 \(PDF/UA-1 5\): the XMP metadata has no pdfuaid:part
pdfuaid-part-2|cid|object $N: Matterhorn 06-002 \(PDF/UA-1 5\): pdfuaid:part is '2', not 1
no-dc-title|cid|object $N: Matterhorn 06-003 \(PDF/UA-1 7\.1\): the XMP metadata has no dc:title
no-display-doc-title|cid|object $N: Matterhorn 07-001 \(PDF/UA-1 7\.1\): the catalog's /ViewerPreferences has no /DisplayDocTitle
display-doc-title-false|cid|object $N: Matterhorn 07-002 \(PDF/UA-1 7\.1\): /ViewerPreferences /DisplayDocTitle is false
row-not-tr|pack|page $N, object $N: Matterhorn 09-004 \(PDF/UA-1 7\.2\): a Table holds a Div, not only TR, THead, TBody, TFoot and Caption
row-not-tr|pack|page $N, object $N: Matterhorn 09-004 \(PDF/UA-1 7\.2\): a TH is inside Div, not a TR
irregular-table|pack|page $N, object $N: Matterhorn 09-004 \(PDF/UA-1 7\.2\): row $N of the table spans $N columns, row 1 spans $N
list-item-body|pack|page $N, object $N: Matterhorn 09-005 \(PDF/UA-1 7\.2\): an LI holds other elements than Lbl and LBody
toc-item|pack|page 2, object $N: Matterhorn 09-006 \(PDF/UA-1 7\.2\): a TOC holds other elements than TOCI, TOC and a first Caption
to-unicode-misses-code|cid|page 1, object $N: Matterhorn 10-001 \(PDF/UA-1 7\.2\): the font AAAAAA\+LiberationSans \(/F1\): code <[0-9A-F]{4}> is not in its ToUnicode CMap
no-lang|pack|page 1, object $N: Matterhorn 11-001 \(PDF/UA-1 7\.2\): the language of a /H1's text is given neither by it, its ancestors nor the catalog's /Lang
bad-lang|cid|object $N: Matterhorn 11-001 \(PDF/UA-1 7\.2\): the catalog's /Lang 'english!' is not a language tag
no-lang|pack|page $N, object $N: Matterhorn 11-002 \(PDF/UA-1 7\.2\): the language of a /Figure's Alt is given neither by it, its ancestors nor the catalog's /Lang
no-lang|pack|object $N: Matterhorn 11-003 \(PDF/UA-1 7\.2\): the document has an outline \(bookmarks\) but the catalog gives no /Lang for its entries
no-lang|pack|page 2, object $N: Matterhorn 11-004 \(PDF/UA-1 7\.2\): the language of an annotation's /Contents is given neither by its element nor the catalog's /Lang
figure-no-alt|pack|page $N, object $N: Matterhorn 13-004 \(PDF/UA-1 7\.3\): a Figure has no /Alt \(nor /ActualText\)
first-heading-h2|cid|page 1, object $N: Matterhorn 14-002 \(PDF/UA-1 7\.4\.2\): the first heading is H2, not H1
heading-skipped|tagged|page $N, object $N: Matterhorn 14-003 \(PDF/UA-1 7\.4\.2\): H5 follows H2: a heading level is skipped
two-h|pack|page $N, object $N: Matterhorn 14-006 \(PDF/UA-1 7\.4\.4\): a /Sect holds 2 H elements
two-h|pack|object $N: Matterhorn 14-007 \(PDF/UA-1 7\.4\.4\): the document has both H and H1-H6 headings
th-no-scope|pack|page $N, object $N: Matterhorn 15-003 \(PDF/UA-1 7\.5\): a TH has no /Scope \(and the table gives no /Headers\)
formula-no-alt|pack|page $N, object $N: Matterhorn 17-002 \(PDF/UA-1 7\.7\): a Formula has no /Alt
note-no-id|pack|page $N, object $N: Matterhorn 19-003 \(PDF/UA-1 7\.9\): a Note has no /ID
note-id-twice|pack|page $N, object $N: Matterhorn 19-004 \(PDF/UA-1 7\.9\): the /ID 'fn-1' is used twice
optional-content|cid|Matterhorn 20-001 \(PDF/UA-1 7\.10\): an optional content configuration in /Configs has no /Name
optional-content|cid|Matterhorn 20-002 \(PDF/UA-1 7\.10\): the default optional content configuration \(/OCProperties /D\) has no /Name
optional-content|cid|Matterhorn 20-003 \(PDF/UA-1 7\.10\): the default optional content configuration has an /AS entry
embedded-file|cid|object $N: Matterhorn 21-001 \(PDF/UA-1 7\.11\): an embedded file's specification lacks /F or /UF
encrypted|cid|Matterhorn 26-002 \(PDF/UA-1 7\.16\): the file is encrypted and its permissions \(bit 10 of /P\) forbid extracting text for accessibility
square-annotation|pack|page 2, object $N: Matterhorn 28-002 \(PDF/UA-1 7\.18\.1\): a /Square annotation is not held by an Annot element
square-annotation|pack|page 2, object $N: Matterhorn 28-004 \(PDF/UA-1 7\.18\.1\): a /Square annotation has neither /Contents nor an /Alt on its element
unknown-annotation|pack|page 2, object $N: Matterhorn 28-006 \(PDF/UA-1 7\.18\.2\): an annotation of subtype /Scribble, which ISO 32000-1 does not define
trapnet-annotation|pack|page 2, object $N: Matterhorn 28-007 \(PDF/UA-1 7\.18\.2\): a TrapNet annotation
no-tabs|pack|page 2, object $N: Matterhorn 28-008 \(PDF/UA-1 7\.18\.3\): the page has annotations but no /Tabs
tabs-row|pack|page 2, object $N: Matterhorn 28-009 \(PDF/UA-1 7\.18\.3\): the page's /Tabs is /R, not /S
widget|pack|page 2, object $N: Matterhorn 28-010 \(PDF/UA-1 7\.18\.4\): a widget annotation is not held by a Form element
link-no-struct-parent|pack|page 2, object $N: Matterhorn 28-011 \(PDF/UA-1 7\.18\.5\): a link annotation has no /StructParent
link-held-by-p|pack|page 2, object $N: Matterhorn 28-011 \(PDF/UA-1 7\.18\.5\): a link annotation is held by a /P, not a Link
link-no-contents|pack|page 2, object $N: Matterhorn 28-012 \(PDF/UA-1 7\.18\.5\): a link annotation has no /Contents
printer-mark|pack|page 2, object $N: Matterhorn 28-017 \(PDF/UA-1 7\.18\.8\): a PrinterMark annotation is in the structure tree
reference-xobject|pack|page 2, object $N: Matterhorn 30-001 \(PDF/UA-1 7\.20\): the form XObject /FmRef is a reference XObject
shared-form-with-mcids|pack|page 2, object $N: Matterhorn 30-002 \(PDF/UA-1 7\.20\): the form XObject /Fm1 holds MCIDs and is drawn more than once
cmap-system-info|cid|page 1, object $N: Matterhorn 31-001 \(PDF/UA-1 7\.21\.3\.1\): the font AAAAAA\+LiberationSans \(/F1\): its CMap's Registry 'Fixture' differs from its CIDFont's 'Adobe'
cmap-system-info|cid|page 1, object $N: Matterhorn 31-002 \(PDF/UA-1 7\.21\.3\.1\): the font AAAAAA\+LiberationSans \(/F1\): its CMap's Ordering 'Own' differs from its CIDFont's 'Identity'
cmap-system-info|cid|page 1, object $N: Matterhorn 31-003 \(PDF/UA-1 7\.21\.3\.1\): the font AAAAAA\+LiberationSans \(/F1\): its CIDFont's Supplement 5 is greater than its CMap's 0
cid-to-gid-map-invalid|cid|page 1, object $N: Matterhorn 31-004 \(PDF/UA-1 7\.21\.3\.2\): the font AAAAAA\+LiberationSans \(/F1\): its /CIDToGIDMap is /Straight, neither /Identity nor a stream
cid-to-gid-map-missing|cid|page 1, object $N: Matterhorn 31-005 \(PDF/UA-1 7\.21\.3\.2\): the font AAAAAA\+LiberationSans \(/F1\): its CIDFontType2 has no /CIDToGIDMap
cmap-not-embedded|cid|page 1, object $N: Matterhorn 31-006 \(PDF/UA-1 7\.21\.3\.3\): the font AAAAAA\+LiberationSans \(/F1\): its CMap /Fixture-H is neither predefined \(ISO 32000-1 Table 118\) nor embedded
cmap-wmode|cid|page 1, object $N: Matterhorn 31-007 \(PDF/UA-1 7\.21\.3\.3\): the font AAAAAA\+LiberationSans \(/F1\): its CMap's dictionary has /WMode 1, its stream 0
cmap-uses-other|cid|page 1, object $N: Matterhorn 31-008 \(PDF/UA-1 7\.21\.3\.3\): the font AAAAAA\+LiberationSans \(/F1\): its CMap uses the CMap /Custom-H, which is not predefined
font-not-embedded|truetype|page 1, object $N: Matterhorn 31-009 \(PDF/UA-1 7\.21\.4\.1\): the font AAAAAB\+LiberationSans \(/F1\): the font program is not embedded \(no /FontFile, /FontFile2 or /FontFile3\)
glyph-left-out|truetype|page 1, object $N: Matterhorn 31-011 \(PDF/UA-1 7\.21\.4\.1\): the font AAAAAB\+LiberationSans \(/F1\): code 33 \('!'\) shows glyph $N, which is empty in the font program \(left out of the subset\?\)
cid-glyph-missing|cid|page 1, object $N: Matterhorn 31-011 \(PDF/UA-1 7\.21\.4\.1\): the font AAAAAA\+LiberationSans \(/F1\): code <FFF0> needs glyph 65520, but the font program has $N glyphs
cid-set-misses-glyph|cid|page 1, object $N: Matterhorn 31-014 \(PDF/UA-1 7\.21\.4\.2\): the font AAAAAA\+LiberationSans \(/F1\): its /CIDSet leaves out CID 1, which the font program has
cid-set-lists-absent-glyph|cid|page 1, object $N: Matterhorn 31-015 \(PDF/UA-1 7\.21\.4\.2\): the font AAAAAA\+LiberationSans \(/F1\): its /CIDSet lists CID $N, which the font program does not have
widths-differ|truetype|page 1, object $N: Matterhorn 31-016 \(PDF/UA-1 7\.21\.5\): the font AAAAAB\+LiberationSans \(/F1\): code 101 \('e'\): the font dictionary gives width 656, the font program 556\.152
cid-widths-differ|cid|page 1, object $N: Matterhorn 31-016 \(PDF/UA-1 7\.21\.5\): the font AAAAAA\+LiberationSans \(/F1\): code <[0-9A-F]{4}>: the font dictionary gives width $N, the font program [0-9.]+
no-nonsymbolic-cmap|truetype|page 1, object $N: Matterhorn 31-017 \(PDF/UA-1 7\.21\.6\): the font AAAAAB\+LiberationSans \(/F1\): its font program has neither a \(3,1\) Unicode nor a \(1,0\) Macintosh Roman cmap
glyph-not-in-cmap|truetype|page 1, object $N: Matterhorn 31-018 \(PDF/UA-1 7\.21\.6\): the font AAAAAB\+LiberationSans \(/F1\): code 101 \('e'\) finds no glyph through the font program's cmap
no-encoding|truetype|page 1, object $N: Matterhorn 31-019 \(PDF/UA-1 7\.21\.6\): the font AAAAAB\+LiberationSans \(/F1\): a non-symbolic TrueType font has no /Encoding
no-base-encoding|truetype|page 1, object $N: Matterhorn 31-020 \(PDF/UA-1 7\.21\.6\): the font AAAAAB\+LiberationSans \(/F1\): its /Encoding dictionary has no /BaseEncoding
standard-encoding|truetype|page 1, object $N: Matterhorn 31-021 \(PDF/UA-1 7\.21\.6\): the font AAAAAB\+LiberationSans \(/F1\): its encoding is /StandardEncoding, not /WinAnsiEncoding or /MacRomanEncoding
differences-not-agl|truetype|page 1, object $N: Matterhorn 31-022 \(PDF/UA-1 7\.21\.6\): the font AAAAAB\+LiberationSans \(/F1\): its /Differences name /Abogus \(code 127\) is not in the Adobe Glyph List
no-nonsymbolic-cmap|truetype|page 1, object $N: Matterhorn 31-023 \(PDF/UA-1 7\.21\.6\): the font AAAAAB\+LiberationSans \(/F1\): its encoding has /Differences but its font program has no \(3,1\) Unicode cmap
symbolic-with-encoding|truetype|page 1, object $N: Matterhorn 31-024 \(PDF/UA-1 7\.21\.6\): the font AAAAAB\+LiberationSans \(/F1\): a symbolic TrueType font has an /Encoding
symbolic-without-cmap|truetype|page 1, object $N: Matterhorn 31-025 \(PDF/UA-1 7\.21\.6\): the font AAAAAB\+LiberationSans \(/F1\): the font program of a symbolic TrueType font has no cmap
symbolic-with-encoding|truetype|page 1, object $N: Matterhorn 31-026 \(PDF/UA-1 7\.21\.6\): the font AAAAAB\+LiberationSans \(/F1\): the font program of a symbolic TrueType font has several cmaps but no \(3,0\) Symbol cmap
cid-no-to-unicode|cid|page 1, object $N: Matterhorn 31-027 \(PDF/UA-1 7\.21\.7\): the font AAAAAA\+LiberationSans \(/F1\): a Type 0 font without /ToUnicode whose CIDFont is not in an Adobe character collection \(Adobe-Identity\)
to-unicode-zero|cid|page 1, object $N: Matterhorn 31-028 \(PDF/UA-1 7\.21\.7\): the font AAAAAA\+LiberationSans \(/F1\): its ToUnicode CMap maps a code to U\+0000
to-unicode-bom|cid|page 1, object $N: Matterhorn 31-029 \(PDF/UA-1 7\.21\.7\): the font AAAAAA\+LiberationSans \(/F1\): its ToUnicode CMap maps a code to U\+FEFF or U\+FFFE
notdef-shown|truetype|page 1, object $N: Matterhorn 31-030 \(PDF/UA-1 7\.21\.8\): the font AAAAAB\+LiberationSans \(/F1\): text shows code 127, which its encoding names .notdef
cid-notdef|cid|page 1, object $N: Matterhorn 31-030 \(PDF/UA-1 7\.21\.8\): the font AAAAAA\+LiberationSans \(/F1\): code <0000> is CID 0, the .notdef glyph
EOF
)
declare -A made
while IFS='|' read -r fault base expected; do
  bad_pdf="$WORK/$fault-$base.pdf"
  if [ -z "${made[$fault-$base]:-}" ]; then
    "$FX" break "$WORK/$base.pdf" "$bad_pdf" "$fault" 2>"$WORK/fx.err" || { bad "$fault: fixture not made: $(cat "$WORK/fx.err")"; continue; }
    "$EP" check --pdf "$bad_pdf" >"$WORK/$fault-$base.out" 2>"$WORK/$fault-$base.err"; rc=$?
    check "$fault: check --pdf exits 1 (got $rc)" test "$rc" -eq 1
    made[$fault-$base]=1
  fi
  grep -qE "^$bad_pdf: error: $expected\$" "$WORK/$fault-$base.err" ||
    bad "$fault ($base): not reported as '$expected'; got: $(grep -v '31-022' "$WORK/$fault-$base.err" | head -3)"
done <<<"$cases"

# Every condition the checker lists has a fault above that it reports.
# (The three requirements Matterhorn does not number are the 6.2 and two 7.1 rows above.)
"$FX" conditions >"$WORK/conditions.txt"
plain=$(sed 's/\\//g' <<<"$cases")
while IFS='|' read -r matterhorn clause; do
  if [ -n "$matterhorn" ]; then
    grep -qF "Matterhorn $matterhorn (PDF/UA-1 $clause)" <<<"$plain" || bad "Matterhorn $matterhorn has no known-bad fixture"
  fi
done <"$WORK/conditions.txt"
numbered=$(grep -c '^[0-9]' "$WORK/conditions.txt")
check "the checker lists the Matterhorn conditions it checks ($numbered)" test "$numbered" -ge 70

finish pdfcheck
