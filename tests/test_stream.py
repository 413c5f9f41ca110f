"""A build streamed in chunks writes the same tables as the in-memory build (issue 19)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import agencygraph as ag
from agencygraph import settings, stream
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
        if name == "cross_region.csv":
            continue
        assert (chunked / name).read_bytes() == (whole / name).read_bytes(), name
    # cross_region: the task-level null of the plans whose tasks differ from their rows is
    # planned over those plans of the chunk (a known difference, in the README): the
    # observed indices are equal, the z-scores and p-values are other draws of the null.
    a, b = pd.read_csv(whole / "cross_region.csv"), pd.read_csv(chunked / "cross_region.csv")
    observed = [c for c in a.columns if not c.endswith(("_z", "_p", "_p_adjusted"))]
    pd.testing.assert_frame_equal(b[observed], a[observed])
    assert list(b.columns) == list(a.columns)
    # ... but its p-values are adjusted as one family, the whole table's, as in the whole
    # build (not chunk by chunk): recomputing the adjustment from the p-values gives it
    from agencygraph.compare import _index_family_adjusted

    for column, adjusted in _index_family_adjusted(b, settings.COMPARE_MTC).items():
        np.testing.assert_allclose(b[column], adjusted, rtol=1e-12, err_msg=column)
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


# ----------------------------------------------------------------- all or nothing (issue 19)


def _files(folder) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _streamed(out, seed: int) -> list:
    return build_streamed(tables_dir=out, chunk_size=2, null_samples=5, seed=seed)


def test_a_streamed_build_failing_partway_leaves_the_previous_folder(tmp_path, monkeypatch):
    out = tmp_path / "out"
    _streamed(out, seed=1)
    (out / "notes.txt").write_text("mine")
    before = _files(out)
    seen = []
    real = stream.streamed_metric_tables

    def failing(*args, **kwargs):
        # The coded tables and a few metric tables are written, then a stage fails.
        for i, item in enumerate(real(*args, **kwargs)):
            if i == 3:
                seen.extend(p.name for p in tmp_path.iterdir())
                raise RuntimeError("a stage failed")
            yield item

    monkeypatch.setattr(stream, "streamed_metric_tables", failing)
    with pytest.raises(RuntimeError, match="a stage failed"):
        _streamed(out, seed=2)
    # It was writing beside the folder, never into it; nothing of it is left.
    assert [n for n in seen if stream._STREAM_SUFFIX in n]
    assert _files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.agencygraph.lock", "out"]


@pytest.mark.parametrize("exchange", [True, False])
def test_a_second_streamed_build_replaces_the_first_in_one_step(tmp_path, monkeypatch, exchange):
    from agencygraph import export

    if not exchange:  # the two-rename swap of systems without renameat2
        monkeypatch.setattr(export, "_exchange", lambda a, b: False)
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    _streamed(out, seed=1)
    (out / "notes.txt").write_text("mine")
    first, inode = _files(out), out.stat().st_ino
    _streamed(fresh, seed=2)
    written = _streamed(out, seed=2)
    # Another folder took the old one's place (not files replaced one by one), holding the
    # new tables and the user's own file; the old tables differ (another seed).
    assert out.stat().st_ino != inode
    assert _files(out) == _files(fresh) | {"notes.txt": b"mine"}
    assert _files(out) != first
    assert sorted(p.name for p in written) == sorted(_files(fresh))
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".fresh.agencygraph.lock", ".out.agencygraph.lock", "fresh", "out",
    ]  # fmt: skip


# The streamed build run in a child, each table append slowed down so that a kill lands
# while it is writing, whatever the machine's load.
SLOWED = """
import sys, time
from agencygraph import stream
_append = stream.TableWriter.append
def _slow(self, table, frame):
    _append(self, table, frame)
    time.sleep(0.2)
stream.TableWriter.append = _slow
stream.build_streamed(tables_dir=sys.argv[1], chunk_size=1, null_samples=5, seed=2)
"""


def test_a_streamed_build_killed_midway_leaves_the_previous_folder(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    out = tmp_path / "out"
    _streamed(out, seed=1)
    before = _files(out)
    src = str(Path(ag.__file__).resolve().parents[1])
    child = subprocess.Popen(
        [sys.executable, "-c", SLOWED, str(out)],
        env={**os.environ, "PYTHONPATH": src},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )

    def staged() -> list:
        return [p for p in tmp_path.glob(f".out{stream._STREAM_SUFFIX}*/*.csv")]

    end = time.monotonic() + 120
    while len(staged()) < 3 and child.poll() is None and time.monotonic() < end:
        time.sleep(0.01)
    child.send_signal(signal.SIGKILL)
    _, err = child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL, err
    assert len(staged()) >= 3  # killed with half-written tables staged beside the folder
    assert _files(out) == before
    # The next streamed build clears what the killed one left, then replaces the folder.
    _streamed(out, seed=3)
    assert not list(tmp_path.glob(f".out{stream._STREAM_SUFFIX}*"))
    assert _files(out) != before
