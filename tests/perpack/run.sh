#!/usr/bin/env bash
# One pack per place and --watch, run on a copy of the shipped project (so that editing a file
# for the watch test never touches the repository). Asserts on what users see: the folders, the
# PDF text (pdftotext), the terminal's progress line, the summary, exit codes, untouched output.
# Usage: tests/perpack/run.sh path/to/evidencepack path/to/repository
set -u
BIN=$(realpath "$1")
REPO=$(realpath "$2")
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
WATCH_PID=
cleanup() {
  [ -n "$WATCH_PID" ] && kill "$WATCH_PID" 2>/dev/null && wait "$WATCH_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
# pdftotext output with every run of white space made one space, so a sentence that wraps
# across lines is still found.
pdf_text() { pdftotext "$1" - 2>/dev/null | tr -s ' \n' '  '; }
# The sum of every file's checksum under a folder: "did anything change?"
tree_sum() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 md5sum | md5sum); }

P=$WORK/project
mkdir -p "$P"
cp -r "$REPO/data" "$REPO/content" "$REPO/templates" "$REPO/assets" "$P/"

# The authorities of the sub-region, from the data: code and name.
declare -A NAME=([coventry]="Coventry" [solihull]="Solihull" [warwickshire]="Warwickshire")

# ---- --each-place, not on a terminal -------------------------------------------------------
OUT=$WORK/out
"$BIN" build --root "$P" --out "$OUT" --each-place >"$WORK/each.log" 2>"$WORK/each.err"
rc=$?   # saved at once: the $(...) in the check's label would reset $?
check "--each-place exits 0 ($(head -c 400 "$WORK/each.err"))" test $rc -eq 0
check "sub-region pack PDF" test -s "$OUT/evidence-pack.pdf"
check "sub-region pack site" test -s "$OUT/site/index.html"
check "exactly the three authorities get packs ($(ls "$OUT/places" 2>/dev/null | tr '\n' ' '))" \
  test "$(ls "$OUT/places" | tr '\n' ' ')" = "coventry solihull warwickshire "
main_text=$(pdf_text "$OUT/evidence-pack.pdf")
check "sub-region pack says it is for the sub-region" \
  grep -qF "This edition of the pack is for Coventry, Solihull and Warwickshire." <<<"$main_text"
check "sub-region pack leaves out the per-place section" bash -c '! grep -qE "How (Coventry|Solihull|Warwickshire) compares" <<<"$1"' _ "$main_text"
for code in coventry solihull warwickshire; do
  name=${NAME[$code]}
  dir=$OUT/places/$code
  check "$code: PDF" test -s "$dir/evidence-pack.pdf"
  check "$code: site index" test -s "$dir/site/index.html"
  check "$code: site section page" test -s "$dir/site/this-place.html"
  check "$code: PDF in its site" cmp -s "$dir/evidence-pack.pdf" "$dir/site/evidence-pack.pdf"
  text=$(pdf_text "$dir/evidence-pack.pdf")
  check "$code: PDF says 'This edition of the pack is for $name.'" grep -qF "This edition of the pack is for $name." <<<"$text"
  check "$code: PDF has 'How $name compares'" grep -qF "How $name compares" <<<"$text"
  check "$code: the table puts $name first" grep -qF "National Indicators, $name first" <<<"$text"
  for other in coventry solihull warwickshire; do
    [ "$other" = "$code" ] && continue
    check "$code: PDF is not for ${NAME[$other]}" bash -c '! grep -qF "This edition of the pack is for $1." <<<"$2"' _ "${NAME[$other]}" "$text"
  done
  check "$code: site's area is $name" grep -qF "<dd>$name</dd>" "$dir/site/index.html"
  # The figures as printed (not the typed data), the same for every pack: the sub-region's copy.
  check "$code: data download present, the main site's" cmp -s "$dir/site/data/observations.csv" "$OUT/site/data/observations.csv"
  check "$code: data download carries the printed figures" grep -qF 'coventry,bullying_perpetrators_estimate,2008/09,5320,count,computed,"5,302"' "$dir/site/data/observations.csv"
done
# NI 75 (five good GCSEs): Solihull 54.6% is best of the three, Coventry 41.8% third.
check "Solihull ranks 1 on NI 75" grep -qF "is 54.6%, ranked 1 of the three councils" <<<"$(pdf_text "$OUT/places/solihull/evidence-pack.pdf")"
check "Coventry ranks 3 on NI 75" grep -qF "is 41.8%, ranked 3 of the three councils" <<<"$(pdf_text "$OUT/places/coventry/evidence-pack.pdf")"
# wording chosen by {{ if best ... }}: the best council is not "0 percentage points behind the best"
solihull_text=$(pdf_text "$OUT/places/solihull/evidence-pack.pdf")
coventry_text=$(pdf_text "$OUT/places/coventry/evidence-pack.pdf")
check "Solihull, the best on NI 75, is told so" grep -qF "ranked 1 of the three councils. Solihull has the best figure of the three." <<<"$solihull_text"
check "Solihull is never 0 points behind" test "$(grep -c "0 percentage points behind" <<<"$solihull_text")" -eq 0
check "Coventry is told its gap to the best" grep -qF "The best is Solihull at 54.6%; Coventry is 12.8 percentage points behind the best." <<<"$coventry_text"
check "Coventry, the highest spender, is told so" grep -qF "Coventry spends £1,064 a head on children’s services. That is the highest spend in the sub-region;" <<<"$coventry_text"
check "Solihull is told who spends most" grep -qF "The highest spend in the sub-region is £1,064, in Coventry;" <<<"$solihull_text"
check "summary names the places" grep -qE '^Built 3 place packs \(Coventry … Warwickshire\): [0-9]+ PDF pages and [0-9]+ web pages, 0 warnings, in [0-9.]+ s \([0-9.]+ s a pack\) -> .*/places/<place>/$' "$WORK/each.log"
# Every document counts: the pack, the other documents in content/<doc>/ and the 3 place packs.
docs=$(( 1 + $(ls "$P"/content/*/document.csv 2>/dev/null | wc -l) + 3 ))
check "closing line counts every document" grep -qE "^Done: $docs documents \(3 place packs\) in [0-9.]+ s\.\$" "$WORK/each.log"
check "no progress line when stdout is not a terminal" bash -c "! grep -q 'Building place packs' '$WORK/each.log'"
check "nothing on stderr" test ! -s "$WORK/each.err"

# ---- progress line on a terminal (util-linux script gives the command a pty) ----------------
script -qfec "'$BIN' build --root '$P' --out '$WORK/tty-out' --each-place --jobs 1" /dev/null >"$WORK/tty.log" 2>&1
check "on a terminal: exits 0" test -s "$WORK/tty-out/places/warwickshire/evidence-pack.pdf"
for n in 1 2 3; do
  check "on a terminal: 'Building place packs: $n of 3'" grep -qF "Building place packs: $n of 3 (" "$WORK/tty.log"
done
check "on a terminal: the progress line is rewritten in place (\\r)" grep -q $'\r''Building place packs: 2 of 3' "$WORK/tty.log"
check "on a terminal: the summary follows" grep -qF "Done: $docs documents (3 place packs) in" "$WORK/tty.log"

# ---- --places ---------------------------------------------------------------------------------
"$BIN" build --root "$P" --out "$WORK/one" --each-place --places solihull >"$WORK/one.log" 2>&1
check "--places solihull exits 0" test $? -eq 0
check "--places solihull: only Solihull's pack" test "$(ls "$WORK/one/places" | tr '\n' ' ')" = "solihull "
check "--places: summary for one pack" grep -qF "Built 1 place pack (Solihull)" "$WORK/one.log"
before=$(tree_sum "$OUT")
"$BIN" build --root "$P" --out "$OUT" --each-place --places solihull,nowhere >"$WORK/bad.log" 2>&1
check "--places with an unknown code exits 2" test $? -eq 2
check "--places names the unknown code" has "$WORK/bad.log" "unknown place 'nowhere'"
# document.csv asks for per-place packs (each_place,yes): --places and --jobs need no --each-place
"$BIN" build --root "$P" --out "$WORK/asked" --places solihull --jobs 1 >"$WORK/asked.log" 2>&1
check "--places and --jobs alone, per-place packs asked for in document.csv: exits 0" test $? -eq 0
check "--places alone: only Solihull's pack" test "$(ls "$WORK/asked/places" | tr '\n' ' ')" = "solihull "
cp "$P/content/document.csv" "$WORK/document.csv.good"
sed -i '/^each_place,/d' "$P/content/document.csv"
"$BIN" build --root "$P" --out "$OUT" --places solihull >"$WORK/bad2.log" 2>&1
check "--places without --each-place (nor each_place in document.csv) exits 2" test $? -eq 2
check "--places without --each-place says what it needs" has "$WORK/bad2.log" "--places needs --each-place (or each_place,yes in content/document.csv)"
"$BIN" build --root "$P" --out "$OUT" --jobs 2 >"$WORK/bad3.log" 2>&1
check "--jobs without --each-place (nor each_place in document.csv) exits 2" test $? -eq 2
cp "$WORK/document.csv.good" "$P/content/document.csv"
check "output untouched after usage errors" test "$(tree_sum "$OUT")" = "$before"

# ---- an error in one place's pack: nothing written, the place named --------------------------
cp "$P/content/this-place.md" "$WORK/this-place.md.good"
printf '\nIts rate is {{ no_such_measure @ here }}.\n' >>"$P/content/this-place.md"
line=$(wc -l <"$P/content/this-place.md")
"$BIN" build --root "$P" --out "$OUT" --each-place >"$WORK/err.log" 2>"$WORK/err.err"
check "an error in a place's pack exits 1" test $? -eq 1
check "the error names file, line, column and every pack it is in" \
  grep -qE "^content/this-place.md:$line:[0-9]+: error: .*no_such_measure.*\(in the packs for Coventry, Solihull and Warwickshire\)$" "$WORK/err.err"
for jobs in 1 3; do
  "$BIN" build --root "$P" --out "$OUT" --each-place --jobs $jobs >/dev/null 2>"$WORK/err-$jobs.err"
  check "--jobs $jobs: the same errors, naming the same packs" cmp -s "$WORK/err.err" "$WORK/err-$jobs.err"
done
check "the error says nothing was written" has "$WORK/err.err" "nothing was written and the previous output is unchanged"
check "output untouched after the error" test "$(tree_sum "$OUT")" = "$before"
# check finds the same error: it checks the per-place packs' own sections too
"$BIN" check --root "$P" >"$WORK/check.log" 2>"$WORK/check.err"
check "check finds an error in a per-place-only section: exits 1" test $? -eq 1
check "check names the error's place as the build does" \
  grep -qE "^content/this-place.md:$line:[0-9]+: error: .*no_such_measure.*\(in the packs for Coventry, Solihull and Warwickshire\)$" "$WORK/check.err"
check "check does not speak of building" lacks "$WORK/check.err" "nothing was built"
check "check counts the errors" has "$WORK/check.err" "1 error; the project would not build."
check "no temporary folder left behind" bash -c "! ls -d '$WORK'/out.tmp-* 2>/dev/null"
cp "$WORK/this-place.md.good" "$P/content/this-place.md"

# ---- 'here' is reserved as a place code -------------------------------------------------------
cp -r "$P" "$WORK/reserved"
printf 'here,Here,authority,csw,\n' >>"$WORK/reserved/data/places.csv"
"$BIN" build --root "$WORK/reserved" --out "$WORK/reserved-out" >"$WORK/reserved.log" 2>&1
check "a place coded 'here' is an error" test $? -eq 1
check "the error says 'here' is reserved" grep -qE "^data/places.csv:[0-9]+:[0-9]+: error: the place code 'here' is reserved" "$WORK/reserved.log"

# ---- --watch: one rebuild per change; a failed rebuild keeps the last good output -------------
WOUT=$WORK/watch-out
"$BIN" build --root "$P" --out "$WOUT" --watch >"$WORK/watch.log" 2>"$WORK/watch.err" &
WATCH_PID=$!
wait_for() {   # wait_for FILE TEXT [COUNT]: until FILE holds TEXT (COUNT times), at most 60 s
  local count=${3:-1}
  for _ in $(seq 600); do
    [ "$(grep -cF -- "$2" "$1" 2>/dev/null)" -ge "$count" ] && return 0
    kill -0 "$WATCH_PID" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}
check "--watch builds first" wait_for "$WORK/watch.log" "Watching data/, content/, templates/ and assets/"
check "--watch: first build wrote the PDF" test -s "$WOUT/evidence-pack.pdf"
sleep 0.5
touch "$P/content/conclusion.md"
check "--watch: rebuilt after a touch" wait_for "$WORK/watch.log" "rebuilt in"
sleep 1.5   # several polling intervals: no second rebuild without a second change
check "--watch: exactly one rebuild for one touch ($(grep -c 'rebuilt in' "$WORK/watch.log"))" \
  test "$(grep -c 'rebuilt in' "$WORK/watch.log")" -eq 1
check "--watch: the rebuild line names the file and the time" \
  grep -qE '^rebuilt in [0-9.]+ s after a change to content/conclusion.md$' "$WORK/watch.log"
printf '\nA sentence added while watching.\n' >>"$P/content/conclusion.md"
check "--watch: rebuilt after an edit" wait_for "$WORK/watch.log" "rebuilt in" 2
check "--watch: the edit is in the new PDF" grep -qF "A sentence added while watching." <<<"$(pdf_text "$WOUT/evidence-pack.pdf")"
good=$(tree_sum "$WOUT")
printf '\nBroken {{ no_such_measure @ csw }}.\n' >>"$P/content/conclusion.md"
check "--watch: a failed rebuild is reported" wait_for "$WORK/watch.err" "rebuild failed after a change to content/conclusion.md"
check "--watch: the failure shows the error's location" grep -qE '^content/conclusion.md:[0-9]+:[0-9]+: error: ' "$WORK/watch.err"
check "--watch: the last good output is kept" test "$(tree_sum "$WOUT")" = "$good"
check "--watch: still running after a failure" kill -0 "$WATCH_PID"
kill -INT "$WATCH_PID"
wait "$WATCH_PID"
status=$?
WATCH_PID=
check "--watch: Ctrl-C stops it (exit status $status, the last build's)" test "$status" -eq 1
check "--watch: no temporary folder left behind" bash -c "! ls -d '$WORK'/watch-out.tmp-* '$WORK'/watch-out.old-* 2>/dev/null"

finish "per-place packs"
