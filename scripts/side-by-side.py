#!/usr/bin/env python3
"""Whole-process wall time of several commands, run interleaved (A B C A B C ...).

Interleaving matters on a shared machine: load that comes and goes during a measurement hits every
command alike instead of whichever happened to run in a busy block. Prints, per command, the
median and the fastest run in milliseconds, and its exit status (which is not judged: a compat
check that finds an incompatibility exits 1).

Usage: side-by-side.py RUNS LABEL=COMMAND [LABEL=COMMAND ...]   (COMMAND is run by sh -c)
"""
import statistics
import subprocess
import sys
import time


def main(argv):
    if len(argv) < 3 or not argv[1].isdigit():
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    runs = int(argv[1])
    commands = []
    for spec in argv[2:]:
        label, sep, command = spec.partition("=")
        if not sep:
            print("expected LABEL=COMMAND, got: " + spec, file=sys.stderr)
            return 2
        commands.append((label, command))
    times = {label: [] for label, _ in commands}
    status = {}
    for _ in range(runs):
        for label, command in commands:
            start = time.perf_counter()
            done = subprocess.run(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[label].append((time.perf_counter() - start) * 1000)
            status[label] = done.returncode
    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    print("%d interleaved runs each; load average afterwards: %s" % (runs, load))
    width = max(len(label) for label, _ in commands)
    for label, _ in commands:
        t = times[label]
        print("%-*s  median %7.1f ms   fastest %7.1f ms   exit %d"
              % (width, label, statistics.median(t), min(t), status[label]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
