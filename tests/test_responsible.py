"""How the third role ``responsible`` is counted by graph, metrics and compare.

A hand-made plan: measure m1 has a lead (a) and a support (b); m2 names a and c
jointly responsible; m3 names b and c jointly responsible, with c also a support.
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from agencygraph import settings
from agencygraph.compare import metric_tables, type_by_place
from agencygraph.graph import bipartite_graph, count_responsible, lead_support_network
from agencygraph.metrics import brokerage_table, network_indices, role_matrices


@pytest.fixture
def plan() -> pd.DataFrame:
    rows = [
        ("m1", "lead", "a"),
        ("m1", "support", "b"),
        ("m2", "responsible", "a"),
        ("m2", "responsible", "c"),
        ("m3", "responsible", "b"),
        ("m3", "responsible", "c"),
        ("m3", "support", "c"),
    ]
    frame = pd.DataFrame(rows, columns=["measure_id", "role", "agency_type"])
    return frame.assign(
        doc_id="d",
        agency_id="d:" + frame["agency_type"],
        agency_raw=frame["agency_type"],
        inherited=False,
        line=range(1, len(frame) + 1),
    )


def _edges(G):
    return {(u if u.startswith("d:") else v, v if u.startswith("d:") else u): d for u, v, d in
            G.edges(data=True)}  # fmt: skip


def test_default_counts_responsible_as_lead(plan):
    assert settings.RESPONSIBLE == "lead"
    edges = _edges(bipartite_graph(plan, None))
    assert edges[("d:a", "m2")]["role"] == "lead"
    assert edges[("d:c", "m3")]["role"] == "lead"  # lead beats the support of the same unit
    assert edges[("d:c", "m3")]["weight"] == settings.ROLE_WEIGHTS["lead"]
    assert network_indices(plan).loc[0, "n_leads"] == 5


def test_responsible_as_support(plan):
    edges = _edges(bipartite_graph(plan, None, responsible="support"))
    assert {d["role"] for (_, m), d in edges.items() if m != "m1"} == {"support"}
    assert network_indices(plan, responsible="support").loc[0, "n_leads"] == 1
    # m2 and m3 have no lead: no lead → support ties there
    got = lead_support_network(plan, responsible="support", as_frame=True)
    assert got.values.tolist() == [["d:a", "d:b", 1]]


def test_responsible_apart_is_a_third_role(plan):
    edges = _edges(bipartite_graph(plan, None, responsible="apart"))
    assert edges[("d:a", "m2")]["role"] == "responsible"
    assert edges[("d:a", "m2")]["weight"] == settings.ROLE_WEIGHTS["responsible"]
    assert edges[("d:c", "m3")]["role"] == "responsible"  # beats the support
    R, rows, cols = role_matrices(plan, responsible="apart")["d"]
    assert rows == ["d:a", "d:b", "d:c"] and cols == ["m1", "m2", "m3"]
    assert R.tolist() == [[2, 3, 0], [1, 0, 3], [0, 3, 3]]
    indices = network_indices(plan, responsible="apart").iloc[0]
    assert indices["n_leads"] == 1 and indices["n_edges"] == 6
    # In neither the lead nor the support side of lead → support ties and brokerage.
    assert lead_support_network(plan, responsible="apart", as_frame=True).values.tolist() == [
        ["d:a", "d:b", 1]
    ]
    brokerage = brokerage_table(plan, responsible="apart")
    assert brokerage["total"].sum() == 0


def test_the_option_reaches_the_metric_tables(plan):
    coded = SimpleNamespace(
        assignments=plan, agencies=None, documents=pd.DataFrame({"doc_id": ["d"]})
    )
    counts = {
        how: type_by_place(plan, responsible=how).set_index("agency_type")[["n_lead", "n_support"]]
        for how in ("lead", "support", "apart")
    }
    assert counts["lead"].loc["c"].tolist() == [2, 0]
    assert counts["support"].loc["c"].tolist() == [0, 2]
    assert counts["apart"].loc["c"].tolist() == [0, 0]  # on m3 responsible beats its support
    apart = metric_tables(coded, n=5, seed=1, responsible="apart")
    lead = metric_tables(coded, n=5, seed=1)
    assert apart["network_indices"].loc[0, "n_leads"] == 1
    assert lead["network_indices"].loc[0, "n_leads"] == 5


def test_count_responsible_and_bad_values(plan):
    assert (count_responsible(plan, "support").role == "responsible").sum() == 0
    assert count_responsible(plan, "apart") is plan
    with pytest.raises(ValueError, match="responsible must be one of"):
        bipartite_graph(plan, None, responsible="co-lead")
