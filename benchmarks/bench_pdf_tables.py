"""Pages per second and peak memory of read_pdf_tables, with either page source (pdfminer, the
default, and pdfium: pipeline/extract/pdf/source.py), against pdfplumber's extract_tables() (and
Camelot's lattice mode when installed), on the same generated PDFs of 10, 100 and 1,000 pages.
Both sources must give the same tables: the script says so, or prints the first difference.

Each measurement runs in a fresh process, so peak RSS (resource.getrusage) is that reader's alone.
Wall-clock and CPU seconds are both printed: on a shared, loaded machine the CPU time (the
process's own, time.process_time) is the steadier figure to compare readers by.
Usage: python benchmarks/bench_pdf_tables.py [--sizes 10,100,1000] [--camelot-max-pages 100]
"""

from __future__ import annotations

import argparse
import compileall
import io
import multiprocessing
import resource
import sys
import tempfile
import time
from pathlib import Path

# The document generators live with the tests (tests/generators/), outside the installed package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from generators.annex_pdf import Layout, TableSpec, long_table_spec, write_pdf  # noqa: E402

BASE = TableSpec(
    title=("Annex C CTS Improvement Project Plan",),
    header_rows=(("Activity", "Date", "Target audience", "Link to business plan"),),
    rows=(
        ("Officer peer training (1day)", "21 May - completed", "Culture and sport officer peers (10)", "growth"),
        ("Sport peer review Derby (2 days)", "14/15 May - completed", "Individual council", "growth"),
        ("Libraries seminar for new PHs (1 day)", "12 September (CONFIRMED)", "Library PHs (25)", "growth"),
        ("Heritage seminar (1 day)", "", "", ""),
        ("Sport action learning set (1 day)", "Feb / March", "Sport PHs who have completed an academy (5)", "growth"),
        ("Visitor economy leadership seminar (1 day)", "1 November - CONFIRMED",
         "Culture, tourism, planning and growth PHs", "growth"),
    ),
    notes=("KEY PH = portfolio holder",),
)


def make_pdf(folder: Path, pages: int, ruled: bool) -> Path:
    """A plan table long enough to fill about `pages` pages (rows per page measured first)."""
    probe = write_pdf(long_table_spec(BASE, 200), Layout(ruled=ruled), folder / "probe.pdf")
    import pdfplumber

    with pdfplumber.open(probe) as pdf:
        per_page = 200 / len(pdf.pages)
    path = folder / f"plan-{'ruled' if ruled else 'unruled'}-{pages}.pdf"
    write_pdf(long_table_spec(BASE, max(1, int(per_page * pages) - 5)), Layout(ruled=ruled), path)
    return path


def run_ours(data: bytes, pdf_source: str = "pdfminer") -> int:
    from pipeline.extract.pdf_tables import read_pdf_tables

    return sum(len(t.header_rows) + len(t.body) for t in read_pdf_tables(data, "bench.pdf", pdf_source=pdf_source))


def run_ours_pdfium(data: bytes) -> int:
    return run_ours(data, "pdfium")


def same_tables(path: Path) -> str:
    """'same' when both sources give the same tables (cells, kinds, pages), else the first difference."""
    from pipeline.extract.pdf_tables import read_pdf_tables

    data = path.read_bytes()
    found = {source: [tuple((r.kind, r.page, r.cells) for r in t.lines) for t in read_pdf_tables(data, path.name, pdf_source=source)]
             for source in ("pdfminer", "pdfium")}
    if found["pdfminer"] == found["pdfium"]:
        return "same"
    rows = [(a, b) for ta, tb in zip(found["pdfminer"], found["pdfium"]) for a, b in zip(ta, tb) if a != b]
    return f"DIFFERENT: {rows[0] if rows else 'table counts differ'}"


def run_pdfplumber(data: bytes) -> int:
    import pdfplumber

    rows = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            rows += sum(len(t) for t in page.extract_tables())
            page.close()
    return rows


def run_camelot(data: bytes) -> int:
    import camelot

    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        tables = camelot.read_pdf(f.name, pages="all", flavor="lattice")
        return sum(t.df.shape[0] for t in tables)


READERS = {"annex read_pdf_tables": run_ours, "annex read_pdf_tables pdfium": run_ours_pdfium,
           "pdfplumber extract_tables": run_pdfplumber,
           "camelot lattice": run_camelot}


def _measure(name: str, path: str, queue) -> None:
    data = Path(path).read_bytes()
    start, cpu = time.perf_counter(), time.process_time()
    rows = READERS[name](data)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    queue.put((seconds, cpu, rows, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def measure(name: str, path: Path) -> tuple[float, float, int, float]:
    """(seconds, CPU seconds, rows found (header + body; pdfplumber and Camelot also count repeated headers), peak RSS MiB) in a fresh process."""
    # forkserver: children fork from a small fresh process, so ru_maxrss is not inherited from this one
    context = multiprocessing.get_context("forkserver")
    queue = context.Queue()
    process = context.Process(target=_measure, args=(name, str(path), queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def camelot_installed() -> bool:
    try:
        import camelot  # noqa: F401
    except Exception:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10,100,1000", help="page counts, comma-separated")
    parser.add_argument("--camelot-max-pages", type=int, default=100, help="skip Camelot above this size (slow)")
    parser.add_argument("--unruled", action="store_true", help="also measure unruled tables")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    # each reader's clock runs over its import: pdfplumber's modules were compiled when pip
    # installed them, ours (an editable install) are compiled on first import unless bytecode
    # is not written (PYTHONDONTWRITEBYTECODE), ~0.16 s a process; compiled once here, as an
    # installed package is
    import pipeline

    compileall.compile_dir(Path(pipeline.__file__).parent, quiet=1)
    readers = list(READERS)
    if not camelot_installed():
        print("camelot-py is not installed: Camelot lattice not measured (pip install camelot-py opencv-python-headless)")
        readers.remove("camelot lattice")
    print(f"{'layout':8} {'pages':>6} {'reader':30} {'seconds':>8} {'pages/s':>8} {'CPU s':>7} {'pages/CPU s':>11} "
          f"{'rows':>7} {'peak MiB':>9} {'x pdfplumber':>12} {'(CPU)':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for ruled in [True, False] if args.unruled else [True]:
            for size in sizes:
                path = make_pdf(Path(tmp), size, ruled)
                import pdfplumber

                with pdfplumber.open(path) as pdf:
                    pages = len(pdf.pages)
                figures = {}
                for name in readers:
                    if name == "camelot lattice" and (pages > args.camelot_max_pages or not ruled):
                        print(f"{'ruled' if ruled else 'unruled':8} {pages:>6} {name:30} {'skipped':>8}")
                        continue
                    figures[name] = measure(name, path)
                for name, (seconds, cpu, rows, peak) in figures.items():
                    ratio = figures["pdfplumber extract_tables"][0] / seconds
                    cpu_ratio = figures["pdfplumber extract_tables"][1] / cpu
                    print(f"{'ruled' if ruled else 'unruled':8} {pages:>6} {name:30} {seconds:>8.1f} "
                          f"{pages / seconds:>8.1f} {cpu:>7.1f} {pages / cpu:>11.1f} {rows:>7} {peak:>9.0f} "
                          f"{ratio:>11.2f}x {cpu_ratio:>5.2f}x", flush=True)
                print(f"{'':15} tables of the two sources: {same_tables(path)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
