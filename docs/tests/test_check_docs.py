#!/usr/bin/env python3
"""The drift checks themselves find drift (a test that cannot fail proves nothing)."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_docs  # noqa: E402

GOOD_PAGE = """# async-x

## What it does

Flags a thing.

```cpp
# not a heading: a preprocessor line in a code block
```

## Why is this bad

Because.

## Example

```cpp
f();
```

## Use instead

g().

## Options

| option | default | meaning |
|---|---|---|
| `Names` | `''` | more names |
| `Follow` | `true` | follow calls |
| `Depth` | `3` | how deep |

### A subsection

| key | meaning |
|---|---|
| `not_an_option` | catalog key |

## Limits

Misses.
"""


class Headings(unittest.TestCase):
    def test_the_fixed_shape_passes(self):
        self.assertEqual(check_docs.heading_problems("async-x", GOOD_PAGE), [])

    def test_a_missing_renamed_or_moved_section_fails(self):
        for broken in (
            GOOD_PAGE.replace("## Limits", "## Known limits"),
            GOOD_PAGE.replace("## Use instead\n\ng().\n\n", ""),
            GOOD_PAGE.replace("# async-x\n", "# async-x\n\nIntro first.\n"),
            GOOD_PAGE.replace("# async-x", "# async-y"),
            GOOD_PAGE.replace("Because.", ""),
            GOOD_PAGE + "\n# Another title\n",
            GOOD_PAGE.replace("Because.", "Because (seed lesson 3)."),
        ):
            self.assertNotEqual(check_docs.heading_problems("async-x", broken), [], broken)


class Options(unittest.TestCase):
    def test_reads_the_first_table_of_options_only(self):
        self.assertEqual(
            check_docs.documented_options(GOOD_PAGE), {"Names": "", "Follow": "true", "Depth": "3"}
        )

    def test_probe_values_differ_from_the_defaults(self):
        self.assertEqual(check_docs.probe_value("c", "Follow", "true"), "false")
        self.assertEqual(check_docs.probe_value("c", "Depth", "3"), "4")
        self.assertNotEqual(check_docs.probe_value("c", "Names", ""), "")

    def problems(self, stored_defaults, stored_probed):
        documented = {"async-x": {"Names": "", "Follow": "true"}}
        probes = {"async-x.Names": "probe", "async-x.Follow": "false"}
        key = lambda d: {("async-x", k): v for k, v in d.items()}
        return check_docs.option_problems(
            documented, key(stored_defaults), key(stored_probed), probes
        )

    def test_what_matches_passes(self):
        self.assertEqual(
            self.problems({"Names": "", "Follow": "true"}, {"Names": "probe", "Follow": "false"}),
            [],
        )

    def test_an_undocumented_or_unstored_option_fails(self):
        self.assertEqual(
            len(self.problems({"Names": "", "Folow": "true"}, {"Names": "probe", "Folow": "true"})),
            2,
        )

    def test_a_wrong_default_fails(self):
        self.assertEqual(
            len(self.problems({"Names": "", "Follow": "false"}, {"Names": "probe", "Follow": "false"})),
            1,
        )

    def test_a_value_read_under_another_name_fails(self):
        # Stored as Names, read as something else: the probe does not come back.
        self.assertEqual(
            len(self.problems({"Names": "", "Follow": "true"}, {"Names": "", "Follow": "false"})), 1
        )


class Tables(unittest.TestCase):
    def test_rows_skip_the_header_and_the_rule(self):
        rows = check_docs.table_rows(["| a | b |", "|---|---|", "| `x` | 1 |", "", "| c | d |"])
        self.assertEqual(rows, [["`x`", "1"]])


if __name__ == "__main__":
    unittest.main()
