#!/usr/bin/env bash
# Whole-process time of `vmtrace compat A B` beside QEMU's own scripts/analyze-migration.py on the
# same streams (issue 8's bar), run interleaved (scripts/side-by-side.py). QEMU's script comes
# from its source package, which vmtrace does not ship:
#   apt-get source --download-only qemu; tar -xJf qemu_*.orig.tar.xz --wildcards '*/scripts/analyze-migration.py'
# Usage: scripts/bench-compat.sh PATH/TO/analyze-migration.py [RUNS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
script=${1:?usage: bench-compat.sh PATH-TO-analyze-migration.py [RUNS]}
runs=${2:-20}
a=$root/samples/real/mig/pc-q35-7.2.bin
b=$root/samples/real/mig/pc-i440fx-7.2.bin
"$root/vmtrace" --version >/dev/null   # builds the jar (and its CDS archive) if needed, outside the timing
python3 "$root/scripts/side-by-side.py" "$runs" \
  "vmtrace compat q35 i440fx (both streams, compared, report)=$root/vmtrace compat $a $b" \
  "vmtrace compat i440fx q35=$root/vmtrace compat $b $a" \
  "analyze-migration.py -f q35 (one stream)=python3 $script -f $a" \
  "analyze-migration.py -f i440fx (one stream)=python3 $script -f $b"
