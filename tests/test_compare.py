"""Tests of agencygraph.compare on the two-document hand fixture.

Type × measure incidences of the fixture (lead/support counts per type):

cixi   org 3/0, union 1/2, youth 0/1, women 0/1, justice 0/1, united_front 0/1 (10 ties;
       市产改办 has no type, 有关单位 no id: 2 skipped)
haimen propaganda 1/0, org 1/0, hrss 2/2, union 1/3, finance 0/3, science 0/1 (14 ties)
"""

from __future__ import annotations

import itertools
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from agencygraph.compare import (
    cross_region_comparison,
    cross_region_table,
    lead_switches,
    metric_tables,
    place_overlap,
    similarity_between_places,
    type_by_place,
)
from agencygraph.metrics import NETWORK_INDICES, network_indices_with_null


def test_type_by_place_long(tables):
    t = type_by_place(tables["assignments"], tables["agencies"], tables["documents"])
    assert list(t.columns) == [
        "doc_id", "place_en", "agency_type", "type_en", "system",
        "n_lead", "n_support", "lead_role_share", "degree_share",
    ]  # fmt: skip
    got = {
        (d, a): (lead, sup)
        for d, a, lead, sup in zip(t["doc_id"], t["agency_type"], t["n_lead"], t["n_support"],
                                   strict=True)
    }  # fmt: skip
    assert got == {
        ("cixi", "justice"): (0, 1),
        ("cixi", "org"): (3, 0),
        ("cixi", "union"): (1, 2),
        ("cixi", "united_front"): (0, 1),
        ("cixi", "women"): (0, 1),
        ("cixi", "youth"): (0, 1),
        ("haimen", "finance"): (0, 3),
        ("haimen", "hrss"): (2, 2),
        ("haimen", "org"): (1, 0),
        ("haimen", "propaganda"): (1, 0),
        ("haimen", "science"): (0, 1),
        ("haimen", "union"): (1, 3),
    }
    assert list(zip(t["doc_id"], t["agency_type"], strict=True)) == sorted(got)
    row = t.set_index(["doc_id", "agency_type"])
    assert row.loc[("cixi", "union"), "lead_role_share"] == pytest.approx(1 / 3)
    assert row.loc[("cixi", "org"), "degree_share"] == pytest.approx(3 / 10)
    assert row.loc[("haimen", "hrss"), "degree_share"] == pytest.approx(4 / 14)
    assert row.loc[("haimen", "hrss"), "place_en"] == "Haimen"
    assert row.loc[("haimen", "union"), ["type_en", "system"]].tolist() == [
        "Trade union federation",
        "mass_org",
    ]
    assert t.groupby("doc_id")["degree_share"].sum().tolist() == pytest.approx([1.0, 1.0])
    assert t.attrs["skipped_unresolved"] == {"cixi": 2, "haimen": 0}


def test_type_by_place_wide(tables):
    w = type_by_place(tables["assignments"], tables["agencies"], tables["documents"], wide=True)
    assert w.index.names == ["agency_type", "type_en", "system"]
    assert len(w) == 10
    assert list(w.columns.get_level_values(0).unique()) == ["cixi", "haimen"]
    hrss = w.xs("hrss", level="agency_type").iloc[0]
    assert (hrss[("cixi", "n_lead")], hrss[("cixi", "n_support")]) == (0, 0)
    assert np.isnan(hrss[("cixi", "lead_role_share")])
    assert hrss[("haimen", "lead_role_share")] == 0.5


def test_type_by_place_inherited_and_missing_document(tables):
    t = type_by_place(tables["assignments"], inherited=False)
    org = t[(t["doc_id"] == "cixi") & (t["agency_type"] == "org")].iloc[0]
    assert (org["n_lead"], org["n_support"]) == (2, 0)
    assert (t["place_en"] == "").all()  # no documents table given
    with pytest.raises(ValueError, match="not in documents"):
        type_by_place(tables["assignments"], None, tables["documents"].iloc[:1])


def test_cross_region_degree_share_z_by_hand(tables):
    t = cross_region_table(
        tables["assignments"], tables["agencies"], tables["documents"], n=200, seed=3
    )
    row = t.set_index(["doc_id", "agency_type"])
    # cixi: T = 6 types, measure sizes 4, 2, 2, 2 (E = 10): p = (4/6, 2/6, 2/6, 2/6),
    # variance 4 · 8/36, expected degree 10/6.
    sd = np.sqrt(32 / 36)
    assert row.loc[("cixi", "org"), "degree_share_expected"] == pytest.approx(1 / 6)
    assert row.loc[("cixi", "org"), "degree_share_z"] == pytest.approx((3 - 10 / 6) / sd)
    assert row.loc[("cixi", "youth"), "degree_share_z"] == pytest.approx((1 - 10 / 6) / sd)
    assert row.loc[("cixi", "org"), "degree"] == 3
    assert len(t) == 12


def test_cross_region_lead_share_null(tables):
    t = cross_region_table(
        tables["assignments"], tables["agencies"], tables["documents"], n=3000, seed=3
    )
    row = t.set_index(["doc_id", "agency_type"])
    # Under the role shuffle org leads cixi-01 w.p. 1/4, cixi-02 and cixi-04 w.p. 1/2:
    # E[lead share] = (1/4 + 1/2 + 1/2) / 3, sd = sqrt(3/16 + 1/4 + 1/4) / 3.
    org = row.loc[("cixi", "org")]
    assert org["lead_role_share"] == 1.0
    assert org["lead_role_share_null_mean"] == pytest.approx(1.25 / 3, abs=0.015)
    assert org["lead_role_share_null_sd"] == pytest.approx(np.sqrt(11 / 16) / 3, abs=0.015)
    assert org["lead_role_share_z"] > 2
    # science is only on haimen-04, which has two leads among its four types.
    science = row.loc[("haimen", "science")]
    assert science["lead_role_share"] == 0.0
    assert science["lead_role_share_null_mean"] == pytest.approx(0.5, abs=0.03)


def test_cross_region_reproducible(tables):
    args = (tables["assignments"], tables["agencies"], tables["documents"])
    a = cross_region_table(*args, n=100, seed=8, null="curveball")
    b = cross_region_table(*args, n=100, seed=8, null="curveball")
    pd.testing.assert_frame_equal(a, b)
    shuffled = tables["assignments"].sample(frac=1.0, random_state=1)
    c = cross_region_table(shuffled, tables["agencies"], tables["documents"], n=100, seed=8,
                           null="curveball")  # fmt: skip
    pd.testing.assert_frame_equal(a, c)


def test_similarity_between_places_by_hand(tables):
    t = similarity_between_places(tables["assignments"])
    assert list(t.columns) == [
        "doc_a", "doc_b", "n_shared_types", "jaccard", "cosine", "weighted_jaccard",
    ]  # fmt: skip
    assert len(t) == 1
    r = t.iloc[0]
    assert (r["doc_a"], r["doc_b"], r["n_shared_types"]) == ("cixi", "haimen", 2)
    assert r["jaccard"] == pytest.approx(2 / 10)  # org and union of ten types
    # degree vectors: cixi org 3, union 3, four others 1; haimen org 1, union 4, hrss 4, ...
    assert r["cosine"] == pytest.approx(15 / np.sqrt(22 * 44))
    assert r["weighted_jaccard"] == pytest.approx(4 / 20)
    lead = similarity_between_places(tables["assignments"], profile="lead").iloc[0]
    # lead vectors: cixi org 3, union 1; haimen propaganda 1, org 1, hrss 2, union 1.
    assert lead["cosine"] == pytest.approx(4 / np.sqrt(10 * 7))
    with pytest.raises(ValueError, match="profile"):
        similarity_between_places(tables["assignments"], profile="budget")


# --------------------------------------------------------------------------- place × place overlap


def test_place_overlap_by_hand(tables):
    t = place_overlap(tables["assignments"])
    assert list(t.columns) == [
        "doc_a", "doc_b", "n_types_a", "n_types_b", "n_shared_types", "shared_types",
        "n_shared_lead_types", "shared_lead_types", "n_pairs_a", "n_pairs_b",
        "n_shared_pairs", "shared_pairs",
    ]  # fmt: skip
    r = t.iloc[0]
    assert (r["doc_a"], r["doc_b"], r["n_types_a"], r["n_types_b"]) == ("cixi", "haimen", 6, 6)
    assert (r["n_shared_types"], r["shared_types"]) == (2, "org;union")
    assert (r["n_shared_lead_types"], r["shared_lead_types"]) == (2, "org;union")
    # cixi: org → union, youth, women, united_front; union → justice (5 pairs).
    # haimen: propaganda → union, hrss; org → hrss, finance, union; hrss → finance, union,
    # science; union → science, finance (10; union's support of haimen-04 yields to its lead).
    assert (r["n_pairs_a"], r["n_pairs_b"]) == (5, 10)
    assert (r["n_shared_pairs"], r["shared_pairs"]) == (1, "org->union")


def switch_example() -> pd.DataFrame:
    rows = [
        ("x", "x1", "lead", "hrss"), ("x", "x1", "support", "union"),
        ("x", "x2", "lead", "union"), ("x", "x2", "support", "finance"),
        ("y", "y1", "lead", "finance"), ("y", "y1", "support", "hrss"),
        ("y", "y1", "support", "union"),
        ("z", "z1", "lead", "hrss"), ("z", "z1", "support", "finance"),
    ]  # fmt: skip
    return pd.DataFrame(
        {
            "doc_id": [r[0] for r in rows],
            "measure_id": [r[1] for r in rows],
            "role": [r[2] for r in rows],
            "agency_id": [f"{r[0]}:{r[3]}" for r in rows],
            "agency_type": [r[3] for r in rows],
            "inherited": False,
            "line": 1,
        }
    )


def test_lead_switches_by_hand(tables):
    # roles: x hrss lead, union lead (and support), finance support;
    #        y finance lead, hrss support, union support; z hrss lead, finance support.
    t = lead_switches(switch_example())
    assert list(t.columns) == [
        "doc_a", "doc_b", "agency_type", "role_in_a", "role_in_b",
        "n_lead_a", "n_support_a", "n_lead_b", "n_support_b",
    ]  # fmt: skip
    got = [tuple(r) for r in t.iloc[:, :5].itertuples(index=False)]
    assert got == [
        ("x", "y", "finance", "support", "lead"),
        ("x", "y", "hrss", "lead", "support"),
        ("x", "y", "union", "lead", "support"),
        ("y", "z", "finance", "lead", "support"),
        ("y", "z", "hrss", "support", "lead"),
    ]
    union = t[t["agency_type"] == "union"].iloc[0]
    assert union[["n_lead_a", "n_support_a", "n_lead_b", "n_support_b"]].tolist() == [1, 1, 0, 1]
    # In the fixture org and union lead in both places: no switch.
    assert lead_switches(tables["assignments"]).empty


def test_place_overlap_three_places():
    t = place_overlap(switch_example())
    assert list(zip(t["doc_a"], t["doc_b"], strict=True)) == [("x", "y"), ("x", "z"), ("y", "z")]
    xz = t.iloc[1]
    assert xz["shared_types"] == "finance;hrss" and xz["shared_lead_types"] == "hrss"
    assert xz["shared_pairs"] == ""  # x: hrss → union; z: hrss → finance
    assert t.iloc[0]["shared_lead_types"] == ""


# --------------------------------------------------------------------------- one-call comparison


def test_cross_region_comparison(tables):
    documents = pd.concat(
        [tables["documents"], pd.DataFrame({"doc_id": ["narrative"], "place_en": ["N"]})],
        ignore_index=True,
    )
    t = cross_region_comparison(tables["assignments"], tables["agencies"], documents, n=100, seed=4)
    assert t.attrs["excluded"] == ["narrative"]
    assert list(t["doc_id"]) == ["cixi", "haimen"]
    assert list(t.columns[:6]) == [
        "doc_id", "place_en", "n_agencies", "n_measures", "n_edges", "n_leads",
    ]  # fmt: skip
    assert list(t.columns[6:]) == [
        f"{name}{suffix}" for name in NETWORK_INDICES for suffix in ("", "_z", "_p")
    ] + ["unit"]
    # Without the measures table the tasks are unknown: rows, and the table says so.
    assert set(t["unit"]) == {"row"}
    assert t.loc[1, "party_lead_share"] == pytest.approx(0.5)
    assert np.isnan(t.loc[0, "density_z"]) and t.loc[0, "density_p"] == 1.0
    long = network_indices_with_null(
        tables["assignments"], agencies=tables["agencies"], n=100, seed=4
    ).set_index(["doc_id", "index"])
    assert t.loc[1, "lead_hhi_z"] == pytest.approx(long.loc[("haimen", "lead_hhi"), "z"])
    again = cross_region_comparison(
        tables["assignments"], tables["agencies"], documents, n=100, seed=4
    )
    pd.testing.assert_frame_equal(t, again)

    coded = SimpleNamespace(  # what agencygraph.parse_corpus() gives
        assignments=tables["assignments"], agencies=tables["agencies"], documents=documents
    )
    pd.testing.assert_frame_equal(cross_region_comparison(coded, n=100, seed=4), t)
    with pytest.raises(ValueError, match="coded corpus"):
        cross_region_comparison(object(), n=5)


METRIC_TABLE_KEYS = {
    "network_indices": ["doc_id"],
    "network_null": ["doc_id"],
    "cross_region": ["doc_id"],
    "agency_centrality": ["doc_id", "agency"],
    "type_centrality": ["agency_type"],
    "brokerage": ["doc_id", "agency"],
    "brokerage_by_system": ["doc_id", "system"],
    "agency_overlap": ["doc_id", "source", "target"],
    "place_overlap": ["doc_a", "doc_b"],
    "lead_switches": ["doc_a", "doc_b", "agency_type"],
    "type_by_place": ["doc_id", "agency_type"],
    "type_cross_region": ["doc_id", "agency_type"],
    "place_similarity": ["profile", "doc_a", "doc_b"],
    "backbone": ["doc_id", "source", "target"],
}


def test_metric_tables_on_bundled_corpus(coded):
    tables = metric_tables(coded, n=200, seed=1)
    assert list(tables) == list(METRIC_TABLE_KEYS)
    for name, keys in METRIC_TABLE_KEYS.items():
        t = tables[name]
        assert not t.empty, name
        assert list(t.index) == list(range(len(t))), name
        rows = list(t[keys].itertuples(index=False))
        if name != "place_similarity":  # profiles in the order degree, lead, support
            assert rows == sorted(rows), name
        if name != "network_null":  # long: one row per document and index
            assert len(set(rows)) == len(rows), name
    cross = tables["cross_region"]
    assert list(cross["doc_id"]) == ["cixi", "haimen", "lijiang"]
    assert cross.attrs["excluded"] == ["ningbo", "shanhu"]
    assert set(tables["network_null"]["n_samples"]) == {200}
    assert set(tables["network_null"]["method"]) == {"full"}
    assert set(tables["type_cross_region"]["method"]) == {"full"}
    assert set(tables["agency_centrality"]["betweenness_method"]) == {"exact"}
    assert list(tables["place_similarity"]["profile"].unique()) == ["degree", "lead", "support"]
    backbone = tables["backbone"]
    assert (backbone["source"] < backbone["target"]).all()
    assert (backbone["p_value"] < 0.05).all()
    assert list(tables["agency_centrality"].columns[:2]) == ["doc_id", "agency"]


def test_metric_tables_agency_centrality_equals_per_document_graphs(tables):
    from agencygraph.graph import bipartite_graph
    from agencygraph.metrics import agency_centrality

    coded = SimpleNamespace(**{k: tables[k] for k in ("assignments", "agencies", "documents")})
    got = metric_tables(coded, n=10, seed=1)["agency_centrality"]
    for doc, part in got.groupby("doc_id"):
        G = bipartite_graph(tables["assignments"], None, tables["agencies"], docs=doc)
        want = agency_centrality(G).reset_index()
        pd.testing.assert_frame_equal(
            part.drop(columns="doc_id").reset_index(drop=True), want, rtol=1e-12
        )


def synthetic_corpus(n_docs: int, seed: int = 0) -> SimpleNamespace:
    """Many small random plans, shaped like ``agencygraph synth`` output (8–14 agencies each)."""
    rng = np.random.default_rng(seed)
    types = ["org", "propaganda", "hrss", "union", "finance", "science", "youth", "women",
             "justice", "education", "health", "commerce", "transport", "housing"]  # fmt: skip
    systems = {"org": "party", "propaganda": "party", "union": "mass_org", "youth": "mass_org",
               "women": "mass_org"}  # fmt: skip
    rows, agencies = [], []
    for d in range(n_docs):
        doc = f"syn{d:04d}"
        own = list(rng.choice(types, size=int(rng.integers(8, 15)), replace=False))
        for t in own:
            agencies.append((f"{doc}:{t}", doc, t, t, t, systems.get(t, "government")))
        for k in range(int(rng.integers(6, 15))):
            members = rng.choice(own, size=int(rng.integers(2, 5)), replace=False)
            for i, t in enumerate(members):
                rows.append((doc, f"{doc}-m{k}", "lead" if i == 0 else "support", t))
    assignments = pd.DataFrame(rows, columns=["doc_id", "measure_id", "role", "agency_type"])
    assignments = assignments.assign(
        agency_id=assignments["doc_id"] + ":" + assignments["agency_type"],
        agency_raw=assignments["agency_type"],
        inherited=False,
        line=1,
    )
    agencies = pd.DataFrame(
        agencies, columns=["agency_id", "doc_id", "name_zh", "name_en", "agency_type", "system"]
    )
    documents = pd.DataFrame({"doc_id": sorted(set(assignments["doc_id"]))})
    documents["place_en"] = documents["doc_id"].str.upper()
    return SimpleNamespace(assignments=assignments, agencies=agencies, documents=documents)


def test_large_corpus_switches_to_sampled_methods_and_says_so(monkeypatch):
    from agencygraph import settings

    coded = synthetic_corpus(60)
    monkeypatch.setattr(settings, "NULL_MIN_SAMPLES", 10)
    monkeypatch.setattr(settings, "NULL_LOUVAIN_BUDGET", 100)
    monkeypatch.setattr(settings, "PAIR_TABLES_MAX_DOCS", 50)
    monkeypatch.setattr(settings, "BETWEENNESS_EXACT_NODES", 12)
    t = metric_tables(coded, n=40, seed=2, budget=200)  # 60 docs > NULL_FULL_DOCS = 50

    null = t["network_null"]
    per_doc = null.groupby("doc_id")["method"].first()
    # every document gets a null: max(NULL_MIN_SAMPLES, 200 // 60) = 10 samples each
    assert per_doc.value_counts().to_dict() == {"reduced": 60}
    reduced = null[null["method"] == "reduced"].set_index("index")
    assert set(reduced.loc["lead_hhi", "n_samples"]) == {10}
    assert reduced.loc["lead_hhi", "z"].notna().any()
    # Louvain's budget (NULL_LOUVAIN_BUDGET // 60 draws) is under NULL_LOUVAIN_SAMPLES: skipped
    louvain = null[null["index"].isin(["modularity", "n_communities"])]
    assert set(louvain["method"]) == {"skipped"} and (louvain["n_samples"] == 0).all()
    assert louvain["z"].isna().all() and louvain["p_value"].isna().all()
    assert louvain["observed"].notna().any()
    # seeded: the same draws again, others under another seed
    again = metric_tables(coded, n=40, seed=2, budget=200)["network_null"]
    pd.testing.assert_frame_equal(null, again)
    other = metric_tables(coded, n=40, seed=3, budget=200)["network_null"]
    assert not np.allclose(other["null_mean"].fillna(0), null["null_mean"].fillna(0))
    cross = t["cross_region"].set_index("doc_id")
    assert cross["lead_hhi_z"].notna().sum() > 30

    roles = t["type_cross_region"]
    assert set(roles["method"]) == {"reduced"} and set(roles["n_samples"]) == {10}
    assert roles["lead_role_share_null_mean"].between(0, 1).all()

    centrality = t["agency_centrality"]
    assert set(centrality["betweenness_method"]) == {"exact", "sampled"}  # components > 12 nodes
    for name in ("place_overlap", "lead_switches", "place_similarity"):
        assert t[name].empty and "PAIR_TABLES_MAX_DOCS" in t[name].attrs["skipped"]
    with_pairs = metric_tables(coded, n=5, seed=2, budget=200, pair_tables=True)
    assert len(with_pairs["place_overlap"]) == 60 * 59 // 2


def test_role_null_reduced_matches_exact_expectation(tables, monkeypatch):
    from agencygraph import settings

    # Past NULL_FULL_DOCS the role null is drawn all at once; its mean must match the
    # exact expectation of the role shuffle: E[leads of t] = sum over t's measures of l_k / n_k.
    monkeypatch.setattr(settings, "NULL_FULL_DOCS", 1)
    monkeypatch.setattr(settings, "NULL_MIN_SAMPLES", 3000)
    t = cross_region_table(tables["assignments"], n=4000, seed=3).set_index(
        ["doc_id", "agency_type"]
    )
    org = t.loc[("cixi", "org")]
    assert org["method"] == "reduced" and org["n_samples"] == 3000
    assert org["lead_role_share_null_mean"] == pytest.approx(1.25 / 3, abs=0.01)


def test_null_cost_grows_smoothly_with_the_corpus():
    # Issue 18: no cliff at NULL_FULL_DOCS (30 plans used to cost more than 200).
    from agencygraph.metrics import _null_plan

    totals = []
    for n_docs in range(1, 1200):
        plan = _null_plan([f"d{i:04d}" for i in range(n_docs)], n=1000, seed=1, budget=None)
        assert {method for _, method in plan.values()} <= {"full", "reduced"}  # none skipped
        assert len(plan) == n_docs and min(s for s, _ in plan.values()) >= 100
        totals.append(sum(s for s, _ in plan.values()))
    for before, after in itertools.pairwise(totals):
        assert 0.98 * before <= after <= before + 1000  # no step down, no jump up
    assert totals[29] < totals[199] < totals[999]


def test_reduced_null_keeps_louvain_within_its_budget(monkeypatch):
    from agencygraph import settings
    from agencygraph.metrics import network_indices_with_null

    coded = synthetic_corpus(60, seed=4)
    monkeypatch.setattr(settings, "NULL_MIN_SAMPLES", 10)
    null = network_indices_with_null(coded.assignments, n=30, seed=1, budget=600)
    assert set(null["method"]) == {"reduced"}
    louvain = null[null["index"] == "modularity"]
    assert louvain["n_samples"].between(1, 10).all() and louvain["z"].notna().any()
    # degrees and roles preserved: the invariant indices have no spread
    density = null[null["index"] == "density"]
    assert (density["null_sd"] == 0).all()
