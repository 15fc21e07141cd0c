#!/usr/bin/env python3
"""scripts/new-check.py on a copy of the tree: what it writes compiles, links into a
plugin that clang-tidy loads, registers the check, and passes the docs tests.

  new_check_test.py SOURCE_DIR BUILD_DIR CLANG_TIDY

Cheap by design: only the two files the scaffold writes or changes are compiled
(without optimisation); the rest of the plugin is the built checks library.
"""

import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

CHECK = "async-scaffold-probe"
FOLDER = "scaffold-probe"
CLASS = "ScaffoldProbeCheck"


def run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit(f"FAILED ({result.returncode}): {shlex.join(command)}\n{result.stdout}{result.stderr}")
    return result.stdout


def compile_like(build, source_root, model, copy_root, source, obj):
    """Compiles source with the flags the build used for model, the copy's checks/ first."""
    for entry in json.load(open(os.path.join(build, "compile_commands.json"))):
        if entry["file"] == os.path.join(source_root, model):
            args = entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])
            break
    else:
        sys.exit(f"{model} is not in the compile database")
    out = []
    skip = False
    for arg in args:
        if skip:
            skip = False
            continue
        if arg in ("-o", "-c"):
            skip = True
            continue
        if arg.startswith("-O") or arg == "-g":
            continue
        out.append(arg.replace(f"-I{source_root}/checks", f"-I{copy_root}/checks"))
    run(out + ["-O0", "-c", source, "-o", obj], cwd=build)


def main():
    source_root, build, clang_tidy = (os.path.abspath(a) for a in sys.argv[1:4])
    with tempfile.TemporaryDirectory(prefix="asynclint-new-check-") as copy:
        for folder in ("checks", "docs"):
            shutil.copytree(os.path.join(source_root, folder), os.path.join(copy, folder))
        for name in ("README.md", ".clang-format"):
            shutil.copy(os.path.join(source_root, name), copy)
        os.makedirs(os.path.join(copy, "test-corpus"))
        os.symlink(os.path.join(source_root, "test-corpus", "include"),
                   os.path.join(copy, "test-corpus", "include"))

        scaffold = [sys.executable, os.path.join(source_root, "scripts", "new-check.py"), CHECK,
                    "--root", copy, "--flags", "a probe of the new-check scaffold"]
        print(run(scaffold))
        if subprocess.run(scaffold, capture_output=True).returncode == 0:
            sys.exit("a second run for the same check must refuse, not overwrite")
        source = os.path.join(copy, "checks", FOLDER, f"{CLASS}.cpp")
        module = os.path.join(copy, "checks", "module", "AsyncLintModule.cpp")
        with open(os.path.join(copy, "checks", "CMakeLists.txt")) as f:
            if f"  {FOLDER}/{CLASS}.cpp\n" not in f.read():
                sys.exit("the check's source is not in checks/CMakeLists.txt")

        # The plugin: the new check and module, plus the built checks library
        # without its own module (which would register the module twice).
        compile_like(build, source_root, "checks/immediate-await/ImmediateAwaitCheck.cpp", copy,
                     source, os.path.join(copy, "check.o"))
        compile_like(build, source_root, "checks/module/AsyncLintModule.cpp", copy, module,
                     os.path.join(copy, "module.o"))
        library = os.path.join(copy, "checks.a")
        shutil.copy(os.path.join(build, "lib", "libasynclint_checks.a"), library)
        run(["ar", "d", library, "AsyncLintModule.cpp.o"])
        plugin = os.path.join(copy, "libProbe.so")
        clangxx = os.path.join(os.path.dirname(os.path.realpath(clang_tidy)), "clang++")
        run([clangxx, "-shared", "-o", plugin, os.path.join(copy, "check.o"),
             os.path.join(copy, "module.o"), "-Wl,--whole-archive", library,
             "-Wl,--no-whole-archive", os.path.join(build, "lib", "libasynclint_catalog.a")])

        check_docs = [sys.executable, os.path.join(source_root, "docs", "tests", "check_docs.py"),
                      "--root", copy, "--clang-tidy", clang_tidy, "--plugin", plugin]
        for what in ("headings", "checks", "options"):
            print(run(check_docs + [what]))
        listed = run([clang_tidy, f"--load={plugin}", "--checks=-*,async-*", "--list-checks"],
                     cwd=copy)
        if CHECK not in listed.split():
            sys.exit(f"the plugin does not register {CHECK}:\n{listed}")

        # The corpus file compiles against the real headers, and the check runs on it.
        corpus = os.path.join(copy, "test-corpus", FOLDER, "first_cases.cpp")
        tidy = subprocess.run([clang_tidy, f"--load={plugin}", f"--checks=-*,{CHECK}", corpus,
                               "--", "-std=c++20"], capture_output=True, text=True, cwd=copy)
        if tidy.returncode != 0 or "error:" in tidy.stdout + tidy.stderr:
            sys.exit(f"clang-tidy on the first corpus cases:\n{tidy.stdout}{tidy.stderr}")

        clang_format = shutil.which("clang-format-19")
        if clang_format:
            run([clang_format, "--dry-run", "--Werror", source, module,
                 os.path.join(copy, "checks", FOLDER, f"{CLASS}.h")], cwd=copy)
    print("new-check: the scaffold compiles, registers and passes the docs tests")


if __name__ == "__main__":
    main()
