"""Small PDFs written operator by operator, for the catalogue of drawing constructs that PDFs from
other producers use (tests/extract/test_pdf_constructs.py, issue 20): how a glyph, a word, a
ruling, a page box or a form is written varies by producer, while the table on the page is the
same. Each page's content stream is composed here from a table statement (rows of cells at known
positions) and a construct (how text and rules are drawn), so a test states the cells it expects
and nothing is taken from the reader.

Written by hand rather than with reportlab's canvas: page boxes with a non-zero origin, /Rotate
with content drawn turned, Form XObjects, one text object per glyph, TJ kerning and Type3 fonts
need operators and dictionaries the canvas does not expose. Fonts are the standard 14 (no
embedding), so both page sources read the same widths.
"""

from __future__ import annotations

import random
import re
import zlib
from dataclasses import dataclass, field
from typing import Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth

FONT_SIZE = 9.0
ROW_HEIGHT = 18.0
PADDING = 4.0  # points between a cell's rules and its text
BASELINE_DROP = 12.5  # points from a row's top to its text baseline
# fonts every page's resources name: /F1 Helvetica, /F2 Helvetica-Bold
FONTS = {"F1": "Helvetica", "F2": "Helvetica-Bold"}

HEADER = ("Budget line", "2015/16", "2016/17")
BODY = (
    ("Staff costs", "1,200", "1,350"),
    ("Travel", "45", "50"),
    ("Training", "310", "295"),
    ("Total", "1,555", "1,695"),
)
WIDTHS = (150.0, 70.0, 70.0)


@dataclass(frozen=True)
class Placed:
    """One cell's text on the page: baseline start (x, y) in PDF user space (y up)."""

    text: str
    x: float
    y: float
    font: str = "F1"
    size: float = FONT_SIZE
    flush_right: bool = False


@dataclass(frozen=True)
class Grid:
    """Where a table's cells are: left, top (y up), column widths, row height, row count."""

    left: float
    top: float
    widths: tuple[float, ...]
    rows: int
    row_height: float = ROW_HEIGHT

    @property
    def xs(self) -> list[float]:
        out = [self.left]
        for width in self.widths:
            out.append(out[-1] + width)
        return out

    @property
    def ys(self) -> list[float]:
        return [self.top - i * self.row_height for i in range(self.rows + 1)]


def helvetica_width(text: str, font: str, size: float) -> float:
    return stringWidth(text, FONTS[font], size)


def table_cells(rows: Sequence[Sequence[str]], grid: Grid, *, bold_header: bool = True,
                width=helvetica_width) -> list[Placed]:
    """Each cell's text: the first column set flush left, the others flush right (figures);
    `width(text, font, size)` is the text's advance in the font that will draw it."""
    placed = []
    xs = grid.xs
    for r, row in enumerate(rows):
        y = grid.top - r * grid.row_height - BASELINE_DROP
        font = "F2" if bold_header and r == 0 else "F1"
        for c, text in enumerate(row):
            if not text:
                continue
            if c == 0:
                x = xs[c] + PADDING
            else:
                x = xs[c + 1] - PADDING - width(text, font, FONT_SIZE)
            placed.append(Placed(text, x, y, font, flush_right=c > 0))
    return placed


def _escape(text: str) -> str:
    """A PDF literal string's body in WinAnsi bytes, as latin-1 text."""
    raw = text.encode("cp1252")
    return "".join("\\" + chr(b) if chr(b) in "()\\" else (chr(b) if 32 <= b < 127 else f"\\{b:03o}") for b in raw)


# --- text constructs -----------------------------------------------------------------------------

def text_plain(cells: Sequence[Placed]) -> str:
    """One text object per cell, the whole cell in one Tj."""
    return "".join(f"BT /{p.font} {p.size:g} Tf {p.x:.3f} {p.y:.3f} Td ({_escape(p.text)}) Tj ET\n" for p in cells)


def text_fake_bold(cells: Sequence[Placed], offset: float = 0.4) -> str:
    """Every cell drawn twice, the second copy `offset` points right: fake bold or a shadow."""
    shifted = [Placed(p.text, p.x + offset, p.y, p.font, p.size) for p in cells]
    return text_plain(cells) + text_plain(shifted)


def text_fake_bold_per_glyph(cells: Sequence[Placed], offset: float = 0.3) -> str:
    """Each glyph drawn, then drawn again `offset` right and up, before the next glyph (as some
    producers embolden: 'TToottaall' in content-stream order)."""
    out = []
    for p in cells:
        for x, char in _glyph_positions(p):
            for dx in (0.0, offset):
                out.append(f"BT /{p.font} {p.size:g} Tf {x + dx:.3f} {p.y + dx:.3f} Td ({_escape(char)}) Tj ET\n")
    return "".join(out)


def _glyph_positions(p: Placed) -> list[tuple[float, str]]:
    x, out = p.x, []
    for char in p.text:
        out.append((x, char))
        x += stringWidth(char, FONTS[p.font], p.size)
    return out


def text_per_glyph(cells: Sequence[Placed], order: str = "forward", seed: int = 3) -> str:
    """One text object per glyph (BT Td Tj ET each), drawn in `order`: forward, reverse, or
    shuffled (producers that write glyphs by font run or by z-order)."""
    glyphs = [(p, x, char) for p in cells for x, char in _glyph_positions(p)]
    if order == "reverse":
        glyphs.reverse()
    elif order == "shuffled":
        random.Random(seed).shuffle(glyphs)
    return "".join(f"BT /{p.font} {p.size:g} Tf {x:.3f} {p.y:.3f} Td ({_escape(c)}) Tj ET\n" for p, x, c in glyphs
                   if not c.isspace())


def text_td_chain(cells: Sequence[Placed]) -> str:
    """All cells in one text object, each glyph placed by a relative Td from the last one."""
    out = ["BT\n"]
    last_x = last_y = 0.0
    for p in cells:
        out.append(f"/{p.font} {p.size:g} Tf\n")
        for x, char in _glyph_positions(p):
            if char.isspace():
                continue
            out.append(f"{x - last_x:.3f} {p.y - last_y:.3f} Td ({_escape(char)}) Tj\n")
            last_x, last_y = x, p.y
    out.append("ET\n")
    return "".join(out)


def text_tj_kerning(cells: Sequence[Placed]) -> str:
    """Word gaps made by a TJ displacement, no space glyph: (Staff) -250 (costs)."""
    out = []
    for p in cells:
        space = stringWidth(" ", FONTS[p.font], 1000)
        parts = " ".join(f"({_escape(word)}) {-space:.0f}" for word in p.text.split(" "))
        out.append(f"BT /{p.font} {p.size:g} Tf {p.x:.3f} {p.y:.3f} Td [{parts}] TJ ET\n")
    return "".join(out)


def text_condensed(cells: Sequence[Placed], scale: float = 80.0) -> str:
    """Horizontal scaling (Tz) below 100: condensed type, each cell placed for its scaled width."""
    out = []
    for p in cells:
        x = p.x
        if p.flush_right:  # its right edge kept
            x = p.x + stringWidth(p.text, FONTS[p.font], p.size) * (1 - scale / 100)
        out.append(f"BT /{p.font} {p.size:g} Tf {scale:g} Tz {x:.3f} {p.y:.3f} Td ({_escape(p.text)}) Tj ET\n")
    return "".join(out)


def text_white_header(cells: Sequence[Placed]) -> str:
    """The header (bold) cells filled white, for a dark header bar; the rest black."""
    return "".join(text_plain([p]).replace("BT ", "BT 1 g ", 1) + "0 g\n" if p.font == "F2" else text_plain([p])
                   for p in cells)


def text_letter_spaced_header(cells: Sequence[Placed], spacing: float = 1.5) -> str:
    """The header (bold) cells letter-spaced by `spacing` points of character spacing (Tc)."""
    out = []
    for p in cells:
        if p.font != "F2":
            out.append(text_plain([p]))
            continue
        x = p.x - (len(p.text) * spacing if p.flush_right else 0.0)
        out.append(f"BT {spacing:g} Tc /{p.font} {p.size:g} Tf {x:.3f} {p.y:.3f} Td ({_escape(p.text)}) Tj ET\n")
    return "".join(out)


def top_down(cells: Sequence[Placed], grid: Grid, page_height: float) -> str:
    """The table drawn as browser engines write pages: the CTM flips y so that coordinates run
    down from the top, each text object flipped back by its text matrix (`1 0 0 -1 x y Tm`)."""
    xs, ys = grid.xs, grid.ys
    out = [f"q 1 0 0 -1 0 {page_height:g} cm\n0.5 w 0 G\n"]
    out += [f"{xs[0]:.3f} {page_height - y:.3f} m {xs[-1]:.3f} {page_height - y:.3f} l S\n" for y in ys]
    out += [f"{x:.3f} {page_height - ys[0]:.3f} m {x:.3f} {page_height - ys[-1]:.3f} l S\n" for x in xs]
    out += [f"BT /{p.font} {p.size:g} Tf 1 0 0 -1 {p.x:.3f} {page_height - p.y:.3f} Tm ({_escape(p.text)}) Tj ET\n"
            for p in cells]
    out.append("Q\n")
    return "".join(out)


def text_invisible(cells: Sequence[Placed]) -> str:
    """Text in render mode 3 (neither filled nor stroked): a scan's OCR layer over its image."""
    return "".join(f"BT 3 Tr /{p.font} {p.size:g} Tf {p.x:.3f} {p.y:.3f} Td ({_escape(p.text)}) Tj ET\n"
                   for p in cells)


def text_superscript_markers(cells: Sequence[Placed], markers: dict[str, str], size: float = 5.5,
                             rise: float = 3.5) -> str:
    """Each cell whose text is a key of `markers` followed by a footnote marker set small and
    raised by a text rise (Ts), right after the cell's text, in the same text object."""
    out = []
    for p in cells:
        mark = markers.get(p.text)
        if mark is None:
            out.append(text_plain([p]))
            continue
        out.append(f"BT /{p.font} {p.size:g} Tf {p.x:.3f} {p.y:.3f} Td ({_escape(p.text)}) Tj "
                   f"/{p.font} {size:g} Tf {rise:g} Ts ({_escape(mark)}) Tj 0 Ts ET\n")
    return "".join(out)


# --- rule constructs -----------------------------------------------------------------------------

def rules_lines(grid: Grid, width: float = 0.5) -> str:
    """Stroked lines along every row and column boundary."""
    xs, ys = grid.xs, grid.ys
    out = [f"{width:g} w 0 G\n"]
    out += [f"{xs[0]:.3f} {y:.3f} m {xs[-1]:.3f} {y:.3f} l S\n" for y in ys]
    out += [f"{x:.3f} {ys[0]:.3f} m {x:.3f} {ys[-1]:.3f} l S\n" for x in xs]
    return "".join(out)


def rules_thin_rects(grid: Grid, width: float = 0.6) -> str:
    """Every rule a thin filled rectangle (`re f`), as many converters draw borders."""
    xs, ys = grid.xs, grid.ys
    half = width / 2
    out = ["0 g\n"]
    out += [f"{xs[0]:.3f} {y - half:.3f} {xs[-1] - xs[0]:.3f} {width:g} re f\n" for y in ys]
    out += [f"{x - half:.3f} {ys[-1]:.3f} {width:g} {ys[0] - ys[-1]:.3f} re f\n" for x in xs]
    return "".join(out)


def rules_dashed(grid: Grid) -> str:
    """Stroked lines with a dash pattern (a dotted or dashed grid)."""
    return "[3 2] 0 d\n" + rules_lines(grid) + "[] 0 d\n"


def rules_double(grid: Grid, gap: float = 1.5) -> str:
    """Every rule drawn as two parallel strokes `gap` points apart (a double border)."""
    xs, ys = grid.xs, grid.ys
    out = ["0.4 w 0 G\n"]
    for y in ys:
        for dy in (-gap / 2, gap / 2):
            out.append(f"{xs[0] - gap / 2:.3f} {y + dy:.3f} m {xs[-1] + gap / 2:.3f} {y + dy:.3f} l S\n")
    for x in xs:
        for dx in (-gap / 2, gap / 2):
            out.append(f"{x + dx:.3f} {ys[0] + gap / 2:.3f} m {x + dx:.3f} {ys[-1] - gap / 2:.3f} l S\n")
    return "".join(out)


def rules_cell_rects(grid: Grid) -> str:
    """Every cell stroked as a rectangle of its own (`re S`): shared edges drawn twice."""
    xs, ys = grid.xs, grid.ys
    out = ["0.5 w 0 G\n"]
    for r in range(grid.rows):
        for c in range(len(grid.widths)):
            out.append(f"{xs[c]:.3f} {ys[r + 1]:.3f} {xs[c + 1] - xs[c]:.3f} {grid.row_height:.3f} re S\n")
    return "".join(out)


def rules_shaded_cells(grid: Grid, gap: float = 1.5) -> str:
    """No rules: each cell a grey filled rectangle, the white gaps between fills parting cells."""
    xs, ys = grid.xs, grid.ys
    out = ["0.85 g\n"]
    for r in range(grid.rows):
        for c in range(len(grid.widths)):
            out.append(f"{xs[c] + gap / 2:.3f} {ys[r + 1] + gap / 2:.3f} {xs[c + 1] - xs[c] - gap:.3f} "
                       f"{grid.row_height - gap:.3f} re f\n")
    out.append("0 g\n")
    return "".join(out)


def rules_none(grid: Grid) -> str:
    return ""


def rules_hairline(grid: Grid) -> str:
    """Stroked lines of width 0: the thinnest line the device can draw."""
    return rules_lines(grid, 0.0)


def rules_white_on_grey(grid: Grid) -> str:
    """A grey background behind the whole table, white lines between its cells (spreadsheet
    and web styles): the rules are gaps in the grey."""
    xs, ys = grid.xs, grid.ys
    background = f"0.85 g {xs[0]:.3f} {ys[-1]:.3f} {xs[-1] - xs[0]:.3f} {ys[0] - ys[-1]:.3f} re f 0 g\n"
    return background + rules_lines(grid, 1.0).replace("0 G", "1 G") + "0 G\n"


def rules_zebra_bands(grid: Grid) -> str:
    """No rules: every other body row on a light grey band across the table."""
    xs, ys = grid.xs, grid.ys
    return "".join(f"0.9 g {xs[0]:.3f} {ys[r + 1]:.3f} {xs[-1] - xs[0]:.3f} {grid.row_height:.3f} re f 0 g\n"
                   for r in range(1, grid.rows, 2))


def rules_dark_header(grid: Grid) -> str:
    """No rules: the header row on a dark bar (its text drawn white by text_white_header)."""
    xs, ys = grid.xs, grid.ys
    return f"0.2 g {xs[0]:.3f} {ys[1]:.3f} {xs[-1] - xs[0]:.3f} {grid.row_height:.3f} re f 0 g\n"


def rules_negative_rects(grid: Grid, width: float = 0.6) -> str:
    """Every rule a filled rectangle given from its far corner (negative width and height)."""
    xs, ys = grid.xs, grid.ys
    out = ["0 g\n"]
    out += [f"{xs[-1]:.3f} {y + width / 2:.3f} {xs[0] - xs[-1]:.3f} {-width:g} re f\n" for y in ys]
    out += [f"{x + width / 2:.3f} {ys[0]:.3f} {-width:g} {ys[-1] - ys[0]:.3f} re f\n" for x in xs]
    return "".join(out)


def rules_straight_curves(grid: Grid) -> str:
    """Every rule a Bezier curve whose control points lie on the line (drawing programs)."""
    xs, ys = grid.xs, grid.ys
    out = ["0.5 w 0 G\n"]
    for y in ys:
        a, b = xs[0], xs[-1]
        out.append(f"{a:.3f} {y:.3f} m {a + (b - a) / 3:.3f} {y:.3f} {a + 2 * (b - a) / 3:.3f} {y:.3f} {b:.3f} {y:.3f} c S\n")
    for x in xs:
        a, b = ys[0], ys[-1]
        out.append(f"{x:.3f} {a:.3f} m {x:.3f} {a + (b - a) / 3:.3f} {x:.3f} {a + 2 * (b - a) / 3:.3f} {x:.3f} {b:.3f} c S\n")
    return "".join(out)


def rules_closed_paths(grid: Grid, width: float = 0.6) -> str:
    """Every rule a filled four-point closed path (`m l l l h f`), not an `re`."""
    xs, ys = grid.xs, grid.ys
    h = width / 2
    out = ["0 g\n"]
    out += [f"{xs[0]:.3f} {y - h:.3f} m {xs[-1]:.3f} {y - h:.3f} l {xs[-1]:.3f} {y + h:.3f} l {xs[0]:.3f} {y + h:.3f} l h f\n"
            for y in ys]
    out += [f"{x - h:.3f} {ys[-1]:.3f} m {x + h:.3f} {ys[-1]:.3f} l {x + h:.3f} {ys[0]:.3f} l {x - h:.3f} {ys[0]:.3f} l h f\n"
            for x in xs]
    return "".join(out)


def rules_scaled_space(grid: Grid, scale: float = 10.0) -> str:
    """Stroked lines written in a space scaled down by `cm` (coordinates in tenths of a point)."""
    xs, ys = grid.xs, grid.ys
    out = [f"q {1 / scale:g} 0 0 {1 / scale:g} 0 0 cm {0.5 * scale:g} w 0 G\n"]
    out += [f"{xs[0] * scale:.1f} {y * scale:.1f} m {xs[-1] * scale:.1f} {y * scale:.1f} l S\n" for y in ys]
    out += [f"{x * scale:.1f} {ys[0] * scale:.1f} m {x * scale:.1f} {ys[-1] * scale:.1f} l S\n" for x in xs]
    return "".join(out) + "Q\n"


def rules_one_path(grid: Grid) -> str:
    """The whole grid one path of many subpaths, stroked once (as word processors draw borders)."""
    xs, ys = grid.xs, grid.ys
    segments = [f"{xs[0]:.3f} {y:.3f} m {xs[-1]:.3f} {y:.3f} l" for y in ys]
    segments += [f"{x:.3f} {ys[0]:.3f} m {x:.3f} {ys[-1]:.3f} l" for x in xs]
    return "0.5 w 0 G\n" + "\n".join(segments) + " S\n"


def rules_zero_width_rects(grid: Grid) -> str:
    """Every rule a stroked rectangle of zero height or width (`x y w 0 re S`)."""
    xs, ys = grid.xs, grid.ys
    out = ["0.5 w 0 G\n"]
    out += [f"{xs[0]:.3f} {y:.3f} {xs[-1] - xs[0]:.3f} 0 re S\n" for y in ys]
    out += [f"{x:.3f} {ys[-1]:.3f} 0 {ys[0] - ys[-1]:.3f} re S\n" for x in xs]
    return "".join(out)


def rules_rounded_box(grid: Grid, radius: float = 6.0) -> str:
    """An outer border with rounded corners (Bezier curves) and straight inner rules."""
    xs, ys = grid.xs, grid.ys
    left, right, top, bottom = xs[0], xs[-1], ys[0], ys[-1]
    k = radius * 0.5523  # a quarter circle's Bezier handle
    outer = (f"{left + radius:.3f} {top:.3f} m {right - radius:.3f} {top:.3f} l "
             f"{right - radius + k:.3f} {top:.3f} {right:.3f} {top - radius + k:.3f} {right:.3f} {top - radius:.3f} c "
             f"{right:.3f} {bottom + radius:.3f} l "
             f"{right:.3f} {bottom + radius - k:.3f} {right - radius + k:.3f} {bottom:.3f} {right - radius:.3f} {bottom:.3f} c "
             f"{left + radius:.3f} {bottom:.3f} l "
             f"{left + radius - k:.3f} {bottom:.3f} {left:.3f} {bottom + radius - k:.3f} {left:.3f} {bottom + radius:.3f} c "
             f"{left:.3f} {top - radius:.3f} l "
             f"{left:.3f} {top - radius + k:.3f} {left + radius - k:.3f} {top:.3f} {left + radius:.3f} {top:.3f} c S\n")
    inner = [f"{left:.3f} {y:.3f} m {right:.3f} {y:.3f} l S\n" for y in ys[1:-1]]
    inner += [f"{x:.3f} {top:.3f} m {x:.3f} {bottom:.3f} l S\n" for x in xs[1:-1]]
    return "0.5 w 0 G\n" + outer + "".join(inner)


# --- pages and the file --------------------------------------------------------------------------

@dataclass(frozen=True)
class RawPage:
    """One page: its content stream and page dictionary entries."""

    content: str
    media_box: tuple[float, float, float, float] = (0, 0, 595.28, 841.89)
    crop_box: tuple[float, float, float, float] | None = None
    rotate: int = 0
    # name -> content stream of a Form XObject (its BBox the media box), drawn by `/name Do`
    forms: dict[str, str] = field(default_factory=dict)
    # raw dictionaries of extra font resources: name -> object body (a Type3 font, say)
    extra_fonts: dict[str, str] = field(default_factory=dict)
    # name -> (width px, height px) of a grey image XObject
    images: dict[str, tuple[int, int]] = field(default_factory=dict)


def write_raw_pdf(pages: Sequence[RawPage], compress: bool = True) -> bytes:
    """A PDF of the given pages with a correct cross-reference table."""
    objects: list[bytes] = []

    def add(body: bytes | str) -> int:
        objects.append(body.encode("latin-1") if isinstance(body, str) else body)
        return len(objects)

    def stream(dictionary: str, data: str | bytes) -> int:
        raw = data.encode("latin-1") if isinstance(data, str) else data
        if compress:
            raw = zlib.compress(raw)
            dictionary += " /Filter /FlateDecode"
        return add(f"<< {dictionary} /Length {len(raw)} >>\nstream\n".encode("latin-1") + raw + b"\nendstream")

    catalog = add("")  # filled below
    tree = add("")
    fonts = {name: add(f"<< /Type /Font /Subtype /Type1 /BaseFont /{base} /Encoding /WinAnsiEncoding >>")
             for name, base in FONTS.items()}
    kids = []
    for page in pages:
        font_refs = dict(fonts)
        for name, body in page.extra_fonts.items():
            for marker in set(re.findall(r"<GLYPH:([0-9a-f]+)>", body)):
                glyph = stream("", "600 0 0 0 600 700 d1 50 0 500 700 re f")
                body = body.replace(f"<GLYPH:{marker}>", f"{glyph} 0 R")
            font_refs[name] = add(body)
        font_dict = " ".join(f"/{name} {ref} 0 R" for name, ref in font_refs.items())
        xobjects = {}
        for name, content in page.forms.items():
            box = " ".join(f"{v:g}" for v in page.media_box)
            xobjects[name] = stream(f"/Type /XObject /Subtype /Form /BBox [{box}] "
                                    f"/Resources << /Font << {font_dict} >> >>", content)
        for name, (w, h) in page.images.items():
            pixels = bytes((x * 7 + y * 3) % 256 for y in range(h) for x in range(w))
            xobjects[name] = stream(f"/Type /XObject /Subtype /Image /Width {w} /Height {h} "
                                    f"/ColorSpace /DeviceGray /BitsPerComponent 8", pixels)
        xobject_dict = " ".join(f"/{name} {ref} 0 R" for name, ref in xobjects.items())
        contents = stream("", page.content)
        entries = [f"/Type /Page /Parent {tree} 0 R", f"/MediaBox [{' '.join(f'{v:g}' for v in page.media_box)}]",
                   f"/Resources << /Font << {font_dict} >> /XObject << {xobject_dict} >> >>",
                   f"/Contents {contents} 0 R"]
        if page.crop_box is not None:
            entries.append(f"/CropBox [{' '.join(f'{v:g}' for v in page.crop_box)}]")
        if page.rotate:
            entries.append(f"/Rotate {page.rotate}")
        kids.append(add("<< " + " ".join(entries) + " >>"))
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {tree} 0 R >>".encode("latin-1")
    objects[tree - 1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode("latin-1")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode("latin-1") + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("latin-1")
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode("latin-1")
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode("latin-1")
    return bytes(out)


# --- fonts other than the standard 14 in WinAnsi -----------------------------------------------------

LIGATURE_CODES = {"fi": 1, "fl": 2}


def ligature_font() -> str:
    """Helvetica with codes 1 and 2 drawing its fi and fl ligature glyphs (a /Differences
    encoding, as typesetters that set ligatures write them)."""
    return ("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
            "/BaseEncoding /WinAnsiEncoding /Differences [1 /fi /fl] >> >>")


def text_with_ligatures(cells: Sequence[Placed], font: str = "F3") -> str:
    """Every cell in `font` (ligature_font), each fi and fl drawn as one ligature glyph."""
    out = []
    for p in cells:
        body = _escape(p.text)
        for pair, code in LIGATURE_CODES.items():
            body = body.replace(pair, f"\\{code:03o}")
        out.append(f"BT /{font} {p.size:g} Tf {p.x:.3f} {p.y:.3f} Td ({body}) Tj ET\n")
    return "".join(out)


_GLYPH_NAMES = {" ": "space", ",": "comma", "/": "slash", ".": "period", "-": "hyphen",
                **{str(d): n for d, n in enumerate("zero one two three four five six seven eight nine".split())}}
TYPE3_ADVANCE = 0.6  # ems: every glyph of the Type3 font


def type3_font(text: str) -> str:
    """A Type3 font drawing each character of `text` as a filled box, named by its glyph name
    in /Differences at its own code (so both readers map codes to characters by name)."""
    chars = sorted(set(text) - {" "}) + [" "]
    names = {c: _GLYPH_NAMES.get(c, c) for c in chars}
    procs = " ".join(f"/{names[c]} <{_hex_stream(c)}>" for c in chars)
    differences = " ".join(f"{ord(c)} /{names[c]}" for c in chars)
    first, last = min(map(ord, chars)), max(map(ord, chars))
    widths = " ".join("600" for _ in range(first, last + 1))
    return (f"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 600 700] /FontMatrix [0.001 0 0 0.001 0 0] "
            f"/CharProcs << {procs} >> /Encoding << /Type /Encoding /Differences [{differences}] >> "
            f"/FirstChar {first} /LastChar {last} /Widths [{widths}] /Resources << >> >>")


def _hex_stream(char: str) -> str:
    """Marker for write_raw_pdf: a glyph procedure stream to be written as an object."""
    return "GLYPH:" + char.encode("utf-8").hex()


def type3_width(text: str, font: str, size: float) -> float:
    return len(text) * TYPE3_ADVANCE * size


def cjk_font() -> str:
    """A non-embedded Adobe-GB1 CID font (STSong-Light) in UCS-2 codes, every glyph one em wide:
    how Chinese text is written by producers that rely on the reader's fonts."""
    return ("<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H /Encoding /UniGB-UCS2-H "
            "/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 "
            "/FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 "
            "/FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 "
            "/StemV 93 >> >>] >>")


def cjk_width(text: str, font: str, size: float) -> float:
    return len(text) * size


def text_in_font(cells: Sequence[Placed], font: str, encode) -> str:
    """Every cell drawn in `font`, its string written by `encode(text)` (a PDF string token)."""
    return "".join(f"BT /{font} {p.size:g} Tf {p.x:.3f} {p.y:.3f} Td {encode(p.text)} Tj ET\n" for p in cells)


def ucs2_hex(text: str) -> str:
    return "<" + text.encode("utf-16-be").hex().upper() + ">"


def literal(text: str) -> str:
    return "(" + _escape(text) + ")"


def table_grid(rows: int = 1 + len(BODY), left: float = 72.0, top: float = 700.0,
               widths: tuple[float, ...] = WIDTHS) -> Grid:
    return Grid(left, top, widths, rows)


def table_page(text=text_plain, rules=rules_lines, rows: Sequence[Sequence[str]] = (HEADER, *BODY),
               grid: Grid | None = None, **page: object) -> RawPage:
    """The statement table drawn with the given text and rule constructs."""
    grid = grid or table_grid(len(rows))
    return RawPage(rules(grid) + text(table_cells(rows, grid)), **page)


def turned(content: str, rotate: int, media_box: tuple[float, float, float, float]) -> str:
    """Content drawn for an upright page of the displayed size, turned so that a viewer applying
    /Rotate `rotate` (clockwise) shows it upright on a page whose MediaBox is `media_box`."""
    x0, y0, x1, y1 = media_box
    if rotate == 90:  # displayed (u, v) -> stored (x0 + v', ...): turn content anticlockwise
        matrix = f"0 1 -1 0 {x1:g} {y0:g}"
    elif rotate == 270:
        matrix = f"0 -1 1 0 {x0:g} {y1:g}"
    elif rotate == 180:
        matrix = f"-1 0 0 -1 {x1:g} {y1:g}"
    else:
        matrix = f"1 0 0 1 {x0:g} {y0:g}"
    return f"q {matrix} cm\n{content}Q\n"


def stored_box(box: tuple[float, float, float, float], rotate: int,
               media_box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """A box given in displayed coordinates (as `turned` content is drawn) in the stored page's."""
    x0, y0, x1, y1 = media_box
    maps = {0: lambda u, v: (x0 + u, y0 + v), 90: lambda u, v: (x1 - v, y0 + u),
            270: lambda u, v: (x0 + v, y1 - u), 180: lambda u, v: (x1 - u, y1 - v)}
    corners = [maps[rotate](u, v) for u in (box[0], box[2]) for v in (box[1], box[3])]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    return (min(xs), min(ys), max(xs), max(ys))
