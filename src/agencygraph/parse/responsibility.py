"""How plans write who is responsible: labelled notes, sentences and unit lists.

Plans name responsible units in a few recurring forms, all recognised here:

- **labels**: 牵头单位：A、B；配合单位：C — any role word (牵头, 主办, 主责, 配合, 协同, 协办,
  参与, 责任, 实施, 承办 …) with any label ending (单位, 部门, 处室, 机构 …), compounds such as
  牵头责任单位 / 配合责任单位, and bare words before a colon (牵头：A); inside brackets at the
  end of a measure, or on lines of their own. A unit may carry its own role mark
  (责任单位：A（牵头）、B). A label may also name the division of work as a sentence
  (责任分工：A牵头，B配合), name officials (牵头领导：张三 — people, never units), or name
  something that is not a unit at all (完成时限：2024年底 ends the unit list before it);
- **sentences**: （A牵头，B、C配合）, 由A牵头、B参与, A会同B负责, A、B分别牵头;
- **unit lists**: 责任单位：A、B、C, or a bracket at the end of a measure holding only units.

Roles follow ``CONTRACT.md``: ``lead`` (named as leading; the first unit where a stated
first-listed rule is in force; the only unit named responsible), ``support`` (named beside a
lead) and ``responsible`` (several units named jointly responsible, no lead named, no rule).

The vocabulary — label words, label endings, role verbs, role marks, first-listed rules,
officials' titles and labels of what is not a unit — is data (``data/role_terms.csv``), read
once. Matching runs on a simplified-character copy of the text (one character for one), so
牽頭單位 and 責任單位 are read like their simplified forms while units are returned as written.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from itertools import pairwise

from agencygraph._chars import to_simplified
from agencygraph.parse._records import parse_terms
from agencygraph.parse._text import (
    CLOSE_BRACKETS,
    OPEN_BRACKETS,
    SPACE_CHARS,
    bracket_balance,
    bracket_pairs,
    squash_spaces,
    strip_spaces,
    trie_alternation,
)
from agencygraph.parse._text import (
    simplified as vocabulary_simplified,
)

#: Roles a label gives what follows it. ``single`` lists every responsible unit without
#: saying which leads; ``division`` introduces a sentence; ``official`` names people;
#: ``timeline`` and ``stop`` name what is not a unit.
UNIT_ROLES = ("lead", "support", "single", "owner")


@lru_cache(maxsize=1)
def role_terms() -> dict[str, tuple[tuple[str, str], ...]]:
    """The responsibility vocabulary (``data/role_terms.csv``): kind → ((term, role), …)."""
    path = resources.files("agencygraph") / "data" / "role_terms.csv"
    groups: dict[str, list[tuple[str, str]]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            groups.setdefault(row["kind"], []).append((row["term"], row["role"]))
    return {kind: tuple(terms) for kind, terms in groups.items()}


def _terms(kind: str) -> tuple[tuple[str, str], ...]:
    return role_terms().get(kind, ())


def _alternation(terms) -> str:
    return "|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True))


@lru_cache(maxsize=1)
def labels() -> dict[str, str]:
    """Every label → the role it gives: stems × endings, and the bare labels."""
    found: dict[str, str] = {}
    for stem, role in _terms("label_stem"):
        for suffix, _ in _terms("label_suffix"):
            found.setdefault(stem + suffix, role)
    for term, role in (*_terms("label_bare"), *_terms("label_colon")):
        found.setdefault(term, role)
    return found


def _spaced(terms) -> str:
    """Alternation of terms whose characters may be set apart by spaces (牵 头 单 位).

    A lookahead on the terms' first characters keeps the scan fast: the optional spaces
    stop the regex engine from finding the terms' literal prefixes by itself. The terms
    are a trie, not a flat alternation tried term by term (issue 19, parse speed).
    """
    ordered = sorted(set(terms), key=len, reverse=True)
    first = "".join(sorted({re.escape(term[0]) for term in ordered}))
    return f"(?=[{first}])(?:{trie_alternation(ordered, _OPTIONAL_SPACE)})"


_OPTIONAL_SPACE = r"[ \u3000]{0,2}"


# A label ends in a colon, or is set in 【】 (【牵头单位】A); its other name may stand in
# brackets before the colon (牵头单位（部门）：A).
# a colon, 】, or 为/是 after a label ending in a unit noun or 领导 (牵头单位为A，配合单位为B;
# 包联县领导为张三)
_LABEL_END = (
    r"(?:\s*[（(](?:单位|部门|处室|科室)[)）])?"
    r"(?:\s*[:：]|】|(?<=[位门室构体导])(?:均|都)?(?:为|是)(?!主))\s*"
)


@lru_cache(maxsize=1)
def _level() -> str:
    """An optional level before a label (省级牵头单位, 市级配合部门)."""
    return rf"(?:{_alternation(t for t, _ in _terms('label_level'))})?"


@lru_cache(maxsize=1)
def _label_re() -> re.Pattern[str]:
    return re.compile(rf"【?({_level()}{_spaced(labels())}){_LABEL_END}")


def _label_role(matched: str) -> str:
    """The role of a label as matched (spaces, 【 and a level before it removed)."""
    label = re.sub(r"[\s【]", "", matched)
    if label not in labels():
        label = re.sub(f"^{_level()}", "", label)
    return labels()[label]


@lru_cache(maxsize=1)
def _note_label_re() -> re.Pattern[str]:
    """A label that opens a responsibility note (one naming units, a division or officials)."""
    opening = [t for t, role in labels().items() if role not in ("timeline", "stop")]
    return re.compile(rf"【?{_level()}(?:{_spaced(opening)}){_LABEL_END}")


@lru_cache(maxsize=1)
def _label_at_start_re() -> re.Pattern[str]:
    return re.compile(
        rf"^[{re.escape(OPEN_BRACKETS)}]?\s*{_level()}(?:{_spaced(labels())}){_LABEL_END}"
    )


@lru_cache(maxsize=1)
def verbs() -> dict[str, str]:
    """Role verb → role (lead, support, shared, support_or_shared, joint)."""
    return {term: role for term, role in _terms("verb")}


@lru_cache(maxsize=1)
def _verb_re() -> re.Pattern[str]:
    """A role verb, or one after adverbs (B、C按职能配合; 各司其职、密切配合), with the
    action word it may carry (B参与实施): a listed verb is tried first, so 按职责负责
    keeps its own role rather than 负责's."""
    verbs_ = trie_alternation(verbs())
    modifiers = trie_alternation(term for term, _ in _terms("verb_modifier"))
    # an action word may follow (B参与实施, B协助推进), unless it begins a listed verb
    complement = trie_alternation(term for term, _ in _terms("verb_complement"))
    starts = "".join(sorted({t[0] for t in verbs()} | {t[0] for t, _ in _terms("verb_modifier")}))
    return re.compile(
        rf"(?=[{re.escape(starts)}])"  # most positions start neither: one test rejects them
        # 会办 (B会办: handles with the host) inside a name (市人大常委会办公室, 市社会办) is
        # no verb, nor 联合 unless a unit's name follows it (A联合市公安局; not 市残疾人联合会,
        # 区联合工会)
        r"(?!会办公|(?<=社)会办|联合(?![市县区省州旗镇乡街各国团]))"
        rf"(?:(?P<verb>{verbs_})|(?:(?:{modifiers})[、，,]?)+(?P<modified>{verbs_})"
        # a duty of the unit's own kind (负运输环节监管责任, 负道路通行监管责任)
        r"|(?P<duty>负[\u4e00-\u9fff]{1,8}?责任))"
        rf"(?:{complement})?"
    )


def _verb_role(match: re.Match[str]) -> str:
    """The role of a verb :func:`_verb_re` found."""
    if match.group("duty"):
        return "shared"
    return verbs()[match.group("verb") or match.group("modified")]


@lru_cache(maxsize=1)
def _first_listed_re() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{term})" for term, _ in _terms("first_listed")))


@lru_cache(maxsize=1)
def _first_listed_scope_re() -> re.Pattern[str]:
    """A rule with what follows it: 下同 makes it hold for every list below."""
    return re.compile(
        rf"(?:{_first_listed_re().pattern})"
        # …，其他部门和单位按职责分工负责: the rest of the rule, not a unit list
        r"(?:[，,]\s*其他[^，,。；;（()）]{0,12}?(?:配合|负责|协同|参与))?"
        r"(?:[，,、]?\s*(?:下同|以下同))?"
    )


@lru_cache(maxsize=1)
def _official_re() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{term})" for term, _ in _terms("official_title")))


def _role_mark() -> str:
    """A role mark in brackets, its word captured: （牵头）, 〈牵头〉, (配合)."""
    marks = _alternation(term for term, _ in _terms("mark"))
    return rf"[{re.escape(OPEN_BRACKETS)}]\s*({marks})\s*[{re.escape(CLOSE_BRACKETS)}]"


@lru_cache(maxsize=1)
def _role_mark_re_any() -> re.Pattern[str]:
    """A role mark anywhere in a list (市发改委〈牵头〉、市财政局)."""
    return re.compile(_role_mark())


@lru_cache(maxsize=1)
def _role_mark_re() -> re.Pattern[str]:
    """A role mark closing a unit's name (县人社局（牵头）)."""
    return re.compile(rf"{_role_mark()}\s*$")


_EMPTY_BRACKETS_RE = re.compile(
    rf"[{re.escape(OPEN_BRACKETS)}][\s，,、；;。]*(?:下同|以下同)?[\s，,、；;。]*"
    rf"[{re.escape(CLOSE_BRACKETS)}]"
)

#: Characters that end a unit name (局, 委, 会 …), and that start one written with its
#: place or as a collective (市, 县, 团, 各 …).
UNIT_ENDINGS = frozenset("局委会部办联院厅室所心站队团社台处府司行校馆组署庭盟旗股科")
UNIT_STARTS = frozenset("市县区省州盟旗镇乡街团各")
_CONJUNCTIONS = "及和与"
# 等 ending a list, with the kind of units it stands for (市财政局等10个部门; 区房管局等公共
# 企事业单位行业主管部门).
_TRAILING_ETC_RE = re.compile(
    r"(?<=.{2})等(?:\d{1,3}个|多个|[一二三四五六七八九十]{1,3}个)?"
    r"(?:[\u4e00-\u9fff]{0,14}?(?:部门|单位|机构))?$"
)
# The work a unit does together with others begins (A会同B编制…, A负责并会同B做好…).
_JOINT_WORK = (
    "共同|于|在|按|研究|制定|出台|建立|完善|加强|做好|开展|推进|负责|实施|落实|组织|抓好|编制"
    "|及时|尽快|抓紧|认真|积极|切实|统筹|依法|按时|全力|办理|指导|督促|督导|协调|争取|梳理|排查"
    "|全面|深入|严格|足额"
)
# A measure's own verbs end a partner's name only where the name has ended like a unit's
# (会同省自然资源厅科学规划…; 会同县文旅局建设…): inside one, 建设 may be part of it (住房和
# 城乡建设局).
_WORK_AFTER_UNIT = (
    "科学|合理|规划|建设|新建|改造|优化|提升|加快|完成|打造|健全|构建|探索|深化|推动|促进"
)
_JOINT_WORK_AHEAD = (
    rf"(?={_JOINT_WORK}|(?<=[局委办厅院署队站所处科室心司府部])(?:{_WORK_AFTER_UNIT}))"
)
_WORK_OPENING_RE = re.compile(f"(?:{_JOINT_WORK}|{_WORK_AFTER_UNIT})")
_JOINT_WORK_START_RE = re.compile(f"(?:{_JOINT_WORK})")
_TRAILING_DUTY_RE = re.compile(r"(?<=.{2})(?:按职责分工|按职责|分别|共同)?(?:负责|落实)$")


@dataclass(frozen=True)
class Note:
    """Responsible units found in a measure's text.

    ``units`` are ``(role, unit as written, offset in the text)`` with role lead, support,
    single (a list that does not say who leads) or shared (a sentence's units sharing a
    duty); ``officials`` are ``(official as written, offset)``.
    """

    start: int  # offset where the note starts (its opening bracket, if bracketed)
    end: int  # offset just after it
    units: tuple[tuple[str, str, int], ...]
    closed: bool  # a bracketed note whose bracket is closed
    officials: tuple[tuple[str, int], ...] = ()
    timeline: str = ""
    # read from the wording alone (units set apart at the end by a dash or spacing; units
    # opening a paragraph before any working verb): an item's note, but not enough to make
    # an unnumbered paragraph a measure
    weak: bool = False


@lru_cache(maxsize=65536)
def _lexicon_knows(name: str) -> bool:
    from agencygraph.agencies import resolve

    return resolve(name).agency_type is not None


#: A collective of units or places (各有关部门, 相关盟市, 市直相关单位).
_COLLECTIVE_RE = re.compile(
    r"^(?:全?(?:省|市|县|区|州)(?:委|政府|人民政府|级|内|域内|辖区内|境内)?)?"
    # units stationed in the place by the levels above it (中央在川有关单位, 中央、省驻宜单位)
    r"(?:(?:中央|国家|省|市)(?:、(?:省|市))?(?:在|驻)[\u4e00-\u9fff]{1,3}?(?:各|相关|有关)?"
    r"|(?:各|相关|有关|其他|其它|市直|县直|区直|省直|区属|市属|县属|省属|局属|委属|厅属|镇属)"
    r")[^，,。；;]{0,10}?"
    # (各乡镇场: the townships and the state farms, counted with them where farms are many;
    # 各苏木, 各嘎查, 各团场, 各连队: Inner Mongolia's townships and villages, the Corps'
    # regiments and companies)
    r"(?:部门|单位|机构|盟市|市|县|区|旗|乡镇|街道|企业|国企|板块|园区|社区|村|[镇农林牧团]场"
    r"|苏木|嘎查|连队)$"
)


# The answer depends on the name alone (the vocabulary and the bundled lexicon are fixed once
# read, as _lexicon_knows assumes): memoised, since a corpus names the same units again and
# again (issue 19, parse speed).
@lru_cache(maxsize=65536)
def looks_like_unit(name: str) -> bool:
    """Whether a name is a unit: the lexicon resolves it, it ends like a unit's name, or it
    is a collective (各有关部门, 相关盟市)."""
    name = squash_spaces(name)
    if len(name) < 2 or is_official(name):
        return False
    # the name's shape is read in simplified characters (各有關部門, 交通部門, 市國投)
    simple = to_simplified(name)
    if simple.startswith(_VERB_OPENINGS) or (
        simple[:2] in _ADVERBS_BEFORE_VERB and simple[2:].startswith(_VERB_OPENINGS)
    ):
        return False  # (积极)争取省交通运输厅(支持): the unit is the object of a verb
    if _WORK_ON_A_PLACE_RE.match(simple):
        return False  # 建设县级物流配送中心, 建设全省智慧教育平台: the work, not a unit
    if _COUNT_ENDING_RE.search(simple):
        return False
    if any(verb in simple[2:] for verb in _ASKING_VERBS):
        return False  # 市应急管理局要积极争取省应急管理厅(支持): one unit asking another
    if simple.endswith(_HOUSING_ENDINGS):
        return False  # 税务小区, 人民商场住宿区: a housing estate, not a unit
    if simple.endswith(_FIELDS_OF_STUDY) and not (
        len(simple) >= _DIVISION_NAME_MIN and simple.endswith(("理科", "工科"))
    ):
        # 学科, 本科: a field or degree of study; 综合科 and 安全管理科 are a bureau's sections
        return False
    if _ROLE_COLLECTIVE_RE.match(simple):
        return False  # 各牵头单位要…: the units a role was given, named by the role
    if _POST_HELD_RE.search(simple):
        return False  # 分管副县长任副组长的…领导小组: who heads a group, not a unit
    led = simple.find("率")
    if led > 0 and is_official(name[:led]):
        return False  # 区长周立新率区直有关部门: an official leading a delegation
    told = simple.find("要", 2)
    if told > 0 and (looks_like_unit(name[:told]) or _ROLE_COLLECTIVE_RE.match(simple[:told])):
        return False  # 各牵头单位要切实履行…: a unit and what it is told to do
    if "、" in name and not _ANY_BRACKET_RE.search(name):
        # segments sharing the last one's head noun (新洲、白湖管理区; 水利、电力部门)
        return looks_like_unit(name.rsplit("、", 1)[1])
    last = simple[-1]
    aliased = _TRAILING_ALIAS_RE.search(name)
    return (
        _lexicon_knows(name)
        or last in UNIT_ENDINGS
        # a place named for its government in a unit list (荔湾区, 绥芬河市)
        or (last in PLACE_ENDINGS and len(name) <= _PLACE_MAX)
        or bool(_COLLECTIVE_RE.match(simple))
        # a department named by its field (交通部门, 水利、电力部门), not a label (牵头部门),
        # or an organ (市纪委监委机关, 市直机关)
        or (len(name) >= 4 and simple.endswith(("部门", "机关")) and simple not in labels())
        or bool(_STATE_INVESTOR_RE.search(simple))
        # a school (县第一中学, 县实验小学, 内科大附中, 一机一中), which plans task as units
        or bool(_SCHOOL_RE.search(simple))
        # a unit with its other name after it: 新区经济发展局（区经信局）
        or (aliased is not None and looks_like_unit(name[: aliased.start()]))
    )


# a school by its level (县第一中学, 各乡镇中心小学), or by its short name (内科大附中, 包四中);
# not a project's (配套幼儿园)
_SCHOOL_RE = re.compile(
    r"^[市县区省州镇乡各].{0,12}(?:中学|小学|幼儿园)$|.(?:大学|附中|[一二三四五六七八九十]中)$"
)
_TRAILING_ALIAS_RE = re.compile(r"[（(][^（()）]+[)）]$")
_ROLE_COLLECTIVE_RE = re.compile(
    r"^(?:各|全体|所有)?(?:有关|相关)?(?:牵头|责任|配合|协办|主办|承办|协同|主责)(?:单位|部门)$"
)
_POST_HELD_RE = re.compile(r"任(?:常务)?副?(?:组长|主任|指挥长|召集人)")
_ADVERBS_BEFORE_VERB = frozenset({"积极", "主动", "努力", "及时", "全力"})
# a count of places or things (改造供水工程45处, 新建站点12个, 加装电梯600部), not a unit
_COUNT_ENDING_RE = re.compile(r"[0-9０-９]+(?:余|多)?[处所座个家项部台辆条间栋户名套]$")
_HOUSING_ENDINGS = ("小区", "住宿区", "生活区", "宿舍区", "家属区", "家属院")
_FIELDS_OF_STUDY = ("学科", "本科", "专科", "文科", "理科", "工科", "预科", "百科")
_DIVISION_NAME_MIN = 5
# A character of units named as a clause's subject: no clause break, bracket or quotation, but
# an aggregate's levels in brackets (各县（市、区）人民政府; 各村（社区）) kept whole.
_SUBJECT_CHAR = r"(?:[^，,。；;：:（(“\"]|[（(][^（()）]{1,8}[)）])"
# What a unit shall do, between its name and the verb (A要牵头…; B应配合; A须会同B…).
_MODAL = "(?:要|应|须|需)"
# Work done on a place's facility (建设县级物流配送中心; 打造全市…平台): a verb, then a level;
# no unit's name opens so (建设局 and 建设银行 have no level after the verb).
_WORK_ON_A_PLACE_RE = re.compile(
    r"^(?:建设|新建|改造|打造|推进|实施|开展|完善|搭建|建成)(?:全[省市县区镇乡]|[省市县区镇乡]级)"
)
# A unit asking another for help (争取省应急管理厅支持): two units, never one name.
_ASKING_VERBS = ("争取", "报请", "请求", "提请", "商请")
# Verbs that take a unit as their object; no unit's name begins with one.
_VERB_OPENINGS = (
    *_ASKING_VERBS,
    "根据",
    "依据",
    "按照",
    "成立",
    "建立",
    "设立",
    "组建",
    "筹建",
    "会同",
    "配合",
    "协助",
    "联合",
)


# State-owned investment companies go by two-character short names (城投, 水投, 交投).
_STATE_INVESTOR_RE = re.compile(r"[城水交产文国旅建农金能]投$")


PLACE_ENDINGS = frozenset("区县市镇乡旗州盟")
_PLACE_MAX = 6
_SHARED_SUFFIX_RE = re.compile(r"(?:市|县|区|州|旗)?(?:人民)?政府$")
_BARE_PLACE_RE = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


def _units_of_a_list(names: list[str]) -> bool:
    """Whether every name of a list is a unit (or an official), counting bare place names
    that share a government written after them (哈尔滨、黑河、绥芬河市政府)."""
    governments = [bool(_SHARED_SUFFIX_RE.search(vocabulary_simplified(n))) for n in names]
    return all(
        looks_like_unit(n)
        or is_official(n)
        or (_BARE_PLACE_RE.match(n) and any(governments[i + 1 :]))
        for i, n in enumerate(names)
    )


# An official is written in a few characters (市政府分管副市长 张伟); a longer phrase that
# holds a title (污水处理项目由王强副市长) is a sentence.
_OFFICIAL_MAX = 10
# Every official's title holds one of these (市长, 书记, 主任, 领导, 同志, 负责人 and their
# traditional forms): names without any are not looked at further.
_OFFICIAL_FINAL_CHARS = frozenset("长長记記任导導志人")
_COMMITTEE_MEMBER_RE = re.compile(r"^(?:市|县|区|省|州)委常委$")


@lru_cache(maxsize=65536)  # the name alone decides (see looks_like_unit)
def is_official(name: str) -> bool:
    """Whether a name is an official (副市长, 分管副区长, 张伟副市长) rather than an agency."""
    name = squash_spaces(name)
    if _COMMITTEE_MEMBER_RE.match(vocabulary_simplified(name)):
        return True  # 县委常委: a post on a party committee, though it ends like a unit
    last = vocabulary_simplified(name[-1:])
    return (
        len(name) <= _OFFICIAL_MAX
        and not _OFFICIAL_FINAL_CHARS.isdisjoint(name)
        # a unit's name holding a title (华龙区长庆办: 区长 inside it) ends like a unit
        and (last in _OFFICIAL_FINAL_CHARS or last not in UNIT_ENDINGS)
        and "由" not in name
        and bool(_official_re().search(vocabulary_simplified(name)))
    )


PERSON_NAME_RE = re.compile(r"^[\u4e00-\u9fff]{2,3}$")

# A unit with the person answering for it in brackets: 市发改委（张伟）, 市财政局(李明副局长).
_UNIT_WITH_PERSON_RE = re.compile(r"^(?P<unit>.+?)\s*[（(]\s*(?P<person>[^（()）]{2,12}?)\s*[)）]$")


@lru_cache(maxsize=65536)  # asked of each unit cell twice: for its unit and its official
def unit_with_person(name: str) -> tuple[str, str] | None:
    """``(unit, person)`` for a unit written with its responsible person in brackets, else
    None (市人民医院（市城投公司代建） is two units, not a unit and a person)."""
    match = _UNIT_WITH_PERSON_RE.match(squash_spaces(name))
    if match is None or not looks_like_unit(match["unit"]):
        return None
    person = match["person"]
    if is_official(person) or _surnamed(person):
        return match["unit"], person
    return None


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    """Common surnames: a bracket after a unit is a person's name only if it opens with one
    (乡镇(街道) and A（牵头） are not)."""
    return frozenset(parse_terms().get("surname", ()))


def _surnamed(name: str) -> bool:
    """A person's bare name opening with a common surname (刘志强, 伍泽国)."""
    return is_person_name(name) and vocabulary_simplified(name)[0] in _surnames()


def _is_persons_name(name: str) -> bool:
    """A bare name opening with a common surname (刘志强, 郑明 set out as 郑　明), not a
    place's (石门村, 王家庄)."""
    name = vocabulary_simplified(strip_spaces(name))
    return _surnamed(name) and name[-1] not in _LOCALITY_ENDINGS


# places of every size, villages and sites included (石门村, 王家庄, 李家坝)
_LOCALITY_ENDINGS = PLACE_ENDINGS | frozenset("村庄屯寨组社街场园湾岛山港坝桥")


def is_person_name(name: str) -> bool:
    """A person's bare name (伍泽国), never a unit."""
    return bool(PERSON_NAME_RE.match(name)) and not looks_like_unit(name)


def split_official(text: str) -> tuple[str, str]:
    """An official as written → (person's name, title); either may be empty.

    Examples
    --------
    >>> split_official("副市长张伟")
    ('张伟', '副市长')
    >>> split_official("张伟（市政府副市长）")
    ('张伟', '市政府副市长')
    >>> split_official("分管副县长")
    ('', '分管副县长')
    >>> split_official("协管副秘书长")
    ('', '协管副秘书长')
    >>> split_official("县长助理")
    ('', '县长助理')
    """
    text = squash_spaces(text).removesuffix("同志")
    bracketed = re.match(r"^([\u4e00-\u9fff]{2,3})[（(](.+)[）)]$", text)
    if bracketed:
        return bracketed.group(1), bracketed.group(2)
    match = _official_re().search(vocabulary_simplified(text))
    if match is None:
        return (text, "") if PERSON_NAME_RE.match(text) else ("", text)
    before, after = text[: match.start()], text[match.end() :]
    # (县长助理 is one title, no 县长 named 助理)
    if PERSON_NAME_RE.match(after) and after not in _TITLE_TAILS:
        return after, text[: match.end()]
    if (
        PERSON_NAME_RE.match(before)
        and not looks_like_unit(before)
        and vocabulary_simplified(before) not in _TITLE_QUALIFIERS
    ):
        return before, text[match.start() :]
    return "", text


# A plan's closing demand on every unit (各乡镇、各有关单位要…; 各牵头单位要…): an
# exhortation, not a note, wherever it runs on (under the last item, after a table's rows).
CLOSING_DEMAND_RE = re.compile(
    r"^\s*(?:各|全[省市县区]|[省市县区]直)[^，,。；;：:]{0,20}?(?:要|务必|必须)"
)
# The date a plan was signed or printed, alone or after its issuer (…办公室　2024年1月20日印发).
SIGNED_DATE_RE = re.compile(
    r"[0-9０-９〇○零一二三四五六七八九]{4}\s*年[^。，,；;]{1,8}日\s*(?:印发|发布)?\s*$"
)

_TITLE_TAILS = frozenset({"助理"})
# The labels naming a group's head, whose unit (市住建局局长) leads the group's work.
GROUP_HEAD_LABELS = frozenset({"组长", "指挥长", "专班负责人"})
# Words written before a title that say which official, not who (协管副秘书长, 联系市领导).
_TITLE_QUALIFIERS = frozenset({"分管", "协管", "主管", "联系", "牵头", "常务", "主要", "负责"})


# Administrative levels written bare after a 各 collective: 各区、县级市, 各县、市、区.
_BARE_LEVELS = frozenset(
    {
        "县级市",
        "县",
        "县区",
        "区",
        "市",
        "乡",
        "镇",
        "乡镇",
        "街道",
        "开发区",
        "功能区",
        "园区",
        "功能板块",
        "板块",
    }
)
_LEVEL_RE = (
    "(?:县级市|开发区|功能区|功能板块|板块|园区|街道|乡镇|县区|自治区|直辖市|自治州|自治县|自治旗|省|县|区|市|乡|镇"
    "|旗|州|盟)"
)
# levels run together (市州, 县市区) as one
_LEVELS_RE = rf"{_LEVEL_RE}{{1,3}}"
#: What a collective of governments ends in: 各区、县级市人民政府 is one unit.
_COLLECTIVE_TAIL_RE = re.compile(
    rf"^{_LEVELS_RE}(?:(?:[（(][^）)]*[）)])?(?:人民政府|政府|党委和政府|党委、政府|党委政府|党委"
    r"|党（工）委|管委会|管理委员会)?"
    # or a department of each, its levels bracketed (各市、县（市、区）教育局); not 各街道、
    # 区市场局, where the district's own bureau follows the streets
    r"|[（(][^）)]*[）)][\u4e00-\u9fff]{2,8}(?:局|委|办|厅))(?:[（(][^）)]*[）)])?$"
)
# 各县, and 各县、市 as it grows level by level into 各县、市、区政府 (各有关区、县级市 too)
_COLLECTIVE_HEAD_RE = re.compile(
    rf"^(?:各(?:有关|相关)?|相关|有关){_LEVELS_RE}(?:[（(][^）)]*[）)])?(?:、{_LEVELS_RE}(?:[（(][^）)]*[）)])?)*$"
)


def split_units(segment: str, *, conjunctions: bool = False) -> list[str]:
    """Split a unit list at 、 ， , ； ; / and line breaks outside brackets; spaces removed.

    A collective of places stays one unit (各区、县级市; 各区、县级市人民政府).

    With ``conjunctions``, also at 及/和/与 where both sides are units and the whole is not
    (人力资源和社会保障局, 各县(区)党委和政府 stay whole).

    Examples
    --------
    >>> split_units("市财政局、各区、县级市人民政府等")
    ['市财政局', '各区、县级市人民政府']
    """
    return [unit for unit, _ in located_units(segment, conjunctions=conjunctions)]


def located_units(segment: str, *, conjunctions: bool = False) -> list[tuple[str, int]]:
    """:func:`split_units` with each unit's offset in ``segment``."""
    # A fresh list each call: callers may change it, the memoised tuple must not change.
    return list(_located_units(segment, conjunctions))


# The same unit lists and cells come back in plan after plan (and a cell is split again as
# a table's columns are fitted): the split, a function of the text alone, is memoised.
@lru_cache(maxsize=65536)
def _located_units(segment: str, conjunctions: bool) -> tuple[tuple[str, int], ...]:
    units: list[tuple[str, int]] = []
    segment = _DOT_BETWEEN_NAMES_RE.sub("、", segment)  # offsets kept
    simple = vocabulary_simplified(segment)  # (區工商、環保等部門; offsets kept)
    fields = _FIELDS_ETC_RE.search(simple)
    if (
        fields is not None
        and simple.lstrip()[:1] in _LEVEL_PREFIXES
        and not looks_like_unit(fields["field"])
    ):
        # 区工商、环保、卫生等部门: a level's fields sharing the head noun after 等, one unit
        # as 区工商、环保、卫生部门 is (等 dropped at the list's end, offsets before it kept);
        # fields with no level (卫生、城管等部门负责…) name the work, not a unit
        segment = segment[: fields.start("etc")] + segment[fields.end("etc") :]
    for start, part in _depth_split(segment, "、，,；;\n/／"):
        for offset, piece in _space_separated(part):
            unit = _trim_unit(squash_spaces(piece))
            if not unit:
                continue
            at = start + offset + _leading_trimmed(piece, unit)
            if units and _COLLECTIVE_HEAD_RE.match(vocabulary_simplified(units[-1][0])):
                tail = vocabulary_simplified(unit)
                if tail in _BARE_LEVELS or _COLLECTIVE_TAIL_RE.match(tail):
                    # 各区、县级市(人民政府) is one collective (every district and county-level
                    # city), not 各区 and a unit called 县级市.
                    units[-1] = (units[-1][0] + "、" + unit, units[-1][1])
                    continue
                cut = _collective_tail_before_conjunction(tail) if conjunctions else 0
                if cut:
                    # 各区、县级市人民政府及市直有关部门: the collective ends at the conjunction
                    units[-1] = (units[-1][0] + "、" + unit[:cut], units[-1][1])
                    unit, at = unit[cut + 1 :], at + cut + 1
            agent = _AGENT_NOTE_RE.match(unit)
            if agent and looks_like_unit(agent["owner"]) and looks_like_unit(agent["agent"]):
                # 区教体局(区国资公司代建): the owner, and a second unit building for it.
                units.append((agent["owner"], at))
                units.append((agent["agent"], at + agent.start("agent")))
            elif conjunctions:
                units.extend((u, at + unit.find(u[:2])) for u in _split_conjunctions(unit))
            else:
                units.append((unit, at))
    return tuple(_shared_heads(units, conjunctions))


_LEVEL_PREFIXES = frozenset("省市县区州盟旗")
_FIELDS_ETC_RE = re.compile(r"、(?P<field>[\u4e00-\u9fff]{2,8}?)(?P<etc>等)(?:部门|单位)$")


def _collective_tail_before_conjunction(tail: str) -> int:
    """Where a conjunction ends a collective's tail (县级市人民政府 / 及 / 市直有关部门), or 0."""
    for match in re.finditer(f"[{_CONJUNCTIONS}]", tail):
        if _COLLECTIVE_TAIL_RE.match(tail[: match.start()]) and match.end() < len(tail):
            return match.start()
    return 0


# The head nouns a list's segments may share (水利、电力部门; 人民大垸、荒湖管理区). Not
# 政府: places before a government (哈尔滨、黑河、绥芬河市政府) each stand alone.
_SHARED_HEAD_RE = re.compile(r"(?:管理区|管委会|部门|单位|公司)$")
_BARE_SEGMENT_RE = re.compile(r"^[\u4e00-\u9fff]{2,6}$")
_SHORT_FIELD_MAX = 4  # a level and a field's short name (县人社, 市卫健)


def _shared_heads(units: list[tuple[str, int]], conjunctions: bool) -> list[tuple[str, int]]:
    """Segments that are no unit alone, joined to the next one whose head noun they share:
    人民大垸、荒湖管理区 is one unit (both 管理区), as 各县、市、区政府 is; with
    ``conjunctions``, also after a unit and a conjunction (省编办及省各行业主管、监管部门)."""
    joined: list[tuple[str, int]] = []
    for unit, at in reversed(units):
        head = joined and _SHARED_HEAD_RE.search(vocabulary_simplified(joined[-1][0]))
        # 县人社、卫健部门: a short segment that only ends like a unit (社) shares the head too
        if head and not (
            looks_like_unit(unit)
            and (
                _named_as_unit(unit)
                or len(unit) > _SHORT_FIELD_MAX
                or _SHARED_HEAD_RE.search(vocabulary_simplified(unit))
                or vocabulary_simplified(unit).startswith("各")  # 各股室、委属部门单位
            )
        ):
            following, _ = joined[-1]
            if _shares_head(unit, head.group()):
                joined[-1] = (unit + "、" + following, at)
                continue
            cut = _conjunction_before_shared_head(unit, head.group()) if conjunctions else None
            if cut is not None:
                joined[-1] = (unit[cut + 1 :] + "、" + following, at + cut + 1)
                joined.append((unit[:cut], at))
                continue
        joined.append((unit, at))
    return joined[::-1]


def _shares_head(segment: str, head: str) -> bool:
    return bool(_BARE_SEGMENT_RE.match(segment)) and looks_like_unit(segment + head)


def _conjunction_before_shared_head(unit: str, head: str) -> int | None:
    """Where a unit and a segment sharing the next one's head noun are joined by 及/和/与."""
    simplified = vocabulary_simplified(unit)
    for i, char in enumerate(simplified):
        if (
            char in _CONJUNCTIONS
            and looks_like_unit(unit[:i])
            and _shares_head(unit[i + 1 :], head)
        ):
            return i
    return None


_AGENT_NOTE_RE = re.compile(r"^(?P<owner>[^（(]+)[（(](?P<agent>[^（()）]+?)(?:代建|承建)[)）]$")


def _leading_trimmed(piece: str, unit: str) -> int:
    """Offset of a trimmed unit within the raw piece it came from."""
    found = piece.find(unit[:2]) if unit else -1
    return max(found, 0)


def _depth_split(text: str, separators: str) -> list[tuple[int, str]]:
    """Split at separators outside brackets, keeping each part's offset."""
    if not _ANY_BRACKET_RE.search(text):
        # No bracket, so every separator splits: found by a regex, not char by char.
        parts, start = [], 0
        for match in _separators_re(separators).finditer(text):
            parts.append((start, text[start : match.start()]))
            start = match.end()
        parts.append((start, text[start:]))
        return parts
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char in OPEN_BRACKETS:
            depth += 1
        elif char in CLOSE_BRACKETS:
            depth = max(0, depth - 1)
        elif char in separators and depth == 0:
            parts.append((start, text[start:i]))
            start = i + 1
    parts.append((start, text[start:]))
    return parts


_WHITESPACE_RE = re.compile(r"\s")
_ANY_BRACKET_RE = re.compile(f"[{re.escape(OPEN_BRACKETS + CLOSE_BRACKETS)}]")


@lru_cache(maxsize=8)
def _separators_re(separators: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(separators)}]")


def _space_separated(part: str) -> list[tuple[int, str]]:
    """县总工会 团县委 → two units, where every space-separated piece is a unit the lexicon
    knows; a name broken by a space (市人力资源和社会 保障局) stays one."""
    # \s is str.isspace's whitespace: one regex search, not a generator over every char.
    if not _WHITESPACE_RE.search(part.strip()):
        return [(0, part)]
    pieces = [(m.start(), m.group()) for m in re.finditer(r"\S+", part)]
    if len(pieces) < 2:
        return [(0, part)]
    names = [_trim_unit(piece) for _, piece in pieces]
    if any(_bodies_of_places(a, b) for a, b in pairwise(names)):
        return [(0, part)]  # 各县区(开发区) 安委会: the committee of each district, one name
    known = [_lexicon_knows(name) for name in names]
    # Every piece a unit the lexicon knows; or every piece a whole unit name (of three
    # characters or more, ending like a unit) with at least one the lexicon knows.
    if all(known) or (any(known) and all(len(n) >= 3 and looks_like_unit(n) for n in names)):
        return pieces
    # a unit's head named after it (市民政局 伍泽国): the name is set apart, to be an official
    people = [is_person_name(n) for n in names]
    if known[0] and any(people) and all(k or p for k, p in zip(known, people, strict=True)):
        return pieces
    return [(0, part)]


_PLACES_COLLECTIVE_RE = re.compile(
    rf"^(?:各|相关|有关){_LEVEL_RE}+(?:[（(][^）)]*[）)])?(?:、{_LEVEL_RE}+(?:[（(][^）)]*[）)])?)*$"
)


def _bodies_of_places(first: str, second: str) -> bool:
    """各县区(开发区) then 安委会: a collective of places, then a body named without a place,
    is that body of each place."""
    body = vocabulary_simplified(second)
    return (
        bool(_PLACES_COLLECTIVE_RE.match(vocabulary_simplified(first)))
        and looks_like_unit(second)
        and not body.startswith(_PLACE_OPENINGS)
        and body[-1] not in PLACE_ENDINGS
    )


# How a unit named with its place begins: a unit's openings, a village too, not 团 (团市委).
_PLACE_OPENINGS = tuple(sorted((UNIT_STARTS - {"团"}) | {"村"}))


@lru_cache(maxsize=65536)  # the same unit names are trimmed again and again (issue 19)
def _trim_unit(unit: str) -> str:
    """A unit without list punctuation, a trailing 等 (市财政局等有关部门), a duty verb the
    list ends in (…按职责分工负责), or a closing bracket the list itself does not open."""
    unit = unit.strip("。.：:" + _STRAY_MARKS)
    # matched on the simplified copy (offsets kept) so that 等10個部門 ends a list too
    simple = vocabulary_simplified(unit)
    for ending in (_TRAILING_ETC_RE, _TRAILING_DUTY_RE, _TRAILING_ETC_RE):
        found = ending.search(simple)
        if found is not None:
            unit, simple = unit[: found.start()], simple[: found.start()]
    while unit and unit[-1] in CLOSE_BRACKETS and bracket_balance(unit) < 0:
        unit = unit[:-1].rstrip()
    while unit and unit[0] in OPEN_BRACKETS and bracket_balance(unit) > 0:
        unit = unit[1:].lstrip()
    unit = unit.strip("。.：:，,、；;" + _STRAY_MARKS)
    # 承办单位：A、B，其中A为主办单位: the list's own unit named again to give its role
    unit = unit.removeprefix("其中")
    # an item's title closed by a half-width full stop before its units (推进海绵城市建设.
    # 市住建局、市水务局按职责分工负责) is no part of the first name
    titled = _TITLE_STOP_RE.search(unit)
    if titled is not None and looks_like_unit(unit[titled.end() :]):
        unit = unit[titled.end() :]
    # 由A牵头 read by a subject's reading, 第3项“防范化解金融风险”工作由A负责, 请A协调解决:
    # neither the preposition (or the asking word) nor the work's name before it is part of
    # the unit's name
    by = _BY_PREFIX_RE.match(unit)
    if by is not None and looks_like_unit(unit[by.end() :]):
        unit = unit[by.end() :]
    elif vocabulary_simplified(unit[:1]) == "请" and _asked_unit(unit[1:]):
        unit = unit[1:]
    # a label that names no unit says so (配合单位：无 / ——)
    return "" if vocabulary_simplified(unit) in _NO_UNIT else unit


_BY_PREFIX_RE = re.compile(r"(?:.*?(?:工作|任务|事项|”))?由")
_TITLE_STOP_RE = re.compile(r"^[\u4e00-\u9fff“”]{4,24}\.(?![0-9])")


def _asked_unit(name: str) -> bool:
    """A unit asked by name to do the work (请市文明办协调解决; 请各乡镇人民政府落实…);
    请各部门抓好落实 asks every department, a demand on all."""
    simple = vocabulary_simplified(name)
    return (
        not _GENERIC_COLLECTIVE_RE.match(simple)
        and not _ROLE_COLLECTIVE_RE.match(simple)
        and _named_as_unit(name)
    )


_NO_UNIT = frozenset({"无", "無", "暂无", "暫無", "—", "——", "-", "－", "/", "／"})


# A scan reads 、 between two names as a full stop (县城管局.县财政局).
_DOT_BETWEEN_NAMES_RE = re.compile(r"(?<=[局委办府室队心会院厅部所站])[.．](?=[\u4e00-\u9fff])")
# Marks a scan leaves at a line's end (_, ~, ·): never part of a unit's name (a pipe may close a
# table's cell).
_STRAY_MARKS = "_~～·"


_STARS = "*＊★☆"


def role_marked(unit: str) -> tuple[str | None, str]:
    """A unit's own role mark, as in 县人社局（牵头）: (role or None, unit without the mark).

    Examples
    --------
    >>> role_marked("县人社局（牵头）")
    ('lead', '县人社局')
    >>> role_marked("县人社局（县就业局）")
    (None, '县人社局（县就业局）')
    """
    starred = unit.strip(_STARS)
    if starred != unit and starred:
        return "lead", strip_spaces(starred)  # ★县发改局 (a star marks the lead)
    match = _role_mark_re().search(vocabulary_simplified(unit))
    if match is None or match.start() == 0:
        return None, unit
    role = dict(_terms("mark"))[match.group(1)]
    return role, strip_spaces(unit[: match.start()])


def _split_conjunctions(unit: str) -> list[str]:
    """Split 市人社局及市总工会 at 及/以及/和/与 where a new unit (with its own level) begins.

    Names that hold 和 themselves (人力资源和社会保障局, 各县(区)党委和政府) stay whole: what
    follows their 和 does not start with a level or place marker such as 市, 县, 区.
    """
    simplified = vocabulary_simplified(unit)
    for i, char in enumerate(simplified):
        if char not in _CONJUNCTIONS or not 0 < i < len(unit) - 1:
            continue
        # 以及 is one conjunction (市财政局以及各区政府)
        left = unit[: i - 1] if simplified[i - 1 : i + 1] == "以及" else unit[:i]
        right = unit[i + 1 :]
        # A new unit begins after the conjunction where it starts with a level or place
        # (市, 县, 各 …), or where the left side is a whole unit name and the right one
        # too, longer than a bare 政府 (环保厅和内蒙古电力监管办; not 党委和政府).
        starts_unit = simplified[i + 1] in UNIT_STARTS or (
            (simplified[i - 1] in UNIT_ENDINGS or _SCHOOL_RE.search(to_simplified(left)))
            and len(right) >= 3
            and not right.startswith(_GENERIC_GOVERNMENT)
        )
        if not starts_unit:
            continue
        rest = _split_conjunctions(right)
        if looks_like_unit(left) and all(looks_like_unit(u) for u in rest):
            return [left, *rest]
    return [unit]


_GENERIC_GOVERNMENT = ("政府", "人民政府", "管委会", "党委", "行署")


@dataclass
class _Found:
    """What a note's text names: units with roles, officials, a deadline."""

    units: list[tuple[str, str, int]]
    officials: list[tuple[str, int]]
    timeline: str = ""


# A list's lead named after it: 责任单位：A、B（A牵头）; 责任单位：A、B，其中A为牵头单位 (A牵头).
_NAMED_LEAD_RE = re.compile(
    r"[（(]\s*([^（()）、，,]{2,30}?)\s*牵头\s*[）)]\s*$"
    r"|[，,；;]\s*其中\s*([^，,；;。、]{2,30}?)\s*(?:(?:为|是|作为)牵头(?:单位|部门)|负责牵头|牵头)\s*$"
)


_LAST_PIECE_RE = re.compile(r"[\u4e00-\u9fff]+$")
_QUALIFIER_MAX = 4


def _without_stop_qualifier(content: str) -> str:
    """A list without the words that open the progress label after it (…、区民政局贯彻|
    落实情况：, its line break lost): the last name ends where a unit's name ends, if what
    follows it is no unit."""
    last = _LAST_PIECE_RE.search(content)
    if last is None or looks_like_unit(last.group()):
        return content
    piece = last.group()
    for cut in range(1, min(_QUALIFIER_MAX, len(piece) - 2) + 1):
        if looks_like_unit(piece[:-cut]) and not looks_like_unit(piece[-cut:]):
            return content[: last.start() + len(piece) - cut]
    return content


def label_units(inner: str, base: int = 0) -> _Found:
    """``牵头单位：A、B；配合单位：C`` → units with roles (lead/support/single), in order.

    Offsets are ``base`` plus the unit's offset in ``inner``.
    """
    simplified = vocabulary_simplified(inner)
    found = _Found([], [])
    matches = list(_label_re().finditer(simplified))
    for i, match in enumerate(matches):
        role = _label_role(match.group(1))
        end = matches[i + 1].start() if i + 1 < len(matches) else len(inner)
        content = inner[match.end() : end]
        if i + 1 < len(matches) and _label_role(matches[i + 1].group(1)) == "stop":
            content = _without_stop_qualifier(content)
        # The list ends with its sentence: what follows a 。 is a remark (具体任务均涉及…).
        stop = content.find("。")
        if 0 < stop < len(content.rstrip("。 \n")):
            content = content[:stop]
        at = base + match.end()
        named_lead = (
            _NAMED_LEAD_RE.search(vocabulary_simplified(content))
            if role in ("lead", "single")
            else None
        )
        lead = ""
        if named_lead:
            group = 1 if named_lead.group(1) else 2  # the name as written, not its copy
            lead = squash_spaces(content[named_lead.start(group) : named_lead.end(group)])
            content = content[: named_lead.start()]
        sentence = (
            sentence_units(content, at, open_tail=role, objects=True)
            if role in UNIT_ROLES and _verb_re().search(vocabulary_simplified(content))
            else None
        )
        if sentence is not None:
            found.units.extend(sentence.units)
            found.officials.extend(sentence.officials)
        elif role in UNIT_ROLES:
            content = _before_figures(content)
            for unit, offset in located_units(content, conjunctions=True):
                dated = (
                    _DEADLINE_BRACKET_RE.search(vocabulary_simplified(unit))
                    if unit.endswith(("）", ")"))
                    else None
                )
                if dated is not None and looks_like_unit(unit[: dated.start()]):
                    found.timeline = found.timeline or strip_spaces(unit[dated.start() :])
                    unit = unit[: dated.start()]
                if _DEADLINE_RE.search(vocabulary_simplified(unit)) and not looks_like_unit(unit):
                    # a deadline closing the list (…，各县市人民政府，6月底完成)
                    found.timeline = found.timeline or strip_spaces(unit).strip("。；;，,")
                    continue
                marked, unit = role_marked(unit)
                if lead and unit == lead:
                    marked = "lead"
                if is_official(unit):
                    found.officials.append((unit, at + offset))
                elif _is_persons_name(unit):
                    # 成员：刘志强　市政府副秘书长 — a group's member listed by name and post
                    label = squash_spaces(match.group(1)).lstrip("【")
                    found.officials.append((f"{unit}（{label}）", at + offset))
                else:
                    found.units.append((marked or role, unit, at + offset))
        elif role == "division":
            parsed = sentence_units(content, at, objects=True)
            if parsed is None:
                found.units.extend(("single", u, at + o) for u, o in located_units(content))
            else:
                found.units.extend(parsed.units)
                found.officials.extend(parsed.officials)
        elif role == "official":
            label = squash_spaces(match.group(1)).lstrip("【")
            written_label = vocabulary_simplified(label)
            # (专班负责人 is one label; 专班组长 is 组长 under a task force's own word)
            if {written_label, re.sub(f"^{_level()}", "", written_label)} & GROUP_HEAD_LABELS:
                # 组长：市住建局局长 — a group led by a unit's official is led by that unit
                written = content.strip().rstrip("；;。，,")
                unit_end = leader_unit_end(written)
                # (县委副书记、县长: the place's own leaders head it, no department)
                if unit_end is not None and not _leadership(written[:unit_end]):
                    at_unit = at + content.find(written)
                    found.units.append(("lead", written[:unit_end], at_unit))
                    found.officials.append(
                        ("".join(written[unit_end:].split()), at_unit + unit_end)
                    )
                    continue
            for name, offset in located_units(content):
                # a bare name's title is the label it stands under (牵头领导：张伟)
                person = is_person_name(name) and not is_official(name)
                written = f"{name}（{label}）" if person else name
                found.officials.append((written, at + offset))
        elif role == "timeline" and not found.timeline:
            found.timeline = strip_spaces(content).strip("。；;，,")
    return found


# A row of figures set apart by spaces (年度目标 2 5 1 2 10): a statistics table, never units.
_FIGURES_RE = re.compile(r"(?:\s+\d+(?:\.\d+)?%?(?=\s|$)){3,}")
_FIRST_SPACE_RE = re.compile(r"(?<=\S)\s")


def _before_figures(content: str) -> str:
    """A label's list without the statistics table a copy ran on after it with no break
    (配合单位：市公安局,各区政府 鄞州 海曙、江东 合计 新辟线路 2 5 1 …): the list, written
    with 、 and ，, ends at its first space; the table's column heads (鄞州) are places, not
    more units."""
    figures = _FIGURES_RE.search(content)
    if figures is None:
        return content
    head = content[: figures.start()]
    space = _FIRST_SPACE_RE.search(head.lstrip())
    return head.lstrip()[: space.start()] if space else head


def sentence_units(
    inner: str, base: int = 0, *, open_tail: str = "", objects: bool = False
) -> _Found | None:
    """Units of a sentence-form note (A牵头，B、C配合; 由A牵头、B参与; A会同B负责).

    Returns None if the text is not such a note: every group before a role verb must
    consist of units (or officials' titles). Roles: lead, support, or ``shared`` for units
    sharing a duty with no lead named (（A、B负责）). With ``open_tail`` (the role of the
    label the sentence follows: 责任单位：A牵头，B、C), units after the last verb take that
    role instead of making the text not a sentence. With ``objects`` (a bracketed note, a
    label's text or a table cell, never free prose), a short text naming no unit after the
    last verb is what the units do (C负责本辖区工作; ，确保按期完成), not a reason to refuse.
    """
    simplified = vocabulary_simplified(inner)
    deadline = _LEADING_DEADLINE_RE.match(simplified)
    if deadline is not None and not any(
        looks_like_unit(n) for n, _ in located_units(inner[: deadline.end()].rstrip("，, "))
    ):
        # （2023年底前，A牵头）: the deadline first, then the units
        rest = sentence_units(
            inner[deadline.end() :], base + deadline.end(), open_tail=open_tail, objects=objects
        )
        if rest is not None and not rest.timeline:
            rest.timeline = strip_spaces(inner[: deadline.end()]).rstrip("，,")
        return rest
    named = _NAMED_LEAD_RE.search(vocabulary_simplified(inner.rstrip("。；; ")))
    if named is not None and named.group(2):
        # A、B、C，其中B牵头: the list, and which of its units leads
        names = located_units(inner[: named.start()], conjunctions=True)
        lead = squash_spaces(inner[named.start(2) : named.end(2)])
        if lead in {n for n, _ in names} and all(looks_like_unit(n) for n, _ in names):
            return _Found([("lead" if n == lead else "support", n, base + o) for n, o in names], [])
    clause = _labelled_clause_re().search(simplified)
    if clause is not None:
        # 由A组织推动，责任主体是B、C: the labelled clause's units after the verbs'
        names = located_units(inner[clause.end() :].rstrip("。；; "))
        before = sentence_units(inner[: clause.start()], base, open_tail=open_tail, objects=objects)
        if before is not None and before.units and _units_of_a_list([n for n, _ in names]):
            role = labels()[squash_spaces(clause.group("label"))]
            before.units.extend((role, n, base + clause.end() + o) for n, o in names)
            return before
    units: list[tuple[str, str, int]] = []
    officials: list[tuple[str, int]] = []
    position = 0
    pending_joint = False
    shared_duty = True
    # units per clause of a shared duty: one each in two clauses or more (城区由A负责，农村由B
    # 负责) is each leading its part, as 分别负责
    duty_clauses: list[int] = []
    for match in _verb_re().finditer(simplified):
        group = inner[position : match.start()]
        head = _LAST_CLAUSE_BREAK_RE.search(group) if open_tail and not units else None
        if head is not None:
            # 责任单位：A，B、C配合: the label's own units, then a clause with a verb of its own
            head_names = located_units(group[: head.start()], conjunctions=True)
            if head_names and all(looks_like_unit(n) for n, _ in head_names):
                units.extend((open_tail, n, base + position + o) for n, o in head_names)
                shared_duty = False
                position += head.end()
                group = inner[position : match.start()]
        duty = _LAST_CLAUSE_BREAK_RE.search(group) if objects and units else None
        if duty is not None and not all(
            looks_like_unit(n) for n, _ in located_units(group[: duty.start()])
        ):
            # A负责政策制定，B负责资金保障: what the units before did, then the next units
            tail = located_units(group[duty.end() :].lstrip("由 "), conjunctions=True)
            if tail and all(looks_like_unit(_without_by(n, o)[0]) for n, o in tail):
                position += duty.end()
                group = inner[position : match.start()]
        stripped = group.lstrip("由，,、；; ")
        # 由A牵头，会同B、C共同推进: the units A works with support it
        partner = _PARTNERS_AFTER_LEAD_RE.match(vocabulary_simplified(stripped)) if units else None
        if partner is not None:
            stripped = stripped[partner.end() :]
        skip = len(group) - len(stripped)
        names = located_units(stripped, conjunctions=True)
        names = [_without_by(n, o) for n, o in names]
        if match.group(0).startswith("为") and names:
            # 以A、B为主; 以A为责任主体; 此项工作以A为主
            with_unit = _PART_WITH_RE.match(vocabulary_simplified(names[0][0]))
            if with_unit is not None and looks_like_unit(names[0][0][with_unit.end() :]):
                names[0] = (names[0][0][with_unit.end() :], names[0][1] + with_unit.end())
        verb_role = _verb_role(match)
        if not names and units and not group.strip():
            # a second verb straight after the first (A负责组织实施): one duty
            position = match.end()
            continue
        if not names and verb_role == "joint" and units and not group.strip(" ，,；;并"):
            # 由A牵头，会同B、C推进 / A负责，会同B、C开展…: the clause naming who leads, then
            # the units it works with
            units = [("lead" if r == "shared" else r, n, o) for r, n, o in units]
            shared_duty = False
            pending_joint = True
            position = match.end()
            continue
        if not names:
            if not pending_joint:
                return None
            position = match.end()
            continue
        if not _units_of_a_list([n for n, _ in names]):
            # The verb is part of a name (区政协办公室 holds 协办): keep reading.
            continue
        at = base + position + skip
        position = match.end()
        officials.extend((n, at + o) for n, o in names if is_official(n))
        names = [(n, o) for n, o in names if not is_official(n)]
        if pending_joint:
            units.extend(("support", n, at + o) for n, o in names)
            pending_joint = False
            if verb_role == "joint":
                return None
            continue
        if verb_role == "joint":
            units.extend(("lead", n, at + o) for n, o in names)
            pending_joint = True
            continue
        if verb_role == "shared" and _EACH_BY_RE.match(vocabulary_simplified(stripped)):
            verb_role = "lead"  # 分别由A、B负责: each leads its part
        role = {"support_or_shared": "support"}.get(verb_role, verb_role)
        if partner is not None and verb_role in ("shared", "support_or_shared"):
            role = "support"
        units.extend((role, n, at + o) for n, o in names)
        shared_duty = shared_duty and verb_role in ("shared", "support_or_shared")
        # (B要落实X: a unit told to carry out its own part has a duty clause of its own)
        told = verb_role == "support_or_shared" and _MODAL_RE.match(simplified, match.start())
        duty_clauses.append(len(names) if verb_role == "shared" or told else 0)
    tail = inner[position:]
    if pending_joint:
        # 会同B、C建立…: the units, then the work they do together (no role verb after it)
        names = _units_before_work(tail)
        if not names:
            return None
        units.extend(("support", n, base + position + o) for n, o in names)
        tail = ""
    rest = strip_spaces(tail).strip("。，,；;、")
    if rest and open_tail and units:
        names = located_units(tail)
        if names and all(looks_like_unit(n) for n, _ in names):
            units.extend((open_tail, n, base + position + o) for n, o in names)
            shared_duty = False
            rest = ""
    timeline = ""
    if (
        rest
        and units
        and _DEADLINE_CLAUSE_RE.match(vocabulary_simplified(tail))
        and not any(looks_like_unit(n) for n, _ in located_units(rest))
    ):
        # a deadline closing the note: （A负责，年内持续推进）, （A牵头，6月底前完成）
        timeline, rest = rest, ""
    if rest and units and objects and _duty_object(rest):
        # what the last units do, not who (C负责本辖区工作; ，确保按期完成)
        rest = ""
    if rest or not (units or officials):
        return None
    if shared_duty and len(duty_clauses) >= 2 and set(duty_clauses) == {1}:
        # each clause gives its own unit its own part (A负责指导，B负责落实): each leads it
        units = [("lead", n, o) for _, n, o in units]
    elif shared_duty and not any(role == "lead" for role, _, _ in units):
        # （A、B按职责分工负责） with no one leading: the units share the responsibility, as
        # in （A、B负责）, rather than supporting a lead the note does not name.
        units = [("shared", n, o) for _, n, o in units]
    return _Found(units, officials, timeline)


def _opens_work(text: str) -> bool:
    """Whether ``text`` opens with the work a unit does (编制…, 建设…, 科学规划…)."""
    return bool(_WORK_OPENING_RE.match(vocabulary_simplified(text)))


def _units_before_work(text: str) -> list[tuple[str, int]]:
    """The units opening ``text`` (B、C建立耕地保护机制 → B, C): every name before the last
    a unit, the last one cut where a unit's name ends and the work begins; [] otherwise."""
    clause = _CLAUSE_END_RE.split(text, maxsplit=1)[0]
    names = located_units(clause, conjunctions=True)
    if not names or not all(looks_like_unit(n) for n, _ in names[:-1]):
        return []
    last, offset = names[-1]
    if looks_like_unit(last) and _lexicon_knows(last):
        return names
    ends = [
        end
        for end in range(len(last) - 1, 1, -1)
        if vocabulary_simplified(last[end - 1]) in UNIT_ENDINGS and _named_as_unit(last[:end])
    ]
    if looks_like_unit(last):
        # a name the lexicon does not know may run on into the work where a known unit's
        # name ends and a measure's verb follows (省自然资源厅科学规划风电项目布局)
        worded = [end for end in ends if _lexicon_knows(last[:end]) and _opens_work(last[end:])]
        return [*names[:-1], (last[: max(worded)], offset)] if worded else names
    if not ends:
        return []

    # A longer cut may also end like a unit (市妇联办理: 办 ends 市政府办; 市卫生健康委深化公立
    # 医院: 院 ends a hospital's name): the name ends rather where the work starts with a word
    # of joint work, or where the lexicon knows the name, longest first.
    def rank(end: int) -> tuple[bool, bool, int]:
        worded = bool(_JOINT_WORK_START_RE.match(vocabulary_simplified(last[end:])))
        return (worded, _lexicon_knows(last[:end]), end)

    return [*names[:-1], (last[: max(ends, key=rank)], offset)]


_LAST_CLAUSE_BREAK_RE = re.compile(r"[，,；;](?=[^，,；;]*$)")
_PARTNERS_AFTER_LEAD_RE = re.compile(r"^(?:并|并且)?(?:会同|协同|联合)")

# a work ending in 理 before 由 (垃圾处理由A负责; 扬尘治理由A负责), not the word 理由
_WORK_BEFORE_BY = "(?<=[处治管办清整代受审护修]理)"
# 由 opening a sentence's units, with the adverb it may carry (具体由A牵头; 统一由A负责), and
# the part of the work it is given before it (城区由A负责).
_BY_RE = re.compile(
    r"^(?P<part>(?:(?!由)[\u4e00-\u9fff0-9０-９]){1,12}"
    rf"(?:{_WORK_BEFORE_BY}|(?<![自理经缘]))(?=(?:分别)?由))?"
    r"(?:具体|主要|统一|分别|均|并|另)?由"
)
# the part of the work before 以 and the unit answering for it (此项工作以A为主; 村级工业园
# 改造以各镇（街道）为主体)
_PART_WITH_RE = re.compile(r"^(?:[\u4e00-\u9fff]{2,12}?(?<!成立|组建|建立|设立))?以(?![^为]*为)")
# 由 as the word "by", not inside 自由, 理由, 经由 (市自由贸易试验区管委会)
_BY_WORD = f"(?:{_WORK_BEFORE_BY}|(?<![自理经缘]))由"
_EACH_BY_RE = re.compile(r"^[，,、；; ]*(?:[\u4e00-\u9fff]{1,4})?分别由")


def _without_by(name: str, offset: int) -> tuple[str, int]:
    """A unit without the 由 (and its adverb) that opens the sentence naming it, and
    without the part of the work written before 由 (城区由A负责); a name holding 由 itself
    (市自由贸易区管委会) is left whole."""
    by = _BY_RE.match(vocabulary_simplified(name))
    if by is not None and not (by.group("part") and not looks_like_unit(name[by.end() :])):
        name, offset = name[by.end() :], offset + by.end()
    # 由包片单位县气象局负责: the label naming the unit's part before its name
    label = _label_prefix_re().match(vocabulary_simplified(name))
    if label is not None and looks_like_unit(name[label.end() :]):
        return name[label.end() :], offset + label.end()
    return name, offset


@lru_cache(maxsize=1)
def _label_prefix_re() -> re.Pattern[str]:
    """A unit label written before a unit's name with its level (包片单位县气象局)."""
    return re.compile(rf"^(?:{_unit_labels()})(?=[省市县区州旗盟镇乡])")


@lru_cache(maxsize=1)
def _labelled_clause_re() -> re.Pattern[str]:
    """A clause naming units by a label after the role verbs' clauses: ，责任主体是B."""
    return re.compile(rf"[，,；;]\s*(?P<label>{_unit_labels()})\s*(?:是|为|[:：])\s*")


def _unit_labels() -> str:
    """Alternation of the labels that name units (牵头单位, 配合部门, 责任主体 …)."""
    return _alternation(t for t, r in labels().items() if r in UNIT_ROLES)


#: Longest text after a note's last role verb read as the duty's object or a closing clause.
_DUTY_OBJECT_MAX = 16


def _duty_object(rest: str) -> bool:
    """Whether the text after a note's last verb says what is done, naming no unit: the
    object of the duty (负责本辖区工作) or a short clause (确保按期完成)."""
    if len(rest) > _DUTY_OBJECT_MAX or _verb_re().search(vocabulary_simplified(rest)):
        return False
    for name, _ in located_units(rest):
        # a unit opening a clause names who does it (，C做好资金保障): that is no object;
        # 本辖区, 本部门, 其所属 point back at the units before the verb
        if name.startswith(("本", "其", "该")):
            continue
        if any(looks_like_unit(name[:end]) for end in range(2, len(name) + 1)):
            return False
    return True


_DEADLINE_RE = re.compile(
    r"\d{1,4}\s*年|\d{1,2}\s*月|年内|年底|月底|季度|上半年|下半年|长期|持续|常态|每年|逐年|按年度"
)
# A clause before a note's units that says when (2023年底前，A牵头; 长期坚持，A、B负责).
_LEADING_DEADLINE_RE = re.compile(
    rf"^\s*[^，,；;。]{{0,12}}?(?:{_DEADLINE_RE.pattern}|坚持)[^，,；;。]{{0,12}}[，,；;]\s*"
)
# A deadline in brackets after a unit's name (市交通运输局（2025年6月底前建成通车）): no alias
_DEADLINE_BRACKET_RE = re.compile(rf"[（(]\s*(?:{_DEADLINE_RE.pattern})[^（()）]{{0,30}}[)）]\s*$")
# A clause after a note's units that says when, not who (，年内持续推进; ，2024年6月底前完成).
_DEADLINE_CLAUSE_RE = re.compile(
    rf"^\s*[，,；;]\s*[^，,；;。]{{0,20}}?(?:{_DEADLINE_RE.pattern})[^，,；;。]{{0,12}}[。；;]?\s*$"
)


# (县示范区管委会牵头工作; 县卫生健康委配合的工作; 茄子河区政府负责： over its items)
_HEADING_ROLE_RE = re.compile(
    r"^(.{2,40}?)(?P<verb>牵头|负责|分管|配合|协同|参与)"
    r"(?:(?:的[\u4e00-\u9fff]{0,4}?|(?:重点|主要))?(?:工作|任务|事项)\S{0,6}|\s*[:：])$"
)
_SUPPORTING_HEADING_VERBS = ("配合", "协同", "参与")


@lru_cache(maxsize=1024)
def heading_assignment(heading: str) -> _Found | None:
    """Who a heading makes responsible for every item under it: 县示范区管委会牵头工作 (the
    unit leads them), 刘忻市长牵头重点工作 (an official). Units get the offset -1.

    Examples
    --------
    >>> heading_assignment("县示范区管委会牵头工作").units
    [('lead', '县示范区管委会', -1)]
    >>> heading_assignment("加快产业转型升级") is None
    True
    """
    match = _HEADING_ROLE_RE.match(vocabulary_simplified(squash_spaces(heading)))
    if match is None:
        return _unit_heading(heading)
    names = split_units(heading[: match.end(1)], conjunctions=True)
    if not names:
        return None
    if all(is_official(n) or _PERSON_TITLE_RE.search(n) for n in names):
        return _Found([], [(n, -1) for n in names])
    if all(looks_like_unit(n) for n in names):
        # 一、县卫生健康委配合的工作: the unit supports the items under it
        role = "support" if match.group("verb") in _SUPPORTING_HEADING_VERBS else "lead"
        return _Found([(role, n, -1) for n in names], [])
    return None


# A sub-heading under a unit's heading sorting its items by role (牵头任务： / 2.配合任务).
_TASK_ROLE_HEADING_RE = re.compile(
    r"^(?P<verb>牵头|主办|主责|配合|协同|协办|参与)(?:的)?(?:重点)?(?:工作|任务|事项)(?:\s*[（(]\s*\d{1,3}\s*项\s*[）)])?\s*[：:]?\s*$"
)


def task_role_heading(text: str) -> str | None:
    """The role a sub-heading gives the unit heading its section for the items under it
    (牵头任务： → ``lead``; 配合任务： → ``support``), or None.

    Examples
    --------
    >>> task_role_heading("配合任务：")
    'support'
    >>> task_role_heading("牵头任务（3项）")
    'lead'
    """
    match = _TASK_ROLE_HEADING_RE.match(vocabulary_simplified(squash_spaces(text)))
    if match is None:
        return None
    return "support" if match.group("verb") in ("配合", "协同", "协办", "参与") else "lead"


# A heading naming only units, before the items they are given (二、市财政局（3项）：;
# （一）县卫生健康委（牵头3项）).
_UNIT_HEADING_TAIL_RE = re.compile(
    r"(?:[（(]\s*(?:牵头|配合|共|计)?\s*\d{1,3}\s*(?:项|条|个)\s*[）)])?"
    # 县经济局主要工作任务：, 市卫生局职责：, 卫生部门职责、任务
    r"(?:的?(?:主要|重点)?(?:工作)?(?:任务|职责)(?:[、和及与]?(?:任务|职责|分工))?)?\s*[:：]?\s*$"
)


# A department named by its field (公安部门, 发展改革部门, 安全监管部门), as a plan laid out by
# department heads its sections; not 有关部门 or 职能部门.
_FIELD_DEPARTMENT_RE = re.compile(
    r"^(?!有关|相关|职能|各|其他|其它)(?:[\u4e00-\u9fff]{2,6}、){0,4}[\u4e00-\u9fff]{2,6}(?:部门|机关)$"
)


def _unit_heading(heading: str) -> _Found | None:
    """A heading that is a unit's name, over the items that unit is given (a plan laid out
    by department): the unit leads each; several units named together are responsible."""
    text = squash_spaces(heading)
    tail = _UNIT_HEADING_TAIL_RE.search(vocabulary_simplified(text))
    names = split_units(text[: tail.start()] if tail else text)
    if not names or not all(looks_like_unit(n) and not is_official(n) for n in names):
        return None
    if not any(
        _named_as_unit(n) or _FIELD_DEPARTMENT_RE.match(vocabulary_simplified(n)) for n in names
    ):
        return None
    role = "lead" if len(names) == 1 else "responsible"
    return _Found([(role, n, -1) for n in names], [])


def is_unit_heading_line(text: str) -> bool:
    """Whether an unnumbered line is a unit's heading over the items below it: only the
    unit's name, closed by a colon or a duty word (市人社局主要工作任务：, 市卫生局职责).

    Examples
    --------
    >>> is_unit_heading_line("市人力资源和社会保障局主要工作任务：")
    True
    >>> is_unit_heading_line("市财政局：落实资金保障。")
    False
    """
    text = squash_spaces(text)
    tail = _UNIT_HEADING_TAIL_RE.search(vocabulary_simplified(text))
    return (
        tail is not None
        and tail.start() < tail.end()
        and not _SENTENCE_MARK_RE.search(text)
        and _unit_heading(text) is not None
    )


# An item under a unit's heading that opens with the units it works with (会同A、B推进…) or
# supports (配合A做好…).
_PARTNERS_AT_OPENING_RE = re.compile(
    rf"^(?:{_MODAL}|并)?(?P<verb>会同|配合|协助|协同)(?P<units>[^，,。；;]{{2,60}}?)"
    r"(?:等(?:有关|相关)?(?:部门|单位))?" + _JOINT_WORK_AHEAD
)


def heading_units_with_partners(heading: _Found, item: str) -> list[tuple[str, str, int]]:
    """The units of a unit's heading for one item under it, with the partners the item
    opens with: 会同B推进… (the heading's unit leads, B supports); 配合B做好… (B leads, the
    heading's unit supports)."""
    match = _PARTNERS_AT_OPENING_RE.match(vocabulary_simplified(item.lstrip()))
    if match is None:
        return list(heading.units)
    skip = len(item) - len(item.lstrip())
    names = located_units(item[skip + match.start("units") : skip + match.end("units")])
    if not names or not all(looks_like_unit(n) for n, _ in names):
        return list(heading.units)
    partners = [(skip + match.start("units") + o, n) for n, o in names]
    if match.group("verb") == "会同":
        return [*heading.units, *(("support", n, o) for o, n in partners)]
    return [
        *(("lead", n, o) for o, n in partners),
        *(("support", n, o) for _, n, o in heading.units),
    ]


# An official named with a title in a heading (刘忻市长, 王浩省长).
_PERSON_TITLE_RE = re.compile(r"^[\u4e00-\u9fff]{2,3}(?:常务)?副?(?:省|市|县|区)长$")


def has_role_verb(text: str) -> bool:
    """Whether a text holds a role verb (牵头, 配合, 负责 …)."""
    return _verb_re().search(vocabulary_simplified(text)) is not None


# A progress report's status closing an item (【已完成】, [正在推进], （序时推进）).
_STATUS_TAG_RE = re.compile(
    r"[【\[（(]\s*(?:已|正在|基本|全面|按期|按时|序时|正常|未|尚未|暂未|超额|持续)?"
    r"(?:完成|办结|推进|推进中|实施|开工|启动|进行|滞后|达标|达到序时进度)\s*[】\]）)]\s*[。；;]?\s*$"
)


_SENTENCE_MARK_RE = re.compile(r"[。；;，,！？!?]")
_BEFORE_PROGRESS = " \t\u3000。；;，,）)】]」"


@lru_cache(maxsize=1)
def _progress_label_re() -> re.Pattern[str]:
    """A progress report's label (完成情况：, 进展情况：), from the vocabulary's stop labels."""
    progress = [
        term
        for term, role in labels().items()
        if role == "stop" and ("情况" in term or "进展" in term)
    ]
    return re.compile(rf"(?:{_spaced(progress)})\s*[:：]")


@lru_cache(maxsize=4096)  # a paragraph is asked about again as a measure is assembled
def find_note(text: str, starts: tuple[int, ...] = (0,)) -> Note | None:
    """The responsibility note of a measure's text, if it has one.

    A bracketed note at the end (labels, a sentence, or a list of units only), else a
    trailing run of labels (…。牵头单位：A；责任单位：B), else a closing sentence
    由A牵头、B配合, else clauses opening one of its paragraphs (``starts``: their offsets)
    that assign it (由张伟副市长负责，市发改委牵头，相关部门配合，尽快完成…).

    Examples
    --------
    >>> [u[:2] for u in find_note("做好工作。（牵头单位：市委宣传部；协同单位：市总工会）").units]
    [('lead', '市委宣传部'), ('support', '市总工会')]
    >>> [u[:2] for u in find_note("做好工作。（市人社局牵头，市财政局、市总工会配合）").units]
    [('lead', '市人社局'), ('support', '市财政局'), ('support', '市总工会')]
    """
    simplified = vocabulary_simplified(text)
    status = (
        _STATUS_TAG_RE.search(simplified)
        if simplified.rstrip("。；; \n").endswith(("】", "]", "）", ")"))
        else None
    )
    if status is not None and status.start() > 0:
        # a progress report's status after the note (（A牵头）【已完成】): the note ends before it
        return find_note(text[: status.start()], tuple(s for s in starts if s < status.start()))
    progress = _progress_label_re().search(simplified, 1)
    # set apart from the note by a space or a mark; glued to a word (区公安分局贯彻落实情况：)
    # the label's qualifier is read with the unit list below
    if progress is not None and simplified[progress.start() - 1] in _BEFORE_PROGRESS:
        # a progress report run into its item (…（A负责） 完成情况：已建成…): the note is
        # before the progress, which names what was done, not who answers for it
        before = find_note(
            text[: progress.start()], tuple(s for s in starts if s < progress.start())
        )
        if before is not None:
            between = strip_spaces(text[before.end : progress.start()])
            if len(between) <= _QUALIFIER_MAX and not _SENTENCE_MARK_RE.search(between):
                # the progress after the note (its label may open with a word of its own:
                # 贯彻落实情况：) is no part of the measure's text either
                return replace(before, end=len(text))
            return before
    note = (
        _bracketed_note(text, simplified)
        or _opening_bracket_note(text, simplified)
        or _title_bracket_note(text, simplified)
        # a title sentence, then the note before the work (加强…治理。（A牵头，B配合）开展…)
        or _note_after_title_sentence(text, simplified, starts)
    )
    if note is not None:
        return note
    opening = _note_label_re().search(simplified)
    straddled = opening and next((p for p in starts if opening.start() < p < opening.end()), None)
    if straddled:
        # a label opens its own paragraph: a level word ending the line before (…招商专班 /
        # 牵头单位：) is that line's text
        opening = _note_label_re().search(simplified, straddled)
    if opening is not None and _label_inside_sentence(simplified, opening):
        opening = None  # 由A组织推动，责任主体是B: a sentence, read as one below
    if opening is not None and simplified[opening.start() :].lstrip("【").startswith("成员"):
        # 组长由县卫健局局长担任，成员单位为A、B: the group's make-up, its leader's unit leading
        grouped = _group_note(text)
        if grouped is not None:
            return grouped
    if opening is not None:
        start = opening.start()
        end = _label_block_end(text, simplified, start, starts)
        # a space after the labels may be where a paragraph began in a copy that lost its
        # line breaks (牵头责任部门：县卫健委 2022年2月印发…): the units end there, and what
        # follows (a progress report, a table's figures) stays out of the measure's text
        units_end = _units_end_at_gap(text, simplified, start, end)
        found = _label_block_units(text, simplified, start, units_end, starts)
        return Note(start, end, tuple(found.units), True, tuple(found.officials), found.timeline)
    return _with_subject_lead(
        text,
        starts,
        _trailing_unit_list(text)
        or _with_opening_subject(
            text, starts, _with_earlier_role_clauses(text, _closing_sentence(text, simplified))
        )
        or _with_later_subjects(text, starts, _opening_sentence(text, starts))
        or _units_before_colon(text, starts)
        or _with_later_subjects(text, starts, _units_as_subject(text, starts))
        or _with_later_subjects(text, starts, _unit_title_sentence(text, starts))
        or _group_note(text)
        or _closing_sentence(text, simplified, loose=True)
        or _later_sentence_subject(text, starts)
        or _role_clauses_anywhere(text),
    )


def _with_subject_lead(text: str, starts: tuple[int, ...], note: Note | None) -> Note | None:
    """A note naming only supporting units (…，B、C参与; …，B积极配合), with the units that
    open the item as the subject of its work (A负责…; A统筹推进…; A要牵头…): they lead."""
    if note is None or not note.units or any(role != "support" for role, _, _ in note.units):
        return note
    subject = _units_as_subject(text, starts)
    if subject is None or not subject.units:
        return note
    leading = [u for u in subject.units if u[0] != "support"]
    named = {name for _, name, _ in leading}
    if not leading or any(name in named for _, name, _ in note.units):
        return note
    return replace(note, units=(*leading, *note.units))


@lru_cache(maxsize=1)
def _opening_verb_re() -> re.Pattern[str]:
    """A verb that leads, or that a unit named alone answers with (牵头, 负责, 主办 …)."""
    return re.compile(
        trie_alternation(t for t, role in verbs().items() if role in ("lead", "shared"))
    )


def _with_opening_subject(text: str, starts: tuple[int, ...], closing: Note | None) -> Note | None:
    """A closing role clause read with the subject the item opens with, where that reading
    names its units and more (A负责X，B、C按职责分工负责。: A leads, B and C support)."""
    if closing is None or not closing.units:
        return closing
    subject = _units_as_subject(text, starts)
    if subject is None or subject.weak:
        return closing
    named = {n for _, n, _ in subject.units}
    closing_named = {n for _, n, _ in closing.units}
    known = all(_named_as_unit(n) for n in named - closing_named)
    return subject if closing_named < named and known else closing


def _with_earlier_role_clauses(text: str, closing: Note | None) -> Note | None:
    """A closing role sentence with the role clauses of the item's earlier sub-tasks (…，由A
    牵头，B配合；<second task>，由C牵头，D配合。): each sub-task's units are the item's."""
    if closing is None:
        return None
    everywhere = _role_clauses_anywhere(text)
    if everywhere is None:
        return closing
    return replace(closing, units=_union_units([*everywhere.units, *closing.units]))


# Role clauses stand between the clauses of the work, set apart by commas or full stops.
_ROLE_CLAUSE_BREAK_RE = re.compile(r"[，,。；;]")


def _role_clauses_anywhere(text: str, *, parts: bool = True) -> Note | None:
    """Clauses made of units and a role verb only, wherever they stand among the clauses of
    the work (健全…体系，市城管局牵头，市住建局参与，年内实现…; a sentence's second
    half: …，由A牵头，B配合；…，由C牵头，D配合): the last form tried. A clause that leads
    opens a run of role clauses, the supporting clauses right after it join the run; a
    supporting clause opening no run names no one (配合省督察组 has its work after it)."""
    simplified = vocabulary_simplified(text)
    if not _opening_verb_re().search(simplified):
        return None  # no verb that could open a run (most paragraphs: issue 19, speed)
    units: list[tuple[str, str, int]] = []
    sole_answerers = 0  # clauses where one unit answers for its part (城区由A负责)
    part_clauses = 0  # clauses each naming its unit's part (A负责选址规划，B负责建设管理)
    in_run = False
    start = 0
    for brk in [*_ROLE_CLAUSE_BREAK_RE.finditer(text), None]:
        end = brk.start() if brk is not None else len(text)
        clause = text[start:end]
        begin = start + len(clause) - len(clause.lstrip(SPACE_CHARS))
        start = brk.end() if brk is not None else len(text)
        if not clause.strip(SPACE_CHARS):
            continue  # the text's end after its full stop
        clause = clause.strip(SPACE_CHARS)
        simple_clause = simplified[begin : begin + len(clause)]
        if clause.startswith("其中") or bracket_balance(clause):
            # …负责，其中A牵头: which unit of the list before leads, read with it; a
            # bracket's clauses are a note, read as one or not at all
            in_run = False
            continue
        verbs_in = list(_verb_re().finditer(simple_clause))
        closed_by = clause.rstrip("。；;")
        names_part = False
        part = verbs_in and _PART_AFTER_VERB_RE.fullmatch(
            simple_clause.rstrip("。；;"), verbs_in[-1].end()
        )
        if parts and part and verbs_in[-1].group().endswith("负责"):
            # A负责选址规划，B负责建设管理: each unit answers for its named part (one such
            # clause alone is the work, read below only beside another)
            clause = clause[: verbs_in[-1].end()]
            names_part = True
        elif not verbs_in or verbs_in[-1].end() < len(closed_by) or closed_by.endswith("工作"):
            # a clause closed by its role verb only (not 市发改委牵头工作, a heading)
            in_run = False
            continue
        parsed = sentence_units(clause, begin)
        if parsed is None or not parsed.units or parsed.officials:
            in_run = False
            continue
        names = [n for _, n, _ in parsed.units]
        if not _units_of_a_list(names) or not any(
            _named_as_unit(n) or _FIELD_DEPARTMENT_RE.match(vocabulary_simplified(n)) for n in names
        ):
            in_run = False
            continue
        roles = {role for role, _, _ in parsed.units}
        if "lead" in roles or (
            # one unit answering for the work (区市场监管局负责), not many sharing it (各县区
            # 政府、市级各有关部门组织实施: an overview's wording)
            roles == {"shared"}
            and len(names) == 1
            and _named_as_unit(names[0])
            and not _GENERIC_COLLECTIVE_RE.match(vocabulary_simplified(names[0]))
        ):
            units.extend(parsed.units)
            sole_answerers += _sole_answerer(parsed.units)
            part_clauses += names_part
            in_run = True
        elif in_run:
            units.extend(parsed.units)
    if part_clauses == 1:
        # one unit's work (推进老旧小区改造，市住建局负责制定改造方案), not a note: read
        # without it
        return _role_clauses_anywhere(text, parts=False)
    if not units:
        return None
    if sole_answerers >= 2 and sole_answerers == sum(r != "support" for r, _, _ in units):
        # each clause gives its own unit its own part (集镇区域由A负责，农村区域由B负责，C做好
        # 配合): each leads it, as in one sentence (see sentence_units); C supports
        units = [(r if r == "support" else "lead", n, o) for r, n, o in units]
    # role clauses closing the item are its note (…清单管理，区市场监管局牵头，B配合。);
    # read from between the work's clauses, they do not make a paragraph a measure
    return Note(len(text), len(text), _union_units(units), True, weak=not in_run)


def _label_block_units(
    text: str, simplified: str, start: int, end: int, starts: tuple[int, ...]
) -> _Found:
    """The units of a run of label lines. Its paragraphs are joined with nothing between
    them, so where a label's list goes on one whole unit a line (责任单位：A（牵头）/ B / C),
    each of those lines is read on its own, its units taking that label's role; a name
    wrapped over two lines (市自然 / 资源局) is read joined, as before."""
    paragraphs = list(pairwise([start, *(p for p in starts if start < p < end), end]))
    if len(paragraphs) == 1:
        return label_units(text[start:end], start)
    found = _Found([], [])
    role = None
    ends_whole = True  # the paragraph before ends with a whole unit, or a bare label
    for begin, stop in paragraphs:
        label = _label_re().match(simplified, _skip_spaces(simplified, begin))
        if label is not None:
            part = label_units(text[begin:stop], begin)
            found.units.extend(part.units)
            found.officials.extend(part.officials)
            found.timeline = found.timeline or part.timeline
            last = list(_label_re().finditer(simplified, begin, stop))[-1]
            role = _label_role(last.group(1))
            content = text[last.end() : stop]
            ends_whole = not content.strip() or _ends_with_unit(content)
            continue
        names = located_units(text[begin:stop], conjunctions=True)
        if (
            role not in UNIT_ROLES
            or not ends_whole
            or not names
            or not all(looks_like_unit(n) for n, _ in names)
        ):
            return label_units(text[start:end], start)  # a wrapped name: read joined
        for name, offset in names:
            marked, unit = role_marked(name)
            found.units.append((marked or role, unit, begin + offset))
        ends_whole = _ends_with_unit(text[begin:stop])
    return found


def titles_work(name: str) -> bool:
    """Whether a name that ends like a unit's is a task's title (新建改扩建中小学校): it opens
    with a measure's verb, as no name the lexicon does not know does."""
    opening = vocabulary_simplified(name).startswith(parse_terms().get("measure_opening", ()))
    return opening and not _named_as_unit(name)


def _ends_with_unit(paragraph: str) -> bool:
    names = located_units(paragraph)
    return bool(names) and looks_like_unit(role_marked(names[-1][0])[1])


def _label_block_end(text: str, simplified: str, start: int, starts: tuple[int, ...]) -> int:
    """Where a run of label lines starting at ``start`` ends: at the first later paragraph
    that neither opens with a label nor continues a unit list (a progress report's text
    under 牵头责任部门：A is not more units)."""
    later = sorted(p for p in starts if p > start)
    for paragraph, following in pairwise([*later, len(text)]):
        if _label_re().search(simplified[paragraph : paragraph + _LABEL_LEAD_MAX]):
            continue  # another label line (部门分工：…, 配合单位：…)
        # (the paragraph alone: the next label line runs on with no separator before it)
        end = min(following, paragraph + _UNIT_RUN_MAX)
        head = _CLAUSE_END_RE.split(text[paragraph:end], maxsplit=1)[0]
        names = split_units(head)
        if names and all(looks_like_unit(n) for n in names):
            continue
        return paragraph
    return len(text)


def _units_end_at_gap(text: str, simplified: str, start: int, end: int) -> int:
    """Where a label block's units end within ``start:end``: at the first space after which
    the text up to the next label is not all units (units may be set apart by spaces; a
    table's figures or a progress report after them may not)."""
    gaps = [m.end() for m in _SPACE_GAP_RE.finditer(text, start, end)]
    if not gaps:
        return end
    labels_at = [g for g in gaps if _label_re().match(simplified, g)]
    for gap in gaps:
        if gap in labels_at:
            continue
        stop = min([g for g in labels_at if g > gap] or [end])
        pieces = _SPACE_GAP_RE.split(text[gap:stop])
        names = [
            n for piece in pieces for n in split_units(_CLAUSE_END_RE.split(piece, maxsplit=1)[0])
        ]
        if not (
            names and all(looks_like_unit(n) for n in names) and any(map(_named_as_unit, names))
        ):
            return gap
    return end


_UNIT_RUN_MAX = 120
_LABEL_LEAD_MAX = 12
# a space after a word of two characters or more: not inside 牵 头 单 位 or a name set out
# to the width of three (刘 哲)
_SPACE_GAP_RE = re.compile(r"(?<=[\u4e00-\u9fff]{2})[ \u3000]+(?=\S\S)")


_CLAUSE_END_RE = re.compile(r"[，,；;。：:]")


def _opening_sentence(text: str, starts: tuple[int, ...]) -> Note | None:
    """Role clauses at the start of a paragraph, before the work they assign."""
    for start in starts:
        units: list[tuple[str, str, int]] = []
        officials: list[tuple[str, int]] = []
        position = start
        for match in _CLAUSE_END_RE.finditer(text, start):
            parsed = sentence_units(text[position : match.start()], position)
            if parsed is None:
                break
            units.extend(parsed.units)
            officials.extend(parsed.officials)
            position = match.end()
        if units:
            return Note(len(text), len(text), tuple(units), True, tuple(officials))
    return None


@lru_cache(maxsize=1)
def _subject_re() -> re.Pattern[str]:
    """Units opening a paragraph as the subject of its work: A、B负责… / A主要做好…, with
    the units A会同 (负责并会同有关部门做好…)."""
    verbs_ = _alternation(term for term, _ in _terms("subject_verb"))
    return re.compile(
        # (a half-width full stop ends a title sentence, 加强储备管理.县发改局负责…, unless
        # inside a figure)
        rf"(?P<units>(?:[^，,。；;：:.]|(?<=[0-9])\.){{2,{_UNITS_BEFORE_COLON_MAX}}}?)"
        # (负责人, 负责同志: the person answering, not the verb)
        rf"{_MODAL}?(?P<verb>{verbs_})(?!人|同志)"
        rf"(?:[，,]?并?会同(?P<joint>[^，,。；;]{{2,30}}?)(?:{_JOINT_WORK_AHEAD}|(?=[，,])))?"
    )


_SUBJECT_WORK_MIN = 4
_SENTENCE_END_RE = re.compile(r"[。；;]\s*")


def _clause_starts(simplified: str, after: int) -> tuple[int, ...]:
    """Where the clauses after position ``after`` start (after 。 ； or ，, spaces skipped)."""
    starts = (
        _skip_spaces(simplified, m.end()) for m in _ROLE_CLAUSE_BREAK_RE.finditer(simplified, after)
    )
    return tuple(at for at in starts if at < len(simplified))


def _sentence_starts(simplified: str, after: int) -> tuple[int, ...]:
    """Where the sentences after position ``after`` start (after 。 or ；)."""
    return tuple(
        m.end() for m in _SENTENCE_END_RE.finditer(simplified, after) if m.end() < len(simplified)
    )


def _later_sentence_subject(text: str, starts: tuple[int, ...]) -> Note | None:
    """Units named as the subject of a later sentence with a role verb (…稳定在88万亩以上。
    县农业农村局要会同县财政局及时兑付…), where nothing else in the item names any: the last
    form tried. A sentence opening with a bracket is a note, read as one elsewhere."""
    simplified = vocabulary_simplified(text)
    later = tuple(
        at
        for at in _sentence_starts(simplified, 0)
        if at not in starts and simplified[at] not in OPEN_BRACKETS
    )
    note = None
    if later:
        note = _with_later_subjects(
            text, starts, _units_as_subject(text, starts, later)
        ) or _clause_subjects(text, later)
    # read from a later sentence's wording: not enough to make a paragraph a measure
    return replace(note, weak=True) if note is not None else None


# A later clause opened by its unit and what it must do (卫生局要严格落实…; 消防大队负责…).
_CLAUSE_SUBJECT_RE = re.compile(
    rf"(?P<units>{_SUBJECT_CHAR}{{2,30}}?)"
    r"(?:等(?:有关|相关)?(?:单位|部门))?"
    r"(?P<verb>要|应当?|须|需|负责|具体负责)"
)
_CLAUSE_SUBJECTS_MIN = 2
# Words saying a clause's unit helps (B要积极配合, B要加强业务指导), read a few characters after
# its 要.
_SUPPORTING_VERBS = ("协助", "配合", "参与")
_HELPING_WORDS = (*_SUPPORTING_VERBS, "指导", "支持")
_HELPING_REACH = 6
# a unit's ending (环卫局, 消防大队, 公安部门): the lexicon need not know every clause's unit
_CLAUSE_UNIT_RE = re.compile(
    r".{1,20}(?:[局委办厅院署队站所处科室]|中心|公司|部门?|政府)$"
    # every village or township, its other kind in brackets (各村（社区）, 各镇（街道）)
    r"|各[村镇乡](?:[（(][^（()）]{1,6}[)）])?$"
)


def _clause_subjects(text: str, later: tuple[int, ...]) -> Note | None:
    """Units each opening a later clause with their own part of the work, after a sentence
    that names the work (…环境卫生。卫生局要严格落实…；环卫局要加大清扫频次…；执法局要…):
    each clause's unit leads its part, several in one clause share it. Two such clauses at
    least, naming units by a unit's ending (the lexicon knowing one of them at least), never
    an exhortation to all (各部门要…)."""
    simplified = vocabulary_simplified(text)
    clauses = [c for c in (_clause_subject(text, simplified, s) for s in later) if c]
    if len(clauses) < _CLAUSE_SUBJECTS_MIN or not any(
        _named_as_unit(n) for clause in clauses for _, n, _ in clause
    ):
        return None
    return Note(len(text), len(text), tuple(u for clause in clauses for u in clause), True)


def _clause_subject(text: str, simplified: str, start: int) -> list[tuple[str, str, int]]:
    """The units opening the clause at ``start`` with their part of the work (卫生局要…;
    B要积极配合…), with their roles; empty if the clause opens otherwise."""
    match = _CLAUSE_SUBJECT_RE.match(simplified, start)
    if match is None:
        return []
    names = located_units(text[start : match.end("units")], conjunctions=True)
    if not names or not all(
        looks_like_unit(n)
        and _CLAUSE_UNIT_RE.match(vocabulary_simplified(n))
        and not is_official(n)
        and not _GENERIC_COLLECTIVE_RE.match(vocabulary_simplified(n))
        for n, _ in names
    ):
        return []
    role = "lead" if len(names) == 1 else "responsible"
    if any(w in simplified[match.end() : match.end() + _HELPING_REACH] for w in _HELPING_WORDS):
        role = "support"  # …，B要积极配合 / B要加强指导: B helps the clause before it
    return [(role, n, start + o) for n, o in names]


def _with_later_subjects(text: str, starts: tuple[int, ...], note: Note | None) -> Note | None:
    """A note read from an item's subject (市财政局负责统筹资金。), with the units the lexicon
    knows opening its later clauses with their own part (市税务局要落实税收优惠政策。): each
    leads its part, or supports where it helps (…，B要积极配合)."""
    if note is None or not note.units:
        return note
    simplified = vocabulary_simplified(text)
    first = min(at for _, _, at in note.units)
    named = {name for _, name, _ in note.units}
    added = []
    for start in _clause_starts(simplified, first):
        if start in starts or simplified[start] in OPEN_BRACKETS:
            continue
        clause = _clause_subject(text, simplified, start)
        if clause and all(_named_as_unit(n) and n not in named for _, n, _ in clause):
            added.extend(clause)
            named.update(n for _, n, _ in clause)
    if not added:
        return note
    # the subject's own sentence read alone, as a sub-task's note is: its lone unit leads it
    return replace(note, units=(*_sub_task_roles(list(note.units)), *added))


# Units that do the work together with others (A要会同B、C于6月底前制定…): A leads, the
# others support.
_JOINT_SUBJECT_RE = re.compile(
    rf"(?P<units>[^，,。；;：:]{{2,40}}?){_MODAL}?(?P<verb>会同)"
    r"(?P<joint>[^，,。；;]{2,60}?)(?:等(?:有关|相关)?(?:部门|单位))?" + _JOINT_WORK_AHEAD
)
# An item's opening sentence that only names its work (加强资金保障。, or with a half-width
# full stop), the sentence after it giving who does it (市财政局负责统筹安排资金。).
_TITLE_SENTENCE_RE = re.compile(r"[^。；;！!？?，,：:（(.]{2,24}(?:。|\.(?![0-9]))")


def _title_sentence_ends(simplified: str, starts: tuple[int, ...]) -> list[int]:
    """Where a paragraph's title sentence ends, with text after it."""
    ends = (_TITLE_SENTENCE_RE.match(simplified, start) for start in starts)
    return [t.end() for t in ends if t is not None and t.end() < len(simplified)]


_LEAD_IN_RE = re.compile(r"(?!同时|另外|此外|其中|并且|要求)[^。；;！!？?，,：:（(.]{4,16}[，,]")


def _after_title_sentences(simplified: str, starts: tuple[int, ...]) -> list[int]:
    """Where the sentence after a paragraph's title sentence starts."""
    # a bracket after the title is a note, read as one (（A负责，B做好…）)
    ends = _title_sentence_ends(simplified, starts)
    return [end for end in ends if simplified[end] not in OPEN_BRACKETS]


# Units named answerable for the work as its subject (各县（市、区）人民政府是农民工就业工作的
# 责任主体，要…), as 以A为责任主体 names them.
_ANSWERABLE_RE = re.compile(
    r"(?P<units>[^，,。；;：:.]{2,40}?)是[^，,。；;]{0,30}?(?:第一)?(?:责任主体|主体责任单位)"
)


def _answerable_subject(text: str, simplified: str, start: int) -> Note | None:
    """Units opening a sentence as the body answerable for its work (A是…的责任主体): one
    leads, several share it."""
    match = _ANSWERABLE_RE.match(simplified, start)
    if match is None:
        return None
    names = located_units(text[start : match.end("units")])
    if not names or not all(looks_like_unit(n) and not is_official(n) for n, _ in names):
        return None
    role = "lead" if len(names) == 1 else "responsible"
    return Note(len(text), len(text), tuple((role, n, start + o) for n, o in names), True)


def _units_as_subject(
    text: str, starts: tuple[int, ...], later: tuple[int, ...] = ()
) -> Note | None:
    """A paragraph whose opening names its units as the subject of its work (市国资办负责
    市属国有企业的招商…): one unit leads, several share it (responsible), and units it
    works together with (会同有关部门) support. ``later``: sentence starts to read instead
    of the opening (:func:`_later_sentence_subject`)."""
    simplified = vocabulary_simplified(text)
    opening = (*starts, *_after_title_sentences(simplified, starts))
    # a clause saying when or what before the subject (搬迁改造期间，A负责…; 深化“一网通办”，
    # A负责…), read with a role verb only
    lead_ins = tuple(m.end() for p in opening if (m := _LEAD_IN_RE.match(simplified, p)))

    for start in later or (*opening, *lead_ins):
        answerable = _answerable_subject(text, simplified, start)
        if answerable is not None:
            return answerable
        match = _subject_re().match(simplified, start) or _JOINT_SUBJECT_RE.match(simplified, start)
        # units doing any work are read only at a paragraph's opening (weak), never from a
        # later sentence
        any_work = not later and start not in lead_ins
        if match is not None and len(strip_spaces(text[match.end() :])) < _SUBJECT_WORK_MIN:
            subject = located_units(text[start : match.end("units")])
            if _units_of_a_list([n for n, _ in subject]):
                continue  # units and their verb with no work after them (a wrapped note's end)
            match = None  # (…要督促落实…校长负责制。: 负责 in a word, past the units' verb)
        if match is not None and _HEADING_ROLE_RE.match(squash_spaces(simplified[start:])):
            continue  # a heading over the unit's items (县示范区管委会牵头工作(8项))
        if match is not None and "会同" in match.group("units"):
            # A会同B、C负责…: A leads, the units it works with support
            joint = sentence_units(text[start : match.end("verb")], start)
            if joint is not None and {r for r, _, _ in joint.units} == {"lead", "support"}:
                return Note(len(text), len(text), tuple(joint.units), True)
        # (城市生活垃圾收运处理由A负责: the part before 由 is no part of the name)
        names = (
            [_without_by(n, o) for n, o in located_units(text[start : match.end("units")])]
            if match is not None
            else []
        )
        if not names or not _units_of_a_list([n for n, _ in names]):
            # no subject verb, or one further on than the units' own verb (A和B要督促落实…
            # 负责制): units doing any work
            working = _working_subjects(text, simplified, start) if any_work else None
            if working is not None:
                return working
            continue
        if any(is_official(n) for n, _ in names) or not any(
            _named_as_unit(n) or _FIELD_DEPARTMENT_RE.match(vocabulary_simplified(n))
            for n, _ in names
        ):
            continue
        role = dict(_terms("subject_verb")).get(match.group("verb"), "lead")
        units = [(role, n, start + o) for n, o in names]
        if match.group("joint"):
            joint = located_units(text[match.start("joint") : match.end("joint")])
            if all(looks_like_unit(n) for n, _ in joint):
                units = [("lead", n, o) for _, n, o in units]
                units += [("support", n, match.start("joint") + o) for n, o in joint]
        else:
            subjects = _later_subject_clauses(text, simplified, match.end(), units)
            if subjects == units:
                # A负责，B配合，<the work>: the role clauses right after the subject's
                end = simplified.find("。", match.end())
                found = _with_role_clauses_after(
                    text, _Found(units, []), match.end(), len(text) if end < 0 else end + 1
                )
                subjects = found.units
            units = subjects
        return Note(len(text), len(text), tuple(units), True)
    return None


# Units opening a paragraph as the subject of its work with any working verb after them
# (市财政局统筹利用…; 市教育体育局要全力抓好…; A、B、C等单位要积极争取…; B依职责协助…).
_WORKING_SUBJECT_RE = re.compile(
    # (an aggregate's bracketed levels kept: 各县（市、区）人民政府要…)
    rf"(?P<units>{_SUBJECT_CHAR}{{2,60}}?)"
    r"(?:等(?:有关|相关)?(?:单位|部门))?"
    rf"(?P<verb>{_MODAL}?(?:依职责|按职责|依法|按照|统筹|全力|积极|切实|负责|主动|牵头"
    r"|做好|抓好|加强|强化|开展|落实|组织|推进|建立|完善|制定|指导|督促|协调|加快|严格|会同"
    r"|协助|配合|参与|足额|及时|尽快|抓紧|认真|全面)"
    # (要在4月15日前组织…: a date after 要; 请县教育局在全县中小学开展…: where the work is)
    r"|要(?=[\u4e00-\u9fff]{2}|[在于][0-9０-９])"
    r"|(?<=[局委办厅院府])在(?=[全各省市县区镇乡村]))"
    # a verb that begins a unit's name (县委组织部, 市委宣传部) is no verb
    r"(?![部处科室局委办])"
)
_SUPPORT_WORD_REACH = 4
# Every department or unit, or every place, named as a whole (各部门, 全市各部门, 各地,
# 有关单位): the subject of an exhortation.
_GENERIC_COLLECTIVE_RE = re.compile(
    r"^(?:全[省市县区])?(?:各级)?各?(?:有关|相关)?(?:部门|单位|地|方面)$"
)


def _without_alias(name: str) -> str:
    """A unit's name without the other name in brackets after it."""
    aliased = _TRAILING_ALIAS_RE.search(name)
    return name[: aliased.start()] if aliased is not None and aliased.start() else name


#: The verbs a unit's duty opens with, after its name set apart (交通部门,负责…; 市林业局。/
#: 负责…).
DUTY_VERBS = "负责|牵头|指导|组织|协助|配合|承担"
#: A comma that sets a unit apart before its duty (交通部门,负责…), as a colon would.
UNIT_COMMA = rf"[，,](?={DUTY_VERBS})"
# The names of an item's units as its first sentence, an alias in brackets kept (县委宣传部
# （县文明办）。负责…; 河务部门。组织…; 交通部门,负责…)
_UNIT_TITLE_RE = re.compile(
    rf"[^。；;！!？?，,：:（(]{{2,24}}(?:[（(][^（()）]{{1,12}}[)）])?(?:。|{UNIT_COMMA})"
)


def _unit_title_sentence(text: str, starts: tuple[int, ...]) -> Note | None:
    """A paragraph whose first sentence is only the names of its units, its work after
    (河务部门。组织、协调…; 区住建局。排查…): one unit leads, several share it."""
    simplified = vocabulary_simplified(text)
    for start in starts:
        title = _UNIT_TITLE_RE.match(simplified, start)
        if title is None or len(strip_spaces(text[title.end() :])) < _SUBJECT_WORK_MIN:
            continue
        names = located_units(text[start : title.end() - 1])
        if not names or not all(
            looks_like_unit(_without_alias(n))
            and (_named_as_unit(n) or _FIELD_DEPARTMENT_RE.match(vocabulary_simplified(n)))
            for n, _ in names
        ):
            continue  # (推进通州区重点项目建设（通州区）。: a task and its place, no unit)
        role = "lead" if len(names) == 1 else "responsible"
        units = tuple((role, n, start + o) for n, o in names)
        # 交通部门,负责…: the unit set apart before its duty verb, as a colon sets it
        weak = not title.group().endswith(("，", ","))
        return Note(len(text), len(text), units, True, weak=weak)
    return None


def _working_subjects(text: str, simplified: str, start: int) -> Note | None:
    """Units opening a paragraph as the subject of its work (see :func:`_working_subject`),
    with those opening its other clauses each with a part of their own (A要…；B要…)."""
    working = _working_subject(text, simplified, start)
    if working is None:
        return None
    clauses = _clause_subjects(text, (start, *_clause_starts(simplified, start)))
    return replace(clauses, weak=True) if clauses is not None else working


def _working_subject(text: str, simplified: str, start: int) -> Note | None:
    """A paragraph opening with units the lexicon knows, then their work: one unit leads,
    several share it, units that assist or take part support (no lead is named)."""
    match = _WORKING_SUBJECT_RE.match(simplified, start)
    if match is None or len(strip_spaces(text[match.end() :])) < _SUBJECT_WORK_MIN:
        return None
    names = located_units(text[start : match.end("units")], conjunctions=True)
    if not names or not all(looks_like_unit(n) and _named_as_unit(n) for n, _ in names):
        return None
    if any(
        is_official(n) or _GENERIC_COLLECTIVE_RE.match(vocabulary_simplified(n)) for n, _ in names
    ):
        return None  # 全市各部门要加强协作: an exhortation, not an assignment
    # the verb and the words after it (依职责协助做好…; 要积极配合…)
    verb = simplified[match.start("verb") : match.end("verb") + _SUPPORT_WORD_REACH]
    if match.group("verb").endswith("会同"):
        # A要会同B、C深化…: the units A works with support it, up to where their work
        # begins, whatever verb begins it
        partners = _units_before_work(text[match.end() :])
        if partners and all(_named_as_unit(n) for n, _ in partners):
            units = (
                *(("lead", n, start + o) for n, o in names),
                *(("support", n, match.end() + o) for n, o in partners),
            )
            return Note(len(text), len(text), units, True, weak=True)
    if any(word in verb for word in _SUPPORTING_VERBS):
        role = "support"
    else:
        role = "lead" if len(names) == 1 else "responsible"
    units = tuple((role, n, start + o) for n, o in names)
    return Note(len(text), len(text), units, True, weak=True)


def _later_subject_clauses(
    text: str, simplified: str, at: int, units: list[tuple[str, str, int]]
) -> list[tuple[str, str, int]]:
    """Units of the later clauses of a sentence whose first names its subject, each with a
    part of the work of its own (A负责政策制定，B负责资金保障，各县负责组织实施): each
    clause's unit leads its part (several in one clause share it)."""
    end = simplified.find("。", at)
    end = len(simplified) if end < 0 else end
    clauses = [units]
    helping: list[tuple[str, str, int]] = []
    breaks = list(_CLAUSE_END_RE.finditer(simplified, at, end))
    for brk, after in zip(breaks, [*breaks[1:], None], strict=False):
        match = _subject_re().match(simplified, brk.end())
        if match is None or match.group("joint"):
            # a clause of units and a supporting verb only (…，B协助；): they help
            clause_end = after.start() if after is not None else end
            helping += _supporting_clause(text, brk.end(), clause_end)
            continue
        names = [_without_by(n, o) for n, o in located_units(text[brk.end() : match.end("units")])]
        if not names or not all(looks_like_unit(n) for n, _ in names):
            continue
        clause_end = after.start() if after is not None else end
        if verbs().get(match.group("verb")) == "support_or_shared" and not strip_spaces(
            text[match.end() : clause_end]
        ):
            # …，B、C按职责分工负责。: units doing their share beside the subject support it
            helping += [("support", n, brk.end() + o) for n, o in names]
            continue
        clauses.append([("shared", n, brk.end() + o) for n, o in names])
    if len(clauses) < 2 and not helping:
        return units
    return [
        ("lead" if len(clause) == 1 else "responsible", n, o)
        for clause in clauses
        for _, n, o in clause
    ] + helping


def _supporting_clause(text: str, start: int, end: int) -> list[tuple[str, str, int]]:
    """The units of a clause that names only units helping and their verb (B协助; B、C配合)."""
    clause = text[start:end]
    verb = _verb_re().search(vocabulary_simplified(clause))
    if verb is None or verb.end() != len(clause.rstrip(SPACE_CHARS)):
        return []
    parsed = sentence_units(clause, start)
    if parsed is None or not parsed.units or parsed.officials:
        return []
    if any(role != "support" or not _named_as_unit(n) for role, n, _ in parsed.units):
        return []
    return list(parsed.units)


# A working group's make-up: 由市煤炭安全局孙伟任组长，成员由市公安局、市国土资源局有关人员组成.
# (or 组长由县卫健局局长担任，成员单位为A、B。; a headquarters' 指挥长 as a group's 组长)
_GROUP_LEADER_RE = re.compile(
    r"由(?P<leader>[^，,。；;由]{3,40}?)任(?:副)?(?:组长|指挥长)"
    r"|(?:组长|指挥长)由(?P<head>[^，,。；;由]{3,40}?)担任"
)
_GROUP_MEMBERS_RE = re.compile(
    r"成员(?:单位)?(?:由|为|包括)(?P<members>[^。；;]{2,200}?)"
    r"(?:(?:等)?(?:的)?(?:有关|相关)?(?:人员|同志)?组成|(?=[。；;]|$))"
)
# (…任指挥长，A、B为成员单位: the members right after the leader)
_GROUP_LISTED_RE = re.compile(r"[，,](?P<members>[^，,。；;]{2,200}?)(?:作为|为)成员(?:单位|部门)")


def leader_unit_end(written: str) -> int | None:
    """Where the unit ends in a group leader written as a unit's official (市煤炭安全局孙伟,
    县住建局局长 高志强), or None where no unit opens it (副县长 常海燕).

    The longest opening the lexicon knows, or one that looks like a unit with a person's
    name or title after it (an official's title is looked for before a bare name: 医政医管股
    / 股长王伟, not 医政医管股股 / 长王伟).
    """

    def rest(n: int) -> str:
        return strip_spaces(written[n:])

    def cuts_title(n: int) -> bool:
        return is_official(written[: n + 1])  # 副县 / 长 常海燕: a title cut, not a unit

    unit_end = next(
        (
            n
            for n in range(len(written), 1, -1)
            if _lexicon_knows(written[:n]) and not cuts_title(n)
        ),
        None,
    ) or next(
        (
            n
            for is_person in (is_official, is_person_name, _official_with_name)
            for n in range(len(written) - 2, 1, -1)
            if looks_like_unit(written[:n]) and not cuts_title(n) and is_person(rest(n))
        ),
        None,
    )
    if unit_end is None or not looks_like_unit(written[:unit_end]):
        return None
    return unit_end


def _leadership(unit: str) -> bool:
    """Whether a unit is a place's own Party committee or government, whose officials (县委
    副书记, 县长) lead a place, not a department."""
    from agencygraph.agencies import resolve

    return resolve(unit).agency_type in ("party_committee", "government")


def _official_with_name(text: str) -> bool:
    """A title then a person's name (局长高志强)."""
    name, title = split_official(text)
    return bool(name and title) and is_official(title)


def _group_note(text: str) -> Note | None:
    """A group led by a unit's official, its members drawn from units (a 督查组 or 工作组 of
    a notice): the leader's unit leads, the members' units support, the leader is an
    official; a member unit that is the leader's (by name or by the lexicon) is not repeated."""
    # matched on the simplified copy (任組長, 成員由), names taken as written
    simplified = vocabulary_simplified(text)
    leader = _GROUP_LEADER_RE.search(simplified)
    if leader is None:
        return None
    group = "leader" if leader.group("leader") else "head"
    at = leader.start(group)
    written = text[at : leader.end(group)]
    unit_end = leader_unit_end(written)
    if unit_end is None or _leadership(written[:unit_end]):
        return None
    lead = written[:unit_end]
    units = [("lead", lead, at)]
    officials = []
    if written[unit_end:]:
        officials.append((written[unit_end:], at + unit_end))
    members = _GROUP_MEMBERS_RE.search(simplified, leader.end()) or _GROUP_LISTED_RE.match(
        simplified, leader.end()
    )
    if members is not None:
        names = located_units(text[members.start("members") : members.end("members")])
        if names and all(looks_like_unit(n) for n, _ in names):
            units += [
                ("support", n, members.start("members") + o)
                for n, o in names
                if not _same_agency(n, lead)
            ]
    return Note(len(text), len(text), tuple(units), True, tuple(officials))


def _same_agency(a: str, b: str) -> bool:
    from agencygraph.agencies import resolve

    if a == b:
        return True
    first, second = resolve(a), resolve(b)
    return first.agency_type is not None and (first.agency_type, first.prefix) == (
        second.agency_type,
        second.prefix,
    )


_COLON_RE = re.compile(r"[:：]")
_UNITS_BEFORE_COLON_MAX = 40
_WORK_AFTER_COLON_MIN = 4


_BY_DUTY_RE = re.compile(r"^(?:根据|依据|按照)(?:各自)?(?:职能|职责)")


def _units_before_colon(text: str, starts: tuple[int, ...]) -> Note | None:
    """Units opening a paragraph before a colon, the work after it (市住建局：推进改造…;
    市财政局、市发改委：保障资金): a list that does not say who leads."""
    for start in starts:
        colon = _COLON_RE.search(text, start, start + _UNITS_BEFORE_COLON_MAX)
        # A paragraph that ends at the colon addresses the units (各区政府、市直各部门：), and
        # so does one whose text after it opens a notice's body (…各直属单位：为全面落实…).
        if colon is None or len(strip_spaces(text[colon.end() :])) < _WORK_AFTER_COLON_MIN:
            continue
        body = vocabulary_simplified(strip_spaces(text[colon.end() :]))
        if body.startswith(parse_terms().get("notice_opening", ())) and not _BY_DUTY_RE.match(body):
            continue  # a notice's body (…各直属单位：根据…), not 依据职能做好… (the unit's work)
        names = located_units(text[start : colon.start()])
        if (
            names
            and all(looks_like_unit(n) and not is_official(n) for n, _ in names)
            and any(
                _named_as_unit(n) or _FIELD_DEPARTMENT_RE.match(vocabulary_simplified(n))
                for n, _ in names
            )
        ):
            units = tuple(("single", n, start + o) for n, o in names)
            named = {n for n, _ in names}
            partners = tuple(
                ("support", n, o) for n, o in _partners_in_work(text, colon.end()) if n not in named
            )
            return Note(len(text), len(text), units + partners, True)
    return None


_PARTNERS_IN_WORK_RE = re.compile(r"(?:会同|协同)")


def _partners_in_work(text: str, start: int) -> list[tuple[str, int]]:
    """Units named after 会同 in a unit's work (市财政局：负责…，会同市税务局落实…): they
    support it."""
    found = []
    for match in _PARTNERS_IN_WORK_RE.finditer(vocabulary_simplified(text), start):
        names = _units_before_work(text[match.end() :])
        if names and all(_named_as_unit(n) for n, _ in names):
            found.extend((n, match.end() + o) for n, o in names)
    return found


def _bracketed_note(text: str, simplified: str) -> Note | None:
    """The last bracket group holding labels, or a sentence or unit list closing the
    measure; with the notes closing its earlier sentences, where it has several."""
    note = _last_bracketed_note(text, simplified)
    if note is None:
        return None
    # (a closing list of bare names: the earlier sentences' notes may be bare lists too)
    bare = not _note_label_re().match(simplified, _skip_spaces(simplified, note.start + 1))
    bare = bare and not _verb_re().search(simplified, note.start + 1, note.end)
    earlier = _earlier_sentence_notes(
        text, simplified, bracket_pairs(text), note.start, bare_lists=bare
    )
    if not earlier.units and not earlier.officials:
        return note
    officials = {}
    for name, offset in [*earlier.officials, *note.officials]:
        officials.setdefault(name, offset)  # an official named in every note is named once
    return Note(
        note.start,
        note.end,
        _union_units([*earlier.units, *_sub_task_roles(list(note.units))]),
        note.closed,
        tuple(officials.items()),
        note.timeline,
    )


def _last_bracketed_note(text: str, simplified: str) -> Note | None:
    """The last bracket group holding labels, or a sentence or unit list closing the measure."""
    closes = bracket_pairs(text)
    tail = len(strip_spaces(text).rstrip("。.；;"))
    # Where the last note label starts: needed only for a bracket left open, so the text is
    # scanned for labels only then (issue 19, parse speed).
    last_label: int | None = None
    for start in sorted(closes, reverse=True):
        close = closes[start]
        closed = close >= 0
        end = close + 1 if closed else len(text)
        if closed and squash_spaces(simplified[start + 1 : close]) in labels():
            continue  # a label set in brackets (【牵头单位】A), read with the labels after it
        opens_with_label = _note_label_re().match(simplified, _skip_spaces(simplified, start + 1))
        if not closed and last_label is None:
            note_labels = [m.start() for m in _note_label_re().finditer(simplified)]
            last_label = max(note_labels, default=-1)
        if opens_with_label or (not closed and last_label > start):
            inner = text[start + 1 : close if closed else len(text)]
            found = label_units(inner, start + 1)
            return Note(
                start, end, tuple(found.units), closed, tuple(found.officials), found.timeline
            )
        # A sentence in the last bracket, closed at the end of the measure or left open
        # there (（省财政厅牵头 with its bracket lost in copying).
        at_end = len(text[:end].rstrip()) >= tail if closed else start == max(closes)
        if not at_end:
            continue
        inner = text[start + 1 : close if closed else len(text)].rstrip("。；; ")
        label = _note_label_re().search(simplified, start + 1, start + 1 + len(inner))
        if label is not None:
            # a sentence, then labels: （市发改委牵头；配合单位：市财政局）
            head = sentence_units(text[start + 1 : label.start()].rstrip("；;，, "), start + 1)
            if head is not None and head.units:
                rest = label_units(text[label.start() : start + 1 + len(inner)], label.start())
                return Note(
                    start,
                    end,
                    tuple(head.units + rest.units),
                    closed,
                    tuple(head.officials + rest.officials),
                    rest.timeline,
                )
        if _verb_re().search(simplified, start + 1, end):
            parsed = sentence_units(inner, start + 1, objects=True)
            if parsed is None and closed:
                # units each answering for their part (（A负责日常管理，B负责执法查处）)
                parts = _role_clauses_anywhere(inner)
                if (
                    parts is not None
                    and len(parts.units) > 1
                    and all(role == "lead" for role, _, _ in parts.units)
                ):
                    parsed = _Found([(r, n, start + 1 + o) for r, n, o in parts.units], [])
            if parsed is not None:
                return Note(
                    start,
                    end,
                    tuple(parsed.units),
                    closed,
                    tuple(parsed.officials),
                    parsed.timeline,
                )
        # A bracket right after a unit's name is its alias (省农业农村厅（乡村振兴局）).
        if not closed or (start > 0 and vocabulary_simplified(text[start - 1]) in UNIT_ENDINGS):
            continue
        after_sentence = text[:start].rstrip(SPACE_CHARS).endswith(("。", "；", ";"))
        listed = _unit_list(inner, start + 1, after_sentence=after_sentence)
        if listed:
            return Note(start, end, tuple(listed), True)
    return None


_CLAUSE_ENDS = ("。", "；", ";", "，", ",")


def _label_inside_sentence(simplified: str, label: re.Match[str]) -> bool:
    """Whether a label written with 为/是 (责任主体是B) goes on a sentence whose clauses
    before it already name units with a role verb (由A组织推动，责任主体是B)."""
    if not label.group().rstrip().endswith(("为", "是")):
        return False
    sentence_start = max(simplified.rfind(c, 0, label.start()) for c in "。；;\n") + 1
    return _verb_re().search(simplified, sentence_start, label.start()) is not None


_OPENING_NOTE_WORK_MIN = 4


def _opening_bracket_note(text: str, simplified: str, start: int | None = None) -> Note | None:
    """A note in brackets before the work it assigns (（A牵头，B配合）全县地区生产总值增长7.5%):
    labels, a sentence of units and role verbs, or a list of units. ``start``: where the
    bracket opens, if not at the text's start."""
    if start is None:
        start = len(text) - len(text.lstrip(SPACE_CHARS))
    if start >= len(text) or text[start] not in OPEN_BRACKETS:
        return None
    close = bracket_pairs(text).get(start, -1)
    if close < 0 or len(strip_spaces(text[close + 1 :])) < _OPENING_NOTE_WORK_MIN:
        return None
    inner = text[start + 1 : close]
    if _note_label_re().match(simplified, _skip_spaces(simplified, start + 1)):
        found = label_units(inner, start + 1)
    elif _verb_re().search(simplified, start + 1, close):
        found = sentence_units(inner.rstrip("。；; "), start + 1, objects=True)
    else:
        listed = _unit_list(inner, start + 1)
        found = _Found(listed, []) if listed else None
    if found is None or not found.units:
        return None
    return Note(start, close + 1, tuple(found.units), True, tuple(found.officials), found.timeline)


# An item's title before the bracket that closes it: no clause breaks and no bracket of its own.
_TITLE_BEFORE_BRACKET_RE = re.compile(r"^[\s\u3000]*[^，,。；;：:（()）]{2,40}(?=[（(])")


def _note_after_title_sentence(text: str, simplified: str, starts: tuple[int, ...]) -> Note | None:
    """A note in brackets before the work, after the item's title sentence (加强挥发性有机物
    治理。（A牵头，B配合）开展…)."""
    for end in _title_sentence_ends(simplified, starts):
        if simplified[end] in OPEN_BRACKETS:
            note = _opening_bracket_note(text, simplified, end)
            if note is not None:
                return note
    return None


def _title_bracket_note(text: str, simplified: str) -> Note | None:
    """A note in brackets closing an item's title, before the details (（一）实施老旧小区改造
    工程（A牵头，B配合）。全年开工改造…): labels or a sentence of role verbs."""
    title = _TITLE_BEFORE_BRACKET_RE.match(simplified)
    if title is None:
        return None
    # a bare name in brackets there is another name or a place (（以下简称市安委办）,
    # （通州区）): only labels or role verbs make the bracket a note
    close = bracket_pairs(text).get(title.end(), -1)
    inside = simplified[title.end() + 1 : close]
    if close < 0 or not (_note_label_re().search(inside) or _verb_re().search(inside)):
        return None
    return _opening_bracket_note(text, simplified, title.end())


def _earlier_sentence_notes(
    text: str, simplified: str, closes: dict[int, int], before: int, *, bare_lists: bool
) -> _Found:
    """Notes closing earlier sentences of a measure whose body is several sub-tasks, each
    with its own note (…完成。（牵头单位：A）。…打造游园。（B牵头）。): the measure's units
    are all of them. A note is labelled, or a sentence of units and role verbs; where the
    measure's last note is a bare list of names (…新村（A、B）。…350户（C）。), a list of
    names the lexicon knows."""
    found = _Found([], [])
    for start in sorted(closes):
        close = closes[start]
        if start >= before or close < 0:
            continue
        after = strip_spaces(text[close + 1 : close + 3])
        if not (text[:start].rstrip().endswith(_CLAUSE_ENDS) or after.startswith(_CLAUSE_ENDS)):
            continue  # a bracket inside a clause is not a sub-task's note
        inner_text = text[start + 1 : close]
        if _note_label_re().match(simplified, _skip_spaces(simplified, start + 1)):
            inner = label_units(inner_text, start + 1)
        elif _verb_re().search(simplified, start + 1, close):
            # each sentence of the note on its own; those that name no units are skipped
            inner = _Found([], [])
            at = start + 1
            for sentence in re.split(r"(?<=[。；;])", inner_text):
                parsed = sentence_units(sentence.strip("。；;，, "), at)
                if parsed is not None:
                    inner.units.extend(parsed.units)
                    inner.officials.extend(parsed.officials)
                at += len(sentence)
        elif bare_lists and (listed := _unit_list(inner_text, start + 1)):
            inner = _Found(listed, [])
        else:
            continue
        found.units.extend(_sub_task_roles(inner.units))
        found.officials.extend(inner.officials)
    return found


def _sub_task_roles(units: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """A sub-task's note read on its own before the notes are joined: beside its own lead a
    unit supports, and a unit named alone leads its sub-task (（A牵头）。…（B负责）: B leads),
    whatever the other sub-tasks name."""
    open_units = [u for u in units if u[0] in ("single", "shared")]
    if any(role == "lead" for role, _, _ in units):
        return [("support" if u in open_units else u[0], u[1], u[2]) for u in units]
    if len(open_units) == 1:
        return [("lead" if u in open_units else u[0], u[1], u[2]) for u in units]
    # several sharing their own sub-task with no lead: jointly responsible for it, not the
    # supports of another sub-task's lead (…（A负责）。…（B、C按职责分工负责）)
    return [("apart" if u in open_units else u[0], u[1], u[2]) for u in units]


def _union_units(units: list[tuple[str, str, int]]) -> tuple[tuple[str, str, int], ...]:
    """Units of several notes, each (role, unit) once; a unit leading one sub-task is not
    also counted as supporting another."""
    leads = {unit for role, unit, _ in units if role == "lead"}
    seen: set[tuple[str, str]] = set()
    kept = []
    for role, unit, offset in units:
        if (role, unit) in seen or (role != "lead" and unit in leads):
            continue
        seen.add((role, unit))
        kept.append((role, unit, offset))
    return tuple(kept)


def _skip_spaces(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \u3000\t":
        at += 1
    return at


# A unit named with its level (or its zone: 新区经济发展局) and a unit's ending (区贸易粮食局,
# 区城管执法大队, 市惠民帮扶中心), though the lexicon lacks it.
_LEVELLED_UNIT_RE = re.compile(
    r"^(?:(?:[省市县区州旗盟]|新区|高新区|经开区|开发区)"
    # (办公室, 工作站, 检验所, 集团: a unit's own endings at any level)
    r"(?:[\u4e00-\u9fff]{1,10}(?:[局委办厅院署]|[支大]队|办公室|工作站|检验所|检测所|集团|公司)"
    r"|[\u4e00-\u9fff]{2,10}中心)"
    r"|[乡镇][\u4e00-\u9fff]{1,10}(?:[办院所站队]|中心))$"
)
# A branch or field unit named without its level (南水北调中线干线工程建设管理局河南分局,
# 晋城矿山救护大队).
_BRANCH_UNIT_RE = re.compile(r"^[\u4e00-\u9fff]{3,20}(?:分局|管理局|管理处|支队|大队|分公司)$")


def _named_as_unit(name: str) -> bool:
    """A name the lexicon knows, one written with its level and a unit's ending, a school's
    (一机一中, 县第一中学), or a department's own division's (登记注册科, 计划财务股)."""
    return (
        _lexicon_knows(name)
        or bool(_LEVELLED_UNIT_RE.match(vocabulary_simplified(name)))
        or bool(_BRANCH_UNIT_RE.match(vocabulary_simplified(name)))
        or bool(_SCHOOL_RE.search(to_simplified(squash_spaces(name))))
        or bool(_DIVISION_RE.match(vocabulary_simplified(name)))
    )


# A department's divisions, named in its own plans without a level (基础教育科, 运输管理股,
# 政策法规处): at least three characters before the ending, so that 学科, 外科, 理工科 or
# 不足之处 are none.
_DIVISION_RE = re.compile(r"^[\u4e00-\u9fff]{3,14}(?<!之)(?:科|股|处)$")


named_as_unit = _named_as_unit  # the table and outline readers' name for it
units_of_a_list = _units_of_a_list


def _unit_list(
    inner: str, base: int, *, after_sentence: bool = False
) -> list[tuple[str, str, int]]:
    """A closing bracket that holds only unit names (（市发改委、市财政局）): a single list.

    Every name must look like a unit and the lexicon must know at least one, so that a
    bracketed aside (（以下简称市发改委）, （2023年底前）) is never read as units. A bracket
    standing after the item's last sentence (…增长9%。（工资处、就管中心）) is no aside: there
    the names need only end like an office (a bureau's own sections, which no lexicon lists).
    """
    marked = [(*role_marked(n), o) for n, o in located_units(inner)]
    if not marked or has_role_verb(_role_mark_re_any().sub("", inner)):
        return []  # a sentence that did not parse is not a list of units
    bylines = parse_terms().get("byline", ())
    if len(marked) == 1 and vocabulary_simplified(marked[0][1]).endswith(bylines):
        return []  # a news copy's byline (（孝感日报）), not the paper as a unit
    if not all(looks_like_unit(n) and len(n) <= 25 for _, n, _ in marked):
        return []
    if not any(_named_as_unit(n) for _, n, _ in marked) and not (
        after_sentence
        and all(_OFFICE_NAME_RE.match(vocabulary_simplified(n)) for _, n, _ in marked)
    ):
        return []
    # a unit marked as leading (市发改委〈牵头〉, ★市发改委) leads the others
    return [(role or "single", n, base + o) for role, n, o in marked]


# A unit's own office or section named by its ending (工资处, 就管中心, 办公室, 法规科)
_OFFICE_NAME_RE = re.compile(r"^[\u4e00-\u9fff]{1,10}(?:[处科室局委办厅队站所]|中心)$")
# Where a list of units set apart at the end of an item begins: after a dash, or after a
# run of spaces where a table's unit column was (新建城市书房10个——市文旅局; 实施工程　　县交通局).
_SET_APART_RE = re.compile(r"(?:——|—|-{2,}|\s{2,}|\u3000+)")


def _trailing_unit_list(text: str) -> Note | None:
    """Units alone at the end of an item, after a dash or a column's spacing: read like a
    bracketed list (one unit leads, several are responsible, a marked one leads)."""
    body = text.rstrip("。；; \n")
    if "—" not in body and "  " not in body and "\u3000" not in body and "--" not in body:
        return None
    separators = list(_SET_APART_RE.finditer(body))
    match = separators[-1] if separators else None  # where the last part begins
    if match is None or match.start() == 0 or match.end() >= len(body):
        return None
    # a deadline after the units (——市文旅局，2025年底前完成) says when, not who
    comma = max(body.rfind("，"), body.rfind(","))
    if comma > match.end() and _DEADLINE_CLAUSE_RE.match(vocabulary_simplified(body[comma:])):
        body = body[:comma]
    # the work before the units: more than a heading's worth of words, and no units itself
    # (an issuer line: 中共海门市委  海门市人民政府)
    head = strip_spaces(body[: match.start()]).strip("•·")
    head_names = split_units(head)
    if len(head) < _SET_APART_WORK_MIN or (
        head_names and all(_named_as_unit(n) for n in head_names)
    ):
        return None
    units = _unit_list(body[match.end() :], match.end())
    if not units:
        return None
    return Note(match.start(), len(body), tuple(units), True, weak=True)


_SET_APART_WORK_MIN = 6


def _closing_sentence(text: str, simplified: str, loose: bool = False) -> Note | None:
    """由A牵头、B参与 closing the measure (its last clause). ``loose``: a last sentence of
    units and role verbs may end in a short clause saying what for (以A为责任主体，确保…),
    tried after every other form of note."""
    # Only the last clause can be the closing sentence; looking no further keeps long
    # paragraphs linear.
    offset = max(simplified.rfind("。", 0, len(simplified.rstrip("。；; "))), 0)
    # A dash sets the role clauses apart as well (推进改造——市住建局牵头，市财政局配合).
    offset = max(offset, simplified.rfind("——") + 1)
    match = _closing_sentence_re().search(simplified, offset)
    if match is not None:
        start = match.start() + 1
        # a short clause after the verbs says what for (由A会同B负责，确保应享尽享)
        parsed = sentence_units(text[start : match.end()].rstrip("。；; "), start, objects=True)
        if parsed is None:
            # 由A负责<the work, however long>: the units up to the first role verb, and
            # those of the role clauses after it (由A负责，B、C配合，<the work>)
            verb = _verb_re().search(simplified, start, match.end())
            if verb is not None:
                parsed = sentence_units(text[start : verb.end()], start)
                if parsed is not None:
                    parsed = _with_role_clauses_after(text, parsed, verb.end(), match.end())
        if parsed is not None and simplified[: match.start()].endswith("分别"):
            # …分别由A、B负责: each leads its part
            parsed.units = [("lead" if r == "shared" else r, n, o) for r, n, o in parsed.units]
    elif offset > 0 and _verb_re().search(simplified, offset):
        # A last sentence made of role clauses only (…。市发改委牵头，市财政局配合。), or
        # with a short clause saying what for (以A为责任主体，确保改一户、成一户).
        start = offset + 1
        sentence = text[start:].rstrip("。；; ")
        parsed = sentence_units(sentence, start, objects=loose)
        if loose and parsed is not None and not any(_named_as_unit(n) for _, n, _ in parsed.units):
            parsed = None  # 成立…协调小组，统筹推进…: no unit the lexicon knows
    else:
        parsed = _closing_clauses(text, simplified, offset)
    if parsed is None or not parsed.units or _exhortation(simplified, parsed.units):
        return None
    # The clause stays part of the measure's text: it is a sentence, not an annotation.
    return Note(len(text), len(text), tuple(parsed.units), True, tuple(parsed.officials))


_MODAL_RE = re.compile(_MODAL)


def _exhortation(simplified: str, units: list[tuple[str, str, int]]) -> bool:
    """Every department or place named as a whole, told what it shall do (各单位要各司其职、
    密切配合): a demand on all, not an assignment."""
    return all(
        _GENERIC_COLLECTIVE_RE.match(vocabulary_simplified(name))
        and _MODAL_RE.match(simplified, at + len(name))
        for _, name, at in units
    )


# A unit's part named right after its 负责, two words at most (选址规划, 建设管理).
_PART_AFTER_VERB_RE = re.compile(r"[\u4e00-\u9fff]{2,6}")


def _sole_answerer(units: list[tuple[str, str, int]]) -> bool:
    """One unit answering for a clause's work alone (城区由A负责)."""
    return len(units) == 1 and units[0][0] == "shared"


_JOINT_CLAUSE_RE = re.compile(
    r"\s*(?:并|要|应)?会同(?P<joint>[^，,。；;]{2,60}?)(?:等(?:有关|相关)?(?:部门|单位))?"
    + _JOINT_WORK_AHEAD
)


# Units helping with the work named after their verb (B、C配合做好用地报批…), the unit they
# help named between (B协助A做好…: A is the verb's object, not coded again).
_SUPPORT_WITH_WORK_RE = re.compile(
    r"(?P<units>[^，,。；;：:]{2,60}?)(?:积极|主动|共同)?(?:配合|协助|协同)"
    r"(?:[^，,。；;：:]{2,24}?)??(?=做好|开展|推进|落实|办理|完成|实施|抓好|加强)"
)


def _with_role_clauses_after(text: str, parsed: _Found, at: int, end: int) -> _Found:
    """``parsed`` with the units of the clauses right after ``at`` that are units and a
    role verb only (…负责，B、C配合，做好…: B and C), up to the first that is not."""
    clause_start = at
    each_answers = _sole_answerer(parsed.units)
    for brk in _CLAUSE_END_RE.finditer(text, at, end):
        if brk.start() == clause_start:
            clause_start = brk.end()
            continue
        clause = text[clause_start : brk.start()]
        joint = _JOINT_CLAUSE_RE.match(vocabulary_simplified(clause))
        if joint is not None:
            # 会同B、C做好…: the units it works together with support, the work follows
            names = located_units(clause[joint.start("joint") : joint.end("joint")])
            if names and all(looks_like_unit(n) for n, _ in names):
                parsed.units = [
                    *parsed.units,
                    *(("support", n, clause_start + joint.start("joint") + o) for n, o in names),
                ]
            break
        helping = _SUPPORT_WITH_WORK_RE.match(vocabulary_simplified(clause))
        if helping is not None:
            # B、C配合做好…手续办理: they support, the work they help with follows
            names = located_units(clause[: helping.end("units")])
            if names and all(looks_like_unit(n) for n, _ in names):
                parsed.units = [
                    *parsed.units,
                    *(("support", n, clause_start + o) for n, o in names),
                ]
            break
        more = sentence_units(clause, clause_start)
        if (more is None or not more.units) and clause_start == at:
            # 由A负责标准化厂房建设，B、C配合做好…: the verb's work, then the clauses after it
            clause_start = brk.end()
            continue
        if more is None or not more.units:
            break
        each_answers = each_answers and _sole_answerer(more.units)
        if each_answers:
            # 集镇区域由A负责，农村区域由B负责: each clause's one unit leads its part
            parsed.units = [("lead", n, o) for _, n, o in parsed.units]
            more.units = [("lead", n, o) for _, n, o in more.units]
        parsed.units = [*parsed.units, *more.units]
        parsed.officials = [*parsed.officials, *more.officials]
        clause_start = brk.end()
    return parsed


# How far before a paragraph's end its closing role clauses are looked for: a few units
# and verbs, so that a long paragraph is not read clause by clause.
_CLOSING_CLAUSES_MAX = 120
_COMMA_RE = re.compile(r"[，,]")


def _closing_clauses(text: str, simplified: str, offset: int) -> _Found | None:
    """Role clauses closing the last sentence after a comma, with no 由 before them
    (推进老旧小区改造，市住建局牵头，市财政局配合。): the first comma after which every
    clause is units and a role verb, at least one unit named as a unit."""
    end = len(text.rstrip("。；; \n"))
    offset = max(offset, end - _CLOSING_CLAUSES_MAX)
    if not _verb_re().search(simplified, offset, end):
        return None
    for comma in _COMMA_RE.finditer(simplified, offset, end):
        start = comma.end()
        parsed = sentence_units(text[start:end], start)
        if parsed is not None and any(_named_as_unit(n) for _, n, _ in parsed.units):
            return parsed
    return None


@lru_cache(maxsize=1)
def _closing_sentence_re() -> re.Pattern[str]:
    """由A牵头、B参与 / 由A、B共同组织实施 closing a paragraph: 由, units, a role verb."""
    return re.compile(
        rf"{_BY_WORD}(?:(?!{_BY_WORD})[^。；;]){{1,200}}?(?:{_alternation(verbs())})"
        r"[^。；;]{0,200}[。；;]?\s*$"
    )


@lru_cache(maxsize=1)
def _column_header_re() -> re.Pattern[str]:
    """A table header kept on one line, its unit columns last (主要任务 建设重点 牵头部门
    配合部门), as a table flattened row by row with spaces between cells begins."""
    unit_labels = _unit_labels()
    return re.compile(
        r"(?:^|\s)\S{0,6}(?:任务|措施|内容|重点|事项|工作|项目)\S{0,6}(?:\s+\S{1,8}){0,2}?"
        rf"\s+(?P<labels>(?:{unit_labels})(?:\s+(?:{unit_labels})){{0,2}})\s*$"
    )


def unit_columns(text: str) -> tuple[str, ...]:
    """Roles of the unit columns a flattened table's header names, in order (("lead",
    "support") for …牵头部门 配合部门), or () where no such header line is found."""
    for line in text.split("\n"):
        match = _column_header_re().search(vocabulary_simplified(line.strip()))
        if match:
            return tuple(labels()[label] for label in match.group("labels").split())
    return ()


_LAST_TOKEN_RE = re.compile(r"\s+(\S+)$")
_GLUED_AFTER_SENTENCE_RE = re.compile(r"[.。；;]([^\s.。；;]+)$")


def trailing_columns_note(text: str, columns: tuple[str, ...]) -> Note | None:
    """Unit cells closing a measure's text, as a table row flattened with spaces between
    cells leaves them (推进湘江新区建设. 省发改委、长沙市政府 省直有关部门), read in the
    order of the header's unit columns; the first may follow the sentence with no space
    (…示范区建设.省科技厅 …)."""
    cells: list[tuple[str, int]] = []
    rest = text.rstrip()
    while len(cells) < len(columns):
        last = _LAST_TOKEN_RE.search(rest)
        if last and _is_unit_cell(last.group(1)):
            cells.insert(0, (last.group(1), last.start(1)))
            rest = rest[: last.start()].rstrip()
            continue
        glued = _GLUED_AFTER_SENTENCE_RE.search(rest)
        if glued and len(rest) - len(glued.group(1)) > 4 and _is_unit_cell(glued.group(1)):
            cells.insert(0, (glued.group(1), glued.start(1)))
            rest = rest[: glued.start(1)]
        break
    if not cells:
        return None
    units = [
        (role, unit, at + offset)
        for role, (cell, at) in zip(columns, cells, strict=False)
        for unit, offset in located_units(cell)
    ]
    return Note(len(rest), len(text), tuple(units), True)


def _is_unit_cell(cell: str) -> bool:
    names = split_units(cell)
    return bool(names) and _units_of_a_list(names) and not any(is_official(n) for n in names)


_RULE_WORDS = ("头", "頭", "主办", "主辦")


def find_first_listed_rule(text: str) -> list[tuple[int, int]]:
    """Spans of statements that the first-listed unit leads (列第一位的为牵头单位 …)."""
    if not any(word in text for word in _RULE_WORDS):  # every statement names 牵头 or 主办
        return []
    return [m.span() for m in _first_listed_re().finditer(vocabulary_simplified(text))]


def rule_holds_below(text: str) -> bool:
    """Whether a paragraph's first-listed rule holds for the lists below it.

    A rule stated on its own (in the preamble, in a label line) or followed by 下同 holds
    from there on; a rule written inside one unit list (责任单位：A、B（排名第一的为牵头单位）)
    holds for that list only.
    """
    simplified = vocabulary_simplified(text)
    for match in _first_listed_scope_re().finditer(simplified):
        clause_end = re.search(r"[。；;）)〕]|$", simplified[match.end() :]).start()
        if "下同" in simplified[match.start() : match.end() + clause_end]:
            return True
        before = simplified[: match.start()]
        if _closes_bracketed_list(before):
            continue  # （A、B、C负责，列第一位者为牵头单位）: that list's own rule
        # a role verb makes the rule a list's own only in the clause it closes (A牵头，B、C
        # 配合（排名第一…）), not anywhere earlier in the paragraph (为全面落实…)
        clause = _CLAUSE_END_RE.split(before)[-1]
        if not _label_re().search(before) and not _verb_re().search(clause):
            return True
    return False


def _closes_bracketed_list(before: str) -> bool:
    """Whether a rule stands in a bracket after the units it orders (（A、B、C，列第一位者
    牵头）; （A、B、C负责，排在第一位的为牵头单位）): the bracket is that list's note."""
    opened = max(before.rfind("（"), before.rfind("("))
    if opened < max(before.rfind("）"), before.rfind(")")):
        return False
    inner = _CLAUSE_END_RE.split(before[opened + 1 :].rstrip("，, "))
    listed = _TRAILING_DUTY_RE.sub("", inner[0]) if len(inner) == 1 else ""
    names = located_units(listed)
    return len(names) >= 2 and all(looks_like_unit(n) for n, _ in names)


_DOCUMENT_NOTE_RE = re.compile(
    r"^\s*[（(]?(?:注|备注|说明|附注|填表说明)\s*[0-9０-９]*[）)]?\s*[:：]"
)


# A first-listed rule's stated exception: lists marked with a wording of their own
# (注明“共同负责”的除外; 标注“按职责分工负责”的除外).
_RULE_EXCEPTION_RE = re.compile(
    r"(?:注明|标注|标明|注有|写明|标有)\s*[“\"「『]([^”\"」』]{2,12})[”\"」』]\s*(?:的|者)?\s*(?:除外|不在此列)"
)


def rule_exceptions(paragraph: str) -> list[str]:
    """The wordings a first-listed rule says it does not cover (共同负责, 按职责分工负责).

    Examples
    --------
    >>> rule_exceptions("排在第一位的为牵头单位（注明“共同负责”的除外）")
    ['共同负责']
    """
    return [m.group(1) for m in _RULE_EXCEPTION_RE.finditer(vocabulary_simplified(paragraph))]


def without_rule_exceptions(paragraph: str) -> str:
    """The text without a first-listed rule's stated exceptions (，注明“共同负责”的除外), so
    that the excepted wording in them is not read as a list's own."""
    spans = [m.span() for m in _RULE_EXCEPTION_RE.finditer(vocabulary_simplified(paragraph))]
    for start, end in reversed(spans):
        while start > 0 and paragraph[start - 1] in "，,；; ":
            start -= 1
        paragraph = paragraph[:start] + paragraph[end:]
    return _EMPTY_BRACKETS_RE.sub("", paragraph) if spans else paragraph


def rule_holds_everywhere(paragraph: str) -> bool:
    """Whether a paragraph states a first-listed rule for the whole document: a note set
    apart from the measures (注：列第一位的为牵头单位), often under the table it explains."""
    return bool(_DOCUMENT_NOTE_RE.match(vocabulary_simplified(paragraph))) and bool(
        find_first_listed_rule(paragraph)
    )


def remove_first_listed_rule(text: str) -> str:
    """The text without first-listed-unit rules and the brackets they leave empty."""
    if "头" not in text and "頭" not in text:
        return text
    simplified = vocabulary_simplified(text)
    spans = [
        _bracket_around(text, *m.span()) for m in _first_listed_scope_re().finditer(simplified)
    ]
    for start, end in reversed(spans):
        text = text[:start] + text[end:]
    return _EMPTY_BRACKETS_RE.sub("", text) if spans else text


_RULE_ASIDE_MAX = 40


def _bracket_around(text: str, start: int, end: int) -> tuple[int, int]:
    """A rule's span widened to the bracket that holds it with its exceptions
    (（除标注为“牵头”单位外，列第一位的为牵头单位，下同）), where it is such an aside."""
    for open_at, close_at in bracket_pairs(text).items():
        before = text[open_at + 1 : start]
        if (
            open_at < start
            and close_at >= end
            and close_at - open_at <= _RULE_ASIDE_MAX + (end - start)
            # only the rule and its exception (除标注为“牵头”单位外), not a note's units
            and not any(c in before for c in "、。；;")
            and not _note_label_re().search(vocabulary_simplified(before))
        ):
            return open_at, close_at + 1
    return start, end


def starts_note_label(sentence: str) -> bool:
    """Whether a sentence holds a label that opens a note (部门分工：…, 牵头单位：…)."""
    return _note_label_re().search(vocabulary_simplified(sentence)) is not None


@lru_cache(maxsize=1)
def _spaced_label_re() -> re.Pattern[str]:
    return re.compile(rf"^【?({_level()}{_spaced(labels())})(?=[ \t\u3000\u00a0]+\S)")


def colon_after_spaced_label(paragraph: str) -> str:
    """A label line whose label is set off by spaces instead of a colon (牵头单位 市发改委, as
    a two-column table becomes text), with a colon in the first space's place (offsets kept);
    other paragraphs unchanged.

    Examples
    --------
    >>> colon_after_spaced_label("配合单位 市财政局、市商务局")
    '配合单位：市财政局、市商务局'
    >>> colon_after_spaced_label("牵头单位 要强化责任")
    '牵头单位 要强化责任'
    """
    match = _spaced_label_re().match(vocabulary_simplified(paragraph))
    if match is None:
        return paragraph
    rest = paragraph[match.end() :].lstrip(" \t\u3000\u00a0")
    first = split_units(re.split(r"[\s、，,；;]", rest, maxsplit=1)[0])
    role = _label_role(match.group(1))
    simplified_rest = vocabulary_simplified(rest)
    if role == "timeline":
        fits = bool(_DEADLINE_RE.search(simplified_rest))
    elif role == "division":
        fits = _verb_re().search(simplified_rest) is not None
    elif role == "official":
        fits = bool(first) and (is_person_name(first[0]) or is_official(first[0]))
    else:
        fits = role != "stop" and bool(first) and looks_like_unit(first[0])
    if not fits:
        return paragraph
    return paragraph[: match.end()] + "：" + paragraph[match.end() + 1 :]


@lru_cache(maxsize=1)
def _label_chars() -> frozenset[str]:
    """The last characters of the unit labels, simplified and traditional (位, 門 …)."""
    from agencygraph._chars import ts_table

    last = {term[-1] for term in labels()}
    return frozenset(last | {chr(t) for t, s in ts_table().items() if s in last})


@lru_cache(maxsize=1)
def _glued_label_re() -> re.Pattern[str]:
    # a label that is also a common word (成员由A、B组成) is read only before its colon
    colon_only = {t for t, _ in _terms("label_colon")}
    unit_roles = [t for t, role in labels().items() if role in UNIT_ROLES and t not in colon_only]
    return re.compile(
        rf"(?:^|(?<=[{re.escape(OPEN_BRACKETS)}\s；;，,。】]))【?{_level()}{_spaced(unit_roles)}"
        rf"(?=[\s\u3000]?[^\s\u3000：:为是】）)，,；;、。])"
    )


def colon_after_glued_label(paragraph: str) -> str:
    """A label written with no colon before its units (牵头单位市发展改革委，责任单位市统计局; a
    news copy or a scan drops it), with a colon put in where a unit the lexicon knows follows.

    Examples
    --------
    >>> colon_after_glued_label("（牵头单位市发展改革委，责任单位市统计局）")
    '（牵头单位：市发展改革委，责任单位：市统计局）'
    >>> colon_after_glued_label("牵头单位要切实履行职责")
    '牵头单位要切实履行职责'
    """
    if _label_chars().isdisjoint(paragraph):
        return paragraph  # no label's last character: most paragraphs, told apart cheaply
    readable = vocabulary_simplified(paragraph)
    # a label's ending may follow a shorter label word (牵头 / 单位为A): not glued to a unit
    endings = (*(t for t, _ in _terms("label_suffix")), "为", "是", "(", "（")
    cuts = []
    for match in _glued_label_re().finditer(readable):
        if readable.startswith(endings, match.end()):
            continue
        rest = paragraph[match.end() :].lstrip(" \u3000")
        first = re.split(r"[\s、，,；;。）)]", rest, maxsplit=1)[0]
        if first and _named_as_unit(first):
            cuts.append(match.end())
    for cut in reversed(cuts):
        paragraph = paragraph[:cut] + "：" + paragraph[cut:].lstrip(" \u3000")
    return paragraph


@lru_cache(maxsize=1)
def _semicolon_label_re() -> re.Pattern[str]:
    # after a bracket, or opening a label line (牵头单位;A 配合单位;B as a scan reads it);
    # after a space the label starts at once, so a run of spaces is not rescanned (linear)
    return re.compile(
        rf"(?:(?:^|(?<=[{re.escape(OPEN_BRACKETS)}；;。]))\s*|(?<=\s))"
        rf"{_level()}{_spaced(labels())}\s*([；;])"
    )


def colon_for_semicolon_after_label(paragraph: str) -> str:
    """A bracketed note whose label a typing slip closed with a semicolon ((责任单位;住建局、
    畜牧局)), with a colon in its place where a unit follows (offsets kept).

    Examples
    --------
    >>> colon_for_semicolon_after_label("提升村屯人居环境。(责任单位;住建局、畜牧局)")
    '提升村屯人居环境。(责任单位：住建局、畜牧局)'
    """
    if ";" not in paragraph and "；" not in paragraph:
        return paragraph
    readable = vocabulary_simplified(paragraph)
    for match in _semicolon_label_re().finditer(readable):
        rest = paragraph[match.end() :].lstrip(" \u3000")
        first = split_units(re.split(r"[\s、，,；;）)]", rest, maxsplit=1)[0])
        if first and looks_like_unit(first[0]):
            at = match.start(1)
            paragraph = paragraph[:at] + "：" + paragraph[at + 1 :]
    return paragraph


def starts_with_label(paragraph: str) -> bool:
    """Whether a paragraph is a label line (牵头单位：…) that belongs to the measure above."""
    return bool(_label_at_start_re().match(vocabulary_simplified(paragraph)))


def owners_resolved(units: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """A project's owner (业主单位) supports the units answering for the project, where any
    is named; named alone, it is read as any unit named alone.

    Examples
    --------
    >>> owners_resolved([("owner", "县城投公司", 0), ("single", "县住建局", 9)])[0][0]
    'support'
    >>> owners_resolved([("owner", "县城投公司", 0)])[0][0]
    'single'
    """
    others = any(role != "owner" for role, _, _ in units)
    return [
        ("support" if others else "single", n, o) if role == "owner" else (role, n, o)
        for role, n, o in units
    ]


def resolve_roles(
    units: list[tuple[str, str, int]], *, first_leads: bool
) -> list[tuple[str, str, int]]:
    """Give ``single`` and ``shared`` units their roles (``CONTRACT.md``).

    Beside a named lead, they support. Otherwise, where the document's first-listed rule is
    in force, the first leads and the rest support; a unit named alone leads; several units
    are jointly ``responsible``. A unit named twice in one note (a lead repeated in the
    responsible-unit list) is kept once, in its strongest role.

    Examples
    --------
    >>> units = [("single", "市发改委", 0), ("single", "市财政局", 5)]
    >>> [r for r, _, _ in resolve_roles(units, first_leads=False)]
    ['responsible', 'responsible']
    >>> [r for r, _, _ in resolve_roles(units, first_leads=True)]
    ['lead', 'support']
    >>> [r for r, _, _ in resolve_roles(units[:1], first_leads=False)]
    ['lead']
    """
    units = owners_resolved(units)
    has_lead = any(role == "lead" for role, _, _ in units)
    # a sub-task's own list sharing it (apart): jointly responsible, unless the item's
    # first-listed rule makes it one list with the others
    open_roles = ("single", "shared", "apart") if first_leads else ("single", "shared")
    open_units = [u for u in units if u[0] in open_roles]
    resolved = []
    for role, unit, offset in units:
        if role == "apart" and not first_leads:
            role = "responsible"
        elif role in open_roles:
            if has_lead:
                role = "support"
            elif first_leads:
                role = "lead" if (role, unit, offset) == open_units[0] else "support"
            elif len(open_units) == 1:
                role = "lead"
            else:
                role = "responsible"
        resolved.append((role, unit, offset))
    rank = {"lead": 0, "responsible": 1, "support": 2}
    best: dict[str, tuple[str, str, int]] = {}
    for entry in resolved:
        kept = best.get(entry[1])
        if kept is None or rank[entry[0]] < rank[kept[0]]:
            best[entry[1]] = entry
    return [e for e in resolved if best[e[1]] is e]
