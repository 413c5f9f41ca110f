"""The ways Chinese plans write responsibility, each in a small plan written for the test.

These are the general forms named in the "plans it has never seen" issue: compound and
sentence labels, host/co-host wording, officials beside units, first-listed rules in other
words and places, units each leading, lists ending in 等, deadline lines under labels,
tables flattened cell by cell, aggregates and joint responsibility. None is copied from the
real-plan corpus (tests/data/real_plans), which measures the coder instead.
"""

from __future__ import annotations

import pytest

from agencygraph.parse import parse_plan

L, S, R = "lead", "support", "responsible"


def roles(text: str):
    """[[(role, unit)] per measure] and the plan."""
    plan = parse_plan(text, "t")
    found = {m.measure_id: [] for m in plan.measures}
    for a in plan.assignments:
        found[a.measure_id].append((a.role, a.agency_raw))
    return [found[m.measure_id] for m in plan.measures], plan


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        # compound labels
        (
            "牵头责任单位：市发改委\n配合责任单位：市财政局、市商务局",
            [(L, "市发改委"), (S, "市财政局"), (S, "市商务局")],
        ),
        ("（牵头：市教育局；配合：市财政局）", [(L, "市教育局"), (S, "市财政局")]),
        # host / co-host
        ("（主办单位：市总工会；协办单位：团市委）", [(L, "市总工会"), (S, "团市委")]),
        # the division of work written as a sentence after a label
        (
            "（责任分工：市人社局牵头，市财政局、市总工会配合）",
            [(L, "市人社局"), (S, "市财政局"), (S, "市总工会")],
        ),
        # several units each leading
        (
            "（市发改委、市工信局分别牵头，市财政局配合）",
            [(L, "市发改委"), (L, "市工信局"), (S, "市财政局")],
        ),
        # a sole responsible unit leads; several share the duty
        ("（责任单位：市住建局）", [(L, "市住建局")]),
        ("（市住建局、市自然资源局负责）", [(R, "市住建局"), (R, "市自然资源局")]),
        ("（市住建局、市自然资源局按职责分工负责）", [(R, "市住建局"), (R, "市自然资源局")]),
        # a list ending in 等 that goes on after a comma
        (
            "（责任单位：市发改委牵头，市财政局、市商务局等有关部门，各县（市、区）人民政府配合）",
            [(L, "市发改委"), (S, "市财政局"), (S, "市商务局"), (S, "各县（市、区）人民政府")],
        ),
        # aggregates are one unit
        (
            "（牵头单位：市民政局；责任单位：各区、县级市人民政府）",
            [(L, "市民政局"), (S, "各区、县级市人民政府")],
        ),
        # a lead written again among the responsible units is kept once
        (
            "（牵头单位：市卫健委；责任单位：市卫健委、市医保局）",
            [(L, "市卫健委"), (S, "市医保局")],
        ),
        # a unit's own role mark
        ("（责任单位：市人社局（牵头）、市财政局）", [(L, "市人社局"), (S, "市财政局")]),
        # A会同B
        ("（由市司法局会同市公安局负责）", [(L, "市司法局"), (S, "市公安局")]),
        # labels set in 【】, and written with spaces between their characters
        ("【牵头单位】市发改委【配合单位】市财政局", [(L, "市发改委"), (S, "市财政局")]),
        ("\n牵 头 单 位：市发改委\n配 合 单 位：市财政局", [(L, "市发改委"), (S, "市财政局")]),
        # an owner unit and, in brackets, the unit building for it
        (
            "（牵头单位：市卫健委；配合单位：市人民医院（市城投公司代建））",
            [(L, "市卫健委"), (S, "市人民医院"), (S, "市城投公司")],
        ),
        # a last sentence made of role clauses only
        ("市发改委牵头，市财政局配合。", [(L, "市发改委"), (S, "市财政局")]),
    ],
)
def test_note_forms(note, expected):
    text = f"一、重点任务\n1.做好重点工作。加快推进落实。{note}\n"
    found, _ = roles(text)
    assert found == [expected]


@pytest.mark.parametrize(
    "note",
    [
        "（责任单位：市住建局、市财政局（市住建局牵头））",
        "（责任单位：市住建局、市财政局，其中市住建局为牵头单位）",
        "（市住建局负责牵头，市财政局负责配合）",
        "市住建局为牵头单位，市财政局为配合单位。",
        "（主要责任单位：市住建局；次要责任单位：市财政局）",
        "（督办领导：张伟；牵头单位：市住建局；配合单位：市财政局）",
    ],
)
def test_the_lead_named_after_a_list_or_in_other_words(note):
    found, _ = roles(f"一、重点任务\n1.推进老旧小区改造。{note}\n")
    assert found == [[(L, "市住建局"), (S, "市财政局")]]


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        # adverbs between the units and their verb (按职能, 密切, 各司其职、…)
        (
            "（市商务局牵头，市市场监管局、市税务局按职能配合）",
            [(L, "市商务局"), (S, "市市场监管局"), (S, "市税务局")],
        ),
        ("（市商务局牵头，市税务局积极配合）", [(L, "市商务局"), (S, "市税务局")]),
        (
            "（市商务局牵头，市市场监管局、市税务局各司其职、密切配合）",
            [(L, "市商务局"), (S, "市市场监管局"), (S, "市税务局")],
        ),
        # a listed verb that opens with an adverb keeps its own role
        ("（市商务局、市税务局按职责负责）", [(R, "市商务局"), (R, "市税务局")]),
        # 由 with an adverb opening the sentence is not part of the name
        ("（具体由市商务局牵头落实，市税务局配合）", [(L, "市商务局"), (S, "市税务局")]),
        # a label's own unit, then a clause with a verb of its own
        ("（责任单位：市商务局，市税务局配合）", [(L, "市商务局"), (S, "市税务局")]),
        # first / supporting responsible units; 抓总
        (
            "（第一责任单位：市商务局；其他责任单位：市税务局）",
            [(L, "市商务局"), (S, "市税务局")],
        ),
        ("（牵头单位：市商务局；支持单位：市税务局）", [(L, "市商务局"), (S, "市税务局")]),
        ("（市商务局抓总，市税务局配合）", [(L, "市商务局"), (S, "市税务局")]),
        # what the last units do, or a closing clause, after the last verb of a note
        (
            "（市商务局牵头，市税务局配合；各区县政府负责本辖区工作）",
            [(L, "市商务局"), (S, "市税务局"), (S, "各区县政府")],
        ),
        ("（市商务局牵头，市税务局配合，确保按期完成）", [(L, "市商务局"), (S, "市税务局")]),
        (
            "（市商务局牵头，市税务局参与，各区县政府抓好落实）",
            [(L, "市商务局"), (S, "市税务局"), (S, "各区县政府")],
        ),
        # two verbs in a row are one duty
        ("（市商务局负责组织实施）", [(L, "市商务局")]),
    ],
)
def test_verbs_after_adverbs_and_labels_before_a_verb_clause(note, expected):
    found, _ = roles(f"一、重点任务\n1.优化外贸企业服务。{note}\n")
    assert found == [expected]


@pytest.mark.parametrize(
    "text",
    [
        # a unit after the last verb is never dropped as the duty's object
        "一、重点任务\n1.优化外贸企业服务。（市商务局负责，市财政局做好资金保障）\n",
        # prose is not a note: what follows its verb is not read as an object
        "一、重点任务\n1.加强组织领导。成立外贸工作协调小组，统筹推进各项改革任务。\n",
    ],
)
def test_no_unit_is_lost_or_made_up_after_the_last_verb(text):
    found, _ = roles(text)
    units = {unit for _, unit in found[0]}
    # the note is read whole or not at all (the plan is then flagged), never in part
    assert units in (set(), {"市商务局", "市财政局"})
    assert "成立外贸工作协调小组" not in units


def test_officials_beside_units_are_people_not_units():
    text = (
        "一、重点任务\n1.推进数字政府建设。完善一体化平台。\n牵头领导：张伟副市长\n"
        "牵头单位：市大数据局\n责任单位：市委网信办\n"
    )
    found, plan = roles(text)
    assert found == [[(L, "市大数据局"), (S, "市委网信办")]]
    assert [(o.name, o.title, o.line) for o in plan.officials] == [("张伟", "副市长", 3)]


def test_a_person_listed_under_a_unit_label_is_an_official_a_village_a_unit():
    text = (
        "一、重点任务\n1.建设城市生命线安全工程监测平台。\n"
        "成　员：刘志强　市政府副秘书长\n"
        "2.新建村级幸福院1个。（责任单位：镇社会事务办、石门村）\n"
    )
    found, plan = roles(text)
    assert found == [[], [(R, "镇社会事务办"), (R, "石门村")]]
    assert [(o.name, o.line) for o in plan.officials] == [("刘志强", 3)]


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        # a unit opening a later sentence with its own part leads it
        (
            "落实财税支持。市财政局负责统筹补助资金。市税务局要落实税收优惠政策。",
            [(L, "市财政局"), (L, "市税务局")],
        ),
        # …，B要积极配合: B helps the unit the item opens with
        (
            "落实建设资金。县财政局负责统筹整合建设资金，县水利局要积极配合争取上级资金。",
            [(L, "县财政局"), (S, "县水利局")],
        ),
        # a partner's name ends where a known unit's name does and the work begins, though
        # the work (…布局) ends like a unit's name
        (
            "有序发展风电。省能源局会同省自然资源厅科学规划风电项目布局。",
            [(L, "省能源局"), (S, "省自然资源厅")],
        ),
        # a unit's own ending the lexicon does not know (工作站, 办公室)
        (
            "建立草原生态监测体系。市草原工作站负责开展草原生态监测和效益评估。",
            [(L, "市草原工作站")],
        ),
        # a clause saying when before the subject
        (
            "加强安全环保监管。搬迁改造期间，市应急管理局负责安全生产监管，"
            "市生态环境局负责污染防治监管。",
            [(L, "市应急管理局"), (L, "市生态环境局")],
        ),
        (
            "做好牧民转移就业。市人力资源和社会保障局、市农牧业局按照职责分工负责，"
            "开展牧民转移就业技能培训，引导禁牧区牧民转产就业。",
            [(R, "市人力资源和社会保障局"), (R, "市农牧业局")],
        ),
        # each part of the work named before 由 its unit (处理由: 由 after 处理 is "by")
        (
            "加强城乡垃圾处理。城市生活垃圾收运处理由市城管执法局负责，"
            "农村生活垃圾收运处理由市住房城乡建设局负责。",
            [(L, "市城管执法局"), (L, "市住房城乡建设局")],
        ),
        (
            "发展农民专业合作社。此项工作以市农业局为主，市工商局、市供销社配合。",
            [(L, "市农业局"), (S, "市工商局"), (S, "市供销社")],
        ),
        # units joined by 和 doing their work, a 负责制 (a system, no verb) further on
        (
            "实施校园食品安全守护行动。市教育局和市市场监督管理局要督促落实学校食品安全"
            "校长负责制。",
            [(R, "市教育局"), (R, "市市场监督管理局")],
        ),
        (
            "开展汛前检查。市防汛抗旱指挥部办公室要在4月15日前组织开展汛前检查。",
            [(L, "市防汛抗旱指挥部办公室")],
        ),
        (
            "建设统一的政务云平台。市大数据集团负责建设运维全市统一政务云，"
            "市政务服务管理办公室负责统筹管理。",
            [(L, "市大数据集团"), (L, "市政务服务管理办公室")],
        ),
        (
            "规范文旅市场秩序。市文体旅局、市市场监管局联合开展旅游市场专项整治。",
            [(R, "市文体旅局"), (R, "市市场监管局")],
        ),
        # a branch unit named without its level, beside a known unit's own clause
        (
            "加强干线水质安全保障。南水北调中线干线工程建设管理局河南分局负责干线工程运行"
            "安全管理，省公安厅要加强干线沿线治安防控。",
            [(L, "南水北调中线干线工程建设管理局河南分局"), (L, "省公安厅")],
        ),
        (
            "梳理公布政务服务事项。市编办负责会同市法制办全面梳理市级政务服务事项。",
            [(L, "市编办"), (S, "市法制办")],
        ),
        # B told to carry out its own part (要落实…) leads it, as B负责… does
        (
            "扶持龙头企业带动。引导龙头企业与贫困户建立利益联结机制。市农业局负责认定市级"
            "扶贫龙头企业，市财政局要落实扶贫贷款贴息资金。",
            [(L, "市农业局"), (L, "市财政局")],
        ),
    ],
)
def test_units_opening_the_clauses_of_an_items_work(item, expected):
    found, _ = roles(f"二、主要措施\n（一）{item}\n")
    assert found == [expected]


def test_a_line_cut_after_a_quoted_term_goes_on_below():
    text = (
        "二、重点任务\n"
        "3、强化扬尘污染管控。市住房城乡建设局要严格落实建筑工地“六个百分之百”\n"
        "要求；市城市管理局要提高城市道路机械化清扫率；市交通运输局要加强国省干线\n"
        "公路施工扬尘管理。\n"
        "4、推进清洁取暖改造。（市发展改革委负责）\n"
    )
    found, plan = roles(text)
    assert found == [
        [(L, "市住房城乡建设局"), (L, "市城市管理局"), (L, "市交通运输局")],
        [(L, "市发展改革委")],
    ]
    assert plan.measures[0].text.endswith("公路施工扬尘管理。")


def test_role_clauses_opening_a_paragraph():
    text = (
        "1、城市轨道交通项目\n由王强副市长负责，市发改委牵头，市交通局配合，尽快完成项目前期工作。\n"
        "2、污水处理项目\n由王强副市长负责，市住建局牵头，相关部门配合，加快建设进度。\n"
    )
    found, plan = roles(text)
    assert found == [[(L, "市发改委"), (S, "市交通局")], [(L, "市住建局"), (S, "相关部门")]]
    assert {o.name for o in plan.officials} == {"王强"}


def test_deadline_lines_under_labels_are_not_units():
    text = (
        "一、主要任务\n1.建设智慧社区。新建智慧社区20个。\n牵头单位：区民政局\n"
        "配合单位：区住建局\n完成时限：2024年12月底\n"
    )
    found, plan = roles(text)
    assert found == [[(L, "区民政局"), (S, "区住建局")]]
    assert plan.measures[0].timeline == "2024年12月底"


@pytest.mark.parametrize(
    "rule",
    [
        "（排在第一位的为牵头单位，下同）",
        "（第一个单位为牵头单位，下同）",
        "（除标注“牵头”的外，列第一位的为牵头单位，下同）",
    ],
)
def test_first_listed_rule_stated_once_holds_below(rule):
    text = (
        "一、重点任务\n"
        f"1.加强统筹。建立工作机制。（责任单位：市发改委、市财政局{rule}）\n"
        "2.强化保障。落实资金。（责任单位：市财政局、市审计局）\n"
        "3.优化服务。（责任单位：市政务服务局牵头，市大数据局、市司法局）\n"
    )
    found, _ = roles(text)
    assert found == [
        [(L, "市发改委"), (S, "市财政局")],
        [(L, "市财政局"), (S, "市审计局")],
        [(L, "市政务服务局"), (S, "市大数据局"), (S, "市司法局")],
    ]


def test_first_listed_rule_in_a_note_at_the_end_holds_for_the_whole_document():
    inline = (
        "一、重点任务\n1.推进改造。（市住建局、市财政局）\n2.新增就业。（市人社局、市教育局）\n"
    )
    table = "序号\t工作任务\t责任单位\n1\t推进改造\t市住建局、市财政局\n2\t新增就业\t市人社局\n"
    for text in (inline, table):
        found, _ = roles(text + "注：列第一位的为牵头单位。\n")
        assert found[0] == [(L, "市住建局"), (S, "市财政局")], text
        # without the note the same lists name units jointly responsible
        found, _ = roles(text)
        assert found[0] == [(R, "市住建局"), (R, "市财政局")], text


def test_first_listed_rule_after_the_first_unit_with_the_same_below():
    text = (
        "一、重点工作\n1.推进改造。 责任单位:县发改局(首位单位为牵头单位,下同)、县财政局\n"
        "2.新增就业。 责任单位:县人社局、县财政局\n"
    )
    found, _ = roles(text)
    assert found == [[(L, "县发改局"), (S, "县财政局")], [(L, "县人社局"), (S, "县财政局")]]


def test_first_listed_rule_inside_one_list_holds_for_that_list_only():
    text = (
        "一、重点任务\n"
        "1.加强统筹。（责任单位：市发改委、市财政局，排名第一的为牵头单位）\n"
        "2.强化保障。（责任单位：市财政局、市审计局）\n"
    )
    found, _ = roles(text)
    assert found == [[(L, "市发改委"), (S, "市财政局")], [(R, "市财政局"), (R, "市审计局")]]


def test_notes_at_the_level_of_sub_points():
    text = (
        "一、主要目标\n1.约束性指标。\n⑴森林覆盖率达到45%。\n责任单位：市林业局。\n"
        "⑵耕地保有量稳定。\n牵头单位：市自然资源局。\n责任单位：市农业农村局。\n"
    )
    found, _ = roles(text)
    assert found == [[(L, "市林业局")], [(L, "市自然资源局"), (S, "市农业农村局")]]


def test_one_measure_whose_sub_tasks_each_carry_a_note():
    # Unnumbered sub-tasks in one paragraph, each closed by its own note: the measure is
    # the paragraph and its units are every note's, each once.
    text = (
        "一、重点任务\n一、推进水利和绿化建设工程\n"
        "完成调蓄工程一期。（牵头单位：县水务局；配合单位：各乡镇）。"
        "打造街头游园6个。（牵头单位：县园林局；配合单位：各乡镇）。"
        "实施河道绿化工程。（牵头单位：县水务局；配合单位：各乡镇、县财政局）\n"
        "二、建设文化广场\n年底前建成。（牵头单位：县文旅局）\n"
    )
    found, _ = roles(text)
    assert found == [
        [(L, "县水务局"), (S, "各乡镇"), (L, "县园林局"), (S, "县财政局")],
        [(L, "县文旅局")],
    ]


def test_units_before_a_colon_open_the_work():
    text = (
        "一、重点任务\n1.市住建局：推进老旧小区改造30个。\n"
        "2.市财政局、市发改委：保障重点项目资金。\n"
        "3.各区政府、市直各部门：\n"  # an address line, not units at work
    )
    found, _ = roles(text)
    assert found[:2] == [[(L, "市住建局")], [(R, "市财政局"), (R, "市发改委")]]
    assert not [u for measure in found[2:] for _, u in measure]


def test_role_clauses_after_a_dash():
    text = (
        "一、重点任务\n1.推进老旧小区改造——市住建局牵头，市财政局配合\n2.新增就业——市人社局负责\n"
    )
    found, _ = roles(text)
    assert found == [[(L, "市住建局"), (S, "市财政局")], [(L, "市人社局")]]


def test_plan_laid_out_by_department_headings():
    text = (
        "一、市发展改革委（2项）\n1.推进重大项目建设。\n2.编制年度投资计划。\n"
        "二、市财政局\n3.保障重点项目资金。（市财政局牵头，市税务局配合）\n"
        "三、加快城市更新\n4.改造老旧小区。\n"  # a heading that names work, not a unit
    )
    found, _ = roles(text)
    assert found == [
        [(L, "市发展改革委")],
        [(L, "市发展改革委")],
        [(L, "市财政局"), (S, "市税务局")],
        [],
    ]


def test_collectives_named_with_their_owner():
    found, _ = roles(
        "一、重点任务\n1.实施重点项目。(市发改委牵头,各县区政府、市政府有关工作部门分工负责)\n"
    )
    assert found == [[(L, "市发改委"), (S, "各县区政府"), (S, "市政府有关工作部门")]]


def test_progress_report_text_under_a_label_is_not_units():
    # A progress report: each item's label line is followed by what was done, written as
    # a 完成情况： line or as a paragraph of its own.
    text = (
        "一、民生实事\n1.开展职业技能培训4万人次。\n责任单位:市人社局\n"
        "完成情况:全市培训10万人次,新增技能人才5.7万人。\n"
        "（二）适龄女生HPV疫苗接种牵头责任部门:县卫生健康委员会\n"
        "截至4月1日,已完成接种1800剂次,完成率100%。\n"
    )
    found, _ = roles(text)
    assert found == [[(L, "市人社局")], [(L, "县卫生健康委员会")]]


def test_items_run_together_on_one_line():
    text = (
        "一、主要目标\n（一）地区生产总值增长6%。（市发改委负责）（二）一般公共预算收入增长5%。"
        "（市财政局主办，市税务局协办）\n"
    )
    found, _ = roles(text)
    assert found == [[(L, "市发改委")], [(L, "市财政局"), (S, "市税务局")]]


TABLE_CELL_PER_LINE = """\
重点任务分工表
序号
重点任务
牵头单位
配合单位
完成时限
1
推进老旧小区改造，完成改造50个。
市住建局
市财政局、市自然资源局
2024年底
2
加快5G基站建设。
市工信局
市通信发展办
2024年6月
"""

TABLE_PIPE_AFTER_CELLS = """\
序号
|
重点工作任务
|
责任单位
|
1
|
优化营商环境，深化“一件事”改革。
|
市政务服务局,市市场监管局
|
2
|
推进数字经济发展。
|
市经信局、市发改委配合落实
|
"""

TABLE_PIPE_BEFORE_CELLS = """\
牵头单位
| 目标任务
| 责任单位
|
市教
育局
| 新增学位5000个
| 各区县（市）
|
新建幼儿园10所
| 市财政局
|
"""


def test_table_whose_cells_ran_together():
    # A web table copied with nothing between its cells: the header is cut at its label
    # words, each row at its serial number, the sentence end and the unit names.
    text = (
        "2023年重点工作完成情况\n"
        "类别序号重点工作内容牵头单位完成情况\n"
        "经济发展1全年地区生产总值增长5%左右。县发展改革委全年增长5.2%,完成目标。\n"
        "经济发展2新增城镇就业3000人。县人力社保局、县财政局全年新增4100人。\n"
        "民生保障3完成老旧小区改造12个。县住房城乡建设委已完成改造。\n"
    )
    found, plan = roles(text)
    assert plan.layout == "table"
    assert [m.text for m in plan.measures] == [
        "全年地区生产总值增长5%左右。",
        "新增城镇就业3000人。",
        "完成老旧小区改造12个。",
    ]
    assert found == [
        [(L, "县发展改革委")],
        [(L, "县人力社保局"), (L, "县财政局")],
        [(L, "县住房城乡建设委")],
    ]


def test_table_whose_cells_are_set_apart_by_one_space():
    text = (
        "序号 重点任务 牵头单位 配合单位 完成时限\n"
        "1 推进老旧小区改造 市住建局 市财政局、市发改委 2023年底\n"
        "2 新增城镇就业5万人 市人社局 市财政局 2023年底\n"
        "3 建设公共充电桩 市发改委 市供电公司 2023年10月\n"
    )
    found, plan = roles(text)
    assert plan.layout == "table"
    assert [m.timeline for m in plan.measures] == ["2023年底", "2023年底", "2023年10月"]
    assert found == [
        [(L, "市住建局"), (S, "市财政局"), (S, "市发改委")],
        [(L, "市人社局"), (S, "市财政局")],
        [(L, "市发改委"), (S, "市供电公司")],
    ]


def test_table_rows_flattened_with_spaces_and_the_units_last():
    # A table whose rows lost their layout: the header names the unit columns last, each
    # numbered task ends with its unit cells, the first sometimes glued to the sentence.
    text = (
        "附件 重点任务分工 主要任务 具体内容 牵头部门 配合部门\n"
        "一、推进城市更新\n"
        "1、推进老旧小区改造,完成改造30个. 市住建局、市发改委 市直有关部门\n"
        "2、建设公共充电设施.市发改委 市供电公司,各区政府\n"
        "3、开展城市体检. 市住建局\n"
    )
    found, plan = roles(text)
    assert [m.text for m in plan.measures] == [
        "推进老旧小区改造,完成改造30个.",
        "建设公共充电设施.",
        "开展城市体检.",
    ]
    assert found == [
        [(L, "市住建局"), (L, "市发改委"), (S, "市直有关部门")],
        [(L, "市发改委"), (S, "市供电公司"), (S, "各区政府")],
        [(L, "市住建局")],
    ]


def test_pipe_table_whose_merged_cells_were_dropped():
    # Rows under a merged lead cell lost that cell: their later cells moved left, the gap
    # went to the row's end. A cell that cannot be a unit is placed by its content.
    text = (
        "序号 | 项目内容 | 牵头单位 | 落实情况 |\n"
        "1 | 免费接种流感疫苗2万人。 | 县卫生健康局 | 已完成。 |\n"
        "2 | 开展结直肠癌筛查7400人。 | 已完成。完成率47%。 | |\n"
        "3 | 培训应急救护人员235人。 | 县红十字会 | 已完成培训188人。 |\n"
    )
    found, _ = roles(text)
    assert found == [[(L, "县卫生健康局")], [(L, "县卫生健康局")], [(L, "县红十字会")]]


def test_table_cell_holding_labels():
    text = (
        "序号\t工作任务\t责任单位\t完成时限\n"
        "1\t推进老旧小区改造\t牵头：市住建局；配合：市财政局\t2023年底\n"
        "2\t新增就业\t牵头：市人社局\t2023年底\n"
    )
    found, _ = roles(text)
    assert found == [[(L, "市住建局"), (S, "市财政局")], [(L, "市人社局")]]


def test_table_one_cell_per_line_each_closed_by_a_pipe():
    # A doc-sharing copy: every cell on its own line ending in a pipe, rows ended by a line
    # of pipes, a sub-heading spanning the numbered items below it, merged lead cells.
    text = (
        "2024年民生实事项目进展表\n"
        "序号 |\n牵头单位 |\n项目名称 |\n业主单位 |\n进展情况 |\n||\n"
        "一 |\n县住建局 |\n(一)道路畅通工程 |\n1.文化路 |\n县城投公司 |\n已完工 |\n|||\n"
        "2.乐业路 |\n县城管局 |\n已完工 |\n|||\n"
        "二 |\n县教体局 |\n(一)学校建设项目 |\n县教体局 |\n在建 |\n||\n"
    )
    found, plan = roles(text)
    assert [m.text for m in plan.measures] == ["1.文化路", "2.乐业路", "(一)学校建设项目"]
    assert found == [
        [(L, "县住建局"), (S, "县城投公司")],
        [(L, "县住建局"), (S, "县城管局")],
        [(L, "县教体局")],
    ]


def test_table_one_cell_per_line():
    found, plan = roles(TABLE_CELL_PER_LINE)
    assert plan.layout == "table"
    assert found == [
        [(L, "市住建局"), (S, "市财政局"), (S, "市自然资源局")],
        [(L, "市工信局"), (S, "市通信发展办")],
    ]
    assert [m.timeline for m in plan.measures] == ["2024年底", "2024年6月"]


def test_table_with_a_pipe_after_every_cell_and_a_single_column():
    found, plan = roles(TABLE_PIPE_AFTER_CELLS)
    assert plan.layout == "table"
    assert found == [
        [(R, "市政务服务局"), (R, "市市场监管局")],
        [(S, "市经信局"), (S, "市发改委")],
    ]


def test_table_with_a_pipe_before_cells_and_a_merged_lead_cell():
    plan = parse_plan(TABLE_PIPE_BEFORE_CELLS, "t")
    assert [(a.role, a.agency_raw, a.inherited) for a in plan.assignments] == [
        (L, "市教育局", False),
        (S, "各区县（市）", False),
        (L, "市教育局", True),
        (S, "市财政局", False),
    ]


def test_support_units_on_their_own_label_line_keep_their_line():
    """Regression (issue 18, bug 1): the support unit is on line 4, not the lead's line 2."""
    plan = parse_plan("1. 加强培训。开展培训。\n牵头单位：区人社局\n\n配合单位：区财政局\n", "t")
    assert [(a.role, a.agency_raw, a.line) for a in plan.assignments] == [
        (L, "区人社局", 2),
        (S, "区财政局", 4),
    ]


# --- forms met in the fifth batch of real plans (written anew here) -------------------


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        # a deadline closing a sentence note
        ("（市交通局负责，年内持续推进）", [(L, "市交通局")]),
        ("（市住建局牵头，市财政局配合，2024年6月底前完成）", [(L, "市住建局"), (S, "市财政局")]),
        # ... or a label's list, whose units are joined by 及
        (
            "（牵头单位：县发改局；责任单位：县委编办及县直相关单位，9月底完成）",
            [(L, "县发改局"), (S, "县委编办"), (S, "县直相关单位")],
        ),
        # one collective of governments sharing 各 and 人民政府
        (
            "（牵头单位：省商务厅；责任单位：各州、市人民政府）",
            [(L, "省商务厅"), (S, "各州、市人民政府")],
        ),
    ],
)
def test_notes_with_deadlines_conjunctions_and_collectives(note, expected):
    found, _ = roles(
        f"一、重点任务\n1.推进城乡客运一体化。{note}\n2.做好其他工作。（县文旅局负责）\n"
    )
    assert found[0] == expected


def test_a_progress_report_keeps_the_note_before_what_was_done():
    text = (
        "2023年为民办实事完成情况\n"
        "（一）新建城区停车位2000个。（市城管局负责）\n"
        "完成情况：已建成停车位2150个，超额完成。\n"
        "（二）改造农村公路100公里。（市交通局、市财政局负责）\n"
        "完成情况：完成改造103公里。\n"
    )
    found, plan = roles(text)
    assert found == [[(L, "市城管局")], [(R, "市交通局"), (R, "市财政局")]]
    assert plan.measures[0].text.startswith("新建城区停车位2000个。")


def test_a_titled_sub_point_over_the_noted_point_under_it():
    text = (
        "一、工作任务\n"
        "1.城乡居民增收工程\n"
        "（1）增加城镇居民收入\n"
        "①以创业带动就业，新增城镇就业5000人。（牵头部门：县人社局；责任单位：各乡镇）\n"
    )
    found, plan = roles(text)
    assert [m.text for m in plan.measures] == ["以创业带动就业，新增城镇就业5000人。"]
    assert found == [[(L, "县人社局"), (S, "各乡镇")]]


# --- forms met in the sixth batch of real plans (written anew here) -------------------


def test_a_star_marks_the_lead_among_the_responsible_units():
    found, _ = roles(
        "一、重点任务\n1.推动数字经济发展。（责任单位：*县发改局、*县经信局、县统计局）\n"
    )
    assert found == [[(L, "县发改局"), (L, "县经信局"), (S, "县统计局")]]


def test_the_first_responsible_unit_leads_where_the_plan_says_so():
    text = (
        "一、破除不合理门槛\n（一）规范招标投标活动。\n"
        "责任单位：市建设局、市财政局（第一责任单位为牵头单位，下同）\n"
        "（二）清理涉企收费。\n责任单位：市发改委、市市场监管局\n"
    )
    found, _ = roles(text)
    assert found == [
        [(L, "市建设局"), (S, "市财政局")],
        [(L, "市发改委"), (S, "市市场监管局")],
    ]


def test_items_numbered_without_a_mark_over_their_label_lines():
    text = (
        "一、就业创业工程\n\n1优化就业服务\n\n牵头单位：市人社局\n\n完成情况：达到序时进度\n\n"
        "2扶持创业主体\n\n牵头单位：市市场监管局、市财政局\n\n"
        "二、教育提升工程\n\n1新建幼儿园10所\n\n牵头单位：市教育局\n"
    )
    found, plan = roles(text)
    assert [m.text for m in plan.measures] == ["优化就业服务", "扶持创业主体", "新建幼儿园10所"]
    assert found == [[(L, "市人社局")], [(L, "市市场监管局"), (L, "市财政局")], [(L, "市教育局")]]


def test_a_statistics_table_run_on_after_the_last_label_is_not_units():
    text = (
        "1.新开公交线路12条。 牵头领导:张明 责任单位:市交通局 配合单位:市公安局、市财政局,"
        "各区政府 城东 城西、城南 合计 新开线路年度目标 4 5 3 12 实际完成 2 3 1 6\n"
        "2.新建公共停车泊位2000个。 责任单位:市住建局 配合单位:市城管局\n"
    )
    found, _ = roles(text)
    assert found == [
        [(L, "市交通局"), (S, "市公安局"), (S, "市财政局"), (S, "各区政府")],
        [(L, "市住建局"), (S, "市城管局")],
    ]


def test_a_closing_sentence_of_units_sharing_the_work_and_their_head_noun():
    text = (
        "（一）道路项目。新建通村公路20公里。由县交通局、乡政府共同组织实施。\n"
        "（二）水电项目。修建水渠3公里。由县农业局、水利、电力部门共同组织实施。\n"
        "（三）圩区项目。加固堤防5公里。由县水利局负责，新洲、白湖管理区配合。\n"
    )
    found, _ = roles(text)
    assert found == [
        [(R, "县交通局"), (R, "乡政府")],
        [(R, "县农业局"), (R, "水利、电力部门")],
        [(L, "县水利局"), (S, "新洲、白湖管理区")],
    ]


def test_a_progress_label_qualified_by_words_glued_to_the_last_unit():
    # the copy lost the break between the unit line and 贯彻落实情况：
    text = (
        "1.强化重点人员排查管控。\n"
        "责任单位:区卫生健康委、区公安分局贯彻落实情况:已完成并长期坚持。\n"
        "2.做好社区常态化防控。\n"
        "责任单位:区民政局目前进展情况:已完成。\n"
    )
    found, _ = roles(text)
    assert found == [[(R, "区卫生健康委"), (R, "区公安分局")], [(L, "区民政局")]]


def test_targets_run_together_each_closed_by_its_note_are_measures():
    text = (
        "一、主要目标\n"
        "1.主要指标的责任部门。\n"
        "常住人口控制在300万人左右。(市卫健委、市公安局牵头)单位产值能耗降低15%。(市发改委牵头)"
        "耕地保有量保持在80万公顷。\n"
        "(市自然资源局牵头)主要污染物排放总量减少10%。(市生态环境局牵头)\n"
    )
    found, plan = roles(text)
    assert [m.text for m in plan.measures] == [
        "常住人口控制在300万人左右。",
        "单位产值能耗降低15%。",
        "耕地保有量保持在80万公顷。",
        "主要污染物排放总量减少10%。",
    ]
    assert found == [
        [(L, "市卫健委"), (L, "市公安局")],
        [(L, "市发改委")],
        [(L, "市自然资源局")],
        [(L, "市生态环境局")],
    ]


def test_sub_tasks_of_one_paragraph_each_with_a_note_stay_one_measure():
    text = (
        "二、加快推进生态工程\n"
        "为改善全县饮用水质量和补充地下水源，加快推进引水调蓄工程建设，一期工程于年底前完成。"
        "(牵头责任单位:水利局;配合单位:有关乡镇)。因地制宜见缝插绿，拆违还绿、拆墙透绿，"
        "打造街头游园9个，年底前全部建成并向市民开放。(牵头责任单位:城管局;配合单位:有关乡镇)\n"
    )
    found, plan = roles(text)
    assert len(plan.measures) == 1
    assert found == [[(L, "水利局"), (S, "有关乡镇"), (L, "城管局")]]


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("（市发改委为第一责任单位，市财政局配合）", [(L, "市发改委"), (S, "市财政局")]),
        ("（市发改委主抓，市财政局协助）", [(L, "市发改委"), (S, "市财政局")]),
        ("（市发改委负责，市财政局支持）", [(L, "市发改委"), (S, "市财政局")]),
        ("（市发改委具体承办，市财政局协办）", [(L, "市发改委"), (S, "市财政局")]),
        ("（市发改委牵头组织实施，市财政局配合）", [(L, "市发改委"), (S, "市财政局")]),
        ("（市发改委、市财政局按职能职责落实）", [(R, "市发改委"), (R, "市财政局")]),
        (
            "（市直相关部门按职责分工负责，各县区政府具体落实）",
            [(R, "市直相关部门"), (R, "各县区政府")],
        ),
        # a sentence, then a label, in one bracket
        ("（市发改委牵头；配合单位：市财政局）", [(L, "市发改委"), (S, "市财政局")]),
        # a lead marked in a bare list: angle brackets, a star after the name
        ("（市发改委〈牵头〉、市财政局）", [(L, "市发改委"), (S, "市财政局")]),
        ("（市发改委＊、市财政局）", [(L, "市发改委"), (S, "市财政局")]),
    ],
)
def test_more_ways_of_naming_the_lead_and_the_others(note, expected):
    found, _ = roles(
        f"一、重点任务\n1.推进产业项目建设，完成投资100亿元。{note}\n2.做好就业工作。（市人社局负责）\n"
    )
    assert found[0] == expected


def test_a_news_copys_byline_is_not_a_unit():
    text = (
        "1.推进重点项目建设。(市发改委牵头)\n"
        "全市35个重点项目明确了包保领导和责任单位，总投资约279亿元。(孝感日报)\n"
    )
    found, plan = roles(text)
    assert found == [[(L, "市发改委")]]
    assert "孝感日报" not in {a.agency_raw for a in plan.assignments}


def test_a_qualifier_before_a_label_belongs_to_the_label():
    text = (
        "1.创建国家卫生县城。\n"
        "牵头责任单位:县卫健委\n"
        "主要协作单位:各乡镇人民政府,县政府有关部门\n"
        "2.推广家庭医生签约服务。\n"
        "牵头责任单位:县卫健委\n"
        "其他配合单位:县医保局\n"
    )
    found, _ = roles(text)
    assert found == [
        [(L, "县卫健委"), (S, "各乡镇人民政府"), (S, "县政府有关部门")],
        [(L, "县卫健委"), (S, "县医保局")],
    ]


def test_a_rectification_list_with_qualified_and_bracketed_labels():
    text = (
        "1.污水直排问题。\n整改措施：完成管网改造。\n责任领导：张伟\n"
        "整改责任单位：县住建局、县生态环境分局\n整改时限：2024年底\n"
        "2.扬尘污染问题。（牵头单位（部门）：县住建局；配合单位（部门）：县城管局）\n"
        "3.河道垃圾问题。（主要负责：县水利局；协助：各乡镇）\n"
    )
    found, plan = roles(text)
    assert found == [
        [(R, "县住建局"), (R, "县生态环境分局")],
        [(L, "县住建局"), (S, "县城管局")],
        [(L, "县水利局"), (S, "各乡镇")],
    ]
    # a bare name's title is the label it stands under
    assert [(o.name, o.title) for o in plan.officials] == [("张伟", "责任领导")]
    assert plan.measures[0].timeline == "2024年底"


def test_a_notices_address_line_is_no_measure_and_a_unit_in_brackets_by_its_level():
    text = (
        "各镇人民政府、街道办事处,区政府各部门、各直属单位:为全面落实2011年《政府工作报告》"
        "提出的各项工作,现将工作任务及责任予以分解。\n"
        "一、主要预期目标\n1.区属GDP增长12%。(区发改局)\n2.社会消费品零售总额增长15%。(区贸易粮食局)\n"
    )
    found, plan = roles(text)
    assert [m.text for m in plan.measures] == ["区属GDP增长12%。", "社会消费品零售总额增长15%。"]
    assert found == [[(L, "区发改局")], [(L, "区贸易粮食局")]]


def test_a_plan_laid_out_by_department_some_given_a_paragraph():
    text = (
        "三、省委政法委\n深入开展“平安乡村”创建活动。\n"
        "四、省发改委\n(一)安排建设资金12亿元。\n(二)安排农村饮水安全资金1.4亿元。\n"
        "五、铁路安全督查组\n由汉中车务段牵头组织实施。\n"
    )
    found, plan = roles(text)
    assert [m.text for m in plan.measures][:3] == [
        "深入开展“平安乡村”创建活动。",
        "安排建设资金12亿元。",
        "安排农村饮水安全资金1.4亿元。",
    ]
    assert found[:3] == [[(L, "省委政法委")], [(L, "省发改委")], [(L, "省发改委")]]
    assert found[3] == [(L, "汉中车务段")]


def test_units_written_as_the_subject_of_the_items_work():
    text = (
        "(一)市国资办负责市属国有企业的招商、项目对接工作。\n"
        "(二)市外侨办、市台办负责并会同有关部门做好客户邀请、接待联络等工作。\n"
        "(三)市农办、市建设局、市规划局主要做好招商项目的前期审查工作。\n"
        "(四)全市各部门要加强协作，形成合力。\n"
    )
    found, _ = roles(text)
    assert found == [
        [(L, "市国资办")],
        [(L, "市外侨办"), (L, "市台办"), (S, "有关部门")],
        [(R, "市农办"), (R, "市建设局"), (R, "市规划局")],
        [],
    ]


def test_a_news_copy_that_lost_its_breaks_with_items_opening_on_their_units():
    text = (
        "为切实做好防汛工作,市防汛指挥部召开会议,各级各单位要按照职责分工,迅速落实各项防汛措施,"
        "全面做好应急响应准备,确保人民生命财产安全。 看好了,有问题找他们 "
        "七区政府:排查危漏房屋 七区政府要重点做好辖区内危漏房屋的排查工作,落实 "
        "市国土资源房管局:防范地质灾害 市国土资源房管局要做好地质灾害的监管和防范工作。 "
        "市市政公用局:确保排水设施畅通 市市政公用局要确保市管排水设施畅通,组织落实专业抢险队伍,"
        "落实防汛物料、器械、工具。 市城管执法局:加强广告设施巡视 市城管执法局要重点加强对"
        "广告设施、沿海一线等重要部位的巡视和检查工作。\n"
    )
    found, _ = roles(text)
    assert [f[0][1] for f in found if f] == [
        "七区政府",
        "市国土资源房管局",
        "市市政公用局",
        "市城管执法局",
    ]


def test_a_working_group_led_by_a_units_official_with_member_units():
    text = (
        "一、检查组\n"
        "1、煤矿安全督查组,由市煤炭安全局孙伟任组长,成员由市煤炭安全局、市国土资源局、"
        "市公安局有关人员组成。\n"
        "2、非煤矿山安全督查组,由市安全生产监督管理局局长赵福才任组长,成员由市安全监管局、"
        "市公安局有关人员组成。\n"
    )
    found, plan = roles(text)
    assert found == [
        [(L, "市煤炭安全局"), (S, "市国土资源局"), (S, "市公安局")],
        # the leader's bureau again under its short name (市安全监管局) is not a member
        [(L, "市安全生产监督管理局"), (S, "市公安局")],
    ]
    assert [(o.name, o.title) for o in plan.officials] == [("孙伟", ""), ("赵福才", "局长")]


def test_headquarters_and_task_forces_headed_by_an_official_or_a_units_post():
    # 指挥长 and 专班负责人 head a group as 组长 does; a group's heading over its make-up is
    # no unit answering for paragraphs; 组长单位 leads
    text = (
        "一、沣西大道东延建设指挥部\n"
        "指挥长：区城管局局长\n"
        "成员单位：区城管局、区住建局\n"
        "主要职责：负责征地拆迁和施工组织协调。\n"
        "二、物流园建设指挥部\n"
        "指挥长：副区长\n"
        "成员单位：区商务局、区发改局\n"
        "主要职责：负责用地报批。\n"
        "三、停车场建设专班\n"
        "专班负责人：区住建局主要负责人\n"
        "专班成员单位：区自然资源局、区财政局\n"
        "年度目标：新增泊位1200个。\n"
        "四、滨河公园项目\n"
        "工作专班：区水利局（组长单位）、区林业局\n"
        "工作目标：建成滨河公园2处。\n"
        "五、成立景区提升工程指挥部，由区长任指挥长，区文旅局、区住建局为成员单位，负责景区道路改造。\n"
        "六、成立高速建设协调指挥部，由区交通运输局局长任指挥长，区自然资源局、区林业局为成员单位，"
        "负责征地拆迁。\n"
    )
    found, _ = roles(text)
    assert found == [
        [(L, "区城管局"), (S, "区住建局")],
        [(R, "区商务局"), (R, "区发改局")],
        [(L, "区住建局"), (S, "区自然资源局"), (S, "区财政局")],
        [(L, "区水利局"), (S, "区林业局")],
        [(R, "区文旅局"), (R, "区住建局")],
        [(L, "区交通运输局"), (S, "区自然资源局"), (S, "区林业局")],
    ]


def test_a_bare_count_after_the_items_names_them():
    # 4项目标的责任单位均为A: 以上4项… without 以上; 均为 after a label as its colon
    text = (
        "（一）跨越式发展目标。\n"
        "1.地区生产总值增长15%；\n"
        "2.第三产业增加值达到1000亿元；\n"
        "2项目标的责任单位均为市发展改革委。\n"
        "3.规模以上工业销售收入达到3000亿元；\n"
        "该目标责任单位为市经委。\n"
    )
    found, _ = roles(text)
    assert found == [[(L, "市发展改革委")], [(L, "市发展改革委")], [(L, "市经委")]]


def test_bare_lists_closing_each_sentence_of_an_item():
    # an item whose sentences each close with a bracket of names: the union, a sole unit
    # leading its sentence and several sharing theirs
    text = (
        "一、扶贫解困工程。启动建设57个扶贫新村(市扶贫开发办、市以工代赈办)。升钟库区完成新村"
        "扶贫帮扶7个(剑阁县政府)。救助特困群众350户(市惠民帮扶中心)。\n"
        "二、教育助学工程。完成7所小学改扩建工程(市教育局)。\n"
    )
    found, _ = roles(text)
    assert found == [
        [(R, "市扶贫开发办"), (R, "市以工代赈办"), (L, "剑阁县政府"), (L, "市惠民帮扶中心")],
        [(L, "市教育局")],
    ]


def test_banners_townships_and_regiments_as_collectives():
    text = (
        "1.由旗农牧和科技局牵头，旗财政局、各苏木（镇）配合，稳定粮食播种面积300万亩以上。\n"
        "2.深化团场综合配套改革。（师市农业农村局负责，各团场配合）\n"
        "3.推进连队人居环境整治。（师市住房和城乡建设局牵头，各连队配合）\n"
    )
    found, _ = roles(text)
    assert found == [
        [(L, "旗农牧和科技局"), (S, "旗财政局"), (S, "各苏木（镇）")],
        [(L, "师市农业农村局"), (S, "各团场")],
        [(L, "师市住房和城乡建设局"), (S, "各连队")],
    ]


def test_each_unit_answering_for_its_named_part_and_supports_in_other_words():
    text = (
        "1.建设垃圾中转设施。新建垃圾压缩中转站6座，市自然资源局负责选址规划，"
        "市城市管理局负责建设管理，市财政局、市生态环境局配合。\n"
        "2.推进环卫作业市场化。城区环卫作业由市城市管理局负责，农村环卫作业由各镇人民政府负责，"
        "市财政局做好配合。\n"
        "3.推广电子税务局。（国家税务总局荆门市税务局牵头，市财政局按职责做好相关工作）\n"
        "4.更新农家书屋图书。由县委宣传部负责实施，县财政局、县教育局在资金上给予支持。\n"
        "5.落实分类帮扶。各乡镇人民政府负责具体实施，县民政局加强督促指导。\n"
    )
    found, _ = roles(text)
    assert found == [
        [(L, "市自然资源局"), (L, "市城市管理局"), (S, "市财政局"), (S, "市生态环境局")],
        [(L, "市城市管理局"), (L, "各镇人民政府"), (S, "市财政局")],
        [(L, "国家税务总局荆门市税务局"), (S, "市财政局")],
        [(L, "县委宣传部"), (S, "县财政局"), (S, "县教育局")],
        [(L, "各乡镇人民政府"), (S, "县民政局")],
    ]


def test_a_closing_demand_on_every_unit_under_the_last_item_is_no_note():
    text = (
        "关于印发工作方案的通知\n"
        "一、开展动态监测。每季度开展一次排查。各乡镇人民政府负责落实。\n"
        "二、做好救助资金发放。按月足额发放最低生活保障金。县民政局负责，县财政局给予资金支持。\n"
        "各乡镇、各有关单位要于每季度末将工作进展情况报县乡村振兴局汇总。\n"
        "汝城县人民政府办公室\n"
        "2024年3月12日\n"
    )
    found, _ = roles(text)
    assert found == [[(L, "各乡镇人民政府")], [(L, "县民政局"), (S, "县财政局")]]


def test_units_helping_with_named_work_and_units_asked_for_help():
    text = (
        "一、由县经开区管委会负责标准化厂房二期项目建设，县自然资源局、县住建局配合做好用地报批手续办理。\n"
        "二、市教育局要会同市公安局指导各学校落实校园安全防范措施。\n"
        "三、市应急管理局要积极争取省应急管理厅支持，加快建设市级应急物资储备库。\n"
    )
    found, _ = roles(text)
    assert found == [
        [(L, "县经开区管委会"), (S, "县自然资源局"), (S, "县住建局")],
        [(L, "市教育局"), (S, "市公安局")],
        [(L, "市应急管理局")],
    ]


def test_a_working_group_and_a_counted_list_in_traditional_script():
    text = (
        "一、檢查組\n"
        "1、煤礦安全督查組,由市煤炭安全局孫偉任組長,成員由市國土資源局、市公安局有關人員組成。\n"
        "2、優化營商環境。（牽頭單位：市發改委；責任單位：市財政局等10個部門）\n"
    )
    found, plan = roles(text)
    assert found == [
        [(L, "市煤炭安全局"), (S, "市國土資源局"), (S, "市公安局")],
        [(L, "市發改委"), (S, "市財政局")],
    ]
    assert [o.name for o in plan.officials] == ["孫偉"]


def test_label_lines_set_off_by_spaces_as_a_two_column_table_becomes_text():
    text = (
        "1.推进产业项目建设。\n"
        "牵头领导\t张伟\n"
        "牵头单位 市发改委\n"
        "配合单位　市财政局、市商务局\n"
        "完成时限 2024年底\n"
        "2.做好就业工作。\n"
        "牵头单位 市人社局\n"
        "3.强化责任落实。\n"
        "责任单位 要强化责任意识\n"
    )
    found, plan = roles(text)
    assert found == [[(L, "市发改委"), (S, "市财政局"), (S, "市商务局")], [(L, "市人社局")], []]
    assert [(o.name, o.title) for o in plan.officials] == [("张伟", "牵头领导")]
    assert plan.measures[0].timeline == "2024年底"
    assert plan.measures[0].text == "推进产业项目建设。"


def test_a_label_list_going_on_one_unit_a_line_and_units_that_only_supervise():
    text = (
        "1.推进产业项目建设。\n责任单位：市发改委（牵头）\n市财政局\n市商务局\n"
        "2.做好就业工作。\n配合单位：市财政局、市自然\n资源局\n"
        "3.优化营商环境。（牵头单位：市发改委；责任单位：市财政局等10个部门；督办单位：市政府督查室）\n"
    )
    found, _ = roles(text)
    assert found == [
        [(L, "市发改委"), (S, "市财政局"), (S, "市商务局")],
        # a name wrapped over two lines is one name
        [(S, "市财政局"), (S, "市自然资源局")],
        [(L, "市发改委"), (S, "市财政局")],
    ]


def test_organisers_then_a_labelled_clause_and_etc_with_a_kind_of_units():
    text = (
        "1.沿河绿化带造林3000亩。本项工程由县水利局、县林业局组织推动，责任主体是城关镇、河口镇政府。\n"
        "2.规范窗口服务。（县行政审批局牵头，县财政局、县编办及县各行业主管、监管部门配合）\n"
        "3.公开办事指南。（责任单位：县住建局、县水利局等公共服务行业主管部门）\n"
    )
    found, _ = roles(text)
    assert found == [
        [(L, "县水利局"), (L, "县林业局"), (S, "城关镇"), (S, "河口镇政府")],
        # 及 joins a unit to a segment sharing the next one's head noun (主管部门、监管部门)
        [(L, "县行政审批局"), (S, "县财政局"), (S, "县编办"), (S, "县各行业主管、监管部门")],
        [(R, "县住建局"), (R, "县水利局")],
    ]


def test_a_whole_table_run_into_one_line_with_cells_set_apart_by_spaces():
    text = (
        "关于印发2024年度重点任务清单的通知\n"
        "各镇人民政府，县政府各部门：   现将清单印发给你们。   重点任务清单   序号   工作任务"
        "   责任单位   1   推进企业开办一件事，压缩办理时间。   县市场监管局   2   完善惠企政策"
        "兑现机制。   县发改委、县财政局   3   优化水电气报装服务。   县住建局\n"
    )
    found, plan = roles(text)
    assert plan.layout == "table"
    assert found == [[(L, "县市场监管局")], [(R, "县发改委"), (R, "县财政局")], [(L, "县住建局")]]
    assert {a.line for a in plan.assignments} == {2}


def test_a_glued_table_continued_from_an_earlier_page_with_roles_written_in_its_unit_cells():
    text = (
        "（上接第二版）\n"
        "序号工作任务责任单位7推广婚育新风。发挥新媒体作用。省委宣传部、省妇联牵头;省总工会配合;"
        "各州(市)政府落实8完善扶助制度。建立动态调整机制。省财政厅牵头;省民政厅配合"
        "9加强托育服务。省卫生健康委牵头\n"
    )
    found, _ = roles(text)
    assert found == [
        [(L, "省委宣传部"), (L, "省妇联"), (S, "省总工会"), (S, "各州(市)政府")],
        [(L, "省财政厅"), (S, "省民政厅")],
        [(L, "省卫生健康委")],
    ]


def test_a_role_verb_early_in_a_preamble_does_not_confine_its_first_listed_rule():
    text = (
        "为全面落实政府工作报告，现将任务分解如下，请各单位（责任单位中排序第一单位为牵头单位）认真落实。\n"
        "1.推进产业项目建设。（县发改委、县财政局）\n"
    )
    found, _ = roles(text)
    assert found == [[(L, "县发改委"), (S, "县财政局")]]


def test_a_category_heading_with_its_own_note_over_table_rows_with_theirs():
    text = (
        "序号\n工作任务\n责任单位\n"
        "（一）市场准入（牵头单位：县市场监管局）\n"
        "1\n推进企业开办一件事。\n县市场监管局\n"
        "2\n完善惠企政策兑现机制。\n县发改委、县财政局\n"
    )
    found, plan = roles(text)
    assert plan.measures[0].text == "市场准入"
    assert found == [
        [(L, "县市场监管局")],
        [(L, "县市场监管局")],
        [(R, "县发改委"), (R, "县财政局")],
    ]
    assert plan.assignments[0].line == 4


def test_a_unit_column_that_names_its_person_too():
    text = (
        "某市重点任务分工表\n"
        "序号\t工作任务\t牵头单位及责任人\t配合单位\n"
        "1\t优化外贸企业服务\t市商务局（赵明）\t市税务局\n"
        "2\t推进口岸通关便利化\t市口岸办（钱伟副主任）\t各乡镇(街道)\n"
    )
    found, plan = roles(text)
    assert found == [[(L, "市商务局"), (S, "市税务局")], [(L, "市口岸办"), (S, "各乡镇(街道)")]]
    assert [(o.name, o.title) for o in plan.officials] == [("赵明", ""), ("钱伟", "副主任")]


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        # an item's title sentence, then the units doing its work as the next one's subject
        (
            ["加强资金保障。市财政局负责统筹安排资金。", "加强项目管理。市发改委负责项目审批。"],
            [[(L, "市财政局")], [(L, "市发改委")]],
        ),
        # the unit that does the work together with others (会同) leads them
        (
            [
                "完善支持政策。市发改委要会同市财政局、市商务局等部门研究出台支持政策。",
                "市发改委要会同市财政局于6月底前制定实施细则。",
            ],
            [
                [(L, "市发改委"), (S, "市财政局"), (S, "市商务局")],
                [(L, "市发改委"), (S, "市财政局")],
            ],
        ),
    ],
)
def test_units_as_the_subject_of_a_sentence_after_the_title(items, expected):
    text = "某市方案\n一、重点任务\n" + "".join(f"{i}.{t}\n" for i, t in enumerate(items, 1))
    coded, _ = roles(text)
    assert [sorted(units) for units in coded] == [sorted(units) for units in expected]


def test_a_title_sentence_alone_names_nobody():
    # prose whose second sentence names no unit doing the work codes nothing
    coded, _ = roles("某市方案\n一、重点任务\n1.加强组织领导。各地要高度重视，抓好落实。\n")
    assert coded == [[]]


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        # a list's lead named after it with 其中
        (
            "（责任单位：市住建局、市生态环境局，其中市住建局牵头）",
            [(L, "市住建局"), (S, "市生态环境局")],
        ),
        # the unit mainly responsible beside one taking part
        ("（市住建局主要负责，市生态环境局参与）", [(L, "市住建局"), (S, "市生态环境局")]),
    ],
)
def test_a_lead_named_in_other_words(note, expected):
    coded, _ = roles(
        f"某市方案\n一、重点任务\n1.推进城乡环境整治。{note}\n2.推进河湖治理。（市水利局牵头）\n"
    )
    assert sorted(coded[0]) == sorted(expected)
    assert coded[1] == [(L, "市水利局")]


def test_a_sub_tasks_note_is_read_on_its_own_before_the_notes_are_joined():
    # one item, two sentences each with its note: the unit named alone in the second leads
    # its sub-task, though the first names a lead of its own (numbered 一是、二是, each
    # sentence would be a point of its own: test_shi_points_run_into_a_paragraph_are_measures)
    coded, _ = roles(
        "某市方案\n一、重点任务\n"
        "（一）加强组织领导。建立工作专班（市委办公室牵头）。完善考核机制（市委组织部负责）。\n"
    )
    assert coded == [[(L, "市委办公室"), (L, "市委组织部")]]


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        # an adverb of giving before the verb (给予支持, 予以配合)
        (
            "（市发改委负责，市财政局、市商务局给予支持）",
            [(L, "市发改委"), (S, "市财政局"), (S, "市商务局")],
        ),
        ("（市发改委牵头，市财政局予以配合）", [(L, "市发改委"), (S, "市财政局")]),
        # an action word after 负责 is the duty, never a unit (负责指导, 负责落实); each
        # clause gives its unit its own part, so each leads it
        ("（市发改委负责指导，各县区政府负责落实）", [(L, "市发改委"), (L, "各县区政府")]),
    ],
)
def test_words_around_the_verb_are_no_units(note, expected):
    coded, _ = roles(f"某市方案\n一、重点任务\n1.推进城乡环境整治。{note}\n")
    assert sorted(coded[0]) == sorted(expected)


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        # role clauses closing the sentence after a comma, with no 由 before them
        (
            [
                "推进老旧小区改造，市住建局牵头，市财政局、各区政府配合。",
                "建设城市公园，市城管局牵头。",
            ],
            [[(L, "市住建局"), (S, "市财政局"), (S, "各区政府")], [(L, "市城管局")]],
        ),
        (
            ["推进老旧小区改造，市住建局为牵头单位，市财政局为配合单位。", "建设城市公园。"],
            [[(L, "市住建局"), (S, "市财政局")], []],
        ),
        (
            ["推进老旧小区和棚户区改造，市住建局、市房管局分别牵头，市财政局配合。"],
            [[(L, "市住建局"), (L, "市房管局"), (S, "市财政局")]],
        ),
        # a clause whose verb has an object is the work, not a note, and its unit the
        # work's subject, as after a title sentence (corpus README)
        (["推进老旧小区改造，市住建局负责制定改造方案。"], [[(L, "市住建局")]]),
        # a lead-in saying when is no title: its unit's clause is read the same way
        (["改造期间，市住建局负责做好安全监管。"], [[(L, "市住建局")]]),
    ],
)
def test_role_clauses_after_a_comma_close_an_item(items, expected):
    text = "某市方案\n一、重点任务\n" + "".join(f"{i}.{t}\n" for i, t in enumerate(items, 1))
    coded, _ = roles(text)
    assert [sorted(units) for units in coded] == [sorted(units) for units in expected]


def test_units_joined_by_yiji_are_two_units():
    coded, _ = roles(
        "某市方案\n一、重点任务\n1.推进城乡环境整治。（责任单位：市住建局以及各区政府）\n"
    )
    assert sorted(coded[0]) == [(R, "各区政府"), (R, "市住建局")]


def test_label_lines_under_a_heading_are_the_headings_note():
    # the plan attaches units at the heading's level: the heading is a measure with them,
    # and the items under it, without notes of their own, are measures with none
    coded, plan = roles(
        "某市方案\n一、城市更新\n牵头单位：市住建局\n配合单位：市财政局\n"
        "1.推进老旧小区改造。\n2.推进棚户区改造。（牵头单位：市房管局）\n"
        "二、生态环境\n牵头单位：市城管局\n3.建设城市公园。\n"
    )
    assert [m.text for m in plan.measures][:2] == ["城市更新", "推进老旧小区改造。"]
    assert coded == [
        [(L, "市住建局"), (S, "市财政局")],
        [],
        [(L, "市房管局")],
        [(L, "市城管局")],
        [],
    ]
    lines = {a.agency_raw: a.line for a in plan.assignments}
    assert lines["市住建局"] == 3 and lines["市财政局"] == 4 and lines["市城管局"] == 8


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        # a purpose clause after 由A会同B负责 is no unit
        (
            "全面落实减税降费政策。由市财政局会同市税务局负责，确保政策红利应享尽享。",
            [(L, "市财政局"), (S, "市税务局")],
        ),
        # A负责，会同B、C…: a comma before 会同
        (
            "加强火源管控。县林业局负责，会同县公安局、县应急管理局开展野外用火专项检查。",
            [(L, "县林业局"), (S, "县公安局"), (S, "县应急管理局")],
        ),
        # each clause a part of the work and its own unit: each leads its part
        (
            "全面推进生活垃圾分类。其中，城区由区城管局负责，农村由区农业农村局负责。",
            [(L, "区城管局"), (L, "区农业农村局")],
        ),
        (
            "开展校舍安全排查。城区和农村学校分别由市教育局、各县（区）教育局负责。",
            [(L, "市教育局"), (L, "各县（区）教育局")],
        ),
        # 由 inside a name (自由贸易) is no 由 opening the units
        (
            "扩大制度型开放。由市自由贸易试验区管委会牵头，市商务局配合。",
            [(L, "市自由贸易试验区管委会"), (S, "市商务局")],
        ),
    ],
)
def test_sentences_naming_units_in_other_words(item, expected):
    coded, _ = roles(f"某市方案\n一、重点任务\n1.{item}\n")
    assert sorted(coded[0]) == sorted(expected)


def test_a_run_of_label_lines_under_a_heading_with_no_items():
    # 主办/协办 lines under each heading: the heading is the measure, both lines its note
    coded, plan = roles(
        "2022年区政府督办事项分解\n一、推进“双减”工作落地见效\n主办单位：区教育局\n"
        "协办单位：区财政局、区市场监管局\n二、建设15分钟便民生活圈\n主办单位：区商务局\n"
    )
    assert [m.text for m in plan.measures] == ["推进“双减”工作落地见效", "建设15分钟便民生活圈"]
    assert coded == [[(L, "区教育局"), (S, "区财政局"), (S, "区市场监管局")], [(L, "区商务局")]]


def test_an_items_note_covers_its_sub_points_without_notes():
    coded, plan = roles(
        "某县方案\n一、重点任务\n1.提升医疗服务水平。（县卫生健康局牵头，县医保局配合）\n"
        "（1）建设县域医共体。\n（2）推进家庭医生签约服务。\n"
        "2.加强基础教育。（县教育局牵头）\n"
    )
    assert coded == [[(L, "县卫生健康局"), (S, "县医保局")], [(L, "县教育局")]]
    assert plan.measures[0].text.startswith("提升医疗服务水平。（1）建设县域医共体。")


def test_items_named_with_their_number_and_a_colon():
    coded, plan = roles(
        "某市2023年主要指标责任分解\n指标1：规模以上工业增加值增长8%\n牵头单位：市统计局\n"
        "数据提供单位：市工信局、市税务局\n任务2：一般公共预算收入增长6%\n牵头单位：市财政局\n"
    )
    assert [m.text for m in plan.measures] == ["规模以上工业增加值增长8%", "一般公共预算收入增长6%"]
    assert coded == [[(L, "市统计局"), (S, "市工信局"), (S, "市税务局")], [(L, "市财政局")]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a progress report's status after the note
        (
            "1.争取地方政府专项债券资金15亿元。（县发改局牵头）【已完成】\n"
            "2.完成城区背街小巷改造20条。（县住建局、县城管局负责）【正在推进】\n",
            [[(L, "县发改局")], [(R, "县住建局"), (R, "县城管局")]],
        ),
        # the note in brackets before the work
        (
            "1.（县发改局牵头，县统计局配合）全县地区生产总值增长7.5%。\n"
            "2.（县财政局、县税务局负责）一般公共预算收入增长5%。\n",
            [[(L, "县发改局"), (S, "县统计局")], [(R, "县财政局"), (R, "县税务局")]],
        ),
        # units set apart at the end by a dash or a column's spacing
        (
            "1.新建城市书房10个——市文化和旅游局\n2.改造老旧小区40个——市住建局、市财政局\n"
            "3.实施农村公路安防工程200公里　　县交通运输局\n"
            "4.推进工业互联网平台建设　市经济和信息化局（牵头）、市大数据中心\n",
            [
                [(L, "市文化和旅游局")],
                [(R, "市住建局"), (R, "市财政局")],
                [(L, "县交通运输局")],
                [(L, "市经济和信息化局"), (S, "市大数据中心")],
            ],
        ),
        # 以A为主，B配合
        (
            "1.实施农村初中校舍改造工程。以区教育局为主，区发改局、区财政局配合。\n",
            [[(L, "区教育局"), (S, "区发改局"), (S, "区财政局")]],
        ),
        # a unit's head named in brackets after it is an official, not part of its name
        (
            "1.全年引进项目150个。牵头单位：市投资促进局（张勇）；配合单位：市发展改革委（李涛）\n",
            [[(L, "市投资促进局"), (S, "市发展改革委")]],
        ),
    ],
)
def test_forms_of_progress_reports_and_web_copies(text, expected):
    coded, _ = roles("某市重点工作推进情况\n" + text)
    assert [sorted(units) for units in coded] == [sorted(units) for units in expected]


def test_the_head_named_beside_a_unit_goes_to_the_officials():
    _, plan = roles(
        "某市方案\n1.全年引进项目150个。牵头单位：市投资促进局（张勇）；配合单位：市发展改革委\n"
    )
    assert [(o.name, o.line) for o in plan.officials] == [("张勇", 2)]


def test_an_issuer_line_with_units_set_apart_is_no_measure():
    coded, plan = roles(
        "中共某市委  某市人民政府\n关于印发方案的通知\n1.新建城市书房10个——市文化和旅游局\n"
    )
    assert [m.text for m in plan.measures] == ["新建城市书房10个"]
    assert coded == [[(L, "市文化和旅游局")]]


@pytest.mark.parametrize(
    "line",
    [
        # label lines run together, the next number glued to the last unit
        "某县2023年民生实事任务分解1.新建城区幼儿园3所。牵头单位：县教育局配合单位：县财政局"
        "2.实施农村供水提质增效工程。牵头单位：县水利局3.开展适龄妇女免费筛查。牵头单位：县卫生健康委",
        # notes followed by a progress entry, items in sequence after full stops
        "某县重点工作推进情况1.新建县城第二污水处理厂。（牵头单位：县教育局；配合单位：县财政局）"
        "进展情况：已完成主体工程。2.实施淝河综合治理工程。（责任单位：县水利局）进展情况：正在推进。"
        "3.新增城镇就业5000人。（责任单位：县卫生健康委）进展情况：已完成全年任务的68%。",
    ],
)
def test_items_run_into_one_line_are_split_in_sequence(line):
    coded, _ = roles(line + "\n")
    assert [sorted(units) for units in coded] == [
        [(L, "县教育局"), (S, "县财政局")],
        [(L, "县水利局")],
        [(L, "县卫生健康委")],
    ]


def test_a_ranking_of_places_is_no_run_of_items():
    _, plan = roles("某市通报\n各县区排名：1、金寨县;2、裕安区;3、霍山县;4、金安区。\n")
    assert len(plan.measures) <= 1


def test_items_numbered_after_a_label_word():
    coded, plan = roles(
        "2023年为民办实事项目\n实事一：新增公办幼儿园学位3000个\n"
        "责任单位：市教育局（牵头），各县（市、区）人民政府\n完成时限：2023年9月\n"
        "督办事项2：建设社区养老服务设施10处\n承办单位：市民政局\n办结时限：2023年12月\n"
    )
    assert [m.text for m in plan.measures] == [
        "新增公办幼儿园学位3000个",
        "建设社区养老服务设施10处",
    ]
    assert coded == [[(L, "市教育局"), (S, "各县（市、区）人民政府")], [(L, "市民政局")]]


def test_a_unit_heading_with_its_count_and_partners_named_in_an_item():
    coded, _ = roles(
        "某县政府重点工作分工（按部门）\n（一）县卫生健康委（牵头2项）\n1.新建县人民医院传染病区。\n"
        "2.会同县医保局推进县域医共体医保打包付费改革。\n（二）县医保局（牵头1项）\n"
        "3.实现医保结算一站式服务。\n"
    )
    assert coded == [
        [(L, "县卫生健康委")],
        [(L, "县卫生健康委"), (S, "县医保局")],
        [(L, "县医保局")],
    ]


def test_member_units_beside_a_lead_support():
    coded, _ = roles(
        "某市产业链链长制工作分工\n（一）生物医药产业链\n链长：副市长 张学文\n"
        "链长制牵头单位：市发展改革委\n成员单位：市工业和信息化局、市科技局\n"
    )
    assert sorted(coded[0]) == [(L, "市发展改革委"), (S, "市工业和信息化局"), (S, "市科技局")]


def test_a_headings_label_lines_around_its_content_and_deadline():
    # 事项内容 / 完成时限 / 牵头部门 / 配合部门 under each heading: one note; the heading is
    # the measure
    coded, plan = roles(
        "某省重点民生项目清单\n一、推广义务教育课后托管服务\n事项内容：强化课后服务经费保障\n"
        "完成时限：2021年12月底\n牵头部门：省教育厅\n配合部门：省财政厅、省人力资源社会保障厅\n"
        "二、改善农村寄宿制学校取暖\n事项内容：配齐取暖设施设备\n完成时限：2021年12月底\n"
        "牵头部门：省教育厅\n"
    )
    assert [m.line for m in plan.measures] == [2, 7]
    assert coded == [
        [(L, "省教育厅"), (S, "省财政厅"), (S, "省人力资源社会保障厅")],
        [(L, "省教育厅")],
    ]


def test_a_working_groups_officials_duty_and_units():
    # 牵头领导 / 协助领导 lines name people, 主要职责 the duty, 责任单位 the units
    coded, plan = roles(
        "某区疫情防控组织体系\n一、总指挥部\n牵头领导：陈利众、盛付祥\n协助领导：钟伟华\n"
        "主要职责：负责综合协调各工作组\n责任单位：区委办公室、区财政局\n二、宣传舆情组\n"
        "牵头领导：张志华\n主要职责：负责疫情防控宣传报道\n责任单位：区委宣传部\n"
    )
    assert coded == [[(R, "区委办公室"), (R, "区财政局")], [(L, "区委宣传部")]]
    assert sorted(o.name for o in plan.officials) == ["张志华", "盛付祥", "钟伟华", "陈利众"]


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        # a label written with 为 (牵头单位为A，配合单位为B、C)
        (
            "新建公办幼儿园5所。牵头单位为区教育局，配合单位为区发展改革局、区自然资源局。",
            [(L, "区教育局"), (S, "区发展改革局"), (S, "区自然资源局")],
        ),
        ("扎实开展经济普查。责任部门为市统计局。", [(L, "市统计局")]),
        # A作为牵头单位，会同B…; B、C作为成员单位
        (
            "规范校外培训。县教育局作为牵头单位，会同县市场监管局、县公安局开展联合执法检查。",
            [(L, "县教育局"), (S, "县市场监管局"), (S, "县公安局")],
        ),
        (
            "提升课后服务水平。县教育局作为牵头单位，县财政局作为成员单位共同推进。",
            [(L, "县教育局"), (S, "县财政局")],
        ),
        # 以A为责任主体, a short clause saying what for after it
        (
            "提高卫生厕所普及率。以各乡镇人民政府为责任主体，确保改一户、成一户。",
            [(L, "各乡镇人民政府")],
        ),
        # each unit with a duty of its own kind leads its part
        (
            "强化危化品运输监管。市应急管理局负综合监管责任，市交通运输局负运输环节监管责任。",
            [(L, "市应急管理局"), (L, "市交通运输局")],
        ),
        (
            "落实扩岗补助政策。市人社局负责政策制定，市财政局负责资金保障，各县（市、区）负责组织实施。",
            [(L, "市人社局"), (L, "市财政局"), (L, "各县（市、区）")],
        ),
        # a deadline before the units in a note
        (
            "建成养老服务中心3个。（2023年9月底前，市民政局牵头，各区政府配合）",
            [(L, "市民政局"), (S, "各区政府")],
        ),
        (
            "实现课后服务全覆盖。（长期坚持，市教育局、市财政局负责）",
            [(R, "市教育局"), (R, "市财政局")],
        ),
        # the work given to units, by 承担
        ("发展智慧农业。具体工作由县农业农村局承担。", [(L, "县农业农村局")]),
        # adverbs before the verb: 按照各自职责, 按属地, 要, and 配合工作
        (
            "压减企业开办时间。（市行政审批局、市市场监管局按照各自职责抓好落实）",
            [(R, "市行政审批局"), (R, "市市场监管局")],
        ),
        ("整治违法建设。（各镇（街道）按属地负责）", [(L, "各镇（街道）")]),
        (
            "推进医保基金监管。县医疗保障局负责，县卫生健康局、县公安局做好配合工作。",
            [(L, "县医疗保障局"), (S, "县卫生健康局"), (S, "县公安局")],
        ),
    ],
)
def test_more_wordings_of_who_does_the_work(item, expected):
    coded, _ = roles(f"某市方案\n一、重点任务\n1.{item}\n")
    assert sorted(coded[0]) == sorted(expected)


@pytest.mark.parametrize(
    "item",
    [
        "争取省交通运输厅支持，国道改线工程顺利开工。",
        "加强组织领导。成立产业工人队伍建设改革协调小组，统筹推进各项改革任务。",
        "根据省发展改革委下达的计划，全县完成固定资产投资86亿元。",
    ],
)
def test_units_named_as_objects_or_sources_are_not_coded(item):
    coded, _ = roles(f"某县重点工作完成情况\n一、重点任务\n1.{item}\n")
    assert coded == [[]]


def test_a_sentence_naming_its_lead_then_a_body_with_是_stays_one_sentence():
    coded, _ = roles(
        "某市绿化行动方案\n一、目标任务\n1.外环线绿化带造林4932亩。本项工程由市林业局组织推动，"
        "责任主体是环城四区政府。\n"
    )
    assert coded == [[(L, "市林业局"), (S, "环城四区政府")]]


def test_units_opening_an_item_as_the_subject_of_any_working_verb():
    coded, _ = roles(
        "某市足球场地建设方案\n一、主要任务\n1、市财政局统筹利用现有政策和资金渠道支持场地建设。\n"
        "2、市发展改革委、市教育体育局等单位要积极争取国家资金支持。\n"
        "3、市交通运输局依职责协助做好场地周边交通组织。\n"
    )
    assert coded == [
        [(L, "市财政局")],
        [(R, "市发展改革委"), (R, "市教育体育局")],
        [(S, "市交通运输局")],
    ]


def test_a_notices_paragraph_opening_with_units_is_no_measure():
    _, plan = roles(
        "关于印发工作要点的通知\n省安委会各成员单位要认真贯彻落实，结合实际抓好落实。\n"
        "一、重点任务\n1.开展安全生产大检查。（牵头单位：省安委办）\n"
    )
    assert [m.text for m in plan.measures] == ["开展安全生产大检查。"]


def test_a_heading_naming_a_department_by_its_field_leads_what_is_under_it():
    coded, _ = roles(
        "某市治超职责分工\n一、部门职责\n（二）公安部门\n1.加强车辆登记管理；\n2.依法查处超载行为。\n"
        "（三）工商部门\n查处非法拼装、改装汽车行为。\n"
    )
    assert coded == [[(L, "公安部门")], [(L, "公安部门")], [(L, "工商部门")]]


def test_a_first_sentence_that_is_only_the_units_name():
    coded, _ = roles(
        "某区黑臭水体防治方案\n三、任务分工\n1、区住建局。排查生活污水直排污染源，发现违法排放及时处置。\n"
        "2、生态环境部门。排查工业污水排放污染源。\n"
    )
    assert coded == [[(L, "区住建局")], [(L, "生态环境部门")]]


def test_a_heading_naming_a_unit_with_its_duties_word():
    coded, _ = roles(
        "某县大气污染整治方案\n三、部门职责\n（八）县经济局主要工作任务：\n1、淘汰落后产能。\n"
        "2、推进清洁生产。\n（九）县公安局主要工作任务：\n1、依法整治尾气排放不合格车辆。\n"
    )
    assert coded == [[(L, "县经济局")], [(L, "县经济局")], [(L, "县公安局")]]


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        # 由A负责 and the work, however long
        (
            "整改要求：由城关镇负责按照复审要求对城乡接合部和城中村的旱厕分布进行调查摸底，"
            "坚持先易后难、先外后内、集中治理，在暗访以前组织拆除旱厕或改建无害化厕所。",
            [(L, "城关镇")],
        ),
        # a label before the unit's name is no part of it
        ("整改要求：由包片单位县气象局负责清除。", [(L, "县气象局")]),
        # a unit's name holding a title (区长) is no official
        ("责任单位：华龙区长庆办。", [(L, "华龙区长庆办")]),
    ],
)
def test_supervision_report_wordings(item, expected):
    coded, _ = roles(f"某县巡查通报\n一、存在问题\n1、西大桥堤岸有垃圾死角。\n{item}\n")
    assert sorted(coded[0]) == sorted(expected)


def test_a_housing_estate_before_a_colon_is_no_unit():
    coded, _ = roles(
        "某市督查通报\n（一）鹿城镇\n1.百水巷税务小区：住户乱拉广告横幅。\n2.市人民商场住宿区：绿化带黄土裸露。\n"
    )
    assert coded == [[(L, "鹿城镇")], [(L, "鹿城镇")]]


def test_bulleted_points_with_notes_are_measures():
    coded, _ = roles(
        "某市创卫复查问题通报\n"
        "● 城区各营业网点电子屏幕基本无巩固创卫成果宣传标语。\n"
        "（主体责任：各营业网点，监督责任：市文明办）\n"
        "● 农贸市场存在空闲摊位乱堆乱放、水产区脏乱差现象。\n"
        "（主体责任：市场开办方，监管责任：市市场监管局）\n"
    )
    assert coded == [
        [(L, "各营业网点"), (L, "市文明办")],
        [(L, "市场开办方"), (L, "市市场监管局")],
    ]


def test_a_pages_bulleted_metadata_is_no_measure():
    coded, _ = roles(
        "• 信息索引号：123-456\n• 发布机构：某县人民政府办公室\n"
        "某县2024年重点工作责任分解\n1.推进老旧小区改造。（责任单位：县住建局）\n"
    )
    assert coded == [[(L, "县住建局")]]


def test_a_label_closed_by_a_semicolon_slip():
    coded, _ = roles("某市督办事项\n1.实施改厨、改厕工程。(责任单位;市住建局、市畜牧局)\n")
    assert coded == [[(R, "市住建局"), (R, "市畜牧局")]]


def test_an_item_whose_number_lost_its_mark_in_sequence():
    coded, _ = roles(
        "十二、市民政局\n1、督促养老院落实消防安全措施。\n2、指导民政部门开展消防宣传。\n"
        "3将消防工作纳入村（居）委会建设规划。\n十三、市人防办\n1、督促人防工程消防验收。\n"
    )
    assert coded == [[(L, "市民政局")]] * 3 + [[(L, "市人防办")]]


def test_a_department_heading_with_its_duties_and_tasks_leads_the_items():
    coded, _ = roles(
        "（七）卫生部门职责、任务\n1.加强对学校食堂的监督管理。\n2.依法对食堂从业人员进行体检。\n"
        "（八）工商部门职责和任务\n1.取缔校园周边无照经营摊点。\n"
    )
    assert coded == [[(L, "卫生部门")], [(L, "卫生部门")], [(L, "工商部门")]]


def test_a_notice_address_line_is_no_measure():
    coded, _ = roles(
        "某市督查室关于开展专项督查的通知\n市直相关部门、各乡镇人民政府：为有效推进重点工作，现将有关事宜通知如下：\n"
        "1.完善垃圾收储运体系。（责任单位：市城管局）\n"
    )
    assert coded == [[(L, "市城管局")]]


def test_a_bureaus_sections_are_units():
    coded, _ = roles(
        "重点任务 | 工作内容 | 负责科室 |\n政务服务 | 注重办理流程信息发布 | 综合科 |\n"
        "财政资金 | 及时发布预决算信息 | 财务科 |\n制度建设 | 建立信息公开制度 | 办公室 |\n"
    )
    assert coded == [[(L, "综合科")], [(L, "财务科")], [(L, "办公室")]]


def test_a_problem_table_whose_header_runs_into_its_first_row():
    cells = ["序号", "路段名称", "问题描述", "责任单位", "备注"]
    rows = [
        ["1", "湘北大道", "沿线街道车辆违停严重", "市停车办", ""],
        ["2", "湘北大道", "垃圾站旁杂草丛生", "市环卫中心", ""],
        ["3", "赶山西路", "工地泥水流向街道", "市城管支队", ""],
    ]
    lines = [f"{c} |" for c in cells]
    for row in rows:
        lines += [f"{c} |" if c else "|" for c in row]
    coded, _ = roles("卫生城市检查问题汇总表\n" + "\n".join(lines) + "\n")
    assert coded == [[(L, "市停车办")], [(L, "市环卫中心")], [(L, "市城管支队")]]


def test_shi_points_run_into_a_paragraph_are_measures():
    coded, _ = roles(
        "某县2024年农村人居环境整治工作方案\n"
        "（一）推进农村厕所革命。一是新改建农村户用卫生厕所1200户（县农业农村局牵头，"
        "县卫生健康委配合）。二是开展问题厕所摸排整改（各乡镇负责）；三是完善公厕管护机制。\n"
        "（二）开展问题整改。整改措施：一是严格公务接待审批（责任单位：县委办公室、县政府办公室）；"
        "二是开展公务用车专项检查（责任单位：县机关事务服务中心）。\n"
    )
    assert coded == [
        [(L, "县农业农村局"), (S, "县卫生健康委")],
        [(L, "各乡镇")],
        [],
        [(R, "县委办公室"), (R, "县政府办公室")],
        [(L, "县机关事务服务中心")],
    ]


def test_a_lists_lead_named_after_it_in_a_bare_bracket():
    coded, _ = roles(
        "某市养老服务重点任务\n1.推进长期护理保险试点。(市卫生健康委、市医保局、市民政局,其中市医保局牵头)\n"
    )
    assert sorted(coded[0]) == [(L, "市医保局"), (S, "市卫生健康委"), (S, "市民政局")]


def test_a_first_listed_rules_stated_exception():
    coded, _ = roles(
        "某市优化营商环境重点任务分工\n"
        "各项任务责任单位中排在第一位的为牵头单位，其他为配合单位（注明“共同负责”的除外）。\n"
        "1.推行高效办成一件事。（市数据资源局、市政务服务中心）\n"
        "2.深化工程建设项目审批制度改革。（市住房城乡建设局、市自然资源和规划局共同负责）\n"
    )
    assert coded == [
        [(L, "市数据资源局"), (S, "市政务服务中心")],
        [(R, "市住房城乡建设局"), (R, "市自然资源和规划局")],
    ]


def test_a_units_tasks_sorted_under_lead_and_support_sub_headings():
    coded, _ = roles(
        "县政府工作报告重点工作任务分解（按责任单位汇总）\n一、县发展和改革局\n牵头任务：\n"
        "1.扎实推进30个县级重点项目建设。\n配合任务：\n2.深化放管服改革。（县数据资源局牵头）\n"
        "3.配合做好项目用地保障。\n二、县财政局\n牵头任务：\n4.落实结构性减税降费政策。\n"
    )
    assert coded == [
        [(L, "县发展和改革局")],
        [(L, "县数据资源局"), (S, "县发展和改革局")],
        [(S, "县发展和改革局")],
        [(L, "县财政局")],
    ]


def test_a_heading_naming_the_work_a_unit_supports():
    coded, _ = roles(
        "县卫生健康委2024年重点工作任务清单\n一、县卫生健康委牵头的工作\n"
        "1、推进紧密型县域医共体建设。\n二、县卫生健康委配合的工作\n"
        "2、推进城乡居民医保市级统筹。（县医保局牵头）\n"
    )
    assert coded == [[(L, "县卫生健康委")], [(L, "县医保局"), (S, "县卫生健康委")]]


def test_units_after_a_dash_then_a_deadline():
    coded, _ = roles(
        "某市文化旅游重点任务\n（一）培育文旅新业态，打造夜间文旅消费集聚区3个。——市文化和旅游局，2025年底前完成\n"
        "（二）完善旅游交通网络，开通旅游直通车线路10条。——市交通运输局\n"
    )
    assert coded == [[(L, "市文化和旅游局")], [(L, "市交通运输局")]]


def test_main_and_co_responsible_labels():
    coded, _ = roles(
        "某区优化营商环境重点任务清单\n1.深化高效办成一件事改革。\n主责单位：区政务服务和数据管理局\n"
        "协责单位：区市场监管局、区医保分局\n"
    )
    assert coded == [[(L, "区政务服务和数据管理局"), (S, "区市场监管局"), (S, "区医保分局")]]


def test_units_within_a_county_named_as_a_collective():
    coded, _ = roles(
        "某县工业发展重点工作\n1.开展政银企对接活动。（县金融服务中心牵头，县内各银行业金融机构配合）\n"
    )
    assert coded == [[(L, "县金融服务中心"), (S, "县内各银行业金融机构")]]


LOST_BREAKS_PLAN = (
    "某市2014年为民办实事完成情况\n"
    "（一）开工建设50处农村学校食堂。（市教育局负责）\n"
    "完成情况：50处食堂已全部开工建设，其中38处竣工交付使用。\n"
    "（二）开展城乡环卫一体化提升行动。（市委农办、市城管局负责）\n"
    "完成情况：新组建农村环卫所70处。\n"
    "（三）在城区设立综合配套改革试验区事宜\n"
    "由张明副市长负责，市发改委牵头，相关部门配合，尽快完成实施方案。\n"
    "（四）为全市民族村提供法律服务牵头责任部门：市民族宗教局\n"
    "2014年3月印发服务方案，已完成年度任务。\n"
)


def test_a_copy_that_lost_its_line_breaks_is_coded_as_the_plan():
    expected = [
        [(L, "市教育局")],
        [(R, "市委农办"), (R, "市城管局")],
        [(L, "市发改委"), (S, "相关部门")],
        [(L, "市民族宗教局")],
    ]
    with_breaks, _ = roles(LOST_BREAKS_PLAN)
    assert with_breaks == expected
    one_line = " ".join(line for line in LOST_BREAKS_PLAN.split("\n") if line)
    coded, plan = roles(one_line)
    assert coded == expected
    # the progress written after a note is no part of the measure
    assert all("完成情况" not in m.text for m in plan.measures)


def test_a_note_closing_an_items_title_before_its_details():
    coded, plan = roles(
        "某市重点民生工程任务分解\n"
        "（一）实施老旧小区改造提升工程（市住房城乡建设局牵头，市财政局配合）。全年开工改造126个。\n"
        "（二）实施公共文化惠民工程（市文化广电旅游局负责）。送戏下乡1200场。\n"
        "（三）推进通州区重点项目建设（通州区）。完成投资50亿元。\n"
    )
    assert coded == [
        [(L, "市住房城乡建设局"), (S, "市财政局")],
        [(L, "市文化广电旅游局")],
        [],
    ]
    assert plan.measures[0].text.startswith("实施老旧小区改造提升工程。全年开工")


def test_progress_after_a_closing_role_clause():
    coded, _ = roles(
        "县2022年重点工作推进台账\n"
        "1.推进县域医共体建设，由县卫生健康局牵头负责，县医疗保障局配合。进展：已覆盖乡镇卫生院14个。\n"
        "2.打造美丽乡村示范村12个，县农业农村局、县住房和城乡建设局分别牵头负责。进展：已完成6个。\n"
    )
    assert coded == [
        [(L, "县卫生健康局"), (S, "县医疗保障局")],
        [(L, "县农业农村局"), (L, "县住房和城乡建设局")],
    ]


def test_a_unit_heading_with_its_count_and_no_number():
    coded, _ = roles(
        "2024年区重点工作督办事项进展情况\n区发改局(2项)\n1.全区固定资产投资增长8%。进展：增长8.9%。\n"
        "2.争取中央预算内投资1.5亿元。\n区教体局(1项)\n3.新建中小学2所。进展：区教体局已完成招标。\n"
    )
    assert coded == [[(L, "区发改局")], [(L, "区发改局")], [(L, "区教体局")]]


def test_items_run_together_after_status_tags():
    coded, _ = roles(
        "某市为民办实事项目推进情况\n现将推进情况公布如下：1.新建农村公路150公里（责任单位：市交通运输局）【序时推进】"
        "2.新建改造农贸市场6个（责任单位：市商务局、市市场监管局）【已完成】3.实施农村饮用水提标改造工程"
        "（责任单位：市水务局）【滞后】\n"
    )
    assert coded == [
        [(L, "市交通运输局")],
        [(R, "市商务局"), (R, "市市场监管局")],
        [(L, "市水务局")],
    ]


def test_units_set_apart_by_spaces_on_a_label_line_with_officials():
    coded, plan = roles(
        "某市重点工作督办事项清单\n1.城乡生活垃圾分类试点\n"
        "责任单位:市城管局 市生态环境局  责任领导:陈伟副市长  完成时限:2019年11月底\n"
        "2.中心城区道路改造\n牵头领导:刘 哲\n牵头单位:市住建局\n"
    )
    assert coded == [[(R, "市城管局"), (R, "市生态环境局")], [(L, "市住建局")]]
    assert ("刘哲", "牵头领导") in {(o.name.replace(" ", ""), o.title) for o in plan.officials}


def test_a_rule_and_its_exception_stated_in_the_first_note():
    coded, _ = roles(
        "某市2023年重点工作任务分工\n"
        "1.推动制造业高质量发展。（责任单位：市工业和信息化局、市发展改革委。排在第一位的为牵头单位，"
        "注明“共同负责”的除外，下同）\n"
        "2.推进产教融合。（责任单位：市教育局、市人力资源社会保障局，共同负责）\n"
        "3.加快5G网络建设。（责任单位：市工业和信息化局、市通信发展管理办公室）\n"
    )
    assert coded == [
        [(L, "市工业和信息化局"), (S, "市发展改革委")],
        [(R, "市教育局"), (R, "市人力资源社会保障局")],
        [(L, "市工业和信息化局"), (S, "市通信发展管理办公室")],
    ]


@pytest.mark.parametrize(
    "note",
    [
        "（責任單位：市衛生健康委、市醫保局、市民政局，其中市醫保局牽頭）",
        "(市衛生健康委、市醫保局、市民政局,其中市醫保局牽頭)",
    ],
)
def test_a_lead_named_after_its_list_in_traditional_script(note):
    coded, _ = roles(f"某市養老服務重點任務\n1.推進長期護理保險試點。{note}\n")
    assert sorted(coded[0]) == [(L, "市醫保局"), (S, "市民政局"), (S, "市衛生健康委")]


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        # the lead's clause, then the units it works with
        (
            "由市住房城乡建设局牵头，会同市自然资源和规划局、市财政局共同推进。",
            [(L, "市住房城乡建设局"), (S, "市自然资源和规划局"), (S, "市财政局")],
        ),
        (
            "由县自然资源局牵头，会同县农业农村局、县林业局建立耕地保护动态监测机制。",
            [(L, "县自然资源局"), (S, "县农业农村局"), (S, "县林业局")],
        ),
        ("市发展和改革委员会为责任单位。", [(L, "市发展和改革委员会")]),
        ("市财政局、市税务局为责任单位。", [(R, "市财政局"), (R, "市税务局")]),
        # a later sentence's subject, where nothing else names the units
        (
            "确保粮食播种面积稳定在88万亩以上。县农业农村局要会同县财政局、县发展和改革局及时足额兑付补贴。",
            [(L, "县农业农村局"), (S, "县财政局"), (S, "县发展和改革局")],
        ),
    ],
)
def test_joint_work_wordings(item, expected):
    coded, _ = roles(f"某市重点任务分工\n1.推进重点工作落实。{item}\n")
    assert sorted(coded[0]) == sorted(expected)


def test_a_member_units_duties_name_the_units_it_works_with():
    coded, _ = roles(
        "某市联席会议成员单位职责分工\n成员单位职责：\n"
        "市发展改革委：负责联席会议办公室日常工作，统筹推进民间投资项目谋划。\n"
        "市财政局：负责统筹安排专项资金，会同市税务局落实各项减税降费政策。\n"
    )
    assert coded == [[(L, "市发展改革委")], [(L, "市财政局"), (S, "市税务局")]]


def test_a_headings_note_covers_its_unnoted_points():
    coded, _ = roles(
        "某市城市建设管理重点工作任务分解\n"
        "（一）实施城市更新行动。（牵头单位：市住房和城乡建设局；责任单位：市城市管理局）\n"
        "①完成城镇老旧小区改造86个；\n②新建改造城市燃气管网280公里。\n"
        "（二）加强城市园林绿化建设，新建口袋公园30个。（牵头单位：市园林绿化局）\n"
    )
    assert coded == [[(L, "市住房和城乡建设局"), (S, "市城市管理局")], [(L, "市园林绿化局")]]


def test_a_page_number_inside_a_note_is_no_part_of_a_name():
    coded, _ = roles(
        "某县民生实事项目责任分工方案\n一、教育惠民工程\n"
        "1.开展学生视力筛查。（县卫生健康局牵头，县教育体育\n\n— 3 —\n\n局配合）\n"
    )
    assert coded == [[(L, "县卫生健康局"), (S, "县教育体育局")]]


def test_a_headings_note_cut_by_a_line_break():
    coded, _ = roles(
        "某县农村人居环境整治提升工作任务分工\n"
        "一、开展村庄清洁行动。全面清理村庄生活垃圾。（县农业农村局牵头，各乡镇人民\n"
        "政府、各村（社区）配合）\n"
        "二、推进农村户厕改造。（各乡镇人民政府负责）\n"
    )
    assert coded == [
        [(L, "县农业农村局"), (S, "各乡镇人民政府"), (S, "各村（社区）")],
        [(L, "各乡镇人民政府")],
    ]


def test_a_partner_named_before_the_work_it_does():
    coded, _ = roles(
        "某市联席会议成员单位职责\n成员单位职责：\n"
        "市财政局：负责统筹安排专项资金，会同市税务局落实国家和省出台的各项政策。\n"
        "市商务局：负责促进消费。\n"
    )
    assert coded == [[(L, "市财政局"), (S, "市税务局")], [(L, "市商务局")]]


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        # a label with no colon before its units (a news copy or a scan drops it)
        (
            "（牵头单位市发展改革委，责任单位市统计局）",
            [(L, "市发展改革委"), (S, "市统计局")],
        ),
        ("主责单位县应急管理局；协同单位县公安局", [(L, "县应急管理局"), (S, "县公安局")]),
        # 、 read as a full stop between names, marks left at a line's end
        (
            "（县住建局牵头，县城管局.县财政局配合）",
            [(L, "县住建局"), (S, "县城管局"), (S, "县财政局")],
        ),
        ("（责任单位：区卫生健康委~）", [(L, "区卫生健康委")]),
        # a scan's letter-spaced note
        (
            "（ 牵 头 单 位 ： 市 发 改 委 ； 配 合 单 位 ： 市 财 政 局 ）",
            [(L, "市发改委"), (S, "市财政局")],
        ),
        # a party committee's post beside the unit that does the work
        ("由县委常委、副县长李明牵头，县商务局负责。", [(L, "县商务局")]),
        # units sharing the work as the item's subject; A负责并会同B编制…
        ("县林业局、县水利局按职责分工负责渠系绿化带建设。", [(R, "县林业局"), (R, "县水利局")]),
        ("县水利局负责并会同县农业农村局编制实施方案。", [(L, "县水利局"), (S, "县农业农村局")]),
    ],
)
def test_copied_and_scanned_wordings(item, expected):
    coded, _ = roles(f"某县重点工作任务分工\n1.推进重点工作。{item}\n")
    assert sorted(coded[0]) == sorted(expected)


def test_a_label_line_closed_by_a_semicolon_and_items_numbered_01():
    coded, _ = roles(
        "今年我区要办这些实事\n01 改造提升学校食堂。\n【牵头单位】区教育局【配合单位】区财政局\n"
        "02 新建口袋公园12个。\n牵头单位;区城市管理局\n"
    )
    assert coded == [[(L, "区教育局"), (S, "区财政局")], [(L, "区城市管理局")]]


def test_units_each_opening_a_clause_of_their_own_lead_their_part():
    # after a sentence naming the work, each unit's clause (A要…；B要…) gives it its part;
    # a unit the lexicon lacks is read by its ending (环卫局), one known unit at least
    found, _ = roles(
        "一、工作职责\n"
        "（一）卫生、城管等部门负责保障场馆周边的环境卫生。区卫生健康局要严格落实食品安全"
        "监管工作；环卫局要加大清扫频次；区城管执法大队要及时清除占道摊点。\n"
        "（二）各部门要高度重视，加强协作。各单位要按时报送工作进展。"
    )
    assert found[0] == [(L, "区卫生健康局"), (L, "环卫局"), (L, "区城管执法大队")]
    assert found[1:] in ([], [[]])  # exhortations to all name no unit


def test_a_unit_title_sentence_with_a_brigades_name():
    found, _ = roles(
        "四、职责分工\n1、区市场监管局。负责查处市场内的违法经营行为。\n"
        "2、区城管执法大队。负责查处市场外占道经营等违法行为。"
    )
    assert found == [[(L, "区市场监管局")], [(L, "区城管执法大队")]]


def test_role_clauses_after_the_lead_before_long_work():
    # 由A负责，B、C配合，<the work, long enough that it is not read as a clause>
    found, _ = roles(
        "（四）由市农业局负责，市海洋与渔业局、市环保局配合，做好农产品质量安全认证工作，"
        "新增认定认证一批无公害农产品、绿色食品、有机食品产地和品种，加强农产品生产基地监管。"
    )
    assert found == [[(L, "市农业局"), (S, "市海洋与渔业局"), (S, "市环保局")]]


@pytest.mark.parametrize("label", ["具体责任人", "直接责任人", "第一责任人", "主要责任人"])
def test_a_persons_label_line_under_a_unit_label_is_an_official(label):
    found, plan = roles(
        f"1、完成县人民医院门诊部建设项目\n责任单位：县人民医院\n{label}：张明 县人民医院院长\n"
        f"2、完成县妇幼保健院业务楼建设\n责任单位：县妇幼保健院\n{label}：李华 院长"
    )
    assert found == [[(L, "县人民医院")], [(L, "县妇幼保健院")]]
    assert [o.name for o in plan.officials] == ["张明", "李华"]


def test_role_clauses_right_after_a_subject_or_a_lead():
    found, _ = roles(
        "（一）加强道路运输安全监管。市交通运输局负责，市公安局交警大队配合，开展“两客一危”"
        "车辆专项整治。\n"
        "（二）加快国省道改造。由市交通运输局牵头，会同市自然资源局、市林业局做好G319线改建"
        "工程用地、林地报批工作，年内开工建设。"
    )
    assert found == [
        [(L, "市交通运输局"), (S, "市公安局交警大队")],
        [(L, "市交通运输局"), (S, "市自然资源局"), (S, "市林业局")],
    ]


def test_a_first_listed_rule_cut_by_a_line_break_holds():
    found, plan = roles(
        "为深入实施创新驱动发展战略，现将重点任务分工如下。各项任务责任单位中列第一位\n"
        "的为牵头单位，其他为配合单位，下同。\n"
        "1.新增国家高新技术企业40家。（县科技局、县财政局）\n"
        "2.推动规上工业企业研发机构全覆盖。（县工信局、县科技局）"
    )
    assert found == [[(L, "县科技局"), (S, "县财政局")], [(L, "县工信局"), (S, "县科技局")]]
    assert "first_listed_rule" in plan.flags


def test_town_offices_and_field_departments_as_subjects_of_their_parts():
    found, _ = roles(
        "一、落实网格化监管。镇农业综合服务中心负责秸秆禁烧巡查督导，各村（社区）负责本辖区"
        "日常巡查和宣传。\n"
        "二、加强食用农产品源头治理。农业农村部门负责农药兽药残留监测，市场监管部门负责"
        "食用农产品市场准入管理。"
    )
    assert found == [
        [(L, "镇农业综合服务中心"), (L, "各村（社区）")],
        [(L, "农业农村部门"), (L, "市场监管部门")],
    ]


def test_by_before_a_lead_is_no_part_of_its_name_when_the_lead_acts_again():
    # 由A牵头 opening the work, then A as the subject of a later sentence: the unit is A (no 由),
    # whether or not the lexicon knows it (市物价局, since merged into market regulation)
    from agencygraph.parse import responsibility

    note = responsibility.find_note(
        "实行监测信息周报告制度。由市物价局牵头,对我市物价价格波动情况进行严密监测。"
        "市物价局在设置监测点时,要做到广泛全面。",
        (0,),
    )
    assert [(role, unit) for role, unit, _ in note.units] == [("lead", "市物价局")]


@pytest.mark.parametrize(
    ("written", "units"),
    [
        # fields sharing the head noun after 等: one unit, the list ending dropped
        ("区工商、环保、卫生等部门", ["区工商、环保、卫生部门"]),
        ("区工商、环保、公安、卫生和交通等部门", ["区工商、环保、公安、卫生和交通部门"]),
        # units each standing alone: split, 等部门 dropped
        ("市发改委、财政局等部门", ["市发改委", "财政局"]),
    ],
)
def test_fields_sharing_a_head_after_etc_are_one_unit(written, units):
    from agencygraph.parse import responsibility

    assert responsibility.split_units(written, conjunctions=True) == units


def test_an_implementation_sections_demands_on_units_make_no_measure():
    text = (
        "二、重点任务\n1.开展清理拖欠账款专项行动。（市经济和信息化局牵头）\n"
        "三、保障措施\n各地各部门要把促进民营经济发展摆在更加突出的位置。\n"
        "市促进民营经济发展领导小组办公室要会同有关部门建立任务推进工作台账。\n"
        "（一）加强组织领导。成立由县委副书记任组长、分管副县长任副组长的工作领导小组。\n"
        "（二）强化协调配合。各牵头单位要切实履行牵头职责；各参与单位要积极配合。\n"
    )
    found, _ = roles(text)
    assert found == [[(L, "市经济和信息化局")]]


def test_a_part_of_the_work_ending_in_li_before_you():
    found, _ = roles(
        "二、主要措施\n（一）加强施工和道路扬尘管控。建筑工地扬尘治理由市住建局负责，"
        "城市道路扬尘治理由市城管局负责。\n"
    )
    assert found == [[(L, "市住建局"), (L, "市城管局")]]


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("请县财政局足额落实森林防火经费，保障扑火物资储备。", [(L, "县财政局")]),
        ("请县教育局在全县中小学开展森林防火安全教育。", [(L, "县教育局")]),
        ("请各乡镇人民政府落实属地责任，加强进山入林人员管控。", [(L, "各乡镇人民政府")]),
        # units doing their share beside the subject support it
        (
            "市文明办负责公益广告设置工作,市城管局、市住建局、各街道办事处按职责分工负责。",
            [(L, "市文明办"), (S, "市城管局"), (S, "市住建局"), (S, "各街道办事处")],
        ),
    ],
)
def test_units_asked_or_named_in_a_decisions_sentences(item, expected):
    found, _ = roles(f"会议纪要\n一、会议议定事项\n(1){item}\n")
    assert found == [expected]


def test_a_petition_hand_over_and_an_officials_delegation():
    text = (
        "关于交办信访突出问题的通知\n"
        "（一）荣家湾镇某小区业主反映开发商延期交房问题\n包案领导：县政府副县长　彭志刚\n"
        "责任单位：县住建局\n配合单位：荣家湾镇人民政府、县自然资源局\n"
        "化解时限：2020年9月30日\n"
        "（二）关于园区道路建设。区长周立新率区直有关部门负责同志到园区现场办公。"
        "由区交通局负责，区财政局配合，7月底前完成。\n"
    )
    found, _ = roles(text)
    assert found == [
        [(L, "县住建局"), (S, "荣家湾镇人民政府"), (S, "县自然资源局")],
        [(L, "区交通局"), (S, "区财政局")],
    ]
