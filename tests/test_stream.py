"""A build streamed in chunks writes the same tables as the in-memory build (issue 19)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import agencygraph as ag
from agencygraph import settings
from agencygraph._errors import InputError
from agencygraph.cli import main
from agencygraph.pipeline import build
from agencygraph.stream import build_streamed
from agencygraph.synth import write_synthetic_corpus
from agencygraph.themes import GramFrequencies, _gram_counts, _gram_counts_python, assign_themes


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synthetic")
    write_synthetic_corpus(40, seed=5, out=folder)
    return folder


def test_streamed_tables_equal_the_whole_build_byte_for_byte(corpus, tmp_path, monkeypatch):
    # Small thresholds so that 40 plans take the large-corpus paths of the null model in
    # chunks: samples from the budget ("reduced"), Louvain on a share of its budget.
    monkeypatch.setattr(settings, "NULL_FULL_DOCS", 5)
    monkeypatch.setattr(settings, "NULL_MIN_SAMPLES", 10)
    monkeypatch.setattr(settings, "NULL_LOUVAIN_BUDGET", 175)
    monkeypatch.setattr(settings, "NULL_LOUVAIN_SAMPLES", 5)
    whole, chunked = tmp_path / "whole", tmp_path / "chunked"
    build(ag.parse_corpus([corpus]), tables_dir=whole, tables_only=True, null_samples=30)
    written = build_streamed(
        [corpus], tables_dir=chunked, chunk_size=9, null_samples=30, metric_chunk=6, jobs=2
    )
    names = sorted(p.name for p in whole.iterdir())
    assert sorted(p.name for p in written) == names
    assert len(names) == 23
    for name in names:
        if name in ("cross_region.csv", "type_cross_region.csv"):
            continue
        assert (chunked / name).read_bytes() == (whole / name).read_bytes(), name
    # cross_region: the task-level null of the plans whose tasks differ from their rows is
    # planned over those plans of the chunk (a known difference, in the README): the
    # observed indices are equal, the z-scores and p-values are other draws of the null.
    a, b = pd.read_csv(whole / "cross_region.csv"), pd.read_csv(chunked / "cross_region.csv")
    observed = [c for c in a.columns if not c.endswith(("_z", "_p", "_p_adjusted"))]
    pd.testing.assert_frame_equal(b[observed], a[observed])
    assert list(b.columns) == list(a.columns)
    # type_cross_region (and cross_region): the Benjamini-Hochberg family is each chunk's
    # rows, not the whole
    # table's (a known difference, in the README); every other column is equal.
    a, b = (
        pd.read_csv(whole / "type_cross_region.csv"),
        pd.read_csv(chunked / "type_cross_region.csv"),
    )
    kept = [c for c in a.columns if not c.endswith("_p_adjusted")]
    pd.testing.assert_frame_equal(b[kept], a[kept])
    null = pd.read_csv(chunked / "network_null.csv")
    assert set(null["method"]) == {"reduced"}  # the path the chunks had to agree on
    louvain = null[null["index"] == "modularity"]
    # 175 // 35 plans = 5 draws each, as in the whole build (a chunk alone would give 10).
    assert (louvain["n_samples"] == 5).all()
    # No staging folder or spilled measures left behind.
    assert not [p for p in chunked.iterdir() if p.name.startswith(".")]


def test_streamed_parquet_equals_the_whole_parquet(tmp_path):
    whole, chunked = tmp_path / "whole", tmp_path / "chunked"
    build(ag.parse_corpus(), tables_dir=whole, tables_only=True, null_samples=20, format="parquet")
    build_streamed(tables_dir=chunked, chunk_size=2, null_samples=20, format="parquet")
    for path in sorted(whole.iterdir()):
        expected = pd.read_parquet(path)
        got = pd.read_parquet(chunked / path.name)
        pd.testing.assert_frame_equal(got, expected, check_dtype=False, obj=path.name)


def test_gram_frequencies_of_chunks_give_the_whole_corpus_themes():
    measures = ag.parse_corpus().measures.drop(columns=["theme", "themes"])
    whole = assign_themes(measures)
    freq = GramFrequencies.of_labels()
    parts = np.array_split(np.arange(len(measures)), 7)
    for rows in parts:
        freq.add_measures(measures.iloc[rows])
    chunked = pd.concat(
        [assign_themes(measures.iloc[rows], idf=freq) for rows in parts], ignore_index=True
    )
    pd.testing.assert_frame_equal(chunked, whole)
    # Without the whole corpus's frequencies some themes do move (the idf is the corpus's).
    alone = pd.concat([assign_themes(measures.iloc[rows]) for rows in parts], ignore_index=True)
    assert (alone["score"] != whole["score"]).any()


def test_gram_keys_are_the_ngrams_in_string_order():
    texts = ["组织开展职工技术比武", "开展职业技能竞赛abc", "x"]
    counts, keys = _gram_counts(texts, (1, 3), keys=True)
    slow, slow_keys = _gram_counts_python(texts, (1, 3), keys=True)
    assert (counts != slow).nnz == 0
    assert keys.tolist() == slow_keys.tolist()
    assert keys.tolist() == sorted(keys.tolist())


def test_cli_chunk_size(tmp_path, capsys):
    out = tmp_path / "t"
    assert main(["build", "--tables-only", "--chunk-size", "2", "--null-samples", "20",
                 "--quiet", "--out", str(out)]) == 0  # fmt: skip
    assert len(pd.read_csv(out / "documents.csv")) == 5
    assert main(["build", "--chunk-size", "2", "--out", str(out)]) == 1
    assert "--tables-only" in capsys.readouterr().err


def test_duplicate_doc_ids_stop_a_streamed_build(tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "plan.txt").write_text("一、任务\n1. 做事。（牵头单位：市财政局）\n")
    with pytest.raises(InputError, match="distinct ids"):
        build_streamed([tmp_path], tables_dir=tmp_path / "out", chunk_size=1)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
