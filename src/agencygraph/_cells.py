"""The tab-led flattening of a table cell, shared by the Word, Excel and HTML readers.

A table becomes one tab-led line per cell, a blank line between rows (see
:mod:`agencygraph.parse.table`): a cell merged down from the row above is a tab alone
(:data:`MERGED`), carried down by the parser; a cell empty in its own right is
:data:`EXPLICIT_NONE`, never carried; a cell's further lines continue it untabbed.
"""

from __future__ import annotations

#: A cell covered by a vertical merge from above.
MERGED = "\t"
#: What a cell empty in its own right is written as: explicitly none.
EXPLICIT_NONE = "—"


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
