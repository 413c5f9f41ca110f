"""The parser's vocabulary is data, and every term of it is read in both scripts."""

from __future__ import annotations

import csv
import re
from importlib import resources

import pytest

from agencygraph._chars import ts_table
from agencygraph.parse import mentions, outline, responsibility, table
from agencygraph.parse._records import parse_terms
from agencygraph.parse._text import VOCABULARY, simplified

HAN = re.compile(r"[\u4e00-\u9fff]")
KINDS_USED = {
    "non_measure_section": outline,
    "boilerplate": outline,
    "box": outline,
    "authority": mentions,
    "body": mentions,
    "extension": mentions,
    "qualifier": mentions,
    "policy_verb": mentions,
    "measure_opening": table,
    "notice_opening": responsibility,
    "byline": responsibility,
    "surname": responsibility,
    "quantity_unit": table,
}


def _vocabulary_terms() -> list[str]:
    terms = [
        *(term for kind_terms in responsibility.role_terms().values() for term, _ in kind_terms),
        outline._RESPONSIBILITY_WORDS.pattern,
        *(pattern.pattern for _, pattern in table._HEADER_KINDS),
    ]
    for kind, kind_terms in parse_terms().items():
        if kind in ("non_measure_section", "boilerplate", "box", "quantity_unit"):
            terms.extend(kind_terms)
    return terms


def test_every_vocabulary_character_is_read_in_traditional_script():
    traditional_of = {}
    for trad, simp in ts_table().items():
        traditional_of.setdefault(simp, []).append(chr(trad))
    missing = sorted(
        {c for term in _vocabulary_terms() for c in HAN.findall(term) if c not in VOCABULARY}
    )
    assert missing == []
    for term in ("牵头单位", "责任单位", "组织实施", "负责", "协同单位"):
        written = "".join(traditional_of.get(c, [c])[0] for c in term)
        assert simplified(written) == term


def test_parse_terms_file_is_valid_and_every_kind_is_used():
    path = resources.files("agencygraph") / "data" / "parse_terms.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(row["term"].strip() and row["kind"] in KINDS_USED for row in rows)
    assert len({(row["term"], row["kind"]) for row in rows}) == len(rows)
    assert set(parse_terms()) == set(KINDS_USED)
    for kind, module in KINDS_USED.items():
        source = resources.files("agencygraph").joinpath(
            "parse", f"{module.__name__.rsplit('.', 1)[1]}.py"
        )
        assert f'"{kind}"' in source.read_text(encoding="utf-8"), kind


ROLE_KINDS = {
    "label_stem": {"lead", "support", "single", "owner"},
    "label_suffix": {""},
    "label_level": {""},
    "label_bare": {
        "lead",
        "support",
        "single",
        "owner",
        "division",
        "official",
        "timeline",
        "stop",
    },
    # a label that is also a common word, read only before its colon (成员：A、B)
    "label_colon": {"lead", "support", "single"},
    "verb": {"lead", "support", "shared", "support_or_shared", "joint"},
    "verb_modifier": {""},
    "verb_complement": {""},
    "subject_verb": {"lead", "shared"},
    # single: a list marked as shared (A、B（共同负责）), resolved as a lone list is
    "mark": {"lead", "support", "single"},
    "first_listed": {""},
    "official_title": {""},
}


def _role_rows() -> list[dict[str, str]]:
    path = resources.files("agencygraph") / "data" / "role_terms.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_role_terms_file_is_valid():
    rows = _role_rows()
    assert {row["kind"] for row in rows} == set(ROLE_KINDS)
    assert len({(row["term"], row["kind"]) for row in rows}) == len(rows)
    for row in rows:
        assert row["term"].strip() == row["term"] and row["term"], row
        assert row["role"] in ROLE_KINDS[row["kind"]], row
        if row["kind"] in ("first_listed", "official_title"):
            re.compile(row["term"])


@pytest.mark.parametrize("label", sorted(responsibility.labels()))
def test_every_label_gives_its_role(label):
    role = responsibility.labels()[label]
    note = responsibility.find_note(f"做好工作。（{label}：市财政局；配合单位：市税务局）")
    units = [(r, u) for r, u, _ in note.units]
    if role in ("lead", "support", "single"):
        assert units[0] == (role, "市财政局")
    elif label in responsibility.GROUP_HEAD_LABELS:
        # a group's head (组长, 指挥长) named by a unit alone: that unit heads the group's work
        assert units[0] == ("lead", "市财政局")
    elif role == "official":
        assert [name for name, _ in note.officials] == ["市财政局"]
    elif role in ("timeline", "stop"):
        assert ("市财政局" not in {u for _, u in units}) and note.timeline in ("", "市财政局")


@pytest.mark.parametrize("level", [r["term"] for r in _role_rows() if r["kind"] == "label_level"])
def test_every_label_level_is_read_before_a_label(level):
    note = responsibility.find_note(
        f"做好工作。（{level}牵头单位：市财政局；{level}配合单位：市税务局）"
    )
    assert [(r, u) for r, u, _ in note.units] == [("lead", "市财政局"), ("support", "市税务局")]


@pytest.mark.parametrize("verb", sorted(responsibility.verbs()))
def test_every_verb_gives_its_role(verb):
    role = responsibility.verbs()[verb]
    note = responsibility.find_note(f"做好工作。（市财政局、市税务局{verb}）")
    if role == "joint":
        note = responsibility.find_note(f"做好工作。（市财政局{verb}市税务局负责）")
        assert [r for r, _, _ in note.units] == ["lead", "support"]
        return
    expected = {"shared": "shared", "support_or_shared": "shared"}.get(role, role)
    assert {r for r, _, _ in note.units} == {expected}


@pytest.mark.parametrize(
    "modifier", [r["term"] for r in _role_rows() if r["kind"] == "verb_modifier"]
)
def test_every_verb_modifier_is_read_before_a_verb_and_kept_out_of_names(modifier):
    note = responsibility.find_note(f"做好工作。（市财政局牵头，市税务局{modifier}配合）")
    assert [(r, u) for r, u, _ in note.units] == [("lead", "市财政局"), ("support", "市税务局")]


@pytest.mark.parametrize(
    "complement", [r["term"] for r in _role_rows() if r["kind"] == "verb_complement"]
)
def test_every_verb_complement_is_read_as_part_of_the_verb(complement):
    note = responsibility.find_note(f"做好工作。（市财政局牵头，市税务局协助{complement}）")
    assert [(r, u) for r, u, _ in note.units] == [("lead", "市财政局"), ("support", "市税务局")]


@pytest.mark.parametrize(
    "rule",
    ["列第一位的为牵头单位", "排在首位的为牵头部门", "第一个单位为牵头单位", "牵头单位列第一位"],
)
def test_every_first_listed_pattern_is_read(rule):
    assert responsibility.find_first_listed_rule(f"（{rule}，下同）")
    patterns = [r["term"] for r in _role_rows() if r["kind"] == "first_listed"]
    assert any(re.search(p, rule) for p in patterns)


def test_every_first_listed_pattern_matches_an_example():
    examples = ["列第一位的为牵头单位", "第一个单位为牵头单位", "牵头单位列第一位"]
    for pattern in (r["term"] for r in _role_rows() if r["kind"] == "first_listed"):
        assert any(re.search(pattern, example) for example in examples), pattern


def test_every_official_title_marks_an_official():
    examples = [
        "副市长",
        "常务副县长",
        "市委书记",
        "副秘书长",
        "分管副区长",
        "办公室主任",
        "牵头领导",
        "副局长",
        "负责同志",
        "负责人",
        "县委常委",
    ]
    for pattern in (r["term"] for r in _role_rows() if r["kind"] == "official_title"):
        assert any(re.search(pattern, example) for example in examples), pattern
    assert all(responsibility.is_official(e) for e in examples)


@pytest.mark.parametrize("verb", [r["term"] for r in _role_rows() if r["kind"] == "subject_verb"])
def test_every_subject_verb_makes_its_units_the_subject_of_the_work(verb):
    role = dict(responsibility.role_terms()["subject_verb"])[verb]
    one = responsibility.find_note(f"市财政局{verb}全市专项资金的统筹和拨付工作。")
    two = responsibility.find_note(f"市财政局、市税务局{verb}全市专项资金的统筹和拨付工作。")
    assert [(r, u) for r, u, _ in one.units] == [(role, "市财政局")]
    assert [(r, u) for r, u, _ in two.units] == [(role, "市财政局"), (role, "市税务局")]


def _in_traditional_script(text: str) -> str:
    """A plan written in traditional characters: each simplified character that has a
    traditional form replaced by one (the first of the table's), offsets unchanged."""
    to_traditional: dict[int, str] = {}
    for trad, simp in ts_table().items():
        to_traditional.setdefault(ord(simp), chr(trad))
    return text.translate(to_traditional)


def test_every_development_plan_is_coded_the_same_in_traditional_script():
    import real_plans as rp

    from agencygraph._chars import to_simplified
    from agencygraph.corpus import read_plan_text
    from agencygraph.parse import parse_plan

    def coded(text: str, doc_id: str) -> set[tuple]:
        plan = parse_plan(text, doc_id)
        return {
            (to_simplified(a.measure_id), a.role, to_simplified(a.agency_raw), a.line)
            for a in plan.assignments
        }

    development = [d for d, part in rp.split().items() if part == "development"]
    differ = []
    for doc_id in sorted(development):
        text = read_plan_text(rp.CORPUS / "plans" / f"{doc_id}.txt").text
        if coded(text, doc_id) != coded(_in_traditional_script(text), doc_id):
            differ.append(doc_id)
    assert differ == []


def test_radicals_file_is_valid_and_every_radical_is_read():
    import unicodedata

    from agencygraph._chars import radical_table, unified_radicals

    table = radical_table()
    assert len(table) >= 240
    for radical, character in table.items():
        assert 0x2E80 <= radical <= 0x2FDF, hex(radical)
        assert "\u4e00" <= character <= "\u9fff", (chr(radical), character)
        if radical >= 0x2F00:  # Kangxi radicals: Unicode's own compatibility form
            assert unicodedata.normalize("NFKC", chr(radical)) == character
        assert unified_radicals(f"市{chr(radical)}局") == f"市{character}局"


def _with_radicals(text: str) -> str:
    """A plan as a PDF font can give it: every character that has a radical form
    (工, 门, 长, 见, 生 …) written as that radical, offsets unchanged."""
    from agencygraph._chars import radical_table

    as_radical: dict[int, str] = {}
    for radical, character in sorted(radical_table().items(), reverse=True):
        as_radical[ord(character)] = chr(radical)  # the supplement's simplified form wins
    return text.translate(as_radical)


def test_every_development_plan_is_coded_the_same_with_a_pdf_fonts_radicals():
    import real_plans as rp

    from agencygraph.corpus import read_plan_text
    from agencygraph.parse import parse_plan

    def coded(text: str, doc_id: str) -> list[tuple]:
        plan = parse_plan(text, doc_id)
        return [(a.measure_id, a.role, a.agency_raw, a.line) for a in plan.assignments]

    development = sorted(d for d, part in rp.split().items() if part == "development")
    differ, flagged = [], 0
    for doc_id in development[::3]:
        text = read_plan_text(rp.CORPUS / "plans" / f"{doc_id}.txt").text
        garbled = _with_radicals(text)
        if garbled == text:
            continue
        flagged += "radicals_replaced" in parse_plan(garbled, doc_id).flags
        if coded(text, doc_id) != coded(garbled, doc_id):
            differ.append(doc_id)
    assert differ == []
    assert flagged >= 60
