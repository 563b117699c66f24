#!/bin/sh
# Runs one Jazzer fuzz target for a short real fuzzing session (docs/reliability.md).
#   scripts/fuzz.sh MODULE TEST#METHOD [SECONDS]
#   scripts/fuzz.sh engine MigrationStreamFuzzTest#read 60
# New coverage goes to MODULE/.cifuzz-corpus/ (not committed); a crashing input is written to the
# target's inputs directory (src/test/resources/<package>/<Test>Inputs/<method>/crash-<sha1>),
# where `mvn verify` replays it from then on: fix the parser, rename the file to say what it
# found, commit it.
set -eu
[ $# -ge 2 ] || { echo "usage: $0 MODULE TEST#METHOD [SECONDS]" >&2; exit 2; }
module=$1
target=$2
seconds=${3:-60}
cd "$(dirname "$0")/.."
# -am builds the modules MODULE depends on in the same reactor; -Dtest selects one method (Jazzer
# fuzzes one method per run). jazzer.internal.arg.* are libFuzzer flags: the run length and a
# 10 s per-input timeout, so a hang is a finding too. jazzer.hooks=true turns on the comparison
# hooks that guide the fuzzer (the POM leaves them off for plain test runs).
JAZZER_FUZZ=1 exec mvn -B -o verify -pl "$module" -am \
  -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.hooks=true \
  -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time="$seconds" \
  -Djazzer.internal.arg.2=-timeout=10
