#!/usr/bin/env bash
# The performance benchmark (not a timed test): prints figures, asserts nothing.
#
#   tests/bench/run.sh BUILD_DIR
#
# (a) the shipped CSW pack, HTML + PDF, cold process, median of several runs (hyperfine);
# (b) the same narrative (content/*.md in sections.csv order) converted by pandoc to HTML
#     alone, in the same hyperfine run, and the ratio (a)/(b);
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
python3 - "$REPO/content" "$WORK/narrative.md" <<'EOF'
import csv, sys, os
content, out = sys.argv[1], sys.argv[2]
with open(os.path.join(content, "sections.csv"), newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
with open(out, "w", encoding="utf-8") as o:
    for r in rows:
        if r.get("packs", "") == "places":
            continue
        with open(os.path.join(content, r["file"]), encoding="utf-8") as f:
            o.write(f.read() + "\n\n")
EOF
echo "(a) vs (b): the CSW pack (HTML site + PDF) against pandoc converting the same narrative"
echo "    ($(wc -c <"$WORK/narrative.md") bytes of Markdown) to one HTML page; $RUNS_AB runs each, 2 warm-up runs"
hyperfine --style basic --warmup 2 --runs "$RUNS_AB" --export-json "$WORK/ab.json" \
  -n "evidencepack (HTML + PDF)" "'$BIN' build --root '$REPO' --out '$WORK/out-a'" \
  -n "pandoc (HTML only)" "pandoc -f gfm -t html5 -s --metadata title=pack '$WORK/narrative.md' -o '$WORK/pandoc.html'" \
  | sed 's/^/    /'
python3 - "$WORK/ab.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
a, b = r[0], r[1]
ua = a["user"] + a["system"]; ub = b["user"] + b["system"]
print(f"(a) evidencepack, HTML + PDF:  median {a['median']*1000:7.1f} ms wall, mean CPU {ua*1000:6.1f} ms")
print(f"(b) pandoc, HTML only:         median {b['median']*1000:7.1f} ms wall, mean CPU {ub*1000:6.1f} ms")
print(f"    ratio (a)/(b): {a['median']/b['median']:.3f} by wall time (target <= 0.100), {ua/ub:.3f} by CPU time")
EOF
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
