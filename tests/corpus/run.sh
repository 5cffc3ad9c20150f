#!/usr/bin/env bash
# The bad-input corpus: each case under tests/corpus/cases/<name>/ is a small change to the tiny
# valid project in tests/corpus/base/ (templates/ and assets/ come from the shipped project).
# For each case this builds into an output folder that already holds a good build, and checks
# the exit code, the exact first line on stderr, that a failed build left the previous output
# byte-for-byte as it was, and that no temporary folders remain. Then it checks determinism.
#
# A case folder holds:
#   files/     files copied over the base project (same layout: data/, content/, templates/ ...)
#   remove     optional: paths (one a line) deleted from the project after copying
#   setup.sh   optional: run with bash inside the project folder (for bytes and big files that
#              are better made than committed), after the previous output was copied to ../out
#   after.sh   optional: run in the project folder after the checks (to undo what setup.sh did
#              that rm -rf cannot, such as chattr +i)
#   expected   what must happen, one check a line:
#                exit N                  exit status
#                first-line TEXT         the exact first line on stderr
#                stderr-has TEXT         some line on stderr contains TEXT
#                stderr-empty            nothing on stderr
#                site-has FILE TEXT      out/site/FILE contains TEXT (a successful build)
#                site-lacks FILE TEXT    out/site/FILE does not contain TEXT
#                pdf-has TEXT            pdftotext of the PDF contains TEXT
#                out-has PATH TEXT       out/PATH (e.g. another document's page) contains TEXT
#                pdf-of-has PATH TEXT    pdftotext of out/PATH contains TEXT
#                max-rss-mb N            peak resident memory of the build at most N MB
#                max-seconds N           wall time of the build at most N seconds (for inputs that
#                                        once made it run away; generous, as the machine is shared)
#                pdf-lacks TEXT          pdftotext of the PDF does not contain TEXT
#                errors N                stderr has exactly N lines with ": error: "
#                stderr-count N TEXT     exactly N lines on stderr contain TEXT
#              and, for what a build may do to the folders around it:
#                out-arg PATH            build with --out PATH, run from the project folder (default:
#                                        --out ../out, which holds the previous output)
#                root-arg VALUE          build with --root VALUE instead of the project (<empty> for
#                                        '', <long:N> for N letters)
#                args ARG ...            more arguments for the build (--each-place, --watch)
#                exists PATH             PATH (from the case folder: project/..., out/...) exists
#                absent PATH             it does not
#                symlink PATH            it is a symbolic link
#                file-has PATH TEXT      the file PATH contains TEXT
#                leftover                a temporary folder beside the output is left (and said so)
#              After a failed build nothing in the case folder (project, previous output, the user's
#              folders) has changed; after a successful one the output folder is complete.
#
# Usage: tests/corpus/run.sh path/to/evidencepack path/to/source-root [case-name ...]
set -u
BIN=$(realpath "$1")
SRC=$(realpath "$2")
shift 2
HERE="$SRC/tests/corpus"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ep-corpus.XXXXXX")
# EP_CORPUS_KEEP=1 keeps the work folder (projects, outputs, logs) for a look.
if [ -n "${EP_CORPUS_KEEP:-}" ]; then echo "work folder: $WORK"; else trap 'rm -rf "$WORK"' EXIT; fi
passed=0
failed=0
fail() { failed=$((failed + 1)); echo "FAIL [$1]: $2"; }

# A fresh copy of the base project in $1.
make_project() {
  mkdir -p "$1"
  cp -r "$HERE/base/data" "$HERE/base/content" "$1/"
  cp -r "$SRC/templates" "$SRC/assets" "$1/"
}

# A digest of every file's path and bytes under $1 (and of the folder list and links).
tree_digest() {
  (cd "$1" && { find . -type d | LC_ALL=C sort; find . -type l -printf '%p -> %l\n' | LC_ALL=C sort
    find . -type f -exec sha256sum {} + | LC_ALL=C sort -k2; } | sha256sum)
}

# ---- a good build, the "previous output" every case starts from ----
make_project "$WORK/good-project"
if ! "$BIN" build --root "$WORK/good-project" --out "$WORK/good" >"$WORK/good.log" 2>&1; then
  echo "FAIL: the base project does not build:"
  cat "$WORK/good.log"
  echo "corpus: 0 passed, 1 failed"
  exit 1
fi

run_case() {
  local name=$1 dir="$HERE/cases/$1"
  local c="$WORK/case-$name" logs="$WORK/logs-$name"
  local proj="$c/project" out="$c/out"
  mkdir -p "$c" "$logs"
  make_project "$proj"
  [ -d "$dir/files" ] && cp -r "$dir/files/." "$proj/"
  if [ -f "$dir/remove" ]; then
    while IFS= read -r path; do [ -n "$path" ] && rm -rf "${proj:?}/$path"; done <"$dir/remove"
  fi
  cp -a "$WORK/good" "$out"
  if [ -f "$dir/setup.sh" ]; then
    if ! (cd "$proj" && bash "$dir/setup.sh") >"$logs/setup.log" 2>&1; then
      fail "$name" "setup.sh failed: $(tail -3 "$logs/setup.log")"
      return
    fi
  fi

  # Where the build writes and what it is given, from the expected file.
  local out_arg="../out" root_arg="$proj" line
  local -a more=()
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in
      "out-arg "*) out_arg=${line#out-arg } ;;
      "root-arg "*) root_arg=${line#root-arg }
        [ "$root_arg" = "<empty>" ] && root_arg=""
        if [[ $root_arg =~ ^\<long:([0-9]+)\>$ ]]; then root_arg=$(printf 'a%.0s' $(seq "${BASH_REMATCH[1]}")); fi ;;
      "args "*) read -r -a more <<<"${line#args }" ;;
    esac
  done <"$dir/expected"
  local target
  target=$(cd "$proj" && realpath -m -- "$out_arg")
  local before
  before=$(tree_digest "$c")

  (cd "$proj" && timeout 60 /usr/bin/time -v -o "$logs/time.txt" "$BIN" build --root "$root_arg" --out "$out_arg" \
    "${more[@]}" >"$logs/stdout" 2>"$logs/stderr")
  local status=$?
  local rss_kb
  rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$logs/time.txt")
  local wall_s   # "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:01.23" in whole seconds, rounded up
  wall_s=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]
    print int(s) + (s > int(s))}' "$logs/time.txt")
  local first
  first=$(head -n 1 "$logs/stderr")
  local ok=1 expected_exit="" leftover_expected=0

  while IFS= read -r line || [ -n "$line" ]; do
    [ -z "$line" ] && continue
    case "$line" in
      "#"*) ;;
      "exit "*)
        expected_exit=${line#exit }
        [ "$status" = "$expected_exit" ] || { fail "$name" "exit $status, expected $expected_exit (stderr: $first)"; ok=0; } ;;
      "first-line "*)
        local want=${line#first-line }
        [ "$first" = "$want" ] || { fail "$name" "first stderr line was"$'\n'"    $first"$'\n'"  expected"$'\n'"    $want"; ok=0; } ;;
      "stderr-has "*)
        grep -qF -- "${line#stderr-has }" "$logs/stderr" || { fail "$name" "stderr lacks '${line#stderr-has }'"; ok=0; } ;;
      "stderr-empty")
        [ ! -s "$logs/stderr" ] || { fail "$name" "stderr not empty: $first"; ok=0; } ;;
      "site-has "* | "site-lacks "*)
        local rest=${line#site-* } file text
        file=${rest%% *}
        text=${rest#* }
        if [[ $line == site-has* ]]; then
          grep -qF -- "$text" "$out/site/$file" 2>/dev/null || { fail "$name" "site/$file lacks '$text'"; ok=0; }
        else
          ! grep -qF -- "$text" "$out/site/$file" 2>/dev/null || { fail "$name" "site/$file has '$text'"; ok=0; }
        fi ;;
      "out-has "*)   # out-has PATH TEXT: out/PATH (any document's file) contains TEXT
        local rest=${line#out-has } file text
        file=${rest%% *}
        text=${rest#* }
        grep -qF -- "$text" "$out/$file" 2>/dev/null || { fail "$name" "$file lacks '$text'"; ok=0; } ;;
      "pdf-of-has "*)   # pdf-of-has PATH TEXT: pdftotext of out/PATH contains TEXT
        local rest=${line#pdf-of-has } file text
        file=${rest%% *}
        text=${rest#* }
        pdftotext "$out/$file" "$logs/pdf-of.txt" 2>/dev/null
        grep -qF -- "$text" "$logs/pdf-of.txt" || { fail "$name" "$file (pdftotext) lacks '$text'"; ok=0; } ;;
      "pdf-has "*)
        pdftotext "$out/evidence-pack.pdf" "$logs/pdf.txt" 2>/dev/null
        grep -qF -- "${line#pdf-has }" "$logs/pdf.txt" || { fail "$name" "PDF lacks '${line#pdf-has }'"; ok=0; } ;;
      "pdf-lacks "*)
        pdftotext "$out/evidence-pack.pdf" "$logs/pdf.txt" 2>/dev/null
        ! grep -qF -- "${line#pdf-lacks }" "$logs/pdf.txt" || { fail "$name" "PDF has '${line#pdf-lacks }'"; ok=0; } ;;
      "errors "*)
        local want_n=${line#errors } n
        n=$(grep -c ': error: ' "$logs/stderr")
        [ "$n" = "$want_n" ] || { fail "$name" "$n error lines on stderr, expected $want_n"; ok=0; } ;;
      "stderr-count "*)
        local rest=${line#stderr-count } want_n text n
        want_n=${rest%% *}
        text=${rest#* }
        n=$(grep -cF -- "$text" "$logs/stderr")
        [ "$n" = "$want_n" ] || { fail "$name" "$n stderr lines contain '$text', expected $want_n"; ok=0; } ;;
      "out-arg "* | "root-arg "* | "args "*) ;;
      "exists "*)
        [ -e "$c/${line#exists }" ] || [ -L "$c/${line#exists }" ] || { fail "$name" "${line#exists } does not exist"; ok=0; } ;;
      "absent "*)
        [ ! -e "$c/${line#absent }" ] && [ ! -L "$c/${line#absent }" ] || { fail "$name" "${line#absent } exists"; ok=0; } ;;
      "symlink "*)
        [ -L "$c/${line#symlink }" ] || { fail "$name" "${line#symlink } is not a symbolic link"; ok=0; } ;;
      "file-has "*)
        local rest=${line#file-has } file text
        file=${rest%% *}
        text=${rest#* }
        grep -qF -- "$text" "$c/$file" 2>/dev/null || { fail "$name" "$file lacks '$text'"; ok=0; } ;;
      "leftover") leftover_expected=1 ;;
      "max-seconds "*)
        local seconds=${line#max-seconds }
        [ "${wall_s:-999}" -le "$seconds" ] || { fail "$name" "the build took ${wall_s} s, over $seconds s"; ok=0; } ;;
      "max-rss-mb "*)
        local limit=${line#max-rss-mb }
        [ "${rss_kb:-0}" -le $((limit * 1024)) ] || { fail "$name" "peak RSS ${rss_kb} kB is over $limit MB"; ok=0; } ;;
      *) fail "$name" "bad line in expected: $line"; ok=0 ;;
    esac
  done <"$dir/expected"
  [ -n "$expected_exit" ] || { fail "$name" "expected has no 'exit' line"; ok=0; }

  # A failed build leaves everything exactly as it was (the previous output, the project, any
  # folder around them); a successful one leaves a complete output.
  if [ "$status" -ne 0 ]; then
    [ "$(tree_digest "$c")" = "$before" ] || { fail "$name" "the failed build changed files: $(cd "$c" && ls -A . out 2>&1 | tr '\n' ' ')"; ok=0; }
  else
    [ -s "$target/evidence-pack.pdf" ] && [ -s "$target/site/index.html" ] && [ -f "$target/.evidencepack-output" ] ||
      { fail "$name" "no complete output in $out_arg"; ok=0; }
  fi
  local left
  left=$(ls -d "$target".tmp-[0-9]* "$target".old-[0-9]* "$target"/.evidencepack-tmp-* 2>/dev/null)
  if [ "$leftover_expected" = 1 ]; then
    [ -n "$left" ] || { fail "$name" "no temporary folder left, but one was expected"; ok=0; }
  else
    [ -z "$left" ] || { fail "$name" "temporary folders left: $left"; ok=0; }
  fi
  [ -f "$dir/after.sh" ] && (cd "$proj" && bash "$dir/after.sh") >>"$logs/setup.log" 2>&1
  [ "$ok" = 1 ] && passed=$((passed + 1))
  echo "  $name: exit $status, peak RSS $((${rss_kb:-0} / 1024)) MB${first:+, stderr: $first}"
  [ -n "${EP_CORPUS_KEEP:-}" ] || rm -rf "$c" "$logs"
}

if [ $# -gt 0 ]; then cases=("$@"); else
  cases=()
  for d in "$HERE"/cases/*/; do cases+=("$(basename "$d")"); done
fi
for name in "${cases[@]}"; do run_case "$name"; done

# ---- determinism: the same inputs give the same bytes ----
# Two projects at different paths, built into different folders at different times, with
# different time zones and locales, give byte-identical output (HTML, CSV downloads, PDF).
# SOURCE_DATE_EPOCH, when set, only sets the PDF's dates; unset, they come from the document's
# own date (noon UTC), so setting it to that value changes nothing.
det() {
  local what=$1
  shift
  if "$@"; then passed=$((passed + 1)); else fail "determinism" "$what"; fi
}
if [ $# -eq 0 ]; then
  make_project "$WORK/det-a/project"
  make_project "$WORK/det-b/somewhere/else"
  (unset SOURCE_DATE_EPOCH; TZ=UTC LC_ALL=C "$BIN" build --root "$WORK/det-a/project" --out "$WORK/det-a/out") >/dev/null 2>&1
  sleep 1.1
  (unset SOURCE_DATE_EPOCH; TZ=Pacific/Auckland LC_ALL=C.UTF-8 "$BIN" build --root "$WORK/det-b/somewhere/else" \
    --out "$WORK/det-b/o2") >/dev/null 2>&1
  det "two builds (other paths, time zones, times) differ: $(diff -rq "$WORK/det-a/out" "$WORK/det-b/o2" 2>&1 | head -3)" \
    diff -r -q "$WORK/det-a/out" "$WORK/det-b/o2"
  # content/document.csv's date is 2010-02-19: noon UTC that day is 1266580800.
  SOURCE_DATE_EPOCH=1266580800 "$BIN" build --root "$WORK/det-a/project" --out "$WORK/det-c" >/dev/null 2>&1
  det "SOURCE_DATE_EPOCH set to the document date changes the output" diff -r -q "$WORK/det-a/out" "$WORK/det-c"
  SOURCE_DATE_EPOCH=1300000000 "$BIN" build --root "$WORK/det-a/project" --out "$WORK/det-d" >/dev/null 2>&1
  SOURCE_DATE_EPOCH=1300000000 "$BIN" build --root "$WORK/det-b/somewhere/else" --out "$WORK/det-e" >/dev/null 2>&1
  det "two builds with the same SOURCE_DATE_EPOCH differ" diff -r -q "$WORK/det-d" "$WORK/det-e"
  pdf=$WORK/det-a/out/evidence-pack.pdf
  det "PDF dates are not the document's date (D:20100219120000)" \
    bash -c "grep -aq \"/CreationDate *(D:20100219120000\" '$pdf'"
  det "PDF dates do not follow SOURCE_DATE_EPOCH=1300000000 (D:20110313070640)" \
    bash -c "grep -aq \"/CreationDate *(D:20110313070640\" '$WORK/det-d/evidence-pack.pdf'"
  # A PDF /ID, if any, must be derived from the content: the same in both builds above (checked
  # by diff) and absent from nothing else; libharu only writes one when encrypting.
  det "PDF has an /ID (libharu makes it random)" bash -c "! grep -aq '/ID *\[' '$pdf'"
  det "output names the build folder" bash -c "! grep -rqaF '$WORK' '$WORK/det-a/out'"
fi

echo "corpus: $passed passed, $failed failed"
test "$failed" -eq 0
