"""Writing output files so that a failed or interrupted run never leaves a broken one.

The text goes to a temporary file in the target's directory, is flushed to disk, and
only then replaces the target with ``os.replace`` (atomic on POSIX and Windows when both
sit on the same file system, which the shared directory guarantees).

-o through a symbolic link replaces the file the link points to, atomically, and keeps the
link: the user named the file they meant. A device, a FIFO or a directory is refused (a
replace would swap /dev/null for a file, or never end), and so is the network file the
command read. SIGTERM during the write removes the temporary file before the exit.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from corridors.errors import OutputError
from corridors.network.reading import READ_FILES, reason
from corridors.safetext import ESCAPE_ERRORS

TEMP_NAME_CHARS = 50  # of the target's name in the temporary one: under 255 bytes even in 4-byte UTF-8


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; give a new one the umask's usual ones."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: str | Path, chunks: Iterable[str]) -> None:
    """Write `chunks` (UTF-8) to `path`, all or nothing.

    Any exception while the chunks are produced or written (including KeyboardInterrupt)
    removes the temporary file and leaves an existing `path` untouched; OS errors become
    OutputError, others propagate unchanged.
    """
    _write(path, chunks, binary=False)


def write_atomic_bytes(path: str | Path, data: bytes) -> None:
    """Write `data` (a PNG, say) to `path`, all or nothing, as `write_atomic` does text."""
    _write(path, [data], binary=True)


def _write(path: str | Path, chunks: Iterable[Any], *, binary: bool) -> None:
    target = Path(path)
    real = _destination(target)
    try:
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{real.name[:TEMP_NAME_CHARS]}.", suffix=".tmp", dir=real.parent
        )
    except OSError as err:
        raise OutputError(f"cannot write {target}: {reason(err)}") from None
    temp = Path(temp_name)
    try:
        with _terminated_as_exit():
            _fill(handle, chunks, binary=binary)
            temp.chmod(_mode_for(real))
            temp.replace(real)
    except OSError as err:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise OutputError(f"cannot write {target}: {reason(err)}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def _fill(handle: int, chunks: Iterable[Any], *, binary: bool) -> None:
    """Write the chunks to the open temporary file and flush them to disk."""
    with (
        os.fdopen(handle, "wb")
        if binary
        else os.fdopen(handle, "w", encoding="utf-8", errors=ESCAPE_ERRORS, newline="")
    ) as out:
        for chunk in chunks:
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())


def _destination(target: Path) -> Path:
    """The file to replace: `target`, or what its symbolic links point to; never a device,
    a FIFO, a directory or the network file this run read (OutputError for each)."""
    try:
        info = target.stat()  # follows symbolic links
    except FileNotFoundError:
        info = None  # a new file (or a link to one still to be made)
    except OSError as err:
        raise OutputError(f"cannot write {target}: {reason(err)}") from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise OutputError(f"cannot write {target}: it is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise OutputError(
                f"cannot write {target}: it is not a regular file (a device or a FIFO); "
                "leave out -o to write to stdout"
            )
        if (info.st_dev, info.st_ino) in READ_FILES:
            raise OutputError(f"cannot write {target}: it is the network file this command reads")
    return Path(os.path.realpath(target))


@contextlib.contextmanager
def _terminated_as_exit() -> Iterator[None]:
    """SIGTERM during the write raises SystemExit, so the temporary file is removed on the way out."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminated(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
