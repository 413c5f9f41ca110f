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
