"""What each text-showing operator of a page draws, as pdfminer reads it: the font (pdfminer's
font object), the character codes and the text state that spaces them.

PDFium (source.py's pdfium pages) gives a text object's position, matrix and size, but neither
the character codes it draws nor the PDF's /Widths: its text is its own reading of the font
(it ignores a ToUnicode whose entries are shorter than its code space, reads a symbolic font
through the font program's encoding, drops a space that follows another) and its widths are
whole font units. pdfminer reads codes through the ToUnicode CMap, then the font's Encoding and
Differences, then the built-in encoding, and spaces them by the /Widths as written. To give the
same characters as pdfminer, the pdfium page takes each text object's codes from here and reads
them with pdfminer's own font classes (PDFResourceManager.get_font, to_unichr, char_width).

Why the operators are found by hand: pdfminer's content-stream parser (pure Python, every token
an object) costs as much as PDFium's whole page read; the text operators need only a tokenizer
(one compiled pattern) and the few operators that set or show text (Tf, Tc, Tw, Tz, q/Q, Tj, TJ,
', ", Do of a form). The document, its pages, resources, streams and fonts are pdfminer's.
"""

from __future__ import annotations

import io
import re
import zlib
from typing import Any, NamedTuple

import numpy as np

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdffont import PDFFont
from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import (
    LITERALS_ASCII85_DECODE,
    LITERALS_FLATE_DECODE,
    PDFObjRef,
    PDFStream,
    dict_value,
    list_value,
    resolve1,
    stream_value,
)
from pdfminer.psparser import PSLiteral, literal_name


class Shown(NamedTuple):
    """One text-showing operator: the font, the size set by Tf, the strings and kerning numbers
    (TJ's array; one string for Tj, ', "), and the text state spacing them (pdfminer's units).
    A named tuple: a page shows hundreds, and the pdfium source reads them as columns (zip)."""

    font: PDFFont
    fontsize: float
    items: tuple  # bytes and numbers
    charspace: float
    wordspace: float
    scaling: float  # Tz / 100
    # where pdfminer starts the first glyph, less where PDFium starts the text object (unscaled
    # text space): pdfminer adds the character spacing before each glyph after the first (and
    # after a kerning number), the PDF (and PDFium) after each glyph, so a text operator that
    # goes on where the last one ended starts one Tc earlier in pdfminer per operator since the
    # last positioning operator (Td, TD, Tm, T*, ', ", BT)
    lag: float


# One token of a content stream (PDF 32000-1 7.2 lexical conventions), after the whitespace
# before it (one match, not two: nearly every token follows a space): a comment or the
# whitespace that ends the stream, a literal string's opening parenthesis (scanned by _literal:
# strings nest), a hex string, dictionary and array brackets, a name, a number, or a keyword
# (an operator).
_TOKEN = re.compile(
    rb"[\x00\t\n\x0c\r ]*(?:"
    rb"(?P<skip>%[^\r\n]*|[\x00\t\n\x0c\r ]+$)"
    rb"|(?P<str>\()"
    rb"|(?P<hex><[0-9A-Fa-f\x00\t\n\x0c\r ]*>)"
    rb"|(?P<open><<|\[|\{)"
    rb"|(?P<close>>>|\]|\})"
    rb"|(?P<name>/[^\x00\t\n\x0c\r ()<>\[\]{}/%]*)"
    rb"|(?P<num>[+-]?(?:\d+\.?\d*|\.\d+))"
    rb"|(?P<op>[^\x00\t\n\x0c\r ()<>\[\]{}/%]+))"
)
_SKIP, _STR, _HEX, _OPEN, _CLOSE, _NAME, _NUM, _OP = range(1, 9)
# Outside arrays and dictionaries most of a page's text is read a statement at a time
# (_STATEMENT: one match, its parts in this order, each optional), before _TOKEN takes what is
# left token by token:
# - `run`: operators whose operands are not read (cm, re, m, l, rg, w, TL, ET ...; q and Q,
#   which save and restore the text state; BT, Td, TD, Tm, T*, of which only that they
#   position counts) with the numbers before them: _STATE_OPERATOR then finds q, Q and the
#   positioning ones in the run, in order (a handful of keywords, not a match per operator);
# - a font set by name and `size` (/F1 9 Tf), and the `after` run that follows it;
# - a literal string without parentheses (escapes allowed) `shown` by Tj ((text) Tj).
# Keywords whose operands are read otherwise (Tc, Tw, Tz, TJ, ', ", Do, BI) are left to
# _TOKEN, and so is any other spelling (a number running into a keyword, '1.2.3'). A keyword
# starts with a letter, ', " or *, so a number is never taken for one; inside a run keywords
# and numbers are parted by white space.
_DELIMITER = rb"\x00\t\n\x0c\r ()<>\[\]{}/%"
_WHITE = rb"[\x00\t\n\x0c\r ]"
# Possessive and atomic where giving back what a part took never leads to another match (a
# number is followed by white space, a run's keyword by white space or what no later part
# needs, a string's text ends at its first unescaped ')'): matching without the backtracking
# marks is ~20% faster. A font's name keeps its backtracking ('/F19 Tf' reads as F1 at 9 pt).
_NUMBER = rb"(?>[+-]?(?:\d+\.?\d*|\.\d+))"
_ENDS = rb"(?![^" + _DELIMITER + rb"])"  # a keyword's last character
_RUN = (rb"(?:(?:" + _NUMBER + _WHITE + rb"++)*+(?!(?:Tf|Tc|Tw|Tz|Tj|TJ|'|\"|Do|BI)" + _ENDS + rb")"
        rb"[A-Za-z'\"*][^" + _DELIMITER + rb"]*+" + _WHITE + rb"*+)+")
_STATEMENT = re.compile(
    _WHITE + rb"*+(?P<run>" + _RUN + rb")?"
    rb"(?:/(?P<font>[^" + _DELIMITER + rb"]*)" + _WHITE + rb"*(?P<size>" + _NUMBER + rb")" + _WHITE + rb"+Tf" + _ENDS
    + _WHITE + rb"*(?P<after>" + _RUN + rb")?)?"
    rb"(?:\((?P<shown>(?:[^()\\]|\\.)*+)\)" + _WHITE + rb"*Tj" + _ENDS + rb")?",
    re.S,  # an escaped line end
)
_STATE_OPERATOR = re.compile(rb"(?<![^\x00\t\n\x0c\r ])(?:q|Q|BT|Td|TD|Tm|T\*)" + _ENDS)
_PAREN_OR_ESCAPE = re.compile(rb"[()\\]")
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|\r\n|[\r\n]|.)", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
# an inline image's data ends at EI between whitespace (PDF 32000-1 8.9.7)
_END_OF_INLINE_IMAGE = re.compile(rb"[\x00\t\n\x0c\r ]EI(?=[\x00\t\n\x0c\r ]|$)")
_NO_FONT: Any = None
_POSITIONING = frozenset((b"BT", b"Td", b"TD", b"Tm", b"T*"))


def _kept_state(op: bytes, state: list, saved: list) -> list:
    """The text state after an operator that shows no text: a positioning operator ends the
    line's lag (state[5]), q saves the state, Q restores the last one saved; others leave it."""
    if op in _POSITIONING:
        state[5] = 0.0
    elif op == b"q":
        saved.append(list(state))
    elif op == b"Q" and saved:
        state = saved.pop()
    return state


def _unescape(match: re.Match) -> bytes:
    code = match.group(1)
    if code[:1].isdigit():
        return bytes((int(code, 8) & 0xFF,))
    if code in (b"\r\n", b"\r", b"\n"):
        return b""  # a backslash at a line's end continues the string
    return _ESCAPES.get(code, code)


def _literal(data: bytes, start: int) -> tuple[bytes, int]:
    """The literal string opening at data[start] ('('), and where it ends."""
    depth, at = 1, start + 1
    escaped = False
    while depth:
        found = _PAREN_OR_ESCAPE.search(data, at)
        if found is None:
            at = len(data)
            break
        at = found.end()
        char = found.group()
        if char == b"\\":
            escaped = True
            at += 1  # the escaped character is never a delimiter
        elif char == b"(":
            depth += 1
        else:
            depth -= 1
    raw = data[start + 1 : at - 1] if depth == 0 else data[start + 1 :]
    return (_ESCAPE.sub(_unescape, raw) if escaped else raw), at


def _hex(token: bytes) -> bytes:
    digits = re.sub(rb"[^0-9A-Fa-f]", b"", token)
    if len(digits) % 2:
        digits += b"0"  # an odd last digit is followed by 0 (PDF 32000-1 7.3.4.3)
    return bytes.fromhex(digits.decode("ascii"))


class DocumentGlyphs:
    """The pdfminer side of one PDF, opened once: its pages and fonts (cached by object)."""

    def __init__(self, data: bytes) -> None:
        self._document = PDFDocument(PDFParser(io.BytesIO(data)))
        self._pages: list[PDFPage] | None = None
        self._fonts = PDFResourceManager(caching=True)

    def shown(self, page_index: int) -> list[Shown]:
        """Every text-showing operator of the page that draws at least one code, in drawing
        order (forms where they are invoked), as pdfminer's interpreter meets them."""
        if self._pages is None:
            self._pages = list(PDFPage.create_pages(self._document))
        page = self._pages[page_index]
        out: list[Shown] = []
        self._run(page.resources, list_value(page.contents) if page.contents else [], out, set())
        return out

    def _font_map(self, resources: Any) -> dict[str, PDFFont]:
        fonts: dict[str, PDFFont] = {}
        for fontid, spec in dict_value(dict_value(resources).get("Font") if resources else {}).items():
            objid = spec.objid if isinstance(spec, PDFObjRef) else None
            fonts[fontid] = self._fonts.get_font(objid, dict_value(spec))
        return fonts

    def _run(self, resources: Any, streams: list, out: list[Shown], forms: set[int]) -> None:
        """pdfminer's PDFPageInterpreter.render_contents for the text operators only: a fresh
        text state, the resources' fonts, q/Q saving the text state, a form run in a fresh
        interpreter of its own (its Resources, else these), once per nesting."""
        fontmap = self._font_map(resources)
        xobjects = dict_value(dict_value(resources).get("XObject")) if resources else {}
        data = b"\n".join(stream_data(stream_value(s)) for s in streams)
        state = [_NO_FONT, 0.0, 0.0, 0.0, 100.0, 0.0]  # font, size, Tc, Tw, Tz, lag
        saved: list[list] = []
        operands: list = []
        arrays: list[list] = []
        at, end = 0, len(data)
        match, statement, state_operators = _TOKEN.match, _STATEMENT.match, _STATE_OPERATOR.findall
        positioning = _POSITIONING
        while at < end:
            if not arrays:
                whole = statement(data, at)
                run, size, after, shown = whole.group("run", "size", "after", "shown")
                if run is not None or size is not None or shown is not None:
                    at = whole.end()
                    operands = []
                    if run is not None:
                        for op in state_operators(run):  # _kept_state, inline: a page has hundreds
                            if op in positioning:
                                state[5] = 0.0
                            elif op == b"q":
                                saved.append(list(state))
                            elif op == b"Q" and saved:
                                state = saved.pop()
                    if size is not None:
                        font = fontmap.get(whole.group("font").decode("latin-1"))
                        state[0] = font if font is not None else self._fonts.get_font(None, {})
                        state[1] = float(size)
                        if after is not None:
                            for op in state_operators(after):
                                state = _kept_state(op, state, saved)
                    if shown is not None:
                        self._show(state, (_ESCAPE.sub(_unescape, shown) if b"\\" in shown else shown,), out)
                    continue
            token = match(data, at)
            if token is None:
                at += 1  # a byte no token starts with (pdfminer skips it too)
                continue
            kind, at = token.lastindex, token.end()
            if kind == _SKIP:
                continue
            if kind == _NUM:
                value = token.group(kind)
                operands.append(float(value) if b"." in value else int(value))
            elif kind == _NAME:
                operands.append(PSLiteral(token.group(kind)[1:].decode("latin-1")))
            elif kind == _STR:
                text, at = _literal(data, token.start(kind))
                operands.append(text)
            elif kind == _HEX:
                operands.append(_hex(token.group(kind)))
            elif kind == _OPEN:
                arrays.append(operands)
                operands = []
            elif kind == _CLOSE:
                inner = operands
                operands = arrays.pop() if arrays else []
                operands.append(inner)
            else:
                op = token.group(kind)
                if arrays:  # an operator inside an array or dictionary: not one (pdfminer keeps it as a keyword)
                    operands.append(op)
                    continue
                if op == b"BI":
                    image_data = data.find(b"ID", at)
                    ends = _END_OF_INLINE_IMAGE.search(data, image_data + 3) if image_data >= 0 else None
                    at = ends.end() if ends else end
                elif op in (b"Tj", b"TJ", b"'", b'"'):
                    if op != b"Tj" and op != b"TJ":
                        state[5] = 0.0  # ' and " move to the next line first
                    if op == b'"' and len(operands) >= 3:
                        state[3], state[2] = _number(operands[-3], state[3]), _number(operands[-2], state[2])
                    if operands:
                        shown = operands[-1]
                        items = tuple(shown) if op == b"TJ" and isinstance(shown, list) else (shown,)
                        self._show(state, items, out)
                elif op == b"Tf" and len(operands) >= 2:
                    name = operands[-2]
                    font = fontmap.get(name.name) if isinstance(name, PSLiteral) else None
                    state[0] = font if font is not None else self._fonts.get_font(None, {})
                    state[1] = _number(operands[-1], state[1])
                elif op == b"Tc" and operands:
                    state[2] = _number(operands[-1], state[2])
                elif op == b"Tw" and operands:
                    state[3] = _number(operands[-1], state[3])
                elif op == b"Tz" and operands:
                    state[4] = _number(operands[-1], state[4])
                elif op == b"Do" and operands and isinstance(operands[-1], PSLiteral):
                    self._form(xobjects.get(operands[-1].name), resources, out, forms)
                else:
                    state = _kept_state(op, state, saved)
                operands = []

    def _form(self, ref: Any, resources: Any, out: list[Shown], forms: set[int]) -> None:
        xobj = resolve1(ref)
        if not isinstance(xobj, PDFStream):
            return
        if literal_name(xobj.get("Subtype")) != "Form" or "BBox" not in xobj:
            return
        key = ref.objid if isinstance(ref, PDFObjRef) else id(xobj)
        if key in forms:
            return  # a form invoking itself: pdfminer stops the cycle
        own = xobj.get("Resources")
        self._run(dict_value(own) if own else resources, [xobj], out, forms | {key})

    def _show(self, state: list, items: tuple, out: list[Shown]) -> None:
        font = state[0]
        if font is None:
            return  # no font set: pdfminer draws nothing
        # the first string that draws a code (most operators show one string: Tj)
        if len(items) == 1:
            first = 0 if isinstance(items[0], bytes) and font.decode(items[0]) else None
        else:
            first = next((i for i, item in enumerate(items) if isinstance(item, bytes) and font.decode(item)), None)
        if first is None:
            return  # nothing drawn: PDFium makes no text object of it
        scaling = state[4] * 0.01
        charspace = state[2] * scaling
        wordspace = 0.0 if font.is_multibyte() else state[3] * scaling
        out.append(Shown(font, state[1], items, charspace, wordspace, scaling, state[5]))
        kerned_first = first > 0 and any(isinstance(item, (int, float)) for item in items[:first])
        state[5] += charspace * (kerned_first - 1)


# pdfminer.ascii85's trimming of an ASCII85 stream's ends, and the white space base64.a85decode
# skips inside it
_A85_START = re.compile(rb"^\s*<?\s*~\s*")
_A85_END = re.compile(rb"\s*~\s*>?\s*$")
_A85_WHITE = b" \t\n\r\x0b"
_A85_FIRST, _A85_LAST = ord("!"), ord("u")  # the digits


def stream_data(stream: PDFStream) -> bytes:
    """A content stream's data as pdfminer's get_data decodes it, with an ASCII85 filter (and a
    Flate one after it, as reportlab writes pages) undone by _ascii85 and zlib: pdfminer
    decodes ASCII85 with base64.a85decode, a Python loop over every byte, which costs a
    reportlab page more than inflating it. Anything else, or anything they cannot read, is left
    to get_data (the same bytes, or the same error)."""
    if stream.data is None and stream.rawdata is not None and not stream.decipher:
        filters = stream.get_filters()
        if (1 <= len(filters) <= 2 and filters[0][0] in LITERALS_ASCII85_DECODE and not filters[0][1]
                and all(name in LITERALS_FLATE_DECODE and not params for name, params in filters[1:])):
            data = _ascii85(stream.rawdata)
            if data is not None and len(filters) == 2:
                try:
                    data = zlib.decompress(data)
                except zlib.error:
                    data = None  # pdfminer's own recovery of a damaged stream
            if data is not None:
                return data
    return stream.get_data()


def _ascii85(raw: bytes) -> bytes | None:
    """pdfminer's ascii85decode of `raw` (base64.a85decode of it, its ends trimmed), five digits
    at a time for all groups at once; None where a85decode would raise (a byte that is no digit,
    'z' inside a group, a group over 32 bits)."""
    data = _A85_END.sub(b"", _A85_START.sub(b"", raw)).translate(None, _A85_WHITE)
    if b"z" in data:  # four zero bytes, allowed between groups only
        digits_before = 0
        for part in data.split(b"z")[:-1]:
            digits_before += len(part)
            if digits_before % 5:
                return None
        data = data.replace(b"z", b"!!!!!")
    codes = np.frombuffer(data, dtype=np.uint8)
    if len(codes) and (codes.min() < _A85_FIRST or codes.max() > _A85_LAST):
        return None
    # a85decode pads with four 'u's, decodes the whole groups and drops a byte per pad digit used
    count = len(codes)
    groups = (count + 4) // 5
    padded = np.concatenate([codes, np.full(4, _A85_LAST, dtype=np.uint8)])[: 5 * groups]
    digits = padded.reshape(groups, 5).astype(np.uint64) - _A85_FIRST
    values = digits[:, 0]
    for column in range(1, 5):
        values = values * 85 + digits[:, column]
    if (values >> 32).any():  # a group over 32 bits
        return None
    out = values.astype(">u4").tobytes()
    unused = 4 - (count + 4) % 5
    return out[:-unused] if unused else out


def _number(value: Any, default: float) -> float:
    return float(value) if isinstance(value, (int, float)) else default
