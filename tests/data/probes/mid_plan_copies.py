"""Probe set mid_plan_copies: copies that start or stop partway into a plan.

A legal database (法搜网-style page 2, 3 …), a document-sharing site or a news repost often
gives only part of a plan: the page starts with the tail of an item whose heading is on the page
before, or with an item numbered 4、/（三）/五、 whose section heading is lost, and it may stop
in the middle of an item. Coded by the rules of tests/data/real_plans/README.md ("Coding rules",
"Decisions by the corpus editor"), and by the corpus's own coding of such a page
(guangdongmoushi_2008_zhian_zhengzhi: the fragment at the top, closed by 第4项工作由A、B负责，
C协助配合。, is one measure; several units 由…负责 are jointly `responsible` and 协助配合 beside
them `support`).

Rules relied on, besides the usual roles:
- a fragment at the top (sub-points (4)(5) of an item, or the last sentences of its text,
  even starting inside a word) counts as a measure only where its note is complete: a bracketed
  note, label lines, a sentence note, or a covering note naming its item by number (第4项…,
  以上第2—3项…); sub-points covered by one note are one measure (the item), sub-points each with
  their own note are measures each; 三是…；四是… points each with a note are measures each;
- a first-listed rule stated on a lost page is not in force in the copy: several units with no
  lead are `responsible`; a rule restated in the copy (…，下同) holds below it;
- notes by item number give their units to each item they name that names none of its own;
  an exception (其中第（六）项由C牵头) wins and keeps the roles it does not restate;
- where one note closes a heading's section and covers every item under it, none with its own,
  the heading is the measure (probe section-fully-covered-heading-is-measure);
- a copy cut off partway into its last item does not code that item (cut mid-sentence, inside
  its bracketed note, inside its label lines, inside its item-number note, inside a table row);
  complete items before the cut with no note, at the note-bearing level, are measures with no
  units; each such probe says in a comment which item was left out;
- page residue (a page title with its page number, 上一页/下一页, （续表）) and the tail of a
  preamble or of a 保障措施 section carry no measure; officials are never coded.

Forms avoided as not settled by the rules: a fragment with no note of its own (its note was
before the work on the lost page, or the covering note is lost), a page starting with a note
alone, a note starting with 上述 whose scope is unclear, an item cut after a complete sentence
note (hunan_2016 codes such an item), a complete-looking last item with no note, headings
without notes beside headings with notes at the same level.

Each probe: name, text (a small plan), expect (one list of (role, unit-as-written) pairs per
measure, in document order)."""

L, S, R = "lead", "support", "responsible"

PROBES = []


def P(name, text, expect):
    PROBES.append({"name": name, "text": text.strip("\n"), "expect": expect})


# =============================================================================================
# A. The page starts with the tail of an item, closed by its note
# =============================================================================================

# Sub-points (4)(5) of item 4 (its heading on the page before), closed by a covering note that
# names item 4 by number: one measure (item 4). Then items 5 and 6 in the same style, item 6
# with its title on a line of its own.
P("subpoints-tail-closed-by-item-number-note", """
（4）建立非法营运有奖举报制度，公布举报电话，鼓励市民积极举报，对举报属实、查获非法营运车辆的，按规定给予奖励。
（5）加大对火车站、汽车客运站周边“黑车”集中停靠点的巡查力度，对屡查屡犯的车辆依法从重处罚。
第4项工作由市交通运输局负责，市公安局、市城管局和各区协助配合。
5.开展消防和安全生产检查整治行动。针对易燃易爆物品集中单位、公众聚集场所、高层楼宇开展专项检查整治，对拒不整改或整改不力的单位，坚决予以查封或限令停业整顿，实现全年火灾事故“四项指标”稳中有降。
第5项工作由市消防救援支队负责，市应急管理局协助配合。
6.打击传销和变相传销活动
拓宽信息渠道，及时发现掌握传销信息和动向，重点打击查处传销大案要案，严惩传销活动的组织策划者和幕后指挥者，严厉打击网络传销活动。
第6项工作由市市场监管局负责，市公安局、市中级人民法院协助配合。
""", [
    [(L, "市交通运输局"), (S, "市公安局"), (S, "市城管局"), (S, "各区")],
    [(L, "市消防救援支队"), (S, "市应急管理局")],
    [(L, "市市场监管局"), (S, "市公安局"), (S, "市中级人民法院")],
])

# Half-width punctuation; the fragment is one sub-point (3); its note names several units
# 由…负责 (jointly responsible, as in guangdongmoushi_2008) with 协助配合 beside them.
P("subpoint-tail-joint-responsible-halfwidth", """
(3)对城中村、城乡结合部出租屋实行分类分级管理,全面落实出租屋治安责任书制度,责任书签订率达到100%。
第3项工作由市公安局、市住房城乡建设局和各区负责,市流动人口服务管理办公室协助配合。
4.深入开展校园及周边治安秩序整治。严厉打击侵害师生人身财产安全的违法犯罪活动,在中小学、幼儿园全面落实“护学岗”制度。
第4项工作由市公安局负责,市教育局协助配合。
5.开展道路交通秩序专项整治。集中整治酒驾醉驾、超速超载等严重交通违法行为,全年道路交通事故死亡人数下降5%。
第5项工作由市公安局交警支队负责,市交通运输局、市应急管理局协助配合。
""", [
    [(R, "市公安局"), (R, "市住房城乡建设局"), (R, "各区"), (S, "市流动人口服务管理办公室")],
    [(L, "市公安局"), (S, "市教育局")],
    [(L, "市公安局交警支队"), (S, "市交通运输局"), (S, "市应急管理局")],
])

# The page starts inside a word (…化改造) of item 3's last sentence, closed by its bracketed
# note: a measure. Item 6: two units each 牵头.
P("text-tail-from-midword-bracket-note", """
化改造，全年完成老旧小区改造42个，惠及居民1.2万户，同步推进既有住宅加装电梯120部。（市住房城乡建设局牵头，市财政局、市自然资源和规划局、各区人民政府配合）
4.推进城市排水防涝设施建设。新建改造雨水管网85公里，消除易涝积水点15处。（市水务局牵头，市住房城乡建设局、市城市管理局配合）
5.提升城市精细化管理水平。深化“一网统管”建设，推进背街小巷环境整治提升，年内完成整治200条。（市城市管理局牵头，各区人民政府配合）
6.加快公共停车设施建设。新增公共停车泊位5000个以上。（市城市管理局、市住房城乡建设局牵头，市公安局交警支队配合）
""", [
    [(L, "市住房城乡建设局"), (S, "市财政局"), (S, "市自然资源和规划局"), (S, "各区人民政府")],
    [(L, "市水务局"), (S, "市住房城乡建设局"), (S, "市城市管理局")],
    [(L, "市城市管理局"), (S, "各区人民政府")],
    [(L, "市城市管理局"), (L, "市住房城乡建设局"), (S, "市公安局交警支队")],
])

# The tail of item 7 closed by label lines; 各区、县级市人民政府 is one aggregate.
P("text-tail-label-lines-aggregate", """
站点，全年开展线上线下招聘活动200场以上，城镇新增就业2.5万人。
牵头单位：市人力资源社会保障局
配合单位：市财政局，各区、县级市人民政府
8.实施职业技能提升行动。全年开展补贴性职业技能培训5万人次，新增高技能人才1万人。
牵头单位：市人力资源社会保障局
配合单位：市教育局、市财政局
9.做好高校毕业生等重点群体就业工作。开发见习岗位3000个，离校未就业高校毕业生帮扶就业率达到90%以上。
牵头单位：市人力资源社会保障局
配合单位：市教育局、团市委
""", [
    [(L, "市人力资源社会保障局"), (S, "市财政局"), (S, "各区、县级市人民政府")],
    [(L, "市人力资源社会保障局"), (S, "市教育局"), (S, "市财政局")],
    [(L, "市人力资源社会保障局"), (S, "市教育局"), (S, "团市委")],
])

# Sub-points (3)(4) of item 2, each with its own note: measures each. Items 3 and 4 are titles
# over sub-points that each carry a note (group headings, no measures).
P("subpoints-tail-each-noted", """
（3）推进义务教育优质均衡发展，新建、改扩建中小学校12所，新增学位1.5万个。（县教育体育局牵头，县发展和改革局、县自然资源局配合）
（4）实施学前教育普及普惠提升工程，普惠性幼儿园覆盖率达到90%以上。（县教育体育局负责）
3.提升医疗卫生服务能力
（1）推进紧密型县域医共体建设，县域内就诊率达到90%。（县卫生健康局牵头，县医疗保障局、县财政局配合）
（2）加快推进医疗卫生重点项目建设，年内完成投资3亿元。（县卫生健康局、县住房和城乡建设局按职责分工负责）
4.健全多层次社会保障体系
（1）城乡居民基本养老保险参保率稳定在95%以上。（县人力资源和社会保障局负责）
（2）提高城乡低保标准，农村低保标准提高到每人每年6000元。（县民政局牵头，县财政局配合）
""", [
    [(L, "县教育体育局"), (S, "县发展和改革局"), (S, "县自然资源局")],
    [(L, "县教育体育局")],
    [(L, "县卫生健康局"), (S, "县医疗保障局"), (S, "县财政局")],
    [(R, "县卫生健康局"), (R, "县住房和城乡建设局")],
    [(L, "县人力资源和社会保障局")],
    [(L, "县民政局"), (S, "县财政局")],
])

# The page starts at 三是 of a run-in 一是…四是 paragraph; 三是 and 四是 each carry a note.
P("yishi-points-tail-each-noted", """
三是加快高标准农田建设，全年新建高标准农田3.5万亩（县农业农村局牵头，县财政局、县自然资源局配合）；四是抓好农田水利设施建设，完成小型水库除险加固5座（县水利局负责）。
（四）壮大乡村特色产业。做强茶叶、食用菌、中药材等特色产业，新培育市级以上农业产业化龙头企业3家。（县农业农村局牵头，县林业局、县商务局配合）
（五）深入推进农村人居环境整治。完成农村户厕改造3000户，行政村生活垃圾收运处置体系实现全覆盖。（县农业农村局、县住房和城乡建设局牵头，各乡镇人民政府配合）
""", [
    [(L, "县农业农村局"), (S, "县财政局"), (S, "县自然资源局")],
    [(L, "县水利局")],
    [(L, "县农业农村局"), (S, "县林业局"), (S, "县商务局")],
    [(L, "县农业农村局"), (L, "县住房和城乡建设局"), (S, "各乡镇人民政府")],
])

# The tail of item 3, closed by a range note 以上第2—3项 (item 2 is on the page before).
P("text-tail-closed-by-range-note", """
　　补齐农贸市场、社区便民服务网点等设施短板，年内新建改造农贸市场8个、社区便民服务网点50个。
　　以上第2—3项由市商务局牵头，市市场监管局、市住房城乡建设局配合。
　　4.扩大汽车、家电等大宗消费。落实新能源汽车下乡等政策，举办汽车展销活动10场以上。（市商务局牵头，市财政局配合）
　　5.培育壮大夜间经济。打造夜间经济集聚区5个，办好“城市夜生活节”系列活动。（市商务局、市文化广电旅游局分别牵头，各区人民政府配合）
""", [
    [(L, "市商务局"), (S, "市市场监管局"), (S, "市住房城乡建设局")],
    [(L, "市商务局"), (S, "市财政局")],
    [(L, "市商务局"), (L, "市文化广电旅游局"), (S, "各区人民政府")],
])

# The tail of an item closed by a sentence note (…，由A负责，B配合。), then items in the same form.
P("text-tail-sentence-note", """
引导重点行业企业开展强制性清洁生产审核，年内完成审核企业30家，由县生态环境分局负责，县工业和信息化局配合。
6.推进工业固体废物综合利用，一般工业固体废物综合利用率达到75%以上，由县工业和信息化局负责，县生态环境分局、县发展和改革局配合。
7.加强危险废物规范化环境管理，开展危险废物专项整治行动，由县生态环境分局负责。
8.开展农药包装废弃物回收处置，回收率达到80%以上，由县农业农村局负责，各乡镇人民政府配合。
""", [
    [(L, "县生态环境分局"), (S, "县工业和信息化局")],
    [(L, "县工业和信息化局"), (S, "县生态环境分局"), (S, "县发展和改革局")],
    [(L, "县生态环境分局")],
    [(L, "县农业农村局"), (S, "各乡镇人民政府")],
])

# The tail of item (三), its note on a line of its own after a blank line; indented copy.
P("text-tail-note-own-line-after-blank", """
　　居家社区养老服务网络，年内建成街道综合养老服务中心6个、社区养老服务站30个，新增养老床位800张。

　　（区民政局牵头，区卫生健康局、各街道办事处配合）

　　（四）完善困难群众救助帮扶机制。健全分层分类社会救助体系，做到应保尽保、应救尽救。

　　（区民政局牵头，区财政局、区医疗保障局配合）

　　（五）加强残疾人关爱服务。完成困难重度残疾人家庭无障碍改造150户。

　　（区残联负责）
""", [
    [(L, "区民政局"), (S, "区卫生健康局"), (S, "各街道办事处")],
    [(L, "区民政局"), (S, "区财政局"), (S, "区医疗保障局")],
    [(L, "区残联")],
])

# The tail of item 5 closed by 主办单位 / 协办单位 (主办 leads, 协办 supports).
P("text-tail-zhuban-xieban", """
班次，推动城区公交线路向城乡结合部延伸，新开通微循环公交线路8条。（主办单位：市交通运输局；协办单位：市公安局、市城市管理局）
6.加快推进“四好农村路”建设。新改建农村公路260公里，完成危桥改造15座。（主办单位：市交通运输局；协办单位：市财政局、各县区人民政府）
7.实施城区道路“微改造”工程。完成城区主次干道“白改黑”30公里。（主办单位：市住房和城乡建设局；协办单位：市交通运输局）
""", [
    [(L, "市交通运输局"), (S, "市公安局"), (S, "市城市管理局")],
    [(L, "市交通运输局"), (S, "市财政局"), (S, "各县区人民政府")],
    [(L, "市住房和城乡建设局"), (S, "市交通运输局")],
])

# Circled sub-points ④⑤ of 二、 (its heading lost), closed by 第二项工作责任单位：A，协同单位：B.
P("circled-subpoints-tail-chinese-item-number-note", """
④建立健全农村生活污水治理设施运行维护管护机制，设施正常运行率达到90%以上。
⑤推进农村黑臭水体治理，完成国家监管农村黑臭水体整治12条。
第二项工作责任单位：市生态环境局，协同单位：市农业农村局、市水利局、各县（市、区）人民政府。
三、加强农业面源污染防治
①推进化肥农药减量增效，主要农作物化肥、农药利用率均达到43%以上。
②推进畜禽粪污资源化利用，畜禽粪污综合利用率达到90%以上。
第三项工作责任单位：市农业农村局，协同单位：市生态环境局。
四、强化农村生态保护修复
①开展农村水系综合整治，完成水美乡村建设20个。
第四项工作责任单位：市水利局，协同单位：市林业局、各县（市、区）人民政府。
""", [
    [(L, "市生态环境局"), (S, "市农业农村局"), (S, "市水利局"), (S, "各县（市、区）人民政府")],
    [(L, "市农业农村局"), (S, "市生态环境局")],
    [(L, "市水利局"), (S, "市林业局"), (S, "各县（市、区）人民政府")],
])

# The tail of item 3 closed by a number note naming an official (not coded) beside the units,
# then item 4 in the Lanzhou form (title line, then 由X副市长负责，A牵头，B配合，<work>).
P("number-note-with-official", """
区内重点场所实现视频监控全覆盖，重点部位视频图像联网率达到100%。
第3项由王建国副市长负责，市公安局牵头，市司法局、市民政局配合。
4、城市轨道交通二期建设规划报批
由李华副市长负责，市发展改革委牵头，市自然资源和规划局、市住房城乡建设局配合，按照国家要求进一步修改完善建设规划，尽快报国家发展改革委审批。
5、职业教育产教融合试点城市申报
由李华副市长负责，市教育局牵头，市人力资源社会保障局配合，认真梳理我市产教融合基础条件，按程序完成申报工作。
""", [
    [(L, "市公安局"), (S, "市司法局"), (S, "市民政局")],
    [(L, "市发展改革委"), (S, "市自然资源和规划局"), (S, "市住房城乡建设局")],
    [(L, "市教育局"), (S, "市人力资源社会保障局")],
])

# A hard-wrapped web copy that starts inside item (二): a note wraps inside a unit name
# (市财\n政局) and an item-number note 第（三）项… wraps too (各区人\n民政府).
P("hard-wrapped-tail-and-wrapped-notes", """
的，依法依规予以处置，确保全市建筑垃圾资源化利用率达到50%以
上。（市城市管理局牵头，市住房城乡建设局、市财
政局配合）
（三）推进生活垃圾分类。城区生活垃圾分类覆盖率达到100%，新
建改造分类投放点500个。
第（三）项工作由市城市管理局负责，各区人
民政府协助配合。
（四）加强餐厨废弃物管理。建立餐厨废弃物收运处置体系，收运处置
率达到90%以上。（市城市管理局牵头，市市场监管局、市生态环
境局配合）
""", [
    [(L, "市城市管理局"), (S, "市住房城乡建设局"), (S, "市财政局")],
    [(L, "市城市管理局"), (S, "各区人民政府")],
    [(L, "市城市管理局"), (S, "市市场监管局"), (S, "市生态环境局")],
])

# =============================================================================================
# B. Numbering that starts partway; section headings whose earlier sections are lost
# =============================================================================================

# Items start at 4、 (heading lost); the first-listed rule, if any, was on a lost page: several
# units under 责任单位 with no lead are jointly responsible.
P("starts-at-4-dunhao-no-rule-in-copy", """
4、实施工业技改提升行动。全年实施技改项目60个，工业技改投资增长15%。（责任单位：县工业和信息化局）
5、加快数字经济发展。新建5G基站300个，培育省级数字化车间5个。（责任单位：县工业和信息化局、县发展和改革局、县通信发展办公室）
6、强化企业梯度培育。新增规上工业企业20家，培育专精特新中小企业10家。（责任单位：县工业和信息化局、县市场监督管理局）
7、优化园区发展环境。推进开发区“标准地”改革，新出让工业用地“标准地”占比100%。（责任单位：县经济开发区管委会、县自然资源和规划局）
""", [
    [(L, "县工业和信息化局")],
    [(R, "县工业和信息化局"), (R, "县发展和改革局"), (R, "县通信发展办公室")],
    [(R, "县工业和信息化局"), (R, "县市场监督管理局")],
    [(R, "县经济开发区管委会"), (R, "县自然资源和规划局")],
])

# Items start at （三） (their 二、 lost), then 三、 with （一）（二） restarting.
P("starts-at-san-paren-then-section-three", """
（三）深化“放管服”改革。全面推行证明事项告知承诺制，政务服务事项“一网通办”比例达到95%以上。（区行政审批局牵头，区政务服务中心配合）
（四）优化市场准入环境。推进“证照分离”改革全覆盖，企业开办时间压缩至1个工作日以内。（区市场监管局负责）
三、推动开放型经济高质量发展
（一）稳住外贸基本盘。全年外贸进出口总额增长8%。（区商务局牵头，区财政局、区税务局配合）
（二）提升招商引资实效。全年引进亿元以上项目30个，实际利用外资1.2亿美元。（区投资促进局牵头，区商务局配合）
""", [
    [(L, "区行政审批局"), (S, "区政务服务中心")],
    [(L, "区市场监管局")],
    [(L, "区商务局"), (S, "区财政局"), (S, "区税务局")],
    [(L, "区投资促进局"), (S, "区商务局")],
])

# The page starts at 五、 (sections 一 to 四 lost); label lines; then 六、保障措施 without notes.
P("starts-at-wu-section-label-lines", """
五、加强生态环境保护
1.深入打好蓝天保卫战。PM2.5平均浓度控制在35微克/立方米以内，空气质量优良天数比率达到85%。
责任单位：市生态环境局
2.深入打好碧水保卫战。国考断面水质优良比例达到100%，县级以上集中式饮用水水源地水质达标率保持100%。
牵头单位：市生态环境局
配合单位：市水利局、市住房和城乡建设局、市农业农村局
3.持续推进国土绿化。完成营造林8万亩，森林覆盖率稳定在62%以上。
牵头单位：市林业局
六、保障措施
（一）加强组织领导。要把重点任务落实作为“一把手”工程，主要负责同志亲自抓、负总责。
（二）强化督查考核。将重点任务完成情况纳入年度绩效考核，对工作不力、进展滞后的严肃问责。
""", [
    [(L, "市生态环境局")],
    [(L, "市生态环境局"), (S, "市水利局"), (S, "市住房和城乡建设局"), (S, "市农业农村局")],
    [(L, "市林业局")],
])

# The page starts at 三、, whose label lines under the heading are its own note (the heading is
# a measure) over items with notes of their own; 四、 likewise.
P("starts-at-san-heading-with-own-label-lines", """
三、实施城市更新行动
牵头单位：市住房和城乡建设局
配合单位：市自然资源和规划局、市财政局
1.推进老旧小区改造。全年开工改造老旧小区56个，完成投资4.6亿元。
责任单位：市住房和城乡建设局、各区人民政府
2.实施城市道路畅通工程。新建续建城市道路12条，打通断头路5条。
牵头单位：市城市管理局
配合单位：市公安局交通警察支队
四、推进乡村全面振兴
牵头单位：市农业农村局
配合单位：市乡村振兴局
1.巩固拓展脱贫攻坚成果。脱贫人口人均纯收入增长10%以上。
牵头单位：市乡村振兴局
""", [
    [(L, "市住房和城乡建设局"), (S, "市自然资源和规划局"), (S, "市财政局")],
    [(R, "市住房和城乡建设局"), (R, "各区人民政府")],
    [(L, "市城市管理局"), (S, "市公安局交通警察支队")],
    [(L, "市农业农村局"), (S, "市乡村振兴局")],
    [(L, "市乡村振兴局")],
])

# The page starts at 三、, whose heading gives the default lead of its section (the heading is
# then no measure); one item names its own units.
P("starts-at-san-heading-section-default", """
三、提升开放合作水平（本部分各项任务除另有标注外，均由市商务局牵头）
（一）稳定外贸外资基本盘。落实稳外贸稳外资各项政策，全年进出口总额增长6%以上。
（二）推动跨境电商发展。新建跨境电商产业园2个，培育跨境电商企业50家。
（三）扩大招商引资规模。全年引进市外境外资金增长10%，新签约亿元以上项目80个。（市投资促进局牵头，市商务局配合）
四、持续优化营商环境
（一）深化工程建设项目审批制度改革。一般社会投资项目审批时间压缩至30个工作日以内。（市住房和城乡建设局牵头，市行政审批服务局配合）
（二）提升纳税服务便利度。全面推广“非接触式”办税，年纳税时间压缩至90小时以内。（市税务局负责）
""", [
    [(L, "市商务局")],
    [(L, "市商务局")],
    [(L, "市投资促进局"), (S, "市商务局")],
    [(L, "市住房和城乡建设局"), (S, "市行政审批服务局")],
    [(L, "市税务局")],
])

# Items numbered （十一）…（十三）, their section lost; a covering note by Chinese numerals.
P("starts-at-shiyi-chinese-numeral-notes", """
（十一）提高困难群众救助水平。城乡低保标准分别提高到每人每月780元和每人每年7200元。
（十二）加强流浪乞讨人员救助管理。落实“主动发现、及时救助”工作机制，救助服务覆盖城乡。
第十一项、第十二项工作由市民政局负责，市财政局协助配合。
（十三）做好退役军人服务保障。建成市、县、乡、村四级退役军人服务保障体系，年内安置退役士兵400人。
第十三项工作由市退役军人事务局负责。
（十四）加强妇女儿童权益保障。实施“春蕾计划”，资助困难女童1000名。
第十四项工作由市妇联负责，市教育局、市民政局协助配合。
""", [
    [(L, "市民政局"), (S, "市财政局")],
    [(L, "市民政局"), (S, "市财政局")],
    [(L, "市退役军人事务局")],
    [(L, "市妇联"), (S, "市教育局"), (S, "市民政局")],
])

# Items 21.–23. of a work-report division (page 3 of a municipal site's copy): a page title with
# its page number, 牵头单位；责任单位 inline (责任单位 beside a lead supports), a pager.
P("page-residue-title-and-pager", """
泰州市人民政府关于印发2021年市政府工作报告重点工作责任分工的通知 - 第3页
21.深入推进长江大保护，长江干流泰州段水质稳定保持Ⅱ类。（牵头单位：市生态环境局；责任单位：市水利局、市农业农村局、市交通运输局）
22.加快建设现代综合交通运输体系，北沿江高铁泰州段开工建设。（牵头单位：市交通运输局；责任单位：市发展改革委、市自然资源和规划局）
23.实施城市更新三年行动，改造老旧小区30个。（牵头单位：市住房城乡建设局；责任单位：各市（区）人民政府）
【上一页】　【下一页】　【返回顶部】　【关闭窗口】
""", [
    [(L, "市生态环境局"), (S, "市水利局"), (S, "市农业农村局"), (S, "市交通运输局")],
    [(L, "市交通运输局"), (S, "市发展改革委"), (S, "市自然资源和规划局")],
    [(L, "市住房城乡建设局"), (S, "各市（区）人民政府")],
])

# Items start at 16. under a lost heading; 牵头单位 / 责任单位 label lines with 责任领导 lines
# (officials, not coded).
P("starts-at-16-label-lines-with-leader", """
16.全力推进重点项目建设。全年实施县级重点项目150个，完成投资200亿元以上。
责任领导：副县长　张明
牵头单位：县发展和改革局
责任单位：县自然资源局、县住房和城乡建设局
17.加快推进园区扩容提质。新建标准厂房20万平方米，园区亩均税收增长10%。
责任领导：副县长　刘伟
牵头单位：县经济开发区管委会
责任单位：县工业和信息化局
18.大力实施招商引资“一号工程”。全年新签约亿元以上项目60个。
责任领导：县长助理　陈刚
牵头单位：县招商服务中心
""", [
    [(L, "县发展和改革局"), (S, "县自然资源局"), (S, "县住房和城乡建设局")],
    [(L, "县经济开发区管委会"), (S, "县工业和信息化局")],
    [(L, "县招商服务中心")],
])

# The page opens with the tail of the 工作目标 paragraph (indicators, no notes: no measure),
# then 二、重点任务 with （一）…（三）.
P("preamble-tail-then-tasks", """
发展的基础更加牢固。到2023年底，全区地区生产总值增长6.5%，一般公共预算收入增长5%，城乡居民人均可支配收入增长与经济增长基本同步。
二、重点任务
（一）加快先进制造业集群发展。新增规模以上工业企业40家，规上工业增加值增长8%。（区经济和信息化局牵头，区科技局、区商务局配合）
（二）推动现代服务业提质扩容。服务业增加值增长7%，新增限上商贸企业60家。（区商务局牵头，区发展和改革局、区统计局配合）
（三）加快建设科技创新平台。新增省级以上研发平台10家，高新技术企业达到260家。（区科技局负责）
""", [
    [(L, "区经济和信息化局"), (S, "区科技局"), (S, "区商务局")],
    [(L, "区商务局"), (S, "区发展和改革局"), (S, "区统计局")],
    [(L, "区科技局")],
])

# The page starts at （三）, a heading naming a bureau with its duties' word (县…局主要工作任务：);
# earlier bureaus lost. Each item under such a heading is led by the bureau.
P("starts-at-bureau-duties-heading", """
（三）县住房和城乡建设局主要工作任务：
1.完成城镇老旧小区改造12个，改造各类管网15公里。
2.推进保障性租赁住房建设，年内筹集房源300套。
（四）县交通运输局主要工作任务：
1.新改建农村公路120公里，完成危桥改造6座。
2.推进城乡客运一体化，建制村通客车率保持100%。
""", [
    [(L, "县住房和城乡建设局")],
    [(L, "县住房和城乡建设局")],
    [(L, "县交通运输局")],
    [(L, "县交通运输局")],
])

# The page starts at 四、县卫生健康局, a unit's heading over unnumbered paragraphs: each
# paragraph is a measure it leads.
P("starts-at-unit-heading-unnumbered-paragraphs", """
四、县卫生健康局
　　全面推进紧密型县域医共体建设，县域内就诊率稳定在90%以上。
　　加强公共卫生服务体系建设，完成疾控机构实验室提标改造，提升传染病监测预警能力。
五、县医疗保障局
　　深化医保支付方式改革，DRG付费覆盖所有符合条件的定点医疗机构。
　　加强医保基金监管，开展定点医药机构专项检查全覆盖。
""", [
    [(L, "县卫生健康局")],
    [(L, "县卫生健康局")],
    [(L, "县医疗保障局")],
    [(L, "县医疗保障局")],
])

# The page starts at 三、, a heading that names the unit leading the items under it.
P("starts-at-lead-naming-heading", """
三、县自然资源局牵头工作
1.完成国土空间总体规划编制报批工作。
2.加强耕地保护，全面落实耕地“进出平衡”，完成补充耕地800亩。
四、县林业局牵头工作
1.完成营造林1.5万亩，森林覆盖率达到58%以上。
2.全面推行林长制，落实县、乡、村三级林长巡林制度。
""", [
    [(L, "县自然资源局")],
    [(L, "县自然资源局")],
    [(L, "县林业局")],
    [(L, "县林业局")],
])

# A mid-plan copy whose first-listed rule is restated in its first note (…，下同): it holds in
# the notes below it.
P("first-listed-rule-restated-in-copy", """
（六）落实减税降费政策。全面落实各项税费优惠政策，全年新增减税降费10亿元以上。（责任单位：市财政局、市税务局。排在第一位的为牵头单位，下同）
（七）加大金融支持实体经济力度。全年新增贷款300亿元以上，普惠小微贷款增速高于各项贷款平均增速。（责任单位：市地方金融监管局、人民银行宜昌市中心支行、宜昌银保监分局）
（八）防范化解政府债务风险。严格控制新增隐性债务，确保债务风险等级保持在绿色区间。（责任单位：市财政局）
""", [
    [(L, "市财政局"), (S, "市税务局")],
    [(L, "市地方金融监管局"), (S, "人民银行宜昌市中心支行"), (S, "宜昌银保监分局")],
    [(L, "市财政局")],
])

# =============================================================================================
# C. Notes for items by number
# =============================================================================================

# Items 5 and 6 covered by 以上第5—6项…; item 7 and 8 carry their own notes.
P("range-note-5-6-then-own-notes", """
5.加快推进重大交通项目建设。推进沿江高铁、城际铁路前期工作，确保在建高速公路项目年内建成通车。
6.完善农村公路网络。新改建农村公路300公里，实施危桥改造20座。
以上第5—6项由市交通运输局牵头，市发展改革委、市自然资源和规划局配合。
7.提升综合运输服务水平。新增城市公交线路10条，更新新能源公交车200辆。（市交通运输局负责）
8.加快水利基础设施建设。开工建设中型灌区续建配套与节水改造项目3个。（市水利局牵头，市财政局配合）
""", [
    [(L, "市交通运输局"), (S, "市发展改革委"), (S, "市自然资源和规划局")],
    [(L, "市交通运输局"), (S, "市发展改革委"), (S, "市自然资源和规划局")],
    [(L, "市交通运输局")],
    [(L, "市水利局"), (S, "市财政局")],
])

# A range note by Chinese numerals with an exception (其中第（六）项由C牵头): item (六) is led by
# C and keeps the support the note gives.
P("range-note-chinese-with-exception", """
（五）推进农业产业化经营。新培育县级以上农业产业化龙头企业10家，农产品加工业产值增长8%。
（六）深化农村综合改革。推进基层供销社改造提升，建设村级综合服务社30个。
（七）加强农产品质量安全监管。农产品质量安全例行监测合格率稳定在98%以上。
以上第（五）—（七）项由县农业农村局牵头，县财政局配合，其中第（六）项由县供销合作社牵头。
（八）加强农村宅基地管理。完成农村宅基地和房屋一体确权登记颁证工作。（县自然资源局牵头，县农业农村局配合）
""", [
    [(L, "县农业农村局"), (S, "县财政局")],
    [(L, "县供销合作社"), (S, "县财政局")],
    [(L, "县农业农村局"), (S, "县财政局")],
    [(L, "县自然资源局"), (S, "县农业农村局")],
])

# The page starts with the tail of item 7 (bracketed note), then a lead-in note 下列第8—9项…：
# before the group, then item 10 with its own.
P("lead-in-note-xialie-8-9", """
环境卫生整治，年内完成城中村环境提升改造15个。（区城市管理局牵头，各街道办事处配合）
下列第8—9项由区城市管理局负责，区住房和城乡建设局、各街道办事处配合：
8.开展违法建设专项治理，年内拆除违法建设20万平方米。
9.推进城市照明设施提升改造，主次干道亮灯率达到98%以上。
10.深入推进扬尘污染治理，建筑工地“六个百分之百”落实率达到100%。（区生态环境分局牵头，区城市管理局、区住房和城乡建设局配合）
""", [
    [(L, "区城市管理局"), (S, "各街道办事处")],
    [(L, "区城市管理局"), (S, "区住房和城乡建设局"), (S, "各街道办事处")],
    [(L, "区城市管理局"), (S, "区住房和城乡建设局"), (S, "各街道办事处")],
    [(L, "区生态环境分局"), (S, "区城市管理局"), (S, "区住房和城乡建设局")],
])

# The copy starts at item 5; its note 以上第3—5项 names items 3 and 4 too, which are on the page
# before: only item 5 is here.
P("range-note-reaching-lost-items", """
5、健全防止返贫动态监测和帮扶机制。对监测对象做到应纳尽纳、应帮尽帮，确保不发生规模性返贫。
以上第3—5项由县乡村振兴局牵头，县民政局、县医疗保障局配合。
6、发展壮大村级集体经济。年内集体经济年经营性收入10万元以上的村占比达到60%。（县委组织部、县农业农村局牵头，各乡镇人民政府配合）
7、深化农村集体产权制度改革。稳妥开展农村集体经营性建设用地入市试点。（县农业农村局负责）
""", [
    [(L, "县乡村振兴局"), (S, "县民政局"), (S, "县医疗保障局")],
    [(L, "县委组织部"), (L, "县农业农村局"), (S, "各乡镇人民政府")],
    [(L, "县农业农村局")],
])

# Several item-number notes in one 注： paragraph after the group.
P("several-number-notes-one-paragraph", """
7.做好经济运行监测分析。建立重点企业运行监测制度，按月开展经济运行分析。
8.深化预算管理制度改革。全面实施预算绩效管理，压减一般性支出10%以上。
9.提高统计数据质量。开展统计执法检查，依法查处统计造假、弄虚作假行为。
注：第7项由县发展和改革局负责；第8项由县财政局牵头，县税务局配合；第9项由县统计局、县市场监督管理局负责。
""", [
    [(L, "县发展和改革局")],
    [(L, "县财政局"), (S, "县税务局")],
    [(R, "县统计局"), (R, "县市场监督管理局")],
])

# A range note over items 4–6 where item 5 names its own unit: item 5 keeps it.
P("range-note-item-with-own-note-keeps-it", """
4.完善公共卫生应急管理体系。健全传染病监测预警和应急处置机制，建成市级公共卫生应急物资储备库。
5.加强疾病预防控制能力建设。完成市疾控中心生物安全二级实验室改造。（市疾病预防控制中心负责）
6.推进医防融合。家庭医生签约服务覆盖率达到75%，重点人群签约率达到85%。
以上第4—6项由市卫生健康委牵头，市医疗保障局配合。
7.深化医保支付方式改革。DRG付费覆盖全部符合条件的定点医疗机构。（市医疗保障局牵头，市卫生健康委配合）
""", [
    [(L, "市卫生健康委"), (S, "市医疗保障局")],
    [(L, "市疾病预防控制中心")],
    [(L, "市卫生健康委"), (S, "市医疗保障局")],
    [(L, "市医疗保障局"), (S, "市卫生健康委")],
])

# A range note with 由A会同B负责 (A leads, B supports); the copy starts at item 2.
P("range-note-huitong", """
2、加快国土空间规划编制。完成乡镇国土空间总体规划和村庄规划编制，实现应编尽编。
3、加强历史文化名城保护。完成历史文化街区保护规划编制，挂牌保护历史建筑50处。
以上第2—3项由市自然资源和规划局会同市住房和城乡建设局负责。
4、推进城市体检评估。开展年度城市体检，形成城市体检报告并推动问题整改。（市住房和城乡建设局牵头，市自然资源和规划局配合）
""", [
    [(L, "市自然资源和规划局"), (S, "市住房和城乡建设局")],
    [(L, "市自然资源和规划局"), (S, "市住房和城乡建设局")],
    [(L, "市住房和城乡建设局"), (S, "市自然资源和规划局")],
])

# Half-width ranges and separators: 第5~6项, 第7、8项; half-width punctuation in the notes.
P("range-notes-tilde-and-dunhao-halfwidth", """
5.实施义务教育薄弱环节改善与能力提升工程,改造农村学校运动场20个。
6.推进县域普通高中振兴,普通高中教育质量稳步提升。
以上第5~6项由区教育局牵头,区财政局配合.
7.实施基层医疗卫生机构标准化建设,新建村卫生室15个。
8.开展重点人群健康管理,65岁以上老年人健康管理率达到72%。
以上第7、8项由区卫生健康局负责.
9.推进全民健身设施建设,新建社区健身广场10个。(区文化旅游体育局牵头,各镇(街道)配合)
""", [
    [(L, "区教育局"), (S, "区财政局")],
    [(L, "区教育局"), (S, "区财政局")],
    [(L, "区卫生健康局")],
    [(L, "区卫生健康局")],
    [(L, "区文化旅游体育局"), (S, "各镇(街道)")],
])

# The page starts at 四、; one note closes its section and covers every item under it (none with
# its own): the heading is the measure. 五、保障措施 has no notes (no measure).
P("section-fully-covered-heading-is-measure", """
四、加强公共文化服务体系建设
1.推进文化惠民工程。全年送戏下乡200场、送电影下乡3000场。
2.加强基层综合性文化服务中心建设，实现行政村全覆盖。
3.深入推进全民阅读，新建城市书房5个。
以上第1—3项由县文化和旅游局牵头，县财政局、各乡镇人民政府配合。
五、保障措施
（一）加强组织领导。进一步明确责任分工，细化工作措施，确保各项任务落到实处。
（二）强化督促检查。将任务落实情况纳入年度目标考核。
""", [
    [(L, "县文化和旅游局"), (S, "县财政局"), (S, "各乡镇人民政府")],
])

# Covering notes naming items by number and title (第4项“…”工作由…).
P("number-notes-with-item-titles", """
（3）开展打击非法集资专项行动，加大涉众型经济犯罪案件查处力度。
第3项“防范化解金融风险”工作由市地方金融监管局负责，市公安局、人民银行市中心支行协助配合。
4.开展食品药品安全专项整治
严厉打击制售假冒伪劣食品药品违法犯罪行为，全年监督抽检食品样品8000批次以上。
第4项“食品药品安全专项整治”工作由市市场监管局负责，市公安局、市农业农村局协助配合。
5.开展电信网络诈骗专项打击
持续开展“断卡”行动，电信网络诈骗案件发案数同比下降20%。
第5项“电信网络诈骗专项打击”工作由市公安局负责，市通信管理办公室协助配合。
""", [
    [(L, "市地方金融监管局"), (S, "市公安局"), (S, "人民银行市中心支行")],
    [(L, "市市场监管局"), (S, "市公安局"), (S, "市农业农村局")],
    [(L, "市公安局"), (S, "市通信管理办公室")],
])

# =============================================================================================
# D. Copies that stop inside an item (the cut item is not coded)
# =============================================================================================

# Cut mid-sentence inside item (五) (left out: （五）加快建设标准厂房…).
P("cut-mid-sentence-last-item", """
（三）加快推进园区基础设施建设。完成园区道路、供水、污水管网等配套工程，年内完成投资5亿元。（县经济开发区管委会牵头，县住房和城乡建设局配合）
（四）提升园区承载能力。新增工业用地2000亩，盘活低效闲置土地500亩。（县自然资源局牵头，县经济开发区管委会配合）
（五）加快建设标准厂房，全年新建标准厂房10万平方米，
""", [
    [(L, "县经济开发区管委会"), (S, "县住房和城乡建设局")],
    [(L, "县自然资源局"), (S, "县经济开发区管委会")],
])

# Starts with the tail of item 3 (its note complete) and stops inside the bracketed note of
# item 6 (left out: 6. 推进…, whose note is cut after 市财政局、).
P("cut-inside-bracket-note", """
业态，年内培育省级特色小镇2个。（市发展改革委牵头，市住房城乡建设局配合）
4.推进县城城镇化补短板强弱项。实施县城补短板项目50个，完成投资80亿元。（市发展改革委牵头，各县（市）人民政府配合）
5.深化户籍制度改革。全面放开城区落户限制，年内新增城镇落户人口2万人。（市公安局负责）
6.推进城乡基本公共服务均等化。建立健全城乡统一的基本公共服务标准体系。（市发展改革委牵头，市财政局、
""", [
    [(L, "市发展改革委"), (S, "市住房城乡建设局")],
    [(L, "市发展改革委"), (S, "各县（市）人民政府")],
    [(L, "市公安局")],
])

# Stops inside the label lines of item 12 (left out: 12. 开展…, its 配合单位 line cut).
P("cut-inside-label-lines", """
10.加快推进国省干线公路改造。完成国省干线公路改造提升60公里。
牵头单位：市交通运输局
配合单位：市自然资源和规划局、市财政局
11.提升城乡公交服务水平。实现镇村公交开通率100%。
牵头单位：市交通运输局
12.开展道路运输安全专项整治。重点整治“两客一危”车辆违法违规行为。
牵头单位：市交通运输局
配合单位：市公
""", [
    [(L, "市交通运输局"), (S, "市自然资源和规划局"), (S, "市财政局")],
    [(L, "市交通运输局")],
])

# The guangdongmoushi form stopping inside its last number note (left out: item 6, whose note
# 第6项工作由… is cut after 出租).
P("cut-inside-item-number-note", """
（5）建立健全重点行业从业人员信息登记制度，实现旅馆业、物流寄递业实名登记率100%。
第4项工作由市公安局负责，市邮政管理局、市商务局协助配合。
5.开展“三合一”场所消防隐患整治。全面排查整治生产、经营、住宿合用场所，坚决消除重大火灾隐患。
第5项工作由市消防救援支队负责，市应急管理局和各区协助配合。
6.打击非法生产经营行为。依法取缔无证无照经营的小作坊、小餐饮，净化市场环境。
第6项工作由市市场监管局负责，市公安局、出租
""", [
    [(L, "市公安局"), (S, "市邮政管理局"), (S, "市商务局")],
    [(L, "市消防救援支队"), (S, "市应急管理局"), (S, "各区")],
])

# Items 6 and 7 carry no note (their covering note would come after the group, beyond the cut):
# at the note-bearing level they are measures with no units. Left out: 8. 推进智慧城市建设…, cut.
P("cut-inside-group-before-its-note", """
4.加快新型基础设施建设。新建5G基站1500个，实现城区和重点乡镇5G网络全覆盖。（市工业和信息化局牵头，市通信发展办公室配合）
5.推进数字政府建设。政务服务事项全程网办率达到90%以上。（市政务服务和大数据管理局负责）
6.推动企业“上云用数赋智”，新增上云企业1000家。
7.培育数字经济核心产业，数字经济核心产业增加值增长12%。
8.推进智慧城市建设，建成城市运行管理服务平台，
""", [
    [(L, "市工业和信息化局"), (S, "市通信发展办公室")],
    [(L, "市政务服务和大数据管理局")],
    [],
    [],
])

# Sub-points each with their own note; the copy stops inside sub-point (3) of item 2 (left out:
# 2.（3）推动…).
P("cut-inside-subpoint", """
1.加强市场主体培育
（1）实施市场主体倍增行动，全年新增市场主体3万户。（市市场监管局牵头，市行政审批服务局配合）
（2）推动个体工商户转型升级为企业，全年实现“个转企”500户。（市市场监管局负责）
2.激发民间投资活力
（1）建立民间投资项目库，年内向民间资本推介项目100个以上。（市发展改革委牵头，市工商联配合）
（2）落实支持民营经济发展政策措施，开展“万企兴万村”行动。（市工商联负责）
（3）推动
""", [
    [(L, "市市场监管局"), (S, "市行政审批服务局")],
    [(L, "市市场监管局")],
    [(L, "市发展改革委"), (S, "市工商联")],
    [(L, "市工商联")],
])

# The copy stops inside the 保障措施 section after the last item: no item is cut.
P("cut-inside-baozhang-section", """
（七）加强城市管理执法。深化城市管理综合执法改革，推进执法力量下沉街道。（市城市管理局牵头，各区人民政府配合）
（八）提升物业服务水平。住宅小区物业管理覆盖率达到85%以上。（市住房城乡建设局负责）
四、保障措施
（一）加强组织领导。要进一步提高政治站位，切实加
""", [
    [(L, "市城市管理局"), (S, "各区人民政府")],
    [(L, "市住房城乡建设局")],
])

# A table's later page (（续表）, the header repeated): rows 12–14, a blank support cell; row 15 is
# cut inside its task cell (left out: row 15).
P("table-later-page-header-repeated-cut-row", """
（续表）
| 序号 | 工作任务 | 牵头单位 | 配合单位 |
| 12 | 推进重大产业项目建设，全年新开工亿元以上产业项目50个 | 市发展改革委 | 市工业和信息化局、市自然资源和规划局 |
| 13 | 实施制造业数字化转型行动，新增智能工厂10家 | 市工业和信息化局 | 市科技局 |
| 14 | 扩大对外贸易规模，全年进出口总额增长8% | 市商务局 |  |
| 15 | 加快推进城市地下综合管廊建设，新建管廊
""", [
    [(L, "市发展改革委"), (S, "市工业和信息化局"), (S, "市自然资源和规划局")],
    [(L, "市工业和信息化局"), (S, "市科技局")],
    [(L, "市商务局")],
])

# A table's later page with no header: numbered rows with one unit column (read as 责任单位:
# a lone unit leads, several are responsible).
P("table-later-page-no-header", """
| 24 | 新建城市社区养老服务中心10个，新增养老床位500张 | 市民政局 |
| 25 | 为全市65周岁以上老年人免费开展健康体检 | 市卫生健康委、市财政局 |
| 26 | 改造提升城区农贸市场8个 | 市商务局 |
| 27 | 新建改建城市公厕60座 | 市城市管理局、各区人民政府 |
""", [
    [(L, "市民政局")],
    [(R, "市卫生健康委"), (R, "市财政局")],
    [(L, "市商务局")],
    [(R, "市城市管理局"), (R, "各区人民政府")],
])

# A page starting with the tail of item 4 (note complete) and stopping inside item 8's title
# line (left out: 8.加强).
P("tail-top-and-cut-title", """
制度，确保全年不发生较大以上生产安全事故。（县应急管理局牵头，县安委会各成员单位配合）
5.开展燃气安全专项整治。全面排查整治餐饮场所燃气安全隐患，安装燃气泄漏报警装置2000套。（县住房和城乡建设局牵头，县市场监督管理局、县消防救援大队配合）
6.加强道路交通安全管理。开展农村道路交通安全隐患排查治理，事故死亡人数下降10%。（县公安局交通管理大队负责）
7.强化防汛抗旱工作。完成病险水库除险加固3座，修订完善防汛应急预案。（县水利局牵头，县应急管理局配合）
8.加强
""", [
    [(L, "县应急管理局"), (S, "县安委会各成员单位")],
    [(L, "县住房和城乡建设局"), (S, "县市场监督管理局"), (S, "县消防救援大队")],
    [(L, "县公安局交通管理大队")],
    [(L, "县水利局"), (S, "县应急管理局")],
])

# A page from a law database: it starts with sub-point （2） of item 2, closed by a number note
# with jointly responsible units (no first-listed rule in the copy), and stops inside item 4's
# text (left out: 4. 开展…).
P("law-database-page-both-ends", """
（2）对辖区内易燃易爆化学物品生产、储存、经营单位开展拉网式排查，建立隐患台账，实行销号管理。
第2项工作由市应急管理局、市公安局和各区负责。
3.加强特种设备安全监管。开展电梯、锅炉、压力容器等特种设备安全隐患排查治理，特种设备定期检验率达到99%以上。
第3项工作由市市场监管局负责，市住房城乡建设局协助配合。
4.开展建筑施工安全专项整治。重点整治深基坑、高支模、起重机械等危险性较大的分部分项工程，
""", [
    [(R, "市应急管理局"), (R, "市公安局"), (R, "各区")],
    [(L, "市市场监管局"), (S, "市住房城乡建设局")],
])

# A one-line (lost line breaks) copy of a page: it starts inside item 9's text and stops inside
# item 12 (left out: 12.).
P("one-line-page-both-ends", """
家，新增国家级专精特新“小巨人”企业5家。（市工业和信息化局牵头，市科技局、市财政局配合）10.加快培育创新型企业。全年净增高新技术企业100家。（市科技局负责）11.强化企业创新主体地位。规上工业企业研发机构覆盖率达到50%。（市科技局牵头，市工业和信息化局配合）12.深化产学研合作，推动
""", [
    [(L, "市工业和信息化局"), (S, "市科技局"), (S, "市财政局")],
    [(L, "市科技局")],
    [(L, "市科技局"), (S, "市工业和信息化局")],
])
