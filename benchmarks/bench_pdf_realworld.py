"""Table-extraction quality on real PDFs no one here made: annex `read_pdf_tables` (through
`annex tables FILE --format json`) against pdfplumber's and Camelot's defaults, on the ICDAR 2013
table competition's EU documents, scored by the shared scorer.

    python benchmarks/bench_pdf_realworld.py [--corpus DIR] [--extractors annex,pdfplumber,...] [--worst N]

Corpus: ../shared/corpora/icdar2013-eu (27 PDFs, 76 tables, ground truth per cell in *-str.xml).
Scorer: ../shared/tools/score_pdf_tables.py, loaded by path. Its functions are used as they are
(`truth` reads the ground truth, `extracted` runs one command per PDF and reads its JSON, `score`
pools the figures) so this script's figures are the ones `score_pdf_tables.py --cmd ...` prints.

Extractors, each run as one command per PDF (the scorer's contract: the command prints
{"tables": [{"rows": [{"page": N, "cells": [...]}]}]}):
- annex: `annex tables {pdf} --format json` (the defaults, no per-document option);
- pdfplumber: `page.extract_tables()` with its default settings, per page
  (`python benchmarks/bench_pdf_realworld.py --emit pdfplumber FILE`);
- camelot lattice / camelot stream: `camelot.read_pdf(FILE, pages="all", flavor=...)`
  (`--emit "camelot lattice" FILE`), when camelot-py is installed (`pip install -e '.[bench]'`).

Seconds are wall-clock over all PDFs, one process per PDF, so they include starting Python and
importing the reader (Camelot's import alone is ~1 s): compare readers within one run.
A PDF on which a reader fails (e.g. annex exits 2, "no table found") counts as no table found.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shlex
import sys
import time
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SCORER = SHARED / "tools" / "score_pdf_tables.py"
CORPUS = SHARED / "corpora" / "icdar2013-eu"
EXTRACTORS = ("annex", "pdfplumber", "camelot lattice", "camelot stream")


# ---------------------------------------------------------------------------------------------
# Adapters: print one PDF's tables in the scorer's JSON shape (run in their own process, so they
# import only their reader).


def emit_pdfplumber(pdf: Path) -> dict:
    import pdfplumber

    tables = []
    with pdfplumber.open(pdf) as doc:
        for number, page in enumerate(doc.pages, start=1):
            for table in page.extract_tables():  # defaults: the "lines" strategy both ways
                rows = [{"page": number, "cells": [c or "" for c in row]} for row in table]
                tables.append({"rows": rows})
            page.close()
    return {"tables": tables}


def emit_camelot(pdf: Path, flavor: str) -> dict:
    import warnings

    import camelot

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "no tables found on page N" is a result, not a problem
        found = camelot.read_pdf(str(pdf), pages="all", flavor=flavor)
    return {"tables": [
        {"rows": [{"page": int(t.page), "cells": [str(c) for c in row]} for row in t.df.values.tolist()]}
        for t in found
    ]}


def emit(name: str, pdf: Path) -> dict:
    if name == "pdfplumber":
        return emit_pdfplumber(pdf)
    if name.startswith("camelot "):
        return emit_camelot(pdf, name.split(" ", 1)[1])
    raise SystemExit(f"--emit: unknown extractor {name!r} (pdfplumber, camelot lattice, camelot stream)")


# ---------------------------------------------------------------------------------------------
# Scoring


def load_scorer(path: Path = SCORER) -> ModuleType:
    """The shared scorer as a module (it is a script outside the package: import it by path)."""
    if not path.exists():
        raise SystemExit(f"the shared scorer is missing: {path}")
    spec = importlib.util.spec_from_file_location("score_pdf_tables", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def command(name: str) -> str:
    """The scorer's --cmd for an extractor ({pdf} is replaced after splitting, so paths with
    spaces are safe)."""
    python = shlex.quote(sys.executable)
    if name == "annex":
        annex = Path(sys.executable).parent / "annex"
        # the venv's entry point when there is one, so the figures are those a user gets
        return (shlex.quote(str(annex)) if annex.exists() else f"{python} -c 'import sys; from pipeline.cli import main; sys.exit(main())'") \
            + " tables {pdf} --format json"
    return f"{python} {shlex.quote(str(Path(__file__).resolve()))} --emit {shlex.quote(name)} {{pdf}}"


def documents(corpus: Path) -> list[tuple[Path, Path]]:
    """(pdf, truth xml) pairs; a truth file without its PDF (eu-009b in this copy) is skipped,
    as the scorer does."""
    pairs = []
    for xml in sorted(corpus.rglob("*-str.xml")):
        pdf = xml.with_name(xml.name.replace("-str.xml", ".pdf"))
        if pdf.exists():
            pairs.append((pdf, xml))
    return pairs


def measure(scorer: ModuleType, name: str, docs: list[tuple[Path, Path]], truths: dict) -> dict:
    """One extractor over the corpus: pooled figures, per-document figures, errors, seconds."""
    found: dict[str, dict] = {}
    errors: dict[str, str] = {}
    cmd = command(name)
    t0 = time.perf_counter()
    for pdf, _ in docs:
        try:
            found[pdf.name] = scorer.extracted(pdf, cmd)
        except Exception as error:  # one failing document must not stop the benchmark
            found[pdf.name] = {}
            errors[pdf.name] = " ".join(str(error).split())[-160:]
    seconds = time.perf_counter() - t0
    per_doc = {doc: scorer.score({doc: found[doc]}, {doc: truths[doc]}) for doc in truths}
    return dict(total=scorer.score(found, truths), per_doc=per_doc, errors=errors, seconds=seconds)


def camelot_available() -> bool:
    try:
        import camelot  # noqa: F401
    except ImportError:
        return False
    return True


# ---------------------------------------------------------------------------------------------
# Report


LABELS = {
    "annex": "`annex tables` (read_pdf_tables)",
    "pdfplumber": "pdfplumber `extract_tables()` defaults",
    "camelot lattice": "Camelot lattice",
    "camelot stream": "Camelot stream",
}


def summary_table(results: dict[str, dict]) -> str:
    lines = ["| extractor | detection F1 | TEDS-proxy | adjacency F1 | tables found / true | seconds |",
             "|---|---|---|---|---|---|"]
    for name, r in results.items():
        s = r["total"]
        lines.append(f"| {LABELS.get(name, name)} | {s['f1']:.3f} | {s['teds']:.3f} | {s['adjacency_f1']:.3f} "
                     f"| {s['tables_found']} / {s['tables_true']} | {r['seconds']:.1f} |")
    return "\n".join(lines)


def worst_table(result: dict, count: int) -> str:
    """The documents where annex does worst: by the lower of TEDS-proxy and adjacency F1 (a
    document can fail either way: wrong table shapes, or cells in the wrong neighbours)."""
    ranked = sorted(result["per_doc"].items(), key=lambda kv: (min(kv[1]["teds"], kv[1]["adjacency_f1"]), kv[0]))
    lines = ["| document | detection F1 | TEDS-proxy | adjacency F1 | tables found / true | error |",
             "|---|---|---|---|---|---|"]
    for doc, s in ranked[:count]:
        lines.append(f"| {doc} | {s['f1']:.2f} | {s['teds']:.2f} | {s['adjacency_f1']:.2f} "
                     f"| {s['tables_found']} / {s['tables_true']} | {result['errors'].get(doc, '')} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=f"folder of PDFs with *-str.xml truth (default: {CORPUS})")
    parser.add_argument("--extractors", default=",".join(EXTRACTORS),
                        help="comma-separated, of: " + ", ".join(EXTRACTORS))
    parser.add_argument("--worst", type=int, default=10, help="how many of annex's worst documents to list")
    parser.add_argument("--json", type=Path, help="also write every figure (per document too) to this file")
    parser.add_argument("--emit", nargs=2, metavar=("EXTRACTOR", "FILE"),
                        help="adapter: print one PDF's tables as the scorer's JSON and exit")
    args = parser.parse_args(argv)
    if args.emit:
        json.dump(emit(args.emit[0], Path(args.emit[1])), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0

    extractors = [e.strip() for e in args.extractors.split(",") if e.strip()]
    unknown = [e for e in extractors if e not in EXTRACTORS]
    if unknown:
        parser.error(f"--extractors: unknown {', '.join(unknown)} (choose from {', '.join(EXTRACTORS)})")
    if any(e.startswith("camelot") for e in extractors) and not camelot_available():
        print("camelot-py is not installed: Camelot not measured (pip install -e '.[bench]')", file=sys.stderr)
        extractors = [e for e in extractors if not e.startswith("camelot")]
    scorer = load_scorer()
    docs = documents(args.corpus)
    if not docs:
        parser.error(f"--corpus: no PDF with a *-str.xml truth file under {args.corpus}")
    truths = {pdf.name: scorer.truth(xml) for pdf, xml in docs}
    print(f"{len(docs)} PDFs, {sum(len(g) for t in truths.values() for g in t.values())} tables "
          f"in {args.corpus}", file=sys.stderr)

    results = {}
    for name in extractors:
        print(f"measuring {name} ...", file=sys.stderr)
        results[name] = measure(scorer, name, docs, truths)
        for doc, error in results[name]["errors"].items():
            print(f"  {name}: {doc}: {error}", file=sys.stderr)

    print(f"Real-world PDFs: {args.corpus.name}, {len(docs)} documents (shared scorer)\n")
    print(summary_table(results))
    if "annex" in results and args.worst > 0:
        print(f"\nannex: the {min(args.worst, len(docs))} worst documents (lower of TEDS-proxy and adjacency F1)\n")
        print(worst_table(results["annex"], args.worst))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
