"""The fast projections (issue 19) give exactly what the plain networkx / scipy route gave.

``project_agencies`` and ``project_measures`` fill the projected graph's dicts in bulk and
read the input graph's dicts directly; the table path sorts its codes without pandas'
object sort. Each is checked here against a reference written the slow, obvious way: the
upper triangle by ``sp.triu`` and a sort, the graph by ``add_nodes_from`` and
``add_edges_from`` -- node, neighbour and edge order, attributes and weights included.
"""

from __future__ import annotations

import gc
import sys

import networkx as nx
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from networkx.algorithms import bipartite

import agencygraph
from agencygraph import graph
from agencygraph._tables import text_codes
from agencygraph.graph import bipartite_graph, project_agencies, project_measures
from agencygraph.synth import write_synthetic_corpus

METHODS = ("count", "newman", "jaccard", "overlap")
VARIANTS = [(m, False) for m in METHODS] + [("count", True), ("newman", True)]


def reference_matrix(B: sp.csr_matrix, method: str, weight: bool) -> sp.coo_matrix:
    """The projection as first written: sp.triu of the product, then sorted."""
    binary = (B != 0).astype(float).tocsr()
    B = B.astype(float).tocsr() if weight else binary
    if method == "newman":
        size = np.asarray(binary.sum(axis=0)).ravel()
        inv = np.divide(1.0, size - 1, out=np.zeros_like(size), where=size > 1)
        W = B @ sp.diags(inv) @ B.T
    else:
        W = B @ B.T
    W = sp.triu(W, k=1).tocoo()
    if method in ("jaccard", "overlap"):
        degree = np.asarray(B.sum(axis=1)).ravel()
        if method == "jaccard":
            denom = degree[W.row] + degree[W.col] - W.data
        else:
            denom = np.minimum(degree[W.row], degree[W.col])
        W = sp.coo_matrix((W.data / denom, (W.row, W.col)), shape=W.shape)
    order = np.lexsort((W.col, W.row))
    return sp.coo_matrix((W.data[order], (W.row[order], W.col[order])), shape=W.shape)


def reference_graph(W: sp.coo_matrix, labels: list, source, **graph_attrs) -> nx.Graph:
    """The projected graph built through networkx's API, edge by edge."""
    G = nx.Graph(**graph_attrs)
    G.add_nodes_from((n, dict(source.nodes[n]) if source is not None else {}) for n in labels)
    G.add_edges_from(
        (labels[i], labels[j], {"weight": w})
        for i, j, w in zip(W.row.tolist(), W.col.tolist(), W.data.tolist(), strict=True)
    )
    return G


def assert_same_graph(got: nx.Graph, want: nx.Graph) -> None:
    assert type(got) is type(want)
    assert nx.utils.graphs_equal(got, want)
    assert got.graph == want.graph
    assert list(got.nodes(data=True)) == list(want.nodes(data=True))
    assert list(got.edges(data=True)) == list(want.edges(data=True))
    assert [list(nbrs) for nbrs in got.adj.values()] == [list(n) for n in want.adj.values()]
    assert list(got.degree(weight="weight")) == list(want.degree(weight="weight"))
    # One data dict per edge, shared by its two directions, as add_edge makes it.
    for u, v in got.edges():
        assert got[u][v] is got[v][u]


def check_all(data, source) -> int:
    """Every method of both projections, graph and frame, against the references."""
    checked = 0
    for method, weight in VARIANTS:
        B, rows, cols = graph.incidence_matrix(data, weighted=weight)
        for side, func, labels, M in (
            ("agencies", project_agencies, rows, B),
            ("measures", project_measures, cols, B.T.tocsr()),
        ):
            W = reference_matrix(M, method, weight)
            got = graph.projection_matrix(M, method, weight)
            assert np.array_equal(got.row, W.row) and np.array_equal(got.col, W.col)
            assert np.array_equal(got.data, W.data)  # bit for bit
            want = reference_graph(W, labels, source, projection=side, method=method)
            P = func(data, method=method, weight=weight)
            assert_same_graph(P, want)
            frame = func(data, method=method, weight=weight, as_frame=True)
            assert frame["source"].tolist() == [labels[i] for i in W.row.tolist()]
            assert frame["target"].tolist() == [labels[j] for j in W.col.tolist()]
            assert frame["weight"].tolist() == W.data.tolist()
            checked += P.number_of_edges()
    return checked


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    out = write_synthetic_corpus(40, seed=3, out=tmp_path_factory.mktemp("synth"))
    coded = agencygraph.parse_corpus(sorted(out.glob("syn*.txt")))
    a = coded.assignments[coded.assignments["agency_id"] != ""]
    return a, coded.measures, coded.agencies


def test_fast_projections_equal_reference_on_bundled_corpus(coded):
    G = bipartite_graph(coded.assignments, coded.measures, coded.agencies)
    assert check_all(G, G) > 100
    assert check_all(coded.assignments, None) > 100


def test_fast_projections_equal_reference_on_synthetic_plans(synthetic):
    a, measures, agencies = synthetic
    G = bipartite_graph(a, measures, agencies)
    assert check_all(G, G) > 1000
    assert check_all(a, None) > 1000
    # The count projection is networkx's weighted projection, node attributes included.
    top = [n for n, b in G.nodes(data="bipartite") if b == 0]
    ref = bipartite.weighted_projected_graph(G, top)
    P = project_agencies(G)
    assert dict(P.nodes(data=True)) == dict(ref.nodes(data=True))
    want = {frozenset((u, v)): float(w) for u, v, w in ref.edges(data="weight")}
    assert {frozenset((u, v)): w for u, v, w in P.edges(data="weight")} == want


def test_fast_graph_is_a_working_networkx_graph(synthetic):
    a, measures, agencies = synthetic
    G = bipartite_graph(a, measures, agencies)
    P = project_agencies(G, method="jaccard")
    W = reference_graph(
        reference_matrix(*graph.incidence_matrix(G)[:1], "jaccard", False),
        graph.graph_sides(G)[0],
        G,
        projection="agencies",
        method="jaccard",
    )
    assert [c for c in nx.connected_components(P)] == [c for c in nx.connected_components(W)]
    assert nx.to_scipy_sparse_array(P).toarray().tolist() == (
        nx.to_scipy_sparse_array(W).toarray().tolist()
    )
    assert nx.utils.graphs_equal(P.copy(), W) and nx.utils.graphs_equal(P.subgraph(list(P)), W)
    # Node attributes are copies: changing the projection leaves the source alone.
    u = next(iter(P))
    P.nodes[u]["name_zh"] = "changed"
    assert G.nodes[u]["name_zh"] != "changed"
    # It stays mutable as any graph: views follow.
    v, w = list(P)[:2]
    P.add_edge(v, w, weight=9.0)
    assert (
        P[v][w]["weight"] == 9.0
        and P.has_edge(w, v)
        and P.degree(v) == W.degree(v) + (0 if W.has_edge(v, w) else 1)
    )
    P.remove_node(v)
    assert v not in P and all(v not in nbrs for nbrs in P.adj.values())


def test_tuple_labels_and_empty_projection():
    G = nx.Graph()
    G.add_nodes_from([("a", 1), ("b", 2), ("c", 3)], bipartite=0)
    G.add_nodes_from(["m1", "m2"], bipartite=1)
    G.add_edges_from([(("a", 1), "m1"), (("b", 2), "m1"), (("b", 2), "m2"), (("c", 3), "m2")])
    P = project_agencies(G)
    assert list(P) == [("a", 1), ("b", 2), ("c", 3)]
    assert sorted(P.edges(data="weight")) == [(("a", 1), ("b", 2), 1.0), (("b", 2), ("c", 3), 1.0)]
    E = nx.Graph()
    E.add_nodes_from(["x", "y"], bipartite=0)
    E.add_node("m", bipartite=1)
    P = project_agencies(E)
    assert list(P.nodes(data=True)) == [("x", {"bipartite": 0}), ("y", {"bipartite": 0})]
    assert P.number_of_edges() == 0


@pytest.mark.parametrize("enabled", [True, False])
def test_garbage_collector_left_as_it_was(tables, enabled):
    G = bipartite_graph(tables["assignments"], tables["measures"], tables["agencies"])
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        project_agencies(G)
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_graph_that_is_not_two_mode_is_refused():
    G = nx.Graph()
    G.add_nodes_from(["a", "b"], bipartite=0)
    G.add_nodes_from(["m", "n"], bipartite=1)
    G.add_edges_from([("a", "m"), ("b", "m")])
    rows, cols = graph.graph_sides(G)
    assert graph._graph_edges(G, rows, cols) is not None
    for u, v in (("a", "b"), ("m", "n"), ("a", "a"), ("m", "m")):
        H = G.copy()
        H.add_edge(u, v)
        assert graph._graph_edges(H, rows, cols) is None
        with pytest.raises(ValueError, match="same side"):
            project_agencies(H)


@pytest.mark.parametrize(
    "values,dtype",
    [
        ([" b", None, "a", "b", "", "a "], object),
        ([" b", None, "a", "b", "", "a "], "str"),
        (["b", "a", "é", "Z", "中", "\u3000x", "x\x1c", "b"], "str"),
        (["b", "a", "é", "Z", "中", "b"], "str"),
        (["b", "a", "é", "Z", "中", "b"], object),
        ([], "str"),
        (["a\ud800", "b", "a"], object),  # a lone surrogate: not UTF-8, sorted in Python
        ([3, 1.5, "x", None], object),
        ([2, 1, 2], "int64"),
    ],
)
def test_key_codes_equal_text_codes(values, dtype):
    s = pd.Series(values, dtype=dtype)
    got, want = graph._key_codes(s), text_codes(s)
    assert got[0].tolist() == want[0].tolist()
    assert got[1].tolist() == want[1].tolist() and got[1].dtype == want[1].dtype


def test_spaces_are_those_str_strip_removes():
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
    assert everything == graph._SPACES


@pytest.mark.parametrize("space", list(graph._SPACES))
def test_key_codes_strip_every_space(space):
    s = pd.Series([f"{space}b", "a", f"c{space}", "b"], dtype="str")
    assert graph._key_codes(s)[0].tolist() == text_codes(s)[0].tolist() == [1, 0, 2, 1]


@pytest.mark.parametrize(
    "values",
    [
        ["b", "a", "é", "Z", "中", "b"],
        [" b", None, "a", "b", "", "a "],
    ],
)
def test_key_codes_without_pyarrow(monkeypatch, values):
    # pyarrow is an optional extra: `pip install agencygraph` must project without it.
    for name in ("pyarrow", "pyarrow.compute"):
        monkeypatch.setitem(sys.modules, name, None)  # makes `import pyarrow` fail
    s = pd.Series(values, dtype=object)
    got, want = graph._key_codes(s), text_codes(s)
    assert got[0].tolist() == want[0].tolist()
    assert got[1].tolist() == want[1].tolist()
