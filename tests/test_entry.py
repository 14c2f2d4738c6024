"""Ctrl-C at any moment is one line and exit 130, even while the command line is still importing."""

from __future__ import annotations

import subprocess
import sys

# The interrupt arrives exactly while `corridors.cli` (typer, rich, networkx) is being imported.
DURING_IMPORT = """
import importlib.abc, os, signal, sys
class Interrupt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "corridors.cli":
            os.kill(os.getpid(), signal.SIGINT)
        return None
sys.meta_path.insert(0, Interrupt())
sys.argv = ["corridors", "compare"]
from corridors.entry import main
main()
"""


def test_ctrl_c_while_importing_is_one_line_and_exit_130() -> None:
    done = subprocess.run(
        [sys.executable, "-c", DURING_IMPORT], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 130
    assert done.stderr == "corridors: error: interrupted\n"
    assert done.stdout == ""


def test_without_the_handler_python_would_print_a_traceback() -> None:
    """The oracle for the test above: the same interrupt through the bare cli entry is a traceback."""
    bare = DURING_IMPORT.replace("from corridors.entry import main", "from corridors.cli import main")
    done = subprocess.run(
        [sys.executable, "-c", bare], capture_output=True, text=True, timeout=120, check=False
    )
    assert "KeyboardInterrupt" in done.stderr
