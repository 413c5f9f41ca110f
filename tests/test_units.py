"""Units of analysis (rows, tasks, inherited cells) and collective actors (issue 20)."""

from __future__ import annotations

import re
from importlib import resources

import numpy as np
import pandas as pd
import pytest

from agencygraph.agencies import load_lexicon
from agencygraph.backbone import sdsm_backbone
from agencygraph.compare import cross_region_comparison
from agencygraph.graph import bipartite_graph, incidence_matrix, project_agencies
from agencygraph.metrics import agency_centrality, network_indices
from agencygraph.units import (
    collapse_tasks,
    collective_patterns,
    inherited_weights,
    is_collective,
    prepare,
    task_ids,
)

# A small table plan, written by hand. Task 1 has rows r1-r3: lead 甲 in a merged cell
# written on r1 and carried down to r2 and r3 (line 10), support 乙 on r1, 丙 on r2. Task 2
# has rows r4-r5: lead 丁 on r4, lead 甲 written again on r5, support 乙 in a merged cell
# written on r4 and carried down to r5 (line 40).
MEASURES = pd.DataFrame(
    {
        "doc_id": ["p"] * 5,
        "measure_id": ["p-r1", "p-r2", "p-r3", "p-r4", "p-r5"],
        "section_no": [1] * 5,
        "task_no": [1, 1, 1, 2, 2],
        "text": ["一", "二", "三", "四", "五"],
        "line": [10, 20, 30, 40, 50],
    }
)
_ROWS = [
    # measure, role, unit, inherited, line
    ("p-r1", "lead", "甲", False, 10),
    ("p-r1", "support", "乙", False, 11),
    ("p-r2", "lead", "甲", True, 10),
    ("p-r2", "support", "丙", False, 21),
    ("p-r3", "lead", "甲", True, 10),
    ("p-r4", "lead", "丁", False, 40),
    ("p-r4", "support", "乙", False, 41),
    ("p-r5", "lead", "甲", False, 50),
    ("p-r5", "support", "乙", True, 41),
]
_IDS = {"甲": "a", "乙": "b", "丙": "c", "丁": "d"}
ASSIGNMENTS = pd.DataFrame(
    {
        "doc_id": ["p"] * len(_ROWS),
        "measure_id": [r[0] for r in _ROWS],
        "role": [r[1] for r in _ROWS],
        "agency_raw": [f"市{r[2]}局" for r in _ROWS],
        "agency_id": [f"p:{_IDS[r[2]]}" for r in _ROWS],
        "agency_type": [_IDS[r[2]] for r in _ROWS],
        "inherited": [r[3] for r in _ROWS],
        "line": [r[4] for r in _ROWS],
    }
)


def _indices(unit: str, inherited: str) -> pd.Series:
    t = network_indices(ASSIGNMENTS, measures=MEASURES, unit=unit, inherited=inherited)
    return t.set_index("doc_id").loc["p"]


def test_task_ids_name_each_task_by_its_first_row():
    assert task_ids(MEASURES).tolist() == ["p-r1", "p-r1", "p-r1", "p-r4", "p-r4"]


def test_tasks_by_hand():
    # Rows: 5 measures; leads 甲 ×4 (r1, r2, r3, r5) and 丁 ×1: HHI (4/5)² + (1/5)² = 0.68.
    rows = _indices("row", "keep")
    assert (rows["n_measures"], rows["n_leads"], rows["n_edges"]) == (5, 5, 9)
    assert rows["lead_hhi"] == pytest.approx(0.68)
    assert rows["lead_top_share"] == pytest.approx(0.8)
    # Tasks: task 1 = {甲 lead, 乙, 丙 support}, task 2 = {丁, 甲 lead, 乙 support}:
    # 2 measures, 6 edges, leads 甲 ×2 and 丁 ×1: HHI (2/3)² + (1/3)² = 5/9.
    tasks = _indices("task", "keep")
    assert (tasks["n_measures"], tasks["n_leads"], tasks["n_edges"]) == (2, 3, 6)
    assert tasks["lead_hhi"] == pytest.approx(5 / 9)
    assert tasks["density"] == pytest.approx(6 / (4 * 2))
    # Rows without inherited cells: r3 has none left (a measure of the measures table
    # without units); leads 甲 (r1, r5) and 丁.
    dropped = _indices("row", "drop")
    assert (dropped["n_measures"], dropped["n_leads"], dropped["n_edges"]) == (5, 3, 6)
    assert dropped["lead_hhi"] == pytest.approx(5 / 9)
    collapsed = collapse_tasks(ASSIGNMENTS, MEASURES)
    pairs = zip(collapsed["measure_id"], collapsed["agency_id"], collapsed["role"], strict=True)
    assert sorted(pairs) == [
        ("p-r1", "p:a", "lead"),
        ("p-r1", "p:b", "support"),
        ("p-r1", "p:c", "support"),
        ("p-r4", "p:a", "lead"),
        ("p-r4", "p:b", "support"),
        ("p-r4", "p:d", "lead"),
    ]


def test_a_unit_keeps_its_strongest_role_in_a_task():
    a = ASSIGNMENTS.copy()
    a.loc[a["measure_id"] == "p-r2", "role"] = ["support", "lead"]  # 甲 support, 丙 lead on r2
    t = collapse_tasks(a, MEASURES).set_index(["measure_id", "agency_id"])["role"]
    assert t[("p-r1", "p:a")] == "lead"  # lead on r1 and r3 beats support on r2
    assert t[("p-r1", "p:c")] == "lead"


def test_inherited_weights_by_hand():
    # Row unit: the 甲 cell (line 10) spans r1-r3 (1/3 each), the 乙 cell (line 41) r4-r5
    # (1/2 each); every other cell spans one row.
    w = inherited_weights(ASSIGNMENTS)
    assert w.tolist() == pytest.approx([1 / 3, 1, 1 / 3, 1, 1 / 3, 1, 1 / 2, 1, 1 / 2])
    # Task unit: each merged cell stays within one task, so weighs 1 there.
    assert inherited_weights(ASSIGNMENTS, task_ids(MEASURES)).tolist() == [1.0] * 9
    # The weighted incidence: 甲's lead weight 2 × 1/3 on r1-r3.
    B, rows, _ = incidence_matrix(ASSIGNMENTS, inherited="weight", weighted=True)
    a = rows.index("p:a")
    assert B.toarray()[a].tolist() == pytest.approx([2 / 3, 2 / 3, 2 / 3, 0, 2])
    # Each merged cell counts once in total: 甲 leads 1 (cell) + 1 (r5).
    G = bipartite_graph(ASSIGNMENTS, MEASURES, inherited="weight")
    lead_weight = sum(d["unit_weight"] for u, v, d in G.edges("p:a", data=True))
    assert lead_weight == pytest.approx(2.0)


def test_weight_is_refused_by_binary_statistics():
    with pytest.raises(ValueError, match="network_indices counts each assignment"):
        network_indices(ASSIGNMENTS, inherited="weight")


def test_prepare_is_idempotent_and_leaves_defaults_alone():
    a, m = prepare(ASSIGNMENTS, MEASURES)
    assert a is ASSIGNMENTS and m is MEASURES
    once = prepare(ASSIGNMENTS, MEASURES, unit="task", inherited="weight")
    twice = prepare(*once, unit="task", inherited="weight")
    pd.testing.assert_frame_equal(once[0], twice[0])
    pd.testing.assert_frame_equal(once[1], twice[1])
    assert once[1]["n_rows"].tolist() == [3, 2]
    assert once[1]["text"].tolist() == ["一\n二\n三", "四\n五"]
    with pytest.raises(ValueError, match="task_no"):
        prepare(ASSIGNMENTS, None, unit="task")


def test_weighted_projection_by_hand():
    # Task 2: 丁 lead (2) and 乙 support (1) share it; 甲 lead (2) too.
    P = project_agencies(ASSIGNMENTS, measures=MEASURES, unit="task", weight=True, as_frame=True)
    w = {(s, t): x for s, t, x in P.itertuples(index=False)}
    assert w[("p:a", "p:b")] == 2 * 1 + 2 * 1  # tasks 1 and 2, lead × support each
    assert w[("p:a", "p:d")] == 2 * 2
    assert w[("p:b", "p:c")] == 1
    binary = project_agencies(ASSIGNMENTS, measures=MEASURES, unit="task", as_frame=True)
    assert binary["weight"].max() == 2  # 甲 and 乙 share two tasks


# --------------------------------------------------------------------------- the bundled plans


def test_cixi_counts_the_issue_quotes(coded):
    a = coded.assignments[coded.assignments["doc_id"] == "cixi"]
    inherited = a["inherited"].astype(str).str.lower() == "true"
    lead = a["role"] == "lead"
    assert (len(a), int(inherited.sum())) == (166, 64)
    assert (int(lead.sum()), int((lead & inherited).sum())) == (57, 35)
    tasks, task_measures = prepare(a, coded.measures, unit="task")
    assert tasks["measure_id"].nunique() == 22
    assert int((task_measures["doc_id"] == "cixi").sum()) == 22
    # The SDSM backbone: 6 edges as built, 1 with rows merged into tasks or without
    # inherited cells (issue 20).
    edges = {}
    for name, options in {
        "row": {},
        "task": {"unit": "task", "measures": coded.measures, "docs": "cixi"},
        "drop": {"inherited": "drop"},
    }.items():
        B, _, _ = incidence_matrix(a, **options)
        edges[name] = sdsm_backbone(B).number_of_edges()
    assert edges == {"row": 6, "task": 1, "drop": 1}


def test_cross_region_counts_tasks_by_default(coded):
    t = cross_region_comparison(coded, n=20, seed=1).set_index("doc_id")
    assert t["unit"].tolist() == ["task", "task", "task"]
    assert t.loc["cixi", "n_measures"] == 22
    # Inline plans have one row per task: the same figures either way (but for the p-values
    # adjusted over the whole table, whose family holds Cixi's tests too).
    rows = cross_region_comparison(coded, n=20, seed=1, unit="row").set_index("doc_id")
    assert rows.loc["cixi", "n_measures"] == 57 and rows["unit"].eq("row").all()
    cols = [c for c in t.columns if c != "unit" and not c.endswith("_p_adjusted")]
    pd.testing.assert_frame_equal(
        t.loc[["haimen", "lijiang"], cols], rows.loc[["haimen", "lijiang"], cols]
    )


# --------------------------------------------------------------------------- collectives


def _lexicon(name: str) -> pd.DataFrame:
    path = resources.files("agencygraph").joinpath("data", name)
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def test_collectives_file_is_valid_and_every_rule_is_used():
    table = collective_patterns()
    assert list(table.columns) == ["kind", "pattern", "example", "note"]
    assert not table.duplicated(["kind", "pattern"]).any()
    assert (table["note"] != "").all() and (table["example"] != "").all()
    types = _lexicon("agency_types.csv")
    system = dict(zip(types["agency_type"], types["system"], strict=True))
    for kind, pattern, example, _ in table.itertuples(index=False):
        if kind == "type":
            assert system.get(pattern) == "aggregate", pattern
            # The example is a name the lexicon resolves to that type.
            assert load_lexicon().resolve(example).agency_type == pattern, example
            assert is_collective(pd.Series([example]), pd.Series([pattern]))[0]
        else:
            # Each pattern flags its own example by itself.
            assert re.search(pattern, example), (pattern, example)
            assert is_collective(pd.Series([example]))[0], example
    # Every type of the aggregate system is listed.
    listed = set(table.loc[table["kind"] == "type", "pattern"])
    assert listed == {t for t, s in system.items() if s == "aggregate"}


def test_single_organisations_are_not_collective():
    # The union on every measure of a plan is still one organisation.
    names = ["市总工会", "县总工会", "市委组织部", "市人力社保局", "团市委", "市妇联", "市委市政府"]
    assert not is_collective(pd.Series(names)).any()
    aliases = _lexicon("agency_aliases.csv")
    types = _lexicon("agency_types.csv")
    system = dict(zip(types["agency_type"], types["system"], strict=True))
    single = aliases[aliases["agency_type"].map(system) != "aggregate"]
    flagged = single.loc[is_collective(single["alias"]), "alias"]
    # Only units named as a group (各开发区: every development zone) are flagged.
    assert flagged.str.startswith("各").all(), flagged.tolist()


def test_collectives_flagged_and_droppable(coded):
    flagged = coded.agencies.loc[coded.agencies["collective"], "agency_id"].tolist()
    assert flagged == ["cixi:mass_orgs_all", "lijiang:subordinate_govs"]
    a = coded.assignments
    lijiang = a[a["doc_id"] == "lijiang"]
    G = bipartite_graph(lijiang, coded.measures, coded.agencies)
    t = agency_centrality(G)
    assert t.loc["lijiang:subordinate_govs", "collective"]
    # 各县(区)党委和政府 tops betweenness as coded; dropped, it is gone.
    assert t["betweenness"].idxmax() == "lijiang:subordinate_govs"
    dropped = agency_centrality(G, collectives="drop")
    assert "lijiang:subordinate_govs" not in dropped.index
    H = bipartite_graph(lijiang, coded.measures, coded.agencies, collectives="drop")
    assert "lijiang:subordinate_govs" not in H and len(H) < len(G)
    n = network_indices(lijiang, collectives="drop").set_index("doc_id")
    assert n.loc["lijiang", "n_agencies"] == len(t) - 1


def test_eigenvector_per_component_ranks_like_each_plan_alone(coded):
    G = bipartite_graph(coded.assignments, coded.measures, coded.agencies)
    t = agency_centrality(G)
    for doc in ("cixi", "haimen", "lijiang"):
        alone = agency_centrality(bipartite_graph(coded.assignments, coded.measures, docs=doc))
        mine = t[t["place"] == doc]
        assert mine["eigenvector"].gt(0).all()
        np.testing.assert_allclose(
            mine["eigenvector_pct"].sort_index(), alone["eigenvector_pct"].sort_index()
        )
        ratio = mine["eigenvector"].sort_index() / alone["eigenvector"].sort_index()
        np.testing.assert_allclose(ratio, ratio.iloc[0])  # one scale factor per plan


def test_build_command_takes_the_unit_options():
    from agencygraph.cli import _parser

    args = _parser().parse_args(["build", "--unit", "task", "--inherited", "drop"])
    assert (args.unit, args.inherited, args.collectives) == ("task", "drop", "keep")
    assert _parser().parse_args(["build"]).unit is None  # cross_region: tasks where known
    with pytest.raises(SystemExit):
        _parser().parse_args(["build", "--collectives", "some"])
