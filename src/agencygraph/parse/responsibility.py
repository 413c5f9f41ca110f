"""How plans write who is responsible: labelled notes, sentences and unit lists.

Plans name responsible units in a few recurring forms, all recognised here:

- **labels**: 牵头单位：A、B；协同单位：C (also 配合/责任/协办/参与/主办/主要责任单位, 牵头部门
  …), inside brackets at the end of a measure, or on lines of their own; a unit may carry its
  own role mark (责任单位：A（牵头）、B);
- **sentences**: （A牵头，B、C配合）, （A、B牵头，C按职责分工负责）, 由A牵头、B参与, A负责,
  A会同B — with 及, 和, 与 as separators besides 、 and ，; units that share a duty with no
  lead named (（A、B负责）, （A、B按职责分工负责）) all lead;
- **single lists**: 责任单位：A、B、C, where a rule stated in the document (列第一位的为牵头单位,
  下同) makes the first unit the lead from where it is stated; without such a rule the list is
  coded as support and the document is flagged.

Matching runs on a simplified-character copy of the text (one character for one), so
牽頭單位 and 責任單位 are read like their simplified forms while units are returned as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from agencygraph.parse._text import (
    CLOSE_BRACKETS,
    OPEN_BRACKETS,
    bracket_depth_split,
    bracket_pairs,
    squash_spaces,
    strip_spaces,
)
from agencygraph.parse._text import (
    simplified as vocabulary_simplified,
)

#: Label → role. ``single`` is a list that names every responsible unit without saying which
#: leads (责任单位): support when a lead label stands beside it, else a single list.
LABELS: dict[str, str] = {
    "牵头单位": "lead",
    "牵头部门": "lead",
    "主办单位": "lead",
    "主责单位": "lead",
    "主责部门": "lead",
    "主要责任单位": "lead",
    "主要责任部门": "lead",
    "配合单位": "support",
    "配合部门": "support",
    "协同单位": "support",
    "协同部门": "support",
    "协办单位": "support",
    "参与单位": "support",
    "参加单位": "support",
    "协助单位": "support",
    "责任单位": "single",
    "责任部门": "single",
    "实施单位": "single",
}
_LABEL_RE = re.compile("(" + "|".join(sorted(LABELS, key=len, reverse=True)) + r")\s*[:：]\s*")
_LABEL_AFTER_BRACKET_RE = re.compile(r"\s*(?:" + "|".join(LABELS) + r")\s*[:：]")
_LABEL_AT_START_RE = re.compile(rf"^[{re.escape(OPEN_BRACKETS)}]?\s*(?:{'|'.join(LABELS)})\s*[:：]")

# Verbs that give a unit group its role in sentence form, longest first.
LEAD_VERBS = ("牵头负责", "牵头抓总", "负总责", "牵头", "主办", "主责", "负责")
SUPPORT_VERBS = (
    "按职责分工负责",
    "按职责分工落实",
    "按职能分工负责",
    "按职责负责",
    "分工负责",
    "共同负责",
    "配合实施",
    "共同参与",
    "配合",
    "参与",
    "协同",
    "协助",
    "协办",
    "参加",
)
_JOINT = ("会同",)
_VERB_RE = re.compile(
    "|".join(sorted((*LEAD_VERBS, *SUPPORT_VERBS, *_JOINT), key=len, reverse=True))
)

# A stated rule that the first unit of a list leads: 列第一位的为牵头单位, 排在首位的为牵头部门 …
_CLOSING_SENTENCE_RE = re.compile(r"由[^。；;由]{1,200}?(?:牵头|负责)[^。；;]{0,200}[。；;]?\s*$")
FIRST_LISTED_RE = re.compile(
    r"(?:列|排|名|位)[^，,。；;）)]{0,5}?(?:第一|首)[^，,。；;）)]{0,5}?(?:为|是|系)"
    r"牵头(?:单位|部门)?(?:[，,、]?\s*下同)?"
)
_EMPTY_BRACKETS_RE = re.compile(
    rf"[{re.escape(OPEN_BRACKETS)}][\s，,、；;。]*(?:下同)?[\s，,、；;。]*[{re.escape(CLOSE_BRACKETS)}]"
)

# People, not agencies: work assigned to an official is not coded as a unit.
OFFICIAL_RE = re.compile(
    r"(?:副?(?:市|县|区|省|州|镇|乡)长|(?:副)?书记|秘书长|常务副|分管(?:副)?(?:市|县|区)?(?:长|领导)"
    r"|(?:副)?主任$|领导$|负责同志$|负责人$)"
)
#: Characters that end a unit name (局, 委, 会 …), and that start one written with its
#: place or as a collective (市, 县, 团, 各 …).
UNIT_ENDINGS = frozenset("局委会部办联院厅室所心站队团社台处府司行校馆组署庭盟旗")
UNIT_STARTS = frozenset("市县区省州盟旗镇乡街团各")
_CONJUNCTIONS = "及和与"
_TRAILING_ETC_RE = re.compile(r"(?<=.{2})等(?:部门|单位)?$")
_ROLE_MARKS = {
    "牵头": "lead",
    "牵头单位": "lead",
    "牵头部门": "lead",
    "主责": "lead",
    "配合": "support",
    "协同": "support",
    "协办": "support",
    "参与": "support",
}
_ROLE_MARK_RE = re.compile(
    rf"[{re.escape(OPEN_BRACKETS)}]\s*({'|'.join(sorted(_ROLE_MARKS, key=len, reverse=True))})"
    rf"\s*[{re.escape(CLOSE_BRACKETS)}]\s*$"
)


@dataclass(frozen=True)
class Note:
    """Responsible units found in a measure's text."""

    start: int  # offset where the note starts (its opening bracket, if bracketed)
    end: int  # offset just after it
    units: tuple[tuple[str, str], ...]  # (role, unit as written): lead, support, single, shared
    closed: bool  # a bracketed note whose bracket is closed
    officials: tuple[str, ...] = ()  # officials named instead of units


UnitTest = Callable[[str], bool]


@lru_cache(maxsize=65536)
def _lexicon_knows(name: str) -> bool:
    from agencygraph.agencies import resolve

    return resolve(name).agency_type is not None


def looks_like_unit(name: str) -> bool:
    """Whether a name is a unit: the lexicon resolves it, or it ends like a unit's name."""
    name = squash_spaces(name)
    if len(name) < 2 or is_official(name):
        return False
    return _lexicon_knows(name) or vocabulary_simplified(name[-1]) in UNIT_ENDINGS


def is_official(name: str) -> bool:
    """Whether a name is an official's title (副市长, 分管副区长) rather than an agency."""
    return bool(OFFICIAL_RE.search(vocabulary_simplified(squash_spaces(name))))


# Administrative levels written bare after a 各 collective: 各区、县级市, 各县、市、区.
_BARE_LEVELS = frozenset(
    {"县级市", "县", "县区", "区", "市", "乡", "镇", "乡镇", "街道", "开发区", "功能区", "园区"}
)


def split_units(segment: str, *, conjunctions: bool = False) -> list[str]:
    """Split a unit list at 、 ， , ； ; / and line breaks outside brackets; spaces removed.

    A bare administrative level after a 各 collective stays with it (各区、县级市 is one unit).

    With ``conjunctions``, also at 及/和/与 where both sides are units and the whole is not
    (人力资源和社会保障局, 各县(区)党委和政府 stay whole).
    """
    units: list[str] = []
    for part in bracket_depth_split(segment, "、，,；;\n/／"):
        for piece in _space_separated(part):
            unit = _trim_unit(squash_spaces(piece))
            if not unit:
                continue
            if units and units[-1].startswith("各") and vocabulary_simplified(unit) in _BARE_LEVELS:
                # 各区、县级市 is one collective (every district and county-level city), not
                # 各区 and a unit called 县级市.
                units[-1] += "、" + unit
                continue
            units.extend(_split_conjunctions(unit) if conjunctions else [unit])
    return units


def _space_separated(part: str) -> list[str]:
    """县总工会 团县委 → two units, where every space-separated piece is a unit the lexicon
    knows; a name broken by a space (市人力资源和社会 保障局) stays one."""
    pieces = part.split()
    if len(pieces) > 1 and all(_lexicon_knows(piece) for piece in pieces):
        return pieces
    return [part]


def _trim_unit(unit: str) -> str:
    """A unit without list punctuation, a trailing 等 (市财政局等), or a closing bracket the
    list itself does not open (the end of a note read without its brackets)."""
    unit = unit.strip("。.：:")
    unit = _TRAILING_ETC_RE.sub("", unit)
    while unit and unit[-1] in CLOSE_BRACKETS and _bracket_balance(unit) < 0:
        unit = unit[:-1].rstrip()
    return unit


def _bracket_balance(text: str) -> int:
    return sum(c in OPEN_BRACKETS for c in text) - sum(c in CLOSE_BRACKETS for c in text)


def role_marked(unit: str) -> tuple[str | None, str]:
    """A unit's own role mark, as in 县人社局（牵头）: (role or None, unit without the mark).

    Examples
    --------
    >>> role_marked("县人社局（牵头）")
    ('lead', '县人社局')
    >>> role_marked("县人社局（县就业局）")
    (None, '县人社局（县就业局）')
    """
    match = _ROLE_MARK_RE.search(vocabulary_simplified(unit))
    if match is None or match.start() == 0:
        return None, unit
    return _ROLE_MARKS[match.group(1)], strip_spaces(unit[: match.start()])


def _split_conjunctions(unit: str) -> list[str]:
    """Split 市人社局及市总工会 at 及/和/与 where a new unit (with its own level) begins.

    Names that hold 和 themselves (人力资源和社会保障局, 各县(区)党委和政府) stay whole: what
    follows their 和 does not start with a level or place marker such as 市, 县, 区.
    """
    simplified = vocabulary_simplified(unit)
    for i, char in enumerate(simplified):
        if char in _CONJUNCTIONS and 0 < i < len(unit) - 1 and simplified[i + 1] in UNIT_STARTS:
            left, right = unit[:i], unit[i + 1 :]
            rest = _split_conjunctions(right)
            if looks_like_unit(left) and all(looks_like_unit(u) for u in rest):
                return [left, *rest]
    return [unit]


def label_units(inner: str) -> list[tuple[str, str]]:
    """``牵头单位：A、B；协同单位：C`` → [(role, unit)] in order; role lead/support/single."""
    simplified = vocabulary_simplified(inner)
    labels = list(_LABEL_RE.finditer(simplified))
    pairs = []
    for i, match in enumerate(labels):
        role = LABELS[match.group(1)]
        end = labels[i + 1].start() if i + 1 < len(labels) else len(inner)
        for unit in split_units(inner[match.end() : end]):
            marked, unit = role_marked(unit)
            pairs.append((marked or role, unit))
    return pairs


def sentence_units(inner: str) -> tuple[list[tuple[str, str]], list[str]] | None:
    """Units of a sentence-form note (A牵头，B、C配合; 由A牵头、B参与; A会同B负责).

    Returns ``([(role, unit)], officials)``, or None if the text is not such a note: every
    group before a role verb must consist of units (or officials' titles).
    """
    simplified = vocabulary_simplified(inner)
    pairs: list[tuple[str, str]] = []
    officials: list[str] = []
    position = 0
    pending_joint: list[str] | None = None
    shared_duty = True
    for match in _VERB_RE.finditer(simplified):
        group = inner[position : match.start()]
        names = split_units(group.lstrip("由，,、；; "), conjunctions=True)
        names = [n[1:] if vocabulary_simplified(n).startswith("由") else n for n in names]
        verb = match.group(0)
        if not names:
            if pending_joint is None:
                return None
            position = match.end()
            continue
        if not all(looks_like_unit(n) or is_official(n) for n in names):
            # The verb is part of a name (区政协办公室 holds 协办): keep reading.
            continue
        position = match.end()
        officials.extend(n for n in names if is_official(n))
        names = [n for n in names if not is_official(n)]
        if pending_joint is not None:
            pairs.extend(("support", n) for n in names)
            pending_joint = None
            if verb in _JOINT:
                return None
            continue
        if verb in _JOINT:
            pairs.extend(("lead", n) for n in names)
            pending_joint = names
        else:
            role = "lead" if verb in LEAD_VERBS else "support"
            if verb == "负责":
                role = "shared"
            pairs.extend((role, n) for n in names)
            shared_duty = shared_duty and verb.endswith("负责")
    tail = inner[position:]
    if pending_joint is not None:
        names = split_units(tail, conjunctions=True)
        if not names or not all(looks_like_unit(n) for n in names):
            return None
        pairs.extend(("support", n) for n in names)
        tail = ""
    if strip_spaces(tail).strip("。，,；;、") or not (pairs or officials):
        return None
    if shared_duty and not any(role == "lead" for role, _ in pairs):
        # （A、B按职责分工负责） with no one leading: the units share the responsibility, as
        # in （A、B负责）, rather than supporting a lead the note does not name.
        pairs = [("shared", n) for _, n in pairs]
    return pairs, officials


def find_note(text: str) -> Note | None:
    """The responsibility note of a measure's text, if it has one.

    A bracketed note at the end (labels or a sentence), else a trailing run of labels
    (…。牵头单位：A；责任单位：B), else a closing sentence 由A牵头、B配合.

    Examples
    --------
    >>> find_note("做好工作。（牵头单位：市委宣传部；协同单位：市总工会、市人社局）").units
    (('lead', '市委宣传部'), ('support', '市总工会'), ('support', '市人社局'))
    >>> find_note("做好工作。（市人社局牵头，市财政局、市总工会配合）").units
    (('lead', '市人社局'), ('support', '市财政局'), ('support', '市总工会'))
    """
    simplified = vocabulary_simplified(text)
    note = _bracketed_note(text, simplified)
    if note is not None:
        return note
    labels = list(_LABEL_RE.finditer(simplified))
    if labels:
        start = labels[0].start()
        return Note(start, len(text), tuple(label_units(text[start:])), closed=True)
    return _closing_sentence(text, simplified)


def _bracketed_note(text: str, simplified: str) -> Note | None:
    """The last bracket group holding labels, or a sentence note closing the measure."""
    closes = bracket_pairs(text)
    tail = len(strip_spaces(text).rstrip("。.；;"))
    last_label = max((m.start() for m in _LABEL_RE.finditer(simplified)), default=-1)
    for start in sorted(closes, reverse=True):
        close = closes[start]
        closed = close >= 0
        end = close + 1 if closed else len(text)
        if _LABEL_AFTER_BRACKET_RE.match(simplified, start + 1) or (
            not closed and last_label > start
        ):
            inner = text[start + 1 : close if closed else len(text)]
            return Note(start, end, tuple(label_units(inner)), closed)
        at_end = closed and len(text[:end].rstrip()) >= tail
        if at_end and _VERB_RE.search(simplified, start + 1, close):
            parsed = sentence_units(text[start + 1 : close])
            if parsed is not None:
                units, officials = parsed
                return Note(start, end, tuple(units), True, tuple(officials))
    return None


def _closing_sentence(text: str, simplified: str) -> Note | None:
    """由A牵头、B参与 closing the measure (its last clause)."""
    # Only the last clause can be the closing sentence; looking no further keeps long
    # paragraphs linear.
    offset = max(simplified.rfind("。", 0, len(simplified.rstrip("。；; "))), 0)
    match = _CLOSING_SENTENCE_RE.search(simplified, offset)
    if match is None:
        return None
    parsed = sentence_units(text[match.start() + 1 : match.end()].rstrip("。；; "))
    if parsed is None:
        return None
    units, officials = parsed
    # The clause stays part of the measure's text: it is a sentence, not an annotation.
    return Note(len(text), len(text), tuple(units), True, tuple(officials))


def find_first_listed_rule(text: str) -> list[tuple[int, int]]:
    """Spans of statements that the first-listed unit leads (列第一位的为牵头单位 …)."""
    if "头" not in text and "頭" not in text:  # every statement of the rule names 牵头
        return []
    return [m.span() for m in FIRST_LISTED_RE.finditer(vocabulary_simplified(text))]


def remove_first_listed_rule(text: str) -> str:
    """The text without first-listed-unit rules and the brackets they leave empty."""
    simplified = vocabulary_simplified(text)
    spans = [m.span() for m in FIRST_LISTED_RE.finditer(simplified)]
    for start, end in reversed(spans):
        text = text[:start] + text[end:]
    return _EMPTY_BRACKETS_RE.sub("", text) if spans else text


def starts_with_label(paragraph: str) -> bool:
    """Whether a paragraph is a label line (牵头单位：…) that belongs to the measure above."""
    return bool(_LABEL_AT_START_RE.match(vocabulary_simplified(paragraph)))


def resolve_single_lists(
    units: list[tuple[str, str]], *, first_leads: bool
) -> tuple[list[tuple[str, str]], bool]:
    """Give ``single`` units their roles.

    Beside a lead label, a 责任单位 list is support. Alone, its first unit leads if the
    document states the first-listed rule; otherwise all are support and the returned
    flag says the lead is unknown. Units sharing a duty in a sentence (``shared``:
    （A、B负责）) all lead, or under the first-listed rule the first leads and the rest
    support.
    """
    if not any(role in ("single", "shared") for role, _ in units):
        return units, False
    has_lead = any(role == "lead" for role, _ in units)
    resolved, unknown_lead, first = [], False, True
    for role, unit in units:
        if role == "shared":
            # Units sharing a duty (（A、B负责）) all lead, unless the document's rule makes
            # the first listed the lead.
            role = "support" if has_lead or (first_leads and not first) else "lead"
            first = False
        elif role == "single":
            if has_lead:
                role = "support"
            elif first_leads and first:
                role = "lead"
            else:
                role = "support"
                unknown_lead = not first_leads
            first = False
        resolved.append((role, unit))
    return resolved, unknown_lead
