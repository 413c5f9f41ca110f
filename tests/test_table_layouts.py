"""Table layouts beyond the bundled corpus: wrapped unit names and whitespace-aligned tables.

A plan is coded exactly when its measures, every assignment (role, unit as written,
inherited) and the source line each was read from are what a careful coder would write down.
"""

from __future__ import annotations

import pytest

import agencygraph as ag
from agencygraph.parse import detect_layout, parse_plan

L, S, R = "lead", "support", "responsible"


def coding(text: str, doc_id: str = "t"):
    """[(measure text, [(role, unit, inherited, line)])] in source order, and the plan."""
    plan = parse_plan(text, doc_id)
    by_measure = {m.measure_id: [] for m in plan.measures}
    for a in plan.assignments:
        by_measure[a.measure_id].append((a.role, a.agency_raw, a.inherited, a.line))
    return [(m.text, by_measure[m.measure_id]) for m in plan.measures], plan


# --- 1. unit names wrapped inside a tab-led cell ----------------------------------------


def _tab_table(support_lines: list[str]) -> str:
    """A one-row tab-led table whose support cell is written on ``support_lines`` (line 10 on)."""
    return (
        "重点任务分工\n"
        "\t序号\n\t具体措施\n\t牵头单位\n\t配合单位\n\n"
        "\t1\n\t开展职工技能培训\n\t市人社局\n\t" + "\n".join(support_lines) + "\n"
    )


@pytest.mark.parametrize(
    ("lines", "units"),
    [
        # The line before the break ends like a unit name, but the joined name is the unit.
        (["市委", "宣传部"], [("市委宣传部", 10)]),
        (["各县（市、区）", "人民政府"], [("各县（市、区）人民政府", 10)]),
        (["市委", "办公室"], [("市委办公室", 10)]),
        (["市人大", "常委会办公室"], [("市人大常委会办公室", 10)]),
        (["共青团", "市委"], [("共青团市委", 10)]),
        (["市委组织部", "（市委人才办）"], [("市委组织部（市委人才办）", 10)]),
        # Breaks inside a name.
        (["市人力社保", "局"], [("市人力社保局", 10)]),
        (["市总工", "会"], [("市总工会", 10)]),
        (["市发展和改革", "委员会"], [("市发展和改革委员会", 10)]),
        (["市人力资源和社会", "保障局"], [("市人力资源和社会保障局", 10)]),
        (["宁波", "市总工会"], [("宁波市总工会", 10)]),
        (["各县（市、", "区）人民政府"], [("各县（市、区）人民政府", 10)]),
        # a local branch named after its national body (国家税务总局 / 莒县税务局)
        (["国家税务总局", "莒县税务局"], [("国家税务总局莒县税务局", 10)]),
        (["国家统计局", "沛县调查队"], [("国家统计局沛县调查队", 10)]),
        # One unit a line: each line a unit written with its place.
        (["团市委", "市妇联"], [("团市委", 10), ("市妇联", 11)]),
        (["市教育局", "市财政局"], [("市教育局", 10), ("市财政局", 11)]),
        (["市委组织部", "市委宣传部"], [("市委组织部", 10), ("市委宣传部", 11)]),
        (["市委", "市政府"], [("市委", 10), ("市政府", 11)]),
        (["市科协", "市总工会"], [("市科协", 10), ("市总工会", 11)]),
        (["有关部门", "市财政局"], [("有关部门", 10), ("市财政局", 11)]),
        (["人社局", "财政局"], [("人社局", 10), ("财政局", 11)]),
        # Lists running over lines, with a name broken at the end of one.
        (
            ["市财政局、市委", "宣传部、市总工会"],
            [("市财政局", 10), ("市委宣传部", 10), ("市总工会", 11)],
        ),
        (["市委", "组织部", "市委", "宣传部"], [("市委组织部", 10), ("市委宣传部", 12)]),
    ],
)
def test_wrapped_unit_names_are_joined_by_the_lexicon(lines, units):
    got, plan = coding(_tab_table(lines))
    assert plan.layout == "table"
    assert got == [
        ("开展职工技能培训", [(L, "市人社局", False, 9)] + [(S, u, False, n) for u, n in units])
    ]


def test_wrapped_names_in_lead_and_support_cells_of_several_rows():
    text = (
        "\t序号\n\t工作任务\n\t牵头\n单位\n\t配合单位\n\t完成时限\n\n"
        "\t1\n\t深化理想信念教育\n\t市委\n宣传部\n\t市总工会\n团市委\n\t2023年\n\n"
        "\t2\n\t推进技能培训\n\t市人力资源和社会\n保障局\n\t\n\t长期\n\n"
        "\t3\n\t建设职工书屋\n\t\n\t各县（市、区）\n人民政府\n\t每年\n"
    )
    got, _ = coding(text)
    assert got == [
        (
            "深化理想信念教育",
            [(L, "市委宣传部", False, 10), (S, "市总工会", False, 12), (S, "团市委", False, 13)],
        ),
        ("推进技能培训", [(L, "市人力资源和社会保障局", False, 18)]),
        (
            "建设职工书屋",
            [(L, "市人力资源和社会保障局", True, 18), (S, "各县（市、区）人民政府", False, 26)],
        ),
    ]
    assert [ag.resolve(u).agency_type for u in ("市委宣传部", "各县（市、区）人民政府")] == [
        "propaganda",
        "subordinate_govs",
    ]


# --- 2. whitespace-aligned tables (text laid out from PDF) ------------------------------

ALIGNED = """\
附件
重点任务分工表
序号  主要任务                                  牵头单位      配合单位              完成时限
1     建立健全产业工人技能形成制度，完善        市人社局      市财政局、市总工会    2023年底前
      职业技能等级认定
2     建设公共实训基地                          市人社局                            2024年6月
3     推进产业工人入党                          市委组织部    市国资委、市总        长期坚持
                                                              工会

                                  — 3 —
序号  主要任务                                  牵头单位      配合单位              完成时限
4     开展劳动和技能竞赛                                      市总工会              每年
5     落实职工疗休养制度                        市总工会      市委                  2025年
                                                              宣传部
三、保障措施
各牵头单位要明确责任人，抓好落实。
"""


def test_an_aligned_table_read_by_its_columns():
    got, plan = coding(ALIGNED)
    assert plan.layout == "table"
    assert got == [
        (
            "建立健全产业工人技能形成制度，完善职业技能等级认定",
            [(L, "市人社局", False, 4), (S, "市财政局", False, 4), (S, "市总工会", False, 4)],
        ),
        # The blank support cell stands under 配合单位: only the lead is written.
        ("建设公共实训基地", [(L, "市人社局", False, 6)]),
        (
            "推进产业工人入党",
            [(L, "市委组织部", False, 7), (S, "市国资委", False, 7), (S, "市总工会", False, 7)],
        ),
        # The blank lead cell stands under 牵头单位: the lead above is carried down.
        ("开展劳动和技能竞赛", [(L, "市委组织部", True, 7), (S, "市总工会", False, 12)]),
        ("落实职工疗休养制度", [(L, "市总工会", False, 13), (S, "市委宣传部", False, 13)]),
    ]
    assert [m.timeline for m in plan.measures] == [
        "2023年底前",
        "2024年6月",
        "长期坚持",
        "每年",
        "2025年",
    ]
    assert [m.line for m in plan.measures] == [4, 6, 7, 12, 13]
    assert [m.task_no for m in plan.measures] == ["1", "2", "3", "4", "5"]
    # The columns line up, so no row is in doubt.
    assert plan.layout_confidence == 1.0
    assert "table_cells_ambiguous" not in plan.flags


FULL_WIDTH = """\
某区产业工人队伍建设改革任务清单
注：责任单位中排在首位的为牵头单位。
序号　重点任务　具体举措　责任单位　完成时间
1　提升政治地位　提高一线工人代表比例　区委组织部、区人大常委会办公室、区总工会　2023年
2　提升政治地位　推行职工董事制度　区国资委、区总工会　2024年
3　维护合法权益　深化工资集体协商　区人社局、区总工会
"""


def test_a_table_in_full_width_spaces_with_a_single_list():
    got, plan = coding(FULL_WIDTH)
    assert plan.layout == "table"
    assert got == [
        (
            "提高一线工人代表比例",
            [
                (L, "区委组织部", False, 4),
                (S, "区人大常委会办公室", False, 4),
                (S, "区总工会", False, 4),
            ],
        ),
        ("推行职工董事制度", [(L, "区国资委", False, 5), (S, "区总工会", False, 5)]),
        # No time limit: the unit list is told from a time limit by the lexicon.
        ("深化工资集体协商", [(L, "区人社局", False, 6), (S, "区总工会", False, 6)]),
    ]
    assert [m.timeline for m in plan.measures] == ["2023年", "2024年", ""]
    # A category written on every row it spans is one section.
    assert [m.section_title for m in plan.measures] == ["提升政治地位"] * 2 + ["维护合法权益"]
    assert [m.section_no for m in plan.measures] == [1, 1, 2]
    assert "table_cells_ambiguous" not in plan.flags


UNALIGNED_GAP = """\
序号　具体措施　牵头单位　配合单位　完成时限
1　开展主题宣讲活动　县委宣传部　县总工会　2023年
2　建设职工书屋　县总工会　2024年
3　开展技能竞赛　县人社局　县教体局、县总工会　每年
"""


def test_a_missing_unit_cell_without_aligned_columns_is_flagged():
    got, plan = coding(UNALIGNED_GAP)
    # Whether 县总工会 leads or supports cannot be read off the text: the trailing unit cell
    # is taken flush right (support, lead carried down) and the row is flagged.
    assert got[1] == ("建设职工书屋", [(L, "县委宣传部", True, 2), (S, "县总工会", False, 3)])
    assert got[2][1][0] == (L, "县人社局", False, 4)
    assert "table_cells_ambiguous" in plan.flags
    assert (3, "row has 4 cells for 5 columns: placed by content, check") in plan.warnings
    assert plan.layout_confidence == pytest.approx(2 / 3, abs=1e-3)


WRAPPED_HEADER_AND_SECTIONS = """\
XX县产业工人队伍建设改革重点任务
序号    具体措施                    牵头              配合              完成
                                    单位              单位              时限
一、加强思想政治引领
1       开展主题宣讲活动            县委宣传部        县总工会          2023年
2       建设职工书屋                县总工会                            2024年
二、提升技能素质
3       开展技能竞赛，每年          县人社局          县总工会、        每年
        举办一次                                      团县委
4       完善评价体系                县人社局          县教体局          2025年
注：各牵头单位每季度报送进展。
"""


def test_a_wrapped_header_and_section_rows():
    got, plan = coding(WRAPPED_HEADER_AND_SECTIONS)
    assert got == [
        ("开展主题宣讲活动", [(L, "县委宣传部", False, 5), (S, "县总工会", False, 5)]),
        ("建设职工书屋", [(L, "县总工会", False, 6)]),
        (
            "开展技能竞赛，每年举办一次",
            [(L, "县人社局", False, 8), (S, "县总工会", False, 8), (S, "团县委", False, 9)],
        ),
        ("完善评价体系", [(L, "县人社局", False, 10), (S, "县教体局", False, 10)]),
    ]
    assert [(m.section_no, m.section_title) for m in plan.measures] == [
        (1, "加强思想政治引领"),
        (1, "加强思想政治引领"),
        (2, "提升技能素质"),
        (2, "提升技能素质"),
    ]
    assert "table_cells_ambiguous" not in plan.flags


# --- 3. what is not an aligned table -----------------------------------------------------

INLINE_WITH_SPACES = """\
某市推进产业工人队伍建设改革工作方案
　　一、总体要求
　　以习近平新时代中国特色社会主义思想为指导。
　　二、重点任务
　　1.深化理想信念教育。组织开展主题教育活动。
　　牵头单位：市委宣传部　　责任单位：市总工会、团市委
　　2.推进产业工人入党。加大发展党员力度。
　　牵头单位：市委组织部  配合单位：市直机关工委  工作任务：年内完成
"""

NARRATIVE_WITH_SPACES = """\
二、主要任务
1.  加强培训  开展技能提升活动  牵头抓好落实
2.  完善制度  健全工作机制
"""


@pytest.mark.parametrize(
    ("text", "layout"),
    [
        (INLINE_WITH_SPACES, "inline"),
        (NARRATIVE_WITH_SPACES, "narrative"),
        (ALIGNED, "table"),
        (FULL_WIDTH, "table"),
    ],
)
def test_only_a_header_naming_a_lead_column_makes_an_aligned_table(text, layout):
    assert detect_layout(text) == layout


def test_inline_plan_with_spaced_labels_keeps_its_coding():
    got, plan = coding(INLINE_WITH_SPACES)
    assert plan.layout == "inline"
    assert got[0][1][0][:2] == (L, "市委宣传部")


def test_bundled_plans_keep_their_layouts():
    coded = ag.parse_corpus()
    layouts = dict(zip(coded.documents["doc_id"], coded.documents["layout"], strict=True))
    assert layouts == {
        "cixi": "table",
        "haimen": "inline",
        "shanhu": "narrative",
        "ningbo": "narrative",
        "lijiang": "inline",
    }


def test_an_aligned_table_file_reports_its_flags(tmp_path):
    path = tmp_path / "pdf_table.txt"
    path.write_text(UNALIGNED_GAP, encoding="utf-8")
    coded = ag.parse_corpus([path])
    document = coded.documents.iloc[0]
    assert document["layout"] == "table"
    assert "table_cells_ambiguous" in document["flags"]
    lines = coded.assignments.query("role == 'support'")[["agency_raw", "line"]]
    assert lines.values.tolist()[:2] == [["县总工会", 2], ["县总工会", 3]]


# --- a serial column that restarts ------------------------------------------------------

RESTARTING_SERIALS = """某市2024年重点工作任务分工表
序号|重点任务|牵头单位|配合单位
1|推进产业园区建设|市发展改革委|市财政局
2|完善职业教育体系|市教育局|市人力资源社会保障局
1|提高城乡低保标准|市民政局|市财政局
2|扩大养老服务供给|市民政局|市卫生健康委
"""


def test_rows_whose_serials_restart_keep_their_own_measure_ids(tmp_path):
    plan = parse_plan(RESTARTING_SERIALS, "t")
    ids = [m.measure_id for m in plan.measures]
    assert len(ids) == len(set(ids)) == 4
    by_id = {m.measure_id: m.text for m in plan.measures}
    leads = {(by_id[a.measure_id], a.agency_raw) for a in plan.assignments if a.role == L}
    assert ("提高城乡低保标准", "市民政局") in leads
    # Themes, officials and every table are keyed on the measure id: one repeated id
    # used to stop the whole batch with a merge error.
    path = tmp_path / "restart.txt"
    path.write_text(RESTARTING_SERIALS, encoding="utf-8")
    coded = ag.parse_corpus([path])
    assert coded.measures["measure_id"].is_unique
    assert len(coded.measures) == 4


def test_a_category_heading_between_pipe_rows_is_not_a_unit():
    text = RESTARTING_SERIALS.replace("1|提高", "一、民生保障\n1|提高").replace(
        "2|扩大", "（二）养老服务\n2|扩大"
    )
    coded, _ = coding(text)
    assert [units for _, units in coded] == [
        [(L, "市发展改革委", False, 3), (S, "市财政局", False, 3)],
        [(L, "市教育局", False, 4), (S, "市人力资源社会保障局", False, 4)],
        [(L, "市民政局", False, 6), (S, "市财政局", False, 6)],
        [(L, "市民政局", False, 8), (S, "市卫生健康委", False, 8)],
    ]


def test_units_set_apart_by_a_space_in_a_cell_with_investment_companies_short_names():
    text = """某县2024年民生实事项目表
序号|项目名称|牵头单位|配合单位
1|实施老旧管网改造|县住建局|县水利局 县水投
2|建设城乡公交站点|县交通运输局|县交投
"""
    coded, _ = coding(text)
    assert [units for _, units in coded] == [
        [(L, "县住建局", False, 3), (S, "县水利局", False, 3), (S, "县水投", False, 3)],
        [(L, "县交通运输局", False, 4), (S, "县交投", False, 4)],
    ]


# --- a doc-sharing copy: cells and rows run together, pages numbered 1、 2、 ------------

RUN_TOGETHER = """某县2024年重点任务责任分解表.docx
《某县2024年重点任务责任分解表.docx》由会员分享,可在线阅读。
1、某县2024年重点任务责任分解表序号重点任务牵头单位责任单位完成时限1推动老旧小区改造提升,\
完成改造小区12个。县住建局县财政局县城投公司2024年底2加快县域医共体建设。县卫健委县医保局各乡
2、镇2025年6月3完善养老服务网络。县民政局县残联2024年12月
"""


def test_a_table_whose_cells_and_rows_ran_together_is_cut_by_what_its_columns_hold():
    coded, plan = coding(RUN_TOGETHER)
    assert plan.layout == "table" and "glued_cells" in plan.flags
    assert coded == [
        (
            "推动老旧小区改造提升,完成改造小区12个。",
            [(L, "县住建局", False, 3), (S, "县财政局", False, 3), (S, "县城投公司", False, 3)],
        ),
        # 各乡 / 镇 runs over the page break; the page mark 2、 is not part of the name
        (
            "加快县域医共体建设。",
            [(L, "县卫健委", False, 3), (S, "县医保局", False, 3), (S, "各乡镇", False, 3)],
        ),
        ("完善养老服务网络。", [(L, "县民政局", False, 4), (S, "县残联", False, 4)]),
    ]
    assert [m.timeline for m in plan.measures] == ["2024年底", "2025年6月", "2024年12月"]


def test_run_together_rows_with_an_officials_column_and_merged_cells():
    text = (
        "1、2023年民生实事项目分解表序号项目名称主要内容分管领导牵头单位配合单位"
        "1建设口袋公园新建口袋公园5个。王建国市城管局市自然资源局各区政府"
        "2完善托育服务新增托位300个。李红市卫健委市妇联打造示范托育机构2家。\n"
    )
    coded, plan = coding(text)
    assert coded == [
        (
            "建设口袋公园新建口袋公园5个。",
            [(L, "市城管局", False, 1), (S, "市自然资源局", False, 1), (S, "各区政府", False, 1)],
        ),
        ("完善托育服务新增托位300个。", [(L, "市卫健委", False, 1), (S, "市妇联", False, 1)]),
        # text after the units with no row number: another measure of the merged row
        ("打造示范托育机构2家。", [(L, "市卫健委", True, 1), (S, "市妇联", True, 1)]),
    ]
    assert [(o.name, o.title) for o in plan.officials] == [
        ("王建国", "分管领导"),
        ("李红", "分管领导"),
        ("李红", "分管领导"),
    ]


def test_run_together_rows_with_unit_lists_categories_and_page_folios():
    # a doc-sharing copy of a table (序号 | 主要工作任务 | 第一责任单位 | 主要责任单位): the
    # lists are joined by 、 where the cells are not, a category row and a folio stand
    # between rows, and one task runs into its units with no full stop
    text = (
        "—1—某市规划纲要主要目标任务分解落实方案序号主要工作任务第一责任单位主要责任单位"
        "一、主要发展指标1地区生产总值年均增长12%左右。市发展改革委各县(市、区)政府、"
        "嘉兴经济开发区2服务业增加值比重达到40%。市发展改革委市三产发展领导小组各成员单位"
        "3能耗下降20%。市发展改革委市经贸委市统计局、各县(市、区)政府—2—二、产业优化升级"
        "4积极推进技术创新,推广先进生产技术市科技局市经贸委,各县(市、区)政府\n"
    )
    assert _units(text) == [
        [(L, "市发展改革委"), (S, "各县(市、区)政府"), (S, "嘉兴经济开发区")],
        [(L, "市发展改革委"), (S, "市三产发展领导小组各成员单位")],
        # two names run on before the list: the cells meet at the second
        [(L, "市发展改革委"), (L, "市经贸委"), (S, "各县(市、区)政府"), (S, "市统计局")],
        [(L, "市科技局"), (S, "各县(市、区)政府"), (S, "市经贸委")],
    ]


def test_a_second_lead_like_column_lists_the_units_working_with_the_lead():
    text = (
        "分解表\n序号 | 主要工作任务 | 第一责任单位 | 主要责任单位\n"
        "1 | 服务业增加值比重达到40%。 | 市发展改革委 | 各县（市、区）政府、市统计局\n"
    )
    assert _units(text) == [[(L, "市发展改革委"), (S, "各县（市、区）政府"), (S, "市统计局")]]


@pytest.mark.parametrize(
    ("run", "units"),
    [
        ("市委宣传部市文明办团市委", ["市委宣传部", "市文明办", "团市委"]),
        ("教育局经开区高新园(邹区镇)各街道市国有公司", None),
        ("文体旅局晋陵公司轨道公司推进大庙弄核心区改造", ["文体旅局", "晋陵公司", "轨道公司"]),
        ("县住建局县财政局县城投公司", ["县住建局", "县财政局", "县城投公司"]),
        ("五星街道南大街街道荷花池街道", ["五星街道", "南大街街道", "荷花池街道"]),
        ("南京市江宁区人民政府办公室区财政局", ["南京市江宁区人民政府办公室", "区财政局"]),
    ],
)
def test_unit_names_written_with_nothing_between_them_are_cut_apart(run, units):
    from agencygraph.parse.table import _unit_run

    expected = units or ["教育局", "经开区", "高新园(邹区镇)", "各街道", "市国有公司"]
    assert _unit_run(run) == expected


def test_a_run_together_table_of_more_than_999_rows_is_read_to_its_end():
    rows = "".join(f"{i}改造第{i}片区管网。县住建局县水利局2024年底" for i in range(1, 1201))
    plan = parse_plan("序号重点任务牵头单位配合单位完成时限" + rows, "t")
    assert len(plan.measures) == 1200 and not plan.warnings
    assert plan.measures[-1].text == "改造第1200片区管网。"
    assert {(a.role, a.agency_raw) for a in plan.assignments} == {(L, "县住建局"), (S, "县水利局")}


# --- tables met in the fifth batch of real plans (written anew here) -------------------


def test_a_copy_of_a_tables_later_page_with_officials_and_a_progress_column():
    # cells closed by a pipe, one per line; the copy starts at row 7; the 项目名称 column
    # lost its merged cells; a leader's name sits between the measure and the units
    cells = [
        "序号", "项目名称", "年度目标", "分管 领导", "牵头 单位", "责任单位", "推进情况", "说明",
        "7", "新增公共停车泊位500个。", "王建军", "城管局", "交警大队、各街道", "已完成60%。", "是",
        "8", "改造老旧小区12个。", "王建军", "住建局", "各街道", "已完工。", "是",
    ]  # fmt: skip
    text = "2024年民生实事推进情况\n" + "\n".join(f"{c} |" for c in cells) + "\n"
    coded, plan = coding(text)
    assert coded == [
        ("新增公共停车泊位500个。", [(L, "城管局", False, 13), (S, "交警大队", False, 14),
                                 (S, "各街道", False, 14)]),
        ("改造老旧小区12个。", [(L, "住建局", False, 20), (S, "各街道", False, 21)]),
    ]  # fmt: skip
    assert {o.name for o in plan.officials} == {"王建军"}


def test_a_progress_column_written_by_each_unit_is_not_a_measure():
    text = (
        "序号\n\n主要任务\n\n进展情况\n\n责任单位\n\n"
        "1\n\n打造特色商务楼宇。\n\n区商务局：已完成楼宇招商推介。\n\n区商务局、\n\n"
        "甲街道办事处\n\n甲街道办事处：已入驻企业4家。\n\n"
        "2\n\n建设科创孵化基地。\n\n区科技局：已签订合作协议。\n\n区科技局、\n\n乙街道办事处\n"
    )
    coded, _ = coding(text)
    assert [(m, [(r, u) for r, u, _, _ in units]) for m, units in coded] == [
        ("打造特色商务楼宇。", [(R, "区商务局"), (R, "甲街道办事处")]),
        ("建设科创孵化基地。", [(R, "区科技局"), (R, "乙街道办事处")]),
    ]


def test_blank_cells_between_bare_pipes_keep_every_cell_in_its_column():
    rows = [
        ["", "一、交通建设", "", "", ""],
        ["(一)", "农村公路提档升级", "市交通局", "", "2024.12"],
        ["", "甲乡通村路", "市交通局", "甲乡", "2024.6"],
        ["", "乙镇环镇路", "市交通局", "", ""],
    ]
    header = ["序号", "项目名称", "责任单位", "项目所在地", "完工时间"]
    lines = []
    for row in [header, *rows]:
        for cell in row:
            lines.extend([cell, "|"] if cell else ["|"])
    coded, _ = coding("某县民生工程分解表\n" + "\n".join(lines) + "\n")
    assert [(m, [u for _, u, _, _ in units]) for m, units in coded] == [
        ("农村公路提档升级", ["市交通局"]),
        ("甲乡通村路", ["市交通局"]),
        ("乙镇环镇路", ["市交通局"]),
    ]


def test_a_row_name_beside_its_task_titles_the_measure():
    text = """序号|项目名称|具体任务及目标|牵头单位|责任单位
1|城乡供水提升工程|新建水厂1座，改造供水管网30公里。|县水利局|县住建局
2|全民健身惠民工程|新建健身路径20条。|县文旅局|各乡镇
"""
    coded, _ = coding(text)
    assert [m for m, _ in coded] == [
        "城乡供水提升工程新建水厂1座，改造供水管网30公里。",
        "全民健身惠民工程新建健身路径20条。",
    ]


# --- tables met in the sixth batch of real plans (written anew here) -------------------


def test_a_progress_table_with_merged_lead_cells_and_progress_in_paragraphs():
    text = (
        "序号\n\n项目内容\n\n牵头单位\n\n落实情况\n\n"
        "1\n\n新建城乡公交候车亭20个。\n\n县交通运输局\n\n基本完成。\n\n已建成候车亭18个。\n\n"
        "2\n\n开通城乡公交线路3条。\n\n提前完成年度任务。\n\n已开通线路4条。\n\n"
        "3\n\n新增新能源公交车15辆。\n\n县交通运输局（县运管所）\n\n已完成。\n"
    )
    coded, _ = coding(text)
    assert [(m, [(r, u, i) for r, u, i, _ in units]) for m, units in coded] == [
        ("新建城乡公交候车亭20个。", [(L, "县交通运输局", False)]),
        ("开通城乡公交线路3条。", [(L, "县交通运输局", True)]),
        ("新增新能源公交车15辆。", [(L, "县交通运输局（县运管所）", False)]),
    ]


def test_a_pipe_table_of_one_row_under_spaced_labels():
    text = (
        "某区目标任务分解表\n序号 | 任 务 名 称 | 牵 头 部 门 | 配 合 部 门 |\n"
        "1 | 地区生产总值 | 区发改局 | 区统计局、各街道 |\n"
    )
    coded, _ = coding(text)
    assert coded == [("地区生产总值", [(L, "区发改局", False, 3), (S, "区统计局", False, 3),
                                     (S, "各街道", False, 3)])]  # fmt: skip


def test_a_category_merged_down_its_rows_and_a_units_head_named_beside_it():
    text = (
        "大类 | 序号 | 工作任务 | 分管市领导 | 牵头单位及主要负责人 | 落实进展情况 |\n"
        "一、兜底民生保障 | 1 | 提高城乡低保标准。 | 李明 | 市民政局 王强 | 已完成。 |\n"
        "2 | 提高特困人员供养标准。 | 李明 | 市民政局 王强 | 已完成。 |\n"
    )
    coded, plan = coding(text)
    assert coded == [
        ("提高城乡低保标准。", [(L, "市民政局", False, 2)]),
        ("提高特困人员供养标准。", [(L, "市民政局", False, 3)]),
    ]
    assert sorted({o.name for o in plan.officials}) == ["李明", "王强"]


def test_a_lead_label_wrapped_over_two_header_cells():
    text = (
        "序号\n\n项目内容\n\n市级牵头\n\n责任单位\n\n完成目标\n\n(%)\n\n"
        "1\n\n新增城镇就业。\n\n市人社局\n\n100\n\n"
        "2\n\n新建养老机构。\n\n市民政局\n\n95\n"
    )
    coded, _ = coding(text)
    assert [(m, [(r, u) for r, u, _, _ in units]) for m, units in coded] == [
        ("新增城镇就业。", [(L, "市人社局")]),
        ("新建养老机构。", [(L, "市民政局")]),
    ]


def test_an_item_column_headed_project_titles_the_task_beside_it():
    text = (
        "序号 | 项目 | 具体内容 | 牵头单位 | 配合单位 |\n"
        "1 | 老旧小区改造 | 完成改造小区30个。 | 区住建局 | 各街道 |\n"
        "2 | 供水管网更新 | 更新供水管网20公里。 | 区水务局 | 区水务集团公司 |\n"
    )
    coded, _ = coding(text)
    assert [m for m, _ in coded] == [
        "老旧小区改造完成改造小区30个。",
        "供水管网更新更新供水管网20公里。",
    ]


def test_an_unnumbered_line_with_its_own_unit_cell_is_a_sub_row():
    text = (
        "序号 项目名称 责任单位 目标任务 完成情况 完成率\n"
        "1 新增城镇就业 区人社局 8000人 7300 91%\n"
        "2 养老保险扩面 区人社局 6000人 6500 108%\n"
        "提高城乡低保补助标准 区民政局 300元 100%\n"
        "3 新增养老床位 区民政局 70个 55 79%\n"
    )
    coded, _ = coding(text)
    assert [(m, [(r, u) for r, u, _, _ in units]) for m, units in coded] == [
        ("新增城镇就业", [(L, "区人社局")]),
        ("养老保险扩面", [(L, "区人社局")]),
        ("提高城乡低保补助标准", [(L, "区民政局")]),
        ("新增养老床位", [(L, "区民政局")]),
    ]


@pytest.mark.parametrize(
    "header",
    [
        "序号 | 项目 | 工作进度安排 | 目前实施情况 | 牵头单位 |",
        # a mirror site's copy: pinyin after characters, a character and its bracket lost
        "序號(hào) | 項(xiàng)目?jī)?nèi)容 | 工作進(jìn)度安排 | 目前實(shí)施情況 | 牽頭單位 |",
    ],
)
def test_the_project_column_holds_the_measure_where_no_column_names_it(header):
    text = (
        f"{header}\n"
        "1 | 新建城区公园3个。 | 第一季度:完成设计; 第四季度:建成。 | 已完成设计。 | 县住建局 |\n"
        "2 | 改造农村公路50公里。 | 6月底开工,年底完工。 | 已开工。 | 县交通局 |\n"
    )
    coded, _ = coding(text)
    assert [(m, [(r, u) for r, u, _, _ in units]) for m, units in coded] == [
        ("新建城区公园3个。", [(L, "县住建局")]),
        ("改造农村公路50公里。", [(L, "县交通局")]),
    ]


def test_a_header_broken_after_its_first_pipe_and_rows_whose_category_is_merged():
    text = (
        "工作任务 | 具体要求\n"
        "| 责任单位 |\n"
        "一、做好规划公开。 | 1.主动公开规划纲要。 | 县直有关部门;各乡镇 |\n"
        "2.做好规划归集工作。 | 县发改局牵头,县直有关部门配合;各乡镇参照落实 |\n"
        "二、做好财政公开。 | 3.推进预算决算公开。 | 县财政局 |\n"
    )
    coded, _ = coding(text)
    assert [(m, [(r, u) for r, u, _, _ in units]) for m, units in coded] == [
        ("1.主动公开规划纲要。", [(R, "县直有关部门"), (R, "各乡镇")]),
        ("2.做好规划归集工作。", [(L, "县发改局"), (S, "县直有关部门"), (S, "各乡镇")]),
        ("3.推进预算决算公开。", [(L, "县财政局")]),
    ]


def test_an_item_that_slid_into_the_merged_category_cell_takes_the_units_above():
    text = (
        "工作任务 | 具体要求 | 责任单位 |\n"
        "一、解读政策 | (一)做好政策文件解读。 | 各镇,县直各单位 |\n"
        "(二)对社会关注度高的文件做好解读。 | ||\n"
        "二、回应关切 | (三)做好舆情风险研判。 | 县委宣传部 |\n"
    )
    coded, _ = coding(text)
    assert coded == [
        ("(一)做好政策文件解读。", [(R, "各镇", False, 2), (R, "县直各单位", False, 2)]),
        ("(二)对社会关注度高的文件做好解读。", [(R, "各镇", True, 2), (R, "县直各单位", True, 2)]),
        ("(三)做好舆情风险研判。", [(L, "县委宣传部", False, 4)]),
    ]


def test_a_row_of_its_item_alone_takes_the_merged_units_of_the_row_above():
    text = (
        "工作任务 | 具体要求 | 责任单位 |\n"
        "一、财政公开 | 1.推进预算决算公开。 | 县财政局牵头,县直各部门配合 |\n"
        "2.深化政府债务信息公开。 |\n"
        "3.公开惠民资金发放信息。 | 县财政局牵头,县民政局配合 |\n"
    )
    coded, _ = coding(text)
    assert coded == [
        ("1.推进预算决算公开。", [(L, "县财政局", False, 2), (S, "县直各部门", False, 2)]),
        ("2.深化政府债务信息公开。", [(L, "县财政局", True, 2), (S, "县直各部门", True, 2)]),
        ("3.公开惠民资金发放信息。", [(L, "县财政局", False, 4), (S, "县民政局", False, 4)]),
    ]


def test_a_sub_item_written_between_the_name_and_its_unit_is_part_of_the_measure():
    text = (
        "序号 民生实事项目名称 责任单位 目标任务 实际完成 完成率 备注\n"
        "1 新增城镇就业 区人社局 8000人 7300 91%\n"
        "2 深化养老保险制度改革 完成参保人数6300人 区人社局 6300人 7558 119%\n"
        "3 文化惠民 送戏曲下乡20场 区文体局 20 29 145%\n"
    )
    coded, _ = coding(text)
    assert [(m, [(r, u) for r, u, _, _ in units]) for m, units in coded] == [
        ("新增城镇就业", [(L, "区人社局")]),
        ("深化养老保险制度改革完成参保人数6300人", [(L, "区人社局")]),
        ("文化惠民送戏曲下乡20场", [(L, "区文体局")]),
    ]


def test_a_task_column_filled_on_every_row_titles_its_requirements():
    text = (
        "| 序号 | 工作任务 | 具体工作要求 | 责任部门 | ||\n"
        "| 1 | 未完成主要污染物减排年度目标。 | 一票否决。 | 县环保局 县经信局 | ||\n"
        "| 2 | 未完成重污染行业整治年度任务。 | 一票否决。 | 县环保局 | ||\n"
    )
    coded, _ = coding(text)
    assert [(m, [(r, u) for r, u, _, _ in units]) for m, units in coded] == [
        ("未完成主要污染物减排年度目标。一票否决。", [(R, "县环保局"), (R, "县经信局")]),
        ("未完成重污染行业整治年度任务。一票否决。", [(L, "县环保局")]),
    ]


def test_an_extract_keeps_its_sources_row_numbers_under_headings():
    text = (
        "序号\n\n重点工作任务\n\n主要责任单位\n\n协同配合单位\n\n"
        "一、主要预期目标\n\n3\n\n固定资产投资增长7.5%左右。\n\n区发改委\n\n区住建局、区交通局\n\n"
        "二、扩投资优服务\n\n三、惠民生增福祉\n\n"
        "68\n\n推进学前教育普及普惠。\n\n区教育局\n\n各乡镇人民政府\n\n"
        "69\n\n积极引进优质教育资源。\n\n区教育局\n\n区投资促进中心\n"
    )
    coded, _ = coding(text)
    assert [(m, [(r, u) for r, u, _, _ in units]) for m, units in coded] == [
        ("固定资产投资增长7.5%左右。", [(L, "区发改委"), (S, "区住建局"), (S, "区交通局")]),
        ("推进学前教育普及普惠。", [(L, "区教育局"), (S, "各乡镇人民政府")]),
        ("积极引进优质教育资源。", [(L, "区教育局"), (S, "区投资促进中心")]),
    ]


def test_a_table_of_cells_closed_by_pipes_right_after_the_notice_that_sends_it():
    text = (
        "文件名称 |\n某市安委办关于印发任务清单的通知 |\n||\n索引号: |\nAS/2021 |\n"
        "公开目录 |\n应急管理局文件 |\n"
        "某市安全生产委员会办公室\n关于印发任务清单的通知\n"
        "各县区安委会,市安委会各成员单位:\n现将任务清单印发给你们,请认真抓好贯彻落实。\n"
        "某市安全生产委员会办公室\n2021年1月18日\n2021年某市安全生产工作任务清单\n"
        "主要任务 |\n重点工作和要求 |\n责任单位 |\n完成时限 |\n完成进展 |\n"
        "一、加强安排部署 |\n||||\n"
        "(一)制定工作任务清单。 |\n1.制定全市工作任务清单。 |\n市安委办 |\n1月20日前 |\n|\n"
        "2.制定县区工作任务清单。 |\n各县区(开发区) 安委会 |\n2月5日前 |\n|\n"
    )
    coded, _ = coding(text)
    assert [(m, [(r, u) for r, u, _, _ in units]) for m, units in coded] == [
        ("1.制定全市工作任务清单。", [(L, "市安委办")]),
        ("2.制定县区工作任务清单。", [(L, "各县区(开发区)安委会")]),
    ]


# --- numbered measures, one cell a line, units stacked one a line under two columns -----

_STACKED_UNDER_TWO = (
    "某市全民健身计划目标责任分解表\n"
    "领域\n主要目标\n牵头单位\n配合单位\n"
    "1.提高城乡居民体质健康水平。\n"  # 6
    "——经常参加体育锻炼人数比例达到40%。\n"
    "市体育局\n市教育局\n市卫生健康委\n"  # 8-10
    "2.推动体育产业发展。\n"  # 11
    "市体育局、市发展改革委\n市财政局\n"  # 12-13
    "3.加强青少年体育工作。\n"  # 14
    "——学生体质健康标准合格率达到90%以上。\n"
    "市教育局\n市体育局\n"  # 16-17
    "——青少年体育俱乐部覆盖所有县（市、区）。\n"  # 18
    "市体育局\n团市委\n"  # 19-20
    "1.广泛开展全民健身赛事活动。\n"  # 21: numbered afresh under the next area
    "市体育局\n市总工会\n"
)


def test_units_stacked_under_a_lead_and_a_support_column_split_at_the_first_line():
    coded, plan = coding(_STACKED_UNDER_TWO)
    assert [(m[:9], units) for m, units in coded] == [
        (
            "1.提高城乡居民体",
            [(L, "市体育局", False, 8), (S, "市教育局", False, 9), (S, "市卫生健康委", False, 10)],
        ),
        (
            "2.推动体育产业发",
            [
                (L, "市体育局", False, 12),
                (L, "市发展改革委", False, 12),
                (S, "市财政局", False, 13),
            ],
        ),
        # a bullet after the units opens a sub-row with units of its own
        ("3.加强青少年体育", [(L, "市教育局", False, 16), (S, "市体育局", False, 17)]),
        ("——青少年体育俱乐", [(L, "市体育局", False, 19), (S, "团市委", False, 20)]),
        ("1.广泛开展全民健", [(L, "市体育局", False, 22), (S, "市总工会", False, 23)]),
    ]
    # the cells' borders are lost: the split is a reading, and says so
    assert "table_cells_ambiguous" in plan.flags
    assert any("first line read as the lead cell" in w for _, w in plan.warnings)


def test_a_short_unknown_name_between_stacked_units_stays_in_the_run():
    text = (
        "领域\n主要目标\n主要责任单位\n责任单位\n"
        "1.提高孕产妇医疗保健水平。\n市卫生健康委\n人口计生\n市公安局\n"
        "2.妇女艾滋病感染率得到控制。\n市卫生健康委\n市妇联\n"
    )
    coded, _ = coding(text)
    assert [[(r, u) for r, u, _, _ in units] for _, units in coded] == [
        [(L, "市卫生健康委"), (S, "人口计生"), (S, "市公安局")],
        [(L, "市卫生健康委"), (S, "市妇联")],
    ]


def test_serials_written_into_the_measure_cells_and_units_a_line_each():
    text = (
        "序号\n重点任务\n责任单位\n"
        "1.推进老旧小区改造。\n县住建局\n县财政局\n"
        "2.建设城市公园。\n县自然资源局\n"
    )
    coded, _ = coding(text)
    assert [units for _, units in coded] == [
        [(R, "县住建局", False, 5), (R, "县财政局", False, 6)],
        [(L, "县自然资源局", False, 8)],
    ]


# --- an assessment table: a category column before 序号, figures, an overseer's column ---


def test_an_overseers_column_beside_the_responsible_one_is_not_coded():
    # 考核项目 | 序号 | 考核内容 | 单位 | 年度目标 | 责任部门 | 评分部门, one cell a line: the
    # category is written where it starts, units stack one a line, and the scoring
    # department's cell ends each row's run of units
    text = (
        "2023年某县乡村振兴考核任务清单\n"
        "考核项目\n序号\n考核内容\n单位\n年度目标\n责任部门\n评分部门\n"
        "农业提质增效\n1\n粮食播种面积\n万亩\n1.2\n县农业农村局\n市农业农村局\n"
        "2\n农林牧渔业增加值增幅\n%\n≥3%\n县农业农村局\n县海洋与渔业局\n市农业农村局\n"
        "3\n家禽出栏\n万只\n1\n县农业农村局\n市农业农村局\n"  # a target of 1, not a new table
        "乡村治理\n4\n推进移风易俗\n-\n良好以上\n县委宣传部\n市文明办\n"
    )
    coded, plan = coding(text)
    assert [(m, [(r, u) for r, u, _, _ in units]) for m, units in coded] == [
        ("粮食播种面积", [(L, "县农业农村局")]),
        ("农林牧渔业增加值增幅", [(R, "县农业农村局"), (R, "县海洋与渔业局")]),
        ("家禽出栏", [(L, "县农业农村局")]),
        ("推进移风易俗", [(L, "县委宣传部")]),
    ]
    assert [m.section_title for m in plan.measures] == ["农业提质增效"] * 3 + ["乡村治理"]


def test_an_overseers_column_before_the_responsible_one_takes_the_first_cell():
    text = (
        "序号\n重点任务\n考核单位\n责任单位\n"
        "1\n新增城镇就业5000人\n区人社局\n各街道办事处\n"
        "2\n建成区级养老服务中心\n区民政局\n区民政局\n区卫健委\n"
    )
    coded, _ = coding(text)
    assert [[(r, u) for r, u, _, _ in units] for _, units in coded] == [
        [(L, "各街道办事处")],
        [(R, "区民政局"), (R, "区卫健委")],
    ]


def test_figures_beside_the_measure_are_neither_categories_nor_tasks():
    # 目标任务 to the right of the measure is a figure, not a category of rows; a row whose
    # item runs over two cells (事项, then its target) keeps both in the measure
    text = (
        "某区2023年民生实事完成情况表\n"
        "序号 民生实事项目名称 责任单位 目标任务 完成情况 完成率 备注\n"
        "1 新增城镇就业 区人社局 8950人 7356 82%\n"
        "2 新增养老服务床位 区民政局 71个 55 77%\n"
        "3 实施质量强区战略 培育名牌产品2个 区市场监管局 2 申报5家，已完成现场评审。\n"
    )
    coded, plan = coding(text)
    assert [(m, [(r, u) for r, u, _, _ in units]) for m, units in coded] == [
        ("新增城镇就业", [(L, "区人社局")]),
        ("新增养老服务床位", [(L, "区民政局")]),
        ("实施质量强区战略培育名牌产品2个", [(L, "区市场监管局")]),
    ]
    assert {(m.section_no, m.task_title) for m in plan.measures} == {(1, "")}


def test_a_tables_title_paragraph_above_an_unnumbered_header_is_no_column():
    # one cell a paragraph, no 序号: the title (…分工表) would shift every row by one cell
    text = (
        "某市重点任务分工表\n工作任务\n牵头单位\n配合单位\n完成时间\n"
        "推进老旧小区改造\n市住建局\n市财政局\n2023年底\n"
        "建设城市公园\n市城管局\n市自然资源局\n2023年6月\n"
    )
    coded, _ = coding(text)
    assert [(m, [(r, u) for r, u, _, _ in units]) for m, units in coded] == [
        ("推进老旧小区改造", [(L, "市住建局"), (S, "市财政局")]),
        ("建设城市公园", [(L, "市城管局"), (S, "市自然资源局")]),
    ]


def test_a_unit_list_ending_a_paragraph_in_its_separator_goes_on_in_the_next():
    text = (
        "某市重点任务分工表\n序号\n工作任务\n牵头单位\n配合单位\n完成时限\n"
        "1\n推进老旧小区改造\n市住建局\n市财政局、\n各区政府\n2023年底\n"  # 7-12
        "2\n建设城市公园\n市城管局\n市自然资源局\n2023年6月\n"
    )
    coded, _ = coding(text)
    assert coded == [
        (
            "推进老旧小区改造",
            [(L, "市住建局", False, 9), (S, "市财政局", False, 10), (S, "各区政府", False, 11)],
        ),
        ("建设城市公园", [(L, "市城管局", False, 15), (S, "市自然资源局", False, 16)]),
    ]


def test_a_duty_lists_unit_column_before_the_duty():
    # a 职责清单: each row names the department (职责部门) before the duty it holds
    text = (
        "某县安全管理职责清单\n"
        "序号 | 职责部门 | 职责名称 | 职责依据 | |\n"
        "1 | 县应急局 | 负责安全生产监督管理 | 县应急局“三定”规定 | |\n"
        "2 | 县能源局 | 负责建设项目竣工验收监管 | 《矿山安全法》第八条 | |\n"
    )
    coded, _ = coding(text)
    assert coded == [
        ("负责安全生产监督管理", [(L, "县应急局", False, 3)]),
        ("负责建设项目竣工验收监管", [(L, "县能源局", False, 4)]),
    ]


def test_a_line_of_spaces_between_empty_lines_is_a_blank_cell():
    # one cell a paragraph, an empty line between paragraphs; an empty support cell is left
    # as a line holding a space, and the progress column after it is no unit
    cells = [
        "序号", "工作任务", "牵头部门", "配合部门", "推进情况",
        "1", "地区生产总值增长7%", "市发改委", " ", "上半年增长7%",
        "2", "一般公共预算收入增长8%", "市财政局", "市税务局", "上半年增长10.2%",
        "3", "实际使用外资60亿美元", "市商务局", " ", "上半年22.47亿美元",
        "4", "研发经费占比达到2.75%", "市科技局", " ", "年度统计",
    ]  # fmt: skip
    coded, _ = coding("某市工作任务进展情况表\n\n" + "\n\n".join(cells) + "\n")
    assert coded == [
        ("地区生产总值增长7%", [(L, "市发改委", False, 17)]),
        ("一般公共预算收入增长8%", [(L, "市财政局", False, 27), (S, "市税务局", False, 29)]),
        ("实际使用外资60亿美元", [(L, "市商务局", False, 37)]),
        ("研发经费占比达到2.75%", [(L, "市科技局", False, 47)]),
    ]


def test_pipe_rows_with_a_pipe_before_each_cell_only():
    # no pipe closes a row: each line is a row of its own, an empty cell between two pipes
    text = (
        "某市重点任务分工\n|序号|工作任务|牵头单位|配合单位|完成时限\n"
        "|1|完成城市更新项目8个|市发展改革委|市财政局、市住建局|2023年6月底\n"
        "|2|举办消费促进活动20场|市商务局||2023年12月底\n"
    )
    coded, _ = coding(text)
    assert coded == [
        (
            "完成城市更新项目8个",
            [(L, "市发展改革委", False, 3), (S, "市财政局", False, 3), (S, "市住建局", False, 3)],
        ),
        ("举办消费促进活动20场", [(L, "市商务局", False, 4)]),
    ]


def test_each_of_several_tables_is_read_under_its_own_header():
    # two attached tables, the second with columns of its own; the first-listed rule stated
    # with 下同 in the first holds in the second
    text = (
        "附表1 2021年重点项目建设任务\n"
        "序号 | 项目 | 责任单位（第一个为牵头单位，下同）\n"
        "1 | 市体育中心 | 市文体广电旅游局、市城投集团\n"
        "附表2 2021年重点改革任务\n"
        "序号 | 改革任务 | 完成时限 | 责任单位\n"
        "1 | 深化国资国企改革 | 2021年底 | 市国资委、市财政局\n"
        "2 | 推进宅基地制度改革试点 | 2021年6月 | 市农业农村局\n"
    )
    coded, plan = coding(text, "p")
    assert coded == [
        ("市体育中心", [(L, "市文体广电旅游局", False, 3), (S, "市城投集团", False, 3)]),
        ("深化国资国企改革", [(L, "市国资委", False, 6), (S, "市财政局", False, 6)]),
        ("推进宅基地制度改革试点", [(L, "市农业农村局", False, 7)]),
    ]
    assert len({m.measure_id for m in plan.measures}) == 3


def test_a_rule_stated_for_one_table_alone_stays_in_it():
    text = (
        "附表1 重点项目\n序号 | 项目 | 责任单位（第一个为牵头单位）\n"
        "1 | 市体育中心 | 市文体广电旅游局、市城投集团\n"
        "附表2 重点改革\n序号 | 改革任务 | 责任单位\n1 | 深化国资国企改革 | 市国资委、市财政局\n"
    )
    coded, _ = coding(text)
    assert [units for _, units in coded] == [
        [(L, "市文体广电旅游局", False, 3), (S, "市城投集团", False, 3)],
        [(R, "市国资委", False, 6), (R, "市财政局", False, 6)],
    ]


def test_a_table_copied_without_its_header_is_read_by_its_cells():
    text = (
        "1 | 完成27所学校教育基础设施改造提升。 | 县教育局 | 已安装空调970台。 | 按时序推进 |\n"
        "|\n"
        "2 | 完成10家示范型居家养老服务照料中心建设。 | 县民政局 | 5家施工中。 | 按时序推进 |\n"
        "|\n"
        "3 | 为200名以上残疾儿童实施基本康复服务。 | 县残联、县卫生健康局 | 已确定221名。 |"
        " 按时序推进 |\n"
    )
    coded, plan = coding(text)
    assert [units for _, units in coded] == [
        [(L, "县教育局", False, 1)],
        [(L, "县民政局", False, 3)],
        [(R, "县残联", False, 5), (R, "县卫生健康局", False, 5)],
    ]
    assert "table_header_inferred" in plan.flags


def test_numbered_prose_with_units_is_no_headerless_table():
    text = "1 | 市发改委 | 市财政局\n2 | 市教育局 | 市民政局\n3 | 市商务局 | 市统计局\n"
    _, plan = coding(text)
    assert plan.assignments == []


def test_a_duty_tables_header_on_one_line_over_cells_one_a_line():
    # 序号 涉及部门 职责分工: the units' column first, the duties (职责分工) its measures
    text = (
        "中小学校食品安全管理\n序号 涉及部门 职责分工\n1\n市教育局\n负责校园食品安全管理工作。\n"
        "2\n市市场监督管理局\n负责学校集中用餐食品安全的监督管理。\n"
    )
    coded, _ = coding(text)
    assert coded == [
        ("负责校园食品安全管理工作。", [(L, "市教育局", False, 4)]),
        ("负责学校集中用餐食品安全的监督管理。", [(L, "市市场监督管理局", False, 7)]),
    ]


def test_a_pipe_rows_last_cell_wrapped_onto_the_next_line():
    # the progress cell of row 99 goes on on the next line, which holds the contact's cell
    text = (
        "序号 | 主要任务 | 牵头单位 | 协同单位 | 工作进度 | 落实情况 | 联系人 |\n"
        "99 | 加大湿地保护力度。 | 市林业局 | 市水利局 | 序时推进 | 1、扎实开展造林绿化工作,\n"
        "市财政未安排市级资金。 | 王家耀 |\n"
        "100 | 推进国土绿化。 | 市林业局 | 各县区政府 | 已完成 | 完成造林。 | 闫家峰 |\n"
    )
    coded, _ = coding(text)
    assert coded == [
        ("加大湿地保护力度。", [(L, "市林业局", False, 2), (S, "市水利局", False, 2)]),
        ("推进国土绿化。", [(L, "市林业局", False, 4), (S, "各县区政府", False, 4)]),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a header on two rows: 责任单位 spanning 牵头单位 | 配合单位
        "某市重点工作任务分解表\n| 序号 | 重点工作任务 | 责任单位 | | 完成时限 |\n"
        "| | | 牵头单位 | 配合单位 | |\n"
        "| 1 | 地区生产总值增长6%左右 | 市发展改革委 | 市统计局 | 年底 |\n"
        "| 2 | 新增城镇就业4.5万人 | 市人社局 | 各县市区人民政府 | 年底 |\n",
        # a table drawn with box characters
        "某市重点任务分工\n┌──┬────────┬──────┬──────┐\n│序号│重点任务│牵头单位│配合单位│\n"
        "├──┼────────┼──────┼──────┤\n│1│地区生产总值增长6%左右│市发展改革委│市统计局│\n"
        "├──┼────────┼──────┼──────┤\n│2│新增城镇就业4.5万人│市人社局│各县市区人民政府│\n"
        "└──┴────────┴──────┴──────┘\n",
    ],
)
def test_two_row_headers_and_box_drawn_tables(text):
    coded, _ = coding(text)
    assert [sorted((r, u) for r, u, _, _ in units) for _, units in coded] == [
        [(L, "市发展改革委"), (S, "市统计局")],
        [(L, "市人社局"), (S, "各县市区人民政府")],
    ]


def test_page_breaks_ditto_cells_and_continuation_rows_in_pipe_tables():
    text = (
        "某市任务分工\n| 序号 | 工作任务 | 牵头单位 | 配合单位 |\n"
        "| 1 | 实施高校毕业生就业促进计划 | 市人力资源和社会保障 | 市教育局 |\n"
        "|   |   | 局 |   |\n"
        "— 2 —\n续表\n| 序号 | 工作任务 | 牵头单位 | 配合单位 |\n"
        "| 2 | 开展技能培训2万人次 | 同上 | 市商务局 |\n"
        "| 3 | 落实创业担保贷款贴息 | 市财政局 | 无 |\n"
    )
    coded, _ = coding(text)
    assert coded == [
        (
            "实施高校毕业生就业促进计划",
            [(L, "市人力资源和社会保障局", False, 3), (S, "市教育局", False, 3)],
        ),
        (
            "开展技能培训2万人次",
            [(L, "市人力资源和社会保障局", True, 3), (S, "市商务局", False, 8)],
        ),
        ("落实创业担保贷款贴息", [(L, "市财政局", False, 9)]),
    ]


def test_units_stacked_under_a_lead_and_a_support_column():
    # one cell a line: the first stacked unit fills the lead cell, the rest the support cell
    text = (
        "某市重点任务分工\n序号\n重点任务\n牵头单位\n配合单位\n1\n推进历史文化公园建设\n"
        "市文化广电和旅游局\n市财政局\n市自然资源和规划局\n2\n打造夜游品牌\n市文化广电和旅游局\n"
        "市商务局\n"
    )
    coded, _ = coding(text)
    assert [sorted((r, u) for r, u, _, _ in units) for _, units in coded] == [
        [(L, "市文化广电和旅游局"), (S, "市自然资源和规划局"), (S, "市财政局")],
        [(L, "市文化广电和旅游局"), (S, "市商务局")],
    ]


def test_the_lead_read_from_stacked_units_is_flagged_doubtful():
    text = (
        "某市重点任务分工\n序号\n重点任务\n牵头单位\n配合单位\n1\n推进历史文化公园建设\n"
        "市文化广电和旅游局\n市财政局\n市自然资源和规划局\n2\n打造夜游品牌\n市文化广电和旅游局\n"
        "市商务局\n"
    )
    _, plan = coding(text)
    assert "table_cells_ambiguous" in plan.flags
    assert [line for line, message in plan.warnings if "stacked" in message] == [8]


def test_a_single_spaced_table_is_not_read_one_cell_a_line():
    # header and rows single-spaced: the rows' spaces set their cells apart
    text = (
        "某区重点工作任务分解表\n序号 重点工作任务 主要责任单位 协同配合单位 完成期限\n"
        "33 新培育科技型中小企业50家以上。 区科技局 区经信局、区财政局 2023年12月底\n"
        "35 研发费用突破6亿元。 区科技局 区经信局 2023年12月底\n"
    )
    coded, _ = coding(text)
    assert [sorted((r, u) for r, u, _, _ in units) for _, units in coded] == [
        [(L, "区科技局"), (S, "区经信局"), (S, "区财政局")],
        [(L, "区科技局"), (S, "区经信局")],
    ]


def test_a_county_bureaus_sections_are_units():
    text = (
        "序号\n工作任务\n完成时限\n责任股室\n1\n“两馆一站”免费开放服务人次增长15%。\n12月底前\n"
        "文化宣传股\n2\n完成应急广播系统建设。\n12月底前\n广电事业股\n"
    )
    coded, _ = coding(text)
    assert [[(r, u) for r, u, _, _ in units] for _, units in coded] == [
        [(L, "文化宣传股")],
        [(L, "广电事业股")],
    ]


def test_a_two_row_header_flattened_one_cell_a_line():
    # 责任单位 spans 牵头单位 | 配合单位, whose labels come after the first row's
    text = (
        "某省重点任务分工\n序号\n重点任务\n责任单位\n完成时限\n牵头单位\n配合单位\n"
        "1\n建设一体化政务大数据体系\n省数据局\n省发展改革委、省财政厅\n2024年12月\n"
        "2\n推进政务服务迭代升级\n省数据局\n省直有关单位\n2024年9月\n"
    )
    coded, _ = coding(text)
    assert [sorted((r, u) for r, u, _, _ in units) for _, units in coded] == [
        [(L, "省数据局"), (S, "省发展改革委"), (S, "省财政厅")],
        [(L, "省数据局"), (S, "省直有关单位")],
    ]


def test_a_unit_name_wrapped_mid_name_one_cell_a_line():
    text = (
        "某县就业创业重点任务分工\n序号\n工作任务\n牵头单位\n配合单位\n1\n开展农村劳动力转移就业培训\n"
        "县人力资源和社会保\n障局\n县农业农村局\n2\n建设县级创业孵化基地\n县财政局\n县教育局\n"
    )
    coded, _ = coding(text)
    assert [[(r, u) for r, u, _, _ in units] for _, units in coded] == [
        [(L, "县人力资源和社会保障局"), (S, "县农业农村局")],
        [(L, "县财政局"), (S, "县教育局")],
    ]


def test_cells_closed_by_pipes_with_a_pipe_alone_between_rows():
    text = (
        "|\n工作任务 |\n具体工作要求 |\n责任单位 |\n完成时限 |\n|\n"
        "1 |\n推进政策公开，及时发布惠企政策。 |\n区发改委、区财政局 |\n持续推进 |\n|\n"
        "2 |\n深化“高效办成一件事”信息公开。 |\n区数据资源局 |\n持续推进 |\n|\n"
        "3 |\n推进优化消费环境信息公开。 |\n区商务局 |\n年底前 |\n|\n"
    )
    coded, _ = coding(text)
    assert [[(r, u) for r, u, _, _ in units] for _, units in coded] == [
        [(R, "区发改委"), (R, "区财政局")],
        [(L, "区数据资源局")],
        [(L, "区商务局")],
    ]


# --- tables of rectification lists and word-processor copies -----------------------------


def _units(text: str):
    coded, _ = coding(text)
    return [sorted((role, unit) for role, unit, _, _ in units) for _, units in coded]


def test_a_tab_separated_table_with_a_two_row_header():
    text = (
        "某区重点工作任务分解表\n"
        "序号\t重点任务\t责任单位\t\t完成时限\n"
        "\t\t牵头单位\t配合单位\t\n"
        "1\t全年实施重点项目120个\t区发展改革局\t区财政局、区统计局\t2024年12月底前\n"
        "2\t新增城镇就业1.2万人\t区人力资源社会保障局\t区教育局\t2024年12月底前\n"
    )
    assert _units(text) == [
        [(L, "区发展改革局"), (S, "区统计局"), (S, "区财政局")],
        [(L, "区人力资源社会保障局"), (S, "区教育局")],
    ]


def test_a_second_header_row_copied_without_its_blanks():
    text = (
        "某县民生实事项目任务分解表\n"
        "序号\t项目名称\t责任单位\t完成时限\n"
        "牵头单位\t配合单位\n"
        "1\t新建改建农村公路100公里\t县交通运输局\t县财政局、各镇人民政府\t2024年10月底前\n"
        "2\t改造提升农贸市场3个\t县商务局\t县市场监管局\t2024年9月底前\n"
    )
    assert _units(text) == [
        [(L, "县交通运输局"), (S, "县财政局"), (S, "各镇人民政府")],
        [(L, "县商务局"), (S, "县市场监管局")],
    ]


def test_category_rows_between_framed_pipe_rows_are_no_measures():
    text = (
        "某市城市管理突出问题整改方案\n"
        "| 序号 | 存在问题 | 整改措施 | 牵头单位 | 配合单位 | 完成时限 |\n"
        "| 一、市容环境方面 |\n"
        "| 1 | 路面破损 | 分批修复 | 市住房城乡建设局 | 市城市管理局 | 2024年10月底前 |\n"
        "| 二、交通秩序方面 |\n"
        "| 2 | 交通拥堵 | 优化信号灯配时 | 市公安局交通警察支队 | 市教育局 | 2024年9月底前 |\n"
    )
    assert _units(text) == [
        [(L, "市住房城乡建设局"), (S, "市城市管理局")],
        [(L, "市公安局交通警察支队"), (S, "市教育局")],
    ]


def test_a_later_pages_repeated_header_in_a_one_cell_a_line_table():
    head = ["序号", "存在问题", "整改措施", "责任单位", "整改时限"]
    rows = [
        ["1", "重大项目储备不足", "建立重大项目储备库", "市发展改革委", "2024年6月底前"],
        ["2", "国有企业亏损问题突出", "制定亏损企业治理方案", "市国资委", "2024年12月底前"],
        ["续表", *head],
        ["3", "义务教育大班额问题", "新建改扩建学校6所", "市教育局", "2024年8月底前"],
    ]
    text = (
        "某市巡视反馈意见整改任务分解表\n" + "\n".join(head + [c for r in rows for c in r]) + "\n"
    )
    assert _units(text) == [[(L, "市发展改革委")], [(L, "市国资委")], [(L, "市教育局")]]


def test_rows_a_filled_last_cell_left_unmarked():
    # each row closes with its blank 备注 cell (a pipe alone); the second row's 备注 is filled,
    # so nothing marks where it ends
    cells = ["序号", "整改事项", "责任单位", "完成时限", "备注"]
    rows = [
        ["1", "公益性岗位人员履职不到位", "县人力资源社会保障局", "2024年4月底前", ""],
        ["2", "农村危房改造档案不完整", "县住房城乡建设局、各乡镇", "2024年5月底前", "立行立改"],
        ["3", "公共停车场收费公示不规范", "县发展改革委", "2024年3月底前", ""],
    ]
    lines = [f"{c} |" for c in cells] + [f"{c} |" if c else "|" for r in rows for c in r]
    text = "某县巡察反馈问题整改事项清单\n" + "\n".join(lines) + "\n"
    assert _units(text) == [
        [(L, "县人力资源社会保障局")],
        [(R, "县住房城乡建设局"), (R, "各乡镇")],
        [(L, "县发展改革委")],
    ]


def test_two_blank_cells_written_as_a_space_between_empty_lines():
    cells = ["序号", "工作任务", "牵头部门", "配合部门", "上半年推进情况"]
    rows = [
        ["1", "地区生产总值增长7%左右", "市发改委", " ", "增长7.1%"],
        ["2", "一般公共预算收入增长5%", "市财政局", "市税务局", "增长5.3%"],
        ["3", "城镇新增就业13万人", "市人社局", " ", "新增7.6万人"],
    ]
    text = "某市政府工作任务进展情况\n\n" + "\n\n".join(cells + [c for r in rows for c in r]) + "\n"
    assert _units(text) == [
        [(L, "市发改委")],
        [(L, "市财政局"), (S, "市税务局")],
        [(L, "市人社局")],
    ]


# --- plans holding tables and an outline of noted items -----------------------------------


MIXED = (
    "某县2024年主要经济指标和重点工作责任分解\n一、主要经济指标\n"
    "{table}"
    "二、重点工作\n"
    "（一）推进食品产业园建设。（县工业和信息化局牵头，县发展改革局配合）\n"
    "（二）巩固农产品质量安全县创建成果。（县农业农村局牵头，县市场监管局配合）\n"
    "抄送：县委各部门，县人大常委会办公室，县政协办公室。\n"
)
TARGETS = [
    ("地区生产总值增长", "6%", "县发展改革局、县统计局"),
    ("固定资产投资增长", "8%", "县发展改革局"),
]


@pytest.mark.parametrize(
    "table",
    [
        "指标名称\t2024年目标值\t责任单位\n" + "".join("\t".join(r) + "\n" for r in TARGETS),
        "| 指标名称 | 2024年目标值 | 责任单位 |\n"
        + "".join(f"| {' | '.join(r)} |\n" for r in TARGETS),
        "指标名称 | 2024年目标值 | 责任单位\n" + "".join(" | ".join(r) + "\n" for r in TARGETS),
    ],
)
def test_a_target_table_then_an_outline_of_noted_tasks(table):
    coded, plan = coding(MIXED.format(table=table))
    assert [sorted((r, u) for r, u, _, _ in units) for _, units in coded] == [
        [(R, "县发展改革局"), (R, "县统计局")],
        [(L, "县发展改革局")],
        [(L, "县工业和信息化局"), (S, "县发展改革局")],
        [(L, "县农业农村局"), (S, "县市场监管局")],
    ]
    assert "tables_and_outline" in plan.flags
    # the notice's 抄送 line after the outline names no unit of any measure
    assert not any("人大" in a.agency_raw for a in plan.assignments)


def test_a_table_without_an_outline_is_coded_alone():
    coded, plan = coding(
        MIXED.split("二、重点工作")[0].format(
            table="".join(
                "\t".join(r) + "\n" for r in [("指标名称", "2024年目标值", "责任单位"), *TARGETS]
            )
        )
        + "各乡镇要高度重视，抓好落实。\n"
    )
    assert len(coded) == 2
    assert "tables_and_outline" not in plan.flags


def test_circled_points_under_a_noted_fourth_level_item():
    _, plan = coding(
        "某市2023年农业重点工作任务\n"
        "（1）稳定粮食生产。（市农业农村局牵头，市财政局配合）\n"
        "①全年粮食播种面积稳定在500万亩；\n②推广优良品种。\n"
        "（2）加强气象服务。（市气象局牵头，市应急管理局配合）\n"
    )
    assert len(plan.measures) == 2
    assert plan.measures[0].text.count("①") == 1


def test_a_cell_stream_without_serials_is_read_row_by_row_by_content():
    # 序号 in the header but no numbers in the rows; a heading (1)… over the rows, a row
    # whose support cell is missing: a header's width of cells would misread every row
    # after it, the cells' content does not
    text = "\n\n".join(
        [
            "序号",
            "重点工作内容",
            "责任单位",
            "配合单位",
            "一、关于优化经济结构",
            "(1)加快发展现代服务业。",
            "第三产业增加值占地区生产总值的比重再提高1%。",
            "区经委",
            "区发改委",
            "继续推进新虹桥商务区建设。",
            "徐泾镇",
            "区商务区办公室、区发改委",
            "继续推进现代服务业集聚区建设。",
            "赵巷镇",
            "继续推进环淀山湖休闲旅游区建设。",
            "区旅游局",
            "朱家角镇、相关镇",
        ]
    )
    coded, _ = coding(text)
    assert [[(role, unit) for role, unit, _, _ in units] for _, units in coded] == [
        [("lead", "区经委"), ("support", "区发改委")],
        [("lead", "徐泾镇"), ("support", "区商务区办公室"), ("support", "区发改委")],
        [("lead", "赵巷镇")],
        [("lead", "区旅游局"), ("support", "朱家角镇"), ("support", "相关镇")],
    ]
    assert coded[0][0].startswith("第三产业")


def test_rows_closed_by_a_blank_cell_keep_only_their_right_hand_cells():
    # a web copy keeps a line of one space for the empty last column, the header's too: each
    # closes a row; a row merged from above holds only its own cells, an assessment's
    # scores (23, 0.5) have no column, and two units stacked in the unit cell are one list
    cells = [
        "一级指标",
        "二级指标",
        "三级指标",
        "责任科室、单位",
        " ",
        "主动公开",
        "重点领域信息(23",
        "0.75",
        "是否公开老年人补贴相关政策(0.25",
        "中医科",
        " ",
        "是否按月度公开老年人补贴发放情况",
        "中医科",
        " ",
        "医疗服务",
        "2",
        "是否公开公共场所监督检查情况",
        "医政医管与疾控监督科",
        "区卫生健康监督执法大队",
        " ",
    ]
    coded, _ = coding(
        "区卫生健康局2021年度政务公开重点工作任务分解\n\n" + "\n\n".join(cells) + "\n\n"
    )
    assert [(text[:6], [(role, unit) for role, unit, _, _ in units]) for text, units in coded] == [
        ("是否公开老年", [("lead", "中医科")]),
        ("是否按月度公", [("lead", "中医科")]),
        ("是否公开公共", [(R, "医政医管与疾控监督科"), (R, "区卫生健康监督执法大队")]),
    ]


def test_rows_numbered_in_a_column_the_header_does_not_name():
    # 工作任务 | (number) | 具体要求 | 责任科室 | 时限要求, one cell a line between pipes; the
    # third task's name is merged over two rows, so the fourth row opens at its number
    cells = [
        "工作任务",
        "具体要求",
        "责任科室",
        "时限要求",
        "强化规范性文件公开",
        "1",
        "对行政规范性文件进行全面清理。",
        "办公室",
        "年底前",
        "深化政策解读形式",
        "2",
        "积极做好政策解读工作。",
        "各科室",
        "持续推进",
        "做好主动公开基础工作",
        "3",
        "严格规范政府信息公开专栏。",
        "各科室",
        "持续推进",
        "4",
        "规范做好政府信息公开工作年度报告编制发布工作。",
        "办公室",
        "持续推进",
    ]
    coded, _ = coding("\n|\n".join(cells) + "\n|\n")
    assert [(text[:4], [(role, unit) for role, unit, _, _ in units]) for text, units in coded] == [
        ("对行政规", [("lead", "办公室")]),
        ("积极做好", [("lead", "各科室")]),
        ("严格规范", [("lead", "各科室")]),
        ("规范做好", [("lead", "办公室")]),
    ]


def test_a_box_drawn_table_reads_each_row_between_its_rules():
    # a header whose labels wrap inside their cells, a rule under a cell spanning sub-columns
    # drawn on the header's second line, and rows whose cells wrap over three lines
    text = "\n".join(
        [
            "┌─┬──────┬────────┬────┬───┬──────────┐",
            "│序│ 项目名称 │建设规模及主要建│责任单位│完成年│ 项目投入(万元) │",
            "│号│ │ 设内容 │ │ 限 ├─────┬────┤",
            "│ │ │ │ │ │省级补助│市级财政│",
            "├─┼──────┼────────┼────┼───┼─────┼────┤",
            "│21│恩平市区供水│委托咨询公司编制│恩平市政│2007年│ 55 │ │",
            "│ │专项规划 │恩平市区供水专项│ 府 │ │ │ │",
            "│ │ │规划。 │ │ │ │ │",
            "├─┼──────┼────────┼────┼───┼─────┼────┤",
            "│22│城市供水主干│铺设供水主干管道│恩平市水│2007年│3000│ │",
            "│ │管道改造 │50公里。 │ 务局 │-2010│ │ │",
            "└─┴──────┴────────┴────┴───┴─────┴────┘",
        ]
    )
    coded, _ = coding(text)
    assert [[(role, unit) for role, unit, _, _ in units] for _, units in coded] == [
        [("lead", "恩平市政府")],
        [("lead", "恩平市水务局")],
    ]


def test_the_first_rows_category_is_no_column_of_the_header():
    # 分类 | 序号 | 事项 | 责任单位 | 牵头单位, one cell a line; the first row's category
    # (发展目标) is written once, just before its number
    cells = [
        "分类",
        "序号",
        "事项",
        "责任单位",
        "牵头单位",
        "发展目标",
        "1",
        "地区生产总值增长6.5%以上。",
        "区经商局、区发改局",
        "区发改局",
        "2",
        "区本级固定资产投资增长25%。",
        "区发改局",
        "区发改局",
        "3",
        "农业增加值增长3.5%。",
        "区农业农村局",
        "区农业农村局",
    ]
    coded, _ = coding("\n\n".join(cells))
    assert [[(role, unit) for role, unit, _, _ in units] for _, units in coded] == [
        [("lead", "区发改局"), ("support", "区经商局")],
        [("lead", "区发改局")],
        [("lead", "区农业农村局")],
    ]


def test_a_progress_table_whose_reports_run_over_paragraphs():
    # 目标任务 | 牵头单位 | 进展情况 | 下步举措, one cell a paragraph; a report column holds
    # numbered paragraphs, and a row's report cells may be missing
    cells = [
        "目标任务",
        "牵头单位",
        "进展情况",
        "下步举措",
        "固定资产投资增长10%以上。",
        "发改局",
        "一季度累计完成投资96.8亿元。",
        "督促各项目加快建设。",
        "城乡居民收入与经济增长基本同步。",
        "发改局",
        "农业农村局",
        "一季度居民收入增长5.9%。",
        "1.强化造血帮扶,推动低收入农户增收。",
        "2.强化帮扶力量,开展低收入农户增收行动。",
        "完成市下达的能源指标计划目标。",
        "发改局",
    ]
    coded, _ = coding("\n\n".join(cells))
    assert [(text[:4], [(role, unit) for role, unit, _, _ in units]) for text, units in coded] == [
        ("固定资产", [("lead", "发改局")]),
        ("城乡居民", [("lead", "发改局"), ("lead", "农业农村局")]),
        ("完成市下", [("lead", "发改局")]),
    ]


def test_a_single_spaced_table_under_a_letter_spaced_label():
    text = (
        "2016年量化指标任务分工\n\n"
        "序号 工 作 任 务 牵头负责部门\n"
        "1 居民消费价格涨幅3%左右 发展改革委\n"
        "2 城镇新增就业1000万人以上 人力资源社会保障部\n"
        "3 安排地方专项债券4000亿元 财政部\n"
    )
    coded, _ = coding(text)
    assert [[(role, unit) for role, unit, _, _ in units] for _, units in coded] == [
        [("lead", "发展改革委")],
        [("lead", "人力资源社会保障部")],
        [("lead", "财政部")],
    ]


# --- responsibility matrices: units head the columns, marks fill them ---------------------


def test_a_matrix_reads_each_mark_by_its_legend():
    text = (
        "某市2024年数字政府建设重点任务分工\n"
        "（说明：标“★”的为牵头单位，标“√”的为配合单位）\n"
        "序号\t工作任务\t市数据局\t市政务服务中心\t市公安局\n"
        "1\t建成一体化政务大数据平台\t★\t√\t√\n"
        "2\t推动200项高频事项一次办\t√\t★\n"
        "3\t研究制定数据条例（另行明确分工）\n"
    )
    assert _units(text) == [
        [(L, "市数据局"), (S, "市公安局"), (S, "市政务服务中心")],
        [(L, "市政务服务中心"), (S, "市数据局")],
        [],  # a row with no mark names no unit: nothing carried down
    ]


def test_columns_headed_by_places_holding_figures_are_no_matrix():
    text = (
        "某市2021年民生实事分解表\n"
        "| 序号 | 项目 | 东坡区 | 彭山区 | 仁寿县 | 牵头单位 |\n"
        "| 1 | 新增城镇就业（人） | 2000 | 1500 | 3000 | 市人力资源社会保障局 |\n"
        "| 2 | 改造老旧小区（个） | 20 | 15 | 30 | 市住房城乡建设局 |\n"
    )
    assert _units(text) == [[(L, "市人力资源社会保障局")], [(L, "市住房城乡建设局")]]


# --- pipe rows whose cells wrap at their column's width (antiword) -----------------------


def test_pipe_rows_padded_to_their_columns_wrap_inside_names():
    text = (
        "株洲市2024年生态环境保护重点工作任务分工\n"
        "\n"
        "|序号|重点任务                      |牵头单位 |配合单位       |完成时限|\n"
        "|1   |开展臭氧污染防治攻坚，完成挥发|市生态环 |市工业和信息化 |2024年12|\n"
        "|    |性有机物治理项目30个，中心城区|境局     |局、市住房和城 |月底    |\n"
        "|    |空气质量优良天数比例达到85%以 |         |乡建设局、各县 |        |\n"
        "|    |上                            |         |市区人民政府   |        |\n"
        "|2   |加快城镇污水处理提质增效，新建|市住房和 |市城市管理和综 |2024年11|\n"
        "|    |改造污水管网50公里            |城乡建设 |合执法局       |月底    |\n"
        "|    |                              |局       |               |        |\n"
    )
    rows, _ = coding(text)
    assert [[(r, u) for r, u, _, _ in units] for _, units in rows] == [
        [
            ("lead", "市生态环境局"),
            ("support", "市工业和信息化局"),
            ("support", "市住房和城乡建设局"),
            ("support", "各县市区人民政府"),
        ],
        [("lead", "市住房和城乡建设局"), ("support", "市城市管理和综合执法局")],
    ]
    # each unit keeps the line its name starts on
    assert [line for _, units in rows for *_, line in units] == [4, 4, 5, 6, 8, 8]


def test_text_after_a_numbered_tables_last_row_is_no_row():
    # docx2txt prints a table one cell a paragraph; the closing demand and the printing line
    # after it would otherwise be rows taking the last row's units down
    cells = [
        "序号", "重点任务", "牵头单位", "配合单位", "完成时限",
        "1", "深化“一网通办”改革", "市数据资源局", "市政务服务中心", "2024年12月底",
        "2", "开展涉企违规收费专项整治", "市市场监管局", "市财政局", "2024年12月底",
        "各牵头单位要会同配合单位细化工作措施，于每季度末报送进展情况。",
        "滁州市人民政府办公室　　2024年1月20日印发",
    ]  # fmt: skip
    rows, _ = coding("滁州市2024年任务分工方案\n\n" + "\n\n".join(cells) + "\n")
    assert [(text, [(r, u) for r, u, _, _ in units]) for text, units in rows] == [
        ("深化“一网通办”改革", [("lead", "市数据资源局"), ("support", "市政务服务中心")]),
        ("开展涉企违规收费专项整治", [("lead", "市市场监管局"), ("support", "市财政局")]),
    ]


def test_a_copy_with_one_empty_line_between_cells_writes_an_empty_cell_as_two_more():
    # docx2txt: each cell a paragraph and an empty line; an empty cell adds two empty lines
    cells = [
        "序号", "工作任务", "牵头单位", "配合单位", "完成时间",
        "1", "开展村庄清洁行动", "县农业农村局", "", "2024年12月",
        "2", "推进农村户厕改造提升", "", "县卫生健康局、各乡镇人民政府", "2024年10月",
        "3", "提升农村生活污水治理水平", "县水利局", "县住房和城乡建设局", "2024年11月",
    ]  # fmt: skip
    rows, _ = coding("平阳县2024年任务分解表\n\n" + "\n\n".join(cells) + "\n")
    assert [[(r, u, inherited) for r, u, inherited, _ in units] for _, units in rows] == [
        [("lead", "县农业农村局", False)],
        [
            ("lead", "县农业农村局", True),  # the empty lead cell: merged from above
            ("support", "县卫生健康局", False),
            ("support", "各乡镇人民政府", False),
        ],
        [("lead", "县水利局", False), ("support", "县住房和城乡建设局", False)],
    ]


# --- rows under merged cells, and blank cells a copy marks or drops ---------------------


def test_pipe_rows_under_a_task_merged_over_two_rows():
    text = (
        "任务分工表\n"
        "| 序号 | 重点任务 | 工作措施 | 牵头单位 | 配合单位 |\n"
        "| 1 | 加快政务信息系统整合共享 | 推进信息系统整合。 | 省数字办 | 省直有关部门 |\n"
        "| 2 | 建设省级政务数据共享平台。 | 省数字办 | 省经济信息中心 |\n"
        "| 3 | 推进“互联网+政务服务” | 建设全省网上办事大厅。 | 省审改办 | 省数字办 |\n"
        "| 4 | 深化“最多跑一趟”改革。 | 省审改办 | 省直有关部门、省财政厅 |\n"
        "| 5 | 推进智慧教育。 | 省教育厅 | |\n"
    )
    coded, _ = coding(text)
    units = [[(role, unit) for role, unit, _, _ in found] for _, found in coded]
    assert units == [
        [(L, "省数字办"), (S, "省直有关部门")],
        [(L, "省数字办"), (S, "省经济信息中心")],
        [(L, "省审改办"), (S, "省数字办")],
        [(L, "省审改办"), (S, "省直有关部门"), (S, "省财政厅")],
        [(L, "省教育厅")],
    ]


def _cell_per_line(rows: list[list[str]], between_rows: str) -> str:
    header = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
    lines = ["任务分工表", *header]
    for row in rows:
        lines += [between_rows, *row] if between_rows else row
    return "\n".join(lines) + "\n"


def test_a_lone_unit_cell_of_a_row_without_its_blank_cells_leads():
    rows = [
        ["1", "推进源头减量。", "县机关事务服务中心", "县教育局、县卫生健康局", "2022年6月底"],
        ["2", "规范分类运输。", "县综合行政执法局", "2022年12月底"],
        ["3", "推进农村垃圾分类。", "县农业农村局", "各乡镇（街道）", "长期坚持"],
    ]
    coded, _ = coding(_cell_per_line(rows, ""))
    assert [[(r, u) for r, u, _, _ in found] for _, found in coded][1] == [(L, "县综合行政执法局")]


def test_an_empty_line_a_copy_keeps_for_a_blank_cell_carries_the_lead_down():
    rows = [
        ["1", "新建5G基站800个。", "区经信局", "区住建局", "2024年12月"],
        ["2", "实施智能化改造项目80项。", "", "区科技局、区财政局", "2024年12月"],
        ["3", "开展公共数据授权运营试点。", "区大数据中心", "区发改局", "2024年10月"],
        ["4", "新增规上企业20家。", "区商务局", "区经信局", "2024年12月"],
    ]
    coded, _ = coding(_cell_per_line(rows, ""))
    assert [(r, u, inherited) for r, u, inherited, _ in coded[1][1]] == [
        (L, "区经信局", True),
        (S, "区科技局", False),
        (S, "区财政局", False),
    ]


def test_rows_opened_by_a_pipe_with_each_cell_closed_by_one():
    text = (
        "2020年草原禁牧休牧工作任务分工表\n"
        "| 序号 |\n工作任务 |\n责任单位 |\n配合单位 |\n完成时限 |\n"
        "| 1 |\n落实草原禁牧和草畜平衡制度，禁牧区实行全\n年禁牧 |\n旗林业和草原局 |\n"
        "各苏木镇人民政府 |\n2020年12月底 |\n"
        "| 2 |\n开展草原鼠虫害防治 |\n旗林业和草原局 |\n |\n2020年8月底 |\n"
        "| 3 |\n落实草原生态保护补助奖励资金 |\n旗财政局 |\n旗林业和草原局\n旗农牧局 |\n"
        "2020年9月底 |\n"
    )
    coded, _ = coding(text)
    assert [(t, [(r, u) for r, u, _, _ in found]) for t, found in coded] == [
        (
            "落实草原禁牧和草畜平衡制度，禁牧区实行全年禁牧",
            [(L, "旗林业和草原局"), (S, "各苏木镇人民政府")],
        ),
        ("开展草原鼠虫害防治", [(L, "旗林业和草原局")]),
        ("落实草原生态保护补助奖励资金", [(L, "旗财政局"), (S, "旗林业和草原局"), (S, "旗农牧局")]),
    ]


def test_a_whole_table_run_into_one_line_with_single_spaces():
    text = (
        "2015年“四好农村路”建设重点任务分工表\n"
        "序号 工作任务 牵头单位 配合单位 完成时间 1 新改建农村公路1000公里 市交通运输局 "
        "各县市区人民政府 2015年12月 2 推进通村客车全覆盖 市交通运输局 市公安局、市财政局 "
        "2015年12月 3 落实农村公路养护资金 市财政局 市交通运输局 2015年6月\n"
    )
    coded, _ = coding(text)
    assert [[(r, u) for r, u, _, _ in found] for _, found in coded] == [
        [(L, "市交通运输局"), (S, "各县市区人民政府")],
        [(L, "市交通运输局"), (S, "市公安局"), (S, "市财政局")],
        [(L, "市财政局"), (S, "市交通运输局")],
    ]
