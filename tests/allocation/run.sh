#!/usr/bin/env bash
# End to end for the worked allocation table (```table with `allocation: cib`): builds the
# project, then checks what a reader sees. The expected amounts are recomputed here, from
# data/allocations.csv and data/observations.csv, by an independent implementation of the
# formula and of the rounding rule in docs/rounding.md (largest remainder, to the pound).
# Usage: tests/allocation/run.sh path/to/evidencepack path/to/project
set -u
BIN=$(realpath "$1")
ROOT=$(realpath "$2")
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

OUT=$WORK/out
"$BIN" build --root "$ROOT" --out "$OUT" >"$WORK/build.log" 2>"$WORK/build.err"
rc=$?   # kept before any $(...) in check's arguments, which would reset $?
check "build exits 0 ($(head -3 "$WORK/build.err"))" test $rc -eq 0
pdftotext -layout "$OUT/evidence-pack.pdf" "$WORK/pdf.txt" 2>/dev/null
PAGE=$OUT/site/improvement-support.html

# ---- expected rows, recomputed from the data ----
python3 - "$ROOT/data" >"$WORK/expected.tsv" <<'PY'
import csv, math, sys
from fractions import Fraction
data = sys.argv[1]
def rows(name):
    with open(f"{data}/{name}", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))
rule = next(r for r in rows("allocations.csv") if r["allocation"] == "cib")
obs = rows("observations.csv")
names = {p["code"]: p["name"] for p in rows("places.csv")}
def number(text):   # as typed in observations.csv: £2.25m, £100,000, 50%, 1,400,000
    t = text.replace("£", "").replace(",", "").replace("%", "").strip()
    for suffix, scale in (("billion", 10**9), ("million", 10**6), ("m", 10**6), ("k", 10**3)):
        if t.endswith(suffix):
            return Fraction(t[: -len(suffix)].strip()) * scale
    return Fraction(t)
def value(ref, place=None):
    ref, _, period = ref.partition(":")
    measure, _, at = ref.partition("@")
    place = place or at
    found = [o for o in obs if o["measure"] == measure and o["place"] == place and (not period or o["period"] == period)]
    assert found, (measure, place, period)
    return number(found[0]["value"])
pot, lump = value(rule["pot"]), value(rule["lump_sum"])
wa, wp = value(rule["weight_authorities"]), value(rule["weight_population"])
regions = [r.strip() for r in rule["recipients"].split(";")]
las = [value(rule["authorities"], r) for r in regions]
young = [value(rule["population"], r) for r in regions]
def largest_remainder(shares, target):
    total = sum(shares)
    quotas = [Fraction(target) * s / total for s in shares]
    out = [math.floor(q) for q in quotas]
    order = sorted(range(len(shares)), key=lambda i: (-(quotas[i] - out[i]), i))
    for k in range(target - sum(out)):
        out[order[k]] += 1
    return out
def half_up(x):
    return math.floor(x + Fraction(1, 2))
variable = half_up(pot) - half_up(lump) * len(regions)
col_las = half_up(variable * wa / (wa + wp))
a = largest_remainder(las, col_las)
b = largest_remainder(young, variable - col_las)
money = lambda x: "£{:,}".format(x)
count = lambda x: "{:,}".format(int(x))
for i, r in enumerate(regions):
    print("\t".join([names[r], count(las[i]), count(young[i]), money(half_up(lump)), money(a[i]), money(b[i]),
                     money(half_up(lump) + a[i] + b[i])]))
print("\t".join(["Total", count(sum(las)), count(sum(young)), money(half_up(lump) * len(regions)), money(sum(a)),
                 money(sum(b)), money(half_up(lump) * len(regions) + sum(a) + sum(b))]))
PY
rc=$?
check "expected rows computed (python exit $rc)" test $rc -eq 0 -a "$(wc -l <"$WORK/expected.tsv")" -eq 10
check "the recomputed total is the bulletin's £2,250,000" grep -qP '^Total\t152\t.*\t£2,250,000$' "$WORK/expected.tsv"

# ---- PDF text: the caption, every row (the region name may wrap; its figures stay on one line) ----
flat=$(tr -s ' \n' ' ' <"$WORK/pdf.txt")
for text in "Worked example: the regional improvement money shared by the CIB formula" \
            "Inputs: £2,250,000 shared among 9 regions as a lump sum of £100,000 each" \
            "split 50% by number of local authorities and 50% by young people aged 0-19" \
            "Illustrative, not published: the lump sum, number of local authorities and young people aged 0-19" \
            "Illustrative figure assumed for the worked allocation example"; do
  check "PDF shows '$text'" grep -qF -- "$text" <<<"$flat"
done
while IFS=$'\t' read -r name las young lump by_las by_young total; do
  first=${name%% *}
  check "PDF row for $name: $las $young $lump $by_las $by_young $total" \
    grep -qE "^ *$first.* $las +$young +$lump +$by_las +$by_young +$total *$" "$WORK/pdf.txt"
done <"$WORK/expected.tsv"

# ---- site page: the same table, a row header per region, the total row ----
check "site page exists" test -s "$PAGE"
python3 - "$PAGE" "$WORK/expected.tsv" <<'PY' >"$WORK/html.log" 2>&1
import html, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<table class="ep-table" id="cib-allocation">.*?</table>', page, re.S)
if not m: sys.exit("no table with id cib-allocation")
table = m.group(0)
rows = []
for tr in re.findall(r"<tr>(.*?)</tr>", table, re.S):
    cells = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)]
    rows.append(cells)
expected = [line.rstrip("\n").split("\t") for line in open(sys.argv[2], encoding="utf-8")]
body = rows[1:]
bad = [(e, b) for e, b in zip(expected, body) if e != b]
if len(body) != len(expected) or bad: sys.exit("rows differ: %r" % (bad or (len(body), len(expected))))
if "Lump sum (illustrative)" not in rows[0]: sys.exit("no '(illustrative)' heading: %r" % rows[0])
if not re.search(r'<th scope="row">(<strong>)?Total', table): sys.exit("the total row has no row header")
print("ok", len(body), "rows")
PY
rc=$?
check "site table rows equal the recomputed ones ($(tail -1 "$WORK/html.log"))" test $rc -eq 0
check "site: the text refers to the table by number" grep -qE '<a href="#cib-allocation">Table [0-9]+</a>' "$PAGE"
csv=$(grep -l '^total,Total,' "$OUT"/site/data/table-*.csv 2>/dev/null | head -1)
check "the table's CSV download has the total row" test -n "$csv"
check "the CSV total is 2250000" grep -q '^total,Total,152,.*,2250000,2250000,$' "${csv:-/dev/null}"

# ---- errors: one clear message at the directive, exit 1, output untouched ----
mkdir -p "$WORK/proj"
cp -r "$ROOT/data" "$ROOT/content" "$ROOT/templates" "$ROOT/assets" "$WORK/proj/"
before=$(cd "$OUT" && find . -type f -exec sha256sum {} + | sort | sha256sum)
line=$(grep -n '^allocation: cib$' "$WORK/proj/content/improvement-support.md" | cut -d: -f1)
sed -i 's/^allocation: cib$/allocation: cbi/' "$WORK/proj/content/improvement-support.md"
"$BIN" build --root "$WORK/proj" --out "$OUT" >/dev/null 2>"$WORK/err1.txt"
rc=$?
check "unknown allocation exits 1" test $rc -eq 1
check "unknown allocation: file:line:column ($(head -1 "$WORK/err1.txt"))" \
  grep -qF "content/improvement-support.md:$line:13: error: unknown allocation 'cbi' (data/allocations.csv defines: cib)" "$WORK/err1.txt"
sed -i 's/^allocation: cbi$/allocation: cib/' "$WORK/proj/content/improvement-support.md"
sed -i 's/^west_midlands,population_0_19,2010,"1,400,000",/west_midlands,population_0_19,2010,not reported,/' "$WORK/proj/data/observations.csv"
check "test setup: the West Midlands population made 'not reported'" grep -q '^west_midlands,population_0_19,2010,not reported,' "$WORK/proj/data/observations.csv"
"$BIN" build --root "$WORK/proj" --out "$OUT" >/dev/null 2>"$WORK/err2.txt"
rc=$?
check "missing input exits 1" test $rc -eq 1
check "missing input names the region and the directive ($(head -1 "$WORK/err2.txt"))" \
  grep -qF "content/improvement-support.md:$line:13: error: allocation 'cib' needs its population (population_0_19) for West Midlands, but population_0_19 for 2010 is 'not reported'" "$WORK/err2.txt"
after=$(cd "$OUT" && find . -type f -exec sha256sum {} + | sort | sha256sum)
check "previous output untouched" test "$before" = "$after"

finish "allocation e2e"
