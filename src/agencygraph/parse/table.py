"""Responsibility tables flattened to text (the *table* layout).

A table exported from a word processor becomes one tab-led line per cell, with a
blank line between rows; a cell's text wrapped in the original continues on lines
without a tab; a blank cell (a tab alone) stands for a vertically merged cell.

The header row names the columns (牵头单位, 配合单位, 时间进度 …), so the column order is
read, not assumed. When data rows have more cells than the header (a header cell such
as 主要举措 spanning a section and a task column), the extra cells are the outline
columns to the left of the measure column.

Blank lead and support cells follow the carry-down rule (see ``tests/data/gold/README.md``):

1. lead blank: the lead of the nearest row above is carried down (``inherited``);
2. lead and supports blank: the lead and the supports of the row above are carried;
3. lead blank, supports filled: only the lead is carried;
4. lead filled, supports blank: the row has no supporting units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agencygraph.parse._records import Assignment, CodedPlan, Measure
from agencygraph.parse._text import (
    CLOSE_BRACKETS,
    LEVEL2_RE,
    LEVEL3_RE,
    OPEN_BRACKETS,
    split_units,
    squash_spaces,
    strip_spaces,
    to_int,
)

# Header vocabulary, most specific first: a header cell takes the first column kind it matches.
_HEADER_KINDS = (
    ("lead", re.compile(r"牵头|主办|主责")),
    ("support", re.compile(r"(配合|协同|责任|协办|参与|参加)(单位|部门)")),
    ("timeline", re.compile(r"时间|进度|时限|期限")),
    ("serial", re.compile(r"^序号$|^编号$")),
    ("measure", re.compile(r"分解|具体|措施|内容|举措|任务|事项|工作|要求")),
)
# A header cell naming the measure column itself rather than a category spanning others.
_MEASURE_HEADER_RE = re.compile(r"分解|具体|内容|措施")

# Characters that end a unit name: a wrapped line ending in one of them is a whole unit.
_UNIT_ENDINGS = set("局委会部办联院厅室所心站队团社台处府司行校馆组署庭盟旗政")
_UNIT_STARTS = set("市县区省州盟旗镇乡街团各")


@dataclass
class _Cell:
    lines: list[str]
    line: int

    @property
    def text(self) -> str:
        return strip_spaces("".join(strip_spaces(part) for part in self.lines))

    @property
    def blank(self) -> bool:
        return not self.text


def looks_like_table(text: str) -> bool:
    """Whether a text is a flattened responsibility table: tab-led cells and a header row."""
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return False
    tab_led = sum(line.startswith("\t") for line in lines)
    return tab_led >= 0.3 * len(lines) and _find_header(_blocks(text)) is not None


def _blocks(text: str) -> list[tuple[list[_Cell], list[tuple[int, str]]]]:
    """Split into rows at blank lines; each row is its cells and any untabbed lead-in text."""
    blocks: list[tuple[list[_Cell], list[tuple[int, str]]]] = []
    cells: list[_Cell] = []
    loose: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith("\t"):
            cells.append(_Cell([line[1:]], number))
        elif not line.strip():
            if cells or loose:
                blocks.append((cells, loose))
            cells, loose = [], []
        elif cells:
            cells[-1].lines.append(line)
        else:
            loose.append((number, line))
    if cells or loose:
        blocks.append((cells, loose))
    return blocks


def _header_kinds(cells: list[_Cell]) -> list[str] | None:
    kinds = []
    for cell in cells:
        label = squash_spaces(cell.text)
        kind = next((k for k, pattern in _HEADER_KINDS if pattern.search(label)), "other")
        kinds.append(kind)
    return kinds if "lead" in kinds and "measure" in kinds else None


def _find_header(blocks) -> int | None:
    for index, (cells, _loose) in enumerate(blocks):
        if cells and _header_kinds(cells) is not None:
            return index
    return None


def _column_roles(header: list[_Cell], width: int) -> list[str]:
    """Map each data column to a role: outline, measure, timeline, lead, support, serial, other."""
    kinds = _header_kinds(header) or []
    labels = [squash_spaces(c.text) for c in header]
    measure_at = [i for i, k in enumerate(kinds) if k == "measure"]
    # Of several measure-like headers, the one naming the measure itself (责任分解, 具体措施)
    # is the measure column; the others are categories to its left.
    specific = [i for i in measure_at if _MEASURE_HEADER_RE.search(labels[i])]
    measure_col = (specific or measure_at)[-1]
    for i in measure_at:
        if i != measure_col:
            kinds[i] = "outline"
    extra = width - len(kinds)
    if extra > 0:
        # A merged header cell spans the leftmost outline columns.
        first_outline = next((i for i, k in enumerate(kinds) if k == "outline"), 0)
        kinds[first_outline:first_outline] = ["outline"] * extra
    return kinds[:width] if extra < 0 else kinds


def _merge_split_rows(rows: list[list[_Cell]], width: int) -> list[list[_Cell]]:
    """Join a row cut in two by a stray blank line: two short pieces that fit one row."""
    merged: list[list[_Cell]] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        while i + 1 < len(rows) and len(row) < width and len(row) + len(rows[i + 1]) <= width:
            row = row + rows[i + 1]
            i += 1
        merged.append(row)
        i += 1
    return merged


def _unit_lines(cell: _Cell) -> list[tuple[str, int]]:
    """Units of a cell with their source lines, one per line unless a name wraps onto the next."""
    pieces: list[list] = []  # [text, line where the unit starts]
    depth = 0
    for offset, raw in enumerate(cell.lines):
        line = squash_spaces(raw)
        if not line:
            continue
        if pieces and _continues(pieces[-1][0], line, depth):
            pieces[-1][0] += line
        else:
            pieces.append([line, cell.line + offset])
        depth = sum(c in OPEN_BRACKETS for c in pieces[-1][0]) - sum(
            c in CLOSE_BRACKETS for c in pieces[-1][0]
        )
    return [(unit, line) for piece, line in pieces for unit in split_units(piece)]


def _continues(previous: str, line: str, depth: int) -> bool:
    """Whether ``line`` continues a unit name wrapped at the end of ``previous``."""
    if depth > 0 or previous[-1] in "、，,":
        return depth > 0
    last = previous[-1]
    if last in _UNIT_ENDINGS or last in CLOSE_BRACKETS:
        return line[0] not in _UNIT_STARTS and len(line) <= 2
    return True


def parse_table(text: str, doc_id: str) -> CodedPlan:
    """Code a responsibility table flattened to text.

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
    blocks = _blocks(text)
    header_at = _find_header(blocks)
    plan = CodedPlan(layout="table")
    if header_at is None:
        return plan
    header = blocks[header_at][0]
    header_text = [squash_spaces(c.text) for c in header]
    rows = [
        cells
        for cells, _loose in blocks[header_at + 1 :]
        if cells and [squash_spaces(c.text) for c in cells] != header_text
    ]
    if not rows:
        return plan
    counts = [len(r) for r in rows]
    width = max(set(counts), key=lambda n: (counts.count(n), n))
    rows = _merge_split_rows(rows, width)
    roles = _column_roles(header, width)

    section_no, section_title = 0, ""
    task_no, task_title, row_in_task, task_count = "", "", 0, 0
    carried_lead: list[str] = []
    carried_support: list[str] = []
    for cells in rows:
        if len(cells) < width:
            plan.warnings.append((cells[0].line, f"row has {len(cells)} of {width} cells"))
        if len(cells) > width:
            plan.warnings.append((cells[0].line, f"row has {len(cells)} cells, {width} expected"))
        by_role: dict[str, list[_Cell]] = {}
        for role, cell in zip(roles, cells, strict=False):
            by_role.setdefault(role, []).append(cell)

        outline = by_role.get("outline", [])
        for position, cell in enumerate(outline):
            if cell.blank:
                continue
            label = cell.text
            level2 = LEVEL2_RE.match(label)
            level3 = LEVEL3_RE.match(label)
            # With two outline columns the first holds sections and the second tasks;
            # with one, the numbering style tells them apart.
            if level2 or (not level3 and len(outline) > 1 and position == 0):
                section_no += 1
                section_title = label[level2.end() :] if level2 else label
                task_count = 0
            else:
                task_count += 1
                task_no = str(to_int(level3.group(1))) if level3 else str(task_count)
                task_title = label[level3.end() :] if level3 else label
                row_in_task = 0
        if section_no == 0:
            section_no = 1

        measure_cells = by_role.get("measure", [])
        if not measure_cells or measure_cells[0].blank:
            if any(not c.blank for r in ("lead", "support") for c in by_role.get(r, [])):
                plan.warnings.append((cells[0].line, "units in a row with no measure: not coded"))
            continue
        measure_cell = measure_cells[0]
        row_in_task += 1
        if not task_no:
            task_count += 1
            task_no = str(task_count)
        measure_id = f"{doc_id}-s{section_no}-t{task_no}-r{row_in_task}"
        timeline = by_role.get("timeline", [])
        plan.measures.append(
            Measure(
                measure_id=measure_id,
                section_no=section_no,
                section_title=section_title,
                task_no=task_no,
                task_title=task_title,
                text=measure_cell.text,
                timeline=timeline[0].text if timeline else "",
                line=measure_cell.line,
            )
        )

        lead_cell = (by_role.get("lead") or [None])[0]
        support_cell = (by_role.get("support") or [None])[0]
        leads = _unit_lines(lead_cell) if lead_cell else []
        supports = _unit_lines(support_cell) if support_cell else []
        if leads:
            carried_lead = [(u, False, line) for u, line in leads]
            carried_support = [(u, False, line) for u, line in supports]
        else:
            if not carried_lead:
                plan.warnings.append((measure_cell.line, "blank lead cell with no lead above"))
            carried_lead = [(u, True, line) for u, _, line in carried_lead]
            if supports:
                carried_support = [(u, False, line) for u, line in supports]
            else:
                carried_support = [(u, True, line) for u, _, line in carried_support]
        for unit, inherited, line in carried_lead:
            plan.assignments.append(Assignment(measure_id, "lead", unit, inherited, line))
        for unit, inherited, line in carried_support:
            plan.assignments.append(Assignment(measure_id, "support", unit, inherited, line))
    return plan
