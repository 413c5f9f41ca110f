"""Responsibility tables flattened to text (the *table* layout).

Four flattenings are read:

- **tab-led cells**: a table exported from a word processor becomes one tab-led line per
  cell, with a blank line between rows; a cell's text wrapped in the original continues
  on lines without a tab; a blank cell (a tab alone) stands for a vertically merged cell;
- **pipe rows**: one line per row, cells separated by ``|`` (``| 1 | 措施 | 市人社局 |``);
- **aligned columns**: text laid out from PDF, one line per row with cells set apart by runs
  of spaces or full-width spaces; blank cells vanish, so the cells of a short row are placed
  by their content (numbers, unit lists the lexicon knows, time limits) and, where the
  columns line up, by where they start (see :func:`_aligned_table`);
- **cells run together**: a web table copied with nothing between its cells, a header line
  of label words (类别序号重点督办内容牵头单位完成情况) and one line per row, each row cut
  by what its columns hold (see :func:`_glued_table`); in a doc-sharing site's copy the rows
  ran together too, and unit names with nothing between them (see :func:`_glued_stream_table`).

A unit name wrapped onto the next line of a cell is joined where the lexicon says the
joined name is a unit and the pieces are not two units each written with its place (市委 /
宣传部 is one unit; 团市委 / 市妇联 two; see :func:`_continues`).

The header row names the columns (牵头单位, 配合单位, 责任单位, 完成时限, 序号 …), so the
column order is read, not assumed. When data rows have more cells than the header (a
header cell such as 主要举措 spanning a section and a task column), the extra cells are the
outline columns to the left of the measure column.

Blank lead and support cells follow the carry-down rule (``tests/data/gold/README.md``):

1. lead blank: the lead of the nearest row above is carried down (``inherited``);
2. lead and supports blank: the lead and the supports of the row above are carried;
3. lead blank, supports filled: only the lead is carried;
4. lead filled, supports blank: the row has no supporting units;
5. a lead (carried down or not) named again among the supports is coded once, as lead.

A table with a single 责任单位 column (no lead column) is a single list: its first unit
leads where the document states that rule (列第一位的为牵头单位), else all are support and
the document is flagged.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from itertools import combinations, pairwise
from math import comb

from agencygraph.agencies import normalize_name, resolve
from agencygraph.parse import responsibility as resp
from agencygraph.parse._records import Assignment, CodedPlan, Measure, Official, parse_terms
from agencygraph.parse._text import (
    CLOSE_BRACKETS,
    CN_NUM,
    LEVEL1_RE,
    LEVEL2_RE,
    LEVEL3_RE,
    LEVEL4_RE,
    OPEN_BRACKETS,
    bracket_balance,
    bracket_depth_split,
    cached_attribute,
    simplified,
    squash_spaces,
    strip_spaces,
    to_int,
    trie_alternation,
)

# Header vocabulary besides the role labels of data/role_terms.csv, most specific first: a
# header cell takes the first column kind it matches.
_PROPOSAL = r"(?:建议|提案|议案)(?:名称|题目|标题)|案由"
_HEADER_KINDS = (
    # progress columns of a progress report (当前进度), not deadlines
    ("remark", re.compile(r"当前进度|进度情况|进展情况|推进情况|完成进度|下步|下一步")),
    ("timeline", re.compile(r"时间|进度|时限|期限|时序")),
    ("serial", re.compile(r"^(序号|编号|序)$")),
    # the measure itself, though its header names a project (项目内容, 项目名称) or a
    # proposal handed to units (案由, 提案题目)
    ("measure", re.compile(rf"内容|具体措施|(?:项目|任务|事项|指标|职责)名称|{_PROPOSAL}")),
    ("outline", re.compile(r"类别|分类|大类|领域|板块|方面|项目")),
    (
        "measure",
        re.compile(r"分解|具体|措施|内容|举措|任务|事项|工作|要求|指标|目标|实事|职责|问题"),
    ),
    ("remark", re.compile(r"备注|说明|完成情况|落实情况|进展")),
)
# A header cell naming the measure column itself rather than a category spanning others.
_TITLE_HEADER_RE = re.compile(r"名称|事项$|^项目$")
_PROJECT_RE = re.compile(r"项目|名称|事项")
_TARGET_HEADER_RE = re.compile(r"目标|指标")
_MEASURE_HEADER_RE = re.compile(rf"分解|具体|内容|措施|(?:指标|项目|任务|职责)名称|{_PROPOSAL}")
_PIPE_SEPARATOR_RE = re.compile(r"^[\s|:：\-—=+]+$")
# Mirror sites print pinyin after characters (項(xiàng)目); where a character was lost its
# bracket went with it (?jī)). A header label is read without them.
_PINYIN_NOTE_RE = re.compile(r"[(?？]?[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)[?？]?")

# Aligned tables: a cell is a run of text with single spaces at most; two or more spaces, a tab
# or a full-width space set cells apart.
_CELL_RE = re.compile(r"[^ \t\u3000\u00a0](?:[ \u00a0]?[^ \t\u3000\u00a0])*")
_HEADER_CELL_MAX = 12
_HEADER_PUNCT_RE = re.compile(r"[：:，,。；;、！？!?]")
_HEADER_TAIL_RE = re.compile(r"^(单位|部门|时限|时间|期限|进度|内容|措施|事项|任务|名称)$")
_SERIAL_RE = re.compile(r"^(?:[0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})[.、．]?$")
_BRACKETED_SERIAL_RE = re.compile(
    r"^[（(]\s*(?:[0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})\s*[)）]$"
)
_GLUED_SERIAL_RE = re.compile(r"^([0-9０-９]{1,3})[.、．]? +(\S.*)$")
_TIMELINE_RE = re.compile(
    r"\d{2,4}\s*年|\d{1,2}\s*月|年底|年内|月底|季度|半年|长期|持续|常态|每年|逐年|分年度|按年度|按月"
    r"|\d{4}\s*[-—–~～至]\s*\d{2,4}"
)
_PAGE_LINE_MAX = 24  # a page's number line is short (第12页 共30页)
_PAGE_NUMBER_RE = re.compile(r"^(?:[-—–－]+\d{1,4}[-—–－]+|第\d{1,4}页.*)$")
_TABLE_END_RE = re.compile(r"^(?:(?:注|备注|说明)[:：]|附(?:件|表)\d*$|(?:抄送|抄报|主送)\s*[:：])")
# How far (in display columns) the cells of one column may start apart and still line up.
_ALIGN_TOLERANCE = 2
_LIST_SEPARATORS = "、，,；;/／"
_DITTO = {"同上", "同上。", "〃"}
_DEADLINE_CELL_MAX = 16
_EXPLICIT_NONE = {"—", "——", "-", "－", "/", "／", "无", "\\", "、"}


@dataclass
class _Cell:
    lines: list[str]
    line: int
    # Source line of each of ``lines`` where they are not consecutive (aligned tables, whose
    # continuation lines may skip a column's line).
    numbers: list[int] = field(default_factory=list)
    # placed in its column by a reading the text cannot confirm (the first of units stacked
    # under a lead and a support column read as the lead)
    doubtful: bool = False
    # its lines wrapped at the column's edge, each running on where the last stopped
    runs_on: bool = False

    @cached_attribute  # a cached_property without its lock (issue 19)
    def text(self) -> str:
        # Read only once the row is complete: a cell's lines are all appended before.
        text = strip_spaces("".join(strip_spaces(part) for part in self.lines))
        # a web page's space entity left in an empty cell (| &nbsp; |) is no text
        return "" if "&" in text and text.rstrip(";").lower() == "&nbsp" else text

    @property
    def blank(self) -> bool:
        # 同上 (the same as above) is a merged cell written out: carried down like a blank
        return not self.text or self.text in _DITTO

    @property
    def explicitly_none(self) -> bool:
        """A cell that says "none" (—, /, 无): no units, and nothing carried into it."""
        return squash_spaces(self.text) in _EXPLICIT_NONE

    def line_of(self, index: int) -> int:
        """The source line of the cell's ``index``-th line."""
        return self.numbers[index] if self.numbers else self.line + index

    def add(self, text: str, number: int) -> None:
        """Append a line read from source line ``number`` (aligned tables)."""
        if not self.lines:
            self.line = number
        self.lines.append(text)
        self.numbers.append(number)


Row = list[_Cell]


@dataclass
class _Table:
    """A table found in a text: its header, data rows and the doubts met reading them."""

    header: Row
    rows: list[Row]
    warnings: list[tuple[int, str]] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    # Rows whose cells could not be placed in their columns with certainty.
    doubtful_rows: int = 0


def looks_like_table(text: str) -> bool:
    """Whether a text holds a responsibility table under a header naming its lead column.

    Tab-led cells, pipe rows or whitespace-aligned columns count; the header must name a
    lead or responsible column and the measure column, so narrative text never does.

    Examples
    --------
    >>> looks_like_table("序号  主要任务  牵头单位  完成时限\\n1  开展培训  市人社局  2023年")
    True
    >>> looks_like_table("1.开展培训。  牵头单位：市人社局  配合单位：市财政局")
    False
    """
    return _table_rows(text) is not None


def _tab_rows(text: str) -> list[Row]:
    """Rows split at blank lines; each row is its tab-led cells (lead-in text dropped)."""
    rows: list[Row] = []
    cells: Row = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith("\t"):
            cells.append(_Cell([line[1:]], number))
        elif not line.strip():
            if cells:
                rows.append(cells)
            cells = []
        elif cells:
            cells[-1].lines.append(line)
    if cells:
        rows.append(cells)
    return rows


def _tabbed_rows(text: str) -> list[Row]:
    """One row per line with a tab between cells, as a table copied from a word processor
    or a spreadsheet: empty cells kept where they stand (a header cell spanning two columns,
    its sub-header's blanks), a line without tabs going on with the cell above. A cell a
    spreadsheet quoted because it holds several lines ("县农业农村局 / 各镇人民政府") runs on
    to its closing quote, the quotes dropped."""
    rows: list[Row] = []
    quoted = False  # the last cell opened a quote it has not closed
    for number, line in enumerate(text.split("\n"), start=1):
        # (a stray quote never takes the next row: a line opening with a serial and a tab
        # is one, and a quoted cell is a few lines at most)
        quoted = (
            quoted
            and len(rows[-1][-1].lines) < _QUOTED_LINES_MAX
            and not _SERIAL_RE.match(line.split("\t", 1)[0].strip())
        )
        if quoted:
            first, *rest = line.rstrip(" \u3000").split("\t")
            rows[-1][-1].lines.append(first.strip())
            rows[-1].extend(_Cell([part.strip()], number) for part in rest)
        elif "\t" in line:
            parts = line.rstrip(" \u3000").split("\t")
            if len(parts) > 1 and not parts[-1].strip():
                parts = parts[:-1]
            rows.append([_Cell([part.strip()], number) for part in parts])
        elif rows and _is_category_heading(line.strip()):
            continue  # a category heading between rows (二、重点工作) is no cell's tail
        elif rows and _ends_table(line.strip()):
            break
        elif rows and line.strip() and not _page_break_line(line.strip()):
            rows[-1][-1].lines.append(line.strip())
        if rows:
            written = "".join(rows[-1][-1].lines)
            quoted = written.startswith('"') and written.count('"') % 2 == 1
    for row in rows:
        for cell in row:
            _unquote(cell)
    return rows


_QUOTED_LINES_MAX = 6


def _unquote(cell: _Cell) -> None:
    """A cell a spreadsheet wrote between quotes ("县农业农村局 / 各镇人民政府"), without
    them."""
    if len(cell.lines[0]) > 1 and cell.lines[0].startswith('"') and cell.lines[-1].endswith('"'):
        cell.lines[0] = cell.lines[0][1:]
        cell.lines[-1] = cell.lines[-1][:-1]


# What follows a table and is none of its cells: the notice's closing lines, a note on the
# table, the next part's heading.
_AFTER_TABLE_RE = re.compile(
    r"^(?:抄送|印发|主送|附件\s*[0-9０-９一二三四五六七八九十]|(?:注|说明|备注)\s*[:：])"
)


_NOTE_AFTER_TABLE_RE = re.compile(r"^(?:抄送|印发|(?:注|说明)\s*[:：])")


def _ends_table(line: str) -> bool:
    """A line after a table's last row that is no part of its last cell: an outline item
    with its sentence (（一）实施…。（A牵头）), a heading of the next part, 抄送：, 注：…."""
    if _AFTER_TABLE_RE.match(simplified(line)):
        return True
    numbered = LEVEL1_RE.match(line) or LEVEL2_RE.match(line) or LEVEL3_RE.match(line)
    return bool(numbered) and not _is_category_heading(line)


# a part of a plan (第一部分 产业发展, 第二篇), as tables head their groups of rows
_PART_RE = re.compile(rf"^第[{CN_NUM}]{{1,3}}(?:部分|篇|章)\s*[、.．：:]?\s*")


def _is_category_heading(line: str) -> bool:
    """A short 一、… / （一）… heading line, with no sentence or list punctuation in it."""
    numbering = LEVEL1_RE.match(line) or LEVEL2_RE.match(line) or _PART_RE.match(line)
    if numbering is None or len(line) > 30:
        return False
    title = line[numbering.end() :]
    return not any(mark in title for mark in "，,；;。、")


_CONTINUED_RE = re.compile(r"^[（(]?续表\d*[)）]?$")


def _page_break_line(line: str) -> bool:
    """A page's number (— 2 —, 第3页) or 续表, left between a table's rows by a page break."""
    squashed = simplified(squash_spaces(line))
    return bool(_PAGE_NUMBER_RE.match(squashed) or _CONTINUED_RE.match(squashed))


def _pipe_rows(text: str) -> list[Row]:
    """One row per line with ``|`` between cells.

    A cell whose text runs onto the next line continues there: a line without pipes
    extends the last cell, and where rows are written between outer pipes (``| a | b |``),
    a row line that does not end in ``|`` is continued by the next line.
    """
    rows: list[Row] = []
    row_open = False
    lines = text.split("\n")
    # rows between outer pipes close with one; rows with a pipe before each cell only
    # (|1|任务|市住建局) never do, so such a row is never continued by the next line
    outer_closed = any(
        line.strip().startswith("|") and line.strip().endswith("|") and line.count("|") >= 2
        for line in lines
    )
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped or _PIPE_SEPARATOR_RE.match(stripped):
            row_open = False
            continue
        if "|" not in stripped and _page_break_line(stripped):
            continue  # a page's number or 续表 between rows is no part of a cell
        if not row_open and "|" not in stripped and _is_category_heading(stripped):
            # A category heading between rows (一、民生保障) is not the tail of the last
            # cell: read as one, its words became units.
            continue
        if rows and not row_open and "|" not in stripped and _ends_table(stripped):
            break
        # a cell never ends in a list's separator: its list goes on at the next line's
        # start (…|市统计局、 / 各乡镇（街道）|2024年12月底), unless that opens a numbered row
        lists_on = (
            bool(rows)
            # (the cell's lines, not its text: that is read once the row is complete)
            and squash_spaces(rows[-1][-1].lines[-1]).endswith(tuple(_LIST_SEPARATORS))
            and not _SERIAL_RE.match(squash_spaces(stripped.lstrip("|").split("|")[0]))
        )
        if rows and (row_open or lists_on or "|" not in stripped):
            first, *rest = stripped.split("|")
            rows[-1][-1].lines.append(first)
            rest = rest[:-1] if rest and not rest[-1].strip() else rest
            rows[-1].extend(_Cell([part], number) for part in rest)
            row_open = row_open and not stripped.endswith("|")
            continue
        # a row broken after its first pipe: the next line opens with one (工作任务 | 具体要求⏎
        # | 责任单位 |)
        broken = (
            number < len(lines)
            and lines[number].lstrip().startswith("|")
            and (outer_closed or not stripped.startswith("|"))
        )
        # a row of one cell, its other cells merged away (8.持续深化… |)
        lone = bool(rows) and stripped.endswith("|")
        if stripped.count("|") >= 2 or ("|" in stripped and broken) or lone:
            parts = stripped.split("|")
            outer = stripped.startswith("|")
            if outer:
                parts = parts[1:]
            if parts and not parts[-1].strip():
                parts = parts[:-1]
            if len(parts) == 1 and outer and _is_category_heading(parts[0].strip()):
                # | 一、市容环境方面 |: a category heading spanning the table, as between
                # rows without pipes
                row_open = False
                continue
            rows.append([_Cell([part], number) for part in parts])
            row_open = ((outer and outer_closed) or broken) and not stripped.endswith("|")
    return rows


def _with_continuation_rows(header: Row, rows: list[Row]) -> list[Row]:
    """Rows with the continuation rows of their wrapped cells joined back: a row with no
    number whose filled cells only finish the row above's (| | 三项工程培训 | 局 | |: the
    measure's text goes on, 市人力资源和社会保障 + 局 is a unit)."""
    kinds = _header_kinds(header) or []
    if "serial" not in kinds[:1]:
        return rows
    rows = _width_wrapped_rows(rows)
    return _joined_rows(rows, lambda previous, row: _continues_row(previous, row, kinds))


def _width_wrapped_rows(rows: list[Row]) -> list[Row]:
    """Rows whose cells wrapped at their column's width (see :func:`_wrapped_at_width`)
    joined back, each cell's text run on where it wrapped (各县 / 市区人民政府 is one name)."""
    joined: list[Row] = []
    line_above: Row | None = None  # the row's last line as printed, before it was joined
    for row in rows:
        if (
            line_above is not None
            and not squash_spaces(row[0].text)
            and _SERIAL_RE.match(squash_spaces(joined[-1][0].text))
            and _wrapped_at_width(line_above, row)
        ):
            joined[-1] = _joined_row(joined[-1], row, _run_on)
        else:
            joined.append(row)
        line_above = row
    return joined


def _run_on(first: _Cell, second: _Cell) -> _Cell:
    """A cell whose text wrapped at its column's edge, its next line running on after it
    (each line keeps its source line)."""
    joined = _joined_cells(first, second)
    joined.runs_on = True
    return joined


def _joined_rows(rows: list[Row], continues: Callable[[Row, Row], bool]) -> list[Row]:
    """Rows with each row that ``continues`` the one above (same width) joined to it, cell
    by cell, its blank cells leaving the cells above as they are."""
    joined: list[Row] = []
    for row in rows:
        previous = joined[-1] if joined else None
        if previous is not None and len(row) == len(previous) and continues(previous, row):
            joined[-1] = _joined_row(previous, row)
            continue
        joined.append(row)
    return joined


def _joined_row(above: Row, row: Row, join: Callable[[_Cell, _Cell], _Cell] | None = None) -> Row:
    """A row joined to the one above it cell by cell (by ``join``, :func:`_joined_cells` if
    not given), its blank cells leaving the cells above as they are."""
    join = join or _joined_cells
    return [join(a, c) if squash_spaces(c.text) else a for a, c in zip(above, row, strict=True)]


def _continues_row(previous: Row, row: Row, kinds: list[str]) -> bool:
    if squash_spaces(row[0].text) or not _SERIAL_RE.match(squash_spaces(previous[0].text)):
        return False
    filled = [i for i, c in enumerate(row) if squash_spaces(c.text)]
    if not filled:
        return False
    for i in filled:
        kind = kinds[i] if i < len(kinds) else "other"
        part, above = squash_spaces(row[i].text), squash_spaces(previous[i].text)
        if kind in resp.UNIT_ROLES:
            # a unit's name finished on the next line (市人力资源和社会保障 / 局)
            if not above or _unit_like(part) or not _unit_like(above + part):
                return False
        elif kind not in ("measure", "title", "remark", "other", "timeline"):
            return False
    return any((kinds[i] if i < len(kinds) else "") in resp.UNIT_ROLES for i in filled)


def _without_trailing_text(rows: list[Row]) -> list[Row]:
    """A numbered table's rows without the paragraphs after its last row that were read as
    rows of one cell: a row with no number whose one cell is a closing demand or the
    printing line is no row (its blank cells would carry the last row's units down)."""
    while len(rows) > 1:
        last = rows[-1]
        filled = [c for c in last if not c.blank]
        if (
            squash_spaces(last[0].text)
            or len(filled) != 1
            or not _trailing_text(simplified(squash_spaces(filled[0].text)))
        ):
            break
        rows = rows[:-1]
    return rows


_SIGNED_LINE_MAX = 50


def _trailing_text(text: str) -> bool:
    """Text after a table's last row, read into no cell: a closing demand on every unit, or
    the issuer and the date it was printed (…办公室　2024年1月20日印发)."""
    return bool(resp.CLOSING_DEMAND_RE.match(text)) or (
        len(text) <= _SIGNED_LINE_MAX and resp.SIGNED_DATE_RE.search(text) is not None
    )


def _wrapped_at_width(previous: Row, row: Row) -> bool:
    """Whether a row line goes on from the line above in a table whose cells are padded to
    their column's width (antiword's | cells |): every cell as wide as the one above it,
    and a cell of the line above filled to its edge (开展臭氧污染防治攻坚，完成挥发 / 性有机物…),
    so its text wrapped there."""
    if len(previous) != len(row) or len(row) < 3:
        return False
    above = [cell.lines[-1] if cell.lines else "" for cell in previous]
    below = [cell.lines[0] if cell.lines else "" for cell in row]
    if any(_width(a) != _width(b) or _width(a) < 2 for a, b in zip(above, below, strict=True)):
        return False
    return any(squash_spaces(a) and _width(a) - _width(a.rstrip()) <= 1 for a in above[1:])


def _unspanned(header: Row) -> Row:
    """A header flattened from two rows one cell a line: the labels of the second row
    (牵头单位, 配合单位) come after the first row's, the label spanning them (责任单位) among
    those. The second row's labels take the spanning label's place."""
    kinds = _header_kinds(header)
    if kinds is None or len(header) < 4:
        return header
    tail = len(header)
    while tail > 0 and kinds[tail - 1] in ("lead", "support", "official"):
        tail -= 1
    sub = header[tail:]
    if len(sub) < 2 or not any(k == "lead" for k in kinds[tail:]):
        return header
    spanning = [i for i in range(tail) if kinds[i] == "single"]
    if len(spanning) != 1 or any(k in ("lead", "support") for k in kinds[:tail]):
        return header
    at = spanning[0]
    merged = [*header[:at], *sub, *header[at + 1 : tail]]
    return merged if _header_kinds(merged) is not None else header


def _sub_header(header: Row, below: Row) -> bool:
    """Whether the row below a header is its second row: two labels or more under a
    label spanning them (责任单位 over 牵头单位 | 配合单位), blanks elsewhere."""
    texts = [squash_spaces(c.text) for c in below]
    labels_below = [t for t in texts if t]
    # 责任单位 over the units heading a matrix's columns of marks
    units_below = "single" in (_header_kinds(header) or []) and all(
        _names_unit_column(_header_label(t)) for t in labels_below
    )
    return (
        len(labels_below) >= 2
        and len(labels_below) < len(texts)
        and (units_below or all(_is_label_cell(t) for t in labels_below))
    )


def _with_sub_header(header: Row, below: Row) -> Row | None:
    """The header with the labels of its second row in place of the label they divide: the
    first label followed by a blank cell (its span) or ending the row; None if the result
    reads as no header."""
    labels_below = [c for c in below if squash_spaces(c.text)]
    filled = [bool(squash_spaces(c.text)) for c in header]
    span = next(
        (
            i
            for i in range(len(header))
            if filled[i] and (i + 1 == len(header) or not filled[i + 1])
        ),
        None,
    )
    if span is None:
        return None
    merged = [*header[:span], *labels_below, *(c for c in header[span + 1 :] if c.text)]
    return merged if _header_kinds(merged) is not None else None


def _with_collapsed_sub_header(header: Row, below: list[Row]) -> Row | None:
    """A second header row copied without its blanks (序号 | 项目名称 | 责任单位 | 完成时限 /
    牵头单位 | 配合单位): its labels in place of the header's unit label they divide, where
    the first data row below has the cells of the two rows together."""
    if len(below) < 2:
        return None
    sub, data = below
    labels_below = [squash_spaces(c.text) for c in sub]
    if len(labels_below) < 2 or not all(_is_label_cell(t) for t in labels_below):
        return None
    if len(data) != len(header) + len(sub) - 1:
        return None
    kinds = _header_kinds(header) or []
    spanned = [i for i, kind in enumerate(kinds) if kind == "single"]
    if len(spanned) != 1:
        return None
    at = spanned[0]
    merged = [*header[:at], *sub, *header[at + 1 :]]
    return merged if _header_kinds(merged) is not None else None


_BOX_RULE_RE = re.compile(r"^[\s─━┄┈═┌┐└┘├┤┬┴┼╔╗╚╝╠╣╦╩╬+\-]+$")
_BOX_BARS = str.maketrans("│┃║", "|||")


def _without_box_drawing(text: str) -> str:
    """A table drawn with box characters (│ cells, ├─┼─┤ rules), as a PDF copy sets it, as
    pipe rows: bars become pipes and rule lines empty lines, so every line keeps its number."""
    if "│" not in text and "┃" not in text and "║" not in text:
        return text
    return "\n".join(
        ""
        if line.strip() and _BOX_RULE_RE.match(line)
        else _BOX_RULE_PART_RE.sub("| |", line).translate(_BOX_BARS)
        for line in text.split("\n")
    )


# A rule drawn under a header cell that spans sub-columns, on a line still holding the other
# cells' wrapped labels (│号│…│ 限 ├──┬──┬──┤): the spanning cell's place, one cell.
_BOX_RULE_PART_RE = re.compile(r"[├┝┠╟╞][─━┬┯┰╥╤┼┿╂╫╪]*[─━][─━┬┯┰╥╤┼┿╂╫╪]*[┤┥┨╢╡]")


def _table_rows(text: str) -> _Table | None:
    """The table in a text (header and data rows), or None if it holds none."""
    boxed = _without_box_drawing(text)
    boxed, text = boxed != text, boxed
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return None
    candidates = []
    if sum(line.startswith("\t") for line in lines) >= 0.3 * len(lines):
        candidates.append(_tab_rows(text))
    if sum(line.count("|") >= 2 for line in lines) >= 2:  # a header and one row at least
        candidates.append(_pipe_rows(text))
    elif sum(line.strip("\n").count("\t") >= 2 for line in lines) >= 2:
        candidates.append(_tabbed_rows(text))
    for rows in candidates:
        for index, row in enumerate(rows):
            if _header_kinds(row) is not None:
                merged = (
                    _with_sub_header(row, rows[index + 1])
                    if index + 1 < len(rows) and _sub_header(row, rows[index + 1])
                    else _with_collapsed_sub_header(row, rows[index + 1 : index + 3])
                )
                if merged is not None:
                    # 责任单位 spanning 牵头单位 | 配合单位 on the header's second row
                    row, index = merged, index + 1
                while boxed and index + 1 < len(rows) and _wraps_header(row, rows[index + 1]):
                    # a box-drawn header's labels wrapped inside their cells (序 / 号)
                    row = [_joined_cells(a, b) for a, b in zip(row, rows[index + 1], strict=True)]
                    index += 1
                header_text = [squash_spaces(c.text) for c in row]
                data = [
                    r
                    for r in rows[index + 1 :]
                    if [squash_spaces(c.text) for c in r] != header_text
                ]
                if boxed:
                    data = _box_rows(data)
                if data:
                    return _Table(row, _with_continuation_rows(row, data))
    lines = text.split("\n")
    return (
        _cell_stream_table(text)
        or _aligned_table(lines)
        or _single_spaced_table(lines)
        or _glued_table(text)
        or _glued_stream_table(text)
        # the last resort: rows whose header was not copied
        or next(filter(None, map(_headerless_table, candidates)), None)
    )


_SINGLE_SPACE_RE = re.compile(r"(?<=\S) (?=\S)")


def _box_rows(rows: list[Row]) -> list[Row]:
    """A box-drawn table's rows, each the lines between two rules: a cell's text wrapped
    over the lines of its row is joined (rules became empty lines, so a row's lines are
    the consecutive ones)."""
    return _joined_rows(rows, lambda previous, row: row[0].line == _last_line(previous) + 1)


def _last_line(row: Row) -> int:
    return max(cell.line_of(len(cell.lines) - 1) if cell.lines else cell.line for cell in row)


def _wraps_header(header: Row, below: Row) -> bool:
    """Whether a box-drawn row, on the line right under the header's with no rule between,
    holds the rest of the header's wrapped labels."""
    return (
        len(below) == len(header)
        and below[0].line == _last_line(header) + 1
        and all(len(squash_spaces(c.text)) <= _HEADER_CELL_MAX // 2 for c in below)
        and not _SERIAL_RE.match(squash_spaces(below[0].text))
    )


# Three or more characters each set apart by one space (工 作 任 务), a label spaced out.
_LETTER_SPACED_RE = re.compile(r"(?<!\S)[\u4e00-\u9fff](?: [\u4e00-\u9fff]){2,}(?!\S)")


def _single_spaced_table(lines: list[str]) -> _Table | None:
    """A table whose cells are set apart by one space only (a web or PDF copy that lost its
    layout): read as an aligned table once the single spaces are widened, if a header line
    of labels set apart by single spaces, 序号 first, opens it. Chinese cells hold no
    spaces, so a space is a cell boundary; rows whose cells do not fit are placed by
    content. Without a serial column the rows are numbered items, read by the outline
    (see :func:`responsibility.trailing_columns_note`)."""
    # a header label letter-spaced (序号 工 作 任 务 牵头负责部门) is one label
    lines = [_LETTER_SPACED_RE.sub(lambda m: m.group().replace(" ", ""), line) for line in lines]
    start = next(
        (
            i
            for i, line in enumerate(lines)
            if " " in line.strip()
            and _HEADER_SERIAL_RE.match(simplified(line.split()[0]))
            and _is_header(_pieces(_SINGLE_SPACE_RE.sub("  ", line)))
        ),
        None,
    )
    if start is None:
        return None
    widened = lines[:start] + [_SINGLE_SPACE_RE.sub("  ", line) for line in lines[start:]]
    table = _aligned_table(widened)
    if table is not None:
        table.flags.add("single_spaced_cells")
    return table


# -- tables whose cells ran together --------------------------------------------------------

# Header words besides the role labels, for cutting a header whose cells ran together
# (类别序号重点督办内容牵头单位全年完成情况): the words that end or open a header cell.
_GLUED_HEADER_WORDS = (
    "序号",
    "编号",
    "完成时限",
    "完成时间",
    "时间节点",
    "时限要求",
    "工作进度",
    "进展情况",
    "完成情况",
    "落实情况",
    "全年完成情况",
    "备注",
)
_GLUED_HEADER_MAX = 60
_GLUED_SERIAL_LEAD_RE = re.compile(r"^(\D{0,30}?)([0-9０-９]{1,3})(?![0-9０-９.．%％年月日])")
_GLUED_UNIT_MAX = 16
_SENTENCE_ENDS = "。；;！!？?"
_GLUED_STOP_RE = re.compile(r"[0-9０-９%％、，,。；;：:！!？?“”\"\s]")


@lru_cache(maxsize=1)
def _glued_header_re() -> re.Pattern[str]:
    words = sorted(
        {*resp.labels(), *_GLUED_HEADER_WORDS},
        key=len,
        reverse=True,
    )
    return re.compile("|".join(re.escape(w) for w in words))


def _glued_header(line: str, number: int) -> Row | None:
    """A header line whose cells ran together, cut at the label words it holds."""
    label = simplified(line.strip())
    if (
        not label
        or len(label) > _GLUED_HEADER_MAX
        or re.search(r"\s", label)
        or _HEADER_PUNCT_RE.search(label)
    ):
        return None
    cells, at = [], 0
    for match in _glued_header_re().finditer(label):
        if match.start() > at:
            cells.append(label[at : match.start()])
        cells.append(match.group())
        at = match.end()
    if at < len(label):
        cells.append(label[at:])
    if len(cells) < 3 or any(len(c) > _HEADER_CELL_MAX for c in cells):
        return None
    # Only a line with a whole unit-column label (牵头单位, 责任部门) and another column's
    # word (序号, 完成时限) is a header, never a title that holds 分工.
    suffixes = tuple(t for t, _ in resp.role_terms()["label_suffix"])
    if not any(c in resp.labels() and c.endswith(suffixes) for c in cells) or not any(
        c in _GLUED_HEADER_WORDS for c in cells
    ):
        return None
    row = [_Cell([c], number) for c in cells]
    return row if _header_kinds(row) is not None else None


def _leading_unit(text: str) -> int:
    """Length of the unit name opening ``text`` (0 if none): the longest name the lexicon
    knows, else the longest that reads as a unit, cut where a shorter one is followed by
    another unit's level (区发展改革委区财政局)."""
    stop = _GLUED_STOP_RE.search(text)
    span = text[: min(stop.start() if stop else len(text), _GLUED_UNIT_MAX)]
    ends = [n for n in range(2, len(span) + 1) if resp.looks_like_unit(span[:n])]
    known = [n for n in ends if resolve(span[:n]).agency_type is not None]
    if known:
        return known[-1]
    for n in ends:
        if n >= 3 and span[n : n + 1] in resp.UNIT_STARTS and any(e > n + 2 for e in ends):
            return n
    return ends[-1] if ends else 0


def _leading_unit_list(text: str) -> int:
    """Length of the list of units (joined by 、 or ，) opening ``text``."""
    at = 0
    while True:
        length = _leading_unit(text[at:])
        if not length:
            return at
        end = at + length
        if end < len(text) and text[end] in "、，," and _leading_unit(text[end + 1 :]):
            at = end + 1
            continue
        return end


def _glued_row(line: str, number: int, kinds: list[str]) -> Row | None:
    """A data row whose cells ran together, cut by what each column holds: outline text,
    a serial number, the measure (to the sentence end where units begin), unit lists, and
    the rest of the line in the last column."""
    text = line.strip()
    cells: dict[int, str] = {}
    at = 0
    measure_col = kinds.index("measure")
    if "serial" in kinds:
        serial = _GLUED_SERIAL_LEAD_RE.match(text)
        if serial is None:
            return None
        serial_col = kinds.index("serial")
        outline = [i for i in range(serial_col) if kinds[i] == "outline"]
        if serial.group(1):
            if not outline:
                return None
            cells[outline[0]] = serial.group(1)
        cells[serial_col] = serial.group(2)
        at = serial.end()
    unit_cols = [i for i, k in enumerate(kinds) if i > measure_col and k in resp.UNIT_ROLES]
    rest = text[at:]
    starts = [
        i + 1 for i, ch in enumerate(rest) if ch in _SENTENCE_ENDS and _leading_unit(rest[i + 1 :])
    ]
    if not starts or not unit_cols:
        return None
    cells[measure_col] = rest[: starts[0]]
    at = starts[0]
    for col in unit_cols:
        length = _leading_unit_list(rest[at:])
        if not length:
            break
        cells[col] = rest[at : at + length]
        at += length
    if at < len(rest) and unit_cols[-1] + 1 < len(kinds):
        cells[len(kinds) - 1] = rest[at:]
    return [_Cell([cells.get(i, "")], number) for i in range(len(kinds))]


def _glued_table(text: str) -> _Table | None:
    """A table copied from a web page with its cells run together: a header line of label
    words with nothing between them, then one line per row. Each row is cut by what each
    column holds; lines that do not read as a row are left out (and warned about)."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        header = _glued_header(line, index + 1)
        if header is None:
            continue
        kinds = _header_kinds(header) or []
        table = _Table(header, [])
        for number, row_line in enumerate(lines[index + 1 :], start=index + 2):
            if not row_line.strip():
                continue
            row = _glued_row(row_line, number, kinds)
            if row is None:
                if table.rows:
                    table.warnings.append((number, "line not read as a table row"))
                continue
            table.rows.append(row)
        if table.rows:
            table.flags.add("glued_cells")
            table.doubtful_rows = len(table.rows)
            return table
    return None


# -- tables whose rows ran together too (doc-sharing copies) ---------------------------------

# A doc-sharing site's copy of a document (会员分享 …) numbers its pages 1、 2、 … at the start
# of each page's text; a row, even a unit's name, runs on across the page break.
_PAGE_MARK_RE = re.compile(r"^([0-9]{1,3})、")
_STREAM_SERIAL_RE = re.compile(r"[0-9０-９]{1,4}(?![0-9０-９.．%％年月日个人家项万亿元])")
_STREAM_HEADER_START_RE = re.compile(r"序号|编号")
# A category row within a table's run-together rows (二、产业优化升级), before a row number.
_STREAM_CATEGORY_RE = re.compile(
    r"[一二三四五六七八九十]{1,3}[、.．][^0-9０-９。；;，,、]{1,30}?(?=[0-9０-９])"
)
# A page's folio within the run (—2—, - 3 -).
_STREAM_FOLIO_RE = re.compile(r"[—－-]\s*[0-9０-９]{1,3}\s*[—－-]")
_QUALIFIER_RE = re.compile(r"[（(][^（()）]{1,8}[)）]$")
# A zone written as a park (高新园, 科技园区) within a run of units.
_ZONE_RE = re.compile(r"^[\u4e00-\u9fff]{1,4}园区?$")
_PLACE_RUN_MAX = 6
_OWNER_ENDINGS = resp.PLACE_ENDINGS | {"委"}


def _measure_openings() -> tuple[str, ...]:
    """The verbs a measure opens with (推进, 完成 …): data/parse_terms.csv."""
    return parse_terms().get("measure_opening", ())


@lru_cache(maxsize=65536)
def _run_piece_rank(piece: str) -> int:
    """How surely ``piece`` is one unit's name within units written with nothing between
    them: 3 the lexicon has an alias for it, 2 a place's own name (五星街道), 1 it ends as a
    unit's name does (晋陵公司, 高新园), 0 not a unit. A measure's opening verb is never a
    unit (推进…公司); names the lexicon does not know must not hold two units."""
    if not 2 <= len(piece) <= _GLUED_UNIT_MAX or _GLUED_STOP_RE.search(
        _BRACKETED_RE.sub("", piece)
    ):
        return 0
    if resp.is_official(piece):
        return 0
    rank = 0
    found = resolve(piece)
    # The lexicon reads 市委宣传部 as 宣传部 of the place 市委, but 教育局经开区 as 经开区 of
    # a "place" 教育局: only a place, a committee or a government holding no other unit's
    # name is a prefix (else two units ran together: 县住建局县财政局).
    prefix = simplified(found.prefix)
    owner = prefix.removesuffix("人民政府").removesuffix("政府")
    if (
        found.agency_type is not None
        and found.alias is not None
        and (
            not prefix
            or (
                (prefix[-1] in _OWNER_ENDINGS or owner != prefix)
                and not any(c in resp.UNIT_ENDINGS for c in owner[:-1])
            )
        )
    ):
        if not _WILDCARD_RE.search(found.alias):
            return 3
        rank = 3  # an alias by pattern (….{2,40}领导小组) may span two units: see below
    openings = _measure_openings()
    if simplified(piece).startswith(openings):
        return 0
    base = _QUALIFIER_RE.sub("", piece)
    if rank != 3:
        rank = _unnamed_piece_rank(base, typed=found.agency_type is not None)
    if not rank:
        return 0
    for n in range(2, len(piece) - 1):
        rest = piece[n:]
        tail = rest[len("".join(_unit_run(rest))) :]
        if _run_piece_rank(piece[:n]) and (not tail or simplified(tail).startswith(openings)):
            return 0  # two units or more, or units and the next measure (轨道公司推进…)
    return rank


# A lexicon alias written as a pattern that matches any name before a word (.{2,40}领导小组).
_WILDCARD_RE = re.compile(r"\.[{*+]")
# A bracket within a unit's name (各县(市、区)政府), whose separators are the name's.
_BRACKETED_RE = re.compile(r"[（(][^（()）]{0,10}[)）]")


def _glued_stop(text: str) -> int:
    """Where units written with nothing between them must end: the first separator, figure
    or space outside a bracket within a name."""
    masked = _BRACKETED_RE.sub(lambda m: "（" * len(m.group()), text)
    stop = _GLUED_STOP_RE.search(masked)
    return stop.start() if stop else len(text)


_SEGMENT_MAX = 20
_MEMBERS_RE = re.compile(r"^各?成员(?:单位|部门)?$")


def _unit_list_run(text: str) -> list[tuple[str, bool]]:
    """The units opening ``text``, written with nothing between them or joined by 、 and
    ，: each as (unit, whether it ran on from the unit before with nothing between)."""
    units: list[tuple[str, bool]] = []
    at = 0
    while True:
        run = _unit_run(text[at:])
        segment = text[at : at + _glued_stop(text[at:])]
        rest = segment[len("".join(run)) :]
        if run and _MEMBERS_RE.match(simplified(rest)):
            run.append(rest)
        elif (
            (at or not run)
            and rest
            and len(segment) <= _SEGMENT_MAX
            and resp.looks_like_unit(segment)
            and not resp.is_official(segment)
        ):
            run = [segment]  # one name up to the separator (、嘉兴经济开发区、)
        if not run:
            return units
        for i, unit in enumerate(run):
            if i > 0 and _MEMBERS_RE.match(simplified(unit)):
                # 市三产发展领导小组各成员单位: the members of the body named before, one unit
                units[-1] = (units[-1][0] + unit, units[-1][1])
            else:
                units.append((unit, i > 0))
        at += len("".join(run))
        if at + 1 >= len(text) or text[at] not in "、，,":
            return units
        at += 1


def _unnamed_piece_rank(base: str, typed: bool) -> int:
    """2 for a place's own name (五星街道: a type but no alias), 1 for a name ending as a
    unit's does, else 0."""
    if typed and len(base) <= _PLACE_RUN_MAX:
        return 2
    if len(base) >= 3 and (
        simplified(base[-1]) in resp.UNIT_ENDINGS
        or _ZONE_RE.match(base)
        or (resp.looks_like_unit(base) and len(base) <= _PLACE_RUN_MAX)
    ):
        return 1
    return 0


def _unit_run(text: str) -> list[str]:
    """The units opening ``text`` when their names are written with nothing between them
    (教育局经开区高新园(邹区镇)各街道): the longest opening cut into units, in the fewest
    pieces, then with the most names the lexicon knows, then the most opening with a place
    (各街道 / 市国有公司, not 各街道市 / 国有公司)."""
    text = text[: _glued_stop(text)]
    # best[end]: the best cut of text[:end], as (pieces, -known, -placed, cut).
    best: dict[int, tuple[int, int, int, tuple[str, ...]]] = {0: (0, 0, 0, ())}
    for end in range(2, len(text) + 1):
        for start in range(max(0, end - _GLUED_UNIT_MAX), end - 1):
            if start not in best:
                continue
            rank = _run_piece_rank(text[start:end])
            if not rank:
                continue
            pieces, known, placed, cut = best[start]
            piece = text[start:end]
            candidate = (
                pieces + 1,
                known - (rank == 3),
                placed - (simplified(piece[0]) in resp.UNIT_STARTS),
                (*cut, piece),
            )
            if end not in best or candidate[:3] < best[end][:3]:
                best[end] = candidate
    return list(best[max(best)][3])


def _peel_person(text: str) -> int:
    """Length of a person's name (2–3 characters) written before the units of a row, chosen
    so that the units after it open with a name the lexicon knows; 0 if none does."""
    choices = []
    for length in (3, 2):
        name = text[:length]
        if resp.looks_like_unit(name) or simplified(name).startswith(_measure_openings()):
            continue
        run = _unit_run(text[length:])
        if not run:
            continue
        rank = _run_piece_rank(run[0])
        # The lead opens the units: a name the lexicon knows or one ending as a unit's does
        # (not 提升康 / 复辅具社区, a sentence read as a name and a place).
        if rank >= 2 or simplified(run[0][-1]) in resp.UNIT_ENDINGS:
            choices.append((rank, length))
    return max(choices)[1] if choices else 0


def _stream_text(lines: list[str], index: int, start: int) -> list[tuple[str, int]]:
    """The table's text from ``start`` in line ``index``, as (character, source line) pairs,
    with the pages after it joined and their page marks dropped."""
    chars = [(ch, index + 1) for ch in lines[index][start:].rstrip()]
    first = _PAGE_MARK_RE.match(lines[index].strip())
    page = int(first.group(1)) if first else None
    for number, line in enumerate(lines[index + 1 :], start=index + 2):
        stripped = line.strip()
        if not stripped:
            continue
        mark = _PAGE_MARK_RE.match(stripped)
        if page is None or mark is None or int(mark.group(1)) != page + 1:
            break
        page += 1
        chars.extend((ch, number) for ch in stripped[mark.end() :])
    folios = [m.span() for m in _STREAM_FOLIO_RE.finditer("".join(ch for ch, _ in chars))]
    for begin, end in reversed(folios):
        del chars[begin:end]
    return chars


def _stream_cell(chars: list[tuple[str, int]]) -> _Cell:
    """A cell from (character, line) pairs: one cell line per source line."""
    cell = _Cell([], chars[0][1] if chars else 0)
    for ch, number in chars:
        if cell.numbers and cell.numbers[-1] == number:
            cell.lines[-1] += ch
        else:
            cell.add(ch, number)
    return cell


def _units_cell(pieces: list[list[tuple[str, int]]]) -> _Cell:
    """A unit cell listing ``pieces`` (each as (character, line) pairs) with 、 between them,
    each piece read from the line it starts on."""
    cell = _Cell([], pieces[0][0][1] if pieces else 0)
    for index, piece in enumerate(pieces):
        text = "".join(ch for ch, _ in piece) + ("、" if index < len(pieces) - 1 else "")
        cell.add(text, piece[0][1])
    return cell


def _glued_stream_table(text: str) -> _Table | None:
    """A table whose cells and rows all ran together (a doc-sharing copy: 序号项目名称主要
    内容…牵头单位配合单位1增加教育资源供给…何海平教育局经开区…2促进就业…).

    The header is cut at its label words; then each row is read from what its columns hold:
    a serial number, the measure to a sentence end, an official's name where the header has
    an official's column, and the units, cut by :func:`_unit_run`. With nothing between the
    lead and the support cells, the first unit is taken to lead and the others to support.
    Text after a row's units with no serial number is another measure of the same row (a
    merged cell); one with no units of its own takes the units of the row above.
    """
    lines = text.split("\n")
    for index, line in enumerate(lines):
        label = simplified(line)
        for match in _STREAM_HEADER_START_RE.finditer(label):
            serial = _STREAM_SERIAL_RE.search(label, match.end())
            if serial is None:
                continue
            # a category row (一、主要发展指标) may stand between the header and row 1
            category = _STREAM_CATEGORY_RE.search(label, match.end())
            end = serial.start()
            if category is not None and category.end() == end:
                end = category.start()
            header = _glued_header(label[match.start() : end], index + 1)
            kinds = (header and _header_kinds(header)) or []
            if not kinds or "measure" not in kinds:
                continue
            table = _stream_rows(header, kinds, _stream_text(lines, index, serial.start()))
            if table is not None:
                return table
    return None


def _stream_rows(header: Row, kinds: list[str], chars: list[tuple[str, int]]) -> _Table | None:
    """The rows of a table whose rows ran together, from its text after the header."""
    text = "".join(ch for ch, _ in chars)
    unit_cols = [i for i, k in enumerate(kinds) if k in resp.UNIT_ROLES]
    official = kinds.index("official") if "official" in kinds else None
    serial_col = kinds.index("serial")
    measure_col = kinds.index("measure")
    if not unit_cols or not serial_col < measure_col < unit_cols[0]:
        return None
    # A column after the units (完成时限, 备注) holds the text up to the next row's number.
    trailing = len(kinds) - 1 if len(kinds) - 1 > unit_cols[-1] else None
    table = _Table(header, [])
    at, expected = 0, 1
    while at < len(text):
        cells: dict[int, _Cell] = {}
        category = _STREAM_CATEGORY_RE.match(text, at)
        if category is not None and table.rows:
            serial = _STREAM_SERIAL_RE.match(text, category.end())
            if serial is not None and to_int(serial.group()) == expected:
                at = category.end()  # a category row between two rows
        serial = _STREAM_SERIAL_RE.match(text, at)
        if serial is not None and not table.rows and at == 0:
            # a table continued from an earlier page (上接第三版) starts at its own row number
            expected = to_int(serial.group()) or expected
        if serial is not None and to_int(serial.group()) == expected:
            cells[serial_col] = _stream_cell(chars[at : serial.end()])
            expected += 1
            at = serial.end()
        elif serial is not None or not table.rows:
            if table.rows:
                table.warnings.append((chars[at][1], "text after the last row not read"))
            break
        sentence = _role_sentence_span(text, at, expected) if len(unit_cols) == 1 else None
        if sentence is not None:
            # the units written with their roles (A、B牵头;C配合;各县落实) up to the next row
            measure_end, units_start, has_units = sentence[0], sentence[0], False
            cells[unit_cols[0]] = _stream_cell(chars[sentence[0] : sentence[1]])
        else:
            measure_end, units_start, has_units = _row_units_start(
                text, at, official is not None, expected
            )
        cells[measure_col] = _stream_cell(chars[at:measure_end])
        if official is not None:
            cells[official] = _stream_cell(chars[measure_end:units_start])
        pieces, position = [], sentence[1] if sentence is not None else units_start
        run = _unit_list_run(text[units_start:]) if has_units else []
        for index, (unit, glued) in enumerate(run):
            position += index > 0 and not glued  # the 、 between two names
            pieces.append(chars[position : position + len(unit)])
            position += len(unit)
        if pieces and len(unit_cols) == 1:
            cells[unit_cols[0]] = _units_cell(pieces)
        elif pieces:
            cut = _lead_cell_end([glued for _, glued in run])
            cells[unit_cols[0]] = _units_cell(pieces[:cut])
            cells[unit_cols[1]] = _units_cell(pieces[cut:])
        if trailing is not None and pieces:
            next_row = _next_serial(text, position, expected)
            cells[trailing] = _stream_cell(chars[position:next_row])
            position = next_row
        line = chars[at][1]
        table.rows.append([cells.get(i, _Cell([], line)) for i in range(len(kinds))])
        at = position
    if len(table.rows) < 2:
        return None
    table.flags.add("glued_cells")
    table.doubtful_rows = len(table.rows)
    return table


def _lead_cell_end(glued: list[bool]) -> int:
    """How many of a row's units, run on from its measure, are the lead cell's: where the
    units are also joined by 、, the two cells meet where one name runs into the next
    (A、BC、D: A、B lead; ABC、D: A、B lead, the support list opening with its own 、-less
    name); with nothing between any names, the first leads."""
    ran_on = [i for i, g in enumerate(glued) if i and g]
    joined = [i for i, g in enumerate(glued) if i and not g]
    if not ran_on:
        return 1
    before = [i for i in ran_on if not joined or i < joined[0]]
    return before[-1] if before and joined else ran_on[0]


def _role_sentence_span(text: str, at: int, expected: int) -> tuple[int, int] | None:
    """Where a row's units written with role verbs (。A、B牵头;C配合) begin after a sentence
    end and where they end, at the next row's number; None if the row has no such units."""
    next_row = _next_serial(text, at, expected)
    for index in range(at, next_row):
        if text[index] in _SENTENCE_ENDS:
            units = strip_spaces(text[index + 1 : next_row]).rstrip("。；;，,")
            if "。" in units:
                continue  # more of the measure's sentences before its units
            found = resp.sentence_units(units)
            if found is not None and found.units:
                return index + 1, next_row
    return None


def _next_serial(text: str, at: int, expected: int) -> int:
    """Where row number ``expected`` starts at or after ``at`` (the end of text if nowhere)."""
    for match in _STREAM_SERIAL_RE.finditer(text, at):
        if to_int(match.group()) == expected:
            return match.start()
    return len(text)


def _row_units_start(text: str, at: int, person: bool, expected: int) -> tuple[int, int, bool]:
    """Where a row's measure ends and its units begin (after an official's name if the
    header has an official's column), at the first sentence end followed by units; and
    whether units follow. A measure with no units of its own runs to the next row's number
    (after a sentence end) or to the end of the table."""
    next_row = _next_serial(text, at, expected)
    for index in range(at, len(text)):
        if index == next_row and not person:
            glued = _units_closing_row(text, at, next_row)
            if glued is not None:
                return glued, glued, True
        if text[index] not in _SENTENCE_ENDS:
            continue
        start = index + 1
        serial = _STREAM_SERIAL_RE.match(text, start)
        if serial is not None and to_int(serial.group()) == expected:
            return start, start, False
        skip = _peel_person(text[start:]) if person else 0
        if person and not skip:
            continue
        if _unit_run(text[start + skip :]):
            return start, start + skip, True
    glued = _units_closing_row(text, at, next_row) if next_row == len(text) and not person else None
    if glued is not None:
        return glued, glued, True
    return len(text), len(text), False


_MEASURE_MIN = 4


def _units_closing_row(text: str, at: int, end: int) -> int | None:
    """Where units run on from a measure with no sentence end before them (…先进生产技术
    市科技局市发展改革委、市经贸委) begin: the first place from which the rest of the row is
    names of units alone; None if there is none."""
    for start in range(at + _MEASURE_MIN, end - 1):
        if simplified(text[start]) not in resp.UNIT_STARTS:
            continue
        run = _unit_list_run(text[start:end])
        if run and len("".join(u for u, _ in run)) + sum(not g for _, g in run[1:]) == end - start:
            return start
    return None


# -- tables flattened to a stream of cells -------------------------------------------------

_BARE_PIPE_RE = re.compile(r"^\s*[|｜]\s*$")
_PIPE_LED_RE = re.compile(r"^\s*[|｜]\s*(\S.*)$")
# One cell per line closed by a pipe (区住建局 |), rows ended by a line of pipes (||||).
_PIPE_CLOSED_RE = re.compile(r"^\s*[^|｜\s][^|｜]*[|｜]\s*$")
_PIPES_ONLY_RE = re.compile(r"^\s*[|｜]{2,}\s*$")
_HEADER_RUN_MAX = 10


def _cell_stream(text: str) -> tuple[list[_Cell], list[int], bool]:
    """A text read as a stream of cells, the indexes where a row is known to end, and
    whether blank cells were kept.

    Three flattenings of a table into paragraphs are read: a pipe before each cell but the
    first and a bare pipe ending the row (``A / | B / | C / |``); a bare pipe after every
    cell (``A / | / B / |``), where a pipe right after a pipe closes a blank cell; or one
    cell per line with nothing between. Lines of a cell wrapped in the original (市政 /
    府办 / 公厅) run on until the next pipe, where pipes are used.
    """
    lines = _empty_runs_as_blank_cells(text.split("\n"))
    boilerplate = parse_terms().get("boilerplate", ())
    pipe_closed_lines = sum(bool(_PIPE_CLOSED_RE.match(line)) for line in lines)
    # (a note or 抄送 line above the table's first pipe is the notice's, not its end)
    first_pipe = next(
        (
            n
            for n, line in enumerate(lines, start=1)
            if _BARE_PIPE_RE.match(line) or _PIPE_CLOSED_RE.match(line)
        ),
        len(lines),
    )
    # rows ended by a line of pipes (||||), or by a pipe alone (区住建局 | / 持续推进 | / |)
    closed = pipe_closed_lines >= 6 and (
        sum(bool(_PIPES_ONLY_RE.match(line)) for line in lines) >= 2
        or sum(bool(_BARE_PIPE_RE.match(line)) for line in lines) >= 2
    )
    first_closed = next(
        (n for n, line in enumerate(lines, start=1) if _PIPE_CLOSED_RE.match(line)), 0
    )
    pipe_led = (
        not closed
        and sum(bool(_PIPE_LED_RE.match(line)) and not _PIPES_ONLY_RE.match(line) for line in lines)
        >= 3
    )
    bare = not closed and sum(bool(_BARE_PIPE_RE.match(line)) for line in lines) >= 3
    # Each row wrapped in pipes (| / 工作任务 / | / 具体内容 / | / | / 推进… / |), as a web
    # page's table copies: a pipe alone stands before the header's first label, and two
    # pipes together end one row and open the next (a row merged from above has fewer cells).
    wrapped = (
        (bare or _pipes_only_lines(lines)) and not pipe_led and _pipe_before_first_label(lines)
    )
    # With a 序号 column, two pipes end a row only where the next row's number follows;
    # elsewhere they close a blank cell (| 市商务局 | | 2024年底前 |).
    numbered = wrapped and _header_label(_around_first_bare_pipe(lines)[1]) in _SERIAL_LABELS
    # Each cell closed by its own pipe (主要任务 |), rows not marked: a pipe alone is a
    # blank cell.
    pipe_ended = pipe_closed_lines >= 6
    spaced_blanks = not (closed or pipe_led or bare) and _spaced_blank_cells(lines)
    row_blanks = not (closed or pipe_led or bare or spaced_blanks) and _blank_cells_in_rows(lines)
    lone_empties = not (closed or pipe_led or bare or spaced_blanks or row_blanks) and (
        _lone_empty_cells(lines)
    )
    cells: list[_Cell] = []
    row_ends: list[int] = []
    open_cell: _Cell | None = None
    after_pipe, blanks = False, False
    for number, raw in enumerate(lines, start=1):
        line = raw.strip().strip("\u3000")
        if cells and number > first_pipe and _NOTE_AFTER_TABLE_RE.match(simplified(line)):
            break  # 抄送：, 注：… after the last row: no cell of the table
        if (
            line
            and len(line) <= _PAGE_LINE_MAX
            and _PAGE_NUMBER_RE.match(simplified(squash_spaces(line)))
        ):
            continue  # a page's number (— 3 —, 第1页 共3页) between or after the rows
        if not line:
            if not (pipe_led or bare):
                open_cell = None
            if (
                raw
                and (
                    (spaced_blanks and _between_empty_lines(lines, number - 1))
                    or (row_blanks and _between_cells(lines, number - 1))
                )
            ) or (lone_empties and _between_cells(lines, number - 1)):
                cells.append(_Cell([], number))
            continue
        if wrapped and (_BARE_PIPE_RE.match(line) or _PIPES_ONLY_RE.match(line)):
            double = after_pipe or _PIPES_ONLY_RE.match(line) is not None
            if double and cells and (not row_ends or row_ends[-1] != len(cells)):
                following = next((rest.strip() for rest in lines[number:] if rest.strip()), "")
                # (or where the header comes again, at a new page's top)
                if (
                    not numbered
                    or _opens_numbered_row(following)
                    or _header_label(following) in _SERIAL_LABELS
                ):
                    row_ends.append(len(cells))
                elif after_pipe:
                    cells.append(_Cell([], number))
            after_pipe = True
            open_cell = None
            continue
        if _BARE_PIPE_RE.match(line) or (closed and _PIPES_ONLY_RE.match(line)):
            if (bare and not pipe_led and after_pipe) or (
                pipe_ended and not (closed or pipe_led or bare)
            ):
                cells.append(_Cell([], number))
                blanks = blanks or bare
            elif pipe_led and pipe_ended and not closed and open_cell is None:
                # rows opened by a pipe with each cell closed by one (| 1 | / 开展… |):
                # a pipe alone closes a blank cell, not the row
                cells.append(_Cell([], number))
                continue
            after_pipe = True
            open_cell = None
            if (pipe_led or closed) and cells and (not row_ends or row_ends[-1] != len(cells)):
                row_ends.append(len(cells))
            continue
        if closed:
            # a cell closed by its pipe; a line without one runs on into the next (before
            # the table, it is a line of its own: a title)
            text_part = line.rstrip("|｜").strip()
            # the table's first label closed after lines of the notice above it (…任务清单 /
            # 主要任务 |) is a cell of its own
            label_after_text = (
                open_cell is not None
                and len(open_cell.lines) >= 2
                and _PIPE_CLOSED_RE.match(line) is not None
                and _is_label_cell(text_part)
            )
            if open_cell is not None and open_cell.line >= first_closed and not label_after_text:
                open_cell.lines.append(text_part)
            else:
                open_cell = _Cell([text_part], number)
                cells.append(open_cell)
            if _PIPE_CLOSED_RE.match(line):
                open_cell = None
            continue
        after_pipe = False
        led = _PIPE_LED_RE.match(line) if pipe_led else None
        if led:
            line = led.group(1)
            open_cell = None
        # (rows opened by a pipe, | 1 |, their cells each closed by one, wrapped or not:
        # 落实…全 / 年禁牧 |)
        closes = pipe_led and pipe_ended and line.endswith(("|", "｜"))
        line = line.rstrip("|｜").strip()
        if simplified(line).startswith(boilerplate):
            continue  # web page residue (分享到, 打印本页) is no cell
        if open_cell is not None and (pipe_led or bare):
            open_cell.lines.append(line)
            if closes:
                open_cell = None
            continue
        if not (pipe_led or bare):
            # A cell never ends in a list's separator: its list goes on in the next paragraph
            # (市财政局、 / 各区政府), unless that is a row's number.
            if (
                cells
                and cells[-1].lines
                and cells[-1].lines[-1].endswith(("、", "，", ","))
                and not _SERIAL_RE.match(line)
            ) or (
                cells
                and (
                    _finishes_unit_name(cells[-1], line)
                    or (number >= 2 and lines[number - 2].strip() and _wraps_into(cells[-1], line))
                )
            ):
                cells[-1] = _joined_cells(cells[-1], _Cell([line], number))
                continue
            cells.extend(
                _Cell([piece], number) for piece in _spaced_table_line(line, lines, number)
            )
            open_cell = None
            continue
        cell = _Cell([line], number)
        cells.append(cell)
        open_cell = None if closes else cell
    return cells, row_ends, blanks


def _pipes_only_lines(lines: list[str]) -> bool:
    """Whether rows are set apart by lines of pipes alone (||) between pipe-led cells."""
    return sum(bool(_PIPES_ONLY_RE.match(line)) for line in lines) >= 2 and (
        sum(bool(_BARE_PIPE_RE.match(line)) for line in lines) >= 2
    )


def _around_first_bare_pipe(lines: list[str]) -> tuple[str, str]:
    """The text lines right before and right after the first pipe alone on its line."""
    previous = ""
    for index, line in enumerate(lines):
        if _BARE_PIPE_RE.match(line):
            after = next((rest.strip() for rest in lines[index + 1 :] if rest.strip()), "")
            return previous, after
        if line.strip():
            previous = line.strip()
    return "", ""


def _opens_numbered_row(line: str) -> bool:
    """Whether a cell opens a row of a numbered table: its number, or a section's heading."""
    label = squash_spaces(line)
    return _is_serial(label) or bool(LEVEL1_RE.match(label) or LEVEL2_RE.match(label))


def _is_serial(label: str) -> bool:
    """A row's number: 1, 1., 一、, （一）."""
    return bool(_SERIAL_RE.match(label) or _BRACKETED_SERIAL_RE.match(label))


def _pipe_before_first_label(lines: list[str]) -> bool:
    """Whether the first pipe alone on its line opens the table's first label (| / 工作任务)
    rather than closing it (序号 / | / 工作任务 / |)."""
    previous, after = _around_first_bare_pipe(lines)
    return _is_label_cell(after) and not (previous and _is_label_cell(previous))


_NAME_END_MAX = 3
# What a wrapped unit name's first line may end in, its next line going on with the name:
# a level alone (县发展和改革局、县 / 统计局), or a name's head with no unit's ending yet
# (市住房和城乡 / 建设局; 市文化广电 / 旅游局).
_LEVEL_ALONE_RE = re.compile(r"^(?:[省市县区州旗盟乡镇]|各)$")
_NAME_HEAD_RE = re.compile(r"^(?:[省市县区州旗盟]|各)[\u4e00-\u9fff]{1,9}$")
_UNIT_ENDING_RE = re.compile(
    r"(?:[局委办厅院署队站所处科室会府部司行社馆校区县市镇村组团]|(?<!城)乡|中心|街道)$"
)
_LEVEL_START_RE = re.compile(r"^(?:[省市县区州旗盟]|各|全[省市县区])")
_GOVERNMENT_TAIL_RE = re.compile(r"^(?:人民政府|政府|党委|管委会|街道办事处)")


def _wraps_into(cell: _Cell, line: str) -> bool:
    """Whether ``line``, right under the cell's last line with no empty line between, goes
    on with a unit name the cell's narrow column wrapped (各县（市、 / 区）人民政 / 府;
    市人力资源 / 和社会保障 / 局; 市财政局、各区 / 人民政府): the cell is a list of units
    whose last is cut, and the line begins with the rest of it."""
    before = squash_spaces(cell.text)
    line = squash_spaces(line)
    if (
        not before
        or not line
        or _SERIAL_RE.match(line)
        or _page_break_line(line)
        or before.endswith(("。", "；", ";", "！", "？", "）", ")"))
        or len(before) > _WRAPPED_CELL_MAX
    ):
        return False
    if bracket_balance(before) > 0 or line.startswith(("）", ")", "、")):
        return True  # a bracket left open (各县（市、; 责任单位（排在第一), or closed below
    if _is_label_cell(line):
        return False
    last = re.split(r"[、，,；;]", before)[-1]
    first = re.split(r"[、，,；;]", line)[0]
    if not last or not first:
        return False
    if _LEVEL_ALONE_RE.match(last):
        return True  # 县发展和改革局、县 / 统计局
    if _GOVERNMENT_TAIL_RE.match(first) and resp.looks_like_unit(last):
        return True  # 各区 / 人民政府
    return (
        _NAME_HEAD_RE.match(last) is not None
        and not _UNIT_ENDING_RE.search(last)
        and not _LEVEL_START_RE.match(first)
        and (
            first.startswith(("和", "与"))  # 市人力资源 / 和社会保障 / 局
            or (_UNIT_ENDING_RE.search(first) is not None and resp.looks_like_unit(last + first))
        )
    )


_WRAPPED_CELL_MAX = 40  # a units cell's lines so far: a task's sentence is no name's head


def _finishes_unit_name(cell: _Cell, line: str) -> bool:
    """A short line that finishes the unit name the cell before it began, the name wrapped
    in its cell (县人力资源和社会保 / 障局): neither is a unit alone, joined they are."""
    before = squash_spaces(cell.text)
    return (
        0 < len(line) <= _NAME_END_MAX
        and len(before) >= 4
        and not before.endswith(("。", "；", ";", "！", "？"))  # a sentence ends no name
        and not _unit_like(before)
        and not _SERIAL_RE.match(line)
        and _unit_like(before + line)
        and resp.looks_like_unit(before + line)
        # two characters are no unit's name (障局); three may be one (教育局)
        and not (len(line) == _NAME_END_MAX and _unit_like(line))
    )


#: Fewest lines of spaces alone, each between empty lines, for them to be read as blank cells.
_SPACED_BLANK_CELLS_MIN = 1


def _between_empty_lines(lines: list[str], index: int) -> bool:
    return 0 < index < len(lines) - 1 and not lines[index - 1] and not lines[index + 1]


# Of the runs of empty lines between a table's cells, the share that must be one line long
# for a longer run to be read as blank cells.
_ONE_EMPTY_LINE_SHARE = 0.8
# (and enough of them to be a table: a header and two rows of four cells)
_EMPTY_RUNS_MIN = 12


def _empty_runs_as_blank_cells(lines: list[str]) -> list[str]:
    """A copy that puts one empty line between cells (docx2txt) writes an empty cell as two
    more: each such pair is a blank cell, written here as a line of one space (see
    :func:`_spaced_blank_cells`), every line keeping its number."""
    runs: list[tuple[int, int]] = []  # (first empty line, length) between non-empty lines
    start = None
    for index, line in enumerate(lines):
        if not line:
            start = index if start is None else start
            continue
        if start is not None and start > 0:
            runs.append((start, index - start))
        start = None
    # (the header's rows keep theirs: a header over two rows leaves its spanned cells empty)
    first_row = next((i for i, line in enumerate(lines) if line.strip() in _FIRST_ROW_SERIALS), 0)
    longer = [(at, n) for at, n in runs if n >= 3 and n % 2 and at > first_row]
    if (
        not longer
        or len(runs) < _EMPTY_RUNS_MIN
        or sum(n == 1 for _, n in runs) < _ONE_EMPTY_LINE_SHARE * len(runs)
    ):
        return lines
    lines = list(lines)
    for at, n in longer:
        for blank in range(at + 1, at + n - 1, 2):
            lines[blank] = " "
    return lines


def _spaced_blank_cells(lines: list[str]) -> bool:
    """Whether a copy that puts an empty line between cells writes a blank cell as a line
    of spaces (市发改委 / ␣ / 上半年…): the space is what is left of the cell."""
    spaces = [i for i, line in enumerate(lines) if line and not line.strip()]
    return len(spaces) >= _SPACED_BLANK_CELLS_MIN and all(
        _between_empty_lines(lines, i) for i in spaces
    )


def _between_cells(lines: list[str], index: int) -> bool:
    return (
        0 < index < len(lines) - 1
        and bool(lines[index - 1].strip())
        and bool(lines[index + 1].strip())
    )


# Of a table's non-empty lines, the most that may be lines of spaces read as blank cells.
_ROW_BLANKS_SHARE = 0.2


def _lone_empty_cells(lines: list[str]) -> bool:
    """Whether a copy with one cell a line and nothing between its rows writes a blank cell
    as an empty line (市发改委 / (empty) / 2024年12月): a few single empty lines in the rows,
    fewer than one every two rows, so that none can be what ends a row."""
    first_row = next(
        (i for i, line in enumerate(lines) if line.strip() in _FIRST_ROW_SERIALS), None
    )
    if first_row is None:
        return False
    last = max(i for i, line in enumerate(lines) if line.strip())
    empties = [i for i in range(first_row + 1, last) if not lines[i].strip()]
    rows = sum(bool(_SERIAL_RE.match(line.strip())) for line in lines[first_row:])
    return (
        bool(empties)
        and 2 * len(empties) < rows
        and all(_between_cells(lines, i) and not lines[i] for i in empties)
    )


def _blank_cells_in_rows(lines: list[str]) -> bool:
    """Whether a copy with one cell a line and an empty line between rows writes a blank
    cell as a line of spaces inside its row (区卫健委 / ␣ / 2023年12月底): a few such
    lines, each between two cells."""
    spaces = [i for i, line in enumerate(lines) if line and not line.strip()]
    filled = sum(bool(line.strip()) for line in lines)
    rows = sum(not line for line in lines)
    return (
        bool(spaces)
        and rows >= 2
        and len(spaces) <= _ROW_BLANKS_SHARE * filled
        and all(_between_cells(lines, i) for i in spaces)
    )


# A whole table run into one line, its cells set apart by runs of spaces (序号   工作任务
# 责任单位   1   加快…   市市场监管局   2   …), as a web copy that lost its breaks leaves it.
_SPACED_TABLE_CELLS_MIN = 6


def _next_line(lines: list[str], after: int) -> str:
    """The first non-empty line from index ``after`` on, stripped ("" if none)."""
    return next((lines[i].strip() for i in range(after, len(lines)) if lines[i].strip()), "")


def _spaced_table_line(line: str, lines: list[str] = (), number: int = 0) -> list[str]:
    """A line's cells (as an aligned table's: set apart by two spaces or more) where it holds
    a table header among them, else the line as one cell."""
    pieces = _CELL_RE.findall(line)
    if len(pieces) < _SPACED_TABLE_CELLS_MIN:
        # a header alone on its line, its labels set apart by spaces (序号 涉及部门 职责分工),
        # over cells one a line: the line after it holds one cell, no spaces (a table whose
        # rows are single-spaced too is read by its spaces, not here)
        words = line.split(" ")
        if (
            len(words) >= 3
            and " " not in (following := _next_line(lines, number))
            and "\u3000" not in following
            and all(_is_label_cell(w) for w in words)
            and _header_kinds([_Cell([w], 0) for w in words])
        ):
            return words
        if _whole_table_single_spaced(words):
            return words
        return [line]
    if _header_run([_Cell([piece], 0) for piece in pieces]) is None:
        return [line]
    return pieces


def _whole_table_single_spaced(words: list[str]) -> bool:
    """Whether a line is a whole table run together with single spaces, as a web copy that
    lost its breaks leaves it: a header of labels (序号 工作任务 牵头单位 参与单位), then
    its first row's number, 1."""
    labels = 0
    while labels < len(words) and _is_label_cell(words[labels]):
        labels += 1
    return (
        labels >= _HEADER_WORDS_MIN
        and labels < len(words)
        and words[labels] in _FIRST_ROW_SERIALS
        and _header_kinds([_Cell([w], 0) for w in words[:labels]]) is not None
    )


_HEADER_WORDS_MIN = 3


def _is_label_cell(text: str) -> bool:
    """A short cell that names a column (主要任务, 责任单位, 完成时限)."""
    label = _header_label(_without_bracket_note(text))
    return (
        0 < len(label) <= _HEADER_CELL_MAX
        and not _HEADER_PUNCT_RE.search(label)
        and _names_a_column(label)
    )


def _names_a_column(label: str) -> bool:
    """Whether a header label holds a column's word (a role, 序号, 时限, 内容 …)."""
    return (
        _role_header(label) is not None
        or _overseer_header(label)
        or any(p.search(label) for _, p in _HEADER_KINDS)
    )


_BRACKET_NOTE_END_RE = re.compile(r"(?<=\S)[（(][^（()）]{2,30}[)）]$")


def _without_bracket_note(text: str) -> str:
    """A header cell without the note closing it (责任单位（排在第一位的为牵头单位）)."""
    text = squash_spaces(text)
    return _BRACKET_NOTE_END_RE.sub("", text) if text.endswith(("）", ")")) else text


def _header_shaped(text: str) -> bool:
    """A cell short enough and bare enough to be a column's label, a note closing it aside.

    A unit column's label may list its kinds of unit (责任科室、单位; 牵头、配合单位).
    """
    label = _without_bracket_note(text)
    if len(label) > _HEADER_CELL_MAX:
        return False
    if not _HEADER_PUNCT_RE.search(label):
        return True
    return not _HEADER_PUNCT_RE.search(label.replace("、", "")) and _role_header(
        _header_label(label)
    ) in ("lead", "support", "single")


def _header_run(cells: list[_Cell]) -> int | None:
    """Index of the first run of short cells that reads as a table header."""
    for start in range(len(cells)):
        end = start
        while (
            end < len(cells)
            and end - start < _HEADER_RUN_MAX
            and _header_shaped(cells[end].text)
            and not _SERIAL_RE.match(squash_spaces(cells[end].text))
        ):
            end += 1
        if end - start >= 3 and _header_kinds(cells[start:end]) is not None:
            # A title line just above the header (重点任务分工表) is not a column.
            while (
                end - start > 3
                and _TABLE_TITLE_RE.search(squash_spaces(cells[start].text))
                and _header_kinds(cells[start + 1 : end]) is not None
            ):
                start += 1
            serial = next(
                (
                    i
                    for i in range(start, end)
                    if _HEADER_SERIAL_RE.match(simplified(squash_spaces(cells[i].text)))
                ),
                None,
            )
            if serial is None or end - serial < 3:
                return start
            # ... but a category column may stand before 序号 (考核项目 | 序号 | 考核内容).
            while serial > start and _category_label(cells[serial - 1].text):
                serial -= 1
            return serial
    return None


_CATEGORY_LABEL_RE = re.compile(r"^[\u4e00-\u9fff]{0,4}(?:类别|分类|大类|领域|板块|方面|项目)$")


def _category_cell(cell: _Cell) -> bool:
    """A short cell that is neither a unit, a number nor a sentence: a category's name."""
    text = squash_spaces(cell.text)
    return (
        0 < len(text) <= _HEADER_CELL_MAX
        and not _HEADER_PUNCT_RE.search(text)
        and not _NUMBER_RE.match(text)
        and not _TIMELINE_RE.search(text)
        and not _unit_like(text)
    )


def _category_label(text: str) -> bool:
    """A short header label naming a category column (考核项目, 领域), never a title."""
    return bool(_CATEGORY_LABEL_RE.match(_header_label(text)))


_HEADER_SERIAL_RE = re.compile(r"^(序号|编号|序)$")
# The first row's serial, where a table's body begins.
_FIRST_ROW_SERIALS = ("1", "1.", "1、")
# A serial column's label, as a row-closing pipe's next line shows it (a header repeated).
_SERIAL_LABELS = ("序号", "编号")
# A table's title (…任务分工表, …清单), written as a paragraph of its own above the header.
_TABLE_TITLE_RE = re.compile(r"(?:表|清单|一览|台账)$")


_BARE_ROLE_WORDS = ("牵头", "配合", "协同", "协办", "主办")
_LABEL_NOUNS = ("单位", "部门", "责任单位", "责任部门")
_UNIT_OF_MEASURE_RE = re.compile(r"^[（(][^（()）]{1,6}[)）]$")


def _join_wrapped_labels(header: list[_Cell]) -> list[_Cell]:
    """Header labels wrapped over two paragraphs (市政府 / 分管领导) joined into one."""
    joined: list[_Cell] = []
    for cell in header:
        if joined:
            previous = simplified(squash_spaces(joined[-1].text))
            label = previous + simplified(squash_spaces(cell.text))
            current = simplified(squash_spaces(cell.text))
            # A label that names no column (市政府) and, joined, names one: a wrapped label;
            # so is a role word left without its noun (市级牵头 / 责任单位) and a unit of
            # measure written under its label (完成目标 / (%)).
            if (
                (
                    _role_header(previous) is None
                    and not any(p.search(previous) for _, p in _HEADER_KINDS)
                    # a label closed by its unit of measure is whole (总投资（万元）)
                    and not previous.endswith(("）", ")"))
                    and _role_header(label) is not None
                )
                or (previous.endswith(_BARE_ROLE_WORDS) and current.startswith(_LABEL_NOUNS))
                or _UNIT_OF_MEASURE_RE.match(current)
            ):
                joined[-1] = _Cell([*joined[-1].lines, *cell.lines], joined[-1].line)
                continue
        joined.append(cell)
    return joined


def _numbered_starts(body: list[_Cell]) -> list[int]:
    """Indexes of the cells that open a numbered measure (1、… 2、…).

    Numbers run in sequence; a 1 again starts a new run (a table numbering its measures
    afresh under each area) only where the cell before it ends a row: a unit cell, or a
    short category cell just after one.
    """
    starts, expected = [], 1
    for index, cell in enumerate(body):
        match = LEVEL3_RE.match(squash_spaces(cell.text))
        if not match:
            continue
        number = to_int(match.group(1))
        restart = (
            number == 1
            and starts
            and (
                _unit_cell(body[index - 1])
                or (
                    index >= 2
                    and len(squash_spaces(body[index - 1].text)) <= _HEADER_CELL_MAX
                    and _unit_cell(body[index - 2])
                )
            )
        )
        if number == expected or restart:
            starts.append(index)
            expected = number + 1
    return starts


def _unit_cell(cell: _Cell) -> bool:
    """A cell of unit names (a cell ending in a full stop is a sentence, whatever it names)."""
    text = squash_spaces(cell.text)
    return not text.endswith("。") and _unit_like(text)


def _sentence_cell(cell: _Cell) -> bool:
    """A cell that reads as a measure's text rather than a name: long, or a sentence."""
    text = squash_spaces(cell.text)
    return len(text) > _HEADER_CELL_MAX or text.endswith(("。", "；", ";"))


def _unit_runs(segment: list[_Cell]) -> list[tuple[list[_Cell], list[_Cell]]]:
    """A numbered row's cells after its measure cell as (text cells, unit cells) parts.

    A sentence after a run of units (a bullet, ——…) opens a sub-row with units of its own;
    a short cell between units (人口计生, a unit the lexicon does not know) stays in the
    run. The last part may have no units.
    """
    parts: list[tuple[list[_Cell], list[_Cell]]] = [([], [])]
    for cell in segment:
        text_cells, units = parts[-1]
        if _unit_cell(cell) or (units and not _sentence_cell(cell)):
            units.append(cell)
        elif units:
            parts.append(([cell], []))
        else:
            text_cells.append(cell)
    for text_cells, units in parts:
        # a short cell left at a run's end (a deadline, 2025年) is no unit of it
        while units and not _unit_cell(units[-1]):
            text_cells.append(units.pop())
    return parts


def _numbered_rows(header: Row, roles: list[str], body: list[_Cell]) -> _Table | None:
    """Rows of a cell stream with no row marks, whose measure cells are numbered.

    A row starts at each numbered measure cell (1、… 2、…); a short cell just before it
    that is not a unit is its category (the outline column, written once per category).
    The run of unit cells at the row's end fills its unit column (units stacked one per
    paragraph in the original cell); the cells between fill the other columns in order,
    a cell wrapped over several paragraphs joining the last of them. A sentence after the
    units (a bullet target, ——…) followed by units of its own is a sub-row.

    With a lead column and a support column last, the run's first paragraph is read as
    the lead cell and the rest as the support cell (lead cells mostly name one unit, and
    the cells' borders are lost): such rows are counted doubtful.
    """
    n = len(roles)
    measure_col = roles.index("measure")
    outline_col = roles.index("outline") if "outline" in roles[:measure_col] else None
    unit_cols = [i for i, r in enumerate(roles) if r in resp.UNIT_ROLES]
    split_lead = [roles[i] for i in unit_cols] == ["lead", "support"]
    if unit_cols != list(range(n - len(unit_cols), n)) or not (len(unit_cols) == 1 or split_lead):
        return None
    starts = _numbered_starts(body)
    if len(starts) < 2:
        return None
    segments = [body[a:b] for a, b in zip(starts, [*starts[1:], len(body)], strict=True)]
    lead_in = body[: starts[0]]
    categories: list[_Cell | None] = [lead_in[-1] if lead_in else None]
    for segment in segments[:-1]:
        last = segment[-1]
        is_category = (
            outline_col is not None
            and len(segment) > 2
            and len(squash_spaces(last.text)) <= _HEADER_CELL_MAX
            and not _unit_like(last.text)
        )
        categories.append(segment.pop() if is_category else None)
    table = _Table(header, [])
    first_unit_col = unit_cols[0]
    middle = list(range(measure_col + 1, first_unit_col)) or [measure_col]
    for segment, category in zip(segments, categories, strict=True):
        for part, (text_cells, stacked) in enumerate(_unit_runs(segment[1:])):
            measure = segment[0] if part == 0 else text_cells.pop(0)
            out = [_Cell([], measure.line) for _ in range(n)]
            out[measure_col] = measure
            if outline_col is not None and category is not None:
                out[outline_col] = category
            if split_lead and len(stacked) > 1:
                out[first_unit_col] = _joined_units(stacked[:1])
                out[-1] = _joined_units(stacked[1:])
                table.doubtful_rows += 1
                table.flags.add("table_cells_ambiguous")
                table.warnings.append(
                    (
                        stacked[0].line,
                        "units stacked one per line under a lead and a support column: the "
                        "first line read as the lead cell, check",
                    )
                )
            elif stacked:
                out[first_unit_col] = _joined_units(stacked)
            for position, cell in enumerate(text_cells):
                column = middle[min(position, len(middle) - 1)]
                out[column] = _Cell([*out[column].lines, *cell.lines], out[column].line)
            table.rows.append(out)
    return table if len(table.rows) >= 2 else None


def _stacked_rows(row: Row, roles: list[str]) -> list[Row]:
    """A numbered row of a cell stream with more cells than columns, read by content.

    Units stacked one per paragraph in their cell (县水务局 / 县住建局) join into one unit
    cell; a measure wrapped over paragraphs joins into one measure cell; a sentence after
    the row's units or deadline starts a sub-row of the same number (its merged cells
    blank, to be carried down). Only for tables with one unit column: with two, which
    stacked unit belongs to which column cannot be read. An assessor's column beside it
    (评分部门) takes the run's cell at its end.
    """
    units_at = [i for i, r in enumerate(roles) if r in resp.UNIT_ROLES]
    measure_col = roles.index("measure")
    # a lead and a support column side by side: the first stacked unit is the lead cell,
    # the others the support cell, as lead cells mostly name one unit
    lead_then_support = [roles[i] for i in units_at] == ["lead", "support"] and (
        units_at[1] == units_at[0] + 1
    )
    if (
        not (len(units_at) == 1 or lead_then_support)
        or units_at[0] < measure_col
        or len(row) <= measure_col
    ):
        return [row]
    rows: list[Row] = []
    current: Row = list(row[: measure_col + 1])
    stacked: list[_Cell] = []
    after_measure = False
    # A progress column (进展情况) whose cell holds one entry per unit (区投促局：已开始…),
    # written before or after the units: the entries are that one cell.
    reports = "remark" in roles[measure_col + 1 :]
    report: _Cell | None = None
    units_cell: _Cell | None = None

    # An overseer's column (评分部门) beside the unit column holds the cell at that end of
    # the run of unit cells: the units it assesses with are not responsible.
    overseers = [i for i, r in enumerate(roles) if r == "overseer"]
    overseer = len(overseers) == 1
    overseer_after = overseer and overseers[0] > units_at[0]

    def flush_units() -> None:
        nonlocal units_cell
        if stacked:
            overseer_cell = None
            if overseer and len(stacked) >= 2:
                overseer_cell = stacked.pop() if overseer_after else stacked.pop(0)
            if lead_then_support and len(stacked) >= 2:
                if len(stacked) > 2:
                    stacked[0].doubtful = True  # two units fill the two cells for certain
                current.append(stacked[0])
                del stacked[0]
            units_cell = _joined_units(stacked)
            if overseer_cell is not None and not overseer_after:
                current.append(overseer_cell)
            current.append(units_cell)
            if overseer_cell is not None and overseer_after:
                current.append(overseer_cell)
            stacked.clear()

    for cell in row[measure_col + 1 :]:
        text = squash_spaces(cell.text)
        if _unit_cell(cell):
            stacked.append(cell)
            after_measure = True
            continue
        flush_units()
        if reports and _reported_by_unit(text):
            if report is not None:
                report.lines.extend(cell.lines)
            else:
                report = _Cell(list(cell.lines), cell.line)
                at = current.index(units_cell) if units_cell in current else len(current)
                current.insert(at, report)
            continue
        timeline = len(text) <= _HEADER_CELL_MAX and bool(_TIMELINE_RE.search(text))
        sentence = not timeline and (
            text.endswith(("。", "；", ";")) or len(text) > _HEADER_CELL_MAX
        )
        if sentence and not after_measure:
            current[-1] = _Cell([*current[-1].lines, *cell.lines], current[-1].line)
            continue
        if sentence:
            rows.append(current)
            current, after_measure = [cell], False
            continue
        current.append(cell)
        after_measure = True
    flush_units()
    rows.append(current)
    return rows


def _joined_units(cells: list[_Cell]) -> _Cell:
    """Unit cells stacked one per paragraph (县水务局、 / 县住建局) as one unit cell, each
    name keeping its own source line."""
    pieces = [(squash_spaces(c.text).rstrip("、，,"), c) for c in cells]
    lines, numbers = [], []
    for index, (name, cell) in enumerate(pieces):
        # a cell's own lines keep theirs (区投促局、 / 大观园街道办事处 in one cell)
        parts = [strip_spaces(part) for part in cell.lines] if len(cell.lines) > 1 else [name]
        parts[-1] = parts[-1].rstrip("、，,") + ("、" if index < len(pieces) - 1 else "")
        lines.extend(parts)
        numbers.extend(cell.line_of(i) for i in range(len(parts)))
    return _Cell(lines, cells[0].line, numbers)


def _row_parts(row: Row, section: bool, roles: list[str], delimited: bool) -> list[Row]:
    """The row(s) a numbered group of cells holds: see :func:`_progress_row` and
    :func:`_stacked_rows`. In a stream whose cells are delimited (pipes, blank cells kept),
    a row no wider than the header holds no stacked units."""
    if section:
        return [row]
    progress = _progress_row(row, roles)
    if progress is not None:
        return [progress]
    if len(row) <= len(roles) and (delimited or not _stacked(row, roles)):
        return [row]
    return _stacked_rows(row, roles)


def _stacked(row: Row, roles: list[str]) -> bool:
    """Whether a row holds more unit cells than the table has columns for units (units stacked
    one per paragraph in one cell, the row's blank cells lost)."""
    unit_columns = sum(r in resp.UNIT_ROLES or r == "overseer" for r in roles)
    return sum(_unit_cell(c) for c in row[roles.index("measure") :]) > unit_columns


# What a progress cell opens with (基本完成。已完成… 截至6月底…), never a measure's text.
_PROGRESS_RE = re.compile(
    r"^(?:基本完成|已完成|已经|提前完成|超额完成|未完成|正在|正按|截至|截止|目前|已)"
)


def _progress_row(row: Row, roles: list[str]) -> Row | None:
    """A numbered row of a progress table whose unit column is followed by its progress
    column (… 具体任务 | 牵头单位 | 落实情况), read by content: paragraphs of the task, then
    the units (none where the cell is merged with the row above), then the progress,
    however many paragraphs each runs to. ``None`` for tables of another shape."""
    n = len(roles)
    measure_col = roles.index("measure")
    if n < measure_col + 3 or roles[measure_col + 2 :] != ["remark"]:
        return None
    if roles[measure_col + 1] not in ("lead", "single") or len(row) <= measure_col:
        return None
    out = [_Cell([], row[0].line) for _ in range(n)]
    out[: measure_col + 1] = row[: measure_col + 1]
    units: list[_Cell] = []
    progress: list[str] = []
    state = "measure"
    for cell in row[measure_col + 1 :]:
        text = squash_spaces(cell.text)
        if state != "progress" and _unit_cell(cell):
            units.append(cell)
            state = "units"
        elif state == "measure" and not _PROGRESS_RE.match(text):
            out[measure_col] = _Cell([*out[measure_col].lines, *cell.lines], out[measure_col].line)
        else:
            progress.extend(cell.lines)
            state = "progress"
    if units:
        out[measure_col + 1] = _joined_units(units)
    if progress:
        out[-1] = _Cell(progress, row[measure_col].line)
    return out


def _cell_stream_table(text: str) -> _Table | None:
    """A table flattened one cell per paragraph (see :func:`_cell_stream`).

    Rows end where the flattening marks it; otherwise, with a 序号 column, a row starts at
    each serial number that follows the last one (1, 2, 3 … or 1 again after a section
    row), and a heading between rows (（一）…) is a section row; without either, every
    header-width run of cells is a row. A row with fewer cells than columns lost its
    blank (merged) cells and is placed by content, as for aligned tables.
    """
    cells, row_ends, blanks = _cell_stream(text)
    start = _header_run(cells)
    if start is None:
        return None
    end = start
    while end < len(cells) and _header_kinds(cells[start : end + 1]) is None:
        end += 1
    marked = [e - 1 for e in row_ends if e - 1 >= end]
    # The header is the first marked row, or the longest run of label cells that reads as one.
    while (
        not marked
        and end + 1 < len(cells)
        and (blanks or not cells[end + 1].blank)
        and (
            _header_kinds(cells[start : end + 2]) is not None
            and len(squash_spaces(cells[end + 1].text)) <= _HEADER_CELL_MAX
            and not _SERIAL_RE.match(squash_spaces(cells[end + 1].text))
            and not _HEADER_PUNCT_RE.search(cells[end + 1].text)
        )
        # a category cell just before the first row's number (分类 | 序号 | … then 发展目标 | 1)
        and not _first_row_category(cells, start, end)
    ):
        end += 1
    if marked and _header_kinds(cells[start : marked[0] + 1]) is not None:
        end = marked[0]
        # A header with no mark of its own runs on into the first row, whose blank last
        # cell is the mark (序号 | … | 备注 | 1 | 湘北大道 | … | 停车办 | ⏎ |): it ends
        # before the first row's serial number.
        for at in range(start + 3, end + 1):
            kinds = _header_kinds(cells[start:at])
            if (
                kinds is not None
                and kinds[0] == "serial"
                and _SERIAL_RE.match(squash_spaces(cells[at].text))
            ):
                end = at - 1
                break
    else:
        # A first data cell that reads like a label (高质量发展, a category) is not a column.
        while (
            end > start
            and _header_kinds(cells[end : end + 1]) is None
            and not _names_a_column(_header_label(cells[end].text))
        ):
            end -= 1
    while start < end and cells[start].blank:
        start += 1
    blank_closed = not blanks and _rows_closed_by_blanks(cells, start, end, row_ends)
    if blank_closed:
        kept: list[_Cell] = []
        for cell in cells[end + 1 :]:
            if not cell.blank:
                kept.append(cell)
            elif kept and (not row_ends or row_ends[-1] != end + 1 + len(kept)):
                row_ends.append(end + 1 + len(kept))
        cells = cells[: end + 1] + kept
    header = _unspanned(_join_wrapped_labels(cells[start : end + 1]))
    if _header_kinds(header) is None:
        return None
    roles = _column_roles(header, len(header))
    n = len(roles)
    body = cells[end + 1 :]
    offset = end + 1
    groups: list[tuple[list[_Cell], bool]] = []
    # 序号 first, or after category columns only (考核项目 | 序号 | …)
    serial_first = "serial" in roles and set(roles[: roles.index("serial")]) <= {"outline"}
    if not row_ends:
        body = _without_repeated_header(body, cells[start : end + 1], cells[:start])
    if row_ends:
        bounds = [e - offset for e in row_ends if e > offset]
        tail = body[bounds[-1] if bounds else 0 :]
        if len(tail) >= 2 and (
            not serial_first or any(_is_serial(squash_spaces(c.text)) for c in tail)
        ):
            bounds.append(len(body))  # the last row ends with the text, no mark after it
        previous = 0
        labels = [squash_spaces(c.text) for c in cells[start : end + 1]]
        for bound in bounds:
            if bound > previous:
                group = body[previous:bound]
                if [squash_spaces(c.text) for c in group] == labels:
                    previous = bound
                    continue  # the header again, at a new page's top
                if (
                    len(group) > n
                    and _section_heading_cell(group[0])
                    and _SERIAL_RE.match(squash_spaces(group[1].text))
                ):
                    # a section's heading opening the row below it (一、深入推进… | 1 | …)
                    groups.append(([group[0]], True))
                    group = group[1:]
                if blank_closed:
                    group = _without_score_cells(group, roles)
                rows_here = _rows_run_together(group, n) if serial_first else None
                groups.extend((row, False) for row in rows_here or [group])
            previous = bound
    elif blanks:
        # Blank cells kept, every row is a header's width of cells; a row holding only a
        # heading (一、扶贫工作) is a section.
        for i in range(0, len(body), n):
            row = body[i : i + n]
            filled = [c for c in row if not c.blank]
            if not filled:
                continue
            label = squash_spaces(filled[0].text)
            heading = len(filled) == 1 and bool(LEVEL1_RE.match(label))
            groups.append(([filled[0]] if heading else row, heading))
    elif serial_first and any(_SERIAL_RE.match(squash_spaces(c.text)) for c in body):
        expected = 1
        before_serial = roles.index("serial")
        for index, cell in enumerate(body):
            label = squash_spaces(cell.text)
            serial = _SERIAL_RE.match(label)
            number = to_int(label.rstrip(".、．")) if serial else 0
            heading = LEVEL1_RE.match(label) or LEVEL2_RE.match(label)
            # A copy of a table's later page starts at its row there (24, 25 …); an extract
            # keeps its source's numbers (3, then 68 under a later heading).
            # A 1 that restarts the numbering follows a complete row, one naming its units;
            # else it is a figure (a target of 1).
            after_heading = bool(groups) and groups[-1][1]
            restart = number == 1 and (
                not groups or after_heading or any(_unit_cell(c) for c in groups[-1][0])
            )
            if serial and (number == expected or restart or index == 0 or after_heading):
                # With category columns before 序号, the short cell just before the number
                # is the new row's category, written once where the category starts.
                # A row without one leaves those columns blank.
                categories: list[_Cell] = []
                if before_serial and groups and not groups[-1][1]:
                    previous = groups[-1][0]
                    if len(previous) > 2 and _category_cell(previous[-1]):
                        categories.append(previous.pop())
                elif before_serial and not groups and index and _category_cell(body[index - 1]):
                    categories.append(body[index - 1])
                padding = [_Cell([], cell.line) for _ in range(before_serial - len(categories))]
                groups.append(([*padding, *categories, cell], False))
                expected = number + 1
            elif heading and (not groups or len(groups[-1][0]) >= n or groups[-1][1]):
                groups.append(([cell], True))
            elif groups and not groups[-1][1]:
                groups[-1][0].append(cell)
    elif "serial" not in roles and (unnamed := _rows_by_unnamed_serials(body, n)):
        groups = [(row, False) for row in unnamed]
    elif len(_numbered_starts(body)) >= 2 and (numbered := _numbered_rows(header, roles, body)):
        return numbered
    elif progress := _progress_rows(body, roles):
        groups = progress
    else:
        groups = [(body[i : i + n], False) for i in range(0, len(body), n)]
        if any(not _chunk_fits(row, roles) for row, _ in groups):
            groups = _rows_by_content(body, roles) or groups
    delimited = bool(row_ends) or blanks
    groups = [
        (part, section)
        for row, section in groups
        for part in _row_parts(row, section, roles, delimited)
    ]
    rows_found = [g for g, section in groups if not section]
    if len(rows_found) < 2:
        return None
    table = _Table(header, [])
    measure_col = roles.index("measure")
    outline_col = roles.index("outline") if "outline" in roles else None
    extra = outline_col is None and any(section for _, section in groups)
    for row, section in groups:
        if section:
            cells_out = [_Cell([], row[0].line) for _ in range(n + extra)]
            cells_out[measure_col if extra else outline_col] = row[0]
            table.rows.append(cells_out)
            continue
        if (
            len(row) > n
            and measure_col + 1 < len(row)
            and (LEVEL1_RE.match(row[measure_col].text) or LEVEL2_RE.match(row[measure_col].text))
            and LEVEL3_RE.match(row[measure_col + 1].text)
        ):
            # a sub-heading spanning the numbered items below it ((一)… then 1.…): the item
            # is the measure
            row = [*row[:measure_col], *row[measure_col + 1 :]]
        if len(row) > n:
            # A measure wrapped over several paragraphs: its pieces are one cell.
            surplus = len(row) - n
            joined = _Cell(
                [t for c in row[measure_col : measure_col + surplus + 1] for t in c.lines],
                row[measure_col].line,
            )
            row = [*row[:measure_col], joined, *row[measure_col + surplus + 1 :]]
        placed, certain = _place(
            [c.text for c in row], [0] * len(row), roles, None, lead_first=not blanks
        )
        if not certain:
            table.doubtful_rows += 1
            table.flags.add("table_cells_ambiguous")
            table.warnings.append(
                (row[0].line, f"row has {len(row)} cells for {n} columns: placed by content, check")
            )
        out = [_Cell([], row[0].line) for _ in range(n)]
        for column, cell in zip(placed, row, strict=True):
            out[column] = cell if out[column].blank else _joined_cells(out[column], cell)
        if extra:
            out.insert(measure_col, _Cell([], row[0].line))
        table.rows.append(out)
    return table


_UNNAMED_SERIALS_MIN = 3


def _rows_by_unnamed_serials(body: list[_Cell], width: int) -> list[list[_Cell]] | None:
    """Rows numbered in a column the header does not name (工作任务 | 1 | 具体要求 | …).

    The cells before the first number fill the columns left of the numbers; each number
    opens the right-hand part of its row, of the same width in every row, and the cells
    after that part are the next row's left-hand cells (none where a cell merged from above
    is not repeated). The numbers are dropped, as their column has no label.
    """
    serials = [i for i, c in enumerate(body) if _SERIAL_RE.match(squash_spaces(c.text))]
    expected, starts = 1, []
    for index in serials:
        label = squash_spaces(body[index].text).rstrip(".、．")
        if label.isdigit() and int(label) == expected:
            starts.append(index)
            expected += 1
    left = starts[0] if starts else 0
    right = width - left
    if len(starts) < _UNNAMED_SERIALS_MIN or right < 2 or left < 1:
        return None
    rows, lead_in = [], body[:left]
    for start, stop in zip(starts, [*starts[1:], len(body)], strict=True):
        segment = body[start + 1 : stop]
        if len(segment) < right or len(segment) > right + left:
            return None
        rows.append(
            [
                *[_Cell([], body[start].line) for _ in range(left - len(lead_in))],
                *lead_in,
                *segment[:right],
            ]
        )
        lead_in = segment[right:]
    return rows if not lead_in else None


def _first_row_category(cells: list[_Cell], start: int, end: int) -> bool:
    """Whether the cell after a header holding a category column and then 序号 is the first
    row's category, the row's number following it."""
    kinds = _header_kinds(cells[start : end + 1]) or []
    if "serial" not in kinds[1:] or end + 2 >= len(cells):
        return False
    category = cells[start + kinds.index("serial") - 1]
    return bool(_SERIAL_RE.match(squash_spaces(cells[end + 2].text))) and _category_label(
        squash_spaces(category.text)
    )


def _rows_closed_by_blanks(cells: list[_Cell], start: int, end: int, row_ends: list[int]) -> bool:
    """Whether a copy closes every row, its header too, with a blank cell.

    A copy that keeps a blank line of spaces for an empty last column (备注) closes each
    row with it: a blank right after the header's labels, none among them, and more in the
    body mean each blank ends a row, and a row merged from above holds only its right-hand
    cells.
    """
    return (
        not row_ends
        and end + 2 < len(cells)
        and cells[end + 1].blank
        and not any(c.blank for c in cells[start : end + 1])
        and sum(c.blank for c in cells[end + 2 :]) >= 2
    )


_SCORE_CELL_RE = re.compile(r"^\d{1,3}(?:\.\d+)?$")


def _without_score_cells(row: list[_Cell], roles: list[str]) -> list[_Cell]:
    """A row's cells without the scores of an assessment table (23, 0.75) that its header
    gives no column, and with the unit names stacked one a paragraph at its end as one
    cell when the table has a single unit column there."""
    if "serial" not in roles:
        row = [c for c in row if not _SCORE_CELL_RE.match(squash_spaces(c.text))]
    if roles and roles[-1] in resp.UNIT_ROLES and roles.count(roles[-1]) == 1:
        tail = len(row)
        while tail > 1 and _unit_cell(row[tail - 1]):
            tail -= 1
        if len(row) - tail >= 2 and tail > 0:
            row = [*row[:tail], _joined_units(row[tail:])]
    return row


def _unit_roles_after_measure(roles: list[str]) -> bool:
    """Columns of a task, then of its units only (工作内容 | 责任单位 | 配合单位), a serial
    number's column before them or not."""
    roles = roles[1:] if roles[:1] == ["serial"] else roles
    return (
        len(roles) >= 2
        and roles[0] == "measure"
        and all(role in ("lead", "support", "single") for role in roles[1:])
    )


def _chunk_fits(row: list[_Cell], roles: list[str]) -> bool:
    """Whether a header's width of cells reads as a row: a task, then units."""
    if not _unit_roles_after_measure(roles):
        return True  # no reading by content to offer
    task = 1 if roles[0] == "serial" else 0
    return (
        len(row) == len(roles)
        and not _unit_cell(row[task])
        and all(_unit_cell(cell) for cell in row[task + 1 :] if not cell.blank)
    )


def _rows_by_content(body: list[_Cell], roles: list[str]) -> list[tuple[list[_Cell], bool]] | None:
    """Rows of a stream with no serial numbers and no marks, told apart by their cells'
    content where a header's width of cells misreads them (a unit column left blank, a
    heading among the rows): a row is a task then its unit cells, one a column at most;
    a numbered heading followed by a task is a section; a task in two paragraphs is one.
    None if the cells do not read so."""
    if not _unit_roles_after_measure(roles):
        return None
    serial = roles[0] == "serial"
    columns = len(roles) - 1 - serial
    groups: list[tuple[list[_Cell], bool]] = []
    row: list[_Cell] | None = None
    for cell in body:
        if cell.blank:
            continue
        if _unit_cell(cell):
            if row is None or len(row) > columns:
                return None  # units before any task, or more unit cells than columns
            row.append(cell)
            continue
        if row is None or len(row) > 1:
            row = [cell]
            groups.append((row, False))
        elif _section_heading_cell(row[0], (LEVEL1_RE, LEVEL2_RE, LEVEL4_RE)):
            groups[-1] = (row, True)  # a heading over the rows below it
            row = [cell]
            groups.append((row, False))
        else:
            row[0] = _joined_cells(row[0], cell)  # a task wrapped onto another paragraph
    if row is not None and len(row) == 1 and not groups[-1][1]:
        groups.pop()  # a closing paragraph after the last row names no unit
    if sum(not section for _, section in groups) < 2:
        return None
    width = len(roles) - serial
    return [
        (
            row
            if section
            else [
                *([_Cell([], row[0].line)] if serial else []),
                *row,
                *(_Cell([], row[-1].line) for _ in range(width - len(row))),
            ],
            section,
        )
        for row, section in groups
    ]


def _progress_rows(body: list[_Cell], roles: list[str]) -> list[tuple[list[_Cell], bool]] | None:
    """Rows of a progress table one cell a paragraph (目标任务 | 牵头单位 | 进展情况 | 下步举措),
    whose report columns run over any number of paragraphs: a row opens at each task cell
    followed by a unit cell; its unit cells fill the unit column, its report paragraphs
    the report columns, the last taking the rest. None if the columns are not a task, one
    unit column and report columns, or the cells do not read so."""
    if len(roles) < 3 or roles[0] != "measure" or roles[1] not in ("lead", "single"):
        return None
    if any(role != "remark" for role in roles[2:]):
        return None
    cells = [c for c in body if not c.blank]
    starts = [
        i for i in range(len(cells) - 1) if not _unit_cell(cells[i]) and _unit_cell(cells[i + 1])
    ]
    if len(starts) < 2:
        return None
    columns = len(roles) - 2  # the report columns
    rows = []
    for start, stop in zip(starts, [*starts[1:], len(cells)], strict=True):
        task, rest = cells[start], cells[start + 1 : stop]
        units = 0
        while units < len(rest) and _unit_cell(rest[units]):
            units += 1
        reports = rest[units:]
        report_cells = reports[: columns - 1]
        if len(reports) >= columns:
            report_cells.append(reduce(_joined_cells, reports[columns - 1 :]))
        report_cells += [_Cell([], task.line) for _ in range(columns - len(report_cells))]
        rows.append(([task, _joined_units(rest[:units]), *report_cells], False))
    return rows


def _section_heading_cell(cell: _Cell, levels=(LEVEL1_RE, LEVEL2_RE)) -> bool:
    """A cell holding a section's numbered heading (一、深入推进政策公开,服务高质量发展)."""
    label = squash_spaces(cell.text)
    return len(label) <= _SECTION_HEADING_MAX and any(level.match(label) for level in levels)


_SECTION_HEADING_MAX = 40


def _rows_run_together(cells: list[_Cell], width: int) -> list[list[_Cell]] | None:
    """Rows a stream failed to mark apart (the first's last cell filled, so no blank cell
    closed it): split where a serial number one above the row's own opens a row's width on."""
    if len(cells) <= width:
        return None
    rows, start = [], 0
    number = _serial_number(cells[0])
    for at in range(width, len(cells)):
        following = _serial_number(cells[at])
        if number and following == number + 1 and at - start >= width - 1:
            rows.append(cells[start:at])
            start, number = at, following
    if not rows:
        return None
    return [*rows, cells[start:]]


def _serial_number(cell: _Cell) -> int:
    label = squash_spaces(cell.text)
    return to_int(label.rstrip(".、．")) if _SERIAL_RE.match(label) else 0


_TITLE_CELLS_MAX = 3  # a running title: the last cells before the header (title, subtitle)


def _without_repeated_header(
    body: list[_Cell], header: list[_Cell], above: list[_Cell] = ()
) -> list[_Cell]:
    """A stream without the header a later page repeats (续表 / 序号 / 存在问题 / …) and the
    page's marks before it: its number, 续表, the table's title repeated (a cell of
    ``above``, the text before the header)."""
    labels = [squash_spaces(c.text) for c in header]
    titles = {squash_spaces(c.text) for c in above[-_TITLE_CELLS_MAX:]}
    width = len(labels)
    kept: list[_Cell] = []
    index = 0
    while index < len(body):
        if [squash_spaces(c.text) for c in body[index : index + width]] == labels:
            while kept and (
                _page_break_line(kept[-1].text) or squash_spaces(kept[-1].text) in titles
            ):
                kept.pop()
            index += width
            continue
        kept.append(body[index])
        index += 1
    return kept


# -- whitespace-aligned tables ------------------------------------------------------------


def _pieces(line: str, width_of: Callable[[str], int] | None = None) -> list[tuple[int, str]]:
    """Cells of an aligned line as (display column where the cell starts, text); with
    ``width_of`` (len), columns counted in characters instead."""
    width_of = width_of or _width
    pieces, at, width = [], 0, 0
    for match in _CELL_RE.finditer(line):
        # the width so far, added up once along the line (not from its start for each cell)
        width += width_of(line[at : match.start()])
        at = match.start()
        pieces.append((width, match.group()))
    return pieces


def _width(text: str) -> int:
    """Display width: a Chinese character takes two columns, as in a text laid out from PDF."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _best_aligned_pieces(lines: list[str]) -> list[list[tuple[int, str]]]:
    """The lines' cells with their columns counted as the text was laid out: in display
    width (a Chinese character two columns, as a page shown on screen is aligned), or in
    characters (pdftotext -layout sets every character in one column), whichever lines
    more of the cells under the header's labels up."""
    by_width = [_pieces(line) for line in lines]
    start = next((i for i, pieces in enumerate(by_width) if _is_header(pieces)), None)
    if start is None:
        return by_width
    by_count = [_pieces(line, len) for line in lines]
    if _aligned_cells(by_count, start) > _aligned_cells(by_width, start):
        return by_count
    return by_width


def _aligned_cells(parsed: list[list[tuple[int, str]]], header: int) -> int:
    """How many cells of the lines after the header start under one of its labels."""
    columns = [o for o, _ in parsed[header]]
    return sum(
        min(abs(o - c) for c in columns) <= _ALIGN_TOLERANCE
        for pieces in parsed[header + 1 :]
        for o, _ in pieces[1:]  # (a row's first cell starts at the margin either way)
    )


def _nearest(columns: list[int], offset: int) -> int:
    return min(range(len(columns)), key=lambda i: abs(columns[i] - offset))


def _is_header(pieces: list[tuple[int, str]]) -> bool:
    """A header line: three or more short labels, with a lead or responsible column.

    Labels carry no sentence punctuation, so a label line of an inline plan
    (牵头单位：市人社局  配合单位：…) is never read as a header.
    """
    if len(pieces) < 3:
        return False
    # a first-listed rule may be written in the unit column's header cell
    # (责任单位（排在首位的为牵头单位）)
    labels = [resp.remove_first_listed_rule(t) for _, t in pieces]
    if any(len(t) > _HEADER_CELL_MAX or _HEADER_PUNCT_RE.search(t) for t in labels):
        return False
    return _header_kinds([_Cell([t], 0) for _, t in pieces]) is not None


def _numbering(text: str) -> int | None:
    """Which numbering opens a text: 一、 (1), （一） (2), 1. (3); None for none."""
    for level, pattern in enumerate((LEVEL1_RE, LEVEL2_RE, LEVEL3_RE), start=1):
        if pattern.match(text):
            return level
    return None


def _item_under_merged_category(cells: list[_Cell], roles: list[str], last: str) -> list[_Cell]:
    """A row whose category cell was merged away and whose item slid into its place
    ((二)… | ||, or 8.… | alone): the item, numbered as the measure above it, is the row's
    measure (its blank unit cells are then carried down)."""
    if "measure" not in roles:
        return cells
    measure_at = roles.index("measure")
    filled = [i for i, c in enumerate(cells) if not c.blank]
    if len(filled) != 1 or roles[filled[0]] != "outline":
        return cells
    # the row's cells after its item were merged away or left blank alike (8.… |)
    cells = cells + [_Cell([], cells[0].line) for _ in range(len(roles) - len(cells))]
    if not cells[measure_at].blank:
        return cells
    text = squash_spaces(cells[filled[0]].text)
    level = _numbering(text)
    if level is None or level != _numbering(squash_spaces(last)):
        return cells
    moved = list(cells)
    moved[measure_at], moved[filled[0]] = cells[filled[0]], cells[measure_at]
    return moved


def _names_units(text: str) -> bool:
    """A cell of unit names, or of a note naming them (A牵头，B配合；C参照落实)."""
    if _unit_like(text):
        return True
    note = resp.sentence_units(text)
    return note is not None and bool(note.units)


@lru_cache(maxsize=16384)  # the text alone decides (see _fit)
def _unit_like(text: str) -> bool:
    """A cell of unit names: most of its pieces are units (a list may name a place or two
    the lexicon does not know)."""
    units = resp.split_units(text)
    if not units or any(len(u) > 25 for u in units):
        return False
    return 2 * sum(resp.looks_like_unit(u) for u in units) > len(units)


# A function of the column's role and the cell's text alone, asked for every cell of every
# row (and again while a misfit row is placed): memoised (issue 19, parse speed). Cells may
# be long measure texts, so fewer are kept than unit names elsewhere (memory stays ~20 MB).
@lru_cache(maxsize=16384)
def _fit(role: str, text: str) -> int | None:
    """How well a cell's text fits a column (higher is better); None if it cannot be there."""
    serial = _is_serial(text)
    if role == "serial":
        return 3 if serial else None
    if serial:
        return 0 if role == "other" else None  # a small figure (0, 42) in a figures column
    none = squash_spaces(text) in _EXPLICIT_NONE
    units = none or _names_units(text)
    # a person's bare name, often spaced out in a table cell (杨 宜)
    person = not units and bool(resp.PERSON_NAME_RE.match(strip_spaces(text).replace(" ", "")))
    if role == "official":
        if resp.is_official(text):
            return 3
        return 2 if person else (0 if len(text) <= 12 else None)
    if role == "marks":
        return 3 if _mark_role(text, {}) is not None else None
    if role in resp.UNIT_ROLES or role == "overseer":
        if units:
            return 3
        if person or _NUMBER_RE.match(squash_spaces(text)):
            return None  # a person or a number (26000, 123.4%) is never a unit
        if len(text) <= _DEADLINE_CELL_MAX and _TIMELINE_RE.search(simplified(text)):
            return None  # nor a deadline (2024年11月) moved left by a merged unit cell
        numbered = LEVEL1_RE.match(text) or LEVEL2_RE.match(text) or LEVEL3_RE.match(text)
        return None if numbered or "。" in text or len(text) > 40 else 0
    if role == "timeline":
        if none or (_TIMELINE_RE.search(simplified(text)) and len(text) <= 40 and not units):
            return 3
        return None if units else 0
    reported = _reported_by_unit(text)
    # a figure, its unit (万亩, 万元/人) or a dash is never a measure nor a category's name
    figure = none or bool(
        _NUMBER_RE.match(squash_spaces(text)) or _quantity_unit_re().match(simplified(text))
    )
    if role == "measure":
        # a bare name of two or three characters is an official's (徐国江), not a measure
        return 1 if units or reported else (0 if person or figure else 2)
    if role == "remark":
        return 3 if reported else 0
    return 1 if role in ("outline", "title") and not figure else 0


@lru_cache(maxsize=1)
def _quantity_unit_re() -> re.Pattern[str]:
    """A figure's unit as a table's 单位 column writes it: 万亩, 亿斤, 万元/人, (%)."""
    units = trie_alternation(sorted(parse_terms()["quantity_unit"], key=len, reverse=True))
    return re.compile(rf"^[（(]?[万亿千百]?(?:{units})(?:/[\u4e00-\u9fff]{{1,2}})?[)）]?$")


_NUMBER_RE = re.compile(r"^[-+]?[0-9０-９][0-9０-９,，.．]*\s*[%％‰]?$")
_REPORTER_RE = re.compile(r"^([^:：，,。；;、]{2,20})[:：]")


def _reported_by_unit(text: str) -> bool:
    """A progress entry written by a unit (区投促局：已开始…), as a report column holds."""
    match = _REPORTER_RE.match(squash_spaces(text))
    return bool(match) and resp.looks_like_unit(match.group(1))


_PLACINGS_MAX = 5000


def _place(
    texts: list[str],
    offsets: list[int],
    roles: list[str],
    columns: list[int] | None,
    *,
    lead_first: bool = False,
) -> tuple[list[int], bool]:
    """The columns of a row's cells, and whether that placing is certain.

    A row with fewer cells than columns lost its blank cells. Every order-keeping placing is
    scored by how well each text fits its column (serial numbers, unit lists the lexicon
    knows, time limits) and, in a table whose columns line up, by the column each cell starts
    under. Of equally good placings the one leaving the leftmost columns blank is taken, as
    trailing unit and time cells are written flush with their columns; the row is then
    uncertain. With ``lead_first`` (a copy of one cell a paragraph, which drops blank
    cells), one filling the lead column is taken first: a lead cell is rarely left blank.
    """
    n, k = len(roles), len(texts)
    if k >= n:
        return list(range(k)), True
    if comb(n, k) > _PLACINGS_MAX:
        # a row far short of a wide table (a matrix of 30 units' columns): too many placings
        # to try, so its cells are kept in order, and the row is uncertain
        return list(range(k)), False
    scored = _placings(texts, offsets, roles, columns)
    if "measure" in roles and columns is None:
        # A measure written over two cells (事项 / 具体目标 under one 名称 column) is one
        # cell of two, both in the measure column: a placing a point worse than one apart.
        measure_col = roles.index("measure")
        for second in range(1, k):
            if _fit("measure", texts[second - 1]) != 2 or _fit("measure", texts[second]) != 2:
                continue
            rest = texts[:second] + texts[second + 1 :]
            rest_offsets = offsets[:second] + offsets[second + 1 :]
            for score, chosen in _placings(rest, rest_offsets, roles, None):
                if chosen[second - 1] == measure_col:
                    joined = (*chosen[:second], measure_col, *chosen[second:])
                    scored.append((score - 1, joined))
    if not scored:
        return list(range(k)), False
    top = max(score for score, _ in scored)
    best = [chosen for score, chosen in scored if score == top]
    if lead_first:
        # a unit cell that may stand in the lead or the support column is the lead's
        lead_columns = {c for c, role in enumerate(roles) if role == "lead"}
        return list(max(best, key=lambda c: (lead_columns <= set(c), c))), len(best) == 1
    return list(max(best)), len(best) == 1


def _placings(
    texts: list[str], offsets: list[int], roles: list[str], columns: list[int] | None
) -> list[tuple[int, tuple[int, ...]]]:
    """Every order-keeping placing of a row's cells in the columns, with its score."""
    scored = []
    for chosen in combinations(range(len(roles)), len(texts)):
        fits = [_fit(roles[c], t) for c, t in zip(chosen, texts, strict=True)]
        if None in fits:
            continue
        score = sum(fits) - (0 if "measure" in (roles[c] for c in chosen) else 5)
        if columns is not None:
            score += sum(_nearest(columns, o) == c for c, o in zip(chosen, offsets, strict=True))
        scored.append((score, chosen))
    return scored


def _aligned_table(lines: list[str]) -> _Table | None:
    """A whitespace-aligned table, as text extracted from PDF lays it out.

    One line per row, cells set apart by two or more spaces (or tabs, or full-width spaces),
    under a header line of short labels naming a lead or responsible column. A cell's text
    wrapped in the original continues on the following lines, which hold fewer cells: with
    columns that line up, each piece joins the cell it stands under; otherwise the measure
    cell, then the row's later cells in order. Where the header has a 序号 column and most
    rows are numbered, a row starts only at a number, so a wrapped line of several pieces is
    still read as a continuation. A heading line (一、…, （一）…) is a section row; lines
    after it that start no row are narrative, not read; a note (注：…) ends the table.
    """
    parsed = _best_aligned_pieces(lines)
    start = next((i for i, pieces in enumerate(parsed) if _is_header(pieces)), None)
    if start is None:
        return None
    header = [_Cell([t], start + 1) for _, t in parsed[start]]
    header_at = [o for o, _ in parsed[start]]
    body = start + 1
    while body < len(parsed) and parsed[body] and _header_tail(parsed[body]):
        for offset, text in parsed[body]:
            header[_nearest(header_at, offset)].lines.append(text)
        body += 1
    roles = _column_roles(header, len(header))
    n = len(roles)
    if "serial" in roles:
        parsed[body:] = [_split_glued_serial(p) for p in parsed[body:]]
    multi = [p for p in parsed[body:] if len(p) >= 2 and not _is_header(p)]
    serials = sum(bool(_SERIAL_RE.match(p[0][1])) for p in multi)
    numbered = "serial" in roles and (
        2 * serials > len(multi)
        # every row wrapped: the lines that go on with a row start right of the 序号 column
        or (
            serials >= 2
            and all(
                p[0][0] > header_at[roles.index("serial")] + _ALIGN_TOLERANCE
                for p in multi
                if not _SERIAL_RE.match(p[0][1])
            )
        )
    )

    # (line, first-line pieces, continuation lines, is a section row)
    groups: list[tuple[int, list, list, bool]] = []
    task_above = ""  # the measure column's text on the line above
    skipping, narrative = False, False
    for number, pieces in enumerate(parsed[body:], start=body + 1):
        if not pieces:
            continue
        first = simplified(squash_spaces(pieces[0][1]))
        if _is_header(pieces) or (skipping and _header_tail(pieces)):
            skipping = True  # a header repeated on a new page, with its wrapped labels
            continue
        skipping = False
        if len(pieces) == 1 and _PAGE_NUMBER_RE.match(first):
            continue
        if len(pieces) == 1 and _TABLE_END_RE.match(first):
            break
        if len(pieces) == 1 and (LEVEL1_RE.match(first) or LEVEL2_RE.match(first)):
            groups.append((number, pieces, [], True))
            narrative = True
            continue
        if len(pieces) >= 2 and (
            not numbered
            or _SERIAL_RE.match(first)
            or len(pieces) >= n - 1
            # a task of its own under the row, unless the row's task was cut mid-sentence
            # and this line goes on with it (…新增规上工业企业60家以上，规上 / 工业增加值…)
            or (
                _sub_row(pieces)
                and not (
                    _task_cut(task_above)
                    and pieces[0][0] > header_at[roles.index("serial")] + _ALIGN_TOLERANCE
                )
            )
        ):
            groups.append((number, pieces, [], False))
            narrative = False
        elif groups and not narrative:
            groups[-1][2].append((number, pieces))
        task_above = _piece_under(pieces, header_at[roles.index("measure")])
    rows_found = [g for g in groups if not g[3]]
    if not rows_found:
        return None

    columns = _column_offsets(parsed[start], [g[1] for g in rows_found])
    table = _Table(header, [])
    measure_col = roles.index("measure")
    # Section rows need an outline column; a table without one gets it just left of the
    # measure column, where _column_roles places the cells a row has beyond the header's.
    outline_col = roles.index("outline") if "outline" in roles else None
    extra = outline_col is None and any(g[3] for g in groups)
    for number, pieces, continued, section in groups:
        if section:
            cells = [_Cell([], number) for _ in range(n + extra)]
            cells[measure_col if extra else outline_col].add(pieces[0][1], number)
            table.rows.append(cells)
            continue
        cells = [_Cell([], number) for _ in range(max(n, len(pieces)))]
        placed, certain = _place([t for _, t in pieces], [o for o, _ in pieces], roles, columns)
        if not certain:
            table.doubtful_rows += 1
            table.flags.add("table_cells_ambiguous")
            table.warnings.append(
                (number, f"row has {len(pieces)} cells for {n} columns: placed by content, check")
            )
        for column, (_, text) in zip(placed, pieces, strict=True):
            cells[column].add(text, number)
        filled = [c for c in placed if c >= measure_col] or [measure_col]
        for line_number, more in continued:
            for index, (offset, text) in enumerate(more):
                if columns is not None:
                    column = _nearest(columns, offset)
                    column = measure_col if roles[column] == "serial" else column
                else:
                    column = filled[min(index, len(filled) - 1)]
                cells[column].add(text, line_number)
        if extra:
            cells.insert(measure_col, _Cell([], number))
        table.rows.append(cells)
    return table


def _piece_under(pieces: list[tuple[int, str]], offset: int) -> str:
    """The text of the piece that starts nearest a column's offset."""
    return min(pieces, key=lambda p: abs(p[0] - offset))[1] if pieces else ""


def _task_cut(text: str) -> bool:
    """Whether a task cell's line stops mid-sentence (its cell wrapped onto the next line)."""
    text = text.rstrip()
    return bool(text) and not text.endswith(("。", "；", ";", "！", "？", ".", "）", ")"))


def _sub_row(pieces: list[tuple[int, str]]) -> bool:
    """A line without a number that is a row of its own under the numbered one above (a
    task with its own unit cell, 完成征缴基金10000万元 区人社局 10000万 …), not the wrapped
    ends of that row's cells: three cells or more, a task first, a unit cell after it."""
    texts = [squash_spaces(t) for _, t in pieces]
    if (
        len(texts) == 2
        and len(texts[0]) >= _SUB_ROW_TASK_MIN
        and not _unit_like(texts[0])
        and resp.named_as_unit(texts[1])
    ):
        return True  # a task and a unit named in full (为困难残疾人发放生活补贴  区残联)
    return (
        len(texts) >= 3
        and not _unit_like(texts[0])
        and len(texts[0]) >= 4
        and any(_unit_like(t) for t in texts[1:3])
    )


_SUB_ROW_TASK_MIN = 8


def _header_tail(pieces: list[tuple[int, str]]) -> bool:
    """A line holding only the wrapped second half of header labels (牵头 / 单位)."""
    return all(_HEADER_TAIL_RE.match(simplified(t)) for _, t in pieces)


def _split_glued_serial(pieces: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """``1 建立制度`` (a number set apart by one space) as two cells."""
    if not pieces:
        return pieces
    offset, text = pieces[0]
    match = _GLUED_SERIAL_RE.match(text)
    if match is None:
        return pieces
    rest = (offset + _width(text[: match.start(2)]), match.group(2))
    return [(offset, match.group(1)), rest, *pieces[1:]]


def _column_offsets(
    header: list[tuple[int, str]], first_lines: list[list[tuple[int, str]]]
) -> list[int] | None:
    """Where each column starts, if the table's cells line up; None if they do not.

    Read from the rows that have every cell, with the header too where they are fewer than
    two: in each column their cells must start within a character or so of each other. (A
    header centred over its columns, as PDF tables set it, fails this unless left out.)
    """
    full = [[o for o, _ in p] for p in first_lines if len(p) == len(header)]
    for sample in (full, [[o for o, _ in header], *full]):
        if len(sample) >= 2 and all(
            max(at) - min(at) <= _ALIGN_TOLERANCE for at in zip(*sample, strict=True)
        ):
            return [sorted(at)[len(at) // 2] for at in zip(*sample, strict=True)]
    return None


#: Fewest numbered rows for a table without its header to be read by its cells' content.
_HEADERLESS_ROWS_MIN = 3
_HEADERLESS_SHARE = 0.8


def _headerless_table(rows: list[Row]) -> _Table | None:
    """A table copied without its header (a later page's rows, a copy that starts at row
    1): rows numbered 1, 2, 3 … in their first cell, of one width, with a column of units in
    nearly every row. The units' column is read as 责任单位 (one unit leads, several are
    responsible), or two such columns side by side as 牵头单位 and 配合单位; the longest text
    left of them is the measure. The header is noted as inferred."""
    widths = [len(r) for r in rows]
    if not widths:
        return None
    if any(sum(_is_label_cell(c.text) for c in r) >= 2 for r in rows):
        return None  # a header is there, though not read as one: no guessing past it
    width = max(set(widths), key=widths.count)
    body = [r for r in rows if len(r) == width]
    serials = [to_int(squash_spaces(r[0].text)) for r in body]
    if (
        width < 3
        or len(body) < _HEADERLESS_ROWS_MIN
        or serials != list(range(serials[0], serials[0] + len(serials)))
        or serials[0] < 1
    ):
        return None

    def unit_column(column: int) -> bool:
        cells = [squash_spaces(r[column].text) for r in body]
        filled = [c for c in cells if c and c not in _EXPLICIT_NONE]
        return len(filled) >= _HEADERLESS_SHARE * len(body) and all(_names_units(c) for c in filled)

    unit_columns = [c for c in range(1, width) if unit_column(c)]
    if not unit_columns or len(unit_columns) > 2:
        return None
    if len(unit_columns) == 2 and unit_columns[1] != unit_columns[0] + 1:
        return None
    text_columns = range(1, unit_columns[0])
    if not text_columns:
        return None
    measure = max(text_columns, key=lambda c: sum(len(r[c].text) for r in body))
    labels = ["序号"] + ["备注"] * (width - 1)
    labels[measure] = "工作任务"
    if len(unit_columns) == 1:
        labels[unit_columns[0]] = "责任单位"
    else:
        labels[unit_columns[0]], labels[unit_columns[1]] = "牵头单位", "配合单位"
    first = body[0][0].line
    table = _Table([_Cell([label], first) for label in labels], rows)
    table.flags.add("table_header_inferred")
    table.warnings.append(
        (first, "table without a header: columns read from the cells' content, check")
    )
    return table


@lru_cache(maxsize=4096)  # the label alone decides; asked for every cell tried as a header
def _role_header(label: str) -> str | None:
    """The column a role label names: official, lead, support or single (责任单位).

    Officials' columns (牵头领导) are tested first, as they hold a lead word; then lead and
    support words (配合责任单位 supports), then labels naming responsible units alone.
    """
    terms = resp.role_terms()
    named = resp.labels().get(label)
    if named in resp.UNIT_ROLES:
        return named  # a unit label, though it names the person too (牵头单位及责任人)
    if any(term in label for term, role in terms["label_bare"] if role == "official"):
        return "official"
    for wanted in ("lead", "support"):
        stems = [t for kind in ("label_stem", "label_bare") for t, r in terms[kind] if r == wanted]
        if any(stem in label for stem in stems):
            return wanted
    if any(label.startswith(t) for t, r in resp.labels().items() if r in ("single", "division")):
        return "single"
    return None


def _overseer_header(label: str) -> bool:
    """A column of the units that inspect, assess or score the task (督查单位, 评分部门): a
    label the vocabulary says names no responsible unit, ending in a unit noun."""
    return resp.labels().get(label) == "stop" and label.endswith(_LABEL_NOUNS)


def _header_kinds(cells: Row) -> list[str] | None:
    kinds, labels = [], []
    for cell in cells:
        label = _header_label(resp.remove_first_listed_rule(cell.text)).strip("|｜")
        kind = _role_header(label) if len(label) <= _HEADER_CELL_MAX else None
        if kind is None and _overseer_header(label):
            kind = "overseer"
        kind = kind or next((k for k, pattern in _HEADER_KINDS if pattern.search(label)), "other")
        if kind == "other" and _names_unit_column(label):
            kind = "marks"  # a responsibility matrix: the unit's column of marks (● ○)
        kinds.append(kind)
        labels.append(label)
    # a project's owner column beside the units answering for it (责任单位) supports them
    answering = any(k in ("lead", "single", "support") for k in kinds)
    kinds = [("support" if answering else "single") if k == "owner" else k for k in kinds]
    if "measure" not in kinds and sum(k in ("lead", "single") for k in kinds) >= 2:
        # a duty table's 职责分工 beside its unit column (涉及部门 | 职责分工) holds the duties
        for i, label in enumerate(labels):
            if resp.labels().get(label) == "division":
                kinds[i] = "measure"
    if kinds.count("marks") < _MATRIX_UNITS_MIN:
        kinds = ["other" if k == "marks" else k for k in kinds]
    has_units = any(k in kinds for k in ("lead", "single", "marks"))
    if has_units and "measure" not in kinds:
        # With no column naming the measure, the project's own column (项目 | 进度安排 |
        # 牵头单位) holds it.
        titles = [
            i for i, k in enumerate(kinds) if k == "outline" and _PROJECT_RE.search(labels[i])
        ]
        if titles:
            kinds[titles[-1]] = "measure"
    # 第一责任单位 | 主要责任单位: beside the column that leads, a second lead-like column
    # lists the units that work with it
    for i in [i for i, k in enumerate(kinds) if k == "lead"][1:]:
        kinds[i] = "support"
    return kinds if has_units and "measure" in kinds and len(kinds) >= 3 else None


_MATRIX_UNITS_MIN = 2
_MATRIX_MARKS_SHARE = 0.8
# What a matrix's mark means where no legend says (● 牵头, ○ 配合, √ 负责).
_MARK_ROLES = {
    **dict.fromkeys("●★▲◎◆■", "lead"),
    **dict.fromkeys("○☆△◇□", "support"),
    **dict.fromkeys("√✓✔", "single"),
}
_MARK_LEGEND_RE = re.compile(
    r"([●★▲◎◆■○☆△◇□√✓✔])[”\"」’']?\s*(?:的|者)?\s*(?:[为是：:=＝]|表示|代表|指)?\s*"
    r"(牵头|主办|主责|主要责任|配合|协办|协同|参与|会办|负责|责任)"
)


def _mark_legend(text: str) -> dict[str, str]:
    """The legend of a matrix's marks (●牵头 ○配合; 注：★为牵头单位，☆为配合单位)."""
    legend = {}
    for match in _MARK_LEGEND_RE.finditer(simplified(text)):
        word = match.group(2)
        role = resp.labels().get(word + "单位") or ("single" if word == "负责" else None)
        legend.setdefault(match.group(1), role or "single")
    return legend


def _mark_role(text: str, legend: dict[str, str]) -> str | None:
    """The role a matrix cell's mark or word gives its column's unit; None if it is blank
    or holds something else."""
    written = strip_spaces(text).strip("　 ")
    if not written:
        return None
    if len(written) == 1 and written in _MARK_ROLES:
        return legend.get(written, _MARK_ROLES[written])
    word = simplified(written)
    if len(word) <= 4:
        role = resp.labels().get(word + "单位") or resp.labels().get(word)
        if role in resp.UNIT_ROLES:
            return role
        if word in ("主", "协"):  # 主办 / 协办 written short
            return "lead" if word == "主" else "support"
    return None


def _names_unit_column(label: str) -> bool:
    """Whether a header cell is a unit's name (市住房城乡建设局), as a responsibility matrix
    heads the columns its marks fill."""
    if not 2 <= len(label) <= _HEADER_UNIT_MAX or label in resp.labels():
        return False
    return resp.looks_like_unit(label) and not resp.is_official(label)


_HEADER_UNIT_MAX = 20


def _header_label(text: str) -> str:
    """A header cell's label: simplified, without spaces (牵 头 部 门) or pinyin notes."""
    return simplified(_PINYIN_NOTE_RE.sub("", squash_spaces(text)))


def _column_roles(header: Row, width: int) -> list[str]:
    """Map each data column to a role: outline, measure, timeline, lead, support, single …"""
    kinds = _header_kinds(header) or []
    labels = [_header_label(c.text) for c in header]
    if "lead" in kinds:
        # Beside a lead column, a 责任单位 column lists the supporting units.
        kinds = ["support" if k == "single" else k for k in kinds]
    measure_at = [i for i, k in enumerate(kinds) if k == "measure"]
    # Of several measure-like headers, the one naming the measure itself (责任分解, 具体措施)
    # is the measure column; the others are categories to its left, and targets or figures
    # to its right (年度目标).
    specific = [i for i in measure_at if _MEASURE_HEADER_RE.search(labels[i])]
    measure_col = (specific or measure_at)[-1]
    for i in measure_at:
        if i != measure_col:
            kinds[i] = "outline" if i < measure_col else "other"
    # A row's name written beside its task (项目名称 | 具体任务及目标; 督办事项 | 年度目标) is
    # the measure's title, not a category spanning rows: the measure's text is the name, then
    # the task.
    if (
        measure_col > 0
        and kinds[measure_col - 1] == "outline"
        and _TITLE_HEADER_RE.search(labels[measure_col - 1])
    ):
        kinds[measure_col - 1] = "title"
    # Columns the vocabulary does not name, right before a target (考核河流 | 考核断面 |
    # 年度考核目标): a target says only what level is due, so the columns before it name
    # what each row is about, and its measure is read from them, then the target.
    before = measure_col
    while before > 0 and kinds[before - 1] == "other":
        before -= 1
    if (
        before < measure_col
        and (before == 0 or kinds[before - 1] == "serial")
        and _TARGET_HEADER_RE.search(labels[measure_col])
    ):
        kinds[before:measure_col] = ["title"] * (measure_col - before)
    extra = width - len(kinds)
    if extra > 0:
        # A merged header cell spans the leftmost outline columns.
        first_outline = next((i for i, k in enumerate(kinds) if k == "outline"), measure_col)
        kinds[first_outline:first_outline] = ["outline"] * extra
    return kinds[:width] if extra < 0 else kinds


def _joined_cells(first: _Cell, second: _Cell) -> _Cell:
    """Two cells read as one, their lines as they stand (nothing added: the source's text)."""
    return _Cell(
        [*first.lines, *second.lines],
        first.line,
        [first.line_of(i) for i in range(len(first.lines))]
        + [second.line_of(i) for i in range(len(second.lines))],
    )


def _sub_item_before_units(cells: list[_Cell], roles: list[str]) -> list[_Cell]:
    """A row that writes a sub-item between its name and its unit (9 | 深化养老保险改革 |
    完成参保人数6300人 | 区人社局 | 6300人 …): the sub-item, no unit, stands where the unit
    should and the unit after it; the sub-item is part of the measure, the unit goes to its
    column and the cells after it follow in order."""
    unit_at = next((i for i, role in enumerate(roles) if role in resp.UNIT_ROLES), None)
    if (
        unit_at is None
        or unit_at == 0
        or roles[unit_at - 1] != "measure"
        or unit_at >= len(cells)
        or (not cells[unit_at].blank and _names_units(cells[unit_at].text))
    ):
        return cells
    filled = [i for i in range(unit_at, min(len(cells), unit_at + 3)) if not cells[i].blank]
    if len(filled) < 2:
        return cells
    sub_item, unit = filled[:2]
    if _NUMBER_RE.match(squash_spaces(cells[sub_item].text)) or not _unit_like(cells[unit].text):
        return cells
    joined = _joined_cells(cells[unit_at - 1], cells[sub_item])
    shifted = [*cells[: unit_at - 1], joined, *cells[unit:]]
    return shifted + [_Cell([], cells[0].line) for _ in range(len(cells) - len(shifted))]


# Share of rows whose cell must be filled, each with its own text, for a column to title
# its row rather than to group several rows.
_TITLE_FILLED = 0.8


def _titled_by_each_row(roles: list[str], rows: list[Row]) -> list[str]:
    """The column left of the measure is each row's title, not a category spanning rows,
    where nearly every row fills it with its own text (工作任务 | 具体工作要求: the task,
    then what it requires): the measure is read from both, as for 项目名称."""
    if "measure" not in roles:
        return roles
    left = roles.index("measure") - 1
    if left < 0 or roles[left] != "outline" or "title" in roles or len(rows) < 2:
        return roles
    texts = [squash_spaces(r[left].text) for r in rows if len(r) == len(roles)]
    filled = [t for t in texts if t]
    if len(texts) < 2 or len(filled) < _TITLE_FILLED * len(rows) or len(set(filled)) < len(filled):
        return roles
    if any(_numbering(t) for t in filled):
        return roles  # numbered 一、 （一） 1.: sections and tasks, not titles
    return [*roles[:left], "title", *roles[left + 1 :]]


def _items_of_one_list(first: _Cell, second: _Cell) -> bool:
    """Two rows that open with items numbered alike (8.… and 9.…), or each with a serial
    cell of its own (| 7 | … | and | 8 | … |), are two rows."""
    one, other = squash_spaces(first.text), squash_spaces(second.text)
    if _SERIAL_RE.match(one) and _SERIAL_RE.match(other):
        return True
    level = _numbering(one)
    return level is not None and level == _numbering(other)


def _merge_split_rows(rows: list[Row], width: int) -> list[Row]:
    """Join a row cut in two by a stray blank line: two short pieces that fit one row."""
    merged: list[Row] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        while (
            i + 1 < len(rows)
            and len(row) < width
            and len(row) + len(rows[i + 1]) <= width
            and not _items_of_one_list(row[0], rows[i + 1][0])
        ):
            row = row + rows[i + 1]
            i += 1
        merged.append(row)
        i += 1
    return merged


_TOTAL_ROW_RE = re.compile(r"^(?:合计|小计|总计|共计)")


def _join_wrapped_rows(rows: list[Row], width: int) -> list[Row]:
    """In a table whose rows open with their number, a short line that does not is the rest
    of the row above, its last cell wrapped onto a new line (…起到了作用 / 市财政未安排…。
    | 王家耀 |): its first piece goes on that cell, its other pieces are the row's next cells."""
    joined: list[Row] = []
    for row in rows:
        previous = joined[-1] if joined else None
        opening = simplified(squash_spaces(row[0].text))
        if (
            previous is not None
            and len(row) < width
            and _SERIAL_RE.match(squash_spaces(previous[0].text))
            and not _SERIAL_RE.match(opening)
            # a section or total row (（二）生态环境 |, 合计 |) stands on its own, and a
            # unit cell is never the rest of another cell
            and not (LEVEL1_RE.match(opening) or LEVEL2_RE.match(opening))
            and not LEVEL3_RE.match(opening)
            and not _TOTAL_ROW_RE.match(opening)
            and not _names_units(squash_spaces(previous[-1].text))
            and not _names_units(opening)
            and len(previous) + len(row) - 1 <= max(width, len(previous))
        ):
            joined[-1] = [*previous[:-1], _joined_cells(previous[-1], row[0]), *row[1:]]
            continue
        joined.append(row)
    return joined


def _unit_lines(cell: _Cell) -> list[tuple[str, int]]:
    """Units of a cell, each with the source line it starts on; a name may wrap onto the next."""
    if cell.explicitly_none:
        return []
    # Each piece is a run of lines joined where a name wraps: [text, [(offset, line)]] with
    # the source line of the text from each offset on.
    pieces: list[list] = []
    depth = 0
    for index, raw in enumerate(cell.lines):
        # Spaces are kept (collapsed) for the unit splitter: 县教体局 各相关乡镇政府 is two.
        line = " ".join(resp.remove_first_listed_rule(raw).split())
        if not line:
            continue
        if pieces and (cell.runs_on or _continues(pieces[-1][0], line, depth)):
            pieces[-1][1].append((len(pieces[-1][0]), cell.line_of(index)))
            pieces[-1][0] += line
        else:
            pieces.append([line, [(0, cell.line_of(index))]])
        depth = bracket_balance(pieces[-1][0])
    units = []
    for text, starts in pieces:
        position = 0
        for unit in resp.split_units(text, conjunctions=True):
            at = text.find(unit, position)
            position = at + len(unit) if at >= 0 else position
            units.append((unit, max(line for offset, line in starts if offset <= max(at, 0))))
    return units


def _continues(previous: str, line: str, depth: int) -> bool:
    """Whether ``line`` continues a unit name wrapped at the end of ``previous``.

    The lexicon decides where it can, on the last name of ``previous`` (the head) and the
    first of ``line`` (the tail):

    1. Head and tail are both units written with their place (市…, 县…, 团市委, 各…): two
       units, as in 团市委 / 市妇联, 市委 / 市政府, 市教育局 / 市财政局.
    2. The joined name is a unit, and the tail alone is not a unit written with its place
       (宣传部, 人民政府, 局) or is a unit of another type (共青团 / 市委): a wrap, as in 市委 /
       宣传部, 各县（市、区） / 人民政府, 市人力社保 / 局. The joined name counts only if its
       place prefix ends within the head: 有关部门 / 市财政局 joined reads as 财政局 of a place
       called 有关部门市.
    3. The tail is a unit written with its place and the head is a unit: two units.

    Where the lexicon cannot tell, a line after a name-ending character (局, 委, 会 …) or a
    closing bracket starts a new unit unless it is one or two characters that cannot open a
    name; any other line continues the name.
    """
    if depth > 0 or previous[-1] in "、，,":
        return depth > 0
    if line[0] in OPEN_BRACKETS:
        return True  # 各乡 / （镇）人民政府, 市发改委 / （牵头）: no name opens with a bracket
    head = bracket_depth_split(previous, _LIST_SEPARATORS)[-1]
    tail = bracket_depth_split(line, _LIST_SEPARATORS)[0]
    if head and tail:
        if _branch_of_a_national_body(head, tail):
            return True
        if _placed(head) and _placed(tail):
            return False
        joined = resolve(head + tail)
        joins = joined.agency_type is not None and len(joined.prefix) <= len(normalize_name(head))
        if joins and (not _placed(tail) or joined.agency_type != resolve(tail).agency_type):
            return True
        if _placed(tail) and resolve(head).agency_type is not None:
            return False
    last = simplified(previous[-1])
    if last in resp.UNIT_ENDINGS or last in CLOSE_BRACKETS:
        return simplified(line[0]) not in resp.UNIT_STARTS and len(line) <= 2
    return True


_NATIONAL_RE = re.compile(r"^(?:国家|中国|中华全国)")


def _branch_of_a_national_body(head: str, tail: str) -> bool:
    """A local branch named after its national body, wrapped after it (国家税务总局 / 莒县
    税务局; 国家统计局 / 沛县调查队): one name, as the tax, statistics and central bank
    offices are written."""
    if not _NATIONAL_RE.match(simplified(head)) or not _placed(tail):
        return False
    national = resolve(head).agency_type
    return national is not None and resolve(head + tail).agency_type == national


def _placed(name: str) -> bool:
    """Whether a name is a unit written with its place (市人社局, 团市委, 各乡镇), not 宣传部."""
    found = resolve(name)
    return found.agency_type is not None and (
        bool(found.prefix) or simplified(name[0]) in resp.UNIT_STARTS
    )


def parse_table(text: str, doc_id: str) -> CodedPlan:
    """Code the responsibility tables flattened to text.

    A plan with several tables, each under its own title (附表1 …, 附件2 …, …任务清单),
    has each coded under its own header; the measures of the second table on have ids
    prefixed ``{doc_id}-tab{k}``.

    Parameters
    ----------
    text
        The plan's text (line endings normalised).
    doc_id
        Prefix of the measure ids.

    Returns
    -------
    CodedPlan
        One measure per row with a measure cell; lead and support assignments with
        blank cells carried down and marked ``inherited``.
    """
    whole = _parse_one_table(text, doc_id)
    if not whole.measures:
        return whole
    tables = _coded_tables(text, doc_id)
    return _joined_plans(tables) if len(tables) >= 2 else whole


# A line opening a table of its own: its title (附表2 …, 附件3, …任务分解表, …清单).
_TABLE_OPENING_RE = re.compile(
    r"^\s*(?:(?:附表|附件)\s*[0-9０-９一二三四五六七八九十]{1,3}(?![.．、])"
    r"|[^，,。；;：:|｜\t]{2,40}(?:表|清单|一览表|台账)\s*$)"
)


def _coded_tables(text: str, doc_id: str) -> list[CodedPlan]:
    """Each table of a text with several tables, coded on its own; the lines of the other
    tables are blanked so that every line keeps its number. A first-listed rule stated
    for the lines below (下同) holds in the later tables."""
    lines = text.split("\n")
    openings = [i for i, line in enumerate(lines) if _TABLE_OPENING_RE.match(line)]
    if len(openings) < 2:
        return []
    bounds = [*openings, len(lines)]
    coded: list[CodedPlan] = []
    rules_below: list[int] = []
    for start, end in pairwise(bounds):
        segment = "\n".join(line if start <= i < end else "" for i, line in enumerate(lines))
        prefix = doc_id if not coded else f"{doc_id}-tab{len(coded) + 1}"
        plan = _parse_one_table(segment, prefix, rules_below)
        if plan.measures:
            coded.append(plan)
        rules_below += [
            i + 1
            for i in range(start, end)
            if "下同" in simplified(lines[i]) and resp.find_first_listed_rule(lines[i])
        ]
    return coded


def _joined_plans(plans: list[CodedPlan]) -> CodedPlan:
    """One plan of the tables coded one by one, in source order."""
    joined = CodedPlan(layout="table")
    for plan in plans:
        joined.measures += plan.measures
        joined.assignments += plan.assignments
        joined.officials += plan.officials
        joined.warnings += plan.warnings
        joined.flags |= plan.flags
        joined.table_lines += plan.table_lines
    rows = [len(p.measures) for p in plans]
    joined.layout_confidence = round(
        sum(p.layout_confidence * n for p, n in zip(plans, rows, strict=True)) / sum(rows), 3
    )
    return joined


def _heading_row(cells: Row) -> str | None:
    """The title of a row that holds only a section's heading (一、… / （一）…), or None."""
    filled = [c for c in cells if not c.blank]
    if len(filled) != 1 or len(cells) < 2:
        return None
    label = squash_spaces(filled[0].text).strip("*")  # **一、经济发展** in a markdown copy
    level = LEVEL1_RE.match(label) or LEVEL2_RE.match(label) or _PART_RE.match(label)
    if level is None or len(label) - level.end() < 2 or not _is_category_heading(label):
        return None  # (二)对…文件进行解读。: an item standing alone in its row
    note = resp.find_note(filled[0].text)
    if note is not None and note.units:
        return None  # (一)市场准入(牵头单位:A): a heading with a note of its own, a measure
    return label[level.end() :]


def _parse_one_table(text: str, doc_id: str, rules_above: list[int] = ()) -> CodedPlan:
    plan = CodedPlan(layout="table")
    table = _table_rows(text)
    if table is None:
        return plan
    counts = [len(r) for r in table.rows]
    width = max(set(counts), key=lambda n: (counts.count(n), n))
    header_kinds = _header_kinds(table.header) or []
    if (
        len(header_kinds) > width
        and len(header_kinds) in counts
        and (
            _column_roles(table.header, len(header_kinds))[0] == "outline"
            # a matrix's rows end at their last mark (trailing blank cells not written)
            or header_kinds[-1] == "marks"
        )
    ):
        # A category cell merged down its rows (大类) is written on its first row only:
        # the other rows are short by it, not the table narrower than its header.
        width = len(header_kinds)
    elif len(header_kinds) > width >= max(counts) - 1 and _rows_misfit(
        table.rows, width, header_kinds
    ):
        # Most rows lost merged or blank cells (细化分工 merged over several tasks; 备注 never
        # filled), so that, read at their own width, deadlines stand in the unit column: the
        # header's columns are the table's, and the rows are placed by content.
        width = len(header_kinds)
    elif (
        len(header_kinds) > width
        and len(header_kinds) in counts
        and _rows_slid(table.rows, width, _column_roles(table.header, len(header_kinds)))
    ):
        # Rows under a task cell merged over several of them (rowspan) lost it, and their
        # units slid into the work column: the full rows and the header give the width.
        width = len(header_kinds)
    rows = _merge_split_rows(table.rows, width)
    if header_kinds[:1] == ["serial"]:
        rows = _join_wrapped_rows(rows, max(width, len(header_kinds)))
        rows = _without_trailing_text(rows)
    roles = _titled_by_each_row(_column_roles(table.header, width), rows)
    # a responsibility matrix's units head its columns; its legend says what each mark means
    marked_units = {
        i: strip_spaces(table.header[i].text) for i, r in enumerate(roles) if r == "marks"
    }
    legend = _mark_legend(text) if marked_units else {}
    if marked_units:
        written = [r[i].text for r in rows for i in marked_units if i < len(r) and not r[i].blank]
        marks = sum(_mark_role(t, legend) is not None for t in written)
        if not written or marks < _MATRIX_MARKS_SHARE * len(written):
            # columns headed by places that hold figures (东坡区 | 仁寿县 …), not marks
            roles = ["other" if role == "marks" else role for role in roles]
            marked_units = {}
            if not any(role in resp.UNIT_ROLES for role in roles):
                return plan
    regular = sum(len(r) == width for r in rows) - table.doubtful_rows
    plan.layout_confidence = round(max(regular, 0) / len(rows), 3)
    plan.warnings.extend(table.warnings)
    plan.flags.update(table.flags)
    official_label = next(
        (
            squash_spaces(c.text)
            for c in table.header
            if _role_header(simplified(squash_spaces(c.text))) == "official"
        ),
        "",
    )
    rule_lines = [*rules_above] + [
        0 if resp.rule_holds_everywhere(line) else number
        for number, line in enumerate(text.split("\n"), start=1)
        if resp.find_first_listed_rule(line)
    ]
    # a rule in a header cell wrapped over lines (责任单位（排在第一 / 位的为牵头单位）)
    rule_lines += [
        cell.line
        for cell in table.header
        if len(cell.lines) > 1 and resp.find_first_listed_rule(squash_spaces(cell.text))
    ]
    if rule_lines:
        plan.flags.add("first_listed_rule")

    section_no, section_title = 0, ""
    task_no, task_title, row_in_task, task_count = "", "", 0, 0
    outline_above: dict[int, str] = {}
    taken_ids: set[str] = set()
    carried_lead: list[tuple[str, bool, int]] = []
    carried_support: list[tuple[str, bool, int]] = []
    carried_officials: list[tuple[str, str, int]] = []
    for cells in rows:
        heading = _heading_row(cells)
        if heading is not None and width >= 3:
            # a group's heading in a row of blank cells (| 一、扩大有效投资 | | | |): a section
            # over the rows below, no measure, and no units carried across it
            section_no = max(section_no, 0) + 1
            section_title = heading
            task_count = 0
            carried_lead, carried_support, carried_officials = [], [], []
            continue
        if len(cells) != width:
            plan.warnings.append((cells[0].line, f"row has {len(cells)} cells, {width} expected"))
        filled = len(cells)
        while filled > 1 and cells[filled - 1].blank:
            filled -= 1
        texts = [squash_spaces(c.text) for c in cells[:filled]]
        misfit = any(
            text and _fit(role, text) is None for role, text in zip(roles, texts, strict=False)
        )
        # a short row's last cell names its units, though the unit columns are at the end
        stranded = (
            filled < width
            and roles[filled - 1] in ("measure", "title", "outline")
            and any(r in resp.UNIT_ROLES for r in roles[filled:])
            and _names_units(texts[filled - 1])
        )
        # a short row's unit names stand in a work column while unit columns are left
        # empty at its end: the row lost a merged task or category cell (rowspan)
        slid = (
            filled < width
            and any(r in resp.UNIT_ROLES for r in roles[filled:])
            and any(
                role in ("measure", "title") and _only_units(text)
                for role, text in zip(roles, texts, strict=False)
            )
        )
        opened = _opened_after_serial(cells, roles, width) if misfit or stranded or slid else None
        if opened is not None:
            # a row under a cell merged down from the serial's neighbour (rowspan) wrote
            # its cells after that one, its blank cells at the end included
            cells = opened
        elif filled < width and (misfit or stranded or slid):
            # A short row lost its merged (blank) cells, or had them moved to its end, so a
            # cell stands in a column it cannot belong to: place its cells by content.
            cells = cells[:filled]
            placed, _ = _place(texts, [0] * filled, roles, None)
            full = [_Cell([], cells[0].line) for _ in range(width)]
            for column, cell in zip(placed, cells, strict=True):
                full[column] = cell if full[column].blank else _joined_cells(full[column], cell)
            cells = full
        if plan.measures:
            cells = _item_under_merged_category(cells, roles, plan.measures[-1].text)
        cells = _sub_item_before_units(cells, roles)
        by_role: dict[str, list[_Cell]] = {}
        for role, cell in zip(roles, cells, strict=False):
            by_role.setdefault(role, []).append(cell)
            if cell.doubtful:
                plan.flags.add("table_cells_ambiguous")
                plan.warnings.append(
                    (
                        cell.line,
                        "units stacked under a lead and a support column: the first read "
                        "as the lead, check",
                    )
                )

        outline = by_role.get("outline", [])
        for position, cell in enumerate(outline):
            # A category written again on every row it spans (not left blank as a merged
            # cell) is the same category.
            if cell.blank or outline_above.get(position) == cell.text:
                continue
            label = outline_above[position] = cell.text
            level2 = LEVEL2_RE.match(label) or LEVEL1_RE.match(label)
            level3 = LEVEL3_RE.match(label)
            # Numbered 1. a cell is a task; otherwise the first outline column holds
            # sections (a category spanning rows), a second one tasks.
            if level2 or (not level3 and position == 0):
                section_no += 1
                section_title = label[level2.end() :] if level2 else label
                task_count = 0
                heading_note = resp.find_note(cell.text) if level2 else None
                if heading_note is not None and heading_note.closed and heading_note.units:
                    # a category heading with its own note ((一)市场准入(牵头单位:A)) over
                    # rows with theirs: both are measures (the corpus README's rule)
                    section_title = _code_heading(
                        plan, cell, heading_note, f"{doc_id}-s{section_no}", section_no
                    )
            else:
                task_count += 1
                task_no = str(to_int(level3.group(1))) if level3 else str(task_count)
                task_title = label[level3.end() :] if level3 else label
                row_in_task = 0
        serial = by_role.get("serial", [])
        # (a serial cell holding text, a row misplaced, gives no number: ids stay numbers)
        serial_number = to_int(serial[0].text.rstrip(".、．")) if serial else 0
        if serial_number and len(outline) < 2:
            task_no = str(serial_number)
            task_title, row_in_task = "", 0
        section_no = max(section_no, 1)

        measure_cells = by_role.get("measure", [])
        if not measure_cells or measure_cells[0].blank:
            if any(not c.blank for r in resp.UNIT_ROLES for c in by_role.get(r, [])):
                plan.warnings.append((cells[0].line, "units in a row with no measure: not coded"))
            continue
        measure_cell = measure_cells[0]
        for title in reversed([c for c in by_role.get("title", []) if not c.blank]):
            measure_cell = _joined_cells(title, measure_cell)
        row_in_task += 1
        if not task_no:
            task_count += 1
            task_no = str(task_count)
        measure_id = f"{doc_id}-s{section_no}-t{task_no}-r{row_in_task}"
        # A serial column that restarts (two tables, or numbering repeated per category)
        # would give two rows one id, and every table keyed on it would merge them.
        while measure_id in taken_ids:
            row_in_task += 1
            measure_id = f"{doc_id}-s{section_no}-t{task_no}-r{row_in_task}"
        taken_ids.add(measure_id)
        timeline = by_role.get("timeline", [])
        plan.measures.append(
            Measure(
                measure_id=measure_id,
                section_no=section_no,
                section_title=section_title,
                task_no=task_no,
                task_title=task_title,
                text=measure_cell.text,
                timeline=timeline[0].text if timeline and not timeline[0].explicitly_none else "",
                line=measure_cell.line,
            )
        )

        marked = [
            (role, marked_units[i], cells[i].line)
            for i in marked_units
            if i < len(cells) and (role := _mark_role(cells[i].text, legend))
        ]
        leads, supports = _row_units(by_role, rule_lines, plan, marked)
        lead_none, support_none = (
            any(c.explicitly_none for role in roles_of for c in by_role.get(role, []))
            for roles_of in (("lead", "single"), ("support",))
        )
        # A row whose single responsibility column is filled states all its units, as does
        # every row of a matrix (a row with no mark names no unit)
        stated = bool(marked_units) or any(not c.blank for c in by_role.get("single", []))
        if leads or lead_none or stated:
            carried_lead = [(r, u, False, line) for r, u, line in leads]
            if supports or not any(c.text in _DITTO for c in by_role.get("support", [])):
                carried_support = [(r, u, False, line) for r, u, line in supports]
            else:
                # a lead of its own beside 同上 in the support column: the supports above
                carried_support = [(r, u, True, line) for r, u, _, line in carried_support]
        else:
            if not carried_lead and supports:
                plan.warnings.append((measure_cell.line, "blank lead cell with no lead above"))
            carried_lead = [(r, u, True, line) for r, u, _, line in carried_lead]
            if supports or support_none:
                carried_support = [(r, u, False, line) for r, u, line in supports]
            else:
                carried_support = [(r, u, True, line) for r, u, _, line in carried_support]
        leading = {unit for role, unit, _, _ in carried_lead if role == "lead"}
        for role, unit, inherited, line in [*carried_lead, *carried_support]:
            if role != "lead" and unit in leading:
                continue  # the lead named again in the support column (carried down or not)
            plan.assignments.append(Assignment(measure_id, role, unit, inherited, line))
        officials = []
        for official_cell in by_role.get("official", []):
            for written, line in _unit_lines(official_cell):
                name, title = resp.split_official(written)
                # A bare name under 分管区领导 holds the title in its column's label.
                officials.append((name, title or official_label, line))
        for unit_cell in (c for r in resp.UNIT_ROLES for c in by_role.get(r, [])):
            if not unit_cell.blank:
                for name, line in _unit_lines(unit_cell):
                    if resp.is_person_name(name):
                        officials.append((name, "", line))
                    elif (with_person := resp.unit_with_person(name)) is not None:
                        officials.append((*resp.split_official(with_person[1]), line))
        if officials or leads or lead_none or stated:
            carried_officials = officials
        # A row whose lead is carried down from a merged cell shares that cell's official.
        for name, title, line in carried_officials:
            plan.officials.append(Official(measure_id, name, title, line))
    cell_lines = [
        cell.line_of(i) for row in table.rows for cell in row for i in range(len(cell.lines))
    ]
    plan.table_lines = ((min(c.line for c in table.header), max(cell_lines, default=0)),)
    return plan


def _only_units(text: str) -> bool:
    """A cell of unit names alone, none a task's title (鼓励企业建立创新工作室 ends like one)."""
    return _unit_like(text) and not any(resp.titles_work(u) for u in resp.split_units(text))


def _opened_after_serial(cells: Row, roles: list[str], width: int) -> Row | None:
    """A short row's cells with blank cells put in after its serial for the merged ones,
    where each written cell then fits its column; else None."""
    missing = width - len(cells)
    if roles[:1] != ["serial"] or not 0 < missing < len(roles) - 1 or cells[0].blank:
        return None
    opened = [cells[0], *(_Cell([], cells[0].line) for _ in range(missing)), *cells[1:]]
    fits = all(
        cell.blank or _fit(role, squash_spaces(cell.text)) is not None
        for role, cell in zip(roles, opened, strict=False)
    )
    return opened if fits else None


def _rows_slid(rows: list[Row], width: int, roles: list[str]) -> bool:
    """Whether most rows of ``width`` cells, read under the header's wider ``roles``, put
    a list of units in a work column (a merged cell's place taken by the cells after it)."""
    short = [r for r in rows if len(r) == width]
    slid = sum(
        any(
            role in ("measure", "title") and _only_units(squash_spaces(cell.text))
            for role, cell in zip(roles, row, strict=False)
        )
        for row in short
    )
    return slid * 2 > len(short)


def _rows_misfit(rows: list[Row], width: int, header_kinds: list[str]) -> bool:
    """Whether, read at ``width`` columns, most rows put a text in a unit column that cannot
    be a unit (a deadline: 长期推进, 2021年8月前)."""
    roles = header_kinds[:width]
    units = [i for i, role in enumerate(roles) if role in resp.UNIT_ROLES]
    short = [r for r in rows if len(r) == width]
    misfits = sum(
        any(_fit(roles[i], squash_spaces(row[i].text)) is None for i in units if i < len(row))
        for row in short
    )
    return bool(units) and misfits * 2 > len(short)


def _code_heading(
    plan: CodedPlan, cell: _Cell, note: resp.Note, measure_id: str, section_no: int
) -> str:
    """A category heading's own note coded as a measure of its section; returns the
    heading's title (without its numbering and note)."""
    text = cell.text
    numbering = LEVEL2_RE.match(text) or LEVEL1_RE.match(text)
    title = strip_spaces(text[numbering.end() if numbering else 0 : note.start])
    plan.measures.append(
        Measure(
            measure_id=measure_id,
            section_no=section_no,
            section_title=title,
            task_no="",
            task_title="",
            text=title,
            timeline="",
            line=cell.line,
        )
    )
    for role, unit, offset in resp.resolve_roles(list(note.units), first_leads=False):
        plan.assignments.append(Assignment(measure_id, role, unit, False, _line_at(cell, offset)))
    return title


def _cell_units(cell: _Cell | None, role: str) -> list[tuple[str, str, int]]:
    """A unit cell's units as (role, unit, line): the column's role, a unit's own role mark
    (A（牵头）), or the roles a sentence in the cell gives (A、B配合落实; A牵头，B、C)."""
    if cell is None or cell.blank:
        return []
    if resp.starts_note_label(cell.text):
        # labels inside the cell (牵头：A；配合：B) say each unit's role
        found = resp.label_units(cell.text)
        if found.units:
            return [(r, u, _line_at(cell, offset)) for r, u, offset in found.units]
    listed = _unit_lines(cell)
    if listed and resp.has_role_verb(cell.text):
        parsed = resp.sentence_units(cell.text, open_tail=role, objects=True)
        if parsed is not None and parsed.units:
            return [(r, u, _line_at(cell, offset)) for r, u, offset in parsed.units]
    units = []
    for unit, line in listed:
        if resp.is_person_name(unit):
            continue  # a unit's head named beside it (市民政局 伍泽国): an official
        with_person = resp.unit_with_person(unit)
        if with_person is not None:
            unit = with_person[0]  # 市发改委（张伟）: the person is an official
        marked, unit = resp.role_marked(unit)
        units.append((marked or role, unit, line))
    return units


_JOINTLY_RE = re.compile(r"[（(]\s*共同负责\s*[）)]$")


def _line_at(cell: _Cell, offset: int) -> int:
    """The source line of a character offset in a cell's joined text."""
    position = 0
    for index, part in enumerate(cell.lines):
        position += len(strip_spaces(part))
        if offset < position:
            return cell.line_of(index)
    return cell.line_of(len(cell.lines) - 1)


def _row_units(by_role, rule_lines: list[int], plan: CodedPlan, marked=()):
    """(leads, supports) written in a row, units as [(role, unit, line)].

    Leads are ``lead`` or, for several units named in a single list with no lead and no
    first-listed rule, ``responsible``. A lead written again in the support column is kept
    once, as lead. Rows that name no lead of their own return no leads, so that a lead may
    be carried down into them.
    """
    lead_cell = (by_role.get("lead") or [None])[0]
    single_cell = (by_role.get("single") or [None])[0]
    units = [
        *_cell_units(lead_cell, "lead"),
        *_cell_units(single_cell, "single"),
        # every supporting column (配合单位 | 协办单位)
        *(unit for cell in by_role.get("support", ()) for unit in _cell_units(cell, "support")),
        # a matrix's marks (● under 市住建局), read from its legend
        *marked,
    ]
    first_leads = single_cell is not None and any(line <= single_cell.line for line in rule_lines)
    if single_cell is not None and _JOINTLY_RE.search(single_cell.text):
        # A、B（共同负责）: the exception a first-listed rule states for lists written so
        first_leads = False
    indexed = [(role, unit, i) for i, (role, unit, _) in enumerate(units)]
    resolved = [
        (role, units[i][1], units[i][2])
        for role, _, i in resp.resolve_roles(indexed, first_leads=first_leads)
    ]
    if sum(role == "responsible" for role, _, _ in resolved) > 1:
        plan.flags.add("single_list_no_lead_rule")
    leads = [u for u in resolved if u[0] in ("lead", "responsible")]
    supports = [u for u in resolved if u[0] == "support"]
    return leads, supports
