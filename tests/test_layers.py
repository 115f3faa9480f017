"""The layers hold: nothing under ``core/`` imports MkDocs, so the core runs and is tested
without a build (the rule ARCHITECTURE.md states)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import scenario_playbook

PACKAGE = Path(scenario_playbook.__file__).parent
CORE = PACKAGE / "core"
CORE_MODULES = sorted(CORE.rglob("*.py"))


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, at any depth of its code (absolute names)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_the_core_has_modules():
    assert len(CORE_MODULES) >= 10


def test_no_core_module_imports_mkdocs():
    offenders = {
        path.relative_to(PACKAGE).as_posix(): sorted(
            m for m in imported_modules(path) if m.split(".")[0] == "mkdocs"
        )
        for path in CORE_MODULES
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_no_core_module_reaches_outside_the_core():
    """Relative imports from the core stay in the core (``..render`` would bring MkDocs in
    through the back door one day)."""
    outside = []
    for path in CORE_MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level > 1:
                outside.append(f"{path.name}: from {'.' * node.level}{node.module or ''}")
    assert outside == []


def test_importing_the_whole_core_loads_no_mkdocs():
    names = [
        "scenario_playbook.core." + p.relative_to(CORE).with_suffix("").as_posix().replace("/", ".")
        for p in CORE_MODULES
        if p.name != "__init__.py"
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
