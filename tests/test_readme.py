"""README examples show real output of the current code, and its first commands stay true."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _updater():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("update_readme", ROOT / "scripts" / "update_readme.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_examples_match_the_current_output() -> None:
    updater = _updater()
    examples = updater.EXAMPLE.findall(README)
    assert len(examples) >= 5
    assert len(updater.PYTHON.findall(README)) >= 1  # the Python API, run like the commands
    assert updater.render(README) == README, "README examples are stale: run python scripts/update_readme.py"


def test_readme_opens_with_setup_commands_and_ci_runs_the_test_one() -> None:
    first_block = re.search(r"```\w*\n(.*?)```", README, re.DOTALL)
    assert first_block is not None
    commands = [
        line for line in first_block[1].splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    assert commands[0].endswith("corridors compare")
    assert "pytest" in commands[1]
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
