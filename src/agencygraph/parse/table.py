"""Responsibility tables flattened to text (the *table* layout).

Two flattenings are read:

- **tab-led cells**: a table exported from a word processor becomes one tab-led line per
  cell, with a blank line between rows; a cell's text wrapped in the original continues
  on lines without a tab; a blank cell (a tab alone) stands for a vertically merged cell;
- **pipe rows**: one line per row, cells separated by ``|`` (``| 1 | 措施 | 市人社局 |``).

The header row names the columns (牵头单位, 配合单位, 责任单位, 完成时限, 序号 …), so the
column order is read, not assumed. When data rows have more cells than the header (a
header cell such as 主要举措 spanning a section and a task column), the extra cells are the
outline columns to the left of the measure column.

Blank lead and support cells follow the carry-down rule (``tests/data/gold/README.md``):

1. lead blank: the lead of the nearest row above is carried down (``inherited``);
2. lead and supports blank: the lead and the supports of the row above are carried;
3. lead blank, supports filled: only the lead is carried;
4. lead filled, supports blank: the row has no supporting units.

A table with a single 责任单位 column (no lead column) is a single list: its first unit
leads where the document states that rule (列第一位的为牵头单位), else all are support and
the document is flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from agencygraph.parse import responsibility as resp
from agencygraph.parse._records import Assignment, CodedPlan, Measure
from agencygraph.parse._text import (
    CLOSE_BRACKETS,
    LEVEL2_RE,
    LEVEL3_RE,
    OPEN_BRACKETS,
    simplified,
    squash_spaces,
    strip_spaces,
    to_int,
)

# Header vocabulary, most specific first: a header cell takes the first column kind it matches.
_HEADER_KINDS = (
    ("lead", re.compile(r"牵头|主办|主责")),
    ("single", re.compile(r"(责任|实施)(单位|部门)")),
    ("support", re.compile(r"(配合|协同|协办|参与|参加|协助)(单位|部门)")),
    ("timeline", re.compile(r"时间|进度|时限|期限|时序")),
    ("serial", re.compile(r"^(序号|编号|序)$")),
    ("outline", re.compile(r"类别|分类|领域|板块|方面|项目")),
    ("measure", re.compile(r"分解|具体|措施|内容|举措|任务|事项|工作|要求|目标")),
)
# A header cell naming the measure column itself rather than a category spanning others.
_MEASURE_HEADER_RE = re.compile(r"分解|具体|内容|措施")
_PIPE_SEPARATOR_RE = re.compile(r"^[\s|:：\-—=+]+$")

# Characters that end a unit name: a wrapped line ending in one of them is a whole unit.
_UNIT_ENDINGS = set("局委会部办联院厅室所心站队团社台处府司行校馆组署庭盟旗")
_UNIT_STARTS = set("市县区省州盟旗镇乡街团各")
_EXPLICIT_NONE = {"—", "——", "-", "－", "/", "／", "无", "\\", "、"}


@dataclass
class _Cell:
    lines: list[str]
    line: int

    @cached_property
    def text(self) -> str:
        # Read only once the row is complete: a cell's lines are all appended before.
        return strip_spaces("".join(strip_spaces(part) for part in self.lines))

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def explicitly_none(self) -> bool:
        """A cell that says "none" (—, /, 无): no units, and nothing carried into it."""
        return squash_spaces(self.text) in _EXPLICIT_NONE


Row = list[_Cell]


def looks_like_table(text: str) -> bool:
    """Whether a text is a flattened responsibility table (tab-led or pipe rows + a header)."""
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


def _pipe_rows(text: str) -> list[Row]:
    """One row per line with ``|`` between cells.

    A cell whose text runs onto the next line continues there: a line without pipes
    extends the last cell, and where rows are written between outer pipes (``| a | b |``),
    a row line that does not end in ``|`` is continued by the next line.
    """
    rows: list[Row] = []
    row_open = False
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped or _PIPE_SEPARATOR_RE.match(stripped):
            row_open = False
            continue
        if rows and (row_open or "|" not in stripped):
            first, *rest = stripped.split("|")
            rows[-1][-1].lines.append(first)
            rest = rest[:-1] if rest and not rest[-1].strip() else rest
            rows[-1].extend(_Cell([part], number) for part in rest)
            row_open = row_open and not stripped.endswith("|")
            continue
        if stripped.count("|") >= 2:
            parts = stripped.split("|")
            outer = stripped.startswith("|")
            if outer:
                parts = parts[1:]
            if parts and not parts[-1].strip():
                parts = parts[:-1]
            rows.append([_Cell([part], number) for part in parts])
            row_open = outer and not stripped.endswith("|")
    return rows


def _table_rows(text: str) -> tuple[Row, list[Row]] | None:
    """(header, data rows) of the table in a text, or None if it holds none."""
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return None
    candidates = []
    if sum(line.startswith("\t") for line in lines) >= 0.3 * len(lines):
        candidates.append(_tab_rows(text))
    if sum(line.count("|") >= 2 for line in lines) >= 3:
        candidates.append(_pipe_rows(text))
    for rows in candidates:
        for index, row in enumerate(rows):
            if _header_kinds(row) is not None:
                header_text = [squash_spaces(c.text) for c in row]
                data = [
                    r
                    for r in rows[index + 1 :]
                    if [squash_spaces(c.text) for c in r] != header_text
                ]
                if data:
                    return row, data
    return None


def _header_kinds(cells: Row) -> list[str] | None:
    kinds = []
    for cell in cells:
        label = simplified(squash_spaces(resp.remove_first_listed_rule(cell.text)))
        kinds.append(next((k for k, pattern in _HEADER_KINDS if pattern.search(label)), "other"))
    has_units = any(k in kinds for k in ("lead", "single"))
    return kinds if has_units and "measure" in kinds and len(kinds) >= 3 else None


def _column_roles(header: Row, width: int) -> list[str]:
    """Map each data column to a role: outline, measure, timeline, lead, support, single …"""
    kinds = _header_kinds(header) or []
    labels = [simplified(squash_spaces(c.text)) for c in header]
    if "lead" in kinds:
        # Beside a lead column, a 责任单位 column lists the supporting units.
        kinds = ["support" if k == "single" else k for k in kinds]
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
        first_outline = next((i for i, k in enumerate(kinds) if k == "outline"), measure_col)
        kinds[first_outline:first_outline] = ["outline"] * extra
    return kinds[:width] if extra < 0 else kinds


def _merge_split_rows(rows: list[Row], width: int) -> list[Row]:
    """Join a row cut in two by a stray blank line: two short pieces that fit one row."""
    merged: list[Row] = []
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
    if cell.explicitly_none:
        return []
    pieces: list[list] = []  # [text, line where the unit starts]
    depth = 0
    for offset, raw in enumerate(cell.lines):
        line = squash_spaces(resp.remove_first_listed_rule(raw))
        if not line:
            continue
        if pieces and _continues(pieces[-1][0], line, depth):
            pieces[-1][0] += line
        else:
            pieces.append([line, cell.line + offset])
        depth = sum(c in OPEN_BRACKETS for c in pieces[-1][0]) - sum(
            c in CLOSE_BRACKETS for c in pieces[-1][0]
        )
    return [(unit, line) for piece, line in pieces for unit in resp.split_units(piece)]


def _continues(previous: str, line: str, depth: int) -> bool:
    """Whether ``line`` continues a unit name wrapped at the end of ``previous``."""
    if depth > 0 or previous[-1] in "、，,":
        return depth > 0
    last = simplified(previous[-1])
    if last in _UNIT_ENDINGS or last in CLOSE_BRACKETS:
        return simplified(line[0]) not in _UNIT_STARTS and len(line) <= 2
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
    plan = CodedPlan(layout="table")
    found = _table_rows(text)
    if found is None:
        return plan
    header, rows = found
    counts = [len(r) for r in rows]
    width = max(set(counts), key=lambda n: (counts.count(n), n))
    rows = _merge_split_rows(rows, width)
    roles = _column_roles(header, width)
    plan.layout_confidence = round(sum(len(r) == width for r in rows) / len(rows), 3)
    rule_lines = [
        number
        for number, line in enumerate(text.split("\n"), start=1)
        if resp.find_first_listed_rule(line)
    ]
    if rule_lines:
        plan.flags.add("first_listed_rule")

    section_no, section_title = 0, ""
    task_no, task_title, row_in_task, task_count = "", "", 0, 0
    carried_lead: list[tuple[str, bool, int]] = []
    carried_support: list[tuple[str, bool, int]] = []
    for cells in rows:
        if len(cells) != width:
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
            # Numbered 1. a cell is a task; otherwise the first outline column holds
            # sections (a category spanning rows), a second one tasks.
            if level2 or (not level3 and position == 0):
                section_no += 1
                section_title = label[level2.end() :] if level2 else label
                task_count = 0
            else:
                task_count += 1
                task_no = str(to_int(level3.group(1))) if level3 else str(task_count)
                task_title = label[level3.end() :] if level3 else label
                row_in_task = 0
        serial = by_role.get("serial", [])
        if serial and not serial[0].blank and len(outline) < 2:
            task_no = str(to_int(serial[0].text) or serial[0].text)
            task_title, row_in_task = "", 0
        section_no = max(section_no, 1)

        measure_cells = by_role.get("measure", [])
        if not measure_cells or measure_cells[0].blank:
            if any(not c.blank for r in ("lead", "support", "single") for c in by_role.get(r, [])):
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
                timeline=timeline[0].text if timeline and not timeline[0].explicitly_none else "",
                line=measure_cell.line,
            )
        )

        leads, supports, lead_unknown = _row_units(by_role, rule_lines, plan)
        lead_none, support_none = (
            any(c.explicitly_none for c in by_role.get(role, [])) for role in ("lead", "support")
        )
        if leads or lead_unknown or lead_none:
            carried_lead = [(u, False, line) for u, line in leads]
            carried_support = [(u, False, line) for u, line in supports]
        else:
            if not carried_lead and supports:
                plan.warnings.append((measure_cell.line, "blank lead cell with no lead above"))
            carried_lead = [(u, True, line) for u, _, line in carried_lead]
            if supports or support_none:
                carried_support = [(u, False, line) for u, line in supports]
            else:
                carried_support = [(u, True, line) for u, _, line in carried_support]
        for unit, inherited, line in carried_lead:
            plan.assignments.append(Assignment(measure_id, "lead", unit, inherited, line))
        for unit, inherited, line in carried_support:
            plan.assignments.append(Assignment(measure_id, "support", unit, inherited, line))
    return plan


def _row_units(by_role, rule_lines: list[int], plan: CodedPlan):
    """(leads, supports, lead unknown) written in a row, units as [(unit, line)].

    A single list's first unit leads where the rule is stated; otherwise the lead is
    unknown, which stops a lead from being carried down into the row.
    """
    lead_cell = (by_role.get("lead") or [None])[0]
    support_cell = (by_role.get("support") or [None])[0]
    single_cell = (by_role.get("single") or [None])[0]
    leads = _unit_lines(lead_cell) if lead_cell else []
    supports = _unit_lines(support_cell) if support_cell else []
    lead_unknown = False
    if single_cell is not None and not single_cell.blank:
        listed = _unit_lines(single_cell)
        first_leads = any(line <= single_cell.line for line in rule_lines)
        if first_leads:
            leads, supports = listed[:1], listed[1:]
        else:
            supports, lead_unknown = listed, True
            plan.flags.add("single_list_no_lead_rule")
            plan.warnings.append(
                (single_cell.line, "a single unit list and no stated rule: coded as support")
            )
    return leads, supports, lead_unknown
