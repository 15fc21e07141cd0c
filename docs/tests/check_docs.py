#!/usr/bin/env python3
"""Docs that cannot drift: compares the check pages with the checks.

  check_docs.py [--root DIR] headings
      every docs/checks/<check>.md has the fixed ## headings, in order
  check_docs.py [--root DIR] --clang-tidy BIN --plugin SO [--asynclint BIN] checks
      the registered async-* checks = the check pages = the README's checks table
  check_docs.py [--root DIR] --clang-tidy BIN --plugin SO options
      each page's Options table = the options the check stores (--dump-config),
      defaults included; every option set to a non-default value must come back
      from --dump-config with that value, so a read/store name mismatch shows
  check_docs.py [--root DIR] layout
      the README's layout table names every top-level folder, and only those

Each prints what does not match, one line per problem, and exits 1 if any.
Nothing here lists the checks: they come from the plugin and the pages, so a
new check is covered as soon as it exists.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

HEADINGS = ["What it does", "Why is this bad", "Example", "Use instead", "Options", "Limits"]
# Pages speak of the C++ mistake, not of the notes the project was seeded from.
FORBIDDEN_WORDS = ["seed", "seeds", "asyncio", "FastAPI"]


def pages(root):
    """check name -> path of its page."""
    folder = os.path.join(root, "docs", "checks")
    return {
        name[:-3]: os.path.join(folder, name)
        for name in sorted(os.listdir(folder))
        if name.endswith(".md")
    }


def lines_outside_code(text):
    """(line number, line) of the lines that are not inside ``` fences."""
    fenced = False
    for number, line in enumerate(text.split("\n"), 1):
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if not fenced:
            yield number, line


def heading_problems(check, text):
    where = f"docs/checks/{check}.md"
    lines = text.split("\n")
    problems = []
    if not lines or lines[0] != f"# {check}":
        problems.append(f"{where}:1: the first line must be '# {check}'")
    found = []
    for number, line in lines_outside_code(text):
        if number == 1:
            continue
        if re.match(r"#(?!#)", line):
            problems.append(f"{where}:{number}: a second '# ' title; sections are '## '")
        elif line.startswith("## "):
            found.append((number, line[3:].strip()))
        elif not found and line.strip():
            problems.append(
                f"{where}:{number}: text before '## {HEADINGS[0]}'; it belongs in that section"
            )
    names = [name for _, name in found]
    if names != HEADINGS:
        problems.append(
            f"{where}: the '## ' headings are {names}; they must be exactly {HEADINGS}, in this "
            "order ('### ' subsections are free)"
        )
    for (number, name), following in zip(found, found[1:] + [(len(lines) + 1, None)]):
        body = "\n".join(lines[number:following[0] - 1]).strip()
        if not body:
            problems.append(f"{where}:{number}: '## {name}' is empty")
    for number, line in enumerate(lines, 1):
        for word in FORBIDDEN_WORDS:
            if re.search(rf"\b{word}\b", line, re.IGNORECASE):
                problems.append(
                    f"{where}:{number}: '{word}': the page speaks of the C++ mistake, not of the "
                    "seed notes"
                )
    return problems


def section(text, heading):
    """The lines of one '## ' section (code fences respected), without the heading."""
    out, inside = [], False
    for _, line in lines_outside_code(text):
        if line.startswith("## "):
            inside = line[3:].strip() == heading
            continue
        if inside:
            out.append(line)
    return out


def table_rows(lines):
    """The cells of the rows of the first Markdown table in lines (header excluded)."""
    rows, started = [], False
    for line in lines:
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if started and not all(re.fullmatch(r":?-+:?", cell) for cell in cells):
                rows.append(cells)
            started = True
        elif started:
            break
    return rows


def unquote(value):
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    return value


def documented_options(text):
    """option -> documented default, from the first table of '## Options'."""
    options = {}
    for cells in table_rows(section(text, "Options")):
        name = re.fullmatch(r"`([A-Za-z0-9_.]+)`", cells[0])
        default = re.fullmatch(r"`(.*)`", cells[1]) if len(cells) > 1 else None
        if name:
            options[name.group(1)] = unquote(default.group(1)) if default else None
    return options


def probe_value(check, option, default):
    """A value that differs from the default, and from every other option's."""
    if default in ("true", "false"):
        return "false" if default == "true" else "true"
    if default is not None and re.fullmatch(r"-?\d+", default):
        return str(int(default) + 1)
    return f"probe-{check}-{option}"


def run(command, cwd=None):
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return result.stdout


def clang_tidy(args, *extra):
    # In an empty folder: no .clang-tidy file may add to the configuration.
    with tempfile.TemporaryDirectory() as scratch:
        return run([args.clang_tidy, f"--load={args.plugin}", *extra], cwd=scratch)


def registered_checks(args):
    out = clang_tidy(args, "--checks=-*,async-*", "--list-checks")
    return sorted(line.strip() for line in out.splitlines() if line.strip().startswith("async-"))


def stored_options(args, check_options):
    """(check, option) -> value, from --dump-config with these CheckOptions."""
    entries = ", ".join(f"{key}: '{value}'" for key, value in check_options.items())
    config = f"{{Checks: '-*,async-*', CheckOptions: {{{entries}}}}}"
    out = clang_tidy(args, f"--config={config}", "--dump-config")
    stored = {}
    for line in out.splitlines():
        match = re.fullmatch(r"  (async-[a-z0-9-]+)\.([A-Za-z0-9_.]+): (.*)", line)
        if match:
            stored[(match.group(1), match.group(2))] = unquote(match.group(3))
    return stored


def readme_checks(root):
    """check -> link of its row in the README's checks table."""
    with open(os.path.join(root, "README.md")) as f:
        text = f.read()
    rows = {}
    for cells in table_rows(section(text, "The checks")):
        name = re.fullmatch(r"`([a-z0-9-]+)`", cells[0])
        link = re.search(r"\]\(([^)]*)\)", cells[-1])
        if name:
            rows[name.group(1)] = link.group(1) if link else None
    return rows


def check_headings(args):
    problems = []
    for check, path in pages(args.root).items():
        with open(path) as f:
            problems += heading_problems(check, f.read())
    return problems


def compare(what, have, against, where):
    problems = [f"{c}: {what[0]} but {where[1]}" for c in sorted(set(have) - set(against))]
    problems += [f"{c}: {what[1]} but {where[0]}" for c in sorted(set(against) - set(have))]
    return problems


def check_checks(args):
    registered = registered_checks(args)
    if not registered:
        return ["the plugin registers no async-* check"]
    documented = list(pages(args.root))
    problems = compare(
        ("registered", "has a page"), registered, documented,
        ("the plugin does not register it", "has no page docs/checks/<check>.md"))
    readme = readme_checks(args.root)
    problems += compare(
        ("registered", "has a README row"), registered, list(readme),
        ("the plugin does not register it", "has no row in the README's checks table"))
    for check, link in readme.items():
        if link != f"docs/checks/{check}.md":
            problems.append(f"README: the row of {check} links to {link}, not docs/checks/{check}.md")
    if args.asynclint:
        with tempfile.TemporaryDirectory() as scratch:
            listed = run([args.asynclint, "check", "--list-checks", "--config={}"], cwd=scratch)
        listed = sorted(line.strip() for line in listed.splitlines() if line.strip())
        if listed != registered:
            problems.append(
                f"asynclint check --list-checks lists {listed}, clang-tidy with the plugin {registered}")
    return problems


def option_problems(pages_options, defaults, probed, probes):
    """Compares documented options with two --dump-config results."""
    problems = []
    for check, documented in pages_options.items():
        page = f"docs/checks/{check}.md"
        stored = {option for (c, option) in defaults if c == check}
        for option in sorted(set(documented) - stored):
            problems.append(f"{page}: documents option {option}, which {check} does not store "
                            f"(--dump-config has no {check}.{option})")
        for option in sorted(stored - set(documented)):
            problems.append(f"{page}: {check} stores option {option}, which the Options table "
                            "does not document")
        for option in sorted(stored & set(documented)):
            if documented[option] is None:
                problems.append(f"{page}: option {option} has no `default` in the table")
            elif defaults[(check, option)] != documented[option]:
                problems.append(f"{page}: option {option}: documented default "
                                f"'{documented[option]}', the check's is "
                                f"'{defaults[(check, option)]}'")
            value = probes[f"{check}.{option}"]
            if probed.get((check, option)) != value:
                problems.append(f"{check}.{option}: set to '{value}', --dump-config gives it back "
                                f"as '{probed.get((check, option))}': the check reads and stores "
                                "different names, or ignores the value")
    return problems


def check_options(args):
    pages_options = {}
    for check, path in pages(args.root).items():
        with open(path) as f:
            pages_options[check] = documented_options(f.read())
    probes = {f"{check}.{option}": probe_value(check, option, default)
              for check, options in pages_options.items()
              for option, default in options.items()}
    defaults = stored_options(args, {})
    if not defaults:
        return ["--dump-config shows no async-* option at all"]
    return option_problems(pages_options, defaults, stored_options(args, probes), probes)


def check_layout(args):
    with open(os.path.join(args.root, "README.md")) as f:
        text = f.read()
    listed = set()
    for cells in table_rows(section(text, "Layout")):
        name = re.fullmatch(r"`([^`/]+)/`", cells[0])
        if name:
            listed.add(name.group(1))
    if os.path.isdir(os.path.join(args.root, ".git")) or os.path.isfile(
            os.path.join(args.root, ".git")):
        tracked = run(["git", "-C", args.root, "ls-files"]).splitlines()
        folders = {path.split("/")[0] for path in tracked if "/" in path}
    else:  # an unpacked source tree: its folders, less build folders
        folders = {name for name in os.listdir(args.root)
                   if os.path.isdir(os.path.join(args.root, name))
                   and not os.path.exists(os.path.join(args.root, name, "CMakeCache.txt"))}
    folders = {name for name in folders if not name.startswith(".")}
    return compare(
        ("is in the README's layout table", "is a top-level folder"), sorted(listed),
        sorted(folders), ("the README's layout table does not list it", "there is no such folder"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", default=os.path.join(os.path.dirname(__file__), "..", ".."))
    parser.add_argument("--clang-tidy")
    parser.add_argument("--plugin")
    parser.add_argument("--asynclint")
    parser.add_argument("what", choices=["headings", "checks", "options", "layout"])
    args = parser.parse_args()
    # The tools run in a scratch folder.
    for tool in ("plugin", "asynclint"):
        if getattr(args, tool):
            setattr(args, tool, os.path.abspath(getattr(args, tool)))
    if args.what in ("checks", "options") and not (args.clang_tidy and args.plugin):
        parser.error(f"{args.what} needs --clang-tidy and --plugin")
    problems = globals()[f"check_{args.what}"](args)
    for problem in problems:
        print(problem)
    print(f"check_docs {args.what}: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
