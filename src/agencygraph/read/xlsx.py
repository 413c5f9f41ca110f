"""Excel plans (.xlsx) as text in the layouts the parsers read.

Responsibility divisions (责任分工表) are often published as Excel attachments. Each
sheet row becomes tab-led cells, one line per cell, with a blank line between rows — the
flattening Word and HTML tables get — so the table parser reads them unchanged (see
:func:`agencygraph.read.cells.rows_text`).

The workbook is read with the standard library (:mod:`zipfile`, :mod:`xml.etree`): shared
and inline strings, numbers as their values (those in a date format as ISO dates; other
formats, such as percentages, are not applied), every visible sheet in workbook order. A
cell that a merged range covers from a row above is written blank (the table layout's
mark for a merged cell, carried down); a horizontally merged range is written once; a
cell empty in its own right is written ``—`` (explicitly none, never carried). Line
numbers of a spreadsheet plan count these lines.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree

from agencygraph._errors import InputError
from agencygraph.read.cells import EXPLICIT_NONE, Entry, rows_text

# A part this large is not a plan's table but a damaged or hostile archive.
_MAX_PART_BYTES = 256 * 1024 * 1024
_REF_RE = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")
_ESCAPE_RE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# Built-in number formats that show dates (ECMA-376 18.8.30, with the East Asian ones).
_DATE_FORMATS = frozenset({*range(14, 18), 22, *range(27, 37), *range(50, 59)})


def is_xlsx(data: bytes) -> bool:
    """Whether bytes are an Excel workbook (a ZIP holding xl/workbook.xml)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _local(tag: str) -> str:
    """An element or attribute name without its namespace (transitional or strict OOXML)."""
    return tag.rsplit("}", 1)[-1]


def _children(node: ElementTree.Element, name: str) -> list[ElementTree.Element]:
    return [child for child in node if _local(child.tag) == name]


def _descendant(node: ElementTree.Element, name: str) -> ElementTree.Element | None:
    return next((n for n in node.iter() if _local(n.tag) == name), None)


def _unescape(text: str) -> str:
    # OOXML writes characters XML cannot hold (a carriage return …) as _xHHHH_.
    if "_x" in text:
        text = _ESCAPE_RE.sub(lambda m: chr(int(m.group(1), 16)), text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _string_item(node: ElementTree.Element) -> str:
    """Text of a shared or inline string: plain or rich runs, never phonetic guides."""
    parts = []
    for child in node:
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return _unescape("".join(parts))


def _column_number(letters: str) -> int:
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - 64
    return number


def _number_text(value: str, date: bool, epoch: datetime) -> str:
    try:
        number = float(value)
    except ValueError:
        return value
    if date and 0 < number < 2958466:  # Excel's last day is 9999-12-31
        moment = epoch + timedelta(days=number)
        return moment.date().isoformat()
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return f"{number:.15g}"


def _date_styles(archive: zipfile.ZipFile, read) -> list[bool]:
    """For each cell style (the ``s`` of a cell), whether it shows numbers as dates."""
    if "xl/styles.xml" not in archive.namelist():
        return []
    root = read("xl/styles.xml")
    custom = {}
    formats = _descendant(root, "numFmts")
    for fmt in _children(formats, "numFmt") if formats is not None else []:
        code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", fmt.get("formatCode", ""))
        custom[fmt.get("numFmtId", "")] = bool(re.search(r"[ymdhsYMDHS]", code))
    xfs = _descendant(root, "cellXfs")
    styles = []
    for xf in _children(xfs, "xf") if xfs is not None else []:
        fmt_id = xf.get("numFmtId", "0")
        styles.append(custom.get(fmt_id, fmt_id.isdigit() and int(fmt_id) in _DATE_FORMATS))
    return styles


def _sheet_paths(archive: zipfile.ZipFile, workbook: ElementTree.Element) -> list[str]:
    """Paths of the visible sheets, in workbook order."""
    names = set(archive.namelist())
    targets = {}
    if "xl/_rels/workbook.xml.rels" in names:
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        for rel in rels:
            target = rel.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else "xl/" + target
            targets[rel.get("Id")] = target
    sheets = _descendant(workbook, "sheets")
    paths = []
    for sheet in _children(sheets, "sheet") if sheets is not None else []:
        if sheet.get("state") in ("hidden", "veryHidden"):
            continue
        rel_id = next((v for k, v in sheet.attrib.items() if _local(k) == "id"), None)
        if targets.get(rel_id) in names:
            paths.append(targets[rel_id])
    if not paths:  # no usable relationships: the conventional names, in number order
        found = [n for n in names if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)]
        paths = sorted(found, key=lambda n: int(re.sub(r"\D", "", n)))
    return paths


def _sheet_cells(
    root: ElementTree.Element, strings: list[str], dates: list[bool], epoch: datetime
) -> dict[tuple[int, int], str]:
    cells: dict[tuple[int, int], str] = {}
    data = _descendant(root, "sheetData")
    row_number = 0
    for row in _children(data, "row") if data is not None else []:
        row_number = int(row.get("r") or row_number + 1)
        column = 0
        for cell in _children(row, "c"):
            ref = _REF_RE.match(cell.get("r", ""))
            column = _column_number(ref.group(1)) if ref else column + 1
            kind = cell.get("t", "n")
            value = next((c.text or "" for c in cell if _local(c.tag) == "v"), None)
            if kind == "inlineStr":
                inline = next((c for c in cell if _local(c.tag) == "is"), None)
                text = _string_item(inline) if inline is not None else ""
            elif value is None:
                continue
            elif kind == "s":
                index = int(value) if value.strip().isdigit() else -1
                text = strings[index] if 0 <= index < len(strings) else ""
            elif kind == "b":
                text = "TRUE" if value.strip() == "1" else "FALSE"
            elif kind == "n":
                style = int(cell.get("s", "0") or 0)
                text = _number_text(value, style < len(dates) and dates[style], epoch)
            else:  # str (a formula's text), e (an error such as #N/A), d (an ISO date)
                text = _unescape(value)
            if text.strip():
                cells[(row_number, column)] = text
    return cells


def _merges(root: ElementTree.Element) -> list[tuple[int, int, int, int]]:
    ranges = []
    merges = _descendant(root, "mergeCells")
    for merge in _children(merges, "mergeCell") if merges is not None else []:
        corners = merge.get("ref", "").split(":")
        refs = [_REF_RE.match(corner) for corner in corners]
        if len(refs) != 2 or not all(refs):
            continue
        (c1, r1), (c2, r2) = ((_column_number(m.group(1)), int(m.group(2))) for m in refs)
        ranges.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
    return ranges


def _sheet_rows(cells: dict[tuple[int, int], str], merges) -> list[list[Entry]]:
    """The sheet's rows as entries, merged ranges resolved."""
    # covered[(row, column)] = (top row of the range, number of the range)
    covered: dict[tuple[int, int], tuple[int, int]] = {}
    spans: dict[tuple[int, int], int] = {}
    for number, (r1, c1, r2, c2) in enumerate(merges):
        spans[(r1, c1)] = c2
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    covered[(r, c)] = (r1, number)
    used = set(cells) | set(covered) | set(spans)
    if not used:
        return []
    first_column = min(c for _, c in used)
    last_column = max(c for _, c in used)
    rows = []
    for r in sorted({r for r, _ in used}):
        entries: list[Entry] = []
        seen: set[int] = set()
        for c in range(first_column, last_column + 1):
            if (r, c) in covered:
                top, number = covered[(r, c)]
                if top < r and number not in seen:
                    seen.add(number)
                    entries.append(Entry(c, merges[number][3], None))
                continue
            entries.append(Entry(c, spans.get((r, c), c), cells.get((r, c), "")))
        rows.append(entries)
    return rows


def xlsx_text(data: bytes, path: str | Path) -> str:
    """The text of an Excel (.xlsx) plan, each visible sheet's rows as tab-led cells.

    Raises
    ------
    InputError
        If the file is not a readable workbook, or no sheet holds any text.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:

            def read(name: str) -> ElementTree.Element:
                if archive.getinfo(name).file_size > _MAX_PART_BYTES:
                    raise InputError(path, f"{name} in the workbook is too large to read")
                return ElementTree.fromstring(archive.read(name))

            workbook = read("xl/workbook.xml")
            properties = _descendant(workbook, "workbookPr")
            date1904 = properties is not None and properties.get("date1904") in ("1", "true")
            epoch = datetime(1904, 1, 1) if date1904 else datetime(1899, 12, 30)
            strings = []
            if "xl/sharedStrings.xml" in archive.namelist():
                shared = read("xl/sharedStrings.xml")
                strings = [_string_item(si) for si in _children(shared, "si")]
            dates = _date_styles(archive, read)
            sheets = []
            for name in _sheet_paths(archive, workbook):
                root = read(name)
                sheets.append(_sheet_rows(_sheet_cells(root, strings, dates, epoch), _merges(root)))
    except InputError:
        raise
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, ValueError, OSError) as exc:
        raise InputError(path, f"not a readable Excel workbook ({type(exc).__name__})") from None
    text = rows_text(sheets, empty=EXPLICIT_NONE)
    if not text.strip():
        raise InputError(path, "an Excel workbook with no text in its visible sheets")
    return text
