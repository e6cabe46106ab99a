#!/usr/bin/env bash
# Builds the DocC documentation of the library products (DecisionFiles, Portfolio, Signal)
# from an existing debug build: no rebuild, no extra compiler flags. Each module's symbol
# graph is extracted from the built .swiftmodule, then `docc convert` renders its catalog
# (Sources/<M>/<M>.docc) against it.
#
# Fails (exit 1) when a catalog is missing, when a module is not built, or when docc reports
# an unresolved symbol link (``Symbol`` to nothing public) or resource. Prints one line per
# module: public symbols with a doc comment of their own / public symbols declared in the module.
#
#   scripts/docs.sh                                   # .build of this checkout, output in .build/docs
#   WAGEFILE_BUILD=/work/main/.build WAGEFILE_DOCS_OUT=/tmp/docs scripts/docs.sh
#
# Environment:
#   WAGEFILE_BUILD      the SwiftPM build directory holding a debug build (default .build)
#   WAGEFILE_DOCS_OUT   where symbol graphs and .doccarchive folders go (default $WAGEFILE_BUILD/docs,
#                       or /tmp/wagefile-docs when the build directory is not this checkout's)
#   WAGEFILE_DOCS_MODULES  modules to document (default "DecisionFiles Portfolio Signal")
#   DOCC, SYMBOLGRAPH_EXTRACT  tool overrides (default: from PATH, else /opt/swift/usr/bin)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

BUILD="${WAGEFILE_BUILD:-.build}"
BUILD="$(cd "$BUILD" 2>/dev/null && pwd)" || { echo "docs.sh: no build directory '${WAGEFILE_BUILD:-.build}'; run 'swift build' first" >&2; exit 1; }
if [[ -n "${WAGEFILE_DOCS_OUT:-}" ]]; then
    OUT="$WAGEFILE_DOCS_OUT"
elif [[ "$BUILD" == "$ROOT/.build" ]]; then
    OUT="$BUILD/docs"
else
    # Never write into someone else's build directory.
    OUT="/tmp/wagefile-docs"
fi
MODULES=(${WAGEFILE_DOCS_MODULES:-DecisionFiles Portfolio Signal})
TRIPLE="${WAGEFILE_TRIPLE:-$(uname -m)-unknown-linux-gnu}"

tool() {
    local name="$1" override="$2"
    if [[ -n "$override" ]]; then echo "$override"; return; fi
    if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return; fi
    if [[ -x "/opt/swift/usr/bin/$name" ]]; then echo "/opt/swift/usr/bin/$name"; return; fi
    echo "docs.sh: '$name' not found (set ${3})" >&2
    exit 1
}
DOCC="$(tool docc "${DOCC:-}" DOCC)"
EXTRACT="$(tool swift-symbolgraph-extract "${SYMBOLGRAPH_EXTRACT:-}" SYMBOLGRAPH_EXTRACT)"

# Where SwiftPM put the .swiftmodule files: .build/debug is a symlink to .build/<triple>/debug
# once a build finishes; during or after an interrupted build only the triple folder exists.
MODULES_DIR=""
for candidate in "$BUILD/debug/Modules" "$BUILD/$TRIPLE/debug/Modules" "$BUILD/debug" "$BUILD/$TRIPLE/debug"; do
    if [[ -e "$candidate/${MODULES[0]}.swiftmodule" ]]; then MODULES_DIR="$candidate"; break; fi
done
if [[ -z "$MODULES_DIR" ]]; then
    echo "docs.sh: no ${MODULES[0]}.swiftmodule under $BUILD/debug or $BUILD/$TRIPLE/debug; build first (swift build)" >&2
    exit 1
fi

# C modules a Swift dependency imports (Yams' CYaml, ...) need their module maps, as the build
# passes them; SwiftPM writes one for C targets without their own under <target>.build/.
CLANG_FLAGS=()
while IFS= read -r map; do
    CLANG_FLAGS+=(-Xcc "-fmodule-map-file=$map")
done < <(find "$BUILD/checkouts/" -path '*/include/module.modulemap' 2>/dev/null | sort
         find "$(dirname "$MODULES_DIR")" -maxdepth 2 -path '*.build/module.modulemap' 2>/dev/null | sort)

mkdir -p "$OUT"
status=0
start=$SECONDS
for module in "${MODULES[@]}"; do
    catalog="Sources/$module/$module.docc"
    if [[ ! -f "$catalog/$module.md" ]]; then
        echo "docs.sh: $module: missing catalog $catalog/$module.md" >&2
        status=1
        continue
    fi
    if [[ ! -e "$MODULES_DIR/$module.swiftmodule" ]]; then
        echo "docs.sh: $module: not built ($MODULES_DIR/$module.swiftmodule)" >&2
        status=1
        continue
    fi
    graphs="$OUT/symbol-graphs/$module"
    archive="$OUT/$module.doccarchive"
    rm -rf "$graphs" "$archive"
    mkdir -p "$graphs"
    if ! "$EXTRACT" -module-name "$module" -I "$MODULES_DIR" "${CLANG_FLAGS[@]}" -target "$TRIPLE" \
        -minimum-access-level public -skip-synthesized-members -output-dir "$graphs" \
        -module-cache-path "$OUT/module-cache" >"$OUT/$module.extract.log" 2>&1; then
        cat "$OUT/$module.extract.log" >&2
        echo "docs.sh: $module: swift-symbolgraph-extract failed" >&2
        status=1
        continue
    fi
    diagnostics="$OUT/$module.diagnostics.json"
    if ! "$DOCC" convert "$catalog" --additional-symbol-graph-dir "$graphs" --output-path "$archive" \
        --fallback-display-name "$module" --fallback-bundle-identifier "org.wagefile.$module" \
        --diagnostics-file "$diagnostics" >"$OUT/$module.docc.log" 2>&1; then
        cat "$OUT/$module.docc.log" >&2
        echo "docs.sh: $module: docc convert failed" >&2
        status=1
        continue
    fi
    # Unresolved ``links`` and missing resources fail the run; other warnings are shown.
    python3 - "$module" "$graphs/$module.symbols.json" "$diagnostics" <<'PY' || status=1
import json, sys
module, graph_path, diagnostics_path = sys.argv[1:4]

graph = json.load(open(graph_path))
# Symbols declared in this module (synthesized conformances and inherited members have no
# source location), and those with a doc comment of their own (not one inherited from a
# protocol in another module).
declared = [s for s in graph["symbols"] if "location" in s]
documented = [s for s in declared if "docComment" in s and s["docComment"].get("module", module) == module]

problems = json.load(open(diagnostics_path)).get("diagnostics", [])
# This docc writes no identifier into the diagnostics file, so links are told by their words:
# "'X' doesn't exist at '/M'", "... is ambiguous at ...", "Resource 'x' couldn't be found".
import re
unresolved = re.compile(r"doesn't exist|does not exist|is ambiguous|couldn't be found|can't be found|could not be found|"
                        r"unresolved|no .*catalog", re.IGNORECASE)
fatal = [p for p in problems if p.get("severity") == "error"
         or (p.get("severity") == "warning" and (unresolved.search(p.get("summary", ""))
                                                 or "unresolved" in p.get("identifier", "").lower()))]
warnings = [p for p in problems if p.get("severity") == "warning"]

def where(p):
    source = p.get("source", "")
    source = source.replace("file://", "")
    line = p.get("range", {}).get("start", {}).get("line")
    return f"{source}:{line}" if line else source

for p in fatal:
    print(f"docs.sh: {module}: {where(p)}: {p.get('severity')}: {p.get('summary')}", file=sys.stderr)
share = 100 * len(documented) / len(declared) if declared else 100
print(f"{module}: {len(documented)}/{len(declared)} public symbols documented ({share:.0f}%), "
      f"{len(warnings)} docc warning(s), {len(fatal)} unresolved link(s)")
sys.exit(1 if fatal else 0)
PY
done
echo "docs.sh: output in $OUT ($((SECONDS - start)) s)"
exit $status
