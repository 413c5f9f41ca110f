"""Synthetic plan corpora with their true coding: for benchmarks, parser checks and null corpora.

:func:`write_synthetic_corpus` writes any number of plan files in the three layout families the
parser reads, a ``manifest.csv`` beside them, and the coding the generator *meant* in
``truth/``, so that parser accuracy can be measured at any scale and methodologists can build
null corpora whose ground truth is known.

What a generated plan looks like
--------------------------------
``table`` (about 30 % of plans)
    A responsibility table flattened to text, as word processors export it: one tab-led line per
    cell, a blank line between rows, wrapped cell text on untabbed lines, blank cells for
    vertically merged cells (filled by the carry-down rule of ``tests/data/gold/README.md``),
    the header sometimes repeated at a page break, rarely a stray blank line inside a row. Two
    header designs: section / task / measure / timeline / lead / support under a spanning
    主要举措 cell (as in the Cixi plan), and 序号 / 重点任务 / 具体措施 / 牵头单位 / 配合单位 /
    完成时限.
``inline`` (about 50 %)
    An implementation plan: an optional cover notice, 一、总体要求 with its （一） paragraphs, the
    measures section(s), and 组织实施 / 保障措施 closing paragraphs that are not measures. Measures
    are ``1.`` items under （一） headings (numbering running on or restarting per section) or
    ``（一）`` items under ``二、`` headings, each ending in a note such as
    （牵头单位：A、B；协同单位：C） or 〔牵头单位:A,责任单位:B、C,各县(区)党委和政府〕;
    sometimes the note stands on its own line or the paragraph is wrapped mid-sentence;
    专栏 target boxes.
``narrative`` (about 20 %)
    The same outline without notes: no unit is assigned.

Unit names come from the bundled lexicon (``agency_aliases.csv``): abbreviations and full
names, written after the plan's level (市, 县, 区) or its full place name, with bracketed second
names (市委组织部（市委人才办）), aggregates (各县(区)党委和政府, 各有关部门), and, in some plans,
deliberate unknowns: redactions written ``市 (略) `` and names the lexicon does not hold
(市产改办). Every other name is checked against the lexicon when it is first drawn.

Determinism
-----------
Plan *i* depends only on ``seed`` and *i* (its own :class:`random.Random`, seeded from a string,
which Python hashes with SHA-512, not with the per-process ``hash``), so the same seed gives
byte-identical files, and the first 1,000 plans of a 10,000-plan corpus are the 1,000-plan corpus.

Examples
--------
>>> import tempfile, pathlib
>>> from agencygraph.synth import write_synthetic_corpus
>>> out = write_synthetic_corpus(3, seed=1, out=pathlib.Path(tempfile.mkdtemp()) / "c")
>>> sorted(p.name for p in out.iterdir())
['manifest.csv', 'syn000000.txt', 'syn000001.txt', 'syn000002.txt', 'truth']
"""

from __future__ import annotations

import csv
import io
import random
from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import accumulate, pairwise
from pathlib import Path

__all__ = [
    "LAYOUTS",
    "LAYOUT_SHARES",
    "SyntheticAssignment",
    "SyntheticMeasure",
    "SyntheticPlan",
    "synthetic_plan",
    "write_synthetic_corpus",
]

#: The layout families, in the order of :data:`LAYOUT_SHARES`.
LAYOUTS: tuple[str, ...] = ("table", "inline", "narrative")
#: Expected share of each layout in a generated corpus.
LAYOUT_SHARES: tuple[float, ...] = (0.3, 0.5, 0.2)

MANIFEST_COLUMNS = ("file", "doc_id", "title", "place_zh", "place_en", "province", "level")
MANIFEST_COLUMNS += ("date", "source")
TRUTH_DOCUMENT_COLUMNS = (
    "doc_id",
    "file",
    "layout",
    "variant",
    "n_measures",
    "n_assignments",
)
TRUTH_MEASURE_COLUMNS = (
    "doc_id",
    "measure_no",
    "section_no",
    "task_no",
    "text_start",
    "text",
    "timeline",
    "line",
)
TRUTH_ASSIGNMENT_COLUMNS = (
    "doc_id",
    "measure_no",
    "text_start",
    "role",
    "agency_raw",
    "agency_type",
    "inherited",
    "line",
)
#: Characters of a measure's text kept in ``text_start`` (as in the gold standard).
TEXT_START_CHARS = 25

# A table export wraps a cell's text at the column edge. Where a unit name is cut, the line
# before the cut does not end in a character that ends unit names (局, 委, 会 ...), or a reader
# could not tell a wrapped name from two names; the generator keeps that convention.
_NAME_END_CHARS = frozenset("局委会部办联院厅室所心站队团社台处府司行校馆组署庭盟旗政")
_CLOSE_BRACKETS = frozenset("）)〕】]］}｝>》")
_LIST_SEPARATORS = frozenset("、，,；;")

# ------------------------------------------------------------------------ data: places, words

# place_zh, place_en, province, administrative level, prefix its own units are written with
_PLACES: tuple[tuple[str, str, str, str, str], ...] = (
    ("慈溪市", "Cixi", "Zhejiang", "county-level city", "市"),
    ("海门市", "Haimen", "Jiangsu", "county-level city", "市"),
    ("丽江市", "Lijiang", "Yunnan", "prefecture-level city", "市"),
    ("宁波市", "Ningbo", "Zhejiang", "sub-provincial city", "市"),
    ("绍兴市", "Shaoxing", "Zhejiang", "prefecture-level city", "市"),
    ("嵊州市", "Shengzhou", "Zhejiang", "county-level city", "市"),
    ("余姚市", "Yuyao", "Zhejiang", "county-level city", "市"),
    ("诸暨市", "Zhuji", "Zhejiang", "county-level city", "市"),
    ("南通市", "Nantong", "Jiangsu", "prefecture-level city", "市"),
    ("昆山市", "Kunshan", "Jiangsu", "county-level city", "市"),
    ("江阴市", "Jiangyin", "Jiangsu", "county-level city", "市"),
    ("常州市", "Changzhou", "Jiangsu", "prefecture-level city", "市"),
    ("泉州市", "Quanzhou", "Fujian", "prefecture-level city", "市"),
    ("晋江市", "Jinjiang", "Fujian", "county-level city", "市"),
    ("佛山市", "Foshan", "Guangdong", "prefecture-level city", "市"),
    ("东莞市", "Dongguan", "Guangdong", "prefecture-level city", "市"),
    ("柳州市", "Liuzhou", "Guangxi", "prefecture-level city", "市"),
    ("株洲市", "Zhuzhou", "Hunan", "prefecture-level city", "市"),
    ("襄阳市", "Xiangyang", "Hubei", "prefecture-level city", "市"),
    ("洛阳市", "Luoyang", "Henan", "prefecture-level city", "市"),
    ("潍坊市", "Weifang", "Shandong", "prefecture-level city", "市"),
    ("淄博市", "Zibo", "Shandong", "prefecture-level city", "市"),
    ("唐山市", "Tangshan", "Hebei", "prefecture-level city", "市"),
    ("大同市", "Datong", "Shanxi", "prefecture-level city", "市"),
    ("宝鸡市", "Baoji", "Shaanxi", "prefecture-level city", "市"),
    ("绵阳市", "Mianyang", "Sichuan", "prefecture-level city", "市"),
    ("遵义市", "Zunyi", "Guizhou", "prefecture-level city", "市"),
    ("曲靖市", "Qujing", "Yunnan", "prefecture-level city", "市"),
    ("芜湖市", "Wuhu", "Anhui", "prefecture-level city", "市"),
    ("赣州市", "Ganzhou", "Jiangxi", "prefecture-level city", "市"),
    ("长兴县", "Changxing", "Zhejiang", "county", "县"),
    ("德清县", "Deqing", "Zhejiang", "county", "县"),
    ("宁海县", "Ninghai", "Zhejiang", "county", "县"),
    ("如东县", "Rudong", "Jiangsu", "county", "县"),
    ("沛县", "Peixian", "Jiangsu", "county", "县"),
    ("安溪县", "Anxi", "Fujian", "county", "县"),
    ("博罗县", "Boluo", "Guangdong", "county", "县"),
    ("桐城县", "Tongcheng", "Anhui", "county", "县"),
    ("玉龙纳西族自治县", "Yulong", "Yunnan", "autonomous county", "县"),
    ("永胜县", "Yongsheng", "Yunnan", "county", "县"),
    ("寿光县", "Shouguang", "Shandong", "county", "县"),
    ("长垣县", "Changyuan", "Henan", "county", "县"),
    ("北仑区", "Beilun", "Zhejiang", "district", "区"),
    ("鄞州区", "Yinzhou", "Zhejiang", "district", "区"),
    ("萧山区", "Xiaoshan", "Zhejiang", "district", "区"),
    ("江宁区", "Jiangning", "Jiangsu", "district", "区"),
    ("吴江区", "Wujiang", "Jiangsu", "district", "区"),
    ("顺德区", "Shunde", "Guangdong", "district", "区"),
    ("南海区", "Nanhai", "Guangdong", "district", "区"),
    ("龙岗区", "Longgang", "Guangdong", "district", "区"),
    ("黄岛区", "Huangdao", "Shandong", "district", "区"),
    ("滨海新区", "Binhai", "Tianjin", "district", "区"),
    ("浦东新区", "Pudong", "Shanghai", "district", "区"),
    ("两江新区", "Liangjiang", "Chongqing", "district", "区"),
)

# Agency types and how often a plan on the industrial workforce names them (relative weights);
# types not listed get weight 0.3, so the whole lexicon turns up in a large corpus.
_TYPE_WEIGHTS: dict[str, float] = {
    "union": 12,
    "hrss": 10,
    "education": 6,
    "industry_it": 6,
    "finance": 6,
    "org": 5,
    "propaganda": 5,
    "development_reform": 5,
    "sasac": 4,
    "commerce_fed": 4,
    "youth_league": 4,
    "women": 4,
    "science_tech": 3,
    "justice": 3,
    "health": 3,
    "emergency": 3,
    "housing": 3,
    "market_regulation": 3,
    "culture_tourism": 3,
    "united_front": 2,
    "civil_affairs": 2,
    "agriculture": 2,
    "taxation": 2,
    "media": 2,
    "commerce": 2,
    "natural_resources": 2,
    "npc_office": 1,
    "cppcc_office": 1,
    "cyberspace": 1,
    "medical_security": 1,
    "statistics": 1,
    "vocational_college": 1,
    "employment_service": 1,
    "social_security_center": 1,
}
_OTHER_TYPE_WEIGHT = 0.3
# Types written without the plan's place prefix (their aliases name a level or all units).
_AGGREGATE_TYPES = frozenset({"mass_orgs_all", "subordinate_govs", "all_departments"})
_AGGREGATE_NAMES: dict[str, tuple[str, ...]] = {
    "mass_orgs_all": ("{level}级各群团组织", "各群团组织", "各人民团体"),
    "subordinate_govs": ("各县(区)党委和政府", "各县(市、区)", "各乡镇(街道)", "各镇(街道)"),
    "all_departments": ("各有关部门", "有关部门", "各相关单位", "各有关单位"),
}
# Aliases that exist for matching but that no plan writes after a place (national bodies,
# forms that already carry a level, generic words).
_NOT_PREFIXED = frozenset(
    {
        "办事处",
        "街道办事处",
        "行政公署",
        "行署",
        "行署办",
        "行署办公室",
        "行政公署办公室",
        "管理委员会",
        "管委会",
        "党组织委员会",
        "团委员会",
        "共青团委",
        "委党校",
        "委金融办",
        "人民代表大会",
        "中级人民法院",
        "基层人民法院",
        "研究室",
        "调查队",
        "日报",
        "海关",
        # Named, not place-prefixed: 宁波大学 is a university, 市大学 is not a name.
        "大学",
        "科学院",
        "农科院",
        "社科院",
        "园区",
    }
)
# Bracketed second names of one unit, written 市委组织部（市委人才办）: {p} is the prefix.
_DOUBLE_NAMES: dict[str, tuple[str, ...]] = {
    "org": ("{p}委组织部（{p}委人才办）",),
    "propaganda": ("{p}委宣传部（{p}文明办）", "{p}委宣传部（{p}网信办）"),
    "united_front": ("{p}委统战部（{p}侨办）",),
    "commerce_fed": ("{p}工商联（总商会）",),
}
# Names the lexicon does not hold, on purpose: they must come out in unknown_agencies.
_UNKNOWN_NAMES = ("{p}产改办", "{p}产业工人队伍建设改革协调小组办公室", "{p}人才发展集团")
_REDACTION = "{p} (略) "

_SECTION_TITLES = (
    "加强产业工人队伍思想政治建设",
    "提升产业工人技能素质",
    "健全产业工人成长发展体系",
    "创新产业工人发展制度",
    "强化产业工人权益维护",
    "加强产业工人公共服务工作",
    "营造尊重劳动的社会氛围",
    "深入开展建功立业活动",
    "全面提升能力素质",
    "优化产业工人队伍建设支撑",
    "完善产业工人队伍建设体制机制",
    "提高产业工人经济社会地位",
)
_VERBS = (
    "加强",
    "深化",
    "完善",
    "健全",
    "推进",
    "落实",
    "强化",
    "优化",
    "创新",
    "拓展",
    "规范",
    "提升",
    "建立",
    "实施",
    "开展",
    "推动",
    "扩大",
    "培育",
    "引导",
    "支持",
)
_OBJECTS = (
    "产业工人思想政治引领",
    "职业技能培训",
    "技能人才评价体系",
    "高技能人才培养",
    "劳动和技能竞赛",
    "职工创新工作室建设",
    "工资集体协商",
    "劳动关系协调机制",
    "职工权益保障",
    "技工院校建设",
    "现代学徒制",
    "企业新型学徒制",
    "产业工人住房保障",
    "职工文化服务体系",
    "劳模工匠宣传",
    "安全生产培训",
    "职业病防治工作",
    "农民工技能提升行动",
    "产教融合",
    "校企合作",
    "职业教育培训体系",
    "基层工会组织建设",
    "非公有制企业党建工作",
    "职工代表大会制度",
    "职业技能等级认定",
    "首席技师制度",
    "产业工人创新平台建设",
    "职工书屋建设",
    "公共实训基地建设",
    "公共就业服务体系",
    "技能人才激励机制",
    "产业工人参政议政渠道",
    "劳动争议预防调处机制",
    "困难职工帮扶工作",
    "职工疗休养制度",
    "新就业形态劳动者权益保障",
)
_TAILS = (
    "形成长效机制",
    "提高工作质量",
    "确保取得实效",
    "扩大覆盖范围",
    "增强产业工人获得感",
    "营造良好氛围",
    "完善配套政策",
    "加大支持力度",
    "推动工作落地见效",
    "健全考核评价办法",
)
_TARGETS = (
    "到{y}年覆盖率达到{p}%以上",
    "每年培训产业工人{n}人次以上",
    "到{y}年新建示范点{n}个",
    "{y}年底前全面完成",
    "到{y}年建会率动态保持在{p}%以上",
    "每年选树先进典型{n}名",
)
_TIMELINES = (
    "常态化开展",
    "常态化推进",
    "{y}年启动，{y2}年完成",
    "{y}年达到{p}%，{y2}年全覆盖",
    "{y}年底前完成",
    "持续推进",
)
_PREAMBLE_SECTIONS = (
    ("指导思想", "以新时代中国特色社会主义思想为指导，坚持党对产业工人队伍建设改革的领导，"),
    ("基本原则", "坚持党的领导，坚持服务大局，坚持以人为本，坚持改革创新，"),
    ("工作目标", "努力造就一支有理想守信念、懂技术会创新、敢担当讲奉献的产业工人队伍，"),
)
_CLOSING_HEADINGS = ("组织实施", "保障措施")
_CLOSING_ITEMS = (
    "加强组织领导。成立产业工人队伍建设改革协调小组，统筹推进各项改革任务。",
    "明确职责任务。各有关部门和单位要根据职责要求，研究制定配套措施，推动改革落地。",
    "强化督导检查。建立改革推进情况的监督检查和信息反馈机制，确保各项措施落到实处。",
    "加强宣传引导。充分利用各类媒体宣传改革成效，营造良好舆论氛围。",
)
_MEASURE_HEADINGS = ("主要举措", "主要任务", "重点任务")

# Safe characters to begin the second line of a paragraph wrapped mid-sentence: a line that
# began with a numeral, a bracket or a box word would read as a heading.
_NUMERALS = frozenset("一二三四五六七八九十百零〇0123456789０１２３４５６７８９")


# ------------------------------------------------------------------------ records


@dataclass(frozen=True)
class SyntheticMeasure:
    """One measure as the generator wrote it (see ``truth/measures.csv``)."""

    measure_no: int
    section_no: int
    task_no: str
    text: str
    timeline: str
    line: int


@dataclass(frozen=True)
class SyntheticAssignment:
    """One lead or support assignment as the generator wrote it (``truth/assignments.csv``)."""

    measure_no: int
    role: str
    agency_raw: str
    agency_type: str  # the type the name was drawn for; "" for a deliberate unknown
    inherited: bool
    line: int


@dataclass
class SyntheticPlan:
    """A generated plan: its text, manifest row and true coding.

    Attributes
    ----------
    doc_id, file, layout, variant : str
        ``variant`` names the design within the layout (e.g. ``table-cixi``, ``inline-l3``).
    meta : dict
        The manifest row (columns of ``manifest.csv``).
    text : str
        The file's text (UTF-8 when written).
    measures, assignments : list
        The true coding, in source order.
    """

    doc_id: str
    file: str
    layout: str
    variant: str
    meta: dict[str, str]
    text: str
    measures: list[SyntheticMeasure] = field(default_factory=list)
    assignments: list[SyntheticAssignment] = field(default_factory=list)


# ------------------------------------------------------------------------ unit names


@lru_cache(maxsize=1)
def _lexicon():
    from agencygraph.agencies import load_lexicon

    return load_lexicon()


@lru_cache(maxsize=1)
def _aliases_by_type() -> dict[str, tuple[str, ...]]:
    """Aliases a plan writes after a place prefix, by type (bundled lexicon, file order)."""
    aliases = _lexicon().aliases
    by_type: dict[str, list[str]] = {}
    for alias, agency_type, kind in zip(
        aliases["alias"], aliases["agency_type"], aliases["kind"], strict=True
    ):
        if kind == "pattern" or agency_type in _AGGREGATE_TYPES:
            continue
        if alias in _NOT_PREFIXED or alias.startswith(("中", "团", "各", "有关", "相关")):
            continue
        by_type.setdefault(agency_type, []).append(alias)
    return {t: tuple(a) for t, a in by_type.items()}


@lru_cache(maxsize=1)
def _type_table() -> tuple[tuple[str, ...], tuple[float, ...]]:
    """Type codes a plan can name, with their weights, in the lexicon's type order."""
    by_type = _aliases_by_type()
    codes = [c for c in _lexicon().types["agency_type"] if c in by_type or c in _AGGREGATE_TYPES]
    weights = [_TYPE_WEIGHTS.get(c, _OTHER_TYPE_WEIGHT) for c in codes]
    return tuple(codes), tuple(weights)


@cache
def _checked(name: str, agency_type: str) -> bool:
    """Whether the lexicon resolves ``name`` to ``agency_type`` (without guessing)."""
    hit = _lexicon().resolve(name)
    return hit.agency_type == agency_type and not hit.inferred


@cache
def _unknown(name: str) -> bool:
    return _lexicon().resolve(name).agency_type is None


@cache
def _spellings(agency_type: str, prefix: str, level: str) -> tuple[str, ...]:
    """Candidate names of a type in one plan, each checked against the lexicon."""
    if agency_type in _AGGREGATE_TYPES:
        names = [n.format(level=level) for n in _AGGREGATE_NAMES[agency_type]]
    else:
        names = [prefix + alias for alias in _aliases_by_type()[agency_type]]
        names += [n.format(p=prefix) for n in _DOUBLE_NAMES.get(agency_type, ())]
        if agency_type == "youth_league" and prefix == level:
            names.append(f"团{level}委")
    # Three characters at least, so that no name can be taken for the tail of a wrapped one.
    return tuple(n for n in names if len(n) >= 3 and _checked(n, agency_type))


@dataclass
class _Unit:
    name: str
    agency_type: str  # "" for a deliberate unknown


class _Roster:
    """The units one plan draws its leads and supports from."""

    def __init__(self, rng: random.Random, prefix: str, level: str, *, unknowns: bool):
        codes, weights = _type_table()
        # Weighted sampling without replacement (Efraimidis–Spirakis keys), deterministic in rng.
        keys = sorted(
            ((rng.random() ** (1.0 / w), c) for c, w in zip(codes, weights, strict=True)),
            reverse=True,
        )
        size = rng.randint(12, 30)
        self.units: list[_Unit] = []
        self.weights: list[float] = []
        for _key, code in keys:
            names = _spellings(code, prefix, level)
            if not names:
                continue
            # Most plans name a unit one way; a few mix two spellings of it.
            main = rng.choices(names, cum_weights=_rank_weights(len(names)))[0]
            self.units.append(_Unit(main, code))
            self.weights.append(_TYPE_WEIGHTS.get(code, _OTHER_TYPE_WEIGHT))
            if len(names) > 1 and rng.random() < 0.08:
                self.units.append(_Unit(rng.choice([n for n in names if n != main]), code))
                self.weights.append(0.3)
            if len(self.units) >= size:
                break
        if unknowns:
            for template in (_REDACTION, *rng.sample(_UNKNOWN_NAMES, 1)):
                name = template.format(p=prefix)
                if _unknown(name):
                    self.units.append(_Unit(name, ""))
                    self.weights.append(0.6)
        self.cumulative = list(accumulate(self.weights))
        self.lead_cumulative = list(accumulate(w**1.5 for w in self.weights))

    def draw(self, rng: random.Random, n_lead: int, n_support: int) -> tuple[list, list]:
        """Distinct units for the leads and the supports of one measure, by weight."""
        picked: set[int] = set()
        drawn: list[list[_Unit]] = []
        for cumulative, k in ((self.lead_cumulative, n_lead), (self.cumulative, n_support)):
            units: list[_Unit] = []
            k = min(k, len(self.units) - len(picked))
            total = cumulative[-1]
            while len(units) < k:
                i = bisect(cumulative, rng.random() * total)
                if i not in picked:
                    picked.add(i)
                    units.append(self.units[i])
            drawn.append(units)
        return drawn[0], drawn[1]


@cache
def _rank_weights(n: int) -> tuple[float, ...]:
    """Cumulative weights favouring a type's first aliases: the lexicon lists current names
    first, older and rarer ones after."""
    return tuple(accumulate(1.0 / (rank + 1) ** 1.5 for rank in range(n)))


def _raw(name: str) -> str:
    """A unit name as the coded tables carry it: spaces removed."""
    return name.replace(" ", "")


# ------------------------------------------------------------------------ text


def _numbers(rng: random.Random) -> dict[str, int]:
    year = rng.randint(2019, 2025)
    return {
        "y": year,
        "y2": year + rng.randint(1, 3),
        "p": rng.choice((30, 50, 60, 70, 80, 85, 90, 95)),
        "n": rng.randint(2, 500),
    }


def _measure_text(rng: random.Random, used: set[str], *, sentences: int) -> str:
    """A measure's text: a short title sentence, then one or more sentences of content."""
    while True:
        title = rng.choice(_VERBS) + rng.choice(_OBJECTS)
        parts = [title + "。"]
        for _ in range(sentences):
            clause = (
                f"{rng.choice(_VERBS)}{rng.choice(_OBJECTS)}，"
                f"{rng.choice(_VERBS)}{rng.choice(_OBJECTS)}，{rng.choice(_TAILS)}"
            )
            if rng.random() < 0.5:
                clause += "，" + rng.choice(_TARGETS).format(**_numbers(rng))
            parts.append(clause + "。")
        text = "".join(parts)
        # The parser codes a measure repeated in a file once (a web page holding a plan twice).
        if text not in used:
            used.add(text)
            return text


def _table_measure_text(rng: random.Random, used: set[str]) -> str:
    """A table's measure cell: one clause without a full stop, as in responsibility tables."""
    while True:
        text = f"{rng.choice(_VERBS)}{rng.choice(_OBJECTS)}，{rng.choice(_TAILS)}"
        if rng.random() < 0.6:
            text += "，" + rng.choice(_TARGETS).format(**_numbers(rng))
        if text not in used:
            used.add(text)
            return text


def _timeline(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return ""
    return rng.choice(_TIMELINES).format(**_numbers(rng))


class _Lines:
    """The lines of a file being written, with 1-based line numbers."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, line: str = "") -> int:
        self.lines.append(line)
        return len(self.lines)

    @property
    def next(self) -> int:
        return len(self.lines) + 1

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


_CN_DIGITS = "零一二三四五六七八九"


def _cn(n: int) -> str:
    """Chinese numeral for 1–99, as outline headings write it."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("十" if tens == 1 else _CN_DIGITS[tens] + "十") + (_CN_DIGITS[ones] if ones else "")


def _split_counts(rng: random.Random, total: int, parts: int) -> list[int]:
    """``total`` items over ``parts`` groups, at least one each."""
    cuts = sorted(rng.sample(range(1, total), parts - 1)) if parts > 1 else []
    bounds = [0, *cuts, total]
    return [b - a for a, b in pairwise(bounds)]


# ------------------------------------------------------------------------ the table layout


def _unit_cell(rng: random.Random, units: list[_Unit]) -> tuple[list[str], list[int]]:
    """Lines of a lead or support cell and, per unit, the offset of the line it starts on."""
    if not units:
        return [""], []
    # Group units into lines: a name may end a line only where it ends in a character that ends
    # unit names (or a bracket); otherwise the next name follows on the same line after 、.
    groups: list[list[_Unit]] = [[]]
    one_per_line = len(units) > 1 and rng.random() < 0.25
    for i, unit in enumerate(units):
        groups[-1].append(unit)
        last = unit.name.rstrip()[-1]
        breakable = last in _NAME_END_CHARS or last in _CLOSE_BRACKETS
        if i + 1 < len(units) and one_per_line and breakable:
            groups.append([])
    lines: list[str] = []
    starts: list[int] = []
    for group in groups:
        text = "、".join(u.name for u in group)
        starts.extend([len(lines)] * len(group))
        # Wrap inside the group's last name only, so that every name of the group starts on
        # this line.
        last = group[-1].name
        # A column is at least three characters wide (two for a name opening with its level,
        # 市总 / 工会 in Cixi): a line holding one or two characters of a place name would be
        # a column no table has.
        shortest = 2 if text[0] in "市县区" else 3
        before = len(text) - len(last)
        cut_at = [
            k
            for k in range(1, len(last))
            if before + k >= shortest
            and last[k - 1] not in _NAME_END_CHARS
            and last[k - 1] not in _CLOSE_BRACKETS
            and last[k - 1] not in _LIST_SEPARATORS
            and last[k - 1] != " "
            and last[k] != " "
        ]
        if cut_at and rng.random() < 0.12:
            k = rng.choice(cut_at)
            head = text[: len(text) - len(last) + k]
            lines.extend([head, last[k:]])
        else:
            lines.append(text)
    return lines, starts


def _emit_row(out: _Lines, cells: list[list[str]], *, stray_blank_after: int | None = None):
    """Write a row's cells; return the line each cell starts on."""
    starts = []
    for i, cell in enumerate(cells):
        starts.append(out.add("\t" + cell[0]))
        for more in cell[1:]:
            out.add(more)
        if stray_blank_after is not None and i == stray_blank_after:
            out.add("")
    out.add("")
    return starts


def _table_plan(rng: random.Random, plan: SyntheticPlan, roster: _Roster, n_measures: int):
    out = _Lines()
    cixi = rng.random() < 0.6
    plan.variant = "table-cixi" if cixi else "table-serial"
    out.add("附件")
    out.add(f"《{plan.meta['title']}》重点任务责任分工")
    if cixi:
        lead_header = ["牵头", "单位"] if rng.random() < 0.5 else ["牵头单位"]
        header = [["主要举措"], ["责任分解"], ["时间进度"], lead_header, ["配合单位"]]
        n_sections = rng.randint(3, min(7, n_measures))
    else:
        header = [["序号"], ["重点任务"], ["具体措施"], ["牵头单位"], ["配合单位"], ["完成时限"]]
        n_sections = 1
    _emit_row(out, header)
    repeat_every = rng.choice((0, 0, 12, 20))

    used: set[str] = set()
    titles = rng.sample(_SECTION_TITLES, n_sections) if cixi else [""]
    task_no = 0
    measure_no = 0
    rows_written = 0
    carried_lead: list[tuple[_Unit, int]] = []
    carried_support: list[tuple[_Unit, int]] = []
    for section_no, size in enumerate(_split_counts(rng, n_measures, n_sections), start=1):
        task_sizes: list[int] = []
        left = size
        while left:
            task_sizes.append(min(left, rng.choice((1, 1, 2, 2, 3, 4))))
            left -= task_sizes[-1]
        for t_index, rows in enumerate(task_sizes):
            task_no += 1
            task_title = rng.choice(_VERBS) + rng.choice(_OBJECTS)
            for r in range(rows):
                measure_no += 1
                if repeat_every and rows_written and rows_written % repeat_every == 0:
                    _emit_row(out, header)
                rows_written += 1
                first_of_section = t_index == 0 and r == 0
                text = _table_measure_text(rng, used)
                timeline = _timeline(rng)
                # Cell pattern (lead, supports): the first row of a section always has its own
                # lead, so no carry crosses a section (the gold standard's reading of Cixi).
                pattern = (
                    "LS"
                    if first_of_section
                    else rng.choices(("LS", "L-", "-S", "--"), (35, 8, 40, 17))[0]
                )
                if pattern[0] == "L" and first_of_section:
                    pattern = rng.choices(("LS", "L-"), (9, 1))[0]
                n_lead = rng.choices((1, 2, 3), (85, 13, 2))[0] if pattern[0] == "L" else 0
                n_support = rng.randint(1, 6) if pattern[1] == "S" else 0
                leads, supports = roster.draw(rng, n_lead, n_support)

                if cixi:
                    section_cell = [""]
                    if first_of_section:
                        section_cell = [f"（{_cn(section_no)}）{titles[section_no - 1]}"]
                    task_cell = [f"{task_no}.{task_title}"] if r == 0 else [""]
                    outline = [section_cell, task_cell]
                else:
                    outline = [[str(task_no)] if r == 0 else [""], [task_title] if r == 0 else [""]]
                measure_cell = [text]
                if len(text) > 20 and rng.random() < 0.1:
                    k = rng.randint(8, len(text) - 4)
                    measure_cell = [text[:k], text[k:]]
                lead_lines, lead_offsets = _unit_cell(rng, leads)
                support_lines, support_offsets = _unit_cell(rng, supports)
                cells = [*outline, measure_cell]
                cells += (
                    [[timeline], lead_lines, support_lines]
                    if cixi
                    else [lead_lines, support_lines, [timeline]]
                )
                lead_at = len(outline) + (2 if cixi else 1)
                stray = None
                if cixi and not first_of_section and rng.random() < 0.01:
                    # A stray blank line inside a row (Cixi task 13): the parser joins the
                    # two pieces again.
                    stray = rng.randint(0, len(cells) - 2)
                starts = _emit_row(out, cells, stray_blank_after=stray)
                measure_line = starts[len(outline)]
                lead_starts = [starts[lead_at] + k for k in lead_offsets]
                support_starts = [starts[lead_at + 1] + k for k in support_offsets]

                plan.measures.append(
                    SyntheticMeasure(
                        measure_no=measure_no,
                        section_no=section_no,
                        task_no=str(task_no),
                        text=text,
                        timeline=timeline,
                        line=measure_line,
                    )
                )
                if leads:
                    carried_lead = list(zip(leads, lead_starts, strict=True))
                    carried_support = list(zip(supports, support_starts, strict=True))
                    lead_rows = [(u, False, ln) for u, ln in carried_lead]
                    support_rows = [(u, False, ln) for u, ln in carried_support]
                else:
                    lead_rows = [(u, True, ln) for u, ln in carried_lead]
                    if supports:
                        carried_support = list(zip(supports, support_starts, strict=True))
                        support_rows = [(u, False, ln) for u, ln in carried_support]
                    else:
                        support_rows = [(u, True, ln) for u, ln in carried_support]
                # A lead carried down and named again in the row's support cell is coded
                # once, as lead (the gold's rule for a lead named among the supports).
                leading = {_raw(unit.name) for unit, _, _ in lead_rows}
                support_rows = [r for r in support_rows if _raw(r[0].name) not in leading]
                for role, rows_ in (("lead", lead_rows), ("support", support_rows)):
                    for unit, inherited, ln in rows_:
                        plan.assignments.append(
                            SyntheticAssignment(
                                measure_no, role, _raw(unit.name), unit.agency_type, inherited, ln
                            )
                        )
    return out.text()


# ------------------------------------------------------------------------ the outline layouts

_LEAD_LABELS = ("牵头单位", "牵头单位", "牵头部门")
_SUPPORT_LABELS = ("协同单位", "配合单位", "责任单位", "配合部门")
# A continuation line must not begin like a heading, a box or boilerplate.
_NO_LINE_START = frozenset("一二三四五六七八九十百零〇专抄上下来发责打关")


def _note(rng: random.Random, leads: list[_Unit], supports: list[_Unit]) -> str:
    """A responsibility note in one of the spellings plans use."""
    style = rng.choices(("full", "lijiang", "half"), (70, 25, 5))[0]
    if style == "full":
        text = f"（{rng.choice(_LEAD_LABELS)}：" + "、".join(u.name for u in leads)
        if supports:
            text += f"；{rng.choice(_SUPPORT_LABELS)}：" + "、".join(u.name for u in supports)
        return text + "）"
    colon = ":"
    text = "牵头单位" + colon + "、".join(u.name for u in leads)
    if supports:
        # Lijiang lists the county governments after a comma, the departments with 、.
        named = [u.name for u in supports if u.agency_type not in _AGGREGATE_TYPES]
        aggregate = [u.name for u in supports if u.agency_type in _AGGREGATE_TYPES]
        text += ",责任单位" + colon + ",".join(p for p in ("、".join(named), *aggregate) if p)
    return ("〔" + text + "〕") if style == "lijiang" else ("(" + text + ")")


def _wrap_points(text: str) -> list[int]:
    """Offsets where a paragraph may be cut mid-sentence, as a PDF or web export does."""
    return [
        k
        for k in range(6, len(text) - 2)
        if text[k - 1] not in "。！？；;!?…〕）)」』”\"'，、：:（(〔"
        and "\u4e00" <= text[k] <= "\u9fff"
        and text[k] not in _NO_LINE_START
    ]


def _outline_plan(
    rng: random.Random, plan: SyntheticPlan, roster: _Roster, n_measures: int, *, notes: bool
) -> str:
    out = _Lines()
    meta = plan.meta
    level = roster_level = plan.meta["_level"]
    style = "l3" if rng.random() < 0.7 else "l2"
    plan.variant = f"{plan.layout}-{style}"
    blank = rng.random() < 0.7  # blank lines between paragraphs, or none (Haimen)

    def para(line: str) -> int:
        number = out.add(line)
        if blank:
            out.add("")
        return number

    if rng.random() < 0.5:
        para(f"中共{meta['place_zh']}委员会文件")
        para(f"{meta['place_zh'][0]}委发〔{meta['date'][:4]}〕{rng.randint(1, 40)}号")
        para(f"关于印发《{meta['title']}》的通知")
        para(f"各乡镇（街道）党（工）委、政府，{level}委各部委办局，{level}各委办局，各人民团体：")
        para(
            f"《{meta['title']}》已经{level}委常委会讨论通过，现印发给你们，请结合实际认真贯彻落实。"
        )
        para(_date_zh(meta["date"]))
    para(meta["title"])
    para(
        "为充分发挥产业工人在高质量发展中的主力军作用，根据《中共中央、国务院关于印发"
        "〈新时期产业工人队伍建设改革方案〉的通知》（中发〔2017〕14号）精神，"
        f"结合{meta['place_zh']}实际，制定如下实施方案。"
    )
    h1 = 0
    if rng.random() < 0.7:
        h1 += 1
        para(f"{_cn(h1)}、总体要求")
        for k, (heading, body) in enumerate(_PREAMBLE_SECTIONS, start=1):
            para(f"（{_cn(k)}）{heading}")
            para(body + "推动产业工人队伍建设改革取得实效。")
    else:
        for heading, body in _PREAMBLE_SECTIONS[::2]:
            h1 += 1
            para(f"{_cn(h1)}、{heading}")
            para(body + "推动产业工人队伍建设改革取得实效。")

    n_sections = rng.randint(3, min(7, n_measures))
    titles = rng.sample(_SECTION_TITLES, n_sections)
    sizes = _split_counts(rng, n_measures, n_sections)
    sep = rng.choice((".", "．", "、"))
    restart = rng.random() < 0.4
    if style == "l3":
        h1 += 1
        para(f"{_cn(h1)}、{rng.choice(_MEASURE_HEADINGS)}")
    used: set[str] = set()
    number = 0
    measure_no = 0
    for section_no, (title, size) in enumerate(zip(titles, sizes, strict=True), start=1):
        if style == "l3":
            para(f"（{_cn(section_no)}）{title}")
        else:
            h1 += 1
            para(f"{_cn(h1)}、{title}")
        if restart or style == "l2":
            number = 0
        for _ in range(size):
            number += 1
            measure_no += 1
            marker = f"{number}{sep}" if style == "l3" else f"（{_cn(number)}）"
            body = _measure_text(rng, used, sentences=rng.randint(1, 4))
            leads: list[_Unit] = []
            supports: list[_Unit] = []
            if notes and rng.random() < 0.96:
                n_lead = rng.choices((1, 2, 3), (80, 17, 3))[0]
                leads, supports = roster.draw(rng, n_lead, rng.choices(range(9), (8, *[12] * 8))[0])
            note = _note(rng, leads, supports) if leads else ""
            layout = rng.random()
            cuts = _wrap_points(body) if layout > 0.9 else []
            if note and layout < 0.08:
                # The note on a line of its own after the measure.
                line = para(marker + body)
                note_line = para(note)
            elif cuts and layout > 0.9:
                k = rng.choice(cuts)
                line = out.add(marker + body[:k])
                note_line = para(body[k:] + note)
            else:
                line = note_line = para(marker + body + note)
            plan.measures.append(
                SyntheticMeasure(measure_no, section_no, str(number), body, "", line)
            )
            for role, units in (("lead", leads), ("support", supports)):
                for unit in units:
                    plan.assignments.append(
                        SyntheticAssignment(
                            measure_no, role, _raw(unit.name), unit.agency_type, False, note_line
                        )
                    )
        if style == "l3" and notes and rng.random() < 0.15:
            para(f"专栏{_cn(section_no)}　{title}")
            for _ in range(rng.randint(1, 3)):
                para("到" + rng.choice(_TARGETS).format(**_numbers(rng)) + "。")
    h1 += 1
    para(f"{_cn(h1)}、{rng.choice(_CLOSING_HEADINGS)}")
    for k, item in enumerate(rng.sample(_CLOSING_ITEMS, rng.randint(2, 4)), start=1):
        para(f"（{_cn(k)}）{item}")
    if rng.random() < 0.3:
        out.add(f"\t抄送：{roster_level}人大常委会、{roster_level}政协，{roster_level}纪委。")
    return out.text()


def _date_zh(date: str) -> str:
    year, month, day = (int(x) for x in date.split("-"))
    return f"{year}年{month}月{day}日"


# ------------------------------------------------------------------------ plans and corpora


def _short_place(place: str) -> str:
    if len(place) > 2 and place[-1] in "市县区" and not place.endswith(("自治县", "新区")):
        return place[:-1]
    return place


def synthetic_plan(index: int, *, seed: int) -> SyntheticPlan:
    """Generate plan number ``index`` of the corpus of ``seed``, with its true coding.

    Parameters
    ----------
    index : int
        The plan's number in the corpus (0-based); its ``doc_id`` is ``syn`` and six digits.
    seed : int
        The corpus seed. Plan ``index`` depends only on ``seed`` and ``index``.

    Returns
    -------
    SyntheticPlan
        Text, manifest row, layout and variant, measures and assignments.

    Examples
    --------
    >>> plan = synthetic_plan(0, seed=7)
    >>> plan.layout in ("table", "inline", "narrative"), 10 <= len(plan.measures) <= 60
    (True, True)
    """
    rng = random.Random(f"agencygraph.synth:{int(seed)}:{int(index)}")
    layout = rng.choices(LAYOUTS, LAYOUT_SHARES)[0]
    place_zh, place_en, province, level_en, level = rng.choice(_PLACES)
    year = rng.randint(2018, 2024)
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    kind = rng.choice(("实施方案", "实施意见", "“十四五”规划"))
    title = f"新时代{_short_place(place_zh)}产业工人队伍建设改革{kind}"
    doc_id = f"syn{index:06d}"
    meta = {
        "file": f"{doc_id}.txt",
        "doc_id": doc_id,
        "title": title,
        "place_zh": place_zh,
        "place_en": place_en,
        "province": province,
        "level": level_en,
        "date": date,
        "source": f"synthetic: agencygraph.synth, seed {int(seed)}, plan {int(index)}",
    }
    plan = SyntheticPlan(doc_id, meta["file"], layout, "", {**meta, "_level": level}, "")
    prefix = place_zh if rng.random() < 0.15 else level
    roster = _Roster(rng, prefix, level, unknowns=rng.random() < 0.1)
    n_measures = rng.randint(10, 60)
    if layout == "table":
        plan.text = _table_plan(rng, plan, roster, n_measures)
    else:
        plan.text = _outline_plan(rng, plan, roster, n_measures, notes=layout == "inline")
    plan.meta = meta
    return plan


def _csv_writer(columns: Sequence[str]) -> tuple[io.StringIO, csv.writer]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    return buffer, writer


def write_synthetic_corpus(n_plans: int, *, seed: int, out: Path) -> Path:
    """Write ``n_plans`` synthetic plans, their manifest and their true coding.

    Parameters
    ----------
    n_plans : int
        Number of plans (0 or more).
    seed : int
        Same seed, same bytes; plan *i* is the same in every corpus of the seed that holds it.
    out : Path
        Folder to write into (created). Files of the same names are overwritten; other files
        in it are left alone, so give each corpus its own folder.

    Returns
    -------
    Path
        ``out``, holding:

        - ``syn000000.txt`` … : the plans (UTF-8, ``\\n`` line ends);
        - ``manifest.csv``: ``file, doc_id, title, place_zh, place_en, province, level, date,
          source`` (read by :func:`agencygraph.parse_corpus` for the metadata);
        - ``truth/documents.csv``: ``doc_id, file, layout, variant, n_measures, n_assignments``;
        - ``truth/measures.csv``: ``doc_id, measure_no`` (1-based order in the plan),
          ``section_no, task_no, text_start`` (first 25 characters), ``text, timeline, line``;
        - ``truth/assignments.csv``: ``doc_id, measure_no, text_start, role, agency_raw,
          agency_type`` (the type the name was drawn for; empty for a deliberate unknown),
          ``inherited`` (``true``/``false``), ``line``.

        Nothing is printed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = write_synthetic_corpus(2, seed=3, out=pathlib.Path(tempfile.mkdtemp()))
    >>> (out / "truth" / "measures.csv").read_text(encoding="utf-8").split(",")[:2]
    ['doc_id', 'measure_no']
    """
    n_plans = int(n_plans)
    if n_plans < 0:
        raise ValueError(f"n_plans must be 0 or more, got {n_plans}")
    out = Path(out)
    (out / "truth").mkdir(parents=True, exist_ok=True)
    manifest, manifest_rows = _csv_writer(MANIFEST_COLUMNS)
    documents, document_rows = _csv_writer(TRUTH_DOCUMENT_COLUMNS)
    measures, measure_rows = _csv_writer(TRUTH_MEASURE_COLUMNS)
    assignments, assignment_rows = _csv_writer(TRUTH_ASSIGNMENT_COLUMNS)
    for index in range(n_plans):
        plan = synthetic_plan(index, seed=seed)
        (out / plan.file).write_bytes(plan.text.encode("utf-8"))
        manifest_rows.writerow([plan.meta[c] for c in MANIFEST_COLUMNS])
        document_rows.writerow(
            [
                plan.doc_id,
                plan.file,
                plan.layout,
                plan.variant,
                len(plan.measures),
                len(plan.assignments),
            ]
        )
        starts = {}
        for m in plan.measures:
            starts[m.measure_no] = m.text[:TEXT_START_CHARS]
            measure_rows.writerow(
                [
                    plan.doc_id,
                    m.measure_no,
                    m.section_no,
                    m.task_no,
                    starts[m.measure_no],
                    m.text,
                    m.timeline,
                    m.line,
                ]
            )
        assignment_rows.writerows(
            [
                plan.doc_id,
                a.measure_no,
                starts[a.measure_no],
                a.role,
                a.agency_raw,
                a.agency_type,
                "true" if a.inherited else "false",
                a.line,
            ]
            for a in plan.assignments
        )
    for name, buffer in (
        ("manifest.csv", manifest),
        ("truth/documents.csv", documents),
        ("truth/measures.csv", measures),
        ("truth/assignments.csv", assignments),
    ):
        (out / name).write_bytes(buffer.getvalue().encode("utf-8"))
    return out
