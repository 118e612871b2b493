"""Prove a report opens offline: render it in headless Chromium with every network route closed
(host names resolve to nothing, a dead proxy for everything else) and look for the charts' colours
in a screenshot. Used by the tests; CI (or anyone) can run it directly:

    python -m pipeline.report.browser reports/2015-16-q2/report.html

Needs Chromium (Debian: apt-get install chromium). Not used by the pipeline itself.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from pipeline.report.charts import QUARTER_COLOURS, STATUS_COLOURS

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ENV = "ANNEX_CHROMIUM"  # path of the browser, when it is not on PATH under a usual name
_OFFLINE_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
)


@dataclass(frozen=True)
class OfflineRender:
    screenshot: Path
    colours_seen: frozenset[str]  # chart colours (hex) found in the screenshot
    expected: frozenset[str]

    @property
    def charts_drawn(self) -> bool:
        return self.expected <= self.colours_seen


def find_chromium() -> str | None:
    configured = os.environ.get(CHROMIUM_ENV)
    if configured:
        return configured
    return next((path for name in CHROMIUM_NAMES if (path := shutil.which(name))), None)


def render_offline(html_path: Path, screenshot: Path, expected_colours: set[str] | None = None,
                   chromium: str | None = None, size: tuple[int, int] = (1400, 8000),
                   timeout: float = 120) -> OfflineRender:
    """Screenshot `html_path` in headless Chromium with no network. `expected_colours` default to
    the 'completed' and 'confirmed' status colours and the first quarter's: if the page needed the
    network for its images, they would be missing."""
    browser = chromium or find_chromium()
    if browser is None:
        raise FileNotFoundError(f"no Chromium found (tried {', '.join(CHROMIUM_NAMES)} and "
                                f"${CHROMIUM_ENV}); install it, e.g. apt-get install chromium")
    expected = frozenset(expected_colours or {STATUS_COLOURS["completed"], STATUS_COLOURS["confirmed"],
                                              QUARTER_COLOURS[1]})
    screenshot = Path(screenshot).resolve()
    with tempfile.TemporaryDirectory(prefix="annex-chromium-") as profile:
        log = Path(profile) / "chromium.log"
        # Output to a file, not a pipe: Chromium's helper processes outlive it and would hold a
        # pipe open, making the wait last until they exit (about half a minute).
        with open(log, "wb") as output:
            finished = subprocess.run(
                [browser, *_OFFLINE_FLAGS, f"--user-data-dir={profile}",
                 f"--window-size={size[0]},{size[1]}", f"--screenshot={screenshot}",
                 Path(html_path).resolve().as_uri()],
                stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT, timeout=timeout)
        if finished.returncode != 0 or not screenshot.is_file():
            raise RuntimeError(f"{browser} exited {finished.returncode}:\n"
                               + log.read_text(encoding="utf-8", errors="replace")[-2000:])
    return OfflineRender(screenshot, frozenset(colours_in(screenshot, expected)), expected)


def colours_in(png: Path, colours: set[str] | frozenset[str]) -> set[str]:
    """Which of `colours` (hex '#rrggbb') appear exactly in the PNG."""
    pixels = np.asarray(Image.open(png).convert("RGB"), dtype=np.uint32).reshape(-1, 3)
    packed = (pixels[:, 0] << 16) | (pixels[:, 1] << 8) | pixels[:, 2]  # one int per pixel: fast
    wanted = {c: int(c.lstrip("#"), 16) for c in colours}
    found = set(np.intersect1d(packed, np.fromiter(wanted.values(), dtype=np.uint32)).tolist())
    return {c for c, value in wanted.items() if value in found}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m pipeline.report.browser REPORT.html", file=sys.stderr)
        return 2
    html = Path(args[0])
    result = render_offline(html, html.with_suffix(".offline.png"))
    missing = sorted(result.expected - result.colours_seen)
    print(f"{html}: rendered offline to {result.screenshot}; "
          + ("charts drawn" if not missing else f"chart colours missing: {', '.join(missing)}"))
    return 0 if not missing else 1


if __name__ == "__main__":
    sys.exit(main())
