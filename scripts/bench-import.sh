#!/usr/bin/env bash
# Whole-process import speed against awk on the same QEMU trace log (docs/performance.md).
#   scripts/bench-import.sh [LOG] [RUNS]
# LOG defaults to /tmp/ovmf.log; make it with: scripts/capture.sh trace-ovmf /tmp/ovmf.log
# Both sides read the same file from the page cache (one warm-up read first), interleaved
# (scripts/side-by-side.py). vmtrace runs through
# ./vmtrace (JVM start, Chronicle start-up and writing the trace included); awk merely splits the
# lines into fields and sums two of them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
log=${1:-/tmp/ovmf.log}
runs=${2:-5}
[ -f "$log" ] || { echo "no $log: run scripts/capture.sh trace-ovmf $log first" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$root/vmtrace" --version >/dev/null          # builds the jar if needed
cat "$log" >/dev/null                         # page cache
size=$(stat -c %s "$log")
lines=$(wc -l < "$log")
echo "input: $log, $size bytes, $lines lines"
printf '#!/bin/sh\nrm -rf "%s/t"; exec "%s/vmtrace" import --from qemu-log "%s" -o "%s/t"\n' "$out" "$root" "$log" "$out" > "$out/import.sh"
python3 "$root/scripts/side-by-side.py" "$runs" \
  "awk (split into fields)=awk '\$1 ~ /^memory_region_ops/ {s += \$11 + length(\$9)} END {print s}' $log" \
  "vmtrace import --from qemu-log=sh $out/import.sh"
"$root/vmtrace" inspect "$out/t" | grep -E '^events|^guest'
