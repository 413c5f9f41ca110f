"""Graph files: GEXF, GraphML and node-link JSON (agencygraph.export)."""

from __future__ import annotations

import json
import math

import networkx as nx
import numpy as np
import pytest

from agencygraph.export import (
    gexf_bytes,
    graphml_bytes,
    node_link_json_bytes,
    sanitize_graph,
    write_gexf,
    write_graphml,
    write_node_link_json,
)

HOSTILE = '<script>alert(1)</script> & "引号"'


def _graph(reverse: bool = False) -> nx.Graph:
    """A small two-mode graph with awkward attribute values, in either insertion order."""
    nodes = [
        (
            "haimen:union",
            {
                "bipartite": 0,
                "kind": "agency",
                "name_zh": "市总工会",
                "name_en": "Haimen Federation of Trade Unions",
                "system": "mass_org",
                "place": None,
                "score": np.float64(0.25),
                "docs": ["haimen", "cixi"],
            },
        ),
        (
            "haimen:hrss",
            {
                "bipartite": np.int64(0),
                "kind": "agency",
                "name_zh": "市人社局",
                "name_en": "",
                "system": "government",
                "place": "haimen",
                "score": None,
                "docs": ("haimen",),
            },
        ),
        (
            "haimen-s1-m2",
            {
                "bipartite": 1,
                "kind": "measure",
                "text": HOSTILE,
                "section": "思想政治建设",
                "doc_id": "haimen",
                "line": np.int64(14),
            },
        ),
    ]
    edges = [
        (
            "haimen:union",
            "haimen-s1-m2",
            {"role": "lead", "inherited": False, "line": 14, "weight": 2.0},
        ),
        (
            "haimen-s1-m2",
            "haimen:hrss",
            {"role": "support", "inherited": np.bool_(True), "line": 14, "weight": np.float64(1.0)},
        ),
    ]
    if reverse:
        nodes, edges = nodes[::-1], edges[::-1]
    G = nx.Graph(docs="haimen", roles="lead;support", inherited=True, skipped_unresolved=0)
    G.add_nodes_from(nodes)
    G.add_edges_from(edges)
    return G


def test_sanitize_graph():
    H = sanitize_graph(_graph())
    union, hrss = H.nodes["haimen:union"], H.nodes["haimen:hrss"]
    assert union["place"] == ""  # None in a text attribute
    assert union["docs"] == "haimen;cixi" and hrss["docs"] == "haimen"
    assert type(hrss["bipartite"]) is int
    assert type(H.nodes["haimen-s1-m2"]["line"]) is int
    assert union["score"] == 0.25 and math.isnan(hrss["score"])  # None in a numeric one
    inherited = H.edges["haimen:hrss", "haimen-s1-m2"]["inherited"]
    assert inherited is True
    assert type(H.edges["haimen:hrss", "haimen-s1-m2"]["weight"]) is float
    assert list(H.nodes) == sorted(H.nodes)
    assert list(union) == sorted(union)


def test_sanitize_mixed_types():
    G = nx.DiGraph()
    G.add_node("a", x=1, y=True, z=1, w={"k": 1})
    G.add_node("b", x=2.5, y=None, z="text", w={3})
    H = sanitize_graph(G)
    assert H.is_directed()
    assert H.nodes["a"]["x"] == 1.0 and type(H.nodes["a"]["x"]) is float
    assert H.nodes["a"]["y"] == "true" and H.nodes["b"]["y"] == ""  # bool with a gap: text
    assert H.nodes["a"]["z"] == "1" and H.nodes["b"]["z"] == "text"
    assert H.nodes["a"]["w"] == '{"k": 1}' and H.nodes["b"]["w"] == "3"


@pytest.mark.parametrize(
    ("writer", "reader", "suffix"),
    [(write_gexf, nx.read_gexf, "gexf"), (write_graphml, nx.read_graphml, "graphml")],
)
def test_xml_round_trip(tmp_path, writer, reader, suffix):
    path = writer(_graph(), tmp_path / f"haimen.{suffix}")
    H = reader(path)
    assert set(H.nodes) == {"haimen:union", "haimen:hrss", "haimen-s1-m2"}
    union = H.nodes["haimen:union"]
    assert union["name_zh"] == "市总工会"
    assert union["place"] == ""
    assert union["docs"] == "haimen;cixi"
    assert union["bipartite"] == 0 and union["score"] == 0.25
    assert math.isnan(H.nodes["haimen:hrss"]["score"])
    measure = H.nodes["haimen-s1-m2"]
    assert measure["text"] == HOSTILE
    assert measure["line"] == 14
    lead = H.edges["haimen:union", "haimen-s1-m2"]
    support = H.edges["haimen:hrss", "haimen-s1-m2"]
    assert lead["role"] == "lead" and lead["inherited"] is False and lead["weight"] == 2.0
    assert support["role"] == "support" and support["inherited"] is True
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_json_round_trip(tmp_path):
    path = write_node_link_json(_graph(), tmp_path / "haimen.json")
    text = path.read_text(encoding="utf-8")
    assert "市总工会" in text  # not \\u-escaped
    assert text.endswith("}\n")
    data = json.loads(text)
    assert data["graph"]["docs"] == "haimen"
    H = nx.node_link_graph(data, edges="edges")
    assert H.nodes["haimen:union"]["docs"] == "haimen;cixi"
    assert H.nodes["haimen:hrss"]["score"] is None  # NaN has no JSON form
    assert H.edges["haimen:hrss", "haimen-s1-m2"]["inherited"] is True
    assert H.nodes["haimen-s1-m2"]["text"] == HOSTILE
    assert json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2) + "\n" == text


@pytest.mark.parametrize("to_bytes", [gexf_bytes, graphml_bytes, node_link_json_bytes])
def test_graph_files_are_deterministic(to_bytes):
    first = to_bytes(_graph())
    assert first == to_bytes(_graph())
    assert first == to_bytes(_graph(reverse=True))


def test_gexf_has_no_date(tmp_path):
    a = write_gexf(_graph(), tmp_path / "a.gexf").read_bytes()
    b = write_gexf(_graph(), tmp_path / "b.gexf").read_bytes()
    assert a == b
    assert b"lastmodifieddate" not in a


def test_directed_graph_round_trip(tmp_path):
    D = nx.DiGraph()
    D.add_node("cixi:org", name_zh="市委组织部", system="party")
    D.add_node("cixi:union", name_zh="市总工会", system="mass_org")
    D.add_edge("cixi:org", "cixi:union", weight=np.int64(2))
    for writer, reader in ((write_gexf, nx.read_gexf), (write_graphml, nx.read_graphml)):
        H = reader(writer(D, tmp_path / f"d.{writer.__name__}"))
        assert H.is_directed()
        assert list(H.edges) == [("cixi:org", "cixi:union")]
        assert H.edges["cixi:org", "cixi:union"]["weight"] == 2
