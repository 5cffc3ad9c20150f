#!/usr/bin/env bash
# The performance benchmark (not a timed test): prints figures, asserts nothing.
#
#   tests/bench/run.sh BUILD_DIR
#
# (a) the CSW evidence pack alone (the project less its other documents and place packs),
#     HTML + PDF, cold process, median of several runs (hyperfine);
# (b) the same narrative (content/*.md in sections.csv order) converted by pandoc to HTML
#     alone, in the same hyperfine run, and the ratio (a)/(b), then (a) and (b) alternated run
#     by run with the median of each pair's ratio (robust to the machine's speed drifting);
#     (a')/(b') the same (hyperfine) for the whole shipped project (every document and place
#     pack against all of their Markdown);
# (c) a synthetic data set of 150 authorities x 40 measures x 10 years
#     (tests/bench/make_synthetic.py), built as one pack per authority (--each-place) for 25,
#     75 and 150 of its places: total time, time per pack, CPU time and peak RSS
#     (/usr/bin/time -v).
# Needs: hyperfine, pandoc, time (Debian packages of those names), python3.
# Environment: BENCH_RUNS (runs per figure, default 10 for (a)/(b) and 3 for (c)),
# BENCH_PLACES (default "25 75 150"), BENCH_TMP (folder for the project copy and the outputs,
# default /tmp; /dev/shm takes the file system's cost of creating files out of the figures).
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: tests/bench/run.sh BUILD_DIR" >&2
  exit 2
fi
BIN="$(cd "$1" && pwd)/evidencepack"
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
[ -x "$BIN" ] || { echo "no evidencepack binary in $1 (build first)" >&2; exit 2; }
for tool in hyperfine pandoc python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y hyperfine pandoc time python3" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "missing /usr/bin/time: apt-get install -y time" >&2; exit 2; }

RUNS_AB="${BENCH_RUNS:-10}"
RUNS_C="${BENCH_RUNS:-3}"
PLACE_COUNTS="${BENCH_PLACES:-25 75 150}"
WORK="$(mktemp -d "${BENCH_TMP:-/tmp}/ep-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

echo "evidencepack benchmark: $("$BIN" --version), $(nproc) cores, $(uname -m), load average $(cut -d' ' -f1-3 /proc/loadavg),"
echo "outputs on $(df -PT "$WORK" | awk 'NR == 2 {print $2}') ($WORK)"
echo

# ---- (a) and (b) ---------------------------------------------------------------------------
# Like with like. (a) is the evidence pack alone: a copy of the project without the other
# documents (content/<doc>/ folders holding a document.csv) and without the per-place packs
# (an each_place row in content/document.csv), against (b) pandoc converting that pack's
# narrative: content/*.md in sections.csv order, less the sections only place packs have.
# (a') and (b') compare the whole shipped project as it is: every document and every place
# pack against pandoc converting all of their Markdown (the pack's narrative, once more per
# place pack with its place-only sections, then each content/<doc>/ in its sections.csv order).
CSW="$WORK/csw"
mkdir -p "$CSW"
cp -r "$REPO/data" "$REPO/templates" "$REPO/assets" "$REPO/content" "$CSW/"
for doc in "$CSW"/content/*/; do
  if [ -f "$doc/document.csv" ]; then rm -rf "$doc"; fi
done
python3 - "$CSW/content/document.csv" <<'PY'
import csv, sys
path = sys.argv[1]
with open(path, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
with open(path, "w", newline="", encoding="utf-8") as f:
    csv.writer(f, lineterminator="\n").writerows(r for r in rows if not (r and r[0] == "each_place"))
PY
"$BIN" build --root "$REPO" --out "$WORK/out-all" >/dev/null
place_packs=0
if [ -d "$WORK/out-all/places" ]; then place_packs=$(ls "$WORK/out-all/places" | wc -l); fi
python3 - "$REPO/content" "$WORK/narrative.md" "$WORK/narrative-all.md" "$place_packs" <<'PY'
import csv, sys, os
content, out, out_all, place_packs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def narrative(folder, place_sections):
    with open(os.path.join(folder, "sections.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    text = ""
    for r in rows:
        if r.get("packs", "") == "places" and not place_sections:
            continue
        with open(os.path.join(folder, r["file"]), encoding="utf-8") as f:
            text += f.read() + "\n\n"
    return text
pack = narrative(content, False)
with open(out, "w", encoding="utf-8") as o:
    o.write(pack)
with open(out_all, "w", encoding="utf-8") as o:
    o.write(pack)
    for _ in range(place_packs):
        o.write(narrative(content, True))
    for d in sorted(os.listdir(content)):
        folder = os.path.join(content, d)
        if os.path.isfile(os.path.join(folder, "document.csv")):
            o.write(narrative(folder, False))
PY
echo "(a) vs (b): the CSW evidence pack alone (HTML site + PDF) against pandoc converting its narrative"
echo "    ($(wc -c <"$WORK/narrative.md") bytes of Markdown) to one HTML page;"
echo "(a') vs (b'): the whole shipped project (every document, $place_packs place packs) against pandoc"
echo "    converting all of their Markdown ($(wc -c <"$WORK/narrative-all.md") bytes); $RUNS_AB runs each, 2 warm-up runs"
hyperfine --style basic --warmup 2 --runs "$RUNS_AB" --export-json "$WORK/ab.json" \
  -n "(a) evidencepack, the pack (HTML + PDF)" "'$BIN' build --root '$CSW' --out '$WORK/out-a'" \
  -n "(b) pandoc, the pack (HTML only)" "pandoc -f gfm -t html5 -s --metadata title=pack '$WORK/narrative.md' -o '$WORK/pandoc.html'" \
  -n "(a') evidencepack, everything" "'$BIN' build --root '$REPO' --out '$WORK/out-all'" \
  -n "(b') pandoc, everything" "pandoc -f gfm -t html5 -s --metadata title=pack '$WORK/narrative-all.md' -o '$WORK/pandoc-all.html'" \
  | sed 's/^/    /'
# hyperfine runs each command's runs one after another, so a drift in the machine's speed
# (this one is a shared virtual machine) falls on one side; the same pairs again, alternated:
# (a), (b), (a), (b) ..., with the ratio of each pair.
python3 - "$RUNS_AB" "$WORK/interleaved.txt" \
  "'$BIN' build --root '$CSW' --out '$WORK/out-a'" \
  "pandoc -f gfm -t html5 -s --metadata title=pack '$WORK/narrative.md' -o '$WORK/pandoc.html'" <<'PY'
import shlex, statistics, subprocess, sys, time
runs, out, a, b = int(sys.argv[1]), sys.argv[2], shlex.split(sys.argv[3]), shlex.split(sys.argv[4])
def timed(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t
for _ in range(2):
    timed(a), timed(b)
pairs = [(timed(a), timed(b)) for _ in range(max(runs, 10))]
ta, tb = statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)
ratio = statistics.median(p[0] / p[1] for p in pairs)
with open(out, "w") as f:
    f.write(f"(a)/(b) interleaved, {len(pairs)} pairs: (a) median {ta*1000:.1f} ms, (b) median {tb*1000:.1f} ms, "
            f"median of the pairs' ratios {ratio:.3f} (target <= 0.100)\n")
PY
python3 - "$WORK/ab.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
def line(label, x):
    cpu = x["user"] + x["system"]
    print(f"{label:36s} median {x['median']*1000:7.1f} ms wall, mean CPU {cpu*1000:6.1f} ms")
    return x["median"], cpu
for a, b, pa, pb in ((r[0], r[1], "(a)", "(b)"), (r[2], r[3], "(a')", "(b')")):
    wa, ca = line(pa + " evidencepack, HTML + PDF:", a)
    wb, cb = line(pb + " pandoc, HTML only:", b)
    print(f"    ratio {pa}/{pb}: {wa/wb:.3f} by wall time (target <= 0.100), {ca/cb:.3f} by CPU time")
PY
sed 's/^/    /' "$WORK/interleaved.txt"
echo

# ---- (c) ------------------------------------------------------------------------------------
SYN="$WORK/synthetic"
python3 "$REPO/tests/bench/make_synthetic.py" "$SYN" --places 150 --measures 40 --years 10 --repo "$REPO" | sed 's/^/    /'
echo "(c) one pack per authority from that one data set (--each-place); median of $RUNS_C runs each"
/usr/bin/time -v "$BIN" check --root "$SYN" >/dev/null 2>"$WORK/check.time"
check_rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$WORK/check.time")
echo "    loading and checking the data alone ('check'): peak RSS $((check_rss / 1024)) MB"
printf '    %-8s %-10s %-12s %-12s %-12s %-10s\n' places "wall s" "s a pack" "user s" "sys s" "peak MB"
for n in $PLACE_COUNTS; do
  places=$(python3 -c "import sys; print(','.join(f'la_{i+1:03d}' for i in range(int(sys.argv[1]))))" "$n")
  : >"$WORK/c-$n.txt"
  for run in $(seq "$RUNS_C"); do
    rm -rf "$WORK/out-c"
    /usr/bin/time -v "$BIN" build --root "$SYN" --out "$WORK/out-c" --each-place --places "$places" \
      >"$WORK/c.out" 2>"$WORK/c.time" || { cat "$WORK/c.out" "$WORK/c.time" >&2; exit 1; }
    python3 - "$WORK/c.time" >>"$WORK/c-$n.txt" <<'EOF'
import sys
t = {}
for line in open(sys.argv[1]):
    if ":" in line:
        k, v = line.strip().rsplit(": ", 1) if ": " in line else (line, "")
        t[k.strip()] = v.strip()
w = t["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":")
wall = sum(float(x) * 60 ** i for i, x in enumerate(reversed(w)))
print(wall, t["User time (seconds)"], t["System time (seconds)"], t["Maximum resident set size (kbytes)"])
EOF
  done
  count=$(ls "$WORK/out-c/places" | wc -l)
  [ "$count" -eq "$n" ] || { echo "expected $n place packs, found $count" >&2; exit 1; }
  python3 - "$WORK/c-$n.txt" "$n" <<'EOF'
import sys, statistics
rows = [list(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
n = int(sys.argv[2])
med = lambda i: statistics.median(r[i] for r in rows)
packs = n + 1   # the sub-region's pack as well
print(f"    {n:<8d} {med(0):<10.2f} {med(0)/packs:<12.3f} {med(1):<12.2f} {med(2):<12.2f} {max(r[3] for r in rows)/1024:<10.1f}")
EOF
done
echo "    (wall and CPU include reading the 60,400 observations once and the sub-region's own pack;"
echo "     targets: 150 packs <= 5 s on 2 cores, peak RSS <= 64 MB and flat in the number of places)"
