"""Tests of agencygraph.metrics against published values and hand counts."""

from __future__ import annotations

from itertools import combinations, permutations, product

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from networkx.algorithms import bipartite

from agencygraph.graph import bipartite_graph, lead_support_network, project_agencies
from agencygraph.metrics import (
    NETWORK_INDICES,
    NULL_INVARIANT,
    STATISTICS,
    _index_stack,
    agency_centrality,
    brokerage_by_system,
    brokerage_roles,
    brokerage_table,
    communities,
    network_indices,
    network_indices_with_null,
    nodf,
    null_model_zscores,
    overlap,
    role_matrices,
    two_mode_centrality,
)
from agencygraph.metrics.nulls import _curveball, _curveball_samples, _shuffle_roles

# --------------------------------------------------------------------------- two-mode centrality

# Values asserted by networkx's own tests for the Davis Southern Women graph
# (networkx/algorithms/bipartite/tests/test_centrality.py, networkx 3.6.1), which
# reproduce Borgatti & Halgin's two-mode normalisation; tolerance abs=1e-2 as there.
DAVIS_DEGREE = {
    "E8": 0.78, "E9": 0.67, "E7": 0.56, "Nora Fayette": 0.57, "Evelyn Jefferson": 0.57,
    "Theresa Anderson": 0.57, "E6": 0.44, "Sylvia Avondale": 0.50, "Laura Mandeville": 0.50,
    "Brenda Rogers": 0.50, "Katherina Rogers": 0.43, "E5": 0.44, "Helen Lloyd": 0.36,
    "E3": 0.33, "Ruth DeSand": 0.29, "Verne Sanderson": 0.29, "E12": 0.33, "Myra Liddel": 0.29,
    "E11": 0.22, "Eleanor Nye": 0.29, "Frances Anderson": 0.29, "Pearl Oglethorpe": 0.21,
    "E4": 0.22, "Charlotte McDowd": 0.29, "E10": 0.28, "Olivia Carleton": 0.14,
    "Flora Price": 0.14, "E2": 0.17, "E1": 0.17, "Dorothy Murchison": 0.14, "E13": 0.17,
    "E14": 0.17,
}  # fmt: skip
DAVIS_BETWEENNESS = {
    "E8": 0.24, "E9": 0.23, "E7": 0.13, "Nora Fayette": 0.11, "Evelyn Jefferson": 0.10,
    "Theresa Anderson": 0.09, "E6": 0.07, "Sylvia Avondale": 0.07, "Laura Mandeville": 0.05,
    "Brenda Rogers": 0.05, "Katherina Rogers": 0.05, "E5": 0.04, "Helen Lloyd": 0.04,
    "E3": 0.02, "Ruth DeSand": 0.02, "Verne Sanderson": 0.02, "E12": 0.02, "Myra Liddel": 0.02,
    "E11": 0.02, "Eleanor Nye": 0.01, "Frances Anderson": 0.01, "Pearl Oglethorpe": 0.01,
    "E4": 0.01, "Charlotte McDowd": 0.01, "E10": 0.01, "Olivia Carleton": 0.01,
    "Flora Price": 0.01, "E2": 0.00, "E1": 0.00, "Dorothy Murchison": 0.00, "E13": 0.00,
    "E14": 0.00,
}  # fmt: skip
DAVIS_CLOSENESS = {
    "E8": 0.85, "E9": 0.79, "E7": 0.73, "Nora Fayette": 0.80, "Evelyn Jefferson": 0.80,
    "Theresa Anderson": 0.80, "E6": 0.69, "Sylvia Avondale": 0.77, "Laura Mandeville": 0.73,
    "Brenda Rogers": 0.73, "Katherina Rogers": 0.73, "E5": 0.59, "Helen Lloyd": 0.73,
    "E3": 0.56, "Ruth DeSand": 0.71, "Verne Sanderson": 0.71, "E12": 0.56, "Myra Liddel": 0.69,
    "E11": 0.54, "Eleanor Nye": 0.67, "Frances Anderson": 0.67, "Pearl Oglethorpe": 0.67,
    "E4": 0.54, "Charlotte McDowd": 0.60, "E10": 0.55, "Olivia Carleton": 0.59,
    "Flora Price": 0.59, "E2": 0.52, "E1": 0.52, "Dorothy Murchison": 0.65, "E13": 0.52,
    "E14": 0.52,
}  # fmt: skip


@pytest.mark.parametrize(
    ("column", "answer"),
    [
        ("degree", DAVIS_DEGREE),
        ("closeness", DAVIS_CLOSENESS),
        ("betweenness", DAVIS_BETWEENNESS),
    ],
)
def test_davis_two_mode_centrality_published_values(column, answer):
    c = two_mode_centrality(nx.davis_southern_women_graph())
    assert list(c.columns) == ["degree", "closeness", "betweenness", "betweenness_method"]
    assert set(c["betweenness_method"]) == {"exact"}
    assert len(c) == 32
    for node, value in answer.items():
        assert value == pytest.approx(c.loc[node, column], abs=1e-2)


def test_two_mode_centrality_equals_networkx_exactly():
    G = nx.davis_southern_women_graph()
    top = [n for n, b in G.nodes(data="bipartite") if b == 0]
    c = two_mode_centrality(G)
    for column, f in (
        ("degree", bipartite.degree_centrality),
        ("closeness", bipartite.closeness_centrality),
        ("betweenness", bipartite.betweenness_centrality),
    ):
        ref = f(G, top)
        assert c[column].to_dict() == pytest.approx(ref, rel=1e-12)


def test_two_mode_centrality_disconnected_and_degenerate():
    # networkx's own disconnected case: K3,3 plus a separate edge.
    G = nx.complete_bipartite_graph(3, 3)
    G.add_edge(6, 7)
    nx.set_node_attributes(G, {6: 0, 7: 1}, "bipartite")
    top = [0, 1, 2, 6]
    c = two_mode_centrality(G)
    assert c["closeness"].to_dict() == pytest.approx(bipartite.closeness_centrality(G, top))
    assert c["betweenness"].to_dict() == pytest.approx(bipartite.betweenness_centrality(G, top))
    # networkx scales closeness by the component's share of the graph, yet the small
    # component's nodes still score higher (10/7) than K3,3's (50/49): kept as networkx has it.
    assert c.loc[6, "closeness"] == pytest.approx(10 / 7)
    assert c.loc[0, "closeness"] == pytest.approx(50 / 49)

    # A star whose centre is alone on its side: networkx divides by zero for the leaves.
    star = nx.Graph()
    star.add_node("centre", bipartite=0)
    star.add_nodes_from(["m1", "m2", "m3", "isolated"], bipartite=1)
    star.add_edges_from([("centre", "m1"), ("centre", "m2"), ("centre", "m3")])
    c = two_mode_centrality(star)
    # centre: degree 3/4; closeness (4 + 0)/3 · 3/4; betweenness 3 pairs / b_max(1, 4) = 6.
    assert c.loc["centre", ["degree", "closeness", "betweenness"]].tolist() == pytest.approx(
        [0.75, 1.0, 0.5]
    )
    # m1: degree 1/1; closeness (1 + 2·3)/(1 + 2 + 2) · 3/4 = 1.05.
    assert c.loc["m1", ["degree", "closeness"]].tolist() == pytest.approx([1.0, 1.05])
    assert c.loc[["m1", "isolated"], "betweenness"].tolist() == [0.0, 0.0]
    assert c.loc["isolated", ["degree", "closeness", "betweenness"]].tolist() == [0.0] * 3
    assert two_mode_centrality(nx.Graph()).empty

    with pytest.raises(ValueError, match="bipartite"):
        two_mode_centrality(nx.path_graph(3))


def random_two_mode(seed: int, n_plans: int) -> nx.Graph:
    """Several random two-mode plans in one graph (one or more components each)."""
    rng = np.random.default_rng(seed)
    G = nx.Graph()
    for p in range(n_plans):
        k, m = rng.integers(2, 9), rng.integers(2, 12)
        G.add_nodes_from((f"a{p}-{i}" for i in range(k)), bipartite=0)
        G.add_nodes_from((f"m{p}-{j}" for j in range(m)), bipartite=1)
        for i in range(k):
            for j in range(m):
                if rng.random() < 0.3:
                    G.add_edge(f"a{p}-{i}", f"m{p}-{j}")
    return G


@pytest.mark.parametrize("seed", range(6))
def test_two_mode_centrality_per_component_equals_networkx(seed):
    G = random_two_mode(seed, n_plans=4)
    top = [v for v, b in G.nodes(data="bipartite") if b == 0]
    c = two_mode_centrality(G)
    assert c["closeness"].to_dict() == pytest.approx(bipartite.closeness_centrality(G, top))
    assert c["betweenness"].to_dict() == pytest.approx(
        bipartite.betweenness_centrality(G, top), rel=1e-12, abs=1e-15
    )
    only_top = two_mode_centrality(G, nodes=top)
    pd.testing.assert_frame_equal(only_top, c.loc[sorted(top)])


def test_two_mode_centrality_samples_large_components_and_says_so():
    G = nx.davis_southern_women_graph()
    exact = two_mode_centrality(G)
    sampled = two_mode_centrality(G, exact_nodes=10, pivots=16, seed=3)
    assert set(sampled["betweenness_method"]) == {"sampled"}
    pd.testing.assert_frame_equal(
        sampled, two_mode_centrality(G, exact_nodes=10, pivots=16, seed=3)
    )
    # closeness and degree stay exact; betweenness is an unbiased estimate (16 of 32 pivots).
    pd.testing.assert_series_equal(sampled["closeness"], exact["closeness"])
    assert sampled["betweenness"].corr(exact["betweenness"]) > 0.9
    every = two_mode_centrality(G, exact_nodes=10, pivots=32)  # all sources: exact values
    assert every["betweenness"].to_numpy() == pytest.approx(exact["betweenness"].to_numpy())


# --------------------------------------------------------------------------- agency table


def test_agency_centrality_table(tables):
    G = bipartite_graph(tables["assignments"], tables["measures"], tables["agencies"])
    t = agency_centrality(G)
    agencies = sorted(n for n, b in G.nodes(data="bipartite") if b == 0)
    assert list(t.index) == agencies
    assert list(t.columns) == [
        "name_zh", "name_en", "agency_type", "system", "place", "degree", "closeness",
        "betweenness", "betweenness_method", "eigenvector", "pagerank", "n_lead", "n_support",
        "lead_role_share", "strength", "component", "collective", "degree_rel", "degree_pct",
        "betweenness_pct", "eigenvector_pct", "pagerank_pct",
    ]  # fmt: skip
    assert t.loc["haimen:union", ["n_lead", "n_support", "lead_role_share"]].tolist() == [
        1,
        3,
        0.25,
    ]
    assert t.loc["haimen:hrss", ["n_lead", "n_support", "lead_role_share"]].tolist() == [2, 2, 0.5]
    assert t.loc["cixi:org", ["n_lead", "n_support", "lead_role_share"]].tolist() == [3, 0, 1.0]
    assert t.loc["cixi:org", "name_zh"] == "市委组织部"
    # two-mode degree: haimen:union is on 4 of the 8 measures of the two-document graph.
    assert t.loc["haimen:union", "degree"] == 0.5

    P = project_agencies(G, method="newman")
    # Two plans, two components: networkx's one power iteration gives ~0 to the
    # smaller one; the table has each component's own eigenvector, scaled by
    # sqrt(n_c / n) so that the column has unit norm.
    parts = [c for c in nx.connected_components(P) if len(c) > 1]
    assert len(parts) == 2
    n = sum(len(c) for c in parts)
    eig = {}
    for c in parts:
        own = nx.eigenvector_centrality(P.subgraph(c), weight="weight", tol=1e-12, max_iter=10_000)
        eig |= {v: x * np.sqrt(len(c) / n) for v, x in own.items()}
    eig |= {v: 0.0 for v in P if v not in eig}
    whole = nx.eigenvector_centrality(P, weight="weight", tol=1e-12, max_iter=10_000)
    assert min(whole["cixi:org"], whole["haimen:hrss"]) < 1e-6  # the bug, in networkx's value
    pr = nx.pagerank(P, weight="weight")
    assert t["eigenvector"].to_dict() == pytest.approx(eig, abs=1e-7)
    assert np.linalg.norm(t["eigenvector"]) == pytest.approx(1.0)
    assert t.groupby("place")["eigenvector_pct"].max().tolist() == [1.0, 1.0]
    assert t.groupby("place")["degree_rel"].mean().tolist() == pytest.approx([1.0, 1.0])
    assert sorted(set(t["component"])) == [0, 1]
    assert t["pagerank"].to_dict() == pytest.approx(pr, abs=1e-9)
    assert t["pagerank"].sum() == pytest.approx(1.0)

    shuffled = tables["assignments"].sample(frac=1.0, random_state=5)
    G2 = bipartite_graph(shuffled, tables["measures"], tables["agencies"])
    pd.testing.assert_frame_equal(agency_centrality(G2), t)


def test_agency_centrality_without_roles():
    t = agency_centrality(nx.davis_southern_women_graph(), projection="count")
    assert t["n_lead"].isna().all()
    assert len(t) == 18


# --------------------------------------------------------------------------- brokerage


def brokerage_example() -> tuple[nx.DiGraph, dict[str, str]]:
    D = nx.DiGraph(
        [("a1", "a2"), ("a2", "a3"), ("a3", "a2"), ("a2", "b1"),
         ("b1", "b2"), ("b1", "c1"), ("b1", "a1")]
    )  # fmt: skip
    groups = {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B", "c1": "C"}
    return D, groups


def test_brokerage_hand_counts():
    # Hand count of every two-path a → b → c (a ≠ c, no a → c tie):
    #   b1 → a1 → a2 (B, A, A) gatekeeper of a1
    #   a1 → a2 → a3 (A, A, A) coordinator of a2; a3 → a2 → a3 has a = c: not a path
    #   a1 → a2 → b1, a3 → a2 → b1 (A, A, B) representative of a2, twice
    #   a2 → b1 → b2 (A, B, B) gatekeeper, a2 → b1 → c1 (A, B, C) liaison,
    #   a2 → b1 → a1 (A, B, A) consultant of b1 (the reverse tie a1 → a2 does not count)
    D, groups = brokerage_example()
    t = brokerage_roles(D, groups)
    roles = ["coordinator", "gatekeeper", "representative", "consultant", "liaison", "total"]
    assert list(t.index) == ["a1", "a2", "a3", "b1", "b2", "c1"]
    moments = [f"{r}_{s}" for r in roles for s in ("exp", "sd", "z")]
    assert t.columns.tolist() == ["group", *roles, "unclassified", *moments]
    expected = pd.DataFrame(
        [
            [0, 1, 0, 0, 0, 1],
            [1, 0, 2, 0, 0, 3],
            [0, 0, 0, 0, 0, 0],
            [0, 1, 0, 1, 1, 3],
            [0, 0, 0, 0, 0, 0],
            [0, 0, 0, 0, 0, 0],
        ],
        index=pd.Index(["a1", "a2", "a3", "b1", "b2", "c1"], name="agency", dtype=object),
        columns=roles,
    )
    pd.testing.assert_frame_equal(t[roles], expected, check_dtype=False)


def test_brokerage_direct_tie_excludes_path():
    D, groups = brokerage_example()
    D.add_edge("a2", "b2")
    t = brokerage_roles(D, groups)
    assert t.loc["b1", "gatekeeper"] == 0  # a2 → b1 → b2 is now closed by a2 → b2
    assert t.loc["a2", "representative"] == 4  # plus a1 → a2 → b2 and a3 → a2 → b2


def test_brokerage_missing_group_is_unclassified():
    D, groups = brokerage_example()
    del groups["c1"]
    t = brokerage_roles(D, groups)
    assert t.loc["b1", "liaison"] == 0
    assert t.loc["b1", "unclassified"] == 1
    assert t.loc["c1", "group"] == ""


def test_brokerage_on_lead_support_network(tables):
    G = bipartite_graph(tables["assignments"], None, tables["agencies"], docs="haimen")
    D = lead_support_network(G)
    t = brokerage_roles(D)  # groups: the system attribute
    # hrss (government) passes party leads on to finance/science (government): gatekeeper;
    # union (mass_org) passes party leads on to government units: liaison.
    # hrss: 宣传部 → hrss → finance, science and 组织部 → hrss → science (组织部 → finance
    # is direct); union: 宣传部 → union → science, finance and 组织部 → union → science.
    assert t.loc["haimen:hrss", ["gatekeeper", "total"]].tolist() == [3, 3]
    assert t.loc["haimen:union", ["liaison", "total"]].tolist() == [3, 3]
    assert t["total"].sum() == 6


# --------------------------------------------------------------------------- overlap and indices


def test_overlap_table(tables):
    t = overlap(tables["assignments"], docs="haimen")
    assert list(t.columns) == [
        "source", "target", "n_shared", "n_source", "n_target", "jaccard", "overlap",
    ]  # fmt: skip
    assert len(t) == 11  # of 15 pairs, 4 share nothing
    row = t[(t["source"] == "haimen:finance") & (t["target"] == "haimen:union")].iloc[0]
    assert (row["n_shared"], row["n_source"], row["n_target"]) == (3, 3, 4)
    assert row["jaccard"] == 0.75 and row["overlap"] == 1.0
    ref = bipartite.overlap_weighted_projected_graph(
        bipartite_graph(tables["assignments"], None, docs="haimen"),
        [f"haimen:{a}" for a in ("finance", "hrss", "org", "propaganda", "science", "union")],
    )
    ours = {(s, t_): j for s, t_, j in zip(t["source"], t["target"], t["jaccard"], strict=True)}
    assert ours == pytest.approx({tuple(sorted((u, v))): w for u, v, w in ref.edges(data="weight")})


def test_network_indices_by_hand(tables):
    t = network_indices(tables["assignments"])
    assert list(t["doc_id"]) == ["cixi", "haimen"]
    cixi, haimen = t.iloc[0], t.iloc[1]
    assert (cixi["n_agencies"], cixi["n_measures"], cixi["n_edges"], cixi["n_leads"]) == (
        7,
        4,
        11,
        4,
    )
    assert cixi["density"] == pytest.approx(11 / 28)
    assert cixi["mean_agency_degree"] == pytest.approx(11 / 7)
    assert cixi["lead_top_share"] == pytest.approx(3 / 4)  # 市委组织部 leads 3 of 4
    assert cixi["lead_hhi"] == pytest.approx((9 + 1) / 16)
    assert cixi["n_components"] == 1
    assert cixi["skipped_unresolved"] == 1
    assert haimen["density"] == pytest.approx(14 / 24)
    assert haimen["lead_top_share"] == pytest.approx(2 / 5)
    assert haimen["lead_hhi"] == pytest.approx(7 / 25)
    assert haimen["mean_shared"] == pytest.approx(18 / 15)
    assert haimen["projection_density"] == pytest.approx(11 / 15)
    assert haimen["mean_jaccard"] == pytest.approx((6 * 0.25 + 1 + 2 * 0.75 + 2 / 3) / 15)

    with_isolates = network_indices(tables["assignments"], measures=tables["measures"])
    assert with_isolates.loc[0, "n_measures"] == 5  # cixi-05 has no assignment
    assert with_isolates.loc[0, "n_components"] == 2
    leads_only = network_indices(tables["assignments"], roles=("lead",), inherited=False)
    assert leads_only.loc[0, "lead_hhi"] == pytest.approx((4 + 1) / 9)


def test_tables_are_deterministic(tables):
    shuffled = tables["assignments"].sample(frac=1.0, random_state=7).reset_index(drop=True)
    pd.testing.assert_frame_equal(network_indices(tables["assignments"]), network_indices(shuffled))
    pd.testing.assert_frame_equal(overlap(tables["assignments"]), overlap(shuffled))
    pd.testing.assert_frame_equal(
        null_model_zscores(tables["assignments"], "mean_jaccard", n=50, seed=2),
        null_model_zscores(shuffled, "mean_jaccard", n=50, seed=2),
    )


# --------------------------------------------------------------------------- null models


def test_curveball_preserves_degrees_and_role_mix():
    rng = np.random.default_rng(0)
    R = np.where(rng.random((12, 30)) < 0.3, rng.integers(1, 3, (12, 30)), 0).astype(np.int8)
    out = _curveball(R.copy(), rng=np.random.default_rng(1), n_trades=500)
    assert ((out != 0).sum(axis=1) == (R != 0).sum(axis=1)).all()
    assert ((out != 0).sum(axis=0) == (R != 0).sum(axis=0)).all()
    assert ((out == 2).sum(axis=0) == (R == 2).sum(axis=0)).all()
    assert (out != R).any()


def test_curveball_is_uniform_on_a_small_space():
    # 3 × 3 with all margins 1: the six permutation matrices, equally likely.
    R = np.eye(3, dtype=np.int8)
    rng = np.random.default_rng(4)
    counts: dict[tuple, int] = {}
    state = R.copy()
    for _ in range(3000):
        state = _curveball(state, rng=rng, n_trades=6)
        key = tuple(state.argmax(axis=1))
        counts[key] = counts.get(key, 0) + 1
    assert set(counts) == set(permutations(range(3)))
    expected = 500
    assert all(abs(c - expected) < 5 * np.sqrt(expected) for c in counts.values())


def test_role_shuffle_keeps_incidence_and_column_roles():
    R = np.array([[2, 1, 0, 2], [1, 2, 1, 0], [1, 0, 2, 1]], dtype=np.int8)
    out = _shuffle_roles(R, rng=np.random.default_rng(0))
    assert ((out != 0) == (R != 0)).all()
    assert ((out == 2).sum(axis=0) == (R == 2).sum(axis=0)).all()


def test_null_model_reproducible_and_shaped(tables):
    a = tables["assignments"]
    t1 = null_model_zscores(a, ["mean_jaccard", "density"], n=100, seed=9)
    t2 = null_model_zscores(a, ["mean_jaccard", "density"], n=100, seed=9)
    pd.testing.assert_frame_equal(t1, t2)
    t3 = null_model_zscores(a, ["mean_jaccard", "density"], n=100, seed=10)
    assert not t1["null_mean"].equals(t3["null_mean"])
    assert list(t1.columns) == [
        "doc_id", "statistic", "null", "observed", "null_mean", "null_sd", "z",
        "p_greater", "p_less", "n_samples", "ratio", "relative_effect", "ess", "mcse_mean",
        "mcse_z", "mcse_p",
    ]  # fmt: skip
    density = t1[t1["statistic"] == "density"]
    assert (density["null_sd"] == 0).all() and density["z"].isna().all()
    assert (t1["p_greater"] > 0).all() and (t1["p_greater"] <= 1).all()
    # A document's result does not depend on the other documents selected.
    alone = null_model_zscores(a, ["mean_jaccard", "density"], n=100, seed=9, docs="haimen")
    pd.testing.assert_frame_equal(alone, t1[t1["doc_id"] == "haimen"].reset_index(drop=True))


def test_role_null_matches_exact_expectation(tables):
    # The role shuffle draws each measure's leads uniformly among its agencies, independently
    # across measures: in haimen 3 · 4 · 3 · C(4, 2) = 216 equally likely role matrices.
    R, _, _ = role_matrices(tables["assignments"], docs="haimen")["haimen"]
    columns = []
    for k in range(R.shape[1]):
        members = np.flatnonzero(R[:, k])
        n_leads = int((R[:, k] == 2).sum())
        columns.append([(k, leads) for leads in combinations(members, n_leads)])
    exact = []
    for choice in product(*columns):
        S = np.where(R != 0, 1, 0)
        for k, leads in choice:
            S[list(leads), k] = 2
        exact.append(STATISTICS["lead_hhi"](S))
    assert len(exact) == 216
    t = null_model_zscores(
        tables["assignments"], "lead_hhi", n=2000, seed=1, null="roles", docs="haimen"
    )
    assert t.loc[0, "observed"] == pytest.approx(7 / 25)
    se = np.std(exact) / np.sqrt(2000)
    assert t.loc[0, "null_mean"] == pytest.approx(np.mean(exact), abs=4 * se)
    assert t.loc[0, "null_sd"] == pytest.approx(np.std(exact), rel=0.1)


def test_null_model_custom_statistic_and_errors(tables):
    def n_lead_cells(R: np.ndarray) -> float:
        return float((R == 2).sum())

    t = null_model_zscores(tables["assignments"], n_lead_cells, n=20, seed=1)
    assert set(t["statistic"]) == {"n_lead_cells"}
    assert (t["null_sd"] == 0).all()  # the curveball keeps each measure's leads
    with pytest.raises(ValueError, match="unknown statistic"):
        null_model_zscores(tables["assignments"], "nonsense", n=5)
    with pytest.raises(ValueError, match="null"):
        null_model_zscores(tables["assignments"], "density", n=5, null="erdos")


# --------------------------------------------------------------------------- nestedness (NODF)


def nodf_reference(B: np.ndarray) -> float:
    """NODF by the paper's recipe: sort by decreasing totals, then score each pair i above j."""
    B = np.asarray(B) != 0

    def paired(M: np.ndarray) -> list[float]:
        M = M[np.argsort(-M.sum(axis=1), kind="stable")]
        out = []
        for i in range(len(M)):
            for j in range(i + 1, len(M)):
                di, dj = M[i].sum(), M[j].sum()
                out.append(100 * (M[i] & M[j]).sum() / dj if di > dj and dj > 0 else 0.0)
        return out

    values = paired(B) + paired(B.T)
    return float(np.mean(values))


def test_nodf_hand_example():
    B = np.array([[1, 1, 1, 0], [1, 1, 0, 0], [0, 1, 0, 1]])
    # rows (degrees 3, 2, 2): 100 · 2/2 + 100 · 1/2 + 0 (equal degrees) = 150;
    # columns (degrees 2, 3, 1, 1): 100 + 100 + 0 + 100 + 100 + 0 (equal) = 400; 3 + 6 pairs.
    assert nodf(B) == pytest.approx(550 / 9)
    assert nodf(B[::-1, [2, 0, 3, 1]]) == pytest.approx(550 / 9)  # order does not matter
    assert nodf(pd.DataFrame(B)) == pytest.approx(550 / 9)


def test_nodf_extremes_and_reference():
    assert nodf(np.tril(np.ones((5, 5)))) == 100.0  # staircase: perfectly nested
    checkerboard = np.indices((6, 6)).sum(axis=0) % 2
    assert nodf(checkerboard) == 0.0
    assert nodf(np.eye(4)) == 0.0  # all degrees equal
    assert np.isnan(nodf(np.ones((1, 1))))
    rng = np.random.default_rng(3)
    for _ in range(20):
        B = (rng.random((rng.integers(2, 9), rng.integers(2, 9))) < 0.4).astype(int)
        assert nodf(B) == pytest.approx(nodf_reference(B))


# --------------------------------------------------------------------------- extended indices


def test_network_indices_new_columns_by_hand(tables):
    t = network_indices(tables["assignments"], agencies=tables["agencies"]).set_index("doc_id")
    cixi, haimen = t.loc["cixi"], t.loc["haimen"]
    assert list(t.columns[:4]) == ["n_agencies", "n_measures", "n_edges", "n_leads"]
    assert list(t.columns[4:-4]) == list(NETWORK_INDICES)
    assert list(t.columns[-4:]) == [
        "skipped_unresolved", "modularity_min", "modularity_max", "modularity_seeds",
    ]  # fmt: skip
    # haimen leads per agency: propaganda 1, org 1, hrss 2, union 1, finance 0, science 0.
    assert haimen["mean_units_per_measure"] == pytest.approx(14 / 4)
    assert haimen["lead_gini"] == pytest.approx(26 / 60)  # Σ|xi − xj| = 26, 2 · 36 · 5/6 = 60
    assert haimen["party_lead_share"] == pytest.approx(2 / 4)  # propaganda, org lead 01, 02
    assert haimen["union_lead_share"] == pytest.approx(1 / 4)  # haimen-04
    assert haimen["multi_lead_share"] == pytest.approx(1 / 4)  # haimen-04: hrss and union
    # cixi: org leads 01, 02, 04 and union 03, over 7 agencies: Gini 2 · 27/28 − 8/7.
    assert cixi["lead_gini"] == pytest.approx(54 / 28 - 8 / 7)
    assert cixi["party_lead_share"] == pytest.approx(3 / 4)
    assert cixi["union_lead_share"] == pytest.approx(1 / 4)
    assert cixi["multi_lead_share"] == 0.0
    R, _, _ = role_matrices(tables["assignments"], docs="haimen")["haimen"]
    assert haimen["nodf"] == pytest.approx(nodf_reference(R))
    assert haimen["n_communities"] >= 1 and 0 <= haimen["modularity"] < 1
    # Without a system for the agencies the party share is unknown, not 0.
    assert network_indices(tables["assignments"])["party_lead_share"].isna().all()


def test_modularity_of_two_blocks():
    # Two pairs of agencies, each pair sharing its own two measures: two edges of weight 2,
    # two communities, Q = 2 · (1/2 − (1/2)²) = 1/2.
    a = pd.DataFrame(
        {
            "doc_id": "d",
            "measure_id": ["m1", "m1", "m2", "m2", "m3", "m3", "m4", "m4"],
            "role": ["lead", "support"] * 4,
            "agency_id": ["d:a", "d:b", "d:a", "d:b", "d:c", "d:e", "d:c", "d:e"],
            "agency_type": ["x", "y", "x", "y", "union", "z", "union", "z"],
            "inherited": False,
            "line": 1,
        }
    )
    t = network_indices(a, seed=1).iloc[0]
    assert t["modularity"] == pytest.approx(0.5)
    assert t["n_communities"] == 2
    assert t["n_components"] == 2
    # One block sharing only one measure: weights 2 and 1, Q = (2/3 − 4/9) + (1/3 − 1/9) = 4/9.
    t = network_indices(a[a["measure_id"] != "m4"], seed=1).iloc[0]
    assert t["modularity"] == pytest.approx(4 / 9)


def test_batched_indices_match_single_matrix_statistics():
    rng = np.random.default_rng(11)
    for _ in range(10):
        k, m = rng.integers(2, 8), rng.integers(2, 8)
        R = np.where(rng.random((k, m)) < 0.4, rng.integers(1, 3, (k, m)), 0).astype(np.int8)
        got = _index_stack(
            R[None], party=None, union=np.zeros(k, bool), projection="newman", seeds=[0]
        )
        for name, f in STATISTICS.items():
            want = f(R)
            assert got[name][0] == pytest.approx(want, nan_ok=True), name


# --------------------------------------------------------------------------- null of the indices


def test_curveball_samples_keep_degrees_and_column_roles():
    rng = np.random.default_rng(0)
    R = np.where(rng.random((9, 14)) < 0.35, rng.integers(1, 3, (9, 14)), 0).astype(np.int8)
    stacks = list(
        _curveball_samples(R, 25, rng=np.random.default_rng(1), burn_in=5, thin=2, n_chains=10)
    )
    assert [len(s) for s in stacks] == [10, 10, 5]
    samples = np.concatenate(stacks)
    assert ((samples != 0).sum(axis=2) == (R != 0).sum(axis=1)).all()
    assert ((samples != 0).sum(axis=1) == (R != 0).sum(axis=0)).all()
    assert ((samples == 2).sum(axis=1) == (R == 2).sum(axis=0)).all()
    assert ((samples == 1).sum(axis=1) == (R == 1).sum(axis=0)).all()
    assert (samples != R).any(axis=(1, 2)).all()


def test_curveball_samples_uniform_on_a_small_space():
    # 3 × 3 with all margins 1: the six permutation matrices, equally likely.
    samples = np.concatenate(
        list(
            _curveball_samples(
                np.eye(3, dtype=np.int8), 3000, rng=np.random.default_rng(4), burn_in=10, thin=3
            )
        )
    )
    keys, counts = np.unique(samples.argmax(axis=2), axis=0, return_counts=True)
    assert {tuple(k) for k in keys} == set(permutations(range(3)))
    assert all(abs(c - 500) < 5 * np.sqrt(500) for c in counts)


def test_network_indices_with_null(tables):
    a, agencies = tables["assignments"], tables["agencies"]
    t = network_indices_with_null(a, agencies=agencies, n=200, seed=5)
    assert list(t.columns) == [
        "doc_id", "index", "observed", "null_mean", "null_sd", "z", "p_value",
        "p_greater", "p_less", "n_samples", "method", "null", "moments", "ratio",
        "relative_effect", "ess", "mcse_mean", "mcse_z", "mcse_p",
    ]  # fmt: skip
    assert set(t["method"]) == {"full"}
    assert list(t["doc_id"]) == ["cixi"] * len(NETWORK_INDICES) + ["haimen"] * len(NETWORK_INDICES)
    assert list(t["index"]) == list(NETWORK_INDICES) * 2
    # The observed values are those of network_indices (same seed for Louvain).
    wide = network_indices(a, agencies=agencies, seed=5).set_index("doc_id")
    for doc, name, value in zip(t["doc_id"], t["index"], t["observed"], strict=True):
        assert value == pytest.approx(float(wide.loc[doc, name]), nan_ok=True)
    invariant = t[t["index"].isin(NULL_INVARIANT)]
    assert (invariant["null_sd"] == 0).all() and invariant["z"].isna().all()
    assert (invariant["p_value"] == 1).all()
    assert ((t["p_value"] > 0) & (t["p_value"] <= 1)).all()
    # haimen's lead concentration varies under the null (leads move with their measure).
    hhi = t[(t["doc_id"] == "haimen") & (t["index"] == "lead_hhi")].iloc[0]
    assert hhi["null_sd"] > 0 and np.isfinite(hhi["z"])
    assert hhi["p_value"] == pytest.approx(min(1, 2 * min(hhi["p_greater"], hhi["p_less"])))

    again = network_indices_with_null(a, agencies=agencies, n=200, seed=5)
    pd.testing.assert_frame_equal(t, again)
    shuffled = a.sample(frac=1.0, random_state=3)
    pd.testing.assert_frame_equal(
        t, network_indices_with_null(shuffled, agencies=agencies, n=200, seed=5)
    )
    other = network_indices_with_null(a, agencies=agencies, n=200, seed=6)
    assert not t["null_mean"].equals(other["null_mean"])
    alone = network_indices_with_null(a, agencies=agencies, n=200, seed=5, docs="haimen")
    pd.testing.assert_frame_equal(alone, t[t["doc_id"] == "haimen"].reset_index(drop=True))
    with pytest.raises(ValueError, match="projection"):
        network_indices_with_null(a, n=5, projection="hyper")


def test_null_of_union_lead_share_is_exact_on_a_small_plan():
    # Three agencies on three measures, one each: the null is uniform on the six permutation
    # matrices, and m1's lead travels with m1, so the union leads with probability 1/3.
    a = pd.DataFrame(
        {
            "doc_id": "d",
            "measure_id": ["m1", "m2", "m3"],
            "role": ["lead", "support", "support"],
            "agency_id": ["d:a", "d:b", "d:c"],
            "agency_type": ["union", "y", "z"],
            "inherited": False,
            "line": 1,
        }
    )
    t = network_indices_with_null(a, n=3000, seed=2, lead_null="curveball").set_index("index")
    union = t.loc["union_lead_share"]
    assert union["observed"] == 1.0
    assert union["null_mean"] == pytest.approx(1 / 3, abs=0.04)
    assert union["null_sd"] == pytest.approx(np.sqrt(2 / 9), abs=0.03)
    assert union["p_greater"] == pytest.approx(1 / 3, abs=0.04)
    assert t.loc["lead_hhi", "null_sd"] == 0.0  # one lead: always all of it
    assert t.loc["nodf", "observed"] == 0.0 and t.loc["nodf", "null_sd"] == 0.0


# --------------------------------------------------------------------------- brokerage by system


def test_brokerage_by_system_hand_counts(tables):
    t = brokerage_by_system(tables["assignments"], tables["agencies"], docs="haimen")
    assert list(t.columns) == [
        "doc_id", "system", "n_agencies", "coordinator", "gatekeeper", "representative",
        "consultant", "liaison", "total", "unclassified",
    ]  # fmt: skip
    row = t.set_index("system")
    # As in test_brokerage_on_lead_support_network: hrss is gatekeeper 3 times, union liaison 3.
    assert list(row.index) == ["government", "mass_org", "party"]
    assert row.loc["government", ["n_agencies", "gatekeeper", "total"]].tolist() == [3, 3, 3]
    assert row.loc["mass_org", ["n_agencies", "liaison", "total"]].tolist() == [1, 3, 3]
    assert row.loc["party", ["n_agencies", "total"]].tolist() == [2, 0]
    per_agency = brokerage_table(tables["assignments"], tables["agencies"])
    assert list(per_agency["doc_id"].unique()) == ["cixi", "haimen"]
    assert per_agency.loc[per_agency["agency"] == "haimen:hrss", "gatekeeper"].item() == 3
    keys = list(zip(per_agency["doc_id"], per_agency["agency"], strict=True))
    assert keys == sorted(keys)
    # 市产改办 has no system: its brokered pairs would be unclassified, never dropped.
    assert per_agency.loc[per_agency["agency"] == "cixi:市产改办", "system"].item() == ""


def test_communities_are_the_partition_behind_the_reported_modularity(coded):
    parts = communities(coded.assignments)
    indices = network_indices(coded.assignments).set_index("doc_id")
    for doc, members in parts.groupby("doc_id"):
        assert members.community.nunique() == indices.loc[doc, "n_communities"]
        P = project_agencies(coded.assignments, method="newman", docs=doc)
        groups = [set(g.agency_id) for _, g in members.groupby("community")]
        q = nx.community.modularity(P, groups, weight="weight")
        assert q == pytest.approx(indices.loc[doc, "modularity"], abs=1e-9)
