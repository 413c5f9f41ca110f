"""Comma- and tab-separated plans (.csv, .tsv) as tab-led table cells.

A CSV file has no merges: a spreadsheet saved as CSV keeps a merged range's text in its
first cell and leaves the others empty, so an empty cell is written blank and carried
down like a merged one (see :func:`agencygraph.read.cells.rows_text`).

Examples
--------
>>> table = "具体措施,牵头单位,配合单位\\n加强培训,市人社局,市总工会\\n推进入党,,团市委\\n"
>>> csv_text(table, "plan.csv").split("\\n")  # doctest: +NORMALIZE_WHITESPACE
['\\t具体措施', '\\t牵头单位', '\\t配合单位', '',
 '\\t加强培训', '\\t市人社局', '\\t市总工会', '',
 '\\t推进入党', '\\t', '\\t团市委', '']
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

from agencygraph._errors import InputError
from agencygraph.read.cells import Entry, rows_text

#: File name endings of plans read as comma- or tab-separated tables.
CSV_SUFFIXES = (".csv", ".tsv")


def _delimiter(text: str) -> str:
    """Tab or comma: whichever more of the first lines hold."""
    sample = [line for line in text.split("\n")[:50] if line.strip()]
    tabs = sum("\t" in line for line in sample)
    commas = sum("," in line for line in sample)
    return "\t" if tabs and tabs >= commas else ","


# A text saved from a spreadsheet as CSV: most rows hold the same number of cells, three or
# more (prose with half-width commas does not), and a row labels a unit column in a cell of
# its own (牵头单位; 责任部门).
_CSV_CELLS_MIN = 3
_CSV_ROWS_MIN = 3
_CSV_ROWS_SHARE = 0.6
_CSV_UNIT_LABEL_RE = re.compile(r"^[\u4e00-\u9fff]{0,6}(?:单位|部门)$")


def looks_like_csv(text: str) -> bool:
    """Whether a text file holds a spreadsheet saved as comma-separated values (a plan's
    task table exported from Excel and named .txt): most rows have the same number of
    cells, three or more, and one cell names a unit column.

    Examples
    --------
    >>> looks_like_csv("序号,任务,牵头单位\\n1,加强培训,市人社局\\n2,建设基地,市发改委\\n")
    True
    >>> looks_like_csv("1.市人社局负责,市总工会配合,加强培训。\\n2.市财政局负责,保障资金。\\n")
    False
    """
    head = text[:16384]
    if "\t" in head or head.count(",") < _CSV_CELLS_MIN:
        return False
    try:
        records = [r for r in csv.reader(io.StringIO(head)) if any(c.strip() for c in r)]
    except csv.Error:
        return False
    if len(records) < _CSV_ROWS_MIN:
        return False
    counts = Counter(len(r) for r in records[:-1])  # (the last may be cut)
    cells, rows = counts.most_common(1)[0]
    return (
        cells >= _CSV_CELLS_MIN
        and rows >= _CSV_ROWS_SHARE * (len(records) - 1)
        and any(_CSV_UNIT_LABEL_RE.match(c.strip()) for r in records for c in r)
    )


def csv_text(text: str, path: str | Path) -> str:
    """The text of a comma- or tab-separated plan, each row as tab-led cells.

    Parameters
    ----------
    text
        The decoded file, line endings normalised.
    path
        Named in error messages.

    Raises
    ------
    InputError
        If the file is not readable as CSV or holds no text.
    """
    try:
        records = list(csv.reader(io.StringIO(text), delimiter=_delimiter(text)))
    except csv.Error as exc:
        raise InputError(path, f"not a readable CSV file ({exc})") from None
    rows = [
        [Entry(c, c, value.replace("\r", "\n")) for c, value in enumerate(record)]
        for record in records
    ]
    # In CSV an empty cell is most often a merged one: written blank, carried down.
    converted = rows_text([rows], empty="")
    if not converted.strip():
        raise InputError(path, "a CSV file with no text")
    return converted
