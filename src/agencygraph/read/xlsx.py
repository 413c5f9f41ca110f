"""Excel plans (.xlsx) as text in the layouts the parsers read.

Responsibility divisions (责任分工表) are often published as Excel attachments. Each
sheet row becomes tab-led cells, one line per cell, with a blank line between rows — the
flattening Word and HTML tables get — so the table parser reads them unchanged (see
:func:`agencygraph.read.cells.rows_text`).

The workbook is read with the standard library (:mod:`zipfile`, :mod:`xml.parsers.expat`) a
row at a time, never a whole part in memory, within the ``READ_MAX_*`` limits of
:mod:`agencygraph.settings` (see :mod:`agencygraph.read._xml`): shared
and inline strings, numbers as their values (those in a date format as ISO dates; other
formats, such as percentages, are not applied), every visible sheet in workbook order. A
cell that a merged range covers from a row above is written blank (the table layout's
mark for a merged cell, carried down); a horizontally merged range is written once; a
cell empty in its own right is written ``—`` (explicitly none, never carried). Line
numbers of a spreadsheet plan count these lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree

from agencygraph import settings
from agencygraph._errors import InputError
from agencygraph.read._xml import Budget, iter_part, open_archive
from agencygraph.read.cells import EXPLICIT_NONE, Entry, rows_text

_WORKBOOK = "xl/workbook.xml"
_REF_RE = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")
_ESCAPE_RE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# Built-in number formats that show dates (ECMA-376 18.8.30, with the East Asian ones).
_DATE_FORMATS = frozenset({*range(14, 18), 22, *range(27, 37), *range(50, 59)})


def is_xlsx(data: bytes) -> bool:
    """Whether bytes are an Excel workbook (a ZIP holding xl/workbook.xml)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with open_archive(data, "<bytes>") as archive:
            return _WORKBOOK in archive.namelist()
    except InputError:
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


def _date_styles(archive, budget: Budget, names: set[str]) -> list[bool]:
    """For each cell style (the ``s`` of a cell), whether it shows numbers as dates."""
    if "xl/styles.xml" not in names:
        return []
    custom = {}
    styles = []
    wanted = (("styleSheet", "numFmts", "numFmt"), ("styleSheet", "cellXfs", "xf"))
    for where, node, _ in iter_part(archive, "xl/styles.xml", budget, wanted):
        if where[-1] == "numFmt":
            code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", node.get("formatCode", ""))
            custom[node.get("numFmtId", "")] = bool(re.search(r"[ymdhsYMDHS]", code))
        else:
            budget.cell(1, "xl/styles.xml: cell styles")
            styles.append(node.get("numFmtId", "0"))
    return [
        custom.get(fmt_id, fmt_id.isdigit() and int(fmt_id) in _DATE_FORMATS) for fmt_id in styles
    ]


def _sheet_paths(archive, budget: Budget, names: set[str], sheets: list) -> list[str]:
    """Paths of the visible sheets, in workbook order."""
    targets = {}
    rels = "xl/_rels/workbook.xml.rels"
    if rels in names:
        for _, rel, _ in iter_part(archive, rels, budget, (("Relationships", "Relationship"),)):
            target = rel.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else "xl/" + target
            targets[rel.get("Id")] = target
    paths = []
    for sheet in sheets:
        if sheet.get("state") in ("hidden", "veryHidden"):
            continue
        rel_id = next((v for k, v in sheet.attrib.items() if _local(k) == "id"), None)
        if targets.get(rel_id) in names:
            paths.append(targets[rel_id])
    if not paths:  # no usable relationships: the conventional names, in number order
        found = [n for n in names if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)]
        paths = sorted(found, key=lambda n: int(re.sub(r"\D", "", n)))
    return paths


def _sheet(
    archive, budget: Budget, name: str, strings: list[str], dates: list[bool], epoch: datetime
) -> tuple[dict[tuple[int, int], str], list[tuple[int, int, int, int]]]:
    """A sheet's cells holding text, by (row, column), and its merged ranges, read by rows."""
    cells: dict[tuple[int, int], str] = {}
    ranges: list[tuple[int, int, int, int]] = []
    row_number = 0
    wanted = (("worksheet", "sheetData", "row"), ("worksheet", "mergeCells", "mergeCell"))
    for where, node, line in iter_part(archive, name, budget, wanted):
        if where[-1] == "mergeCell":
            merged = _merge(node)
            if merged is not None:
                r1, c1, r2, c2 = merged
                budget.cell((r2 - r1 + 1) * (c2 - c1 + 1), f"{name}, line {line}: merged range")
                ranges.append(merged)
            continue
        row_number = int(node.get("r") or row_number + 1)
        column = 0
        row_cells = _children(node, "c")
        budget.cell(len(row_cells), lambda r=row_number, n=line: f"{name}, line {n}: row {r}")
        for cell in row_cells:
            ref = _REF_RE.match(cell.get("r", ""))
            column = _column_number(ref.group(1)) if ref else column + 1
            text = _cell_text(cell, strings, dates, epoch)
            if text is not None and text.strip():
                cells[(row_number, column)] = text
    return cells, ranges


def _cell_text(cell, strings: list[str], dates: list[bool], epoch: datetime) -> str | None:
    kind = cell.get("t", "n")
    value = next((c.text or "" for c in cell if _local(c.tag) == "v"), None)
    if kind == "inlineStr":
        inline = next((c for c in cell if _local(c.tag) == "is"), None)
        return _string_item(inline) if inline is not None else ""
    if value is None:
        return None
    if kind == "s":
        index = int(value) if value.strip().isdigit() else -1
        return strings[index] if 0 <= index < len(strings) else ""
    if kind == "b":
        return "TRUE" if value.strip() == "1" else "FALSE"
    if kind == "n":
        style = int(cell.get("s", "0") or 0)
        return _number_text(value, 0 <= style < len(dates) and dates[style], epoch)
    # str (a formula's text), e (an error such as #N/A), d (an ISO date)
    return _unescape(value)


def _merge(merge: ElementTree.Element) -> tuple[int, int, int, int] | None:
    corners = merge.get("ref", "").split(":")
    refs = [_REF_RE.match(corner) for corner in corners]
    if len(refs) != 2 or not all(refs):
        return None
    (c1, r1), (c2, r2) = ((_column_number(m.group(1)), int(m.group(2))) for m in refs)
    return (min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2))


def _sheet_rows(
    cells: dict[tuple[int, int], str], merges, used_range: Callable[[int, int], None] | None = None
) -> list[list[Entry]]:
    """The sheet's rows as entries, merged ranges resolved.

    ``used_range(rows, columns)`` is called with the size of the grid before it is built
    (a limit check: a note in column XFD widens every row).
    """
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
    row_numbers = sorted({r for r, _ in used})
    if used_range is not None:
        used_range(len(row_numbers), last_column - first_column + 1)
    rows = []
    for r in row_numbers:
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
    budget = Budget(path, "Excel workbook")
    try:
        with open_archive(data, path) as archive:
            names = set(archive.namelist())
            sheet_list = []
            date1904 = False
            wanted = (("workbook", "workbookPr"), ("workbook", "sheets", "sheet"))
            for where, node, _ in iter_part(archive, _WORKBOOK, budget, wanted):
                if where[-1] == "sheet":
                    sheet_list.append(node)
                else:
                    date1904 = node.get("date1904") in ("1", "true")
            epoch = datetime(1904, 1, 1) if date1904 else datetime(1899, 12, 30)
            strings = []
            if "xl/sharedStrings.xml" in names:
                shared = iter_part(archive, "xl/sharedStrings.xml", budget, (("sst", "si"),))
                for _, si, line in shared:
                    budget.cell(1, lambda line=line: f"xl/sharedStrings.xml, line {line}: string")
                    strings.append(_string_item(si))
            dates = _date_styles(archive, budget, names)
            sheets = []
            grid = [0]

            def used_range(rows: int, columns: int, name: str = "") -> None:
                grid[0] += rows * columns
                if grid[0] > settings.READ_MAX_CELLS:
                    raise InputError(
                        path,
                        f"{name}: a used range of {rows:,} rows × {columns:,} columns, more "
                        f"than {settings.READ_MAX_CELLS:,} cells (settings.READ_MAX_CELLS)",
                    )

            for name in _sheet_paths(archive, budget, names, sheet_list):
                cells, merges = _sheet(archive, budget, name, strings, dates, epoch)
                sheets.append(
                    _sheet_rows(cells, merges, lambda r, c, name=name: used_range(r, c, name))
                )
    except (KeyError, ValueError, IndexError) as exc:
        raise InputError(path, f"not a readable Excel workbook ({type(exc).__name__})") from None
    text = rows_text(sheets, empty=EXPLICIT_NONE)
    if not text.strip():
        raise InputError(path, "an Excel workbook with no text in its visible sheets")
    return text
