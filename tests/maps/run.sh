#!/usr/bin/env bash
# Maps on real boundaries, as a reader gets them: the shipped pack's map of Coventry, Solihull
# and Warwickshire in their setting (the site's two drawings, the PDF, the data download), each
# per-place pack's outline of its own place, and the Welsh example project (examples/wales-map,
# GeoJSON boundaries, fixed bands, places with no figure).
# Usage: tests/maps/run.sh path/to/evidencepack path/to/source-root
set -u
BIN=$(realpath "$1")
ROOT=$(realpath "$2")
HERE=$(dirname "$(realpath "${BASH_SOURCE[0]}")")
source "$HERE/../lib.sh"

# check_svg PAGE FIGURE OUTLINED PLACE...: each place drawn once inside the frame, the outline.
check_svg() {
  local page=$1 figure=$2 outlined=$3
  shift 3
  python3 "$HERE/check_map_svg.py" "$page" "$figure" "$outlined" "$@" >"$WORK/svg.log" 2>&1
  local rc=$?
  check "$(basename "$(dirname "$(dirname "$page")")")/$(basename "$page") $figure: drawn as a map, $outlined outlined ($(head -3 "$WORK/svg.log" | tr '\n' ' '))" test $rc -eq 0
}

# The /Alt text of every Figure in a PDF's structure, one a line.
figure_alts() {
  qpdf --json "$1" | python3 -c '
import json, sys
objects = json.load(sys.stdin)["qpdf"][1]
for k, o in objects.items():
    v = o.get("value") if isinstance(o, dict) else None
    if isinstance(v, dict) and v.get("/S") == "/Figure" and "/Alt" in v:
        print(v["/Alt"][2:] if v["/Alt"].startswith("u:") else v["/Alt"])'
}

# ---- the shipped pack ----
OUT=$WORK/out
"$BIN" build --root "$ROOT" --out "$OUT" >"$WORK/build.log" 2>"$WORK/build.err"
rc=$?
check "shipped build exits 0 ($(head -c 300 "$WORK/build.err"))" test $rc -eq 0
PAGE=$OUT/site/vision-and-approach.html
check_svg "$PAGE" figure-net-spend-map "Coventry, Solihull and Warwickshire" Coventry Solihull Warwickshire
SUMMARY="Net spend per head on children's services, in 3 bands: Coventry is in the highest band at £1,064; Warwickshire is in the lowest at £822."
must_have "$PAGE" "Net spend per head on children&#39;s services, in 3 bands: Coventry is in the highest band at £1,064; Warwickshire is in the lowest at £822. The outline marks Coventry, Solihull and Warwickshire."
# The data table gives each place's band; the download its GSS code and band.
must_have "$PAGE" "<th scope=\"col\">Band</th>"
must_have "$OUT/site/data/figure-4.csv" "measure,title,place,period,value,unit,status,stated,unrounded,source,gss,band"
must_have "$OUT/site/data/figure-4.csv" "net_spend_per_head,Net spend per head on children's services,coventry,2008/09,1064,money,reported,,,tp_report,E08000026,\"£1,064\""
# The attribution the boundaries' licence asks for, under the map in both formats.
ATTRIBUTION="Contains Ordnance Survey data © Crown copyright and database right 2014. Contains National Statistics data © Crown copyright and database right."
must_have "$PAGE" "$ATTRIBUTION"
pdftotext "$OUT/evidence-pack.pdf" - 2>/dev/null | tr -s ' \n' '  ' >"$WORK/pdf.txt"
must_have "$WORK/pdf.txt" "$ATTRIBUTION"
must_have "$WORK/pdf.txt" "$SUMMARY The outline marks Coventry, Solihull and Warwickshire."
for text in "Coventry £1,064" "Warwickshire £822" "Leicestershire" "Neighbouring areas, not compared" \
            "Coventry, Solihull and Warwickshire (outlined)"; do
  must_have "$WORK/pdf.txt" "$text"
done
# In the tagged PDF the map is a Figure whose alternate text is that summary.
figure_alts "$OUT/evidence-pack.pdf" >"$WORK/alts.txt"
must_have "$WORK/alts.txt" "$SUMMARY The outline marks Coventry, Solihull and Warwickshire."
# Small: simplified to the drawing, the map's SVG stays under 40 kB.
svg_bytes=$(python3 -c "import re,sys; h=open(sys.argv[1],encoding='utf-8').read(); i=h.find('id=\"figure-net-spend-map\"'); print(len(re.search(r'<div class=\"ep-chart__wide\">(<svg.*?</svg>)', h[i:], re.S).group(1).encode()))" "$PAGE")
check "the map's SVG is under 40 kB (${svg_bytes} bytes)" test "$svg_bytes" -lt 40000

# ---- each per-place pack outlines its own place ----
for place in coventry solihull warwickshire; do
  name=$(tr '[:lower:]' '[:upper:]' <<<"${place:0:1}")${place:1}
  check_svg "$OUT/places/$place/site/vision-and-approach.html" figure-net-spend-map "$name" Coventry Solihull Warwickshire
  must_have "$OUT/places/$place/site/vision-and-approach.html" "The outline marks $name."
  figure_alts "$OUT/places/$place/evidence-pack.pdf" >"$WORK/alts-$place.txt"
  must_have "$WORK/alts-$place.txt" "$SUMMARY The outline marks $name."
done

# ---- the example: 22 Welsh authorities from GeoJSON ----
EX=$WORK/wales-map
cp -r "$ROOT/examples/wales-map" "$EX"
# As in a bare checkout: no templates/ or assets/, so the built-in ones are used.
check "example has no templates or assets of its own" test ! -e "$EX/templates" -a ! -e "$EX/assets"
"$BIN" build --root "$EX" --out "$WORK/wales-out" >"$WORK/wales.log" 2>"$WORK/wales.err"
rc=$?
check "example builds ($(head -c 300 "$WORK/wales.err"))" test $rc -eq 0
check "example: nothing on stderr" test ! -s "$WORK/wales.err"
check "example: the built-in stylesheet and page layout are used" \
  cmp -s "$WORK/wales-out/site/assets/site.css" "$ROOT/assets/site.css"
check "example: the built-in layout's skip link" grep -q 'class="ep-skip-link"' "$WORK/wales-out/site/index.html"
check "example: the built-in files are not left behind" bash -c "! ls -d \"\${TMPDIR:-/tmp}\"/evidencepack-builtin-* 2>/dev/null | grep -q ."
WALES=(Isle\ of\ Anglesey Gwynedd Conwy Denbighshire Flintshire Wrexham Ceredigion Pembrokeshire Carmarthenshire
       Swansea Neath\ Port\ Talbot Bridgend Vale\ of\ Glamorgan Cardiff Rhondda\ Cynon\ Taf Caerphilly Blaenau\ Gwent
       Torfaen Monmouthshire Newport Powys Merthyr\ Tydfil)
check "example: 22 authorities listed" test ${#WALES[@]} -eq 22
check_svg "$WORK/wales-out/site/map.html" figure-wales-spend Cardiff "${WALES[@]}"
EXPAGE=$WORK/wales-out/site/map.html
must_have "$EXPAGE" "<title>Powys: no data</title>"
must_have "$EXPAGE" "<title>Merthyr Tydfil: no data</title>"
must_have "$EXPAGE" "Powys and Merthyr Tydfil have no figure. The outline marks Cardiff."
must_have "$EXPAGE" "£1,050 or more (6 places)"
must_have "$EXPAGE" "No data (2 places)"
must_have "$EXPAGE" "$ATTRIBUTION"
pdftotext "$WORK/wales-out/evidence-pack.pdf" - 2>/dev/null | tr -s ' \n' '  ' >"$WORK/wales.txt"
# The figures are invented, and say so wherever they are shown.
must_have "$WORK/wales.txt" "The figures on this page are invented."
must_have "$WORK/wales.txt" "Illustrative spend per child by authority, Wales, 2009/10 (invented figures)"
must_have "$WORK/wales.txt" "Illustrative figures invented for this example"
must_have "$WORK/wales.txt" "Under £850 (4 places)"
figure_alts "$WORK/wales-out/evidence-pack.pdf" >"$WORK/wales-alts.txt"
must_have "$WORK/wales-alts.txt" "The outline marks Cardiff."

finish "maps"
