"""`annex report`: one HTML file per published release, where asked."""

from support import SAMPLE_RELEASE

from pipeline.cli import main


def test_writes_a_report_per_release(sample_curated, tmp_path, capsys):
    out = tmp_path / "reports"
    assert main(["report", "--curated", str(sample_curated), "--output", str(out)]) == 0
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html")) == [
        f"{SAMPLE_RELEASE.name}/report.html"]
    assert SAMPLE_RELEASE.name in capsys.readouterr().err


def test_named_release_and_errors(sample_curated, tmp_path, capsys):
    out = tmp_path / "reports"
    assert main(["report", "--release", SAMPLE_RELEASE.name, "--curated", str(sample_curated),
                 "--output", str(out)]) == 0
    assert (out / SAMPLE_RELEASE.name / "report.html").is_file()
    assert main(["report", "--release", "nope", "--curated", str(sample_curated),
                 "--output", str(out)]) == 2
    assert f"known releases: {SAMPLE_RELEASE.name}" in capsys.readouterr().err
    assert main(["report", "--curated", str(tmp_path / "empty"), "--output", str(out)]) == 2
