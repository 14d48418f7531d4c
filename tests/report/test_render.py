"""The audit page in a real browser: headless Chromium lays it out and prints it; the verdict and the
charts show.

Needs Debian's ``chromium`` (``.ci/run`` installs it where missing and sets ``SAFECOHORT_REQUIRE_CHROMIUM``,
so CI fails rather than skips without it); elsewhere the test is skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from safecohort.report.audit import AuditReport
from safecohort.report.html import render_html

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
WIDTH, HEIGHT = 1000, 3200
PASS_BG, PASS_INK, FAIL_BG, BAR = (
    (0xE5, 0xF4, 0xEA),
    (0x17, 0x66, 0x3A),
    (0xFB, 0xE7, 0xE7),
    (0x4A, 0x6F, 0xA5),
)


@pytest.fixture(scope="module")
def chromium() -> str:
    found = next((path for name in BROWSERS if (path := shutil.which(name))), None)
    if found is None:
        if os.environ.get("SAFECOHORT_REQUIRE_CHROMIUM"):
            pytest.fail("SAFECOHORT_REQUIRE_CHROMIUM is set but no chromium is on PATH")
        pytest.skip("headless Chromium not installed (apt-get install chromium; .ci/run installs it)")
    return found


def screenshot(chromium: str, html: str, folder: Path) -> Image.Image:
    """The page rendered by headless Chromium at WIDTH x HEIGHT, as RGB pixels."""
    page, shot = folder / "audit.html", folder / "audit.png"
    page.write_text(html, encoding="utf-8")
    command = [
        chromium,
        "--headless",
        "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
        "--disable-gpu",
        "--hide-scrollbars",
        f"--user-data-dir={folder / 'profile'}",
        f"--window-size={WIDTH},{HEIGHT}",
        f"--screenshot={shot}",
        page.as_uri(),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    return Image.open(shot).convert("RGB")


def share(
    image: Image.Image, colour: tuple[int, int, int], box: tuple[int, int, int, int] | None = None
) -> float:
    """Fraction of the pixels (in ``box``) of exactly ``colour``."""
    region = image.crop(box) if box else image
    counts = {rgb: n for n, rgb in region.getcolors(maxcolors=region.width * region.height)}
    return counts.get(colour, 0) / (region.width * region.height)


def test_the_page_lays_out_with_the_verdict_on_top(
    chromium: str, sample_report: AuditReport, tmp_path: Path
) -> None:
    image = screenshot(chromium, render_html(sample_report), tmp_path)
    assert image.size == (WIDTH, HEIGHT)
    assert len(image.getcolors(maxcolors=WIDTH * HEIGHT)) > 50  # not blank: text, tables, charts
    top = (0, 0, WIDTH, 260)
    assert share(image, PASS_BG, top) > 0.2  # the green verdict box fills the top of the page
    assert share(image, PASS_INK, top) > 0.002  # its heading and border
    assert share(image, BAR) > 0.001  # the charts' bars are drawn


def test_a_failed_build_shows_a_red_verdict(
    chromium: str, sample_report: AuditReport, tmp_path: Path
) -> None:
    failed = sample_report.model_copy(
        update={"passed": False, "checks": [{"name": "residual_phi", "passed": False, "detail": "3 of 9"}]}
    )
    image = screenshot(chromium, render_html(failed), tmp_path)
    top = (0, 0, WIDTH, 260)
    assert share(image, FAIL_BG, top) > 0.2 and share(image, PASS_BG, top) == 0


def test_the_page_prints_with_the_verdict_on_the_first_page(
    chromium: str, sample_report: AuditReport, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    page, pdf = tmp_path / "audit.html", tmp_path / "audit.pdf"
    page.write_text(render_html(sample_report), encoding="utf-8")
    command = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf}",
        page.as_uri(),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    pages = [p.extract_text() for p in PdfReader(pdf).pages]
    assert 1 < len(pages) < 10
    assert pages[0].lstrip().startswith("PASSED") and "Policy digest" in pages[0]
    assert all(text.strip() for text in pages)  # no blank page (a figure pushed off a page leaves none)
