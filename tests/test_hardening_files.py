"""Files that are not files, for every file input (--data, validate FILE, --batch, --pairs).

Each run is a real process with a timeout: before, `--data /dev/zero` read until memory ran
out and a FIFO with no writer blocked forever. Linux only for devices and FIFOs.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from corridors.cli import app
from corridors.network.reading import TooLargeError, read_bounded

LINUX = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux devices and FIFOs")
TIMEOUT = 60  # seconds; each case takes well under one when it does not hang


def run(
    *args: str, cwd: Path | None = None, pass_fds: tuple[int, ...] = ()
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CORRIDORS_DATA": ""}
    return subprocess.run(
        [sys.executable, "-m", "corridors", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=env,
        cwd=cwd,
        pass_fds=pass_fds,
        check=False,
    )


def one_error_line(done: subprocess.CompletedProcess[str], code: int, fragment: str) -> None:
    assert done.returncode == code, done.stderr
    if done.args[3] == "validate":  # validate's problems are its data, on stdout
        assert done.stdout.splitlines() == [fragment] or fragment in done.stdout, done.stdout
        fragment = "1 problem"
    else:
        assert done.stdout == ""
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("corridors: error: "), done.stderr
    assert fragment in lines[0], done.stderr


# Each file input, as the arguments that give it FILE, and the exit code its errors have.
INPUTS = {
    "data": (lambda f: ["nodes", "--data", f], 3),
    "validate": (lambda f: ["validate", f], 3),
    "batch": (lambda f: ["path", "--batch", f], 2),
    "pairs": (lambda f: ["projects", "--pairs", f], 2),
}


@LINUX
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
@pytest.mark.parametrize("what", sorted(INPUTS))
def test_a_device_is_refused_before_a_byte_is_read(what: str, device: str) -> None:
    args, code = INPUTS[what]
    one_error_line(run(*args(device)), code, "a device, not a file")


@LINUX
@pytest.mark.parametrize("what", sorted(INPUTS))
def test_a_fifo_nobody_writes_to_does_not_block(what: str, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    args, code = INPUTS[what]
    done = run(*args(str(fifo)))
    # Read as an empty file: the network and pairs say so; a batch of no lines is no queries.
    if what == "batch":
        assert done.returncode == 0 and done.stdout == "" and "Traceback" not in done.stderr
    else:
        one_error_line(done, code, "empty" if what in ("data", "validate") else "has no pairs")


@LINUX
def test_a_pipe_with_a_writer_is_read_like_a_file(tmp_path: Path) -> None:
    # `corridors nodes --data <(gunzip -c net.json.gz)`: the shell passes /dev/fd/N, a pipe.
    bundled = Path(__file__).resolve().parents[1] / "data" / "routes.json"
    read_end, write_end = os.pipe()
    writer = threading.Thread(target=_feed, args=(write_end, bundled.read_bytes()))
    writer.start()
    try:
        done = run("nodes", "--data", f"/dev/fd/{read_end}", "--format", "csv", pass_fds=(read_end,))
    finally:
        os.close(read_end)
        writer.join()
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].startswith("id,")


def _feed(fd: int, data: bytes) -> None:
    with os.fdopen(fd, "wb") as out:
        out.write(data)


@LINUX
def test_an_endless_pipe_stops_at_the_limit(tmp_path: Path) -> None:
    fifo = tmp_path / "endless"
    os.mkfifo(fifo)
    # O_RDWR opens a FIFO without waiting for a reader, so the writer exists before the read
    # (a FIFO nobody writes to reads as empty); non-blocking, so the writer can always stop.
    fd = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)
    stop = threading.Event()

    def endless() -> None:
        while not stop.is_set():
            try:
                os.write(fd, b"x" * 4096)
            except BlockingIOError:  # the pipe is full: the reader is slower, or done
                stop.wait(0.001)

    writer = threading.Thread(target=endless)
    writer.start()
    try:
        with pytest.raises(TooLargeError, match="the limit is"):
            read_bounded(fifo, limit=10 * 4096)
    finally:
        stop.set()
        writer.join()
        os.close(fd)


def test_a_file_grown_past_the_limit_is_refused_by_the_read_not_the_size(tmp_path: Path) -> None:
    path = tmp_path / "net.json"
    path.write_bytes(b" " * 101)
    assert read_bounded(path, limit=101) == b" " * 101
    with pytest.raises(TooLargeError, match="101 bytes; the limit"):
        read_bounded(path, limit=100)


@pytest.mark.parametrize("what", sorted(INPUTS))
def test_a_directory_is_refused(what: str, tmp_path: Path) -> None:
    args, code = INPUTS[what]
    one_error_line(run(*args(str(tmp_path))), code, "is a directory")


@pytest.mark.parametrize("what", sorted(INPUTS))
def test_a_symlink_loop_is_refused(what: str, tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    args, code = INPUTS[what]
    one_error_line(run(*args(str(tmp_path / "a"))), code, "a loop of symbolic links")


@pytest.mark.parametrize("what", sorted(INPUTS))
def test_a_file_name_too_long_is_refused(what: str, tmp_path: Path) -> None:
    args, code = INPUTS[what]
    one_error_line(run(*args(str(tmp_path / ("n" * 300)))), code, "file name too long")


@pytest.mark.parametrize("what", sorted(INPUTS))
def test_an_unreadable_file_is_refused(what: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.csv"
    path.write_text("from,to\nAktau,Baku\n")
    path.chmod(0)
    args, code = INPUTS[what]
    if os.geteuid() != 0:
        one_error_line(run(*args(str(path))), code, "permission denied")
        return
    # root (as in CI) reads any file whatever its mode: the open fails as the kernel fails a user's
    real_open = os.open

    def refuse(file: object, *rest: Any, **named: Any) -> int:
        if str(file) == str(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, *rest, **named)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    monkeypatch.setenv("CORRIDORS_DATA", "")
    result = CliRunner().invoke(app, args(str(path)))
    assert result.exit_code == code, result.stderr
    shown = result.stdout if args("x")[0] == "validate" else result.stderr
    assert "permission denied" in shown.lower() and "Traceback" not in result.stderr, shown


def test_a_small_file_is_read_without_reserving_the_limit(tmp_path: Path) -> None:
    # Before, one read(limit + 1) asked for 256 MiB up front for every file, however small.
    import tracemalloc

    path = tmp_path / "small.json"
    path.write_bytes(b"{}" * 1000)
    tracemalloc.start()
    try:
        assert read_bounded(path) == b"{}" * 1000
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024
