"""Text helpers shared by the layout parsers: markers, brackets, unit lists, notes."""

from __future__ import annotations

import html
import re
import unicodedata
from importlib import resources

from agencygraph._chars import _partial_table

# Whitespace that plans carry from web pages and word processors, besides ASCII spaces.
SPACE_CHARS = " \t\u00a0\u3000\u2002\u2003\u2009\u202f\u200b\u200c\u200d\u2060\ufeff"
_SPACE_RE = re.compile(f"[{SPACE_CHARS}]+")

OPEN_BRACKETS = "（(〔【[［{｛<《〈"
CLOSE_BRACKETS = "）)〕】]］}｝>》〉"

CN_NUM = "一二三四五六七八九十百零〇"

# Headings of the official outline: 一、 > （一） > 1. > （1）.
LEVEL1_RE = re.compile(rf"^[^\w（(〔【]{{0,8}}?([{CN_NUM}]+)\s*[、.．]\s*")
LEVEL2_RE = re.compile(rf"^[（(]\s*([{CN_NUM}]+)\s*[）)]\s*")
# 1. / 1、, and items named with their number and a colon (任务1：, 指标2：, 实事一：)
LEVEL3_RE = re.compile(
    r"^(?:[\u4e00-\u9fff]{0,4}?(?:任务|指标|事项|项目|措施|举措|实事)\s*"
    r"(?=(?:[0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})\s*[：:])"
    # 2.9% is no item, but 2.9月底前 is item 2 opening with its month
    r"|(?=[0-9０-９]{1,3}\s*[.．、﹒](?!(?![0-9０-９]{1,2}\s*月)[0-9０-９])))"
    r"([0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})\s*[.．、﹒：:]\s*"
)
# (1), 1), ⑴ and ① all number the fourth level.
LEVEL4_RE = re.compile(
    r"^(?=[（(]?\s*[0-9０-９]{1,3}\s*[）)]|[⑴-⒇①-⑳])"
    r"[（(]?\s*([0-9０-９]{1,3}|[⑴-⒇①-⑳])\s*[）)]?\s*"
)
#: Where a paragraph run into one line (a web copy that lost its line breaks) begins
#: again: an outline number after whitespace or the end of a sentence or note.
# Matched empty, where the item begins (only ``end()`` is used): the older form, with the
# whitespace before the item inside the match (``\s*``), found the same ends but retried
# the whole run of spaces from each of its positions, quadratic in the run's length.
RUN_IN_BREAK_RE = re.compile(
    r"(?:(?<=[。；;])|(?<=[）)〕】])|(?<=\s))"
    rf"(?=[{CN_NUM}]{{1,3}}、|[（(][{CN_NUM}]{{1,3}}[）)]|[0-9０-９]{{1,2}}[.．、﹒](?![0-9０-９])"
    r"|[（(][0-9０-９]{1,2}[）)]|[①-⑳])"
)
# A page's number as a printed page sets it (— 3 —, - 2 -, 第1页 共3页), read without spaces.
PAGE_MARK_RE = re.compile(
    r"^(?:[-—–－]+\d{1,4}[-—–－]+|第\d{1,4}页(?:共\d{1,4}页)?|共\d{1,4}页第\d{1,4}页)$"
)
# A gazette's masthead printed on its pages (淮北市人民政府公报 2023年第4期), without spaces.
MASTHEAD_RE = re.compile(r"^.{0,20}(?:公报|政报|年鉴)(?:\d{4}年)?第\d{1,3}期$")
# A point whose numeral was lost in character recognition: "()".
EMPTY_POINT_RE = re.compile(r"[（(]\s*[）)]")
# A point marked with a bullet (● 白茶市场存在…). ★ marks a lead unit, ○ may be a zero and
# □ a character the copy could not show, so none of them is a bullet.
BULLET_RE = re.compile(r"[●■◆▲▶►◎❖•▪◇☆]\s*")

#: Characters of the parser's own vocabulary — labels, role verbs, headings, table headers,
#: boilerplate. Their traditional forms are read as simplified (牽頭單位 as 牵头单位); every
#: other character is left as written. The characters of the vocabulary files are added
#: when the module loads; a test checks that every vocabulary term is covered.
_CORE_VOCABULARY = (
    "牵头单位部门主办责配合协同参与加助实施负总抓会由列排名首第一为是系下组织保障措领导要求"
    "工作步骤进度安排有关目标任务指导思想基本原则体专栏抄送报上篇来源发布日期时间编辑打印本页"
    "关闭窗口分解具内容举事项序号类别领域板块方面项完成限按职能落共政府委人大协党中央代群团"
    "工商联妇青国院厅基层乡镇街道社区行业各级车班修订改出印推广制定分展路说明情况当称续态并"
    # words of the code's own patterns (a unit heading's 主要工作任务, status tags, working
    # verbs, 由 inside 自由/经由, total rows, 续表, item labels, a bureau's sections, a
    # problem column, a field of study, a proposal's 案由 and 议案题目)
    "个务职涉滞后启动开工达标时正常超额持已在全期未尚暂结依法统筹力积极切主做好建立完善"
    "督促调快严格须需理经缘别计小总表指举股室站所包片保成员局委办府会部队心司处区县市"
    "问题科学专文理预百监管及时尽快抓紧认真议案题标"
)


def _vocabulary_file_characters() -> str:
    characters = set()
    for name in ("role_terms.csv", "parse_terms.csv"):
        text = resources.files("agencygraph").joinpath("data", name).read_text(encoding="utf-8")
        characters.update(re.findall(r"[\u4e00-\u9fff]", text))
    return "".join(sorted(characters - set(_CORE_VOCABULARY)))


VOCABULARY = _CORE_VOCABULARY + _vocabulary_file_characters()

TERMINAL_PUNCT = "。！？；;!?…〕）)」』”\"'"


_CJK = "\u3400-\u9fff\uff01-\uff5e\u3001-\u3011"
_SPACED_PAIR_RE = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")
_ADJACENT_PAIR_RE = re.compile(f"[{_CJK}](?=[{_CJK}])")
_SPACED_PAIRS_MIN = 3


def unspaced(text: str) -> str:
    """The text with the single spaces a scan or a justified PDF leaves between the
    characters of a line (牵 头 单 位 ： 市 发 改 委) taken out, line by line; lines whose
    characters mostly stand together (a table's cells set apart by spaces) are left alone.

    Examples
    --------
    >>> unspaced("（ 牵 头 单 位 ： 市 发 改 委 ）\\n序号 工作任务 责任单位")
    '（牵头单位：市发改委）\\n序号 工作任务 责任单位'
    """
    if " " not in text:
        return text
    lines = text.split("\n")
    for index, line in enumerate(lines):
        spaced = len(_SPACED_PAIR_RE.findall(line))
        if spaced >= _SPACED_PAIRS_MIN and spaced >= 2 * len(_ADJACENT_PAIR_RE.findall(line)):
            lines[index] = _SPACED_PAIR_RE.sub("", line)
    return "\n".join(lines)


def simplified(text: str) -> str:
    """The text with the parser's vocabulary in simplified characters (offsets unchanged)."""
    # simplify_characters(text, VOCABULARY), its table and pattern looked up once: this is
    # called for every paragraph, cell and unit name (issue 19, parse speed).
    global _VOCABULARY_CONVERSION
    if _VOCABULARY_CONVERSION is None:
        _VOCABULARY_CONVERSION = _partial_table(VOCABULARY)
    table, pattern = _VOCABULARY_CONVERSION
    if pattern is None or pattern.search(text) is None:
        return text
    return text.translate(table)


_VOCABULARY_CONVERSION: tuple[dict[int, str], re.Pattern[str] | None] | None = None


def squash_spaces(text: str) -> str:
    """Remove every kind of whitespace (unit names are written without spaces)."""
    return _SPACE_RE.sub("", text)


def strip_spaces(text: str) -> str:
    """Strip leading and trailing whitespace of every kind."""
    return text.strip(SPACE_CHARS + "\n\r\x0b\x0c")


def to_int(numeral: str) -> int:
    """Arabic (half- or full-width) or Chinese numeral to int; 0 if unreadable."""
    numeral = unicodedata.normalize("NFKC", numeral).strip("()")
    if numeral.isdigit():
        return int(numeral)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits["〇"] = 0
    total, current = 0, 0
    for char in numeral:
        if char in digits:
            current = digits[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return 0
    return total + current


def trie_alternation(terms, between: str = "") -> str:
    """A regex matching exactly the ``terms`` (``between`` optional between characters, as
    ``[ \u3000]?``), written as a trie: alternatives grouped by their shared prefixes.

    The regex engine tries the alternatives of a group one by one at each position it
    tests, so a flat alternation of hundreds of labels costs hundreds of tests where a
    trie costs a few (issue 19, parse speed). Longer terms are tried before their own
    prefixes (each optional continuation is greedy), as in an alternation sorted longest
    first; ``between`` is inside a continuation, so it is never matched after a term's
    last character.

    Examples
    --------
    >>> trie_alternation(["牵头", "牵头单位", "配合"])
    '(?:牵头(?:单位)?|配合)'
    >>> import re
    >>> bool(re.fullmatch(trie_alternation(["牵头单位"], "[ ]?"), "牵头 单位"))
    True
    """
    trie: dict = {}
    for term in set(terms):
        node = trie
        for char in term:
            node = node.setdefault(char, {})
        node[""] = {}  # a term ends here

    def render(node: dict, first: bool) -> str:
        branches = [
            ("" if first else between) + re.escape(char) + render(child, False)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        ends = "" in node
        body = "|".join(branches)
        if len(branches) > 1 or ends:
            body = f"(?:{body})"
        return body + "?" if ends else body

    return render(trie, True)


class cached_attribute:
    """:func:`functools.cached_property` without its lock.

    Python 3.11's ``cached_property`` takes a lock on every first read, which cost more
    than computing a table cell's text (issue 19, parse speed); the parsers' objects are
    never shared between threads. The value is stored in the instance, as there.
    """

    def __init__(self, function):
        self.function = function
        self.name = function.__name__
        self.__doc__ = function.__doc__

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.function(instance)
        return value


def bracket_balance(text: str) -> int:
    """Brackets opened in ``text`` and not closed (negative: closed and not opened)."""
    return sum(c in OPEN_BRACKETS for c in text) - sum(c in CLOSE_BRACKETS for c in text)


def bracket_depth_split(text: str, separators: str) -> list[str]:
    """Split at separator characters that are not inside brackets."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char in OPEN_BRACKETS:
            depth += 1
        elif char in CLOSE_BRACKETS:
            depth = max(0, depth - 1)
        elif char in separators and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


_BRACKET_RE = re.compile(f"[{re.escape(OPEN_BRACKETS + CLOSE_BRACKETS)}]")


def bracket_pairs(text: str) -> dict[int, int]:
    """Offset of every opening bracket → offset of its closing bracket (-1 if never closed).

    One pass with a stack; any closing bracket closes the innermost open one, because plans
    mix half- and full-width brackets freely (``（…)``).
    """
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for match in _BRACKET_RE.finditer(text):
        i = match.start()
        if match.group() in OPEN_BRACKETS:
            pairs[i] = -1
            stack.append(i)
        elif stack:
            pairs[stack.pop()] = i
    return pairs


def ends_sentence(text: str) -> bool:
    """Whether a paragraph ends as a complete sentence (not cut off mid-way)."""
    text = strip_spaces(text)
    if text[-1:] in _CLOSING_QUOTES and len(text) > _QUOTED_TITLE_MAX:
        # a line cut after a quoted term (…落实建筑工地“六个百分之百”) ends no sentence; a
        # short line so closed is a title (实施“五大行动”)
        return text[-2:-1] in "。！？!?…"
    return bool(text) and text[-1] in TERMINAL_PUNCT


_CLOSING_QUOTES = "」』”\"'"
_QUOTED_TITLE_MAX = 30


def short_title(text: str, limit: int = 40) -> str:
    """The short title a measure opens with: its text up to the first full stop."""
    for stop in "。；;":
        cut = text.find(stop)
        if 0 < cut <= limit:
            return strip_spaces(text[:cut])
    return ""


# Web pages and word processors leave markup in copied text.
_BLOCK_TAG_RE = re.compile(
    r"<\s*/?\s*(?:p|br|div|li|tr|td|th|h[1-6]|table|tbody|thead|ul|ol|section|article)\b[^<>]*>",
    re.IGNORECASE,
)
_TAG_RE = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]*>")
# The tail of a closing tag whose "<" was lost in copying ((/div>, /span>).
_TAG_TAIL_RE = re.compile(
    r"[（(]?/(?:div|p|span|td|tr|th|li|ul|ol|table|tbody|strong|b|i|em|font|a)>", re.IGNORECASE
)
_SCRIPT_RE = re.compile(r"<\s*(script|style)\b[^<>]*>.*?<\s*/\s*\1\s*>", re.IGNORECASE)
_ENTITY_RE = re.compile(r"&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")


def clean_web_line(line: str) -> list[str]:
    """The paragraphs one source line holds, with HTML tags removed and entities decoded.

    Examples
    --------
    >>> clean_web_line("<p>1.加强培训&nbsp;。</p><p>2.&quot;双随机&quot;检查</p>")
    ['', '1.加强培训\xa0。', '', '2."双随机"检查', '']
    """
    if "<" in line:
        line = _SCRIPT_RE.sub("", line)
    parts = _BLOCK_TAG_RE.split(line) if "<" in line else [line]
    cleaned = []
    for part in parts:
        if "<" in part:
            part = _TAG_RE.sub("", part)
        if "/" in part and ">" in part:
            part = _TAG_TAIL_RE.sub("", part)
        if "&" in part and _ENTITY_RE.search(part):
            part = html.unescape(part)
        cleaned.append(part.replace('\\"', '"'))
    return cleaned
