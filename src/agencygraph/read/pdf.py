"""PDF plans as text in the layouts the parsers read.

Most task-division plans are published as PDF attachments. A PDF with a text layer is
read with **pdfplumber** (built on pdfminer.six): besides each character and its
position it gives the ruling lines of a page and finds the cells they enclose, with the
geometry of every cell. A merged cell is a rectangle spanning several rows, so its
geometry is what says that the blank space below a unit name is the same cell, carried
down, and not a cell empty in its own right; text-only extractors (pdfminer.six alone,
pypdf) lose that. pdfplumber is pure Python (pdfminer.six, and pypdfium2 only to render
pages as images for OCR), so it is a core dependency.

Each page is read in reading order, top to bottom (government plans are set in one
column):

- **Text** outside tables becomes lines; a line that runs to the right margin continues
  on the next line when that one is not indented (a new paragraph starts indented, as
  GB/T 9704 sets official documents) and does not open with a heading number, so a
  paragraph wrapped over several lines, or over a page break, is one line again.
- **Running headers, footers and page numbers** are removed: a line at the top or bottom
  of a page that is a page number (``- 3 -``, ``第3页``, ``3/12``) or repeats, digits
  aside, on several pages.
- **Ruled tables** become tab-led cells with a blank line between rows, the flattening of
  Word tables (:mod:`agencygraph.read.cells`): a cell covered by a merged cell from above
  is written blank (carried down by the table parser and marked ``inherited``), a cell
  empty in its own right ``—``, a horizontally merged cell once. A table that ends a page
  and one that opens the next with the same columns are one table; header rows repeated
  at the top of the next page are dropped, and the empty top of a merged cell cut by the
  page break is carried down like the rest of that cell.

Every line of the result keeps the page it starts on (:attr:`PdfText.pages`). Pages with
no text layer (scanned) are read with Tesseract where ``ocr`` is asked for
(:mod:`agencygraph.read.ocr`); without it, a PDF of scanned pages only is rejected with a
message saying what to install.

Not read: text in two or more columns side by side (read across), tables drawn without
ruling lines (read as text lines), and a table row cut by a page break (its two parts are
read as two rows).

Examples
--------
>>> is_pdf(b"%PDF-1.7\\n")
True
"""

from __future__ import annotations

import io
import re
import statistics
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from agencygraph._errors import InputError
from agencygraph.read.cells import EXPLICIT_NONE, Entry, rows_text

# Where a page's running header and footer may sit: the top and bottom share of its height.
_MARGIN_SHARE = 0.12
# A line with fewer characters is too short to count when finding the right margin.
_MIN_MARGIN_CHARS = 5
# How far short of the right margin a line may end and still run to it, in character
# widths: text set ragged-right leaves up to one character's width (and a mark) free.
_FULL_LINE_SLACK = 1.6
# How far right of the left margin a line may start and not be indented, in char widths.
_INDENT_SLACK = 0.6
# Positions in points closer than this are the same ruling line or column.
_SAME_POSITION = 2.0
# A page with fewer characters than this has no text layer worth reading.
_MIN_TEXT_CHARS = 3

_PAGE_NUMBER_RE = re.compile(
    r"^[\s\-—–－~·.]*(?:第\s*)?[0-9０-９]{1,4}(?:\s*页)?"
    r"(?:\s*[/／]\s*[0-9０-９]{1,4}|\s*[，,]?\s*共\s*[0-9０-９]{1,4}\s*页)?[\s\-—–－~·.]*$"
    r"|^(?:page|p\.)\s*\d{1,4}(?:\s*of\s*\d{1,4})?$",
    re.IGNORECASE,
)
# Numbers that open a heading or an item: a line opening with one starts a new paragraph.
_HEADING_RE = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]"
    r"|[0-9０-９]{1,3}[.．、](?![0-9０-９])|[（(][0-9０-９]{1,3}[）)]|第[一二三四五六七八九十百]+[章节条部分])"
)
_CJK_SPACE_RE = re.compile(
    r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]) +(?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])"
)


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int


@dataclass
class _Table:
    rows: list[list[Entry]]
    pages: list[int]  # the page of each row
    columns: list[float]  # left edges of the columns
    top: float
    bottom: float
    page: int


@dataclass
class _Page:
    number: int
    height: float
    blocks: list[_Line | _Table] = field(default_factory=list)


@dataclass(frozen=True)
class PdfText:
    """The text of a PDF plan and the page each of its lines starts on.

    ``ocr`` lists the pages read by optical character recognition; ``warnings`` holds
    ``(line, message)`` pairs (line 0: the document as a whole).
    """

    text: str
    pages: tuple[int, ...]
    ocr: tuple[int, ...] = ()
    warnings: tuple[tuple[int, str], ...] = ()


def is_pdf(data: bytes) -> bool:
    """Whether bytes are a PDF document (its header within the first kilobyte)."""
    return data[:1024].lstrip().startswith(b"%PDF")


def pdf_text(data: bytes, path: str | Path, *, ocr: bool = False) -> PdfText:
    """The text of a PDF plan, page by page, tables as tab-led cells.

    Parameters
    ----------
    data
        The PDF file's bytes.
    path
        Named in error messages.
    ocr
        Read pages that have no text layer (scanned) with Tesseract.

    Raises
    ------
    InputError
        If the file is not a readable PDF, is password-protected, holds scanned pages only
        and ``ocr`` is not asked for (or Tesseract is missing), or holds no text.
    """
    import pdfplumber

    pages: list[_Page] = []
    scanned: list[int] = []
    warnings: list[tuple[int, str]] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as document:
            for number, page in enumerate(document.pages, start=1):
                if _has_text(page):
                    pages.append(_read_page(page, number))
                else:
                    scanned.append(number)
                    pages.append(_Page(number, float(page.height)))
            ocr_pages: list[int] = []
            if scanned and (ocr or len(scanned) == len(pages)):
                if not ocr:
                    raise InputError(path, _scanned_message(len(pages)))
                from agencygraph.read.ocr import ocr_page_lines

                for number in scanned:
                    page = document.pages[number - 1]
                    pages[number - 1].blocks = _ocr_lines(
                        ocr_page_lines(page, path, number), number
                    )
                    ocr_pages.append(number)
            elif scanned:
                warnings.append(
                    (
                        0,
                        f"{_page_list(scanned)} without a text layer (scanned?) "
                        "skipped: read them with --ocr",
                    )
                )
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many types on damaged or encrypted files
        name = type(exc).__name__
        if "Password" in name or "Encrypt" in name:
            raise InputError(path, "the PDF is password-protected: save an open copy") from None
        raise InputError(path, f"not a readable PDF document ({name})") from None

    _remove_running_lines(pages)
    lines, line_pages = _flatten(pages)
    text = "\n".join(lines) + "\n" if lines else ""
    if not text.strip():
        raise InputError(path, "a PDF with no text")
    return PdfText(text, tuple(line_pages), tuple(ocr_pages), tuple(warnings))


def _ocr_lines(boxes: list[tuple], number: int) -> list[_Line]:
    """OCR lines of a page, all given the page's median line height as their size.

    The heights of recognised words vary with the characters in them; one size per page
    keeps the paragraph test (lines of one size) from splitting paragraphs at random.
    """
    size = statistics.median(box[5] for box in boxes) if boxes else 10.0
    lines = []
    for text, x0, x1, top, bottom, _ in boxes:
        cleaned = _clean(text)
        if cleaned:
            lines.append(_Line(cleaned, x0, x1, top, bottom, size, number))
    return lines


def _scanned_message(n_pages: int) -> str:
    what = "its page is an image" if n_pages == 1 else f"all {n_pages} pages are images"
    return (
        f"a scanned PDF with no text layer ({what}): read it with --ocr, which needs "
        "Tesseract with Chinese data (Debian/Ubuntu: apt-get install tesseract-ocr "
        "tesseract-ocr-chi-sim; macOS: brew install tesseract tesseract-lang)"
    )


def _page_list(numbers: list[int]) -> str:
    return ("page " if len(numbers) == 1 else "pages ") + ", ".join(map(str, numbers))


def _has_text(page) -> bool:
    return sum(1 for c in page.chars if c["text"].strip()) >= _MIN_TEXT_CHARS


def _read_page(page, number: int) -> _Page:
    """A page's text lines and ruled tables, in reading order."""
    grids = _side_by_side([(t.cells, t.bbox) for t in page.find_tables()])
    tables = [_table(cells, bbox, page, number) for cells, bbox in grids if _is_table(cells)]
    boxes = [bbox for _, bbox in grids]

    def outside(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    lines = []
    for item in page.filter(outside).extract_text_lines(strip=True, return_chars=True):
        text = _clean(item["text"])
        if not text:
            continue
        sizes = [c["size"] for c in item["chars"] if c["text"].strip()]
        size = statistics.median(sizes) if sizes else 10.0
        lines.append(_Line(text, item["x0"], item["x1"], item["top"], item["bottom"], size, number))
    blocks: list[_Line | _Table] = [*lines, *tables]
    blocks.sort(key=lambda b: b.top)
    return _Page(number, float(page.height), blocks)


def _clean(text: str) -> str:
    """Text as the parsers read it: compatibility spaces plain, none between Chinese characters.

    A PDF sets characters apart by position, and a gap the extractor reads as a space
    between two Chinese characters is letter spacing, not a word break.
    """
    text = text.replace("\u00a0", " ").replace("\t", " ")
    return _CJK_SPACE_RE.sub("", text).strip()


def _side_by_side(grids: list[tuple[list, tuple]]) -> list[tuple[list, tuple]]:
    """Grids that share their top and bottom taken as one table.

    A column whose only cell is open at a page break (a merged cell continued, drawn with
    no rule across its top) leaves no cell, and the grid finder splits the table there.
    """
    out: list[tuple[list, tuple]] = []
    for cells, bbox in sorted(grids, key=lambda g: (round(g[1][1]), g[1][0])):
        if out:
            last_cells, last = out[-1]
            same_rows = (
                abs(last[1] - bbox[1]) <= _SAME_POSITION
                and abs(last[3] - bbox[3]) <= _SAME_POSITION
            )
            if same_rows and bbox[0] >= last[2] - _SAME_POSITION:
                joined = (last[0], min(last[1], bbox[1]), bbox[2], max(last[3], bbox[3]))
                out[-1] = ([*last_cells, *cells], joined)
                continue
        out.append((list(cells), tuple(bbox)))
    return out


def _is_table(cells: list) -> bool:
    """A ruled grid of at least two rows and two columns (a framed title is not a table)."""
    xs = {round(c[0]) for c in cells}
    tops = {round(c[1]) for c in cells}
    return len(xs) >= 2 and len(tops) >= 2


def _table(cells: list, bbox: tuple, page, number: int) -> _Table:
    """The grid of a ruled table: one :class:`Entry` per cell position a row starts."""
    cells = sorted(cells, key=lambda c: (c[1], c[0]))
    # Columns and rows start at every cell's edges: a column whose only cell is open at a
    # page break (no rule closes it, so no cell is found) still has its left edge where
    # the cell beside it ends.
    right, bottom = float(bbox[2]), float(bbox[3])
    xs = [
        x
        for x in _positions([v for c in cells for v in (c[0], c[2])])
        if x < right - _SAME_POSITION
    ]
    tops = [
        y
        for y in _positions([v for c in cells for v in (c[1], c[3])])
        if y < bottom - _SAME_POSITION
    ]

    def index(positions: list[float], start: float) -> int:
        # The column (row) a cell starts in; the one it ends in is the last that starts
        # before the cell's far edge.
        return max(0, bisect_right(positions, start + _SAME_POSITION) - 1)

    def last(positions: list[float], end: float) -> int:
        return bisect_left(positions, end - _SAME_POSITION) - 1

    placed = []  # (row, first column, last column, last row, bbox)
    for c in cells:
        r0, c0 = index(tops, c[1]), index(xs, c[0])
        c1 = max(c0, last(xs, c[2]))
        r1 = max(r0, last(tops, c[3]))
        placed.append((r0, c0, c1, r1, c))
    owner: dict[tuple[int, int], int] = {}
    for i, (r0, c0, c1, r1, _) in enumerate(placed):
        for r in range(r0, r1 + 1):
            for col in range(c0, c1 + 1):
                owner.setdefault((r, col), i)
    # A merged cell cut by a page break may be drawn open at the break: with no rule to
    # close it, no cell is found there. The positions no cell covers, run together down
    # a column, are that cell (its text, if any, is read from the space they cover).
    for col in range(len(xs)):
        r = 0
        while r < len(tops):
            if (r, col) in owner:
                r += 1
                continue
            end = r
            while end + 1 < len(tops) and (end + 1, col) not in owner:
                end += 1
            x1 = xs[col + 1] if col + 1 < len(xs) else right
            y1 = tops[end + 1] if end + 1 < len(tops) else bottom
            placed.append((r, col, col, end, (xs[col], tops[r], x1, y1)))
            for rr in range(r, end + 1):
                owner[(rr, col)] = len(placed) - 1
            r = end + 1
    texts = _cell_texts(page, [p[4] for p in placed])

    rows: list[list[Entry]] = []
    for r in range(len(tops)):
        entries: list[Entry] = []
        col = 0
        while col < len(xs):
            i = owner[(r, col)]
            r0, c0, c1, _, _ = placed[i]
            if c0 == col:
                entries.append(Entry(c0, c1, texts[i] if r0 == r else None))
            col = max(col + 1, c1 + 1)
        rows.append(entries)
    return _Table(
        rows=rows,
        pages=[number] * len(rows),
        columns=xs,
        top=float(bbox[1]),
        bottom=float(bbox[3]),
        page=number,
    )


def _positions(values: list[float]) -> list[float]:
    """Distinct coordinates, those closer than :data:`_SAME_POSITION` taken as one."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _SAME_POSITION:
            out.append(v)
    return out


def _cell_texts(page, boxes: list[tuple]) -> list[str]:
    """The text of each cell: its characters' lines, wraps kept as line breaks."""
    from pdfplumber.utils import extract_text

    inside: list[list[dict]] = [[] for _ in boxes]
    for char in page.chars:
        x = (char["x0"] + char["x1"]) / 2
        y = (char["top"] + char["bottom"]) / 2
        for i, (x0, top, x1, bottom) in enumerate(boxes):
            if x0 <= x < x1 and top <= y < bottom:
                inside[i].append(char)
                break
    texts = []
    for chars in inside:
        text = extract_text(chars) if chars else ""
        texts.append("\n".join(filter(None, (_clean(part) for part in text.split("\n")))))
    return texts


def _remove_running_lines(pages: list[_Page]) -> None:
    """Drop page numbers and headers or footers that repeat, digits aside, across pages."""
    candidates: dict[int, list[_Line]] = {}
    for page in pages:
        found = []
        lines = [b for b in page.blocks if isinstance(b, _Line)]
        for line in [*lines[:2], *lines[-2:]]:
            top_zone = line.bottom <= page.height * _MARGIN_SHARE
            bottom_zone = line.top >= page.height * (1 - _MARGIN_SHARE)
            edge = (
                page.blocks.index(line) < 2
                if top_zone
                else page.blocks.index(line) >= len(page.blocks) - 2
            )
            if (top_zone or bottom_zone) and edge and line not in found:
                found.append(line)
        candidates[page.number] = found
    repeated = Counter(
        key for found in candidates.values() for key in {_running_key(line) for line in found}
    )
    least = max(2, 0.4 * len(pages))
    for page in pages:
        drop = [
            line
            for line in candidates[page.number]
            if _PAGE_NUMBER_RE.match(line.text) or repeated[_running_key(line)] >= least
        ]
        page.blocks = [b for b in page.blocks if not any(b is line for line in drop)]


def _running_key(line: _Line) -> str:
    return re.sub(r"[0-9０-９]+", "#", re.sub(r"\s+", "", line.text))


def _flatten(pages: list[_Page]) -> tuple[list[str], list[int]]:
    """The lines of the document and their pages: paragraphs and tables joined over breaks."""
    blocks: list[_Line | _Table] = []
    for page in pages:
        for block in page.blocks:
            previous = blocks[-1] if blocks else None
            if (
                isinstance(block, _Table)
                and isinstance(previous, _Table)
                and previous.page == block.page - 1
                and page.blocks[0] is block
                and _same_columns(previous.columns, block.columns)
            ):
                _continue_table(previous, block)
                previous.page = block.page
            else:
                blocks.append(block)
    left, right = _margins([b for b in blocks if isinstance(b, _Line)])

    lines: list[str] = []
    line_pages: list[int] = []
    previous_line: _Line | None = None
    for block in blocks:
        if isinstance(block, _Table):
            if lines and lines[-1] != "":
                lines.append("")
                line_pages.append(block.pages[0])
            starts: list[int] = []
            table_lines = rows_text([block.rows], empty=EXPLICIT_NONE, starts=starts).split("\n")
            pages_of_lines = _pages_of(table_lines, starts, block.pages)
            lines.extend(table_lines)
            line_pages.extend(pages_of_lines)
            previous_line = None
            continue
        if previous_line is not None and _continues(previous_line, block, left, right):
            lines[-1] = _joined(lines[-1], block.text)
            previous_line = block
            continue
        lines.append(block.text)
        line_pages.append(block.page)
        previous_line = block
    while lines and lines[-1] == "":
        lines.pop()
        line_pages.pop()
    return lines, line_pages


def _pages_of(lines: list[str], starts: list[int], row_pages: list[int]) -> list[int]:
    """The page of each line of a flattened table, from the line each row starts on."""
    out = []
    for i in range(len(lines)):
        row = bisect_right(starts, i) - 1
        out.append(row_pages[row] if row >= 0 else row_pages[0])
    return out


def _same_columns(a: list[float], b: list[float]) -> bool:
    if len(a) != len(b):
        return False
    return all(abs(x - y) <= 2 * _SAME_POSITION for x, y in zip(a, b, strict=True))


def _continue_table(table: _Table, more: _Table) -> None:
    """Append the rows of ``more``, the same table continued on the next page."""
    rows = list(more.rows)
    pages = list(more.pages)
    # Header rows the next page repeats (Word's "repeat as header row").
    repeated = 0
    while (
        repeated < min(3, len(rows), len(table.rows))
        and _row_texts(rows[repeated]) == _row_texts(table.rows[repeated])
        and any(_row_texts(rows[repeated]))
    ):
        repeated += 1
    rows, pages = rows[repeated:], pages[repeated:]
    if rows:
        # A merged cell cut by the page break leaves its lower part empty at the top of
        # the next page: that part is still the merged cell, carried down.
        above = {e.first for e in table.rows[-1]} if table.rows else set()
        rows[0] = [
            Entry(e.first, e.last, None) if not (e.text or "").strip() and e.first in above else e
            for e in rows[0]
        ]
    table.rows.extend(rows)
    table.pages.extend(pages)
    table.bottom = more.bottom


def _row_texts(row: list[Entry]) -> list[str]:
    return [re.sub(r"\s+", "", e.text or "") for e in row]


def _margins(lines: list[_Line]) -> tuple[float, float]:
    """The left and right edges of the text block, from the lines of body text."""
    if not lines:
        return 0.0, 0.0
    starts = Counter(round(line.x0) for line in lines)
    common = [x for x, n in starts.items() if n >= 2]
    left = float(min(common)) if common else min(line.x0 for line in lines)
    long = [line.x1 for line in lines if len(line.text) >= _MIN_MARGIN_CHARS]
    right = max(long) if long else max(line.x1 for line in lines)
    return left, right


def _continues(first: _Line, second: _Line, left: float, right: float) -> bool:
    """Whether ``second`` goes on with the paragraph ``first`` wrapped out of."""
    size = max(first.size, second.size)
    return (
        first.x1 >= right - _FULL_LINE_SLACK * size
        and second.x0 <= left + _INDENT_SLACK * size
        and abs(first.size - second.size) < 0.5
        and not _HEADING_RE.match(second.text)
    )


def _joined(first: str, second: str) -> str:
    # Chinese wraps between characters; a wrap between two Latin words stood for a space.
    if (
        first[-1:].isascii()
        and first[-1:].isalpha()
        and second[:1].isascii()
        and second[:1].isalpha()
    ):
        return first + " " + second
    return first + second
