"""Tests of the agency lexicon: resolution rules, the data files' validity, the table functions."""

from __future__ import annotations

import csv
import dataclasses
import re
from importlib import resources
from pathlib import Path

import pandas as pd
import pytest

from agencygraph._errors import LexiconError
from agencygraph.agencies import (
    AGENCY_COLUMNS,
    SYSTEMS,
    UNKNOWN_COLUMNS,
    Resolution,
    agencies_table,
    agency_types,
    load_lexicon,
    normalize_name,
    resolve,
    resolve_table,
    unknown_agencies,
)

DATA = Path(__file__).parent / "data"
GOLD = DATA / "gold"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _bundled(name: str) -> list[dict[str, str]]:
    text = resources.files("agencygraph").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


GOLD_NAMES = _rows(GOLD / "agency_names.csv")
EXTRA_NAMES = _rows(DATA / "agency_names_extra.csv")


# -- resolution ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"), [(r["agency_raw"], r["agency_type"] or None) for r in GOLD_NAMES]
)
def test_gold_names_resolve_to_their_gold_type(raw, expected):
    assert resolve(raw).agency_type == expected


@pytest.mark.parametrize(
    ("raw", "expected"), [(r["agency_raw"], r["agency_type"] or None) for r in EXTRA_NAMES]
)
def test_further_names_resolve(raw, expected):
    assert resolve(raw).agency_type == expected


def test_further_names_are_many_and_new():
    assert len(EXTRA_NAMES) >= 150
    assert not {r["agency_raw"] for r in EXTRA_NAMES} & {r["agency_raw"] for r in GOLD_NAMES}


def test_redaction_that_fits_one_type_is_inferred():
    r = resolve("(略)信办")
    assert (r.agency_type, r.inferred) == ("cyberspace", True)
    assert r.normalized == "*信办"
    assert "网信办" in r.rule


@pytest.mark.parametrize("raw", ["市(略)", "（略）", "*", "(略)局", "县□", "市人*局"])
def test_redaction_that_fits_none_or_several_is_unknown(raw):
    r = resolve(raw)
    assert r.agency_type is None
    assert r.inferred is False
    assert r.type_en is None and r.system is None


@pytest.mark.parametrize(
    ("raw", "expected"), [("市委组■部", "org"), ("县残联（略）", "disabled"), ("*人社局", "hrss")]
)
def test_other_redactions_that_fit_one_type(raw, expected):
    r = resolve(raw)
    assert (r.agency_type, r.inferred) == (expected, True)


def test_redacted_place_alone_is_not_inferred():
    r = resolve("××县人社局")
    assert (r.agency_type, r.inferred, r.prefix) == ("hrss", False, "*县")


def test_plain_names_are_not_inferred():
    assert not any(
        resolve(r["agency_raw"]).inferred for r in EXTRA_NAMES if "略" not in r["agency_raw"]
    )


@pytest.mark.parametrize(
    "raw",
    [
        "企业",
        "院校",
        "社会组织",
        "联席会议",
        "职代会",
        "行业协会",
        "职工",
        "产业工人",
        "专班",
        "工作专班",
        "技工院校",
        "县委县政府",
        "",
        "   ",
    ],
)
def test_non_units_do_not_resolve(raw):
    r = resolve(raw)
    assert r.agency_type is None
    assert r.rule


@pytest.mark.parametrize(
    ("raw", "expected", "prefix"),
    [
        ("市场监督管理局", "market_regulation", ""),
        ("市市场监督管理局", "market_regulation", "市"),
        ("县市场监管局", "market_regulation", "县"),
        ("宁波市海曙区人社局", "hrss", "宁波市海曙区"),
        ("县委组织部", "org", "县委"),
        ("区级各群团组织", "mass_orgs_all", "区级"),
        ("团县委", "youth_league", ""),
    ],
)
def test_place_prefix_is_stripped_and_longest_core_wins(raw, expected, prefix):
    r = resolve(raw)
    assert (r.agency_type, r.prefix) == (expected, prefix)


def test_bracketed_alias_resolves_to_the_unit_outside():
    r = resolve("县委组织部（县委人才办）")
    assert r.agency_type == "org"
    assert "set aside" in r.rule
    assert resolve("区委宣传部（区网信办）").agency_type == "propaganda"
    # brackets that belong to the name are kept
    assert resolve("各县（区）党委和政府").agency_type == "subordinate_govs"


def test_provincial_ting_matches_bureau_alias():
    r = resolve("四川省人力资源和社会保障厅")
    assert r.agency_type == "hrss"
    assert "厅" in r.rule


def test_resolution_fields():
    r = resolve("县人社局")
    assert isinstance(r, Resolution)
    assert r.raw == "县人社局"
    assert (r.agency_type, r.type_en, r.system) == (
        "hrss",
        "Human Resources and Social Security Bureau",
        "government",
    )
    assert r.alias == "人社局" and r.prefix == "县"
    assert "人社局" in r.rule and "县" in r.rule
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.agency_type = "finance"  # type: ignore[misc]


def test_resolve_is_memoised_per_lexicon():
    lex = load_lexicon()
    assert lex.resolve("县人社局") is lex.resolve("县人社局")
    assert resolve("县人社局", lex) is lex.resolve("县人社局")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("县\u3000人社局", "县人社局"),
        ("县\u00a0人社局", "县人社局"),
        ("县\u200b人\u200d社局\ufeff", "县人社局"),
        ("县 人社局\n", "县人社局"),
        ("ＸＸ县", "*县"),
        ("第３中学", "第3中学"),
        ("县委组织部【县委人才办】", "县委组织部(县委人才办)"),
        ("縣人力資源社會保障局", "县人力资源社会保障局"),
        ("市 （略） ", "市*"),
        ("□□县", "*县"),
        ("县人社局、", "县人社局"),
    ],
)
def test_normalize_name(raw, expected):
    assert normalize_name(raw) == expected


def test_missing_values_resolve_to_unknown():
    assert resolve(None).agency_type is None  # type: ignore[arg-type]
    assert resolve(float("nan")).agency_type is None  # type: ignore[arg-type]


# -- the data files ------------------------------------------------------------------------


def test_types_cover_the_gold_vocabulary():
    types = agency_types()
    assert list(types.columns) == ["agency_type", "type_en", "type_zh", "system"]
    bundled = types.set_index("agency_type")
    for row in _rows(GOLD / "agency_types.csv"):
        assert bundled.loc[row["agency_type"]].to_dict() == {
            k: row[k] for k in ("type_en", "type_zh", "system")
        }


def test_every_type_is_valid_and_has_an_alias():
    types = agency_types()
    assert types["agency_type"].is_unique
    assert set(types["system"]) <= set(SYSTEMS)
    assert set(types["system"]) == set(SYSTEMS)
    assert (types["type_en"].str.len() > 0).all()
    with_alias = {r["agency_type"] for r in _bundled("agency_aliases.csv")}
    assert set(types["agency_type"]) == with_alias


def test_every_alias_is_valid():
    types = set(agency_types()["agency_type"])
    rows = _bundled("agency_aliases.csv")
    assert rows and list(rows[0]) == ["alias", "agency_type", "kind", "note"]
    seen: dict[tuple[str, str], str] = {}
    for n, row in enumerate(rows, start=2):
        assert row["agency_type"] in types, n
        assert row["kind"] in {"exact", "suffix", "pattern"}, n
        if row["kind"] == "pattern":
            re.compile(row["alias"])
            key = ("pattern", row["alias"])
        else:
            # written as the lookup sees it: simplified, half-width brackets, no redaction marks
            assert normalize_name(row["alias"]) == row["alias"], n
            key = ("name", row["alias"])
        assert key not in seen, f"line {n}: {row['alias']} repeats an alias ({seen.get(key)})"
        seen[key] = row["agency_type"]


def test_every_alias_resolves_to_its_own_type_alone_and_after_a_place():
    """No alias is shadowed by another: each one, written alone or with a place, is its type."""
    for row in _bundled("agency_aliases.csv"):
        if row["kind"] == "pattern":
            continue
        for place in ("", "县", "宁波市", "云南省", "大理白族自治州"):
            assert resolve(place + row["alias"]).agency_type == row["agency_type"], (
                place + row["alias"]
            )


def test_patterns_are_used():
    lexicon = load_lexicon()
    patterns = lexicon.aliases[lexicon.aliases["kind"] == "pattern"]
    examples = {
        "共青团宁波市委": "youth_league",
        "中共宁波市委员会": "party_committee",
        "政协宁波市委员会": "cppcc",
        "市纪委市监委": "discipline",
        "国家税务总局宁波市税务局": "taxation",
        "国家统计局宁波调查队": "statistics",
        "人民银行宁波市中心支行": "pboc",
        "各县市区党委和政府": "subordinate_govs",
    }
    assert set(examples.values()) <= set(patterns["agency_type"])
    for raw, expected in examples.items():
        assert resolve(raw).agency_type == expected, raw


def test_default_lexicon_is_cached():
    assert load_lexicon() is load_lexicon()
    assert "Lexicon" in repr(load_lexicon())


def test_traditional_mapping_licence_is_bundled():
    data = resources.files("agencygraph").joinpath("data")
    assert "Apache License" in data.joinpath("LICENSE-OpenCC.txt").read_text(encoding="utf-8")
    assert "OpenCC" in data.joinpath("ts_characters.tsv").read_text(encoding="utf-8")[:400]


# -- user aliases ----------------------------------------------------------------------------


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_user_alias_file_extends_the_lexicon(tmp_path):
    assert resolve("市产改办").agency_type is None
    extra = _write(
        tmp_path / "mine.csv",
        "alias,agency_type,kind,note\n产改办,union,exact,industrial workforce reform office\n"
        "产改专班办公室,union,,\n",
    )
    lex = load_lexicon(extra)
    assert resolve("市产改办", lex).agency_type == "union"
    assert resolve("县产改专班办公室", lex).agency_type == "union"
    assert "mine.csv:2" in resolve("市产改办", lex).rule
    assert resolve("市产改办").agency_type is None  # the default lexicon is untouched
    assert len(lex.aliases) == len(load_lexicon().aliases) + 2


def test_user_aliases_as_dataframe_or_tuples():
    frame = pd.DataFrame({"alias": ["产改办"], "agency_type": ["union"]})
    assert resolve("区产改办", load_lexicon(frame)).agency_type == "union"
    lex = load_lexicon([("产改办", "union"), ("技能大师工作室", "hrss", "suffix")])
    assert resolve("区产改办", lex).agency_type == "union"
    assert resolve("宁波王师傅技能大师工作室", lex).agency_type == "hrss"


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("alias,agency_type,kind,note\n产改办,union,exact,\n产改办,hrss,exact,\n", 3, "mine.csv:2"),
        (
            "alias,agency_type,kind,note\n产改办,union,exact,\n人社局,union,exact,\n",
            3,
            "agency_aliases.csv:",
        ),
        (
            "alias,agency_type,kind,note\n产改办,union,exact,\n产改办,labour_bureau,exact,\n",
            3,
            "unknown type",
        ),
        ("alias,agency_type,kind,note\n产改办,union,prefix,\n", 2, "kind"),
        ("alias,agency_type,kind,note\n产改(办,union,pattern,\n", 2, "bad pattern"),
        ("alias,agency_type,kind,note\n,union,exact,\n", 2, "empty alias"),
    ],
)
def test_invalid_alias_file_raises_naming_file_and_line(tmp_path, text, line, fragment):
    path = _write(tmp_path / "mine.csv", text)
    with pytest.raises(LexiconError) as info:
        load_lexicon(path)
    message = str(info.value)
    assert f"mine.csv:{line}:" in message
    assert fragment in message


def test_alias_file_without_columns_raises(tmp_path):
    path = _write(tmp_path / "mine.csv", "name,type\n产改办,union\n")
    with pytest.raises(LexiconError, match=r"mine\.csv:1: missing column"):
        load_lexicon(path)


def test_unreadable_alias_file_raises(tmp_path):
    with pytest.raises(LexiconError, match=r"missing\.csv"):
        load_lexicon(tmp_path / "missing.csv")


def test_same_alias_same_type_is_not_a_conflict(tmp_path):
    path = _write(tmp_path / "mine.csv", "alias,agency_type\n人社局,hrss\n")
    assert resolve("县人社局", load_lexicon(path)).agency_type == "hrss"


# -- tables ----------------------------------------------------------------------------------


@pytest.fixture
def documents():
    return pd.DataFrame(
        {
            "doc_id": ["haimen", "lijiang"],
            "place_zh": ["海门市", "丽江市"],
            "place_en": ["Haimen", "Lijiang"],
        }
    )


@pytest.fixture
def assignments():
    return pd.DataFrame(
        {
            "doc_id": ["haimen", "haimen", "haimen", "haimen", "lijiang", "lijiang", "lijiang"],
            "measure_id": ["h-1", "h-1", "h-2", "h-2", "l-1", "l-1", "l-2"],
            "role": ["lead", "support", "lead", "support", "lead", "support", "support"],
            "agency_raw": [
                "县人社局",
                "县财政局",
                "县人力社保局",
                "县人社局",
                "县人社局",
                "市(略)",
                "各县(区)党委和政府",
            ],
            "agency_id": ["", "", "", "", "", "", ""],
            "agency_type": ["", "", "", "", "", "", ""],
            "inherited": ["false"] * 7,
            "line": [3, 3, 9, 9, 5, 5, 7],
        }
    )


def test_resolve_table_keeps_rows_and_fills_ids(assignments, documents):
    before = assignments.copy()
    out = resolve_table(assignments, documents)
    pd.testing.assert_frame_equal(assignments, before)  # the input is not changed
    assert list(out.columns) == list(assignments.columns)
    assert len(out) == len(assignments)
    assert out["agency_type"].tolist() == [
        "hrss",
        "finance",
        "hrss",
        "hrss",
        "hrss",
        "",
        "subordinate_govs",
    ]
    assert out["agency_id"].tolist() == [
        "haimen:hrss",
        "haimen:finance",
        "haimen:hrss",
        "haimen:hrss",
        "lijiang:hrss",
        "",
        "lijiang:subordinate_govs",
    ]


def test_resolve_table_on_mentions_without_agency_id():
    mentions = pd.DataFrame(
        {"doc_id": ["ningbo", "ningbo", "ningbo"], "agency_raw": ["宁波市总工会", None, "企业"]}
    )
    out = resolve_table(mentions)
    assert "agency_id" not in out.columns
    assert out["agency_type"].tolist() == ["union", "", ""]


def test_resolve_table_needs_its_columns():
    with pytest.raises(ValueError, match="agency_raw"):
        resolve_table(pd.DataFrame({"doc_id": ["x"]}))


def test_agencies_table(assignments, documents):
    out = agencies_table(assignments, documents)
    assert list(out.columns) == list(AGENCY_COLUMNS)
    assert out["agency_id"].tolist() == [
        "haimen:finance",
        "haimen:hrss",
        "lijiang:hrss",
        "lijiang:subordinate_govs",
    ]
    rows = out.set_index("agency_id")
    assert rows.loc["haimen:hrss", ["n_lead", "n_support"]].tolist() == [2, 1]
    assert rows.loc["haimen:hrss", "name_zh"] == "县人社局"  # written twice, 县人力社保局 once
    assert rows.loc["haimen:hrss", "name_en"] == "Haimen Human Resources and Social Security Bureau"
    assert rows.loc["haimen:finance", ["n_lead", "n_support"]].tolist() == [0, 1]
    assert rows.loc["lijiang:subordinate_govs", "name_en"] == (
        "Lijiang: Party committees and governments of the subordinate counties or districts"
    )
    assert rows.loc["lijiang:subordinate_govs", "system"] == "aggregate"
    assert out["n_lead"].dtype == "int64" and out["n_support"].dtype == "int64"
    assert out["n_lead"].sum() == 3  # the unknown 市(略) is not an agency


def test_agencies_table_name_ties_take_the_shortest_then_first():
    table = pd.DataFrame(
        {
            "doc_id": ["x"] * 4,
            "role": ["lead"] * 4,
            "agency_raw": ["县人力社保局", "县人社局", "县人社局", "县人力社保局"],
        }
    )
    assert agencies_table(table).loc[0, "name_zh"] == "县人社局"
    table["agency_raw"] = ["县人社厅", "县人社局", "县人社局", "县人社厅"]
    assert agencies_table(table).loc[0, "name_zh"] == min("县人社厅", "县人社局")


def test_agencies_table_without_documents_uses_doc_id():
    table = pd.DataFrame({"doc_id": ["cixi"], "role": ["support"], "agency_raw": ["市妇联"]})
    row = agencies_table(table).iloc[0]
    assert row["name_en"] == "cixi Women's Federation"
    assert (row["n_lead"], row["n_support"]) == (0, 1)


def test_agencies_table_with_nothing_resolved_is_header_only():
    table = pd.DataFrame({"doc_id": ["x"], "role": ["lead"], "agency_raw": ["企业"]})
    out = agencies_table(table)
    assert out.empty and list(out.columns) == list(AGENCY_COLUMNS)


def test_unknown_agencies(assignments):
    extra = pd.DataFrame(
        {"doc_id": ["lijiang"], "agency_raw": ["市(略)"], "line": [2], "role": ["support"]}
    )
    table = pd.concat([assignments, extra], ignore_index=True)
    out = unknown_agencies(table)
    assert list(out.columns) == list(UNKNOWN_COLUMNS)
    assert out.to_dict("records") == [
        {"doc_id": "lijiang", "agency_raw": "市(略)", "line": 2, "count": 2}
    ]


def test_unknown_agencies_header_only_when_none(assignments):
    out = unknown_agencies(assignments[assignments["agency_raw"] != "市(略)"])
    assert out.empty
    assert list(out.columns) == list(UNKNOWN_COLUMNS)


def test_gold_assignments_resolve_except_the_redacted_unit():
    path = GOLD / "assignments.csv"
    if not path.exists():
        pytest.skip("gold assignments not copied")
    gold = pd.read_csv(path, dtype=str, keep_default_na=False).rename(columns={"doc": "doc_id"})
    gold["line"] = range(1, len(gold) + 1)
    out = resolve_table(gold)
    assert len(out) == len(gold)
    assert set(out.loc[out["agency_type"] == "", "agency_raw"]) == {"市(略)"}
    assert unknown_agencies(gold)["agency_raw"].tolist() == ["市(略)"]
