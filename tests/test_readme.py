"""The README's two commands are what a new user runs; CI must run the same test command."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)```", readme.split("## What it does")[0], re.S)
    return [line for block in blocks for line in block.splitlines() if not line.startswith("#")]


def test_readme_has_two_commands_build_and_test():
    commands = _readme_commands()
    assert len(commands) == 2
    assert commands[0].endswith("agencygraph build")
    assert commands[1].endswith("pytest")


def test_ci_runs_the_readme_test_command_as_written():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert _readme_commands()[1] in ci
