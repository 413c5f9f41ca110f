"""Probe set converted_documents: plans as office conversion tools print them.

Researchers convert .doc / .docx / .wps / .xls files to text before coding. Every text below is what a
converter printed: the Word files were built (python-docx, tables with real merged cells, Word
numbering definitions with Chinese counting, Wingdings bullets) and run through the tools themselves
(docx2txt 0.9, antiword 0.37, catdoc 0.95, LibreOffice 7.4 `--convert-to txt`, pandoc 2.17 and 3.9
`-t plain`); the sheets were built with openpyxl and saved by LibreOffice as CSV / tab-delimited text.
Two texts that catdoc's tools garbled on CJK here (catdoc -w on one .doc, xls2csv) are printed in the
tools' own output form as seen on the files they read cleanly; the Excel "CSV UTF-8" copy is
LibreOffice's CSV with the byte-order mark and the empty formatted rows Excel writes added; the WPS
copies are written by hand.

Forms:
- docx2txt: every paragraph and table cell a blank line apart, rows unmarked; an empty cell as extra
  blank lines (an empty support cell, merged-down lead and unit cells carried down); no list numbers
  (automatic 一、 / （一） dropped); tabs kept (label lines 牵头单位：<TAB>A<TAB><TAB>配合单位：<TAB>B); a
  cell's units one a paragraph (first paragraph the lead cell); manual line breaks inside cells (after
  、, inside one unit's name 国家税务总局 / 莒县税务局, between 一是 / 二是 of one task); a two-row header
  (责任单位 over 牵头单位 / 配合单位) printing empty paragraphs; a notice's address line, 抄送 / 印发
  lines and the page footer (— 1 —) printed after the body; items named 实事一：.
- antiword: rows drawn |cell|cell|, each cell wrapped inside its column, continued on lines with the
  other cells empty, unit names cut mid-name; a merged lead cell printed in its first row only; a lone
  责任单位 column (one unit leads, several responsible, （牵头） inside the cell); a spanned header and
  category rows across the whole width; a first-listed rule in a note under the table; body text
  hard-wrapped with notes cut over lines; automatic numbers and Wingdings bullets dropped.
- catdoc: tab-separated rows, one a line (-w); a cell's own paragraphs breaking the row's line; the
  default wrapping at the line width (numbers and cells broken, tabs turned into line breaks).
- LibreOffice text export: a byte-order mark, one cell a line with no blank lines, a merged cell as an
  empty line; automatic numbers kept as indented labels (    一、 … /     （一） …) running on across
  headings; Wingdings bullets as •; a target table (lone 责任单位 column) then noted items.
- pandoc: a multiline table (dashed rules, columns by spaces, rows a blank line apart); a grid table
  (+---+, | cells, ===) with letter-spaced header cells and CJK wrapped inside narrow columns; pandoc 3
  grid tables with row spans (merged lead and unit cells); automatic numbering renumbered 1.  2.  with
  headings and items in lists of their own; ◆ bullets as -, ① as 1.
- spreadsheets: CSV with a title row padded with commas, a header over two rows, quoted cells holding
  line breaks, 序号 as bare numbers, merged category and lead cells empty below (carried down), group
  rows (一、…,,,), a 说明 row stating a first-listed rule, half-width commas inside quoted unit lists,
  role words inside cells; Excel's CSV UTF-8 (BOM, empty 备注 column, empty rows as bare commas);
  tab-delimited text with a 牵头市领导 column of persons and the lead written again in 责任单位;
  xls2csv with every cell quoted and sheets closed by form feeds (a target sheet, then a task sheet).
- WPS / Word copies: Wingdings bullets as letters (n ■, l ●, Ø ➢, ü ✓, § ▪) or as private-use
  characters (U+F06E, U+F06C) followed by a tab; ■ / ● kept, ■ headings with label lines of their own
  over ● items with notes; ◆ headings over 一是…；二是… points each with a note; automatic numbers
  kept with the tab Word puts after them (一、<TAB> / （一）<TAB> / 1.<TAB>).

Each probe: name, text (a small plan), expect (one list of (role, unit-as-written) pairs per measure,
in document order), coded by the rules of tests/data/real_plans/README.md ("Coding rules",
"Decisions by the corpus editor"). Officials (persons) are never units and are not listed; merged
(blank) unit cells carry the units of the row above.
"""

L, S, R = "lead", "support", "responsible"

PROBES = []


def P(name, text, expect):
    PROBES.append({"name": name, "text": text.strip("\n"), "expect": expect})


# ===============================================================================================
# A. docx2txt (.docx)
# ===============================================================================================

# docx2txt: every paragraph, table cells included, set apart by one blank line; rows are not marked, the
# five header cells (one letter-spaced) give the row length; the closing paragraph names no unit with a role.
P("docx2txt-cells-blank-line-apart", """
滁州市2024年优化营商环境重点任务分工方案

为深入贯彻落实省委、省政府关于优化营商环境的决策部署，持续打造“亭满意”营商服务品牌，结合我市实际，制定本方案。

序号

重 点 任 务

牵头单位

配合单位

完成时限

1

深化“一网通办”改革，政务服务事项网上可办率稳定在95%以上，高频事项实现“一次办”

市数据资源局

市政务服务中心、各县（市、区）人民政府

2024年12月底

2

推行工程建设项目审批“拿地即开工”，社会投资简易低风险项目审批时间压减至15个工作日以内

市住房城乡建设局

市自然资源和规划局、市生态环境局

2024年9月底

3

落实结构性减税降费政策，全年新增减税降费及退税缓费20亿元以上

国家税务总局滁州市税务局

市财政局

2024年12月底

4

开展涉企违规收费专项整治，建立健全常态化监管机制

市市场监管局

市发展改革委、市财政局、市经济和信息化局

持续推进

各牵头单位要会同配合单位细化工作措施，于每季度末将进展情况报市优化营商环境工作领导小组办公室。
""", [
    [(L, "市数据资源局"), (S, "市政务服务中心"), (S, "各县（市、区）人民政府")],
    [(L, "市住房城乡建设局"), (S, "市自然资源和规划局"), (S, "市生态环境局")],
    [(L, "国家税务总局滁州市税务局"), (S, "市财政局")],
    [(L, "市市场监管局"), (S, "市发展改革委"), (S, "市财政局"), (S, "市经济和信息化局")],
])

# docx2txt: an empty cell is one more empty paragraph, so three blank lines stand where one does; row 1's
# 配合单位 cell is empty (no row above to carry from), row 2's 牵头单位 cell and row 4's two unit cells are the
# lower parts of vertically merged cells and carry the units down.
P("docx2txt-empty-and-merged-cells", """
平阳县2024年农村人居环境整治提升工作任务分解表

为深入学习运用“千万工程”经验，持续提升农村人居环境质量，现将2024年工作任务分解如下。

序号

工作任务

牵头单位

配合单位

完成时间

1

开展村庄清洁行动，全年组织集中整治行动4次以上，实现村庄环境干净整洁有序

县农业农村局



2024年12月

2

推进农村户厕改造提升，新建改造农村户厕1200座，同步开展问题厕所排查整改



县卫生健康局、各乡镇人民政府

2024年10月

3

提升农村生活污水治理水平，新增治理行政村15个，出水水质达标率达到95%以上

温州市生态环境局平阳分局

县住房和城乡建设局、县水利局

2024年11月

4

建立农村生活污水处理设施第三方运维管理长效机制





2024年12月
""", [
    [(L, "县农业农村局")],
    [(L, "县农业农村局"), (S, "县卫生健康局"), (S, "各乡镇人民政府")],
    [(L, "温州市生态环境局平阳分局"), (S, "县住房和城乡建设局"), (S, "县水利局")],
    [(L, "温州市生态环境局平阳分局"), (S, "县住房和城乡建设局"), (S, "县水利局")],
])

# docx2txt prints no list numbers: the automatic 一、 / （一） are gone, headings and items are bare paragraphs
# a blank line apart; the paragraphs with notes are the measures.
P("docx2txt-auto-numbering-dropped", """
德清县2024年《政府工作报告》重点工作任务分解

为确保县十八届人大三次会议审议通过的《政府工作报告》确定的各项目标任务落到实处，现将重点工作任务分解如下：

扎实推动经济高质量发展

全年地区生产总值增长6.5%左右，一般公共预算收入增长5%。（牵头单位：县发改局、县财政局；配合单位：县统计局）

实施“两业融合”提升行动，新增规上工业企业50家，规上工业增加值增长8%。（牵头单位：县经信局；配合单位：各镇（街道）、德清经济开发区管委会）

持续增进民生福祉

新建改扩建中小学、幼儿园6所，新增学位3000个。（责任单位：县教育局）

城镇新增就业1.2万人，城镇调查失业率控制在5%以内。（县人力社保局、县统计局按职责分工负责）

强化组织保障

各责任单位要细化工作举措，每季度末将工作进展报县政府督查室。
""", [
    [(L, "县发改局"), (L, "县财政局"), (S, "县统计局")],
    [(L, "县经信局"), (S, "各镇（街道）"), (S, "德清经济开发区管委会")],
    [(L, "县教育局")],
    [(R, "县人力社保局"), (R, "县统计局")],
])

# docx2txt keeps Word's tabs: label lines aligned with tabs (牵头单位：<TAB>A<TAB><TAB>配合单位：<TAB>B、C), one
# paragraph a blank line apart; items named 实事一： … are numbered items.
P("docx2txt-tab-label-lines", """
江门市2024年民生实事任务分工方案

根据市十五届人大四次会议票决结果，现将由市直部门牵头实施的民生实事任务分工明确如下：

实事一：新增公办幼儿园学位2000个，公办园在园幼儿占比达到55%以上。

牵头单位：\t市教育局\t\t配合单位：\t市财政局、市自然资源局

完成时限：\t2024年12月底

实事二：为全市65岁以上老年人免费开展健康体检，体检覆盖率达到70%以上。

责任单位：\t市卫生健康局

完成时限：\t2024年11月底

实事三：开展“技能江门”职业技能培训2万人次，帮扶就业困难人员就业1500人。

牵头单位：\t市人力资源社会保障局\t配合单位：\t市总工会、团市委、市妇联

完成时限：\t2024年12月底

实事四：新增公共充电桩1000个，改造提升农村公路200公里。

牵头单位：\t市交通运输局\t配合单位：\t江门供电局、各市（区）人民政府

完成时限：\t2024年12月底

各牵头单位要建立工作台账，每月5日前将上月进展情况报送市政府办公室。
""", [
    [(L, "市教育局"), (S, "市财政局"), (S, "市自然资源局")],
    [(L, "市卫生健康局")],
    [(L, "市人力资源社会保障局"), (S, "市总工会"), (S, "团市委"), (S, "市妇联")],
    [(L, "市交通运输局"), (S, "江门供电局"), (S, "各市（区）人民政府")],
])

# docx2txt: the 配合单位 cells hold one unit a paragraph, so the lead cell and the support units stand one a
# paragraph with nothing between the two cells: the first unit paragraph is the lead cell, the rest support.
P("docx2txt-units-one-paragraph-each", """
吴兴区2024年城市管理提质增效工作任务清单

为进一步提升城市精细化管理水平，现将2024年城市管理重点工作任务清单印发如下，请各责任单位抓好落实。

序号

工作内容

牵头单位

配合单位

完成时间

1

建成区级智慧城管平台二期，实现城市部件事件智能识别

区综合行政执法局

区大数据发展管理局

区财政局

2024年9月

2

推进背街小巷环境整治，全年完成整治提升30条

区综合行政执法局

区住房和城乡建设局

区市场监管局

各街道办事处

2024年11月

3

完成城区易涝积水点改造12处，汛期前全面疏通排水管网

区水利局

区住房和城乡建设局

区综合行政执法局

湖州市公安局吴兴分局

2024年5月

4

开展占道经营、乱堆乱放集中整治“百日攻坚”行动

区综合行政执法局

各街道办事处

2024年8月
""", [
    [(L, "区综合行政执法局"), (S, "区大数据发展管理局"), (S, "区财政局")],
    [(L, "区综合行政执法局"), (S, "区住房和城乡建设局"), (S, "区市场监管局"), (S, "各街道办事处")],
    [(L, "区水利局"), (S, "区住房和城乡建设局"), (S, "区综合行政执法局"), (S, "湖州市公安局吴兴分局")],
    [(L, "区综合行政执法局"), (S, "各街道办事处")],
])

# docx2txt: a manual line break (Shift+Enter) inside a cell prints as a single newline, a paragraph end as a
# blank line; the breaks fall after 、 in unit lists, inside one unit's name (国家税务总局 / 莒县税务局, one
# unit) and between 一是 / 二是 of one task cell (one row, one measure).
P("docx2txt-soft-breaks-in-cells", """
莒县2024年金融服务实体经济重点任务责任分工

为进一步提升金融服务实体经济质效，现将2024年重点任务责任分工如下。

序号

重点任务

牵头单位

配合单位

1

一是落实普惠小微贷款支持工具；
二是开展“金融辅导员”进企业活动，全年走访企业500家以上

县金融服务中心

中国人民银行莒县支行、
县工业和信息化局

2

推进政府性融资担保扩面增量，全年新增担保业务10亿元

县财政局

县金融服务中心、
县融资担保有限公司

3

落实税收优惠政策，深化“银税互动”，全年发放“税易贷”2亿元

国家税务总局
莒县税务局

县金融服务中心、县财政局

4

强化企业上市培育，新增上市后备企业10家

县金融服务中心

县发展和改革局、
县市场监督管理局
""", [
    [(L, "县金融服务中心"), (S, "中国人民银行莒县支行"), (S, "县工业和信息化局")],
    [(L, "县财政局"), (S, "县金融服务中心"), (S, "县融资担保有限公司")],
    [(L, "国家税务总局莒县税务局"), (S, "县金融服务中心"), (S, "县财政局")],
    [(L, "县金融服务中心"), (S, "县发展和改革局"), (S, "县市场监督管理局")],
])

# docx2txt: a header over two rows (责任单位 spanning 牵头单位 / 配合单位, 序号 / 重点任务 / 完成时限 merged
# down, so the second header row prints empty paragraphs), the notice's address line, 抄送 / 印发 lines after
# the table and the page footer (— 1 —), which docx2txt prints after the body.
P("docx2txt-two-row-header-and-footer", """
宜宾市叙州区人民政府办公室

关于印发《叙州区2024年一季度“开门红”稳增长重点任务分工》的通知

各乡镇人民政府、街道办事处，区级各部门：

为确保一季度经济实现“开门红”，经区政府同意，现将重点任务分工如下，请认真抓好落实。

序号

重点任务

责任单位

完成时限





牵头单位

配合单位



1

全力抓好项目招引，一季度新签约项目10个、协议投资额80亿元以上

区投资促进局

区经济和信息化局、各乡镇（街道）

2024年3月

2

加快推进重大项目建设，确保一季度固定资产投资增长8%

区发展和改革局

区住房城乡建设局、区交通运输局

2024年3月

3

开展“春季消费季”活动，社会消费品零售总额增长9%

区商务局

区市场监督管理局、区统计局

2024年3月

4

强化要素保障，一季度供应工业用地500亩

区自然资源和规划局

区经济和信息化局

2024年3月

抄送：区委办公室，区人大常委会办公室，区政协办公室。

宜宾市叙州区人民政府办公室　　　　　　2024年1月20日印发

— 1 —
""", [
    [(L, "区投资促进局"), (S, "区经济和信息化局"), (S, "各乡镇（街道）")],
    [(L, "区发展和改革局"), (S, "区住房城乡建设局"), (S, "区交通运输局")],
    [(L, "区商务局"), (S, "区市场监督管理局"), (S, "区统计局")],
    [(L, "区自然资源和规划局"), (S, "区经济和信息化局")],
])


# ===============================================================================================
# B. antiword (.doc)
# ===============================================================================================

# antiword (.doc): rows drawn |cell|cell|, each cell wrapped inside its column and continued on the lines below
# with the other cells empty; unit names cut mid-name across those lines.
P("antiword-pipe-rows-wrapped-cells", """

                  株洲市2024年生态环境保护重点工作任务分工

为深入打好污染防治攻坚战，持续改善全市生态环境质量，现将2024年生态环境保护重
点工作任务分工如下。

|序号|重点任务                      |牵头单位 |配合单位       |完成时限|
|1   |开展臭氧污染防治攻坚，完成挥发|市生态环 |市工业和信息化 |2024年12|
|    |性有机物治理项目30个，中心城区|境局     |局、市住房和城 |月底    |
|    |空气质量优良天数比例达到85%以 |         |乡建设局、各县 |        |
|    |上                            |         |市区人民政府   |        |
|2   |推进湘江株洲段及重点支流水环境|市生态环 |市水利局、市农 |2024年12|
|    |综合治理，国省控断面水质优良率|境局     |业农村局       |月底    |
|    |保持100%                      |         |               |        |
|3   |加快城镇污水处理提质增效，新建|市住房和 |市城市管理和综 |2024年11|
|    |改造污水管网50公里            |城乡建设 |合执法局       |月底    |
|    |                              |局       |               |        |
|4   |强化土壤污染源头防控，受污染耕|市农业农 |市自然资源和规 |2024年12|
|    |地安全利用率达到93%以上       |村局     |划局、市生态环 |月底    |
|    |                              |         |境局           |        |



""", [
    [(L, "市生态环境局"), (S, "市工业和信息化局"), (S, "市住房和城乡建设局"), (S, "各县市区人民政府")],
    [(L, "市生态环境局"), (S, "市水利局"), (S, "市农业农村局")],
    [(L, "市住房和城乡建设局"), (S, "市城市管理和综合执法局")],
    [(L, "市农业农村局"), (S, "市自然资源和规划局"), (S, "市生态环境局")],
])

# antiword: the 牵头单位 cell merged down over rows 1–3 prints in row 1 only; rows 2 and 3 have their own 序号
# and an empty lead cell, which carries 市商务局 down.
P("antiword-merged-lead-cell", """

                  南昌市2024年促进消费扩容提质工作任务清单

为全面落实扩大内需战略，进一步激发消费潜力，制定本任务清单。

|序号|工作任务                      |牵头单位 |配合单位         |完成时间|
|1   |举办“消费提振年”系列促销活动10|市商务局 |市文化广电新闻出 |2024年12|
|    |0场以上，统筹发放文旅、汽车消 |         |版旅游局、市财政 |月      |
|    |费券                          |         |局               |        |
|2   |推动汽车以旧换新，落实新能源汽|         |市公安局交通管理 |2024年12|
|    |车购置补贴政策                |         |局、市财政局     |月      |
|3   |打造“夜南昌”消费品牌，新增夜间|         |市文化广电新闻出 |2024年10|
|    |消费集聚区5个                 |         |版旅游局、各县区 |月      |
|    |                              |         |人民政府         |        |
|4   |实施县域商业体系建设行动，新建|市农业农 |市商务局、市供销 |2024年11|
|    |改造乡镇商贸中心20个          |村局     |合作社           |月      |



""", [
    [(L, "市商务局"), (S, "市文化广电新闻出版旅游局"), (S, "市财政局")],
    [(L, "市商务局"), (S, "市公安局交通管理局"), (S, "市财政局")],
    [(L, "市商务局"), (S, "市文化广电新闻出版旅游局"), (S, "各县区人民政府")],
    [(L, "市农业农村局"), (S, "市商务局"), (S, "市供销合作社")],
])

# antiword: a lone 责任单位 column whose lists wrap over three or four lines of the row; one unit leads, several
# are jointly responsible, （牵头） inside the cell marks the lead.
P("antiword-lone-responsibility-column", """

                     衡阳县2024年教育重点工作责任分解表

为推动全县教育事业高质量发展，现将2024年教育重点工作分解如下。

|序号|工作任务                        |责任单位      |完成时限 |
|1   |新建西渡镇第三小学，新增学位1800|县教育局、县自|2024年8月|
|    |个                              |然资源局、县住|底       |
|    |                                |房和城乡建设局|         |
|    |                                |、西渡镇人民政|         |
|    |                                |府            |         |
|2   |落实义务教育“双减”政策，实现课后|县教育局      |2024年12 |
|    |服务全覆盖                      |              |月底     |
|3   |实施农村学校教师周转房建设项目  |县教育局（牵头|2024年10 |
|    |                                |）、县财政局、|月底     |
|    |                                |县发展和改革局|         |
|4   |加强校园及周边安全综合治理      |县公安局、县教|长期坚持 |
|    |                                |育局、县市场监|         |
|    |                                |督管理局按职责|         |
|    |                                |分工负责      |         |



""", [
    [(R, "县教育局"), (R, "县自然资源局"), (R, "县住房和城乡建设局"), (R, "西渡镇人民政府")],
    [(L, "县教育局")],
    [(L, "县教育局"), (S, "县财政局"), (S, "县发展和改革局")],
    [(R, "县公安局"), (R, "县教育局"), (R, "县市场监督管理局")],
])

# antiword hard-wraps body text at its line width, paragraphs a blank line apart: notes run over two lines,
# cut inside a unit's name or after its 、.
P("antiword-body-wrapped-notes", """

                遂宁市2024年全面推进乡村振兴重点任务分工方案

为全面贯彻落实中央和省委农村工作会议精神，扎实推进乡村全面振兴，现就2024年重
点任务分工如下。

一、确保粮食安全和重要农产品稳定供给

（一）稳定粮食播种面积。全市粮食播种面积稳定在330万亩以上，产量稳定在135万吨
以上，新建高标准农田12万亩。（牵头单位：市农业农村局；配合单位：市发展改革委
、市财政局、市自然资源和规划局、各县（市、区）人民政府）

（二）抓好生猪稳产保供。生猪出栏稳定在320万头左右，落实能繁母猪存栏调控。（牵
头单位：市农业农村局；配合单位：市商务局、市市场监管局）

二、持续巩固拓展脱贫攻坚成果

（三）健全防止返贫动态监测和帮扶机制。对监测对象做到应纳尽纳、应帮尽帮，守住
不发生规模性返贫底线。（牵头单位：市乡村振兴局；配合单位：市民政局、市医保局
、市教育局、市住房城乡建设局）

（四）促进脱贫人口稳岗就业。脱贫人口务工规模稳定在12万人以上。（市人力资源社
会保障局、市乡村振兴局按职责分工负责）


""", [
    [(L, "市农业农村局"), (S, "市发展改革委"), (S, "市财政局"), (S, "市自然资源和规划局"), (S, "各县（市、区）人民政府")],
    [(L, "市农业农村局"), (S, "市商务局"), (S, "市市场监管局")],
    [(L, "市乡村振兴局"), (S, "市民政局"), (S, "市医保局"), (S, "市教育局"), (S, "市住房城乡建设局")],
    [(R, "市人力资源社会保障局"), (R, "市乡村振兴局")],
])

# antiword: a two-row header whose 责任单位 cell spans 牵头单位 / 配合单位, and category rows spanning the whole
# width (|一、扩大有效投资 …|), which are no measures.
P("antiword-spanned-header-category-rows", """

                    常德市2024年重点项目建设推进任务分工

为加快推进全市重点项目建设，确保完成年度投资目标，现将重点任务分工如下。

|序号|重点任务                      |责任单位                  |完成时限|
|    |                              |牵头单位   |配合单位       |        |
|一、扩大有效投资                                                        |
|1   |推进常益长高铁常德段配套工程建|市发展和改 |市交通运输局、 |2024年12|
|    |设，完成年度投资8亿元         |革委员会   |武陵区人民政府 |月      |
|2   |加快沅江流域防洪能力提升工程建|市水利局   |市财政局、鼎城 |2024年11|
|    |设                            |           |区人民政府     |月      |
|二、培育壮大产业                                                        |
|3   |实施“十百千”工业培育工程，新增|市工业和信 |市统计局、各区 |2024年12|
|    |规模以上工业企业120家         |息化局     |县（市）人民政 |月      |
|    |                              |           |府             |        |
|4   |推动装备制造等产业链延链补链，|市商务局   |市工业和信息化 |2024年12|
|    |引进产业链项目30个            |           |局             |月      |



""", [
    [(L, "市发展和改革委员会"), (S, "市交通运输局"), (S, "武陵区人民政府")],
    [(L, "市水利局"), (S, "市财政局"), (S, "鼎城区人民政府")],
    [(L, "市工业和信息化局"), (S, "市统计局"), (S, "各区县（市）人民政府")],
    [(L, "市商务局"), (S, "市工业和信息化局")],
])

# antiword: a lone 责任单位 column wrapped over several lines, with a first-listed rule in the note under the
# table: the first unit of each list leads, the others support.
P("antiword-first-listed-note-under-table", """

                   肥东县2024年安全生产重点工作任务分解表

为切实防范化解重大安全风险，坚决遏制重特大事故发生，现将2024年安全生产重点工
作任务分解如下。

|序号|重点工作                      |责任单位         |完成时限 |
|1   |开展城镇燃气安全专项整治，全面|县住房城乡建设局 |2024年6月|
|    |排查整治餐饮场所燃气安全隐患  |、县市场监管局、 |底       |
|    |                              |县消防救援大队、 |         |
|    |                              |各乡镇人民政府   |         |
|2   |深化道路交通安全“减量控大”，整|县公安局交警大队 |2024年12 |
|    |治重点路段安全隐患            |、县交通运输局   |月底     |
|3   |强化危险化学品全链条安全监管  |县应急管理局     |2024年12 |
|    |                              |                 |月底     |
|4   |推进自建房安全专项整治，完成经|县住房城乡建设局 |2024年9月|
|    |营性自建房隐患整治销号        |、各乡镇人民政府 |底       |
|    |                              |、县自然资源和规 |         |
|    |                              |划局             |         |


注：责任单位中排在第一位的为牵头单位，其他为配合单位。


""", [
    [(L, "县住房城乡建设局"), (S, "县市场监管局"), (S, "县消防救援大队"), (S, "各乡镇人民政府")],
    [(L, "县公安局交警大队"), (S, "县交通运输局")],
    [(L, "县应急管理局")],
    [(L, "县住房城乡建设局"), (S, "各乡镇人民政府"), (S, "县自然资源和规划局")],
])

# antiword prints neither Word's automatic numbers (一、 / （一）) nor its Wingdings bullets: headings and items
# are bare paragraphs a blank line apart, hard-wrapped, notes cut over lines.
P("antiword-auto-numbers-and-bullets-dropped", """

                      延平区2024年林业重点工作任务分解

为深入推进林业高质量发展，现将2024年林业重点工作任务分解如下，请各责任单位认
真抓好落实。

深化集体林权制度改革

推广“林票”制度，全年新增林票发行面积2万亩，惠及林农3000户以上。（牵头单位：区
林业局；配合单位：区财政局、各乡镇（街道））

开展林业碳汇项目开发，完成林业碳汇交易量10万吨。（牵头单位：区林业局；配合单
位：区发展和改革局、南平市延平生态环境局）

加强森林资源保护

全面落实林长制，常态化开展区、乡、村三级林长巡林护林。（责任单位：区林长办）


加强森林防火，森林火灾受害率控制在0.9‰以内。（区林业局、区应急管理局、区消防
救援大队按职责分工负责）


""", [
    [(L, "区林业局"), (S, "区财政局"), (S, "各乡镇（街道）")],
    [(L, "区林业局"), (S, "区发展和改革局"), (S, "南平市延平生态环境局")],
    [(L, "区林长办")],
    [(R, "区林业局"), (R, "区应急管理局"), (R, "区消防救援大队")],
])


# ===============================================================================================
# C. catdoc (.doc) and LibreOffice's text export
# ===============================================================================================

# catdoc -w (.doc, no wrapping): one line a row, cells set apart by tabs, paragraphs one a line, no blank lines
# (catdoc garbled this LibreOffice-written .doc here; the text is printed in catdoc -w's form).
P("catdoc-tab-separated-rows", """
曲靖市2024年稳就业工作任务分工
为全力稳定和扩大就业，现将2024年稳就业重点工作任务分工如下，请各牵头单位会同配合单位抓好落实。
序号\t工作任务\t牵头单位\t配合单位\t完成时限
1\t城镇新增就业5.5万人，城镇调查失业率控制在5.5%以内\t市人力资源社会保障局\t市发展改革委、市统计局\t2024年12月
2\t开展高校毕业生就业服务“百日冲刺”行动\t市人力资源社会保障局\t市教育体育局、团市委\t2024年8月
3\t落实创业担保贷款贴息政策，全年发放创业担保贷款15亿元\t市财政局\t市人力资源社会保障局、中国人民银行曲靖市分行\t2024年12月
4\t新增农村劳动力转移就业3万人，其中脱贫劳动力1万人\t市农业农村局\t市人力资源社会保障局、市乡村振兴局\t2024年12月

""", [
    [(L, "市人力资源社会保障局"), (S, "市发展改革委"), (S, "市统计局")],
    [(L, "市人力资源社会保障局"), (S, "市教育体育局"), (S, "团市委")],
    [(L, "市财政局"), (S, "市人力资源社会保障局"), (S, "中国人民银行曲靖市分行")],
    [(L, "市农业农村局"), (S, "市人力资源社会保障局"), (S, "市乡村振兴局")],
])

# catdoc with its default wrapping: body text broken at the line width, table rows a blank line apart, a row's
# cells partly on lines of their own where a long cell was wrapped (the tab before the next cell turned into a
# line break), cells in order.
P("catdoc-wrapped-rows", """
东营区2024年城市更新重点任务分解

为扎实推进城市更新行动，提升城市功能品质，现将202
4年重点任务分解如下。

序号\t重点任务\t牵头单位\t配合单位

1
实施老旧小区改造，全年改造老旧小区25个、惠及居民6
800户，同步推进既有住宅加装电梯\t区住房城乡建设局
区财政局、各街道办事处

2\t推进城区雨污分流改造，新建改造雨污管网35公里
区住房城乡建设局\t区水务局、区城市管理局

3\t推动城市更新片区开发，完成西城片区土地征收
区自然资源局\t区住房城乡建设局、文汇街道办事处




""", [
    [(L, "区住房城乡建设局"), (S, "区财政局"), (S, "各街道办事处")],
    [(L, "区住房城乡建设局"), (S, "区水务局"), (S, "区城市管理局")],
    [(L, "区自然资源局"), (S, "区住房城乡建设局"), (S, "文汇街道办事处")],
])

# catdoc -w: cells set apart by tabs, but a cell holding two paragraphs breaks its row's line, so a row runs
# over two or three lines (task title / task body; support units one a paragraph).
P("catdoc-cell-paragraphs-split-row", """
嘉善县2024年长三角生态绿色一体化发展示范区建设重点任务分工
为高水平推进示范区建设，现将2024年重点任务分工如下。
序号\t重点任务\t牵头单位\t配合单位\t完成时限
1\t推进水乡客厅建设
加快方厅水院等标志性项目建设，年内主体结构完工\t县发改局\t县建设局
西塘镇人民政府\t2024年12月底
2\t深化跨域一体化制度创新
复制推广示范区制度创新成果10项以上\t县发改局\t县市场监管局
县行政审批局\t2024年12月底
3\t推进祥符荡科创绿谷建设
引进高层次人才团队15个\t县科技局\t县人力社保局\t2024年11月底
4\t开展沪嘉城际铁路前期工作\t县交通运输局\t县自然资源和规划局
县财政局\t2024年12月底


""", [
    [(L, "县发改局"), (S, "县建设局"), (S, "西塘镇人民政府")],
    [(L, "县发改局"), (S, "县市场监管局"), (S, "县行政审批局")],
    [(L, "县科技局"), (S, "县人力社保局")],
    [(L, "县交通运输局"), (S, "县自然资源和规划局"), (S, "县财政局")],
])

# LibreOffice text export (soffice --convert-to txt): a byte-order mark, one cell a line with no blank lines,
# a merged-down lead cell as an empty line that carries 区经信局 down.
P("libreoffice-cell-per-line-blank-merged", """
\ufeff鄞州区2024年数字经济发展重点任务清单
为加快建设数字经济强区，现将2024年重点任务清单印发如下。
序号
重点任务
牵头单位
配合单位
完成时间
1
新建5G基站800个，实现重点区域5G网络深度覆盖
区经信局
区住建局、各镇（街道）
2024年12月
2
培育省级工业互联网平台2个，实施智能化改造项目80项

区科技局、区财政局
2024年12月
3
推进数据要素市场化配置改革，开展公共数据授权运营试点
区大数据中心
区发改局
2024年10月
4
引育数字经济核心产业企业，新增规上数字经济核心产业企业20家
区商务局
区经信局、区市场监管局
2024年12月


""", [
    [(L, "区经信局"), (S, "区住建局"), (S, "各镇（街道）")],
    [(L, "区经信局"), (S, "区科技局"), (S, "区财政局")],
    [(L, "区大数据中心"), (S, "区发改局")],
    [(L, "区商务局"), (S, "区经信局"), (S, "区市场监管局")],
])

# LibreOffice text export keeps Word's automatic numbering as text, indented, with a space after the label
# (    一、 … /     （一） …); the （一）… items carry the notes and run on across headings.
P("libreoffice-list-labels-kept", """
\ufeff开封市2024年《政府工作报告》重点任务分工方案
为确保《政府工作报告》确定的各项目标任务落到实处，现将重点任务分工如下：
    一、 聚力扩大有效需求
    （一） 谋划实施省市重点项目600个以上，完成年度投资1800亿元以上。（牵头单位：市发展改革委；配合单位：市自然资源和规划局、各县区人民政府）
    （二） 社会消费品零售总额增长6.5%。（牵头单位：市商务局）
    二、 聚力保障改善民生
    （三） 新增城镇就业4.5万人。（责任单位：市人力资源社会保障局）
    （四） 完成城镇老旧小区改造120个。（牵头单位：市住房城乡建设局；配合单位：市财政局、市自然资源和规划局）
    三、 强化组织保障
各牵头单位要逐项制定工作方案，明确时间节点，确保按期完成。

""", [
    [(L, "市发展改革委"), (S, "市自然资源和规划局"), (S, "各县区人民政府")],
    [(L, "市商务局")],
    [(L, "市人力资源社会保障局")],
    [(L, "市住房城乡建设局"), (S, "市财政局"), (S, "市自然资源和规划局")],
])

# LibreOffice text export of a Word list bulleted in Wingdings: the bullet prints as •, indented.
P("libreoffice-wingdings-bullets-as-dots", """
\ufeff柳州市2024年推动汽车产业高质量发展工作要点
为巩固提升汽车产业优势，加快新能源汽车产业发展，现提出2024年工作要点如下。
一、重点任务
    • 推动新能源汽车产销增长，全年新能源汽车产量达到70万辆。（牵头单位：市工业和信息化局；配合单位：市发展改革委、市统计局）
    • 建设汽车零部件产业园，引进零部件配套企业20家。（牵头单位：市投资促进局；配合单位：柳东新区管委会）
    • 完善新能源汽车充换电基础设施，新建公共充电桩3000个。（责任单位：市住房城乡建设局）
    • 开展新能源汽车下乡活动，新能源汽车销量增长15%。（市商务局、市工业和信息化局按职责分工负责）
二、保障措施
各责任单位要加强协调配合，每季度末向市工业和信息化局报送工作进展。

""", [
    [(L, "市工业和信息化局"), (S, "市发展改革委"), (S, "市统计局")],
    [(L, "市投资促进局"), (S, "柳东新区管委会")],
    [(L, "市住房城乡建设局")],
    [(R, "市商务局"), (R, "市工业和信息化局")],
])

# LibreOffice text export of a plan holding a target table (one cell a line, a lone 责任单位 column) and then
# noted items: both parts are coded.
P("libreoffice-target-table-then-tasks", """
\ufeff玉溪市2024年经济社会发展主要目标和重点任务分解
为确保完成全年经济社会发展目标任务，现将主要目标和重点任务分解如下。
一、主要预期目标
序号
指标名称
目标值
责任单位
1
地区生产总值增长
6.5%左右
市发展改革委、市统计局
2
一般公共预算收入增长
5%
市财政局
3
城镇新增就业
2.6万人
市人力资源社会保障局
二、重点工作任务
（一）加快推进新型工业化。新增规上工业企业60户，工业投资增长15%。（牵头单位：市工业和信息化局；配合单位：市发展改革委、各县（市、区）人民政府）
（二）持续深化“放管服”改革。政务服务事项“一网通办”率达到90%以上。（牵头单位：市政务服务管理局）

""", [
    [(R, "市发展改革委"), (R, "市统计局")],
    [(L, "市财政局")],
    [(L, "市人力资源社会保障局")],
    [(L, "市工业和信息化局"), (S, "市发展改革委"), (S, "各县（市、区）人民政府")],
    [(L, "市政务服务管理局")],
])


# ===============================================================================================
# D. pandoc -t plain (.docx)
# ===============================================================================================

# pandoc -t plain (pandoc 2.17): a multiline table, dashed rules above and below, a dashed line under the
# header, columns set by spaces, rows a blank line apart.
P("pandoc-multiline-table", """
绵阳市2024年科技创新重点任务分工

为深入实施创新驱动发展战略，加快建设中国（绵阳）科技城，现将2024年科技创新重点任务分工如下。

  ----------------------------------------------------------------------------------------------------------------------------------------------
  序号   重点任务                                                   牵头单位         配合单位                                     完成时限
  ------ ---------------------------------------------------------- ---------------- -------------------------------------------- --------------
  1      高新技术企业数量达到900家，科技型中小企业入库1500家        市科技局         市经济和信息化局、国家税务总局绵阳市税务局   2024年12月底

  2      推进中国（绵阳）科技城科技创新先行区建设                   市科技城管委会   市发展改革委、涪城区人民政府                 2024年12月底

  3      实施科技成果转化行动，技术合同成交额突破200亿元            市科技局         市教育和体育局                               2024年12月底

  4      落实研发费用加计扣除政策，全社会研发投入强度保持在7%以上   市科技局         国家税务总局绵阳市税务局、市统计局           2024年12月底
  ----------------------------------------------------------------------------------------------------------------------------------------------

""", [
    [(L, "市科技局"), (S, "市经济和信息化局"), (S, "国家税务总局绵阳市税务局")],
    [(L, "市科技城管委会"), (S, "市发展改革委"), (S, "涪城区人民政府")],
    [(L, "市科技局"), (S, "市教育和体育局")],
    [(L, "市科技局"), (S, "国家税务总局绵阳市税务局"), (S, "市统计局")],
])

# pandoc -t plain (pandoc 2.17): a cell with two paragraphs makes a grid table (+---+ rules, | cells, === under
# the header); letter-spaced header cells and unit names wrap inside their narrow columns, breaking names.
P("pandoc-grid-table-wrapped-cjk", """
晋江市2024年制造业高质量发展重点任务分工

为加快建设现代化产业体系，推动制造业高质量发展，现将2024年重点任务分工如下。

+----+-------------------------------------+---------+---------------+
| 序 | 重 点 任 务                         | 牵 头   | 配 合 单 位   |
| 号 |                                     | 单 位   |               |
+====+=====================================+=========+===============+
| 1  | 实施制造                            | 市      | 市发改        |
|    | 业技改提升行动，完成技改投资300亿元 | 工信局  | 局、市财政局  |
|    |                                     |         |               |
|    | 新增智能化改造示范企业20家          |         |               |
+----+-------------------------------------+---------+---------------+
| 2  | 培育专精特新企业                    | 市      | 市科技局、    |
|    | ，新增国家级专精特新“小巨人”企业5家 | 工信局  | 市市场监管局  |
+----+-------------------------------------+---------+---------------+
| 3  | 推动纺织鞋服产业数字                | 市      | 市商务局、    |
|    | 化转型，建设行业级工业互联网平台2个 | 工信局  | 市数据管理局  |
+----+-------------------------------------+---------+---------------+
| 4  | 建设晋江国际鞋纺城物流园区          | 市交通  | 市商务局、陈  |
|    |                                     | 运输局  | 埭镇人民政府  |
+----+-------------------------------------+---------+---------------+

""", [
    [(L, "市工信局"), (S, "市发改局"), (S, "市财政局")],
    [(L, "市工信局"), (S, "市科技局"), (S, "市市场监管局")],
    [(L, "市工信局"), (S, "市商务局"), (S, "市数据管理局")],
    [(L, "市交通运输局"), (S, "市商务局"), (S, "陈埭镇人民政府")],
])

# pandoc -t plain (pandoc 3.9): a grid table whose merged cells span rows (no +---+ rule across them): the lead
# cell of rows 1–2 and both unit cells of rows 3–4, carried down.
P("pandoc3-grid-table-rowspans", """
芜湖市2024年城市管理重点工作任务分工

为持续提升城市精细化管理水平，现将2024年城市管理重点工作任务分工如下。

+------+-----------------------------------------------------+--------------+----------------------------+------------+
| 序号 | 重点任务                                            | 牵头单位     | 配合单位                   | 完成时限   |
+======+=====================================================+==============+============================+============+
| 1    | 推进城市生活垃圾分类，全市生活垃圾回收利用率达到40% | 市城市管理局 | 市商务局、各县市区人民政府 | 2024年12月 |
+------+-----------------------------------------------------+              +----------------------------+------------+
| 2    | 开展城市道路“微改造”，改造提升背街小巷40条          |              | 市住房城乡建设局、市财政局 | 2024年11月 |
+------+-----------------------------------------------------+--------------+----------------------------+------------+
| 3    | 加强城市户外广告和招牌设施管理                      | 市城市管理局 | 市市场监管局、市公安局     | 2024年9月  |
+------+-----------------------------------------------------+              |                            +------------+
| 4    | 整治城市道路挖掘和违规占道施工                      |              |                            | 2024年10月 |
+------+-----------------------------------------------------+--------------+----------------------------+------------+

""", [
    [(L, "市城市管理局"), (S, "市商务局"), (S, "各县市区人民政府")],
    [(L, "市城市管理局"), (S, "市住房城乡建设局"), (S, "市财政局")],
    [(L, "市城市管理局"), (S, "市市场监管局"), (S, "市公安局")],
    [(L, "市城市管理局"), (S, "市市场监管局"), (S, "市公安局")],
])

# pandoc -t plain (pandoc 2.17): Word's 一、 / （一） numbering read as ordered lists and written 1.  / 2.  / 3.  with two
# spaces, each run of paragraphs a list of its own, so headings and items both read 1., 2. …; blank lines between.
P("pandoc-auto-numbering-renumbered", """
章贡区2024年优化营商环境攻坚行动任务清单

为持续打造市场化、法治化、国际化一流营商环境，现将2024年攻坚行动任务清单印发如下。

1.  提升政务服务效能

1.  推行“高效办成一件事”，年内实现13个重点事项集成办理。（牵头单位：区行政审批局；配合单位：区直各有关单位）

2.  深化“一窗通办”改革，综合窗口受理率达到95%。（责任单位：区政务服务中心）

2.  优化法治化营商环境

3.  开展涉企行政执法专项监督，规范涉企行政检查。（牵头单位：区司法局；配合单位：区市场监管局、区城市管理局）

4.  健全企业诉求“直通车”机制，企业诉求办结率达到98%以上。（区工商联、区营商办按职责分工负责）

""", [
    [(L, "区行政审批局"), (S, "区直各有关单位")],
    [(L, "区政务服务中心")],
    [(L, "区司法局"), (S, "区市场监管局"), (S, "区城市管理局")],
    [(R, "区工商联"), (R, "区营商办")],
])

# pandoc -t plain (pandoc 3.9): Wingdings ◆ bullets written as - and circled ① ② as 1.  2.; typed section
# numbers (一、) kept as text.
P("pandoc3-bullets-and-circled-numbers", """
荆门市2024年农业农村重点工作要点

为全面推进乡村振兴，加快建设农业强市，现将2024年农业农村重点工作要点印发如下。

一、稳定粮食生产

- 全年粮食播种面积稳定在590万亩以上，总产量稳定在61亿斤以上。（牵头单位：市农业农村局；配合单位：市发改委、市财政局）

- 新建高标准农田25万亩。（牵头单位：市农业农村局；配合单位：市自然资源和规划局、市水利和湖泊局）

二、推进乡村建设

1.  实施农村公路提档升级工程，新改建农村公路800公里。（责任单位：市交通运输局）

2.  推进农村供水保障工程，农村自来水普及率达到98%以上。（市水利和湖泊局牵头，各县（市、区）人民政府配合）

""", [
    [(L, "市农业农村局"), (S, "市发改委"), (S, "市财政局")],
    [(L, "市农业农村局"), (S, "市自然资源和规划局"), (S, "市水利和湖泊局")],
    [(L, "市交通运输局")],
    [(L, "市水利和湖泊局"), (S, "各县（市、区）人民政府")],
])


# ===============================================================================================
# E. Spreadsheets saved as CSV / tab-delimited text, xls2csv
# ===============================================================================================

# a sheet saved as CSV: a title row padded with commas, a header over two rows (责任单位 over 牵头单位 / 配合单位,
# merged cells left empty), a quoted cell holding a line break, 序号 as bare numbers.
P("csv-title-row-two-row-header", """
泸州市2024年重点民生实事任务分解表,,,,
序号,实事项目,责任单位,,完成时限
,,牵头单位,配合单位,
1,"新建城市社区嵌入式养老服务设施20个
新增养老床位1000张",市民政局,市财政局、市住房城乡建设局,2024年12月
2,为全市适龄妇女免费开展“两癌”筛查5万人,市卫生健康委,市妇联,2024年11月
3,改造提升农贸市场15个,市商务局,市市场监管局、各区县人民政府,2024年12月
4,新增城市公共停车泊位8000个,市住房城乡建设局,市公安局、市自然资源和规划局,2024年12月

""", [
    [(L, "市民政局"), (S, "市财政局"), (S, "市住房城乡建设局")],
    [(L, "市卫生健康委"), (S, "市妇联")],
    [(L, "市商务局"), (S, "市市场监管局"), (S, "各区县人民政府")],
    [(L, "市住房城乡建设局"), (S, "市公安局"), (S, "市自然资源和规划局")],
])

# CSV of a sheet with merged cells: the 类别 column and the 牵头单位 column are filled in the merged range's
# first row only and empty below (,,); the empty lead cells carry the lead down.
P("csv-merged-cells-blank-below", """
沛县2024年乡村振兴重点任务清单,,,,,
类别,序号,重点任务,牵头单位,配合单位,完成时限
产业振兴,1,新建高标准农田5万亩,县农业农村局,县财政局、县自然资源和规划局,2024年10月
,2,培育市级以上农业产业化龙头企业5家,,县商务局,2024年12月
,3,发展农村电商，农产品网络销售额增长15%,县商务局,县邮政分公司、各镇人民政府,2024年12月
生态振兴,4,推进农村生活污水治理，行政村生活污水治理率达到55%,徐州市沛县生态环境局,县住房和城乡建设局、各镇人民政府,2024年12月
,5,开展农村人居环境整治“百日攻坚”行动,,县农业农村局、县城市管理局,2024年9月

""", [
    [(L, "县农业农村局"), (S, "县财政局"), (S, "县自然资源和规划局")],
    [(L, "县农业农村局"), (S, "县商务局")],
    [(L, "县商务局"), (S, "县邮政分公司"), (S, "各镇人民政府")],
    [(L, "徐州市沛县生态环境局"), (S, "县住房和城乡建设局"), (S, "各镇人民政府")],
    [(L, "徐州市沛县生态环境局"), (S, "县农业农村局"), (S, "县城市管理局")],
])

# a sheet saved as tab-delimited text: cells set apart by tabs, a quoted cell holding a line break, a 牵头市领导
# column of persons (officials, not coded), a 牵头单位 column beside a 责任单位 column that writes the lead again.
P("tsv-tab-delimited-text", """
昆山市2024年重点工作目标任务分解表\t\t\t\t
序号\t工作目标\t牵头市领导\t牵头单位\t责任单位
1\t地区生产总值增长5.5%左右\t张建国\t市发改委\t市发改委、市统计局、各区镇
2\t一般公共预算收入增长3%\t李文华\t市财政局\t市税务局
3\t"规上工业总产值增长6%
高新技术产业产值占比达到53%"\t周立新\t市工信局\t市科技局、市统计局
4\t实际使用外资18亿美元\t陈思远\t市商务局\t各区镇、昆山开发区管委会

""", [
    [(L, "市发改委"), (S, "市统计局"), (S, "各区镇")],
    [(L, "市财政局"), (S, "市税务局")],
    [(L, "市工信局"), (S, "市科技局"), (S, "市统计局")],
    [(L, "市商务局"), (S, "各区镇"), (S, "昆山开发区管委会")],
])

# catdoc's xls2csv (.xls): every cell quoted, numbers too, sheets one after another, each closed by a form feed;
# sheet 1 a target table with a lone 责任单位 column, sheet 2 a task table with 牵头单位 / 配合单位.
P("xls2csv-all-quoted-two-sheets", """
"枣庄市2024年主要经济指标和重点任务分解",,,
"序号","指标名称","目标值","责任单位"
"1","地区生产总值增长","6%左右","市发展改革委、市统计局"
"2","固定资产投资增长","8%","市发展改革委"
"3","城乡居民人均可支配收入增长","6.5%","市统计局、市人力资源社会保障局、市农业农村局"
\f"序号","重点任务","牵头单位","配合单位"
"1","推进锂电产业高地建设，锂电产业营业收入突破1000亿元","市工业和信息化局","市发展改革委、枣庄高新区管委会"
"2","加快鲁南高铁配套工程建设","市交通运输局","市自然资源和规划局"
"3","举办“枣庄消费季”系列活动","市商务局","市财政局、各区（市）人民政府"
\f
""", [
    [(R, "市发展改革委"), (R, "市统计局")],
    [(L, "市发展改革委")],
    [(R, "市统计局"), (R, "市人力资源社会保障局"), (R, "市农业农村局")],
    [(L, "市工业和信息化局"), (S, "市发展改革委"), (S, "枣庄高新区管委会")],
    [(L, "市交通运输局"), (S, "市自然资源和规划局")],
    [(L, "市商务局"), (S, "市财政局"), (S, "各区（市）人民政府")],
])

# Excel's “CSV UTF-8”: a byte-order mark, every row padded to the used range (an empty 备注 column, two empty
# formatted rows at the end printed as bare commas).
P("csv-bom-trailing-empty-columns", """
\ufeff青白江区2024年国际铁路港建设重点任务表,,,,,
序号,工作任务,牵头单位,配合单位,完成时限,备注
1,拓展中欧班列（成渝）国际线路，全年开行班列1500列,区口岸物流办,区商务局、成都国际铁路港管委会,2024年12月,
2,推进铁路港综合保税区扩区建设,区商务局,区发改局、区规划和自然资源局,2024年11月,已纳入省重点项目
3,建设国际多式联运枢纽，新增海铁联运线路2条,区口岸物流办,区交通运输局,2024年12月,
4,培育外贸新业态，跨境电商交易额增长20%,区商务局,区经科信局、区税务局,2024年12月,
,,,,,
,,,,,

""", [
    [(L, "区口岸物流办"), (S, "区商务局"), (S, "成都国际铁路港管委会")],
    [(L, "区商务局"), (S, "区发改局"), (S, "区规划和自然资源局")],
    [(L, "区口岸物流办"), (S, "区交通运输局")],
    [(L, "区商务局"), (S, "区经科信局"), (S, "区税务局")],
])

# CSV: unit lists typed with half-width commas, so the cells are quoted ("A,B,C"); role words inside the lone
# 责任单位 cell (牵头：A；配合：B / A（牵头）,B / …按职责分工负责).
P("csv-commas-and-role-words-in-cells", """
邵阳市2024年文化旅游融合发展重点任务,,,
序号,重点任务,责任单位,完成时限
1,推进崀山景区提质升级，创建国家级旅游度假区,"牵头：市文化旅游广电体育局；配合：市发展改革委,市自然资源和规划局,新宁县人民政府",2024年12月
2,举办湘西南旅游发展大会,"市文化旅游广电体育局（牵头）,市委宣传部,市财政局",2024年9月
3,推进非物质文化遗产保护传承，新建非遗工坊10个,市文化旅游广电体育局,2024年12月
4,开展旅游市场秩序专项整治,"市市场监管局,市公安局,市文化旅游广电体育局按职责分工负责",2024年10月

""", [
    [(L, "市文化旅游广电体育局"), (S, "市发展改革委"), (S, "市自然资源和规划局"), (S, "新宁县人民政府")],
    [(L, "市文化旅游广电体育局"), (S, "市委宣传部"), (S, "市财政局")],
    [(L, "市文化旅游广电体育局")],
    [(R, "市市场监管局"), (R, "市公安局"), (R, "市文化旅游广电体育局")],
])

# CSV of a rectification list: a 说明 row under the title states the first-listed rule for the lone 责任单位
# column; a row names its problem and its measures in two cells and is one measure.
P("csv-first-listed-note-row", """
南湖区2024年生态环境问题整改任务清单,,,,
说明：责任单位中排在第一位的为牵头单位。,,,,
序号,问题描述,整改措施,责任单位,整改时限
1,部分河道存在垃圾漂浮物,开展河道保洁专项行动，建立巡河保洁常态化机制,区农业农村局、区住房城乡建设局、各镇（街道）,2024年6月底
2,餐饮油烟扰民投诉较多,开展餐饮油烟专项整治，督促安装油烟净化设施,区综合行政执法局、区市场监管局,2024年8月底
3,建筑工地扬尘管控不到位,落实工地扬尘“六个百分百”管控措施,区住房城乡建设局,2024年9月底
4,农业面源污染防治需加强,推进化肥农药减量增效，畜禽粪污综合利用率达到95%以上,区农业农村局、嘉兴市生态环境局南湖分局,2024年12月底

""", [
    [(L, "区农业农村局"), (S, "区住房城乡建设局"), (S, "各镇（街道）")],
    [(L, "区综合行政执法局"), (S, "区市场监管局")],
    [(L, "区住房城乡建设局")],
    [(L, "区农业农村局"), (S, "嘉兴市生态环境局南湖分局")],
])

# CSV with group rows (一、政务环境,,,: cells merged across the row, the text in the first) between the
# numbered rows; group rows are no measures.
P("csv-group-rows-between-rows", """
荆州市2024年营商环境对标提升任务清单,,,
序号,任务内容,牵头单位,配合单位
一、政务环境,,,
1,推行“一业一证”改革，拓展至30个行业,市行政审批局,市市场监管局
2,推进“互联网+监管”，实现“双随机、一公开”监管全覆盖,市市场监管局,市直各有关部门
二、法治环境,,,
3,开展涉企案件经济影响评估,市中级人民法院,市人民检察院、市公安局
4,规范涉企行政处罚自由裁量权,市司法局,市直各行政执法部门

""", [
    [(L, "市行政审批局"), (S, "市市场监管局")],
    [(L, "市市场监管局"), (S, "市直各有关部门")],
    [(L, "市中级人民法院"), (S, "市人民检察院"), (S, "市公安局")],
    [(L, "市司法局"), (S, "市直各行政执法部门")],
])


# ===============================================================================================
# F. WPS and Word copies: bullets and numbers
# ===============================================================================================

# a WPS copy pasted as plain text: Wingdings bullets turned into their letters (n = ■ headings, l = ●
# items), each followed by a tab; a closing remark with no bullet and no note.
P("wps-wingdings-letters-as-bullets", """
兰山区2024年城乡环境综合整治工作要点
为持续改善城乡人居环境，巩固全国文明城市创建成果，现将2024年城乡环境综合整治工作要点印发如下。
n\t城区环境整治
l\t开展主次干道“洁净行动”，实行道路机扫水洗全覆盖。（牵头单位：区城市管理局；配合单位：各街道办事处）
l\t规范沿街店铺经营秩序，集中整治占道经营、店外经营。（牵头单位：区综合行政执法局；配合单位：区市场监管局、各街道办事处）
n\t农村环境整治
l\t推进农村生活垃圾分类，实现行政村分类全覆盖。（牵头单位：区城市管理局；配合单位：区农业农村局、各镇人民政府）
l\t开展村庄清洁行动，清理农村残垣断壁和乱堆乱放。（责任单位：各镇人民政府）
各牵头单位要于每月25日前将工作开展情况报区城乡环境综合整治办公室。
""", [
    [(L, "区城市管理局"), (S, "各街道办事处")],
    [(L, "区综合行政执法局"), (S, "区市场监管局"), (S, "各街道办事处")],
    [(L, "区城市管理局"), (S, "区农业农村局"), (S, "各镇人民政府")],
    [(L, "各镇人民政府")],
])

# a WPS copy whose Wingdings bullets came out as private-use characters (U+F06E for ■ headings, U+F06C for ●
# items), each followed by a tab.
P("wps-private-use-bullets", """
东昌府区2024年食品安全重点工作任务分工
为全面提升食品安全治理能力，现将2024年食品安全重点工作任务分工如下。
\uf06e\t强化源头治理
\uf06c\t开展食用农产品“治违禁 控药残 促提升”行动，农产品质量安全例行监测合格率稳定在98%以上。（牵头单位：区农业农村局；配合单位：区市场监管局）
\uf06c\t加强粮食质量安全监管，开展库存粮食质量抽检。（责任单位：区发展和改革局）
\uf06e\t强化过程监管
\uf06c\t推进校园食品安全守护行动，学校食堂“互联网+明厨亮灶”覆盖率达到100%。（牵头单位：区教育和体育局；配合单位：区市场监管局、各镇（街道））
\uf06c\t开展农村集体聚餐食品安全风险防控。（区市场监管局、区卫生健康局按职责分工负责）
""", [
    [(L, "区农业农村局"), (S, "区市场监管局")],
    [(L, "区发展和改革局")],
    [(L, "区教育和体育局"), (S, "区市场监管局"), (S, "各镇（街道）")],
    [(R, "区市场监管局"), (R, "区卫生健康局")],
])

# a WPS copy keeping its ■ and ● bullets: ■ headings with label lines of their own (the heading is a measure)
# over ● items with their own notes.
P("wps-square-headings-with-label-lines", """
翠屏区2024年教育强区建设重点任务
为加快建设教育强区，办好人民满意的教育，现将2024年重点任务明确如下。
■ 扩充优质学位供给
牵头单位：区教育和体育局
配合单位：区发展和改革局、区财政局、区自然资源和规划局
● 新建翠屏区第二实验学校，新增学位2700个。（牵头单位：区教育和体育局；配合单位：区住房和城乡建设局）
● 改扩建公办幼儿园3所，新增学位900个。（责任单位：区教育和体育局）
■ 加强教师队伍建设
牵头单位：区教育和体育局
配合单位：区委编办、区人力资源和社会保障局
● 公开招聘中小学教师150名。（牵头单位：区人力资源和社会保障局；配合单位：区教育和体育局）
""", [
    [(L, "区教育和体育局"), (S, "区发展和改革局"), (S, "区财政局"), (S, "区自然资源和规划局")],
    [(L, "区教育和体育局"), (S, "区住房和城乡建设局")],
    [(L, "区教育和体育局")],
    [(L, "区教育和体育局"), (S, "区委编办"), (S, "区人力资源和社会保障局")],
    [(L, "区人力资源和社会保障局"), (S, "区教育和体育局")],
])

# a WPS copy whose Wingdings bullets came out as Latin letters: Ø (➢) and § (▪) headings, ü (✓) items.
P("wps-symbol-font-bullets-odd-letters", """
榆次区2024年招商引资重点任务分工
为深入推进招商引资“一号工程”，现将2024年重点任务分工如下。
Ø 精准开展产业链招商
ü 围绕新能源汽车、现代医药等产业链，全年引进亿元以上项目40个。（牵头单位：区投资促进中心；配合单位：区工业和信息化局、各乡镇（街道））
ü 举办产业链专题招商推介会6场以上。（牵头单位：区投资促进中心；配合单位：区商务局）
Ø 优化项目落地服务
ü 推行签约项目“全程代办”服务，签约项目开工率达到80%以上。（牵头单位：区行政审批服务管理局；配合单位：区自然资源局、区住房和城乡建设管理局）
§ 强化项目推进保障
ü 建立重点项目包联机制，实行“一个项目、一名领导、一个专班”。（责任单位：区发展和改革局）
""", [
    [(L, "区投资促进中心"), (S, "区工业和信息化局"), (S, "各乡镇（街道）")],
    [(L, "区投资促进中心"), (S, "区商务局")],
    [(L, "区行政审批服务管理局"), (S, "区自然资源局"), (S, "区住房和城乡建设管理局")],
    [(L, "区发展和改革局")],
])

# a WPS copy with ◆ headings (no notes) over paragraphs of points 一是…；二是…；三是…, each point with its own
# note: each point is a measure.
P("wps-diamond-headings-yishi-points", """
下陆区2024年安全生产和消防工作要点
为深入推进安全生产治本攻坚三年行动，现将2024年工作要点印发如下。
◆ 深化重点行业领域专项整治
一是强化危险化学品安全监管，开展储存场所安全隐患排查（区应急管理局牵头，区经信局配合）；二是开展燃气安全“扫码入户”专项排查（区住建局牵头，区市场监管局、各街道办事处配合）；三是深化道路交通安全整治（黄石市公安局下陆分局牵头，区交通运输局配合）。
◆ 夯实基层安全基础
一是推进消防站点建设，新建小型消防站2个（区消防救援大队负责）；二是开展安全生产宣传“五进”活动（区应急管理局负责）。
""", [
    [(L, "区应急管理局"), (S, "区经信局")],
    [(L, "区住建局"), (S, "区市场监管局"), (S, "各街道办事处")],
    [(L, "黄石市公安局下陆分局"), (S, "区交通运输局")],
    [(L, "区消防救援大队")],
    [(L, "区应急管理局")],
])

# a Word/WPS copy keeping its automatic numbers, each label followed by the tab Word puts after it (一、<TAB>,
# （一）<TAB>, 1.<TAB>); notes on the 1. level, headings above it without notes.
P("word-copy-number-labels-with-tabs", """
晋城市2024年“人工智能+”行动重点任务分工
为加快推动人工智能赋能实体经济，现将2024年重点任务分工如下。
一、\t夯实数字基础设施
（一）\t提升算力供给能力
1.\t建设晋城智算中心一期，新增算力规模500P。（牵头单位：市数据局；配合单位：市发展改革委、市工信局）
2.\t新建5G基站1200个。（牵头单位：市工信局；配合单位：中国铁塔晋城市分公司）
（二）\t推动数据资源开发利用
3.\t开展公共数据授权运营试点。（责任单位：市数据局）
二、\t拓展人工智能应用场景
4.\t在煤矿、钢铁等行业打造“AI+”应用场景20个。（市能源局、市工信局按职责分工负责）
""", [
    [(L, "市数据局"), (S, "市发展改革委"), (S, "市工信局")],
    [(L, "市工信局"), (S, "中国铁塔晋城市分公司")],
    [(L, "市数据局")],
    [(R, "市能源局"), (R, "市工信局")],
])
