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


def test_agencies_table_without_a_place_en_names_the_type_alone():
    # A doc_id is often a file name (东城区_实施方案): never part of an English name.
    table = pd.DataFrame({"doc_id": ["cixi"], "role": ["support"], "agency_raw": ["市妇联"]})
    row = agencies_table(table).iloc[0]
    assert row["name_en"] == "Women's Federation"
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


# -- coverage of the bureaucracy: eras, vertical units, enterprises, collectives, places --------

# Realistic names from many provinces, levels and years (2010 to today): pre- and post-2018
# names and abbreviations, vertically managed and central units, state-owned enterprises and
# utilities, universities, the military, congress and CPPCC committees, collective references.
COVERAGE_NAMES = [
    # the names of a 2012 Guangzhou plan and a list of common units that did not resolve
    ("市经贸委", "industry_it"),
    ("市科技和信息化局", "science_tech"),
    ("市科信局", "science_tech"),
    ("市国土房管局", "natural_resources"),
    ("市住房保障办", "housing"),
    ("市留交办", "talent_service"),
    ("各项目牵头单位", "responsible_units"),
    ("县级市", "subordinate_govs"),
    ("各有关区", "subordinate_govs"),
    ("越秀区", "subordinate_govs"),
    ("市邮政管理局", "posts_telecoms"),
    ("市通信管理局", "posts_telecoms"),
    ("市烟草专卖局", "tobacco"),
    ("市供电公司", "power_grid"),
    ("国网宁波供电公司", "power_grid"),
    ("市电信公司", "telecom_operator"),
    ("宁波银保监分局", "financial_regulation"),
    ("市贸促会", "commerce"),
    ("市政府研究室", "policy_research"),
    ("市国动办", "civil_air_defense"),
    ("市城投集团", "state_enterprise"),
    ("市交投集团", "state_enterprise"),
    ("各商业银行", "banks"),
    ("市职业技能鉴定中心", "talent_service"),
    ("各高校", "university"),
    ("各职业院校", "vocational_college"),
    ("武警宁波支队", "armed_forces"),
    ("宁波军分区", "armed_forces"),
    ("市人大教科文卫工委", "npc_standing"),
    ("市政协教文卫体委", "cppcc"),
    # economy and industry, before and after the reforms
    ("天津市经济贸易委员会", "industry_it"),
    ("上海市经济委员会", "industry_it"),
    ("北京市经济和信息化委员会", "industry_it"),
    ("深圳市科技工贸和信息化委员会", "industry_it"),
    ("县科工信局", "industry_it"),
    ("区科技和工业信息化局", "industry_it"),
    ("县经济商务和信息化局", "industry_it"),
    ("广东省经济和信息化厅", "industry_it"),
    ("县经贸局", "industry_it"),
    ("市无线电管理局", "industry_it"),
    ("省科学技术厅", "science_tech"),
    ("市科学技术和信息化局", "science_tech"),
    ("县教育科技局", "education"),
    # land, planning and housing
    ("广州市国土资源和房屋管理局", "natural_resources"),
    ("重庆市国土房管局", "natural_resources"),
    ("北京市规划和自然资源委员会", "natural_resources"),
    ("上海市规划资源局", "natural_resources"),
    ("市规划委", "natural_resources"),
    ("县国土资源局", "natural_resources"),
    ("上海市住房保障和房屋管理局", "housing"),
    ("市住房保障局", "housing"),
    ("市房地产管理局", "housing"),
    ("市城乡建设和交通委员会", "housing"),
    ("县城建局", "housing"),
    ("市住建委", "housing"),
    # culture, health, safety, markets
    ("县文广新局", "culture_tourism"),
    ("市文化广电新闻出版旅游局", "culture_tourism"),
    ("重庆市文化和旅游发展委员会", "culture_tourism"),
    ("县旅游发展局", "culture_tourism"),
    ("市旅发委", "culture_tourism"),
    ("县卫计委", "health"),
    ("县人口计生局", "health"),
    ("市人口计生委", "health"),
    ("市老龄办", "health"),
    ("县疾控中心", "health"),
    ("县安监局", "emergency"),
    ("市安委办", "emergency"),
    ("广东省三防办", "emergency"),
    ("市地震局", "emergency"),
    ("县食药监局", "market_regulation"),
    ("省药品监督管理局", "market_regulation"),
    ("县质监局", "market_regulation"),
    ("区工商局", "market_regulation"),
    ("县物价局", "development_reform"),
    ("市能源局", "development_reform"),
    # agriculture, rural affairs, poverty
    ("市农委", "agriculture"),
    ("县农林局", "agriculture"),
    ("旗农牧局", "agriculture"),
    ("县农业农村和水利局", "agriculture"),
    ("市海洋与渔业局", "agriculture"),
    ("市海洋渔业局", "agriculture"),
    ("县扶贫办", "rural_revitalization"),
    ("县扶贫移民局", "rural_revitalization"),
    # defence mobilisation, finance, commerce, investment, services, urban management
    ("县人防办", "civil_air_defense"),
    ("市国防动员办公室", "civil_air_defense"),
    ("市民防办", "civil_air_defense"),
    ("市金融办", "financial_affairs"),
    ("市金融局", "financial_affairs"),
    ("成都市金融工作局", "financial_affairs"),
    ("市地方金融管理局", "financial_affairs"),
    ("市委金融办", "financial_affairs"),
    ("市商务局", "commerce"),
    ("市外经贸局", "commerce"),
    ("市外经贸委", "commerce"),
    ("市口岸办", "commerce"),
    ("中国国际贸易促进委员会宁波市委员会", "commerce"),
    ("县招商局", "investment_promotion"),
    ("市投促局", "investment_promotion"),
    ("市经济合作局", "investment_promotion"),
    ("县行政审批局", "government_services"),
    ("市政务服务办", "government_services"),
    ("市政务服务和数据管理局", "government_services"),
    ("辽宁省营商环境建设局", "government_services"),
    ("县行政服务中心管委会", "government_services"),
    ("市城管局", "urban_management"),
    ("区城管执法局", "urban_management"),
    ("县综合执法局", "urban_management"),
    ("市城市管理和综合执法局", "urban_management"),
    ("镇综合行政执法大队", "urban_management"),
    # party offices and united front
    ("市侨办", "united_front"),
    ("市委统战部（市侨办）", "united_front"),
    ("区社会主义学院", "united_front"),
    ("县民宗局", "ethnic_religious"),
    ("市保密局", "party_office"),
    ("市委机要局", "party_office"),
    ("县委编办", "establishment"),
    ("市委社会工作部", "social_work"),
    ("县委社工部", "social_work"),
    ("市委政法委（市综治办）", "political_legal"),
    ("县综治办", "political_legal"),
    ("市委巡察办", "discipline"),
    ("县委依法治县办", "justice"),
    ("市委全面依法治市委员会办公室", "justice"),
    ("市政府发展研究中心", "policy_research"),
    ("市委政研室（市政府研究室）", "policy_research"),
    # vertically managed and central units
    ("浙江省邮政管理局", "posts_telecoms"),
    ("广东省通信管理局", "posts_telecoms"),
    ("县烟草专卖局（公司）", "tobacco"),
    ("市烟草公司", "tobacco"),
    ("国家统计局宁波调查队", "statistics"),
    ("宁波调查队", "statistics"),
    ("国家统计局浙江调查总队", "statistics"),
    ("宁波海事局", "transport"),
    ("宁波证监局", "financial_regulation"),
    ("中国证监会宁波监管局", "financial_regulation"),
    ("中国银保监会宁波监管局", "financial_regulation"),
    ("国家金融监督管理总局宁波监管局", "financial_regulation"),
    ("金融监管总局宁波监管分局", "financial_regulation"),
    ("国家外汇管理局宁波市分局", "pboc"),
    ("中国人民银行", "pboc"),
    ("宁波海关", "customs"),
    ("市出入境检验检疫局", "customs"),
    ("宁波出入境边防检查站", "public_security"),
    ("市公安局交通警察支队", "public_security"),
    ("县交警大队", "public_security"),
    ("县劳动保障监察大队", "hrss"),
    ("市劳动人事争议仲裁院", "hrss"),
    ("县河长办", "water"),
    ("浙江省军区", "armed_forces"),
    ("宁波警备区", "armed_forces"),
    ("中国人民武装警察部队浙江省总队", "armed_forces"),
    # state-owned enterprises, utilities, financial institutions
    ("国网浙江省电力有限公司宁波供电公司", "power_grid"),
    ("广州供电局", "power_grid"),
    ("国网宁波市鄞州区供电公司", "power_grid"),
    ("中国电信宁波分公司", "telecom_operator"),
    ("中国移动通信集团浙江有限公司宁波分公司", "telecom_operator"),
    ("市联通公司", "telecom_operator"),
    ("铁塔宁波分公司", "telecom_operator"),
    ("中国邮政集团有限公司宁波市分公司", "telecom_operator"),
    ("各基础电信运营企业", "telecom_operator"),
    ("宁波城投集团", "state_enterprise"),
    ("市交通投资集团", "state_enterprise"),
    ("市水务集团", "state_enterprise"),
    ("市公交集团", "state_enterprise"),
    ("宁波市属国有企业", "state_enterprise"),
    ("各国有企业", "state_enterprise"),
    ("驻甬央企", "state_enterprise"),
    ("宁波鄞州农村商业银行", "banks"),
    ("中国工商银行宁波市分行", "banks"),
    ("国家开发银行宁波分行", "banks"),
    ("各银行业金融机构", "banks"),
    ("县农信联社", "banks"),
    # universities, schools, talent services
    ("宁波大学", "university"),
    ("驻甬高校", "university"),
    ("各高校、科研院所", "university"),
    ("市农业科学院", "university"),
    ("宁波工程学院", "university"),
    ("各技工院校", "vocational_college"),
    ("市技工学校", "vocational_college"),
    ("县职教中心", "vocational_college"),
    ("市人才服务中心", "talent_service"),
    ("市人才交流中心", "talent_service"),
    ("广州市留学人员服务管理中心", "talent_service"),
    ("市人事考试院", "talent_service"),
    # congresses and CPPCC
    ("市人大常委会财经工委", "npc_standing"),
    ("市人大法制委", "npc_standing"),
    ("县人大常委会", "npc_standing"),
    ("市政协提案委", "cppcc"),
    ("市政协经济委员会", "cppcc"),
    # collectives and placeholders
    ("各区、县级市", "subordinate_govs"),
    ("各县级市", "subordinate_govs"),
    ("各有关区、县级市", "subordinate_govs"),
    ("各县（市、区）", "subordinate_govs"),
    ("各县（市、区）人民政府", "subordinate_govs"),
    ("各乡镇（街道）党（工）委", "subordinate_govs"),
    ("各设区市、县（市、区）人民政府", "subordinate_govs"),
    ("各牵头单位", "responsible_units"),
    ("各责任单位", "responsible_units"),
    ("市级各责任单位", "responsible_units"),
    ("各配合单位", "responsible_units"),
    ("各有关部门和单位", "all_departments"),
    ("领导小组各成员单位", "member_units"),
    ("各开发区", "dev_zone"),
    ("宁波高新区", "dev_zone"),
    ("杭州湾经济技术开发区", "dev_zone"),
    # branches and offices of a bureau, and units run by another
    ("市市场监管局海曙分局", "market_regulation"),
    ("镇市场监管所", "market_regulation"),
    ("市规划和自然资源局海曙分局", "natural_resources"),
    ("市交通运输局港航分局", "transport"),
    ("市综合行政执法局海曙分局", "urban_management"),
    ("县委教育工委", "education"),
    ("市委军民融合办", "development_reform"),
    ("县邮政局", "telecom_operator"),
    ("国家邮政局", "posts_telecoms"),
    ("各地市", "subordinate_govs"),
    # named subordinate places listed as units (no document context)
    ("慈溪市", "subordinate_govs"),
    ("宁波市海曙区", "subordinate_govs"),
    ("沛县", "subordinate_govs"),
    ("剡湖街道", "subordinate_govs"),
    ("横店镇", "subordinate_govs"),
    ("西双版纳傣族自治州勐海县", "subordinate_govs"),
    # a place's own government, party committee and offices, as before
    ("宁波市人民政府", "government"),
    ("越秀区人民政府", "government"),
    ("中共宁波市委", "party_committee"),
    ("宁波市委", "party_committee"),
    ("海曙区人社局", "hrss"),
]


@pytest.mark.parametrize(("raw", "expected"), COVERAGE_NAMES)
def test_coverage_names_resolve(raw, expected):
    r = resolve(raw)
    assert r.agency_type == expected, r.rule
    assert not r.inferred


def test_coverage_names_are_many_and_distinct():
    names = [raw for raw, _ in COVERAGE_NAMES]
    assert len(names) >= 200
    assert len(set(names)) == len(names)
    assert len({t for _, t in COVERAGE_NAMES}) >= 50


@pytest.mark.parametrize(
    "raw",
    [
        "企业",
        "职工",
        "产业工人",
        "社会各界",
        "高校",
        "技工院校",
        "职业院校",
        "银行",
        "商业银行",
        "金融机构",
        "国有企业",
        "民营企业",
        "社区",
        "各村（社区）",
        "全市",
        "本县",
        "城区",
        "市",
        "省",
        "XX县",
        "牵头单位",
        "责任单位",
        "人才发展集团",
        "工匠学院",
        "政协委员",
        "人大代表",
        "粤港澳大湾区",
        "农村社区",
    ],
)
def test_categories_and_generic_words_stay_unknown(raw):
    assert resolve(raw).agency_type is None


def test_new_types_are_valid_and_used():
    types = agency_types().set_index("agency_type")
    new = {
        "social_work": "party",
        "posts_telecoms": "government",
        "tobacco": "government",
        "talent_service": "public_institution",
        "university": "public_institution",
        "power_grid": "public_institution",
        "telecom_operator": "public_institution",
        "state_enterprise": "public_institution",
        "banks": "public_institution",
        "responsible_units": "aggregate",
    }
    for code, system in new.items():
        assert types.loc[code, "system"] == system
        assert types.loc[code, "type_en"] and types.loc[code, "type_zh"]
    assert set(new) <= {t for _, t in COVERAGE_NAMES}


def test_every_new_alias_has_a_note():
    rows = _bundled("agency_aliases.csv")
    new_types = {"social_work", "posts_telecoms", "tobacco", "talent_service", "university"}
    new_types |= {"power_grid", "telecom_operator", "state_enterprise", "banks"}
    new_types |= {"responsible_units"}
    assert all(r["note"] for r in rows if r["agency_type"] in new_types)


# -- places as units: the plan's own government or a subordinate one ---------------------------


@pytest.mark.parametrize(
    ("raw", "place", "level", "expected"),
    [
        # a Guangzhou or Ningbo plan names its districts and county-level cities
        ("越秀区政府", "广州市", "prefecture-level city", "subordinate_govs"),
        ("越秀区", "广州市", "prefecture-level city", "subordinate_govs"),
        ("海曙区人民政府", "宁波市", "sub-provincial city", "subordinate_govs"),
        ("宁波市海曙区人民政府", "宁波市", "sub-provincial city", "subordinate_govs"),
        ("慈溪市", "宁波市", "sub-provincial city", "subordinate_govs"),
        ("慈溪市人民政府", "宁波市", "sub-provincial city", "subordinate_govs"),
        ("越秀区委", "广州市", "prefecture-level city", "subordinate_govs"),
        ("区政府", "广州市", "prefecture-level city", "subordinate_govs"),
        ("镇人民政府", "海门市", "county-level city", "subordinate_govs"),
        ("XX镇人民政府", "XX县", "county", "subordinate_govs"),
        ("市政府", "浙江省", "province", "subordinate_govs"),
        # its own government stays its own
        ("宁波市人民政府", "宁波市", "sub-provincial city", "government"),
        ("浙江省宁波市人民政府", "宁波市", "sub-provincial city", "government"),
        ("宁波市", "宁波市", "sub-provincial city", "government"),
        ("市人民政府", "宁波市", "sub-provincial city", "government"),
        ("市委", "宁波市", "sub-provincial city", "party_committee"),
        ("宁波市委", "宁波市", "sub-provincial city", "party_committee"),
        ("海曙区人民政府", "海曙区", "district", "government"),
        ("慈溪市人民政府", "慈溪市", "county-level city", "government"),
        ("街道党工委", "剡湖街道", "subdistrict", "party_committee"),
        # a superior or a peer named bare is not a subordinate
        ("绍兴市", "剡湖街道", "subdistrict", None),
        ("宁波市", "慈溪市", "county-level city", None),
        ("北京市", "天津市", "municipality", None),
        # other units of a subordinate place keep their type
        ("海曙区人社局", "宁波市", "sub-provincial city", "hrss"),
        ("市人社局", "宁波市", "sub-provincial city", "hrss"),
    ],
)
def test_place_governments_in_the_plans_context(raw, place, level, expected):
    assert resolve(raw, place=place, level=level).agency_type == expected


def test_plan_level_falls_back_to_the_place_name():
    assert resolve("越秀区人民政府", place="广州市").agency_type == "subordinate_govs"
    assert resolve("广州市人民政府", place="广州市").agency_type == "government"
    assert resolve("县政府", level="县").agency_type == "government"
    assert resolve("乡政府", level="县").agency_type == "subordinate_govs"


def test_gold_names_keep_their_type_in_their_plans_context():
    documents = pd.read_csv(DATA.parent.parent / "data" / "raw" / "manifest.csv", dtype=str)
    context = documents.set_index("doc_id")[["place_zh", "level"]].to_dict("index")
    gold = pd.read_csv(GOLD / "assignments.csv", dtype=str, keep_default_na=False)
    for doc, raw in zip(gold["doc"], gold["agency_raw"], strict=True):
        place = context[doc]
        assert resolve(raw, place=place["place_zh"], level=place["level"]).agency_type == (
            resolve(raw).agency_type
        ), (doc, raw)


def test_tables_read_places_in_their_plans_context():
    documents = pd.DataFrame(
        {
            "doc_id": ["gz", "nb"],
            "place_zh": ["广州市", "宁波市"],
            "place_en": ["Guangzhou", "Ningbo"],
            "level": ["prefecture-level city", "sub-provincial city"],
        }
    )
    table = pd.DataFrame(
        {
            "doc_id": ["gz", "gz", "gz", "nb", "nb", "nb"],
            "role": ["lead", "support", "support", "lead", "support", "support"],
            "agency_raw": [
                "市人民政府",
                "越秀区",
                "海珠区人民政府",
                "宁波市人民政府",
                "慈溪市",
                "绍兴市",
            ],
            "agency_id": [""] * 6,
            "line": [1, 1, 1, 2, 2, 2],
        }
    )
    out = resolve_table(table, documents)
    assert out["agency_type"].tolist() == [
        "government",
        "subordinate_govs",
        "subordinate_govs",
        "government",
        "subordinate_govs",
        "subordinate_govs",
    ]
    # without the plans' places, names are read alone
    assert resolve_table(table)["agency_type"].tolist()[2] == "government"
    agencies = agencies_table(table, documents).set_index("agency_id")
    assert agencies.loc["gz:subordinate_govs", "n_support"] == 2
    assert agencies.loc["nb:government", "n_lead"] == 1
    assert unknown_agencies(table, documents=documents).empty


def test_superior_place_is_unknown_in_context_only():
    documents = pd.DataFrame(
        {"doc_id": ["shanhu"], "place_zh": ["剡湖街道"], "level": ["subdistrict"]}
    )
    table = pd.DataFrame({"doc_id": ["shanhu"], "agency_raw": ["绍兴市"], "line": [3]})
    assert resolve_table(table, documents)["agency_type"].tolist() == [""]
    assert unknown_agencies(table, documents=documents)["agency_raw"].tolist() == ["绍兴市"]
    assert resolve("绍兴市").agency_type == "subordinate_govs"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("市行政审批制度改革工作领导小组办公室", "coordination_body"),
        ("宁波市产业工人队伍建设改革联席会议办公室", "coordination_body"),
        ("全区经济运行各专班", "coordination_body"),
        ("市重点项目建设指挥部", "coordination_body"),
        # Groups with a standing home keep their home's type.
        ("市委人才工作领导小组办公室", "org"),
        ("市委全面深化改革领导小组办公室", "reform_office"),
        ("市防汛抗旱指挥部办公室", "emergency"),
        ("市平安建设领导小组办公室", "political_legal"),
        ("区市场局", "market_regulation"),
        ("市应急办", "emergency"),
    ],
)
def test_coordination_bodies_and_short_forms(name, expected):
    assert resolve(name).agency_type == expected


def test_a_unit_unknown_by_its_own_name_is_read_by_its_other_name_in_brackets():
    r = resolve("新区经济发展局（区经信局）")
    assert r.agency_type == "industry_it" and "other name in brackets" in r.rule
    # the name outside still wins where it is known
    assert resolve("县住建局（县人防办）").agency_type == "housing"
    assert resolve("县文化和广电旅游体育局").agency_type == "culture_tourism"
    assert resolve("区住房和城建局").agency_type == "housing"
