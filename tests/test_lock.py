"""Every machine installs exactly the committed lock: uv.lock, pinned uv, no bare pip installs."""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_the_lock_matches_pyproject():
    """`uv lock --check` fails when pyproject.toml's dependencies changed without `make lock`."""
    uv = ROOT / ".cache" / "uv-tool" / "bin" / "uv"
    command = str(uv) if uv.exists() else "uv"
    result = subprocess.run(
        [command, "lock", "--check", "--offline"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "UV_PYTHON_DOWNLOADS": "never", "HOME": str(Path.home())},
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_every_locked_package_has_hashes():
    lock = tomllib.loads((ROOT / "uv.lock").read_text())
    for package in lock["package"]:
        if package.get("source", {}).get("editable") or package.get("source", {}).get("virtual"):
            continue
        files = package.get("wheels", []) + ([package["sdist"]] if "sdist" in package else [])
        assert files, package["name"]
        assert all(f.get("hash", "").startswith("sha256:") for f in files), package["name"]


def test_the_lock_covers_linux_and_macos_on_python_311_and_newer():
    lock = tomllib.loads((ROOT / "uv.lock").read_text())
    assert lock["requires-python"] == ">=3.11"
    environments = " ".join(lock["supported-markers"])
    assert "linux" in environments and "darwin" in environments


def test_uv_itself_is_pinned_with_hashes():
    text = (ROOT / "scripts" / "uv-requirements.txt").read_text()
    assert re.search(r"^uv==\d+\.\d+\.\d+ \\$", text, re.M)
    assert len(re.findall(r"--hash=sha256:[0-9a-f]{64}", text)) >= 4


def test_workflows_install_only_through_make():
    """No workflow resolves dependencies on its own: pip installs would bypass the lock."""
    for path in WORKFLOWS:
        flow = yaml.safe_load(path.read_text())
        for job in flow["jobs"].values():
            for step in job["steps"]:
                run = step.get("run", "")
                assert "pip install" not in run, (path.name, run)


def test_the_latest_workflow_upgrades_weekly_and_runs_the_whole_suite():
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "latest.yml").read_text())
    triggers = flow[True]  # YAML 1.1 reads the key 'on' as True
    assert "workflow_dispatch" in triggers and triggers["schedule"][0]["cron"]
    assert flow["permissions"] == {"contents": "read"}
    runs = [step.get("run", "") for step in flow["jobs"]["newest"]["steps"]]
    assert "make upgrade" in runs
    assert any(run.startswith("make test") for run in runs)
