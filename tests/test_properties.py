"""Property-based tests of the reader, the parser and the lexicon (hypothesis).

- Arbitrary bytes and text raise nothing but the package's own documented errors.
- A plan generated from a random coding, rendered in the inline or table layout, parses
  back to the same coding.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import agencygraph as ag
from agencygraph._errors import InputError
from agencygraph.corpus import decode_plan
from agencygraph.parse import parse_plan

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
PLAN_ALPHABET = st.one_of(
    CJK,
    st.sampled_from(
        list("（）()〔〕【】、，,；;：:。.\n\t 0123456789一二三牵头单位责任配合协同由负责会同")
    ),
    st.characters(blacklist_categories=("Cs",)),
)

# Units as plans write them, each from a different type, so none is a prefix of another.
UNITS = [
    "市人社局",
    "市总工会",
    "市委组织部",
    "市财政局",
    "团市委",
    "市教育局",
    "市发改委",
    "市委宣传部",
    "市妇联",
    "市工商联",
    "市科技局",
    "市卫生健康委",
]
WORDS = ["加强", "推进", "完善", "健全", "开展", "培训", "技能", "职工", "制度", "服务", "建设"]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_raise_input_error(data):
    try:
        text = decode_plan(data, "fuzz.txt").text
    except InputError as exc:
        assert "fuzz.txt" in str(exc)
    else:
        assert isinstance(text, str) and "\r" not in text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(PLAN_ALPHABET, max_size=1500))
def test_any_text_parses_without_error(text):
    plan = parse_plan(text, "fuzz")
    ids = [m.measure_id for m in plan.measures]
    assert len(ids) == len(set(ids))
    assert {a.measure_id for a in plan.assignments} <= set(ids)
    for assignment in plan.assignments:
        assert assignment.role in ("lead", "support") and assignment.agency_raw


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_any_name_resolves_or_is_unknown(name):
    result = ag.resolve(name)
    assert result.agency_type is None or result.system is not None


measure = st.tuples(
    st.lists(st.sampled_from(WORDS), min_size=2, max_size=6).map("".join),
    st.lists(st.sampled_from(UNITS), min_size=1, max_size=2, unique=True),
    st.lists(st.sampled_from(UNITS), min_size=0, max_size=4, unique=True),
).filter(lambda m: not set(m[1]) & set(m[2]))
# Distinct texts: a measure written twice in one file is a web-page duplicate, coded once.
coding = st.lists(st.lists(measure, min_size=1, max_size=4), min_size=1, max_size=3).filter(
    lambda sections: len({m[0] for s in sections for m in s}) == sum(map(len, sections))
)


def _render_inline(sections) -> str:
    lines = ["某市实施方案", "一、总体要求", "（一）指导思想", "深化改革。", "二、主要任务"]
    number = 0
    for s, measures in enumerate(sections, start=1):
        lines.append(f"（{'一二三'[s - 1]}）任务{s}")
        for text, leads, supports in measures:
            number += 1
            note = "牵头单位：" + "、".join(leads)
            if supports:
                note += "；配合单位：" + "、".join(supports)
            lines.append(f"{number}.{text}。（{note}）")
    lines += ["三、组织实施", "（一）加强领导。各牵头单位要抓好落实。"]
    return "\n".join(lines) + "\n"


def _render_table(sections) -> str:
    rows = ["\t主要举措\n\t具体措施\n\t牵头单位\n\t配合单位"]
    for s, measures in enumerate(sections, start=1):
        for m, (text, leads, supports) in enumerate(measures):
            category = f"（{'一二三'[s - 1]}）任务{s}" if m == 0 else ""
            rows.append(
                f"\t{category}\n\t{text}\n\t"
                + "\n".join(leads)
                + "\n\t"
                + ("、".join(supports) if supports else "—")
            )
    return "\n\n".join(rows) + "\n"


def _expected(sections):
    return [
        (text, [("lead", u) for u in leads] + [("support", u) for u in supports])
        for measures in sections
        for text, leads, supports in measures
    ]


def _parsed(text: str):
    plan = parse_plan(text, "gen")
    by_measure = {m.measure_id: [] for m in plan.measures}
    for a in plan.assignments:
        by_measure[a.measure_id].append((a.role, a.agency_raw))
    return plan, [(m.text, by_measure[m.measure_id]) for m in plan.measures]


@settings(max_examples=150, deadline=None)
@given(coding)
def test_a_rendered_inline_plan_round_trips(sections):
    plan, got = _parsed(_render_inline(sections))
    assert plan.layout == "inline"
    assert [(text.removesuffix("。"), units) for text, units in got] == _expected(sections)


@settings(max_examples=150, deadline=None)
@given(coding)
def test_a_rendered_table_round_trips(sections):
    plan, got = _parsed(_render_table(sections))
    assert plan.layout == "table"
    assert got == _expected(sections)
    assert not any(a.inherited for a in plan.assignments)
