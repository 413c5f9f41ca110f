"""Test PDFs made here: plans set as a government office sets them, with the bundled CJK font.

Pages are A4, drawn with matplotlib's PDF backend (the font embedded, so the text layer
is real text, as in a published PDF): body text 10.5 pt with paragraphs indented two
characters, a running header and a page number (``— 3 —``) on every page, ruled tables
whose merged cells may run over a page break and whose header row is repeated on each
page. An image-only PDF stands for a scanned plan.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D

WIDTH, HEIGHT = 595.0, 842.0  # A4 in points
LEFT, RIGHT, TOP, BOTTOM = 80.0, 515.0, 80.0, 770.0
SIZE = 10.5
LEADING = 1.7  # line height in font sizes
PAD = 3.0  # cell padding

#: A cell covered from above by a merged cell.
UP = None
#: A cell covered from the left by a merged cell.
LEFT_MERGE = "<"


def font_path() -> Path:
    return Path(
        str(resources.files("agencygraph") / "data" / "fonts" / "AgencyGraphSansSC-Regular.otf")
    )


@lru_cache(maxsize=1)
def _advances() -> tuple[dict[int, float], float]:
    from fontTools.ttLib import TTFont

    font = TTFont(font_path())
    cmap = font.getBestCmap()
    units = font["head"].unitsPerEm
    hmtx = font["hmtx"]
    return {code: hmtx[name][0] / units for code, name in cmap.items()}, 1.0


def text_width(text: str, size: float = SIZE) -> float:
    advances, default = _advances()
    return sum(advances.get(ord(ch), default) for ch in text) * size


def wrap(text: str, width: float, size: float = SIZE, indent: float = 0.0) -> list[str]:
    """Lines of ``text`` no wider than ``width`` (the first ``indent`` narrower).

    Breaks between any two characters, as Chinese typesetting does, but not inside a run
    of Latin letters.
    """
    # A space is kept inside a line with the characters either side of it: a break there
    # would lose it, and no reader could tell.
    tokens = re.findall(r"[A-Za-z]+|\s+|.", text)
    pieces: list[str] = []
    glue = False
    for token in tokens:
        if token.isspace() or glue:
            if pieces:
                pieces[-1] += token
            else:
                pieces.append(token)
            glue = token.isspace()
        else:
            pieces.append(token)
    lines: list[str] = []
    current = ""
    room = width - indent
    for piece in pieces:
        if current and text_width(current + piece, size) > room:
            lines.append(current)
            current, room = piece, width
        else:
            current += piece
    if current or not lines:
        lines.append(current)
    return lines


@dataclass
class Document:
    """A multi-page PDF drawn page by page; ``y`` counts from the top, in points."""

    header: str | None = "产业工人队伍建设改革文件"
    page_numbers: bool = True
    pages: list[Figure] = field(default_factory=list)
    font: FontProperties = field(default_factory=lambda: FontProperties(fname=font_path()))

    def new_page(self) -> None:
        fig = Figure(figsize=(WIDTH / 72, HEIGHT / 72))
        self.pages.append(fig)
        if self.header:
            self.text(LEFT, 40, self.header, size=9)
            self.line(LEFT, 54, RIGHT, 54, width=0.5)
        if self.page_numbers:
            number = f"— {len(self.pages)} —"
            self.text((WIDTH - text_width(number, 10)) / 2, 800, number, size=10)

    def text(self, x: float, y: float, text: str, size: float = SIZE) -> None:
        """Text whose top is at ``y``."""
        self.pages[-1].text(
            x / WIDTH,
            1 - (y + 0.88 * size) / HEIGHT,
            text,
            fontproperties=self.font,
            fontsize=size,
            va="baseline",
            ha="left",
        )

    def line(self, x0: float, y0: float, x1: float, y1: float, width: float = 0.75) -> None:
        fig = self.pages[-1]
        fig.add_artist(
            Line2D(
                [x0 / WIDTH, x1 / WIDTH],
                [1 - y0 / HEIGHT, 1 - y1 / HEIGHT],
                transform=fig.transFigure,
                linewidth=width,
                color="black",
                solid_capstyle="projecting",
            )
        )

    def save(self, path: Path) -> Path:
        matplotlib.rcParams["pdf.fonttype"] = 42
        with PdfPages(path, metadata={"Creator": "agencygraph tests", "CreationDate": None}) as pdf:
            for fig in self.pages:
                pdf.savefig(fig)
        return path


def text_pdf(lines: list[str], path: Path, **options) -> Path:
    """A plan's text lines set as paragraphs over as many pages as they need.

    Every non-blank line is a paragraph, its first line indented two characters.
    """
    doc = Document(**options)
    doc.new_page()
    y = TOP
    step = SIZE * LEADING
    for source in lines:
        paragraph = source.strip().replace("\t", " ")
        if not paragraph:
            continue
        indent = 2 * SIZE
        for k, part in enumerate(wrap(paragraph, RIGHT - LEFT, indent=indent)):
            if y + step > BOTTOM:
                doc.new_page()
                y = TOP
            doc.text(LEFT + (indent if k == 0 else 0), y, part)
            y += step
    return doc.save(path)


def table_pdf(
    lead_in: list[str],
    rows: list[list[str | None]],
    widths: list[float],
    path: Path,
    *,
    header_rows: int = 1,
    repeat_header: bool = True,
    closed_at_break: bool = True,
    rows_per_page: int | None = None,
    **options,
) -> Path:
    """A ruled table (after ``lead_in`` paragraphs) over as many pages as it needs.

    ``rows`` hold one slot per column: a cell's text (``\\n`` for a line break), ``UP``
    where a merged cell from above covers it, ``LEFT_MERGE`` where one from the left does.
    A merged cell cut by a page break is drawn closed on both pages (a rule at the foot
    of the first part and the head of the second) or, with ``closed_at_break=False``,
    open. ``rows_per_page`` forces a break after that many data rows on each page.
    """
    doc = Document(**options)
    doc.new_page()
    y = TOP
    step = SIZE * LEADING
    for source in lead_in:
        for part in wrap(source.strip(), RIGHT - LEFT, indent=2 * SIZE):
            doc.text(LEFT + 2 * SIZE, y, part)
            y += step
    xs = [LEFT]
    for w in widths:
        xs.append(xs[-1] + w)
    n = len(widths)

    # Each cell: (row, first col, last col, last row, text).
    cells = []
    origin: dict[int, int] = {}
    for r, row in enumerate(rows):
        c = 0
        while c < n:
            value = row[c]
            if value is UP:
                cells[origin[c]][3] = r
                c += 1
                continue
            last = c
            while last + 1 < n and row[last + 1] == LEFT_MERGE:
                last += 1
            cells.append([r, c, last, r, value])
            for col in range(c, last + 1):
                origin[col] = len(cells) - 1
            c = last + 1

    def lines_of(cell) -> list[str]:
        width = xs[cell[2] + 1] - xs[cell[1]] - 2 * PAD
        out = []
        for part in cell[4].split("\n"):
            out.extend(wrap(part, width))
        return out

    heights = [1] * len(rows)
    for cell in cells:
        heights[cell[0]] = max(heights[cell[0]], len(lines_of(cell)))
    row_height = [h * SIZE * 1.45 + 2 * PAD for h in heights]

    # Pages: the data rows each page holds.
    placed: list[tuple[int, list[int], float]] = []  # (page index, rows, y of first row)
    page_rows: list[int] = []
    top = y + 6
    yy = top + sum(row_height[:header_rows])
    page = 0
    for r in range(header_rows, len(rows)):
        full = rows_per_page is not None and len(page_rows) == rows_per_page
        if page_rows and (yy + row_height[r] > BOTTOM or full):
            placed.append((page, page_rows, top))
            page += 1
            page_rows = []
            top = TOP
            yy = top + (sum(row_height[:header_rows]) if repeat_header else 0)
        page_rows.append(r)
        yy += row_height[r]
    placed.append((page, page_rows, top))

    for index, (_page, data_rows, top) in enumerate(placed):
        if index:
            doc.new_page()
        shown = (list(range(header_rows)) if index == 0 or repeat_header else []) + data_rows
        ys = {}
        yy = top
        for r in shown:
            ys[r] = yy
            yy += row_height[r]
        bottom_of = {r: ys[r] + row_height[r] for r in shown}
        for cell in cells:
            r0, c0, c1, r1, _ = cell
            here = [r for r in shown if r0 <= r <= r1]
            if not here:
                continue
            x0, x1 = xs[c0], xs[c1 + 1]
            y0, y1 = ys[here[0]], bottom_of[here[-1]]
            starts_here = here[0] == r0
            ends_here = here[-1] == r1
            if starts_here or closed_at_break:
                doc.line(x0, y0, x1, y0)
            if ends_here or closed_at_break:
                doc.line(x0, y1, x1, y1)
            doc.line(x0, y0, x0, y1)
            doc.line(x1, y0, x1, y1)
            if starts_here:
                for k, part in enumerate(lines_of(cell)):
                    doc.text(x0 + PAD, y0 + PAD + k * SIZE * 1.45, part)
    return doc.save(path)


def scan_image(lines: list[str], *, dpi: int = 300, size: float = 16):
    """A page of ``lines`` as a scanner sees it: a greyscale image (PIL)."""
    from PIL import Image, ImageDraw, ImageFont

    scale = dpi / 72
    image = Image.new("L", (round(WIDTH * scale), round(HEIGHT * scale)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(font_path()), round(size * scale))
    y = TOP
    for source in lines:
        for k, part in enumerate(wrap(source.strip(), RIGHT - LEFT, size=size, indent=2 * size)):
            x = LEFT + (2 * size if k == 0 else 0)
            draw.text((x * scale, y * scale), part, font=font, fill=0)
            y += size * LEADING
    return image


def image_pdf(lines: list[str], path: Path, *, dpi: int = 300, size: float = 16) -> Path:
    """A scanned plan: the lines drawn into an image, saved as an image-only PDF page.

    Official documents set body text in 16 pt (GB/T 9704, 三号), as here by default.
    """
    buffer = io.BytesIO()
    scan_image(lines, dpi=dpi, size=size).save(buffer, "PDF", resolution=dpi)
    path.write_bytes(buffer.getvalue())
    return path


def text_and_scan_pdf(text_lines: list[str], scan_lines: list[str], path: Path) -> Path:
    """A page with a text layer, then a scanned page (an image and no text).

    The two pages are made apart and put together with pypdfium2 (which pdfplumber
    installs).
    """
    import pypdfium2

    doc = Document(header=None, page_numbers=False)
    doc.new_page()
    y = TOP
    for source in text_lines:
        for k, part in enumerate(wrap(source.strip(), RIGHT - LEFT, indent=2 * SIZE)):
            doc.text(LEFT + (2 * SIZE if k == 0 else 0), y, part)
            y += SIZE * LEADING
    text_page = doc.save(path.with_suffix(".text.pdf"))
    scan_page = image_pdf(scan_lines, path.with_suffix(".scan.pdf"))
    merged = pypdfium2.PdfDocument.new()
    for part in (text_page, scan_page):
        source = pypdfium2.PdfDocument(part)
        merged.import_pages(source)
        source.close()
    merged.save(path)
    merged.close()
    text_page.unlink()
    scan_page.unlink()
    return path
