"""Headless Chromium, offline: a PNG of an SVG, and the page's console and network log for checks.

The browser is the one installed on the machine (Debian's ``chromium``); nothing is
downloaded. Every run is cut off from the network: background services off and every host
name resolving to nothing, so a page that tried to fetch anything would fail visibly.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from corridors.errors import OutputError

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
OFFLINE_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND",
)


def find_browser() -> str | None:
    """The path of a Chromium on this machine (CORRIDORS_BROWSER first), or None."""
    chosen = os.environ.get("CORRIDORS_BROWSER")
    if chosen:
        return shutil.which(chosen) or (chosen if Path(chosen).is_file() else None)
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass(frozen=True)
class Shot:
    png: bytes
    log: str  # the browser's stderr, with console messages (--enable-logging=stderr)
    netlog: str  # Chromium's NetLog JSON: every request the page made


def screenshot(page: Path, width: int, height: int, *, scale: float = 1.0, timeout_s: float = 90.0) -> Shot:
    """Render a local file at width x height CSS pixels (times `scale` device pixels each) and
    capture it; OutputError if that is impossible."""
    browser = find_browser()
    if browser is None:
        raise OutputError("PNG needs Chromium, and none is installed (Debian: apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="corridors-browser-") as tmp:
        out, netlog = Path(tmp) / "shot.png", Path(tmp) / "netlog.json"
        command = [
            browser,
            *OFFLINE_FLAGS,
            f"--user-data-dir={Path(tmp) / 'profile'}",
            "--enable-logging=stderr",
            "--v=0",
            f"--log-net-log={netlog}",
            f"--window-size={width},{height}",
            f"--force-device-scale-factor={scale:g}",
            f"--screenshot={out}",
            page.resolve().as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout_s, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise OutputError(f"Chromium failed to render {page.name}: {error}") from None
        if not out.is_file():
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            raise OutputError(f"Chromium made no screenshot (exit {done.returncode}): {last}")
        return Shot(
            out.read_bytes(), done.stderr, netlog.read_text(encoding="utf-8") if netlog.is_file() else ""
        )


def page_requests(netlog: str) -> list[str]:
    """URLs the page asked for beyond its own file (file: and data: aside).

    The browser's own background calls (update checks, clock, accounts) carry the initiator
    "not an origin"; they never resolve here, and they are not the page's doing.
    """
    import json

    log = json.loads(netlog)
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    found = []
    for event in log["events"]:
        params = event.get("params") or {}
        url = str(params.get("url", ""))
        if event["type"] != start or not url or url.startswith(("file:", "data:")):
            continue
        if params.get("initiator") != "not an origin":
            found.append(url)
    return found


def console_messages(log: str) -> list[str]:
    """What the page wrote to its console (errors, warnings, logs) in a --enable-logging run."""
    return [line for line in log.splitlines() if ":CONSOLE" in line]


def svg_to_png(svg: str, scale: float = 2.0) -> bytes:
    """The SVG rendered by headless Chromium at `scale` device pixels per SVG pixel (2: sharp
    on high-density screens and in print)."""
    import re

    match = re.search(r'<svg[^>]*\swidth="(\d+)"[^>]*\sheight="(\d+)"', svg)
    if match is None:
        raise OutputError("the SVG has no width and height to render at")
    width, height = int(match.group(1)), int(match.group(2))
    with tempfile.TemporaryDirectory(prefix="corridors-svg-") as tmp:
        page = Path(tmp) / "map.svg"
        page.write_text(svg, encoding="utf-8")
        return screenshot(page, width, height, scale=scale).png
