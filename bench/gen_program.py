#!/usr/bin/env python3
"""Writes a multi-unit project for the whole-program benchmark.

Usage: gen_program.py OUT_DIR CLANGXX [--units N] [--seed S]

The shape of a real Asio service split over N translation units: stores
(plain functions and classes doing file I/O, retries with a sleep, caches),
helpers that call helpers of other units (chains and cycles across units),
and session units whose asio::awaitable coroutines call them. Every unit
includes <asio.hpp>, as a real service's units do, so parsing costs what it
costs in real life. Writes OUT_DIR/compile_commands.json for the units.
"""
import argparse
import json
import os
import random


def store_unit(i, units):
    return f"""// Generated: store {i}.
#include "program.h"

#include <asio.hpp>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>

namespace store{i} {{

namespace {{
std::string read_file(const std::string &path) {{
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {{}});
}}
}} // namespace

std::string load(int id) {{
  if (id % 7 == 0)
    return cached(id);
  return read_file("/tmp/store{i}/" + std::to_string(id));
}}

std::string cached(int id) {{ return "cached-" + std::to_string(id); }}

void backoff(int attempt) {{
  if (attempt > 0)
    std::this_thread::sleep_for(std::chrono::milliseconds(attempt));
}}

int relay(int n) {{ return n <= 0 ? 0 : store{(i + 1) % units}::relay_back(n - 1); }}
int relay_back(int n) {{ return n <= 0 ? 1 : store{(i + 2) % units}::relay(n - 1); }}

}} // namespace store{i}
"""


def session_unit(i, units, rng):
    lines = [f"""// Generated: sessions {i}.
#include "program.h"

#include <asio.hpp>

#include <string>

namespace sessions{i} {{
"""]
    for h in range(6):
        s = rng.randrange(units)
        kind = rng.choice(["load", "cached", "backoff", "relay", "local"])
        call = {
            "load": f"auto text = store{s}::load(id); (void)text;",
            "cached": f"auto text = store{s}::cached(id); (void)text;",
            "backoff": f"store{s}::backoff(id);",
            "relay": f"(void)store{s}::relay(id);",
            "local": f"prepare{h}(id);",
        }[kind]
        lines.append(f"""
static void prepare{h}(int id) {{ (void)store{s}::load(id + {h}); }}

asio::awaitable<void> handle{h}(asio::ip::tcp::socket socket, int id) {{
  char buffer[512];
  std::size_t n = co_await socket.async_read_some(asio::buffer(buffer), asio::use_awaitable);
  {call}
  co_await asio::async_write(socket, asio::buffer(buffer, n), asio::use_awaitable);
}}
""")
    lines.append(f"}} // namespace sessions{i}\n")
    return "".join(lines)


def header(units):
    decls = "".join(f"""namespace store{i} {{
std::string load(int id);
std::string cached(int id);
void backoff(int attempt);
int relay(int n);
int relay_back(int n);
}} // namespace store{i}
""" for i in range(units))
    return f"// Generated: the stores' interface.\n#pragma once\n#include <string>\n{decls}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("clangxx")
    parser.add_argument("--units", type=int, default=24)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    stores = max(1, args.units // 2)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "program.h"), "w") as f:
        f.write(header(stores))
    files = []
    for i in range(stores):
        files.append(f"store{i}.cpp")
        with open(os.path.join(args.out, files[-1]), "w") as f:
            f.write(store_unit(i, stores))
    for i in range(args.units - stores):
        files.append(f"sessions{i}.cpp")
        with open(os.path.join(args.out, files[-1]), "w") as f:
            f.write(session_unit(i, stores, rng))
    commands = [{"directory": args.out, "file": os.path.join(args.out, name),
                 "arguments": [args.clangxx, "-std=c++20", "-DASIO_HAS_CO_AWAIT",
                               "-DASIO_HAS_STD_COROUTINE", "-c", name, "-o", "/dev/null"]}
                for name in files]
    with open(os.path.join(args.out, "compile_commands.json"), "w") as f:
        json.dump(commands, f, indent=1)


if __name__ == "__main__":
    main()
