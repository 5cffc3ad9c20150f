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
#              are better made than committed)
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

# A digest of every file's path and bytes under $1 (and of the folder list).
tree_digest() {
  (cd "$1" && { find . -type d | LC_ALL=C sort; find . -type f -exec sha256sum {} + | LC_ALL=C sort -k2; } | sha256sum)
}

# ---- a good build, the "previous output" every case starts from ----
make_project "$WORK/good-project"
if ! "$BIN" build --root "$WORK/good-project" --out "$WORK/good" >"$WORK/good.log" 2>&1; then
  echo "FAIL: the base project does not build:"
  cat "$WORK/good.log"
  echo "corpus: 0 passed, 1 failed"
  exit 1
fi
good_digest=$(tree_digest "$WORK/good")

run_case() {
  local name=$1 dir="$HERE/cases/$1"
  local c="$WORK/case-$name"
  local proj="$c/project" out="$c/out"
  mkdir -p "$c"
  make_project "$proj"
  [ -d "$dir/files" ] && cp -r "$dir/files/." "$proj/"
  if [ -f "$dir/remove" ]; then
    while IFS= read -r path; do [ -n "$path" ] && rm -rf "${proj:?}/$path"; done <"$dir/remove"
  fi
  if [ -f "$dir/setup.sh" ]; then
    if ! (cd "$proj" && bash "$dir/setup.sh") >"$c/setup.log" 2>&1; then
      fail "$name" "setup.sh failed: $(tail -3 "$c/setup.log")"
      return
    fi
  fi
  cp -a "$WORK/good" "$out"

  /usr/bin/time -v -o "$c/time.txt" "$BIN" build --root "$proj" --out "$out" >"$c/stdout" 2>"$c/stderr"
  local status=$?
  local rss_kb
  rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$c/time.txt")
  local first
  first=$(head -n 1 "$c/stderr")
  local ok=1 expected_exit=""

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
        grep -qF -- "${line#stderr-has }" "$c/stderr" || { fail "$name" "stderr lacks '${line#stderr-has }'"; ok=0; } ;;
      "stderr-empty")
        [ ! -s "$c/stderr" ] || { fail "$name" "stderr not empty: $first"; ok=0; } ;;
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
        pdftotext "$out/$file" "$c/pdf-of.txt" 2>/dev/null
        grep -qF -- "$text" "$c/pdf-of.txt" || { fail "$name" "$file (pdftotext) lacks '$text'"; ok=0; } ;;
      "pdf-has "*)
        pdftotext "$out/evidence-pack.pdf" "$c/pdf.txt" 2>/dev/null
        grep -qF -- "${line#pdf-has }" "$c/pdf.txt" || { fail "$name" "PDF lacks '${line#pdf-has }'"; ok=0; } ;;
      "max-rss-mb "*)
        local limit=${line#max-rss-mb }
        [ "${rss_kb:-0}" -le $((limit * 1024)) ] || { fail "$name" "peak RSS ${rss_kb} kB is over $limit MB"; ok=0; } ;;
      *) fail "$name" "bad line in expected: $line"; ok=0 ;;
    esac
  done <"$dir/expected"
  [ -n "$expected_exit" ] || { fail "$name" "expected has no 'exit' line"; ok=0; }

  # A failed build leaves the previous output exactly as it was; a successful one replaces it.
  if [ "$status" -ne 0 ]; then
    [ "$(tree_digest "$out")" = "$good_digest" ] || { fail "$name" "the previous output was changed"; ok=0; }
  else
    [ -s "$out/evidence-pack.pdf" ] && [ -s "$out/site/index.html" ] || { fail "$name" "no complete output"; ok=0; }
  fi
  local left
  left=$(ls -d "$out".tmp-* "$out".old-* 2>/dev/null)
  [ -z "$left" ] || { fail "$name" "temporary folders left: $left"; ok=0; }
  [ "$ok" = 1 ] && passed=$((passed + 1))
  echo "  $name: exit $status, peak RSS $((${rss_kb:-0} / 1024)) MB${first:+, stderr: $first}"
  [ -n "${EP_CORPUS_KEEP:-}" ] || rm -rf "$c"
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
