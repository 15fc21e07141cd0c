#!/usr/bin/env python3
"""Runs a command and prints "WALL CPU MAXRSS_KB" on one line.

Usage: measure.py COMMAND [ARGS...]

WALL is seconds of wall time; CPU is seconds of user+sys time of the command
and its children, which machine load does not inflate as it does wall time;
MAXRSS_KB is the largest resident set of any of them. Exit status 0 or 1
(findings) counts as success; any other ends the benchmark.
"""
import resource
import subprocess
import sys
import time

start = time.monotonic()
status = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL).returncode
wall = time.monotonic() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
if status > 1:
    sys.exit(f"measure: {' '.join(sys.argv[1:])} failed with exit {status}")
print(f"{wall:.2f} {usage.ru_utime + usage.ru_stime:.2f} {usage.ru_maxrss}")
