"""Do the two PDF page sources (pipeline/extract/pdf/source.py) give the same tables? Per PDF:
`identical`, or how many tables, rows and cells differ, with the differing cells when asked.

    python benchmarks/compare_pdf_sources.py [PDF or folder ...] [--show N] [--reference FILE]

Default: every PDF of the ICDAR 2013 EU corpus (../shared/corpora/icdar2013-eu), whole files.
Each file is read in-process with `read_pdf_tables(..., pdf_source=...)` by both sources; a
difference is counted cell by cell where the tables and rows line up (same count), else the
table or row is counted as differing whole. `--show N` prints up to N differing cells per file
(pdfminer's text, then pdfium's). `--reference FILE` keeps pdfminer's readings in a JSON file
between runs (pdfminer's reading does not change when source.py does), keyed by the PDF's hash.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

from pipeline.core.errors import DocumentError
from pipeline.extract.pdf_tables import read_pdf_tables

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "icdar2013-eu"


def reading(data: bytes, name: str, pdf_source: str) -> list | str:
    """Every table as a list of rows [kind, page, cells], or the error's cause."""
    try:
        found = read_pdf_tables(data, name, pdf_source=pdf_source)
    except DocumentError as error:
        return f"error: {error.cause}"
    return [[[r.kind, r.page, list(r.cells)] for r in t.lines] for t in found]


def differences(a: list | str, b: list | str) -> tuple[int, list[tuple[str, str, str]]]:
    """(count of differing cells, where/what): tables or rows that do not line up count as one
    difference each, with their whole text."""
    if isinstance(a, str) or isinstance(b, str) or len(a) != len(b):
        return (0, []) if a == b else (1, [("tables", str(a)[:200], str(b)[:200])])
    out = []
    for t, (ta, tb) in enumerate(zip(a, b), 1):
        if len(ta) != len(tb):
            out.append((f"table {t}", f"{len(ta)} rows", f"{len(tb)} rows"))
            continue
        for r, (ra, rb) in enumerate(zip(ta, tb), 1):
            if ra[:2] != rb[:2] or len(ra[2]) != len(rb[2]):
                out.append((f"table {t} row {r}", str(ra), str(rb)))
                continue
            out.extend((f"table {t} row {r} cell {c}", ca, cb)
                       for c, (ca, cb) in enumerate(zip(ra[2], rb[2]), 1) if ca != cb)
    return len(out), out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, default=[CORPUS], help="PDFs or folders of PDFs")
    parser.add_argument("--show", type=int, default=0, help="print up to N differing cells per file")
    parser.add_argument("--reference", type=Path, help="JSON file keeping pdfminer's readings between runs")
    args = parser.parse_args(argv)
    files = sorted(p for path in args.paths for p in ([path] if path.is_file() else path.glob("*.pdf")))
    if not files:
        print(f"no PDF in {', '.join(map(str, args.paths))}", file=sys.stderr)
        return 2
    cache = json.loads(args.reference.read_text()) if args.reference and args.reference.exists() else {}
    seconds = {"pdfminer": 0.0, "pdfium": 0.0}
    identical = cells = 0
    for path in files:
        data = path.read_bytes()
        key = hashlib.sha256(data).hexdigest()
        found = {}
        for source in ("pdfminer", "pdfium"):
            if source == "pdfminer" and key in cache:
                found[source] = cache[key]
                continue
            start = time.perf_counter()
            found[source] = reading(data, path.name, source)
            seconds[source] += time.perf_counter() - start
        cache[key] = found["pdfminer"]
        count, where = differences(found["pdfminer"], found["pdfium"])
        total = sum(len(row[2]) for table in found["pdfminer"] for row in table) if isinstance(found["pdfminer"], list) else 0
        identical += count == 0
        cells += count
        print(f"{path.name:16} {'identical' if count == 0 else f'{count} of {total} cells differ'}", flush=True)
        for place, a, b in where[: args.show]:
            print(f"    {place}: {a!r}\n    {' ' * len(place)}  {b!r}")
    if args.reference:
        args.reference.write_text(json.dumps(cache))
    print(f"{identical} of {len(files)} files identical, {cells} differing cells; seconds reading: "
          + ", ".join(f"{s} {t:.1f}" for s, t in seconds.items() if t))
    return 0 if identical == len(files) else 1


if __name__ == "__main__":
    sys.exit(main())
