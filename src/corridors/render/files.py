"""Writing output files so that a failed or interrupted run never leaves a broken one.

The text goes to a temporary file in the target's directory, is flushed to disk, and
only then replaces the target with ``os.replace`` (atomic on POSIX and Windows when both
sit on the same file system, which the shared directory guarantees).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from corridors.errors import OutputError
from corridors.safetext import ESCAPE_ERRORS


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
    directory = target.parent
    if target.is_dir():
        raise OutputError(f"cannot write {target}: it is a directory")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as err:
        raise OutputError(f"cannot write {target}: {err.strerror or err}") from None
    temp = Path(temp_name)
    try:
        with (
            os.fdopen(handle, "wb")
            if binary
            else os.fdopen(handle, "w", encoding="utf-8", errors=ESCAPE_ERRORS, newline="")
        ) as out:
            for chunk in chunks:
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        temp.chmod(_mode_for(target))
        temp.replace(target)
    except OSError as err:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise OutputError(f"cannot write {target}: {err.strerror or err}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
