"""Rewrite every golden ``tests/bad/**/*.expected`` file from what the checks report now, and
print the diff (``make golden``). Review it: each changed line is a changed message.

The generated cases' expectations live in ``tests/golden.py`` (``GENERATED``); this script
prints, but does not edit, those that differ.
"""

from __future__ import annotations

import difflib
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from golden import (
    BAD,
    CASES,
    GENERATED,
    ROOT,
    TAXONOMY_CASES,
    load,
    load_generated,
    load_taxonomy,
    shown,
)


def main() -> int:
    changed = 0
    for case in CASES + TAXONOMY_CASES:
        expected = case.with_suffix(".expected")
        old = expected.read_text(encoding="utf-8").splitlines() if expected.exists() else []
        loaded = load_taxonomy(case) if case in TAXONOMY_CASES else load([case])
        new = shown(loaded.problems)
        if new != old:
            changed += 1
            name = expected.relative_to(ROOT).as_posix()
            sys.stdout.writelines(
                line + "\n" for line in difflib.unified_diff(old, new, name, name, lineterm="")
            )
            expected.write_text("".join(line + "\n" for line in new), encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        for name, (_, old) in GENERATED.items():
            new = shown(load_generated(name, Path(folder)).problems)
            if new != old:
                changed += 1
                print(f"tests/golden.py GENERATED[{name!r}] should expect: {new!r}")
    print(f"{changed} golden case(s) changed of {len(CASES) + len(GENERATED)} in {BAD.name}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
