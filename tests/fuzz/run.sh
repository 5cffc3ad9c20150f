#!/usr/bin/env bash
# Builds the libFuzzer targets with clang, AddressSanitizer and UndefinedBehaviorSanitizer, and
# runs each for a bounded time, seeded from the bad-input corpus (tests/corpus) and the shipped
# content. Prints the executions per target; a crash, leak, timeout or out-of-memory input is
# saved under the build folder and reported, and the script exits 1.
#
# Usage: tests/fuzz/run.sh [seconds per target (default 60)] [target ...]   targets: csv narrative markdown build
# Env:   EP_FUZZ_BUILD (default /tmp/build-fuzz): build folder; its fuzz-corpus/ grows across runs.
#        EP_FUZZ_NICE: run the fuzzers at this nice level (each target is one process, one core).
#        EP_FUZZ_JOBS  (default 1): targets run at once.
# Needs: apt-get install clang libclang-rt-14-dev (Debian 12: clang 14 with libFuzzer).
set -u
SRC=$(cd "$(dirname "$0")/../.." && pwd)
SECONDS_EACH=${1:-60}
shift $(( $# > 0 ? 1 : 0 ))
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(csv narrative markdown build)
BUILD=${EP_FUZZ_BUILD:-/tmp/build-fuzz}
JOBS=${EP_FUZZ_JOBS:-1}

# No alignment check: libharu's memory pool (HPDF_NewEx, hpdf_doc.cpp) hands out objects on
# 4-byte boundaries, so every access to a page or dictionary from our code is "misaligned"
# (harmless on x86-64; libharu itself is not instrumented). Every other UB check stays on.
FLAGS="-g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize=alignment -fno-sanitize-recover=undefined"
cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEP_FUZZ=ON \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_C_FLAGS="$FLAGS" -DCMAKE_CXX_FLAGS="$FLAGS" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >"$BUILD.cmake.log" 2>&1 \
  || { cat "$BUILD.cmake.log"; exit 2; }
cmake --build "$BUILD" -j2 --target $(printf 'fuzz_%s ' "${TARGETS[@]}") >"$BUILD.build.log" 2>&1 \
  || { tail -40 "$BUILD.build.log"; exit 2; }

# ---- seeds ----
SEEDS=$BUILD/fuzz-seeds
rm -rf "$SEEDS" && mkdir -p "$SEEDS"/{csv,narrative,markdown,build}
n=0
while IFS= read -r f; do n=$((n + 1)); cp "$f" "$SEEDS/csv/$n-$(basename "$f")"; done \
  < <(find "$SRC/tests/corpus" "$SRC/data" "$SRC/content" -name '*.csv' -size -64k)
while IFS= read -r f; do n=$((n + 1)); cp "$f" "$SEEDS/narrative/$n-$(basename "$f")"; done \
  < <(find "$SRC/tests/corpus" "$SRC/content" -name '*.md' -size -64k)
# The build target's first byte picks the file (the order of kFiles in fuzz_build.cpp).
files=(data/observations.csv data/places.csv data/measures.csv data/derived.csv data/sources.csv
       data/milestones.csv content/summary.md content/detail.md content/sections.csv content/document.csv
       content/key_figures.csv)
for i in "${!files[@]}"; do
  while IFS= read -r f; do
    n=$((n + 1))
    { printf "\\x$(printf %02x "$i")"; cat "$f"; } >"$SEEDS/build/$n"
  done < <(find "$SRC/tests/corpus" -path "*/${files[$i]}")
done
# The markdown target's input is a program for its generator: the shipped and corpus Markdown
# files are programs too (each byte picks a step), and the regressions.
while IFS= read -r f; do n=$((n + 1)); head -c 4096 "$f" >"$SEEDS/markdown/$n"; done \
  < <(find "$SRC/content" -name '*.md')
for t in csv narrative markdown build; do cp "$SRC/tests/fuzz/regressions/$t/"* "$SEEDS/$t/" 2>/dev/null; done

# ---- run ----
status=0
run_target() {
  local t=$1
  local corpus=$BUILD/fuzz-corpus/$t artifacts=$BUILD/fuzz-artifacts/$t/
  mkdir -p "$corpus" "$artifacts"
  local max_len=1024
  [ "$t" = narrative ] && max_len=2048
  [ "$t" = build ] && max_len=4096
  [ "$t" = markdown ] && max_len=512   # a program: a few hundred steps write up to 16 KB
  ${EP_FUZZ_NICE:+nice -n "$EP_FUZZ_NICE"} "$BUILD/tests/fuzz/fuzz_$t" -max_total_time="$SECONDS_EACH" -max_len=$max_len -timeout=20 -rss_limit_mb=2560 \
    -print_final_stats=1 -artifact_prefix="$artifacts" "$corpus" "$SEEDS/$t" >"$BUILD/fuzz-$t.log" 2>&1
  local rc=$?
  local execs
  execs=$(awk '/stat::number_of_executed_units/ {print $2}' "$BUILD/fuzz-$t.log")
  echo "fuzz_$t: ${execs:-?} executions in ${SECONDS_EACH} s, exit $rc, corpus $(ls "$corpus" | wc -l) inputs"
  if [ "$rc" -ne 0 ]; then
    grep -E 'ERROR|SUMMARY|Test unit written' "$BUILD/fuzz-$t.log" | head -5
    return 1
  fi
}
pids=()
for t in "${TARGETS[@]}"; do
  run_target "$t" &
  pids+=($!)
  if [ ${#pids[@]} -ge "$JOBS" ]; then wait "${pids[0]}" || status=1; pids=("${pids[@]:1}"); fi
done
for p in "${pids[@]}"; do wait "$p" || status=1; done
exit $status
