"""HTML plans (web pages) as text in the layouts the parsers read.

Government sites publish plans as web pages. The page is read with the standard
library's :mod:`html.parser` into a small tree (end tags HTML lets authors leave out —
``</p>``, ``</td>``, ``</tr>``, ``</li>`` — are closed as a browser would) and written out
as the text flattening the parsers read, the same one as for Word documents:

- paragraph-level elements (``p``, ``div``, ``br``, ``h1``–``h6``, ``li``, ``tr`` …) end a
  line; whitespace runs, ``&nbsp;`` included, become one space; entities are decoded;
  ``script``, ``style`` and the ``head`` are dropped;
- a ``<table>`` becomes tab-led cells, one line per cell, with a blank line between rows
  and around the table. A cell covered by a ``rowspan`` from above is written blank (the
  table layout's mark for a merged cell, carried down), a cell that is empty in its own
  right is written ``—`` (explicitly none, never carried), a ``colspan`` cell is written
  once, and line breaks inside a cell continue it on untabbed lines;
- a table inside a data table's cell is flattened into that cell (a line per inner row).
  A table that holds other tables but is no grid itself — at most one row of three or more
  cells, or a single column — is page layout, as sites lay out whole pages in tables: its
  cells are read as paragraphs and the tables inside it as tables.

Line numbers of an HTML plan count these converted lines, not the lines of the page's
source.

Examples
--------
>>> page = (
...     "<html><body><p>重点任务分工</p><table>"
...     "<tr><th>具体措施</th><th>牵头单位</th><th>配合单位</th></tr>"
...     "<tr><td>加强培训</td><td rowspan=2>市人社局</td><td>市总工会</td></tr>"
...     "<tr><td>推进入党</td><td></td></tr></table></body></html>"
... )
>>> html_text(page, "plan.html").split("\\n")  # doctest: +NORMALIZE_WHITESPACE
['重点任务分工', '',
 '\\t具体措施', '\\t牵头单位', '\\t配合单位', '',
 '\\t加强培训', '\\t市人社局', '\\t市总工会', '',
 '\\t推进入党', '\\t', '\\t—', '']
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from agencygraph._errors import InputError
from agencygraph.read.cells import MERGED, cell_lines

# Elements whose content is never plan text.
_DROPPED = frozenset(
    {"script", "style", "head", "title", "noscript", "template", "select", "iframe", "object"}
)
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
# Elements that end the line before and after them.
_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
# Elements that may sit in <head>: any other start tag means the body has begun.
_HEAD_CONTENT = frozenset(
    {"base", "link", "meta", "noscript", "script", "style", "template", "title"}
)
_CELLS = frozenset({"td", "th"})
_SECTIONS = frozenset({"thead", "tbody", "tfoot"})
# A rowspan or colspan beyond this is an authoring error, not a table that size.
_MAX_SPAN = 1000
# Old pages leave <font> and <div> tags open by the hundred; past this depth new elements
# are not nested further (their content still read), table structure a little later, so
# reading never recurses too deep.
_MAX_DEPTH = 200
_MAX_TABLE_DEPTH = 300
_TABLE_PARTS = frozenset({"table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption"})
_SPACE_RE = re.compile(r"[ \t\n\r\f\v\xa0]+")


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[_Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """A forgiving tree builder: closes what HTML lets authors leave open."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root")
        self.stack = [self.root]
        # How many elements of each tag are open: a page nested hundreds deep is read
        # without scanning the whole stack at every tag.
        self.open: Counter[str] = Counter()

    def _open(self, tag: str, attrs) -> _Node:
        node = _Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        self.stack.append(node)
        self.open[tag] += 1
        return node

    def _close_through(self, tags: frozenset[str] | set[str], boundary: frozenset[str]) -> bool:
        """Pop up to and including the innermost open element in ``tags``, not past a boundary."""
        if not any(self.open[tag] for tag in tags):
            return False
        for index in range(len(self.stack) - 1, 0, -1):
            tag = self.stack[index].tag
            if tag in tags:
                for node in self.stack[index:]:
                    self.open[node.tag] -= 1
                del self.stack[index:]
                return True
            if tag in boundary:
                return False
        return False

    def _innermost(self, tags: frozenset[str] | set[str]) -> str | None:
        if not any(self.open[tag] for tag in tags):
            return None
        return next((n.tag for n in reversed(self.stack) if n.tag in tags), None)

    def handle_starttag(self, tag: str, attrs) -> None:
        if self.open["head"] and tag not in _HEAD_CONTENT:
            self._close_through({"head"}, frozenset())
        if tag in _CELLS:
            self._close_through(_CELLS, frozenset({"tr", "table"}))
            if self._innermost(frozenset({"tr", "table"})) != "tr":
                self._open("tr", [])  # a cell written straight into the table
        elif tag == "tr":
            self._close_through({"tr"}, frozenset({"table"}))
        elif tag in _SECTIONS:
            self._close_through(_SECTIONS | {"tr"}, frozenset({"table"}))
        elif tag == "li":
            self._close_through({"li"}, frozenset({"ul", "ol", "td", "th", "table"}))
        elif tag in ("dt", "dd"):
            self._close_through({"dt", "dd"}, frozenset({"dl", "td", "th", "table"}))
        if tag in _BLOCKS and tag not in ("td", "th", "tr", *_SECTIONS):
            # A block start closes an open paragraph, as in a browser.
            self._close_through({"p"}, frozenset({"td", "th", "table", "caption", "li"}))
        if tag in _VOID:
            self.stack[-1].children.append(_Node(tag, {k: v or "" for k, v in attrs}))
        elif len(self.stack) < (_MAX_TABLE_DEPTH if tag in _TABLE_PARTS else _MAX_DEPTH):
            self._open(tag, attrs)

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if tag == "table":
            boundary: frozenset[str] = frozenset()
        elif tag in _CELLS or tag == "tr" or tag in _SECTIONS:
            boundary = frozenset({"table"})
        else:
            boundary = frozenset({"td", "th", "table"})
        self._close_through({tag}, boundary)

    def handle_data(self, data: str) -> None:
        if self.stack[-1].tag == "head" and data.strip():
            # Text straight in the head means the body has begun (its tag left out).
            self._close_through({"head"}, frozenset())
        self.stack[-1].children.append(data)


class _Lines:
    """Collects text into lines, joining inline runs and collapsing whitespace."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.run: list[str] = []

    def text(self, data: str) -> None:
        self.run.append(data)

    def end_line(self) -> None:
        line = _SPACE_RE.sub(" ", "".join(self.run)).strip()
        self.run = []
        if line:
            self.lines.append(line)

    def blank(self) -> None:
        """A blank line (table rows and tables are set apart by one)."""
        self.end_line()
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def raw(self, lines: list[str]) -> None:
        self.end_line()
        self.lines.extend(lines)


def _span(node: _Node, name: str) -> int:
    match = re.match(r"\s*(\d+)", node.attrs.get(name, ""))
    value = int(match.group(1)) if match else 1
    return min(value, _MAX_SPAN) if value >= 0 else 1


def _rows(table: _Node) -> list[list[_Node]]:
    """The rows of a table (not of tables inside it), each its cells."""
    rows: list[list[_Node]] = []

    def walk(node: _Node) -> None:
        for child in node.children:
            if not isinstance(child, _Node) or child.tag == "table":
                continue
            if child.tag == "tr":
                rows.append(_cells(child))
            elif child.tag not in _CELLS:
                walk(child)

    walk(table)
    return rows


def _cells(tr: _Node) -> list[_Node]:
    cells: list[_Node] = []
    for child in tr.children:
        if isinstance(child, _Node):
            if child.tag in _CELLS:
                cells.append(child)
            elif child.tag not in ("table", "tr"):
                cells.extend(_cells(child))
    return cells


def _holds_table(node: _Node) -> bool:
    return any(
        isinstance(child, _Node) and (child.tag == "table" or _holds_table(child))
        for child in node.children
    )


def _is_layout(table: _Node, rows: list[list[_Node]]) -> bool:
    """Whether a table lays out a page rather than holding data (see the module docstring)."""
    widest = max((len(row) for row in rows), default=0)
    if widest <= 1:
        return True
    return _holds_table(table) and sum(len(row) >= 3 for row in rows) < 2


def _caption(table: _Node) -> _Node | None:
    return next((c for c in table.children if isinstance(c, _Node) and c.tag == "caption"), None)


def _render(node: _Node, out: _Lines, *, in_cell: bool = False, pre: bool = False) -> None:
    for child in node.children:
        if isinstance(child, str):
            if pre:
                first, *rest = child.split("\n")
                out.text(first)
                for piece in rest:
                    out.end_line()
                    out.text(piece)
            else:
                out.text(child)
            continue
        tag = child.tag
        if tag in _DROPPED:
            continue
        if tag in ("br", "hr"):
            out.end_line()
        elif tag == "table":
            if in_cell:
                _flat_table(child, out)
            else:
                _table(child, out)
        elif tag in _BLOCKS:
            out.end_line()
            _render(child, out, in_cell=in_cell, pre=pre or tag == "pre")
            out.end_line()
        else:
            _render(child, out, in_cell=in_cell, pre=pre)


def _flat_table(table: _Node, out: _Lines) -> None:
    """A table inside a cell: a line per row, the row's cells joined by spaces."""
    out.end_line()
    for row in _rows(table):
        texts = []
        for cell in row:
            inner = _Lines()
            _render(cell, inner, in_cell=True)
            inner.end_line()
            texts.append(" ".join(inner.lines))
        out.text(" ".join(t for t in texts if t))
        out.end_line()


def _cell_lines(cell: _Node) -> list[str]:
    inner = _Lines()
    _render(cell, inner, in_cell=True)
    inner.end_line()
    return cell_lines([line for line in inner.lines if line])


def _table(table: _Node, out: _Lines) -> None:
    rows = _rows(table)
    caption = _caption(table)
    if caption is not None:
        out.end_line()
        _render(caption, out)
        out.end_line()
    if _is_layout(table, rows):
        for row in rows:
            for cell in row:
                out.end_line()
                _render(cell, out)
                out.end_line()
        return

    # covered[row][column] = (from above, the spanning cell's number): a slot a rowspan
    # covers from an upper row, or a colspan covers in its own row.
    covered: dict[int, dict[int, tuple[bool, int]]] = {}
    grid: list[list[tuple[int, _Node | None]]] = []
    number = 0
    for r, row in enumerate(rows):
        placed: list[tuple[int, _Node | None]] = []
        here = covered.setdefault(r, {})
        column = 0
        for cell in row:
            while column in here:
                column += 1
            rowspan = _span(cell, "rowspan") or len(rows) - r  # rowspan=0: to the end
            colspan = max(1, _span(cell, "colspan"))
            number += 1
            placed.append((column, cell))
            for dr in range(min(rowspan, len(rows) - r)):
                for dc in range(colspan):
                    if dr or dc:
                        covered.setdefault(r + dr, {})[column + dc] = (dr > 0, number)
            column += colspan
        # A slot covered from above is written once, however many columns its span has.
        seen: set[int] = set()
        for cc, (from_above, origin) in sorted(covered.pop(r).items()):
            if from_above and origin not in seen:
                seen.add(origin)
                placed.append((cc, None))
        grid.append(sorted(placed, key=lambda item: item[0]))

    out.blank()
    lines: list[str] = []
    for row in grid:
        if not row:
            continue
        if lines:
            lines.append("")
        for _, cell in row:
            lines.extend([MERGED] if cell is None else _cell_lines(cell))
    out.raw(lines)
    out.blank()


def html_text(page: str, path: str | Path) -> str:
    """The text of an HTML plan, tables flattened to tab-led cells.

    Parameters
    ----------
    page
        The decoded page.
    path
        Named in error messages.

    Returns
    -------
    str
        The converted lines, ending in a newline.

    Raises
    ------
    InputError
        If the page holds no text.
    """
    builder = _TreeBuilder()
    builder.feed(page)
    builder.close()
    out = _Lines()
    _render(builder.root, out)
    out.end_line()
    lines = out.lines
    while lines and lines[-1] == "":
        lines.pop()
    while lines and lines[0] == "":
        lines.pop(0)
    if not any(line.strip() for line in lines):
        raise InputError(path, "an HTML page with no text")
    return "\n".join(lines) + "\n"


_LEADING_RE = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    r"<(?:!doctype\s+html|html|head|body|meta|title|table|div|p|section|article)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
_CLOSING_TAG_RE = re.compile(r"</\s*[a-zA-Z][a-zA-Z0-9]*\s*>")


def looks_like_html(text: str) -> bool:
    """Whether a text is an HTML page: it opens with markup and closes tags.

    Plain-text plans carrying a stray tag (copied from a page) are not pages: the text
    must begin with a doctype or a page-level tag.

    Examples
    --------
    >>> looks_like_html("<!DOCTYPE html><html><body><p>1.加强培训</p></body></html>")
    True
    >>> looks_like_html("二、主要举措\\n<p>1.加强培训</p>")
    False
    """
    head = text[:4096].lstrip("\ufeff")
    if not _LEADING_RE.match(head):
        return False
    return head.lstrip()[:14].lower().startswith("<!doctype") or bool(_CLOSING_TAG_RE.search(text))


_META_CHARSET_RE = re.compile(
    r"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE
)
# The GB family: GB18030 decodes all of GB2312 and GBK, and pages that declare the older
# ones often use characters only the newer ones have.
_GB_FAMILY = {"gb2312", "gbk", "cp936", "x-gbk", "gb_2312-80", "gb_2312", "euc-cn", "ms936"}


def declared_charset(text: str) -> str | None:
    """The encoding a page declares in ``<meta charset>``, as a Python codec name.

    Examples
    --------
    >>> declared_charset('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    'gb18030'
    >>> declared_charset("<p>no declaration</p>") is None
    True
    """
    match = _META_CHARSET_RE.search(text[:8192])
    if not match:
        return None
    name = match.group(1).lower()
    if name in _GB_FAMILY:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None
