"""The maps and the report in a real browser (headless Chromium, offline): they load with no
console message, ask for nothing over the network, and draw a map, not a blank page; the report
prints on A4 pages.

CI installs Debian's chromium and sets CORRIDORS_REQUIRE_BROWSER=1, so a missing browser fails
there instead of skipping; elsewhere the tests skip when no Chromium is installed.
"""

from __future__ import annotations

import io
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from corridors.cli import app
from corridors.render.browser import console_messages, find_browser, page_requests, screenshot
from corridors.render.svgmap import LAND, SEA

REQUIRED = os.environ.get("CORRIDORS_REQUIRE_BROWSER") == "1"
pytestmark = pytest.mark.skipif(
    find_browser() is None and not REQUIRED,
    reason="no Chromium installed (CI installs it and sets CORRIDORS_REQUIRE_BROWSER=1)",
)


def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def test_a_browser_is_installed_where_one_is_required() -> None:
    assert find_browser() is not None


def test_the_checks_catch_a_page_that_phones_home(tmp_path: Path) -> None:
    # the control: without it a check that never fires would pass every map
    page = tmp_path / "bad.html"
    page.write_text(
        '<html><body><img src="http://example.com/x.png">'
        '<script>console.error("boom"); fetch("https://example.org/data.json")</script></body></html>',
        encoding="utf-8",
    )
    shot = screenshot(page, 400, 300)
    assert {"http://example.com/x.png", "https://example.org/data.json"} <= set(page_requests(shot.netlog))
    assert any('"boom"' in line for line in console_messages(shot.log))


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("network", []),
        ("route", ["--from", "Xian", "--to", "Duisburg"]),
        ("kazakhstan-2027", ["--region", "kazakhstan", "--as-of", "2027"]),
        ("eurasia", ["--region", "eurasia", "--from", "Xian", "--to", "Duisburg", "--compare"]),
    ],
)
def test_maps_render_offline_and_are_not_blank(name: str, args: list[str], tmp_path: Path) -> None:
    page = tmp_path / f"{name}.svg"
    result = CliRunner().invoke(app, ["map", *args, "-o", str(page)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    root = ET.parse(page).getroot()
    width, height = int(root.get("width", "0")), int(root.get("height", "0"))
    shot = screenshot(page, width, height)

    assert page_requests(shot.netlog) == []
    assert console_messages(shot.log) == []
    image = Image.open(io.BytesIO(shot.png)).convert("RGB")
    assert image.size == (width, height)
    counts = image.getcolors(maxcolors=1 << 20)
    assert counts is not None and len(counts) > 200  # lines, labels, land and sea: not a blank page
    share = {colour: n / (width * height) for n, colour in counts}
    assert share.get(rgb(SEA), 0) > 0.01 and share.get(rgb(LAND), 0) > 0.1  # the base map is drawn
    assert max(share.values()) < 0.9


def test_png_output_is_the_rendered_map(tmp_path: Path) -> None:
    target = tmp_path / "map.png"
    result = CliRunner().invoke(
        app, ["map", "--region", "caspian", "--width", "640", "-f", "png", "-o", str(target)]
    )
    assert result.exit_code == 0, result.stderr
    image = Image.open(target).convert("RGB")
    assert image.width == 2 * 640  # two device pixels per SVG pixel
    counts = image.getcolors(maxcolors=1 << 20)
    assert counts is not None and len(counts) > 200


@pytest.fixture(scope="module")
def report_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    page = tmp_path_factory.mktemp("report") / "report.html"
    args = ["report", "--to", "Istanbul", "--runs", "500", "-o", str(page)]
    result = CliRunner().invoke(app, args, env={"CORRIDORS_DATA": ""}, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return page


def test_the_report_renders_offline_and_is_not_blank(report_page: Path) -> None:
    shot = screenshot(report_page, 1100, 3000)
    assert page_requests(shot.netlog) == []
    assert console_messages(shot.log) == []  # a CSP violation or a parse error would log here
    image = Image.open(io.BytesIO(shot.png)).convert("RGB")
    counts = image.getcolors(maxcolors=1 << 20)
    assert counts is not None and len(counts) > 500  # text, the table, the map: not a blank page
    share = {colour: n / (image.width * image.height) for n, colour in counts}
    assert share.get(rgb(LAND), 0) > 0.01 and share.get(rgb(SEA), 0) > 0.01  # the map drew its base
    assert max(share.values()) < 0.9


def test_the_report_prints_on_a4(report_page: Path, tmp_path: Path) -> None:
    import re
    import subprocess

    from corridors.render.browser import OFFLINE_FLAGS

    pdf = tmp_path / "report.pdf"
    command = [
        str(find_browser()),
        *OFFLINE_FLAGS,
        f"--user-data-dir={tmp_path / 'profile'}",
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf}",
        report_page.resolve().as_uri(),
    ]
    subprocess.run(command, capture_output=True, timeout=120, check=False)
    data = pdf.read_bytes()
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    # A4 is 210 x 297 mm, 595.3 x 841.9 points; every page, and more than one (a long report)
    assert len(boxes) >= 4
    assert all(abs(float(w) - 595.3) < 1.5 and abs(float(h) - 841.9) < 1.5 for w, h in boxes)
