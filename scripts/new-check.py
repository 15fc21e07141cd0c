#!/usr/bin/env python3
"""Creates a new async-* check: every file and registration it needs.

  scripts/new-check.py async-stale-read-across-await [--folder stale-read]
                       [--class StaleReadAcrossAwaitCheck] [--flags "what it flags"]

writes
  checks/<folder>/<Class>.h, .cpp     the check (a CatalogCheck: its CatalogFiles option
                                      round-trips through --dump-config)
  checks/module/AsyncLintModule.cpp   its registration
  checks/CMakeLists.txt               its source in asynclint_checks
  docs/checks/<check>.md              its page, in the fixed headings
  test-corpus/<folder>/first_cases.cpp  a first positive and a first negative case
  README.md                           its row in the checks table

Then: write the matcher and the report in the .cpp, the real cases in the corpus
file (the corpus test fails on the positive case until the check reports it: that
is the first thing to make pass), and the page's prose. The docs tests
(docs/tests/check_docs.py) already pass on what this writes.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys


def banner(text):
    """An LLVM-style first line: //===--- text ----...===// over 80 columns."""
    line = f"//===--- {text} "
    return line + "-" * max(3, 80 - len(line) - 5) + "===//"


def camel(words):
    return "".join(word[:1].upper() + word[1:] for word in re.split(r"[-_]", words))


HEADER = """{banner}
#pragma once

#include "common/CatalogCheck.h"

namespace clang::tidy::async {{

/// Flags {flags}.
///
/// For the user-facing documentation see:
/// docs/checks/{check}.md
class {cls} : public CatalogCheck {{
public:
  {cls}(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {{
    return LangOpts.CPlusPlus20;
  }}
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
}};

}} // namespace clang::tidy::async
"""

SOURCE = """{banner}
#include "{folder}/{cls}.h"

#include <clang/ASTMatchers/ASTMatchFinder.h>

using namespace clang::ast_matchers;

namespace clang::tidy::async {{

{cls}::{cls}(StringRef Name, ClangTidyContext *Context)
    : CatalogCheck(Name, Context) {{}}

void {cls}::storeOptions(ClangTidyOptions::OptionMap &Opts) {{
  storeCatalogOption(Opts);
}}

void {cls}::registerMatchers(MatchFinder *Finder) {{
  reportConfigurationProblems();
  // Lambdas are matched through their call operators, so each body is
  // analysed once, as the function it is.
  Finder->addMatcher(
      functionDecl(isDefinition(), unless(isImplicit()), unless(isExpansionInSystemHeader()))
          .bind("function"),
      this);
}}

void {cls}::check(const MatchFinder::MatchResult &Result) {{
  const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (!Function->getBody())
    return;
  // The analysis of Function's body goes here (derive from
  // common/EvaluatedCodeVisitor.h to walk the code it evaluates), and each
  // mistake found is reported with diag(Loc, "...") and notes that explain it.
}}

}} // namespace clang::tidy::async
"""

PAGE = """# {check}

## What it does

Flags {flags}.

## Why is this bad

What goes wrong when this code runs: which tasks or threads stall, race or
lose work, and how it shows.

## Example

```cpp
// The mistake, in the shape real code has it, with the warning it gets.
```

## Use instead

```cpp
// The same code, right.
```

## Options

| option | default | meaning |
|---|---|---|
| `CatalogFiles` | `''` | more catalog files (JSON, [format](../catalog.md)), `;`-separated; may also be set globally for every async-* check |

`// NOLINT({check})` silences one line.

## Limits

What the check does not see (calls through pointers, other translation
units, ...): misses, never false findings.
"""

CORPUS = """// CHECKS: {check}
// NO-RUN
// The first cases of {check}: the positive case fails the corpus test until
// the check reports it. Write both in the shape real libraries' code has.

// The mistake {check} flags.
void mistake() {{
  int flagged = 0; // expect: {check}
  (void)flagged;
}}

// Code that looks like the mistake but is right: the check stays quiet.
void look_alike() {{
  int quiet = 0; // ok: {check}
  (void)quiet;
}}
"""


def insert_sorted(lines, is_entry, new_line, key=lambda line: line):
    """Inserts new_line among the consecutive entries (is_entry) in key order."""
    entries = [i for i, line in enumerate(lines) if is_entry(line)]
    if not entries:
        raise SystemExit(f"new-check: no place for {new_line.strip()!r}")
    at = entries[-1] + 1
    for i in entries:
        if key(lines[i]) > key(new_line):
            at = i
            break
    lines.insert(at, new_line)


def edit(path, change):
    with open(path) as f:
        lines = f.read().split("\n")
    change(lines)
    with open(path, "w") as f:
        f.write("\n".join(lines))


def write_new(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "x") as f:
        f.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("check", help="the check's name, async-<words>")
    parser.add_argument("--folder", help="folder under checks/ and test-corpus/ "
                                         "(default: the name without async-)")
    parser.add_argument("--class", dest="cls", help="the check's class (default: from the name)")
    parser.add_argument("--flags", help="what the check flags, for the page and the README row")
    parser.add_argument("--root", default=os.path.join(os.path.dirname(__file__), ".."),
                        help="the source tree (default: this script's)")
    args = parser.parse_args()

    check = args.check
    if not re.fullmatch(r"async-[a-z0-9]+(-[a-z0-9]+)*", check):
        parser.error(f"'{check}': a check name is async- and lowercase words joined by '-'")
    words = check[len("async-"):]
    folder = args.folder or words
    cls = args.cls or camel(words) + "Check"
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", folder):
        parser.error(f"'{folder}': a folder name is lowercase words joined by '-'")
    if not re.fullmatch(r"[A-Z][A-Za-z0-9]*Check", cls):
        parser.error(f"'{cls}': a check class is CamelCase ending in Check")
    flags = args.flags or f"what {check} finds (say it here, in the README row and the header)"
    flags = flags.rstrip(".")

    root = os.path.abspath(args.root)
    files = {
        "header": os.path.join(root, "checks", folder, f"{cls}.h"),
        "source": os.path.join(root, "checks", folder, f"{cls}.cpp"),
        "page": os.path.join(root, "docs", "checks", f"{check}.md"),
        "corpus": os.path.join(root, "test-corpus", folder, "first_cases.cpp"),
    }
    module = os.path.join(root, "checks", "module", "AsyncLintModule.cpp")
    with open(module) as f:
        if f'"{check}"' in f.read():
            sys.exit(f"new-check: {check} is registered already")
    for path in files.values():
        if os.path.exists(path):
            sys.exit(f"new-check: {os.path.relpath(path, root)} exists already")

    values = dict(check=check, folder=folder, cls=cls, flags=flags)
    write_new(files["header"], HEADER.format(banner=banner(f"{cls}.h - {check}"), **values))
    write_new(files["source"], SOURCE.format(banner=banner(f"{cls}.cpp"), **values))
    write_new(files["page"], PAGE.format(**values))
    write_new(files["corpus"], CORPUS.format(**values))

    def register(lines):
        insert_sorted(lines, lambda l: re.match(r'#include "[a-z0-9-]+/\w+Check\.h"', l),
                      f'#include "{folder}/{cls}.h"')
        insert_sorted(lines, lambda l: "Factories.registerCheck<" in l,
                      f'    Factories.registerCheck<{cls}>("{check}");',
                      key=lambda l: re.search(r'"(async-[^"]*)"', l).group(1))
    edit(module, register)

    def add_source(lines):
        at = next((i for i, l in enumerate(lines) if l.strip() == "module/AsyncLintModule.cpp"), None)
        if at is None:
            raise SystemExit("new-check: checks/CMakeLists.txt has no module/AsyncLintModule.cpp line")
        lines.insert(at, f"  {folder}/{cls}.cpp")
    edit(os.path.join(root, "checks", "CMakeLists.txt"), add_source)

    def add_row(lines):
        start = lines.index("## The checks")
        end = next(i for i in range(start + 1, len(lines) + 1)
                   if i == len(lines) or lines[i].startswith("## "))
        table = lines[start:end]
        insert_sorted(table, lambda l: l.startswith("| `async-"),
                      f"| `{check}` | {flags} | [doc](docs/checks/{check}.md) |")
        lines[start:end] = table
    edit(os.path.join(root, "README.md"), add_row)

    clang_format = shutil.which("clang-format-19") or shutil.which("clang-format")
    if clang_format:
        subprocess.run([clang_format, "-i", files["header"], files["source"], module], check=True)
    for path in list(files.values()) + [module, os.path.join(root, "checks", "CMakeLists.txt"),
                                        os.path.join(root, "README.md")]:
        print(os.path.relpath(path, root))
    print(f"next: the matcher and report in checks/{folder}/{cls}.cpp, real cases in "
          f"test-corpus/{folder}/, the prose of docs/checks/{check}.md")


if __name__ == "__main__":
    main()
