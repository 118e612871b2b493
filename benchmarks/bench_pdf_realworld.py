"""Table-extraction quality on real PDFs no one here made: annex `read_pdf_tables` (through
`annex tables FILE --format json`) against pdfplumber's and Camelot's defaults, on the ICDAR 2013
table competition's EU documents, scored by the shared scorer.

    python benchmarks/bench_pdf_realworld.py [--corpus DIR] [--extractors annex,pdfplumber,...] [--worst N]
                                             [--quick] [--no-loo] [--cache DIR]

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

Held-out discipline (annex only; `--no-loo` leaves it out):
- leave-one-document-out (LOO): a small grid of `TableSettings` candidates (GRID: the defaults,
  and each of a few influential fields scaled down and up, one at a time). For each document,
  the candidate with the best pooled score (mean of detection F1, TEDS-proxy and adjacency F1)
  on the other documents is chosen, and the document is read with it; the held-out readings are
  pooled and scored like the all-in ones. The LOO figures sit beside the defaults' (tuned with
  every document in sight) and the best candidate's on the whole set (chosen with the answers in
  sight); how often each candidate was chosen shows whether the choice is stable.
- rulings removed: the same documents read with every line, rect and curve object filtered out
  of each pdfplumber page (`read_pdf_tables(page_view=...)`): the unruled path on real text.
Each (variant, document, candidate) is read once, in-process, in a pool of 2 processes; `--cache
DIR` keeps the readings between runs, keyed by the PDF, the candidate and the reader's source.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import dataclasses
import hashlib
import importlib.util
import json
import shlex
import sys
import time
from collections import Counter
from pathlib import Path
from types import ModuleType

from pipeline.cli.tables import tables_json
from pipeline.core.errors import DocumentError
from pipeline.extract.pdf_tables import TableSettings, read_pdf_tables
from pipeline.extract.pdf.source import DEFAULT_PDF_SOURCE

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SCORER = SHARED / "tools" / "score_pdf_tables.py"
CORPUS = SHARED / "corpora" / "icdar2013-eu"
EXTRACTORS = ("annex", "pdfplumber", "camelot lattice", "camelot stream")
# what a cached reading depends on: the PDF reader's own source (pdf_tables.py and pdf/)
READER_SOURCES = (REPO / "pipeline" / "extract" / "pdf_tables.py", REPO / "pipeline" / "extract" / "pdf")
# A candidate displaces an earlier one (the defaults first) only when it scores higher at this
# many decimals: a smaller difference is a cell or two, noise a choice should not follow.
CHOICE_DECIMALS = 3
# The held-out grid: TableSettings fields that most change what is read, each scaled by these
# factors one at a time (relative to the default, so the grid follows the defaults when they
# move). Column gaps decide how phrases split into columns, wrap_gap_em which lines join into
# one row, block_gap_em where a table ends, snap_tolerance which rulings meet. A field the
# reader no longer has is skipped with a note.
GRID = {"column_gap_em": (0.75, 1.25), "column_gap_sure_em": (0.75, 1.5), "wrap_gap_em": (0.6, 1.5),
        "block_gap_em": (0.75, 1.5), "snap_tolerance": (0.5, 2.0)}
QUICK_GRID = {"column_gap_em": (0.75, 1.25), "wrap_gap_em": (0.6, 1.5)}
RULINGS = ("line", "rect", "curve")


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
# Held-out discipline: leave-one-document-out over a grid of settings, and rulings removed


def candidates(grid: dict[str, tuple[float, ...]]) -> dict[str, dict[str, float]]:
    """label -> TableSettings overrides: the defaults, then each field scaled alone."""
    defaults = TableSettings()
    known = {f.name for f in dataclasses.fields(TableSettings)}
    out: dict[str, dict[str, float]] = {"defaults": {}}
    for name, factors in grid.items():
        if name not in known:
            print(f"  grid: TableSettings has no field {name!r}: skipped", file=sys.stderr)
            continue
        default = getattr(defaults, name)
        for factor in factors:
            value = type(default)(round(default * factor, 3))
            overrides = {name: value}
            try:
                TableSettings(**overrides)
            except ValueError as error:  # a scaled value the settings refuse (e.g. min > max)
                print(f"  grid: {name}={value} refused ({error}): skipped", file=sys.stderr)
                continue
            out[f"{name}={value}"] = overrides
    return out


def without_rulings(page):
    """The pdfplumber page with its line, rect and curve objects filtered out."""
    return page.filter(lambda obj: obj.get("object_type") not in RULINGS)


def read_one(pdf: str, variant: str, overrides: dict[str, float]) -> dict:
    """One PDF read in-process with one candidate: the scorer's {page: [rows]} shape."""
    path = Path(pdf)
    try:
        # the view without rulings filters pdfplumber's objects: that variant reads through pdfminer
        unruled = variant == "no rulings"
        tables = read_pdf_tables(path.read_bytes(), path.name, settings=TableSettings(**overrides),
                                 page_view=without_rulings if unruled else None,
                                 pdf_source="pdfminer" if unruled else DEFAULT_PDF_SOURCE)
    except DocumentError:  # e.g. no table found: counts as no table, as the command's exit 2 does
        return {}
    pages: dict = {}
    for table in tables_json(tables)["tables"]:  # as the scorer's `extracted` groups them
        per_page: dict = {}
        for row in table["rows"]:
            per_page.setdefault(int(row["page"]), []).append([c or "" for c in row["cells"]])
        for page, rows in per_page.items():
            pages.setdefault(page, []).append(rows)
    return pages


def source_hash() -> str:
    digest = hashlib.sha256()
    for source in READER_SOURCES:
        for path in sorted([source] if source.is_file() else source.rglob("*.py")):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def readings(jobs: list[tuple[Path, str, str, dict]], cache: Path | None) -> dict[tuple[str, str, str], dict]:
    """(document, variant, label) -> pages, each read once (from --cache when there), 2 processes."""
    found: dict[tuple[str, str, str], dict] = {}
    todo = []
    code = source_hash() if cache else ""
    for pdf, variant, label, overrides in jobs:
        key = (pdf.name, variant, label)
        if cache:
            name = hashlib.sha256(json.dumps([hashlib.sha256(pdf.read_bytes()).hexdigest(), variant,
                                              sorted(overrides.items()), code]).encode()).hexdigest()[:24]
            file = cache / f"{name}.json"
            if file.exists():
                found[key] = {int(p): rows for p, rows in json.loads(file.read_text(encoding="utf-8")).items()}
                continue
            todo.append((key, pdf, variant, overrides, file))
        else:
            todo.append((key, pdf, variant, overrides, None))
    if cache:
        cache.mkdir(parents=True, exist_ok=True)
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        futures = {pool.submit(read_one, str(pdf), variant, overrides): (key, file)
                   for key, pdf, variant, overrides, file in todo}
        for future in concurrent.futures.as_completed(futures):
            key, file = futures[future]
            found[key] = future.result()
            if file is not None:
                file.write_text(json.dumps(found[key]), encoding="utf-8")
    return found


def objective(figures: dict) -> float:
    """One number to choose settings by: the three figures the benchmark reports, equally weighted."""
    return (figures["f1"] + figures["teds"] + figures["adjacency_f1"]) / 3


def leave_one_out(scorer: ModuleType, truths: dict, found: dict, variant: str, labels: list[str]) -> dict:
    """Each document read with the candidate best on the others (ties at CHOICE_DECIMALS: the
    earlier label, the defaults first): pooled figures, per-document figures, the choices."""
    docs = list(truths)
    by_label = {label: {d: found[(d, variant, label)] for d in docs} for label in labels}
    chosen, held_out = {}, {}
    for doc in docs:
        others = [d for d in docs if d != doc]
        rest = {d: truths[d] for d in others}
        scores = [(round(objective(scorer.score({d: by_label[l][d] for d in others}, rest)), CHOICE_DECIMALS), -i, l)
                  for i, l in enumerate(labels)]
        chosen[doc] = max(scores)[2]
        held_out[doc] = by_label[chosen[doc]][doc]
    whole = {l: scorer.score(by_label[l], truths) for l in labels}
    best = max(labels, key=lambda l: (round(objective(whole[l]), CHOICE_DECIMALS), -labels.index(l)))
    per_doc = {d: {"defaults": scorer.score({d: by_label["defaults"][d]}, {d: truths[d]}),
                   "loo": scorer.score({d: held_out[d]}, {d: truths[d]})} for d in docs}
    return dict(defaults=whole["defaults"], best=best, best_figures=whole[best],
                loo=scorer.score(held_out, truths), chosen=chosen, per_doc=per_doc, whole=whole)


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


def figures(s: dict) -> str:
    return f"{s['f1']:.3f} | {s['teds']:.3f} | {s['adjacency_f1']:.3f} | {s['tables_found']} / {s['tables_true']}"


def held_out_table(results: dict[str, dict]) -> str:
    """Per variant: the defaults, the best candidate on the whole set, and LOO."""
    lines = ["| documents | settings | detection F1 | TEDS-proxy | adjacency F1 | tables found / true |",
             "|---|---|---|---|---|---|"]
    for variant, r in results.items():
        lines.append(f"| {variant} | defaults (all-in: tuned with every document in sight) | {figures(r['defaults'])} |")
        if "loo" in r:
            lines.append(f"| {variant} | best candidate on all ({r['best']}) | {figures(r['best_figures'])} |")
            lines.append(f"| {variant} | leave-one-document-out | {figures(r['loo'])} |")
    return "\n".join(lines)


def choices_line(r: dict) -> str:
    counts = Counter(r["chosen"].values())
    return ", ".join(f"{label} x{n}" for label, n in counts.most_common())


def delta_table(r: dict) -> str:
    """Documents whose figures move between the defaults and their LOO reading, largest fall
    first: a document that only the all-in settings read well shows up at the top."""
    rows = []
    for doc, s in r["per_doc"].items():
        today, loo = objective(s["defaults"]), objective(s["loo"])
        rows.append((loo - today, doc, today, loo, r["chosen"][doc]))
    moved = sorted(x for x in rows if abs(x[0]) >= 0.0005)
    lines = ["| document | defaults (mean of 3) | LOO (mean of 3) | delta | LOO settings |", "|---|---|---|---|---|"]
    lines += [f"| {doc} | {today:.3f} | {loo:.3f} | {delta:+.3f} | {label} |" for delta, doc, today, loo, label in moved]
    lines.append(f"\n{len(rows) - len(moved)} of {len(rows)} documents unchanged.")
    return "\n".join(lines)


def held_out(scorer: ModuleType, docs: list[tuple[Path, Path]], truths: dict, grid: dict,
             loo: bool, cache: Path | None) -> dict[str, dict]:
    grid_labels = candidates(grid) if loo else {"defaults": {}}
    jobs = [(pdf, variant, label, overrides) for variant in ("ruled", "no rulings")
            for label, overrides in grid_labels.items() for pdf, _ in docs]
    print(f"held-out: {len(grid_labels)} candidate(s) x {len(docs)} documents x 2 variants "
          f"({len(jobs)} readings, 2 processes) ...", file=sys.stderr)
    t0 = time.perf_counter()
    found = readings(jobs, cache)
    print(f"  read in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    results = {}
    for variant in ("ruled", "no rulings"):
        name = "as printed" if variant == "ruled" else "rulings removed"
        if loo:
            results[name] = leave_one_out(scorer, truths, found, variant, list(grid_labels))
        else:
            results[name] = {"defaults": scorer.score({d: found[(d, variant, "defaults")] for d in truths}, truths)}
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=f"folder of PDFs with *-str.xml truth (default: {CORPUS})")
    parser.add_argument("--extractors", default=",".join(EXTRACTORS),
                        help="comma-separated, of: " + ", ".join(EXTRACTORS))
    parser.add_argument("--worst", type=int, default=10, help="how many of annex's worst documents to list")
    parser.add_argument("--json", type=Path, help="also write every figure (per document too) to this file")
    parser.add_argument("--quick", action="store_true",
                        help="a smaller held-out grid (" + ", ".join(QUICK_GRID) + ")")
    parser.add_argument("--no-loo", action="store_true",
                        help="no leave-one-document-out (the rulings-removed figures are still printed)")
    parser.add_argument("--cache", type=Path, help="keep the held-out readings in this folder between runs")
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
    held = held_out(scorer, docs, truths, QUICK_GRID if args.quick else GRID, not args.no_loo, args.cache)
    print("\nannex, held out (in-process `read_pdf_tables`, pooled figures)\n")
    print(held_out_table(held))
    for name, r in held.items():
        if "loo" in r:
            print(f"\nLOO choices, {name}: {choices_line(r)}")
            print(f"\nPer document, {name}: defaults vs leave-one-document-out\n")
            print(delta_table(r))
    if args.json:
        results["held_out"] = held
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
