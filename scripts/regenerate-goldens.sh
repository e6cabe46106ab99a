#!/usr/bin/env bash
# Rewrites the golden decision files from the examples. Review the diff before committing:
# a golden file is a claim about what a compensation analyst should see.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product wagefile >/dev/null
out=Tests/WagefileTests/Fixtures/golden
mkdir -p "$out"
for spec in examples/*.yaml; do
  name=$(basename "$spec" .yaml)
  .build/debug/wagefile price "$spec" --format json --as-of 2026-11-21 > "$out/$name.json" || [ $? -eq 1 ]
done
echo "wrote $(ls "$out" | wc -l) golden files to $out"
