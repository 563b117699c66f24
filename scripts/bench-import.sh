#!/usr/bin/env bash
# Whole-process import speed against awk on the same QEMU trace log (docs/performance.md).
#   scripts/bench-import.sh [LOG] [RUNS]
# LOG defaults to /tmp/ovmf.log; make it with: scripts/capture.sh trace-ovmf /tmp/ovmf.log
# Both sides read the same file from the page cache (one warm-up read first). vmtrace runs through
# ./vmtrace (JVM start, Chronicle start-up and writing the trace included); awk merely splits the
# lines into fields and sums two of them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
log=${1:-/tmp/ovmf.log}
runs=${2:-3}
[ -f "$log" ] || { echo "no $log: run scripts/capture.sh trace-ovmf $log first" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$root/vmtrace" --version >/dev/null          # builds the jar if needed
cat "$log" >/dev/null                         # page cache
size=$(stat -c %s "$log")
lines=$(wc -l < "$log")
echo "input: $log, $size bytes, $lines lines"
now() { date +%s.%N; }
for i in $(seq "$runs"); do
  t0=$(now)
  awk '$1 ~ /^memory_region_ops/ {s += $11 + length($9)} END {print s}' "$log" >/dev/null
  t1=$(now)
  rm -rf "$out/t"
  "$root/vmtrace" import --from qemu-log "$log" -o "$out/t" >/dev/null
  t2=$(now)
  awk_s=$(echo "$t1 - $t0" | bc -l); vm_s=$(echo "$t2 - $t1" | bc -l)
  printf 'run %d: awk %.2f s (%.0f MB/s)   vmtrace import %.2f s (%.0f MB/s)\n' "$i" "$awk_s" \
    "$(echo "$size / $awk_s / 1000000" | bc -l)" "$vm_s" "$(echo "$size / $vm_s / 1000000" | bc -l)"
done
"$root/vmtrace" inspect "$out/t" | grep -E '^events|^guest'
