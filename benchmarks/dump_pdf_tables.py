"""Before/after check for changes that must not change what the PDF reader reads: dump the repr
of every `read_pdf_tables` table on every corpus the project has, then compare two dumps.

    python benchmarks/dump_pdf_tables.py build DIR            # generated PDFs into DIR (once)
    python benchmarks/dump_pdf_tables.py dump DIR OUT.json [--sources pdfium,pdfminer]
    python benchmarks/dump_pdf_tables.py compare BEFORE.json AFTER.json

`build` writes the PDFs the tests and benchmarks generate: the 60 stats layouts
(tests/generators/stats_tables.py), the two 90-page plan tables of bench_pdf_tables.py (ruled and
unruled), bench_pdf_accuracy.py's corpus and the council fixtures of every installed tool
(bench_pdf_council.py's catalogue). `dump` reads those, the sample release's PDFs under raw/ and
the ICDAR 2013 EU corpus (../shared/corpora/icdar2013-eu) with each source, and the ICDAR files
once more with pdfminer and the rulings removed (as bench_pdf_realworld.py reads them); each
reading is the repr of every LogicalTable (or the DocumentError's cause). `compare` prints the
readings that differ and exits 1 when any does. Typical use: `build` once, `dump` on main and on
the branch (same DIR), `compare`.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))  # the generators live with the tests
sys.path.insert(0, str(REPO / "benchmarks"))
ICDAR = REPO.parent / "shared" / "corpora" / "icdar2013-eu"
RULINGS = {"line", "rect", "curve"}


def build(folder: Path) -> None:
    from generators.stats_tables import draw, layouts

    import bench_pdf_accuracy
    import bench_pdf_tables

    stats = folder / "stats"
    stats.mkdir(parents=True, exist_ok=True)
    for number, layout in enumerate(layouts()):
        (stats / f"stats-{number:02}.pdf").write_bytes(draw(layout))
    bench = folder / "bench"
    bench.mkdir(exist_ok=True)
    for ruled in (True, False):
        with tempfile.TemporaryDirectory() as tmp:
            made = bench_pdf_tables.make_pdf(Path(tmp), 100, ruled)
            (bench / made.name).write_bytes(made.read_bytes())
    accuracy = folder / "accuracy"
    accuracy.mkdir(exist_ok=True)
    for case in bench_pdf_accuracy.corpus(quick=False):
        bench_pdf_accuracy.built_pdf(case, accuracy)
    from council_tools import catalogue

    for tool in catalogue.TOOLS:
        missing = catalogue.available(tool)
        if missing:
            print(f"council {tool}: skipped ({missing})", file=sys.stderr)
            continue
        catalogue.build(tool, folder / "council" / tool)


def without_rulings(page):
    return page.filter(lambda obj: obj.get("object_type") not in RULINGS)


def reading(path: Path, source: str, unruled: bool = False) -> str:
    from pipeline.core.errors import DocumentError
    from pipeline.extract.pdf_tables import read_pdf_tables

    try:
        tables = read_pdf_tables(path.read_bytes(), path.name, pdf_source=source,
                                 page_view=without_rulings if unruled else None)
    except DocumentError as error:
        return f"error: {error.cause}"
    return repr(tables)


def files(folder: Path) -> list[Path]:
    raw = sorted((REPO / "raw").rglob("*.pdf"))
    generated = sorted(p for p in folder.rglob("*.pdf") if not p.name.endswith(".part.pdf"))
    return raw + generated + sorted(ICDAR.glob("*.pdf"))


def dump(folder: Path, out: Path, sources: list[str]) -> None:
    found: dict[str, str] = {}
    seconds = {source: 0.0 for source in sources}
    for path in files(folder):
        variants = [(source, False) for source in sources]
        if path.parent == ICDAR and "pdfminer" in sources:
            variants.append(("pdfminer", True))
        for source, unruled in variants:
            start = time.process_time()
            found[f"{path.relative_to(path.parents[1])} {source}{' no-rulings' if unruled else ''}"] = \
                reading(path, source, unruled)
            seconds[source] += time.process_time() - start
    out.write_text(json.dumps(found, indent=0, sort_keys=True))
    print(f"{len(found)} readings of {len(files(folder))} files -> {out}; CPU s per source: "
          + ", ".join(f"{s} {v:.1f}" for s, v in seconds.items()))


def compare(before: Path, after: Path) -> int:
    a, b = json.loads(before.read_text()), json.loads(after.read_text())
    differ = sorted(k for k in a.keys() & b.keys() if a[k] != b[k])
    only = sorted(a.keys() ^ b.keys())
    for key in differ:
        print(f"DIFFERENT {key}")
    for key in only:
        print(f"ONLY IN ONE {key}")
    print(f"{len(a.keys() & b.keys())} readings compared, {len(differ)} different, {len(only)} in one dump only")
    return 1 if differ or only else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build").add_argument("folder", type=Path)
    dumping = sub.add_parser("dump")
    dumping.add_argument("folder", type=Path)
    dumping.add_argument("out", type=Path)
    dumping.add_argument("--sources", default="pdfium,pdfminer")
    comparing = sub.add_parser("compare")
    comparing.add_argument("before", type=Path)
    comparing.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "build":
        build(args.folder)
        return 0
    if args.command == "dump":
        dump(args.folder, args.out, [s.strip() for s in args.sources.split(",")])
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
