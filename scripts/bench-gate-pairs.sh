#!/usr/bin/env bash
# All ordered pairs of the streams in DIR: one `vmtrace gate --all-pairs DIR` run beside QEMU's
# Python tool run pairwise (scripts/analyze-migration.py on both streams of every pair, which is
# what comparing two streams with QEMU's tools takes). QEMU's script is not shipped with vmtrace:
# apt-get source --download-only qemu, then extract scripts/analyze-migration.py.
# Usage: scripts/bench-gate-pairs.sh PATH-TO-analyze-migration.py DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
script=${1:?usage: bench-gate-pairs.sh PATH-TO-analyze-migration.py DIR}
dir=${2:?usage: bench-gate-pairs.sh PATH-TO-analyze-migration.py DIR}
"$root/vmtrace" --version >/dev/null
mapfile -t streams < <(ls "$dir"/*.bin)
n=${#streams[@]}
read -r l1 l2 l3 _ < /proc/loadavg
echo "$n streams, $((n * (n - 1))) ordered pairs; load average $l1 $l2 $l3"
start=$(date +%s%N)
"$root/vmtrace" gate --all-pairs "$dir" >/dev/null || true
end=$(date +%s%N)
v=$(( (end - start) / 1000000 ))
echo "vmtrace gate --all-pairs: $v ms"
start=$(date +%s%N)
for a in "${streams[@]}"; do
  for b in "${streams[@]}"; do
    [ "$a" = "$b" ] && continue
    python3 "$script" -f "$a" >/dev/null 2>&1 || true
    python3 "$script" -f "$b" >/dev/null 2>&1 || true
  done
done
end=$(date +%s%N)
p=$(( (end - start) / 1000000 ))
echo "analyze-migration.py pairwise: $p ms"
echo "ratio: $(( p / (v > 0 ? v : 1) ))x"
