"""What the single-file benchmark generators share: the command line
(OUT.cpp, a count, a seed) and writing the file.
"""
import argparse
import random


def generate(doc, count_option, count_default, seed_default, build):
    """Parses `OUT.cpp [--COUNT_OPTION N] [--seed S]`, calls build(count, rng)
    for the file's parts and writes them to OUT.cpp."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument(f"--{count_option}", type=int, default=count_default)
    parser.add_argument("--seed", type=int, default=seed_default)
    args = parser.parse_args()
    parts = build(getattr(args, count_option), random.Random(args.seed))
    with open(args.out, "w") as out:
        out.write("".join(parts))
