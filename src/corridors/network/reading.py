"""Reading input files (a network, a batch, pairs): bounded, never blocking, every failure said in words.

Every file input goes through `open_input`, which refuses what is not a file before reading a
byte: a directory, a device (/dev/zero would never end), a socket. A pipe (`<(...)`, a FIFO)
is read, as a shell user expects; a FIFO no program writes to reads as empty instead of
waiting forever. `read_bounded` reads at most MAX+1 bytes, so a file that grows, or a pipe that
never ends, stops at the limit instead of filling memory.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path
from typing import Any, BinaryIO

from corridors.errors import DataError

MAX_FILE_BYTES = 256 * 1024 * 1024  # a 100,000-node network is ~60 MB; stops runaway inputs
# Nesting deeper than the JSON parser accepts (about 1,000 levels in CPython) is refused too;
# a network file needs five.
READ_CHUNK = 1 << 16  # a pipe is read 64 KiB at a time (its buffer size)
EXACT_INT_DIGITS = 15  # longer integers are read as floats: no file needs them exact, and none may overflow

_REASONS = {
    errno.ENOENT: "file not found",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EISDIR: "is a directory, not a file",
    errno.ELOOP: "a loop of symbolic links",
    errno.ENAMETOOLONG: "file name too long",
    errno.ENOTDIR: "a part of the path is not a directory",
}


# (st_dev, st_ino) of each network file read in this run: -o refuses to replace one of them.
# The CLI clears it at the start of each command (tests run many in one process).
READ_FILES: set[tuple[int, int]] = set()


class TooLargeError(OSError):
    """An input over its limit; a separate class so callers can say the limit."""


def reason(err: OSError) -> str:
    """An OSError in a few words, for the one error line."""
    return _REASONS.get(err.errno or 0) or (err.strerror or str(err)).lower()


def open_input(file: Path | str) -> BinaryIO:
    """`file` opened for reading, if it is a regular file or a pipe; OSError otherwise.

    O_NONBLOCK keeps the open from waiting for a FIFO's writer; it is cleared at once, so
    the reads block as usual (and a FIFO with no writer reads as empty: end of file).
    """
    fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory, not a file")
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
            kind = "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file"
            raise OSError(errno.ENODEV, f"{kind}, not a file" if kind == "a device" else kind)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bounded(file: Path | str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The whole content of `file`, at most `limit` bytes; TooLargeError (or another OSError) otherwise."""
    with open_input(file) as handle:
        info = os.fstat(handle.fileno())
        size = info.st_size
        READ_FILES.add((info.st_dev, info.st_ino))
        if stat.S_ISREG(info.st_mode) and size > limit:
            raise TooLargeError(errno.EFBIG, f"file is {size:,} bytes; the limit is {limit // 2**20} MiB")
        raw = _read_up_to(handle, limit + 1, size + 1 if stat.S_ISREG(info.st_mode) else READ_CHUNK)
    if len(raw) > limit:
        raise TooLargeError(errno.EFBIG, f"more than {limit:,} bytes; the limit is {limit // 2**20} MiB")
    return raw


def _read_up_to(handle: BinaryIO, most: int, first: int) -> bytes:
    """At most `most` bytes, the first read `first` long (a regular file's size + 1: one read).

    A pipe or a file that grows says its size only by the reads; none asks for more than is
    left of `most`, so memory never holds more than the limit.
    """
    parts: list[bytes] = []
    total = 0
    want = first
    while total < most:
        piece = handle.read(min(max(want, 1), most - total))
        if not piece:
            break
        parts.append(piece)
        total += len(piece)
        want = READ_CHUNK
    return parts[0] if len(parts) == 1 else b"".join(parts)


def read_json(file: Path) -> object:
    """The decoded JSON of a network file, or DataError saying what is wrong with the file."""
    label = str(file)
    try:
        raw = read_bounded(file)
    except TooLargeError as err:
        raise DataError(label, [err.strerror or str(err)]) from None
    except IsADirectoryError:
        raise DataError(label, ["is a directory, not a network file"]) from None
    except OSError as err:
        raise DataError(label, [reason(err)]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise DataError(label, [f"not UTF-8 text (byte {err.start})"]) from None
    if not text.strip():
        raise DataError(label, ["file is empty"])
    try:
        return json.loads(
            text,
            parse_constant=_reject_constant,
            parse_int=_integer,
            parse_float=_float,
            object_pairs_hook=_unique_keys,
        )
    except json.JSONDecodeError as err:
        raise DataError(
            label, [f"not valid JSON: {err.msg} at line {err.lineno}, column {err.colno}"]
        ) from None
    except ValueError as err:  # from the hooks below
        raise DataError(label, [f"not valid JSON: {err}"]) from None
    except RecursionError:
        raise DataError(label, ["not valid JSON: nested too deeply"]) from None


class Overflow(float):
    """A number literal beyond the largest float: infinite, but shown as the file wrote it.

    The checks then name its place (`edges[3].km: must be a finite number, got 99999999...`)
    instead of the parser failing without one, or Python's 4,300-digit integer limit firing.
    """

    literal: str

    def __new__(cls, literal: str) -> Overflow:
        made = super().__new__(cls, "-inf" if literal.startswith("-") else "inf")
        made.literal = literal
        return made

    def __repr__(self) -> str:
        return self.literal


def _integer(literal: str) -> int | float:
    if len(literal.lstrip("-")) <= EXACT_INT_DIGITS:
        return int(literal)
    return _float(literal)


def _float(literal: str) -> float:
    value = float(literal)
    return Overflow(literal) if value in (float("inf"), float("-inf")) else value


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)  # in C; a key given twice shows as a shorter dict
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {key!r}")
            seen.add(key)
    return result
