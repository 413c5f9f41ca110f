"""Copies that keep a printed page's line breaks are coded as the paragraphs they break."""

import pytest
from robustness import cut_every, set_on_page

from agencygraph.corpus import bundled_corpus, read_plan_text
from agencygraph.parse import parse_plan
from agencygraph.parse._unwrap import unwrap
from agencygraph.synth import synthetic_plan


def coding(plan):
    order = {m.measure_id: i for i, m in enumerate(plan.measures)}
    return sorted((order[a.measure_id], a.role, a.agency_raw) for a in plan.assignments)


PLAN = """关于印发某县2024年重点工作任务分解方案的通知
各乡镇人民政府，县政府各部门：
现将《某县2024年重点工作任务分解方案》印发给你们，请认真抓好落实。
一、扎实推进产业转型升级
1.加快传统产业技术改造，实施重点技改项目30个以上，推动规模以上工业增加值增长8%左右。（牵头单位：县工业和信息化局；配合单位：县发展改革局、县财政局、县科技局）
2.大力发展数字经济，推进工业互联网平台建设，新增上云企业100家以上。（牵头单位：县工业和信息化局；配合单位：县数据资源管理局、县市场监督管理局）
3.强化项目要素保障，统筹用地、用能和资金需求，推动重大项目按期开工建设。（牵头单位：县自然资源和规划局；配合单位：县发展改革局、县生态环境分局、县财政局）
二、持续改善民生福祉
4.实施城镇老旧小区改造，完成改造小区45个，同步推进加装电梯和停车设施建设。（牵头单位：县住房和城乡建设局；配合单位：各乡镇人民政府、县财政局）
5.稳定和扩大就业，开展职业技能培训5000人次以上，城镇新增就业3000人以上。（牵头单位：县人力资源和社会保障局；配合单位：县教育局、县总工会、团县委）
6.提升基层医疗服务能力，推进紧密型县域医共体建设，乡镇卫生院达标率达到100%。（牵头单位：县卫生健康局；配合单位：县医疗保障局、县财政局）"""


@pytest.mark.parametrize("break_lines", [set_on_page, lambda t: cut_every(t, 30)])
def test_a_plan_with_its_page_breaks_is_coded_as_the_plan(break_lines):
    broken = break_lines(PLAN)
    assert broken.count("\n") > PLAN.count("\n") + 10
    plan = parse_plan(broken, "doc")
    assert coding(plan) == coding(parse_plan(PLAN, "doc"))
    assert "line_breaks_joined" in plan.flags
    lines = broken.split("\n")
    for a in plan.assignments:
        here = "".join(lines[a.line - 1 : a.line + 1])
        assert a.agency_raw in here, (a, lines[a.line - 1])
        assert lines[a.line - 1] and here.find(a.agency_raw) < len(lines[a.line - 1])
    for m in plan.measures:
        assert m.text[:4] in "".join(lines[m.line - 1 : m.line + 1])


def test_a_name_cut_by_the_margin_is_read_whole():
    broken = set_on_page(PLAN)
    assert "县数据资源管理局" not in broken.replace("\n", "|")
    plan = parse_plan(broken, "doc")
    assert ("support", "县数据资源管理局") in {(a.role, a.agency_raw) for a in plan.assignments}


def test_paragraphs_one_a_line_are_left_as_they_are():
    assert unwrap(PLAN) is None
    assert "line_breaks_joined" not in parse_plan(PLAN, "doc").flags


def test_the_bundled_plans_printed_on_a_page_are_coded_as_the_bundled_plans():
    checked = 0
    for path in bundled_corpus():
        text = read_plan_text(path).text
        plan = parse_plan(text, "doc")
        if plan.layout == "table":  # a table's rows are not paragraphs to rejoin
            continue
        assert coding(parse_plan(set_on_page(text), "doc")) == coding(plan), path.name
        checked += 1
    assert checked >= 1


@pytest.mark.parametrize("index", range(0, 40, 3))
def test_synthetic_plans_printed_on_a_page_are_coded_as_written(index):
    synthetic = synthetic_plan(index, seed=7)
    plan = parse_plan(synthetic.text, "doc")
    if plan.layout == "table":
        pytest.skip("a table")
    assert coding(parse_plan(set_on_page(synthetic.text), "doc")) == coding(plan)
    assert coding(parse_plan(cut_every(synthetic.text, 40), "doc")) == coding(plan)


def test_table_rows_are_never_joined():
    rows = ["序号 | 工作任务 | 牵头单位 | 配合单位 |"] + [
        f"{i} | 推进第{i}项重点工作任务落实到位并按期完成各项目标 | 县发展改革局 | 县财政局 |"
        for i in range(1, 12)
    ]
    assert unwrap("\n".join(rows)) is None


def test_a_pages_furniture_between_a_line_and_its_rest_is_left_out():
    title = "某市2023年农业农村重点工作任务分工"
    body = set_on_page(PLAN.split("\n", 1)[1]).split("\n")
    # a page ends inside the fourth measure's note: number, masthead and running title
    cut = next(i for i, line in enumerate(body) if "县人力资源" in line or "人力资" in line)
    broken = "\n".join(
        [
            title,
            *body[: cut + 1],
            "",
            "— 3 —",
            "",
            "某市人民政府公报　　2023年第4期",
            title,
            *body[cut + 1 :],
        ]
    )
    plan = parse_plan(broken, "doc")
    assert coding(plan) == coding(parse_plan(PLAN, "doc"))


def test_a_label_line_that_items_repeat_is_no_running_title():
    """Printed pages repeat their running title, and the unwrapper leaves it out; a label
    line several items share (牵头单位:省财政厅) is part of each item, however often it
    stands, even as the copy's first line."""
    from agencygraph.parse._unwrap import _page_furniture

    lines = [
        "牵头单位:省财政厅",
        "1.完善财政转移支付制度。",
        "牵头单位:省财政厅",
        "2.深化部门预算管理制度改革。",
        "牵头单位:省财政厅",
        "省政府办公厅文件",
        "3.全面实行国库集中收付。",
        "省政府办公厅文件",
        "省政府办公厅文件",
    ]
    assert _page_furniture(lines) == {7, 8}
