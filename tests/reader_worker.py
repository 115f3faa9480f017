"""A child process that reads scenario files for the property tests.

Frames on stdin: a 4-byte big-endian length, then that many bytes of file. For each, one JSON
line on stdout: ``{"model": bool, "problems": [...]}`` or ``{"error": traceback}``. A crash of
the C YAML parser kills this process, which the parent reports with the input that did it.
"""

from __future__ import annotations

import json
import sys
import traceback

from scenario_playbook.core.model import Scenario
from scenario_playbook.core.source import read_bytes
from scenario_playbook.core.validate import to_model


def main() -> None:
    stdin, stdout = sys.stdin.buffer, sys.stdout
    while header := stdin.read(4):
        raw = stdin.read(int.from_bytes(header, "big"))
        try:
            doc = read_bytes(raw, "f.yml")
            model = to_model(doc, Scenario)
            reply = {"model": model is not None, "problems": [p.text() for p in doc.problems]}
        except BaseException:  # reported to the parent, which fails the test with it
            reply = {"error": traceback.format_exc()}
        stdout.write(json.dumps(reply) + "\n")
        stdout.flush()


if __name__ == "__main__":
    main()
