"""The tab-led flattening of table cells, shared by the Word, Excel, CSV, HTML and PDF readers.

A table becomes one tab-led line per cell, a blank line between rows (see
:mod:`agencygraph.parse.table`): a cell merged down from the row above is a tab alone
(:data:`MERGED`), carried down by the parser; a cell empty in its own right is
:data:`EXPLICIT_NONE`, never carried; a cell's further lines continue it untabbed.

Readers that see a table as a grid (Excel, CSV, PDF) describe each row as :class:`Entry`
cells and let :func:`rows_text` write them; Word and HTML write their cells with
:func:`cell_lines` as they walk the document.
"""

from __future__ import annotations

from dataclasses import dataclass

#: A cell covered by a vertical merge from above.
MERGED = "\t"
#: What a cell empty in its own right is written as: explicitly none.
EXPLICIT_NONE = "—"


@dataclass(frozen=True)
class Entry:
    """A cell of a grid row: the columns it spans, and its text (None: covered from above)."""

    first: int
    last: int
    text: str | None


def cell_lines(parts: list[str]) -> list[str]:
    """The lines of one cell whose text lines are ``parts`` (blank ones already dropped).

    Examples
    --------
    >>> cell_lines(["市人社局、", "市财政局"])
    ['\\t市人社局、', '市财政局']
    >>> cell_lines([])
    ['\\t—']
    """
    if not parts:
        return [MERGED + EXPLICIT_NONE]
    return [MERGED + parts[0], *parts[1:]]


def rows_text(
    sheets: list[list[list[Entry]]], *, empty: str, starts: list[int] | None = None
) -> str:
    """Tab-led lines of the rows of each grid (a sheet, a table), grids one after another.

    Rows above a grid's first row of several cells holding a single cell (a title) are
    written as plain lines, empty rows are left out, and past the header's last column only
    filled cells are written, so a stray note far to the right does not widen every row. A
    cell spanning several columns is written once; line breaks inside a cell continue it on
    untabbed lines. ``empty`` is what a cell empty in its own right is written as; where
    ``starts`` is given, the number of lines written before each row is appended to it
    (a reader that knows the page of each row gives each line its page).

    Examples
    --------
    >>> rows = [[Entry(0, 0, "具体措施"), Entry(1, 1, "牵头单位")],
    ...         [Entry(0, 0, "加强培训"), Entry(1, 1, "市人社局")],
    ...         [Entry(0, 0, "推进入党"), Entry(1, 1, None)]]
    >>> rows_text([rows], empty=EXPLICIT_NONE).split("\\n")  # doctest: +NORMALIZE_WHITESPACE
    ['\\t具体措施', '\\t牵头单位', '', '\\t加强培训', '\\t市人社局', '',
     '\\t推进入党', '\\t', '']
    """
    lines: list[str] = []
    for rows in sheets:
        header_last: int | None = None
        for entries in rows:
            if starts is not None:
                starts.append(len(lines))
            if not any(e.text and e.text.strip() for e in entries):
                continue
            filled = [e for e in entries if e.text is None or e.text.strip()]
            if header_last is None and len(filled) == 1 and filled[0].text is not None:
                if lines and lines[-1].startswith(MERGED):
                    lines.append("")
                lines.extend(_cell_lines(filled[0].text, plain=True))
                continue
            if header_last is None:
                header_last = max(e.last for e in filled)
                if lines:
                    lines.append("")
            else:
                lines.append("")
            last_filled = max(e.last for e in filled)
            for entry in entries:
                if entry.first > max(header_last, last_filled):
                    break
                if entry.text is None:
                    lines.append(MERGED)
                elif entry.text.strip():
                    lines.extend(_cell_lines(entry.text))
                elif entry.first <= header_last:
                    lines.append(MERGED + empty)
        if lines and lines[-1] != "":
            lines.append("")
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""


def _cell_lines(text: str, plain: bool = False) -> list[str]:
    # A tab inside a cell would start a new cell, a blank line a new row.
    parts = [part.replace("\t", " ").strip() for part in text.split("\n")]
    parts = [part for part in parts if part]
    return parts if plain else cell_lines(parts)
