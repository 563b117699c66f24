#!/usr/bin/env bash
# Whole-process time of `vmtrace compat A B` beside QEMU's own scripts/analyze-migration.py on the
# same stream (issue 8's bar). QEMU's script comes from its source package, which vmtrace does not
# ship:   apt-get source --download-only qemu; tar -xJf qemu_*.orig.tar.xz --wildcards '*/scripts/analyze-migration.py'
# Usage: scripts/bench-compat.sh PATH/TO/analyze-migration.py [RUNS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
script=${1:?usage: bench-compat.sh PATH-TO-analyze-migration.py [RUNS]}
runs=${2:-10}
a=$root/samples/real/mig/pc-q35-7.2.bin
b=$root/samples/real/mig/pc-i440fx-7.2.bin
"$root/vmtrace" --version >/dev/null   # builds the jar if needed, outside the timing

avg() { # command... ; prints the mean wall time in ms over $runs runs
  local start end
  start=$(date +%s%N)
  for _ in $(seq "$runs"); do "$@" >/dev/null 2>&1 || true; done
  end=$(date +%s%N)
  echo $(( (end - start) / runs / 1000000 ))
}

read -r l1 l2 l3 _ < /proc/loadavg
echo "load average: $l1 $l2 $l3"
echo "vmtrace compat q35 i440fx (both streams parsed, compared, report): $(avg "$root/vmtrace" compat "$a" "$b") ms"
echo "analyze-migration.py -f q35 (one stream parsed):                 $(avg python3 "$script" -f "$a") ms"
echo "analyze-migration.py -f i440fx:                                  $(avg python3 "$script" -f "$b") ms"
