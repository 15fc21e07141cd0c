#!/usr/bin/env python3
"""Measures what the async-* checks add to a clang-tidy run.

For every input (each test-corpus program, with its RUN-ARGS, a generated
large Asio-heavy translation unit, and a generated one with a few hundred
lock-using classes) it runs the real clang-tidy with the plugin
twice: with the async-* checks, and with one trivial upstream check in their
place (clang-tidy refuses to run with no check at all), which is the cost of
loading the plugin and parsing the file. Each configuration runs --repeat
times and the least CPU time (user + system of the child) counts, which is
stable on a busy machine where wall time is not. A last run with
--enable-check-profile gives clang-tidy's own per-check figures; they include
the profiler's timer calls around every matcher evaluation, so they overstate
cheap matchers that are evaluated on many nodes.

With --instructions each configuration runs once under valgrind's callgrind
instead, and the figure is the instructions the matching phase adds, as a
share of parsing's: slow, but the same whatever else the machine runs.
"""
import argparse
import json
import os
import pathlib
import re
import resource
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
BASELINE_CHECK = "llvm-twine-local"
DEFAULT_ARGS = ["-std=c++20", "-DASIO_HAS_CO_AWAIT", "-DASIO_HAS_STD_COROUTINE"]


def corpus_inputs():
    corpus = ROOT / "test-corpus"
    for path in sorted(corpus.rglob("*.cpp")):
        relative = path.relative_to(corpus).as_posix()
        if relative.startswith(("include/", "harness/")):
            continue
        text = path.read_text()
        if "// EXPECT-COMPILE-ERRORS" in text:
            continue
        extra = re.search(r"^// RUN-ARGS:(.*)$", text, re.M)
        yield path, DEFAULT_ARGS + ["-I" + str(corpus / "include")] + (
            extra.group(1).split() if extra else [])


def cpu_seconds(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 1):
        sys.exit(f"check_cost: clang-tidy failed ({result.returncode}): {' '.join(command)}\n"
                 f"{result.stderr[-2000:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def tidy_command(clang_tidy, plugin, checks, path, args, extra=()):
    return [clang_tidy, f"--load={plugin}", f"--checks=-*,{checks}", "--config={}", "--quiet",
            *extra, str(path), "--", *args]


def instructions(command):
    """Instructions (callgrind's Ir) of parsing and of the AST matching phase.

    Unlike CPU time, the count does not move with the machine's load: the
    same input and plugin give the same figure on a busy machine.
    """
    if not shutil.which("valgrind") or not shutil.which("callgrind_annotate"):
        sys.exit("check_cost: --instructions needs valgrind (scripts/install-deps.sh --bench)")
    with tempfile.TemporaryDirectory() as store:
        out = pathlib.Path(store) / "callgrind.out"
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *command],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        report = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100",
                                 str(out)], capture_output=True, text=True).stdout
    counts = {}
    for name, pattern in (("parse", r"clang::ParseAST\("), ("match", r"MatchFinder::matchAST\(")):
        found = re.search(r"^\s*([\d,]+) .*" + pattern, report, re.M)
        if not found:
            sys.exit(f"check_cost: no {pattern} in callgrind's report (is valgrind installed?)")
        counts[name] = int(found.group(1).replace(",", ""))
    # ParseAST includes the consumers' work at the end of the unit: matching.
    return counts["parse"] - counts["match"], counts["match"]


def profile(clang_tidy, plugin, path, args, checks):
    with tempfile.TemporaryDirectory() as store:
        subprocess.run(tidy_command(clang_tidy, plugin, checks, path, args,
                                    ["--enable-check-profile", f"--store-check-profile={store}"]),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        totals = {}
        for report in pathlib.Path(store).glob("*.json"):
            for key, value in json.loads(report.read_text())["profile"].items():
                match = re.match(r"time\.clang-tidy\.(.*)\.(wall|user|sys)$", key)
                if match and match.group(2) in ("user", "sys"):
                    totals[match.group(1)] = totals.get(match.group(1), 0.0) + value
        return totals


def generated_name(path):
    corpus = ROOT / "test-corpus"
    return path.relative_to(corpus).as_posix() if path.is_relative_to(corpus) else path.name


def main():
    parser = argparse.ArgumentParser(description="Cost of the async-* checks in clang-tidy.")
    parser.add_argument("--build", default=str(ROOT / "build"), help="build directory")
    parser.add_argument("--clang-tidy", default="/usr/lib/llvm-19/bin/clang-tidy")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--handlers", type=int, default=120,
                        help="session handlers in the generated Asio-heavy file")
    parser.add_argument("--lock-classes", type=int, default=300,
                        help="lock-using classes in the generated lock-heavy file")
    parser.add_argument("--corpus-only", action="store_true")
    parser.add_argument("--heavy-only", action="store_true")
    parser.add_argument("--checks", default="async-*",
                        help="the checks measured (clang-tidy glob), e.g. one check alone")
    parser.add_argument("--instructions", action="store_true",
                        help="count instructions under valgrind's callgrind instead of timing: "
                             "what matching adds, as a share of parsing; slow (one run of each "
                             "configuration, about 50 times slower) but the same on a busy machine")
    args = parser.parse_args()

    plugin = pathlib.Path(args.build) / "lib" / "libAsyncLint.so"
    if not plugin.exists():
        sys.exit(f"check_cost: {plugin} not found: build the project first")

    inputs = [] if args.heavy_only else list(corpus_inputs())
    scratch = tempfile.TemporaryDirectory()
    if not args.corpus_only:
        heavy = pathlib.Path(scratch.name) / "asio_heavy.cpp"
        subprocess.run([sys.executable, str(ROOT / "bench" / "gen_asio_heavy.py"), str(heavy),
                        "--handlers", str(args.handlers)], check=True)
        inputs.append((heavy, DEFAULT_ARGS))
        locks = pathlib.Path(scratch.name) / "lock_heavy.cpp"
        subprocess.run([sys.executable, str(ROOT / "bench" / "gen_lock_heavy.py"), str(locks),
                        "--classes", str(args.lock_classes)], check=True)
        inputs.append((locks, DEFAULT_ARGS))

    if args.instructions:
        print(f"{'input':44} {'parse Ir':>14} {'match Ir base':>14} {'match Ir ' + args.checks[:5]:>14} "
              f"{'added':>8}")
        for path, compile_args in inputs:
            parse, base = instructions(tidy_command(args.clang_tidy, plugin, BASELINE_CHECK, path,
                                                    compile_args))
            _, full = instructions(tidy_command(args.clang_tidy, plugin, args.checks, path,
                                                compile_args))
            name = generated_name(path)
            print(f"{name:44} {parse:14,} {base:14,} {full:14,} {100 * (full - base) / parse:7.1f}%")
        return
    print(f"{'input':44} {'baseline s':>10} {args.checks[:10]:>10} {'added':>8} {'profile s':>10}")
    generated = {"asio_heavy.cpp": "asio-heavy", "lock_heavy.cpp": "lock-heavy"}
    groups = {"corpus": [0.0, 0.0], "asio-heavy": [0.0, 0.0], "lock-heavy": [0.0, 0.0]}
    for path, compile_args in inputs:
        base = min(cpu_seconds(tidy_command(args.clang_tidy, plugin, BASELINE_CHECK, path,
                                            compile_args)) for _ in range(args.repeat))
        full = min(cpu_seconds(tidy_command(args.clang_tidy, plugin, args.checks, path,
                                            compile_args)) for _ in range(args.repeat))
        checks = profile(args.clang_tidy, plugin, path, compile_args, args.checks)
        group = generated.get(path.name, "corpus")
        groups[group][0] += base
        groups[group][1] += full
        name = generated_name(path)
        print(f"{name:44} {base:10.3f} {full:10.3f} {100 * (full - base) / base:7.1f}% "
              f"{sum(checks.values()):10.3f}")
    print()
    for group, (base, full) in groups.items():
        if base:
            print(f"{group}: baseline {base:.2f} s, with {args.checks} {full:.2f} s, "
                  f"added {100 * (full - base) / base:.1f}% (target: under 5%)")


if __name__ == "__main__":
    main()
