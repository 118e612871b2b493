"""The report opens in a browser with no network: headless Chromium, every route closed, draws
both charts. Needs Chromium (Debian/Ubuntu: apt-get install chromium; or set ANNEX_CHROMIUM)."""

import re

from support import SAMPLE_RELEASE

from pipeline.report import write_report
from pipeline.report.browser import find_chromium, render_offline


def test_chromium_is_installed():
    assert find_chromium(), "install Chromium (apt-get install chromium) or set ANNEX_CHROMIUM"


def test_report_opens_offline_with_its_charts(sample_curated, tmp_path):
    page = write_report(sample_curated, SAMPLE_RELEASE.name, tmp_path)
    result = render_offline(page, tmp_path / "shot.png")
    assert result.screenshot.stat().st_size > 0
    assert result.charts_drawn, f"missing colours: {sorted(result.expected - result.colours_seen)}"


def test_images_from_the_network_would_not_load(sample_curated, tmp_path):
    # Control: the same page with its images moved to a web address shows no chart colours,
    # so the check above can fail, and the browser really is offline.
    page = write_report(sample_curated, SAMPLE_RELEASE.name, tmp_path)
    online = tmp_path / "online.html"
    online.write_text(re.sub(r'src="data:image/png;base64,[^"]+"', 'src="http://example.com/chart.png"',
                             page.read_text(encoding="utf-8")), encoding="utf-8")
    result = render_offline(online, tmp_path / "online.png")
    assert not result.colours_seen
