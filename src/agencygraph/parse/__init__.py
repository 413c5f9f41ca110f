"""Layout detection and the layout parsers.

Three layout families are recognised from the text itself, never from a file name:

``table``
    a responsibility table flattened to text (tab-led cells, pipe rows, or columns aligned
    with spaces as text laid out from PDF), under a header naming a lead or responsible column;
``inline``
    numbered measures each ending in a bracketed note naming its lead and support units;
``narrative``
    numbered measures or points with no assignments (units are only mentioned).

Examples
--------
>>> from agencygraph.parse import parse_plan
>>> text = "二、主要举措\\n1.加强培训。（牵头单位：市人社局；协同单位：市总工会）"
>>> plan = parse_plan(text, "demo")
>>> plan.layout, [(a.role, a.agency_raw) for a in plan.assignments]
('inline', [('lead', '市人社局'), ('support', '市总工会')])
"""

from __future__ import annotations

import re

from agencygraph._chars import unified_radicals
from agencygraph.parse._records import Assignment, CodedPlan, Measure, Official
from agencygraph.parse._text import unspaced
from agencygraph.parse._unwrap import relocate, unwrap
from agencygraph.parse.mentions import find_mentions
from agencygraph.parse.outline import parse_outline
from agencygraph.parse.responsibility import has_role_verb
from agencygraph.parse.table import looks_like_table, parse_table

__all__ = [
    "Assignment",
    "CodedPlan",
    "Measure",
    "Official",
    "detect_layout",
    "find_mentions",
    "parse_plan",
]


def detect_layout(text: str) -> str:
    """The layout family of a plan's text: ``"table"``, ``"inline"`` or ``"narrative"``."""
    if looks_like_table(text):
        return "table"
    return parse_outline(text, "probe").layout


_INVISIBLE_RE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")


def parse_plan(text: str, doc_id: str) -> CodedPlan:
    """Code one plan's text: its measures and lead/support assignments.

    Parameters
    ----------
    text
        The plan's text, as returned by :func:`agencygraph.corpus.read_plan`.
    doc_id
        The document id, used as the prefix of measure ids.

    Returns
    -------
    CodedPlan
        ``layout``, ``measures``, ``assignments`` and ``warnings`` (line, message).
    """
    # zero-width spaces and joiners of web and WeChat copies sit inside labels and names
    # (牵\u200b头单位): they are taken out, and every line keeps its number
    text = _INVISIBLE_RE.sub("", text)
    # a PDF font's ⼯, ⻔ for 工, 门: no unit is named so, and the text's offsets are kept
    unified = unified_radicals(text)
    radicals_replaced = unified != text
    text = unspaced(unified)  # a scan's letter-spaced lines; every line keeps its number
    if "｜" in text and sum(line.count("｜") >= 2 for line in text.split("\n")) >= 2:
        # a table's cells set apart by full-width bars (序号｜项目名称｜责任单位): its pipes
        text = text.replace("｜", "|")
    unwrapped = unwrap(text)
    if unwrapped is None:
        plan = _parse_lines(text, doc_id)
    else:
        plan = relocate(_parse_lines(unwrapped.text, doc_id), unwrapped)
    if radicals_replaced:
        plan.flags.add("radicals_replaced")
    return plan


def _parse_lines(text: str, doc_id: str) -> CodedPlan:
    # parse_table finds the table itself and codes nothing where there is none; asking
    # looks_like_table first would search the text for a table twice.
    plan = parse_table(text, doc_id)
    if plan.measures:
        return _with_outline_around(plan, text, doc_id)
    return parse_outline(text, doc_id)


def _with_outline_around(plan: CodedPlan, text: str, doc_id: str) -> CodedPlan:
    """A plan whose tables sit beside an outline of noted items (a target table, then the
    tasks, each with its note): the outline's measures outside the tables join the tables'."""
    spans = plan.table_lines

    def outside(line: int) -> bool:
        return not any(first <= line <= last for first, last in spans)

    # the text around the tables, their lines left blank so that every line keeps its number
    around = "\n".join(
        line if outside(number) else "" for number, line in enumerate(text.split("\n"), start=1)
    )
    if not has_role_verb(around):
        return plan  # no role named outside the tables: a notice around them, read no further
    outline = parse_outline(around, doc_id)
    # numbered items only: an unnumbered paragraph after a table may be its last row's
    # progress cell (区投促局：已开始…), which names who reported, not who is responsible
    kept = {m.measure_id for m in outline.measures if outside(m.line) and m.task_no}
    if not any(a.measure_id in kept for a in outline.assignments):
        return plan
    plan.measures = sorted(
        [*plan.measures, *(m for m in outline.measures if m.measure_id in kept)],
        key=lambda m: m.line,
    )
    plan.assignments += [a for a in outline.assignments if a.measure_id in kept]
    plan.officials += [o for o in outline.officials if o.measure_id in kept]
    plan.warnings += [w for w in outline.warnings if outside(w[0])]
    plan.flags |= outline.flags - {"layout_uncertain"}
    plan.flags.add("tables_and_outline")
    return plan
