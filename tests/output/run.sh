#!/usr/bin/env bash
# The output folder, on throwaway copies of the shipped project (never the source tree): every
# --out that would replace what is not a build's output is refused (exit 2) with nothing
# deleted anywhere; builds swap their output so that a reader never finds it missing; a mount
# point and a symlinked web root are written into, keeping a publisher's files; a build killed
# half-way leaves nothing the next build does not remove.
# Usage: tests/output/run.sh path/to/evidencepack path/to/source-root
set -u
BIN=$(realpath "$1")
SRC=$(realpath "$2")
source "$SRC/tests/lib.sh"

# The folder tree above and around the project: the project, a user's folder, a user's file.
top="$WORK/top"
proj="$top/home/proj"
mkdir -p "$proj" "$top/home/mine/photos"
cp -r "$SRC/data" "$SRC/content" "$SRC/templates" "$SRC/assets" "$proj/"
echo "holiday" >"$top/home/mine/photos/beach.txt"
echo "letter" >"$top/home/mine/letter.txt"
echo "report" >"$top/home/report.txt"

digest() {
  (cd "$1" && { find . | LC_ALL=C sort; find . -type f -exec sha256sum {} + | LC_ALL=C sort -k2; } | sha256sum)
}
before=$(digest "$top")

# ---- --out where a build would have deleted the project or the user's files -------------
for out in . .. ../.. data content templates/x assets ../mine ../mine/photos ../report.txt "$proj"; do
  (cd "$proj" && "$BIN" build --out "$out" >"$WORK/o.txt" 2>"$WORK/e.txt")
  rc=$?
  check "--out $out: exit $rc, expected 2 ($(head -1 "$WORK/e.txt"))" test "$rc" -eq 2
  check "--out $out: the message names the path" grep -qF -- "--out '$out'" "$WORK/e.txt"
  check "--out $out changed files under $top" test "$(digest "$top")" = "$before"
done
# check, too, never writes: and the watcher refuses an output it would watch.
(cd "$proj" && timeout 20 "$BIN" build --watch --out content/out >"$WORK/o.txt" 2>"$WORK/e.txt")
rc=$?
check "--watch --out content/out: exit $rc, expected 2" test "$rc" -eq 2
check "--watch --out content/out changed files" test "$(digest "$top")" = "$before"

# ---- the default out/: built, rebuilt, a reader never finds it missing -------------------
(cd "$proj" && "$BIN" build >"$WORK/b1.txt" 2>&1)
rc=$?
check "first build (exit $rc): $(tail -1 "$WORK/b1.txt")" test "$rc" -eq 0
check "out/ has the marker" test -f "$proj/out/.evidencepack-output"
check "the marker lists site/index.html" grep -qx "site/index.html" "$proj/out/.evidencepack-output"
echo "pack.example.org" >"$proj/out/CNAME"
mkdir -p "$proj/out/.git" && echo "ref: refs/heads/main" >"$proj/out/.git/HEAD"
# A reader polling for the pack's files while builds replace them, as a web server would.
python3 - "$proj/out" "$WORK/stop" >"$WORK/reader.txt" <<'PY' &
import os, sys
out, stop = sys.argv[1], sys.argv[2]
looks = missing = 0
while not os.path.exists(stop):
    for f in ("site/index.html", "evidence-pack.pdf", "CNAME", ".git/HEAD"):
        looks += 1
        if not os.path.exists(os.path.join(out, f)):
            missing += 1
print(looks, missing)
PY
reader=$!
for i in 1 2 3 4 5 6; do (cd "$proj" && "$BIN" build >/dev/null 2>"$WORK/b2.txt") || bad "rebuild $i failed: $(head -1 "$WORK/b2.txt")"; done
touch "$WORK/stop"
wait "$reader"
read -r looks missing <"$WORK/reader.txt"
check "the reader looked ($looks times)" test "${looks:-0}" -gt 100
check "the reader found a file missing $missing times of $looks during rebuilds" test "${missing:-1}" -eq 0
check "CNAME kept" grep -qx "pack.example.org" "$proj/out/CNAME"
check ".git kept" test -f "$proj/out/.git/HEAD"
check "no temporary folder left: $(ls -d "$proj"/out.* 2>/dev/null)" test -z "$(ls -d "$proj"/out.* 2>/dev/null)"

# ---- a build killed half-way: the next one removes what it left --------------------------
(cd "$proj" && exec "$BIN" build --each-place --jobs 1 >/dev/null 2>&1) &
victim=$!
for _ in $(seq 100); do [ -n "$(ls -d "$proj"/out.tmp-* 2>/dev/null)" ] && break; sleep 0.01; done
kill -9 "$victim" 2>/dev/null
wait "$victim" 2>/dev/null
check "the killed build left its staging folder (or finished first)" test -d "$proj/out/site"
(cd "$proj" && "$BIN" build >/dev/null 2>&1)
check "the next build removed the leftovers: $(ls -d "$proj"/out.* 2>/dev/null)" test -z "$(ls -d "$proj"/out.* 2>/dev/null)"
check "the output is complete after it" test -s "$proj/out/site/index.html"

# ---- out/ a link to a web root, and a mount point: written into, never replaced ----------
rm -rf "$proj/out"
mkdir "$top/www"
ln -s ../../www "$proj/out"
(cd "$proj" && "$BIN" build >/dev/null 2>&1) && (cd "$proj" && "$BIN" build >/dev/null 2>&1)
check "out/ is still a link" test -L "$proj/out"
check "the web root holds the pack" test -s "$top/www/site/index.html"
check "nothing left beside the web root: $(ls -d "$top"/www.* 2>/dev/null)" test -z "$(ls -d "$top"/www.* 2>/dev/null)"
if unshare -m true 2>/dev/null; then
  mkdir "$top/mnt"
  unshare -m bash -c '
    mount -t tmpfs none "$1" || exit 3
    cd "$3" && "$2" build --out "$1" >/dev/null 2>&1 || exit 4
    echo "pack.example.org" >"$1/CNAME"
    rm "$3/content/conclusion.md" && sed -i "/^conclusion.md,/d" "$3/content/sections.csv"
    "$2" build --out "$1" >/dev/null 2>"$1.err" || exit 5
    test -s "$1/site/index.html" || exit 6
    test -f "$1/CNAME" || exit 7
    test ! -e "$1/site/conclusion.html" || exit 8
    test -z "$(ls -A "$1" | grep evidencepack-tmp)" || exit 9
    mountpoint -q "$1" || exit 10
  ' _ "$top/mnt" "$BIN" "$proj"
  rc=$?
  check "mount point as --out (exit $rc: 3 mount, 4/5 build, 6 incomplete, 7 CNAME lost, 8 stale page, 9 leftovers, 10 unmounted)" \
    test "$rc" -eq 0
else
  echo "SKIP: mount point (unshare -m is not allowed here)"
fi

finish output
