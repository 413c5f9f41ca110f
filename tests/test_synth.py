"""The synthetic corpus: the parser reproduces the generator's true coding exactly."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import agencygraph
from agencygraph.synth import LAYOUTS, synthetic_plan, write_synthetic_corpus

N_PLANS = 200
SEED = 11


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_synthetic_corpus(N_PLANS, seed=SEED, out=tmp_path_factory.mktemp("synth"))


@pytest.fixture(scope="module")
def truth(corpus) -> dict[str, pd.DataFrame]:
    return {name: _read(corpus / "truth" / f"{name}.csv") for name in ("documents", "measures")} | {
        "assignments": _read(corpus / "truth" / "assignments.csv")
    }


@pytest.fixture(scope="module")
def coded(corpus, truth):
    return agencygraph.parse_corpus([corpus / f for f in truth["documents"]["file"]])


def _numbered(coded) -> tuple[pd.DataFrame, dict[str, str]]:
    """Parsed measures with their 1-based order in the document (the truth's measure_no)."""
    measures = coded.measures.copy()
    measures["measure_no"] = (measures.groupby("doc_id").cumcount() + 1).astype(str)
    return measures, dict(zip(measures["measure_id"], measures["measure_no"], strict=True))


def test_every_measure_as_generated(coded, truth):
    measures, _ = _numbered(coded)
    got = measures.assign(line=measures["line"].astype(str))
    got = got[["doc_id", "measure_no", "text", "timeline", "line"]]
    expected = truth["measures"][["doc_id", "measure_no", "text", "timeline", "line"]]
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected.reset_index(drop=True))
    starts = got["text"].str.slice(0, 25)
    assert starts.tolist() == truth["measures"]["text_start"].tolist()


def test_every_assignment_as_generated(coded, truth):
    _, number = _numbered(coded)
    a = coded.assignments
    got = pd.DataFrame(
        {
            "doc_id": a["doc_id"],
            "measure_no": a["measure_id"].map(number),
            "role": a["role"],
            "agency_raw": a["agency_raw"],
            "inherited": a["inherited"].map({True: "true", False: "false"}),
            "line": a["line"].astype(str),
        }
    )
    key = list(got.columns)
    expected = truth["assignments"][key]
    order = lambda t: t.sort_values(key).reset_index(drop=True)  # noqa: E731
    assert len(got) == len(expected)
    pd.testing.assert_frame_equal(order(got), order(expected))
    # The corpus exercises the carry-down rule and multiple leads.
    assert (expected["inherited"] == "true").sum() > 100
    leads = expected[expected["role"] == "lead"].groupby(["doc_id", "measure_no"]).size()
    assert (leads > 1).any()


def test_all_three_layouts(coded, truth):
    layouts = coded.documents.set_index("doc_id")["layout"]
    expected = truth["documents"].set_index("doc_id")["layout"]
    assert layouts.to_dict() == expected.to_dict()
    assert set(layouts) == set(LAYOUTS)
    assert truth["documents"]["variant"].nunique() >= 5
    # No doubtful input; narrative plans are flagged (no_assignments), which is right.
    assert coded.warnings[coded.warnings.kind.isin(["input", "coding"])].empty


def test_unit_names_resolve_except_deliberate_unknowns(coded, truth):
    _, number = _numbered(coded)
    a = coded.assignments.assign(measure_no=coded.assignments["measure_id"].map(number))
    key = ["doc_id", "measure_no", "role", "agency_raw"]
    both = a.merge(truth["assignments"], on=key, suffixes=("", "_true"))
    assert len(both) == len(a)
    known = both[both["agency_type_true"] != ""]
    assert (known["agency_type"] == known["agency_type_true"]).all()
    unknown = truth["assignments"].query("agency_type == ''")
    assert len(unknown) > 0
    assert any("(略)" in name for name in unknown["agency_raw"])
    pairs = lambda t: set(zip(t["doc_id"], t["agency_raw"], strict=True))  # noqa: E731
    assert pairs(coded.unknown_agencies) == pairs(unknown)


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    def files(folder: Path) -> dict[str, bytes]:
        return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*.csv")} | {
            p.name: p.read_bytes() for p in folder.glob("*.txt")
        }

    first = files(write_synthetic_corpus(30, seed=5, out=tmp_path / "a"))
    again = files(write_synthetic_corpus(30, seed=5, out=tmp_path / "b"))
    other = files(write_synthetic_corpus(30, seed=6, out=tmp_path / "c"))
    assert len(first) == 30 + 4
    assert first == again
    assert first.keys() == other.keys()
    assert all(first[name] != other[name] for name in first if name.endswith(".txt"))


def test_plan_depends_on_seed_and_index_only(tmp_path):
    out = write_synthetic_corpus(5, seed=2, out=tmp_path)
    plan = synthetic_plan(3, seed=2)
    assert (out / plan.file).read_text(encoding="utf-8") == plan.text
    assert plan.doc_id == "syn000003"


def test_manifest_columns_and_metadata(corpus, coded):
    manifest = _read(corpus / "manifest.csv")
    assert list(manifest.columns) == [
        "file",
        "doc_id",
        "title",
        "place_zh",
        "place_en",
        "province",
        "level",
        "date",
        "source",
    ]
    docs = coded.documents.set_index("doc_id")
    assert docs["place_zh"].to_dict() == manifest.set_index("doc_id")["place_zh"].to_dict()


def test_bad_size_is_refused(tmp_path):
    with pytest.raises(ValueError, match="n_plans"):
        write_synthetic_corpus(-1, seed=0, out=tmp_path)
