"""Tests of agencygraph.graph: the two-mode graph, incidence and projections.

The fixture (tests/data/metrics/) is two hand-coded plans: ``cixi`` (table
layout, one inherited lead/support pair, a unit with an id but no type, a unit
with neither, a measure without assignments) and ``haimen`` (inline layout, a
unit that both leads and supports one measure, two co-leads).
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from networkx.algorithms import bipartite

from agencygraph import settings
from agencygraph.graph import (
    bipartite_graph,
    incidence_matrix,
    lead_support_network,
    project_agencies,
    project_measures,
)


def weights_of(G: nx.Graph) -> dict[frozenset, float]:
    return {frozenset((u, v)): w for u, v, w in G.edges(data="weight")}


# --------------------------------------------------------------------------- the graph


def test_graph_nodes_edges_and_attributes(tables):
    G = bipartite_graph(tables["assignments"], tables["measures"], tables["agencies"])
    agencies = [n for n, b in G.nodes(data="bipartite") if b == 0]
    measures = [n for n, b in G.nodes(data="bipartite") if b == 1]
    assert len(agencies) == 13  # 7 in cixi (incl. 市产改办 without a type), 6 in haimen
    assert len(measures) == 8  # cixi-05 has no assignment
    assert G.number_of_edges() == 25
    assert G.graph["skipped_unresolved"] == 1  # 有关单位, no agency_id

    org = G.nodes["cixi:org"]
    assert org == {
        "bipartite": 0,
        "kind": "agency",
        "name_zh": "市委组织部",
        "name_en": "Cixi CCP Organisation Department",
        "agency_type": "org",
        "type_en": "Party organisation department",
        "system": "party",
        "place": "cixi",
        "collective": False,
    }
    assert G.nodes["cixi:市产改办"]["agency_type"] == ""
    m = G.nodes["haimen-04"]
    assert (m["kind"], m["doc_id"], m["line"], m["section"]) == (
        "measure",
        "haimen",
        54,
        "构建产业工人技能形成体系",
    )
    assert m["text"].startswith("建立劳动技能竞赛机制")

    # 市总工会 both leads and supports haimen-04: one edge, kept as lead.
    e = G.edges["haimen:union", "haimen-04"]
    assert e == {"role": "lead", "inherited": False, "line": 54, "weight": 2.0}
    assert G.edges["cixi:org", "cixi-02"]["inherited"] is True
    assert G.edges["cixi:union", "cixi-02"]["weight"] == settings.ROLE_WEIGHTS["support"]


def test_graph_insertion_is_sorted(tables):
    shuffled = tables["assignments"].sample(frac=1.0, random_state=3)
    G1 = bipartite_graph(tables["assignments"], tables["measures"], tables["agencies"])
    G2 = bipartite_graph(shuffled, tables["measures"].iloc[::-1], tables["agencies"])
    assert list(G1.nodes(data=True)) == list(G2.nodes(data=True))
    assert list(G1.edges(data=True)) == list(G2.edges(data=True))
    agencies = [n for n, b in G1.nodes(data="bipartite") if b == 0]
    assert agencies == sorted(agencies)


@pytest.mark.parametrize(
    ("roles", "inherited", "n_edges", "n_measures", "skipped"),
    [
        (("lead", "support"), True, 25, 8, 1),
        (("lead", "support"), False, 23, 7, 1),  # cixi-02 is all inherited
        (("lead",), True, 9, 8, 0),
        (("support",), True, 17, 8, 1),  # union–haimen-04 is a support edge here
        ("support", False, 16, 7, 1),
    ],
)
def test_role_and_inherited_selection(tables, roles, inherited, n_edges, n_measures, skipped):
    G = bipartite_graph(tables["assignments"], tables["measures"], roles=roles, inherited=inherited)
    measures = [n for n, b in G.nodes(data="bipartite") if b == 1]
    assert G.number_of_edges() == n_edges
    assert len(measures) == n_measures
    assert G.graph["skipped_unresolved"] == skipped
    wanted = {roles} if isinstance(roles, str) else set(roles)
    assert {r for _, _, r in G.edges(data="role")} <= wanted
    if not inherited:
        assert not any(i for _, _, i in G.edges(data="inherited"))


def test_document_selection_and_isolated_measures(tables):
    G = bipartite_graph(tables["assignments"], tables["measures"], docs="cixi")
    assert {d for _, d in G.nodes(data="doc_id") if d} == {"cixi"}
    assert G.number_of_edges() == 11
    G = bipartite_graph(
        tables["assignments"], tables["measures"], docs=["cixi"], isolated_measures=True
    )
    assert G.degree("cixi-05") == 0
    assert G.graph["docs"] == "cixi"


def test_custom_weights(tables):
    G = bipartite_graph(tables["assignments"], None, weights={"lead": 1.0, "support": 0.5})
    assert G.edges["haimen:org", "haimen-02"]["weight"] == 1.0
    assert G.edges["haimen:hrss", "haimen-02"]["weight"] == 0.5
    with pytest.raises(ValueError, match="weights"):
        bipartite_graph(tables["assignments"], None, weights={"lead": 1.0})


def test_type_graph_pools_places(tables):
    G = bipartite_graph(
        tables["assignments"], tables["measures"], tables["agencies"], node="agency_type"
    )
    types = [n for n, b in G.nodes(data="bipartite") if b == 0]
    assert types == sorted(
        [
            "finance",
            "hrss",
            "justice",
            "org",
            "propaganda",
            "science",
            "union",
            "united_front",
            "women",
            "youth",
        ]
    )
    assert G.graph["skipped_unresolved"] == 2  # 市产改办 (no type) and 有关单位
    assert G.nodes["org"]["place"] == "cixi;haimen"
    assert G.nodes["union"]["system"] == "mass_org"
    assert G.nodes["union"]["name_zh"] == "市总工会"
    assert G.degree("union") == 7


def test_unknown_columns_and_values_are_errors(tables):
    with pytest.raises(ValueError, match="role"):
        bipartite_graph(tables["assignments"].drop(columns="role"), None)
    bad = tables["assignments"].copy()
    bad.loc[0, "role"] = "主办"
    with pytest.raises(ValueError, match="lead, support or responsible"):
        bipartite_graph(bad, None)
    with pytest.raises(ValueError, match="roles"):
        bipartite_graph(tables["assignments"], None, roles=("owner",))
    with pytest.raises(ValueError, match="not in measures"):
        bipartite_graph(tables["assignments"], tables["measures"].iloc[:2])


# --------------------------------------------------------------------------- incidence


def test_incidence_matrix(tables):
    B, rows, cols = incidence_matrix(tables["assignments"], weighted=True)
    assert rows == sorted(rows) and cols == sorted(cols)
    assert B.shape == (13, 8)
    assert B[rows.index("haimen:union"), cols.index("haimen-04")] == 2.0
    assert B[rows.index("haimen:union"), cols.index("haimen-03")] == 1.0
    binary, _, _ = incidence_matrix(tables["assignments"])
    assert set(np.unique(binary.data)) == {1.0}
    assert binary.sum() == 25
    _, _, all_cols = incidence_matrix(tables["assignments"], measures=tables["measures"])
    assert "cixi-05" in all_cols
    G = bipartite_graph(tables["assignments"], tables["measures"])
    BG, rows_g, cols_g = incidence_matrix(G, weighted=True)
    assert (rows_g, cols_g) == (rows, cols)
    assert (BG != B).nnz == 0


# --------------------------------------------------------------------------- projections


@pytest.fixture(scope="module")
def random_two_mode() -> tuple[nx.Graph, list, list]:
    G = bipartite.random_graph(40, 90, 0.06, seed=11)
    top = [n for n, b in G.nodes(data="bipartite") if b == 0]
    bottom = [n for n, b in G.nodes(data="bipartite") if b == 1]
    return G, top, bottom


REFERENCE = {
    "count": bipartite.weighted_projected_graph,
    "newman": bipartite.collaboration_weighted_projected_graph,
    "jaccard": lambda B, nodes: bipartite.overlap_weighted_projected_graph(B, nodes, jaccard=True),
    "overlap": lambda B, nodes: bipartite.overlap_weighted_projected_graph(B, nodes, jaccard=False),
}


@pytest.mark.parametrize("method", sorted(REFERENCE))
def test_projections_equal_networkx(random_two_mode, method):
    G, top, bottom = random_two_mode
    for ours, side in (
        (project_agencies(G, method=method), top),
        (project_measures(G, method=method), bottom),
    ):
        ref = REFERENCE[method](G, side)
        assert sorted(ours.nodes()) == sorted(ref.nodes())
        got, want = weights_of(ours), weights_of(ref)
        assert got.keys() == want.keys()
        assert np.allclose([got[k] for k in want], [want[k] for k in want], rtol=1e-12)
        assert ours.number_of_edges() > 50  # the random graph is not trivially sparse


def test_projection_frame_and_node_attributes(tables):
    G = bipartite_graph(tables["assignments"], tables["measures"], tables["agencies"])
    P = project_agencies(G)
    assert P.nodes["haimen:hrss"]["name_zh"] == "市人社局"
    frame = project_agencies(tables["assignments"], as_frame=True)
    assert list(frame.columns) == ["source", "target", "weight"]
    assert (frame["source"] < frame["target"]).all()
    assert frame.equals(frame.sort_values(["source", "target"]).reset_index(drop=True))
    from_graph = {(s, t): w for s, t, w in P.edges(data="weight")}
    from_graph = {tuple(sorted(k)): w for k, w in from_graph.items()}
    assert (
        dict(zip(zip(frame["source"], frame["target"], strict=True), frame["weight"], strict=True))
        == from_graph
    )
    row = frame[(frame["source"] == "haimen:hrss") & (frame["target"] == "haimen:union")]
    assert row["weight"].item() == 4.0  # they share all four haimen measures


def test_lead_support_network_hand_counts(tables):
    D = lead_support_network(tables["assignments"])
    expected = {
        ("cixi:org", "cixi:union"): 2,
        ("cixi:org", "cixi:youth"): 1,
        ("cixi:org", "cixi:women"): 1,
        ("cixi:union", "cixi:justice"): 1,
        ("cixi:org", "cixi:united_front"): 1,
        ("cixi:org", "cixi:市产改办"): 1,
        ("haimen:propaganda", "haimen:union"): 1,
        ("haimen:propaganda", "haimen:hrss"): 1,
        ("haimen:org", "haimen:hrss"): 1,
        ("haimen:org", "haimen:finance"): 1,
        ("haimen:org", "haimen:union"): 1,
        ("haimen:hrss", "haimen:finance"): 2,
        ("haimen:hrss", "haimen:union"): 1,
        ("haimen:hrss", "haimen:science"): 1,
        ("haimen:union", "haimen:science"): 1,
        ("haimen:union", "haimen:finance"): 1,
    }
    assert {(u, v): w for u, v, w in D.edges(data="weight")} == expected
    # haimen-04: union leads, so it does not also support (no self-loop, no hrss → union there).
    assert not any(u == v for u, v in D.edges())
    assert D.number_of_nodes() == 13

    no_inherited = lead_support_network(tables["assignments"], inherited=False)
    assert no_inherited["cixi:org"]["cixi:union"]["weight"] == 1

    G = bipartite_graph(tables["assignments"], tables["measures"], tables["agencies"])
    from_graph = lead_support_network(G)
    assert sorted(from_graph.edges(data="weight")) == sorted(D.edges(data="weight"))
    frame = lead_support_network(tables["assignments"], docs="haimen", as_frame=True)
    assert len(frame) == 10 and frame["weight"].sum() == 11


def test_type_level_lead_support_network(tables):
    D = lead_support_network(tables["assignments"], node="agency_type")
    # org → union: cixi-01, cixi-02 and haimen-02.
    assert D["org"]["union"]["weight"] == 3
