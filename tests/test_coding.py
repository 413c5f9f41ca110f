"""The coding of the bundled corpus against the hand-coded gold standard.

Measures are matched by document and the start of their text (gold ``text_start``);
assignments by (document, measure, role, unit as written, inherited).
"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

import agencygraph
from agencygraph.coding import ASSIGNMENT_COLUMNS, MEASURE_COLUMNS, MENTION_COLUMNS
from agencygraph.corpus import bundled_corpus

DOCS = ["cixi", "haimen", "shanhu", "ningbo", "lijiang"]


def _matched_ids(coded_measures: pd.DataFrame, gold_measures: pd.DataFrame) -> dict[str, str]:
    """Our measure id → gold measure id, matched by document and the start of the text."""
    mapping = {}
    for row in gold_measures.itertuples():
        start = row.text_start.strip()
        same_doc = coded_measures[coded_measures.doc_id == row.doc]
        hits = same_doc[same_doc.text.str.startswith(start)].measure_id.tolist()
        if len(hits) == 1:
            mapping[hits[0]] = row.measure_id
    return mapping


def _scores(found: set, expected: set) -> tuple[float, float]:
    true = len(found & expected)
    precision = true / len(found) if found else float(not expected)
    recall = true / len(expected) if expected else float(not found)
    return precision, recall


def assert_matches_gold(coded, gold) -> None:
    mapping = _matched_ids(coded.measures, gold["measures"])
    for doc in DOCS:
        ours = coded.measures[coded.measures.doc_id == doc]
        theirs = gold["measures"][gold["measures"].doc == doc]
        found = {mapping.get(m, f"unmatched:{m}") for m in ours.measure_id}
        precision, recall = _scores(found, set(theirs.measure_id))
        assert (precision, recall) == (1.0, 1.0), (doc, sorted(found ^ set(theirs.measure_id)))

        ours_a = coded.assignments[coded.assignments.doc_id == doc]
        found_a = {
            (mapping.get(r.measure_id, r.measure_id), r.role, r.agency_raw, bool(r.inherited))
            for r in ours_a.itertuples()
        }
        theirs_a = gold["assignments"][gold["assignments"].doc == doc]
        expected_a = {
            (r.measure_id, r.role, r.agency_raw, r.inherited == "true")
            for r in theirs_a.itertuples()
        }
        precision, recall = _scores(found_a, expected_a)
        assert (precision, recall) == (1.0, 1.0), (doc, sorted(found_a ^ expected_a))
        assert len(ours_a) == len(theirs_a), f"{doc}: duplicated assignment rows"


def test_measures_and_assignments_match_gold(coded, gold):
    assert_matches_gold(coded, gold)


@pytest.mark.parametrize("doc", ["shanhu", "ningbo"])
def test_mentions_recall(coded, gold, doc):
    mapping = _matched_ids(coded.measures, gold["measures"])
    ours = coded.mentions[coded.mentions.doc_id == doc]
    found = {(mapping.get(r.measure_id), r.agency_raw) for r in ours.itertuples()}
    theirs = gold["mentions"][gold["mentions"].doc == doc]
    expected = {(r.measure_id, r.agency_raw) for r in theirs.itertuples()}
    precision, recall = _scores(found, expected)
    assert recall >= 0.9, sorted(expected - found)
    assert precision >= 0.8, sorted(found - expected)


def test_measure_fields_match_gold(coded, gold):
    """Section, task and timeline of every measure; lijiang-s2-m1's title is a known gap."""
    mapping = _matched_ids(coded.measures, gold["measures"])
    expected = gold["measures"].set_index("measure_id")
    mismatches = []
    for row in coded.measures.itertuples():
        want = expected.loc[mapping[row.measure_id]]
        got = {
            "section_no": str(row.section_no),
            "section_title": row.section_title,
            "task_no": row.task_no,
            "timeline": row.timeline,
            "text_start": row.text[: len(want.text_start)],
        }
        for field, value in got.items():
            if value != want[field]:
                mismatches.append((row.measure_id, field, value, want[field]))
    assert mismatches == []


def test_counts_match_the_gold_readme(coded):
    per_doc = coded.documents.set_index("doc_id")
    assert per_doc.n_measures.to_dict() == {
        "cixi": 57,
        "haimen": 15,
        "shanhu": 11,
        "ningbo": 15,
        "lijiang": 16,
    }
    cixi = coded.assignments[coded.assignments.doc_id == "cixi"]
    inherited = cixi[cixi.inherited].role.value_counts().to_dict()
    assert inherited == {"lead": 35, "support": 29}
    assert per_doc.layout.to_dict() == {
        "cixi": "table",
        "haimen": "inline",
        "shanhu": "narrative",
        "ningbo": "narrative",
        "lijiang": "inline",
    }


def test_every_row_traces_to_its_source_line(coded):
    """Each assignment's line holds the unit (or its first part, for a wrapped name)."""
    texts = {
        row.doc_id: path.read_text(encoding="utf-8").split("\n")
        for row, path in zip(coded.documents.itertuples(), bundled_corpus(), strict=True)
    }
    for row in coded.assignments.itertuples():
        source = texts[row.doc_id][row.line - 1].replace(" ", "")
        assert row.agency_raw[:2] in source, (row.doc_id, row.line, row.agency_raw)
    for row in coded.measures.itertuples():
        source = texts[row.doc_id][row.line - 1]
        assert row.text[:10] in source, (row.measure_id, row.line)


def test_tables_have_contract_columns(coded):
    assert list(coded.measures.columns) == MEASURE_COLUMNS
    assert list(coded.assignments.columns) == ASSIGNMENT_COLUMNS
    assert list(coded.mentions.columns) == MENTION_COLUMNS
    assert coded.measures.measure_id.is_unique


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_reencoded_corpus_matches_gold(tmp_path, gold, encoding):
    for path in bundled_corpus():
        text = path.read_text(encoding="utf-8")
        (tmp_path / path.name).write_bytes(text.replace("\n", "\r\n").encode(encoding))
    shutil.copy(bundled_corpus()[0].parent / "manifest.csv", tmp_path / "manifest.csv")
    coded = agencygraph.parse_corpus(sorted(tmp_path.glob("*.txt")))
    assert_matches_gold(coded, gold)


def test_a_table_read_without_its_header_is_listed_for_checking(tmp_path):
    from agencygraph.coding import documents_to_check

    (tmp_path / "headerless.txt").write_text(
        "1 | 完成27所学校教育基础设施改造提升。 | 县教育局 | 已安装空调970台。 |\n"
        "2 | 完成10家居家养老服务照料中心建设。 | 县民政局 | 5家施工中。 |\n"
        "3 | 为200名以上残疾儿童实施康复服务。 | 县残联 | 已确定221名。 |\n",
        encoding="utf-8",
    )
    (tmp_path / "noted.txt").write_text(
        "某县方案\n一、重点任务\n1.推进老旧小区改造。（牵头单位：县住建局）\n", encoding="utf-8"
    )
    coded = agencygraph.parse_corpus(sorted(tmp_path.glob("*.txt")), themes=False)
    check = documents_to_check(coded)
    assert check.doc_id.tolist() == ["headerless"]
    assert "without its header" in check.reasons.iloc[0]
