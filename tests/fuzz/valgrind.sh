#!/usr/bin/env bash
# Memcheck on the real binary: a whole build of the shipped project, a `check`, and a failing
# build (an error in the content), each with no memory errors and no definite or indirect leaks.
# Takes a few minutes (valgrind is ~30x slower), so it is not part of ctest.
# Usage: tests/fuzz/valgrind.sh path/to/evidencepack path/to/project
# Needs: apt-get install valgrind
set -u
BIN=$(realpath "$1")
ROOT=$(realpath "$2")
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ep-valgrind.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
VG=(valgrind --tool=memcheck --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect
    --errors-for-leak-kinds=definite,indirect --track-origins=yes)
passed=0
failed=0
run() {   # name, expected exit, command...
  local name=$1 want=$2
  shift 2
  "${VG[@]}" --log-file="$WORK/$name.vg" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
  local rc=$?
  local summary
  summary=$(grep -E "ERROR SUMMARY" "$WORK/$name.vg" | tail -1 | sed 's/^==[0-9]*== //')
  local leaks
  leaks=$(grep -E "definitely lost|indirectly lost" "$WORK/$name.vg" | sed 's/^==[0-9]*== *//' | tr '\n' ' ')
  if [ "$rc" = "$want" ]; then
    passed=$((passed + 1))
    echo "ok   $name: exit $rc; $summary ${leaks:+; $leaks}"
  else
    failed=$((failed + 1))
    echo "FAIL $name: exit $rc (expected $want); $summary"
    grep -E "^==[0-9]+== (Invalid|Conditional|Use of|Syscall|Mismatched|  (at|by) )" "$WORK/$name.vg" | head -40
  fi
}
# No memory or time limit (docs/limits.md): memcheck makes a build tens of times slower and larger.
run build-shipped 0 "$BIN" build --root "$ROOT" --out "$WORK/out" --max-memory 0 --max-seconds 0
run check-shipped 0 "$BIN" check --root "$ROOT"
mkdir -p "$WORK/bad"
cp -r "$ROOT/data" "$ROOT/content" "$ROOT/templates" "$ROOT/assets" "$WORK/bad/"
printf '\nSpend was {{ no_such_measure @ coventry }}.\n' >>"$WORK/bad/content/executive-summary.md"
run build-bad-content 1 "$BIN" build --root "$WORK/bad" --out "$WORK/out" --max-memory 0 --max-seconds 0
echo "valgrind: $passed passed, $failed failed"
test "$failed" -eq 0
