"""Notes covering several measures (agencygraph.parse._covers and the outline's use of them)."""

from __future__ import annotations

import pytest

from agencygraph.parse import parse_plan
from agencygraph.parse._covers import covering_scope, exceptions, item_numbers


@pytest.mark.parametrize(
    ("written", "numbers"),
    [
        ("2—4", (2, 3, 4)),
        ("（一）至（三）", (1, 2, 3)),
        ("一、三、五", (1, 3, 5)),
        ("(1)(2)", (1, 2)),
        ("第一至第三", (1, 2, 3)),
        ("①—③", (1, 2, 3)),
    ],
)
def test_item_numbers_as_plans_write_them(written, numbers):
    assert item_numbers(written.removeprefix("第")) == numbers


@pytest.mark.parametrize(
    ("note", "kind", "count", "numbers"),
    [
        ("以上3项由县民政局牵头，县卫生健康局配合。", "back", 3, ()),
        ("以上两项由县民政局负责", "back", 2, ()),
        ("上述任务由县农业农村局负责。", "back", None, ()),
        ("以上第2—4项由市水利局牵头", "back", None, (2, 3, 4)),
        ("以下3项由市商务局牵头，市财政局配合：", "forward", 3, ()),
        ("下列第4—6项由A、B负责：", "forward", None, (4, 5, 6)),
        ("本项及以下2项均由市人社局牵头", "self", 2, ()),
        ("本部分各项任务除另有标注外，均由市发展改革委牵头", "section", None, ()),
        ("第1—4项责任单位：市发展改革委、市财政局", "numbers", None, (1, 2, 3, 4)),
        ("各项任务未标明责任单位的，均由县政府办公室牵头", "default", None, ()),
    ],
)
def test_a_covering_note_states_its_scope(note, kind, count, numbers):
    scope = covering_scope(note)
    assert (scope.kind, scope.count, scope.numbers) == (kind, count, numbers)


@pytest.mark.parametrize(
    "note",
    [
        "（市财政局牵头，市税务局配合）",
        # 以上 is also "or more" (培训36人次 / 以上。（牵头单位：…）), not the items above
        "以上。（牵头部门：市融媒体中心）",
        "第一，持续深化“放管服”改革，由县行政审批局牵头。",
    ],
)
def test_a_note_of_one_measure_covers_nothing_else(note):
    assert covering_scope(note) is None


def test_a_covering_note_states_its_exceptions():
    main, stated, excluded = exceptions("均由A配合，其中第2、4项由B牵头，第3项由C牵头")
    assert main.rstrip("；") == "均由A配合"
    assert stated == [((2, 4), "由B牵头"), ((3,), "由C牵头")]
    assert excluded == ()
    assert exceptions("均由A牵头，第（三）项除外；第（三）项由B牵头")[2] == (3,)


def _coded(text: str) -> list[list[tuple[str, str, int]]]:
    plan = parse_plan(text, "probe")
    return [
        sorted(
            (a.role, a.agency_raw, a.line) for a in plan.assignments if a.measure_id == m.measure_id
        )
        for m in plan.measures
    ]


def test_a_note_after_a_group_gives_its_units_to_the_measures_naming_none():
    text = (
        "某市2023年就业工作任务分工\n"
        "1.新增就业4万人。（市人社局负责）\n"
        "2.帮扶困难人员就业8000人。\n"
        "3.开发公益性岗位3000个。\n"
        "以上2项由市人社局牵头，市财政局配合。\n"
        "4.新增创业担保贷款5亿元。（人民银行市分行牵头，市人社局配合）\n"
    )
    lead, support = ("lead", "市人社局"), ("support", "市财政局")
    # each unit traced to the line of the note that names it
    assert _coded(text) == [
        [("lead", "市人社局", 2)],
        [(*lead, 5), (*support, 5)],
        [(*lead, 5), (*support, 5)],
        [("lead", "人民银行市分行", 6), ("support", "市人社局", 6)],
    ]


def test_an_exception_keeps_the_roles_it_does_not_state():
    text = (
        "某县2023年民生实事分工\n"
        "1.新建县城第三中学。（县教育局牵头，县住建局配合）\n"
        "2.改造农村寄宿制学校8所。\n"
        "3.开展中小学生视力筛查。\n"
        "以上2项均由县财政局配合，其中第2项由县教育局牵头，第3项由县卫生健康局牵头。\n"
    )
    coded = [[(r, u) for r, u, _ in m] for m in _coded(text)]
    assert coded[1:] == [
        [("lead", "县教育局"), ("support", "县财政局")],
        [("lead", "县卫生健康局"), ("support", "县财政局")],
    ]


def test_a_heading_note_covering_its_section_makes_no_measure_of_the_heading():
    text = (
        "某市2024年扩大有效投资重点任务分工\n"
        "一、扩大有效投资（本部分各项任务除另有标注外，均由市发展改革委牵头，市财政局配合）\n"
        "1.全年实施重点项目300个以上。\n"
        "2.争取专项债券额度100亿元以上。（市财政局牵头，市发展改革委配合）\n"
        "二、深化开放合作\n"
        "3.实际使用外资增长10%。（市商务局牵头）\n"
    )
    coded = [[(r, u) for r, u, _ in m] for m in _coded(text)]
    assert coded == [
        [("lead", "市发展改革委"), ("support", "市财政局")],
        [("lead", "市财政局"), ("support", "市发展改革委")],
        [("lead", "市商务局")],
    ]


def test_a_note_covering_every_item_under_a_heading_makes_the_heading_the_measure():
    text = (
        "某县2022年教育民生实事任务分工\n"
        "（一）实施学校建设工程\n"
        "1.新建县第二实验小学。\n"
        "2.改扩建乡镇寄宿制学校6所。（以上2项均由县教育局牵头，县财政局配合）\n"
        "（二）实施学生资助提标工程。（责任单位：县教育局）\n"
    )
    plan = parse_plan(text, "probe")
    assert [m.text.startswith("实施学校建设工程") for m in plan.measures] == [True, False]
    assert [(a.role, a.agency_raw) for a in plan.assignments][:2] == [
        ("lead", "县教育局"),
        ("support", "县财政局"),
    ]


def test_same_as_above_and_same_as_item_n():
    text = (
        "某市2024年就业创业工作任务分解\n"
        "1.城镇新增就业4万人。（市人社局牵头，市财政局配合）\n"
        "2.开展高校毕业生就业服务。（市人社局牵头，市教育局配合）\n"
        "3.新增农村劳动力转移就业2万人。（同第1项）\n"
        "4.组织公共就业服务专项活动。（同上）\n"
        "5.发放创业担保贷款5亿元。（牵头单位：同上；配合单位：市金融办）\n"
    )
    coded = [[(r, u) for r, u, _ in m] for m in _coded(text)]
    assert coded[2:] == [
        [("lead", "市人社局"), ("support", "市财政局")],
        [("lead", "市人社局"), ("support", "市财政局")],
        [("lead", "市人社局"), ("support", "市金融办")],
    ]
