"""-o targets that are not plain new files: links, devices, FIFOs, the input itself, long
names, and a run killed with SIGTERM mid-write. Real processes, real files (Linux)."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import diamond

LINUX = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux devices, FIFOs, signals")
ENV = {**os.environ, "CORRIDORS_DATA": "", "PYTHONIOENCODING": "utf-8"}


def corridors(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "corridors", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=ENV,
        cwd=cwd,
        check=False,
    )


def refused(done: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert done.returncode == 7, done.stderr
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("corridors: error: cannot write "), done.stderr
    assert fragment in lines[0]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_symlink_is_written_through_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert corridors("nodes", "-o", str(link)).returncode == 0
    assert link.is_symlink() and link.readlink() == real
    assert real.read_text(encoding="utf-8").startswith("id,name,")
    assert leftovers(tmp_path) == []


def test_a_dangling_symlink_creates_the_file_it_names(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "out" / "made.json")
    assert corridors("nodes", "--json", "-o", str(link)).returncode == 0
    assert link.is_symlink()
    assert json.loads((tmp_path / "out" / "made.json").read_text(encoding="utf-8"))["nodes"]


@LINUX
def test_a_device_is_refused_and_left_a_device() -> None:
    refused(corridors("nodes", "-o", "/dev/null"), "it is not a regular file (a device or a FIFO)")
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


@LINUX
def test_a_fifo_is_refused_at_once_and_left_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    refused(corridors("nodes", "-o", str(fifo)), "it is not a regular file")
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_the_input_network_is_never_overwritten(tmp_path: Path) -> None:
    net = tmp_path / "net.json"
    net.write_text(json.dumps(diamond()), encoding="utf-8")
    before = net.read_bytes()
    refused(
        corridors("nodes", "--data", str(net), "-o", str(net)), "it is the network file this command reads"
    )
    link = tmp_path / "alias.json"  # the same file by another name
    link.symlink_to(net)
    refused(corridors("validate", str(net), "-o", str(link)), "it is the network file")
    assert net.read_bytes() == before


def test_a_name_too_long_is_one_line_and_a_long_valid_one_works(tmp_path: Path) -> None:
    refused(corridors("nodes", "-o", str(tmp_path / ("n" * 300 + ".csv"))), "file name too long")
    longest = tmp_path / ("ж" * 123 + ".csv")  # 250 bytes: valid, though a temporary name built
    assert len(longest.name.encode()) == 250  # from all of it would not be
    done = corridors("nodes", "-o", str(longest))
    assert done.returncode == 0, done.stderr
    assert longest.read_text(encoding="utf-8").startswith("id,")


@LINUX
def test_sigterm_during_the_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    # A batch streams its answers into the file: thousands of queries keep the write open.
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("from,to\n" + "Xi'an,Duisburg\nAktau,Baku\n" * 20_000, encoding="utf-8")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "corridors",
            "path",
            "--batch",
            str(pairs),
            "-o",
            str(tmp_path / "out.ndjson"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=ENV,
    )
    deadline = time.monotonic() + 120
    while not leftovers(tmp_path) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert leftovers(tmp_path), "the write never started (or ended before the signal)"
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 128 + signal.SIGTERM
    assert leftovers(tmp_path) == []
    assert not (tmp_path / "out.ndjson").exists()  # all or nothing
