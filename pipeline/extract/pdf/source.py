"""Where a PDF page's characters, rulings and geometry come from: one page model, two sources.

The reader (page.py, ruled.py) takes from a page what a pdfplumber page gives: `chars`, `lines`,
`rects`, `curves`, `edges` and `images` as pdfplumber-style dicts in top-left coordinates,
`extract_words(...)`, `find_tables(settings)`, `width`/`height`/`rotation`, `close()`; and its
characters as columns (glyph_columns.page_glyphs: a pdfium page's own `glyphs`, a pdfplumber
page's `chars` read into columns).

- "pdfium" (the default, ~2.5x faster): pypdfium2 (PDFium, C++; installed with pdfplumber)
  parses the page; this module turns its text objects into character columns (the dicts built
  from them only when asked) and its path objects into the same dicts, computed the way
  pdfminer and pdfplumber compute them: each text object's character codes
  from its content-stream operator, read by pdfminer's own fonts (glyphs.py: text, widths),
  placed from the object's origin by pdfminer's spacing rules, boxes from the advance, font
  size and descent; paths split into subpaths and classed as line / rect / curve by pdfminer's
  rules. Words (pdfplumber's rules, glyph_columns.glyph_words) and the ruled-table finder
  (pdfplumber's) then run on these, so the two sources give the same tables (tests/extract/test_pdf_source.py,
  benchmarks/README.md "PDF page sources"). Where pdfminer cannot read the file's structure,
  or its text operators do not match PDFium's text objects one for one, the page's characters
  are PDFium's own text page's (the second half of this module).
- "pdfminer": pdfplumber's own pages, parsed by pdfminer.six (pure Python).

Why by hand: pypdfium2 gives PDFium's raw per-character and per-path calls only; no library
turns them into pdfplumber's objects.
"""

from __future__ import annotations

import ctypes
import io
import itertools
import math
import re
import unicodedata
from operator import itemgetter
from typing import Any, Callable, Protocol, Sequence

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.fontmetrics import FONT_METRICS
from pdfminer.pdffont import PDFFont, PDFUnicodeNotDefined
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.pdftypes import PDFException
from pdfminer.psexceptions import PSException
from pdfplumber.container import Container
from pdfplumber.table import TableFinder, TableSettings as FinderSettings
from pdfplumber.utils.text import LIGATURES, WordExtractor

from pipeline.extract.pdf.glyph_columns import Glyphs, builds_words, glyph_words
from pipeline.extract.pdf.glyphs import DocumentGlyphs, Shown

PDF_SOURCES = ("pdfminer", "pdfium")
DEFAULT_PDF_SOURCE = "pdfium"

Matrix = tuple[float, float, float, float, float, float]
# what pdfminer raises on a file it cannot read (PDFium may still read it)
_PDFMINER_ERRORS = (PDFException, PSException, PDFSyntaxError, KeyError, TypeError, ValueError, AttributeError)


class SourcePage(Protocol):
    """What the reader takes from one page (a pdfplumber Page is one)."""

    width: float
    height: float
    rotation: int

    @property
    def chars(self) -> list[dict]: ...
    @property
    def lines(self) -> list[dict]: ...
    @property
    def rects(self) -> list[dict]: ...
    @property
    def curves(self) -> list[dict]: ...
    @property
    def edges(self) -> list[dict]: ...
    @property
    def images(self) -> list[dict]: ...
    def extract_words(self, **kwargs: Any) -> list[dict]: ...
    def find_tables(self, table_settings: dict | None = None) -> list: ...
    def close(self) -> None: ...


class SourceDocument(Protocol):
    pages: Sequence[SourcePage]

    def close(self) -> None: ...


def open_document(data: bytes, pdf_source: str = DEFAULT_PDF_SOURCE) -> SourceDocument:
    """The PDF's pages from the chosen source; the source's own errors propagate (the reader
    turns them into a DocumentError)."""
    if pdf_source == "pdfminer":
        return pdfplumber.open(io.BytesIO(data))
    if pdf_source == "pdfium":
        return PdfiumDocument(data)
    raise ValueError(f"unknown PDF source {pdf_source!r}: choose one of {', '.join(PDF_SOURCES)}")


def _mult(m: Matrix, n: Matrix) -> Matrix:
    """m then n (pdfminer's mult_matrix order)."""
    a1, b1, c1, d1, e1, f1 = m
    a0, b0, c0, d0, e0, f0 = n
    return (a0 * a1 + c0 * b1, b0 * a1 + d0 * b1, a0 * c1 + c0 * d1, b0 * c1 + d0 * d1,
            a0 * e1 + c0 * f1 + e0, b0 * e1 + d0 * f1 + f0)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _page_ctm(rotation: int, box: tuple[float, float, float, float]) -> Matrix:
    """pdfminer's page matrix (PDFPageInterpreter.process_page): rotation and the MediaBox origin."""
    x0, y0, x1, y1 = box
    if rotation == 90:
        return (0, -1, 1, 0, -y0, x1)
    if rotation == 180:
        return (-1, 0, 0, -1, x1, y1)
    if rotation == 270:
        return (0, 1, -1, 0, y1, -x0)
    return (1, 0, 0, 1, -x0, -y0)


def visible_box(page: Any) -> tuple[float, float, float, float] | None:
    """The part of the page a viewer shows, its CropBox cut to its MediaBox (PDF 32000 14.11.2:
    what lies outside is not on the page), as (x0, top, x1, bottom) in the page's own top-left
    coordinates; None when it is the whole MediaBox (most pages) or the page has no boxes."""
    boxes = _raw_boxes(page)
    if boxes is None:
        return None
    (mx0, my0, mx1, my1), (cx0, cy0, cx1, cy1) = boxes
    media = (mx0, my0, mx1, my1)
    crop = (max(cx0, mx0), max(cy0, my0), min(cx1, mx1), min(cy1, my1))
    if crop == media or crop[0] >= crop[2] or crop[1] >= crop[3]:
        return None
    ctm = _page_ctm(int(page.rotation), media)
    corners = [_apply(ctm, x, y) for x in (crop[0], crop[2]) for y in (crop[1], crop[3])]
    points = [(page.mediabox[0] + x, page.mediabox[1] + page.height - y) for x, y in corners]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def _raw_boxes(page: Any) -> tuple[tuple[float, ...], tuple[float, ...]] | None:
    """(MediaBox, CropBox) as the PDF writes them, each sorted to (x0, y0, x1, y1)."""
    if hasattr(page, "raw_boxes"):  # a PdfiumPage (or the lazy page opening one)
        media, crop = page.raw_boxes()
    else:
        page_obj = getattr(page, "page_obj", None)
        if page_obj is None or page_obj.mediabox is None:
            return None
        media, crop = page_obj.mediabox, page_obj.cropbox or page_obj.mediabox
    try:
        return tuple(_sorted_box([float(v) for v in box]) for box in (media, crop))  # type: ignore[return-value]
    except (TypeError, ValueError):
        return None


def _sorted_box(box: list[float]) -> tuple[float, float, float, float]:
    x0, x1 = sorted((box[0], box[2]))
    y0, y1 = sorted((box[1], box[3]))
    return (x0, y0, x1, y1)


def visible_part(page: Any) -> Any:
    """The page with only what lies in its visible box (visible_box): a character whose centre
    is inside it, a path that reaches into it. The page itself when the whole MediaBox shows."""
    box = visible_box(page)
    if box is None:
        return page
    return page.filter(lambda obj: _shows(obj, box))


def _shows(obj: dict, box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    if obj.get("object_type") == "char":
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return x0 <= x <= x1 and top <= y <= bottom
    return obj["x0"] <= x1 and obj["x1"] >= x0 and obj["top"] <= bottom and obj["bottom"] >= top


class PdfiumDocument:
    def __init__(self, data: bytes) -> None:
        self._pdf = pdfium.PdfDocument(data)
        self._data, self._glyphs = data, None
        # each pdfminer font's codes read so far, (text, width) by code: a font serves many
        # pages (keyed by the font object, which the key keeps alive: no id is reused)
        self.codes: dict[Any, dict[int, tuple[str, float]]] = {}
        self.pages = [_LazyPage(self, i) for i in range(len(self._pdf))]

    def shown(self, index: int) -> list[Shown] | None:
        """The text operators of page `index` as pdfminer reads them (glyphs.py), or None when
        pdfminer cannot read the file's structure (the page then keeps PDFium's text)."""
        try:
            if self._glyphs is None:
                self._glyphs = DocumentGlyphs(self._data)
            return self._glyphs.shown(index)
        except _PDFMINER_ERRORS:
            return None

    def close(self) -> None:
        self._pdf.close()

    def __enter__(self) -> "PdfiumDocument":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _LazyPage:
    """A page opened when first used (the reader reads some pages only)."""

    def __init__(self, document: PdfiumDocument, index: int) -> None:
        self._document, self._index, self._page = document, index, None

    def __getattr__(self, name: str) -> Any:
        if self._page is None:
            self._page = PdfiumPage(self._document._pdf[self._index], self._index + 1,
                                    shown=lambda: self._document.shown(self._index), codes=self._document.codes)
        return getattr(self._page, name)

    def close(self) -> None:
        if self._page is not None:
            self._page.close()
            self._page = None


# PDFium page object types and path segment types (fpdf_edit.h)
_OBJ_TEXT, _OBJ_PATH, _OBJ_IMAGE, _OBJ_FORM = 1, 2, 3, 5
_SEG_LINETO, _SEG_BEZIERTO, _SEG_MOVETO = 0, 1, 2


# PDFium's text page marks a hyphen that ends a line (FPDFText_IsHyphen) and gives it U+0002
# (FPDFText_GetUnicode) or U+FFFE (FPDFText_GetText) instead of its code, which is a hyphen-minus
# or a soft hyphen (IsHyphenCode in PDFium's cpdf_textpage.cpp); pdfminer reads both glyph names
# of a standard encoding ('hyphen') as '-'.
_HYPHEN_MARKS = (0x2, 0xFFFE)
_HYPHEN = ord("-")
# PDFium splits the ligature characters U+FB00-FB06 into their letters (one character each, at the
# glyph's origin); pdfminer keeps the ligature character. Decomposition -> ligature, where the
# decomposition is one ligature's only.
_DECOMPOSED = [(unicodedata.normalize("NFKC", chr(code)), chr(code)) for code in range(0xFB00, 0xFB07)]
_LIGATURES = {letters: lig for letters, lig in _DECOMPOSED if sum(d == letters for d, _ in _DECOMPOSED) == 1}


class PdfiumPage(Container):
    """One page read by PDFium, with pdfplumber's page attributes (see the module docstring)."""

    cached_properties = [*Container.cached_properties, "_glyphs", "_graphic_objects"]

    def __init__(self, page: Any, page_number: int, turn: int = 0, owner: bool = True,
                 shown: Callable[[], list[Shown] | None] | None = None,
                 codes: dict[Any, dict[int, tuple[str, float]]] | None = None) -> None:
        self._page, self._owner, self._shown = page, owner, shown
        self._codes = {} if codes is None else codes  # the document's codes read by font (PdfiumDocument)
        self.page_number = page_number
        self.rotation = (page.get_rotation() + turn) % 360
        raw = [_exact(v) for v in page.get_mediabox()]  # (x0, y0, x1, y1), PDFium's fallback when missing
        x0, x1 = sorted((raw[0], raw[2]))
        y0, y1 = sorted((raw[1], raw[3]))
        self._ctm = _page_ctm(self.rotation, (x0, y0, x1, y1))
        # pdfplumber's Page: the box swapped for a page turned sideways, then flipped top-down
        box = (y0, x0, y1, x1) if self.rotation in (90, 270) else (x0, y0, x1, y1)
        height = box[3] - box[1]
        self.mediabox = (box[0], height - box[3], box[2], height - box[1])
        self.bbox = self.mediabox
        self.width = self.bbox[2] - self.bbox[0]
        self.height = self.bbox[3] - self.bbox[1]
        self.initial_doctop = 0.0

    # --- pdfplumber Page interface -------------------------------------------------------
    @property
    def glyphs(self) -> Glyphs:
        """The page's characters as columns (the reader's page model; `chars` are built from it)."""
        if not hasattr(self, "_glyphs"):
            self._load()
        return self._glyphs

    def _load(self) -> None:
        graphics, text_order = self._graphics()
        objects: dict[str, list[dict]] = {}
        for kind, obj in graphics:
            objects.setdefault(kind, []).append(obj)
        self._graphic_objects = objects
        self._glyphs = self._chars(text_order)

    def _graphic(self, kind: str) -> list[dict]:
        if not hasattr(self, "_graphic_objects"):
            self._load()
        return self._graphic_objects.get(kind, [])

    @property
    def objects(self) -> dict[str, list[dict]]:
        if not hasattr(self, "_objects"):
            glyphs = self.glyphs
            self._objects = {"char": glyphs.dicts(), **self._graphic_objects}
        return self._objects

    # the reader's paths and images without the character dicts (Container's go through objects)
    @property
    def lines(self) -> list[dict]:
        return self._graphic("line")

    @property
    def rects(self) -> list[dict]:
        return self._graphic("rect")

    @property
    def curves(self) -> list[dict]:
        return self._graphic("curve")

    @property
    def images(self) -> list[dict]:
        return self._graphic("image")

    def extract_words(self, **kwargs: Any) -> list[dict]:
        return words(self.chars, **kwargs)

    def find_tables(self, table_settings: dict | None = None) -> list:
        return TableFinder(self, FinderSettings.resolve(table_settings)).tables

    def raw_boxes(self) -> tuple[tuple[float, ...], tuple[float, ...]]:
        """(MediaBox, CropBox) as the PDF writes them (PDFium's fallbacks when missing)."""
        return (tuple(_exact(v) for v in self._page.get_mediabox()),
                tuple(_exact(v) for v in self._page.get_cropbox()))

    def filter(self, keep: Callable[[dict], bool]) -> "PdfiumPage":
        """This page keeping only the objects `keep` accepts (pdfplumber's Page.filter)."""
        kept = {kind: [obj for obj in objs if keep(obj)] for kind, objs in self.objects.items()}
        self.flush_cache()
        self._objects = kept
        self._graphic_objects = {kind: objs for kind, objs in kept.items() if kind != "char"}
        self._glyphs = Glyphs.from_dicts(kept.get("char", []))
        return self

    def close(self) -> None:
        self.flush_cache()
        if self._page is not None and self._owner:
            self._page.close()
        self._page = None

    def turned(self, quarter_turn: int) -> "PdfiumPage":
        """The page displayed turned clockwise by quarter_turn degrees more than its /Rotate, as
        pdfminer reads a page whose /Rotate is changed (the same PDFium page, not closed by it)."""
        upright = PdfiumPage(self._page, self.page_number, self.rotation - self._page.get_rotation() + quarter_turn,
                             owner=False, shown=self._shown, codes=self._codes)
        upright.printed, upright.turned_by = self, quarter_turn
        return upright

    # --- coordinates ---------------------------------------------------------------------
    def _top_left(self, x0: float, y0: float, x1: float, y1: float) -> dict:
        """pdfplumber's box fields from pdfminer's (x0, y0, x1, y1) (Page.process_object)."""
        mb_x0, mb_top = self.mediabox[0], self.mediabox[1]
        top = (self.height - y1) + mb_top
        return {"x0": x0 + mb_x0, "y0": y0, "x1": x1 + mb_x0, "y1": y1, "width": x1 - x0, "height": y1 - y0,
                "top": top, "bottom": (self.height - y0) + mb_top, "doctop": top}

    def _point(self, pt: tuple[float, float]) -> tuple[float, float]:
        """pdfplumber's point2coord."""
        return (self.mediabox[0] + pt[0], self.mediabox[1] + self.height - pt[1])

    # --- characters ----------------------------------------------------------------------
    def _chars(self, text_order: dict[int, int]) -> Glyphs:
        shown = self._shown() if self._shown is not None else None
        if shown is not None and len(shown) == len(self._text_handles) and not any(s.font.is_vertical() for s in shown):
            return self._shown_chars(shown)
        self._advances: dict[int, dict[int, float]] = {}  # per font (key), advance by code
        text_page = pdfium_c.FPDFText_LoadPage(self._page.raw)
        try:
            return self._text_chars(text_page, text_order)
        finally:
            pdfium_c.FPDFText_ClosePage(text_page)

    def _text_chars(self, text_page: Any, text_order: dict[int, int]) -> Glyphs:
        """The page's characters in content-stream order, as pdfminer gives them (PDFium's text
        page may put text objects in reading order: `text_order` ranks them as drawn).

        Hot loop (thousands of characters a page): what every character of a text object shares
        (font, size, matrix) is asked of PDFium once per object; per character only its code,
        text object and origin are asked (through prototypes taking plain addresses: pypdfium2's
        typed pointers cost more than the calls), and the boxes are computed for the whole page
        at once (_char_dicts)."""
        c = pdfium_c
        count = c.FPDFText_CountChars(text_page)
        codes = _page_codes(text_page, count)
        page = ctypes.cast(text_page, ctypes.c_void_p).value
        get_object, get_origin, is_generated = _GET_TEXT_OBJECT, _GET_CHAR_ORIGIN, _IS_GENERATED
        ox, oy = ctypes.c_double(), ctypes.c_double()
        rx, ry = ctypes.byref(ox), ctypes.byref(oy)
        fonts: dict[int, tuple[str, float, dict | None]] = {}
        objects: dict[int, tuple] = {}
        texts: list[str] = []
        advs: list[float] = []
        xs: list[float] = []
        ys: list[float] = []
        owners: list[tuple] = []  # each character's text object facts
        last_handle, last_x, last_y, last_index = 0, 0.0, 0.0, -1  # the character appended last (pieces of one glyph share all)
        if codes is None:
            codes = [c.FPDFText_GetUnicode(text_page, i) for i in range(count)]
        for i, code in enumerate(codes):
            if code in _GENERATED_CODES and is_generated(page, i):
                continue  # spaces and line breaks PDFium adds between text objects: not on the page
            handle = get_object(page, i)
            if not handle:
                continue
            facts = objects.get(handle)
            if facts is None:
                facts = objects[handle] = self._text_object(text_page, i, handle, text_order, fonts)
            if code in _HYPHEN_MARKS and c.FPDFText_IsHyphen(text_page, i):
                code = _HYPHEN  # PDFium marks a hyphen that ends a line, and drops its code
            text = _char_text(code)
            get_origin(page, i, rx, ry)
            x, y = ox.value, oy.value
            if handle == last_handle and x == last_x and y == last_y and _same_box(text_page, last_index, i):
                # PDFium gives a glyph mapped to several characters (a ligature, a ToUnicode
                # string) as pieces with one origin and one box; pdfminer gives one character
                # with all the text (two glyphs at one origin have two boxes, unless identical)
                font, fontsize = facts[1], facts[6]
                text = _LIGATURES.get(unicodedata.normalize("NFKC", texts[-1]) + text, texts[-1] + text)
                adv = _advance(font, ord(text)) * fontsize if len(text) == 1 else -1.0
                if adv < 0:  # no code for the whole text: the glyph's advance from PDFium's loose box
                    adv = _loose_advance(text_page, i, font, fontsize, _text_matrix(text_page, i))
                texts[-1], advs[-1] = text, adv
                continue
            last_handle, last_x, last_y, last_index = handle, x, y, i
            widths, fontsize = facts[5], facts[6]
            if widths is not None and text in widths:
                adv = widths[text] * fontsize / 1000  # pdfminer's AFM width of a standard font
            else:
                font_advances = facts[9]
                unit = font_advances.get(code)
                if unit is None:
                    unit = font_advances[code] = _advance(facts[1], code)
                adv = unit * fontsize
                if adv < 0:  # PDFium knows no width for it: the loose box spans the advance
                    adv = _loose_advance(text_page, i, facts[1], fontsize, _text_matrix(text_page, i))
            texts.append(text)
            advs.append(adv)
            xs.append(x)
            ys.append(y)
            owners.append(facts)
        xs, ys = _exact_all(xs), _exact_all(ys)
        for facts, text, adv, x, y in self._lone_spaces(text_page, set(objects), text_order, fonts):
            owners.append(facts)
            texts.append(text)
            advs.append(adv)
            xs.append(x)
            ys.append(y)
        # the characters of one text object share its facts (one tuple): one row per tuple
        ids = np.fromiter(map(id, owners), dtype=np.uint64, count=len(owners))
        _, first, per_object = np.unique(ids, return_index=True, return_inverse=True)
        glyphs = self._char_glyphs(texts, [owners[i] for i in first.tolist()], per_object.reshape(-1), advs, xs, ys)
        ranks = [facts[0] for facts in owners]
        if any(r > q for r, q in zip(ranks, ranks[1:])):
            glyphs = glyphs.take(np.argsort(np.array(ranks), kind="stable"))
        return glyphs

    def _shown_chars(self, shown: list[Shown]) -> Glyphs:
        """The page's characters as pdfminer draws them: each PDFium text object (in drawing
        order) is one text operator of the content stream (glyphs.py: the same count, in the same
        order); its codes read by pdfminer's font (text, width), placed from the object's origin
        along its matrix by pdfminer's rules (render_string_horizontal: advance, character and
        word spacing, TJ kerning), in its font's size and descent.

        The matrices of all operators are worked out at once (numpy, pdfminer's arithmetic in
        its order: the same floats). So are the characters of the common operator, one string in
        a one-byte font with no character spacing (_plain_operators): their places along the
        operator are running sums of the advances, summed in order per operator (_running_sums).
        Any other operator (kerning numbers, spacing, a CID font) is placed character by
        character (_placed_operator)."""
        count = len(shown)
        m = pdfium_c.FS_MATRIX()
        handles = list(self._text_handles.values())
        written: list[float] = []  # every object's matrix, made _exact all at once
        for obj, _ in handles:
            pdfium_c.FPDFPageObj_GetMatrix(obj, m)
            written += (m.a, m.b, m.c, m.d, m.e, m.f)
        a1, b1, c1, d1, e1, f1 = np.array(_exact_all(written), dtype=float).reshape(-1, 6).T
        a0, b0, c0, d0, e0, f0 = np.array([outer for _, outer in handles], dtype=float).reshape(-1, 6).T
        fonts, fontsizes, items, charspaces, wordspaces, scalings, lags = zip(*shown) if count else ((),) * 7
        fontsize, scaling = np.array(fontsizes, dtype=float), np.array(scalings, dtype=float)
        # _mult(written, outer), then PDFium's horizontal scaling (Tz) taken out of the matrix
        # (pdfminer has it in the advances), then _mult with the page's matrix, its linear part
        a, b = a0 * a1 + c0 * b1, b0 * a1 + d0 * b1
        c, d = a0 * c1 + c0 * d1, b0 * c1 + d0 * d1
        e, f = a0 * e1 + c0 * f1 + e0, b0 * e1 + d0 * f1 + f0
        scaled = scaling != 0
        a = np.where(scaled, a / np.where(scaled, scaling, 1.0), a)
        b = np.where(scaled, b / np.where(scaled, scaling, 1.0), b)
        pa, pb, pc, pd = self._ctm[:4]
        la, lb, lc, ld = pa * a + pc * b, pb * a + pd * b, pa * c + pc * d, pb * c + pd * d
        upright = ((la * ld * scaling > 0) & (lb * lc <= 0)).tolist()
        known: dict[int, tuple[dict, float]] = {}  # per pdfminer font: (code -> (text, width)), descent
        for font in fonts:
            if id(font) not in known:
                known[id(font)] = (self._codes.setdefault(font, {}), font.get_descent())
        descents = [known[id(font)][1] for font in fonts]
        objects = list(zip(range(count), itertools.repeat(None), itertools.repeat(0), [font.fontname for font in fonts],
                           descents, itertools.repeat(None), fontsizes, zip(la.tolist(), lb.tolist(), lc.tolist(),
                                                                             ld.tolist()),
                           upright, itertools.repeat(None)))
        shared = np.column_stack((la, lb, lc, ld, fontsize, np.array(descents, dtype=float))) if count \
            else np.zeros((0, 6))
        plain = _plain_operators(fonts, items, charspaces, wordspaces, lags)
        counts = np.zeros(count, dtype=np.int64)
        texts, advs, along, blank, empty, text_ids = self._plain_chars(plain, fonts, items, fontsize, scaling, lags,
                                                                       known, counts)
        if len(plain) < count:  # the other operators character by character, merged in drawing order
            is_plain = np.zeros(count, dtype=bool)
            is_plain[plain] = True
            more_texts: list[str] = []
            more_advs: list[float] = []
            more_along: list[float] = []
            for rank in np.flatnonzero(~is_plain).tolist():
                before = len(more_texts)
                _placed_operator(shown[rank], known[id(fonts[rank])][0], more_texts, more_advs, more_along)
                counts[rank] = len(more_texts) - before
            from_plain = np.repeat(is_plain, counts)
            merged = np.empty(len(from_plain), dtype=object)
            merged[from_plain], merged[~from_plain] = texts, more_texts
            texts = merged.tolist()
            merged_advs, merged_along = np.empty(len(from_plain)), np.empty(len(from_plain))
            merged_advs[from_plain], merged_advs[~from_plain] = advs, more_advs
            merged_along[from_plain], merged_along[~from_plain] = along, more_along
            advs, along = merged_advs.tolist(), merged_along
            blank = empty = text_ids = None  # worked out from the texts when asked
        per_object = np.repeat(np.arange(count), counts)
        x = np.asarray(along, dtype=float)
        return self._char_glyphs(texts, objects, per_object, advs, e[per_object] + a[per_object] * x,
                                 f[per_object] + b[per_object] * x, shared, blank, empty, text_ids)

    @staticmethod
    def _plain_chars(plain: list[int], fonts: Sequence[Any], items: Sequence[tuple], fontsize: np.ndarray,
                     scaling: np.ndarray, lags: Sequence[float], known: dict[int, tuple[dict, float]],
                     counts: np.ndarray) -> tuple[list[str], list[float], np.ndarray, np.ndarray, np.ndarray,
                                                  np.ndarray]:
        """(texts, advances, places along the operator, whether blank, whether empty, text ids)
        of the characters of the `plain` operators (_plain_operators), in their order, for all at
        once; their character counts written into `counts`. Each font's codes are read once a document
        (_read_code) into a table of 256 entries, one byte a code."""
        if not plain:
            return [], [], np.zeros(0), np.zeros(0, dtype=bool), np.zeros(0, dtype=bool), np.zeros(0, dtype=np.int64)
        strings = [items[rank][0] for rank in plain]
        lengths = np.fromiter(map(len, strings), dtype=np.int64, count=len(strings))
        counts[plain] = lengths
        block: dict[int, int] = {}  # each font's block of 256 entries in the tables, by id
        used: list[Any] = []  # the fonts, by block
        for rank in plain:
            if id(fonts[rank]) not in block:
                block[id(fonts[rank])] = len(used)
                used.append(fonts[rank])
        base = 256 * np.array([block[id(fonts[rank])] for rank in plain], dtype=np.int64)
        operator = np.repeat(np.arange(len(plain)), lengths)
        slot = base[operator] + np.frombuffer(b"".join(strings), dtype=np.uint8)
        text_table = np.full(256 * len(used), "", dtype=object)
        width_table = np.zeros(256 * len(used))
        used_entries = np.unique(slot)
        read: list[tuple[str, float]] = []  # (text, width) of each entry used, in order
        for entry in used_entries.tolist():
            font = used[entry // 256]
            codes, cid = known[id(font)][0], entry % 256
            if cid not in codes:
                codes[cid] = _read_code(font, cid)
            read.append(codes[cid])
        entry_texts, entry_widths = zip(*read)
        text_table[used_entries] = entry_texts
        width_table[used_entries] = entry_widths
        texts = text_table[slot].tolist()
        # whether each text is blank (str.isspace) or empty, and a number per distinct text, read
        # once an entry
        blank_table, empty_table = np.zeros(len(text_table), dtype=bool), np.zeros(len(text_table), dtype=bool)
        id_table = np.zeros(len(text_table), dtype=np.int64)
        blank_table[used_entries] = [text.isspace() for text in entry_texts]
        empty_table[used_entries] = [not text for text in entry_texts]
        ids: dict[str, int] = {}
        id_table[used_entries] = [ids.setdefault(text, len(ids)) for text in entry_texts]
        # width * fontsize * scaling, in pdfminer's order
        advs = width_table[slot] * fontsize[plain][operator] * scaling[plain][operator]
        along = _running_sums(np.array([lags[rank] for rank in plain], dtype=float), advs, lengths, operator)
        return texts, advs.tolist(), along, blank_table[slot], empty_table[slot], id_table[slot]

    def _char_glyphs(self, texts: list[str], objects: list[tuple], per_object: np.ndarray, advs: list[float],
                     xs: Sequence[float], ys: Sequence[float], shared: np.ndarray | None = None,
                     blank: np.ndarray | None = None, empty: np.ndarray | None = None,
                     text_ids: np.ndarray | None = None) -> Glyphs:
        """The characters as columns, with the boxes pdfminer's LTChar computes, from each origin
        (x, y) in user space, the advance and the character's matrix turned by the page's (the
        facts' `linear`), for all characters at once (numpy, the same operations in the same
        order as pdfminer's per-character arithmetic, so the same floats); pdfplumber's dicts are
        built from the columns when asked. `objects` holds what the characters of each text
        object share (see _text_object), `per_object` each character's object; `shared`, when
        given, their linear matrix, size and descent as an array (a row per object); `blank` and
        `empty`, when given, whether each text is white space or empty, `text_ids` a number per
        distinct text (Glyphs.blank, .empty, .text_ids)."""
        pa, pb, pc, pd, pe, pf = self._ctm
        if shared is None:
            shared = np.array([facts[7] + (facts[6], facts[4]) for facts in objects], dtype=float).reshape(-1, 6)
        per_char = shared[per_object]
        la, lb, lc, ld, size, descent = per_char.T
        x, y, adv = np.array(xs, dtype=float), np.array(ys, dtype=float), np.array(advs, dtype=float)
        # the origin through the page's matrix; the box's corners through the character's full
        # matrix (pdfminer's arithmetic: a*x + c*y + e, in that order)
        e = pa * x + pc * y + pe
        f = pb * x + pd * y + pf
        low = descent * size
        high = low + size
        corner_x = (la * 0 + lc * low + e, la * adv + lc * low + e, la * adv + lc * high + e, la * 0 + lc * high + e)
        corner_y = (lb * 0 + ld * low + f, lb * adv + ld * low + f, lb * adv + ld * high + f, lb * 0 + ld * high + f)
        x0, x1 = np.minimum.reduce(corner_x), np.maximum.reduce(corner_x)
        y0, y1 = np.minimum.reduce(corner_y), np.maximum.reduce(corner_y)
        mb_x0, mb_top, height = self.mediabox[0], self.mediabox[1], self.height
        top = (height - y1) + mb_top
        columns = (x0 + mb_x0, y0, x1 + mb_x0, y1, x1 - x0, y1 - y0, top, (height - y0) + mb_top, e, f)
        fonts: dict[str, int] = {}
        object_font = np.array([fonts.setdefault(facts[3], len(fonts)) for facts in objects], dtype=np.int64)
        object_upright = np.array([bool(facts[8]) for facts in objects], dtype=bool)
        number = self.page_number

        def rebuild(index: np.ndarray) -> list[dict]:
            return [
                {"x0": left, "y0": low_y, "x1": right, "y1": high_y, "width": wide, "height": tall, "top": top_,
                 "bottom": bottom, "doctop": top_, "object_type": "char", "page_number": number,
                 "text": texts[i], "fontname": facts[3], "size": tall, "adv": advs[i], "upright": facts[8],
                 "matrix": (*facts[7], ee, ff)}
                for i, facts, left, low_y, right, high_y, wide, tall, top_, bottom, ee, ff
                in zip(index.tolist(), map(objects.__getitem__, per_object[index].tolist()),
                       *(column[index].tolist() for column in columns))
            ]

        return Glyphs(texts, object_font[per_object], list(fonts), object_upright[per_object], columns[0], columns[2],
                      columns[6], columns[7], columns[5], la, lb, rebuild, blank, empty, text_ids)

    def _lone_spaces(self, text_page: Any, seen: set[int], text_order: dict[int, int],
                     fonts: dict[int, tuple[str, float, dict | None]]) -> list[tuple]:
        """(text object facts, text, advance, x, y) of the space glyphs PDFium's text page
        leaves out: a text object of one space (Chromium draws each glyph as an object of its
        own) gives no character there and no text, though pdfminer reads it like any glyph (and
        the reader uses space glyphs)."""
        out = []
        for handle, (obj, outer) in self._text_handles.items():
            if handle in seen:
                continue
            if pdfium_c.FPDFTextObj_GetText(obj, text_page, None, 0) > 2:
                continue  # it has text, yet no character on the text page: not a lone space
            text = " "  # PDFium gives a lone space's object no text at all
            font = pdfium_c.FPDFTextObj_GetFont(obj)
            font_key = ctypes.cast(font, ctypes.c_void_p).value or 0
            if font_key not in fonts:
                fonts[font_key] = _font_facts(font)
            fontname, descent, widths = fonts[font_key]
            fontsize = ctypes.c_float()
            pdfium_c.FPDFTextObj_GetFontSize(obj, fontsize)
            m = pdfium_c.FS_MATRIX()
            pdfium_c.FPDFPageObj_GetMatrix(obj, m)
            a, b, c, d, x, y = _mult(_matrix(m), outer)
            size_pt = _exact(fontsize.value)
            linear = _mult((a, b, c, d, 0.0, 0.0), (*self._ctm[:4], 0.0, 0.0))[:4]
            if widths is not None and text in widths:
                adv = widths[text] * size_pt / 1000
            else:
                adv = max(_advance(font, ord(text)), 0.0) * size_pt
            facts = (text_order.get(handle, -1), font, font_key, fontname, descent, widths, size_pt, linear,
                     _upright(linear), {})
            out.append((facts, text, adv, x, y))
        return out

    def _text_object(self, text_page: Any, index: int, handle: int, text_order: dict[int, int],
                     fonts: dict[int, tuple[str, float, dict | None]]) -> tuple:
        """What every character of a text object shares: its rank in drawing order, its font
        (handle, key, name, descent, standard widths), its size, its matrix turned by the
        page's (pdfminer's character matrix, without the translation), whether that is upright,
        and the font's advances by code (for a font size of 1), filled as characters ask."""
        font = pdfium_c.FPDFTextObj_GetFont(ctypes.cast(handle, pdfium_c.FPDF_PAGEOBJECT))
        font_key = ctypes.cast(font, ctypes.c_void_p).value or 0
        if font_key not in fonts:
            fonts[font_key] = _font_facts(font)
        fontname, descent, widths = fonts[font_key]
        fontsize = _exact(pdfium_c.FPDFText_GetFontSize(text_page, index))
        linear = _mult((*_text_matrix(text_page, index), 0.0, 0.0), (*self._ctm[:4], 0.0, 0.0))[:4]
        return (text_order.get(handle, -1), font, font_key, fontname, descent, widths, fontsize, linear,
                _upright(linear), self._advances.setdefault(font_key, {}))

    # --- paths -----------------------------------------------------------------------------
    def _graphics(self) -> tuple[list[tuple[str, dict]], dict[int, int]]:
        """The page's lines, rects, curves and images, and the rank of each text object in
        drawing order (by handle)."""
        out: list[tuple[str, dict]] = []
        text_order: dict[int, int] = {}
        self._text_handles: dict[int, tuple[Any, Matrix]] = {}  # text objects: the pointer, the forms' matrix
        page = self._page.raw
        self._walk([pdfium_c.FPDFPage_GetObject(page, i) for i in range(pdfium_c.FPDFPage_CountObjects(page))],
                   (1, 0, 0, 1, 0, 0), out, text_order)
        return out, text_order

    def _walk(self, handles: list, outer: Matrix, out: list, text_order: dict[int, int]) -> None:
        c = pdfium_c
        m = c.FS_MATRIX()
        for obj in handles:
            kind = c.FPDFPageObj_GetType(obj)
            if kind == _OBJ_FORM:
                c.FPDFPageObj_GetMatrix(obj, m)
                inner = _mult(_matrix(m), outer)
                self._walk([c.FPDFFormObj_GetObject(obj, i) for i in range(c.FPDFFormObj_CountObjects(obj))],
                           inner, out, text_order)
            elif kind == _OBJ_TEXT:
                handle = ctypes.addressof(obj.contents)
                text_order[handle] = len(text_order)
                self._text_handles[handle] = (obj, outer)
            elif kind == _OBJ_PATH:
                self._path(obj, outer, out)
            elif kind == _OBJ_IMAGE:
                out.append(("image", self._image(obj)))

    def _image(self, obj: Any) -> dict:
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        corners = [_apply(self._ctm, x, y) for x, y in ((left.value, bottom.value), (right.value, top.value))]
        (x0, x1), (y0, y1) = sorted(p[0] for p in corners), sorted(p[1] for p in corners)
        return {"object_type": "image", "page_number": self.page_number, **self._top_left(x0, y0, x1, y1)}

    def _path(self, obj: Any, outer: Matrix, out: list) -> None:
        c = pdfium_c
        m = c.FS_MATRIX()
        c.FPDFPageObj_GetMatrix(obj, m)
        ctm = _mult(_mult(_matrix(m), outer), self._ctm)
        fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
        c.FPDFPath_GetDrawMode(obj, fill_mode, stroke)
        width = ctypes.c_float()
        c.FPDFPageObj_GetStrokeWidth(obj, width)
        x, y = ctypes.c_float(), ctypes.c_float()
        ops: list[tuple] = []
        bezier: list[tuple[float, float]] = []
        for i in range(c.FPDFPath_CountSegments(obj)):
            segment = c.FPDFPath_GetPathSegment(obj, i)
            c.FPDFPathSegment_GetPoint(segment, x, y)
            kind, point = c.FPDFPathSegment_GetType(segment), (_exact(x.value), _exact(y.value))
            if kind == _SEG_MOVETO:
                ops.append(("m", point))
            elif kind == _SEG_LINETO:
                ops.append(("l", point))
            elif kind == _SEG_BEZIERTO:
                bezier.append(point)
                if len(bezier) == 3:
                    ops.append(("c", *bezier))
                    bezier = []
            if c.FPDFPathSegment_GetClose(segment):
                ops.append(("h",))
        facts = {"linewidth": _exact(width.value), "stroke": bool(stroke.value), "fill": fill_mode.value != 0,
                 "evenodd": fill_mode.value == 1, "fill_rgb": _fill_rgb(obj) if fill_mode.value != 0 else None}
        shape = "".join(op[0] for op in ops)
        for match in re.finditer(r"m[^m]*", shape):  # each subpath alone, as pdfminer paints them
            sub = ops[match.start() : match.end()]
            if len(sub) > 1:
                made = self._classify(sub, ctm, facts)
                if made is not None:
                    out.append(made)

    def _classify(self, path: list[tuple], ctm: Matrix, facts: dict) -> tuple[str, dict] | None:
        """One subpath as pdfminer's converter classes it (PDFLayoutAnalyzer.paint_path), with the
        fields pdfplumber's Page.process_object adds."""
        shape = "".join(op[0] for op in path)
        pts = [_apply(ctm, *(op[-1] if op[0] != "h" else path[0][-1])) for op in path]
        if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
            shape = shape[:-2] + "h"
            pts.pop()
        kind = "curve"
        if shape in {"mlh", "ml"}:
            kind, pts = "line", pts[:2]
        elif shape in {"mlllh", "mllll"}:
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
            closed = pts[0] == pts[4]
            square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
            if closed and square:
                kind = "rect"
                (ax, ay), (bx, by) = pts[0], pts[2]
                ax, bx = sorted((ax, bx))
                ay, by = sorted((ay, by))
                pts = [(ax, ay), (bx, ay), (bx, by), (ax, by)]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        obj = self._top_left(min(xs), min(ys), max(xs), max(ys))
        obj.update(object_type=kind, page_number=self.page_number, pts=[self._point(p) for p in pts], **facts)
        return kind, obj


def _fill_rgb(obj: Any) -> tuple[int, int, int] | None:
    """A path's fill colour as PDFium shows it (RGB 0-255); None when it has none it can give (a
    pattern). Compared for equality only (ruled.fill_colour)."""
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetFillColor(obj, r, g, b, a):
        return None
    return (r.value, g.value, b.value)


def _upright(linear: tuple[float, float, float, float]) -> bool:
    """pdfminer's LTChar.upright from the character's matrix."""
    a, b, c, d = linear
    return a * d > 0 and b * c <= 0


def _exact_all(values: list[float]) -> list[float]:
    """_exact of every value at once: each rounded to 7 significant digits as round(v * 10**k)
    / 10**k (k = 6 - its decimal exponent), which for a 32-bit float and k <= 8 is the same
    float as the decimal string: v * 10**k is exact in 64 bits (24 + 27 bits), np.round rounds
    half to even as the formatting does, and the division is correctly rounded. Other values
    (huge, tiny, not finite) go through _exact; a zero stays as it is (its sign too, as _exact
    keeps it), and matrices hold many."""
    if not values:
        return []
    v = np.array(values, dtype=float)
    magnitude = np.abs(v)
    usable = ((magnitude >= 0.1) & (magnitude < 1e6)) | (magnitude == 0)
    digits = 6 - np.floor(np.log10(np.where(usable & (magnitude > 0), magnitude, 1.0)))
    scale = np.power(10.0, digits)
    out = (np.round(v * scale) / scale).tolist()
    if not usable.all():
        for i in np.flatnonzero(~usable).tolist():
            out[i] = _exact(values[i])
    return out


def words(chars: list[dict], return_chars: bool = False, **kwargs: Any) -> list[dict]:
    """pdfplumber's extract_words(chars, return_chars, **kwargs), the same words in the same
    order, with the common case done by glyph_columns.glyph_words (pdfplumber's rules for
    upright characters read left to right, on columns; pdfplumber's builder spends most of its
    time in per-character function calls and generators). Any other setting goes to pdfplumber."""
    extractor = WordExtractor(**kwargs)
    if not builds_words(extractor):
        return extractor.extract_words(chars, return_chars)
    found = glyph_words(Glyphs.from_dicts(chars), np.arange(len(chars)), extractor)
    out: list[dict] = []
    for start, end in zip(found.starts.tolist(), found.ends.tolist()):
        word_chars = [chars[i] for i in found.members[start:end].tolist()]
        word = _merged(word_chars, extractor) if word_chars[0]["upright"] else extractor.merge_chars(word_chars)
        if return_chars:
            word["chars"] = word_chars
        out.append(word)
    return out


_X0, _X1, _TOP, _BOTTOM, _TEXT = (itemgetter(key) for key in ("x0", "x1", "top", "bottom", "text"))


def _merged(chars: list[dict], extractor: WordExtractor) -> dict:
    """pdfplumber's WordExtractor.merge_chars for upright characters read left to right."""
    first = chars[0]
    # map(itemgetter) rather than generators: this runs for every word of every page
    x0 = min(map(_X0, chars))
    top = min(map(_TOP, chars))
    x1 = max(map(_X1, chars))
    bottom = max(map(_BOTTOM, chars))
    texts = list(map(_TEXT, chars))
    word = {
        "text": "".join([LIGATURES.get(text, text or "") for text in texts]) if extractor.expansions
        else "".join([text or "" for text in texts]),
        "x0": x0, "x1": x1, "top": top, "doctop": top + (first["doctop"] - first["top"]), "bottom": bottom,
        "upright": first["upright"], "height": bottom - top, "width": x1 - x0, "direction": "ltr",
    }
    for key in extractor.extra_attrs:
        word[key] = first[key]
    return word


def _exact(value: float) -> float:
    """A number PDFium keeps as a 32-bit float (about 7 significant digits), back to the decimal
    the PDF most likely wrote or its producer computed (775.8898, not 775.88977; 9.9975, not
    9.99749994): pdfminer computes in 64 bits from the written decimals, and the reader rounds
    positions (word and space keys), so a last-digit difference could flip a decision."""
    return float(f"{value:.7g}")


def _matrix(m: Any) -> Matrix:
    return (_exact(m.a), _exact(m.b), _exact(m.c), _exact(m.d), _exact(m.e), _exact(m.f))


# PDFium's per-character calls, declared again with plain addresses for the text page and the
# text object (pypdfium2's typed pointers are checked and wrapped on every call: in the hot loop
# that costs more than the call itself). Same functions, same library.
_GET_TEXT_OBJECT = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
    ctypes.cast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p).value)
_GET_CHAR_ORIGIN = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_double),
                                    ctypes.POINTER(ctypes.c_double))(
    ctypes.cast(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_void_p).value)
_IS_GENERATED = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int)(
    ctypes.cast(pdfium_c.FPDFText_IsGenerated, ctypes.c_void_p).value)
# what PDFium's generated characters can be (a space, a line break): only these are asked whether generated
_GENERATED_CODES = frozenset((0x20, 0x0D, 0x0A))


def _page_codes(text_page: Any, count: int) -> list[int] | None:
    """Every character's code point at once (one call instead of one a character); None when
    the page holds characters beyond the BMP (two UTF-16 units: indexes would not match)."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(text_page, 0, count, buffer)
    codes = list(buffer[: max(written - 1, 0)])
    if len(codes) != count or any(0xD800 <= u <= 0xDFFF for u in codes):
        return None
    return codes


def _char_text(code: int) -> str:
    try:
        return chr(code)
    except ValueError:
        return "\ufffd"


def _read_code(font: Any, cid: int) -> tuple[str, float]:
    """(text, width) of a code as pdfminer reads it with the font."""
    try:
        text = font.to_unichr(cid)
    except PDFUnicodeNotDefined:
        text = f"(cid:{cid})"  # pdfminer's PDFLayoutAnalyzer.handle_undefined_char
    return text, font.char_width(cid)


# operators x characters per block of _running_sums: bounds the memory of a page whose operators
# differ widely in length (the result does not depend on it)
_ARRAY_CELLS = 1 << 20


def _plain_operators(fonts: Sequence[Any], items: Sequence[tuple], charspaces: Sequence[float],
                     wordspaces: Sequence[float], lags: Sequence[float]) -> list[int]:
    """The operators whose characters pdfminer places by a running sum of their advances alone:
    one string, in a font of one byte a code (PDFFont.decode), with no character spacing, no word
    spacing that applies (a space in the string) and not starting at -0.0 (adding a spacing of
    0.0 would make it 0.0)."""
    return [rank for rank, (font, shown, charspace, wordspace, lag)
            in enumerate(zip(fonts, items, charspaces, wordspaces, lags))
            if len(shown) == 1 and type(shown[0]) is bytes and type(font).decode is PDFFont.decode
            and charspace == 0 and not (wordspace and b" " in shown[0])
            and not (lag == 0 and math.copysign(1.0, lag) < 0)]


def _running_sums(starts: np.ndarray, steps: np.ndarray, lengths: np.ndarray, operator: np.ndarray) -> np.ndarray:
    """For each operator (`lengths[k]` of the `steps`, in order; `operator`: each step's), its
    start, then the start plus its first step, plus its second, ... (one value a step): the sum
    run in the order pdfminer runs it (a row per operator, np.add.accumulate along it), so the
    same floats. Operators are taken shortest first, in blocks of at most _ARRAY_CELLS cells."""
    out = np.empty(len(steps))
    first = np.cumsum(lengths) - lengths
    column = np.arange(len(steps)) - first[operator]
    order = np.argsort(lengths, kind="stable")
    ordered = lengths[order]
    row_of = np.empty(len(lengths), dtype=np.int64)
    lo = 0
    while lo < len(order):
        fits = np.arange(1, len(order) - lo + 1) * (ordered[lo:] + 1) <= _ARRAY_CELLS
        rows = max(1, int(fits.sum()))  # the products grow with the rows: the fitting ones come first
        block = order[lo : lo + rows]
        sums = np.zeros((rows, int(ordered[lo + rows - 1]) + 1))
        sums[:, 0] = starts[block]
        row_of[block] = np.arange(rows)
        held = np.zeros(len(lengths), dtype=bool)
        held[block] = True
        mine = held[operator]
        sums[row_of[operator[mine]], column[mine] + 1] = steps[mine]
        np.add.accumulate(sums, axis=1, out=sums)
        out[mine] = sums[row_of[operator[mine]], column[mine]]
        lo += rows
    return out


def _placed_operator(op: Shown, codes: dict[int, tuple[str, float]], texts: list[str], advs: list[float],
                     along: list[float]) -> None:
    """One operator's characters as pdfminer places them (render_string_horizontal), appended:
    text, advance and x in the operator's text space; `codes` holds its font's codes read so far."""
    font, fontsize, scaling = op.font, op.fontsize, op.scaling
    dxscale = 0.001 * fontsize * scaling
    charspace, wordspace = op.charspace, op.wordspace
    x, started, needcharspace = op.lag, False, False
    for item in op.items:
        if isinstance(item, (int, float)):
            if started:
                x -= item * dxscale  # before the first glyph: PDFium's origin has it
            needcharspace = True
            continue
        if not isinstance(item, bytes):
            continue
        cids = list(font.decode(item))  # a CID font's decode is a generator
        if not cids:
            continue
        for cid in set(cids).difference(codes):
            codes[cid] = _read_code(font, cid)
        item_texts, widths = zip(*map(codes.__getitem__, cids))
        item_advs = [width * fontsize * scaling for width in widths]
        texts.extend(item_texts)
        advs.extend(item_advs)
        if charspace == 0 and not (wordspace and 32 in cids) and not (x == 0 and math.copysign(1.0, x) < 0):
            # adding no spacing leaves the sum as it is: the running sum of the advances
            placed = list(itertools.accumulate(item_advs, initial=x))
            x = placed.pop()
            along.extend(placed)
        else:
            for cid, adv in zip(cids, item_advs):
                if needcharspace:
                    x += charspace
                along.append(x)
                x += adv
                if cid == 32 and wordspace:
                    x += wordspace
                needcharspace = True
        started = needcharspace = True


def _font_facts(font: Any) -> tuple[str, float, dict | None]:
    """(font name, descent as a fraction of the font size, widths by character or None) as
    pdfminer takes them: a standard font's metrics from pdfminer's own AFM table (whatever the
    PDF says), any other's from its descriptor and widths (PDFium's).

    pdfminer looks the PDF's BaseFont up in its table, subset prefix and all ('TYLEZK+Helvetica'
    is not standard to it); PDFium gives the name without the prefix, so an embedded font (every
    subset is) is not taken for a standard one."""
    c = pdfium_c
    size = c.FPDFFont_GetBaseFontName(font, None, 0)
    buffer = ctypes.create_string_buffer(size)
    c.FPDFFont_GetBaseFontName(font, buffer, size)
    name = buffer.value.decode("utf-8", "replace")
    embedded = c.FPDFFont_GetIsEmbedded(font)
    if embedded:
        name = _subset_name(font, name)
    if name in FONT_METRICS and not embedded:
        descriptor, widths = FONT_METRICS[name]
        return name, -abs(float(descriptor.get("Descent", 0))) / 1000, widths
    descent = ctypes.c_float()
    if not c.FPDFFont_GetDescent(font, ctypes.c_float(1000.0), descent):
        return name, 0.0, None
    return name, -abs(descent.value) / 1000, None


def _subset_name(font: Any, name: str) -> str:
    """The embedded font's name with its subset tag ('TYLEZK+Helvetica'), as pdfminer gives the
    BaseFont: the reader's words end where the font name changes, and two subsets of one font
    are two fonts to pdfminer. PDFium gives the name without the tag; the font program names
    itself with it (Type 1 /FontName, CFF name index, most TrueType name tables), else the name
    stays bare."""
    size = ctypes.c_size_t()
    if not pdfium_c.FPDFFont_GetFontData(font, None, 0, size) or not size.value:
        return name
    data = (ctypes.c_uint8 * size.value)()
    pdfium_c.FPDFFont_GetFontData(font, data, size.value, size)
    return tagged_name(bytes(data), name)


def tagged_name(program: bytes, name: str) -> str:
    """`name` with the subset tag the font program gives it (six capitals and '+'), else as it is."""
    found = re.search(rb"[A-Z]{6}\+" + re.escape(name.encode("utf-8")), program)
    return found.group(0).decode("ascii") if found else name


def _same_box(text_page: Any, first: int, second: int) -> bool:
    """Whether two characters of the text page have the same glyph box (PDFium's)."""
    boxes = []
    for index in (first, second):
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        pdfium_c.FPDFText_GetCharBox(text_page, index, left, right, bottom, top)
        boxes.append((left.value, right.value, bottom.value, top.value))
    return boxes[0] == boxes[1]


def _text_matrix(text_page: Any, index: int) -> tuple[float, float, float, float]:
    """The linear part of a character's matrix (its text object's matrix in page space)."""
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(text_page, index, matrix)
    return (_exact(matrix.a), _exact(matrix.b), _exact(matrix.c), _exact(matrix.d))


def _advance(font: Any, code: int) -> float:
    """The character's advance for a font size of 1, from the font's widths (what pdfminer
    reads too); -1 when PDFium has none."""
    width = ctypes.c_float()
    if not pdfium_c.FPDFFont_GetGlyphWidth(font, code, ctypes.c_float(1000.0), width):
        return -1.0
    return width.value / 1000


def _loose_advance(text_page: Any, index: int, font: Any, fontsize: float,
                   matrix: tuple[float, float, float, float]) -> float:
    """The advance from PDFium's loose box: the box is the advance by the font's ascent-descent,
    turned by the matrix (wider when the glyph's ink overhangs)."""
    box = pdfium_c.FS_RECTF()
    pdfium_c.FPDFText_GetLooseCharBox(text_page, index, box)
    a, b, c, d = matrix
    ascent, descent = ctypes.c_float(), ctypes.c_float()
    pdfium_c.FPDFFont_GetAscent(font, ctypes.c_float(fontsize), ascent)
    pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(fontsize), descent)
    height = ascent.value - descent.value
    if abs(a) >= abs(b):
        return (box.right - box.left - abs(height * c)) / abs(a) if a else 0.0
    return (box.top - box.bottom - abs(height * d)) / abs(b)
