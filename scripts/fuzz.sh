#!/usr/bin/env bash
# Fuzzes every parser and importer a user can feed, with libFuzzer (and AddressSanitizer).
#   scripts/fuzz.sh [SECONDS_EACH] [TARGET...]     default: 600 seconds, every target; 0 builds only
# FUZZ_SEED fixes libFuzzer's seed (CI uses 1, so a short run explores the same inputs each time).
# Each target starts from its committed corpus (Fuzz/Corpus/NAME) and works in build/fuzz/NAME;
# a crash is saved there as crash-* and the script exits 1. The summary line per target gives
# the seconds and executions. A crash becomes a regression input in Fuzz/Regressions/NAME, which
# the normal build's replayers run in CI (`.build/debug/fuzz-NAME Fuzz/Corpus/NAME Fuzz/Regressions/NAME`).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
seconds="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(role-spec program-spec hris-csv market-data label-studio argilla judgments-jsonl judgments-csv)

# Instrumentation goes to the frontend only: the driver would otherwise link libFuzzer's own
# main, which clashes with the main SwiftPM gives every executable. FuzzEntry calls
# LLVMFuzzerRunDriver from libclang_rt.fuzzer_no_main instead.
runtime="$(dirname "$(dirname "$(readlink -f "$(command -v swiftc)")")")/lib/clang"
runtime="$(ls -d "$runtime"/*/lib/linux | sort -V | tail -1)/libclang_rt.fuzzer_no_main-x86_64.a"
flags=(-c release --scratch-path .build-fuzz
  -Xswiftc -DFUZZING -Xswiftc -sanitize=address
  -Xswiftc -Xfrontend -Xswiftc -sanitize=fuzzer,address
  -Xlinker "$runtime" -Xlinker -lstdc++)
for target in "${targets[@]}"; do
  swift build "${flags[@]}" --product "fuzz-$target" 2>&1 | grep -E "error|warning: .*Fuzz/" || true
  [ -x ".build-fuzz/release/fuzz-$target" ] || { echo "fuzz-$target did not build"; exit 2; }
done

[ "$seconds" != 0 ] || exit 0
status=0
for target in "${targets[@]}"; do
  work="build/fuzz/$target"
  mkdir -p "$work/corpus"
  cp -n Fuzz/Corpus/"$target"/* "$work/corpus/" 2>/dev/null || true
  started=$(date +%s)
  # Swift's own backtracer would take the crash before libFuzzer could save the input.
  if SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 ".build-fuzz/release/fuzz-$target" "$work/corpus" \
      -max_total_time="$seconds" ${FUZZ_SEED:+-seed="$FUZZ_SEED"} -max_len=8192 -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$work/" >"$work/log" 2>&1; then
    result=ok
  else
    result=CRASH
    status=1
  fi
  elapsed=$(( $(date +%s) - started ))
  runs="$(grep -a -o 'stat::number_of_executed_units: *[0-9]*' "$work/log" | grep -o '[0-9]*$' || true)"
  cov="$(grep -a -o 'cov: [0-9]*' "$work/log" | tail -1 | grep -o '[0-9]*' || echo '?')"
  [ "$runs" != "" ] || runs="$(grep -a -o '^#[0-9]*' "$work/log" | tail -1 | tr -d '#')"
  echo "fuzz-$target: $result after ${elapsed} s, $runs executions, coverage $cov, corpus $(ls "$work/corpus" | wc -l) inputs"
  [ "$result" = ok ] || { grep -a -E "invariant broken|Fatal error|ERROR:|SUMMARY|Test unit written" "$work/log" | head -8; }
done
exit "$status"
