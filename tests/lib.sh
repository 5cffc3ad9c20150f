# Helpers shared by the shell test suites. Each tests/<suite>/run.sh sources it near its top:
#
#   source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
#
# It gives the suite a scratch folder, $WORK, removed when the suite exits (a suite with more to
# clean up sets its own EXIT trap, which must remove $WORK too), and counts checks in `passed`
# and `failed`; every failure prints one line, "FAIL: <what>". The suite ends with
# `finish <name>` (or its own last line), whose status is the suite's exit status.
#
# A check's arguments are expanded before it runs, and a $(...) among them resets $?: so
#   cmd; check "label ($(tail -1 log))" test $? -eq 0      # WRONG: tests the $(...)'s status
# always passes. Save the status first:
#   cmd; rc=$?; check "label ($(tail -1 log))" test $rc -eq 0

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
# check WHAT COMMAND [ARG...]: runs the command; counts a pass, or a failure named WHAT.
check() { local what=$1; shift; if "$@"; then ok; else bad "$what"; fi; }
# has FILE TEXT: the file contains TEXT (a fixed string); lacks: it does not. For use with check.
has() { grep -qF -- "$2" "$1"; }
lacks() { ! grep -qF -- "$2" "$1"; }

# The same as checks that name the file: "FAIL: cases.txt lacks: TEXT".
must_have() { check "$(basename "$1") lacks: $2" has "$1" "$2"; }
must_lack() { check "$(basename "$1") should not contain: $2" lacks "$1" "$2"; }

# The suite's last line, "<name>: N passed, M failed"; its status is 1 if any check failed.
finish() {
  echo "$1: $passed passed, $failed failed"
  test "$failed" -eq 0
}

# built_cleanly BIN ROOT OUT: builds the project at ROOT into OUT (logs in OUT.log, OUT.err);
# one check that it exits 0 and one that it prints nothing on stderr (no warning).
built_cleanly() {
  "$1" build --root "$2" --out "$3" >"$3.log" 2>"$3.err"
  local rc=$?
  check "build of $(basename "$2") exits 0 ($(tail -2 "$3.err"))" test $rc -eq 0
  check "build of $(basename "$2") prints nothing on stderr: $(head -2 "$3.err")" test ! -s "$3.err"
}
