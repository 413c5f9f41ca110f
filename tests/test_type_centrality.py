"""``type_centrality`` from sparse matrices equals the pooled graph's, bit for bit (issue 19)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

import agencygraph as ag
from agencygraph import settings
from agencygraph._type_centrality import _type_rows, type_centrality
from agencygraph.export import table_to_csv_bytes
from agencygraph.graph import bipartite_graph
from agencygraph.metrics import agency_centrality
from agencygraph.metrics.centrality import _component_centrality
from agencygraph.synth import write_synthetic_corpus


def _graph_path(assignments, agencies, *, seed, inherited=True, responsible=None):
    """The implementation it replaces: agency_centrality of the pooled networkx graph."""
    G = bipartite_graph(
        assignments, None, agencies, inherited=inherited, node="agency_type",
        responsible=responsible,
    )  # fmt: skip
    return agency_centrality(G, seed=seed).reset_index(drop=True)


def _assert_same(assignments, agencies, *, seed=7, **options):
    expected = _graph_path(assignments, agencies, seed=seed, **options)
    got = type_centrality(assignments, agencies, seed=seed, **options)
    assert list(got.columns) == list(expected.columns)
    assert got.dtypes.equals(expected.dtypes)
    assert table_to_csv_bytes(got) == table_to_csv_bytes(expected)
    return got


def _truth_tables(n_plans: int, folder) -> pd.DataFrame:
    """The true coding of a synthetic corpus as an assignments table (no parse: quick)."""
    write_synthetic_corpus(n_plans, seed=5, out=folder)
    a = pd.read_csv(folder / "truth" / "assignments.csv", dtype=str, keep_default_na=False)
    a["measure_id"] = a["doc_id"] + "-" + a["measure_no"].str.zfill(4)
    a["agency_id"] = (a["doc_id"] + ":" + a["agency_type"]).where(a["agency_type"] != "", "")
    a["inherited"] = a["inherited"] == "true"
    a["line"] = a["line"].astype(int)
    return a


@pytest.fixture(scope="module")
def bundled():
    return ag.parse_corpus()


@pytest.mark.parametrize(
    "options", [{}, {"responsible": "apart"}, {"responsible": "support"}, {"inherited": False}]
)
def test_bundled_corpus_equals_the_graph_path(bundled, options):
    got = _assert_same(bundled.assignments, bundled.agencies, **options)
    assert len(got) > 10


@pytest.mark.parametrize("n_plans", [40, 300, pytest.param(2000, marks=pytest.mark.slow)])
def test_synthetic_corpora_equal_the_graph_path(tmp_path, n_plans):
    got = _assert_same(_truth_tables(n_plans, tmp_path), None, seed=3)
    # 40 plans: one component under BETWEENNESS_EXACT_NODES (exact); more: sampled.
    method = "exact" if n_plans == 40 else "sampled"
    assert set(got["betweenness_method"]) == {method}


def test_parsed_synthetic_corpus_equals_the_graph_path(tmp_path):
    write_synthetic_corpus(12, seed=2, out=tmp_path)
    coded = ag.parse_corpus([tmp_path])
    _assert_same(coded.assignments, coded.agencies)


def test_sampled_with_small_thresholds_equals_the_graph_path(tmp_path, monkeypatch):
    # Several pivot batches, the last one partial (37 = 2 × 16 + 5).
    monkeypatch.setattr(settings, "BETWEENNESS_EXACT_NODES", 300)
    monkeypatch.setattr(settings, "BETWEENNESS_PIVOTS", 37)
    got = _assert_same(_truth_tables(60, tmp_path), None, seed=11)
    assert set(got["betweenness_method"]) == {"sampled"}


def _random_two_mode(rng, blocks):
    """A two-mode adjacency of several components: (types, measures, density) each."""
    rows, cols, n_top, n_bottom = [], [], 0, 0
    for types, measures, p in blocks:
        B = rng.random((types, measures)) < p
        B[rng.integers(types, size=measures), np.arange(measures)] = True  # no lone measure
        r, c = np.nonzero(B)
        rows.append(r + n_top)
        cols.append(c + n_bottom)
        n_top, n_bottom = n_top + types, n_bottom + measures
    r, c = np.concatenate(rows), np.concatenate(cols) + n_top
    n = n_top + n_bottom
    A = sp.csr_matrix((np.ones(2 * len(r)), (np.r_[r, c], np.r_[c, r])), shape=(n, n))
    return A, n_top


@pytest.mark.parametrize(
    ("blocks", "exact_nodes", "pivots"),
    [
        # One component past the threshold, sparse (over 400 nodes), pivots in 3 batches.
        ([(12, 700, 0.15)], 300, 40),
        # Mixed: a sampled sparse component, a sampled dense one (under 400 nodes), an exact
        # one and a component of a type with one measure, in an order that interleaves them.
        ([(3, 20, 0.5), (10, 500, 0.2), (5, 150, 0.3), (1, 1, 1.0), (6, 80, 0.3)], 60, 21),
        # Nothing past the threshold: the shared routine itself.
        ([(4, 30, 0.4), (6, 50, 0.3)], 2000, 64),
    ],
)
def test_type_rows_equal_the_shared_routine_bit_for_bit(blocks, exact_nodes, pivots):
    A, n_top = _random_two_mode(np.random.default_rng(len(blocks)), blocks)
    # Shuffle the measure columns, so that components interleave in node order.
    perm = np.r_[np.arange(n_top), n_top + np.random.default_rng(1).permutation(A.shape[0] - n_top)]
    A = A[perm][:, perm].tocsr()
    expected = _component_centrality(
        A, n_top=n_top, closeness_of=np.arange(n_top), seed=5, exact_nodes=exact_nodes,
        pivots=pivots,
    )  # fmt: skip
    got = _type_rows(A, n_top=n_top, seed=5, exact_nodes=exact_nodes, pivots=pivots)
    for e, g in zip(expected, got, strict=True):
        np.testing.assert_array_equal(g, e[:n_top])
        assert g.tobytes() == e[:n_top].tobytes()


def test_component_numbers_follow_size_then_smallest_name():
    a = pd.DataFrame(
        {
            "doc_id": ["d"] * 5,
            # Two components of 3 nodes, the tie broken by their smallest node as text:
            # a measure ("a-1") for the second, a type ("b") for the first.
            "measure_id": ["z-1", "z-1", "a-1", "a-1", "m-1"],
            "role": ["lead", "support", "lead", "support", "lead"],
            "agency_raw": ["x"] * 5,
            "agency_id": ["d:b", "d:c", "d:e", "d:f", "d:g"],
            "agency_type": ["b", "c", "e", "f", "g"],
            "inherited": [False] * 5,
            "line": [1, 1, 2, 2, 3],
        }
    )
    got = _assert_same(a, None)
    assert dict(zip(got["agency_type"], got["component"], strict=True)) == {
        "b": 1, "c": 1, "e": 0, "f": 0, "g": 2,
    }  # fmt: skip


def test_no_edge_gives_the_graph_paths_empty_table():
    a = pd.DataFrame(
        {
            "doc_id": ["d"], "measure_id": ["d-1"], "role": ["lead"], "agency_raw": ["某办"],
            "agency_id": [""], "agency_type": [""], "inherited": [False], "line": [1],
        }
    )  # fmt: skip
    got = _assert_same(a, None)
    assert got.empty


def test_metric_tables_use_it(bundled):
    tables = ag.compare.metric_tables(bundled, n=5, seed=2)
    expected = _graph_path(bundled.assignments, bundled.agencies, seed=2)
    assert table_to_csv_bytes(tables["type_centrality"]) == table_to_csv_bytes(expected)
