"""Probe set L: plans copied out of PDF and Word files.

Forms: outline plans typeset 28 characters a line (GB/T 9704; a half-width figure counts a half,
no line opens with closing punctuation) and copied with their line breaks, each paragraph's first
line indented by two full-width spaces (once by four half-width ones), so notes, role words and
unit names are cut at line ends (市自然资源 / 和规划局, 牵 / 头, 配 / 合, 按职责分 / 工负责, 县农业农 /
村局); page marks between lines (— 3 —, - 2 -, － 4 －, 第1页 共3页), inside a unit's name, inside
a first-listed rule, between an item and its note; the plan's title or a gazette's masthead
repeated at the top of a page; a page's footnote (①…) above the folio; a line opening with a
figure (2.1万人, 83.5%) that is no item number; label lines wrapped; sentence forms (由A牵头，会同B;
A要会同B) wrapped; notes at two levels; lost Word numbering, Wingdings bullet residue (Ø, ü),
full-width digits (１．), CJK radical characters of a PDF's font (⼯ ⽣ ⻔) in the text and the
labels (牵头部⻔); the issuer block, 附件 and 抄送 lines at a document's end.

Tables: one cell a line with wrapped cells (市住房和城乡 / 建设局; 市人力资源 / 和社会保障 / 局; 各县
（市、/ 区）人民政 / 府; 市委组织部（市委人才 / 办）; header cells 牵头 / 单位; a first-listed rule
in a wrapped header cell), the header repeated after a page break (with the title, or 续表1), a
row cut by a page break (between its task and unit cells; inside its task cell in a pdftotext
-layout copy with a form feed), merged cells carried down (blank pipe cells, a missing last cell,
empty tab fields, 同上, a lead written once over three rows, a top-aligned merged cell in a
-layout copy, rows going straight to their deadline), / — 无 as empty cells, numbered sub-points
（1）（2） inside a table cell (the row is the measure) or each with its own note (each is a
measure), footnotes and remarks under a table (注：排在首位的为牵头单位 / 标“★”的为牵头单位 /
备注：…表中不再一一列出), letter-spaced cells of a justified PDF table (县 林 业 局, 张 伟), a 序号
column whose automatic numbers were lost, rows copied one a line with spaces between cells.

Each probe: name, text (a small plan), expect (one list of (role, unit-as-written) pairs per
measure, in document order), coded by the rules of tests/data/real_plans/README.md."""

import re

L, S, R = "lead", "support", "responsible"

PROBES = []


def P(name, text, expect):
    PROBES.append({"name": name, "text": text.strip("\n"), "expect": expect})


# ---------------------------------------------------------------------------------------------
# Helpers that typeset a paragraph the way a PDF of a 公文 prints it: 28 characters a line, the
# first line indented by two full-width spaces, no line opening with closing punctuation (it is
# kept at the end of the line before) and no line ending with an opening bracket.
# ---------------------------------------------------------------------------------------------

_CLOSE = "，。、；：）》」』”’！？,.;:)%"
_OPEN = "（《「『“‘("


def _w(tok):
    return sum(1 if ord(c) < 0x2000 else 2 for c in tok)


def wrap28(par, indent="　　", width=28):
    """Typeset by width: a full-width character counts one, a half-width one a half; a run of
    half-width figures or letters (2024, 1.5, 5G) is never cut."""
    toks = re.findall(r"[0-9A-Za-z.%]+|.", indent + par)
    lines, cur, w = [], "", 0
    for tok in toks:
        tw = _w(tok)
        if cur and w + tw > 2 * width and not (tok[0] in _CLOSE and len(tok) == 1):
            moved = ""
            while cur and cur[-1] in _OPEN:
                moved = cur[-1] + moved
                cur = cur[:-1]
            lines.append(cur)
            cur, w = moved, _w(moved)
        cur += tok
        w += tw
    if cur:
        lines.append(cur)
    return lines


def pdf(head, pars, breaks=(), tail=(), indent="　　"):
    """head: lines kept as they are (title, dates); pars: paragraphs typeset by wrap28; breaks:
    (substring, [lines]) pairs, the lines (a page mark, a running header) put after the first
    typeset line that ends with the substring; tail: lines kept as they are at the end."""
    body = []
    for par in pars:
        body.extend(wrap28(par, indent))
    for key, mark in breaks:
        for i, line in enumerate(body):
            if line.endswith(key):
                body[i + 1:i + 1] = list(mark)
                break
        else:
            raise ValueError("no line ends with " + key)
    return "\n".join(list(head) + body + list(tail))


# =============================================================================================
# A. Outline plans typeset 28 characters a line
# =============================================================================================

# Labelled notes （牵头单位：A；配合单位：B、C） cut anywhere by the line ends; group headings
# 一、 without notes are no measures.
P("outline28-labelled-notes-cut", pdf(
    ["2024年市政府工作报告重点任务分工方案", ""],
    ["为确保《政府工作报告》确定的各项目标任务落到实处，现将重点任务分解如下。各牵头单位要切实履行牵头责任，各配合单位要积极主动配合，形成工作合力。",
     "一、着力扩大有效需求",
     "（一）持续扩大有效投资。全年实施省市重点项目260个以上，完成投资1200亿元以上，力争新开工亿元以上项目150个。（牵头单位：市发展改革委；配合单位：市财政局、市自然资源和规划局、市生态环境局）",
     "（二）促进消费提质扩容。开展“惠享消费”系列促消费活动100场以上，社会消费品零售总额增长6%左右。（牵头单位：市商务局；配合单位：市文化广电旅游局、市市场监管局）",
     "二、加快建设现代化产业体系",
     "（三）推动制造业高质量发展。深化重点产业链“链长制”，新增规模以上工业企业120家、省级专精特新中小企业40家。（牵头单位：市工业和信息化局；配合单位：市科技局、市人力资源和社会保障局）",
     "（四）加快发展数字经济。新建5G基站1500个，推进工业互联网标识解析二级节点建设，培育数字化转型标杆企业20家。（牵头单位：市数据资源局；配合单位：市工业和信息化局、市通信发展管理办公室）"]),
    [
        [(L, "市发展改革委"), (S, "市财政局"), (S, "市自然资源和规划局"), (S, "市生态环境局")],
        [(L, "市商务局"), (S, "市文化广电旅游局"), (S, "市市场监管局")],
        [(L, "市工业和信息化局"), (S, "市科技局"), (S, "市人力资源和社会保障局")],
        [(L, "市数据资源局"), (S, "市工业和信息化局"), (S, "市通信发展管理办公室")],
    ])

# A page mark (— 3 —, blank lines around it) falls inside a unit's name; a county's 乡镇 units.
P("outline28-pagemark-inside-unit", pdf(
    ["2023年县级民生实事项目责任分工方案", ""],
    ["为切实办好2023年县级民生实事，经县人民政府第18次常务会议研究，现将各项目任务分解如下。",
     "一、教育惠民工程",
     "1.新建改扩建公办幼儿园4所，新增公办学位720个，城区义务教育学校课后服务实现全覆盖。（责任单位：县教育体育局）",
     "2.为全县义务教育阶段学生免费开展视力、口腔健康筛查，建立学生视力健康电子档案。（县卫生健康局牵头，县教育体育局配合）",
     "二、健康惠民工程",
     "3.将城乡居民医保门诊慢特病病种扩大到58种，实现县域内定点医疗机构门诊慢特病费用直接结算全覆盖。（县医疗保障局牵头，县卫生健康局、县财政局配合）",
     "4.完成15个村卫生室标准化建设，为辖区65岁以上老年人免费开展健康体检。（县卫生健康局负责，各乡镇人民政府配合）"],
    breaks=[("县教育体育", ["", "— 3 —", ""])]),
    [
        [(L, "县教育体育局")],
        [(L, "县卫生健康局"), (S, "县教育体育局")],
        [(L, "县医疗保障局"), (S, "县卫生健康局"), (S, "县财政局")],
        [(L, "县卫生健康局"), (S, "各乡镇人民政府")],
    ])

# The plan's title repeated as the running header of page 2, and 第1页 共3页 under page 1, both
# inside a paragraph; half-width brackets and commas in the notes (a web copy of the PDF).
P("outline28-running-title-and-page-of", pdf(
    ["2023年全市优化营商环境重点任务分工方案", ""],
    ["为持续打造市场化法治化国际化一流营商环境，根据省优化营商环境工作部署，结合我市实际，制定本分工方案。",
     "1.深化“一网通办”改革，政务服务事项网上可办率达到98%以上，推动100个高频事项实现“免证办”。(市政务服务管理局牵头,市数据资源局配合)",
     "2.推进“证照分离”改革全覆盖，实行涉企经营许可事项清单管理，年内新增“一业一证”行业10个。(市市场监管局牵头,市直有关部门配合)",
     "3.优化水电气暖报装服务，低压小微企业用电报装实现“三零”服务，用水用气报装时间压减至5个工作日以内。(市住房和城乡建设局、市城市管理局、国网宿州供电公司按职责分工负责)",
     "4.健全涉企收费长效监管机制，开展涉企违规收费专项整治，坚决查处各类乱收费行为。(市发展改革委牵头,市财政局、市市场监管局配合)"],
    breaks=[("(市政务服务管", ["", "第1页 共3页", "", "2023年全市优化营商环境重点任务分工方案", ""])]),
    [
        [(L, "市政务服务管理局"), (S, "市数据资源局")],
        [(L, "市市场监管局"), (S, "市直有关部门")],
        [(R, "市住房和城乡建设局"), (R, "市城市管理局"), (R, "国网宿州供电公司")],
        [(L, "市发展改革委"), (S, "市财政局"), (S, "市市场监管局")],
    ])

# Points 一是、二是 … run into a heading's paragraph, each closed by its own note; the headings
# carry no note of their own.  A line opens with a figure (2.5万人) after the wrap.
P("outline28-yishi-points-run-in", pdf(
    ["关于做好2024年就业和民生保障重点工作的分工方案", ""],
    ["为扎实做好稳就业保民生工作，经区政府同意，现将重点工作任务分解如下：",
     "一、稳定和扩大就业。一是落实落细稳岗返还、扩岗补助、社保补贴等政策，全年城镇新增就业2.5万人以上，城镇调查失业率控制在5.5%以内（区人力资源和社会保障局牵头，区财政局、区税务局配合）；二是实施高校毕业生就业创业推进行动，募集就业见习岗位1200个（区人力资源和社会保障局、区教育局按职责分工负责）；三是做好退役军人就业安置和创业扶持工作（区退役军人事务局负责）。",
     "二、兜牢基本民生底线。一是健全分层分类社会救助体系，及时足额发放城乡低保、特困供养等救助资金（区民政局牵头，区财政局配合）；二是实施困难重度残疾人家庭无障碍改造300户（区残联负责）。"]),
    [
        [(L, "区人力资源和社会保障局"), (S, "区财政局"), (S, "区税务局")],
        [(R, "区人力资源和社会保障局"), (R, "区教育局")],
        [(L, "区退役军人事务局")],
        [(L, "区民政局"), (S, "区财政局")],
        [(L, "区残联")],
    ])

# Circled sub-points ①②③ under an item whose note stands before them: the item is the measure.
P("outline28-note-before-circled-subpoints", pdf(
    ["2024年城市建设管理重点工作任务分解", ""],
    ["为加快推进城市建设管理各项工作，提升城市功能品质，现将年度重点工作任务分解如下。",
     "（一）实施城市更新行动。（牵头单位：市住房和城乡建设局；责任单位：市自然资源和规划局、市城市管理局、各区人民政府）",
     "①完成城镇老旧小区改造86个，惠及居民2.1万户；",
     "②新建改造城市燃气、供水、排水管网280公里；",
     "③推进城中村改造项目12个，开工建设保障性住房3000套。",
     "（二）提升城市精细化管理水平。（牵头单位：市城市管理局；责任单位：市公安局、市交通运输局）",
     "①新增公共停车泊位5000个；",
     "②完成主次干道“白改黑”提升工程20条。",
     "（三）加强城市园林绿化建设，新建口袋公园30个、城市绿道50公里。（牵头单位：市园林绿化局）"]),
    [
        [(L, "市住房和城乡建设局"), (S, "市自然资源和规划局"), (S, "市城市管理局"), (S, "各区人民政府")],
        [(L, "市城市管理局"), (S, "市公安局"), (S, "市交通运输局")],
        [(L, "市园林绿化局")],
    ])

# A gazette's masthead (市人民政府公报 with its issue) and folio at the top of the next page,
# inside a paragraph; （1） items with 责任单位 notes.
P("outline28-gazette-masthead", pdf(
    ["淮北市人民政府办公室关于印发2023年全市农业农村重点工作任务分工的通知", "淮政办秘〔2023〕12号", "",
     "各县、区人民政府，市政府各部门、各直属机构：",
     "经市政府同意，现将《2023年全市农业农村重点工作任务分工》印发给你们，请认真贯彻执行。", "",
     "2023年全市农业农村重点工作任务分工", ""],
    ["（1）稳定粮食生产。全市粮食播种面积稳定在550万亩以上，总产量保持在270万吨以上。（责任单位：市农业农村局、市发展改革委、市财政局）",
     "（2）建设高标准农田。新建和改造提升高标准农田25万亩，推进整区域建设示范。（责任单位：市农业农村局）",
     "（3）巩固拓展脱贫攻坚成果。健全防止返贫动态监测和帮扶机制，确保不发生规模性返贫。（责任单位：市乡村振兴局、市民政局、市医保局）",
     "（4）推进农村人居环境整治提升。农村卫生厕所普及率达到85%以上，生活垃圾收运处置体系覆盖所有行政村。（责任单位：市农业农村局、市住房和城乡建设局、市生态环境局）"],
    breaks=[("市发", ["— 22 —", "", "淮北市人民政府公报　　　　　　　　　　　　　　2023年第4期", ""])]),
    [
        [(R, "市农业农村局"), (R, "市发展改革委"), (R, "市财政局")],
        [(L, "市农业农村局")],
        [(R, "市乡村振兴局"), (R, "市民政局"), (R, "市医保局")],
        [(R, "市农业农村局"), (R, "市住房和城乡建设局"), (R, "市生态环境局")],
    ])

# After the wrap a line opens with a figure (2.1万 / 83.5%) that looks like an item number; the
# items are numbered 1. 2. 3. … and the figures are no items.
P("outline28-figure-opens-line", pdf(
    ["2024年县政府工作报告主要目标任务分解", ""],
    ["根据县十八届人大四次会议审议通过的《政府工作报告》，现将主要目标任务分解如下。",
     "1.地区生产总值增长6.5%左右，一般公共预算收入增长5%，规上工业增加值增长7%，固定资产投资增长8%，城镇新增就业2.1万人以上。（县发展和改革局牵头，县统计局、县财政局配合）",
     "2.粮食播种面积稳定在76万亩以上，农村居民人均可支配收入增长7.5%以上，城镇居民人均可支配收入增长6%左右。（县农业农村局、县人力资源社会保障局按职责分工负责）",
     "3.单位地区生产总值能耗下降完成市下达任务，细颗粒物平均浓度控制在市定目标以内，县城空气质量优良天数比率达到83.5%以上。（县生态环境分局牵头，县发展和改革局配合）"]),
    [
        [(L, "县发展和改革局"), (S, "县统计局"), (S, "县财政局")],
        [(R, "县农业农村局"), (R, "县人力资源社会保障局")],
        [(L, "县生态环境分局"), (S, "县发展和改革局")],
    ])

# A Word file whose automatic numbering was lost in the copy: headings and items stand with no
# numbers; the paragraphs with notes are the measures, the headings (no notes) are not.
P("word-lost-autonumbering", """
关于印发2024年全区安全生产和防灾减灾重点工作任务分工的通知
各镇人民政府、街道办事处，区政府各部门、各直属单位：
现将《2024年全区安全生产和防灾减灾重点工作任务分工》印发给你们，请结合实际认真抓好落实。
2024年全区安全生产和防灾减灾重点工作任务分工
压紧压实安全生产责任
健全党政领导干部安全生产责任制，制定区级领导安全生产重点工作清单，开展安全生产巡查3轮以上。（牵头单位：区应急管理局；配合单位：区委组织部、区委督查室）
督促企业落实全员安全生产责任制，推动重点行业领域企业安全生产标准化达标率达到90%以上。（牵头单位：区应急管理局；配合单位：区负有安全监管职责的部门）
深化重点行业领域专项整治
开展燃气安全专项整治，全面排查整治餐饮场所燃气安全隐患。（牵头单位：区住房城乡建设局；配合单位：区市场监管局、区消防救援大队、各镇（街道））
开展道路交通安全“减量控大”行动，整治农村道路交通安全隐患点50处以上。（牵头单位：公安分局交警大队；配合单位：区交通运输局、区农业农村局）
""", [
    [(L, "区应急管理局"), (S, "区委组织部"), (S, "区委督查室")],
    [(L, "区应急管理局"), (S, "区负有安全监管职责的部门")],
    [(L, "区住房城乡建设局"), (S, "区市场监管局"), (S, "区消防救援大队"), (S, "各镇（街道）")],
    [(L, "公安分局交警大队"), (S, "区交通运输局"), (S, "区农业农村局")],
])

# Word's Wingdings bullets turned into letters by the copy (Ø, ü); bulleted paragraphs with notes
# are items; a bullet paragraph with no note under an item that has one is part of that item.
P("word-wingdings-bullet-residue", """
2023年县域商贸流通体系建设工作要点
为加快完善县域商业体系，促进农村消费提质扩容，制定本工作要点。
一、完善县域商业网络
Ø	改造提升县城综合商贸服务中心2个、乡镇商贸中心8个，新建村级便民商店40个。（县商务局牵头，县财政局、各乡镇人民政府配合）
Ø	建设县级物流配送中心1个，推动快递进村覆盖率达到100%。（县邮政管理局牵头，县交通运输局、县商务局配合）
二、繁荣农村消费市场
Ø	组织开展“家电下乡”“汽车下乡”等促消费活动10场以上。（县商务局负责）
ü	活动期间每场发放消费券不少于20万元；
ü	引导金融机构推出配套消费信贷产品。
Ø	加强农村市场监管，开展农村假冒伪劣食品专项整治行动。（县市场监管局牵头，县公安局、县农业农村局配合）
""", [
    [(L, "县商务局"), (S, "县财政局"), (S, "各乡镇人民政府")],
    [(L, "县邮政管理局"), (S, "县交通运输局"), (S, "县商务局")],
    [(L, "县商务局")],
    [(L, "县市场监管局"), (S, "县公安局"), (S, "县农业农村局")],
])

# A PDF whose font maps some characters to CJK radicals in the copy (⼯ ⽣ ⻔ ⼈ ⾏ ⽔ …): the text
# and the label words 牵头部⻔ / 配合部⻔ are so written; the unit names are not.
P("pdf-cjk-radical-characters", pdf(
    ["2024年全市⽣态环境保护重点⼯作任务分⼯", ""],
    ["为深⼊打好污染防治攻坚战，持续改善⽣态环境质量，现将年度重点⼯作任务分解如下。",
     "⼀、深⼊打好蓝天保卫战。实施重点⾏业超低排放改造，完成钢铁、⽔泥企业超低排放改造5家，全市PM2.5平均浓度控制在35微克/⽴⽅米以内。（牵头部⻔：市生态环境局；配合部⻔：市工业和信息化局、市发展改革委）",
     "⼆、深⼊打好碧⽔保卫战。推进城镇污⽔处理提质增效，新建改造污⽔管⽹60公⾥，国省考断⾯⽔质优良比例达到90%。（牵头部⻔：市生态环境局；配合部⻔：市住房和城乡建设局、市水利局）",
     "三、深⼊打好净土保卫战。开展土壤污染源头防控⾏动，受污染耕地安全利⽤率达到93%以上。（牵头部⻔：市农业农村局；配合部⻔：市生态环境局、市自然资源和规划局）"]),
    [
        [(L, "市生态环境局"), (S, "市工业和信息化局"), (S, "市发展改革委")],
        [(L, "市生态环境局"), (S, "市住房和城乡建设局"), (S, "市水利局")],
        [(L, "市农业农村局"), (S, "市生态环境局"), (S, "市自然资源和规划局")],
    ])

# The end of a printed 公文: the issuer's signature, the date, (此件公开发布), the 抄送 line
# naming many offices and the 印发 line; none of it is a measure or a unit of the last item.
P("outline28-issuer-block-and-chaosong", pdf(
    ["2024年县政府重点工作责任分解方案", ""],
    ["根据县委经济工作会议精神和《政府工作报告》确定的目标任务，现将2024年县政府重点工作分解如下：",
     "（一）全力抓好项目建设。全年实施县级重点项目120个，完成投资180亿元以上。（责任单位：县发展和改革局、县重点项目服务中心）",
     "（二）推进园区提档升级。新建标准化厂房20万平方米，园区规上工业产值增长12%。（责任单位：县经济开发区管委会）",
     "（三）做好招商引资工作。全年引进亿元以上项目30个，实际到位资金增长10%以上。（责任单位：县投资促进局牵头，各乡镇人民政府配合）"],
    tail=["", "　　附件：县政府重点工作任务督查考核办法", "",
          "　　　　　　　　　　　　　　　　临泉县人民政府", "　　　　　　　　　　　　　　　　2024年2月26日",
          "　　（此件公开发布）", "",
          "抄送：县委各部门，县人大常委会办公室，县政协办公室，县法院，县检察院。",
          "　临泉县人民政府办公室　　　　　　　　　2024年2月27日印发"]),
    [
        [(R, "县发展和改革局"), (R, "县重点项目服务中心")],
        [(L, "县经济开发区管委会")],
        [(L, "县投资促进局"), (S, "各乡镇人民政府")],
    ])

# Label lines under each item (牵头单位： / 配合单位：), typeset like the text, so a long support
# list wraps onto a line of its own and a name is cut.
P("outline28-label-lines-wrapped", pdf(
    ["2024年市本级民生实事项目实施方案", ""],
    ["为进一步增进民生福祉，经市政府研究，确定2024年市本级民生实事项目10件，现将实施责任明确如下。",
     "1.新增普惠性托育服务托位1200个，建设社区嵌入式托育服务点20个。",
     "牵头单位：市卫生健康委",
     "配合单位：市发展改革委、市财政局、市市场监管局、市住房和城乡建设局、各区人民政府",
     "2.为全市60周岁以上低收入老年人免费接种流感疫苗，为独居、空巢老年人安装智能监测设备5000套。",
     "牵头单位：市民政局",
     "配合单位：市卫生健康委、市财政局",
     "3.新建改造农村供水工程32处，提升农村自来水普及率至99%。",
     "牵头单位：市水利局",
     "配合单位：市财政局、市自然资源和规划局、市生态环境局、市农业农村局"]),
    [
        [(L, "市卫生健康委"), (S, "市发展改革委"), (S, "市财政局"), (S, "市市场监管局"),
         (S, "市住房和城乡建设局"), (S, "各区人民政府")],
        [(L, "市民政局"), (S, "市卫生健康委"), (S, "市财政局")],
        [(L, "市水利局"), (S, "市财政局"), (S, "市自然资源和规划局"), (S, "市生态环境局"),
         (S, "市农业农村局")],
    ])

# Sentence forms wrapped across lines: 由A牵头，会同B、C…; A负责…，B配合; A要会同B…; the unit's
# name cut between two lines; (一) headings with no notes are no measures.
P("outline28-sentence-roles-wrapped", pdf(
    ["关于进一步做好全县粮食安全和重要农产品稳产保供工作的实施方案", ""],
    ["为深入贯彻落实粮食安全党政同责要求，切实抓好粮食和重要农产品稳产保供，结合我县实际，制定本实施方案。",
     "一、严格落实耕地保护制度",
     "1.严格耕地用途管制，坚决遏制耕地“非农化”、基本农田“非粮化”。由县自然资源局牵头，会同县农业农村局、县林业局建立耕地保护动态监测机制。",
     "2.加快高标准农田建设，全年新建高标准农田4.5万亩。县农业农村局负责项目的组织实施，县财政局、县水利局配合做好资金保障和水利配套工作。",
     "二、稳定粮食和生猪生产",
     "3.落实种粮农民补贴政策，确保粮食播种面积稳定在88万亩以上。县农业农村局要会同县财政局、县发展和改革局及时足额兑付各项补贴资金。",
     "4.稳定生猪基础产能，能繁母猪存栏量保持在3.2万头左右。（县畜牧兽医中心负责）"]),
    [
        [(L, "县自然资源局"), (S, "县农业农村局"), (S, "县林业局")],
        [(L, "县农业农村局"), (S, "县财政局"), (S, "县水利局")],
        [(L, "县农业农村局"), (S, "县财政局"), (S, "县发展和改革局")],
        [(L, "县畜牧兽医中心")],
    ])

# The note of an item printed alone at the top of the next page, after the page mark.
P("outline28-note-after-page-break", pdf(
    ["2023年市政府重点工作任务分解", ""],
    ["为推动《政府工作报告》确定的重点工作落地见效，现将任务分解如下：",
     "（一）加快建设区域性综合交通枢纽。推进高铁站综合客运枢纽二期工程，开工建设城市快速路东延段，新改建农村公路300公里。",
     "（牵头单位：市交通运输局；配合单位：市发展改革委、市自然资源和规划局）",
     "（二）推进教育优质均衡发展。新建改扩建中小学、幼儿园18所，新增学位1.2万个。（牵头单位：市教育局；配合单位：市住房和城乡建设局、各县区人民政府）",
     "（三）建设健康城市。推动市人民医院新院区投入使用，实现县域医共体建设全覆盖。（牵头单位：市卫生健康委；配合单位：市医疗保障局）"],
    breaks=[("300公里。", ["", "－ 4 －", ""])]),
    [
        [(L, "市交通运输局"), (S, "市发展改革委"), (S, "市自然资源和规划局")],
        [(L, "市教育局"), (S, "市住房和城乡建设局"), (S, "各县区人民政府")],
        [(L, "市卫生健康委"), (S, "市医疗保障局")],
    ])

# Full-width digits of a Word file (１．/（１）) and half-width notes, with （一） group headings.
P("outline28-fullwidth-digits", pdf(
    ["２０２４年区政府工作报告重点任务分工", ""],
    ["为确保２０２４年《政府工作报告》各项任务落到实处，现分工如下。",
     "（一）推动经济高质量发展",
     "１．实施工业强区战略，新增规模以上工业企业４５家，规上工业增加值增长９％。(区工信局牵头，区发改局、区统计局配合)",
     "２．加快发展现代服务业，培育限额以上商贸企业６０家。(区商务局牵头，区市场监管局配合)",
     "（二）持续改善生态环境",
     "３．深入推进大气污染防治，完成工业炉窑综合治理１２家。(区生态环境分局负责)",
     "４．实施河湖水系连通工程，治理中小河流２条、３５公里。(区水利局、区农业农村局按职责分工负责)"]),
    [
        [(L, "区工信局"), (S, "区发改局"), (S, "区统计局")],
        [(L, "区商务局"), (S, "区市场监管局")],
        [(L, "区生态环境分局")],
        [(R, "区水利局"), (R, "区农业农村局")],
    ])

# Notes at two levels (a heading's own note over items with theirs): both levels are measures.
P("outline28-two-level-notes", pdf(
    ["2024年全县文化旅游产业发展重点任务分工", ""],
    ["为加快推进文旅融合发展，打造全域旅游示范县，现将年度重点任务分解如下。",
     "一、创建全域旅游示范县（县文化和旅游局牵头，县发展和改革局、县财政局配合）",
     "1.完善旅游交通体系，建成环湖旅游公路28公里，新增旅游停车泊位1500个。（县交通运输局牵头，县文化和旅游局配合）",
     "2.推进景区提质升级，力争创建国家4A级旅游景区1家。（县文化和旅游局负责）",
     "二、繁荣发展文化事业（县委宣传部牵头，县文化和旅游局配合）",
     "3.新建城市书房5个、乡镇综合文化站示范点8个。（县文化和旅游局牵头，各乡镇人民政府配合）"]),
    [
        [(L, "县文化和旅游局"), (S, "县发展和改革局"), (S, "县财政局")],
        [(L, "县交通运输局"), (S, "县文化和旅游局")],
        [(L, "县文化和旅游局")],
        [(L, "县委宣传部"), (S, "县文化和旅游局")],
        [(L, "县文化和旅游局"), (S, "各乡镇人民政府")],
    ])

# A first-listed rule stated once with 下同 in the preamble, itself cut by the wrap and by a page
# mark (- 2 -); notes 责任单位：A、B then read first-listed.
P("outline28-first-listed-rule-wrapped", pdf(
    ["2023年区政府工作报告目标任务责任分解", ""],
    ["为认真贯彻落实区十七届人大三次会议精神，确保区政府工作报告确定的目标任务圆满完成，现将有关任务分解如下（责任单位中排在第一位的为牵头单位，下同）：",
     "1.全力推进产业项目建设，全年新开工亿元以上产业项目40个。（责任单位：区发展改革局、区投资促进局、区自然资源分局）",
     "2.深化国资国企改革，完成区属国有企业整合重组。（责任单位：区国资中心、区财政局）",
     "3.持续优化教育资源配置，新建中小学校3所。（责任单位：区教育局）",
     "4.推进智慧社区建设，完成智慧社区改造30个。（责任单位：区民政局、区大数据中心、各街道办事处）"],
    breaks=[("（责任", ["", "- 2 -", ""])]),
    [
        [(L, "区发展改革局"), (S, "区投资促进局"), (S, "区自然资源分局")],
        [(L, "区国资中心"), (S, "区财政局")],
        [(L, "区教育局")],
        [(L, "区民政局"), (S, "区大数据中心"), (S, "各街道办事处")],
    ])

# Role words and unit names cut by the line end: 牵 / 头, 配 / 合, 按职责分 / 工负责, 县农业农 / 村局
# (typeset by hand, each line full as a PDF prints it).
P("outline28-role-words-cut", """
2024年全县农村人居环境整治提升重点任务分工

　　为持续改善农村人居环境，建设宜居宜业和美乡村，根据县
委县政府《农村人居环境整治提升五年行动实施方案》，现将
2024年重点任务分解如下。
　　1.推进城乡供水一体化，新建改造供水管网86公里，农村
自来水普及率达到98%以上，年底前全部完工。（县水利局牵
头，县财政局、县住房城乡建设局配合）
　　2.推进农村生活污水治理，完成35个行政村生活污水治理任
务，治理率达到45%以上。（县生态环境分局牵头，县住房城乡
建设局、县农业农村局、县城市管理局、县卫生健康局、各乡镇配
合）
　　3.开展农村“厕所革命”整村推进，完成农村户厕改造3500
户，同步建立长效管护机制，确保建一个成一个。（县农业农
村局负责）
　　4.实施农村道路畅通工程，新改建“四好农村路”86公里，创
建省级示范乡镇2个。（县交通运输局、各乡镇（街道）按职责分
工负责）
""", [
    [(L, "县水利局"), (S, "县财政局"), (S, "县住房城乡建设局")],
    [(L, "县生态环境分局"), (S, "县住房城乡建设局"), (S, "县农业农村局"), (S, "县城市管理局"),
     (S, "县卫生健康局"), (S, "各乡镇")],
    [(L, "县农业农村局")],
    [(R, "县交通运输局"), (R, "各乡镇（街道）")],
])


# A page's footnote (①…, explaining a term marked ① in item 2) printed above the folio, between
# items; the web copy turned the full-width indents into four half-width spaces.
P("outline28-page-footnote-circled", pdf(
    ["2024年全市制造业高质量发展重点任务分工", ""],
    ["为加快建设先进制造业强市，现将2024年制造业高质量发展重点任务分解如下。",
     "1.实施重点产业链提升行动，新能源汽车及零部件产业产值突破800亿元。（市工业和信息化局牵头，市发展改革委、市商务局配合）",
     "2.推进先进制造业和现代服务业“两业融合”①，培育省级两业融合试点企业15家。（市发展改革委牵头，市工业和信息化局、市科技局配合）",
     "3.实施智能化改造数字化转型行动，新增省级智能工厂和数字化车间30个。（市工业和信息化局负责）",
     "4.加强制造业人才支撑，新培养高技能人才5000人。（市人力资源和社会保障局牵头，市教育局配合）"],
    breaks=[("市科技局配合）", ["", "①两业融合：指先进制造业和现代服务业相融相长、耦合共生。", "— 2 —", ""])],
    indent="    "),
    [
        [(L, "市工业和信息化局"), (S, "市发展改革委"), (S, "市商务局")],
        [(L, "市发展改革委"), (S, "市工业和信息化局"), (S, "市科技局")],
        [(L, "市工业和信息化局")],
        [(L, "市人力资源和社会保障局"), (S, "市教育局")],
    ])

# =============================================================================================
# B. Tables copied out of PDF and Word files
# =============================================================================================

def layout(starts, rows, lead=""):
    """A table as pdftotext -layout prints it: each cell's lines in its column (starts: the
    character column where each column begins), a row's wrapped lines on the lines below it."""
    out = []
    for row in rows:
        cells = [c if isinstance(c, list) else [c] for c in row]
        for k in range(max(len(c) for c in cells)):
            line = ""
            for start, cell in zip(starts, cells):
                text = cell[k] if k < len(cell) else ""
                if text:
                    if line and len(line) >= start:
                        raise ValueError("cell runs into the next column: " + text)
                    line = line.ljust(start) + text
            out.append(lead + line.rstrip())
    return out


# One cell a line (a PDF's table copied without -layout): cells wrapped over two or three lines
# (市住房和城乡 / 建设局, 市财政局、各区 / 人民政府, 2024年 / 12月底), header cells wrapped (牵头 /
# 单位), the page mark and the header repeated between rows 2 and 3.
P("cells-wrapped-names-page-header-repeated", """
附件
2024年市政府工作报告重点任务分工表
序号
重点任务
牵头
单位
配合
单位
完成
时限
1
全年新开工城镇老旧小区改造项目86
个，惠及居民2.1万户
市住房和城乡
建设局
市财政局、各区
人民政府
2024年
12月底
2
新增城镇就业5.5万人，城镇调查失
业率控制在5.5%以内
市人力资源和
社会保障局
市教育局、市财
政局
2024年
12月底
— 3 —
序号
重点任务
牵头
单位
配合
单位
完成
时限
3
新建改扩建中小学、幼儿园15所，新
增学位1.2万个
市教育局
市发展改革委、
市自然资源和规
划局
2024年
9月底
4
完成农村公路提质改造200公里
市交通运输局
市财政局
2024年
11月底
""", [
    [(L, "市住房和城乡建设局"), (S, "市财政局"), (S, "各区人民政府")],
    [(L, "市人力资源和社会保障局"), (S, "市教育局"), (S, "市财政局")],
    [(L, "市教育局"), (S, "市发展改革委"), (S, "市自然资源和规划局")],
    [(L, "市交通运输局"), (S, "市财政局")],
])

# One cell a line, a lone 责任单位 column whose unit lists wrap (县自然资源 / 局、县水利局); one
# unit leads, several are responsible.
P("cells-lone-unit-column-wrapped-lists", """
2023年县政府工作报告主要任务责任分解表
（2023年2月20日）
序号
主要任务
责任单位
1
新建改建农村公路120公里，完成危桥改
造8座
县交通运输局
2
建设高标准农田3.5万亩，粮食总产稳定
在45万吨以上
县农业农村局、县自然资源
局、县水利局、县财政局
3
新建城区学校2所，新增学位2700个
县教育体育局
4
城乡低保、特困人员救助供养标准分别
提高8%、10%
县民政局、各乡镇人民政府
第1页 共3页
""", [
    [(L, "县交通运输局")],
    [(R, "县农业农村局"), (R, "县自然资源局"), (R, "县水利局"), (R, "县财政局")],
    [(L, "县教育体育局")],
    [(R, "县民政局"), (R, "各乡镇人民政府")],
])

# A footnote under the table states the first-listed rule for its 责任单位 column (注：…排在首位
# 的为牵头单位); rows copied one a line with cells separated by spaces; the folio after the note.
P("rows-footnote-first-listed-under-table", """
2024年优化营商环境重点任务责任清单
序号 工作任务 责任单位 完成时限
1 持续深化“放管服”改革，政务服务事项全程网办率达到85% 市政务服务管理局、市数据资源局 2024年12月底前
2 开展涉企违规收费专项清理 市发展改革委、市市场监管局、市财政局 2024年9月底前
3 推行包容审慎监管，动态调整轻微违法行为“免罚清单” 市司法局 2024年6月底前
4 建立健全企业诉求“一站式”受理办理机制 市营商环境建设局、市工商联 长期坚持
注：责任单位中排在首位的为牵头单位，其他为配合单位。
— 5 —
""", [
    [(L, "市政务服务管理局"), (S, "市数据资源局")],
    [(L, "市发展改革委"), (S, "市市场监管局"), (S, "市财政局")],
    [(L, "市司法局")],
    [(L, "市营商环境建设局"), (S, "市工商联")],
])

# A lead written once for three rows (vertically merged): the lead cell of rows 2 and 3 is blank
# between pipes and is carried down; their own support cells stand.
P("pipe-lead-merged-over-three-rows", """
2024年全市农业农村重点工作任务分解表
| 序号 | 重点工作 | 牵头单位 | 配合单位 | 完成时限 |
| 1 | 粮食播种面积稳定在520万亩以上，总产量稳定在210万吨以上 | 市农业农村局 | 市发展改革委、市统计局 | 2024年10月底 |
| 2 | 新建高标准农田28万亩 |  | 市财政局、市水利局 | 2024年12月底 |
| 3 | 农作物耕种收综合机械化率达到88% |  | 市农机服务中心 | 2024年12月底 |
| 4 | 巩固拓展脱贫攻坚成果，守住不发生规模性返贫底线 | 市乡村振兴局 | 市民政局、市医疗保障局 | 长期坚持 |
| 5 | 农村居民人均可支配收入增长7.5% | 市农业农村局 | 市统计局 | 2024年12月底 |
""", [
    [(L, "市农业农村局"), (S, "市发展改革委"), (S, "市统计局")],
    [(L, "市农业农村局"), (S, "市财政局"), (S, "市水利局")],
    [(L, "市农业农村局"), (S, "市农机服务中心")],
    [(L, "市乡村振兴局"), (S, "市民政局"), (S, "市医疗保障局")],
    [(L, "市农业农村局"), (S, "市统计局")],
])

# The 责任单位 column is the last one and merged over rows 2–3: those rows simply end after their
# deadline cell; the units are carried down.
P("pipe-last-column-merged-missing-cells", """
2024年城镇燃气安全专项整治工作任务分解
| 序号 | 工作任务 | 完成时限 | 责任单位 |
| 1 | 开展城镇燃气经营企业安全隐患排查整治 | 2024年6月底前 | 县住房城乡建设局、县市场监管局 |
| 2 | 全面排查整治瓶装液化石油气供应站点安全隐患 | 2024年9月底前 |
| 3 | 推动餐饮等公共场所全部安装可燃气体报警装置 | 2024年12月底前 |
| 4 | 开展燃气管道占压、穿越密闭空间等隐患整治 | 2024年12月底前 | 县城市管理局 |
""", [
    [(R, "县住房城乡建设局"), (R, "县市场监管局")],
    [(R, "县住房城乡建设局"), (R, "县市场监管局")],
    [(R, "县住房城乡建设局"), (R, "县市场监管局")],
    [(L, "县城市管理局")],
])

# A Word table copied with tabs between cells: merged cells left as empty fields (a lead and an
# official carried down; a whole row's unit cells carried down), the page mark, 续表1 and the
# header repeated; officials in a 责任领导 column are no units.
P("tabs-word-table-merged-xubiao", """
表1　2024年区政府重点工作任务分工表
序号\t重点工作\t责任领导\t牵头单位\t配合单位
1\t推动区块链产业园二期投入运营，引进区块链企业30家\t王建国\t区科技局\t区发改局、区财政局
2\t建成数字经济产业孵化基地1个，入驻企业50家\t\t\t区人社局
— 7 —
续表1
序号\t重点工作\t责任领导\t牵头单位\t配合单位
3\t实施“个转企”“小升规”培育工程，新增规上企业40家\t李娜\t区工信局\t区市场监管局、区统计局
4\t推进工业企业技术改造，完成技改投资45亿元\t\t\t
5\t新增省级以上企业技术中心5家\t李娜\t区科技局\t区工信局
""", [
    [(L, "区科技局"), (S, "区发改局"), (S, "区财政局")],
    [(L, "区科技局"), (S, "区人社局")],
    [(L, "区工信局"), (S, "区市场监管局"), (S, "区统计局")],
    [(L, "区工信局"), (S, "区市场监管局"), (S, "区统计局")],
    [(L, "区科技局"), (S, "区工信局")],
])

# 同上 written in a Word table's unit cells: the cell above is repeated.
P("pipe-tongshang-cells", """
2023年县卫生健康重点工作任务分解表
|序号|重点工作|牵头单位|配合单位|
|1|推进紧密型县域医共体建设，县域内就诊率达到90%以上|县卫生健康局|县医疗保障局|
|2|实施乡镇卫生院服务能力提升工程，创建社区医院3家|同上|同上|
|3|开展中小学生近视、肥胖等健康监测与干预|县教育体育局|县卫生健康局|
|4|建设县级青少年心理健康服务中心|同上|县财政局|
""", [
    [(L, "县卫生健康局"), (S, "县医疗保障局")],
    [(L, "县卫生健康局"), (S, "县医疗保障局")],
    [(L, "县教育体育局"), (S, "县卫生健康局")],
    [(L, "县教育体育局"), (S, "县财政局")],
])

# Numbered sub-points （1）（2）（3） inside one 建设内容 cell, one cell a line: the row is the
# measure (its unit cells cover the sub-points); 项目名称 names the row.
P("cells-subpoints-inside-task-cell", """
2024年市级民生实事项目分工表
序号
项目名称
建设内容
牵头单位
配合单位
1
养老服务提升工程
（1）新建社区嵌入式养老服务中心8个；
（2）为1000户特殊困难老年人家庭实施适老化改造；
（3）新增家庭养老床位500张。
市民政局
市财政局、各区人民政府
2
儿童友好城市建设
（1）新建改造儿童友好公园10个；
（2）新增普惠托位1500个。
市妇儿工委办
市卫生健康委、市住房和城乡建设局
3
“15分钟健身圈”建设
新建改造社区体育公园12个、健身步道30公里。
市体育局
市自然资源和规划局
""", [
    [(L, "市民政局"), (S, "市财政局"), (S, "各区人民政府")],
    [(L, "市妇儿工委办"), (S, "市卫生健康委"), (S, "市住房和城乡建设局")],
    [(L, "市体育局"), (S, "市自然资源和规划局")],
])

# Pipe rows whose task cell holds sub-points on lines of their own (the cell's line breaks kept in
# the copy): each row is one measure with its lone 责任单位 cell.
P("pipe-multiline-cell-subpoints", """
2024年生态环境保护重点任务分工
| 序号 | 重点任务 | 责任单位 |
| 1 | 推进“无废城市”建设：
（1）一般工业固体废物综合利用率达到85%；
（2）建成生活垃圾焚烧发电厂二期工程。 | 市生态环境局、市城市管理局 |
| 2 | 打好蓝天保卫战：
（1）淘汰35蒸吨/小时以下燃煤锅炉20台；
（2）PM2.5平均浓度下降到38微克/立方米。 | 市生态环境局 |
| 3 | 打好碧水保卫战：
（1）国考断面水质优良比例达到90%；
（2）完成入河排污口整治120个。 | 市水利局、市生态环境局 |
""", [
    [(R, "市生态环境局"), (R, "市城市管理局")],
    [(L, "市生态环境局")],
    [(R, "市水利局"), (R, "市生态环境局")],
])

# A two-column table (序号 | 工作任务及责任分工) whose cells hold sub-points each closed by its
# own note: each sub-point is a measure; a row with one note is one measure.
P("pipe-two-column-subpoints-own-notes", """
2023年区政府重点工作任务分工
序号 | 工作任务及责任分工
1 | 稳定工业经济增长：（1）规上工业增加值增长8%（区工信局牵头，区统计局配合）；（2）新增规上工业企业30家（区工信局负责）。
2 | 扩大有效投资：全年固定资产投资增长10%（区发改局牵头，区住建局、区自然资源分局配合）。
3 | 提升城市品质：（1）完成老旧小区改造40个（区住建局负责）；（2）新增城市绿地30万平方米（区城管局负责）。
""", [
    [(L, "区工信局"), (S, "区统计局")],
    [(L, "区工信局")],
    [(L, "区发改局"), (S, "区住建局"), (S, "区自然资源分局")],
    [(L, "区住建局")],
    [(L, "区城管局")],
])

# pdftotext -layout: each cell wrapped in its own column over two or three lines (县住房城乡建 /
# 设局, 县自然资 / 源局, 2024年11月 / 底前), the title centred above.
P("layout-columns-cells-wrapped", "\n".join(
    ["                        2024年县政府重点工作责任分解表", ""] + layout(
        [1, 7, 40, 54, 72],
        [["序号", "重点工作任务", "牵头单位", "配合单位", "完成时限"],
         [" 1", ["新建改建农村公路80公里，完成农村", "公路危桥改造12座"], "县交通运输局",
          ["县财政局、县自然资", "源局"], ["2024年11月", "底前"]],
         [" 2", ["实施城区雨污分流改造工程，改造", "雨污管网35公里"], ["县住房城乡建", "设局"],
          ["县生态环境分局、县", "水利局、城关镇人民", "政府"], ["2024年12月", "底前"]],
         [" 3", ["新增城镇就业4200人，农村劳动力转", "移就业1.2万人"], ["县人力资源社", "会保障局"],
          ["县教育体育局、各乡", "镇人民政府"], ["2024年12月", "底前"]]])),
    [
        [(L, "县交通运输局"), (S, "县财政局"), (S, "县自然资源局")],
        [(L, "县住房城乡建设局"), (S, "县生态环境分局"), (S, "县水利局"), (S, "城关镇人民政府")],
        [(L, "县人力资源社会保障局"), (S, "县教育体育局"), (S, "各乡镇人民政府")],
    ])

# pdftotext -layout with a lead cell merged over three rows and printed once, on the first row
# (top-aligned): rows 2 and 3 carry it down.
P("layout-lead-merged-top-aligned", "\n".join(
    ["2024年稳就业促创业重点任务分工表", ""] + layout(
        [0, 6, 40, 56],
        [["序号", "工作任务", "牵头单位", "配合单位"],
         [" 1", "城镇新增就业2.8万人", ["市人力资源和", "社会保障局"], "市财政局"],
         [" 2", "开展职业技能培训3万人次", "", "市教育局"],
         [" 3", "新增发放创业担保贷款8亿元", "", ["市财政局、人民银", "行市中心支行"]],
         [" 4", "城乡居民医保参保率稳定在95%以上", "市医疗保障局", "市税务局"]])),
    [
        [(L, "市人力资源和社会保障局"), (S, "市财政局")],
        [(L, "市人力资源和社会保障局"), (S, "市教育局")],
        [(L, "市人力资源和社会保障局"), (S, "市财政局"), (S, "人民银行市中心支行")],
        [(L, "市医疗保障局"), (S, "市税务局")],
    ])

# pdftotext -layout of a row that breaks across a page: the task cell runs on after the folio
# (第 2 页，共 4 页), the title repeated at the top of the page and the repeated header, cut in the
# middle of a word (重点专科提 / 质建设); its unit cells are printed on the first page (top-aligned).
_rows = layout(
    [0, 6, 44, 58],
    [["序号", "工作任务", "牵头单位", "配合单位"],
     [" 1", ["加快建设市第一人民医院新院区，年内完", "成主体工程"], "市卫生健康委", ["市发展改革委、", "市财政局"]],
     [" 2", ["推进紧密型县域医共体建设，县域内就诊", "率达到90%"], "市卫生健康委", "市医疗保障局"],
     [" 3", ["建设区域医疗中心，与省级医院共建专科", "联盟5个，引进高层次医疗卫生人才50名，",
             "年内完成神经外科、心血管内科等重点专科提", "质建设"], "市卫生健康委",
      ["市人力资源和社会", "保障局、市科技局"]],
     [" 4", ["实施公共卫生服务能力提升工程，新建社区", "卫生服务中心6个"], "市卫生健康委",
      ["各县（市、区）人民", "政府"]]])
_head = _rows[0]
_cut = next(i for i, line in enumerate(_rows) if line.rstrip().endswith("重点专科提"))
_rows[_cut + 1:_cut + 1] = ["", "                          第 2 页，共 4 页", "\f2024年卫生健康重点工作任务分工表", "", _head]
P("layout-row-split-across-pages", "\n".join(["2024年卫生健康重点工作任务分工表", ""] + _rows), [
    [(L, "市卫生健康委"), (S, "市发展改革委"), (S, "市财政局")],
    [(L, "市卫生健康委"), (S, "市医疗保障局")],
    [(L, "市卫生健康委"), (S, "市人力资源和社会保障局"), (S, "市科技局")],
    [(L, "市卫生健康委"), (S, "各县（市、区）人民政府")],
])

# A star before the first unit of each list, explained by a footnote under the table.
P("pipe-star-lead-footnote", """
2023年县优化营商环境重点任务清单
序号 | 重点任务 | 责任单位 | 完成时限
1 | 企业开办全流程压缩至1个工作日内 | ★县市场监管局、县税务局、县公安局 | 2023年6月底前
2 | 工程建设项目审批时间压减至60个工作日以内 | ★县住房城乡建设局、县自然资源局、县行政审批局 | 2023年12月底前
3 | 不动产登记一般业务1个工作日办结 | ★县自然资源局、县税务局 | 2023年9月底前
4 | 推行“信易贷”模式，新增信用贷款5亿元 | ★县金融服务中心、县发展和改革局、人民银行县支行 | 2023年12月底前
注：标“★”的为牵头单位，其余为配合单位。
""", [
    [(L, "县市场监管局"), (S, "县税务局"), (S, "县公安局")],
    [(L, "县住房城乡建设局"), (S, "县自然资源局"), (S, "县行政审批局")],
    [(L, "县自然资源局"), (S, "县税务局")],
    [(L, "县金融服务中心"), (S, "县发展和改革局"), (S, "人民银行县支行")],
])

# A remark under the table names units and a reporting duty but assigns no task (备注：…表中不再
# 一一列出); it is no measure and adds no units.
P("pipe-remark-under-table-assigns-nothing", """
2024年市政府工作报告主要指标分解表
| 序号 | 主要指标 | 牵头单位 | 配合单位 |
| 1 | 地区生产总值增长6%左右 | 市发展改革委 | 市统计局 |
| 2 | 社会消费品零售总额增长7% | 市商务局 | 市文化广电旅游局 |
| 3 | 一般公共预算收入增长5% | 市财政局 | 市税务局 |
备注：1.各县（市、区）人民政府、开发区管委会为各项指标的属地责任主体，表中不再一一列出；2.各牵头单位于每季度结束后5日内将进展情况报市政府督查室。
— 9 —
""", [
    [(L, "市发展改革委"), (S, "市统计局")],
    [(L, "市商务局"), (S, "市文化广电旅游局")],
    [(L, "市财政局"), (S, "市税务局")],
])

# Narrow unit cells wrapped over three lines (市人力资源 / 和社会保障 / 局; 各县（市、/ 区）人民政
# / 府), lead and support cells with nothing between them.
P("cells-names-wrapped-over-three-lines", """
2024年就业创业重点工作任务分解表
序号
工作任务
牵头单位
配合单位
1
城镇新增就业3.2万人，城镇调查失业率控制在5.5%以内
市人力资源
和社会保障
局
市发展改革
委、市财政
局
2
开发城乡公益性岗位1500个，托底安置就业困难人员
市人力资源
和社会保障
局
各县（市、
区）人民政
府
3
培育文旅创业项目100个，带动就业3000人
市文化广电
旅游局
市人力资源
和社会保障
局
""", [
    [(L, "市人力资源和社会保障局"), (S, "市发展改革委"), (S, "市财政局")],
    [(L, "市人力资源和社会保障局"), (S, "各县（市、区）人民政府")],
    [(L, "市文化广电旅游局"), (S, "市人力资源和社会保障局")],
])

# A unit with its bracketed alias cut inside the brackets (市委组织部（市委人才 / 办）); 责任单位
# beside a 牵头单位 column support.
P("cells-bracketed-alias-wrapped", """
2024年全市人才和宣传文化重点工作分工
序号
重点任务
牵头单位
责任单位
1
实施“人才强市”战略，新引进高层次人才300名、青年人才1万名
市委组织部（市委人才
办）
市人力资源和社会保障局、市科技局
2
深化全国文明城市创建，常态化开展新时代文明实践志愿服务活动
市委宣传部（市文明
办）
市城市管理局、各区人民政府
3
深化事业单位改革，完成市属事业单位重塑性改革
市委编办
市财政局、市人力资源和社会保障局
""", [
    [(L, "市委组织部（市委人才办）"), (S, "市人力资源和社会保障局"), (S, "市科技局")],
    [(L, "市委宣传部（市文明办）"), (S, "市城市管理局"), (S, "各区人民政府")],
    [(L, "市委编办"), (S, "市财政局"), (S, "市人力资源和社会保障局")],
])

# Word's automatic row numbers lost in the copy: the 序号 cells are empty; each row is a measure,
# the group rows (一、…) with no units are not.
P("pipe-row-numbers-lost", """
2024年区政府重点工作任务分解表
| 序号 | 工作任务 | 牵头单位 | 配合单位 |
| 一、扩大有效投资 |
|  | 全年实施区级重点项目150个，完成投资260亿元 | 区发改局 | 区财政局、区自然资源分局 |
|  | 新开工亿元以上产业项目35个 | 区投促局 | 区工信局 |
| 二、保障改善民生 |
|  | 新建改扩建中小学、幼儿园6所 | 区教育局 | 区住建局 |
|  | 建成区域性养老服务中心4个 | 区民政局 | 区卫健局、各街道办事处 |
""", [
    [(L, "区发改局"), (S, "区财政局"), (S, "区自然资源分局")],
    [(L, "区投促局"), (S, "区工信局")],
    [(L, "区教育局"), (S, "区住建局")],
    [(L, "区民政局"), (S, "区卫健局"), (S, "各街道办事处")],
])

# Support cells marked empty with / — 无: no support, and nothing carried down.
P("pipe-slash-dash-none-cells", """
2024年县防汛抗旱和地质灾害防治重点工作分工
| 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |
| 1 | 修订完善县级防汛抗旱应急预案 | 县应急管理局 | / | 2024年4月底 |
| 2 | 开展汛前中小学校舍、医院安全隐患排查 | 县消防救援大队 | 县教育体育局、县卫生健康局 | 2024年5月底 |
| 3 | 完成地质灾害隐患点工程治理8处 | 县自然资源局 | — | 2024年10月底 |
| 4 | 完成病险水库除险加固3座 | 县水利局 | 无 | 2024年6月底 |
""", [
    [(L, "县应急管理局")],
    [(L, "县消防救援大队"), (S, "县教育体育局"), (S, "县卫生健康局")],
    [(L, "县自然资源局")],
    [(L, "县水利局")],
])

# The first-listed rule written in the header cell, which wraps (责任单位（排在第一 / 位的为牵头单
# 位）); unit lists wrap too.
P("cells-header-first-listed-rule-wrapped", """
2023年县政府工作报告重点任务分解表
序号
工作任务
责任单位（排在第一
位的为牵头单位）
1
地区生产总值增长6.5%，固定资产投资增长8%
县发展和改革局、县
统计局
2
一般公共预算收入增长5%
县财政局、县税务局
3
完成国土空间总体规划编制报批
县自然资源局
4
建成县城污水处理厂提标改造工程
县住房城乡建设局、县生态
环境分局、县财政局
""", [
    [(L, "县发展和改革局"), (S, "县统计局")],
    [(L, "县财政局"), (S, "县税务局")],
    [(L, "县自然资源局")],
    [(L, "县住房城乡建设局"), (S, "县生态环境分局"), (S, "县财政局")],
])

# A row cut by a page break between its task cell and its unit cells, one cell a line: the folio,
# the plan's title repeated at the page's top and the repeated header stand between them.
P("cells-page-break-inside-a-row", """
2024年开放型经济重点工作任务分工
序号
工作任务
牵头单位
配合单位
1
全年实际使用外资3亿美元，新设外资企业30家
市商务局
市发展改革委
2
推进跨境电商综合试验区建设，跨境电商进出口额增长20%
— 4 —
2024年开放型经济重点工作任务分工
序号
工作任务
牵头单位
配合单位
市商务局
市财政局、市税务局
3
组织企业参加广交会、进博会等重点展会50场次
市商务局
市贸促会
""", [
    [(L, "市商务局"), (S, "市发展改革委")],
    [(L, "市商务局"), (S, "市财政局"), (S, "市税务局")],
    [(L, "市商务局"), (S, "市贸促会")],
])

# A PDF's justified table: short cells letter-spaced (县 林 业 局, 牵 头 单 位), officials' names
# spaced too (张 伟) in a 责任领导 column; spaces are removed from the units.
P("pipe-letter-spaced-cells", """
2024年全县林业和水利重点工作任务分解表
| 序 号 | 工 作 任 务 | 责 任 领 导 | 牵 头 单 位 | 配 合 单 位 |
| 1 | 完成人工造林和森林抚育2.5万亩 | 张 伟 | 县 林 业 局 | 县自然资源局、各 乡 镇 |
| 2 | 实施中小河流治理项目2个、治理河长18公里 | 李 明 | 县 水 利 局 | 县 财 政 局 |
| 3 | 新建高效节水灌溉面积1.2万亩 | 张 伟 | 县农业农村局 | 县 财 政 局、县乡村振兴局 |
""", [
    [(L, "县林业局"), (S, "县自然资源局"), (S, "各乡镇")],
    [(L, "县水利局"), (S, "县财政局")],
    [(L, "县农业农村局"), (S, "县财政局"), (S, "县乡村振兴局")],
])

# One cell a line with a merged lead cell: rows 2 and 3 go straight from their task to their
# deadline (no lead cell), so the lead above is carried down.
P("cells-merged-lead-deadline-anchor", """
2024年教育卫生民生实事分工表
序号
工作任务
牵头单位
完成时限
1
新建公办幼儿园6所，新增学位1620个
县教育体育局
2024年8月底前
2
城区义务教育学校课后服务实现全覆盖
2024年9月底前
3
新建乡镇寄宿制学校2所
2024年12月底前
4
新增家庭医生签约服务对象5000人
县卫生健康局
2024年12月底前
""", [
    [(L, "县教育体育局")],
    [(L, "县教育体育局")],
    [(L, "县教育体育局")],
    [(L, "县卫生健康局")],
])
