"""Layouts beyond the bundled corpus: the ways Chinese plans write who leads.

Each family is tested on at least three small plans written the way real documents write
them. A plan is coded exactly when its measures (by the start of their text) and every
assignment (role, unit as written, inherited) are what a careful coder would write down.
"""

from __future__ import annotations

import pytest

import agencygraph as ag
from agencygraph.parse import detect_layout, parse_plan


def coding(text: str, doc_id: str = "t"):
    """[(start of measure text, [(role, unit, inherited)])] in source order, and the plan."""
    plan = parse_plan(text, doc_id)
    by_measure = {m.measure_id: [] for m in plan.measures}
    for a in plan.assignments:
        by_measure[a.measure_id].append((a.role, a.agency_raw, a.inherited))
    return [(m.text[:8], by_measure[m.measure_id]) for m in plan.measures], plan


L, S, R = "lead", "support", "responsible"

# --- 1. label lines -------------------------------------------------------------------

LABEL_LINES_CITY = """\
某市推进产业工人队伍建设改革工作方案
一、总体要求
（一）指导思想
以习近平新时代中国特色社会主义思想为指导，深化产业工人队伍建设改革。
二、重点任务
（一）加强思想政治引领
1.深化理想信念教育。组织开展“中国梦·劳动美”主题教育活动。
牵头单位：市委宣传部
责任单位：市总工会、团市委
2.推进产业工人入党。加大在一线工人中发展党员力度。
牵头单位：市委组织部
责任单位：市直机关工委、市国资委
（二）提升技能素质
3.实施技能提升行动。每年培训产业工人1万人次。
牵头单位：市人力资源和社会保障局
配合单位：市教育局、市财政局、市总工会
三、保障措施
（一）加强组织领导。各牵头单位要建立工作专班，定期研究推进。
"""

LABEL_LINES_COUNTY = """\
XX县产业工人队伍建设改革实施方案
一、主要任务
1、建立技能人才评价体系。推行职业技能等级认定，扩大企业自主评价范围。
牵头部门：县人社局
参与单位：县财政局，县教体局
2、广泛开展劳动竞赛。围绕重点项目开展劳动和技能竞赛。
主办单位：县总工会
协办单位：县人社局、团县委
二、工作要求
各有关单位要高度重视，抓好落实。
"""

LABEL_LINES_SINGLE = """\
关于做好2023年产业工人服务工作的通知
各镇人民政府、街道办事处：
现将有关事项通知如下。
一、工作任务
（一）开展送温暖活动。走访慰问困难职工家庭。
责任单位：区总工会、区民政局
（二）优化就业服务。举办线上线下招聘会。
责任单位：区人社局
"""


def test_label_lines_under_each_measure():
    got, _ = coding(LABEL_LINES_CITY)
    assert got == [
        (
            "深化理想信念教育",
            [(L, "市委宣传部", False), (S, "市总工会", False), (S, "团市委", False)],
        ),
        (
            "推进产业工人入党",
            [(L, "市委组织部", False), (S, "市直机关工委", False), (S, "市国资委", False)],
        ),
        (
            "实施技能提升行动",
            [
                (L, "市人力资源和社会保障局", False),
                (S, "市教育局", False),
                (S, "市财政局", False),
                (S, "市总工会", False),
            ],
        ),
    ]


def test_label_lines_with_other_labels():
    got, plan = coding(LABEL_LINES_COUNTY)
    assert got == [
        (
            "建立技能人才评价",
            [(L, "县人社局", False), (S, "县财政局", False), (S, "县教体局", False)],
        ),
        (
            "广泛开展劳动竞赛",
            [(L, "县总工会", False), (S, "县人社局", False), (S, "团县委", False)],
        ),
    ]
    assert plan.layout == "inline"


def test_a_single_list_without_a_rule_is_jointly_responsible_and_flagged():
    got, plan = coding(LABEL_LINES_SINGLE)
    assert got == [
        # Several units named responsible, no lead, no rule: jointly responsible.
        ("开展送温暖活动。", [(R, "区总工会", False), (R, "区民政局", False)]),
        # The only unit named responsible leads.
        ("优化就业服务。举", [(L, "区人社局", False)]),
    ]
    assert "single_list_no_lead_rule" in plan.flags


# --- 2. first-listed leads --------------------------------------------------------------

RULE_IN_FIRST_NOTE = """\
二、重点任务
1.完善技能人才激励政策。落实技能人才待遇。（责任单位：市人社局、市财政局、市国资委，列第一位的为牵头单位，下同）
2.加强职工书屋建设。每年新建职工书屋10家。（责任单位：市总工会、市文化广电旅游局）
3.推进产教融合。（责任单位：市教育局）
"""

RULE_MID_DOCUMENT = """\
三、主要措施
1.加快产业转型升级。培育先进制造业集群。（责任单位：县发改局、县工信局）
以下各项任务中，排在首位的为牵头部门。
2.推动企业技术创新。支持职工开展技术革新。（责任单位：县工信局、县科技局、县总工会）
3.落实带薪年休假。（责任单位：县人社局、县总工会）
"""

RULE_GLUED_TO_UNIT = """\
二、重点工作
（一）提升政治地位
1.提高一线工人代表比例。（责任单位：州委组织部（列第一位者为牵头单位，下同）、州人大常委会办公室、州总工会）
（二）维护合法权益
2.深化集体协商。（责任单位：州总工会、州人力资源和社会保障局、州工商联）
"""


def test_first_listed_rule_stated_in_the_first_note():
    got, plan = coding(RULE_IN_FIRST_NOTE)
    assert got == [
        (
            "完善技能人才激励",
            [(L, "市人社局", False), (S, "市财政局", False), (S, "市国资委", False)],
        ),
        ("加强职工书屋建设", [(L, "市总工会", False), (S, "市文化广电旅游局", False)]),
        ("推进产教融合。", [(L, "市教育局", False)]),
    ]
    assert "single_list_no_lead_rule" not in plan.flags


def test_first_listed_rule_applies_from_where_it_is_stated():
    got, plan = coding(RULE_MID_DOCUMENT)
    assert got == [
        ("加快产业转型升级", [(R, "县发改局", False), (R, "县工信局", False)]),
        (
            "推动企业技术创新",
            [(L, "县工信局", False), (S, "县科技局", False), (S, "县总工会", False)],
        ),
        ("落实带薪年休假。", [(L, "县人社局", False), (S, "县总工会", False)]),
    ]
    assert "single_list_no_lead_rule" in plan.flags


def test_first_listed_rule_glued_to_a_unit_is_not_a_unit():
    got, _ = coding(RULE_GLUED_TO_UNIT)
    assert got == [
        (
            "提高一线工人代表",
            [(L, "州委组织部", False), (S, "州人大常委会办公室", False), (S, "州总工会", False)],
        ),
        (
            "深化集体协商。",
            [(L, "州总工会", False), (S, "州人力资源和社会保障局", False), (S, "州工商联", False)],
        ),
    ]


# --- 3. sentences ---------------------------------------------------------------------

SENTENCES_CITY = """\
二、工作任务
（一）强化思想引领
1.开展形势政策宣讲。组织宣讲团深入企业。（市委宣传部牵头，市总工会、团市委配合）
2.加强网上思想引领。（市委网信办、市委宣传部牵头，各县（市、区）人民政府按职责分工负责）
（二）提升技能素质
3.推进职业技能培训。广泛开展岗位技能培训，由市人社局牵头、市财政局参与。
4.完善技能激励机制。（市人社局负责）
"""

SENTENCES_COUNTY = """\
三、重点任务
1.建设职工之家。推进基层工会规范化建设。（县总工会会同县财政局负责）
2.落实职工疗休养制度。（县人社局及县总工会牵头，县卫健委和县文旅局配合）
3.优化外来务工人员服务。由县发改局会同县住建局负责。
"""

SENTENCES_DISTRICT = """\
二、主要举措
（一）推进产业工人参与治理
1.扩大一线工人比例。（区委组织部、区人社局牵头，区人大常委会办公室与区政协办公室协同）
2.健全厂务公开制度。（区总工会与区工商联牵头）
3.建立工资集体协商机制。（区人力资源和社会保障局牵头负责，区总工会协助）
"""


def test_sentence_notes_city():
    got, _ = coding(SENTENCES_CITY)
    assert got == [
        (
            "开展形势政策宣讲",
            [(L, "市委宣传部", False), (S, "市总工会", False), (S, "团市委", False)],
        ),
        (
            "加强网上思想引领",
            [
                (L, "市委网信办", False),
                (L, "市委宣传部", False),
                (S, "各县（市、区）人民政府", False),
            ],
        ),
        ("推进职业技能培训", [(L, "市人社局", False), (S, "市财政局", False)]),
        ("完善技能激励机制", [(L, "市人社局", False)]),
    ]


def test_sentence_notes_county_with_conjunctions():
    got, _ = coding(SENTENCES_COUNTY)
    assert got == [
        ("建设职工之家。推", [(L, "县总工会", False), (S, "县财政局", False)]),
        (
            "落实职工疗休养制",
            [
                (L, "县人社局", False),
                (L, "县总工会", False),
                (S, "县卫健委", False),
                (S, "县文旅局", False),
            ],
        ),
        ("优化外来务工人员", [(L, "县发改局", False), (S, "县住建局", False)]),
    ]


def test_sentence_notes_district():
    got, _ = coding(SENTENCES_DISTRICT)
    assert got == [
        (
            "扩大一线工人比例",
            [
                (L, "区委组织部", False),
                (L, "区人社局", False),
                (S, "区人大常委会办公室", False),
                (S, "区政协办公室", False),
            ],
        ),
        ("健全厂务公开制度", [(L, "区总工会", False), (L, "区工商联", False)]),
        ("建立工资集体协商", [(L, "区人力资源和社会保障局", False), (S, "区总工会", False)]),
    ]


# --- 4. tables with other column orders -----------------------------------------------

PIPE_TABLE = """\
附件
重点任务分工表
| 序号 | 工作任务 | 责任单位 | 牵头单位 | 完成时限 |
|---|---|---|---|---|
| 1 | 开展职工技能培训 | 市财政局、市总工会 | 市人社局 | 2023年底 |
| 2 | 建设公共实训基地 |  | 市人社局 | 2024年6月 |
| 3 | 推进产业工人入党 | 市国资委 | 市委组织部 | 长期坚持 |
"""

TAB_TABLE_WITH_SERIAL = (
    "重点任务清单\n"
    "\t序号\n\t类别\n\t具体措施\n\t牵头单位\n\t配合单位\n\t完成时限\n\n"
    "\t1\n\t思想引领\n\t开展主题宣讲活动\n\t县委宣传部\n\t县总工会\n\t2023年\n\n"
    "\t2\n\t\n\t建设职工书屋\n\t县总工会\n\t\n\t2024年\n\n"
    "\t3\n\t技能提升\n\t开展技能竞赛\n\t\n\t县人社局\n\t每年\n"
)

PIPE_TABLE_SINGLE_LIST = """\
注：责任单位中排在首位的为牵头单位。
| 序号 | 重点任务 | 具体举措 | 责任单位 | 完成时间 |
| 1 | 提升政治地位 | 提高一线工人代表比例 | 区委组织部、区人大常委会办公室、区总工会 | 2023年 |
| 2 |  | 推行职工董事制度，
规范职工监事选举 | 区国资委、区总工会 | 2024年 |
"""


def test_pipe_table_with_support_before_lead():
    got, plan = coding(PIPE_TABLE)
    assert plan.layout == "table"
    assert got == [
        (
            "开展职工技能培训",
            [(L, "市人社局", False), (S, "市财政局", False), (S, "市总工会", False)],
        ),
        ("建设公共实训基地", [(L, "市人社局", False)]),
        ("推进产业工人入党", [(L, "市委组织部", False), (S, "市国资委", False)]),
    ]
    assert [m.timeline for m in plan.measures] == ["2023年底", "2024年6月", "长期坚持"]


def test_tab_table_with_serial_category_and_timeline_columns():
    got, plan = coding(TAB_TABLE_WITH_SERIAL)
    assert got == [
        ("开展主题宣讲活动", [(L, "县委宣传部", False), (S, "县总工会", False)]),
        ("建设职工书屋", [(L, "县总工会", False)]),
        ("开展技能竞赛", [(L, "县总工会", True), (S, "县人社局", False)]),
    ]
    assert [m.section_title for m in plan.measures] == ["思想引领", "思想引领", "技能提升"]
    assert [m.timeline for m in plan.measures] == ["2023年", "2024年", "每年"]


def test_pipe_table_with_a_single_list_and_a_stated_rule():
    got, plan = coding(PIPE_TABLE_SINGLE_LIST)
    assert got == [
        (
            "提高一线工人代表",
            [(L, "区委组织部", False), (S, "区人大常委会办公室", False), (S, "区总工会", False)],
        ),
        ("推行职工董事制度", [(L, "区国资委", False), (S, "区总工会", False)]),
    ]
    assert plan.measures[1].text == "推行职工董事制度，规范职工监事选举"


# --- 5. web and scan residue ----------------------------------------------------------

HTML_PAGE = """\
<html><body><h2>关于印发《某市产业工人队伍建设改革实施方案》的通知</h2>
<p>一、主要任务</p>
<p>1.加强&ldquo;技能强市&rdquo;建设。实施技能提升行动。（牵头单位：市人社局；配合单位：市财政局、市总工会）</p><p>2.&nbsp;推进职工&quot;书香&quot;工程。建设职工书屋。（牵头单位：市总工会）</p>
</body></html>
"""

TRADITIONAL = """\
二、主要舉措
（一）提升技能
1.推進技能培訓。開展職業技能提升行動。（牽頭單位：市人力資源社會保障局；責任單位：市財政局、市總工會）
2.加強權益保障。落實勞動合同制度。（市總工會負責）
三、組織實施
（一）加強領導。各牽頭單位要抓好落實。
"""

MIXED_ENUMERATORS = """\
二、重点任务
（一）思想引领
1．开展宣讲。（牵头单位:市委宣传部,配合单位:市总工会）
2.加强阵地建设。(牵头单位：市总工会；配合单位：团市委、市妇联)
3、培育工匠文化。〔牵头单位：市总工会〕
（二）技能提升
(1)开展技能竞赛。（牵头单位：市人社局）
(2)完善评价体系。（牵头单位：市人社局，协同单位：市教育局）
"""


def test_html_tags_and_entities():
    got, plan = coding(HTML_PAGE)
    assert got == [
        (
            "加强“技能强市”",
            [(L, "市人社局", False), (S, "市财政局", False), (S, "市总工会", False)],
        ),
        ('推进职工"书香"', [(L, "市总工会", False)]),
    ]
    assert [m.line for m in plan.measures] == [3, 3]


def test_traditional_script():
    got, _ = coding(TRADITIONAL)
    assert got == [
        (
            "推進技能培訓。開",
            [(L, "市人力資源社會保障局", False), (S, "市財政局", False), (S, "市總工會", False)],
        ),
        ("加強權益保障。落", [(L, "市總工會", False)]),
    ]
    assert [ag.resolve(u).agency_type for u in ("市人力資源社會保障局", "市總工會")] == [
        "hrss",
        "union",
    ]


def test_mixed_enumerators_and_punctuation():
    got, plan = coding(MIXED_ENUMERATORS)
    assert got == [
        ("开展宣讲。", [(L, "市委宣传部", False), (S, "市总工会", False)]),
        ("加强阵地建设。", [(L, "市总工会", False), (S, "团市委", False), (S, "市妇联", False)]),
        ("培育工匠文化。", [(L, "市总工会", False)]),
        ("开展技能竞赛。", [(L, "市人社局", False)]),
        ("完善评价体系。", [(L, "市人社局", False), (S, "市教育局", False)]),
    ]
    assert [m.section_title for m in plan.measures] == ["思想引领"] * 3 + ["技能提升"] * 2


# --- 6. not units ---------------------------------------------------------------------

OFFICIALS_AND_PLACEHOLDERS = """\
各镇人民政府、街道办事处，区各有关单位：
现将《工作方案》印发给你们。
二、重点任务
（一）由分管副区长牵头的工作
1.统筹推进改革。（分管副区长牵头，区发改局配合）
2.健全联系制度。各牵头单位要定期报送进展。（区总工会牵头，各有关单位配合）
3.做好兜底保障。（各街道办事处负责）
三、组织实施
各牵头单位要明确责任人。
"""


OFFICIALS_COUNTY = """\
关于印发《XX县产业工人队伍建设改革工作要点》的通知
各乡镇人民政府，县直各单位：
一、重点工作
1.建立县级领导联系重点企业制度。（县委书记、县长负责，县委办公室配合）
2.开展技能竞赛。（县总工会牵头，县直有关单位配合）
3.健全协调机制。各牵头单位要加强沟通。（县人社局牵头，各乡镇人民政府按职责分工负责）
"""

PLACEHOLDERS_DISTRICT = """\
二、主要任务
1.推进职工书屋建设。（牵头单位：区总工会；责任单位：各街道、有关部门）
2.落实职工疗休养。（牵头单位：区总工会；配合单位：区人社局、区直各单位）
（一）由常务副区长牵头的工作
3.统筹改革任务。（常务副区长牵头，区发改局、区财政局配合）
"""


def test_officials_and_placeholders_in_a_county_plan():
    got, plan = coding(OFFICIALS_COUNTY)
    assert got == [
        ("建立县级领导联系", [(S, "县委办公室", False)]),
        ("开展技能竞赛。", [(L, "县总工会", False), (S, "县直有关单位", False)]),
        ("健全协调机制。各", [(L, "县人社局", False), (S, "各乡镇人民政府", False)]),
    ]
    assert "officials_named" in plan.flags
    assert ag.resolve("各乡镇人民政府").system == "aggregate"


def test_placeholders_and_an_officials_heading_in_a_district_plan():
    got, plan = coding(PLACEHOLDERS_DISTRICT)
    assert got == [
        (
            "推进职工书屋建设",
            [(L, "区总工会", False), (S, "各街道", False), (S, "有关部门", False)],
        ),
        (
            "落实职工疗休养。",
            [(L, "区总工会", False), (S, "区人社局", False), (S, "区直各单位", False)],
        ),
        ("统筹改革任务。", [(S, "区发改局", False), (S, "区财政局", False)]),
    ]
    assert any("常务副区长" in message for _, message in plan.warnings)
    assert {ag.resolve(u).system for u in ("有关部门", "区直各单位")} == {"aggregate"}


def test_officials_addressees_common_nouns_and_placeholders():
    got, plan = coding(OFFICIALS_AND_PLACEHOLDERS)
    assert got == [
        ("统筹推进改革。", [(S, "区发改局", False)]),
        ("健全联系制度。各", [(L, "区总工会", False), (S, "各有关单位", False)]),
        ("做好兜底保障。", [(L, "各街道办事处", False)]),
    ]
    assert "officials_named" in plan.flags
    assert any("副区长" in message for _, message in plan.warnings)
    assert ag.resolve("各有关单位").system == "aggregate"


def test_aggregate_names_with_inner_separators_stay_whole():
    text = (
        "二、任务\n"
        "1.加强服务。（牵头单位：市总工会；配合单位：各县（市、区）人民政府、市直各单位）\n"
    )
    got, _ = coding(text)
    assert got[0][1] == [
        (L, "市总工会", False),
        (S, "各县（市、区）人民政府", False),
        (S, "市直各单位", False),
    ]


# --- 7. layout report -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "layout"),
    [
        (PIPE_TABLE, "table"),
        (TAB_TABLE_WITH_SERIAL, "table"),
        (SENTENCES_CITY, "inline"),
        (LABEL_LINES_CITY, "inline"),
        ("二、措施\n1.加强培训。开展活动。\n2.完善制度。\n", "narrative"),
    ],
)
def test_layout_is_detected_from_the_text(text, layout):
    assert detect_layout(text) == layout


def test_documents_report_layout_confidence_and_flags(tmp_path, capsys):
    narrative = tmp_path / "narrative.txt"
    narrative.write_text(
        "二、措施\n1.加强培训。开展活动。\n2.完善制度，健全机制。\n", encoding="utf-8"
    )
    single = tmp_path / "single.txt"
    single.write_text(LABEL_LINES_SINGLE, encoding="utf-8")
    coded = ag.parse_corpus([narrative, single])
    documents = coded.documents.set_index("doc_id")
    assert documents.loc["narrative", "flags"] == "no_assignments"
    assert "single_list_no_lead_rule" in documents.loc["single", "flags"]
    assert documents.layout_confidence.between(0, 1).all()

    from agencygraph.cli import main

    assert main(["parse", str(narrative), str(single), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "narrative.txt: measures found but no responsibilities" in out
    assert "single.txt: units named jointly with no lead" in out


# --- run-in headings and numbering that runs on across sections -------------------------

RUN_IN_HEADINGS = """\
某市关于推进技能人才集聚工程的实施意见
一、总体目标
1.目标。五年内技能人才总量明显增长。
二、实施重点项目
（一）产业技能提升行动。围绕先进制造业，实施如下重点项目：
2.紧缺技能人才开发项目。重点引进一批企业紧缺技能人才。（牵头单位：市发展改革委，配合单位：市人力资源和社会保障局、市工业和信息化局，各区、县级市）
3.企业家素质提升项目。组织开展民营企业经营管理人员轮训。（牵头单位：市工商联）
（二）技能创新行动。实施如下重点项目：
4.技能大师工作室项目。新设一批技能大师工作室。（牵头单位：市人力资源和社会保障局，配合单位：市财政局）
"""


def test_run_in_section_headings_are_titled_by_their_first_sentence():
    found, plan = coding(RUN_IN_HEADINGS)
    assert [m.section_title for m in plan.measures] == [
        "产业技能提升行动",
        "产业技能提升行动",
        "技能创新行动",
    ]
    # Numbering runs on across sections; 1.目标 sits in the goals section, not a measure.
    assert [m.task_no for m in plan.measures] == ["2", "3", "4"]
    assert found[0][1] == [
        (L, "市发展改革委", False),
        (S, "市人力资源和社会保障局", False),
        (S, "市工业和信息化局", False),
        (S, "各区、县级市", False),
    ]
    assert found[1][1] == [(L, "市工商联", False)]
    assert found[2][1] == [(L, "市人力资源和社会保障局", False), (S, "市财政局", False)]


SUB_POINTS_UNDER_A_TITLE = """\
某市应急体系建设规划责任分解
（一）预案体系建设
1.完善应急预案体系
（1）加强应急预案管理，规范预案编制、审批和备案。
（2）加强应急预案演练，推进“双盲”演练。
（责任单位：市直各有关单位、各县（市、区）人民政府）
2.健全应急管理体制
（1）推进市、县、乡三级应急管理机构建设。
（牵头单位：市应急管理局，责任单位：市公安局、市卫生健康委）
"""


def test_a_title_line_over_sub_points_is_the_measure_title():
    found, plan = coding(SUB_POINTS_UNDER_A_TITLE)
    assert [m.task_title for m in plan.measures] == ["完善应急预案体系", "健全应急管理体制"]
    # The note on its own line after the sub-points belongs to the measure above it.
    assert found[0][1] == [(R, "市直各有关单位", False), (R, "各县（市、区）人民政府", False)]
    assert found[1][1] == [
        (L, "市应急管理局", False),
        (S, "市公安局", False),
        (S, "市卫生健康委", False),
    ]
    assert [a.line for a in plan.assignments] == [6, 6, 9, 9, 9]


MORE_NOTE_FORMS = """\
某县推进技能人才队伍建设实施方案
一、重点任务
1.实施技能提升行动。大规模开展职业技能培训。责任单位：县人社局（牵头）、县财政局、县教育局
2.推进产教融合。支持职业院校与企业共建实训基地。（县教育局牵头，县人社局、县工信局等按职责分工负责）
3.完善激励机制。提高技能人才待遇。（主要责任单位：县人社局；协同单位：县总工会）
4.加强宣传。营造尊重劳动的氛围。（县委宣传部、县总工会按职责分工负责）
5.开展竞赛。每年举办职业技能大赛。（牵头单位：县人社局 配合单位：县总工会 团县委）
6.做好保障。落实经费。（牵头单位：县财政局；配合单位：县人力资源和社会 保障局）
"""


def test_more_note_forms():
    found, plan = coding(MORE_NOTE_FORMS)
    assert [units for _, units in found] == [
        # A role mark on a unit of a single list makes it the lead; the rest support.
        [(L, "县人社局", False), (S, "县财政局", False), (S, "县教育局", False)],
        # 等 closes a list; it is not part of the last unit's name.
        [(L, "县教育局", False), (S, "县人社局", False), (S, "县工信局", False)],
        # 主要责任单位 is the lead.
        [(L, "县人社局", False), (S, "县总工会", False)],
        # Units sharing a duty with no lead named are jointly responsible.
        [(R, "县委宣传部", False), (R, "县总工会", False)],
        # Units set apart by spaces alone, each a unit the lexicon knows.
        [(L, "县人社局", False), (S, "县总工会", False), (S, "团县委", False)],
        # A name broken by a space is not two units.
        [(L, "县财政局", False), (S, "县人力资源和社会保障局", False)],
    ]
    assert "single_list_no_lead_rule" in plan.flags


def test_a_shared_duty_follows_the_first_listed_rule():
    text = (
        "某市方案\n（列第一位的为牵头单位，下同）\n一、重点任务\n"
        "1.做好工作。推进落实。（市人社局、市财政局负责）\n"
        "2.加强保障。落实经费。（市财政局、市总工会按职责分工负责）\n"
    )
    found, _ = coding(text)
    assert [units for _, units in found] == [
        [(L, "市人社局", False), (S, "市财政局", False)],
        [(L, "市财政局", False), (S, "市总工会", False)],
    ]


def test_a_copy_opening_inside_an_item_keeps_that_item():
    # a database's second page: the last point of item 4, the note naming item 4 by number,
    # then items 5 and 6 whole
    text = "\n".join(
        [
            "(4)交通局要建立长期有效的非法营运有奖举报制度。",
            "第4项工作由市公安局、交通局、城管局和各区负责,市财政局协助配合。",
            "5.开展消防和安全生产检查整治行动。针对公众聚集场所开展专项检查整治行动。",
            "第5项工作由市公安局、安监局和安委会各成员单位负责。",
            "6.打击传销和变相传销活动。重点打击查处传销大案要案。",
            "第6项工作由市工商局负责,市公安局协助配合。",
        ]
    )
    coded, _ = coding(text)
    assert [(text[:5], sorted(u[:2] for u in units)) for text, units in coded] == [
        (
            "（4）交通",
            [
                ("responsible", "交通局"),
                ("responsible", "各区"),
                ("responsible", "城管局"),
                ("responsible", "市公安局"),
                ("support", "市财政局"),
            ],
        ),
        (
            "开展消防和",
            [
                ("responsible", "安委会各成员单位"),
                ("responsible", "安监局"),
                ("responsible", "市公安局"),
            ],
        ),
        ("打击传销和", [("lead", "市工商局"), ("support", "市公安局")]),
    ]


def test_an_item_naming_a_unit_alone_is_led_by_it_the_duty_below():
    # a member-unit duty list: each numbered item is a unit, its duty the paragraph below
    text = "\n".join(
        [
            "2.2职责任务。",
            "(1)市林业局。",
            "负责火灾扑救的组织、火灾现场勘察等工作。",
            "(2)市公安局。",
            "负责火灾区域内的治安管理,指导火灾案件侦破等工作。",
            "(3)市检察院、市中级人民法院。",
            "负责森林火灾案件的诉讼和审理工作。",
        ]
    )
    coded, _ = coding(text)
    assert [sorted(u[:2] for u in units) for _, units in coded] == [
        [("lead", "市林业局")],
        [("lead", "市公安局")],
        [("responsible", "市中级人民法院"), ("responsible", "市检察院")],
    ]
